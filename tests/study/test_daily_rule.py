"""The pure rule for daily pushes: parsing, time zones, due dates, catch-up once, DST days."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.study.counts import CountError, parse_count, parse_quiz_args
from bot.study.daily import (
    DEFAULT_COUNT,
    DailyError,
    DailyOffer,
    DailyOff,
    DailyShow,
    DailySubscribe,
    Schedule,
    due_date,
    format_time,
    next_push,
    parse_daily_args,
    parse_time,
    parse_timezone,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = timezone.utc


def at(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("8:00", time(8, 0)), ("08:05", time(8, 5)), ("8：30", time(8, 30)), (" 23:59 ", time(23, 59)), ("0:00", time(0, 0))],
)
def test_parse_time_accepts_24_hour_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8:60", "8", "0800", "8:5", "ab:cd", "", "-1:00", "8:00pm"])
def test_parse_time_rejects_the_rest(text: str) -> None:
    with pytest.raises(DailyError) as caught:
        parse_time(text)
    assert caught.value.code == "time"


def test_format_time_pads() -> None:
    assert format_time(time(7, 5)) == "07:05"


def test_parse_count_bounds() -> None:
    assert parse_count("1") == 1
    assert parse_count("10") == 10
    assert parse_count("５") == 5  # full-width digit
    for bad in ("0", "11", "-1", "2.5", "three", ""):
        with pytest.raises(CountError):
            parse_count(bad)


def test_parse_quiz_args() -> None:
    assert parse_quiz_args([]) == 1
    assert parse_quiz_args([" "]) == 1
    assert parse_quiz_args(["７"]) == 7
    for bad in (["0"], ["11"], ["abc"], ["2", "3"]):
        with pytest.raises(CountError):
            parse_quiz_args(bad)


def test_parse_daily_args() -> None:
    assert parse_daily_args([]) == DailyShow()
    assert parse_daily_args(["off"]) == DailyOff()
    assert parse_daily_args(["关闭"]) == DailyOff()
    assert parse_daily_args(["OFF"]) == DailyOff()
    assert parse_daily_args(["8:00"]) == DailySubscribe(time(8, 0), DEFAULT_COUNT)
    assert parse_daily_args(["21:30", "5"]) == DailySubscribe(time(21, 30), 5)
    with pytest.raises(DailyError) as caught:
        parse_daily_args(["8:00", "5", "x"])
    assert caught.value.code == "usage"
    with pytest.raises(DailyError) as caught:
        parse_daily_args(["8:00", "20"])
    assert caught.value.code == "count"


def test_parse_timezone_against_the_tz_database() -> None:
    assert parse_timezone("Asia/Shanghai") == "Asia/Shanghai"
    assert parse_timezone("asia/shanghai") == "Asia/Shanghai"
    assert parse_timezone("America/New York") == "America/New_York"
    assert parse_timezone("UTC") == "UTC"
    for bad in ("Asia/Beijing", "Mars/Olympus", "../etc/passwd", "localtime", "", "Asia"):
        with pytest.raises(DailyError) as caught:
            parse_timezone(bad)
        assert caught.value.code == "timezone"


def test_due_once_the_local_time_is_reached() -> None:
    schedule = Schedule(time(8, 0), "Asia/Shanghai")
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 7, 59), None) is None
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 8, 0), None) == date(2026, 3, 2)
    # 00:30 UTC is 08:30 in Shanghai: the zone, not UTC, decides.
    assert due_date(schedule, datetime(2026, 3, 2, 0, 30, tzinfo=UTC), None) == date(2026, 3, 2)
    assert due_date(schedule, datetime(2026, 3, 1, 23, 30, tzinfo=UTC), None) is None


def test_catch_up_after_downtime_the_same_day_but_not_the_next() -> None:
    schedule = Schedule(time(8, 0), "Asia/Shanghai")
    yesterday = date(2026, 3, 1)
    # down from 07:00 to 22:00: the 08:00 push is owed when the bot comes back at 22:00
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 22, 0), yesterday) == date(2026, 3, 2)
    # once claimed for today, nothing more is owed today
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 22, 1), date(2026, 3, 2)) is None
    # down over midnight: at 07:00 the next day, yesterday's missed push is not sent late
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 3, 7, 0), yesterday) is None


def test_a_subscription_made_after_its_time_starts_tomorrow() -> None:
    schedule = Schedule(time(8, 0), "Asia/Shanghai")
    since = at(SHANGHAI, 2026, 3, 2, 9, 0)
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 9, 1), None, since) is None
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 3, 8, 0), None, since) == date(2026, 3, 3)
    assert next_push(schedule, at(SHANGHAI, 2026, 3, 2, 9, 1), None, since) == at(SHANGHAI, 2026, 3, 3, 8, 0)
    # made before its time: today's push is owed
    early = at(SHANGHAI, 2026, 3, 2, 7, 0)
    assert due_date(schedule, at(SHANGHAI, 2026, 3, 2, 8, 0), None, early) == date(2026, 3, 2)


def test_next_push() -> None:
    schedule = Schedule(time(8, 0), "Asia/Shanghai")
    assert next_push(schedule, at(SHANGHAI, 2026, 3, 2, 7, 0), None) == at(SHANGHAI, 2026, 3, 2, 8, 0)
    assert next_push(schedule, at(SHANGHAI, 2026, 3, 2, 9, 0), date(2026, 3, 2)) == at(SHANGHAI, 2026, 3, 3, 8, 0)
    owed = at(SHANGHAI, 2026, 3, 2, 9, 0)
    assert next_push(schedule, owed, date(2026, 3, 1)) == owed


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        due_date(Schedule(time(8, 0), "UTC"), datetime(2026, 3, 2, 9, 0), None)


def test_spring_forward_gap_still_fires_once() -> None:
    # New York skips 02:00–03:00 on 2026-03-08: a 02:30 push fires when the clock shows 03:00.
    zone = ZoneInfo("America/New_York")
    schedule = Schedule(time(2, 30), "America/New_York")
    before = datetime(2026, 3, 8, 6, 59, tzinfo=UTC)  # 01:59 EST
    after = datetime(2026, 3, 8, 7, 0, tzinfo=UTC)  # 03:00 EDT
    assert due_date(schedule, before, date(2026, 3, 7)) is None
    assert due_date(schedule, after, date(2026, 3, 7)) == date(2026, 3, 8)
    assert next_push(schedule, before, date(2026, 3, 7)).astimezone(UTC) == after
    assert after.astimezone(zone).hour == 3


def test_fall_back_repeated_hour_fires_once() -> None:
    # New York shows 01:00–02:00 twice on 2026-11-01.
    schedule = Schedule(time(1, 30), "America/New_York")
    first = datetime(2026, 11, 1, 5, 30, tzinfo=UTC)  # 01:30 EDT
    second = datetime(2026, 11, 1, 6, 30, tzinfo=UTC)  # 01:30 EST
    assert due_date(schedule, first, date(2026, 10, 31)) == date(2026, 11, 1)
    assert due_date(schedule, second, date(2026, 11, 1)) is None


ZONES = ["Asia/Shanghai", "America/New_York", "Europe/London", "Pacific/Chatham", "Australia/Lord_Howe", "UTC"]


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 1)),
    up=st.lists(st.booleans(), min_size=24 * 4 * 5, max_size=24 * 4 * 5),
)
def test_simulated_uptime_pushes_at_most_once_a_day_and_never_misses_an_up_day(
    zone: str, hour: int, minute: int, start: datetime, up: list[bool]
) -> None:
    """Tick every 15 minutes over 5 days with random downtime: each local day gets exactly one push
    if the bot was up at some tick after the time that day, none otherwise, never two."""
    schedule = Schedule(time(hour, minute), zone)
    tz = ZoneInfo(zone)
    now = start.replace(tzinfo=UTC)
    claimed: list[date] = []
    last: date | None = None
    owed_days: set[date] = set()
    for running in up:
        local = now.astimezone(tz)
        if local.time().replace(tzinfo=None) >= schedule.at and running:
            owed_days.add(local.date())
        if running:
            day = due_date(schedule, now, last)
            if day is not None:
                assert day == local.date()
                claimed.append(day)
                last = day
        now += timedelta(minutes=15)
    assert len(claimed) == len(set(claimed))
    assert set(claimed) == owed_days


def test_timezone_takes_a_chinese_city_name_or_a_utc_offset() -> None:
    assert parse_timezone("北京") == parse_timezone("上海") == parse_timezone("北京时间") == "Asia/Shanghai"
    assert parse_timezone("东京") == "Asia/Tokyo" and parse_timezone("纽约") == "America/New_York"
    # the tz database's Etc zones count the other way round: UTC+8 is Etc/GMT-8
    assert parse_timezone("UTC+8") == parse_timezone("utc+08:00") == parse_timezone("GMT+8") == "Etc/GMT-8"
    assert ZoneInfo(parse_timezone("UTC+8")).utcoffset(datetime(2030, 1, 1)) == timedelta(hours=8)
    assert parse_timezone("UTC-5") == "Etc/GMT+5"
    for bad in ("UTC+15", "UTC+5:30", "火星", "北京市市"):
        with pytest.raises(DailyError):
            parse_timezone(bad)


def test_daily_takes_what_the_push_offers() -> None:
    assert parse_daily_args(["08:00", "3", "卡片"]) == DailySubscribe(time(8, 0), 3, "cards")
    assert parse_daily_args(["08:00", "都要"]) == DailySubscribe(time(8, 0), DEFAULT_COUNT, "both")
    assert parse_daily_args(["08:00", "2"]).offer == "polls"
    assert parse_daily_args(["卡片"]) == DailyOffer("cards")  # the time stays, the offer changes
    with pytest.raises(DailyError):
        parse_daily_args(["08:00", "2", "卡片", "都要"])
