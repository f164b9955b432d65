"""Soundness rules from the blind reviews, a rule each, on small hand-written notes (made up for the
tests, not the project's notes): what makes an item a teacher would not ask, and what is asked
instead."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items
from bot.quiz.build import askable_notes
from bot.quiz.headings import standalone, statement_ok
from bot.quiz.item import Draft, finish
from bot.quiz.outline import role_only, topic_of
from bot.quiz.tables import table_drafts
from bot.quiz.view import NotesView
from tests.quiz.fixtures import answer_of, core, items_of

# --- 1. which section / which label: options of one kind only ---------------------------------------

LOCKS = """# 数据库锁

## 共享锁

共享锁允许多个事务同时读取同一行数据，但在它被释放之前任何事务都不能修改这一行。读多写少的报表查询常用共享锁，读取期间数据保持一致。

## 排他锁

排他锁只允许持有它的事务读写这一行，其他事务的读写都要等待它释放。更新库存时先加排他锁，扣减数量后再提交事务。

## 意向锁

意向锁加在表上，表示事务打算在表中某些行上加锁。有了意向锁，加表锁时不必逐行检查冲突，只看表上的标记即可。

## 常见误区

很多人以为读操作从不加锁，其实在可串行化隔离级别下普通查询也会加共享锁。
"""


def test_a_role_heading_is_no_option_beside_terms() -> None:
    items = items_of(LOCKS)
    assert items
    assert not [i for i in items if "常见误区" in i.options]  # a heading of remarks, not a kind of lock


def test_which_section_offers_only_headings_of_one_head_noun() -> None:
    notes = """# 安全

## 集群安全

集群安全首先要求每个组件之间的通信都经过双向认证，证书由集群自己的签发机构轮换。审计日志记录每一次对接口的调用。

## 传输安全

传输安全要求所有外部流量都经过加密隧道，旧版本的握手协议一律禁用。证书过期前三十天自动续签。

## 安全工具

在多租户场景中，可以使用沙箱运行时对容器进程进行强隔离，或者使用服务网格对容器之间的通信自动加密。沙箱运行时以轻量虚拟机包裹每个容器进程。
"""
    topics = [i for i in items_of(notes) if i.kind == "topic"]
    assert not [i for i in topics if "安全工具" in i.options]  # a tool is no kind of 安全


LABELS_UNDER_A_ROLE = """# 灰度发布

## 最佳实践

- **渐进式放量**：先放百分之一的流量，观察指标稳定后再逐步扩大比例。
- **快速回滚**：发现错误率上升时立即把流量切回旧版本，不等人工确认。
- **指标对比**：同时观察新旧两组实例的延迟和错误率，以差异判断是否继续。
"""


def test_labels_of_a_list_under_a_role_heading_are_points_not_terms() -> None:
    items = items_of(LABELS_UNDER_A_ROLE)
    assert not [i for i in items if i.kind in ("definition", "description")]


# --- 2. a page's own subject left blank -----------------------------------------------------------

OWN_SUBJECT = """# Redis 入门

Redis 作为一种内存数据库，与传统的磁盘数据库相比读写速度快得多。

Redis 是用 ANSI C 语言编写的，遵循 BSD 协议，数据可以持久化到磁盘。

Redis 首次为缓存、队列和计数器提供了一站式的解决方案。

常见的键值存储有 Redis、Memcached、LevelDB 和 RocksDB，它们各有侧重。
"""


def test_a_pages_subject_set_against_others_or_praised_is_not_left_blank() -> None:
    asked = [core(i.question) for i in items_of(OWN_SUBJECT) if answer_of(i) == "Redis"]
    assert not [q for q in asked if "相比" in q]  # its sentence rules out the others by itself
    assert not [q for q in asked if "一站式" in q]  # praise is no fact
    assert not [q for q in asked if q.count("____") > 1]


def test_a_sentence_blanks_its_subject_once() -> None:
    notes = OWN_SUBJECT.replace("Redis 作为一种内存数据库，与传统的磁盘数据库相比读写速度快得多。",
                                "Redis 作为一种内存数据库，Redis 把全部数据放在内存里。")
    assert not [i for i in items_of(notes) if core(i.question).count("____") > 1]


# --- 3. every question names its topic ---------------------------------------------------------------


def test_a_role_only_section_title_is_named_with_its_page() -> None:
    assert role_only("架构简介") and role_only("启动与验证") and role_only("实践概览") and role_only("")
    assert not role_only("Flannel原理") and not role_only("容器组管理") and not role_only("Prometheus › 架构简介")
    notes = """# Prometheus

