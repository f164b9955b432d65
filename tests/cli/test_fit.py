"""`notesbot fit`, run as a developer runs it: over question sets of two notes folders, refitting
the confidence model alone keeps the ranker's weights and writes a confidence weight for every
feature, with a regularisation chosen from the tried ones by notes left out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.cli.fit import REGULARISATIONS
from bot.search.confidence import CONFIDENCE_FEATURES
from bot.search.weights import WEIGHTS_FILE
from tests.support.paths import NOTES, QUESTIONS, REPO

OWN = REPO / "tests" / "search" / "notes"


def _first_lines(source: Path, target: Path, count: int) -> Path:
    target.write_text("".join(source.read_text(encoding="utf-8").splitlines(keepends=True)[:count]), encoding="utf-8")
    return target


def test_refitting_the_confidence_alone_keeps_the_ranker(tmp_path: Path) -> None:
    default = _first_lines(QUESTIONS / "default_notes.jsonl", tmp_path / "default.jsonl", 80)
    course = _first_lines(QUESTIONS / "course_notes.jsonl", tmp_path / "course.jsonl", 130)
    out = tmp_path / "weights.json"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "fit", "--confidence-only", "--out", str(out),
         f"{NOTES}={default}", f"{OWN / 'course'}={course}"],
        capture_output=True, text=True, cwd=REPO, timeout=240, check=False,
        env={**os.environ, "DATA_DIR": str(tmp_path / "data"), "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    current = json.loads((REPO / "bot" / "search" / WEIGHTS_FILE).read_text(encoding="utf-8"))
    assert written["ranker"] == current["ranker"]
    assert set(written["confidence"]) == set(CONFIDENCE_FEATURES)
    assert written["confidence"] != current["confidence"]  # fitted on these two sets alone
    line = next(line for line in done.stdout.splitlines() if line.startswith("confidence regularisation"))
    assert all(f"{r:g} " in line for r in REGULARISATIONS)
    assert "course.jsonl (course)" in done.stdout  # each set's figures, fitted on all and held out
