"""What no item is made from, on any notes: text about the text, pointers, promotions, sample data.

A teacher asks about the subject, never about the book (its chapters, its readers, where to buy
it), never about what only points elsewhere (a table of contents, a reference list), never about
sample output (a command's result table) and never about release or end-of-support dates. The
gates work from the structure and wording every author uses; they hide such passages and
sentences from the generators (the passages keep their places, so ids and positions stay).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Mapping

from bot.notes.corpus import Corpus, Passage
from bot.quiz.outline import clean_title
from bot.quiz.text import sentences

__all__ = ["GATED", "askable", "data_like", "gate_corpus", "meta_sentence", "release_sentence", "sample_table", "undated"]

GATED = "gated"  # the kind a hidden passage gets

# Sections that hold no subject matter: pointers, credits, the book's own history, recaps (the
# chapters say it first, and better).
_META_SECTION = re.compile(
    r"^(?:目录|参考|参考资料|参考文档|参考文献|参考链接|参考阅读|相关资源|相关文档|相关阅读|学习资源|"
    r"延伸阅读|扩展阅读|推荐阅读|进一步阅读|更多阅读|更多资料|更多资源|阅读材料|相关链接|友情链接|"
    r"在线阅读|项目源码|源码|源代码|下载|获取|致谢|鸣谢|感谢|贡献|贡献者|如何贡献|参与贡献|贡献指南|赞助|赞助商|捐赠|"
    r"版权|版权声明|许可|许可证|授权|授权协议|license|联系|联系方式|联系作者|关于作者|作者|关于本书|关于|"
    r"更新日志|更新记录|变更记录|修订记录|版本历史|版本记录|本书版本更新记录|发行说明|发布说明|changelog|release notes|"
    r"微信公众号|公众号|交流群|社区|讨论|反馈|小结|总结|本章小结|本节小结|章节小结|回顾|要点回顾|本章要点|"
    r"summary|recap|references?|further reading|see also|links|resources|acknowledge?ments?|credits|contributors?|"
    r"contributing|license|about|toc|table of contents|navigation|章节内容导航|内容导航|章节导航|导航|本章内容|本章导读|"
    r"学习目标|本章学习目标|本节学习目标|本章目标|本节目标|学习要点|阅读指南|阅读建议|如何阅读|适合读者|读者对象|前置知识)$",
    re.I,
)
# A file that only lists the others (a book's table of contents).
_META_FILE = re.compile(r"^(?:summary|_sidebar|sidebar|toc|contents|changelog|contributing|license|authors?)\.md$", re.I)

# Sentences about the text itself, its readers or its author, and pointers to pictures or pages.
_META = re.compile(
    r"本书|本章|本节|本小节|本部分|本实验|本文|本篇|本教程|本指南|本手册|本系列|本仓库|本项目|笔者|读者|该教程|此教程|章节|"
    r"上一章|下一章|上一节|下一节|前一章|后一章|前几章|后续章节|后面的章节|前面的章节|上文|下文|后文|前文|"
    r"第\s*[\d一二三四五六七八九十]+\s*(?:[~～\-–至到]\s*[\d一二三四五六七八九十]+\s*)?[章节]|"  # "第 18 ~ 21 章重点讨论…": the book's layout
    r"接下来|下面(?:我们|将|就|来|开始|介绍|看看|简单)|我们(?:将|会|先|再|来)(?:介绍|学习|讲|看|了解|演示)|^来看|让我们|"
    r"如下图|见下图|如图|上图|下图|图中|示意图|截图|见这里|见下文|如下所示|本例|上例|此例|该例|本示例|示例中|例子中|"
    r"欢迎|感谢|致谢|请参考|可参考|可以参考|参考文档|参考资料|参见|详见|请见|请看|请到|请参阅|请访问|点击|网址|官网地址|下载地址|"
    r"\bsee\b|\brefer to\b|\bclick\b|\bthis (?:book|chapter|section|guide)\b",
    re.I,
)
# Promotions and solicitations: a passage holding one is no subject matter at all.
_PROMOTION = re.compile(
    r"购买|京东|当当|淘宝|天猫|亚马逊|优惠|折扣|限时|售价|扫码|扫一扫|二维码|公众号|微信群|QQ群|交流群|加群|打赏|捐赠|"
    r"赞助|广告|培训班|训练营|出版社|新书|签名版|"
    r"\bstar\b|\bsponsor|\bdonat|\bsubscribe\b|\bbuy\b",
    re.I,
)
# A sentence dating a release, a version or the end of support: trivia a teacher never asks.
_RELEASE_WORD = re.compile(
    r"发布|推出|发行|上线|面世|问世|诞生|开源|成立|创立|创办|改名|更名|收购|停止支持|停止维护|终止支持|结束支持|支持周期|生命周期|EOL|弃用|废弃|"
    r"移除|删除|过期|退役|升级到|更新到|引入|加入|新增|开始支持|起支持|正式支持|默认启用|默认开启|GA|Beta|Alpha|Stable|"
    r"release|deprecat|remov|introduc|support|"
    r"(?:版本|版)\s*(?:开始|起|以后|之后|以上|以前|之前|中|后)",
    re.I,
)
_VERSION_OR_DATE = re.compile(
    r"(?<![A-Za-z0-9_.])v?\d+\.\d+(?:\.\d+)?(?![A-Za-z0-9_.])|(?:19|20)\d{2}\s*年|(?<!\d)(?:19|20)\d{2}[-/.]\d{1,2}|(?<![A-Za-z0-9_.])(?:19|20)\d{2}(?![A-Za-z0-9_.])"
)
_VERSIONS = re.compile(r"(?<![A-Za-z0-9_.])v?\d+\.\d+(?:\.\d+)?\+?(?![A-Za-z0-9_.])")
# A version that is part of a licence's name: "Apache 2.0协议", "GPL 3.0 License".
_LICENCE = re.compile(r"v?\d+(?:\.\d+)+\s*(?:协议|许可证?|授权|license)", re.I)
_MATURITY = re.compile(
    # (letters beside it, not \b: a Chinese character is a word character too, "在Alpha阶段")
    r"(?<![A-Za-z])(?:alpha|beta|GA)(?![A-Za-z])|实验阶段|实验性|预览版|稳定版|正式版|Stable(?![A-Za-z])|"
    r"停止更新|停止维护|不再维护|不再更新|停更|已废弃|已弃用|被废弃|被弃用|EOL(?![A-Za-z])|生命周期结束|已退役|end of life|deprecated|"
    r"结束(?:所有|全部)?(?:的)?支持|停止(?:所有)?(?:支持|服务)|已(?:于[^，。]{0,16})?(?:关闭|下线|停用|退役|停服)",
    re.I,
)
# A table about versions or dates, or one that shows a command's output.
_VERSION_TABLE = re.compile(r"版本|version|发布|release|日期|date|EOL|生命周期|支持期|维护期", re.I)
_SAMPLE_CAPTION = re.compile(r"(?:输出|结果|返回|打印|显示)(?:如下|为|类似|大致|：|:)|(?:如下|以下)(?:输出|结果)|示例数据|样例数据|实测|测试数据|测试结果|基准测试|sample (?:data|output)|output|benchmark", re.I)
_DATA_CELL = re.compile(
    r"^(?:[-+]?\d[\d,.]*\s*(?:%|[KMGTP]i?B|[kmg]?b|ms|s|m|h|d|秒|分钟?|小时|天|个|次|倍|核|MB/s)?"
    r"|v\d+(?:\.[\dx]+)*\+?|v?\d+(?:\.[\dx]+)+\s*[-~–]\s*v?\d+(?:\.[\dx]+)*"  # a version, a range of them
    r"|[0-9a-f]{7,}|(?:\d{1,3}\.){3}\d{1,3}(?:[:/]\d+)?|\d{1,5}/(?:tcp|udp)|\d{2}:\d{2}(?::\d{2})?"
    r"|(?:19|20)\d{2}[-/.]\d{1,2}(?:[-/.]\d{1,2})?.*|<none>|none|null|true|false|yes|no|-|—|/)$",
    re.I,
)
_UPPER_HEADER = re.compile(r"^[A-Z][A-Z0-9 _\-()/]*$")
# A bracketed date or version: "（2004年发布）", "(v1.33.0 Stable)".
_DATED_ASIDE = re.compile(r"\s*[（(]([^（）()]*(?:(?:19|20)\d{2}|(?<![A-Za-z0-9_.])v?\d+\.\d+)[^（）()]*)[）)]")
_BARE_DATE = re.compile(r"^\s*(?:约|大约)?\s*(?:(?:19|20)\d{2}\s*年?(?:左右|前后)?|v?\d+\.\d+(?:\.\d+)?\+?)\s*$", re.I)
# A quote's attribution line ("—— 某人", "——《某书》").
_ATTRIBUTION = re.compile(r"(?:^|\s)(?:——|--|—)\s*\S{1,30}\s*$")


def data_like(text: str) -> bool:
    """Whether a table cell is a value of sample data: a number, an id, an address, a date."""
    return bool(_DATA_CELL.match(text.strip()))


def meta_sentence(sentence: str) -> bool:
    """Whether a sentence speaks of the text itself, its readers, pictures or other pages."""
    return bool(_META.search(sentence))


def release_sentence(sentence: str) -> bool:
    """Whether a sentence dates a release, a version or the end of support, or says how mature a
    feature is ("还只在Alpha阶段")."""
    if _MATURITY.search(sentence) or len(_VERSIONS.findall(_LICENCE.sub(" ", sentence))) >= 2:
        return True  # "推荐 Linux 5.19+，最佳体验需要 6.3+": which versions, trivia
    # Both in one clause: "该项目已经加入Linux基金会，遵循Apache 2.0协议" joins a foundation and
    # names a licence; "后来0.9版本开始…" dates a change.
    for clause in re.split(r"[，,；;。：:]", _LICENCE.sub(" ", sentence)):
        if _VERSION_OR_DATE.search(clause) and _RELEASE_WORD.search(clause):
            return True
    return False


_CLAUSE = re.compile(r"[^，,；;]+[，,；;]?")
# What cannot open a statement: a predicate whose subject a dropped clause held, a word leaning on it.
_NO_OPENING = re.compile(
    r"^(?:用于|用来|可以|可|能够|能|支持|提供|负责|允许|适用于|适合|是|为|即|并|且|而|但|也|还|又|它|其|该|此|这|假设|假如|如果|若|当|要是|为了|"
    r"采用|使用|通过|具有|拥有|包括|包含|成为|已经|已|目前|现在|后来|随后|之后|此后|从此|同时|并且|以及)"
)


# A dated clause that scopes the rest: "在 v1.10 及更早版本中", "从 2.8 开始", "自 2019 年起".
_SCOPE = re.compile(r"^(?:在|从|自|于|截至|直到|到)|(?:中|里|起|开始|以来|以后|之后|以前|之前|后|前|时)$")


def undated(sentence: str) -> str:
    """A release sentence without the clauses dating it at its start or its end, when what is left
    names its own subject ("Kubernetes 在 1.3 引入了 Network Policy，Network Policy 提供了基于策略的
    网络控制…" keeps what Network Policy does); "" when nothing such is left."""
    clauses = _CLAUSE.findall(sentence.strip().rstrip("。.！!"))
    dated = [release_sentence(clause) for clause in clauses]
    if all(dated):
        return ""
    first = dated.index(False)
    last = len(dated) - dated[::-1].index(False)
    kept = "".join(clauses[first:last]).strip().rstrip("，,；; ")
    if any(dated[first:last]) or _NO_OPENING.match(kept):
        return ""
    if first and _SCOPE.search(clauses[first - 1].strip().rstrip("，,；; ")):
        return ""  # "在 v1.10 及更早版本中，…": what follows held then, not now
    return kept + "。"


# A section of release notes: "Kubernetes 1.33 新特性", "Gateway API v1.3.0 新特性", "What's new".
_RELEASE_NOTES = re.compile(r"新特性|新功能|新增功能|新版本|更新说明|版本说明|what'?s new|release", re.I)
_HAS_VERSION = re.compile(r"(?<![A-Za-z0-9_.])v?\d+\.\d+")


# Words that make any heading holding them a pointer elsewhere or advice on studying.
_META_WORDS = re.compile(
    r"学习资源|资源推荐|推荐资源|参考资料|参考文献|参考链接|延伸阅读|扩展阅读|推荐阅读|学习建议|学习路线|学习路径|"
    r"相关链接|更新日志|版本历史|变更记录|已停止服务|停止维护|further reading|references"
    , re.I,
)


# A section of what to have ready before a walkthrough ("系统要求", "前提条件", "事前准备"): the
# versions, accounts and tools of one setup, trivia a teacher does not ask.
_PREREQUISITES = re.compile(
    r"(?:系统|环境|硬件|软件|安装)?(?:要求|需求)|前提(?:条件)?|先决条件|(?:预先|事前|事先|环境)?准备(?:工作|资讯|事项)?|"
    r"prerequisites?|requirements",
    re.I,
)


def _meta_section(section: tuple[str, ...]) -> bool:
    return any(
        _META_SECTION.match(clean_title(title))
        or _PREREQUISITES.fullmatch(clean_title(title).strip())
        or _META_WORDS.search(title)
        or _RELEASE_NOTES.search(title) and _HAS_VERSION.search(title)
        for title in section
    )


def _row_cells(passage: Passage) -> tuple[str, list[tuple[str, str]]]:
    """A table row's label and (column, cell) pairs, as the parser wrote them."""
    label, sep, rest = passage.text.partition(" — ")
    if not sep:
        return "", [("", cell.strip()) for cell in passage.text.split("；")]
    pairs = []
    for part in rest.split("；"):
        column, _, cell = part.partition("：")
        pairs.append((column.strip(), cell.strip()))
    return label.strip(), pairs


def sample_table(rows: list[Passage]) -> bool:
    """Whether the rows are sample data or a result rather than knowledge: a command's output
    (upper-case column names such as NAME, STATUS), a table introduced as an output or result,
    a table mostly of numbers, ids, addresses and dates, or one about versions and dates."""
    if not rows:
        return False
    first = rows[0]
    parsed = [_row_cells(row) for row in rows]
    columns = [c for c, _ in parsed[0][1] if c]
    if len(columns) >= 2 and all(_UPPER_HEADER.match(c) for c in columns) and any(len(c) >= 4 for c in columns):
        return True  # NAME, READY, STATUS: a command's output
    caption = first.context
    if caption and _SAMPLE_CAPTION.search(caption) and len(caption) <= 60:
        return True
    if any(_VERSION_TABLE.search(c) or _HAS_VERSION.match(c.strip()) for c in columns):
        return True  # a table of versions, or one whose columns are versions
    cells = [cell for label, pairs in parsed for cell in [label, *(v for _, v in pairs)] if cell]
    data = sum(data_like(cell) for cell in cells)
    return bool(cells) and data * 2 >= len(cells)


def _tables(passages: Iterable[Passage]) -> list[list[Passage]]:
    runs: list[list[Passage]] = []
    for passage in passages:
        if passage.kind != "table_row":
            continue
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and last.file == passage.file
            and last.section == passage.section
            and last.context == passage.context
            and passage.id == last.id + 1
        ):
            runs[-1].append(passage)
        else:
            runs.append([passage])
    return runs


