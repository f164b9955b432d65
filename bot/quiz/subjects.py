"""Items from what a sentence is about: the notes' own sentence with its subject left blank, and
"which statement is right" with the others' subjects swapped, among things of one kind.

Things of one kind are what every author sets side by side: the terms of sibling headings
(Deployment, StatefulSet, DaemonSet), the labels of one labelled list, the names given together
as examples ("以Xen、KVM为代表的…，再到以Docker为代表的…", "例如 nginx、redis"). A sentence that
opens with one of them says something of it; the others are its fair wrong answers, except those
the notes say the same kind of thing of (their own text holds the sentence's rare words).
"""

from __future__ import annotations

import dataclasses
import math
import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.headings import defined_headings, headed, one_head, standalone, statement_ok
from bot.quiz.item import Draft, one_of, quoted, translated
from bot.quiz.outline import term_title, topic_of
from bot.quiz.passages import source_text
from bot.quiz.terms import label_of, term_groups
from bot.quiz.text import CJK, clauses, common_suffix, fill, normalize, says_enough, sentences
from bot.quiz.succession import succeeds
from bot.quiz.view import NotesView, signs
from bot.search.glossary import translations

__all__ = ["families", "subject_drafts"]

_NAME = r"[A-Za-z][A-Za-z0-9.+#\-/]*(?: [A-Za-z0-9][A-Za-z0-9.+#\-/]*){0,3}"
_NAME_LIST = rf"{_NAME}(?:\s*(?:、|，|,|和|与|及|以及)\s*{_NAME})*"
# Where the notes give names as examples: "以A、B为代表", "例如A、B", "如A、B之类", "包括A、B",
# "比较著名的…有A、B和C".
_EXAMPLE_LISTS = (
    re.compile(rf"以\s*({_NAME_LIST})\s*为代表"),
    re.compile(rf"(?:例如|比如|譬如|诸如|包括|包含)\s*[:：]?\s*({_NAME_LIST})"),
    re.compile(rf"(?<![\u4e00-\u9fff])如\s*({_NAME_LIST})\s*(?:等|之类)"),
    re.compile(rf"著名的[^。；;有]{{0,12}}有\s*({_NAME_LIST})"),
    # Any list of three names or more: "Deployment、StatefulSet、DaemonSet 和 Job" (names only: see
    # _GENERIC_LIST).
    re.compile(rf"(?<![A-Za-z0-9\-])({_NAME}(?:\s*、\s*{_NAME}){{2,}}(?:\s*(?:和|与|及|以及)\s*{_NAME})?)"),
)
_GENERIC_LIST = len(_EXAMPLE_LISTS) - 1
_PROPER = re.compile(r"[A-Z]|\d|-")  # a name's look: a capital, a digit or a hyphen
_SPLIT = re.compile(r"\s*(?:、|，|,|以及|和|与|及)\s*")
# What a sentence may open with before its subject: "后来LXC…", "目前 Kubernetes…".
_LEAD_WORDS = re.compile(r"^(?:后来|最初|起初|最早|目前|现在|如今|当前|其中|同时|另外|此外|而|但|因此|所以|并且|此时)?[，,\s]*")
_NOT_NAME = re.compile(r"^(?:[A-Za-z]|and|or|the|of|to|in|on|for|with|etc|vs|is|are|by|at|as|be|it|if|no|not|an)$", re.I)
# A word that makes several Latin words a phrase of English prose, not a name ("readinessProbe is
# added to", "run Pods in multiple").
_PROSE_WORD = re.compile(r"\s(?:and|or|the|of|to|in|on|for|with|is|are|was|were|be|by|at|as|it|if|not|an|a|has|have|used)(?=\s|$)", re.I)


def _not_name(name: str) -> bool:
    return bool(_NOT_NAME.match(name) or _PROSE_WORD.search(name))


@dataclass(frozen=True)
class Family:
    """Things of one kind the notes set side by side, and where each one's own text is."""

    members: tuple[str, ...]
    origin: str  # "heading", "label", "example", "list" or "table"
    files: frozenset[str] = frozenset()  # where the family is set side by side
    homes: tuple[tuple[str, tuple[str, tuple[str, ...]]], ...] = ()  # member → its heading's node key
    rows: tuple[tuple[str, str], ...] = ()  # member → its table row's text (a table's row names)

    def row(self, member: str) -> str:
        return dict(self.rows).get(member, "")

    def home(self, member: str) -> tuple[str, tuple[str, ...]] | None:
        return dict(self.homes).get(member)


