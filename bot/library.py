"""A notes folder read into a `Library` (its corpus, search index and quiz items), with the search
index cached between runs.

The built index is pickled into the cache folder under a key made of the notes' content hash, the
synonyms, the index version and the core's code; an unreadable, corrupt or stale cache file is
simply rebuilt. What a build worked out from each file and each text (parsed passages, tokens) is
kept in memory for the next build of the same folder, so that a `/reload` after editing one file
parses and cuts that file alone.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import bot.notes as notes_package
import bot.search as search_package
from bot.notes.corpus import Corpus, ParseCache, notes_fingerprint
from bot.notes.folder import NotesError, read_folder, read_synonyms

if TYPE_CHECKING:  # pragma: no cover
    from bot.notes.cards import Card, CardProblem
    from bot.quiz import QuizItem
    from bot.search.index import BuildCache, Index

__all__ = ["Library", "NotesError", "load_library", "notes_key"]

_CACHE_PREFIX = "index-"
_CACHE_SUFFIX = ".pickle"

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Library:
    """Everything derived from one version of the notes."""

    corpus: Corpus
    index: "Index"
    files: Mapping[str, str] = field(default_factory=dict)  # the notes' Markdown, by relative path
    notes_key: str = ""  # which notes folder this is: progress is kept per folder
    not_text: tuple[str, ...] = ()  # notes files left out: not valid UTF-8 text

    @cached_property
    def quiz_items(self) -> "tuple[QuizItem, ...]":
        """Quiz items from the notes (built on first use: answering questions does not need them)."""
        from bot.quiz import build_quiz_items

        return build_quiz_items(self.corpus, files=self.files)

    @cached_property
    def _cards(self) -> "tuple[tuple[Card, ...], tuple[CardProblem, ...]]":
        from bot.notes.cards import parse_cards

        return parse_cards(self.files)

    @property
    def flashcards(self) -> "tuple[Card, ...]":
        """The flashcards written in the notes (Obsidian Spaced Repetition syntax)."""
        return self._cards[0]

    @cached_property
    def recall_cards(self) -> "tuple[Card, ...]":
        """Cards made from the notes' statements, a key phrase hidden (`bot.quiz.recall`)."""
        from bot.quiz import build_recall_cards

        return build_recall_cards(self.corpus, self.quiz_items, self.files)

    @cached_property
    def cards(self) -> "tuple[Card, ...]":
        """Everything a learner reviews as a flashcard: the notes' own cards, the cards made from
        their statements, and the quiz items better recalled than picked."""
        from bot.study.flashcards import review_cards

        return review_cards(self.flashcards + self.recall_cards, self.quiz_items)

    @cached_property
    def study_ids(self) -> frozenset[str]:
        """The ids of everything a learner reviews from these notes: quiz items and cards."""
        return frozenset(i.id for i in self.quiz_items) | frozenset(c.id for c in self.cards)

    @property
    def card_problems(self) -> "tuple[CardProblem, ...]":
        """What looked like a flashcard in the notes but is not one, with file and line."""
        return self._cards[1]


def _cache_key(files: dict[str, str], synonyms: str) -> str:
    from bot.search.index import build_signature

    digest = hashlib.sha256()
    digest.update(f"{build_signature()}|py{sys.version_info[:2]}|{_core_source_hash()}\0".encode())
    digest.update(notes_fingerprint(files).encode() + b"\0")
    digest.update(b"synonyms\0" + synonyms.encode("utf-8", "replace"))
    return digest.hexdigest()[:24]


@functools.cache
def _core_source_hash() -> str:
    """A hash of the core's code: a pickled index built by other code is never loaded, even when
    nobody remembered to bump a version number."""
    digest = hashlib.sha256()
    for package in (notes_package, search_package):
        for source in sorted(Path(package.__file__).parent.rglob("*.py")):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _load_cached(path: Path, fingerprint: str) -> "Index | None":
    from bot.search.index import Index

    try:
        with path.open("rb") as handle:
            index = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception as error:  # a corrupt or foreign file: rebuild it
        log.warning("index cache %s unreadable (%s): rebuilding", path, error)
        return None
    if not isinstance(index, Index) or index.corpus.fingerprint != fingerprint:
        log.warning("index cache %s is not for these notes: rebuilding", path)
        return None
    return index


def _store(path: Path, index: "Index") -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".index-", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError as error:  # a read-only data folder only costs a rebuild next time
        log.warning("cannot write index cache %s: %s", path, error)
        return
    for old in path.parent.glob(f"{_CACHE_PREFIX}*{_CACHE_SUFFIX}"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


@dataclass
class _Reuse:
    """What the last build of a notes folder worked out, for the next one."""

    folder: str
    parsed: ParseCache = field(default_factory=ParseCache)
    built: "BuildCache | None" = None
    lock: threading.Lock = field(default_factory=threading.Lock)


_LAST: list[_Reuse] = []  # the last folder built (a bot has one; more would only hold memory)
_LAST_LOCK = threading.Lock()


def _reuse(notes_dir: Path) -> _Reuse:
    folder = str(Path(notes_dir).resolve())
    with _LAST_LOCK:
        if not _LAST or _LAST[0].folder != folder:
            _LAST[:] = [_Reuse(folder)]
        return _LAST[0]


def _build(notes_dir: Path, files: dict[str, str], synonyms: str) -> "Index":
    from bot.notes.corpus import parse_notes
    from bot.search.index import BuildCache, build_index, parse_synonyms

    reuse = _reuse(notes_dir)
    with reuse.lock:
        corpus = parse_notes(files, reuse.parsed)
        if not corpus.passages and not corpus.sections:
            raise NotesError(f"the notes in {notes_dir} hold no text")
        if reuse.built is None:
            reuse.built = BuildCache()
        return build_index(corpus, parse_synonyms(synonyms), reuse.built)


def load_library(notes_dir: Path, cache_dir: Path | None = None) -> Library:
    """Read the notes folder and return its library, from the index cache when it is current."""

    folder = read_folder(notes_dir)
    files = folder.files
    synonyms = read_synonyms(notes_dir)
    key = _cache_key(files, synonyms)
    path = Path(cache_dir) / f"{_CACHE_PREFIX}{key}{_CACHE_SUFFIX}" if cache_dir is not None else None
    index = _load_cached(path, notes_fingerprint(files)) if path is not None else None
    if index is None:
        index = _build(notes_dir, files, synonyms)
        if path is not None:
            _store(path, index)
    return Library(
        corpus=index.corpus, index=index, files=files, notes_key=notes_key(notes_dir), not_text=folder.not_text
    )


def notes_key(notes_dir: Path) -> str:
    """A notes folder's name in the store: its resolved path, so that two folders never share
    progress (a quiz on one does not count in the other's /me)."""
    try:
        return str(Path(notes_dir).resolve())
    except OSError:
        return str(notes_dir)
