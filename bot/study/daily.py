"""When a chat's daily quiz push is due: parsing "/daily" arguments and time zones, and the catch-up rule.

The rule, in the chat's own time zone and on its wall clock: the push for local day D is owed once
the clock shows the subscribed "HH:MM" on D, and stays owed until D ends. So a push missed while the
bot was down is sent when it comes back the same day; the store's atomic ``claim_push(chat, D)``
makes sure it is sent once, never twice. A subscription made (or changed) after its time has passed
on a day owes nothing for that day: the first push is the next one. Comparing wall-clock times (not
instants) keeps daylight-saving days right: a time skipped by a spring-forward gap fires when the
clock jumps past it, a repeated time fires the first time it is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from bot.study.counts import CountError, parse_count

__all__ = [
    "DEFAULT_COUNT",
    "DailyError",
    "DailyOff",
    "DailyOffer",
    "DailyShow",
    "DailySubscribe",
    "Schedule",
    "due_date",
    "format_time",
    "next_push",
    "parse_daily_args",
    "parse_offer",
    "parse_time",
    "parse_timezone",
]

DEFAULT_COUNT = 3  # polls in a daily push when "/daily HH:MM" gives no count

# "8:00", "08:00", "8：00" (full-width colon, as Chinese keyboards type it), "0800" is not accepted.
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:：]\s*(\d{2})\s*$")
_OFF_WORDS = frozenset({"off", "stop", "cancel", "关", "关闭", "取消", "停止"})
_OFFER_WORDS = {
    "题目": "polls", "题": "polls", "测验": "polls", "polls": "polls", "poll": "polls", "quiz": "polls",
    "卡片": "cards", "卡": "cards", "cards": "cards", "card": "cards", "flashcards": "cards",
    "都要": "both", "都": "both", "全部": "both", "两者": "both", "both": "both", "all": "both",
}
# Names the tz database ships that are not places a user would mean.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


class DailyError(ValueError):
    """A "/daily" or "/timezone" argument that cannot be used; ``code`` names the reason for the texts."""

    def __init__(self, code: str, value: str = "") -> None:
        super().__init__(f"{code}: {value!r}")
        self.code = code  # "time", "count", "timezone" or "usage"
        self.value = value


@dataclass(frozen=True)
class Schedule:
    """A chat's daily push: the local wall-clock time and its time zone."""

    at: time  # naive wall-clock time, minutes precision
    timezone: str  # a tz database key, e.g. "Asia/Shanghai"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DailyShow:
    """"/daily" alone: show the subscription."""


@dataclass(frozen=True)
class DailyOff:
    """"/daily off": end the subscription."""


@dataclass(frozen=True)
class DailyOffer:
    """"/daily 卡片" (an offer alone): the subscription stays, its push offers that from now on."""

    offer: str


@dataclass(frozen=True)
class DailySubscribe:
    """"/daily HH:MM [n] [offer]": push every day at that time n polls, the due flashcards, or both."""

    at: time
    count: int = DEFAULT_COUNT
    offer: str = "polls"  # "polls", "cards" or "both"


def parse_time(text: str) -> time:
    """ "HH:MM" (24-hour, ":" or "："), e.g. "8:05" → 08:05; DailyError("time") otherwise."""
    match = _TIME.match(text)
    if match is None:
        raise DailyError("time", text)
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise DailyError("time", text)
    return time(hour, minute)


def format_time(at: time) -> str:
    """The "HH:MM" a user typed, normalised."""
    return f"{at.hour:02d}:{at.minute:02d}"


def parse_offer(word: str) -> str | None:
    """What a daily push offers, from a word of "/daily": "polls", "cards", "both", or None."""
    return _OFFER_WORDS.get(word.strip().lower())


def parse_daily_args(args: tuple[str, ...] | list[str]) -> DailyShow | DailyOff | DailyOffer | DailySubscribe:
    """The arguments after "/daily": nothing, "off", an offer alone, or "HH:MM [n] [offer]" (offer:
    题目, 卡片 or 都要, also polls / cards / both; quiz polls when not given)."""
    words = [word for word in args if word.strip()]
    if not words:
        return DailyShow()
    if len(words) == 1 and words[0].strip().lower() in _OFF_WORDS:
        return DailyOff()
    if len(words) == 1 and parse_offer(words[0]) is not None:
        return DailyOffer(parse_offer(words[0]) or "polls")
    offer = "polls"
    if len(words) > 1 and parse_offer(words[-1]) is not None:
        offer = parse_offer(words[-1]) or offer
        words = words[:-1]
    if len(words) > 2:
        raise DailyError("usage", " ".join(words))
    at = parse_time(words[0])
    count = DEFAULT_COUNT
    if len(words) == 2:
        try:
            count = parse_count(words[1])
        except CountError:
            raise DailyError("count", words[1]) from None
    return DailySubscribe(at=at, count=count, offer=offer)


@cache
def _zone_names() -> dict[str, str]:
    """Lower-cased tz database key → its proper spelling."""
    return {name.lower(): name for name in available_timezones() if name not in _NOT_ZONES}


