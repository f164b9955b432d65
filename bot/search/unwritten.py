"""Unwritten chapters a question points at: sections of the notes that are still only a heading.

A question that matches a chapter which is still only a heading as well as any passage, quotes a
phrase of its title that no passage holds, or names a word that only that title holds, is about
that unwritten chapter: the bot says the chapter is not written yet rather than answer with a
passage that only mentions the question's words in passing.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.notes.corpus import Section
from bot.search.glossary import translations
from bot.search.index import Index, heading_text
from bot.search.question import Question, Unit
from bot.search.scoring import Scored, unit_credit
from bot.search.text import CJK_RUN
from bot.search.wording import is_function_word

__all__ = ["Chapter", "about_unwritten", "unwritten_chapters"]

# A question whose words match an unwritten chapter's title about as well as the best passage is
# about that chapter: the passage only mentions its words in passing.
_UNWRITTEN_MARGIN = 0.05
_UNWRITTEN_BELOW = 0.8  # ... unless the passage covers the question well
_RARE_DF = 3  # ... through words that many passages hold
# A word that no passage holds but an unwritten title does, making up this share of the question,
# says the question is about that chapter.
_ONLY_IN_TITLE = 0.25


@dataclass(frozen=True)
class Chapter:
    """An unwritten chapter a question points at."""

    share: float  # the share of the question's weight its title matches
    section: Section
    common: bool  # whether the words matched are common in the passages too
    only_share: float  # the share matched by words no passage holds
    named: bool = False  # the question quotes a phrase of its title that no passage holds


def unwritten_chapters(index: Index, question: Question) -> tuple[Chapter, ...]:
    """Chapters with no content yet that the question points at, best first (at most three): first
    the one whose title it quotes, then those whose titles match its words."""
    chapters = _matching_titles(index, question.units)
    named = _named_unwritten(index, question.text)
    if named is None:
        return chapters
    return (Chapter(1.0, named, False, 0.0, named=True), *(c for c in chapters if c.section != named))[:3]


def _matching_titles(index: Index, units: tuple[Unit, ...]) -> tuple[Chapter, ...]:
    """Chapters with no content yet whose titles match the question's words, best first."""
    total = sum(u.weight for u in units) or 1.0
    found: list[tuple[float, float, bool, Section]] = []
    for section, heading in index.unwritten:
        share = 0.0
        only = 0.0
        common = False
        for unit in units:
            pieces = unit.parts or (unit,)
            for piece in pieces:
                hits = [form for form, _ in piece.forms if form and form in heading]
                if hits:
                    share += piece.weight
                    dfs = [len(index.postings.get(form, ())) for form in hits]
                    # A form of it ("compose") stands nowhere but in this title, and no other form
                    # ("机器" for "machine") stands in a passage.
                    if min(dfs) == 0 and not _in_passages(index, piece):
                        only += piece.weight
                    common = common or max(dfs) > _RARE_DF
        if only or share / total >= 0.3:
            found.append((share, only, common, section))
    # A word found nowhere but in that title ("Machine") points at it more than a shared one.
    found.sort(key=lambda item: (-item[0], not item[1]))
    return tuple(Chapter(share / total, section, common, only / total) for share, only, common, section in found[:3])


def _in_passages(index: Index, unit: Unit) -> bool:
    """Whether some passage holds the unit in one of its forms, as a whole word."""
    return any(
        index.df(form) > 0 if latin else index.holds_cjk(form)
        for (form, quality), latin in zip(unit.forms, unit.latin)
        if form and quality >= 0.85
    )


def _named_unwritten(index: Index, text: str) -> Section | None:
    """An unwritten chapter whose title shares a phrase of three or more Chinese characters with the
    (normalised) question, a phrase no passage holds ("大数据平台", "私有仓库"): the question is about it."""
    best: tuple[int, Section] | None = None
    for section, heading in index.unwritten:
        for match in CJK_RUN.finditer(heading):
            run = match.group(0)
            for size in range(len(run), 2, -1):
                if best is not None and size <= best[0]:
                    break
                phrases = (run[k : k + size] for k in range(len(run) - size + 1))
                if any(p in text and _clean_phrase(p) and not index.holds_cjk(p) for p in phrases):
                    best = (size, section)
                    break
    return best[1] if best else None


def _clean_phrase(phrase: str) -> bool:
    """A phrase that neither starts nor ends with a function character ("容器与" is no phrase)."""
    return not is_function_word(phrase[0]) and not is_function_word(phrase[-1])


def about_unwritten(index: Index, units: tuple[Unit, ...], best: Scored, chapters: tuple[Chapter, ...]) -> bool:
    """Whether the question is about an unwritten chapter rather than the best passage: it quotes
    a phrase of the chapter's title that no passage holds ("云服务"); or a weighty word of the
    question stands only in that title (no passage holds "Dockerfile"); or the title matches it as
    well as the passage does, through words the passages only mention in passing (or the passage
    covers the question only in part, or holds some of its words only in its heading or lead-in) —
    unless the passage holds the question's weightiest word and the title does not ("chroot" in
    "when was chroot created": the title shares only the verb)."""
    if not chapters:
        return False
    chapter = chapters[0]
    if chapter.named:
        return True
    # Partial: the passage leaves part of the question out (a word matched only loosely, such as a
    # corrected typo, still counts as held).
    partial = best.confidence < _UNWRITTEN_BELOW and _held_share(index, units, best.pid) < _UNWRITTEN_BELOW
    if chapter.only_share >= _ONLY_IN_TITLE and partial:
        return True
    if chapter.share < best.confidence - _UNWRITTEN_MARGIN:
        return False
    # The question's weightiest word, and the rare names it uses (Latin words the glossary does not
    # translate and few passages hold: "chroot"), say what it is about more than a verb the title
    # shares ("创建").
    title = heading_text(chapter.section.path[-1])
    main = [max(units, key=lambda u: u.weight)]
    main += [
        u for u in units
        if not CJK_RUN.search(u.text) and not translations(u.text) and 0 < index.df(u.text) <= _RARE_DF
    ]
    for unit in main:
        if unit_credit(index, best.pid, unit) >= 0.5 and not any(
            f and f in title for piece in (unit, *unit.parts) for f, _ in piece.forms
        ):
            return False
    return partial or not chapter.common or _text_share(index, units, best.pid) < chapter.share - _UNWRITTEN_MARGIN


def _held_share(index: Index, units: tuple[Unit, ...], pid: int) -> float:
    """The share of the question's weight a passage matches at all, however loosely."""
    total = sum(u.weight for u in units) or 1.0
    return sum(u.weight for u in units if unit_credit(index, pid, u) >= 0.5) / total


def _text_share(index: Index, units: tuple[Unit, ...], pid: int) -> float:
    """The share of the question's weight a passage holds in its own text (not its heading), each
    word by the quality of the form found."""
    total = sum(u.weight for u in units) or 1.0
    text, words = index.texts[pid], index.words[pid]
    held = 0.0
    for unit in units:
        pieces = unit.parts or (unit,)
        for piece in pieces:
            # A translation ("机器" for "machine") holds the word less than the word itself.
            found = [
                1.0 if latin or CJK_RUN.search(piece.text) else q
                for (f, q), latin in zip(piece.forms, piece.latin)
                if f and ((f in words) if latin else (f in text))
            ]
            if found:
                held += piece.weight * max(found)
    return held / total
