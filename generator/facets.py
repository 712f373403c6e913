"""Facets of the directory pages: what each record is, by field, district, year and so on.

The directory pages list every record, grouped, as plain HTML. With JavaScript a form of
facets filters the list in place (theme/overrides/assets/javascripts/showcase-facets.js):
several values of one facet widen the choice, several facets narrow it, and each value
shows how many records it would leave. Each record's values travel as one short
attribute, ``data-f``: per facet, the positions of its values in that facet's list,
``"3 0 5 - 1,4"`` (``-``: none). With the attribute's name that is some 22 bytes a
point (219 KB at 10,000 points, form included; benchmarks/facets_benchmark.py), where
the values' ids would take three to four times as much.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from .model import Directory
from .schema import BrandProject, CaseStudy, ShowcasePoint

GRADES = ("5A", "4A", "3A", "2A", "1A")
NO_GRADE = "none"


@dataclass(frozen=True)
class Option:
    value: str  # as the URL has it: ?field=vr
    label: str
    count: int  # records with this value, before any choice


@dataclass(frozen=True)
class Facet:
    name: str  # the URL parameter
    label: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Facets:
    facets: tuple[Facet, ...]
    codes: dict[str, str]  # record id → its data-f attribute


@dataclass(frozen=True)
class _Spec:
    name: str
    label: str
    values: Callable[[Any], Iterable[str]]  # a record's values (none, one or several)
    order: Sequence[tuple[str, str]]  # every possible (value, label), in display order


def _facets(records: Sequence[Any], specs: Sequence[_Spec]) -> Facets:
    facets, columns = [], []
    for spec in specs:
        values = [tuple(dict.fromkeys(spec.values(record))) for record in records]
        counts: dict[str, int] = {}
        for own in values:
            for value in own:
                counts[value] = counts.get(value, 0) + 1
        options = tuple(Option(value, label, counts[value])
                        for value, label in spec.order if counts.get(value))
        if len(options) < 2 or len(set(values)) < 2:
            continue  # one value, or the same for every record: no choice, no filter
        position = {option.value: i for i, option in enumerate(options)}
        facets.append(Facet(spec.name, spec.label, options))
        columns.append([",".join(str(position[v]) for v in own) or "-" for own in values])
    codes = {record.id: " ".join(column[i] for column in columns)
             for i, record in enumerate(records)}
    return Facets(tuple(facets), codes)


def _terms(d: Directory, taxonomy: str) -> list[tuple[str, str]]:
    return [(term.id, term.name) for term in d.taxonomies[taxonomy].values()]


def _years(years: Iterable[int]) -> list[tuple[str, str]]:
    return [(str(year), str(year)) for year in sorted(set(years), reverse=True)]


def point_facets(d: Directory, t: dict[str, Any]) -> Facets:
    """Field × district × award year × status × organisation type × evaluation grade."""
    words = t["facets"]
    points: list[ShowcasePoint] = d.points
    return _facets(points, [
        _Spec("field", words["field"], d.fields_of, _terms(d, "fields")),
        _Spec("district", words["district"], lambda p: [p.location.district],
              _terms(d, "districts")),
        _Spec("year", words["award_year"], lambda p: [str(p.award.year)],
              _years(p.award.year for p in points)),
        _Spec("status", words["status"], lambda p: [p.status],
              [(status, t["status"][status]) for status in ("awarded", "delisted")]),
        _Spec("type", words["organisation_type"], lambda p: [p.organisation.type],
              _terms(d, "organisation_types")),
        _Spec("grade", words["grade"], lambda p: [p.organisation.grade or NO_GRADE],
              [*((grade, words["grade_value"].format(grade=grade)) for grade in GRADES),
               (NO_GRADE, words["grade_none"])]),
    ])


def project_facets(d: Directory, t: dict[str, Any]) -> Facets:
    """Field × series × target group × district × year."""
    words = t["facets"]
    projects: list[BrandProject] = d.projects
    return _facets(projects, [
        _Spec("field", words["project_field"], lambda p: [p.field], _terms(d, "project_fields")),
        _Spec("series", words["series"], lambda p: [p.series] if p.series else [],
              _terms(d, "series")),
        _Spec("group", words["target_group"], lambda p: p.target_groups,
              _terms(d, "target_groups")),
        _Spec("district", words["district"], lambda p: [p.location.district],
              _terms(d, "districts")),
        _Spec("year", words["year"], lambda p: [str(p.year)], _years(p.year for p in projects)),
    ])


def case_facets(d: Directory, t: dict[str, Any]) -> Facets:
    """Year × field."""
    words = t["facets"]
    cases: list[CaseStudy] = d.cases
    return _facets(cases, [
        _Spec("year", words["year"], lambda c: [str(c.year)], _years(c.year for c in cases)),
        _Spec("field", words["field"], lambda c: [c.field] if c.field else [],
              _terms(d, "fields")),
    ])
