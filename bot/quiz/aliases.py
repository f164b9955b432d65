"""Chinese terms and the English names the notes give them: `部署（deployment）` asked both ways."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.item import Draft, mentions, normalize, overlaps, quoted
from bot.quiz.memo import per_corpus
from bot.quiz.passages import source_text
from bot.quiz.renderings import renderings
from bot.quiz.terms import related_terms
from bot.quiz.text import CJK, common_suffix, fill, opens_clause, sentences
from bot.search.glossary import translations

__all__ = ["alias_drafts", "glossary", "other_names"]

# A term is a noun phrase: what the parser caught before a bracket may be the tail of a clause
# ("…翻译成主机物理地址", "主机系统产生异常", "是否可以扩展", "否受到限制" cut from 是否). Verbs and
# particles like these mark such tails.
_NOT_A_TERM = re.compile(r"[成把被将让使了着过]|产生|进行|通过|提供|出现|发生|导致|是否|可以|能否|能够|^否")
# "译成主机物理地址": the noun after a one-character verb ending is the term.
_AFTER_VERB = re.compile(r"^.*[成把被将让使]")
_ACRONYM = re.compile(r"^[A-Z0-9\-/]{2,10}$")
_WORD = re.compile(r"[A-Za-z]{3,}")
_WORDS_APART = 2  # English wrong answers have at most this many words more or fewer than the answer


# "常见的设备有路由器": a list's opening verb after a subject of two characters or more.
_OPENING = re.compile(r"^[\u4e00-\u9fff]{2,}?(?:包括|包含|例如|比如|有)(?=[\u4e00-\u9fff]{2})")
# "对多架构镜像", "C 表示变更": a particle or a verb that opens the clause is no part of the term.
_LEADING = re.compile(r"^(?:另有|还有|也有|表示|称为|叫做|也叫|即为|就是|[对在从为将把被让使向给与和及或即是])(?=[\u4e00-\u9fff]{2})")
# An English *name*: words, not a file, an address, a unit or a list of tools ("init-db.sh",
# "get.docker.com", "MB/s", "Trivy/Grype/Snyk").
_NAME = re.compile(r"^[A-Za-z](?:[A-Za-z0-9\- ]|(?<=\b[A-Z])/(?=[A-Z]\b))+[A-Za-z0-9]$")  # "I/O" is a word


def _clean(term: str) -> str:
    """The term itself, or "" when what stands before the bracket is no term."""
    term = _LEADING.sub("", _OPENING.sub("", term))
    if not _NOT_A_TERM.search(term):
        return term
    rest = _AFTER_VERB.sub("", term)
    return rest if len(rest) >= 3 and CJK.match(rest) and not _NOT_A_TERM.search(rest) else ""


@per_corpus
def _pairs(corpus: Corpus) -> list[tuple[str, str, Passage]]:
    """(term, English name, passage) for each `术语（English）` pair, the first name of each term."""
    found: list[tuple[str, str, Passage]] = []
    seen: set[str] = set()
    for raw, alias in corpus.aliases:
        term = _clean(raw)
        if not term or term in seen or _ACRONYM.match(alias) or not _NAME.match(alias) or len(term) < 2:
            continue
        passage = next(
            (p for p in corpus.passages if source_text(p) and (f"{raw}（{alias}" in p.text or f"{raw}({alias}" in p.text)),
            None,
        )
        if passage is None or re.search(rf"的{re.escape(term)}[（(]{re.escape(alias)}", passage.text):
            continue  # "基于属性的访问控制（Attribute-based Access Control）": 访问控制 is the end of a longer name
        seen.add(term)
        found.append((term, alias, passage))
    return found


@per_corpus
def glossary(corpus: Corpus) -> list[tuple[str, str, Passage]]:
    """The pairs worth asking: not those whose shared word gives the answer away
    ("Linux容器（Linux Containers）")."""
    return [(t, a, p) for t, a, p in _pairs(corpus) if not overlaps(t, a) and not _shared_word(t, a)]


@per_corpus
def other_names(corpus: Corpus) -> dict[str, frozenset[str]]:
    """For each name the notes give another name in brackets ("标签 (Label)", "Linux容器（Linux
    Containers，LXC）"), its other names, every way, compared normalized: a question holding one
    of them tells the others."""
    groups: dict[str, set[str]] = {}
    for raw, alias in corpus.aliases:
        term = _clean(raw)
        if len(term) >= 2 and (_ACRONYM.match(alias) or _NAME.match(alias)):
            groups.setdefault(normalize(term), {normalize(term)}).add(normalize(alias))
    found: dict[str, set[str]] = {}
    for names in groups.values():
        for one in names:
            found.setdefault(one, set()).update(other for other in names if other != one and len(other) >= 2)
    return {name: frozenset(names) for name, names in found.items() if names}


_LATIN = re.compile(r"[A-Za-z]{2,}")


def _shared_word(term: str, alias: str) -> bool:
    """Whether a Latin word of the term is in its English name too (IO in "I/O")."""
    words = {w.casefold() for w in _LATIN.findall(term)}
    return any(w.casefold() in words for w in _LATIN.findall(re.sub(r"(?<=\w)[/\-](?=\w)", "", alias)))


def _word_kin(a: str, b: str) -> bool:
    """English names of one family: they share a word of five letters or more, also inside a
    compound (virtualization in paravirtualization)."""
    words_a = [w.casefold() for w in _WORD.findall(a) if len(w) >= 5]
    words_b = [w.casefold() for w in _WORD.findall(b) if len(w) >= 5]
    return any(x in y or y in x for x in words_a for y in words_b)


def _like_sized(a: str, b: str) -> bool:
    """English names of about one size: a seven-word specification is no fair wrong answer for
    a two-word name ("Single Root I/O Virtualization and Sharing Specification" beside
    "computing virtualization")."""
    return abs(len(a.split()) - len(b.split())) <= _WORDS_APART


def _term_kin(a: str, b: str) -> bool:
    """Chinese terms of one family: a shared ending of two characters or more (…虚拟化, …地址)."""
    tail = common_suffix([a, b])
    return len(tail) >= 2 and bool(CJK.search(tail)) and tail not in (a, b)


def _plain(term: str) -> bool:
    """A Chinese term as a wrong answer: a name, not a phrase ("权限/挂载", "将 Wasm 打包为…")."""
    return bool(CJK.match(term)) and not re.search(r"[\s/、，,]", term) and not opens_clause(term)


def _sentence(passage: Passage, alias: str) -> str:
    """The sentence giving the term its English name in brackets."""
    return next((s for s in sentences(passage.text) if f"（{alias}" in s), passage.text).strip()


_ENGLISH_WORD = re.compile(r"[A-Za-z]+")


def glossed(alias: str, term: str, others: list[str]) -> bool:
    """Whether the English name needs no notes to match its Chinese term: the bilingual glossary
    turns it, whole or word by word, into the term ("computing virtualization" → 计算虚拟化), or
    some of its words into a part of the term that none of the other Chinese options shares
    ("Type-2 Hypervisor": hypervisor → 虚拟机管理软件)."""
    where = normalize(term)
    if any(normalize(t) and normalize(t) in where for t in translations(alias.casefold())):
        return True
    words = _ENGLISH_WORD.findall(alias.casefold())
    found = [next((t for t in translations(w) if normalize(t) and normalize(t) in where), "") for w in words]
    if words and all(found):
        return True
    parts = [normalize(t) for t in found if t]
    if parts and not any(p in normalize(o) for p in parts for o in others):
        return True
    # A character of the term a dictionary rendering of one of the words has, and no other option
    # ("Changed": 变化 for 变更 among 新增, 删除; "batch": 批量 for 批处理型; "Digest": 文摘 for
    # 镜像摘要): one character is clue enough when only the answer has it.
    said = {c for w in words for form in _forms(w) for r in renderings(form) for c in r if CJK.match(c)}
    return any(c in said and not any(c in o for o in others) for c in term)


_ENDINGS = ("ful", "less", "ness", "ing", "ed", "s")


def _forms(word: str) -> list[str]:
    """The word and, where it ends like one, its stem ("stateful": state; "tags": tag)."""
    return [word, *(word[: -len(e)] for e in _ENDINGS if word.endswith(e) and len(word) - len(e) >= 3)]


def alias_drafts(corpus: Corpus) -> Iterator[Draft]:
    """Wrong answers of the same family only: names listed with it in one sentence (封装, 分发,
    部署, 运行), or sharing a word or an ending with it; a term the notes tie to it never. Fewer
    than two such: no item (an odd one out would give the answer away)."""
    every = _pairs(corpus)
    pairs = glossary(corpus)
    related = related_terms(corpus)
    # The Chinese wrong answers are terms the notes give English names too: asked for a term's
    # Chinese name, a learner weighs terms ("覆盖网络" beside "集群网络"), not the labels of a
    # list of tasks ("清理网络", "配置网络").
    chinese = list(dict.fromkeys(t for t, _, _ in every))
    for term, alias, passage in pairs:
        why = _sentence(passage, alias)
        listed = [(t, a) for t, a, p in every if p.id == passage.id and t != term and f"（{a}" in why]
        listed_zh = [
            t for t, a, p in pairs if p.id == passage.id and t != term and f"（{a}" in why and _plain(t)
        ]
        ties = related.get(term, set())
        english = [
            a
            for t, a, _ in every
            if t != term and t not in ties and ((t, a) in listed or _word_kin(a, alias)) and _like_sized(a, alias)
        ]
        # Chinese terms: those listed with it, or of its family and not said in its own sentence
        # (where they may be another name for it: "计算虚拟化…或通常说的服务器虚拟化").
        names = [
            t
            for t in chinese
            if t != term
            and t not in ties
            and term not in related.get(t, set())
            and (t in listed_zh or (_term_kin(t, term) and not mentions(why, t)))
            and _plain(t)
        ]
        # A list of pairs in one sentence asks each pair one way, turn about; a lone pair both ways.
        order = sorted([term, *(t for t, _ in listed)], key=why.find)
        turn = order.index(term) % 2 if len(order) >= 3 else 1  # one way only: one item a fact
        chinese_of = {a: t for t, a, _ in every}
        if glossed(alias, term, [*listed_zh, *names, *(chinese_of[a] for a in english)]):
            continue  # a dictionary, not the notes, would answer it
        why = quoted(passage, why)
        if turn == 0:
            yield Draft(
                kind="alias_en",
                question=fill(texts.QUIZ_ALIAS_ENGLISH, term=term),
                answer=alias,
                tiers=(tuple(english),),
                why=why,
                passage=passage,
                min_options=3,
                anchor=why,
            )
        if turn == 1:
            yield Draft(
                kind="alias_zh",
                question=fill(texts.QUIZ_ALIAS_CHINESE, alias=alias),
                answer=term,
                tiers=(tuple(listed_zh), tuple(names)),
                why=why,
                passage=passage,
                min_options=3,
                anchor=why,
            )
