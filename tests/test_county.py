"""The county: a second fixture city that is not a showcase-point programme
(tests/fixtures/county), a city's walk-in town (street) service centres in counties and
towns, set up (建成) rather than awarded, with several functions each, its own extra
facts and plan targets of coverage and share, and no brand projects.

It proves that a city is data and configuration alone: it shares no record id, taxonomy
value, name or programme word with the demo (read from both with PyYAML), and none of
the demo's words or places reaches its built site. The data-independent suite runs
against it in tests/test_any_city.py."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import pytest
import yaml

from generator.schema import THESAURUS_FILE

from .conftest import DEMO_DATA, FIXTURES, build, soup

COUNTY = FIXTURES / "county"
COUNTY_DATA = COUNTY / "data"
# the demo's programme words, and its place, that no other city's site may show
DEMO_WORDS = ("展示点", "授牌", "摘牌", "预约参观", "深圳")
# the files of a built site a reader or a program reads as text
TEXT_FILES = {".html", ".json", ".geojson", ".csv", ".xml", ".ics", ".svg", ".js", ".txt",
              ".webmanifest"}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _records(data: Path, kind: str) -> list[dict]:
    return [_yaml(path) for path in sorted((data / kind).glob("*.yml"))] \
        if (data / kind).is_dir() else []


def _terms(data: Path) -> dict[str, list[dict]]:
    """The city's taxonomies (not its thesaurus, whose everyday words any city may use)."""
    return {path.stem: _yaml(path) or [] for path in sorted((data / "taxonomies").glob("*.yml"))
            if path.name != THESAURUS_FILE}


def record_ids(data: Path) -> set[str]:
    """Every record id and alias of a city (its permalinks and page addresses)."""
    return {str(value) for kind in ("points", "projects", "cases")
            for record in _records(data, kind)
            for value in [record["id"], *record.get("aliases", [])]}


def taxonomy_values(data: Path) -> set[str]:
    """Every taxonomy id, name and street of a city."""
    values = set()
    for terms in _terms(data).values():
        for term in terms:
            values |= {str(term["id"]), term["name"], *term.get("streets", [])}
    return values


def names(data: Path) -> set[str]:
    """Every record's name or title and every organisation's name, and the communities."""
    found = set()
    for point in _records(data, "points"):
        found |= {point["name"], point["organisation"]["name"]}
    for project in _records(data, "projects"):
        found |= {project["name"], project["organisation"]}
        found |= {project["location"].get("community")} - {None}
    for case in _records(data, "cases"):
        found |= {case["title"], *case.get("organisations", [])}
    return found


def programme_words(data: Path) -> dict[str, str]:
    """The programme's words as its site.yml sets them (the defaults are the demo's)."""
    site = _yaml(data / "site.yml")
    programme, levels = site["programme"], site.get("levels") or {}
    return {"title": programme["title"], "short_title": programme["short_title"],
            "award": programme.get("award", "授牌"), "delisting": programme.get("delisting", "摘牌"),
            "district": levels.get("district", "区"), "street": levels.get("street", "街道"),
            "city": site["city"], "bureau": site["bureau"]}


@pytest.mark.parametrize("part", [record_ids, taxonomy_values, names],
                         ids=["record ids", "taxonomy values", "names"])
def test_the_county_shares_nothing_with_the_demo(part):
    county, demo = part(COUNTY_DATA), part(DEMO_DATA)
    assert county and demo
    assert county & demo == set()


def test_the_county_has_its_own_programme_words():
    county, demo = programme_words(COUNTY_DATA), programme_words(DEMO_DATA)
    assert {key: word for key, word in county.items() if word == demo[key]} == {}
    # and none of them holds a demo word (建成 is not 授牌, but 某某展示点 would be)
    assert [word for word in county.values() if any(d in word for d in DEMO_WORDS)] == []


def test_the_county_is_not_a_showcase_point_programme():
    """What the county is there to exercise: walk-in, several functions, extra facts,
    targets beyond a count of awards, no projects."""
    site = _yaml(COUNTY_DATA / "site.yml")
    assert site["programme"]["booking"] == "none"
    assert {field["type"] for field in site["extra_fields"]} == {"number", "list", "date", "url"}
    assert {kind for target in site["targets"] for kind in ("coverage", "share", "count")
            if kind in target} == {"coverage", "share", "count"}
    points = _records(COUNTY_DATA, "points")
    assert len(points) >= 8 and not _records(COUNTY_DATA, "projects")
    assert sum(bool(point.get("other_fields")) for point in points) >= 3
    assert all("booking" not in (point.get("visit") or {}) for point in points)
    assert {point["status"] for point in points} == {"awarded", "delisted"}


