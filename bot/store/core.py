"""What the bot keeps, behind one interface for both databases: chats, users, feedback, quiz polls and
answers, review cards, daily subscriptions and pushes, the questions asked, the updates handled.

`Store` holds every method, written once in the SQL both SQLite and PostgreSQL run; a backend
(`bot.store.sqlite.SQLiteStore`, `bot.store.postgres.PostgresStore`) supplies the connection, its
transactions and its errors. `Store.open(target)` picks the backend: a `postgresql://` URL, or a
`sqlite:///` URL, a data directory or a database file.

- `MIGRATIONS` below is the schema's history for both: an ordered list, and every change of the
  schema appends one (never edit a released migration). The statements are SQLite's; PostgreSQL runs
  the same ones with its types (`bot.store.postgres.postgres_ddl`: INTEGER is BIGINT there, since
  Telegram's ids need 64 bits). Opening migrates an older database; one newer than this code is
  refused rather than guessed at.
- The SQL the methods run sticks to what both accept: `?` placeholders (PostgreSQL's driver gets
  `%s`), `INSERT ... ON CONFLICT`, no `INSERT OR IGNORE`/`UPDATE OR IGNORE`, no two-argument MIN/MAX,
  every selected column grouped or aggregated. The store tests run against both backends.
- Every method is one transaction. Times are timezone-aware datetimes passed in by the caller (stored
  as UTC ISO 8601 text, so they sort); naive datetimes are refused. A database that cannot be used
  raises `StoreError`, whose message says why.

Rows come back as small frozen dataclasses, so the handlers depend on neither database.
"""

from __future__ import annotations

import contextlib
import json
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal, Protocol

from bot.study.session import Session, SessionAnswer

__all__ = [
    "MIGRATIONS",
    "AskedQuestion",
    "ChatRow",
    "FeedbackCounts",
    "LeaderRow",
    "MissedItem",
    "Origin",
    "PollRow",
    "PushUnit",
    "Store",
    "StoreError",
    "Subscription",
    "UnhelpfulAnswer",
    "UserRow",
    "UserStats",
]

Origin = Literal["quiz", "daily"]
_HH_MM = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")


class StoreError(Exception):
    """The database cannot be used (locked, corrupt, unreadable, too new); the message says why."""


@dataclass(frozen=True)
class ChatRow:
    """A chat the bot has seen."""

    chat_id: int
    chat_type: str
    title: str
    timezone: str | None  # None: the default from the settings
    active: bool  # False once the bot was blocked or removed
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class UserRow:
    """A user the bot has seen (kept after they leave a group, for the history)."""

    user_id: int
    display_name: str
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True)
class FeedbackCounts:
    """How often an answer was marked helpful or not."""

    helpful: int
    unhelpful: int


@dataclass(frozen=True)
class PollRow:
    """A quiz poll the bot sent."""

    poll_id: str
    chat_id: int
    item_id: str
    message_id: int | None
    correct_option: int
    origin: str  # "quiz" | "daily"
    sent_at: datetime
    option_count: int | None = None  # None: sent before the store kept it
    notes: str = ""  # the notes folder asked about (bot.library.notes_key); '': sent before it was kept


@dataclass(frozen=True)
class UserStats:
    """A user's quiz record: counts and when each answer was given (for streaks of days)."""

    answered: int
    correct: int
    answered_at: tuple[datetime, ...]  # oldest first, UTC

    def days(self, zone: tzinfo = timezone.utc) -> tuple[date, ...]:
        """The distinct dates (in `zone`) on which the user answered, oldest first."""
        return tuple(sorted({moment.astimezone(zone).date() for moment in self.answered_at}))


@dataclass(frozen=True)
class LeaderRow:
    """One line of a chat's leaderboard."""

    user_id: int
    name: str | None  # None if the user was never seen with a name
    correct: int
    answered: int


@dataclass(frozen=True)
class Subscription:
    """A chat's daily push at `hh_mm` in the chat's time zone: `count` polls, the due flashcards, or
    both (`offer`)."""

    chat_id: int
    hh_mm: str
    count: int
    timezone: str | None  # the chat's zone, None: the default from the settings
    offer: str = "polls"  # "polls", "cards" or "both"


@dataclass(frozen=True)
class PushUnit:
    """One chat's daily push for one local date, as far as it got: the items chosen when it was
    claimed, whether the header went out, how many of the items are done (sent, or skipped because
    they no longer fit), and whether it is finished."""

    chat_id: int
    local_date: date
    item_ids: tuple[str, ...]
    header_sent: bool
    items_done: int
    finished: bool


@dataclass(frozen=True)
class AskedQuestion:
    """A question someone asked (kept with KEEP_QUESTIONS; who asked is not kept)."""

    question: str
    refused: bool
    passage_key: str | None  # the answer's passage ("file:line"), None when refused
    unwritten: tuple[str, ...]  # titles of the unwritten chapters it asked about
    asked_at: datetime


@dataclass(frozen=True)
class UnhelpfulAnswer:
    """A passage marked 👎: how often, and the questions it was shown for."""

    passage_key: str
    count: int
    questions: tuple[str, ...]


@dataclass(frozen=True)
class MissedItem:
    """A quiz item answered wrong `wrong` times out of `answered`."""

    item_id: str
    wrong: int
    answered: int


