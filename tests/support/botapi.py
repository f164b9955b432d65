"""A Telegram Bot API stand-in on loopback HTTP, for running the real python-telegram-bot against it.

Start it (or use the `botapi` fixture from `tests.support.fixtures`), point PTB at it and drive it::

    async with BotApiStandin() as api:                   # aiohttp server on 127.0.0.1, random port
        app = (ApplicationBuilder().token(api.token)
               .base_url(api.base_url).base_file_url(api.base_file_url).build())
        async with polling(app):                         # initialize, start, long-poll; stop on exit
            alice = api.user("Alice")
            api.message(api.private_chat(alice), alice, "什么是容器")
            reply = await api.wait_for("sendMessage")    # waits (no sleeping) for the bot's request
            assert "容器" in reply.text

Test API of `BotApiStandin` (every helper that pushes an update returns what it pushed):

- addresses: `token`, `base_url` (`http://127.0.0.1:<port>/bot`, PTB appends the token),
  `base_file_url`, `settings_env()` (TELEGRAM_BOT_TOKEN / TELEGRAM_BASE_URL for `load_settings`),
  `bot_user` (the bot's User dict), `bot_username`.
- the world: `user(first_name, *, username=None, user_id=None)` -> FakeUser;
  `private_chat(user)`, `group(title, *, supergroup=True, forum=False, owner=None, admins=(),
  members=())` -> FakeChat; `set_status(chat, user_or_id, status)` with a ChatMember status
  ("creator", "administrator", "member", "left", "kicked"); `set_bot_status(chat, status)`;
  `upgrade(group, by, *, announce=True)` -> the supergroup a basic group became (new id; calls to
  the old id answer 400 with `parameters.migrate_to_chat_id`; `announce` pushes the service
  messages `migrate_to_chat_id` / `migrate_from_chat_id`).
- updates (long polling honours `offset`, `limit`, `timeout`, `allowed_updates`):
  `message(chat, user, text, *, reply_to=None, thread_id=None)` (entities for /commands,
  /cmd@bot and @mentions are added like Telegram does), `sticker(chat, user)`,
  `edit(message, new_text)` (edited_message), `delete(message)` (gone, no update),
  `press(message, data, user, *, forged=False)`
  (callback query; the data must be on a button of that message as it is now, unless forged), `inline(user, query)` (inline query id),
  `answer_poll(poll_id, user, option_ids, *, poll_update=False)` (a poll sent with `open_period`
  closes when that time is up, as Telegram's: the closed poll is pushed as a `poll` update and
  its id appended to `closed_polls`; answering it then is refused), `bot_status_change(chat, by,
  new_status)` (my_chat_member; e.g. "kicked" in a private chat = the user blocked the bot),
  `push(kind, payload)` for anything else (returns the update id; `last_update_id`; `pending`,
  the updates the next getUpdates would answer).
  `await wait_consumed(update_id=None)`: PTB has fetched and acknowledged that update (default the
  last pushed); handlers may still run then, so to prove silence push a later update of the same
  chat that gets a visible reply and wait for that reply (the bot handles one chat's updates in
  order, different chats' at once: `tests.telegram.harness.wait_until_handled` waits for all).
- what the bot did: `await wait_get_updates_started(count=1)` (that many getUpdates arrived, the
  last one may still be long-polling), `requests` (every call, `Recorded(seq, method, params, status, response)`
  with `.result`, `.text`, `.chat_id`, `.ok`), `calls(method)`, `await wait_for(method,
  predicate=None, timeout=5.0, *, since=None, ok=True)`: the first call of `method` after the last
  push (or after `since`, from `mark()`) that `predicate(recorded)` accepts and that no earlier
  `wait_for` returned (`ok=False`: failed calls only); `messages(chat_id)` (the bot's messages as
  they are now, after edits); `polls` (poll_id -> PollRecord); `commands` (setMyCommands by
  scope); `peak_rate(window, chat_id=None, groups_only=False)` (most sends in any window of that
  many seconds: measure a mass push against Telegram's limits without timing the test).
- failures: `fail_next(method, status=429|403|400|5xx, *, retry_after=1, description=None,
  times=1, chat_id=None)`; `forbid(chat_id)` (bot blocked/kicked there: every call 403 until
  `set_bot_status`); `flood_control=True` emulates Telegram's flood limits (about 30 messages a
  second overall, 20 a minute per group) with 429 and retry_after.
- faults that last: `fault(methods, kinds=(500,), *, chat_id=None, skip=0, times=None,
  seconds=None)` -> `Fault`: calls of those methods (to `chat_id`, if given; after the first
  `skip`) fail, each the next of `kinds` in turn, until `Fault.stop()`, `times` calls or `seconds`:
  an int answers that status (500, 502, 429 with retry_after 1, 413...), "drop" closes the
  connection without an answer, "hang" does not answer until the fault ends, then drops the
  connection (the client times out meanwhile; a network cut off before Telegram). Either way
  nothing is done. Faulted calls are recorded with their status (0 for a drop, -1 for a hang).
  `wait_until(condition, timeout=5.0)` waits (on the stand-in's change event) for any condition on
  what it recorded.
  `fail_after(method, n, status, ...)` is `fault(method, (status,), skip=n, ...)`. `unparseable_poll(chat, user)`
  pushes a poll message without the options' `persistent_id` (as a Bot API server older than 9.6
  sends it), which python-telegram-bot 22.8 cannot parse.
- webhook mode: `setWebhook` is recorded (`webhook`, the last call's parameters). `deliver_to(urls,
  secret)` makes every update pushed from then on go to those webhook URLs instead of getUpdates, in
  turn (a load balancer in front of several bot processes), POSTed as Telegram does (JSON, the
  secret in `X-Telegram-Bot-Api-Secret-Token`); `deliver(update_id, url)` posts one pushed update
  (again) to one URL, as Telegram redelivers after a failed or slow call; `await
  wait_delivered()` waits for every delivery so far to be answered; `deliveries` records each
  `(update_id, url, HTTP status)`.
- validation like Telegram's (answers 400 with Telegram's wording): text length after entity
  parsing <= 4096, HTML parse mode (see `tests.support.telegram_html`), inline keyboards
  (callback_data 1-64 bytes), poll limits (PollLimit), answerCallbackQuery/answerInlineQuery ids,
  inline results (<= 50, unique ids), "message is not modified", "message to be replied not found",
  unknown chats ("chat not found"), setMyCommands command syntax.

Polls sent by the bot carry every field PTB 22.8 requires (Bot API 10.0: `correct_option_ids`,
option `persistent_id`, `allows_revoting`, `members_only`; poll answers carry
`option_persistent_ids`).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import re
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import aiohttp
from aiohttp import web
from telegram.constants import (
    InlineKeyboardButtonLimit,
    InlineQueryLimit,
    MessageLimit,
    PollLimit,
)

from tests.support.telegram_html import HtmlParseError, parse_html, utf16_len

__all__ = ["BotApiStandin", "FakeChat", "FakeUser", "PollRecord", "Recorded", "polling"]

DEFAULT_TOKEN = "123456789:AAStandInTokenForTestsOnly_abcdefghij"

# Parameters whose value is a plain string even when it looks like JSON ("123", "true").
_STRING_PARAMS = frozenset(
    {
        "text", "caption", "question", "explanation", "description", "parse_mode", "explanation_parse_mode",
        "question_parse_mode", "description_parse_mode", "callback_query_id", "inline_query_id",
        "next_offset", "url", "title", "query", "inline_message_id", "business_connection_id",
        "message_effect_id", "action", "language_code", "emoji", "sticker", "photo", "document",
        "secret_token", "name", "short_description", "switch_pm_text", "switch_pm_parameter",
    }
)
_DEFAULT_UPDATE_KINDS = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post", "inline_query",
        "chosen_inline_result", "callback_query", "shipping_query", "pre_checkout_query", "poll",
        "poll_answer", "my_chat_member", "chat_join_request", "business_connection",
        "business_message", "edited_business_message", "deleted_business_messages", "purchased_paid_media",
        "removed_chat_boost", "chat_boost", "managed_bot", "guest_message",
    }
)
_SENDING_METHODS = frozenset({"sendMessage", "sendPoll", "sendSticker", "sendPhoto", "sendDocument"})
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_BUTTON_ACTIONS = (
    "callback_data", "url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "web_app", "login_url", "callback_game", "pay",
)


class ApiError(Exception):
    """An error answer of the Bot API: HTTP status, description, optional parameters."""

    def __init__(self, status: int, description: str, parameters: Mapping[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = dict(parameters or {})


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user the test invents."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "zh-hans"
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class FakeChat:
    """A chat the stand-in knows: private, group or supergroup (optionally a forum), with member statuses."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    statuses: dict[int, str] = field(default_factory=dict)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    migrated_to: int | None = None  # a group upgraded to this supergroup: calls here answer 400

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.first_name or "User"
            if self.username:
                data["username"] = self.username
        else:
            data["title"] = self.title or "Group"
            if self.is_forum:
                data["is_forum"] = True
        return data


