"""Items from paragraphs, built from the structure every author uses: a heading's term and the
sentence that opens its section, which section a statement belongs to, the order of a numbered
list's steps, a blank on a term the notes define, which statement is right, the notes' own
questions. Each on a small hand-written note (made up for the tests)."""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest

from bot.notes.corpus import Passage, parse_notes
from bot.quiz import build_quiz_items
from bot.quiz.item import Draft, finish, normalize
from bot.quiz.subjects import _closest_first, _Contexts, _opens_with, families
from bot.quiz.view import NotesView
from tests.quiz.fixtures import OWN_NOTE, answer_of, core

# One file a term, in one folder, each opening with the sentence that defines it.
FOLDER = {
    "queues/README.md": "# 消息队列\n\n消息队列在生产者和消费者之间暂存消息，让两边不必同时在线。\n",
    "queues/kafka.md": "# Kafka\n\n## 简述\n\nKafka 是一个分布式的日志系统，消息按分区顺序追加写入磁盘，消费者按偏移量读取。\n\n"
    "Kafka 的吞吐量很高，适合收集日志和事件流。\n",
    "queues/rabbitmq.md": "# RabbitMQ\n\nRabbitMQ 是一个实现了 AMQP 协议的消息代理，用交换机和绑定把消息路由到队列。\n\n"
    "RabbitMQ 支持消息确认和死信队列，适合业务消息。\n",
    "queues/pulsar.md": "# Pulsar\n\nPulsar 把计算和存储分开，消息存放在 BookKeeper 集群中，broker 本身不保存状态。\n\n"
    "Pulsar 原生支持多租户和跨地域复制。\n",
    "queues/nats.md": "# NATS\n\nNATS 是一个轻量的消息系统，默认只在内存中转发消息，不做持久化。\n",
    "queues/zeromq.md": "# ZeroMQ\n\nZeroMQ 是一个嵌入到应用里的网络库，没有独立的服务进程，节点之间直接建立套接字连接。\n",
}
QUEUES = {"Kafka", "RabbitMQ", "Pulsar", "NATS", "ZeroMQ"}


def _items(files: dict[str, str]):
    return build_quiz_items(parse_notes(files), files=files)


def _of(items, kind: str):
    return [i for i in items if i.kind == kind]


def test_a_heading_term_is_asked_by_the_sentence_opening_its_section() -> None:
    items = _items(FOLDER)
    definitions = {answer_of(i): i for i in _of(items, "definition")}
    assert {"Kafka", "RabbitMQ", "Pulsar"} <= set(definitions)
    kafka = definitions["Kafka"]
    assert "分布式的日志系统" in kafka.question and "Kafka" not in kafka.question
    # Wrong answers: the terms of the sibling files' headings, never a role such as 简述.
    assert set(kafka.options) <= QUEUES
    # The topic is the folder's own title (its README), not the term's heading, which is the answer.
    assert kafka.question.startswith("在「消息队列」中，")


CACHES = {
    "caches.md": """# 缓存

## 本地缓存

本地缓存把数据放在应用进程自己的内存里，读取时不经过网络，进程重启后数据全部丢失。

## 分布式缓存

分布式缓存把数据放在独立的缓存集群里，多台应用服务器共享同一份数据，扩容时需要迁移部分键。

## 多级缓存

多级缓存先查进程内的副本，未命中再查远端集群，层层回源，每一级都设置各自的过期时间。

## 缓存问题排查

缓存问题排查要先对比命中率和回源量的曲线，再检查热点键是否集中在少数节点上。
"""
}


def test_a_definitions_wrong_answers_share_the_terms_head_noun() -> None:
    definitions = {answer_of(i): i for i in _of(_items(CACHES), "definition")}
    assert "本地缓存" in definitions
    for item in definitions.values():
        assert "缓存问题排查" not in item.options  # a task about caches, not a kind of cache
        assert all(normalize(o).endswith("缓存") for o in item.options)


AGENT = {
    "agent.md": """# 节点代理

节点代理运行在每个节点上。容器运行时在启动服务时需要监听本地的套接字文件。日志轮转会在文件超过阈值后压缩旧文件。

## 节点管理

节点管理负责向控制平面注册节点，并定期上报节点的资源容量和健康状况。节点管理还会在节点失联时停止调度。

## 容器运行时

容器运行时需要实现镜像拉取和容器启停的服务端接口，节点代理通过本地套接字调用它。容器运行时可以替换成任何实现了该接口的程序。

## 日志轮转

日志轮转按大小切分容器的标准输出文件，旧文件压缩后保留固定的份数。日志轮转的阈值写在节点代理的配置文件里。

## 内存控制策略

内存控制策略决定节点内存不足时先回收哪些进程的页面，并给关键进程预留一部分内存。内存控制策略需要内核的支持。
"""
}


def test_sibling_headings_without_a_head_noun_are_no_family_of_options() -> None:
    # aspects of what the parent names (节点管理, 容器运行时, 日志轮转 …) are no family whose
    # member a sentence leaves blank, nor one a section's opening is asked among: an aspect among
    # things (容器运行时 beside 节点管理) is told by its kind, not by knowing it
    items = _items(AGENT)
    assert not [i for i in items if i.kind in ("subject", "definition")]
    for item in items:
        assert not {"节点管理", "日志轮转"} <= set(item.options), item
    assert [i for i in _items(CACHES) if i.kind in ("definition", "subject")]  # a family of one head: asked


