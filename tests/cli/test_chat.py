"""The terminal chat: the same replies as Telegram, in plain text, from scripted input."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.cli import chat, run
from bot.cli.chat import TERMINAL_USER_ID, TerminalStudy
from bot.library import Library
from bot.quiz import QuizItem, QuizSource
from bot.store import Store


def talk(library: Library, *lines: str) -> str:
    out = io.StringIO()
    assert chat.converse(library, list(lines), out) == 0
    return out.getvalue()


def test_a_question_a_related_passage_by_number_and_the_toc(git_library: Library) -> None:
    from bot.search.answer import Answer, answer_question

    question = "git commit 的提交说明用什么参数"
    answer = answer_question(git_library.index, question)
    assert isinstance(answer, Answer) and answer.related
    output = talk(git_library, question, "2", "/toc", "/quit", "不会被读到")
    assert output.startswith(texts.CHAT_INTRO)
    assert f"❓ {question}\n📖 {texts.section_label(answer.best.passage.section)}\n" in output
    assert texts.source_line("git.md", answer.best.passage.line) in output
    assert "<b>" not in output and "&lt;" not in output  # plain text, not HTML
    assert texts.FEEDBACK_GOOD not in output  # no feedback buttons in the terminal
    answers = output.split(f"❓ {question}")
    assert len(answers) == 3  # the answer, then the related passage picked by its number
    assert answer.related[0].passage.text.split("\n")[0] in answers[2].split(texts.TOC_TITLE)[0]
    assert f"2 远程仓库{texts.TOC_UNWRITTEN_MARK}" in output
    assert "不会被读到" not in output


def test_the_terminal_shows_note_text_as_written(git_library: Library) -> None:
    output = talk(git_library, "怎么切换分支")
    assert "分支是指向某个提交的可移动指针" in output and "git branch <名字>" in output


def test_refusal_commands_and_bad_input(git_library: Library) -> None:
    output = talk(git_library, "今天天气怎么样", "/ask", "/ask 什么是暂存区", "/nope", "git commit 的提交说明用什么参数", "9", "/start", "/help")
    assert texts.NOT_FOUND in output
    assert texts.ASK_USAGE in output
    assert "❓ 什么是暂存区" in output
    assert texts.CHAT_UNKNOWN_COMMAND in output
    assert texts.CHAT_BAD_NUMBER in output  # the answer shows fewer than nine passages
    assert "git.md" in output and "/toc" in output


def test_quiz_and_me_in_chat_keep_answers_in_the_store(git_library: Library, tmp_path: Path) -> None:
    # the Git notes are too small for quiz items: a hand-made one stands in for the library's
    item = QuizItem("i1", "cloze", "Git 是____版本控制系统", ("分布式", "集中式"), 0, "见 1 Git 基础",
                    QuizSource("git.md", 3, ("1 Git 基础",)))
    with Store.open(tmp_path) as store:
        out = io.StringIO()
        study = TerminalStudy((item,), store, "UTC")
        lines = ["/quiz", "1", "什么是暂存区", "/me", "/quit"]
        assert chat.converse(git_library, lines, out, study=study) == 0
        assert store.user_stats(TERMINAL_USER_ID).correct == 1  # the answer was scored in the store
    output = out.getvalue()
    assert item.question in output and texts.QUIZ_RIGHT in output
    after = output.split("🏁 测验结束：答对 1/1 题")[1]
    assert texts.source_line("git.md", 7) in after  # then the chat carried on
    assert "答题：1 道" in after  # /me counts it


def test_quiz_without_a_store_says_so(git_library: Library) -> None:
    assert texts.CHAT_QUIZ_MISSING in talk(git_library, "/quiz", "/me")


def test_run_without_a_token_opens_the_terminal_chat(
    git_notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "")
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("什么是暂存区\n"))
    assert run.main(argparse.Namespace(notes=git_notes)) == 0
    captured = capsys.readouterr()
    assert texts.CHAT_NO_TOKEN in captured.err
    assert "❓ 什么是暂存区\n📖 1 Git 基础 › 1.1 暂存区与提交" in captured.out


def test_chat_with_a_missing_notes_folder_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert chat.main(argparse.Namespace(notes=tmp_path / "nowhere")) == 2
    assert capsys.readouterr().err.strip()


def test_an_interactive_terminal_gets_a_prompt_and_bold_highlights(git_library: Library) -> None:
    out = io.StringIO()
    chat.converse(git_library, ["什么是暂存区"], out, prompt=True)
    output = out.getvalue()
    assert "> " in output
    assert "\x1b[1m暂存区\x1b[0m" in output
