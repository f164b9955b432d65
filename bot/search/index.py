"""The search index over a corpus: normalised fields, an inverted index of tokens, and term links.

Built once per version of the notes (and cached on disk by `bot.library`). Everything a query
needs is here: per-passage normalised text, context and heading; the words and bold phrases each
passage holds; the terms it introduces (`术语（English）`); postings from every search token to the
passages that hold it; equivalent terms from aliases and the user's synonyms; and the compact
jieba dictionary used to cut questions.
"""

from __future__ import annotations

import hashlib
import math
import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

from bot.notes.corpus import Corpus, Section
from bot.search.glossary import GENERAL_SYNONYMS, GLOSSARY
from bot.search.text import ASCII_WORD, CJK_RUN, normalize
from bot.search.tokenize import (
    ascii_forms,
    cjk_bigrams,
    compact_dictionary,
    full_tokenizer,
    index_tokens,
    tokenizer_from_dictionary,
)
from bot.search.wording import CHINESE_ASPECT_WORDS, CHINESE_FUNCTION_WORDS

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = ["INDEX_VERSION", "Index", "build_index", "build_signature", "heading_text", "parse_synonyms"]

# Bump when the index's layout, the way it is built or the corpus parser changes: a cached index of another version
# is rebuilt.
INDEX_VERSION = 9

MIN_IDF_PASSAGES = 50

_HEADING_NUMBER = re.compile(r"^\s*(?:第\s*[0-9一二三四五六七八九十百]+\s*[章节篇部]|[0-9]+(?:\.[0-9]+)*\.?)\s*")


@cache
def build_signature() -> str:
    """What, besides the notes, an index is built from: the index version and the built-in word
    lists (they go into its dictionary). A cached index with another signature is rebuilt."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    for words in (sorted(CHINESE_FUNCTION_WORDS), sorted(CHINESE_ASPECT_WORDS)):
        digest.update("\0".join(words).encode("utf-8") + b"\1")
    for english in sorted(GLOSSARY):
        digest.update(f"{english}={'|'.join(GLOSSARY[english])}\0".encode("utf-8"))
    for group in GENERAL_SYNONYMS:
        digest.update(("=".join(group) + "\0").encode("utf-8"))
    return digest.hexdigest()[:16]


def heading_text(title: str) -> str:
    """A heading's words without its number: "1 初始Docker与容器" → "初始docker与容器" (normalised)."""
    return normalize(_HEADING_NUMBER.sub("", title))


