"""Model stage: the validated records as one directory, with the indexes pages need.

Links between records may be written on either side (a point lists a case, or the
case lists the point); the model makes every link visible from both ends.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .coords import LatLng, to_wgs84
from .schema import (AnnualProgramme, BrandProject, CaseStudy, Event, ExtraField, Holiday,
                     ProgrammeStep,
                     ShowcasePoint, SiteConfig, Target, Visit)
from .validate import Validated


def open_for_visits(point: ShowcasePoint) -> bool:
    """Whether a point publishes how to visit it: its ``visit`` (hours, booking, notes,
    directions, languages, access) and its place on the map.

    A delisted point keeps its page, name, address and story, but its visiting
    arrangements no longer hold: every output (page, search, open data, feeds) leaves
    them out alike, through ``Directory.visit_of`` and ``Directory.position_of``.
    """
    return point.status == "awarded"


@dataclass
class Links:
    """Symmetric links between points, projects and cases, by id."""

    pairs: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, kind_a: str, id_a: str, kind_b: str, id_b: str) -> None:
        self.pairs[(kind_a, id_a)].add(f"{kind_b}:{id_b}")
        self.pairs[(kind_b, id_b)].add(f"{kind_a}:{id_a}")

    def of(self, kind: str, id_: str, other: str) -> list[str]:
        prefix = other + ":"
        return sorted(item[len(prefix):] for item in self.pairs.get((kind, id_), ())
                      if item.startswith(prefix))


@dataclass(frozen=True)
class YearFigures:
    """A year's key figures; for the year under way, so far."""

    year: int
    awarded: int  # points awarded in the year
    total: int  # points awarded by the year's end, delisted since or not: what plans count
    in_operation: int  # awarded by the year's end and not delisted by then
    delisted: int  # points delisted in the year
    events: int
    projects: int
    cases: int


@dataclass(frozen=True)
class TargetProgress:
    """A plan's target at the end of a year: the value reached, the goal, whether met."""

    target: Target
    kind: str  # count (points or another collection), coverage or share
    value: int  # records; covered streets or districts; percent rated
    goal: int  # the same unit as value
    met: bool
    part: int = 0  # for a share: the rated points in service ...
    whole: int = 0  # ... of all points in service
    at: int = 0  # the year whose end it is measured at


