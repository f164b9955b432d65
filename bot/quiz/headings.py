"""Items from the headings every author writes: a heading's term and the sentence that opens its
section, and which section a statement of the notes belongs to, its sibling sections as wrong answers.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.item import Draft, quoted
from bot.quiz.outline import Node, option_title, term_title, topic_of
from bot.quiz.shape import own_part
from bot.quiz.terms import label_of
from bot.quiz.succession import succeeds
from bot.quiz.text import CJK, common_suffix, fill, normalize, says_enough, sentences, strip_asides, unjoin
from bot.quiz.view import NotesView, signs
from bot.search.glossary import translations

__all__ = [
    "Defined", "best_statement", "blank_term", "defined_headings", "heading_drafts", "leans", "refers", "standalone", "statement_ok",
    "headed", "one_head", "things_apart", "which_topic_draft",
]

# A sentence that leans on the one before it, or only leads into what follows.
_LEANS = re.compile(
    r"^(?:它们|它|其(?!他|它|实|余|次)|他们|两者|二者|前者|后者|这些|这种|这类|这个|这里|这样|这时|此时|这|该|此|那么|那|"
    r"但是|但|不过|然而|而且|而是|而|所以|因此|因而|于是|同时|另外|此外|并且|并(?!发|行|列|存|集)|也(?!许)|还(?!原)|"
    r"然后|接着|之后|最后|首先|其次|再次|比如|例如|譬如|如下|以下|如(?!果|何|今)|即(?!时|将|使)|或者|或|以及|及(?!时)|和|与|"
    r"对于|至于|上述|上面|前面|上文|前文|下面|下文|当然|显然|其实|事实上|总之|总的来说|综上|另一方面)"
)
# A remark's label ("实践建议：…", "注意：…"): what follows is advice about the text, not a fact.
_REMARK = re.compile(
    r"^[^\w\s]*\s*(?:实践建议|最佳实践|建议|注意|提示|说明|警告|小贴士|贴士|技巧|总结|结论|注|备注|补充|优势|优点|缺点|劣势|不足|特点|"
    r"用途|作用|场景|适用场景|典型服务|典型场景|示例|例如|原因|结果|解决|解决方案|陷阱|误区|常见误区|踩坑|tips?|note|warning|caution)\s*[：:]",
    re.I,
)
# A sentence that ends leading into what follows ("…，比如"), or a list item's number.
_TRAILING_LEAD = re.compile(
    r"(?:比如|例如|如下|以下|包括|包含|譬如|如|为|导致|会导致|是因为|因为|分为|有|注意|步骤|几点|方面|需要"
    # "…只需要运行", "可以执行": the command it leads into stands below it
    r"|(?:只需要?|需要|可以|即可|请|直接)(?:运行|执行|输入|使用|调用|键入))[。；;，,]?$"
)
# A sentence cut off before what it goes on to ("…两部分组成，它们", "…的优点和"): its text ends
# in a pronoun or a joining word with no full stop, and the rest stands in the list below it.
_CUT_OFF = re.compile(r"(?:它们|它|他们|其|这些|这|该|和|与|及|以及|或|或者|并且|而且|但是|但|并|把|将|被|对|从|向|在)$")
# An abbreviation spelled out ("NFS 是 Network File System 的缩写"): trivia, and the initials answer it.
_ABBREVIATION = re.compile(r"缩写|简称|全称|全拼|缩略|首字母|stands for|short for|abbreviat", re.I)
# A path or a file in a sentence ("tools/etcd-dump-logs", "/etc/apt/sources.list"): the name it
# holds would show through a blank, and a path is no fact to learn.
_PATH = re.compile(r"[\w.\-]*/[\w.\-]+/[\w./\-]*|(?<![\w/])/[a-z][\w.\-]*/|\w+\.(?:ya?ml|json|conf|sh|py|go|txt|md|list|toml|ini)\b")
# A sentence pointing at what follows ("增加以下配置") or elsewhere ("见这里"), or a line of a
# "label - text" list.
_POINTS = re.compile(r"以下|如下|下面|下列|这里|以上|上面|上述|见\s*$| - | — ")
# A sentence ending in how many groups there are ("这些控制器可以划分为三组", "分为 4 类"): the
# groups follow it, and asked alone it says only their count.
_COUNTED_GROUPS = re.compile(r"(?:分为|分成|划分为|包括|包含)\s*(?:\d+|[一二三四五六七八九十两几]+)\s*(?:个|组|类|种|部分|大类|方面)[。；;]?$")
_NUMBERED = re.compile(r"^\s*[（(]?\d+[)）.、]")
_URL = re.compile(r"https?://|www\.|\.com\b|\.io\b", re.I)
_CODE_MARKS = re.compile(r"[_=/\\{}<>$|]|(?:^|\s)--?[a-z]")
# Who says it: "Codd这样定义：…", "Hykes认为，…" — who the notes quote is no question.
_ATTRIBUTED = re.compile(r"(?:这样(?:定义|描述|解释|说|写道)|认为|指出|写道|说过|对[^，。：]{1,20}的(?:描述|定义|评价|解释))\s*[：:，,]")
_FIELD = re.compile(r"^[A-Za-z][\w .\-/]{0,24}\s*[：:]")
_DEFINES_OTHER = re.compile(r"^[^，,。]{1,40}?(?:是|为|指)(?:一种|一个|一类|一组|一款|一项)")
_ANSWERS = re.compile(r"^(?:答|A\d*|回答|解答)\s*[：:]")  # an FAQ's answer: asked with its question
# A caption ("图 2-1：…", "Table 3") or a note to the author ("TODO: 补充…"): no statement of the notes.
# A caption, a note to the author, or a tip marked for the reader ("💡 使用 DATABASE_URL…"): advice
# beside the text, not a fact of it.
_NOT_TEXT = re.compile(r"^(?:(?:图|表|Figure|Fig\.?|Table)\s*\d|(?:TODO|FIXME|TBD|XXX)\b|[💡📌👉✨🔥📝⭐])", re.I)
# A lead-in of what must hold first ("在使用 skaffold 之前需要确保", "需要满足以下条件："): its items are
# prerequisites, alike for any tool.
_PREREQUISITES = re.compile(
    r"(?:确保|需要|要求|满足|前提|条件|依赖|准备|准备工作)(?:以下|如下|下列)?(?:几点|条件|内容)?\s*[:：]?\s*$"
    # ... or the steps of using it ("使用方法", "配置步骤"): what to do, anyone's
    r"|^(?:使用|配置|安装|部署|操作)?(?:方法|步骤|用法)(?:如下)?\s*[:：]?\s*$"
)
_MIN_CHARS = 12
_MAX_CHARS = 90
_LATIN_WORDS = re.compile(r"[A-Za-z]+")


# A first clause pointing back ("为避免出现这种问题，…", "在上述场景中，…").
_POINTS_BACK = re.compile(r"^[^，,。；;：:]{0,12}?(?:这种|这个|这些|这类|这样的|上述|前述|前面的|上面的)")


# What the text before it said, named anywhere ("…正是为了解决这些问题").
_SAID_BEFORE = re.compile(r"(?:上边|上面|前面|前文|上文|之前|刚才)(?:提到|说到|讲到|介绍|所说)|(?:这些|这个|这一|这种|这类|这两种|这几种|上述|前述)(?:问题|情况|场景|需求|限制|缺点|不足|方法|方式|步骤|操作|原因|功能|特性)")


# What a learner in a poll cannot see, named anywhere in a sentence: the text around it ("这段描述",
# "上述", "两者"), a thing by a pronoun whose name was left out ("该参数"), or elsewhere ("查看…的
#更多信息", "详见"): such a sentence is no question.
_REFERS = re.compile(
    r"这段|这一段|该段|本段|上述|前述|上文|下文|前文|本文|本节|本章|本书|这一[章节]|这[章节]|两者|二者|前者|后者|"
    r"该(?:参数|值|字段|选项|命令|设置|配置|属性|方法|函数|接口|文件|对象|资源|变量|标志|注解|标签)|"
    r"更多(?:的)?(?:信息|细节|内容|说明|详情)|详见|参见|请参考|请参阅|请查看|见下|下图|上图|如图|"
    r"这些(?:相关)?(?:技术|工具|组件|对象|内容|资源|特性|功能|方法|命令|步骤|问题|情况|场景|概念|项目|应用|参数|选项|字段)"
    # "这三种方式", "这 5 个新的 replica", "这种形式的命令": things counted or named just before,
    # which a poll does not show
    r"|这[一两二三四五六七八九十几]+(?:种|类|个|项|步|条|点|层|部分)|这\s*\d+\s*(?:种|类|个|项|步|条|台|次|份)|这[种类样](?:的)?(?:形式|方式|做法|情况|模式|方法|写法|场景|格式)"
    # "刚才写的 Dockerfile", "上面的例子": what the reader did or saw just before
    r"|刚才|刚刚|上面的|前面的|上边的|前边的|下面的|下边的|前面提到|上一[节步章]|(?:跟|和|与|同)(?:前面|上面|上边|之前)|如前所述|前面所述"
    r"|我们之前|之前我们|我们前面|前面我们|我们刚才"
    # "第七步配置证书": a step of some walkthrough, by its place in it
    r"|第\s*(?:[一二三四五六七八九十]+|\d+)\s*步"
    # "另外一款工具…": another than the one just before
    r"|另外一款|另一款"
)
_ON_TEXT = re.compile(r"这段|这一段|该段|本段|上述|上文|下文|前文|本文|本节|本章|本书")
_TURNS = re.compile(r"^\s*(?:但|而|却|所以|因此|因而|于是|则|并且|并|且)")
# The setup of a worked example ("我们假设 Ingress 运行在 3 个节点上"): what the example supposes,
# not a fact of the subject.
_SUPPOSED = re.compile(r"我们假设|我们假定|假设有|假定有|假设我们|不妨假设")
# How to study a thing, not what it is: "理解 containerd，首先要理清它与 Docker 的关系".
_STUDY = re.compile(r"^(?:要|想要|想)?(?:理解|了解|学习|掌握|弄懂|搞懂)[^，,。；;]{1,30}[，,]\s*(?:首先|先|就|需要|必须|应该|要)")
# Praise, not a fact: "首次…提供了一站式的解决方案", "最受欢迎的…".
_PRAISE = re.compile(r"一站式|革命性|颠覆性|划时代|里程碑式|最受欢迎|最流行|最强大|首次为")


def refers(text: str) -> bool:
    """Whether a sentence names what a poll does not show (see _REFERS)."""
    return bool(_REFERS.search(text))


def standalone(sentence: str) -> str:
    """The sentence as a poll may show it: as it is when it stands alone; without a side clause
    that names what the poll does not show ("如果…，对这段描述的感受会更深，Docker技术就是…" →
    "如果…，Docker技术就是…") when the rest still does; else ""."""
    if statement_ok(sentence):
        return sentence
    pieces = re.split(r"(?<=[，,])", sentence)
    if len(pieces) < 3:
        return ""
    # Only a remark on the text itself ("对这段描述的感受会更深") is a side clause; one naming
    # things said before ("这些相关技术已经成熟") carries the sentence, as does one its next
    # clause turns from ("…，但是…").
    kept = [
        p for i, p in enumerate(pieces)
        if not (0 < i < len(pieces) - 1 and _ON_TEXT.search(p) and not _TURNS.match(pieces[i + 1]))
    ]
    if len(kept) == len(pieces) or refers("".join(kept)):
        return ""
    shorter = "".join(kept)
    return shorter if statement_ok(shorter) else ""


def leans(text: str) -> bool:
    """Whether a sentence leans on the one before it ("它…", "两者…", "但…", "为避免这种问题，…",
    "…正是为了解决这些问题", "Deployment 同时也可以…")."""
    text = text.lstrip("“\"「（(")
    return bool(_LEANS.match(text) or _POINTS_BACK.match(text) or _SAID_BEFORE.search(text) or _ALSO.match(text))


# "Deployment 同时也可以确保…": its subject, then what it does besides what the sentence before said.
_ALSO = re.compile(r"^[^，,。；;：:]{1,24}?(?:同时也|同时还|同样也|也同样|此外还|另外还|除此之外)")


@lru_cache(maxsize=1 << 16)
def statement_ok(sentence: str) -> bool:
    """Whether a sentence stands alone as a statement of the notes: long enough, not a question,
    not a lead-in, not leaning on the sentence before it."""
    text = sentence.strip()
    size = len(normalize(text))
    if not _MIN_CHARS <= size <= _MAX_CHARS:
        return False
    if text.rstrip("。；;").endswith(("：", ":", "？", "?")) or "?" in text or "？" in text:
        return False
    if refers(text) or _PRAISE.search(text) or _SUPPOSED.search(text) or _STUDY.match(text):
        return False
    if leans(text) or texts.QUIZ_BLANK in text or _ANSWERS.match(text) or _ATTRIBUTED.search(text) or _REMARK.match(text):
        return False
    if _TRAILING_LEAD.search(text) or _CUT_OFF.search(text) or _NUMBERED.match(text) or _URL.search(text) or _POINTS.search(text) \
            or _COUNTED_GROUPS.search(text):
        return False
    if _ABBREVIATION.search(text) or _PATH.search(text) or _NOT_TEXT.match(text):
        return False
    if len(CJK.findall(text)) >= 6:
        return True
    return len(_LATIN_WORDS.findall(text)) >= 8 and not _CODE_MARKS.search(text) and ":" not in text


def _script(term: str) -> bool:
    """The kind of writing a term is in: with Chinese (True) or Latin only (False)."""
    return bool(CJK.search(term))


@dataclass(frozen=True)
class Defined:
    """A term a heading names, with the sentence that opens its section and defines it."""

    term: str
    node: Node
    passage: Passage
    sentence: str  # as the notes say it
    rest: str  # the sentence after the term ("为 Pod 和 ReplicaSet 提供了…")


_OPENERS = re.compile(r"^(?:所谓|什么是)?\s*")
_ASIDE_AFTER = re.compile(r"^\s*[（(][^（）()]{0,60}[）)]")
_EMPTY_REST = re.compile(r"^[\s，,、：:]*$")


def _defines(term: str, sentence: str) -> str:
    """What a sentence says of the term it opens with ("Deployment 为 Pod…" → "为 Pod…"); ""
    when it does not open with the term."""
    text = _OPENERS.sub("", sentence.lstrip("“\"「*"))
    if not normalize(text).startswith(normalize(term)):
        return ""
    # Find where the term ends in the text as written (spaces and case may differ).
    wanted, taken, end = normalize(term), "", 0
    for index, char in enumerate(text):
        if len(taken) >= len(wanted):
            break
        if normalize(char):
            taken += normalize(char)
        end = index + 1
    rest = text[end:]
    if rest[:1].isalnum() and rest[:1].isascii() and term[-1:].isascii():
        return ""  # "Pod" in "PodPreset": a longer word
    rest = _ASIDE_AFTER.sub("", rest).lstrip("”\"」* ")
    return "" if _EMPTY_REST.match(rest) else rest


def defined_headings(view: NotesView) -> list[Defined]:
    """Every heading whose term opens the first sentence of its section (computed once a view)."""
    cache = view.__dict__.setdefault("_defined_headings", [])
    if cache:
        return cache[0]
    found: list[Defined] = []
    for node in view.outline.nodes.values():
        # The heading's term; or the name the opening sentence defines ("Kubeflow 是…" under
        # "Tensorflow"); the first of the first two sentences of its first paragraphs that does.
        for opening in view.outline.openings(node):
            entry = next(
                (e for s in sentences(unjoin(opening.text))[:2] for e in [_defining(node, opening, s, view)] if e is not None),
                None,
            )
            if entry is not None:
                found.append(entry)
                break
    cache.append(found)
    return found


def _defining(node: Node, opening: Passage, sentence: str, view: NotesView) -> Defined | None:
    """The term this sentence of the section's opening defines, if it opens with one: the heading's
    term, the heading's term under its other name ("本地数据卷（Local Volume）…" under
    LocalVolume), or a Latin name it defines."""
    term = term_title(node.title)
    rest = _defines(term, sentence) if term else ""
    if not rest and term:
        aliased = _ALIASED.match(sentence)
        if aliased and normalize(term) in (normalize(aliased.group(1)), normalize(aliased.group(2))):
            rest = sentence[aliased.end() :].lstrip(" ，,")  # both names are left out of the question
    if not rest:
        named = _DEFINED_NAME.match(sentence)
        term = named.group(1).strip() if named else ""
        rest = _defines(term, sentence) if term else ""
    if rest and statement_ok(sentence) and view.rare(rest) - signs(term):
        return Defined(term, node, opening, sentence, rest)
    return None


# "本地数据卷（Local Volume）…": a term with its other name in brackets, at the sentence's start.
_ALIASED = re.compile(r"^([^（(，,。]{2,16}?)\s*[（(]\s*([^（）()]{2,40}?)\s*[）)]")
# A Latin name defined by the sentence it opens: "Frakti是一个基于…的运行时".
_DEFINED_NAME = re.compile(r"^([A-Z][A-Za-z0-9.+\-]*(?: [A-Z][A-Za-z0-9.+\-]*){0,2})\s*(?:是|为)(?:一个|一种|一款|一套|一组)")


def _blank_term(sentence: str, term: str) -> str:
    """The sentence with every mention of the term left blank: a Latin one as a whole word only
    (not "finalizer" in "metadata.finalizers", which then tells the answer: no item)."""
    body = re.escape(term).replace(r"\ ", r"\s*")
    if not CJK.search(term):
        body = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", r"\\s?", body)  # "NetworkPolicy" written "Network Policy"
        body = rf"(?<![A-Za-z0-9_\-]){body}(?![A-Za-z0-9_\-])"
    return re.sub(body, texts.QUIZ_BLANK, sentence, flags=re.I)


def heading_drafts(view: NotesView) -> Iterator[Draft]:
    yield from _definition_drafts(view)
    yield from _topic_drafts(view)


def _definition_drafts(view: NotesView) -> Iterator[Draft]:
    """Which term does this opening sentence define? Wrong answers: the terms of sibling headings
    written alike (Latin names among Latin names) only; a neighbouring file's or chapter's headings
    are of any kind (K3s and CentOS beside Prometheus)."""
    outline = view.outline
    defined = defined_headings(view)
    named = {d.node.key: d.term for d in defined}  # each section's term, as its opening defines it
    for entry in defined:
        node = entry.node
        siblings = [
            named.get(s.key) or term_title(s.title) for s in outline.siblings(node) if view.node_passages(s) and not outline.names_several(s)
        ]
        alike = _script(entry.term)
        kin = tuple(t for t in siblings if t and _script(t) == alike)
        family = one_head((entry.term, *kin))
        if entry.term not in family:
            continue  # the others are things of one kind the term is not (死锁排查 beside 乐观锁, 悲观锁 …)
        if len(family) == len(kin) + 1:
            if odd_head(entry.term, list(kin)):
                continue
            family = (entry.term, *same_head(entry.term, list(kin)))  # 协商缓存 beside 强缓存, not "Cache-Control 常用指令"
        # (not a term the notes say takes this one's place: what is said of it may hold of that one)
        kin = tuple(t for t in family if t != entry.term and not succeeds(t, entry.term, view))
        if alike and not headed(family):
            continue
        if not kin or not says_enough(entry.rest):
            continue  # "____主要由三个命令组成" tells no term from another
        # The term's English gloss beside it would answer the question: the blank stands alone.
        description = texts.QUIZ_BLANK + _blank_term(entry.rest.rstrip("。；;"), entry.term)
        yield Draft(
            kind="definition",
            question=fill(texts.QUIZ_DEFINITION_PLAIN, description=description.translate(texts.QUIZ_NESTED_QUOTES)),
            answer=entry.term,
            tiers=(kin,),
            why=quoted(entry.passage, entry.sentence[:20]),
            passage=entry.passage,
            anchor=entry.sentence,
            topic=topic_of(outline.parent_path(node), (entry.term,)),
        )


_PER_PARENT = 3  # "which section" items under one heading: more would ask its table of contents


def _topic_drafts(view: NotesView) -> Iterator[Draft]:
    """Which section a statement belongs to: a sentence of the section that the section's other
    text speaks to, and no sibling section does; its title and the siblings' titles as options."""
    outline = view.outline
    openings = {normalize(d.sentence) for d in defined_headings(view)}
    for parent_key, children in outline.children.items():
        titled = _parallel([
            (c, t) for c in children if view.node_passages(c) and not outline.names_several(c) for t in [option_title(c.title)] if t
        ])
        if len({normalize(t) for _, t in titled}) < 3:
            continue
        made = 0
        for node, title in titled:
            if made >= _PER_PARENT:
                break
            # Terms of one kind: written alike (Latin names among Latin names), none another's
            # translation ("Failed Deployment" beside "操作失败的 Deployment").
            others = [
                (c, t) for c, t in titled
                if c is not node and normalize(t) != normalize(title) and _script(t) == _script(title)
            ]
            kept = same_head(title, [t for _, t in others])
            if odd_head(title, [t for _, t in others]):
                continue  # 安全工具 beside 集群安全 and 传输安全: the answer is of another kind
            others = [(c, t) for c, t in others if t in kept]
            if len(others) < 2 or any(_translates(a, b) for a, b in itertools.combinations([title, *(t for _, t in others)], 2)):
                continue
            if not things_apart([title, *(t for _, t in others)]):
                continue  # "集群安全 / 镜像安全", "API 版本 / 故障恢复": aspects, whose sentences any of them may hold
            best = _statement(view, node, title, others, openings)
            if best is None:
                continue
            made += 1
            yield which_topic_draft("topic", best, title, others, topic_of(outline.parent_path(node), (title,)))


