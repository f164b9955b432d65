"""Items for the pages the other kinds leave unasked: which section of a page a statement of it
comes from, the titles of its sibling sections set beside it as wrong answers; and the order of a
page's sections when they are the steps of a task.

Sibling sections each naming a thing (the Service, Ingress and Pod of a page on resources) are
things of one kind set side by side: their titles are fair wrong answers for each other. The
statement is one of the section's key sentences: a statement of fact in a paragraph (or a list
item), telling that section from the others (see headings.best_statement), never a step of a
walkthrough, a remark on what the reader sees or a value of some example. Pages themselves are no
such set: blind reviews found the pages of a folder (a chapter's "网络", "基本架构", "控制组")
too unlike, and a statement of one too often true of another, for their titles to be asked.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.headings import best_statement, defined_headings, things_apart, which_topic_draft
from bot.quiz.item import Draft
from bot.quiz.terms import label_of
from bot.quiz.outline import FOLDER_FILE, ROLE_END, Node, clean_title, core_term, option_title, topic_of
from bot.quiz.steps import order_draft
from bot.quiz.text import normalize
from bot.quiz.view import NotesView

__all__ = ["page_drafts"]

_OPTIONS = 3  # sibling sections beside one at least, for a statement of it to be asked among them

# A step of a walkthrough opens with what to do and says nothing is so ("修改 Makefile 中的
# TAG", "验证 Nginx 健康检查"); "使用 docker save 命令可以…" says what doing it does.
_ACTION = re.compile(
    r"^(?:先|再|然后|接着|最后|请|首先)?\s*(?:验证|修改|执行|运行|创建|新建|删除|安装|配置|设置|添加|增加|编辑|编写|下载|上传|"
    r"打开|进入|输入|启动|停止|重启|登录|切换|复制|拷贝|移动|保存|查看|检查|确认|选择|点击|访问|测试|部署|构建|替换|"
    r"生成|导入|导出|拉取|推送|注册|申请|填写|准备|清理|更新|升级|挂载|初始化|使用|用)"
)
_STATES = re.compile(r"可以|可|能|会|应|需要|必须|用于|用来|负责|是|使得|让|允许|支持|提供|意味着|因为|由于|如果|当")
# The reader walked through an example: "可以看到我们把 NodePort 设在…", "你会发现…".
_NARRATED = re.compile(r"我们|咱们|你|您|看到|发现")
# A value of an example: an address, a port, a long number, a version.
_VALUE = re.compile(r"\d{3,}|\d+\.\d+")
# A sentence opening with what is done or said of something names no subject: a fragment.
SUBJECTLESS_LEADS = r"用于|用来|可以|可|能够|能|支持|提供|负责|允许|适用于|适合|是|为|即"
_NO_SUBJECT = re.compile(rf"^(?:{SUBJECTLESS_LEADS})")
_KEY_CHARS = 16  # characters of a key sentence at least
# A command line in a sentence ("输入 set synchronize-panes off", "journalctl -u kube-apiserver"):
# how to type it, not a fact of the subject.
_COMMAND = re.compile(r"(?:^|\s)--?[a-z]|\b[a-z][a-z\-]*\s+[a-z][a-z\-]*\s+[a-z][a-z\-]*\b")
# What makes a clause a statement of something: a verb of being, having, doing or needing.
_PREDICATE = re.compile(
    r"是|为|有|可以|可|能|会|将|用于|用来|负责|提供|支持|允许|需要|必须|应|不|无|默认|通过|使|让|由|包含|包括|属于|基于|依赖|"
    r"实现|采用|利用|保证|确保|避免|管理|控制|决定|表示|代表|称为|叫做|运行|存储|保存|记录|处理|生成|创建|启动|隔离|限制|"
    r"\b(?:is|are|can|will|must|should|provides?|uses?|runs?|supports?|allows?|lets?|makes?|stores?|keeps?)\b",
    re.I,
)


def key_sentence(passage: Passage, sentence: str, items: bool = False) -> bool:
    """Whether a sentence of a page states a fact of it: in a paragraph or a quote (with
    ``items``, a list item too), not a step of a walkthrough, not a remark on what the reader
    sees, holding no value of an example."""
    if passage.kind not in ("paragraph", "quote", *(("list_item",) if items else ())):
        return False  # a list item is a fragment of its list ("基于 libcontainer 发展而来")
    if passage.kind == "list_item" and label_of(passage):
        return False  # "attach：将存储卷挂载到 Node 上": a labelled item defines its label
    text = sentence.strip()
    if len(normalize(text)) < _KEY_CHARS:
        return False  # "从文件或标准输入应用配置": a caption of some command, no statement
    if _NO_SUBJECT.match(text):
        return False  # "用于调试、排查问题…": what some command does, its name left out
    if _NARRATED.search(text) or _VALUE.search(text) or _COMMAND.search(text) or not _PREDICATE.search(text):
        return False
    return not (_ACTION.match(text) and not _STATES.search(text))


def _folder_page(file: str) -> bool:
    return bool(FOLDER_FILE.match(posixpath.basename(file)))


def _root(file: str) -> bool:
    """Whether the file is the notes' own page (the README at the top: the book, no chapter of it)."""
    return _folder_page(file) and not posixpath.dirname(file)


