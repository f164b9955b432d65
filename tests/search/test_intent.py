"""What a question asks for (a definition, a classification, a comparison, a quantity) decides which
passage answers it, on small hand-written notes; unknown topics and unwritten chapters are refused."""

from __future__ import annotations

import pytest

from bot.notes.corpus import parse_notes
from bot.search.answer import Answer, NotFound, answer_question
from bot.search.index import Index, build_index
from bot.search.wording import Intent, question_intent

NOTES = """# 1 容器与存储

学习容器技术要多动手，下面是一些笔记。

容器的性能对比：

| 特性 | 容器 | 虚拟机 |
| --- | --- | --- |
| 启动速度 | 秒级 | 分钟级 |
| 运行密度 | 单机支持上千个 | 单机支持几十个 |
| 隔离性 | 进程级 | 完全隔离 |

容器技术有很多用途，常用于部署应用，也常和编排工具一起出现。

官方文档对容器的描述：容器把进程和它的依赖隔离在独立的组中运行。

存储技术，从大类上可分为：

- 块存储：以固定大小的块为单位读写，适合数据库。
- 对象存储：以对象为单位读写，适合图片和备份。

对象存储和块存储都可以在容器里使用，部署时按需选择。

最早的对象存储服务出现在云计算兴起之后，很快流行起来。

对象存储在2006年前后开始大规模商用。

# 2 使用Helmfile管理发布

# 3 容器与云服务
"""


@pytest.fixture(scope="module")
def small() -> Index:
    return build_index(parse_notes({"n.md": NOTES}))


def answered(index: Index, question: str) -> Answer:
    result = answer_question(index, question)
    assert isinstance(result, Answer), (question, result)
    return result


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("什么是容器", Intent(definition=True)),
        ("容器是什么？", Intent(definition=True)),
        ("容器指的是什么", Intent(definition=True)),
        ("介绍一下对象存储", Intent(definition=True)),
        ("what is a container", Intent(definition=True)),
        ("存储有哪几类", Intent(classification=True)),
        ("存储分为哪些", Intent(classification=True)),
        ("容器和虚拟机的区别", Intent(comparison=True)),
        ("容器比虚拟机省内存吗", Intent(comparison=True)),
        ("比如容器", Intent()),
        ("容器 vs 虚拟机", Intent(comparison=True)),
        ("一台机器能跑多少个容器", Intent(quantity=True)),
        ("容器是哪一年出现的", Intent(time=True)),
        ("容器是用什么语言写的", Intent()),
        ("容器是什么的缩写", Intent()),
    ],
)
def test_question_intent_is_read_from_the_wording(question: str, intent: Intent) -> None:
    assert question_intent(question.lower()) == intent


@pytest.mark.parametrize("question", ["什么是容器", "容器是什么", "容器指的是什么", "What is a container?"])
def test_a_definition_question_gets_the_defining_passage_not_a_table_row(small: Index, question: str) -> None:
    best = answered(small, question).best.passage
    assert "容器把进程和它的依赖隔离" in best.text, best


@pytest.mark.parametrize("question", ["存储有哪几类", "存储技术分为哪些", "存储有哪些类型"])
def test_a_classification_question_gets_the_lead_in_with_its_list(small: Index, question: str) -> None:
    result = answered(small, question)
    assert result.best.passage.kind == "list"
    assert result.best.passage.text.split("\n") == [
        "存储技术，从大类上可分为：",
        "块存储：以固定大小的块为单位读写，适合数据库。",
        "对象存储：以对象为单位读写，适合图片和备份。",
    ]
    related = {h.passage.text for h in result.related}
    assert "存储技术，从大类上可分为：" not in related and not related & set(result.best.passage.text.split("\n"))


def test_a_lead_in_found_alone_gives_its_list() -> None:
    # A lead-in ending in "：" shows nothing by itself: its whole list answers, lead-in first.
    index = build_index(parse_notes({"n.md": NOTES}))
    result = answered(index, "存储技术，从大类上")
    assert result.best.passage.kind == "list"
    assert result.best.passage.text.split("\n")[0] == "存储技术，从大类上可分为："
    assert "存储技术，从大类上可分为：" not in {h.passage.text for h in result.related}


def test_a_question_about_one_item_gets_that_item(small: Index) -> None:
    assert answered(small, "块存储适合什么").best.passage.text.startswith("块存储：")


