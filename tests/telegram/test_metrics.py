"""What the bot counts for Prometheus, read from /metrics of a real bot; and `notesbot health`, the
command a container's HEALTHCHECK runs, against a real `notesbot run`."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.telegram.http import start_server
from tests.support.botapi import BotApiStandin
from tests.support.paths import REPO
from tests.support.ports import free_port
from tests.telegram.harness import (
    NOTES,
    notesbot_env,
    notesbot_run,
    output,
    running_bot,
)


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


async def test_metrics_count_updates_answers_refusals_quiz_answers_and_pushes(tmp_path: Path) -> None:
    port = free_port()
    async with BotApiStandin() as api, running_bot(api, tmp_path) as bot:
        server = start_server(bot.app, "127.0.0.1", port, metrics=True)
        alice = api.user("Alice")
        chat = api.private_chat(alice)
        await bot.command(chat, alice, "什么是容器")
        await bot.command(chat, alice, "怎么做蛋糕")
        (poll,) = await bot.polls_after(chat, alice, "/quiz", 1)
        api.answer_poll(poll.result["poll"]["id"], alice, [(poll.params["correct_option_ids"][0] + 1) % 2])
        await bot.handled()
        bob = api.user("Bob")
        for person in (alice, bob):  # owed today's push; Bob has blocked the bot
            bot.store.upsert_chat(person.id, "private", person.first_name, datetime.now(timezone.utc))
            bot.store.set_chat_timezone(person.id, "UTC")
            bot.store.set_subscription(person.id, "00:00", 1)
        api.forbid(api.private_chat(bob).id)
        await bot.daily_job.run(bot.app)  # the real job, once
        async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/metrics") as answer:
            found = samples(await answer.text())
        await server.stop()
    assert found[("notesbot_pushes_total", (("outcome", "sent"),))] == 1
    assert found[("notesbot_pushes_total", (("outcome", "failed"),))] == 1
    assert found[("notesbot_questions_total", (("outcome", "answered"),))] == 1
    assert found[("notesbot_questions_total", (("outcome", "refused"),))] == 1
    assert found[("notesbot_quiz_answers_total", (("result", "wrong"),))] == 1
    assert found[("notesbot_updates_total", (("kind", "poll_answer"),))] == 1
    assert found[("notesbot_updates_total", (("kind", "message"),))] == 4  # two questions, /quiz, /me
    assert found[("notesbot_update_seconds_count", (("kind", "message"),))] == found[("notesbot_updates_total", (("kind", "message"),))]


def health(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "health", "--timeout", "5"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)


async def test_notesbot_health_says_whether_the_running_bot_is_healthy(tmp_path: Path) -> None:
    port = free_port()
    async with BotApiStandin() as api:
        env = notesbot_env(api, NOTES, tmp_path / "data", METRICS_PORT=str(port), METRICS_LISTEN="127.0.0.1")
        async with notesbot_run(env, tmp_path) as bot:
            await api.wait_get_updates_started(timeout=60)  # polling (after a cold start): its servers listen by then
            healthy = await asyncio.to_thread(health, env)
            bot.send_signal(signal.SIGTERM)
            log = await output(bot)
        stopped = await asyncio.to_thread(health, env)
    assert healthy.returncode == 0, healthy.stderr + log
    assert bot.returncode == 0, log  # its servers stopped cleanly with it
    assert stopped.returncode == 1 and "does not answer" in stopped.stderr
    no_port = {key: value for key, value in env.items() if key != "METRICS_PORT"}
    assert (await asyncio.to_thread(health, no_port)).returncode == 2  # long polling without METRICS_PORT
