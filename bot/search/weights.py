"""The fitted weights of the ranking and confidence models (`weights.json`, written by `notesbot fit`).

Both models are linear over features that mean the same for any notes (`bot.search.features`,
`bot.search.confidence`): the ranker's score orders the candidates of a question, the confidence
model turns the best candidate's and the question's features into the probability that the answer
is right (logistic). `notesbot fit` refits them from question sets (JSON lines, as in
`../shared/eval/`), every set weighing as much as any other, and reports the held-out figures.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import numpy as np

__all__ = ["WEIGHTS_FILE", "confidence_weights", "ranker_weights", "weights_signature"]

WEIGHTS_FILE = "weights.json"


@cache
def _weights() -> dict[str, dict[str, float]]:
    return json.loads(resources.files("bot.search").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8"))


def _vector(section: str, names: tuple[str, ...]) -> np.ndarray:
    table = _weights().get(section, {})
    return np.array([float(table.get(name, 0.0)) for name in names], dtype=np.float32)


@cache
def ranker_weights(names: tuple[str, ...]) -> np.ndarray:
    """The ranker's weight of each named feature (0 for a feature it has none for)."""
    return _vector("ranker", names)


@cache
def confidence_weights(names: tuple[str, ...]) -> np.ndarray:
    """The confidence model's weight of each named feature, its bias named "bias"."""
    return _vector("confidence", names)


def weights_signature() -> str:
    """The weights as text, for the index cache key and tests."""
    return json.dumps(_weights(), sort_keys=True)
