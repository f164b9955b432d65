"""Which quiz items give each other away, and how to keep a set of items free of such pairs."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.item import QuizItem, normalize, without_topic
from bot.quiz.passages import passages_of

__all__ = ["PER_ANSWER", "PER_LINE", "apart", "common_cues", "fits", "gives_away", "pick"]

PER_LINE = 2  # items of one quiz about one line of the notes: more and a few lines fill it
PER_ANSWER = 2  # items of one quiz with the same right answer
_NEAR = 4  # characters either side of a blank that place its answer
_CUE = re.compile(r"[A-Za-z][A-Za-z0-9\-./]{2,}|「([^」]{2,})」")
_CUE_LENGTH = 12
_COMMON = 4  # a cue in more than a quarter of the items ("Docker") places nothing,
_COMMON_LEAST = 6  # once it is in this many at least (in a few items, any name is in a quarter)


@dataclass(frozen=True)
class _Read:
    """An item as compared: its answer, what it asks about and what it states, normalised."""

    kind: str
    answer: str
    blank: bool  # a cloze: its cues are the answer with the words beside the blank
    cues: tuple[str, ...]
    body: str  # the explanation's quoted sentences, without the citation
    question: str
    explained: str  # question and explanation: what it states once answered (not its options)


@lru_cache(maxsize=8192)
def _read(item: QuizItem) -> _Read:
    answer = normalize(item.options[item.correct])
    asks = without_topic(item.question)  # the topic places every item of a section alike
    blank = texts.QUIZ_BLANK in asks
    if blank:
        before, _, after = asks.partition(texts.QUIZ_BLANK)
        cues = (normalize(before)[-_NEAR:] + answer, answer + normalize(after)[:_NEAR])
    else:
        found = (normalize(m.group(1) or m.group(0))[:_CUE_LENGTH] for m in _CUE.finditer(asks))
        cues = tuple(cue for cue in found if cue and cue != answer)
    question = normalize(asks)
    return _Read(
        kind=item.kind,
        answer=answer,
        blank=blank,
        cues=cues,
        body=normalize(item.explanation.rpartition("（")[0] or item.explanation),
        question=question,
        explained=question + normalize(item.explanation),
    )


# Kinds that ask one fact both ways: a table's row by its cells and a cell by its row; a term by
# its definition and the definition by its term.
_WAYS = {"table_cell": "table_row", "table_column": "table_row", "description": "definition"}


def _way(kind: str) -> str:
    return _WAYS.get(kind, kind)


def _tells(one: _Read, other: _Read, explained: bool, common: frozenset[str]) -> bool:
    """Whether the other item states this one's answer beside what this one asks about."""
    shown = other.explained if explained else other.question
    if one.blank:
        return any(len(cue) > len(one.answer) and cue in shown for cue in one.cues)
    return len(one.answer) >= 2 and one.answer in shown and any(c in shown for c in one.cues if c not in common)


def gives_away(a: QuizItem, b: QuizItem, explained: bool = True, common: frozenset[str] = frozenset()) -> bool:
    """Whether one item gives the other away: it states the other's answer beside what the other
    asks about ("Linux-VServer（2001年）" in the question on OpenVZ's year; with ``explained``, also
    in its explanation: "VirtualBox" among 完全虚拟化's examples), or the two quote the same
    sentences for their answers (the same fact asked twice: the blank moved, a table's row asked
    by its cell and the cell by its row). Cues in ``common`` (see common_cues) place nothing."""
    return _clash(_read(a), _read(b), explained, common)


def _clash(one: _Read, other: _Read, explained: bool, common: frozenset[str]) -> bool:
    if one.body == other.body and (explained or _way(one.kind) == _way(other.kind)):
        return True  # one fact, one item: never asked forward and backward (row → cell, cell → row)
    return _tells(one, other, explained, common) or _tells(other, one, explained, common)


