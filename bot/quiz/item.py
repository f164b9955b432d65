"""A quiz item, and the rules that turn a drafted question into one: limits, distractors, shuffle, id."""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from telegram.constants import PollLimit

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.text import CJK, fill, sentences, strip_asides, strip_label, unjoin

__all__ = ["Draft", "QuizItem", "QuizSource", "finish", "mentions", "normalize", "overlaps", "quoted", "unique", "valid"]

# Four options read well in a Telegram poll and on a phone; fewer when the notes offer fewer.
MAX_OPTIONS = 4
# Three at least: with two a blind guess is right half the time (the Bot API would allow two).
MIN_OPTIONS = 3


@dataclass(frozen=True)
class QuizSource:
    """Where an item comes from in the notes."""

    file: str
    line: int
    section: tuple[str, ...]


@dataclass(frozen=True)
class QuizItem:
    """One multiple-choice question, ready for a Telegram quiz poll or the terminal."""

    id: str  # stable for the same notes: a hash of kind, source passage, question and answer
    kind: str
    question: str
    options: tuple[str, ...]
    correct: int  # index into options
    explanation: str  # why, citing the section
    source: QuizSource


@dataclass(frozen=True)
class Draft:
    """A question with its answer and ranked distractor candidates, before the rules are applied."""

    kind: str
    question: str
    answer: str
    # Candidate distractors in tiers, most fitting first; within a tier the seed decides.
    tiers: tuple[tuple[str, ...], ...]
    why: str  # the notes' own sentence that answers it
    passage: Passage
    min_options: int = MIN_OPTIONS
    extra_key: str = field(default="")
    # The words it is built from (a sentence, an example's name), to find their own line in the
    # Markdown: a nested quote's sentence stands lines below its list item's first line.
    anchor: str = field(default="")


_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Comparable form: width-folded, case-folded, without spaces and punctuation."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


def overlaps(a: str, b: str) -> bool:
    """True when one contains the other (after normalising): such options collide."""
    na, nb = normalize(a), normalize(b)
    return bool(na) and bool(nb) and (na in nb or nb in na)


def mentions(text: str, term: str) -> bool:
    """Whether the text names the term, also by its usual short form without the first character
    (全虚拟化 for 完全虚拟化) when that is still a word of four characters or more."""
    where, name = normalize(text), normalize(term)
    if not name:
        return False
    return name in where or (len(name) >= 5 and bool(CJK.match(name)) and name[1:] in where)


def item_id(kind: str, passage_text: str, question: str, answer: str) -> str:
    digest = hashlib.sha256("\0".join((kind, passage_text, question, answer)).encode("utf-8"))
    return f"{kind[:1]}{digest.hexdigest()[:11]}"


def _pick(draft: Draft, seed: int, key: str) -> list[str]:
    """Distractors by the rules: same kind (the tiers), from the notes, never equal to, inside or
    containing the answer or each other, not shown in the question."""
    rng = random.Random(f"{seed}:{key}:pick")
    chosen: list[str] = []
    for tier in draft.tiers:
        candidates = sorted(dict.fromkeys(c.strip() for c in tier if c and c.strip()))
        rng.shuffle(candidates)
        for candidate in candidates:
            if len(chosen) >= MAX_OPTIONS - 1:
                return chosen
            if len(candidate) > PollLimit.MAX_OPTION_LENGTH:
                continue
            if overlaps(candidate, draft.answer) or mentions(draft.question, candidate):
                continue
            if any(overlaps(candidate, other) for other in chosen):
                continue
            chosen.append(candidate)
    return chosen


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _echoed(question: str, answer: str, distractors: list[str]) -> bool:
    """Whether the answer alone repeats a word of the question ("Sun Solaris系统上的____" →
    "Solaris Containers"): matching words, not knowledge, would find it."""
    asked = {w.casefold() for w in _LATIN_WORD.findall(question)}
    shared = {w.casefold() for w in _LATIN_WORD.findall(answer)} & asked
    return any(not any(w in d.casefold() for d in distractors) for w in shared)


def quoted(passage: Passage, *needles: str, label: str = "") -> str:
    """The notes' own sentences that hold all the needles (the fewest in a row), as the notes say
    them: the lines' joining spaces between Chinese words dropped, nothing reworded or merged.
    Given the label of a labelled item ("部分虚拟化：…") whose label line is not among them, the
    label comes first with an ellipsis for the sentences left out."""
    text = unjoin(strip_label(passage.text) if passage.kind == "list_item" else passage.text)
    said = sentences(text) or [text]
    wanted = [normalize(n) for n in needles if normalize(n)]
    best: tuple[int, int] | None = None
    for start in range(len(said)):
        for end in range(start + 1, len(said) + 1):
            joined = "".join(said[start:end])
            where = (normalize(joined), normalize(strip_asides(joined)))  # a description drops asides
            if all(any(w in form for form in where) for w in wanted):
                if best is None or end - start < best[1] - best[0]:
                    best = (start, end)
                break
    start, end = best if best is not None else (0, len(said))
    text = "".join(said[start:end]).strip()
    if label and start > 0 and said[0].startswith(label):
        return fill(texts.QUIZ_WHY_LABELLED, label=label, text=text)
    return text