def askable(passage: Passage) -> bool:
    """Whether items may be made from the passage at all (before its sentences are looked at)."""
    if passage.kind == GATED:
        return False
    if _META_FILE.match(posixpath.basename(passage.file)) or _meta_section(passage.section):
        return False
    if _PROMOTION.search(passage.text):
        return False
    return True


def _kept_text(passage: Passage) -> str:
    """The passage without its sentences about the text itself and its release dates."""
    if passage.kind in ("code", "table", "table_row", "list"):
        return passage.text
    if not re.search(r"\d", passage.text) and not _META.search(passage.text) and not _MATURITY.search(passage.text):
        return passage.text  # nothing to take out (most passages): no need to split it
    text = _DATED_ASIDE.sub(lambda m: "" if _BARE_DATE.match(m.group(1)) or release_sentence(m.group(1)) else m.group(0), passage.text)
    said = sentences(text) or [text]
    kept = [s if not release_sentence(s) else undated(s) for s in said if not meta_sentence(s)]
    kept = [s for s in kept if s]
    if kept == said and text == passage.text:
        return passage.text
    text = "".join(kept).strip()
    return text if not _ATTRIBUTION.fullmatch(text) else ""


# A list item that opens with a link: an entry of a table of contents or of a reading list.
_LINK_ITEM = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\*\*|__)?\[[^\]]+\]\([^)]*\)")


