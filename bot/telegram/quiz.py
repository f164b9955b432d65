"""Quiz polls in chats: a quiz on the passage just shown, poll answers scored, /me and /top (/quiz
and /stop, one question at a time: `bot.telegram.sessions`, told of each answer scored here).

A poll answer carries no chat, so every poll sent is recorded in the store (poll id → chat, item,
correct option, number of options, origin) and an answer is scored from that record: the member's
score and review card, and for a group's daily push also the chat's card (``"chat:<id>"``), moved by
the first answer that poll gets. An answer naming an option the poll does not have is ignored.
Polls are never anonymous, so that each member's answer reaches the bot. Names shown to others
(/top) lose their bidirectional controls, which could make one name read as another.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import Message, Poll, Update, User
from telegram.constants import ChatType, ParseMode, PollLimit
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    PollAnswerHandler,
)

from bot import texts
from bot.config import Settings
from bot.quiz import QuizItem, items_for_passage
from bot.replies import QUIZ_PASSAGE_PREFIX, is_current
from bot.store import Origin, PollRow
from bot.study.flow import asks_about, learner_key, me_text, score_answer
from bot.study.review import next_items
from bot.study.scores import week_start
from bot.telegram import base, guards
from bot.telegram.base import in_store

if TYPE_CHECKING:
    from telegram import Bot

    from bot.library import Library
    from bot.store import LeaderRow, Store

__all__ = [
    "fits_poll_limits",
    "leaderboard_html",
    "register",
    "send_quiz_poll",
    "send_quiz_polls",
    "shown_name",
]

_LOGGER = logging.getLogger(__name__)

_LEADERBOARD_SIZE = 10
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
# Bidirectional embeddings, overrides, isolates and marks: in a name they can reverse what follows.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def fits_poll_limits(item: QuizItem) -> bool:
    """Whether Telegram takes this item as a quiz poll (the quiz core should only make such items)."""
    return (
        PollLimit.MIN_QUESTION_LENGTH <= len(item.question) <= PollLimit.MAX_QUESTION_LENGTH
        and 2 <= len(item.options) <= PollLimit.MAX_OPTION_NUMBER
        and all(PollLimit.MIN_OPTION_LENGTH <= len(o) <= PollLimit.MAX_OPTION_LENGTH for o in item.options)
        and len(set(item.options)) == len(item.options)
        and 0 <= item.correct < len(item.options)
        and len(item.explanation) <= PollLimit.MAX_EXPLANATION_LENGTH
        and item.explanation.count("\n") <= PollLimit.MAX_EXPLANATION_LINE_FEEDS
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)


def shown_name(name: str) -> str:
    """A name as others may see it: without bidirectional control characters."""
    return _BIDI_CONTROLS.sub("", name).strip()


def display_name(user: User) -> str:
    """A user's name as the store keeps it for leaderboards."""
    return shown_name(user.full_name) or (f"@{user.username}" if user.username else str(user.id))


def _services(context: ContextTypes.DEFAULT_TYPE) -> tuple[Library, Store, Settings]:
    return base.library(context), base.store(context), base.settings(context)


async def send_quiz_poll(
    bot: Bot,
    chat_id: int,
    item: QuizItem,
    origin: Origin,
    now: datetime,
    message_thread_id: int | None = None,
    notes: str = "",
) -> PollRow | None:
    """Send one item as a non-anonymous quiz poll; the record to store (with the notes folder it is
    from), or None when the item does not fit Telegram's limits (logged; never cut: a cut option could
    equal another). Errors are raised."""
    if not fits_poll_limits(item):
        _LOGGER.warning("quiz item %s does not fit Telegram's poll limits; skipped", item.id)
        return None
    message = await bot.send_poll(
        chat_id=chat_id,
        question=item.question,
        options=list(item.options),
        is_anonymous=False,
        type=Poll.QUIZ,
        correct_option_ids=[item.correct],
        explanation=item.explanation or None,
        message_thread_id=message_thread_id,
    )
    if message.poll is None:  # cannot happen with a real Bot API; keep going rather than crash
        return None
    return PollRow(
        message.poll.id, chat_id, item.id, message.message_id, item.correct, origin, now, len(item.options), notes
    )


async def send_quiz_polls(
    bot: Bot,
    store: Store,
    chat_id: int,
    items: Sequence[QuizItem],
    origin: Origin,
    now: datetime,
    message_thread_id: int | None = None,
    notes: str = "",
) -> list[PollRow]:
    """Send each item as a quiz poll (`send_quiz_poll`) and record it; stops at the first error, which it raises."""
    sent: list[PollRow] = []
    for item in items:
        poll = await send_quiz_poll(bot, chat_id, item, origin, now, message_thread_id, notes)
        if poll is None:
            continue
        await in_store(store, store.record_poll, poll.poll_id, chat_id, item.id, poll.message_id, item.correct,
                       origin, now, poll.option_count, notes)
        sent.append(poll)
    return sent


def thread_of(message: Message) -> int | None:
    """The forum topic a message is in, or None."""
    return message.message_thread_id if message.is_topic_message else None


