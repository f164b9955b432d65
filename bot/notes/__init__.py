"""The pure core: notes → passages → index → answers, and quiz items → review scheduling.

Nothing in this package reads files, talks to Telegram or looks at the clock: callers pass
everything in. See ``bot.notes_folder`` for reading a notes folder from disk.
"""
