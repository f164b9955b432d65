"""Handlers that guard the others: chats seen, the per-user flood limit, non-text messages, membership.

`remember_chat` runs before everything else (handler group -1) and records the chat in the store;
`allow` is called by every handler that does work for a person (commands, questions, buttons,
inline queries) before doing it, so chatter the bot ignores never counts; only questions count
against the limit (text, /ask, inline queries, other messages), never commands or button taps; the
bare acknowledgement of an unknown button or an empty inline query costs nothing and is not counted. Poll answers,
membership changes and group migrations answer nobody and are not limited.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from telegram import Chat, ChatMember, Message, MessageEntity, Update, User

from bot import texts
from bot.replies.render import Reply
from bot.telegram.base import Context, in_store, is_group, send_reply, settings, store

if TYPE_CHECKING:
    from bot.store import Store

__all__ = [
    "FloodWindow",
    "admitted",
    "allow",
    "forget_chat",
    "on_migrate",
    "on_my_chat_member",
    "on_non_text",
    "remember_chat",
]

log = logging.getLogger(__name__)
_WINDOW_SECONDS = 60.0
_FLOOD_KEY = "flood"
_INLINE_FLOOD_KEY = "flood_inline"
_INLINE_FACTOR = 3
_REFRESH_SECONDS = 300.0  # a chat's last_seen is written at most this often
# chat id → (type, title, time.monotonic() of the last write), per store (tests run several stores)
_seen: WeakKeyDictionary[Store, dict[int, tuple[str, str, float]]] = WeakKeyDictionary()


class FloodWindow:
    """Times of one user's recent requests within a sliding minute, and whether they were warned."""

    def __init__(self) -> None:
        self.times: deque[float] = deque()
        self.warned = False

    def admit(self, now: float, limit: int) -> bool:
        """Count a request at ``now``; False when it goes over ``limit`` in the last minute."""
        while self.times and now - self.times[0] >= _WINDOW_SECONDS:
            self.times.popleft()
        if len(self.times) >= limit:
            return False
        self.times.append(now)
        self.warned = False
        return True


def _counted(update: Update) -> bool:
    """Whether the flood limit counts this update: questions (text, /ask, inline queries) and other
    messages do; commands and button taps do not (a learner going through a quiz or a review taps
    and types commands fast, and each answer is small)."""
    if update.callback_query is not None:
        return False
    message = update.effective_message
    if update.inline_query is not None or message is None or not message.text:
        return True
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    first = min(commands, key=lambda entity: entity.offset, default=None)
    if first is None or first.offset != 0:
        return True
    return commands[first][1:].split("@", 1)[0].lower() == "ask"


async def allow(update: Update, context: Context) -> bool:
    """Whether to answer this user now; over the limit, a polite reply once, then silence. Only
    questions count (`_counted`)."""
    user = update.effective_user
    if user is None or context.user_data is None or not _counted(update):
        return True
    limit = settings(context).flood_limit_per_minute
    key = _FLOOD_KEY
    if update.inline_query is not None:  # one per keystroke while typing: its own, larger budget
        key, limit = _INLINE_FLOOD_KEY, limit * _INLINE_FACTOR
    window = context.user_data.get(key)
    if not isinstance(window, FloodWindow):
        window = context.user_data[key] = FloodWindow()
    if window.admit(time.monotonic(), limit):
        return True
    log.info("flood limit: user %s", user.id)
    if not window.warned:
        window.warned = True
        if update.callback_query is not None:
            await update.callback_query.answer(texts.FLOOD)
        elif update.inline_query is None and update.effective_message is not None:
            await send_reply(update.effective_message, Reply.text(texts.FLOOD))
    elif update.callback_query is not None:
        await update.callback_query.answer()
    return False


def _title(chat: Chat) -> str:
    return chat.title or chat.username or chat.full_name or ""


async def admitted(update: Update, context: Context) -> tuple[Message, User, Chat] | None:
    """A command's message, sender and chat, once `allow` let it through; None when one is missing or
    the sender is over the flood limit (then nothing more is to be done)."""
    message, user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or user is None or chat is None or not await allow(update, context):
        return None
    return message, user, chat


async def remember_chat(update: Update, context: Context) -> None:
    """Record every chat the bot hears from (handler group -1, before the others).

    The store is written (a synced transaction, in the store's thread) only when the chat is new to
    this process, its type or title changed, or its last write is older than `_REFRESH_SECONDS`;
    not on every update."""
    chat = update.effective_chat
    if chat is None or update.my_chat_member is not None:
        return
    the_store = store(context)
    seen = _seen.setdefault(the_store, {})
    title, moment = _title(chat), time.monotonic()
    known = seen.get(chat.id)
    if known is not None and known[:2] == (chat.type, title) and moment - known[2] < _REFRESH_SECONDS:
        return
    await in_store(the_store, the_store.upsert_chat, chat.id, chat.type, title, datetime.now(timezone.utc))
    seen[chat.id] = (chat.type, title, moment)


def forget_chat(the_store: Store, chat_id: int) -> None:
    """Drop what `remember_chat` knows of a chat (marked inactive): its next update writes it again."""
    _seen.get(the_store, {}).pop(chat_id, None)


async def on_non_text(update: Update, context: Context) -> None:
    """A sticker, photo, voice… in private: a short friendly word. In groups: silence."""
    message = update.effective_message
    if message is None or is_group(message.chat):
        return
    if await allow(update, context):
        await send_reply(message, Reply.text(texts.NON_TEXT))


_GONE = {ChatMember.LEFT, ChatMember.BANNED}


async def on_my_chat_member(update: Update, context: Context) -> None:
    """The bot was blocked, kicked or added back: mark the chat inactive or active."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    active = change.new_chat_member.status not in _GONE
    log.info("chat %s: bot is now %s", chat.id, change.new_chat_member.status)
    the_store = store(context)
    await in_store(the_store, the_store.upsert_chat, chat.id, chat.type, _title(chat), datetime.now(timezone.utc))
    await in_store(the_store, the_store.set_chat_active, chat.id, active)
    forget_chat(the_store, chat.id)


async def on_migrate(update: Update, context: Context) -> None:
    """A group became a supergroup (a new chat id): its subscription, zone, scores and cards move along.

    Telegram says so twice, ``migrate_to_chat_id`` in the old chat and ``migrate_from_chat_id`` in
    the new one; the second finds nothing left to move."""
    message = update.effective_message
    if message is None:
        return
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    the_store = store(context)
    if await in_store(the_store, the_store.migrate_chat, old, new):
        log.info("chat %s became supergroup %s: its data moved along", old, new)
