"""`notesbot chat`: a conversation in the terminal with the same replies the Telegram bot gives.

Lines come from stdin (typed or scripted: `printf '什么是容器\\n1\\n' | notesbot chat`); a number
picks one of the buttons under the last reply, like a tap in Telegram. /quiz and /me run the same
study flow as Telegram (scheduler, scores, review cards) over the same store, for the person at the
terminal.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from zoneinfo import ZoneInfo

from bot import replies, texts
from bot.cli.console_quiz import run_quiz
from bot.replies.render import Button, Reply, to_plain
from bot.study.counts import CountError, parse_quiz_args
from bot.study.flow import choose_items, learner_key, me_text, score_answer

if TYPE_CHECKING:
    from bot.library import Library
    from bot.quiz import QuizItem
    from bot.store import Store

__all__ = ["TERMINAL_USER_ID", "ChatSession", "TerminalStudy", "add_arguments", "converse", "main"]

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
    ) -> None:
        self.items = tuple(items)
        self.store = store
        self.zone = ZoneInfo(zone)
        self.clock = clock
        self.notes = notes  # the notes folder answers are kept under (bot.library.notes_key)
        self.ids = frozenset(ids) if ids is not None else frozenset(i.id for i in self.items)

    def respond(self, command: str, rest: str, lines: Iterator[str], write: Callable[[str], None]) -> str:
        """The reply to "/quiz [n]" or "/me" (a quiz writes its questions itself and reads answers from ``lines``)."""
        if command == "/me":
            return me_text(
                self.store, TERMINAL_USER_ID, texts.TERMINAL_LEARNER, self.zone, self.clock(), self.ids, self.notes
            )
        try:
            count = parse_quiz_args(rest.split())
        except CountError:
            return texts.QUIZ_USAGE
        return self.quiz(count, lines, write)

    def quiz(self, count: int, lines: Iterator[str], write: Callable[[str], None]) -> str:
        """Ask ``count`` items chosen for the terminal learner; each answer is scored in the store."""
        chosen = choose_items(self.items, self.store, learner_key(TERMINAL_USER_ID), self.clock(), count)
        if not chosen:
            return texts.QUIZ_NO_ITEMS
        self.store.upsert_chat(TERMINAL_CHAT_ID, "private", texts.TERMINAL_LEARNER, self.clock())

        def record(item: QuizItem, option: int | None, seconds: float) -> None:
            # recorded like a poll the bot sent, so scores, streaks and /me count it the same way
            now = self.clock()
            poll_id = f"terminal-{uuid.uuid4().hex}"
            sent = now - timedelta(seconds=seconds)
            self.store.record_poll(poll_id, TERMINAL_CHAT_ID, item.id, None, item.correct, "quiz", sent, len(item.options), self.notes)
            poll = self.store.get_poll(poll_id)
            assert poll is not None
            choice = -1 if option is None else option  # a skip counts as not knowing it
            score_answer(self.store, poll, TERMINAL_USER_ID, texts.TERMINAL_LEARNER, choice, now)

        run_quiz(chosen, lines, write, record)
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
            if (tap := replies.parse_tap(button.data)) is not None and tap.kind != "feedback"
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
            return self._show(Reply(start.lines + ((),) + replies.help_reply(None, False).lines))
        if command == "/help":
            return self._show(replies.help_reply(None, False))
        if command == "/toc":
            return self._show(replies.toc_reply(corpus))
        if command == "/ask":
            if not rest.strip():
                return self._show(Reply.text(texts.ASK_USAGE))
            return self._show(replies.question_reply(self.library, rest), rest.strip())
        if command in ("/quiz", "/me"):
            if self.study is None or lines is None or write is None:
                return texts.CHAT_QUIZ_MISSING
            return self.study.respond(command, rest, lines, write)
        if text.startswith("/"):
            return texts.CHAT_UNKNOWN_COMMAND
        if text.isdigit() and self.choices:
            number = int(text)
            if not 1 <= number <= len(self.choices):
                return texts.CHAT_BAD_NUMBER
            tap = replies.parse_tap(self.choices[number - 1].data)
            reply = replies.tap_reply(self.library, tap, self.question) if tap else None
            return self._show(reply) if reply else texts.STALE_BUTTON
        return self._show(replies.question_reply(self.library, text), text)


def converse(
    library: Library, source: Iterable[str], out: TextIO, prompt: bool = False, study: TerminalStudy | None = None
) -> int:
    """Run a conversation over ``source`` lines, writing replies to ``out``; returns an exit code.

    ``prompt`` (an interactive terminal) shows a "> " prompt and highlights in bold.
    """
    session = ChatSession(library, study, ansi=prompt)
    lines = iter(source)

    def write(text: str) -> None:
        print(text, file=out, flush=True)

    write(texts.CHAT_INTRO)
    while True:
        if prompt:
            out.write("> ")
            out.flush()
        try:
            line = next(lines)
        except StopIteration:
            return 0
        reply = session.respond(line, lines, write)
        if reply is None:
            return 0
        if reply:
            write(reply)
            write("")


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
            library.quiz_items, store, settings.default_timezone, notes=library.notes_key, ids=library.study_ids
        )
        return converse(library, sys.stdin, sys.stdout, prompt=sys.stdin.isatty(), study=study)
