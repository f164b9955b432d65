"""Scoring a passage against a question: the share of the question's weight it covers, and its rank.

The confidence of a passage is the share of the question's weight it covers, so "not in the notes"
is decided by how much of the question the notes answer, not by a raw score. The rank adds what a
passage offers beyond the question's words: the words in bold, a term it introduces, a label it
opens with, and the shape the question's intent asks for (`bot.search.wording.question_intent`): a
definition of its topic for "什么是X" (X opening a sentence with 是/指/即/：, or "对X的描述"), the
classifying lead-in with its list for "X有哪几类", the whole table for "A和B的区别", an amount for
"多少", a year for "哪一年". A whole table or list is a candidate only then; otherwise its rows and
items stand for it.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass

from bot.search.index import Index
from bot.search.question import Unit
from bot.search.wording import Intent, is_aspect_word, is_function_word

__all__ = ["Scored", "ranked", "score", "unit_credit"]

# How many passages, found through the postings, are scored in full.
_CANDIDATES = 40


@dataclass(frozen=True)
class Scored:
    """A passage's confidence (the share of the question it covers) and rank (confidence plus what
    it offers beyond the question's words)."""

    pid: int
    confidence: float
    rank: float


def ranked(index: Index, units: tuple[Unit, ...], intent: Intent, question: str = "") -> list[Scored]:
    """The candidate passages, scored, best rank first (``question``, the normalised question, lets
    a passage that holds a phrase of it word for word rank higher)."""
    passages = index.corpus.passages
    # A whole table answers a comparison, a whole list a classification; otherwise their rows and
    # items stand for them (a whole holds every part's words, so it would seem to cover questions
    # none of its parts answers).
    scored = [
        score(index, units, pid, intent, _judged_subjects(units, intent, question))
        for pid in _candidates(index, units)
        if (passages[pid].kind != "table" or intent.comparison)
        and (passages[pid].kind != "list" or intent.classification)
    ]
    if question:
        scored = [_with_phrase(index, units, s, question) for s in scored]
    scored.sort(key=lambda s: (-s.rank, s.pid))
    return scored


# A passage holding a phrase of the question word for word ("迁移的时候" in "…迁移的时候要做什么"),
# content with the function words around it, ranks higher by this share of the phrase's weight.
_PHRASE_BONUS = 0.5
_PHRASE_EXTRA = 2  # the phrase holds at least this many characters besides its content words


def _function_only(piece: str) -> bool:
    """Whether a piece of a question is made of function words alone ("的时候" = 的 + 时候)."""
    ends = {0}
    for at in range(len(piece)):
        if at in ends:
            for size in range(1, min(4, len(piece) - at) + 1):
                if is_function_word(piece[at : at + size]):
                    ends.add(at + size)
    return len(piece) in ends


def _with_phrase(index: Index, units: tuple[Unit, ...], scored: Scored, question: str) -> Scored:
    text = index.texts[scored.pid]
    total = sum(u.weight for u in units)
    best = 0.0
    for unit in units:
        if unit.latin[0] or len(unit.text) < 2:
            continue
        at = question.find(unit.text)
        if at < 0 or unit.text not in text:
            continue
        start, end = at, at + len(unit.text)
        while end < len(question) and question[start : end + 1] in text:
            end += 1
        while start > 0 and question[start - 1 : end] in text:
            start -= 1
        span = question[start:end]
        inside = [u for u in units if not u.latin[0] and u.text in span]
        rest = span
        for u in inside:
            rest = rest.replace(u.text, " ")
        pieces = rest.split()
        if sum(map(len, pieces)) < _PHRASE_EXTRA or not all(_function_only(p) for p in pieces):
            continue
        best = max(best, sum(u.weight for u in inside))
    bonus = _PHRASE_BONUS * best / total + _NEAR_BONUS * _in_order(units, text) / total
    if not bonus:
        return scored
    return Scored(scored.pid, scored.confidence, scored.rank + bonus)


# A passage holding the question's words in its order, close together ("虚拟化可以通过硬件模拟来实现"
# for "虚拟化可以怎么实现"), ranks higher by this share of their weight.
_NEAR_BONUS = 0.15
_NEAR_GAP = 10  # at most this many characters between one word and the next


