"""Fixtures for the Telegram tests: a running bot over the stand-in (the Git notes come from
`tests/support/fixtures.py`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.config import Settings
from bot.library import Library
from bot.store import Store
from bot.telegram.app import build_application, post_init
from tests.support.botapi import BotApiStandin, FakeChat, FakeUser, Recorded, polling
from tests.telegram.harness import Running, running_bot, wait_until_handled

ADMIN_ID = 4242


def bot_settings(api: BotApiStandin, notes: Path, data: Path, **overrides: Any) -> Settings:
    """Settings pointing the bot at the stand-in (explicit values: no .env, no environment)."""
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_base_url": api.base_url,
        "notes_dir": notes,
        "data_dir": data,
        "admin_user_ids": frozenset({ADMIN_ID}),
        "flood_limit_per_minute": 20,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class RunningBot:
    """The real Application polling the stand-in, with its store."""

    api: BotApiStandin
    app: Any
    store: Store
    settings: Settings

    async def say(self, chat: FakeChat, user: FakeUser, text: str, **kwargs: Any) -> tuple[dict[str, Any], Recorded]:
        """Push a message and wait for the bot's sendMessage answering it."""
        message = self.api.message(chat, user, text, **kwargs)
        sent = await self.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)
        return message, sent

    async def handled(self) -> None:
        """Every update pushed so far is handled, whatever its chat (chats are handled concurrently)."""
        await wait_until_handled(self.api, self.app)


async def start_bot(api: BotApiStandin, library: Library, settings: Settings) -> AsyncIterator[RunningBot]:
    """Build the application with `build_application`, run post_init, poll until the caller is done."""
    store = Store.open(settings.data_dir, busy_timeout=settings.store_busy_timeout_seconds)
    app = build_application(settings, library, store)
    try:
        async with polling(app, timeout=1.0):
            await post_init(app)
            yield RunningBot(api, app, store, settings)
    finally:
        store.close()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    """The real bot over the default notes (with their quiz items), one for a whole test module
    (whose tests use their own users and chats). test_bot.py has its own, over the Git notes."""
    async with BotApiStandin() as api:
        async with running_bot(api, tmp_path_factory.mktemp("data")) as running:
            yield running
