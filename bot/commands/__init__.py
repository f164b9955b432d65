"""The subcommands of `notesbot`, one module each (see `bot/cli.py`)."""
