"""Every setting in one place, read from the environment and an optional `.env` file.

Each field is documented in `.env.example`. pydantic-settings does the parsing and validation, so a
bad value stops the bot at start-up with a message naming the setting, not deep inside a handler.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from telegram.constants import PollLimit


class Settings(BaseSettings):
    """The bot's configuration."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None  # e.g. http://127.0.0.1:8081/bot for a local Bot API server
    notes_dir: Path = Path("corpus")
    data_dir: Path = Path("data")
    default_timezone: str = "Asia/Shanghai"
    admin_user_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: str = "INFO"
    webhook_url: str | None = None  # public HTTPS URL; set it to use webhook mode instead of polling
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret_token: SecretStr | None = None
    flood_limit_per_minute: int = Field(default=20, ge=1)
    send_retry_seconds: float = Field(default=120.0, gt=0)  # how long a failing send is retried
    store_busy_timeout_seconds: float = Field(default=30.0, gt=0)  # how long a locked database is waited for
    database_url: str | None = None  # sqlite:///path or postgresql://…; None: DATA_DIR/notesbot.sqlite3
    push_lease_seconds: float = Field(default=30.0, ge=1)  # how long a process holds a push without renewing
    keep_questions: bool = True  # store the questions asked, for `notesbot report`
    metrics_port: int | None = Field(default=None, ge=1, le=65535)  # Prometheus metrics and /healthz; None: off
    metrics_listen: str = "0.0.0.0"
    # how long each question of a /quiz session stays open (Telegram's open_period, within its bounds)
    quiz_open_period_seconds: int = Field(default=30, ge=PollLimit.MIN_OPEN_PERIOD, le=PollLimit.MAX_OPEN_PERIOD)

    @field_validator(
        "telegram_bot_token", "telegram_base_url", "webhook_url", "webhook_secret_token", "database_url",
        "metrics_port", mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        # `.env.example` copied as it is leaves these empty: that means "not set", not "".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("admin_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(",", " ").split())
        return value

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("sqlite:///", "postgresql://", "postgres://")):
            raise ValueError("DATABASE_URL must start with sqlite:/// or postgresql://")
        return value

    @property
    def store_target(self) -> Path | str:
        """What `Store.open` opens: DATABASE_URL, or the SQLite file in DATA_DIR."""
        return self.database_url or self.data_dir

    @property
    def cache_dir(self) -> Path:
        """Where the search index is cached between runs (inside DATA_DIR)."""
        return self.data_dir / "cache"

    @property
    def token(self) -> str | None:
        """The bot token, or None when it is not configured (then the bot runs in the terminal)."""
        if self.telegram_bot_token is None:
            return None
        return self.telegram_bot_token.get_secret_value().strip() or None


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment and `.env`, with explicit overrides (e.g. from the CLI) on top."""
    return Settings(**{key: value for key, value in overrides.items() if value is not None})
