"""Cloze, comparisons, aliases and explanations: a rule each, on a small
hand-written note (made up for the tests, not the project's notes)."""

from __future__ import annotations

import dataclasses
import re

from bot.notes.corpus import parse_notes
from bot.quiz.aliases import glossary
from bot.quiz.item import finish, normalize
from bot.quiz.outline import topic_of
from bot.quiz.tables import table_drafts
from bot.quiz.terms import label_of
from tests.quiz.fixtures import COMPARISON, core
from tests.quiz.fixtures import answer_of as _answer
from tests.quiz.fixtures import items_of as _items

# --- 1. comparison tables ------------------------------------------------------------------------


ROWS = {
    "切换开销": {"协程": "很小", "线程": "较大"},
    "内存占用": {"协程": "几KB", "线程": "几MB"},
    "并发数量": {"协程": "单机可达上百万个协程", "线程": "单机一般几千个"},
    "调度方式": {"协程": "用户态调度", "线程": "内核调度"},
    "栈的位置": {"协程": "堆上分配", "线程": "系统分配"},
}


def test_a_comparison_is_asked_by_statements_never_by_which_row_its_cells_are() -> None:
    items = _items(COMPARISON)
    # "几KB" can only be a size: asking which row it is finds the row by the cell's kind.
    assert not [i for i in items if i.kind in ("table_row", "table_cell")]
    statements = [i for i in items if i.kind == "table_statement"]
    assert statements
    for item in statements:
        said = {(row, thing) for row, cells in ROWS.items() for thing in cells if f"{thing}的{row}为「{cells[thing]}」" in item.options}
        assert len(said) == 1  # the one option true by the table


def test_a_row_whose_cell_names_a_column_is_never_asked_for_that_cell() -> None:
    items = _items(COMPARISON)
    asked = [i for i in items if "并发数量" in i.question or "单机可达上百万个协程" in i.question]
    assert not [i for i in asked if i.kind == "table_cell"]
    # 并发数量 under the heading 并发: naming that topic would give the row away, so it is not named.
    assert all("「并发」" not in i.question for i in items if _answer(i) == "并发数量")


def test_at_most_two_items_a_table_row() -> None:
    items = _items(COMPARISON)
    lines = [i.source.line for i in items if i.kind.startswith("table")]
    assert lines
    assert max(lines.count(line) for line in lines) <= 2


# --- 2. cloze distractors and fragments -----------------------------------------------------------

CACHES = """# 缓存

缓存策略，从大类上可分为：

- **本地缓存**：数据存放在进程自己的内存中，访问最快。
- **分布式缓存**：数据存放在独立的缓存集群中，又可以细分为如下几类。
  - **主从缓存**：由主节点写入、从节点读取，读写分离。
  - **分片缓存**：按键的哈希把数据分散到多个节点，借助“主从缓存”的复制实现高可用。
  - **多级缓存**：先查进程内的副本，未命中再查远端，层层回源。
  - **旁路缓存**：应用先查缓存，未命中再读数据库。**缓存失效时需要由应用自己回填**，许多小型系统只采用旁路缓存；

    > 在历史上，旁路缓存是最早被广泛使用的缓存方式，直到今天仍很常见。

**Redis Cluster 是目前最常用的分片缓存方案**，配置也不复杂。
"""


def test_cloze_leaves_out_the_parent_kind_and_kinds_the_answer_is_tied_to() -> None:
    items = _items(CACHES)
    (cloze,) = [i for i in items if i.kind == "cloze" and "Redis Cluster" in i.question]
    assert _answer(cloze) == "分片缓存"
    assert "分布式缓存" not in cloze.options  # its parent: 分片缓存 is a 分布式缓存 too
    assert "主从缓存" not in cloze.options  # its own definition names it
    assert len(cloze.options) >= 3 and all(o.endswith("缓存") for o in cloze.options)


def test_cloze_drops_a_sentence_that_lost_its_subject_and_keeps_one_that_names_it() -> None:
    items = _items(CACHES)
    clozes = [core(i.question) for i in items if i.kind == "cloze"]
    assert not any("许多小型系统只采用" in q for q in clozes)  # its subject is the list item's label
    assert "填空：在历史上，____是最早被广泛使用的缓存方式，直到今天仍很常见" in clozes
    # a sentence leaning on what the reader did before says nothing alone
    pointing = CACHES + "\n**就像我们之前搭建的那套服务一样，分片缓存是必须先规划好的**。\n"
    assert not [i for i in _items(pointing) if "就像我们之前" in i.question]


