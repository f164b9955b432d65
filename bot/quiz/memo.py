"""One result per corpus object for the helpers several generators call (term groups, related
terms, …): a build asks each of them many times over the same notes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

__all__ = ["per_corpus"]

T = TypeVar("T")
_KEPT = 4  # corpora remembered at once: the notes as read and as the generators see them, twice


def per_corpus(function: Callable[[object], T]) -> Callable[[object], T]:
    """``function(corpus)`` computed once for each corpus object (by identity: a corpus is frozen)."""
    cache: dict[int, tuple[object, T]] = {}

    @functools.wraps(function)
    def wrapper(corpus: object) -> T:
        hit = cache.get(id(corpus))
        if hit is not None and hit[0] is corpus:
            return hit[1]
        result = function(corpus)
        if len(cache) >= _KEPT:
            cache.pop(next(iter(cache)))
        cache[id(corpus)] = (corpus, result)
        return result

    return wrapper
