"""Answer quality measured like `notesbot eval`: the three shared dev sets (over the default notes,
the Docker book and the Kubernetes handbook, skipped when ../shared is absent), our own question
sets over notes by other hands (tests/search/notes), and a confidence that means what it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.evaluate import Report, evaluate, plain, read_rows
from bot.library import load_library
from bot.search.index import Index
from tests.support.paths import BOOK, EVAL, K8S_BOOK, NOTES, QUESTIONS, REPO

OWN_NOTES = REPO / "tests" / "search" / "notes"
# (question set, notes folder, hit@1 at least, refusal at least)
OWN_SETS = [
    ("default_notes.jsonl", NOTES, 0.90, 0.85),
    ("backend_notes.jsonl", OWN_NOTES / "backend", 0.70, 0.95),
    ("course_notes.jsonl", OWN_NOTES / "course", 0.85, 0.85),
]


@pytest.fixture(scope="module")
def practice_notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder dev_practice is asked over: the default notes and the Docker book side by side."""
    if not BOOK.is_dir():
        pytest.skip(f"benchmark book not found at {BOOK}")
    folder = tmp_path_factory.mktemp("practice")
    (folder / "docker-notes.md").symlink_to(NOTES / "docker-notes.md")
    (folder / "docker_practice").symlink_to(BOOK)
    return folder


def _report(notes: Path, questions: Path, cache: Path) -> Report:
    return evaluate(load_library(notes, cache).index, read_rows(questions))


@pytest.fixture(scope="module")
def dev_reports(practice_notes: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    if not K8S_BOOK.is_dir() or not (EVAL / "dev_k8s.jsonl").is_file():
        pytest.skip(f"shared dev sets or corpora not found under {EVAL.parent}")
    cache = tmp_path_factory.mktemp("cache")
    return {
        "seed": _report(NOTES, EVAL / "dev_seed.jsonl", cache),
        "practice": _report(practice_notes, EVAL / "dev_practice.jsonl", cache),
        "k8s": _report(K8S_BOOK, EVAL / "dev_k8s.jsonl", cache),
    }


# The targets of the issue on search: 0.95 / 0.95 on the default notes, 0.80 / 0.90 on the two books.
@pytest.mark.parametrize(("name", "hit", "refusal"), [("seed", 0.95, 0.95), ("practice", 0.80, 0.90), ("k8s", 0.80, 0.90)])
def test_dev_sets_reach_their_figures(dev_reports: dict[str, Report], name: str, hit: float, refusal: float) -> None:
    figures = dev_reports[name].figures()
    assert figures["hit@1"] >= hit, (figures, dev_reports[name].misses)
    assert figures["refusal"] >= refusal, (figures, dev_reports[name].misses)


def _assert_calibrated(reports: list[Report], least: int) -> None:
    """Each confidence band's share right is near the band: within 0.10 of its middle where it
    holds 30 answers or more, else within what chance allows so few answers (three binomial
    standard deviations, at least 0.10)."""
    together = Report()
    for report in reports:
        together.answered += report.answered
    bands = together.reliability()
    assert sum(count for _, _, count, _ in bands) >= least
    for low, high, count, share in bands:
        middle = (low + high) / 2
        allowed = 0.10 if count >= 30 else max(0.10, 3 * (middle * (1 - middle) / count) ** 0.5)
        assert abs(share - middle) <= allowed, bands


def test_confidence_bands_hold_on_all_question_sets(dev_reports: dict[str, Report], own_reports: list[Report]) -> None:
    _assert_calibrated([*dev_reports.values(), *own_reports], least=600)


def test_confidence_bands_hold_on_the_dev_sets_together(dev_reports: dict[str, Report]) -> None:
    _assert_calibrated(list(dev_reports.values()), least=100)


@pytest.fixture(scope="module")
def own_reports(tmp_path_factory: pytest.TempPathFactory) -> list[Report]:
    cache = tmp_path_factory.mktemp("own")
    return [_report(notes, QUESTIONS / name, cache) for name, notes, _, _ in OWN_SETS]


@pytest.mark.parametrize(("name", "notes", "hit", "refusal"), OWN_SETS, ids=[s[0] for s in OWN_SETS])
def test_own_question_sets_reach_their_figures(own_reports: list[Report], name: str, notes: Path, hit: float, refusal: float) -> None:
    report = own_reports[[s[0] for s in OWN_SETS].index(name)]
    figures = report.figures()
    assert figures["in_scope"] >= 30 and figures["out_of_scope"] >= 15
    assert figures["hit@1"] >= hit, report.misses
    assert figures["refusal"] >= refusal, report.misses
    assert figures["hit@3"] >= figures["hit@1"]


@pytest.mark.parametrize(("name", "notes"), [(s[0], s[1]) for s in OWN_SETS], ids=[s[0] for s in OWN_SETS])
def test_own_sets_expect_real_note_text(name: str, notes: Path) -> None:
    # Every expected answer of our own sets is a substring of some passage: the sets are honest.
    index = load_library(notes, None).index
    texts = [plain(p.text) for p in index.corpus.passages]
    for row in read_rows(QUESTIONS / name):
        for answer in row["answers"]:
            assert any(answer in text for text in texts), (name, row["id"], answer)


def test_plain_removes_markdown_markers_and_folds_space() -> None:
    assert plain("> **粗体**  和 |表格|\n- 列表") == "粗体 和 表格 列表"


def test_evaluate_counts_hits_refusals_and_false_refusals(index: Index) -> None:
    rows = [
        {"id": "a", "question": "OpenVZ", "answers": ["OpenVZ（2005年）"]},
        {"id": "b", "question": "OpenVZ", "answers": ["不在笔记里的答案"]},
        {"id": "c", "question": "量子纠缠", "answers": ["随便"]},
        {"id": "d", "question": "你好", "answers": []},
    ]
    report = evaluate(index, rows)
    assert (report.hit1, report.false_refusals, report.refused) == (1, 1, 1)
    assert [m["id"] for m in report.misses] == ["b", "c"]
    assert [m["kind"] for m in report.misses] == ["wrong passage", "refused"]  # b's answer stands nowhere
    assert [right for _, right in report.answered] == [True, False]