## 架构简介

- **Exporter**：负责把被监控对象的指标以文本格式暴露出来供服务器抓取。
- **Pushgateway**：接收短生命周期任务主动推送的指标，再由服务器统一抓取。
- **Alertmanager**：对告警去重、分组后按路由规则发送到邮件或聊天工具。
"""
    items = items_of(notes)
    assert items
    for item in items:
        assert item.question.startswith("在「Prometheus"), item.question  # never 「架构简介」 alone


def test_an_item_that_cannot_name_its_topic_is_not_made() -> None:
    passage = parse_notes({"n.md": "# 轻量级\n\n一句足够长的话，说的是某种东西的某个方面。\n"}).passages[0]
    draft = Draft("definition", "“____移除了非必须的功能”——这说的是哪一项？", "轻量级", (("开箱即用", "单一二进制", "安全"),), "why", passage)
    assert topic_of(passage.section, ("轻量级",)) == ""
    assert finish(draft, 0) is None  # the only heading names the answer: no topic, no item


# --- 4. what a poll does not show -------------------------------------------------------------------


def test_a_sentence_naming_what_the_poll_does_not_show_is_no_statement() -> None:
    for sentence in (
        "当两者同时存在时，服务器优先比较实体标签的值。",
        "设置该参数将触发回退操作，每次回退完成后该值就会被清除。",
        "浏览接口约定文档可以查看关于状态条件的更多信息和示例。",
        "这些相关技术已经成熟稳定，但是没有集成到主流的内核中。",
        "构建工具提供了缓存挂载的指令，可以实现上边的设想。",
        "下面的配置把日志写到宿主机的目录里，重启以后仍然保留。",
        "另外一款容器监控工具支持抓取系统调用，并能按容器过滤事件。",
    ):
        assert not statement_ok(sentence), sentence


def test_a_side_remark_on_the_text_is_left_out_when_the_rest_stands() -> None:
    sentence = "如果了解过内核中的控制组和命名空间，对这段描述的感受会更深，容器技术就是在其上构建起来的。"
    assert standalone(sentence) == "如果了解过内核中的控制组和命名空间，容器技术就是在其上构建起来的。"
    assert standalone("这些相关技术已经成熟稳定，但是由于种种原因没有集成到主流的内核中。") == ""


# --- 5. table cells that say nothing --------------------------------------------------------------------


def test_a_row_with_a_pointer_cell_asks_nothing() -> None:
    notes = """# 扩展方式

| 特性 | 插件 | 外部服务 |
| --- | --- | --- |
| 校验 | 内置钩子 | 远程调用 |
| 默认值 | See above | 远程调用 |
| 多版本 | 不支持 | 需自行实现 |
| 子资源 | 内置 | 需代理 |
"""
    assert not [i for i in items_of(notes) if "See above" in i.question or "See above" in " ".join(i.options)]


# --- 7. order items ---------------------------------------------------------------------------------------


def test_steps_that_are_conditions_make_no_order_item() -> None:
    notes = """# 缓存

## 浏览器处理一次请求的顺序

1. 查找本地缓存，若未过期则直接使用。
2. 本地缓存过期时，带上验证信息发起条件请求。
3. 服务器判断资源未变化，返回未修改，浏览器继续使用本地副本。
4. 资源已变化时，服务器返回新的响应体，浏览器更新缓存。
"""
    assert not [i for i in items_of(notes, files=True) if i.kind == "order"]


def test_a_step_that_goes_on_only_when_the_one_before_did_not_settle_it_is_asked_by_what_it_does() -> None:
    notes = """# 域名解析

## 解析过程

一次完整的解析过程如下：

1. 浏览器先查自己的缓存，再查系统的 hosts 文件
2. 本地没有结果时，把查询发给配置的递归解析器
3. 解析器向根服务器询问，得到顶级域服务器的地址
4. 解析器向顶级域服务器询问，得到权威服务器的地址
5. 解析器向权威服务器询问，拿到最终的记录
"""
    (order,) = [i for i in items_of(notes, files=True) if i.kind == "order"]
    assert "把查询发给配置的递归解析器" in order.question and "没有结果时" not in order.question


def test_a_step_that_is_the_second_half_of_the_one_before_makes_no_order_item() -> None:
    notes = """# 容器

