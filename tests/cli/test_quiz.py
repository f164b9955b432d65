"""`notesbot quiz` by subprocess (scripted answers on stdin, the export), and the terminal routine."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.cli.console_quiz import run_quiz
from bot.cli.quiz import pick
from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items, coverage, passages_of
from tests.quiz.fixtures import ALL

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"id", "kind", "question", "options", "correct", "explanation", "source"}


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notes")
    for name, text in ALL.items():
        path = folder / "sub" / name if name == "facts.md" else folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "quiz", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def _items(folder: Path, seed: int = 0):
    files = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}
    return build_quiz_items(parse_notes(files), seed=seed)


def test_export_writes_every_item_with_the_issue_fields(notes: Path) -> None:
    result = _run("--export", "--corpus", str(notes))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    expected = _items(notes)
    assert len(records) == len(expected) > 20
    for record, item in zip(records, expected):
        assert set(record) == FIELDS
        assert record["id"] == item.id and record["options"] == list(item.options)
        assert record["options"][record["correct"]] == item.options[item.correct]
        assert set(record["source"]) == {"file", "line", "section"}
    assert {r["source"]["file"] for r in records} >= {"sub/facts.md", "terms.md"}
    files = {p.relative_to(notes).as_posix(): p.read_text(encoding="utf-8") for p in sorted(notes.rglob("*.md"))}
    asked, content = coverage(parse_notes(files), expected)
    assert 0 < asked <= content
    assert result.stderr.strip() == texts.QUIZ_EXPORTED.format(count=len(expected), asked=asked, content=content)


def test_interactive_quiz_with_scripted_answers(notes: Path) -> None:
    files = {p.relative_to(notes).as_posix(): p.read_text(encoding="utf-8") for p in sorted(notes.rglob("*.md"))}
    chosen = pick(build_quiz_items(parse_notes(files), seed=3, files=files), 3, 3, parse_notes(files))
    right = str(chosen[0].correct + 1)
    wrong = str((chosen[1].correct + 1) % len(chosen[1].options) + 1)
    # right, then a non-number (asked again) and a wrong number, then Enter to skip
    result = _run("-n", "3", "--seed", "3", "--corpus", str(notes), stdin=f"{right}\n几\n{wrong}\n\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert chosen[0].question in out and chosen[2].question in out
    assert f"  1. {chosen[0].options[0]}" in out
    assert out.count(texts.QUIZ_RIGHT) == 1
    assert texts.QUIZ_INVALID.format(count=len(chosen[1].options)) in out
    assert texts.QUIZ_WRONG.format(number=chosen[1].correct + 1, answer=chosen[1].options[chosen[1].correct]) in out
    assert chosen[1].explanation in out
    assert out.rstrip().endswith(texts.QUIZ_SCORE.format(right=1, total=3))


def test_end_of_input_ends_the_quiz_cleanly(notes: Path) -> None:
    result = _run("-n", "4", "--seed", "1", "--corpus", str(notes), stdin="")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.rstrip().endswith(texts.QUIZ_SCORE.format(right=0, total=0))


def test_a_missing_notes_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = _run("--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and str(tmp_path) in result.stderr
    (tmp_path / "empty").mkdir()
    assert _run("--export", "--corpus", str(tmp_path / "empty")).returncode == 2


def test_pick_is_fixed_by_its_seed_and_spreads_over_passages() -> None:
    notes = parse_notes(ALL)
    items = build_quiz_items(notes)
    assert pick(items, 5, 9, notes) == pick(items, 5, 9, notes)
    five = pick(items, 5, 9, notes)
    assert len({(i.source.file, i.source.line) for i in five}) == 5
    assert len(pick(items, 1000, 1, notes)) == len(items)


# A list item whose nested quote holds two dated sentences on two lines: two items, one passage.
NESTED = ALL["facts.md"] + """
- **分布式数据库**：数据分布在多个节点上。

  > Spanner在2012年发表论文。
  >
  > CockroachDB在2015年开始开发。
  >
  > TiDB在2017年开源。
"""


def test_pick_spreads_over_passages_not_lines() -> None:
    files = {"facts.md": NESTED, "terms.md": ALL["terms.md"]}
    notes = parse_notes(files)
    items = build_quiz_items(notes, files=files)
    homes = dict(zip((i.id for i in items), passages_of(notes, items)))
    nested = [i for i in items if "Spanner" in i.question or "CockroachDB" in i.question]
    assert len(nested) == 2 and nested[0].source.line != nested[1].source.line  # located apart
    assert homes[nested[0].id] == homes[nested[1].id] is not None
    other = next(i for i in items if i.source.file == "terms.md")
    for seed in range(30):
        two = pick([*nested, other], 2, seed, notes)
        assert {homes[i.id] for i in two} == {homes[nested[0].id], homes[other.id]}
    everything = pick(items, len(items), 4, notes)
    passages = {homes[i.id] for i in items}
    assert len({homes[i.id] for i in everything[: len(passages)]}) == len(passages)


def test_run_quiz_without_items() -> None:
    out: list[str] = []
    assert run_quiz([], iter([]), out.append).asked == 0
    assert out == [texts.QUIZ_NO_ITEMS]
