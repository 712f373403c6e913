"""Visit information: the iCalendar files, "open now / next opening" and the directory's
"open this week" filter, checked against what the YAML records say.

The expected answers come from the raw YAML (read with PyYAML, not our loader) and a
few lines of date arithmetic here; the iCalendar files are read by the independent
`icalendar` library and expanded with dateutil's rrule.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr

from generator.calendars import fold

from .conftest import DEMO_DATA, soup

SHANGHAI = ZoneInfo("Asia/Shanghai")
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _records() -> dict[str, dict]:
    import yaml

    # BaseLoader: every scalar is text, so "09:30" can never become minutes
    return {path.stem: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            for path in sorted((DEMO_DATA / "points").glob("*.yml"))}


def _holidays() -> set[dt.date]:
    import yaml

    days = set()
    for item in yaml.load((DEMO_DATA / "holidays.yml").read_text(encoding="utf-8"),
                          Loader=yaml.BaseLoader):
        day, end = dt.date.fromisoformat(item["start"]), dt.date.fromisoformat(item["end"])
        while day <= end:
            days.add(day)
            day += dt.timedelta(days=1)
    return days


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _openings(record: dict, day: dt.date, holidays: set[dt.date]) -> list[tuple[int, int]]:
    visit = record.get("visit") or {}
    if day.isoformat() in visit.get("closed_dates", []):
        return []
    if visit.get("public_holidays", "closed") == "closed" and day in holidays:
        return []
    return sorted((_minutes(h["open"]), _minutes(h["close"])) for h in visit.get("hours", [])
                  if DAYS[day.weekday()] in h["days"])


def _next_opening(record, now: dt.datetime, holidays, horizon: int):
    """(date, open, close, open now?) of the current or next opening, as the page must say."""
    minute = now.hour * 60 + now.minute
    for offset in range(horizon):
        day = now.date() + dt.timedelta(days=offset)
        for start, end in _openings(record, day, holidays):
            if offset == 0 and end <= minute:
                continue
            return day, start, end, offset == 0 and start <= minute
    return None


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


# --- iCalendar --------------------------------------------------------------------------


def test_every_calendar_repeats_the_records_hours(demo_site):
    records, holidays = _records(), _holidays()
    checked = 0
    for point_id, record in records.items():
        path = demo_site / "points" / point_id / "hours.ics"
        hours = (record.get("visit") or {}).get("hours")
        if record["status"] != "awarded" or not hours:
            assert not path.exists(), point_id
            continue
        raw = path.read_bytes()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), point_id
        calendar = icalendar.Calendar.from_ical(raw)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == len(hours)
        # expand four weeks of 2025 from the files and from the YAML: the same openings
        start = dt.datetime(2025, 9, 22, tzinfo=SHANGHAI)
        end = start + dt.timedelta(weeks=4)
        from_calendar = set()
        for event in events:
            first = event["DTSTART"].dt
            length = event["DTEND"].dt - first
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=first)
            excluded = {d.dt for ex in ([event["EXDATE"]] if not isinstance(event.get("EXDATE"), list)
                                        else event["EXDATE"]) if ex for d in ex.dts} \
                if event.get("EXDATE") else set()
            for moment in rule.between(start, end, inc=True):
                if moment not in excluded:
                    from_calendar.add((moment, moment + length))
        from_yaml = set()
        day = start.date()
        while day < end.date():
            for open_, close in _openings(record, day, holidays):
                midnight = dt.datetime.combine(day, dt.time(), SHANGHAI)
                from_yaml.add((midnight + dt.timedelta(minutes=open_),
                               midnight + dt.timedelta(minutes=close)))
            day += dt.timedelta(days=1)
        assert from_calendar == from_yaml, point_id
        assert str(events[0]["URL"]).endswith(f"/points/{point_id}/")
        checked += 1
    assert checked >= 20


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "社会组织交流服务展示点" * 10
    folded = fold(line)
    parts = folded.encode("utf-8").split(b"\r\n ")
    assert all(len(part) <= 75 for part in parts)
    assert "".join(p.decode("utf-8") for p in parts) == line  # each part decodes on its own


def test_point_page_links_its_calendar(demo_site):
    page = soup(demo_site, "points/futian-vr-industry/")
    link = page.select_one(".sc-calendar a")
    assert link["href"] == "../../points/futian-vr-industry/hours.ics"
    assert page.select_one(".sc-facts dt:-soup-contains('法定节假日') + dd").get_text() == "闭馆"


# --- In the browser ---------------------------------------------------------------------

# A visitor abroad: the page must still speak in the point's own time.
ABROAD = {"timezone_id": "America/New_York", "locale": "zh-CN"}


def _page_at(browser, moment: dt.datetime):
    context = browser.new_context(**ABROAD)
    page = context.new_page()
    page.clock.set_fixed_time(moment)
    return context, page


@pytest.mark.parametrize("point_id, moment", [
    ("futian-vr-industry", dt.datetime(2025, 9, 23, 10, 0, tzinfo=SHANGHAI)),   # a Tuesday, open
    ("futian-vr-industry", dt.datetime(2025, 9, 23, 12, 30, tzinfo=SHANGHAI)),  # lunch break
    ("futian-vr-industry", dt.datetime(2025, 9, 27, 18, 0, tzinfo=SHANGHAI)),   # Saturday evening
    ("futian-vr-industry", dt.datetime(2025, 9, 30, 20, 0, tzinfo=SHANGHAI)),   # before the holiday
    ("baoan-community-governance", dt.datetime(2025, 10, 1, 9, 0, tzinfo=SHANGHAI)),
])
def test_open_now_and_next_opening(browser, demo_url, point_id, moment):
    record = _records()[point_id]
    found = _next_opening(record, moment.astimezone(SHANGHAI), _holidays(), 120)
    day, start, end, is_open = found
    today = moment.astimezone(SHANGHAI).date()
    if is_open:
        expected = f"正在开放，今天 {_hhmm(end)} 结束"
    elif day == today:
        expected = f"今天 {_hhmm(start)} 开放"
    elif day == today + dt.timedelta(days=1):
        expected = f"下次开放：明天 {_hhmm(start)}"
    else:
        weekday = "一二三四五六日"[day.weekday()]
        expected = f"下次开放：{day.month} 月 {day.day} 日（周{weekday}） {_hhmm(start)}"
    context, page = _page_at(browser, moment)
    page.goto(f"{demo_url}points/{point_id}/")
    status = page.locator(".sc-open-status")
    status.wait_for(state="visible")
    assert status.inner_text() == expected
    context.close()


def test_open_this_week_filter_counts_and_url(browser, demo_url):
    moment = dt.datetime(2025, 9, 29, 9, 0, tzinfo=SHANGHAI)  # the week of the National Day
    records, holidays = _records(), _holidays()
    expected = sorted(
        point_id for point_id, record in records.items()
        if record["status"] == "awarded" and _next_opening(record, moment, holidays, 7))
    awarded = [point_id for point_id, record in records.items() if record["status"] == "awarded"]
    assert 0 < len(expected) < len(awarded)  # the filter has something to do
    context, page = _page_at(browser, moment)
    page.goto(demo_url + "points/")
    page.locator(".sc-facet summary", has_text="参观").click()
    box = page.get_by_label("本周可参观（今天起 7 天内有开放时间）")
    box.check()
    shown = sorted(item.get_attribute("data-point")
                   for item in page.locator(".sc-item:visible").all())
    assert shown == expected
    assert page.locator(".sc-facets__summary").inner_text() == \
        f"找到 {len(expected)} 个，共 {len(records)} 个"
    assert page.url.endswith("points/?open=week")
    assert not page.locator("#delisted").is_visible()
    page.reload()  # the state is in the URL: a shared link opens filtered
    assert page.get_by_label("本周可参观（今天起 7 天内有开放时间）").is_checked()
    assert len(page.locator(".sc-item:visible").all()) == len(expected)
    box = page.get_by_label("本周可参观（今天起 7 天内有开放时间）")
    box.focus()
    page.keyboard.press("Space")  # keyboard only
    assert len(page.locator(".sc-item:visible").all()) == len(records)
    assert page.url.endswith("points/")
    context.close()


def test_without_javascript_the_directory_is_complete(browser, demo_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "points/")
    assert not page.locator("form.sc-facets").is_visible()
    assert len(page.locator(".sc-item:visible").all()) == len(_records())
    page.goto(demo_url + "points/futian-vr-industry/")
    assert not page.locator(".sc-open-status").is_visible()
    assert page.locator(".sc-hours li").count() == 2
    context.close()