## 容器为什么立即退出

当你运行一个不带命令的容器时，过程如下：

1. 容器启动
2. 没有指定命令
3. 但没有交互式终端
4. 默认的 shell 立即退出
5. 主进程退出，容器随之停止
"""
    assert not [i for i in items_of(notes, files=True) if i.kind == "order"]


def test_an_order_items_wrong_orders_are_near_misses() -> None:
    notes = """# 域名解析

## 解析过程

一次完整的解析过程如下：

1. 浏览器先查自己的缓存，再查系统的 hosts 文件
2. 把查询发给配置的递归解析器
3. 解析器向根服务器询问，得到顶级域服务器的地址
4. 解析器向顶级域服务器询问，得到权威服务器的地址
5. 解析器向权威服务器询问，拿到最终的记录
"""
    (order,) = [i for i in items_of(notes, files=True) if i.kind == "order"]
    right = order.options[order.correct].split(" → ")
    for option in order.options:
        place = [right.index(letter) for letter in option.split(" → ")]
        swaps = sum(1 for a in range(len(place)) for b in range(a + 1, len(place)) if place[a] > place[b])
        assert swaps <= 2, option  # a step or two out of place, not an order far off that stands apart
    # and never the one order opening with its first step
    assert sum(option.split(" → ")[0] == right[0] for option in order.options) >= 2


# --- 8. a word the answer alone shares with the question ------------------------------------------------


def test_a_word_only_the_answer_shares_with_the_question_gives_it_away() -> None:
    notes = """# 网关迁移

- **渐进式迁移**：先在测试环境验证新的网关，再逐步迁移生产环境的流量。
- **安全配置**：为每个监听器配置证书，禁用明文端口和旧版协议。
- **监控观察**：为新旧网关分别建立看板，对比延迟和错误率。
- **性能测试**：上线前用压测工具模拟峰值流量，确认资源余量。
"""
    for item in items_of(notes):
        if answer_of(item) == "渐进式迁移":
            assert "迁移" not in core(item.question)


def test_a_latin_word_inside_the_answers_gives_it_away() -> None:
    notes = """# 网络方案

- **OpenContrail**：瞻博推出的开源网络虚拟化平台，其商业版本为 Contrail，提供虚拟路由。
- **Calico**：基于三层路由的网络方案，用边界网关协议在节点之间交换路由信息。
- **Flannel**：为每个节点分配一个子网，用封装隧道在节点之间转发容器的报文。
- **Cilium**：基于内核可编程数据面的网络方案，按身份而不是地址实施访问策略。
"""
    for item in items_of(notes):
        assert not (answer_of(item) == "OpenContrail" and "Contrail" in core(item.question)), item.question


# --- 9. one fact, one way ------------------------------------------------------------------------------


def test_a_record_tables_row_is_asked_one_way_only() -> None:
    notes = """# 缓存指令

| 指令 | 含义 |
| --- | --- |
| max-age | 响应在多少秒内视为新鲜 |
| no-cache | 可以缓存，但每次使用前必须向服务器验证 |
| no-store | 完全不缓存，请求和响应都不保存 |
| private | 只允许浏览器缓存，代理服务器不得缓存 |
| public | 浏览器和代理服务器都可以缓存 |
"""
    items = items_of(notes, files=True)
    lines = [i.source.line for i in items if i.kind.startswith("table")]
    assert items and len(lines) == len(set(lines))  # never a row asked by its cell and its cell by its row


# --- new kinds that ask what the rules leave ---------------------------------------------------------------

TWO_SIDED = """# 存储

