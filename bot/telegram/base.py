"""What every handler module shares: the services in `bot_data`, store calls off the event loop,
sending a `Reply`, who is addressed.

`context.bot_data` holds only the shared services, under the keys "library", "store", "settings"
and "metrics"; handlers reach them through the functions here so that the keys live in one place.
Every store call from a handler or job goes through `in_store`, in the store's own worker thread.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from weakref import WeakKeyDictionary

from telegram import CallbackQuery, Chat, LinkPreviewOptions, Message, MessageEntity
from telegram.constants import ParseMode
from telegram.ext import ContextTypes, filters

from bot.config import Settings
from bot.replies.render import Reply, to_html, to_markup

if TYPE_CHECKING:
    from telegram import Bot

    from bot.library import Library
    from bot.metrics import Metrics
    from bot.store import Store

__all__ = [
    "LIBRARY",
    "METRICS",
    "NEW_MESSAGE",
    "SETTINGS",
    "STORE",
    "Context",
    "addressed_question",
    "cut_echo",
    "in_store",
    "is_admin",
    "is_group",
    "library",
    "metrics",
    "on_its_message",
    "send_reply",
    "send_reply_to_chat",
    "settings",
    "store",
    "warm_library",
]

LIBRARY, STORE, SETTINGS, METRICS = "library", "store", "settings", "metrics"
Context = ContextTypes.DEFAULT_TYPE
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Every command and message handler takes only new messages: an edited message is not answered again
# (editing "/quiz 10" must not send ten more polls).
NEW_MESSAGE = filters.UpdateType.MESSAGE
ECHO_CHARS = 64  # a user's argument quoted back in a reply is cut to this many characters
# A job due while the process was busy (a slow start-up building the quiz, a loaded machine) runs
# late, once, instead of being skipped: APScheduler drops a run more than a second late by default,
# and a start-up's catch-up push would then wait for the next check.
LATE_JOB = {"misfire_grace_time": None, "coalesce": True}
log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_T = TypeVar("_T")
# One worker thread a store: its calls queue there, in order, and a call waiting out another
# process's lock holds neither the event loop nor a thread the searches need.
_store_threads: WeakKeyDictionary[Store, ThreadPoolExecutor] = WeakKeyDictionary()


def library(context: Context) -> Library:
    """The notes now in use (replaced as a whole by /reload)."""
    return context.bot_data[LIBRARY]


def store(context: Context) -> Store:
    """The store (SQLite or PostgreSQL)."""
    return context.bot_data[STORE]


def metrics(context: Context) -> Metrics:
    """What the bot counts (served on METRICS_PORT)."""
    return context.bot_data[METRICS]


def settings(context: Context) -> Settings:
    """The bot's settings."""
    return context.bot_data[SETTINGS]


async def in_store(the_store: Store, work: Callable[_P, _T], /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
    """Run ``work`` (store calls, which block: a write waits up to the busy timeout for another
    process's lock) in ``the_store``'s worker thread and wait for it without blocking the event loop."""
    thread = _store_threads.get(the_store)
    if thread is None:
        thread = _store_threads[the_store] = ThreadPoolExecutor(1, thread_name_prefix="store")
    return await asyncio.get_running_loop().run_in_executor(thread, functools.partial(work, *args, **kwargs))


def cut_echo(value: str, limit: int = ECHO_CHARS) -> str:
    """Text a reply quotes back (a user's argument, an error): at most ``limit`` characters."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


async def warm_library(fresh: Library) -> None:
    """Build the library's lazily made parts (its quiz items, its cards and the ids of both) in a
    worker thread, off the event loop: built by the first /quiz, /review, /me or daily check
    instead, a big corpus would freeze every chat for seconds."""
    await asyncio.to_thread(lambda: fresh.study_ids)


def is_admin(context: Context, user_id: int | None) -> bool:
    """Whether a user is one of the bot's admins (ADMIN_USER_IDS)."""
    return user_id is not None and user_id in settings(context).admin_user_ids


def on_its_message(query: CallbackQuery) -> bool:
    """Whether the tapped button's data is on a button of the message it came from, as Telegram sends
    that message now: a button acts only on what its message showed, never on forged data."""
    message = query.message
    if not isinstance(message, Message) or message.reply_markup is None:
        return False
    return any(button.callback_data == query.data for row in message.reply_markup.inline_keyboard for button in row)


def is_group(chat: Chat | None) -> bool:
    """Groups and supergroups (where the bot answers only when addressed)."""
    return chat is not None and chat.type in (Chat.GROUP, Chat.SUPERGROUP)


async def send_reply(message: Message, reply: Reply, **kwargs: Any) -> Message:
    """Send ``reply`` as an answer to ``message``: HTML, in its thread, quoting it in groups."""
    return await message.reply_text(
        to_html(reply),
        parse_mode=ParseMode.HTML,
        reply_markup=to_markup(reply),
        link_preview_options=NO_PREVIEW,
        # In groups, quote the question (if it was deleted meanwhile, the application's defaults
        # send the answer without the quote).
        do_quote=is_group(message.chat),
        **kwargs,
    )


async def send_reply_to_chat(bot: Bot, chat_id: int, reply: Reply, **kwargs: Any) -> Message:
    """Send ``reply`` to a chat on the bot's own initiative (a timer, a session's end): HTML, buttons."""
    return await bot.send_message(
        chat_id, to_html(reply), parse_mode=ParseMode.HTML, reply_markup=to_markup(reply),
        link_preview_options=NO_PREVIEW, **kwargs,
    )


def addressed_question(message: Message, bot_id: int, bot_username: str | None) -> str | None:
    """In a group: the question when the message mentions the bot or replies to it, else None.

    The mention itself is cut out of the question ("@notesbot 什么是容器" → "什么是容器").
    """
    text = message.text
    if not text:
        return None
    replied = message.reply_to_message
    to_bot = replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    handle = f"@{bot_username}".lower() if bot_username else None
    mentioned = False
    pieces: list[tuple[int, int]] = []
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and handle and value.lower() == handle:
            mentioned = True
            pieces.append((entity.offset, entity.length))
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            mentioned = True
            pieces.append((entity.offset, entity.length))
    if not (to_bot or mentioned):
        return None
    if pieces:
        # Offsets are in UTF-16 code units: cut there, then decode back.
        encoded = text.encode("utf-16-le")
        kept = bytearray()
        position = 0
        for offset, length in sorted(pieces):
            kept += encoded[position * 2 : offset * 2]
            position = offset + length
        kept += encoded[position * 2 :]
        text = kept.decode("utf-16-le")
    return " ".join(text.split())
