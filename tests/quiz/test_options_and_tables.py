"""Options and tables: a rule each, on small hand-written notes (made up
for the tests, not the project's notes); and strategies that read only the options' shapes must not
beat blind guessing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from bot import texts
from bot.notes.corpus import Passage, parse_notes
from bot.quiz import QuizItem, build_quiz_items
from bot.quiz.facts import fact_drafts
from bot.quiz.item import Draft, finish
from bot.quiz.build import TABLE_LEAD
from bot.quiz.tables import PER_FILE, PER_TABLE, label_column, table_drafts
from bot.quiz.text import fill, unjoin
from tests.quiz.fixtures import ALL, COMPARISON, OWN_NOTE, SYSTEMS
from tests.quiz.fixtures import answer_of as _answer
from tests.quiz.fixtures import items_of as _items

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOTES = ROOT / "corpus" / "docker-notes.md"


# --- strategies that read only the options ------------------------------------------------------

_PIECES = re.compile(r"[：:、，,\s]+")


def _halves(options: tuple[str, ...]) -> list[float]:
    """Score each option by how often its pieces ("容器", "优秀") show in the other options."""
    counts = Counter(p for o in options for p in set(_PIECES.split(o)) if p)
    return [sum(counts[p] for p in set(_PIECES.split(o)) if p) for o in options]


def _longest(options: tuple[str, ...]) -> list[float]:
    return [len(o) for o in options]


def _shortest(options: tuple[str, ...]) -> list[float]:
    return [-len(o) for o in options]


def _odd_script(options: tuple[str, ...]) -> list[float]:
    """The one option written unlike the others (Latin among Chinese, or the other way)."""
    looks = [bool(re.search(r"[\u4e00-\u9fff]", o)) for o in options]
    return [1.0 if looks.count(look) == 1 else 0.0 for look in looks]


def _odd_ending(options: tuple[str, ...]) -> list[float]:
    """The one option not sharing the ending (two characters) the others share."""
    ends = [o[-2:] for o in options]
    return [1.0 if ends.count(e) == 1 and len(set(ends)) == 2 else 0.0 for e in ends]


def _odd_length(options: tuple[str, ...]) -> list[float]:
    """The option whose length is furthest from the others' mean."""
    return [abs(len(o) - sum(len(x) for x in options if x is not o) / (len(options) - 1)) for o in options]


def _echo(question: str) -> Callable[[tuple[str, ...]], list[float]]:
    """The option sharing most characters with the question."""
    return lambda options: [len(set(o) & set(question)) for o in options]


def _score(items: tuple[QuizItem, ...], strategy: Callable[[QuizItem], list[float]]) -> tuple[float, float]:
    """Expected right answers of the strategy (ties shared out as a guess among them) and of blind
    guessing."""
    hits = chance = 0.0
    for item in items:
        scores = strategy(item)
        best = max(scores)
        tied = [i for i, s in enumerate(scores) if s == best]
        hits += (item.correct in tied) / len(tied)
        chance += 1 / len(item.options)
    return hits, chance


STRATEGIES: dict[str, Callable[[QuizItem], list[float]]] = {
    "most frequent halves": lambda i: _halves(i.options),
    "longest": lambda i: _longest(i.options),
    "shortest": lambda i: _shortest(i.options),
    "odd script": lambda i: _odd_script(i.options),
    "odd ending": lambda i: _odd_ending(i.options),
    "odd length": lambda i: _odd_length(i.options),
    "echoes the question": lambda i: _echo(i.question)(i.options),
}


def _all_items() -> tuple[QuizItem, ...]:
    files = {**ALL, "comparison.md": COMPARISON, "systems.md": SYSTEMS, "index.md": OWN_NOTE}
    files["docker-notes.md"] = DEFAULT_NOTES.read_text(encoding="utf-8")
    return build_quiz_items(parse_notes(files))


def test_option_shapes_alone_do_not_beat_guessing() -> None:
    items = _all_items()
    assert len(items) >= 55  # enough items for the rates to mean something
    for name, strategy in STRATEGIES.items():
        hits, chance = _score(items, strategy)
        # Noticeably better than chance would be a giveaway: allow noise of about two in forty.
        assert hits <= chance + 0.06 * len(items), (name, hits, chance, len(items))


