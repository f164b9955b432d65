"""Quiz sessions in chats: /quiz [n] asks one question at a time, /stop ends early, a summary at the end.

Each question is a quiz poll open for QUIZ_OPEN_PERIOD_SECONDS (Telegram's ``open_period``). In a
private chat the learner's answer brings the next one (a question left unanswered until its time is
up ends the session: the learner has gone); in a group the next one comes when the time is up (a
JobQueue job at the poll's end), after a short word naming the right answer and who got it right
first. At the end: right / total, the time, the topics to review and a go-again button; a
group round adds its ranking and the week's board. What comes next is decided by the pure core
(`bot.study.session`); where a session is lives in the store, and moving it on is claimed there
(`Store.claim_next_question`), so an answer and the time running out never both move it, and a
restart carries on (`resume_sessions`, run once at start-up). One chat has one session at a time.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from telegram import Message, Poll, Update, User
from telegram.constants import ChatType, PollLimit
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.replies.study import AGAIN_PREFIX, BoardRow, parse_again, round_answer_reply, summary_reply
from bot.store import PollRow
from bot.study.counts import MAX_COUNT, MIN_COUNT, CountError, parse_quiz_args
from bot.study.flow import chat_learner_key, choose_items, learner_key, score_round
from bot.study.scores import week_start
from bot.study.session import (
    Ask,
    RankRow,
    Session,
    first_right,
    moves_on,
    new_session,
    next_step,
    overdue,
    question_sent,
    round_ranking,
    summarize,
)
from bot.telegram import base, guards
from bot.telegram.base import in_store
from bot.telegram.quiz import display_name, fits_poll_limits, shown_name, thread_of, zone_of

if TYPE_CHECKING:
    from bot.library import Library
    from bot.quiz import QuizItem
    from bot.store import Store

__all__ = ["GRACE_SECONDS", "on_answered", "register", "resume_sessions"]

_LOGGER = logging.getLogger(__name__)

GRACE_SECONDS = 0.5  # after a poll closes, answers still on their way are waited for this long
_JOB_PREFIX = "session:"
_RESUME_JOB_NAME = "sessions-resume"
_BOARD_SIZE = 10
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _job_name(chat_id: int) -> str:
    return f"{_JOB_PREFIX}{chat_id}"


def _topic(item: QuizItem) -> str:
    return texts.section_label(item.source.section)


def _question(item: QuizItem, number: int, total: int) -> str:
    """The poll's question, numbered when the number fits Telegram's limit."""
    numbered = texts.SESSION_QUESTION_NUMBER.format(number=number, total=total, question=item.question)
    return numbered if len(numbered) <= PollLimit.MAX_QUESTION_LENGTH else item.question


async def _start(
    application: Application, chat_id: int, user: User, group: bool, count: int, thread_id: int | None
) -> str | None:
    """Start a session of ``count`` questions in the chat; the word to answer with when none starts
    (one is running, or the notes have nothing to ask)."""
    library: Library = application.bot_data[base.LIBRARY]
    store: Store = application.bot_data[base.STORE]
    settings = application.bot_data[base.SETTINGS]
    now = _now()
    await in_store(store, store.upsert_user, user.id, display_name(user), now)
    running = await in_store(store, store.get_session, chat_id)
    if running is not None:
        if not overdue(running, now, GRACE_SECONDS):
            return texts.SESSION_BUSY
        _LOGGER.warning("session in chat %s was left behind (its process stopped); ended", chat_id)
        await _finish(application, chat_id, stopped=True)
    key = chat_learner_key(chat_id) if group else learner_key(user.id)
    askable = tuple(item for item in library.quiz_items if fits_poll_limits(item))
    items = await in_store(store, choose_items, askable, store, key, now, count, chat_id, None if group else user.id)
    if not items:
        return texts.QUIZ_NO_ITEMS
    session = new_session(chat_id, user.id, group, [item.id for item in items], now,
                          settings.quiz_open_period_seconds, thread_id, library.notes_key)
    if not await in_store(store, store.start_session, session):
        return texts.SESSION_BUSY
    try:
        await application.bot.send_message(
            chat_id, texts.session_started(session.total, session.open_period, group), message_thread_id=thread_id
        )
    except TelegramError:  # nothing was asked: the chat is free again
        await in_store(store, store.end_session, chat_id)
        raise
    await _ask_next(application, session)
    return None


async def _ask_next(application: Application, session: Session) -> None:
    """Send the session's next question and set its timer, or end the session when all were asked."""
    library: Library = application.bot_data[base.LIBRARY]
    store: Store = application.bot_data[base.STORE]
    step = next_step(session)
    item = _item(library, step.item_id) if isinstance(step, Ask) else None
    if not isinstance(step, Ask) or item is None:  # done, or the notes were reloaded without it
        await _finish(application, session.chat_id, stopped=isinstance(step, Ask))
        return
    now = _now()
    try:
        message = await application.bot.send_poll(
            chat_id=session.chat_id,
            question=_question(item, step.number, step.total),
            options=list(item.options),
            is_anonymous=False,
            type=Poll.QUIZ,
            correct_option_ids=[item.correct],
            explanation=item.explanation or None,
            open_period=session.open_period,
            message_thread_id=session.thread_id,
        )
    except TelegramError as error:  # blocked, refused, or the retries ran out: the session cannot go on
        _LOGGER.warning("session in chat %s ended: its question could not be sent (%s)", session.chat_id, error)
        await in_store(store, store.end_session, session.chat_id)
        _cancel_timer(application, session.chat_id)
        return
    if message.poll is None:
        return
    poll = PollRow(message.poll.id, session.chat_id, item.id, message.message_id, item.correct, "quiz", now,
                   len(item.options), session.notes)
    moved = question_sent(session, poll.poll_id, now)
    if not await in_store(store, store.session_question, moved, poll):
        # stopped while it was being sent: closed at once, so nobody answers a question of no session
        with contextlib.suppress(TelegramError):
            await application.bot.stop_poll(session.chat_id, message.message_id)
        return
    _set_timer(application, moved, session.open_period + GRACE_SECONDS)


