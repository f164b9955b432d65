"""The container's files, tested where no image can be built: the Dockerfile's base, user, paths,
settings and health check, and compose.yaml, which must parse and name only settings that exist."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from bot.cli import COMMANDS
from bot.cli.health import health_url
from bot.config import Settings
from tests.support.paths import REPO

SETTINGS = {name.upper() for name in Settings.model_fields}


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    text = re.sub(r"\\\n\s*", " ", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for word, rest in instructions():
        if word == "ENV":
            env.update(pair.split("=", 1) for pair in shlex.split(rest))
    return env


def compose() -> dict:
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))


def test_the_image_is_slim_python_3_11_run_by_a_user_who_is_not_root() -> None:
    found = instructions()
    assert [rest for word, rest in found if word == "FROM"] == ["python:3.11-slim"]
    users = [rest for word, rest in found if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert any(word == "RUN" and "pip install ." in rest for word, rest in found)  # the README's install
    for word, rest in found:
        if word == "COPY":
            for source in shlex.split(rest)[:-1]:
                assert (REPO / source).exists(), source


def test_the_entrypoint_runs_the_bot_with_settings_that_exist_and_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    env = dockerfile_env()
    for name in {key for key in env if not key.startswith(("PYTHON", "PIP_"))}:
        assert name in SETTINGS, f"the Dockerfile sets {name}, which is not a setting"
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = Settings(_env_file=None)
    assert (settings.notes_dir, settings.data_dir) == (Path("/notes"), Path("/data"))  # two paths, absolute
    found = instructions()
    assert ("VOLUME", '["/data"]') in found
    assert [rest for word, rest in found if word == "ENTRYPOINT"] == ['["notesbot"]']
    assert [rest for word, rest in found if word == "CMD"] == ['["run"]']
    # the health check asks the running bot: on METRICS_PORT in long polling, on the webhook's port otherwise
    (check,) = [rest for word, rest in found if word == "HEALTHCHECK"]
    assert check.endswith('CMD ["notesbot", "health"]') and "health" in COMMANDS
    assert health_url(settings) == "http://127.0.0.1:9090/healthz"
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    assert health_url(Settings(_env_file=None)) == "http://127.0.0.1:8443/healthz"


def test_compose_runs_the_bot_alone_by_default_and_postgresql_in_a_profile() -> None:
    services = compose()["services"]
    assert "profiles" not in services["bot"] and services["postgres"]["profiles"] == ["postgres"]
    assert services["bot"]["depends_on"]["postgres"]["required"] is False  # fine without the profile
    assert "healthcheck" in services["postgres"]
    assert set(compose()["volumes"]) == {"data", "pgdata"}


def test_compose_names_only_settings_that_exist_and_the_dockerfile_s_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    bot = compose()["services"]["bot"]
    environment = bot["environment"]
    assert set(environment) <= SETTINGS, set(environment) - SETTINGS
    for value in environment.values():
        for name in re.findall(r"\$\{(\w+)", str(value)):
            assert name in SETTINGS, f"compose.yaml reads {name}, which is not a setting"
    image_env = dockerfile_env()
    assert environment["NOTES_DIR"] == image_env["NOTES_DIR"] and environment["DATA_DIR"] == image_env["DATA_DIR"]
    assert f"./corpus:{image_env['NOTES_DIR']}:ro" in bot["volumes"]  # the notes read-only
    assert f"data:{image_env['DATA_DIR']}" in bot["volumes"]
    default = re.fullmatch(r"\$\{DATABASE_URL:-(.+)\}", environment["DATABASE_URL"]).group(1)
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    assert Settings(_env_file=None, database_url=default).store_target == "sqlite:////data/notesbot.sqlite3"
    postgres = compose()["services"]["postgres"]["environment"]
    documented = f"postgresql://{postgres['POSTGRES_USER']}:secret@postgres:5432/{postgres['POSTGRES_DB']}"
    assert documented.replace("secret", "${POSTGRES_PASSWORD}") in (REPO / "compose.yaml").read_text(encoding="utf-8")
    assert int(bot["stop_grace_period"].rstrip("s")) > Settings(_env_file=None).send_retry_seconds
