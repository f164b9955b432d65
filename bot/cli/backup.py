"""`notesbot backup FILE` and `notesbot restore FILE`.

backup copies the SQLite database with SQLite's online backup API, safe while the bot runs and
writes (copying the file itself is not: a WAL database is more than its main file). restore puts a
backup into the data folder, which must hold no database yet. A PostgreSQL store is backed up with
its own tools (`pg_dump`, `pg_restore`): both commands say so and do nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["add_arguments", "main", "main_restore"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the backup file")


def _sqlite_target(command: str) -> Path | str | None:
    """The SQLite database the settings name (DATABASE_URL or DATA_DIR); None (said why) for PostgreSQL."""
    from bot.config import load_settings

    target = load_settings().store_target
    if str(target).startswith(("postgresql://", "postgres://")):
        print(f"notesbot {command}: DATABASE_URL is PostgreSQL: use pg_dump / pg_restore "
              "(see docs/deploy.md)", file=sys.stderr)
        return None
    return target


def main(args: argparse.Namespace) -> int:
    """notesbot backup FILE."""
    from bot.store import StoreError
    from bot.store.sqlite import backup, database_file

    source = _sqlite_target("backup")
    if source is None:
        return 2
    try:
        written = backup(source, args.file)
    except (StoreError, OSError) as error:
        print(f"notesbot backup: {error}", file=sys.stderr)
        return 3
    print(f"backed up {database_file(source)} to {written}", file=sys.stderr)
    return 0


def main_restore(args: argparse.Namespace) -> int:
    """notesbot restore FILE."""
    from bot.store import StoreError
    from bot.store.sqlite import restore

    target = _sqlite_target("restore")
    if target is None:
        return 2
    try:
        written = restore(args.file, target)
    except (StoreError, OSError) as error:
        print(f"notesbot restore: {error}", file=sys.stderr)
        return 3
    print(f"restored {args.file} to {written}", file=sys.stderr)
    return 0
