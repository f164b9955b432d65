"""Whatever notes come in, every item keeps the rules and the same notes give the same items."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.notes.corpus import parse_notes
from bot.quiz import build_quiz_items, valid

_WORDS = st.sampled_from(
    ["容器", "虚拟机", "镜像", "仓库", "网络", "存储", "调度", "内核", "进程", "隔离", "速度", "较快",
     "较慢", "需要", "无需", "支持", "Xen", "KVM", "Docker 2.0", "1999年", "2008年", "0.9版本", "（English）"]
)
_PHRASE = st.lists(_WORDS, min_size=1, max_size=8).map("".join)
_LONG = st.lists(_WORDS, min_size=30, max_size=60).map("".join)


@st.composite
def _notes(draw: st.DrawFn) -> str:
    parts = ["# 标题"]
    for _ in range(draw(st.integers(1, 4))):
        shape = draw(st.sampled_from(["table", "terms", "list", "bold", "long"]))
        if shape == "table":
            rows = draw(st.lists(st.tuples(_PHRASE, _PHRASE, _PHRASE), min_size=2, max_size=5))
            parts.append("甲与乙的比较\n\n| 特性 | 甲 | 乙 |\n| --- | --- | --- |")
            parts.extend(f"| {a} | {b} | {c} |" for a, b, c in rows)
        elif shape == "terms":
            terms = draw(st.lists(st.tuples(_PHRASE, _PHRASE), min_size=2, max_size=5))
            parts.append("分为：\n")
            parts.extend(f"- **{a}类型**：{b}，例如Foo{i}、Bar{i}。" for i, (a, b) in enumerate(terms))
        elif shape == "list":
            parts.extend(f"- {p}（{1990 + i}年）" for i, p in enumerate(draw(st.lists(_PHRASE, min_size=1, max_size=5))))
        elif shape == "bold":
            parts.append(f"**{draw(_PHRASE)}是{draw(_PHRASE)}**，{draw(_PHRASE)}。")
        else:
            parts.append(draw(_LONG) + "。")
        parts.append("")
    return "\n".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_notes(), st.integers(0, 5))
def test_items_from_any_notes_keep_the_rules(notes: str, seed: int) -> None:
    corpus = parse_notes({"n.md": notes})
    items = build_quiz_items(corpus, seed)
    for item in items:
        assert valid(item) == [], (item, valid(item))
    assert len({i.id for i in items}) == len(items)
    # One right answer for one question ("以下哪一项说法与笔记相符？" is told apart by its options).
    assert len({(i.question, i.options if i.kind == "statement" else ()) for i in items}) == len(items)
    assert build_quiz_items(parse_notes({"n.md": notes}), seed) == items
    # With the Markdown text only the lines may move, and only within the passage's lines.
    located = build_quiz_items(corpus, seed, files={"n.md": notes})
    assert [i.id for i in located] == [i.id for i in items]
    assert all(a.source.line >= b.source.line for a, b in zip(located, items))
