"""Facts with a year, a version or a name: the notes' sentence with that fact left blank."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.notes.quiz.item import Draft
from bot.notes.quiz.text import sentences, strip_label, tidy

__all__ = ["fact_drafts"]

_YEAR = re.compile(r"(?<![\d.])((?:1[89]|20)\d{2})(?=\s*年(?!代))")
_VERSION = re.compile(r"(?<![\d.A-Za-z])(\d+\.\d+(?:\.\d+)?)(?![\d.])")
# "0.9版本", "版本 1.13", "v2.1": a number with a version cue before or after it. ("Apache 2.0"
# names a licence: its number still serves as a wrong answer, never as a question.)
_VERSION_CUE_AFTER = re.compile(r"^\s*(?:版|正式版)")
_VERSION_CUE_BEFORE = re.compile(r"(?:[Vv]ersion|版本|\b[Vv])\s*$")
# A product with its year in brackets: "Solaris Containers（2004年发布）", "OpenVZ（2005年）".
_NAMED = re.compile(r"([A-Za-z][A-Za-z0-9.\-/+]*(?: [A-Za-z0-9][A-Za-z0-9.\-/+]*){0,3})\s*[（(][^（）()]*?\d{4}\s*年")
# Who said it: "IBM DeveloperWorks对容器技术的描述：…", "wikipedia这样定义：…", "…发起人Soloman Hykes认为，…".
_SAID = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z][A-Za-z0-9.\-]*(?: [A-Za-z][A-Za-z0-9.\-]*){0,3})\s*"
    r"(?:对[^：:，,。；]{1,20}的(?:描述|定义|解释|评价)|这样(?:定义|描述|解释|说|写道)|认为|指出|写道)"
    r"\s*[：:，,]\s*(.+)",
    re.S,
)
_QUOTED = 70  # enough of a quoted statement to recognise it
_KINDS = ("paragraph", "quote", "list_item")
_SHORT = 12  # a sentence shorter than this does not stand alone


def _frame(passage: Passage, sentence: str) -> str:
    """The sentence to show, as the notes say it (a list's lead-in glued before it reads badly:
    "容器技术（包括LXC），也经历了长期的演化：FreeBSD系统上的jail…"); "" when it is too short to
    stand alone."""
    text = tidy(strip_label(sentence) if passage.kind == "list_item" else sentence)
    return text if len(text) >= _SHORT else ""


def _fill(passage: Passage, shown: str) -> str:
    frame = _frame(passage, shown)
    return texts.QUIZ_FILL.format(text=frame) if frame else ""  # no question: the draft is dropped


def _years(corpus: Corpus) -> list[int]:
    return sorted({int(y) for p in corpus.passages if p.kind in _KINDS for y in _YEAR.findall(p.text)})


def fact_drafts(corpus: Corpus) -> Iterator[Draft]:
    years = _years(corpus)
    # Wrong versions are versions the notes give as versions ("0.9版本"), never other numbers of
    # that shape ("Apache 2.0" is a licence's).
    versions = sorted(
        {m.group(1) for p in corpus.passages if p.kind in _KINDS for s in sentences(p.text) for m in _versions(s)},
        key=lambda v: tuple(int(x) for x in v.split(".")),
    )
    names_by_list: dict[tuple[str, tuple[str, ...], str], list[str]] = {}
    for passage in corpus.passages:
        if passage.kind in _KINDS:
            key = (passage.file, passage.section, passage.context)
            for match in _NAMED.finditer(passage.text):
                names_by_list.setdefault(key, []).append(match.group(1))
    said = [(passage, match) for passage in corpus.passages if passage.kind in _KINDS for match in [_SAID.search(passage.text)] if match]
    speakers = list(dict.fromkeys(match.group(1) for _, match in said))
    for passage, match in said:
        yield from _speaker_drafts(passage, match, speakers)
    for passage in corpus.passages:
        if passage.kind not in _KINDS:
            continue
        for sentence in sentences(passage.text):
            yield from _year_drafts(passage, sentence, years)
            yield from _version_drafts(passage, sentence, versions)
            siblings = names_by_list.get((passage.file, passage.section, passage.context), [])
            yield from _name_drafts(passage, sentence, siblings)


def _year_drafts(passage: Passage, sentence: str, years: list[int]) -> Iterator[Draft]:
    for match in _YEAR.finditer(sentence):
        year = int(match.group(1))
        shown = sentence[: match.start()] + texts.QUIZ_BLANK + sentence[match.end() :]
        near = sorted((y for y in years if y != year), key=lambda y: (abs(y - year), y))
        yield Draft(
            kind="year",
            question=_fill(passage, shown),
            answer=str(year),
            tiers=(tuple(str(y) for y in near[:3]), tuple(str(y) for y in near[3:])),
            why=texts.QUIZ_WHY_SENTENCE.format(text=tidy(sentence)),
            passage=passage,
            min_options=3,
            extra_key=str(match.start()),
            anchor=sentence,
        )


def _versions(sentence: str) -> Iterator[re.Match[str]]:
    """Numbers the sentence gives as versions: with a version cue before or after them."""
    for match in _VERSION.finditer(sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        if _VERSION_CUE_AFTER.search(after[:3]) or _VERSION_CUE_BEFORE.search(before[-12:]):
            yield match


def _version_drafts(passage: Passage, sentence: str, versions: list[str]) -> Iterator[Draft]:
    for match in _versions(sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        version = match.group(1)
        shown = before + texts.QUIZ_BLANK + after
        yield Draft(
            kind="version",
            question=_fill(passage, shown),
            answer=version,
            tiers=(tuple(v for v in versions if v != version),),
            why=texts.QUIZ_WHY_SENTENCE.format(text=tidy(sentence)),
            passage=passage,
            extra_key=str(match.start()),
            anchor=sentence,
        )


def _name_drafts(passage: Passage, sentence: str, siblings: list[str]) -> Iterator[Draft]:
    if len(set(siblings)) < 3:
        return
    for match in _NAMED.finditer(sentence):
        name = match.group(1)
        shown = sentence[: match.start(1)] + texts.QUIZ_BLANK + sentence[match.end(1) :]
        yield Draft(
            kind="name",
            question=_fill(passage, shown),
            answer=name,
            tiers=(tuple(s for s in siblings if s != name),),
            why=texts.QUIZ_WHY_SENTENCE.format(text=tidy(sentence)),
            passage=passage,
            min_options=3,
            extra_key=name,
            anchor=sentence,
        )


def _speaker_drafts(passage: Passage, match: re.Match[str], speakers: list[str]) -> Iterator[Draft]:
    """Whose words the notes quote: the quoted statement asks for its source."""
    speaker = match.group(1)
    statement = sentences(match.group(2))[0].rstrip("。；;！？!? ") if match.group(2).strip() else ""
    if len(statement) > _QUOTED:
        cut = max(statement.rfind(mark, 0, _QUOTED) for mark in "，,；")
        statement = texts.QUIZ_QUOTE_CUT.format(text=statement[:cut] if cut > 10 else statement[:_QUOTED])
    if len(statement) < 8:
        return
    yield Draft(
        kind="speaker",
        question=texts.QUIZ_SPEAKER.format(statement=statement.translate(texts.QUIZ_NESTED_QUOTES)),
        answer=speaker,
        tiers=(tuple(s for s in speakers if s != speaker),),
        why=texts.QUIZ_WHY_SENTENCE.format(text=tidy(passage.text[match.start() :])[:150]),
        passage=passage,
        extra_key=speaker,
    )
