"""`notesbot report [--days N]`: what the notes' author should write next (see `bot.report`)."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path

from bot import texts
from bot.report import DEFAULT_DAYS, build_report, report_text

__all__ = ["add_arguments", "main"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"how far back (default {DEFAULT_DAYS})")
    parser.add_argument("--corpus", type=Path, default=None, help="notes folder (default: NOTES_DIR or corpus/)")


def main(args: argparse.Namespace) -> int:
    from bot.config import load_settings
    from bot.library import NotesError, load_library
    from bot.store import Store, StoreError

    if args.days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    settings = load_settings(notes_dir=args.corpus)
    try:
        library = load_library(settings.notes_dir, settings.cache_dir)
    except NotesError as error:
        print(texts.ASK_CLI_NOTES_ERROR.format(error=error), file=sys.stderr)
        return 2
    try:
        with Store.open(settings.store_target, busy_timeout=settings.store_busy_timeout_seconds) as store:
            report = build_report(store, library, datetime.now(timezone.utc), args.days, kept=settings.keep_questions)
    except StoreError as error:
        print(texts.REPORT_CLI_STORE_ERROR.format(error=error), file=sys.stderr)
        return 3
    print(report_text(report))
    return 0
