"""jieba's dictionary as a lookup table: sorted arrays of its entries by length, searched in bulk.

jieba cuts a sentence by looking up its substrings in a prefix dictionary (every word of
`dict.txt` with its frequency, and every prefix of a word with frequency 0). Held as jieba holds
it, a Python dict, that dictionary takes about 60 MB and a third of a second to load for every
index built. But jieba only ever looks up substrings of the text it cuts, and stops extending a
substring as soon as it is no prefix of any word. So `Lexicon.met` finds, in one vectorised pass
over all the texts an index will cut, every entry jieba would meet there; a jieba tokenizer over
those entries alone (and the dictionary's total) cuts those texts exactly as one over the whole
dictionary does — jieba's own algorithm, on the same dictionary, looked up faster.

The arrays are made once from jieba's own dictionary (its cache file, or `dict.txt` through jieba)
and kept in the temporary folder, next to jieba's own cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import os
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

__all__ = ["LEXICON_VERSION", "ArrayDictionary", "Lexicon", "as_arrays", "from_mapping", "lexicon", "lexicon_signature"]

# Bump when the file's layout changes.
LEXICON_VERSION = 1
_SEPARATOR = "\n"  # between texts: no entry holds it, so no entry is met across two texts

log = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """jieba's prefix dictionary: for each length, its entries sorted and their frequencies."""

    keys: tuple[np.ndarray, ...]  # keys[n]: the entries of n characters, sorted (keys[0] is empty)
    freqs: tuple[np.ndarray, ...]  # freqs[n][i]: the frequency of keys[n][i] (0 for a prefix only)
    total: int  # the sum of the words' frequencies (jieba's `total`)
    signature: str  # which jieba dictionary this is
    _common: dict[int, tuple[dict[str, int], int]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def longest(self) -> int:
        return len(self.keys) - 1

    def lookup(self, words: Iterable[str]) -> dict[str, int]:
        """The entries among ``words`` (word → frequency, 0 for a prefix only); others are left out."""
        by_length: dict[int, list[str]] = {}
        for word in words:
            if 0 < len(word) <= self.longest:
                by_length.setdefault(len(word), []).append(word)
        found: dict[str, int] = {}
        for size, group in by_length.items():
            probes = np.array(group, dtype=f"<U{size}")
            self._add_found(found, size, probes)
        return found

    def met(self, texts: Iterable[str]) -> dict[str, int]:
        """Every entry jieba's scan meets in these texts (each scanned from every character, one
        character longer while what it holds is an entry): word → frequency."""
        joined = _SEPARATOR.join(texts)
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        count = len(codes)
        found: dict[str, int] = {}
        starts = np.flatnonzero(codes != ord(_SEPARATOR))
        for size in range(1, self.longest + 1):
            starts = starts[starts + size <= count]
            if not len(starts) or not len(self.keys[size]):
                break
            # every substring of `size` characters, one per start: a strided view of the text
            view = np.ndarray((count - size + 1,), dtype=f"<U{size}", buffer=codes, strides=(4,))
            hit = self._add_found(found, size, view[starts])
            starts = starts[hit]
        return found

    def _add_found(self, found: dict[str, int], size: int, probes: np.ndarray) -> np.ndarray:
        keys = self.keys[size]
        if not len(keys) or not len(probes):
            return np.zeros(len(probes), dtype=bool)
        at = np.minimum(np.searchsorted(keys, probes), len(keys) - 1)
        hit = keys[at] == probes
        marked = np.zeros(len(keys), dtype=bool)
        marked[at[hit]] = True
        places = np.flatnonzero(marked)
        found.update(zip(keys[places].tolist(), self.freqs[size][places].tolist()))
        return hit

    def common(self, min_freq: int) -> tuple[dict[str, int], int]:
        """The words at least ``min_freq`` frequent, with every prefix of theirs (0 unless it is
        one of those words too): a prefix dictionary of the common words, and their total. Made
        once per threshold; the caller copies it before changing it."""
        with self._lock:
            found = self._common.get(min_freq)
            if found is None:
                found = self._common[min_freq] = self._make_common(min_freq)
        return found

    def _make_common(self, min_freq: int) -> tuple[dict[str, int], int]:
        common = [freqs >= min_freq for freqs in self.freqs]
        marked = [wanted.copy() for wanted in common]  # the common words, then their prefixes
        for size in range(2, self.longest + 1):
            words = self.keys[size][common[size]]
            for shorter in range(1, size):
                if len(words) and len(self.keys[shorter]):
                    # every prefix of a word is an entry of the dictionary
                    marked[shorter][np.searchsorted(self.keys[shorter], words.astype(f"<U{shorter}"))] = True
        freq: dict[str, int] = {}
        for keys, freqs, wanted, words in zip(self.keys, self.freqs, marked, common):
            freq.update(zip(keys[wanted].tolist(), np.where(words, freqs, 0)[wanted].tolist()))
        return freq, int(sum(int(freqs[words].sum()) for freqs, words in zip(self.freqs, common)))

    @cached_property
    def size(self) -> int:
        return sum(len(keys) for keys in self.keys)


class ArrayDictionary(Mapping[str, int]):
    """A prefix dictionary held as a `Lexicon` and read like a dict, word by word (each word
    looked up once): the compact dictionary of an index loaded from the cache, which never has to
    be made into a dict of 100,000 entries (`bot.search.tokenize.QuestionTokenizer`)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._seen: dict[str, int | None] = {}

    def __getitem__(self, word: str) -> int:
        found = self._seen.get(word, -1)
        if found == -1:
            found = self._seen[word] = self.lexicon.lookup([word]).get(word) if isinstance(word, str) else None
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        for keys in self.lexicon.keys[1:]:
            yield from keys.tolist()

    def __len__(self) -> int:
        return self.lexicon.size


def _jieba_module():  # type: ignore[no-untyped-def]
    from bot.search.tokenize import quiet_jieba

    return quiet_jieba()


def _dictionary_file() -> Path:
    jieba = _jieba_module()
    return Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME


@functools.cache
def lexicon_signature() -> str:
    """Which jieba dictionary `lexicon` reads: jieba's version and its dictionary file."""
    jieba = _jieba_module()
    source = _dictionary_file()
    stat = source.stat()
    text = f"lexicon {LEXICON_VERSION}|jieba {jieba.__version__}|{source}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _jieba_freq() -> tuple[Mapping[str, int], int]:
    """jieba's own prefix dictionary, as its default tokenizer would load it."""
    jieba = _jieba_module()
    cache = Path(tempfile.gettempdir()) / "jieba.cache"  # where jieba keeps it for its default dictionary
    if cache.is_file():
        try:  # as jieba's initialize() reads it, but from bytes (marshal.load on a file is slow)
            freq, total = marshal.loads(cache.read_bytes())
            return freq, total
        except Exception:  # noqa: BLE001 - a broken cache: let jieba rebuild it
            pass
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def _from_jieba(signature: str) -> Lexicon:
    freq, total = _jieba_freq()
    return from_mapping(freq, total, signature)


_BASES: list[tuple[Mapping[str, int], Lexicon]] = []  # the last common words' dictionary and its arrays
_BASES_LOCK = threading.Lock()


def as_arrays(freq: Mapping[str, int], total: int) -> Lexicon:
    """`from_mapping` of a dictionary, quicker for a `CompactDictionary`: the arrays of its common
    words' dictionary are made once a process, then only the words it touched are put in."""
    base = getattr(freq, "base", None)
    if base is None:
        return from_mapping(freq, total)
    with _BASES_LOCK:
        if not _BASES or _BASES[0][0] is not base:
            _BASES[:] = [(base, from_mapping(base, 0))]
        arrays = _BASES[0][1]
    touched: dict[int, list[str]] = {}
    for word in freq.touched:  # type: ignore[attr-defined]
        touched.setdefault(len(word), []).append(word)
    longest = max(arrays.longest, max(touched, default=0))
    keys, freqs = [], []
    for size in range(longest + 1):
        old_keys = arrays.keys[size] if size <= arrays.longest else np.zeros(0, dtype=f"<U{max(size, 1)}")
        old_freqs = arrays.freqs[size] if size <= arrays.longest else np.zeros(0, dtype=np.int64)
        words = touched.get(size, [])
        new = sorted(w for w in words if w not in base)
        if new:
            merged = np.concatenate([old_keys, np.array(new, dtype=f"<U{max(size, 1)}")])
            order = np.argsort(merged, kind="stable")
            old_keys = merged[order]
            old_freqs = np.concatenate([old_freqs, np.zeros(len(new), dtype=np.int64)])[order]
        elif words:
            old_freqs = old_freqs.copy()
        if words:
            at = np.searchsorted(old_keys, np.array(words, dtype=f"<U{max(size, 1)}"))
            old_freqs[at] = [freq[w] for w in words]
        keys.append(old_keys)
        freqs.append(old_freqs)
    return Lexicon(tuple(keys), tuple(freqs), int(total), "")


def from_mapping(freq: Mapping[str, int], total: int, signature: str = "") -> Lexicon:
    """A prefix dictionary (word → frequency) as a `Lexicon`."""
    longest = max(map(len, freq), default=0)
    groups: list[list[str]] = [[] for _ in range(longest + 1)]
    for word in freq:
        groups[len(word)].append(word)
    keys, freqs = [], []
    for size, words in enumerate(groups):
        words.sort()
        keys.append(np.array(words, dtype=f"<U{max(size, 1)}"))
        freqs.append(np.array([freq[w] for w in words], dtype=np.int64))
    return Lexicon(tuple(keys), tuple(freqs), int(total), signature)


def _file(signature: str) -> Path:
    return Path(tempfile.gettempdir()) / f"notesbot-jieba-{signature}.npz"


def _read(path: Path, signature: str) -> Lexicon | None:
    try:
        with np.load(path, allow_pickle=False) as data:
            longest = int(data["longest"])
            keys = tuple(data[f"keys{n}"] for n in range(longest + 1))
            freqs = tuple(data[f"freqs{n}"] for n in range(longest + 1))
            return Lexicon(keys, freqs, int(data["total"]), signature)
    except FileNotFoundError:
        return None
    except Exception as error:  # noqa: BLE001 - unreadable: made again
        log.warning("jieba lexicon %s unreadable (%s): making it again", path, error)
        return None


def _write(path: Path, found: Lexicon) -> None:
    arrays = {f"keys{n}": keys for n, keys in enumerate(found.keys)}
    arrays.update({f"freqs{n}": freqs for n, freqs in enumerate(found.freqs)})
    try:
        handle, temporary = tempfile.mkstemp(prefix=".notesbot-jieba-", suffix=".npz", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            np.savez(out, longest=np.int64(found.longest), total=np.int64(found.total), **arrays)
        os.replace(temporary, path)
    except OSError as error:  # a read-only temporary folder: made again next time
        log.warning("cannot keep the jieba lexicon in %s: %s", path, error)


_LOADED: dict[str, Lexicon] = {}
_LOADING = threading.Lock()


def lexicon() -> Lexicon:
    """jieba's dictionary as a `Lexicon` (read from the temporary folder, made there the first time)."""
    signature = lexicon_signature()
    with _LOADING:
        found = _LOADED.get(signature)
        if found is None:
            path = _file(signature)
            found = _read(path, signature)
            if found is None:
                found = _from_jieba(signature)
                _write(path, found)
            _LOADED.clear()
            _LOADED[signature] = found
    return found
