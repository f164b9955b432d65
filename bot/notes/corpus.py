"""The notes as data: Markdown files parsed into sections and passages.

A *passage* is the unit an answer shows (a paragraph, a list item with its nested quote, a table
row with its header); a *section* is a heading and everything under it. Everything here is pure:
the caller passes the files' text in (see ``bot.library`` for reading a folder).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from bot.notes.composites import composites, opens_list

if TYPE_CHECKING:  # pragma: no cover
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = [
    "PARSER_VERSION",
    "Corpus",
    "ParseCache",
    "Passage",
    "Section",
    "aliases_in",
    "notes_fingerprint",
    "parse_notes",
]


@dataclass(frozen=True)
class Passage:
    """One answerable piece of the notes, with where it stands."""

    id: int  # position in the corpus, stable for the same notes
    file: str  # path relative to the notes folder, with "/" separators
    line: int  # 1-based line of its first line
    section: tuple[str, ...]  # heading path, outermost first; () before any heading
    text: str  # plain text: Markdown markers removed, white space folded
    kind: str  # "paragraph", "quote", "list_item", "table_row", "code", or a whole "table" or "list"
    bold: tuple[str, ...] = ()  # emphasised phrases, in order
    context: str = ""  # the lead-in it belongs to ("…经历了长期的演化：" before a list; a table's caption)
    parts: tuple[int, ...] = ()  # for a passage made of others (a whole list or table, see bot.notes.composites): their ids

    @property
    def whole(self) -> bool:
        """Whether the passage is made of other passages (it repeats their text)."""
        return bool(self.parts)


@dataclass(frozen=True)
class Section:
    """A heading: part of the table of contents, with or without content under it."""

    path: tuple[str, ...]
    file: str
    line: int
    level: int
    has_content: bool  # False for a chapter that is still only a heading


@dataclass(frozen=True)
class Corpus:
    """All the notes: passages in reading order, sections, and terms the notes define."""

    passages: tuple[Passage, ...]
    sections: tuple[Section, ...]
    aliases: tuple[tuple[str, str], ...]  # (term, alias) from `术语（English）` pairs
    fingerprint: str  # `notes_fingerprint` of the files it was parsed from
    files: tuple[str, ...] = field(default=())

    @property
    def terms(self) -> tuple[str, ...]:
        """Domain terms worth a place in the tokenizer's dictionary: bold phrases, headings, aliases."""
        seen: dict[str, None] = {}
        for passage in self.passages:
            for phrase in passage.bold:
                seen.setdefault(phrase, None)
        for section in self.sections:
            seen.setdefault(section.path[-1], None)
        for term, alias in self.aliases:
            seen.setdefault(term, None)
            seen.setdefault(alias, None)
        return tuple(seen)


# ---------------------------------------------------------------------------------------------
# Parsing

