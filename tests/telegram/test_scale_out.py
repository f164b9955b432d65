"""Two `notesbot run` processes in webhook mode on one PostgreSQL database, as behind a load balancer,
against the Bot API stand-in, which delivers the updates to the two webhooks over HTTP:

- updates delivered to either are handled once, also when Telegram delivers one again to the other;
- a quiz poll sent by one and answered through the other is scored;
- a daily push to 200 chats goes out once per chat with both running, and when one is killed with
  SIGKILL mid-push the other finishes what it left (the claim and its lease live in the database).

Another process gives no events to wait on: its database and metrics are looked at every 50 ms,
with a deadline (`until`).
"""

from __future__ import annotations

import asyncio
import re
import signal
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
import psycopg
import pytest
import pytest_asyncio

from bot import texts
from bot.library import load_library
from bot.store import Store
from tests.support.botapi import BotApiStandin
from tests.support.ports import free_port
from tests.support.postgres import Cluster
from tests.telegram.harness import NOTES, notesbot_env, notesbot_run, output
from tests.telegram.test_crash_safe_push import SENDS, delivered, until

pytestmark = [pytest.mark.postgres, pytest.mark.asyncio(loop_scope="module")]

SECRET = "scale-out-secret"
PUBLIC_URL = "https://bot.example.org/notesbot-hook"  # what Telegram calls: the load balancer


@dataclass
class Bot:
    """One `notesbot run` process: its webhook (the same port serves /metrics and /healthz)."""

    process: asyncio.subprocess.Process
    port: int

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/notesbot-hook"

    async def handled(self, session: aiohttp.ClientSession, kind: str) -> int:
        """How many updates of `kind` it has handled (its metrics)."""
        async with session.get(f"http://127.0.0.1:{self.port}/metrics") as answer:
            text = await answer.text()
        found = re.search(rf'^notesbot_updates_total{{kind="{kind}"}} (\S+)$', text, re.M)
        return int(float(found.group(1))) if found else 0


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The processes' data folder (with PostgreSQL only the index cache), its cache built once here."""
    folder = tmp_path_factory.mktemp("data")
    load_library(NOTES, folder / "cache")
    return folder


async def start_pair(stack: AsyncExitStack, api: BotApiStandin, database: str, data: Path, cwd: Path) -> tuple[Bot, Bot]:
    """Two processes on one database (and one data folder), both ready."""
    bots = []
    for _ in range(2):
        port = free_port()
        env = notesbot_env(api, NOTES, data, DATABASE_URL=database, WEBHOOK_URL=PUBLIC_URL,
                           WEBHOOK_LISTEN="127.0.0.1", WEBHOOK_PORT=str(port), WEBHOOK_SECRET_TOKEN=SECRET,
                           METRICS_PORT=str(port), PUSH_LEASE_SECONDS="2")
        bots.append(Bot(await stack.enter_async_context(notesbot_run(env, cwd)), port))
    await api.wait_until(lambda: len(api.calls("setWebhook")) == 2, timeout=60)  # after their servers listen
    api.deliver_to([bot.webhook for bot in bots], SECRET)
    return bots[0], bots[1]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def pair(
    postgres_cluster: Cluster, data_folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[BotApiStandin, Bot, Bot, str]]:
    async with BotApiStandin() as api, AsyncExitStack() as stack:
        database = postgres_cluster.new_database()
        one, two = await start_pair(stack, api, database, data_folder, tmp_path_factory.mktemp("pair"))
        yield api, one, two, database


async def test_updates_delivered_to_either_process_are_handled_once(pair) -> None:
    api, one, two, _ = pair
    people = [api.user(f"学员{number}") for number in range(12)]
    for person in people:  # in turn to one and the other, as a load balancer does
        api.message(api.private_chat(person), person, "什么是容器")
    for person in people:
        await api.wait_for("sendMessage", lambda rec, chat=person.id: rec.chat_id == chat, timeout=20)
    again = api.mark()
    for update_id, url, status in list(api.deliveries):  # Telegram delivers each again, to the other
        assert status == 200
        api.deliver(update_id, two.webhook if url == one.webhook else one.webhook)
    await api.wait_delivered()
    async with aiohttp.ClientSession() as session:
        await until_async(lambda: handled_messages(session, one, two), lambda total: total == 2 * len(people))
        assert await one.handled(session, "message") == await two.handled(session, "message") == len(people)
    assert [rec for rec in api.requests[again:] if rec.method == "sendMessage"] == []
    assert Counter(rec.chat_id for rec in api.calls("sendMessage")) == {person.id: 1 for person in people}