@dataclass
class Directory:
    """Everything the site shows, sorted and indexed."""

    site: SiteConfig
    taxonomies: dict[str, dict[str, Any]]
    points: list[ShowcasePoint]
    projects: list[BrandProject]
    cases: list[CaseStudy]
    years: list[AnnualProgramme]
    links: Links
    holidays: tuple[Holiday, ...] = ()
    # groups of words that mean the same to a visitor (data/taxonomies/synonyms.yml), as
    # written: the search finds a record written with one word of a group by the others
    thesaurus: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        self.point_by_id = {p.id: p for p in self.points}
        self.project_by_id = {p.id: p for p in self.projects}
        self.case_by_id = {c.id: c for c in self.cases}
        self.awarded = [p for p in self.points if p.status == "awarded"]
        # every position in WGS-84, whatever system the editor picked it in
        self.positions: dict[str, LatLng] = {
            p.id: to_wgs84(c.system, c.lat, c.lng)
            for p in self.points if (c := p.location.coordinates) is not None}
        self.delisted = [p for p in self.points if p.status == "delisted"]
        self._anchors: dict[int, str] = {}
        self._held: dict[str, list[tuple[int, Event]]] = defaultdict(list)  # by point id
        for programme in self.years:
            self._anchors.update(_anchors(programme.programme, "s"))
            self._anchors.update(_anchors(programme.events, "e"))
            for event in programme.events:
                if event.point:
                    self._held[event.point].append((programme.year, event))

    def anchor(self, item: Event | ProgrammeStep) -> str:
        """An event's or programme step's anchor on its year's page, e.g. ``e20241207``.

        Made from the date, so it stays the same when other events are added: the feed
        and the point pages link to it.
        """
        return self._anchors[id(item)]

    def visit_of(self, point: ShowcasePoint) -> Visit | None:
        """A point's visiting arrangements as published: none once it is delisted."""
        return point.visit if open_for_visits(point) else None

    def position_of(self, point: ShowcasePoint) -> LatLng | None:
        """A point's position (WGS-84) as published: none once it is delisted."""
        return self.positions.get(point.id) if open_for_visits(point) else None

    def term(self, taxonomy: str, id_: str) -> Any:
        """The taxonomy term with this id."""
        return self.taxonomies[taxonomy][id_]

    def group(self, items: list[Any], key: str, taxonomy: str) -> list[tuple[Any, list[Any]]]:
        """Items grouped by a taxonomy field, in the taxonomy's order, empty groups left out."""
        buckets: dict[str, list[Any]] = defaultdict(list)
        for item in items:
            buckets[_get(item, key)].append(item)
        return [(term, buckets[term_id]) for term_id, term in self.taxonomies[taxonomy].items()
                if buckets.get(term_id)]

    def extras_of(self, item: Any) -> list[tuple[ExtraField, Any]]:
        """A record's values of the city's own fields, each with its declaration."""
        declared = {f.id: f for f in self.site.extra_fields}
        return [(declared[id_], value) for id_, value in getattr(item, "extra", ())]

    @staticmethod
    def fields_of(point: ShowcasePoint) -> tuple[str, ...]:
        """Every field of a point: its primary field (its colour on the map) first."""
        return (point.field, *point.other_fields)

    def fields_in_group(self, group_id: str | None) -> list[Any]:
        """The fields of a group (of field_groups), in the taxonomy's order; with None,
        those of no group, which the fields page lists all the same."""
        fields = self.taxonomies["fields"].values()
        if group_id is None:
            return [term for term in fields
                    if not set(term.groups) & set(self.taxonomies["field_groups"])]
        return [term for term in fields if group_id in term.groups]

    def awarded_in_field(self, field_id: str) -> list[ShowcasePoint]:
        """Awarded points with this field, primary or other: a field's page lists them all."""
        return [p for p in self.awarded if field_id in self.fields_of(p)]

    def awarded_where(self, key: str, value: str) -> list[ShowcasePoint]:
        """Awarded points whose field at *key* (dotted) has *value*."""
        return [p for p in self.awarded if _get(p, key) == value]

    def year_numbers(self) -> list[int]:
        """The years the site has a page for: each programme file's and each award's,
        newest first."""
        return sorted({y.year for y in self.years} | {p.award.year for p in self.points},
                      reverse=True)

    def programme_of(self, year: int) -> AnnualProgramme | None:
        return next((y for y in self.years if y.year == year), None)

    def awarded_in(self, year: int) -> list[ShowcasePoint]:
        """The points awarded in a year (delisted since or not)."""
        return [p for p in self.points if p.award.year == year]

    def delisted_in(self, year: int) -> list[ShowcasePoint]:
        return [p for p in self.points if p.delisted and p.delisted.date.year == year]

    def events_of(self, year: int) -> list[Event]:
        """The events of a year, by date."""
        programme = self.programme_of(year)
        return sorted(programme.events, key=lambda e: e.date) if programme else []

    def figures_of(self, year: int) -> YearFigures:
        """The key figures of any year (nothing happened in a year before the first)."""
        by_then = [p for p in self.points if p.award.year <= year]
        gone = [p for p in by_then if p.delisted and p.delisted.date.year <= year]
        return YearFigures(
            year=year, awarded=len(self.awarded_in(year)), total=len(by_then),
            in_operation=len(by_then) - len(gone), delisted=len(self.delisted_in(year)),
            events=len(self.events_of(year)),
            projects=sum(1 for p in self.projects if p.year == year),
            cases=sum(1 for c in self.cases if c.year == year))

    def target_for(self, year: int) -> Target | None:
        """The plan's target of points awarded a year works towards: the first that falls
        in it or after."""
        return min((t for t in self.site.targets if t.year >= year and t.points is not None),
                   key=lambda t: t.year, default=None)

    def goals_for(self, year: int) -> list[TargetProgress]:
        """The plan's other targets (a count, a coverage, a share) a year works towards,
        each the first of its kind in the year or after, measured at the year's end."""
        firsts: dict[tuple, Target] = {}
        for target in sorted(self.site.targets, key=lambda t: t.year):
            if target.points is None and target.year >= year:
                firsts.setdefault((target.count is None, target.coverage, target.of), target)
        return [self.progress(target, year) for target in firsts.values()]

    def progress(self, target: Target, year: int) -> TargetProgress:
        """How far a target is reached at the end of *year* (so far, for the year under way)."""
        return dataclasses.replace(self._progress(target, year), at=year)

    def _progress(self, target: Target, year: int) -> TargetProgress:
        in_service = [p for p in self.points if p.award.year <= year
                      and not (p.delisted and p.delisted.date.year <= year)]
        if target.coverage is not None:
            served = {(p.location.district, p.location.street) for p in in_service}
            districts = self.taxonomies["districts"].values()
            if target.coverage == "districts":
                units = [d.id for d in districts]
                value = len({d for d, _ in served} & set(units))
            else:
                units = [(d.id, s) for d in districts for s in d.streets]
                value = len(served & set(units))
            return TargetProgress(target, "coverage", value, len(units), value >= len(units))
        if target.share is not None:
            rated = sum(1 for p in in_service if p.organisation.grade)
            percent = rated * 100 // len(in_service) if in_service else 0
            return TargetProgress(target, "share", percent, target.share,
                                  bool(in_service) and rated * 100 >= target.share * len(in_service),
                                  rated, len(in_service))
        counts = {
            "points": sum(1 for p in self.points if p.award.year <= year),
            "projects": sum(1 for p in self.projects if p.year <= year),
            "cases": sum(1 for c in self.cases if c.year <= year),
            "events": sum(len(y.events) for y in self.years if y.year <= year),
        }
        value = counts[target.of or "points"]
        goal = target.count if target.count is not None else target.points or 0
        return TargetProgress(target, "count", value, goal, value >= goal)

    def events_at(self, point_id: str) -> list[tuple[int, Event]]:
        """Every event held at a point, with its year, newest first."""
        return sorted(self._held.get(point_id, ()), key=lambda pair: pair[1].date, reverse=True)

    def points_of(self, kind: str, id_: str) -> list[ShowcasePoint]:
        return [self.point_by_id[i] for i in self.links.of(kind, id_, "points")]

    def projects_of(self, kind: str, id_: str) -> list[BrandProject]:
        return [self.project_by_id[i] for i in self.links.of(kind, id_, "projects")]

    def cases_of(self, kind: str, id_: str) -> list[CaseStudy]:
        return [self.case_by_id[i] for i in self.links.of(kind, id_, "cases")]

    def figures(self) -> dict[str, int]:
        """Key figures for the home page."""
        return {
            "points": len(self.awarded),
            "fields": len({f for p in self.awarded for f in self.fields_of(p)}),
            "districts": len({p.location.district for p in self.awarded}),
            "projects": len(self.projects),
            "cases": len(self.cases),
            "years": len({p.award.year for p in self.points}),
        }


