"""Handlers for /start, /help, /toc and /reload (admins: re-read the notes without a restart).

/reload swaps the notes only when the new ones hold passages; it names the files it left out
because they are not UTF-8 text, and otherwise keeps the notes in use."""

from __future__ import annotations

import asyncio
import logging

from telegram import MessageEntity, Update
from telegram.ext import Application, CommandHandler

from bot import replies, texts
from bot.replies.render import Reply
from bot.telegram.base import (
    LIBRARY,
    Context,
    cut_echo,
    is_admin,
    is_group,
    library,
    send_reply,
    settings,
    store,
    warm_library,
)
from bot.telegram.guards import allow
from bot.telegram.review import send_next_card

__all__ = [
    "on_help",
    "on_reload",
    "on_start",
    "on_toc",
    "on_unknown_button",
    "on_unknown_command",
    "registered_commands",
]

log = logging.getLogger(__name__)
_ERROR_CHARS = 1000  # a failed /reload's reason, as the admin is told it


def registered_commands(application: Application) -> set[str]:
    """Every command a CommandHandler of the application answers."""
    return {
        command
        for handlers in application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }


async def _help(update: Update, context: Context) -> Reply:
    """The help for where it was asked: a group or a private chat, an admin or not, the commands
    the application has, an example question the notes answer."""
    user = update.effective_user
    examples = await asyncio.to_thread(replies.example_questions, library(context), 1)
    return replies.help_reply(
        context.bot.username,
        is_admin(context, user.id if user else None),
        "group" if is_group(update.effective_chat) else "private",
        registered_commands(context.application),
        *examples[:1],
    )


async def on_start(update: Update, context: Context) -> None:
    """/start: what the bot is and how to use it, then every command that works in this chat."""
    message = update.effective_message
    if message is None or not await allow(update, context):
        return
    user = update.effective_user
    if context.args == ["review"] and user is not None and not is_group(message.chat):
        # the link under a group's daily flashcards: the review starts in the private chat
        await send_next_card(context.bot, store(context), library(context), message.chat.id, user.id)
        return
    reply = replies.start_reply(library(context).corpus)
    help_part = await _help(update, context)
    await send_reply(message, Reply(reply.lines + ((),) + help_part.lines))


async def on_help(update: Update, context: Context) -> None:
    """/help: how to ask here and every command that works in this chat, with an example each."""
    message = update.effective_message
    if message is None or not await allow(update, context):
        return
    await send_reply(message, await _help(update, context))


async def on_toc(update: Update, context: Context) -> None:
    """/toc: the table of contents, unwritten chapters marked."""
    message = update.effective_message
    if message is None or not await allow(update, context):
        return
    await send_reply(message, replies.toc_reply(library(context).corpus))


async def on_reload(update: Update, context: Context) -> None:
    """/reload (admins only): re-read the notes folder and swap the library in one step."""
    message = update.effective_message
    user = update.effective_user
    if message is None or not await allow(update, context):
        return
    if not is_admin(context, user.id if user else None):
        await send_reply(message, Reply.text(texts.RELOAD_FORBIDDEN))
        return
    from bot.library import NotesError, load_library

    config = settings(context)
    try:
        fresh = await asyncio.to_thread(load_library, config.notes_dir, config.cache_dir)
        if not fresh.corpus.passages:
            raise NotesError(texts.RELOAD_NO_PASSAGES)
        await warm_library(fresh)  # ready before it is swapped in
    except NotesError as error:
        log.warning("reload failed, the notes in use are kept: %s", error)
        await send_reply(message, Reply.text(texts.RELOAD_FAILED.format(error=cut_echo(str(error), _ERROR_CHARS))))
        return
    context.bot_data[LIBRARY] = fresh
    corpus = fresh.corpus
    log.info("notes reloaded by %s: %d passages", user.id if user else "?", len(corpus.passages))
    done = texts.RELOAD_DONE.format(
        files=len(corpus.files), sections=len(corpus.sections), passages=len(corpus.passages)
    )
    if fresh.not_text:
        log.warning("notes left out, not UTF-8 text: %s", ", ".join(fresh.not_text))
        done += "\n" + texts.reload_not_text(fresh.not_text)
    await send_reply(message, Reply.text(done))


async def on_unknown_command(update: Update, context: Context) -> None:
    """Private chat, a command no handler knows (this runs in a later group, after every command handler)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    commands = message.parse_entities([MessageEntity.BOT_COMMAND])
    if not commands:
        return
    name = next(iter(commands.values()))[1:].split("@", 1)[0].lower()
    known = registered_commands(context.application)
    if name in known or not await allow(update, context):
        return
    await send_reply(message, Reply.text(texts.CHAT_UNKNOWN_COMMAND))


async def on_unknown_button(update: Update, context: Context) -> None:
    """A button no handler knows (an old keyboard's, or forged data): answered, so the client stops
    spinning, with a word that the button is out of date. Registered after every other button handler."""
    query = update.callback_query
    if query is None:
        return
    log.info("unknown button data %r", query.data)
    await query.answer(texts.STALE_BUTTON)
