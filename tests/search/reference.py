"""Plain reference versions of the search steps that have a fast path, as they were written before
the speed work of issue 12: the tests hold the fast ones to these on every corpus
(`tests/search/test_fast_paths.py`). Kept simple on purpose; not used by the bot."""

# ruff: noqa
from __future__ import annotations

import re

import numpy as np

from bot.search import features as F
from bot.search.features import DYNAMIC, FEATURES, STATIC
from bot.search.index import FIELD_BIT, FIELDS, K1, Index
from bot.search.retrieval import CANDIDATES, Evidence
from bot.search.unwritten import UNWRITTEN_SHARE, title_share

_DESCRIBED = F._DESCRIBED
_DEFINING = F._DEFINING
_OPENING, _TERM_AT_MOST, _WINDOW = F._OPENING, F._TERM_AT_MOST, F._WINDOW


def unwritten_chapters(index, question):
    found = [(section, title_share(question, title)) for section, title in index.unwritten]
    found = [(section, share) for section, share in found if share >= UNWRITTEN_SHARE]
    found.sort(key=lambda item: -item[1])
    return tuple(found[:3])


def _postings(index, term_id):
    return slice(int(index.starts[term_id]), int(index.starts[term_id + 1]))


def retrieve(index: Index, question, limit: int = CANDIDATES) -> Evidence:
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