@pytest.mark.parametrize("question", ["容器和虚拟机的区别", "容器与虚拟机有何不同", "容器对比虚拟机"])
def test_a_comparison_question_gets_the_whole_table(small: Index, question: str) -> None:
    result = answered(small, question)
    assert result.best.passage.kind == "table"
    assert result.best.passage.context == "容器的性能对比："
    assert all(h.passage.kind != "table_row" for h in result.related)  # its rows would repeat it


def test_a_question_about_one_row_gets_that_row(small: Index) -> None:
    assert answered(small, "容器的启动速度").best.passage.text == "启动速度 — 容器：秒级；虚拟机：分钟级"
    assert answered(small, "容器和虚拟机的隔离性").best.passage.kind == "table_row"


def test_a_quantity_question_reaches_a_row_through_general_synonyms() -> None:
    index = build_index(parse_notes({"n.md": NOTES}), [("单机", "一台机器"), ("运行", "跑")])
    assert "单机支持上千个" in answered(index, "一台机器能跑多少个容器").best.passage.text


def test_a_word_only_an_unwritten_title_holds_makes_the_question_about_that_chapter(small: Index) -> None:
    # "部署" is in the passages, "Helmfile" only in the title of a chapter with no content yet.
    result = answer_question(small, "Helmfile的部署怎么做")
    assert isinstance(result, NotFound)
    assert [s.path[-1] for s in result.unwritten] == ["2 使用Helmfile管理发布"]


def test_a_title_holding_the_whole_question_beats_a_passage_holding_part_of_it(small: Index) -> None:
    result = answer_question(small, "容器云")
    assert isinstance(result, NotFound)
    assert result.unwritten[0].path[-1] == "3 容器与云服务"


@pytest.mark.parametrize("question", ["怎么学习深度学习", "机器学习是什么", "容器编排是什么"])
def test_a_common_word_beside_an_unknown_topic_is_no_answer(small: Index, question: str) -> None:
    # "学习", "编排" are in the notes, but the question is about a topic they do not cover.
    assert isinstance(answer_question(small, question), NotFound), question


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("给我讲讲什么是容器", Intent(definition=True)),
        ("容器是个啥", Intent(definition=True)),
        ("为什么是容器", Intent()),  # 为什么 asks why, not what
        ("存储的种类", Intent(classification=True)),
        ("容器vs虚拟机", Intent(comparison=True)),
        ("whats a container", Intent(definition=True)),
    ],
)
def test_intent_wording_in_the_middle_or_glued_to_chinese(question: str, intent: Intent) -> None:
    assert question_intent(question) == intent


def test_a_year_question_prefers_a_passage_that_gives_a_year(small: Index) -> None:
    assert "2006年" in answered(small, "对象存储是哪一年出现的").best.passage.text


def test_without_a_comparison_a_table_is_answered_by_its_rows_only(small: Index) -> None:
    # "启动" and "密度" stand in different rows: only the whole table holds both.
    result = answer_question(small, "启动密度")
    assert not (isinstance(result, Answer) and result.best.passage.kind == "table")


def test_a_very_common_word_weighs_less_than_its_rarity_in_the_notes(small: Index) -> None:
    # "学习" is in the notes once, but it is among the commonest words of Chinese: a question
    # about learning something else is not about these notes.
    for question in ("怎么学习吉他", "如何学习日语"):
        assert isinstance(answer_question(small, question), NotFound), question


@pytest.mark.parametrize("word", ["几秒", "两大类", "三种", "多少次", "几大类", "十个"])
def test_a_number_with_a_measure_word_names_no_topic(word: str) -> None:
    from bot.search.wording import is_function_word

    assert is_function_word(word)
    assert not is_function_word("秒级") and not is_function_word("种类")


@pytest.mark.parametrize(
    "question",
    ["容器启动要几秒", "存储可以分为哪两大类", "容器和虚拟机比有什么不同"],  # "几秒", "两大类", "比有"
)
def test_counting_words_and_guessed_glued_words_do_not_sink_an_answer(small: Index, question: str) -> None:
    answered(small, question)


def test_a_term_split_by_a_latin_aside_is_still_that_term() -> None:
    # "虚拟化（virtualization）技术" holds the phrase "虚拟化技术" once the aside is set apart.
    notes = "# 1 概念\n\n虚拟化（virtualization）技术是一种资源管理技术。\n\n虚拟化技术的历史很长，下面分几段来讲。\n"
    index = build_index(parse_notes({"n.md": notes}))
    best = answered(index, "什么是虚拟化技术").best
    assert best.passage.text.startswith("虚拟化（virtualization）技术是")
    assert best.score == 1.0  # the whole phrase is held, not only its words


