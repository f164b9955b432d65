"""Ranking a question's candidates: the fitted linear model over their features.

`rank` retrieves candidates (`bot.search.retrieval`), describes each (`bot.search.features`) and
scores them with the ranker's weights (`bot.search.weights`); the best score first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.search.features import FEATURES, feature_matrix
from bot.search.index import Index
from bot.search.question import Question
from bot.search.retrieval import Evidence, retrieve
from bot.search.weights import ranker_weights

__all__ = ["Ranked", "rank"]


@dataclass(frozen=True, eq=False)
class Ranked:
    """A question's candidates, described and scored."""

    question: Question
    evidence: Evidence
    index_heading_terms: frozenset[str]  # the notes' heading terms (bot.search.index.Index.heading_terms)
    features: np.ndarray  # candidates × FEATURES
    scores: np.ndarray  # the ranker's score of each candidate
    order: np.ndarray  # candidate positions, best score first

    def __len__(self) -> int:
        return len(self.order)

    def row(self, place: int) -> int:
        """The index row of the candidate at a place of the order (0: the best)."""
        return int(self.evidence.rows[self.order[place]])

    def probabilities(self) -> np.ndarray:
        """The candidates' scores as a distribution (softmax), in candidate order."""
        if not len(self.scores):
            return self.scores
        shifted = np.exp(self.scores - self.scores.max())
        return shifted / shifted.sum()


def rank(index: Index, question: Question) -> Ranked:
    """The question's candidates, best first."""
    evidence = retrieve(index, question)
    features = feature_matrix(index, question, evidence)
    scores = features @ ranker_weights(FEATURES) if len(features) else np.zeros(0, dtype=np.float32)
    order = np.lexsort((evidence.rows, -scores)) if len(scores) else np.zeros(0, dtype=np.int64)
    return Ranked(question, evidence, index.heading_terms, features, scores, order)