def _pointer(passage: Passage, files: Mapping[str, str], lines: dict[str, list[str]]) -> bool:
    """Whether the passage is a list item opening with a link (read from its Markdown line)."""
    if passage.kind != "list_item" or passage.file not in files:
        return False
    found = lines.setdefault(passage.file, files[passage.file].splitlines())
    return 0 < passage.line <= len(found) and bool(_LINK_ITEM.match(found[passage.line - 1]))


def gate_corpus(
    corpus: Corpus, hidden_lines: Mapping[str, set[int]] | None = None, files: Mapping[str, str] | None = None
) -> Corpus:
    """The corpus as the generators see it: gated passages hidden (their kind becomes GATED), the
    other passages without their meta and release sentences. ``hidden_lines`` (file → line
    numbers) hides passages that start on such lines too (the notes' own flashcards); given the
    Markdown text (``files``), list items that open with a link are hidden as well; a passage made
    of others goes with any of its parts."""
    hidden_lines = hidden_lines or {}
    files = files or {}
    lines: dict[str, list[str]] = {}
    sample_rows = {row.id for rows in _tables(corpus.passages) if sample_table(rows) for row in rows}
    hidden = {
        passage.id
        for passage in corpus.passages
        if not askable(passage)
        or passage.id in sample_rows
        or passage.line in hidden_lines.get(passage.file, ())
        or _pointer(passage, files, lines)
    }
    passages = []
    for passage in corpus.passages:
        # a passage made of others (a whole list, a section) is hidden with any part of it
        hide = passage.id in hidden or any(part in hidden for part in passage.parts)
        text = passage.text if hide else _kept_text(passage)
        if hide or not text:
            passages.append(dataclasses.replace(passage, kind=GATED))
        elif text != passage.text:
            passages.append(dataclasses.replace(passage, text=text))
        else:
            passages.append(passage)
    return dataclasses.replace(corpus, passages=tuple(passages))
