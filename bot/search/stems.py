"""English word stems and English words, so "evicted" finds "eviction" and a misspelt or unknown
Latin name can be told from an ordinary English word.

Stems come from the Snowball (Porter 2) stemmer (`snowballstemmer`), the word list from GCIDE
through `english-words` (loaded on first use).
"""

from __future__ import annotations

from functools import cache, lru_cache

__all__ = ["is_english_word", "stem"]

_ENDINGS = ("ies", "es", "s", "ed", "ing", "ly", "est", "er", "r")


@cache
def _stemmer():  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem of a lower-case English word ("evicted", "eviction" → "evict")."""
    return str(_stemmer().stemWord(word))


@cache
def _words() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], lower=True, alpha=True))


@lru_cache(maxsize=65536)
def is_english_word(word: str) -> bool:
    """Whether a lower-case Latin word is an English word (an inflected form counts: "evicted",
    "safer"; two words written as one do not: product names are made so, "zookeeper")."""
    if not word.isalpha():
        return False
    words = _words()
    if word in words:
        return True
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[: -len(ending)]
            if base in words or base + "e" in words or (ending == "ies" and base + "y" in words):
                return True
    return False
