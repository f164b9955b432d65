"""`notesbot restore FILE`: see `bot.cli.backup`."""

from bot.cli.backup import add_arguments
from bot.cli.backup import main_restore as main

__all__ = ["add_arguments", "main"]
