"""Pytest fixtures shared by all test folders: a Bot API stand-in per test, and a bare PTB Bot on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.support.botapi import BotApiStandin


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiStandin]:
    """A running Bot API stand-in on 127.0.0.1 (random port), stopped after the test."""
    standin = BotApiStandin()
    await standin.start()
    try:
        yield standin
    finally:
        await standin.stop()


@pytest.fixture
async def ptb_bot(botapi: BotApiStandin) -> AsyncIterator[Bot]:
    """An initialized python-telegram-bot `Bot` talking to the stand-in."""
    async with Bot(botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url) as bot:
        yield bot
