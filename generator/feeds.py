"""Render stage for feeds: the programme's news and events as an Atom feed (RFC 4287), and
those still to come as an iCalendar file (RFC 5545).

A feed reader or a calendar app reads them away from the site, so every link in them is
absolute, made from the published address (``site_url``, often a GitHub Pages sub-path).
Each item points at its place on its year's page (``years/2024/#e20241207``): the anchor
is made from the date, so an entry's id and a calendar event's UID stay the same when
other items are added. The dates in the feed come from the data, not from the build's
clock, so two builds of the same data give the same feed.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2

from .calendars import calendar_head, calendar_text, escape, utc_stamp
from .coords import LatLng
from .model import Directory
from .richtext import RichText
from .schema import Event, Photo, ProgrammeStep, ShowcasePoint, SiteConfig
from .search import plain_text
from .visits import UTC_OFFSET

FEED_PATH = "feed.xml"  # site paths of the two files, beside the home page
CALENDAR_PATH = "events.ics"
# A reader keeps what it has fetched before, so the feed only needs the latest news: a
# year of the demo has a dozen items, and fifty cover a few years of a busy programme.
MAX_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
# What XML 1.0 cannot hold at all (its Char production), escaped or not; ElementTree
# writes it as given, and a reader then refuses the whole feed
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CHINA = dt.timezone(UTC_OFFSET)


@dataclass(frozen=True)
class FeedText:
    """The localised words of the feeds."""

    title: str  # "{programme}活动与动态": the Atom feed's title
    subtitle: str  # "{bureau}发布的…"
    calendar: str  # "{programme}活动日历": the iCalendar file's name in calendar apps
    location: str  # "{name},{address}": an event's place, in the calendar


@dataclass(frozen=True)
class FeedItem:
    """An event or a programme step, with what the feeds say of it."""

    item: Event | ProgrammeStep
    year: int
    anchor: str  # its place on its year's page
    url: str  # absolute: the year's page and the anchor
    kind_id: str
    kind_name: str
    point: ShowcasePoint | None = None  # where an event is held, if at a showcase point
    point_url: str | None = None  # absolute
    position: LatLng | None = None  # the point's, WGS-84, if it publishes one

    @property
    def is_event(self) -> bool:
        return isinstance(self.item, Event)

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def date(self) -> dt.date:
        return self.item.date

    @property
    def last_day(self) -> dt.date:
        return self.item.end or self.item.date

    @property
    def venue(self) -> str | None:
        """The free venue name of an event not held at a showcase point."""
        return self.item.venue if self.is_event else None

    @property
    def photos(self) -> tuple[Photo, ...]:
        return self.item.photos if self.is_event else ()

    def plain_description(self) -> str:
        """The description as plain words: events are written in Markdown, steps are not."""
        text = self.item.description or ""
        return plain_text(text) if self.is_event else text


def feed_items(directory: Directory, public_url: str) -> list[FeedItem]:
    """Every programme step and event of every year, newest first by (first) date.

    Items of the same day keep the order of the data: the earlier year's file first (a
    day belongs to one year, so this never happens in practice), then a year's programme
    steps before its events, each in its file's order. That is what sorting steps and
    events of the years in turn, stably, gives.
    """
    items = []
    for programme in directory.years:
        for step in programme.programme:
            items.append(_item(directory, public_url, programme.year, step, step.step))
        for event in programme.events:
            items.append(_item(directory, public_url, programme.year, event, event.kind))
    return sorted(items, key=lambda item: item.date, reverse=True)  # sorted() is stable


def _item(directory: Directory, public_url: str, year: int, item: Event | ProgrammeStep,
          kind: str) -> FeedItem:
    anchor = directory.anchor(item)
    place: dict[str, Any] = {}
    point_id = item.point if isinstance(item, Event) else None
    if point_id:
        place = {"point": directory.point_by_id[point_id],
                 "point_url": f"{public_url}points/{point_id}/",
                 "position": directory.position_of(directory.point_by_id[point_id])}
    return FeedItem(item, year, anchor, f"{public_url}years/{year}/#{anchor}", kind,
                    directory.term("event_kinds", kind).name, **place)


class EntryHtml:
    """An entry's content as HTML, from the theme's ``feed_entry.html`` fragment: its
    dates, its venue and its description, rendered and sanitised as on the year page."""

    def __init__(self, templates_dir: Path, strings: dict[str, Any], public_url: str):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(templates_dir),
                                 autoescape=True, undefined=jinja2.StrictUndefined,
                                 trim_blocks=True, lstrip_blocks=True)
        env.filters["markdown"] = RichText()
        env.globals.update(t=strings, public_url=public_url)  # the shared macros read t
        self._template = env.get_template("feed_entry.html")

    def __call__(self, entry: FeedItem) -> str:
        return self._template.render(entry=entry).strip()


def atom_feed(items: list[FeedItem], *, site: SiteConfig, public_url: str, text: FeedText,
              lang: str, content: Callable[[FeedItem], str], stamp: dt.datetime) -> bytes:
    """The Atom feed of the newest *items* begun by the build's day (at most MAX_ENTRIES),
    as UTF-8 XML.

    An item is dated by its first day, and a feed's dates say when something happened:
    an item still to come would sit at the top with a date in the future, and make the
    feed's ``updated`` a day that has not come. Those items are in the calendar; each
    joins the feed with the first build on or after its day. The feed's ``updated`` is
    its newest entry's, so it changes only with the data; a feed with no entry takes the
    build's time (*stamp*).
    """
    today = stamp.astimezone(_CHINA).date()
    entries = [item for item in items if item.date <= today][:MAX_ENTRIES]
    # The namespace is declared as an attribute: ElementTree's own namespace handling
    # would want the attributes (rel, href) qualified too, or a global prefix registered.
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": lang})
    _add(feed, "id", public_url)
    _add(feed, "title", text.title.format(programme=site.programme.title))
    _add(feed, "subtitle", text.subtitle.format(bureau=site.bureau))
    _add(feed, "link", rel="self", type="application/atom+xml", href=public_url + FEED_PATH)
    _add(feed, "link", rel="alternate", type="text/html", href=public_url + "years/")
    _add(feed, "updated", _moment(entries[0].date) if entries else stamp.isoformat())
    author = _add(feed, "author")
    _add(author, "name", site.bureau)
    _add(author, "uri", public_url)
    _add(feed, "generator", "showcase-directory")
    for entry in entries:
        _entry(feed, entry, content(entry))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, item: FeedItem, html: str) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", item.url)
    _add(entry, "title", item.title)
    _add(entry, "link", rel="alternate", type="text/html", href=item.url)
    _add(entry, "published", _moment(item.date))
    _add(entry, "updated", _moment(item.date))
    _add(entry, "category", term=item.kind_id, label=item.kind_name)
    # a relative link in an editor's Markdown was written for the year page: resolve it there
    _add(entry, "content", html, type="html", **{"xml:base": item.url.split("#")[0]})


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element: every text and attribute value of the feed is set here, as XML text."""
    element = ET.SubElement(parent, tag, {name: xml_text(value)
                                          for name, value in attributes.items()})
    element.text = None if text is None else xml_text(text)
    return element


