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

# How many rows are ranked in full.
CANDIDATES = 40


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


def _presence(index: Index, question: Question, rows: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """For each candidate and term: the quality of the term's best form in each field, and in the
    candidate's section."""
    shape = (len(rows), len(question.terms))
    fields = {name: np.zeros(shape, dtype=np.float32) for name in FIELDS}
    sections = np.zeros(shape, dtype=np.float32)
    if not len(rows):
        return fields, sections
    wanted_sections = index.section_of[rows]
    for column, term in enumerate(question.terms):
        for term_id, quality in term.alternatives:
            span = _postings(index, term_id)
            posted = index.posting_rows[span]
            masks = index.posting_fields[span]
            at = np.searchsorted(posted, rows)
            inside = at < len(posted)
            hit = np.zeros(len(rows), dtype=bool)
            hit[inside] = posted[at[inside]] == rows[inside]
            if hit.any():
                mask = masks[at[hit]]
                for name in FIELDS:
                    held = (mask & FIELD_BIT[name]) > 0
                    values = fields[name][hit, column]
                    fields[name][hit, column] = np.maximum(values, np.where(held, quality, 0.0))
            # The section holds the term when any of its rows does, in its body or headings.
            body_or_title = (masks & (FIELD_BIT["body"] | FIELD_BIT["heading"] | FIELD_BIT["path"])) > 0
            holding = np.isin(wanted_sections, index.section_of[posted[body_or_title]])
            sections[holding, column] = np.maximum(sections[holding, column], quality)
    return fields, sections
