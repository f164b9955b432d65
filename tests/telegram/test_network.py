"""The pure parts of riding out faults: which errors are retried and after how long, text made valid
Unicode, updates parsed or reduced to their id, and which chat's order an update keeps."""

from __future__ import annotations

import logging

import pytest
from telegram import Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)

from bot.telegram.network import retry_pause, updates_parsed, valid_unicode
from bot.telegram.ordering import ordering_key
from tests.support.botapi import BotApiStandin


def test_passing_faults_are_retried_and_refusals_are_not() -> None:
    assert retry_pause(RetryAfter(30), backoff=0.5) == pytest.approx(30.1)  # however long Telegram asks
    assert retry_pause(NetworkError("Bad Gateway"), backoff=2.0) == 2.0  # a 5xx, a dropped connection
    assert retry_pause(TimedOut(), backoff=4.0) == 4.0
    for refusal in (BadRequest("chat not found"), Forbidden("blocked"), InvalidToken(), Conflict("webhook"),
                    ChatMigrated(-100123)):
        assert retry_pause(refusal, backoff=1.0) is None, refusal


def test_lone_surrogates_become_replacement_characters_and_the_rest_is_kept() -> None:
    update = {"update_id": 1, "message": {"text": "坏\ud800字\udfff", "entities": [{"offset": 0}],
                                          "caption": "😀 ok", "items": ["\udc00", 3, None]}}
    assert valid_unicode(update) == {"update_id": 1, "message": {
        "text": "坏\ufffd字\ufffd", "entities": [{"offset": 0}], "caption": "😀 ok", "items": ["\ufffd", 3, None]}}


def test_an_update_the_library_cannot_parse_is_reduced_to_its_id(caplog: pytest.LogCaptureFixture) -> None:
    api = BotApiStandin()
    alice = api.user("Alice")
    api.unparseable_poll(api.private_chat(alice), alice)
    api.message(api.private_chat(alice), alice, "你好")
    poison, fine = api.pending
    with caplog.at_level(logging.ERROR):
        assert updates_parsed([poison, fine]) == [{"update_id": poison["update_id"]}, fine]
    assert f"update {poison['update_id']}" in caplog.text and "persistent_id" in caplog.text


def test_an_update_keeps_the_order_of_its_chat_or_else_of_its_sender() -> None:
    api = BotApiStandin()
    alice = api.user("Alice")
    group = api.group("群", members=[alice])
    in_group = Update.de_json({"update_id": 1, "message": api.message(group, alice, "hi")}, None)
    inline = Update.de_json({"update_id": 2, "inline_query": {"id": "q", "from": alice.to_api(), "query": "x",
                                                              "offset": ""}}, None)
    assert (ordering_key(in_group), ordering_key(inline), ordering_key(Update(3))) == (group.id, alice.id, None)
