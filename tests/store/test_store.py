"""The store on both backends, a real SQLite file and a real PostgreSQL database: migrations, restarts,
idempotent claims, pushes held by one process at a time, and loud failures (the last SQLite's own)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from bot.store import (
    DB_FILENAME,
    MIGRATIONS,
    PollRow,
    PushUnit,
    SQLiteStore,
    Store,
    StoreError,
)
from bot.store.postgres import postgres_ddl
from tests.support.ports import free_port

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # a Monday
GROUP = -1001234


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a store lives: a data folder, or a new PostgreSQL database (its URL)."""
    return tmp_path if request.param == "sqlite" else request.getfixturevalue("postgres_url")


@pytest.fixture
def store(target: Path | str) -> Iterator[Store]:
    with Store.open(target) as opened:
        yield opened


def tables(store: Store) -> set[str]:
    if isinstance(store, SQLiteStore):
        return {name for (name,) in store._read("list", "SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {name for (name,) in store._read(
        "list", "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}


def test_open_creates_the_file_in_the_data_dir_with_wal_and_latest_schema(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Store.open(data_dir) as store:
        assert store.path == data_dir / DB_FILENAME
        assert store.schema_version == len(MIGRATIONS)
    raw = sqlite3.connect(data_dir / DB_FILENAME)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"chats", "users", "feedback", "polls", "poll_answers", "cards", "subscriptions", "pushes"} <= tables
    raw.close()


def test_reopen_does_not_migrate_again_and_keeps_data(target: Path | str) -> None:
    with Store.open(target) as store:
        store.upsert_chat(GROUP, "supergroup", "学习群", T0)
    again = target / DB_FILENAME if isinstance(target, Path) else target  # the file path works too
    with Store.open(again) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.get_chat(GROUP).title == "学习群"


def test_a_sqlite_url_names_the_file(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path}/other.sqlite3") as store:
        assert store.path == tmp_path / "other.sqlite3"
        assert isinstance(store, SQLiteStore)


def test_a_later_migration_runs_once_on_an_old_database(target: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(target) as store:
        store.upsert_user(1, "Ann", T0)
    extra = ("CREATE TABLE notes_seen (chat_id INTEGER PRIMARY KEY)",)
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS + (extra,))
    with Store.open(target) as store:
        assert store.schema_version == len(MIGRATIONS) + 1
        assert store.get_user(1).display_name == "Ann"
        assert "notes_seen" in tables(store)
    with Store.open(target) as store:  # a second open must not run it again (CREATE would fail)
        assert store.schema_version == len(MIGRATIONS) + 1


def test_a_failing_migration_changes_nothing(target: Path | str, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(target).close()
    broken = ("CREATE TABLE half_done (x INTEGER)", "THIS IS NOT SQL")
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS + (broken,))
    with pytest.raises(StoreError, match="syntax error"):
        Store.open(target)
    monkeypatch.undo()
    with Store.open(target) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert "half_done" not in tables(store)


def test_a_database_newer_than_the_code_is_refused(target: Path | str) -> None:
    Store.open(target).close()
    if isinstance(target, Path):
        raw = sqlite3.connect(target / DB_FILENAME)
        raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
        raw.close()
    else:
        with psycopg.connect(target, autocommit=True) as raw:
            raw.execute("UPDATE schema_version SET version = %s", (len(MIGRATIONS) + 5,))
    with pytest.raises(StoreError, match="newer"):
        Store.open(target)


def test_restart_keeps_everything_a_user_did(target: Path | str) -> None:
    with Store.open(target) as store:
        store.upsert_chat(GROUP, "supergroup", "学习群", T0)
        store.set_chat_timezone(GROUP, "Europe/Berlin")
        store.upsert_user(7, "Bob", T0)
        store.add_feedback(GROUP, 7, "docker-notes.md:12", "什么是镜像", True, T0)
        store.record_poll("p1", GROUP, "item-1", 55, 2, "daily", T0)
        assert store.record_poll_answer("p1", 7, 2, True, T0 + timedelta(minutes=1))
        store.put_card("user:7", "item-1", '{"due": 1}', T0 + timedelta(days=1), T0)
        store.set_subscription(GROUP, "08:30", 3)
        assert store.claim_push(GROUP, date(2026, 3, 2))
    with Store.open(target) as store:
        chat = store.get_chat(GROUP)
        assert (chat.chat_type, chat.title, chat.timezone, chat.active) == ("supergroup", "学习群", "Europe/Berlin", True)
        assert store.feedback_counts("docker-notes.md:12").helpful == 1
        poll = store.get_poll("p1")
        assert (poll.item_id, poll.message_id, poll.correct_option, poll.origin, poll.sent_at) == ("item-1", 55, 2, "daily", T0)
        assert store.get_cards("user:7") == {"item-1": '{"due": 1}'}
        assert store.user_stats(7).correct == 1
        subscription = store.get_subscription(GROUP)
        assert (subscription.hh_mm, subscription.count, subscription.timezone) == ("08:30", 3, "Europe/Berlin")
        assert store.last_push_date(GROUP) == date(2026, 3, 2)
        assert not store.claim_push(GROUP, date(2026, 3, 2))


def test_a_crash_right_after_a_write_loses_nothing(tmp_path: Path) -> None:
    """A process that dies without closing (no checkpoint, WAL left behind) keeps its committed writes."""
    script = (
        "import os, sys\n"
        "from datetime import datetime, timezone\n"
        "from bot.store import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "store.upsert_user(7, 'Bob', datetime(2026, 3, 2, tzinfo=timezone.utc))\n"
        "store.record_poll('p1', 7, 'item-1', 1, 0, 'quiz', datetime(2026, 3, 2, tzinfo=timezone.utc))\n"
        "store.record_poll_answer('p1', 7, 0, True, datetime(2026, 3, 2, tzinfo=timezone.utc))\n"
        "os._exit(3)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=Path(__file__).parents[2], check=False)
    assert done.returncode == 3
    assert (tmp_path / (DB_FILENAME + "-wal")).exists()
    with Store.open(tmp_path) as store:
        assert store.get_user(7).display_name == "Bob"
        assert store.user_stats(7).correct == 1


def test_chats_upsert_activity_and_timezone(store: Store) -> None:
    assert store.get_chat(5) is None
    assert not store.set_chat_active(5, False)
    store.upsert_chat(5, "private", "Ann", T0)
    assert store.set_chat_active(5, False)
    assert store.get_chat(5).active is False
    assert [chat.chat_id for chat in store.chats(active_only=True)] == []
    store.upsert_chat(5, "private", "Ann B", T0 + timedelta(hours=1))  # writes again: active again
    chat = store.get_chat(5)
    assert chat.active and chat.title == "Ann B" and chat.first_seen == T0 and chat.last_seen == T0 + timedelta(hours=1)
    assert store.set_chat_timezone(5, "Asia/Tokyo") and store.get_chat(5).timezone == "Asia/Tokyo"
    store.upsert_chat(5, "private", None, T0 + timedelta(hours=2))
    assert store.get_chat(5).timezone == "Asia/Tokyo" and store.get_chat(5).title == ""


def test_feedback_counts(store: Store) -> None:
    store.add_feedback(1, 1, "a.md:3", "q", True, T0)
    store.add_feedback(1, 2, "a.md:3", "q", False, T0)
    store.add_feedback(1, 2, "b.md:9", "q2", True, T0)
    assert (store.feedback_counts("a.md:3").helpful, store.feedback_counts("a.md:3").unhelpful) == (1, 1)
    assert store.feedback_counts().helpful == 2
    assert store.feedback_counts("none.md:1").helpful == 0
    store.add_feedback(1, 2, "a.md:3", "q", True, T0)  # user 2 changes their mind: one mark each
    assert (store.feedback_counts("a.md:3").helpful, store.feedback_counts("a.md:3").unhelpful) == (2, 0)


def test_duplicate_poll_answers_count_once(store: Store) -> None:
    store.record_poll("p1", GROUP, "item-1", 10, 0, "quiz", T0)
    assert store.record_poll_answer("p1", 1, 0, True, T0)
    assert not store.record_poll_answer("p1", 1, 1, False, T0 + timedelta(seconds=5))
    assert store.record_poll_answer("p1", 2, 1, False, T0)
    assert not store.record_poll_answer("unknown", 1, 0, True, T0)
    assert store.count_poll_answers("p1") == 2
    store.record_poll("p1", GROUP, "item-1", 11, 0, "quiz", T0)  # recorded again: answers are kept
    assert store.count_poll_answers("p1") == 2 and store.get_poll("p1").message_id == 11
    stats = store.user_stats(1)
    assert (stats.answered, stats.correct) == (1, 1)
    assert store.get_poll("unknown") is None
    with pytest.raises(ValueError):
        store.record_poll("p2", GROUP, "item-1", 10, 0, "other", T0)  # type: ignore[arg-type]


def test_user_stats_per_chat_and_days(store: Store) -> None:
    store.record_poll("g", GROUP, "i1", 1, 0, "quiz", T0)
    store.record_poll("p", 7, "i2", 1, 0, "quiz", T0)
    store.record_poll("p2", 7, "i3", 1, 0, "quiz", T0)
    store.record_poll_answer("g", 7, 0, True, datetime(2026, 3, 2, 23, 30, tzinfo=timezone.utc))
    store.record_poll_answer("p", 7, 1, False, datetime(2026, 3, 3, 1, 0, tzinfo=timezone.utc))
    store.record_poll_answer("p2", 7, 0, True, datetime(2026, 3, 3, 2, 0, tzinfo=timezone.utc))
    everywhere = store.user_stats(7)
    assert (everywhere.answered, everywhere.correct) == (3, 2)
    assert everywhere.days() == (date(2026, 3, 2), date(2026, 3, 3))
    assert everywhere.days(ZoneInfo("Asia/Shanghai")) == (date(2026, 3, 3),)  # all on the 3rd in UTC+8
    in_group = store.user_stats(7, chat_id=GROUP)
    assert (in_group.answered, in_group.correct) == (1, 1)
    assert store.user_stats(99).answered == 0


def test_leaderboard_since_a_date_and_members_who_left(store: Store) -> None:
    for user_id, name in ((1, "Ann"), (2, "Bob"), (3, "Cy")):
        store.upsert_user(user_id, name, T0)
    last_week, this_week = T0 - timedelta(days=3), T0 + timedelta(days=1)
    store.record_poll("old", GROUP, "i1", 1, 0, "daily", last_week)
    store.record_poll("new", GROUP, "i2", 2, 1, "daily", this_week)
    store.record_poll("new2", GROUP, "i3", 3, 1, "daily", this_week)
    store.record_poll("elsewhere", -999, "i4", 1, 0, "daily", this_week)
    store.record_poll_answer("old", 1, 0, True, last_week)
    store.record_poll_answer("old", 2, 0, True, last_week)
    store.record_poll_answer("new", 2, 1, True, this_week)
    store.record_poll_answer("new2", 2, 0, False, this_week)
    store.record_poll_answer("new", 3, 1, True, this_week)
    store.record_poll_answer("elsewhere", 1, 0, True, this_week)
    store.record_poll_answer("new", 4, 0, False, this_week)  # never seen with a name
    week = store.leaderboard(GROUP, since=T0, limit=10)
    assert [(row.name, row.correct, row.answered) for row in week] == [("Cy", 1, 1), ("Bob", 1, 2), (None, 0, 1)]
    ever = store.leaderboard(GROUP, None, 2)
    assert [(row.user_id, row.correct, row.answered) for row in ever] == [(2, 2, 3), (1, 1, 1)]


def test_review_cards(store: Store) -> None:
    assert store.get_cards("user:1") == {}
    store.put_card("user:1", "a", "{1}", T0 + timedelta(days=1), T0)
    store.put_card("user:1", "b", "{2}", T0 - timedelta(days=1), T0)
    store.put_card("chat:-5", "a", "{3}", T0, T0)
    store.put_card("user:1", "a", "{1b}", T0 + timedelta(days=2), T0 + timedelta(hours=1))
    assert store.get_cards("user:1") == {"a": "{1b}", "b": "{2}"}
    assert store.count_due("user:1", T0) == 1
    assert store.count_due("chat:-5", T0) == 1


def test_subscriptions(store: Store) -> None:
    store.upsert_chat(GROUP, "supergroup", "学习群", T0)
    store.set_chat_timezone(GROUP, "Asia/Shanghai")
    store.set_subscription(GROUP, "07:45", 3)
    store.set_subscription(42, "21:00", 1)
    store.set_subscription(GROUP, "08:00", 5)  # replaces
    assert [(s.chat_id, s.hh_mm, s.count, s.timezone) for s in store.subscriptions()] == [
        (GROUP, "08:00", 5, "Asia/Shanghai"), (42, "21:00", 1, None)]
    for bad_time, bad_count in (("8:00", 1), ("24:00", 1), ("08:60", 1), ("08:00", 0), ("08:00", 11)):
        with pytest.raises(ValueError):
            store.set_subscription(GROUP, bad_time, bad_count)
    assert store.delete_subscription(42) and not store.delete_subscription(42)
    assert store.get_subscription(42) is None


def test_claim_push_is_idempotent(target: Path | str) -> None:
    day = date(2026, 3, 2)
    with Store.open(target) as first, Store.open(target) as second:  # two processes on one database
        assert first.last_push_date(GROUP) is None
        assert first.claim_push(GROUP, day)
        assert not first.claim_push(GROUP, day)
        assert not second.claim_push(GROUP, day)
        assert second.claim_push(GROUP, day + timedelta(days=1))
        assert first.last_push_date(GROUP) == day + timedelta(days=1)
        assert first.claim_push(GROUP + 1, day)
        assert first.unfinished_pushes() == ()  # a bare claim owes nothing: it is finished


def test_a_push_is_a_durable_unit_with_its_progress(target: Path | str) -> None:
    day = date(2026, 3, 2)
    with Store.open(target) as store:
        assert store.start_push(GROUP, day, ["i1", "i2"])
        assert not store.start_push(GROUP, day, ["i3"])  # claimed once a day, by whoever comes first
        store.push_progress(GROUP, day, header_sent=True, items_done=0, finished=False)
        poll = PollRow("p1", GROUP, "i1", 11, 2, "daily", T0, option_count=4)
        store.push_progress(GROUP, day, header_sent=True, items_done=1, finished=False, poll=poll)
    with Store.open(target) as store:  # after a restart: what was sent, and what is left
        (unit,) = store.unfinished_pushes()
        assert unit == PushUnit(GROUP, day, ("i1", "i2"), header_sent=True, items_done=1, finished=False)
        assert store.get_poll("p1") == poll  # recorded with the progress, in one transaction
        assert store.last_push_date(GROUP) == day
        store.push_progress(GROUP, day, header_sent=True, items_done=2, finished=True)
        assert store.unfinished_pushes() == ()


def test_a_version_1_file_keeps_its_claims_as_finished_pushes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS[:1])
    Store.open(tmp_path).close()
    old = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)  # what version 1 wrote
    old.execute("INSERT INTO pushes (chat_id, local_date) VALUES (?, '2026-03-02')", (GROUP,))
    old.execute("INSERT INTO polls VALUES ('p1', ?, 'i1', 11, 2, 'daily', ?)", (GROUP, T0.isoformat()))
    old.close()
    monkeypatch.setattr("bot.store.core.MIGRATIONS", MIGRATIONS)
    with Store.open(tmp_path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert store.unfinished_pushes() == ()
        assert store.last_push_date(GROUP) == date(2026, 3, 2)
        assert store.get_poll("p1").option_count is None  # not known for a poll sent before


def test_a_group_upgraded_to_a_supergroup_keeps_everything_under_its_new_id(store: Store) -> None:
    old, new, other = -4001, -1009001, -4002
    store.upsert_chat(old, "group", "学习群", T0)
    store.set_chat_timezone(old, "Europe/Berlin")
    store.set_subscription(old, "08:00", 2)
    store.claim_push(old, date(2026, 3, 2))
    store.upsert_user(1, "Ann", T0)
    store.record_poll("p", old, "i1", 1, 0, "daily", T0)
    store.record_poll_answer("p", 1, 0, True, T0)
    store.put_card(f"chat:{old}", "i1", "{card}", T0, T0)
    store.add_feedback(old, 1, "a.md:3", "q", True, T0)
    store.upsert_chat(other, "group", "别的群", T0)  # another chat is not touched
    store.set_subscription(other, "09:00", 1)
    # the bot already heard from the supergroup (its first message) before the move
    store.upsert_chat(new, "supergroup", "学习群", T0 + timedelta(minutes=1))

    assert store.migrate_chat(old, new)

    chat = store.get_chat(new)
    assert (chat.chat_type, chat.timezone, chat.active, chat.first_seen) == ("supergroup", "Europe/Berlin", True, T0)
    assert store.get_chat(old) is None
    assert store.get_subscription(old) is None
    moved = store.get_subscription(new)
    assert (moved.hh_mm, moved.count, moved.timezone) == ("08:00", 2, "Europe/Berlin")
    assert store.last_push_date(new) == date(2026, 3, 2) and store.last_push_date(old) is None
    assert [(row.user_id, row.correct) for row in store.leaderboard(new)] == [(1, 1)]
    assert store.leaderboard(old) == ()
    assert store.get_cards(f"chat:{new}") == {"i1": "{card}"} and store.get_cards(f"chat:{old}") == {}
    assert store.feedback_counts("a.md:3").helpful == 1
    assert [s.chat_id for s in store.subscriptions()] == [new, other]
    # told twice (the service message and a failed send): nothing left to move, nothing lost
    assert not store.migrate_chat(old, new)
    assert store.get_subscription(new) is not None and store.get_chat(new).timezone == "Europe/Berlin"
    assert not store.migrate_chat(-4999, -1009999)  # a chat the bot never knew


def test_a_migration_keeps_what_the_new_chat_already_has(store: Store) -> None:
    old, new = -4001, -1009001
    store.upsert_chat(old, "group", "学习群", T0)
    store.set_chat_timezone(old, "Europe/Berlin")
    store.set_subscription(old, "08:00", 2)
    store.upsert_chat(new, "supergroup", "学习群", T0)
    store.set_chat_timezone(new, "Asia/Tokyo")
    store.set_subscription(new, "20:00", 1)  # set in the supergroup already
    assert store.migrate_chat(old, new)
    assert store.get_chat(new).timezone == "Asia/Tokyo"
    assert (store.get_subscription(new).hh_mm, store.get_subscription(old)) == ("20:00", None)


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="naive"):
        store.upsert_user(1, "Ann", datetime(2026, 1, 1))


def test_corrupt_file_raises_store_error(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"this is not a database, just some bytes" * 200)
    with pytest.raises(StoreError, match="corrupt|not a database"):
        Store.open(tmp_path)
    assert (tmp_path / DB_FILENAME).read_bytes().startswith(b"this is not")  # not replaced


def test_damaged_pages_raise_store_error(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        for user_id in range(400):
            store.upsert_user(user_id, "名字" * 20, T0)
    path = tmp_path / DB_FILENAME
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):  # scribble over every b-tree page header after the first two
        data[offset : offset + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="corrupt"):
        Store.open(tmp_path)


def test_locked_database_raises_store_error(tmp_path: Path) -> None:
    with Store.open(tmp_path, busy_timeout=0.1) as store:
        holder = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError, match="locked"):
            store.upsert_user(1, "Ann", T0)
        holder.execute("ROLLBACK")
        store.upsert_user(1, "Ann", T0)  # usable again once the lock is gone
        assert store.get_user(1).display_name == "Ann"
        holder.close()