def _item(library: Library, item_id: str) -> QuizItem | None:
    return next((item for item in library.quiz_items if item.id == item_id), None)


def _set_timer(application: Application, session: Session, seconds: float) -> None:
    """When the open question's time is up: the job that moves the session on."""
    job_queue = application.job_queue
    if job_queue is None or session.poll_id is None:
        return
    for job in job_queue.get_jobs_by_name(_job_name(session.chat_id)):
        job.schedule_removal()
    job_queue.run_once(time_up, when=max(0.0, seconds), data=(session.chat_id, session.poll_id),
                       name=_job_name(session.chat_id), chat_id=session.chat_id, job_kwargs=base.LATE_JOB)


def _cancel_timer(application: Application, chat_id: int) -> None:
    if application.job_queue is not None:
        for job in application.job_queue.get_jobs_by_name(_job_name(chat_id)):
            job.schedule_removal()


async def time_up(context: ContextTypes.DEFAULT_TYPE) -> None:
    """A session's question closed. In a group: the right answer and who got it first, then the next
    question. In a private chat the learner did not answer (an answer would have moved it on): the
    learner has gone, so the session ends with its summary rather than sending questions to nobody."""
    job = context.job
    if job is None or not isinstance(job.data, tuple):
        return
    chat_id, poll_id = job.data
    store = base.store(context)
    session = await in_store(store, store.claim_next_question, chat_id, poll_id)
    if session is None:
        return  # answered and moved on already, or stopped
    if not session.group:
        await _finish(context.application, chat_id, stopped=True)
        return
    await _round_word(context.application, session, poll_id)
    await _ask_next(context.application, session)


async def _round_word(application: Application, session: Session, poll_id: str) -> None:
    library: Library = application.bot_data[base.LIBRARY]
    store: Store = application.bot_data[base.STORE]
    poll = await in_store(store, store.get_poll, poll_id)
    item = _item(library, poll.item_id) if poll is not None else None
    if poll is None or item is None:
        return
    answers = await in_store(store, store.session_answers, (poll_id,))
    first = first_right(answers, poll_id)
    await in_store(store, score_round, store, session.chat_id, item.id, first is not None, _now())
    number = session.poll_ids.index(poll_id) + 1
    name = (shown_name(first.name) or texts.UNKNOWN_MEMBER) if first else None
    reply = round_answer_reply(number, session.total, item.options[item.correct], name)
    await base.send_reply_to_chat(application.bot, session.chat_id, reply, message_thread_id=session.thread_id)


async def on_answered(application: Application, poll: PollRow, user_id: int) -> None:
    """A poll answer was scored: in a private session, the learner's answer brings the next question."""
    store: Store = application.bot_data[base.STORE]
    session = await in_store(store, store.get_session, poll.chat_id)
    if session is None or not moves_on(session, poll.poll_id, user_id):
        return
    claimed = await in_store(store, store.claim_next_question, poll.chat_id, poll.poll_id)
    if claimed is None:
        return
    _cancel_timer(application, poll.chat_id)
    await _ask_next(application, claimed)


