"""Answering by shape: strategies that pick an option without knowing anything, and how well they do.

A multiple-choice item is worth asking only when its right option cannot be told by its look: the
one sharing most characters with the question, the longest, the shortest, the odd one out. Each
strategy here scores the options of one item; `strategy_rates` says how often each one is right
over a set of items against blind chance, and `favoured` tells whether one item lets some strategy
find its answer (``finish`` then picks other wrong options or drops the item).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["own_part", "STRATEGIES", "ShapeRate", "chance", "expected", "favoured", "strategy_rates"]

_SIGN = re.compile(r"[\u4e00-\u9fff]|[a-z][a-z0-9]+|\d+")
# Characters that carry no meaning alone: a shared "的" tells nothing.
_FILLER = frozenset("的是了在和与及或为以中一个这那其之也都而对从把被将有用")


@lru_cache(maxsize=65536)
def _signs(text: str) -> frozenset[str]:
    """The text's meaningful characters: each Chinese character, each Latin word and number (a
    letter alone means nothing), folded."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return frozenset(c for c in _SIGN.findall(folded) if c not in _FILLER)


def _length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


Scorer = Callable[[str, Sequence[str]], list[float]]


def _overlap(question: str, options: Sequence[str]) -> list[float]:
    asked = _signs(question)
    return [float(len(_signs(o) & asked)) for o in options]


_RUN = re.compile(r"[\u4e00-\u9fff]{2,}|[a-z][a-z0-9]+")


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The text's Chinese character pairs and Latin words, folded: what a reader sees as words."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    found: set[str] = set()
    for run in _RUN.findall(folded):
        if run[0].isascii():
            found.add(run)
        else:
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found)


def _word_overlap(question: str, options: Sequence[str]) -> list[float]:
    asked = _words(question)
    return [float(len(_words(o) & asked)) for o in options]


def _weighted_words(question: str, options: Sequence[str]) -> list[float]:
    """Words in common, a Latin word counting as two character pairs: one pair alone ("机虚" in
    "虚拟机虚拟化" beside "大型主机虚拟化") may be chance, a whole word is not."""
    asked = _words(question)
    return [float(sum(2 if w.isascii() else 1 for w in _words(o) & asked)) for o in options]


def _longest(question: str, options: Sequence[str]) -> list[float]:
    return [float(_length(o)) for o in options]


def _shortest(question: str, options: Sequence[str]) -> list[float]:
    return [-float(_length(o)) for o in options]


def _likeness(options: Sequence[str]) -> list[float]:
    """For each option, how much it shares with the other options (Jaccard of characters, summed)."""
    signs = [_signs(o) for o in options]
    found = []
    for i, mine in enumerate(signs):
        total = 0.0
        for j, other in enumerate(signs):
            if i != j and (mine or other):
                total += len(mine & other) / len(mine | other)
        found.append(total)
    return found


def _odd_one_out(question: str, options: Sequence[str]) -> list[float]:
    return [-score for score in _likeness(options)]


def _most_typical(question: str, options: Sequence[str]) -> list[float]:
    return _likeness(options)


def _kind_of(text: str) -> tuple[bool, bool, bool]:
    return (bool(re.search(r"[\u4e00-\u9fff]", text)), bool(re.search(r"[A-Za-z]", text)), bool(re.search(r"\d", text)))


def _odd_script(question: str, options: Sequence[str]) -> list[float]:
    """The one option written unlike all the others (Latin among Chinese, with digits among none)."""
    kinds = [_kind_of(o) for o in options]
    return [float(sum(k != other for other in kinds)) for k in kinds]


_NAME_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def _name_parts(text: str) -> frozenset[str]:
    """The parts of three characters or more of the Latin names in a text, folded: camel-case
    parts, words, a file's extension ("host", "network"; "yaml")."""
    return frozenset(p.casefold() for p in _NAME_PART.findall(text) if len(p) >= 3)


def _odd_part(options: Sequence[str], correct: int) -> bool:
    """Whether every wrong option (two at least) shares a part of a name the right one lacks: the
    odd one out by its name, a guess that needs no knowing."""
    if any(re.search(r"[\u4e00-\u9fff]", o) for o in options):
        return False  # statements and Chinese terms: their words, not a name's parts
    others = [_name_parts(o) for i, o in enumerate(options) if i != correct]
    if len(others) < 2:
        return False
    return bool(frozenset.intersection(*others) - _name_parts(options[correct]))


STRATEGIES: dict[str, Scorer] = {
    "most_shared_with_question": _overlap,
    "most_words_shared_with_question": _word_overlap,
    "longest": _longest,
    "shortest": _shortest,
    "odd_one_out": _odd_one_out,
    "most_typical": _most_typical,
    "odd_script": _odd_script,
}


def expected(scores: Sequence[float], correct: int) -> float:
    """How often a strategy with these scores is right: the right option must be among the best,
    and a tie is broken at random."""
    best = max(scores)
    tied = [i for i, s in enumerate(scores) if s == best]
    return 1 / len(tied) if correct in tied else 0.0


def chance(options: Sequence[str]) -> float:
    return 1 / len(options) if options else 0.0


@dataclass(frozen=True)
class ShapeRate:
    """How often a strategy is right over a set of items, and how often a blind guess would be."""

    strategy: str
    rate: float
    chance: float
    items: int

    @property
    def edge(self) -> float:
        return self.rate - self.chance