def test_a_sentence_opening_with_a_term_asks_for_it_among_its_siblings() -> None:
    items = _items(FOLDER)
    subjects = _of(items, "subject")
    assert any("吞吐量很高" in i.question and answer_of(i) == "Kafka" for i in subjects)
    for item in subjects:
        assert answer_of(item) not in item.question
        assert set(item.options) <= QUEUES


def test_a_blank_that_is_what_the_notes_are_about_is_not_asked() -> None:
    def blanks(files: dict[str, str]) -> set[str]:
        return {answer_of(i) for i in _items(files) if i.kind in ("subject", "cloze")}

    assert "Kafka" in blanks(FOLDER)  # one page's subject among the other queues
    # When Kafka titles pages of their own, the notes are about it: a blank that is Kafka is a
    # learner's first guess, whatever the sentence says.
    more = {**FOLDER, "mq/kafka-ops.md": "# Kafka 运维\n\nKafka 的分区副本由 ISR 列表维护，落后太多的副本被移出。\n"}
    assert "Kafka" not in blanks(more) and blanks(more)


def test_which_statement_is_right_never_offers_a_statement_the_notes_do_not_make_as_true() -> None:
    items = _of(_items(FOLDER), "statement")
    assert items
    text = normalize("".join(FOLDER.values()))
    names = tuple(QUEUES)
    for item in items:
        assert normalize(answer_of(item)) in text  # the right one is the notes' own sentence
        for option in item.options:
            if option != answer_of(item):
                assert normalize(option) not in text  # a wrong one is said of another thing
                assert option.startswith(names)
        # one subject and one statement each: counting what the options share tells nothing
        assert len({o.split(" ")[0] for o in item.options}) == len(item.options)


def test_a_name_followed_by_a_number_is_a_version_of_it_never_a_blank_nor_a_subject() -> None:
    folder = dict(FOLDER)
    folder["queues/kafka.md"] += "\nKafka 3 及以上版本可以不依赖 ZooKeeper 保存集群的元数据，部署更加简单。\n"
    folder["queues/pulsar.md"] = folder["queues/pulsar.md"].replace("Pulsar 把", "Pulsar(由雅虎开源) 把")
    items = _items(folder)
    assert not [i for i in items if "ZooKeeper" in i.question]  # "____ 3 及以上版本": the version tells
    assert not [o for i in items for o in i.options if re.search(r"(?:RabbitMQ|Pulsar|NATS)\s*3 及以上", o)]
    statements = _of(items, "statement")
    # A bracketed aside right after a subject is left out of every statement, right or wrong.
    assert statements and not [o for i in statements for o in i.options if "雅虎" in o]


SECTIONS = """# 垃圾收集器

## Serial

Serial 收集器只用一个线程回收，回收时暂停所有用户线程。单线程回收适合内存很小的客户端程序，它没有线程切换的开销。

## CMS

CMS 收集器以最短停顿时间为目标，大部分标记工作与用户线程并发执行。并发标记会占用一部分处理器，在核数少的机器上会拖慢用户程序。它基于标记清除算法，会产生内存碎片。

## G1

G1 收集器把堆划分为多个大小相等的区域，优先回收垃圾最多的区域。用户可以设定期望的停顿时间，区域的划分让回收可以一次只处理一部分堆。
"""


def test_which_section_a_statement_belongs_to() -> None:
    items = _items({"gc.md": SECTIONS})
    topics = _of(items, "topic")
    assert topics
    for item in topics:
        assert set(item.options) <= {"Serial", "CMS", "G1"}
        assert item.question.startswith("在「垃圾收集器」中，")
        assert answer_of(item) not in core(item.question)
    assert any("并发标记会占用一部分处理器" in i.question and answer_of(i) == "CMS" for i in topics)


def test_a_statement_its_section_says_nothing_else_like_or_pointing_back_is_not_asked_which_section() -> None:
    notes = SECTIONS.replace("它基于标记清除算法", "为避免这种碎片，它基于标记清除算法")
    notes += "\n## Epsilon\n\n运维团队每季度按照发行说明调整默认参数，并记录在变更日志里。\n"
    topics = _of(_items({"gc.md": notes}), "topic")
    assert topics  # the sections still give their telling sentences
    assert not [i for i in topics if "发行说明" in i.question]  # nothing around it speaks of it
    assert not [i for i in topics if "这种碎片" in i.question]  # "这种…" leans on the sentence before


def test_advice_to_the_reader_is_not_asked_which_section() -> None:
    # "先用…验证": what to do, which any of the siblings may advise as well
    cms = "并发标记会占用一部分处理器，在核数少的机器上会拖慢用户程序。它基于标记清除算法，会产生内存碎片。"
    advice = "在调整并发标记的线程数之前，先用压测程序验证并发标记占用的处理器和用户线程的停顿。"
    topics = _of(_items({"gc.md": SECTIONS.replace(cms, advice)}), "topic")
    assert not [i for i in topics if "压测程序" in i.question]
    listed = SECTIONS.replace(cms, "更稳妥的做法是：\n\n- 为并发标记预留处理器，在核数少的机器上并发标记会拖慢用户程序\n")
    assert not [i for i in _of(_items({"gc.md": listed}), "topic") if "预留处理器" in i.question]


