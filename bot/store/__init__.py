"""What the bot keeps, in SQLite (the default, one process) or PostgreSQL (several processes):
`Store.open(target)` with a data directory, a database file, a `sqlite:///` or a `postgresql://` URL.
See `bot.store.core` for the interface and the schema, the backends in `sqlite` and `postgres`."""

from bot.store.core import (
    MIGRATIONS,
    AskedQuestion,
    ChatRow,
    FeedbackCounts,
    LeaderRow,
    MissedItem,
    Origin,
    PollRow,
    PushUnit,
    Store,
    StoreError,
    Subscription,
    UnhelpfulAnswer,
    UserRow,
    UserStats,
)
from bot.store.sqlite import DB_FILENAME, SQLiteStore

__all__ = [
    "DB_FILENAME",
    "MIGRATIONS",
    "AskedQuestion",
    "ChatRow",
    "FeedbackCounts",
    "LeaderRow",
    "MissedItem",
    "Origin",
    "PollRow",
    "PushUnit",
    "SQLiteStore",
    "Store",
    "StoreError",
    "Subscription",
    "UnhelpfulAnswer",
    "UserRow",
    "UserStats",
]
