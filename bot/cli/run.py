"""`notesbot run`: the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set).

Without a token it says so and opens the terminal chat over the same notes. Both modes stop cleanly
on SIGINT and SIGTERM: long polling is python-telegram-bot's run_polling; webhook mode is served by
`bot.telegram.http` (Telegram's calls and /healthz on one port), which sets the webhook itself.
With METRICS_PORT, /metrics and /healthz are served there too, in both modes. An idle bot logs
nothing at INFO: the scheduler's lines for every job run are silenced. The token never reaches the
logs: the HTTP client's request lines (which carry it in the URL) are silenced and every log line is
scrubbed; nothing is printed around the logs, tracebacks included.

Every failure ends with one clear line and an exit code: 2 for bad settings or notes (a token
Telegram rejects included), 3 for a database that cannot be used (at start or later), 1 when the
Bot API cannot be reached at start-up (getMe is retried for SEND_RETRY_SECONDS first) or anything
unexpected.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from bot import texts
from bot.config import Settings

__all__ = ["RedactToken", "add_arguments", "configure_logging", "main", "serve", "webhook_options"]

if TYPE_CHECKING:
    from telegram.ext import Application

log = logging.getLogger("bot.run")


class RedactToken(logging.Filter):
    """Replace the bot token wherever it appears in a log record: its message, its whole formatted
    traceback (chained causes and contexts included, frames' source lines too) and its stack info."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def _scrub(self, text: str) -> str:
        return text.replace(self.token, "<token>")

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg = self._scrub(message)
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # The text the handler would print, formatted once here and scrubbed as a whole.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = self._scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self._scrub(record.stack_info)
        return True


def configure_logging(settings: Settings, stream: object = None) -> logging.Handler:
    """Log to stderr at LOG_LEVEL, with the HTTP client quiet and the token scrubbed from every line."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    if settings.token:
        handler.addFilter(RedactToken(settings.token))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token; the scheduler logs two
    # lines every time a job runs (the daily check every minute, the leases' heartbeat).
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot run`."""
    parser.add_argument("--corpus", "--notes", dest="notes", type=Path, default=None, help="notes folder (default: NOTES_DIR or corpus/)")


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Arguments for run_webhook/start_webhook: listen there, serve the public URL's path, check the secret.

    ValueError without a secret (anyone who finds the URL could post forged updates) or without a
    path in the URL (the bot would answer on every path of its port)."""
    if not settings.webhook_url:
        raise ValueError("WEBHOOK_URL is not set")
    secret = settings.webhook_secret_token.get_secret_value() if settings.webhook_secret_token else ""
    if not secret:
        raise ValueError("webhook mode needs WEBHOOK_SECRET_TOKEN, or anyone who finds the URL can post forged updates")
    url_path = urlsplit(settings.webhook_url).path.strip("/")
    if not url_path:
        raise ValueError(f"WEBHOOK_URL needs a path after the host (e.g. https://example.org/notesbot-hook), got {settings.webhook_url!r}")
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": url_path,
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
    }


def serve(settings: Settings) -> int:
    """Load the notes and the store, then run the bot until SIGINT/SIGTERM; returns an exit code."""
    from telegram import Update
    from telegram.ext import CallbackContext

    from bot.library import NotesError, load_library
    from bot.store import Store, StoreError
    from bot.telegram.app import build_application

    webhook: dict[str, Any] | None = None
    if settings.webhook_url:
        try:
            webhook = webhook_options(settings)
        except ValueError as error:
            log.error("webhook: %s", error)
            return 2
    try:
        library = load_library(settings.notes_dir, settings.cache_dir)
    except NotesError as error:
        log.error("notes: %s", error)
        return 2
    try:
        store = Store.open(settings.store_target, busy_timeout=settings.store_busy_timeout_seconds)
    except StoreError as error:
        log.error("store: %s", error)
        return 3
    log.info("notes: %d passages in %d files; store: %s", len(library.corpus.passages), len(library.corpus.files),
             store.path)
    if library.not_text:
        log.warning("notes left out, not UTF-8 text: %s", ", ".join(library.not_text))
    application = build_application(settings, library, store)
    failures: list[StoreError] = []
    stopping: asyncio.Event | None = None  # webhook mode: set to stop

    async def stop_on_store_error(update: object, context: CallbackContext) -> None:
        # A database that became locked, read-only, corrupt or unreachable while running: going on
        # would drop what users do, so stop and exit 3 for the operator (or the service manager) to
        # see. Said once; the updates in hand that fail the same way while stopping add nothing.
        if not isinstance(context.error, StoreError):
            return
        if not failures:
            log.critical("store: %s; stopping the bot", context.error)
            if stopping is not None:
                stopping.set()
            else:
                updater = context.application.updater
                if updater is None or updater.running:  # not already stopping (stopping twice would crash)
                    context.application.stop_running()
        failures.append(context.error)

    application.add_error_handler(stop_on_store_error)
    try:
        started = _start(application)
        if started is not None:
            return started
        loop = asyncio.get_event_loop()
        try:
            if webhook is not None:
                stopping = asyncio.Event()
                code = loop.run_until_complete(_run_webhook(application, settings, webhook, stopping))
                if code:
                    return code
            else:
                servers = loop.run_until_complete(_start_servers(application, settings, None))
                application.run_polling(allowed_updates=Update.ALL_TYPES, close_loop=False)
                for server in servers:
                    loop.run_until_complete(server.stop())
        finally:
            loop.close()
    finally:
        store.close()
    return 3 if failures else 0


async def _start_servers(application: Application, settings: Settings, webhook: dict[str, Any] | None) -> list[Any]:
    """The HTTP servers: the webhook's port (with /healthz), and METRICS_PORT if set (/metrics, /healthz)."""
    from bot.telegram.http import start_server

    servers = []
    shared = webhook is not None and settings.metrics_port == settings.webhook_port
    if webhook is not None:
        servers.append(start_server(application, settings.webhook_listen, settings.webhook_port,
                                    webhook=webhook, metrics=shared))
    if settings.metrics_port is not None and not shared:
        servers.append(start_server(application, settings.metrics_listen, settings.metrics_port, metrics=True))
    for server in servers:
        log.info("serving %s on port %s", ", ".join(server.paths), server.port)
    return servers


async def _run_webhook(
    application: Application, settings: Settings, webhook: dict[str, Any], stopping: asyncio.Event
) -> int:
    """Webhook mode until SIGINT/SIGTERM or `stopping`: serve, set the webhook, handle updates."""
    from telegram import Update
    from telegram.error import TelegramError

    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stopping.set)
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    servers = await _start_servers(application, settings, webhook)
    code = 0
    try:
        await application.bot.set_webhook(
            url=webhook["webhook_url"], secret_token=webhook["secret_token"], allowed_updates=Update.ALL_TYPES
        )
        log.info("webhook set: Telegram calls %s", webhook["webhook_url"])
        await stopping.wait()
    except TelegramError as error:
        log.error("the webhook could not be set: %s: %s", type(error).__name__, error)
        code = 1
    finally:
        for server in servers:
            await server.stop()
        if application.running:
            await application.stop()
        await application.shutdown()
    return code


def _start(application: Application) -> int | None:
    """Initialize the application (getMe, retried through passing faults) on the loop run_polling
    and run_webhook go on with; an exit code when that fails. Done here, not by run_polling, so that
    a rejected token or an unreachable Bot API is one clear line instead of the library's tracebacks
    (whose messages carry the token)."""
    from telegram.error import InvalidToken, TelegramError

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(application.initialize())
        return None
    except InvalidToken:
        log.error("Telegram rejected the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN")
        code = 2
    except TelegramError as error:
        log.error("cannot reach the Bot API at start-up: %s: %s", type(error).__name__, error)
        code = 1
    loop.close()
    return code


def main(args: argparse.Namespace) -> int:
    """Run the bot, or the terminal chat when no token is configured."""
    from bot.config import load_settings

    settings = load_settings(notes_dir=args.notes)
    if settings.token is None:
        print(texts.CHAT_NO_TOKEN, file=sys.stderr)
        from bot.cli import chat

        return chat.main(args)
    configure_logging(settings)
    try:
        return serve(settings)
    except Exception:  # logged through the token filter: never a bare traceback with the token in it
        log.critical("notesbot run stopped by an unexpected error", exc_info=True)
        return 1