# A heading naming a problem ("Pod 无法解析 DNS", "Node 自动重启"): problems are told apart by their symptoms.
_PROBLEM = re.compile(r"无法|不能|失败|异常|错误|超时|过多|过慢|太慢|重启|丢失|泄漏|卡住|冲突|不可用|不生效|报错")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]+")


def things_apart(titles: list[str]) -> bool:
    """Whether sibling headings name things a statement can tell apart: each a name of its own (a
    Latin name no other of them has: Flannel, Calico, Cilium; Sidecar 模式, Adapter 模式), or each
    a problem. Reviewers found the others vague: aspects of one thing ("调度策略 / 调度插件", "API
    版本 / 故障恢复", "ConfigMap 创建 / ConfigMap 使用") share what their sentences say."""
    if all(_PROBLEM.search(t) for t in titles):
        return True
    names = [{w.casefold() for w in _NAME_WORD.findall(t)} for t in titles]
    return all(mine - set().union(*(other for j, other in enumerate(names) if j != i)) for i, mine in enumerate(names))


def _parallel(titled: list[tuple[Node, str]]) -> list[tuple[Node, str]]:
    """Sibling headings that name things side by side: terms ("Deployment", "StatefulSet"); the
    aspects of one thing ("原理", "部署", "配置") and headings that only share an ending ("安全工具",
    "集群安全", "TLS 安全": what one says the others may say too) are no set of options."""
    return [(n, t) for n, t in titled if term_title(n.title)]


