"""The Bot API stand-in speaks enough Telegram for the real python-telegram-bot 22.8, over real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm

import pytest
from telegram import (
    Bot,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode, PollType
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.botapi import BotApiStandin, polling

# PTB warns about its own RetryAfter.retry_after type change when the exception is built; not ours.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*")


async def test_get_me_returns_the_bot_user(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    me = await ptb_bot.get_me()
    assert me.is_bot and me.username == botapi.bot_username
    assert ptb_bot.username == botapi.bot_username  # initialize() called getMe already
    assert botapi.calls("getMe")


async def test_wrong_token_is_unauthorized(botapi: BotApiStandin) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("999:wrong", base_url=botapi.base_url):
            pass


async def test_send_message_is_recorded_and_html_parsed(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user("Alice")
    chat = botapi.private_chat(alice)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("相关 1", callback_data="rel:1")]])
    sent = await ptb_bot.send_message(chat.id, "<b>容器</b> &lt;镜像&gt; 😀 <i>层</i>", parse_mode=ParseMode.HTML,
                                      reply_markup=markup)
    assert sent.text == "容器 <镜像> 😀 层"
    assert sent.entities == (MessageEntity("bold", 0, 2), MessageEntity("italic", 11, 1))  # 😀 is two UTF-16 units
    assert sent.parse_entity(sent.entities[1]) == "层"
    rec = await botapi.wait_for("sendMessage")
    assert rec.params["chat_id"] == chat.id and rec.params["parse_mode"] == "HTML"
    assert rec.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "rel:1"
    assert botapi.messages(chat.id)[-1]["message_id"] == sent.message_id


@pytest.mark.parametrize("text", ["a < b", "AT&T", "<b>未闭合", "<b>交叉<i></b></i>", "<script>x</script>"])
async def test_malformed_html_is_rejected_like_telegram(ptb_bot: Bot, botapi: BotApiStandin, text: str) -> None:
    chat = botapi.private_chat(botapi.user())
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await ptb_bot.send_message(chat.id, text, parse_mode=ParseMode.HTML)
    failed = await botapi.wait_for("sendMessage", ok=False)
    assert failed.status == 400


async def test_message_limits(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    chat = botapi.private_chat(botapi.user())
    await ptb_bot.send_message(chat.id, "字" * 4096)
    with pytest.raises(BadRequest, match="(?i)too long"):
        await ptb_bot.send_message(chat.id, "字" * 4097)
    with pytest.raises(BadRequest, match="(?i)too long"):
        await ptb_bot.send_message(chat.id, "😀" * 2049)  # 4098 UTF-16 units
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        button = InlineKeyboardButton("x", callback_data="长" * 22)  # 66 bytes
        await ptb_bot.send_message(chat.id, "x", reply_markup=InlineKeyboardMarkup([[button]]))
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await ptb_bot.send_message(123, "nobody")


async def test_get_updates_long_polls_until_an_update_is_pushed(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user("Alice")
    chat = botapi.private_chat(alice)
    poll = asyncio.create_task(ptb_bot.get_updates(timeout=5))
    await botapi.wait_get_updates_started(1)  # the request reached the server, which holds it open
    assert botapi.get_updates_started == 1 and not poll.done()
    botapi.message(chat, alice, "什么是 Docker？")
    updates = await asyncio.wait_for(poll, 3)
    # that same request brings the update pushed after it arrived: it waited rather than answer []
    assert len(updates) == 1 and updates[0].message.text == "什么是 Docker？"
    # without the offset the update comes again; with it, it is gone
    again = await ptb_bot.get_updates(timeout=0)
    assert [update.update_id for update in again] == [updates[0].update_id]
    assert await ptb_bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_get_updates_times_out_empty(ptb_bot: Bot) -> None:
    assert await ptb_bot.get_updates(timeout=0.2) == ()


async def test_scripted_failures(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    chat = botapi.private_chat(botapi.user())
    botapi.fail_next("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await ptb_bot.send_message(chat.id, "hi")
    assert caught.value._retry_after == dtm.timedelta(seconds=7)
    botapi.fail_next("sendMessage", 403)
    with pytest.raises(Forbidden, match="(?i)blocked by the user"):
        await ptb_bot.send_message(chat.id, "hi")
    botapi.fail_next("sendMessage", 400, description="Bad Request: message thread not found")
    with pytest.raises(BadRequest, match="(?i)thread not found"):
        await ptb_bot.send_message(chat.id, "hi")
    assert (await ptb_bot.send_message(chat.id, "hi")).text == "hi"  # scripts are used up
    assert [rec.status for rec in botapi.calls("sendMessage")] == [429, 403, 400, 200]


async def test_forbidden_chat_and_my_chat_member(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user("Alice")
    chat = botapi.private_chat(alice)
    update_id = botapi.bot_status_change(chat, alice, "kicked")
    (update,) = await ptb_bot.get_updates(timeout=0)
    assert update.update_id == update_id
    assert update.my_chat_member.new_chat_member.status == "kicked"
    assert isinstance(update.my_chat_member.new_chat_member, ChatMemberBanned)
    with pytest.raises(Forbidden, match="(?i)blocked"):
        await ptb_bot.send_message(chat.id, "还在吗")
    group = botapi.group("学习群")
    botapi.forbid(group.id)
    with pytest.raises(Forbidden, match="(?i)kicked"):
        await ptb_bot.send_poll(group.id, "q", ["a", "b"])


async def test_quiz_poll_and_poll_answer_parse_in_ptb(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    owner, bob = botapi.user("Owner"), botapi.user("Bob")
    group = botapi.group("学习群", owner=owner, members=[bob])
    sent = await ptb_bot.send_poll(
        group.id, "Docker 镜像是什么？", ["只读模板", "运行中的进程", "一台虚拟机"], type=PollType.QUIZ,
        correct_option_ids=[0], is_anonymous=False, explanation="镜像是只读模板。",
    )
    poll = sent.poll
    assert poll.type == "quiz" and poll.correct_option_ids == (0,) and not poll.is_anonymous
    assert poll.options[1].persistent_id and poll.allows_revoting is False and poll.members_only is False
    rec = await botapi.wait_for("sendPoll")
    assert rec.params["correct_option_ids"] == [0]
    botapi.answer_poll(poll.id, bob, [1], poll_update=True)
    botapi.answer_poll(poll.id, owner, [0])
    updates = await ptb_bot.get_updates(timeout=0)
    answers = [update.poll_answer for update in updates if update.poll_answer]
    assert [(answer.user.first_name, answer.option_ids) for answer in answers] == [("Bob", (1,)), ("Owner", (0,))]
    assert answers[0].option_persistent_ids == (poll.options[1].persistent_id,)
    states = [update.poll for update in updates if update.poll]
    assert states and states[0].total_voter_count == 1
    with pytest.raises(AssertionError, match="(?i)no revoting"):
        botapi.answer_poll(poll.id, bob, [0])
    stopped = await ptb_bot.stop_poll(group.id, sent.message_id)
    assert stopped.is_closed and stopped.total_voter_count == 2


async def test_poll_limits_and_anonymous_polls(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user()
    chat = botapi.private_chat(alice)
    with pytest.raises(BadRequest):
        await ptb_bot.send_poll(chat.id, "q" * 301, ["a", "b"])
    with pytest.raises(BadRequest):
        await ptb_bot.send_poll(chat.id, "q", ["a" * 101, "b"])
    with pytest.raises(BadRequest):
        await ptb_bot.send_poll(chat.id, "q", ["a", "b"], type=PollType.QUIZ)  # no correct option
    with pytest.raises(BadRequest, match="(?i)explanation"):
        await ptb_bot.send_poll(chat.id, "q", ["a", "b"], type=PollType.QUIZ, correct_option_ids=[1],
                                explanation="解" * 201)
    anonymous = await ptb_bot.send_poll(chat.id, "q", ["a", "b"], type=PollType.QUIZ, correct_option_ids=[1])
    with pytest.raises(AssertionError, match="(?i)anonymous"):
        botapi.answer_poll(anonymous.poll.id, alice, [0])


async def test_callback_query_and_edits(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user("Alice")
    chat = botapi.private_chat(alice)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("👍", callback_data="fb:1"),
                                    InlineKeyboardButton("下一段", callback_data="rel:2")]])
    sent = await ptb_bot.send_message(chat.id, "答案", reply_markup=markup)
    with pytest.raises(AssertionError, match="(?i)no button"):
        botapi.press(sent.to_dict(), "nope", alice)
    query_id = botapi.press(sent.to_dict(), "rel:2", alice)
    (update,) = await ptb_bot.get_updates(timeout=0)
    assert update.callback_query.id == query_id and update.callback_query.data == "rel:2"
    assert update.callback_query.message.message_id == sent.message_id
    assert await update.callback_query.answer()
    with pytest.raises(BadRequest, match="(?i)query ID is invalid"):
        await ptb_bot.answer_callback_query(query_id)
    edited = await ptb_bot.edit_message_text("另一段", chat_id=chat.id, message_id=sent.message_id, reply_markup=markup)
    assert edited.text == "另一段" and edited.edit_date is not None
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await ptb_bot.edit_message_text("另一段", chat_id=chat.id, message_id=sent.message_id, reply_markup=markup)
    await ptb_bot.edit_message_reply_markup(chat_id=chat.id, message_id=sent.message_id, reply_markup=None)
    assert "reply_markup" not in botapi.messages(chat.id)[-1]
    with pytest.raises(BadRequest, match="(?i)not found"):
        await ptb_bot.edit_message_text("x", chat_id=chat.id, message_id=999)


async def test_inline_query_answer_is_validated(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    alice = botapi.user("Alice")
    query_id = botapi.inline(alice, "镜像")
    (update,) = await ptb_bot.get_updates(timeout=0)
    assert update.inline_query.query == "镜像" and update.inline_query.id == query_id

    def article(result_id: str, text: str) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(result_id, "标题", InputTextMessageContent(text, parse_mode=ParseMode.HTML))

    with pytest.raises(BadRequest, match="(?i)DUPLICATE"):
        await ptb_bot.answer_inline_query(query_id, [article("1", "a"), article("1", "b")])
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await ptb_bot.answer_inline_query(query_id, [article("1", "a < b")])
    assert await ptb_bot.answer_inline_query(query_id, [article(str(n), f"<b>{n}</b>") for n in range(10)])
    rec = await botapi.wait_for("answerInlineQuery")
    assert len(rec.params["results"]) == 10


async def test_chat_info_and_members_parse(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    owner, admin, bob = botapi.user("Owner"), botapi.user("Admin"), botapi.user("Bob")
    group = botapi.group("学习群", owner=owner, admins=[admin], members=[bob], forum=True)
    info = await ptb_bot.get_chat(group.id)
    assert isinstance(info, ChatFullInfo) and info.title == "学习群" and info.is_forum
    assert isinstance(await ptb_bot.get_chat_member(group.id, owner.id), ChatMemberOwner)
    assert isinstance(await ptb_bot.get_chat_member(group.id, admin.id), ChatMemberAdministrator)
    assert (await ptb_bot.get_chat_member(group.id, bob.id)).status == "member"
    assert (await ptb_bot.get_chat_member(group.id, 4242)).status == "left"
    admins = await ptb_bot.get_chat_administrators(group.id)
    assert {member.user.id for member in admins} == {owner.id, admin.id}
    botapi.set_status(group, bob, "administrator")
    assert (await ptb_bot.get_chat_member(group.id, bob.id)).status == "administrator"


async def test_commands_round_trip(ptb_bot: Bot, botapi: BotApiStandin) -> None:
    await ptb_bot.set_my_commands([("ask", "提问"), ("quiz", "小测验")])
    assert [command.command for command in await ptb_bot.get_my_commands()] == ["ask", "quiz"]
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await ptb_bot.set_my_commands([("Ask-Me", "bad")])


async def test_group_flood_control_answers_429(botapi: BotApiStandin, ptb_bot: Bot) -> None:
    botapi.flood_control = True
    group = botapi.group()
    for _ in range(20):
        await ptb_bot.send_message(group.id, "x")
    with pytest.raises(RetryAfter):
        await ptb_bot.send_message(group.id, "x")


async def test_peak_rate_counts_sends_per_window(botapi: BotApiStandin, ptb_bot: Bot) -> None:
    group, other = botapi.group(), botapi.group()
    chat = botapi.private_chat(botapi.user())
    for target in (group.id, group.id, group.id, other.id, chat.id):
        await ptb_bot.send_message(target, "x")
    await ptb_bot.send_chat_action(chat.id, "typing")  # not a message
    assert botapi.peak_rate(60) == 5
    assert botapi.peak_rate(60, groups_only=True) == 3
    assert botapi.peak_rate(60, chat_id=other.id) == 1
    assert botapi.peak_rate(1e-9) == 1


async def test_real_application_end_to_end(botapi: BotApiStandin) -> None:
    """The real Application polls the stand-in: commands, mentions, replies, buttons, stickers, edits."""
    seen: list[str] = []

    async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(
            f"问：{' '.join(context.args)}",
            reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("更多", callback_data="more")]]),
        )

    async def on_mention(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append("mention")
        await update.effective_message.reply_text("被提到了", do_quote=True)

    async def on_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append("reply")
        await update.effective_message.reply_text("收到回复")

    async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append(f"chatter:{update.effective_message.text}")

    async def on_sticker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("贴纸收到")

    async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("更多内容")

    app = ApplicationBuilder().token(botapi.token).base_url(botapi.base_url).base_file_url(botapi.base_file_url).build()
    app.add_handler(CommandHandler("ask", on_ask))
    app.add_handler(MessageHandler(filters.Entity(MessageEntity.MENTION), on_mention))
    app.add_handler(MessageHandler(filters.REPLY & filters.UpdateType.MESSAGE, on_reply))
    app.add_handler(MessageHandler(filters.TEXT & filters.UpdateType.MESSAGE, on_text))
    app.add_handler(MessageHandler(filters.Sticker.ALL, on_sticker))
    app.add_handler(CallbackQueryHandler(on_button))

    owner, bob = botapi.user("Owner"), botapi.user("Bob")
    group = botapi.group("学习群", owner=owner, members=[bob], forum=True)
    async with polling(app):
        botapi.message(group, bob, f"/ask@{botapi.bot_username} 什么是镜像", thread_id=7)
        answer = await botapi.wait_for("sendMessage")
        assert answer.text == "问：什么是镜像"
        assert answer.result["message_thread_id"] == 7  # PTB replies in the topic

        chatter = botapi.message(group, bob, "今天天气不错")
        botapi.message(group, owner, f"@{botapi.bot_username} 容器是什么")
        mention = await botapi.wait_for("sendMessage")
        assert mention.text == "被提到了"
        assert mention.result["reply_to_message"]["from"]["id"] == owner.id
        assert seen[:2] == [f"chatter:{chatter['text']}", "mention"]

        botapi.message(group, bob, "那网络呢？", reply_to=answer.result)
        assert (await botapi.wait_for("sendMessage")).text == "收到回复"

        botapi.press(answer.result, "more", bob)
        await botapi.wait_for("answerCallbackQuery")
        edited = await botapi.wait_for("editMessageText")
        assert edited.text == "更多内容"
        assert botapi.messages(group.id)[0]["text"] == "更多内容"

        private = botapi.private_chat(bob)
        botapi.sticker(private, bob)
        assert (await botapi.wait_for("sendMessage", lambda rec: rec.chat_id == bob.id)).text == "贴纸收到"

        botapi.edit(chatter, "今天天气很好")
        await botapi.wait_consumed()
    assert not [rec for rec in botapi.requests if rec.status != 200]


async def test_restart_delivers_each_update_exactly_once(botapi: BotApiStandin) -> None:
    """Stopping one Application and starting another on the same stand-in loses and repeats nothing."""
    received: list[tuple[str, str]] = []

    def build(name: str):  # noqa: ANN202
        async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            received.append((name, update.effective_message.text))
            await update.effective_message.reply_text(f"{name} ok")

        app = ApplicationBuilder().token(botapi.token).base_url(botapi.base_url).build()
        app.add_handler(MessageHandler(filters.TEXT, record))
        return app

    alice = botapi.user("Alice")
    chat = botapi.private_chat(alice)
    async with polling(build("first")):
        botapi.message(chat, alice, "one")
        await botapi.wait_for("sendMessage")
    botapi.message(chat, alice, "two")  # arrives while the bot is down
    botapi.fail_next("getUpdates", 502)  # and the first poll after the restart hits a network error
    async with polling(build("second")):
        await botapi.wait_for("sendMessage", lambda rec: rec.text == "second ok", since=0)
        botapi.message(chat, alice, "three")
        await botapi.wait_for("sendMessage")
    assert received == [("first", "one"), ("second", "two"), ("second", "three")]
    assert any(rec.method == "getUpdates" and rec.status == 502 for rec in botapi.requests)
