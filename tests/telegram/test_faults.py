"""Nothing lost under faults: the real Application over HTTP while the Bot API stand-in injects them.

Sends through 5xx, 429, dropped and hanging connections; refusals not retried; a start through a
failing getMe and a refused command menu; an update the library cannot parse; chats that do not wait
for each other (a group held back by its send limit, an inline burst); a database locked by another
process. Every wait is on an event (a call the stand-in records, the update queue joined); the only
sleep holds a lock for the 8 seconds the scenario names.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot import texts
from bot.library import Library
from bot.store import DB_FILENAME
from tests.support.botapi import BotApiStandin, Recorded
from tests.telegram.conftest import RunningBot, bot_settings, start_bot
from tests.telegram.harness import running_bot

QUESTION = "什么是暂存区"


@asynccontextmanager
async def git_bot(git_notes: Path, git_library: Library, tmp_path: Path, **settings: Any) -> AsyncIterator[RunningBot]:
    """A fresh stand-in and the real bot over the Git notes (``settings`` on top of the tests' own)."""
    async with BotApiStandin() as api:
        async for running in start_bot(api, git_library, bot_settings(api, git_notes, tmp_path, **settings)):
            yield running


def answers(api: BotApiStandin, chat_id: int, method: str = "sendMessage", since: int = 0) -> list[Recorded]:
    return [rec for rec in api.requests[since:] if rec.method == method and rec.ok and rec.chat_id == chat_id]


async def test_every_reply_arrives_once_through_ten_seconds_of_5xx_429_dropped_and_hanging_sends(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        people = [api.user(f"学员{number}") for number in range(12)]
        mark = api.mark()
        fault = api.fault("sendMessage", (500, "drop", 502, 429, "hang"), seconds=10)
        for person in people:
            api.message(api.private_chat(person), person, QUESTION)
        for person in people:
            await api.wait_for("sendMessage", lambda rec, chat=person.id: rec.chat_id == chat, timeout=60, since=mark)
        await running.handled()
    for person in people:
        (reply,) = answers(api, person.id, since=mark)  # once: no reply lost, none twice
        assert "暂存区" in reply.text
    faulted = {rec.status for rec in api.requests[mark:] if rec.method == "sendMessage" and not rec.ok}
    assert faulted == {500, 0, 502, 429, -1} and fault.hits >= 12  # every kind of fault was met


async def test_a_send_that_keeps_failing_is_given_up_in_bounded_time_and_logged_with_its_update_id(
    git_notes: Path, git_library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with git_bot(git_notes, git_library, tmp_path, send_retry_seconds=2) as running:
        api = running.api
        alice = api.user("Alice")
        api.fault("sendMessage", (503,), chat_id=alice.id)
        with caplog.at_level(logging.WARNING):
            api.message(api.private_chat(alice), alice, QUESTION)
            update_id = api.last_update_id
            await running.handled()
    tries = [rec for rec in api.calls("sendMessage") if rec.chat_id == alice.id]
    assert 2 <= len(tries) <= 5 and not any(rec.ok for rec in tries)  # retried, with pauses, then given up
    assert f"update {update_id}: NetworkError" in caplog.text


async def test_refusals_are_not_retried(git_notes: Path, git_library: Library, tmp_path: Path) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        for status in (400, 413):  # 413 is a 4xx python-telegram-bot would call a NetworkError
            person = api.user(f"User {status}")
            chat = api.private_chat(person)
            api.fault("sendMessage", (status,), chat_id=chat.id, times=1)
            api.message(chat, person, QUESTION)
            await running.handled()
            assert [rec.status for rec in api.calls("sendMessage") if rec.chat_id == chat.id] == [status]
            _, later = await running.say(chat, person, QUESTION)  # the bot is fine
            assert "暂存区" in later.text


async def test_a_failing_and_a_hanging_getme_and_a_refused_command_menu_do_not_stop_the_start(
    git_notes: Path, git_library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with BotApiStandin() as api:
        api.fault("getMe", (500, "hang"), times=2)  # then it answers
        api.fault("setMyCommands", (400,))  # the menu is refused for good
        with caplog.at_level(logging.WARNING):
            async for running in start_bot(api, git_library, bot_settings(api, git_notes, tmp_path)):
                alice = api.user("Alice")
                _, reply = await running.say(api.private_chat(alice), alice, QUESTION)
                assert "暂存区" in reply.text
                await api.wait_for("setMyCommands", ok=False, since=0)
                await running.handled()
    assert {500, -1, 200} <= {rec.status for rec in api.calls("getMe")}  # failed, hung (timed out), answered
    assert "the command menu could not be set" in caplog.text


async def test_an_update_the_library_cannot_parse_is_logged_once_and_skipped(
    git_notes: Path, git_library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        alice = api.user("Alice")
        chat = api.private_chat(alice)
        with caplog.at_level(logging.INFO):
            mark = api.mark()
            poison = api.unparseable_poll(chat, alice)
            _, reply = await running.say(chat, alice, QUESTION)  # the update after it is handled
            assert "暂存区" in reply.text
            await running.handled()
    assert len([line for line in caplog.text.splitlines() if f"update {poison}" in line]) == 1
    assert "cannot be parsed" in caplog.text and "persistent_id" in caplog.text
    assert len(api.calls("getUpdates")[mark:]) < 10  # fetched past once, not again and again


async def test_text_with_lone_surrogates_is_answered(git_notes: Path, git_library: Library, tmp_path: Path) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        alice = api.user("Alice")
        _, reply = await running.say(api.private_chat(alice), alice, "什么是\ud800暂存区\udfff")
        assert "暂存区" in reply.text and "\ufffd" in reply.text


async def test_one_chats_updates_are_answered_in_the_order_they_came(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    # answers and refusals, quick and slower searches: handled at once, a later one could overtake
    questions = ["什么是暂存区", "今天天气怎么样", "怎么切换分支", "git stash 有什么用", "远程仓库怎么添加", "分支"]
    questions *= 2
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        alice = api.user("Alice")
        for question in questions:
            api.message(api.private_chat(alice), alice, question)
        await running.handled()
    assert [rec.text.splitlines()[0] for rec in answers(api, alice.id)] == [f"❓ {question}" for question in questions]


async def test_a_group_with_a_full_send_budget_does_not_delay_a_private_question(tmp_path: Path) -> None:
    async with BotApiStandin() as api:
        async with running_bot(api, tmp_path) as bot:
            owner, alice = api.user("Owner"), api.user("Alice")
            group = api.group("刷题群", owner=owner)
            mark = api.mark()
            for _ in range(22):  # 22 answers: two past the 20 a minute a group may get
                api.message(group, owner, "/ask 什么是容器")
            await api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id, since=mark)
            api.message(api.private_chat(alice), alice, "什么是容器")
            private = await api.wait_for("sendMessage", lambda rec: rec.chat_id == alice.id, timeout=10)
            sent = [await api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id, timeout=60, since=mark)
                    for _ in range(21)]
            await bot.handled()
    assert len(answers(api, group.id, "sendMessage", since=mark)) == 22
    assert private.seq < sent[-1].seq  # answered while the group waited for its budget


async def test_a_group_telegram_holds_back_with_429_does_not_delay_a_private_question(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        member, alice = api.user("Member"), api.user("Alice")
        group = api.group("被限流的群", members=[member])
        api.fault(("sendMessage",), (429,), chat_id=group.id, seconds=3)  # "retry after 1", again and again
        api.message(group, member, f"/ask {QUESTION}")
        await api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id, ok=False)
        api.message(api.private_chat(alice), alice, QUESTION)
        private = await api.wait_for("sendMessage", lambda rec: rec.chat_id == alice.id)
        in_group = await api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id, timeout=30, since=0)
        await running.handled()
    assert private.seq < in_group.seq  # the 429s paused that group only


async def test_an_inline_burst_does_not_delay_another_chats_answer(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        typist, alice = api.user("Typist"), api.user("Alice")
        mark = api.mark()
        for length in range(50):
            api.inline(typist, "分支" + "的" * length)
        api.message(api.private_chat(alice), alice, QUESTION)
        private = await api.wait_for("sendMessage", lambda rec: rec.chat_id == alice.id, timeout=30, since=mark)
        inline = [await api.wait_for("answerInlineQuery", timeout=60, since=mark) for _ in range(50)]
        await running.handled()
    assert private.seq < inline[-1].seq  # not queued behind the whole burst


async def test_a_database_locked_for_8_s_by_another_process_delays_only_the_write_that_needs_it(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    async with git_bot(git_notes, git_library, tmp_path) as running:
        api = running.api
        alice, bob = api.user("Alice"), api.user("Bob")
        _, answer = await running.say(api.private_chat(alice), alice, QUESTION)
        await running.say(api.private_chat(bob), bob, QUESTION)  # both chats known already
        thumb = next(button["callback_data"] for row in answer.result["reply_markup"]["inline_keyboard"]
                     for button in row if button["callback_data"].startswith("f:"))
        other_process = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
        other_process.execute("BEGIN EXCLUSIVE")
        locked_at = time.monotonic()
        try:
            api.press(answer.result, thumb, alice)  # a feedback write: it must wait for the lock
            _, reply = await running.say(api.private_chat(bob), bob, "怎么切换分支")
            assert "git switch" in reply.text  # answered meanwhile: the event loop is not frozen
            assert not api.calls("answerCallbackQuery")  # the write is still waiting
            await asyncio.sleep(max(0.0, 8.0 - (time.monotonic() - locked_at)))  # the lock is held 8 s
        finally:
            other_process.rollback()
            other_process.close()
        toast = await api.wait_for("answerCallbackQuery", timeout=10, since=0)
        assert toast.params.get("text") in (texts.FEEDBACK_THANKS, texts.FEEDBACK_SORRY)
        counts = running.store.feedback_counts()
        assert counts.helpful + counts.unhelpful == 1  # the write waited, then succeeded
