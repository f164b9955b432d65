"""Chinese terms and the English names the notes give them: `部署（deployment）` asked both ways."""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.notes.quiz.item import Draft, overlaps
from bot.notes.quiz.text import sentences

__all__ = ["alias_drafts", "glossary"]

# A term is a noun phrase: what the parser caught before a bracket may be the tail of a clause
# ("…翻译成主机物理地址", "主机系统产生异常"). Verbs and particles like these mark such tails.
_NOT_A_TERM = re.compile(r"[成把被将让使了着过]|产生|进行|通过|提供|出现|发生|导致")
_ACRONYM = re.compile(r"^[A-Z0-9\-/]{2,10}$")


def glossary(corpus: Corpus) -> list[tuple[str, str, Passage]]:
    """(term, English name, passage) for each `术语（English）` pair whose term reads as a term."""
    found: list[tuple[str, str, Passage]] = []
    seen: set[str] = set()
    for term, alias in corpus.aliases:
        if term in seen or _NOT_A_TERM.search(term) or _ACRONYM.match(alias) or len(term) < 2:
            continue
        if overlaps(term, alias) or _shared_word(term, alias):
            continue  # "Linux容器（Linux Containers）": the shared word gives the answer away
        passage = next((p for p in corpus.passages if f"{term}（{alias}" in p.text or f"{term}({alias}" in p.text), None)
        if passage is None:
            continue
        seen.add(term)  # the first English name the notes give a term
        found.append((term, alias, passage))
    return found


def _shared_word(term: str, alias: str) -> bool:
    words = {w.casefold() for w in _WORD.findall(term)}
    return any(w.casefold() in words for w in _WORD.findall(alias))


_WORD = re.compile(r"[A-Za-z]{3,}")


def _style(alias: str) -> tuple[bool, bool]:
    return alias[:1].isupper(), " " in alias


def _sentence(passage: Passage, term: str) -> str:
    return next((s for s in sentences(passage.text) if term in s), passage.text).strip()


def alias_drafts(corpus: Corpus) -> Iterator[Draft]:
    pairs = glossary(corpus)
    for term, alias, passage in pairs:
        same_passage = [(t, a) for t, a, p in pairs if p.id == passage.id and t != term]
        elsewhere = [(t, a) for t, a, p in pairs if p.id != passage.id and t != term]
        why = _sentence(passage, f"{term}（{alias}")
        # English names written alike first: "Page Fault" with "Guest Physical Address".
        style = [a for _, a in elsewhere if _style(a) == _style(alias)]
        yield Draft(
            kind="alias_en",
            question=texts.QUIZ_ALIAS_ENGLISH.format(term=term),
            answer=alias,
            tiers=(tuple(a for _, a in same_passage), tuple(style), tuple(a for _, a in elsewhere)),
            why=why,
            passage=passage,
            min_options=3,
        )
        yield Draft(
            kind="alias_zh",
            question=texts.QUIZ_ALIAS_CHINESE.format(alias=alias),
            answer=term,
            tiers=(tuple(t for t, _ in same_passage), tuple(t for t, _ in elsewhere)),
            why=why,
            passage=passage,
            min_options=3,
        )
