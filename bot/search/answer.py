"""Answering a question from the notes: the best passage with related ones, or an honest "not found".

The question is read into terms (`bot.search.question`), its candidates ranked
(`bot.search.ranking`), and the best one is the answer unless the question names something the
notes never write or nothing they are about, when the confidence model says it is more likely right than not
(`bot.search.confidence`) and no unwritten chapter's title holds the question better
(`bot.search.unwritten`). An answer comes with up to three related passages: the next
candidates that cover the question, else the passages next to it in its section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.notes.corpus import Passage, Section
from bot.search.confidence import confidence, missing_names, names_no_topic
from bot.search.features import FEATURES
from bot.search.index import Index
from bot.search.question import Question, Term, read_question
from bot.search.ranking import Ranked, rank
from bot.search.text import normalize_with_offsets
from bot.search.unwritten import unwritten_chapters

__all__ = ["ANSWER_MIN", "RELATED_MIN", "Answer", "Hit", "NotFound", "answer_question", "search"]

# The confidence an answer needs. Measured on the development sets (`notesbot fit`, THRESHOLD): 0.4
# answers about two points more questions right on notes never fitted on than 0.5 and refuses about
# as many of the questions the notes do not answer; an answer below 0.6 says it is not sure.
ANSWER_MIN = 0.4
# Further passages shown with an answer, and inline results, cover at least this share of the question.
RELATED_MIN = 0.4
_RELATED = 3
_COVER = FEATURES.index("cover_any")


@dataclass(frozen=True)
class Hit:
    """A passage found for a question."""

    passage: Passage
    score: float  # the best hit: the calibrated confidence that it answers; others: the share of the question they cover
    matched: tuple[str, ...]  # substrings of passage.text that match the question's terms


@dataclass(frozen=True)
class Answer:
    """The best passage for a question, and up to three related ones."""

    question: str
    best: Hit
    related: tuple[Hit, ...]


@dataclass(frozen=True)
class NotFound:
    """The notes do not answer the question."""

    question: str
    suggestions: tuple[Section, ...]  # closest sections that have content
    unwritten: tuple[Section, ...]  # sections the question points at that are only headings


def answer_question(index: Index, question: str) -> Answer | NotFound:
    """The best passage and related ones, or NotFound when the notes do not answer the question."""
    asked = read_question(index, question)
    if not asked.terms:
        return NotFound(question, (), ())
    ranked = rank(index, asked)
    chapters = unwritten_chapters(index, asked)
    if missing_names(asked) or names_no_topic(asked, index.heading_terms, len(index.corpus.sections)):  # a name the notes lack, or no topic
        return NotFound(question, _suggestions(index, ranked), tuple(section for section, _ in chapters))
    sure = confidence(ranked)
    best_cover = float(ranked.features[ranked.order[0], _COVER]) if len(ranked) else 0.0
    # a chapter still to be written whose title holds more of the question than the best passage does
    if sure < ANSWER_MIN or (chapters and chapters[0][1] > best_cover):
        return NotFound(question, _suggestions(index, ranked), tuple(section for section, _ in chapters))
    best = ranked.row(0)
    related = _related(index, ranked, best)
    return Answer(
        question,
        _hit(index, asked, best, sure),
        tuple(_hit(index, asked, row, cover) for row, cover in related),
    )


def search(index: Index, question: str, limit: int = 10) -> tuple[Hit, ...]:
    """Passages for a question, best first, each covering at least RELATED_MIN of it (inline mode);
    a whole (list, table, pair, section) found first stands for its parts."""
    asked = read_question(index, question)
    if not asked.terms:
        return ()
    ranked = rank(index, asked)
    hits: list[Hit] = []
    covered: set[int] = set()
    for place in range(len(ranked)):
        if len(hits) >= limit:
            break
        cover = float(ranked.features[ranked.order[place], _COVER])
        row = ranked.row(place)
        passage = index.passage(row)
        if cover < RELATED_MIN or passage.id in covered or (passage.parts and set(passage.parts) <= covered):
            continue
        hits.append(_hit(index, asked, row, cover))
        covered |= {passage.id, *passage.parts}
    return tuple(hits)


def _related(index: Index, ranked: Ranked, best: int) -> list[tuple[int, float]]:
    """Up to three passages to show with the answer: the next candidates that cover enough of the
    question and are not part of it (nor it of them), else its neighbours in its section."""
    shown = index.passage(best)
    inside = {shown.id, *shown.parts}
    found: list[tuple[int, float]] = []
    for place in range(1, len(ranked)):
        if len(found) >= _RELATED:
            break
        row = ranked.row(place)
        passage = index.passage(row)
        cover = float(ranked.features[ranked.order[place], _COVER])
        if cover < RELATED_MIN or passage.id in inside or (passage.parts and set(passage.parts) & inside):
            continue
        found.append((row, cover))
        inside |= {passage.id, *passage.parts}
    if len(found) < 2:
        for row in _neighbours(index, best):
            passage = index.passage(row)
            if passage.id not in inside and not set(passage.parts) & inside:
                found.append((row, 0.0))
                inside |= {passage.id, *passage.parts}
            if len(found) >= 2:
                break
    return found


def _neighbours(index: Index, row: int) -> list[int]:
    """The rows of the passages just after and before a row's passage in its section."""
    passage = index.passage(row)
    first = passage.parts[0] if passage.parts else passage.id
    last = passage.parts[-1] if passage.parts else passage.id
    rows = []
    for pid in (last + 1, first - 1, last + 2):
        if 0 <= pid < len(index.corpus.passages):
            other = index.corpus.passages[pid]
            if other.file == passage.file and other.section == passage.section and pid in index.row_of:
                rows.append(index.row_of[pid])
    return rows


