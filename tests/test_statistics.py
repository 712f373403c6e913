"""The year pages' key figures (against the year before and the plan's target) and the
statistics charts, every number worked out here from the YAML, and the charts drawn in
Chromium on a phone's screen."""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pytest
import yaml
from PIL import Image

from generator.charts import YearBar, years_chart

from .conftest import BUILD_ENV, DEMO_DATA, FIXTURES, soup
from .test_years import _load, _years

# The day the test sites are built (SOURCE_DATE_EPOCH), in China
TODAY = (dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
         + dt.timedelta(hours=8)).date()


def _targets() -> dict[int, dict]:
    site = yaml.safe_load((DEMO_DATA / "site.yml").read_text(encoding="utf-8"))
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
        note = f"{year} 年尚未结束，数据截至 {TODAY.isoformat()}。"
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
        assert text.startswith(f"规划目标：到 {target['year']} 年底累计授牌不少于 {target['points']} 个"
                               f"（依据：{target['source']}）。")
        if year > TODAY.year:
            assert text.endswith("。") and "累计" not in text.split("。", 1)[1]
            continue
        total = _figures(year)["total"]
        percent = round(total * 100 / target["points"])
        if total >= target["points"]:
            assert text.endswith(f"本年度累计 {total} 个，已达成目标（{percent}%）。")
        else:
            assert text.endswith(f"本年度累计 {total} 个，完成目标的 {percent}%，"
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
    terms = yaml.safe_load((DEMO_DATA / "taxonomies" / f"{taxonomy}.yml").read_text("utf-8"))
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
            "数据表：" + figure.select_one("figcaption").get_text()


# The charts are measured by their ink: what Chromium paints, pixel by pixel, not the
# boxes of their text. A text's box is its font's advance width by its ascent and descent:
# Noto Sans CJK's ascent of 1.16 em puts a year's box 3 px below the chart while its
# digits are inside, and a curly apostrophe's box is a full em wide with its ink in a
# fifth of it. So each text is painted alone (everything else on the page hidden) at twice
# the pixel density, and its ink is the rectangle of pixels that differ from the page
# without it: exact for any font, at half a CSS pixel.
_DENSITY = 2
_ALONE = """.sc-alone * { visibility: hidden !important; transition: none !important; }
.sc-alone .sc-ink { visibility: visible !important; }"""
_CJK_ONLY = "svg.sc-chart__svg text { font-family: 'Noto Sans CJK SC' !important; }"


def _phone(browser, demo_url: str, font_css: str = ""):
    """The statistics page on a phone, in the page's own fonts (its lang, Material's font
    stack, our stylesheet), or with *font_css* added."""
    page = browser.new_page(viewport={"width": 360, "height": 740},
                            device_scale_factor=_DENSITY)
    page.goto(demo_url + "years/")
    assert page.evaluate("document.documentElement.lang") == "zh"
    page.add_style_tag(content=_ALONE + font_css)
    return page


def _painted(page, clip: dict) -> np.ndarray:
    image = Image.open(io.BytesIO(page.screenshot(clip=clip, animations="disabled")))
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def _inked(page, svg) -> dict:
    """A chart's frame and, for each of its texts, the rectangle its glyphs paint, in CSS
    pixels of the viewport (left, right, top, bottom, text).

    Texts whose boxes, widened by an em on every side, are apart are painted together,
    and each owns the ink in its widened box; ink that no box owns fails the measure."""
    svg.scroll_into_view_if_needed()
    frame = svg.evaluate("s => { const b = s.getBoundingClientRect();"
                         " return [b.left, b.right, b.top, b.bottom]; }")
    # the whole width and 30 px above and below: ink outside the chart is seen too
    top, bottom = max(frame[2] - 30, 0), min(frame[3] + 30, 740)
    clip = {"x": 0, "y": top, "width": 360, "height": bottom - top}
    texts = svg.evaluate("""s => [...s.querySelectorAll('text')].map(t => {
        const b = t.getBoundingClientRect(), em = parseFloat(getComputedStyle(t).fontSize);
        return [b.left - em, b.right + em, b.top - em, b.bottom + em, t.textContent]; })""")
    groups: list[list[int]] = []
    for i, a in enumerate(texts):
        group = next((g for g in groups if all(_apart(a, texts[j]) for j in g)), None)
        if group is None:
            groups.append(group := [])
        group.append(i)
    page.evaluate("document.body.classList.add('sc-alone')")
    blank = _painted(page, clip)
    inks: dict[int, tuple] = {}
    for group in groups:
        svg.evaluate("(s, group) => s.querySelectorAll('text').forEach((t, i) =>"
                     " t.classList.toggle('sc-ink', group.includes(i)))", group)
        ink = np.abs(_painted(page, clip) - blank).max(axis=2) > 8
        for i in group:
            left, right, high, low, content = texts[i]  # CSS px of the viewport
            x0, x1 = (max(round(x * _DENSITY), 0) for x in (left, right))
            y0, y1 = (max(round((y - top) * _DENSITY), 0) for y in (high, low))
            found = np.argwhere(ink[y0:y1, x0:x1])
            assert len(found), f"{content!r} is not painted"
            (iy0, ix0), (iy1, ix1) = found.min(axis=0) + (y0, x0), found.max(axis=0) + (y0, x0) + 1
            inks[i] = (float(ix0) / _DENSITY, float(ix1) / _DENSITY,
                       top + float(iy0) / _DENSITY, top + float(iy1) / _DENSITY, content)
            ink[y0:y1, x0:x1] = False
        assert not ink.any(), "ink more than an em away from every text's box"
    svg.evaluate("s => s.querySelectorAll('text').forEach(t => t.classList.remove('sc-ink'))")
    page.evaluate("document.body.classList.remove('sc-alone')")
    return {"frame": frame, "texts": [inks[i] for i in range(len(texts))]}


def _apart(a, b) -> bool:
    return a[1] <= b[0] or b[1] <= a[0] or a[3] <= b[2] or b[3] <= a[2]


def _fonts(page, selector: str) -> set[str]:
    """The fonts Chromium drew the texts in *selector* with (DevTools' 'Rendered fonts')."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
    return {font["familyName"] for node in nodes
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


def _assert_fit(chart: dict, width: int) -> None:
    """Every label and number painted inside its chart, none on another."""
    left, right, top, bottom = chart["frame"]
    assert right - left <= width
    for x0, x1, y0, y1, text in chart["texts"]:
        assert left - 0.5 <= x0 and x1 <= right + 0.5, text
        assert top - 0.5 <= y0 and y1 <= bottom + 0.5, text
    texts = chart["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert _apart(a, b), f"{a[4]} {a[:4]} overlaps {b[4]} {b[:4]}"


# The page's own fonts: on a machine set up by the Makefile, Chromium draws every glyph of
# a page in lang zh with Noto Sans CJK SC (Helvetica and Arial are missing, and sans-serif
# for Chinese is the CJK font). Where a Latin font stands in for Arial (fonts-liberation,
# say), the digits are drawn in it: the second pass draws in the CJK font regardless.
FONTS = {"page": "", "cjk": _CJK_ONLY}


@pytest.mark.parametrize("font", FONTS)
def test_the_charts_fit_a_phone_screen(browser, demo_url, font):
    """Drawn by Chromium at 360 px."""
    page = _phone(browser, demo_url, FONTS[font])
    charts = [_inked(page, svg) for svg in page.query_selector_all("svg.sc-chart__svg")]
    used = _fonts(page, "svg.sc-chart__svg text")
    page.close()
    assert len(charts) == 3
    if font == "cjk":
        assert used == {"Noto Sans CJK SC"}  # installed (make fonts), and what was measured
    for chart in charts:
        _assert_fit(chart, 360)


def _many_years(count: int, shape: str) -> list[YearBar]:
    """*count* years of four-digit totals: growing, or flat (the numbers on one line)."""
    return [YearBar(2000 + i, 900 + (100 * i if shape == "growing" else 0), 10 * i,
                    3000 if i == count // 2 else None) for i in range(count)]


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("count, shape", [(9, "flat"), (11, "growing"), (25, "flat"),
                                          (40, "growing"), (40, "flat")])
def test_a_chart_of_many_years_still_fits_a_phone(browser, demo_url, font, count, shape):
    """Every second (third …) year labelled, the last always: at 360 px with four-digit
    totals, in place of the statistics page's chart of years."""
    years = _many_years(count, shape)
    page = _phone(browser, demo_url, FONTS[font])
    page.eval_on_selector("#chart-years-title", "(t, svg) => t.closest('svg').outerHTML = svg",
                          str(years_chart("chart-years", "历年", "摘要", years)))
    chart = _inked(page, page.query_selector("svg.sc-chart__svg:has(#chart-years-title)"))
    page.close()
    _assert_fit(chart, 360)
    labels = [t[4] for t in chart["texts"]]
    assert str(years[-1].year) in labels and str(years[-1].total) in labels


def test_ink_is_measured_not_boxes(browser, demo_url):
    """The measure can fail: two curly apostrophes in the CJK font whose boxes overlap
    while their ink does not pass, and two whose ink overlaps are caught."""
    page = _phone(browser, demo_url, _CJK_ONLY)
    svg = years_chart("chart-years", "历年", "摘要", [YearBar(2000, 1, 0)])

    def pair(dx: float) -> dict:
        page.eval_on_selector(
            "#chart-years-title", """(t, dx) => { const svg = t.closest('svg');
            svg.querySelectorAll('text').forEach(n => n.remove());
            for (const x of [100, 100 + dx]) {
                const n = document.createElementNS('http://www.w3.org/2000/svg', 'text');
                n.setAttribute('x', x); n.setAttribute('y', 100); n.textContent = '’';
                svg.append(n); } }""", dx)
        return _inked(page, page.query_selector("svg.sc-chart__svg:has(#chart-years-title)"))

    page.eval_on_selector("#chart-years-title", "(t, svg) => t.closest('svg').outerHTML = svg",
                          str(svg))
    advance = page.eval_on_selector("#chart-years-title", "t => { const n = t.closest('svg')"
                                    ".querySelector('text'); n.textContent = '’';"
                                    " return n.getComputedTextLength(); }")
    apart = pair(advance / 2)  # boxes half over each other; the ink is in the box's left part
    together = pair(1)
    page.close()
    assert advance == pytest.approx(14)  # a full em at .7rem of 20 px
    _assert_fit(apart, 360)
    with pytest.raises(AssertionError, match="overlaps"):
        _assert_fit(together, 360)
