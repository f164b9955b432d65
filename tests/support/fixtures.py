"""Pytest fixtures shared by all test folders: a Bot API stand-in per test, a bare PTB Bot on it,
the default notes parsed and indexed, the invented Git notes as a library, and a PostgreSQL cluster
for the session with a fresh database a test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from telegram import Bot

from bot.library import Library, load_library
from bot.notes.corpus import Corpus, parse_notes
from bot.search.index import Index, build_index, parse_synonyms
from tests.support.botapi import BotApiStandin
from tests.support.git_notes import write_git_notes
from tests.support.paths import NOTES
from tests.support.postgres import Cluster, find_binaries, start_cluster


@pytest.fixture
async def botapi() -> AsyncIterator[BotApiStandin]:
    """A running Bot API stand-in on 127.0.0.1 (random port), stopped after the test."""
    standin = BotApiStandin()
    await standin.start()
    try:
        yield standin
    finally:
        await standin.stop()


@pytest.fixture
async def ptb_bot(botapi: BotApiStandin) -> AsyncIterator[Bot]:
    """An initialized python-telegram-bot `Bot` talking to the stand-in."""
    async with Bot(botapi.token, base_url=botapi.base_url, base_file_url=botapi.base_file_url) as bot:
        yield bot


@pytest.fixture(scope="session")
def git_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A notes folder with the invented Git notes."""
    return write_git_notes(tmp_path_factory.mktemp("git-notes"))


@pytest.fixture(scope="session")
def git_library(git_notes: Path) -> Library:
    """The Git notes, parsed and indexed once for the whole session."""
    return load_library(git_notes)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The default notes (corpus/*.md), parsed."""
    files = {p.relative_to(NOTES).as_posix(): p.read_text(encoding="utf-8") for p in sorted(NOTES.rglob("*.md"))}
    return parse_notes(files)


@pytest.fixture(scope="session")
def index(corpus: Corpus) -> Index:
    """The default notes indexed with the example synonyms."""
    return build_index(corpus, parse_synonyms((NOTES / "synonyms.txt").read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    """One throwaway PostgreSQL cluster for the whole session (see `tests.support.postgres`)."""
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin): install postgresql to run these")
    with start_cluster(binaries) as cluster:
        yield cluster


@pytest.fixture
def postgres_url(postgres_cluster: Cluster) -> str:
    """The URL of a new empty database in the session's cluster."""
    return postgres_cluster.new_database()
