"""Splitting normalised text into search tokens: jieba for Chinese, word patterns for Latin script.

Each tokenizer is a private `jieba.Tokenizer` (never jieba's global one). Building an index cuts
with jieba's full dictionary plus the notes' own terms (`IndexTokenizer`: only the entries its
texts meet are ever loaded, `bot.search.lexicon`); answering uses a *compact* dictionary saved with
the index (the words the notes and common questions use), so that start-up does not pay for loading
jieba's whole dictionary.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from math import log
from typing import TYPE_CHECKING

from bot.search.text import ASCII_WORD, CJK_RUN

if TYPE_CHECKING:  # pragma: no cover
    import jieba
    import numpy as np

    from bot.search.lexicon import Lexicon

__all__ = [
    "CompactDictionary",
    "QuestionTokenizer",
    "acronyms",
    "ascii_forms",
    "cjk_bigrams",
    "compact_dictionary",
    "compound_names",
    "IndexTokenizer",
    "index_tokens",
    "quiet_jieba",
    "query_words",
    "tokenizer_from_dictionary",
]

_JOINERS = ".-_/+"
# Words of jieba's dictionary at least this frequent go into the compact dictionary: enough to cut
# ordinary questions ("北京", "好吃", "许可证") into words rather than single characters.
COMMON_WORD_MIN_FREQ = 20
# The longest of the dictionary's rarer words an index keeps to tell a word from a typo.
RARE_WORD_CHARS = 4


def quiet_jieba():  # type: ignore[no-untyped-def]
    """The jieba module, its log quiet. jieba tries `pkg_resources` only to find its own files
    (a slow import, deprecated); without it, it opens them next to its code, as it does here."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails: jieba's fallback
        try:
            import jieba
        finally:
            if sys.modules.get("pkg_resources", ...) is None:
                del sys.modules["pkg_resources"]
    import jieba

    jieba.setLogLevel(logging.WARNING)
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


@cache
def _tokenizer_class() -> type:
    """jieba's tokenizer with its two innermost steps written for speed: the same lookups and the
    same arithmetic in the same order, so the same cuts (`tests/search/test_tokens.py` holds it to
    jieba's own on every text of the notes)."""
    jieba = quiet_jieba()

    class Tokenizer(jieba.Tokenizer):  # type: ignore[misc, name-defined]
        _logs: dict[str, float]

        def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 - jieba's name
            self.check_initialized()
            get = self.FREQ.get
            dag: dict[int, list[int]] = {}
            size = len(sentence)
            for k in range(size):
                ends = []
                i = k
                frag = sentence[k]
                while i < size:
                    found = get(frag)
                    if found is None:
                        break
                    if found:
                        ends.append(i)
                    i += 1
                    frag = sentence[k : i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:  # noqa: N803
            size = len(sentence)
            route[size] = (0, 0)
            logtotal = log(self.total)
            logs = self.__dict__.get("_logs")
            if logs is None or logs.get("") != self.total:
                logs = self._logs = {"": self.total}  # type: ignore[dict-item]  # "" holds the total they are for
            get = self.FREQ.get
            for idx in range(size - 1, -1, -1):
                best = None
                for x in DAG[idx]:
                    word = sentence[idx : x + 1]
                    weight = logs.get(word)
                    if weight is None:
                        weight = logs[word] = log(get(word) or 1)
                    candidate = (weight - logtotal + route[x + 1][0], x)
                    if best is None or candidate > best:
                        best = candidate
                route[idx] = best  # type: ignore[assignment]

        def forget_weights(self) -> None:
            """Drop the words' log frequencies (after the dictionary gained entries)."""
            self.__dict__.pop("_logs", None)

    return Tokenizer


def tokenizer_from_dictionary(
    freq: Mapping[str, int], total: int, copy: bool = True, fast: bool = False
) -> "jieba.Tokenizer":
    """A private jieba tokenizer over a given prefix dictionary (no file is read); ``copy=False``
    uses the dict itself (it must be a dict, and is changed by words added to the tokenizer);
    ``fast``: jieba's steps written for speed (`_tokenizer_class`)."""
    tokenizer = _tokenizer_class()() if fast else quiet_jieba().Tokenizer()
    tokenizer.FREQ = dict(freq) if copy or not isinstance(freq, dict) else freq
    tokenizer.total = total
    tokenizer.initialized = True
    return tokenizer


class CompactDictionary(dict):  # type: ignore[type-arg]
    """A compact dictionary made from the common words' one (``base``, shared by every index of
    the process) and the words it set or added (``touched``): what `bot.search.lexicon.as_arrays`
    needs to make its arrays from the common words' arrays instead of from all its words."""

    base: dict[str, int] | None = None
    touched: set[str] = frozenset()  # type: ignore[assignment]


class QuestionTokenizer:
    """The question tokenizer of an index loaded from the cache: a private jieba tokenizer (jieba's
    own, as `tokenizer_from_dictionary` gives) over only the entries of the compact dictionary the
    texts it cuts meet, found before each is cut (`Lexicon.met`), so it cuts them exactly as one
    over the whole compact dictionary would, without ever making that dictionary a dict."""

    def __init__(self, source: "Lexicon") -> None:
        self.lexicon = source
        self.tokenizer = tokenizer_from_dictionary({}, source.total, copy=False)
        self._prepared: set[str] = set()

    def _prepare(self, text: str) -> None:
        if text not in self._prepared:
            freq = self.tokenizer.FREQ
            for word, count in self.lexicon.met([text]).items():
                freq.setdefault(word, count)
            self._prepared.add(text)

    def cut(self, text: str, HMM: bool = True) -> Iterator[str]:  # noqa: N803 - jieba's name
        self._prepare(text)
        return self.tokenizer.cut(text, HMM=HMM)

    def cut_for_search(self, text: str, HMM: bool = True) -> Iterator[str]:  # noqa: N803
        self._prepare(text)
        return self.tokenizer.cut_for_search(text, HMM=HMM)


def _adds(tokenizer: "jieba.Tokenizer", word: str) -> bool:
    """Whether `add_word` gives the tokenizer this word: a Chinese term it does not know yet."""
    return bool(CJK_RUN.search(word)) and len(word) >= 2 and " " not in word and not tokenizer.FREQ.get(word)


def add_word(tokenizer: "jieba.Tokenizer", word: str) -> None:
    """Add a (normalised) term so that it is cut as one word; Latin-only terms need no entry."""
    if _adds(tokenizer, word):
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, False), 10))


