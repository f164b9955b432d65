"""The bot's HTTP side, on tornado (which python-telegram-bot's webhook extra brings):

- Telegram's webhook calls (webhook mode, on WEBHOOK_LISTEN:WEBHOOK_PORT at WEBHOOK_URL's path): the
  secret is checked (403 without it), text made valid Unicode and an update the library cannot parse
  reduced to its id, as for long polling (`bot.telegram.network`); the update goes on the
  application's queue and the call is answered 200 at once.
- `GET /healthz`, on the webhook port and on the metrics port: 200 when the store answers (within
  `HEALTH_TIMEOUT_SECONDS`) and notes are loaded, 503 with what is wrong otherwise.
- `GET /metrics` on METRICS_LISTEN:METRICS_PORT: Prometheus' text format (`bot.metrics`).

No request is logged: a health check every few seconds would fill the log.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from dataclasses import dataclass
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Update
from tornado.httpserver import HTTPServer

from bot.store import StoreError
from bot.telegram.base import LIBRARY, METRICS, STORE, in_store
from bot.telegram.network import updates_parsed, valid_unicode

if TYPE_CHECKING:
    from telegram.ext import Application

__all__ = ["HEALTH_TIMEOUT_SECONDS", "Server", "health_problems", "start_server"]

HEALTH_TIMEOUT_SECONDS = 5.0
_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def health_problems(application: Application) -> list[str]:
    """What keeps the bot from answering: its notes hold no passages, its store does not answer."""
    problems = []
    if not application.bot_data[LIBRARY].corpus.passages:
        problems.append("notes: no passages loaded")
    store = application.bot_data[STORE]
    try:
        await asyncio.wait_for(in_store(store, store.ping), HEALTH_TIMEOUT_SECONDS)
    except StoreError as error:
        problems.append(f"store: {error}")
    except TimeoutError:
        problems.append(f"store: no answer within {HEALTH_TIMEOUT_SECONDS:.0f} s")
    return problems


class _Quiet(tornado.web.Application):
    def log_request(self, handler: tornado.web.RequestHandler) -> None:
        """Requests are not logged (see the module docstring)."""


class _Handler(tornado.web.RequestHandler):
    def initialize(self, bot_app: Application, secret: str = "") -> None:  # tornado's per-request hook
        self.bot_application = bot_app
        self.secret = secret


class _Health(_Handler):
    async def get(self) -> None:
        problems = await health_problems(self.bot_application)
        self.set_status(HTTPStatus.SERVICE_UNAVAILABLE if problems else HTTPStatus.OK)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": not problems, "problems": problems}, ensure_ascii=False))


class _Metrics(_Handler):
    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(self.bot_application.bot_data[METRICS].exposition())


class _Webhook(_Handler):
    async def post(self) -> None:
        given = self.request.headers.get(_SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        if not self.request.headers.get("Content-Type", "").startswith("application/json"):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            data = valid_unicode(json.loads(self.request.body))
            (data,) = updates_parsed([data])
            update = Update.de_json(data, self.bot_application.bot)
        except Exception as error:  # not an update: nothing to redeliver
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST) from error
        await self.bot_application.update_queue.put(update)
        self.finish()


@dataclass
class Server:
    """One listening HTTP server and what it serves."""

    http: HTTPServer
    port: int
    paths: tuple[str, ...]

    async def stop(self) -> None:
        self.http.stop()
        await self.http.close_all_connections()


def start_server(
    application: Application, listen: str, port: int, *, webhook: dict[str, Any] | None = None, metrics: bool = False
) -> Server:
    """Listen on `listen:port` (call it on the running loop) for /healthz, and for Telegram's calls
    (`webhook`: `bot.cli.run.webhook_options`) and /metrics as asked."""
    shared = {"bot_app": application}
    routes: list[Any] = [(r"/healthz", _Health, shared)]
    if metrics:
        routes.append((r"/metrics", _Metrics, shared))
    if webhook is not None:
        routes.append((rf"/{webhook['url_path']}/?", _Webhook, {**shared, "secret": webhook["secret_token"]}))
    server = HTTPServer(_Quiet(routes))
    server.listen(port, address=listen)
    return Server(server, port, tuple(route[0].rstrip("/?") for route in routes))

