"""Fixtures for the search tests: the default notes, parsed and indexed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.notes.corpus import Corpus, parse_notes
from bot.notes.index import Index, build_index, parse_synonyms

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "corpus"
SHARED = REPO.parent / "shared"
DEV_SET = SHARED / "eval" / "dev_seed.jsonl"
BOOK = SHARED / "corpora" / "docker_practice"
HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The default notes (corpus/*.md), parsed."""
    files = {p.relative_to(NOTES).as_posix(): p.read_text(encoding="utf-8") for p in sorted(NOTES.rglob("*.md"))}
    return parse_notes(files)


@pytest.fixture(scope="session")
def index(corpus: Corpus) -> Index:
    """The default notes indexed with the example synonyms."""
    return build_index(corpus, parse_synonyms((NOTES / "synonyms.txt").read_text(encoding="utf-8")))
