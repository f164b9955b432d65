"""Table facts: a row and a column of a comparison table ask for their cell, a row's cells for its label."""

from __future__ import annotations

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
        for passage, label, pairs in rows:
            why = texts.QUIZ_TABLE_WHY.format(
                caption=caption, row=label, cells="，".join(f"{c}{v}" for c, v in pairs)
            )
            # The row's cells name the row: which feature is "秒级" for one and "分钟级" for the other?
            shown = "，".join(texts.QUIZ_TABLE_PAIR.format(column=c, value=v) for c, v in pairs)
            yield Draft(
                kind="table_row",
                question=texts.QUIZ_TABLE_ROW.format(caption=caption, cells=shown),
                answer=label,
                tiers=(tuple(other for other in labels if other != label),),
                why=why,
                passage=passage,
                min_options=3,
            )
            # Row × column → cell; the same row's other cells are the natural wrong answers.
            for column, cell in pairs:
                same_row = tuple(v for c, v in pairs if c != column)
                same_column_alike = tuple(
                    other_cells[column]
                    for _, other_label, other_pairs in rows
                    if other_label != label
                    for other_cells in [dict(other_pairs)]
                    if column in other_cells and _alike(other_cells[column], cell)
                )
                yield Draft(
                    kind="table_cell",
                    question=texts.QUIZ_TABLE_CELL.format(caption=caption, column=column, row=label),
                    answer=cell,
                    tiers=(same_row, same_column_alike),
                    why=why,
                    passage=passage,
                )


def _alike(a: str, b: str) -> bool:
    """Cells of the same shape (较多 / 较弱, 一般为MB / 一般为GB): plausible in each other's place."""
    return a != b and (a[:1] == b[:1] or a[-1:] == b[-1:]) and abs(len(a) - len(b)) <= 2
