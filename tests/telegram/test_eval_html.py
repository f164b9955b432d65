"""Every reply to every question of the shared dev set renders to HTML the Bot API accepts.

The questions are read from `../shared/eval/dev_seed.jsonl` at test time (never copied into the
project); the test is skipped when that file is absent, and fails when the default notes (part of
the project) are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot import replies
from bot.library import Library, load_library
from bot.replies.render import to_html, to_markup
from bot.telegram.inline import INLINE_RESULTS
from tests.support.telegram_html import parse_html, utf16_len

ROOT = Path(__file__).resolve().parents[2]
DEV_SET = ROOT.parent / "shared" / "eval" / "dev_seed.jsonl"
NOTES = ROOT / "corpus"


@pytest.fixture(scope="module")
def questions() -> list[str]:
    if not DEV_SET.is_file():
        pytest.skip(f"{DEV_SET} is absent")
    return [json.loads(line)["question"] for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def default_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    assert any(NOTES.glob("*.md")), f"the project's default notes are missing from {NOTES}"
    return load_library(NOTES, tmp_path_factory.mktemp("cache"))


def check(html: str) -> str:
    plain, _ = parse_html(html)  # raises on an unescaped "<" or "&", unknown or crossed tags
    assert utf16_len(plain) <= MessageLimit.MAX_TEXT_LENGTH
    return plain


def test_every_answer_and_its_buttons_are_valid(questions: list[str], default_library: Library) -> None:
    assert questions
    corpus = default_library.corpus
    shown = 0
    for question in questions:
        reply = replies.question_reply(default_library, question)
        plain = check(to_html(reply))
        assert question.strip() in plain
        markup = to_markup(reply)
        data = [b.callback_data for row in (markup.inline_keyboard if markup else ()) for b in row]
        assert all(1 <= len(d.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA for d in data)
        # Every button's passage or section renders too, as the tap would show it.
        for item in data:
            tap = replies.parse_tap(item)
            if tap is not None and tap.kind in ("passage", "section"):
                tapped = replies.tap_reply(default_library, tap, question)
                assert tapped is not None
                check(to_html(tapped))
                shown += 1
        # And what inline mode would post for the same words.
        for hit in replies.inline_hits(default_library, question, INLINE_RESULTS):
            check(to_html(replies.passage_reply(corpus, hit.passage.id, question=question, matched=hit.matched)))
    assert shown > 0


def test_every_passage_of_the_default_notes_renders(default_library: Library) -> None:
    corpus = default_library.corpus
    for passage in corpus.passages:
        check(to_html(replies.passage_reply(corpus, passage.id, question="<&>")))
