"""The year pages' key figures (against the year before and the plan's target) and the
statistics charts, every number worked out here from the YAML, and the charts drawn in
Chromium on a phone's screen."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.charts import YearBar, years_chart

from .conftest import BUILD_ENV, FIXTURES, ROOT, soup
from .test_years import _load, _years

# The day the test sites are built (SOURCE_DATE_EPOCH), in China
TODAY = (dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
         + dt.timedelta(hours=8)).date()


def _targets() -> dict[int, dict]:
    site = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    return {target["year"]: target for target in site.get("targets") or []}


def _figures(year: int) -> dict[str, int]:
    points = list(_load("points").values())
    programme = _load("years").get(str(year)) or {}

    def gone_by(p: dict, last: int) -> bool:
        return bool(p.get("delisted")) and p["delisted"]["date"].year <= last

    by_then = [p for p in points if p["award"]["year"] <= year]
    return {
        "awarded": sum(1 for p in points if p["award"]["year"] == year),
        "total": len(by_then),
        "in_operation": sum(1 for p in by_then if not gone_by(p, year)),
        "delisted": sum(1 for p in points if p.get("delisted")
                        and p["delisted"]["date"].year == year),
        "events": len(programme.get("events") or []),
        "projects": sum(1 for p in _load("projects").values() if p["year"] == year),
        "cases": sum(1 for c in _load("cases").values() if c["year"] == year),
    }


def _change(now: int, before: int) -> str:
    return f"+{now - before}" if now > before else f"−{before - now}" if now < before else "持平"


def test_each_year_shows_its_figures_against_the_year_before(demo_site):
    first = min(_years())
    assert TODAY.year in _years() and max(_years()) > TODAY.year  # both kinds of year are seen
    for year in _years():
        page = soup(demo_site, f"years/{year}/")
        table = page.select_one(".sc-figures table")
        if year > TODAY.year:  # a year to come has no figures yet
            assert table is None
            continue
        rows = {row["data-figure"]: [cell.get_text(strip=True) for cell in row.select("td")]
                for row in table.select("tbody tr")}
        now = _figures(year)
        assert set(rows) == set(now)
        if year == first:
            assert [h.get_text() for h in table.select("thead th")] == ["指标", f"{year} 年"]
            assert rows == {key: [str(value)] for key, value in now.items()}
        else:
            before = _figures(year - 1)
            assert [h.get_text() for h in table.select("thead th")] == \
                ["指标", f"{year} 年", f"{year - 1} 年", "较上年"]
            assert rows == {key: [str(now[key]), str(before[key]), _change(now[key], before[key])]
                            for key in now}
        note = f"{year} 年尚未结束,数据截至 {TODAY.isoformat()}。"
        assert (note in page.select_one("section[aria-labelledby=figures]").get_text()) == \
            (year == TODAY.year)


def test_each_year_up_to_a_target_says_how_far_it_is(demo_site):
    targets = _targets()
    assert targets, "the demo has the plan's target (seed 002)"
    for year in _years():
        line = soup(demo_site, f"years/{year}/").select_one("p.sc-target")
        ahead = [t for y, t in sorted(targets.items()) if y >= year]
        if not ahead:
            assert line is None
            continue
        target = ahead[0]
        text = line.get_text(" ", strip=True)
        assert text.startswith(f"规划目标:到 {target['year']} 年底累计授牌不少于 {target['points']} 个"
                               f"(依据:{target['source']})。")
        if year > TODAY.year:
            assert text.endswith("。") and "累计" not in text.split("。", 1)[1]
            continue
        total = _figures(year)["total"]
        percent = round(total * 100 / target["points"])
        if total >= target["points"]:
            assert text.endswith(f"本年度累计 {total} 个,已达成目标({percent}%)。")
        else:
            assert text.endswith(f"本年度累计 {total} 个,完成目标的 {percent}%,"
                                 f"还差 {target['points'] - total} 个。")


def _table(figure) -> list[list[str]]:
    return [[cell.get_text(strip=True) for cell in row.select("th, td")]
            for row in figure.select("details table tbody tr")]


def _awarded_by(key) -> dict[str, int]:
    counts: dict[str, int] = {}
    for point in _load("points").values():
        if point["status"] == "awarded":
            counts[key(point)] = counts.get(key(point), 0) + 1
    return counts


@pytest.mark.parametrize("chart, taxonomy, key", [
    ("chart-fields", "fields", lambda p: p["field"]),
    ("chart-districts", "districts", lambda p: p["location"]["district"]),
])
def test_the_charts_of_points_by_field_and_district_match_the_data(demo_site, chart, taxonomy, key):
    terms = yaml.safe_load((ROOT / "data" / "taxonomies" / f"{taxonomy}.yml").read_text("utf-8"))
    order = [term["id"] for term in terms]
    names = {term["id"]: term["name"] for term in terms}
    counts = _awarded_by(key)
    expected = sorted(counts.items(), key=lambda pair: (-pair[1], order.index(pair[0])))
    figure = soup(demo_site, "years/").find(
        "figure", attrs={"aria-labelledby": f"{chart}-caption"})
    assert _table(figure) == [[names[id_], str(count)] for id_, count in expected]
    links = [a["href"] for a in figure.select("details tbody th a")]
    assert links == [f"../{taxonomy}/{id_}/" for id_, _ in expected]
    for link in links:
        assert (demo_site / "years" / link / "index.html").resolve().is_file()
    svg = figure.select_one("svg")
    labels = [t.get_text() for t in svg.select("text.sc-chart__label")]
    values = [int(t.get_text()) for t in svg.select("text.sc-chart__value")]
    assert labels == [names[id_] for id_, _ in expected]
    assert values == [count for _, count in expected]
    widths = [float(rect["width"].rstrip("%")) for rect in svg.select("rect.sc-chart__bar")]
    top = max(values)
    assert widths == pytest.approx([count / top * 84 for count in values], abs=0.01)


def test_the_chart_of_points_per_year_and_the_target_matches_the_data(demo_site):
    targets = _targets()
    first = min(_years())
    last = max([*_years(), *targets])
    figure = soup(demo_site, "years/").find("figure", attrs={"aria-labelledby": "chart-years-caption"})
    expected = []
    for year in range(first, last + 1):
        figures = _figures(year)
        past = year <= TODAY.year
        expected.append([str(year), str(figures["total"]) if past else "—",
                         str(figures["in_operation"]) if past else "—",
                         str(targets[year]["points"]) if year in targets else "—"])
    assert _table(figure) == expected
    svg = figure.select_one("svg")
    assert [t.get_text() for t in svg.select("text.sc-chart__label")] == \
        [row[0] for row in expected]
    assert [t.get_text() for t in svg.select("text.sc-chart__value")] == \
        [row[1] for row in expected if row[1] != "—"]
    # one dashed line per target year, drawn at the target's height on the chart's scale
    lines = svg.select("line.sc-chart__target")
    assert len(lines) == len(targets)
    base = float(svg.select_one("line.sc-chart__axis")["y1"])
    delisted = {int(row[0]): int(row[1]) - int(row[2]) for row in expected if row[1] != "—"}
    top = max([int(row[1]) for row in expected if row[1] != "—"] +
              [t["points"] for t in targets.values()])
    for line, (year, target) in zip(lines, sorted(targets.items())):
        assert base - float(line["y1"]) == pytest.approx(target["points"] / top * 170, abs=0.1)
    assert len(svg.select("rect.sc-chart__bar--delisted")) == \
        sum(1 for count in delisted.values() if count)
    summary = svg.select_one("desc").get_text()
    assert all(f"到 {year} 年底不少于 {t['points']} 个" in summary for year, t in targets.items())


def test_a_city_without_targets_shows_none(fixture_site):
    site = yaml.safe_load((FIXTURES / "city" / "data" / "site.yml").read_text(encoding="utf-8"))
    assert not site.get("targets")
    page = soup(fixture_site, "years/")
    figure = page.find("figure", attrs={"aria-labelledby": "chart-years-caption"})
    assert figure.select("line.sc-chart__target") == []
    assert {row[-1] for row in _table(figure)} == {"—"}
    for link in page.select("a.sc-item__title"):
        assert soup(fixture_site, "years/" + link["href"]).select_one("p.sc-target") is None


def test_every_chart_is_an_image_named_by_its_title_and_summary(demo_site):
    figures = soup(demo_site, "years/").select("figure.sc-chart")
    assert len(figures) == 3
    for figure in figures:
        svg = figure.select_one("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.select_one(f"title#{title_id}").get_text() == \
            figure.select_one("figcaption").get_text()
        assert svg.select_one(f"desc#{desc_id}").get_text().strip()
        assert figure.select_one("details summary").get_text() == \
            "数据表:" + figure.select_one("figcaption").get_text()


_TEXT_BOXES = """() => [...document.querySelectorAll('svg.sc-chart__svg')].map(svg => {
    const frame = svg.getBoundingClientRect();
    return {frame: [frame.left, frame.right, frame.top, frame.bottom],
            texts: [...svg.querySelectorAll('text')].map(t => {
                const b = t.getBoundingClientRect();
                return [b.left, b.right, b.top, b.bottom, t.textContent];
            })};
})"""


def _assert_fit(chart: dict, width: int) -> None:
    """Every label and number inside its chart, none over another."""
    left, right, top, bottom = chart["frame"]
    assert right - left <= width
    for x0, x1, y0, y1, text in chart["texts"]:
        assert x1 - x0 > 0, text  # drawn, in the page's font
        assert left - 0.5 <= x0 and x1 <= right + 0.5, text
        assert top - 0.5 <= y0 and y1 <= bottom + 0.5, text
    texts = chart["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            apart = a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]
            assert apart, f"{a[4]} overlaps {b[4]}"


def test_the_charts_fit_a_phone_screen(browser, demo_url):
    """Drawn by Chromium at 360 px."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(demo_url + "years/")
    charts = page.evaluate(_TEXT_BOXES)
    page.close()
    assert len(charts) == 3
    for chart in charts:
        _assert_fit(chart, 360)


@pytest.mark.parametrize("count", [9, 15, 40])
def test_a_chart_of_many_years_still_fits_a_phone(browser, count):
    """Years labelled in short, then every other one: at 360 px with four-digit totals."""
    years = [YearBar(2000 + i, 900 + 100 * i, 10 * i, 3000 if i == count // 2 else None)
             for i in range(count)]
    css = (ROOT / "theme" / "overrides" / "assets" / "stylesheets" / "showcase.css").read_text()
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.set_content(f"<html style='font-size:125%'><style>body{{margin:0 15px}}{css}</style>"
                     f"<body>{years_chart('c', '历年', '摘要', years)}</body></html>")
    charts = page.evaluate(_TEXT_BOXES)
    page.close()
    _assert_fit(charts[0], 360)
    labels = [t[4] for t in charts[0]["texts"]]
    assert f"’{(2000 + count - 1) % 100:02d}" in labels and str(years[-1].total) in labels