def test_the_order_of_a_numbered_lists_steps() -> None:
    items = _items({"index.md": OWN_NOTE})
    (order,) = _of(items, "order")
    shown = re.findall(r"\n([①②③④⑤]) (.+)", order.question)  # never A–E: the poll letters its options
    steps = ["解析查询语句并选择索引", "在二级索引中找到主键值", "用主键值回表查找整行", "把结果返回给客户端"]
    assert sorted(step for _, step in shown) == sorted(steps)
    letter = {step: letter for letter, step in shown}
    assert answer_of(order) == " → ".join(letter[s] for s in steps)
    assert [step for _, step in shown] != steps  # shown shuffled, never in the right order
    # the wrong answers are other orders of the same letters: nothing in their look tells
    assert all(sorted(o.split(" → ")) == sorted(letter.values()) for o in order.options)
    assert len(set(order.options)) == len(order.options) == 4


def test_stages_listed_before_the_word_for_their_whole_are_asked_in_their_order() -> None:
    notes = "# 代码评审\n\n评审平台对一次变更的提交（submit）、评审、合并、发布生命周期进行跟踪，每一步都留下记录。\n"
    (order,) = _of(_items({"review.md": notes}), "order")
    assert order.question.startswith("在「代码评审」中，笔记说“评审平台对一次变更的……生命周期进行跟踪”")
    shown = re.findall(r"\n([①②③④⑤]) (.+)", order.question)
    letter = {step: letter for letter, step in shown}
    assert sorted(letter) == sorted(["提交", "评审", "合并", "发布"])  # the gloss aside, 的 before the list
    assert answer_of(order) == " → ".join(letter[s] for s in ["提交", "评审", "合并", "发布"])


def test_steps_in_a_row_opening_with_one_verb_are_no_order() -> None:
    # 创建 …, 创建 …: things to set up, in either order
    tasks = ("# 扩展\n\n## 部署扩展服务\n\n1. 确保开启聚合层\n2. 创建 RBAC 规则\n3. 创建一个命名空间\n"
             "4. 启动扩展服务\n")
    assert not _of(_items({"n.md": tasks}), "order")
    backup = "# 卷\n\n## 备份数据卷\n\n1. 启动临时容器\n2. 挂载要备份的卷到 /source\n3. 挂载当前目录到 /backup\n4. 用 tar 打包\n"
    assert not _of(_items({"n.md": backup}), "order")
    # steps opening with their doer keep their order ("解析器向…询问" three times)
    asking = ("# DNS\n\n## 解析过程\n\n1. 客户端把查询发给解析器\n2. 解析器向根服务器询问\n"
              "3. 解析器向顶级域服务器询问\n4. 解析器向权威服务器询问\n")
    assert _of(_items({"n.md": asking}), "order")


@pytest.mark.parametrize("heading", ["从 RDB 切换到 AOF", "备份数据", "从备份恢复"])
def test_a_numbered_list_under_a_heading_naming_a_task_is_a_sequence(heading: str) -> None:
    notes = (f"# Redis\n\n## {heading}\n\n1. 先用 BGSAVE 做一次最新的快照。\n2. 用 CONFIG SET 在线打开日志。\n"
             "3. 等待日志重写完成。\n4. 修改配置文件，保证重启后仍然生效。\n")
    assert _of(_items({"redis.md": notes}), "order")


def test_a_step_is_shown_without_its_asides_and_with_its_address_whole() -> None:
    notes = """# 监控

## 部署步骤

1. 启动 Prometheus（负责采集指标）并挂载配置文件
2. 访问 http://localhost:9090 检查采集目标
3. 在 Grafana 中添加 Prometheus 数据源
4. 导入常用的节点监控面板
"""
    (order,) = _of(_items({"m.md": notes}), "order")
    shown = sorted(step for step in re.findall(r"\n[①②③④⑤] (.+)", order.question))
    assert "访问 http://localhost:9090 检查采集目标" in shown  # a URL's colon ends no clause
    assert "启动 Prometheus并挂载配置文件" in shown  # the aside left out, the step kept whole


def test_a_numbered_list_of_points_has_no_order_to_ask() -> None:
    points = "# 优点\n\n容器有这些好处：\n\n1. 启动很快\n2. 占用很少的内存\n3. 镜像可以分层复用\n"
    assert not _of(_items({"n.md": points}), "order")
    stages = "# 演进\n\n部署方式也在不停地演进，经历了物理机部署、虚拟机部署、容器部署。\n"
    (order,) = _of(_items({"n.md": stages}), "order")
    assert "经历了" in order.question


# The own note with a fourth kind of index: a blank on one has three siblings to offer.
FOUR_INDEXES = OWN_NOTE.replace(
    "## 索引的比较", "## 位图索引\n\n位图索引为列的每个取值保存一个位图，每一位对应表中的一行，多个条件可以按位组合。\n\n## 索引的比较"
)


def test_a_blank_on_a_term_the_notes_define_has_its_siblings_as_wrong_answers() -> None:
    # (three siblings besides it: a blank offers four options, see the next test)
    items = _items({"index.md": FOUR_INDEXES})
    (cloze,) = [i for i in _of(items, "cloze") if "按关键词查找文档" in i.question]
    assert answer_of(cloze) == "全文索引"
    assert set(cloze.options) == {"全文索引", "哈希索引", "B+ 树索引", "位图索引"}


def test_a_blank_with_two_wrong_terms_only_is_no_item() -> None:
    # beside two siblings a blank is told by ruling them out: no cloze of three options
    items = _items({"index.md": OWN_NOTE})
    assert not [i for i in items if i.kind in ("cloze", "subject") and len(i.options) < 4]
    assert not [i for i in _of(items, "cloze") if "按关键词查找文档" in i.question]


