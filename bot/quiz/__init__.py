"""Multiple-choice quiz items generated from the notes (pure: a corpus in, frozen items out)."""

from bot.quiz.build import build_quiz_items, build_recall_cards
from bot.quiz.item import QuizItem, QuizSource, valid
from bot.quiz.passages import coverage, items_for_passage, passages_of

__all__ = ["QuizItem", "QuizSource", "build_quiz_items", "build_recall_cards", "coverage", "items_for_passage", "passages_of", "valid"]
