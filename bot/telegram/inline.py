"""Inline mode: `@bot 问题` in any chat offers the best passages from the notes as articles."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit, ParseMode

from bot import replies, texts
from bot.replies.render import to_html
from bot.telegram.base import NO_PREVIEW, Context, library
from bot.telegram.guards import allow

__all__ = ["INLINE_RESULTS", "on_inline_query"]

log = logging.getLogger(__name__)
INLINE_RESULTS = min(10, InlineQueryLimit.RESULTS)
_TITLE_CHARS = 60
_DESCRIPTION_CHARS = 120


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


async def on_inline_query(update: Update, context: Context) -> None:
    """Answer an inline query with up to ten passages; each, when chosen, posts that passage."""
    query = update.inline_query
    if query is None:
        return
    text = query.query.strip()
    if not text:
        await query.answer([], cache_time=300)
        return
    if not await allow(update, context):
        await query.answer([], cache_time=0, is_personal=True)
        return
    current = library(context)
    hits = await asyncio.to_thread(replies.inline_hits, current, text, INLINE_RESULTS)
    corpus = current.corpus
    results = []
    titles = replies.inline_titles([hit.passage for hit in hits[:INLINE_RESULTS]], _TITLE_CHARS)
    for hit, title in zip(hits[:INLINE_RESULTS], titles):
        passage = hit.passage
        reply = replies.passage_reply(corpus, passage.id, question=text, matched=hit.matched)
        results.append(
            InlineQueryResultArticle(
                id=f"{corpus.fingerprint[:8]}-{passage.id}",
                title=title,
                description=_cut(passage.text, _DESCRIPTION_CHARS),
                input_message_content=InputTextMessageContent(
                    to_html(reply), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
                ),
            )
        )
    # Nothing found: no article (it would post a refusal into the chat), but a button to the bot.
    button = None if results else InlineQueryResultsButton(text=texts.INLINE_NOTHING, start_parameter="inline")
    await query.answer(results, cache_time=60, is_personal=False, button=button)
