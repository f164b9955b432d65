"""Text normalisation for matching: traditional → simplified, full-width → half-width, lower case.

Normalised text is only ever used to *compare*; what a user sees is always the notes' own text.
`normalize_with_offsets` keeps, for each normalised character, the index of the original character
it came from, so a match found in normalised text can be highlighted in the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

__all__ = ["normalize", "normalize_question", "normalize_with_offsets", "CJK_RUN", "ASCII_WORD"]

# CJK unified ideographs (basic block and extension A, plus compatibility ideographs).
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# A Latin word or number, with inner joiners: "sr-iov", "2.0", "i/o", "type-2", "c++".
ASCII_WORD = re.compile(r"[a-z0-9]+(?:[.\-_/+][a-z0-9]+)*\+*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@cache
def _converter(config: str = "t2s"):  # type: ignore[no-untyped-def]
    import opencc  # imported on first use: a pure lookup table, loaded once

    return opencc.OpenCC(config)


def _t2s(text: str) -> str:
    if not CJK_RUN.search(text):
        return text
    return str(_converter().convert(text))


@cache
def _fold_char(char: str) -> str:
    """One character, NFKC-folded (full-width → half-width, compatibility forms) and lower-cased."""
    folded = unicodedata.normalize("NFKC", char).lower()
    return _CONTROL.sub("", folded)


class _Folded(dict):  # type: ignore[type-arg]
    """Code point → `_fold_char` of it, filled on first use: a table for `str.translate`."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLDED = _Folded()


def normalize(text: str) -> str:
    """The form used for matching: NFKC, lower case, simplified characters, no control characters
    (each character folded on its own: `_fold_char`)."""
    return _t2s(text.translate(_FOLDED))


def normalize_question(text: str) -> str:
    """`normalize` for a question: one written in traditional characters is read with Taiwan's
    words for things too (資料 → 数据, 叢集 → 集群, 預設值 → 默认值, 執行緒 → 线程), which the notes, in
    simplified Chinese, write the mainland way. Notes keep `normalize` (one character for one)."""
    folded = text.translate(_FOLDED)  # each character's `_fold_char`, as in `normalize`
    simplified = _t2s(folded)
    if simplified == folded:
        return simplified
    return str(_converter("tw2sp").convert(folded))


class _NotOneToOne(dict):  # type: ignore[type-arg]
    """Code point → None when `_fold_char` makes it one character (dropped by `str.translate`),
    else the character itself: what is left of a text translated by it are the characters that
    fold to none or to several."""

    def __missing__(self, code: int) -> str | None:
        kept = self[code] = None if len(_FOLDED[code]) == 1 else chr(code)
        return kept


_NOT_ONE_TO_ONE = _NotOneToOne()


def normalize_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """Normalised text and, for each of its characters, the index of its source character."""
    if not text.translate(_NOT_ONE_TO_ONE):
        # Every character folds to one (most notes): the offsets are the positions themselves.
        folded_text = text.translate(_FOLDED)
        converted = _t2s(folded_text)
        if len(converted) == len(folded_text):
            return converted, range(len(text))
    parts: list[str] = []
    offsets: list[int] = []
    folded_of = _FOLDED  # `_fold_char` of each character, kept once worked out
    for index, char in enumerate(text):
        folded = folded_of[ord(char)]
        parts.append(folded)
        if len(folded) == 1:
            offsets.append(index)
        else:
            offsets.extend([index] * len(folded))
    folded_text = "".join(parts)
    converted = _t2s(folded_text)
    if len(converted) != len(folded_text):
        # OpenCC changed the length (a phrase conversion): convert character by character instead.
        converted = "".join(_t2s(char) if len(_t2s(char)) == 1 else char for char in folded_text)
    return converted, tuple(offsets)