def ruled_out(scores: Sequence[float], correct: int) -> float:
    """How often guessing among the options a strategy would not pick is right ("never the
    longest"): an answer a strategy never picks gives itself away as well as one it always picks."""
    best = max(scores)
    rest = [i for i, s in enumerate(scores) if s != best] or list(range(len(scores)))
    return 1 / len(rest) if correct in rest else 0.0


def strategy_rates(items: Sequence[tuple[str, Sequence[str], int]]) -> list[ShapeRate]:
    """Each strategy's rate over (question, options, correct) triples, and the rate of ruling out
    what it picks ("not_longest")."""
    found = []
    base = sum(chance(o) for _, o, _ in items) / len(items) if items else 0.0
    for rule, prefix in ((expected, ""), (ruled_out, "not_")):
        for name, scorer in STRATEGIES.items():
            total = sum(rule(scorer(q, o), c) for q, o, c in items)
            found.append(ShapeRate(prefix + name, total / len(items) if items else 0.0, base, len(items)))
    return found


# One item may favour a strategy by this much over a blind guess before it counts as giving its
# answer away: an answer one character longer than the rest is no tell, one a third longer is.
_LENGTH_MARGIN = 1.3
_SHORT_MARGIN = 1.3  # a short name stands out sooner: "KVM" beside "VMware Workstation"
_SHORT_LEAST = 2
# One character more in common (分时 and 时间片) is chance; two are a tell. A word in common is one.
_CHAR_MARGIN = 2
_WORD_MARGIN = 2  # a Latin word, or two Chinese character pairs
_LENGTH_LEAST = 3


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_LATIN_RUN = re.compile(r"[a-z][a-z0-9]+")


@lru_cache(maxsize=65536)
def own_part(option: str, others: tuple[str, ...]) -> list[str]:
    """What tells the option apart from the others: its Chinese text left when every stretch of
    two characters or more that another option holds too is taken out ("镜像大小" beside "过滤镜像"
    → "大小"; "大型主机虚拟化" beside "完全虚拟化" → "大型主机"), and its Latin words no other
    option has."""
    text = unicodedata.normalize("NFKC", option).casefold()
    rest = [unicodedata.normalize("NFKC", o).casefold() for o in others]
    covered = [not ("\u4e00" <= c <= "\u9fff") for c in text]
    for start in range(len(text) - 1):
        # The longest stretch from here that another option holds (a shorter one is inside it).
        end = start
        for other in rest:
            reach = start + 2
            while reach <= len(text) and text[start:reach] in other:
                reach += 1
            end = max(end, reach - 1 if reach > start + 2 else start)
        for at in range(start, end):
            covered[at] = True
    left = "".join(c if not covered[i] else " " for i, c in enumerate(text))
    their_words = {w for other in rest for w in _LATIN_RUN.findall(other)}
    return _CJK_RUN.findall(left) + [w for w in _LATIN_RUN.findall(text) if w not in their_words]


_PIECE = 4  # letters a Latin word shares with a word of the question to tell


def _shared_piece(a: str, b: str) -> bool:
    """Whether two Latin words share a run of letters long enough to match by look."""
    if min(len(a), len(b)) < _PIECE:
        return False
    return any(a[i : i + _PIECE] in b for i in range(len(a) - _PIECE + 1))


def _own_part_asked(question: str, options: Sequence[str], index: int) -> bool:
    """Whether the question holds a piece (three characters, all of a shorter part, or a Latin
    word) of what tells this option apart from the others."""
    asked = unicodedata.normalize("NFKC", question).casefold()
    asked_words = set(_LATIN_RUN.findall(asked))
    for part in own_part(options[index], tuple(o for i, o in enumerate(options) if i != index)):
        # A piece of three characters (or all of a shorter part): "技术" of 容器技术 may be any
        # technique's, "大小" of 镜像大小 is the point.
        if part.isascii():
            # the word itself, or a long piece of it ("ipvlan" beside "MACVLAN")
            if part in asked_words or any(_shared_piece(part, word) for word in asked_words):
                return True
            continue
        size = min(3, len(part))
        if any(part[i : i + size] in asked for i in range(len(part) - size + 1)):
            return True
    return False


def favoured(question: str, options: Sequence[str], correct: int) -> str:
    """The strategy this item gives its answer to ("" when none): the right option alone shares a
    word, or two characters more than any other option, with the question; the question holds a
    piece of what sets the right option apart and of no other's; it alone is written unlike the
    others; or it is by far the longest or the shortest."""
    for name, scorer, margin in (
        ("most_shared_with_question", _overlap, _CHAR_MARGIN),
        ("most_words_shared_with_question", _weighted_words, _WORD_MARGIN),
    ):
        scores = scorer(question, options)
        others = [s for i, s in enumerate(scores) if i != correct]
        if others and scores[correct] - max(others) >= margin:
            return name
    if _own_part_asked(question, options, correct) and not any(
        _own_part_asked(question, options, i) for i in range(len(options)) if i != correct
    ):
        return "own_part_in_question"
    if expected(_odd_script(question, options), correct) == 1.0 and max(_odd_script(question, options)) > 0:
        return "odd_script"
    if _odd_part(options, correct):
        return "odd_part"
    sizes = [_length(o) for o in options]
    answer = sizes[correct]
    others = [s for i, s in enumerate(sizes) if i != correct]
    if others and answer > max(others) * _LENGTH_MARGIN and answer - max(others) >= _LENGTH_LEAST:
        return "longest"
    if others and answer * _SHORT_MARGIN < min(others) and min(others) - answer >= _SHORT_LEAST:
        return "shortest"
    return ""