@dataclass
class Recorded:
    """One call the bot made: method, decoded parameters, HTTP status and the JSON answer."""

    seq: int
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]
    at: float  # time.monotonic() when answered

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def result(self) -> Any:
        return self.response.get("result")

    @property
    def text(self) -> str:
        """The text Telegram shows (entities parsed) for sendMessage/editMessageText, else ''."""
        result = self.result
        if isinstance(result, dict):
            return str(result.get("text", ""))
        return ""

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")


@dataclass
class PollRecord:
    """A poll the bot sent: the Poll object as Telegram holds it and who answered what."""

    poll: dict[str, Any]
    chat_id: int
    message_id: int
    answers: dict[int, list[int]] = field(default_factory=dict)


FAULT_KINDS = ("drop", "hang")  # besides HTTP statuses (ints)


class Fault:
    """Calls of some methods failing for a while (see `BotApiStandin.fault`)."""

    def __init__(
        self, methods: frozenset[str], kinds: tuple[int | str, ...], chat_id: int | None, skip: int,
        times: int | None, seconds: float | None,
    ) -> None:
        if not kinds or any(not isinstance(kind, int) and kind not in FAULT_KINDS for kind in kinds):
            raise ValueError(f"fault kinds are HTTP statuses or among {FAULT_KINDS}, not {kinds}")
        self.methods = methods
        self.kinds = kinds
        self.chat_id = chat_id
        self.skip = skip
        self.times = times
        self.ends_at = None if seconds is None else time.monotonic() + seconds
        self.hits = 0  # calls faulted so far
        self.ended = asyncio.Event()

    @property
    def active(self) -> bool:
        timed_out = self.ends_at is not None and time.monotonic() >= self.ends_at
        if timed_out or (self.times is not None and self.hits >= self.times):
            self.ended.set()
        return not self.ended.is_set()

    def stop(self) -> None:
        """End the fault (hanging calls are dropped then)."""
        self.ended.set()

    async def wait_ended(self) -> None:
        remaining = None if self.ends_at is None else max(0.0, self.ends_at - time.monotonic())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ended.wait(), remaining)
        self.ended.set()


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None
    chat_id: int | None


class _Bucket:
    """A token bucket like Telegram's flood control: `capacity` sends, refilled at capacity/period."""

    def __init__(self, capacity: float, period: float) -> None:
        self.capacity = capacity
        self.rate = capacity / period
        self.tokens = capacity
        self.stamp = time.monotonic()

    def take(self) -> float | None:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return None
        return (1 - self.tokens) / self.rate


