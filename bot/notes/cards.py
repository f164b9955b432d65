"""Flashcards the notes' author wrote, in the Obsidian Spaced Repetition plugin's syntax (pure).

Three forms, read from the raw Markdown lines (outside code blocks, inline code and HTML comments):

- ``问题::答案`` on one line (``问题:::答案`` makes a card each way);
- a multi-line card: the question's lines, a line holding only ``?`` (``??``: each way), then the
  answer's lines, up to a blank line;
- a cloze: a line with ``==高亮==`` parts; each highlight makes one card that hides it.

A card's context is its heading path. List markers and quote markers in front of a card's lines
are dropped, so cards inside lists and quotes count the same. ``::`` directly between two Latin
letters or digits (``std::vector``, ``fe00::1``) is code, not a card. What looks like a card but
cannot be one (a side left empty, ``?`` with nothing above or below, a highlight never closed) is
reported with its file and line; nothing here raises on any text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["CLOZE_MARK", "Card", "CardProblem", "card_id", "parse_cards"]

CLOZE_MARK = "[...]"  # what a hidden highlight shows, as in the plugin


@dataclass(frozen=True)
class Card:
    """One flashcard: its front, its back, and where it stands in the notes."""

    id: str  # stable for the same card text wherever it moves: a hash of its form and sides
    form: str  # "basic" (::), "multiline" (?), "cloze" (==…==); reversed cards are basic/multiline too
    front: str
    back: str
    context: tuple[str, ...]  # heading path, outermost first
    file: str
    line: int  # 1-based first line
    last_line: int  # 1-based last line


@dataclass(frozen=True)
class CardProblem:
    """Something that looks like a card but is not one, for the author to fix."""

    file: str
    line: int
    problem: str  # a key of texts.CARD_PROBLEMS


_FENCE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
# A list marker or quote markers in front of a line's text.
_LEAD = re.compile(r"^\s*(?:>\s?)*\s*(?:(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?)?")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1")
_COMMENT = re.compile(r"<!--.*?-->")
_SR_COMMENT = re.compile(r"\s*<!--SR:.*?-->")
_TAG = re.compile(r"(?<!\S)#flashcards?(?:/[\w\-/]+)?(?!\S)", re.I)
_SEPARATOR = re.compile(r"(?<!:):{2,3}(?!:)")
_HIGHLIGHT = re.compile(r"==(?=\S)(.+?)(?<=\S)==")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WIKI = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_SPACE = re.compile(r"\s+")
_CODE_WORD = re.compile(r"[A-Za-z0-9_]")
_OPENER = re.compile(r"==(?=[^\s=])|(?<=[^\s=])==")  # "a == b" is no highlight, "==a" is one left open
_PLACEHOLDER = re.compile(r"\x00(\d+)\x01")


def _plain(text: str) -> str:
    """A side's text as a reader sees it: links and emphasis as their words, spaces folded."""
    text = _WIKI.sub(r"\1", _LINK.sub(r"\1", text))
    text = _EMPHASIS.sub("", text).replace("`", "")
    return _SPACE.sub(" ", text).strip()


def card_id(form: str, front: str, back: str) -> str:
    digest = hashlib.sha256("\0".join((form, front, back)).encode("utf-8"))
    return f"f{digest.hexdigest()[:11]}"


@dataclass
class _Line:
    number: int
    raw: str
    text: str  # without list/quote markers, comments and tags; inline code as placeholders
    blank: bool
    heading: bool
    codes: tuple[str, ...] = ()  # the inline code the placeholders stand for

    def shown(self, text: str) -> str:
        """Part of the line's text with its inline code put back."""
        return _PLACEHOLDER.sub(lambda m: self.codes[int(m.group(1))], text)


