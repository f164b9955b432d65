"""`notesbot backup` while another process writes, and `notesbot restore` into an empty data folder:
the restored database has every row the backup saw, with none missing in between."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.store import DB_FILENAME, Store
from tests.support.paths import REPO

WRITER = """
import sys
from datetime import datetime, timezone
from bot.store import Store
store = Store.open(sys.argv[1])
for number in range(1, 100_000):
    store.upsert_user(number, f"user {number}", datetime.now(timezone.utc))
    if number == 50:
        print("started", flush=True)
"""


def users(store: Store) -> list[int]:
    return [user_id for (user_id,) in store._read("list users", "SELECT user_id FROM users ORDER BY user_id")]


def test_a_backup_taken_while_another_process_writes_restores_every_row_it_saw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, backup_file, restored = tmp_path / "data", tmp_path / "backups" / "notesbot.bak", tmp_path / "restored"
    Store.open(data).close()
    backup_file.parent.mkdir()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(data)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "started\n"  # 50 rows committed
        monkeypatch.setenv("DATA_DIR", str(data))
        monkeypatch.delenv("DATABASE_URL", raising=False)
        assert main(["backup", str(backup_file)]) == 0
        assert writer.poll() is None  # it was still writing meanwhile
    finally:
        writer.kill()
        writer.wait()
    monkeypatch.setenv("DATA_DIR", str(restored))
    assert main(["restore", str(backup_file)]) == 0
    with Store.open(restored) as store:
        found = users(store)
    assert len(found) >= 50 and found == list(range(1, len(found) + 1))  # every row up to the copy, none lost
    assert main(["restore", str(backup_file)]) == 3  # never over a database that is there


def test_backup_and_restore_refuse_postgresql_and_say_to_use_pg_dump(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:secret@db/notesbot")
    assert main(["backup", str(tmp_path / "x.bak")]) == 2
    assert main(["restore", str(tmp_path / "x.bak")]) == 2
    err = capsys.readouterr().err
    assert err.count("pg_dump") == 2 and "secret" not in err
    assert not (tmp_path / "x.bak").exists()


def test_restore_refuses_a_file_that_is_not_a_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bogus = tmp_path / "bogus.bak"
    bogus.write_bytes(b"not a database" * 100)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["restore", str(bogus)]) == 3
    assert not (tmp_path / "empty" / DB_FILENAME).exists()
