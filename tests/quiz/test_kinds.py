"""Each kind of item, from a small hand-written note."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.notes.quiz import QuizItem, build_quiz_items, valid
from tests.quiz.fixtures import corpus


def _of(items: tuple[QuizItem, ...], kind: str) -> list[QuizItem]:
    return [i for i in items if i.kind == kind]


def _answer(item: QuizItem) -> str:
    return item.options[item.correct]


def _find(items: tuple[QuizItem, ...], kind: str, needle: str) -> QuizItem:
    found = [i for i in _of(items, kind) if needle in i.question]
    assert len(found) >= 1, f"no {kind} item asking about {needle!r}: {[i.question for i in items]}"
    return found[0]


def test_comparison_table_cell_and_row() -> None:
    items = build_quiz_items(corpus("table"))
    cell = _find(items, "table_cell", "关于「随机读写」")
    assert "固态硬盘与机械硬盘的比较" in cell.question
    # One side swapped, the other kept: each option pairs a thing with a value of this very row.
    assert set(cell.options) <= {"固态硬盘：很快", "固态硬盘：较慢", "机械硬盘：很快", "机械硬盘：较慢"}
    assert len(cell.options) == 3 and _answer(cell) in {"固态硬盘：很快", "机械硬盘：较慢"}
    row = _find(items, "table_row", "固态硬盘为「较好」")
    assert _answer(row) == "抗震性"
    assert set(row.options) <= {"随机读写", "抗震性", "单位容量价格", "噪音"}
    assert len(row.options) >= 3
    assert len(_of(items, "table_cell")) == 4 and len(_of(items, "table_row")) == 4  # two a row


def test_record_table_takes_wrong_answers_from_the_same_column() -> None:
    items = build_quiz_items(corpus("records"))
    cell = _find(items, "table_cell", "tar的「用途」")
    assert _answer(cell) == "打包归档"
    assert set(cell.options) == {"打包归档", "增量同步文件", "按块复制磁盘"}


def test_definitions_both_ways() -> None:
    items = build_quiz_items(corpus("terms"))
    definition = _find(items, "definition", "优先选择估计运行时间最短的作业")
    assert _answer(definition) == "短作业优先调度"
    assert "哪一种调度" in definition.question  # the labels' shared ending names the kind
    assert set(definition.options) <= {"先来先服务调度", "短作业优先调度", "时间片轮转调度", "优先级调度"}
    description = _find(items, "description", "「优先级调度」")
    assert _answer(description) == "按照进程的重要程度分配处理器"
    assert all("优先级调度" not in option for option in description.options)


def test_contrast_of_needs_and_does_not_need() -> None:
    items = build_quiz_items(corpus("terms"))
    needs = [i for i in _of(items, "contrast") if "需要预知运行时间？" in i.question]
    assert len(needs) == 1
    assert _answer(needs[0]) == "短作业优先调度"
    # Only kinds the notes say the opposite of: 优先级调度 says nothing about it, so it is no option.
    assert set(needs[0].options) == {"短作业优先调度", "先来先服务调度", "时间片轮转调度"}
    # Two kinds need no such thing: "which one does not need it" would have two right answers, so
    # it is asked as which statement is right.
    (statement,) = [i for i in _of(items, "contrast") if "是否需要预知运行时间" in i.question]
    assert _answer(statement) == "先来先服务调度：调度程序无需预知运行时间"
    assert set(statement.options) == {
        "先来先服务调度：调度程序无需预知运行时间",
        "短作业优先调度：调度程序无需预知运行时间",
        "时间片轮转调度：调度程序需要预知运行时间",
    }


def test_examples_belong_to_their_category() -> None:
    items = build_quiz_items(corpus("terms"))
    category = _find(items, "category_of", "Batch Monitor")
    assert _answer(category) == "先来先服务调度"
    # Spooler would ask the same again (same passage, same answer): one is enough.
    assert not [i for i in _of(items, "category_of") if "Spooler" in i.question]
    example = _find(items, "example_of", "「短作业优先调度」")
    assert _answer(example) == "SJF Planner"
    assert {"Batch Monitor", "Spooler", "Round Robin Kernel", "Priority Keeper"} >= set(example.options) - {"SJF Planner"}


def test_years_names_and_versions() -> None:
    items = build_quiz_items(corpus("facts"))
    year = _find(items, "year", "Codd在____年提出")
    assert _answer(year) == "1970"
    assert all(option.isdigit() and len(option) == 4 for option in year.options)  # years with years
    name = _find(items, "name", "加州大学的____（1973年启动）")
    assert _answer(name) == "Ingres"
    assert set(name.options) <= {"System R", "Ingres", "PostgreSQL", "MySQL"}
    # The sentence as the notes say it, without the list's lead-in glued before it.
    assert name.question == "填空：加州大学的____（1973年启动）"
    both = [i for i in _of(items, "name") if "和MySQL（1995年）" in i.question]
    assert both and all("MySQL" not in i.options for i in both)  # never an option shown in the question
    version = _find(items, "version", "____版本开始引入")
    assert _answer(version) == "3.0" and set(version.options) == {"3.0", "2.1"}


def test_who_said_it() -> None:
    items = build_quiz_items(corpus("facts"))
    said = _find(items, "speaker", "没有一种数据库能适合所有场景")
    assert _answer(said) == "Stonebraker"
    assert set(said.options) == {"Codd", "Stonebraker", "ACM"}
    assert _answer(_find(items, "speaker", "关系就是一张二维表")) == "Codd"


def test_glossary_pairs_both_ways() -> None:
    items = build_quiz_items(corpus("glossary"))
    english = _find(items, "alias_en", "「物理地址」")
    assert _answer(english) == "physical address"
    assert set(english.options) == {"logical address", "linear address", "physical address"}
    chinese = _find(items, "alias_zh", "「linear address」")
    assert _answer(chinese) == "线性地址"


def test_cloze_on_a_bold_sentence() -> None:
    items = build_quiz_items(corpus("terms"))
    cloze = _find(items, "cloze", "____最适合分时系统")
    assert _answer(cloze) == "时间片轮转调度"
    assert len(cloze.options) >= 3
    assert all(option.endswith("调度") for option in cloze.options)


def test_every_fixture_item_is_valid_and_cites_its_section() -> None:
    items = build_quiz_items(corpus())
    assert len({i.kind for i in items}) >= 10
    for item in items:
        assert valid(item) == [], (item, valid(item))
        assert item.source.section and item.source.section[-1] in item.explanation
        assert item.source.file.endswith(".md") and item.source.line > 0


def test_a_term_the_description_also_fits_is_no_wrong_answer() -> None:
    notes = """# 审核

