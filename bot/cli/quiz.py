"""`notesbot quiz`: a quiz in the terminal, the notes' flashcards (`--cards`), every quiz item and
flashcard as JSON lines (`--export`), figures about the items (`--stats`), or N random items with
their source for a person to judge (`--review N`)."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

from fsrs import Rating

from bot import texts
from bot.cli.chat import TERMINAL_USER_ID
from bot.cli.console_quiz import run_flashcards, run_quiz
from bot.config import load_settings
from bot.notes.cards import Card, CardProblem, parse_cards
from bot.notes.corpus import parse_notes
from bot.notes.folder import NotesError, read_notes
from bot.quiz import QuizItem, build_quiz_items, build_recall_cards, coverage
from bot.quiz.apart import pick
from bot.quiz.build import askable_notes
from bot.quiz.stats import quiz_stats
from bot.store import Store, StoreError
from bot.study.flashcards import due_cards, rate_card, review_cards
from bot.study.flow import learner_key
from bot.study.review import card_due

__all__ = ["add_arguments", "card_record", "item_record", "main", "pick", "review_text"]

DEFAULT_COUNT = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--export", action="store_true", help="print every quiz item and flashcard as one JSON object a line")
    parser.add_argument("--stats", action="store_true", help="figures about the items as JSON: kinds, sources, files, answering by shape")
    parser.add_argument("--review", type=int, metavar="N", default=None, help="N random items (with --cards: flashcards written or made) with their source and the notes around it, keys at the end")
    parser.add_argument("--cards", action="store_true", help="review the due flashcards (kept in DATA_DIR)")
    parser.add_argument("--corpus", type=Path, default=None, help="notes folder (default: NOTES_DIR or corpus/)")
    parser.add_argument("-n", type=int, default=DEFAULT_COUNT, help=f"questions to ask (default {DEFAULT_COUNT})")
    parser.add_argument("--seed", type=int, default=None, help="fixed choice of questions (default: a new one each time)")


def card_record(card: Card) -> dict[str, object]:
    """A flashcard as the export writes it: beside the items, kind "card"."""
    return {
        "id": card.id,
        "kind": "card",
        "form": card.form,
        "question": card.front,
        "answer": card.back,
        "source": {"file": card.file, "line": card.line, "section": list(card.context)},
    }


def problem_line(problem: CardProblem) -> str:
    return texts.CARD_PROBLEM_LINE.format(file=problem.file, line=problem.line, problem=texts.CARD_PROBLEMS[problem.problem])


_AROUND = 2  # lines of the notes shown above and below an item's source line


def review_text(items: Sequence[QuizItem], files: dict[str, str], asked: int | None = None) -> str:
    """Items for a person to judge blind: each question and its options first, then the keys with
    each item's source line and the notes' lines around it (and a word when the notes have fewer
    than ``asked``)."""
    parts = [texts.QUIZ_REVIEW_HEAD.format(count=len(items)) + _fewer(len(items), asked)]
    for number, item in enumerate(items, 1):
        parts.append(texts.QUIZ_REVIEW_ITEM.format(number=number, kind=texts.QUIZ_KIND_NAMES.get(item.kind, item.kind)))
        parts.append(item.question)
        parts.extend(f"  {chr(ord('A') + index)}. {option}" for index, option in enumerate(item.options))
        parts.append("")
    parts.append(texts.QUIZ_REVIEW_KEYS)
    for number, item in enumerate(items, 1):
        parts.append(
            texts.QUIZ_REVIEW_KEY.format(
                number=number, letter=chr(ord("A") + item.correct), answer=item.options[item.correct], id=item.id
            )
        )
        parts.append(item.explanation)
        parts.extend(_around(files, item.source.file, item.source.line))
    return "\n".join(parts)


def cards_review_text(cards: Sequence[Card], files: dict[str, str], asked: int | None = None) -> str:
    """Flashcards for a person to judge blind: each front under its heading path first, then the
    backs with each card's source line and the notes' lines around it."""
    parts = [texts.CARDS_REVIEW_HEAD.format(count=len(cards)) + _fewer(len(cards), asked)]
    for number, card in enumerate(cards, 1):
        parts.append(texts.QUIZ_REVIEW_ITEM.format(number=number, kind=texts.section_label(card.context)))
        parts.extend((card.front, ""))
    parts.append(texts.QUIZ_REVIEW_KEYS)
    for number, card in enumerate(cards, 1):
        parts.append(texts.CARDS_REVIEW_KEY.format(number=number, back=card.back, form=card.form, id=card.id))
        parts.extend(_around(files, card.file, card.line))
    return "\n".join(parts)


def _fewer(count: int, asked: int | None) -> str:
    return texts.REVIEW_FEWER.format(asked=asked) if asked is not None and count < asked else ""


def _around(files: dict[str, str], file: str, line: int) -> list[str]:
    """The source line and the notes' lines around it, the source marked ▶."""
    lines = files.get(file, "").splitlines()
    shown = [texts.source_line(file, line)]
    for at in range(max(1, line - _AROUND), min(len(lines), line + _AROUND) + 1):
        shown.append(f"  {'▶' if at == line else ' '}{at:>5} | {lines[at - 1]}")
    return shown + [""]


