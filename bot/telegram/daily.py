"""Daily quiz pushes: /daily HH:MM [n], /daily, /daily off, /timezone Area/City, and the job that pushes.

One repeating JobQueue job checks every minute which subscriptions are owed a push by the pure rule
in ``bot.study.daily``. Each chat's push for a local date is one durable unit in the store
(`PushUnit`): claimed with its chosen items before anything is sent, then its progress recorded
after every send (the header, each poll with its record, in one transaction). So a restart needs
no rescheduling: the first check after start-up finishes a push a crash left unfinished that day
(the rest only, never the header or a poll twice) and catches up a push missed while the bot was
down that day, once. A push that a passing fault stopped (the sends' retries ran out) is finished
by a later check the same day; a chat that blocked or removed the bot is unsubscribed and marked
inactive; a refused push (400) is not tried again that day; one failing chat never stops the others.
Only a send Telegram accepted in the moment between its answer and the bot's record of it can be
sent again after a crash: the Bot API has no way to ask what arrived.

Several processes on one database (PostgreSQL) share the pushes: the claim lives in the database,
so each chat's push is claimed by one process, which holds it with a lease it renews while it runs
(`PUSH_LEASE_SECONDS`, renewed three times a lease). Another process takes a push over only once
its holder stopped renewing (it died or hangs): a check that sees pushes held elsewhere looks again
when their lease runs out, so a push a killed process left is finished within about one lease.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    TelegramError,
)
from telegram.ext import Application, CommandHandler, ContextTypes

from bot import metrics, texts
from bot.config import Settings
from bot.replies.cards import daily_cards_reply
from bot.store import PushUnit, StoreError
from bot.study.daily import (
    DailyError,
    DailyOff,
    DailyOffer,
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
from bot.study.flashcards import due_cards
from bot.study.flow import chat_learner_key, choose_items, learner_key
from bot.telegram import base, guards
from bot.telegram.base import cut_echo, in_store
from bot.telegram.quiz import send_quiz_poll

if TYPE_CHECKING:
    from telegram import Bot

    from bot.library import Library
    from bot.quiz import QuizItem
    from bot.store import PollRow, Store, Subscription

__all__ = ["CHECK_INTERVAL_SECONDS", "DAILY_JOB_NAME", "LEASE_JOB_NAME", "PushReport", "owner_of", "push_due", "register"]

_LOGGER = logging.getLogger(__name__)

CARDS_STEP = "cards"  # in a push's items: the flashcards' message (no quiz item id is this)
DAILY_JOB_NAME = "daily-pushes"
LEASE_JOB_NAME = "daily-push-leases"
RECHECK_JOB_NAME = "daily-pushes-recheck"
FIRST_CHECK_JOB_NAME = "daily-first-check"  # the check right after start-up
CHECK_INTERVAL_SECONDS = 60  # a push goes out within a minute of its time
FIRST_CHECK_SECONDS = 1  # right after start-up: the rest of a push a crash cut short, and the catch-up
PUSH_CONCURRENCY = 50  # chats pushed at once; the rate limiter paces the actual requests
_CHATS_NAMED = 20  # chats a log line names; the count says the rest
_GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)
_ADMINS = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)
# (chat, local date) of the pushes this process is sending now, per store: a check that starts
# while another is still sending (a manual run, a slow check) leaves those alone.
_sending: WeakKeyDictionary[Store, set[tuple[int, date]]] = WeakKeyDictionary()
# Who holds a push in the database: this process (host, pid and a random part, so that a restarted
# process with the same pid is someone else), one name per store it opened.
_owners: WeakKeyDictionary[Store, str] = WeakKeyDictionary()


@dataclass(frozen=True)
class PushReport:
    """What one check did: chats whose push is complete, chats dropped (blocked/removed), chats whose
    push failed (refused, or stopped by a fault and left for the next check)."""

    pushed: tuple[int, ...] = ()
    dropped: tuple[int, ...] = ()
    failed: tuple[int, ...] = ()
    polls: int = 0
    held_until: datetime | None = None  # pushes another process holds: when the first lease runs out


@dataclass
class _Progress:
    """One push as it goes out: the unit's state, advanced as each step is recorded."""

    chat_id: int
    local_date: date
    item_ids: tuple[str, ...]
    header_sent: bool
    items_done: int
    polls: int = 0

    @classmethod
    def of(cls, unit: PushUnit) -> _Progress:
        return cls(unit.chat_id, unit.local_date, unit.item_ids, unit.header_sent, unit.items_done)

    async def record(self, store: Store, *, poll: PollRow | None = None, finished: bool = False) -> None:
        """Store how far the push got (with the poll just sent); ``finished`` ends it early."""
        complete = self.header_sent and self.items_done >= len(self.item_ids)
        await in_store(
            store, store.push_progress, self.chat_id, self.local_date,
            header_sent=self.header_sent, items_done=self.items_done, finished=finished or complete, poll=poll,
        )


