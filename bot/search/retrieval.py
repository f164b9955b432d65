"""Finding candidate passages for a question: BM25F over the index's postings, in one vectorised pass.

Each term scores a row by its best alternative (quality × the alternative's saturated BM25F weight
there), times the term's weight; a row's score is the sum over the question's terms. The best
`CANDIDATES` rows go on to ranking (`bot.search.ranking`), with, for each term, where it stands in
each of them: the quality of its best alternative in each field (`Evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.search.index import FIELD_BIT, FIELDS, K1, Index
from bot.search.question import Question

__all__ = ["CANDIDATES", "Evidence", "retrieve"]

# How many rows are ranked in full. Measured on the six question sets: from 15 to 40 the same
# answers but for one or two questions (20: one more right on dev_practice, 0.817), 10 loses some;
# each row costs the ranking its text features, so the fewest that lose nothing.
CANDIDATES = 20


@dataclass(frozen=True, eq=False)
class Evidence:
    """The candidate rows of a question and where each of its terms stands in them."""

    rows: np.ndarray  # candidate rows, best BM25F score first
    scores: np.ndarray  # their BM25F scores
    fields: dict[str, np.ndarray]  # field → (candidates × terms) quality of the term's best form there
    sections: np.ndarray  # (candidates × terms) best quality of the term in the body of any row of
    # the candidate's section, or in its headings
    sections_of: np.ndarray  # the candidates' section numbers


def _postings(index: Index, term_id: int) -> slice:
    return slice(int(index.starts[term_id]), int(index.starts[term_id + 1]))


def retrieve(index: Index, question: Question, limit: int = CANDIDATES) -> Evidence:
    """The best rows for a question by BM25F, and its terms' evidence in them."""
    terms = question.terms
    total = np.zeros(index.size, dtype=np.float32)
    for term in terms:
        if not term.alternatives or term.weight <= 0:
            continue
        best = np.zeros(index.size, dtype=np.float32)
        for term_id, quality in term.alternatives:
            span = _postings(index, term_id)
            rows = index.posting_rows[span]
            best[rows] = np.maximum(best[rows], quality * index.posting_weights[span])
        total += term.weight * (K1 + 1.0) * best
    found = np.flatnonzero(total > 0)
    if len(found) > limit:
        found = found[np.argpartition(-total[found], limit - 1)[:limit]]
    order = found[np.lexsort((found, -total[found]))]
    fields, sections = _presence(index, question, order)
    return Evidence(order, total[order], fields, sections, index.section_of[order])


_BODY_OR_TITLE = FIELD_BIT["body"] | FIELD_BIT["heading"] | FIELD_BIT["path"]


def _presence(index: Index, question: Question, rows: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """For each candidate and term: the quality of the term's best form in each field, and in the
    candidate's section.

    All the postings of all the terms' alternatives at once: each posting of a candidate row sets
    (candidate, term) to the alternative's quality in the fields its mask names, each posting in
    a body or a title sets it for every candidate of that posting's section; a maximum either way
    (the same values whatever the order)."""
    shape = (len(rows), len(question.terms))
    fields = {name: np.zeros(shape, dtype=np.float32) for name in FIELDS}
    sections = np.zeros(shape, dtype=np.float32)
    if not len(rows):
        return fields, sections
    spans, columns, qualities = [], [], []
    for column, term in enumerate(question.terms):
        for term_id, quality in term.alternatives:
            start, end = int(index.starts[term_id]), int(index.starts[term_id + 1])
            if end > start:
                spans.append(np.arange(start, end))
                columns.append(np.full(end - start, column, dtype=np.int64))
                qualities.append(np.full(end - start, quality, dtype=np.float32))
    if not spans:
        return fields, sections
    postings = np.concatenate(spans)
    column_of = np.concatenate(columns)
    quality_of = np.concatenate(qualities)
    posted = index.posting_rows[postings]
    masks = index.posting_fields[postings]

    candidate = np.full(index.size, -1, dtype=np.int64)
    candidate[rows] = np.arange(len(rows))
    at = candidate[posted]
    mine = at >= 0
    for name in FIELDS:
        held = mine & ((masks & FIELD_BIT[name]) > 0)
        np.maximum.at(fields[name], (at[held], column_of[held]), quality_of[held])

    # The section holds the term when any of its rows does, in its body or headings.
    wanted = index.section_of[rows]
    numbers, slot = np.unique(wanted, return_inverse=True)
    section_slot = np.full(int(index.section_of.max(initial=0)) + 1, -1, dtype=np.int64)
    section_slot[numbers] = np.arange(len(numbers))
    titled = (masks & _BODY_OR_TITLE) > 0
    held_in = section_slot[index.section_of[posted[titled]]]
    inside = held_in >= 0
    by_section = np.zeros((len(numbers), shape[1]), dtype=np.float32)
    np.maximum.at(by_section, (held_in[inside], column_of[titled][inside]), quality_of[titled][inside])
    sections = by_section[slot.reshape(-1)]
    return fields, sections