def _notes_dir(args: argparse.Namespace) -> Path:
    if args.corpus is not None:
        return Path(args.corpus)
    try:
        return Path(load_settings().notes_dir)
    except Exception:  # settings are optional here: a quiz needs only the notes
        return Path("corpus")


def item_record(item: QuizItem) -> dict[str, object]:
    """An item as the export writes it: the issue's fields, source as {file, line, section}."""
    record = asdict(item)
    record["options"] = list(item.options)
    record["source"]["section"] = list(item.source.section)
    return record


def main(args: argparse.Namespace) -> int:
    try:
        files = read_notes(_notes_dir(args))
    except NotesError as error:
        print(error, file=sys.stderr)
        return 2
    corpus = parse_notes(files)
    items = build_quiz_items(corpus, seed=args.seed or 0, files=files)
    # The cards made from statements, for what lists or reviews cards (an interactive quiz does not).
    made = build_recall_cards(corpus, items, files) if args.cards or args.export or args.stats else ()
    if args.cards and args.review is not None:
        cards = list(parse_cards(files)[0] + made)
        random.Random(args.seed).shuffle(cards)
        print(cards_review_text(cards[: max(args.review, 0)], files, args.review))
        return 0
    if args.cards:
        return _review_cards(args, files, made, items)
    if args.export:
        cards, problems = parse_cards(files)
        for item in items:
            sys.stdout.write(json.dumps(item_record(item), ensure_ascii=False) + "\n")
        for card in cards + made:
            sys.stdout.write(json.dumps(card_record(card), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        for problem in problems:
            print(problem_line(problem), file=sys.stderr)
        asked, content = coverage(corpus, items)
        print(texts.QUIZ_EXPORTED.format(count=len(items), asked=asked, content=content), file=sys.stderr)
        if cards:
            print(texts.CARDS_EXPORTED.format(count=len(cards)), file=sys.stderr)
        if made:
            print(texts.RECALL_CARDS_EXPORTED.format(count=len(made)), file=sys.stderr)
        return 0
    if args.stats:
        figures = quiz_stats(corpus, askable_notes(corpus, files), items).as_dict()
        figures["cards"] = len(parse_cards(files)[0])
        figures["recall_cards"] = len(made)
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    if args.review is not None:
        # Drawn as a quiz draws them (see pick): what a learner would be asked together.
        print(review_text(pick(items, max(args.review, 0), args.seed, corpus), files, args.review))
        return 0

    def write(text: str) -> None:
        print(text, flush=True)

    run_quiz(pick(items, args.n, args.seed, corpus), iter(sys.stdin), write)
    return 0


def _review_cards(args: argparse.Namespace, files: dict[str, str], made: Sequence[Card], items: Sequence[QuizItem]) -> int:
    """Review due flashcards in the terminal (the cards /review goes through), their states kept in
    the store under DATA_DIR (for the person at the terminal, as in `notesbot chat`)."""
    written, problems = parse_cards(files)
    cards = review_cards(written + tuple(made), items)
    for problem in problems:
        print(problem_line(problem), file=sys.stderr)
    try:
        store = Store.open(load_settings().data_dir)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 3
    key = learner_key(TERMINAL_USER_ID)
    with store:
        chosen = due_cards(cards, store.get_cards(key), datetime.now(timezone.utc), args.n, key, args.seed or 0)

        def record(card: Card, rating: Rating) -> None:
            when = datetime.now(timezone.utc)
            state = rate_card(store.get_cards(key).get(card.id), rating, when)
            store.put_card(key, card.id, state, card_due(state), when)

        run_flashcards(chosen, iter(sys.stdin), lambda text: print(text, flush=True), record)
    return 0


if __name__ == "__main__":  # `python -m bot.cli.quiz …`: the same command without the full CLI
    _parser = argparse.ArgumentParser(prog="notesbot quiz")
    add_arguments(_parser)
    try:
        raise SystemExit(main(_parser.parse_args()))
    except BrokenPipeError:  # `… --export | head`
        sys.stderr.close()
        raise SystemExit(0) from None