> 固态硬盘与机械硬盘的比较
>
> | 特性 | 固态硬盘 | 机械硬盘 |
> | ---- | -------- | -------- |
> | 随机读写 | 很快 | 较慢 |
> | 抗震性 | 较好 | 较差 |
> | 单位容量价格 | 每GB数元 | 每GB几角 |
> | 噪音 | 几乎无声 | 有马达声 |
> | 寿命限制 | 擦写次数 | 机械磨损 |
"""

FACTS = {
    ("固态硬盘", "随机读写"): "很快", ("机械硬盘", "随机读写"): "较慢",
    ("固态硬盘", "抗震性"): "较好", ("机械硬盘", "抗震性"): "较差",
    ("固态硬盘", "单位容量价格"): "每GB数元", ("机械硬盘", "单位容量价格"): "每GB几角",
    ("固态硬盘", "噪音"): "几乎无声", ("机械硬盘", "噪音"): "有马达声",
    ("固态硬盘", "寿命限制"): "擦写次数", ("机械硬盘", "寿命限制"): "机械磨损",
}


def _true(statement: str) -> bool:
    thing, _, rest = statement.partition("的")
    row, _, value = rest.partition("为「")
    return FACTS[(thing, row)] == value.rstrip("」")


def test_a_two_sided_comparison_asks_which_statement_is_right_or_wrong() -> None:
    # (drafted and finished one by one: a page of tables alone gives few items, see the last test)
    drafts = [d for d in table_drafts(askable_notes(parse_notes({"n.md": TWO_SIDED}))) if d.kind == "table_statement"]
    statements = [i for i in (finish(d, 0) for d in drafts) if i is not None]
    assert len(statements) >= 3 and any("不符" in i.question for i in statements)
    for item in statements:
        right = [o for o in item.options if _true(o)]
        if "不符" in item.question:
            assert len(right) == len(item.options) - 1 and not _true(answer_of(item))
        else:
            assert right == [answer_of(item)]
            # the wrong ones say the answer's thing and the other thing: when one is the better in
            # most rows, wrong ones all of the answer's thing would leave it the only one praised
            things = {o.partition("的")[0] for o in item.options if o != answer_of(item)}
            assert things == {"固态硬盘", "机械硬盘"}, item.options


def test_a_tables_row_names_are_blanked_in_the_pages_sentences() -> None:
    notes = """# 缓存

| 指令 | 含义 |
| --- | --- |
| max-age | 响应在多少秒内视为新鲜 |
| no-cache | 可以缓存，但每次使用前必须向服务器验证 |
| no-store | 完全不缓存，请求和响应都不保存 |
| private | 只允许浏览器缓存，代理服务器不得缓存 |

## 页面

