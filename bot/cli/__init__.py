"""`notesbot`: the command line. Each subcommand lives in its own module under `bot/cli/`.

A module there provides `add_arguments(parser)` and `main(args) -> int`; this file only wires them
up, importing a command's module when it runs so that `notesbot ask` does not pay for Telegram.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# subcommand → (module under bot.cli, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "run": ("run", "run the Telegram bot (or the terminal chat when no token is configured)"),
    "chat": ("chat", "talk to the bot in the terminal: the same replies as in Telegram"),
    "ask": ("ask", "answer one question from the notes (or JSON lines with --jsonl)"),
    "eval": ("evaluate", "score a question set: hit@1, hit@3, refusal, false refusals"),
    "bench": ("bench", "measure build time, warm start, query latency and memory"),
    "quiz": ("quiz", "a quiz in the terminal, or every quiz item as JSON lines (--export)"),
    "fit": ("fit", "refit the search's ranking and confidence weights from question sets (development)"),
    "report": ("report", "what to write next: refused questions, 👎 answers, missed quiz items, unwritten chapters"),
    "backup": ("backup", "copy the SQLite database while the bot runs (PostgreSQL: use pg_dump)"),
    "restore": ("restore", "put a backup into an empty data folder"),
    "health": ("health", "ask the running bot whether it is healthy (exit 0) or not (exit 1)"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only ``command``'s module is imported to add its options (the others stay unloaded)."""
    parser = argparse.ArgumentParser(prog="notesbot", description="A study bot over Chinese Markdown notes.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(f"bot.cli.{module_name}")
            module.add_arguments(sub)
            sub.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    command = next((word for word in words if not word.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(words)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args._module.main(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `notesbot quiz --export | head`
        sys.stderr.close()
        return 0
