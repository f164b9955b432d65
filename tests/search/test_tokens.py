"""The index's tokens are jieba's: the build cuts with jieba's own algorithm over only the dictionary
entries its texts meet (`bot.search.lexicon`), with the two innermost steps rewritten for speed
(`bot.search.tokenize._tokenizer_class`). Held here to plain jieba over its whole dictionary, as
the build used it before, on every string an index cuts of each corpus (the seed notes, the
Docker and Kubernetes books, the project's own test notes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.notes.folder import read_folder, read_synonyms
from bot.notes.corpus import parse_notes
from bot.search.index import dictionary_words, file_title, heading_text, parse_synonyms
from bot.search.text import normalize
from bot.search.tokenize import IndexTokenizer, add_word, compact_dictionary, index_tokens, quiet_jieba
from bot.search.wording import CHINESE_ASPECT_WORDS, CHINESE_FUNCTION_WORDS
from tests.support.paths import BOOK, K8S_BOOK, NOTES, REPO

FOLDERS = {
    "seed": NOTES,
    "docker_practice": BOOK,
    "kubernetes_handbook": K8S_BOOK,
    "backend": REPO / "tests" / "search" / "notes" / "backend",
    "course": REPO / "tests" / "search" / "notes" / "course",
}


@pytest.fixture(scope="module")
def jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's whole dictionary, as its own tokenizer loads it."""
    tokenizer = quiet_jieba().Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def strings_cut(folder: Path) -> tuple[list[str], list[str]]:
    """The words a build of the folder adds to the dictionary, and every string it cuts."""
    corpus = parse_notes(read_folder(folder).files)
    texts: dict[str, None] = {}
    for passage in corpus.passages:
        texts[normalize(passage.text)] = None
        texts[normalize(passage.context)] = None
        words = [heading_text(title) for title in passage.section]
        texts[words[-1] if words else ""] = None
        texts[" ".join([*words[:-1], normalize(file_title(passage.file))]).strip()] = None
    for section in corpus.sections:
        texts[heading_text(section.path[-1])] = None
    return dictionary_words(corpus, parse_synonyms(read_synonyms(folder))), [t for t in texts if t]


@pytest.mark.parametrize("name", list(FOLDERS))
def test_index_tokens_are_jiebas_with_its_whole_dictionary(name: str, jieba_dictionary: tuple[dict[str, int], int]) -> None:
    folder = FOLDERS[name]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    words, texts = strings_cut(folder)
    reference = quiet_jieba().Tokenizer()
    reference.FREQ, reference.total = dict(jieba_dictionary[0]), jieba_dictionary[1]
    reference.initialized = True
    for word in words:
        add_word(reference, word)

    ours = IndexTokenizer(words)
    ours.prepare(texts)
    theirs = [index_tokens(reference, text) for text in texts]
    assert [ours(text) for text in texts] == theirs
    assert ours.tokenizer.total == reference.total
    assert all(ours.tokenizer.FREQ[word] == reference.FREQ[word] for word in ours.tokenizer.FREQ)

    keep = {t for found in theirs for t in found} | set(words) | CHINESE_FUNCTION_WORDS | CHINESE_ASPECT_WORDS
    assert ours.compact_dictionary(keep) == compact_dictionary(reference, keep)


def test_stems_are_the_pure_python_snowball_ones_on_every_latin_word_of_the_notes() -> None:
    """PyStemmer (snowballstemmer's C backend, used when installed) gives the stems the pure-Python
    Snowball English stemmer gives."""
    import re

    from snowballstemmer.english_stemmer import EnglishStemmer

    from bot.search.stems import stem

    words: set[str] = set()
    for folder in FOLDERS.values():
        for path in folder.rglob("*.md") if folder.is_dir() else ():
            words.update(re.findall(r"[a-z]{4,}", path.read_text(encoding="utf-8", errors="replace").lower()))
    reference = EnglishStemmer()
    assert words
    assert [stem(word) for word in sorted(words)] == [reference.stemWord(word) for word in sorted(words)]


def test_english_words_are_found_as_in_the_word_list_s_own_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sorted array read back from the temporary folder answers as `english-words`' set does,
    on every Latin word of the notes and on the list itself, and is made again when unreadable."""
    import re

    from english_words import get_english_words_set

    from bot.search import stems

    monkeypatch.setattr(stems.tempfile, "gettempdir", lambda: str(tmp_path))
    stems._words.cache_clear()
    reference = get_english_words_set(["gcide"], lower=True, alpha=True)
    words = set(reference)
    for folder in FOLDERS.values():
        for path in folder.rglob("*.md") if folder.is_dir() else ():
            words.update(re.findall(r"[a-zà-ÿ]+", path.read_text(encoding="utf-8", errors="replace").lower()))
    words.update({"", "a" * 60, "zookeeper", "naïve"})
    for attempt in ("made", "read", "unreadable"):
        if attempt == "unreadable":
            stems._words_file().write_bytes(b"not an array")
        stems._words.cache_clear()
        assert [w for w in words if stems._known(w) != (w in reference)] == [], attempt
    stems._words.cache_clear()
