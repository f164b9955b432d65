"""Each kind of item, from a small hand-written note."""

from __future__ import annotations

from bot.notes.corpus import Corpus, parse_notes
from bot.quiz import QuizItem, build_quiz_items, valid
from bot.quiz.aliases import _pairs
from bot.quiz.build import _GENERATORS
from bot.quiz.item import finish
from tests.quiz.fixtures import core, corpus


def _of(items: tuple[QuizItem, ...], kind: str) -> list[QuizItem]:
    return [i for i in items if i.kind == kind]


def _answer(item: QuizItem) -> str:
    return item.options[item.correct]


def _drafted(notes: Corpus) -> tuple[QuizItem, ...]:
    """Every item the generators make, before items that give each other away are parted."""
    made = (finish(d, 0) for generate in _GENERATORS for d in generate(notes))
    return tuple(i for i in made if i is not None and not valid(i))


def _find(items: tuple[QuizItem, ...], kind: str, needle: str) -> QuizItem:
    found = [i for i in _of(items, kind) if needle in i.question]
    assert len(found) >= 1, f"no {kind} item asking about {needle!r}: {[i.question for i in items]}"
    return found[0]


def test_a_comparison_of_two_things_asks_which_statement_the_table_makes() -> None:
    items = build_quiz_items(corpus("table"))
    statements = _of(items, "table_statement")
    assert statements
    true = {"固态硬盘的随机读写为「很快」", "机械硬盘的随机读写为「较慢」", "固态硬盘的抗震性为「较好」", "机械硬盘的抗震性为「较差」",
            "固态硬盘的寿命限制为「擦写次数」", "机械硬盘的寿命限制为「机械磨损」", "固态硬盘的噪音为「几乎无声」", "机械硬盘的噪音为「有转动声」"}
    for item in statements:
        right = [o in true for o in item.options]
        assert right.count(not item.question.endswith("不符？")) == 1 and right[item.correct] != item.question.endswith("不符？")
    # Its rows are what the two are compared in: "较好" tells a quality, never asked "which row";
    # its cells are never offered as "thing：value" pairs (the right one: the halves showing twice).
    assert not _of(items, "table_row") and not _of(items, "table_cell")


def test_record_table_takes_wrong_answers_from_the_same_column() -> None:
    items = build_quiz_items(corpus("records"))
    cell = _find(items, "table_cell", "的用途是")
    assert set(cell.options) == {"打包归档", "增量同步文件", "按块复制磁盘"}
    # a short caption of its own names the table
    assert core(cell.question).startswith("常用的备份工具：") and cell.question.endswith("的用途是？")


def test_definitions_one_way_a_term_in_turn() -> None:
    items = build_quiz_items(corpus("terms"))
    definition = _find(items, "definition", "按照作业到达的先后顺序分配处理器")
    assert _answer(definition) == "先来先服务调度"
    assert "哪一种调度" in definition.question  # the labels' shared ending names the kind
    assert set(definition.options) <= {"先来先服务调度", "短作业优先调度", "时间片轮转调度", "优先级调度"}
    # "优先选择估计运行时间最短的作业" says 短…作业…优先 of 短作业优先调度: read off its name, never
    # asked as its description.
    assert not [i for i in _of(items, "description") if "「短作业优先调度」" in i.question]
    # One item a term: the term asked for by its description is not asked for its description too.
    asked = [_answer(i) for i in _of(items, "definition")] + [
        core(i.question).split("「")[1].split("」")[0] for i in _of(items, "description")
    ]
    assert len(asked) == len(set(asked))


def test_contrast_of_needs_and_does_not_need() -> None:
    items = build_quiz_items(corpus("terms"))
    contrasts = _of(items, "contrast")
    # One item a fact: the one kind that needs it, asked once (not also "which statement is right").
    assert len(contrasts) == 1 and contrasts[0].question.endswith("调度程序需要预知运行时间？")
    assert _answer(contrasts[0]) == "短作业优先调度"
    # Only kinds the notes say the opposite of: 优先级调度 says nothing about it, so it is no option.
    assert set(contrasts[0].options) == {"短作业优先调度", "先来先服务调度", "时间片轮转调度"}


