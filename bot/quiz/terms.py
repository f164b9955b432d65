"""Terms the notes define in labelled lists (`**完全虚拟化**：…`): definitions, contrasts and examples."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.item import MAX_OPTIONS, Draft, normalize, overlaps, quoted
from bot.quiz.memo import per_corpus
from bot.quiz.outline import ROLE_END as _ROLE_END
from bot.quiz.outline import clean_title, generic_title
from bot.quiz.text import (
    CJK,
    blank,
    clauses,
    common_suffix,
    fill,
    opens_clause,
    sentences,
    strip_asides,
)

__all__ = ["Term", "examples_of", "term_groups", "term_drafts", "related_terms", "label_of"]

_LABEL = re.compile(r"^([^：:。；;，,！？]{2,24})[：:]\s*(.+)$", re.S)
_ALIAS_TAIL = re.compile(r"\s*[（(][^）)]*[）)]\s*$")
# "…又可以细分为如下几类。": the items after this one are its kinds, one level down.
_SUBDIVIDES = re.compile(r"(?:如下|以下|下列)[几数]?[类种个]")
# Examples: "例如A、B、C等", "如A之类", "比较著名的（VMM）有 A、B 和 C".
_EXAMPLES = (
    re.compile(r"例如\s*([^。；;：:，,]+)"),
    re.compile(r"如\s*([^。；;，,：:如]+?)之类"),
    re.compile(r"(?:比较)?著名的[^。；;有]{0,12}有\s*([^。；;：:]+)"),
    re.compile(r"^如\s*([^。；;：:，,如]+?)\s*[，,]"),  # "平台虚拟化：如虚拟机技术、容器技术，其服务的对象是…"
)
_EXAMPLE_SPLIT = re.compile(r"\s*(?:、|，|,|以及|和|及|与)\s*")
_EXAMPLE_NOISE = re.compile(r"^(?:早期的|早期|最新的)|\s*\[\d+\]|等$|等等$")
_LATIN = re.compile(r"[A-Za-z]")
_POINTER = re.compile(r"^\s*(?:见|参见|详见|参考|请见|同上)")
# Labels that flag a remark rather than name a term.
_REMARKS = {"注意", "提示", "说明", "警告", "备注", "注", "小贴士", "技巧", "示例", "例如", "举例", "例子",
            "总结", "小结", "结论", "答案", "解答", "问题", "原因", "结果", "补充", "更新", "参考", "来源",
            "特点", "作用", "用途", "功能", "建议", "推荐", "方法", "做法", "解决方案", "解决办法", "现象",
            "症状", "场景", "适用场景", "注意事项", "note", "tip", "warning", "example",
            # An attribute of something named elsewhere: asked alone, its subject is lost.
            "优点", "缺点", "优势", "劣势", "不足", "局限", "局限性", "好处", "坏处", "代价", "风险", "收益",
            "典型服务", "典型场景", "典型应用", "适用于", "不适用", "pros", "cons"}
# "附录四：…", "第 18 ~ 21 章：…": a pointer into the book, not a term.
_PART = re.compile(r"^(?:附录|第)\s*[一二三四五六七八九十百\d]")
_REMARK_ENDINGS = ("提示", "提醒", "建议", "注意", "警告", "说明", "贴士")
_FOR_EXAMPLE = re.compile(r"\s*(?:例如|比如|譬如)")
# Opposite pairs: a clause that says one in one item and the other in a sibling makes a contrast.
_POLAR = re.compile(r"不需要|无需|不需|需要|不支持|支持|不能|能够|不可以|可以")
_POSITIVE = {"需要", "支持", "能够", "可以"}


@dataclass(frozen=True)
class Term:
    """A labelled list item: its label, its text after the colon, and where it stands."""

    label: str
    body: str
    passage: Passage


def _term(passage: Passage) -> Term | None:
    if passage.kind not in ("list_item", "paragraph"):
        return None
    match = _LABEL.match(passage.text)
    if not match:
        return None
    label, body = match.group(1).strip(), match.group(2).strip()
    bold = [b.strip("“”\"「」 ") for b in passage.bold]
    # A label is bold, or a short name with Chinese in it; never a sentence's opening words.
    if label not in bold and _ALIAS_TAIL.sub("", label) not in bold:
        plain = _ALIAS_TAIL.sub("", label)  # "服务 (service)" names 服务
        if len(plain) > 12 or not CJK.search(plain) or " " in plain:
            return None
    label = _without_alias(label).strip("“”\"「」 ")
    if len(label) < 2 or len(body) < 6 or label.casefold() in _REMARKS or label.endswith(_REMARK_ENDINGS):
        return None
    if _PART.match(label) or _ORDINAL.search(label):
        return None
    if not (CJK.match(label) or label[:1].isascii() and label[:1].isalnum()):
        return None  # "💡 笔者提示", "⚠️ 注意": a remark
    return Term(label, body, passage)


def _without_alias(label: str) -> str:
    """The label without a bracket giving its other name: a translation ("Cluster (集群)",
    "服务 (service)"), an expansion ("OCI (Open Container Initiative)") or a longer form
    ("Swarm (Docker Swarm)"). A bracket of the label's own script that is none of these qualifies
    it ("Deploy (Staging)" beside "Release (Production)") and stays: without it two labels read alike."""
    tail = _ALIAS_TAIL.search(label)
    if not tail:
        return label
    head, inner = label[: tail.start()], tail.group(0).strip(" （）()")
    if bool(CJK.search(head)) != bool(CJK.search(inner)) or _spelled_of(head, inner) or _spelled_of(inner, head):
        return head
    return label


def _spelled_of(short: str, long: str) -> bool:
    """Whether the short name is written of the long one's letters, in order, from its first
    (OCI of Open Container Initiative, Cgroups of Control Groups, K8s of Kubernetes)."""
    short, long = (re.sub(r"[^0-9a-z]", "", t.casefold()) for t in (short, long))
    if not short or not long or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


def label_of(passage: Passage) -> str:
    """The term a labelled item defines ("部分虚拟化" for "**部分虚拟化**：…"), else ""."""
    term = _term(passage)
    return term.label if term is not None else ""


# A label that only numbers or orders the items ("阶段 1", "第一步", "方法二") names no term.
_ORDINAL = re.compile(r"^(?:阶段|步骤|第|方法|方式|方案|选项|情况|场景|例|示例|phase|step|option|case)\s*[\d一二三四五六七八九十]+|[\d一二三四五六七八九十]+$", re.I)
_WHEN = re.compile(r"^(?:何时|什么时候|何种情况|哪些情况|适合|适用|为什么|为何)")
_USED = 0.5  # of a group's labels at least this share the notes also name elsewhere
# A lead-in saying its list gives points (limits, merits, problems), not things: "…的以下限制：",
# "带来如下好处："
_POINTS_LEAD = re.compile(r"(?:限制|局限|问题|优点|优势|好处|缺点|不足|弊端|特点|挑战|痛点|原因|改进|收益|价值|意义)\s*[：:]?\s*$")


@per_corpus
def term_groups(corpus: Corpus) -> list[list[Term]]:
    """Sibling terms: consecutive labelled items under one heading and lead-in, split where an
    item announces its own kinds ("…细分为如下几类"). A group counts when its labels are terms the
    notes use: half of them named in some other passage as well (a list of one-off summaries —
    "操作简化：管理员无需…" — labels what it says, and asking for the label asks for a paraphrase)."""
    groups: list[list[Term]] = []
    current: list[Term] = []
    previous: Passage | None = None
    for passage in corpus.passages:
        term = _term(passage)
        breaks = (
            term is None
            or previous is None
            or previous.file != passage.file
            or previous.section != passage.section
            or previous.context != passage.context
            or passage.id != previous.id + 1
        )
        if breaks and current:
            groups.append(current)
            current = []
        if term is not None:
            current.append(term)
            previous = passage
            if _SUBDIVIDES.search(term.body):
                groups.append(current)
                current = []
        else:
            previous = None
    if current:
        groups.append(current)
    groups = [g for g in groups if len({normalize(t.label) for t in g}) >= 2]
    if not groups:
        return groups
    joined = "\0".join(normalize(p.text) for p in corpus.passages if p.kind not in ("code", "table", "list", "gated"))

    def used(term: Term) -> bool:
        return joined.count(normalize(term.label)) > normalize(term.passage.text).count(normalize(term.label))

    def named(group: list[Term]) -> bool:
        labels = [t.label for t in group]
        suffix = common_suffix(labels)
        if len(suffix) >= 2 and CJK.search(suffix) or all(not CJK.search(label) for label in labels):
            return True  # kinds of one thing (…方案, …虚拟化), or things by their Latin names
        heading = group[0].passage.section[-1:] or ("",)
        if generic_title(heading[0]) or _ROLE_END.search(clean_title(heading[0])) or _WHEN.match(clean_title(heading[0])):
            # "最佳实践", "适用场景", "功能优势", "何时使用…": a list of points, each labelled by what
            # it says; its labels overlap in meaning (更好的容错性, 独立重试), so asking for one
            # asks for a paraphrase, whatever the notes name elsewhere.
            return False
        if _POINTS_LEAD.search(group[0].passage.context):
            return False  # "…解决了传统 Ingress 的以下限制：": points again, each labelled by what it says
        if sum(used(t) for t in group) >= _USED * len(group):
            return True  # terms the notes use
        return all(not CJK.search(label) for label in labels)

    return [g for g in groups if named(g)]


def _noun(group: list[Term]) -> str:
    """What the terms are kinds of, when their shared ending is also what their lead-in or heading
    speaks of ("虚拟化技术，从大类上可分为：" over 完全虚拟化, 部分虚拟化…); else nothing."""
    labels = [t.label for t in group]
    suffix = common_suffix(labels)
    if len(suffix) < 2 or not CJK.search(suffix) or suffix in labels:
        return ""
    first = group[0].passage
    said = first.context + " ".join(first.section[-1:])
    return suffix if suffix in said else ""


_DESCRIBED = 30


# A clause that only sets a condition ("如果新版本出现问题，…") says nothing without the next one.
_CONDITION = re.compile(r"^(?:如果|若|假如|假设|倘若|要是|当|一旦|只要|除非|在)")
# A clause that takes something back from the one before: an exception, a restriction, a "but".
_EXCEPT = re.compile(r"^\s*(?:除了|除|但是|但|不过|然而|只有|只是|仅|否则|除非)")


def _names(text: str, label: str) -> bool:
    """Whether a text names a label: a Latin label as a word of its own ("ON" is not in "exclusion")."""
    where, name = normalize(text), normalize(label)
    if name.isascii():
        return bool(re.search(rf"(?<![a-z0-9_]){re.escape(name)}(?![a-z0-9_])", where))
    return name in where


def describe(term: Term, labels: list[str]) -> str:
    """The term's first sentence without asides, cut before a clause that names a term of its group
    (so "…所以属于平台虚拟化" does not give itself away), and before a clause that would make it
    longer than _DESCRIBED characters (a right answer twice as long as the others stands out); a
    condition is never cut from the clause it is the condition of."""
    first = sentences(strip_asides(term.body))
    if not first:
        return ""
    sentence = first[0].rstrip("。；;！？!? ")
    if len(sentence) < 8 and len(first) > 1:  # too short alone: with the next one, as the notes join them
        sentence = first[0] + first[1].rstrip("。；;！？!? ")
    kept: list[str] = []
    for part in re.split(r"(?<=[，,])", sentence):
        if kept and not (len(kept) == 1 and _CONDITION.match(kept[0])) and (
            any(_names(part, label) for label in labels)
            or _FOR_EXAMPLE.match(part)
            or _SUBDIVIDES.search(part)  # "又可以细分为如下几类" says what follows, not what it is
            or len("".join(kept)) + len(part.rstrip("，, ")) > _DESCRIBED and _telling("".join(kept), _TELLING_CUT)
        ):
            if _EXCEPT.match(part):
                return ""  # "…启用 RBAC，除 exclusion 中的之外": without its exception it says another thing
            break  # examples are asked on their own
        kept.append(part)
    text = "".join(kept).rstrip("，, ")
    if normalize(term.label) in normalize(text):
        text = blank(text, term.label)
    return text


def examples_of(term: Term) -> list[str]:
    """The names the notes give as examples of the term ("例如VMware Workstation、VirtualBox")."""
    return list(dict.fromkeys(name for names in _example_lists(term) for name in names))


_examples = examples_of


def _example_lists(term: Term) -> list[list[str]]:
    """The term's examples, one list for each place the notes give some ("例如A、B、C等")."""
    found: list[list[str]] = []
    for pattern in _EXAMPLES:
        for match in pattern.finditer(term.body):
            names = []
            for raw in _EXAMPLE_SPLIT.split(match.group(1).strip()):
                name = _EXAMPLE_NOISE.sub("", raw.strip()).strip()
                names.append(_EXAMPLE_NOISE.sub("", name).strip())
            # Only a list made of names counts ("例如有了 Intel-VT 技术的支持，…" is no list): Latin
            # names, or Chinese names of one kind (虚拟机技术、容器技术).
            if all(n and _LATIN.search(n) and len(n) <= 40 and not CJK.search(n) for n in names) or _kind_names(names):
                found.append(list(dict.fromkeys(names)))
    return found


