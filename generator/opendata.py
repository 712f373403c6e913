"""Render stage for open data: the records as files to download, beside the data page.

Everything here is what the site already shows, in forms other programs read: CSV for
spreadsheets, JSON for programs, GeoJSON for maps, and the Open Referral HSDS 3.0 shape
for service directories. Nothing the pages leave out goes in: a delisted point's page
shows neither its visiting arrangements nor its map, so its files leave them out too.

Choices, shown on the data page as well:

* CSV is UTF-8 with a byte-order mark and CRLF line ends (the csv module's Excel
  dialect): without the mark, Excel on Chinese Windows reads UTF-8 as GBK and shows
  mojibake. Each heading is the column's Chinese name with its machine name in
  brackets, ``名称（name）``, so one header row serves people and programs. Lists are
  joined with ``LIST_SEPARATOR``; a taxonomy id has its name in the next column.
* A spreadsheet reads a cell that begins with ``=``, ``+``, ``-`` or ``@`` as a formula
  (and some a tab or CR before one): data could make it compute, or call out (OWASP's
  "CSV injection"). Every cell goes through ``csv_cell``: a text cell beginning with one
  of those, or with ``'``, gains a leading ``'``, as OWASP and the spreadsheet vendors
  advise, so it is shown as text; a program takes the first ``'`` of a text cell off to
  have the value (the ``'`` cells make that exact). Numbers written as numbers (years,
  coordinates, which may be negative in a western city) stay numbers: a number is
  never a formula. A phone number is text (``010-…``, never ``+86`` in the data).
* Coordinates are WGS-84 (what GPS and OpenStreetMap use; GeoJSON requires it), rounded
  to 6 decimals (about 0.1 m), whatever system the editor picked them in.
* The site's data licence (``data_licence``), with the bureau as publisher, heads every
  JSON file as ``license`` (the spelling DCAT, schema.org and Frictionless use) and is a
  foreign member of the GeoJSON FeatureCollection, which RFC 7946 allows. The HSDS
  files are bare arrays, as HSDS has them, and the CSV files have no room for it: the
  data page states it for every file.
* HSDS ids must be UUIDs: they are made from the site's address and the record's id
  (UUID 5), so they stay the same from build to build. HSDS requires an address's
  province and postal code, which the data does not have: they are empty strings.
* HSDS links a service to where it is offered through a service_at_location, and a row
  with several foreign keys means any one of them: the booking telephone belongs to the
  visit at that venue, so a phone names its service_at_location only. HSDS writes
  numbers in E.164: a landline or mobile gains +86 and loses the trunk 0; a 400/800
  number or a short hotline, dialled within China only, stays as written. The opening
  hours, likewise, are the schedules of the service_at_location.
"""

from __future__ import annotations

import csv
import dataclasses as dc
import datetime as dt
import io
import json
import re
import uuid
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from .calendars import BYDAY
from .coords import LatLng
from .model import Directory
from .reference import FieldRow, field_rows
from .schema import COLLECTIONS, WEEKDAYS, BrandProject, CaseStudy, ShowcasePoint
from .vocabulary import DEFAULT, Vocabulary
from .visits import UTC_OFFSET

OPEN_COLLECTIONS = ("points", "projects", "cases")  # the record types with files
FOLDER = "open-data/"  # the data page and its files
LIST_SEPARATOR = "|"  # rare in Chinese text, unlike 、,; and the ASCII comma
DECIMALS = 6  # of a degree: about 0.1 m, more than any address needs
HSDS_VERSION = "3.0"
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json",
               "geojson": "application/geo+json", "hsds": "application/json"}


@dataclass(frozen=True)
class Download:
    """A file of the data page: where it is, its format, how many records, its size."""

    path: str  # site path, under FOLDER
    kind: str  # points, projects, cases, hsds: what the file holds
    format: str  # csv, json, geojson, hsds
    records: int
    size: int  # bytes
    columns: tuple[str, ...] = ()  # a CSV file's columns, by machine name
    headings: tuple[str, ...] = ()  # and their headings as the file writes them (Chinese)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]


@dataclass(frozen=True)
class Column:
    """A CSV column: its machine name (the heading's bracketed part) and its value."""

    name: str
    value: Callable[[Any], Any]
    label: str | None = None  # a city's own field's heading: its label from site.yml