def test_the_shape_check_catches_the_old_cell_options() -> None:
    """The 'thing：value' options the review caught (one side swapped in each wrong one): the check
    above must fail them."""
    old = tuple(
        QuizItem(f"x{n}", "table_cell", "关于「某行」，以下哪一项正确？", options, 0, "", None)  # type: ignore[arg-type]
        for n, options in enumerate(
            [
                ("容器：秒级", "容器：分钟级", "虚拟机：秒级"),
                ("虚拟机：较多", "虚拟机：很小", "容器：较多"),
                ("容器：优秀", "虚拟机：优秀", "容器：一般"),
            ]
        )
    )
    hits, chance = _score(old, STRATEGIES["most frequent halves"])
    assert hits == 3 and chance == 1


# --- 1. tables: no cell pairs, a cap a table -----------------------------------------------------

LONG_TABLE = "# 工具\n\n常用的工具：\n\n| 工具 | 用途 |\n| --- | --- |\n" + "".join(
    f"| 工具{n}号 | 处理第{n}类任务 |\n" for n in "一二三四五六七八九十"
)


def test_one_table_gives_at_most_per_table_items_spread_over_its_rows() -> None:
    items = _items(LONG_TABLE)
    assert 3 <= len(items) <= PER_TABLE
    assert {i.kind for i in items} <= {"table_row", "table_cell"}
    asked = [i.source.line for i in items]
    assert 7 in asked and 16 in asked  # first and last rows: spread, not the top rows


def test_one_files_tables_give_at_most_per_file_items() -> None:
    tables = "".join(LONG_TABLE.replace("# 工具", f"## 工具{n}").replace("常用的工具", f"第{n}组工具") for n in "一二三")
    items = _items("# 方案\n\n" + tables)
    # Three tables of ten rows and no text: not eighteen items; a page of tables gives a few look-ups
    # beyond what its text gives (none here).
    assert 3 <= len(items) <= min(PER_FILE, TABLE_LEAD)


# --- 2. alias items a dictionary answers -------------------------------------------------------------

GLOSSES = """# 术语

在计算领域，一般指的是计算虚拟化（computing virtualization），或通常说的服务器虚拟化。

另有平台虚拟化（platform virtualization）与桌面虚拟化（desktop virtualization）之分。

程序看到的是逻辑地址（logical address），经过分段转换为线性地址（linear address），再加上段地址（segment address）。
"""


def test_an_english_name_the_glossary_translates_word_for_word_is_not_asked() -> None:
    items = _items(GLOSSES)
    asked = " ".join(i.question + " ".join(i.options) for i in items if i.kind.startswith("alias"))
    assert "另有" not in asked  # "另有平台虚拟化（…）": the term is 平台虚拟化
    for glossed in ("computing virtualization", "计算虚拟化", "platform virtualization", "平台虚拟化"):
        assert glossed not in " ".join(i.question for i in items if i.kind.startswith("alias")), glossed
    assert "logical address" in asked or "linear address" in asked  # the glossary does not know these


# --- 3. spaces only where Latin meets Chinese ----------------------------------------------------

def test_fill_spaces_only_between_latin_and_chinese() -> None:
    template = "按笔记中的分类，{example}属于哪一种{noun}？"
    assert fill(template, example="虚拟机技术", noun="虚拟化") == "按笔记中的分类，虚拟机技术属于哪一种虚拟化？"
    assert fill(template, example="WINE", noun="虚拟化") == "按笔记中的分类，WINE 属于哪一种虚拟化？"
    assert fill("以{x}为代表", x="Xen、KVM") == "以 Xen、KVM 为代表"
    assert fill("「{x}」对应的英文是？", x="Docker") == "「Docker」对应的英文是？"  # a bracket needs none


CHINESE_EXAMPLES = """# 方案

方案分为：

- **集中方案**：如主机方案、大机方案，所有数据放在一处。
- **分散方案**：如节点方案、边缘方案，数据分在多处。
- **混合方案**：如云边方案、双活方案，两者兼有。
"""


def test_no_template_puts_a_space_between_chinese_words() -> None:
    items = _items(CHINESE_EXAMPLES) + _all_items()
    for item in items:
        for text in (item.question, *item.options):
            assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text.replace(" “", "“")) or text in unjoin_all(), text
    category = [i for i in _items(CHINESE_EXAMPLES) if i.kind == "category_of"]
    assert category and all(" 属于" not in i.question for i in category)


def unjoin_all() -> str:
    return "\n".join(ALL.values()) + DEFAULT_NOTES.read_text(encoding="utf-8")