_V1 = (
    """CREATE TABLE chats (
        chat_id INTEGER PRIMARY KEY,
        chat_type TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        timezone TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE users (
        user_id INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    )""",
    """CREATE TABLE feedback (
        feedback_id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        user_id INTEGER,
        passage_key TEXT NOT NULL,
        question TEXT NOT NULL,
        helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX feedback_passage ON feedback (passage_key)",
    # One mark per person, chat and passage: tapping again (or the other thumb) changes it.
    "CREATE UNIQUE INDEX feedback_once ON feedback (chat_id, COALESCE(user_id, 0), passage_key)",
    """CREATE TABLE polls (
        poll_id TEXT PRIMARY KEY,
        chat_id INTEGER NOT NULL,
        item_id TEXT NOT NULL,
        message_id INTEGER,
        correct_option INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('quiz', 'daily')),
        sent_at TEXT NOT NULL
    )""",
    "CREATE INDEX polls_chat ON polls (chat_id)",
    """CREATE TABLE poll_answers (
        poll_id TEXT NOT NULL REFERENCES polls (poll_id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL,
        option INTEGER NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        answered_at TEXT NOT NULL,
        PRIMARY KEY (poll_id, user_id)
    )""",
    "CREATE INDEX poll_answers_user ON poll_answers (user_id, answered_at)",
    """CREATE TABLE cards (
        learner_key TEXT NOT NULL,
        item_id TEXT NOT NULL,
        card_json TEXT NOT NULL,
        due_at TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        PRIMARY KEY (learner_key, item_id)
    )""",
    """CREATE TABLE subscriptions (
        chat_id INTEGER PRIMARY KEY,
        hh_mm TEXT NOT NULL,
        count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 10)
    )""",
    """CREATE TABLE pushes (
        chat_id INTEGER NOT NULL,
        local_date TEXT NOT NULL,
        PRIMARY KEY (chat_id, local_date)
    )""",
)

# A daily push is a durable unit with its progress, so that a crash mid-push is finished by the next
# start (the rest only); a poll keeps its number of options, so that an answer can be checked.
# Claims made before (rows of version 1) were whole pushes: they count as finished.
_V2 = (
    "ALTER TABLE polls ADD COLUMN option_count INTEGER",
    "ALTER TABLE pushes ADD COLUMN item_ids TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE pushes ADD COLUMN header_sent INTEGER NOT NULL DEFAULT 0 CHECK (header_sent IN (0, 1))",
    "ALTER TABLE pushes ADD COLUMN items_done INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE pushes ADD COLUMN finished INTEGER NOT NULL DEFAULT 1 CHECK (finished IN (0, 1))",
    "CREATE INDEX pushes_unfinished ON pushes (chat_id) WHERE finished = 0",
)

# Several processes on one database (PostgreSQL): a push is held by the process sending it (`owner`)
# for as long as its lease runs (`lease_until`, renewed while it lives), so that another takes it over
# only when that one died; an update is handled once whichever process it reached (`updates_seen`).
# The questions asked are kept for the notes' author (`questions`, with KEEP_QUESTIONS).
_V3 = (
    "ALTER TABLE pushes ADD COLUMN owner TEXT",
    "ALTER TABLE pushes ADD COLUMN lease_until TEXT",
    """CREATE TABLE updates_seen (
        update_id INTEGER PRIMARY KEY,
        seen_at TEXT NOT NULL
    )""",
    "CREATE INDEX updates_seen_at ON updates_seen (seen_at)",
    """CREATE TABLE questions (
        question_id INTEGER PRIMARY KEY AUTOINCREMENT,
        asked_at TEXT NOT NULL,
        question TEXT NOT NULL,
        refused INTEGER NOT NULL CHECK (refused IN (0, 1)),
        passage_key TEXT,
        unwritten TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX questions_asked ON questions (asked_at)",
    "CREATE INDEX feedback_created ON feedback (created_at)",
    "CREATE INDEX poll_answers_time ON poll_answers (answered_at)",
)

# Which notes folder a poll asked about, so that progress is kept per folder ('' for polls sent
# before: they count for any folder).
_V4 = (
    "ALTER TABLE polls ADD COLUMN notes TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX polls_notes ON polls (notes)",
)

