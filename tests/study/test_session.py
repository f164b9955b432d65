"""The quiz session core: what comes next, when an answer moves it on, the summary, a round's ranking."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.study.session import (
    Ask,
    Finish,
    RankRow,
    SessionAnswer,
    first_right,
    moves_on,
    new_session,
    next_step,
    overdue,
    question_sent,
    round_ranking,
    summarize,
)

T0 = datetime(2030, 5, 6, 8, 0, tzinfo=timezone.utc)
TOPICS = {"a": "A 章", "b": "B 章", "c": "C 章"}


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_session_asks_its_items_in_turn_then_finishes() -> None:
    session = new_session(1, 1, False, ["a", "b"], T0, 30)
    assert next_step(session) == Ask("a", 1, 2)
    session = question_sent(session, "p1", at(1))
    assert (session.asked, session.poll_id, session.poll_ids) == (1, "p1", ("p1",))
    assert next_step(session) == Ask("b", 2, 2)
    session = question_sent(session, "p2", at(5))
    assert next_step(session) == Finish()
    with pytest.raises(ValueError):
        new_session(1, 1, False, [], T0, 30)


def test_only_the_learners_answer_to_the_open_question_moves_a_private_session_on() -> None:
    private = question_sent(new_session(5, 5, False, ["a", "b"], T0, 30), "p1", T0)
    assert moves_on(private, "p1", 5)
    assert not moves_on(private, "old-poll", 5) and not moves_on(private, "p1", 6)
    group = question_sent(new_session(-5, 5, True, ["a", "b"], T0, 30), "p1", T0)
    assert not moves_on(group, "p1", 5)  # a group waits for the time


def test_the_summary_counts_the_learners_right_answers_and_names_what_to_review() -> None:
    session = new_session(5, 5, False, ["a", "b", "c"], T0, 30)
    for number, poll in enumerate(("p1", "p2", "p3")):
        session = question_sent(session, poll, at(number * 10))
    answers = [
        SessionAnswer("p1", 5, "Ann", True, at(3)),
        SessionAnswer("p2", 5, "Ann", False, at(14)),
        SessionAnswer("p2", 6, "Bob", True, at(12)),  # not this learner's: a private session is one person's
    ]
    summary = summarize(session, answers, TOPICS, at(65))
    assert (summary.right, summary.asked, summary.total, summary.seconds) == (1, 3, 3, 65)
    assert summary.topics == ("B 章", "C 章")  # missed, then unanswered, in the order asked


def test_a_group_summary_counts_a_question_right_when_anyone_got_it() -> None:
    session = new_session(-5, 5, True, ["a", "b"], T0, 30)
    session = question_sent(question_sent(session, "p1", T0), "p2", at(31))
    answers = [SessionAnswer("p1", 6, "Bob", False, at(2)), SessionAnswer("p1", 7, "Cat", True, at(4))]
    summary = summarize(session, answers, TOPICS, at(62))
    assert (summary.right, summary.asked, summary.topics) == (1, 2, ("B 章",))


def test_the_first_right_answer_and_the_rounds_ranking() -> None:
    session = new_session(-5, 5, True, ["a", "b"], T0, 30)
    session = question_sent(question_sent(session, "p1", T0), "p2", at(31))
    answers = [
        SessionAnswer("p1", 6, "Bob", True, at(5)),
        SessionAnswer("p1", 7, "Cat", True, at(3)),
        SessionAnswer("p1", 8, "Dan", False, at(1)),
        SessionAnswer("p2", 6, "Bob", True, at(33)),
        SessionAnswer("other", 8, "Dan", True, at(2)),  # not a poll of this round
    ]
    assert first_right(answers, "p1").name == "Cat"  # the earliest right one, not the earliest
    assert first_right(answers, "p3") is None
    assert round_ranking(session, answers) == (
        RankRow(6, "Bob", 2, 2), RankRow(7, "Cat", 1, 1), RankRow(8, "Dan", 0, 1),
    )


def test_a_session_nobody_moves_on_any_more_is_overdue() -> None:
    session = question_sent(new_session(5, 5, False, ["a", "b"], T0, 30), "p1", T0)
    assert not overdue(session, at(59), grace=0.5)
    assert overdue(session, at(61), grace=0.5)
    between = new_session(5, 5, False, ["a", "b"], T0, 30)  # no question open
    assert not overdue(between, at(100), grace=0.5) and overdue(between, at(122), grace=0.5)
