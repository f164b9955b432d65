"""`notesbot health`: ask the running bot (on this machine) whether it is healthy, for a container's
HEALTHCHECK or a monitor. Exit 0 when /healthz answers 200, 1 when it answers 503 or nothing, 2 when
the bot serves no HTTP (long polling without METRICS_PORT). The settings are the bot's own."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings

__all__ = ["add_arguments", "health_url", "main"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for the answer (default 10)")


def health_url(settings: Settings) -> str | None:
    """Where the bot with these settings answers /healthz: the webhook's port in webhook mode, else
    METRICS_PORT; None when it serves neither."""
    if settings.webhook_url:
        port, listen = settings.webhook_port, settings.webhook_listen
    elif settings.metrics_port is not None:
        port, listen = settings.metrics_port, settings.metrics_listen
    else:
        return None
    host = "127.0.0.1" if listen in ("", "0.0.0.0", "::") else listen
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/healthz"


def main(args: argparse.Namespace) -> int:
    from bot.config import load_settings

    url = health_url(load_settings())
    if url is None:
        print("notesbot health: the bot serves no HTTP here (long polling without METRICS_PORT)", file=sys.stderr)
        return 2
    try:
        with urllib.request.urlopen(url, timeout=args.timeout) as answer:  # noqa: S310 (a local http URL)
            body = answer.read()
    except urllib.error.HTTPError as error:
        problems = json.loads(error.read() or b"{}").get("problems", [])
        print(f"unhealthy ({error.code}): {'; '.join(problems) or error.reason}", file=sys.stderr)
        return 1
    except (urllib.error.URLError, OSError) as error:
        print(f"unhealthy: {url} does not answer ({getattr(error, 'reason', error)})", file=sys.stderr)
        return 1
    print(f"healthy: {json.loads(body).get('ok')}", file=sys.stderr)
    return 0