def page_drafts(view: NotesView, skip: frozenset[str] = frozenset()) -> Iterator[Draft]:
    """For every page but those in ``skip`` (the files the other kinds ask about already): which of
    its sections a key sentence comes from, or the order of its sections when they are the steps
    of a task."""
    openings = {normalize(d.sentence) for d in defined_headings(view)}
    for file in sorted({node.section.file for node in view.outline.nodes.values()}):
        if file in skip or _root(file):
            continue
        yield from _section_drafts(view, file, openings)
        yield from _heading_steps(view, file)


def _things(view: NotesView, children: list[Node]) -> list[tuple[Node, str]]:
    """Sibling headings each naming a thing, not an aspect of one ("原理", "部署方法"), a step or
    an instruction ("配置 DNS 参数"): the sections of a page set side by side."""
    found = []
    for child in children:
        title = option_title(child.title)
        if not title or not view.node_passages(child):
            continue
        name = core_term(child.title)
        if ROLE_END.search(name) or _INSTRUCTION.match(name):
            return []  # one aspect or step among them: the set is no set of things
        found.append((child, title))
    return found


_INSTRUCTION = re.compile(
    r"^(?:如何|怎么|怎样|为什么|为何|使用|用|通过|基于|从|对|把|将|给|让|编写|创建|删除|查看|运行|启动|停止|安装|配置|获取|"
    r"设置|定义|部署|构建|管理|选择|添加|更新|修改|检查|测试|实现|理解|开启|关闭|启用|禁用|下载|生成|准备|验证|清理|Q\s*[：:])",
    re.I,
)


def _section_drafts(view: NotesView, file: str, openings: set[str]) -> Iterator[Draft]:
    """Which section of the page a key sentence (or list item) comes from, among sibling sections
    each naming a thing (see _things)."""
    outline = view.outline
    for key, children in outline.children.items():
        if key[0] != file:
            continue
        titled = _things(view, children)
        if len({normalize(t) for _, t in titled}) < _OPTIONS + 1:
            continue
        if not things_apart([t for _, t in titled]):
            continue  # aspects of one thing, which any of them may speak of
        for node, title in titled:
            others = [(c, t) for c, t in titled if c is not node and normalize(t) != normalize(title)]
            best = best_statement(view, node, title, others, openings, lambda p, s: key_sentence(p, s, items=True))
            if best is None:
                continue
            yield which_topic_draft("topic", best, title, others, topic_of(outline.parent_path(node), (title,)))


# A heading that is a step of a task: what to do first ("下载并安装 etcd 二进制文件", "配置 etcd
# Server", "启动 etcd Server"). Using a feature ("使用 Volume") or asking ("如何…") is no step.
_STEP_VERB = re.compile(
    r"^(?:下载并安装|下载|安装|配置|设置|创建|新建|生成|编写|编译|构建|打包|部署|启动|运行|验证|测试|检查|初始化|准备|注册|"
    r"登录|上传|推送|拉取|发布|清理|删除|开启|启用|添加|加入|签发|分发|导入|导出|备份|恢复|升级|迁移)"
)
_MOST_STEPS = 5


# The order every setup goes in: get it, install it, configure it, start it, check it.
_ROUTINE = {"下载并安装": 0, "下载": 0, "安装": 1, "配置": 2, "设置": 2, "启动": 3, "运行": 3, "验证": 4, "测试": 4, "检查": 4}


def _routine(verbs: list[str]) -> bool:
    """Whether the steps' verbs are all of the routine of any setup, in its order."""
    ranks = [_ROUTINE.get(verb) for verb in verbs]
    return None not in ranks and all(a < b for a, b in zip(ranks, ranks[1:]))


def _heading_steps(view: NotesView, file: str) -> Iterator[Draft]:
    """The order of a page's steps when its sections are the steps of a task, one a heading: the
    first sibling headings, three to five, each opening with another verb of doing (the order of
    "安装 A", "安装 B" is the author's, not the task's)."""
    for key, children in view.outline.children.items():
        if key[0] != file or not key[1]:
            continue
        steps: list[tuple[Node, str]] = []
        for child in children:
            name = clean_title(child.title)
            verb = _STEP_VERB.match(name)
            if verb is None or len(name) > 30 or not view.node_passages(child):
                break
            steps.append((child, name))
        steps = steps[:_MOST_STEPS]
        verbs = [_STEP_VERB.match(name).group(0) for _, name in steps]
        keys = [normalize(name) for _, name in steps]
        if len(steps) < 3 or len(set(verbs)) < len(verbs) or len(set(keys)) < len(keys):
            continue
        if _routine(verbs):
            continue  # 下载 → 配置 → 启动: the order of any setup, known before reading the notes
        first = view.node_passages(steps[0][0])[0]
        draft = order_draft([first], [name for _, name in steps], "", texts.QUIZ_ORDER_PLAIN)
        yield dataclasses.replace(draft, topic=topic_of(key[1]), needs_topic=True)