@dataclass(frozen=True, eq=False)
class Index:
    """Everything a question is matched against (see the module docstring)."""

    corpus: Corpus
    texts: tuple[str, ...]  # normalised passage text
    # the text without its Latin asides ("虚拟化（virtualization）技术" → "虚拟化技术"), or "" if none
    unbracketed: tuple[str, ...]
    contexts: tuple[str, ...]  # normalised lead-in
    headings: tuple[str, ...]  # normalised section path without numbers, " / " between levels
    words: tuple[frozenset[str], ...]  # Latin words (and their forms) in the passage text
    meta_words: tuple[frozenset[str], ...]  # Latin words in its context and heading
    bold: tuple[tuple[str, ...], ...]  # normalised bold phrases
    leads: tuple[str, ...]  # the label a passage opens with ("平台虚拟化：…" → "平台虚拟化"), or ""
    defines: tuple[frozenset[str], ...]  # normalised terms the passage introduces with an alias
    postings: Mapping[str, array]  # token → sorted passage ids holding it (text, context, heading)
    equivalents: Mapping[str, tuple[str, ...]]  # normalised term → terms meaning the same
    latin_vocabulary: tuple[str, ...]  # every Latin token, for typo matching
    unwritten: tuple[tuple[Section, str], ...]  # sections with no content, with normalised heading
    dictionary: tuple[dict[str, int], int] = field(repr=False)  # compact jieba prefix dictionary

    @property
    def size(self) -> int:
        """How many passages the index holds."""
        return len(self.texts)

    def df(self, token: str) -> int:
        """How many passages hold a token (0 when it is not a token of the index)."""
        found = self.postings.get(token)
        return len(found) if found is not None else 0

    def cjk_df(self, form: str) -> int:
        """How many passages hold a Chinese form (exact for tokens, an upper bound otherwise)."""
        found = self.postings.get(form)
        if found is not None:
            return len(found)
        if len(form) < 2:
            return 0
        counts = [len(self.postings.get(form[i : i + 2], ())) for i in range(len(form) - 1)]
        return min(counts) if counts else 0

    def holds_cjk(self, form: str) -> bool:
        """Whether some passage holds a Chinese form as a substring (of its text, context or heading)."""
        if form in self.postings:
            return True
        if len(form) < 2:
            return False
        lists = [self.postings.get(form[i : i + 2]) for i in range(len(form) - 1)]
        if any(ids is None for ids in lists):
            return False
        rarest = min(lists, key=len)  # type: ignore[arg-type]
        return any(
            form in self.texts[pid] or form in self.contexts[pid] or form in self.headings[pid]
            for pid in rarest[:500]  # type: ignore[index]
        )

    def idf(self, df: int) -> float:
        """BM25's inverse document frequency for a term held by ``df`` passages."""
        # Small notes would make every word look rare or common by chance: count at least
        # MIN_IDF_PASSAGES passages.
        n = max(self.size, MIN_IDF_PASSAGES)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    @cached_property
    def latin_by_length(self) -> dict[int, tuple[str, ...]]:
        """The Latin vocabulary grouped by word length (for typo matching)."""
        groups: dict[int, list[str]] = {}
        for word in self.latin_vocabulary:
            groups.setdefault(len(word), []).append(word)
        return {size: tuple(words) for size, words in groups.items()}

    @cached_property
    def cjk_by_length(self) -> dict[int, tuple[str, ...]]:
        """Chinese words of the notes (three to six characters) grouped by length (typo matching)."""
        groups: dict[int, list[str]] = {}
        for token in self.postings:
            if 3 <= len(token) <= 6 and CJK_RUN.fullmatch(token):
                groups.setdefault(len(token), []).append(token)
        return {size: tuple(sorted(words)) for size, words in groups.items()}

    @cached_property
    def tokenizer(self) -> "jieba.Tokenizer":
        """The question tokenizer (built on first use from the compact dictionary)."""
        freq, total = self.dictionary
        return tokenizer_from_dictionary(freq, total)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("tokenizer", None)  # a jieba tokenizer holds a lock: rebuilt after loading
        state.pop("latin_by_length", None)
        state.pop("cjk_by_length", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


_LEAD_END = re.compile(r"[:：]")
# A Latin aside in brackets after a Chinese term (normalisation makes the brackets half-width).
_ASIDE = re.compile(r"\s*[(（][a-z0-9][a-z0-9 .,/&+\-]*[)）]\s*")
_LEAD_MAX = 24


def _lead(text: str) -> str:
    """The label before a colon near the start of a passage: what the passage is about."""
    match = _LEAD_END.search(text, 0, _LEAD_MAX + 1)
    return text[: match.start()].strip() if match else ""


def _equivalents(corpus: Corpus, synonyms: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    groups: list[set[str]] = []
    for term, alias in corpus.aliases:
        groups.append({normalize(term), normalize(alias)})
    for group in synonyms:
        members = {normalize(word).strip() for word in group}
        members.discard("")
        if len(members) > 1:
            groups.append(members)
    linked: dict[str, set[str]] = {}
    for members in groups:
        for word in members:
            linked.setdefault(word, set()).update(members - {word})
    return {word: tuple(sorted(others)) for word, others in linked.items()}


def _defined_terms(text: str, pairs: Sequence[tuple[str, str]]) -> frozenset[str]:
    found: set[str] = set()
    for term, alias in pairs:
        if term in text and alias in text:
            at = text.find(term)
            if 0 <= text.find(alias, at) - (at + len(term)) <= 3:
                found.update((term, alias))
    return frozenset(found)


def build_index(corpus: Corpus, synonyms: Iterable[Sequence[str]] = ()) -> Index:
    """Index a corpus; ``synonyms`` are groups of words meaning the same (from `synonyms.txt`),
    added to the general ones every index has (`GENERAL_SYNONYMS`)."""
    synonyms = [*GENERAL_SYNONYMS, *(tuple(group) for group in synonyms)]
    equivalents = _equivalents(corpus, synonyms)
    terms = [normalize(term) for term in corpus.terms]
    extra = set(terms) | set(equivalents) | {w for g in synonyms for w in map(normalize, g)}
    # The glossary's Chinese terms are words too: "机器学习" is one topic, not "机器" + "学习".
    extra.update(c for chinese in GLOSSARY.values() for c in chinese)
    tokenizer = full_tokenizer(sorted(extra))
    pairs = [(normalize(t), normalize(a)) for t, a in corpus.aliases]

    texts: list[str] = []
    unbracketed: list[str] = []
    contexts: list[str] = []
    headings: list[str] = []
    words: list[frozenset[str]] = []
    meta_words: list[frozenset[str]] = []
    bold: list[tuple[str, ...]] = []
    leads: list[str] = []
    defines: list[frozenset[str]] = []
    postings: dict[str, list[int]] = {}
    seen_words: set[str] = set()
    heading_cache: dict[tuple[str, ...], str] = {}
    for number, passage in enumerate(corpus.passages):
        text = normalize(passage.text)
        context = normalize(passage.context)
        heading = heading_cache.get(passage.section)
        if heading is None:
            heading = " / ".join(heading_text(title) for title in passage.section)
            heading_cache[passage.section] = heading
        texts.append(text)
        plain = _ASIDE.sub("", text)
        unbracketed.append(plain if plain != text else "")
        contexts.append(context)
        headings.append(heading)
        text_words = {f for m in ASCII_WORD.finditer(text) for f in ascii_forms(m.group(0))}
        meta = f"{context} {heading}"
        meta_set = {f for m in ASCII_WORD.finditer(meta) for f in ascii_forms(m.group(0))}
        words.append(frozenset(text_words))
        meta_words.append(frozenset(meta_set))
        bold.append(tuple(normalize(b) for b in passage.bold))
        # A table row is about its row label ("性能"), not the column name before its first colon.
        if passage.kind == "table":
            leads.append("")  # a whole table has no label of its own
        elif passage.kind == "table_row" and " — " in text:
            leads.append(text.split(" — ", 1)[0])
        else:
            leads.append(_lead(text))
        defines.append(_defined_terms(text, pairs))
        tokens = set(index_tokens(tokenizer, text))
        tokens.update(cjk_bigrams(text))
        if context or heading:
            tokens.update(index_tokens(tokenizer, meta))
            tokens.update(cjk_bigrams(meta))
        seen_words.update(t for t in tokens if CJK_RUN.fullmatch(t))
        for token in tokens:
            postings.setdefault(token, []).append(number)

    unwritten = tuple(
        (section, heading_text(section.path[-1])) for section in corpus.sections if not section.has_content
    )
    for section, heading in unwritten:
        for token in index_tokens(tokenizer, heading):
            seen_words.add(token)
    keep = seen_words | extra | CHINESE_FUNCTION_WORDS | CHINESE_ASPECT_WORDS
    keep.update(c for chinese in GLOSSARY.values() for c in chinese)
    latin = sorted(t for t in postings if not CJK_RUN.search(t) and len(t) >= 3 and not t.isdigit())
    return Index(
        corpus=corpus,
        texts=tuple(texts),
        unbracketed=tuple(unbracketed),
        contexts=tuple(contexts),
        headings=tuple(headings),
        words=tuple(words),
        meta_words=tuple(meta_words),
        bold=tuple(bold),
        leads=tuple(leads),
        defines=tuple(defines),
        postings={token: array("I", ids) for token, ids in postings.items()},
        equivalents=equivalents,
        latin_vocabulary=tuple(latin),
        unwritten=unwritten,
        dictionary=compact_dictionary(tokenizer, keep),
    )


def parse_synonyms(text: str) -> tuple[tuple[str, ...], ...]:
    """Groups from a synonyms file: one group a line, words split by "=", "," "，" or "、";
    "#" starts a comment."""
    groups: list[tuple[str, ...]] = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        members = [w.strip() for w in re.split(r"[=,，、;；|]", line) if w.strip()]
        if len(members) > 1:
            groups.append(tuple(members))
    return tuple(groups)
