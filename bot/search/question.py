"""Reading a question: its wording's intent and its content units, each weighted by how much it names the topic.

A question is cut into content *units* (function words dropped, aspect words light, adjacent words
joined into a phrase when the notes hold that phrase); each unit weighs its rarity in the notes
(BM25's idf; a word the notes never use weighs the most). A unit is found in a passage through its
own form, an alias or synonym, a glossary translation (English → Chinese) or, for a misspelt Latin
word, the closest word of the notes; adjacent Chinese words that read as a word of the notes with
one character mistyped are mended first. A word the notes never use weighs by its rarity in Chinese
at large (jieba's dictionary frequency): "出现" little, "区块链" much; a word the notes hold but
Chinese uses everywhere ("学习") weighs less than its rarity in the notes. The head of "A的B" weighs
double, what "多少个X" counts half. Words that only say what kind of answer is asked ("定义" for a
definition) are left out: the intent rewards that shape instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from bot.search.glossary import PHRASE_MAX_WORDS, english_for, translations
from bot.search.index import Index
from bot.search.text import CJK_RUN, normalize
from bot.search.tokenize import ascii_forms, query_words
from bot.search.wording import (
    ASPECT_WEIGHT,
    Intent,
    intent_words,
    is_aspect_word,
    is_function_word,
    question_intent,
)

__all__ = ["MAX_QUESTION_CHARS", "Question", "Unit", "read_question"]

# Only the start of a very long message is read as the question.
MAX_QUESTION_CHARS = 300
# The head of "A的B" (B) names what is asked: it weighs this much more than the words before it.
_HEAD_WEIGHT = 2.0
_MAX_PHRASE_WORDS = 6
# "多少个X", "几台X": X is what is counted, and weighs this much.
_COUNTED_WEIGHT = 0.5
_COUNTING = frozenset("多少个 几个 几台 多少台".split())
_CLASSIFIERS = frozenset("个 台".split())


@dataclass(frozen=True)
class Unit:
    """One meaningful piece of a question and the forms it may take in the notes."""

    text: str
    forms: tuple[tuple[str, float], ...]  # (normalised form, quality of that form)
    latin: tuple[bool, ...]  # per form: matched as a whole Latin word
    weight: float
    parts: tuple["Unit", ...] = ()  # for a phrase: its words, each scored alone when it is split


@dataclass(frozen=True)
class Question:
    """A question as the search reads it."""

    text: str  # the normalised question (its first MAX_QUESTION_CHARS characters)
    intent: Intent  # the kind of answer its wording asks for
    units: tuple[Unit, ...]  # its content units, without the words that only name the intent


def read_question(index: Index, question: str) -> Question:
    """A question's normalised text, intent and content units."""
    text = normalize(question[:MAX_QUESTION_CHARS])
    intent = question_intent(text)
    drop = intent_words(intent)
    units = tuple(u for u in _analyse(index, text) if u.text not in drop)
    return Question(text, intent, units)


def _analyse(index: Index, text: str) -> tuple[Unit, ...]:
    """The content units of a (normalised) question, in order."""
    words = _split_glued(index, _mend_typos(index, query_words(index.tokenizer, text)))
    units: list[Unit] = []
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
                    Unit(
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
        pieces = _latin_pieces(index, word)
        if pieces:
            # "hardware-assisted": an unknown compound is read as its parts.
            words[i : i + 1] = [(p, start) for p in pieces]
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
    unique: dict[str, Unit] = {}
    for unit in units:
        if unit.weight > 0:
            unique.setdefault(unit.text, unit)  # a word asked twice counts once
    return tuple(unique.values())


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
    if index.holds_cjk(text) or index.dictionary[0].get(text, 0) > 0:
        return None
    if all(index.holds_cjk(piece) and len(piece) > 1 for piece in pieces):
        return None  # every piece is a word of the notes: a phrase, not a typo
    from rapidfuzz import process
    from rapidfuzz.distance import Hamming

    pool = index.cjk_by_length.get(len(text), ())
    found = process.extract(text, pool, scorer=Hamming.distance, score_cutoff=1, limit=20)
    # A function character is no mistyped one ("迁移时" is 迁移 + 时, not a typo of "迁移性").
    found = [f for f in found if not any(a != b and is_function_word(a) for a, b in zip(text, f[0]))]
    # Of several words one character away, the one the notes use most.
    return max((word for word, _, _ in found), key=lambda w: (index.df(w), w), default=None)


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
            and not index.holds_cjk(word)
        ):
            result.extend((char, start + k) for k, char in enumerate(word))
        else:
            result.append((word, start))
    return result


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
        if not index.holds_cjk(text):
            break
        if not is_function_word(word) and not is_aspect_word(word):
            best = j  # a phrase ends on content: "虚拟化包括" is "虚拟化" asked about with "包括"
    return best


def _is_empty_word(word: str) -> bool:
    """A function word, or a word made only of function characters ("上能", "也是")."""
    return is_function_word(word) or (
        len(word) > 1 and not is_aspect_word(word) and all(is_function_word(char) for char in word)
    )


