"""Cards made from the notes' statements: which phrase a sentence hides, and which it never hides, on
small hand-written notes (made up for the tests)."""

from __future__ import annotations

from bot.notes.cards import CLOZE_MARK
from bot.notes.corpus import parse_notes
from bot.quiz import QuizItem, QuizSource, build_quiz_items, build_recall_cards
from bot.quiz.recall import _named_on_front

ETCD = """# 分布式存储

## etcd

etcd 是一个分布式键值存储，它基于 Raft 算法实现一致性，遵循 Apache 2.0 协议开源。

etcd 的客户端库遵循 MIT 2.0 许可发布，任何项目都能使用。

etcd 的数据默认保存在 **数据目录** 下，集群成员之间通过 gRPC 通信。

**快照**：定期把内存中的数据写成一个完整的文件，重启时从它恢复。

部署生产集群时，推荐使用 TLS 加密成员之间的流量，至少部署三个成员。

升级集群时，**生产环境**（线上）：先升级一个成员，观察一天再升级其余成员。

客户端可以选用 Go/Java 等语言的库，推荐使用 etcdctl/curl 调试接口。

排查故障时，不要依赖 **healthz** 或 readyz 判断成员是否加入了集群。

备份集群时**务必指定**快照的保存路径，否则快照会写到当前目录。

集群运行久了要做**历史版本压缩**，它会删除旧的历史版本，只保留最近的修订。

成员变更又叫重新配置：增删成员时先提交一条配置日志，再让新成员追上数据。

启动时加上 `--auto-compaction` 参数可以让集群定期自动压缩历史版本。

客户端也可以通过 `grpc-gateway` 用普通的 HTTP 请求访问集群里的数据。

我们使用 Kafka 演示了写入流程，更多的消息队列可以参考官方文档之外的资料。

它基于 Go 语言开发，编译成一个二进制文件就能运行。

集群规模较小时，可以使用 Consul 等工具代替它做服务发现和配置管理。

运维人员会像“照顾宠物”一样照看每一台服务器，每台机器都有自己的名字和脾气。

这个版本里 etcd 3.5 带来了更好的性能表现，内存占用降低了很多。
"""


def cards_of(notes: str, files: dict[str, str] | None = None):
    files = files or {"notes.md": notes}
    corpus = parse_notes(files)
    items = build_quiz_items(corpus, files=files)
    return build_recall_cards(corpus, items, files), items


def hidden(cards) -> dict[str, str]:
    """Each card's hidden phrase, by the text around it."""
    found = {}
    for card in cards:
        before, after = card.front.split(CLOZE_MARK)
        assert card.back.startswith(before) and card.back.endswith(after)
        found[card.back[len(before) : len(card.back) - len(after)]] = card.front
    return found


def test_a_name_the_subject_is_built_on_or_follows_is_hidden_one_card_a_sentence() -> None:
    cards, _ = cards_of(ETCD)
    phrases = hidden(cards)
    assert "Raft" in phrases and "MIT 2.0" in phrases  # a licence keeps its version
    assert "Apache 2.0" not in phrases  # Raft's sentence: a second card would show the first's answer
    card = next(c for c in cards if c.front == phrases["Raft"])
    assert card.form == "recall" and card.context == ("分布式存储", "etcd")
    assert card.back == "etcd 是一个分布式键值存储，它基于 Raft 算法实现一致性，遵循 Apache 2.0 协议开源。"


def test_the_names_a_subject_is_built_on_are_hidden_together() -> None:
    notes = """# 容器

## 隔离

容器不是虚拟机。如果了解过Linux内核中的cgroups、namespaces，就会明白容器技术是在其上构建起来的。

Podman 基于 runc 和 conmon 运行容器，不需要常驻的守护进程。
"""
    phrases = hidden(cards_of(notes)[0])
    assert "cgroups、namespaces" in phrases and "runc 和 conmon" in phrases
    assert not {"cgroups", "namespaces", "runc", "conmon"} & set(phrases)  # never one of them beside the other


def test_a_bold_term_inside_a_sentence_is_hidden_but_not_a_label_opening_its_definition() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert "数据目录" in phrases
    assert "快照" not in phrases  # "**快照**：…" is a definition, asked as one
    assert "生产环境" not in phrases  # "…时，**生产环境**（线上）：…" is a label inside a sentence


def test_what_the_notes_advise_using_is_hidden_but_not_an_example_of_using() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert "TLS" in phrases  # 推荐使用 TLS
    assert "Kafka" not in phrases  # 我们使用 Kafka 演示: the sentence's own example
    assert "Consul" not in phrases  # 使用 Consul 等工具: one example of several
    assert "etcdctl" not in phrases  # "etcdctl/curl": one of a list, either fits
    assert "healthz" not in phrases  # "healthz 或 readyz"


def test_no_card_from_a_sentence_that_leans_on_another_nor_from_a_figure_of_speech() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert "Go" not in phrases  # 它基于 Go…: what "它" is stands in the sentence before
    assert "照顾宠物" not in phrases  # 像“照顾宠物”一样