def open_data(directory: Directory, public_url: str, stamp: dt.datetime,
              headings: dict[str, str], walk_in: str | None = None,
              ) -> tuple[dict[str, bytes], list[Download]]:
    """Every open-data file by site path, and the list of them for the data page.

    *headings* are the CSV columns' Chinese names by machine name (the locale's
    ``opendata.columns``); *walk_in* is how HSDS services of a walk-in programme
    (``programme.booking: none``) say they need no booking.
    """
    exporter = _Exporter(directory, public_url, walk_in)
    site = directory.site
    header: dict[str, Any] = {
        "title": site.programme.title, "publisher": site.bureau, "source": public_url,
        "generated": stamp.isoformat().replace("+00:00", "Z")}
    if site.data_licence is not None:
        header["license"] = {"name": site.data_licence.name, "url": site.data_licence.url}
    files: dict[str, bytes] = {}
    listing: list[Download] = []

    def add(name: str, kind: str, form: str, records: int, content: bytes,
            columns: tuple[str, ...] = (), headings: tuple[str, ...] = ()) -> None:
        files[FOLDER + name] = content
        listing.append(Download(FOLDER + name, kind, form, records, len(content), columns,
                                headings))

    for kind in OPEN_COLLECTIONS:
        records = getattr(directory, kind)
        columns = exporter.columns(kind)
        written = tuple(f"{c.label}（{c.name}）" if c.label else heading(c.name, headings)
                        for c in columns)
        add(f"{kind}.csv", kind, "csv", len(records), csv_bytes(
            list(written), ([c.value(r) for c in columns] for r in records)),
            tuple(c.name for c in columns), written)
        add(f"{kind}.json", kind, "json", len(records), _json_bytes(
            {**header, "count": len(records), "taxonomies": exporter.term_names(),
             kind: [exporter.record(r) for r in records]}))
    features = exporter.features()
    add("points.geojson", "points", "geojson", len(features),
        _json_bytes({"type": "FeatureCollection", **header, "features": features}))
    for name, rows in exporter.hsds().items():
        add(f"hsds/{name}.json", "hsds", "hsds", len(rows), _json_bytes(rows))
    return files, listing


def published_rows(kind: str, docs: dict[str, str],
                   words: Vocabulary = DEFAULT) -> list[FieldRow]:
    """The data dictionary of a collection's JSON file: the schema's rows, as published.

    The editor's coordinates (in whichever system) become ``location.wgs84``; every
    record gains ``url``. *docs* are the locale's words for those added fields; the
    schema's descriptions are in the site's *words*.
    """
    rows = [row for row in field_rows(COLLECTIONS[kind], words=words)
            if not row.path.startswith("location.coordinates")]
    if kind == "points":
        at = next(i for i, row in enumerate(rows) if row.path.startswith("location.")) + 1
        while rows[at].path.startswith("location."):
            at += 1
        rows[at:at] = [FieldRow("location.wgs84", "object", "", False, None, docs["wgs84"]),
                       FieldRow("location.wgs84.lat", "float", "", True, None, docs["lat"]),
                       FieldRow("location.wgs84.lng", "float", "", True, None, docs["lng"])]
    rows.append(FieldRow("url", "url", "", True, None, docs["url"]))
    return rows


def heading(name: str, headings: dict[str, str]) -> str:
    """A CSV column's heading: its Chinese name, its machine name in brackets."""
    return f"{headings[name]}（{name}）"


