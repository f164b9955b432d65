"""Which passage of the notes each quiz item asks about, and the items that ask about one passage."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence

from bot.notes.corpus import Corpus, Passage
from bot.quiz.item import QuizItem

__all__ = ["WHOLE_KINDS", "content_passages", "coverage", "items_for_passage", "members", "passages_of", "source_text"]

# Passages that repeat others: a whole table (its rows follow it), a whole list with its lead-in
# (after its items). Items are made from, and belong to, the passages they repeat.
WHOLE_KINDS = frozenset({"table", "list", "pair", "section"})


def source_text(passage: Passage) -> bool:
    """Whether items may be made from the passage: not code, not one the gates hid (quiz.gates),
    not a whole table or list (their rows and items are passages of their own, asked once there)."""
    return passage.kind not in ("code", "gated") and passage.kind not in WHOLE_KINDS


def passages_of(corpus: Corpus, items: Sequence[QuizItem]) -> tuple[Passage | None, ...]:
    """For each item, the passage whose lines hold its source line (an item's line is its
    passage's first line, or the line of its own sentence further down that passage), or None
    when the item is not from these notes. A whole table's rows and a whole list's items are
    passages of their own, and items belong to them."""
    starts: dict[str, tuple[list[int], list[Passage]]] = {}
    for passage in corpus.passages:
        if passage.kind in WHOLE_KINDS:
            continue  # it spans its rows' or items' lines: they are the finer answer
        lines, passages = starts.setdefault(passage.file, ([], []))
        lines.append(passage.line)
        passages.append(passage)
    for file, (lines, passages) in starts.items():
        ordered = sorted(zip(lines, range(len(lines)), passages))  # stable for equal lines
        starts[file] = ([line for line, _, _ in ordered], [p for _, _, p in ordered])
    found: list[Passage | None] = []
    for item in items:
        lines, passages = starts.get(item.source.file, ([], []))
        at = bisect.bisect_right(lines, item.source.line) - 1
        found.append(passages[at] if at >= 0 and passages[at].section == item.source.section else None)
    return tuple(found)


def members(corpus: Corpus, whole: Passage) -> tuple[Passage, ...]:
    """The passages a whole table or list repeats: the run of passages beside it whose lead-in is
    its caption or lead-in (a table's rows follow it, a list's items come before it); () for any
    other passage."""
    if whole.kind not in WHOLE_KINDS:
        return ()
    lead = whole.context if whole.kind == "table" else whole.text.split("\n", 1)[0]
    if not lead.strip():
        return ()

    def belongs(passage: Passage) -> bool:
        return (
            passage.kind not in WHOLE_KINDS
            and (passage.kind == "table_row") == (whole.kind == "table")
            and (passage.file, passage.section, passage.context) == (whole.file, whole.section, lead)
        )

    if whole.kind == "table":
        return tuple(_run(corpus.passages[whole.id + 1 :], belongs))
    return tuple(reversed(_run(corpus.passages[: whole.id][::-1], belongs)))


def _run(passages: Sequence[Passage], belongs: Callable[[Passage], bool]) -> list[Passage]:
    run: list[Passage] = []
    for passage in passages:
        if not belongs(passage):
            break
        run.append(passage)
    return run


def items_for_passage(items: Sequence[QuizItem], corpus: Corpus, passage_id: int) -> tuple[QuizItem, ...]:
    """Items asking about this passage (for a whole table or list: about its rows or items); when
    there are none, the items of its section; () for an id the corpus does not have."""
    if not 0 <= passage_id < len(corpus.passages):
        return ()
    passage = corpus.passages[passage_id]
    wanted = {p.id for p in members(corpus, passage)} if passage.kind in WHOLE_KINDS else {passage.id}
    homes = passages_of(corpus, items)
    exact = tuple(item for item, home in zip(items, homes) if home is not None and home.id in wanted)
    if exact:
        return exact
    return tuple(i for i in items if i.source.file == passage.file and i.source.section == passage.section)


def content_passages(corpus: Corpus) -> tuple[Passage, ...]:
    """What a learner reads as content of the notes: every passage but code, a whole table or list
    (its rows or items count, one by one) and a lead-in that only introduces the list or table
    after it ("虚拟化技术，从大类上可分为：", a table's caption)."""
    lead_ins = {
        before.id
        for before, after in zip(corpus.passages, corpus.passages[1:])
        if after.context and before.file == after.file and before.text.strip() == after.context.strip()
    }
    return tuple(p for p in corpus.passages if source_text(p) and p.id not in lead_ins)


def coverage(corpus: Corpus, items: Sequence[QuizItem]) -> tuple[int, int]:
    """How many content passages at least one item asks about, out of how many there are."""
    content = {p.id for p in content_passages(corpus)}
    asked = {p.id for p in passages_of(corpus, items) if p is not None}
    return len(content & asked), len(content)
