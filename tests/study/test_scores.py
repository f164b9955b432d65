"""Scores as figures: accuracy, streaks of days, the start of the week."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.study.scores import accuracy, streak, week_start


def test_accuracy() -> None:
    assert accuracy(0, 0) is None
    assert accuracy(3, 4) == 0.75
    assert accuracy(5, 4) == 1.0


def test_streak_counts_consecutive_days_ending_today_or_yesterday() -> None:
    today = date(2026, 3, 10)
    assert streak([], today) == 0
    assert streak([date(2026, 3, 10)], today) == 1
    assert streak([date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 10)], today) == 3
    # nothing yet today: yesterday's run still counts
    assert streak([date(2026, 3, 8), date(2026, 3, 9)], today) == 2
    # a gap breaks it
    assert streak([date(2026, 3, 6), date(2026, 3, 7), date(2026, 3, 9), date(2026, 3, 10)], today) == 2
    assert streak([date(2026, 3, 7)], today) == 0
    assert streak([date(2026, 3, 10), date(2026, 3, 10)], today) == 1


def test_week_start_is_monday_midnight_in_the_zone() -> None:
    zone = ZoneInfo("Asia/Shanghai")
    # Sunday 2026-03-15 17:00 UTC is Monday 01:00 in Shanghai: the week has just begun there.
    now = datetime(2026, 3, 15, 17, 0, tzinfo=timezone.utc)
    assert week_start(now, zone) == datetime(2026, 3, 16, 0, 0, tzinfo=zone)
    assert week_start(datetime(2026, 3, 15, 15, 0, tzinfo=timezone.utc), zone) == datetime(2026, 3, 9, tzinfo=zone)
    with pytest.raises(ValueError):
        week_start(datetime(2026, 3, 15), zone)
