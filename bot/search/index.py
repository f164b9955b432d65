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
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.notes.composites import asks, fixes, introduces
from bot.notes.corpus import Corpus, Passage, Section, aliases_in
from bot.search.glossary import GENERAL_SYNONYMS, GLOSSARY
from bot.search.stems import stem
from bot.search.text import CJK_RUN, normalize
from bot.search.lexicon import ArrayDictionary, Lexicon, as_arrays
from bot.search.tokenize import IndexTokenizer, QuestionTokenizer, acronyms, tokenizer_from_dictionary
from bot.search.wording import CHINESE_ASPECT_WORDS, CHINESE_FUNCTION_WORDS

if TYPE_CHECKING:  # pragma: no cover
    import jieba

__all__ = [
    "FIELDS",
    "INDEX_VERSION",
    "Index",
    "answerable",
    "BuildCache",
    "build_index",
    "build_signature",
    "dictionary_words",
    "heading_text",
    "parse_synonyms",
]

# Bump when the index's layout or the way it is built changes: a cached index of another version
# is rebuilt (the cache key also holds a hash of the core's code).
INDEX_VERSION = 11

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
_ARRAYS = "compact dictionary as arrays"
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
        if before.file == after.file and before.section == after.section and (introduces(before) or fixes(after)):
            leading.add(before.id)  # a lead-in, or a symptom whose fix follows ("解决办法：…")
    # a problem stated alone ("问题：线上 Full GC 频繁") restates the question: its pair with what
    # solves it answers
    leading.update(p.parts[0] for p in passages if p.kind == "pair" and asks(passages[p.parts[0]]))
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
    rare_words: tuple[np.ndarray, ...] = field(default=(), repr=False)  # length → the dictionary's rarer words, sorted

    @property
    def size(self) -> int:
        """How many passages may answer."""
        return len(self.rows)

    def passage(self, row: int) -> Passage:
        """The passage of a row."""
        return self.corpus.passages[int(self.rows[row])]

    def knows_word(self, word: str) -> bool:
        """Whether jieba's dictionary holds the word, however rare: a word of the language."""
        if self.dictionary[0].get(word, 0) > 0:
            return True
        if not 0 < len(word) < len(self.rare_words):
            return False
        words = self.rare_words[len(word)]
        at = int(np.searchsorted(words, word))
        return at < len(words) and words[at] == word

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
    def tokenizer(self) -> "jieba.Tokenizer | QuestionTokenizer":
        """The question tokenizer (built on first use from the compact dictionary)."""
        freq, total = self.dictionary
        if isinstance(freq, ArrayDictionary):
            return QuestionTokenizer(freq.lexicon)
        return tokenizer_from_dictionary(freq, total)

    @cached_property
    def section_rows(self) -> tuple[np.ndarray, ...]:
        """Section number → its rows."""
        order = np.argsort(self.section_of, kind="stable")
        bounds = np.searchsorted(self.section_of[order], np.arange(int(self.section_of.max(initial=-1)) + 2))
        return tuple(order[bounds[i] : bounds[i + 1]] for i in range(len(bounds) - 1))

    @cached_property
    def section_by_path(self) -> dict[tuple[str, tuple[str, ...]], Section]:
        """(file, heading path) → its section."""
        return {(section.file, section.path): section for section in self.corpus.sections}

    @cached_property
    def unwritten_titles(self) -> tuple[str, tuple[int, ...]]:
        """The unwritten sections' titles (`unwritten`) joined by NUL (no normalised text holds
        one), and where each starts: one string to search a form in, instead of every title."""
        titles = [title for _, title in self.unwritten]
        starts, at = [], 0
        for title in titles:
            starts.append(at)
            at += len(title) + 1
        return "\0".join(titles), tuple(starts)

    def __getstate__(self) -> dict[str, Any]:
        """The index to pickle: its dictionary compact (see `_dictionary_state`), without what is
        derived from the rest."""
        state = dict(self.__dict__)
        state["dictionary"] = _dictionary_state(self.dictionary)
        for derived in ("tokenizer", "latin_by_length", "cjk_by_length", "row_of", "section_rows", "names",
                        "section_by_path", "unwritten_titles"):
            state.pop(derived, None)  # rebuilt on first use (a jieba tokenizer holds a lock)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, dictionary=_dictionary_from_state(state.get("dictionary")))


