"""The search's fast paths give exactly what the plain versions they replaced give
(`tests/search/reference.py`): the candidates and their evidence, every feature, the unwritten
chapters pointed at, and so every answer, on each corpus (the seed notes, the project's test notes
and, when they are here, the Docker and Kubernetes books), for questions made from the notes and
the development questions beside the project (read where they are, skipped when absent)."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import numpy as np
import pytest

import bot.search.answer as answer_module
import bot.search.ranking as ranking_module
from bot.cli.bench import generated_questions
from bot.library import load_library
from bot.search.answer import answer_question
from bot.search.features import feature_matrix
from bot.search.lexicon import ArrayDictionary
from bot.search.question import read_question
from bot.search.retrieval import retrieve
from bot.search.text import normalize
from bot.search.unwritten import unwritten_chapters
from tests.search import reference
from tests.support.paths import BOOK, EVAL, K8S_BOOK, NOTES, QUESTIONS, REPO

NOTES_OF = REPO / "tests" / "search" / "notes"
CORPORA = {
    "seed": (NOTES, [EVAL / "dev_seed.jsonl", QUESTIONS / "default_notes.jsonl"]),
    "backend": (NOTES_OF / "backend", [QUESTIONS / "backend_notes.jsonl"]),
    "course": (NOTES_OF / "course", [QUESTIONS / "course_notes.jsonl"]),
    "docker_practice": (BOOK, [EVAL / "dev_practice.jsonl"]),
    "kubernetes_handbook": (K8S_BOOK, [EVAL / "dev_k8s.jsonl"]),
}
GENERATED = 40


def questions(corpus, files: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    asked = generated_questions(corpus, GENERATED)
    for path in files:
        if path.is_file():
            asked += [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return asked


@pytest.fixture(scope="module", params=list(CORPORA))
def case(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder, files = CORPORA[request.param]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not here")
    library = load_library(folder, tmp_path_factory.mktemp("cache"))
    return library.index, questions(library.corpus, files)


@pytest.fixture(scope="module")
def answers(case):  # type: ignore[no-untyped-def]
    """The fast path's answers to each question (two tests compare them)."""
    index, asked = case
    return [answer_question(index, text) for text in asked]


def test_candidates_evidence_and_features_are_the_plain_ones(case) -> None:  # type: ignore[no-untyped-def]
    index, asked = case
    for text in asked:
        question = read_question(index, text)
        fast, plain = retrieve(index, question), reference.retrieve(index, question)
        assert np.array_equal(fast.rows, plain.rows), text
        assert np.array_equal(fast.scores, plain.scores), text
        assert np.array_equal(fast.sections, plain.sections), text
        assert np.array_equal(fast.sections_of, plain.sections_of), text
        for name in plain.fields:
            assert np.array_equal(fast.fields[name], plain.fields[name]), (text, name)
        assert np.array_equal(feature_matrix(index, question, fast), reference.feature_matrix(index, question, plain)), text


def test_unwritten_chapters_are_the_plain_ones(case) -> None:  # type: ignore[no-untyped-def]
    index, asked = case
    for text in asked:
        question = read_question(index, text)
        assert unwritten_chapters(index, question) == reference.unwritten_chapters(index, question), text


def test_answers_are_the_plain_pipelines(case, answers, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    index, asked = case
    fast = answers
    monkeypatch.setattr(ranking_module, "retrieve", reference.retrieve)
    monkeypatch.setattr(ranking_module, "feature_matrix", reference.feature_matrix)
    monkeypatch.setattr(answer_module, "unwritten_chapters", reference.unwritten_chapters)
    monkeypatch.setattr(answer_module, "_highlights", reference.highlights)
    by_path = {(s.file, s.path): s for s in index.corpus.sections}
    assert by_path == index.section_by_path
    assert fast == [answer_question(index, text) for text in asked]


def test_an_index_loaded_from_its_cache_answers_as_the_one_built(case, answers) -> None:  # type: ignore[no-untyped-def]
    """A pickled index keeps its compact dictionary as sorted arrays; the question tokenizer over
    only the entries each question meets cuts as the one over the whole dictionary, and the
    dictionary reads the same word by word."""
    index, asked = case
    loaded = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    freq, total = index.dictionary
    kept, kept_total = loaded.dictionary
    assert isinstance(kept, ArrayDictionary) and kept_total == total and len(kept) == len(freq)
    words = [w for text in asked for w in [text, *text.split(), *(text[i : i + n] for n in (1, 2, 3) for i in range(len(text)))]]
    assert [kept.get(w, 0) for w in words] == [freq.get(w, 0) for w in words]
    assert [list(loaded.tokenizer.cut(normalize(t), HMM=True)) for t in asked] == [list(index.tokenizer.cut(normalize(t), HMM=True)) for t in asked]
    assert [answer_question(loaded, text) for text in asked] == answers


def test_the_median_of_the_term_weights_is_numpys() -> None:
    from bot.search.features import _median

    rng = np.random.default_rng(0)
    for size in range(1, 40):
        for _ in range(20):
            values = rng.choice([0.5, 1.0, 1.7, 2.25, 3.0], size=size).astype(np.float32) * rng.random(size, dtype=np.float32)
            assert _median(values) == np.median(values) and _median(values).dtype == np.median(values).dtype


def test_the_compact_dictionary_s_arrays_are_those_of_all_its_words(case) -> None:  # type: ignore[no-untyped-def]
    from bot.search.lexicon import as_arrays, from_mapping

    index, _ = case
    freq, total = index.dictionary
    fast, plain = as_arrays(freq, total), from_mapping(freq, total)
    assert len(fast.keys) == len(plain.keys)
    for mine, theirs in [*zip(fast.keys, plain.keys), *zip(fast.freqs, plain.freqs)]:
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