_HEAD = 2  # characters of a shared ending that make a head noun (强缓存, 协商缓存: 缓存)


def same_head(answer: str, others: list[str]) -> list[str]:
    """The options of the answer's kind: when the answer ends in a head noun another option ends
    in too (集群安全 and TLS 安全), only those ending in it — one without it is a thing of another
    kind (安全工具, 常见误区), whose section may say the same; else all of them."""
    def ending(a: str, b: str) -> str:
        shared = common_suffix([normalize(a), normalize(b)])
        return shared if len(shared) >= _HEAD and CJK.search(shared) and shared != normalize(a) and shared != normalize(b) else ""
    heads = [e for o in others for e in [ending(answer, o)] if e]
    if not heads:
        return others
    head = min(heads, key=len)
    return [o for o in others if normalize(o).endswith(head)]


def one_head(members: tuple[str, ...]) -> tuple[str, ...]:
    """The members ending in the character most of them end in, when more than half of them (three
    at least) do: the head noun of a family of things (锁 of 乐观锁, 悲观锁, 分布式锁; 死锁排查 beside
    them is a task, no lock); else all of them."""
    end, count = _head_end(members)
    if count >= 3 and count * 2 > len(members):
        return tuple(m for m in members if normalize(m).endswith(end))
    return members


_COMPOUND = 3  # characters of a term at least that make it a compound with a head


