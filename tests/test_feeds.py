"""The feeds: the Atom feed of news and events read back with feedparser, the calendar of
upcoming events with icalendar, both checked against the YAML files (read with PyYAML, not
with the generator's model), with every link absolute and landing on an existing anchor."""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import icalendar
import prcoords
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import calendars, feeds
from generator.model import build_directory
from generator.gate import read_locale
from generator.validate import validate

from .conftest import (BUILD_DAY, BUILD_ENV, CHINA, CUSTOM_DOMAIN, DEMO_DATA, FIXTURES, FREE_VENUE,
                       ROOT, site_url, soup)


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _items(data_dir: Path, url: str) -> list[dict]:
    """Every programme step and event, newest first; same day: the earlier year's file
    first, then a year's steps before its events, each in file order (what feeds.py says)."""
    points = {path.stem: _yaml(path) for path in (data_dir / "points").glob("*.yml")}
    kinds = {term["id"]: term["name"]
             for term in _yaml(data_dir / "taxonomies" / "event_kinds.yml")}
    out = []
    for path in sorted((data_dir / "years").glob("*.yml"), key=lambda p: int(p.stem)):
        programme = _yaml(path)
        for prefix, key, kind_key in (("s", "programme", "step"), ("e", "events", "kind")):
            seen: dict[str, int] = {}
            for raw in programme.get(key) or []:
                day = f"{prefix}{raw['date']:%Y%m%d}"
                seen[day] = seen.get(day, 0) + 1
                anchor = day if seen[day] == 1 else f"{day}-{seen[day]}"
                point = points.get(raw.get("point"))
                out.append({**raw, "year": int(path.stem), "anchor": anchor,
                            "url": f"{url}years/{path.stem}/#{anchor}", "kind_id": raw[kind_key],
                            "kind_name": kinds[raw[kind_key]], "is_event": key == "events",
                            "point_data": point, "last": raw.get("end") or raw["date"]})
    return sorted(out, key=lambda item: item["date"], reverse=True)


def _upcoming(items: list[dict]) -> list[dict]:
    return [item for item in items if item["last"] >= BUILD_DAY]


def _begun(items: list[dict]) -> list[dict]:
    """What the feed may hold: the items whose first day has come."""
    return [item for item in items if item["date"] <= BUILD_DAY]


def _uid_domain(url: str) -> str:
    """Host and path: two GitHub Pages project sites share a host."""
    parts = urlsplit(url)
    return parts.hostname + parts.path.rstrip("/")


def _parse(site: Path) -> feedparser.FeedParserDict:
    # relative links left as written, so that "absolute" is ours, not feedparser's doing
    return feedparser.parse((site / "feed.xml").read_bytes(), resolve_relative_uris=False)


def _calendar(site: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / "events.ics").read_bytes())


def _lands(site: Path, url: str, prefix: str) -> BeautifulSoup | None:
    """The element an absolute link of the site points at (the page if it has no anchor);
    fails if the link leaves the site or its file or anchor is missing."""
    assert url.startswith(prefix), f"{url} is not under {prefix}"
    path, _, anchor = url[len(prefix):].partition("#")
    path = unquote(path)
    target = site / path
    assert target.is_file() or (target / "index.html").is_file(), url
    if not anchor:
        return None
    element = soup(site, path).find(id=anchor)
    assert element is not None, f"{url}: no element with that id"
    return element


