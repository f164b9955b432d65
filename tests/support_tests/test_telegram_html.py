"""The HTML check rejects what Telegram's parser rejects and reads entities in UTF-16 units."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.telegram_html import HtmlParseError, parse_html, utf16_len


@given(st.text())
def test_escaped_text_always_parses_back_to_itself(text: str) -> None:
    assert parse_html(html.escape(text)) == (text, [])
    assert parse_html(html.escape(text, quote=False))[0] == text


@given(st.text(min_size=1), st.text())
def test_bold_entity_covers_the_inner_text(inner: str, before: str) -> None:
    plain, entities = parse_html(f"{html.escape(before)}<b>{html.escape(inner)}</b>")
    assert plain == before + inner
    assert entities == [{"type": "bold", "offset": utf16_len(before), "length": utf16_len(inner)}]


def test_supported_tags_become_entities() -> None:
    text = ('<b>a</b><strong>b</strong><i>c</i><u>d</u><s>e</s><span class="tg-spoiler">f</span>'
            '<a href="https://docs.docker.com">g</a><code>h</code><pre><code class="language-bash">i</code></pre>'
            "<blockquote expandable>j</blockquote>")
    plain, entities = parse_html(text)
    assert plain == "abcdefghij"
    assert [entity["type"] for entity in entities] == [
        "bold", "bold", "italic", "underline", "strikethrough", "spoiler", "text_link", "code", "pre",
        "expandable_blockquote",
    ]
    assert entities[8]["language"] == "bash"


@pytest.mark.parametrize(
    "text",
    ["1 < 2", "a & b", "&nbsp;", "<b>x", "</b>", "<b><i>x</b></i>", "<div>x</div>", "<a>x</a>",
     '<span class="x">y</span>', "<code><b>x</b></code>", "&#0;"],
)
def test_rejects_what_telegram_rejects(text: str) -> None:
    with pytest.raises(HtmlParseError, match="can't parse entities"):
        parse_html(text)


def test_accepts_a_bare_greater_than_and_quotes() -> None:
    assert parse_html('a > b "c"') == ('a > b "c"', [])
