"""Reading a notes folder from disk: every `*.md` under it (recursively, in path order) and the
optional `synonyms.txt` (groups of words that mean the same; its format is described at the top of
the example `corpus/synonyms.txt` and in `bot.search.index.parse_synonyms`).

A `*.md` file that is not valid UTF-8 text (a binary file with that name, another encoding) is left
out and named in `NotesFolder.not_text`, never read with its bytes replaced."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SYNONYMS_FILE", "NotesError", "NotesFolder", "read_folder", "read_notes", "read_synonyms"]

SYNONYMS_FILE = "synonyms.txt"


class NotesError(Exception):
    """The notes folder is missing, unreadable or holds no notes."""


@dataclass(frozen=True)
class NotesFolder:
    """The notes read from a folder, and the `*.md` files left out because they are not text."""

    files: dict[str, str]  # relative path with "/" -> text, in path order
    not_text: tuple[str, ...] = ()  # relative paths of files that are not valid UTF-8 text


def read_folder(notes_dir: Path) -> NotesFolder:
    """Every `*.md` under the folder that is UTF-8 text, and the ones that are not; NotesError when
    no text is left."""
    notes_dir = Path(notes_dir)
    if not notes_dir.is_dir():
        raise NotesError(f"notes folder not found: {notes_dir}")
    files: dict[str, str] = {}
    not_text: list[str] = []
    for path in _markdown_files(notes_dir):
        relative = path.relative_to(notes_dir).as_posix()
        try:
            data = path.read_bytes()
        except OSError as error:
            raise NotesError(f"cannot read {path}: {error}") from error
        text = _text(data)
        if text is None:
            not_text.append(relative)
        else:
            files[relative] = text
    if not files and not not_text:
        raise NotesError(f"no Markdown notes (*.md) in {notes_dir}")
    if not any(text.strip() for text in files.values()):
        if not_text:
            raise NotesError(f"no notes in {notes_dir} are UTF-8 text: {', '.join(not_text)}")
        raise NotesError(f"the notes in {notes_dir} are empty")
    return NotesFolder(files, tuple(not_text))


def read_notes(notes_dir: Path) -> dict[str, str]:
    """Every `*.md` under the folder that is text (relative path with "/" → text), in path order."""
    return read_folder(notes_dir).files


def _text(data: bytes) -> str | None:
    """The file's text, or None when it is not UTF-8 text (undecodable, or binary: a NUL byte)."""
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _markdown_files(notes_dir: Path) -> list[Path]:
    """Every `*.md` file under the folder, following linked folders once, hidden ones skipped."""
    found: list[Path] = []
    seen: set[str] = set()
    for root, folders, names in os.walk(notes_dir, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back up the tree
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in names:
            path = Path(root) / name
            if name.endswith(".md") and not name.startswith(".") and path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(notes_dir).as_posix())


def read_synonyms(notes_dir: Path) -> str:
    path = Path(notes_dir) / SYNONYMS_FILE
    try:
        return path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    except OSError:
        return ""