def _kind_names(names: list[str]) -> bool:
    """Two or more Chinese names of one kind: short, all Chinese, a shared ending of two
    characters (虚拟机技术、容器技术) and no opening of a clause."""
    if len(names) < 2 or not all(2 < len(n) <= 8 and _CHINESE_NAME.match(n) and not opens_clause(n) for n in names):
        return False
    return len(common_suffix(names)) >= 2


_CHINESE_NAME = re.compile(r"^[\u4e00-\u9fff]+$")


def _contains(names: list[str], name: str) -> bool:
    return any(overlaps(name, other) for other in names)


def _related(a: Term, b: Term) -> bool:
    """One term's text names the other: "硬件辅助虚拟化 … 实现“完全虚拟化”的功能"."""
    return normalize(b.label) in normalize(a.body) or normalize(a.label) in normalize(b.body)


def _polarity(term: Term) -> dict[str, bool]:
    """Clauses with a need/support word, keyed with that word blanked: {"客户操作系统□进行修改": False}."""
    found: dict[str, bool | None] = {}
    for clause in clauses(term.body):
        words = _POLAR.findall(clause)
        if len(words) != 1 or len(clause) > 30:
            continue
        key = _POLAR.sub("□", clause)
        positive = words[0] in _POSITIVE
        found[key] = positive if found.get(key, positive) == positive else None  # None: says both
    return {k: v for k, v in found.items() if v is not None}


