"""Query latency: a pytest-benchmark test (run once as a plain test when benchmarks are disabled),
and the big shared book indexed with the notes (skipped when the shared folder is absent)."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from bot.cli.bench import generated_questions
from bot.library import load_library
from bot.search.answer import Answer, answer_question
from bot.search.index import Index
from tests.support.paths import BOOK, NOTES


def test_query_latency(benchmark: BenchmarkFixture, index: Index) -> None:
    questions = generated_questions(index.corpus, 50)
    answer_question(index, questions[0])

    def ask_all() -> int:
        return sum(isinstance(answer_question(index, q), Answer) for q in questions)

    answered = benchmark(ask_all)
    assert 0 < answered <= len(questions)


def test_big_book_with_the_notes(tmp_path: Path) -> None:
    if not BOOK.is_dir():
        pytest.skip(f"shared book not found at {BOOK}")
    notes = tmp_path / "notes"
    shutil.copytree(BOOK, notes / "book")
    shutil.copytree(NOTES, notes / "seed")
    library = load_library(notes, tmp_path / "cache")
    assert len(library.corpus.passages) > 5000
    index = library.index
    times = []
    for question in generated_questions(library.corpus, 200):
        started = time.perf_counter()
        answer_question(index, question)
        times.append((time.perf_counter() - started) * 1000)
    assert statistics.median(times) < 5.0, statistics.median(times)
    # The seed notes' own questions still find the seed notes among the book's thousands of passages.
    result = answer_question(index, "超虚拟化的英文名")
    assert isinstance(result, Answer) and "paravirtualization" in result.best.passage.text
