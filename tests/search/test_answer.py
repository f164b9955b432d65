"""Answering: the right passage, honest refusals, unwritten chapters, aliases, typos, English."""

from __future__ import annotations

import pytest

from bot.notes.corpus import parse_notes
from bot.search.answer import ANSWER_MIN, Answer, NotFound, answer_question, search
from bot.search.index import Index, build_index
from bot.search.question import read_question


def best_text(index: Index, question: str) -> str:
    result = answer_question(index, question)
    assert isinstance(result, Answer), f"refused: {question}"
    return result.best.passage.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("docker用的是哪门编程语言", "go语言"),  # synonym group: 编程语言 ↔ 语言
        ("dokcer的开发语言", "go语言"),  # a typo in a Latin word
        ("ＬＸＣ的全称", "Linux Containers"),  # full-width letters, an alias
        ("甚麼是超虛擬化", "超虚拟化（paravirtualization）"),  # traditional characters
        ("What is paravirtualization?", "超虚拟化（paravirtualization）"),  # English question
        ("hardware virtualization support", "硬件辅助"),  # English words reach Chinese notes
        ("sriov", "Single Root I/O Virtualization"),  # hyphen dropped
        ("容器启动有多快", "秒级"),  # a table row, with its header's meaning
        ("虚拟机硬盘占用", "一般为GB"),
        ("谁发起了docker项目", "Soloman Hykes"),
    ],
)
def test_answers_come_from_the_right_passage(index: Index, question: str, expected: str) -> None:
    assert expected in best_text(index, question)


@pytest.mark.parametrize(
    "question",
    ["你好呀", "hello there", "🙂🙂", "？？", "北京明天的天气", "Java虚拟机的垃圾回收", "什么是区块链技术",
     "How do I cook rice?", "1+2等于几"],
)
def test_questions_the_notes_do_not_answer_are_refused(index: Index, question: str) -> None:
    result = answer_question(index, question)
    assert isinstance(result, NotFound), (question, result)


def test_a_chapter_that_is_only_a_heading_is_named_as_unwritten(index: Index) -> None:
    result = answer_question(index, "Mesos怎么调度资源")
    assert isinstance(result, NotFound)
    assert [s.path[-1] for s in result.unwritten] == ["26 Mesos优秀的集群资源调度平台"]
    assert not any(s.has_content for s in result.unwritten)


def test_suggestions_are_sections_with_content(index: Index) -> None:
    result = answer_question(index, "虚拟化和区块链有什么关系")  # half about the notes
    if isinstance(result, NotFound):
        assert all(s.has_content for s in result.suggestions)


def test_answer_has_two_or_three_related_passages_and_highlights(index: Index) -> None:
    result = answer_question(index, "超虚拟化为什么比全虚拟化快")
    assert isinstance(result, Answer)
    assert 2 <= len(result.related) <= 3
    assert result.best.passage.id not in {hit.passage.id for hit in result.related}
    assert result.best.score >= ANSWER_MIN
    assert result.best.matched, "the question's words are highlighted"
    for hit in (result.best, *result.related):
        assert all(fragment in hit.passage.text for fragment in hit.matched)
        assert 0.0 <= hit.score <= 1.0


def test_confidence_falls_as_less_of_the_question_is_covered(index: Index) -> None:
    full = answer_question(index, "OpenVZ")
    assert isinstance(full, Answer) and full.best.score >= 0.8
    partial = answer_question(index, "OpenVZ和Kubernetes的区别")
    score = partial.best.score if isinstance(partial, Answer) else 0.0
    assert score < full.best.score


def test_empty_and_huge_questions(index: Index) -> None:
    assert answer_question(index, "") == NotFound("", (), ())
    assert answer_question(index, "   ") == NotFound("   ", (), ())
    huge = "容器" * 5000
    assert isinstance(answer_question(index, huge), (Answer, NotFound))


def test_search_returns_ranked_hits_for_inline_mode(index: Index) -> None:
    hits = search(index, "虚拟化", limit=5)
    assert 1 <= len(hits) <= 5
    assert all(h.score >= 0.3 for h in hits)
    assert search(index, "你好", limit=5) == ()
    assert search(index, "虚拟化", limit=0) == ()


def test_synonyms_from_the_notes_folder_are_used() -> None:
    corpus = parse_notes({"n.md": "# 工具\n\n这个项目的维护者是张三。\n\n另一段讲别的东西。\n"})
    without = build_index(corpus)
    with_synonyms = build_index(corpus, [("维护者", "看护人")])
    assert isinstance(answer_question(without, "看护人是谁"), NotFound)
    assert "张三" in best_text(with_synonyms, "看护人是谁")


