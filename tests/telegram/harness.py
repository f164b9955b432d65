"""The real bot over the Bot API stand-in for the group-study tests: settings, a running app, helpers.

The notes are the project's default notes (`corpus/`), whose quiz items the quiz core builds; the
store is a real SQLite file in the test's data folder, so a "restart" is a new Application over the
same folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
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

    async def summary(self, chat: FakeChat, timeout: float = 5.0) -> Recorded:
        """Wait for the summary that ends the chat's quiz session (sent once its last question is
        answered in a private chat, or its time is up in a group)."""
        return await self.api.wait_for(
            "sendMessage", lambda rec: rec.chat_id == chat.id and rec.text.startswith("🏁"), timeout
        )

    async def settle(self, chat: FakeChat, user: FakeUser) -> None:
        """One chat's updates are handled in order: once a later /me there is answered, that chat's
        earlier updates are done."""
        await self.command(chat, user, "/me")

    async def handled(self) -> None:
        """Wait until every update pushed so far is handled, whatever its chat (poll answers are
        ordered with their sender's updates, not with the group's): see `wait_until_handled`."""
        await wait_until_handled(self.api, self.app)


async def wait_until_handled(api: BotApiStandin, app: Application) -> None:
    """Every update pushed so far was fetched (a later getUpdates acknowledged it) and its handlers
    are done (the application's update queue is joined): an event to wait on, no sleeping."""
    await api.wait_consumed()
    await app.update_queue.join()


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
    store = Store.open(settings.data_dir, busy_timeout=settings.store_busy_timeout_seconds)
    app = build_application(settings, library, store)
    try:
        async with polling(app, timeout=1.0):
            running = Running(api, app, store, settings, library)
            if not daily_job:
                running.daily_job.enabled = False
            yield running
    finally:
        store.close()


def notesbot_env(api: BotApiStandin, notes: Path, data_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a `notesbot run` process talking to the stand-in (extra settings by name)."""
    return {
        **{key: value for key, value in os.environ.items() if not key.startswith(("TELEGRAM_", "WEBHOOK_"))},
        **api.settings_env(),
        "NOTES_DIR": str(notes),
        "DATA_DIR": str(data_dir),
        **settings,
    }


@asynccontextmanager
async def notesbot_run(env: dict[str, str], cwd: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """`notesbot run` as a separate process (its output captured), killed at the end if still running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def output(process: asyncio.subprocess.Process, timeout: float = 30) -> str:
    """What the process wrote (stdout, then stderr) once it has ended, waiting at most ``timeout`` seconds."""
    out, err = await asyncio.wait_for(process.communicate(), timeout)
    return out.decode() + err.decode()