HTML 页面一般设置 no-cache，确保每次都能拿到引用最新资源文件名的页面。
"""
    clozes = [i for i in items_of(notes) if i.kind == "cloze"]
    assert [i for i in clozes if answer_of(i) == "no-cache" and set(i.options) <= {"max-age", "no-cache", "no-store", "private"}]


def test_a_page_of_tables_gives_a_few_look_ups_beyond_its_text() -> None:
    rows = "".join(f"| 项目{n} | 值甲{n} | 值乙{n} |\n" for n in "一二三四五六七八")
    notes = "# 参考\n\n" + "".join(f"## 表{t}\n\n| 项目 | 甲 | 乙 |\n| --- | --- | --- |\n{rows}\n" for t in "一二")
    files = {"n.md": notes}
    corpus = parse_notes(files)
    assert NotesView(askable_notes(corpus, files), files).corpus.passages
    items = build_quiz_items(corpus, files=files)
    assert len([i for i in items if i.kind.startswith("table")]) <= 4  # no text: four look-ups at most


# --- 6. reasons weighed against reasons of the same subject ----------------------------------------------


def test_a_reason_is_never_set_beside_reasons_from_another_folder() -> None:
    files = {
        "cache/expires.md": "# 过期\n\n由于过期时间依赖客户端的系统时钟，绝对过期时间已逐渐被相对的最长缓存时间取代。\n",
        "cache/etag.md": "# 标识\n\n由于修改时间只精确到秒，一秒内的多次修改无法区分，内容标识比修改时间更精确。\n",
        "net/tcp.md": "# 握手\n\n由于网络中可能残留已经失效的连接请求，建立连接需要三次握手来确认双方的收发能力。\n",
    }
    items = build_quiz_items(parse_notes(files), files=files)
    for item in items:
        if item.kind == "why":
            assert not [o for o in item.options if "失效的连接请求" in o and item.source.file.startswith("cache/")]


def test_a_reason_is_never_set_beside_another_saying_much_the_same() -> None:
    from bot.quiz.reasons import reason_drafts

    files = {
        "cloud/a.md": "# 服务发现\n\n由于云原生应用的运行实例随时可能关闭和启动，客户端需要一种机制随时找到健康的实例。\n",
        "cloud/b.md": "# 优雅关闭\n\n由于目标环境中随时有大量同样的应用实例在运行、启动和关闭，快速启动和优雅关闭非常重要。\n",
        "cloud/c.md": "# 状态同步\n\n由于在分布式系统中保证全局状态的同步非常困难，应用应当尽量保持无状态。\n",
        "cloud/d.md": "# 网络\n\n由于同一个地区的网络延迟较低，调度器优先把存储和计算放在同一地区。\n",
    }
    view = NotesView(askable_notes(parse_notes(files), files), files)
    for draft in reason_drafts(view):
        offered = [o for tier in draft.tiers for o in tier]
        if "运行实例随时可能关闭和启动" in draft.answer:
            assert offered and not [o for o in offered if "启动和关闭" in o]


# --- 8 (continued). an acronym inside the answer's name ----------------------------------------------------


def test_an_acronym_of_the_question_inside_one_option_gives_it_away() -> None:
    from bot.quiz.item import _word_told

    stem = "“____可以挂载 AWS 上的 EBS 盘到容器”——空白处是哪一项？"
    assert _word_told(stem, ["AWSElasticBlockStore", "AzureFile", "CephFS", "GCEPersistentDisk"])
    assert not _word_told(stem, ["AzureFile", "CephFS", "GCEPersistentDisk", "Cinder"])


def test_an_abbreviation_opening_as_one_of_the_questions_gives_itself_away() -> None:
    from bot.quiz.item import _told

    stem = "“____是OVS提供的原生虚拟化网络方案，旨在解决传统 SDN 架构的性能问题”——空白处是哪一项？"
    assert _told(stem, ["OVN", "ptp", "MACVLAN", "OpenContrail"])
    assert _told(stem, ["OVN", "ptp", "Weave Net", "OpenContrail"])  # another option's weak gloss (net: 网络) hides nothing
    assert not _told(stem, ["Calico", "ptp", "MACVLAN", "OpenContrail"])


def test_the_one_name_holding_more_of_the_questions_words_than_any_other_gives_itself_away() -> None:
    from bot.quiz.item import _told

    # allowed (允许) and Capabilities (as written): each wrong option has one of the two at most
    stem = "说明为「允许使用的 Capabilities 列表」的是哪一项？"
    assert _told(stem, ["allowedCapabilities", "defaultAddCapabilities", "allowedHostPaths", "volumes"])
    assert not _told(stem, ["requiredDropCapabilities", "defaultAddCapabilities", "allowedHostPaths", "volumes"])
    # and the other way round: the name in the question, its words in one option alone
    stem = "allowedCapabilities 的说明是？"
    assert _told(stem, ["允许使用的 Capabilities 列表", "允许的 host 端口列表", "会从容器中删除的 Capabilities", "只读根文件系统"])


# --- 1 (continued). qualities are no things to tell sections apart ------------------------------------------


def test_headings_naming_a_quality_are_no_terms() -> None:
    from bot.quiz.outline import term_title

    assert not term_title("高可用") and not term_title("高性能") and term_title("Node 驱逐")


# --- what these notes are about, and cells that tell their row -----------------------------------

def test_a_column_of_examples_is_never_shown_to_ask_for_its_row() -> None:
    notes = """# 镜像标签

| 标签 | 说明 | 示例 |
| --- | --- | --- |
| image.url | 项目对外的介绍页 | https://example.com |
| image.version | 镜像里软件的版本号 | 1.0.0 |
| image.vendor | 负责维护的组织 | Example Inc |
| image.licenses | 软件采用的许可证 | MIT |
"""
    rows = [i for i in items_of(notes) if i.kind == "table_row"]
    assert rows
    assert not [i for i in rows if "example" in i.question.casefold() or "「1.0.0」" in i.question]


def test_a_cell_that_begins_its_rows_name_is_not_asked_of_it() -> None:
    notes = """# 运行时

| 运行时 | 主要特性 |
| --- | --- |
| rktlet | 支持rkt |
| frakti | 虚拟机隔离 |
| cri-o | 符合OCI标准 |
| containerd | 工业级稳定 |
"""
    cells = [i for i in items_of(notes) if i.kind == "table_cell"]
    assert cells
    assert "支持rkt" not in {answer_of(i) for i in cells}


KINDS_OF_ONE = """# 虚拟化

虚拟化可以分为：

