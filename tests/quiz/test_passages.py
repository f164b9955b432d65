"""Items belong to the passage whose lines hold them: the "quiz on this passage" button's choice."""

from __future__ import annotations

import dataclasses

from bot.notes.corpus import Corpus, Passage, parse_notes
from bot.quiz import build_quiz_items, coverage, items_for_passage, passages_of
from bot.quiz.passages import content_passages, members
from tests.quiz.fixtures import ALL

# A list item whose nested quote holds two dated sentences, two lines below the item's first line.
NESTED = ALL["facts.md"] + """
- **分布式数据库**：数据分布在多个节点上。

  > Spanner在2012年发表论文。
  >
  > CockroachDB在2015年开始开发。
  >
  > TiDB在2017年启动研发。

这一段话没有能出题的内容。
"""
FILES = {"facts.md": NESTED, "table.md": ALL["table.md"], "terms.md": ALL["terms.md"]}


def _library():
    notes = parse_notes(FILES)
    return notes, build_quiz_items(notes, files=FILES)


def test_items_located_below_their_passage_start_belong_to_it() -> None:
    notes, items = _library()
    quote = next(p for p in notes.passages if "Spanner" in p.text)
    asked = items_for_passage(items, notes, quote.id)
    assert {i.question for i in asked} >= {q for q in (i.question for i in items) if "Spanner" in q or "Cockroach" in q}
    assert len(asked) == 2 and all(i.source.line > quote.line for i in asked)  # the old exact-line match missed them
    assert all(p == quote for i, p in zip(items, passages_of(notes, items)) if i in asked)


def test_a_whole_table_gets_its_rows_items_and_a_row_only_its_own() -> None:
    notes, items = _library()
    table = next(p for p in notes.passages if p.kind == "table")
    rows = [p for p in notes.passages if p.kind == "table_row" and p.file == table.file]
    whole = items_for_passage(items, notes, table.id)
    lines = {i.source.line for i in whole}
    assert len(lines) > 1 and lines <= {r.line for r in rows}
    one = items_for_passage(items, notes, rows[0].id)
    assert one and all(i.source.line == rows[0].line for i in one) and len(one) < len(whole)


def test_a_passage_without_items_falls_back_to_its_section_and_a_bad_id_to_nothing() -> None:
    notes, items = _library()
    plain = next(p for p in notes.passages if p.text.startswith("这一段话"))
    fallback = items_for_passage(items, notes, plain.id)
    assert fallback and all(i.source.file == "facts.md" and i.source.section == plain.section for i in fallback)
    assert items_for_passage(items, notes, len(notes.passages)) == ()
    assert items_for_passage(items, notes, -1) == ()


def test_items_of_other_notes_have_no_passage() -> None:
    notes, items = _library()
    other = parse_notes({"facts.md": "# 别的\n\n" + NESTED.replace("# 历史", "## 历史")})  # other headings
    assert all(p is None for p in passages_of(other, items))


def test_coverage_counts_rows_not_whole_tables_nor_lead_ins() -> None:
    notes, items = _library()
    wholes = {p.id for p in notes.passages if p.whole}
    content = {p.id for p in notes.passages} - wholes
    lead_ins = {"数据库也经历了长期的演化：", "进程调度算法可分为：", "固态硬盘与机械硬盘的比较"}  # and a caption
    content -= {p.id for p in notes.passages if p.text in lead_ins}
    assert len(content) == len(notes.passages) - len(wholes) - 3
    asked = {p.id for p in passages_of(notes, items) if p is not None}
    assert coverage(notes, items) == (len(asked & content), len(content))
    assert coverage(notes, ()) == (0, len(content))


def _with_whole_list(notes: Corpus) -> Corpus:
    """The notes with a whole-list passage after the scheduling list, as the corpus may add one:
    its lead-in and its items, one a line, standing at the lead-in's line."""
    base = tuple(p for p in notes.passages if p.kind != "list")
    base = tuple(dataclasses.replace(p, id=n) for n, p in enumerate(base))
    lead = next(p for p in base if p.text == "进程调度算法可分为：")
    items = [p for p in base if p.context == lead.text and p.kind == "list_item"]
    whole = Passage(
        items[-1].id + 1, lead.file, lead.line, lead.section, "\n".join([lead.text, *(p.text for p in items)]), "list"
    )
    after = tuple(dataclasses.replace(p, id=p.id + 1) for p in base[whole.id :])
    return dataclasses.replace(notes, passages=(*base[: whole.id], whole, *after))


def test_a_whole_list_gets_its_items_items_and_is_no_source_nor_content_itself() -> None:
    notes = _with_whole_list(parse_notes(FILES))
    items = build_quiz_items(notes, files=FILES)
    whole = next(p for p in notes.passages if p.kind == "list")
    inside = members(notes, whole)
    assert [p.kind for p in inside] == ["list_item"] * 4 and inside[-1].id == whole.id - 1
    asked = items_for_passage(items, notes, whole.id)
    homes = dict(zip((i.id for i in items), passages_of(notes, items)))
    assert asked and {homes[i.id] for i in asked} <= set(inside)
    assert whole not in homes.values()  # its items belong to the list items
    assert whole not in content_passages(notes)
    # Its repeated text makes no item, nor counts a bold phrase or a list twice.
    without = dataclasses.replace(notes, passages=tuple(p for p in notes.passages if p.kind != "list"))
    assert items == build_quiz_items(without, files=FILES)