def test_opening_a_locked_new_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    holder = sqlite3.connect(path, isolation_level=None)  # a rollback-journal file held exclusively
    holder.execute("CREATE TABLE other (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO other VALUES (1)")
    try:
        with pytest.raises(StoreError, match="locked"):
            Store.open(tmp_path, busy_timeout=0.1)
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_unwritable_data_dir_raises_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="data directory"):
        Store.open(blocker / "data")


# ---------------------------------------------------------------- several processes on one database
def test_a_push_is_held_by_its_process_until_its_lease_runs_out(target: Path | str) -> None:
    day, lease = date(2026, 3, 2), timedelta(seconds=30)
    with Store.open(target) as one, Store.open(target) as other:
        assert one.start_push(GROUP, day, ["i1", "i2"], owner="one", until=T0 + lease)
        assert one.start_push(GROUP + 1, day, ["i3"])  # claimed before leases existed: nobody's
        assert [unit.chat_id for unit in other.take_pushes("other", T0, T0 + lease)] == [GROUP + 1]
        assert other.held_elsewhere("other", T0) == T0 + lease
        assert one.renew_leases("one", T0 + 2 * lease) == 1  # the holder's heartbeat
        assert other.take_pushes("other", T0 + lease + timedelta(seconds=1), T0 + 3 * lease) == (
            PushUnit(GROUP + 1, day, ("i3",), header_sent=False, items_done=0, finished=False),)
        later = T0 + 2 * lease + timedelta(seconds=1)  # the holder stopped renewing: it died
        taken = other.take_pushes("other", later, later + lease)
        assert [unit.chat_id for unit in taken] == [GROUP, GROUP + 1]
        assert one.take_pushes("one", later, later + lease) == ()  # gone to the other process
        assert one.held_elsewhere("one", later) == later + lease
        other.push_progress(GROUP, day, header_sent=True, items_done=2, finished=True)
        assert [unit.chat_id for unit in one.unfinished_pushes()] == [GROUP + 1]