def _now() -> datetime:
    return datetime.now(timezone.utc)


def owner_of(store: Store) -> str:
    """The name under which this process holds pushes in `store`'s database."""
    owner = _owners.get(store)
    if owner is None:
        owner = _owners[store] = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    return owner


def _lease(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.push_lease_seconds)


def _zone_name(store: Store, settings: Settings, chat_id: int) -> str:
    chat = store.get_chat(chat_id)
    return (chat.timezone if chat is not None else None) or settings.default_timezone


def _schedule(settings: Settings, subscription: Subscription) -> Schedule:
    return Schedule(parse_time(subscription.hh_mm), subscription.timezone or settings.default_timezone)


def _learner_for(chat_id: int) -> str:
    # A private chat's id is its user's id: a private push trains that person's own cards.
    return chat_learner_key(chat_id) if chat_id < 0 else learner_key(chat_id)


def _local_today(settings: Settings, subscription: Subscription, now: datetime) -> date | None:
    """The date on the chat's wall clock at ``now`` (None for an unusable subscription)."""
    try:
        return now.astimezone(ZoneInfo(_schedule(settings, subscription).timezone)).date()
    except (DailyError, ValueError, LookupError):
        return None


def _claim_due(
    store: Store, library: Library, settings: Settings, now: datetime, sending: frozenset[tuple[int, date]]
) -> list[PushUnit]:
    """The pushes to send now (blocking store work, run in the store's thread): every unfinished push
    of a subscribed chat's current local date that no live process holds (taken, with a lease) and
    this one is not sending (``sending``), then every subscription newly due, claimed with its items
    and a lease. An unfinished push of an earlier day, or of a chat no longer subscribed, is closed."""
    subscriptions = {subscription.chat_id: subscription for subscription in store.subscriptions()}
    owner, until = owner_of(store), now + _lease(settings)
    units: list[PushUnit] = []
    for unit in store.take_pushes(owner, now, until):
        if (unit.chat_id, unit.local_date) in sending:
            continue
        subscription = subscriptions.get(unit.chat_id)
        if subscription is not None and unit.local_date == _local_today(settings, subscription, now):
            units.append(unit)
            continue
        _LOGGER.warning("daily push to chat %s for %s was left unfinished; its day is over or the chat "
                        "unsubscribed: closed", unit.chat_id, unit.local_date)
        store.push_progress(unit.chat_id, unit.local_date, header_sent=unit.header_sent,
                            items_done=unit.items_done, finished=True)
    if units:
        named = ", ".join(str(unit.chat_id) for unit in units[:_CHATS_NAMED])
        _LOGGER.info("finishing %d daily pushes a restart, a failure or a stopped process left unfinished: "
                     "chats %s%s", len(units), named, ", …" if len(units) > _CHATS_NAMED else "")
    resumed = {unit.chat_id for unit in units}
    for chat_id, subscription in subscriptions.items():
        if chat_id in resumed:
            continue
        try:
            day = due_date(_schedule(settings, subscription), now, store.last_push_date(chat_id))
        except (DailyError, ValueError, LookupError) as error:  # a bad row must not stop the others
            _LOGGER.error("daily subscription of chat %s is unusable: %s", chat_id, error)
            continue
        if day is None:
            continue
        # Not a poll still waiting in the chat (a private chat's own user; in a group, anyone's).
        waiting_for = chat_id if chat_id > 0 else None
        items: tuple[QuizItem, ...] = ()
        if subscription.offer in ("polls", "both"):
            items = choose_items(library.quiz_items, store, _learner_for(chat_id), now, subscription.count,
                                 chat_id, waiting_for)
        item_ids = tuple(item.id for item in items)
        if subscription.offer in ("cards", "both") and library.cards:
            item_ids += (CARDS_STEP,)  # the flashcards' message: one step of the durable push
        if store.start_push(chat_id, day, item_ids, owner=owner, until=until) and item_ids:
            units.append(PushUnit(chat_id, day, item_ids, header_sent=False, items_done=0, finished=False))
    return units


