"""The quiz in a terminal: numbered options, an answer by number, right or wrong with the reason, a
score; and the notes' flashcards: the front, the back on Enter, then a rating of 1–4.

Shared by `notesbot quiz` and `/quiz` in `notesbot chat`. It reads plain lines (scripted stdin works:
no readline tricks) and stops cleanly when the lines run out.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from fsrs import Rating

from bot import texts
from bot.notes.cards import Card
from bot.quiz import QuizItem
from bot.study.flashcards import RATINGS

__all__ = ["CardRecorder", "QuizScore", "Recorder", "format_item", "run_flashcards", "run_quiz"]

# Called after each answered item with the chosen option (None for a skip) and the seconds it took.
Recorder = Callable[[QuizItem, int | None, float], None]

# Called after each rated flashcard with the learner's rating.
CardRecorder = Callable[[Card, Rating], None]

_STOP = {"q", "/q", "/quit", "/exit", "quit", "exit", "/stop"}
_TRIES = 3  # a wrong kind of input is asked again, this many times at most


@dataclass(frozen=True)
class QuizScore:
    right: int
    asked: int


def format_item(item: QuizItem, number: int, total: int) -> str:
    kind = texts.QUIZ_KIND_NAMES.get(item.kind, item.kind)
    lines = [texts.QUIZ_HEADER.format(number=number, total=total, kind=kind), item.question]
    lines += [f"  {index}. {option}" for index, option in enumerate(item.options, 1)]
    return "\n".join(lines)


def _answer(lines: Iterator[str], write: Callable[[str], None], count: int) -> int | None | str:
    """The chosen option's index, None for a skip, "stop" to end, "eof" when input ran out."""
    for _ in range(_TRIES):
        write(texts.QUIZ_PROMPT.format(count=count))
        try:
            line = next(lines)
        except StopIteration:
            return "eof"
        text = line.strip().translate(_FULL_WIDTH_DIGITS).rstrip(".。、")
        if not text:
            return None
        if text.lower() in _STOP:
            return "stop"
        if text.isdecimal() and 1 <= int(text) <= count:
            return int(text) - 1
        write(texts.QUIZ_INVALID.format(count=count))
    return None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def run_quiz(
    items: Sequence[QuizItem],
    lines: Iterator[str],
    write: Callable[[str], None],
    record: Recorder | None = None,
    score: bool = True,
) -> QuizScore:
    """Ask each item in turn; returns how many were answered right out of how many were asked.

    ``record`` keeps each answer somewhere (the terminal chat scores it in the store); ``score``
    ends with the score line (the terminal chat sums a session up itself)."""
    if not items:
        write(texts.QUIZ_NO_ITEMS)
        return QuizScore(0, 0)
    right = asked = 0
    for number, item in enumerate(items, 1):
        write(format_item(item, number, len(items)))
        shown = time.monotonic()
        choice = _answer(lines, write, len(item.options))
        if choice in ("eof", "stop"):
            break
        asked += 1
        answer = item.options[item.correct]
        if record is not None:
            record(item, choice, time.monotonic() - shown)  # type: ignore[arg-type]
        if choice == item.correct:
            right += 1
            write(texts.QUIZ_RIGHT)
        elif choice is None:
            write(texts.QUIZ_SKIPPED.format(number=item.correct + 1, answer=answer))
        else:
            write(texts.QUIZ_WRONG.format(number=item.correct + 1, answer=answer))
        write(item.explanation)
        write("")
    if score:
        write(texts.QUIZ_SCORE.format(right=right, total=asked))
    return QuizScore(right, asked)


def _rating(lines: Iterator[str], write: Callable[[str], None]) -> Rating | str:
    """The learner's rating (1–4), "stop" to end, "eof" when input ran out."""
    for _ in range(_TRIES):
        write(texts.CARD_RATE_PROMPT)
        try:
            line = next(lines)
        except StopIteration:
            return "eof"
        text = line.strip().translate(_FULL_WIDTH_DIGITS).rstrip(".。、")
        if text.lower() in _STOP:
            return "stop"
        if text.isdecimal() and 1 <= int(text) <= len(RATINGS):
            return RATINGS[int(text) - 1]
        write(texts.CARD_RATE_INVALID)
    return "stop"


def run_flashcards(
    cards: Sequence[Card], lines: Iterator[str], write: Callable[[str], None], record: CardRecorder | None = None
) -> dict[Rating, int]:
    """Show each card's front, its back when the learner presses Enter, then take a rating;
    returns how many cards got each rating."""
    counts = {rating: 0 for rating in RATINGS}
    if not cards:
        write(texts.CARDS_NONE_DUE)
        return counts
    for number, card in enumerate(cards, 1):
        context = texts.section_label(card.context) if card.context else card.file
        write(texts.CARD_HEADER.format(number=number, total=len(cards), context=context))
        write(card.front)
        write(texts.CARD_SHOW_PROMPT)
        try:
            shown = next(lines)
        except StopIteration:
            break
        if shown.strip().lower() in _STOP:
            break
        write(texts.CARD_BACK.format(back=card.back))
        rating = _rating(lines, write)
        if not isinstance(rating, Rating):
            break
        counts[rating] += 1
        if record is not None:
            record(card, rating)
        write("")
    write(texts.cards_summary(counts[Rating.Again], counts[Rating.Hard], counts[Rating.Good], counts[Rating.Easy]))
    return counts
