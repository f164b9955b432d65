"""Parse Telegram's HTML parse mode like the Bot API does, returning plain text and entities or an error.

`parse_html(text) -> (plain_text, entities)` raises `HtmlParseError` with a message in Telegram's
words ("Can't parse entities: ...") for what Telegram rejects: unknown tags, unbalanced or crossed
tags, an `&` that does not start one of the four named entities or a numeric one, a `<` that does
not start a tag, `<a>` without href. Entity offsets and lengths are in UTF-16 code units, as the Bot
API counts them. The supported tag set is Telegram's (https://core.telegram.org/bots/api#html-style).
"""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["HtmlParseError", "parse_html", "utf16_len"]

_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?)*)\s*(/?)>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?")

# tag -> entity type (None: decided by attributes)
_TAGS: dict[str, str | None] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": None,
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": None,
    "tg-emoji": "custom_emoji",
    "tg-time": "date_time",
}


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; the message is what the Bot API would say."""


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units (the unit of Bot API offsets and lengths)."""
    return len(text.encode("utf-16-le")) // 2


def _attrs(raw: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(raw):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found[match.group(1).lower()] = html.unescape(value)
    return found


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's reading of `text` in HTML parse mode: the plain text and its entities."""
    out: list[str] = []
    length = 0  # UTF-16 length of what is in `out`
    stack: list[tuple[str, int, dict[str, Any]]] = []  # (tag, start offset, entity skeleton)
    entities: list[dict[str, Any]] = []
    position = 0
    raw = text.encode("utf-8")

    def byte_offset(index: int) -> int:
        return len(text[:index].encode("utf-8")) if len(raw) != len(text) else index

    def fail(reason: str, index: int) -> HtmlParseError:
        return HtmlParseError(f"Bad Request: can't parse entities: {reason} at byte offset {byte_offset(index)}")

    while position < len(text):
        char = text[position]
        if char == "<":
            match = _TAG.match(text, position)
            if match is None:
                raise fail("Unsupported start tag", position) if text[position + 1 : position + 2] != "/" else fail(
                    "Unexpected end tag", position
                )
            closing, name, raw_attrs, _self_closing = match.groups()
            name = name.lower()
            if name not in _TAGS:
                kind = "end" if closing else "start"
                raise fail(f'Unsupported {kind} tag "{name}"', position)
            if closing:
                if not stack or stack[-1][0] != name:
                    raise fail(f'Unmatched end tag "{name}"', position)
                tag, start, entity = stack.pop()
                if entity:
                    entity["offset"] = start
                    entity["length"] = length - start
                    if entity["length"] > 0:
                        entities.append(entity)
            else:
                attrs = _attrs(raw_attrs)
                entity = _entity_for(name, attrs, stack, lambda reason: fail(reason, position))
                stack.append((name, length, entity))
            position = match.end()
            continue
        if char == "&":
            match = _ENTITY.match(text, position)
            if match is None:
                raise fail('Character entity expected ("&" must be escaped as "&amp;")', position)
            named, decimal, hexadecimal = match.groups()
            if named:
                piece = _NAMED[named]
            else:
                code = int(decimal) if decimal else int(hexadecimal, 16)
                if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise fail("Invalid character entity", position)
                piece = chr(code)
            out.append(piece)
            length += utf16_len(piece)
            position = match.end()
            continue
        out.append(char)
        length += utf16_len(char)
        position += 1
    if stack:
        raise HtmlParseError(
            f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "{stack[-1][0]}"'
        )
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return "".join(out), entities


def _entity_for(
    name: str, attrs: dict[str, str], stack: list[tuple[str, int, dict[str, Any]]], fail: Any
) -> dict[str, Any]:
    open_tags = [tag for tag, _, _ in stack]
    if "code" in open_tags or ("pre" in open_tags and name != "code"):
        raise fail(f'Can\'t use tag "{name}" inside a code or pre entity')
    if name == "span":
        if attrs.get("class") != "tg-spoiler":
            raise fail('Tag "span" must have class "tg-spoiler"')
        return {"type": "spoiler"}
    if name == "blockquote":
        if "blockquote" in open_tags:
            raise fail("Nested blockquotes are not allowed")
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if name == "a":
        href = attrs.get("href", "")
        if not href:
            raise fail('Tag "a" must have attribute "href"')
        if href.startswith("tg://user?id="):
            return {"type": "text_mention", "user": {"id": int(href.split("=", 1)[1]), "is_bot": False, "first_name": ""}}
        return {"type": "text_link", "url": href}
    if name == "tg-emoji":
        if "emoji-id" not in attrs:
            raise fail('Tag "tg-emoji" must have attribute "emoji-id"')
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    if name == "tg-time":
        if not attrs.get("unix", "").isdigit():
            raise fail('Tag "tg-time" must have a numeric attribute "unix"')
        entity: dict[str, Any] = {"type": "date_time", "unix_time": int(attrs["unix"])}
        if attrs.get("format"):
            entity["date_time_format"] = attrs["format"]
        return entity
    if name == "code" and stack and stack[-1][0] == "pre":
        language = attrs.get("class", "")
        if language.startswith("language-"):
            stack[-1][2]["language"] = language.removeprefix("language-")
        return {}  # the pre entity carries it
    entity_type = _TAGS[name]
    assert entity_type is not None
    return {"type": entity_type}
