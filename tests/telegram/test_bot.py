"""The bot end to end: the real Application long-polls the Bot API stand-in over HTTP.

One stand-in and one running bot serve the whole module (each test uses its own users and chats).
Silence is proven the way the stand-in suggests: a later update gets a visible reply, and nothing
was sent for the earlier one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from telegram.constants import InlineKeyboardButtonLimit

from bot import texts
from bot.library import Library
from bot.replies import MAX_QUESTION_CHARS, parse_tap
from bot.search.answer import NotFound, answer_question
from bot.telegram.inline import INLINE_RESULTS
from tests.support.botapi import BotApiStandin, Recorded
from tests.support.telegram_html import parse_html
from tests.telegram.conftest import ADMIN_ID, RunningBot, bot_settings, start_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(git_notes: Path, git_library: Library, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[RunningBot]:
    async with BotApiStandin() as api:
        settings = bot_settings(api, git_notes, tmp_path_factory.mktemp("data"), flood_limit_per_minute=6)
        async for running in start_bot(api, git_library, settings):
            yield running


def buttons(message: dict) -> list[dict]:
    return [button for row in message.get("reply_markup", {}).get("inline_keyboard", []) for button in row]


def entity_text(text: str, entity: dict) -> str:
    """The text an entity covers (offsets count UTF-16 code units)."""
    units = text.encode("utf-16-le")
    return units[entity["offset"] * 2 : (entity["offset"] + entity["length"]) * 2].decode("utf-16-le")


def sent_since(bot: RunningBot, mark: int, chat_id: int) -> list[Recorded]:
    """Messages the bot sent to a chat since ``mark``."""
    return [c for c in bot.api.requests[mark:] if c.method == "sendMessage" and c.ok and c.chat_id == chat_id]


def replied_to(rec: Recorded) -> int | None:
    reply = rec.params.get("reply_parameters")
    return reply.get("message_id") if isinstance(reply, dict) else None


async def test_start_up_registers_the_command_menu(bot: RunningBot) -> None:
    # set in the background at start-up: the bot answers meanwhile
    everyone = await bot.api.wait_for("setMyCommands", lambda rec: "scope" not in rec.params, since=0)
    admin = await bot.api.wait_for(
        "setMyCommands", lambda rec: rec.params.get("scope", {}).get("type") == "chat", since=0)
    assert "scope" not in everyone.params
    names = [command["command"] for command in everyone.params["commands"]]
    assert names[:4] == ["start", "help", "ask", "toc"]
    assert "reload" not in names
    assert admin.params["scope"] == {"type": "chat", "chat_id": ADMIN_ID}
    assert [command["command"] for command in admin.params["commands"]] == [*names, "reload", "report"]


async def test_private_question_gets_the_passage_highlighted_with_section_source_and_buttons(bot: RunningBot) -> None:
    alice = bot.api.user("Alice")
    chat = bot.api.private_chat(alice)
    _, sent = await bot.say(chat, alice, "什么是暂存区")
    assert sent.params["parse_mode"] == "HTML"
    lines = sent.text.splitlines()
    assert lines[0] == "❓ 什么是暂存区"
    assert lines[1] == "📖 1 Git 基础 › 1.1 暂存区与提交"
    assert "保存下一次提交要包含的修改" in sent.text
    assert texts.source_line("git.md", 7) in sent.text
    bold = [entity_text(sent.text, e) for e in sent.result["entities"] if e["type"] == "bold"]
    assert "暂存区" in bold  # the question's term, highlighted in the passage
    data = [b["callback_data"] for b in buttons(sent.result)]
    assert any(d.startswith("f:") and d.endswith(":1") for d in data)
    assert bot.store.get_chat(chat.id) is not None  # the chat is remembered


async def test_not_in_the_notes_is_an_honest_refusal(bot: RunningBot) -> None:
    bob = bot.api.user("Bob")
    _, sent = await bot.say(bot.api.private_chat(bob), bob, "今天天气怎么样")
    assert texts.NOT_FOUND in sent.text
    assert "📖" not in sent.text


async def test_a_question_about_an_unwritten_chapter_says_so(bot: RunningBot) -> None:
    carol = bot.api.user("Carol")
    _, sent = await bot.say(bot.api.private_chat(carol), carol, "远程仓库怎么添加")
    assert texts.NOT_FOUND in sent.text
    assert texts.unwritten_chapter("2 远程仓库") in sent.text


async def test_related_passage_button_edits_the_answer_and_feedback_is_stored(bot: RunningBot) -> None:
    dave = bot.api.user("Dave")
    chat = bot.api.private_chat(dave)
    _, sent = await bot.say(chat, dave, "git commit 的提交说明用什么参数")
    answer = sent.result
    related = [b["callback_data"] for b in buttons(answer) if b["callback_data"].startswith("p:")]
    assert len(related) >= 2
    first_text = answer["text"]
    tap = parse_tap(related[1])
    assert tap is not None
    bot.api.press(answer, related[1], dave)
    edited = await bot.api.wait_for("editMessageText")
    await bot.api.wait_for("answerCallbackQuery")
    assert edited.text != first_text
    assert edited.text.splitlines()[0] == "❓ git commit 的提交说明用什么参数"  # still shows the question
    assert len(json.dumps(edited.params["reply_markup"])) > 0
    now_shown = bot.api.messages(chat.id)[-1]
    labels = [b["text"] for b in buttons(now_shown)]
    assert any(label.startswith("▶") for label in labels)
    # 👍 on the passage now shown: stored, and a thank-you toast.
    good = next(b["callback_data"] for b in buttons(now_shown) if b["callback_data"].startswith("f:") and b["callback_data"].endswith(":1"))
    assert parse_tap(good).passage == tap.passage
    before = bot.store.feedback_counts()
    bot.api.press(now_shown, good, dave)
    toast = await bot.api.wait_for("answerCallbackQuery")
    assert toast.params.get("text") == texts.FEEDBACK_THANKS
    after = bot.store.feedback_counts()
    assert (after.helpful, after.unhelpful) == (before.helpful + 1, before.unhelpful)


async def test_suggestion_button_shows_a_passage_of_that_section(bot: RunningBot) -> None:
    # Which near-miss gets suggestions is the search's call: take the first of a few that does.
    library = bot.app.bot_data["library"]
    candidates = ["怎么删除分支", "提交说明写错了怎么办", "远程分支", "怎么用钩子"]
    question = next(
        q for q in candidates
        if isinstance(result := answer_question(library.index, q), NotFound) and result.suggestions
    )
    erin = bot.api.user("Erin")
    chat = bot.api.private_chat(erin)
    _, sent = await bot.say(chat, erin, question)
    suggestion = next(b for b in buttons(sent.result) if b["callback_data"].startswith("s:"))
    bot.api.press(sent.result, suggestion["callback_data"], erin)
    edited = await bot.api.wait_for("editMessageText")
    assert "📖 " + suggestion["text"] in edited.text


async def test_group_chatter_is_ignored_but_a_mention_and_a_reply_are_answered(bot: RunningBot) -> None:
    frank, grace = bot.api.user("Frank"), bot.api.user("Grace")
    group = bot.api.group("Git 学习小组", members=[frank, grace])
    mark = bot.api.mark()
    chatter = bot.api.message(group, frank, "大家好，今天讨论暂存区和分支吧")
    await bot.api.wait_consumed()
    question = bot.api.message(group, grace, f"@{bot.api.bot_username} 怎么切换分支")
    answer = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id)
    assert replied_to(answer) == question["message_id"]
    assert answer.text.splitlines()[0] == "❓ 怎么切换分支"  # the mention is cut out of the question
    sent_to_group = sent_since(bot, mark, group.id)
    assert sent_to_group == [answer]
    assert replied_to(answer) != chatter["message_id"]
    # A reply to the bot's answer is a question too.
    follow_up = bot.api.message(group, frank, "git stash 有什么用", reply_to=answer.result)
    again = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id)
    assert replied_to(again) == follow_up["message_id"]
    assert "临时收起未提交的修改" in again.text


async def test_ask_in_a_forum_topic_is_answered_in_that_topic(bot: RunningBot) -> None:
    heidi = bot.api.user("Heidi")
    forum = bot.api.group("Git 论坛", forum=True, members=[heidi])
    _, sent = await bot.say(forum, heidi, f"/ask@{bot.api.bot_username} 什么是暂存区", thread_id=77)
    assert sent.params.get("message_thread_id") == 77
    assert "暂存区" in sent.text
    _, usage = await bot.say(forum, heidi, "/ask", thread_id=77)
    assert usage.text == texts.ASK_USAGE


async def test_inline_query_offers_passages_as_html_articles(bot: RunningBot) -> None:
    ivan = bot.api.user("Ivan")
    bot.api.inline(ivan, "分支")
    answered = await bot.api.wait_for("answerInlineQuery")
    results = answered.params["results"]
    assert 1 <= len(results) <= INLINE_RESULTS
    assert all(result["type"] == "article" for result in results)
    for result in results:
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        plain, _ = parse_html(content["message_text"])
        assert plain.startswith("❓ 分支\n📖 ")
    first, _ = parse_html(results[0]["input_message_content"]["message_text"])
    assert "分支是指向某个提交的可移动指针" in first
    titles = [result["title"] for result in results]
    assert len(set(titles)) == len(titles)  # each result reads differently
    assert all(texts.INLINE_TITLE.format(heading="", words="") in title for title in titles)
    assert "button" not in answered.params
    # Nothing in the notes: no articles, a button that leads to the bot's private chat instead.
    bot.api.inline(ivan, "今天天气怎么样")
    nothing = await bot.api.wait_for("answerInlineQuery")
    assert nothing.params["results"] == []
    assert nothing.params["button"] == {"text": texts.INLINE_NOTHING, "start_parameter": "inline"}


async def test_a_chat_is_recorded_once_and_again_only_when_it_changes(bot: RunningBot) -> None:
    ruth = bot.api.user("Ruth")
    group = bot.api.group("记录群", members=[ruth])
    await bot.say(group, ruth, "/help")
    first = bot.store.get_chat(group.id)
    assert (first.chat_type, first.title) == ("supergroup", "记录群")
    await bot.say(group, ruth, "/help")
    assert bot.store.get_chat(group.id) == first  # not written again on every update
    group.title = "改名后的群"
    await bot.say(group, ruth, "/help")
    renamed = bot.store.get_chat(group.id)
    assert renamed.title == "改名后的群" and renamed.last_seen > first.last_seen


async def test_unknown_stale_or_forged_buttons_are_answered_as_out_of_date(bot: RunningBot) -> None:
    ivy = bot.api.user("Ivy")
    _, sent = await bot.say(bot.api.private_chat(ivy), ivy, "怎么切换分支")
    feedback = next(b["callback_data"] for b in buttons(sent.result) if b["callback_data"].startswith("f:"))
    _, token, passage, helpful = feedback.split(":")
    before = bot.store.feedback_counts()
    for data in ("zz:unknown", "p:garbage", f"f:{token[:3]}:{passage}:{helpful}", f"f:{token}x:{passage}:{helpful}"):
        bot.api.press(sent.result, data, ivy, forged=True)
        answered = await bot.api.wait_for("answerCallbackQuery")
        assert answered.params.get("text") == texts.STALE_BUTTON, data
    assert bot.store.feedback_counts() == before  # no feedback stored from a token that is not this one


async def test_sticker_edit_and_overlong_text(bot: RunningBot) -> None:
    judy = bot.api.user("Judy")
    chat = bot.api.private_chat(judy)
    bot.api.sticker(chat, judy)
    friendly = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id)
    assert friendly.text == texts.NON_TEXT
    # An edited message gets no reply; the next question does.
    mark = bot.api.mark()
    original, _ = await bot.say(chat, judy, "什么是暂存区")
    bot.api.edit(original, "什么是分支")
    await bot.api.wait_consumed()
    _, too_long = await bot.say(chat, judy, "暂存区" * (MAX_QUESTION_CHARS // 3 + 1))
    assert too_long.text == texts.TOO_LONG.format(limit=MAX_QUESTION_CHARS)
    assert len(sent_since(bot, mark, chat.id)) == 2
    # In a group, stickers are chatter.
    group = bot.api.group("贴纸群", members=[judy])
    mark = bot.api.mark()
    bot.api.sticker(group, judy)
    await bot.api.wait_consumed()
    await bot.say(group, judy, "/ask 什么是暂存区")
    assert len(sent_since(bot, mark, group.id)) == 1


async def test_flood_limit_answers_politely_once_then_stays_quiet(bot: RunningBot) -> None:
    mallory = bot.api.user("Mallory")
    chat = bot.api.private_chat(mallory)
    limit = bot.settings.flood_limit_per_minute
    mark = bot.api.mark()
    for _ in range(limit):
        await bot.say(chat, mallory, "分支")
    _, polite = await bot.say(chat, mallory, "分支")
    assert polite.text == texts.FLOOD
    bot.api.message(chat, mallory, "分支")
    # Someone else is still answered, and Mallory got nothing more.
    other = bot.api.user("Niaj")
    await bot.say(bot.api.private_chat(other), other, "分支")
    await bot.handled()
    assert len(sent_since(bot, mark, chat.id)) == limit + 1


async def test_the_flood_limit_counts_questions_not_commands_or_taps(bot: RunningBot) -> None:
    olive = bot.api.user("Olive")
    chat = bot.api.private_chat(olive)
    limit = bot.settings.flood_limit_per_minute
    _, answer = await bot.say(chat, olive, "什么是暂存区")
    good = next(b["callback_data"] for b in buttons(answer.result) if b["callback_data"].startswith("f:"))
    for _ in range(limit + 2):  # commands and taps past the limit are all answered
        _, toc = await bot.say(chat, olive, "/toc")
        assert toc.text != texts.FLOOD
        bot.api.press(answer.result, good, olive)
        tapped = await bot.api.wait_for("answerCallbackQuery")
        assert tapped.params.get("text") in (texts.FEEDBACK_THANKS, texts.FEEDBACK_SORRY)
    for _ in range(limit - 1):  # the one question above and these: the limit
        await bot.say(chat, olive, "分支")
    _, polite = await bot.say(chat, olive, "/ask 分支")  # /ask is a question
    assert polite.text == texts.FLOOD


async def test_429_is_retried_after_retry_after(bot: RunningBot) -> None:
    oscar = bot.api.user("Oscar")
    chat = bot.api.private_chat(oscar)
    bot.api.fail_next("sendMessage", 429, retry_after=1, chat_id=chat.id)
    _, sent = await bot.say(chat, oscar, "什么是暂存区")
    refused = [c for c in bot.api.calls("sendMessage") if c.chat_id == chat.id and c.status == 429]
    assert len(refused) == 1
    assert sent.at - refused[0].at >= 1.0
    assert "暂存区" in sent.text


async def test_403_marks_the_chat_inactive_and_the_bot_carries_on(bot: RunningBot, caplog: pytest.LogCaptureFixture) -> None:
    peggy = bot.api.user("Peggy")
    chat = bot.api.private_chat(peggy)
    await bot.say(chat, peggy, "分支")
    bot.api.forbid(chat.id)  # Peggy blocks the bot, and Telegram has not told it yet
    with caplog.at_level(logging.WARNING, logger="bot.telegram.app"):
        bot.api.message(chat, peggy, "什么是暂存区")
        blocked_update = bot.api.last_update_id
        await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id, ok=False)
        trent = bot.api.user("Trent")
        await bot.say(bot.api.private_chat(trent), trent, "分支")  # carries on
        await bot.handled()
    assert f"update {blocked_update}: forbidden" in caplog.text  # the error handler names the update
    assert bot.store.get_chat(chat.id).active is False
    bot.api.set_bot_status(chat, "member")  # Peggy unblocks the bot and writes again: active again
    await bot.say(chat, peggy, "分支")
    assert bot.store.get_chat(chat.id).active is True
    # my_chat_member: a group kicks the bot, then adds it back.
    group = bot.api.group("踢人群", members=[trent])
    await bot.say(group, trent, "/ask 分支")
    bot.api.bot_status_change(group, trent, "kicked")
    await bot.handled()
    assert bot.store.get_chat(group.id).active is False
    bot.api.bot_status_change(group, trent, "member")
    await bot.handled()
    assert bot.store.get_chat(group.id).active is True


async def test_start_help_and_toc(bot: RunningBot) -> None:
    victor = bot.api.user("Victor")
    chat = bot.api.private_chat(victor)
    _, start = await bot.say(chat, victor, "/start")
    assert "git.md" in start.text and "/toc" in start.text and "/reload" not in start.text
    _, help_ = await bot.say(chat, victor, "/help")
    assert f"@{bot.api.bot_username}" in help_.text
    mark = bot.api.mark()
    _, unknown = await bot.say(chat, victor, "/nonsense")
    assert unknown.text == texts.CHAT_UNKNOWN_COMMAND
    _, toc = await bot.say(chat, victor, "/toc")
    assert len(sent_since(bot, mark, chat.id)) == 2  # a known command gets its own answer only
    lines = toc.text.splitlines()
    assert "1 Git 基础" in lines and f"2 远程仓库{texts.TOC_UNWRITTEN_MARK}" in lines


async def test_reload_is_for_admins_and_swaps_the_library(bot: RunningBot) -> None:
    walter = bot.api.user("Walter")
    _, refused = await bot.say(bot.api.private_chat(walter), walter, "/reload")
    assert refused.text == texts.RELOAD_FORBIDDEN
    admin = bot.api.user("Admin", user_id=ADMIN_ID)
    before = bot.app.bot_data["library"]
    _, done = await bot.say(bot.api.private_chat(admin), admin, "/reload")
    corpus = before.corpus
    assert done.text == texts.RELOAD_DONE.format(files=1, sections=len(corpus.sections), passages=len(corpus.passages))
    assert bot.app.bot_data["library"] is not before
    assert bot.app.bot_data["library"].corpus.fingerprint == corpus.fingerprint
    _, help_ = await bot.say(bot.api.private_chat(admin), admin, "/help")
    assert "/reload" in help_.text


async def test_every_button_fits_callback_data_limits(bot: RunningBot) -> None:
    for rec in bot.api.calls("sendMessage") + bot.api.calls("editMessageText"):
        for button in buttons(rec.params):
            assert 1 <= len(button["callback_data"].encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA


async def test_a_group_question_deleted_before_the_answer_still_gets_one(bot: RunningBot) -> None:
    yolanda = bot.api.user("Yolanda")
    group = bot.api.group("删消息群", members=[yolanda])
    question = bot.api.message(group, yolanda, "/ask 什么是暂存区")
    bot.api.delete(question)  # deleted before the bot answers
    sent = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id)
    assert "暂存区" in sent.text