def _example_names(text: str) -> list[list[str]]:
    """The lists of Latin names a text gives as examples; all "以…为代表" of a sentence are one."""
    found: list[list[str]] = []
    for sentence in sentences(text):
        represented: list[str] = []
        for number, pattern in enumerate(_EXAMPLE_LISTS):
            for match in pattern.finditer(sentence):
                names = [n.strip() for n in _SPLIT.split(match.group(1)) if n.strip()]
                names = [n for n in names if not _not_name(n) and 3 <= len(n) <= 30]
                if number == _GENERIC_LIST and not all(_PROPER.search(n) for n in names):
                    continue  # "replica、Kubernetes、complete": words of a sentence, not names of a kind
                if number == 0:
                    represented.extend(names)
                elif len(names) >= 2:
                    found.append(names)
        if len(represented) >= 2:
            found.append(represented)
    return found


def families(view: NotesView) -> list[Family]:
    """Every family of things of one kind in the notes (a Latin name of one or two letters, "HA",
    "db", is too short to tell apart from a word: none is a member)."""
    return [f for f in (_trimmed(f) for f in _families(view)) if len(f.members) >= 3]


def _trimmed(family: Family) -> Family:
    members = tuple(m for m in family.members if CJK.search(m) or len(m) >= 3 and not _word(m))
    return dataclasses.replace(family, members=members, homes=tuple(h for h in family.homes if h[0] in members))


def _word(name: str) -> bool:
    """Whether a lower-case Latin name is an English word the glossary translates ("cluster",
    "volume"): a word of a sentence, not the name of a thing of some kind."""
    return name.islower() and name.isalpha() and bool(translations(name))


def _families(view: NotesView) -> list[Family]:
    found: list[Family] = []
    outline = view.outline
    for children in outline.children.values():
        homes: dict[str, tuple[str, tuple[str, ...]]] = {}
        for child in children:
            term = term_title(child.title)
            if term and view.node_passages(child) and not outline.names_several(child):
                homes.setdefault(term, child.key)
        for alike in (True, False):
            members = one_head(tuple(t for t in homes if bool(CJK.search(t)) == alike))
            if len(members) >= 3 and (not alike or headed(members)):
                files = frozenset(homes[m][0] for m in members)
                found.append(Family(members, "heading", files, tuple((m, homes[m]) for m in members)))
    for group in term_groups(view.corpus):
        labels = tuple(dict.fromkeys(t.label for t in group))
        if len(labels) >= 3:
            found.append(Family(labels, "label", frozenset(t.passage.file for t in group)))
    # Names listed together are of one kind; lists sharing two names are one family (per file).
    by_file: dict[str, list[set[str]]] = {}
    for passage in view.corpus.passages:
        if not source_text(passage):
            continue
        for names in _example_names(passage.text):
            names = [n for n in names if _TERM_LIKE.search(n)]
            if len(names) < 2:
                continue
            groups = by_file.setdefault(passage.file, [])
            merged = set(names)
            for group in [g for g in groups if len(g & merged) >= 2]:  # one shared name may be chance
                merged |= group
                groups.remove(group)
            groups.append(merged)
    for file, groups in by_file.items():
        for group in groups:
            if len(group) >= 3:
                found.append(Family(tuple(sorted(group)), "example", frozenset({file})))
    found.extend(_list_families(view))
    found.extend(_table_families(view))
    return found


_ROW_LABEL = re.compile(r"^\s*`?([A-Za-z][A-Za-z0-9.+#\-/_]*)`?\s+—\s+")


def _table_families(view: NotesView) -> list[Family]:
    """The things a table's rows are named by, when they are names (max-age, no-cache, no-store
    …; docker ps, docker logs …), each with its row: what the notes say of it."""
    runs: dict[tuple[str, tuple[str, ...], str], list[tuple[str, str]]] = {}
    for passage in view.corpus.passages:
        if passage.kind != "table_row":
            continue
        match = _ROW_LABEL.match(passage.text)
        key = (passage.file, passage.section, passage.context)
        runs.setdefault(key, []).append((match.group(1) if match else "", passage.text))
    found: list[Family] = []
    for (file, _, _), rows in runs.items():
        names = [name for name, _ in rows]
        if len(names) < 3 or not all(names) or len(set(names)) != len(names):
            continue  # a row named by a phrase or in Chinese: a table of cases or of aspects
        if not all(_TERM_LIKE.search(n) and not _not_name(n) for n in names):
            continue
        found.append(Family(tuple(names), "table", frozenset({file}), rows=tuple(rows)))
    return found


_FIRST_NAME = re.compile(rf"(?<![A-Za-z0-9\-]){_NAME}")
# A name rather than a word of English or a value: a capital, a digit or a hyphen in it, or long.
_TERM_LIKE = re.compile(r"[A-Z]|\d|-|^[a-z]{5,}$")