def test_no_card_hides_a_stance_or_a_phrase_the_card_spells_out_anyway() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert "务必指定" not in phrases  # how strongly, not what
    assert "历史版本压缩" not in phrases  # "…删除旧的历史版本": most of it stands on the card


def test_the_other_name_a_sentence_gives_and_inline_code_with_its_kind_are_hidden() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert "重新配置" in phrases  # "成员变更又叫重新配置"
    assert "--auto-compaction" in phrases  # "`--auto-compaction` 参数": a flag, said to be one
    assert "grpc-gateway" not in phrases  # inline code whose kind the sentence does not say


def test_a_version_alone_is_never_hidden() -> None:
    phrases = hidden(cards_of(ETCD)[0])
    assert not any("3.5" in phrase for phrase in phrases)


def test_no_card_hides_what_the_heading_path_shows_or_what_the_notes_are_about() -> None:
    pages = {
        "a.md": "# Redis 入门\n\nRedis 是一个内存数据库，它的持久化基于 RDB 快照和 AOF 日志两种方式。\n\n"
        "Redis 的主从复制基于 PSYNC 命令完成，从节点断线后可以继续同步。\n",
        "b.md": "# Redis 运维\n\n## 备份\n\n运维脚本基于 Redis 的 BGSAVE 命令生成快照，再上传到对象存储。\n\n"
        "## 监控\n\n监控系统采用 Prometheus 抓取 Redis 的指标，告警规则写在单独的文件里。\n",
        "c.md": "# 缓存方案\n\n会话缓存基于 Redis 的过期键实现，每个会话保存三十分钟。\n",
    }
    phrases = hidden(cards_of("", pages)[0])
    assert "Prometheus" in phrases and "PSYNC" in phrases
    assert "Redis" not in phrases  # the notes' main subject: every learner's first guess


def test_no_card_hides_what_its_heading_path_shows() -> None:
    notes = "# 共识\n\n## Raft 算法\n\n很多分布式存储系统基于 Raft 实现一致性，领导者负责复制日志。\n\n" \
            "领导者选举期间，节点之间采用 gRPC 通信，每个节点只投出一票。\n"
    phrases = hidden(cards_of(notes)[0])
    assert "gRPC" in phrases and "Raft" not in phrases  # the card shows "共识 › Raft 算法" above it
    # nor a name whose words the heading path shows apart ("Etcd v2 与 v3" above "…使用 Etcd v3")
    assert _named_on_front("Etcd v3", "推荐在集群中使用 [...]。 核心组件 etcd Etcd v2 与 v3")
    assert not _named_on_front("Etcd v3", "推荐在集群中使用 [...]。 核心组件 存储 版本选择")


def test_no_card_hides_the_label_of_the_item_its_sentence_stands_in() -> None:
    notes = "# 虚拟化\n\n- **部分虚拟化**：只模拟部分硬件。客户系统需要修改才能运行，早期的产品仅支持**部分虚拟化**。\n" \
            "- **全虚拟化**：模拟完整的硬件，客户系统借助**二进制翻译**运行，不需要任何修改。\n"
    phrases = hidden(cards_of(notes)[0])
    assert "二进制翻译" in phrases and "部分虚拟化" not in phrases


def test_no_card_hides_what_a_quiz_item_from_the_same_passage_asks() -> None:
    files = {"notes.md": ETCD}
    corpus = parse_notes(files)
    home = next(p for p in corpus.passages if "Raft" in p.text)
    item = QuizItem("q1", "cloze", "etcd 基于____算法实现一致性", ("Raft", "Paxos", "ZAB"), 0, "",
                    QuizSource(home.file, home.line, home.section))
    phrases = hidden(build_recall_cards(corpus, [item], files))
    assert "Raft" not in phrases and "Apache 2.0" in phrases  # the item asks Raft: the sentence hides its licence


def test_a_card_keeps_its_id_when_other_parts_of_the_notes_change() -> None:
    before = {c.back: c.id for c in cards_of(ETCD)[0]}
    after = {c.back: c.id for c in cards_of(ETCD + "\n## 备份\n\n备份时先停止写入，再复制数据目录里的文件。\n")[0]}
    assert before and all(after.get(back) == card for back, card in before.items())


DEFAULTS = """# 缓存服务

## 持久化

快照文件默认保存在数据目录里，默认文件名是 `cache.snap`。

日志的同步策略由 `sync-mode` 配置决定，默认的策略是 everysec，兼顾性能和安全。

服务启动后监听 TCP 端口，默认端口为 7380，可以在配置文件里修改。

设置 `read-only` 为 true 时客户端只能读取数据，默认为 false。

默认为 lazy，但测试环境里常把它改成 eager。

执行压缩时，加载器把旧文件作为 fallback 使用，直到新文件写完。

客户端发送命令 `VACUUM` 可以手动压缩日志文件。

**压缩任务**会把日志里的旧记录合并成一条，只保留最新的值。

**案例**某团队把缓存部署在一台机器上，结果磁盘很快写满了。
"""


