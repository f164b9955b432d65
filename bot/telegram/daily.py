"""Daily quiz pushes: /daily HH:MM [n], /daily, /daily off, /timezone Area/City, and the job that pushes.

One repeating JobQueue job checks every minute which subscriptions are owed a push by the pure rule
in ``bot.study.daily`` and claims each (chat, local date) in the store before sending, so a restart
needs no rescheduling: the first check after start-up catches up a push missed while the bot was
down that same day, and the claim makes sure it goes out once, never twice. Sends go through the
application's rate limiter; a chat that blocked or removed the bot is unsubscribed and marked
inactive; one failing chat never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import TYPE_CHECKING

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from bot import texts
from bot.config import Settings
from bot.store import StoreError
from bot.study.daily import (
    DailyError,
    DailyOff,
    DailyShow,
    DailySubscribe,
    Schedule,
    due_date,
    format_time,
    next_push,
    parse_daily_args,
    parse_time,
    parse_timezone,
)
from bot.study.flow import chat_learner_key, choose_items, learner_key
from bot.telegram import base, guards
from bot.telegram.quiz import send_quiz_polls

if TYPE_CHECKING:
    from telegram import Bot

    from bot.library import Library
    from bot.store import Store, Subscription

__all__ = ["CHECK_INTERVAL_SECONDS", "DAILY_JOB_NAME", "PushReport", "push_due", "register"]

_LOGGER = logging.getLogger(__name__)

DAILY_JOB_NAME = "daily-pushes"
CHECK_INTERVAL_SECONDS = 60  # a push goes out within a minute of its time
FIRST_CHECK_SECONDS = 1  # right after start-up: the catch-up of a push missed while down
PUSH_CONCURRENCY = 50  # chats pushed at once; the rate limiter paces the actual requests
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
_ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


@dataclass(frozen=True)
class PushReport:
    """What one check did: chats pushed, chats dropped (blocked/removed), chats whose push failed."""

    pushed: tuple[int, ...] = ()
    dropped: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    polls: int = 0


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _zone_name(store: Store, settings: Settings, chat_id: int) -> str:
    chat = store.get_chat(chat_id)
    return (chat.timezone if chat is not None else None) or settings.default_timezone


def _schedule(settings: Settings, subscription: Subscription) -> Schedule:
    return Schedule(parse_time(subscription.hh_mm), subscription.timezone or settings.default_timezone)


def _learner_for(chat_id: int) -> str:
    # A private chat's id is its user's id: a private push trains that person's own cards.
    return chat_learner_key(chat_id) if chat_id < 0 else learner_key(chat_id)


async def _push_one(
    bot: Bot, store: Store, library: Library, chat_id: int, count: int, now: datetime, started: list[int]
) -> int:
    """One chat's push: a header line, then its polls; ``started`` gets the chat id once anything arrived."""
    # Not a poll still waiting in the chat (a private chat's own user; in a group, anyone).
    waiting_for = chat_id if chat_id > 0 else None
    items = choose_items(library.quiz_items, store, _learner_for(chat_id), now, count, chat_id, waiting_for)
    if not items:
        return 0
    await bot.send_message(chat_id=chat_id, text=texts.DAILY_PUSH_HEADER.format(count=len(items)))
    started.append(chat_id)
    sent = await send_quiz_polls(bot, store, chat_id, items, "daily", now, notes=library.notes_key)
    return len(sent)