def xml_text(text: str) -> str:
    """*text* without the characters XML 1.0 forbids (control characters other than tab,
    LF and CR; lone surrogates; U+FFFE, U+FFFF), which no escaping could make legal."""
    return _NOT_XML.sub("", text)


def _moment(day: dt.date) -> str:
    """The start of a day in China, as an RFC 3339 date-time: ``2024-12-07T00:00:00+08:00``."""
    return dt.datetime.combine(day, dt.time(), tzinfo=_CHINA).isoformat()


def events_calendar(items: list[FeedItem], *, site: SiteConfig, text: FeedText, host: str,
                    stamp: dt.datetime) -> str:
    """The iCalendar text of the items whose last day is today or later (in China).

    Each is an all-day event: its first day to the day after its last (DTEND is exclusive).
    """
    today = stamp.astimezone(_CHINA).date()
    upcoming = sorted((item for item in items if item.last_day >= today),
                      key=lambda item: item.date)
    lines = calendar_head("events", text.calendar.format(programme=site.programme.title))
    for item in upcoming:
        lines += _vevent(item, text, host, utc_stamp(stamp))
    return calendar_text(lines)


def _vevent(item: FeedItem, text: FeedText, host: str, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.anchor}@{host}",  # the anchor holds the date: unique on the site
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{item.date:%Y%m%d}",
        f"DTEND;VALUE=DATE:{item.last_day + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape(item.title)}",
    ]
    description = item.plain_description()
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if item.point is not None:
        where = text.location.format(name=item.point.name, address=item.point.location.address)
        lines.append(f"LOCATION:{escape(where)}")
    elif item.venue:
        lines.append(f"LOCATION:{escape(item.venue)}")
    if item.position is not None:  # WGS-84, as GPS and calendar apps read it
        lines.append(f"GEO:{item.position.lat:.6f};{item.position.lng:.6f}")
    lines += [f"URL:{item.url}", f"CATEGORIES:{escape(item.kind_name)}",
              "TRANSP:TRANSPARENT", "END:VEVENT"]
    return lines