async def _send_cards(bot: Bot, store: Store, library: Library, chat_id: int, now: datetime) -> None:
    """A daily push's flashcards: in a private chat how many are due and a button that starts the
    review; in a group a link to the private chat, where each member reviews their own."""
    due: int | None = None
    if chat_id > 0:
        states = await in_store(store, store.get_cards, learner_key(chat_id))
        cards = library.cards
        due = len(due_cards(cards, states, now, len(cards)))
    await base.send_reply_to_chat(bot, chat_id, daily_cards_reply(due, bot.username))


async def _send_rest(
    bot: Bot, store: Store, items: Mapping[str, QuizItem], push: _Progress, now: datetime, notes: str,
    library: Library,
) -> None:
    """Send what the push has not sent yet: the header unless it went out, then the remaining polls
    (recorded with the notes folder they are from)."""
    polls = sum(1 for item_id in push.item_ids if item_id != CARDS_STEP)
    if not push.header_sent:
        header = texts.DAILY_PUSH_HEADER.format(count=polls) if polls else texts.DAILY_CARDS_HEADER
        await bot.send_message(chat_id=push.chat_id, text=header)
        push.header_sent = True
        await push.record(store)
    while push.items_done < len(push.item_ids):
        if push.item_ids[push.items_done] == CARDS_STEP:
            await _send_cards(bot, store, library, push.chat_id, now)
            push.items_done += 1
            await push.record(store)
            continue
        item = items.get(push.item_ids[push.items_done])
        if item is None:
            _LOGGER.info("daily push to chat %s: item %s is no longer in the notes; skipped",
                         push.chat_id, push.item_ids[push.items_done])
        poll = await send_quiz_poll(bot, push.chat_id, item, "daily", now, notes=notes) if item is not None else None
        push.items_done += 1
        push.polls += poll is not None
        await push.record(store, poll=poll)


async def push_due(
    bot: Bot,
    store: Store,
    library: Library,
    settings: Settings,
    now: datetime,
    concurrency: int = PUSH_CONCURRENCY,
) -> PushReport:
    """Send every push owed at ``now`` (see the module docstring), at most ``concurrency`` chats at once.

    A `StoreError` is raised once the other chats' pushes are done: the bot must not go on without
    its database."""
    sending = _sending.setdefault(store, set())
    units = await in_store(store, _claim_due, store, library, settings, now, frozenset(sending))
    held_until = await in_store(store, store.held_elsewhere, owner_of(store), now)
    if not units:
        return PushReport(held_until=held_until)
    mine = {(unit.chat_id, unit.local_date) for unit in units}
    sending |= mine
    try:
        report = await _push_all(bot, store, library, units, now, concurrency)
    finally:
        sending -= mine
    return replace(report, held_until=held_until)