async def push_due(
    bot: Bot,
    store: Store,
    library: Library,
    settings: Settings,
    now: datetime,
    concurrency: int = PUSH_CONCURRENCY,
) -> PushReport:
    """Push every subscription owed a push at ``now``; each is claimed in the store first (at most once a day).

    A `StoreError` is raised once the other chats' pushes are done: the bot must not go on without
    its database."""
    due: list[tuple[int, int, date]] = []
    for subscription in store.subscriptions():
        chat_id = subscription.chat_id
        try:
            schedule = _schedule(settings, subscription)
            day = due_date(schedule, now, store.last_push_date(chat_id))
        except (DailyError, ValueError, LookupError) as error:  # a bad row must not stop the others
            _LOGGER.error("daily subscription of chat %s is unusable: %s", chat_id, error)
            continue
        if day is not None and store.claim_push(chat_id, day):
            due.append((chat_id, subscription.count, day))
    if not due:
        return PushReport()

    gate = asyncio.Semaphore(max(1, concurrency))
    pushed: list[int] = []
    dropped: list[int] = []
    failed: list[int] = []
    polls = 0

    async def one(chat_id: int, count: int, day: date) -> None:
        nonlocal polls
        async with gate:
            for _attempt in range(2):  # a group that became a supergroup is pushed again at its new id
                started: list[int] = []
                try:
                    polls += await _push_one(bot, store, library, chat_id, count, now, started)
                    pushed.append(chat_id)
                except ChatMigrated as error:
                    _LOGGER.info("chat %s became supergroup %s: subscription moved", chat_id, error.new_chat_id)
                    store.migrate_chat(chat_id, error.new_chat_id)  # the day's claim moves along too
                    chat_id = error.new_chat_id
                    continue
                except Forbidden as error:
                    _LOGGER.info("chat %s blocked or removed the bot (%s): unsubscribed", chat_id, error.message)
                    store.delete_subscription(chat_id)
                    store.set_chat_active(chat_id, False)
                    dropped.append(chat_id)
                except BadRequest as error:  # e.g. "chat not found": retrying would not help
                    _LOGGER.warning("daily push to chat %s refused: %s", chat_id, error)
                    failed.append(chat_id)
                except (NetworkError, RetryAfter) as error:  # timeouts, connection errors, 429 beyond retries
                    _LOGGER.warning("daily push to chat %s failed: %s", chat_id, error)
                    if not started:  # nothing reached the chat: give the claim back so the next check retries
                        store.release_push(chat_id, day)
                    failed.append(chat_id)
                except TelegramError as error:
                    _LOGGER.warning("daily push to chat %s failed: %s", chat_id, error)
                    failed.append(chat_id)
                except StoreError:
                    # The database is unusable: a poll may have gone out unrecorded. Not one chat's
                    # problem: raised to the error handlers, which stop the bot (`notesbot run`).
                    failed.append(chat_id)
                    raise
                except Exception:  # one chat's bug must not stop the others
                    _LOGGER.exception("daily push to chat %s failed", chat_id)
                    failed.append(chat_id)
                return
            failed.append(chat_id)  # moved twice in one push

    outcomes = await asyncio.gather(*(one(chat_id, count, day) for chat_id, count, day in due), return_exceptions=True)
    for outcome in outcomes:  # the other chats' pushes have finished; now the store's failure surfaces
        if isinstance(outcome, BaseException):
            raise outcome
    return PushReport(tuple(pushed), tuple(dropped), tuple(failed), polls)


