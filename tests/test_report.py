"""The report for the notes' author: near-duplicate questions grouped, 👎 answers shown with their
passage, missed quiz items with their question, nobody named; and `notesbot report` printing it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bot import texts
from bot.report import build_report, group_questions, report_text
from bot.store import Store
from bot.telegram.report import pieces
from tests.support.paths import NOTES, REPO
from tests.telegram.harness import default_library

NOW = datetime.now(timezone.utc)


def test_near_duplicate_questions_are_one_group_named_by_the_most_asked_wording() -> None:
    groups = group_questions(["怎么备份数据卷", "Docker Swarm 是什么？", "docker swarm是什么", "Docker Swarm 是什么？",
                              "Docker  Swarm 是什么？", "怎么备份数据卷", "Kubernetes 怎么部署"])
    assert [(g.wording, g.count, g.variants) for g in groups] == [
        ("Docker Swarm 是什么？", 4, ("docker swarm是什么",)),  # white space folded before counting
        ("怎么备份数据卷", 2, ()),
        ("Kubernetes 怎么部署", 1, ()),
    ]


def fill(store: Store, passage_key: str, item_id: str) -> None:
    store.upsert_user(7, "张三", NOW)
    store.upsert_chat(-100, "supergroup", "秘密学习群", NOW)
    store.record_question("Kubernetes 是什么", refused=True, passage_key=None, unwritten=["27 Kubernetes生产机容器集群平台"], now=NOW)
    store.record_question("很久以前的问题", refused=True, passage_key=None, unwritten=[], now=NOW - timedelta(days=60))
    store.add_feedback(-100, 7, passage_key, "容器是什么", False, NOW)
    store.record_poll("p1", -100, item_id, 1, 0, "quiz", NOW)
    store.record_poll_answer("p1", 7, 1, False, NOW)


def test_the_report_shows_the_passage_of_an_unhelpful_answer_and_the_question_of_a_missed_item(tmp_path: Path) -> None:
    library = default_library()
    passage, item = library.corpus.passages[3], library.quiz_items[0]
    with Store.open(tmp_path) as store:
        fill(store, f"{passage.file}:{passage.line}", item.id)
        text = report_text(build_report(store, library, NOW, 30))
    assert texts.report_refused(1, "Kubernetes 是什么", []) in text and "很久以前" not in text
    assert passage.text[:50] in text and "容器是什么" in text
    assert texts.report_missed(1, 1, item.question) in text
    assert "张三" not in text and "秘密学习群" not in text  # the report never names anyone


def test_notesbot_report_prints_it_for_the_days_asked(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        fill(store, "gone.md:1", "no-such-item")
    env = {**os.environ, "DATA_DIR": str(tmp_path), "NOTES_DIR": str(NOTES), "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([sys.executable, "-m", "bot", "report", "--days", "90"], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(texts.REPORT_TITLE.format(days=90, asked=2, refused=2))
    assert texts.REPORT_GONE in done.stdout  # a passage no longer in the notes
    assert texts.report_missed(1, 1, "no-such-item") in done.stdout


def test_a_long_report_is_sent_in_messages_telegram_takes_cut_between_lines() -> None:
    text = "\n".join(f"第 {number} 行：" + "很长的内容" * (number % 7) for number in range(600))
    messages = pieces(text, 4096)
    assert all(len(message) <= 4096 for message in messages) and len(messages) > 2
    assert "\n".join(messages) == text  # every cut falls between two lines
    assert pieces("长" * 5000, 4096) == ["长" * 4096, "长" * 904]  # a line longer than a message is cut
