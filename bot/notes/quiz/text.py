"""Small text helpers for quiz drafting: sentences, clauses, asides, blanks and shared suffixes."""

from __future__ import annotations

import re

from bot import texts

__all__ = ["sentences", "clauses", "strip_asides", "blank", "common_suffix", "tidy", "strip_label", "opens_clause", "CJK"]

CJK = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"(?<=[。！？；;!?])")
_CLAUSE = re.compile(r"[，,。；;！？!?：:]")
_ASIDE = re.compile(r"\s*[（(][^（）()]*[）)]")
_LEADING = re.compile(r"^(?:以及|及|和|还有|另外|此外|而且|并且)")


def sentences(text: str) -> list[str]:
    """Sentences, each with its closing mark."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def clauses(text: str) -> list[str]:
    """Clauses between commas and sentence marks, without the marks."""
    return [c.strip() for c in _CLAUSE.split(text) if c.strip()]


def strip_asides(text: str) -> str:
    """Without bracketed asides such as "（Type-2 Hypervisor）"."""
    previous = None
    while previous != text:
        previous, text = text, _ASIDE.sub("", text)
    return text


def tidy(text: str) -> str:
    """A list item's sentence as a stand-alone phrase: no leading "以及", no trailing ";"."""
    text = _LEADING.sub("", text.strip())
    return text.rstrip("；;，,、。 ").strip()


def blank(text: str, answer: str) -> str:
    """The text with the first occurrence of the answer replaced by a blank."""
    return text.replace(answer, texts.QUIZ_BLANK, 1)


def common_suffix(words: list[str] | tuple[str, ...]) -> str:
    """The longest ending every word shares."""
    if not words:
        return ""
    shortest = min(words, key=len)
    for size in range(len(shortest), 0, -1):
        tail = shortest[-size:]
        if all(w.endswith(tail) for w in words):
            return tail
    return ""


# "基于硬件的虚拟化 真正意义上…": a list item whose first paragraph only names what follows.
_LABEL_LINE = re.compile(r"^([^\s。；;！？!?，,：:]{4,24}) (?=[\u4e00-\u9fff“「])")


def strip_label(text: str) -> str:
    """The text without a leading label paragraph glued on by a space (a label with Chinese in it,
    followed by Chinese text): "基于硬件的虚拟化 真正意义上…" → "真正意义上…"."""
    match = _LABEL_LINE.match(text)
    if match and CJK.search(match.group(1)):
        return text[match.end() :]
    return text


# A term does not open with a particle, a preposition or a verb of the sentence around it
# ("中管理", "对多架构镜像", "用于限制"), nor with a negation ("不支持", "无守护进程").
_OPENS_CLAUSE = re.compile(r"^(?:[中是了有和与及或让使从在把将对为被给向即无不非未没]|用于|表示|提供|负责|进行|通过)")


def opens_clause(term: str) -> bool:
    """Whether a would-be term starts like a piece of a clause rather than a name."""
    return bool(_OPENS_CLAUSE.match(term))
