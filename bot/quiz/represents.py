"""What stands for what: "以Xen、KVM为代表的虚拟机虚拟化" asks which one Xen and KVM stand for."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus
from bot.quiz.cloze import _ENUMERATION, _members, enumerations
from bot.quiz.item import Draft, mentions, quoted
from bot.quiz.passages import source_text
from bot.quiz.text import fill, sentences

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
    leads = _leads(corpus)
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
        lead = leads.get(thing, "")
        if not lead:
            continue  # "以 Xen、KVM 为代表的是哪一项？" would not say what is being sorted
        yield Draft(
            kind="represents",
            question=fill(texts.QUIZ_REPRESENTED, lead=lead, examples=examples),
            answer=thing,
            tiers=(tuple(b for b in dict.fromkeys(beside) if b not in also and not mentions(examples, b)),),
            why=quoted(passage, sentence),
            passage=passage,
            min_options=3,
            extra_key=examples,
            anchor=sentence,
        )


_LEAD_END = re.compile(r"(?:经历了|包括|包含|分为|有)$")


def _leads(corpus: Corpus) -> dict[str, str]:
    """For each member of an "A、B、C" list, the words the list follows, which say what its members
    are ("虚拟化技术，从60年代以来也在不停地演进，经历了"): only a lead ending in a listing verb."""
    found: dict[str, str] = {}
    for passage in corpus.passages:
        if not source_text(passage):
            continue
        for sentence in sentences(passage.text):
            for match in _ENUMERATION.finditer(sentence):
                members = _members(sentence, match)
                if len(members) < 3 or members[0] not in sentence:
                    continue
                lead = sentence[: sentence.index(members[0])].strip("“”\"「」 ")
                if _LEAD_END.search(lead) and len(lead) <= 40:
                    for member in members:
                        found.setdefault(member, lead)
    return found