# A clause ending in the names it is about, after 的 (and before a word saying what they are).
_AFTER_OF = re.compile(rf"的\s*({_NAME_LIST})\s*(?:工具|技术|项目|系统|软件)?\s*$")
_LEAD_ASIDE = re.compile(r"[（(]\s*(?:包括|如|例如|比如)\s*([^（）()]+)[）)]")


def _list_families(view: NotesView) -> list[Family]:
    """The things a list enumerates, one an item: the first Latin name each item gives
    ("Sun Solaris系统上的Solaris Containers；", "FreeBSD系统上的jail；" …), when most items give one
    and the names differ; the lead-in's own name ("容器技术（包括LXC）") belongs with them."""
    runs: dict[tuple[str, tuple[str, ...], str], list[Passage]] = {}
    for passage in view.corpus.passages:
        if passage.kind == "list_item" and passage.context:
            runs.setdefault((passage.file, passage.section, passage.context), []).append(passage)
    found: list[Family] = []
    for (file, _, lead), items in runs.items():
        names = []
        for item in items:
            # What the item is about: the name it opens with ("etcd 保存了…", "AWS EBS"), or the
            # one its first clause ends with after 的 ("…系统上的 jail"). A name inside a clause
            # ("生成 token", "开启 VM 的自动重启") is a word of what the item does.
            clause = re.split(r"[，,。；;（(]", item.text, maxsplit=1)[0].strip()
            named = [n.strip() for n in _FIRST_NAME.findall(clause) if not _not_name(n.strip())]
            after_of = _AFTER_OF.search(clause)
            if after_of:
                # before the opener: "FreeBSD系统上的jail" is about jail, "GNU/Linux上的Linux-VServer
                # 和OpenVZ" about both, "Unix系统上的chroot工具" about chroot
                names += [n for n in _SPLIT.split(after_of.group(1)) if n and not _not_name(n)]
            elif named and _LEAD_WORDS.sub("", clause, count=1).startswith(named[0]):
                after = _LEAD_WORDS.sub("", clause, count=1)[len(named[0]) :].lstrip()
                if not _HEAD_NOUN.match(after) and not _NUMBER_AFTER.match(after):
                    names.append(named[0])  # not "Kubernetes 集群已部署…": a longer name
        aside = _LEAD_ASIDE.search(lead)  # "容器技术（包括LXC）"
        names += [n for n in _FIRST_NAME.findall(aside.group(1))] if aside else []
        names = list(dict.fromkeys(names))
        if len(names) >= 3 and len(names) * 2 >= len(items):
            found.append(Family(tuple(names), "list", frozenset({file})))
    return found


@functools.lru_cache(maxsize=8192)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(name).replace(r"\ ", r"\s*"), re.I)


def _other_case(written: str, name: str) -> bool:
    """Whether the sentence writes the name in capitals where the family does not, or the other
    way round: "LABEL 指令" is the Dockerfile instruction, not the subcommand "label" (while
    "docker" and "Docker" are one name)."""
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 2 and written != name and written.isupper() != name.isupper()


def _opens_with(sentence: str, name: str) -> int:
    """Where the sentence's subject ends when it opens with the name (after a lead word such as
    "后来"), else 0."""
    lead = _LEAD_WORDS.match(sentence)
    start = lead.end() if lead else 0
    match = _name_pattern(name).match(sentence, start)
    if match is None or _other_case(match.group(0), name):
        return 0
    rest = sentence[match.end() :]
    if rest[:1] and (rest[:1].isascii() and rest[:1].isalnum() or rest[:1] in "-_./"):
        return 0  # "Pod" in "PodPreset"
    rest = rest.lstrip(" ")
    if _NUMBER_AFTER.match(rest):
        return 0  # "Raspberry Pi 4", "MySQL 8.4": a model or a version, a longer name
    if re.match(r"[：:]", rest):
        return match.end()  # "术语：…", a labelled item
    if re.match(r"[A-Za-z]", rest):
        return match.end() if _ENGLISH_VERB.match(rest) else 0  # "Node e2e 测试", "Azure Cloud Provider"
    return 0 if _HEAD_NOUN.match(rest) else match.end()  # "Windows 容器", "ConfigMap 组件": a longer name


# A number after a name makes a model or a version of it ("Raspberry Pi 4", "MySQL 8.4", "Java 17").
_NUMBER_AFTER = re.compile(r"v?\d")