def test_what_a_setting_defaults_to_is_hidden_a_figure_included_but_not_a_yes_or_no() -> None:
    phrases = hidden(cards_of(DEFAULTS)[0])
    assert "everysec" in phrases and "7380" in phrases  # a name, and a number: what a default is
    assert "cache.snap" in phrases  # "默认文件名是 `cache.snap`"
    assert "false" not in phrases  # "设置…为 true…，默认为 false" reads off the sentence
    assert "lazy" not in phrases  # "默认为 lazy，…": whose default, another sentence says
    assert "fallback" not in phrases  # "作为 fallback": no default


def test_inline_code_whose_kind_is_said_before_it_is_hidden() -> None:
    phrases = hidden(cards_of(DEFAULTS)[0])
    assert "VACUUM" in phrases  # "发送命令 `VACUUM`"


def test_a_bold_term_a_sentence_opens_by_defining_is_hidden_but_not_a_bold_heading_run_in() -> None:
    phrases = hidden(cards_of(DEFAULTS)[0])
    assert "压缩任务" in phrases  # "**压缩任务**会把…": what it does, recalled by name
    assert "案例" not in phrases  # "**案例**某团队…": a heading, not a term


def test_a_rare_latin_name_said_to_be_a_tool_or_protocol_is_hidden_but_not_a_common_words_tools() -> None:
    notes = """# 容器的历史

最早的隔离手段可追溯到 Unix 系统上的 chroot 工具，它只改变进程看到的根目录。

后来社区开发了 libcontainer 项目，用来直接调用内核的隔离接口。

集群成员之间用 Zab 协议同步数据，领导者负责写入。

多数发行版都自带常见的 Linux 工具，装好系统就能用，Linux 的用户也很多，Linux 也常见。

客户端可以用各个语言的 client 库访问服务，接口都一样。

Debian 和 Ubuntu 都是流行的 **Debian 系** 发行版，适合做服务器。

Colima 是一个开源的命令行方案，底层基于 Lima 虚拟机运行容器。

runc 是一个轻量的 CLI 工具，按 OCI 规范创建和运行容器。
"""
    phrases = hidden(cards_of(notes)[0])
    assert "chroot" in phrases and "Zab" in phrases
    assert "libcontainer" not in phrases  # a project: where a thing comes from, mostly trivia
    assert "Linux" not in phrases  # named all over the notes: "Linux 工具" are Linux's tools
    assert "client" not in phrases  # an English word, not a name
    assert "Debian 系" not in phrases  # its name stands on the card's front
    assert "Lima" not in phrases  # inside "Colima" on the front
    assert "CLI" not in phrases  # a word the computing glossary knows: a kind, not a name


def test_one_card_a_hidden_phrase() -> None:
    notes = """# 镜像

## 标签

拉取镜像时不写标签，默认使用的标签是 latest，它会随新版本移动。

生产环境不要依赖 **latest**，部署时写明版本号，回滚才有据可查。
"""
    cards, _ = cards_of(notes)
    assert len([c for c in cards if "latest" in c.back]) == 1


def test_a_card_stands_on_its_sentences_own_line_not_on_a_label_line_that_starts_alike() -> None:
    notes = "# 虚拟化\n\n- 基于软件的虚拟化\n\n  基于软件的虚拟化，按服务对象所在的层次又可以分为 **应用虚拟化** 和平台虚拟化两类。\n"
    cards, _ = cards_of(notes)
    card = next(c for c in cards if "层次" in c.front)
    assert card.line == 5


def test_a_button_or_menu_the_notes_say_to_click_is_never_hidden() -> None:
    notes = "# 云服务\n\n登录控制台后，在 **仓库中心** -> **公开仓库** 中搜索需要的软件包，再点击 **下载地址** 复制它。\n"
    phrases = hidden(cards_of(notes)[0])
    assert not phrases.keys() & {"仓库中心", "公开仓库", "下载地址"}


def test_a_name_in_an_aside_is_not_hidden_but_a_default_in_one_is() -> None:
    notes = "# 构建\n\n从一个基础镜像开始（由 `BASE` 指令指定），后面的每条指令都会产生新的一层。\n\n" \
            "构建超时可以用参数调整，超时后任务会被取消（默认为 600 秒）。\n"
    phrases = hidden(cards_of(notes)[0])
    assert "BASE" not in phrases and "600 秒" in phrases


def test_a_card_from_a_later_paragraph_of_a_quote_stands_on_its_own_line_links_and_all() -> None:
    notes = "# 平台\n\n> **旧平台不再维护**\n>\n> 最后的版本发布于去年。\n>\n> 推荐使用 [Nomad](nomad.md) 来调度这些批处理任务。\n"
    card = next(c for c in cards_of(notes)[0] if "批处理" in c.front)
    assert card.line == 7
