"""Reading a question: its intent and its content terms, each with the forms it may take in the notes.

A question is cut into words (jieba for Chinese, word patterns for Latin script); words that name
no topic (question words, particles, greetings: `bot.search.wording`) are dropped. Each remaining
word becomes a `Term` whose *alternatives* are the notes' terms it may stand as, with a quality:

- the word itself; the same word under another name (an alias the notes give, `术语（English）`,
  or a synonym); an English word's Chinese renderings (`bot.search.glossary`) and the notes'
  words of the same stem ("evicted" → "eviction"); the longer names of a compound
  ("docker-compose.yml" → "docker-compose");
- for a word the notes do not use: a word of the notes one typing slip away ("dokcer", "虚拟话"),
  else its parts ("删不掉" → "删"), keeping the whole word's weight as a *ghost*: evidence that the
  question asks about something the notes lack.

A term weighs its rarity in the notes (BM25's idf); words that only say which side of a topic is
asked ("原理", "区别") weigh a quarter, single characters half. A word the notes never use weighs by
its rarity in general language (jieba's dictionary frequency), so "区块链" counts and "写" hardly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.search.glossary import PHRASE_MAX_WORDS, english_for, translations
from bot.search.homophones import sound_alike
from bot.search.index import Index
from bot.search.stems import stem
from bot.search.text import ASCII_WORD, CJK_RUN, normalize, normalize_question
from bot.search.tokenize import ascii_forms, compound_names
from bot.search.wording import (
    ASPECT_WEIGHT,
    Intent,
    intent_words,
    is_aspect_word,
    is_function_word,
    question_intent,
)

__all__ = ["MAX_QUESTION_CHARS", "Question", "Term", "read_question"]

# Only the start of a very long message is read as the question.
MAX_QUESTION_CHARS = 300
_WORD = re.compile(rf"{CJK_RUN.pattern}|{ASCII_WORD.pattern}")
_JOINER = re.compile(r"([.\-_/+]+)")
# The quality of each kind of alternative (the word itself is 1.0).
_ALIAS = 0.95
_TRANSLATION = 0.9
_STEM = 0.9
_COMPOUND = 0.8
_PART = 0.5  # one part of a compound ("sr" of "sr-iov")
_TYPO = 0.8
_SUBWORD = 0.8
_SINGLE_CHARACTER = 0.5


@dataclass(frozen=True)
class Term:
    """One content word of a question and the notes' terms it may stand as."""

    text: str
    alternatives: tuple[tuple[int, float], ...]  # (term id in the index, quality)
    forms: tuple[str, ...]  # the alternatives' normalised strings, best first (for finding them in text)
    weight: float
    latin: bool
    missing: bool = False  # the notes use no form of it
    rarity: float = 1.0  # how rare it is in general language, in [0.1, 1]
    ghost: float = 0.0  # the weight of a word the notes lack, read through its parts instead


@dataclass(frozen=True)
class Question:
    """A question as the search reads it."""

    text: str  # the normalised question (its first MAX_QUESTION_CHARS characters)
    intent: Intent
    terms: tuple[Term, ...]

    @property
    def weight(self) -> float:
        """The total weight of the question's terms."""
        return sum(term.weight for term in self.terms)


def read_question(index: Index, question: str) -> Question:
    """A question's normalised text, intent and content terms (each asked once: a Chinese word
    standing for nothing but an English term's renderings is that term again)."""
    text = normalize_question(question[:MAX_QUESTION_CHARS])
    intent = question_intent(text)
    drop = intent_words(intent)
    found: dict[str, Term] = {}
    for term in [*_terms(index, text), *_unknown_names(index, question[:MAX_QUESTION_CHARS])]:
        ids = {term_id for term_id, _ in term.alternatives}
        if ids and not term.latin and not term.ghost and any(
            other.latin and ids <= {term_id for term_id, _ in other.alternatives} for other in found.values()
        ):
            continue  # "kubectl run 跑起来": 跑 is run asked again in Chinese
        if term.text not in drop and (term.weight > 0 or term.ghost > 0):
            found.setdefault(term.text, term)
    return Question(text, intent, tuple(found.values()))


