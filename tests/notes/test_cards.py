"""Flashcards written in the notes (Obsidian Spaced Repetition syntax): the three forms, in Chinese
and English, inside lists and quotes, malformed cards reported with file and line, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.notes.cards import CLOZE_MARK, parse_cards

NOTES = """# 网络

## TCP

三次握手的目的是什么::确认双方都能收发数据

What does TCP stand for? :: Transmission Control Protocol

TCP 和 UDP 的区别？
?
TCP 面向连接，
UDP 无连接。

- 列表里的卡片::也算
> 引用里的卡片::也算数

> 拥塞控制的两个阶段
> ??
> 慢启动与拥塞避免

慢启动阶段窗口 ==指数== 增长，超过 ==阈值== 后线性增长。<!--SR:!2030-01-01,3,250-->

## UDP

端口号::16 位 #flashcards
"""


def _cards(text: str = NOTES):
    return parse_cards({"net.md": text})


def test_a_one_line_card_in_chinese_and_english() -> None:
    cards, problems = _cards()
    basic = {c.front: c.back for c in cards if c.form == "basic"}
    assert basic["三次握手的目的是什么"] == "确认双方都能收发数据"
    assert basic["What does TCP stand for?"] == "Transmission Control Protocol"
    assert basic["端口号"] == "16 位"  # the plugin's tag is no part of the card
    assert not problems


def test_cards_inside_lists_and_quotes_lose_their_markers() -> None:
    cards, _ = _cards()
    basic = {c.front: c.back for c in cards}
    assert basic["列表里的卡片"] == "也算" and basic["引用里的卡片"] == "也算数"


def test_a_multiline_card_runs_from_the_blank_line_above_to_the_blank_line_below() -> None:
    cards, _ = _cards()
    (card,) = [c for c in cards if c.front == "TCP 和 UDP 的区别？"]
    assert card.form == "multiline" and card.back == "TCP 面向连接，\nUDP 无连接。"
    assert (card.line, card.last_line) == (9, 12)


def test_double_marks_make_a_card_each_way() -> None:
    cards, _ = _cards()
    both = [(c.front, c.back) for c in cards if "拥塞" in c.front + c.back]
    assert set(both) == {("拥塞控制的两个阶段", "慢启动与拥塞避免"), ("慢启动与拥塞避免", "拥塞控制的两个阶段")}
    one_line = parse_cards({"a.md": "进程::资源分配的单位:::"})  # ":::" needs both sides
    assert not one_line[0] and one_line[1]
    reversed_cards, _ = parse_cards({"a.md": "线程:::调度的单位\n"})
    assert {(c.front, c.back) for c in reversed_cards} == {("线程", "调度的单位"), ("调度的单位", "线程")}


def test_each_highlight_is_a_cloze_card_hiding_only_itself() -> None:
    cards, _ = _cards()
    clozes = [c for c in cards if c.form == "cloze"]
    assert [c.front for c in clozes] == [
        f"慢启动阶段窗口 {CLOZE_MARK} 增长，超过 阈值 后线性增长。",
        f"慢启动阶段窗口 指数 增长，超过 {CLOZE_MARK} 后线性增长。",
    ]
    assert all(c.back == "慢启动阶段窗口 指数 增长，超过 阈值 后线性增长。" for c in clozes)  # the plugin's schedule comment is dropped


def test_a_cards_context_is_its_heading_path() -> None:
    cards, _ = _cards()
    context = {c.front: c.context for c in cards}
    assert context["三次握手的目的是什么"] == ("网络", "TCP")
    assert context["端口号"] == ("网络", "UDP")


def test_code_is_never_a_card() -> None:
    text = """# C++

使用 `std::vector` 保存，地址 fe00::1 也不是卡片，std::map 同理。

```cpp
auto v = std::vector<int>{};  // 代码::不是卡片
```

    缩进的代码::也不是
"""
    cards, problems = parse_cards({"cpp.md": text})
    assert not cards and not problems


def test_malformed_cards_are_reported_with_file_and_line() -> None:
    text = "# 卡片\n\n::没有问题\n\n没有答案::\n\n?\n只有答案\n\n只有问题\n?\n\n这里 ==没有闭合\n\n甲::乙::丙\n"
    cards, problems = parse_cards({"dir/bad.md": text})
    assert not cards
    assert {(p.file, p.line, p.problem) for p in problems} == {
        ("dir/bad.md", 3, "empty_side"),
        ("dir/bad.md", 5, "empty_side"),
        ("dir/bad.md", 7, "question_missing"),
        ("dir/bad.md", 11, "answer_missing"),
        ("dir/bad.md", 13, "unclosed_highlight"),
        ("dir/bad.md", 15, "many_separators"),
    }


def test_prose_with_an_equal_sign_or_a_rule_is_no_cloze() -> None:
    cards, problems = parse_cards({"a.md": "# 标题\n\n当 a == b 时成立。\n\n====\n\n标题二\n===\n"})
    assert not cards and not problems


def test_ids_stay_when_a_card_moves_and_change_when_it_changes() -> None:
    before, _ = _cards()
    moved, _ = parse_cards({"other.md": "# 前言\n\n新加的一段。\n\n" + NOTES})
    assert {c.id for c in before} == {c.id for c in moved}
    edited, _ = _cards(NOTES.replace("确认双方都能收发数据", "确认双方的收发能力"))
    assert len({c.id for c in before} - {c.id for c in edited}) == 1


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("::?=\n >-*#`~!<ab问答 \t")), max_size=200))
def test_any_text_parses_without_raising(text: str) -> None:
    cards, problems = parse_cards({"x.md": text})
    for card in cards:
        assert card.front.strip() and card.back.strip() and 1 <= card.line <= card.last_line
    assert all(p.line >= 1 for p in problems)