def test_examples_belong_to_their_category() -> None:
    items = build_quiz_items(corpus("terms"))
    category = _find(items, "category_of", "Batch Monitor")
    assert _answer(category) == "先来先服务调度"
    # Spool Runner is asked the other way (which is an example of it?), never both ways.
    assert not [i for i in _of(items, "category_of") if "Spool Runner" in i.question]
    example = _find(items, "example_of", "「先来先服务调度」")
    assert _answer(example) == "Spool Runner"
    assert set(example.options) - {"Spool Runner"} <= {"SJF Planner", "Round Robin Kernel", "Priority Keeper"}
    pairs = [(_answer(i), i.question) for i in _of(items, "category_of")]
    assert not any(e in q for e in [_answer(i) for i in _of(items, "example_of")] for _, q in pairs)


def test_years_names_and_versions() -> None:
    items = build_quiz_items(corpus("facts"))
    year = _find(items, "year", "Ingres（____年启动）")
    assert _answer(year) == "1973"
    assert all(option.isdigit() and len(option) == 4 for option in year.options)  # years with years
    assert all(abs(int(o) - 1973) <= 10 for o in year.options)  # no outlier year
    # "关系模型最早由Codd在____年提出": no year in the notes before 1970, so the earliest option
    # would be the answer: dropped.
    assert not [i for i in _of(items, "year") if "最早" in i.question]
    # The name of that sentence is the same item with the blank moved: one of the two is kept.
    assert not [i for i in _of(items, "name") if "加州大学的____（1973年启动）" in i.question]
    name = _find(_drafted(corpus("facts")), "name", "加州大学的____（1973年启动）")
    assert _answer(name) == "Ingres"
    assert set(name.options) <= {"System R", "Ingres", "PostgreSQL", "MySQL"}
    # The sentence as the notes say it, without the list's lead-in glued before it.
    assert core(name.question) == "填空：加州大学的____（1973年启动）"
    # "PostgreSQL（1996年）": a bare year beside a product is its release year, and "3.0版本开始
    # 引入…" says which version brought what: trivia a teacher does not ask.
    assert not [i for i in items if "1996" in i.options or "1995" in i.options or "3.0" in i.options]
    assert not [i for i in items if "版本" in i.question]


def test_who_the_notes_quote_is_never_asked() -> None:
    items = build_quiz_items(corpus("facts"))
    speakers = {"Codd", "Stonebraker", "ACM"}
    for item in items:
        if "这样定义" in item.question or "认为" in item.question or "的评价" in item.question:
            assert _answer(item) not in speakers, item.question


def test_glossary_pairs_one_way_each() -> None:
    items = build_quiz_items(corpus("glossary"))
    english = _find(items, "alias_en", "「边车」")
    assert _answer(english) == "sidecar"
    assert set(english.options) == {"sidecar", "bulkhead", "strangler"}
    chinese = _find(items, "alias_zh", "「bulkhead」")
    assert _answer(chinese) == "舱壁"
    # "ambassador" is 大使 by the dictionary: no notes needed, not asked, nor offered.
    assert not any("大使" in i.question or "ambassador" in i.question for i in items)
    assert not any("大使" in o or "ambassador" in o for i in items for o in i.options)


def test_a_pair_a_dictionary_answers_by_one_character_is_not_asked() -> None:
    notes = {"jobs.md": """# 任务

按运行方式，任务分为长期伺服型（long-running）、批处理型（batch）、节点后台支撑型（node-daemon）和有状态应用型（stateful application）。
"""}
    # batch → 批量 (批处理型), long → 悠长 (长期伺服型), node → 节点, state → 状态: each the one option with that character
    items = build_quiz_items(parse_notes(notes), files=notes)
    assert not [i for i in items if i.kind in ("alias_en", "alias_zh")]