class _Reader:
    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.cards: list[Card] = []
        self.problems: list[CardProblem] = []
        self.lines = self._lines(text)
        self.path: list[tuple[int, str]] = []
        self.context_at: dict[int, tuple[str, ...]] = {}

    def _lines(self, text: str) -> list[_Line]:
        found: list[_Line] = []
        fence = ""
        in_comment = False
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff").split("\n")
        front_matter = raw_lines[:1] == ["---"]
        for index, raw in enumerate(raw_lines, 1):
            if front_matter:
                if index > 1 and raw.strip() in ("---", "..."):
                    front_matter = False
                found.append(_Line(index, raw, "", True, False))
                continue
            opened = _FENCE.match(raw)
            if fence:
                if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                    fence = ""
                found.append(_Line(index, raw, "", True, False))
                continue
            if opened:
                fence = opened.group(1)
                found.append(_Line(index, raw, "", True, False))
                continue
            line = raw
            if in_comment:
                end = line.find("-->")
                if end < 0:
                    found.append(_Line(index, raw, "", True, False))
                    continue
                line, in_comment = line[end + 3 :], False
            line = _COMMENT.sub(" ", line)
            if "<!--" in line:
                line, in_comment = line[: line.index("<!--")], True
            if raw.startswith(("    ", "\t")) and (not found or found[-1].blank):
                found.append(_Line(index, raw, "", True, False))  # an indented code block
                continue
            codes: list[str] = []

            def hide(match: re.Match[str]) -> str:
                codes.append(match.group(2).strip())
                return f"\x00{len(codes) - 1}\x01"

            line = _INLINE_CODE.sub(hide, line)
            text_part = _TAG.sub("", _LEAD.sub("", line, count=1)).strip()
            found.append(_Line(index, raw, text_part, not text_part, bool(_HEADING.match(raw)), tuple(codes)))
        return found

    def read(self) -> None:
        lines = self.lines
        index = 0
        while index < len(lines):
            line = lines[index]
            heading = _HEADING.match(line.raw) if line.text else None
            if heading is not None:
                self._enter(len(heading.group(1)), heading.group(2))
                index += 1
                continue
            if (
                index + 1 < len(lines)
                and line.text
                and not line.heading
                and _SETEXT.match(lines[index + 1].raw)
                and not _LEAD.match(line.raw).group(0).strip()
                and (index == 0 or lines[index - 1].blank)
            ):
                self._enter(1 if lines[index + 1].raw.strip()[0] == "=" else 2, line.text)
                index += 2
                continue
            if line.text in ("?", "??"):
                index = self._multiline(index)
                continue
            if _SEPARATOR.search(line.text):
                self._single(line)
            elif "==" in line.text:
                self._cloze(index)
            index += 1

    def _enter(self, level: int, title: str) -> None:
        while self.path and self.path[-1][0] >= level:
            self.path.pop()
        self.path.append((level, _plain(title) or "…"))

    @property
    def _context(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.path)

    def _add(self, form: str, front: str, back: str, first: int, last: int) -> None:
        self.cards.append(Card(card_id(form, front, back), form, front, back, self._context, self.file, first, last))

    def _problem(self, line: int, problem: str) -> None:
        self.problems.append(CardProblem(self.file, line, problem))

    def _single(self, line: _Line) -> None:
        text = _SR_COMMENT.sub("", line.text)
        separators = list(_SEPARATOR.finditer(text))
        real = [
            m
            for m in separators
            if not (
                m.start() > 0
                and m.end() < len(text)
                and _CODE_WORD.match(text[m.start() - 1])
                and _CODE_WORD.match(text[m.end()])
            )
        ]
        if not real:
            return  # "std::vector", "fe00::1": code, not a card
        if len(real) > 1:
            self._problem(line.number, "many_separators")
            return
        match = real[0]
        front = _plain(line.shown(text[: match.start()]).replace("==", ""))
        back = _plain(line.shown(text[match.end() :]).replace("==", ""))
        if not front or not back:
            self._problem(line.number, "empty_side")
            return
        self._add("basic", front, back, line.number, line.number)
        if match.group(0) == ":::":
            self._add("basic", back, front, line.number, line.number)

    def _block(self, index: int, step: int) -> list[_Line]:
        """The non-blank lines next to ``index`` going ``step`` (-1 up, 1 down), stopping at a
        blank line, a heading or another card's separator."""
        found: list[_Line] = []
        at = index + step
        while 0 <= at < len(self.lines):
            line = self.lines[at]
            if line.blank or line.heading or line.text in ("?", "??") or _SETEXT.match(line.raw) and step < 0:
                break
            found.append(line)
            at += step
        return found[::-1] if step < 0 else found

    def _multiline(self, index: int) -> int:
        mark = self.lines[index]
        above, below = self._block(index, -1), self._block(index, 1)
        if not above or not below:
            self._problem(mark.number, "question_missing" if not above else "answer_missing")
            return index + 1 + len(below)
        front = "\n".join(_plain(l.shown(l.text).replace("==", "")) for l in above)
        back = "\n".join(_plain(l.shown(_SR_COMMENT.sub("", l.text)).replace("==", "")) for l in below)
        if not front.strip() or not back.strip():
            self._problem(mark.number, "empty_side")
            return index + 1 + len(below)
        self.cards = [c for c in self.cards if not (c.form == "cloze" and c.line >= above[0].number)]
        self._add("multiline", front, back, above[0].number, below[-1].number)
        if mark.text == "??":
            self._add("multiline", back, front, above[0].number, below[-1].number)
        return index + 1 + len(below)

    def _cloze(self, index: int) -> None:
        line = self.lines[index]
        text = _SR_COMMENT.sub("", line.text)
        if set(text.replace(" ", "")) <= {"="}:
            return  # a rule of equal signs
        hidden = list(_HIGHLIGHT.finditer(text))
        rest = _HIGHLIGHT.sub("", text)
        if "====" in rest:
            self._problem(line.number, "empty_highlight")
            rest = rest.replace("====", "")
        if _OPENER.search(rest):
            self._problem(line.number, "unclosed_highlight")
            return
        if not hidden:
            return
        whole = _plain(line.shown(_HIGHLIGHT.sub(r"\1", text)))
        for match in hidden:
            answer = _plain(line.shown(match.group(1)))
            before = _HIGHLIGHT.sub(r"\1", text[: match.start()])
            after = _HIGHLIGHT.sub(r"\1", text[match.end() :])
            front = _plain(line.shown(before) + CLOZE_MARK + line.shown(after))
            if len(_plain(front.replace(CLOZE_MARK, ""))) < 2:
                self._problem(line.number, "cloze_alone")
                continue
            self.cards.append(
                Card(card_id("cloze", front, answer), "cloze", front, whole, self._context, self.file, line.number, line.number)
            )


def parse_cards(files: Mapping[str, str]) -> tuple[tuple[Card, ...], tuple[CardProblem, ...]]:
    """Every card in the files (relative path → Markdown text), in path and line order, each id once;
    and what looked like a card but is not one."""
    cards: list[Card] = []
    problems: list[CardProblem] = []
    seen: set[str] = set()
    for name in sorted(files):
        reader = _Reader(name, files[name])
        reader.read()
        for card in reader.cards:
            if card.id not in seen:
                seen.add(card.id)
                cards.append(card)
        problems.extend(reader.problems)
    return tuple(cards), tuple(problems)