@per_corpus
def related_terms(corpus: Corpus) -> dict[str, set[str]]:
    """For each labelled term, the terms the notes tie to it, which make no fair wrong answer for
    it: the one it is a kind of and its own kinds (平台虚拟化 "细分为如下几类" over 硬件辅助虚拟化…,
    at any depth), and terms either one's text names (硬件辅助虚拟化 "实现完全虚拟化的功能")."""
    groups = term_groups(corpus)
    terms = [t for g in groups for t in g]
    related: dict[str, set[str]] = {t.label: set() for t in terms}
    for a in terms:
        for b in terms:
            if a.label != b.label and _related(a, b):
                related[a.label].add(b.label)
    parent: dict[str, str] = {}
    for before, after in zip(groups, groups[1:]):
        head, first = before[-1], after[0]
        if _SUBDIVIDES.search(head.body) and first.passage.id == head.passage.id + 1:
            for child in after:
                parent.setdefault(child.label, head.label)
    for label in list(related):
        seen: set[str] = set()
        up = parent.get(label)
        while up is not None and up not in seen and up != label:
            seen.add(up)
            related[label].add(up)
            related.setdefault(up, set()).add(label)
            up = parent.get(up)
    return related


def term_drafts(corpus: Corpus) -> Iterator[Draft]:
    groups = term_groups(corpus)
    kinds = _kinds(groups)
    for group in groups:
        labels = [t.label for t in group]
        noun = _noun(group)
        yield from _definitions(group, labels, noun)
        yield from _contrasts(group, noun)
        yield from _examples_drafts(group, noun, kinds)
    yield from _subdivision_drafts(groups)