审核方式分为：

- **甲型审核**：需要人工逐条复核，处理速度较慢。
- **乙型审核**：系统自动完成初筛，需要人工逐条复核。
- **丙型审核**：全程离线运行，无需任何网络连接。
"""
    items = build_quiz_items(parse_notes({"a.md": notes}))
    second = _find(items, "definition", "系统自动完成初筛")
    assert _answer(second) == "乙型审核"
    assert "甲型审核" not in second.options  # "需要人工逐条复核" is said of it too
    assert set(second.options) == {"乙型审核", "丙型审核"}


def test_a_glossary_pair_sharing_a_word_is_no_question() -> None:
    notes = "# 术语\n\n常见的有Linux内核（Linux kernel）、页表（page table）、快表（translation buffer）和段表（segment table）。\n"
    items = build_quiz_items(parse_notes({"a.md": notes}))
    asked = {i.question for i in items if i.kind.startswith("alias")}
    assert asked and not any("Linux" in q for q in asked)
    assert not any("Linux" in o for i in items if i.kind == "alias_zh" for o in i.options)
    # Pairs listed in one sentence are asked one way each, turn about.
    page = [i for i in items if "页表" in i.question or "page table" in i.question]
    assert len(page) == 1 and set(page[0].options) & {"页表", "page table"}
