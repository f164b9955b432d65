"""Answering by shape: the strategies and their rates on hand-written item sets, the look that gives
one item away, and the items of every hand-written note letting no strategy beat a blind guess."""

from __future__ import annotations

from pathlib import Path

from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items
from bot.quiz.item import Draft, finish
from bot.quiz.shape import STRATEGIES, chance, expected, favoured, strategy_rates
from tests.quiz.fixtures import ALL, COMPARISON, OWN_NOTE, SYSTEMS
from tests.quiz.test_paragraph_kinds import FOLDER, SECTIONS
from tests.support.git_notes import GIT_NOTES

ROOT = Path(__file__).resolve().parents[2]
EDGE = 0.05  # how much better than a blind guess a strategy may do over a set of items


def _rate(name: str, items: list[tuple[str, list[str], int]]) -> float:
    return next(r.rate for r in strategy_rates(items) if r.strategy == name)


def test_a_tie_is_broken_at_random_and_chance_is_one_in_the_options() -> None:
    assert expected([1, 1, 0, 0], 0) == 0.5 and expected([1, 1, 0, 0], 2) == 0.0
    assert chance(["a", "b", "c"]) == 1 / 3


def test_each_strategy_finds_the_answer_a_biased_set_gives_it() -> None:
    longest = [("哪一项？", ["短", "稍长一点", "最长的那一个选项"], 2)] * 4
    assert _rate("longest", longest) == 1.0 and _rate("shortest", longest) == 0.0
    shared = [("镜像的大小与文件不同", ["镜像大小", "网络模式", "存储驱动"], 0)]
    assert _rate("most_shared_with_question", shared) == 1.0
    assert _rate("most_words_shared_with_question", shared) == 1.0
    odd = [("哪一个？", ["Docker", "容器", "镜像", "仓库"], 0)]
    assert _rate("odd_script", odd) == 1.0
    typical = [("哪一组？", ["甲乙", "甲丙", "甲丁", "戊己"], 0)]
    assert _rate("most_typical", typical) == 1 / 3 and _rate("odd_one_out", typical) == 0.0
    assert set(STRATEGIES) >= {"most_shared_with_question", "longest", "shortest", "odd_one_out"}


def test_ruling_out_what_a_strategy_picks_is_a_strategy_too() -> None:
    never_longest = [("哪一项？", ["中等长度", "短", "这是最长的那一个选项"], 0), ("哪一项？", ["短", "中等长度", "这是最长的那一个选项"], 0)]
    assert _rate("not_longest", never_longest) == 0.5 and _rate("longest", never_longest) == 0.0
    assert {r.strategy for r in strategy_rates(never_longest)} >= {"not_" + name for name in STRATEGIES}


def test_an_answer_is_the_shortest_in_one_item_of_four_and_the_longest_in_one_to_two() -> None:
    passage = parse_notes({"n.md": "# 名字\n\n一段话。\n"}).passages[0]
    names = ["甲乙", "丙丁戊", "己庚辛壬", "子丑寅卯辰", "巳午未申酉戌", "天地玄黄宇宙洪"]
    # The most fitting wrong answers (the first tiers) are the longest names: taken as they come,
    # the answer would be the shortest option most of the time.
    roles = {"shortest": 0, "longest": 0}
    made = 0
    for number in range(400):
        answer = names[number % len(names)]
        tiers = tuple((n,) for n in reversed(names) if n != answer)
        draft = Draft(kind="x", question=f"第{number}题问的是哪一项？", answer=answer, tiers=tiers, why="", passage=passage)
        item = finish(draft, 0)
        if item is None:
            continue
        made += 1
        sizes = [len(o) for o in item.options]
        roles["shortest"] += sizes[item.correct] == min(sizes)
        roles["longest"] += sizes[item.correct] == max(sizes)
    assert made >= 300
    assert abs(roles["shortest"] / made - 1 / 4) <= EDGE  # four options each: one in four
    # The longest is asked for in two turns of four: in real notes an answer (a name, most often)
    # can be made the longest in fewer items than asked, and the books' items reach one in four
    # (tests/quiz/test_corpora.py); here, where it always can, it is more.
    assert 1 / 4 - EDGE <= roles["longest"] / made <= 1 / 2


def test_the_look_that_gives_one_item_away() -> None:
    assert favoured("哪一项？", ["短", "稍长一点的", "这是最长的那一个选项"], 2) == "longest"
    assert favoured("哪一项？", ["KVM", "VMware Workstation", "Parallels Desktop"], 0) == "shortest"
    assert favoured("“镜像的大小与文件大小不同”说的是？", ["镜像大小", "过滤镜像", "中间层镜像"], 0)
    assert favoured("ConfigMap 可以在 Pod 中使用", ["ConfigMap 使用", "ConfigMap 创建", "不可变 ConfigMap"], 0)
    assert favoured("哪一个？", ["Docker", "容器", "镜像"], 0) == "odd_script"
    # every wrong name shares a part the right one lacks: the odd one out, picked without knowing
    assert favoured("强制访问控制的实现是？", ["seLinux", "hostIPC", "hostPID", "hostNetwork"], 0) == "odd_part"
    assert favoured("声明依赖的文件是？", ["go.mod", "compose.yaml", "values.yaml"], 0) == "odd_part"
    assert not favoured("强制访问控制的实现是？", ["seLinux", "hostIPC", "hostPID", "runAsUser"], 0)
    assert not favoured("哪一项？", ["Amazon EKS：托管控制平面", "Amazon ECS：镜像仓库", "Amazon ECR：运行时"], 0)  # statements
    # A character in common by chance, or pieces of words every option shares, are no tell.
    assert not favoured("最适合分时系统", ["时间片轮转调度", "先来先服务调度", "短作业优先调度"], 0)
    assert not favoured("经历了____、虚拟机虚拟化、容器技术", ["大型主机虚拟化", "完全虚拟化", "部分虚拟化"], 0)


def _fixture_items():
    notes = [
        dict(ALL),
        {"own.md": OWN_NOTE},
        FOLDER,
        {"gc.md": SECTIONS},
        {"git.md": GIT_NOTES},
        {"c.md": COMPARISON},
        {"s.md": SYSTEMS},
        {"docker-notes.md": (ROOT / "corpus" / "docker-notes.md").read_text(encoding="utf-8")},
    ]
    return [item for files in notes for item in build_quiz_items(parse_notes(files), files=files)]


def test_no_strategy_beats_a_blind_guess_on_the_hand_written_notes() -> None:
    items = _fixture_items()
    assert len(items) >= 60
    for rate in strategy_rates([(i.question, i.options, i.correct) for i in items]):
        assert rate.edge <= EDGE, rate
    assert not [i for i in items if favoured(i.question, i.options, i.correct)]