def test_general_synonyms_are_built_in() -> None:
    # No synonyms.txt: "创始人" still finds "作者", "一台机器" still finds "单机".
    corpus = parse_notes({"n.md": "# 工具\n\n这个项目的作者是张三。\n\n单机最多跑十个实例。\n"})
    index = build_index(corpus)
    assert "张三" in best_text(index, "创始人是谁")
    assert "单机" in best_text(index, "一台机器能跑几个实例")
    ports = build_index(parse_notes({"n.md": "# 网格\n\n端口必须命名，否则会被视为 TCP 流量。\n"}))
    asked = {t.text: t.forms for t in read_question(ports, "http 服务被当成 TCP 流量").terms}
    assert "视为" in asked["当成"]  # 当成 = 视为 = 当作 = 看作


def test_an_alias_links_english_and_chinese_terms() -> None:
    corpus = parse_notes({"n.md": "# 概念\n\n镜像分层（layering）让构建更快。\n\n别的段落。\n"})
    index = build_index(corpus)
    assert "镜像分层" in best_text(index, "what is layering")


def test_a_chinese_question_reaches_notes_written_in_english() -> None:
    # notes often keep English tables and labels: 端口范围 is asked of a "Port Range" column
    corpus = parse_notes({"n.md": "# 集群\n\n## 网络\n\n| Protocol | Port Range | Purpose |\n|---|---|---|\n"
                          "| TCP | 6443 | API server |\n| TCP | 30000-32767 | NodePort Services |\n\n"
                          "## 服务\n\nNodePort 服务在每台机器上绑定一个端口。\n"})
    index = build_index(corpus)
    assert "30000-32767" in best_text(index, "NodePort 的端口范围是多少")


def test_an_english_row_outranks_chinese_text_sharing_the_questions_characters() -> None:
    # 端口范围 stands in the English row as "Port Range": its characters count there through their
    # renderings, so a Chinese list that only shares characters (端口, 默认, 范围 apart) does not win
    corpus = parse_notes({"n.md": "# 集群\n\n## 端口\n\n| Protocol | Port Range | Purpose |\n|---|---|---|\n"
                          "| TCP | 6443 | API server |\n| TCP | 30000-32767 | NodePort Services |\n\n"
                          "## 服务\n\nService 有两种类型：\n\n"
                          "- ClusterIP：默认类型，分配一个仅集群内部可以访问的虚拟 IP，范围由集群设置。\n"
                          "- NodePort：在 ClusterIP 基础上为 Service 在每台机器上绑定一个端口，默认随机选择。\n"})
    index = build_index(corpus)
    assert "30000-32767" in best_text(index, "NodePort 的端口范围默认是多少")


def test_notes_of_other_files_and_topics_work_the_same() -> None:
    corpus = parse_notes(
        {
            "a/redis.md": "# Redis\n\n## 持久化\n\nRedis 支持 RDB 快照和 AOF 日志两种持久化方式。\n",
            "b.md": "# Nginx\n\n反向代理用 proxy_pass 指令配置。\n",
        }
    )
    index = build_index(corpus)
    result = answer_question(index, "redis怎么持久化")
    assert isinstance(result, Answer)
    assert result.best.passage.file == "a/redis.md"
    assert "proxy_pass" in best_text(index, "nginx反向代理怎么配")
    assert isinstance(answer_question(index, "docker是什么"), NotFound)


def test_a_question_quoting_an_unwritten_title_is_about_that_chapter(index: Index) -> None:
    # "大数据平台" is only in the title of chapter 13; passages mention 数据/平台/部署 in passing.
    result = answer_question(index, "大数据平台怎么用docker部署")
    assert isinstance(result, NotFound)
    assert result.unwritten[0].path[-1] == "13 分布式处理与大数据平台"


def test_greetings_and_time_questions_carry_no_topic(index: Index) -> None:
    for question in ("早上好", "谢谢！", "good morning", "现在几点了"):
        assert isinstance(answer_question(index, question), NotFound), question


@pytest.mark.parametrize(
    ("question", "expected"),
    [("什么是虚拟话", "虚拟化"), ("超虚拟花的性能", "超虚拟化"), ("docker的隔李性", "安全隔离")],
)
def test_a_mistyped_chinese_character_is_mended(index: Index, question: str, expected: str) -> None:
    assert expected in best_text(index, question)


def test_real_words_are_not_mended_into_note_words(index: Index) -> None:
    for question in ("北京话怎么说", "区块链是什么"):
        assert isinstance(answer_question(index, question), NotFound), question