- **完全虚拟化**：模拟完整的硬件，例如VMware Workstation、VirtualBox、QEMU。
- **操作系统级虚拟化**：内核隔离进程，例如OpenVZ、FreeBSD Jail、Solaris Container。
"""


def test_an_example_is_never_asked_among_wrong_answers_of_one_other_kind() -> None:
    # Three wrong answers all of one other kind, whose names show it, leave the answer the odd one.
    assert not [i for i in items_of(KINDS_OF_ONE) if i.kind == "example_of"]
    third = KINDS_OF_ONE + "- **硬件辅助虚拟化**：借助处理器的支持，例如KVM、Hyper-V、Xen。\n"
    examples = [i for i in items_of(third) if i.kind == "example_of"]
    assert examples
    kinds = {"VMware Workstation": 0, "VirtualBox": 0, "QEMU": 0, "OpenVZ": 1, "FreeBSD Jail": 1, "Solaris Container": 1,
             "KVM": 2, "Hyper-V": 2, "Xen": 2}
    for item in examples:
        wrong = {kinds[o] for n, o in enumerate(item.options) if n != item.correct}
        assert len(wrong) >= 2, item.options


def test_the_wrong_examples_are_each_of_another_kind_while_there_are_kinds_enough() -> None:
    # Three hypervisors beside FreeBSD Jail leave it the odd one out, even with a fourth kind in the notes.
    four = KINDS_OF_ONE + (
        "- **硬件辅助虚拟化**：借助处理器的支持，例如KVM、Hyper-V、Bhyve。\n"
        "- **超虚拟化**：修改客户机内核，例如Xen、Denali、L4Linux。\n"
    )
    examples = [i for i in items_of(four) if i.kind == "example_of"]
    assert examples
    kinds = {"VMware Workstation": 0, "VirtualBox": 0, "QEMU": 0, "OpenVZ": 1, "FreeBSD Jail": 1, "Solaris Container": 1,
             "KVM": 2, "Hyper-V": 2, "Bhyve": 2, "Xen": 3, "Denali": 3, "L4Linux": 3}
    for item in examples:
        wrong = [kinds[o] for n, o in enumerate(item.options) if n != item.correct]
        assert len(set(wrong)) == len(wrong), item.options


def test_a_description_keeps_its_condition_with_the_clause_it_is_the_condition_of() -> None:
    notes = """# 发布

## 控制器

控制器负责副本管理和滚动更新，出了问题就回滚。

控制器的核心能力包括：

* **副本管理**：确保始终有指定数量的实例在运行
* **滚动更新**：逐步替换旧版本的实例，实现零停机部署
* **回滚**：如果新版本出现问题，可以快速回滚到之前的版本
"""
    items = items_of(notes)
    assert items
    # cut before "…回滚…" (its own name), the condition alone would be offered as a description
    assert not [o for i in items for o in i.options if o.startswith("如果新版本出现问题") and "，" not in o]


def test_no_blank_cuts_a_name_and_no_longer_latin_name_is_read_as_its_first_word() -> None:
    from bot.notes.corpus import Passage
    from bot.quiz.item import QuizItem, QuizSource, valid
    from bot.quiz.subjects import _opens_with

    source = QuizSource("n.md", 1, ("网络",))
    cut = QuizItem("x", "subject", "“____Net是一个多主机容器网络方案”——这说的是哪一项？", ("Weave", "Flannel", "Calico"), 0, "", source)
    whole = QuizItem("y", "subject", "“____是一个多主机容器网络方案”——这说的是哪一项？", ("Weave Net", "Flannel", "Calico"), 0, "", source)
    assert "blank cuts a name" in valid(cut) and not valid(whole)
    hyphened = QuizItem("z", "subject", "“____-kubernetes 提供了一个网络插件”——这说的是哪一项？", ("OVN", "Flannel", "Calico"), 0, "", source)
    assert "blank cuts a name" in valid(hyphened)  # ovn-kubernetes: the piece left tells the rest
    assert _opens_with("Etcd store 的每个节点都保存了过期时间", "Etcd") == 0  # "store" names, no verb here
    assert _opens_with("Etcd stores every key in a tree", "Etcd") == 4


def test_a_row_whose_cell_says_what_other_rows_are_together_asks_nothing() -> None:
    notes = """# 运行参数

