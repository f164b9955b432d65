"""Terms the notes define in labelled lists (`**完全虚拟化**：…`): definitions, contrasts and examples."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.notes.quiz.item import Draft, normalize, overlaps
from bot.notes.quiz.text import CJK, blank, clauses, common_suffix, opens_clause, sentences, strip_asides

__all__ = ["Term", "term_groups", "term_drafts", "related_terms", "label_of"]

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
        if len(label) > 12 or not CJK.search(label) or " " in label:
            return None
    label = _ALIAS_TAIL.sub("", label).strip("“”\"「」 ")
    if len(label) < 2 or len(body) < 6 or label.casefold() in _REMARKS or label.endswith(_REMARK_ENDINGS):
        return None
    if _PART.match(label):
        return None
    if not (CJK.match(label) or label[:1].isascii() and label[:1].isalnum()):
        return None  # "💡 笔者提示", "⚠️ 注意": a remark
    return Term(label, body, passage)


def label_of(passage: Passage) -> str:
    """The term a labelled item defines ("部分虚拟化" for "**部分虚拟化**：…"), else ""."""
    term = _term(passage)
    return term.label if term is not None else ""


def term_groups(corpus: Corpus) -> list[list[Term]]:
    """Sibling terms: consecutive labelled items under one heading and lead-in, split where an
    item announces its own kinds ("…细分为如下几类")."""
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
    return [g for g in groups if len({normalize(t.label) for t in g}) >= 2]


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


def describe(term: Term, labels: list[str]) -> str:
    """The term's first sentence without asides, cut before a clause that names a term of its group
    (so "…所以属于平台虚拟化" does not give itself away), and before a clause that would make it
    longer than _DESCRIBED characters (a right answer twice as long as the others stands out)."""
    first = sentences(strip_asides(term.body))
    if not first:
        return ""
    sentence = first[0].rstrip("。；;！？!? ")
    if len(sentence) < 8 and len(first) > 1:  # too short alone: with the next one, as the notes join them
        sentence = first[0] + first[1].rstrip("。；;！？!? ")
    kept: list[str] = []
    for part in re.split(r"(?<=[，,])", sentence):
        if kept and (
            any(normalize(label) in normalize(part) for label in labels)
            or _FOR_EXAMPLE.match(part)
            or _SUBDIVIDES.search(part)  # "又可以细分为如下几类" says what follows, not what it is
            or len("".join(kept)) + len(part.rstrip("，, ")) > _DESCRIBED and _telling("".join(kept), _TELLING_CUT)
        ):
            break  # examples are asked on their own
        kept.append(part)
    text = "".join(kept).rstrip("，, ")
    if normalize(term.label) in normalize(text):
        text = blank(text, term.label)
    return text


def _examples(term: Term) -> list[str]:
    found: list[str] = []
    for pattern in _EXAMPLES:
        for match in pattern.finditer(term.body):
            names = []
            for raw in _EXAMPLE_SPLIT.split(match.group(1).strip()):
                name = _EXAMPLE_NOISE.sub("", raw.strip()).strip()
                names.append(_EXAMPLE_NOISE.sub("", name).strip())
            # Only a list made of names counts ("例如有了 Intel-VT 技术的支持，…" is no list): Latin
            # names, or Chinese names of one kind (虚拟机技术、容器技术).
            if all(n and _LATIN.search(n) and len(n) <= 40 and not CJK.search(n) for n in names) or _kind_names(names):
                found.extend(names)
    return list(dict.fromkeys(found))


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
    for group in term_groups(corpus):
        labels = [t.label for t in group]
        noun = _noun(group)
        yield from _definitions(group, labels, noun)
        yield from _contrasts(group, noun)
        yield from _examples_drafts(group, noun)


def _shares_clause(text: str, body: str) -> bool:
    """Whether a clause of the text (of some length) is also said in the body."""
    where = normalize(body)
    return any(len(c) >= 6 and normalize(c) in where for c in clauses(text))


def _telling(text: str, least: int = 6) -> bool:
    """A description that can tell a term apart: some Chinese words, not a bare pointer elsewhere."""
    return len(CJK.findall(text)) >= least and not _POINTER.match(text)


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


def _definitions(group: list[Term], labels: list[str], noun: str) -> Iterator[Draft]:
    described = {t.label: describe(t, labels) for t in group}
    counts: dict[str, int] = {}
    for text in described.values():
        counts[normalize(text)] = counts.get(normalize(text), 0) + 1
    for term in group:
        text = described[term.label]
        if not _telling(text) or counts[normalize(text)] > 1:
            continue
        if _echoes(text, _stem(term.label, labels)):
            continue  # matching words would find the pairing, not knowing it: either way round
        if texts.QUIZ_BLANK in text and not _telling(text, _TELLING_CUT):
            continue  # "在默认____模式下": the term's own name was most of what it said
        why = texts.QUIZ_WHY_TERM.format(term=term.label, text=text)
        template = texts.QUIZ_DEFINITION if noun else texts.QUIZ_DEFINITION_PLAIN
        yield Draft(
            kind="definition",
            question=template.format(description=text.translate(texts.QUIZ_NESTED_QUOTES), noun=noun),
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
        # The other way round: which description is this term's? Descriptions naming the term
        # itself (硬件辅助虚拟化 "实现完全虚拟化的功能" when asking about 完全虚拟化) are left out.
        others = tuple(
            d
            for label, d in described.items()
            if label != term.label
            and not _shares_clause(d, term.body)
            and _telling(d)
            and normalize(term.label) not in normalize(d)
            and texts.QUIZ_BLANK not in d
        )
        if texts.QUIZ_BLANK in text:
            continue
        yield Draft(
            kind="description",
            question=texts.QUIZ_DESCRIPTION.format(term=term.label),
            answer=text,
            tiers=(others,),
            why=why,
            passage=term.passage,
            min_options=3,
        )


_POSITIVE_OF = {"不需要": "需要", "无需": "需要", "不需": "需要", "不支持": "支持", "不能": "能够", "不可以": "可以"}


def _contrasts(group: list[Term], noun: str) -> Iterator[Draft]:
    """Which kind needs / does not need …: asked directly when only one kind is on that side;
    when several are ("客户操作系统需要进行修改" of 部分虚拟化 and 超虚拟化 alike) the same question
    would have several right answers, so it becomes "which statement is right / wrong"."""
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
        wording = {side: next(said[l] for l, s in sides.items() if s == side) for side in (True, False)}
        on = {side: [l for l, s in sides.items() if s == side] for side in (True, False)}
        why = texts.QUIZ_WHY_SENTENCE.format(
            text=texts.QUIZ_SIDE_SEPARATOR.join(
                texts.QUIZ_WHY_SIDE.format(terms=texts.QUIZ_LIST_SEPARATOR.join(on[side]), clause=wording[side])
                for side in (True, False)
            )
        )
        for side in (True, False):
            if len(on[side]) != 1:
                continue
            (label,) = on[side]
            template = texts.QUIZ_CONTRAST if noun else texts.QUIZ_CONTRAST_PLAIN
            yield Draft(
                kind="contrast",
                question=template.format(noun=noun, clause=said[label]),
                answer=label,
                tiers=(tuple(on[not side]),),
                why=why,
                passage=by_label[label].passage,
                extra_key=key,
            )
        yield from _statements(key, sides, said, wording, noun, why, by_label)


def _statements(
    key: str,
    sides: dict[str, bool],
    said: dict[str, str],
    wording: dict[bool, str],
    noun: str,
    why: str,
    by_label: dict[str, Term],
) -> Iterator[Draft]:
    """"就「客户操作系统是否需要进行修改」而言，哪一项符合笔记？": one kind with what the notes say
    of it, the others with the opposite (in the notes' own words for the other side); or turned
    round (which one does not)."""
    positive = next(w for w in _POLAR.findall(wording[True]))
    topic = key.replace("□", texts.QUIZ_WHETHER.format(verb=_POSITIVE_OF.get(positive, positive)))
    labels = list(sides)

    def statement(label: str, truthful: bool) -> str:
        side = sides[label] if truthful else not sides[label]
        return texts.QUIZ_STATEMENT.format(term=label, clause=said[label] if truthful else wording[side])

    # A side that several kinds share: the first of them, said rightly among the others said
    # wrongly; when both sides are shared, the second asks the other way round (which is wrong).
    shared = [side for side in (True, False) if sum(s == side for s in sides.values()) >= 2]
    for turn, side in enumerate(shared):
        label = next(l for l in labels if sides[l] == side)
        truthful = turn == 0
        if truthful:
            template = texts.QUIZ_STATEMENT_RIGHT if noun else texts.QUIZ_STATEMENT_RIGHT_PLAIN
        else:
            template = texts.QUIZ_STATEMENT_WRONG if noun else texts.QUIZ_STATEMENT_WRONG_PLAIN
        yield Draft(
            kind="contrast",
            question=template.format(noun=noun, topic=topic),
            answer=statement(label, truthful),
            tiers=(tuple(statement(other, not truthful) for other in labels if other != label),),
            why=why,
            passage=by_label[label].passage,
            min_options=3,
            extra_key=key + ("+" if truthful else "-"),
        )


def _examples_drafts(group: list[Term], noun: str) -> Iterator[Draft]:
    examples = {t.label: _examples(t) for t in group}
    by_label = {t.label: t for t in group}
    for term in group:
        own = examples[term.label]
        # Categories that could not be mistaken for this one: not named in its text, nor it in theirs.
        unrelated = [t for t in group if t.label != term.label and not _related(term, t)]
        for example in own:
            homes = [label for label, names in examples.items() if _contains(names, example)]
            if homes != [term.label]:
                continue  # listed under several kinds: no single right answer
            template = texts.QUIZ_CATEGORY_OF if noun else texts.QUIZ_CATEGORY_OF_PLAIN
            yield Draft(
                kind="category_of",
                question=template.format(example=example, noun=noun),
                answer=term.label,
                tiers=(tuple(t.label for t in unrelated),),
                why=texts.QUIZ_WHY_EXAMPLES.format(term=term.label, examples=texts.QUIZ_LIST_SEPARATOR.join(own)),
                passage=term.passage,
                extra_key=example,
                anchor=example,
            )
        # Which of these is an example of this kind? Wrong answers: examples of unrelated kinds only,
        # and each of one kind only (VMware Workstation, filed under two kinds, shows the kinds
        # overlap: the notes may well call it like this one too).
        related = {term.label} | {t.label for t in group if _related(term, t)}
        foreign = tuple(
            name
            for t in unrelated
            for name in examples[t.label]
            if not any(_contains(examples[r], name) for r in related)
            and sum(_contains(names, name) for names in examples.values()) == 1
        )
        unique_own = [
            e for e in own if [l for l, names in examples.items() if _contains(names, e)] == [term.label]
        ]
        for example in unique_own[:2]:
            yield Draft(
                kind="example_of",
                question=texts.QUIZ_EXAMPLE_OF.format(category=term.label),
                answer=example,
                # Names written like it: a lone Latin name among Chinese ones stands out by its look.
                tiers=(tuple(n for n in foreign if bool(CJK.search(n)) == bool(CJK.search(example))),),
                why=texts.QUIZ_WHY_EXAMPLES.format(term=term.label, examples=texts.QUIZ_LIST_SEPARATOR.join(own)),
                passage=by_label[term.label].passage,
                min_options=3,
                extra_key=example,
                anchor=example,
            )
