"""Reviewing the notes' own flashcards: which cards are due for a learner, and a card's state after
the learner rates their recall (FSRS Again / Hard / Good / Easy). Pure: the caller keeps the
states (in the store, keyed by learner and card id, beside the quiz items' review cards)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timezone

from fsrs import Rating

from bot.notes.cards import Card
from bot.quiz import QuizItem
from bot.study.review import card_due, mixed, rate

__all__ = ["CARD_KINDS", "RATINGS", "due_cards", "due_count", "item_cards", "rate_card", "review_cards", "state_token"]

# The four answers a learner gives after seeing the back, in the order they are offered.
RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


# Generated quiz items better recalled than picked from options: the notes' own questions, the
# reasons they give, what a term means. /review shows them as cards too (the same review card as
# their polls: a rating moves it as an answer does).
CARD_KINDS = frozenset({"question", "why", "description"})


def item_cards(items: Sequence[QuizItem]) -> tuple[Card, ...]:
    """The quiz items that suit a card better than a poll, as cards: the question on the front, the
    answer and the notes' reason on the back; the card's id is the item's."""
    cards: list[Card] = []
    for item in items:
        if item.kind not in CARD_KINDS:
            continue
        answer = item.options[item.correct]
        back = f"{answer}\n{item.explanation}" if item.explanation and item.explanation != answer else answer
        source = item.source
        cards.append(Card(item.id, "item", item.question, back, source.section, source.file, source.line, source.line))
    return tuple(cards)


def review_cards(flashcards: Sequence[Card], items: Sequence[QuizItem]) -> tuple[Card, ...]:
    """What /review goes through: the notes' own flashcards, then the items that suit a card."""
    return tuple(flashcards) + item_cards(items)


def rate_card(state: str | None, rating: Rating, now: datetime) -> str:
    """The card's state after this rating (a new state for a card never reviewed)."""
    return rate(state, rating, now)


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return now.astimezone(timezone.utc)


def due_cards(
    cards: Sequence[Card], states: Mapping[str, str], now: datetime, n: int, learner: str = "", seed: int = 0
) -> tuple[Card, ...]:
    """Up to n cards to review now: those due first (most overdue first), then new ones in an
    order of the learner's own that takes the notes' sections in turn; none that is not due yet."""
    if n <= 0:
        return ()
    when = _utc(now)
    due: list[tuple[datetime, int, Card]] = []
    new: list[Card] = []
    for position, card in enumerate(cards):
        state = states.get(card.id)
        if state is None:
            new.append(card)
        elif card_due(state) <= when:
            due.append((card_due(state), position, card))
    ordered = [c for *_, c in sorted(due, key=lambda t: t[:2])]
    ordered += mixed(new, lambda c: c.id, lambda c: (c.file, c.context[:1]), learner, seed)
    return tuple(ordered[:n])


def due_count(ids: Collection[str], due_ids: Collection[str]) -> int:
    """How many of the learner's due cards belong to things that still exist (quiz items or
    flashcards of the notes as they are now): a card of a deleted item is not due any more."""
    return len(set(due_ids) & set(ids))


def state_token(state: str | None) -> str:
    """A short mark of a card's state as shown to the learner: a rating is taken only while the state
    is still the one shown (a second tap, or an old message's button, changes nothing)."""
    if state is None:
        return "new"
    return hashlib.sha256(state.encode("utf-8")).hexdigest()[:6]
