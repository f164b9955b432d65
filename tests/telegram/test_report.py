"""/report for the bot's admins, and the questions it is built from, kept only with KEEP_QUESTIONS:
the real Application against the Bot API stand-in."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import texts
from tests.support.botapi import BotApiStandin
from tests.telegram.harness import BOT_ADMIN, Running, running_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_report_shows_an_admin_the_refused_questions_grouped_and_the_unwritten_chapters(bot: Running) -> None:
    api = bot.api
    asker, author = api.user("提问的人", username="asker_name"), api.user("作者", user_id=BOT_ADMIN)
    chat = api.private_chat(asker)
    for question in ("Docker Swarm 是什么", "docker swarm是什么？", "Docker Swarm 是什么", "什么是容器", "怎么做蛋糕"):
        await bot.command(chat, asker, question)
    await bot.handled()
    report = await bot.command(api.private_chat(author), author, "/report")
    lines = report.text.splitlines()
    assert lines[0] == texts.REPORT_TITLE.format(days=30, asked=5, refused=4)
    refused = lines[lines.index(texts.REPORT_REFUSED) + 1 : lines.index(texts.REPORT_UNWRITTEN) - 1]
    assert refused == [texts.report_refused(3, "Docker Swarm 是什么", ["docker swarm是什么？"]),
                       texts.report_refused(1, "怎么做蛋糕", [])]
    assert texts.report_counted(3, "25 Docker三剑客之Swarm") in lines
    assert "提问的人" not in report.text and "asker_name" not in report.text  # nobody is named


async def test_report_is_for_admins_only_and_only_in_private(bot: Running) -> None:
    api = bot.api
    member, author = api.user("成员"), api.user("作者", user_id=BOT_ADMIN)
    assert (await bot.command(api.private_chat(member), member, "/report")).text == texts.REPORT_FORBIDDEN
    group = api.group("学习群", members=[member, author])
    assert (await bot.command(group, author, "/report")).text == texts.REPORT_PRIVATE_ONLY
    usage = texts.REPORT_USAGE.format(days=30)
    assert (await bot.command(api.private_chat(author), author, "/report 0")).text == usage
    assert (await bot.command(api.private_chat(author), author, "/report 7")).text.startswith("笔记报告：最近 7 天")
    assert "/report" in (await bot.command(api.private_chat(author), author, "/help")).text  # admins see it
    assert "/report" not in (await bot.command(api.private_chat(member), member, "/help")).text


async def test_without_keep_questions_no_question_is_stored_not_even_with_feedback(tmp_path: Path) -> None:
    async with BotApiStandin() as api, running_bot(api, tmp_path, keep_questions=False) as bot:
        alice = api.user("Alice")
        chat = api.private_chat(alice)
        answer = await bot.command(chat, alice, "什么是容器")
        await bot.command(chat, alice, "Docker Swarm 是什么")
        thumb = next(button["callback_data"] for row in answer.result["reply_markup"]["inline_keyboard"]
                     for button in row if button["callback_data"].startswith("f:") and button["text"] == texts.FEEDBACK_BAD)
        api.press(answer.result, thumb, alice)
        await api.wait_for("answerCallbackQuery")
        await bot.handled()
        an_hour_ago = datetime.now(timezone.utc) - timedelta(hours=1)
        assert bot.store.feedback_counts().unhelpful == 1
        assert [row.questions for row in bot.store.unhelpful_answers(an_hour_ago)] == [()]
        assert bot.store.asked_questions(an_hour_ago) == ()
