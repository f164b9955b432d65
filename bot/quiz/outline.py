"""The notes' outline as a quiz sees it: headings without their numbers, the topic a question names,
sibling sections (the files of one folder are siblings too), and the terms headings name.

Every author structures notes with headings; a heading's siblings are the things it is set beside,
so they are the fair wrong answers for it, and the heading path is what a question must name to be
understood on its own in a poll.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from bot import texts
from bot.notes.corpus import Corpus, Passage, Section
from bot.quiz.renderings import renderings
from bot.quiz.text import normalize

__all__ = [
    "FOLDER_FILE", "ROLE_END", "Outline", "role_only", "clean_title", "option_title", "core_term", "generic_title", "renderings_of_parts",
    "term_title", "topic_of",
]

# "1.2.4 ", "第1章 ", "第一节：", "1、", "一、", "(1) ", "Step 2:", "2. ": a heading's number.
_NUMBER = re.compile(
    r"^\s*(?:第\s*[\d一二三四五六七八九十百零]+\s*[章节篇部分课讲回]\s*[：:、.\s]*"
    r"|(?:[\dA-Za-z]{1,3}[.．])+\d*\s*[、:：.]?\s*(?=\S)"
    r"|\d+\s*[、:：)）]\s*"
    r"|\d+(?:\.\d+)*\s+(?=\D)"
    r"|[一二三四五六七八九十]+\s*[、.．:：]\s*"
    r"|[（(]\s*[\d一二三四五六七八九十]+\s*[)）]\s*"
    r"|(?:step|part|chapter)\s*\d+\s*[:：.]?\s*)",
    re.I,
)
# "(v1.33.0 GA)", "（v1.33 新特性）": when a feature came is no part of its name.
_VERSION_ASIDE = re.compile(r"\s*[（(][^（）()]*(?<![A-Za-z0-9_.])v?\d+\.\d+[^（）()]*[）)]")
# A heading ending in a role word names an aspect of something, not a thing: "配置示例",
# "使用场景", "Flannel原理", "部署方法".
ROLE_END = re.compile(
    r"(?:示例|用例|例子|场景|方法|方式|步骤|说明|特性|功能|优势|优点|缺点|好处|提示|小提示|准则|实践|最佳实践|建议|注意事项|"
    r"对照表|列表|总结|小结|问题|方案|原理|部署|安装|配置|集成|介绍|简介|概述|入门|流程|用法|命令|参数|选项|演示|练习|"
    r"详解|架构图|图解|一览|速查|总览|概览|对比|比较|区别|误区|陷阱|踩坑|哲学|原则|理念|技巧|心得|经验|"
    r"高可用|高性能|高并发|可用性|可靠性|扩展性|安全性|稳定性|"
    r"排错|故障排查|验证|清理|准备|前提|要求|限制|风险|收益|优化|调优|原因|结论|背景|历史|发展|现状|趋势)$"
)
_EMOJI = re.compile(r"^[\U0001F000-\U0001FFFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\s]+")

# Headings that name a role in the text, not a subject: never a topic, never a term.
_GENERIC = re.compile(
    r"^(?:简述|简介|概述|概览|概要|概念|介绍|说明|前言|序言|序|引言|导言|导读|背景|定义|基本概念|核心|核心概念|基础|基础知识|原理|"
    r"示例|例子|举例|实例|样例|案例|演示|用法|使用|基本用法|使用方法|使用方式|使用说明|用例|"
    r"总结|小结|本章小结|本节小结|回顾|要点|要点回顾|结论|结语|"
    r"参考|参考资料|参考文档|参考文献|参考链接|相关链接|延伸阅读|扩展阅读|推荐阅读|更多|其他|其它|附录|"
    r"注意|注意事项|提示|警告|备注|问题|常见问题|已知问题|问题汇总|faq|练习|习题|思考题|误区|常见误区|陷阱|常见陷阱|踩坑|常见错误|"
    r"修复版本|版本说明|版本历史|更新日志|变更日志|变更记录|发布说明|"
    r"安装|配置|步骤|操作|命令|语法|格式|参数|选项|输出|结果|准备|准备工作|前提|前提条件|环境|环境准备|"
    r"优点|缺点|优势|劣势|特点|特性|功能|作用|用途|场景|适用场景|应用场景|限制|局限|"
    r"overview|introduction|intro|summary|background|example|examples|usage|notes?|references?|"
    r"installation|install|setup|configuration|conclusion|faq|tips?|prerequisites?)$",
    re.I,
)
# "什么是 X", "X 简介", "X 概述": the heading names X.
_WHAT_IS = re.compile(r"^(?:什么是|何为|何谓|认识|了解|理解|初识|关于)\s*")
_ABOUT_TAIL = re.compile(r"\s*(?:是什么|简介|概述|介绍|入门|基础|详解|概念|原理|的定义|定义)$")
# A heading that is a question, an instruction or a sentence names no term.
_NOT_TERM = re.compile(r"[，,。？?！!；;：:、“”\"]|^(?:一句话|快速|深入|浅谈|简单|如何|怎么|怎样|为什么|为何|何时|什么时候|使用|用|在|通过|基于|从|对|把|将|给|让|编写|创建|删除|查看|运行|启动|停止|安装|配置|获取|设置|定义|部署|构建|管理|选择|添加|更新|修改|检查|测试|实现|理解)")
_MAX_TITLE = 24
_OPTION_TITLE = 20
_PUNCTUATION = re.compile(r"[，,。；;：:？?！!、]")
_TOPIC_TITLES = 2  # a topic names the section and the one above it
_TOPIC_CHARS = 40


@lru_cache(maxsize=1 << 15)
def clean_title(title: str) -> str:
    """A heading without its number, emoji or closing colon: "1.2.4 Docker 的技术基础" →
    "Docker 的技术基础"."""
    text = _VERSION_ASIDE.sub("", _EMOJI.sub("", title.strip()))
    text = _NUMBER.sub("", text, count=1).strip() or text
    return text.strip("：:。 ")


@lru_cache(maxsize=1 << 15)
def generic_title(title: str) -> bool:
    """Whether a heading only names a role in the text ("简述", "示例", "参考资料", "小结"), roles
    joined ("已知问题及修复版本"), or a letter of an index ("C", "A-F")."""
    name = clean_title(title)
    if _GENERIC.match(name) or _INDEX_LETTER.fullmatch(name):
        return True
    # roles joined: "已知问题及修复版本", "注意事项与限制"
    parts = [part.strip() for part in _JOINED.split(name)]
    return len(parts) > 1 and all(part and _GENERIC.match(part) for part in parts)


_JOINED = re.compile(r"[及与和、&/]|\band\b")


_INDEX_LETTER = re.compile(r"[A-Za-z](?:\s*[-–~～]\s*[A-Za-z])?")


@lru_cache(maxsize=1 << 15)
def core_term(title: str) -> str:
    """What a heading names: "什么是 Pod" → "Pod", "Deployment 简介" → "Deployment"."""
    text = _ABOUT_TAIL.sub("", _WHAT_IS.sub("", clean_title(title))).strip()
    return text


@lru_cache(maxsize=1 << 15)
def term_title(title: str) -> str:
    """The term a heading names, or "" when it is a phrase, a question, an instruction or a role
    ("工作原理": what is left of it, 工作, is no term)."""
    if _role_title(title):
        return ""
    term = core_term(title)
    if not term or len(term) > _MAX_TITLE or len(normalize(term)) < 2 or _NOT_TERM.search(term):
        return ""
    if generic_title(term) or term.count(" ") > 3 or "的" in term or ROLE_END.search(term):
        return ""
    return term


@lru_cache(maxsize=1 << 15)
def option_title(title: str, most: int = _OPTION_TITLE) -> str:
    """A heading as an option naming a section: without its number, short (``most`` characters at
    most), not a role alone, not a sentence; "" otherwise."""
    name = _WHAT_IS.sub("", clean_title(title)).strip()
    if not name or len(name) > most or generic_title(name) or _PUNCTUATION.search(name):
        return ""
    if _GENERIC.match(_ABOUT_TAIL.sub("", name)) or not _ABOUT_TAIL.sub("", name):
        return ""  # "基本概念", "核心概念": a role
    return name


_ROLE_REST = 2  # Chinese characters left of a role-ended heading that name no thing ("架构简介")


@lru_cache(maxsize=1 << 15)
def _role_title(title: str) -> bool:
    """Whether a heading names only a role or an aspect, no thing: "简介", "架构简介", "启动与验证",
    "实践概览" — not "Flannel原理" or "容器组管理", whose names are the point."""
    name = clean_title(title)
    if not name or generic_title(name):
        return True
    ended = ROLE_END.search(name)
    if not ended:
        return False
    rest = name[: ended.start()].strip().rstrip("与和及的、 ")
    return not rest or generic_title(rest) or bool(ROLE_END.fullmatch(rest)) or (
        not re.search(r"[A-Za-z0-9]", rest) and len(rest) <= _ROLE_REST
    )


def role_only(topic: str) -> bool:
    """Whether a topic a question names says nothing of what it is about: none, or only headings
    that name a role ("架构简介", "启动与验证"): the question then does not stand alone."""
    return all(_role_title(t) for t in topic.split(texts.SECTION_PATH_SEPARATOR)) if topic else True


def topic_of(section: tuple[str, ...], avoid: Iterable[str] = (), pieces: Iterable[str] = ()) -> str:
    """The topic a question names: the last headings of the path (without numbers and roles such
    as "简述"), none that holds a word to avoid (the answer: what stands below it is left out too)
    or a piece of one (that heading alone left out); "" when nothing is left."""
    avoid = tuple(avoid)
    avoided = [normalize(a) for a in avoid if len(normalize(a)) >= 2]
    translated = [renderings_of_parts(a) for a in avoid if a.isascii()]
    parts = [normalize(a) for a in pieces if len(normalize(a)) >= 2]
    kept: list[str] = []
    for title in reversed(section):
        name = clean_title(title)
        if not name or generic_title(name):
            continue
        where = normalize(name)
        if any(a in where for a in avoided) or any(_says_in_chinese(where, words) for words in translated):
            kept.clear()  # the heading names the answer: only what stands above it can be said
            continue
        if any(a in where for a in parts):
            continue  # it shares a word with the answer: said without it
        if kept and normalize(kept[0]) == where:
            continue  # "Service › Service": said once
        if len(kept) < _TOPIC_TITLES:
            kept.insert(0, name)
        elif not avoided:
            break
    label = texts.SECTION_PATH_SEPARATOR.join(kept)
    while len(label) > _TOPIC_CHARS and len(kept) > 1:
        kept.pop(0)
        label = texts.SECTION_PATH_SEPARATOR.join(kept)
    return label if len(label) <= _TOPIC_CHARS else ""


_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


@lru_cache(maxsize=1 << 14)
def renderings_of_parts(name: str) -> tuple[tuple[str, ...], ...]:
    """For each English word a Latin name is written of (ContainerStopSignals: container, stop,
    signals), its Chinese renderings of two characters or more."""
    words = [w.casefold() for w in _PART.findall(name) if len(w) >= 3]
    return tuple(tuple(normalize(r) for r in renderings(w) if len(normalize(r)) >= 2) for w in words)


def _says_in_chinese(heading: str, words: tuple[tuple[str, ...], ...]) -> bool:
    """Whether a heading holds the renderings of two words of a name or more ("容器终止信号配置" of
    ContainerStopSignals): it names the name in Chinese."""
    return sum(any(r in heading for r in forms) for forms in words) >= 2


_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*")

# The file that names its folder (the folder's own title, the parent of the others).
FOLDER_FILE = re.compile(r"^(?:readme|index|_index)\.md$", re.I)


@dataclass(frozen=True)
class Node:
    """A heading in the outline, with the passages directly under it."""

    section: Section
    parent: tuple[str, tuple[str, ...]] | None  # the key of its parent node; None at the top
    passages: tuple[Passage, ...]

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        return (self.section.file, self.section.path)

    @property
    def title(self) -> str:
        return self.section.path[-1]


class Outline:
    """The headings of all the notes as one tree: in a file, a heading's parent is the heading above
    it; a file's top headings hang under their folder, so the files of one folder are siblings."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        under: dict[tuple[str, tuple[str, ...]], list[Passage]] = {}
        for passage in corpus.passages:
            under.setdefault((passage.file, passage.section), []).append(passage)
        paths: dict[tuple[str, tuple[str, ...]], Section] = {}
        for section in corpus.sections:
            paths.setdefault((section.file, section.path), section)
        for passage in corpus.passages:  # a bold label alone on its line heads a section too
            for depth in range(1, len(passage.section) + 1):
                key = (passage.file, passage.section[:depth])
                if key not in paths:
                    paths[key] = Section(passage.section[:depth], passage.file, passage.line, 7, True)
        nodes: dict[tuple[str, tuple[str, ...]], Node] = {}
        for key, section in paths.items():
            file, path = key
            parent = (file, path[:-1]) if len(path) > 1 else ("folder:" + posixpath.dirname(file), ())
            nodes[key] = Node(section, parent, tuple(under.get(key, ())))
        self.nodes = nodes
        children: dict[tuple[str, tuple[str, ...]], list[Node]] = {}
        for node in sorted(nodes.values(), key=lambda n: (n.section.file, n.section.line, len(n.section.path))):
            if node.parent is not None and not (node.parent[0].startswith("folder:") and FOLDER_FILE.match(posixpath.basename(node.section.file))):
                children.setdefault(node.parent, []).append(node)
        self.children = children

    def node(self, file: str, path: tuple[str, ...]) -> Node | None:
        return self.nodes.get((file, path))

    def siblings(self, node: Node) -> list[Node]:
        """The headings beside this one: same parent, other titles (a folder's README names the
        folder: it is no sibling of the folder's files)."""
        own = normalize(node.title)
        return [n for n in self.children.get(node.parent, []) if n is not node and normalize(n.title) != own] if node.parent else []

    def names_several(self, node: Node) -> bool:
        """Whether a heading of Latin names heads a section for each of them ("CentOS Fedora" over
        "CentOS 系统简介" and "Fedora 系统简介"): it groups things, it names none of them."""
        words = clean_title(node.title).split()
        if len(words) < 2 or not all(_LATIN_NAME.fullmatch(w) for w in words):
            return False
        below = [clean_title(child.title).casefold() for child in self.children.get(node.key, [])]
        return all(any(title.startswith(w.casefold()) for title in below) for w in words)

    def parent_path(self, node: Node) -> tuple[str, ...]:
        """The heading path above the node; for a file's top heading, the folder's own title (its
        README's top heading) when it has one."""
        if node.section.path[:-1]:
            return node.section.path[:-1]
        folder = posixpath.dirname(node.section.file)
        return self.folder_titles.get(folder, ())

    @cached_property
    def folder_titles(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for section in self.corpus.sections:
            name = posixpath.basename(section.file).casefold()
            if FOLDER_FILE.match(name) and len(section.path) == 1:
                found.setdefault(posixpath.dirname(section.file), section.path)
        return found

    def opening(self, node: Node) -> Passage | None:
        """The first paragraph that opens the heading's text (hidden passages skipped: a note on
        versions before it): directly under it, or under its first sub-heading when that only
        names a role ("## 简述")."""
        return next(iter(self.openings(node)), None)

    def openings(self, node: Node, most: int = 2) -> list[Passage]:
        """The first paragraphs of the heading's text (see opening), at most ``most`` of them."""
        own = [p for p in node.passages if p.kind != "gated"]
        if not own:
            for child in self.children.get(node.key, [])[:1]:
                if generic_title(child.title):
                    own = [p for p in child.passages if p.kind != "gated"]
        found: list[Passage] = []
        for passage in own[:most]:
            if passage.kind not in ("paragraph", "quote"):
                break
            found.append(passage)
        return found