def test_the_notes_own_questions_and_their_answers() -> None:
    faq = """# 常见问题

## 如何查看正在运行的容器？

答：可以使用 docker ps 命令。

## 如何查看容器的日志？

答：可以使用 docker logs 命令。

## 如何进入正在运行的容器？

答：可以使用 docker exec -it 命令。

## 如何删除已经停止的容器？

答：可以使用 docker container prune 命令。
"""
    items = _of(_items({"faq.md": faq}), "question")
    assert len(items) >= 2
    enter = next(i for i in items if "进入" in i.question)
    assert answer_of(enter) == "可以使用 docker exec -it 命令"
    assert all(o.startswith("可以使用 docker") for o in enter.options)
    assert core(enter.question) == "如何进入正在运行的容器？"
    # "docker logs" alone tells 日志 by its "logs", "docker container prune" 容器 by "container"
    assert not any("日志" in i.question or "删除" in i.question for i in items)
    # an answer of another frame (a key chord beside commands) is offered only when too few are alike
    chord = faq + "\n## 如何退出容器但让它继续运行？\n\n答：按 Ctrl-p Ctrl-q。\n"
    files = {"faq.md": chord}
    for seed in range(8):  # (wrong answers are drawn by the seed: none draws it)
        items = build_quiz_items(parse_notes(files), seed=seed, files=files)
        assert not [i for i in _of(items, "question") if "按 Ctrl-p Ctrl-q" in i.options and "退出" not in i.question]


CUT_ANSWERS = """# 常见问题

## 如何查看正在运行的容器？

答：可以使用 docker ps 命令。

## 如何进入正在运行的容器？

答：可以使用 docker exec -it 命令。如果容器里没有 bash，就换成 sh。

## 如何删除已经停止的容器？

答：可以使用 docker container prune 命令。

## 如何查看容器的进程号？

答：可以使用

```bash
docker inspect --format '{{ .State.Pid }}' NAME
```

## 如何把容器迁移到另一台主机？

答：停止容器。把它导出成文件，再在另一台主机上导入。
"""


def test_an_answer_cut_before_its_command_or_after_its_first_step_is_no_answer() -> None:
    items = _of(_items({"faq.md": CUT_ANSWERS}), "question")
    assert items  # whole answers, and one with a remark after it (如果…), are asked
    for item in items:
        assert not {"可以使用", "停止容器"} & set(item.options)  # cut: what follows is the way
        assert "迁移" not in item.question and "进程号" not in item.question


def test_the_own_note_gives_items_from_its_list_and_paragraphs() -> None:
    items = _items({"index.md": OWN_NOTE})
    kinds = {i.kind for i in items}
    assert {"order", "definition", "statement", "why"} <= kinds
    # (its table compares three indexes mostly by marks: 支持 / 不支持 asks nothing)
    paragraphs = [i for i in items if not i.kind.startswith("table") and i.kind != "order"]
    assert len(paragraphs) >= len(items) / 2
    for a, b in itertools.combinations(items, 2):
        assert (a.question, a.options) != (b.question, b.options)


COMPONENTS = """# 集群

部署一个集群时，安装脚本会自动：

- 生成 token 并保存到配置目录
- 为 Master 节点签发证书，并写入 kubeconfig
- 在云平台上开启 VM 的自动重启功能

集群由以下组件组成：

- etcd 保存了整个集群的状态，是集群唯一的数据来源；
- apiserver 提供了资源操作的唯一入口，并负责认证和授权；
- kube-scheduler 负责资源的调度，把新建的工作负载放到合适的机器上；
- kubelet 负责维持机器上容器的生命周期，并上报机器的状态；
- Windows 容器的系统版本需要与宿主机的系统版本一致，否则 kubelet 无法启动它们。
"""


def test_the_things_a_list_enumerates_are_those_its_items_open_with() -> None:
    view = NotesView(parse_notes({"c.md": COMPONENTS}), {})
    members = {m for f in families(view) for m in f.members}
    assert {"etcd", "apiserver", "kube-scheduler", "kubelet"} <= members
    # A name inside what an item does is a word of it, not a thing the list enumerates; a name
    # followed by a noun ("Windows 容器") names another thing.
    assert not members & {"token", "Master", "VM", "kubeconfig", "Windows"}


SYSTEMS_OF_NODES = """# 节点系统

## Linux

Linux 节点运行集群的大部分工作负载，支持全部的网络插件和存储插件。

Linux 节点上的进程共享宿主机的内核，启动很快。

## Windows

Windows 节点只能运行 Windows 应用，部分网络插件不可用。

在混合部署中，Windows 容器的镜像版本需要与构建号严格匹配，否则调度会被拒绝。

在混合集群中，Windows 节点上的 Windows 应用只能使用部分网络插件。

## macOS

macOS 只用于开发环境，不能作为生产节点，只能通过虚拟机运行 Linux 节点。
"""


def test_a_name_followed_by_a_noun_of_another_thing_is_never_left_blank() -> None:
    items = _items({"n.md": SYSTEMS_OF_NODES})
    assert [i for i in items if i.kind in ("subject", "cloze", "definition")]
    # "Windows 容器" is another thing than Windows: leaving "Windows" blank asks nothing of it.
    assert not [i for i in items if re.search(r"____\s*容器的镜像版本", i.question)]


FIELDS = """# 资源字段

## Finalizer

Finalizer 用于实现控制器的异步预删除钩子，可以通过 metadata.finalizers 来指定 Finalizer。

## Label

Label 是附加在对象上的键值对，用来选择和分组对象，一个对象可以有任意多个。

## Annotation

Annotation 以键值对的形式保存任意的非标识性元数据，工具和库可以读取它们。
"""


