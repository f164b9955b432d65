"""Items for the pages the other kinds leave unasked (made-up notes): which page a key sentence
comes from among the pages beside it, a page's subject left blank in its own sentences, the
order of a page's steps when its sections are the steps of a task; what is no key sentence."""

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


def test_a_key_sentence_is_asked_among_the_titles_of_the_pages_beside_it() -> None:
    found = {d.passage.file: item for d, item in _drafts(PAGES) if d.kind == "page" and item is not None}
    item = found["store/wal.md"]
    assert "检查点" in item.question and answer_of(item) == "预写日志"
    assert set(item.options) <= {"预写日志", "B树", "LSM树", "哈希索引"}  # the pages of its folder, no folder's own page
    assert valid(item) == []


def test_a_page_is_asked_only_among_the_pages_of_its_own_folder() -> None:
    # net/ holds two pages: too few to ask which one a sentence is from, and another chapter's
    # pages are no pages of the topic the question names (its folder)
    files = {
        **PAGES,
        "net/tcp.md": "# 传输控制\n\n建立连接之前，双方要交换三次握手报文，各自确认对方的初始序号。\n\n"
        "丢失的报文段由超时重传补上，接收方按序号把报文段重新排好，握手时协商的窗口限制发送速度。\n",
        "net/udp.md": "# 数据报\n\n每个数据报独立投递，没有连接状态，数据报的首部只有八个字节。\n\n"
        "应用自己负责数据报的重传和排序，适合对时延敏感的场景。\n",
    }
    found = [item for d, item in _drafts(files) if d.kind == "page" and item is not None]
    assert found  # the storage pages still are
    assert not [i for i in found if {"传输控制", "数据报"} & set(i.options)]


def test_a_folder_page_is_set_beside_the_other_folders_own_pages_and_its_subject_left_blank() -> None:
    files = {**PAGES, "README.md": "# 计算机基础\n\n计算机基础笔记按主题分成存储引擎、网络协议、操作系统和界面设计几部分。\n"}
    found = [item for d, item in _drafts(files) if d.passage.file == "net/README.md" and item is not None]
    assert found
    for item in found:
        assert answer_of(item) == "网络协议" and "网络协议" not in item.question
        assert set(item.options) <= {"网络协议", "存储引擎", "操作系统", "界面设计"}  # chapters, not a chapter's pages
    assert not [d for d, _ in _drafts(files) if d.passage.file == "README.md"]  # the notes' own page is no chapter


def test_only_pages_the_other_kinds_leave_unasked_get_these_items() -> None:
    items = build_quiz_items(parse_notes(PAGES), files=PAGES)
    asked = {i.source.file for i in items if i.kind not in ("page", "page_subject")}
    assert all(i.source.file not in asked for i in items if i.kind in ("page", "page_subject"))
    assert "net/README.md" in {i.source.file for i in items}
    assert len({d.passage.file for d, _ in _drafts(PAGES, frozenset(PAGES))}) == 0


def test_a_page_subject_is_blank_only_where_the_sentence_does_not_name_another_option() -> None:
    files = dict(PAGES)
    files["store/lsm.md"] += "\nLSM树的写放大通常高于B树，但顺序写入让它在机械硬盘上也很快。\n"
    for draft, _ in _drafts(files):
        if draft.kind == "page_subject" and draft.answer == "LSM树":
            assert "B树" not in draft.question


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
    "etcd/setup.md": "# 搭建 etcd 集群\n\n## 下载并安装 etcd 二进制文件\n\n从发布页下载压缩包并解压到系统路径。\n\n"
    "## 配置 etcd Server\n\n为每个成员写好监听地址和集群成员列表。\n\n"
    "## 启动 etcd Server\n\n用 systemd 启动服务并设为开机自启。\n\n"
    "## 验证\n\n列出集群成员，确认三个成员都已加入。\n",
    "etcd/tools.md": "# 安装工具\n\n## 安装 cfssl\n\n用来签发证书。\n\n## 安装 kubectl\n\n用来操作集群。\n\n"
    "## 安装 tmux\n\n用来同时操作几台机器。\n",
}


def test_sections_that_are_the_steps_of_a_task_are_asked_in_their_order() -> None:
    orders = [(d, item) for d, item in _drafts(STEPS) if d.kind == "order"]
    assert len(orders) == 1  # the installs of the tools are one step each in any order: none
    draft, item = orders[0]
    assert draft.passage.file == "etcd/setup.md" and item is not None
    assert item.question.startswith("在「搭建 etcd 集群」中，")
    for step in ("下载并安装 etcd 二进制文件", "配置 etcd Server", "启动 etcd Server", "验证"):
        assert step in item.question


def test_a_short_page_is_asked_its_subject_by_a_sentence_that_opens_with_it() -> None:
    files = dict(PAGES)
    files["store/skiplist.md"] = "# 跳表\n\n## 用法\n\n- 跳表用多层链表实现有序集合，查找时从最高层逐层下降。\n- 插入时随机决定节点的层数。\n"
    found = [item for d, item in _drafts(files) if d.passage.file == "store/skiplist.md" and item is not None]
    assert found and all(answer_of(i) == "跳表" and "跳表" not in i.question for i in found)
    assert all(set(i.options) <= {"跳表", "B树", "LSM树", "哈希索引", "预写日志"} for i in found)


def test_a_sentence_whose_subject_is_its_heading_is_not_asked_for_its_page() -> None:
    files = dict(PAGES)
    files["store/wal.md"] = "# 预写日志\n\n## fsync\n\n把日志记录强制写到磁盘，日志记录落盘之后崩溃也不会丢失。\n\n> 日志记录落盘\n"
    # "## fsync" is what the sentence speaks of: without it, nothing tells which it is.
    assert not [d for d, _ in _drafts(files) if d.kind == "page" and "强制写到磁盘" in d.question]

