"""Where the tests find the project's notes and the shared development data beside the project."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTES = REPO / "corpus"
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval"
DEV_SET = EVAL / "dev_seed.jsonl"
CORPORA = SHARED / "corpora"
BOOK = CORPORA / "docker_practice"
K8S_BOOK = CORPORA / "kubernetes_handbook"
QUESTIONS = REPO / "tests" / "search" / "questions"