# Cities people name in Chinese → their zone (a city of the zone, as the tz database names zones).
_CITIES = {
    "北京": "Asia/Shanghai", "上海": "Asia/Shanghai", "广州": "Asia/Shanghai", "深圳": "Asia/Shanghai",
    "杭州": "Asia/Shanghai", "南京": "Asia/Shanghai", "成都": "Asia/Shanghai", "重庆": "Asia/Shanghai",
    "武汉": "Asia/Shanghai", "西安": "Asia/Shanghai", "天津": "Asia/Shanghai", "苏州": "Asia/Shanghai",
    "中国": "Asia/Shanghai", "乌鲁木齐": "Asia/Urumqi", "香港": "Asia/Hong_Kong", "澳门": "Asia/Macau",
    "台北": "Asia/Taipei", "台湾": "Asia/Taipei", "东京": "Asia/Tokyo", "日本": "Asia/Tokyo",
    "首尔": "Asia/Seoul", "韩国": "Asia/Seoul", "新加坡": "Asia/Singapore", "吉隆坡": "Asia/Kuala_Lumpur",
    "曼谷": "Asia/Bangkok", "雅加达": "Asia/Jakarta", "河内": "Asia/Ho_Chi_Minh", "胡志明市": "Asia/Ho_Chi_Minh",
    "新德里": "Asia/Kolkata", "孟买": "Asia/Kolkata", "迪拜": "Asia/Dubai", "莫斯科": "Europe/Moscow",
    "伦敦": "Europe/London", "英国": "Europe/London", "巴黎": "Europe/Paris", "法国": "Europe/Paris",
    "柏林": "Europe/Berlin", "德国": "Europe/Berlin", "慕尼黑": "Europe/Berlin", "阿姆斯特丹": "Europe/Amsterdam",
    "罗马": "Europe/Rome", "马德里": "Europe/Madrid", "苏黎世": "Europe/Zurich", "斯德哥尔摩": "Europe/Stockholm",
    "纽约": "America/New_York", "波士顿": "America/New_York", "华盛顿": "America/New_York",
    "多伦多": "America/Toronto", "芝加哥": "America/Chicago", "丹佛": "America/Denver",
    "洛杉矶": "America/Los_Angeles", "旧金山": "America/Los_Angeles", "西雅图": "America/Los_Angeles",
    "温哥华": "America/Vancouver", "硅谷": "America/Los_Angeles", "悉尼": "Australia/Sydney",
    "墨尔本": "Australia/Melbourne", "奥克兰": "Pacific/Auckland",
}
_CITY_SUFFIXES = ("时间", "市")
# "UTC+8", "GMT-5", "UTC+08:00", "+8", "UTC": a whole-hour offset
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*(?:([+\-−＋])\s*(\d{1,2})(?:\s*[:：]\s*00)?)?$", re.IGNORECASE)


def parse_timezone(text: str) -> str:
    """A tz database key such as "Asia/Shanghai" (any letter case), spelled properly; a Chinese city
    name (北京, 上海 …, also 北京时间); or a whole-hour UTC offset (UTC+8 is Etc/GMT-8, the tz
    database's sign being the other way round). DailyError otherwise."""
    cleaned = text.strip().replace(" ", "_")
    name = _zone_names().get(cleaned.lower())
    if name is not None:
        return name
    city = text.strip()
    for suffix in _CITY_SUFFIXES:
        if city.endswith(suffix) and city[: -len(suffix)] in _CITIES:
            city = city[: -len(suffix)]
    if city in _CITIES:
        return _CITIES[city]
    match = _OFFSET.match(text.strip()) if text.strip() else None
    if match is not None:
        sign, hours = match.groups()
        if sign is None:
            return "Etc/UTC"
        value = int(hours)
        if value == 0:
            return "Etc/UTC"
        if (sign in "+＋" and value <= 14) or (sign in "-−" and value <= 12):
            return f"Etc/GMT{'-' if sign in '+＋' else '+'}{value}"
    raise DailyError("timezone", text)


def _local(now: datetime, schedule: Schedule) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(schedule.zone)


def due_date(
    schedule: Schedule,
    now: datetime,
    last_pushed: date | None,
    since: datetime | None = None,
) -> date | None:
    """The local date whose push is owed at ``now``, or None when nothing is owed.

    ``last_pushed`` is the last local date a push was claimed for; ``since`` is when the subscription
    was made or last changed (a push scheduled before that, on that same day, is not owed).
    """
    local_now = _local(now, schedule)
    today = local_now.date()
    if local_now.time().replace(tzinfo=None) < schedule.at:
        return None
    if _owes_nothing_on(today, schedule, last_pushed, since):
        return None
    return today


def _owes_nothing_on(day: date, schedule: Schedule, last_pushed: date | None, since: datetime | None) -> bool:
    if last_pushed is not None and day <= last_pushed:
        return True
    if since is None:
        return False
    local_since = _local(since, schedule)
    return local_since.date() > day or (
        local_since.date() == day and local_since.time().replace(tzinfo=None) > schedule.at
    )


def next_push(
    schedule: Schedule,
    now: datetime,
    last_pushed: date | None,
    since: datetime | None = None,
) -> datetime:
    """When the next push goes out (tz-aware, in the chat's zone): ``now`` if one is owed, else the next HH:MM."""
    local_now = _local(now, schedule)
    today = local_now.date()
    day = today
    while _owes_nothing_on(day, schedule, last_pushed, since):
        day += timedelta(days=1)
    if day == today and local_now.time().replace(tzinfo=None) >= schedule.at:
        return local_now  # owed now (the catch-up case)
    return _first_moment_showing(day, schedule)


def _first_moment_showing(day: date, schedule: Schedule) -> datetime:
    """The first instant the wall clock shows ``schedule.at`` or later on ``day``.

    Usually that is just ``day`` at that time; in a spring-forward gap it is the moment the clock
    jumps past it, which lies between the two readings of the missing time (one per offset).
    """
    zone = schedule.zone
    naive = datetime.combine(day, schedule.at)
    readings = sorted(naive.replace(tzinfo=zone, fold=fold).astimezone(timezone.utc) for fold in (0, 1))
    moment = readings[0]
    while moment < readings[1]:
        local = moment.astimezone(zone)
        if local.date() > day or (local.date() == day and local.time().replace(tzinfo=None) >= schedule.at):
            break
        moment += timedelta(minutes=1)
    return moment.astimezone(zone)
