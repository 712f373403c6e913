"""Render stage for calendars: a point's opening hours as an iCalendar file (RFC 5545).

One weekly recurring event per opening-hours entry, in the point's own time zone, with
the closed dates and (unless the point opens on them) the public holidays excluded.
Subscribing to it shows a visitor when the point is open in their own calendar app.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .coords import LatLng
from .schema import WEEKDAYS, Holiday, OpeningHours, ShowcasePoint
from .visits import TIMEZONE, UTC_OFFSET, closed_days, minutes, schedule

BYDAY = {day: day[:2].upper() for day in WEEKDAYS.values}  # mon → MO (RFC 5545, HSDS)


@dataclass(frozen=True)
class CalendarText:
    """The localised words of a calendar: its name and each event's summary."""

    name: str  # "{name} 开放时间"
    summary: str  # "{name} 开放参观（需预约）"
    booking: str  # "预约：{how}"


# RFC 5545's TEXT allows no control character but the tab (its CTL: %x00-08 / %x0A-1F /
# %x7F), nor can UTF-8 hold a lone surrogate; a line break is written as \n, whichever
# of CRLF, LF or a lone CR it was
_LINE_BREAK = re.compile(r"\r\n?|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]")


def escape(text: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, each line
    break (CRLF, LF or a lone CR) as ``\\n``, every other control character left out."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub(r"\\n", text))


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    size = len(line.encode("utf-8"))
    if size <= 75:  # most lines
        return line
    if size == len(line):  # ASCII (a long EXDATE list): one octet a character
        return "\r\n ".join([line[:75], *(line[i:i + 74] for i in range(75, len(line), 74))])
    out, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + width > limit:
            out.append("".join(current))
            current, size = [], 0
        current.append(char)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out)


def calendar_head(product: str, name: str) -> list[str]:
    """The first lines of a calendar of ours, up to its first event.

    The time zone is declared even where every value is a date: it is what apps take
    floating times in, and RFC 5545 wants a calendar to hold at least one component,
    which keeps a calendar with nothing (yet) to show valid.
    """
    return [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//showcase-directory//{product}//ZH",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TIMEZONE}",
        "BEGIN:VTIMEZONE", f"TZID:{TIMEZONE}",
        "BEGIN:STANDARD", "DTSTART:19700101T000000",
        "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD",
        "END:VTIMEZONE",
    ]


def calendar_text(lines: list[str]) -> str:
    """The calendar's lines, closed, folded and ended with CRLF as RFC 5545 wants.

    Text values come escaped (``escape``); a control character left in any other value
    is dropped here, so that no CR or LF but the line ends' is ever written.
    """
    return "".join(fold(_CONTROL.sub("", line)) + "\r\n"
                   for line in (*lines, "END:VCALENDAR"))


def utc_stamp(stamp: dt.datetime) -> str:
    """A DTSTAMP value: the moment in UTC; a naive *stamp* is China's local time."""
    utc = (stamp - UTC_OFFSET if stamp.tzinfo is None else
           stamp.astimezone(dt.timezone.utc).replace(tzinfo=None))
    return utc.strftime("%Y%m%dT%H%M%SZ")


def _local(day: dt.date, minute: int) -> str:
    moment = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    return moment.strftime("%Y%m%dT%H%M%S")  # 24:00 becomes midnight of the next day


def _first_day(start: dt.date, hours: OpeningHours) -> dt.date:
    """The first date on or after *start* whose weekday is in the entry's days."""
    wanted = {WEEKDAYS.values.index(day) for day in hours.days}
    day = start
    while day.weekday() not in wanted:
        day += dt.timedelta(days=1)
    return day


def point_calendar(point: ShowcasePoint, holidays: tuple[Holiday, ...], *,
                   position: LatLng | None, page_url: str, host: str, stamp: dt.datetime,
                   text: CalendarText) -> str | None:
    """The iCalendar text of a point's opening hours, or None if it publishes none."""
    plan = schedule(point.visit)
    if plan is None:
        return None
    visit = point.visit
    closed = closed_days(plan, holidays)
    lines = calendar_head("visit hours", text.name.format(name=point.name))
    booking = visit.booking
    how = "、".join(x for x in (booking.phone, booking.url, booking.email, booking.wechat) if x) \
        if booking else ""
    description = text.booking.format(how=how) if how else ""
    since = dt.date(point.award.year, 1, 1)
    for index, hours in enumerate(visit.hours):
        first = _first_day(since, hours)
        start, end = minutes(hours.open), minutes(hours.close)
        days = {WEEKDAYS.values.index(day) for day in hours.days}
        lines += [
            "BEGIN:VEVENT",
            f"UID:{point.id}-hours-{index + 1}@{host}",
            f"DTSTAMP:{utc_stamp(stamp)}",
            f"DTSTART;TZID={TIMEZONE}:{_local(first, start)}",
            f"DTEND;TZID={TIMEZONE}:{_local(first, end)}",
            "RRULE:FREQ=WEEKLY;BYDAY=" + ",".join(BYDAY[day] for day in WEEKDAYS.values
                                                   if day in hours.days),
        ]
        excluded = [_local(day, start) for day in closed if day.weekday() in days and day >= first]
        if excluded:
            lines.append(f"EXDATE;TZID={TIMEZONE}:" + ",".join(excluded))
        lines += [f"SUMMARY:{escape(text.summary.format(name=point.name))}",
                  f"LOCATION:{escape(point.location.address)}"]
        if position is not None:  # WGS-84, as GPS and calendar apps read it
            lines.append(f"GEO:{position.lat:.6f};{position.lng:.6f}")
        if description:
            lines.append(f"DESCRIPTION:{escape(description)}")
        lines += [f"URL:{page_url}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    return calendar_text(lines)
