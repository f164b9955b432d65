"""The terminal chat is the same bot: a quiz session with its summary and go-again choice, the notes'
flashcards, the terminal's help, Telegram-only commands saying so, line editing, Ctrl-D. Scripted stdin."""

from __future__ import annotations

import argparse
import builtins
import io
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.cli import chat
from bot.cli.chat import TERMINAL_USER_ID, TerminalStudy, TypedLines
from bot.replies import commands_for
from bot.store import Store
from bot.study.flow import choose_items, learner_key
from tests.telegram.harness import default_library

CARD_NOTES = """# 网络

## TCP

三次握手的目的是什么::确认双方都能收发数据

## HTTP

HTTP 默认端口::80
"""


def test_a_terminal_session_sums_up_and_goes_again_by_its_number(tmp_path: Path) -> None:
    library = default_library()
    with Store.open(tmp_path) as store:
        study = TerminalStudy(library.quiz_items, store, "UTC", notes=library.notes_key)
        first, second = choose_items(library.quiz_items, store, learner_key(TERMINAL_USER_ID),
                                     study.clock(), 2)
        wrong = str((second.correct + 1) % len(second.options) + 1)
        out = io.StringIO()
        lines = ["/quiz 2", str(first.correct + 1), wrong, "1", "/stop", "/stop"]
        assert chat.converse(library, lines, out, study=study) == 0
        output = out.getvalue()
        summary = output.split("🏁 测验结束：答对 1/2 题，用时 ")[1].splitlines()
        assert summary[1:3] == [texts.SESSION_TOPICS, "• " + texts.section_label(second.source.section)]
        assert f"  [1] {texts.SESSION_AGAIN_BUTTON}" in summary
        # "1" picked the go-again choice: a new session of two, stopped at once with /stop
        assert "🏁 测验结束（提前结束，共 2 题）：答对 0/0 题" in output
        assert output.count(texts.SESSION_NONE) == 1  # then no session runs
        assert output.rstrip().endswith(texts.CHAT_GOODBYE)
        assert store.user_stats(TERMINAL_USER_ID).answered == 2


def test_chat_reviews_flashcards_shows_its_help_and_names_telegram_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "网络.md").write_text(CARD_NOTES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    script = "/review\n\n3\n\n1\n/review\n/help\n/daily 08:00\n/top\n/timezone 北京\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(script))
    assert chat.main(argparse.Namespace(notes=notes)) == 0
    output = capsys.readouterr().out
    assert texts.CARD_BACK.format(back="确认双方都能收发数据") in output
    assert texts.cards_summary(1, 0, 1, 0) in output  # 记得 for one, 忘了 for the other
    assert output.count(texts.CARDS_NONE_DUE) == 1  # the second /review: nothing is due yet
    with Store.open(tmp_path / "data") as store:
        assert len(store.get_cards(learner_key(TERMINAL_USER_ID))) == 2
    help_part = output.split(texts.HELP_TITLE)[1]
    for name in commands_for("terminal", False):
        assert f"• /{name}" in help_part
    for name in ("top", "daily", "timezone"):
        assert f"• /{name}" not in help_part.split(texts.HELP_QUIT)[0]
    for command in ("/daily", "/top", "/timezone"):
        assert texts.TELEGRAM_ONLY.format(command=command) in output
    assert texts.CHAT_UNKNOWN_COMMAND not in output
    assert output.rstrip().endswith(texts.CHAT_GOODBYE)


def test_ctrl_d_at_the_prompt_ends_with_a_newline_and_a_goodbye(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    typed = iter(["/help"])
    prompts: list[str] = []

    def fake_input(prompt: str = "") -> str:
        prompts.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr(builtins, "input", fake_input)
    out = io.StringIO()
    lines = TypedLines(tmp_path / "history")
    assert chat.converse(default_library(), lines, out, prompt=True) == 0
    assert prompts == ["> ", "> "]  # the prompt is readline's, so editing and history redraw it
    assert out.getvalue().endswith("\n\n" + texts.CHAT_GOODBYE + "\n")
