"""The rules every item keeps: Bot API limits, distractors from the notes, determinism, stable ids."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from telegram.constants import PollLimit

from bot.notes.corpus import Passage, parse_notes
from bot.quiz import build_quiz_items, coverage, valid
from bot.quiz.item import Draft, finish, normalize
from bot.quiz.text import strip_asides
from tests.quiz.fixtures import ALL, corpus

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NOTES = ROOT / "corpus" / "docker-notes.md"


def _passage(text: str = "某段笔记") -> Passage:
    return Passage(0, "a.md", 3, ("第一章",), text, "paragraph")


def _draft(question: str, answer: str, *tiers: tuple[str, ...], min_options: int = 2) -> Draft:
    return Draft("definition", question, answer, tiers, "为什么", _passage(), min_options=min_options)


def test_answer_shown_in_its_question_drops_the_item() -> None:
    assert finish(_draft("Docker 是用哪种语言写的？Go 语言", "Go", ("Rust", "C")), 0) is None


def test_distractors_never_equal_contain_or_sit_inside_the_answer() -> None:
    item = finish(_draft("哪一个？", "完全虚拟化", ("完全虚拟化", "虚拟化", "完全虚拟化技术", "部分虚拟化", "超虚拟化")), 0)
    assert item is not None
    assert sorted(item.options) == sorted(["完全虚拟化", "部分虚拟化", "超虚拟化"])


def test_colliding_distractors_keep_only_one_and_width_and_case_do_not_hide_a_duplicate() -> None:
    item = finish(_draft("哪一个？", "Xen", ("KVM", "kvm", "ＫＶＭ", "QEMU")), 0)
    assert item is not None and len(item.options) == 3
    assert sum(normalize(o) == "kvm" for o in item.options) == 1


def test_options_that_say_the_same_collide() -> None:
    # the same flags in another order, the same choice with a Chinese or an English "or"
    item = finish(_draft("运行容器时用哪个参数打开交互终端？", "-it", ("-ti", "-p", "-d")), 0)
    assert item is not None and sorted(item.options) == ["-d", "-it", "-p"]
    item = finish(_draft("哪种组合支持多节点读？", "ReadOnlyMany 或 ReadWriteMany",
                         ("ReadOnlyMany or ReadWriteMany", "ReadWriteOnce 或 ReadWriteOncePod", "Retain 或 Recycle")), 0)
    assert item is not None and "ReadOnlyMany or ReadWriteMany" not in item.options
    # different bundles of flags and different words joined are no collision
    item = finish(_draft("哪个参数？", "-it", ("-id", "-td", "-p")), 0)
    assert item is not None and len(item.options) == 4


def test_a_distractor_shown_in_the_question_is_left_out() -> None:
    item = finish(_draft("KVM 和 ____ 都是例子", "Xen", ("KVM", "QEMU", "Hyper-V")), 0)
    assert item is not None and "KVM" not in item.options


def test_too_few_options_drop_the_item() -> None:
    assert finish(_draft("哪一个？", "Xen", ("Xen",)), 0) is None
    # Two options are a coin flip: never an item, whatever the draft allows.
    assert finish(_draft("哪一个？", "Xen", ("KVM",), min_options=2), 0) is None
    assert finish(_draft("哪一个？", "Xen", ("KVM",), min_options=3), 0) is None


def test_limits_of_the_bot_api() -> None:
    long_option = "很" * (PollLimit.MAX_OPTION_LENGTH + 1)
    item = finish(_draft("哪一个？", "Xen", (long_option, "KVM", "QEMU")), 0)
    assert item is not None and long_option not in item.options
    assert finish(_draft("问" * (PollLimit.MAX_QUESTION_LENGTH + 1), "Xen", ("KVM", "QEMU")), 0) is None
    assert finish(_draft("哪一个？", long_option, ("KVM",)), 0) is None
    # (no digits, and of the answer's length: a lone "答案" among "选项1"… would stand out by its look)
    many = tuple(f"选项{a}{b}" for a in "甲乙丙丁" for b in "子丑寅卯辰")
    item = finish(_draft("哪一个？", "答复午未", many), 0)
    assert item is not None and 2 <= len(item.options) <= min(4, PollLimit.MAX_OPTION_NUMBER)
    long_why = Draft("definition", "哪一个？", "Xen", (("KVM", "QEMU"),), "理由。" * 200, _passage())
    item = finish(long_why, 0)
    assert item is not None and len(item.explanation) <= PollLimit.MAX_EXPLANATION_LENGTH
    assert item.explanation.endswith("（见「第一章」）")  # the citation survives the cut
    assert "理由。…（见" in item.explanation  # cut at a sentence's end


def test_long_table_cells_never_become_options() -> None:
    cell = "非常" * 60
    notes = f"# 表\n\n| 特性 | 甲 | 乙 |\n| --- | --- | --- |\n| 速度 | {cell} | 慢 |\n| 价格 | 高 | 低 |\n| 体积 | 大 | 小 |\n"
    items = build_quiz_items(parse_notes({"t.md": notes}))
    assert items and all(cell not in i.options for i in items)
    assert all(valid(i) == [] for i in items)


def _notes_text(files: dict[str, str]) -> str:
    plain = re.sub(r"[*>|`#-]", "", "\n".join(files.values()))
    return normalize(plain) + "\0" + normalize(strip_asides(plain))


def test_every_option_comes_from_the_notes() -> None:
    text = _notes_text(ALL)
    for item in build_quiz_items(corpus()):
        for option in item.options:
            # Statements pair a column with a cell of the row ("固态硬盘：较慢"), or a kind with a
            # clause the notes say of one of its siblings.
            parts = option.split("：") if item.kind in ("table_cell", "contrast") else [option]
            if item.kind == "table_statement":  # "固态硬盘的噪音为「几乎无声」": thing, row, cell
                parts = list(re.fullmatch(r"(.+?)的(.+)为「(.+)」", option).groups())
            assert all(normalize(part) in text for part in parts), (item.question, option)


def test_same_notes_and_seed_give_the_same_items() -> None:
    assert build_quiz_items(corpus(), seed=7) == build_quiz_items(corpus(), seed=7)
    one, other = build_quiz_items(corpus(), seed=1), build_quiz_items(corpus(), seed=2)
    assert [i.id for i in one] == [i.id for i in other]  # the seed shuffles, the ids stay
    assert [i.options for i in one] != [i.options for i in other]


def test_ids_follow_the_text_not_its_position() -> None:
    before = {i.id: i.question for i in build_quiz_items(corpus("terms"))}
    moved = parse_notes({"a.md": "# 前言\n\n新加的一段话。\n\n" + ALL["terms.md"], "z.md": ALL["facts.md"]})
    after = {i.id: i.question for i in build_quiz_items(moved)}
    assert before.items() <= after.items()


def test_the_default_notes_reach_the_targets() -> None:
    if not DEFAULT_NOTES.exists():
        pytest.fail("corpus/docker-notes.md is part of the project")
    notes = parse_notes({"docker-notes.md": DEFAULT_NOTES.read_text(encoding="utf-8")})
    items = build_quiz_items(notes)
    assert len(items) >= 24  # (a floor: the items a giveaway rule, the four options of a blank, a cross-filed example or a one-in-three guess drop are no loss)
    assert len({(normalize(i.question), i.options[i.correct]) for i in items}) == len(items)
    assert len({i.kind for i in items}) >= 3
    asked, content = coverage(notes, items)
    assert asked / content >= 0.42  # (a floor: the sentences whose blank would be Docker itself ask nothing)
    # Located on their own lines, the same items ask about the same passages.
    files = {"docker-notes.md": DEFAULT_NOTES.read_text(encoding="utf-8")}
    assert coverage(notes, build_quiz_items(notes, files=files)) == (asked, content)
    assert all(valid(i) == [] for i in items)
    assert all(i.source.section == ("1 初始Docker与容器",) for i in items)  # the other chapters are empty
    # Docker is what the notes are about: a blank that is Docker is every learner's first guess.
    assert not [i for i in items if i.options[i.correct] == "Docker"]
    # VMware Workstation is filed under 完全虚拟化 (twice) and 硬件辅助虚拟化 (once): only the
    # first keys it as its example
    keyed = [i.question for i in items if i.kind == "example_of" and i.options[i.correct] == "VMware Workstation"]
    assert keyed and not [q for q in keyed if "硬件辅助" in q]


def test_an_option_named_like_a_name_in_the_question_is_a_giveaway() -> None:
    # IPVLAN alone looks like the MACVLAN of the question: matching the look finds it (the topic
    # "CNI", which CNI-Genie shares, tells nothing: every option is about it)
    passage = Passage(0, "a.md", 3, ("CNI",), "某段笔记", "paragraph")
    question = "填空：____和 MACVLAN 类似，都是从一个主机接口虚拟出多个虚拟网络接口"
    told = Draft("subject", question, "IPVLAN", (("Weave Net", "CNI-Genie", "OVN"),), "为什么", passage)
    assert finish(told, 0) is None
    # a name that shares the look with a wrong option as much tells nothing
    fair = Draft("subject", question, "IPVLAN", (("VLAN bridge", "CNI-Genie", "OVN"),), "为什么", passage)
    assert finish(fair, 0) is not None