| 参数 | 作用 |
| --- | --- |
| -i | 保持标准输入打开 |
| -t | 分配一个伪终端 |
| -it | 两者组合使用，获得交互式终端 |
| -d | 在后台运行容器 |
| --rm | 容器退出后自动删除 |
"""
    items = items_of(notes)
    assert items  # the other rows are asked
    assert not [i for i in items if "两者组合" in i.question or (i.kind == "table_cell" and "-it" in i.question)]


PLUGINS = """
# 网络插件

## Weave

Weave 已经集成了主流的容器系统

- Docker
- Kubernetes
- Mesos

Weave 在每台主机上运行一个路由容器，路由容器之间建立加密的隧道。

## Flannel

Flannel 为每台主机分配一个子网，容器从子网里获得地址。

## Calico

Calico 用 BGP 在主机之间交换路由，数据包不经过封装直接转发。

## Cilium

Cilium 借助 eBPF 在内核里完成转发和策略检查，不依赖 iptables。
"""


def test_a_short_sentence_leading_into_a_list_is_not_asked_alone() -> None:
    # "Weave 已经集成了主流的容器系统" says no more than what its list names: any plugin fits it
    items = items_of(PLUGINS)
    assert [i for i in items if i.kind == "definition"]  # the plugins' own sentences are asked
    assert not [i for i in items if "主流的容器系统" in i.question]


TROUBLESHOOTING = """
# 集群排错

## kube-proxy

kube-proxy 负责把 Service 的虚拟地址转发到后端的 Pod。

## kubelet

kubelet 负责在节点上启动 Pod，并定期上报节点的状态。

## kube-scheduler

kube-scheduler 负责为新建的 Pod 挑选合适的节点。

## etcd

etcd 保存集群的全部状态，是集群唯一的数据来源。

## Kube-proxy: error looking for path of conntrack

kube-proxy 报错，并且 Service 的 DNS 解析异常。

原因是节点上没有安装 conntrack 工具，安装后重启 kube-proxy 即可。
"""


ADDONS = {
    "addons/README.md": "# 附加组件\n\n附加组件是运行在集群之上、为集群提供额外功能的服务。\n",
    "addons/addon-manager.md": "# Addon-manager\n\nAddon-manager 运行在 Master 节点上，负责管理附加组件，保证它们始终运行在期望状态。\n\n"
    "Addon-manager 支持两种标签\n\n"
    "* 对于带有 mode=Reconcile 标签的扩展，无法通过 API 来修改，即\n  * 如果通过 API 修改了配置，则会自动回滚到目录中的配置\n"
    "* 对于带有 mode=EnsureExists 标签的扩展，仅检查扩展是否存在，即\n  * 可以通过 API 来修改配置，修改之后不会自动回滚\n",
    "addons/dashboard.md": "# Kubernetes Dashboard\n\nKubernetes Dashboard 提供网页界面，用户可以在浏览器里查看集群中各种资源的状态。\n\n"
    "登录时需要使用从集群中取得的 Token，并且要先以 Base64 解码。\n",
    "addons/metrics.md": "# Metrics Server\n\nMetrics Server 收集每个节点和容器的资源用量，供自动扩缩容使用。\n\n"
    "采集到的数据只在内存中保留最近一段时间，不做长期存储。\n",
    "addons/dns.md": "# CoreDNS\n\nCoreDNS 为集群中的服务提供名字解析，Pod 通过服务名就能访问其他服务。\n\n"
    "解析记录随服务的创建和删除自动更新，无需手工维护。\n",
}


def test_an_item_of_a_list_led_in_by_a_condition_is_not_quoted_alone() -> None:
    # "可以通过 API 来修改配置，不会自动回滚" holds of EnsureExists only; Reconcile's item says
    # the opposite: quoted alone, either misdescribes Addon-manager
    items = build_quiz_items(parse_notes(ADDONS), files=ADDONS)
    assert [i for i in items if i.kind == "definition"]  # the pages' own sentences are asked
    assert not [i for i in items if "自动回滚" in i.question or any("自动回滚" in o for o in i.options)]


def test_a_failures_symptom_is_not_asked_alone() -> None:
    # under the heading of an error, "kube-proxy 报错，并且 Service 的 DNS 解析异常" is one case's
    # symptom: its cause and fix are the lesson, and "报错" alone fits any component
    items = items_of(TROUBLESHOOTING)
    assert [i for i in items if i.kind == "definition"]  # the components' own sentences are asked
    assert not [i for i in items if "报错" in i.question]
