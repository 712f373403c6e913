"""The annual pages: an index of years, a page per year (its programme, the points awarded
and delisted, its events, projects and cases), and each point's events on its page, all
checked against the YAML."""

from __future__ import annotations

import datetime as dt

import yaml

from .conftest import DEMO_DATA, soup


def _load(kind: str) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO_DATA / kind).glob("*.yml"))}


def _years() -> list[int]:
    files = {int(stem) for stem in _load("years")}
    awards = {p["award"]["year"] for p in _load("points").values()}
    return sorted(files | awards, reverse=True)


def _events(year: int) -> list[dict]:
    programme = _load("years").get(str(year)) or {}
    return sorted(programme.get("events") or [], key=lambda e: e["date"])


def _links(section) -> list[str]:
    return [a["href"].rstrip("/").split("/")[-1] for a in section.select("a.sc-item__title")]


def test_the_index_lists_every_year_newest_first_with_its_figures(demo_site):
    page = soup(demo_site, "years/")
    items = page.select("article li.sc-item")
    assert [a.get_text(strip=True) for a in page.select("article a.sc-item__title")] == \
        [f"{year} 年度" for year in _years()]
    points = _load("points").values()
    for item, year in zip(items, _years()):
        awarded = sum(1 for p in points if p["award"]["year"] == year)
        assert item.select_one(".sc-item__meta").get_text(strip=True) == \
            f"授牌 {awarded} 个 · 活动 {len(_events(year))} 场"


def test_a_year_page_has_its_programme_cohort_delistings_events_projects_and_cases(demo_site):
    points, projects, cases = _load("points"), _load("projects"), _load("cases")
    for year in _years():
        page = soup(demo_site, f"years/{year}/")
        assert page.select_one("article h1").get_text(strip=True) == f"{year} 年度"
        awarded = page.find("section", attrs={"aria-labelledby": "awarded"})
        assert sorted(_links(awarded)) == sorted(
            id_ for id_, p in points.items() if p["award"]["year"] == year)
        delisted = sorted(id_ for id_, p in points.items()
                          if p.get("delisted") and p["delisted"]["date"].year == year)
        section = page.find("section", attrs={"aria-labelledby": "delisted"})
        assert (sorted(_links(section)) if section else []) == delisted
        events = page.find("section", attrs={"aria-labelledby": "events"})
        expected = _events(year)
        titles = [t.get_text(strip=True) for t in events.select(".sc-item__title")] if events else []
        assert titles == [e["title"] for e in expected]
        for item, event in zip(events.select("li.sc-item") if events else [], expected):
            venue = item.select_one(".sc-item__meta a")
            if event.get("point"):
                assert venue["href"] == f"../../points/{event['point']}/"
                assert venue.get_text() == points[event["point"]]["name"]
            else:
                assert venue is None and event["venue"] in item.get_text()
        section = page.find("section", attrs={"aria-labelledby": "projects"})
        assert (sorted(_links(section)) if section else []) == sorted(
            id_ for id_, p in projects.items() if p["year"] == year)
        section = page.find("section", attrs={"aria-labelledby": "cases"})
        assert (sorted(_links(section)) if section else []) == sorted(
            id_ for id_, c in cases.items() if c["year"] == year)


def test_the_programme_timeline_runs_in_date_order(demo_site):
    for stem, programme in _load("years").items():
        steps = sorted(programme.get("programme") or [], key=lambda s: s["date"])
        page = soup(demo_site, f"years/{stem}/")
        times = [t["datetime"] for t in page.select("ol.sc-timeline li > time:first-of-type")]
        assert times == [s["date"].isoformat() for s in steps]
        assert [dt.date.fromisoformat(t) for t in times] == sorted(dt.date.fromisoformat(t) for t in times)


def test_years_link_to_the_previous_and_the_next(demo_site):
    years = _years()
    for i, year in enumerate(years):
        links = {a.get_text(strip=True): a["href"]
                 for a in soup(demo_site, f"years/{year}/").select("nav.sc-year-nav a")}
        expected = {}
        if i + 1 < len(years):
            expected[f"上一年度：{years[i + 1]}"] = f"../../years/{years[i + 1]}/"
        if i:
            expected[f"下一年度：{years[i - 1]}"] = f"../../years/{years[i - 1]}/"
        assert links == expected


def test_each_point_lists_its_events_linked_to_their_place_on_the_year_page(demo_site):
    held: dict[str, list[tuple[int, dict]]] = {}
    for stem, programme in _load("years").items():
        for event in programme.get("events") or []:
            if event.get("point"):
                held.setdefault(event["point"], []).append((int(stem), event))
    assert held, "the demo has events at points"
    for point_id in _load("points"):
        page = soup(demo_site, f"points/{point_id}/")
        section = page.find("section", attrs={"aria-labelledby": "events"})
        expected = sorted(held.get(point_id, []), key=lambda pair: pair[1]["date"], reverse=True)
        if not expected:
            assert section is None
            continue
        links = section.select("a.sc-item__title")
        assert [a.get_text() for a in links] == [e["title"] for _, e in expected]
        for link, (year, event) in zip(links, expected):
            path, anchor = link["href"].split("#")
            assert path == f"../../years/{year}/"
            target = soup(demo_site, f"years/{year}/").find(id=anchor)
            assert target is not None and target.select_one(".sc-item__title").get_text() == event["title"]
