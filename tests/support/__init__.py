"""Shared test helpers: the Bot API stand-in (`botapi`), Telegram's HTML check and pytest fixtures."""