# A noun after the name makes a longer name the sentence is about ("Windows 节点", "ConfigMap 组件"):
# the name is then no subject of its own.
_HEAD_NOUN = re.compile(
    r"(?:容器|节点|组件|集群|服务|镜像|网络|插件|文件|目录|项目|模式|命令|工具|技术|系统|平台|版本|类型|对象|资源|接口|方式|"
    r"方案|机制|驱动|引擎|进程|线程|实例|用户|客户端|服务端|服务器|协议|格式|配置|参数|选项|字段|日志|数据|存储|卷|端口|"
    r"地址|环境|应用|程序|框架|库|模块|包|仓库|社区|团队|官方|测试|中|上|里|内|下)"
)
# A noun after a name that makes another thing of it ("Windows 容器", "Kubernetes 集群"), unlike
# one that restates it ("Docker 技术", "Linux 系统").
_PART_NOUN = re.compile(
    r"(?:容器|节点|集群|镜像|网络|插件|文件|目录|命令|客户端|服务端|服务器|版本|组件|实例|用户|进程|驱动|模块|仓库|接口|"
    r"端口|日志|配置|参数|选项|字段|数据|存储|卷|主机|内核|虚拟机)"
)
_LONGER_AFTER = re.compile(rf"{_PART_NOUN.pattern}|[A-Z][a-z]")
_ENGLISH_VERB = re.compile(
    r"(?:is|are|was|were|can|could|will|would|may|might|must|should|has|have|had|does|do|provides?|uses?|runs?|supports?|"
    r"allows?|lets?|makes?|manages?|handles?|stores?|keeps?|defines?|creates?|helps?|enables?|gives?|offers?|means|refers?|"
    r"works?|starts?|stops?|sends?|receives?|watches|schedules?|ensures?|also|only|always|never|not)\b"
    r"(?!\s*[的之])"  # "Etcd store 的每个 node": a noun of a longer name, not a verb
)


_PREDICATE_CHARS = 60  # a statement's part after its subject, as an option



@dataclass(frozen=True)
class _Said:
    name: str
    sentence: str
    rest: str  # after the subject
    passage: Passage
    opening: bool = False  # a heading's opening sentence on its term (asked as its definition)


_PROSE = ("paragraph", "quote", "list_item")


class _Contexts:
    """For each name, the units of every sentence that names it, with how many of those sentences
    hold each: what the notes say of it (computed when first asked for)."""

    def __init__(self, view: NotesView) -> None:
        self.view = view
        self.found: dict[str, Counter[str]] = {}
        self.sets: dict[str, frozenset[str]] = {}

    def counts(self, name: str) -> Counter[str]:
        if name not in self.found:
            key = normalize(name)
            units: Counter[str] = Counter()
            for passage in self.view.passages_with(name):
                if passage.kind not in _PROSE:
                    continue  # a table row names every thing it compares: it says nothing of one
                for sentence, folded in self.view.said(passage):
                    if key in folded:
                        units.update(signs(sentence))
            self.found[name] = units
        return self.found[name]

    def get(self, name: str, default: frozenset[str] = frozenset()) -> frozenset[str]:
        if name not in self.sets:
            self.sets[name] = frozenset(self.counts(name))
        return self.sets[name] or default

    def elsewhere(self, name: str, sentence: str, units: frozenset[str]) -> frozenset[str]:
        """Those of the units that other sentences naming it hold too (this one counts once)."""
        counts = self.counts(name)
        own = signs(sentence)
        return frozenset(u for u in units if counts.get(u, 0) > (1 if u in own else 0))


def subject_drafts(view: NotesView) -> Iterator[Draft]:
    every = families(view)
    contexts = _Contexts(view)
    openings = {d.passage.id: d.term for d in defined_headings(view)}
    longer = _longer_terms(view)
    said = _subject_sentences(view, every, openings, longer)
    for family, found in said:
        yield from _cloze(view, family, found, contexts)
        if family.origin != "label" or _kinds_of_one(family.members):
            # (a labelled list of points, each labelled by what it says, makes no statements)
            yield from _statements(view, family, found, contexts)
    defined = _definitions(view)
    for family in every:
        yield from _mention_cloze(view, family, contexts, said, defined, longer)


def _longer_terms(view: NotesView) -> dict[str, tuple[str, ...]]:
    """For each two first characters, the Chinese terms the notes' headings and labels name
    (normalized): "容器" in "容器组可以挂载…" is the start of the longer term 容器组."""
    found: dict[str, set[str]] = {}
    titles = [term_title(node.title) for node in view.outline.nodes.values()]
    labels = [label_of(p) for p in view.corpus.passages if p.kind in ("list_item", "paragraph")]
    for term in (normalize(t) for t in [*titles, *labels] if t and CJK.search(t)):
        found.setdefault(term[:2], set()).add(term)
    return {key: tuple(sorted(terms)) for key, terms in found.items()}


