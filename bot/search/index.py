"""The search index over a corpus: which passages may answer, their words by field, BM25F weights.

Built once per version of the notes (and cached on disk by `bot.library`). A passage is found
through its own words and its place in the notes, as fields of one document (BM25F):

- ``body``: its text (a whole list, pair or section: its parts' prose);
- ``heading``: its own section's title; ``path``: the titles above it and the file's name;
- ``context``: the lead-in it belongs to ("…可分为：" before a list item, a table's caption);
- ``code``: the code blocks a pair or section shows.

Not every passage may answer (`answerable`): a code block only comes with the sentence that
introduces it (a pair), a lead-in ending in "：" only with what it introduces. Each answerable
passage is a *row*; for every term the index keeps the rows holding it, the term's saturated BM25F
weight in each (``tf / (k1 + tf)`` of the fields' weighted, length-normalised counts) and a bit
mask of the fields it stands in. A query then costs one pass over the postings of its terms
(`bot.search.retrieval`).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.notes.composites import introduces
from bot.notes.corpus import Corpus, Passage, Section, aliases_in
from bot.search.glossary import GENERAL_SYNONYMS, GLOSSARY
from bot.search.stems import stem
from bot.search.text import CJK_RUN, normalize
from bot.search.tokenize import (
    acronyms,
    compact_dictionary,
    full_tokenizer,
    index_tokens,
    tokenizer_from_dictionary,
)
from bot.search.wording import CHINESE_ASPECT_WORDS, CHINESE_FUNCTION_WORDS

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = [
    "FIELDS",
    "INDEX_VERSION",
    "Index",
    "answerable",
    "build_index",
    "build_signature",
    "heading_text",
    "parse_synonyms",
]

# Bump when the index's layout or the way it is built changes: a cached index of another version
# is rebuilt (the cache key also holds a hash of the core's code).
INDEX_VERSION = 10

# The fields, their bit in a posting's mask and their weight in BM25F. The weights and BM25's k1 and
# b were chosen by measurement on the development question sets (see `bot.search.weights`).
FIELDS = ("body", "heading", "path", "context", "code")
FIELD_BIT = {name: 1 << number for number, name in enumerate(FIELDS)}
FIELD_WEIGHT = {"body": 1.0, "heading": 1.0, "path": 0.25, "context": 0.4, "code": 0.3}
K1 = 1.2
B = 0.3  # body length normalisation (the other fields are short titles)
MIN_IDF_PASSAGES = 50  # small notes would make every word look rare or common by chance

_HEADING_NUMBER = re.compile(
    r"^\s*(?:第\s*[0-9一二三四五六七八九十百]+\s*[章节篇部]|[0-9]+(?:\.[0-9]+)*\.?|[一二三四五六七八九十]+[、.．])\s*"
)
_LEAD_IN_CHARS = 60
_FRAGMENT_CHARS = 8
_LATIN_RUN = re.compile(r"[a-z][a-z0-9]*(?:[ \-]+[a-z][a-z0-9]*)+")  # Latin words one after the other
_NAMELESS_FILES = frozenset({"readme", "index", "summary", "_index"})


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


def file_title(name: str) -> str:
    """What a file's name says about its notes ("docker/network.md" → "network"; a README says nothing)."""
    stem_ = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if stem_.lower() in _NAMELESS_FILES else re.sub(r"^[0-9._\-]+", "", stem_).replace("_", " ")


def answerable(passages: Sequence[Passage]) -> list[int]:
    """The ids of the passages that may be given as an answer: not a code block alone (its pair with
    the sentence introducing it may), not a lead-in or caption alone (its list, table or pair may),
    not a fragment of a few characters (the list or section holding it may)."""
    leading: set[int] = set()
    for passage in passages:
        if passage.kind in ("list", "table") and passage.parts:
            first = passages[passage.parts[0]]
            if first.kind in ("paragraph", "list_item", "quote") and first.text in (passage.context, passage.text.split("\n", 1)[0]):
                leading.add(first.id)
    for before, after in zip(passages, passages[1:]):
        if introduces(before) and before.file == after.file and before.section == after.section:
            leading.add(before.id)
    # a short sentence ending in "：" with nothing after it in its section says nothing either, nor
    # does a fragment of a few characters ("临时缓存", an item of a list of names)
    leading.update(p.id for p in passages if not p.parts and introduces(p) and len(p.text) <= _LEAD_IN_CHARS)
    leading.update(p.id for p in passages if not p.parts and len(p.text) < _FRAGMENT_CHARS)
    return [p.id for p in passages if p.kind != "code" and p.id not in leading]