async def _push_all(
    bot: Bot, store: Store, library: Library, units: list[PushUnit], now: datetime, concurrency: int
) -> PushReport:
    """Send the rest of each push, at most ``concurrency`` chats at once."""
    items = {item.id: item for item in library.quiz_items}
    gate = asyncio.Semaphore(max(1, concurrency))
    pushed: list[int] = []
    dropped: list[int] = []
    failed: list[int] = []
    polls = 0

    async def one(push: _Progress) -> None:
        nonlocal polls
        async with gate:
            for _attempt in range(2):  # a group that became a supergroup is pushed on at its new id
                try:
                    await _send_rest(bot, store, items, push, now, library.notes_key, library)
                    pushed.append(push.chat_id)
                except ChatMigrated as error:
                    _LOGGER.info("chat %s became supergroup %s: subscription moved", push.chat_id, error.new_chat_id)
                    # the day's push and its progress move along too
                    await in_store(store, store.migrate_chat, push.chat_id, error.new_chat_id)
                    push.chat_id = error.new_chat_id
                    continue
                except Forbidden as error:
                    _LOGGER.info("chat %s blocked or removed the bot (%s): unsubscribed", push.chat_id, error.message)
                    await in_store(store, store.delete_subscription, push.chat_id)
                    await in_store(store, store.set_chat_active, push.chat_id, False)
                    await push.record(store, finished=True)
                    dropped.append(push.chat_id)
                except BadRequest as error:  # e.g. "chat not found": trying again would not help
                    _LOGGER.warning("daily push to chat %s refused: %s", push.chat_id, error)
                    await push.record(store, finished=True)
                    failed.append(push.chat_id)
                except TelegramError as error:  # the sends' retries ran out: the next check goes on
                    _LOGGER.warning("daily push to chat %s stopped (%s); the next check sends the rest",
                                    push.chat_id, error)
                    failed.append(push.chat_id)
                except StoreError:
                    # The database is unusable: a poll may have gone out unrecorded. Not one chat's
                    # problem: raised to the error handlers, which stop the bot (`notesbot run`).
                    failed.append(push.chat_id)
                    raise
                except Exception:  # one chat's bug must not stop the others, nor come back every minute
                    _LOGGER.exception("daily push to chat %s failed", push.chat_id)
                    await push.record(store, finished=True)
                    failed.append(push.chat_id)
                finally:
                    polls += push.polls
                    push.polls = 0
                return
            failed.append(push.chat_id)  # moved twice in one push

    outcomes = await asyncio.gather(*(one(_Progress.of(unit)) for unit in units), return_exceptions=True)
    for outcome in outcomes:  # the other chats' pushes have finished; now the store's failure surfaces
        if isinstance(outcome, BaseException):
            raise outcome
    return PushReport(tuple(pushed), tuple(dropped), tuple(failed), polls)


