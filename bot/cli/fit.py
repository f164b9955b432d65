"""`notesbot fit SET...`: refit the search's ranking and confidence weights from question sets.

A set is ``NOTES_DIR=QUESTIONS.jsonl`` (the question-set format of `../shared/eval/`). For every
question the candidates' features are computed as the bot computes them; the ranker is a linear
model fitted by maximising the probability of the right candidates among each question's candidates
(softmax), the confidence model a logistic regression of "the best candidate is right" (a question
the notes do not answer never is). Every set weighs as much as any other, whatever its size, so no
one set of notes dominates. The confidence model's regularisation is the one of
`REGULARISATIONS` whose probabilities are best (least Brier score) on notes left out of its fit, one
folder at a time. Before writing the weights it prints, for every notes folder, the figures of
weights fitted *without* that folder's sets: what to expect on notes never seen.
`--confidence-only` keeps the ranker of `weights.json` and refits the confidence model alone: the
answers stay, what changes is which are given and how sure they say they are.

Needs the development extras (scipy): `pip install -e '.[dev]'`.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["COARSER", "REGULARISATIONS", "Example", "choose_regularisation", "examples", "fit_confidence", "fit_ranker"]

# A right whole (list, table, pair, section) of right parts counts this much in fitting the ranker:
# it answers, but its part answers more to the point (measured: 0.8 keeps the held-out figures of
# 1.0 and gives the finer passage where both answer).
COARSER = 0.8
# The confidence model's regularisations tried: fewer features' worth of freedom generalise better
# to unseen notes, too few underfit (measured: 3e-3 best on the six sets of the Makefile).
REGULARISATIONS = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2)


@dataclass
class Example:
    """One question of a set: its candidates' features and which of them are right."""

    folder: str
    question: str
    in_scope: bool
    features: np.ndarray  # candidates × FEATURES
    right: np.ndarray  # candidates: holds an expected answer
    confidence: object  # question, evidence, index: ranked again with each ranker's weights
    finest: np.ndarray  # the right candidates that are not wholes of right candidates: what to learn
    names_missing: bool  # refused by rule (missing_names, names_no_topic in bot.search.confidence)


def examples(folder: Path, questions: Path) -> list[Example]:
    """The examples of one question set over one notes folder."""
    from bot.cli.evaluate import plain, read_rows
    from bot.config import load_settings
    from bot.library import load_library
    from bot.search.confidence import missing_names, names_no_topic
    from bot.search.features import feature_matrix
    from bot.search.question import read_question
    from bot.search.retrieval import retrieve

    index = load_library(folder, load_settings().cache_dir).index
    found = []
    for row in read_rows(questions):
        asked = read_question(index, str(row.get("question", "")))
        evidence = retrieve(index, asked)
        features = feature_matrix(index, asked, evidence)
        answers = [str(a) for a in row.get("answers") or []]
        right = np.array([any(a in plain(index.passage(int(r)).text) for a in answers) for r in evidence.rows], dtype=bool)
        found.append(Example(str(folder), str(row.get("question", "")), bool(answers), features, right, (asked, evidence, index),
                             _finest(index, evidence.rows, right),
                             bool(missing_names(asked)) or names_no_topic(asked, index.heading_terms, len(index.corpus.sections))))
    return found


def _finest(index, rows: np.ndarray, right: np.ndarray) -> np.ndarray:  # type: ignore[no-untyped-def]
    """The right candidates, but for a whole (list, table, pair, section) one of whose parts is a
    right candidate too: the ranker learns to give the finest passage that answers."""
    right_ids = {int(index.rows[int(r)]) for r, ok in zip(rows, right) if ok}
    finest = right.copy()
    for k, (r, ok) in enumerate(zip(rows, right)):
        passage = index.passage(int(r))
        if ok and passage.parts and right_ids & set(passage.parts):
            finest[k] = False
    return finest


def _set_weights(sets: list[list[Example]]) -> list[tuple[Example, float]]:
    """Each usable example with a weight such that every set weighs the same in all."""
    usable = [[e for e in s if e.right.any()] for s in sets]
    total = sum(len(s) for s in usable)
    return [(e, total / (len(usable) * len(s))) for s in usable for e in s]