# --- the built county ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def county_site(tmp_path_factory) -> Path:
    return build(COUNTY / "mkdocs.yml", tmp_path_factory.mktemp("county") / "site")


def demo_words() -> list[str]:
    """What of the demo no other city's site may hold: its programme words and place, its
    districts (names and ids) and streets and communities, its records' ids and names,
    and its organisations' names."""
    words = set(DEMO_WORDS) | names(DEMO_DATA) | record_ids(DEMO_DATA)
    for term in _yaml(DEMO_DATA / "taxonomies" / "districts.yml"):
        words |= {term["id"], term["name"], *term.get("streets", [])}
    return sorted(words, key=lambda word: (-len(word), word))


def _readable(path: Path) -> str:
    """A text file of the site as its reader sees it: JSON's \\u escapes and HTML's
    character references decoded."""
    text = path.read_text(encoding="utf-8")
    if path.suffix in {".json", ".geojson"}:
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return html.unescape(text)


def leaks(site: Path, words: list[str]) -> list[str]:
    """Each word of *words* found in a text file of *site*, with the file and its context."""
    ascii_words = [word for word in words if word.isascii()]
    ascii_re = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ascii_words)) + r")(?![\w-])") \
        if ascii_words else None
    others = [word for word in words if not word.isascii()]
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_FILES:
            continue
        text = _readable(path)
        hits = [m.start() for word in others for m in re.finditer(re.escape(word), text)]
        if ascii_re:
            hits += [m.start() for m in ascii_re.finditer(text)]
        for at in sorted(hits)[:3]:
            context = " ".join(text[max(0, at - 30):at + 30].split())
            found.append(f"{path.relative_to(site)}: …{context}…")
    return found


def test_no_demo_word_or_place_reaches_the_county_site(county_site):
    files = [path for path in county_site.rglob("*") if path.suffix in TEXT_FILES]
    assert len(files) > 50
    found = leaks(county_site, demo_words())
    where: dict[str, list[str]] = {}  # the same leak on every page is one line
    for line in found:
        file, _, context = line.partition(": ")
        where.setdefault(context, []).append(file)
    assert found == [], f"{len(found)} leaks:\n" + "\n".join(
        f"{context} in {len(files)} file(s): {', '.join(files[:3])}" for context, files in where.items())


def test_the_grep_finds_a_demo_word_where_there_is_one(tmp_path):
    """The leak check can fail: a demo street in a copied page, a word escaped in JSON."""
    county = yaml.safe_load((COUNTY_DATA / "site.yml").read_text(encoding="utf-8"))
    (tmp_path / "clean.html").write_text(f"<h1>{county['programme']['title']}</h1>", encoding="utf-8")
    (tmp_path / "index.html").write_text("<h1>华强北街道</h1>", encoding="utf-8")
    (tmp_path / "index.json").write_text(json.dumps({"note": "授牌"}), encoding="utf-8")
    assert "\\u6388" in (tmp_path / "index.json").read_text(encoding="utf-8")
    found = leaks(tmp_path, demo_words())
    assert [line.split(":")[0] for line in found] == ["index.html", "index.json"]


def test_the_empty_projects_section_has_vanished(county_site):
    assert not (county_site / "projects").exists()
    linking = [path.relative_to(county_site).as_posix() for path in county_site.rglob("*.html")
               if re.search(r'href="[^"]*projects/', path.read_text(encoding="utf-8"))]
    assert linking == []


def test_a_centre_page_shows_its_extra_facts_and_other_functions(county_site):
    site = _yaml(COUNTY_DATA / "site.yml")
    labels = {field["id"]: field["label"] for field in site["extra_fields"]}
    fields = {term["id"]: term["name"] for term in _yaml(COUNTY_DATA / "taxonomies" / "fields.yml")}
    for point in _records(COUNTY_DATA, "points"):
        if point["status"] != "awarded":
            continue
        text = soup(county_site, f"points/{point['id']}/").select_one("article").get_text(" ")
        for key, value in (point.get("extra") or {}).items():
            assert labels[key] in text, (point["id"], key)
            for item in value if isinstance(value, list) else [value]:
                shown = {f"{item.year}年{item.month}月{item.day}日", item.isoformat()} \
                    if isinstance(item, dt.date) else {str(item)}
                if key != "guide":  # a link: its label is the page's, not the address
                    assert any(form in text for form in shown), (point["id"], key, item)
        for other in point.get("other_fields") or []:
            assert fields[other] in text, (point["id"], other)
