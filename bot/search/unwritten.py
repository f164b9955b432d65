"""Unwritten chapters a question points at: sections of the notes that are still only a heading.

A question whose words a chapter's title holds better than any passage answers it is about that
chapter: the bot says it is not written yet rather than answer with a passage that only mentions
the question's words in passing.
"""

from __future__ import annotations

from bisect import bisect_right

from bot.notes.corpus import Section
from bot.search.index import Index
from bot.search.question import Question

__all__ = ["UNWRITTEN_SHARE", "title_share", "unwritten_chapters"]

# A chapter's title must hold at least this share of the question's weight to be pointed at.
UNWRITTEN_SHARE = 0.5
_MOST = 3


def title_share(question: Question, title: str) -> float:
    """The share of the question's weight whose terms a (normalised) title holds."""
    total = question.weight
    if not total:
        return 0.0
    held = sum(term.weight for term in question.terms if any(form and form in title for form in (term.text, *term.forms[:3])))
    return held / total


def unwritten_chapters(index: Index, question: Question) -> tuple[tuple[Section, float], ...]:
    """The unwritten chapters whose titles hold enough of the question, best first, with their share.

    `title_share` of every unwritten title, found the other way round: each form of the question
    is looked for in all the titles at once (`Index.unwritten_titles`), and only the titles that
    hold one are added up, in the same order, so to the same shares."""
    total = question.weight
    if not total or not index.unwritten:
        return ()
    joined, starts = index.unwritten_titles
    holding: dict[int, set[int]] = {}  # title number → the terms it holds
    for number, term in enumerate(question.terms):
        for form in (term.text, *term.forms[:3]):
            if not form:
                continue
            at = joined.find(form)
            while at >= 0:
                title = bisect_right(starts, at) - 1
                holding.setdefault(title, set()).add(number)
                if title + 1 >= len(starts):
                    break
                at = joined.find(form, starts[title + 1])
    found = []
    for title in sorted(holding):
        held = holding[title]
        share = sum(term.weight for number, term in enumerate(question.terms) if number in held) / total
        if share >= UNWRITTEN_SHARE:
            found.append((index.unwritten[title][0], share))
    found.sort(key=lambda item: -item[1])
    return tuple(found[:_MOST])
