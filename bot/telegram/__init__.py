"""The Telegram shell: the application (`app`) and its handlers by area.

What the bot says comes from `bot.replies`, shared with the terminal chat (`bot.cli.chat`).
Handler modules only translate between Telegram updates and the core.
"""
