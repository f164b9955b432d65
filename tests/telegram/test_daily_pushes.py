"""/daily, /timezone and the daily push end to end: real Application, real JobQueue, real SQLite file.

Time is simulated by calling `push_due` (what the repeating job calls) with a chosen `now`; one test
lets the real JobQueue fire its start-up check on the real clock. No sleeping anywhere.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.store import SQLiteStore, StoreError
from bot.study.daily import DEFAULT_COUNT
from bot.study.flow import chat_learner_key
from bot.telegram.daily import PushReport, push_due
from tests.support.botapi import BotApiStandin, Recorded
from tests.telegram.harness import BOT_ADMIN, Running, running_bot

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAY = date(2030, 5, 6)  # a simulated day, far from the real clock's


def shanghai(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime.combine(day, time(hh, mm), tzinfo=SHANGHAI)


async def push(bot: Running, now: datetime) -> PushReport:
    return await push_due(bot.app.bot, bot.store, bot.library, bot.settings, now)


def sends(bot: Running, mark: int, chat_id: int, method: str = "sendPoll") -> list[Recorded]:
    return [c for c in bot.api.requests[mark:] if c.method == method and c.ok and c.chat_id == chat_id]


@pytest.fixture
async def api() -> BotApiStandin:
    async with BotApiStandin() as standin:
        yield standin


async def test_daily_by_a_non_admin_in_a_group_is_refused(api: BotApiStandin, tmp_path: Path) -> None:
    owner, admin, member = api.user("Owner"), api.user("Admin"), api.user("Member")
    group = api.group("学习小组", owner=owner, admins=[admin], members=[member])
    async with running_bot(api, tmp_path) as bot:
        reply = await bot.command(group, member, "/daily 08:00 3")
        assert reply.text == texts.DAILY_ADMIN_ONLY
        assert bot.store.get_subscription(group.id) is None
        assert (await bot.command(group, member, "/timezone Europe/Berlin")).text == texts.DAILY_ADMIN_ONLY
        assert bot.store.get_chat(group.id).timezone is None
        # the refusal came from asking Telegram who the member is
        assert any(c.method == "getChatMember" and c.params["user_id"] == member.id for c in api.requests)
        # anyone may look
        assert (await bot.command(group, member, "/daily")).text == texts.DAILY_NONE
        # chat admins and the owner may change it
        reply = await bot.command(group, admin, "/daily 8:05 4")
        assert reply.text.startswith(texts.daily_status("08:05", 4, "Asia/Shanghai", "", new=True).split("\n")[0])
        subscription = bot.store.get_subscription(group.id)
        assert (subscription.hh_mm, subscription.count) == ("08:05", 4)
        berlin = (await bot.command(group, owner, "/timezone europe/berlin")).text
        assert berlin in (texts.timezone_set("Europe/Berlin", "UTC+01:00"), texts.timezone_set("Europe/Berlin", "UTC+02:00"))
        assert bot.store.get_chat(group.id).timezone == "Europe/Berlin"
        status = await bot.command(group, member, "/daily")
        assert "08:05" in status.text and "Europe/Berlin" in status.text
        # and so may the bot's own admins (ADMIN_USER_IDS), even when not chat admins
        boss = api.user("Boss", user_id=BOT_ADMIN)
        assert (await bot.command(group, boss, "/daily off")).text == texts.DAILY_OFF
        assert bot.store.get_subscription(group.id) is None


async def test_daily_in_private_arguments_and_errors(api: BotApiStandin, tmp_path: Path) -> None:
    alice = api.user("Alice")
    chat = api.private_chat(alice)
    async with running_bot(api, tmp_path) as bot:
        assert (await bot.command(chat, alice, "/daily")).text == texts.DAILY_NONE
        assert (await bot.command(chat, alice, "/daily 25:00")).text == texts.DAILY_BAD_TIME
        assert (await bot.command(chat, alice, "/daily 08:00 11")).text == texts.DAILY_BAD_COUNT
        assert (await bot.command(chat, alice, "/daily 08:00 3 x")).text == texts.DAILY_USAGE
        assert (await bot.command(chat, alice, "/timezone Mars/Base")).text == texts.TIMEZONE_BAD.format(value="Mars/Base")
        assert bot.store.get_subscription(chat.id) is None
        reply = await bot.command(chat, alice, "/daily 21:30")
        assert f"推送 {DEFAULT_COUNT} 道题" in reply.text
        assert (await bot.command(chat, alice, "/daily off")).text == texts.DAILY_OFF
        assert (await bot.command(chat, alice, "/daily off")).text == texts.DAILY_OFF_NONE


async def test_a_subscription_fires_survives_a_restart_and_is_scored(api: BotApiStandin, tmp_path: Path) -> None:
    owner, carol = api.user("Owner"), api.user("Carol")
    group = api.group("早读群", owner=owner, members=[carol])
    async with running_bot(api, tmp_path) as bot:
        await bot.command(group, owner, "/daily 08:00 2")
    # a new Application over the same SQLite file
    async with running_bot(api, tmp_path) as bot:
        assert bot.store.get_subscription(group.id).count == 2
        mark = api.mark()
        assert await push(bot, shanghai(DAY, 7, 59)) == PushReport()
        report = await push(bot, shanghai(DAY, 8, 0))
        assert report.pushed == (group.id,) and report.polls == 2
        (header,) = sends(bot, mark, group.id, "sendMessage")
        assert header.text == texts.DAILY_PUSH_HEADER.format(count=2)
        first, second = sends(bot, mark, group.id)
        assert all(rec.params["is_anonymous"] is False and rec.params["type"] == "quiz" for rec in (first, second))
        assert bot.store.get_poll(first.result["poll"]["id"]).origin == "daily"
        # the same minute again, or later that day: nothing more
        assert await push(bot, shanghai(DAY, 8, 1)) == PushReport()
        assert await push(bot, shanghai(DAY, 23, 59)) == PushReport()
        # members answer the group's push: each is scored, and the first answer moves the group's card
        correct = first.params["correct_option_ids"][0]
        api.answer_poll(first.result["poll"]["id"], carol, [correct])
        api.answer_poll(first.result["poll"]["id"], owner, [(correct + 1) % len(first.params["options"])])
        await bot.handled()
        top = await bot.command(group, carol, "/top")
        assert texts.top_row(1, "Carol", 1, 1) in top.text.splitlines()
        assert texts.top_row(2, "Owner", 0, 1) in top.text.splitlines()
        item_id = bot.store.get_poll(first.result["poll"]["id"]).item_id
        assert list(bot.store.get_cards(chat_learner_key(group.id))) == [item_id]
        # and the next day it fires again
        assert (await push(bot, shanghai(DAY + timedelta(days=1), 8, 0))).polls == 2


async def test_a_push_missed_while_down_is_caught_up_once(api: BotApiStandin, tmp_path: Path) -> None:
    alice = api.user("Alice")
    chat = api.private_chat(alice)
    async with running_bot(api, tmp_path) as bot:
        await bot.command(chat, alice, "/daily 08:00 1")
        assert await push(bot, shanghai(DAY - timedelta(days=1), 8, 0)) != PushReport()
    # down from 07:00 to 22:00 on DAY; back up: the 08:00 push is sent once
    async with running_bot(api, tmp_path) as bot:
        mark = api.mark()
        assert (await push(bot, shanghai(DAY, 22, 0))).pushed == (chat.id,)
        assert (await push(bot, shanghai(DAY, 22, 1))).pushed == ()
        assert len(sends(bot, mark, chat.id)) == 1
    # another restart the same evening: still not twice
    async with running_bot(api, tmp_path) as bot:
        mark = api.mark()
        assert await push(bot, shanghai(DAY, 23, 0)) == PushReport()
        # down over midnight: yesterday's push is not sent late the next morning, today's comes at 08:00
        assert await push(bot, shanghai(DAY + timedelta(days=1), 7, 0)) == PushReport()
        assert (await push(bot, shanghai(DAY + timedelta(days=1), 8, 0))).pushed == (chat.id,)
        assert len(sends(bot, mark, chat.id)) == 1


async def test_a_blocked_chat_is_dropped_and_the_others_still_get_theirs(api: BotApiStandin, tmp_path: Path) -> None:
    people = [api.user(f"P{i}") for i in range(3)]
    chats = [api.private_chat(person) for person in people]
    async with running_bot(api, tmp_path) as bot:
        for person, chat in zip(people, chats):
            await bot.command(chat, person, "/daily 09:00 1")
        api.forbid(chats[1].id)  # the user blocked the bot
        report = await push(bot, shanghai(DAY, 9, 0))
        assert report.dropped == (chats[1].id,)
        assert sorted(report.pushed) == sorted([chats[0].id, chats[2].id])
        assert bot.store.get_subscription(chats[1].id) is None
        assert bot.store.get_chat(chats[1].id).active is False
        assert bot.store.get_subscription(chats[0].id) is not None
        assert [s.chat_id for s in bot.store.subscriptions()] == sorted([chats[0].id, chats[2].id])


async def test_a_passing_fault_is_retried_and_a_push_it_stopped_is_finished_later_but_a_refused_one_is_not(
    api: BotApiStandin, tmp_path: Path
) -> None:
    alice, bob = api.user("Alice"), api.user("Bob")
    chat, other = api.private_chat(alice), api.private_chat(bob)
    async with running_bot(api, tmp_path, send_retry_seconds=2) as bot:
        await bot.command(chat, alice, "/daily 09:00 2")
        await bot.command(other, bob, "/daily 09:00 2")
        # one 502: the send is retried and the push goes through
        mark = api.mark()
        api.fail_next("sendMessage", 502, chat_id=chat.id)
        report = await push(bot, shanghai(DAY, 9, 0))
        assert sorted(report.pushed) == sorted([chat.id, other.id]) and report.failed == ()
        assert len(sends(bot, mark, chat.id, "sendMessage")) == 1 and len(sends(bot, mark, chat.id)) == 2
        # 502s for longer than the retries last, after the first poll: the push stops there, and the
        # next check sends the rest (the second poll), never the header or the first poll again
        mark = api.mark()
        first_poll = api.fail_after("sendPoll", 1, 502, chat_id=chat.id)
        report = await push(bot, shanghai(DAY + timedelta(days=1), 9, 0))
        assert report.failed == (chat.id,) and report.pushed == (other.id,)
        assert len(sends(bot, mark, chat.id, "sendMessage")) == 1 and len(sends(bot, mark, chat.id)) == 1
        first_poll.stop()
        assert (await push(bot, shanghai(DAY + timedelta(days=1), 9, 1))).pushed == (chat.id,)
        assert len(sends(bot, mark, chat.id, "sendMessage")) == 1 and len(sends(bot, mark, chat.id)) == 2
        assert await push(bot, shanghai(DAY + timedelta(days=1), 9, 2)) == PushReport()
        # a 400 (say, "chat not found") is refused for good: not tried again all day
        api.fail_next("sendMessage", 400, description="Bad Request: chat not found", chat_id=chat.id)
        assert (await push(bot, shanghai(DAY + timedelta(days=2), 9, 0))).failed == (chat.id,)
        assert bot.store.get_subscription(chat.id) is not None
        assert await push(bot, shanghai(DAY + timedelta(days=2), 9, 1)) == PushReport()


class LocksUpWhileRecording(SQLiteStore):
    """The real store, except that another process takes the database just before a poll is recorded."""

    def push_progress(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("poll") is None:
            return super().push_progress(*args, **kwargs)
        blocker = sqlite3.connect(self.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            super().push_progress(*args, **kwargs)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()


async def test_a_database_failure_during_a_push_is_raised_not_swallowed(api: BotApiStandin, tmp_path: Path) -> None:
    alice, bob = api.user("Alice"), api.user("Bob")
    chats = [api.private_chat(alice), api.private_chat(bob)]
    async with running_bot(api, tmp_path) as bot:
        await bot.command(chats[0], alice, "/daily 09:00 1")
        await bot.command(chats[1], bob, "/daily 09:00 1")
        mark = api.mark()
        with LocksUpWhileRecording.open(bot.store.path, busy_timeout=0.05) as locked:
            with pytest.raises(StoreError, match="locked"):
                await push_due(bot.app.bot, locked, bot.library, bot.settings, shanghai(DAY, 9, 0))
        # both chats' pushes ran to the failing write before the error surfaced (to the error
        # handlers, which stop `notesbot run`); the polls that went out are not recorded
        for chat in chats:
            (poll,) = sends(bot, mark, chat.id)
            assert bot.store.get_poll(poll.result["poll"]["id"]) is None


async def test_a_group_upgraded_to_a_supergroup_keeps_its_subscription_zone_and_scores(
    api: BotApiStandin, tmp_path: Path
) -> None:
    owner = api.user("Owner")
    group = api.group("基础群", supergroup=False, owner=owner)
    async with running_bot(api, tmp_path) as bot:
        await bot.command(group, owner, "/timezone Asia/Tokyo")
        await bot.command(group, owner, "/daily 08:00 1")
        (first,) = await bot.polls_after(group, owner, "/quiz", 1)
        api.answer_poll(first.result["poll"]["id"], owner, first.params["correct_option_ids"])
        await bot.handled()
        supergroup = api.upgrade(group, owner)  # Telegram's two service messages
        shown = await bot.command(supergroup, owner, "/daily")  # handled after them
        assert shown.text != texts.DAILY_NONE and "Asia/Tokyo" in shown.text
        assert bot.store.get_subscription(group.id) is None
        top = await bot.command(supergroup, owner, "/top")
        assert texts.top_row(1, "Owner", 1, 1) in top.text.splitlines()  # the scores came along
        mark = api.mark()
        report = await push(bot, datetime.combine(DAY, time(8, 0), tzinfo=ZoneInfo("Asia/Tokyo")))
        assert report.pushed == (supergroup.id,) and report.failed == ()
        assert len(sends(bot, mark, supergroup.id)) == 1


async def test_a_push_to_a_group_that_became_a_supergroup_unseen_goes_to_the_new_id(
    api: BotApiStandin, tmp_path: Path
) -> None:
    owner = api.user("Owner")
    group = api.group("基础群", supergroup=False, owner=owner)
    async with running_bot(api, tmp_path) as bot:
        await bot.command(group, owner, "/daily 09:00 1")
        supergroup = api.upgrade(group, owner, announce=False)  # upgraded while the bot was not told
        mark = api.mark()
        report = await push(bot, shanghai(DAY, 9, 0))
        refused = [c for c in api.requests[mark:] if c.chat_id == group.id]
        assert refused and refused[0].response["parameters"]["migrate_to_chat_id"] == supergroup.id
        assert report.pushed == (supergroup.id,) and report.failed == ()
        assert len(sends(bot, mark, supergroup.id)) == 1
        assert bot.store.get_subscription(group.id) is None
        assert bot.store.get_subscription(supergroup.id).hh_mm == "09:00"
        # claimed once, under the new id: not again the same day, and every day after at the new id
        assert await push(bot, shanghai(DAY, 9, 1)) == PushReport()
        assert (await push(bot, shanghai(DAY + timedelta(days=1), 9, 0))).pushed == (supergroup.id,)


async def test_a_subscription_made_after_its_time_starts_the_next_day(api: BotApiStandin, tmp_path: Path) -> None:
    alice = api.user("Alice")
    chat = api.private_chat(alice)
    async with running_bot(api, tmp_path) as bot:
        await bot.command(chat, alice, "/timezone UTC")
        await bot.command(chat, alice, "/daily 00:00 1")  # 00:00 UTC has always passed today
        now = datetime.now(timezone.utc)
        assert await push(bot, now) == PushReport()
        tomorrow = datetime.combine(now.date() + timedelta(days=1), time(0, 0), tzinfo=timezone.utc)
        assert (await push(bot, tomorrow)).pushed == (chat.id,)


async def test_the_real_job_queue_catches_up_at_start_up_and_not_twice(api: BotApiStandin, tmp_path: Path) -> None:
    alice = api.user("Alice")
    chat = api.private_chat(alice)
    async with running_bot(api, tmp_path) as bot:  # the job paused: set up a subscription owed today
        bot.store.upsert_chat(chat.id, "private", "Alice", datetime.now(timezone.utc))
        bot.store.set_chat_timezone(chat.id, "UTC")
        bot.store.set_subscription(chat.id, "00:00", 2)
    # start-up: the repeating job's first check (1 s after start) sends what is owed, on the real clock
    async with running_bot(api, tmp_path, daily_job=True) as bot:
        job = bot.daily_job
        assert job.next_t is not None and job.job.trigger.interval == timedelta(seconds=60)
        mark = api.mark()
        first = await api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id, since=mark)
        await api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id, since=mark)
        assert first.params["type"] == "quiz"
        assert bot.store.last_push_date(chat.id) == datetime.now(timezone.utc).date()
        await job.run(bot.app)  # the next check, triggered directly: nothing owed any more
        assert len(sends(bot, mark, chat.id)) == 2