async def test_a_poll_sent_by_one_process_and_answered_through_the_other_is_scored(pair) -> None:
    api, one, two, database = pair
    learner = api.user("答题人")
    chat = api.private_chat(learner)
    api.deliver_to([one.webhook], SECRET)
    api.message(chat, learner, "/quiz")
    poll = await api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id, timeout=20)
    poll_id = poll.result["poll"]["id"]
    with psycopg.connect(database) as db:  # the process that sent it has recorded it
        await until(lambda: db.execute("SELECT 1 FROM polls WHERE poll_id = %s", (poll_id,)).fetchone(), 10)
    api.deliver_to([two.webhook], SECRET)
    api.answer_poll(poll_id, learner, poll.params["correct_option_ids"])
    with psycopg.connect(database) as db:
        await until(lambda: db.execute("SELECT 1 FROM poll_answers WHERE poll_id = %s", (poll_id,)).fetchone(), 10)
        assert db.execute("SELECT user_id, correct FROM poll_answers WHERE poll_id = %s", (poll_id,)).fetchall() == [
            (learner.id, 1)]
    api.deliver_to([one.webhook], SECRET)
    api.message(chat, learner, "/me")
    me = await api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id, timeout=20)
    assert "答题：1 道，答对 1 道" in me.text  # scored by the other process, seen by this one


async def test_a_push_to_200_chats_goes_out_once_each_and_survives_a_process_killed_mid_push(
    postgres_cluster: Cluster, data_folder: Path, tmp_path: Path
) -> None:
    database = postgres_cluster.new_database()
    async with BotApiStandin() as api, AsyncExitStack() as stack:
        chats = [api.group(f"学习群 {n}") if n % 2 else api.private_chat(api.user(f"学员{n}")) for n in range(200)]
        with Store.open(database) as store:  # 200 chats subscribed at 00:00 UTC: all owed today's push
            now = datetime.now(timezone.utc)
            for chat in chats:
                store.upsert_chat(chat.id, chat.type, chat.title or chat.first_name, now)
                store.set_chat_timezone(chat.id, "UTC")
                store.set_subscription(chat.id, "00:00", 1)
        one, two = await start_pair(stack, api, database, data_folder, tmp_path)
        await api.wait_until(lambda: sum(delivered(api).values()) >= 280, timeout=60)  # of 400: mid-push
        cut = api.fault(SENDS, ("hang",))  # the network to Telegram is cut: nothing more arrives
        with psycopg.connect(database, autocommit=True) as db:
            await until(lambda: all_recorded(api, db), 20)
            holders = Counter(owner for (owner,) in db.execute("SELECT owner FROM pushes WHERE finished = 0"))
        victim = max((one, two), key=lambda bot: sum(n for owner, n in holders.items() if f":{bot.process.pid}:" in owner))
        survivor = two if victim is one else one
        left_by_victim = sum(n for owner, n in holders.items() if f":{victim.process.pid}:" in owner)
        victim.process.send_signal(signal.SIGKILL)
        await victim.process.wait()
        cut.stop()  # the survivor's sends in flight never arrived: it sends them again
        before = delivered(api)
        assert left_by_victim > 0 and 0 < sum(before.values()) < 200 * 2
        complete = lambda: all(  # noqa: E731
            delivered(api)[(chat.id, "sendMessage")] >= 1 and delivered(api)[(chat.id, "sendPoll")] >= 1 for chat in chats)
        await api.wait_until(complete, timeout=120)
        survivor.process.send_signal(signal.SIGTERM)
        log = await output(survivor.process)
        assert survivor.process.returncode == 0, log
    after = delivered(api)
    for chat in chats:  # exactly one complete push each: the header once, each poll once
        assert (after[(chat.id, "sendMessage")], after[(chat.id, "sendPoll")]) == (1, 1), chat.id
        sends = [rec for rec in api.requests if rec.ok and rec.method in SENDS and rec.chat_id == chat.id]
        assert sends[0].text == texts.DAILY_PUSH_HEADER.format(count=1)  # the header first
    with psycopg.connect(database) as db:
        assert db.execute("SELECT COUNT(*) FROM pushes WHERE finished = 0").fetchone() == (0,)
    assert "a stopped process left unfinished" in log  # the survivor took over what the victim held


def all_recorded(api: BotApiStandin, db: psycopg.Connection) -> bool:
    """Whether the processes have recorded every send that reached a chat (none between answer and record)."""
    sent = delivered(api)
    progress = {chat: (header, done) for chat, header, done in
                db.execute("SELECT chat_id, header_sent, items_done FROM pushes")}
    return all(progress.get(chat, (0, 0))[0] >= sent[(chat, "sendMessage")] and
               progress.get(chat, (0, 0))[1] >= sent[(chat, "sendPoll")] for chat, _ in sent)


async def handled_messages(session: aiohttp.ClientSession, one: Bot, two: Bot) -> int:
    return await one.handled(session, "message") + await two.handled(session, "message")


async def until_async(measure: Callable, done: Callable[[int], bool], timeout: float = 20) -> None:
    """Look at another process's figures every 50 ms until `done` holds (a deadline, not a timing)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not done(value := await measure()):
        assert loop.time() < deadline, f"not reached in time: {value}"
        await asyncio.sleep(0.05)
