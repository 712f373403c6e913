"""A schema that fits real programmes, built for real: the fixture city copied and set
up as a county's walk-in street service centres (no booking), each with several
fields, the city's own extra facts, and plan targets beyond "at least N by a year".

Every setting is read back from what a visitor or a data user gets: the built pages
(selectors), the open-data files (the csv and json modules) and the JSON Schema.
"""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
import yaml

from .conftest import build, copy_city, soup

WALK_IN = "无需预约，开放时间内可直接前往。"


def _edit(path: Path, change) -> None:
    """Rewrite a YAML file through *change* (a function of its data)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _site(site: dict) -> None:
    site["programme"]["booking"] = "none"


def _beishan(point: dict) -> None:
    del point["visit"]["booking"]


def _lingyin(point: dict) -> None:
    point["visit"] = {"hours": [{"days": ["sat", "sun"], "open": "10:00", "close": "16:00"}]}


@pytest.fixture(scope="module")
def city(tmp_path_factory) -> Path:
    """The walk-in city, built once: its project folder (data/ and site/ in it)."""
    project = copy_city(tmp_path_factory.mktemp("programmes"))
    data = project / "data"
    _edit(data / "site.yml", _site)
    _edit(data / "points" / "beishan-centre.yml", _beishan)
    _edit(data / "points" / "lingyin-centre.yml", _lingyin)
    build(project / "mkdocs.yml", project / "site")
    return project


# -- booking: none -------------------------------------------------------------------


def test_a_walk_in_point_page_says_come_in_and_has_no_booking(city):
    page = soup(city / "site", "points/beishan-centre/")
    visit = page.select_one("#visit")
    assert visit.h2.get_text() == "开放时间与到访"
    assert visit.select_one(".sc-walk-in").get_text() == WALK_IN
    assert page.select(".sc-book") == [] and page.select(".sc-visit__more") == []
    page.select_one(".sc-walk-in").decompose()
    assert "预约" not in page.select_one("article").get_text()
    assert "扫码即可查看开放时间和交通指引" in page.select_one(".sc-plaque").get_text()


def test_a_walk_in_point_is_published_as_open_to_all(city):
    page = soup(city / "site", "points/beishan-centre/")
    graph = json.loads(page.select_one('script[type="application/ld+json"]').string)
    place = next(node for node in graph["@graph"] if node["@type"] == "Place")
    assert place["publicAccess"] is True and "telephone" not in place
    services = json.loads((city / "site" / "open-data" / "hsds" / "services.json")
                          .read_text(encoding="utf-8"))
    assert {s["name"]: s.get("application_process") for s in services} == {
        "北山街道社会组织服务中心": WALK_IN, "灵隐街道社会组织服务中心": WALK_IN}
    assert json.loads((city / "site" / "open-data" / "hsds" / "phones.json")
                      .read_text(encoding="utf-8")) == []


def test_a_walk_in_calendar_and_plaque_say_no_booking(city):
    ics = icalendar.Calendar.from_ical(
        (city / "site" / "points" / "beishan-centre" / "hours.ics").read_bytes())
    events = [c for c in ics.walk() if c.name == "VEVENT"]
    assert {str(e["SUMMARY"]) for e in events} == {"北山街道社会组织服务中心 开放时间（无需预约，可直接前往）"}
    assert all("DESCRIPTION" not in e for e in events)  # no "预约:…"
    plaque = (city / "site" / "points" / "beishan-centre" / "plaque.svg").read_text(encoding="utf-8")
    assert "扫码查看开放时间 · 无需预约" in plaque and "预约参观" not in plaque
    home = soup(city / "site", "")
    assert "如何前往参观" in home.get_text() and "如何预约参观" not in home.get_text()
