"""Which passage of the notes each quiz item asks about, and the items that ask about one passage."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from bot.notes.corpus import Corpus, Passage
from bot.notes.quiz.item import QuizItem

__all__ = ["content_passages", "coverage", "items_for_passage", "passages_of", "table_rows"]


def passages_of(corpus: Corpus, items: Sequence[QuizItem]) -> tuple[Passage | None, ...]:
    """For each item, the passage whose lines hold its source line (an item's line is its
    passage's first line, or the line of its own sentence further down that passage), or None
    when the item is not from these notes. A whole table's rows are passages of their own, and
    its items belong to them."""
    starts: dict[str, tuple[list[int], list[Passage]]] = {}
    for passage in corpus.passages:
        if passage.kind == "table":
            continue  # it spans its rows' lines: the row is the finer answer
        lines, passages = starts.setdefault(passage.file, ([], []))
        lines.append(passage.line)
        passages.append(passage)
    for file, (lines, passages) in starts.items():
        ordered = sorted(zip(lines, range(len(lines)), passages))  # stable for equal lines
        starts[file] = ([line for line, _, _ in ordered], [p for _, _, p in ordered])
    found: list[Passage | None] = []
    for item in items:
        lines, passages = starts.get(item.source.file, ([], []))
        at = bisect.bisect_right(lines, item.source.line) - 1
        found.append(passages[at] if at >= 0 and passages[at].section == item.source.section else None)
    return tuple(found)


def table_rows(corpus: Corpus, table: Passage) -> tuple[Passage, ...]:
    """The row passages of a whole table (they follow it, with its section and caption)."""
    rows: list[Passage] = []
    for passage in corpus.passages[table.id + 1 :]:
        if passage.kind != "table_row" or (passage.file, passage.section, passage.context) != (
            table.file,
            table.section,
            table.context,
        ):
            break
        rows.append(passage)
    return tuple(rows)


def items_for_passage(items: Sequence[QuizItem], corpus: Corpus, passage_id: int) -> tuple[QuizItem, ...]:
    """Items asking about this passage (for a whole table: about its rows); when there are none,
    the items of its section; () for an id the corpus does not have."""
    if not 0 <= passage_id < len(corpus.passages):
        return ()
    passage = corpus.passages[passage_id]
    wanted = {p.id for p in table_rows(corpus, passage)} if passage.kind == "table" else {passage.id}
    homes = passages_of(corpus, items)
    exact = tuple(item for item, home in zip(items, homes) if home is not None and home.id in wanted)
    if exact:
        return exact
    return tuple(i for i in items if i.source.file == passage.file and i.source.section == passage.section)


def content_passages(corpus: Corpus) -> tuple[Passage, ...]:
    """What a learner reads as content of the notes: every passage but code, a whole table (its
    rows count, one by one) and a lead-in that only introduces the list or table after it
    ("虚拟化技术，从大类上可分为：", a table's caption)."""
    lead_ins = {
        before.id
        for before, after in zip(corpus.passages, corpus.passages[1:])
        if after.context and before.file == after.file and before.text.strip() == after.context.strip()
    }
    return tuple(p for p in corpus.passages if p.kind not in ("code", "table") and p.id not in lead_ins)


def coverage(corpus: Corpus, items: Sequence[QuizItem]) -> tuple[int, int]:
    """How many content passages at least one item asks about, out of how many there are."""
    content = {p.id for p in content_passages(corpus)}
    asked = {p.id for p in passages_of(corpus, items) if p is not None}
    return len(content & asked), len(content)
