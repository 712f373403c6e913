"""Editions of the site in other languages (the English one under ``/en/``).

An edition shows each record in its language where the record has it written (the
record's ``en:`` fields) and in Chinese otherwise. Text shown in an edition it is not
written in is ``Untranslated``: printed into HTML, it carries its own ``lang``, so that a
screen reader reads it, and a browser lays it out, as the language it is in.

``localise`` is generic over the schema: it walks each record's fields with their types,
swaps in what an ``en:`` block translates (``schema.translations``: a field of the block
names the text it stands for, e.g. ``address`` → ``location.address``) and wraps every
other free text (the ``Line`` and ``Markdown`` fields, a city's own text fields) in
``Untranslated``. Ids, addresses on the web, phone numbers, dates and choices stay as
they are: they are the same in every language.
"""

from __future__ import annotations

import dataclasses as dc
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .schema import (
    EDITION_FIELDS, District, Extra, Format, PointLocation, ProjectLocation, English,
    field_specs, translations, unwrap,
)

if TYPE_CHECKING:  # the validator imports nothing of the editions, nor they of it
    from .validate import Validated

SOURCE_LANG = "zh-CN"  # the language every record is written in first
TEXT_FORMATS = ("line", "markdown")  # the free texts an edition shows in its language


class Untranslated(str):
    """Text shown in an edition of another language: HTML gets it in a ``<span lang>``.

    Still a ``str`` everywhere else (JSON, sorting, comparing). Jinja's ``|string`` and
    ``~`` keep it what it is; an attribute or a ``<title>`` takes ``plain(text)``.
    """

    lang = SOURCE_LANG

    def __html__(self) -> Markup:
        # not Markup.format: an English page of a record without English prints dozens,
        # and format's parsing cost 0.5 s of the 1.5 s of 1,000 such pages
        return Markup(f'<span lang="{self.lang}">{escape(str(self))}</span>')


def plain(text: Any) -> Any:
    """*text* without its mark (a plain ``str``), for where HTML cannot hold a ``<span>``:
    an attribute, a ``<title>``, a ``<meta>``. Anything else as it is."""
    return str(text) if isinstance(text, Untranslated) else text


def edition_field(edition: str) -> str | None:
    """The records' block of *edition*'s texts (``en`` for en, en-GB, EN), or None where
    the schema has none (the records' own language, or one no record can be written in)."""
    lang = edition.lower().replace("_", "-").split("-")[0]
    return lang if lang in EDITION_FIELDS else None


def localise(validated: Validated, edition: str) -> Validated:
    """The records as *edition* shows them: its texts where written, the Chinese
    (``Untranslated``) elsewhere. The source language's own edition is the records."""
    if edition.lower().split("-")[0] == SOURCE_LANG.split("-")[0]:
        return validated
    walker = _Localiser(edition_field(edition), validated)
    return dc.replace(
        validated,
        site=walker.value(validated.site),
        taxonomies={name: {id_: walker.value(term) for id_, term in terms.items()}
                    for name, terms in validated.taxonomies.items()},
        collections={name: [walker.value(item) for item in items]
                     for name, items in validated.collections.items()},
        holidays=tuple(walker.value(holiday) for holiday in validated.holidays))


class _Localiser:
    """One walk over the records of a data folder, for one edition."""

    def __init__(self, block: str | None, validated: Validated):
        self.block = block
        self.districts: dict[str, District] = validated.taxonomies.get("districts", {})
        self.extra_types: dict[str, dict[str, str]] = {}
        for field in validated.site.extra_fields:
            self.extra_types.setdefault(field.collection, {})[field.id] = field.type

    def value(self, value: Any, tp: Any = None, given: dict[str, Any] | None = None) -> Any:
        """*value* (of schema type *tp*; a record's own class if None) in the edition;
        *given*: the translations of its parts, by dotted path."""
        if value is None:
            return None
        if dc.is_dataclass(value):
            return self.record(value, given or {})
        base, markers, _ = unwrap(tp)
        extra = next((m for m in markers if isinstance(m, Extra)), None)
        if extra is not None:
            return self.extras(extra.collection, value)
        if isinstance(value, tuple):
            item_type = base.__args__[0] if getattr(base, "__origin__", None) is tuple else None
            return tuple(self.value(item, item_type) for item in value)
        if isinstance(value, str) and not isinstance(value, Untranslated) and any(
                isinstance(m, Format) and m.name in TEXT_FORMATS for m in markers):
            return Untranslated(value)
        return value

    def record(self, obj: Any, given: dict[str, Any]) -> Any:
        given = {**self.translated(obj), **given}  # a text's translation where it stands wins
        changes = {}
        for spec in field_specs(type(obj)):
            if spec.name in EDITION_FIELDS:
                continue  # kept as written: a template may ask whether a record has English
            if spec.name in given:
                changes[spec.name] = given[spec.name]
                continue
            prefix = spec.name + "."
            inner = {path[len(prefix):]: text for path, text in given.items()
                     if path.startswith(prefix)}
            changes[spec.name] = self.value(getattr(obj, spec.name), spec.type, inner)
        return dc.replace(obj, **changes)

    def translated(self, obj: Any) -> dict[str, Any]:
        """{dotted path: the edition's text} of what *obj*'s block translates."""
        found: dict[str, Any] = {}
        block = getattr(obj, self.block, None) if self.block else None
        if isinstance(block, English):
            for name, path in translations(type(block)):
                text = getattr(block, name)
                if text not in (None, ()):
                    found[path] = text
        if isinstance(obj, (PointLocation, ProjectLocation)):
            street = self.street(obj.district, obj.street)
            if street is not None:
                found["street"] = street
        return found

    def street(self, district_id: str, street: str) -> str | None:
        """A street's name in the edition: its district's list in the edition's block,
        item for item with the Chinese list."""
        district = self.districts.get(district_id)
        block = getattr(district, self.block, None) if district and self.block else None
        if not isinstance(block, English) or street not in district.streets:
            return None
        names = getattr(block, "streets", ())
        index = district.streets.index(street)
        return names[index] if index < len(names) else None

    def extras(self, collection: str, pairs: tuple) -> tuple:
        """A record's values of the city's own fields: texts and lists of texts marked."""
        types = self.extra_types.get(collection, {})
        out = []
        for id_, value in pairs:
            if types.get(id_) == "text" and isinstance(value, str):
                value = Untranslated(value)
            elif types.get(id_) == "list" and isinstance(value, tuple):
                value = tuple(Untranslated(item) if isinstance(item, str) else item
                              for item in value)
            out.append((id_, value))
        return tuple(out)
