"""Passages made of other passages, where one passage alone would show half an answer.

Authors of every kind of notes write a problem and then what solves it ("问题：…" / "解决：…", a
question ending in "？" and its answer, a sentence ending in "：" and the command or paragraph it
introduces, a sentence after a code block that says what it shows: "这说明…", "这一般是由于…"),
and many write short sections whose few lines only make sense together (a symptom, its cause and
its fix under one heading). For those this adds, after a file's own passages:

- a *pair*: such a passage and the one right after it in the same section;
- a *section*: every passage of a short section (two to six of them, at most `SECTION_CHARS` of prose),
  unless a pair or a whole list or table already shows the same passages.

Each keeps the ids of its parts (`Passage.parts`) and the first part's line, so it cites the notes
as they are. Whole lists and tables are made by the parser itself (`bot.notes.corpus`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from bot.notes.corpus import Passage

__all__ = ["SECTION_CHARS", "asks", "composites", "fixes", "introduces", "opens_list"]

SECTION_CHARS = 700
_SECTION_PASSAGES = 6
_PLAIN = frozenset({"paragraph", "list_item", "quote"})
# A passage that states a problem or asks: "问题：…", "现象：…", "Q1: …", "…？"
_ASKS = re.compile(r"^(?:问题|现象|症状|报错|错误|故障|问|Q\d*|Question)\s*[:：]|[？?]\s*$", re.IGNORECASE)
# A passage that opens by solving what the one before it describes: "解决办法：…"
_FIX = re.compile(r"^(?:解决(?:办法|方法|方案|思路|路径)?|正确的(?:解决|做法|方法)|修复方法|处理(?:办法|方法)|应对(?:办法|方法))")
# Words that end a sentence by opening the list after it, as a colon would.
_OPENS_LIST = re.compile(r"(?:[，,]\s*(?:比如|例如|譬如|诸如|即)|(?:如下|以下)[^，,。；;：:]{0,6})$")
# A sentence that opens by pointing back at what stands before it: "这是因为…", "以上命令…", "可以看到…"
_REFERS_BACK = re.compile(r"^(?:这|此|以上|上面|上述|其中|可以看到|可以发现|发现|可见)")


def asks(passage: "Passage") -> bool:
    """Whether a passage states a problem or asks ("问题：…", "现象：…", "…？"): what answers it follows."""
    return bool(_ASKS.search(passage.text))


def fixes(passage: "Passage") -> bool:
    """Whether a passage opens by solving what the one before it describes ("解决办法：…",
    "正确的解决路径有两条：")."""
    return bool(_FIX.match(passage.text))


def introduces(passage: "Passage") -> bool:
    """Whether a passage introduces what follows (see opens_list)."""
    return opens_list(passage.text)


def opens_list(text: str) -> bool:
    """Whether a text ends in a colon, or in words that open a list as one would ("…如下：",
    "…，比如", "…支持如下四种方式")."""
    text = text.rstrip()
    return text.endswith(("：", ":")) or bool(_OPENS_LIST.search(text))


def composites(passages: list["Passage"], first_id: int) -> list["Passage"]:
    """The pairs and short sections of one file's passages (in reading order), numbered from
    ``first_id``."""
    made: list[Passage] = []
    shown: set[tuple[int, ...]] = {p.parts for p in passages if p.parts}
    in_wholes = {part for p in passages for part in p.parts}
    for before, after in zip(passages, passages[1:]):
        if before.kind == "code" and after.kind == "paragraph" and before.section == after.section and _REFERS_BACK.match(after.text):
            # output or a command and what the notes say of it: found by both, shown together
            made.append(_joined(before, (before, after), "pair", first_id + len(made)))
            shown.add((before.id, after.id))
            continue
        if before.kind not in _PLAIN or (after.kind not in _PLAIN and after.kind != "code"):
            continue
        if before.section != after.section or (before.id in in_wholes and after.id in in_wholes):
            continue  # a list's lead-in and first item: the whole list shows them
        if asks(before) or introduces(before):
            made.append(_joined(before, (before, after), "pair", first_id + len(made)))
            shown.add((before.id, after.id))
    sections: dict[tuple[str, ...], list[Passage]] = {}
    for passage in passages:
        if not passage.parts:
            sections.setdefault(passage.section, []).append(passage)
    for members in sections.values():
        parts = tuple(p.id for p in members)
        prose = sum(len(p.text) for p in members if p.kind != "code")
        if not 2 <= len(members) <= _SECTION_PASSAGES or prose > SECTION_CHARS or not prose:
            continue
        if any(set(parts) <= set(whole) for whole in shown):
            continue  # a pair, list or table already shows these passages
        made.append(_joined(members[0], members, "section", first_id + len(made)))
    return made


def _joined(first: "Passage", members: "list[Passage] | tuple[Passage, ...]", kind: str, new_id: int) -> "Passage":
    bold = tuple(dict.fromkeys(b for p in members for b in p.bold))
    return replace(
        first,
        id=new_id,
        text="\n".join(p.text for p in members),
        kind=kind,
        bold=bold,
        parts=tuple(p.id for p in members),
    )
