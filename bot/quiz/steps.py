"""The order of a numbered list's steps: the steps shown shuffled, the options orders of their letters.

A numbered list is a sequence when its lead-in or heading says so (步骤, 流程, 过程, 依次 …); a
numbered list of points ("1. 轻量 2. 快速") or of things to try has no order to ask.
The numbers come from the raw Markdown lines: the parser keeps a list item's text, not its marker.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import random
import re
from collections.abc import Iterator

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.cloze import _ENUMERATION, _members
from bot.quiz.item import Draft, quoted
from bot.quiz.text import fill, normalize, sentences, strip_asides, strip_label
from bot.quiz.view import NotesView

__all__ = ["order_draft", "step_drafts"]

_ORDERED = re.compile(r"^(\s*)(?:>\s*)*(\d{1,2})[.)]\s+\S")
_SEQUENCE = re.compile(r"步骤|流程|过程|顺序|依次|先后|阶段|步|操作如下|如下操作|step|process|workflow|pipeline|procedure", re.I)
# Words of a task or a mechanism: a sequence when the list's own lead-in or heading says them
# ("安装 Docker", "工作原理"), not a heading above ("启动时序问题 › 问题描述" lists problems).
_TASK = re.compile(r"工作原理|原理|生命周期|执行|启动|初始化|部署|安装|升级|迁移|切换|构建|创建|处理|请求|调用|备份|恢复|回滚|工作方式|如何|怎么|lifecycle|how", re.I)
# Words that tell a step's place themselves: left out, or the order would read off them.
_PLACE_WORDS = re.compile(r"^(?:首先|然后|接着|之后|随后|其次|再次|最后|最终|再|先|第[一二三四五六七八九十\d]+步)[，,、：:\s]*")
# (a colon of a URL or a port does not end a clause: "访问 http://localhost:5601")
_CUT = re.compile(r"[。；;，,]|[：:](?!//|\d)")
_STEP_CHARS = 40
# A step shown as a condition only ("强缓存过期时", "资源已变化时"): a fragment of the step, and
# steps that are cases ("若未变化…", "若已变化…") are branches, not a sequence.
_CONDITION = re.compile(r"(?:时|时候|之后|以后|之前|的话|情况下)$")
_CONDITION_START = re.compile(r"^(?:若|如果|假如|倘若|一旦|否则|当|如|要是|if\b|when\b|otherwise\b)", re.I)
# A step opening with a turn or a consequence is the rest of the step before it.
_FRAGMENT = re.compile(r"^(?:但是?|而且?|却|所以|因此|因而|于是|并且|否则|可是|不过)")
# Verbs of setting something up: steps in a row opening with the same one may be done in either order.
_DOING = re.compile(
    r"(?:创建|新建|安装|配置|添加|挂载|设置|修改|下载|复制|拷贝|删除|编写|定义|准备|生成|注册|部署|开启|启用|确保|检查|导入|导出|上传|推送|拉取)"
)
_LEAST_STEPS = 3
_MOST_STEPS = 5
_LETTERS = "①②③④⑤"  # (not A–E: the poll letters its options so)
_ARROW = " → "


def _runs(view: NotesView) -> Iterator[list[Passage]]:
    """Runs of numbered list items in one list, numbered 1, 2, 3 … (nested items skipped)."""
    run: list[Passage] = []
    indent = ""
    expected = 1
    for passage in view.corpus.passages:
        marker = _ORDERED.match(view.raw_line(passage)) if passage.kind == "list_item" else None
        if run and passage.kind == "list_item" and marker is None and passage.file == run[-1].file:
            line = view.raw_line(passage)
            if len(line) - len(line.lstrip()) > len(indent):
                continue  # a nested bullet inside a step
        same = (
            run
            and marker is not None
            and passage.file == run[-1].file
            and passage.section == run[-1].section
            and passage.context == run[-1].context
            and marker.group(1) == indent
            and int(marker.group(2)) == expected
        )
        if not same:
            if len(run) >= _LEAST_STEPS:
                yield run
            run = []
            if marker is not None and int(marker.group(2)) == 1:
                run, indent, expected = [passage], marker.group(1), 2
            continue
        run.append(passage)
        expected += 1
    if len(run) >= _LEAST_STEPS:
        yield run


def _step(passage: Passage, after_condition: bool = False) -> str:
    """A step as a short phrase: its first clause, without its asides and the words that tell its
    place; with ``after_condition``, the clause after the condition it opens with ("本地没有结果时，
    把查询发给解析器": what is done)."""
    text = _PLACE_WORDS.sub("", strip_asides(strip_label(passage.text)).strip())
    cut = _CUT.search(text)
    if after_condition and cut and _CONDITION.search(text[: cut.start()]):
        text = _PLACE_WORDS.sub("", text[cut.end() :].strip())
        cut = _CUT.search(text)
    if cut and cut.start() >= 4:
        text = text[: cut.start()]
    return text.strip(" 。；;，,")


# A heading or lead-in of advice or points ("迁移建议", "注意事项"): its numbers count, they do not order.
_POINTS = re.compile(r"(?:建议|注意事项|事项|要点|原则|技巧|优点|缺点|优势|特点|误区|问题|总结|小结|最佳实践|实践)\s*[：:]?\s*$")


def _sequence(run: list[Passage]) -> bool:
    """Whether the list is a sequence: its lead-in or its headings say so, and neither names it
    a list of advice or points."""
    first = run[0]
    heading = first.section[-1] if first.section else ""
    if _POINTS.search(first.context.strip()) or _POINTS.search(heading):
        return False
    own = first.context + " " + heading
    return bool(_SEQUENCE.search(own + " " + " ".join(first.section[-2:])) or _TASK.search(own))


# A sentence listing stages in their order: "…经历了大型主机虚拟化、虚拟机虚拟化、容器技术".
_STAGES = re.compile(r"(?:经历了|经历过|演进为|演变为|发展为|依次为|依次是|依次经过|先后经历|先后为|顺序为|过程为|流程为|阶段为|步骤为)\s*$")


def _stage_lists(view: NotesView) -> Iterator[tuple[Passage, str, list[str]]]:
    """(passage, lead, stages) for each sentence that lists stages after a word of sequence."""
    for passage in view.corpus.passages:
        if passage.kind not in ("paragraph", "quote", "list_item"):
            continue
        for sentence in sentences(passage.text):
            for match in _ENUMERATION.finditer(sentence):
                members = _members(sentence, match)
                if not 3 <= len(members) <= _MOST_STEPS or members[0] not in sentence[match.start() :]:
                    continue
                lead = sentence[: sentence.index(members[0], match.start())].strip("“”\"「」 ")
                if _STAGES.search(lead):
                    yield passage, lead.rstrip("，,：: "), members


# ... or naming them the stages of a whole after the list: "对应用的封装、分发、部署、运行生命周期进行管理".
_STAGES_AFTER = re.compile(
    r"(?P<list>[\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,4}){2,4})(?:等)?(?:的)?(?:整个|全)?(?P<whole>生命周期|各个阶段|几个阶段|流程)"
)
_LEAD_WORDS = re.compile(r"^(?:即|也就是|也就是说|通过|从而)+")


def _stages_named_after(view: NotesView) -> Iterator[tuple[Passage, str, list[str]]]:
    """(passage, lead, stages) for each sentence that lists stages before the word for their whole;
    the lead is the sentence around the list ("对应用的……生命周期进行管理")."""
    for passage in view.corpus.passages:
        if passage.kind not in ("paragraph", "quote", "list_item"):
            continue
        for sentence in sentences(passage.text):
            plain = strip_asides(sentence)  # "封装（packaging）、分发（distribution）…": the glosses aside
            for match in _STAGES_AFTER.finditer(plain):
                members = match.group("list").split("、")
                before, _, first = members[0].rpartition("的")  # "应用的封装": the list opens after 的
                if len(first) < 2:
                    continue
                members[0] = first
                members[-1] = members[-1].removesuffix("等")  # "编译、测试、打包等流程"
                start = match.start() + len(before) + (1 if before else 0)
                clause = re.split(r"[，,；;：:]", plain[:start])[-1]
                lead = _LEAD_WORDS.sub("", clause) + "……" + plain[match.start("whole") :].split("，")[0]
                yield passage, lead.rstrip("。；; "), members


def step_drafts(view: NotesView) -> Iterator[Draft]:
    for passage, lead, stages in _stage_lists(view):
        if len(lead) <= 40:
            draft = order_draft([passage], stages, lead, texts.QUIZ_ORDER_STAGES)
            yield dataclasses.replace(draft, why=quoted(passage, stages[0], stages[-1]))
    for passage, lead, stages in _stages_named_after(view):
        if len(lead) <= 40 and len(set(stages)) == len(stages):
            draft = order_draft([passage], stages, lead, texts.QUIZ_ORDER_AROUND)
            yield dataclasses.replace(draft, why=quoted(passage, stages[0], stages[-1]))
    for run in _runs(view):
        steps = [_step(p) for p in run[:_MOST_STEPS]]
        if any(_CONDITION_START.match(s) for s in steps):
            continue  # "若资源已变化": one branch of two
        conditions = [k for k, s in enumerate(steps) if _CONDITION.search(s)]
        if len(conditions) > 1:
            continue  # "本地缓存过期时", "资源已变化时": cases, each one branch
        if conditions:  # one step that goes on only when the one before did not settle it
            steps[conditions[0]] = _step(run[conditions[0]], after_condition=True)
        if any(len(s) < 2 or len(s) > _STEP_CHARS or _CONDITION.search(s) or _FRAGMENT.match(s) for s in steps):
            continue  # ("但没有交互式终端": the second half of a step, its order read off the "but")
        keys = [normalize(s) for s in steps]
        if len(set(keys)) < len(keys) or any(a != b and a in b for a in keys for b in keys):
            continue
        if not _sequence(run):
            continue
        doing = [m.group(0) if m else "" for m in map(_DOING.match, steps)]
        if any(a and a == b for a, b in zip(doing, doing[1:])):
            continue  # "创建 RBAC 规则", "创建 namespace"; "挂载卷到 /source", "挂载目录到 /backup": in either order
        context = run[0].context.strip()
        # A lead-in that says what the steps do ("构建镜像的步骤如下：") introduces them; a bare
        # label ("流程") or a remark does not.
        lead = context.rstrip("：:。 ") if context.endswith(("：", ":")) and 6 <= len(context) <= 41 else ""
        yield order_draft(run, steps, lead, texts.QUIZ_ORDER if lead else texts.QUIZ_ORDER_PLAIN)


_NEAR_SWAPS = 2  # swaps of neighbouring steps at most that make a near miss


def _swaps(order: tuple[int, ...]) -> int:
    """How many swaps of neighbouring steps turn the order into the right one (its inversions)."""
    return sum(1 for a, b in itertools.combinations(order, 2) if a > b)


def order_draft(run: list[Passage], steps: list[str], lead: str, template: str) -> Draft:
    """Steps shown in a shuffled order (never the right one), lettered; the right order of the
    letters as the answer, other orders as the wrong ones, near misses first."""
    digest = hashlib.sha256("\0".join(steps).encode("utf-8")).hexdigest()
    rng = random.Random(digest)
    shown = list(range(len(steps)))
    while shown == sorted(shown):
        rng.shuffle(shown)
    letter = {index: _LETTERS[place] for place, index in enumerate(shown)}
    listed = "".join(fill(texts.QUIZ_ORDER_STEP, letter=_LETTERS[place], step=steps[index]) for place, index in enumerate(shown))
    answer = _ARROW.join(letter[i] for i in range(len(steps)))
    wrong = [order for order in itertools.permutations(range(len(steps))) if list(order) != list(range(len(steps)))]
    # Near misses first, a step or two out of place, those opening with the right first step first:
    # wrong orders opening alike with another step leave the right one the odd one out.
    near = [order for order in wrong if _swaps(order) <= _NEAR_SWAPS]
    tiers = tuple(
        tuple(_ARROW.join(letter[i] for i in order) for order in group)
        for group in ([o for o in near if o[0] == 0], [o for o in near if o[0] != 0], [o for o in wrong if o not in near])
    )
    why = texts.QUIZ_ORDER_WHY_SEPARATOR.join(fill(texts.QUIZ_ORDER_WHY_STEP, number=n, step=s) for n, s in enumerate(steps, 1))
    return Draft(
        kind="order",
        question=fill(template, lead=lead, steps=listed),
        answer=answer,
        tiers=tiers,
        why=why,
        passage=run[0],
        min_options=4,
        extra_key="\0".join(steps),
        anchor=run[0].text,
    )
