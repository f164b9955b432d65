"""`notesbot chat`: a conversation in the terminal with the same replies the Telegram bot gives.

Lines come from stdin (typed or scripted: `printf '什么是容器\\n1\\n' | notesbot chat`); a number
picks one of the buttons under the last reply, like a tap in Telegram. /quiz, /review and /me run
the same study flow as Telegram (scheduler, scores, review cards, a session's summary and its
go-again choice) over the same store, for the person at the terminal; /help lists what works here,
and the commands that only make sense in Telegram say so. At an interactive terminal the lines are
read with readline (editing, history kept in DATA_DIR/chat_history); Ctrl-D ends with a goodbye.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from fsrs import Rating

from bot import replies, texts
from bot.cli.console_quiz import run_flashcards, run_quiz
from bot.notes.cards import Card
from bot.replies.render import Button, Reply, to_plain
from bot.replies.study import AGAIN_PREFIX, parse_again, summary_reply
from bot.study.counts import MAX_COUNT, MIN_COUNT, CountError, parse_count, parse_quiz_args
from bot.study.flashcards import due_cards, rate_card
from bot.study.flow import choose_items, learner_key, me_text, score_answer
from bot.study.review import card_due
from bot.study.session import SessionAnswer, new_session, question_sent, summarize

if TYPE_CHECKING:
    from bot.library import Library
    from bot.quiz import QuizItem
    from bot.store import Store

__all__ = ["TERMINAL_USER_ID", "ChatSession", "TerminalStudy", "TypedLines", "add_arguments", "converse", "main"]

_QUIT = {"/quit", "/exit", "/q"}
TERMINAL_USER_ID = 0  # the person at the terminal (Telegram user ids start at 1)
TERMINAL_CHAT_ID = 0


class TerminalStudy:
    """/quiz [n] and /me for `notesbot chat`: the Telegram flow (scheduler, scores, cards) for the
    person at the terminal, kept in the same store as the bot's."""

    def __init__(
        self,
        items: Sequence[QuizItem],
        store: Store,
        zone: str = "Asia/Shanghai",
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
        notes: str = "",
        ids: Iterable[str] | None = None,
        cards: Sequence[Card] = (),
    ) -> None:
        self.items = tuple(items)
        self.cards = tuple(cards)  # what /review goes through (Library.cards)
        self.store = store
        self.zone = ZoneInfo(zone)
        self.clock = clock
        self.notes = notes  # the notes folder answers are kept under (bot.library.notes_key)
        self.ids = frozenset(ids) if ids is not None else frozenset(i.id for i in self.items)

    def respond(self, command: str, rest: str, lines: Iterator[str], write: Callable[[str], None]) -> str | Reply:
        """The reply to "/quiz [n]", "/review [n]" or "/me" (a quiz or review writes its questions
        itself and reads answers from ``lines``)."""
        if command == "/me":
            return me_text(
                self.store, TERMINAL_USER_ID, texts.TERMINAL_LEARNER, self.zone, self.clock(), self.ids, self.notes
            )
        if command == "/review":
            words = rest.split()
            try:
                if len(words) > 1:
                    raise CountError(rest)
                count = parse_count(words[0]) if words else MAX_COUNT
            except CountError:
                return texts.REVIEW_USAGE
            return self.review(count, lines, write)
        try:
            count = parse_quiz_args(rest.split())
        except CountError:
            return texts.QUIZ_USAGE
        return self.quiz(count, lines, write)

    def quiz(self, count: int, lines: Iterator[str], write: Callable[[str], None]) -> str | Reply:
        """A session of ``count`` items chosen for the terminal learner, one at a time, each answer
        scored in the store; its summary (the same as Telegram's) with a go-again choice."""
        started = self.clock()
        chosen = choose_items(self.items, self.store, learner_key(TERMINAL_USER_ID), started, count)
        if not chosen:
            return texts.QUIZ_NO_ITEMS
        self.store.upsert_chat(TERMINAL_CHAT_ID, "private", texts.TERMINAL_LEARNER, started)
        session = new_session(TERMINAL_CHAT_ID, TERMINAL_USER_ID, False, [i.id for i in chosen], started, 0)
        answers: list[SessionAnswer] = []

        def record(item: QuizItem, option: int | None, seconds: float) -> None:
            # recorded like a poll the bot sent, so scores, streaks and /me count it the same way
            nonlocal session
            now = self.clock()
            poll_id = f"terminal-{uuid.uuid4().hex}"
            sent = now - timedelta(seconds=seconds)
            self.store.record_poll(poll_id, TERMINAL_CHAT_ID, item.id, None, item.correct, "quiz", sent, len(item.options), self.notes)
            poll = self.store.get_poll(poll_id)
            assert poll is not None
            choice = -1 if option is None else option  # a skip counts as not knowing it
            correct = score_answer(self.store, poll, TERMINAL_USER_ID, texts.TERMINAL_LEARNER, choice, now)
            session = question_sent(session, poll_id, sent)
            answers.append(SessionAnswer(poll_id, TERMINAL_USER_ID, texts.TERMINAL_LEARNER, bool(correct), now))

        run_quiz(chosen, lines, write, record, score=False)
        topics = {item.id: texts.section_label(item.source.section) for item in chosen}
        summary = summarize(session, answers, topics, self.clock())
        return summary_reply(summary, summary.asked < summary.total, again=len(chosen))

    def review(self, count: int, lines: Iterator[str], write: Callable[[str], None]) -> str:
        """Up to ``count`` of the notes' flashcards due for the terminal learner, rated 1–4 (FSRS),
        kept in the store as Telegram's /review keeps them."""
        if not self.cards:
            return texts.REVIEW_NO_CARDS
        key = learner_key(TERMINAL_USER_ID)
        chosen = due_cards(self.cards, self.store.get_cards(key), self.clock(), count, key)

        def record(card: Card, rating: Rating) -> None:
            when = self.clock()
            state = rate_card(self.store.get_cards(key).get(card.id), rating, when)
            self.store.put_card(key, card.id, state, card_due(state), when)

        run_flashcards(chosen, lines, write, record)
        return ""


