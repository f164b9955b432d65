"""English word stems and English words, so "evicted" finds "eviction" and a misspelt or unknown
Latin name can be told from an ordinary English word.

Stems come from the Snowball (Porter 2) stemmer (`snowballstemmer`), the word list from GCIDE
through `english-words`. That list takes 0.17 s to load as a set, paid by the first question a
fresh process answers; it is kept instead as one sorted array of bytes in the temporary folder
(made from `english-words` the first time), read in a few milliseconds and searched by bisection.
"""

from __future__ import annotations

import logging
import os
import tempfile
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

__all__ = ["is_english_word", "stem"]

log = logging.getLogger(__name__)

_ENDINGS = ("ies", "es", "s", "ed", "ing", "ly", "est", "er", "r")


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case English word ("evicted", "eviction" → "evict")."""
    return str(_stemmer().stemWord(word))


def _word_list() -> list[str]:
    from english_words import get_english_words_set

    return sorted(get_english_words_set(["gcide"], lower=True, alpha=True))


def _words_file() -> Path:
    from english_words.version import VERSION

    return Path(tempfile.gettempdir()) / f"notesbot-english-words-{VERSION}-gcide-1.npy"


@cache
def _words() -> np.ndarray:
    """The words, lower case and alphabetic, UTF-8 encoded, sorted (as bytes sort)."""
    path = _words_file()
    try:
        words = np.load(path, allow_pickle=False)
        if words.dtype.kind == "S" and len(words):
            return words
    except FileNotFoundError:
        pass
    except Exception as error:  # noqa: BLE001 - unreadable: made again
        log.warning("English word list %s unreadable (%s): making it again", path, error)
    words = np.array(sorted(word.encode("utf-8") for word in _word_list()), dtype=np.bytes_)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".notesbot-english-", suffix=".npy", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            np.save(out, words, allow_pickle=False)
        os.replace(temporary, path)
    except OSError as error:  # a read-only temporary folder: made again next time
        log.warning("cannot keep the English word list in %s: %s", path, error)
    return words


def _known(word: str) -> bool:
    words = _words()
    key = word.encode("utf-8")
    if len(key) > words.dtype.itemsize:
        return False
    at = int(np.searchsorted(words, key))
    return at < len(words) and words[at] == key


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether a lower-case Latin word is an English word (an inflected form counts: "evicted",
    "safer"; two words written as one do not: product names are made so, "zookeeper")."""
    if not word.isalpha():
        return False
    if _known(word):
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if _known(base) or _known(base + "e") or (ending == "ies" and _known(base + "y")):
                return True
    return False