@cache
def _markdown() -> "MarkdownIt":
    """The Markdown parser (imported on first use: answering from a cached index never parses)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


_SPACE = re.compile(r"\s+")
# CommonMark does not close `**…。**例` (punctuation before, a letter after): such markers stay in
# the text, so they are found and removed by hand.
_LEFTOVER_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HTML_TAG = re.compile(r"<[^>]+>")
# A heading number such as "1 ", "2.3 " or "第1章 " in front of a chapter title.
_LEAD_IN_END = ("：", ":")
_SENTENCE_END = ("。", ".", "；", ";", "！", "!")
_ALIAS = re.compile(
    r"([\u4e00-\u9fffA-Za-z0-9\-/ ]{1,40}?)[（(]\s*([A-Za-z][A-Za-z0-9 .,/&+\-]*?)\s*(?:[，,]\s*([A-Za-z][A-Za-z0-9\-/]*))?\s*[）)]"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LIST_CHARS = 600
# A whole table is one passage only while it is small enough to read as one answer; a bigger one
# answers through its rows.
_WHOLE_TABLE_ROWS = 12
_WHOLE_TABLE_CHARS = 1000
_WORD_CHAR = re.compile(r"\w")
_URL = re.compile(r"(?:https?|ftp)://\S+|www\.\S+")
# Words that only point at a link: "参考：[…](…)", "详见[…]", "see […]".
_POINTER_WORDS = re.compile(
    r"参考资料|参考文档|参考文献|参考链接|相关链接|延伸阅读|扩展阅读|参考|参见|详见|详情|来源|出处|原文|链接|地址|更多|下载|官网|见"
    r"|references?|see|source|via|more|link|links|from"
)
_LABEL_CHARS = 40
_LABEL_LEVEL = 7  # a bold label nests under every heading level (1-6)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(?:.*\n){0,60}?(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)")


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class _Inline:
    """The plain text of an inline token and what its characters are."""

    text: str
    bold: tuple[str, ...]  # emphasised phrases, in order
    linked: int  # word characters inside links, images or bare URLs
    emphasised: int  # word characters inside bold
    words: int  # word characters in all
    outside: str  # the text outside links, images and URLs

    @property
    def navigation(self) -> bool:
        """Only links, images or URLs (a table-of-contents line, a reference, a picture): a pointer to
        text elsewhere, never an answer. Words that only point ("参考：[…](…)", "详见") count as none."""
        rest = _POINTER_WORDS.sub("", "".join(_WORD_CHAR.findall(self.outside)).lower())
        return self.linked > 0 and len(rest) <= 1

    @property
    def label(self) -> bool:
        """Bold text alone on its line ("**优点**"): a heading in practice, naming what follows (a bold
        statement ending in "。" stays a statement)."""
        return 0 < self.words == self.emphasised and len(self.text) <= _LABEL_CHARS and "。" not in self.text


def _word_characters(text: str) -> int:
    return len(_WORD_CHAR.findall(text))


def _inline(token: Token) -> _Inline:
    """Plain text, bold phrases and link share of an inline token."""
    parts: list[str] = []
    bold: list[str] = []
    bold_start: int | None = None
    link_depth = 0
    linked = emphasised = 0
    outside: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
            count = _word_characters(child.content)
            urls = sum(_word_characters(url) for url in _URL.findall(child.content))
            linked += count if link_depth else urls
            if not link_depth:
                outside.append(_URL.sub(" ", child.content))
            emphasised += count if bold_start is not None else 0
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "strong_open":
            bold_start = len(parts)
        elif child.type == "strong_close" and bold_start is not None:
            bold.append("".join(parts[bold_start:]))
            bold_start = None
        elif child.type == "link_open":
            link_depth += 1
        elif child.type == "link_close":
            link_depth = max(0, link_depth - 1)
        elif child.type == "image":
            parts.append(child.content)  # the alt text, if any
            linked += _word_characters(child.content) or 1
        # html_inline (<img …>, <br>, <!-- … -->) carries no text
    text = "".join(parts)
    for match in _LEFTOVER_BOLD.finditer(text):
        bold.append(match.group(1))
        emphasised += _word_characters(match.group(1))
    text = _LEFTOVER_BOLD.sub(r"\1", text).replace("**", "")
    phrases = tuple(dict.fromkeys(_fold(b).strip("：:，,。 ") for b in bold if _fold(b)))
    words = _word_characters(text)
    return _Inline(_fold(text), phrases, min(linked, words) if words else linked, emphasised, words, "".join(outside))


# A callout's or alert's marker opening a block quote (GitHub's "> [!NOTE]", Obsidian's "> [!tip]-").
_CALLOUT = re.compile(r"^\[![A-Za-z][\w-]*\][+-]?\s*")


def _inline_text(token: Token) -> tuple[str, tuple[str, ...]]:
    """Plain text and bold phrases of an inline token."""
    found = _inline(token)
    return found.text, found.bold


@dataclass(eq=False)
class _Draft:
    """A passage being assembled while the token stream is walked."""

    line: int
    kind: str
    texts: list[str]
    bold: list[str]
    context: str = ""
    parts: list["_Draft"] = field(default_factory=list)  # a whole list's or table's passages


class _FileParser:
    """Walks one file's markdown-it token stream into drafts and sections."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.tokens = _markdown().parse(text)
        self.pos = 0
        self.path: list[tuple[int, str]] = []  # (level, title)
        self.heading_line = 0
        self.sections: list[tuple[tuple[str, ...], int, int]] = []  # path, line, level
        self.passages: list[tuple[tuple[str, ...], _Draft]] = []
        self.filled: set[tuple[str, ...]] = set()  # sections with any text under them, links included

    # --- helpers -----------------------------------------------------------------------------

    def _section_path(self) -> tuple[str, ...]:
        return tuple(title for _, title in self.path)

    def _emit(self, draft: _Draft) -> None:
        text = _fold(" ".join(t for t in draft.texts if t))
        if not text:
            return
        bold = tuple(dict.fromkeys(b for b in draft.bold if b))
        self.passages.append(
            (self._section_path(), _Draft(draft.line, draft.kind, [text], list(bold), draft.context))
        )

    def _list_follows(self, index: int, tables: bool = False) -> bool:
        """Whether the token at ``index`` opens a list (or a table)."""
        opening = ("bullet_list_open", "ordered_list_open", "table_open") if tables else ("bullet_list_open", "ordered_list_open")
        return index < len(self.tokens) and self.tokens[index].type in opening

    def _skip_to_close(self, open_index: int) -> int:
        """Index just past the close token that matches the opening token at ``open_index``."""
        depth = 0
        for index in range(open_index, len(self.tokens)):
            depth += self.tokens[index].nesting
            if depth == 0:
                return index + 1
        return len(self.tokens)

    # --- blocks ------------------------------------------------------------------------------

    def parse(self) -> None:
        self._blocks(0, len(self.tokens), container="top")

    def _blocks(self, start: int, end: int, container: str) -> None:
        """Walk the blocks between two token indexes; ``container`` says what holds them."""
        index = start
        lead_in = ""  # a paragraph ending in "：" introduces the list or table after it
        last: _Draft | None = None  # the passage a following quote explains (inside list items)
        while index < end:
            token = self.tokens[index]
            if token.type == "heading_open":
                if last is not None:
                    self._emit(last)  # the paragraph before a heading belongs to the section above
                title, _ = _inline_text(self.tokens[index + 1])
                level = int(token.tag[1:])
                while self.path and self.path[-1][0] >= level:
                    self.path.pop()
                self.path.append((level, title or "…"))
                self.sections.append((self._section_path(), token.map[0] + 1 if token.map else 0, level))
                index += 3
                lead_in, last = "", None
            elif token.type == "paragraph_open":
                found = _inline(self.tokens[index + 1])
                text, bold = found.text, found.bold
                if container == "quote":
                    text = _CALLOUT.sub("", text, count=1)  # "> [!WARNING]": the box's kind, not its words
                if found.words or found.linked:
                    self.filled.add(self._section_path())  # written, even if only links
                if found.navigation or not found.words:
                    index += 3  # a pointer elsewhere (contents, reference, picture) answers nothing
                    continue
                leads_in = text.endswith(_LEAD_IN_END) and self._list_follows(index + 3, tables=True)
                if found.label and not (container == "top" and leads_in) and (container == "top" or self._list_follows(index + 3)):
                    # "**优点**" alone is a heading in practice: it names what follows, up to the
                    # next heading or label (inside a list item: the list it introduces).
                    if last is not None:
                        self._emit(last)
                        last = None
                    if container == "top":
                        while self.path and self.path[-1][0] >= _LABEL_LEVEL:
                            self.path.pop()
                        self.path.append((_LABEL_LEVEL, text.rstrip("：:")))
                        lead_in = ""
                    else:
                        lead_in = text if text.endswith(_LEAD_IN_END) else text + "："
                    index += 3
                    continue
                line = token.map[0] + 1 if token.map else 0
                kind = {"top": "paragraph", "quote": "quote", "item": "list_item"}[container]
                draft = _Draft(line, kind, [text], list(bold), "")
                if container == "item" and last is not None and _is_label(last.texts[-1]):
                    last.texts.append(text)  # "基于软件的虚拟化" + its explanation: one passage
                    last.bold.extend(bold)
                elif container == "quote" and last is not None:
                    last.texts.append(text)  # a block quote is read as one passage
                    last.bold.extend(bold)
                else:
                    if last is not None:
                        self._emit(last)
                    # A paragraph belongs to the one before only when that one leads in with "："
                    # (a short title before it introduces a table or list, not a paragraph).
                    draft.context = lead_in if container != "quote" and lead_in.endswith(_LEAD_IN_END) else ""
                    last = draft
                # A paragraph ending in "：", or a short title right before a table, introduces
                # what follows.
                lead_in = text if opens_list(text) or len(text) <= 40 else ""
                index += 3
            elif token.type == "blockquote_open":
                close = self._skip_to_close(index)
                if container == "item" and last is not None:
                    # A quote nested in a list item explains that item: keep them together.
                    inner = _Collector(self, index + 1, close - 1)
                    last.texts.extend(inner.texts)
                    last.bold.extend(inner.bold)
                else:
                    if last is not None:
                        self._emit(last)
                        last = None
                    self._quote(index + 1, close - 1)
                index = close
                lead_in = ""
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                if last is not None:
                    self._emit(last)
                    last = None
                close = self._skip_to_close(index)
                self._list(index + 1, close - 1, lead_in)
                index = close
            elif token.type == "table_open":
                if last is not None:
                    self._emit(last)
                    last = None
                close = self._skip_to_close(index)
                self._table(index, close, lead_in)
                index = close
                lead_in = ""
            elif token.type in ("fence", "code_block"):
                if last is not None:
                    self._emit(last)
                    last = None
                code = token.content.strip("\n")
                if code.strip():
                    line = token.map[0] + 1 if token.map else 0
                    self.passages.append(
                        (self._section_path(), _Draft(line, "code", [code], [], lead_in))
                    )
                index += 1
                lead_in = ""
            elif token.type == "html_block":
                text = _fold(_HTML_TAG.sub(" ", _COMMENT.sub(" ", token.content)))
                if text:
                    line = token.map[0] + 1 if token.map else 0
                    if last is not None:
                        self._emit(last)
                    last = _Draft(line, "paragraph", [text], [], "")
                index += 1
            elif token.nesting == 1:
                index = self._skip_to_close(index)  # anything else (e.g. an unknown container)
            else:
                index += 1
        if last is not None:
            self._emit(last)

    def _quote(self, start: int, end: int) -> None:
        """A top-level block quote: one passage, unless it holds lists or tables of its own."""
        has_structure = any(
            t.type in ("table_open", "bullet_list_open", "ordered_list_open", "heading_open")
            for t in self.tokens[start:end]
        )
        if has_structure:
            self._blocks(start, end, container="top")
            return
        self._blocks(start, end, container="quote")

    def _list(self, start: int, end: int, lead_in: str) -> None:
        index = start
        heads: list[_Draft] = []  # the first passage of each item
        while index < end:
            token = self.tokens[index]
            if token.type == "list_item_open":
                close = self._skip_to_close(index)
                before = len(self.passages)
                self._blocks(index + 1, close - 1, container="item")
                if len(self.passages) > before:
                    heads.append(self.passages[before][1])
                if lead_in:
                    for position in range(before, len(self.passages)):
                        path, draft = self.passages[position]
                        if not draft.context and draft.kind != "list":
                            draft.context = lead_in
                index = close
            else:
                index += 1
        # "…分为：", "…，比如", or a short title that is no sentence ("目前支持的类型"): many authors
        # drop the colon
        if lead_in and not lead_in.endswith(_SENTENCE_END) and len(heads) >= 2:
            self._whole_list(lead_in, heads)

    def _whole_list(self, lead_in: str, heads: list[_Draft]) -> None:
        """One more passage after a list: its lead-in and the first passage of each item, one a line,
        the answer to "X分为哪几类" — unless that is more than _LIST_CHARS: a long list answers
        through its items (a cut list would read as if it had no more)."""
        lines = [lead_in, *(head.texts[0] for head in heads)]
        if sum(map(len, lines)) > _LIST_CHARS:
            return
        lead = next((d for _, d in reversed(self.passages) if d.texts[0] == lead_in), None)
        parts = ([lead] if lead is not None else []) + list(heads)
        line = lead.line if lead is not None else heads[0].line
        self.passages.append((self._section_path(), _Draft(line, "list", ["\n".join(lines)], [], "", parts)))

    def _table(self, start: int, end: int, caption: str) -> None:
        """One passage a row, and before them one passage for the whole table (one row a line),
        the answer to a question about the table as a whole ("A和B的区别")."""
        header: list[str] = []
        row: list[str] = []
        row_line = 0
        in_head = False
        first = len(self.passages)
        for token in self.tokens[start:end]:
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
                row_line = token.map[0] + 1 if token.map else 0
            elif token.type == "inline":
                row.append(_inline_text(token)[0])
            elif token.type == "tr_close":
                if in_head:
                    header = row
                elif any(row):
                    text = _table_row_text(header, row)
                    self.passages.append(
                        (self._section_path(), _Draft(row_line, "table_row", [text], [], caption))
                    )
        drafts = [draft for _, draft in self.passages[first:]]
        rows = [draft.texts[0] for draft in drafts]
        title = self.passages[first - 1][1] if first and caption and self.passages[first - 1][1].texts[0] == caption else None
        if 2 <= len(rows) <= _WHOLE_TABLE_ROWS and sum(map(len, rows)) <= _WHOLE_TABLE_CHARS:
            line = self.tokens[start].map[0] + 1 if self.tokens[start].map else self.passages[first][1].line
            whole = _Draft(line, "table", ["\n".join(rows)], [], caption, ([title] if title else []) + drafts)
            self.passages.insert(first, (self._section_path(), whole))