async def daily_check(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The repeating job: push what is owed now; look again when pushes another process holds are free."""
    report = await push_due(context.bot, base.store(context), base.library(context), base.settings(context), _now())
    if report.pushed or report.dropped or report.failed:
        _LOGGER.info(
            "daily pushes: %d chats, %d polls, %d dropped, %d failed",
            len(report.pushed), report.polls, len(report.dropped), len(report.failed),
        )
    metrics.pushes(base.metrics(context), sent=len(report.pushed), failed=len(report.failed) + len(report.dropped))
    job_queue = context.job_queue
    if report.held_until is not None and job_queue is not None and not job_queue.get_jobs_by_name(RECHECK_JOB_NAME):
        wait = (report.held_until - _now()).total_seconds() + 1
        job_queue.run_once(daily_check, when=max(1.0, wait), name=RECHECK_JOB_NAME, job_kwargs=base.LATE_JOB)


async def renew_leases(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The heartbeat: extend the lease of every push this process holds, and forget updates handled
    more than a day ago (Telegram redelivers none older)."""
    store, settings = base.store(context), base.settings(context)
    now = _now()
    await in_store(store, store.renew_leases, owner_of(store), now + _lease(settings))
    await in_store(store, store.forget_deliveries, now - timedelta(days=1))


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


def _describe(
    store: Store, settings: Settings, chat_id: int, now: datetime
) -> tuple[str, int, str, str, str] | None:
    subscription = store.get_subscription(chat_id)
    if subscription is None:
        return None
    schedule = _schedule(settings, subscription)
    moment = next_push(schedule, now, store.last_push_date(chat_id))
    return (format_time(schedule.at), subscription.count, schedule.timezone, moment.strftime("%Y-%m-%d %H:%M"),
            subscription.offer)


def _subscribe(
    store: Store, settings: Settings, chat_id: int, at: time, count: int, now: datetime, offer: str = "polls"
) -> None:
    store.set_subscription(chat_id, format_time(at), count, offer)
    _start_tomorrow_if_past(store, Schedule(at, _zone_name(store, settings, chat_id)), chat_id, now)


def _change_offer(store: Store, chat_id: int, offer: str) -> bool:
    """What the chat's push offers from now on; False when it has no subscription."""
    subscription = store.get_subscription(chat_id)
    if subscription is None:
        return False
    store.set_subscription(chat_id, subscription.hh_mm, subscription.count, offer)
    return True


def _unsubscribe(store: Store, chat_id: int) -> bool:
    existed = store.get_subscription(chat_id) is not None
    store.delete_subscription(chat_id)
    return existed


def _set_zone(store: Store, chat_id: int, name: str, now: datetime) -> None:
    store.set_chat_timezone(chat_id, name)
    subscription = store.get_subscription(chat_id)
    if subscription is not None:  # a new zone may put today's time behind us: that owes nothing today
        _start_tomorrow_if_past(store, Schedule(parse_time(subscription.hh_mm), name), chat_id, now)


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
        shown = await in_store(store, _describe, store, settings, chat.id, now)
        await message.reply_text(texts.daily_status(*shown) if shown else texts.DAILY_NONE)
        return
    if not await may_change(update, context):
        await message.reply_text(texts.DAILY_ADMIN_ONLY)
        return
    await _remember_chat(store, message, now)
    if isinstance(command, DailyOff):
        existed = await in_store(store, _unsubscribe, store, chat.id)
        await message.reply_text(texts.DAILY_OFF if existed else texts.DAILY_OFF_NONE)
        return
    if isinstance(command, DailyOffer):
        if not await in_store(store, _change_offer, store, chat.id, command.offer):
            await message.reply_text(texts.DAILY_NONE)
            return
        shown = await in_store(store, _describe, store, settings, chat.id, now)
        assert shown is not None
        await message.reply_text(texts.daily_status(*shown))
        return
    assert isinstance(command, DailySubscribe)
    await in_store(store, _subscribe, store, settings, chat.id, command.at, command.count, now, command.offer)
    shown = await in_store(store, _describe, store, settings, chat.id, now)
    assert shown is not None
    await message.reply_text(texts.daily_status(*shown, new=True))


def _start_tomorrow_if_past(store: Store, schedule: Schedule, chat_id: int, now: datetime) -> None:
    """A subscription made after today's time owes nothing today: mark today as done."""
    day: date | None = due_date(schedule, now, store.last_push_date(chat_id))
    if day is not None:
        store.claim_push(chat_id, day)


async def _remember_chat(store: Store, message: Message, now: datetime) -> None:
    chat = message.chat
    await in_store(store, store.upsert_chat, chat.id, chat.type, chat.title or chat.full_name or "", now)


async def timezone_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timezone shows the chat's zone; /timezone Area/City sets it (validated against the tz database)."""
    admitted = await guards.admitted(update, context)
    if admitted is None:
        return
    message, _, chat = admitted
    store, settings = base.store(context), base.settings(context)
    if not context.args:
        await message.reply_text(texts.timezone_status(await in_store(store, _zone_name, store, settings, chat.id)))
        return
    value = " ".join(context.args)
    try:
        name = parse_timezone(value)
    except DailyError:
        await message.reply_text(texts.TIMEZONE_BAD.format(value=cut_echo(value)))
        return
    if not await may_change(update, context):
        await message.reply_text(texts.DAILY_ADMIN_ONLY)
        return
    now = _now()
    await _remember_chat(store, message, now)
    await in_store(store, _set_zone, store, chat.id, name, now)
    offset = now.astimezone(ZoneInfo(name)).strftime("%z")
    await message.reply_text(texts.timezone_set(name, f"UTC{offset[:3]}:{offset[3:]}"))


def register(application: Application) -> None:
    """Add the /daily and /timezone handlers and the repeating push check (first run right after start-up)."""
    application.add_handler(CommandHandler("daily", daily_command, filters=base.NEW_MESSAGE))
    application.add_handler(CommandHandler("timezone", timezone_command, filters=base.NEW_MESSAGE))
    if application.job_queue is None:
        raise RuntimeError("daily pushes need python-telegram-bot[job-queue]")
    # The first check on its own: an interval's first run due before a slow start-up ends (the
    # quiz built from large notes) is skipped by its trigger, not run late, and would wait a minute.
    application.job_queue.run_once(daily_check, when=FIRST_CHECK_SECONDS, name=FIRST_CHECK_JOB_NAME, job_kwargs=base.LATE_JOB)
    application.job_queue.run_repeating(
        daily_check, interval=CHECK_INTERVAL_SECONDS, first=CHECK_INTERVAL_SECONDS, name=DAILY_JOB_NAME, job_kwargs=base.LATE_JOB
    )
    lease = application.bot_data[base.SETTINGS].push_lease_seconds
    application.job_queue.run_repeating(
        renew_leases, interval=lease / 3, first=lease / 3, name=LEASE_JOB_NAME, job_kwargs=base.LATE_JOB
    )
