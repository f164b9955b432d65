"""Inputs that used to get no answer, or a wrong one: overlong arguments, commands deleted before the
reply, poll answers naming options the poll lacks, names that reverse the text after them, forged
buttons. (Lone surrogates: `test_faults`, they come in with the update; notes files that are not
text: `test_lifecycle`, with /reload.)
"""

from __future__ import annotations

import pytest

from bot import texts
from bot.study.flow import learner_key
from bot.telegram.base import ECHO_CHARS
from tests.telegram.harness import Running

pytestmark = pytest.mark.asyncio(loop_scope="module")


def keyboard(message: dict) -> list[str]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["callback_data"] for row in rows for button in row]


async def test_an_overlong_timezone_argument_is_answered_with_it_cut(bot: Running) -> None:
    alice = bot.api.user("Alice")
    reply = await bot.command(bot.api.private_chat(alice), alice, "/timezone " + "X" * 4000)
    assert reply.text == texts.TIMEZONE_BAD.format(value="X" * (ECHO_CHARS - 1) + "…")


async def test_commands_deleted_before_the_reply_are_answered_without_the_quote(bot: Running) -> None:
    owner = bot.api.user("Owner")
    group = bot.api.group("删命令的群", owner=owner)
    for text in ("/top", "/me", "/quiz 0", "/daily", "/timezone"):
        command = bot.api.message(group, owner, text)
        bot.api.delete(command)  # gone before the bot answers: quoting it would be refused
        reply = await bot.api.wait_for("sendMessage", lambda rec: rec.chat_id == group.id)
        assert "reply_to_message" not in reply.result, text
        assert reply.params["reply_parameters"]["message_id"] == command["message_id"]  # it did try to quote


async def test_poll_answers_naming_options_the_poll_lacks_are_ignored(bot: Running) -> None:
    bob = bot.api.user("Bob")
    chat = bot.api.private_chat(bob)
    (poll,) = await bot.polls_after(chat, bob, "/quiz", 1)
    poll_id, options = poll.result["poll"]["id"], len(poll.params["options"])
    for impossible in ([options], [options + 5], [-1], [0, 1]):  # past the end, negative, two in a quiz
        bot.api.push("poll_answer", {"poll_id": poll_id, "user": bob.to_api(), "option_ids": impossible,
                                     "option_persistent_ids": [str(option) for option in impossible]})
    assert (await bot.command(chat, bob, "/me")).text == texts.ME_NO_ANSWERS
    assert bot.store.get_cards(learner_key(bob.id)) == {}
    bot.api.answer_poll(poll_id, bob, [options - 1])  # the last option is a real one
    await bot.summary(chat)  # the answer ended the session of one question
    assert "答题：1 道" in (await bot.command(chat, bob, "/me")).text


async def test_bidi_controls_are_taken_out_of_names_others_see(bot: Running) -> None:
    owner = bot.api.user("Owner")
    spoofer = bot.api.user("\u202eredwO\u202c\u2066", last_name="\u200f")  # would read as "Owner"
    group = bot.api.group("排行群", owner=owner, members=[spoofer])
    (poll,) = await bot.polls_after(group, owner, "/quiz", 1)
    bot.api.answer_poll(poll.result["poll"]["id"], spoofer, poll.params["correct_option_ids"])
    await bot.handled()
    top = await bot.command(group, owner, "/top")
    assert texts.top_row(1, "redwO", 1, 1) in top.text.splitlines()
    assert not any(char in top.text for char in "\u202e\u202c\u2066\u200f")


async def test_a_button_acts_only_on_what_its_message_showed(bot: Running) -> None:
    carol = bot.api.user("Carol")
    answer = await bot.command(bot.api.private_chat(carol), carol, "什么是容器")
    shown = next(data for data in keyboard(answer.result) if data.startswith("f:"))
    _, fingerprint, passage, helpful = shown.split(":")
    other = (int(passage) + 1) % len(bot.library.corpus.passages)
    before = bot.store.feedback_counts()
    # a current token and a real passage, but one that message never showed
    for forged in (f"f:{fingerprint}:{other}:{helpful}", f"qz:{fingerprint}:{other}", f"p:{fingerprint}:{other}:{other}"):
        bot.api.press(answer.result, forged, carol, forged=True)
        refused = await bot.api.wait_for("answerCallbackQuery")
        assert refused.params.get("text") == texts.STALE_BUTTON, forged
    assert bot.store.feedback_counts() == before
    bot.api.press(answer.result, shown, carol)  # the real button still works
    thanked = await bot.api.wait_for("answerCallbackQuery")
    assert thanked.params.get("text") in (texts.FEEDBACK_THANKS, texts.FEEDBACK_SORRY)
