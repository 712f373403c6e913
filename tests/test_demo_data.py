"""The shipped demo covers what the programme covers (issue: demo data requirements)."""

from collections import Counter

from generator.validate import validate

from .conftest import DEMO_DATA, ROOT


def test_demo_covers_fields_districts_years_and_statuses():
    demo, issues = validate(DEMO_DATA, ROOT)
    assert not issues
    points = demo.collections["points"]
    fields = demo.taxonomies["fields"]
    used = {p.field for p in points}
    selection = {f for f, term in fields.items() if "selection-2024" in term.groups}
    plan = {f for f, term in fields.items() if "plan" in term.groups}
    assert len(points) >= 30
    assert len(selection) == 10 and selection <= used
    assert len(plan & used) >= 6
    assert {p.location.district for p in points} == set(demo.taxonomies["districts"])
    assert {2022, 2023, 2024} <= {p.award.year for p in points}
    assert Counter(p.status for p in points)["delisted"] >= 2
    # coordinates inside the district's bbox are enforced by validation; all points have them
    assert all(p.location.coordinates for p in points)


def test_demo_projects_cases_and_years():
    demo, _ = validate(DEMO_DATA, ROOT)
    projects = demo.collections["projects"]
    assert len(projects) >= 20
    assert {p.field for p in projects} == set(demo.taxonomies["project_fields"])
    assert {p.series for p in projects if p.series} == set(demo.taxonomies["series"])
    assert len(demo.collections["cases"]) >= 8
    assert {y.year for y in demo.collections["years"]} >= {2022, 2023, 2024}


def test_every_demo_file_says_it_is_sample_data():
    for folder in ("points", "projects", "cases", "years"):
        for path in (DEMO_DATA / folder).glob("*.yml"):
            assert path.read_text(encoding="utf-8").startswith("# 示例数据"), path
