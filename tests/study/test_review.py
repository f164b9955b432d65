"""FSRS review: ratings, JSON round trip, and the order items come back in over simulated days."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card, Rating

from bot.quiz import QuizItem, QuizSource
from bot.study.review import card_due, next_items, rating_for, review

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _item(name: str) -> QuizItem:
    return QuizItem(name, "cloze", f"问题{name}", ("甲", "乙"), 0, "因为", QuizSource("a.md", 1, ("一",)))


def test_ratings() -> None:
    assert rating_for(False) == Rating.Again
    assert rating_for(False, 1.0) == Rating.Again
    assert rating_for(True) == Rating.Good
    assert rating_for(True, 60.0) == Rating.Good
    assert rating_for(True, 3.0) == Rating.Easy


def test_card_state_round_trips_through_json() -> None:
    state = review(None, True, START, 20.0)
    data = json.loads(state)
    assert Card.from_json(state).to_json() == state
    assert datetime.fromisoformat(data["due"]) == card_due(state)
    assert Card.from_json(state).last_review == START
    again = review(state, False, START + timedelta(days=3))
    assert card_due(again) < START + timedelta(days=3, hours=1)
    assert card_due("not a card") == datetime.fromtimestamp(0, timezone.utc)  # damaged: due at once


def test_a_fast_right_answer_waits_longer_than_a_slow_one() -> None:
    assert card_due(review(None, True, START, 2.0)) > card_due(review(None, True, START, 40.0))


def test_times_must_carry_a_zone_and_other_zones_are_converted() -> None:
    with pytest.raises(ValueError):
        review(None, True, START.replace(tzinfo=None))
    tokyo = START.astimezone(timezone(timedelta(hours=9)))
    assert review(None, True, tokyo) == review(None, True, START)


def test_a_damaged_card_starts_afresh() -> None:
    assert card_due(review("{not json", True, START)) == card_due(review(None, True, START))
    assert card_due("garbage") == datetime.fromtimestamp(0, timezone.utc)


def test_next_items_due_first_then_new_then_least_recently_seen() -> None:
    items = [_item(n) for n in "abcdef"]
    cards = {
        "a": review(None, True, START - timedelta(days=1), 2.0),  # seen long ago, not due yet
        "b": review(None, False, START - timedelta(hours=2)),  # due again (1 minute step)
        "c": review(None, False, START - timedelta(hours=5)),  # due, and for longer
        "d": review(None, True, START - timedelta(hours=1), 2.0),  # seen recently, not due
    }
    assert card_due(cards["a"]) > START and card_due(cards["d"]) > START
    order = [i.id for i in next_items(items, cards, START, 10)]
    assert order == ["c", "b", "e", "f", "a", "d"]
    assert [i.id for i in next_items(items, cards, START, 3)] == ["c", "b", "e"]
    assert next_items(items, cards, START, 0) == ()


def test_never_the_same_item_twice_in_a_batch() -> None:
    items = [_item("a"), _item("b"), _item("a")]
    assert [i.id for i in next_items(items, {}, START, 5)] == ["a", "b"]


def _simulate(cards: dict[str, str], items: list[QuizItem], start: datetime, days: int, step: timedelta) -> dict[str, datetime]:
    """Answer every due item right, checking every ``step``; when each item first came back."""
    first_back: dict[str, datetime] = {}
    now = start
    while now < start + timedelta(days=days):
        now += step
        for item in next_items(items, cards, now, len(items)):
            if card_due(cards[item.id]) > now:
                break  # due items come first: the rest can wait
            first_back.setdefault(item.id, now)
            cards[item.id] = review(cards[item.id], True, now, 30.0)
    return first_back


def test_a_wrong_first_answer_comes_back_before_a_right_one() -> None:
    items = [_item("wrong"), _item("right")]
    cards = {"wrong": review(None, False, START, 30.0), "right": review(None, True, START, 30.0)}
    first_back = _simulate(cards, items, START, 2, timedelta(minutes=1))
    assert first_back["wrong"] < first_back["right"]


def test_over_simulated_days_a_lapse_comes_back_before_a_remembered_item() -> None:
    items = [_item("wrong"), _item("right")]
    cards = {i.id: review(None, True, START, 30.0) for i in items}
    _simulate(cards, items, START, 30, timedelta(hours=1))  # both learnt over a month, always right
    day = START + timedelta(days=31)
    assert all(card_due(c) - Card.from_json(c).last_review > timedelta(days=3) for c in cards.values())
    cards["wrong"] = review(cards["wrong"], False, day, 30.0)
    cards["right"] = review(cards["right"], True, day, 30.0)
    first_back = _simulate(cards, items, day, 400, timedelta(hours=12))
    assert first_back["wrong"] < first_back["right"]
    assert first_back["wrong"] - day < timedelta(days=1)
    assert first_back["right"] - day > timedelta(days=7)


def _spread(name: str, section: str) -> QuizItem:
    return QuizItem(name, "cloze", f"问题{name}", ("甲", "乙"), 0, "因为", QuizSource(f"{section}.md", 1, (section,)))


def test_new_items_take_the_sections_in_turn_in_an_order_of_the_learners_own() -> None:
    items = [_spread(f"{s}{n}", s) for s in ("网络", "存储", "调度") for n in range(4)]
    first = next_items(items, {}, START, 3, learner="user:1")
    assert len({i.source.section for i in first}) == 3  # one of each section before any second
    assert next_items(items, {}, START, 3, learner="user:1") == first  # deterministic for a learner
    assert next_items(items, {}, START, 12, learner="user:1", seed=1) != next_items(items, {}, START, 12, learner="user:1")
    orders = {tuple(i.id for i in next_items(items, {}, START, 12, learner=f"user:{n}")) for n in range(6)}
    assert len(orders) > 1  # and differs from learner to learner


def test_an_item_waiting_in_an_unanswered_poll_comes_only_when_nothing_else_is_left() -> None:
    items = [_item(str(n)) for n in range(4)]
    chosen = next_items(items, {}, START, 3, pending={"0", "1"})
    assert {i.id for i in chosen[:2]} == {"2", "3"} and chosen[2].id in {"0", "1"}
    assert [i.id for i in next_items(items, {}, START, 2, pending={"0", "1"})] != ["0", "1"]


def test_a_batch_holds_at_most_two_items_with_one_answer_while_others_are_left() -> None:
    same = [QuizItem(f"s{n}", "subject", f"问题{n}", ("Docker", "LXC", "Xen"), 0, f"因为{n}", QuizSource("a.md", n, ("一",))) for n in range(4)]
    other = [QuizItem(f"o{n}", "subject", f"别题{n}", ("Xen", "LXC", "Docker"), 0, f"所以{n}", QuizSource("b.md", n, ("二",))) for n in range(2)]
    batch = next_items(same + other, {}, START, 4, learner="user:3")
    answers = [i.options[i.correct] for i in batch]
    assert answers.count("Docker") == 2 and answers.count("Xen") == 2
    assert len(next_items(same, {}, START, 4)) == 4  # nothing else left: all of them