def _markdown_lines(text: str) -> list[str]:
    """The words of each line of a Markdown text, as a reader sees them once rendered."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*+]|\d+[.)]|#+|>)\s+", "", line)
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line).replace("**", "").replace("`", "")
        if line.strip():
            lines.append(" ".join(line.split()))
    return lines


def _content_links(entry) -> list[str]:
    html = BeautifulSoup(entry.content[0].value, "html.parser")
    return [a["href"] for a in html.select("a[href]")] + [img["src"] for img in html.select("img")]


# --- the Atom feed ---------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_absolute_links_under_the_sub_path(demo_site):
    url = site_url()
    parsed = _parse(demo_site)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": url + "feed.xml", "alternate": url + "years/"}
    assert parsed.feed.id == url
    site = _yaml(DEMO_DATA / "site.yml")
    assert parsed.feed.author == site["bureau"]
    assert site["programme"]["title"] in parsed.feed.title
    assert urlsplit(url).path != "/", "the demo's site_url has a GitHub Pages sub-path"
    for link in links.values():
        _lands(demo_site, link, url)


def test_entries_are_the_newest_steps_and_events_with_their_dates_and_kinds(demo_site):
    url = site_url()
    expected = _begun(_items(DEMO_DATA, url))[:feeds.MAX_ENTRIES]
    parsed = _parse(demo_site)
    assert [e.title for e in parsed.entries] == [item["title"] for item in expected]
    for entry, item in zip(parsed.entries, expected):
        assert entry.id == entry.link == item["url"]
        start = dt.datetime.combine(item["date"], dt.time(), CHINA)
        assert entry.published == entry.updated == start.isoformat()
        assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc) == start
        assert [(tag.term, tag.label) for tag in entry.tags] == \
            [(item["kind_id"], item["kind_name"])]
    assert parsed.feed.updated == parsed.entries[0].updated


def test_items_still_to_come_are_in_the_calendar_not_the_feed(demo_site):
    url = site_url()
    later = [item for item in _items(DEMO_DATA, url) if item["date"] > BUILD_DAY]
    assert later, "the demo has steps and events after its build date"
    in_feed = {entry.link for entry in _parse(demo_site).entries}
    in_calendar = {str(event["URL"]) for event in _calendar(demo_site).walk("VEVENT")}
    for item in later:
        assert item["url"] not in in_feed and item["url"] in in_calendar


def test_every_entry_link_lands_on_its_item_on_the_year_page(demo_site):
    url = site_url()
    parsed = _parse(demo_site)
    for entry in parsed.entries:
        element = _lands(demo_site, entry.link, url)
        assert entry.title in element.get_text()


def test_entry_content_has_the_dates_the_venue_linked_absolutely_and_the_description(demo_site):
    url = site_url()
    expected = _begun(_items(DEMO_DATA, url))[:feeds.MAX_ENTRIES]
    for entry, item in zip(_parse(demo_site).entries, expected):
        assert entry.content[0].type == "text/html"
        html = BeautifulSoup(entry.content[0].value, "html.parser")
        text = html.get_text()
        assert item["date"].isoformat() in text
        if item.get("end"):
            assert item["end"].isoformat() in text
        venue = [a for a in html.select("a") if "/points/" in a["href"]]
        if item.get("point"):
            assert [(a["href"], a.get_text()) for a in venue] == [
                (f"{url}points/{item['point']}/", item["point_data"]["name"])]
        else:
            assert venue == []
            if item.get("venue"):
                assert item["venue"] in text
        words = " ".join(text.split())
        for line in _markdown_lines(item.get("description") or ""):
            assert line in words
        for link in _content_links(entry):
            _lands(demo_site, link, url)


def test_the_feed_keeps_only_the_newest_entries(monkeypatch):
    """The cap, on the demo's data in memory: five entries instead of fifty."""
    url = site_url()
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 5)
    validated, issues = validate(DEMO_DATA, ROOT)
    assert not issues
    directory = build_directory(validated)
    strings = read_locale(ROOT / "theme" / "locales", "zh-CN")
    stamp = dt.datetime(2024, 11, 23, tzinfo=dt.timezone.utc)
    xml = feeds.atom_feed(feeds.feed_items(directory, url), site=directory.site, public_url=url,
                          text=feeds.FeedText(**strings["feeds"]), lang="zh-CN",
                          content=feeds.EntryHtml(ROOT / "theme" / "pages", strings, url),
                          stamp=stamp)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    newest = _begun(_items(DEMO_DATA, url))[:5]
    assert [e.link for e in parsed.entries] == [item["url"] for item in newest]


# --- the calendar of upcoming events ---------------------------------------------------------


