"""/review: the notes' flashcards in a private chat, one card at a time, Anki's way.

The front with a 显示答案 button; tapped, the message shows the back with 忘了 / 困难 / 记得 / 简单
(FSRS Again / Hard / Good / Easy); a rating moves the learner's card in the store (beside the quiz
items' cards) and brings the next due card, then a summary. A button acts only when its data is
well formed, on its own message, of a card the notes still have, tapped by that chat's learner, and
the card's state is still the one shown (`state_token`): otherwise it is answered as out of date
and changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.replies.cards import (
    REVIEW_PREFIX,
    REVIEW_START,
    SHOW,
    CardTap,
    back_reply,
    front_reply,
    parse_card_tap,
    rated_reply,
)
from bot.replies.render import Reply, to_html, to_markup
from bot.study.counts import MAX_COUNT, CountError, parse_count
from bot.study.flashcards import RATINGS, due_cards, rate_card, state_token
from bot.study.flow import learner_key
from bot.study.review import card_due
from bot.telegram import base, guards
from bot.telegram.base import NO_PREVIEW, in_store

if TYPE_CHECKING:
    from telegram import Bot

    from bot.library import Library
    from bot.store import Store

__all__ = ["register", "send_next_card"]

_LOGGER = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(timezone.utc)


async def send_next_card(
    bot: Bot, store: Store, library: Library, chat_id: int, user_id: int,
    counts: tuple[int, int, int, int] = (0, 0, 0, 0), left: int = MAX_COUNT,
) -> None:
    """The learner's next due card (front and 显示答案), or the review's summary when none is left."""
    key = learner_key(user_id)
    states = await in_store(store, store.get_cards, key)
    due = due_cards(library.cards, states, _now(), 1, key) if left > 0 else ()
    if not due:
        text = texts.cards_summary(*counts) if any(counts) else texts.CARDS_NONE_DUE
        await bot.send_message(chat_id, text)
        return
    (card,) = due
    tap = CardTap(SHOW, card.id, state_token(states.get(card.id)), counts, left - 1)
    reply = front_reply(card, tap)
    await bot.send_message(chat_id, to_html(reply), parse_mode=ParseMode.HTML, reply_markup=to_markup(reply),
                           link_preview_options=NO_PREVIEW)


async def review_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/review [n]: up to n due flashcards (1–10, default 10), in a private chat."""
    asked = await guards.admitted(update, context)
    if asked is None:
        return
    message, user, chat = asked
    if base.is_group(chat):
        await message.reply_text(texts.REVIEW_PRIVATE_ONLY)
        return
    words = [word for word in context.args or () if word.strip()]
    try:
        if len(words) > 1:
            raise CountError(" ".join(words))
        count = parse_count(words[0]) if words else MAX_COUNT
    except CountError:
        await message.reply_text(texts.REVIEW_USAGE)
        return
    library = base.library(context)
    if not library.cards:
        await message.reply_text(texts.REVIEW_NO_CARDS)
        return
    await send_next_card(context.bot, base.store(context), library, chat.id, user.id, left=count)


async def card_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """显示答案, or a rating: checked (see the module docstring), then the back or the next card."""
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    if not await guards.allow(update, context):
        return
    tap = parse_card_tap(query.data)
    message = query.message
    library, store = base.library(context), base.store(context)
    cards = library.cards
    card = next((c for c in cards if tap is not None and c.id == tap.card_id), None)
    if (
        tap is None or card is None or not isinstance(message, Message) or not base.on_its_message(query)
        or message.chat.id != query.from_user.id
    ):
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    key = learner_key(query.from_user.id)
    state = (await in_store(store, store.get_cards, key)).get(card.id)
    if state_token(state) != tap.token:
        _LOGGER.info("card %s: a button of a state no longer current; ignored", card.id)
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    if tap.rating == SHOW:
        await _edit(query.message, back_reply(card, tap))
        await query.answer()
        return
    now = _now()
    fresh = rate_card(state, RATINGS[tap.rating - 1], now)
    await in_store(store, store.put_card, key, card.id, fresh, card_due(fresh), now)
    await _edit(message, rated_reply(card, tap.rating))
    await query.answer()
    counts = list(tap.counts)
    counts[tap.rating - 1] += 1
    await send_next_card(context.bot, store, library, message.chat.id, query.from_user.id,
                         (counts[0], counts[1], counts[2], counts[3]), tap.left)


async def start_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A daily push's 开始复习 button (private chats): the review starts for the learner who tapped."""
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    if not await guards.allow(update, context):
        return
    message = query.message
    if not isinstance(message, Message) or not base.on_its_message(query) or message.chat.id != query.from_user.id:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    await send_next_card(context.bot, base.store(context), base.library(context), message.chat.id, query.from_user.id)


async def _edit(message: Message, reply: Reply) -> None:
    await message.edit_text(to_html(reply), parse_mode=ParseMode.HTML, reply_markup=to_markup(reply),
                            link_preview_options=NO_PREVIEW)


def register(application: Application) -> None:
    """Add this module's handlers to the application."""
    application.add_handler(CommandHandler("review", review_command, filters=base.NEW_MESSAGE))
    application.add_handler(CallbackQueryHandler(start_button, pattern=f"^{REVIEW_START}$"))
    application.add_handler(CallbackQueryHandler(card_button, pattern=f"^{REVIEW_PREFIX}"))