# Two capitalised Latin words, and no more, in a row: a name ("Docker Machine", "Content Trust").
_NAME = re.compile(r"(?<![\w\-])(?<![A-Za-z0-9] )[A-Z][A-Za-z0-9]{2,} [A-Z][A-Za-z0-9]{2,}(?![\w\-]| [A-Z])")


def _unknown_names(index: Index, question: str) -> list[Term]:
    """A name of two words the notes never write together ("Docker Machine" in notes that only
    know Docker and machines) is something they lack: a term of no weight, only a ghost."""
    found = []
    for match in _NAME.finditer(question):
        words = normalize(match.group(0)).split()
        if not any(is_function_word(w) for w in words) and " ".join(words) not in index.latin_pairs:
            found.append(Term(" ".join(words), (), (), 0.0, True, True, 1.0, index.idf(0)))
    return found


def _terms(index: Index, text: str) -> list[Term]:
    words: list[str] = []
    for match in _WORD.finditer(text):
        run = match.group(0)
        if CJK_RUN.fullmatch(run):
            words.extend(_mend_typos(index, _guessed_apart(index, list(index.tokenizer.cut(run, HMM=True)))))
        else:
            words.extend(_english_parts(index, run))
    terms: list[Term] = []
    i = 0
    while i < len(words):
        word = words[i]
        if CJK_RUN.fullmatch(word):
            if not _empty(word):
                terms.extend(_chinese_terms(index, word))
            i += 1
            continue
        # Latin script: the longest glossary phrase first ("virtual machine"), or words the glossary
        # knows one by one that the notes write as one term ("application virtualization" → 应用虚拟化).
        taken, glossary = 1, translations(word)
        for size in range(min(max(PHRASE_MAX_WORDS, 3), len(words) - i), 1, -1):
            chunk = words[i : i + size]
            if any(CJK_RUN.search(w) for w in chunk):
                continue
            found = translations(" ".join(chunk)) or _joined_translation(index, chunk)
            if found:
                taken, glossary = size, found
                break
        if taken > 1:
            terms.append(_latin_term(index, "".join(words[i : i + taken]), glossary))
        elif not is_function_word(word):
            terms.append(_latin_term(index, word, glossary))
        i += taken
    return terms


def _guessed_apart(index: Index, words: list[str]) -> list[str]:
    """A word jieba guessed (no dictionary word, none of the notes) made only of function
    characters, cut into the notes' words instead: "最多能" is "最多" + "能", and "最多" asks for a
    limit; as one guessed word it would be dropped whole."""
    found: list[str] = []
    for word in words:
        if len(word) > 2 and word not in index.vocabulary and _empty(word) and not index.dictionary[0].get(word):
            found.extend(_longest_first(index, word))
        else:
            found.append(word)
    return found


def _known(index: Index, word: str) -> bool:
    return word in index.vocabulary or word in index.equivalents


def _longest_first(index: Index, word: str) -> list[str]:
    """The word cut into the notes' words (or words with a synonym), longest first from the left,
    else characters."""
    pieces: list[str] = []
    i = 0
    while i < len(word):
        size = next((n for n in range(len(word) - i, 1, -1) if _known(index, word[i : i + n])), 1)
        pieces.append(word[i : i + size])
        i += size
    return pieces


def _mend_typos(index: Index, words: list[str]) -> list[str]:
    """Adjacent words of a Chinese run that read as one word of the notes with a character mistyped
    ("虚拟" + "话" → "虚拟化", "隔" + "李性" → "隔离性") become that word; words that are each a word
    of the notes ("容器" + "技术") are a phrase, not a typo."""
    mended: list[str] = []
    i = 0
    while i < len(words):
        fixed = None
        if not is_function_word(words[i]):
            for j in range(i + 1, min(len(words), i + 3)):
                joined = "".join(words[i : j + 1])
                if not 3 <= len(joined) <= 6 or joined in index.vocabulary:
                    continue
                if all(len(w) > 1 and w in index.vocabulary for w in words[i : j + 1]):
                    continue
                if any(is_function_word(w) for w in words[i + 1 : j + 1]):
                    break  # "数据" + "会": a word and a particle, no word mistyped
                correction = _closest_chinese(index, joined)
                if correction is not None:
                    fixed = (correction, j)
        if fixed is not None:
            mended.append(fixed[0])
            i = fixed[1] + 1
        else:
            mended.append(words[i])
            i += 1
    return mended


