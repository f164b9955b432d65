"""Answering a question from the index: the best passage with related ones, or an honest "not found".

A question is cut into content *units* (function words dropped, aspect words light, adjacent words
joined into a phrase when the notes hold that phrase); each unit weighs its rarity in the notes
(BM25's idf; a word the notes never use weighs the most). A unit is found in a passage through its
own form, an alias or synonym, a glossary translation (English → Chinese) or, for a misspelt Latin
word, the closest word of the notes. The confidence of a passage is the share of the question's
weight it covers, so "not in the notes" is decided by how much of the question the notes answer,
not by a raw score. A word the notes never use weighs by its rarity in Chinese at large (jieba's
dictionary frequency): "出现" little, "区块链" much; a word the notes hold but Chinese uses
everywhere ("学习") weighs less than its rarity in the notes. The head of "A的B" weighs double, what
"多少个X" counts half.

What the question asks for (`bot.notes.query.question_intent`) then favours passages of that shape,
in rank, not confidence: a definition of its topic for "什么是X" (X opening a sentence with 是/指/即/：,
or "对X的描述"), the classifying lead-in with its list for "X有哪几类", the whole table for "A和B的区别",
an amount for "多少", a year for "哪一年". A whole table or list is a candidate only then; otherwise
its rows and items stand for it.

A question that matches a chapter which is still only a heading as well as any passage, quotes a
phrase of its title that no passage holds, or names a word that only that title holds, is about
that unwritten chapter.
"""

from __future__ import annotations

import heapq
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.notes.corpus import Passage, Section
from bot.notes.glossary import PHRASE_MAX_WORDS, english_for, translations
from bot.notes.index import Index, heading_text
from bot.notes.query import ASPECT_WEIGHT, Intent, intent_words, is_aspect_word, is_function_word, question_intent
from bot.notes.text import CJK_RUN, normalize, normalize_with_offsets
from bot.notes.tokenize import ascii_forms, query_words

__all__ = ["ANSWER_MIN", "Answer", "Hit", "NotFound", "answer_question", "search"]

# A passage must cover at least this share of the question's weight to be given as the answer.
ANSWER_MIN = 0.45
# Further passages shown with an answer, and inline results, need at least this much.
RELATED_MIN = 0.3
# Only the start of a very long message is read as the question.
MAX_QUESTION_CHARS = 300
_CANDIDATES = 40
# A question whose words match an unwritten chapter's title about as well as the best passage is
# about that chapter: the passage only mentions its words in passing.
_UNWRITTEN_MARGIN = 0.05
_UNWRITTEN_BELOW = 0.8  # ... unless the passage covers the question well
_RARE_DF = 3  # ... through words that many passages hold
# A word that no passage holds but an unwritten title does, making up this share of the question,
# says the question is about that chapter.
_ONLY_IN_TITLE = 0.25
# The head of "A的B" (B) names what is asked: it weighs this much more than the words before it.
_HEAD_WEIGHT = 2.0
_MAX_PHRASE_WORDS = 6
# "多少个X", "几台X": X is what is counted, and weighs this much.
_COUNTED_WEIGHT = 0.5
_COUNTING = frozenset("多少个 几个 几台 多少台".split())
_CLASSIFIERS = frozenset("个 台".split())


@dataclass(frozen=True)
class Hit:
    """A passage found for a question."""

    passage: Passage
    score: float  # calibrated confidence in [0, 1]: the share of the question the passage covers
    matched: tuple[str, ...]  # substrings of passage.text that match the question's terms


@dataclass(frozen=True)
class Answer:
    """The best passage for a question, and two or three related ones."""

    question: str
    best: Hit
    related: tuple[Hit, ...]


@dataclass(frozen=True)
class NotFound:
    """The notes do not answer the question."""

    question: str
    suggestions: tuple[Section, ...]  # closest sections that have content
    unwritten: tuple[Section, ...]  # sections the question points at that are only headings


@dataclass(frozen=True)
class _Unit:
    """One meaningful piece of a question and the forms it may take in the notes."""

    text: str
    forms: tuple[tuple[str, float], ...]  # (normalised form, quality of that form)
    latin: tuple[bool, ...]  # per form: matched as a whole Latin word
    weight: float
    parts: tuple["_Unit", ...] = ()  # for a phrase: its words, each scored alone when it is split