class ChatSession:
    """One terminal conversation: remembers the last reply's buttons and the question it answered."""

    def __init__(self, library: Library, study: TerminalStudy | None = None, ansi: bool = False) -> None:
        self.library = library
        self.study = study  # /quiz and /me; None when there is no store to keep answers in
        self.ansi = ansi  # bold highlights with ANSI codes (an interactive terminal)
        self.choices: tuple[Button, ...] = ()
        self.question: str | None = None

    def _show(self, reply: Reply, question: str | None = None) -> str:
        """Plain text for a reply; its passage and section buttons become numbered choices."""
        self.choices = tuple(
            button
            for row in reply.buttons
            for button in row
            if ((tap := replies.parse_tap(button.data)) is not None and tap.kind != "feedback")
            or button.data.startswith(AGAIN_PREFIX)
        )
        if question is not None:
            self.question = question
        shown = Reply(reply.lines, tuple((button,) for button in self.choices))
        text = to_plain(shown, ansi=self.ansi)
        return f"{text}\n{texts.CHAT_PICK_HINT}" if self.choices else text

    def respond(self, line: str, lines: Iterator[str] | None = None, write: Callable[[str], None] | None = None) -> str | None:
        """The reply to one line of input; None means the user wants to leave."""
        text = line.strip()
        if not text:
            return ""
        command, _, rest = text.partition(" ")
        command = command.lower()
        corpus = self.library.corpus
        if command in _QUIT:
            return None
        if command == "/start":
            start = replies.start_reply(corpus)
            return self._show(Reply(start.lines + ((),) + self._help().lines))
        if command == "/help":
            return self._show(self._help())
        if command == "/toc":
            return self._show(replies.toc_reply(corpus))
        if command == "/ask":
            if not rest.strip():
                return self._show(Reply.text(texts.ASK_USAGE))
            return self._show(replies.question_reply(self.library, rest), rest.strip())
        if command in ("/quiz", "/me", "/review"):
            return self._study(command, rest, lines, write)
        if command == "/stop":  # a terminal quiz takes /stop (or q) at its own prompt; none runs now
            return texts.SESSION_NONE
        if command[1:] in replies.COMMAND_PLACES and "terminal" not in replies.COMMAND_PLACES[command[1:]]:
            return texts.TELEGRAM_ONLY.format(command=command)
        if text.startswith("/"):
            return texts.CHAT_UNKNOWN_COMMAND
        if text.isdigit() and self.choices:
            number = int(text)
            if not 1 <= number <= len(self.choices):
                return texts.CHAT_BAD_NUMBER
            again = parse_again(self.choices[number - 1].data, MIN_COUNT, MAX_COUNT)
            if again is not None:
                return self._study("/quiz", str(again), lines, write)
            tap = replies.parse_tap(self.choices[number - 1].data)
            reply = replies.tap_reply(self.library, tap, self.question) if tap else None
            return self._show(reply) if reply else texts.STALE_BUTTON
        if replies.is_greeting(text):
            return self._show(replies.greeting_reply(self.library, text))
        return self._show(replies.question_reply(self.library, text), text)

    def _help(self) -> Reply:
        examples = replies.example_questions(self.library, 1)
        return replies.help_reply(None, False, "terminal", None, *examples[:1])

    def _study(
        self, command: str, rest: str, lines: Iterator[str] | None, write: Callable[[str], None] | None
    ) -> str:
        if self.study is None or lines is None or write is None:
            return texts.CHAT_QUIZ_MISSING
        reply = self.study.respond(command, rest, lines, write)
        return self._show(reply) if isinstance(reply, Reply) else reply


