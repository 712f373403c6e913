"""What the schema tells editors: JSON Schema files and the rows of the field reference.

Both are derived from ``schema.py`` and the current taxonomies, so autocompletion in
the editor, the reference page and the validator always agree.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import footer
from . import messages as msg
from .schema import (
    COLLECTIONS, Choice, Format, Holiday, Range, RecordRef, SiteConfig, Term, field_specs, unwrap,
)
from .schema import SYNONYM_MAX, District, FieldTerm, TaxonomyTerm
from .schema import THESAURUS_FILE, Thesaurus, WordGroup
from .schema import Extra, ExtraField
from .vocabulary import DEFAULT, Vocabulary

# Each kind of data file: a record a file, or (holidays, taxonomies) one list of records.
# The taxonomies' terms are of three kinds: fields (with groups), districts (with streets)
# and every other taxonomy's; the city's thesaurus is a list of groups of words.
SCHEMA_FILES: dict[str, Any] = {**COLLECTIONS, "site": SiteConfig, "holidays": tuple[Holiday, ...],
                                "taxonomies": tuple[TaxonomyTerm, ...],
                                "taxonomy-fields": tuple[FieldTerm, ...],
                                "taxonomy-districts": tuple[District, ...],
                                "taxonomy-synonyms": Thesaurus}
# Where the files of each kind are, as editors see it.
SCHEMA_PATHS: dict[str, str] = {**{name: f"data/{name}/<id>.yml" for name in COLLECTIONS},
                                "site": "data/site.yml", "holidays": "data/holidays.yml",
                                "taxonomies": "data/taxonomies/<分类>.yml",
                                "taxonomy-fields": "data/taxonomies/fields.yml",
                                "taxonomy-districts": "data/taxonomies/districts.yml",
                                "taxonomy-synonyms": f"data/taxonomies/{THESAURUS_FILE}"}

_PATTERNS = {
    "slug": r"^[a-z0-9]+(-[a-z0-9]+)*$",
    "time": r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$|^24:00$",
    "url": r"^https?://\S+$",
    "https": r"^https://\S+$",
    "licence": r"^https://\S+$",
    "report": r"^https://\S+$|^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$",
    "env": r"^TIANDITU_[A-Z0-9_]+$",
    "synonym": r"^[^\n、，,；;]*$",  # one word: validate's SYNONYM_SEPARATOR_RE
    **footer.PATTERNS,  # the footer's filing numbers and codes, as footer.py checks them
}


def json_schema(cls: Any, taxonomies: dict[str, dict[str, Any]],
                words: Vocabulary = DEFAULT, extras: tuple[ExtraField, ...] = ()) -> dict[str, Any]:
    """A draft-07 JSON Schema of one record type (or list of records), taxonomy ids as enums,
    the descriptions in the site's *words*."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#"}
    schema.update(_type(cls, taxonomies, extras, words) if _is_list(cls)
                  else _object(cls, taxonomies, extras, words))
    return schema


# The JSON Schema of each type of a city's own field (site.yml's extra_fields)
_EXTRA_TYPES = {"text": {"type": "string"}, "number": {"type": "number"},
                "list": {"type": "array", "items": {"type": "string"}},
                "date": {"type": "string", "format": "date"},
                "url": {"type": "string", "pattern": _PATTERNS["url"]}}
# ... and its type on the reference page (a key of the locale's reference.types)
_EXTRA_KINDS = {"text": ("line", ""), "number": ("float", ""), "list": ("list", "line"),
                "date": ("date", ""), "url": ("url", "")}


def _extra_object(collection: str, extras: tuple[ExtraField, ...]) -> dict[str, Any]:
    """The ``extra:`` of a collection's records: the fields site.yml declares for it."""
    return {"type": "object", "additionalProperties": False, "properties": {
        f.id: {**_EXTRA_TYPES[f.type], "title": f.label, "description": f.description}
        for f in extras if f.collection == collection}}


