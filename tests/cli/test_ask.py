"""The CLI commands of the search part, run as a user runs them (a subprocess per call)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import NOTES, QUESTIONS, REPO


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("data")
    return {**os.environ, "DATA_DIR": str(data), "NOTES_DIR": str(NOTES), "PYTHONIOENCODING": "utf-8"}


def run(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, env=env,
        cwd=REPO, timeout=120, check=False,
    )


def test_ask_prints_section_passage_source_and_related(env: dict[str, str]) -> None:
    done = run(env, "ask", "OpenVZ是哪年出现的")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "【1 初始Docker与容器】" in out
    assert "OpenVZ（2005年）" in out
    assert "docker-notes.md 第 30 行" in out
    assert "相关段落：" in out and "2. " in out


def test_ask_shows_a_whole_table_under_its_caption(env: dict[str, str]) -> None:
    done = run(env, "ask", "容器和虚拟机有什么区别")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == "（Docker容器技术与传统虚拟机技术的比较）"
    assert lines[2:4] == ["启动速度 — 容器：秒级；虚拟机：分钟级", "性能 — 容器：接近原生；虚拟机：较弱"]


def test_ask_refuses_honestly_and_names_unwritten_chapters(env: dict[str, str]) -> None:
    done = run(env, "ask", "Swarm", "集群怎么搭")
    assert done.returncode == 0, done.stderr
    assert "笔记里没有找到" in done.stdout
    assert "第25章「Docker三剑客之Swarm」还没有写" in done.stdout


def test_ask_without_a_question_shows_usage(env: dict[str, str]) -> None:
    done = run(env, "ask", "   ")
    assert done.returncode == 2
    assert "用法" in done.stderr


def test_ask_handles_a_question_over_4096_characters(env: dict[str, str]) -> None:
    done = run(env, "ask", "虚拟化" * 2000)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_missing_or_empty_notes_folder_exits_2(env: dict[str, str], tmp_path: Path) -> None:
    done = run(env, "ask", "--corpus", str(tmp_path / "nowhere"), "docker")
    assert done.returncode == 2 and "not found" in done.stderr
    done = run(env, "ask", "--corpus", str(tmp_path), "docker")
    assert done.returncode == 2 and "no Markdown" in done.stderr


def test_ask_jsonl_gives_one_line_per_question(env: dict[str, str]) -> None:
    lines = [
        {"id": "one", "question": "SR-IOV", "extra": "ignored"},
        {"id": 2, "question": "晚上好"},
        {"id": "three", "question": ""},
    ]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    done = run(env, "ask", "--jsonl", stdin=stdin)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["id"] for o in out] == ["one", 2, "three"]
    first = out[0]
    assert set(first) == {"id", "question", "answer", "related", "ms"}
    assert set(first["answer"]) == {"text", "section", "source", "score"}
    assert "Single Root I/O Virtualization" in first["answer"]["text"]
    assert first["answer"]["section"] == "1 初始Docker与容器"
    assert first["answer"]["source"].startswith("docker-notes.md:")
    assert 0 < first["answer"]["score"] <= 1
    assert 2 <= len(first["related"]) <= 3
    assert out[1]["answer"] is None and out[1]["related"] == []
    assert out[2]["answer"] is None


def test_ask_jsonl_reports_bad_lines_and_goes_on(env: dict[str, str]) -> None:
    done = run(env, "ask", "--jsonl", stdin='not json\n{"id": 1, "question": "OpenVZ"}\n')
    assert done.returncode == 1
    assert "第 1 行" in done.stderr
    assert json.loads(done.stdout)["answer"]["text"].startswith("以及GNU/Linux")


def test_eval_prints_the_figures_and_misses(env: dict[str, str]) -> None:
    done = run(env, "eval", str(QUESTIONS / "default_notes.jsonl"))
    assert done.returncode == 0, done.stderr
    for label in ("hit@1:", "hit@3:", "refusal:", "false refusals:"):
        assert label in done.stdout
    as_json = json.loads(run(env, "eval", "--json", str(QUESTIONS / "default_notes.jsonl")).stdout)
    assert as_json["hit@1"] >= 0.9 and as_json["refusal"] >= 0.9


def test_eval_of_a_missing_file_exits_2(env: dict[str, str], tmp_path: Path) -> None:
    done = run(env, "eval", str(tmp_path / "none.jsonl"))
    assert done.returncode == 2


def test_bench_prints_its_figures_as_json(env: dict[str, str], tmp_path: Path) -> None:
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"question": "容器"}\n{"question": "虚拟化的分类"}\n', encoding="utf-8")
    done = run(env, "bench", "--queries", str(queries))
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["passages"] >= 35 and figures["queries"] == 2
    for key in ("cold_build_s", "warm_start_s", "query_p50_ms", "query_p99_ms", "peak_rss_mb"):
        assert figures[key] is not None and figures[key] > 0, key


def test_bench_with_the_bm25s_anchor_prints_both_and_their_ratios(env: dict[str, str], tmp_path: Path) -> None:
    pytest.importorskip("bm25s")
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"question": "容器"}\n{"question": "虚拟化的分类"}\n', encoding="utf-8")
    done = run(env, "bench", "--queries", str(queries), "--anchor", "bm25s")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["notesbot"]["queries"] == 2
    for key in ("build_s", "query_p50_ms", "query_p99_ms", "peak_rss_mb"):
        assert figures["bm25s"][key] is not None and figures["bm25s"][key] > 0, key
    assert set(figures["ratio"]) == {"build", "query_p50", "query_p99", "peak_rss"}
    assert all(value > 0 for value in figures["ratio"].values())


def test_the_anchor_finds_a_passage_by_its_words() -> None:
    pytest.importorskip("bm25s")
    from bot.cli.anchor import Anchor

    anchor = Anchor(["容器 是 一种 轻量级 虚拟化", "镜像 由 多层 组成", "网络 模式 有 四种"])
    assert anchor.search("镜像是怎么组成的")[0] == 1
    assert anchor.search("zzzz") == []


def test_answering_from_a_warm_cache_never_loads_jiebas_full_dictionary(env: dict[str, str]) -> None:
    run(env, "ask", "docker")  # make sure the cache exists
    code = (
        "import os, sys; from pathlib import Path\n"
        "from bot.library import load_library\n"
        "from bot.search.answer import answer_question\n"
        "library = load_library(Path(os.environ['NOTES_DIR']), Path(os.environ['DATA_DIR']) / 'cache')\n"
        "answer_question(library.index, '什么是容器')\n"
        "from bot.search import lexicon\n"
        "print(len(lexicon._LOADED))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0"