def test_cloze_on_a_bold_sentence() -> None:
    items = build_quiz_items(corpus("terms"))
    cloze = _find(items, "cloze", "____最适合分时系统")
    assert _answer(cloze) == "时间片轮转调度"
    assert len(cloze.options) >= 3
    assert all(option.endswith("调度") for option in cloze.options)


def test_every_fixture_item_is_valid_and_cites_its_section() -> None:
    items = build_quiz_items(corpus())
    assert len({i.kind for i in items}) >= 10
    for item in items:
        assert valid(item) == [], (item, valid(item))
        assert item.source.section and item.source.section[-1] in item.explanation
        assert item.source.file.endswith(".md") and item.source.line > 0


def test_a_term_the_description_also_fits_is_no_wrong_answer() -> None:
    notes = """# 审核

审核方式分为：

- **甲型审核**：需要人工逐条复核，处理速度较慢。
- **乙型审核**：系统自动完成初筛，需要人工逐条复核。
- **丙型审核**：全程离线运行，无需任何网络连接。
- **丁型审核**：交给外部机构抽样检查。
"""
    items = build_quiz_items(parse_notes({"a.md": notes}))
    first = _find(items, "definition", "需要人工逐条复核，处理速度较慢")
    assert _answer(first) == "甲型审核" and "乙型审核" not in first.options  # "需要人工逐条复核" fits it too
    second = _find(items, "description", "「乙型审核」")
    assert _answer(second) == "系统自动完成初筛，需要人工逐条复核"
    assert "需要人工逐条复核，处理速度较慢" not in second.options


def test_a_glossary_pair_sharing_a_word_is_no_question() -> None:
    notes = "# 术语\n\n常见的有Linux内核（Linux kernel）、页表（page table）、快表（translation buffer）和段表（segment table）。\n"
    items = build_quiz_items(parse_notes({"a.md": notes}))
    asked = {i.question for i in items if i.kind.startswith("alias")}
    assert asked and not any("Linux" in q for q in asked)
    assert not any("Linux" in o for i in items if i.kind == "alias_zh" for o in i.options)
    # Pairs listed in one sentence are asked one way each, turn about ("translation buffer" would
    # be the longest English name by far: not asked); "page table" is 页表 word for word by the
    # glossary, so it is not asked at all.
    assert {i.kind for i in items if i.kind.startswith("alias")} <= {"alias_zh", "alias_en"}
    assert not [i for i in items if "页表" in i.question or "page table" in i.question]


def test_a_term_cut_at_的_from_a_longer_name_is_not_asked_by_its_english_name() -> None:
    notes = "# 授权\n\n相对于基于属性的访问控制（Attribute-based Access Control），角色访问控制（RBAC）更常用。\n\n" \
            "准入控制器（Admission Webhook）在授权之后检查请求。\n"
    pairs = {(term, alias) for term, alias, _ in _pairs(parse_notes({"auth.md": notes}))}
    assert ("准入控制器", "Admission Webhook") in pairs
    assert not [pair for pair in pairs if pair[1] == "Attribute-based Access Control"]  # 访问控制 is only its end


RBAC_MODES = {"mesh.md": """# 服务网格

## 开启 RBAC

RBAC 的模式有以下几种：

* **OFF**: 关闭 RBAC，所有请求都放行。
* **ON**: 为网格中的所有服务启用 RBAC。
* **ON_WITH_INCLUSION**: 只对 inclusion 字段中包含的命名空间和服务启用 RBAC。
* **ON_WITH_EXCLUSION**: 对网格内的所有服务启用 RBAC，除 exclusion 字段中包含的命名空间和服务之外。
"""}


def test_a_description_is_never_cut_before_its_exception() -> None:
    # cut at its comma, ON_WITH_EXCLUSION's description would read as ON's: two right options
    items = build_quiz_items(parse_notes(RBAC_MODES), files=RBAC_MODES)
    shown = [text for i in items for text in (i.question, *i.options)]
    assert not [t for t in shown if "对网格内的所有服务启用 RBAC" in t and "除" not in t]


