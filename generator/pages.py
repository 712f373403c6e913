"""Render stage: the directory → page bodies, from the Jinja2 templates in ``theme/pages``.

Pages are made in memory and handed to the site builder; nothing here writes a file or
knows about mkdocs. Every page's links are relative, so the site works under any base
path (a GitHub Pages project sub-path or a custom domain).
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import functools
import urllib.parse
import zlib
from urllib.parse import quote
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import jinja2
from markupsafe import Markup

from . import permalinks
from .charts import directory_charts
from .editions import Untranslated, plain
from .facets import case_facets, point_facets, project_facets
from .maps import VENDOR, NavigationLink, navigation_links, on_tiles, overview_map, tile_layer
from .model import Directory
from .opendata import OPEN_COLLECTIONS, Download, published_rows
from .parallel import split_map
from .qrcodes import QrCode, to_svg
from .reference import SCHEMA_FILES, SCHEMA_PATHS, extra_rows, field_rows
from .richtext import RichText
from .schema import WEEKDAYS, ShowcasePoint, Visit
from .vocabulary import Vocabulary
from .structured import dataset_graph, json_ld_script, point_graph
from .visits import holiday_dates, schedule


@dataclass(frozen=True)
class GeneratedPage:
    """One page of the site: where it lives, its title and its HTML body.

    The body is kept compressed: thousands of pages of HTML with Chinese in it are held
    from the render stage until mkdocs writes them (as text, 36 MB at 1,000 points;
    compressed, about a fifth of that, for some 0.3 s of CPU on both ends).
    """

    src_uri: str
    title: str
    body: bytes  # the HTML, UTF-8, zlib-compressed
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)  # front matter for the theme

    @classmethod
    def of(cls, src_uri: str, title: str, html: str, description: str = "",
           meta: dict[str, Any] | None = None) -> GeneratedPage:
        return cls(src_uri, title, zlib.compress(html.encode("utf-8"), 1), description,
                   meta or {})

    @property
    def html(self) -> str:
        return zlib.decompress(self.body).decode("utf-8")


@dataclass(frozen=True)
class PageJob:
    """A page to render: which template, with what."""

    src_uri: str
    template: str
    title: str
    description: str
    context: dict[str, Any]
    meta: dict[str, Any]


@dataclass(frozen=True)
class Edition:
    """A language edition of the site (English under ``en/``): its pages are the site's
    generated pages again, under *prefix*, with the records in its language.

    Its pages link to each other; files that are not pages (QR codes, plaques, feeds,
    open data, photos) are the site's own, at the root, made once. A hand-written page
    is linked in the edition if the edition has it (``content/en/visiting.md``), the
    site's own otherwise.
    """

    name: str  # the locale: "en"
    written: frozenset[str] = frozenset()  # its hand-written pages, as the site's (visiting.md)

    @property
    def prefix(self) -> str:
        return prefix_of(self.name)


def prefix_of(edition: str) -> str:
    """Where an edition's pages live: ``en/``."""
    return edition.lower() + "/"