def test_two_processes_taking_the_same_pushes_at_once_take_each_once(target: Path | str) -> None:
    day = date(2026, 3, 2)
    with Store.open(target) as setup:
        for chat in range(40):
            setup.start_push(chat, day, ["i1"], owner="dead", until=T0)
    taken: dict[str, list[int]] = {}
    start = threading.Barrier(2)

    def take(owner: str) -> None:
        with Store.open(target, busy_timeout=10) as store:
            start.wait()
            found: list[int] = []
            for _ in range(5):
                found += [unit.chat_id for unit in store.take_pushes(owner, T0 + timedelta(seconds=1), T0 + timedelta(hours=1))]
            taken[owner] = sorted(set(found))

    workers = [threading.Thread(target=take, args=(owner,)) for owner in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(taken["a"] + taken["b"]) == list(range(40))  # every push once, none by both


def test_an_update_is_handled_once_whichever_process_it_reached(target: Path | str) -> None:
    with Store.open(target) as one, Store.open(target) as other:
        assert one.first_delivery(700_000_001, T0)
        assert not other.first_delivery(700_000_001, T0 + timedelta(seconds=30))  # delivered again
        assert other.first_delivery(700_000_002, T0 + timedelta(days=1))
        assert one.forget_deliveries(T0 + timedelta(hours=12)) == 1  # the first one only
        assert not one.first_delivery(700_000_002, T0 + timedelta(days=1))


# ---------------------------------------------------------------- what the notes' author reads
def test_questions_feedback_and_missed_items_since_a_date(store: Store) -> None:
    old = T0 - timedelta(days=40)
    store.record_question("什么是k8s", refused=True, passage_key=None, unwritten=("Kubernetes",), now=old)
    store.record_question("什么是镜像", refused=False, passage_key="docker-notes.md:12", unwritten=(), now=T0)
    store.record_question("swarm 是什么", refused=True, passage_key=None, unwritten=("Docker Swarm",), now=T0)
    asked = store.asked_questions(T0 - timedelta(days=30))
    assert [(q.question, q.refused, q.passage_key, q.unwritten) for q in asked] == [
        ("什么是镜像", False, "docker-notes.md:12", ()), ("swarm 是什么", True, None, ("Docker Swarm",))]
    store.add_feedback(1, 1, "a.md:3", "容器是什么", False, T0)
    store.add_feedback(2, 2, "a.md:3", "容器和镜像", False, T0)
    store.add_feedback(2, 3, "b.md:9", "网络", False, T0)
    store.add_feedback(2, 3, "c.md:1", "卷", True, T0)
    store.add_feedback(2, 4, "d.md:1", "旧的", False, old)
    unhelpful = store.unhelpful_answers(T0 - timedelta(days=1))
    assert [(row.passage_key, row.count, row.questions) for row in unhelpful] == [
        ("a.md:3", 2, ("容器是什么", "容器和镜像")), ("b.md:9", 1, ("网络",))]
    for number, (item, right) in enumerate((("i1", False), ("i1", False), ("i1", True), ("i2", False), ("i3", True))):
        store.record_poll(f"p{number}", GROUP, item, number, 0, "quiz", T0)
        store.record_poll_answer(f"p{number}", 100 + number, 0 if right else 1, right, T0)
    assert [(m.item_id, m.wrong, m.answered) for m in store.missed_items(T0 - timedelta(days=1))] == [
        ("i1", 2, 3), ("i2", 1, 1)]
    assert store.missed_items(T0 + timedelta(days=1)) == ()


# ---------------------------------------------------------------- PostgreSQL's own failures
@pytest.mark.postgres
def test_a_lost_postgresql_connection_fails_clearly_and_the_next_call_connects_again(postgres_url: str) -> None:
    with Store.open(postgres_url) as store, psycopg.connect(postgres_url, autocommit=True) as admin:
        store.upsert_user(1, "Ann", T0)
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE application_name = 'notesbot' AND datname = current_database()")
        with pytest.raises(StoreError, match="cannot be reached|could not"):
            store.ping()
        assert store.get_user(1).display_name == "Ann"  # connected again


@pytest.mark.postgres
def test_a_row_locked_by_another_connection_raises_store_error_after_the_busy_timeout(postgres_url: str) -> None:
    with Store.open(postgres_url, busy_timeout=0.2) as store, psycopg.connect(postgres_url) as holder:
        store.upsert_user(1, "Ann", T0)
        holder.execute("SELECT * FROM users WHERE user_id = 1 FOR UPDATE")
        with pytest.raises(StoreError, match="locked"):
            store.upsert_user(1, "Bob", T0)
        holder.rollback()
        store.upsert_user(1, "Bob", T0)
        assert store.get_user(1).display_name == "Bob"


def test_an_unreachable_postgresql_server_is_a_store_error_without_the_password() -> None:
    port = free_port()  # nobody listens there
    with pytest.raises(StoreError, match="cannot be reached") as raised:
        Store.open(f"postgresql://bot:hunter2secret@127.0.0.1:{port}/notesbot", busy_timeout=1)
    assert "hunter2secret" not in str(raised.value) and "bot:***@127.0.0.1" in str(raised.value)


def test_postgresql_runs_the_same_migrations_with_its_types() -> None:
    assert postgres_ddl("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL, s TEXT)") == (
        "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n BIGINT NOT NULL, s TEXT)")
    assert postgres_ddl("CREATE UNIQUE INDEX once ON feedback (chat_id, COALESCE(user_id, 0), passage_key)") == (
        "CREATE UNIQUE INDEX once ON feedback (chat_id, (COALESCE(user_id, 0)), passage_key)")
    partial = "CREATE INDEX open ON pushes (chat_id) WHERE (finished = 0)"
    assert postgres_ddl(partial) == partial


def test_a_chat_runs_one_session_and_its_next_question_is_claimed_once(store: Store) -> None:
    from bot.study.session import SessionAnswer, new_session, question_sent

    session = new_session(GROUP, 7, True, ["a", "b"], T0, 30, thread_id=77, notes="/notes")
    assert store.start_session(session) is True
    assert store.start_session(new_session(GROUP, 8, True, ["c"], T0, 30)) is False  # never two at once
    assert store.get_session(GROUP) == session
    poll = PollRow("p1", GROUP, "a", 10, 1, "quiz", T0, 4, "/notes")
    asked = question_sent(session, "p1", T0)
    assert store.session_question(asked, poll) is True
    assert store.get_poll("p1") == poll and store.get_session(GROUP) == asked
    assert store.running_sessions() == (asked,)
    store.upsert_user(7, "Ann", T0)
    store.record_poll_answer("p1", 7, 1, True, T0 + timedelta(seconds=3))
    assert store.session_answers(["p1"]) == (SessionAnswer("p1", 7, "Ann", True, T0 + timedelta(seconds=3)),)
    # the answer and the time running out both try to move it on: one does
    moved = store.claim_next_question(GROUP, "p1")
    assert moved is not None and moved.poll_id is None and moved.asked == 1
    assert store.claim_next_question(GROUP, "p1") is None
    assert store.end_session(GROUP) == moved
    assert store.end_session(GROUP) is None and store.get_session(GROUP) is None
    # a question sent after the session ended is kept as a poll, but moves nothing
    late = question_sent(moved, "p2", T0)
    assert store.session_question(late, PollRow("p2", GROUP, "b", 11, 0, "quiz", T0, 3, "")) is False
    assert store.get_poll("p2") is not None and store.get_session(GROUP) is None
    assert store.start_session(new_session(GROUP, 8, True, ["c"], T0, 30)) is True  # a new one may start


def test_a_subscription_keeps_what_its_push_offers(store: Store) -> None:
    store.upsert_chat(GROUP, "supergroup", "群", T0)
    store.set_subscription(GROUP, "08:00", 3)
    assert store.get_subscription(GROUP).offer == "polls"
    store.set_subscription(GROUP, "08:00", 3, "both")
    assert store.get_subscription(GROUP).offer == "both" and store.subscriptions()[0].offer == "both"
    with pytest.raises(ValueError):
        store.set_subscription(GROUP, "08:00", 3, "everything")
