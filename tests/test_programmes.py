"""A schema that fits real programmes, built for real: the fixture city copied and set
up as a county's walk-in street service centres (no booking), each with several
fields, the city's own extra facts, and plan targets beyond "at least N by a year".

Every setting is read back from what a visitor or a data user gets: the built pages
(selectors), the open-data files (the csv and json modules) and the JSON Schema.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
import yaml

from .conftest import build, copy_city, soup
from .searching import SiteIndex

WALK_IN = "无需预约，开放时间内可直接前往。"


def _edit(path: Path, change) -> None:
    """Rewrite a YAML file through *change* (a function of its data)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


EXTRA_FIELDS = [
    {"id": "staff", "label": "专职工作人员", "type": "number", "description": "中心的专职工作人员人数。"},
    {"id": "services", "label": "服务项目", "type": "list", "description": "中心提供的服务。"},
    {"id": "opened", "label": "启用日期", "type": "date", "description": "中心启用的日期。"},
    {"id": "report", "label": "年度报告", "type": "url", "description": "年度报告的网址。"},
    {"id": "volunteers", "label": "志愿者人数", "type": "number", "description": "参与的志愿者人数。",
     "collection": "projects"},
]


def _site(site: dict) -> None:
    site["programme"]["booking"] = "none"
    site["extra_fields"] = EXTRA_FIELDS
    site["targets"] = [
        {"year": 2023, "coverage": "districts"},
        {"year": 2024, "coverage": "streets", "source": "示例市社会组织发展规划"},
        {"year": 2024, "share": 50, "of": "rated"},
        {"year": 2025, "count": 2, "of": "projects"},
        {"year": 2025, "points": 4},
    ]


def _beishan(point: dict) -> None:
    del point["visit"]["booking"]
    point["other_fields"] = ["culture"]
    point["extra"] = {"staff": 6, "services": ["孵化培育", "法律咨询"], "opened": "2019-05-01",
                      "report": "https://example.org/beishan/report"}


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
    _edit(data / "projects" / "beishan-elderly-meals.yml",
          lambda project: project.update(extra={"volunteers": 12}))
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
    assert all("DESCRIPTION" not in e for e in events)  # no "预约：…"
    plaque = (city / "site" / "points" / "beishan-centre" / "plaque.svg").read_text(encoding="utf-8")
    assert "扫码查看开放时间 · 无需预约" in plaque and "预约参观" not in plaque
    home = soup(city / "site", "")
    assert "如何前往参观" in home.get_text() and "如何预约参观" not in home.get_text()


# -- several fields --------------------------------------------------------------------


def _csv(city: Path, kind: str) -> list[dict[str, str]]:
    text = (city / "site" / "open-data" / f"{kind}.csv").read_bytes().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _json(city: Path, name: str):
    return json.loads((city / "site" / "open-data" / name).read_text(encoding="utf-8"))


def test_a_point_is_listed_under_each_of_its_fields(city):
    culture = soup(city / "site", "fields/culture/")
    points = 'a.sc-item__title[href^="../../points/"]'
    assert [a["href"] for a in culture.select(points)] == ["../../points/beishan-centre/"]
    community = soup(city / "site", "fields/community/")
    assert len(community.select(points)) == 2
    fields = soup(city / "site", "fields/")
    assert [(h.get_text(), [c.get_text() for c in h.find_next("ul").select(".sc-count")])
            for h in fields.select("article h2")] == [("主要领域", ["1"]), ("其他领域", ["2"])]
    page = soup(city / "site", "points/beishan-centre/")
    assert [a.get_text() for a in page.select(".sc-meta a")] == ["社区服务", "文化体育"]


def test_every_field_of_a_point_is_a_facet_value(city):
    page = soup(city / "site", "points/")
    facet = page.select_one('fieldset[data-facet="field"]')
    assert [(i["value"], c.get_text()) for i, c in zip(
        facet.select("input"), facet.select(".sc-facet__count"))] == [
        ("community", "2"), ("culture", "2")]  # beishan (other field) and river (primary)
    codes = {li["data-point"]: li["data-f"].split()[0] for li in page.select("li[data-f]")}
    assert codes["beishan-centre"] == "0,1" and codes["river-centre"] == "1"


def test_the_fields_chart_counts_a_point_in_each_of_its_fields(city):
    chart = soup(city / "site", "years/").select_one("#chart-fields-caption").find_parent("figure")
    rows = [(tr.th.get_text(), tr.td.get_text()) for tr in chart.select("tbody tr")]
    assert rows == [("社区服务", "2"), ("文化体育", "1")]  # as many as each field's page lists


def test_the_home_pages_field_chips_count_every_field_of_a_point(city):
    home = soup(city / "site", "")
    chips = [(a.contents[0].strip(), a.select_one(".sc-count").get_text())
             for a in home.select(".sc-terms a[href^='fields/']")]
    assert chips == [("社区服务", "2"), ("文化体育", "1")]  # as each field's page lists


def test_other_fields_are_searched_and_published(city):
    assert SiteIndex(city / "site").finds("points/beishan-centre/", "文化体育")
    row = next(r for r in _csv(city, "points") if r["编号（id）"] == "beishan-centre")
    assert (row["领域编号（field）"], row["其他领域编号（other_fields）"], row["其他领域（other_field_names）"]) \
        == ("community", "culture", "文化体育")
    record = next(p for p in _json(city, "points.json")["points"] if p["id"] == "beishan-centre")
    assert record["field"] == "community" and record["other_fields"] == ["culture"]
    feature = next(f for f in _json(city, "points.geojson")["features"] if f["id"] == "beishan-centre")
    assert feature["properties"]["other_fields"] == ["culture"]
    assert feature["properties"]["other_field_names"] == ["文化体育"]


