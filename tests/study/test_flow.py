"""The study flow over a real store: a poll still waiting is not sent again, progress is kept per
notes folder, only cards of items that still exist are due, and an item keeps its id and review
state when other parts of the notes change (the new kinds and the notes' own cards too)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import texts
from bot.cli.chat import TERMINAL_USER_ID, TerminalStudy
from bot.notes.cards import parse_cards
from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items
from bot.store import Store
from bot.study.flow import choose_items, learner_key, me_text, score_answer
from bot.study.review import review
from tests.quiz.fixtures import OWN_NOTE
from tests.quiz.test_paragraph_kinds import FOLDER, FOUR_INDEXES

NOW = datetime(2030, 6, 3, 9, 0, tzinfo=timezone.utc)
ZONE = ZoneInfo("UTC")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path) as opened:
        yield opened


def _items(files: dict[str, str]):
    return build_quiz_items(parse_notes(files), files=files)


def test_a_poll_not_answered_yet_is_not_sent_again(store: Store) -> None:
    items = _items({"index.md": OWN_NOTE})
    key = learner_key(42)
    first = choose_items(items, store, key, NOW, 2, chat_id=42, user_id=42)
    for n, item in enumerate(first):
        store.record_poll(f"p{n}", 42, item.id, n, item.correct, "quiz", NOW)
    again = choose_items(items, store, key, NOW, 2, chat_id=42, user_id=42)
    assert not {i.id for i in first} & {i.id for i in again}
    # answered, it is a card like any other; and when nothing else is left the waiting ones come
    poll = store.get_poll("p0")
    score_answer(store, poll, 42, "Ann", poll.correct_option, NOW)
    everything = choose_items(items, store, key, NOW, len(items), chat_id=42, user_id=42)
    assert everything[-1].id == first[1].id


def test_progress_is_kept_per_notes_folder(tmp_path: Path, store: Store) -> None:
    one = TerminalStudy(_items({"index.md": OWN_NOTE}), store, "UTC", lambda: NOW, notes="/notes/one")
    two = TerminalStudy(_items(FOLDER), store, "UTC", lambda: NOW, notes="/notes/two")
    out: list[str] = []
    item = choose_items(two.items, store, learner_key(TERMINAL_USER_ID), NOW, 1)[0]
    two.respond("/quiz", "1", iter([str(item.correct + 1)]), out.append)
    assert "答题：1 道" in two.respond("/me", "", iter(()), out.append)
    assert one.respond("/me", "", iter(()), out.append) == texts.ME_NO_ANSWERS  # nothing leaked


def test_cards_of_items_that_no_longer_exist_are_not_due(store: Store) -> None:
    key = learner_key(5)
    store.record_poll("p", 5, "i-now", 1, 0, "quiz", NOW)
    store.record_poll_answer("p", 5, 0, True, NOW)
    for item_id in ("i-now", "i-deleted", "f-deleted-card"):
        state = review(None, False, NOW - timedelta(days=2))
        store.put_card(key, item_id, state, NOW - timedelta(days=1), NOW - timedelta(days=2))
    text = me_text(store, 5, "Ann", ZONE, NOW, ids={"i-now", "other"})
    assert text.endswith("待复习：1 道")


def test_ids_and_review_state_stay_when_other_parts_of_the_notes_change(store: Store) -> None:
    before = {"index.md": FOUR_INDEXES, "queues/kafka.md": FOLDER["queues/kafka.md"]} | FOLDER
    changed = dict(before)
    changed["index.md"] = FOUR_INDEXES.replace("## 使用建议", "## 新增的一节\n\n这一节讲的是别的事情，和前后都无关。\n\n## 使用建议")
    changed["queues/nats.md"] = FOLDER["queues/nats.md"] + "\nNATS 也支持请求与响应的通信方式。\n"
    old, new = _items(before), _items(changed)
    kinds = {"definition", "subject", "statement", "order", "cloze", "table_row"}
    kept = {i.id: i.question for i in old if i.kind in kinds}
    assert len({i.kind for i in old if i.id in kept}) >= 5
    assert kept.items() <= {i.id: i.question for i in new}.items()
    # A learner's card for one of them still applies, since it is keyed by that id.
    key = learner_key(8)
    item = next(i for i in old if i.kind == "order")
    state = review(None, True, NOW)
    store.put_card(key, item.id, state, NOW + timedelta(days=2), NOW)
    assert item.id in {i.id for i in new} and store.get_cards(key)[item.id] == state
    cards = "# 卡片\n\n分区::Kafka 的并行单位\n\n消息 ==确认== 之后才删除。\n"
    ids = {c.id for c in parse_cards({"c.md": cards})[0]}
    moved = {c.id for c in parse_cards({"c.md": "# 前言\n\n新写的一段。\n\n" + cards})[0]}
    assert ids == moved
