"""Handlers that guard the others: chats seen, the per-user flood limit, non-text messages, membership.

`remember_chat` runs before everything else (handler group -1) and records the chat in the store;
`allow` is called by every handler that answers, so chatter the bot ignores never counts.
"""

from __future__ import annotations

import logging
import time
from collections import deque

from telegram import ChatMember, Update

from bot import texts
from bot.telegram.base import Context, is_group, send_reply, store
from bot.telegram.render import Reply

__all__ = ["FloodWindow", "allow", "on_migrate", "on_my_chat_member", "on_non_text", "remember_chat"]

log = logging.getLogger(__name__)
_WINDOW_SECONDS = 60.0
_FLOOD_KEY = "flood"
_INLINE_FLOOD_KEY = "flood_inline"
_INLINE_FACTOR = 3


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


async def allow(update: Update, context: Context) -> bool:
    """Whether to answer this user now; over the limit, a polite reply once, then silence."""
    user = update.effective_user
    if user is None or context.user_data is None:
        return True
    limit = context.bot_data["settings"].flood_limit_per_minute
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


async def remember_chat(update: Update, context: Context) -> None:
    """Record every chat the bot hears from (handler group -1, before the others)."""
    chat = update.effective_chat
    if chat is None or update.my_chat_member is not None:
        return
    store(context).see_chat(chat.id, chat.type, chat.title or chat.username or chat.full_name)


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
    the_store.see_chat(chat.id, chat.type, chat.title or chat.username or chat.full_name)
    the_store.set_chat_active(chat.id, active)


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
    if store(context).migrate_chat(old, new):
        log.info("chat %s became supergroup %s: its data moved along", old, new)