_SHOWN_KINDS = 3  # "which is not one of X's kinds" shows this many of them


def _kinds(groups: list[list[Term]]) -> dict[str, list[str]]:
    """For a term that announces its own kinds ("平台虚拟化又可以细分为如下几类"), their labels."""
    found: dict[str, list[str]] = {}
    for before, after in zip(groups, groups[1:]):
        head = before[-1]
        if _SUBDIVIDES.search(head.body) and after[0].passage.id == head.passage.id + 1:
            found.setdefault(head.label, [t.label for t in after])
    return found


def _subdivision_drafts(groups: list[list[Term]]) -> Iterator[Draft]:
    """A term that announces its own kinds ("平台虚拟化又可以细分为如下几类") and has three or more:
    which option is not one of them? The right answer is a sibling of the term (应用虚拟化), which
    the notes set beside it, not below it."""
    for before, after in zip(groups, groups[1:]):
        head = before[-1]
        if not _SUBDIVIDES.search(head.body) or after[0].passage.id != head.passage.id + 1:
            continue
        kinds = [t.label for t in after]
        siblings = [t for t in before if t is not head and t.label not in kinds]
        if len(kinds) < _SHOWN_KINDS or not siblings:
            continue
        suffix = common_suffix(kinds)
        for sibling in siblings:
            if suffix and not sibling.label.endswith(suffix):
                continue  # a look unlike the kinds' would give it away
            opening = sentences(sibling.body)[:1]
            yield Draft(
                kind="not_kind",
                question=fill(texts.QUIZ_NOT_KIND, category=head.label),
                answer=sibling.label,
                tiers=(tuple(kinds),),
                why="\n".join(
                    (
                        quoted(head.passage, *[m.group(0) for m in [_SUBDIVIDES.search(head.body)] if m], label=head.label),
                        quoted(sibling.passage, *[o[:_NEEDLE] for o in opening], label=sibling.label),
                    )
                ),
                passage=head.passage,
                min_options=4,
                extra_key=sibling.label,
            )
            break


