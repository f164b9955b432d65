"""Items for the pages the other kinds leave unasked (made-up notes): which section a key sentence
comes from among its sibling sections, the order of a page's steps when its sections are the
steps of a task; what is no key sentence; pages themselves are never the answer."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items, valid
from bot.quiz.build import askable_notes
from bot.quiz.item import finish
from bot.quiz.pages import key_sentence, page_drafts
from bot.quiz.view import NotesView
from tests.quiz.fixtures import answer_of

PAGES = {
    "store/README.md": "# 存储引擎\n\n存储引擎决定数据在磁盘上的组织方式，也决定了读写路径的快慢。\n\n"
    "日志结构的引擎把随机写变成顺序写，代价是后台要不断合并文件。\n",
    "store/btree.md": "# B树\n\nB树把键按页组织成一棵多叉平衡树，每次查找只需读取少数几个页面。\n\n"
    "页面分裂时，父节点会得到一个新的分隔键，树的高度很少增长。\n",
    "store/lsm.md": "# LSM树\n\nLSM树先把写入放进内存表，内存表写满后整体刷到磁盘成为有序文件。\n\n"
    "后台压缩线程定期合并这些有序文件，丢弃被覆盖的旧版本。\n",
    "store/hash.md": "# 哈希索引\n\n哈希索引在内存里保存每个键到文件偏移量的映射，点查只需一次磁盘寻址。\n\n"
    "范围查询必须扫描全部键，所以哈希索引不适合区间检索。\n",
    "store/wal.md": "# 预写日志\n\n崩溃恢复时，数据库按顺序重放记录，把尚未落盘的页面修改重新应用一遍。\n\n"
    "每条记录带有递增的序号，检查点之前的记录可以安全截断，重放从检查点开始。\n",
    "net/README.md": "# 网络协议\n\n网络协议规定了通信双方交换报文的格式和时序，分层设计让每层只关心自己的职责。\n\n"
    "报文在每一层被加上首部，接收方逐层剥去首部。\n",
    "os/README.md": "# 操作系统\n\n操作系统在硬件之上为程序提供进程、内存和文件的抽象，并负责在程序之间分配处理器时间。\n",
    "ui/README.md": "# 界面设计\n\n界面设计关注用户完成任务的路径，好的界面让常用操作只需很少的点击。\n",
}


def _drafts(files: dict[str, str], skip: frozenset[str] = frozenset()):
    corpus = parse_notes(files)
    view = NotesView(askable_notes(corpus, files), files)
    return [(d, finish(d, 0)) for d in page_drafts(view, skip)]


SECTIONS = {
    "net/plugins.md": "# 网络插件\n\n## Flannel\n\nFlannel 为每台主机分配一个子网，用 VXLAN 把容器的报文封装后在主机之间转发。\n\n默认的后端是 VXLAN，网络简单的集群也可以换成 host-gw 后端直接写主机路由表。\n\n"
    "## Calico\n\nCalico 不做封装，它让每台主机用 BGP 协议向邻居宣告自己的容器路由，报文按三层路由直达。\n\n大规模集群中建议把全互联的 BGP 会话换成路由反射器，减少每台主机维护的会话数量。\n\n"
    "## Cilium\n\nCilium 把转发和访问策略写成 eBPF 程序挂进内核，按服务身份而不是地址来放行连接。\n\n它还能在七层解析 HTTP 请求，按请求的路径和方法执行访问控制策略。\n\n"
    "## Weave\n\nWeave 在每台主机上运行一个路由进程，进程之间组成网状网络，自动发现彼此并加密流量。\n\n路由进程之间用 gossip 协议交换拓扑信息，新加入的主机只需要知道任意一个已有成员的地址。\n",
}


def test_a_key_sentence_is_asked_among_the_titles_of_its_sibling_sections() -> None:
    found = [item for d, item in _drafts(SECTIONS) if d.kind == "topic" and item is not None]
    assert found
    for item in found:
        assert set(item.options) <= {"Flannel", "Calico", "Cilium", "Weave"}
        assert answer_of(item) not in item.question.partition("中，")[2]  # the sentence leaves its section's name out
        assert valid(item) == []


def test_pages_are_never_the_answer_nor_left_blank_in_their_own_sentences() -> None:
    # a folder's pages are too unlike to be wrong answers for each other (blind reviews: a page's
    # title left blank, or asked which page a sentence is from, was sound once in four)
    items = build_quiz_items(parse_notes(PAGES), files=PAGES)
    titles = {"预写日志", "B树", "LSM树", "哈希索引", "存储引擎", "网络协议", "操作系统", "界面设计"}
    assert not [i for i in items if len(titles & set(i.options)) >= 2]
    assert not [d for d, _ in _drafts(PAGES)]  # one section a page: nothing for this module either


def test_only_pages_the_other_kinds_leave_unasked_get_these_items() -> None:
    assert [d for d, _ in _drafts(SECTIONS)]
    assert not [d for d, _ in _drafts(SECTIONS, frozenset(SECTIONS))]


def test_steps_of_a_walkthrough_remarks_on_what_one_sees_and_example_values_are_no_key_sentences() -> None:
    corpus = parse_notes({"a.md": "# 部署\n\n段落。\n"})
    paragraph = next(p for p in corpus.passages if p.kind == "paragraph")
    assert key_sentence(paragraph, "哈希索引在内存里保存每个键到文件偏移量的映射。")
    assert not key_sentence(paragraph, "修改 Makefile 中的 TAG 为新的版本号。")  # a step to do
    assert not key_sentence(paragraph, "验证 Nginx HTTP 健康检查。")
    assert key_sentence(paragraph, "使用 docker save 命令可以将镜像保存为归档文件。")  # what doing it does
    assert not key_sentence(paragraph, "可以看到我们把 NodePort 设在 30081 上。")  # the reader's walkthrough
    assert not key_sentence(paragraph, "当前 VIP 漂移到了 172.20.0.115 上。")  # a value of the example
    assert not key_sentence(paragraph, "从文件或标准输入应用配置。")  # a caption, not a statement
    assert not key_sentence(paragraph, "用于调试、排查问题或执行应用内的操作。")  # of what?
    assert not key_sentence(paragraph, "关闭同步可以输入 set synchronize-panes off。")  # a command to type
    assert not key_sentence(paragraph, "然后可以使用 journalctl -u kube-apiserver 查看其日志。")


STEPS = {
    "etcd/setup.md": "# 搭建 etcd 集群\n\n## 生成 CA 证书\n\n用 cfssl 生成自签名的根证书和私钥。\n\n"
    "## 签发 etcd 证书\n\n用根证书为每个成员签发服务端和对等通信证书。\n\n"
    "## 分发证书\n\n把证书和私钥复制到每个成员的证书目录。\n\n"
    "## 启动 etcd Server\n\n用 systemd 启动服务并设为开机自启。\n",
    "etcd/tools.md": "# 安装工具\n\n## 安装 cfssl\n\n用来签发证书。\n\n## 安装 kubectl\n\n用来操作集群。\n\n"
    "## 安装 tmux\n\n用来同时操作几台机器。\n",
    "etcd/binary.md": "# 二进制部署\n\n## 下载并安装 etcd 二进制文件\n\n从发布页下载压缩包并解压到系统路径。\n\n"
    "## 配置 etcd Server\n\n为每个成员写好监听地址和集群成员列表。\n\n"
    "## 启动 etcd Server\n\n用 systemd 启动服务并设为开机自启。\n\n"
    "## 验证\n\n列出集群成员，确认三个成员都已加入。\n",
}


def test_sections_that_are_the_steps_of_a_task_are_asked_in_their_order() -> None:
    orders = [(d, item) for d, item in _drafts(STEPS) if d.kind == "order"]
    # the installs of the tools are one step each in any order; download, configure, start, check
    # is the order of any setup: neither is asked
    assert len(orders) == 1
    draft, item = orders[0]
    assert draft.passage.file == "etcd/setup.md" and item is not None
    assert item.question.startswith("在「搭建 etcd 集群」中，")
    for step in ("生成 CA 证书", "签发 etcd 证书", "分发证书", "启动 etcd Server"):
        assert step in item.question