def _in_order(units: tuple[Unit, ...], text: str) -> float:
    """The weight of the question's (two or more) Chinese words found in its order, each within
    _NEAR_GAP characters of the one before; 0 when fewer than two follow each other so."""
    words = [u for u in units if not u.latin[0] and len(u.text) >= 2]
    if len(words) < 2:
        return 0.0
    for at in _occurrences(text, words[0].text):
        end = at + len(words[0].text)
        for word in words[1:]:
            found = text.find(word.text, end, end + _NEAR_GAP + len(word.text))
            if found < 0:
                break
            end = found + len(word.text)
        else:
            return sum(u.weight for u in words)
    return 0.0


def score(
    index: Index, units: tuple[Unit, ...], pid: int, intent: Intent = Intent(), subjects: frozenset[str] | None = None
) -> Scored:
    """How well passage ``pid`` covers the units (each of positive weight), and how well it suits the
    intent (``subjects``: the units an evaluation asks about, when not all of them)."""
    total = sum(u.weight for u in units)
    covered = 0.0
    bold_share = 0.0
    define_share = 0.0
    lead_share = 0.0
    lead = index.leads[pid]
    bold = index.bold[pid]
    defines = index.defines[pid]
    for unit in units:
        credit = unit_credit(index, pid, unit)
        covered += unit.weight * credit
        if credit > 0:
            forms = [f for f, _ in unit.forms]
            if bold and any(f in phrase for f in forms for phrase in bold):
                bold_share += unit.weight
            if defines and any(f in defines for f in forms):
                define_share += unit.weight
            if lead:
                # The more of the label the question's word makes up, the more the passage is about it.
                cover = max((_label_cover(f, lead) for f in forms if f and f in lead), default=0.0)
                lead_share += unit.weight * cover
    confidence = min(1.0, covered / total)
    length = len(index.texts[pid])
    rank = (
        confidence
        + 0.08 * bold_share / total
        + (0.0 if intent.evaluation else 0.4) * define_share / total  # naming X tells nothing good of it
        + 0.5 * lead_share / total
        - 0.02 * math.log2(max(length, 40) / 40)
        + _shape_bonus(index, units, pid, intent, total, subjects)
    )
    return Scored(pid, confidence, rank)


def _label_cover(form: str, lead: str) -> float:
    """How much a label is about a word: all of it, its opening part, or (half as much) a word inside
    it ("平台虚拟化" is a kind of "虚拟化", not what "虚拟化" asks about)."""
    share = len(form) / len(lead)
    return share if lead.startswith(form) else share * 0.5


def _form_credit(index: Index, pid: int, form: str, latin: bool) -> float:
    """Where passage ``pid`` holds a form: its text counts fully, its lead-in or heading less."""
    if latin:
        if form in index.words[pid]:
            return 1.0
        return 0.8 if form in index.meta_words[pid] else 0.0
    if form in index.texts[pid]:
        return 1.0
    plain = index.unbracketed[pid]
    if plain and form in plain:
        return 1.0
    if form in index.contexts[pid]:
        return 0.85
    return 0.7 if form in index.headings[pid] else 0.0


def unit_credit(index: Index, pid: int, unit: Unit) -> float:
    """How fully passage ``pid`` holds a unit: 1 for its own form in the text, less for a looser form
    or a place outside the text (heading, lead-in), part of it for a phrase found split."""
    credit = 0.0
    for (form, quality), latin in zip(unit.forms, unit.latin):
        if quality > credit:
            credit = max(credit, quality * _form_credit(index, pid, form, latin))
            if credit >= 1.0:
                return 1.0
    if unit.parts:
        total = sum(p.weight for p in unit.parts) or 1.0
        split = sum(p.weight * unit_credit(index, pid, p) for p in unit.parts) / total
        credit = max(credit, 0.85 * split)
    elif credit == 0.0 and len(unit.text) >= 3 and not unit.latin[0]:
        pairs = [unit.text[k : k + 2] for k in range(len(unit.text) - 1)]
        share = sum(1 for pair in pairs if pair in index.texts[pid]) / len(pairs)
        if share >= 0.5:
            credit = 0.6 * share
    return credit


