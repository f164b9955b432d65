"""How likely the best answer is right: a logistic model over what the question and its best
candidate show, fitted on question sets where the right answers are known (`notesbot fit`).

The question's side says whether the notes could answer it at all: the share of its weight in words
the notes never use; a product or project name, an English word or a rare Chinese word the notes
lack; how specific its words are in general language (a greeting's words are common everywhere).
The candidate's side says how well it answers: its ranker score and its lead over the next, the
share of the question it covers in its text, headings and section. The probability is calibrated:
of the answers given with confidence 0.7, about seven in ten are right (`notesbot eval` prints the
table).
"""

from __future__ import annotations

import re

import numpy as np

from bot.search.features import FEATURES
from bot.search.question import Question, Term
from bot.search.ranking import Ranked
from bot.search.stems import is_english_word
from bot.search.text import CJK_RUN
from bot.search.weights import confidence_weights

__all__ = ["CONFIDENCE_FEATURES", "confidence", "confidence_features", "missing_names", "names_no_topic"]

CONFIDENCE_FEATURES = (
    "missing_share",
    "missing_name",
    "missing_english",
    "missing_chinese",
    "no_terms",
    "term_count",
    "total_weight",
    "specific",
    "specific_low",
    "in_headings",
    "top_score",
    "top_probability",
    "top_section_probability",
    "top_margin",
    "top_cover_body",
    "top_cover_any",
    "top_uncovered",
    "top_cover_section",
    "top_window",
    "top_cover_heading",
    "top_defines",
    "asks_definition",
    "single_term",
    "bias",
)


# Words this common in general language (the sum of their rarities) name no topic: "讲得很清楚".
_SPECIFIC_LOW = 0.6
# ... and, when no word of the question stands in the notes' headings, words up to this rarity.
_NO_TOPIC = 1.0
_TOPIC_SECTIONS = 8


def confidence_features(ranked: Ranked) -> np.ndarray:
    """The `CONFIDENCE_FEATURES` of a ranked question."""
    terms = ranked.question.terms
    total = sum(t.weight for t in terms)
    missing = [t for t in terms if t.missing]
    name = max([t.weight for t in missing if t.latin and not t.text.isdigit() and not is_english_word(t.text)]
               + [t.ghost for t in terms if t.latin], default=0.0)
    english = max([t.weight for t in missing if t.latin and is_english_word(t.text)], default=0.0)
    chinese = max([t.weight * t.rarity for t in missing if not t.latin] + [t.ghost for t in terms if not t.latin], default=0.0)
    specific = sum(t.rarity for t in terms if not t.missing and len(t.text) > 1)
    headings = ranked.index_heading_terms
    in_headings = sum(t.weight for t in terms if {t.text, *t.forms[:3]} & headings) / total if total else 0.0
    values = {
        "missing_share": sum(t.weight for t in missing) / total if total else 1.0,
        "missing_name": min(name, 10.0) / 10.0,
        "missing_english": min(english, 10.0) / 10.0,
        "missing_chinese": min(chinese, 10.0) / 10.0,
        "no_terms": float(not terms),
        "term_count": min(len(terms), 10) / 10.0,
        "total_weight": min(total, 40.0) / 40.0,
        "specific": min(specific, 5.0) / 5.0,
        "specific_low": float(specific < _SPECIFIC_LOW),
        "in_headings": in_headings,
        "asks_definition": float(ranked.question.intent.definition),
        "single_term": float(len(terms) == 1),
        "bias": 1.0,
    }
    if len(ranked):
        best = int(ranked.order[0])
        row = ranked.features[best]
        scores = ranked.scores
        values["top_score"] = float(scores[best]) / 10.0
        probabilities = ranked.probabilities()
        # candidates giving the same answer (a list and its item) are no rivals of the best one
        values["top_probability"] = float(probabilities[ranked.agrees].sum())
        # candidates from the best one's section agree with it
        sections = ranked.evidence.sections_of
        values["top_section_probability"] = float(probabilities[sections == sections[best]].sum())
        rival = next((int(place) for place in ranked.order[1:] if not ranked.agrees[place]), None)
        values["top_margin"] = float(scores[best] - scores[rival]) / 10.0 if rival is not None else 1.0
        for name_ in ("cover_body", "cover_any", "uncovered", "cover_section", "window", "cover_heading", "defines"):
            values[f"top_{name_}"] = float(row[FEATURES.index(name_)])
    return np.array([values.get(n, 0.0) for n in CONFIDENCE_FEATURES], dtype=np.float32)


def names_no_topic(question: Question, heading_terms: frozenset[str], sections: int) -> bool:
    """Whether a question names nothing the notes are about: none of its words stands in any heading
    of the notes, and they are common words of the language ("好的，讲得很清楚", "你叫什么名字").
    Notes of fewer than `_TOPIC_SECTIONS` sections have too few headings to tell."""
    if sections < _TOPIC_SECTIONS or any({t.text, *t.forms[:3]} & heading_terms for t in question.terms):
        return False
    return sum(t.rarity for t in question.terms if not t.missing and len(t.text) > 1) < _NO_TOPIC


def missing_names(question: Question) -> tuple[str, ...]:
    """The names a question asks about that occur nowhere in the notes: a Latin word that is no
    English word ("kyverno", "falco") or a compound the notes never write ("docker-slim"), not a
    number. The notes do not answer a question about them, however many other words match."""
    chinese = sum(map(len, CJK_RUN.findall(question.text))) >= 2  # written in Chinese, English words mixed in
    return tuple(t.text for t in question.terms if _a_name(t, chinese) and (t.missing or t.ghost > 0))


def _a_name(term: "Term", in_chinese: bool) -> bool:
    """Whether a Latin term reads as a name: not a number, not a qualified name or path
    ("Executors.newFixedThreadPool": its parts may stand apart in the notes); in an English
    question not English words either ("safer", "left+right") — in a Chinese one an English word
    is a name ("Kafka 的分区").
    """
    text = term.text
    if " " in text:  # a name of two capitalised words the notes never write together ("Docker Machine")
        return in_chinese and text.count(" ") == 1
    if not term.latin or text[:1].isdigit() or len(text) < 3 or re.search(r"[./]", text):
        return False
    parts = [part for part in re.split(r"[\-_+]+", text) if part]
    if len(parts) > 1:  # a compound of English words is a phrase ("left+right"), not a name
        return not all(is_english_word(part) for part in parts)
    return in_chinese or not is_english_word(text)


def confidence(ranked: Ranked) -> float:
    """The probability that the best candidate answers the question (0 without candidates)."""
    if not len(ranked):
        return 0.0
    z = float(confidence_features(ranked) @ confidence_weights(CONFIDENCE_FEATURES))
    return float(1.0 / (1.0 + np.exp(-z)))
