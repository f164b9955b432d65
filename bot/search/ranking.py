"""Ranking a question's candidates: the fitted linear model over their features.

`rank` retrieves candidates (`bot.search.retrieval`), describes each (`bot.search.features`) and
scores them with the ranker's weights (`bot.search.weights`); the best score first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.search.features import FEATURES, feature_matrix
from bot.search.index import Index
from bot.search.question import Question
from bot.search.retrieval import Evidence, retrieve
from bot.search.weights import ranker_weights

__all__ = ["Ranked", "agreeing", "rank"]


@dataclass(frozen=True, eq=False)
class Ranked:
    """A question's candidates, described and scored."""

    question: Question
    evidence: Evidence
    index_heading_terms: frozenset[str]  # the notes' heading terms (bot.search.index.Index.heading_terms)
    features: np.ndarray  # candidates × FEATURES
    scores: np.ndarray  # the ranker's score of each candidate
    order: np.ndarray  # candidate positions, best score first
    agrees: np.ndarray  # candidate → whether it gives the best one's answer (see `agreeing`)

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
    agrees = agreeing(index, evidence.rows, order, question.text)
    return Ranked(question, evidence, index.heading_terms, features, scores, order, agrees)


# Candidates after these places weigh too little in the distribution to matter.
_AGREEING_LOOKED_AT = 10


def agreeing(index: Index, rows: np.ndarray, order: np.ndarray, asked: str) -> np.ndarray:
    """Which of the best-placed candidates give the best one's answer: the same text, a part of it, a
    whole it is part of (a list and its item, a section and its passages), a whole sharing parts
    with it, or a passage giving the same one or two names the (normalised) question ``asked``
    lacks. They are no rival answers: the best one's lead is over the others."""
    agrees = np.zeros(len(rows), dtype=bool)
    if not len(order):
        return agrees
    best_row = int(rows[order[0]])
    best = index.passage(best_row)
    mine = {best.id, *best.parts}
    # The names the best one answers with, the question aside ("IfNotPresent" for "默认是啥"): a
    # passage elsewhere giving the same names gives the same answer.
    names = set(_LATIN.findall(index.texts[best_row])) - set(_LATIN.findall(asked))
    names = names if 1 <= len(names) <= _ANSWER_NAMES else set()
    for place in order[:_AGREEING_LOOKED_AT]:
        row = int(rows[place])
        passage = index.passage(row)
        agrees[place] = (
            bool(mine & {passage.id, *passage.parts})
            or index.texts[row] == index.texts[best_row]
            or bool(names) and names <= set(_LATIN.findall(index.texts[row]))
        )
    return agrees


_LATIN = re.compile(r"[a-z][a-z0-9_\-]{2,}")
_ANSWER_NAMES = 2  # names of a best answer that others must give too to agree with it