# --- 3. glossary pairs: wrong answers of the same family ------------------------------------------

NETWORK = """# 网络

数据包经过封装（encapsulation）后才发送出去。

常见的设备有路由器（router）、交换机（switch）和集线器（hub）。

虚拟局域网（virtual LAN）把一个物理网络分成多个广播域。

虚拟专用网（virtual private network）在公网上建立加密通道。

虚拟机（virtual machine）在一台主机上模拟多台计算机。
"""


def test_alias_distractors_share_the_answers_family_or_the_item_is_dropped() -> None:
    items = _items(NETWORK)
    aliases = [i for i in items if i.kind.startswith("alias")]
    # 封装 has no kin among the names: asking it would set it among odd ones out.
    assert not any("封装" in i.question or "encapsulation" in i.question for i in aliases)
    assert not any("encapsulation" in o or "封装" in o for i in aliases for o in i.options)
    # router, switch and virtual machine are 路由器, 交换机, 虚拟机 in any dictionary (the
    # glossary): asking them tests no notes. hub is not in it: asked, its list mates as wrong answers.
    assert not any(w in i.question for i in aliases for w in ("router", "路由器", "switch", "交换机", "虚拟机"))
    # hub is not in it: its list mates are its only wrong answers (three letters beside six: by
    # its length alone it would stand out, so it is not asked at all here).
    for hub in [i for i in aliases if "集线器" in i.question or "hub" in i.question]:
        assert set(hub.options) <= {"router", "switch", "hub", "路由器", "交换机", "集线器"}
    # "常见的设备有路由器（router）": the term is 路由器, not the clause before it.
    assert not any("设备有" in i.question or "设备有" in "".join(i.options) for i in aliases)


def test_a_clause_before_a_bracketed_english_name_is_no_term() -> None:
    notes = NETWORK + "\n控制器会记录副本是否可以扩展（AbleToScale）以及是否受到限制（ScalingLimited）。\n"
    terms = {term for term, _, _ in glossary(parse_notes({"n.md": notes}))}
    assert {"虚拟局域网", "虚拟专用网"} <= terms
    assert not [t for t in terms if "可以扩展" in t or "受到限制" in t]  # "(是)否可以扩展" asks whether


# --- 4. lines of nested sentences; no label glued on explanations ---------------------------------

HISTORY = """# 设备

网络设备的发展：

- 早期的设备

  集线器出现在1985年前后。后来交换机在1990年前后普及。
  路由器在1995年前后进入家庭。
"""


def test_explanations_and_questions_leave_out_a_label_paragraph() -> None:
    items = _items(HISTORY)
    years = [i for i in items if i.kind == "year"]
    assert len(years) == 2  # two items of a kind from one passage are enough
    for item in years:
        assert not item.explanation.startswith("早期的设备")
        assert "早期的设备" not in item.question


def test_given_the_markdown_an_item_points_at_its_own_sentence() -> None:
    without = {i.id: i.source.line for i in _items(HISTORY) if i.kind == "year"}
    located = {_answer(i): i for i in _items(HISTORY, files=True) if i.kind == "year"}
    assert set(without.values()) == {5}  # the list item's first line
    assert located["1985"].source.line == 7  # the sentence under its label
    assert located["1990"].source.line == 7
    assert {i.id for i in located.values()} == set(without)  # the same items


# --- 5. no list lead-in glued before a question ----------------------------------------------------

EVOLUTION = """# 历史

数据库也经历了长期的演化：

- 早期的研究原型有IBM的System R（1974年启动）；
- 加州大学的Ingres（1973年启动）；
- 以及后来的PostgreSQL（1990年启动）和MySQL（1995年启动）。
"""


def test_questions_carry_no_list_lead_in() -> None:
    items = _items(EVOLUTION)
    assert items
    assert not any("经历了长期的演化" in i.question for i in items)
    assert "填空：加州大学的____（1973年启动）" in {core(i.question) for i in items}


# --- 6. one right answer for one question text ------------------------------------------------------

PLUGINS = """# 客户端

客户端的接入方式可分为：

- **插件接入**：通过浏览器扩展连到服务。客户端需要安装插件。
- **控件接入**：通过系统控件连到服务。客户端需要安装插件。
- **网页接入**：直接在浏览器里打开页面。客户端无需安装插件。
- **链接接入**：点开分享出来的链接即可。客户端无需安装插件。
"""