def _in_longer_term(longer: dict[str, tuple[str, ...]], name: str, text: str) -> bool:
    """Whether a Chinese name at the start of the text is the start of a longer term the notes
    name (see _longer_terms)."""
    if not CJK.search(name):
        return False
    short, where = normalize(name), normalize(text)
    return any(len(t) > len(short) and t.startswith(short) and where.startswith(t) for t in longer.get(short[:2], ()))


def _subject_sentences(
    view: NotesView, every: list[Family], openings: dict[int, str], longer: dict[str, tuple[str, ...]]
) -> list[tuple[Family, list[_Said]]]:
    """For each family, the sentences that open with one of its members (a heading's own opening
    sentence about its term marked: that one is asked as the term's definition)."""
    result: list[tuple[Family, list[_Said]]] = []
    firsts: dict[str, list[Family]] = {}
    for family in every:
        for member in family.members:
            key = normalize(member)[:2]
            firsts.setdefault(key, []).append(family)
    found: dict[int, list[_Said]] = {id(f): [] for f in every}
    for passage in view.corpus.passages:
        if passage.kind not in ("paragraph", "quote", "list_item"):
            continue
        said = [sentence for sentence, _ in view.said(passage)]
        for sentence in said:
            if not statement_ok(sentence):
                continue
            lead = _LEAD_WORDS.match(sentence)
            head = normalize(sentence[lead.end() if lead else 0 :])[:2]
            for family in firsts.get(head, ()):
                elsewhere = bool(family.files) and passage.file not in family.files
                for member in family.members:
                    if elsewhere and CJK.search(member) and len(normalize(member)) <= 2:
                        continue  # "标签同时使用 commit hash…" on another page: a word there, not the thing
                    end = _opens_with(sentence, member)
                    if not end or _in_longer_term(longer, member, sentence[end - len(member) :]):
                        continue
                    opening = openings.get(passage.id) == member and sentence == said[0]
                    rest = sentence[end:].lstrip(" ，,")
                    # Enough said to tell it from the others: "____提供资源监控" fits too many.
                    if says_enough(rest) and len(view.rare(rest) - signs(member)) >= 2:
                        found[id(family)].append(_Said(member, sentence, rest, passage, opening))
                    break
    for family in every:
        if found[id(family)]:
            result.append((family, found[id(family)]))
    return result


_CLOSEST = 4  # the family's members most like the answer, offered first
# Of the likeness of the member most like the answer (fitting or not), what a wrong one has at
# least: when the likest fit the sentence too, what is left is of another kind (Windows and macOS
# for CentOS, whose sentence fits Ubuntu and Debian).
_LIKE_SHARE = 0.4
_SMALL_FAMILY = 6  # members at most of a family whose wrong ones need not be like the answer


def _closest_first(
    name: str, others: tuple[str, ...], contexts: _Contexts, members: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], ...]:
    """The other members like enough to the answer, in two tiers: the few whose sentences share
    the most words with the answer's (ReplicaSet and StatefulSet beside Deployment, not ConfigMap
    of the same folder), then the rest. A large family of headings mixes kinds; the likest are of
    its kind. ``members``: the whole family, the likest of which sets how like a wrong one must be."""
    mine = contexts.get(name)
    if not mine:
        return (others,)

    def likeness(other: str) -> float:
        theirs = contexts.get(other)
        return len(mine & theirs) / math.sqrt(len(mine) * len(theirs)) if theirs else 0.0

    # (a small family is of one kind as it is, and its few sentences share few words by chance)
    top = max((likeness(m) for m in (*members, *others) if m != name), default=0.0) if len(members) > _SMALL_FAMILY else 0.0
    ranked = sorted((o for o in others if likeness(o) >= _LIKE_SHARE * top), key=lambda o: -likeness(o))
    return (tuple(ranked[:_CLOSEST]), tuple(ranked[_CLOSEST:]))


def _fits(rest: str, other: str, contexts: _Contexts, view: NotesView) -> bool:
    """Whether the notes say something like this of the other thing too (its sentences hold the
    rare words of what is said): then it is no fair wrong answer."""
    units = view.rare(rest)
    return bool(units & contexts.get(other, frozenset()))


_PER_MEMBER = 6  # items a member of a family is the answer of (its most telling sentences)


_DEFINING = re.compile(r"^\s*(?:是|为|指|即|就是)")


def _weight(view: NotesView, entry: _Said) -> tuple[int, int, int, str]:
    """Which sentences of a member to ask first: what defines it ("X是…"), then what the author
    set in bold, then the most telling (the most rare words)."""
    bold = any(len(b) >= 4 and normalize(b) in normalize(entry.sentence) for b in entry.passage.bold)
    return (0 if _DEFINING.match(entry.rest) else 1, 0 if bold else 1, -len(view.rare(entry.rest)), entry.sentence)


