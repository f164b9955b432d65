"""The study flow over the store, shared by Telegram and the terminal: choosing items, scoring answers, /me.

Telegram's poll answers and the terminal chat's typed answers (`bot.cli.chat.TerminalStudy`)
go through the same `score_answer`, so a learner's score and review cards move the same way
whichever shell asked the question.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot import texts
from bot.quiz import QuizItem, passages_of
from bot.quiz.passages import WHOLE_KINDS, members
from bot.study.flashcards import due_count
from bot.study.review import card_due, next_items, review
from bot.study.scores import accuracy, streak

if TYPE_CHECKING:
    from bot.notes.corpus import Corpus
    from bot.store import PollRow, Store

__all__ = [
    "asks_about",
    "chat_learner_key",
    "choose_items",
    "learner_key",
    "me_text",
    "score_answer",
    "score_round",
]

def asks_about(corpus: Corpus, items: Sequence[QuizItem], passage_id: int) -> bool:
    """Whether any of these items asks about the passage itself (for a table or list: one of its
    rows or items), not only about its section."""
    passage = corpus.passages[passage_id]
    wanted = {p.id for p in members(corpus, passage)} if passage.kind in WHOLE_KINDS else set()
    wanted.add(passage_id)
    return any(home is not None and home.id in wanted for home in passages_of(corpus, items))


def learner_key(user_id: int) -> str:
    """The store's key for one person's cards."""
    return f"user:{user_id}"


def chat_learner_key(chat_id: int) -> str:
    """The store's key for a whole chat's cards (a group's daily push)."""
    return f"chat:{chat_id}"


def choose_items(
    items: Sequence[QuizItem],
    store: Store,
    key: str,
    now: datetime,
    n: int,
    chat_id: int | None = None,
    user_id: int | None = None,
) -> tuple[QuizItem, ...]:
    """The next n items for a learner, by the review scheduler over the learner's cards in the
    store; given the chat they go to, none of the polls there still waiting for the learner's
    answer (``user_id``; None: for anyone's, a chat's own push) while others are left."""
    pending = store.unanswered_items(chat_id, user_id) if chat_id is not None else set()
    return next_items(items, store.get_cards(key), now, n, learner=key, pending=pending)


def _review(store: Store, key: str, item_id: str, correct: bool, now: datetime, seconds: float | None) -> None:
    card = review(store.get_cards(key).get(item_id), correct, now, seconds)
    store.put_card(key, item_id, card, card_due(card), now)


def score_answer(store: Store, poll: PollRow, user_id: int, name: str, option: int, now: datetime) -> bool | None:
    """Record a learner's answer to a recorded poll: score, their review card, and for a group's daily
    push the chat's card (moved by the first answer only). Whether it was right; None if already answered."""
    correct = option == poll.correct_option
    store.upsert_user(user_id, name, now)
    if not store.record_poll_answer(poll.poll_id, user_id, option, correct, now):
        return None
    # How fast counts only for an asked-for quiz: a daily push may be answered hours later.
    seconds = (now - poll.sent_at).total_seconds() if poll.origin == "quiz" else None
    _review(store, learner_key(user_id), poll.item_id, correct, now, seconds)
    if poll.origin == "daily" and poll.chat_id < 0 and store.count_poll_answers(poll.poll_id) == 1:
        _review(store, chat_learner_key(poll.chat_id), poll.item_id, correct, now, None)
    return correct


def score_round(store: Store, chat_id: int, item_id: str, correct: bool, now: datetime) -> None:
    """A group round's question closed: the chat's own card for the item moves (right when some
    member got it right), so the group's next round asks what the group does not know yet."""
    _review(store, chat_learner_key(chat_id), item_id, correct, now, None)


def me_text(
    store: Store,
    user_id: int,
    name: str,
    zone: ZoneInfo,
    now: datetime,
    ids: Collection[str] = (),
    notes: str | None = None,
) -> str:
    """/me: answered count, accuracy, streak of days (in ``zone``) and items due, as plain text.

    Only this notes folder's answers count (``notes``, None: every folder's), and only cards of
    the items and flashcards that exist now (``ids``) can be due."""
    stats = store.user_stats(user_id, notes=notes)
    if stats.answered == 0:
        return texts.ME_NO_ANSWERS
    return texts.me_summary(
        name,
        stats.answered,
        stats.correct,
        accuracy(stats.correct, stats.answered) or 0.0,
        streak(stats.days(zone), now.astimezone(zone).date()),
        due_count(ids, store.due_item_ids(learner_key(user_id), now)),
    )
