"""`notesbot run`: the Telegram bot (long polling, or a webhook when WEBHOOK_URL is set).

Without a token it says so and opens the terminal chat over the same notes. python-telegram-bot's
run_polling/run_webhook stop cleanly on SIGINT and SIGTERM. The token never reaches the logs: the
HTTP client's request lines (which carry it in the URL) are silenced and every log line is scrubbed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot import texts
from bot.config import Settings

__all__ = ["RedactToken", "add_arguments", "configure_logging", "main", "serve", "webhook_options"]

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
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    for noisy in ("httpx", "httpcore"):
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
        store = Store.open(settings.data_dir)
    except StoreError as error:
        log.error("store: %s", error)
        return 3
    log.info("notes: %d passages in %d files", len(library.corpus.passages), len(library.corpus.files))
    application = build_application(settings, library, store)
    failures: list[StoreError] = []

    async def stop_on_store_error(update: object, context: CallbackContext) -> None:
        # A database that became locked or corrupt while running: going on would drop what users
        # do, so stop and exit non-zero for the operator (or the service manager) to see.
        if isinstance(context.error, StoreError):
            failures.append(context.error)
            log.critical("store: %s; stopping the bot", context.error)
            context.application.stop_running()

    application.add_error_handler(stop_on_store_error)
    try:
        if webhook is not None:
            application.run_webhook(**webhook, allowed_updates=Update.ALL_TYPES)
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    finally:
        store.close()
    return 3 if failures else 0


def main(args: argparse.Namespace) -> int:
    """Run the bot, or the terminal chat when no token is configured."""
    from bot.config import load_settings

    settings = load_settings(notes_dir=args.notes)
    if settings.token is None:
        print(texts.CHAT_NO_TOKEN, file=sys.stderr)
        from bot.cli import chat

        return chat.main(args)
    configure_logging(settings)
    return serve(settings)