def _english_parts(index: Index, word: str) -> list[str]:
    """An English compound the notes do not write, of words the glossary knows, read as its words
    ("hardware-assisted" → "hardware", "assisted"); any other word as it is."""
    parts = [p for p in _JOINER.split(word)[0::2] if p]
    if len(parts) < 2 or any(form in index.vocabulary for form in ascii_forms(word)[:2]) or translations(word):
        return [word]
    return parts if all(translations(part) or is_function_word(part) for part in parts) else [word]


def _joined_translation(index: Index, words: list[str]) -> tuple[str, ...]:
    """Chinese for English words the glossary knows one by one, joined as the notes write them."""
    if len(words) > 3 or any(is_function_word(w) for w in words):
        return ()
    joined = [""]
    for word in words:
        renderings = translations(word)
        if not renderings:
            return ()
        joined = [head + tail for head in joined for tail in renderings[:3]]
    return tuple(term for term in joined if len(term) >= 3 and term in index.vocabulary)


def _empty(word: str) -> bool:
    """A function word, or a word made only of function characters ("上能", "也是")."""
    return is_function_word(word) or (len(word) > 1 and not is_aspect_word(word) and all(is_function_word(c) for c in word))


def _modifier(word: str) -> float:
    if is_aspect_word(word):
        return ASPECT_WEIGHT
    return _SINGLE_CHARACTER if len(word) == 1 else 1.0


def _term_id(index: Index, form: str) -> int | None:
    return index.vocabulary.get(form)


def _make(
    index: Index, word: str, alternatives: dict[int, float], latin: bool, ghost: float = 0.0, share: float = 1.0
) -> Term:
    """A term from its alternatives: it weighs the rarity of its best one (times ``share``, for
    one of several parts of a word)."""
    if not alternatives:
        rarity = _rarity(index, word) if not latin else 1.0
        return Term(word, (), (word,), index.idf(0) * rarity * _modifier(word), latin, True, rarity, ghost)
    ordered = sorted(alternatives.items(), key=lambda item: (-item[1], item[0]))
    best = ordered[0][0]
    names = index.names
    return Term(
        text=word,
        alternatives=tuple(ordered),
        forms=tuple(names[term_id] for term_id, _ in ordered),
        weight=index.idf(int(index.df[best])) * _modifier(word) * share,
        latin=latin,
        rarity=_rarity(index, word) if not latin else 1.0,
        ghost=ghost,
    )


def _add(alternatives: dict[int, float], term_id: int | None, quality: float) -> None:
    if term_id is not None and alternatives.get(term_id, 0.0) < quality:
        alternatives[term_id] = quality


def _chinese_terms(index: Index, word: str) -> list[Term]:
    alternatives: dict[int, float] = {}
    _add(alternatives, _term_id(index, word), 1.0)
    for other in index.equivalents.get(word, ()):
        _add(alternatives, _term_id(index, other), _ALIAS)
    for english in english_for(word):  # notes keep English words beside Chinese ones ("Port Range")
        _add(alternatives, _term_id(index, english), _TRANSLATION)
    if alternatives:
        return [_make(index, word, alternatives, latin=False)]
    typo = _closest_chinese(index, word)
    if typo is not None:
        return [_make(index, word, {index.vocabulary[typo]: _TYPO}, latin=False)]
    # A word the notes do not use: read through its parts the notes do use ("删不掉" → "删").
    parts = [p for p in index.tokenizer.cut_for_search(word) if p != word and len(p) > 1 and p in index.vocabulary]
    if not parts and len(word) > 1:
        parts = [c for c in word if c in index.vocabulary and not is_function_word(c)]
    if not parts:
        return [_make(index, word, {}, latin=False)]
    ghost = index.idf(0) * _rarity(index, word) * _modifier(word)
    share = 1.0 / math.sqrt(len(parts))
    return [_make(index, part, {index.vocabulary[part]: _SUBWORD}, latin=False, ghost=ghost, share=share) for part in parts]