def _suggestions(index: Index, ranked: Ranked) -> tuple[Section, ...]:
    """Up to three sections with content that hold the best candidates (for a refusal)."""
    by_path = index.section_by_path
    found: dict[tuple[str, tuple[str, ...]], Section] = {}
    for place in range(len(ranked)):
        if float(ranked.features[ranked.order[place], _COVER]) <= 0:
            continue
        passage = index.passage(ranked.row(place))
        # a bold label is no section of the table of contents: its heading is
        for depth in range(len(passage.section), 0, -1):
            section = by_path.get((passage.file, passage.section[:depth]))
            if section is not None:
                if section.has_content:
                    found.setdefault((section.file, section.path), section)
                break
        if len(found) == 3:
            break
    return tuple(found.values())


# --- a passage as a hit: its confidence and what to highlight ------------------------------------


@lru_cache(maxsize=4096)
def _offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """A passage's normalised text and offsets, kept for the passages shown again and again."""
    return normalize_with_offsets(text)


@lru_cache(maxsize=8192)
def _latin_word(form: str) -> re.Pattern[str]:
    """A Latin form standing as a word of its own (not inside a longer word)."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])")


def _highlights(terms: tuple[Term, ...], passage: Passage) -> tuple[str, ...]:
    """The substrings of a passage's own text where the question's terms stand, to highlight."""
    normalised, offsets = _offsets(passage.text)
    found: dict[str, None] = {}
    for term in terms:
        for form in (*term.forms[:3], term.text):
            if not form:
                continue
            if form.isascii():
                match = _latin_word(form).search(normalised) if form in normalised else None
                start = match.start() if match else -1
            else:
                start = normalised.find(form)
            if start < 0:
                continue
            original = passage.text[offsets[start] : offsets[start + len(form) - 1] + 1]
            if original.strip():
                found.setdefault(original, None)
            break
    return tuple(found)


def _hit(index: Index, question: Question, row: int, score: float) -> Hit:
    passage = index.passage(row)
    return Hit(passage, round(score, 4), _highlights(question.terms, passage))
