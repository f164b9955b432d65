"""What the notes' author should write next: the questions most often refused (near duplicates
grouped), the unwritten chapters people asked about, the answers that got 👎 with their passage, the
quiz items most often missed. Built from the store and the notes in use; it names nobody.

`notesbot report [--days N]` prints it, `/report` sends it to an admin in private.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process, utils

from bot import texts

if TYPE_CHECKING:
    from bot.library import Library
    from bot.store import Store

__all__ = ["DEFAULT_DAYS", "Report", "build_report", "group_questions", "report_text"]

DEFAULT_DAYS = 30
SHOWN = 10  # lines a part of the report shows
SIMILAR = 80  # rapidfuzz ratio (0-100) from which two questions count as one
_VARIANTS = 3  # other wordings shown with a group
_PASSAGE_CHARS = 120


@dataclass(frozen=True)
class QuestionGroup:
    """Near-duplicate questions: the most frequent wording, how often all were asked, the others."""

    wording: str
    count: int
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """The report's parts, each most frequent first, as plain lines of text."""

    days: int
    asked: int
    refused: int
    kept: bool  # whether questions are kept (KEEP_QUESTIONS)
    refused_groups: tuple[QuestionGroup, ...]
    unwritten: tuple[tuple[str, int], ...]
    unhelpful: tuple[str, ...]
    missed: tuple[str, ...]


def group_questions(questions: Sequence[str], similar: int = SIMILAR) -> tuple[QuestionGroup, ...]:
    """Questions grouped when they are near duplicates (rapidfuzz's ratio over the text with case
    and punctuation folded), most asked first; a group is named by its most frequent wording."""
    counts = Counter(" ".join(question.split()) for question in questions)
    groups: list[tuple[str, list[tuple[str, int]]]] = []  # (folded wording, [(wording, count)])
    for wording, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        folded = utils.default_process(wording)
        match = process.extractOne(folded, [key for key, _ in groups], scorer=fuzz.ratio, score_cutoff=similar)
        if match is None:
            groups.append((folded, [(wording, count)]))
        else:
            groups[match[2]][1].append((wording, count))
    found = [
        QuestionGroup(members[0][0], sum(count for _, count in members), tuple(w for w, _ in members[1:_VARIANTS + 1]))
        for _, members in groups
    ]
    return tuple(sorted(found, key=lambda group: (-group.count, group.wording)))


def _cut(text: str, limit: int = _PASSAGE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_report(store: Store, library: Library, now: datetime, days: int = DEFAULT_DAYS, *, kept: bool = True) -> Report:
    """The report over the last `days` days (blocking store work: run it in the store's thread)."""
    since = now - timedelta(days=days)
    asked = store.asked_questions(since)
    refused = [question for question in asked if question.refused]
    unwritten = Counter(title for question in asked for title in question.unwritten)
    passages = {f"{p.file}:{p.line}": p for p in library.corpus.passages}
    unhelpful = []
    for row in store.unhelpful_answers(since, SHOWN):
        passage = passages.get(row.passage_key)
        shown = _cut(passage.text) if passage is not None else texts.REPORT_GONE
        source = row.passage_key
        if passage is not None and passage.section:
            source += " " + texts.section_label(passage.section)
        unhelpful.append(texts.report_unhelpful(row.count, source, shown, row.questions[:_VARIANTS]))
    items = {item.id: item for item in library.quiz_items}
    missed = [
        texts.report_missed(row.wrong, row.answered, items[row.item_id].question if row.item_id in items else row.item_id)
        for row in store.missed_items(since, SHOWN)
    ]
    return Report(
        days=days,
        asked=len(asked),
        refused=len(refused),
        kept=kept,
        refused_groups=group_questions([question.question for question in refused])[:SHOWN],
        unwritten=tuple(sorted(unwritten.items(), key=lambda pair: (-pair[1], pair[0]))[:SHOWN]),
        unhelpful=tuple(unhelpful),
        missed=tuple(missed),
    )


def report_text(report: Report) -> str:
    """The report as plain text (the same in the terminal and in Telegram)."""
    lines = [texts.REPORT_TITLE.format(days=report.days, asked=report.asked, refused=report.refused)]
    if not report.kept:
        lines.append(texts.REPORT_NOT_KEPT)

    def part(title: str, rows: Sequence[str]) -> None:
        lines.extend(["", title, *(rows or [texts.REPORT_NONE])])

    part(texts.REPORT_REFUSED, [texts.report_refused(g.count, g.wording, g.variants) for g in report.refused_groups])
    part(texts.REPORT_UNWRITTEN, [texts.report_counted(count, title) for title, count in report.unwritten])
    part(texts.REPORT_UNHELPFUL, report.unhelpful)
    part(texts.REPORT_MISSED, report.missed)
    return "\n".join(lines)