def _presence(index: Index, question, rows: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
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


def feature_matrix(index, question, evidence) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Candidates (the rows of ``evidence``) × `FEATURES` for a question."""
    rows = evidence.rows
    count = len(rows)
    out = np.zeros((count, len(FEATURES)), dtype=np.float32)
    if not count:
        return out
    terms = question.terms
    weights = np.array([t.weight for t in terms], dtype=np.float32)
    total = float(weights.sum()) or 1.0
    fields = evidence.fields
    body, heading, path, context = fields["body"], fields["heading"], fields["path"], fields["context"]
    anywhere = np.maximum.reduce([body, heading, path, context])
    latin = np.array([t.latin for t in terms], dtype=bool)
    latin_total = float(weights[latin].sum())
    strong = weights >= (np.median(weights) if len(weights) else 0.0)
    topic = int(np.argmax(weights)) if len(weights) else -1
    column = {name: number for number, name in enumerate(FEATURES)}

    def put(name: str, values: np.ndarray | float) -> None:
        out[:, column[name]] = values

    best = float(evidence.scores[0]) or 1.0
    put("bm25_relative", evidence.scores / best)
    put("cover_body", body @ weights / total)
    put("cover_heading", heading @ weights / total)
    put("cover_path", path @ weights / total)
    put("cover_context", context @ weights / total)
    put("cover_any", anywhere @ weights / total)
    put("uncovered", (anywhere == 0) @ weights / total)
    put("cover_latin", (body[:, latin] @ weights[latin] / latin_total) if latin_total else 0.0)
    put("cover_section", np.maximum(evidence.sections, np.maximum(heading, path)) @ weights / total)
    put("cover_strong", body[:, strong] @ weights[strong] / (float(weights[strong].sum()) or 1.0))
    put("matched_share", (body > 0).sum(axis=1) / max(len(terms), 1))
    if topic >= 0:
        put("topic_anywhere", anywhere[:, topic] > 0)
        put("topic_in_body", body[:, topic] > 0)

    intent = question.intent
    why = bool(F._WHY.search(question.text))
    how = bool(F._HOW.search(question.text))
    yes_no = bool(F._YES_NO.search(question.text))
    static = index.static[rows]
    put("why_cause", why * static[:, STATIC.index("has_cause")])
    put("how_steps", how * static[:, STATIC.index("has_steps")])
    put("how_code", how * static[:, STATIC.index("has_code")])
    put("amount_number", intent.quantity * static[:, STATIC.index("has_number")])
    put("yes_no_negation", yes_no * static[:, STATIC.index("has_negation")])
    put("compare_cover", intent.comparison * out[:, column["cover_body"]])
    asks_list = bool(F._ASKS_LIST.search(question.text)) or intent.classification
    put("list_asked", asks_list * static[:, STATIC.index("kind_list")])
    put("table_compared", intent.comparison * static[:, STATIC.index("kind_table")])
    put("which_label", bool(F._WHICH.search(question.text)) * static[:, STATIC.index("has_label")])
    out[:, len(DYNAMIC) :] = static

    asks_name = bool(F._ASKS_NAME.search(question.text))
    pairs = F._question_bigrams(question.text)
    characters = F._question_characters(question.text)
    renderings = F._renderings(question.terms, (*characters, *pairs))
    phrases = F._latin_phrases(question.text)
    for k, row in enumerate(rows):
        text = index.texts[int(row)]
        title = index.section_titles[int(index.section_of[int(row)])]
        if characters:
            out[k, column["characters"]] = sum(1 for c in characters if c in text or _rendered(text, renderings.get(c))) / len(characters)
            out[k, column["heading_characters"]] = sum(1 for c in characters if c in title) / len(characters)
        if pairs:
            out[k, column["heading_bigrams"]] = sum(1 for pair in pairs if pair in title) / len(pairs)
        present = [t for t, held in zip(terms, body[k] > 0) if held]
        put_row = out[k]
        defines = _defines(text, present, total)
        put_row[column["defines"]] = defines
        put_row[column["defines_asked"]] = defines * intent.definition
        put_row[column["window"]] = _window(text, present, total)
        if phrases:
            out[k, column["latin_phrase"]] = sum(1 for phrase in phrases if phrase in text) / len(phrases)
        given = index.names_given[int(row)]
        if given:
            gives = sum(t.weight for t in present if given & {t.text, *t.forms[:3]}) / total
            put_row[column["gives_name"]] = gives
            put_row[column["name_asked"]] = gives * asks_name
        if pairs:
            put_row[column["bigrams"]] = sum(1 for pair in pairs if pair in text or _rendered(text, renderings.get(pair))) / len(pairs)
    return out


def _defines(text: str, present: list, total: float) -> float:  # type: ignore[type-arg]
    """The weight share of the heaviest term a passage opens by defining ("X（…）是…")."""
    opening = text[:_OPENING]
    best = 0.0
    for term in present:
        for form in term.forms[:3]:
            at = opening.find(form)
            if (0 <= at <= _TERM_AT_MOST and _DEFINING.match(opening, at + len(form))) or (
                at >= 0 and re.search(_DESCRIBED.format(term=re.escape(form)), opening)
            ):
                best = max(best, term.weight / total)
                break
    return best


def _window(text: str, present: list, total: float) -> float:  # type: ignore[type-arg]
    """The largest weight share of the question's terms standing within one window of the text."""
    places: list[tuple[int, int]] = []
    for number, term in enumerate(present):
        form = next((f for f in term.forms[:3] if f in text), None)
        at = text.find(form) if form else -1
        while at >= 0 and len(places) < 200:
            places.append((at, number))
            at = text.find(form, at + 1)  # type: ignore[arg-type]
    if not places:
        return 0.0
    places.sort()
    inside: dict[int, int] = {}
    best = 0.0
    start = 0
    for position, number in places:
        inside[number] = inside.get(number, 0) + 1
        while places[start][0] < position - _WINDOW:
            gone = places[start][1]
            inside[gone] -= 1
            if not inside[gone]:
                del inside[gone]
            start += 1
        best = max(best, sum(present[n].weight for n in inside) / total)
    return best


def normalize_with_offsets(text):
    from bot.search.text import _FOLDED, _t2s

    parts, offsets = [], []
    for index, char in enumerate(text):
        folded = _FOLDED[ord(char)]
        parts.append(folded)
        offsets.extend([index] * len(folded))
    folded_text = "".join(parts)
    converted = _t2s(folded_text)
    if len(converted) != len(folded_text):
        converted = "".join(_t2s(char) if len(_t2s(char)) == 1 else char for char in folded_text)
    return converted, tuple(offsets)


def highlights(terms, passage):
    normalised, offsets = normalize_with_offsets(passage.text)
    found = {}
    for term in terms:
        for form in (*term.forms[:3], term.text):
            if not form:
                continue
            if form.isascii():
                match = re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", normalised)
                start = match.start() if match else -1
            else:
                start = normalised.find(form)
            if start < 0:
                continue
            original = passage.text[offsets[start] : offsets[start + len(form) - 1] + 1]
            if original.strip():
                found.setdefault(original, None)
            break
    return tuple(found)


def _rendered(text: str, forms: "re.Pattern[str] | None") -> bool:
    """Whether the text holds one of a piece's Latin forms (the plain way: each piece looked at)."""
    return forms is not None and forms.search(text) is not None
