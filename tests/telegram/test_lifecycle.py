"""Running the bot: `notesbot run` and SIGTERM, a restart with the same database, logs without the token,
webhook mode, /reload with edited notes, and every way a start or a run ends: a corrupt, locked or
read-only database (exit 3), missing notes (exit 2), a rejected token (exit 2), an unreachable Bot
API (exit 1), each with one clear line and never the token."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import aiohttp
import pytest

from bot import texts
from bot.cli import run
from bot.cli.health import main as health_main
from bot.cli.run import configure_logging, webhook_options
from bot.library import Library, load_library
from bot.store import Store
from bot.telegram.app import build_application
from bot.telegram.daily import DAILY_JOB_NAME, LEASE_JOB_NAME
from bot.telegram.http import start_server
from tests.support.botapi import BotApiStandin
from tests.support.git_notes import write_git_notes
from tests.support.ports import free_port
from tests.telegram.conftest import ADMIN_ID, bot_settings, start_bot
from tests.telegram.harness import notesbot_env, notesbot_run, output


async def test_restart_with_the_same_database_loses_nothing_and_logs_never_show_the_token(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    root = logging.getLogger()
    level = root.level
    stream = io.StringIO()
    async with BotApiStandin() as api:
        settings = bot_settings(api, git_notes, tmp_path / "data", log_level="DEBUG")
        handler = configure_logging(settings, stream)
        try:
            alice = api.user("Alice")
            chat = api.private_chat(alice)
            async for running in start_bot(api, git_library, settings):
                _, sent = await running.say(chat, alice, "什么是暂存区")
                good = next(
                    b["callback_data"]
                    for row in sent.result["reply_markup"]["inline_keyboard"]
                    for b in row
                    if b["callback_data"].startswith("f:") and b["callback_data"].endswith(":1")
                )
                api.press(sent.result, good, alice)
                await api.wait_for("answerCallbackQuery")
                logging.getLogger("tests.lifecycle").warning("a careless line with %s in it", api.token)
            # The bot is down; a question arrives meanwhile.
            mark = api.mark()
            api.message(chat, alice, "怎么切换分支")
            async for running in start_bot(api, git_library, settings):
                answer = await api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id, since=mark)
                assert "切换分支用 git switch" in answer.text
                assert running.store.feedback_counts().helpful == 1
                assert running.store.get_chat(chat.id) is not None
            answered = [c for c in api.calls("sendMessage") if c.chat_id == chat.id]
            assert len(answered) == 2  # nothing lost, nothing answered twice
        finally:
            root.removeHandler(handler)
            root.setLevel(level)
    log = stream.getvalue()
    assert "bot @notes_study_bot ready" in log  # it did log, at DEBUG, through both runs
    assert api.token not in log
    assert "a careless line with <token> in it" in log
    assert "HTTP Request" not in log  # httpx's request lines (URLs with the token) are silenced


def test_the_token_is_scrubbed_from_a_whole_traceback_with_its_causes(git_notes: Path, tmp_path: Path, restore_logging: None) -> None:
    token = "123456:AAsecretTokenInACause"
    stream = io.StringIO()
    settings = bot_settings(BotApiStandin(token=token), git_notes, tmp_path)
    configure_logging(settings, stream)
    log = logging.getLogger("bot.test_redact")
    try:
        try:
            try:
                raise ConnectionError(f"GET https://api.telegram.org/bot{token}/getMe failed")
            except ConnectionError:
                raise KeyError("while handling it")  # the context: "During handling of ..."
        except KeyError as error:
            raise RuntimeError("network trouble") from error  # the cause: "The above exception was ..."
    except RuntimeError:
        log.exception("update %s failed", 7)
    log.warning("no secret here", stack_info=True)
    log.error("token %s in the arguments", token)
    out = stream.getvalue()
    assert token not in out
    assert "ConnectionError: GET https://api.telegram.org/bot<token>/getMe failed" in out
    assert "RuntimeError: network trouble" in out and "update 7 failed" in out
    assert "token <token> in the arguments" in out


async def test_webhook_mode_checks_the_secret_skips_what_it_cannot_parse_answers_and_reports_its_health(
    git_notes: Path, git_library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    port = free_port()
    async with BotApiStandin() as api:
        settings = bot_settings(
            api, git_notes, tmp_path / "data",
            webhook_url=f"http://127.0.0.1:{port}/telegram/hook",
            webhook_listen="127.0.0.1",
            webhook_port=port,
            webhook_secret_token="s3cret-token",
        )
        alice = api.user("Alice")
        chat = api.private_chat(alice)
        store = Store.open(settings.data_dir)
        app = build_application(settings, git_library, store)
        url, health = settings.webhook_url, f"http://127.0.0.1:{port}/healthz"
        try:
            async with app, aiohttp.ClientSession() as session:
                await app.start()
                server = start_server(app, "127.0.0.1", port, webhook=webhook_options(settings))
                api.deliver_to([url], "wrong")
                api.message(chat, alice, "什么是暂存区")  # forged: refused, never handled
                api.deliver_to([url], "s3cret-token")
                async with session.post(url, data="not json", headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token",
                                                                       "Content-Type": "application/json"}) as bad:
                    assert bad.status == 400
                mark = api.mark()
                api.unparseable_poll(chat, alice)  # skipped, never stalling what comes after it
                api.message(chat, alice, "什么是\ud800暂存区")  # a lone surrogate, as JSON can carry it
                api.message(chat, alice, "什么是暂存区")
                await api.wait_delivered()
                assert [status for _, _, status in api.deliveries] == [403, 200, 200, 200]
                replies = lambda: [rec.text for rec in api.requests[mark:] if rec.method == "sendMessage"]  # noqa: E731
                await api.wait_until(lambda: len(replies()) == 2)
                mended, sent = replies()  # one chat's updates are answered in order
                assert "暂存区" in mended and "\ufffd" in mended and "暂存区" in sent
                assert len(api.calls("sendMessage")) == 2  # the forged one got nothing
                async with session.get(health) as answer:
                    assert answer.status == 200 and (await answer.json())["ok"] is True
                store.close()  # the store can no longer be reached
                async with session.get(health) as answer:
                    assert answer.status == 503
                    assert (await answer.json())["problems"][0].startswith("store: ")
                for name, value in {"WEBHOOK_URL": url, "WEBHOOK_PORT": str(port), "WEBHOOK_LISTEN": "127.0.0.1"}.items():
                    monkeypatch.setenv(name, value)
                assert await asyncio.to_thread(health_main, argparse.Namespace(timeout=5)) == 1  # what HEALTHCHECK runs
                assert "unhealthy (503): store: " in capsys.readouterr().err
                async with session.get(f"http://127.0.0.1:{port}/metrics") as answer:
                    assert answer.status == 404  # metrics only where asked for
                await server.stop()
                await app.stop()
        finally:
            store.close()


async def test_health_is_503_while_the_notes_hold_no_passages(git_notes: Path, git_library: Library, tmp_path: Path) -> None:
    port = free_port()
    empty = replace(git_library, corpus=replace(git_library.corpus, passages=()))
    async with BotApiStandin() as api:
        with Store.open(tmp_path) as store:
            app = build_application(bot_settings(api, git_notes, tmp_path), empty, store)
            server = start_server(app, "127.0.0.1", port, metrics=True)
            try:
                async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    assert answer.status == 503
                    assert (await answer.json())["problems"] == ["notes: no passages loaded"]
            finally:
                await server.stop()


def test_webhook_options_need_a_url_with_a_path_and_a_secret(git_notes: Path, tmp_path: Path) -> None:
    api = BotApiStandin()
    with pytest.raises(ValueError):
        webhook_options(bot_settings(api, git_notes, tmp_path))
    for url in ("https://bot.example.org", "https://bot.example.org/", "https://bot.example.org//"):
        with pytest.raises(ValueError, match="path"):
            webhook_options(bot_settings(api, git_notes, tmp_path, webhook_url=url, webhook_secret_token="s3cret"))
    for secret in (None, ""):
        with pytest.raises(ValueError, match="WEBHOOK_SECRET_TOKEN"):
            webhook_options(bot_settings(api, git_notes, tmp_path, webhook_url="https://bot.example.org/hook",
                                         webhook_secret_token=secret))
    options = webhook_options(bot_settings(api, git_notes, tmp_path, webhook_url="https://bot.example.org/a/hook/",
                                           webhook_secret_token="s3cret"))
    assert (options["url_path"], options["secret_token"]) == ("a/hook", "s3cret")


def test_webhook_mode_without_a_secret_refuses_to_start(
    git_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token-value")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    monkeypatch.delenv("WEBHOOK_SECRET_TOKEN", raising=False)
    assert run.main(argparse.Namespace(notes=git_notes)) == 2
    err = capsys.readouterr().err
    assert "ERROR" in err and "WEBHOOK_SECRET_TOKEN" in err
    assert not (tmp_path / "data").exists()  # refused before anything was opened


def problems(log: str) -> list[str]:
    """The lines of a log that report a problem (ERROR or CRITICAL), tracebacks' lines included."""
    lines = log.splitlines()
    return [line for line in lines
            if " ERROR " in line or " CRITICAL " in line or line.startswith(("Traceback", "  File"))]


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def test_a_corrupt_database_stops_the_bot_with_a_clear_line_and_keeps_the_file(
    git_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "notesbot.sqlite3"
    database.write_bytes(b"this is not a database " * 100)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token-value")
    monkeypatch.setenv("DATA_DIR", str(data))
    assert run.main(argparse.Namespace(notes=git_notes)) == 3
    err = capsys.readouterr().err
    assert "store:" in err and str(database) in err
    assert "secret-token-value" not in err
    assert database.read_bytes().startswith(b"this is not a database")  # nothing thrown away


def test_missing_notes_stop_the_bot_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token-value")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    assert run.main(argparse.Namespace(notes=tmp_path / "no-notes")) == 2
    assert "no-notes" in capsys.readouterr().err


async def test_reload_picks_up_edited_notes_and_old_buttons_say_so(tmp_path: Path) -> None:
    notes = write_git_notes(tmp_path / "notes")
    async with BotApiStandin() as api:
        settings = bot_settings(api, notes, tmp_path / "data")
        alice = api.user("Alice")
        admin = api.user("Admin", user_id=ADMIN_ID)
        chat = api.private_chat(alice)
        first = load_library(notes)
        async for running in start_bot(api, first, settings):
            # quiz items are built at start-up in a worker thread, not by the first /quiz on the event loop
            assert "quiz_items" in vars(first)
            _, sent = await running.say(chat, alice, "git commit 的提交说明用什么参数")
            data = [b["callback_data"] for row in sent.result["reply_markup"]["inline_keyboard"] for b in row]
            current = next(d for d in data if d.startswith("p:"))  # the ▶ button: the passage already shown
            api.press(sent.result, current, alice)
            await api.wait_for("answerCallbackQuery")  # answered, no error for "message is not modified"
            # The notes change: a new chapter is written.
            (notes / "remote.md").write_text("# 2 远程仓库\n\n用 `git remote add origin <地址>` 添加远程仓库。\n", encoding="utf-8")
            _, done = await running.say(api.private_chat(admin), admin, "/reload")
            assert done.text.startswith(texts.RELOAD_DONE.split("{")[0])
            reloaded = running.app.bot_data["library"]
            assert reloaded is not first and "quiz_items" in vars(reloaded)  # built before the swap
            _, fresh = await running.say(chat, alice, "怎么添加远程仓库")
            assert "git remote add origin <地址>" in fresh.text
            assert texts.source_line("remote.md", 3) in fresh.text
            api.press(sent.result, data[1], alice)  # a button under the answer from before the reload
            stale = await api.wait_for("answerCallbackQuery")
            assert stale.params.get("text") == texts.STALE_BUTTON and stale.params.get("show_alert") is True


async def test_reload_names_files_that_are_not_text_and_keeps_the_notes_when_none_are_left(tmp_path: Path) -> None:
    notes = write_git_notes(tmp_path / "notes")
    async with BotApiStandin() as api:
        admin = api.user("Admin", user_id=ADMIN_ID)
        chat = api.private_chat(admin)
        async for running in start_bot(api, load_library(notes), bot_settings(api, notes, tmp_path / "data")):
            (notes / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
            (notes / "gbk.md").write_bytes("# 远程仓库\n\n用 git remote 添加。".encode("gbk"))
            _, done = await running.say(chat, admin, "/reload")
            assert done.text.startswith(texts.RELOAD_DONE.split("{")[0])
            assert texts.reload_not_text(["gbk.md", "image.md"]) in done.text
            _, answer = await running.say(chat, admin, "什么是暂存区")
            assert "保存下一次提交要包含的修改" in answer.text  # the text notes are in use

            (notes / "git.md").unlink()  # nothing but files that are not text is left
            _, refused = await running.say(chat, admin, "/reload")
            assert refused.text.startswith(texts.RELOAD_FAILED.split("{")[0]) and "gbk.md" in refused.text
            (notes / "git.md").write_text("# 1 Git 基础\n\n## 1.1 暂存区与提交\n", encoding="utf-8")  # headings only
            _, refused = await running.say(chat, admin, "/reload")
            assert texts.RELOAD_NO_PASSAGES in refused.text
            _, answer = await running.say(chat, admin, "什么是暂存区")
            assert "保存下一次提交要包含的修改" in answer.text  # the old notes were kept both times


async def test_notesbot_run_polls_answers_and_stops_cleanly_on_sigterm(git_notes: Path, tmp_path: Path) -> None:
    async with BotApiStandin() as api, notesbot_run(
        notesbot_env(api, git_notes, tmp_path / "data", LOG_LEVEL="DEBUG"), tmp_path
    ) as process:
        await api.wait_for("setMyCommands", timeout=30)
        alice = api.user("Alice")
        chat = api.private_chat(alice)
        api.message(chat, alice, "什么是暂存区")
        sent = await api.wait_for("sendMessage", lambda rec: rec.chat_id == chat.id, timeout=10)
        assert "暂存区" in sent.text
        process.send_signal(signal.SIGTERM)
        log = await output(process)
    assert process.returncode == 0, log
    assert api.token not in log
    assert "bot @notes_study_bot ready" in log
    assert (tmp_path / "data" / "notesbot.sqlite3").is_file()


async def test_notesbot_run_stops_with_exit_3_when_the_database_locks_up(git_notes: Path, tmp_path: Path) -> None:
    async with BotApiStandin() as api, notesbot_run(
        notesbot_env(api, git_notes, tmp_path / "data", STORE_BUSY_TIMEOUT_SECONDS="1"), tmp_path
    ) as process:
        await api.wait_for("setMyCommands", timeout=30)
        # Another process takes the database and does not let go.
        blocker = sqlite3.connect(tmp_path / "data" / "notesbot.sqlite3", isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")
        try:
            alice = api.user("Alice")
            api.message(api.private_chat(alice), alice, "什么是暂存区")
            log = await output(process)
        finally:
            blocker.rollback()
            blocker.close()
    assert process.returncode == 3, log
    assert "CRITICAL" in log and "stopping the bot" in log and "notesbot.sqlite3" in log
    assert problems(log) == [line for line in log.splitlines() if "stopping the bot" in line]  # one clear line


async def test_a_rejected_token_ends_with_exit_2_and_one_line_never_the_token(git_notes: Path, tmp_path: Path) -> None:
    async with BotApiStandin() as api:
        env = notesbot_env(api, git_notes, tmp_path / "data", LOG_LEVEL="DEBUG")
        env["TELEGRAM_BOT_TOKEN"] = "987654321:AAthisTokenWasRevokedByBotFather_xyz"  # the stand-in answers 401
        async with notesbot_run(env, tmp_path) as process:
            log = await output(process)
    assert process.returncode == 2, log
    assert "987654321:AAthisTokenWasRevokedByBotFather_xyz" not in log and "AAthisToken" not in log
    assert problems(log) == [line for line in log.splitlines() if "TELEGRAM_BOT_TOKEN" in line]  # no traceback
    assert len(problems(log)) == 1 and "rejected" in problems(log)[0]


async def test_a_bot_api_unreachable_at_start_ends_with_exit_1_and_one_line(git_notes: Path, tmp_path: Path) -> None:
    env = notesbot_env(BotApiStandin(), git_notes, tmp_path / "data", SEND_RETRY_SECONDS="1")
    env["TELEGRAM_BASE_URL"] = f"http://127.0.0.1:{free_port()}/bot"  # nobody listens there
    async with notesbot_run(env, tmp_path) as process:
        log = await output(process)
    assert process.returncode == 1, log
    assert len(problems(log)) == 1 and "cannot reach the Bot API" in problems(log)[0]


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file read-only for this user, root included (root ignores permission bits: the
    immutable attribute then), and writable again afterwards."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode:
        pytest.skip("this file system cannot make a file read-only for root (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


async def test_a_read_only_database_stops_every_start_with_exit_3_and_one_line(git_notes: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data).close()
    database = data / "notesbot.sqlite3"
    async with BotApiStandin() as api:
        with read_only(database):
            logs = []
            for _start in range(2):  # a restart is refused the same way, not let in to fail later
                async with notesbot_run(notesbot_env(api, git_notes, data), tmp_path) as process:
                    logs.append(await output(process))
                assert process.returncode == 3, logs[-1]
    for log in logs:
        assert problems(log) == [line for line in log.splitlines() if "store:" in line]
        assert "read-only" in log and str(database) in log
    assert not api.calls("getUpdates")  # refused before the bot came up


async def test_a_read_only_shm_file_stops_the_start_with_exit_3_not_sigbus(git_notes: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    Store.open(data).close()
    shm = data / "notesbot.sqlite3-shm"
    shm.write_bytes(b"")  # left behind by another user's process
    async with BotApiStandin() as api:
        with read_only(shm):
            async with notesbot_run(notesbot_env(api, git_notes, data), tmp_path) as process:
                log = await output(process)
    assert process.returncode == 3, log  # not -7 (SIGBUS), nor a bot that fails at its first write
    assert problems(log) == [line for line in log.splitlines() if "store:" in line] and str(shm) in log


async def test_an_idle_bot_logs_nothing_at_info_however_often_its_jobs_run(
    git_notes: Path, git_library: Library, tmp_path: Path, restore_logging: None
) -> None:
    from apscheduler.events import EVENT_JOB_EXECUTED

    stream = io.StringIO()
    async with BotApiStandin() as api:
        settings = bot_settings(api, git_notes, tmp_path, log_level="INFO")
        configure_logging(settings, stream)
        async for running in start_bot(api, git_library, settings):
            scheduler = running.app.job_queue.scheduler
            runs: list[str] = []
            scheduler.add_listener(lambda event: runs.append(event.job_id), EVENT_JOB_EXECUTED)
            idle_from = len(stream.getvalue())  # what start-up said is not idling
            repeating = [job for job in running.app.job_queue.jobs() if job.name in (DAILY_JOB_NAME, LEASE_JOB_NAME)]
            assert len(repeating) == 2
            for job in repeating:  # the daily check and the leases' heartbeat, every 50 ms
                job.job.reschedule(trigger="interval", seconds=0.05)
            ids = {job.job.id for job in repeating}
            await api.wait_until(lambda: len([r for r in runs if r in ids]) >= 20 and ids <= set(runs), timeout=20)
            idle = stream.getvalue()[idle_from:]  # before the stop, which says so
    assert [line for line in idle.splitlines() if " INFO " in line] == []  # as many minutes as runs, not a line


async def test_the_first_daily_check_runs_when_start_up_ends_after_it_was_due(
    git_notes: Path, git_library: Library, tmp_path: Path
) -> None:
    import time

    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED

    from bot.telegram.daily import FIRST_CHECK_JOB_NAME, FIRST_CHECK_SECONDS
    from tests.support.botapi import polling

    async with BotApiStandin() as api:
        settings = bot_settings(api, git_notes, tmp_path)
        with Store.open(settings.data_dir) as store:
            app = build_application(settings, git_library, store)
            (first,) = app.job_queue.get_jobs_by_name(FIRST_CHECK_JOB_NAME)
            first_id = first.job.id
            runs: list[str] = []
            app.job_queue.scheduler.add_listener(lambda event: runs.append(event.job_id), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
            time.sleep(FIRST_CHECK_SECONDS + 1)  # a start-up building the quiz of large notes, past the first check
            async with polling(app, timeout=1.0):
                await api.wait_until(lambda: first_id in runs, timeout=10)  # run late, not skipped for a minute