def test_a_term_inside_a_longer_word_of_its_sentence_is_not_left_blank_there() -> None:
    items = _items({"f.md": FIELDS})
    assert _of(items, "definition")
    assert not [i for i in items if "____s" in i.question]  # "metadata.____s" would spell it
    assert not [i for i in items if answer_of(i) == "Finalizer" and "finalizers" in i.question]


LABELLED = """# 对象

## 标签

标签（Label）是附加在对象上的键值对，用来选择和分组对象，一个对象可以有任意多个。

## 注解

注解（Annotation）以键值对的形式保存任意的非标识性元数据，工具和库可以读取它们。

## 容器

容器是镜像运行起来的实例，它们共享宿主机的内核，彼此之间相互隔离。

## 容器组

容器组是一组共享网络和存储的容器，它是集群里可以创建和调度的最小单位。

容器组可以挂载一组存储卷，组里的容器都能读写这些卷里的文件。
"""


DOCKERFILE = """# Dockerfile 指令

镜像的标签（Label）用来记录维护者、版本和许可证这样的元数据。

## LABEL

LABEL 给镜像添加元数据，构建之后可以用 inspect 查看。

每个标签占一行，由 LABEL 开头加上一个或多个键值对，值里有空格时要加引号。

## ENV

ENV 设置环境变量，后续指令和运行中的容器都能读取这些变量。

## USER

USER 指定运行后续指令和容器进程的用户，用户必须事先创建好。
"""


def test_a_question_holding_the_answers_other_name_in_the_notes_is_not_asked() -> None:
    items = _items({"d.md": DOCKERFILE})
    assert [i for i in items if answer_of(i) == "LABEL"]
    # The notes call a label 标签: "每个标签占一行，由 ____ 开头…" is read off, not known.
    assert not [i for i in items if answer_of(i) == "LABEL" and "标签" in i.question]


def test_a_name_at_the_start_of_a_longer_term_the_notes_name_is_never_left_blank() -> None:
    items = _items({"o.md": LABELLED})
    # "容器组可以挂载…" is about 容器组: "____组可以挂载…" would ask for 容器 by half a word.
    assert not [i for i in items if "____组" in i.question]


KIND_AND_KUBECTL = {
    "setup/README.md": "# 部署\n\n本章介绍在本地部署集群的几种工具。\n",
    "setup/kind.md": "# Kind\n\n## 安装 Kind\n\nKind 是一个二进制文件，下载之后放到 PATH 中即可使用，不需要额外的依赖。\n",
    "setup/kubectl.md": "# kubectl\n\n## get\n\nget 列出集群中的资源，可以按标签过滤输出的对象。\n\n"
    "## describe\n\ndescribe 显示资源的详细信息和最近发生的事件。\n\n## annotate\n\nannotate 给资源加上注解，保存非标识性的元数据。\n",
}


def test_the_sections_of_a_neighbouring_file_are_no_wrong_answers() -> None:
    items = _items(KIND_AND_KUBECTL)
    # "安装 Kind" has no sibling of its kind; kubectl's subcommands are no wrong answers for a tool.
    assert not [i for i in items if answer_of(i) == "Kind"]
    assert not [i for i in items if answer_of(i) in ("get", "describe", "annotate") and "Kind" in i.options]


NEIGHBOURS = {
    "obs/README.md": "# 可观测性\n\n本章介绍监控和日志。\n",
    "obs/prometheus.md": "# Prometheus\n\nPrometheus 是一个开源的监控系统，按固定的间隔抓取指标并保存为时间序列。\n",
    "obs/elk.md": "# ELK 套件\n\nELK 套件由三个组件组成，负责收集、存储和展示日志。\n",
    "os/README.md": "# 操作系统\n\n本章介绍常用的基础镜像。\n",
    "os/centos.md": "# CentOS\n\nCentOS 是企业级服务器常用的发行版，软件包更新比较保守。\n",
    "os/debian.md": "# Debian\n\nDebian 是由志愿者维护的发行版，以稳定著称。\n",
    "os/fedora.md": "# Fedora\n\nFedora 是社区维护的发行版，总是很快跟进新版本的软件。\n",
}


def test_the_headings_of_a_neighbouring_chapter_are_no_wrong_answers() -> None:
    items = _items(NEIGHBOURS)
    distributions = [i for i in _of(items, "definition") if answer_of(i) in ("CentOS", "Debian", "Fedora")]
    assert distributions and all(set(i.options) == {"CentOS", "Debian", "Fedora"} for i in distributions)
    # Prometheus has no sibling of its kind: CentOS and Debian, from the chapter beside, would be
    # wrong answers of another kind (and it none for them).
    assert not [i for i in items if answer_of(i) == "Prometheus"]


def test_a_gloss_right_after_a_blank_is_left_out() -> None:
    folder = dict(FOLDER)
    folder["queues/rabbitmq.md"] = folder["queues/rabbitmq.md"].replace("RabbitMQ 支持", "RabbitMQ（兔子消息队列）支持")
    folder["queues/pulsar.md"] = folder["queues/pulsar.md"].replace("Pulsar 原生支持", "Pulsar（脉冲星）原生支持")
    items = _items(folder)
    assert [i for i in items if "原生支持多租户" in i.question]
    assert not [i for i in items if re.search(r"____\s*[（(]", i.question)]  # "____（兔子消息队列）" would tell