async def quiz_passage_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The answer keyboard's "quiz on this passage" button: one poll on that passage, due ones first."""
    query = update.callback_query
    if query is None or query.data is None or query.from_user is None:
        return
    if not await guards.allow(update, context):
        return
    library, store, _ = _services(context)
    _, fingerprint, passage = (query.data.split(":", 2) + ["", ""])[:3]
    if not passage.isdecimal() or not is_current(library.corpus, fingerprint) or not base.on_its_message(query):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    candidates = items_for_passage(library.quiz_items, library.corpus, int(passage))
    if not candidates:
        await query.answer(texts.QUIZ_PASSAGE_NO_ITEMS, show_alert=True)
        return
    # no item of its own: one of its section's, and the learner is told so, never left to think
    # the poll is about the passage shown
    own = asks_about(library.corpus, candidates, int(passage))
    now = _now()
    user = query.from_user
    await in_store(store, store.upsert_user, user.id, display_name(user), now)
    chosen = next_items(candidates, await in_store(store, store.get_cards, learner_key(user.id)), now, 1)
    message = query.message
    chat_id = message.chat.id if message is not None else user.id
    thread = thread_of(message) if isinstance(message, Message) else None
    try:
        await send_quiz_polls(context.bot, store, chat_id, chosen, "quiz", now, thread, library.notes_key)
    except TelegramError:
        await query.answer(texts.QUIZ_SEND_FAILED, show_alert=True)
        raise
    await query.answer(texts.QUIZ_PASSAGE_SENT if own else texts.QUIZ_PASSAGE_SECTION, show_alert=not own)


async def poll_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Score a member's answer to one of our quiz polls and move their review card (and the chat's)."""
    answer = update.poll_answer
    if answer is None or answer.user is None or not answer.option_ids:
        return  # an anonymous vote on behalf of a chat, or a retracted vote
    library, store, _ = _services(context)
    poll = await in_store(store, store.get_poll, answer.poll_id)
    if poll is None:
        return  # not a poll this bot recorded
    option = answer.option_ids[0]
    if len(answer.option_ids) != 1 or not 0 <= option < _option_count(poll, library.quiz_items):
        _LOGGER.info("poll %s: answer %s names no option of that quiz; ignored", poll.poll_id, list(answer.option_ids))
        return
    correct = await in_store(store, score_answer, store, poll, answer.user.id, display_name(answer.user), option, _now())
    if correct is not None:
        base.metrics(context).quiz_answers.labels("correct" if correct else "wrong").inc()
        from bot.telegram.sessions import on_answered  # sessions build on this module

        await on_answered(context.application, poll, answer.user.id)


def _option_count(poll: PollRow, items: Sequence[QuizItem]) -> int:
    """How many options the poll had: as recorded, else its item's (polls recorded before the count
    was kept), else the most a poll may have."""
    if poll.option_count is not None:
        return poll.option_count
    item = next((item for item in items if item.id == poll.item_id), None)
    return len(item.options) if item is not None else PollLimit.MAX_OPTION_NUMBER


async def zone_of(store: Store, settings: Settings, chat_id: int) -> ZoneInfo:
    """The chat's time zone (its own, else the default)."""
    chat = await in_store(store, store.get_chat, chat_id)
    return ZoneInfo((chat.timezone if chat is not None else None) or settings.default_timezone)


async def me_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/me: the sender's answered count, accuracy, streak of days and items due."""
    asked = await guards.admitted(update, context)
    if asked is None:
        return
    message, user, chat = asked
    library, store, settings = _services(context)
    zone = await zone_of(store, settings, chat.id)
    text = await in_store(
        store, me_text, store, user.id, display_name(user), zone, _now(), library.study_ids, library.notes_key
    )
    await message.reply_text(text)


def leaderboard_html(title: str, rows: Sequence[LeaderRow]) -> list[str]:
    """A leaderboard's lines in HTML: the title in bold, names escaped."""
    lines = [f"<b>{html.escape(title)}</b>"]
    if not rows:
        lines.append(html.escape(texts.TOP_EMPTY))
    for rank, row in enumerate(rows, start=1):
        name = shown_name(row.name or "") or texts.UNKNOWN_MEMBER
        lines.append(html.escape(texts.top_row(rank, name, row.correct, row.answered)))
    return lines


async def top_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/top in a group: this week's leaderboard and the all-time one (one board when they are the same)."""
    asked = await guards.admitted(update, context)
    if asked is None:
        return
    message, _, chat = asked
    if chat.type not in _GROUPS:
        await message.reply_text(texts.TOP_GROUP_ONLY)
        return
    _, store, settings = _services(context)
    now = _now()
    since = week_start(now, await zone_of(store, settings, chat.id))
    week = await in_store(store, store.leaderboard, chat.id, since, _LEADERBOARD_SIZE)
    ever = await in_store(store, store.leaderboard, chat.id, None, _LEADERBOARD_SIZE)
    if week == ever:  # every answer is this week's: one board, not the same one twice
        lines = leaderboard_html(texts.TOP_SAME, week)
    else:
        lines = leaderboard_html(texts.TOP_THIS_WEEK, week) + [""] + leaderboard_html(texts.TOP_ALL_TIME, ever)
    await message.reply_text("\n".join(lines), parse_mode=ParseMode.HTML)


def register(application: Application) -> None:
    """Add this module's handlers to the application."""
    application.add_handler(CommandHandler("me", me_command, filters=base.NEW_MESSAGE))
    application.add_handler(CommandHandler("top", top_command, filters=base.NEW_MESSAGE))
    application.add_handler(CallbackQueryHandler(quiz_passage_button, pattern=f"^{QUIZ_PASSAGE_PREFIX}"))
    application.add_handler(PollAnswerHandler(poll_answer))