def test_a_phrase_quoted_from_an_unwritten_title_is_about_that_chapter(small: Index) -> None:
    # A passage holds "服务" and "云" apart; only the unwritten title holds "云服务".
    result = answer_question(small, "云服务")
    assert isinstance(result, NotFound)
    assert result.unwritten[0].path[-1] == "3 容器与云服务"
    # "容器与" is no phrase (it ends on a function character): the comparison is still answered.
    assert answered(small, "容器与虚拟机的区别").best.passage.kind == "table"


def test_english_words_join_into_the_chinese_term_the_notes_use(small: Index) -> None:
    from bot.search.question import read_question

    # No glossary entry for "container technology": "container" → 容器, "technology" → 技术, and
    # the notes write "容器技术": one unit, as the notes' term.
    units = read_question(small, "What is container technology?").units
    assert len(units) == 1 and ("容器技术", 0.9) in units[0].forms
    assert "容器技术" in answered(small, "container technology").best.passage.text


@pytest.mark.parametrize("question", ["存储大致分几类", "What does 存储 stand for"])
def test_vague_adverbs_and_english_question_words_name_nothing(small: Index, question: str) -> None:
    answered(small, question)


def test_what_a_question_counts_weighs_less_than_what_it_is_about(small: Index) -> None:
    from bot.search.question import read_question

    # "多少个实例": the answer gives a number ("上千个") and need not repeat "实例".
    counted = {u.text: u.weight for u in read_question(small, "容器能运行多少个实例").units}
    plain = {u.text: u.weight for u in read_question(small, "容器运行实例").units}
    assert counted["实例"] == pytest.approx(plain["实例"] * 0.5)
    assert "单机支持几十个" in answered(small, "虚拟机能运行多少个实例").best.passage.text
    # A mass noun after 多少 ("多少硬盘") is what is asked about: it keeps its weight.
    assert {u.text: u.weight for u in read_question(small, "容器占多少硬盘").units}.get("硬盘", 0) > 0


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("容器 是 什么 ？", Intent(definition=True)),
        ("容器和虚拟机有啥不一样", Intent(comparison=True)),
        ("when was chroot created", Intent(time=True)),
    ],
)
def test_intent_survives_spaces_and_colloquial_wording(question: str, intent: Intent) -> None:
    assert question_intent(question) == intent


def test_a_title_sharing_only_a_light_word_does_not_take_the_question(index: Index) -> None:
    # The default notes: "创建" stands in the unwritten chapter 8's title and in passages; the
    # question is about chroot, which a passage holds and the title does not.
    for question in ("chroot是什么时候创建的", "when was chroot created"):
        assert "chroot工具" in answered(index, question).best.passage.text, question


@pytest.mark.parametrize(
    ("question", "comparison"),
    [("容器和虚拟机有什么不同", True), ("应用在不同环境表现不一样", False), ("容器与虚拟机的区别", True)],
)
def test_a_difference_compares_only_two_named_things(question: str, comparison: bool) -> None:
    assert question_intent(question).comparison is comparison


def test_a_phrase_does_not_end_on_an_aspect_word(index: Index) -> None:
    from bot.search.question import read_question

    # The default notes hold "…虚拟化包括Intel-VT…", but in "虚拟化包括哪几类" "包括" asks.
    assert [u.text for u in read_question(index, "虚拟化包括哪几类").units][0] == "虚拟化"
    assert answered(index, "虚拟化包括哪几类").best.passage.kind == "list"


def test_a_caption_found_alone_gives_its_table(small: Index) -> None:
    # The caption shows nothing: its table answers (under it), and the caption is not repeated.
    result = answered(small, "容器的性能对比")
    assert result.best.passage.kind == "table"
    assert result.best.passage.context == "容器的性能对比："
    assert "容器的性能对比：" not in {h.passage.text for h in result.related}


def test_a_caption_naming_both_sides_is_no_answer(index: Index) -> None:
    # Every row names 容器 and 虚拟机 as the caption does: no row stands out, the whole table answers.
    result = answered(index, "容器是不是比虚拟机快")
    assert result.best.passage.kind == "table"


def test_a_row_that_covers_the_question_answers_instead_of_its_caption(small: Index) -> None:
    result = answered(small, "容器的隔离性对比")
    assert result.best.passage.kind in ("table_row", "table")
    assert "进程级" in result.best.passage.text


