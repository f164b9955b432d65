"""The SQLite store: one file, `DATA_DIR/notesbot.sqlite3` by default, for one bot process.

- WAL journal, `synchronous=FULL` (a committed answer survives a crash or power loss), a busy timeout,
  foreign keys on.
- `PRAGMA user_version` is the schema version (`MIGRATIONS` in `bot.store.core`).
- A corrupt, locked, unreadable or read-only database raises `StoreError` with a message that says
  what happened and which file; nothing is silently recreated, so no user data is thrown away. A
  read-only file (the database, its `-wal` or its `-shm`) is refused at open, before SQLite maps it.
- A write waits up to `busy_timeout` seconds for another process's lock, then raises `StoreError`.
- `backup` copies a live database with SQLite's online backup API (consistent while the bot writes);
  `restore` puts a backup into an empty data folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.store import core
from bot.store.core import Store, StoreError

__all__ = ["DB_FILENAME", "SQLiteStore", "backup", "database_file", "restore"]

DB_FILENAME = "notesbot.sqlite3"
_SUFFIXES = (".sqlite3", ".sqlite", ".db")


def database_file(path: Path | str) -> Path:
    """The database file for `path`: a `sqlite:///` URL, a data directory (the file is
    `notesbot.sqlite3` inside it) or the database file itself (a name ending in .sqlite3/.sqlite/.db)."""
    path = Path(path.removeprefix("sqlite:///") if isinstance(path, str) else path)
    if path.suffix in _SUFFIXES and not path.is_dir():
        return path
    return path / DB_FILENAME


def _refuse_read_only(path: Path) -> None:
    """StoreError when the bot could not write the database: SQLite would open a read-only file and
    fail only at the first write, and a read-only `-shm` it maps can end the process with SIGBUS."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists() and not os.access(candidate, os.R_OK | os.W_OK):
            raise StoreError(f"database file {candidate} is read-only or unreadable: the bot must write it")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StoreError(f"data directory {path.parent} is read-only: the bot must write its database there")


@contextlib.contextmanager
def _errors(path: Path, doing: str) -> Iterator[None]:
    """sqlite3's errors as StoreError, saying what the bot was doing and with which file."""
    try:
        yield
    except sqlite3.OperationalError as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise StoreError(f"database {path} is locked by another process (could not {doing}): {text}") from error
        raise StoreError(f"database {path}: could not {doing}: {text}") from error
    except sqlite3.DatabaseError as error:
        raise StoreError(f"database {path} is unreadable or corrupt (could not {doing}): {error}") from error
    except sqlite3.Error as error:
        raise StoreError(f"database {path}: could not {doing}: {error}") from error


class SQLiteStore(Store):
    """The store in one SQLite file (see the module docstring)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | str, *, busy_timeout: float = 5.0) -> SQLiteStore:
        """Open (creating and migrating as needed) the store at `path` (see `database_file`)."""
        path = database_file(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the data directory {path.parent}: {error}") from error
        _refuse_read_only(path)
        try:
            connection = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the database {path}: {error}") from error
        store = cls(connection, path)
        try:
            store._prepare(busy_timeout)
        except BaseException:
            connection.close()
            raise
        return store

    def _prepare(self, busy_timeout: float) -> None:
        with self._errors("open"):
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"database {self.path}: cannot switch to WAL mode (got {mode!r})")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA foreign_keys = ON")
            problems = [row[0] for row in self._db.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise StoreError(f"database {self.path} is corrupt: {'; '.join(problems[:3])}")
            self._migrate()

    def _migrate(self) -> None:
        version = self.schema_version
        self._refuse_newer(version)
        for number, statements in enumerate(core.MIGRATIONS[version:], start=version + 1):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute("PRAGMA user_version").fetchone()[0] >= number:
                    self._db.execute("ROLLBACK")  # another process migrated meanwhile
                    continue
                for statement in statements:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        """The database's schema version (`PRAGMA user_version`)."""
        with self._errors("read the schema version"):
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Checkpoint the WAL and close the connection (safe to call twice)."""
        with self._lock:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.close()

    def _errors(self, doing: str) -> contextlib.AbstractContextManager[None]:
        return _errors(self.path, doing)

    @contextlib.contextmanager
    def _tx(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT), errors as StoreError."""
        with self._lock, self._errors(doing):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _read(self, doing: str, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._lock, self._errors(doing):
            return self._db.execute(sql, tuple(params)).fetchall()


def backup(source: Path | str, target: Path | str) -> Path:
    """Copy the database at `source` (a data directory or its file) to the file `target`, with SQLite's
    online backup API: a consistent copy even while a bot writes to it. Written beside `target` and
    renamed into place, so a failed backup never leaves half a file under that name."""
    source_file, target = database_file(source), Path(target)
    if not source_file.is_file():
        raise StoreError(f"no database at {source_file} to back up")
    partial = target.with_name(f".{target.name}.partial")
    with _errors(source_file, "back up"):
        origin = sqlite3.connect(source_file, timeout=30)
        try:
            copy = sqlite3.connect(partial)
            try:
                origin.backup(copy)  # every page in one step: one consistent snapshot
            finally:
                copy.close()
        finally:
            origin.close()
    os.replace(partial, target)
    return target


def restore(backup_file: Path | str, data: Path | str) -> Path:
    """Put a backup made by `backup` into the data folder `data` (or at the database file `data`),
    which must not hold a database yet: nothing is ever overwritten. The copy is checked and migrated
    to this code's schema (by opening it) before it is returned."""
    backup_file, target = Path(backup_file), database_file(data)
    if not backup_file.is_file():
        raise StoreError(f"no backup file {backup_file}")
    if any(target.with_name(target.name + suffix).exists() for suffix in ("", "-wal", "-shm")):
        raise StoreError(f"{target} already exists: restore only into an empty data folder")
    with _errors(backup_file, "read the backup"):
        origin = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in origin.execute("PRAGMA quick_check").fetchall()]
            if problems != ["ok"]:
                raise StoreError(f"backup {backup_file} is corrupt: {'; '.join(problems[:3])}")
            target.parent.mkdir(parents=True, exist_ok=True)
            copy = sqlite3.connect(target)
            try:
                origin.backup(copy)
            finally:
                copy.close()
        finally:
            origin.close()
    try:
        SQLiteStore.open(target).close()
    except StoreError:
        target.unlink(missing_ok=True)
        raise
    return target
