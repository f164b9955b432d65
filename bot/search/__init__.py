"""Search: a question → the passage of the notes that answers it, or an honest "not found".

Pure: text normalisation, tokens, the index, reading a question, ranking and answers. Nothing here
reads files, talks to Telegram or looks at the clock.
"""
