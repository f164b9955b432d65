"""What the bot says: replies built as small structures (`model`) and rendered (`render`) as
Telegram HTML with buttons or as terminal text, so both shells say the same."""

from bot.replies.model import (
    MAX_QUESTION_CHARS,
    QUIZ_PASSAGE_PREFIX,
    Tap,
    answer_reply,
    answered,
    help_reply,
    inline_hits,
    is_current,
    not_found_reply,
    parse_tap,
    passage_reply,
    question_from_text,
    question_reply,
    start_reply,
    tap_reply,
    toc_reply,
)

__all__ = [
    "MAX_QUESTION_CHARS",
    "QUIZ_PASSAGE_PREFIX",
    "Tap",
    "answer_reply",
    "answered",
    "help_reply",
    "inline_hits",
    "is_current",
    "not_found_reply",
    "parse_tap",
    "passage_reply",
    "question_from_text",
    "question_reply",
    "start_reply",
    "tap_reply",
    "toc_reply",
]
