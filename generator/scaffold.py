"""A new record file that already passes the check: every field explained in a comment.

``showcase new point east-centre`` writes ``data/points/east-centre.yml``. The
fields a record must have are filled with values that pass validation: text that starts
with 请填写 (so it is plain what is still to write), the first term of each taxonomy, this
year, today. The optional fields follow, commented out, each with an example to start
from. Every field is preceded by its description from the schema, so the file explains
itself, as the field reference page does.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .schema import (COLLECTIONS, SLUG_RE, AnnualProgramme, Choice, Extra, Format, Range,
                     TAXONOMIES, RecordRef, Term, field_specs, unwrap)
from .vocabulary import DEFAULT, Vocabulary

KINDS = {"point": "points", "project": "projects", "case": "cases", "year": "years"}
TODO = "请填写"  # the start of every value still to be written
# Optional parts a record needs all the same, by a rule rather than the schema: a point in
# service must say how to book a visit (validate.py, _check_point); a record's street is
# one of its district's streets.
BOOKING = ("points", "visit", "booking")
BOOKING_EN = ("points", "en", "booking_note")  # the English of visit.booking.note
NEEDED = {("points", "visit"), BOOKING, BOOKING + ("wechat",), ("districts", "streets")}
_EXTRA_EXAMPLES = {"text": f"{TODO}", "number": 0, "list": [f"{TODO}"], "date": "2025-01-01",
                   "url": "https://example.org/"}
_EXAMPLES = {"url": "https://example.org/", "https": "https://example.org/booking",
             "phone": "010-12345678", "email": "name@example.org", "time": "09:00",
             "media": "photos/example.jpg", "env": "TIANDITU_KEY", "datafile": "map/region.pmtiles"}


class Scaffold:
    """Writes one record's YAML, field by field, from the schema.

    *values* gives some fields a known value instead of a placeholder (``showcase init``
    knows the city's name), by field path from the collection's name: ``("site", "city")``.
    *notes* adds a comment line under a field's description, by the same path.
    """

    def __init__(self, collection: str, id_: str, taxonomies: dict[str, list[dict]],
                 today: dt.date, values: dict[tuple[str, ...], Any] | None = None,
                 notes: dict[tuple[str, ...], str] | None = None):
        self.collection, self.id, self.taxonomies, self.today = collection, id_, taxonomies, today
        self.values, self.notes = values or {}, notes or {}
        self.lines: list[str] = []

    vocabulary: Vocabulary = DEFAULT  # the programme's words, in the descriptions
    walk_in = False  # programme.booking is none: a record may not say how to book
    extra_fields: list[dict] = []  # the city's own fields, as site.yml declares them


    def text(self, header: str, cls: type | None = None) -> str:
        self.record(cls or COLLECTIONS[self.collection], 0, (self.collection,), commented=False)
        return "\n".join([f"# {header}", *self.lines]) + "\n"

    def list_item(self, cls: type) -> list[str]:
        """One item of a top-level list (a taxonomy's term), each field explained."""
        self.record(cls, 2, (self.collection,), commented=False)
        first = next(i for i, line in enumerate(self.lines) if not line.lstrip().startswith("#"))
        self.lines[:first + 1] = [line[2:] for line in self.lines[:first]] + \
            ["- " + self.lines[first][2:]]
        return self.lines

    def record(self, cls: type, indent: int, path: tuple[str, ...], commented: bool) -> None:
        for spec in field_specs(cls):
            where = path + (spec.name,)
            if self.walk_in and where in (BOOKING, BOOKING_EN):
                continue
            off = commented or not (spec.required or where in NEEDED and not self.walk_in
                                    or self.given(where))
            pad = " " * indent
            self.lines.append(f"{pad}# {self.vocabulary.apply(spec.doc)}")
            if where in self.notes:
                self.lines.append(f"{pad}# {self.notes[where]}")
            base, markers, _ = unwrap(spec.type)
            mark = "# " if off else ""
            extra = next((m for m in markers if isinstance(m, Extra)), None)
            if extra is not None:
                self.extras(extra.collection, indent, mark)
            elif dc.is_dataclass(base):
                self.lines.append(f"{pad}{mark}{spec.name}:")
                self.record(base, indent + 2, where, off)
            elif getattr(base, "__origin__", None) is tuple:
                item = base.__args__[0]
                item_base, item_markers, _ = unwrap(item)
                if dc.is_dataclass(item_base):
                    self.lines.append(f"{pad}{mark}{spec.name}:")
                    self.lines.append(f"{pad}  # -（每一项：）")
                    self.record(item_base, indent + 4, where, True)
                elif self.empty_taxonomy(item_markers):  # nothing to choose from yet
                    self.lines.append(f"{pad}{mark}{spec.name}: []")
                else:
                    value = self.scalar(spec.name, spec.doc, item_base, item_markers)
                    self.lines.append(f"{pad}{mark}{spec.name}: [{value}]")
            else:
                if where in self.values:
                    value = _dump(self.values[where])
                elif spec.default is not None and not spec.required:  # what it is unless written
                    value = _dump(spec.default)
                else:
                    value = self.scalar(spec.name, spec.doc, base, markers)
                self.lines.append(f"{pad}{mark}{spec.name}: {value}")

    def given(self, where: tuple[str, ...]) -> bool:
        """Whether *where* is, or holds, a field given a value (written out, not commented)."""
        return any(path[:len(where)] == where for path in self.values)

    def first_street(self) -> str:
        """The first district's first street, or what to write where it has none listed."""
        streets = self.taxonomies["districts"][0].get("streets") or [f"{TODO}：所在{self.vocabulary.street}"]
        return _dump(streets[0])

    def extras(self, collection: str, indent: int, mark: str) -> None:
        """The city's own fields of *collection* under ``extra:``, each with its label and
        description, an example of its type as the value."""
        declared = [field for field in self.extra_fields
                    if isinstance(field, dict) and field.get("collection", "points") == collection
                    and SLUG_RE.match(str(field.get("id", "")))]
        pad = " " * indent
        if not declared:
            self.lines.append(f"{pad}# extra: {{}}")
            return
        self.lines.append(f"{pad}{mark}extra:")
        for field in declared:
            note = " ".join(f"{field.get('label', '')}：{field.get('description', '')}".split())
            self.lines.append(f"{pad}  # {note}")
            example = _EXTRA_EXAMPLES.get(field.get("type"), f"{TODO}")
            self.lines.append(f"{pad}  {mark}{field.get('id')}: {_dump(example)}")

    def empty_taxonomy(self, markers: tuple) -> bool:
        """Whether a field takes terms of a taxonomy that has none (a city may leave one empty)."""
        return any(isinstance(marker, Term) and not self.taxonomies.get(marker.taxonomy)
                   for marker in markers)

    def scalar(self, name: str, doc: str, base: Any, markers: tuple) -> str:
        """A value that passes validation, written as YAML."""
        for marker in markers:
            if isinstance(marker, Term):
                if name == "street" and "districts" in self.taxonomies:
                    # one of the district's streets: the first district's
                    return self.first_street()
                if self.empty_taxonomy((marker,)):
                    return _dump(f"{TODO}：先在 taxonomies/{marker.taxonomy}.yml 里添加分类")
                return _dump(self.taxonomies[marker.taxonomy][0]["id"])
            if isinstance(marker, Choice):
                return _dump(marker.values[0])
            if isinstance(marker, RecordRef):
                return "example-id"
            if isinstance(marker, Format) and marker.name == "slug":
                return self.id if name == "id" else "example-id"
            if isinstance(marker, Format) and marker.name in _EXAMPLES:
                return _dump(_EXAMPLES[marker.name])
        if name == "street" and "districts" in self.taxonomies:
            # free text that must still be one of the district's streets
            return self.first_street()
        if base is bool:
            return "false"
        if base is int:
            bounds = next((m for m in markers if isinstance(m, Range)), None)
            if bounds is not None and bounds.minimum == 2000:  # a year
                return str(int(self.id) if name == "year" and self.collection == "years"
                           else self.today.year)
            return str(int(bounds.minimum) if bounds and bounds.minimum is not None else 1)
        if base is float:
            return "0"
        if base is dt.date:
            return self.today.isoformat()
        words = self.vocabulary.apply(doc).split("。")[0].split(",")[0].split("，")[0]  # "展示点名称"
        if name == "address" and self.id:  # two new points must not share a venue
            words += f"（{self.id}）"
        return _dump(f"{TODO}：{words}")


def _dump(value: Any) -> str:
    """One YAML scalar, quoted where YAML would read it as something else."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n...\n").strip()


def scaffold(kind: str, id_: str, data_dir: Path, today: dt.date, header: str) -> str:
    """The text of a new record file of *kind* (point, project, case, year)."""
    # the taxonomies of terms, by name: the thesaurus (synonyms.yml) beside them holds none
    files = {name: data_dir / "taxonomies" / f"{name}.yml" for name in TAXONOMIES}
    taxonomies = {name: yaml.safe_load(path.read_text(encoding="utf-8")) or []
                  for name, path in files.items() if path.is_file()}
    maker = Scaffold(KINDS[kind], id_, taxonomies, today)
    maker.vocabulary = Vocabulary.written(data_dir / "site.yml")
    site = _written_site(data_dir / "site.yml")
    programme = site.get("programme") if isinstance(site.get("programme"), dict) else {}
    maker.walk_in = programme.get("booking") == "none"
    maker.extra_fields = site.get("extra_fields") if isinstance(site.get("extra_fields"), list) else []
    return maker.text(header)


def _written_site(site_file: Path) -> dict:
    """site.yml as written, read without the check (``showcase new`` runs on unfinished data)."""
    try:
        raw = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return raw if isinstance(raw, dict) else {}


def is_year(kind: str) -> bool:
    return COLLECTIONS[KINDS[kind]] is AnnualProgramme
