"""Learners' scores as figures: accuracy, the streak of days with answers, and where "this week" starts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

__all__ = ["accuracy", "streak", "week_start"]


def accuracy(correct: int, answered: int) -> float | None:
    """The share of right answers in [0, 1], or None before the first answer."""
    if answered <= 0:
        return None
    return max(0, min(correct, answered)) / answered


def streak(days: Iterable[date], today: date) -> int:
    """Consecutive days with at least one answer, ending today (or yesterday, while today is still open)."""
    answered = set(days)
    day = today if today in answered else today - timedelta(days=1)
    count = 0
    while day in answered:
        count += 1
        day -= timedelta(days=1)
    return count


def week_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of ``now``'s week on the wall clock of ``zone``, as a tz-aware instant."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0, 0), tzinfo=zone)
