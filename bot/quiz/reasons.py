"""Why: a sentence that gives the reason for what it says ("由于A，B", "A，因此B", "B，因为A") asks
why B, the reason A right, the reasons the notes give for other things as wrong answers."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.headings import leans
from bot.quiz.item import Draft, _pairs, quoted
from bot.quiz.outline import clean_title, topic_of
from bot.quiz.text import CJK, fill, normalize
from bot.quiz.view import NotesView

__all__ = ["reason_drafts"]

# (pattern, which group is the reason): the reason and the effect within one sentence.
_CAUSAL = (
    (re.compile(r"^(?:正是)?由于(?P<reason>[^，,。；;]{4,40})[，,](?P<effect>[^。；;]{6,60})[。；;]?$"), "reason"),
    (re.compile(r"^因为(?P<reason>[^，,。；;]{4,40})[，,]\s*所以(?P<effect>[^。；;]{6,60})[。；;]?$"), "reason"),
    (re.compile(r"^(?P<reason>[^。；;]{6,40})[，,]\s*(?:因此|所以|因而|从而导致)(?P<effect>[^。；;]{6,60})[。；;]?$"), "reason"),
    (re.compile(r"^(?:之所以)?(?P<effect>[^。；;]{6,60})[，,]\s*(?:是)?因为(?P<reason>[^，,。；;]{4,40})[。；;]?$"), "reason"),
)
_EFFECT_LEAD = re.compile(r"^(?:则|就|也|才|便|会)")
_VAGUE = re.compile(r"^(?:种种|各种|某些|一些|这些|这个|这样|上述|以上)|原因$")
# An effect that is a condition ("若无特殊需求"), or a part that is no clause of prose.
_CONDITION = re.compile(r"^(?:若|如果|假如|假设|除非|只要|一旦|当|在)")
_NOT_PROSE = re.compile(r"[\U0001F000-\U0001FFFF\u2600-\u27BF]|^[^\w\u4e00-\u9fff]|[：:]$")
_LEAST_CJK = 8


@dataclass(frozen=True)
class _Because:
    reason: str
    effect: str
    sentence: str
    passage: Passage
    asked: bool = False  # the effect is the heading above the reason (named once, not as the topic too)


def _reasons(view: NotesView) -> list[_Because]:
    found: list[_Because] = []
    for passage in view.corpus.passages:
        if passage.kind not in ("paragraph", "quote", "list_item"):
            continue
        for sentence, _ in view.said(passage):
            if leans(sentence):
                continue  # "究其原因…", "因此在上面的例子中…": it leans on what came before
            for pattern, _ in _CAUSAL:
                match = pattern.match(sentence.strip())
                if match is None:
                    continue
                reason = match.group("reason").strip(" ，,")
                # The effect's own clause: what follows a comma says something else.
                effect = _EFFECT_LEAD.sub("", re.split(r"[，,]", match.group("effect").strip(" ，,"))[0])
                if _VAGUE.search(reason) or leans(reason) or leans(effect) or re.search(r"[：:]", reason):
                    break  # "种种原因"; "应用虚拟化：如WINE…" is a labelled item, not a reason
                if _CONDITION.match(effect) or _NOT_PROSE.search(reason) or _NOT_PROSE.search(effect):
                    break
                if len(CJK.findall(reason)) < _LEAST_CJK or len(CJK.findall(effect)) < _LEAST_CJK:
                    break
                found.append(_Because(reason, effect, sentence, passage))
                break
    return found + _problem_causes(view)


# A problem the notes answer under its own heading ("Q：容器启动后立即退出", "### 无法连接容器内
#的服务"), its cause labelled in the text under it ("原因：主进程执行完毕或无法保持运行").
_CAUSE = re.compile(r"^\s*(?:原因|根本原因|可能原因)\s*[：:]\s*(?P<reason>[^。；;：:]{4,40})[。；;]?\s*$")
_ASKED = re.compile(r"^(?:Q\d*|问题?\d*|问)\s*[：:.、]\s*", re.I)
_PROBLEM_CJK = 4


def _problem_causes(view: NotesView) -> list[_Because]:
    """The cause labelled under a problem's heading, the heading the effect it explains."""
    found: list[_Because] = []
    for node in view.outline.nodes.values():
        effect = _ASKED.sub("", clean_title(node.title), count=1).rstrip("？?。 ")
        if effect == clean_title(node.title) and not node.title.lstrip().upper().startswith("Q"):
            continue  # only a heading that asks ("Q：…", "问题：…") names a problem
        if not 6 <= len(effect) <= 40 or _CONDITION.match(effect) or len(CJK.findall(effect)) < _PROBLEM_CJK:
            continue
        for passage in node.passages:
            if passage.kind not in ("paragraph", "list_item"):
                continue
            match = _CAUSE.match(passage.text)
            if match is None:
                continue
            reason = match.group("reason").strip(" ，,")
            if len(CJK.findall(reason)) >= _PROBLEM_CJK and not _VAGUE.search(reason) and not leans(reason):
                found.append(_Because(reason, effect, passage.text.strip(), passage, asked=True))
            break
    return found


_SAID_ALIKE = 3  # word pairs in common with the reason that make another reason say it again


def _folder(entry: _Because) -> str:
    return posixpath.dirname(entry.passage.file)


def reason_drafts(view: NotesView) -> Iterator[Draft]:
    """The reasons of the same file first, then those of its folder's other files, as wrong
    answers (never one that names the effect's words)."""
    every = _reasons(view)
    for entry in every:
        effect = normalize(entry.effect)
        # (nor one saying much the reason says: "实例随时可能关闭和启动" beside "随时有大量同样的
        # 应用实例在运行、启动和关闭" is the same reason twice, both right)
        mine = _pairs(entry.reason)
        others = [
            o for o in every
            if o is not entry and normalize(o.reason) not in effect and len(_pairs(o.reason) & mine) < _SAID_ALIKE
        ]
        yield Draft(
            kind="why",
            question=fill(texts.QUIZ_WHY, effect=entry.effect.rstrip("。；;")),
            answer=entry.reason,
            # Reasons the same page gives, then its folder's pages: a reason from notes on another
            # subject ("Pod IP" beside tmpfs) is ruled out by its words, no reason to weigh.
            tiers=(
                tuple(o.reason for o in others if o.passage.file == entry.passage.file),
                tuple(o.reason for o in others if o.passage.file != entry.passage.file and _folder(o) == _folder(entry)),
            ),
            why=quoted(entry.passage, entry.sentence[:20]),
            passage=entry.passage,
            anchor=entry.sentence,
            topic=topic_of(entry.passage.section[:-1], (entry.reason,)) if entry.asked else None,
        )