# --- analysing a question ---------------------------------------------------------------------


def _cjk_df(index: Index, form: str) -> int:
    """How many passages hold a Chinese form (exact for tokens, an upper bound otherwise)."""
    found = index.postings.get(form)
    if found is not None:
        return len(found)
    if len(form) < 2:
        return 0
    counts = [len(index.postings.get(form[i : i + 2], ())) for i in range(len(form) - 1)]
    return min(counts) if counts else 0


def _cjk_present(index: Index, form: str) -> bool:
    """Whether some passage holds a Chinese form as a substring."""
    found = index.postings.get(form)
    if found is not None:
        return True
    if len(form) < 2:
        return False
    lists = [index.postings.get(form[i : i + 2]) for i in range(len(form) - 1)]
    if any(ids is None for ids in lists):
        return False
    rarest = min(lists, key=len)  # type: ignore[arg-type]
    return any(
        form in index.texts[pid] or form in index.contexts[pid] or form in index.headings[pid]
        for pid in rarest[:500]  # type: ignore[index]
    )


def _weight(index: Index, df: int, word: str, latin: bool) -> float:
    weight = index.idf(df)
    if is_aspect_word(word):
        weight *= ASPECT_WEIGHT
    elif len(word) == 1 or (latin and len(word) < 2):
        weight *= 0.5
    return weight


def _latin_unit(index: Index, word: str, glossary: tuple[str, ...]) -> _Unit:
    forms: dict[str, tuple[float, bool]] = {}

    def add(form: str, quality: float, latin: bool) -> None:
        if forms.get(form, (0.0, latin))[0] < quality:
            forms[form] = (quality, latin)

    rarest_part = -1  # the fewest passages any part of a compound is in ("compose" of "docker-compose.yml")
    for number, form in enumerate(ascii_forms(word)):
        # The word itself and its joined form ("sriov") count fully; its parts ("sr", "iov") little.
        quality = 1.0 if number < 2 else 0.5
        if number >= 2 and is_function_word(form):
            continue
        if number >= 2 and len(form) >= 3:
            df = len(index.postings.get(form, ()))
            rarest_part = df if rarest_part < 0 else min(rarest_part, df)
            if not df:
                add(form, quality, True)  # absent from the passages, it may still name a chapter
        if form in index.postings:
            add(form, quality, True)
        for other in index.equivalents.get(form, ()):
            add(other, quality, not CJK_RUN.search(other))
    for chinese in glossary:
        add(chinese, 0.9, False)
        for other in index.equivalents.get(chinese, ()):
            add(other, 0.85, not CJK_RUN.search(other))
    if not forms and len(word) >= 4 and not word.isdigit():
        close = _closest_latin(index, word)
        if close is not None:
            match, score = close
            add(match, 0.9 * score / 100.0, True)
            for other in index.equivalents.get(match, ()):
                add(other, 0.85 * score / 100.0, not CJK_RUN.search(other))
    df = 0
    if forms:
        best = max(forms.items(), key=lambda item: item[1][0])
        df = len(index.postings.get(best[0], ())) if best[1][1] else _cjk_df(index, best[0])
        if best[1][0] < 1.0 and rarest_part >= 0:
            # Only a part of a compound was found: the compound is as rare as its rarest part.
            df = min(df, rarest_part)
    forms.setdefault(word, (1.0, True))  # absent from the passages, it may still name a chapter
    return _Unit(
        text=word,
        forms=tuple((f, q) for f, (q, _) in forms.items()),
        latin=tuple(latin for _, (_, latin) in forms.items()),
        weight=_weight(index, df, word, latin=True),
    )


def _closest_latin(index: Index, word: str) -> tuple[str, float] | None:
    """The notes' Latin word closest to a misspelt one ("dcoker" → "docker"), if close enough."""
    from rapidfuzz import fuzz, process

    # Only words of about the same length can reach the cut-off: look at those alone.
    lengths = index.latin_by_length
    pool = [w for size in range(len(word) - 2, len(word) + 3) for w in lengths.get(size, ())]
    found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=80)
    return (found[0], float(found[1])) if found else None


