"""`python -m bot`: the `notesbot` command line (see `bot.cli`)."""

from bot.cli import main

raise SystemExit(main())
