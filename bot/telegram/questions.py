"""Handlers for questions: private text, /ask, mentions and replies in groups, buttons under answers.

Each reads the update, asks `bot.replies` for the reply, and sends it; feedback taps are
stored. The search itself runs in a worker thread so a slow question never blocks other chats. A
button acts only when its data is on the message it came from (`on_its_message`).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import replies, texts
from bot.replies.render import Reply, to_html, to_markup
from bot.search.answer import Answer, NotFound
from bot.telegram.base import (
    NO_PREVIEW,
    Context,
    addressed_question,
    in_store,
    library,
    metrics,
    on_its_message,
    send_reply,
    settings,
    store,
)
from bot.telegram.guards import allow

__all__ = ["on_ask", "on_group_text", "on_private_text", "on_tap"]

log = logging.getLogger(__name__)


async def _answer(update: Update, context: Context, message: Message, question: str) -> None:
    """Reply to ``question`` within the flood limit: how to ask when it is empty, else the notes' answer
    (`replies.question_reply` also turns away an overlong text)."""
    if not await allow(update, context):
        return
    if not question:
        await send_reply(message, Reply.text(texts.ASK_USAGE))
        return
    if replies.is_greeting(question):  # 你好, hi, 谢谢: a short introduction, never "not in the notes"
        await send_reply(message, await asyncio.to_thread(replies.greeting_reply, library(context), question))
        return
    reply, result = await asyncio.to_thread(replies.answered, library(context), question)
    await send_reply(message, reply)
    if result is None:
        return
    refused = isinstance(result, NotFound)
    metrics(context).questions.labels("refused" if refused else "answered").inc()
    if settings(context).keep_questions:
        if context.application.running:  # on the side: the chat's next update need not wait for it
            context.application.create_task(_keep(context, result), update=update, name="keep a question")
        else:  # stopping: a task made now would never be awaited
            await _keep(context, result)


async def _keep(context: Context, result: Answer | NotFound) -> None:
    """Keep the question for the notes' author (KEEP_QUESTIONS): whether it was refused, its answer's
    passage or the unwritten chapters it asked about."""
    refused = isinstance(result, NotFound)
    the_store = store(context)
    await in_store(
        the_store, the_store.record_question, result.question, refused=refused,
        passage_key=None if isinstance(result, NotFound) else f"{result.best.passage.file}:{result.best.passage.line}",
        unwritten=[texts.section_label(section.path) for section in result.unwritten] if isinstance(result, NotFound) else [],
        now=datetime.now(timezone.utc),
    )


async def on_private_text(update: Update, context: Context) -> None:
    """Private chat: any text that is not a command is a question."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await _answer(update, context, message, message.text.strip())


async def on_ask(update: Update, context: Context) -> None:
    """/ask <问题>, in any chat."""
    message = update.effective_message
    if message is None or not message.text:
        return
    parts = message.text.split(maxsplit=1)
    await _answer(update, context, message, parts[1].strip() if len(parts) > 1 else "")


async def on_group_text(update: Update, context: Context) -> None:
    """Groups: answer messages that mention the bot or reply to it; stay silent on other chatter."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_question(message, context.bot.id, context.bot.username)
    if question is None:
        return
    await _answer(update, context, message, question)


async def on_tap(update: Update, context: Context) -> None:
    """A button under an answer: show a related passage (editing the message) or store feedback."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    tap = replies.parse_tap(query.data)
    if tap is None or not on_its_message(query):
        await query.answer(texts.STALE_BUTTON)
        return
    if not await allow(update, context):
        return
    current = library(context)
    if tap.kind == "feedback":
        if not replies.is_current(current.corpus, tap.fingerprint) or not 0 <= tap.passage < len(current.corpus.passages):
            await query.answer(texts.STALE_BUTTON)
            return
        passage = current.corpus.passages[tap.passage]
        shown = query.message if isinstance(query.message, Message) else None
        the_store = store(context)
        await in_store(
            the_store,
            the_store.add_feedback,
            chat_id=shown.chat_id if shown else query.from_user.id,
            user_id=query.from_user.id,
            passage_key=f"{passage.file}:{passage.line}",
            # the question it answered, unless questions are not kept
            question=(replies.question_from_text(shown.text if shown else None) or "")
            if settings(context).keep_questions else "",
            helpful=tap.helpful,
            now=datetime.now(timezone.utc),
        )
        await query.answer(texts.FEEDBACK_THANKS if tap.helpful else texts.FEEDBACK_SORRY)
        return
    message = query.message
    question = replies.question_from_text(message.text if isinstance(message, Message) else None)
    reply = await asyncio.to_thread(replies.tap_reply, current, tap, question)
    if reply is None:
        await query.answer(texts.STALE_BUTTON, show_alert=True)
        return
    await query.answer()
    try:
        await query.edit_message_text(
            to_html(reply), parse_mode=ParseMode.HTML, reply_markup=to_markup(reply), link_preview_options=NO_PREVIEW
        )
    except BadRequest as error:  # the same passage tapped twice: "message is not modified"
        if "not modified" not in error.message.lower():
            raise