NEEDS = {"插件接入": True, "控件接入": True, "网页接入": False, "链接接入": False}


def test_sides_several_kinds_share_are_asked_once_as_pairs_each_kind_in_two() -> None:
    items = _items(PLUGINS)
    contrasts = [i for i in items if i.kind == "contrast"]
    # "Which needs a plugin?" would have two right answers; asking both sides asks one fact twice.
    assert len(contrasts) == 1
    (item,) = contrasts
    assert core(item.question) == "笔记中说“客户端需要安装插件”的是哪一组接入？"
    assert _answer(item) == "插件接入、控件接入"
    assert len(item.options) == 4
    for kind in NEEDS:  # counting what the options share finds nothing: each kind is in two
        assert sum(kind in o.split("、") for o in item.options) == 2
    assert all(sum(NEEDS[k] for k in o.split("、")) < 2 for o in item.options if o != _answer(item))


def test_no_two_items_share_a_question_text_and_its_options() -> None:
    for notes in (COMPARISON, CACHES, NETWORK, HISTORY, EVOLUTION, PLUGINS, VERSIONS):
        items = _items(notes)
        # "以下哪一项说法与笔记相符？" is the same words each time: its options tell it apart.
        asked = [normalize(i.question) + ("".join(sorted(i.options)) if i.kind in ("statement", "table_statement") else "") for i in items]
        assert len(asked) == len(set(asked))


# --- 7. which version brought what is trivia ---------------------------------------------------------

VERSIONS = """# 版本

该项目遵循Apache 2.0协议。后来1.5版本开始支持插件。在1.8版本中加入了快照功能。2.3版本起支持集群。
"""


def test_no_item_asks_which_version_brought_what() -> None:
    for item in _items(VERSIONS):
        assert not any(v in item.options for v in ("1.5", "1.8", "2.3"))
        assert "版本" not in item.question


# --- answers that only echo the question ------------------------------------------------------------

SYSTEMS = """# 系统

- 早期有Sun Solaris系统上的Solaris Zones（2004年启动）；
- 以及FreeBSD系统上的jail（2000年启动）；
- 还有IBM主机上的PR/SM（1988年启动）；
- 和惠普服务器上的vPars（2001年启动）。
"""


def test_an_answer_repeating_a_word_of_its_question_is_dropped() -> None:
    items = _items(SYSTEMS)
    names = {_answer(i): i for i in items if i.kind == "name"}
    assert "Solaris Zones" not in names  # "Sun Solaris系统上的____": the shared word gives it away
    # jail is asked (its year's item or its own: one of the two, as they give each other away)
    assert [i for i in items if _answer(i) == "jail" or "jail" in i.question]


# --- second review: descriptions that repeat their term's name; English names of another size ----

ECHOES = """# 链接

程序的链接方式可分为：

- **静态链接**：在编译时把库代码复制进可执行文件，运行时不再依赖外部库。
- **动态链接**：运行时由加载器把共享库映射进进程的地址空间。
- **延迟绑定链接**：第一次调用函数时才解析它的地址，把绑定推迟到真正需要的时候。
- **部分链接**：只把部分目标文件合并成一个可重定位的目标文件。
"""


def test_a_description_repeating_its_terms_own_words_is_not_asked() -> None:
    items = _items(ECHOES)
    asked = {_answer(i) for i in items if i.kind == "definition"}
    asked |= {t for i in items if i.kind == "description" for t in ("静态链接", "动态链接", "延迟绑定链接", "部分链接") if f"「{t}」" in i.question}
    assert {"静态链接", "动态链接"} <= asked  # their texts do not say 静态 or 动态
    assert not asked & {"延迟绑定链接", "部分链接"}  # "把绑定推迟", "只把部分目标文件": words give them away


GLOSSARY = """# 部署模式

拆分单体应用时常用的模式是边车（sidecar）、舱壁（bulkhead）、绞杀者（strangler）、背压（backpressure），
以及蜂窝隔离（Cellular Isolation Multiplexing and Sharing Specification Extension）。
"""


def test_english_wrong_answers_are_names_of_about_the_answers_size() -> None:
    items = _items(GLOSSARY)
    english = [i for i in items if i.kind == "alias_en"]
    assert english
    for item in english:
        assert all(abs(len(o.split()) - len(_answer(item).split())) <= 2 for o in item.options)


