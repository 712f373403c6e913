"""The mkdocs adapter: the only module that imports mkdocs.

It runs the pipeline in ``on_config`` (before mkdocs cleans the output folder, so bad
data leaves the last good site in place), adds the generated pages and files, and
swaps each generated page's body for the HTML rendered from our templates.
"""

from __future__ import annotations

import copy
import dataclasses as dc
import json
import logging
import os
import re
import shutil
import time
from pathlib import Path

from markdown.extensions.toc import TocExtension
from markupsafe import Markup, escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from . import messages as msg
from . import permalinks, search
from .build import CACHE_DIR, GeneratedSite, generate, write_files
from .editions import plain
from .gate import Sources
from .pages import prefix_of, section_pages
from .fonts import FontMissing
from .footer import footer_context
from .sharing import card_text
from .issues import DataError, Issue, display_path
from .vocabulary import DEFAULT, Vocabulary

log = logging.getLogger("mkdocs.plugins.showcase")
PUBLIC_URL_ENV = "SHOWCASE_PUBLIC_URL"
# Where a record page's HTML goes in. Material adds a title heading to content that has
# no "<h1": our pages have their own, and so does this mark.
_BODY = "<!-- showcase: here goes the page's body, with its <h1> -->"
TIMINGS_ENV = "SHOWCASE_TIMINGS"  # a file to write the stages' seconds into, as JSON


def setting_in(config_file: Path, base: Path, key: str, *, top: bool = False) -> tuple[str, Issue]:
    """A setting as mkdocs.yml writes it, and where (mkdocs's own value has lost that):
    the first line that sets *key* (at the top level only, if *top*)."""
    indent = "" if top else r"[ \t]*"
    pattern = re.compile(rf"^{indent}{re.escape(key)}:[ \t]*(['\"]?)([^'\"#\s]*)\1")
    name = display_path(config_file, base)
    lines = config_file.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        found = pattern.match(line)
        if found:
            return found[2], Issue(name, number, found.start(2) + 1, key, "")
    return "", Issue(name, 1, 1, key, "")