def test_a_longer_name_or_a_sentence_saying_too_little_is_never_left_blank() -> None:
    notes = SYSTEMS_OF_NODES.replace(
        "在混合部署中，Windows 容器的镜像版本需要与构建号严格匹配，否则调度会被拒绝。",
        "在混合部署中，Windows Server 镜像的版本需要与构建号严格匹配，否则调度会被拒绝。\n\n混合部署的 Windows 调度被拒绝。",
    )
    items = _items({"n.md": notes})
    assert not [i for i in items if re.search(r"____\s*Server", i.question)]  # "Windows Server" is another name
    assert not [i for i in items if "调度被拒绝" in i.question and "构建号" not in i.question]  # says too little


def test_a_numbered_list_under_a_heading_of_a_task_but_titled_as_problems_has_no_order() -> None:
    notes = (
        "# 启动时序问题\n\n## 问题描述\n\n1. **节点注册问题**：kubelet 注册节点时带上未初始化的污点\n"
        "2. **调度依赖**：控制器负责移除该污点并补充节点信息\n3. **启动矛盾**：控制器自己也可能因为污点而无法调度\n"
    )
    assert not _of(_items({"s.md": notes}), "order")
    steps = notes.replace("## 问题描述", "## 启动过程")
    assert _of(_items({"s.md": steps}), "order")  # the list's own heading says it is a sequence


def test_a_definition_saying_too_little_is_not_asked() -> None:
    folder = dict(FOLDER)
    folder["queues/nats.md"] = "# NATS\n\nNATS 主要由三个命令组成。\n"
    items = _items(folder)
    assert _of(items, "definition")
    assert not [i for i in items if "主要由三个命令组成" in i.question]


def test_a_label_of_the_notes_is_a_longer_term_than_a_name_it_starts_with() -> None:
    notes = LABELLED + "\n## 角色\n\n- **容器组管理员**：负责容器组的配额和调度策略，审批新的命名空间。\n"
    assert not [i for i in _items({"o.md": notes}) if "____管理员" in i.question]


def test_a_chinese_name_of_two_characters_is_never_left_blank_inside_a_sentence() -> None:
    # Two characters are a word of any sentence ("简单的说", "节点的状态"), not always the thing.
    notes = SYSTEMS_OF_NODES.replace("Linux", "红帽").replace("Windows", "视窗").replace("macOS", "苹果")
    items = _items({"n.md": notes})
    assert _of(items, "definition")  # asked by the sentences that open with them
    assert not _of(items, "cloze")


def test_a_translation_the_answer_alone_matches_gives_it_away_whatever_the_topic_holds() -> None:
    passage = parse_notes({"n.md": "# 列出镜像\n\n## 输出字段说明\n\n一段话。\n"}).passages[0]
    draft = Draft(
        kind="table_row", question="表中说明为「创建时间」的是哪一项？", answer="CREATED",
        tiers=(("IMAGE ID", "SIZE", "REPOSITORY"),), why="", passage=passage, min_options=3,
    )
    # "IMAGE" translates to 镜像 of the topic 列出镜像, which every option is about: that tells
    # nothing, and "CREATED" (创建) alone still matches the question.
    assert finish(draft, 0) is None



def test_a_translated_word_of_the_answer_no_wrong_option_has_gives_it_away() -> None:
    passage = parse_notes({"n.md": "# Pod\n\n## 命名空间\n\n一段话。\n"}).passages[0]
    draft = Draft(
        kind="code_name", question="填空：通过设置 ____ 参数为 true，使用主机的网络命名空间",
        answer="spec.hostNetwork", tiers=(("spec.hostPID", "spec.hostIPC", "spec.subdomain"),),
        why="", passage=passage, min_options=3,
    )
    # Each spec.host… option's "host" tells 主机 alike; "network" (网络) only the answer does.
    assert finish(draft, 0) is None


FAQ = {
    "faq.md": "# 容器\n\n## 常见问题\n\n### Q：容器启动后立即退出\n\n原因：主进程执行完毕或无法保持运行\n\n"
    "### Q：无法连接容器内的服务\n\n原因：没有把容器端口映射到宿主机\n\n"
    "### Q：容器内修改的文件丢失\n\n原因：数据写在容器存储层而没有使用数据卷\n\n"
    "### 镜像体积\n\n原因：每条指令都会新建一层\n",
}


def test_a_problem_asked_by_its_heading_is_asked_why_its_labelled_cause_right() -> None:
    whys = {i.question: i for i in build_quiz_items(parse_notes(FAQ), files=FAQ) if i.kind == "why"}
    item = whys["在「容器」中，按笔记所说，为什么容器启动后立即退出？"]  # the headings above (no role) its topic
    assert answer_of(item) == "主进程执行完毕或无法保持运行"
    assert set(item.options) <= {"主进程执行完毕或无法保持运行", "没有把容器端口映射到宿主机", "数据写在容器存储层而没有使用数据卷"}
    assert not [q for q in whys if "镜像体积" in q]  # a heading that asks nothing names no problem