async def daily_check(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: push what is owed now."""
    report = await push_due(context.bot, base.store(context), base.library(context), base.settings(context), _now())
    if report.pushed or report.dropped or report.failed:
        _LOGGER.info(
            "daily pushes: %d chats, %d polls, %d dropped, %d failed",
            len(report.pushed), report.polls, len(report.dropped), len(report.failed),
        )


async def may_change(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Anyone in a private chat; in groups only the chat's admins (getChatMember) and the bot's admins."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or chat.type not in _GROUPS:
        return True
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous admin, posting as the group itself
    if user is None:
        return False
    if base.is_admin(context, user.id):
        return True
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        _LOGGER.warning("getChatMember failed in chat %s: %s", chat.id, error)
        return False
    return member.status in _ADMINS


def _describe(store: Store, settings: Settings, chat_id: int, now: datetime) -> tuple[str, int, str, str] | None:
    subscription = store.get_subscription(chat_id)
    if subscription is None:
        return None
    schedule = _schedule(settings, subscription)
    moment = next_push(schedule, now, store.last_push_date(chat_id))
    return format_time(schedule.at), subscription.count, schedule.timezone, moment.strftime("%Y-%m-%d %H:%M")


async def daily_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/daily HH:MM [n] subscribes, /daily shows, /daily off ends."""
    admitted = await guards.admitted(update, context)
    if admitted is None:
        return
    message, _, chat = admitted
    store, settings = base.store(context), base.settings(context)
    try:
        command = parse_daily_args(context.args or ())
    except DailyError as error:
        await message.reply_text(
            {"time": texts.DAILY_BAD_TIME, "count": texts.DAILY_BAD_COUNT}.get(error.code, texts.DAILY_USAGE)
        )
        return
    now = _now()
    if isinstance(command, DailyShow):
        shown = _describe(store, settings, chat.id, now)
        await message.reply_text(texts.daily_status(*shown) if shown else texts.DAILY_NONE)
        return
    if not await may_change(update, context):
        await message.reply_text(texts.DAILY_ADMIN_ONLY)
        return
    _remember_chat(store, message, now)
    if isinstance(command, DailyOff):
        existed = store.get_subscription(chat.id) is not None
        store.delete_subscription(chat.id)
        await message.reply_text(texts.DAILY_OFF if existed else texts.DAILY_OFF_NONE)
        return
    assert isinstance(command, DailySubscribe)
    store.set_subscription(chat.id, format_time(command.at), command.count)
    _start_tomorrow_if_past(store, Schedule(command.at, _zone_name(store, settings, chat.id)), chat.id, now)
    shown = _describe(store, settings, chat.id, now)
    assert shown is not None
    await message.reply_text(texts.daily_status(*shown, new=True))


def _start_tomorrow_if_past(store: Store, schedule: Schedule, chat_id: int, now: datetime) -> None:
    """A subscription made after today's time owes nothing today: mark today as done."""
    day: date | None = due_date(schedule, now, store.last_push_date(chat_id))
    if day is not None:
        store.claim_push(chat_id, day)


def _remember_chat(store: Store, message: Message, now: datetime) -> None:
    chat = message.chat
    store.upsert_chat(chat.id, chat.type, chat.title or chat.full_name or "", now)


async def timezone_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone shows the chat's zone; /timezone Area/City sets it (validated against the tz database)."""
    admitted = await guards.admitted(update, context)
    if admitted is None:
        return
    message, _, chat = admitted
    store, settings = base.store(context), base.settings(context)
    if not context.args:
        await message.reply_text(texts.timezone_status(_zone_name(store, settings, chat.id)))
        return
    value = " ".join(context.args)
    try:
        name = parse_timezone(value)
    except DailyError:
        await message.reply_text(texts.TIMEZONE_BAD.format(value=value))
        return
    if not await may_change(update, context):
        await message.reply_text(texts.DAILY_ADMIN_ONLY)
        return
    now = _now()
    _remember_chat(store, message, now)
    store.set_chat_timezone(chat.id, name)
    subscription = store.get_subscription(chat.id)
    if subscription is not None:  # a new zone may put today's time behind us: that owes nothing today
        _start_tomorrow_if_past(store, Schedule(parse_time(subscription.hh_mm), name), chat.id, now)
    await message.reply_text(texts.timezone_set(name))


def register(application: Application) -> None:
    """Add the /daily and /timezone handlers and the repeating push check (first run right after start-up)."""
    application.add_handler(CommandHandler("daily", daily_command, filters=base.NEW_MESSAGE))
    application.add_handler(CommandHandler("timezone", timezone_command, filters=base.NEW_MESSAGE))
    if application.job_queue is None:
        raise RuntimeError("daily pushes need python-telegram-bot[job-queue]")
    application.job_queue.run_repeating(
        daily_check, interval=CHECK_INTERVAL_SECONDS, first=FIRST_CHECK_SECONDS, name=DAILY_JOB_NAME
    )
