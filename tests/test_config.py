"""Settings: environment, .env file, validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

SETTING_NAMES = tuple(name.upper() for name in Settings.model_fields)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)


def test_env_example_lists_every_setting_and_loads_as_unset() -> None:
    example = Path(__file__).resolve().parents[1] / ".env.example"
    text = example.read_text(encoding="utf-8")
    for name in SETTING_NAMES:
        assert f"\n{name}=" in text, f"{name} is missing from .env.example"
    settings = Settings(_env_file=example)
    assert settings.token is None  # the terminal chat, not a broken bot
    assert settings.telegram_base_url is None and settings.webhook_url is None
    assert settings.database_url is None and settings.metrics_port is None and settings.keep_questions


def test_the_readme_s_settings_table_lists_every_setting() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Settings") : readme.index("## Command line")]
    for name in SETTING_NAMES:
        assert f"`{name}`" in table, f"{name} is missing from the README's settings table"


def test_database_url_is_sqlite_or_postgresql_and_defaults_to_the_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None, data_dir="/srv/bot").store_target == Path("/srv/bot")
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pw@db:5432/notesbot")
    assert Settings(_env_file=None).store_target == "postgresql://bot:pw@db:5432/notesbot"
    monkeypatch.setenv("DATABASE_URL", "mysql://bot@db/notesbot")
    with pytest.raises(ValidationError, match="DATABASE_URL"):
        Settings(_env_file=None)


def test_environment_values_are_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", " 123:abc ")
    monkeypatch.setenv("ADMIN_USER_IDS", "1, 22 333")
    monkeypatch.setenv("NOTES_DIR", "/tmp/notes")
    settings = Settings(_env_file=None)
    assert settings.token == "123:abc"
    assert settings.admin_user_ids == frozenset({1, 22, 333})
    assert settings.notes_dir == Path("/tmp/notes")
    assert "123:abc" not in repr(settings)  # the token never shows in logs or tracebacks


def test_unknown_time_zone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Mars/Olympus")
    with pytest.raises(ValidationError, match="DEFAULT_TIMEZONE|default_timezone"):
        Settings(_env_file=None)


def test_a_quiz_open_period_outside_telegrams_bounds_is_refused() -> None:
    assert Settings(_env_file=None).quiz_open_period_seconds == 30
    from telegram.constants import PollLimit

    for bad in (PollLimit.MIN_OPEN_PERIOD - 1, PollLimit.MAX_OPEN_PERIOD + 1):
        with pytest.raises(ValidationError):
            Settings(_env_file=None, quiz_open_period_seconds=bad)


@pytest.mark.parametrize(
    ("environment", "env_file", "notes"),
    [
        ({}, "", None),
        ({"NOTES_DIR": "/srv/notes", "DATA_DIR": "/srv/data"}, "", None),
        ({}, "NOTES_DIR=from-file\nDATA_DIR='/var/lib/bot'\n", None),
        ({"notes_dir": "lower"}, "NOTES_DIR=from-file\n# DATA_DIR=commented\n", None),
        ({"DATA_DIR": "env-data"}, "export DATA_DIR=file-data\nNOTES_DIR=\"quoted dir\"\n", None),
        ({"NOTES_DIR": "env"}, "NOTES_DIR=file\n", "given"),
    ],
)
def test_the_light_reading_of_the_notes_and_cache_folders_is_the_settings_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, environment: dict[str, str], env_file: str, notes: str | None
) -> None:
    from bot.config import load_settings
    from bot.paths import notes_and_cache

    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    if env_file:
        (tmp_path / ".env").write_text(env_file, encoding="utf-8")
    given = Path(notes) if notes else None
    settings = load_settings(notes_dir=given)
    assert notes_and_cache(given) == (settings.notes_dir, settings.cache_dir)