def _cjk_unit(index: Index, word: str) -> _Unit:
    forms: dict[str, float] = {word: 1.0}
    for other in index.equivalents.get(word, ()):
        forms.setdefault(other, 0.95)
    for english in english_for(word):
        if english in index.postings:
            forms.setdefault(english, 0.9)
    df = _cjk_df(index, word)
    weight = 0.0
    if df == 0:
        dfs = [_cjk_df(index, f) if CJK_RUN.search(f) else index.df(f) for f in forms if f != word]
        df = max(dfs, default=0)
        if df == 0:
            # A word the notes never use: the more common it is in Chinese at large, the less
            # likely it names the topic ("出现", "写" versus "区块链").
            weight = _weight(index, 0, word, latin=False) * _general_rarity(index, word)
    return _Unit(
        text=word,
        forms=tuple(forms.items()),
        latin=tuple(not CJK_RUN.search(f) for f in forms),
        weight=weight or _weight(index, df, word, latin=False) * _commonness_discount(index, word),
    )


# General-language rarity: jieba's dictionary frequency turned into an idf, mapped onto
# [_RARITY_FLOOR, 1] between a very common word (idf 6) and a rare one (idf 14).
_RARITY_FLOOR = 0.25


def _general_rarity(index: Index, word: str) -> float:
    freq, total = index.dictionary
    count = freq.get(word, 0)
    if count <= 0 or total <= 0:
        return 1.0
    idf = math.log(total / count)
    return min(1.0, max(_RARITY_FLOOR, (idf - 6.0) / 8.0))


# A word of the notes that is also among the most common words of Chinese ("出现", "学习") names
# the topic less than its rarity in the notes alone suggests: its weight falls to as little as
# this share, for words more common in general Chinese than _COMMON_IDF.
_COMMON_FLOOR = 0.3
_COMMON_IDF = 10.0


def _commonness_discount(index: Index, word: str) -> float:
    freq, total = index.dictionary
    count = freq.get(word, 0)
    if count <= 0 or total <= 0 or len(word) < 2:
        return 1.0
    idf = math.log(total / count)
    return min(1.0, max(_COMMON_FLOOR, (idf - 6.0) / (_COMMON_IDF - 6.0)))


def _analyse(index: Index, question: str) -> tuple[_Unit, ...]:
    """The question's content units, in order."""
    text = normalize(question[:MAX_QUESTION_CHARS])
    words = _split_glued(index, _mend_typos(index, query_words(index.tokenizer, text)))
    units: list[_Unit] = []
    head_from = -1
    i = 0
    while i < len(words):
        word, start = words[i]
        if CJK_RUN.fullmatch(word):
            # The longest run of adjacent words, starting and ending on content, that the notes hold.
            j = _phrase_end(index, words, i)
            if j > i:
                span = [w for w, _ in words[i : j + 1]]
                parts = tuple(_cjk_unit(index, w) for w in span if not is_function_word(w))
                units.append(
                    _Unit(
                        text="".join(span),
                        forms=(("".join(span), 1.0),),
                        latin=(False,),
                        weight=sum(p.weight for p in parts),
                        parts=parts,
                    )
                )
                i = j + 1
                continue
            if word == "的" and units:
                head_from = len(units)  # "A的B": B, the head, is what is asked about
            elif not _is_empty_word(word):
                unit = _cjk_unit(index, word)
                if _counted(words, i):
                    # "多少个实例": what is counted; the answer gives the number ("几十个") and may not
                    # repeat it.
                    unit = replace(unit, weight=unit.weight * _COUNTED_WEIGHT)
                units.append(unit)
            i += 1
            continue
        if not CJK_RUN.fullmatch(word) and _split_latin(index, word):
            # "hardware-assisted": an unknown compound is read as its parts.
            parts = [p for p in re.split(r"[.\-_/+]+", word) if p]
            words[i : i + 1] = [(p, start) for p in parts]
            continue
        # Latin script: the longest glossary phrase first ("virtual machine"), then single words.
        taken = 1
        glossary: tuple[str, ...] = ()
        for size in range(min(PHRASE_MAX_WORDS, len(words) - i), 1, -1):
            chunk = words[i : i + size]
            if any(CJK_RUN.fullmatch(w) for w, _ in chunk):
                continue
            phrase = " ".join(w for w, _ in chunk)
            glossary = translations(phrase) or _compound_translation(index, [w for w, _ in chunk])
            if glossary:
                taken = size
                break
        if taken > 1:
            units.append(_latin_unit(index, "".join(w for w, _ in words[i : i + taken]), glossary))
        elif not is_function_word(word):
            units.append(_latin_unit(index, word, translations(word)))
        i += taken
    if 0 < head_from < len(units):
        units[head_from:] = [
            u if is_aspect_word(u.text) else replace(u, weight=u.weight * _HEAD_WEIGHT) for u in units[head_from:]
        ]
    unique: dict[str, _Unit] = {}
    for unit in units:
        if unit.weight > 0:
            unique.setdefault(unit.text, unit)  # a word asked twice counts once
    return tuple(unique.values())