@dataclass(frozen=True, eq=False)
class Index:
    """Everything a question is matched against (see the module docstring)."""

    corpus: Corpus
    rows: np.ndarray  # passage id of each row (answerable passages, in corpus order)
    vocabulary: Mapping[str, int]  # normalised term → term id
    starts: np.ndarray  # term id → first posting (postings of term t: starts[t]:starts[t + 1])
    posting_rows: np.ndarray  # row of each posting, ascending within a term
    posting_weights: np.ndarray  # saturated BM25F weight of the term in that row
    posting_fields: np.ndarray  # bit mask of the fields the term stands in
    df: np.ndarray  # term id → passages (not wholes) holding the term
    passages_counted: int  # the passages df counts over
    texts: tuple[str, ...]  # normalised text of each row
    section_of: np.ndarray  # row → its section (file and heading path) number
    section_titles: tuple[str, ...]  # section number → its own title, normalised, without its number
    static: np.ndarray  # row → features that do not depend on the question (bot.search.features)
    equivalents: Mapping[str, tuple[str, ...]]  # normalised term → terms meaning the same
    stems: Mapping[str, tuple[str, ...]]  # English stem → the notes' Latin words with that stem
    latin_pairs: frozenset[str]  # "docker machine": two Latin words the notes write one after the other
    names_given: tuple[frozenset[str], ...]  # row → terms it gives another name of ("Linux容器（Linux Containers，LXC）")
    heading_terms: frozenset[str]  # every term of every heading: what the notes are about
    unwritten: tuple[tuple[Section, str], ...]  # sections with no content, with normalised heading
    dictionary: tuple[dict[str, int], int] = field(repr=False)  # compact jieba prefix dictionary

    @property
    def size(self) -> int:
        """How many passages may answer."""
        return len(self.rows)

    def passage(self, row: int) -> Passage:
        """The passage of a row."""
        return self.corpus.passages[int(self.rows[row])]

    def term_df(self, term: str) -> int:
        """How many passages hold a term (0 when the notes do not use it)."""
        found = self.vocabulary.get(term)
        return int(self.df[found]) if found is not None else 0

    def idf(self, df: int) -> float:
        """BM25's inverse document frequency for a term held by ``df`` passages."""
        n = max(self.passages_counted, MIN_IDF_PASSAGES)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    @cached_property
    def row_of(self) -> dict[int, int]:
        """Passage id → row."""
        return {int(pid): row for row, pid in enumerate(self.rows)}

    @cached_property
    def latin_by_length(self) -> dict[int, tuple[str, ...]]:
        """The notes' Latin words (three letters or more) grouped by length, for typo matching."""
        groups: dict[int, list[str]] = {}
        for word in self.vocabulary:
            if len(word) >= 3 and not CJK_RUN.search(word) and not word.isdigit():
                groups.setdefault(len(word), []).append(word)
        return {size: tuple(sorted(words)) for size, words in groups.items()}

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Term id → the term."""
        names = [""] * len(self.vocabulary)
        for term, term_id in self.vocabulary.items():
            names[term_id] = term
        return tuple(names)

    @cached_property
    def cjk_by_length(self) -> dict[int, tuple[str, ...]]:
        """The notes' Chinese words (two to six characters) grouped by length, for typo matching."""
        groups: dict[int, list[str]] = {}
        for word in self.vocabulary:
            if 2 <= len(word) <= 6 and CJK_RUN.fullmatch(word):
                groups.setdefault(len(word), []).append(word)
        return {size: tuple(sorted(words)) for size, words in groups.items()}

    @cached_property
    def tokenizer(self) -> "jieba.Tokenizer":
        """The question tokenizer (built on first use from the compact dictionary)."""
        freq, total = self.dictionary
        return tokenizer_from_dictionary(freq, total)

    @cached_property
    def section_rows(self) -> tuple[np.ndarray, ...]:
        """Section number → its rows."""
        order = np.argsort(self.section_of, kind="stable")
        bounds = np.searchsorted(self.section_of[order], np.arange(int(self.section_of.max(initial=-1)) + 2))
        return tuple(order[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1))

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for derived in ("tokenizer", "latin_by_length", "cjk_by_length", "row_of", "section_rows", "names"):
            state.pop(derived, None)  # rebuilt on first use (a jieba tokenizer holds a lock)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def _equivalents(corpus: Corpus, synonyms: Iterable[Sequence[str]]) -> dict[str, tuple[str, ...]]:
    groups: list[set[str]] = [{normalize(term), normalize(alias)} for term, alias in corpus.aliases]
    for group in synonyms:
        members = {normalize(word).strip() for word in group} - {""}
        if len(members) > 1:
            groups.append(members)
    linked: dict[str, set[str]] = {}
    for members in groups:
        for word in members:
            linked.setdefault(word, set()).update(members - {word})
    return {word: tuple(sorted(others)) for word, others in linked.items()}


