"""When a point can be visited: weekly hours, closed dates and public holidays as one schedule.

The schedule is what the browser needs to say "open now" or "next opening" (in the
point's own time, China Standard Time, whatever the visitor's phone is set to), what
the directory's "open this week" filter reads, and what the iCalendar files repeat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from .schema import WEEKDAYS, Holiday, Visit

# Every city of the directory keeps Beijing time, without daylight saving.
TIMEZONE = "Asia/Shanghai"
UTC_OFFSET = dt.timedelta(hours=8)


def visiting_words(booking: str, strings: dict[str, Any]) -> dict[str, str]:
    """The words about visiting that follow the programme's ``booking`` (required,
    optional, none): the plaque's caption and the calendar's summary. Walk-in centres
    (none) say so instead of asking for a booking; the pages read ``visiting`` alike."""
    plaque, calendar, walk_in = strings["plaques"], strings["calendar"], strings["visiting"]
    if booking == "none":
        return {"caption": walk_in["plaque_caption_walk_in"],
                "summary": walk_in["calendar_summary_walk_in"]}
    if booking == "optional":
        return {"caption": plaque["caption"], "summary": walk_in["calendar_summary_optional"]}
    return {"caption": plaque["caption"], "summary": calendar["summary"]}


def minutes(time: str) -> int:
    """Minutes since midnight of a validated "HH:MM" (24:00 is the end of the day)."""
    hours, mins = time.split(":")
    return int(hours) * 60 + int(mins)


@dataclass(frozen=True)
class Schedule:
    """Opening ranges per weekday (Monday first), and the days closed anyway."""

    weekly: tuple[tuple[tuple[int, int], ...], ...]
    closed_dates: tuple[dt.date, ...]  # the point's own
    closed_on_holidays: bool

    @property
    def open_days(self) -> tuple[int, ...]:
        """Weekday numbers (0 = Monday) with at least one opening."""
        return tuple(i for i, ranges in enumerate(self.weekly) if ranges)

    def to_json(self) -> dict[str, Any]:
        """Compact, for a data attribute: ``{"w": [[540, 720, 840, 1050], [], …], …}``."""
        out: dict[str, Any] = {"w": [[m for r in ranges for m in r] for ranges in self.weekly]}
        if self.closed_dates:
            out["x"] = [d.isoformat() for d in self.closed_dates]
        if self.closed_on_holidays:
            out["h"] = 1
        return out


def schedule(visit: Visit | None) -> Schedule | None:
    """The point's schedule, or None when it publishes no opening hours."""
    if visit is None or not visit.hours:
        return None
    weekly = tuple(
        tuple(sorted((minutes(h.open), minutes(h.close)) for h in visit.hours if day in h.days))
        for day in WEEKDAYS.values)
    return Schedule(weekly, tuple(sorted(set(visit.closed_dates))),
                    visit.public_holidays == "closed")


def holiday_dates(holidays: Iterable[Holiday]) -> list[dt.date]:
    """Every day of every public holiday, in order."""
    days = set()
    for holiday in holidays:
        day = holiday.start
        while day <= holiday.end:
            days.add(day)
            day += dt.timedelta(days=1)
    return sorted(days)


def closed_days(plan: Schedule, holidays: Iterable[Holiday]) -> list[dt.date]:
    """The dates a point is closed although its weekday is open."""
    days = set(plan.closed_dates)
    if plan.closed_on_holidays:
        days.update(holiday_dates(holidays))
    return sorted(day for day in days if plan.weekly[day.weekday()])
