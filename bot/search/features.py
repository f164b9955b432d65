"""What is known about a candidate passage for a question, as numbers for the ranking model.

Every feature means the same for any notes: how much of the question's weight a passage covers in
its text, its headings, its lead-in and its section; whether it holds the question's rarest word;
whether the question's words stand close together in it; whether its shape fits what the question
asks (a definition opening with the asked term, a number for "多少", a cause for "为什么", a step
or option for "怎么", a negation for "能不能"); its kind and length. Features that do not depend on
the question are computed once per index (`static_features`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from bot.notes.corpus import Corpus
from bot.search.text import CJK_RUN
from bot.search.wording import is_function_word

__all__ = ["FEATURES", "STATIC", "feature_matrix", "static_features"]

KINDS = ("paragraph", "list_item", "quote", "table_row", "list", "table", "section", "pair")
STATIC = (
    *(f"kind_{kind}" for kind in KINDS),
    "log_length",
    "log_length_squared",
    "short",
    "first_in_section",
    "has_number",
    "has_cause",
    "has_steps",
    "has_negation",
    "has_code",
    "has_label",
)
DYNAMIC = (
    "bm25_relative",
    "cover_body",
    "cover_heading",
    "cover_path",
    "cover_context",
    "cover_any",
    "uncovered",
    "cover_latin",
    "cover_section",
    "cover_strong",
    "matched_share",
    "topic_anywhere",
    "topic_in_body",
    "window",
    "bigrams",
    "defines",
    "defines_asked",
    "why_cause",
    "how_steps",
    "how_code",
    "amount_number",
    "yes_no_negation",
    "compare_cover",
    "heading_bigrams",
    "characters",
    "heading_characters",
    "list_asked",
    "table_compared",
    "which_label",
    "gives_name",
    "name_asked",
    "latin_phrase",
)
FEATURES = (*DYNAMIC, *STATIC)

_CAUSE = re.compile(r"因为|由于|原因|导致|所以|因此|是为了|为了|以便|否则|才能|避免|造成")
_STEPS = re.compile(r"可以|使用|通过|执行|运行|设置|配置|添加|修改|指定|命令|参数|选项|需要|应该|建议|步骤|方法|解决")
_NUMBER = re.compile(r"\d|[一二两三四五六七八九十百千万几]+[个台种类次秒分年月天倍层级位条项步]")
_LABEL = re.compile(r"^[^：:。，,；;]{1,24}[：:]")  # "完全虚拟化：…", a labelled item
_WHICH = re.compile(r"哪种|哪类|哪一种|哪一类|哪个|属于|\bwhich\b|\bwhat (?:kind|type)\b")
_NEGATION = re.compile(r"不|无法|没有|不能|不会|不支持|禁止|仅|只")
_WHY = re.compile(r"为什么|为啥|为何|怎么会|原因|\bwhy\b")
_HOW = re.compile(r"怎么|如何|怎样|咋|办法|方法|\bhow\b")
_YES_NO = re.compile(r"吗|能不能|可不可以|是否|能否|会不会|是不是|有没有|^\s*(?:can|is|are|does|do|should|will)\b")
# A definition: the term, an optional bracketed aside, then a defining word ("X（…）是…", "X：…",
# "对X的描述：…").
_HEAD_NOUN = r"(?:技术|机制|协议|模式|方法|工具|系统|算法|结构|服务)?"
_DEFINING = re.compile(
    rf"\s*(?:[（(][^）)]{{0,40}}[）)])?\s*{_HEAD_NOUN}\s*(?:的(?:描述|定义|概念|含义|解释)\s*[:：]|是|指|即|就是|称为|叫做|:|：|\bis\b|\bare\b|\bmeans\b)"
)
_DESCRIBED = "对{term}" + _HEAD_NOUN + "的(?:描述|定义|解释|介绍)"  # "对容器技术的描述：…" anywhere in the opening
# A question asking for several things: a list answers it ("有哪些", "几种", "步骤", "which ones").
_ASKS_NAME = re.compile(r"全称|全名|缩写|简称|英文名|英文叫|中文名|叫什么|stands? for|full name|abbreviat")
_ASKS_LIST = re.compile(r"哪些|哪几|几种|几类|几个|几步|多少种|列举|步骤|流程|分为|分成|包括什么|\bwhich\b.*\b(?:ones|kinds|types)\b|\bsteps?\b")
_OPENING = 60  # a definition names its term within the first characters
_TERM_AT_MOST = 12
_WINDOW = 40  # characters within which the question's words count as standing together
_SHORT = 15


def static_features(corpus: Corpus, rows: Sequence[int], texts: Sequence[str], section_of: Sequence[int]) -> np.ndarray:
    """Row → the features of `STATIC`."""
    passages = corpus.passages
    matrix = np.zeros((len(rows), len(STATIC)), dtype=np.float32)
    firsts: dict[tuple[str, tuple[str, ...]], int] = {}
    for passage in passages:
        if not passage.parts:
            firsts.setdefault((passage.file, passage.section), passage.id)
    column = {name: number for number, name in enumerate(STATIC)}
    for row, (pid, text) in enumerate(zip(rows, texts)):
        passage = passages[pid]
        if passage.kind in KINDS:
            matrix[row, column[f"kind_{passage.kind}"]] = 1.0
        length = math.log1p(len(text)) / 7.0
        first = passage.parts[0] if passage.parts else passage.id
        code = any(passages[part].kind == "code" for part in passage.parts)
        values = {
            "log_length": length,
            "log_length_squared": length * length,
            "short": float(len(text) < _SHORT),
            "first_in_section": float(firsts.get((passage.file, passage.section)) == first),
            "has_number": float(bool(_NUMBER.search(text))),
            "has_cause": float(bool(_CAUSE.search(text))),
            "has_steps": float(bool(_STEPS.search(text)) or code),
            "has_negation": float(bool(_NEGATION.search(text))),
            "has_code": float(code),
            "has_label": float(bool(_LABEL.match(text))),
        }
        for name, value in values.items():
            matrix[row, column[name]] = value
    return matrix


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
    strong = weights >= (_median(weights) if len(weights) else 0.0)
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
    why = bool(_WHY.search(question.text))
    how = bool(_HOW.search(question.text))
    yes_no = bool(_YES_NO.search(question.text))
    static = index.static[rows]
    put("why_cause", why * static[:, STATIC.index("has_cause")])
    put("how_steps", how * static[:, STATIC.index("has_steps")])
    put("how_code", how * static[:, STATIC.index("has_code")])
    put("amount_number", intent.quantity * static[:, STATIC.index("has_number")])
    put("yes_no_negation", yes_no * static[:, STATIC.index("has_negation")])
    put("compare_cover", intent.comparison * out[:, column["cover_body"]])
    asks_list = bool(_ASKS_LIST.search(question.text)) or intent.classification
    put("list_asked", asks_list * static[:, STATIC.index("kind_list")])
    put("table_compared", intent.comparison * static[:, STATIC.index("kind_table")])
    put("which_label", bool(_WHICH.search(question.text)) * static[:, STATIC.index("has_label")])
    out[:, len(DYNAMIC) :] = static

    asks_name = bool(_ASKS_NAME.search(question.text))
    pairs = tuple(_question_bigrams(question.text))
    characters = tuple(_question_characters(question.text))
    renderings = _renderings(terms, (*characters, *pairs))
    phrases = tuple(_latin_phrases(question.text))
    # Text by text, each feature's values gathered in a list and put in at once (the same values:
    # each is a Python float, cast to float32 as an element put in alone would be).
    texts, titles, names_given = index.texts, index.section_titles, index.names_given
    sections_of = index.section_of[rows].tolist()
    held_rows = (body > 0).tolist()
    values: dict[str, list[float]] = {name: [0.0] * count for name in _PER_TEXT}
    chars_in, heading_chars, heading_pairs = values["characters"], values["heading_characters"], values["heading_bigrams"]
    defines_in, defines_asked, window = values["defines"], values["defines_asked"], values["window"]
    phrases_in, gives_name, name_asked, pairs_in = (
        values["latin_phrase"], values["gives_name"], values["name_asked"], values["bigrams"]
    )
    # (a piece with Latin forms counts when the text holds either: those few are looked at apart)
    rendered_chars = [(c, renderings[c]) for c in characters if c in renderings]
    rendered_pairs = [(p, renderings[p]) for p in pairs if p in renderings]
    for k, row in enumerate(rows.tolist()):
        text = texts[row]
        title = titles[sections_of[k]]
        if characters:
            held = sum(map(text.__contains__, characters))
            held += sum(1 for c, forms in rendered_chars if c not in text and forms.search(text))
            chars_in[k] = held / len(characters)
            heading_chars[k] = sum(map(title.__contains__, characters)) / len(characters)
        if pairs:
            heading_pairs[k] = sum(map(title.__contains__, pairs)) / len(pairs)
        present = [t for t, held in zip(terms, held_rows[k]) if held]
        defines = _defines(text, present, total)
        defines_in[k] = defines
        defines_asked[k] = defines * intent.definition
        window[k] = _window(text, present, total)
        if phrases:
            phrases_in[k] = sum(map(text.__contains__, phrases)) / len(phrases)
        given = names_given[row]
        if given:
            gives = sum(t.weight for t in present if given & {t.text, *t.forms[:3]}) / total
            gives_name[k] = gives
            name_asked[k] = gives * asks_name
        if pairs:
            held = sum(map(text.__contains__, pairs))
            held += sum(1 for p, forms in rendered_pairs if p not in text and forms.search(text))
            pairs_in[k] = held / len(pairs)
    for name, column_values in values.items():
        out[:, column[name]] = column_values
    return out


_PER_TEXT = (
    "characters", "heading_characters", "heading_bigrams", "defines", "defines_asked", "window",
    "latin_phrase", "gives_name", "name_asked", "bigrams",
)


def _median(values: np.ndarray) -> np.floating:
    """`np.median` of a 1-d array without NaN, the same way (the mean of its one or two middle
    values): numpy's own imports `numpy.ma` on first use (a tenth of a fresh process's first
    question) and checks for NaN each time."""
    ordered = np.sort(values)
    middle = len(ordered) // 2
    return np.mean(ordered[middle - 1 : middle + 1] if len(ordered) % 2 == 0 else ordered[middle : middle + 1])


@lru_cache(maxsize=8192)
def _described(form: str) -> re.Pattern[str]:
    return re.compile(_DESCRIBED.format(term=re.escape(form)))


def _defines(text: str, present: list, total: float) -> float:  # type: ignore[type-arg]
    """The weight share of the heaviest term a passage opens by defining ("X（…）是…")."""
    opening = text[:_OPENING]
    best = 0.0
    for term in present:
        for form in term.forms[:3]:
            at = opening.find(form)
            if (0 <= at <= _TERM_AT_MOST and _DEFINING.match(opening, at + len(form))) or (
                at >= 0 and "对" + form in opening and _described(form).search(opening)
            ):
                best = max(best, term.weight / total)
                break
    return best


def _window(text: str, present: list, total: float) -> float:  # type: ignore[type-arg]
    """The largest weight share of the question's terms standing within one window of the text."""
    if len(present) == 1:  # one term: its share wherever it stands (the sum below of it alone)
        return present[0].weight / total if any(f in text for f in present[0].forms[:3]) else 0.0
    places: list[tuple[int, int]] = []
    weights = [term.weight for term in present]
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
        share = sum([weights[n] for n in inside]) / total
        if share > best:
            best = share
    return best


