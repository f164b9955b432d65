"""/quiz, poll answers, /me and /top end to end: the real Application against the Bot API stand-in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from telegram.constants import PollLimit

from bot import texts
from bot.study.flow import chat_learner_key, learner_key
from bot.study.review import card_due, next_items
from tests.support.botapi import Recorded
from tests.support.telegram_html import parse_html
from tests.telegram.harness import Running

pytestmark = pytest.mark.asyncio(loop_scope="module")


def poll_of(rec: Recorded) -> dict:
    return rec.result["poll"]


def check_quiz_poll(rec: Recorded) -> None:
    """What Telegram needs for a scored quiz poll, and the limits (the stand-in enforces them too)."""
    params = rec.params
    assert params["type"] == "quiz"
    assert params["is_anonymous"] is False
    options = [o["text"] if isinstance(o, dict) else o for o in params["options"]]
    assert 2 <= len(options) <= PollLimit.MAX_OPTION_NUMBER
    assert all(PollLimit.MIN_OPTION_LENGTH <= len(o) <= PollLimit.MAX_OPTION_LENGTH for o in options)
    assert len(set(options)) == len(options)
    assert PollLimit.MIN_QUESTION_LENGTH <= len(params["question"]) <= PollLimit.MAX_QUESTION_LENGTH
    assert len(params.get("explanation", "")) <= PollLimit.MAX_EXPLANATION_LENGTH
    (correct,) = params["correct_option_ids"]
    assert 0 <= correct < len(options)


async def test_quiz_sends_valid_polls_chosen_for_the_learner(bot: Running) -> None:
    alice = bot.api.user("Alice")
    chat = bot.api.private_chat(alice)
    bot.api.message(chat, alice, "/quiz 10")
    sent = []
    for number in range(1, 11):  # one at a time: the next comes with the answer
        rec = await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id)
        check_quiz_poll(rec)
        prefix = texts.SESSION_QUESTION_NUMBER.format(number=number, total=10, question="")
        assert rec.params["question"].startswith(prefix)
        sent.append(rec)
        await answer(bot, rec, alice, right=True)
    await bot.summary(chat)
    questions = [rec.params["question"].split("] ", 1)[1] for rec in sent]
    assert len(set(questions)) == 10  # never the same item twice in one batch
    # each poll is recorded, so its answer can be scored without a chat in the update
    for rec in sent:
        row = bot.store.get_poll(poll_of(rec)["id"])
        assert row is not None and row.chat_id == chat.id and row.origin == "quiz"
        assert row.correct_option == rec.params["correct_option_ids"][0]
    # the first ten new items, in this learner's own order, for a learner with no cards yet
    expected = next_items(bot.library.quiz_items, {}, datetime.now(timezone.utc), 10, learner=learner_key(alice.id))
    assert questions == [item.question for item in expected]


async def test_quiz_default_is_one_poll_and_bad_counts_get_the_usage(bot: Running) -> None:
    bob = bot.api.user("Bob")
    chat = bot.api.private_chat(bob)
    (one,) = await bot.polls_after(chat, bob, "/quiz", 1)
    check_quiz_poll(one)
    for bad in ("/quiz 0", "/quiz 11", "/quiz abc"):
        mark = bot.api.mark()
        reply = await bot.command(chat, bob, bad)
        assert reply.text == texts.QUIZ_USAGE
        assert not [c for c in bot.api.requests[mark:] if c.method == "sendPoll"]


async def test_an_edited_command_sends_nothing(bot: Running) -> None:
    erin = bot.api.user("Erin")
    group = bot.api.group("改命令的群", owner=erin)
    chat = bot.api.private_chat(erin)
    for where in (chat, group):
        original = bot.api.message(where, erin, "/quiz 1")
        await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == where.id)
        await bot.settle(where, erin)
        mark = bot.api.mark()
        for edited in ("/quiz 10", "/me", "/top", "/daily 08:00", "/timezone Europe/Berlin"):
            bot.api.edit(original, edited)
        await bot.settle(where, erin)  # one chat's updates in order: the edits were seen before this /me
        after = [c.method for c in bot.api.requests[mark:] if c.method in ("sendPoll", "sendMessage")]
        assert after == ["sendMessage"], after  # only the settling /me's reply
    assert bot.store.get_subscription(group.id) is None
    assert bot.store.get_subscription(chat.id) is None


async def answer(bot: Running, rec: Recorded, user, *, right: bool) -> None:
    correct = rec.params["correct_option_ids"][0]
    option = correct if right else (correct + 1) % len(rec.params["options"])
    bot.api.answer_poll(poll_of(rec)["id"], user, [option])


async def test_two_group_members_answering_are_both_scored(bot: Running) -> None:
    owner, carol, dave = bot.api.user("Owner"), bot.api.user("Carol"), bot.api.user("Dave <&>", username="dave")
    group = bot.api.group("学习小组", owner=owner, members=[carol, dave])
    (rec,) = await bot.polls_after(group, carol, "/quiz", 1)
    check_quiz_poll(rec)
    await answer(bot, rec, carol, right=True)
    await answer(bot, rec, dave, right=False)
    await bot.handled()  # the answers keep their senders' order, not the group's
    top = await bot.command(group, carol, "/top")
    assert top.params["parse_mode"] == "HTML"
    parse_html(top.params["text"])  # the stand-in also rejects bad HTML with a 400
    assert "Dave &lt;&amp;&gt;" in top.params["text"]  # names escaped
    lines = top.text.splitlines()
    # every answer is this week's: one board, not the same one under two titles
    assert lines == [texts.TOP_SAME, texts.top_row(1, "Carol", 1, 1), texts.top_row(2, "Dave <&>", 0, 1)]
    stats_carol, stats_dave = bot.store.user_stats(carol.id, group.id), bot.store.user_stats(dave.id, group.id)
    assert (stats_carol.answered, stats_carol.correct) == (1, 1)
    assert (stats_dave.answered, stats_dave.correct) == (1, 0)
    # each member got a review card for the item; the group's own card moves only for daily pushes
    item_id = bot.store.get_poll(poll_of(rec)["id"]).item_id
    assert item_id in bot.store.get_cards(learner_key(carol.id))
    assert item_id in bot.store.get_cards(learner_key(dave.id))
    assert item_id not in bot.store.get_cards(chat_learner_key(group.id))


async def test_a_member_who_left_stays_on_the_board(bot: Running) -> None:
    owner, erin = bot.api.user("Owner2"), bot.api.user("Erin")
    group = bot.api.group("小组二", owner=owner, members=[erin])
    (rec,) = await bot.polls_after(group, erin, "/quiz", 1)
    await answer(bot, rec, erin, right=True)
    bot.api.set_status(group, erin, "left")
    await bot.handled()
    top = await bot.command(group, owner, "/top")
    assert texts.top_row(1, "Erin", 1, 1) in top.text.splitlines()


async def test_a_wrong_answer_brings_the_item_back_sooner(bot: Running) -> None:
    frank = bot.api.user("Frank")
    chat = bot.api.private_chat(frank)
    (first,) = await bot.polls_after(chat, frank, "/quiz 2", 1)
    await answer(bot, first, frank, right=True)
    second = await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id)
    await answer(bot, second, frank, right=False)
    await bot.summary(chat)
    me = await bot.command(chat, frank, "/me")
    assert "答题：2 道，答对 1 道（正确率 50%）" in me.text
    assert "连续答题：1 天" in me.text
    cards = bot.store.get_cards(learner_key(frank.id))
    right_id = bot.store.get_poll(poll_of(first)["id"]).item_id
    wrong_id = bot.store.get_poll(poll_of(second)["id"]).item_id
    assert card_due(cards[wrong_id]) < card_due(cards[right_id])
    # through the store and the scheduler: a little later the missed item is asked first
    later = card_due(cards[wrong_id]) + timedelta(seconds=1)
    assert later < card_due(cards[right_id])
    (again,) = next_items(bot.library.quiz_items, cards, later, 1)
    assert again.id == wrong_id
    assert bot.store.count_due(learner_key(frank.id), later) == 1


async def test_answering_twice_counts_once(bot: Running) -> None:
    gina = bot.api.user("Gina")
    chat = bot.api.private_chat(gina)
    (rec,) = await bot.polls_after(chat, gina, "/quiz", 1)
    poll_id = poll_of(rec)["id"]
    await answer(bot, rec, gina, right=True)
    await bot.summary(chat)
    # Telegram would not allow it (no revoting in quizzes); an old poll answer replayed must not count
    bot.api.push("poll_answer", {"poll_id": poll_id, "user": gina.to_api(), "option_ids": [0],
                                 "option_persistent_ids": ["0"]})
    me = await bot.command(chat, gina, "/me")
    assert "答题：1 道" in me.text


async def test_me_before_any_answer_and_top_outside_groups(bot: Running) -> None:
    hank = bot.api.user("Hank")
    chat = bot.api.private_chat(hank)
    assert (await bot.command(chat, hank, "/me")).text == texts.ME_NO_ANSWERS
    assert (await bot.command(chat, hank, "/top")).text == texts.TOP_GROUP_ONLY


async def test_quiz_button_on_an_answer_asks_about_that_passage(bot: Running) -> None:
    iris = bot.api.user("Iris")
    chat = bot.api.private_chat(iris)
    question = bot.library.quiz_items[0]
    # ask about the passage the first quiz item comes from, by its own words
    passage = next(p for p in bot.library.corpus.passages
                   if p.file == question.source.file and p.line == question.source.line)
    reply = await bot.command(chat, iris, passage.text[:40])
    buttons = [b for row in reply.params["reply_markup"]["inline_keyboard"] for b in row]
    (quiz_button,) = [b for b in buttons if b["callback_data"].startswith("qz:")]
    assert quiz_button["text"] == texts.QUIZ_PASSAGE_BUTTON
    shown = int(quiz_button["callback_data"].rsplit(":", 1)[1])
    bot.api.press(reply.result, quiz_button["callback_data"], iris)
    poll = await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id)
    check_quiz_poll(poll)
    answered = await bot.api.wait_for("answerCallbackQuery")  # sent once the poll is recorded
    assert answered.params.get("text") == texts.QUIZ_PASSAGE_SENT
    item_id = bot.store.get_poll(poll_of(poll)["id"]).item_id
    item = next(i for i in bot.library.quiz_items if i.id == item_id)
    shown_passage = bot.library.corpus.passages[shown]
    assert item.source.file == shown_passage.file
    assert item.source.line == shown_passage.line or item.source.section == shown_passage.section


async def test_quiz_in_a_forum_topic_stays_in_that_topic(bot: Running) -> None:
    owner = bot.api.user("Forum owner")
    forum = bot.api.group("论坛群", forum=True, owner=owner)
    bot.api.message(forum, owner, "/quiz 2", thread_id=77)
    started = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == forum.id)
    poll = await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == forum.id)
    bot.api.message(forum, owner, "/stop", thread_id=77)
    summary = await bot.summary(forum)
    assert [rec.params.get("message_thread_id") for rec in (started, poll, summary)] == [77, 77, 77]


async def test_quiz_button_on_a_passage_without_items_of_its_own_says_so(bot: Running) -> None:
    from bot.quiz import items_for_passage
    from bot.study.flow import asks_about

    jack = bot.api.user("Jack")
    chat = bot.api.private_chat(jack)
    corpus = bot.library.corpus
    # a passage whose quiz items are only its section's (a quote that asks nothing itself)
    passage = next(p for p in corpus.passages if p.kind == "quote"
                   and (found := items_for_passage(bot.library.quiz_items, corpus, p.id))
                   and not asks_about(corpus, found, p.id))
    reply = await bot.command(chat, jack, passage.text[:40])
    data = next(b["callback_data"] for row in reply.params["reply_markup"]["inline_keyboard"] for b in row
                if b["callback_data"].startswith("qz:"))
    assert int(data.rsplit(":", 1)[1]) == passage.id
    bot.api.press(reply.result, data, jack)
    poll = await bot.api.wait_for("sendPoll", lambda rec: rec.chat_id == chat.id)
    told = await bot.api.wait_for("answerCallbackQuery")
    assert told.params.get("text") == texts.QUIZ_PASSAGE_SECTION and told.params.get("show_alert") is True
    item_id = bot.store.get_poll(poll_of(poll)["id"]).item_id
    item = next(i for i in bot.library.quiz_items if i.id == item_id)
    assert item.source.section == passage.section


async def test_top_shows_the_week_and_all_time_apart_once_they_differ(bot: Running) -> None:
    owner, kate = bot.api.user("Top owner"), bot.api.user("Kate")
    group = bot.api.group("老群", owner=owner, members=[kate])
    await bot.command(group, owner, "/me")  # the bot has seen the group
    long_ago = datetime.now(timezone.utc) - timedelta(days=30)
    bot.store.upsert_user(kate.id, "Kate", long_ago)
    bot.store.record_poll("old-poll", group.id, "old-item", 1, 0, "quiz", long_ago, 3)
    bot.store.record_poll_answer("old-poll", kate.id, 0, True, long_ago)
    (rec,) = await bot.polls_after(group, owner, "/quiz", 1)
    await answer(bot, rec, owner, right=True)
    await bot.handled()
    lines = (await bot.command(group, owner, "/top")).text.splitlines()
    assert lines == [
        texts.TOP_THIS_WEEK, texts.top_row(1, "Top owner", 1, 1), "",
        texts.TOP_ALL_TIME, texts.top_row(1, "Kate", 1, 1), texts.top_row(2, "Top owner", 1, 1),  # Kate was first
    ]