def extra_rows(rows: list[FieldRow], collection: str,
               extras: tuple[ExtraField, ...]) -> list[FieldRow]:
    """A collection's reference rows with a row for each of the city's own fields after
    the row of ``extra`` itself."""
    own = [FieldRow(f"extra.{f.id}", *_EXTRA_KINDS[f.type], False, None,
                    f"{f.label}：{f.description}") for f in extras if f.collection == collection]
    at = next((i + 1 for i, row in enumerate(rows) if row.path == "extra"), len(rows))
    return rows[:at] + own + rows[at:]


def _is_list(tp: Any) -> bool:
    return getattr(tp, "__origin__", None) is tuple


def _object(cls: type, taxonomies: dict[str, dict[str, Any]],
            extras: tuple[ExtraField, ...], words: Vocabulary) -> dict[str, Any]:
    properties = {}
    for spec in field_specs(cls):
        prop = _type(spec.type, taxonomies, extras, words)
        prop["description"] = words.apply(spec.doc)  # the schema's words; a city's own
        # fields' descriptions (extras) are data, and stay as written
        if not spec.required and spec.default not in (None, ()) \
                and not dc.is_dataclass(spec.default):
            prop["default"] = spec.default
        properties[spec.name] = prop
    out: dict[str, Any] = {"type": "object", "properties": properties,
                           "additionalProperties": False}
    required = [spec.name for spec in field_specs(cls) if spec.required]
    if required:
        out["required"] = required
    return out


def _type(tp: Any, taxonomies: dict[str, dict[str, Any]],
          extras: tuple[ExtraField, ...], words: Vocabulary) -> dict[str, Any]:
    base, markers, _ = unwrap(tp)
    if markers and isinstance(markers[0], Extra):
        return _extra_object(markers[0].collection, extras)
    if getattr(base, "__origin__", None) is tuple:
        items = _type(base.__args__[0], taxonomies, extras, words)
        out = {"type": "array", "items": items}
        if "enum" in items or "maxLength" in items:  # terms, choices and synonyms: each once
            out["uniqueItems"] = True
        for marker in markers:
            if isinstance(marker, WordGroup):  # a group of the thesaurus
                out.update(minItems=marker.minimum, description=words.apply(marker.doc))
        return out
    if dc.is_dataclass(base):
        return _object(base, taxonomies, extras, words)
    out = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"},
           bool: {"type": "boolean"}, dt.date: {"type": "string", "format": "date"}}[base]
    out = dict(out)
    for marker in markers:
        if isinstance(marker, Format):
            if marker.name in _PATTERNS:
                out["pattern"] = _PATTERNS[marker.name]
            if marker.name == "email":
                out["format"] = "email"
            if marker.name == "synonym":
                out.update(minLength=1, maxLength=SYNONYM_MAX)
        elif isinstance(marker, Choice):
            out["enum"] = list(marker.values)
        elif isinstance(marker, Term) and marker.taxonomy in taxonomies:
            out["enum"] = list(taxonomies[marker.taxonomy])
        elif isinstance(marker, Range):
            if marker.minimum is not None:
                out["minimum"] = marker.minimum
            if marker.maximum is not None:
                out["maximum"] = marker.maximum
    return out


# The words of what `showcase init` writes: neutral ones (a "记录" is "设立" and "撤销") until
# the city names its own in programme.short_title, award and delisting (placeholders there).
NEW_CITY_WORDS = dc.replace(DEFAULT, record=msg.INIT_RECORD_WORD, award=msg.INIT_AWARD_WORD,
                            delisting=msg.INIT_DELISTING_WORD)
PLACEHOLDERS = {"record": msg.INIT_SHORT_TITLE_TODO, "award": msg.INIT_AWARD_TODO,
                "delisting": msg.INIT_DELISTING_TODO}


def schema_words(site: SiteConfig) -> Vocabulary:
    """The programme's words for the editors' schemas: a placeholder init wrote is no word
    yet, and the schemas say the neutral one instead."""
    words = Vocabulary.of(site)
    return dc.replace(words, **{name: getattr(NEW_CITY_WORDS, name)
                                for name, placeholder in PLACEHOLDERS.items()
                                if getattr(words, name) == placeholder})