def headed(members: tuple[str, ...]) -> bool:
    """Whether Chinese terms are things of one kind: more than half of them end in one character,
    their head noun (强缓存, 协商缓存; 完全虚拟化, 超虚拟化 …). Sibling headings without one are the
    aspects of what their parent heading names (kubelet's 节点管理, Pod 管理, 容器运行时, 内存控制策略),
    no family whose members a sentence tells apart. Names of two characters (红帽, 视窗, 苹果) are
    names, no compounds: they need no head."""
    if sum(len(normalize(m)) >= _COMPOUND for m in members) * 2 <= len(members):
        return True
    _, count = _head_end(members)
    return count >= 2 and count * 2 > len(members)


def _head_end(members: tuple[str, ...]) -> tuple[str, int]:
    ends = Counter(normalize(m)[-1:] for m in members if CJK.match(normalize(m)[-1:]))
    return ends.most_common(1)[0] if ends else ("", 0)


def odd_head(answer: str, others: list[str]) -> bool:
    """Whether the others share a head noun (two of them end alike) the answer lacks."""
    for a, b in itertools.combinations(others, 2):
        shared = common_suffix([normalize(a), normalize(b)])
        if len(shared) >= _HEAD and CJK.search(shared) and shared not in (normalize(a), normalize(b)):
            # (单元测试 shares the head of "Node e2e 测试" and "Federation e2e 测试": 测试)
            if len(common_suffix([normalize(answer), shared])) < _HEAD:
                return True
    return False