def _shares_clause(text: str, body: str) -> bool:
    """Whether a clause of the text (of some length) is also said in the body."""
    where = normalize(body)
    return any(len(c) >= 6 and normalize(c) in where for c in clauses(text))


def _telling(text: str, least: int = 6) -> bool:
    """A description that can tell a term apart: some Chinese words, not a bare pointer elsewhere,
    nor a lead-in to what follows it ("…可能因为以下原因无法正常调度：": the reasons are below)."""
    return len(CJK.findall(text)) >= least and not _POINTER.match(text) and not _LEADS_IN.search(text)


# A description ending in a colon, or pointing at what follows it ("以下原因", "如下").
_LEADS_IN = re.compile(r"[：:]\s*$|(?:以下|如下)")


_NEEDLE = 8  # characters of a description that find its sentence (its asides are left out)
_TELLING_CUT = 12  # Chinese characters a description keeps before it is cut for length


def _stem(label: str, labels: list[str]) -> str:
    """What sets the term apart from its siblings: the label without their shared ending
    ("部分" of 部分虚拟化 among …虚拟化)."""
    suffix = common_suffix(labels)
    return label[: -len(suffix)] if suffix and CJK.search(suffix) and len(label) > len(suffix) else label


def _echoes(text: str, stem: str) -> bool:
    """Whether a description repeats the words that name its term ("只针对部分硬件资源" for
    部分虚拟化, "其服务的对象是应用程序" for 应用虚拟化, "操作系统实例" for 操作系统级虚拟化):
    two characters or more, and at least half of the distinguishing part of the name."""
    where, stem = normalize(text), normalize(stem)
    for size in range(len(stem), 1, -1):
        if 2 * size < len(stem):
            break
        if any(stem[i : i + size] in where for i in range(len(stem) - size + 1)):
            return True
    return False


