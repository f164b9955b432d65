"""Unwritten chapters a question points at: sections of the notes that are still only a heading.

A question whose words a chapter's title holds better than any passage answers it is about that
chapter: the bot says it is not written yet rather than answer with a passage that only mentions
the question's words in passing.
"""

from __future__ import annotations

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
    """The unwritten chapters whose titles hold enough of the question, best first, with their share."""
    found = [(section, title_share(question, title)) for section, title in index.unwritten]
    found = [(section, share) for section, share in found if share >= UNWRITTEN_SHARE]
    found.sort(key=lambda item: -item[1])
    return tuple(found[:_MOST])