def common_cues(items: Sequence[QuizItem], explained: bool = True) -> frozenset[str]:
    """Cues too many items state to place an answer ("Docker" in most of the notes)."""
    read = [_read(item) for item in items]
    shown = [r.explained if explained else r.question for r in read]
    cues = {cue for r in read for cue in r.cues}
    counts = {c: sum(c in text for text in shown) for c in cues}
    return frozenset(c for c, n in counts.items() if n >= _COMMON_LEAST and _COMMON * n > len(items))


def fits(item: QuizItem, chosen: Iterable[QuizItem], common: frozenset[str] = frozenset()) -> bool:
    """Whether the item may join these in one quiz: none gives it away (explanations included,
    as a quiz shows them) or asks in the same words ("以下哪一项与笔记相符？" twice), fewer than PER_LINE of them stand on its line, and fewer than
    PER_ANSWER of them have its answer (five questions answered "Docker" make a dull quiz)."""
    place = (item.source.file, item.source.line)
    answer = normalize(item.options[item.correct])
    asked = normalize(item.question)
    same_line = same_answer = 0
    for other in chosen:
        if gives_away(item, other, True, common) or normalize(other.question) == asked:
            return False  # (two polls asking the very same words read as one asked twice)
        same_line += (other.source.file, other.source.line) == place
        same_answer += normalize(other.options[other.correct]) == answer
    return same_line < PER_LINE and same_answer < PER_ANSWER


def apart(items: Sequence[QuizItem], explained: bool = False) -> tuple[QuizItem, ...]:
    """The items, in order, without those another one of the same file gives away (see
    gives_away; items of other files say other things — a quiz batch still keeps apart any two,
    see fits); of a clashing pair the one on a line with fewer items stays (one item a line keeps
    the most lines), else the earlier one."""
    load: dict[tuple[str, int], int] = {}
    for item in items:
        place = (item.source.file, item.source.line)
        load[place] = load.get(place, 0) + 1
    order = sorted(range(len(items)), key=lambda i: load[(items[i].source.file, items[i].source.line)])
    common = common_cues(items, explained)
    read = [_read(item) for item in items]
    kept: dict[str, list[int]] = {}
    for i in order:
        same_file = kept.setdefault(items[i].source.file, [])
        if not any(_clash(read[i], read[j], explained, common) for j in same_file):
            same_file.append(i)
    return tuple(items[i] for i in sorted(i for group in kept.values() for i in group))


def pick(items: Sequence[QuizItem], n: int, seed: int | None, corpus: Corpus) -> list[QuizItem]:
    """n items at random (a fixed draw for a given seed), at most one per passage of the notes
    while there are enough, so one quiz does not ask about the same lines twice (items of one
    passage may stand on different lines of it), and none that another one gives away: of a few
    draws, the first whose n items all fit together (few items leave a draw short)."""
    rng = random.Random(seed) if seed is not None else random.Random()
    homes = dict(zip(map(id, items), passages_of(corpus, items)))
    common = common_cues(list(items))
    best: list[QuizItem] = []
    best_fitting = -1
    for _ in range(_DRAWS):
        pool = list(items)
        rng.shuffle(pool)
        chosen = _fitting(pool, n, homes, common)
        if len(chosen) > best_fitting:
            best, best_fitting = chosen + [item for item in pool if item not in chosen], len(chosen)
        if best_fitting >= min(n, len(items)):
            break
    return best[: max(n, 0)]


_DRAWS = 8  # draws of a quiz tried before one whose items do not all fit together is taken


def _fitting(pool: list[QuizItem], n: int, homes: dict[int, Passage | None], common: frozenset[str]) -> list[QuizItem]:
    """Up to n items of the pool in its order that fit together, one a passage first."""
    chosen: list[QuizItem] = []
    sources: set[tuple[str, tuple[str, ...], int]] = set()
    for item in pool:
        home = homes[id(item)]
        key = (item.source.file, item.source.section, home.id if home is not None else -item.source.line)
        if key not in sources and len(chosen) < n and fits(item, chosen, common):
            chosen.append(item)
            sources.add(key)
    # Too few passages: a second item of one passage before an item another one gives away.
    for item in pool:
        if len(chosen) < n and item not in chosen and fits(item, chosen, common):
            chosen.append(item)
    return chosen