def test_a_function_character_is_no_typo(index: Index) -> None:
    from bot.search.question import read_question

    # "迁移时" is 迁移 + 时 ("when migrating"), not a mistyped "迁移性".
    assert "迁移性" not in [u.text for u in read_question(index, "迁移时只需要做什么").units]
    assert "只需要在新的服务器上启动需要的容器" in answered(index, "迁移时只需要做什么").best.passage.text


def test_inline_results_do_not_repeat_the_parts_of_a_whole(small: Index) -> None:
    from bot.search.answer import search

    hits = search(small, "存储有哪几类", limit=5)
    assert hits[0].passage.kind == "list"
    lines = set(hits[0].passage.text.split("\n"))
    assert not any(h.passage.text in lines for h in hits[1:])
    table = search(small, "容器和虚拟机的区别", limit=5)
    assert table[0].passage.kind == "table"
    assert all(h.passage.kind != "table_row" and h.passage.text != "容器的性能对比：" for h in table[1:])


def test_a_phrase_quoted_word_for_word_beats_a_label(index: Index) -> None:
    # "迁移的时候" stands in one paragraph word for word; the row labelled 迁移性 only holds 迁移.
    assert "只需要在新的服务器上启动需要的容器" in answered(index, "容器迁移的时候需要干什么").best.passage.text
    # Asked about the row's label itself, the row still answers.
    assert answered(index, "容器的迁移性怎么样").best.passage.text.startswith("迁移性")


def test_function_only_pieces() -> None:
    from bot.search.scoring import _function_only

    assert _function_only("的时候") and _function_only("要")
    assert not _function_only("包括") and not _function_only("级别")


@pytest.mark.parametrize("question", ["LXC的好处是什么", "LXC强在哪里", "what are the advantages of LXC"])
def test_an_aspect_question_prefers_a_sentence_that_judges_its_subject(index: Index, question: str) -> None:
    # Several passages name LXC; the one where LXC is the subject of praise ("取其精华…事实标准") answers.
    assert question_intent(question.lower()).evaluation
    assert "取其精华去其糟粕" in answered(index, question).best.passage.text


def test_judging_words_count_only_after_a_subject() -> None:
    from bot.search.scoring import _judged

    assert _judged("后来lxc取其精华，成为事实标准。", "lxc") == 2
    assert _judged("在lxc之前，这些技术已经成熟、稳定。", "lxc") == 0


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which language was docker written in", "基于go语言开发"),
        ("what foundation has docker joined", "Linux基金会"),
        ("what is the slogan of docker", "Build, Ship and Run Any App, Anywhere"),
        ("what came before LXC", "在LXC之前"),
    ],
)
def test_english_questions_with_ordinary_verbs(index: Index, question: str, expected: str) -> None:
    from bot.search.question import read_question

    # "written", "made", "joined" … name no topic; "language", "foundation", "slogan" are glossed.
    assert "written" not in [u.text for u in read_question(index, question).units]
    assert expected in answered(index, question).best.passage.text


def test_words_in_the_question_order_close_together_rank_higher() -> None:
    from bot.search.question import Unit
    from bot.search.scoring import _in_order

    units = tuple(Unit(w, ((w, 1.0),), (False,), 1.0) for w in ("虚拟化", "实现"))
    assert _in_order(units, "虚拟化可以通过硬件模拟来实现") == 2.0
    assert _in_order(units, "实现了虚拟化") == 0.0
    assert _in_order(units, "虚拟化可以大幅度提高性能，调用硬件接口能力以后再来实现") == 0.0


def test_a_latin_word_only_a_heading_holds_as_written_points_at_that_chapter(index: Index) -> None:
    # "machine" stands as written only in an unwritten chapter's title; a passage holds only its
    # translation 机器 in passing: the chapter is what is asked about.
    result = answer_question(index, "how do I use docker machine")
    assert isinstance(result, NotFound) and result.unwritten


def test_inline_results_never_list_a_caption_or_lead_in_alone(index: Index) -> None:
    from bot.search.answer import search

    for question in ("容器和虚拟机比较", "容器技术的演化", "虚拟化技术从大类上"):
        hits = search(index, question, 10)
        assert hits
        for hit in hits:
            following = [p for p in index.corpus.passages if p.context == hit.passage.text]
            assert not following, (question, hit.passage.text)
