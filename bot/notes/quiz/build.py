"""Every quiz item the notes allow, from all the generators, checked and deduplicated."""

from __future__ import annotations

from bot.notes.corpus import Corpus
from bot.notes.quiz.aliases import alias_drafts
from bot.notes.quiz.cloze import cloze_drafts
from bot.notes.quiz.facts import fact_drafts
from bot.notes.quiz.item import QuizItem, finish, unique, valid
from bot.notes.quiz.represents import represent_drafts
from bot.notes.quiz.tables import table_drafts
from bot.notes.quiz.terms import term_drafts

__all__ = ["build_quiz_items"]

_GENERATORS = (table_drafts, term_drafts, represent_drafts, fact_drafts, alias_drafts, cloze_drafts)


def build_quiz_items(corpus: Corpus, seed: int = 0) -> tuple[QuizItem, ...]:
    """Quiz items in the notes' order of generators; the same notes and seed give the same items."""
    items: list[QuizItem] = []
    for generate in _GENERATORS:
        for draft in generate(corpus):
            item = finish(draft, seed)
            if item is not None and not valid(item):
                items.append(item)
    return unique(items)
