"""Answering a question from the notes: the best passage with related ones, or an honest "not found".

The question is read into weighted units (`bot.search.question`), passages are scored by the share
of the question they cover (`bot.search.scoring`), and the best one is the answer when it covers
enough of the question and the question is not about a chapter that is still only a heading
(`bot.search.unwritten`). An answer comes with two or three related passages: the items of the list
it introduces, the table it captions, other passages that cover the question, or its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.notes.corpus import Passage, Section
from bot.search.index import Index
from bot.search.question import Unit, read_question
from bot.search.scoring import Scored, ranked, score
from bot.search.text import normalize_with_offsets
from bot.search.unwritten import about_unwritten, unwritten_chapters

__all__ = ["ANSWER_MIN", "Answer", "Hit", "NotFound", "answer_question", "search"]

# A passage must cover at least this share of the question's weight to be given as the answer.
ANSWER_MIN = 0.45
# Further passages shown with an answer, and inline results, need at least this much.
RELATED_MIN = 0.3
# A row or item answers instead of its caption or lead-in only when it ranks this much above the next one.
_CLEAR_LEAD = 0.05


@dataclass(frozen=True)
class Hit:
    """A passage found for a question."""

    passage: Passage
    score: float  # calibrated confidence in [0, 1]: the share of the question the passage covers
    matched: tuple[str, ...]  # substrings of passage.text that match the question's terms


@dataclass(frozen=True)
class Answer:
    """The best passage for a question, and two or three related ones."""

    question: str
    best: Hit
    related: tuple[Hit, ...]


@dataclass(frozen=True)
class NotFound:
    """The notes do not answer the question."""

    question: str
    suggestions: tuple[Section, ...]  # closest sections that have content
    unwritten: tuple[Section, ...]  # sections the question points at that are only headings


def search(index: Index, question: str, limit: int = 10) -> tuple[Hit, ...]:
    """Passages for a question, best first, each covering at least RELATED_MIN of it (inline mode)."""
    asked = read_question(index, question)
    units = asked.units
    if not units:
        return ()
    shown: list[Scored] = []
    parts: set[int] = set()
    candidates = ranked(index, units, asked.intent, asked.text)
    for scored in candidates:
        if len(shown) >= max(limit, 0):
            break
        if scored.confidence >= RELATED_MIN and scored.pid not in parts:
            scored = _instead_of_lead_in(index, scored, candidates, units)  # a caption shows nothing
            if scored.pid in parts or any(s.pid == scored.pid for s in shown):
                continue
            shown.append(scored)  # a whole table or list found first stands for its parts
            parts |= _parts(index, scored.pid)
    return tuple(_hit(index, units, s) for s in shown)


def answer_question(index: Index, question: str) -> Answer | NotFound:
    """The best passage and related ones, or NotFound when no passage covers enough of the question."""
    asked = read_question(index, question)
    units = asked.units
    if not units:
        return NotFound(question, (), ())
    candidates = ranked(index, units, asked.intent, asked.text)
    chapters = unwritten_chapters(index, asked)
    best = candidates[0] if candidates else None
    if best is None or best.confidence < ANSWER_MIN or about_unwritten(index, units, best, chapters):
        return NotFound(question, _suggestions(index, candidates), tuple(chapter.section for chapter in chapters))
    best = _instead_of_lead_in(index, best, candidates, units)
    related = _related(index, units, best, candidates)
    return Answer(question, _hit(index, units, best), tuple(_hit(index, units, s) for s in related))


# --- passages shown with an answer, and sections suggested with a refusal ------------------------


def _instead_of_lead_in(index: Index, best: Scored, candidates: list[Scored], units: tuple[Unit, ...]) -> Scored:
    """A caption ("A与B的比较") or lead-in ending in "：" shows nothing by itself: its table or list
    answers instead, or the one row or item that covers the question better than the others."""
    passages = index.corpus.passages
    text = passages[best.pid].text
    following = passages[best.pid + 1] if best.pid + 1 < len(passages) else None
    if following is None or following.context != text:
        return best
    if following.kind == "table":
        whole = best.pid + 1
    elif text.endswith(("：", ":")):
        found = [
            other
            for other in range(best.pid + 1, min(len(passages), best.pid + 200))
            if passages[other].kind == "list" and passages[other].text.split("\n", 1)[0] == text
        ]
        if not found:
            return best
        whole = found[0]
    else:
        return best
    parts = sorted(
        (s for s in candidates if passages[s.pid].context == text and passages[s.pid].kind in ("table_row", "list_item")),
        key=lambda s: (-s.rank, s.pid),
    )
    if parts and parts[0].confidence >= best.confidence and (len(parts) == 1 or parts[0].rank > parts[1].rank + _CLEAR_LEAD):
        return parts[0]
    return Scored(whole, max(best.confidence, score(index, units, whole).confidence), best.rank)



def _related(index: Index, units: tuple[Unit, ...], best: Scored, candidates: list[Scored]) -> list[Scored]:
    """Up to three passages to show with the answer: the items of the list it introduces (or the
    table it captions), else the next candidates that cover enough of the question; its neighbours
    fill up to two."""
    related = _listed_after(index, units, best.pid)
    # A table's own rows, or the caption or lead-in shown with the answer, would only repeat it.
    inside = _parts(index, best.pid)
    if not related:
        shown = index.corpus.passages[best.pid].context
        related = [
            s
            for s in candidates[1:]
            if s.confidence >= RELATED_MIN and s.pid not in inside and index.corpus.passages[s.pid].text != shown
        ][:3]
    if len(related) < 2:
        related.extend(_neighbours(index, units, best.pid, {best.pid, *inside, *(s.pid for s in related)}))
    return related[:3]


def _listed_after(index: Index, units: tuple[Unit, ...], pid: int) -> list[Scored]:
    """The first items of the list a lead-in passage ("虚拟化技术，从大类上可分为：") introduces, or
    the whole table a caption passage introduces."""
    passages = index.corpus.passages
    text = passages[pid].text
    following = passages[pid + 1] if pid + 1 < len(passages) else None
    if following is not None and following.kind == "table" and following.context == text:
        return [score(index, units, pid + 1)]
    if not text.endswith(("：", ":")):
        return []
    items: list[Scored] = []
    for other in range(pid + 1, min(len(passages), pid + 40)):
        if len(items) == 3:
            break
        if passages[other].context == text and passages[other].kind == "list_item":
            items.append(score(index, units, other))
        elif passages[other].context != text:
            break
    return items


def _parts(index: Index, pid: int) -> set[int]:
    """The ids of the passages a whole table (its caption before it, its rows after it) or list (its
    lead-in and items, before it) is made of; nothing for another kind of passage."""
    passages = index.corpus.passages
    kind = passages[pid].kind
    parts: set[int] = set()
    if kind == "table":
        if pid > 0 and passages[pid - 1].text == passages[pid].context:
            parts.add(pid - 1)  # its caption
        for other in range(pid + 1, len(passages)):
            if passages[other].kind != "table_row" or passages[other].context != passages[pid].context:
                break
            parts.add(other)
    elif kind == "list":
        lead = passages[pid].text.split("\n", 1)[0]
        for other in range(pid - 1, max(-1, pid - 200), -1):
            if passages[other].text == lead:
                parts.add(other)
                break
            if passages[other].context == lead:
                parts.add(other)
    return parts


def _neighbours(index: Index, units: tuple[Unit, ...], pid: int, taken: set[int]) -> list[Scored]:
    """Up to two passages next to ``pid`` in its section (not taken yet, not its own lead-in)."""
    passages = index.corpus.passages
    found: list[Scored] = []
    for other in (pid + 1, pid - 1, pid + 2):
        if 0 <= other < len(passages) and other not in taken:
            if passages[other].section == passages[pid].section and passages[other].text != passages[pid].context:
                found.append(score(index, units, other))
    return found[:2]


def _suggestions(index: Index, candidates: list[Scored]) -> tuple[Section, ...]:
    """Up to three sections with content that hold the best-scored passages (for a refusal)."""
    by_path = {section.path: section for section in index.corpus.sections}
    found: dict[tuple[str, ...], Section] = {}
    for scored in candidates:
        if scored.confidence <= 0:
            continue
        path = index.corpus.passages[scored.pid].section
        section = by_path.get(path)
        if section is not None and section.has_content:
            found.setdefault(path, section)
        if len(found) == 3:
            break
    return tuple(found.values())


# --- a passage as a hit: its confidence and what to highlight ------------------------------------


@lru_cache(maxsize=4096)
def _offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """A passage's normalised text and offsets, kept for the passages shown again and again."""
    return normalize_with_offsets(text)


def _highlights(units: tuple[Unit, ...], passage: Passage) -> tuple[str, ...]:
    """The substrings of a passage's own text where the units (or their words) stand, to highlight."""
    normalised, offsets = _offsets(passage.text)
    found: dict[str, None] = {}
    for unit in units:
        for piece in (unit, *unit.parts):
            for (form, _), latin in zip(piece.forms, piece.latin):
                if latin:
                    match = re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", normalised)
                    start = match.start() if match else -1
                else:
                    start = normalised.find(form)
                if start < 0 or not form:
                    continue
                end = start + len(form) - 1
                original = passage.text[offsets[start] : offsets[end] + 1]
                if original.strip():
                    found.setdefault(original, None)
                break
    return tuple(found)


def _hit(index: Index, units: tuple[Unit, ...], scored: Scored) -> Hit:
    passage = index.corpus.passages[scored.pid]
    return Hit(passage, round(scored.confidence, 4), _highlights(units, passage))