class BotApiStandin:
    """A loopback Bot API server for tests (see the module docstring for its test API)."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "notes_study_bot",
        bot_first_name: str = "读书笔记助手",
        flood_control: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.flood_control = flood_control
        self.clock = clock
        self.requests: list[Recorded] = []
        self.polls: dict[str, PollRecord] = {}
        self.closed_polls: list[str] = []  # polls closed by their open_period, in that order
        self._closers: list[asyncio.TimerHandle] = []
        self.chats: dict[int, FakeChat] = {}
        self.commands: dict[str, list[dict[str, Any]]] = {}
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(700_000_001)
        self.last_update_id = 0
        self._confirmed_below = 0  # every update with a smaller id is acknowledged
        self._allowed: frozenset[str] = _DEFAULT_UPDATE_KINDS
        self._poll_generation = 0
        self._stopping = False
        self._changed = asyncio.Event()
        self._mark = 0
        self._returned: set[int] = set()
        self._failures: dict[str, deque[_Failure]] = {}
        self._faults: list[Fault] = []
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._callbacks: dict[str, bool] = {}  # id -> answered
        self._inline_queries: dict[str, bool] = {}
        self._ids = itertools.count(1)
        self._user_ids = itertools.count(10_001)
        self._group_ids = itertools.count(1)
        # 30 a second sustained, with room for a burst of 45: the client's limiter spaces requests
        # when they start, but connection pooling and the event loop deliver them in small clumps,
        # and Telegram's own flood control tolerates that too. A tighter bucket made tests flaky.
        self._overall = _Bucket(45, 1.5)
        self._group_buckets: dict[int, _Bucket] = {}
        self.webhook: dict[str, Any] | None = None
        self.deliveries: list[tuple[int, str, int]] = []
        self._targets: list[str] = []
        self._secret = ""
        self._turn = itertools.count()
        self._pushed: dict[int, dict[str, Any]] = {}
        self._posting: set[asyncio.Task[None]] = set()
        self._client: aiohttp.ClientSession | None = None

    # ------------------------------------------------------------------ lifecycle
    async def start(self) -> BotApiStandin:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/{prefix}/{method}", self._handle)
        app.router.add_route("*", "/file/{prefix}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets
        self.port = server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        self._stopping = True
        for closer in self._closers:
            closer.cancel()
        for fault in self._faults:
            fault.stop()
        self._notify()
        for task in list(self._posting):
            task.cancel()
        if self._client is not None:
            await self._client.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiStandin:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    def settings_env(self) -> dict[str, str]:
        """Environment variables that point the bot's settings at this stand-in."""
        return {"TELEGRAM_BOT_TOKEN": self.token, "TELEGRAM_BASE_URL": self.base_url}

    # ------------------------------------------------------------------ the world
    def user(
        self, first_name: str = "Alice", *, username: str | None = None, user_id: int | None = None,
        last_name: str | None = None, language_code: str | None = "zh-hans",
    ) -> FakeUser:
        """A new user with a fresh id (or the given one)."""
        return FakeUser(
            id=user_id if user_id is not None else next(self._user_ids), first_name=first_name,
            last_name=last_name, username=username, language_code=language_code,
        )

    def private_chat(self, user: FakeUser) -> FakeChat:
        """The private chat with `user` (a user's private chat id is the user id)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = FakeChat(id=user.id, type="private", first_name=user.first_name, username=user.username)
            chat.statuses = {user.id: "member", self.bot_id: "member"}
            chat.users[user.id] = user.to_api()
            self.chats[user.id] = chat
        return chat

    def group(
        self, title: str = "Docker 学习小组", *, supergroup: bool = True, forum: bool = False,
        owner: FakeUser | None = None, admins: Iterable[FakeUser] = (), members: Iterable[FakeUser] = (),
        chat_id: int | None = None,
    ) -> FakeChat:
        """A new group (or supergroup, optionally a forum) with the bot as a member."""
        number = next(self._group_ids)
        if chat_id is None:
            chat_id = -1_001_000_000_000 - number if supergroup else -4_000_000_000 - number
        chat = FakeChat(id=chat_id, type="supergroup" if supergroup else "group", title=title, is_forum=forum)
        chat.statuses[self.bot_id] = "member"
        chat.users[self.bot_id] = self.bot_user
        for status, people in (("creator", [owner] if owner else []), ("administrator", admins), ("member", members)):
            for person in people:
                chat.statuses[person.id] = status
                chat.users[person.id] = person.to_api()
        self.chats[chat_id] = chat
        return chat

    def set_status(self, chat: FakeChat, user: FakeUser | int, status: str) -> None:
        """Set a member's status in `chat` (creator, administrator, member, left, kicked)."""
        user_id = user if isinstance(user, int) else user.id
        chat.statuses[user_id] = status
        if isinstance(user, FakeUser):
            chat.users[user_id] = user.to_api()

    def set_bot_status(self, chat: FakeChat | int, status: str) -> None:
        """The bot's own status in a chat; "kicked"/"left" make every call there answer 403."""
        chat_obj = self.chats[chat] if isinstance(chat, int) else chat
        chat_obj.statuses[self.bot_id] = status

    def upgrade(self, group: FakeChat, by: FakeUser, *, announce: bool = True) -> FakeChat:
        """`by` turns a basic group into a supergroup, which has a new id: from now on every call to
        the old id answers 400 with `parameters.migrate_to_chat_id`. With `announce` the two service
        messages are pushed as Telegram sends them: `migrate_to_chat_id` in the old chat, then
        `migrate_from_chat_id` in the new one. Returns the supergroup."""
        if group.type != "group":
            raise AssertionError("upgrade(): only a basic group becomes a supergroup")
        new = FakeChat(
            id=-1_001_000_000_000 - next(self._group_ids), type="supergroup", title=group.title,
            statuses=dict(group.statuses), users=dict(group.users),
        )
        self.chats[new.id] = new
        group.migrated_to = new.id
        if announce:
            for chat, key, value in ((group, "migrate_to_chat_id", new.id), (new, "migrate_from_chat_id", group.id)):
                message = self._base_message(chat, by, None)
                message[key] = value
                self._messages[(chat.id, message["message_id"])] = message
                self.push("message", message)
        return new

    def forbid(self, chat_id: int) -> None:
        """From now on the bot is blocked (private) or kicked (group) in that chat: calls answer 403."""
        self.set_bot_status(chat_id, "kicked")

    # ------------------------------------------------------------------ pushing updates
    def push(self, kind: str, payload: dict[str, Any]) -> int:
        """Queue an update of `kind` ("message", "poll_answer", ...) for getUpdates; returns its id."""
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        self.last_update_id = update_id
        self._mark = len(self.requests)
        if self._targets:
            self._pushed[update_id] = update
            self.deliver(update_id, self._targets[next(self._turn) % len(self._targets)])
        else:
            self._updates.append(update)
        self._notify()
        return update_id

    # ------------------------------------------------------------------ webhook mode
    def deliver_to(self, urls: Iterable[str], secret: str) -> None:
        """From now on, POST every pushed update to one of `urls` in turn (see the module docstring)."""
        self._targets = list(urls)
        self._secret = secret

    def deliver(self, update_id: int, url: str) -> None:
        """POST a pushed update (again) to `url`, as Telegram's webhook call."""
        task = asyncio.get_running_loop().create_task(self._post(self._pushed[update_id], url, self._secret))
        self._posting.add(task)

    async def _post(self, update: dict[str, Any], url: str, secret: str) -> None:
        if self._client is None:
            self._client = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
        try:
            async with self._client.post(url, data=_dumps(update), headers={**headers, "Content-Type": "application/json"}) as answer:
                status = answer.status
        except aiohttp.ClientError:
            status = 0
        finally:
            self._posting.discard(asyncio.current_task())  # type: ignore[arg-type]
        self.deliveries.append((update["update_id"], url, status))
        self._notify()

    async def wait_delivered(self, timeout: float = 10.0) -> None:
        """Wait until every webhook call made so far was answered (whatever the status)."""
        await self._wait_until(lambda: not self._posting, timeout, lambda: f"{len(self._posting)} webhook calls unanswered")

    def _now(self) -> int:
        return int(self.clock())

    def _next_message_id(self, chat_id: int) -> int:
        counter = self._message_ids.setdefault(chat_id, itertools.count(1))
        return next(counter)

    def _register(self, chat: FakeChat, user: FakeUser) -> None:
        self.chats.setdefault(chat.id, chat)
        chat.users[user.id] = user.to_api()
        if chat.statuses.get(user.id) in (None, "left"):
            chat.statuses[user.id] = "member"

    def _base_message(self, chat: FakeChat, user: FakeUser, thread_id: int | None) -> dict[str, Any]:
        self._register(chat, user)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat.id),
            "date": self._now(),
            "chat": chat.to_api(),
            "from": user.to_api(),
        }
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        return message

    def message(
        self, chat: FakeChat, user: FakeUser, text: str, *, reply_to: Mapping[str, Any] | None = None,
        thread_id: int | None = None,
    ) -> dict[str, Any]:
        """Push a text message from `user` in `chat`; returns the Message dict (with its entities)."""
        message = self._base_message(chat, user, thread_id)
        message["text"] = text
        entities = self._auto_entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            replied = dict(self._messages.get((chat.id, reply_to["message_id"]), reply_to))
            replied.pop("reply_to_message", None)
            message["reply_to_message"] = replied
            if thread_id is None and replied.get("message_thread_id") is not None:
                message["message_thread_id"] = replied["message_thread_id"]
        self._messages[(chat.id, message["message_id"])] = message
        self.push("message", message)
        return message

    def _auto_entities(self, text: str) -> list[dict[str, Any]]:
        entities: list[dict[str, Any]] = []
        for match in re.finditer(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])", text):
            entities.append({"type": "bot_command", "offset": utf16_len(text[: match.start()]),
                             "length": utf16_len(match.group())})
        for match in re.finditer(r"(?<![\w/@])@[A-Za-z][A-Za-z0-9_]{3,31}(?!\w)", text):
            entities.append({"type": "mention", "offset": utf16_len(text[: match.start()]),
                             "length": utf16_len(match.group())})
        entities.sort(key=lambda entity: entity["offset"])
        return entities

    def delete(self, message: Mapping[str, Any]) -> None:
        """The user deletes their message (no update, as in Telegram): a reply quoting it fails from now on."""
        self._messages.pop((message["chat"]["id"], message["message_id"]), None)

    def sticker(self, chat: FakeChat, user: FakeUser, emoji: str = "👍") -> dict[str, Any]:
        """Push a sticker message."""
        message = self._base_message(chat, user, None)
        serial = next(self._ids)
        message["sticker"] = {
            "file_id": f"CAACAgIAAxkBAAE{serial:06d}", "file_unique_id": f"AgAD{serial:06d}",
            "width": 512, "height": 512, "is_animated": False, "is_video": False, "type": "regular",
            "emoji": emoji,
        }
        self._messages[(chat.id, message["message_id"])] = message
        self.push("message", message)
        return message

    def edit(self, message: Mapping[str, Any], new_text: str) -> dict[str, Any]:
        """Push an edited_message: the user edited one of their messages."""
        edited = dict(message)
        edited["text"] = new_text
        edited["edit_date"] = self._now()
        entities = self._auto_entities(new_text)
        edited.pop("entities", None)
        if entities:
            edited["entities"] = entities
        self._messages[(message["chat"]["id"], message["message_id"])] = edited
        self.push("edited_message", edited)
        return edited

    def press(self, message: Mapping[str, Any], data: str, user: FakeUser, *, forged: bool = False) -> str:
        """Push a callback query: `user` taps the button with `data` on the bot's `message`; returns its id.
        `forged=True` sends data no button of that message carries (a modified client, a bug)."""
        chat_id = message["chat"]["id"]
        current = self._messages.get((chat_id, message["message_id"]))
        if current is None:
            raise AssertionError("press(): that message is not one the stand-in knows")
        buttons = [button for row in current.get("reply_markup", {}).get("inline_keyboard", []) for button in row]
        if not forged and data not in [button.get("callback_data") for button in buttons]:
            raise AssertionError(f"press(): no button with callback_data {data!r} on that message; it has {buttons}")
        query_id = str(4_000_000_000_000 + next(self._ids))
        self._callbacks[query_id] = False
        if chat_id in self.chats:
            self._register(self.chats[chat_id], user)
        self.push("callback_query", {
            "id": query_id, "from": user.to_api(), "chat_instance": str(abs(chat_id) * 7 + 13),
            "message": current, "data": data,
        })
        return query_id

    def inline(self, user: FakeUser, query: str, *, chat_type: str = "private", offset: str = "") -> str:
        """Push an inline query (`@bot query` typed in some chat); returns its id."""
        query_id = str(5_000_000_000_000 + next(self._ids))
        self._inline_queries[query_id] = False
        self.push("inline_query", {"id": query_id, "from": user.to_api(), "query": query, "offset": offset,
                                   "chat_type": chat_type})
        return query_id

    def answer_poll(
        self, poll_id: str, user: FakeUser, option_ids: Iterable[int], *, poll_update: bool = False,
    ) -> int:
        """Push a poll_answer (as Telegram: only for non-anonymous polls, no revoting in quizzes)."""
        record = self.polls.get(poll_id)
        if record is None:
            raise AssertionError(f"answer_poll(): the bot sent no poll {poll_id!r}")
        poll = record.poll
        chosen = list(option_ids)
        if poll["is_anonymous"]:
            raise AssertionError("answer_poll(): Telegram sends no poll_answer for an anonymous poll")
        if poll["is_closed"]:
            raise AssertionError("answer_poll(): the poll is closed")
        if user.id in record.answers and not poll["allows_revoting"]:
            raise AssertionError("answer_poll(): this user already answered and the poll allows no revoting")
        if any(not 0 <= option < len(poll["options"]) for option in chosen):
            raise AssertionError(f"answer_poll(): option out of range: {chosen}")
        for option in record.answers.get(user.id, []):
            poll["options"][option]["voter_count"] -= 1
        if user.id not in record.answers:
            poll["total_voter_count"] += 1
        record.answers[user.id] = chosen
        for option in chosen:
            poll["options"][option]["voter_count"] += 1
        if record.chat_id in self.chats:
            self._register(self.chats[record.chat_id], user)
        update_id = self.push("poll_answer", {
            "poll_id": poll_id, "user": user.to_api(), "option_ids": chosen,
            "option_persistent_ids": [poll["options"][option]["persistent_id"] for option in chosen],
        })
        if poll_update:
            update_id = self.push("poll", json.loads(json.dumps(poll)))
        return update_id

    def bot_status_change(self, chat: FakeChat, by: FakeUser, new_status: str) -> int:
        """Push my_chat_member: the bot's status in `chat` changes (blocked, kicked, added, made admin)."""
        old_status = chat.statuses.get(self.bot_id, "left")
        chat.statuses[self.bot_id] = new_status
        self.chats.setdefault(chat.id, chat)
        return self.push("my_chat_member", {
            "chat": chat.to_api(), "from": by.to_api(), "date": self._now(),
            "old_chat_member": _chat_member(old_status, self.bot_user),
            "new_chat_member": _chat_member(new_status, self.bot_user),
        })

    # ------------------------------------------------------------------ inspecting
    @property
    def pending(self) -> list[dict[str, Any]]:
        """The updates pushed and not acknowledged yet: what the next getUpdates would answer."""
        return list(self._updates)

    def calls(self, method: str | None = None) -> list[Recorded]:
        """Every recorded call (of `method`)."""
        return [rec for rec in self.requests if method is None or rec.method == method]

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot's messages in a chat, as they are now (after edits), oldest first."""
        return [
            message for (chat, _), message in sorted(self._messages.items(), key=lambda item: item[0][1])
            if chat == chat_id and message.get("from", {}).get("id") == self.bot_id
        ]

    @property
    def get_updates_started(self) -> int:
        """How many getUpdates calls have arrived so far (answered or still long-polling)."""
        return self._poll_generation

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait (on the change event, no sleeping) until `condition()` holds, e.g. on `requests`."""
        await self._wait_until(condition, timeout, lambda: f"not reached within {timeout}s")

    async def wait_get_updates_started(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait (on the stand-in's change event, no sleeping) until `count` getUpdates calls have arrived."""
        await self._wait_until(
            lambda: self._poll_generation >= count, timeout,
            lambda: f"{self._poll_generation} getUpdates calls within {timeout}s, not {count}",
        )

    async def _wait_until(self, done: Callable[[], bool], timeout: float, failure: Callable[[], str]) -> None:
        """Wait on the change event until `done()`; after `timeout` seconds, AssertionError(`failure()`)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not done():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(failure())
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def peak_rate(self, window: float, *, chat_id: int | None = None, groups_only: bool = False) -> int:
        """The most successful message sends (sendMessage, sendPoll, ...) within any `window` seconds,
        overall, to one chat, or the worst single group (`groups_only`): compare with Telegram's
        limits (about 30 a second overall, 20 a minute per group) after a mass push."""
        sends = [rec for rec in self.requests if rec.method in _SENDING_METHODS and rec.ok]
        if chat_id is not None:
            sends = [rec for rec in sends if _as_int(rec.chat_id) == chat_id]
        if groups_only:
            group_ids = {_as_int(rec.chat_id) for rec in sends if (_as_int(rec.chat_id) or 0) < 0}
            return max((self.peak_rate(window, chat_id=group) for group in group_ids if group), default=0)
        times = sorted(rec.at for rec in sends)
        best, start = 0, 0
        for end, moment in enumerate(times):
            while moment - times[start] >= window:
                start += 1
            best = max(best, end - start + 1)
        return best

    def mark(self) -> int:
        """A position in `requests` to pass as `since=` to `wait_for`."""
        return len(self.requests)

    async def wait_for(
        self, method: str, predicate: Callable[[Recorded], bool] | None = None, timeout: float = 5.0,
        *, since: int | None = None, ok: bool | None = True,
    ) -> Recorded:
        """The first call of `method` after the last push (or `since`) matching `predicate`, waiting up
        to `timeout` seconds. `ok=True` (default) considers successful calls only, False failed ones,
        None both. Each call is returned by at most one `wait_for`."""
        start = self._mark if since is None else since
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for rec in self.requests[start:]:
                if rec.method != method or rec.seq in self._returned:
                    continue
                if ok is not None and rec.ok != ok:
                    continue
                if predicate is None or predicate(rec):
                    self._returned.add(rec.seq)
                    return rec
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [(rec.method, rec.status) for rec in self.requests[start:]]
                raise AssertionError(f"no {method} call within {timeout}s; calls since the mark: {seen}")
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    async def wait_consumed(self, update_id: int | None = None, timeout: float = 5.0) -> None:
        """Wait until the bot acknowledged `update_id` (default: the last pushed update), i.e. a
        getUpdates with a higher offset arrived. The handlers may still be running then."""
        wanted = self.last_update_id if update_id is None else update_id
        await self._wait_until(
            lambda: self._confirmed_below > wanted, timeout,
            lambda: f"update {wanted} was not fetched within {timeout}s",
        )

    # ------------------------------------------------------------------ failures
    def fail_next(
        self, method: str, status: int = 429, *, retry_after: int | None = 1, description: str | None = None,
        times: int = 1, chat_id: int | None = None,
    ) -> None:
        """Script the next `times` calls of `method` (to `chat_id`, if given) to fail like Telegram does:
        429 "Too Many Requests: retry after N" with parameters.retry_after; 403 "Forbidden: bot was
        blocked by the user"; 400 with `description`."""
        if description is None:
            description = {
                429: f"Too Many Requests: retry after {retry_after}",
                403: "Forbidden: bot was blocked by the user",
                400: "Bad Request: scripted failure",
                502: "Bad Gateway",
            }.get(status, "Internal Server Error")
        failure = _Failure(status, description, retry_after if status == 429 else None, chat_id)
        self._failures.setdefault(method, deque()).extend([failure] * times)

    def fault(
        self, methods: str | Iterable[str], kinds: Iterable[int | str] = (500,), *, chat_id: int | None = None,
        skip: int = 0, times: int | None = None, seconds: float | None = None,
    ) -> Fault:
        """From now on, calls of `methods` fail (see the module docstring) until the returned
        `Fault` is stopped, has failed `times` calls or `seconds` have passed."""
        names = frozenset([methods] if isinstance(methods, str) else methods)
        fault = Fault(names, tuple(kinds), chat_id, skip, times, seconds)
        self._faults.append(fault)
        return fault

    def fail_after(self, method: str, calls: int, status: int = 500, *, chat_id: int | None = None) -> Fault:
        """Let `calls` calls of `method` (to `chat_id`) through, then answer `status` until stopped."""
        return self.fault(method, (status,), chat_id=chat_id, skip=calls)

    def unparseable_poll(self, chat: FakeChat, user: FakeUser) -> int:
        """Push a message with a poll whose options have no `persistent_id` (a Bot API server older
        than 9.6): python-telegram-bot 22.8 cannot parse it. Returns the update id."""
        message = self._base_message(chat, user, None)
        message["poll"] = {
            "id": str(5_900_000_000_000_000_000 + next(self._ids)), "question": "谁的投票？",
            "options": [{"text": "甲", "voter_count": 0}, {"text": "乙", "voter_count": 0}],
            "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
            "allows_multiple_answers": False,
        }
        return self.push("message", message)

    # ------------------------------------------------------------------ the HTTP side
    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _file(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)

    async def _handle(self, request: web.Request) -> web.Response:
        prefix = request.match_info["prefix"]
        method = request.match_info["method"]
        if prefix != f"bot{self.token}":
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        params = await _read_params(request)
        handler = getattr(self, f"_api_{method}", None)
        fault = self._fault_for(method, params)
        kind = fault.kinds[(fault.hits - 1) % len(fault.kinds)] if fault is not None else None
        if isinstance(kind, str) and fault is not None:
            await self._drop(fault, kind, request)
            self.requests.append(Recorded(len(self.requests), method, params, 0 if kind == "drop" else -1,
                                          {"ok": False, "description": kind}, time.monotonic()))
            self._notify()
            return web.Response(status=502)  # nobody reads it: the connection is gone
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            if isinstance(kind, int):
                raise _fault_error(kind)
            self._scripted_failure(method, params)
            self._check_chat_access(method, params)
            self._flood(method, params)
            result = await handler(params) if method == "getUpdates" else handler(params)
            status, body = 200, {"ok": True, "result": result}
        except ApiError as error:
            status = error.status
            body = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
        self.requests.append(Recorded(len(self.requests), method, params, status, body, time.monotonic()))
        self._notify()
        return web.json_response(body, status=status, dumps=_dumps)

    def _fault_for(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        """The fault this call runs into, if any (counting it)."""
        chat_id = _as_int(params.get("chat_id"))
        for fault in self._faults:
            if method in fault.methods and fault.active and fault.chat_id in (None, chat_id):
                if fault.skip > 0:
                    fault.skip -= 1
                    return None
                fault.hits += 1
                return fault
        return None

    async def _drop(self, fault: Fault, kind: str, request: web.Request) -> None:
        """Act out a fault that is not an error answer: drop the connection now, or after a hang."""
        if kind == "hang":
            await fault.wait_ended()
        if request.transport is not None:
            request.transport.abort()

    def _scripted_failure(self, method: str, params: Mapping[str, Any]) -> None:
        queue = self._failures.get(method)
        if not queue:
            return
        chat_id = _as_int(params.get("chat_id"))
        for failure in list(queue):
            if failure.chat_id is None or failure.chat_id == chat_id:
                queue.remove(failure)
                parameters = {"retry_after": failure.retry_after} if failure.retry_after is not None else None
                raise ApiError(failure.status, failure.description, parameters)

    def _check_chat_access(self, method: str, params: Mapping[str, Any]) -> None:
        if "chat_id" not in params or method in ("getUpdates", "setMyCommands", "getMyCommands", "deleteMyCommands"):
            return
        chat = self._chat(params["chat_id"])
        if chat.migrated_to is not None:
            raise ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat",
                           {"migrate_to_chat_id": chat.migrated_to})
        status = chat.statuses.get(self.bot_id, "member")
        if status == "kicked":
            if chat.type == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat.type} chat")
        if status == "left" and chat.type != "private":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")

    def _flood(self, method: str, params: Mapping[str, Any]) -> None:
        if not self.flood_control or method not in _SENDING_METHODS:
            return
        wait = self._overall.take()
        chat_id = _as_int(params.get("chat_id"))
        if wait is None and chat_id is not None and chat_id < 0:
            bucket = self._group_buckets.setdefault(chat_id, _Bucket(20, 60.0))
            wait = bucket.take()
        if wait is not None:
            retry_after = max(1, int(wait + 0.999))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    def _chat(self, chat_id: Any) -> FakeChat:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}" == chat_id:
                    return chat
            raise _bad("chat not found")
        number = _as_int(chat_id)
        if number is None or number not in self.chats:
            raise _bad("chat not found")
        return self.chats[number]

    def _bot_message(self, chat: FakeChat, params: Mapping[str, Any]) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat.id), "date": self._now(), "chat": chat.to_api(),
            "from": self.bot_user,
        }
        thread_id = _as_int(params.get("message_thread_id"))
        if thread_id is not None and chat.is_forum:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        reply = params.get("reply_parameters")
        reply_to_id = _as_int(reply.get("message_id")) if isinstance(reply, dict) else _as_int(
            params.get("reply_to_message_id"))
        if reply_to_id is not None:
            replied = self._messages.get((chat.id, reply_to_id))
            allow = (isinstance(reply, dict) and reply.get("allow_sending_without_reply")) or params.get(
                "allow_sending_without_reply")
            if replied is None and not allow:
                raise _bad("message to be replied not found")
            if replied is not None:
                quoted = dict(replied)
                quoted.pop("reply_to_message", None)
                message["reply_to_message"] = quoted
                if "message_thread_id" in replied and "message_thread_id" not in message and chat.is_forum:
                    message["message_thread_id"] = replied["message_thread_id"]
                    message["is_topic_message"] = True
        return message

    # ------------------------------------------------------------------ Bot API methods
    def _api_getMe(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return self.bot_user

    def _api_logOut(self, params: Mapping[str, Any]) -> bool:
        return True

    def _api_close(self, params: Mapping[str, Any]) -> bool:
        return True

    def _api_setWebhook(self, params: Mapping[str, Any]) -> bool:
        self.webhook = dict(params)
        return True

    def _api_deleteWebhook(self, params: Mapping[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            if self._updates:
                self._confirmed_below = self._updates[-1]["update_id"] + 1
            self._updates.clear()
        return True

    def _api_getWebhookInfo(self, params: Mapping[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _api_getUpdates(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        offset = _as_int(params.get("offset")) or 0
        limit = max(1, min(100, _as_int(params.get("limit")) or 100))
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed = frozenset(allowed) if allowed else _DEFAULT_UPDATE_KINDS
        if offset > self._confirmed_below:
            self._confirmed_below = offset
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
            self._notify()
        self._poll_generation += 1  # an older pending poll gives up (Telegram would answer it 409)
        generation = self._poll_generation
        self._notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            ready = [update for update in self._updates if self._kind(update) in self._allowed]
            if ready:
                return ready[:limit]
            remaining = deadline - loop.time()
            if remaining <= 0 or self._stopping or generation != self._poll_generation:
                return []
            event = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    @staticmethod
    def _kind(update: Mapping[str, Any]) -> str:
        return next(key for key in update if key != "update_id")

    def _api_setMyCommands(self, params: Mapping[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("commands must be a list of at most 100 BotCommand")
        for command in commands:
            name = command.get("command", "")
            if not _COMMAND_NAME.match(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(command.get("description", "")) <= 256:
                raise _bad("command description must be 1-256 characters")
        self.commands[self._command_key(params)] = commands
        return True

    def _api_getMyCommands(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        return self.commands.get(self._command_key(params), [])

    def _api_deleteMyCommands(self, params: Mapping[str, Any]) -> bool:
        self.commands.pop(self._command_key(params), None)
        return True

    @staticmethod
    def _command_key(params: Mapping[str, Any]) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _api_setMyDescription(self, params: Mapping[str, Any]) -> bool:
        return True

    def _api_setMyShortDescription(self, params: Mapping[str, Any]) -> bool:
        return True

    def _api_setChatMenuButton(self, params: Mapping[str, Any]) -> bool:
        return True

    def _api_sendChatAction(self, params: Mapping[str, Any]) -> bool:
        if not params.get("action"):
            raise _bad("wrong parameter action in request")
        return True

    def _api_sendMessage(self, params: Mapping[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        text, entities = _message_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = _check_markup(params.get("reply_markup"))
        message = self._bot_message(chat, params)
        message["text"] = text
        if entities:
            message["entities"] = entities
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat.id, message["message_id"])] = message
        return message

    def _edit_target(self, params: Mapping[str, Any]) -> tuple[FakeChat, dict[str, Any]] | None:
        if params.get("inline_message_id"):
            return None
        chat = self._chat(params.get("chat_id"))
        message = self._messages.get((chat.id, _as_int(params.get("message_id")) or 0))
        if message is None:
            raise _bad("message to edit not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        return chat, message

    def _api_editMessageText(self, params: Mapping[str, Any]) -> dict[str, Any] | bool:
        text, entities = _message_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = _check_markup(params.get("reply_markup"))
        target = self._edit_target(params)
        if target is None:
            return True
        chat, old = target
        if "text" not in old:
            raise _bad("there is no text in the message to edit")
        new = dict(old)
        new["text"] = text
        new.pop("entities", None)
        if entities:
            new["entities"] = entities
        new.pop("reply_markup", None)
        if markup and "inline_keyboard" in markup:
            new["reply_markup"] = markup
        _not_modified(old, new)
        new["edit_date"] = self._now()
        self._messages[(chat.id, new["message_id"])] = new
        return new

    def _api_editMessageReplyMarkup(self, params: Mapping[str, Any]) -> dict[str, Any] | bool:
        markup = _check_markup(params.get("reply_markup"))
        target = self._edit_target(params)
        if target is None:
            return True
        chat, old = target
        new = dict(old)
        new.pop("reply_markup", None)
        if markup and "inline_keyboard" in markup and markup["inline_keyboard"]:
            new["reply_markup"] = markup
        _not_modified(old, new)
        new["edit_date"] = self._now()
        self._messages[(chat.id, new["message_id"])] = new
        return new

    def _api_deleteMessage(self, params: Mapping[str, Any]) -> bool:
        chat = self._chat(params.get("chat_id"))
        if self._messages.pop((chat.id, _as_int(params.get("message_id")) or 0), None) is None:
            raise _bad("message to delete not found")
        return True

    def _api_answerCallbackQuery(self, params: Mapping[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if self._callbacks.get(query_id, True):
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        if len(str(params.get("text") or "")) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self._callbacks[query_id] = True
        return True

    def _api_answerInlineQuery(self, params: Mapping[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        if self._inline_queries.get(query_id, True):
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("results must be a JSON array")
        if len(results) > InlineQueryLimit.RESULTS:
            raise _bad("RESULTS_TOO_MUCH")
        if len(str(params.get("next_offset") or "").encode()) > InlineQueryLimit.MAX_OFFSET_LENGTH:
            raise _bad("NEXT_OFFSET_INVALID")
        seen: set[str] = set()
        for result in results:
            result_id = str(result.get("id", ""))
            if not 1 <= len(result_id.encode()) <= 64:
                raise _bad("RESULT_ID_INVALID")
            if result_id in seen:
                raise _bad("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            if result.get("type") == "article":
                if not result.get("title"):
                    raise _bad("RESULT_TITLE_EMPTY")
                content = result.get("input_message_content")
                if not isinstance(content, dict) or "message_text" not in content:
                    raise _bad("MESSAGE_EMPTY")
                _message_text(content["message_text"], content.get("parse_mode"), content.get("entities"))
            _check_markup(result.get("reply_markup"))
        self._inline_queries[query_id] = True
        return True

    def _api_sendPoll(self, params: Mapping[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        question = str(params.get("question") or "")
        if not PollLimit.MIN_QUESTION_LENGTH <= len(question) <= PollLimit.MAX_QUESTION_LENGTH:
            raise _bad("POLL_QUESTION_INVALID" if question else "poll question must be non-empty")
        raw_options = params.get("options")
        if not isinstance(raw_options, list):
            raise _bad("options must be a JSON array")
        options = [option if isinstance(option, str) else str(option.get("text", "")) for option in raw_options]
        poll_type = params.get("type") or "regular"
        if poll_type not in ("regular", "quiz"):
            raise _bad("wrong poll type specified")
        minimum = max(PollLimit.MIN_OPTION_NUMBER, 2 if poll_type == "quiz" else 1)
        if not minimum <= len(options) <= PollLimit.MAX_OPTION_NUMBER:
            raise _bad("POLL_ANSWERS_INVALID")
        for option in options:
            if not PollLimit.MIN_OPTION_LENGTH <= len(option) <= PollLimit.MAX_OPTION_LENGTH:
                raise _bad("POLL_ANSWER_INVALID")
        if len(set(options)) != len(options):
            raise _bad("POLL_OPTION_DUPLICATE")
        correct = params.get("correct_option_ids")
        if correct is None and params.get("correct_option_id") is not None:
            correct = [params["correct_option_id"]]
        correct_ids = [int(index) for index in (correct or [])]
        if poll_type == "quiz":
            if not correct_ids:
                raise _bad("poll can't have no correct answers")
            if any(not 0 <= index < len(options) for index in correct_ids) or correct_ids != sorted(set(correct_ids)):
                raise _bad("wrong correct option identifiers specified")
        elif correct_ids:
            raise _bad("correct option identifiers can be specified only for quizzes")
        explanation = params.get("explanation")
        explanation_entities: list[dict[str, Any]] = []
        if explanation is not None:
            explanation, explanation_entities = _parse_entities(
                str(explanation), params.get("explanation_parse_mode"), params.get("explanation_entities"))
            if len(explanation) > PollLimit.MAX_EXPLANATION_LENGTH:
                raise _bad("explanation is too long")
            if explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
                raise _bad("explanation has too many line feeds")
        open_period = _as_int(params.get("open_period"))
        if open_period is not None and not PollLimit.MIN_OPEN_PERIOD <= open_period <= PollLimit.MAX_OPEN_PERIOD:
            raise _bad("wrong open period specified")
        _check_markup(params.get("reply_markup"))
        is_anonymous = params.get("is_anonymous")
        poll_id = str(5_800_000_000_000_000_000 + next(self._ids))
        poll: dict[str, Any] = {
            "id": poll_id,
            "question": question,
            "options": [
                {"text": text, "voter_count": 0, "persistent_id": f"{poll_id}-{index}"}
                for index, text in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": bool(params.get("is_closed", False)),
            "is_anonymous": True if is_anonymous is None else bool(is_anonymous),
            "type": poll_type,
            "allows_multiple_answers": bool(params.get("allows_multiple_answers", False)),
            "allows_revoting": bool(params.get("allows_revoting", poll_type != "quiz")),
            "members_only": bool(params.get("members_only", False)),
        }
        if poll_type == "quiz":
            poll["correct_option_ids"] = correct_ids
        if explanation:
            poll["explanation"] = explanation
            if explanation_entities:
                poll["explanation_entities"] = explanation_entities
        if open_period is not None:
            poll["open_period"] = open_period
            poll["close_date"] = self._now() + open_period
            # Telegram closes the poll when its time is up and sends the closed poll as an update.
            self._closers.append(asyncio.get_running_loop().call_later(open_period, self._close_poll, poll_id))
        message = self._bot_message(chat, params)
        message["poll"] = poll
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat.id, message["message_id"])] = message
        self.polls[poll_id] = PollRecord(poll=poll, chat_id=chat.id, message_id=message["message_id"])
        return message

    def _close_poll(self, poll_id: str) -> None:
        """A poll's open_period ran out: closed, and the closed poll pushed as a `poll` update."""
        record = self.polls.get(poll_id)
        if record is None or record.poll["is_closed"] or self._stopping:
            return
        record.poll["is_closed"] = True
        self.closed_polls.append(poll_id)
        self.push("poll", json.loads(json.dumps(record.poll)))

    def _api_stopPoll(self, params: Mapping[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        message = self._messages.get((chat.id, _as_int(params.get("message_id")) or 0))
        if message is None or "poll" not in message:
            raise _bad("message with poll to stop not found")
        if message.get("from", {}).get("id") != self.bot_id:
            raise _bad("message can't be edited")
        if message["poll"]["is_closed"]:
            raise _bad("poll has already been closed")
        message["poll"]["is_closed"] = True
        return message["poll"]

    def _api_getChat(self, params: Mapping[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        info = chat.to_api()
        info.update({
            "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                "premium_subscription": False, "gifts_from_channels": False,
            },
        })
        return info

    def _api_getChatMember(self, params: Mapping[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        user_id = _as_int(params.get("user_id"))
        if user_id is None:
            raise _bad("invalid user_id specified")
        user = chat.users.get(user_id) or {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
        if user_id not in chat.users and user_id not in chat.statuses:
            if chat.type != "private":
                return _chat_member("left", user)
            raise _bad("user not found")
        return _chat_member(chat.statuses.get(user_id, "member"), user)

    def _api_getChatAdministrators(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        chat = self._chat(params.get("chat_id"))
        if chat.type == "private":
            raise _bad("there are no administrators in the private chat")
        return [
            _chat_member(status, chat.users[user_id])
            for user_id, status in chat.statuses.items()
            if status in ("creator", "administrator") and user_id in chat.users
        ]

    def _api_getChatMemberCount(self, params: Mapping[str, Any]) -> int:
        chat = self._chat(params.get("chat_id"))
        return sum(status in ("creator", "administrator", "member") for status in chat.statuses.values())


# ---------------------------------------------------------------------- helpers
def _dumps(data: Any) -> str:
    """JSON as Telegram writes it: characters as they are, but a lone surrogate (which UTF-8 cannot
    carry) as its escape, e.g. "\\ud800"."""
    text = json.dumps(data, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(data)
    return text


def _fault_error(status: int) -> ApiError:
    if status == 429:
        return ApiError(429, "Too Many Requests: retry after 1", {"retry_after": 1})
    try:
        return ApiError(status, HTTPStatus(status).phrase)
    except ValueError:
        return ApiError(status, f"Error {status}")


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return int(value)
    return None


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Decode a Bot API request like Telegram: query string, form or multipart (JSON-encoded values), JSON."""
    params: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
            return params
        form = await request.post()
        for key, value in form.items():
            params[key] = value if isinstance(value, str) else "<file>"
    for key, value in list(params.items()):
        if isinstance(value, str) and key not in _STRING_PARAMS:
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def _parse_entities(text: str, parse_mode: Any, entities: Any) -> tuple[str, list[dict[str, Any]]]:
    mode = str(parse_mode or "").lower()
    if mode == "html":
        try:
            return parse_html(text)
        except HtmlParseError as error:
            raise ApiError(400, str(error)) from None
    if isinstance(entities, list):
        total = utf16_len(text)
        for entity in entities:
            offset, length = entity.get("offset", -1), entity.get("length", 0)
            if offset < 0 or length <= 0 or offset + length > total:
                raise _bad("can't parse entities: entity beyond the end of the text")
        return text, entities
    return text, []  # Markdown modes are not validated by the stand-in


def _message_text(text: Any, parse_mode: Any, entities: Any) -> tuple[str, list[dict[str, Any]]]:
    if not isinstance(text, str) or not text:
        raise _bad("message text is empty")
    plain, parsed = _parse_entities(text, parse_mode, entities)
    if not plain.strip():
        raise _bad("message text is empty")
    if utf16_len(plain) > MessageLimit.MAX_TEXT_LENGTH:
        raise _bad("message is too long")
    return plain, parsed


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise _bad("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise _bad("can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays")
    if sum(len(row) for row in rows) > 100:
        raise _bad("reply markup is too long")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise _bad("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
            actions = [name for name in _BUTTON_ACTIONS if name in button]
            if len(actions) != 1:
                raise _bad("can't parse inline keyboard button: exactly one button action field is required")
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA:
                    raise _bad("BUTTON_DATA_INVALID")
    return markup


def _not_modified(old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    keys = ("text", "entities", "reply_markup")
    if all(old.get(key) == new.get(key) for key in keys):
        raise _bad(
            "message is not modified: specified new message content and reply markup are exactly the same "
            "as a current content and reply markup of the message"
        )


_ADMIN_RIGHTS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
    "can_manage_video_chats": True, "can_restrict_members": True, "can_promote_members": False,
    "can_change_info": True, "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
    "can_delete_stories": False, "can_pin_messages": True,
}


def _chat_member(status: str, user: Mapping[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": dict(user)}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "kicked":
        member["until_date"] = 0
    elif status not in ("member", "left"):
        raise ValueError(f"unsupported chat member status {status!r}")
    return member


@contextlib.asynccontextmanager
async def polling(application: Any, *, timeout: float = 1.0) -> AsyncIterator[Any]:
    """Run a PTB Application with long polling for the duration of the block, then shut it down cleanly.

    `timeout` is the getUpdates long-poll timeout; stopping cancels the pending poll, so it does not
    slow the test down.
    """
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.0, timeout=timeout)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