# Pages of one folder: three workload controllers and three other objects.
OBJECTS = {
    f"objects/{name.lower()}.md": f"# {name}\n\n{text}\n"
    for name, text in {
        "Deployment": "Deployment 管理一组副本 Pod，滚动升级时逐个替换旧的 Pod，保证可用的副本数量。\n\nDeployment 可以回滚到上一个版本的副本配置。",
        "StatefulSet": "StatefulSet 管理有状态的副本 Pod，每个 Pod 有固定的名字和存储，升级时按顺序逐个替换。\n\nStatefulSet 的副本按序号启动。",
        "DaemonSet": "DaemonSet 在每个节点上运行一个副本 Pod，节点加入时自动创建，升级时逐个替换旧的 Pod。\n\nDaemonSet 常用来运行日志代理。",
        "ConfigMap": "ConfigMap 保存配置数据的键值对，可以作为环境变量或文件挂载给容器使用。\n\nConfigMap 不适合保存密码。",
        "Secret": "Secret 保存密码和令牌这样的敏感数据，以 base64 编码存放。\n\nSecret 也能挂载成文件。",
        "Ingress": "Ingress 把集群外部的 HTTP 请求按域名和路径转发给内部服务。\n\nIngress 需要一个 Ingress Controller 才能工作。",
        "Namespace": "Namespace 把集群里的对象分成互相隔离的组，名字只在组内唯一。\n\nNamespace 可以设置资源配额。",
    }.items()
}


def test_a_blank_subject_is_offered_among_the_members_most_like_it() -> None:
    view = NotesView(parse_notes(OBJECTS), OBJECTS)
    others = ("ConfigMap", "Secret", "Ingress", "StatefulSet", "Namespace", "DaemonSet")
    closest, rest = _closest_first("Deployment", others, _Contexts(view), ("Deployment", *others))
    assert {"StatefulSet", "DaemonSet"} <= set(closest)
    assert not {"Secret", "Ingress", "Namespace"} & set(closest + rest)  # nothing said alike
    # a family of six or fewer is of one kind as it is: all its members stay
    assert set(sum(_closest_first("Deployment", others[:4], _Contexts(view), ("Deployment", *others[:4])), ())) == set(others[:4])


def test_a_command_syntax_line_is_no_sentence_to_blank() -> None:
    notes = dict(OBJECTS)
    notes["objects/deployment.md"] += "\nDeployment [NAME] --replicas=<count> 设置副本的数量，超过的副本会被删除。\n"
    assert not [i for i in _items(notes) if "[NAME]" in i.question]



def test_no_blank_subject_is_offered_among_members_far_less_like_it_than_its_likest() -> None:
    view = NotesView(parse_notes(OBJECTS), OBJECTS)
    family = ("Deployment", "StatefulSet", "DaemonSet", "ConfigMap", "Secret", "Ingress", "Namespace")
    # StatefulSet and DaemonSet fit the sentence too (left out): what is left is of other kinds
    assert _closest_first("Deployment", ("ConfigMap", "Ingress"), _Contexts(view), family) == ((), ())



def test_no_statement_is_asked_whose_right_one_repeats_a_part_of_its_own_name() -> None:
    notes = """# 调度器

## 工作原理

调度分为两个阶段，先过滤再打分。

打分策略

* SelectorSpreadPriority：优先减少节点上属于同一个 Service 的 Pod 数量
* LeastRequestedPriority：优先调度到请求资源少的节点上
* BalancedResourceAllocation：优先平衡各节点的资源使用
* NodeAffinityPriority：优先调度到匹配 NodeAffinity 的节点上
* TaintTolerationPriority：优先调度到匹配 TaintToleration 的节点上
* EqualPriority：将所有节点的优先级设置为 1
* MostRequestedPriority：尽量调度到已经使用过的 Node 上，适用于集群自动扩缩
"""
    items = [i for i in _items({"s.md": notes}) if i.kind == "statement"]
    # "…匹配 TaintToleration…" said of TaintTolerationPriority tells itself, said of another it tells the swap
    assert not [i for i in items if any("匹配 TaintToleration" in o for o in i.options)]



def test_a_numbered_list_of_advice_is_no_sequence_to_order() -> None:
    notes = """# 集群

## 迁移建议

1. 先在测试集群中验证新版本的兼容性
2. 备份 etcd 中的全部数据
3. 逐个节点升级并观察一段时间
4. 准备好回滚到旧版本的方案
"""
    assert not [i for i in _items({"m.md": notes}) if i.kind == "order"]
    assert not [i for i in _items({"m.md": notes.replace("迁移建议", "迁移最佳实践")}) if i.kind == "order"]
    assert [i for i in _items({"m.md": notes.replace("迁移建议", "迁移步骤")}) if i.kind == "order"]



def test_no_statement_is_asked_whose_right_one_tells_its_name_by_translation() -> None:
    notes = """# 调度器

## 工作原理

调度分为两个阶段，先过滤再打分。

打分策略

* SelectorSpreadPriority：优先减少节点上属于同一个 Service 的 Pod 数量
* LeastRequestedPriority：优先调度到请求资源少的节点上
* BalancedAllocationPriority：优先平衡各节点的资源使用
* DiskPressurePriority：优先调度到磁盘压力小的节点上
* NodeAffinityPriority：优先调度到匹配 Pod 亲和性要求的节点上
* EqualPriority：将所有节点的优先级设置为 1
* MostRequestedPriority：尽量调度到已经使用过的 Node 上，适用于集群自动扩缩
"""
    items = [i for i in _items({"s.md": notes}) if i.kind == "statement"]
    assert items  # "Priority" → 优先, said of them all, tells none of them
    # disk → 磁盘 (no other name says disk): the right one reads off its name, a wrong one shows the swap
    assert not [i for i in items if any("磁盘压力小" in o for o in i.options)]


def test_a_subject_said_together_with_another_is_not_left_blank() -> None:
    folder = dict(FOLDER)
    folder["queues/kafka.md"] += "\nKafka 和 RabbitMQ 都提供官方维护的 Java 客户端库，版本更新最及时。\n"
    items = _items(folder)
    assert not [i for i in items if "Java 客户端库" in i.question]  # "____和 RabbitMQ 都…": its kin fit too
    assert [i for i in items if "分布式的日志系统" in i.question or "吞吐量很高" in i.question]


