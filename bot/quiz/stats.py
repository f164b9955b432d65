"""Figures about a set of quiz items: kinds, what they come from, which files give items, and how
well answering by shape does (``notesbot quiz --stats``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.notes.corpus import Corpus
from bot.quiz.item import QuizItem
from bot.quiz.headings import statement_ok
from bot.quiz.passages import passages_of, source_text
from bot.quiz.shape import ShapeRate, strategy_rates
from bot.quiz.text import sentences, unjoin

__all__ = ["CONTENT_CHARS", "QuizStats", "quiz_stats", "source_group"]

# A file has real content when what the gates leave of it holds this many characters of text
# (code not counted): a file of links, a recap or a page about the book has none. Stricter: when
# it holds this many statements that stand alone, or table rows (a walkthrough of commands and
# "then run this:" lead-ins holds none).
CONTENT_CHARS = 200
CONTENT_STATEMENTS = 3

_GROUPS = {"paragraph": "paragraph", "quote": "paragraph", "list_item": "list", "table_row": "table"}


def source_group(kind: str) -> str:
    """What an item comes from, by its passage's kind: paragraph (quotes included), list, table."""
    return _GROUPS.get(kind, "other")


@dataclass(frozen=True)
class QuizStats:
    items: int
    kinds: dict[str, int]
    sources: dict[str, int]  # paragraph, list, table, other
    files_with_content: int
    files_asked: int  # of the files with content, those with an item
    shape: tuple[ShapeRate, ...]
    files_with_statements: int = 0
    files_with_statements_asked: int = 0

    def share(self, source: str) -> float:
        return self.sources.get(source, 0) / self.items if self.items else 0.0

    @property
    def file_share(self) -> float:
        return self.files_asked / self.files_with_content if self.files_with_content else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "items": self.items,
            "kinds": self.kinds,
            "sources": self.sources,
            "source_shares": {k: round(self.share(k), 3) for k in self.sources},
            "files_with_content": self.files_with_content,
            "files_with_items": self.files_asked,
            "file_share": round(self.file_share, 3),
            "files_with_statements": self.files_with_statements,
            "files_with_statements_with_items": self.files_with_statements_asked,
            "statement_file_share": round(self.files_with_statements_asked / self.files_with_statements, 3)
            if self.files_with_statements
            else 0.0,
            "shape": {
                r.strategy: {"rate": round(r.rate, 3), "chance": round(r.chance, 3), "edge": round(r.edge, 3)}
                for r in self.shape
            },
        }


def quiz_stats(corpus: Corpus, askable: Corpus, items: Sequence[QuizItem]) -> QuizStats:
    """Figures for items made from ``corpus``; ``askable`` is the corpus as the gates leave it
    (see build.askable_notes), which says which files have real content."""
    homes = passages_of(corpus, items)
    sources = Counter(source_group(home.kind) if home is not None else "other" for home in homes)
    size: Counter[str] = Counter()
    said: Counter[str] = Counter()
    for passage in askable.passages:
        if source_text(passage):
            size[passage.file] += len(passage.text)
            if passage.kind == "table_row":
                said[passage.file] += 1
            else:
                said[passage.file] += sum(1 for s in sentences(unjoin(passage.text)) if statement_ok(s))
    content = {file for file, chars in size.items() if chars >= CONTENT_CHARS}
    stated = {file for file, count in said.items() if count >= CONTENT_STATEMENTS}
    files = {item.source.file for item in items}
    asked = files & content
    return QuizStats(
        items=len(items),
        kinds=dict(Counter(item.kind for item in items).most_common()),
        sources=dict(sources.most_common()),
        files_with_content=len(content),
        files_asked=len(asked),
        shape=tuple(strategy_rates([(i.question, i.options, i.correct) for i in items])),
        files_with_statements=len(stated),
        files_with_statements_asked=len(files & stated),
    )