def _candidates(index: Index, units: tuple[Unit, ...]) -> list[int]:
    """The passages holding most of the units' weight (through the postings), worth scoring."""
    scores: dict[int, float] = {}
    for unit in units:
        for piece in (unit, *unit.parts):
            for (form, quality), latin in zip(piece.forms, piece.latin):
                ids = index.postings.get(form)
                if ids is None and not latin and len(form) >= 2:
                    pairs = [index.postings.get(form[k : k + 2]) for k in range(len(form) - 1)]
                    present = [p for p in pairs if p is not None]
                    ids = min(present, key=len) if present else None
                if ids is None:
                    continue
                gain = piece.weight * quality
                get = scores.get
                for pid in ids:
                    scores[pid] = get(pid, 0.0) + gain
    return heapq.nlargest(_CANDIDATES, scores, key=scores.__getitem__)


# --- what a passage offers beyond the question's words ---------------------------------------------

# A question's intent favours passages of the matching shape by this much (in rank, not confidence).
_SHAPE_BONUS = 0.5
_MINOR_BONUS = 0.1
_QUANTITY_BONUS = 0.3  # "多少" is answered by a passage that gives a number or an amount
# What follows a term that a sentence defines: "X是…", "X（English）：…", "X技术是指…".
_DEFINED_BY = re.compile(r"(?:\s*[（(][^）)]{0,60}[）)])?\s*(?:技术)?\s*(是指|指的是|是一种|是一个|是一类|就是|即|是|指|：|:|作为一种)")
_DESCRIBED = re.compile(r"[\u4e00-\u9fffa-z0-9]{0,4}的(?:描述|定义|解释|说明|介绍|理解)")  # after "对X"
_DEFINITION_OF = re.compile(r"[\u4e00-\u9fffa-z0-9]{0,4}的(?:定义|概念)(?:是|为|：|:)")  # after "X"
_SENTENCE_MARKS = frozenset("。！？；!?;，,：:“\"「 \n\t")
_CLASSIFIES = re.compile(r"分为|分成|可分|细分|几类|几种|几大类|[两三四五六七八九]类|[两三四五六七八九]种|如下|以下几|下列")
_COMPARES = re.compile(r"相比|比较|对比|区别|不同于|优于|优势|劣势")
_QUANTITY = re.compile(
    r"\d+\s*(?:个|台|种|类|倍|%|mb|gb|kb|tb|ms|秒|分钟|小时|天)|[十百千万]个|几十|几百|上千|上百|上万|数十|数百|数千|秒级|分钟级|为[mgkt]b\b"
)
_YEAR = re.compile(r"(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)|\d+\s*年代|世纪")
_MAX_OCCURRENCES = 8


def _occurrences(text: str, form: str, end: int | None = None) -> list[int]:
    """Where a form stands in a text (the first few places, before ``end``)."""
    found: list[int] = []
    stop = len(text) if end is None else end
    at = text.find(form, 0, stop)
    while at >= 0 and len(found) < _MAX_OCCURRENCES:
        found.append(at)
        at = text.find(form, at + 1, stop)
    return found


def _opens_sentence(text: str, at: int) -> bool:
    return at == 0 or text[at - 1] in _SENTENCE_MARKS


def _definition_strength(form: str, text: str) -> float:
    """Whether a passage defines a term: the term opening a sentence followed by 是/指/即/：, or a
    lead-in such as "对X的描述"/"X的定义是". 1 for a definition that opens the passage, less for one
    further in or a weak one ("作为一种", "就是")."""
    best = 0.0
    for at in _occurrences(text, form):
        after = at + len(form)
        strength = 0.0
        if _opens_sentence(text, at):
            match = _DEFINED_BY.match(text, after)
            if match is not None:
                strength = 0.5 if match.group(1) in ("作为一种", "就是") else 1.0
        if not strength and (
            (at > 0 and text[at - 1] == "对" and _DESCRIBED.match(text, after)) or _DEFINITION_OF.match(text, after)
        ):
            strength = 1.0
        if strength and at > 0:
            strength *= 0.7
        best = max(best, strength)
        if best >= 1.0:
            break
    return best