LONG = """# 存储

磁盘阵列可分为：

- **镜像阵列**：每块数据同时写到两块磁盘上，一块坏了另一块还能继续提供服务，读性能也随之提高。
- **条带阵列**：把数据切成小块轮流写到多块磁盘上。
- **校验阵列**：用额外的校验块记录数据的奇偶信息。
"""


def test_a_long_description_is_cut_to_its_first_clauses() -> None:
    items = _items(LONG)
    described = [i for i in items if i.kind in ("definition", "description")]
    assert any("每块数据同时写到两块磁盘上" in " ".join((i.question, *i.options)) for i in described)
    for item in described:
        text = _answer(item) if item.kind == "description" else item.question
        assert "读性能也随之提高" not in text  # the third clause would make it stand out by its length


SHARED_EXAMPLE = """# 数据库

数据库按数据模型可分为：

- **关系型数据库**：用二维表组织数据并以SQL查询，例如PostgreSQL、Oracle、MultiModelDB。
- **文档型数据库**：以半结构化的文档为存储单位，例如MongoDB、CouchDB、MultiModelDB。
- **图数据库**：以节点和边表示实体之间的联系，例如Neo4j、JanusGraph。
- **键值数据库**：按唯一的键存取一段不透明的值，例如Redis、Memcached。
"""


def test_an_example_filed_under_two_kinds_is_no_wrong_answer() -> None:
    items = _items(SHARED_EXAMPLE)
    asked = [i for i in items if i.kind == "example_of"]
    assert asked
    assert all("MultiModelDB" not in i.options for i in asked)  # neither right nor wrong: both kinds claim it


FRAGMENTS = """# 发布

发布方式可分为：

- **滚动发布**：在默认的滚动发布模式下。新旧版本的实例逐个替换，服务始终可用。
- **蓝绿发布**：在切换流量的那一刻，准备好的两套完全相同的环境之间一次性地转到新环境上去，旧环境保留用于回退。
- **灰度发布**：先让一小部分用户使用新版本，确认无误后再逐步扩大范围。
"""


def test_a_description_is_never_cut_to_a_fragment_nor_asked_when_its_name_was_most_of_it() -> None:
    items = _items(FRAGMENTS)
    definitions = {_answer(i): i.question for i in items if i.kind == "definition"}
    assert "滚动发布" not in definitions  # "在默认的____模式下" says nothing about it
    blue = definitions["蓝绿发布"]
    assert "准备好的两套完全相同的环境" in blue and "旧环境保留" not in blue  # cut after a telling clause


CAPTIONS = """# 备份工具

备份是运维工作中最容易被忽视却最要紧的一环，很多团队直到丢了数据才想起它。下面几个工具最常用：

| 工具 | 用途 |
| ---- | ---- |
| rsync | 增量同步文件 |
| tar | 打包归档 |
| dd | 按块复制磁盘 |

## 压缩格式

常见压缩格式各有取舍，压缩率越高通常越慢，解压也越费时间，选择时要同时考虑存储空间、传输带宽和机器算力：

| 格式 | 特点 |
| ---- | ---- |
| gzip | 速度快 |
| xz | 压缩率高 |
| zstd | 兼顾速度与压缩率 |
"""


def test_a_table_is_named_by_its_topic_never_by_its_lead_in_sentence() -> None:
    items = [i for i in _items(CAPTIONS) if i.kind.startswith("table")]
    assert {i.question.split("」", 1)[0].removeprefix("在「") for i in items} == {"备份工具", "备份工具 › 压缩格式"}
    assert not any("下面几个工具最常用" in i.question for i in items)


ATTRIBUTES = """# 部署方案

**主备部署**：

- **优点**：切换简单，数据一致性容易保证。
- **缺点**：备用节点平时闲置，资源利用率低。
- **典型服务**：传统关系型数据库、文件服务器。

本书附录：

- **附录一**：常用命令速查，列出日常操作最常用的命令。
- **附录二**：术语表，解释书中出现的专业名词。
- **附录三**：参考资料，给出官方文档和延伸阅读。
"""


def test_attribute_labels_and_book_parts_are_no_terms() -> None:
    items = _items(ATTRIBUTES)
    answers = {_answer(i) for i in items} | {o for i in items for o in i.options}
    assert not answers & {"优点", "缺点", "典型服务", "附录一", "附录二", "附录三"}


