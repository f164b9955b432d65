"""The notes as the paragraph generators read them: the gated corpus, its outline, the raw lines,
and which words are rare enough to tell one section from another."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from bot.notes.corpus import Corpus, Passage
from bot.quiz.outline import Node, Outline
from bot.quiz.passages import source_text
from bot.quiz.text import normalize, sentences, unjoin

__all__ = ["NotesView", "signs"]

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# A pair holding one of these is mostly two words' edges ("的基", "个常"): it tells nothing.
_FILLER = frozenset("的是了在和与及或为以中一个这那其之也都而对从把被将有用可会能要就还")
_LATIN_WORD = re.compile(r"[a-z][a-z0-9\-]{2,}")
# A word in this share of the passages or more is common: it tells no section from another.
_RARE_SHARE = 0.01
_RARE_LEAST = 4
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]{2,}")
# Markup a sentence's line has that its text has not; the characters of its start that find the line.
_MARKUP = re.compile(r"[*_`\s>]|^\s*(?:[-+]|\d+[.)])\s")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # a link's text, as the passage holds it
_LINE_START = 6
_LINE_START_LONG = 20
_LINES_AHEAD = 60  # lines of a passage searched for a sentence's own line
MAIN_SUBJECT_SHARE = 0.1  # of the notes' passages that name their main subject, at least


@lru_cache(maxsize=1 << 16)
def signs(text: str) -> frozenset[str]:
    """The text's telling units: Chinese character pairs (none with a particle in it) and Latin
    words, folded."""
    folded = normalize(text)
    found: set[str] = set()
    for run in _CJK_RUN.findall(folded):
        found.update(run[i : i + 2] for i in range(len(run) - 1) if run[i] not in _FILLER and run[i + 1] not in _FILLER)
    found.update(_LATIN_WORD.findall(text.casefold()))
    return frozenset(found)


@dataclass(frozen=True, eq=False)
class NotesView:
    """The gated corpus with what the paragraph generators share, each computed once."""

    corpus: Corpus
    files: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def outline(self) -> Outline:
        return Outline(self.corpus)

    @cached_property
    def _frequency(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for passage in self.corpus.passages:
            if source_text(passage):
                counts.update(signs(passage.text))
        return counts

    @cached_property
    def _rare_limit(self) -> int:
        return max(_RARE_LEAST, int(self.content_count * _RARE_SHARE))

    @cached_property
    def content_count(self) -> int:
        """How many passages of the notes say something (see source_text)."""
        return len(self._passage_signs)

    @cached_property
    def main_subject(self) -> str:
        """What the notes are about, folded: the Latin name that the most pages' top headings hold,
        two at least (of two, the one more passages name), when a tenth of the notes' passages or
        more name it (Docker in notes on Docker, Kubernetes in a handbook of it); "" when none
        stands out so. A blank that is it is a learner's first guess in a quiz on these notes,
        whatever the sentence says. (A page's own subject is what its sentences are about: see
        quiz.item.own_subject.)"""
        titles = Counter(
            normalize(word)
            for section in self.corpus.sections
            if len(section.path) == 1
            for word in set(_NAME_WORD.findall(section.path[0]))
        )
        most = max(titles.values(), default=0)
        if most < 2:
            return ""
        named = {name: len(self.passages_with(name)) for name, count in titles.items() if count == most}
        best = max(named, key=lambda name: named[name])
        return best if named[best] >= MAIN_SUBJECT_SHARE * self.content_count else ""

    def rare(self, text: str) -> frozenset[str]:
        """The text's units that few passages of the notes hold."""
        limit = self._rare_limit
        return frozenset(s for s in signs(text) if self._frequency.get(s, 0) <= limit)

    @cached_property
    def _passage_signs(self) -> dict[int, frozenset[str]]:
        return {p.id: signs(p.text) for p in self.corpus.passages if source_text(p)}

    @cached_property
    def _node_passages(self) -> dict[tuple[str, tuple[str, ...]], list[Passage]]:
        found: dict[tuple[str, tuple[str, ...]], list[Passage]] = {}
        for passage in self.corpus.passages:
            if passage.id in self._passage_signs:
                for depth in range(1, len(passage.section) + 1):
                    found.setdefault((passage.file, passage.section[:depth]), []).append(passage)
        return found

    @cached_property
    def _node_signs(self) -> dict[tuple[str, tuple[str, ...]], frozenset[str]]:
        return {
            key: frozenset().union(*(self._passage_signs[p.id] for p in passages))
            for key, passages in self._node_passages.items()
        }

    def node_signs(self, node: Node) -> frozenset[str]:
        """The units the node's text (its sub-headings' included) holds."""
        return self._node_signs.get(node.key, frozenset())

    def evidence(self, node: Node, passage: Passage, units: Iterable[str]) -> frozenset[str]:
        """Those of the units that the node's text holds outside this passage (which holds a
        statement of its own trivially)."""
        counts = self._node_counts(node.key)
        own = self._passage_signs.get(passage.id, frozenset())
        return frozenset(u for u in units if counts.get(u, 0) > (1 if u in own else 0))

    def _node_counts(self, key: tuple[str, tuple[str, ...]]) -> Counter[str]:
        """For each unit, how many of the node's passages hold it."""
        cache = self.__dict__.setdefault("_count_cache", {})
        if key not in cache:
            counts: Counter[str] = Counter()
            for passage in self._node_passages.get(key, []):
                counts.update(self._passage_signs[passage.id])
            cache[key] = counts
        return cache[key]

    @cached_property
    def _by_id(self) -> dict[int, Passage]:
        return {p.id: p for p in self.corpus.passages}

    @cached_property
    def _postings(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for passage_id, units in self._passage_signs.items():
            for unit in units:
                found.setdefault(unit, []).append(passage_id)
        return found

    def passages_with(self, text: str) -> list[Passage]:
        """The content passages that hold the text (folded), found through their telling units."""
        units = signs(text)
        key = normalize(text)
        if not key:
            return []
        if units:
            lists = sorted((self._postings.get(u, []) for u in units), key=len)
            candidates = (self._by_id[i] for i in lists[0])
        else:
            candidates = (p for p in self.corpus.passages if p.id in self._passage_signs)
        return [p for p in candidates if key in normalize(p.text)]

    def node_passages(self, node: Node) -> list[Passage]:
        """Every content passage under the node, its sub-headings' included, in reading order."""
        return self._node_passages.get(node.key, [])

    def said(self, passage: Passage) -> list[tuple[str, str]]:
        """The passage's sentences as the notes say them (lines' joining spaces dropped), each with
        its folded form."""
        cache = self.__dict__.setdefault("_said_cache", {})
        found = cache.get(passage.id)
        if found is None:
            found = cache[passage.id] = [(s, normalize(s)) for s in sentences(unjoin(passage.text))]
        return found

    def raw_line(self, passage: Passage) -> str:
        """The Markdown line a passage starts on ("" without the files)."""
        text = self.files.get(passage.file)
        if text is None:
            return ""
        lines = self._lines(passage.file)
        return lines[passage.line - 1] if 0 < passage.line <= len(lines) else ""

    def lines(self, file: str) -> list[str]:
        """The Markdown lines of a notes file ([] without the files)."""
        return self._lines(file)

    def line_of(self, passage: Passage, sentence: str) -> int:
        """The line of the passage's Markdown that holds the sentence's start (a sentence of a block
        quote may stand lines below the quote's first), else the passage's first line."""
        lines = self._lines(passage.file)
        first = max(passage.line, 1)
        cleaned = [_MARKUP.sub("", _LINK.sub(r"\1", line)) for line in lines[first - 1 : passage.line + _LINES_AHEAD]]
        text = _MARKUP.sub("", sentence)
        # (its longer start first: a label line above may begin as its sentence does)
        for start in dict.fromkeys((text[:_LINE_START_LONG], text[:_LINE_START])):
            for offset, line in enumerate(cleaned):
                if start in line:
                    return first + offset
        return passage.line

    def sentence_line(self, passage: Passage, sentence: str) -> str:
        """The Markdown line that holds the sentence's start ("" without the files): its inline
        code and emphasis as the author wrote them."""
        lines = self._lines(passage.file)
        line = self.line_of(passage, sentence)
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def _lines(self, file: str) -> list[str]:
        cache = self.__dict__.setdefault("_line_cache", {})
        if file not in cache:
            cache[file] = self.files.get(file, "").splitlines()
        return cache[file]
