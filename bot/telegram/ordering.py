"""Updates of different chats are handled at the same time; one chat's updates one after another, in order.

python-telegram-bot hands every update to the application's update processor (`concurrent_updates`);
`PerChatOrder` lets an update wait only for the earlier updates of its own chat. So a group whose
sends are held back by its limit of 20 a minute, or a slow question, delays that chat alone, while
"/quiz 1" then "/me" in one chat still come in that order. An update without a chat (an inline
query, a poll answer) is ordered with the other updates of its sender: a person's private chat has
the person's id, so their poll answers and their next message in private keep their order too.
Each update is counted by kind, with the time from its arrival to its handlers' end (`Metrics`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.metrics import Metrics

__all__ = ["MAX_CONCURRENT_UPDATES", "PerChatOrder", "ordering_key", "update_kind"]

# Updates being handled at once, waiting ones included (a waiting update holds its place, and the
# processor cannot be told otherwise): room for a few hundred busy chats. The real work is bounded
# elsewhere: searches by the worker threads, sends by the rate limiter.
MAX_CONCURRENT_UPDATES = 512


def ordering_key(update: object) -> int | None:
    """The chat whose order an update keeps (its sender's id when it has no chat); None: no order."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


def update_kind(update: object) -> str:
    """What an update carries ("message", "callback_query", "poll_answer", ...); "other" if unknown."""
    if isinstance(update, Update):
        for kind in Update.ALL_TYPES:
            if getattr(update, kind, None) is not None:
                return kind
    return "other"


class PerChatOrder(BaseUpdateProcessor):
    """Concurrent across chats, in order within one (see the module docstring)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES, metrics: Metrics | None = None) -> None:
        super().__init__(max_concurrent_updates)
        # chat -> the moment the last update queued for that chat is done; a new one waits on it
        self._last_done: dict[int, asyncio.Future[None]] = {}
        self._metrics = metrics

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._metrics is None:
            await self._in_order(update, coroutine)
            return
        kind, started = update_kind(update), time.monotonic()
        try:
            await self._in_order(update, coroutine)
        finally:
            self._metrics.updates.labels(kind).inc()
            self._metrics.latency.labels(kind).observe(time.monotonic() - started)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await coroutine
            return
        before = self._last_done.get(key)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._last_done[key] = done
        try:
            if before is not None:
                await before
            await coroutine
        finally:
            done.set_result(None)
            if self._last_done.get(key) is done:
                del self._last_done[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free: the application waits for the updates in hand before it shuts down."""