def _dictionary_state(dictionary: tuple[Any, int]) -> tuple[str, Any, Any, int]:
    """A compact jieba dictionary as pickled: sorted arrays (`bot.search.lexicon`), far quicker to
    load than a dict of 100,000 words."""
    freq, total = dictionary
    words = freq.lexicon if isinstance(freq, ArrayDictionary) else as_arrays(freq, total)
    return (_ARRAYS, words.keys, words.freqs, int(total))


def _dictionary_from_state(kept: Any) -> Any:
    """The dictionary `_dictionary_state` pickled, read as one (`ArrayDictionary`); anything else as it is."""
    if isinstance(kept, tuple) and len(kept) == 4 and kept[0] == _ARRAYS:
        _, keys, freqs, total = kept
        return (ArrayDictionary(Lexicon(tuple(keys), tuple(freqs), total, "")), total)
    return kept


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


class BuildCache:
    """What building an index works out from a text alone, kept for the next build (`bot.library`
    keeps one per notes folder, so that a reload after editing one file cuts only the new text).

    Everything is by content: a text's normalised form, its tokens (cut with the dictionary of
    the notes' terms they were cut with: when those terms change, every text is cut again), the
    names it gives. What the last build did not use is dropped by the next one.
    """

    def __init__(self) -> None:
        self.signature = ""  # the dictionary the tokens were cut with (`IndexTokenizer.signature_of`)
        self.tokenizer: IndexTokenizer | None = None
        self.numbers: dict[str, int] = {}  # term → its number in the arrays below (not its term id)
        self.kept: dict[str, dict[str, Any]] = {}  # what → text → what the text gives
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """The cache to pickle: its dictionary compact (see `_dictionary_state`), no lock."""
        state = dict(self.__dict__)
        state["dictionary"] = _dictionary_state(self.dictionary)
        state.pop("_lock")
        state["tokenizer"] = None  # its jieba tokenizer holds a lock; the tokens stay
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, dictionary=_dictionary_from_state(state.get("dictionary")))
        self._lock = threading.Lock()


_BY_DICTIONARY = ("tokens", "own", "token_ids", "own_ids")  # what depends on the dictionary


class _Build:
    """One build's view of a `BuildCache`: what it uses is kept, the rest dropped at the end."""

    def __init__(self, cache: BuildCache, extra: list[str]) -> None:
        self.cache = cache
        self.extra = extra
        self._tokenizer: IndexTokenizer | None = None
        signature = IndexTokenizer.signature_of(extra)
        if cache.signature != signature:
            cache.signature = signature
            cache.tokenizer = None
            cache.numbers = {}
            for what in _BY_DICTIONARY:
                cache.kept.pop(what, None)
        self.numbers = cache.numbers
        self.used: dict[str, dict[str, Any]] = {}

    def _tables(self, what: str) -> tuple[dict[str, Any], dict[str, Any]]:
        used = self.used.get(what)
        if used is None:
            used = self.used[what] = {}
        return used, self.cache.kept.get(what, {})

    @property
    def tokenizer(self) -> IndexTokenizer:
        if self._tokenizer is None:
            if self.cache.tokenizer is None:
                self.cache.tokenizer = IndexTokenizer(self.extra)
            self._tokenizer = self.cache.tokenizer
        return self._tokenizer

    def memo(self, what: str, make: Callable[[str], Any]) -> Callable[[str], Any]:
        """``make`` of a text, from this build, else the last one, else made."""
        used, kept = self._tables(what)

        def found(text: str) -> Any:
            value = used.get(text)
            if value is None:
                value = kept.get(text)
                if value is None:
                    value = make(text)
                used[text] = value
            return value

        return found

    def prepare(self, texts: Iterable[str]) -> None:
        """Find the dictionary entries of the (normalised) texts not cut yet, all at once."""
        used, kept = self._tables("tokens")
        new = [t for t in texts if t and t not in used and t not in kept]
        if new:
            self.tokenizer.prepare(new)

    def numbered(self, tokens: list[str]) -> np.ndarray:
        numbers = self.numbers
        return np.array([numbers.setdefault(t, len(numbers)) for t in tokens], dtype=np.int64)

    def finish(self) -> None:
        """Keep what this build used, for the next one."""
        self.cache.kept = self.used


