"""Replies as data (styled spans and buttons) rendered to Telegram HTML, to plain text, or to a keyboard.

The bot decides *what* to say in `bot.replies`; this module only decides how it looks.
Every piece of text is escaped with `html.escape`: only the fixed tags written here reach Telegram.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only `to_markup` needs python-telegram-bot: the terminal chat renders without it
    from telegram import InlineKeyboardMarkup

__all__ = [
    "Button",
    "Reply",
    "Span",
    "highlight",
    "to_html",
    "to_markup",
    "to_plain",
]

# Styles a span may have, and the HTML tags that show them.
_TAGS: dict[str, tuple[str, str]] = {
    "": ("", ""),
    "b": ("<b>", "</b>"),
    "i": ("<i>", "</i>"),
    "code": ("<code>", "</code>"),
    "pre": ("<pre>", "</pre>"),
}
_ELLIPSIS = "…"
# Telegram's limits (telegram.constants InlineKeyboardButtonLimit and MessageLimit; a test compares).
MIN_CALLBACK_DATA, MAX_CALLBACK_DATA = 1, 64  # bytes
MAX_TEXT_LENGTH = 4096  # UTF-16 code units after entity parsing


@dataclass(frozen=True)
class Span:
    """A run of text in one style: "" (plain), "b", "i", "code" or "pre"."""

    text: str
    style: str = ""

    def __post_init__(self) -> None:
        if self.style not in _TAGS:
            raise ValueError(f"unknown style {self.style!r}")


@dataclass(frozen=True)
class Button:
    """An inline keyboard button: a label and the callback data it sends back, or a link it opens
    (``url``; then no data). ``listed`` is the label where buttons are listed one a line (the
    terminal), when the keyboard's row left the label too short to tell."""

    label: str
    data: str = ""
    url: str = ""
    listed: str = ""

    def __post_init__(self) -> None:
        if self.url:
            if self.data:
                raise ValueError("a button opens a link or sends data, not both")
            return
        size = len(self.data.encode("utf-8"))
        if not MIN_CALLBACK_DATA <= size <= MAX_CALLBACK_DATA:
            raise ValueError(f"callback data of {size} bytes: {self.data!r}")


@dataclass(frozen=True)
class Reply:
    """One message: lines of spans (a blank line is an empty tuple) and rows of buttons."""

    lines: tuple[tuple[Span, ...], ...]
    buttons: tuple[tuple[Button, ...], ...] = ()

    @staticmethod
    def text(*lines: str) -> Reply:
        """A reply of plain lines and no buttons."""
        return Reply(tuple((Span(line),) if line else () for line in lines))


def highlight(text: str, terms: Iterable[str], style: str = "b") -> tuple[Span, ...]:
    """Split ``text`` into spans with every occurrence of any of ``terms`` in ``style``.

    Longer terms win where matches overlap; matching ignores ASCII case.
    """
    wanted = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not wanted:
        return (Span(text),) if text else ()
    folded = text.lower()
    marked = [False] * len(text)
    for term in wanted:
        needle = term.lower()
        start = folded.find(needle)
        while start != -1:
            end = start + len(needle)
            if not any(marked[start:end]):
                marked[start:end] = [True] * (end - start)
            start = folded.find(needle, end)
    spans: list[Span] = []
    run_start = 0
    for position in range(1, len(text) + 1):
        if position == len(text) or marked[position] != marked[run_start]:
            spans.append(Span(text[run_start:position], style if marked[run_start] else ""))
            run_start = position
    return tuple(spans)


def _span_html(span: Span) -> str:
    opening, closing = _TAGS[span.style]
    return f"{opening}{html.escape(span.text, quote=False)}{closing}"


def to_html(reply: Reply, limit: int = MAX_TEXT_LENGTH) -> str:
    """Telegram HTML for a reply, shortened (whole spans dropped, then text cut) to ``limit`` characters."""
    return _render(reply, limit, _span_html)


_ANSI_BOLD, _ANSI_RESET = "\x1b[1m", "\x1b[0m"


def to_plain(reply: Reply, limit: int | None = None, ansi: bool = False) -> str:
    """Plain text for a terminal: the same words without markup, buttons as a numbered list.

    With ``ansi`` (an interactive terminal), bold spans such as the highlighted terms are shown bold.
    """

    def show(span: Span) -> str:
        return f"{_ANSI_BOLD}{span.text}{_ANSI_RESET}" if ansi and span.style == "b" else span.text

    text = _render(reply, limit, show)
    buttons = [button for row in reply.buttons for button in row]
    if not buttons:
        return text
    numbered = [f"  [{number}] {button.listed or button.label}" for number, button in enumerate(buttons, start=1)]
    return "\n".join([text, *numbered])


def _length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), so an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


def _render(reply: Reply, limit: int | None, span_text: Callable[[Span], str]) -> str:
    """Join rendered lines; when over ``limit``, cut the longest span's text with an ellipsis."""
    rendered = "\n".join("".join(span_text(s) for s in line if s.text) for line in reply.lines)
    if limit is None or _length(rendered) <= limit:
        return rendered
    # Too long: shorten the longest span (the passage), keeping as much of it as fits.
    lines = [list(line) for line in reply.lines]

    def joined() -> str:
        return "\n".join("".join(span_text(s) for s in line if s.text) for line in lines)

    while True:
        flat = [(li, si) for li, line in enumerate(lines) for si, span in enumerate(line) if span.text]
        if not flat:
            return ""
        li, si = max(flat, key=lambda pos: len(lines[pos[0]][pos[1]].text))
        original = lines[li][si]
        low, high = 0, len(original.text) - 1  # the largest prefix length that fits, by bisection
        while low < high:
            middle = (low + high + 1) // 2
            lines[li][si] = Span(original.text[:middle] + _ELLIPSIS, original.style)
            if _length(joined()) <= limit:
                low = middle
            else:
                high = middle - 1
        lines[li][si] = Span(original.text[:low] + _ELLIPSIS, original.style) if low else Span("", original.style)
        rendered = joined()
        if _length(rendered) <= limit:
            return rendered


def to_markup(reply: Reply) -> InlineKeyboardMarkup | None:
    """The reply's buttons as an inline keyboard, or None when it has none."""
    if not reply.buttons:
        return None
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(button.label, url=button.url) if button.url
                else InlineKeyboardButton(button.label, callback_data=button.data)
                for button in row
            ]
            for row in reply.buttons
        ]
    )
