"""Reviewing the notes' own flashcards: each FSRS rating moves the card as FSRS says, due cards come
before new ones, new ones take the notes' sections in turn, and a deleted card is never due."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fsrs import Rating

from bot.notes.cards import parse_cards
from bot.study.flashcards import RATINGS, due_cards, due_count, rate_card
from bot.study.review import card_due

START = datetime(2030, 1, 6, 8, 0, tzinfo=timezone.utc)

NOTES = {
    "a.md": "# 网络\n\n" + "".join(f"网络问题{i}::网络答案{i}\n" for i in range(4)),
    "b.md": "# 存储\n\n" + "".join(f"存储问题{i}::存储答案{i}\n" for i in range(4)),
}


def test_the_four_ratings_in_the_order_offered() -> None:
    assert RATINGS == (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)


def test_each_rating_moves_a_new_card_later_than_the_one_before() -> None:
    dues = [card_due(rate_card(None, rating, START)) for rating in RATINGS]
    assert dues == sorted(dues) and len(set(dues)) == 4
    assert dues[0] < START + timedelta(minutes=30)  # Again: back within the session
    assert dues[-1] > START + timedelta(days=1)  # Easy: days away


def test_ratings_are_deterministic_and_build_on_the_cards_state() -> None:
    good = rate_card(None, Rating.Good, START)
    assert rate_card(None, Rating.Good, START) == good
    later = card_due(good) + timedelta(minutes=1)
    again = rate_card(good, Rating.Again, later)
    assert card_due(again) < card_due(rate_card(good, Rating.Good, later))


def test_due_cards_come_first_then_new_ones_across_sections() -> None:
    cards, _ = parse_cards(NOTES)
    states = {cards[5].id: rate_card(None, Rating.Again, START)}
    chosen = due_cards(cards, states, START + timedelta(hours=1), 3, learner="user:1")
    assert chosen[0] == cards[5]  # the one due
    assert {c.file for c in chosen[1:]} == {"a.md", "b.md"}  # new ones: one section, then the other
    assert due_cards(cards, states, START + timedelta(hours=1), 3, learner="user:1") == chosen  # the same again
    others = [due_cards(cards, {}, START, 8, learner=f"user:{n}") for n in range(2, 8)]
    assert len({tuple(c.id for c in o) for o in others}) > 1  # each learner has an order of their own


def test_a_card_not_due_yet_is_not_offered() -> None:
    cards, _ = parse_cards(NOTES)
    states = {c.id: rate_card(None, Rating.Easy, START) for c in cards}
    assert due_cards(cards, states, START + timedelta(hours=1), 5) == ()


def test_only_cards_that_still_exist_count_as_due() -> None:
    assert due_count({"i1", "f2"}, {"i1", "gone", "f2", "deleted"}) == 2
