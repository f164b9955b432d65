"""`notesbot eval FILE`: score a question set — hit@1, hit@3, refusal, false refusals, a reliability
table, then each miss with its kind.

The protocol is the one of the shared eval README: a line is {"id", "question", "answers"}; an
in-scope question (answers not empty) is a hit when the passage's plain text (Markdown markers
removed, white space folded) contains one of its answers; an out-of-scope one (answers == [])
must be refused.

The reliability table sorts the answers given by their confidence into bands of 0.1 and shows the
share right in each: when the confidence means what it says, the share is close to the band. Each
miss says what went wrong: *refused* (the notes answer it, the bot said they do not), *answered out
of scope*, *neighbouring passage* (the answer stands next to the passage shown, in its section or
one of its parts), *non-answer chosen* (a heading-like, link or very short line), or *wrong
passage* (elsewhere in the notes).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.ask import add_corpus_arguments, open_library

if TYPE_CHECKING:  # pragma: no cover
    from bot.search.index import Index

_SPACE = re.compile(r"\s+")
_MARKERS = re.compile(r"(?m)\*\*|^\s*(?:>|[-*+]\s)|\|")


def plain(text: str) -> str:
    """A passage's text as the eval protocol compares it: no Markdown markers, white space folded."""
    return _SPACE.sub(" ", _MARKERS.sub(" ", text)).strip()


BANDS = 10
_SHORT = 12  # characters: a line this short reads as a heading or label, not an answer


@dataclass
class Report:
    """The figures of one run over a question set."""

    in_scope: int = 0
    out_of_scope: int = 0
    hit1: int = 0
    hit3: int = 0
    refused: int = 0
    false_refusals: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    answered: list[tuple[float, bool]] = field(default_factory=list)  # (confidence, right) of each answer given

    def reliability(self) -> list[tuple[float, float, int, float]]:
        """(band low, band high, answers, share right) for each band of confidence holding answers."""
        rows = []
        for band in range(BANDS):
            low, high = band / BANDS, (band + 1) / BANDS
            inside = [right for score, right in self.answered if low <= score < high or (band == BANDS - 1 and score == 1.0)]
            if inside:
                rows.append((low, high, len(inside), sum(inside) / len(inside)))
        return rows

    def figures(self) -> dict[str, Any]:
        """The summary as numbers (rates in [0, 1])."""
        return {
            "questions": self.in_scope + self.out_of_scope,
            "in_scope": self.in_scope,
            "out_of_scope": self.out_of_scope,
            "hit@1": round(self.hit1 / self.in_scope, 4) if self.in_scope else None,
            "hit@3": round(self.hit3 / self.in_scope, 4) if self.in_scope else None,
            "refusal": round(self.refused / self.out_of_scope, 4) if self.out_of_scope else None,
            "false_refusals": self.false_refusals,
        }


def evaluate(index: "Index", rows: list[dict[str, Any]]) -> Report:
    """Answer every question and score it against its expected answers."""
    from bot.search.answer import Answer, answer_question

    report = Report()
    for row in rows:
        question = str(row.get("question", ""))
        expected = [str(a) for a in row.get("answers") or []]
        result = answer_question(index, question)
        shown = [result.best, *result.related] if isinstance(result, Answer) else []
        texts = [plain(hit.passage.text) for hit in shown]
        if expected:
            report.in_scope += 1
            first = bool(texts) and any(a in texts[0] for a in expected)
            top3 = any(a in t for t in texts[:3] for a in expected)
            report.hit1 += first
            report.hit3 += top3
            if shown:
                report.answered.append((shown[0].score, first))
            else:
                report.false_refusals += 1
            if not first:
                kind = _kind_of_miss(index, shown[0].passage, expected) if shown else "refused"
                report.misses.append(_miss(row, shown[0] if shown else None, kind))
        else:
            report.out_of_scope += 1
            if not shown:
                report.refused += 1
            else:
                report.answered.append((shown[0].score, False))
                report.misses.append(_miss(row, shown[0], "answered out of scope"))
    return report


def _kind_of_miss(index: "Index", shown: Any, expected: list[str]) -> str:
    """What a wrong answer was: a non-answer, a neighbour of the right passage, or elsewhere."""
    passages = index.corpus.passages
    if len(shown.text) <= _SHORT:
        return "non-answer chosen"
    right = [p for p in passages if any(a in plain(p.text) for a in expected)]
    near = {shown.id, *shown.parts}
    if any(p.file == shown.file and (p.section == shown.section or p.id in near or near & set(p.parts)) for p in right):
        return "neighbouring passage"
    return "wrong passage"


def _miss(row: dict[str, Any], hit: Any, kind: str) -> dict[str, Any]:
    got = None
    if hit is not None:
        got = {"text": hit.passage.text[:120], "source": f"{hit.passage.file}:{hit.passage.line}",
               "score": round(hit.score, 4)}
    return {"id": row.get("id"), "question": row.get("question"), "kind": kind,
            "expected": row.get("answers"), "got": got}


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The question set: one JSON object a line (blank lines skipped)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot eval`."""
    parser.add_argument("file", type=Path, help="question set, JSON lines")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    add_corpus_arguments(parser)


def main(args: argparse.Namespace) -> int:
    """Score the question set and print the figures and the misses."""
    from bot import texts

    if not args.file.is_file():
        print(texts.EVAL_CLI_NO_FILE.format(path=args.file), file=sys.stderr)
        return 2
    library = open_library(args)
    if library is None:
        return 2
    report = evaluate(library.index, read_rows(args.file))
    figures = report.figures()
    if args.json:
        bands = [{"band": [low, high], "answers": count, "right": round(share, 4)} for low, high, count, share in report.reliability()]
        print(json.dumps({**figures, "reliability": bands, "misses": report.misses}, ensure_ascii=False))
        return 0

    def rate(name: str, count: int, total: int) -> str:
        value = figures[name]
        return f"{name}: {value:.3f} ({count}/{total})" if value is not None else f"{name}: n/a"

    print(f"questions: {figures['questions']} ({report.in_scope} in scope, {report.out_of_scope} out of scope)")
    print(rate("hit@1", report.hit1, report.in_scope))
    print(rate("hit@3", report.hit3, report.in_scope))
    print(rate("refusal", report.refused, report.out_of_scope))
    print(f"false refusals: {report.false_refusals}")
    print("\nreliability (answers by confidence, and the share right):")
    for low, high, count, share in report.reliability():
        print(f"  {low:.1f}–{high:.1f}: {count:4d} answers, {share:.2f} right")
    kinds: dict[str, int] = {}
    for miss in report.misses:
        kinds[miss["kind"]] = kinds.get(miss["kind"], 0) + 1
    if kinds:
        print("misses by kind: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if report.misses:
        print(f"\nmisses ({len(report.misses)}):")
        for miss in report.misses:
            got = miss["got"]
            shown = f"{got['source']} score {got['score']:.2f}: {got['text'][:60]}" if got else "refused"
            print(f"- {miss['id']} [{miss['kind']}] {miss['question']}\n    expected {miss['expected']}\n    got {shown}")
    return 0
