"""Quiz sessions end to end: /quiz n one question at a time, the summary, /stop, a restart, group rounds.

The real Application against the Bot API stand-in, a real SQLite file and the real JobQueue; the
stand-in closes a poll when its open_period is up, as Telegram does.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot import texts
from bot.replies.study import again_data
from bot.study.flow import chat_learner_key
from bot.study.review import card_due
from tests.support.botapi import BotApiStandin, FakeChat, FakeUser, Recorded
from tests.telegram.harness import Running, running_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

GROUP_SECONDS = 5  # Telegram's shortest open_period: a group round's question is open this long


def in_chat(chat: FakeChat):
    return lambda rec: rec.chat_id == chat.id


async def answer(bot: Running, rec: Recorded, user: FakeUser, *, right: bool) -> None:
    correct = rec.params["correct_option_ids"][0]
    option = correct if right else (correct + 1) % len(rec.params["options"])
    bot.api.answer_poll(rec.result["poll"]["id"], user, [option])


def topic_of(bot: Running, rec: Recorded) -> str:
    item_id = bot.store.get_poll(rec.result["poll"]["id"]).item_id
    item = next(item for item in bot.library.quiz_items if item.id == item_id)
    return texts.section_label(item.source.section)


def buttons(rec: Recorded) -> list[str]:
    markup = rec.params.get("reply_markup") or {}
    return [button["callback_data"] for row in markup.get("inline_keyboard", []) for button in row]


async def test_a_private_session_asks_one_question_at_a_time_then_sums_up(bot: Running) -> None:
    sam = bot.api.user("Sam")
    chat = bot.api.private_chat(sam)
    bot.api.message(chat, sam, "/quiz 3")
    start = await bot.api.wait_for("sendMessage", in_chat(chat))
    assert start.text == texts.session_started(3, bot.settings.quiz_open_period_seconds, False)
    first = await bot.api.wait_for("sendPoll", in_chat(chat))
    assert first.params["open_period"] == bot.settings.quiz_open_period_seconds
    assert first.params["question"].startswith("[1/3] ")
    await bot.settle(chat, sam)
    assert len([c for c in bot.api.calls("sendPoll") if c.chat_id == chat.id]) == 1  # no next before the answer
    # a second /quiz meanwhile starts nothing: one session a chat
    assert (await bot.command(chat, sam, "/quiz 2")).text == texts.SESSION_BUSY
    await answer(bot, first, sam, right=True)
    second = await bot.api.wait_for("sendPoll", in_chat(chat))
    assert second.params["question"].startswith("[2/3] ")
    await answer(bot, second, sam, right=False)
    third = await bot.api.wait_for("sendPoll", in_chat(chat))
    await answer(bot, third, sam, right=True)
    summary = await bot.api.wait_for("sendMessage", in_chat(chat))
    lines = summary.text.splitlines()
    assert lines[0].startswith("🏁 测验结束：答对 2/3 题，用时 ")
    assert lines[1] == texts.SESSION_TOPICS and lines[2] == "• " + topic_of(bot, second)
    assert buttons(summary) == [again_data(3)]
    assert bot.store.get_session(chat.id) is None
    # the answers count as quiz answers do
    assert "答题：3 道，答对 2 道" in (await bot.command(chat, sam, "/me")).text
    # a forged go-again button changes nothing; the real one starts a new session of three
    bot.api.press(summary.result, "sa:99", sam, forged=True)
    stale = await bot.api.wait_for("answerCallbackQuery")
    assert stale.params.get("text") == texts.STALE_BUTTON
    await bot.handled()
    assert bot.store.get_session(chat.id) is None
    bot.api.press(summary.result, again_data(3), sam)
    again = await bot.api.wait_for("sendPoll", in_chat(chat))
    assert again.params["question"].startswith("[1/3] ")
    assert (await bot.api.wait_for("answerCallbackQuery")).params.get("text") == texts.SESSION_AGAIN_STARTED
    assert bot.store.get_session(chat.id).total == 3


async def test_stop_ends_the_session_early_with_its_summary(bot: Running) -> None:
    tess = bot.api.user("Tess")
    chat = bot.api.private_chat(tess)
    bot.api.message(chat, tess, "/quiz 3")
    first = await bot.api.wait_for("sendPoll", in_chat(chat))
    await answer(bot, first, tess, right=True)
    second = await bot.api.wait_for("sendPoll", in_chat(chat))
    mark = bot.api.mark()
    summary = await bot.command(chat, tess, "/stop")
    assert summary.text.splitlines()[0].startswith("🏁 测验结束（提前结束，共 3 题）：答对 1/2 题")
    assert summary.text.splitlines()[2] == "• " + topic_of(bot, second)  # the open question counts as missed
    (stopped,) = [c for c in bot.api.calls("stopPoll")[:] if c.seq >= mark]
    assert stopped.params["message_id"] == second.result["message_id"]
    assert bot.store.get_session(chat.id) is None
    assert (await bot.command(chat, tess, "/stop")).text == texts.SESSION_NONE
    assert not [c for c in bot.api.requests[mark:] if c.method == "sendPoll"]


async def test_a_group_member_who_did_not_start_the_round_cannot_stop_it(bot: Running) -> None:
    owner, uma = bot.api.user("Owner S"), bot.api.user("Uma")
    group = bot.api.group("停不了的群", owner=owner, members=[uma])
    bot.api.message(group, owner, "/quiz 2")
    await bot.api.wait_for("sendPoll", in_chat(group))
    assert (await bot.command(group, uma, "/stop")).text == texts.SESSION_STOP_FORBIDDEN
    assert bot.store.get_session(group.id) is not None
    summary = await bot.command(group, owner, "/stop")
    assert summary.text.startswith("🏁 测验结束（提前结束，共 2 题）：答对 0/1 题")
    assert bot.store.get_session(group.id) is None


async def test_a_session_carries_on_after_a_restart(tmp_path: Path) -> None:
    async with BotApiStandin() as api:
        vera = api.user("Vera")
        chat = api.private_chat(vera)
        async with running_bot(api, tmp_path) as bot:
            api.message(chat, vera, "/quiz 3")
            first = await api.wait_for("sendPoll", in_chat(chat))
            await answer(bot, first, vera, right=True)
            second = await api.wait_for("sendPoll", in_chat(chat))
            await bot.handled()
        # a new process over the same data folder: the second question is still the open one
        async with running_bot(api, tmp_path) as bot:
            session = bot.store.get_session(chat.id)
            assert session is not None and session.asked == 2
            assert session.poll_id == second.result["poll"]["id"]
            await answer(bot, second, vera, right=False)
            third = await api.wait_for("sendPoll", in_chat(chat))
            assert third.params["question"].startswith("[3/3] ")
            await answer(bot, third, vera, right=True)
            summary = await api.wait_for("sendMessage", in_chat(chat))
            assert summary.text.startswith("🏁 测验结束：答对 2/3 题")
            assert bot.store.get_session(chat.id) is None


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def timed(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Running]:
    """A bot whose questions are open for Telegram's shortest open_period."""
    async with BotApiStandin() as api:
        async with running_bot(api, tmp_path_factory.mktemp("timed"),
                               quiz_open_period_seconds=GROUP_SECONDS) as running:
            yield running


