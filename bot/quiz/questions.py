"""The notes' own questions and answers: a heading that asks ("如何批量清理临时镜像文件？", "Q：…？")
and the answer under it; the answers to the questions beside it as wrong answers.

Many authors write their notes as questions they asked themselves (an FAQ, an interview list):
those are exactly what a teacher would ask.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Passage
from bot.quiz.headings import leans
from bot.quiz.item import Draft, quoted
from bot.quiz.outline import clean_title, topic_of
from bot.quiz.text import CJK, fill, normalize, sentences, unjoin
from bot.quiz.view import NotesView

__all__ = ["question_drafts"]

_ASKS = re.compile(r"^(?:Q\d*|问|问题\d*)\s*[：:.、]\s*|^\s*")
_QUESTION_END = re.compile(r"[？?]\s*$")
_ANSWER_MARK = re.compile(r"^(?:A\d*|答|回答|解答)\s*[：:.、]\s*")
_ANSWER_CHARS = 60
_QUESTION_CHARS = 80
_LEAST = 4  # characters an answer holds at least


@dataclass(frozen=True)
class _Asked:
    question: str
    answer: str
    passage: Passage  # where the answer stands
    group: tuple[str, tuple[str, ...]]  # questions beside each other: same parent heading


def _answer(passage: Passage) -> str:
    """The first sentence of an answer, without its "答：" mark, when it stands alone."""
    text = _ANSWER_MARK.sub("", unjoin(passage.text).strip())
    said = sentences(text)
    if not said:
        return ""
    first = said[0].rstrip("。；;!！ ")
    if first.endswith(("：", ":")) or len(first) > _ANSWER_CHARS or len(normalize(first)) < _LEAST:
        return ""
    if leans(first) or re.search(r"以下|如下|下面", first):
        return ""  # "两者的定位完全不同", "使用以下命令…": no answer standing alone
    if _LEADS_ON.search(first):
        return ""  # "答：可以使用" and the command below it: the answer is what follows
    return first


def _whole(passage: Passage) -> bool:
    """Whether an answer's first sentence is the whole way: a way cut after its first step
    ("停止 Docker 服务。将整个 Docker 存储文件夹复制到…") is no way; a remark after it ("如果按
    Ctrl-c…") leaves it whole."""
    said = sentences(_ANSWER_MARK.sub("", unjoin(passage.text).strip()))
    return len(said) == 1 or bool(_REMARK_AFTER.match(said[1].strip()))


# What a sentence after a way opens with when it remarks on the way, not goes on with it.
_REMARK_AFTER = re.compile(r"(?:如果|若|假如|否则|因为|由于|注意|这样|这|此|但|不过|也|另外|此外|其中|例如|比如)")


# An answer ending where what it leads into begins ("可以使用", "执行如下命令").
_LEADS_ON = re.compile(r"(?:使用|运行|执行|输入|调用|键入|参考|见|如)$")
_WAYS = ("如何", "怎么", "怎样")


# Questions of one sort have answers of one sort: "如何…" a way, "为什么…" a reason, "…是什么" a thing.
_SORT = re.compile(r"^(如何|怎么|怎样|为什么|为何|什么|哪些|哪个|何时|是否|能否|可以|有没有)")


def _sort(question: str) -> str:
    found = _SORT.search(question) or re.search(r"(是什么|有什么|有哪些|吗|么|区别|不同)[？?]$", question)
    return found.group(1) if found else ""


def _asked(view: NotesView) -> list[_Asked]:
    found: list[_Asked] = []
    for node in view.outline.nodes.values():
        title = _ASKS.sub("", clean_title(node.title), count=1)
        if not _QUESTION_END.search(title) or len(title) > _QUESTION_CHARS or not node.passages:
            continue
        first = node.passages[0]
        if first.kind not in ("paragraph", "quote"):
            continue
        answer = _answer(first)
        if answer:
            found.append(_Asked(title, answer, first, node.parent or ("", ())))
    # "Q：…？" then "A：…" in the text itself.
    passages = view.corpus.passages
    for before, after in zip(passages, passages[1:]):
        if before.kind not in ("paragraph", "list_item") or before.file != after.file:
            continue
        text = unjoin(before.text).strip()
        if not re.match(r"^(?:Q\d*|问)\s*[：:]", text) or not _QUESTION_END.search(text):
            continue
        if not _ANSWER_MARK.match(unjoin(after.text).strip()):
            continue
        answer = _answer(after)
        if answer:
            found.append(_Asked(_ASKS.sub("", text, count=1), answer, after, (before.file, before.section)))
    return found


_FRAME = 2  # characters an answer opens with that set its frame ("可以", "使用", "执行")
_FRAMED_LEAST = 2  # answers of its frame that are enough wrong answers


def question_drafts(view: NotesView) -> Iterator[Draft]:
    """The notes' question, its answer right; answers to the other questions of its heading (then
    of its file) as wrong answers, written alike (with Chinese, or Latin only)."""
    # (a way cut after its first step is neither a right answer nor a wrong one)
    every = [e for e in _asked(view) if _sort(e.question) not in _WAYS or _whole(e.passage)]
    for entry in every:
        alike = bool(CJK.search(entry.answer))
        sort = _sort(entry.question)
        others = [o for o in every if o is not entry and _sort(o.question) == sort]
        beside = tuple(o.answer for o in others if o.group == entry.group)
        same_file = tuple(o.answer for o in others if o.passage.file == entry.passage.file)
        # Answers opening as this one does ("可以使用 … 命令" beside "可以使用 … 命令"), when there
        # are enough: one of another frame ("按 Ctrl-p Ctrl-q") is ruled out by its look.
        tiers = tuple(tuple(a for a in answers if bool(CJK.search(a)) == alike) for answers in (beside, same_file))
        framed = tuple(tuple(a for a in tier if a[:_FRAME] == entry.answer[:_FRAME]) for tier in tiers)
        if len(set().union(*framed)) >= _FRAMED_LEAST:
            tiers = framed
        yield Draft(
            kind="question",
            question=fill(texts.QUIZ_QUESTION, question=entry.question),
            answer=entry.answer,
            tiers=tiers,
            why=quoted(entry.passage, entry.answer[:20]),
            passage=entry.passage,
            anchor=entry.answer,
            topic=topic_of(entry.passage.section[:-1], (entry.answer,)) if _heading_asks(entry) else None,
        )


def _heading_asks(entry: _Asked) -> bool:
    """Whether the question is the heading of the answer's section (then the topic is the one above)."""
    return bool(entry.passage.section) and _QUESTION_END.search(entry.passage.section[-1]) is not None

