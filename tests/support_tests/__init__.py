"""Tests of the shared test support: the Bot API stand-in and the Telegram HTML check."""
