"""`notesbot quiz`: a quiz in the terminal, or every quiz item as JSON lines (`--export`)."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bot import texts
from bot.cli.console_quiz import run_quiz
from bot.notes.corpus import Corpus, parse_notes
from bot.notes.folder import NotesError, read_notes
from bot.quiz import QuizItem, build_quiz_items, coverage, passages_of
from bot.quiz.apart import common_cues, fits

__all__ = ["add_arguments", "item_record", "main", "pick"]

DEFAULT_COUNT = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--export", action="store_true", help="print every quiz item as one JSON object a line")
    parser.add_argument("--corpus", type=Path, default=None, help="notes folder (default: NOTES_DIR or corpus/)")
    parser.add_argument("-n", type=int, default=DEFAULT_COUNT, help=f"questions to ask (default {DEFAULT_COUNT})")
    parser.add_argument("--seed", type=int, default=None, help="fixed choice of questions (default: a new one each time)")


def _notes_dir(args: argparse.Namespace) -> Path:
    if args.corpus is not None:
        return Path(args.corpus)
    try:
        from bot.config import load_settings

        return Path(load_settings().notes_dir)
    except Exception:  # settings are optional here: a quiz needs only the notes
        return Path("corpus")


def item_record(item: QuizItem) -> dict[str, object]:
    """An item as the export writes it: the issue's fields, source as {file, line, section}."""
    record = asdict(item)
    record["options"] = list(item.options)
    record["source"]["section"] = list(item.source.section)
    return record


def pick(items: Sequence[QuizItem], n: int, seed: int | None, corpus: Corpus) -> list[QuizItem]:
    """n items at random (a fixed draw for a given seed), at most one per passage of the notes
    while there are enough, so one quiz does not ask about the same lines twice (items of one
    passage may stand on different lines of it), and none that another one gives away."""
    rng = random.Random(seed) if seed is not None else random.Random()
    homes = dict(zip(map(id, items), passages_of(corpus, items)))
    pool = list(items)
    rng.shuffle(pool)
    chosen: list[QuizItem] = []
    sources: set[tuple[str, tuple[str, ...], int]] = set()
    common = common_cues(pool)
    for item in pool:
        home = homes[id(item)]
        key = (item.source.file, item.source.section, home.id if home is not None else -item.source.line)
        if key not in sources and len(chosen) < n and fits(item, chosen, common):
            chosen.append(item)
            sources.add(key)
    chosen += [item for item in pool if item not in chosen]
    return chosen[: max(n, 0)]


def main(args: argparse.Namespace) -> int:
    try:
        files = read_notes(_notes_dir(args))
    except NotesError as error:
        print(error, file=sys.stderr)
        return 2
    corpus = parse_notes(files)
    items = build_quiz_items(corpus, seed=args.seed or 0, files=files)
    if args.export:
        for item in items:
            sys.stdout.write(json.dumps(item_record(item), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        asked, content = coverage(corpus, items)
        print(texts.QUIZ_EXPORTED.format(count=len(items), asked=asked, content=content), file=sys.stderr)
        return 0

    def write(text: str) -> None:
        print(text, flush=True)

    run_quiz(pick(items, args.n, args.seed, corpus), iter(sys.stdin), write)
    return 0


if __name__ == "__main__":  # `python -m bot.cli.quiz …`: the same command without the full CLI
    _parser = argparse.ArgumentParser(prog="notesbot quiz")
    add_arguments(_parser)
    try:
        raise SystemExit(main(_parser.parse_args()))
    except BrokenPipeError:  # `… --export | head`
        sys.stderr.close()
        raise SystemExit(0) from None