@functools.lru_cache(maxsize=None)
def url_of(src_uri: str) -> str:
    """The directory URL of a page source: ``points/x.md`` → ``points/x/``."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(from_uri: str, to_uri: str) -> str:
    """A link from one page to another (or to a file) that works under any base path.

    Up to the site's root, then down to the target: ``../../fields/vr/``.
    """
    target = url_of(to_uri) if to_uri.endswith(".md") else to_uri
    return ("../" * url_of(from_uri).count("/") + target) or "./"


def weekly_hours(visit: Visit | None, strings: dict[str, Any]) -> list[tuple[str, str]]:
    """Opening hours as rows of (days, times), consecutive days with equal times merged.

    ``[("周二至周五", "09:30–12:00、14:00–17:30"), ("周六", "10:00–16:00")]``
    """
    if visit is None or not visit.hours:
        return []
    names = strings["weekdays"]
    per_day: dict[str, tuple[str, ...]] = {}
    for day in WEEKDAYS.values:
        ranges = sorted((h.open, h.close) for h in visit.hours if day in h.days)
        per_day[day] = tuple(f"{start}–{end}" for start, end in ranges)
    rows: list[tuple[list[str], tuple[str, ...]]] = []
    for day in WEEKDAYS.values:
        times = per_day[day]
        if not times:
            continue
        if rows and rows[-1][1] == times and _follows(rows[-1][0][-1], day):
            rows[-1][0].append(day)
        else:
            rows.append(([day], times))
    out = []
    for days, times in rows:
        if len(days) > 2:
            label = names["range"].format(first=names[days[0]], last=names[days[-1]])
        else:
            label = names["separator"].join(names[d] for d in days)
        out.append((label, names["separator"].join(times)))
    return out


def _follows(previous: str, day: str) -> bool:
    order = WEEKDAYS.values
    return order.index(day) == order.index(previous) + 1


def type_label(kind: str, detail: str, types: dict[str, str], chinese: bool = True) -> str:
    """A field type in words, as the reference page shows it."""
    if kind == "list" and detail:
        item_kind, _, item_detail = detail.partition(":")
        inner = type_label(item_kind, item_detail, types, chinese)
        return f"{types['list']}（{inner}）" if chinese else f"{types['list']} ({inner})"
    return types[kind].format(taxonomy=detail, collection=detail, values=detail)


def site_address(public_url: str) -> str:
    """The published site as a web search engine's site: takes it, host and path:
    ``example.github.io/showcase-directory`` (a project site shares its host)."""
    parts = urllib.parse.urlsplit(public_url)
    return parts.netloc + parts.path.rstrip("/")


def section_pages(d: Directory) -> dict[str, bool]:
    """The directory's section pages, and whether each has anything to show.

    A page of an empty collection is not made (a new city's first build has no record at
    all), and the nav, the home page and the 404 page leave it out. Term pages stay: a
    case or a project links to its field or district whether or not a point is there.
    The directory itself and its plaques page stay too, saying that nothing is listed
    yet: they are what the hand-written pages (visiting guide, editors' guide) link to.
    """
    return {
        "points/index.md": True,
        "map/index.md": bool(d.awarded),
        "fields/index.md": bool(d.awarded),
        "districts/index.md": bool(d.awarded),
        "plaques/index.md": True,
        "projects/index.md": bool(d.projects),
        "cases/index.md": bool(d.cases),
        "years/index.md": bool(d.year_numbers()),
    }


def term_counts(d: Directory, taxonomy: str, key: str) -> list[tuple[Any, int]]:
    """The terms of a taxonomy that points in service have, with how many: the home
    page's chips."""
    def having(term_id: str) -> list:  # a field counts its points' other fields too
        return d.awarded_in_field(term_id) if key == "field" else d.awarded_where(key, term_id)

    counts = [(term, len(having(term.id))) for term in d.taxonomies[taxonomy].values()]
    return [(term, n) for term, n in counts if n]


FACET_PAGE = 200  # records a directory shows at a time once filtered (showcase-facets.js)

# A record's or year's page is indexed from its data (search.py), not by Material parsing
# its HTML
RECORD_META = {"search": {"exclude": True}}


def _weight(job: PageJob) -> int:
    """A page's cost to render, roughly: a year's page lists its events."""
    events = job.context.get("events")
    return 1 + len(events) // 30 if events else 1  # measured: 500 events, 17 point pages


class Renderer:
    """Renders every generated page of the site from the directory."""

    def __init__(self, directory: Directory, templates_dir: Path, strings: dict[str, Any],
                 public_url: str, codes: dict[str, QrCode], today: dt.date,
                 downloads: list[Download] | None = None, edition: Edition | None = None,
                 shared: Renderer | None = None, memo: bool = False):
        self.directory = directory
        self.edition = edition  # None: the site's own language, at the root
        self.prefix = edition.prefix if edition else ""
        # what does not depend on the language is made once, by the site's own renderer
        self._shared = shared
        self._overview: Any = None
        # the Markdown converted for the site's pages, which an edition's pages show
        # again where they fall back to the Chinese (*memo*: the site has editions)
        self._memo: dict[str, Markup] | None = shared._memo if shared else {} if memo else None
        self._made: frozenset[str] = frozenset()  # the generated pages (unprefixed)
        self.downloads = downloads  # the open-data files; None: no data page
        self.sections = section_pages(directory)
        self.today = today  # in China: the year under way has its figures "so far"
        self.strings = strings
        self.public_url = public_url  # the published site's address, for QR codes
        self.codes = codes  # each point's QR code, by point id
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates_dir),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,  # one build renders thousands of pages from a few templates
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["markdown"] = RichText() if self._memo is None else _Kept(self._memo)
        # an attribute holds no markup: Untranslated text without its <span lang> there
        # (|plain); a sentence of the interface that takes a text of the data is formatted
        # as Markup, (t.x|e).format(…), which keeps that text's <span lang> (str.format
        # would print the Chinese bare on an English page)
        self.env.filters["plain"] = plain
        self.env.globals.update(
            t=strings, d=directory, site=directory.site, term=directory.term,
            weekly_hours=lambda visit: weekly_hours(visit, strings),
            type_label=lambda row: type_label(  # brackets as the language writes them
                row.kind, row.detail, strings["reference"]["types"],
                strings.get("edition", {}).get("lang", "zh").startswith("zh")),
            point_map=self.point_map, navigation=self.navigation, vendor=VENDOR,
            schedule=self.schedule, permalink_url=self.permalink_url, qr_svg=self.qr_svg,
            report_error_url=self.report_error_url, json_ld=self.json_ld,
            holiday_dates=[day.isoformat() for day in holiday_dates(directory.holidays)],
            FACET_PAGE=FACET_PAGE,
            extra_labels={f.id: f.label for f in directory.site.extra_fields}, has_page=self.has_page,
            term_counts=functools.partial(term_counts, directory),
            open_status_strings={**strings["point"]["open_status"], "weekdays": [
                strings["weekdays"][day] for day in WEEKDAYS.values]},
            # what to write after site: in a web search engine (the directory's hint)
            search_site=site_address(public_url),
        )
        self.env.globals["anchor"] = directory.anchor
        # the build's day in China: what is already past is left out (closed dates)
        self.env.globals["today"] = today
        # the tiles of both maps, with their controls' words (showcase-tiles.js)
        self.tiles = {**tile_layer(directory.site.map.tiles), "labels": strings["map"]["controls"]}
        if edition:  # the credit (HTML) is the provider's own, in Chinese (高德地图): marked so
            self.tiles["attribution"] = (f'<span lang="{Untranslated.lang}">'
                                         f'{self.tiles["attribution"]}</span>')
        self.env.globals["tiles"] = self.tiles
        # the shared macros, made once rather than imported by every page
        self.env.globals["m"] = self.env.get_template("_macros.html").module

    def overview(self):
        """The overview map's script and data: no text in it, the same in every edition."""
        if self._shared is not None:  # folium's part shared; the names in this language
            made, d = self._shared.overview(), self.directory
            names = {term.id: term.name for term in d.taxonomies["fields"].values()}
            return dc.replace(made, fields=[{**field, "name": names[field["id"]]}
                                            for field in made.fields],
                              points=[(d.point_by_id[point.id], marker)
                                      for point, marker in made.points])
        if self._overview is None:
            self._overview = overview_map(self.directory)
        return self._overview

    def link(self, to: str) -> str:
        """Where a link of this edition's page to *to* (a page source or a file) goes."""
        if self.edition and to.endswith(".md") and (to in self._made or to in self.edition.written):
            return self.prefix + to
        return to

    def untranslated_docs(self, rows: list) -> list:
        """An edition's data dictionary: the schema's descriptions are in Chinese, marked
        so (``Untranslated``); the rows the locale describes are in the edition's words."""
        if not self.edition:
            return rows
        own = set(self.strings["opendata"]["fields"].values())
        return [row if row.doc in own else dc.replace(row, doc=Untranslated(row.doc))
                for row in rows]

    def has_page(self, src_uri: str) -> bool:
        """Whether a section page is made (not for an empty collection) or is no section."""
        return self.sections.get(src_uri, True)

    def point_map(self, point: ShowcasePoint) -> dict[str, Any]:
        """What a point page's map script draws: the tiles and one marker, in their system."""
        config = self.directory.site.map
        where = on_tiles(self.directory.positions[point.id], config.tiles)
        return {"center": [round(where.lat, 6), round(where.lng, 6)], "zoom": config.point_zoom,
                "tiles": self.tiles,
                "markers": [{"lat": round(where.lat, 6), "lng": round(where.lng, 6),
                             "title": point.name}]}

    def navigation(self, point: ShowcasePoint) -> list[NavigationLink]:
        return navigation_links(self.directory.positions[point.id], point.name,
                                point.location.address)

    @staticmethod
    def schedule(point: ShowcasePoint) -> dict[str, Any] | None:
        """A point's opening times for the browser's "open now" and "open this week"."""
        plan = schedule(point.visit)
        return plan.to_json() if plan else None

    def report_error_url(self, title: str, page_uri: str, source_file: str) -> str | None:
        """The "report an error" link of a record's page, its message written in advance:
        a new issue in the data's repository, or an email; None if the site has neither."""
        target = self.directory.site.report_errors
        if not target:
            return None
        words = self.strings["report"]
        fields = {"subject": words["subject"].format(title=title),
                  "body": words["body"].format(url=self.public_url + url_of(page_uri),
                                               file=source_file)}
        if not target.startswith("https://"):  # an email address (validated)
            return f"mailto:{target}?" + urllib.parse.urlencode(fields, quote_via=quote)
        # a repository's new-issue form (GitHub, Gitee, GitLab) reads title and body
        query = {"title": fields["subject"], "body": fields["body"]}
        joiner = "&" if urllib.parse.urlsplit(target).query else "?"
        return target + joiner + urllib.parse.urlencode(query, quote_via=quote)

    def json_ld(self, point: ShowcasePoint, page_uri: str) -> Markup:
        """The point's page in schema.org terms, for search engines and shared links."""
        d = self.directory
        return json_ld_script(point_graph(
            point, site=d.site, page_url=self.public_url + url_of(page_uri),
            district=d.term("districts", point.location.district).name,
            position=d.position_of(point), visit=d.visit_of(point)))

    def permalink_url(self, slug: str) -> str:
        """The absolute address a plaque's QR code encodes."""
        return self.public_url + permalinks.permalink(slug)

    def qr_svg(self, point: ShowcasePoint, label: str) -> Markup:
        return Markup(to_svg(self.codes[point.id], label=label))

    def permalink_files(self) -> dict[str, str]:
        """The permalinks: each a page that sends the visitor on to the point's page."""
        template = self.env.get_template("permalink.html")
        out = {}
        for link, point in permalinks.targets(self.directory.points).items():
            page = f"points/{point.id}.md"
            fragment = "#visit" if point.status == "awarded" and point.visit else ""
            out[f"{link}index.html"] = template.render(
                p=point, target=relative_url(link.rstrip("/") + ".md", page) + fragment,
                canonical=self.public_url + url_of(page))
        return out

    def page(self, src_uri: str, template: str, title: str, description: str = "",
             meta: dict[str, Any] | None = None, **context: Any) -> PageJob:
        return PageJob(src_uri, template, title, description, context, meta or {})

    def render(self, job: PageJob) -> GeneratedPage:
        """One page's HTML from its template."""
        src_uri = self.prefix + job.src_uri
        html = self.env.get_template(job.template).render(
            url=lambda to: relative_url(src_uri, self.link(to)), page_uri=src_uri,
            title=job.title, **job.context)
        meta = job.meta
        if self.edition:  # the templates of the theme choose by it (html lang, nav, search)
            meta = {**meta, "edition": self.edition.name}
            if isinstance(job.title, Untranslated):  # a name in Chinese, in the header too
                meta["title_lang"] = job.title.lang
        return GeneratedPage.of(src_uri, job.title, html, job.description, meta)

    def jobs(self) -> list[PageJob]:
        """The pages to render, those of empty collections left out."""
        jobs = [job for job in self._pages() if self.has_page(job.src_uri)]
        self._made = frozenset(job.src_uri for job in jobs)
        return jobs

    def render_all(self) -> list[GeneratedPage]:
        """Every generated page, in a stable order (on two cores where it helps)."""
        return render_all([self])

    def _pages(self) -> Iterator[PageJob]:
        d, t = self.directory, self.strings
        yield self.page("index.md", "home.html", d.site.programme.title,
                        d.site.programme.description.split("\n")[0])
        yield self.page("points/index.md", "points.html", t["points"]["title"],
                        meta={"visit": True, "facets": True}, facets=point_facets(d, t))
        for point in d.points:
            awarded = point.status == "awarded"
            meta = {"map": awarded and point.id in d.positions,
                    "visit": awarded and schedule(point.visit) is not None, **RECORD_META}
            yield self.page(f"points/{point.id}.md", "point.html", point.name, point.summary,
                            meta=meta, p=point)
        yield self.page("map/index.md", "map.html", t["map"]["title"], overview=self.overview())
        yield self.page("projects/index.md", "projects.html", t["projects"]["title"],
                        meta={"facets": True}, facets=project_facets(d, t))
        for project in d.projects:
            yield self.page(f"projects/{project.id}.md", "project.html", project.name,
                            project.summary, meta=RECORD_META, p=project)
        yield self.page("cases/index.md", "cases.html", t["cases"]["title"],
                        meta={"facets": True}, facets=case_facets(d, t))
        for case in d.cases:
            yield self.page(f"cases/{case.id}.md", "case.html", case.title, case.summary,
                            meta=RECORD_META, c=case)
        yield self.page("years/index.md", "years.html", t["years"]["title"],
                        charts=directory_charts(d, t, self.today),
                        goals=[d.progress(target, min(target.year, self.today.year))
                               for target in d.site.targets if target.points is None])
        numbers = d.year_numbers()
        for i, year in enumerate(numbers):
            yield self.page(
                f"years/{year}.md", "year.html", t["year"]["title"].format(year=year),
                meta=RECORD_META, figures=d.figures_of(year) if year <= self.today.year else None,
                target=d.target_for(year),
                goals=d.goals_for(year) if year <= self.today.year else [],
                before=d.figures_of(year - 1) if year > numbers[-1] else None,
                so_far=self.today if year == self.today.year else None,
                programme=d.programme_of(year), events=d.events_of(year),
                awarded=d.awarded_in(year), delisted=d.delisted_in(year),
                projects=[p for p in d.projects if p.year == year],
                cases=[c for c in d.cases if c.year == year],
                previous=numbers[i + 1] if i + 1 < len(numbers) else None,
                next=numbers[i - 1] if i else None)
        yield self.page("fields/index.md", "fields.html", t["fields"]["title"])
        for term in d.taxonomies["fields"].values():
            yield self.page(f"fields/{term.id}.md", "field.html",
                            t["field"]["title"].format(name=term.name), term=term,
                            points=d.awarded_in_field(term.id))
        yield self.page("districts/index.md", "districts.html", t["districts"]["title"])
        for term in d.taxonomies["districts"].values():
            yield self.page(f"districts/{term.id}.md", "district.html",
                            t["district"]["title"].format(name=term.name), term=term,
                            points=d.awarded_where("location.district", term.id))
        yield self.page("plaques/index.md", "plaques.html", t["plaques"]["title"])
        # the schema's descriptions are Chinese, in the Chinese words of the programme
        words = Vocabulary.of((self._shared or self).directory.site)
        if not self.edition:  # the editors' field reference: all schema, for the bureau
            tables = [(name, SCHEMA_PATHS[name], list(field_rows(cls, words=words)))
                      for name, cls in SCHEMA_FILES.items()]
            tables = [(name, folder, extra_rows(rows, name, d.site.extra_fields))
                      for name, folder, rows in tables]
            yield self.page("editors/fields.md", "reference.html", t["reference"]["title"],
                            tables=tables)
        if self.downloads is not None:
            yield self.page("open-data/index.md", "opendata.html", t["opendata"]["title"],
                            t["opendata"]["description"], downloads=self.downloads,
                            tables=[(name, self.untranslated_docs(published_rows(
                                name, t["opendata"]["fields"], words)))
                                    for name in OPEN_COLLECTIONS],
                            positions=sum(1 for p in d.awarded if p.id in d.positions),
                            # the CSV headings as the files write them: in the site's
                            # language, marked so on an edition's page, which says beside
                            # each what it means
                            csv_headings={f.path: [Untranslated(h) if self.edition else h
                                                   for h in f.headings] for f in self.downloads},
                            column_meanings=self.edition is not None,
                            dataset=self.dataset_json_ld(self.downloads))

    def dataset_json_ld(self, downloads: list[Download]) -> Markup:
        """The data page's files as a schema.org Dataset, for dataset search engines."""
        d, words = self.directory, self.strings["opendata"]
        years = ([p.award.year for p in d.points] + [p.year for p in d.projects]
                 + [c.year for c in d.cases])
        return json_ld_script(dataset_graph(
            d.site, page_url=self.public_url + url_of(self.prefix + "open-data/index.md"),
            public_url=self.public_url,
            name=words["dataset_name"].format(title=d.site.programme.title),
            description=words["description"], downloads=downloads, kind_names=words["kinds"],
            years=years, modified=self.today))


