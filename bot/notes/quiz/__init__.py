"""Multiple-choice quiz items generated from the notes (pure: a corpus in, frozen items out)."""

from bot.notes.quiz.build import build_quiz_items
from bot.notes.quiz.item import QuizItem, QuizSource, valid

__all__ = ["QuizItem", "QuizSource", "build_quiz_items", "valid"]