class IndexTokenizer:
    """Search tokens of the texts of one index build: jieba, its full dictionary plus extra words
    (the notes' terms), without ever holding that dictionary.

    jieba's tokenizer here holds only the dictionary entries its texts meet (`Lexicon.met`), found
    before they are cut (`prepare`), which cuts them exactly as the whole dictionary would. Each
    distinct Chinese run and Latin word is cut once.
    """

    def __init__(self, extra_words: Iterable[str] = (), source: "Lexicon | None" = None) -> None:
        from bot.search.lexicon import lexicon

        self.lexicon = source if source is not None else lexicon()
        extra = list(extra_words)
        self.tokenizer = tokenizer_from_dictionary(self.lexicon.met(extra), self.lexicon.total, copy=False, fast=True)
        self.added: list[str] = []  # the extra words the tokenizer did not know, in order
        for word in extra:
            if _adds(self.tokenizer, word):
                add_word(self.tokenizer, word)
                self.added.append(word)
        self.signature = self.signature_of(extra, self.lexicon.signature)
        self._runs: dict[str, list[str]] = {}
        self._latin: dict[str, list[str]] = {}

    @staticmethod
    def signature_of(extra_words: Iterable[str], lexicon_signature: str | None = None) -> str:
        """What the tokens cut by an `IndexTokenizer` of these extra words depend on."""
        if lexicon_signature is None:
            from bot.search.lexicon import lexicon_signature as current

            lexicon_signature = current()
        text = "\0".join([lexicon_signature, *extra_words])
        return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:24]

    def prepare(self, texts: Iterable[str]) -> None:
        """Find the dictionary entries these (normalised) texts meet, before they are cut."""
        runs = {run for text in texts for run in CJK_RUN.findall(text) if run not in self._runs}
        freq = self.tokenizer.FREQ
        for word, count in self.lexicon.met(runs).items():
            freq.setdefault(word, count)  # an extra word keeps the frequency it was given
        self.tokenizer.forget_weights()
        self._runs.update(dict.fromkeys(runs, None))  # type: ignore[arg-type]

    def __call__(self, text: str) -> list[str]:
        """`index_tokens` of a normalised text."""
        tokens: list[str] = []
        runs = self._runs
        for run in CJK_RUN.findall(text):
            cut = runs.get(run)
            if cut is None:
                if run not in runs:
                    self.prepare([run])
                cut = runs[run] = [w for w in self.tokenizer.cut_for_search(run) if w.strip()]
            tokens.extend(cut)
        latin = self._latin
        for word in ASCII_WORD.findall(text):
            forms = latin.get(word)
            if forms is None:
                forms = latin[word] = [*ascii_forms(word), *compound_names(word)]
            tokens.extend(forms)
        return tokens

    def rare_words(self, min_freq: int = COMMON_WORD_MIN_FREQ, longest: int = RARE_WORD_CHARS) -> tuple[np.ndarray, ...]:
        """The dictionary's words less frequent than the compact dictionary keeps, of two to
        ``longest`` characters, one sorted array a length (index: the length): enough to know a
        question's word is a word of the language ("转到", "切到") and no typo."""
        keys, freqs = self.lexicon.keys, self.lexicon.freqs
        return tuple(keys[size][(freqs[size] > 0) & (freqs[size] < min_freq)] if size >= 2 else keys[size][:0]
                     for size in range(min(longest, self.lexicon.longest) + 1))

    def compact_dictionary(self, keep: Iterable[str], min_freq: int = COMMON_WORD_MIN_FREQ) -> tuple[dict[str, int], int]:
        """`compact_dictionary` of the full dictionary with the extra words."""
        common, common_total = self.lexicon.common(min_freq)
        source = self.tokenizer.FREQ
        words = {word: source[word] for word in self.added if source[word] >= min_freq}
        wanted = [
            w for w in dict.fromkeys(keep)
            if w and common.get(w, 0) < min_freq and w not in words and CJK_RUN.fullmatch(w)
        ]
        known = self.lexicon.lookup(w for w in wanted if w not in source)
        for word in wanted:
            words[word] = max(source.get(word, known.get(word, 0)), 1)
        freq = CompactDictionary(common)
        for word, count in words.items():
            freq[word] = count
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
        freq.base = common
        freq.touched = {w[:end] for w in words for end in range(1, len(w) + 1)}
        return freq, common_total + sum(words.values())