def _counted(words: list[tuple[str, int]], i: int) -> bool:
    """Whether word ``i`` follows a question that counts it with a classifier ("多少个", "几台")."""
    before = words[i - 1][0] if i > 0 else ""
    if before in _COUNTING:
        return True
    return before in _CLASSIFIERS and i > 1 and words[i - 2][0] in ("多少", "几")


def _compound_translation(index: Index, words: list[str]) -> tuple[str, ...]:
    """Chinese for English words the glossary knows one by one, joined as the notes write them:
    "application virtualization" → "应用虚拟化" when the notes hold that term."""
    if len(words) > 3 or any(is_function_word(w) for w in words):
        return ()
    joined = [""]
    for word in words:
        renderings = translations(word)
        if not renderings:
            return ()
        joined = [head + tail for head in joined for tail in renderings[:3]]
    return tuple(term for term in joined if len(term) >= 3 and _cjk_present(index, term))


def _split_glued(index: Index, words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """A word the tokenizer guessed (in no dictionary, not in the notes) that glues a function
    character to another ("比有" in "和虚拟机比有什么") is read character by character."""
    freq = index.dictionary[0]
    result: list[tuple[str, int]] = []
    for word, start in words:
        if (
            len(word) == 2
            and CJK_RUN.fullmatch(word)
            and not freq.get(word)
            and any(is_function_word(char) for char in word)
            and not _cjk_present(index, word)
        ):
            result.extend((char, start + k) for k, char in enumerate(word))
        else:
            result.append((word, start))
    return result


def _is_empty_word(word: str) -> bool:
    """A function word, or a word made only of function characters ("上能", "也是")."""
    return is_function_word(word) or (
        len(word) > 1 and not is_aspect_word(word) and all(is_function_word(char) for char in word)
    )


def _split_latin(index: Index, word: str) -> bool:
    """Whether a Latin compound is better read as its parts: the notes and glossary lack it."""
    if not any(j in word.strip(".-_/+") for j in ".-_/+"):
        return False
    if any(form in index.postings for form in ascii_forms(word)) or translations(word):
        return False
    return len([p for p in re.split(r"[.\-_/+]+", word) if p]) > 1


def _mend_typos(index: Index, words: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Adjacent Chinese words that read as a word of the notes with one character mistyped
    ("虚拟" + "话" → "虚拟化", "隔" + "李性" → "隔离性") are replaced by that word. Only runs of
    three to six characters that neither the notes nor the general dictionary know are mended."""
    mended: list[tuple[str, int]] = []
    i = 0
    while i < len(words):
        word, start = words[i]
        fixed = None
        if CJK_RUN.fullmatch(word) and not is_function_word(word):
            text, end = word, start + len(word)
            for j in range(i + 1, min(len(words), i + 4)):
                following, position = words[j]
                if position != end or not CJK_RUN.fullmatch(following):
                    break
                text, end = text + following, position + len(following)
                if 3 <= len(text) <= 6:
                    correction = _typo_of(index, text, [w for w, _ in words[i : j + 1]])
                    if correction is not None:
                        fixed = (correction, start, j)
        if fixed is not None:
            mended.append((fixed[0], fixed[1]))
            i = fixed[2] + 1
        else:
            mended.append((word, start))
            i += 1
    return mended


def _typo_of(index: Index, text: str, pieces: list[str]) -> str | None:
    if _cjk_present(index, text) or index.dictionary[0].get(text, 0) > 0:
        return None
    if all(_cjk_present(index, piece) and len(piece) > 1 for piece in pieces):
        return None  # every piece is a word of the notes: a phrase, not a typo
    from rapidfuzz.distance import Hamming
    from rapidfuzz import process

    pool = index.cjk_by_length.get(len(text), ())
    found = process.extract(text, pool, scorer=Hamming.distance, score_cutoff=1, limit=20)
    # A function character is no mistyped one ("迁移时" is 迁移 + 时, not a typo of "迁移性").
    found = [f for f in found if not any(a != b and is_function_word(a) for a, b in zip(text, f[0]))]
    # Of several words one character away, the one the notes use most.
    return max((word for word, _, _ in found), key=lambda w: (index.df(w), w), default=None)


def _phrase_end(index: Index, words: list[tuple[str, int]], i: int) -> int:
    """The last word of the longest phrase from word ``i`` that the notes hold (``i`` if none)."""
    if is_function_word(words[i][0]):
        return i
    best = i
    text = words[i][0]
    end = words[i][1] + len(words[i][0])
    for j in range(i + 1, min(len(words), i + _MAX_PHRASE_WORDS)):
        word, start = words[j]
        if start != end or not CJK_RUN.fullmatch(word):
            break
        text += word
        end = start + len(word)
        if not _cjk_present(index, text):
            break
        if not is_function_word(word) and not is_aspect_word(word):
            best = j  # a phrase ends on content: "虚拟化包括" is "虚拟化" asked about with "包括"
    return best


# --- scoring passages ---------------------------------------------------------------------------


def _form_credit(index: Index, pid: int, form: str, latin: bool) -> float:
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


def _unit_credit(index: Index, pid: int, unit: _Unit) -> float:
    credit = 0.0
    for (form, quality), latin in zip(unit.forms, unit.latin):
        if quality > credit:
            credit = max(credit, quality * _form_credit(index, pid, form, latin))
            if credit >= 1.0:
                return 1.0
    if unit.parts:
        total = sum(p.weight for p in unit.parts) or 1.0
        split = sum(p.weight * _unit_credit(index, pid, p) for p in unit.parts) / total
        credit = max(credit, 0.85 * split)
    elif credit == 0.0 and len(unit.text) >= 3 and not unit.latin[0]:
        pairs = [unit.text[k : k + 2] for k in range(len(unit.text) - 1)]
        share = sum(1 for pair in pairs if pair in index.texts[pid]) / len(pairs)
        if share >= 0.5:
            credit = 0.6 * share
    return credit


def _candidates(index: Index, units: tuple[_Unit, ...]) -> list[int]:
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


def _shape_bonus(index: Index, units: tuple[_Unit, ...], pid: int, intent: Intent, total: float) -> float:
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
    if intent.quantity and _QUANTITY.search(text):
        bonus += _QUANTITY_BONUS
    if intent.time and _YEAR.search(text):  # "哪一年" is answered by a passage that gives a year
        bonus += _SHAPE_BONUS
    return bonus


@dataclass(frozen=True)
class _Scored:
    pid: int
    confidence: float
    rank: float


def _score(index: Index, units: tuple[_Unit, ...], pid: int, intent: Intent = Intent()) -> _Scored:
    total = sum(u.weight for u in units)
    covered = 0.0
    bold_share = 0.0
    define_share = 0.0
    lead_share = 0.0
    lead = index.leads[pid]
    bold = index.bold[pid]
    defines = index.defines[pid]
    for unit in units:
        credit = _unit_credit(index, pid, unit)
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
                lead_share += unit.weight * min(cover, 1.0)
    confidence = min(1.0, covered / total) if total else 0.0
    length = len(index.texts[pid])
    rank = (
        confidence
        + 0.08 * bold_share / total
        + 0.4 * define_share / total
        + 0.5 * lead_share / total
        - 0.02 * math.log2(max(length, 40) / 40)
        + (_shape_bonus(index, units, pid, intent, total) if total else 0.0)
    )
    return _Scored(pid, confidence, rank)


def _label_cover(form: str, lead: str) -> float:
    """How much a label is about a word: all of it, its opening part, or (half as much) a word inside
    it ("平台虚拟化" is a kind of "虚拟化", not what "虚拟化" asks about)."""
    share = len(form) / len(lead)
    return share if lead.startswith(form) else share * 0.5


def _ranked(index: Index, units: tuple[_Unit, ...], intent: Intent = Intent()) -> list[_Scored]:
    passages = index.corpus.passages
    # A whole table answers a comparison, a whole list a classification; otherwise their rows and
    # items stand for them (a whole holds every part's words, so it would seem to cover questions
    # none of its parts answers).
    scored = [
        _score(index, units, pid, intent)
        for pid in _candidates(index, units)
        if (passages[pid].kind != "table" or intent.comparison)
        and (passages[pid].kind != "list" or intent.classification)
    ]
    scored.sort(key=lambda s: (-s.rank, s.pid))
    return scored


@lru_cache(maxsize=4096)
def _offsets(text: str) -> tuple[str, tuple[int, ...]]:
    return normalize_with_offsets(text)


def _highlights(index: Index, units: tuple[_Unit, ...], passage: Passage) -> tuple[str, ...]:
    normalised, offsets = _offsets(passage.text)
    found: dict[str, None] = {}
    for unit in units:
        for piece in (unit, *unit.parts):
            for (form, _), latin in zip(piece.forms, piece.latin):
                if latin:
                    match = re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", normalised)
                    start = match.start() if match else -1
                else:
                    start = normalised.find(form)
                if start < 0 or not form:
                    continue
                end = start + len(form) - 1
                original = passage.text[offsets[start] : offsets[end] + 1]
                if original.strip():
                    found.setdefault(original, None)
                break
    return tuple(found)


def _hit(index: Index, units: tuple[_Unit, ...], scored: _Scored) -> Hit:
    passage = index.corpus.passages[scored.pid]
    return Hit(passage, round(scored.confidence, 4), _highlights(index, units, passage))


# --- public API -----------------------------------------------------------------------------------


def search(index: Index, question: str, limit: int = 10) -> tuple[Hit, ...]:
    """Passages for a question, best first, each covering at least RELATED_MIN of it (inline mode)."""
    intent = _intent(question)
    units = _topic_units(_analyse(index, question), intent)
    if not units:
        return ()
    ranked = [s for s in _ranked(index, units, intent) if s.confidence >= RELATED_MIN]
    shown: list[_Scored] = []
    parts: set[int] = set()
    for scored in ranked:
        if len(shown) >= max(limit, 0):
            break
        if scored.pid not in parts:  # a whole table or list found first stands for its parts
            shown.append(scored)
            parts |= _parts(index, scored.pid)
    return tuple(_hit(index, units, s) for s in shown)


def answer_question(index: Index, question: str) -> Answer | NotFound:
    """The best passage and related ones, or NotFound when no passage covers enough of the question."""
    intent = _intent(question)
    units = _topic_units(_analyse(index, question), intent)
    if not units:
        return NotFound(question, (), ())
    ranked = _ranked(index, units, intent)
    unwritten = _unwritten(index, units)
    named = _named_unwritten(index, question)
    if named:  # the question quotes an unwritten title: that chapter first
        unwritten = (_Chapter(1.0, named, False, 0.0), *(u for u in unwritten if u.section != named))[:3]
    if ranked and ranked[0].confidence >= ANSWER_MIN and not _about_unwritten(
        index, units, ranked[0], unwritten, named
    ):
        best = ranked[0]
        related = _listed_after(index, units, best.pid)  # a lead-in "…可分为：" comes with its list
        # A table's own rows, or the caption or lead-in shown with the answer, would only repeat it.
        inside = _parts(index, best.pid)
        if not related:
            shown = index.corpus.passages[best.pid].context
            related = [
                s
                for s in ranked[1:]
                if s.confidence >= RELATED_MIN and s.pid not in inside and index.corpus.passages[s.pid].text != shown
            ][:3]
        if len(related) < 2:
            related.extend(_neighbours(index, units, best.pid, {best.pid, *inside, *(s.pid for s in related)}))
        return Answer(question, _hit(index, units, best), tuple(_hit(index, units, s) for s in related[:3]))
    return NotFound(question, _suggestions(index, ranked), tuple(chapter.section for chapter in unwritten))


def _listed_after(index: Index, units: tuple[_Unit, ...], pid: int) -> list[_Scored]:
    """The first items of the list a lead-in passage ("虚拟化技术，从大类上可分为：") introduces, or
    the whole table a caption passage introduces."""
    passages = index.corpus.passages
    text = passages[pid].text
    following = passages[pid + 1] if pid + 1 < len(passages) else None
    if following is not None and following.kind == "table" and following.context == text:
        return [_score(index, units, pid + 1)]
    if not text.endswith(("：", ":")):
        return []
    items: list[_Scored] = []
    for other in range(pid + 1, min(len(passages), pid + 40)):
        if len(items) == 3:
            break
        if passages[other].context == text and passages[other].kind == "list_item":
            items.append(_score(index, units, other))
        elif passages[other].context != text:
            break
    return items


def _parts(index: Index, pid: int) -> set[int]:
    """The ids of the passages a whole table (its caption before it, its rows after it) or list (its
    lead-in and items, before it) is made of; nothing for another kind of passage."""
    passages = index.corpus.passages
    kind = passages[pid].kind
    parts: set[int] = set()
    if kind == "table":
        if pid > 0 and passages[pid - 1].text == passages[pid].context:
            parts.add(pid - 1)  # its caption
        for other in range(pid + 1, len(passages)):
            if passages[other].kind != "table_row" or passages[other].context != passages[pid].context:
                break
            parts.add(other)
    elif kind == "list":
        lines = passages[pid].text.split("\n")
        lead = lines[0]
        for other in range(pid - 1, max(-1, pid - 200), -1):
            if passages[other].text == lead:
                parts.add(other)
                break
            if passages[other].context == lead:
                parts.add(other)
    return parts


def _intent(question: str) -> Intent:
    return question_intent(normalize(question[:MAX_QUESTION_CHARS]))


def _topic_units(units: tuple[_Unit, ...], intent: Intent) -> tuple[_Unit, ...]:
    """The units without the words that only say what kind of answer is asked ("定义" when the
    question asks for a definition): the intent rewards that shape, the words need not be found."""
    drop = intent_words(intent)
    return tuple(u for u in units if u.text not in drop) if drop else units


def _about_unwritten(
    index: Index,
    units: tuple[_Unit, ...],
    best: _Scored,
    unwritten: tuple[_Chapter, ...],
    named: Section | None,
) -> bool:
    """Whether the question is about an unwritten chapter rather than the best passage: it quotes
    a phrase of the chapter's title that no passage holds ("云服务"); or a weighty word of the
    question stands only in that title (no passage holds "Dockerfile"); or the title matches it as
    well as the passage does, through words the passages only mention in passing (or the passage
    covers the question only in part, or holds some of its words only in its heading or lead-in) —
    unless the passage holds the question's weightiest word and the title does not ("chroot" in
    "when was chroot created": the title shares only the verb)."""
    if not unwritten:
        return False
    chapter = unwritten[0]
    # Partial: the passage leaves part of the question out (a word matched only loosely, such as a
    # corrected typo, still counts as held).
    partial = best.confidence < _UNWRITTEN_BELOW and _held_share(index, units, best.pid) < _UNWRITTEN_BELOW
    if named is not None:
        return True
    if chapter.only_share >= _ONLY_IN_TITLE and partial:
        return True
    if chapter.share < best.confidence - _UNWRITTEN_MARGIN:
        return False
    # The question's weightiest word, and the rare names it uses (Latin words the glossary does not
    # translate and few passages hold: "chroot"), say what it is about more than a verb the title
    # shares ("创建").
    title = heading_text(chapter.section.path[-1])
    main = [max(units, key=lambda u: u.weight)]
    main += [
        u for u in units
        if not CJK_RUN.search(u.text) and not translations(u.text) and 0 < index.df(u.text) <= _RARE_DF
    ]
    for unit in main:
        if _unit_credit(index, best.pid, unit) >= 0.5 and not any(
            f and f in title for piece in (unit, *unit.parts) for f, _ in piece.forms
        ):
            return False
    return partial or not chapter.common or _text_share(index, units, best.pid) < chapter.share - _UNWRITTEN_MARGIN


def _in_passages(index: Index, unit: _Unit) -> bool:
    """Whether some passage holds the unit in one of its forms, as a whole word."""
    return any(
        index.df(form) > 0 if latin else _cjk_present(index, form)
        for (form, quality), latin in zip(unit.forms, unit.latin)
        if form and quality >= 0.85
    )


def _held_share(index: Index, units: tuple[_Unit, ...], pid: int) -> float:
    """The share of the question's weight a passage matches at all, however loosely."""
    total = sum(u.weight for u in units) or 1.0
    return sum(u.weight for u in units if _unit_credit(index, pid, u) >= 0.5) / total


def _text_share(index: Index, units: tuple[_Unit, ...], pid: int) -> float:
    """The share of the question's weight a passage holds in its own text (not its heading)."""
    total = sum(u.weight for u in units) or 1.0
    text, words = index.texts[pid], index.words[pid]
    held = 0.0
    for unit in units:
        pieces = unit.parts or (unit,)
        for piece in pieces:
            if any((f in words) if latin else (f in text) for (f, _), latin in zip(piece.forms, piece.latin) if f):
                held += piece.weight
    return held / total


def _named_unwritten(index: Index, question: str) -> Section | None:
    """An unwritten chapter whose title shares a phrase of three or more Chinese characters with the
    question, a phrase no passage holds ("大数据平台", "私有仓库"): the question is about it."""
    if not index.unwritten:
        return None
    text = normalize(question[:MAX_QUESTION_CHARS])
    best: tuple[int, Section] | None = None
    for section, heading in index.unwritten:
        for match in CJK_RUN.finditer(heading):
            run = match.group(0)
            for size in range(len(run), 2, -1):
                if best is not None and size <= best[0]:
                    break
                found = next(
                    (run[k : k + size] for k in range(len(run) - size + 1)
                     if run[k : k + size] in text and _clean_phrase(run[k : k + size])
                     and not _cjk_present(index, run[k : k + size])),
                    None,
                )
                if found is not None:
                    best = (size, section)
                    break
    return best[1] if best else None


def _clean_phrase(phrase: str) -> bool:
    """A phrase that neither starts nor ends with a function character ("容器与" is no phrase)."""
    return not is_function_word(phrase[0]) and not is_function_word(phrase[-1])


def _neighbours(index: Index, units: tuple[_Unit, ...], pid: int, taken: set[int]) -> list[_Scored]:
    passages = index.corpus.passages
    found: list[_Scored] = []
    for other in (pid + 1, pid - 1, pid + 2):
        if 0 <= other < len(passages) and other not in taken:
            if passages[other].section == passages[pid].section and passages[other].text != passages[pid].context:
                found.append(_score(index, units, other))
    return found[:2]


def _suggestions(index: Index, ranked: list[_Scored]) -> tuple[Section, ...]:
    by_path = {section.path: section for section in index.corpus.sections}
    found: dict[tuple[str, ...], Section] = {}
    for scored in ranked:
        if scored.confidence <= 0:
            continue
        path = index.corpus.passages[scored.pid].section
        section = by_path.get(path)
        if section is not None and section.has_content:
            found.setdefault(path, section)
        if len(found) == 3:
            break
    return tuple(found.values())


@dataclass(frozen=True)
class _Chapter:
    """An unwritten chapter a question points at."""

    share: float  # the share of the question's weight its title matches
    section: Section
    common: bool  # whether the words matched are common in the passages too
    only_share: float  # the share matched by words no passage holds


def _unwritten(index: Index, units: tuple[_Unit, ...]) -> tuple[_Chapter, ...]:
    """Chapters with no content yet that the question points at, best first."""
    total = sum(u.weight for u in units) or 1.0
    found: list[tuple[float, float, bool, Section]] = []
    for section, heading in index.unwritten:
        share = 0.0
        only = 0.0
        common = False
        for unit in units:
            pieces = unit.parts or (unit,)
            for piece in pieces:
                hits = [form for form, _ in piece.forms if form and form in heading]
                if hits:
                    share += piece.weight
                    dfs = [len(index.postings.get(form, ())) for form in hits]
                    # A form of it ("compose") stands nowhere but in this title, and no other form
                    # ("机器" for "machine") stands in a passage.
                    if min(dfs) == 0 and not _in_passages(index, piece):
                        only += piece.weight
                    common = common or max(dfs) > _RARE_DF
        if only or share / total >= 0.3:
            found.append((share, only, common, section))
    # A word found nowhere but in that title ("Machine") points at it more than a shared one.
    found.sort(key=lambda item: (-item[0], not item[1]))
    return tuple(_Chapter(share / total, section, common, only / total) for share, only, common, section in found[:3])
