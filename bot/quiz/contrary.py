"""Which statement is right, among a page's own statements with one word turned to its opposite in
each wrong one: "TTL 越长，查询越少" beside "把 TTL 调长" where the notes say 调短.

Every author states how things go one way and not the other (越长/越短, 提高/降低, 同步/异步,
之前/之后): flipping that word in a sentence of the notes makes a statement the notes contradict,
of the same look as the true ones. The right option is one of the page's sentences as the notes say
it; each wrong one is another of its sentences with one word flipped, so no option is a statement
the notes do not make as true, and every option reads like the notes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.headings import standalone, statement_ok
from bot.quiz.item import Draft, quoted
from bot.quiz.outline import topic_of
from bot.quiz.pages import SUBJECTLESS_LEADS
from bot.quiz.terms import label_of
from bot.quiz.view import NotesView

__all__ = ["contrary_drafts"]

# Words and their opposites: how much, which way (a small, general list; each pair both ways). Not
# negations: "支持" flipped inside "只支持" or a list of what is supported reads garbled, and a
# sentence's other clauses often say the same thing again. Not which comes first (之前, 之后): "被创建
# 之前默认是非 paused" reads as nonsense, not as a false statement a learner weighs.
_PAIRS = (
    ("越长", "越短"), ("越快", "越慢"), ("越多", "越少"), ("越大", "越小"), ("越高", "越低"),
    ("调短", "调长"), ("变长", "变短"), ("变快", "变慢"), ("变大", "变小"),
    ("提高", "降低"), ("增加", "减少"), ("增大", "减小"), ("加快", "减慢"),
    ("同步", "异步"), ("串行", "并行"), ("静态", "动态"), ("有状态", "无状态"),
)
_OPPOSITE = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}
_FLIPPABLE = re.compile("|".join(sorted(map(re.escape, _OPPOSITE), key=len, reverse=True)))
_KINDS = ("paragraph", "quote")  # (a list item is most often a phrase, no statement of its own)
# A sentence opening with what is done or what it lists names no subject: a fragment ("支持…",
# "用于…", "包括…").
_NO_SUBJECT = re.compile(rf"^(?:{SUBJECTLESS_LEADS}|包括|包含|如|比如|例如)")
# A count of an example's things ("减少到了 15 个"): what one run did, not a fact of the subject.
_COUNTED = re.compile(r"\d+\s*(?:个|台|次|份|条|秒|分钟|小时)")
_OPTIONS = 4
_STATEMENTS = 3  # statements of a page at least: the right one and two to flip
_MOST_CHARS = 60  # a statement longer than this makes an option too long to weigh at a glance


def contrary_drafts(view: NotesView) -> Iterator[Draft]:
    """For each page with three statements or more that have a word to flip: one of them as the
    notes say it; the wrong ones the others, each with one word flipped (each other statement once
    before any twice; never the right one flipped, which would leave two options to choose from)."""
    pages: dict[str, dict[str, tuple[Passage, tuple[str, ...]]]] = {}
    for passage in view.corpus.passages:
        if passage.kind not in _KINDS or label_of(passage):
            continue  # ("术语：…" defines its term: asked as a definition)
        for sentence, _ in view.said(passage):
            shown = standalone(sentence).rstrip("。；;")
            flipped = _flips(shown)
            if shown and flipped and len(shown) <= _MOST_CHARS and statement_ok(shown) and not _NO_SUBJECT.match(shown) \
                    and not _COUNTED.search(shown):
                pages.setdefault(passage.file, {}).setdefault(shown, (passage, flipped))
    for said in pages.values():
        if len(said) < _STATEMENTS:
            continue
        # each in turn the right one, in an order set by their text; the first that makes an item
        # is the page's one (its group)
        ordered = sorted(said, key=lambda shown: hashlib.sha256(shown.encode()).hexdigest())
        for shown in ordered:
            passage, _ = said[shown]
            others = [said[other][1] for other in ordered if other != shown]
            tiers = tuple(tuple(v[k] for v in others if len(v) > k) for k in range(max(map(len, others))))
            if sum(map(len, tiers)) < _OPTIONS - 1:
                continue
            yield Draft(
                kind="contrary",
                question=texts.QUIZ_STATEMENT,
                answer=shown,
                tiers=tiers,
                why=quoted(passage, shown[:20]),
                passage=passage,
                min_options=_OPTIONS,
                extra_key="contrary:" + shown,
                group="contrary:" + passage.file,
                anchor=shown,
                topic=topic_of(passage.section[:1]),  # the page: its statements come from all over it
            )


def _flips(sentence: str) -> tuple[str, ...]:
    """The sentence with one of its words of a pair turned to the other, once for each such word."""
    return tuple(
        sentence[: m.start()] + _OPPOSITE[m.group(0)] + sentence[m.end() :] for m in _FLIPPABLE.finditer(sentence)
    )