def _cloze(view: NotesView, family: Family, found: list[_Said], contexts: _Contexts) -> Iterator[Draft]:
    """The sentence with its subject left blank; the family's other members as wrong answers."""
    asked: dict[str, int] = {}
    for entry in sorted(found, key=lambda e: _weight(view, e)):
        rest = _GLOSS.sub("", entry.rest, count=1)  # "Cluster (集群)：…": the gloss would answer it
        if entry.opening or asked.get(entry.name, 0) >= _PER_MEMBER or rest.startswith(("：", ":")):
            continue  # "术语：…" is a labelled definition, asked as one
        if _SYNTAX.match(rest):
            continue  # "kubectl [command] [PARAMS] -o=<format> …": a command's syntax, not a sentence
        if _PAIRED.match(rest):
            continue  # "____和 ReadinessProbe 都…": one of a pair, and its kin would fit the blank too
        where = normalize(entry.sentence)
        others = tuple(
            m
            for m in family.members
            if m != entry.name and normalize(m) not in where and not _fits(entry.rest, m, contexts, view)
            and not succeeds(m, entry.name, view)
        )
        if len(others) < 2:
            continue
        asked[entry.name] = asked.get(entry.name, 0) + 1
        shown = texts.QUIZ_BLANK + rest.rstrip("。；;")
        shown = _unglossed(_mention_pattern(entry.name).sub(texts.QUIZ_BLANK, shown))  # whole words only: not "kube-dns"
        if shown.count(texts.QUIZ_BLANK) > 1:
            continue  # "____作为…，____在…": one thing blanked twice reads as two blanks
        yield Draft(
            kind="subject",
            question=fill(texts.QUIZ_SUBJECT, text=shown.translate(texts.QUIZ_NESTED_QUOTES)),
            answer=entry.name,
            tiers=_closest_first(entry.name, others, contexts, family.members),
            why=quoted(entry.passage, entry.sentence[:20]),
            passage=entry.passage,
            extra_key=entry.name,
            anchor=entry.sentence,
            needs_topic=True,  # "____对应用是透明的": without its topic it fits its kin too
        )


# A subject said together with another one: "X 和 Y 都…", "X 或 Y 时…", "X、Y 是…".
_PAIRED = re.compile(r"^\s*(?:和|与|及|以及|或|或者|、|/)")
# What follows a name in a command's syntax line: its arguments, options or placeholders.
_SYNTAX = re.compile(r"\s*[\[<{]|\s*--?[A-Za-z]")
# A bracketed gloss right after a name ("Cluster (集群)", "标签（Label）").
_GLOSS = re.compile(r"^\s*[（(][^（）()]*[）)]\s*")
_BLANK_GLOSS = re.compile(re.escape(texts.QUIZ_BLANK) + r"\s*[（(][^（）()]*[）)]")


def _unglossed(text: str) -> str:
    """The text without a gloss right after a blank ("____ (Label) 是…"): it would answer it."""
    return _BLANK_GLOSS.sub(texts.QUIZ_BLANK, text)

_PER_MENTIONED = 3  # sentences a member is left blank in where it is not the subject
_PER_FAMILY = 8  # such items a family gives at most