def _anchors(items: tuple[Event, ...] | tuple[ProgrammeStep, ...], prefix: str) -> dict[int, str]:
    """``e20241207`` for the first item of a day (in the file's order), ``e20241207-2`` next."""
    out, seen = {}, defaultdict(int)
    for item in items:
        day = f"{prefix}{item.date:%Y%m%d}"
        seen[day] += 1
        out[id(item)] = day if seen[day] == 1 else f"{day}-{seen[day]}"
    return out


def _get(item: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        item = getattr(item, part)
    return item


def build_directory(data: Validated) -> Directory:
    """Sort the records and link them both ways."""
    points = sorted(data.collections["points"], key=lambda p: (-p.award.year, p.award.batch, p.id))
    projects = sorted(data.collections["projects"], key=lambda p: (-p.year, p.id))
    cases = sorted(data.collections["cases"], key=lambda c: (-c.year, c.id))
    years = sorted(data.collections["years"], key=lambda y: y.year)
    links = Links()
    for point in points:
        for project in point.projects:
            links.add("points", point.id, "projects", project)
        for case in point.cases:
            links.add("points", point.id, "cases", case)
    for project in projects:
        for point in project.points:
            links.add("projects", project.id, "points", point)
    for case in cases:
        for point in case.points:
            links.add("cases", case.id, "points", point)
        for project in case.projects:
            links.add("cases", case.id, "projects", project)
    return Directory(data.site, data.taxonomies, points, projects, cases, years, links,
                     data.holidays, data.thesaurus)