def _is_label(text: str) -> bool:
    """A short lead such as "基于软件的虚拟化" that only names what the next paragraph explains."""
    return len(text) <= 24 and not any(mark in text for mark in "。；;！？!?")


def _table_row_text(header: list[str], row: list[str]) -> str:
    """A row as a sentence that keeps each cell's column: "启动速度 — 容器：秒级；虚拟机：分钟级"."""
    cells = list(row)
    if not header or len(header) < len(cells):
        return "；".join(c for c in cells if c)
    label, rest = cells[0], cells[1:]
    pairs = [f"{name}：{value}" for name, value in zip(header[1:], rest) if value]
    if not pairs:
        return f"{header[0]}：{label}" if header[0] else label
    return (f"{label} — " if label else "") + "；".join(pairs)


class _Collector:
    """Plain text of every paragraph (and table row) inside a token range, in order."""

    def __init__(self, parser: _FileParser, start: int, end: int) -> None:
        self.texts: list[str] = []
        self.bold: list[str] = []
        for token in parser.tokens[start:end]:
            if token.type == "inline":
                text, bold = _inline_text(token)
                self.texts.append(text)
                self.bold.extend(bold)
            elif token.type in ("fence", "code_block"):
                self.texts.append(token.content.strip())


def aliases_in(text: str) -> list[tuple[str, str]]:
    """`术语（English term）` and `术语（English，ABBR）` pairs found in a passage."""
    found: list[tuple[str, str]] = []
    if "(" not in text and "（" not in text:
        return found  # no bracket, no alias (and the pattern is slow to try at every character)
    for match in _ALIAS.finditer(text):
        before, english, abbreviation = match.group(1), match.group(2), match.group(3)
        term = _term_before(before)
        if not term:
            continue
        for alias in (english, abbreviation):
            if alias and alias.strip():
                found.append((term, alias.strip()))
    return found