async def test_a_group_round_moves_on_when_the_time_is_up_and_ranks_its_members(timed: Running) -> None:
    bot = timed
    owner, carol, dave = bot.api.user("Round owner"), bot.api.user("Carol"), bot.api.user("Dave")
    group = bot.api.group("抢答群", owner=owner, members=[carol, dave])
    # meanwhile, in a private chat, a learner who never answers (checked once the group's first is up)
    yara = bot.api.user("Yara")
    alone = bot.api.private_chat(yara)
    bot.api.message(alone, yara, "/quiz 3")
    bot.api.message(group, owner, "/quiz 2")
    start = await bot.api.wait_for("sendMessage", in_chat(group))
    assert start.text == texts.session_started(2, GROUP_SECONDS, True)
    first = await bot.api.wait_for("sendPoll", in_chat(group))
    assert first.params["open_period"] == GROUP_SECONDS
    await answer(bot, first, dave, right=True)
    await answer(bot, first, carol, right=False)
    await bot.handled()
    assert len([c for c in bot.api.calls("sendPoll") if c.chat_id == group.id]) == 1  # answers do not move a group on
    # the time is up: the stand-in closes the poll, the bot names the answer and the first right member
    word = await bot.api.wait_for("sendMessage", in_chat(group), timeout=GROUP_SECONDS + 10)
    item_id = bot.store.get_poll(first.result["poll"]["id"]).item_id
    item = next(i for i in bot.library.quiz_items if i.id == item_id)
    assert word.text == texts.round_answer(1, 2, item.options[item.correct], "Dave")
    assert first.result["poll"]["id"] in bot.api.closed_polls
    # the private learner's unanswered question ended that session: no questions sent to nobody
    gone = await bot.summary(alone)
    assert gone.text.startswith("🏁 测验结束（提前结束，共 3 题）：答对 0/1 题")
    assert len([c for c in bot.api.calls("sendPoll") if c.chat_id == alone.id]) == 1
    second = await bot.api.wait_for("sendPoll", in_chat(group), timeout=5)
    assert second.params["question"].startswith("[2/2] ")
    nobody = await bot.api.wait_for("sendMessage", in_chat(group), timeout=GROUP_SECONDS + 10)
    assert nobody.text.splitlines()[1] == texts.ROUND_NOBODY_RIGHT
    summary = await bot.api.wait_for("sendMessage", in_chat(group), timeout=5)
    lines = summary.text.splitlines()
    assert lines[0].startswith("🏁 测验结束：答对 1/2 题")
    ranking = lines.index(texts.ROUND_RANKING)
    assert lines[ranking + 1: ranking + 3] == [texts.ranking_row(1, "Dave", 1, 1), texts.ranking_row(2, "Carol", 0, 1)]
    week = lines.index(texts.TOP_THIS_WEEK)
    assert week > ranking and lines[week + 1] == texts.top_row(1, "Dave", 1, 1)
    assert buttons(summary) == [again_data(2)]
    assert bot.store.get_session(group.id) is None
    # the group's own cards moved: the question it got right comes back later than the one it missed
    cards = bot.store.get_cards(chat_learner_key(group.id))
    missed = bot.store.get_poll(second.result["poll"]["id"]).item_id
    assert card_due(cards[item_id]) > card_due(cards[missed])


