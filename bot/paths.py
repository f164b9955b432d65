"""The two settings answering a question needs, NOTES_DIR and DATA_DIR, read the way `bot.config`
reads them (an explicit value, else the environment, names in any case, else `.env` in the folder
the bot starts in, else the default) without loading the settings model: pydantic and
pydantic-settings cost about 0.2 s to import, half of what `notesbot ask` may take in all.
`tests/test_config.py` holds the two to the same answers."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["notes_and_cache"]

_DEFAULTS = {"notes_dir": "corpus", "data_dir": "data"}  # as in `bot.config.Settings`
_ENV_FILE = ".env"


def _from_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values  # pydantic-settings reads `.env` with it too

    return {key.lower(): value for key, value in dotenv_values(path, encoding="utf-8").items() if value is not None}


def notes_and_cache(notes_dir: Path | None = None, env_file: Path | None = Path(_ENV_FILE)) -> tuple[Path, Path]:
    """The notes folder and the index cache folder (DATA_DIR/cache)."""
    environment = {key.lower(): value for key, value in os.environ.items()}
    from_file = _from_env_file(env_file) if env_file is not None else {}

    def setting(name: str) -> str:
        for source in (environment, from_file):
            if name in source:
                return source[name]
        return _DEFAULTS[name]

    notes = Path(notes_dir) if notes_dir is not None else Path(setting("notes_dir"))
    return notes, Path(setting("data_dir")) / "cache"
