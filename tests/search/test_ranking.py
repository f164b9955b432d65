"""The best candidate's lead is over rival answers: a list and its item, or a section and its
passages, give one answer and split no confidence between them."""

from __future__ import annotations

from bot.notes.corpus import parse_notes
from bot.search.confidence import CONFIDENCE_FEATURES, confidence_features
from bot.search.index import build_index
from bot.search.question import read_question
from bot.search.ranking import rank

NOTES = """# 镜像

## 拉取策略

拉取镜像时可以指定策略：

- IfNotPresent：只有本地没有这个镜像时才去仓库拉取，这是默认值。
- Always：每次启动都去仓库拉取镜像，保证镜像是最新的。
- Never：从不拉取，只使用本地已有的镜像。

## 镜像大小

镜像越小，拉取和启动越快；多阶段构建能去掉编译工具，让运行镜像只留下程序本身。
"""


def test_a_whole_and_its_part_agree_and_other_passages_do_not() -> None:
    index = build_index(parse_notes({"n.md": NOTES}))
    ranked = rank(index, read_question(index, "哪个策略每次启动都拉取镜像"))
    best = index.passage(ranked.row(0))
    for place, position in enumerate(ranked.order):
        passage = index.passage(int(ranked.evidence.rows[position]))
        overlaps = bool({best.id, *best.parts} & {passage.id, *passage.parts})
        if place < 10:
            assert bool(ranked.agrees[position]) == overlaps, passage.text
    wholes = [int(p) for p in ranked.order if index.passage(int(ranked.evidence.rows[p])).parts]
    assert wholes and any(ranked.agrees[p] for p in wholes)  # the list holding the answer agrees
    assert not all(ranked.agrees)  # the passage about image size is a rival


def test_the_lead_is_measured_over_the_first_rival_answer() -> None:
    index = build_index(parse_notes({"n.md": NOTES}))
    ranked = rank(index, read_question(index, "哪个策略每次启动都拉取镜像"))
    features = dict(zip(CONFIDENCE_FEATURES, confidence_features(ranked)))
    rival = next(p for p in ranked.order[1:] if not ranked.agrees[p])
    best = ranked.order[0]
    assert abs(features["top_margin"] - float(ranked.scores[best] - ranked.scores[rival]) / 10.0) < 1e-6
    assert abs(features["top_probability"] - float(ranked.probabilities()[ranked.agrees].sum())) < 1e-6


def test_a_passage_elsewhere_giving_the_same_name_agrees_with_the_best() -> None:
    notes = (
        "# 镜像\n\n## 拉取策略\n\n不写拉取策略时用 IfNotPresent：只有本地没有这个镜像时才去仓库拉取。\n\n"
        "Always 策略每次启动都去仓库拉取镜像，保证镜像是最新的。\n\n"
        "## 镜像大小\n\n镜像越小，拉取和启动越快；多阶段构建能去掉编译工具。\n\n"
        "## 最佳实践\n\n默认的拉取策略是 IfNotPresent，本地已有镜像时不会再去仓库拉取。\n"
    )
    index = build_index(parse_notes({"n.md": notes}))
    ranked = rank(index, read_question(index, "拉取策略不写的话默认是什么"))
    said = {index.passage(int(ranked.evidence.rows[p])).text: bool(ranked.agrees[p]) for p in ranked.order[:10]}
    assert "IfNotPresent" in index.passage(ranked.row(0)).text
    # the same answer in two sections: whichever is best, the other agrees with it
    assert said["不写拉取策略时用 IfNotPresent：只有本地没有这个镜像时才去仓库拉取。"]
    assert said["默认的拉取策略是 IfNotPresent，本地已有镜像时不会再去仓库拉取。"]
    assert not said["Always 策略每次启动都去仓库拉取镜像，保证镜像是最新的。"]  # another name: a rival