def _shared_name(texts_: Iterable[str], labels: list[str]) -> str:
    """A Latin name every description says and no label holds ("HEALTHCHECK" in how Kubernetes,
    Swarm and Compose each treat it): what the descriptions are about, which "what is X" hides."""
    said = [set(_NAME.findall(t)) for t in texts_]
    if len(said) < 2:
        return ""
    named = " ".join(labels).casefold()
    return next((n for n in sorted(set.intersection(*said)) if n.casefold() not in named), "")


_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9_\-]{2,}")


def _definitions(group: list[Term], labels: list[str], noun: str) -> Iterator[Draft]:
    described = {t.label: describe(t, labels) for t in group}
    about = _shared_name((t.body for t in group), labels)
    counts: dict[str, int] = {}
    for text in described.values():
        counts[normalize(text)] = counts.get(normalize(text), 0) + 1
    asked = 0  # one item a term, definition and description in turn
    for term in group:
        text = described[term.label]
        if not _telling(text) or counts[normalize(text)] > 1:
            continue
        if _echoes(text, _stem(term.label, labels)):
            continue  # matching words would find the pairing, not knowing it: either way round
        if texts.QUIZ_BLANK in text and not _telling(text, _TELLING_CUT):
            continue  # "在默认____模式下": the term's own name was most of what it said
        opening = [c[:_NEEDLE] for c in clauses(text) if texts.QUIZ_BLANK not in c][:1]
        why = quoted(term.passage, *opening, label=term.label)
        template = texts.QUIZ_DEFINITION if noun else texts.QUIZ_DEFINITION_PLAIN
        asked += 1
        if asked % 2 == 0 and texts.QUIZ_BLANK not in text:
            yield _description(term, text, described, why, about)
            continue
        yield Draft(
            kind="definition",
            question=fill(template, description=text.translate(texts.QUIZ_NESTED_QUOTES), noun=noun),
            answer=term.label,
            # Not a term the description also fits in part ("客户操作系统需要进行修改" is said of two).
            # Nor one the notes tie to it (硬件辅助虚拟化 "实现完全虚拟化的功能").
            tiers=(
                tuple(
                    t.label
                    for t in group
                    if t is not term and not _shares_clause(text, t.body) and not _related(term, t)
                ),
            ),
            why=why,
            passage=term.passage,
        )


def _description(term: Term, text: str, described: dict[str, str], why: str, about: str = "") -> Draft:
    """The other way round: which description is this term's? Descriptions naming the term
    itself (硬件辅助虚拟化 "实现完全虚拟化的功能" when asking about 完全虚拟化) are left out.
    When every description speaks of one thing (``about``), the question names it: what the term
    does with it is asked, not what the term is."""
    others = tuple(
        d
        for label, d in described.items()
        if label != term.label
        and not _shares_clause(d, term.body)
        and _telling(d)
        and normalize(term.label) not in normalize(d)
        and texts.QUIZ_BLANK not in d
    )
    return Draft(
        kind="description",
        question=fill(texts.QUIZ_DESCRIPTION_ABOUT, term=term.label, about=about) if about else fill(texts.QUIZ_DESCRIPTION, term=term.label),
        answer=text,
        tiers=(others,),
        why=why,
        passage=term.passage,
        min_options=3,
    )




