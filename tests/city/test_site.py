"""The city's built site, checked against its own data: the check passes, every page of
every record is there, every link of every page resolves, every plaque reads back as its
permalink, the feed and calendar hold the year files' items, and the open data holds one
row or feature per public record. Nothing here names a record: see conftest.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
import zxingcpp
from PIL import Image

from generator.feeds import MAX_ENTRIES

from ..conftest import BUILD_DAY, ROOT, run_cli, soup
from ..test_links import _ids, check_links
from ..test_opendata import _csv
from .conftest import (CONFIG, SITE_URL, in_service, permalink, record_name, records, terms,
                       years)

KINDS = ("points", "projects", "cases")


def test_showcase_check_passes():
    result = run_cli("check", "-f", str(CONFIG), cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    # the editors' JSON Schemas, if the city keeps them, say what its data says now
    assert "JSON Schema" not in result.stderr, result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_every_record_has_its_page_titled_with_its_name(city_site, kind):
    for id_, record in records(kind).items():
        page = soup(city_site, f"{kind}/{id_}/")
        assert page.h1.get_text(" ", strip=True).replace("\u200b", "") == record_name(kind, record), id_


def test_every_category_and_district_in_use_has_its_page(city_site):
    points = records("points").values()
    fields = {point["field"] for point in points} | \
        {other for point in points for other in point.get("other_fields") or []}
    for field in fields:
        assert terms("fields")[field]["name"] in soup(city_site, f"fields/{field}/").h1.get_text()
    for district in {point["location"]["district"] for point in points}:
        assert terms("districts")[district]["name"] in \
            soup(city_site, f"districts/{district}/").h1.get_text()


def test_every_internal_link_of_every_page_resolves(city_site):
    """As tests/test_links.py does for the demo, at the city's own site_url."""
    links = check_links(city_site, SITE_URL)
    assert links.broken == [], "\n".join(links.broken[:50])
    record_pages = sum(len(records(kind)) for kind in KINDS)
    assert links.pages > record_pages and links.checked > 10 * links.pages, links.checked


# --- plaques ---------------------------------------------------------------------------------


def _decoded(image: Image.Image) -> list[str]:
    return sorted(result.text for result in
                  zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))


def _pdf_pages(pdf: Path, tmp_path: Path) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: `make browser` installs poppler-utils")
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]


@pytest.mark.parametrize("id_", in_service())
def test_the_qr_code_and_plaque_of_a_point_in_service_read_back_as_its_permalink(
        city_site, tmp_path, id_):
    assert _decoded(Image.open(city_site / "points" / id_ / "qr.png").convert("L")) == [permalink(id_)]
    (page,) = _pdf_pages(city_site / "points" / id_ / "plaque.pdf", tmp_path)
    assert _decoded(page) == [permalink(id_)]
    # and the permalink leads to the point's page
    assert (city_site / "v" / id_ / "index.html").is_file()


def test_the_sheet_of_plaques_holds_every_point_in_service_and_no_other(city_site, tmp_path):
    pages = _pdf_pages(city_site / "plaques" / "plaques.pdf", tmp_path)
    assert sorted(url for page in pages for url in _decoded(page)) == \
        sorted(permalink(id_) for id_ in in_service())


def test_a_point_out_of_service_has_no_plaque_but_keeps_its_permalink(city_site):
    for id_ in set(records("points")) - set(in_service()):
        assert not (city_site / "points" / id_ / "plaque.pdf").exists(), id_
        assert not (city_site / "points" / id_ / "qr.png").exists(), id_
        assert (city_site / "v" / id_ / "index.html").is_file(), id_


# --- feed and calendar -----------------------------------------------------------------------


def _items() -> list[dict]:
    """Every programme step and event of the year files, with its first and last day."""
    return [{"title": item["title"], "date": item["date"], "last": item.get("end") or item["date"],
             "year": year}
            for year, programme in years().items()
            for key in ("programme", "events") for item in programme.get(key) or []]


def test_the_feed_parses_and_holds_the_newest_begun_items_of_the_year_files(city_site):
    parsed = feedparser.parse((city_site / "feed.xml").read_bytes(), resolve_relative_uris=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.id == SITE_URL
    begun = sorted((item for item in _items() if item["date"] <= BUILD_DAY),
                   key=lambda item: item["date"], reverse=True)
    entries = parsed.entries
    assert len(entries) == min(len(begun), MAX_ENTRIES)
    if len(begun) <= MAX_ENTRIES:
        assert sorted(e.title for e in entries) == sorted(item["title"] for item in begun)
    for entry in entries:
        assert entry.link.startswith(f"{SITE_URL}years/"), entry.link
        path, _, anchor = entry.link[len(SITE_URL):].partition("#")
        assert anchor in _ids(city_site / path / "index.html"), entry.link
    published = [entry.published for entry in entries]
    assert published == sorted(published, reverse=True)


def test_the_calendar_holds_every_item_still_to_come(city_site):
    calendar = icalendar.Calendar.from_ical((city_site / "events.ics").read_bytes())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == sorted(item["title"] for item in _items() if item["last"] >= BUILD_DAY)


# --- open data -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_open_data_csv_and_json_have_one_row_per_public_record(city_site, kind):
    published = records(kind)
    if not published and not (city_site / "open-data" / f"{kind}.csv").exists():
        return  # a collection the city does not have: no empty file either
    rows = _csv(city_site, kind)
    assert sorted(row["id"] for row in rows) == sorted(published)
    for row in rows:
        assert row["url"] == f"{SITE_URL}{kind}/{row['id']}/"
        assert row["title" if kind == "cases" else "name"] == record_name(kind, published[row["id"]])
    data = json.loads((city_site / "open-data" / f"{kind}.json").read_text(encoding="utf-8"))
    assert data["count"] == len(published)
    assert sorted(record["id"] for record in data[kind]) == sorted(published)


def test_open_data_geojson_has_one_feature_per_point_in_service_with_a_position(city_site):
    collection = json.loads((city_site / "open-data" / "points.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    expected = sorted(id_ for id_ in in_service()
                      if (records("points")[id_].get("location") or {}).get("coordinates"))
    assert sorted(feature["id"] for feature in collection["features"]) == expected
    for feature in collection["features"]:
        assert feature["properties"]["name"] == records("points")[feature["id"]]["name"]
        lng, lat = feature["geometry"]["coordinates"]
        box = terms("districts")[records("points")[feature["id"]]["location"]["district"]].get("bbox")
        if box:  # within a kilometre or so of its district: converted, not swapped
            assert box["south"] - 0.02 <= lat <= box["north"] + 0.02, feature["id"]
            assert box["west"] - 0.02 <= lng <= box["east"] + 0.02, feature["id"]