def _latin_term(index: Index, word: str, glossary: tuple[str, ...]) -> Term:
    alternatives: dict[int, float] = {}
    forms = ascii_forms(word)
    for number, form in enumerate(forms):
        if number < 2:
            _add(alternatives, _term_id(index, form), 1.0)  # the word, and its joined form "sriov"
        elif not is_function_word(form):
            _add(alternatives, _term_id(index, form), _PART)
    whole = bool(alternatives) and max(alternatives.values()) >= 1.0
    named = False
    for longer in compound_names(word):
        term_id = _term_id(index, longer)
        named |= term_id is not None
        _add(alternatives, term_id, _COMPOUND)
    if word.isalpha() and len(word) >= 4:
        for other in index.stems.get(stem(word), ()):
            _add(alternatives, _term_id(index, other), _STEM)
    for other in index.equivalents.get(word, ()):
        _add(alternatives, _term_id(index, other), _ALIAS)
    for chinese in glossary:
        _add(alternatives, _term_id(index, chinese), _TRANSLATION)
        for other in index.equivalents.get(chinese, ()):
            _add(alternatives, _term_id(index, other), _TRANSLATION * _ALIAS)
    if not whole and not named and len(word) >= 4 and not word[0].isdigit():
        # a misspelt word, or a compound with a misspelt part ("kube-porxy")
        typo = _closest_latin(index, word)
        if typo is not None:
            _add(alternatives, index.vocabulary[typo[0]], typo[1])
            whole = True
    # A compound the notes never name, only its parts ("docker-slim" of "docker" and "slim"), is a
    # name the notes lack.
    unnamed = len(forms) > 2 and not whole and not named
    return _make(index, word, alternatives, latin=True, ghost=index.idf(0) if unnamed else 0.0)


def _closest_latin(index: Index, word: str) -> tuple[str, float] | None:
    """The notes' Latin word one slip away from a misspelt one ("dokcer" → "docker"; two slips
    for long words), the most used of equally close ones, with the quality of the match."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    limit = 1 if len(word) < 8 else 2
    pool = [w for size in range(len(word) - limit, len(word) + limit + 1) for w in index.latin_by_length.get(size, ())]
    found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=limit, limit=20)
    if not found:
        return None
    best = min(found, key=lambda f: (f[1], -index.term_df(f[0]), f[0]))
    return best[0], 0.9 - 0.1 * best[1]


def _closest_chinese(index: Index, word: str) -> str | None:
    """The notes' Chinese word one character away from a word that neither the notes nor Chinese at
    large use, the two characters sounding alike ("虚拟话" → "虚拟化", "集裙" → "集群"; not "停下来"
    → "接下来"), the most used; a function character is never read as a mistyped one ("迁移时" is
    迁移 + 时)."""
    if len(word) < 2 or index.knows_word(word):
        return None  # "转到", "切到": a word, however rare, is no typo of a notes' word
    from rapidfuzz import process
    from rapidfuzz.distance import Hamming

    pool = index.cjk_by_length.get(len(word), ())
    found = process.extract(word, pool, scorer=Hamming.distance, score_cutoff=1, limit=30)
    found = [f for f in found if not any(a != b and is_function_word(a) for a, b in zip(word, f[0]))]
    sound = {f[0]: all(sound_alike(a, b) for a, b in zip(word, f[0])) for f in found}
    # Words one character apart are mostly two different words ("停下来", "接下来"), unless the
    # characters sound alike: the slip of a pinyin keyboard.
    found = [f for f in found if sound[f[0]]]
    return max((f[0] for f in found), key=lambda w: (index.term_df(w), w), default=None)


# General-language rarity: jieba's dictionary frequency as an idf, mapped onto [_RARITY_FLOOR, 1]
# between a very common word (idf 6) and a rare one (idf 14); a word jieba does not know is rare.
_RARITY_FLOOR = 0.1


def _rarity(index: Index, word: str) -> float:
    freq, total = index.dictionary
    count = freq.get(word, 0)
    if count <= 0 and len(word) > 1 and total > 0:
        # a word the compact dictionary lacks (jieba only guessed it, or knows it as rarely as
        # "转到") is no rarer than its rarest character: "里调" of "Pod 里调接口" is two common
        # ones cut together, "鲲鹏" holds rare ones
        return max(_rarity(index, character) for character in word)
    if count <= 0 or total <= 0:
        return 1.0
    return min(1.0, max(_RARITY_FLOOR, (math.log(total / count) - 6.0) / 8.0))
