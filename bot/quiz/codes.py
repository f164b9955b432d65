"""Which name of a kind: a sentence naming inline code with its kind ("执行 `SAVE` 命令时，…"),
the name left out; the other names of that kind the notes set in code as wrong answers.

Notes on a tool name its commands, flags, fields and headers in code and say which kind each is;
the names of one kind are each other's fair wrong answers (`SAVE` 命令 beside `BGSAVE` 命令), more
so in the same file. A name the sentence itself gives, a tutorial's example ("例如 `amd64`") and a
tag or version (`mongo:3.6`) are never asked or offered.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bot import texts
from bot.notes.corpus import Corpus, Passage
from bot.quiz.headings import standalone
from bot.quiz.item import Draft, quoted
from bot.quiz.memo import per_corpus
from bot.quiz.passages import source_text
from bot.quiz.text import CJK, fill
from bot.quiz.view import NotesView

__all__ = ["ASIDE_BEFORE", "EXAMPLE_BEFORE", "code_drafts", "code_names"]

_KINDS = ("paragraph", "quote", "list_item")
# The kind said right after the name ("`-a` 参数", "`Expires` 头") or before it ("命令 `SAVE`").
_KIND_AFTER = re.compile(
    r"\s*(?P<kind>参数|选项|标志|响应头|请求头|头|字段|指令|子命令|命令|环境变量|变量|标签|插件|驱动|模式|类型|特性开关|特性|开关|"
    r"配置项|配置|注解|策略|文件|目录|接口|方法|函数|属性|事件|信号|端口|协议|格式|状态)"
)
_KIND_BEFORE = re.compile(
    r"(?P<kind>参数|选项|字段|指令|命令|环境变量|变量|配置项|文件|目录|接口|方法|函数|属性|端口)(?:名|名称)?\s*(?:是|为|叫)?\s*$"
)
# A kind word that begins a longer noun names another kind ("`nginx` 配置文件", "`ls` 命令行",
# "`root` 文件系统").
_LONGER_NOUN = re.compile(r"文件|行|项|系统|夹|值")
# The look of a name, which its wrong answers share ("-d" beside "--rm", SAVE beside BGSAVE,
# spec.hostPID beside spec.hostname): a name of another look is no rival.
_LOOKS = (
    ("flag", re.compile(r"--?[A-Za-z][\w\-]*")),
    ("path", re.compile(r"[A-Za-z][\w\-]*(?:[./:][\w\-]+)+")),
    ("upper", re.compile(r"[A-Z][A-Z0-9_]*")),
    ("camel", re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+")),
    ("lower", re.compile(r"[a-z][a-z0-9_\-]*")),
)
ASIDE_BEFORE = re.compile(r"[（(][^（）()]*$")  # an open bracket before a name: it stands in an aside
_CODE_SPAN = re.compile(r"`([^`\n]{2,40})`")
_IDENTIFIER = re.compile(r"[A-Za-z\-][\w.\-/:]*[A-Za-z0-9]")
# What stands before one example of many ("例如 `amd64`").
EXAMPLE_BEFORE = re.compile(r"(?:例如|比如|譬如|如|像|e\.g\.|such as)[：:]?\s*$")
_PROGRAM_KINDS = frozenset({"命令"})
_REST_CJK = 8  # Chinese characters the sentence says besides the name: what it is asked by
_PER_FILE = 3  # items of one kind of name from one file, at most: a tutorial names dozens of flags


def code_names(raw: str, sentence: str) -> Iterator[tuple[str, str]]:
    """(name, kind) for each name the sentence's Markdown line sets as inline code and says the
    kind of, not opening the sentence: a name without its kind said could be any word of a command
    line or a tutorial's own example."""
    for match in _CODE_SPAN.finditer(raw):
        name = match.group(1).strip()
        alone = re.search(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", sentence)  # not SAVE inside BGSAVE
        at = alone.start() if alone else -1
        if not _IDENTIFIER.fullmatch(name) or at <= 0 or re.search(r"\d", name) or EXAMPLE_BEFORE.search(sentence[:at]):
            continue  # (not "例如 `amd64`": one example of many; not `mongo:3.6`, a tag or version)
        kind = _KIND_AFTER.match(sentence, at + len(name)) or _KIND_BEFORE.search(sentence[:at])
        if kind and not _LONGER_NOUN.match(sentence, kind.end()):
            yield name, kind.group("kind")


@dataclass(frozen=True)
class _Named:
    name: str
    kind: str
    sentence: str
    passage: Passage
    alone: bool  # the sentence stands alone: it can be asked (any can offer its name as a wrong one)


def _named(view: NotesView) -> list[_Named]:
    found: list[_Named] = []
    for passage in view.corpus.passages:
        if passage.kind not in _KINDS or not source_text(passage):
            continue
        for sentence, _ in view.said(passage):
            alone = standalone(sentence)
            shown = alone or sentence
            raw = view.sentence_line(passage, shown)
            found.extend(_Named(name, kind, shown, passage, bool(alone)) for name, kind in code_names(raw, shown))
    return found


# A shell prompt or a wrapper before the program a command line runs.
_PROMPT = re.compile(r"^(?:[$#>]\s*)?(?:sudo\s+(?:-\S+\s+)*)?")
_PROGRAM = re.compile(r"[a-z][a-z0-9_.\-]*")
_FLAG = re.compile(r"(?<![\w\-])(--?[A-Za-z][\w\-]*)")


@per_corpus
def flag_programs(corpus: Corpus) -> dict[str, frozenset[str]]:
    """Flag → the commands the notes' code blocks give it to, a program and its subcommand ("-v":
    docker run; "-subj": openssl req): a flag of another command is no fair wrong answer for one
    of these (a line ending in a backslash goes on in the next)."""
    found: dict[str, set[str]] = {}
    for passage in corpus.passages:
        if passage.kind != "code":
            continue
        program = ""
        for line in passage.text.splitlines():
            text = line.strip()
            if not program:
                words = _PROMPT.sub("", text).split()[:2]
                # the program and its subcommand ("docker run", "kubectl get"), if it has one
                program = " ".join(w for w in words if _PROGRAM.fullmatch(w)) if words and _PROGRAM.fullmatch(words[0]) else ""
            if program:
                for flag in _FLAG.findall(text):
                    found.setdefault(flag, set()).add(program)
            if not text.endswith("\\"):
                program = ""
    return {flag: frozenset(programs) for flag, programs in found.items()}


def _same_program(name: str, others: list[_Named], programs: dict[str, frozenset[str]]) -> list[_Named]:
    """Of the other flags, those the notes give to a program the flag is given to; all of them when
    the notes' code never gives the flag (nothing tells its program)."""
    own = programs.get(name)
    return [o for o in others if own & programs.get(o.name, frozenset())] if own else others


def code_drafts(view: NotesView) -> Iterator[Draft]:
    named = _named(view)
    programs = flag_programs(view.corpus)
    by_kind: dict[str, dict[str, _Named]] = {}
    for entry in named:
        by_kind.setdefault(entry.kind, {}).setdefault(entry.name, entry)
    asked: set[str] = set()  # one blank a sentence
    for entry in named:
        if not entry.alone:
            continue
        body = entry.sentence.rstrip("。；;！？!? ")
        if body in asked or body.count(entry.name) != 1 or len(CJK.findall(body)) - len(CJK.findall(entry.name)) < _REST_CJK:
            continue
        if ASIDE_BEFORE.search(body[: body.index(entry.name)]):
            continue  # "（不带 `-b` 参数）": an aside to what the sentence says, not what it says
        look = _look(entry.name)
        others = [
            o for o in by_kind[entry.kind].values()
            if o.name != entry.name and o.name.casefold() not in body.casefold() and _look(o.name) == look
        ]
        if look == "flag":
            others = _same_program(entry.name, others, programs)
        folder = posixpath.dirname(entry.passage.file)
        tiers = (
            tuple(o.name for o in others if o.passage.file == entry.passage.file),
            tuple(o.name for o in others if posixpath.dirname(o.passage.file) == folder),
            tuple(o.name for o in others),
        )
        if entry.kind in _PROGRAM_KINDS and look == "lower":
            # Programs run on a command line (apt-get, grep, kill, bash) are of no one kind across
            # the notes: only those of its own page are fair rivals (a page on a tool names its commands).
            tiers = tiers[:1]
        if len(tiers[-1]) < 2:
            continue
        asked.add(body)
        yield Draft(
            kind="code_name",
            question=fill(texts.QUIZ_FILL, text=body.replace(entry.name, texts.QUIZ_BLANK, 1)),
            answer=entry.name,
            tiers=tiers,
            why=quoted(entry.passage, body),
            passage=entry.passage,
            min_options=3,
            extra_key="code:" + entry.name,
            anchor=body,
            quota=((f"code:{entry.passage.file}:{entry.kind}", _PER_FILE),),
        )


def _look(name: str) -> str:
    """Which look a name has (see _LOOKS); "" for none of them."""
    return next((look for look, pattern in _LOOKS if pattern.fullmatch(name)), "")
