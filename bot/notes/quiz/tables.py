"""Table facts: a row and a column of a comparison table ask for their cell, a row's cells for its label."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.notes.quiz.item import Draft

__all__ = ["table_drafts"]


def _row(passage: Passage) -> tuple[str, list[tuple[str, str]]] | None:
    """A row's label and (column, cell) pairs, read back from "label — col：cell；col：cell"."""
    label, sep, rest = passage.text.partition(" — ")
    if not sep or not label.strip():
        return None
    pairs: list[tuple[str, str]] = []
    for part in rest.split("；"):
        column, colon, cell = part.partition("：")
        if not colon or not column.strip() or not cell.strip():
            return None
        pairs.append((column.strip(), cell.strip()))
    return label.strip(), pairs


def _tables(corpus: Corpus) -> Iterator[list[tuple[Passage, str, list[tuple[str, str]]]]]:
    """Runs of consecutive table rows with the same file, section and caption."""
    run: list[tuple[Passage, str, list[tuple[str, str]]]] = []
    for passage in corpus.passages:
        parsed = _row(passage) if passage.kind == "table_row" else None
        if run and (
            parsed is None
            or run[-1][0].file != passage.file
            or run[-1][0].section != passage.section
            or run[-1][0].context != passage.context
            or passage.id != run[-1][0].id + 1
        ):
            yield run
            run = []
        if parsed is not None:
            run.append((passage, *parsed))
    if run:
        yield run


def table_drafts(corpus: Corpus) -> Iterator[Draft]:
    for rows in _tables(corpus):
        if len(rows) < 2:
            continue
        first = rows[0][0]
        caption = first.context.strip("：: ") or (first.section[-1] if first.section else first.file)
        labels = [label for _, label, _ in rows]
        columns = [c for c, _ in rows[0][2]]
        comparison = _compares(caption, first.section, columns)
        for passage, label, pairs in rows:
            why = texts.QUIZ_TABLE_WHY.format(
                caption=caption, row=label, cells="，".join(f"{c}为{v}" for c, v in pairs)
            )
            # The row's cells name the row: which feature is "秒级" for one and "分钟级" for the other?
            shown = "，".join(texts.QUIZ_TABLE_PAIR.format(column=c, value=v) for c, v in pairs)
            if sum(1 for _, _, other in rows if other == pairs) == 1:  # else no single right label
                yield Draft(
                    kind="table_row",
                    question=texts.QUIZ_TABLE_ROW.format(caption=caption, cells=shown),
                    answer=label,
                    tiers=(tuple(other for other in labels if other != label),),
                    why=why,
                    passage=passage,
                    min_options=3,
                )
            for column, cell in pairs:
                same_row = tuple(v for c, v in pairs if c != column)
                same_column = [
                    dict(other_pairs).get(column, "")
                    for _, other_label, other_pairs in rows
                    if other_label != label
                ]
                if comparison:
                    # Columns are the things compared (容器 | 虚拟机): the same row's other cells are
                    # values of the same feature, the natural wrong answers; another row's only
                    # when it reads alike (较多 / 较弱).
                    tiers = (same_row, tuple(v for v in same_column if _alike(v, cell)))
                else:
                    # Columns are attributes of each row's thing: other rows' values of this column.
                    tiers = (tuple(same_column),)
                yield Draft(
                    kind="table_cell",
                    question=texts.QUIZ_TABLE_CELL.format(caption=caption, column=column, row=label),
                    answer=cell,
                    tiers=tiers,
                    why=why,
                    passage=passage,
                )


_COMPARISON = re.compile(r"比较|对比|区别|差异|异同|相比|\bvs\.?\b|\bVS\b|\bversus\b", re.I)


def _compares(caption: str, section: tuple[str, ...], columns: list[str]) -> bool:
    """A comparison table (its value columns are the things compared), not a table of records."""
    heading = section[-1] if section else ""
    if _COMPARISON.search(caption) or _COMPARISON.search(heading):
        return True
    return len(columns) >= 2 and all(c and (c in caption or c in heading) for c in columns)


def _alike(a: str, b: str) -> bool:
    """Cells of the same shape (较多 / 较弱, 一般为MB / 一般为GB): plausible in each other's place."""
    return a != b and (a[:1] == b[:1] or a[-1:] == b[-1:]) and abs(len(a) - len(b)) <= 2