# -- the city's own fields --------------------------------------------------------------


def test_extra_fields_are_shown_with_their_labels(city):
    extra = soup(city / "site", "points/beishan-centre/").select_one("dl.sc-extra")
    assert [(dt.get_text(), dd.get_text()) for dt, dd in zip(extra("dt"), extra("dd"))] == [
        ("专职工作人员", "6"), ("服务项目", "孵化培育、法律咨询"), ("启用日期", "2019-05-01"),
        ("年度报告", "https://example.org/beishan/report")]
    assert extra.select_one('[data-extra="report"] a')["href"] == "https://example.org/beishan/report"
    project = soup(city / "site", "projects/beishan-elderly-meals/").select_one("dl.sc-extra")
    assert [dt.get_text() for dt in project("dt")] == ["志愿者人数"]
    assert soup(city / "site", "points/lingyin-centre/").select("dl.sc-extra") == []


def test_extra_fields_are_published(city):
    row = next(r for r in _csv(city, "points") if r["编号（id）"] == "beishan-centre")
    assert (row["专职工作人员（staff）"], row["服务项目（services）"], row["启用日期（opened）"],
            row["年度报告（report）"]) == ("6", "孵化培育|法律咨询", "2019-05-01",
                                         "https://example.org/beishan/report")
    assert list(row)[-1] == "页面网址（url）"  # the page's address stays the last column
    assert next(r for r in _csv(city, "projects"))["志愿者人数（volunteers）"] == "12"
    record = next(p for p in _json(city, "points.json")["points"] if p["id"] == "beishan-centre")
    assert record["extra"] == {"staff": 6, "services": ["孵化培育", "法律咨询"],
                               "opened": "2019-05-01", "report": "https://example.org/beishan/report"}
    assert "extra" not in next(p for p in _json(city, "points.json")["points"]
                               if p["id"] == "lingyin-centre")
    feature = next(f for f in _json(city, "points.geojson")["features"] if f["id"] == "beishan-centre")
    assert feature["properties"]["extra"]["staff"] == 6
    assert SiteIndex(city / "site").finds("points/beishan-centre/", "法律咨询")


def test_extra_fields_are_in_the_json_schema_and_the_reference(city):
    schema = _json(city, "../schemas/points.schema.json")
    extra = schema["properties"]["extra"]
    assert extra["additionalProperties"] is False
    assert extra["properties"]["staff"] == {"type": "number", "title": "专职工作人员",
                                            "description": "中心的专职工作人员人数。"}
    assert extra["properties"]["services"]["items"] == {"type": "string"}
    assert extra["properties"]["opened"]["format"] == "date"
    assert "volunteers" not in extra["properties"]
    projects = _json(city, "../schemas/projects.schema.json")
    assert list(projects["properties"]["extra"]["properties"]) == ["volunteers"]
    site = _json(city, "../schemas/site.schema.json")
    assert site["properties"]["extra_fields"]["items"]["properties"]["type"]["enum"] == [
        "text", "number", "list", "date", "url"]
    reference = soup(city / "site", "editors/fields/")
    rows = {tr.td.get_text(): [td.get_text() for td in tr("td")] for tr in reference.select("#points ~ div tr") if tr.td}
    assert rows["extra.staff"][1:] == ["数字", "选填", "专职工作人员：中心的专职工作人员人数。"]
    assert rows["extra.services"][1] == "列表（一行文字）"


# -- targets beyond "at least N by a year" ------------------------------------------------


def _goals(page) -> list[tuple[str, str, str]]:
    return [(g["data-kind"], g["data-met"], " ".join(g.p.get_text().split()))
            for g in page.select(".sc-target-progress")]


def test_a_year_page_draws_each_target_with_its_numbers(city):
    # the build's day is in 2024 (conftest.BUILD_DAY): 2024's figures are so far
    assert _goals(soup(city / "site", "years/2024/")) == [
        ("coverage", "false", "规划目标：到 2024 年底每个街道都有在营的服务中心（依据：示例市社会组织发展规划）。 "
         "2024 年底 3 个中已有 2 个，尚未达成。"),
        ("share", "true", "规划目标：到 2024 年底在营服务中心中参加评估定级的组织占 50% 以上。 "
         "2024 年底 2 个在营服务中心中 1 个已定级（50%），已达成。"),
        ("count", "false", "规划目标：到 2025 年底品牌项目累计不少于 2 个。 2024 年底累计 1 个，尚未达成。")]
    page = soup(city / "site", "years/2024/")
    bars = [(p["value"], p["max"]) for p in page.select(".sc-target-progress progress")]
    assert bars == [("2", "3"), ("50", "50"), ("1", "2")]
    # the points target keeps its own sentence and its line in the years chart
    assert "规划目标：到 2025 年底累计授牌不少于 4 个" in page.select_one(".sc-target").get_text()
    assert _goals(soup(city / "site", "years/2023/"))[0] == (
        "coverage", "true", "规划目标：到 2023 年底每个区都有在营的服务中心。 2023 年底 2 个中已有 2 个，已达成。")


def test_the_years_index_lists_every_target(city):
    page = soup(city / "site", "years/")
    assert [kind for kind, _, _ in _goals(page)] == ["coverage", "coverage", "share", "count"]
    chart = page.select_one("#chart-years-caption").find_parent("figure")
    assert [tr("td")[-1].get_text() for tr in chart.select("tbody tr")][-1] == "4"
