"""`notesbot ask`: answer one question from the notes, or a JSON-lines stream of them (--jsonl)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import texts

if TYPE_CHECKING:  # pragma: no cover
    from bot.library import Library
    from bot.notes.corpus import Section
    from bot.search.answer import Answer, Hit, NotFound



def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot ask`."""
    parser.add_argument("question", nargs="*", help="the question (words are joined by spaces)")
    parser.add_argument("--jsonl", action="store_true", help='read {"id", "question"} lines on stdin')
    add_corpus_arguments(parser)


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    """--corpus and --cache-dir, shared by ask, eval and bench."""
    parser.add_argument("--corpus", type=Path, default=None, help="notes folder (default: NOTES_DIR)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="index cache (default: DATA_DIR/cache)")


def open_library(args: argparse.Namespace) -> "Library | None":
    """The library for --corpus (or NOTES_DIR); prints the problem and returns None when unreadable."""
    from bot.library import NotesError, load_library
    from bot.paths import notes_and_cache

    notes, cache = notes_and_cache(args.corpus)
    cache = args.cache_dir if args.cache_dir is not None else cache
    try:
        return load_library(notes, cache)
    except NotesError as error:
        print(texts.ASK_CLI_NOTES_ERROR.format(error=error), file=sys.stderr)
        return None


def hit_json(hit: "Hit") -> dict[str, Any]:
    """A hit as the --jsonl contract has it: text, section, source, score."""
    passage = hit.passage
    return {
        "text": passage.text,
        "section": texts.section_label(passage.section),
        "source": f"{passage.file}:{passage.line}",
        "score": round(hit.score, 4),
    }


def result_json(question: str, result: "Answer | NotFound | None") -> dict[str, Any]:
    """The answer and related passages of one question (answer None on a refusal)."""
    from bot.search.answer import Answer

    if isinstance(result, Answer):
        return {"answer": hit_json(result.best), "related": [hit_json(h) for h in result.related]}
    return {"answer": None, "related": []}


def print_result(result: "Answer | NotFound", out: TextIO) -> None:
    """The answer as a person reads it, or the honest refusal with suggestions."""
    from bot.search.answer import Answer

    if isinstance(result, Answer):
        passage = result.best.passage
        print(f"【{texts.section_label(passage.section)}】", file=out)
        if passage.context and passage.context != passage.text:
            print(texts.ASK_CLI_CONTEXT.format(context=passage.context), file=out)
        print(passage.text, file=out)
        print(f"{texts.source_line(passage.file, passage.line)}  "
              f"{texts.ASK_CLI_CONFIDENCE.format(score=result.best.score)}", file=out)
        if result.related:
            print(f"\n{texts.ASK_CLI_RELATED}", file=out)
            for number, hit in enumerate(result.related, 1):
                text = " ".join(hit.passage.text.split())  # a table or list on one line
                text = text if len(text) <= 80 else text[:79] + "…"
                print(f"{number}. 【{texts.section_label(hit.passage.section)}】{text}", file=out)
                print(f"   {texts.source_line(hit.passage.file, hit.passage.line)}", file=out)
        return
    print(texts.NOT_FOUND, file=out)
    if result.unwritten:
        print(texts.NOT_FOUND_UNWRITTEN, file=out)
        for section in result.unwritten:
            print(f"• {_unwritten_label(section)}", file=out)
    if result.suggestions:
        print(texts.NOT_FOUND_SUGGESTIONS, file=out)
        for section in result.suggestions:
            print(f"• {texts.section_label(section.path)}（{section.file}:{section.line}）", file=out)


def _unwritten_label(section: "Section") -> str:
    return texts.unwritten_chapter(section.path[-1])


def _answer_stream(library: "Library", source: TextIO, out: TextIO) -> int:
    from bot.search.answer import answer_question

    status = 0
    for number, line in enumerate(source, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not a JSON object")
        except ValueError as error:
            print(texts.ASK_CLI_BAD_JSON.format(line=number, error=error), file=sys.stderr)
            status = 1
            continue
        question = item.get("question")
        question = question if isinstance(question, str) else ""
        started = time.perf_counter()
        result = answer_question(library.index, question) if question.strip() else None
        elapsed = (time.perf_counter() - started) * 1000
        record = {"id": item.get("id"), "question": question, **result_json(question, result)}
        record["ms"] = round(elapsed, 3)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return status


def main(args: argparse.Namespace) -> int:
    """Answer the question (or the --jsonl stream) and print the result."""
    question = " ".join(args.question).strip()
    if not args.jsonl and not question:
        print(texts.ASK_CLI_EMPTY, file=sys.stderr)
        return 2
    library = open_library(args)
    if library is None:
        return 2
    if args.jsonl:
        return _answer_stream(library, sys.stdin, sys.stdout)
    from bot.search.answer import answer_question

    print_result(answer_question(library.index, question), sys.stdout)
    return 0
