"""What stands for what: "以Xen、KVM为代表的虚拟机虚拟化" asks which one Xen and KVM stand for."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus
from bot.notes.quiz.cloze import enumerations
from bot.notes.quiz.item import Draft, mentions
from bot.notes.quiz.passages import source_text
from bot.notes.quiz.text import sentences, tidy

__all__ = ["represent_drafts"]

_REPRESENTED = re.compile(r"以\s*([^，,。；;：:（）()]{1,40}?)\s*为代表的\s*([\u4e00-\u9fffA-Za-z0-9\-]{2,12})")


def represent_drafts(corpus: Corpus) -> Iterator[Draft]:
    """Wrong answers are what the notes list beside the right one (the same sentence's other
    "以…为代表的…", members of one "A、B、C" list with it), never a thing its examples also stand for."""
    lists = enumerations(corpus)
    found = [
        (passage, sentence, match)
        for passage in corpus.passages
        if source_text(passage)
        for sentence in sentences(passage.text)
        for match in _REPRESENTED.finditer(sentence)
    ]
    stands_for: dict[str, set[str]] = {}
    for _, _, match in found:
        for example in re.split(r"\s*[、,，和与及]\s*", match.group(1)):
            stands_for.setdefault(example.strip(), set()).add(match.group(2))
    for passage, sentence, match in found:
        examples, thing = match.group(1).strip(), match.group(2)
        beside = [m.group(2) for m in _REPRESENTED.finditer(sentence) if m.group(2) != thing]
        # A list counts when it holds another of this sentence's things too (one family).
        beside += [
            member
            for members in lists
            if thing in members and (not beside or any(b in members for b in beside))
            for member in members
            if member != thing
        ]
        also = {t for e in re.split(r"\s*[、,，和与及]\s*", examples) for t in stands_for.get(e.strip(), set())}
        yield Draft(
            kind="category_of",
            question=texts.QUIZ_REPRESENTED.format(examples=examples),
            answer=thing,
            tiers=(tuple(b for b in dict.fromkeys(beside) if b not in also and not mentions(examples, b)),),
            why=texts.QUIZ_WHY_SENTENCE.format(text=tidy(sentence)),
            passage=passage,
            min_options=3,
            extra_key=examples,
            anchor=sentence,
        )