def _counted(words: list[tuple[str, int]], i: int) -> bool:
    """Whether word ``i`` follows a question that counts it with a classifier ("多少个", "几台")."""
    before = words[i - 1][0] if i > 0 else ""
    if before in _COUNTING:
        return True
    return before in _CLASSIFIERS and i > 1 and words[i - 2][0] in ("多少", "几")


def _latin_pieces(index: Index, word: str) -> list[str]:
    """The parts of a Latin compound that is better read as its parts (the notes and glossary lack
    it), or nothing."""
    if not any(j in word.strip(".-_/+") for j in ".-_/+"):
        return []
    if any(form in index.postings for form in ascii_forms(word)) or translations(word):
        return []
    pieces = [p for p in re.split(r"[.\-_/+]+", word) if p]
    return pieces if len(pieces) > 1 else []


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
    return tuple(term for term in joined if len(term) >= 3 and index.holds_cjk(term))


def _cjk_unit(index: Index, word: str) -> Unit:
    forms: dict[str, float] = {word: 1.0}
    for other in index.equivalents.get(word, ()):
        forms.setdefault(other, 0.95)
    for english in english_for(word):
        if english in index.postings:
            forms.setdefault(english, 0.9)
    df = index.cjk_df(word)
    weight = 0.0
    if df == 0:
        dfs = [index.cjk_df(f) if CJK_RUN.search(f) else index.df(f) for f in forms if f != word]
        df = max(dfs, default=0)
        if df == 0:
            # A word the notes never use: the more common it is in Chinese at large, the less
            # likely it names the topic ("出现", "写" versus "区块链").
            weight = _weight(index, 0, word) * _general_rarity(index, word)
    return Unit(
        text=word,
        forms=tuple(forms.items()),
        latin=tuple(not CJK_RUN.search(f) for f in forms),
        weight=weight or _weight(index, df, word) * _commonness_discount(index, word),
    )


def _latin_unit(index: Index, word: str, glossary: tuple[str, ...]) -> Unit:
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
        df = len(index.postings.get(best[0], ())) if best[1][1] else index.cjk_df(best[0])
        if best[1][0] < 1.0 and rarest_part >= 0:
            # Only a part of a compound was found: the compound is as rare as its rarest part.
            df = min(df, rarest_part)
    forms.setdefault(word, (1.0, True))  # absent from the passages, it may still name a chapter
    return Unit(
        text=word,
        forms=tuple((f, q) for f, (q, _) in forms.items()),
        latin=tuple(latin for _, (_, latin) in forms.items()),
        # "advantages" says which side of a topic is asked, as its rendering "优点" does.
        weight=_weight(index, df, word) * (ASPECT_WEIGHT if glossary and is_aspect_word(glossary[0]) else 1.0),
    )


def _closest_latin(index: Index, word: str) -> tuple[str, float] | None:
    """The notes' Latin word closest to a misspelt one ("dcoker" → "docker"), if close enough."""
    from rapidfuzz import fuzz, process

    # Only words of about the same length can reach the cut-off: look at those alone.
    lengths = index.latin_by_length
    pool = [w for size in range(len(word) - 2, len(word) + 3) for w in lengths.get(size, ())]
    found = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=80)
    return (found[0], float(found[1])) if found else None


def _weight(index: Index, df: int, word: str) -> float:
    """A word's weight from the number of passages holding it: aspect words and single letters weigh less."""
    weight = index.idf(df)
    if is_aspect_word(word):
        weight *= ASPECT_WEIGHT
    elif len(word) == 1:
        weight *= 0.5
    return weight


# General-language rarity: jieba's dictionary frequency turned into an idf, mapped onto
# [_RARITY_FLOOR, 1] between a very common word (idf 6) and a rare one (idf 14).
_RARITY_FLOOR = 0.25


def _general_idf(index: Index, word: str) -> float | None:
    """A word's idf in Chinese at large (jieba's dictionary frequency), None if the dictionary lacks it."""
    freq, total = index.dictionary
    count = freq.get(word, 0)
    return math.log(total / count) if count > 0 and total > 0 else None


def _general_rarity(index: Index, word: str) -> float:
    idf = _general_idf(index, word)
    if idf is None:
        return 1.0
    return min(1.0, max(_RARITY_FLOOR, (idf - 6.0) / 8.0))


# A word of the notes that is also among the most common words of Chinese ("出现", "学习") names
# the topic less than its rarity in the notes alone suggests: its weight falls to as little as
# this share, for words more common in general Chinese than _COMMON_IDF.
_COMMON_FLOOR = 0.3
_COMMON_IDF = 10.0


def _commonness_discount(index: Index, word: str) -> float:
    idf = _general_idf(index, word)
    if idf is None or len(word) < 2:
        return 1.0
    return min(1.0, max(_COMMON_FLOOR, (idf - 6.0) / (_COMMON_IDF - 6.0)))
