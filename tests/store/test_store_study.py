"""What the study flow keeps beside the scores: which notes folder a poll asked about, the polls still
waiting for an answer, and which review cards are due (schema version 2)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.store import DB_FILENAME, MIGRATIONS, Store

NOW = datetime(2030, 4, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path) as opened:
        yield opened


def test_a_version_one_file_gains_the_notes_column_and_keeps_its_polls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS[:1])
    with Store.open(tmp_path) as old:
        assert old.schema_version == 1
    db = sqlite3.connect(tmp_path / DB_FILENAME)  # a poll and its answer as version 1 wrote them
    stamp = NOW.isoformat()
    db.execute("INSERT INTO polls VALUES ('p1', 5, 'item', 1, 0, 'quiz', ?)", (stamp,))
    db.execute("INSERT INTO poll_answers VALUES ('p1', 5, 0, 1, ?)", (stamp,))
    db.commit()
    db.close()
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path) as new:
        assert new.schema_version == len(MIGRATIONS) >= 2
        # a poll from before folders were told apart counts for any folder
        assert new.user_stats(5, notes="/notes/a").answered == 1
        assert new.user_stats(5, notes="/notes/b").answered == 1
    columns = [row[1] for row in sqlite3.connect(tmp_path / DB_FILENAME).execute("PRAGMA table_info(polls)")]
    assert "notes" in columns


def test_answers_count_only_for_the_notes_folder_their_poll_asked_about(store: Store) -> None:
    store.record_poll("a", 7, "i1", 1, 0, "quiz", NOW, notes="/notes/a")
    store.record_poll("b", 7, "i2", 2, 0, "quiz", NOW, notes="/notes/b")
    store.record_poll_answer("a", 7, 0, True, NOW)
    store.record_poll_answer("b", 7, 1, False, NOW)
    assert (store.user_stats(7, notes="/notes/a").answered, store.user_stats(7, notes="/notes/a").correct) == (1, 1)
    assert (store.user_stats(7, notes="/notes/b").answered, store.user_stats(7, notes="/notes/b").correct) == (1, 0)
    assert store.user_stats(7).answered == 2  # every folder's


def test_polls_waiting_for_an_answer_from_a_member_or_from_anyone(store: Store) -> None:
    for poll, item in (("p1", "i1"), ("p2", "i2"), ("p3", "i3")):
        store.record_poll(poll, -100, item, None, 0, "daily", NOW)
    store.record_poll("q1", 9, "i9", None, 0, "quiz", NOW)
    store.record_poll_answer("p1", 1, 0, True, NOW)
    store.record_poll_answer("p2", 2, 0, True, NOW)
    assert store.unanswered_items(-100) == {"i3"}  # nobody answered it
    assert store.unanswered_items(-100, user_id=1) == {"i2", "i3"}  # member 1 has two to go
    assert store.unanswered_items(9, user_id=9) == {"i9"}
    assert store.unanswered_items(12345) == set()


def test_due_item_ids_are_those_due_now(store: Store) -> None:
    store.put_card("user:1", "old", "{}", NOW - timedelta(days=1), NOW - timedelta(days=2))
    store.put_card("user:1", "later", "{}", NOW + timedelta(days=3), NOW)
    store.put_card("user:2", "other", "{}", NOW - timedelta(days=1), NOW)
    assert store.due_item_ids("user:1", NOW) == {"old"}
