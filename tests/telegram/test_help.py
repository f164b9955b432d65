"""/start, /help, the command menus and a greeting, end to end over the Bot API stand-in."""

from __future__ import annotations

import json

import pytest

from bot import texts
from bot.replies import commands_for, example_questions
from bot.telegram.app import set_command_menus
from bot.telegram.commands import registered_commands
from tests.telegram.harness import BOT_ADMIN, Running

pytestmark = pytest.mark.asyncio(loop_scope="module")


def listed(text: str) -> set[str]:
    """The commands a help text lists, one a line ("• /quiz [题数] —— …")."""
    return {line[2:].split()[0][1:] for line in text.splitlines() if line.startswith("• /")}


async def test_help_in_private_lists_every_command_that_works_there_with_an_example(bot: Running) -> None:
    kim = bot.api.user("Kim")
    chat = bot.api.private_chat(kim)
    registered = registered_commands(bot.app)
    help_ = await bot.command(chat, kim, "/help")
    private = set(commands_for("private", False, registered))
    assert listed(help_.text) == private
    assert {"quiz", "stop", "review", "me", "daily", "timezone", "ask", "toc"} <= private
    assert "top" not in listed(help_.text) and "reload" not in listed(help_.text)  # group-only, admin-only
    for name in private:
        usage, what, example = texts.COMMAND_HELP[name]
        assert texts.HELP_LINE.format(usage=usage, what=what, example=example) in help_.text.splitlines()
    start = await bot.command(chat, kim, "/start")
    assert listed(start.text) == private
    admin = bot.api.user("Admin", user_id=BOT_ADMIN)
    admin_help = await bot.command(bot.api.private_chat(admin), admin, "/help")
    assert listed(admin_help.text) == set(commands_for("private", True, registered)) >= {"reload", "report"}


async def test_help_in_a_group_lists_the_group_commands(bot: Running) -> None:
    owner = bot.api.user("Help owner")
    group = bot.api.group("帮助群", owner=owner)
    help_ = await bot.command(group, owner, "/help")
    group_commands = set(commands_for("group", False, registered_commands(bot.app)))
    assert listed(help_.text) == group_commands
    assert "top" in group_commands and "review" not in group_commands and "report" not in group_commands
    assert f"@{bot.api.bot_username}" in help_.text


async def test_every_registered_command_is_in_some_help(bot: Running) -> None:
    registered = registered_commands(bot.app)
    helped = set(commands_for("private", True, registered)) | set(commands_for("group", True, registered))
    assert registered == helped


async def test_the_command_menus_match_the_help_of_each_scope(bot: Running) -> None:
    await set_command_menus(bot.app)
    registered = registered_commands(bot.app)

    def menu(scope: dict) -> list[str]:
        return [c["command"] for c in bot.api.commands[json.dumps([scope, ""], sort_keys=True)]]

    assert menu({"type": "all_private_chats"}) == list(commands_for("private", False, registered))
    assert menu({"type": "all_group_chats"}) == list(commands_for("group", False, registered))
    assert menu({"type": "chat", "chat_id": BOT_ADMIN}) == list(commands_for("private", True, registered))


async def test_a_greeting_gets_an_introduction_with_two_example_questions(bot: Running) -> None:
    lena = bot.api.user("Lena")
    chat = bot.api.private_chat(lena)
    reply = await bot.command(chat, lena, "你好！")
    examples = example_questions(bot.library)
    assert len(examples) == 2
    lines = reply.text.splitlines()
    assert lines[0] == texts.GREETING_INTRO
    assert [f"• {question}" for question in examples] == lines[2:4]
    assert texts.GREETING_QUIZ in lines and texts.NOT_FOUND not in reply.text
    # each example is one the notes answer
    for question in examples:
        answer = await bot.command(chat, lena, question)
        assert texts.NOT_FOUND not in answer.text
    assert (await bot.command(chat, lena, "谢谢")).text == texts.GREETING_THANKS
