"""Cloze on the key term of a bold sentence: the notes' emphasised statement with one term left out."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.aliases import glossary
from bot.quiz.headings import refers
from bot.quiz.item import Draft, mentions, normalize, overlaps, quoted
from bot.quiz.memo import per_corpus
from bot.quiz.passages import source_text
from bot.quiz.terms import (
    _ALIAS_TAIL,
    _REMARK_ENDINGS,
    examples_of,
    label_of,
    related_terms,
    term_groups,
)
from bot.quiz.text import (
    CJK,
    clauses,
    common_suffix,
    fill,
    opens_clause,
    sentences,
    strip_asides,
    strip_label,
)

__all__ = ["cloze_drafts", "enumerations"]

_ENUMERATION = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{2,12}(?:、[\u4e00-\u9fffA-Za-z0-9]{2,12})+")
# Words that open or close a list without being part of its first or last member.
_LIST_OPENER = re.compile(r"^.*?(?:经历了|包括|包含|例如|比如|通过|以及|分为|支持|提供|采用|涉及|覆盖|如|有|是|为|即)")
_LIST_CLOSER = re.compile(r"(?:等等|等|之类|为代表|的)$")
_REPEATED_LABEL = re.compile(r"^(\S{2,24}) (?=\1)")
_QUOTES = "“”\"「」『』 "
_STATEMENT = 8  # a bold phrase with this many Chinese characters is a statement, not a term


@per_corpus
def enumerations(corpus: Corpus) -> list[list[str]]:
    """The named members of each "A、B、C" list in the notes whose ends are certain."""
    found: list[list[str]] = []
    for passage in corpus.passages:
        if not source_text(passage):
            continue
        for match in _ENUMERATION.finditer(passage.text):
            members = _members(passage.text, match)
            if len(members) >= 2:
                found.append(members)
    return found


@per_corpus
def term_pool(corpus: Corpus) -> list[str]:
    """Terms the notes name: labels of defined terms, glossary terms, members of enumerations
    ("大型主机虚拟化、虚拟机虚拟化、容器技术"), and short bold phrases the notes use more than once."""
    pool: list[str] = []
    for group in term_groups(corpus):
        pool.extend(t.label for t in group)
    pool.extend(term for term, _, _ in glossary(corpus))
    bold: dict[str, set[int]] = {}
    for passage in corpus.passages:
        if not source_text(passage):
            continue
        for phrase in passage.bold:
            phrase = phrase.strip(_QUOTES)
            if _TERM.match(phrase) and CJK.search(phrase):
                bold.setdefault(phrase, set())
        for match in _ENUMERATION.finditer(passage.text):
            pool.extend(_members(passage.text, match))
    texts_ = [p.text for p in corpus.passages if source_text(p)]
    joined = "\0".join(texts_)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts_), initial=0))
    for phrase, where in bold.items():
        at = joined.find(phrase)
        while at >= 0 and len(where) < 2:
            where.add(bisect.bisect_right(starts, at))
            at = joined.find(phrase, at + 1)
    pool.extend(phrase for phrase, where in bold.items() if len(where) >= 2)
    return list(dict.fromkeys(pool))


_TERM = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9\-]{2,10}$")
_JOINED = re.compile(r"[和与及或]")
# A phrase with these is a piece of a sentence, not a term: "让应用的开发".
_FUNCTION = re.compile(r"的|^[让使从在把将对为被给向]")


def _members(text: str, match: re.Match[str]) -> list[str]:
    """The members of "A、B、C" whose both ends are certain: the first only when a list opener or
    punctuation stands before it, the last only when punctuation or a list closer follows it."""
    members = match.group(0).split("、")
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 1]
    first = _LIST_OPENER.sub("", members[0])
    if first == members[0] and before and CJK.search(before) is None and not re.match(r"[，,。；;：:（(“\s]", before):
        first = ""
    elif first == members[0] and before and CJK.search(before):
        first = ""
    last = _LIST_CLOSER.sub("", members[-1])
    if last == members[-1] and after and (CJK.search(after) or re.match(r"[A-Za-z0-9]", after)):
        last = ""
    if len(members) == 1:
        return []
    kept = [first, *members[1:-1], last]
    return [
        m
        for m in kept
        if _TERM.match(m) and CJK.search(m) and not _JOINED.search(m) and not _FUNCTION.search(m) and len(m) <= 8
    ]


# A name opening with a verb of doing names an action ("配置系统", "查看进程"), not a thing.
_DOING = re.compile(
    r"^(?:配置|查看|安装|创建|删除|启动|停止|运行|执行|设置|修改|添加|下载|编译|构建|部署|管理|使用|检查|清理|更新|生成|"
    r"打开|关闭|开启|启用|禁用)"
)


def _kin(answer: str, other: str) -> bool:
    """Same kind of thing: they share a Chinese ending of two characters or more (…虚拟化), and
    both name things or both actions (文件系统 and 配置系统 do not)."""
    if bool(_DOING.match(answer)) != bool(_DOING.match(other)):
        return False
    tail = common_suffix([answer, other])
    return len(tail) >= 2 and bool(CJK.search(tail)) and tail not in (answer, other)


@dataclass(frozen=True)
class _Terms:
    """What the notes name, and how they tie the names together."""

    pool: list[str]  # every name, enumeration members included
    named: set[str]  # names the notes define or set in bold: labels, glossary terms, bold terms
    labels: set[str]
    siblings: dict[str, set[str]]
    lists: list[list[str]]  # "A、B、C" enumerations
    related: dict[str, set[str]]
    defined: dict[str, str]  # label → its passage's text
    examples: dict[str, list[str]]  # label → the examples the notes give of it


def cloze_drafts(corpus: Corpus) -> Iterator[Draft]:
    groups = term_groups(corpus)
    labels = {t.label for group in groups for t in group}
    bold = {
        phrase.strip(_QUOTES)
        for passage in corpus.passages
        if source_text(passage)
        for phrase in passage.bold
        if _TERM.match(phrase.strip(_QUOTES)) and CJK.search(phrase)
    }
    terms = _Terms(
        pool=term_pool(corpus),
        named=labels | {term for term, _, _ in glossary(corpus)} | bold,
        labels=labels,
        siblings={t.label: {o.label for o in group if o.label != t.label} for group in groups for t in group},
        lists=enumerations(corpus),
        related=related_terms(corpus),
        defined={t.label: t.passage.text for group in groups for t in group},
        examples={t.label: examples_of(t) for group in groups for t in group},
    )
    for passage in corpus.passages:
        if not source_text(passage):
            continue
        if passage.bold:
            yield from _passage_drafts(passage, terms)
        yield from _likeness_drafts(passage, terms)


# "这与超虚拟化相似，只不过超虚拟化是…": a defined term something is likened to.
_LIKE = re.compile(r"与\s*([^\s，,。；;、与]{2,12}?)\s*(?:相似|类似|相近)")


def _likeness_drafts(passage: Passage, known: _Terms) -> Iterator[Draft]:
    """The defined term the notes liken something to, asked in the sentence up to the likeness
    (what follows may name the term again: "只不过超虚拟化是静态地修改程序代码")."""
    text = strip_label(passage.text) if passage.kind == "list_item" else passage.text
    for sentence in sentences(text):
        for match in _LIKE.finditer(sentence):
            answer = match.group(1)
            if answer not in known.labels or _PRONOUN.match(sentence) or refers(sentence):
                continue
            body = sentence[: match.end()]
            if mentions(body[: match.start(1)], answer):
                continue  # said before too: the blank would show it
            draft = _draft(passage, body, answer, known)
            if draft is not None:  # wrong answers: its sibling kinds and other defined kinds only
                yield dataclasses.replace(draft, tiers=draft.tiers[:2], extra_key="like:" + answer)


def _ties(answer: str, other: str, related: dict[str, set[str]], defined: dict[str, str]) -> bool:
    """Whether the notes tie the two terms together (a kind and its kinds, or one's definition
    naming the other): then the other one may be right as well."""
    if other in related.get(answer, ()) or answer in related.get(other, ()):
        return True
    return other in defined.get(answer, "") or answer in defined.get(other, "")


_PRONOUN = re.compile(r"^(?:它们|他们|它|其|这种|这类|这些|这个|这|该|此|那)")
_PARAGRAPH_JOIN = re.compile(r"(?<=[。；;！？!?]) ")


def _subject_lost(body: str, answer: str, passage: Passage) -> bool:
    """A sentence whose subject stands elsewhere: one opening with a pronoun ("它…"), or one in a
    labelled item's own paragraph that speaks of the label without naming it first ("客户操作系统
    需要进行修改，…仅支持____" under **部分虚拟化**): out of its list the blank could be anything."""
    if _PRONOUN.match(body) or refers(body):
        return True  # (or one pointing at what the reader did before: "就像我们之前运行了…")
    if label_of(passage) != answer:
        return False
    own = _PARAGRAPH_JOIN.split(passage.text, maxsplit=1)[0]  # a nested quote follows after "。 "
    return body in own and not body.lstrip("“「\"").startswith(answer)


