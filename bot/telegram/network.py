"""The bot's line to the Bot API, made to ride out faults: sends retried, refusals final, bad updates skipped.

- `PatientRateLimiter` keeps Telegram's send limits (python-telegram-bot's `AIORateLimiter`: about 30
  messages a second overall, 20 a minute per group) and retries a call that failed for a passing
  reason (a 5xx, a timeout, a dropped connection, 429 Too Many Requests however often) with growing
  pauses, for at most `SEND_RETRY_SECONDS`; then the error goes to the handler, which logs it with
  the update's id. A refusal (any other 4xx) is final at once. A 429 pauses only the call that got
  it, so a group over its limit waits alone.
- `BotApiRequest` is the HTTP client for every call but getUpdates: it reports a 4xx that
  python-telegram-bot does not know as the refusal it is (the library makes it a NetworkError,
  which would be retried).
- `UpdatesRequest` is the getUpdates client: text is made valid Unicode before anything sees it
  (lone surrogates become U+FFFD), and an update the library cannot parse (say, a poll without
  `persistent_id` from an older local Bot API server) is logged once with its id and reason and
  handed on as a bare update with only its id, so that the offset moves past it and every later
  update is handled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from http import HTTPStatus
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from telegram.warnings import PTBDeprecationWarning

__all__ = ["BotApiRequest", "PatientRateLimiter", "UpdatesRequest", "retry_pause", "updates_parsed", "valid_unicode"]

log = logging.getLogger(__name__)

FIRST_PAUSE_SECONDS = 0.5
LONGEST_PAUSE_SECONDS = 5.0
_RETRY_AFTER_SLACK = 0.1  # Telegram's "retry after N" is counted from its clock, not ours
# python-telegram-bot turns these into their own errors; any other 4xx it calls a NetworkError.
_KNOWN_REFUSALS = frozenset(
    {HTTPStatus.BAD_REQUEST, HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN, HTTPStatus.NOT_FOUND,
     HTTPStatus.CONFLICT, HTTPStatus.TOO_MANY_REQUESTS}
)
_SURROGATE = re.compile("[\ud800-\udfff]")

Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


def retry_pause(error: TelegramError, backoff: float) -> float | None:
    """How long to wait before trying a failed call again (``backoff`` for a fault without a stated
    wait), or None when trying again cannot help (a refusal: 400, 401, 403, 404, 409, a migrated chat)."""
    if isinstance(error, RetryAfter):
        with warnings.catch_warnings():  # an int until PTB_TIMEDELTA becomes the library's default
            warnings.simplefilter("ignore", PTBDeprecationWarning)
            wait = error.retry_after
        return (wait.total_seconds() if isinstance(wait, timedelta) else float(wait)) + _RETRY_AFTER_SLACK
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):  # 5xx, timeouts, resets
        return backoff
    return None


class PatientRateLimiter(AIORateLimiter):
    """AIORateLimiter's limits, with every call retried through passing faults for a bounded time."""

    def __init__(self, give_up_after: float) -> None:
        super().__init__()
        self.give_up_after = give_up_after

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        # AIORateLimiter's own retry (429 only, a few times) pauses every chat while one waits; this
        # loop replaces it and calls the limiter's pacing step directly.
        chat_id = data.get("chat_id")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.give_up_after
        backoff = FIRST_PAUSE_SECONDS
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._run_request(
                    chat=chat_id is not None,
                    group=_group_of(chat_id),
                    allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
                    callback=callback,
                    args=args,
                    kwargs=kwargs,
                )
            except TelegramError as error:
                pause = retry_pause(error, backoff)
                if pause is None:
                    raise
                if loop.time() + pause > deadline:
                    log.warning("%s failed %d times within %.0f s, giving up: %s",
                                endpoint, attempt, self.give_up_after, error)
                    raise
                log.info("%s failed (%s); try %d in %.1f s", endpoint, error, attempt + 1, pause)
                await asyncio.sleep(pause)
                if not isinstance(error, RetryAfter):
                    backoff = min(backoff * 2, LONGEST_PAUSE_SECONDS)


def _group_of(chat_id: Any) -> int | str | bool:
    """The group whose limit of 20 a minute a call counts against, False for none (as AIORateLimiter
    decides it: a negative chat id, or a channel's @username)."""
    with contextlib.suppress(ValueError, TypeError):
        chat_id = int(chat_id)
    return chat_id if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str) else False


class BotApiRequest(HTTPXRequest):
    """The HTTP client for Bot API calls: a 4xx is a refusal, never a fault to retry."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if 400 <= code < 500 and code not in _KNOWN_REFUSALS:
            # Reported as the BadRequest it is (with Telegram's description, if any).
            return HTTPStatus.BAD_REQUEST, payload
        return code, payload


def valid_unicode(value: Any) -> Any:
    """``value`` (decoded JSON) with every lone surrogate in its strings replaced by U+FFFD: such text
    cannot be encoded, so the search, opencc and every send would fail on it. A surrogate pair
    escaped in JSON is already one character after decoding; what is left is broken."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value) if not value.isascii() else value
    if isinstance(value, list):
        return [valid_unicode(item) for item in value]
    if isinstance(value, dict):
        return {key: valid_unicode(item) for key, item in value.items()}
    return value


class UpdatesRequest(BotApiRequest):
    """The getUpdates client: valid Unicode, and updates the library cannot parse skipped (see above)."""

    def parse_json_payload(self, payload: bytes) -> dict[str, Any]:
        data = valid_unicode(super().parse_json_payload(payload))
        if isinstance(data.get("result"), list):
            data["result"] = updates_parsed(data["result"])
        return data


def updates_parsed(updates: list[Any]) -> list[Any]:
    """The updates as they came, each that python-telegram-bot cannot parse replaced by its id alone
    (logged once: the next getUpdates moves past it)."""
    return [_parseable(update) for update in updates]


def _parseable(update: Any) -> Any:
    try:
        Update.de_json(update, None)
    except Exception as error:  # whatever the library trips over, the rest must go on
        update_id = update.get("update_id") if isinstance(update, dict) else None
        if not isinstance(update_id, int):
            raise
        kinds = [key for key in update if key != "update_id"]
        log.error("update %s (%s) cannot be parsed and is skipped: %s: %s",
                  update_id, ", ".join(kinds) or "empty", type(error).__name__, error)
        return {"update_id": update_id}
    return update