async def test_a_question_that_cannot_be_sent_ends_the_session_and_frees_the_chat(bot: Running) -> None:
    wes = bot.api.user("Wes")
    chat = bot.api.private_chat(wes)
    bot.api.fail_next("sendPoll", 400, chat_id=chat.id, description="Bad Request: POLL_QUESTION_INVALID")
    bot.api.message(chat, wes, "/quiz 2")
    await bot.api.wait_for("sendPoll", in_chat(chat), ok=False)
    await bot.handled()
    assert bot.store.get_session(chat.id) is None
    bot.api.message(chat, wes, "/quiz 2")
    assert (await bot.api.wait_for("sendPoll", in_chat(chat))).params["question"].startswith("[1/2] ")


async def test_a_session_its_process_left_behind_gives_way_to_a_new_one(bot: Running) -> None:
    from datetime import datetime, timedelta, timezone

    from bot.study.session import new_session, question_sent

    xia = bot.api.user("Xia")
    chat = bot.api.private_chat(xia)
    long_ago = datetime.now(timezone.utc) - timedelta(hours=2)
    item = bot.library.quiz_items[0]
    stuck = question_sent(new_session(chat.id, xia.id, False, [item.id, item.id], long_ago, 30), "gone", long_ago)
    assert bot.store.start_session(stuck)
    bot.api.message(chat, xia, "/quiz 1")
    ended = await bot.summary(chat)
    assert ended.text.startswith("🏁 测验结束（提前结束，共 2 题）：答对 0/1 题")
    fresh = await bot.api.wait_for("sendPoll", in_chat(chat))
    assert fresh.params["question"].startswith("[1/1] ")
    assert bot.store.get_session(chat.id).total == 1


async def test_a_question_whose_time_ran_out_while_the_bot_was_down_is_closed_at_the_restart(tmp_path: Path) -> None:
    import sqlite3
    from datetime import datetime, timedelta, timezone

    from bot.store import DB_FILENAME

    async with BotApiStandin() as api:
        zoe = api.user("Zoe")
        chat = api.private_chat(zoe)
        async with running_bot(api, tmp_path) as bot:
            api.message(chat, zoe, "/quiz 2")
            await api.wait_for("sendPoll", in_chat(chat))
            await bot.handled()
        # down for an hour: the open question's time is long past
        hour_ago = (datetime.now(timezone.utc) - timedelta(hours=1)).isoformat(timespec="microseconds")
        database = sqlite3.connect(tmp_path / DB_FILENAME)
        database.execute("UPDATE sessions SET poll_sent_at = ?", (hour_ago,))
        database.commit()
        database.close()
        async with running_bot(api, tmp_path) as bot:
            summary = await bot.summary(chat)
            assert summary.text.startswith("🏁 测验结束（提前结束，共 2 题）：答对 0/1 题")
            assert bot.store.get_session(chat.id) is None


async def test_a_group_round_carries_on_after_a_restart(tmp_path: Path) -> None:
    async with BotApiStandin() as api:
        owner, gus = api.user("Restart owner"), api.user("Gus")
        group = api.group("重启群", owner=owner, members=[gus])
        async with running_bot(api, tmp_path, quiz_open_period_seconds=GROUP_SECONDS) as bot:
            api.message(group, owner, "/quiz 1")
            first = await api.wait_for("sendPoll", in_chat(group))
            await answer(bot, first, gus, right=True)
            await bot.handled()
        # a new process: the round's timer comes from the store, and so does who got it right
        async with running_bot(api, tmp_path, quiz_open_period_seconds=GROUP_SECONDS) as bot:
            word = await api.wait_for("sendMessage", in_chat(group), timeout=GROUP_SECONDS + 10)
            assert word.text.splitlines()[1] == texts.round_answer(1, 1, "", "Gus").splitlines()[1]
            summary = await bot.summary(group)
            assert summary.text.startswith("🏁 测验结束：答对 1/1 题")
            assert texts.ranking_row(1, "Gus", 1, 1) in summary.text.splitlines()
