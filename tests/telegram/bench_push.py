"""Benchmark: one daily push to many chats through the app's AIORateLimiter, against the Bot API stand-in.

Run it as a script (it prints figures; nothing here is a timed assertion)::

    .venv/bin/python -m tests.telegram.bench_push            # 200 chats (half groups), 3 polls each
    .venv/bin/python -m tests.telegram.bench_push --chats 50 --polls 1

The stand-in emulates Telegram's flood control (about 30 messages a second overall, 20 a minute per
group) and answers 429 when it is exceeded, so "429 answered" shows whether the limiter kept to them.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.telegram.daily import push_due
from tests.support.botapi import BotApiStandin
from tests.telegram.harness import running_bot

_SENDS = ("sendMessage", "sendPoll")


@dataclass(frozen=True)
class PushFigures:
    chats: int
    pushed: int
    dropped: int
    failed: int
    messages: int  # successful sendMessage + sendPoll
    too_many: int  # 429 answers from the stand-in's flood control
    seconds: float
    peak_per_second: int  # most sends within any 1 s window
    peak_group_per_minute: int  # most sends to one group within any 60 s window

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        return [
            f"chats subscribed      {self.chats}",
            f"chats pushed          {self.pushed} (dropped {self.dropped}, failed {self.failed})",
            f"messages sent         {self.messages}",
            f"wall time             {self.seconds:.2f} s",
            f"throughput            {self.per_second:.1f} messages/s",
            f"peak in any 1 s       {self.peak_per_second} messages",
            f"peak group in 60 s    {self.peak_group_per_minute} messages",
            f"429 answered          {self.too_many}",
        ]


async def run_bench(chats: int = 200, polls: int = 3, group_share: float = 0.5, data_dir: Path | None = None) -> PushFigures:
    """Subscribe `chats` chats (a share of them groups) and time one push to all of them."""
    zone = ZoneInfo("Asia/Shanghai")
    with tempfile.TemporaryDirectory() as scratch:
        folder = data_dir or Path(scratch)
        async with BotApiStandin(flood_control=True) as api:
            async with running_bot(api, folder) as bot:
                now = datetime.now(zone)
                groups = round(chats * group_share)
                for number in range(chats):
                    if number < groups:
                        chat = api.group(f"学习群 {number}")
                    else:
                        chat = api.private_chat(api.user(f"学员{number}"))
                    bot.store.upsert_chat(chat.id, chat.type, chat.title or chat.first_name, now)
                    bot.store.set_subscription(chat.id, "00:00", polls)
                mark = api.mark()
                start = time.perf_counter()
                report = await push_due(bot.app.bot, bot.store, bot.library, bot.settings, now)
                seconds = time.perf_counter() - start
                calls = [rec for rec in api.requests[mark:] if rec.method in _SENDS]
                return PushFigures(
                    chats=chats,
                    pushed=len(report.pushed),
                    dropped=len(report.dropped),
                    failed=len(report.failed),
                    messages=sum(rec.ok for rec in calls),
                    too_many=sum(rec.status == 429 for rec in calls),
                    seconds=seconds,
                    peak_per_second=api.peak_rate(1.0),
                    peak_group_per_minute=api.peak_rate(60.0, groups_only=True),
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--polls", type=int, default=3)
    parser.add_argument("--group-share", type=float, default=0.5)
    args = parser.parse_args(argv)
    figures = asyncio.run(run_bench(args.chats, args.polls, args.group_share))
    print("\n".join(figures.lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
