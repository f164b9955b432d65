"""The real bot over the Bot API stand-in for the group-study tests: settings, a running app, helpers.

The notes are the project's default notes (`corpus/`), whose quiz items the quiz core builds; the
store is a real SQLite file in the test's data folder, so a "restart" is a new Application over the
same folder.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram.ext import Application, Job

from bot.config import Settings
from bot.library import Library, load_library
from bot.store import Store
from bot.telegram import daily as daily_handlers
from bot.telegram.app import build_application
from tests.support.botapi import BotApiStandin, FakeChat, FakeUser, Recorded, polling

NOTES = Path(__file__).resolve().parents[2] / "corpus"
BOT_ADMIN = 777  # in ADMIN_USER_IDS
_LIBRARY: Library | None = None


def default_library() -> Library:
    """The default notes, parsed and indexed once per test session."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_library(NOTES)
    return _LIBRARY


def group_settings(api: BotApiStandin, data_dir: Path, **overrides: Any) -> Settings:
    """Settings pointing at the stand-in (explicit values: no .env, no environment)."""
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_base_url": api.base_url,
        "notes_dir": NOTES,
        "data_dir": data_dir,
        "default_timezone": "Asia/Shanghai",
        "admin_user_ids": frozenset({BOT_ADMIN}),
        "flood_limit_per_minute": 60,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class Running:
    """The real Application long-polling the stand-in, with its store."""

    api: BotApiStandin
    app: Application
    store: Store
    settings: Settings
    library: Library

    @property
    def daily_job(self) -> Job:
        (job,) = self.app.job_queue.get_jobs_by_name(daily_handlers.DAILY_JOB_NAME)
        return job

    async def command(self, chat: FakeChat, user: FakeUser, text: str) -> Recorded:
        """Push a message and wait for the bot's text reply in that chat."""
        self.api.message(chat, user, text)
        return await self.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)

    async def polls_after(self, chat: FakeChat, user: FakeUser, text: str, count: int) -> list[Recorded]:
        """Push a message, wait for `count` polls in that chat and for the handler to have finished."""
        self.api.message(chat, user, text)
        polls = [await self.api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id) for _ in range(count)]
        await self.settle(chat, user)
        return polls

    async def settle(self, chat: FakeChat, user: FakeUser) -> None:
        """Updates are handled one after another: once a later /me is answered, earlier ones are done."""
        await self.command(chat, user, "/me")


@asynccontextmanager
async def running_bot(
    api: BotApiStandin, data_dir: Path, *, daily_job: bool = False, **overrides: Any
) -> AsyncIterator[Running]:
    """Build the app with `build_application` over the store in `data_dir` and poll until the block ends.

    The repeating daily check runs on the real clock; tests that simulate time pause it
    (``daily_job=False``) and call `push_due` with their own `now` instead.
    """
    settings = group_settings(api, data_dir, **overrides)
    library = default_library()
    store = Store.open(settings.data_dir)
    app = build_application(settings, library, store)
    try:
        async with polling(app, timeout=1.0):
            running = Running(api, app, store, settings, library)
            if not daily_job:
                running.daily_job.enabled = False
            yield running
    finally:
        store.close()