def test_the_calendar_has_every_upcoming_step_and_event_and_nothing_past(demo_site):
    url = site_url()
    host = _uid_domain(url)
    expected = {f"{item['anchor']}@{host}": item for item in _upcoming(_items(DEMO_DATA, url))}
    assert expected, "the demo has events after its build date"
    calendar = _calendar(demo_site)
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids))
    assert set(uids) == set(expected)
    site = _yaml(DEMO_DATA / "site.yml")
    assert site["programme"]["title"] in str(calendar["X-WR-CALNAME"])
    stamp = dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
    for event in events:
        item = expected[str(event["UID"])]
        assert str(event["SUMMARY"]) == item["title"]
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert not isinstance(start, dt.datetime) and not isinstance(end, dt.datetime)  # all day
        assert (start, end) == (item["date"], item["last"] + dt.timedelta(days=1))
        assert end > BUILD_DAY
        assert event["DTSTAMP"].dt == stamp
        assert str(event["URL"]) == item["url"]
        assert item["title"] in _lands(demo_site, str(event["URL"]), url).get_text()
        assert [str(kind) for kind in event["CATEGORIES"].cats] == [item["kind_name"]]


def test_events_at_points_carry_the_place_and_its_wgs84_position(demo_site):
    url = site_url()
    host = _uid_domain(url)
    expected = {f"{item['anchor']}@{host}": item for item in _upcoming(_items(DEMO_DATA, url))}
    at_points = delisted = 0
    for event in _calendar(demo_site).walk("VEVENT"):
        item = expected[str(event["UID"])]
        point = item["point_data"]
        if point is None:
            assert "GEO" not in event
            if not item["is_event"]:
                assert "LOCATION" not in event  # programme steps have no venue
            continue
        at_points += 1
        location = str(event["LOCATION"])
        assert point["name"] in location and point["location"]["address"] in location
        coordinates = point["location"].get("coordinates")
        if coordinates is None or point["status"] == "delisted":  # its page shows no map
            delisted += point["status"] == "delisted"
            assert "GEO" not in event
            continue
        wgs84 = {"wgs84": prcoords.Coords._make, "gcj02": prcoords.gcj_wgs_bored,
                 "bd09": prcoords.bd_wgs_bored}[coordinates["system"]](
            (coordinates["lat"], coordinates["lng"]))
        geo = event["GEO"]
        assert abs(geo.latitude - wgs84.lat) < 2e-5 and abs(geo.longitude - wgs84.lon) < 2e-5
    assert at_points, "the demo has upcoming events at points"
    assert delisted, "the demo has an upcoming event at a point delisted since"


def test_the_calendar_is_folded_at_75_octets_with_crlf(demo_site):
    raw = (demo_site / "events.ics").read_bytes()
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character in two
    assert any(line.startswith(b" ") for line in lines), "the demo has long lines to fold"


def test_a_calendar_with_nothing_upcoming_is_still_a_calendar(fixture_site):
    city = FIXTURES / "city"
    assert _upcoming(_items(city / "data", site_url(city / "mkdocs.yml"))) == [], \
        "the fixture city's events are all before the build date"
    calendar = _calendar(fixture_site)
    assert calendar.name == "VCALENDAR" and calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]


# --- the pages' links to the feeds ---------------------------------------------------------


@pytest.mark.parametrize("page", ["", "years/"])
def test_pages_announce_the_feeds_with_absolute_links(demo_site, page):
    url = site_url()
    head = soup(demo_site, page).head
    # the alternate token with the Atom type, as readers find a feed; not rel="alternate"
    # alone, after which Material's script would fetch a sitemap (test_browser sees none);
    # the page's languages, alternates with hreflang and no type, are test_editions.py's
    links = [(link["rel"], link["type"], link["href"])
             for link in head.select("link[rel~=alternate][type]")]
    assert links == [(["alternate", "feed"], "application/atom+xml", url + "feed.xml")]
    _lands(demo_site, links[0][2], url)


# --- another address: a custom domain, and an event at a venue that is not a point ---------
# (conftest's custom_domain_site: the demo at a custom domain, with one more event)


