"""The Telegram shell: the application (`app`), its handlers by area, and rendering of replies.

`replies` decides what the bot says and `render` how it looks; both are shared with the terminal
chat (`bot.commands.chat`). Handler modules only translate between Telegram updates and the core.
"""
