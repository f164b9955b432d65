"""Spaced review with FSRS: a learner's card per quiz item, as JSON, and which items to ask next."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timezone

from fsrs import Card, Rating, Scheduler

from bot.quiz import QuizItem
from bot.quiz.apart import common_cues, fits

__all__ = ["card_due", "next_items", "rating_for", "review"]

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
    when = _utc(now)
    card = _load(card_json) if card_json else None
    if card is None:
        card = Card(card_id=_CARD_ID, due=when)
    duration = int(seconds * 1000) if seconds is not None and seconds >= 0 else None
    card, _ = _SCHEDULER.review_card(card, rating_for(correct, seconds), when, duration)
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


def next_items(
    items: Iterable[QuizItem], cards: Mapping[str, str], now: datetime, n: int
) -> tuple[QuizItem, ...]:
    """Up to n items for one learner: due ones first (most overdue first), then new ones (in the
    notes' order), then those seen least recently; never the same item twice, and an item another
    one in the batch gives away (quiz.apart.fits) only when nothing else is left."""
    if n <= 0:
        return ()
    when = _utc(now)
    epoch = datetime.fromtimestamp(0, timezone.utc)
    due: list[tuple[datetime, int, QuizItem]] = []
    new: list[QuizItem] = []
    later: list[tuple[datetime, datetime, int, QuizItem]] = []
    seen: set[str] = set()
    for position, item in enumerate(items):
        if item.id in seen:
            continue
        seen.add(item.id)
        state = cards.get(item.id)
        card = _load(state) if state else None
        if card is None:
            new.append(item)
        elif card.due <= when:
            due.append((card.due, position, item))
        else:
            later.append((card.last_review or epoch, card.due, position, item))
    ordered = [i for *_, i in sorted(due, key=lambda t: t[:2])]
    ordered += new
    ordered += [i for *_, i in sorted(later, key=lambda t: t[:3])]
    if n == 1:
        return tuple(ordered[:1])
    # One batch holds no two items that give each other away (nor many on one line) while others
    # are left; those put off come after.
    common = common_cues(ordered)
    batch: list[QuizItem] = []
    for item in ordered:
        if len(batch) < n and fits(item, batch, common):
            batch.append(item)
    batch += [item for item in ordered if item not in batch][: n - len(batch)]
    return tuple(batch)