def _translates(a: str, b: str) -> bool:
    """Whether one option holds an English word of the other as the glossary translates it."""
    def words(text: str) -> list[str]:
        return [w.casefold() for w in _LATIN_WORDS.findall(text) if len(w) >= 3]
    for one, other in ((a, b), (b, a)):
        where = normalize(other)
        if any(len(normalize(t)) >= 2 and normalize(t) in where for w in words(one) for t in translations(w)):
            return True
    return False


_NEAR = 2  # rare words a statement shares with the rest of its section at least


def which_topic_draft(
    kind: str, best: tuple[Passage, str], title: str, others: list[tuple[Node, str]], topic: str
) -> Draft:
    """"Which of these is this statement about?": the statement (`best`, its passage and sentence)
    said of ``title`` among the other sections or pages (``others``)."""
    passage, sentence = best
    return Draft(
        kind=kind,
        question=fill(texts.QUIZ_WHICH_TOPIC, statement=sentence.rstrip("。；;").translate(texts.QUIZ_NESTED_QUOTES)),
        answer=title,
        tiers=(tuple(t for _, t in others),),
        why=quoted(passage, sentence[:20]),
        passage=passage,
        anchor=sentence,
        topic=topic,
    )


# Advice to the reader, in a clause of its own: what to do ("先用…验证", "建议…", "务必…"), not
# what the section's thing is or does.
_ADVICE = re.compile(r"(?:^|[，,：:；;])\s*(?:先|请|务必|建议|最好|应该|应当|不妨|记得)|^\s*(?:明确|尽量|不要|避免|切勿)")
# ... and a list of it: "更稳妥的做法是：", "建议如下："
_ADVICE_LEAD = re.compile(r"(?:做法|建议|最佳实践|原则|技巧)[^，,。；;]{0,4}[：:]?\s*$")