def test_another_site_url_prefixes_every_link(custom_domain_site):
    parsed = _parse(custom_domain_site)
    assert not parsed.bozo
    links = [parsed.feed.id] + [link.href for link in parsed.feed.links]
    for entry in parsed.entries:
        links += [entry.id, entry.link, *_content_links(entry)]
    links += [str(event["URL"]) for event in _calendar(custom_domain_site).walk("VEVENT")]
    head = soup(custom_domain_site, "").head
    links += [link["href"] for link in head.select("link[rel~=alternate][type]")]
    assert links
    for link in links:
        _lands(custom_domain_site, link, CUSTOM_DOMAIN)
    host = _uid_domain(CUSTOM_DOMAIN)
    assert host == "showcase.example.org"
    assert all(str(event["UID"]).endswith("@" + host)
               for event in _calendar(custom_domain_site).walk("VEVENT"))


def test_an_event_at_a_free_venue_names_it_without_a_link_or_position(custom_domain_site):
    data = custom_domain_site.parent / "data"
    item = next(item for item in _items(data, CUSTOM_DOMAIN) if item.get("venue") == FREE_VENUE)
    entry = next(e for e in _parse(custom_domain_site).entries if e.link == item["url"])
    html = BeautifulSoup(entry.content[0].value, "html.parser")
    assert FREE_VENUE in html.get_text() and html.select("a") == []
    event = next(e for e in _calendar(custom_domain_site).walk("VEVENT")
                 if str(e["URL"]) == item["url"])
    assert str(event["LOCATION"]) == FREE_VENUE and "GEO" not in event
    assert str(event["DESCRIPTION"]) == item["description"]


def test_the_years_index_links_to_both_files(demo_site):
    links = soup(demo_site, "years/").select("p.sc-subscribe a")
    assert [(a["href"], a["type"]) for a in links] == [
        ("../feed.xml", "application/atom+xml"), ("../events.ics", "text/calendar")]
    for a in links:
        assert (demo_site / "years" / a["href"]).resolve().is_file()


# --- any text, written correctly by each writer itself (issue 14) -----------------------------
# Validation refuses control characters before a build; these call the writers directly,
# with what it would refuse.

HOSTILE = ("诚信\x0b自律\x00活动\x1f；a,b;c\\d\r第二行\r\n第三行\n第四行\x7f \ud800\ufffe"
           + "深圳市社会组织" * 12 + "😀" * 20)
# the Markdown renderer (nh3) cannot take a lone surrogate: descriptions go without
MARKDOWN = HOSTILE.replace("\ud800", "")


def _as_xml_reads(text: str) -> str:
    """*text* as an XML reader gives it back: without what XML 1.0 cannot hold, line ends
    as LF (XML 1.0 section 2.11)."""
    kept = re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", text)
    return kept.replace("\r\n", "\n").replace("\r", "\n")