def _latin_phrases(text: str) -> set[str]:
    """Two Latin words of a question one after the other ("linux containers"), but for function words."""
    words = re.findall(r"[a-z0-9][a-z0-9.\-_/+]*", text)
    return {f"{a} {b}" for a, b in zip(words, words[1:]) if not (is_function_word(a) or is_function_word(b))}


def _renderings(terms, pieces) -> "dict[str, re.Pattern[str]]":  # type: ignore[no-untyped-def]
    """Character or pair of characters → the Latin forms of the question's Chinese words holding
    it, as a pattern of whole words ("端", "端口" → "port"): a passage in English ("Port Range：
    30000-32767") says what the Chinese question asks with none of its characters."""
    found: dict[str, tuple[str, ...]] = {}
    for term in terms:
        latin = () if term.latin else tuple(f for f in term.forms if f.isascii() and len(f) > 1)
        for piece in pieces if latin else ():
            if piece in term.text:
                found[piece] = found.get(piece, ()) + latin
    # whole words: the "log" of 日志 is not in "catalog"
    return {piece: re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, forms)) + r")(?![a-z0-9])") for piece, forms in found.items()}


def _question_characters(text: str) -> set[str]:
    """The Chinese characters of a question that are not function characters, and its Latin words."""
    found = {c for match in CJK_RUN.finditer(text) for c in match.group(0) if not is_function_word(c)}
    found.update(word for word in re.findall(r"[a-z0-9]{2,}", text) if not is_function_word(word))
    return found


def _question_bigrams(text: str) -> set[str]:
    """Pairs of adjacent Chinese characters of a question, but for pairs of function characters."""
    pairs: set[str] = set()
    for match in CJK_RUN.finditer(text):
        run = match.group(0)
        for at in range(len(run) - 1):
            pair = run[at : at + 2]
            if not (is_function_word(pair[0]) and is_function_word(pair[1])):
                pairs.add(pair)
    return pairs