def _statement(
    view: NotesView,
    node: Node,
    title: str,
    others: list[tuple[Node, str]],
    openings: set[str],
    accept: Callable[[Passage, str], bool] | None = None,
) -> tuple[Passage, str] | None:
    """The sentence of the section that tells it best from its siblings (of those ``accept``
    allows), or None."""
    names = [normalize(title), *(normalize(t) for _, t in others)]
    titles = [title, *(t for _, t in others)]
    # What sets each sibling's title apart ("绑定" of 数据卷 vs 绑定挂载): a sentence naming it
    # speaks of that sibling too.
    title_parts = [p for i in range(1, len(titles)) for p in own_part(titles[i], tuple(t for j, t in enumerate(titles) if j != i))]
    # What sets its own title apart ("本地数据" of 重置 Docker 本地数据): a sentence holding it
    # answers itself.
    title_parts += own_part(title, tuple(titles[1:]))
    best: tuple[int, int, Passage, str] | None = None
    for passage in view.node_passages(node):
        if passage.kind not in ("paragraph", "quote", "list_item"):
            continue
        if label_of(passage):
            continue  # "术语：…" defines its term: asked as a definition
        said = sentences(unjoin(passage.text))
        for sentence in said:
            if accept is not None and not accept(passage, sentence):
                continue
            if not statement_ok(sentence) or _DEFINES_OTHER.match(strip_asides(sentence)) or normalize(sentence) in openings:
                continue  # "TCP 是一种面向连接的…协议" defines another thing; a definition is asked as one
            if _FIELD.match(sentence):
                continue  # "Driver：存储驱动…": a field of some output, described
            if _ADVICE.search(sentence) or passage.kind == "list_item" and _ADVICE_LEAD.search(passage.context):
                continue  # "在变更防火墙策略前，先用测试容器验证…": advice any of the siblings may give
            if passage.kind == "list_item" and _PREREQUISITES.search(passage.context):
                continue  # "在使用 skaffold 之前需要确保" + "本地 Docker 处于运行状态…": a setup step, anyone's
            where = normalize(sentence)
            if any(n and n in where for n in names) or any(len(p) >= 2 and normalize(p) in where for p in title_parts):
                continue
            units = view.rare(sentence) - signs(title)
            if len(units) < 2:
                continue
            own = len(view.evidence(node, passage, units))
            beside = max(len(units & view.node_signs(other)) for other, _ in others)
            # Its words in the paragraph's other sentences: the paragraph keeps to them.
            near = len(units & frozenset().union(*(view.rare(s) for s in said if s != sentence)))
            # The section speaks of it elsewhere too and no sibling does as much; or it does so once
            # and the siblings hold none (or hardly any) of its many rare words. A sentence its
            # section says nothing else like tells a reader nothing of which section it is from.
            telling = own >= 2 and own > 2 * beside
            apart = max(own, near) >= _NEAR and (beside == 0 and len(units) >= 3 or len(units) >= 8 and beside * 6 <= len(units))
            if not (telling or apart):
                continue
            score = (own - 2 * beside, -len(sentence))
            if best is None or score > best[:2]:
                best = (*score, passage, sentence)
    return (best[2], best[3]) if best is not None else None



best_statement = _statement
blank_term = _blank_term