class ShowcaseConfig(Config):
    data_dir = c.Type(str, default="data")
    templates_dir = c.Type(str, default="theme/pages")
    locales_dir = c.Type(str, default="theme/locales")
    locale = c.Type(str, default="zh-CN")
    # the site again in other languages, each a locale of locales_dir, served under
    # /<name lowercased>/ (en: /en/): every generated page, the hand-written pages that
    # docs_dir/<name>/ has, the interface, Material's own words, the nav and the search
    editions = c.ListOfItems(c.Type(str), default=[])


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    """Feeds the directory's generated pages to mkdocs."""

    site: GeneratedSite | None = None
    words: Vocabulary = DEFAULT  # the programme's words, for the hand-written pages

    def sources(self, config) -> Sources:
        config_file = Path(config.config_file_path).resolve()
        base = config_file.parent
        # `showcase serve` previews at a local address but QR codes keep the public one
        written, place = setting_in(config_file, base, "site_url", top=True)
        # mkdocs has added a missing final slash to config.site_url: check what is written
        public_url = os.environ.get(PUBLIC_URL_ENV) or written or config.site_url or ""
        return Sources(base / self.config.data_dir, base / self.config.templates_dir,
                       base / self.config.locales_dir, self.config.locale, base, public_url,
                       cache_dir=base / CACHE_DIR, public_url_at=place,
                       data_dir_at=setting_in(config_file, base, "data_dir")[1],
                       locale_at=setting_in(config_file, base, "locale")[1],
                       editions=tuple(self.config.editions),
                       editions_at=setting_in(config_file, base, "editions")[1])

    def prepare(self, config) -> None:
        """Run the pipeline now; DataError says what is wrong with the data."""
        docs = Path(config.docs_dir)
        written = frozenset(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
        self.site = generate(self.sources(config), written)

    def on_config(self, config):
        if self.site is None:  # `showcase build` has prepared it already
            try:
                self.prepare(config)
            except (DataError, FontMissing) as error:
                raise PluginError(str(error)) from None
        for warning in self.site.warnings:
            log.info(str(warning))  # a WARNING would fail a --strict build
        self.pages = {page.src_uri: page for page in self.site.pages}
        self.hand_written = []  # the search documents of the hand-written pages
        directory = self.site.directory
        # the site's name and description are the programme's, from the data: a new city
        # edits site.yml only (escaped once, as Markup, for the theme: see theme_text)
        config.site_name = escape(directory.site.programme.title)
        config.site_description = escape(directory.site.programme.description.split("\n")[0])
        sections = section_pages(directory)
        if config.nav:  # a section with nothing in it has no page, so no tab either
            config.nav = without_pages(config.nav, {uri for uri, shown in sections.items()
                                                    if not shown})
        # mkdocs.yml's nav titles may write the programme's words as tokens
        self.words = Vocabulary.of(directory.site)
        if config.nav:
            config.nav = nav_in_words(config.nav, self.words)
        config.extra["showcase"] = self.chrome(directory, self.site.strings, sections)
        # what the theme's templates print of each edition (the `showcase` variable): its
        # interface strings, footer, title and where its pages live
        self.editions = {edition.edition.name: edition for edition in self.site.editions}
        self.chromes = {None: config.extra["showcase"], **{
            name: self.chrome(edition.directory, edition.strings, sections, name)
            for name, edition in self.editions.items()}}
        self.edition_words = {name: Vocabulary.of(edition.directory.site)
                              for name, edition in self.editions.items()}
        self.edition_pages = {name: [] for name in self.editions}  # their search documents
        self.navs: dict[str, Navigation] = {}
        self.configs: dict[str, Config] = {}  # each edition's copy, for the theme (on_page_context)
        return config

    def chrome(self, directory, strings: dict, sections: dict[str, bool],
               edition: str | None = None) -> dict:
        """What the theme's templates print of one edition (*edition* None: the site's
        own language): ``config.extra.showcase`` for the site's own, the 404 page's."""
        prefix = prefix_of(edition) if edition else ""
        lang = strings.get("edition", {}).get("lang") or strings.get("html_lang", "zh-CN")
        share = self.site.share
        if edition and share is not None and share.alt:  # the drawn card's words, in English
            share = dc.replace(share, alt=card_text(
                directory.site, directory.points, directory.projects, directory.cases,
                strings["share_card"]).alt)
        return {
            "sections": sections,  # for the 404 page's links
            "sample_data": directory.site.sample_data,
            "programme": plain(directory.site.programme.title),  # the feeds' titles
            "strings": strings,
            "share": share,
            "footer": footer_context(directory.site),  # None: no footer at all
            "edition": edition,
            "prefix": prefix,  # where its pages are: the home page, the search index
            "site_name": escape(plain(directory.site.programme.title)),
            "lang": lang,
            # Material's own words (Skip to content…): partials/language.html
            "material": strings.get("edition", {}).get("material") if edition else None,
            "og_locale": OG_LOCALES.get(lang, lang.replace("-", "_")),
        }

    def on_files(self, files: Files, config) -> Files:
        # an edition that is not on has no pages: a fork without English has no /en/
        for locale in Path(self.sources(config).locales_dir).glob("*.yml"):
            if locale.stem != self.config.locale and locale.stem not in self.editions:
                for file in [f for f in files if f.src_uri.startswith(prefix_of(locale.stem))]:
                    files.remove(file)
            elif locale.stem in self.editions:  # in the edition's nav (on_nav), not the site's
                for file in files:
                    if file.src_uri.startswith(prefix_of(locale.stem)) and file.is_documentation_page():
                        file.inclusion = InclusionLevel.NOT_IN_NAV
        for page in self.site.pages:
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(f"{config.docs_dir}/{page.src_uri}: 与自动生成的页面重名"
                                  "（请改名或删除这个手写页面）")
            front_matter = json.dumps({"title": page.title, "description": page.description,
                                       **page.meta}, ensure_ascii=False)
            # Detail pages stay out of the nav; the few listed in mkdocs.yml's nav still show.
            files.append(File.generated(config, page.src_uri, content=f"---\n{front_matter}\n---\n",
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        # The thousands of generated files (permalinks, calendars, QR codes, plaques, the
        # photos, cleaned of their metadata as they are written) are
        # written in on_post_build: as mkdocs Files they cost about 1 ms each in its own
        # bookkeeping, more than writing them. mkdocs checks no link to them: the pages
        # that link to them are our own HTML.
        self.site.pages = []  # self.pages has them; one copy of thousands of pages is enough
        self.twins = twins(files, list(self.editions))
        self.files = files
        return files

    def on_nav(self, nav, *, config, files):
        """Each edition's own nav: mkdocs.yml's, with its pages (those the edition has)
        and the titles in its language."""
        for name, edition in self.editions.items():
            entries = edition_nav(nav.items, prefix_of(name), files, edition.strings["nav"],
                                  {uri: page.title for uri, page in self.pages.items()})
            for path in nav_paths(entries):  # made again, in the edition's sections
                files.get_file_from_path(path).page = None
            own, config.nav = config.nav, entries
            try:
                self.navs[name] = get_navigation(files, config)
            finally:
                config.nav = own
            # the theme's logo links (the drawer's too) go to nav.homepage: the edition's
            home = files.get_file_from_path(prefix_of(name) + "index.md")
            self.navs[name].homepage = home.page if home else None
        return nav

    def edition_of(self, page) -> str | None:
        """The edition a page belongs to (None: the site's own language)."""
        return next((name for name in self.editions
                     if page.file.src_uri.startswith(prefix_of(name))), None)

    def on_page_context(self, context, *, page, config, nav):
        edition = self.edition_of(page)
        context["showcase"] = self.chromes[edition]
        if edition is not None:
            context["nav"] = self.navs[edition]
            # the theme prints the site's name and description in many places (<title>,
            # the drawer, meta tags): for its pages, the edition's programme
            if edition not in self.configs:
                self.configs[edition] = copy.copy(config)
                site = self.editions[edition].directory.site
                self.configs[edition].site_name = self.chromes[edition]["site_name"]
                self.configs[edition].site_description = escape(
                    plain(site.programme.description).split("\n")[0])
            context["config"] = self.configs[edition]
        group = self.twins.get(page.file.src_uri, {})
        # the language switch: the same page in each other edition, or that edition's home
        context["showcase_languages"] = [{
            "href": get_relative_url(self.url_of(group.get(other) or (
                prefix_of(other) if other else "") + "index.md"), page.url),
            "lang": chrome["lang"], "og_locale": chrome["og_locale"],
            "name": chrome["strings"]["edition"]["name"],
            "short": chrome["strings"]["edition"]["short"]}
            for other, chrome in self.chromes.items() if other != edition
        ] if self.editions else []
        context["showcase_alternates"] = self.alternates(group, config)
        return context

    def on_template_context(self, context, *, template_name, config):
        context["showcase"] = config.extra.get("showcase")
        if template_name == "sitemap.xml":  # each page's editions, as xhtml:link
            context["showcase_alternates"] = {
                uri: self.alternates(group, config) for uri, group in self.twins.items()}
        return context

    def url_of(self, src_uri: str) -> str:
        """A page's URL (``en/points/x/``, the home page's "") by its source."""
        url = self.files.get_file_from_path(src_uri).url
        return "" if url in (".", "./") else url

    def alternates(self, group: dict[str | None, str], config) -> list[dict[str, str]]:
        """A page's editions (hreflang, absolute address), the site's own language also as
        x-default; none for a page that has no other edition."""
        if len(group) < 2 or not config.site_url:
            return []
        found = [{"hreflang": self.chromes[edition]["lang"],
                  "href": config.site_url + self.url_of(uri)} for edition, uri in group.items()]
        return found + [{"hreflang": "x-default", "href": found[0]["href"]}]

    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.src_uri not in self.pages:  # a hand-written page: in the site's words
            edition = self.edition_of(page)
            words = self.edition_words[edition] if edition else self.words
            strings = self.editions[edition].strings if edition else self.site.strings
            if edition:
                page.meta["edition"] = edition
            title = words.apply(page.title or "")  # before the theme's escaping
            for key in THEME_TEXT:  # printed by the theme as they are: escaped once
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = escape(words.apply(page.meta[key]))
            markdown = markdown_words(words).apply(markdown)
            found = page.meta.get("search") if isinstance(page.meta.get("search"), dict) else {}
            if not found.get("exclude"):  # Material's front matter, which the search keeps
                # an edition's page is found by its own search, its address from its home
                url = page.url[len(prefix_of(edition)):] if edition else page.url
                (self.edition_pages[edition] if edition else self.hand_written).append(
                    search.page_document(url, title, markdown, page_keywords(page.meta, words),
                                         strings["search_kinds"], search_boost(found)))
            return markdown
        page.meta.update(theme_text(page.meta))
        return ""  # nothing to parse: the body is ours


    def on_page_content(self, html, *, page, config, files):
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            if self.edition_of(page) and config.mdx_configs.get("toc", {}).get("permalink_title"):
                # mkdocs.yml's title of a heading's link is the site's language: an edition's
                # page takes Python-Markdown's own, in English
                written = escape(config.mdx_configs["toc"]["permalink_title"])
                html = html.replace(f'title="{written}"', f'title="{_TOC_TITLE}"')
            return html
        if (page.meta.get("search") or {}).get("exclude"):
            # mkdocs keeps every page's content until the build ends; a record's page,
            # which no plugin reads (search indexes it from the data), is put in only
            # when its HTML is written, and kept compressed until then
            return _BODY
        del self.pages[page.file.src_uri]  # handed over: mkdocs keeps it as page.content
        return generated.html

    def on_post_page(self, output, *, page, config):
        generated = self.pages.pop(page.file.src_uri, None)
        return output.replace(_BODY, generated.html, 1) if generated else output

    def on_post_build(self, *, config):
        """Write the generated files and the search index; then record the new
        permalinks in the lock."""
        if self.site is None:
            return
        self.site.files.update(search.index_files(
            self.site.directory, self.site.search_postings, self.hand_written,
            self.site.search_documents))
        for name, edition in self.editions.items():  # each edition's own, under en/search/
            self.site.files.update(search.index_files(
                edition.directory, edition.search_postings, self.edition_pages[name],
                edition.search_documents, prefix=prefix_of(name)))
        start = time.perf_counter()
        count = write_files(self.site, Path(config.site_dir))
        log.info(msg.FILES_WRITTEN.format(count=count, seconds=time.perf_counter() - start))
        if os.environ.get(TIMINGS_ENV):  # for the benchmarks: where the build's time went
            Path(os.environ[TIMINGS_ENV]).write_text(json.dumps(self.site.timings))
        new = self.site.new_permalinks
        if new:
            sources = self.sources(config)
            lock = sources.data_dir / permalinks.LOCK_NAME
            permalinks.append_to_lock(lock, new)
            log.info(msg.PERMALINKS_ADDED.format(
                count=len(new), lock=display_path(lock, sources.base)))

    def on_build_error(self, *, error):
        if self.site is not None and self.site.print_files is not None:
            self.site.print_files.cancel()  # no site to draw the plaques for

    def on_serve(self, server, *, config, builder):
        sources = self.sources(config)
        for folder in (sources.data_dir, sources.templates_dir, sources.locales_dir):
            server.watch(str(folder))
        return server


def without_pages(nav: list, omitted: set[str]) -> list:
    """mkdocs.yml's nav without the pages in *omitted*, and without the sections that
    leaves empty (an entry is a path, ``{title: path}`` or ``{title: [entries]}``)."""
    kept = []
    for entry in nav:
        title, target = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
        if isinstance(target, list):
            target = without_pages(target, omitted)
            if target:
                kept.append({title: target})
        elif target not in omitted:
            kept.append(entry)
    return kept


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def markdown_words(words: Vocabulary) -> Vocabulary:
    """The site's words as Markdown text: the words are data, and a hand-written page is
    Markdown (``&amp;`` would read as an entity, ``*`` as emphasis)."""
    return Vocabulary(*(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(getattr(words, f.name))))
                        for f in dc.fields(words)))


def nav_in_words(nav: list, words: Vocabulary) -> list:
    """mkdocs.yml's nav with its titles in the site's *words* (the paths as they are),
    escaped once, as Markup: the words are data, and the theme prints a title as it is."""
    out = []
    for entry in nav:
        if isinstance(entry, dict):
            title, target = next(iter(entry.items()))
            out.append({escape(words.apply(title)) if isinstance(title, str) else title:
                        nav_in_words(target, words) if isinstance(target, list) else target})
        else:
            out.append(entry)
    return out


_TOC_TITLE = TocExtension().getConfig("permalink_title")  # "Permanent link"
# og:locale of an edition's html lang (OpenGraph writes language_TERRITORY)
OG_LOCALES = {"zh-CN": "zh_CN", "zh": "zh_CN", "en": "en_GB"}


def twins(files: Files, editions: list[str]) -> dict[str, dict[str | None, str]]:
    """Each page's editions by source: ``{"points/x.md": {None: "points/x.md",
    "en": "en/points/x.md"}}``, for every page of any edition (a page without a twin maps
    to itself alone)."""
    groups: dict[str, dict[str | None, str]] = {}
    for file in files.documentation_pages():
        edition = next((name for name in editions
                        if file.src_uri.startswith(prefix_of(name))), None)
        own = file.src_uri[len(prefix_of(edition)):] if edition else file.src_uri
        groups.setdefault(own, {})[edition] = file.src_uri
    return {uri: group for group in groups.values() for uri in group.values()}


def edition_nav(items: list, prefix: str, files: Files, titles: dict[str, str],
                generated: dict[str, str]) -> list:
    """An edition's nav (mkdocs.yml's form) from the site's built one: each page the
    edition has, under *prefix*, titled by the edition's ``nav`` strings where they name
    it (``NAV_KEYS``), else by its own title; a section by its first page's nav title (or
    that page's title, *generated* by source), and only if the edition has that page (the
    editors' guide, whose first page is Chinese only, is left out)."""
    out: list = []
    for item in items:
        if isinstance(item, Section):
            children = edition_nav(item.children, prefix, files, titles, generated)
            first = item.children[0] if item.children else None
            if not children or not isinstance(first, Page) or \
                    files.get_file_from_path(prefix + first.file.src_uri) is None:
                continue
            key = NAV_KEYS.get(first.file.src_uri)
            title = titles[key] if key in titles else generated.get(prefix + first.file.src_uri)
            if title:
                out.append({escape(plain(title)): children})
        elif isinstance(item, Page):
            path = prefix + item.file.src_uri
            if files.get_file_from_path(path) is None:
                continue
            key = NAV_KEYS.get(item.file.src_uri)
            names_section = item.parent is not None and item.parent.children[0] is item
            out.append({escape(titles[key]): path} if key in titles and not names_section
                       else path)
    return out


def nav_paths(entries: list) -> list[str]:
    """The page paths of a nav in mkdocs.yml's form."""
    out = []
    for entry in entries:
        target = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out.extend(nav_paths(target) if isinstance(target, list) else [target])
    return out


# the edition strings' nav key of the pages mkdocs.yml lists (a section is named by
# its first page's)
NAV_KEYS = {"index.md": "home", "points/index.md": "points", "projects/index.md": "projects",
            "cases/index.md": "cases", "fields/index.md": "fields",
            "districts/index.md": "districts", "editors/fields.md": "reference"}


# The page's words that the theme prints: a record's name and summary become the page's
# title, <title>, header and <meta name="description">.
THEME_TEXT = ("title", "description")


def search_boost(search_meta: dict) -> float:
    """A hand-written page's ``search: {boost: …}`` (Material's front matter for it), a
    number above 0; 1 if it has none."""
    boost = search_meta.get("boost", 1)
    return float(boost) if isinstance(boost, (int, float)) and boost > 0 else 1.0


def page_keywords(meta: dict, words: Vocabulary) -> list[str]:
    """A hand-written page's ``keywords`` (front matter): the words visitors type that
    should lead to it, in the site's words."""
    keywords = meta.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [keywords]
    return [words.apply(str(word)) for word in keywords if str(word).strip()]


def theme_text(meta: dict) -> dict[str, Markup]:
    """The data's words as the theme must receive them: HTML-escaped, as Markup.

    mkdocs renders the theme with autoescape off, and Material prints ``page.meta.title``
    and ``.description`` into the header, ``<title>`` and a meta tag as they are. A name
    that opens a tag, or a summary with ``">`` in it, would become markup there. Escaped
    once here, as Markup, they print as text whether a template escapes them (``| e``
    leaves Markup alone) or not.
    """
    return {key: escape(meta[key]) for key in THEME_TEXT if isinstance(meta.get(key), str)}


def check_sources(config_file: Path, data_dir: Path | None = None) -> Sources:
    """The inputs of the site that *config_file* builds, as a build would read them
    (``showcase check`` passes them through the same gate); *data_dir* replaces its data."""
    config = load_config(str(config_file))
    plugin = next((p for p in config.plugins.values() if isinstance(p, ShowcasePlugin)), None)
    if plugin is None:
        raise PluginError(msg.NO_PLUGIN.format(config=config_file.as_posix()))
    sources = plugin.sources(config)
    return sources if data_dir is None else dc.replace(sources, data_dir=data_dir.resolve())


def build_site(config_file: Path, site_dir: Path | None = None, *, strict: bool = True) -> Path:
    """Build into a staging folder, then swap it in: a failed build changes nothing.

    Raises DataError (before anything is written) when the data has problems.
    """
    config = load_config(str(config_file), strict=strict)
    for plugin in config.plugins.values():
        if isinstance(plugin, ShowcasePlugin):
            plugin.prepare(config)
    target = Path(site_dir or config.site_dir).resolve()
    staging = target.with_name(f".{target.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    try:
        mkdocs_build(config)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target
