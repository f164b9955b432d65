"""/report [days]: the report for the notes' author (`bot.report`), for the bot's admins only
(ADMIN_USER_IDS), and only in private: it holds what everyone asked."""

from __future__ import annotations

from datetime import datetime, timezone

from telegram import Update
from telegram.constants import MessageLimit

from bot import texts
from bot.replies.render import Reply
from bot.report import DEFAULT_DAYS, build_report, report_text
from bot.telegram.base import (
    Context,
    in_store,
    is_admin,
    is_group,
    library,
    send_reply,
    settings,
    store,
)
from bot.telegram.guards import allow

__all__ = ["on_report", "pieces"]

_MAX_DAYS = 365


def pieces(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """The text in messages of at most `limit` characters, cut between lines (a longer line is cut)."""
    messages: list[str] = []
    current = ""
    for line in text.split("\n"):
        for start in range(0, max(len(line), 1), limit):
            chunk = line[start : start + limit]
            if current and len(current) + 1 + len(chunk) > limit:
                messages.append(current)
                current = chunk
            else:
                current = f"{current}\n{chunk}" if current else chunk
    return [*messages, current] if current else messages


async def on_report(update: Update, context: Context) -> None:
    """/report [days]: admins, in private."""
    message, user = update.effective_message, update.effective_user
    if message is None or not await allow(update, context):
        return
    if not is_admin(context, user.id if user else None):
        await send_reply(message, Reply.text(texts.REPORT_FORBIDDEN))
        return
    if is_group(message.chat):
        await send_reply(message, Reply.text(texts.REPORT_PRIVATE_ONLY))
        return
    days = DEFAULT_DAYS
    if context.args:
        value = context.args[0]
        if len(context.args) > 1 or not value.isdecimal() or not 1 <= int(value) <= _MAX_DAYS:
            await send_reply(message, Reply.text(texts.REPORT_USAGE.format(days=DEFAULT_DAYS)))
            return
        days = int(value)
    the_store = store(context)
    report = await in_store(the_store, build_report, the_store, library(context), datetime.now(timezone.utc), days,
                            kept=settings(context).keep_questions)
    for piece in pieces(report_text(report)):
        await message.reply_text(piece)
