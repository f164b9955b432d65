"""A rebuild after an edit reuses what did not change (parsed files, cut texts) and gives exactly
what a build from nothing gives: the same corpus, every field of the index the same."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

import bot.library as library_module
import bot.notes.corpus as corpus_module
from bot.library import load_library
from bot.notes.corpus import ParseCache, parse_notes
from bot.notes.folder import read_folder
from bot.search.index import BuildCache, Index, build_index
from tests.support.paths import NOTES, REPO

BACKEND = REPO / "tests" / "search" / "notes" / "backend"


def same_index(one: Index, other: Index) -> None:
    for spec in dataclasses.fields(Index):
        a, b = getattr(one, spec.name), getattr(other, spec.name)
        if isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and np.array_equal(a, b), spec.name
        elif spec.name == "vocabulary":
            assert list(a.items()) == list(b.items()), spec.name
        elif spec.name == "rare_words":
            assert len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b)), spec.name
        else:
            assert a == b, spec.name


def edited(files: dict[str, str]) -> dict[str, str]:
    """The first file gains a paragraph and a term (every later passage moves), another loses its end."""
    names = sorted(files)
    changed = dict(files)
    changed[names[0]] = files[names[0]] + "\n\n新写的一段：**编排工具**（Orchestrator）管理很多容器。\n"
    changed[names[-1]] = files[names[-1]][: len(files[names[-1]]) // 2]
    return changed


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    both = {f"seed/{name}": text for name, text in read_folder(NOTES).files.items()}
    both.update({f"backend/{name}": text for name, text in read_folder(BACKEND).files.items()})
    return both


def test_a_corpus_parsed_with_the_last_files_kept_is_the_one_parsed_from_nothing(files: dict[str, str]) -> None:
    cache = ParseCache()
    assert parse_notes(files, cache) == parse_notes(files)
    changed = edited(files)
    assert parse_notes(changed, cache) == parse_notes(changed)
    assert parse_notes(files, cache) == parse_notes(files)  # and back


def test_an_index_built_with_the_last_builds_texts_kept_is_the_one_built_from_nothing(files: dict[str, str]) -> None:
    cache = BuildCache()
    same_index(build_index(parse_notes(files), (), cache), build_index(parse_notes(files)))
    changed = parse_notes(edited(files))
    same_index(build_index(changed, (), cache), build_index(changed))


def test_reloading_after_editing_one_file_parses_that_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(BACKEND, notes)
    load_library(notes, tmp_path / "cache")
    parsed: list[str] = []
    real = corpus_module._parse_file
    monkeypatch.setattr(corpus_module, "_parse_file", lambda name, text, first: parsed.append(name) or real(name, text, first))
    first = sorted(notes.rglob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n\n新写的一段，讲缓存。\n", encoding="utf-8")
    fresh = load_library(notes, tmp_path / "cache")
    assert parsed == [first.relative_to(notes).as_posix()]
    monkeypatch.setattr(library_module, "_LAST", [])  # nothing kept: a build from nothing
    same_index(fresh.index, load_library(notes, None).index)
