"""Reading a notes folder from disk: every `*.md` under it (recursively, in path order) and the
optional `synonyms.txt` (groups of words that mean the same; its format is described at the top of
the example `corpus/synonyms.txt` and in `bot.search.index.parse_synonyms`)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["SYNONYMS_FILE", "NotesError", "read_notes", "read_synonyms"]

SYNONYMS_FILE = "synonyms.txt"


class NotesError(Exception):
    """The notes folder is missing, unreadable or holds no notes."""


def read_notes(notes_dir: Path) -> dict[str, str]:
    """Every `*.md` under the folder (relative path with "/" → text), in path order."""
    notes_dir = Path(notes_dir)
    if not notes_dir.is_dir():
        raise NotesError(f"notes folder not found: {notes_dir}")
    files: dict[str, str] = {}
    for path in _markdown_files(notes_dir):
        relative = path.relative_to(notes_dir)
        try:
            files[relative.as_posix()] = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise NotesError(f"cannot read {path}: {error}") from error
    if not files:
        raise NotesError(f"no Markdown notes (*.md) in {notes_dir}")
    if not any(text.strip() for text in files.values()):
        raise NotesError(f"the notes in {notes_dir} are empty")
    return files


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