class _Tokens:
    """Tokens of normalised strings, each distinct string cut once (headings repeat)."""

    def __init__(self, tokenizer: "jieba.Tokenizer") -> None:
        self.tokenizer = tokenizer
        self.cache: dict[str, list[str]] = {}

    def __call__(self, text: str) -> list[str]:
        found = self.cache.get(text)
        if found is None:
            found = index_tokens(self.tokenizer, text) if text else []
            self.cache[text] = found
        return found


def build_index(corpus: Corpus, synonyms: Iterable[Sequence[str]] = ()) -> Index:
    """Index a corpus; ``synonyms`` are groups of words meaning the same (from `synonyms.txt`),
    added to the general ones every index has (`GENERAL_SYNONYMS`)."""
    from bot.search.features import static_features

    synonyms = [*GENERAL_SYNONYMS, *(tuple(group) for group in synonyms)]
    equivalents = _equivalents(corpus, synonyms)
    extra = {normalize(term) for term in corpus.terms} | set(equivalents)
    # The glossary's Chinese terms are words too: "机器学习" is one topic, not "机器" + "学习".
    extra.update(c for chinese in GLOSSARY.values() for c in chinese)
    tokenizer = full_tokenizer(sorted(extra))
    tokens = _Tokens(tokenizer)
    passages = corpus.passages

    # The body tokens of every passage, then those of the wholes from their parts (no text is cut twice).
    own: dict[int, list[str]] = {}
    for passage in passages:
        if not passage.parts:
            own[passage.id] = tokens(normalize(passage.text)) + acronyms(passage.text)
    titles: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}

    def heading_and_path(passage: Passage) -> tuple[list[str], list[str]]:
        key = (passage.file, passage.section)
        found = titles.get(key)
        if found is None:
            words = [heading_text(title) for title in passage.section]
            heading = tokens(words[-1]) if words else []
            path = tokens(" ".join([*words[:-1], normalize(file_title(passage.file))]).strip())
            found = titles[key] = (heading, path)
        return found

    # A term's df counts the passages (not wholes) holding it in any field.
    df_counts: Counter[str] = Counter()
    for pid, body in own.items():
        heading, path = heading_and_path(passages[pid])
        df_counts.update({*body, *heading, *path, *tokens(normalize(passages[pid].context))})

    vocabulary: dict[str, int] = {}
    rows = answerable(passages)
    fields_of: list[dict[str, list[str]]] = []
    sections: dict[tuple[str, tuple[str, ...]], int] = {}
    section_of: list[int] = []
    for pid in rows:
        passage = passages[pid]
        if passage.parts:
            parts = [passages[part] for part in passage.parts]
            body = [t for part in parts if part.kind != "code" for t in own.get(part.id, ())]
            code = [t for part in parts if part.kind == "code" for t in own.get(part.id, ())]
        else:
            body, code = own[pid], []
        heading, path = heading_and_path(passage)
        context = tokens(normalize(passage.context))
        fields_of.append({"body": body, "heading": heading, "path": path, "context": context, "code": code})
        section_of.append(sections.setdefault((passage.file, passage.section), len(sections)))

    lengths = {name: np.array([len(f[name]) for f in fields_of], dtype=np.float32) for name in FIELDS}
    average = {name: max(float(lengths[name].mean()) if len(fields_of) else 1.0, 1.0) for name in FIELDS}
    entries: dict[int, list[tuple[int, float, int]]] = {}
    for row, fields in enumerate(fields_of):
        weighted: dict[str, float] = {}
        masks: dict[str, int] = {}
        for name in FIELDS:
            counts = Counter(fields[name])
            if not counts:
                continue
            norm = (1.0 - B + B * lengths[name][row] / average[name]) if name == "body" else 1.0
            for term, count in counts.items():
                weighted[term] = weighted.get(term, 0.0) + FIELD_WEIGHT[name] * count / norm
                masks[term] = masks.get(term, 0) | FIELD_BIT[name]
        for term, tf in weighted.items():
            term_id = vocabulary.setdefault(term, len(vocabulary))
            entries.setdefault(term_id, []).append((row, tf / (K1 + tf), masks[term]))
    starts = np.zeros(len(vocabulary) + 1, dtype=np.int64)
    for term_id, found in entries.items():
        starts[term_id + 1] = len(found)
    np.cumsum(starts, out=starts)
    posting_rows = np.empty(int(starts[-1]), dtype=np.int32)
    posting_weights = np.empty(int(starts[-1]), dtype=np.float32)
    posting_fields = np.empty(int(starts[-1]), dtype=np.uint8)
    for term_id, found in entries.items():
        at = int(starts[term_id])
        posting_rows[at : at + len(found)] = [r for r, _, _ in found]
        posting_weights[at : at + len(found)] = [w for _, w, _ in found]
        posting_fields[at : at + len(found)] = [m for _, _, m in found]
    df = np.zeros(len(vocabulary), dtype=np.int32)
    for term, term_id in vocabulary.items():
        df[term_id] = df_counts.get(term, 0)

    stems: dict[str, set[str]] = {}
    for term in vocabulary:
        if len(term) >= 4 and term.isascii() and term.isalpha():
            stems.setdefault(stem(term), set()).add(term)
    unwritten = tuple((s, heading_text(s.path[-1])) for s in corpus.sections if not s.has_content)
    keep = set(vocabulary) | extra | CHINESE_FUNCTION_WORDS | CHINESE_ASPECT_WORDS
    for _, heading in unwritten:
        keep.update(tokens(heading))
    texts = tuple(normalize(passages[pid].text) for pid in rows)
    pairs: set[str] = set()
    for text in [*(normalize(p.text) for p in passages if not p.parts), *(heading_text(s.path[-1]) for s in corpus.sections)]:
        for run in _LATIN_RUN.findall(text):
            words = re.split(r"[ \-]+", run)
            pairs.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return Index(
        corpus=corpus,
        rows=np.array(rows, dtype=np.int32),
        vocabulary=vocabulary,
        starts=starts,
        posting_rows=posting_rows,
        posting_weights=posting_weights,
        posting_fields=posting_fields,
        df=df,
        passages_counted=len(own),
        texts=texts,
        section_of=np.array(section_of, dtype=np.int32),
        section_titles=tuple(heading_text(path[-1]) if path else "" for _, path in sections),
        static=static_features(corpus, rows, texts, section_of),
        equivalents=equivalents,
        stems={s: tuple(sorted(words)) for s, words in stems.items()},
        latin_pairs=frozenset(pairs),
        names_given=tuple(_names_given(passages[pid].text) for pid in rows),
        heading_terms=frozenset(t for heading, path in titles.values() for t in (*heading, *path)),
        unwritten=unwritten,
        dictionary=compact_dictionary(tokenizer, keep),
    )


def _names_given(text: str) -> frozenset[str]:
    """The terms a passage names together with another name of theirs, in a bracket after it:
    "Linux容器（Linux Containers，LXC）" gives linux容器, linux containers and lxc (normalised)."""
    return frozenset(normalize(name) for pair in aliases_in(text) for name in pair)


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