def fit_ranker(sets: list[list[Example]], regularisation: float = 1e-4) -> np.ndarray:
    """Ranker weights maximising the right candidates' softmax probability."""
    from scipy.optimize import minimize

    weighted = _set_weights(sets)
    size = weighted[0][0].features.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value = regularisation * float(w @ w) * len(weighted)
        grad = 2 * regularisation * w * len(weighted)
        for example, weight in weighted:
            x = example.features.astype(np.float64)
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            # every right candidate counts, the finest fully, a whole of right parts at COARSER
            credit = np.where(example.finest, 1.0, np.where(example.right, COARSER, 0.0))
            mass = float(p @ credit) + 1e-12
            value -= weight * np.log(mass)
            grad -= weight * (((p * credit) @ x) / mass - p @ x)
        return value / len(weighted), grad / len(weighted)

    return minimize(loss, np.zeros(size), jac=True, method="L-BFGS-B").x


def _confidence_rows(
    sets: list[list[Example]], ranker: np.ndarray, keep_refused: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from bot.search.confidence import confidence_features
    from bot.search.ranking import Ranked, agreeing

    xs, ys, ws = [], [], []
    for examples_ in sets:
        for example in examples_:
            if example.names_missing and not keep_refused:
                continue
            asked, evidence, index = example.confidence  # type: ignore[misc]
            scores = example.features @ ranker if len(example.features) else np.zeros(0)
            order = np.lexsort((evidence.rows, -scores)) if len(scores) else np.zeros(0, dtype=np.int64)
            ranked = Ranked(asked, evidence, index.heading_terms, example.features, scores.astype(np.float32), order,
                            agreeing(index, evidence.rows, order, asked.text))
            xs.append(confidence_features(ranked))
            ys.append(bool(len(order)) and example.in_scope and bool(example.right[order[0]]))
            ws.append(1.0 / len(examples_))
    return np.array(xs, dtype=np.float64), np.array(ys, dtype=np.float64), np.array(ws) / np.mean(ws)


def fit_confidence(sets: list[list[Example]], ranker: np.ndarray, regularisation: float = 1e-3) -> np.ndarray:
    """Logistic-regression weights for "the best candidate is right"."""
    from scipy.optimize import minimize

    x, y, w = _confidence_rows(sets, ranker)

    def loss(b: np.ndarray) -> tuple[float, np.ndarray]:
        p = 1.0 / (1.0 + np.exp(-(x @ b)))
        value = -float((w * (y * np.log(p + 1e-9) + (1 - y) * np.log(1 - p + 1e-9))).mean()) + regularisation * float(b[:-1] @ b[:-1])
        grad = x.T @ (w * (p - y)) / len(y) + 2 * regularisation * np.r_[b[:-1], 0.0]
        return value, grad

    return minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x


def _held_out_brier(sets: list[list[Example]], ranker: np.ndarray, regularisation: float) -> float:
    """The mean over folders of the Brier score of confidence fitted without that folder."""
    folders = [s[0].folder for s in sets if s]
    scores = []
    for folder in sorted(set(folders)):
        train = [s for s in sets if s and s[0].folder != folder]
        if not train:
            continue
        calibration = fit_confidence(train, ranker, regularisation)
        for s in sets:
            if s and s[0].folder == folder:
                x, y, _ = _confidence_rows([s], ranker)
                scores.append(float(np.mean((1.0 / (1.0 + np.exp(-(x @ calibration))) - y) ** 2)))
    return float(np.mean(scores)) if scores else float("nan")


def choose_regularisation(sets: list[list[Example]], ranker: np.ndarray) -> float:
    """The regularisation of `REGULARISATIONS` whose confidence is best on notes it was not fitted on."""
    scores = {r: _held_out_brier(sets, ranker, r) for r in REGULARISATIONS}
    print("confidence regularisation (held-out Brier): " + ", ".join(f"{r:g} {b:.4f}" for r, b in scores.items()))
    return min(REGULARISATIONS, key=lambda r: (scores[r], r))


def _figures(examples_: list[Example], ranker: np.ndarray, calibration: np.ndarray) -> tuple[float, float, float]:
    """hit@1 (answered and right), refusal, and the ranking's own hit@1 (the best candidate right,
    answered or not) of one set under given weights."""
    from bot.search.answer import ANSWER_MIN

    x, y, _ = _confidence_rows([examples_], ranker, keep_refused=True)
    sure = 1.0 / (1.0 + np.exp(-(x @ calibration)))
    answered = (sure >= ANSWER_MIN) & ~np.array([e.names_missing for e in examples_])
    inside = np.array([e.in_scope for e in examples_])
    hit = float((answered & (y > 0))[inside].mean()) if inside.any() else float("nan")
    refused = float((~answered)[~inside].mean()) if (~inside).any() else float("nan")
    ranked = float((y > 0)[inside].mean()) if inside.any() else float("nan")
    return hit, refused, ranked


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot fit`."""
    parser.add_argument("sets", nargs="+", help="NOTES_DIR=QUESTIONS.jsonl, one a question set")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "search" / "weights.json")
    parser.add_argument("--check", action="append", default=[], metavar="SET",
                        help="a question set to report with the fitted weights but not fit on")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    parser.add_argument("--confidence-only", action="store_true",
                        help="keep the ranker of the weights file, refit the confidence model alone")


def main(args: argparse.Namespace) -> int:
    """Fit, report the held-out figures for each notes folder, write the weights."""
    from bot.search.confidence import CONFIDENCE_FEATURES
    from bot.search.features import FEATURES
    from bot.search.weights import ranker_weights

    sets: list[list[Example]] = []
    names: list[str] = []
    checks: list[tuple[str, list[Example]]] = []
    for spec in [*args.sets, *args.check]:
        folder, _, questions = spec.partition("=")
        if not questions:
            print(f"not NOTES_DIR=QUESTIONS.jsonl: {spec}", file=sys.stderr)
            return 2
        name = f"{Path(questions).name} ({Path(folder).name})"
        found = examples(Path(folder), Path(questions))
        if spec in args.check:
            checks.append((name, found))
        else:
            sets.append(found)
            names.append(name)
    folders = sorted({s[0].folder for s in sets if s})

    def ranker_of(sets_: list[list[Example]]) -> np.ndarray:
        return ranker_weights(FEATURES).astype(np.float64) if args.confidence_only else fit_ranker(sets_)

    ranker = ranker_of(sets)
    regularisation = choose_regularisation(sets, ranker)
    calibration = fit_confidence(sets, ranker, regularisation)
    print(f"{'set':45} {'fitted on all':>22} {'folder held out (hit@1 / refusal / ranking)':>44}")
    held: dict[int, tuple[float, float, float]] = {}
    for folder in folders:
        others = [s for s in sets if s and s[0].folder != folder]
        if not others:
            continue
        r = ranker_of(others)
        c = fit_confidence(others, r, regularisation)
        for number, s in enumerate(sets):
            if s and s[0].folder == folder:
                held[number] = _figures(s, r, c)
    nan = (float("nan"),) * 3
    for number, (name, s) in enumerate(zip(names, sets)):
        hit, refusal, _ = _figures(s, ranker, calibration)
        out = held.get(number, nan)
        print(f"{name:45} {hit:9.3f} / {refusal:5.3f}     {out[0]:9.3f} / {out[1]:5.3f} / {out[2]:5.3f}")
    for name, found in checks:
        hit, refusal, ranking = _figures(found, ranker, calibration)
        print(f"{name + ' (not fitted on)':45} {'':22}     {hit:9.3f} / {refusal:5.3f} / {ranking:5.3f}")
    unseen = [held.get(n, nan) for n in range(len(sets))] + [_figures(f, ranker, calibration) for _, f in checks]
    means = [float(np.nanmean([u[k] for u in unseen])) for k in range(3)]
    print(f"{'mean over unseen notes':45} {'':22}     {means[0]:9.3f} / {means[1]:5.3f} / {means[2]:5.3f}")
    if args.dry_run:
        return 0
    weights = {
        "ranker": {name: round(float(v), 5) for name, v in zip(FEATURES, ranker)},
        "confidence": {name: round(float(v), 5) for name, v in zip(CONFIDENCE_FEATURES, calibration)},
        "fitted_on": names,
    }
    args.out.write_text(json.dumps(weights, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"weights written to {args.out}")
    return 0
