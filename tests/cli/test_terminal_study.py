"""/quiz and /me in the terminal: the Telegram flow (scheduler, scores, cards) over a real store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot import texts
from bot.cli.chat import TERMINAL_USER_ID, TerminalStudy
from bot.replies.render import Reply, to_plain
from bot.store import Store
from bot.study.flow import choose_items, learner_key
from bot.study.review import card_due
from tests.telegram.harness import default_library

START = datetime(2030, 5, 6, 1, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store.open(tmp_path) as opened:
        yield opened


def run(study: TerminalStudy, command: str, rest: str, *answers: str) -> tuple[str, list[str], list[str]]:
    """The reply as the terminal shows it, what the quiz wrote meanwhile, and the lines left unread."""
    lines = iter(answers)
    out: list[str] = []
    reply = study.respond(command, rest, lines, out.append)
    return (to_plain(reply) if isinstance(reply, Reply) else reply), out, list(lines)


def test_quiz_and_me_in_the_terminal(store: Store) -> None:
    items = default_library().quiz_items
    clock = Clock(START)
    study = TerminalStudy(items, store, "Asia/Shanghai", clock)
    assert run(study, "/me", "")[0] == texts.ME_NO_ANSWERS
    # the scheduler's choice for this learner: new items in the learner's own mixed order
    first, second = choose_items(items, store, learner_key(TERMINAL_USER_ID), START, 2)
    wrong = str((second.correct + 1) % len(second.options) + 1)
    reply, out, left = run(study, "/quiz", "2", str(first.correct + 1), wrong, "left for the chat")
    # the summary a Telegram session ends with: right / asked, the time, the topic missed, go again
    summary = reply.splitlines()
    assert summary[0].startswith("🏁 测验结束：答对 1/2 题，用时 ")
    assert summary[1:3] == [texts.SESSION_TOPICS, "• " + texts.section_label(second.source.section)]
    assert summary[-1] == f"  [1] {texts.SESSION_AGAIN_BUTTON}"
    assert left == ["left for the chat"]  # the quiz reads only its own answers
    assert first.question in out[0] and second.question in "\n".join(out)
    assert texts.QUIZ_RIGHT in out
    assert texts.QUIZ_WRONG.format(number=second.correct + 1, answer=second.options[second.correct]) in out
    me, _, _ = run(study, "/me", "")
    assert "答题：2 道，答对 1 道（正确率 50%）" in me and "连续答题：1 天" in me
    cards = store.get_cards(learner_key(TERMINAL_USER_ID))
    assert card_due(cards[second.id]) < card_due(cards[first.id])
    # a little later the missed item comes back first, by the scheduler over the store
    clock.now = card_due(cards[second.id]) + timedelta(seconds=1)
    reply, out, _ = run(study, "/quiz", "", "q")
    assert second.question in out[0]
    assert reply.startswith("🏁 测验结束（提前结束，共 1 题）：答对 0/0 题")
    # the next day's answer makes a two-day streak
    clock.now = START + timedelta(days=1)
    run(study, "/quiz", "1", "")  # a skip counts as an answer not known
    me, _, _ = run(study, "/me", "")
    assert "答题：3 道" in me and "连续答题：2 天" in me


def test_bad_counts_and_end_of_input(store: Store) -> None:
    items = default_library().quiz_items
    study = TerminalStudy(items, store, "UTC", Clock(START))
    for bad in ("0", "11", "x"):
        assert run(study, "/quiz", bad)[0] == texts.QUIZ_USAGE
    first = choose_items(items, store, learner_key(TERMINAL_USER_ID), START, 1)[0]
    reply, out, _ = run(study, "/quiz", "3", "9", "abc", "1")  # two bad inputs, then an answer
    assert out.count(texts.QUIZ_INVALID.format(count=len(first.options))) == 2
    right = 1 if first.correct == 0 else 0
    assert reply.startswith(f"🏁 测验结束（提前结束，共 3 题）：答对 {right}/1 题")  # input ran out after the first item
    assert store.user_stats(TERMINAL_USER_ID).answered == 1