def csv_bytes(headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    """A CSV file Excel opens with its Chinese intact: UTF-8 with a BOM, CRLF, quoted as
    needed; every cell, headings too, made by ``csv_cell``."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel")
    writer.writerow([csv_cell(heading) for heading in headings])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


# a spreadsheet reads a cell beginning with one of these as a formula; ' as the marker
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def csv_cell(value: Any) -> str:
    """A value as one CSV cell that a spreadsheet shows and never computes: a text cell
    beginning with ``= + - @``, tab, CR or ``'`` gains a leading ``'``; numbers stay."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # -12.5 is a number to a spreadsheet, not a formula
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _text(value: Any) -> str:
    """A value as CSV text: lists joined, absent values empty, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def plain(value: Any) -> Any:
    """A schema record as JSON values: absent and empty fields left out, dates as ISO text."""
    if dc.is_dataclass(value):
        out = {}
        for f in dc.fields(value):
            if f.metadata.get("internal"):
                continue
            item = plain(getattr(value, f.name))
            if item not in (None, [], {}):
                out[f.name] = item
        return out
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Exporter:
    """What every file is made from: the directory, as the pages show it."""

    def __init__(self, directory: Directory, public_url: str, walk_in: str | None = None):
        self.d = directory
        self.walk_in = walk_in if directory.site.programme.booking == "none" else None
        # a city whose points have one field each keeps the files it had
        self.several_fields = any(p.other_fields for p in directory.points)

        self.public_url = public_url
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, public_url)

    # -- what the site shows of a point --------------------------------------------

    def position(self, point: ShowcasePoint) -> LatLng | None:
        """A point's WGS-84 position, if its page shows its map (not once delisted)."""
        return self.d.position_of(point)

    def url(self, kind: str, id_: str) -> str:
        return f"{self.public_url}{kind}/{id_}/"

    def name(self, taxonomy: str, id_: str | None) -> str | None:
        return self.d.term(taxonomy, id_).name if id_ else None

    def names(self, taxonomy: str, ids: Iterable[str]) -> list[str]:
        return [self.d.term(taxonomy, i).name for i in ids]

    def term_names(self) -> dict[str, dict[str, str]]:
        """Every taxonomy's names by id, so the JSON files' ids can be read."""
        return {taxonomy: {id_: term.name for id_, term in terms.items()}
                for taxonomy, terms in self.d.taxonomies.items()}

    # -- CSV ---------------------------------------------------------------------------

    def columns(self, kind: str) -> list[Column]:
        own = {"points": self.point_columns, "projects": self.project_columns,
               "cases": self.case_columns}[kind]()
        return own[:-1] + self.extra_columns(kind) + own[-1:]  # the page's address last

    def extra_columns(self, kind: str) -> list[Column]:
        """A column for each of the city's own fields of the collection (site.yml)."""
        return [Column(f.id, lambda r, id_=f.id: dict(r.extra).get(id_), f.label)
                for f in self.d.site.extra_fields if f.collection == kind]

    def point_columns(self) -> list[Column]:
        def visit(p: ShowcasePoint) -> Any:
            return self.d.visit_of(p)

        def booking(p: ShowcasePoint, key: str) -> Any:
            v = visit(p)
            return getattr(v.booking, key) if v and v.booking else None

        def coordinate(p: ShowcasePoint, key: str) -> float | None:
            where = self.position(p)
            return round(getattr(where, key), DECIMALS) if where else None

        return [
            Column("id", lambda p: p.id),
            Column("name", lambda p: p.name),
            Column("status", lambda p: p.status),
            Column("delisted_on", lambda p: p.delisted.date.isoformat() if p.delisted else None),
            Column("organisation", lambda p: p.organisation.name),
            Column("organisation_type", lambda p: p.organisation.type),
            Column("organisation_type_name",
                   lambda p: self.name("organisation_types", p.organisation.type)),
            Column("grade", lambda p: p.organisation.grade),
            Column("field", lambda p: p.field),
            Column("field_name", lambda p: self.name("fields", p.field)),
            *([Column("other_fields", lambda p: p.other_fields),
               Column("other_field_names", lambda p: self.names("fields", p.other_fields))]
              if self.several_fields else []),
            Column("award_year", lambda p: p.award.year),
            Column("award_batch", lambda p: p.award.batch),
            Column("district", lambda p: p.location.district),
            Column("district_name", lambda p: self.name("districts", p.location.district)),
            Column("street", lambda p: p.location.street),
            Column("address", lambda p: p.location.address),
            Column("lat", lambda p: coordinate(p, "lat")),
            Column("lon", lambda p: coordinate(p, "lng")),
            Column("summary", lambda p: p.summary),
            Column("platforms", lambda p: p.platforms),
            Column("platform_names", lambda p: self.names("platforms", p.platforms)),
            Column("hours", lambda p: hours_text(visit(p))),
            Column("booking_phone", lambda p: booking(p, "phone")),
            Column("booking_url", lambda p: booking(p, "url")),
            Column("booking_email", lambda p: booking(p, "email")),
            Column("website", lambda p: p.website),
            Column("url", lambda p: self.url("points", p.id)),
        ]

    def project_columns(self) -> list[Column]:
        return [
            Column("id", lambda p: p.id),
            Column("name", lambda p: p.name),
            Column("organisation", lambda p: p.organisation),
            Column("field", lambda p: p.field),
            Column("field_name", lambda p: self.name("project_fields", p.field)),
            Column("series", lambda p: p.series),
            Column("series_name", lambda p: self.name("series", p.series)),
            Column("target_groups", lambda p: p.target_groups),
            Column("target_group_names", lambda p: self.names("target_groups", p.target_groups)),
            Column("district", lambda p: p.location.district),
            Column("district_name", lambda p: self.name("districts", p.location.district)),
            Column("street", lambda p: p.location.street),
            Column("community", lambda p: p.location.community),
            Column("year", lambda p: p.year),
            Column("summary", lambda p: p.summary),
            Column("points", lambda p: [x.id for x in self.d.points_of("projects", p.id)]),
            Column("url", lambda p: self.url("projects", p.id)),
        ]

    def case_columns(self) -> list[Column]:
        return [
            Column("id", lambda c: c.id),
            Column("title", lambda c: c.title),
            Column("year", lambda c: c.year),
            Column("field", lambda c: c.field),
            Column("field_name", lambda c: self.name("fields", c.field)),
            Column("organisations", lambda c: c.organisations),
            Column("summary", lambda c: c.summary),
            Column("points", lambda c: [x.id for x in self.d.points_of("cases", c.id)]),
            Column("projects", lambda c: [x.id for x in self.d.projects_of("cases", c.id)]),
            Column("url", lambda c: self.url("cases", c.id)),
        ]

    # -- JSON --------------------------------------------------------------------------

    def record(self, item: ShowcasePoint | BrandProject | CaseStudy) -> dict[str, Any]:
        """A record as its page shows it, with its page's address."""
        out = plain(item)
        if isinstance(item, ShowcasePoint):
            out["location"].pop("coordinates", None)
            if self.d.visit_of(item) is None:
                out.pop("visit", None)
            where = self.position(item)
            if where:  # in WGS-84, whatever system the editor picked the point in
                out["location"]["wgs84"] = {"lat": round(where.lat, DECIMALS),
                                            "lng": round(where.lng, DECIMALS)}
            kind = "points"
        else:
            kind = "projects" if isinstance(item, BrandProject) else "cases"
        if item.extra:
            out["extra"] = {id_: plain(value) for id_, value in item.extra}
        out["url"] = self.url(kind, item.id)
        return out

    # -- GeoJSON (RFC 7946) ------------------------------------------------------------

    def features(self) -> list[dict[str, Any]]:
        """The points the site's map shows, as Features: [lon, lat], WGS-84, no crs member."""
        out = []
        for p in self.d.points:
            where = self.position(p)
            if where is None:
                continue
            out.append({"type": "Feature", "id": p.id, "geometry": {
                "type": "Point",
                "coordinates": [round(where.lng, DECIMALS), round(where.lat, DECIMALS)]},
                "properties": {
                    "id": p.id, "name": p.name, "status": p.status,
                    "field": p.field, "field_name": self.name("fields", p.field),
                    **({"other_fields": list(p.other_fields),
                        "other_field_names": self.names("fields", p.other_fields)}
                       if self.several_fields else {}),
                    **({"extra": {id_: plain(value) for id_, value in p.extra}}
                       if p.extra else {}),
                    "district": p.location.district,
                    "district_name": self.name("districts", p.location.district),
                    "address": p.location.address, "url": self.url("points", p.id)}})
        return out

    # -- Open Referral HSDS 3.0 ----------------------------------------------------------

    def uid(self, kind: str, key: str) -> str:
        return str(uuid.uuid5(self.namespace, f"{kind}:{key}"))

    def hsds(self) -> dict[str, list[dict[str, Any]]]:
        """Awarded points as HSDS organizations, locations, services, service_at_locations,
        phones (the booking telephone) and schedules.

        A point is a service (booked visits) of its organisation at a location; delisted
        points offer no service any more and are left out. An organisation running two
        points is one organization.
        """
        organizations: dict[str, dict[str, Any]] = {}
        locations: list[dict[str, Any]] = []
        services: list[dict[str, Any]] = []
        service_at_locations: list[dict[str, Any]] = []
        phones: list[dict[str, Any]] = []
        schedules: list[dict[str, Any]] = []
        for p in self.d.awarded:
            org_id = self.uid("organization", p.organisation.name)
            organizations.setdefault(org_id, {
                "id": org_id, "name": p.organisation.name,
                "description": f"{self.name('organisation_types', p.organisation.type)}"
                               + (f",{p.organisation.grade}" if p.organisation.grade else ""),
                "legal_status": self.name("organisation_types", p.organisation.type),
                **({"website": p.website} if p.website else {})})
            location_id, service_id = self.uid("location", p.id), self.uid("service", p.id)
            location: dict[str, Any] = {
                "id": location_id, "location_type": "physical", "organization_id": org_id,
                "name": p.name, "description": p.summary,
                "addresses": [{
                    "id": self.uid("address", p.id), "location_id": location_id,
                    "address_1": p.location.address, "city": self.d.site.city,
                    "region": self.name("districts", p.location.district),
                    # required by HSDS, but not in our data: empty rather than made up
                    "state_province": "", "postal_code": "", "country": "CN",
                    "address_type": "physical"}]}
            where = self.position(p)
            if where:
                location["latitude"] = round(where.lat, DECIMALS)
                location["longitude"] = round(where.lng, DECIMALS)
            visit = self.d.visit_of(p)
            if visit and visit.directions:
                location["transportation"] = visit.directions
            locations.append(location)
            service: dict[str, Any] = {
                "id": service_id, "organization_id": org_id, "name": p.name,
                "description": p.summary, "url": self.url("points", p.id), "status": "active"}
            booking = visit.booking if visit else None
            if booking and booking.email:
                service["email"] = booking.email
            if booking and booking.note:
                service["application_process"] = booking.note
            elif self.walk_in:
                service["application_process"] = self.walk_in
            services.append(service)
            at_id = self.uid("service_at_location", p.id)
            service_at_locations.append(
                {"id": at_id, "service_id": service_id, "location_id": location_id})
            if booking and booking.phone:
                phones.append({"id": self.uid("phone", p.id), "service_at_location_id": at_id,
                               **e164(booking.phone)})
            schedules.extend(self.schedules(p, at_id))
        return {"organizations": list(organizations.values()), "locations": locations,
                "services": services, "service_at_locations": service_at_locations,
                "phones": phones, "schedules": schedules}

    def schedules(self, point: ShowcasePoint, at_id: str) -> list[dict[str, Any]]:
        """Each opening-hours line of a point as a weekly HSDS schedule, in China's time:
        the hours of the visit at that venue, so of its service_at_location."""
        visit = self.d.visit_of(point)
        if visit is None:
            return []
        offset = _offset_text(UTC_OFFSET)
        out = []
        for i, hours in enumerate(visit.hours):
            out.append({
                "id": self.uid("schedule", f"{point.id}:{i}"), "service_at_location_id": at_id,
                "freq": "WEEKLY", "interval": 1,
                "byday": ",".join(BYDAY[d] for d in WEEKDAYS.values if d in hours.days),
                "opens_at": hours.open + offset, "closes_at": hours.close + offset,
                "timezone": int(UTC_OFFSET.total_seconds() // 3600),
                **({"notes": visit.closed_note} if visit.closed_note else {})})
        return out


def hours_text(visit: Any) -> str | None:
    """Weekly hours as machine-readable text: ``tue,wed 09:30-12:00|sat 10:00-16:00``."""
    if visit is None or not visit.hours:
        return None
    return LIST_SEPARATOR.join(
        f"{','.join(d for d in WEEKDAYS.values if d in h.days)} {h.open}-{h.close}"
        for h in visit.hours)


def e164(number: str) -> dict[str, Any]:
    """A validated Chinese telephone number as an HSDS phone's number, type and extension.

    ``010-12345678-801`` → ``+86 10-12345678``, ``voice``, extension 801; a mobile
    ``13912345678`` → ``+86 13912345678``, ``cell`` (RFC 6350's types, which HSDS names).
    """
    landline = _LANDLINE_RE.match(number)
    if landline:
        out: dict[str, Any] = {"number": f"+86 {landline[1]}", "type": "voice"}
        if landline[2]:
            out["extension"] = int(landline[2])
        return out
    if _MOBILE_RE.match(number):
        return {"number": f"+86 {number}", "type": "cell"}
    return {"number": number, "type": "voice"}  # 400/800 and hotlines: China only


_LANDLINE_RE = re.compile(r"^0(\d{2,3}-?\d{7,8})(?:-(\d{1,6}))?$")  # as validate.py allows
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


def _offset_text(offset: dt.timedelta) -> str:
    """``+08:00``: HSDS times carry their offset from UTC."""
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