# --- 4. three options at least ---------------------------------------------------------------------

EITHER_OR = """# 方式

部署方式分为：

- **本地部署**：如Alpha Box之类，装在自己的机房。
- **云上部署**：如Beta Cloud之类，装在别人的机房。
"""


def test_an_either_or_is_no_item_and_no_item_has_fewer_than_three_options() -> None:
    assert not [i for i in _items(EITHER_OR) if i.kind == "category_of"]
    assert all(len(i.options) >= 3 for i in _all_items())


# --- 5. wrong answers that give themselves away ------------------------------------------------------


def test_a_wrong_name_naming_its_own_platform_is_left_out() -> None:
    items = _items(SYSTEMS)
    for item in items:
        if "FreeBSD系统上的____" in item.question:
            assert "Solaris Zones" not in item.options and "Linux-VServer" not in item.options
    # Asked the other way round, a name's own system: never when the name shows it.
    platforms = {_answer(i): i for i in items if i.kind == "platform"}
    assert "FreeBSD" in platforms and "Sun Solaris" not in platforms
    # "Unix系列系统" is a family FreeBSD and Solaris belong to: never a system to choose.
    assert not any("Unix" in o for i in platforms.values() for o in i.options)
    assert not any("chroot" in i.question for i in platforms.values())


# A release date is no question (a bare year beside a name is its release); a project's start is.
STARTED = SYSTEMS.replace("发布", "启动").replace("年）", "年启动）")


def test_an_outlier_year_is_no_wrong_answer_and_the_earliest_needs_an_earlier_one() -> None:
    items = _items(STARTED)
    years = [i for i in items if i.kind == "year"]
    assert years
    for item in years:
        assert max(int(o) for o in item.options) - min(int(o) for o in item.options) <= 10
    assert not [i for i in years if "最早" in i.question]  # 1979: no earlier year to set beside it
    # "2000年左右": 2001 would be about right too, so it is no wrong answer.
    # (Asked in the notes' generators: "jail 是哪个系统上的？" gives the year's sentence away, and
    # one of the two is kept.)
    drafted = [finish(d, 0) for d in fact_drafts(parse_notes({"n.md": STARTED}))]
    (about,) = [i for i in drafted if i is not None and i.kind == "year" and "左右" in i.question]
    assert _answer(about) == "2000" and "2001" not in about.options


def test_not_an_example_answers_differ_from_kind_to_kind() -> None:
    items = [i for i in _all_items() if i.kind == "not_example"]
    assert len(items) >= 2
    assert len({_answer(i) for i in items}) == len(items)


# --- 6. one item a fact ------------------------------------------------------------------------------