def _cut(text: str, room: int) -> str:
    """The text cut to room at a sentence boundary (else a clause boundary) with "…"."""
    if len(text) <= room:
        return text
    mark = texts.QUIZ_WHY_CUT.format(text="")
    room -= len(mark)
    for pattern in (r"(?<=[。！？；;!?])", r"(?<=[，,、：:])"):
        pieces = [p for p in re.split(pattern, text) if p]
        kept = ""
        for piece in pieces:
            if len(kept) + len(piece) > room:
                break
            kept += piece
        if len(kept) >= room // 3:
            return texts.QUIZ_WHY_CUT.format(text=kept.rstrip("，,；;、：: "))
    return texts.QUIZ_WHY_CUT.format(text=text[:room].rstrip("，,；;、：: "))


def _explanation(draft: Draft) -> str:
    """The notes' sentences that answer it (cut to Telegram's limit at a sentence boundary), then
    the section they stand in."""
    section = draft.passage.section
    cite = fill(texts.QUIZ_CITE, section=texts.section_label(section) if section else draft.passage.file)
    room = PollLimit.MAX_EXPLANATION_LENGTH - len(cite)
    # A list item's closing "；" or "，" is no end for a quoted sentence before the citation.
    lines = [" ".join(line.split()).rstrip("；;，,、：: ") for line in draft.why.split("\n")]
    room -= len(lines) - 1
    share = room // len(lines)
    return "\n".join(_cut(line, share if i < len(lines) - 1 else room - sum(len(_cut(l, share)) for l in lines[:-1]))
                     for i, line in enumerate(lines)) + cite


def finish(draft: Draft, seed: int) -> QuizItem | None:
    """The item for a draft, or None when it breaks a rule (answer in the question, too few
    options, anything beyond the Bot API's limits)."""
    question = " ".join(draft.question.split())
    answer = draft.answer.strip()
    if not answer or not question or normalize(answer) in normalize(question):
        return None
    if len(question) > PollLimit.MAX_QUESTION_LENGTH or len(answer) > PollLimit.MAX_OPTION_LENGTH:
        return None
    key = item_id(draft.kind, draft.passage.text + draft.extra_key, question, answer)
    distractors = _pick(draft, seed, key)
    options = [answer, *distractors]
    if len(options) < max(draft.min_options, MIN_OPTIONS) or _echoed(question, answer, distractors):
        return None
    random.Random(f"{seed}:{key}:order").shuffle(options)
    explanation = _explanation(draft)
    if explanation.count("\n") > PollLimit.MAX_EXPLANATION_LINE_FEEDS:
        return None
    return QuizItem(
        id=key,
        kind=draft.kind,
        question=question,
        options=tuple(options),
        correct=options.index(answer),
        explanation=explanation,
        source=QuizSource(draft.passage.file, draft.passage.line, draft.passage.section),
    )


def valid(item: QuizItem) -> list[str]:
    """Every rule an item breaks (empty when it is fine): used by tests and the export check."""
    problems: list[str] = []
    if not 1 <= len(item.question) <= PollLimit.MAX_QUESTION_LENGTH:
        problems.append("question length")
    if not MIN_OPTIONS <= len(item.options) <= min(MAX_OPTIONS, PollLimit.MAX_OPTION_NUMBER):
        problems.append("option count")
    if any(not 1 <= len(o) <= PollLimit.MAX_OPTION_LENGTH for o in item.options):
        problems.append("option length")
    if len(item.explanation) > PollLimit.MAX_EXPLANATION_LENGTH:
        problems.append("explanation length")
    if not 0 <= item.correct < len(item.options):
        problems.append("correct index")
    elif normalize(item.options[item.correct]) in normalize(item.question):
        problems.append("answer in question")
    for i, a in enumerate(item.options):
        for b in item.options[i + 1 :]:
            if overlaps(a, b):
                problems.append(f"options collide: {a} / {b}")
    return problems


PER_PASSAGE = 2  # items of one kind from one passage: more would ask the same lines again


def unique(items: Iterable[QuizItem]) -> tuple[QuizItem, ...]:
    """Items in order, without repeats: one for each id and for each question text (the same
    question with another right answer would contradict it), one for each answer of a kind from a
    passage ("VirtualBox" and "QEMU" both asking for 完全虚拟化), and at most PER_PASSAGE of a
    kind from a passage."""
    seen: set[object] = set()
    per_kind: dict[tuple[str, int, str], int] = {}
    out: list[QuizItem] = []
    for item in items:
        place = (item.source.file, item.source.line, item.kind)
        keys = {item.id, normalize(item.question), (*place, normalize(item.options[item.correct]))}
        if keys & seen or per_kind.get(place, 0) >= PER_PASSAGE:
            continue
        seen |= keys
        per_kind[place] = per_kind.get(place, 0) + 1
        out.append(item)
    return tuple(out)