def _contrasts(group: list[Term], noun: str) -> Iterator[Draft]:
    """Which kind needs / does not need …, one item a fact: asked of the one kind alone on its side
    when there is one; when each side has several ("客户操作系统需要进行修改" of 部分虚拟化 and
    超虚拟化, "无需" of two others), which pair is it — each kind shows in two of the four pairs,
    so counting what the options share finds nothing."""
    polarities = {t.label: _polarity(t) for t in group}
    by_label = {t.label: t for t in group}
    keys = sorted({k for p in polarities.values() for k in p})
    for key in keys:
        sides = {label: p[key] for label, p in polarities.items() if key in p}
        if len(set(sides.values())) < 2:
            continue
        said = {
            label: next(c for c in clauses(by_label[label].body) if _POLAR.sub("□", c) == key) for label in sides
        }
        on = {side: [l for l, s in sides.items() if s == side] for side in (True, False)}
        lone = [side for side in (True, False) if len(on[side]) == 1 and len(on[not side]) >= 2]
        if lone:
            (label,) = on[lone[0]]
            template = texts.QUIZ_CONTRAST if noun else texts.QUIZ_CONTRAST_PLAIN
            yield Draft(
                kind="contrast",
                question=fill(template, noun=noun, clause=said[label]),
                answer=label,
                tiers=(tuple(on[not lone[0]]),),
                why=quoted(by_label[label].passage, said[label], label=label),
                passage=by_label[label].passage,
                min_options=3,
                extra_key=key,
            )
            continue
        if len(on[True]) < 2 or len(on[False]) < 2:
            continue
        (a, b), (c, d) = on[True][:2], on[False][:2]
        pair = texts.QUIZ_LIST_SEPARATOR.join
        template = texts.QUIZ_CONTRAST_GROUP if noun else texts.QUIZ_CONTRAST_GROUP_PLAIN
        yield Draft(
            kind="contrast",
            question=fill(template, noun=noun, clause=said[a]),
            answer=pair((a, b)),
            tiers=((pair((a, c)), pair((b, d)), pair((c, d))),),
            why="\n".join(quoted(by_label[x].passage, said[x], label=x) for x in (a, b)),
            passage=by_label[a].passage,
            min_options=4,
            extra_key=key,
        )


_TRUE_EXAMPLES = 3  # "which is NOT an example of X" shows this many of X's own examples


def _home(group: list[Term], example: str) -> str:
    """The kind whose text names the example most often, "" when two name it as often."""
    counts = sorted(((t.passage.text.count(example), t.label) for t in group), reverse=True)
    return counts[0][1] if counts and counts[0][0] > (counts[1][0] if len(counts) > 1 else 0) else ""


def _spread(rounds: list[tuple[str | None, ...]], example: str) -> tuple[str, ...]:
    """Wrong examples for an example: one of each other kind a round, as few rounds as make three
    (three of one kind leave the answer the odd one out: FreeBSD Jail among three desktop
    hypervisors), each written like it (a lone Latin name among Chinese ones stands out)."""
    chosen: list[str] = []
    for turn in rounds:
        if len(chosen) >= MAX_OPTIONS - 1:
            break
        chosen += [n for n in turn if n is not None and bool(CJK.search(n)) == bool(CJK.search(example))]
    return tuple(chosen)