def test_no_fact_is_asked_both_ways() -> None:
    items = _all_items()
    by_kind: dict[str, list[QuizItem]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    # Alias: one direction a pair.
    english = {_answer(i) for i in by_kind.get("alias_en", [])}
    assert not [i for i in by_kind.get("alias_zh", []) if any(e in i.question for e in english)]
    # Example and kind: an example asked for its kind is not the answer of "which is an example".
    categorised = {e for i in by_kind.get("category_of", []) for e in [i.question.split("，")[1].split("属于")[0].strip()]}
    assert not categorised & {_answer(i) for i in by_kind.get("example_of", [])}
    # A term asked for by its description is not asked for its description.
    defined = {_answer(i) for i in by_kind.get("definition", [])}
    assert not [i for i in by_kind.get("description", []) if any(f"「{d}」" in i.question for d in defined)]
    # A blank in a sentence that repeats the term's definition, or lists its examples, asks them again.
    clozes = [i.question for i in by_kind.get("cloze", [])]
    assert not [q for q in clozes if "部分硬件接口以软件的形式提供给客户机操作系统" in q or "Denali" in q]


# --- 7. explanations quote the notes ------------------------------------------------------------------

def _plain(markdown: str) -> str:
    text = re.sub(r"\*\*|`|^\s*>\s?|^\s*[-*]\s+", "", markdown, flags=re.M)
    # A release date in brackets ("（2004年发布）") is left out of what items quote (quiz.gates).
    text = re.sub(r"[（(](?:\d{4}\s*年(?:左右|前后)?|[^（）()]*\d{4}\s*年[^（）()]*发布[^（）()]*)[）)]", "", text)
    return unjoin(re.sub(r"\s*\n\s*", " ", text))


def test_explanations_are_the_notes_own_sentences_then_the_section() -> None:
    files = {**ALL, "comparison.md": COMPARISON, "systems.md": SYSTEMS, "index.md": OWN_NOTE}
    files["docker-notes.md"] = DEFAULT_NOTES.read_text(encoding="utf-8")
    items = build_quiz_items(parse_notes(files))
    for item in items:
        if item.kind.startswith("table") or item.kind == "order" and "；" in item.explanation:
            continue  # a row's cells, shown as the row; a list's steps, numbered in their order
        cite = texts.QUIZ_CITE.format(section=texts.section_label(item.source.section))
        assert item.explanation.endswith(cite)
        notes = _plain(files[item.source.file])
        for line in item.explanation[: -len(cite)].split("\n"):
            label, mark, rest = line.partition("：…")
            quote = rest if mark else line
            for piece in quote.split("…"):
                assert not piece.strip() or piece.strip() in notes, (item.id, piece)
            assert "： " not in line  # no space left where the notes' lines were joined


# --- 8. 'represented by' says what is sorted --------------------------------------------------------

EVOLUTION = """# 演进

> 从早期的单体架构，到后来以Dubbo、Spring Cloud为代表的微服务架构，再到现在以Istio为代表的服务网格，架构也在不断演进。

**软件架构，也在不停地演进，经历了单体架构、微服务架构、服务网格**。
"""


def test_represented_by_names_the_list_it_belongs_to() -> None:
    items = [i for i in _items(EVOLUTION) if i.kind == "represents"]
    assert items
    for item in items:
        assert "经历了" in item.question and "软件架构" in item.question
    assert {_answer(i) for i in items} <= {"微服务架构", "服务网格"}
    alone = EVOLUTION.split("**")[0]  # no list saying what the things are: no item
    assert not [i for i in _items(alone) if i.kind in ("represents", "category_of")]


VERSIONS = """# 版本

命名空间从 Linux 2.6.24 版本起完整可用。Docker 1.13 版本加入了多阶段构建的前身。后来 Docker 17.05 版本正式支持多阶段构建。Docker 18.09 版本引入了 BuildKit。
"""


def test_which_release_brought_what_is_never_asked() -> None:
    items = _items(VERSIONS)
    assert not [i for i in items if set(i.options) & {"2.6.24", "1.13", "17.05", "18.09"}]
    assert not [i for i in items if re.search(r"\d+\.\d+", i.question)]


CHAINS = """# 防火墙

## 规则链

| 链 | 匹配 | 动作 |
| --- | --- | --- |
| FW-NODE-PORT-TCP | nodeport service TCP port | 放行并记录 |
| FW-ZONE-A | 集群内部服务地址 | 直接转发 |
| FW-ZONE-B | 回环地址的流量 | 做源地址转换 |
| FW-ZONE-C | 外部访问的负载均衡地址 | 按来源过滤 |
"""


def test_a_row_whose_cells_say_the_words_its_name_is_written_of_is_not_asked_by_them() -> None:
    # "nodeport service TCP port" holds "port" and "tcp" of FW-NODE-PORT-TCP: words, not notes, find it
    rows = [i for i in _items(CHAINS) if i.kind == "table_row"]
    assert rows  # the other rows are asked
    assert not [i for i in rows if _answer(i) == "FW-NODE-PORT-TCP"]


FIELDS = """# 模板

## 可用字段

| 字段 | 说明 |
| --- | --- |
| .Digest | 摘要 |
| .Repository | 仓库 |
| .ID | 唯一标识，只显示前 12 位 |
| .CreatedSince | 从构建完成到现在过去了多久 |
| .Containers | 正在使用这个镜像的实例个数 |
"""


def test_a_short_chinese_gloss_of_a_name_made_of_english_words_is_not_asked() -> None:
    # ".Digest 的说明" is 摘要 by any dictionary; the long descriptions are the notes' own
    items = [i for i in _items(FIELDS) if i.kind in ("table_cell", "table_row")]
    assert items
    for item in items:
        assert not {"摘要", "仓库"} & {_answer(item), *re.findall(r"「(.+?)」", item.question)}, item.question
        assert ".Digest" not in item.question and ".Repository" not in item.question


def test_a_year_dating_a_release_or_a_founding_is_not_asked() -> None:
    history = ("# 历史\n\n## 大事记\n\n- 2013 年 3 月，项目开源发布，很快吸引了大量开发者参与。\n"
               "- 2015 年，几家公司共同成立了容器标准组织，推动镜像格式统一。\n"
               "- 2014 年底，公司改名为与项目同名，专注于容器业务。\n"
               "- 2016 年，社区开始把容器运行时拆分出来，交给独立的小组维护。\n")
    years = [i for i in _items(history) if i.kind == "year"]
    assert years and all("2016" == _answer(i) for i in years)  # what was done, not when it was released or founded


SYSTEM_IMAGES = """# 操作系统镜像

## Alpine

Alpine 是一个面向安全的轻型发行版，镜像只有几兆，适合做基础镜像。

## Busybox

Busybox 把上百个常用的命令行工具打包成一个很小的可执行文件，常用于嵌入式系统。

## Arch

Arch 采用滚动更新，软件包总是最新的版本，适合喜欢折腾的用户。

## CentOS Fedora

### CentOS 系统简介

CentOS 由红帽企业版的源代码重新编译而来，长期用于企业服务器。

### Fedora 系统简介

Fedora 由社区维护，新技术总是先在这里出现，再进入企业版。
"""


def test_a_heading_grouping_two_names_is_no_option() -> None:
    # "CentOS Fedora" heads a section for each: it names two things, not one like Alpine or Busybox
    items = _items(SYSTEM_IMAGES)
    assert not [i for i in items if "CentOS Fedora" in i.options]


IMAGES = """
# 热门镜像

## Ubuntu

Ubuntu 是流行的 Linux 发行版，其自带软件版本往往较新一些。

## CentOS

CentOS 是企业里常见的 Linux 发行版，软件包与红帽系列保持一致。

## Debian

Debian 是一个由社区维护的 Linux 发行版，以稳定著称。

## Alpine

Alpine 是面向安全的轻型 Linux 发行版，镜像只有几兆。

## Nginx

Nginx 是开源的高效 Web 服务器，也常用作反向代理。

## MySQL

MySQL 是开源的关系数据库，被大量网站采用。

## Minio

Minio 是兼容 S3 接口的对象存储服务，部署非常简单。

## Redis

Redis 是开源的内存键值数据库，常用作缓存。
"""


def test_a_blank_the_sentence_says_the_kind_of_is_offered_only_things_the_notes_call_so() -> None:
    # "____是流行的 Linux 发行版": Nginx, MySQL, Minio are images too, but the notes call none a 发行版
    items = _items(IMAGES)
    distros = [i for i in items if "Linux 发行版" in i.question and "____" in i.question]
    assert len(distros) == 4
    for item in distros:
        assert set(item.options) <= {"Ubuntu", "CentOS", "Debian", "Alpine"}, item.options
    # two databases only: a blank saying 数据库 has no four options of its kind, and is not asked
    assert not [i for i in items if "数据库" in i.question and "____" in i.question]


MESHES = """# 服务治理

## Istio

Istio 是开源的服务网格，由 Google、IBM 和 Lyft 联合发起，提供流量管理和安全通信。

## Linkerd

Linkerd 是一个面向云原生应用的 service mesh 组件，也是 CNCF 项目之一。

## Consul

Consul 是一款 Service Mesh，它的 Connect 功能提供服务间的加密通信。

## Kuma

Kuma 是 Kong 公司推出的服务网格，支持多个集群统一管理。

## Helm

Helm 是 Kubernetes 的包管理工具，用 Chart 描述一组资源。

## Operator

Operator 把运维人员的知识写成控制器，自动管理有状态应用。
"""


def test_a_service_mesh_is_asked_among_the_things_the_notes_call_a_service_mesh() -> None:
    # written 服务网格, Service Mesh or service mesh alike; Helm and Operator are in the folder, but no mesh
    meshes = [i for i in _items(MESHES) if "____" in i.question and "mesh" in i.question.casefold()]
    assert meshes
    for item in meshes:
        assert set(item.options) <= {"Istio", "Linkerd", "Consul", "Kuma"}, item.options


# The comparison of the fixtures with a row whose cells are one character apart, and one of opposites.
ISOLATION = COMPARISON.replace("> | 并发数量 | 单机可达上百万个协程 | 单机一般几千个 |", "> | 隔离程度 | 安全隔离 | 完全隔离 |") + (
    "> | 切换速度 | 通常更快 | 通常更慢 |\n"
)


def test_a_comparisons_row_whose_cells_are_one_character_apart_is_not_said_of_either_side() -> None:
    statements = [i for i in _items(ISOLATION) if i.kind == "table_statement"]
    assert statements
    said = " ".join(o for i in statements for o in i.options)
    # 安全隔离 and 完全隔离 read as one: "线程的隔离程度为「安全隔离」" would read as true
    assert "隔离程度" not in said
    # opposites one character apart (更快, 更慢) and amounts one letter apart (几KB, 几MB) are a contrast
    assert "切换速度" in said and "内存占用" in said


SKUS = """# 负载均衡

## 两种规格

| 功能 | 基础版 | 标准版 |
| --- | --- | --- |
| 后端池大小 | 最多 300 个实例 | 最多 1000 个实例 |
| 高可用端口 | 不提供 | 提供 |
| 诊断 | 只有公网诊断 | 完整的指标 |
| 快速迁移地址 | 不提供 | 提供 |
| 安全组 | 网卡上可选 | 必须配置 |
| 出站规则 | 自动分配 | 可以自定义 |
"""


def test_a_cell_repeated_down_its_column_is_not_asked_of_one_row() -> None:
    cells = [d for d in table_drafts(parse_notes({"lb.md": SKUS})) if d.kind == "table_cell"]
    assert cells
    # "不提供" fills two rows of the column: guessing the pattern, not knowing the row, finds it
    assert not [d for d in cells if d.answer in ("不提供", "提供")]


TROUBLES = """# 网络

## 为什么要用自定义网络

默认 bridge 网络存在以下局限：

> | 问题 | 自定义网络的优势 |
> |------|-----------------|
> | 只能用 IP 通信 | 支持容器名 DNS 解析 |
> | 所有容器在同一网络 | 更好的隔离性 |
> | 需要 --link 连接 | 原生支持服务发现 |
> | 端口只能手工映射 | 可以按网络暴露服务 |
"""


def test_a_row_is_asked_by_what_its_label_columns_header_calls_it() -> None:
    files = {"net.md": TROUBLES}
    rows = [i for i in build_quiz_items(parse_notes(files), files=files) if i.kind == "table_row"]
    assert rows
    # "…为「支持容器名 DNS 解析」的问题是哪一项？": the options are problems, not advantages
    assert all(i.question.endswith("的问题是哪一项？") for i in rows), [i.question for i in rows]
    # the same items, with the same ids, without the Markdown to read the header from
    plain = {i.id: i for i in build_quiz_items(parse_notes(files)) if i.kind == "table_row"}
    assert {i.id for i in rows} == set(plain) and all(p.question.endswith("的是哪一项？") for p in plain.values())


def test_the_label_columns_header_is_read_from_the_rows_table_only() -> None:
    lines = TROUBLES.splitlines()
    row = next(n for n, line in enumerate(lines, 1) if "只能用 IP" in line)
    assert label_column(lines, row) == "问题"
    assert label_column(lines, 3) == "" and label_column([], row) == ""  # a heading; no lines


def test_two_wrong_options_alike_but_for_a_word_are_not_offered_together() -> None:
    passage = Passage(0, "n.md", 3, ("kube-proxy", "ipvs 示例"), "某段笔记。", "table_row")
    rivals = ("masquerade for packets to nodePort(TCP)", "masquerade for packets to nodePort(UDP)",
              "accept packages to nodeport service with externalTrafficPolicy=local")
    draft = Draft("table_cell", "kube-proxy：KUBE-LOOP-BACK 的用途是？", "masquerade for solving hairpin purpose", (rivals,), "某段笔记。", passage, topic="")
    item = finish(draft, 0)
    # the TCP and UDP twins side by side would mark themselves as the decoys
    assert item is not None and not {rivals[0], rivals[1]} <= set(item.options)


SPEC_SHEET = """# 负载均衡

## 两种规格

| 功能 | Basic | Standard |
| --- | --- | --- |
| HA Ports | Not supported | Available |
| Diagnostics | Limited, public only | Available |
| Fast IP Mobility | Not supported | Available |
| Counters | Not supported | Available |
| Network Security Group | Optional on NIC | Required |
"""


def test_a_spec_sheet_of_marks_asks_nothing() -> None:
    # Not supported | Available in most rows: what its few other cells say is a spec sheet's detail
    assert not [i for i in _items(SPEC_SHEET) if i.kind.startswith("table")]
    # the same table of words is asked
    worded = SPEC_SHEET.replace("Not supported", "只能手工切换").replace("Available", "自动切换到备用实例")
    assert [i for i in _items(worded) if i.kind.startswith("table")]
