"""Small text helpers for quiz drafting: sentences, clauses, asides, blanks and shared suffixes."""

from __future__ import annotations

import re
import string
import unicodedata
from functools import lru_cache

from bot import texts

__all__ = ["normalize", "fill", "unjoin", "sentences", "clauses", "strip_asides", "blank", "common_suffix", "tidy", "strip_label", "opens_clause", "CJK"]

CJK = re.compile(r"[\u4e00-\u9fff]")
_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=1 << 17)
def normalize(text: str) -> str:
    """Comparable form: width-folded, case-folded, without spaces and punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())
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


_TELLING = 12  # what a sentence says of a thing at least: Chinese characters, a Latin word two


def says_enough(text: str) -> bool:
    """Whether the text says enough to tell one thing from another ("____支持四种模式" does not)."""
    return len(CJK.findall(text)) + 2 * len(re.findall(r"[A-Za-z][A-Za-z0-9.\-]{2,}", text)) >= _TELLING


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


_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _needs_space(left: str, right: str) -> bool:
    """A space where a Latin letter or digit meets a Chinese character, either way round."""
    if not left or not right:
        return False
    return bool(
        _LATIN_OR_DIGIT.match(left) and _HAN.match(right) or _HAN.match(left) and _LATIN_OR_DIGIT.match(right)
    )


def fill(template: str, **values: object) -> str:
    """The template with its fields filled in, a space put only where an inserted value's Latin
    letter or digit meets a Chinese character ("按笔记中的分类，WINE 属于…" but "虚拟机技术属于…"):
    every template that inserts a term goes through here, and templates carry no spaces of their own."""
    out: list[str] = []
    inserted = False  # whether the last piece was a value
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if literal:
            if inserted and out and _needs_space(out[-1][-1:], literal[:1]):
                out.append(" ")
            out.append(literal)
            inserted = False
        if name is None:
            continue
        value = format(values[name], spec or "")
        if conversion:
            value = format(repr(values[name]) if conversion == "r" else str(values[name]), spec or "")
        if value and out and _needs_space(out[-1][-1:], value[:1]):
            out.append(" ")
        out.append(value)
        inserted = bool(value)
    return "".join(out)


# A space the notes' lines were joined with, between two Chinese characters or marks ("描述： 容器").
_JOIN_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])")


def unjoin(text: str) -> str:
    """The notes' text without the spaces that joined their lines between Chinese words."""
    return _JOIN_SPACE.sub("", " ".join(text.split()))