def test_a_label_whose_text_leads_into_a_list_is_neither_asked_nor_offered() -> None:
    # "…可能因为以下原因无法正常调度：" says what follows it, not what the label is
    notes = {"cm.md": """# 云控制器

## 启动时序问题

在集群启动过程中，控制器会遇到启动时序问题：

### 问题描述

1. **节点注册问题**: kubelet 启动时向 API Server 注册节点对象，并给节点加上未初始化的污点
2. **调度依赖**: 控制器负责移除该污点并添加云厂商特定的信息，比如节点地址和区域标签
3. **启动时序矛盾**: 控制器本身可能因为以下原因无法正常调度：
   * 节点存在未初始化的污点
   * 节点处于未就绪状态
4. **证书轮换**: 控制器访问云厂商接口的凭据过期以后，所有节点的地址都无法更新
"""}
    items = build_quiz_items(parse_notes(notes), files=notes)
    assert not [i for i in items if "以下原因" in i.question or any("以下原因" in o for o in i.options)]



NETWORKS = {"patterns.md": """# 部署模式

## 拆分

服务拆分常用两种模式：边车模式（Sidecar），把代理放进与应用同一个 Pod 的容器；舱壁模式（Bulkhead），把资源切成互不影响的分区。

## 插件的职责

- 配置模式：为新建的服务写好代理和分区的设置。
- 清理模式：服务删除以后回收分区，拆掉对应的代理。
- 检查模式：定期确认代理和分区仍然存在，发现丢失就重新配置。

## 迁移

绞杀者模式（Strangler）逐步替换旧系统的功能；背压模式（Backpressure）让下游告诉上游放慢发送的速度。
"""}


def test_a_terms_chinese_name_is_asked_among_terms_the_notes_also_name_in_english() -> None:
    # 配置模式 and 清理模式 label a list of tasks: no Chinese term to set beside 边车模式
    items = [i for i in build_quiz_items(parse_notes(NETWORKS), files=NETWORKS) if i.kind == "alias_zh"]
    assert items
    for item in items:
        assert set(item.options) <= {"边车模式", "舱壁模式", "绞杀者模式", "背压模式"}, item.options


PLATFORMS = """# 健康检查

## 与编排平台的关系

不同平台对 HEALTHCHECK 的支持有所不同：

- **Kubernetes**：忽略镜像里的 HEALTHCHECK，改用自己的 livenessProbe 和 readinessProbe 探针判断容器是否健康
- **Docker Swarm**：根据 HEALTHCHECK 的结果判断服务是否健康，并据此决定滚动更新是否继续
- **Compose**：直接沿用镜像里定义的 HEALTHCHECK，也可以在 compose.yaml 文件中覆盖它的参数
- **Nomad**：只在任务定义里显式写出检查时才执行，镜像里的 HEALTHCHECK 不会被读取和执行
"""


def test_terms_each_described_by_how_it_treats_one_thing_are_asked_about_that_thing() -> None:
    # every description speaks of HEALTHCHECK: "「Docker Swarm」指的是什么" would ask what the
    # platform is, and the options say how each treats HEALTHCHECK
    files = {"hc.md": PLATFORMS}
    (item,) = _of(build_quiz_items(parse_notes(files), files=files), "description")
    assert "就「HEALTHCHECK」而言" in item.question and "指的是什么" not in item.question
    assert valid(item) == []
    # (every option says HEALTHCHECK as the question does: no option echoes it alone)
    assert sum("HEALTHCHECK" in o for o in item.options) >= 3


def test_a_word_every_option_says_is_no_echo_of_the_question() -> None:
    from bot.quiz.item import _echoed

    stem = "就「HEALTHCHECK」而言，笔记对「Kubernetes」的说法是哪一项？"
    assert not _echoed(stem, "忽略镜像里的 HEALTHCHECK，改用自己的探针", ["根据 HEALTHCHECK 的结果判断", "沿用 HEALTHCHECK"])
    assert _echoed(stem, "忽略镜像里的 HEALTHCHECK，改用自己的探针", ["根据探针的结果判断", "沿用镜像的定义"])