def _latin_pairs(text: str) -> tuple[str, ...]:
    """"docker machine": Latin words the (normalised) text writes one after the other."""
    pairs: list[str] = []
    for run in _LATIN_RUN.findall(text):
        words = re.split(r"[ \-]+", run)
        pairs.extend(f"{a} {b}" for a, b in zip(words, words[1:]))
    return tuple(pairs)


def dictionary_words(corpus: Corpus, synonyms: Iterable[Sequence[str]] = ()) -> list[str]:
    """The words an index of the corpus adds to jieba's dictionary, in the order it adds them."""
    equivalents = _equivalents(corpus, [*GENERAL_SYNONYMS, *(tuple(group) for group in synonyms)])
    return sorted(_dictionary_words(corpus, equivalents))


def _dictionary_words(corpus: Corpus, equivalents: Mapping[str, tuple[str, ...]]) -> set[str]:
    extra = {normalize(term) for term in corpus.terms} | set(equivalents)
    # The glossary's Chinese terms are words too: "机器学习" is one topic, not "机器" + "学习".
    extra.update(c for chinese in GLOSSARY.values() for c in chinese)
    return extra


def build_index(corpus: Corpus, synonyms: Iterable[Sequence[str]] = (), cache: BuildCache | None = None) -> Index:
    """Index a corpus; ``synonyms`` are groups of words meaning the same (from `synonyms.txt`),
    added to the general ones every index has (`GENERAL_SYNONYMS`). A ``cache`` kept from an
    earlier build saves working out again what the texts that did not change give."""
    cache = cache if cache is not None else BuildCache()
    with cache._lock:
        return _build(corpus, synonyms, cache)