def _mention_cloze(
    view: NotesView,
    family: Family,
    contexts: _Contexts,
    said: list[tuple[Family, list[_Said]]],
    defined: dict[str, str],
    longer: dict[str, tuple[str, ...]],
) -> Iterator[Draft]:
    """A member named inside a sentence of the notes, left blank; the family's others as wrong
    answers when the notes say nothing like the sentence of them. The most telling sentences
    first (the most rare words), a sentence opening with the member excluded (asked as its subject)."""
    openers = {e.sentence for f, found in said if f is family for e in found if not e.opening}
    made_here = 0
    for member in family.members:
        if made_here >= _PER_FAMILY or not _TERM_LIKE.search(member) and not CJK.search(member):
            continue
        if CJK.search(member) and len(normalize(member)) < 3:
            continue  # "简单", "节点": a word of any sentence ("简单的说"), not always the thing
        pattern = _mention_pattern(member)
        candidates: list[tuple[int, str, Passage]] = []
        home = family.home(member)
        node = view.outline.nodes.get(home) if home is not None else None
        # What is said of it where the notes speak of it: its own section (which speaks of it by
        # being its section), or where its family is (then its other sentences must say the like).
        around = view.node_passages(node) if node is not None else [p for p in view.passages_with(member) if p.file in family.files]
        if node is not None and family.origin == "heading" and len(home[1]) == 1:
            # Its own page's sentences: asked, the topic must hide the page, and its sibling pages
            # (macOS beside Windows and Linux) say the like of their own subjects.
            continue
        for passage in around:
            if passage.kind not in ("paragraph", "quote", "list_item"):
                continue
            for said_sentence, _ in view.said(passage):
                sentence = standalone(said_sentence)
                if not sentence or said_sentence in openers or len(pattern.findall(sentence)) != 1:
                    continue
                rest = pattern.sub(" ", sentence)
                if not says_enough(rest):
                    continue  # "____支持四种模式"
                found = pattern.search(sentence)
                after = sentence[found.end() :].lstrip(" ")
                if re.match(r"[：:]", after) or _listed(sentence, found.start(), found.end()):
                    continue  # "术语：…", a label; or one of a list, which any of its kind would fit
                if _NUMBER_AFTER.match(after) or not CJK.match(member[-1]) and _LONGER_AFTER.match(after):
                    continue  # "MySQL 8.4", "Windows 容器", "Windows Server": a version of it, a longer name
                if _in_longer_term(longer, member, sentence[found.start() :]):
                    continue  # "容器" in "容器组": a longer term the notes name
                if _repeats(sentence, defined.get(member, "")):
                    continue  # its definition again, asked as such: one item a fact
                units = view.rare(rest)
                if len(units) < 2 or label_of(passage) and said_sentence == view.said(passage)[0][0]:
                    continue  # another labelled item's own line is that label's definition
                # Evidence that the sentence speaks of this member: its rare words are what the
                # notes say of it elsewhere too (its own section, or other sentences naming it).
                known = units if node is not None else contexts.elsewhere(member, sentence, units)
                if family.origin == "table":
                    known = units  # a name its table defines: a sentence naming it speaks of it
                if known:
                    candidates.append((len(known), sentence, passage))
        candidates.sort(key=lambda c: (-c[0], c[1]))
        made = 0
        for _, sentence, passage in candidates:
            if made >= _PER_MENTIONED:
                break
            where = normalize(sentence)
            rest = pattern.sub(" ", sentence)
            others = tuple(
                m for m in family.members if m != member and normalize(m) not in where and not _fits(rest, m, contexts, view)
            )
            if len(others) < 2:
                continue
            made += 1
            made_here += 1
            yield Draft(
                kind="cloze",
                question=fill(texts.QUIZ_FILL, text=_unglossed(pattern.sub(texts.QUIZ_BLANK, sentence)).rstrip("。；;")),
                answer=member,
                tiers=_closest_first(member, others, contexts, family.members),
                why=quoted(passage, sentence[:20]),
                passage=passage,
                extra_key="mention:" + member,
                anchor=sentence,
                needs_topic=True,
            )


_REPEATED = 8  # characters of a clause said in a term's definition too: the same fact again


def _definitions(view: NotesView) -> dict[str, str]:
    """Each defined term's definition: a labelled item's text, a heading's opening sentence."""
    found = {t.label: t.body for group in term_groups(view.corpus) for t in group}
    for entry in defined_headings(view):
        found.setdefault(entry.term, entry.sentence)
    return found


def _repeats(sentence: str, definition: str) -> bool:
    """Whether the sentence says again a clause of the definition."""
    said = normalize(definition)
    return bool(said) and any(len(c) >= _REPEATED and normalize(c) in said for c in clauses(sentence))


@functools.lru_cache(maxsize=8192)
def _mention_pattern(name: str) -> re.Pattern[str]:
    """The name as a whole word: not inside a longer Latin word, nor a longer Chinese one's start."""
    body = re.escape(name).replace(r"\ ", r"\s*")
    if CJK.search(name):
        return re.compile(body)
    return re.compile(rf"(?<![A-Za-z0-9_\-.]){body}(?![A-Za-z0-9_\-])")


_LIST_MARK = re.compile(r"^\s*(?:、|,|，\s*[A-Za-z]|和|与|及|以及|或|等)|(?:、|,|和|与|及|以及|或|例如|比如|如|有|包括)\s*$")


def _listed(sentence: str, start: int, end: int) -> bool:
    """Whether the name stands in a list of names ("例如A、B、C", "Denali、Xen", "A 和 B")."""
    return bool(_LIST_MARK.search(sentence[:start][-4:]) or _LIST_MARK.match(sentence[end : end + 4]))