def _examples_drafts(group: list[Term], noun: str, kinds: Mapping[str, list[str]] = {}) -> Iterator[Draft]:
    """One fact an item: the first example listed under this kind alone asks for its kind, the
    next one asks which option is an example of the kind; when one place in the notes lists three
    examples, which option is not one of them."""
    examples = {t.label: _examples(t) for t in group}
    odd_ones: list[str] = []  # "not an example" answers so far: another term takes another one
    for term in group:
        own = examples[term.label]
        # Categories that could not be mistaken for this one: not named in its text, nor it in theirs.
        unrelated = [t for t in group if t.label != term.label and not _related(term, t)]
        unique_own = [
            e for e in own if [l for l, names in examples.items() if _contains(names, e)] == [term.label]
        ]
        template = texts.QUIZ_CATEGORY_OF if noun else texts.QUIZ_CATEGORY_OF_PLAIN
        # Then the kinds of an unrelated one (WINE, 应用虚拟化: not 平台虚拟化, nor any of its kinds).
        below = tuple(k for t in unrelated for k in kinds.get(t.label, ()) if k != term.label)
        for example in unique_own:  # the first that makes an item is asked
            yield Draft(
                group="category:" + term.label,
                kind="category_of",
                question=fill(template, example=example, noun=noun),
                answer=term.label,
                tiers=(tuple(t.label for t in unrelated), below),
                why=quoted(term.passage, example, label=term.label),
                passage=term.passage,
                min_options=3,
                extra_key=example,
                anchor=example,
            )
        # Wrong answers: examples of unrelated kinds only, and each of one kind only (VMware
        # Workstation, filed under two kinds, shows the kinds overlap: the notes may well call it
        # like this one too).
        related = {term.label} | {t.label for t in group if _related(term, t)}
        by_kind = [
            [
                name
                for name in examples[t.label]
                if not any(_contains(examples[r], name) for r in related)
                and sum(_contains(names, name) for names in examples.values()) == 1
            ]
            for t in unrelated
        ]
        # A kind's examples in turn with the others' (FreeBSD Jail, Xen, VirtualBox); of one other
        # kind alone, three wrong answers whose names show their kind leave the answer the odd one
        # out: no item.
        foreign_rounds = list(itertools.zip_longest(*by_kind))
        foreign = tuple(name for turn in foreign_rounds for name in turn if name is not None)
        # Any other example of it (the one asked for its category excepted, when there are more);
        # one filed under another kind too only where the notes name it most (VMware Workstation,
        # said twice of 完全虚拟化 and once of 硬件辅助虚拟化): elsewhere it would be taught as the
        # example of a kind the notes mostly file it beside.
        others = [*unique_own[1:], *(e for e in own if e not in unique_own and _home(group, e) == term.label)]
        for example in others if sum(bool(names) for names in by_kind) >= 2 else ():
            yield Draft(
                group="example:" + term.label,
                kind="example_of",
                question=fill(texts.QUIZ_EXAMPLE_OF, category=term.label),
                answer=example,
                tiers=(_spread(foreign_rounds, example),),
                why=quoted(term.passage, example, label=term.label),
                passage=term.passage,
                min_options=3,
                extra_key=example,
                anchor=example,
            )
        shown = next((names[:_TRUE_EXAMPLES] for names in _example_lists(term) if len(names) >= _TRUE_EXAMPLES), [])
        look = {bool(CJK.search(n)) for n in shown}
        odd = [n for n in foreign if {bool(CJK.search(n))} == look]
        if shown and odd:
            # Each odd one in turn (those another term took last): the first that makes an item
            # (one whose look does not give it away) is asked.
            ranked = sorted(odd, key=lambda n: (n in odd_ones, hashlib.sha256(f"{term.label}\0{n}".encode()).hexdigest()))
            odd_ones.append(ranked[0])
            for answer in ranked:
                yield Draft(
                    kind="not_example",
                    question=fill(texts.QUIZ_NOT_EXAMPLE, category=term.label),
                    answer=answer,
                    tiers=(tuple(shown),),
                    why=quoted(term.passage, *shown, label=term.label),
                    passage=term.passage,
                    min_options=4,
                    extra_key="not:" + answer,
                    anchor=shown[0],
                    group="not:" + term.label,
                )
