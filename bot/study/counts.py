"""How many quiz polls a command asks for: the n of "/quiz [n]" and of "/daily HH:MM [n]"."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["MAX_COUNT", "MIN_COUNT", "CountError", "parse_count", "parse_quiz_args"]

MIN_COUNT = 1
MAX_COUNT = 10  # polls at once: more would flood a chat


class CountError(ValueError):
    """Not a whole number of polls within the bounds, or more words than the command takes."""


def parse_count(text: str, low: int = MIN_COUNT, high: int = MAX_COUNT) -> int:
    """A whole number of polls in [low, high] (full-width digits accepted); CountError otherwise."""
    cleaned = text.strip()
    if not cleaned.isdecimal():
        raise CountError(text)
    value = int(cleaned)  # int() reads full-width digits too
    if not low <= value <= high:
        raise CountError(text)
    return value


def parse_quiz_args(words: Sequence[str]) -> int:
    """The n of "/quiz [n]": 1 without a word, the count of one word; CountError for anything else."""
    kept = [word for word in words if word.strip()]
    if not kept:
        return 1
    if len(kept) > 1:
        raise CountError(" ".join(kept))
    return parse_count(kept[0])