# A chat's quiz session, one question at a time (at most one a chat: the chat is the key), kept so
# that a restart carries on where it was; what a daily push offers (quiz polls, flashcards or both).
_V5 = (
    """CREATE TABLE sessions (
        chat_id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL,
        is_group INTEGER NOT NULL CHECK (is_group IN (0, 1)),
        item_ids TEXT NOT NULL,
        started_at TEXT NOT NULL,
        open_period INTEGER NOT NULL,
        asked INTEGER NOT NULL DEFAULT 0,
        poll_id TEXT,
        poll_sent_at TEXT,
        poll_ids TEXT NOT NULL DEFAULT '[]',
        thread_id INTEGER,
        notes TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX sessions_poll ON sessions (poll_id)",
    "ALTER TABLE subscriptions ADD COLUMN offer TEXT NOT NULL DEFAULT 'polls' CHECK (offer IN ('polls', 'cards', 'both'))",
)

# The schema's history, oldest first: version N is reached by running MIGRATIONS[N - 1].
# Append a new tuple of statements to change the schema; never edit one that has been released.
MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2, _V3, _V4, _V5)


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"the store needs timezone-aware datetimes, got naive {moment!r}")
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _move_rows(db: Db, table: str, column: str, old: object, new: object, twin: str) -> int:
    """Move `table`'s rows keyed `column = old` to `new`, except those the new key has a twin of
    already (`twin`: the condition on `twin`, a row of the new key, that makes it one); then drop
    what is left under the old key. How many moved."""
    moved = db.execute(
        f"""UPDATE {table} SET {column} = ? WHERE {column} = ?
            AND NOT EXISTS (SELECT 1 FROM {table} twin WHERE twin.{column} = ? {twin})""",
        (new, old, new),
    ).rowcount
    db.execute(f"DELETE FROM {table} WHERE {column} = ?", (old,))
    return moved


def _insert_poll(db: Db, poll: PollRow) -> None:
    if poll.origin not in ("quiz", "daily"):
        raise ValueError(f"origin must be 'quiz' or 'daily', not {poll.origin!r}")
    db.execute(
        """INSERT INTO polls (poll_id, chat_id, item_id, message_id, correct_option, origin, sent_at, option_count,
               notes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (poll_id) DO UPDATE SET chat_id = excluded.chat_id, item_id = excluded.item_id,
               message_id = excluded.message_id, correct_option = excluded.correct_option,
               origin = excluded.origin, sent_at = excluded.sent_at, option_count = excluded.option_count,
               notes = excluded.notes""",
        (poll.poll_id, poll.chat_id, poll.item_id, poll.message_id, poll.correct_option, poll.origin,
         _iso(poll.sent_at), poll.option_count, poll.notes),
    )


class Cursor(Protocol):
    """What a statement run in a transaction gives back (sqlite3's and psycopg's cursors both fit)."""

    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Db(Protocol):
    """A transaction to run statements in, with `?` placeholders."""

    def execute(self, sql: str, parameters: Sequence[object] = ..., /) -> Cursor: ...


class Store(ABC):
    """The store (see the module docstring). Open with `Store.open(target)`, close with `close()`."""

    path: Path | str  # the SQLite file, or the PostgreSQL URL without its password: for messages

    # ------------------------------------------------------------------ opening and closing
    @classmethod
    def open(cls, target: Path | str, *, busy_timeout: float = 5.0) -> Store:
        """Open (creating and migrating as needed) the store at `target`: a `postgresql://` URL, a
        `sqlite:///path` URL, a data directory (the file is `notesbot.sqlite3` inside it) or a
        database file (a name ending in .sqlite3/.sqlite/.db). A write waits up to `busy_timeout`
        seconds for another connection's lock."""
        if cls is not Store:
            raise NotImplementedError(f"{cls.__name__} must define open()")
        text = str(target)
        if text.startswith(("postgresql://", "postgres://")):
            from bot.store.postgres import PostgresStore

            return PostgresStore.open(text, busy_timeout=busy_timeout)
        from bot.store.sqlite import SQLiteStore

        return SQLiteStore.open(target, busy_timeout=busy_timeout)

    @property
    @abstractmethod
    def schema_version(self) -> int:
        """The database's schema version: how many of `MIGRATIONS` it has run."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection (safe to call twice)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @abstractmethod
    def _tx(self, doing: str) -> contextlib.AbstractContextManager[Db]:
        """One write transaction, committed when the block ends, rolled back when it raises; errors
        as StoreError naming what the bot was ``doing``."""

    @abstractmethod
    def _read(self, doing: str, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        """The rows of one query."""

    def _refuse_newer(self, version: int) -> None:
        if version > len(MIGRATIONS):
            raise StoreError(
                f"database {self.path} has schema version {version}, newer than this bot knows "
                f"({len(MIGRATIONS)}); upgrade the bot rather than risk the data"
            )

    def ping(self) -> None:
        """StoreError unless the database answers now (the health check)."""
        self._read("reach the database", "SELECT 1")

    # ------------------------------------------------------------------ chats
    def upsert_chat(self, chat_id: int, chat_type: str, title: str | None, now: datetime) -> None:
        """Record that the bot saw this chat now (new chats start active; a chat that writes again is active)."""
        stamp = _iso(now)
        with self._tx("record a chat") as db:
            db.execute(
                """INSERT INTO chats (chat_id, chat_type, title, active, first_seen, last_seen)
                   VALUES (?, ?, ?, 1, ?, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET chat_type = excluded.chat_type,
                       title = excluded.title, active = 1, last_seen = excluded.last_seen""",
                (chat_id, chat_type, title or "", stamp, stamp),
            )

    def set_chat_active(self, chat_id: int, active: bool) -> bool:
        """Mark a chat active or not (blocked, kicked); False if the chat is unknown."""
        with self._tx("update a chat") as db:
            return db.execute("UPDATE chats SET active = ? WHERE chat_id = ?", (int(active), chat_id)).rowcount == 1

    def set_chat_timezone(self, chat_id: int, tz: str | None) -> bool:
        """Set the chat's time zone name (None: back to the default); False if the chat is unknown."""
        with self._tx("set a chat's time zone") as db:
            return db.execute("UPDATE chats SET timezone = ? WHERE chat_id = ?", (tz, chat_id)).rowcount == 1

    def get_chat(self, chat_id: int) -> ChatRow | None:
        """The chat's row, or None if the bot never saw it."""
        rows = self._read(
            "read a chat",
            "SELECT chat_id, chat_type, title, timezone, active, first_seen, last_seen FROM chats WHERE chat_id = ?",
            (chat_id,),
        )
        if not rows:
            return None
        chat_id, chat_type, title, tz, active, first_seen, last_seen = rows[0]
        return ChatRow(chat_id, chat_type, title, tz, bool(active), _time(first_seen), _time(last_seen))

    def chats(self, *, active_only: bool = False) -> tuple[ChatRow, ...]:
        """Every chat the bot has seen (or only the active ones)."""
        rows = self._read(
            "list chats",
            "SELECT chat_id, chat_type, title, timezone, active, first_seen, last_seen FROM chats"
            + (" WHERE active = 1" if active_only else "")
            + " ORDER BY chat_id",
        )
        return tuple(
            ChatRow(chat_id, chat_type, title, tz, bool(active), _time(first_seen), _time(last_seen))
            for chat_id, chat_type, title, tz, active, first_seen, last_seen in rows
        )

    def migrate_chat(self, old_id: int, new_id: int) -> bool:
        """A group upgraded to a supergroup (a new chat id): move what is keyed by the old id to the new
        one, in one transaction: the chat's time zone, its daily subscription and push claims, its polls
        (so scores and leaderboards carry over), its feedback and its review cards ("chat:<id>").
        What the new chat already has is kept. False when the old chat left nothing to move."""
        if old_id == new_id:
            return False
        old_key, new_key = f"chat:{old_id}", f"chat:{new_id}"
        with self._tx("move a chat to its new id") as db:
            moved = 0
            old = db.execute(
                "SELECT chat_type, title, timezone, active, first_seen, last_seen FROM chats WHERE chat_id = ?",
                (old_id,),
            ).fetchone()
            if old is not None:
                moved += 1
                db.execute(
                    """INSERT INTO chats (chat_id, chat_type, title, timezone, active, first_seen, last_seen)
                       VALUES (?, 'supergroup', ?, ?, ?, ?, ?)
                       ON CONFLICT (chat_id) DO UPDATE SET timezone = COALESCE(chats.timezone, excluded.timezone),
                           first_seen = CASE WHEN excluded.first_seen < chats.first_seen
                                             THEN excluded.first_seen ELSE chats.first_seen END""",
                    (new_id, old[1], old[2], old[3], old[4], old[5]),
                )
                db.execute("DELETE FROM chats WHERE chat_id = ?", (old_id,))  # that id is gone for good
            # What the new chat already has is kept: only the rows without a twin there move.
            moved += _move_rows(db, "subscriptions", "chat_id", old_id, new_id, "")
            moved += _move_rows(db, "pushes", "chat_id", old_id, new_id, "AND twin.local_date = pushes.local_date")
            moved += db.execute("UPDATE polls SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)).rowcount
            moved += _move_rows(db, "feedback", "chat_id", old_id, new_id,
                                "AND twin.passage_key = feedback.passage_key "
                                "AND COALESCE(twin.user_id, 0) = COALESCE(feedback.user_id, 0)")
            moved += _move_rows(db, "cards", "learner_key", old_key, new_key, "AND twin.item_id = cards.item_id")
            return moved > 0

    # ------------------------------------------------------------------ users
    def upsert_user(self, user_id: int, display_name: str, now: datetime) -> None:
        """Record the user's current display name (for leaderboards)."""
        stamp = _iso(now)
        with self._tx("record a user") as db:
            db.execute(
                """INSERT INTO users (user_id, display_name, first_seen, last_seen) VALUES (?, ?, ?, ?)
                   ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name,
                       last_seen = excluded.last_seen""",
                (user_id, display_name, stamp, stamp),
            )

    def get_user(self, user_id: int) -> UserRow | None:
        """The user's row, or None."""
        rows = self._read(
            "read a user", "SELECT user_id, display_name, first_seen, last_seen FROM users WHERE user_id = ?",
            (user_id,),
        )
        if not rows:
            return None
        user_id, name, first_seen, last_seen = rows[0]
        return UserRow(user_id, name, _time(first_seen), _time(last_seen))

    # ------------------------------------------------------------------ feedback
    def add_feedback(
        self, chat_id: int, user_id: int | None, passage_key: str, question: str, helpful: bool, now: datetime
    ) -> None:
        """Store a 👍/👎 on the passage `passage_key` ("file:line") shown for `question`; a person's
        later mark on the same passage in the same chat replaces their earlier one."""
        with self._tx("store feedback") as db:
            db.execute(
                """INSERT INTO feedback (chat_id, user_id, passage_key, question, helpful, created_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (chat_id, (COALESCE(user_id, 0)), passage_key)
                   DO UPDATE SET question = excluded.question, helpful = excluded.helpful,
                                 created_at = excluded.created_at""",
                (chat_id, user_id, passage_key, question, int(helpful), _iso(now)),
            )

    def feedback_counts(self, passage_key: str | None = None) -> FeedbackCounts:
        """Helpful and unhelpful marks, for one passage or for all."""
        where, params = ("WHERE passage_key = ?", (passage_key,)) if passage_key is not None else ("", ())
        ((helpful, unhelpful),) = self._read(
            "count feedback",
            f"SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback {where}",
            params,
        )
        return FeedbackCounts(int(helpful), int(unhelpful))

    # ------------------------------------------------------------------ quiz polls
    def record_poll(
        self, poll_id: str, chat_id: int, item_id: str, message_id: int | None, correct_option: int,
        origin: Origin, sent_at: datetime, option_count: int | None = None, notes: str = "",
    ) -> None:
        """Remember a quiz poll the bot sent (origin "quiz" for /quiz and buttons, "daily" for pushes)
        and which notes folder it asked about (``notes``, see bot.library.notes_key)."""
        poll = PollRow(poll_id, chat_id, item_id, message_id, correct_option, origin, sent_at, option_count, notes)
        with self._tx("record a poll") as db:
            _insert_poll(db, poll)

    def unanswered_items(self, chat_id: int, user_id: int | None = None) -> set[str]:
        """Items of the polls sent to the chat that are still waiting for an answer: from this user
        (for a person's quiz), or from anyone (for a chat's daily push)."""
        if user_id is None:
            sql = """SELECT DISTINCT p.item_id FROM polls p WHERE p.chat_id = ?
                     AND NOT EXISTS (SELECT 1 FROM poll_answers a WHERE a.poll_id = p.poll_id)"""
            params: tuple[object, ...] = (chat_id,)
        else:
            sql = """SELECT DISTINCT p.item_id FROM polls p WHERE p.chat_id = ?
                     AND NOT EXISTS (SELECT 1 FROM poll_answers a WHERE a.poll_id = p.poll_id AND a.user_id = ?)"""
            params = (chat_id, user_id)
        return {item_id for (item_id,) in self._read("read unanswered polls", sql, params)}

    def get_poll(self, poll_id: str) -> PollRow | None:
        """The poll the bot sent with this id, or None."""
        rows = self._read(
            "read a poll",
            """SELECT poll_id, chat_id, item_id, message_id, correct_option, origin, sent_at, option_count, notes
               FROM polls WHERE poll_id = ?""",
            (poll_id,),
        )
        if not rows:
            return None
        poll_id, chat_id, item_id, message_id, correct_option, origin, sent_at, option_count, notes = rows[0]
        return PollRow(
            poll_id, chat_id, item_id, message_id, correct_option, origin, _time(sent_at), option_count, notes
        )

    def record_poll_answer(
        self, poll_id: str, user_id: int, option: int, correct: bool, answered_at: datetime
    ) -> bool:
        """Store a user's answer to a poll; False (nothing stored) if the poll is unknown or that user
        already answered it (the first answer counts)."""
        with self._tx("record a poll answer") as db:
            if db.execute("SELECT 1 FROM polls WHERE poll_id = ?", (poll_id,)).fetchone() is None:
                return False
            cursor = db.execute(
                """INSERT INTO poll_answers (poll_id, user_id, option, correct, answered_at)
                   VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (poll_id, user_id, option, int(correct), _iso(answered_at)),
            )
            return cursor.rowcount == 1

    def count_poll_answers(self, poll_id: str) -> int:
        """How many users answered this poll."""
        ((count,),) = self._read("count poll answers", "SELECT COUNT(*) FROM poll_answers WHERE poll_id = ?", (poll_id,))
        return int(count)

    # ------------------------------------------------------------------ review cards
    def get_cards(self, learner_key: str) -> dict[str, str]:
        """The learner's review cards ("user:<id>" or "chat:<id>"): item id -> card JSON."""
        rows = self._read(
            "read review cards", "SELECT item_id, card_json FROM cards WHERE learner_key = ?", (learner_key,)
        )
        return {item_id: card for item_id, card in rows}

    def put_card(
        self, learner_key: str, item_id: str, card_json: str, due_at: datetime, reviewed_at: datetime
    ) -> None:
        """Store the learner's card for an item after a review."""
        with self._tx("store a review card") as db:
            db.execute(
                """INSERT INTO cards (learner_key, item_id, card_json, due_at, reviewed_at) VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (learner_key, item_id) DO UPDATE SET card_json = excluded.card_json,
                       due_at = excluded.due_at, reviewed_at = excluded.reviewed_at""",
                (learner_key, item_id, card_json, _iso(due_at), _iso(reviewed_at)),
            )

    def count_due(self, learner_key: str, now: datetime) -> int:
        """How many of the learner's cards are due at `now`."""
        ((count,),) = self._read(
            "count due cards", "SELECT COUNT(*) FROM cards WHERE learner_key = ? AND due_at <= ?",
            (learner_key, _iso(now)),
        )
        return int(count)

    def due_item_ids(self, learner_key: str, now: datetime) -> set[str]:
        """The item ids of the learner's cards due at `now` (the caller keeps those that still exist)."""
        rows = self._read(
            "read due cards", "SELECT item_id FROM cards WHERE learner_key = ? AND due_at <= ?",
            (learner_key, _iso(now)),
        )
        return {item_id for (item_id,) in rows}

    # ------------------------------------------------------------------ scores
    def user_stats(self, user_id: int, chat_id: int | None = None, notes: str | None = None) -> UserStats:
        """The user's answered and correct counts and answer times, everywhere or in one chat, over
        every notes folder or one (``notes``; polls recorded before folders were told apart count
        for every folder)."""
        sql = "SELECT a.correct, a.answered_at FROM poll_answers a JOIN polls p ON p.poll_id = a.poll_id WHERE a.user_id = ?"
        params: tuple[object, ...] = (user_id,)
        if chat_id is not None:
            sql += " AND p.chat_id = ?"
            params += (chat_id,)
        if notes is not None:
            sql += " AND p.notes IN (?, '')"
            params += (notes,)
        rows = self._read("read a user's scores", sql + " ORDER BY a.answered_at", params)
        return UserStats(
            answered=len(rows),
            correct=sum(int(correct) for correct, _ in rows),
            answered_at=tuple(_time(stamp) for _, stamp in rows),
        )

    def leaderboard(self, chat_id: int, since: datetime | None = None, limit: int = 10) -> tuple[LeaderRow, ...]:
        """The chat's members by correct answers to the chat's polls (since `since`, if given): most
        correct first, then fewer answers (better accuracy), then whoever got there first."""
        sql = """SELECT a.user_id, u.display_name, SUM(a.correct), COUNT(*), MAX(a.answered_at)
                 FROM poll_answers a JOIN polls p ON p.poll_id = a.poll_id
                 LEFT JOIN users u ON u.user_id = a.user_id
                 WHERE p.chat_id = ?"""
        params: list[object] = [chat_id]
        if since is not None:
            sql += " AND a.answered_at >= ?"
            params.append(_iso(since))
        sql += " GROUP BY a.user_id, u.display_name ORDER BY SUM(a.correct) DESC, COUNT(*) ASC, MAX(a.answered_at) ASC, a.user_id LIMIT ?"
        params.append(max(0, limit))
        rows = self._read("read a leaderboard", sql, params)
        return tuple(LeaderRow(user_id, name, int(correct), int(answered)) for user_id, name, correct, answered, _ in rows)

    # ------------------------------------------------------------------ quiz sessions
    def start_session(self, session: Session) -> bool:
        """Keep a chat's new session; False (nothing kept) when the chat has one running already."""
        with self._tx("start a quiz session") as db:
            return db.execute(
                """INSERT INTO sessions (chat_id, user_id, is_group, item_ids, started_at, open_period, asked,
                       poll_id, poll_sent_at, poll_ids, thread_id, notes)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (session.chat_id, session.user_id, int(session.group), json.dumps(list(session.item_ids)),
                 _iso(session.started_at), session.open_period, session.asked, session.poll_id,
                 _iso(session.poll_sent_at) if session.poll_sent_at else None, json.dumps(list(session.poll_ids)),
                 session.thread_id, session.notes),
            ).rowcount == 1

    _SESSION_COLUMNS = """chat_id, user_id, is_group, item_ids, started_at, open_period, asked, poll_id,
        poll_sent_at, poll_ids, thread_id, notes"""

    @staticmethod
    def _session(row: Sequence[Any]) -> Session:
        chat_id, user_id, group, item_ids, started, period, asked, poll_id, sent, poll_ids, thread, notes = row
        return Session(chat_id, user_id, bool(group), tuple(json.loads(item_ids)), _time(started), int(period),
                       int(asked), poll_id, _time(sent) if sent else None, tuple(json.loads(poll_ids)), thread, notes)

    def get_session(self, chat_id: int) -> Session | None:
        """The chat's running session, or None."""
        rows = self._read("read a quiz session", f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE chat_id = ?",
                          (chat_id,))
        return self._session(rows[0]) if rows else None

    def running_sessions(self) -> tuple[Session, ...]:
        """Every session running (for a restart to carry on), by chat."""
        rows = self._read("list quiz sessions", f"SELECT {self._SESSION_COLUMNS} FROM sessions ORDER BY chat_id")
        return tuple(self._session(row) for row in rows)

    def claim_next_question(self, chat_id: int, poll_id: str) -> Session | None:
        """Close the question `poll_id` of the chat's session for whoever moves it on (an answer, the
        time running out, /stop): the session as it is then, or None when that question is not the
        open one any more (someone else moved it on already; decided in the database)."""
        with self._tx("move a quiz session on") as db:
            if db.execute("UPDATE sessions SET poll_id = NULL WHERE chat_id = ? AND poll_id = ?",
                          (chat_id, poll_id)).rowcount != 1:
                return None
            row = db.execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE chat_id = ?", (chat_id,)).fetchone()
        return self._session(row)

    def session_question(self, session: Session, poll: PollRow) -> bool:
        """Record the question just sent (`session`, as `bot.study.session.question_sent` made it) with
        its poll, in one transaction; False when the session ended meanwhile (the poll is kept, scored
        like any other)."""
        with self._tx("record a session's question") as db:
            _insert_poll(db, poll)
            return db.execute(
                """UPDATE sessions SET asked = ?, poll_id = ?, poll_sent_at = ?, poll_ids = ?
                   WHERE chat_id = ? AND asked = ? AND poll_id IS NULL""",
                (session.asked, session.poll_id, _iso(session.poll_sent_at) if session.poll_sent_at else None,
                 json.dumps(list(session.poll_ids)), session.chat_id, session.asked - 1),
            ).rowcount == 1

    def end_session(self, chat_id: int) -> Session | None:
        """End the chat's session: the session as it ended, or None when none was running (ended already)."""
        with self._tx("end a quiz session") as db:
            row = db.execute(f"SELECT {self._SESSION_COLUMNS} FROM sessions WHERE chat_id = ?", (chat_id,)).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM sessions WHERE chat_id = ?", (chat_id,))
        return self._session(row)

    def session_answers(self, poll_ids: Sequence[str]) -> tuple[SessionAnswer, ...]:
        """Every answer to these polls, with the member's name, in the order given."""
        if not poll_ids:
            return ()
        marks = ", ".join("?" for _ in poll_ids)
        rows = self._read(
            "read a session's answers",
            f"""SELECT a.poll_id, a.user_id, COALESCE(u.display_name, ''), a.correct, a.answered_at
                FROM poll_answers a LEFT JOIN users u ON u.user_id = a.user_id
                WHERE a.poll_id IN ({marks}) ORDER BY a.answered_at, a.user_id""",
            tuple(poll_ids),
        )
        return tuple(SessionAnswer(poll_id, user_id, name, bool(correct), _time(at))
                     for poll_id, user_id, name, correct, at in rows)

    # ------------------------------------------------------------------ daily pushes
    def set_subscription(self, chat_id: int, hh_mm: str, count: int, offer: str = "polls") -> None:
        """Subscribe the chat to `count` (1-10) polls a day at `hh_mm` ("HH:MM", the chat's time zone),
        or to its due flashcards, or both (`offer`: "polls", "cards", "both")."""
        if not _HH_MM.match(hh_mm):
            raise ValueError(f"time must be HH:MM, not {hh_mm!r}")
        if not 1 <= count <= 10:
            raise ValueError(f"count must be 1-10, not {count}")
        if offer not in ("polls", "cards", "both"):
            raise ValueError(f"offer must be polls, cards or both, not {offer!r}")
        with self._tx("store a subscription") as db:
            db.execute(
                """INSERT INTO subscriptions (chat_id, hh_mm, count, offer) VALUES (?, ?, ?, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET hh_mm = excluded.hh_mm, count = excluded.count,
                       offer = excluded.offer""",
                (chat_id, hh_mm, count, offer),
            )

    def get_subscription(self, chat_id: int) -> Subscription | None:
        """The chat's daily subscription, or None."""
        rows = self._read(
            "read a subscription",
            """SELECT s.chat_id, s.hh_mm, s.count, c.timezone, s.offer FROM subscriptions s
               LEFT JOIN chats c ON c.chat_id = s.chat_id WHERE s.chat_id = ?""",
            (chat_id,),
        )
        return Subscription(*rows[0]) if rows else None

    def delete_subscription(self, chat_id: int) -> bool:
        """End the chat's subscription; False if it had none."""
        with self._tx("delete a subscription") as db:
            return db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,)).rowcount == 1

    def subscriptions(self) -> tuple[Subscription, ...]:
        """Every daily subscription, by chat id."""
        rows = self._read(
            "list subscriptions",
            """SELECT s.chat_id, s.hh_mm, s.count, c.timezone, s.offer FROM subscriptions s
               LEFT JOIN chats c ON c.chat_id = s.chat_id ORDER BY s.chat_id""",
        )
        return tuple(Subscription(*row) for row in rows)

    def claim_push(self, chat_id: int, local_date: date) -> bool:
        """Atomically mark the chat's push for `local_date` as done without sending anything (nothing
        is owed that day); False if that day was claimed already."""
        return self.start_push(chat_id, local_date, ())

    def start_push(
        self, chat_id: int, local_date: date, item_ids: Sequence[str], *, owner: str | None = None,
        until: datetime | None = None,
    ) -> bool:
        """Atomically claim the chat's push for `local_date`, with the items it is to send, as an
        unfinished `PushUnit` (finished at once when there are none) held by the process `owner`
        until `until` (its lease, see `take_pushes`); False if that day was claimed.

        Claim before sending: a push then starts at most once a day, even after a restart or with
        several bot processes on one database; its progress says what is still to be sent."""
        with self._tx("claim a daily push") as db:
            cursor = db.execute(
                """INSERT INTO pushes (chat_id, local_date, item_ids, finished, owner, lease_until)
                   VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (chat_id, local_date.isoformat(), json.dumps(list(item_ids)), int(not item_ids), owner,
                 _iso(until) if until is not None else None),
            )
            return cursor.rowcount == 1

    def unfinished_pushes(self) -> tuple[PushUnit, ...]:
        """Every push claimed and not finished (being sent, or left so by a crash or a failure), by
        chat and date."""
        return self._units("list unfinished pushes", "finished = 0", ())

    def take_pushes(self, owner: str, now: datetime, until: datetime) -> tuple[PushUnit, ...]:
        """Take, for the process `owner` until `until`, every unfinished push no live process holds:
        one nobody holds, one `owner` holds already, or one whose holder's lease ran out before `now`
        (that process died or hangs). In one transaction, so two processes never take the same push."""
        free = "finished = 0 AND (owner IS NULL OR owner = ? OR lease_until < ?)"
        with self._tx("take unfinished pushes") as db:
            db.execute(f"UPDATE pushes SET owner = ?, lease_until = ? WHERE {free}",
                       (owner, _iso(until), owner, _iso(now)))
        return self._units("list the pushes taken", "finished = 0 AND owner = ?", (owner,))

    def _units(self, doing: str, where: str, params: Sequence[object]) -> tuple[PushUnit, ...]:
        rows = self._read(
            doing,
            f"""SELECT chat_id, local_date, item_ids, header_sent, items_done FROM pushes
                WHERE {where} ORDER BY chat_id, local_date""",
            params,
        )
        return tuple(
            PushUnit(chat_id, date.fromisoformat(day), tuple(json.loads(item_ids)), bool(header_sent), done, False)
            for chat_id, day, item_ids, header_sent, done in rows
        )

    def renew_leases(self, owner: str, until: datetime) -> int:
        """Extend the lease of every unfinished push `owner` holds to `until` (the holder's heartbeat);
        how many it holds."""
        with self._tx("renew the leases of pushes") as db:
            return db.execute(
                "UPDATE pushes SET lease_until = ? WHERE owner = ? AND finished = 0", (_iso(until), owner)
            ).rowcount

    def held_elsewhere(self, owner: str, now: datetime) -> datetime | None:
        """When the first lease of an unfinished push another live process holds runs out, or None."""
        ((earliest,),) = self._read(
            "read the leases of other processes",
            "SELECT MIN(lease_until) FROM pushes WHERE finished = 0 AND owner <> ? AND lease_until >= ?",
            (owner, _iso(now)),
        )
        return _time(earliest) if earliest else None

    def push_progress(
        self, chat_id: int, local_date: date, *, header_sent: bool, items_done: int, finished: bool,
        poll: PollRow | None = None,
    ) -> None:
        """Record how far the chat's push for `local_date` got, in one transaction with the poll that
        was just sent (so a restart neither sends it again nor loses it)."""
        with self._tx("record a daily push's progress") as db:
            if poll is not None:
                _insert_poll(db, poll)
            db.execute(
                "UPDATE pushes SET header_sent = ?, items_done = ?, finished = ? WHERE chat_id = ? AND local_date = ?",
                (int(header_sent), items_done, int(finished), chat_id, local_date.isoformat()),
            )

    def last_push_date(self, chat_id: int) -> date | None:
        """The latest local date whose push was claimed for this chat, or None."""
        ((latest,),) = self._read(
            "read the last push", "SELECT MAX(local_date) FROM pushes WHERE chat_id = ?", (chat_id,)
        )
        return date.fromisoformat(latest) if latest else None


    # ------------------------------------------------------------------ updates handled (webhook mode)
    def first_delivery(self, update_id: int, now: datetime) -> bool:
        """Record that an update is being handled; False when some process handled it already (Telegram
        delivers an update again when its webhook call failed or timed out, maybe to another process)."""
        with self._tx("record an update") as db:
            return db.execute(
                "INSERT INTO updates_seen (update_id, seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                (update_id, _iso(now)),
            ).rowcount == 1

    def forget_deliveries(self, before: datetime) -> int:
        """Drop the record of updates handled before `before` (Telegram redelivers for a day at most)."""
        with self._tx("forget old updates") as db:
            return db.execute("DELETE FROM updates_seen WHERE seen_at < ?", (_iso(before),)).rowcount

    # ------------------------------------------------------------------ questions (for the notes' author)
    def record_question(
        self, question: str, *, refused: bool, passage_key: str | None, unwritten: Sequence[str], now: datetime
    ) -> None:
        """Keep a question asked (with KEEP_QUESTIONS): whether it was refused, the passage that answered
        it ("file:line"), the unwritten chapters it asked about (their titles). No user or chat."""
        with self._tx("keep a question") as db:
            db.execute(
                "INSERT INTO questions (asked_at, question, refused, passage_key, unwritten) VALUES (?, ?, ?, ?, ?)",
                (_iso(now), question, int(refused), passage_key, json.dumps(list(unwritten), ensure_ascii=False)),
            )

    def asked_questions(self, since: datetime) -> tuple[AskedQuestion, ...]:
        """The questions kept since `since`, oldest first."""
        rows = self._read(
            "read the questions asked",
            """SELECT question, refused, passage_key, unwritten, asked_at FROM questions
               WHERE asked_at >= ? ORDER BY asked_at, question_id""",
            (_iso(since),),
        )
        return tuple(
            AskedQuestion(question, bool(refused), key, tuple(json.loads(unwritten)), _time(asked_at))
            for question, refused, key, unwritten, asked_at in rows
        )

    def unhelpful_answers(self, since: datetime, limit: int = 10) -> tuple[UnhelpfulAnswer, ...]:
        """The passages most often marked 👎 since `since`, with the questions they were shown for."""
        rows = self._read(
            "read the unhelpful answers",
            """SELECT passage_key, question FROM feedback WHERE helpful = 0 AND created_at >= ?
               ORDER BY passage_key, created_at""",
            (_iso(since),),
        )
        questions: dict[str, list[str]] = {}
        for key, question in rows:
            questions.setdefault(key, []).append(question)
        ranked = sorted(questions.items(), key=lambda pair: (-len(pair[1]), pair[0]))[: max(0, limit)]
        return tuple(UnhelpfulAnswer(key, len(asked), tuple(dict.fromkeys(q for q in asked if q))) for key, asked in ranked)

    def missed_items(self, since: datetime, limit: int = 10) -> tuple[MissedItem, ...]:
        """The quiz items most often answered wrong since `since`: most misses first, then the worst rate."""
        rows = self._read(
            "read the missed quiz items",
            """SELECT p.item_id, SUM(1 - a.correct), COUNT(*) FROM poll_answers a
               JOIN polls p ON p.poll_id = a.poll_id WHERE a.answered_at >= ?
               GROUP BY p.item_id HAVING SUM(1 - a.correct) > 0
               ORDER BY SUM(1 - a.correct) DESC, COUNT(*) ASC, p.item_id LIMIT ?""",
            (_iso(since), max(0, limit)),
        )
        return tuple(MissedItem(item_id, int(wrong), int(answered)) for item_id, wrong, answered in rows)