def converse(
    library: Library, source: Iterable[str], out: TextIO, prompt: bool = False, study: TerminalStudy | None = None
) -> int:
    """Run a conversation over ``source`` lines, writing replies to ``out``; returns an exit code.

    ``prompt`` (an interactive terminal) shows a "> " prompt and highlights in bold.
    """
    session = ChatSession(library, study, ansi=prompt)
    lines = iter(source)
    typed = lines if isinstance(lines, TypedLines) else None

    def write(text: str) -> None:
        print(text, file=out, flush=True)

    write(texts.CHAT_INTRO)
    while True:
        if typed is not None:
            typed.prompt = "> "  # the question prompt; a quiz's own prompts are written before its reads
        elif prompt:
            out.write("> ")
            out.flush()
        try:
            line = next(lines)
        except StopIteration:  # end of input: Ctrl-D at the terminal
            if prompt:
                write("")  # the cursor was left after the prompt
            write(texts.CHAT_GOODBYE)
            return 0
        finally:
            if typed is not None:
                typed.prompt = ""
        reply = session.respond(line, lines, write)
        if reply is None:
            write(texts.CHAT_GOODBYE)
            return 0
        if reply:
            write(reply)
            write("")


class TypedLines:
    """Lines typed at an interactive terminal, with line editing and history (readline): the arrow
    keys move and recall instead of sending escape codes; the history is kept in ``history`` (a file)
    between runs when given. Ends (StopIteration) at Ctrl-D."""

    def __init__(self, history: Path | None = None) -> None:
        self.prompt = ""
        self.history = history
        try:
            import readline
        except ImportError:  # no readline (some platforms): plain input() still works
            self._readline = None
            return
        self._readline = readline
        if history is not None:
            with contextlib.suppress(OSError):
                readline.read_history_file(history)
            readline.set_history_length(1000)

    def __iter__(self) -> TypedLines:
        return self

    def __next__(self) -> str:
        try:
            return input(self.prompt)
        except EOFError:
            raise StopIteration from None
        except KeyboardInterrupt:  # Ctrl-C: leave like Ctrl-D
            raise StopIteration from None

    def save(self) -> None:
        """Keep the history for the next run."""
        if self._readline is not None and self.history is not None:
            with contextlib.suppress(OSError):
                self.history.parent.mkdir(parents=True, exist_ok=True)
                self._readline.write_history_file(self.history)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `notesbot chat`."""
    parser.add_argument("--corpus", "--notes", dest="notes", type=Path, default=None, help="notes folder (default: NOTES_DIR or corpus/)")


def main(args: argparse.Namespace) -> int:
    """Load the notes and talk on stdin/stdout."""
    from bot.config import load_settings
    from bot.library import NotesError, load_library
    from bot.store import Store, StoreError

    settings = load_settings(notes_dir=args.notes)
    try:
        library = load_library(settings.notes_dir, settings.cache_dir)
    except NotesError as error:
        print(error, file=sys.stderr)
        return 2
    try:
        store = Store.open(settings.store_target)
    except StoreError as error:
        print(error, file=sys.stderr)
        return 3
    with store:
        study = TerminalStudy(
            library.quiz_items, store, settings.default_timezone, notes=library.notes_key, ids=library.study_ids,
            cards=library.cards,
        )
        if not sys.stdin.isatty():
            return converse(library, sys.stdin, sys.stdout, study=study)
        typed = TypedLines(Path(settings.data_dir) / "chat_history")
        try:
            return converse(library, typed, sys.stdout, prompt=True, study=study)
        finally:
            typed.save()
