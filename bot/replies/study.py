"""What the bot says around studying: a session's start, its end, a group round's word after each
question and its ranking, leaderboards, flashcards. Replies as data (`bot.replies.render`), the
same for Telegram and the terminal chat; nothing here sends, reads or stores anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot import texts
from bot.replies.render import Button, Reply, Span
from bot.study.session import RankRow, SessionSummary

__all__ = [
    "AGAIN_PREFIX",
    "BoardRow",
    "again_data",
    "board_lines",
    "parse_again",
    "round_answer_reply",
    "summary_reply",
]

AGAIN_PREFIX = "sa:"  # "sa:<n>": the summary's go-again button, a new session of n questions


@dataclass(frozen=True)
class BoardRow:
    """One line of a leaderboard, the name already fit to show."""

    name: str
    right: int
    answered: int


def again_data(count: int) -> str:
    """The go-again button's callback data."""
    return f"{AGAIN_PREFIX}{count}"


def parse_again(data: str | None, low: int, high: int) -> int | None:
    """The question count of a go-again button's data, or None for anything else (forged, garbled)."""
    if not data or not data.startswith(AGAIN_PREFIX):
        return None
    rest = data[len(AGAIN_PREFIX):]
    if not (rest.isascii() and rest.isdigit()) or not low <= int(rest) <= high:
        return None
    return int(rest)


def board_lines(title: str, rows: Sequence[BoardRow]) -> tuple[tuple[Span, ...], ...]:
    """A leaderboard: its title in bold, then one line a member (or a word that nobody answered)."""
    lines: list[tuple[Span, ...]] = [(Span(title, "b"),)]
    if not rows:
        lines.append((Span(texts.TOP_EMPTY),))
    for rank, row in enumerate(rows, start=1):
        lines.append((Span(texts.top_row(rank, row.name or texts.UNKNOWN_MEMBER, row.right, row.answered)),))
    return tuple(lines)


def summary_reply(
    summary: SessionSummary,
    stopped: bool,
    ranking: Sequence[RankRow] | None = None,
    week: Sequence[BoardRow] | None = None,
    again: int | None = None,
) -> Reply:
    """A session's end: right / asked and the time, the topics to review, for a group round its
    ranking and the week's board under it, and a button to go again (``again`` questions)."""
    lines: list[tuple[Span, ...]] = [
        (Span(texts.session_summary(summary.right, summary.asked, summary.total, summary.seconds, stopped), "b"),)
    ]
    if summary.topics:
        lines.append((Span(texts.SESSION_TOPICS),))
        lines.extend((Span("• "), Span(topic)) for topic in summary.topics)
    elif summary.asked and summary.right == summary.asked:
        lines.append((Span(texts.SESSION_ALL_RIGHT),))
    if ranking is not None:
        lines.append(())
        lines.append((Span(texts.ROUND_RANKING, "b"),))
        if not ranking:
            lines.append((Span(texts.ROUND_NOBODY),))
        for rank, row in enumerate(ranking, start=1):
            lines.append((Span(texts.ranking_row(rank, row.name or texts.UNKNOWN_MEMBER, row.right, row.answered)),))
    if week is not None:
        lines.append(())
        lines.extend(board_lines(texts.TOP_THIS_WEEK, week))
    buttons = ((Button(texts.SESSION_AGAIN_BUTTON, again_data(again)),),) if again else ()
    return Reply(tuple(lines), buttons)


def round_answer_reply(number: int, total: int, answer: str, first: str | None) -> Reply:
    """A group round's word after a question: the right answer, who got it right first."""
    return Reply.text(*texts.round_answer(number, total, answer, first).split("\n"))