_REPEATED = 8  # characters of a clause said in a term's definition too: the same fact again


def _repeats_definition(body: str, definition: str) -> bool:
    """Whether the sentence says again a clause of the term's own definition ("在超虚拟化虚拟机中，
    部分硬件接口以软件的形式提供给客户机操作系统" beside "超虚拟化：部分硬件接口以软件的形式…")."""
    said = normalize(_PARAGRAPH_JOIN.split(definition, maxsplit=1)[0]) if definition else ""
    return bool(said) and any(len(c) >= _REPEATED and normalize(c) in said for c in clauses(body))


def _passage_drafts(passage: Passage, known: _Terms) -> Iterator[Draft]:
    statements = [b for b in passage.bold if len(CJK.findall(strip_asides(b))) >= _STATEMENT]
    # "超虚拟化（paravirtualization）" in bold names 超虚拟化.
    terms = [_ALIAS_TAIL.sub("", b.strip(_QUOTES)) for b in passage.bold if b not in statements]
    stated = {m for s in statements for match in _ENUMERATION.finditer(s) for m in _members(s, match)}
    text = strip_label(passage.text) if passage.kind == "list_item" else passage.text
    # "基于软件的虚拟化 基于软件的虚拟化，…": a label line followed by its paragraph reads once.
    for sentence in sentences(_REPEATED_LABEL.sub("", text)):
        body = sentence.rstrip("。；;！？!? ")
        if body.endswith(("：", ":")):
            continue  # a lead-in: what it says follows it ("____ Compose 文件示例：")
        bold_statement = any(normalize(s) in normalize(body) or normalize(body) in normalize(s) for s in statements)
        # Only a term the notes set in bold here; in a bold statement also a term they name
        # elsewhere, or a member of a list the statement itself makes.
        listed = [m for match in _ENUMERATION.finditer(body) for m in _members(body, match)]
        # Beside a bold statement, a sentence may leave out a member of the statement's own list ("…经历了大型主机虚拟化、虚拟机虚拟化、容器技术。…而容器技术更加优雅").
        candidates = [
            t
            for t in known.pool
            if t in body
            and (
                t in terms
                or bold_statement and (t in known.named or t in listed)
                or statements and not bold_statement and t in stated
            )
        ]
        # A term inside a longer candidate is not the key (虚拟化 inside 平台虚拟化).
        candidates = [t for t in candidates if not any(t != o and t in o for o in candidates)]
        if body.startswith(tuple(candidates)) and not bold_statement:
            continue  # a label opening its own definition: the definition items ask that
        for answer in sorted(candidates, key=lambda t: (-len(t), body.index(t))):
            if re.search(re.escape(answer) + r"\s*[：:]", body) or answer.endswith(_REMARK_ENDINGS):
                continue  # "术语：…" is a definition, asked as one; "重要提示：…" is a remark
            if opens_clause(answer) or sum(1 for o in known.pool if o != answer and answer in o) > 1:
                continue  # a piece of a clause; or too general (虚拟化 in every kind of virtualisation)
            if _subject_lost(body, answer, passage):
                continue
            if _repeats_definition(body, known.defined.get(answer, "")):
                continue  # its definition is asked already: one item a fact
            if any(e in body for e in known.examples.get(answer, ())):
                continue  # "比较著名的 VMM 有 Denali、Xen": its examples are asked as such
            if re.match(r"\s*[（(]\s*[A-Za-z]", body[body.index(answer) + len(answer) :]):
                continue  # "分发（distribution）": the English beside the blank would answer it
            draft = _draft(passage, body, answer, known)
            if draft is not None:
                yield draft
                break  # one blank per sentence