def compact_dictionary(
    tokenizer: "jieba.Tokenizer", keep: Iterable[str], min_freq: int = COMMON_WORD_MIN_FREQ
) -> tuple[dict[str, int], int]:
    """A small prefix dictionary: the words in ``keep`` plus the common words of ``tokenizer``."""
    source = tokenizer.FREQ
    words: dict[str, int] = {w: f for w, f in source.items() if f >= min_freq}
    for word in keep:
        if word and CJK_RUN.fullmatch(word):
            words.setdefault(word, max(source.get(word, 0), 1))
    freq: dict[str, int] = {}
    for word, count in words.items():
        freq[word] = count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, sum(words.values())


def ascii_forms(word: str) -> tuple[str, ...]:
    """A Latin word and its variants: joiners removed ("sr-iov" → "sriov") and its parts."""
    forms = [word]
    stripped = word.strip(_JOINERS)
    if any(j in stripped for j in _JOINERS):
        squashed = "".join(c for c in stripped if c not in _JOINERS)
        forms.append(squashed)
        part = ""
        for char in stripped + " ":
            if char in _JOINERS or char == " ":
                if len(part) >= 2:
                    forms.append(part)
                part = ""
            else:
                part += char
    return tuple(dict.fromkeys(f for f in forms if f))


_MOST_PARTS = 6  # a longer compound (a path, a URL) gives no shorter names: too many


def compound_names(word: str) -> list[str]:
    """The shorter compounds inside a compound, joiners kept: "/var/run/docker.sock" →
    "var/run", "run/docker", "docker.sock", "var/run/docker", "run/docker.sock"."""
    pieces = re.split(r"([.\-_/+]+)", word.strip(_JOINERS))
    words, joins = pieces[0::2], pieces[1::2]
    if len(words) > _MOST_PARTS:
        return []
    found = []
    for start in range(len(words)):
        for end in range(start + 2, len(words) + 1):
            if (start, end) != (0, len(words)):
                found.append(words[start] + "".join(joins[k - 1] + words[k] for k in range(start + 1, end)))
    return found


def cjk_bigrams(text: str) -> Iterator[str]:
    """Every pair of adjacent Chinese characters (within runs of Chinese script)."""
    for match in CJK_RUN.finditer(text):
        run = match.group(0)
        for start in range(len(run) - 1):
            yield run[start : start + 2]


def index_tokens(tokenizer: "jieba.Tokenizer", text: str) -> list[str]:
    """Search tokens of normalised text: jieba search-mode words, Latin words and their forms."""
    tokens: list[str] = []
    for match in CJK_RUN.finditer(text):
        tokens.extend(w for w in tokenizer.cut_for_search(match.group(0)) if w.strip())
    for match in ASCII_WORD.finditer(text):
        tokens.extend(ascii_forms(match.group(0)))
        tokens.extend(compound_names(match.group(0)))
    return tokens


def query_words(tokenizer: "jieba.Tokenizer", text: str) -> list[tuple[str, int]]:
    """Words of a normalised question in order, each with its start: jieba precise mode for Chinese
    runs, whole Latin words; punctuation and spaces dropped."""
    words: list[tuple[str, int]] = []
    for match in CJK_RUN.finditer(text):
        position = match.start()
        for word in tokenizer.cut(match.group(0), HMM=True):
            words.append((word, position))
            position += len(word)
    for match in ASCII_WORD.finditer(text):
        words.append((match.group(0), match.start()))
    words.sort(key=lambda item: item[1])
    return words


_TITLE_PHRASE = re.compile(r"\b(?:[A-Z][a-z]+[ -]){1,4}[A-Z][a-z]+\b")
_HYPHENED = re.compile(r"\b[a-z]+(?:-[a-z]+){2,5}\b")


def acronyms(original: str) -> list[str]:
    """Acronyms a passage spells out, as tokens: "Horizontal Pod Autoscaler" and the option
    "--horizontal-pod-autoscaler-sync-period" both give "hpa" (of three or four words in a row), so
    a question asking for HPA finds them. Read from the passage's own text, whose capitals show
    where a name starts."""
    found: list[str] = []
    for match in _TITLE_PHRASE.finditer(original):
        words = re.split(r"[ -]", match.group(0))
        found.append("".join(word[0] for word in words).lower())
    for match in _HYPHENED.finditer(original.lower()):
        parts = match.group(0).split("-")
        for size in (3, 4):
            for start in range(len(parts) - size + 1):
                found.append("".join(word[0] for word in parts[start : start + size]))
    return found
