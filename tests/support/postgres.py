"""A throwaway PostgreSQL cluster for the tests: one per test session, a fresh database per test.

The server binaries come from the machine (`/usr/lib/postgresql/*/bin`, or `pg_ctl` on PATH); the
tests that need them skip, saying so, where there are none. initdb refuses to run as root, so as
root (CI) the cluster belongs to an unprivileged user (`nobody`, or one the fixture makes where there
is none) and lives in a folder it owns. The
server listens on loopback only, with fsync off (a test cluster need not survive a power cut).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.support.ports import free_port

__all__ = ["Cluster", "find_binaries", "start_cluster"]

_UNPRIVILEGED = "nobody"
_MADE = "notesbot-tests"


def find_binaries() -> Path | None:
    """The folder of PostgreSQL's server binaries, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda path: int(Path(path).parts[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


@dataclass
class Cluster:
    """A running cluster: `url(database)`, `new_database()`, `stop()`, `start()` again."""

    folder: Path
    bin: Path
    port: int
    user: str | None  # who runs the server (None: whoever runs the tests)
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A new empty database; its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _run(self, *args: str) -> None:
        kwargs = {"user": self.user} if self.user else {}
        subprocess.run([str(self.bin / args[0]), *args[1:]], check=True, capture_output=True, **kwargs)

    def start(self) -> None:
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.folder / "data"), "-l", str(self.folder / "log"),
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "stop", "-m", "immediate", "-w", "-D", str(self.folder / "data"))


def _unprivileged_user() -> str:
    """A user that is not root to run the server as: `nobody`, or one made for it where there is none."""
    for name in (_UNPRIVILEGED, _MADE):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", _MADE],
                   check=True, capture_output=True)
    return _MADE


@contextlib.contextmanager
def start_cluster(binaries: Path) -> Iterator[Cluster]:
    """initdb, start, yield, stop and remove (see the module docstring)."""
    folder = Path(tempfile.mkdtemp(prefix="notesbot-pg-"))
    user = _unprivileged_user() if os.geteuid() == 0 else None
    if user is not None:
        account = pwd.getpwnam(user)
        os.chown(folder, account.pw_uid, account.pw_gid)
    cluster = Cluster(folder, binaries, free_port(), user)
    try:
        cluster._run("initdb", "-D", str(folder / "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                     "--locale=C", "--no-sync")
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