def _draft(passage: Passage, body: str, answer: str, known: _Terms) -> Draft | None:
    # Terms the sentence itself speaks of (全虚拟化 for 完全虚拟化): a wrong answer whose own
    # definition names one of them may fit the sentence too (硬件辅助虚拟化 "实现完全虚拟化").
    spoken = [o for o in known.pool if not overlaps(o, answer) and mentions(body, o)]
    spoken = [o for o in spoken if not any(o != p and o in p for p in spoken)]
    # Wrong answers: named terms of its kind, or members of a list it is a member of.
    beside = {m for members in known.lists if answer in members for m in members}
    kin = [
        o
        for o in known.pool
        if (o in known.named or o in beside)
        and (_kin(answer, o) or o in beside)
        and bool(_DOING.match(o)) == bool(_DOING.match(answer))
        and not opens_clause(o)
        and not mentions(body, o)
        # Named elsewhere in the passage, it may be right there too; a member of its own list is not.
        and (o in beside and answer in body or not mentions(passage.text, o))
        and not _ties(answer, o, known.related, known.defined)
        and not any(mentions(known.defined.get(o, ""), s) or o in known.defined.get(s, "") for s in spoken)
    ]
    if len(kin) < 2:
        return None
    return Draft(
        kind="cloze",
        question=fill(texts.QUIZ_FILL, text=body.replace(answer, texts.QUIZ_BLANK, 1)),
        answer=answer,
        # Its siblings in the notes' own list first, then other defined terms, then the rest.
        tiers=(
            tuple(k for k in kin if k in known.siblings.get(answer, ())),
            tuple(k for k in kin if k in known.labels),
            tuple(kin),
        ),
        why=quoted(passage, body),
        passage=passage,
        min_options=3,
        extra_key=answer,
        anchor=body,
        needs_topic=True,
    )