CHINESE_EXAMPLES = """# 存储

存储系统可分为：

- **块存储**：如磁盘阵列系统、存储区域网络系统，以固定大小的块为单位读写数据。
- **对象存储**：以对象为单位管理海量数据，例如MinIO、Ceph RGW。
- **文件存储**：以目录树的形式组织共享文件，例如NFS Server、Samba。
"""


def test_chinese_names_of_one_kind_are_examples_and_options_share_the_answers_script() -> None:
    items = _items(CHINESE_EXAMPLES)
    kinds = {i.question: _answer(i) for i in items if i.kind == "category_of"}
    assert any("磁盘阵列系统" in q or "存储区域网络系统" in q for q, a in kinds.items() if a == "块存储")
    examples = [i for i in items if i.kind == "example_of"]
    assert examples
    for item in examples:
        latin = [not re.search(r"[\u4e00-\u9fff]", o) for o in item.options]
        assert all(latin) or not any(latin)  # no lone Latin name among Chinese ones, nor the reverse


RUNTIMES = """# 运行时

## 三种运行时对比

| 特性 | Alpha Runtime | Beta Runtime | Gamma Runtime |
| --- | --- | --- | --- |
| 隔离方式 | 共享宿主机内核 | 每个容器一台轻量虚拟机 | 用户态内核拦截系统调用 |
| 启动耗时 | 毫秒级 | 一秒左右 | 接近原生进程 |
| 内存开销 | 几乎没有 | 每个容器几十兆 | 十兆左右 |
| 离线模式 | ✓ | ✗ | ✗ |
"""


def test_a_comparison_of_three_things_asks_which_thing_a_cell_is_said_of() -> None:
    items = _items(RUNTIMES)
    columns = [i for i in items if i.kind == "table_column"]
    assert columns
    for item in columns:
        assert set(item.options) == {"Alpha Runtime", "Beta Runtime", "Gamma Runtime"}
        assert "表" not in core(item.question) and item.question.startswith("在「")  # no table the poll does not show
    assert not [i for i in items if i.kind == "table_row"]  # a row is what they are compared in


EDITORS = """# 编辑器

## 常见选择

| 特性 | Nimbus | Quill | Lark |
| --- | --- | --- | --- |
| 启动时间 | 约 3 秒 | 不到 1 秒 | 约 8 秒 |
| 内存占用 | 500 MB | 40 MB | 1.2 GB |
| 插件生态 | 丰富 | 较少 | 中等 |
| 许可证 | 商业 | MIT 开源 | Apache 2.0 |
| LSP | 内置 | 需装插件 | 内置 |
| Git | 需装插件 | 内置 | 内置 |
"""


def test_a_table_whose_columns_say_numbers_in_several_units_compares_its_columns() -> None:
    # no word of comparison anywhere, rows named in both scripts: seconds above megabytes in each column tell that the rows
    # are attributes, and "约 3 秒" can only be a 启动时间: the columns are what is asked
    items = _items(EDITORS)
    assert not [i for i in items if i.kind == "table_row"]
    columns = [i for i in items if i.kind == "table_column"]
    assert columns and all(set(i.options) == {"Nimbus", "Quill", "Lark"} for i in columns)


def test_a_matrix_of_marks_asks_nothing() -> None:
    items = _items(RUNTIMES)
    assert not [i for i in items if "离线模式" in i.question or "✓" in i.question]
    assert not [i for i in items if "离线模式" == _answer(i)]


THINGS_IN_ROWS = """# 挂载

## tmpfs 与 Volume、Bind Mount 对比

| 类型 | 数据位置 | 持久化 | 典型用途 |
| --- | --- | --- | --- |
| tmpfs | 宿主机内存 | 否 | 高速临时数据、敏感临时文件 |
| Volume | Docker 管理的目录 | 是 | 数据库、长期业务数据 |
| Bind Mount | 宿主机上任意路径 | 是 | 开发联调、配置文件共享 |
"""


def test_a_comparison_whose_heading_names_its_rows_asks_a_cell_of_each_row() -> None:
    items = _items(THINGS_IN_ROWS)
    # The things compared stand in the rows: a row's cell is asked, with the column's others.
    assert not [i for i in items if i.kind == "table_column"]
    cells = [i for i in items if i.kind == "table_cell"]
    assert cells
    for item in cells:
        column = re.search(r"的(数据位置|持久化|典型用途)是？$", item.question)
        assert column is not None, item.question


