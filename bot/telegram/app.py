"""The Telegram application: settings and services in, a python-telegram-bot `Application` out.

Every handler is registered here, in `build_application`, so that a new handler module plugs in
with a few lines below. `bot_data` holds only the shared services ("library", "store", "settings").
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.config import Settings
from bot.telegram import commands, daily, guards, inline, questions, quiz
from bot.telegram.base import (
    LIBRARY,
    NEW_MESSAGE,
    SETTINGS,
    STORE,
    Context,
    warm_library,
)

if TYPE_CHECKING:
    from bot.library import Library
    from bot.store import Store

__all__ = ["MAX_RETRIES", "bot_commands", "build_application", "on_error", "post_init"]

log = logging.getLogger(__name__)
MAX_RETRIES = 3  # a 429 is retried this many times, each after the retry_after Telegram asked for

_PRIVATE_TEXT = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & NEW_MESSAGE
_GROUP_TEXT = filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & NEW_MESSAGE
_PRIVATE_COMMAND = filters.ChatType.PRIVATE & filters.COMMAND & NEW_MESSAGE
_PRIVATE_NON_TEXT = filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL & NEW_MESSAGE


def bot_commands(application: Application, admin: bool = False) -> list[BotCommand]:
    """The command menu for setMyCommands: every registered command that has a description in texts.

    Handler modules added later (quiz, daily pushes) appear in the menu once registered, with the
    descriptions their section of `bot.texts` gives. /reload is listed for admins only.
    """
    descriptions = {**texts.COMMAND_DESCRIPTIONS, **texts.GROUP_STUDY_COMMAND_DESCRIPTIONS}
    if admin:
        descriptions.update(texts.ADMIN_COMMAND_DESCRIPTIONS)
    registered = {
        command
        for handlers in application.handlers.values()
        for handler in handlers
        if isinstance(handler, CommandHandler)
        for command in handler.commands
    }
    return [BotCommand(name, text) for name, text in descriptions.items() if name in registered]


async def post_init(application: Application) -> None:
    """Start-up work before the first update: build the quiz items, register the command menu (admins
    also see /reload)."""
    await warm_library(application.bot_data[LIBRARY])
    await application.bot.set_my_commands(bot_commands(application))
    settings: Settings = application.bot_data[SETTINGS]
    for admin_id in sorted(settings.admin_user_ids):
        try:  # fails until that admin has opened a chat with the bot; the default menu still works
            await application.bot.set_my_commands(
                bot_commands(application, admin=True), scope=BotCommandScopeChat(admin_id)
            )
        except TelegramError as error:
            log.info("no admin command menu for %s yet: %s", admin_id, error)
    log.info("bot @%s ready", application.bot.username)


async def on_error(update: object, context: Context) -> None:
    """Log the failing update's id and carry on; a 403 marks the chat inactive."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, Forbidden):
        chat = update.effective_chat if isinstance(update, Update) else None
        log.warning("update %s: forbidden (%s); chat %s marked inactive", update_id, error, chat.id if chat else "?")
        if chat is not None:
            context.bot_data[STORE].set_chat_active(chat.id, False)
            guards.forget_chat(context.bot_data[STORE], chat.id)
        return
    if isinstance(error, TelegramError):
        log.warning("update %s: %s: %s", update_id, type(error).__name__, error)
        return
    log.error("update %s: unexpected error", update_id, exc_info=error)


def build_application(settings: Settings, library: Library, store: Store) -> Application:
    """An Application wired with every handler; start it with run_polling/run_webhook or by hand."""
    token = settings.token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES))
        .post_init(post_init)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    application = builder.build()
    application.bot_data[LIBRARY] = library
    application.bot_data[STORE] = store
    application.bot_data[SETTINGS] = settings

    # group -1: bookkeeping that sees every update and never stops it
    application.add_handler(TypeHandler(Update, guards.remember_chat), group=-1)

    # group 0: the first matching handler answers
    application.add_handlers(
        [
            CommandHandler("start", commands.on_start, filters=NEW_MESSAGE),
            CommandHandler("help", commands.on_help, filters=NEW_MESSAGE),
            CommandHandler("toc", commands.on_toc, filters=NEW_MESSAGE),
            CommandHandler("reload", commands.on_reload, filters=NEW_MESSAGE),
            CommandHandler("ask", questions.on_ask, filters=NEW_MESSAGE),
            MessageHandler(_PRIVATE_TEXT, questions.on_private_text),
            MessageHandler(_GROUP_TEXT, questions.on_group_text),
            CallbackQueryHandler(questions.on_tap, pattern=r"^[psf]:"),
            InlineQueryHandler(inline.on_inline_query),
            ChatMemberHandler(guards.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER),
            MessageHandler(filters.StatusUpdate.MIGRATE, guards.on_migrate),
            MessageHandler(_PRIVATE_NON_TEXT, guards.on_non_text),
        ]
    )
    # group 1: a private command that no handler above knew (checked against every CommandHandler)
    application.add_handler(MessageHandler(_PRIVATE_COMMAND, commands.on_unknown_command), group=1)

    # Group study: /quiz /me /top, the quiz-on-this-passage button and poll answers; /daily
    # /timezone and the repeating push check.
    quiz.register(application)
    daily.register(application)
    # Last in group 0: a button none of the handlers above knows is still answered.
    application.add_handler(CallbackQueryHandler(commands.on_unknown_button))

    application.add_error_handler(on_error)
    return application
