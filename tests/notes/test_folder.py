"""Reading a notes folder and caching its index: errors, order, cache hits, corrupt and stale caches."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from bot.library import load_library
from bot.notes.folder import NotesError, read_notes
from bot.search.answer import Answer, answer_question


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    write(folder / "b" / "second.md", "# 网络\n\n桥接网络（bridge）把容器连到宿主机。\n")
    write(folder / "a.md", "# 镜像\n\n镜像由只读层叠加而成。\n\n# 仓库\n")
    write(folder / ".hidden" / "x.md", "# 不该读\n\n隐藏目录里的文件。\n")
    write(folder / "readme.txt", "不是 Markdown。")
    return folder


def cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("index-*.pickle"))


def test_reads_every_markdown_file_recursively_in_path_order(notes: Path) -> None:
    assert list(read_notes(notes)) == ["a.md", "b/second.md"]


def test_linked_folders_are_followed(notes: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere / "linked.md", "# 链接\n\n链接目录里的笔记。\n")
    (notes / "more").symlink_to(elsewhere, target_is_directory=True)
    (elsewhere / "loop").symlink_to(notes, target_is_directory=True)  # a cycle is not followed forever
    assert "more/linked.md" in read_notes(notes)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NotesError, match="not found"):
        load_library(tmp_path / "nowhere")


def test_folder_without_notes_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "only.txt", "文字")
    with pytest.raises(NotesError, match="no Markdown"):
        load_library(tmp_path)
    write(tmp_path / "empty.md", "  \n\n")
    with pytest.raises(NotesError, match="empty"):
        load_library(tmp_path)


def test_library_answers_from_the_folder(notes: Path) -> None:
    library = load_library(notes)
    assert library.corpus.files == ("a.md", "b/second.md")
    result = answer_question(library.index, "什么是桥接网络")
    assert isinstance(result, Answer)
    assert result.best.passage.file == "b/second.md"
    assert not any("隐藏" in p.text for p in library.corpus.passages)


def test_second_load_comes_from_the_cache(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = load_library(notes, cache)
    [stored] = cache_files(cache)
    stamp = stored.stat().st_mtime_ns
    second = load_library(notes, cache)
    assert cache_files(cache) == [stored] and stored.stat().st_mtime_ns == stamp  # not rewritten
    assert second.corpus == first.corpus
    assert isinstance(answer_question(second.index, "镜像由什么组成"), Answer)


def test_corrupt_cache_is_rebuilt(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_library(notes, cache)
    [stored] = cache_files(cache)
    stored.write_bytes(b"\x80\x05 not a pickle at all")
    library = load_library(notes, cache)
    assert isinstance(answer_question(library.index, "镜像由什么组成"), Answer)
    with stored.open("rb") as handle:
        assert pickle.load(handle).corpus == library.corpus  # rewritten with a good index


def test_cache_holding_another_object_is_rebuilt(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_library(notes, cache)
    [stored] = cache_files(cache)
    stored.write_bytes(pickle.dumps({"not": "an index"}))
    library = load_library(notes, cache)
    assert library.corpus.files == ("a.md", "b/second.md")


def test_changed_notes_rebuild_and_replace_the_cache(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_library(notes, cache)
    [old] = cache_files(cache)
    write(notes / "a.md", "# 镜像\n\n镜像由只读层叠加而成，容器再加一个可写层。\n")
    library = load_library(notes, cache)
    [new] = cache_files(cache)
    assert new != old  # the stale file is removed
    assert any("可写层" in p.text for p in library.corpus.passages)


def test_changed_synonyms_rebuild_the_index(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_library(notes, cache)
    assert not isinstance(answer_question(before.index, "底包由什么组成"), Answer)
    write(notes / "synonyms.txt", "# 同义词\n镜像 = 底包\n")
    after = load_library(notes, cache)
    result = answer_question(after.index, "底包由什么组成")
    assert isinstance(result, Answer) and "只读层" in result.best.passage.text


def test_unwritable_cache_folder_still_loads(notes: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    library = load_library(notes, blocker / "cache")
    assert library.corpus.passages


def test_quiz_items_are_built_on_first_use(notes: Path) -> None:
    library = load_library(notes)
    assert "quiz_items" not in vars(library)
    items = library.quiz_items
    assert isinstance(items, tuple)
    assert library.quiz_items is items


def test_cache_write_is_atomic_no_temporary_files_left(notes: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_library(notes, cache)
    assert [p.name for p in cache.iterdir() if p.name.startswith(".")] == []
    assert os.access(cache_files(cache)[0], os.R_OK)


def test_an_index_built_by_other_code_is_rebuilt(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.library as notes_folder

    cache = tmp_path / "cache"
    load_library(notes, cache)
    [old] = cache_files(cache)
    # The core's code changed (an upgrade) but nobody bumped a version number.
    monkeypatch.setattr(notes_folder, "_core_source_hash", lambda: "other code")
    load_library(notes, cache)
    [new] = cache_files(cache)
    assert new != old