JOB_PATTERNS = """# 任务

## Job 类型

| Job 类型 | 使用示例 | 行为 | completions | Parallelism |
| --- | --- | --- | --- | --- |
| 一次性 Job | 数据库迁移 | 创建一个 Pod 直至其成功结束 | 1 | 1 |
| 固定次数的 Job | 处理工作队列 | 依次创建 Pod 直至 completions 个成功结束 | 2+ | 1 |
| 并行 Job | 多个 Pod 同时处理队列 | 创建多个 Pod 直至有一个成功结束 | 1 | 2+ |
"""


def test_a_table_whose_columns_are_half_names_half_words_is_of_records() -> None:
    # completions and Parallelism are attributes beside 使用示例 and 行为, not things compared
    items = _items(JOB_PATTERNS)
    assert not [i for i in items if i.kind == "table_column"]
    assert {_answer(i) for i in items if i.kind == "table_row"} <= {"一次性 Job", "固定次数的 Job", "并行 Job"}


def test_a_table_question_without_a_topic_is_dropped() -> None:
    drafts = list(table_drafts(parse_notes({"n.md": THINGS_IN_ROWS})))
    assert drafts and all(d.needs_topic for d in drafts)  # "隔离方式为…" says which table by its topic only
    bare = [dataclasses.replace(d, passage=dataclasses.replace(d.passage, section=())) for d in drafts]
    assert [finish(d, 0) for d in drafts if finish(d, 0)] and not [d for d in bare if finish(d, 0)]


def test_a_heading_sharing_a_word_with_the_answer_is_left_out_of_the_topic_alone() -> None:
    section = ("挂载数据卷", "两种方式对比")
    # The answer itself in a heading: what stands below it would tell it too.
    assert topic_of(section, ("挂载数据卷",)) == ""
    # A word of the answer in a heading: that heading is left out, the one below it is said.
    assert topic_of(section, ("数据卷挂载行为",), ("数据", "据卷")) == "两种方式对比"


def test_an_action_is_no_wrong_answer_for_a_thing_nor_a_verb_part_of_a_list_member() -> None:
    from bot.quiz.cloze import _kin, _LIST_OPENER

    assert not _kin("文件系统", "配置系统")  # "配置系统" is something done, "文件系统" a thing
    assert _LIST_OPENER.sub("", "支持镜像") == "镜像"  # "支持镜像、文件系统": the list opens after the verb


STAGES = """# 流水线

## 工作流

1. **Build**：GitLab CI 触发构建任务，编译源代码。
2. **Test**：运行单元测试和集成测试，检查代码质量。
3. **Deploy (Staging)**：自动部署到预发布环境的 Kubernetes 集群。
4. **Release (Production)**：审批通过后自动部署到线上环境。
5. **UFS (Union File System)**：镜像按层叠加成一个文件系统，各层可以在镜像之间共享。
"""


def test_a_labels_bracket_is_dropped_only_when_it_gives_the_labels_other_name() -> None:
    labels = {label_of(p) for p in parse_notes({"s.md": STAGES}).passages} - {""}
    # "(Staging)", "(Production)" qualify the stages: without them two deploys read alike
    assert {"Deploy (Staging)", "Release (Production)"} <= labels
    # an expansion of the label's initials is its other name, as a translation is
    assert "UFS" in labels and "Build" in labels


LIMITS = """# 网关

## 传统网关

新的网关解决了传统 Ingress 的以下限制：

- **表达能力有限**：Ingress 只能处理简单的 HTTP 路由
- **可扩展性差**：依赖于特定控制器的注解来扩展功能
- **角色混乱**：缺乏清晰的角色分离和权限边界

表达能力有限、可扩展性差和角色混乱都是 Ingress 的老问题。
"""


def test_a_list_its_lead_in_calls_limits_or_merits_labels_points_not_terms() -> None:
    # each label says what its text says again ("只能处理简单的 HTTP 路由" → 表达能力有限)
    assert not [i for i in _items(LIMITS) if i.kind in ("definition", "description")]
    kinds = LIMITS.replace("解决了传统 Ingress 的以下限制：", "把传统 Ingress 的毛病分为三类：")
    assert [i for i in _items(kinds) if i.kind in ("definition", "description")]
