"""Spaced review with FSRS: a learner's card per quiz item (or flashcard), as JSON, and which items
to ask next."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TypeVar

from fsrs import Card, Rating, Scheduler

from bot.quiz import QuizItem
from bot.quiz.apart import common_cues, fits

__all__ = ["card_due", "mixed", "next_items", "rate", "rating_for", "review"]

T = TypeVar("T")

# A right answer within this many seconds was effortless: FSRS "Easy" rather than "Good".
FAST_SECONDS = 10.0

# No fuzzing: the same answers at the same times give the same schedule (tests, and fairness).
_SCHEDULER = Scheduler(enable_fuzzing=False)
_CARD_ID = 1  # fsrs wants an id; ours is the item id the store keys the card by


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return now.astimezone(timezone.utc)


def rating_for(correct: bool, seconds: float | None = None) -> Rating:
    """Wrong → Again; right → Good, or Easy when answered fast (only where the time is known)."""
    if not correct:
        return Rating.Again
    if seconds is not None and 0 <= seconds <= FAST_SECONDS:
        return Rating.Easy
    return Rating.Good


def review(card_json: str | None, correct: bool, now: datetime, seconds: float | None = None) -> str:
    """The card after one answer, as JSON (a new card when ``card_json`` is None or unreadable)."""
    return rate(card_json, rating_for(correct, seconds), now, seconds)


def rate(card_json: str | None, rating: Rating, now: datetime, seconds: float | None = None) -> str:
    """The card after the learner rated their recall (a flashcard's Again / Hard / Good / Easy), as
    JSON (a new card when ``card_json`` is None or unreadable)."""
    when = _utc(now)
    card = _load(card_json) if card_json else None
    if card is None:
        card = Card(card_id=_CARD_ID, due=when)
    duration = int(seconds * 1000) if seconds is not None and seconds >= 0 else None
    card, _ = _SCHEDULER.review_card(card, Rating(rating), when, duration)
    return card.to_json()


def _load(card_json: str) -> Card | None:
    try:
        return Card.from_json(card_json)
    except (ValueError, KeyError, TypeError):
        return None  # a damaged card starts afresh rather than breaking the quiz


def card_due(card_json: str) -> datetime:
    """When the card is next due (UTC); an unreadable card is due at once (the epoch)."""
    card = _load(card_json)
    return card.due if card is not None else datetime.fromtimestamp(0, timezone.utc)


def mixed(things: Sequence[T], key: Callable[[T], str], group: Callable[[T], object], learner: str, seed: int = 0) -> list[T]:
    """The things in an order of their own for this learner (the same for the same learner and
    seed): groups (sections) taken in turn, so that one section does not fill a quiz."""

    def rank(text: str) -> str:
        return hashlib.sha256(f"{seed}\0{learner}\0{text}".encode("utf-8")).hexdigest()

    groups: dict[object, list[T]] = {}
    for thing in things:
        groups.setdefault(group(thing), []).append(thing)
    queues = [sorted(members, key=lambda t: rank(key(t))) for _, members in sorted(groups.items(), key=lambda g: rank(repr(g[0])))]
    ordered: list[T] = []
    depth = 0
    while len(ordered) < len(things):
        ordered.extend(queue[depth] for queue in queues if depth < len(queue))
        depth += 1
    return ordered


def _section(item: QuizItem) -> tuple[str, tuple[str, ...]]:
    return (item.source.file, item.source.section[:1])


def next_items(
    items: Iterable[QuizItem],
    cards: Mapping[str, str],
    now: datetime,
    n: int,
    learner: str = "",
    pending: Collection[str] = (),
    seed: int = 0,
) -> tuple[QuizItem, ...]:
    """Up to n items for one learner: due ones first (most overdue first), then new ones (in an
    order of the learner's own that takes sections in turn), then those seen least recently; never
    the same item twice, an item still waiting for the learner's answer in a poll (``pending``) only
    when nothing else is left, and an item another one in the batch gives away (quiz.apart.fits)
    only when nothing else is left."""
    if n <= 0:
        return ()
    when = _utc(now)
    epoch = datetime.fromtimestamp(0, timezone.utc)
    due: list[tuple[datetime, int, QuizItem]] = []
    new: list[QuizItem] = []
    later: list[tuple[datetime, datetime, int, QuizItem]] = []
    waiting: list[QuizItem] = []
    seen: set[str] = set()
    for position, item in enumerate(items):
        if item.id in seen:
            continue
        seen.add(item.id)
        if item.id in pending:
            waiting.append(item)
            continue
        state = cards.get(item.id)
        card = _load(state) if state else None
        if card is None:
            new.append(item)
        elif card.due <= when:
            due.append((card.due, position, item))
        else:
            later.append((card.last_review or epoch, card.due, position, item))
    ordered = [i for *_, i in sorted(due, key=lambda t: t[:2])]
    ordered += mixed(new, lambda i: i.id, _section, learner, seed)
    ordered += [i for *_, i in sorted(later, key=lambda t: t[:3])]
    ordered += waiting
    if n == 1:
        return tuple(ordered[:1])
    # One batch holds no two items that give each other away (nor many on one line) while others
    # are left; those put off come after.
    common = common_cues(ordered)
    batch: list[QuizItem] = []
    for item in ordered:
        if len(batch) < n and item.id not in pending and fits(item, batch, common):
            batch.append(item)
    batch += [item for item in ordered if item not in batch][: n - len(batch)]
    return tuple(batch)