def json_schema_files(folder: Path, taxonomies: dict[str, dict[str, Any]],
                      words: Vocabulary = DEFAULT,
                      extras: tuple[ExtraField, ...] = ()) -> dict[Path, str]:
    """``<name>.schema.json`` of every record type in *folder*, with its text."""
    return {folder / f"{name}.schema.json": schema_text(cls, taxonomies, words, extras)
            for name, cls in SCHEMA_FILES.items()}


def write_json_schemas(folder: Path, taxonomies: dict[str, dict[str, Any]],
                       words: Vocabulary = DEFAULT,
                       extras: tuple[ExtraField, ...] = ()) -> list[Path]:
    """Write ``<name>.schema.json`` for every record type; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = json_schema_files(folder, taxonomies, words, extras)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)


def stale_json_schemas(folder: Path, taxonomies: dict[str, dict[str, Any]],
                       words: Vocabulary = DEFAULT,
                       extras: tuple[ExtraField, ...] = ()) -> list[Path]:
    """The editors' schema files in *folder* that say other than the data does now (the
    taxonomies, the words or the extra fields changed since ``showcase schemas``), or
    are missing; none if the folder is not there (a city may go without)."""
    if not folder.is_dir():
        return []
    return [path for path, text in json_schema_files(folder, taxonomies, words, extras).items()
            if not path.is_file() or path.read_text(encoding="utf-8") != text]


def schema_text(cls: type, taxonomies: dict[str, dict[str, Any]],
                words: Vocabulary = DEFAULT, extras: tuple[ExtraField, ...] = ()) -> str:
    """The JSON Schema of *cls* as the text of its file; *extras*: the city's own fields
    (site.yml's extra_fields), described under each record's ``extra``."""
    return json.dumps(json_schema(cls, taxonomies, words, extras), ensure_ascii=False,
                      indent=2) + "\n"


@dataclass(frozen=True)
class FieldRow:
    """One line of the field reference: a dotted path, its type, whether required, doc."""

    path: str
    kind: str
    detail: str
    required: bool
    default: Any
    doc: str


def field_rows(cls: Any, prefix: str = "", words: Vocabulary = DEFAULT) -> Iterator[FieldRow]:
    """Every field of *cls*, nested fields after their parent, as reference rows; the
    descriptions in the site's *words*."""
    if _is_list(cls):  # a file that is a list: each item's fields
        item, markers, _ = unwrap(cls.__args__[0])
        group = next((m for m in markers if isinstance(m, WordGroup)), None)
        if group is not None:  # the thesaurus: each item a list of words, no fields
            kind, _ = _kind(*unwrap(item.__args__[0])[:2])
            yield FieldRow("[]", "list", kind, True, None, words.apply(group.doc))
            return
        yield from field_rows(cls.__args__[0], "[].", words)
        return
    for spec in field_specs(cls):
        path = f"{prefix}{spec.name}"
        base, markers, _ = unwrap(spec.type)
        is_list = getattr(base, "__origin__", None) is tuple
        item = unwrap(base.__args__[0]) if is_list else (base, markers, False)
        kind, detail = _kind(item[0], item[1])
        if is_list:
            detail = f"{kind}:{detail}" if detail else kind
            kind = "list"
        default = (None if spec.required or spec.default in (None, ())
                   or dc.is_dataclass(spec.default) else spec.default)
        yield FieldRow(path, kind, detail, spec.required, default, words.apply(spec.doc))
        if dc.is_dataclass(item[0]):
            yield from field_rows(item[0], f"{path}[]." if is_list else f"{path}.", words)


def _kind(base: Any, markers: tuple) -> tuple[str, str]:
    """A type's name in the reference (a key of ``reference.types``) and its detail."""
    if dc.is_dataclass(base):
        return "object", ""
    for marker in markers:
        if isinstance(marker, Extra):
            return "extra", ""
        if isinstance(marker, Term):
            return "term", marker.taxonomy
        if isinstance(marker, RecordRef):
            return "ref", marker.collection
        if isinstance(marker, Choice):
            return "choice", ", ".join(marker.values)
        if isinstance(marker, Format):
            return marker.name, ""
    return {str: "text", int: "int", float: "float", bool: "bool", dt.date: "date"}[base], ""