def test_a_subject_is_not_left_blank_in_its_own_page_where_sibling_pages_say_the_like() -> None:
    folder = dict(FOLDER)
    folder["queues/kafka.md"] += "\n很多团队用 Kafka 承接埋点流水，再交给 Flink 做实时计算。\n"
    items = _items(folder)
    # the topic would have to hide the page "Kafka", and RabbitMQ or Pulsar collect logs just as well
    assert not [i for i in items if "承接埋点流水" in i.question]


def test_a_blank_with_no_topic_is_not_asked() -> None:
    from bot.quiz.subjects import subject_drafts

    drafts = list(subject_drafts(NotesView(parse_notes(FOLDER), FOLDER)))
    blanks = [d for d in drafts if "____" in d.question]
    assert blanks and all(d.needs_topic for d in blanks)  # "____对应用是透明的" fits its kin without one
    passage = Passage(0, "istio.md", 3, ("Istio",), "Istio 对应用是透明的，不需要改动任何服务代码。", "paragraph")
    draft = Draft("subject", "“____对应用是透明的，不需要改动任何服务代码”——空白处是哪一项？", "Istio",
                  (("Linkerd", "Cilium", "Envoy"),), "某段笔记。", passage, needs_topic=True)
    assert finish(draft, 0) is None
    placed = dataclasses.replace(draft, passage=dataclasses.replace(passage, section=("服务网格", "Istio")))
    item = finish(placed, 0)
    assert item is not None and item.question.startswith("在「服务网格」中")


def test_a_name_written_in_capitals_is_not_the_lowercase_member_of_a_family() -> None:
    # "LABEL 指令" is the Dockerfile instruction, not the Compose option "label"; "docker" and
    # "Docker" are one name
    assert _opens_with("LABEL 指令以键值对的形式给镜像添加元数据", "label") == 0
    assert _opens_with("LABEL 指令以键值对的形式给镜像添加元数据", "LABEL") == len("LABEL")
    assert _opens_with("Volume 用于保存容器产生的数据", "VOLUME") == 0
    assert _opens_with("docker 守护进程管理所有容器", "Docker") == len("docker")


CACHING = """# 域名缓存

每条记录都带有存活时间，表示解析器可以缓存它多少秒。存活时间越长，查询越少、响应越快，但修改记录后生效得越慢。

迁移服务器之前，运维人员通常会提前几天把存活时间调短，等切换完成再调回去。

域名从右往左读，越往右层级越高，最右边的点代表根域。
"""


def test_which_statement_is_right_among_the_pages_statements_with_one_word_flipped() -> None:
    (item,) = _of(_items({"dns.md": CACHING}), "contrary")
    sentences = [s.strip() for s in re.split(r"[。\n]", CACHING) if s.strip()]
    right = answer_of(item)
    assert right in sentences  # the right one is the notes' own sentence
    assert len(item.options) == 4
    for option in item.options:
        if option == right:
            continue
        # a wrong one: another of the page's sentences with one word turned to its opposite
        sources = [s for s in sentences if s != right and option in _one_flipped(s)]
        assert sources and option not in sentences, option


def _one_flipped(sentence: str) -> set[str]:
    found = set()
    for word, opposite in OPPOSITES.items():
        for at in [m.start() for m in re.finditer(re.escape(word), sentence)]:
            found.add(sentence[:at] + opposite + sentence[at + len(word) :])
    return found


OPPOSITES = {"越长": "越短", "越短": "越长", "越少": "越多", "越多": "越少", "越快": "越慢", "越慢": "越快",
             "越高": "越低", "越低": "越高", "调短": "调长", "调长": "调短"}


def test_a_page_with_two_flippable_statements_or_list_items_only_makes_no_contrary_item() -> None:
    two = "# 缓存\n\n存活时间越长，查询越少、响应越快。\n\n迁移服务器之前，运维人员会提前把存活时间调短，切换完成再调回去。\n"
    listed = "# 缓存\n\n- 存活时间越长，查询越少、响应越快\n- 迁移之前先把存活时间调短\n- 域名越往右层级越高\n- 请求越多，缓存命中越高\n"
    assert not _of(_items({"a.md": two}), "contrary")
    assert not _of(_items({"b.md": listed}), "contrary")


def test_which_comes_first_and_an_examples_counts_are_not_flipped() -> None:
    # "被创建之前默认是非 paused" reads as nonsense; "减少到了 15 个" is what one run did
    page = ("# 发布\n\n新的实例启动之后，旧的实例才会被停止。\n\n暂停之后，修改模板不会触发新的发布。\n\n"
            "扩容时，控制器把副本数目增加到了 15 个。\n\n副本越多，单个实例的负载越低。\n")
    assert not _of(_items({"a.md": page}), "contrary")


def test_two_pages_of_one_title_each_keep_their_which_statement_item() -> None:
    # the same question words ("在「域名缓存」中，以下哪一项说法与笔记相符？"), told apart by their options
    other = "# 域名缓存\n\n副本越多，写入越慢，数据也越安全。\n\n压缩级别越高，文件越小，但压缩时间越长。\n\n分区越多，并行度越高，每个分区的顺序只在分区内保证。\n"
    items = _of(_items({"a/dns.md": CACHING, "b/dns.md": other}), "contrary")
    assert len(items) == 2 and len({i.question for i in items}) == 1
