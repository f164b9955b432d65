"""Answer quality measured like `notesbot eval`: the shared dev set at its targets, and our own
held-out questions (written for this project, in other words than the dev set) to check that the
method generalises rather than fits one question set."""

from __future__ import annotations

import pytest

from bot.cli.evaluate import evaluate, plain, read_rows
from bot.search.index import Index
from tests.support.paths import DEV_SET, QUESTIONS


def test_dev_set_reaches_the_targets(index: Index) -> None:
    if not DEV_SET.is_file():
        pytest.skip(f"shared dev set not found at {DEV_SET}")
    figures = evaluate(index, read_rows(DEV_SET)).figures()
    assert figures["hit@1"] >= 0.90, figures
    assert figures["refusal"] >= 0.90, figures


HELD_OUT = sorted(path.name for path in QUESTIONS.glob("*.jsonl"))


@pytest.mark.parametrize("name", HELD_OUT)
def test_own_held_out_questions_reach_the_targets(index: Index, name: str) -> None:
    report = evaluate(index, read_rows(QUESTIONS / name))
    figures = report.figures()
    assert figures["in_scope"] >= 30 and figures["out_of_scope"] >= 15
    assert figures["hit@1"] >= 0.90, report.misses
    assert figures["refusal"] >= 0.90, report.misses
    assert figures["hit@3"] >= figures["hit@1"]


def test_held_out_answers_are_real_note_text(index: Index) -> None:
    # Every expected answer of our own sets is a substring of some passage: the sets are honest.
    texts = [plain(p.text) for p in index.corpus.passages]
    assert HELD_OUT
    for name in HELD_OUT:
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
