"""`notesbot bench --anchor bm25s`: the same notes and questions searched by bm25s, as a yardstick.

bm25s (a dev dependency) indexes the bot's own answerable passages (their normalised texts), cut by
plain jieba in search mode (`cut_for_search`, its full dictionary, Latin words as jieba gives
them); a question is normalised the same way, cut, scored (`BM25.get_scores`) and its best ten
taken. Its build counts jieba's start, the cutting and bm25s's indexing. Its peak memory is
measured in a fresh interpreter doing the same (in the benchmark's own process it would only add
to the bot's).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

__all__ = ["Anchor", "build_anchor", "anchor_memory"]

_TOP = 10


class Anchor:
    """bm25s over jieba search tokens, built from a list of texts."""

    def __init__(self, texts: Sequence[str]) -> None:
        import bm25s

        from bot.search.tokenize import quiet_jieba

        jieba = quiet_jieba()
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        corpus = [self._tokens(text) for text in texts]
        self.retriever = bm25s.BM25()
        self.retriever.index(corpus, show_progress=False)
        self.vocabulary = self.retriever.vocab_dict

    def _tokens(self, text: str) -> list[str]:
        return [word for word in self.jieba.cut_for_search(text) if word.strip()]

    def search(self, question: str) -> list[int]:
        """The best rows for a question (up to ten), best first."""
        import numpy as np

        from bot.search.text import normalize

        known = [word for word in self._tokens(normalize(question)) if word in self.vocabulary]
        if not known:
            return []
        scores = self.retriever.get_scores(known)
        top = min(_TOP, len(scores))
        best = np.argpartition(-scores, top - 1)[:top]
        return [int(row) for row in best[np.argsort(-scores[best], kind="stable")]]


def build_anchor(texts: Sequence[str]) -> tuple[Anchor, float]:
    """The anchor over the texts and the seconds its build took (jieba's start included)."""
    started = time.perf_counter()
    anchor = Anchor(texts)
    return anchor, time.perf_counter() - started


def timed(search: Callable[[str], Any], question: str) -> float:
    """Milliseconds one search took."""
    begun = time.perf_counter()
    search(question)
    return (time.perf_counter() - begun) * 1000


_MEMORY = """
import json, sys
from bot.cli.anchor import Anchor
data = json.load(open(sys.argv[1], encoding="utf-8"))
anchor = Anchor(data["texts"])
for question in data["questions"]:
    anchor.search(question)
peak = 0.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(json.dumps({"rss_mb": peak}))
"""


def anchor_memory(texts: Sequence[str], questions: Sequence[str], work: Path) -> float | None:
    """Peak RSS (MB) of a fresh interpreter building the anchor and answering the questions."""
    data = work / "anchor.json"
    data.write_text(json.dumps({"texts": list(texts), "questions": list(questions)}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _MEMORY, str(data)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return None
    return float(json.loads(done.stdout)["rss_mb"])
