"""notesbot: a Telegram study bot over a folder of Chinese Markdown notes."""
