"""Flashcard review replies (/review): the front with a 显示答案 button, the back with the four
ratings, the card once rated; and the buttons' callback data, read back strictly.

A button's data carries the card, a mark of the card's state when it was shown
(`bot.study.flashcards.state_token`), the ratings given so far in this review and how many cards
are left, so a review needs no state of its own and a forged or stale button is told apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import texts
from bot.notes.cards import Card
from bot.replies.render import Button, Reply, Span

__all__ = ["REVIEW_PREFIX", "REVIEW_START", "CardTap", "daily_cards_reply", "back_reply", "card_data", "front_reply", "parse_card_tap", "rated_reply"]

REVIEW_PREFIX = "rv:"
REVIEW_START = "rv:go"  # a daily push's 开始复习 button (private chats)
SHOW = 0  # CardTap.rating of the 显示答案 button; 1–4 are 忘了 / 困难 / 记得 / 简单
MAX_LEFT = 10
_DATA = re.compile(r"^rv:([s1-4]):([a-z][0-9a-f]{11}):(new|[0-9a-f]{6}):(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3}):(\d{1,2})$")


@dataclass(frozen=True)
class CardTap:
    """What a review button says: show the back of, or rate, card ``card_id`` as it was shown."""

    rating: int  # SHOW, or 1–4
    card_id: str
    token: str
    counts: tuple[int, int, int, int]  # ratings given so far in this review: again, hard, good, easy
    left: int  # cards still to come after this one


def card_data(tap: CardTap) -> str:
    """The callback data of a review button."""
    kind = "s" if tap.rating == SHOW else str(tap.rating)
    counts = ".".join(str(count) for count in tap.counts)
    return f"{REVIEW_PREFIX}{kind}:{tap.card_id}:{tap.token}:{counts}:{tap.left}"


def parse_card_tap(data: str | None) -> CardTap | None:
    """A review button's data, or None for anything else (forged, garbled, out of range)."""
    match = _DATA.match(data or "")
    if match is None:
        return None
    kind, card_id, token, *rest = match.groups()
    counts = tuple(int(count) for count in rest[:4])
    left = int(rest[4])
    if left > MAX_LEFT:
        return None
    return CardTap(SHOW if kind == "s" else int(kind), card_id, token, counts, left)  # type: ignore[arg-type]


def _head(card: Card) -> list[tuple[Span, ...]]:
    context = texts.section_label(card.context) if card.context else card.file
    return [(Span(texts.review_header(context), "b"),), (), (Span(card.front),)]


def _left(left: int) -> list[tuple[Span, ...]]:
    return [(Span(texts.REVIEW_LEFT.format(left=left), "i"),)] if left else []


def front_reply(card: Card, tap: CardTap) -> Reply:
    """The card's front and the 显示答案 button (``tap``: the button's data, rating SHOW)."""
    return Reply(tuple(_head(card) + _left(tap.left)), ((Button(texts.REVIEW_SHOW_BUTTON, card_data(tap)),),))


def back_reply(card: Card, tap: CardTap) -> Reply:
    """The front, the back, and the four ratings in one row."""
    lines = _head(card) + [(), (Span(texts.REVIEW_BACK, "b"), Span(card.back))]
    row = tuple(
        Button(name, card_data(CardTap(number, tap.card_id, tap.token, tap.counts, tap.left)))
        for number, name in enumerate(texts.CARD_RATING_NAMES, start=1)
    )
    return Reply(tuple(lines), (row,))


def rated_reply(card: Card, rating: int) -> Reply:
    """The card once rated: front, back and the rating given, no buttons."""
    lines = _head(card) + [
        (), (Span(texts.REVIEW_BACK, "b"), Span(card.back)),
        (Span(texts.REVIEW_RATED.format(rating=texts.CARD_RATING_NAMES[rating - 1]), "i"),),
    ]
    return Reply(tuple(lines))


def daily_cards_reply(due: int | None, username: str | None) -> Reply:
    """A daily push's flashcards: in a private chat (``due``: how many are due) a button that starts
    the review; in a group (``due`` None) a link to the private chat, where each reviews their own."""
    if due is None:
        link = f"https://t.me/{username}?start=review" if username else ""
        buttons = ((Button(texts.REVIEW_START_BUTTON, url=link),),) if link else ()
        return Reply((((Span(texts.DAILY_CARDS_GROUP),),)), buttons)
    if not due:
        return Reply.text(texts.DAILY_CARDS_NONE_DUE)
    return Reply(((Span(texts.DAILY_CARDS_DUE.format(count=due)),),), ((Button(texts.REVIEW_START_BUTTON, REVIEW_START),),))
