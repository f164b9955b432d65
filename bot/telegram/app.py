"""The Telegram application: settings and services in, a python-telegram-bot `Application` out.

Every handler is registered here, in `build_application`, so that a new handler module plugs in
with a few lines below. `bot_data` holds only the shared services ("library", "store", "settings").
The application handles different chats' updates at once and one chat's in order (`PerChatOrder`),
retries sends through passing faults (`PatientRateLimiter`), skips updates it cannot parse
(`UpdatesRequest`), and sends a reply whose message was deleted without the quote.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    Update,
)
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import replies, texts
from bot.config import Settings
from bot.metrics import Metrics
from bot.store import StoreError
from bot.telegram import commands, daily, guards, inline, questions, quiz, report, review, sessions
from bot.telegram.base import (
    LIBRARY,
    METRICS,
    NEW_MESSAGE,
    SETTINGS,
    STORE,
    Context,
    in_store,
    warm_library,
)
from bot.telegram.network import BotApiRequest, PatientRateLimiter, UpdatesRequest
from bot.telegram.ordering import PerChatOrder

if TYPE_CHECKING:
    from bot.library import Library
    from bot.store import Store

__all__ = ["bot_commands", "build_application", "on_error", "post_init", "set_command_menus"]

log = logging.getLogger(__name__)

_PRIVATE_TEXT = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & NEW_MESSAGE
_GROUP_TEXT = filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & NEW_MESSAGE
_PRIVATE_COMMAND = filters.ChatType.PRIVATE & filters.COMMAND & NEW_MESSAGE
_PRIVATE_NON_TEXT = filters.ChatType.PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL & NEW_MESSAGE


def bot_commands(application: Application, admin: bool = False, where: str = "private") -> list[BotCommand]:
    """The command menu for setMyCommands: the registered commands that work in this kind of chat
    (``where``: "private" or "group"; the admin ones for admins), as /help lists them, with the
    short descriptions of `bot.texts`."""
    descriptions = {
        **texts.COMMAND_DESCRIPTIONS, **texts.GROUP_STUDY_COMMAND_DESCRIPTIONS, **texts.ADMIN_COMMAND_DESCRIPTIONS
    }
    names = replies.commands_for(where, admin, commands.registered_commands(application))
    return [BotCommand(name, descriptions[name]) for name in names if name in descriptions]


async def post_init(application: Application) -> None:
    """Start-up work before the first update: build the quiz items; the command menus are set
    meanwhile, in the background (retried like every call; cosmetic, so never fatal)."""
    await warm_library(application.bot_data[LIBRARY])
    application.create_task(set_command_menus(application), name="command menus")
    log.info("bot @%s ready", application.bot.username)


async def set_command_menus(application: Application) -> None:
    """The command menus, one a scope as /help lists them: private chats (also the default), groups,
    and each admin's private chat with the admin commands. A failure is logged and the bot works
    on: commands work without a menu."""
    menus = [
        (None, bot_commands(application)),
        (BotCommandScopeAllPrivateChats(), bot_commands(application)),
        (BotCommandScopeAllGroupChats(), bot_commands(application, where="group")),
    ]
    for scope, menu in menus:
        try:
            await application.bot.set_my_commands(menu, scope=scope)
        except TelegramError as error:
            log.warning("the command menu could not be set: %s", error)
    settings: Settings = application.bot_data[SETTINGS]
    for admin_id in sorted(settings.admin_user_ids):
        try:  # fails until that admin has opened a chat with the bot; the default menu still works
            await application.bot.set_my_commands(
                bot_commands(application, admin=True), scope=BotCommandScopeChat(admin_id)
            )
        except TelegramError as error:
            log.info("no admin command menu for %s yet: %s", admin_id, error)


async def on_error(update: object, context: Context) -> None:
    """Log the failing update's id and carry on; a 403 marks the chat inactive. A store failure is left
    to whoever runs the application (`notesbot run` stops with exit code 3 and says why)."""
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, StoreError):
        return
    if isinstance(error, Forbidden):
        chat = update.effective_chat if isinstance(update, Update) else None
        log.warning("update %s: forbidden (%s); chat %s marked inactive", update_id, error, chat.id if chat else "?")
        if chat is not None:
            the_store = context.bot_data[STORE]
            await in_store(the_store, the_store.set_chat_active, chat.id, False)
            guards.forget_chat(the_store, chat.id)
        return
    if isinstance(error, TelegramError):
        log.warning("update %s: %s: %s", update_id, type(error).__name__, error)
        return
    log.error("update %s: unexpected error", update_id, exc_info=error)


async def handle_once(update: Update, context: Context) -> None:
    """Webhook mode: an update some process (this one or another on the same database) handled
    already is not handled again (Telegram delivers an update again when its call failed or timed out)."""
    the_store = context.bot_data[STORE]
    if not await in_store(the_store, the_store.first_delivery, update.update_id, datetime.now(timezone.utc)):
        log.info("update %s was delivered again; handled already", update.update_id)
        raise ApplicationHandlerStop


def build_application(
    settings: Settings, library: Library, store: Store, metrics: Metrics | None = None
) -> Application:
    """An Application wired with every handler; start it with run_polling or `bot.telegram.http`, or by hand."""
    metrics = metrics if metrics is not None else Metrics()
    token = settings.token
    if token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    builder = (
        Application.builder()
        .token(token)
        .request(BotApiRequest())
        .get_updates_request(UpdatesRequest(connection_pool_size=1))
        .rate_limiter(PatientRateLimiter(give_up_after=settings.send_retry_seconds))
        .concurrent_updates(PerChatOrder(metrics=metrics))
        # A reply to a message deleted meanwhile goes out without the quote instead of failing.
        .defaults(Defaults(allow_sending_without_reply=True))
        .post_init(post_init)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    application = builder.build()
    application.bot_data[LIBRARY] = library
    application.bot_data[STORE] = store
    application.bot_data[SETTINGS] = settings
    application.bot_data[METRICS] = metrics

    if settings.webhook_url:  # group -2: several processes may be behind one webhook URL
        application.add_handler(TypeHandler(Update, handle_once), group=-2)
    # group -1: bookkeeping that sees every update and never stops it
    application.add_handler(TypeHandler(Update, guards.remember_chat), group=-1)

    # group 0: the first matching handler answers
    application.add_handlers(
        [
            CommandHandler("start", commands.on_start, filters=NEW_MESSAGE),
            CommandHandler("help", commands.on_help, filters=NEW_MESSAGE),
            CommandHandler("toc", commands.on_toc, filters=NEW_MESSAGE),
            CommandHandler("reload", commands.on_reload, filters=NEW_MESSAGE),
            CommandHandler("report", report.on_report, filters=NEW_MESSAGE),
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
    sessions.register(application)
    review.register(application)
    daily.register(application)
    # Last in group 0: a button none of the handlers above knows is still answered.
    application.add_handler(CallbackQueryHandler(commands.on_unknown_button))

    application.add_error_handler(on_error)
    return application