_TERM_STOP = re.compile(r"[的了是为在和与及或即如等中上下，,。；;：:、“”\"'《》\s]")


def _term_before(text: str) -> str:
    """The term right before an alias bracket: the last run of CJK characters, up to 8 of them."""
    tail = _TERM_STOP.split(text)[-1]
    if not _CJK.search(tail):
        return ""
    cjk_run = re.search(r"[\u4e00-\u9fffA-Za-z0-9\-]*$", tail)
    term = cjk_run.group(0) if cjk_run else tail
    return term[-8:] if len(term) > 8 else term


def _without_front_matter(text: str) -> str:
    """The text with a leading YAML/TOML front matter block blanked (its lines kept, so every line
    number still points at the file's own line): metadata, not notes."""
    match = _FRONT_MATTER.match(text)
    if not match or ":" not in match.group(0) and "=" not in match.group(0):
        return text
    return "\n" * match.group(0).count("\n") + text[match.end() :]


# Bump when the same notes would parse into other passages: buttons that carry a passage id and
# the fingerprint (see bot.replies) then say they are stale instead of opening another passage.
PARSER_VERSION = 7


def notes_fingerprint(files: Mapping[str, str]) -> str:
    """A hash of every file's name and text and of the parser version: what a `Corpus` is of."""
    digest = hashlib.sha256(f"parser {PARSER_VERSION}\0".encode())
    for name in sorted(files):
        digest.update(name.encode("utf-8") + b"\0" + files[name].encode("utf-8", "replace") + b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class _ParsedFile:
    """One file parsed, its passages numbered from ``first_id``."""

    first_id: int
    passages: tuple[Passage, ...]
    sections: tuple[Section, ...]
    aliases: tuple[tuple[str, str], ...]


class ParseCache:
    """Files parsed by an earlier `parse_notes`, by name and text, for the next one (`bot.library`
    keeps one per notes folder: a reload after editing one file parses that file alone). What the
    last call did not use is dropped."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], _ParsedFile] = {}


def _parse_file(name: str, text: str, first_id: int) -> _ParsedFile:
    # A byte-order mark (Windows editors write one) would hide the file's first heading.
    parser = _FileParser(name, _without_front_matter(text.removeprefix("\ufeff")))
    parser.parse()
    ids = {id(draft): first_id + offset for offset, (_, draft) in enumerate(parser.passages)}
    file_passages = [
        Passage(
            id=first_id + offset,
            file=name,
            line=draft.line,
            section=path,
            text=draft.texts[0],
            kind=draft.kind,
            bold=tuple(draft.bold),
            context=draft.context,
            parts=tuple(ids[id(part)] for part in draft.parts),
        )
        for offset, (path, draft) in enumerate(parser.passages)
    ]
    file_passages.extend(composites(file_passages, first_id + len(file_passages)))
    filled = {p.section for p in file_passages} | parser.filled
    with_content = {path[: depth + 1] for path in filled for depth in range(len(path))}
    sections = tuple(Section(path, name, line, level, path in with_content) for path, line, level in parser.sections)
    aliases: dict[tuple[str, str], None] = {}
    for passage in file_passages:
        for pair in aliases_in(passage.text):
            aliases.setdefault(pair, None)
    return _ParsedFile(first_id, tuple(file_passages), sections, tuple(aliases))


def _moved(parsed: _ParsedFile, first_id: int) -> _ParsedFile:
    """The same file's passages numbered from another id (files before it changed)."""
    shift = first_id - parsed.first_id
    if not shift:
        return parsed
    passages = tuple(
        replace(p, id=p.id + shift, parts=tuple(part + shift for part in p.parts)) for p in parsed.passages
    )
    return _ParsedFile(first_id, passages, parsed.sections, parsed.aliases)


def parse_notes(files: Mapping[str, str], cache: ParseCache | None = None) -> Corpus:
    """Parse every file (relative path → Markdown text), in path order, into one corpus; a ``cache``
    kept from an earlier call saves parsing again the files that did not change."""
    passages: list[Passage] = []
    sections: list[Section] = []
    aliases: dict[tuple[str, str], None] = {}
    kept = cache.kept if cache is not None else {}
    used: dict[tuple[str, str], Any] = {}
    for name in sorted(files):
        key = (name, files[name])
        parsed = kept.get(key)
        parsed = _moved(parsed, len(passages)) if parsed is not None else _parse_file(name, files[name], len(passages))
        used[key] = parsed
        passages.extend(parsed.passages)
        sections.extend(parsed.sections)
        for pair in parsed.aliases:
            aliases.setdefault(pair, None)
    if cache is not None:
        cache.kept = used
    return Corpus(
        passages=tuple(passages),
        sections=tuple(sections),
        aliases=tuple(aliases),
        fingerprint=notes_fingerprint(files),
        files=tuple(sorted(files)),
    )
