"""`notesbot quiz` by subprocess (scripted answers on stdin, the export), and the terminal routine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.cli.console_quiz import run_quiz
from bot.quiz.apart import pick
from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items, coverage, passages_of
from bot.store import Store
from bot.study.flow import learner_key
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
    assert len(records) == len(expected) > 10
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
  > TiDB在2017年启动研发。
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


# --- the notes' own flashcards, figures and a sample to review --------------------------------------

CARDS = """# 网络

三次握手的目的是什么::确认双方都能收发数据

TCP 和 UDP 的区别？
?
TCP 面向连接，UDP 无连接。

慢启动阶段窗口 ==指数== 增长。

没有答案::
"""


@pytest.fixture
def card_notes(tmp_path: Path) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "net.md").write_text(CARDS, encoding="utf-8")
    (folder / "terms.md").write_text(ALL["terms.md"], encoding="utf-8")
    return folder


def test_export_lists_the_notes_own_cards_after_the_items_and_reports_bad_ones(card_notes: Path) -> None:
    result = _run("--export", "--corpus", str(card_notes))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    cards = [r for r in records if r["kind"] == "card"]
    assert [r for r in records if r["kind"] != "card"] and records[-len(cards) :] == cards
    assert {(c["form"], c["question"]) for c in cards} == {
        ("basic", "三次握手的目的是什么"),
        ("multiline", "TCP 和 UDP 的区别？"),
        ("cloze", "慢启动阶段窗口 [...] 增长。"),
    }
    assert all(set(c) == {"id", "kind", "form", "question", "answer", "source"} for c in cards)
    assert cards[0]["source"] == {"file": "net.md", "line": 3, "section": ["网络"]}
    assert "net.md:11:" in result.stderr  # the card without an answer, with its file and line
    assert texts.CARDS_EXPORTED.format(count=3) in result.stderr


def test_review_prints_the_items_first_and_the_keys_with_their_source_at_the_end(notes: Path) -> None:
    result = _run("--review", "3", "--seed", "5", "--corpus", str(notes))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    questions, _, keys = out.partition(texts.QUIZ_REVIEW_KEYS)
    assert questions.count("【") == 3 and keys.count("【") == 3
    assert "出处：" not in questions and keys.count("出处：") == 3
    assert "▶" in keys  # the source line among the notes' lines around it
    assert _run("--review", "3", "--seed", "5", "--corpus", str(notes)).stdout == out  # a seed fixes the draw


def test_stats_give_kinds_sources_files_and_the_shape_strategies(notes: Path) -> None:
    result = _run("--stats", "--corpus", str(notes))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["items"] == len(_items(notes)) and figures["cards"] == 0
    assert set(figures["sources"]) <= {"paragraph", "list", "table", "other"}
    assert {"most_shared_with_question", "longest", "shortest", "odd_one_out"} <= set(figures["shape"])
    assert 0 < figures["files_with_items"] <= figures["files_with_content"]


def test_cards_are_reviewed_in_the_terminal_and_rated(card_notes: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data")}
    answers = "\n1\n\n3\n\n4\n"  # Enter to see each back, then a rating
    result = subprocess.run(
        [sys.executable, "-m", "bot", "quiz", "--cards", "--corpus", str(card_notes)],
        input=answers, capture_output=True, text=True, cwd=ROOT, timeout=60, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(texts.CARD_RATE_PROMPT) == 3
    assert texts.cards_summary(1, 0, 1, 1) in result.stdout
    again = subprocess.run(
        [sys.executable, "-m", "bot", "quiz", "--cards", "--corpus", str(card_notes)],
        input="q\n", capture_output=True, text=True, cwd=ROOT, timeout=60, env=env,
    )
    # Only the one rated 忘了 can be due again so soon (within minutes): one card at most is shown.
    assert again.returncode == 0 and again.stdout.count(texts.CARD_SHOW_PROMPT) <= 1
    with Store.open(tmp_path / "data") as store:
        assert len(store.get_cards(learner_key(0))) == 3


ETCD_NOTE = "# etcd\n\netcd 是一个分布式键值存储，它基于 Raft 算法实现一致性。\n\n> 部署说明。\n> etcd 遵循 Apache 2.0 协议开源。\n"


def test_export_lists_the_cards_made_from_statements_with_their_count(tmp_path: Path) -> None:
    (tmp_path / "etcd.md").write_text(ETCD_NOTE, encoding="utf-8")
    result = _run("--export", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    made = [r for r in map(json.loads, result.stdout.splitlines()) if r.get("form") == "recall"]
    assert [(r["question"], r["source"]["line"]) for r in made] == [
        ("etcd 是一个分布式键值存储，它基于 [...] 算法实现一致性。", 3),
        ("etcd 遵循 [...] 协议开源。", 6),  # a quote's sentence cites its own line
    ]
    assert all(r["kind"] == "card" and r["source"]["section"] == ["etcd"] for r in made)
    assert texts.RECALL_CARDS_EXPORTED.format(count=2) in result.stderr


def test_review_with_cards_prints_fronts_first_and_backs_with_their_source_at_the_end(tmp_path: Path) -> None:
    (tmp_path / "etcd.md").write_text(ETCD_NOTE, encoding="utf-8")
    result = _run("--review", "5", "--cards", "--seed", "1", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fronts, _, backs = result.stdout.partition(texts.QUIZ_REVIEW_KEYS)
    assert fronts.count("[...]") == 2 and "Raft" not in fronts and "Apache 2.0" not in fronts
    assert fronts.count("【") == 2 and backs.count("【") == 2 and "出处：etcd.md 第 6 行" in backs
    assert texts.REVIEW_FEWER.format(asked=5) in fronts  # two cards of five asked: said, not hidden
    assert "】etcd 是一个分布式键值存储，它基于 Raft 算法实现一致性。" in backs  # the whole sentence
