"""/review end to end: the notes' flashcards in Telegram, 显示答案 then a rating, the next due card,
the summary; forged and stale buttons change nothing. The real Application over the stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
import pytest_asyncio

from bot import texts
from bot.library import load_library
from bot.replies.cards import REVIEW_PREFIX
from bot.store import Store
from bot.study.flashcards import RATINGS, rate_card
from bot.study.flow import learner_key
from bot.study.review import card_due
from bot.telegram.app import build_application
from tests.support.botapi import BotApiStandin, Recorded, polling
from tests.telegram.conftest import RunningBot, bot_settings

pytestmark = pytest.mark.asyncio(loop_scope="module")

NOTES = """# 网络

## TCP

三次握手的目的是什么::确认双方都能收发数据

TCP 和 UDP 的区别？
?
TCP 面向连接，UDP 无连接。

## HTTP

HTTP 默认端口::80

HTTPS 默认端口::443
"""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def cards_bot(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningBot]:
    notes = tmp_path_factory.mktemp("notes")
    (notes / "网络.md").write_text(NOTES, encoding="utf-8")
    library = load_library(notes)
    assert len(library.flashcards) == 4
    async with BotApiStandin() as api:
        settings = bot_settings(api, notes, tmp_path_factory.mktemp("data"), flood_limit_per_minute=100)
        store = Store.open(settings.data_dir)
        app = build_application(settings, library, store)
        try:
            async with polling(app, timeout=1.0):
                yield RunningBot(api, app, store, settings)
        finally:
            store.close()


def buttons(rec: Recorded) -> dict[str, str]:
    markup = rec.params.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}


def last_review(card_json: str) -> datetime:
    import json

    return datetime.fromisoformat(json.loads(card_json)["last_review"])


async def test_each_rating_moves_the_card_as_fsrs_says(cards_bot: RunningBot) -> None:
    bot = cards_bot
    ada = bot.api.user("Ada")
    chat = bot.api.private_chat(ada)
    key = learner_key(ada.id)
    _, front = await bot.say(chat, ada, "/review 4")
    dues: list[datetime] = []
    for number, name in enumerate(texts.CARD_RATING_NAMES, start=1):
        assert list(buttons(front)) == [texts.REVIEW_SHOW_BUTTON]
        card_text = front.text.splitlines()[2]
        card = next(c for c in bot.app.bot_data["library"].flashcards if c.front == card_text)
        assert texts.REVIEW_BACK not in front.text
        bot.api.press(front.result, buttons(front)[texts.REVIEW_SHOW_BUTTON], ada)
        back = await bot.api.wait_for("editMessageText")
        assert texts.REVIEW_BACK + card.back in back.text
        assert list(buttons(back)) == list(texts.CARD_RATING_NAMES)
        message = bot.api.messages(chat.id)[-1]
        bot.api.press(message, buttons(back)[name], ada)
        rated = await bot.api.wait_for("editMessageText")
        assert texts.REVIEW_RATED.format(rating=name) in rated.text and not buttons(rated)
        state = bot.store.get_cards(key)[card.id]
        # the card's next due date is FSRS's for this rating of a new card at the time it was rated
        expected = rate_card(None, RATINGS[number - 1], last_review(state))
        assert card_due(state) == card_due(expected)
        dues.append(card_due(state))
        # stale: the back's buttons again (the message changed since) change nothing
        bot.api.press(message, buttons(back)[texts.CARD_RATING_NAMES[0]], ada, forged=True)
        stale = await bot.api.wait_for("answerCallbackQuery", lambda rec: rec.params.get("text") == texts.STALE_BUTTON)
        assert stale.params["show_alert"] is True
        if number < 4:
            front = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)
    await bot.handled()
    assert dues == sorted(dues) and len(set(dues)) == 4  # Again soonest, Easy latest
    summary = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)
    assert summary.text == texts.cards_summary(1, 1, 1, 1)
    cards_now = bot.store.get_cards(key)
    assert len(cards_now) == 4
    # nothing due right after: the review says so
    _, nothing = await bot.say(chat, ada, "/review")
    assert nothing.text == texts.CARDS_NONE_DUE
    assert bot.store.get_cards(key) == cards_now


async def test_forged_review_buttons_change_nothing(cards_bot: RunningBot) -> None:
    bot = cards_bot
    bea, eve = bot.api.user("Bea"), bot.api.user("Eve")
    chat = bot.api.private_chat(bea)
    _, front = await bot.say(chat, bea, "/review 1")
    data = buttons(front)[texts.REVIEW_SHOW_BUTTON]
    card_id = data.split(":")[2]
    for forged in (f"{REVIEW_PREFIX}4:{card_id}:new:0.0.0.0:0", f"{REVIEW_PREFIX}4:f00000000000:new:0.0.0.0:0",
                   f"{REVIEW_PREFIX}9:{card_id}:new:0.0.0.0:0", f"{REVIEW_PREFIX}4:{card_id}:new:0.0.0.0:99"):
        bot.api.press(front.result, forged, bea, forged=True)
        answered = await bot.api.wait_for("answerCallbackQuery")
        assert answered.params.get("text") == texts.STALE_BUTTON
    bot.api.press(front.result, data, eve)  # someone else's tap on Bea's card
    assert (await bot.api.wait_for("answerCallbackQuery")).params.get("text") == texts.STALE_BUTTON
    await bot.handled()
    assert bot.store.get_cards(learner_key(bea.id)) == {}
    assert bot.store.get_cards(learner_key(eve.id)) == {}
    assert not bot.api.calls("editMessageText") or all(
        rec.chat_id != chat.id for rec in bot.api.calls("editMessageText"))


async def test_review_in_a_group_points_to_the_private_chat(cards_bot: RunningBot) -> None:
    bot = cards_bot
    owner = bot.api.user("Group owner")
    group = bot.api.group("卡片群", owner=owner)
    _, reply = await bot.say(group, owner, "/review")
    assert reply.text == texts.REVIEW_PRIVATE_ONLY


async def test_the_daily_push_offers_polls_cards_or_both_by_the_chats_setting(cards_bot: RunningBot) -> None:
    from datetime import time, timedelta
    from zoneinfo import ZoneInfo

    from bot.telegram.daily import push_due

    bot = cards_bot
    library = bot.app.bot_data["library"]
    cleo, owner = bot.api.user("Cleo"), bot.api.user("Push owner")
    chat = bot.api.private_chat(cleo)
    group = bot.api.group("卡片推送群", owner=owner)
    _, both = await bot.say(chat, cleo, "/daily 08:00 2 都要")
    assert both.text == texts.daily_status("08:00", 2, "Asia/Shanghai", both.text.split("下一次推送：")[1].split("\n")[0],
                                           "both", new=True)
    assert bot.store.get_subscription(chat.id).offer == "both"
    _, cards_only = await bot.say(group, owner, "/daily 08:00 卡片")
    assert bot.store.get_subscription(group.id).offer == "cards"
    mark = bot.api.mark()
    day = datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=1)
    when = datetime.combine(day, time(8, 0), tzinfo=ZoneInfo("Asia/Shanghai"))
    report = await push_due(bot.app.bot, bot.store, library, bot.settings, when)
    assert set(report.pushed) == {chat.id, group.id}
    private = [c for c in bot.api.requests[mark:] if c.chat_id == chat.id and c.method in ("sendMessage", "sendPoll")]
    polls = [c for c in private if c.method == "sendPoll"]
    assert private[0].text == texts.DAILY_PUSH_HEADER.format(count=len(polls)) or (
        not polls and private[0].text == texts.DAILY_CARDS_HEADER)
    offer = private[-1]
    assert offer.text == texts.DAILY_CARDS_DUE.format(count=4)
    assert list(buttons(offer)) == [texts.REVIEW_START_BUTTON]
    in_group = [c for c in bot.api.requests[mark:] if c.chat_id == group.id and c.method in ("sendMessage", "sendPoll")]
    assert [c.text for c in in_group] == [texts.DAILY_CARDS_HEADER, texts.DAILY_CARDS_GROUP]  # no polls
    (link,) = [b for row in in_group[1].params["reply_markup"]["inline_keyboard"] for b in row]
    assert link["url"] == f"https://t.me/{bot.api.bot_username}?start=review"
    # the private chat's button starts the review; the group's link opens it with /start review
    bot.api.press(offer.result, buttons(offer)[texts.REVIEW_START_BUTTON], cleo)
    front = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)
    assert list(buttons(front)) == [texts.REVIEW_SHOW_BUTTON]
    _, started = await bot.say(bot.api.private_chat(owner), owner, "/start review")
    assert list(buttons(started)) == [texts.REVIEW_SHOW_BUTTON]
    # an offer alone changes what the push brings and keeps its time
    _, polls_only = await bot.say(chat, cleo, "/daily 题目")
    assert bot.store.get_subscription(chat.id).offer == "polls" and bot.store.get_subscription(chat.id).hh_mm == "08:00"
    assert texts.daily_offer(2, "polls") in polls_only.text
    stranger = bot.api.user("No subscription")
    _, none = await bot.say(bot.api.private_chat(stranger), stranger, "/daily 卡片")
    assert none.text == texts.DAILY_NONE


async def test_review_also_shows_the_cards_made_from_the_notes(bot) -> None:
    from bot.study.flashcards import CARD_KINDS

    dora = bot.api.user("Dora")
    chat = bot.api.private_chat(dora)
    cards = bot.library.cards
    assert not bot.library.flashcards  # the default notes write no cards of their own
    assert {c.form for c in cards} == {"recall", "item"}  # statements with a phrase hidden, and items
    items = {i.id: i for i in bot.library.quiz_items}
    assert all(items[c.id].kind in CARD_KINDS for c in cards if c.form == "item")
    front = await bot.command(chat, dora, "/review 1")
    card = next(c for c in cards if c.front == front.text.splitlines()[2])
    bot.api.press(front.result, buttons(front)[texts.REVIEW_SHOW_BUTTON], dora)
    back = await bot.api.wait_for("editMessageText")
    assert texts.REVIEW_BACK + card.back.splitlines()[0] in back.text
    bot.api.press(bot.api.messages(chat.id)[-1], buttons(back)[texts.CARD_RATING_NAMES[2]], dora)
    await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)  # the summary: one card asked for
    assert card.id in bot.store.get_cards(learner_key(dora.id))  # the card's own review state moved