def _build(corpus: Corpus, synonyms: Iterable[Sequence[str]], cache: BuildCache) -> Index:
    from bot.search.features import static_features

    equivalents = _equivalents(corpus, [*GENERAL_SYNONYMS, *(tuple(group) for group in synonyms)])
    extra = _dictionary_words(corpus, equivalents)
    build = _Build(cache, sorted(extra))
    norm = build.memo("normalized", normalize)
    heading_of = build.memo("heading", heading_text)
    tokens = build.memo("tokens", lambda text: build.tokenizer(text) if text else [])
    own_tokens = build.memo("own", lambda text: tokens(norm(text)) + acronyms(text))
    token_ids = build.memo("token_ids", lambda text: build.numbered(tokens(text)))
    own_ids = build.memo("own_ids", lambda text: build.numbered(own_tokens(text)))
    passages = corpus.passages

    # Every string to cut, found in the dictionary at once: texts, titles, lead-ins.
    title_words: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    for passage in passages:
        key = (passage.file, passage.section)
        if key not in title_words:
            words = [heading_of(title) for title in passage.section]
            title_words[key] = (
                words[-1] if words else "",
                " ".join([*words[:-1], norm(file_title(passage.file))]).strip(),
            )
    unwritten = tuple((s, heading_of(s.path[-1])) for s in corpus.sections if not s.has_content)
    build.prepare(
        [
            *(norm(p.text) for p in passages if not p.parts),
            *(norm(p.context) for p in passages),
            *(t for pair in title_words.values() for t in pair),
            *(heading for _, heading in unwritten),
        ]
    )

    # The body tokens of every passage, then those of the wholes from their parts (no text is cut
    # twice), as term numbers (the vocabulary's order is the order terms first stand in the rows).
    plain = [p for p in passages if not p.parts]
    own = {p.id: own_ids(p.text) for p in plain}
    titles: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}

    def heading_and_path(passage: Passage) -> tuple[np.ndarray, np.ndarray]:
        key = (passage.file, passage.section)
        heading, path = titles[key] = title_words[key]
        return (token_ids(heading) if passage.section else empty), token_ids(path)

    empty = np.zeros(0, dtype=np.int64)

    # A term's df counts the passages (not wholes) holding it in any field.
    df_parts: list[np.ndarray] = []
    for passage in plain:
        df_parts.extend((own[passage.id], *heading_and_path(passage), token_ids(norm(passage.context))))

    # A heading that asks ("BGSAVE 的时候还能写数据吗？") is the question its section's opening
    # answers, as "问：…" before "答：…": its words are that passage's own too.
    opening_line: dict[tuple[str, tuple[str, ...]], int] = {}
    for passage in plain:
        if passage.section and passage.section[-1].rstrip().endswith(("？", "?")):
            opening_line.setdefault((passage.file, passage.section), passage.line)

    rows = answerable(passages)
    sections: dict[tuple[str, tuple[str, ...]], int] = {}
    section_of: list[int] = []
    pieces: list[np.ndarray] = []  # per row, its fields in order: body, heading, path, context, code
    for pid in rows:
        passage = passages[pid]
        if passage.parts:
            parts = [passages[part] for part in passage.parts]
            body_arrays = [own[p.id] for p in parts if p.kind != "code" and p.id in own]
            code_arrays = [own[p.id] for p in parts if p.kind == "code" and p.id in own]
            body = np.concatenate(body_arrays) if body_arrays else empty
            code = np.concatenate(code_arrays) if code_arrays else empty
        else:
            body, code = own[pid], empty
        heading, path = heading_and_path(passage)
        if opening_line.get((passage.file, passage.section)) == passage.line:
            body = np.concatenate((heading, body))
        pieces.extend((body, heading, path, token_ids(norm(passage.context)), code))
        section_of.append(sections.setdefault((passage.file, passage.section), len(sections)))
    vocabulary, starts, posting_rows, posting_weights, posting_fields, df = _postings(
        pieces, df_parts, len(rows), build.numbers
    )
    del pieces, df_parts  # the build's largest temporaries, gone before the rest is made

    stems: dict[str, set[str]] = {}
    for term in vocabulary:
        if len(term) >= 4 and term.isascii() and term.isalpha():
            stems.setdefault(stem(term), set()).add(term)
    keep = set(vocabulary) | extra | CHINESE_FUNCTION_WORDS | CHINESE_ASPECT_WORDS
    for _, heading in unwritten:
        keep.update(tokens(heading))
    texts = tuple(norm(passages[pid].text) for pid in rows)
    latin_pairs: set[str] = set()
    pairs_in = build.memo("latin_pairs", _latin_pairs)
    for text in [*(norm(p.text) for p in plain), *(heading_of(s.path[-1]) for s in corpus.sections)]:
        latin_pairs.update(pairs_in(text))
    names_given = build.memo("names_given", _names_given)
    index = Index(
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
        section_titles=tuple(heading_of(path[-1]) if path else "" for _, path in sections),
        static=static_features(corpus, rows, texts, section_of),
        equivalents=equivalents,
        stems={s: tuple(sorted(words)) for s, words in stems.items()},
        latin_pairs=frozenset(latin_pairs),
        names_given=tuple(names_given(passages[pid].text) for pid in rows),
        heading_terms=frozenset(t for heading, path in titles.values() for t in (*tokens(heading), *tokens(path))),
        unwritten=unwritten,
        dictionary=build.tokenizer.compact_dictionary(keep),
        rare_words=build.tokenizer.rare_words(),
    )
    build.finish()
    return index


