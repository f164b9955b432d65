"""A daily push survives a crash: a real `notesbot run` killed with SIGKILL mid-push to 200 chats, then
restarted, and every chat has exactly one complete push, counted from the stand-in's record.

The kill comes while the network to Telegram is cut (every send hangs, none arrives) and after the
bot has recorded every answer it got: the one moment no client can make safe is a send Telegram
accepted whose answer the bot had no time to record, and the Bot API cannot be asked what arrived.
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from bot import texts
from bot.store import DB_FILENAME, Store
from tests.support.botapi import BotApiStandin, FakeChat
from tests.telegram.harness import NOTES, notesbot_env, notesbot_run, output

CHATS = 200
POLLS = 2
SENDS = ("sendMessage", "sendPoll")


def delivered(api: BotApiStandin) -> Counter[tuple[int, str]]:
    """(chat, method) -> sends that reached the chat."""
    return Counter((rec.chat_id, rec.method) for rec in api.requests if rec.method in SENDS and rec.ok)


def recorded(data_dir: Path) -> dict[int, tuple[int, int]]:
    """chat -> (header sent, items done) as the bot's database says (read as another process would)."""
    database = sqlite3.connect(data_dir / DB_FILENAME)
    try:
        return {chat: (header, done) for chat, header, done in
                database.execute("SELECT chat_id, header_sent, items_done FROM pushes")}
    finally:
        database.close()


def all_answers_recorded(api: BotApiStandin, data_dir: Path) -> bool:
    """Whether the bot has recorded every send that reached a chat (none is between answer and record)."""
    sent, progress = delivered(api), recorded(data_dir)
    return all(
        header >= sent[(chat, "sendMessage")] and done >= sent[(chat, "sendPoll")]
        for chat, (header, done) in ((chat, progress.get(chat, (0, 0))) for chat, _ in sent)
    )


async def until(condition, timeout: float) -> None:
    """Wait for a condition on another process's database: it sends no event, so look every 50 ms."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not reached in time"
        await asyncio.sleep(0.05)


async def test_a_push_to_200_chats_killed_mid_way_is_finished_by_the_restart_once_for_every_chat(tmp_path: Path) -> None:
    data = tmp_path / "data"
    async with BotApiStandin() as api:
        chats: list[FakeChat] = [
            api.group(f"学习群 {number}") if number % 2 else api.private_chat(api.user(f"学员{number}"))
            for number in range(CHATS)
        ]
        with Store.open(data) as store:  # 200 chats subscribed at 00:00 UTC: all owed today's push
            now = datetime.now(timezone.utc)
            for chat in chats:
                store.upsert_chat(chat.id, chat.type, chat.title or chat.first_name, now)
                store.set_chat_timezone(chat.id, "UTC")
                store.set_subscription(chat.id, "00:00", POLLS)
        env = notesbot_env(api, NOTES, data, PUSH_LEASE_SECONDS="2")  # the restart takes over after it
        async with notesbot_run(env, tmp_path) as first:
            # a third of the push goes out, then the network to Telegram is cut
            await api.wait_until(lambda: sum(delivered(api).values()) >= CHATS, timeout=60)
            cut = api.fault(SENDS, ("hang",))
            await until(lambda: all_answers_recorded(api, data), timeout=20)
            first.send_signal(signal.SIGKILL)
            await first.wait()
        cut.stop()  # the sends in flight when it died never arrived
        assert first.returncode == -signal.SIGKILL
        before = delivered(api)
        assert 0 < sum(before.values()) < CHATS * (1 + POLLS)  # it died mid-push
        async with notesbot_run(env, tmp_path) as second:
            complete = lambda: all(  # noqa: E731
                delivered(api)[(chat.id, "sendMessage")] >= 1 and delivered(api)[(chat.id, "sendPoll")] >= POLLS
                for chat in chats
            )
            await api.wait_until(complete, timeout=120)
            second.send_signal(signal.SIGTERM)
            log = await output(second)
        assert second.returncode == 0, log
    after = delivered(api)
    for chat in chats:  # exactly one complete push each: the header once, each poll once
        assert (after[(chat.id, "sendMessage")], after[(chat.id, "sendPoll")]) == (1, POLLS), chat.id
        sends = [rec for rec in api.requests if rec.ok and rec.method in SENDS and rec.chat_id == chat.id]
        assert sends[0].text == texts.DAILY_PUSH_HEADER.format(count=POLLS)  # the header first
        assert len({rec.params["question"] for rec in sends[1:]}) == POLLS  # the items it claimed, none twice
    # when it died, some chats had part of their push and some none: both were finished, once
    at_kill = Counter((before[(chat.id, "sendMessage")], before[(chat.id, "sendPoll")]) for chat in chats)
    assert at_kill[(0, 0)] > 0 and sum(count for sent, count in at_kill.items() if sent not in ((0, 0), (1, POLLS))) > 0
    assert "daily pushes a restart, a failure or a stopped process left unfinished" in log  # it says what it does
