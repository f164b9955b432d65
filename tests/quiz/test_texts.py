"""The quiz core builds no Chinese text of its own: templates and separators come from bot/texts.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot import texts
from bot.quiz import build_quiz_items
from tests.quiz.fixtures import corpus

CORE = Path(__file__).resolve().parents[2] / "bot" / "notes" / "quiz"
# Chinese characters, CJK and full-width punctuation, curly quotes, ellipsis and the › separator.
_CHINESE = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2026\u203a]")


def _builders(tree: ast.AST) -> list[tuple[int, str]]:
    """Chinese string constants that go into built text: pieces of an f-string or a "+", the
    separator of a join, or the replacement of a str.replace. Reading the notes (a regex, an ``in``
    test, strip characters) is fine and not reported."""
    found: list[tuple[int, str]] = []
    reading: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
        ):
            reading |= {id(n) for n in ast.walk(node)}
    for node in ast.walk(tree):
        if id(node) in reading:
            continue
        pieces: list[ast.AST] = []
        if isinstance(node, ast.JoinedStr):
            pieces = list(node.values)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            pieces = [node.left, node.right]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("join", "format"):
                pieces = [node.func.value]
            elif node.func.attr == "replace" and len(node.args) == 2:
                pieces = [node.args[1]]
        for piece in pieces:
            if isinstance(piece, ast.Constant) and isinstance(piece.value, str) and _CHINESE.search(piece.value):
                found.append((piece.lineno, piece.value))
    return found


def test_the_quiz_core_builds_no_chinese_text_itself() -> None:
    found = {
        f"{path.name}:{line} {value!r}"
        for path in sorted(CORE.glob("*.py"))
        for line, value in _builders(ast.parse(path.read_text(encoding="utf-8")))
    }
    assert not found


def test_the_checker_catches_a_glued_sentence_end() -> None:
    tree = ast.parse('why = tidy(s) + "。"\nlabel = " › ".join(p)\nx = f"{a}：例如"\nok = "。" in s\n')
    assert [line for line, _ in _builders(tree)] == [1, 2, 3]


def test_section_citations_and_explanations_come_from_the_templates() -> None:
    items = build_quiz_items(corpus())
    assert items
    for item in items:
        cited = texts.QUIZ_CITE.format(section=texts.section_label(item.source.section))
        assert item.explanation.endswith(cited)
    # An example's kind is explained by the notes' own line, not a list put together from several.
    own = "先来先服务调度：…调度程序无需预知运行时间，例如Batch Monitor、Spool Runner。"
    assert any(i.explanation.startswith(own) for i in items if i.kind in ("category_of", "example_of"))
