"""Items kept apart: rows that say their label, the same sentence asked twice, items that give each
other away, and the sources that replace them; each on small hand-written notes."""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timezone
from pathlib import Path

from bot import texts
from bot.quiz.apart import pick
from bot.notes.corpus import parse_notes
from bot.quiz import QuizItem, QuizSource, build_quiz_items
from bot.quiz.apart import PER_LINE, gives_away
from bot.quiz.facts import fact_drafts
from bot.quiz.item import finish
from bot.study.counts import MAX_COUNT
from bot.study.review import next_items
from tests.quiz.fixtures import COMPARISON, SYSTEMS
from tests.quiz.fixtures import answer_of as _answer
from tests.quiz.fixtures import items_of as _items

DEFAULT_NOTES = Path(__file__).resolve().parents[2] / "corpus" / "docker-notes.md"


# --- a table row whose cells say its label ---------------------------------------------------------


def test_a_row_whose_cells_say_its_label_is_not_asked() -> None:
    notes = "# 工具\n\n常用的工具：\n\n| 工具 | 用途 |\n| --- | --- |\n| 压缩器 | 把文件压缩成包 |\n| rsync | 增量同步文件 |\n| tar | 打包归档 |\n| dd | 按块复制磁盘 |\n"
    rows = {_answer(i) for i in _items(notes) if i.kind == "table_row"}
    assert "压缩器" not in rows  # 「把文件压缩成包」 says 压缩: wording, not the notes
    assert rows and rows <= {"rsync", "tar", "dd"}


# --- explanations and sources ----------------------------------------------------------------------


def test_no_list_punctuation_is_left_before_the_citation() -> None:
    items = _items(SYSTEMS)
    assert items
    for item in items:
        assert not re.search(r"[；;，,、：:]\s*（见", item.explanation), item.explanation


QUOTES = """# 引用

> 虚拟化在不同的领域有不同的理解。
>
> wikipedia这样定义：**虚拟化是一种资源管理技术，把实体资源抽象、转换后呈现出来。**

Hykes认为，容器在正确的时间顺应了正确的趋势。

> IBM Research对容器的描述：容器把单个操作系统管理的资源划分到孤立的组中。
"""


def test_who_the_notes_quote_is_never_asked() -> None:
    items = _items(QUOTES, files=True)
    sources = {"wikipedia", "Hykes", "IBM Research"}
    assert not [i for i in items if _answer(i) in sources or set(i.options) & sources]


# --- items that give each other away ---------------------------------------------------------------


def test_the_same_sentence_with_the_blank_moved_is_asked_once() -> None:
    items = _items(SYSTEMS)
    pair = [i for i in items if i.kind == "year" and "Linux-VServer" in i.question and "OpenVZ" in i.question]
    assert len(pair) <= 1
    # No item's question states another's answer beside what that one asks about.
    for a, b in itertools.combinations(items, 2):
        assert not gives_away(a, b, explained=False), (a.question, b.question)


def test_an_answer_shown_beside_its_cue_in_another_question_gives_it_away() -> None:
    year = QuizItem("y1", "year", "填空：FreeBSD系统上的jail（____年左右发布）", ("2000", "2004", "2005"), 0,
                    "FreeBSD系统上的jail（2000年左右发布）。（见「系统」）", _source(5))
    platform = QuizItem("p1", "platform", "笔记提到的 jail，是哪个系统上的？", ("Sun Solaris", "FreeBSD", "GNU/Linux"), 1,
                        "FreeBSD系统上的jail（2000年左右发布）。（见「系统」）", _source(5))
    other = QuizItem("p2", "platform", "笔记提到的 OpenVZ，是哪个系统上的？", ("Sun Solaris", "FreeBSD", "GNU/Linux"), 2,
                     "以及GNU/Linux上的Linux-VServer（2001年）和OpenVZ（2005年）。（见「系统」）", _source(6))
    assert gives_away(platform, year, explained=False)  # "FreeBSD系统上的jail" stands in the year's question
    assert not gives_away(other, year, explained=False)  # FreeBSD is an option there, which states nothing
    assert not gives_away(other, platform)


def _source(line: int) -> QuizSource:
    return QuizSource("n.md", line, ("系统",))


def test_a_quiz_batch_holds_no_pair_that_gives_itself_away_and_two_items_a_line_at_most() -> None:
    files = {"docker-notes.md": DEFAULT_NOTES.read_text(encoding="utf-8")}
    corpus = parse_notes(files)
    items = build_quiz_items(corpus, files=files)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    # the most polls a quiz sends at once
    for batch in (next_items(items, {}, now, MAX_COUNT), pick(items, MAX_COUNT, 7, corpus), pick(items, MAX_COUNT, 8, corpus)):
        assert len(batch) == MAX_COUNT and len({i.id for i in batch}) == MAX_COUNT
        for a, b in itertools.combinations(batch, 2):
            assert not gives_away(a, b), (a.question, b.question)
        lines = [(i.source.file, i.source.line) for i in batch]
        assert max(lines.count(line) for line in lines) <= PER_LINE
    # A batch as long as all the items still holds them all (those put off come last).
    assert len(next_items(items, {}, now, len(items))) == len(items)


