"""The renderer and the reply model: escaping, highlighting, limits, callback data, table of contents."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from bot import replies, texts
from bot.notes.corpus import parse_notes
from bot.replies import render
from bot.replies.render import (
    Button,
    Reply,
    Span,
    highlight,
    to_html,
    to_markup,
    to_plain,
)
from tests.support.telegram_html import parse_html, utf16_len

NOTES = Path(__file__).resolve().parents[2] / "corpus"  # the default notes
SAMPLE = """# 1 第一章

Docker 用 **Go 语言** 开发，`<img>` 与 a & b < c > d。

- 列表项：x < y

```
if a < b && c > d { }
```

# 2 第二章

## 2.1 小节
"""


@pytest.fixture(scope="module")
def corpus():
    return parse_notes({"a.md": SAMPLE})


def test_highlight_marks_every_occurrence_longest_first_and_ignores_ascii_case() -> None:
    spans = highlight("Docker 和 docker 容器，容器技术", ["docker", "容器", "容器技术"])
    assert [(s.text, s.style) for s in spans] == [
        ("Docker", "b"),
        (" 和 ", ""),
        ("docker", "b"),
        (" ", ""),
        ("容器", "b"),
        ("，", ""),
        ("容器技术", "b"),
    ]
    assert highlight("没有匹配", ["x", ""]) == (Span("没有匹配"),)


notes_text = st.text(alphabet=st.sampled_from(list("<>&\"'ab 容器技术;#/\n")), max_size=60)


@settings(max_examples=200, deadline=None)
@given(text=notes_text, terms=st.lists(notes_text, max_size=3), question=notes_text)
def test_any_text_renders_to_html_telegram_accepts_with_the_same_words(text: str, terms: list[str], question: str) -> None:
    reply = Reply(((Span("❓ "), Span(question, "i")), highlight(text, terms), (Span(text, "pre"),), (Span(text, "code"),)))
    plain, entities = parse_html(to_html(reply))
    assert plain == to_plain(reply)
    assert all(e["length"] > 0 for e in entities)


def test_long_reply_is_cut_to_the_message_limit_and_stays_valid() -> None:
    reply = Reply(((Span("标题", "b"),), (Span("<&>" * 3000),), (Span("出处", "i"),)))
    rendered = to_html(reply)
    plain, _ = parse_html(rendered)
    assert utf16_len(plain) <= MessageLimit.MAX_TEXT_LENGTH
    assert len(rendered) <= MessageLimit.MAX_TEXT_LENGTH
    assert plain.startswith("标题\n<&>") and plain.endswith("…\n出处")


def test_the_limits_render_keeps_are_telegrams() -> None:
    assert (render.MIN_CALLBACK_DATA, render.MAX_CALLBACK_DATA) == (
        InlineKeyboardButtonLimit.MIN_CALLBACK_DATA, InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)
    assert render.MAX_TEXT_LENGTH == MessageLimit.MAX_TEXT_LENGTH


def test_callback_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError):
        Button("x", "p" * (InlineKeyboardButtonLimit.MAX_CALLBACK_DATA + 1))


def test_passage_reply_shows_question_section_highlight_and_source(corpus) -> None:
    passage = next(p for p in corpus.passages if "Go 语言" in p.text)
    reply = replies.passage_reply(corpus, passage.id, question="Docker 用什么语言", matched=("Go 语言",))
    html = to_html(reply)
    plain, entities = parse_html(html)
    assert plain.splitlines()[0] == "❓ Docker 用什么语言"
    assert "<b>1 第一章</b>" in html
    assert "<b>Go 语言</b>" in html and "&lt;img&gt; 与 a &amp; b &lt; c &gt; d" in html
    assert texts.source_line("a.md", passage.line) in plain
    assert replies.question_from_text(plain) == "Docker 用什么语言"


def test_code_passages_are_preformatted(corpus) -> None:
    code = next(p for p in corpus.passages if p.kind == "code")
    html = to_html(replies.passage_reply(corpus, code.id))
    assert "<pre>if a &lt; b &amp;&amp; c &gt; d { }</pre>" in html


def test_keyboard_lists_shown_passages_and_feedback_and_every_button_round_trips(corpus) -> None:
    shown = tuple(p.id for p in corpus.passages)
    reply = replies.passage_reply(corpus, shown[1], shown)
    markup = to_markup(reply)
    assert markup is not None
    data = [button.callback_data for row in markup.inline_keyboard for button in row]
    assert all(len(d.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA for d in data)
    taps = [replies.parse_tap(d) for d in data]
    passages = [t for t in taps if t and t.kind == "passage"]
    assert [t.passage for t in passages] == list(shown)
    assert all(t.shown == shown for t in passages)
    feedback = [t for t in taps if t and t.kind == "feedback"]
    assert [(t.passage, t.helpful) for t in feedback] == [(shown[1], True), (shown[1], False)]
    labels = [button.text for button in markup.inline_keyboard[0]]
    assert labels[1].startswith("▶") and labels[0].startswith("1.")
    assert len(markup.inline_keyboard) == 2  # an answer carries at most two rows of buttons


def test_the_terminal_lists_related_passages_by_longer_labels_than_a_keyboard_row_fits() -> None:
    notes = "# 章\n\n" + "\n\n".join(f"第{n}段讲的是一个足够长、长到按钮一行放不下的话题，编号{n}。" for n in range(4))
    corpus = parse_notes({"a.md": notes})
    shown = tuple(p.id for p in corpus.passages)
    reply = replies.passage_reply(corpus, shown[0], shown)
    row = [button.text for button in to_markup(reply).inline_keyboard[0]]
    listed = [line for line in to_plain(reply).splitlines() if line.startswith("  [")][: len(shown)]
    assert len(row) == len(listed) == len(shown)
    for short, line in zip(row, listed):
        assert short.endswith("…") and short[:-1] in line and len(line) > len(short) + 8


def test_many_large_ids_still_fit_callback_data() -> None:
    # A big corpus: passage ids of six digits; the list of shown passages is trimmed to fit.
    many = "\n\n".join(f"段落 {n}" for n in range(3000))
    big = parse_notes({"big.md": "# 章\n\n" + many})
    shown = (2999, 2998, 2997, 2996)
    reply = replies.passage_reply(big, 2999, shown)
    for row in reply.buttons:
        for button in row:
            assert len(button.data.encode()) <= 64


def test_parse_tap_refuses_foreign_or_broken_data() -> None:
    for data in ("", "x:1", "p:abc", "p:abc:x:1", "f:abc:1:2", "s:abc", "qz:abc:1"):
        assert replies.parse_tap(data) is None


def test_toc_marks_unwritten_chapters_and_subsections(corpus) -> None:
    plain = to_plain(replies.toc_reply(corpus))
    lines = plain.splitlines()
    assert lines[0] == texts.TOC_TITLE
    assert "1 第一章" in lines
    assert f"2 第二章{texts.TOC_UNWRITTEN_MARK}" in lines
    assert f"    2.1 小节{texts.TOC_UNWRITTEN_MARK}" in lines


def test_toc_of_the_default_notes_fits_one_message() -> None:
    files = {p.name: p.read_text(encoding="utf-8") for p in NOTES.glob("*.md")}
    assert files, f"the project's default notes are missing from {NOTES}"
    reply = replies.toc_reply(parse_notes(files))
    plain, _ = parse_html(to_html(reply))
    assert texts.unwritten_chapter("2 核心概念与安装配置") == "第2章「核心概念与安装配置」还没有写"
    assert f"2 核心概念与安装配置{texts.TOC_UNWRITTEN_MARK}" in plain
    assert f"1 初始Docker与容器{texts.TOC_UNWRITTEN_MARK}" not in plain


def test_every_passage_and_the_toc_of_a_big_book_render_valid_html() -> None:
    book = NOTES.parents[1] / "shared" / "corpora" / "docker_practice"
    if not book.is_dir():
        pytest.skip(f"{book} is absent")
    files = {str(p.relative_to(book)): p.read_text(encoding="utf-8") for p in sorted(book.rglob("*.md"))}
    corpus = parse_notes(files)
    plain, _ = parse_html(to_html(replies.toc_reply(corpus)))
    assert plain.splitlines()[0] == texts.TOC_TITLE
    assert utf16_len(plain) <= MessageLimit.MAX_TEXT_LENGTH
    for passage in corpus.passages:
        reply = replies.passage_reply(corpus, passage.id, question="docker <run> & build")
        rendered, _ = parse_html(to_html(reply))
        assert utf16_len(rendered) <= MessageLimit.MAX_TEXT_LENGTH


def test_inline_titles_are_the_heading_then_the_first_words_and_never_the_same() -> None:
    notes = parse_notes({"n.md": "# 章\n\n## 分支\n\n分支是指针。\n\n分支是指针。\n\n合并分支用 git merge。\n"})
    titles = replies.inline_titles(notes.passages)
    assert titles[0] == texts.INLINE_TITLE.format(heading="分支", words="分支是指针。")
    assert len(set(titles)) == len(titles) == len(notes.passages)
