"""The pipeline: load → validate → model → render, in memory; then the write stage.

``generate`` returns every page and file of the site, writing nothing into it (only the
drawn plaques go to their content cache, ``cache.py``). The mkdocs adapter
(``mkdocs_plugin.py``) hands the pages to mkdocs and, once mkdocs has written them,
calls ``write_files`` for the rest. Because every problem is found in ``generate``,
before anything touches the output folder, a failed build leaves the last good site
as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from . import editions, permalinks, search
from .cache import ArtifactCache, key
from .calendars import CalendarText, point_calendar
from .feeds import (CALENDAR_PATH, FEED_PATH, EntryHtml, FeedText, atom_feed, events_calendar,
                    feed_items)
from .fonts import typeface
from .issues import DataError, Issue
from .maps import tiles_files
from .media import published, used_media
from .model import Directory, build_directory
from .opendata import open_data
from .gate import Sources, admit, is_proof_address
from .pages import Edition, GeneratedPage, Renderer, render_all, url_of
from .parallel import Background, split_map
from .plaques import (FORMAT_VERSION, Plaque, plaque_pdf, plaque_svg, proof_qr_png, sheet_pdf,
                      sheet_svg)
from .qrcodes import QrCode, encode, to_png
from .reference import json_schema_files, schema_words
from .searchindex import Document, Postings
from .sharing import ShareCard, card_text, share_card
from .visits import UTC_OFFSET, visiting_words
from .vocabulary import Vocabulary


CACHE_DIR = ".cache/showcase"  # drawn plaques, kept between builds (git-ignored)


class _Stopwatch(dict):
    """Seconds per stage of one build, for the benchmarks: ``with clock("render"): …``."""

    @contextlib.contextmanager
    def __call__(self, stage: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self[stage] = self.get(stage, 0.0) + time.perf_counter() - start


@dataclass
class EditionSite:
    """One language edition of the site (English under ``en/``): its records in its
    language and its interface strings, for its pages (already among the site's), its
    chrome and its search index."""

    edition: Edition
    directory: Directory
    strings: dict[str, Any]
    search_documents: list[Document] = field(default_factory=list)
    search_postings: Postings = field(default_factory=Postings)


@dataclass
class GeneratedSite:
    """Everything generated for one build."""

    directory: Directory
    strings: dict[str, Any]
    pages: list[GeneratedPage]
    files: dict[str, str | bytes] = field(default_factory=dict)  # site path → content
    media: dict[str, Path] = field(default_factory=dict)  # site path → source (media.py)
    warnings: list[Issue] = field(default_factory=list)
    new_permalinks: list[str] = field(default_factory=list)  # to add to the lock once built
    # the records' and years' search documents and their tokens: the index is written
    # once the hand-written pages are known too (search.index_files)
    search_documents: list[Document] = field(default_factory=list)
    search_postings: Postings = field(default_factory=Postings)
    print_files: PrintFiles | None = None  # the plaques, drawn in the background
    share: ShareCard | None = None  # the image of a shared link's card, for every page
    timings: _Stopwatch = field(default_factory=_Stopwatch)  # seconds per stage
    editions: list[EditionSite] = field(default_factory=list)  # their pages are in pages


@contextlib.contextmanager
def _without_gc_pauses():
    """Keep the cyclic garbage collector out of the way of a build.

    Loading makes hundreds of thousands of small objects that all stay alive, and each
    full collection walks every one of them again: at 1,000 points the collector took a
    third of the validation time. Nothing here makes reference cycles worth collecting.
    Afterwards, what the build keeps is frozen, so mkdocs' own collections skip it.

    What was frozen is never collected, and ``serve`` builds again and again in one
    process: the last build's config, pages and plugin, in reference cycles, were frozen
    with it (50 rebuilds grew from 153 to 432 MB). So a build first thaws what the one
    before froze and collects it once; a one-shot ``build`` has nothing frozen and skips
    that. 50 rebuilds now end at 159 MB, flat after the fifth
    (``benchmarks/serve_memory_benchmark.py``).
    """
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def generate(sources: Sources, written: frozenset[str] = frozenset()) -> GeneratedSite:
    """Build the whole site in memory; raise DataError listing every problem in the data.

    *written*: the hand-written pages (``visiting.md``, ``en/visiting.md``), which an
    edition's pages link to where it has them.
    """
    with _without_gc_pauses():
        return _generate(sources, written)


def write_files(site: GeneratedSite, site_dir: Path) -> int:
    """Write the generated files that are not pages into a built site; return how many.

    The write stage for files: the pages go through mkdocs, these are written as they are,
    the print files straight from the content cache, one at a time.
    """
    made: set[Path] = set()

    def write(path: str, content: str | bytes) -> None:
        target = site_dir / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    for path, content in site.files.items():
        write(path, content)
    for path, source in site.media.items():  # one photo in memory at a time
        write(path, published(source))
    count = len(site.files) + len(site.media)
    if site.print_files is not None:
        with site.timings("plaques"):  # what the build waits for the drawing, if at all
            cache = site.print_files.finish()
        site.timings["plaques_cpu"] = site.print_files.cpu_seconds
        for path, name in site.print_files.files.items():
            write(path, cache.get(name))
        count += len(site.print_files.files)
    return count


def build_time() -> dt.datetime:
    """Now, in UTC, unless SOURCE_DATE_EPOCH fixes it (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else \
        dt.datetime.now(dt.timezone.utc)
    return moment.replace(microsecond=0)


def build_day() -> dt.date:
    """The build's day in China, where the year pages' years and "upcoming" run."""
    return (build_time() + UTC_OFFSET).date()


def _generate(sources: Sources, written: frozenset[str] = frozenset()) -> GeneratedSite:
    clock = _Stopwatch()
    with clock("validate"):
        admitted, issues = admit(sources)
    if admitted is None:
        raise DataError(issues)
    validated, strings = admitted.validated, admitted.strings
    with clock("model"):
        directory = build_directory(validated)
    with clock("qr"):  # the codes of the points in service: their plaques hang at the door
        links = {point.id: sources.public_url + permalinks.permalink(point.id)
                 for point in directory.awarded}
        codes = dict(zip(links, split_map(encode, list(links.values()))))
    with clock("opendata"):  # before the pages: the data page lists the files' sizes
        open_files, downloads = open_data(directory, sources.public_url, build_time(),
                                          strings["opendata"]["columns"],
                                          strings["visiting"]["walk_in"])
    with clock("editions"):  # each edition's records, in its language
        others = [_edition(name, raw, admitted.validated, written)
                  for name, raw in admitted.editions.items()]
    renderer = Renderer(directory, sources.templates_dir, strings, sources.public_url, codes,
                        build_day(), downloads, memo=bool(others))
    with clock("render"):  # the pages of every edition together, on two cores
        pages = render_all([renderer, *(
            Renderer(other.directory, sources.templates_dir, other.strings, sources.public_url,
                     codes, build_day(), downloads, edition=other.edition, shared=renderer)
            for other in others)])
    with clock("search"):
        search_documents = search.documents(directory, strings)
        search_postings = search.tokenised(directory, search_documents)
        for other in others:
            other.search_documents = search.documents(other.directory, other.strings,
                                                      also=search_documents)
            other.search_postings = search.tokenised(other.directory, other.search_documents)
    with clock("files"):
        # the editors' schemas, published as `showcase schemas` writes them
        files: dict[str, str | bytes] = {
            path.as_posix(): text for path, text in json_schema_files(
                Path("schemas"), validated.taxonomies, schema_words(validated.site),
                validated.site.extra_fields).items()}
        files.update(renderer.permalink_files())
        files.update(open_files)
        files.update(_calendars(directory, strings, sources.public_url))
    with clock("feeds"):
        files.update(_feeds(directory, strings, sources))
    with clock("qr"):
        files.update(_qr_images(codes, _proof_mark(strings, sources.public_url)))
        files.update(_cname(sources.public_url))
    media = used_media(directory, sources.data_dir)  # cleaned as they are written
    media.update(tiles_files(directory.site.map.tiles, sources.data_dir))  # the site's own map
    with clock("plaques"):
        print_files = _print_files(directory, strings, links, sources)
    with clock("share"):  # the city's image, or one drawn with its title
        shared = share_card(directory.site, sources.data_dir, sources.public_url, card_text(
            directory.site, directory.points, directory.projects, directory.cases,
            strings["share_card"]))
        files.update(shared.files)
    return GeneratedSite(directory, strings, pages, files, media, validated.warnings,
                         validated.new_permalinks, search_documents, search_postings, print_files,
                         shared.card, clock, others)


def _edition(name: str, strings: dict[str, Any], validated: Any,
             written: frozenset[str]) -> EditionSite:
    """An edition's records (``editions.localise``) and its strings in the programme's
    words of that language."""
    local = editions.localise(validated, name)
    edition = Edition(name)
    own = frozenset(uri[len(edition.prefix):] for uri in written if uri.startswith(edition.prefix))
    return EditionSite(Edition(name, own), build_directory(local),
                       Vocabulary.of(local.site).apply_all(strings))


def _calendars(directory: Directory, strings: dict[str, Any], public_url: str) -> dict[str, str]:
    """Each point's opening hours as an iCalendar file beside its page."""
    text = CalendarText(**{**strings["calendar"], "summary": visiting_words(
        directory.site.programme.booking, strings)["summary"]})
    host = _uid_domain(public_url)
    stamp = build_time()
    out = {}
    for point in directory.awarded:
        page = url_of(f"points/{point.id}.md")
        calendar = point_calendar(point, directory.holidays,
                                  position=directory.positions.get(point.id),
                                  page_url=public_url + page, host=host, stamp=stamp, text=text)
        if calendar is not None:
            out[f"{page}hours.ics"] = calendar
    return out


def _feeds(directory: Directory, strings: dict[str, Any],
           sources: Sources) -> dict[str, str | bytes]:
    """The news and events of every year as an Atom feed, and those to come as a calendar."""
    public_url = sources.public_url
    items = feed_items(directory, public_url)
    text = FeedText(**strings["feeds"])
    stamp = build_time()
    content = EntryHtml(sources.templates_dir, strings, public_url)
    return {
        FEED_PATH: atom_feed(items, site=directory.site, public_url=public_url, text=text,
                             lang=strings["html_lang"], content=content, stamp=stamp),
        CALENDAR_PATH: events_calendar(items, site=directory.site, text=text,
                                       host=_uid_domain(public_url), stamp=stamp),
    }


def _uid_domain(public_url: str) -> str:
    """The right-hand side of calendar UIDs: the published site's host and path.

    The path keeps two directories on one host apart: GitHub Pages serves every project
    site of an account from the same host (``example.github.io/showcase-directory``).
    """
    parts = urllib.parse.urlsplit(public_url)
    return (parts.hostname or "localhost") + parts.path.rstrip("/")


def _qr_images(codes: dict[str, QrCode], proof: str) -> dict[str, bytes]:
    """Each point's QR code as a PNG to download, beside its page; a proof's marked."""
    if proof:
        return {f"points/{point_id}/qr.png": proof_qr_png(code, proof)
                for point_id, code in codes.items()}
    return {f"points/{point_id}/qr.png": to_png(code) for point_id, code in codes.items()}


def _proof_mark(strings: dict[str, Any], public_url: str) -> str:
    """What marks every print file while the site has no address of its own, or ""."""
    return strings["plaques"]["proof"] if is_proof_address(public_url) else ""


def _cname(public_url: str) -> dict[str, str]:
    """GitHub Pages' CNAME file for a site at the root of a domain of its own.

    A site published from a branch (mkdocs gh-deploy, or a fork's own workflow) keeps its
    custom domain only with this file; GitHub Actions' Pages deployment, as this
    repository's workflow uses, ignores it, and a mainland mirror serves it as a plain
    file. A site under a sub-path shares its host's domain, set in that host's repository.
    """
    parts = urllib.parse.urlsplit(public_url)
    host = parts.hostname or ""
    if parts.scheme != "https" or parts.path not in ("", "/") or is_proof_address(public_url):
        return {}
    return {"CNAME": host + "\n"}


@dataclass
class PrintFiles:
    """The plaques of a build: where each goes in the site, and their drawing under way.

    What the cache lacks is drawn in a ``Background`` process while mkdocs writes the
    pages on the other core; ``finish`` waits for it, then clears what no build asks for.
    """

    files: dict[str, str]  # site path → cache entry
    cache: ArtifactCache
    drawing: Background[None] | None = None
    cpu_seconds: float = 0.0  # what the drawing took of a core, once it is done

    def finish(self) -> ArtifactCache:
        """The cache, once every file is in it; an error of the drawing is raised here."""
        if self.drawing is not None:
            drawing, self.drawing = self.drawing, None
            drawing.result()
            self.cpu_seconds = drawing.cpu_seconds
            self.cache.keep_only(self.files.values())
        return self.cache

    def cancel(self) -> None:
        """The build failed: stop drawing for it."""
        if self.drawing is not None:
            self.drawing.cancel()
            self.drawing = None


def _print_files(directory: Directory, strings: dict[str, Any], links: dict[str, str],
                 sources: Sources) -> PrintFiles | None:
    """Each awarded point's print-ready plaque, and one sheet of them all, as SVG and PDF.

    Drawing is the slowest step of a build, so the files live in the content cache: what
    was drawn before is used again, what is new is drawn in the background and stored
    there. The site is written from the cache, so the drawings never pile up in memory.
    Every character is in the font: the gate has checked it (gate.glyph_issues).
    """
    words = strings["plaques"]
    plaques = {point.id: Plaque(
        title=directory.site.programme.title, point_name=point.name,
        organisation=point.organisation.name, field=directory.term("fields", point.field).name,
        award=words["award"].format(year=point.award.year, batch=point.award.batch),
        caption=visiting_words(directory.site.programme.booking, strings)["caption"],
        short_url=links[point.id].split("://", 1)[1],
        url=links[point.id], proof=_proof_mark(strings, sources.public_url))
        for point in directory.awarded}
    if not plaques:
        return None
    folder = sources.cache_dir or sources.data_dir.parent / CACHE_DIR
    cache = ArtifactCache(folder / "plaques.sqlite")
    font = typeface().identity()
    keys = {id_: key(FORMAT_VERSION, font, repr(plaque)) for id_, plaque in plaques.items()}
    sheet = key(FORMAT_VERSION, "sheet", *keys.values())
    everyone = list(plaques.values())
    # (site path, cache entry, drawing, what)
    jobs = [("plaques/plaques.svg", f"{sheet}.svg", sheet_svg, everyone),
            ("plaques/plaques.pdf", f"{sheet}.pdf", sheet_pdf, everyone)]
    for id_, plaque in plaques.items():
        jobs.append((f"points/{id_}/plaque.svg", f"{keys[id_]}.svg", plaque_svg, plaque))
        jobs.append((f"points/{id_}/plaque.pdf", f"{keys[id_]}.pdf", plaque_pdf, plaque))
    files = {site_path: name for site_path, name, _, _ in jobs}
    absent = cache.missing(files.values())
    to_draw = [job for job in jobs if job[1] in absent]
    if not to_draw:
        cache.keep_only(files.values())
        return PrintFiles(files, cache)
    batches = [to_draw[i:i + _BATCH] for i in range(0, len(to_draw), _BATCH)]
    return PrintFiles(files, cache, Background(_draw_all, (cache.path, batches)))


_BATCH = 10  # drawings stored in one transaction


def _draw_all(work: tuple[Path, list[list[tuple[str, str, Callable, Any]]]]) -> None:
    """Draw the files and store them in the cache, a few per transaction."""
    path, batches = work
    cache = ArtifactCache(path)
    for batch in batches:
        drawn = []
        for _, name, drawing, what in batch:
            content = drawing(what)
            drawn.append((name, content.encode("utf-8") if isinstance(content, str) else content))
        cache.put_many(drawn)