# Words that judge what a sentence is about: for "X有什么优点", a sentence about X that holds them.
_JUDGING = re.compile(
    r"优点|优势|好处|长处|精华|标准|优化|改善|改进|提高|提升|高效|简化|简单|方便|便捷|轻量|优雅|显著|成熟|稳定|聪明|"
    r"节约|节省|降低|减少|一站式|优秀|更好|缺点|劣势|不足|不便|复杂|低效|麻烦|风险|问题"
)
# X is no subject when the sentence only places something before, after or on top of it.
_NOT_SUBJECT = re.compile(r"之前|之后|以前|以后|的基础上|的")
_CLAUSE_END = re.compile(r"[。！？；!?;\n]")


def _judged(text: str, form: str) -> int:
    """How many judging words follow ``form`` in its sentence, where it is the sentence's subject
    (not "在X之前", "X的…"): the most over its places."""
    best = 0
    for at in _occurrences(text, form):
        after = at + len(form)
        if _NOT_SUBJECT.match(text, after) or (at > 0 and text[at - 1] == "在"):
            continue
        end = _CLAUSE_END.search(text, after)
        clause = text[after : end.start() if end else len(text)]
        best = max(best, len(_JUDGING.findall(clause)))
    return best


def _judged_subjects(units: tuple[Unit, ...], intent: Intent, question: str) -> frozenset[str] | None:
    """In "A比B强在哪" A is judged, B is the yardstick: the units before 比 (None: every unit)."""
    at = question.find("比", 1)
    if not intent.evaluation or at < 0:
        return None
    return frozenset(u.text for u in units if 0 <= question.find(u.text) < at)


def _shape_bonus(
    index: Index, units: tuple[Unit, ...], pid: int, intent: Intent, total: float, subjects: frozenset[str] | None = None
) -> float:
    """How much a passage's shape suits what the question asks: a definition of its topic for
    "什么是X", a classification for "X有哪几类", a whole table for "X和Y的区别", numbers for "多少"."""
    kind = index.corpus.passages[pid].kind
    text = index.texts[pid]
    bonus = 0.0
    topics = [u for u in units if not is_aspect_word(u.text)]
    if intent.definition and kind not in ("table", "table_row", "code"):
        share = 0.0
        for unit in topics:
            strength = max((_definition_strength(f, text) for f, _ in unit.forms if f), default=0.0)
            if strength < 1.0 and unit.parts:
                # "虚拟化技术": a definition of its main word "虚拟化" counts for that word's share.
                part_total = sum(p.weight for p in unit.parts) or 1.0
                for part in unit.parts:
                    found = max((_definition_strength(f, text) for f, _ in part.forms if f), default=0.0)
                    strength = max(strength, found * part.weight / part_total)
            share += unit.weight * strength
        bonus += _SHAPE_BONUS * share / total
    if intent.classification and kind not in ("table", "table_row", "code"):
        cue = _CLASSIFIES.search(text)
        end = cue.start() if cue else (len(text) if text.endswith(("：", ":")) else -1)
        if end >= 0:
            # The topic as the subject of the classifying sentence counts fully, a mention before it little.
            share = 0.0
            for unit in topics:
                forms = [f for f, _ in unit.forms if f]
                if any(_opens_sentence(text, at) for f in forms for at in _occurrences(text, f, end)):
                    share += unit.weight
                elif any(f in text[:end] for f in forms):
                    share += unit.weight * _MINOR_BONUS / _SHAPE_BONUS
            bonus += _SHAPE_BONUS * share / total
            if kind == "list":
                bonus += _MINOR_BONUS  # the lead-in with its items reads better than alone
    if intent.comparison:
        if kind == "table":
            bonus += _SHAPE_BONUS
        elif _COMPARES.search(text):
            bonus += _MINOR_BONUS
    if intent.evaluation and kind not in ("table", "list"):
        share = 0.0
        for unit in topics:
            if subjects is not None and unit.text not in subjects:
                continue
            judged = max((_judged(text, f) for f, _ in unit.forms if f), default=0)
            share += unit.weight * min(1.0, judged / 2)
        bonus += _SHAPE_BONUS * share / total
    if intent.quantity and _QUANTITY.search(text):
        bonus += _QUANTITY_BONUS
    if intent.time and _YEAR.search(text):  # "哪一年" is answered by a passage that gives a year
        bonus += _SHAPE_BONUS
    return bonus