def render_all(renderers: list[Renderer]) -> list[GeneratedPage]:
    """Every page of every edition, in a stable order, rendered together: one child
    process for them all, given half of the whole work. A page's editions are rendered
    one after the other in the same process, so that an edition's page finds the Chinese
    it falls back to already converted (``_Kept``)."""
    jobs = [(renderer, job) for renderer in renderers for job in renderer.jobs()]
    twins: dict[str, list[int]] = {}
    for number, (_, job) in enumerate(jobs):
        twins.setdefault(job.src_uri, []).append(number)
    groups = list(twins.values())
    made = split_map(lambda group: [jobs[i][0].render(jobs[i][1]) for i in group], groups,
                     weight=lambda group: sum(_weight(jobs[i][1]) for i in group))
    pages: list[GeneratedPage] = [None] * len(jobs)  # type: ignore[list-item]
    for group, rendered in zip(groups, made):
        for number, page in zip(group, rendered):
            pages[number] = page
    return pages


class _Kept(RichText):
    """RichText that keeps what it converts (Markdown, sanitised): a record's description
    on its English page, where it has no English, is the same text as on its Chinese page.
    At 1,000 points without English, the English pages' Markdown cost 0.9 s of 3.4."""

    def __init__(self, memo: dict[str, Markup]):
        super().__init__()
        self._memo = memo

    def _html(self, text: str) -> Markup:
        found = self._memo.get(text)
        if found is None:
            found = self._memo[text] = super()._html(text)
        return found