def _postings(
    pieces: list[np.ndarray], df_parts: list[np.ndarray], row_count: int, numbers: Mapping[str, int]
) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The vocabulary, postings and df from each row's fields as term numbers (``pieces``: body,
    heading, path, context, code of each row in turn) and each passage's fields (``df_parts``,
    four a passage); a function of its own so that its large temporaries go when it returns."""
    empty = np.zeros(0, dtype=np.int64)
    sizes = np.array([len(piece) for piece in pieces], dtype=np.int64).reshape(row_count, len(FIELDS))

    # The vocabulary: terms in the order they first stand in the rows' fields.
    sequence = np.concatenate(pieces) if pieces else empty
    names_by_number = list(numbers)
    used, first = np.unique(sequence, return_index=True)
    in_order = used[np.argsort(first, kind="stable")]
    rank = np.full(len(numbers) + 1, -1, dtype=np.int64)
    rank[in_order] = np.arange(len(in_order))
    vocabulary = {names_by_number[int(n)]: term_id for term_id, n in enumerate(in_order)}
    size = len(vocabulary)
    # Each token as (row, term) in one number, then each distinct pair and its counts by field;
    # what is no longer needed goes at once (at 8x the Docker book these are 60 MB each).
    row_sizes = sizes.sum(axis=1)
    pair_key = np.repeat(np.arange(row_count, dtype=np.int64) * max(size, 1), row_sizes)
    pair_key += rank[sequence]
    del sequence
    field_of = np.repeat(np.tile(np.arange(len(FIELDS), dtype=np.int8), row_count), sizes.reshape(-1))

    # Counts of each term in each field of each row, then its saturated BM25F weight there. The
    # arithmetic is the scalar one's, step by step: float32 once the body's length norm is in.
    lengths = {name: sizes[:, number].astype(np.float32) for number, name in enumerate(FIELDS)}
    average = {name: max(float(lengths[name].mean()) if row_count else 1.0, 1.0) for name in FIELDS}
    pairs, inverse = np.unique(pair_key, return_inverse=True)
    del pair_key
    slots = inverse.reshape(-1) * len(FIELDS)
    del inverse
    slots += field_of
    del field_of
    counts = np.bincount(slots, minlength=len(pairs) * len(FIELDS)).astype(np.int32).reshape(len(pairs), len(FIELDS))
    del slots
    pair_rows = pairs // max(size, 1)
    pair_terms = pairs % max(size, 1)
    body_norm = np.float32(1.0 - B) + np.float32(B) * lengths["body"] / np.float32(average["body"])
    in_body = counts[:, 0] > 0
    narrow = counts[:, 0].astype(np.float32) / body_norm[pair_rows]  # body: float32 from the start
    wide = np.zeros(len(pairs), dtype=np.float64)  # no body: Python floats
    for number, name in enumerate(FIELDS[1:], 1):
        added = FIELD_WEIGHT[name] * counts[:, number].astype(np.float64)
        narrow = narrow + added.astype(np.float32)
        wide = wide + added
    weights = np.where(
        in_body,
        narrow / (np.float32(K1) + narrow),
        (wide / (K1 + wide)).astype(np.float32),
    ).astype(np.float32)
    masks = ((counts > 0) * np.array([FIELD_BIT[name] for name in FIELDS], dtype=np.int64)).sum(axis=1)
    order = np.lexsort((pair_rows, pair_terms))
    starts = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair_terms, minlength=size), out=starts[1:])
    posting_rows = pair_rows[order].astype(np.int32)
    posting_weights = weights[order]
    posting_fields = masks[order].astype(np.uint8)
    df = np.zeros(size, dtype=np.int32)
    if df_parts:
        held = rank[np.concatenate(df_parts)]
        owners = np.repeat(np.arange(len(df_parts)) // 4, [len(part) for part in df_parts])
        wanted = held >= 0
        each = np.sort(owners[wanted] * max(size, 1) + held[wanted])
        each = each[np.concatenate(([True], each[1:] != each[:-1]))] if len(each) else each  # a term once per passage
        df[:] = np.bincount(each % max(size, 1), minlength=size)[:size]

    return vocabulary, starts, posting_rows, posting_weights, posting_fields, df


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