def _as_calendar_reads(text: str) -> str:
    """*text* as a TEXT value is read back: line breaks as LF, control characters and
    lone surrogates left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]", "", text)


@pytest.fixture(scope="module")
def demo():
    """The demo in memory: its directory, strings and address."""
    validated, issues = validate(DEMO_DATA, ROOT)
    assert not issues
    return build_directory(validated), read_locale(ROOT / "theme" / "locales", "zh-CN"), \
        site_url()


def _hostile_items(directory, url):
    """An event at a point, one at a free venue and a programme step, all with HOSTILE
    text, on one day."""
    items = feeds.feed_items(directory, url)
    at_point = next(item for item in items if item.is_event and item.point is not None)
    free = next(item for item in items if item.is_event and item.venue)
    step = next(item for item in items if not item.is_event)
    day = at_point.date
    return [
        dc.replace(at_point, item=dc.replace(at_point.item, title=HOSTILE, description=MARKDOWN)),
        dc.replace(free, item=dc.replace(free.item, title=HOSTILE, venue=HOSTILE, date=day,
                                         end=None, description=None)),
        dc.replace(step, item=dc.replace(step.item, title=HOSTILE, description=HOSTILE,
                                         date=day, end=None)),
    ]


def test_the_atom_writer_never_writes_what_xml_forbids(demo):
    directory, strings, url = demo
    items = _hostile_items(directory, url)
    stamp = dt.datetime.combine(items[0].date, dt.time(12), CHINA)
    xml = feeds.atom_feed(items, site=directory.site, public_url=url,
                          text=feeds.FeedText(**strings["feeds"]), lang="zh-CN",
                          content=feeds.EntryHtml(ROOT / "theme" / "pages", strings, url),
                          stamp=stamp)
    root = ET.fromstring(xml)  # strict: an illegal character is an error
    entries = root.findall(f"{{{feeds.ATOM}}}entry")
    assert [e.findtext(f"{{{feeds.ATOM}}}title") for e in entries] == [_as_xml_reads(HOSTILE)] * 3
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    content = BeautifulSoup(parsed.entries[0].content[0].value, "html.parser").get_text()
    assert "第四行" in content and "\x0b" not in content


def test_the_calendar_writer_escapes_text_and_ends_every_line_with_crlf(demo):
    directory, strings, url = demo
    items = _hostile_items(directory, url)
    stamp = dt.datetime.combine(items[0].date, dt.time(12), CHINA)
    raw = feeds.events_calendar(items, site=directory.site, text=feeds.FeedText(
        **strings["feeds"]), host="example.org", stamp=stamp).encode("utf-8")
    _assert_crlf_folded(raw)
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert len(events) == 3
    expected = _as_calendar_reads(HOSTILE)
    assert "\\" in expected and ";" in expected and "," in expected and "\n" in expected
    for event in events:
        assert event.errors == []
        assert str(event["SUMMARY"]) == expected
    # an event's Markdown description, as its words: one paragraph
    assert str(events[0]["DESCRIPTION"]) == _as_calendar_reads(" ".join(MARKDOWN.split()))
    assert str(events[1]["LOCATION"]) == expected
    assert str(events[2]["DESCRIPTION"]) == expected


def test_a_point_calendar_escapes_its_name_and_address(demo):
    directory, strings, url = demo
    point = next(p for p in directory.awarded if p.visit and p.visit.hours)
    point = dc.replace(point, name=HOSTILE, location=dc.replace(point.location, address=HOSTILE))
    raw = calendars.point_calendar(
        point, directory.holidays, position=None, page_url=f"{url}points/{point.id}/",
        host="example.org", stamp=dt.datetime(2024, 11, 23, tzinfo=dt.timezone.utc),
        text=calendars.CalendarText(**strings["calendar"])).encode("utf-8")
    _assert_crlf_folded(raw)
    calendar = icalendar.Calendar.from_ical(raw)
    expected = _as_calendar_reads(HOSTILE)
    # icalendar gives an X- property as written: read it as the TEXT it is (RFC 5545 3.3.11)
    name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1],
                  str(calendar["X-WR-CALNAME"]))
    assert name == strings["calendar"]["name"].format(name=expected)
    for event in calendar.walk("VEVENT"):
        assert event.errors == []
        assert str(event["LOCATION"]) == expected
        assert str(event["SUMMARY"]) == strings["calendar"]["summary"].format(name=expected)


def _assert_crlf_folded(raw: bytes) -> None:
    """Every line ends in CRLF, no CR or LF stands alone, no line is over 75 octets, and
    no fold cuts a UTF-8 character."""
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\r") == raw.count(b"\n") == raw.count(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "long lines were folded"
    for line in lines:
        line.decode("utf-8")


@pytest.mark.parametrize("line", [
    "SUMMARY:" + "深" * 60, "SUMMARY:" + "😀" * 40, "SUMMARY:" + "a" * 200,
    "SUMMARY:" + "ab深😀" * 30, "X:" + "a" * 73, "X:" + "a" * 72 + "深"])
def test_folding_keeps_lines_at_75_octets_and_characters_whole(line):
    folded = calendars.fold(line).encode("utf-8")
    parts = folded.split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert all(part.startswith(b" ") for part in parts[1:])
    assert b"".join([parts[0], *(part[1:] for part in parts[1:])]).decode("utf-8") == line


def test_an_event_at_a_delisted_point_has_no_position(demo):
    directory, _, url = demo
    at_delisted = [item for item in feeds.feed_items(directory, url)
                   if item.point is not None and item.point.status == "delisted"]
    assert at_delisted and all(item.position is None for item in at_delisted)
    assert any(item.point.id in directory.positions for item in at_delisted)
