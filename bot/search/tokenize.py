"""Splitting normalised text into search tokens: jieba for Chinese, word patterns for Latin script.

Each tokenizer is a private `jieba.Tokenizer` (never jieba's global one). Building an index uses
jieba's full dictionary plus the notes' own terms; answering uses a *compact* dictionary saved with
the index (the words the notes and common questions use), so that start-up does not pay for loading
jieba's whole dictionary.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING

from bot.search.text import ASCII_WORD, CJK_RUN

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = [
    "acronyms",
    "ascii_forms",
    "cjk_bigrams",
    "compact_dictionary",
    "compound_names",
    "full_tokenizer",
    "index_tokens",
    "query_words",
    "tokenizer_from_dictionary",
]

_JOINERS = ".-_/+"
# Words of jieba's dictionary at least this frequent go into the compact dictionary: enough to cut
# ordinary questions ("北京", "好吃", "许可证") into words rather than single characters.
COMMON_WORD_MIN_FREQ = 20


def _quiet_jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


@cache
def _full_base() -> tuple[dict[str, int], int]:
    """jieba's full dictionary (prefix dictionary and total), loaded once per process."""
    jieba = _quiet_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def tokenizer_from_dictionary(freq: Mapping[str, int], total: int) -> "jieba.Tokenizer":
    """A private jieba tokenizer over a given prefix dictionary (no file is read)."""
    jieba = _quiet_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = dict(freq)
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer


def full_tokenizer(extra_words: Iterable[str] = ()) -> "jieba.Tokenizer":
    """jieba's full dictionary plus extra words (the notes' terms), as a private tokenizer."""
    freq, total = _full_base()
    tokenizer = tokenizer_from_dictionary(freq, total)
    for word in extra_words:
        add_word(tokenizer, word)
    return tokenizer


def add_word(tokenizer: "jieba.Tokenizer", word: str) -> None:
    """Add a (normalised) term so that it is cut as one word; Latin-only terms need no entry."""
    if not CJK_RUN.search(word) or len(word) < 2 or " " in word:
        return
    if tokenizer.FREQ.get(word):
        return
    tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, False), 10))


def compact_dictionary(
    tokenizer: "jieba.Tokenizer", keep: Iterable[str], min_freq: int = COMMON_WORD_MIN_FREQ
) -> tuple[dict[str, int], int]:
    """A small prefix dictionary: the words in ``keep`` plus the common words of ``tokenizer``."""
    source = tokenizer.FREQ
    words: dict[str, int] = {w: f for w, f in source.items() if f >= min_freq}
    for word in keep:
        if word and CJK_RUN.fullmatch(word):
            words.setdefault(word, max(source.get(word, 0), 1))
    freq: dict[str, int] = {}
    for word, count in words.items():
        freq[word] = count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, sum(words.values())


def ascii_forms(word: str) -> tuple[str, ...]:
    """A Latin word and its variants: joiners removed ("sr-iov" → "sriov") and its parts."""
    forms = [word]
    stripped = word.strip(_JOINERS)
    if any(j in stripped for j in _JOINERS):
        squashed = "".join(c for c in stripped if c not in _JOINERS)
        forms.append(squashed)
        part = ""
        for char in stripped + " ":
            if char in _JOINERS or char == " ":
                if len(part) >= 2:
                    forms.append(part)
                part = ""
            else:
                part += char
    return tuple(dict.fromkeys(f for f in forms if f))


_MOST_PARTS = 6  # a longer compound (a path, a URL) gives no shorter names: too many


def compound_names(word: str) -> list[str]:
    """The shorter compounds inside a compound, joiners kept: "/var/run/docker.sock" →
    "var/run", "run/docker", "docker.sock", "var/run/docker", "run/docker.sock"."""
    pieces = re.split(r"([.\-_/+]+)", word.strip(_JOINERS))
    words, joins = pieces[0::2], pieces[1::2]
    if len(words) > _MOST_PARTS:
        return []
    found = []
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            if (start, end) != (0, len(words)):
                found.append(words[start] + "".join(joins[k - 1] + words[k] for k in range(start + 1, end)))
    return found


def cjk_bigrams(text: str) -> Iterator[str]:
    """Every pair of adjacent Chinese characters (within runs of Chinese script)."""
    for match in CJK_RUN.finditer(text):
        run = match.group(0)
        for start in range(len(run) - 1):
            yield run[start : start + 2]


def index_tokens(tokenizer: "jieba.Tokenizer", text: str) -> list[str]:
    """Search tokens of normalised text: jieba search-mode words, Latin words and their forms."""
    tokens: list[str] = []
    for match in CJK_RUN.finditer(text):
        tokens.extend(w for w in tokenizer.cut_for_search(match.group(0)) if w.strip())
    for match in ASCII_WORD.finditer(text):
        tokens.extend(ascii_forms(match.group(0)))
        tokens.extend(compound_names(match.group(0)))
    return tokens


def query_words(tokenizer: "jieba.Tokenizer", text: str) -> list[tuple[str, int]]:
    """Words of a normalised question in order, each with its start: jieba precise mode for Chinese
    runs, whole Latin words; punctuation and spaces dropped."""
    words: list[tuple[str, int]] = []
    for match in CJK_RUN.finditer(text):
        position = match.start()
        for word in tokenizer.cut(match.group(0), HMM=True):
            words.append((word, position))
            position += len(word)
    for match in ASCII_WORD.finditer(text):
        words.append((match.group(0), match.start()))
    words.sort(key=lambda item: item[1])
    return words


_TITLE_PHRASE = re.compile(r"\b(?:[A-Z][a-z]+[ -]){1,4}[A-Z][a-z]+\b")
_HYPHENED = re.compile(r"\b[a-z]+(?:-[a-z]+){2,5}\b")


def acronyms(original: str) -> list[str]:
    """Acronyms a passage spells out, as tokens: "Horizontal Pod Autoscaler" and the option
    "--horizontal-pod-autoscaler-sync-period" both give "hpa" (of three or four words in a row), so
    a question asking for HPA finds them. Read from the passage's own text, whose capitals show
    where a name starts."""
    found: list[str] = []
    for match in _TITLE_PHRASE.finditer(original):
        words = re.split(r"[ -]", match.group(0))
        found.append("".join(word[0] for word in words).lower())
    for match in _HYPHENED.finditer(original.lower()):
        parts = match.group(0).split("-")
        for size in (3, 4):
            for start in range(len(parts) - size + 1):
                found.append("".join(word[0] for word in parts[start : start + size]))
    return found
