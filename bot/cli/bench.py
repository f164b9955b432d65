"""`notesbot bench`: cold build, warm start, query latency and peak memory, printed as JSON.

The notes are NOTES_DIR's plus every --corpus folder (e.g. a big book; --only leaves NOTES_DIR out). Cold build: read,
parse, index and write the cache into a fresh folder. Warm start: a fresh interpreter loads the
library from that cache and answers one question (the time a restarted bot needs to be ready).
Query latency: every question of --queries (JSON lines with "question"), or questions made from
the notes' headings and bold terms, answered once after a warm-up. With --anchor bm25s, bm25s over
the same passages and questions too (`bot.cli.anchor`), each question asked of both in turn, and
the ratios ours / theirs: {"notesbot": …, "bm25s": …, "ratio": …}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from bot.notes.corpus import Corpus

_WARM = """
import json, sys, time
started = time.perf_counter()
from pathlib import Path
from bot.library import load_library
from bot.search.answer import answer_question
library = load_library(Path(sys.argv[1]), Path(sys.argv[2]))
answer_question(library.index, "docker")
elapsed = time.perf_counter() - started
peak = 0.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(json.dumps({"seconds": elapsed, "rss_mb": peak}))
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot bench`."""
    parser.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                        help="a notes folder benchmarked together with NOTES_DIR's notes (repeatable)")
    parser.add_argument("--only", action="store_true", help="leave NOTES_DIR's notes out")
    parser.add_argument("--queries", type=Path, default=None, help='JSON lines with a "question" each')
    parser.add_argument("--count", type=int, default=500, help="how many generated questions (default 500)")
    parser.add_argument("--copies", type=int, default=1, metavar="N",
                        help="each --corpus folder N times, under other folder names (a bigger book)")
    parser.add_argument("--scale", default=None, metavar="N,M,…",
                        help="run the benchmark at each of these --copies, each in a fresh process, and print how it grows")
    parser.add_argument("--anchor", choices=("bm25s",), default=None,
                        help="measure bm25s over the same passages and questions too, and print the ratios")


def generated_questions(corpus: "Corpus", count: int, seed: int = 0) -> list[str]:
    """Questions made from the notes: headings and bold terms, asked a few common ways."""
    from bot.search.index import heading_text

    subjects: dict[str, None] = {}
    for section in corpus.sections:
        title = heading_text(section.path[-1]).strip()
        if 2 <= len(title) <= 30:
            subjects.setdefault(title, None)
    for passage in corpus.passages:
        for phrase in passage.bold:
            if 2 <= len(phrase) <= 20:
                subjects.setdefault(phrase, None)
    forms = ("{}", "什么是{}", "{}是什么", "如何{}", "{}有什么作用", "{} 怎么用")
    rng = random.Random(seed)
    pool = list(subjects) or ["docker"]
    return [rng.choice(forms).format(rng.choice(pool)) for _ in range(count)]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    position = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[position]


def _rounded(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(args: argparse.Namespace) -> int:
    """Run the benchmark and print its figures as one JSON object."""
    from bot.config import load_settings
    from bot.library import NotesError, load_library
    from bot.search.answer import answer_question

    if args.scale:
        return _scale(args)
    settings = load_settings()
    work = Path(tempfile.mkdtemp(prefix="notesbot-bench-"))
    try:
        notes = work / "notes"
        notes.mkdir()
        folders = [*([] if args.only else [settings.notes_dir]), *args.corpus]
        if not folders:
            print("nothing to benchmark: give --corpus DIR", file=sys.stderr)
            return 2
        for number, folder in enumerate(folders):
            if not Path(folder).is_dir():
                print(f"notes folder not found: {folder}", file=sys.stderr)
                return 2
            copies = max(1, args.copies) if folder in args.corpus else 1
            for copy in range(copies):
                suffix = f"-{copy + 1}" if copy else ""
                shutil.copytree(folder, notes / f"{number:02d}-{Path(folder).resolve().name}{suffix}")
            synonyms = Path(folder) / "synonyms.txt"
            if synonyms.is_file() and not (notes / "synonyms.txt").exists():
                shutil.copy(synonyms, notes / "synonyms.txt")
        cache = work / "cache"
        started = time.perf_counter()
        try:
            library = load_library(notes, cache)
        except NotesError as error:
            print(error, file=sys.stderr)
            return 2
        cold = time.perf_counter() - started

        # A warm start as an installed bot has it: its index cached and its modules' bytecode too
        # (a first run writes it, unless the environment forbids writing any: then it is made
        # from the sources at every start, 0.1 s more, which is no start a user sees).
        env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        for _ in range(2):
            warm = subprocess.run(
                [sys.executable, "-c", _WARM, str(notes), str(cache)], capture_output=True, text=True, check=False, env=env
            )
        warm_figures = json.loads(warm.stdout) if warm.returncode == 0 else {"seconds": None, "rss_mb": None}

        if args.queries is not None:
            lines = args.queries.read_text(encoding="utf-8").splitlines()
            questions = [str(json.loads(line).get("question", "")) for line in lines if line.strip()]
        else:
            questions = generated_questions(library.corpus, args.count)
        anchor = None
        peak_before_anchor = 0.0
        if args.anchor == "bm25s":
            from bot.cli.anchor import build_anchor

            peak_before_anchor = _peak_mb()
            anchor, anchor_build = build_anchor(library.index.texts)
        for question in questions[:20]:
            answer_question(library.index, question)  # warm-up: first-use caches
            if anchor is not None:
                anchor.search(question)
        times, anchor_times = [], []
        for question in questions:  # one after the other, question by question: the same machine state
            begun = time.perf_counter()
            answer_question(library.index, question)
            times.append((time.perf_counter() - begun) * 1000)
            if anchor is not None:
                begun = time.perf_counter()
                anchor.search(question)
                anchor_times.append((time.perf_counter() - begun) * 1000)
        figures = {
            "passages": len(library.corpus.passages),
            "files": len(library.corpus.files),
            "cold_build_s": round(cold, 3),
            "warm_start_s": round(warm_figures["seconds"], 3) if warm_figures["seconds"] is not None else None,
            "queries": len(times),
            "query_p50_ms": round(_percentile(times, 0.50), 3),
            "query_p99_ms": round(_percentile(times, 0.99), 3),
            "query_max_ms": round(max(times, default=0.0), 3),
            "peak_rss_mb": round(peak_before_anchor if anchor is not None else _peak_mb(), 1),
            "warm_rss_mb": round(warm_figures["rss_mb"], 1) if warm_figures["rss_mb"] is not None else None,
        }
        if anchor is not None:
            from bot.cli.anchor import anchor_memory

            theirs = {
                "rows": len(library.index.texts),
                "build_s": round(anchor_build, 3),
                "query_p50_ms": round(_percentile(anchor_times, 0.50), 3),
                "query_p99_ms": round(_percentile(anchor_times, 0.99), 3),
                "query_max_ms": round(max(anchor_times, default=0.0), 3),
                "peak_rss_mb": _rounded(anchor_memory(library.index.texts, questions, work)),
            }
            pairs = {"build": ("cold_build_s", "build_s"), "query_p50": ("query_p50_ms", "query_p50_ms"),
                     "query_p99": ("query_p99_ms", "query_p99_ms"), "peak_rss": ("peak_rss_mb", "peak_rss_mb")}
            ratios = {name: round(figures[ours] / theirs[other], 2) if figures[ours] and theirs[other] else None
                      for name, (ours, other) in pairs.items()}
            figures = {"notesbot": figures, "bm25s": theirs, "ratio": ratios}
        print(json.dumps(figures))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


_GROWTH = (  # (column, key in the notesbot figures, key in the bm25s figures)
    ("passages", "passages", None),
    ("build s", "cold_build_s", "build_s"),
    ("warm start s", "warm_start_s", None),
    ("p50 ms", "query_p50_ms", "query_p50_ms"),
    ("p99 ms", "query_p99_ms", "query_p99_ms"),
    ("peak MB", "peak_rss_mb", "peak_rss_mb"),
)


def _scale(args: argparse.Namespace) -> int:
    """`--scale 1,8`: the benchmark at each size in a fresh process, then a table of how it grows
    (each figure, and its ratio to the first size's)."""
    sizes = [int(size) for size in args.scale.split(",") if size.strip()]
    rows: list[tuple[int, dict, dict | None]] = []
    for size in sizes:
        command = [sys.executable, "-m", "bot", "bench", "--copies", str(size), "--count", str(args.count)]
        for folder in args.corpus:
            command += ["--corpus", str(folder)]
        if args.only:
            command.append("--only")
        if args.queries is not None:
            command += ["--queries", str(args.queries)]
        if args.anchor:
            command += ["--anchor", args.anchor]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        figures = json.loads(done.stdout)
        ours, theirs = (figures["notesbot"], figures["bm25s"]) if args.anchor else (figures, None)
        rows.append((size, ours, theirs))
        print(json.dumps({"copies": size, **figures}), flush=True)
    first = rows[0][1]
    print(f"\n{'copies':>6} {'method':<9}" + "".join(f"{name:>14}" for name, _, _ in _GROWTH))
    for size, ours, theirs in rows:
        for method, figures, which in (("notesbot", ours, 1), ("bm25s", theirs, 2)):
            if figures is None:
                continue
            cells = []
            for column in _GROWTH:
                key = column[which]
                value = figures.get(key) if key else None
                cells.append(f"{value:>14}" if value is not None else f"{'':>14}")
            print(f"{size:>6} {method:<9}" + "".join(cells))
        if size != rows[0][0]:
            growth = []
            for _, key, _ in _GROWTH:
                value, base = ours.get(key), first.get(key)
                growth.append(f"{'x%.2f' % (value / base):>14}" if value and base else f"{'':>14}")
            print(f"{size:>6} {'growth':<9}" + "".join(growth))
    return 0
