"""The faceted directories (points, projects, cases) in Chromium, against what the YAML says.

Every expectation is computed here from the records themselves: which records a choice
keeps (any value within a facet, every facet), and how many each value would leave.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
import yaml

from .conftest import DEMO_DATA

NO_GRADE = "none"


def _load(kind: str) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO_DATA / kind).glob("*.yml"))}


def _point_values(p: dict) -> dict[str, set[str]]:
    return {"field": {p["field"]}, "district": {p["location"]["district"]},
            "year": {str(p["award"]["year"])}, "status": {p["status"]},
            "type": {p["organisation"]["type"]},
            "grade": {p["organisation"].get("grade") or NO_GRADE}}


def _project_values(p: dict) -> dict[str, set[str]]:
    return {"field": {p["field"]}, "series": {p["series"]} if p.get("series") else set(),
            "group": set(p.get("target_groups") or ()), "district": {p["location"]["district"]},
            "year": {str(p["year"])}}


def _case_values(c: dict) -> dict[str, set[str]]:
    return {"year": {str(c["year"])}, "field": {c["field"]} if c.get("field") else set()}


DIRECTORIES = {
    "points": ("points", _point_values, "data-point"),
    "projects": ("projects", _project_values, None),
    "cases": ("cases", _case_values, None),
}


def _values(directory: str) -> dict[str, dict[str, set[str]]]:
    kind, values, _ = DIRECTORIES[directory]
    return {id_: values(record) for id_, record in _load(kind).items()}


def _keeps(values: dict[str, set[str]], choice: dict[str, set[str]], but: str | None = None) -> bool:
    return all(not wanted or values[facet] & wanted
               for facet, wanted in choice.items() if facet != but)


def _expected(directory: str, choice: dict[str, set[str]]) -> tuple[set[str], dict[str, dict[str, int]]]:
    """The records a choice keeps, and for each facet value how many it would leave."""
    records = _values(directory)
    kept = {id_ for id_, values in records.items() if _keeps(values, choice)}
    facets = next(iter(records.values())).keys()
    counts = {facet: {} for facet in facets}
    for values in records.values():
        for facet in facets:
            if _keeps(values, choice, but=facet):
                for value in values[facet]:
                    counts[facet][value] = counts[facet].get(value, 0) + 1
    return kept, counts


def _ids(page, directory: str) -> set[str]:
    """The records shown, by the id in each item's link."""
    hrefs = page.locator(".sc-item:visible > a.sc-item__title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    return {href.rstrip("/").split("/")[-1] for href in hrefs}


def _shown_counts(page) -> dict[str, dict[str, int]]:
    return page.evaluate("""() => {
        const out = {};
        for (const fieldset of document.querySelectorAll("fieldset[data-facet]")) {
            const name = fieldset.dataset.facet;
            if (fieldset.dataset.facetAttr) continue;
            out[name] = {};
            for (const box of fieldset.querySelectorAll("input")) {
                const n = Number(box.parentNode.querySelector(".sc-facet__count").textContent);
                if (n) out[name][box.value] = n;
            }
        }
        return out;
    }""")


def _choice_url(base: str, choice: dict[str, set[str]]) -> str:
    query = urlencode({facet: ",".join(sorted(values)) for facet, values in choice.items() if values})
    return base + ("?" + query if query else "")


def _some_choices(directory: str) -> list[dict[str, set[str]]]:
    """Choices that exercise the facets: one value; two values of a facet; two facets; three."""
    records = list(_values(directory).values())
    first, second = records[0], records[len(records) // 2]
    facets = list(first)
    choices = [{facets[0]: set(first[facets[0]])},
               {facets[0]: first[facets[0]] | second[facets[0]]},
               {facets[0]: set(first[facets[0]]), facets[-1]: set(first[facets[-1]])}]
    if len(facets) > 2:
        choices.append({facets[1]: first[facets[1]] | second[facets[1]],
                        facets[2]: first[facets[2]] | second[facets[2]],
                        facets[-1]: set(second[facets[-1]])})
    return choices


@pytest.mark.parametrize("directory", sorted(DIRECTORIES))
def test_chosen_facets_keep_exactly_the_records_the_data_says_with_live_counts(
        browser, demo_url, directory):
    page = browser.new_page()
    base = f"{demo_url}{directory}/"
    total = len(_values(directory))
    for choice in [{}] + _some_choices(directory):
        kept, counts = _expected(directory, choice)
        page.goto(_choice_url(base, choice))
        assert _ids(page, directory) == kept, choice
        assert _shown_counts(page) == {facet: n for facet, n in counts.items()}, choice
        assert page.locator(".sc-facets__summary").inner_text() == f"找到 {len(kept)} 个，共 {total} 个"
    page.close()


def test_multi_valued_target_groups_match_any_of_their_values(browser, demo_url):
    records = _values("projects")
    several = next(values for values in records.values() if len(values["group"]) > 1)
    for group in several["group"]:
        kept, _ = _expected("projects", {"group": {group}})
        assert any(values is several for id_, values in records.items() if id_ in kept)
        page = browser.new_page()
        page.goto(_choice_url(f"{demo_url}projects/", {"group": {group}}))
        assert _ids(page, "projects") == kept
        page.close()


def test_the_url_round_trips_and_reset_clears_it(browser, demo_url):
    points = _values("points")
    page = browser.new_page()
    page.goto(demo_url + "points/")
    first = next(iter(points.values()))
    field, year = next(iter(first["field"])), next(iter(first["year"]))
    page.locator(".sc-facet summary", has_text="服务领域").click()
    page.locator(f"input[name=field][value='{field}']").check()
    page.locator(".sc-facet summary", has_text="授牌年度").click()
    page.locator(f"input[name=year][value='{year}']").check()
    assert page.url == f"{demo_url}points/?field={field}&year={year}"
    kept, _ = _expected("points", {"field": {field}, "year": {year}})
    assert _ids(page, "points") == kept
    page.reload()  # a shared or bookmarked link opens the same view
    assert page.locator(f"input[name=field][value='{field}']").is_checked()
    assert page.locator(f"input[name=year][value='{year}']").is_checked()
    assert _ids(page, "points") == kept
    page.get_by_role("button", name="清除筛选").click()
    assert page.url == f"{demo_url}points/"
    assert _ids(page, "points") == set(points)
    assert not page.locator(".sc-facets input:checked").count()
    page.close()


def test_a_choice_that_keeps_nothing_says_so(browser, demo_url):
    points = _values("points")
    fields = {v for values in points.values() for v in values["field"]}
    districts = {v for values in points.values() for v in values["district"]}
    field, district = next((f, d) for f in sorted(fields) for d in sorted(districts)
                           if not _expected("points", {"field": {f}, "district": {d}})[0])
    page = browser.new_page()
    page.goto(_choice_url(demo_url + "points/", {"field": {field}, "district": {district}}))
    assert _ids(page, "points") == set()
    assert page.locator(".sc-facets__empty").is_visible()
    assert "没有符合所选条件的结果" in page.locator(".sc-facets__empty").inner_text()
    assert page.locator("[data-filter-group]:visible").count() == 0
    page.get_by_role("button", name="清除筛选").click()
    assert not page.locator(".sc-facets__empty").is_visible()
    assert _ids(page, "points") == set(points)
    page.close()


def test_the_facets_work_with_the_keyboard_alone(browser, demo_url):
    points = _values("points")
    page = browser.new_page()
    page.goto(demo_url + "points/")
    summary = page.locator(".sc-facet summary", has_text="状态")
    summary.focus()
    page.keyboard.press("Enter")  # opens the facet
    page.keyboard.press("Tab")    # to its first value: 已授牌
    assert page.evaluate("document.activeElement.name") == "status"
    page.keyboard.press("Space")
    kept, _ = _expected("points", {"status": {"awarded"}})
    assert _ids(page, "points") == kept and page.url.endswith("?status=awarded")
    page.get_by_role("button", name="清除筛选").focus()
    page.keyboard.press("Enter")
    assert _ids(page, "points") == set(points)
    page.close()


def test_group_headings_count_what_is_shown(browser, demo_url):
    points = _load("points")
    page = browser.new_page()
    year = str(next(iter(points.values()))["award"]["year"])
    page.goto(_choice_url(demo_url + "points/", {"year": {year}}))
    for section in page.locator("[data-filter-group]:visible").all():
        shown = section.locator(".sc-item:visible").count()
        count = section.locator("h2 .sc-count")
        if count.count():
            assert count.inner_text() == f"{shown} 个"
    page.close()


@pytest.mark.parametrize("directory", sorted(DIRECTORIES))
def test_without_javascript_each_directory_is_the_complete_grouped_list(browser, demo_url, directory):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{demo_url}{directory}/")
    assert not page.locator("form.sc-facets").is_visible()
    assert _ids(page, directory) == set(_values(directory))
    assert page.locator("[data-filter-group] h2").count() > 1
    context.close()


def test_a_long_result_is_shown_a_page_at_a_time(browser, demo_url):
    """At 10,000 records, showing every kept record at once costs the browser seconds; the
    directory shows a page of them (200; here 5, set in the served page) and a button."""
    points = _values("points")
    page = browser.new_page()

    def smaller_pages(route):
        response = route.fetch()
        body = response.text()
        assert 'data-page="200"' in body
        route.fulfill(response=response, body=body.replace('data-page="200"', 'data-page="5"'))

    page.route("**/points/", smaller_pages)
    page.goto(demo_url + "points/")
    order = [href.rstrip("/").split("/")[-1] for href in page.locator(
        ".sc-item > a.sc-item__title").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
    assert _ids(page, "points") == set(order[:5])
    more = page.locator(".sc-facets__more")
    assert more.inner_text() == f"再显示 5 个（还有 {len(points) - 5} 个）"
    more.click()
    assert _ids(page, "points") == set(order[:10])
    assert page.locator(".sc-facets__summary").inner_text() == f"找到 {len(points)} 个，共 {len(points)} 个"
    # a new choice starts again from its first page
    status = "awarded"
    page.locator(".sc-facet summary", has_text="状态").click()
    page.locator(f"input[name=status][value={status}]").check()
    kept = [id_ for id_ in order if status in points[id_]["status"]]
    assert _ids(page, "points") == set(kept[:5])
    while more.is_visible():
        more.click()
    assert _ids(page, "points") == set(kept)
    page.close()