def _statements(view: NotesView, family: Family, found: list[_Said], contexts: _Contexts) -> Iterator[Draft]:
    """Which statement is right: one member's own sentence as the notes say it; in the wrong
    ones another member's sentence says its thing of a member it is not said of."""
    # One sentence a member, all in one form: labelled ("X：…") or not, as most of them are.
    labelled = sum(e.rest.startswith(("：", ":")) for e in found) * 2 >= len(found)
    own: dict[str, _Said] = {}
    for entry in found:
        if family.files and entry.passage.file not in family.files:
            continue  # said on another page ("Compose 会自动…" under 网络): no statement of this set
        if entry.rest.startswith(("：", ":")) != labelled or _own_words(_stem(entry.name, family.members), entry.rest, family.members) or _tells_own(entry.rest, entry.name, family.members):
            continue  # another form; or "哈希索引用哈希函数…", which tells its subject by its words or their
            # translation ("NoDiskConflict：检查是否存在…冲突"): said of another, the swap would show
        if entry.name not in own and len(entry.rest) <= _PREDICATE_CHARS and not one_of(entry.rest):
            own[entry.name] = entry
    if len(own) < 3:
        return
    members = sorted(own, key=lambda m: hashlib.sha256(m.encode()).hexdigest())
    for index, name in enumerate(members[:2]):  # two items a family at most
        right = own[name]
        wrong: list[str] = []
        used = {name}
        # Each other member's sentence, said of a member it is not said of (never its own).
        others = [m for m in members if m != name]
        for offset, other in enumerate(others):
            subject = others[(offset + 1) % len(others)] if len(others) > 1 else name
            if subject == other or _fits(own[other].rest, subject, contexts, view) or succeeds(subject, other, view):
                continue
            wrong.append(_say(subject, own[other].rest))
            used.add(other)
        if len(wrong) < 2:
            continue
        yield Draft(
            kind="statement",
            question=texts.QUIZ_STATEMENT,
            answer=_say(name, right.rest),
            tiers=(tuple(wrong),),
            why=quoted(right.passage, right.sentence[:20]),
            passage=right.passage,
            extra_key="statement:" + name,
            anchor=right.sentence,
            topic=topic_of(right.passage.section, family.members),  # no heading naming one of them
        )


def _stem(name: str, members: tuple[str, ...]) -> str:
    """What sets a member's name apart from the others': without the ending they share."""
    suffix = common_suffix(list(members))
    return name[: -len(suffix)] if suffix and len(name) > len(suffix) else name


def _own_words(name: str, rest: str, members: tuple[str, ...] = ()) -> bool:
    """Whether what is said repeats a word of the subject's name (two Chinese characters of it, a
    Latin word, or a part of a camel-case name no other member's name has: "Toleration" of
    TaintTolerationPriority, "GCE" of gcePersistentDisk)."""
    folded, where = normalize(name), normalize(rest)
    pairs = [folded[i : i + 2] for i in range(len(folded) - 1) if CJK.match(folded[i]) and CJK.match(folded[i + 1])]
    words = [w.casefold() for w in re.findall(r"[A-Za-z]{3,}", name)]
    others = {part for member in members if member != name for part in _camel_parts(member)}
    said = set().union(*map(_camel_parts, re.findall(r"[A-Za-z][A-Za-z0-9]*", rest)))
    return any(p in where for p in pairs) or any(w in rest.casefold() for w in words) or bool(_camel_parts(name) - others & said)


def _tells_own(rest: str, name: str, members: tuple[str, ...]) -> bool:
    """Whether what is said of a member translates a part of its name no other member's name has
    ("NoDiskConflict：检查是否存在磁盘冲突": disk → 磁盘; not "Priority" → 优先, which every
    …Priority's sentence says alike)."""
    others = {part for member in members if member != name for part in _camel_parts(member)}
    return any(translated([part], rest) for part in _camel_parts(name) - others)


def _camel_parts(name: str) -> set[str]:
    """The parts of three letters or more of a camel-case name, folded ("gce", "persistent", "disk")."""
    return {part.casefold() for part in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name) if len(part) >= 3}


def _kinds_of_one(labels: tuple[str, ...]) -> bool:
    """Labels naming kinds of one thing (…虚拟化, …调度) or things by their Latin names."""
    suffix = common_suffix(list(labels))
    return len(suffix) >= 2 and bool(CJK.search(suffix)) or not any(CJK.search(label) for label in labels)


# A bracketed aside: "（Type-2 Hypervisor）", " (declarative)", one right after the subject
# ("CentOS(及其替代品…)") — not "O(1)".
_ASIDE = re.compile(r"\s*（[^（）]*）|\s+\([^()]*\)|^\([^()]*\)")


def _say(subject: str, rest: str) -> str:
    """A subject and what is said of it, joined as the notes would write it (without asides: a
    bracketed gloss would set one statement apart by its look)."""
    return fill("{subject}{rest}", subject=subject, rest=_ASIDE.sub("", rest).rstrip("。；;"))
