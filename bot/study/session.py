"""A quiz session, one question at a time: what comes next, the summary, a group round's ranking.

Pure: plain functions over small frozen dataclasses, no I/O and no clock (times are passed in).
The store keeps a chat's `Session` (so a restart carries on where it was); the shells (Telegram,
the terminal chat) send each question, wait for its answer (private) or its time (groups), and
ask these functions what to do next.

A session's questions are quiz items chosen when it starts (`item_ids`); `asked` counts the ones
sent so far, and `poll_id` is the one open now (None between two questions). Its answers are the
answers to its polls (`poll_ids`), as the store recorded and scored them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

__all__ = [
    "Ask",
    "Finish",
    "RankRow",
    "Session",
    "SessionAnswer",
    "SessionSummary",
    "first_right",
    "moves_on",
    "new_session",
    "next_step",
    "overdue",
    "question_sent",
    "round_ranking",
    "summarize",
]

MAX_TOPICS = 5  # topics to review a summary names


@dataclass(frozen=True)
class Session:
    """A chat's running quiz session (at most one a chat)."""

    chat_id: int
    user_id: int  # who started it
    group: bool  # a group round: the next question comes when the time is up, not on an answer
    item_ids: tuple[str, ...]
    started_at: datetime
    open_period: int  # seconds each question stays open
    asked: int = 0  # questions sent so far
    poll_id: str | None = None  # the question open now
    poll_sent_at: datetime | None = None
    poll_ids: tuple[str, ...] = ()  # every question sent, in order
    thread_id: int | None = None  # the forum topic it runs in
    notes: str = ""  # the notes folder its items are from

    @property
    def total(self) -> int:
        return len(self.item_ids)


@dataclass(frozen=True)
class Ask:
    """Send this item as question `number` of `total`."""

    item_id: str
    number: int
    total: int


@dataclass(frozen=True)
class Finish:
    """Every question was asked: end with the summary."""


@dataclass(frozen=True)
class SessionAnswer:
    """One member's answer to one of the session's polls."""

    poll_id: str
    user_id: int
    name: str
    correct: bool
    answered_at: datetime


@dataclass(frozen=True)
class SessionSummary:
    """The end of a session: right out of asked, how long it took, the topics to review."""

    right: int
    asked: int
    total: int
    seconds: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class RankRow:
    """One member's line in a round's ranking."""

    user_id: int
    name: str
    right: int
    answered: int


def new_session(
    chat_id: int,
    user_id: int,
    group: bool,
    item_ids: Sequence[str],
    now: datetime,
    open_period: int,
    thread_id: int | None = None,
    notes: str = "",
) -> Session:
    """A session about to ask its first question."""
    if not item_ids:
        raise ValueError("a session needs at least one item")
    return Session(chat_id, user_id, group, tuple(item_ids), now, open_period, thread_id=thread_id, notes=notes)


def next_step(session: Session) -> Ask | Finish:
    """What comes after the question now closed (or before the first): the next item, or the end."""
    if session.asked >= session.total:
        return Finish()
    return Ask(session.item_ids[session.asked], session.asked + 1, session.total)


def question_sent(session: Session, poll_id: str, now: datetime) -> Session:
    """The session once the next question went out as poll `poll_id`."""
    return replace(
        session, asked=session.asked + 1, poll_id=poll_id, poll_sent_at=now, poll_ids=session.poll_ids + (poll_id,)
    )


def moves_on(session: Session, poll_id: str, user_id: int) -> bool:
    """Whether this answer brings the next question: in a private session, an answer of its learner
    to the question open now. A group waits for the time (everyone may answer)."""
    return not session.group and session.poll_id == poll_id and user_id == session.user_id


def overdue(session: Session, now: datetime, grace: float, slack: float = 30.0) -> bool:
    """Whether the session should have moved on long ago (``slack`` seconds past its open question's
    time and ``grace``; between questions, past the time all its questions would take): nobody is
    running it any more (the process that was died), so a new /quiz may end it."""
    period = timedelta(seconds=session.open_period + grace + slack)
    if session.poll_id is not None and session.poll_sent_at is not None:
        return now > session.poll_sent_at + period
    return now > session.started_at + period * max(1, session.total)


def summarize(
    session: Session,
    answers: Iterable[SessionAnswer],
    topics: Mapping[str, str],
    now: datetime,
) -> SessionSummary:
    """The summary: for a private session the learner's right answers out of the questions asked;
    for a group the right answers anyone gave (a question counts right when someone got it). The
    topics to review are those of the questions missed or left unanswered (``topics``: item id →
    topic), in the order asked, each once."""
    asked = session.poll_ids
    answered: dict[str, bool] = {}
    for answer in answers:
        if answer.poll_id not in asked or (not session.group and answer.user_id != session.user_id):
            continue
        answered[answer.poll_id] = answered.get(answer.poll_id, False) or answer.correct
    right = sum(1 for poll_id in asked if answered.get(poll_id))
    missed: list[str] = []
    for poll_id, item_id in zip(asked, session.item_ids):
        topic = topics.get(item_id)
        if not answered.get(poll_id) and topic and topic not in missed:
            missed.append(topic)
    seconds = max(0, round((now - session.started_at).total_seconds()))
    return SessionSummary(right, len(asked), session.total, seconds, tuple(missed[:MAX_TOPICS]))


def first_right(answers: Iterable[SessionAnswer], poll_id: str) -> SessionAnswer | None:
    """Who got this question right first (the earliest right answer), or None."""
    right = [a for a in answers if a.poll_id == poll_id and a.correct]
    return min(right, key=lambda a: (a.answered_at, a.user_id)) if right else None


def round_ranking(session: Session, answers: Iterable[SessionAnswer]) -> tuple[RankRow, ...]:
    """A group round's members by right answers, then fewer answers, then who answered first."""
    rows: dict[int, list] = {}
    for answer in answers:
        if answer.poll_id not in session.poll_ids:
            continue
        row = rows.setdefault(answer.user_id, [answer.name, 0, 0, answer.answered_at])
        row[1] += int(answer.correct)
        row[2] += 1
        row[3] = min(row[3], answer.answered_at)
    ranked = sorted(rows.items(), key=lambda pair: (-pair[1][1], pair[1][2], pair[1][3], pair[0]))
    return tuple(RankRow(user_id, name, right, count) for user_id, (name, right, count, _) in ranked)