async def _finish(application: Application, chat_id: int, stopped: bool) -> None:
    """End the chat's session (if still running) and send its summary."""
    library: Library = application.bot_data[base.LIBRARY]
    store: Store = application.bot_data[base.STORE]
    settings = application.bot_data[base.SETTINGS]
    session = await in_store(store, store.end_session, chat_id)
    if session is None:
        return
    _cancel_timer(application, chat_id)
    now = _now()
    answers = await in_store(store, store.session_answers, session.poll_ids)
    topics = {item.id: _topic(item) for item in library.quiz_items if item.id in set(session.item_ids)}
    summary = summarize(session, answers, topics, now)
    ranking = week = None
    if session.group:
        ranking = tuple(
            RankRow(row.user_id, shown_name(row.name), row.right, row.answered)
            for row in round_ranking(session, answers)
        )
        since = week_start(now, await zone_of(store, settings, chat_id))
        board = await in_store(store, store.leaderboard, chat_id, since, _BOARD_SIZE)
        week = tuple(BoardRow(shown_name(row.name or ""), row.correct, row.answered) for row in board)
    reply = summary_reply(summary, stopped, ranking, week, again=session.total)
    await base.send_reply_to_chat(application.bot, chat_id, reply, message_thread_id=session.thread_id)


async def quiz_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/quiz [n]: a session of n questions (1–10, default 1), one at a time."""
    asked = await guards.admitted(update, context)
    if asked is None:
        return
    message, user, chat = asked
    try:
        count = parse_quiz_args(context.args or ())
    except CountError:
        await message.reply_text(texts.QUIZ_USAGE)
        return
    word = await _start(context.application, chat.id, user, chat.type in _GROUPS, count, thread_of(message))
    if word is not None:
        await message.reply_text(word)


async def stop_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stop: end the chat's session now (in a group: its starter or an admin), with its summary."""
    asked = await guards.admitted(update, context)
    if asked is None:
        return
    message, user, chat = asked
    store = base.store(context)
    session = await in_store(store, store.get_session, chat.id)
    if session is None:
        await message.reply_text(texts.SESSION_NONE)
        return
    if session.group and user.id != session.user_id:
        from bot.telegram.daily import may_change

        if not await may_change(update, context):
            await message.reply_text(texts.SESSION_STOP_FORBIDDEN)
            return
    if session.poll_id is not None:
        poll = await in_store(store, store.get_poll, session.poll_id)
        if poll is not None and poll.message_id is not None:
            try:
                await context.bot.stop_poll(chat.id, poll.message_id)
            except BadRequest as error:  # closed by its time already
                _LOGGER.info("stopPoll in chat %s: %s", chat.id, error)
    await _finish(context.application, chat.id, stopped=True)


async def again_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The summary's 🔁 button: a new session of as many questions, for whoever tapped it."""
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    if not await guards.allow(update, context):
        return
    count = parse_again(query.data, MIN_COUNT, MAX_COUNT)
    message = query.message
    if count is None or not base.on_its_message(query) or not isinstance(message, Message):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    chat = message.chat
    word = await _start(context.application, chat.id, query.from_user, chat.type in _GROUPS, count, thread_of(message))
    await query.answer(word or texts.SESSION_AGAIN_STARTED, show_alert=word is not None)


async def resume_sessions(context: ContextTypes.DEFAULT_TYPE) -> None:
    """At start-up: carry on every session the store holds. An open question gets its timer for the
    time it has left (at once when it ran out while the bot was down); a session between two
    questions (a stop between a claim and the next send) gets its next question."""
    store = base.store(context)
    now = _now()
    for session in await in_store(store, store.running_sessions):
        try:
            if session.poll_id is None:
                await _ask_next(context.application, session)
                continue
            sent = session.poll_sent_at or now
            left = (sent + timedelta(seconds=session.open_period + GRACE_SECONDS) - now).total_seconds()
            _set_timer(context.application, session, left)
        except TelegramError as error:
            _LOGGER.warning("session in chat %s could not carry on: %s", session.chat_id, error)


def register(application: Application) -> None:
    """Add this module's handlers, and the start-up job that carries on the sessions a restart left."""
    application.add_handler(CommandHandler("quiz", quiz_command, filters=base.NEW_MESSAGE))
    application.add_handler(CommandHandler("stop", stop_command, filters=base.NEW_MESSAGE))
    application.add_handler(CallbackQueryHandler(again_button, pattern=f"^{AGAIN_PREFIX}"))
    if application.job_queue is not None:
        application.job_queue.run_once(resume_sessions, when=0, name=_RESUME_JOB_NAME, job_kwargs=base.LATE_JOB)