# --- new sources -----------------------------------------------------------------------------------

REPLACED = """# 历史

数据库也经历了长期的演化：

- 早期的研究原型有IBM的System R（1974年启动）；
- 加州大学的Ingres（1973年启动）；
- 以及后来的PostgreSQL（1996年启动）和MySQL（1995年启动）。
- 在Ingres的基础上，伯克利的团队进一步改进了查询优化。
- 项目最开始是直接基于Ingres的，后来团队开发了Illustra项目作为新的查询实现，从而替换掉了Ingres的实现。
"""


def test_a_name_that_replaced_a_listed_one_is_asked_and_is_no_wrong_answer_for_it() -> None:
    drafted = [finish(d, 0) for d in fact_drafts(parse_notes({"n.md": REPLACED}))]
    names = [i for i in drafted if i is not None and i.kind == "name"]
    (replaced,) = [i for i in names if "开发了____项目" in i.question]
    assert _answer(replaced) == "Illustra"
    assert set(replaced.options) - {"Illustra"} <= {"System R", "MySQL", "PostgreSQL"}
    # "在____的基础上": Illustra took Ingres's place, so it could be read as right there.
    assert [i for i in names if _answer(i) == "Ingres"]
    for item in names:
        if _answer(item) == "Ingres":
            assert "Illustra" not in item.options
    # Of the sentence's two names (the same item with the blank moved), one is kept.
    kept = [i for i in _items(REPLACED) if i.kind == "name" and "替换掉了" in i.question]
    assert len(kept) == 1


LIKENESS = """# 调度

进程调度算法可分为：

- **先来先服务调度**：按照作业到达的先后顺序分配处理器，例如Batch Monitor。
- **短作业优先调度**：优先选择估计运行时间最短的作业，例如SJF Planner。
- **时间片轮转调度**：让每个进程轮流运行一个固定长度的时间片，例如Round Robin Kernel。
- **优先级调度**：按照进程的重要程度分配处理器，例如Priority Keeper。

**这种分类并不是绝对的。**例如 Mixed Planner 按照到达次序排队，但会预估每个任务的耗时，这与短作业优先调度相似，只不过短作业优先调度只看长度。
"""


def test_the_term_something_is_likened_to_is_asked_up_to_the_likeness() -> None:
    items = [i for i in _items(LIKENESS) if i.kind == "cloze" and "相似" in i.question]
    assert len(items) == 1
    (item,) = items
    assert _answer(item) == "短作业优先调度" and item.question.endswith("这与____相似")
    assert "只不过" not in item.question
    assert set(item.options) - {"短作业优先调度"} <= {"先来先服务调度", "时间片轮转调度", "优先级调度"}


STATED = """# 存储

**存储技术，从50年代以来不停地演进，经历了磁鼓存储、磁带存储、磁盘存储、闪存存储**。早期的存储依靠机械结构，而闪存存储更加轻巧，它没有任何运动部件。
"""


def test_a_member_of_a_bold_statement_list_is_asked_in_the_next_sentence_with_its_siblings() -> None:
    items = [i for i in _items(STATED) if i.kind == "cloze" and "更加轻巧" in i.question]
    assert len(items) == 1
    (item,) = items
    assert _answer(item) == "闪存存储"
    assert set(item.options) == {"磁鼓存储", "磁带存储", "磁盘存储", "闪存存储"}


TREE = """# 缓存

缓存，根据服务对象所在的层次，可以分为 **“应用缓存”** 和 **“平台缓存”**。

- **应用缓存**：如Ehcache之类的软件，其服务的对象是应用程序，所以属于应用缓存。
- **平台缓存**：如缓存集群，其服务的对象是一个平台。平台缓存又可以细分为如下几类。
  - **主从缓存**：由主节点写入、从节点读取，例如Redis Sentinel。
  - **分片缓存**：按键的哈希把数据分散到多个节点，例如Redis Cluster。
  - **多级缓存**：先查进程内的副本，未命中再查远端，例如Caffeine Tier。
"""


def test_an_example_of_one_of_two_kinds_is_asked_among_the_other_kind_and_its_subkinds() -> None:
    items = [i for i in _items(TREE) if i.kind == "category_of" and "Ehcache" in i.question]
    assert len(items) == 1
    (item,) = items
    assert _answer(item) == "应用缓存"
    assert len(item.options) >= 3
    assert set(item.options) - {"应用缓存"} <= {"平台缓存", "主从缓存", "分片缓存", "多级缓存"}


GLOSSED = """# 生命周期

**应用的生命周期包括封装、分发、部署、运行**。平台通过对应用的封装（packaging）、分发（distribution）、部署（deployment）进行管理。
"""


def test_no_blank_stands_before_its_english_gloss() -> None:
    for item in _items(GLOSSED):
        assert not re.search(re.escape(texts.QUIZ_BLANK) + r"\s*[（(]\s*[A-Za-z]", item.question), item.question
