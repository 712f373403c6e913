"""One language in each edition's interface. No English in the interface of the Chinese
site: every page of the built demo, its visible text, titles, labels read aloud
(aria-label), alt texts and placeholders, as served and, for each kind of page, in
Chromium with its scripts run. A Latin word may stand only where a Chinese page writes it
in Latin letters too: the short lists below, each word with where it comes from.
Addresses (web, e-mail, files, the site's paths) and code are not words of the interface.

And no Chinese in the interface of the English edition (/en/), the same texts of the same
kinds of page, but inside an element that says it is Chinese (lang="zh-CN"): a record
with no English shows its Chinese there, marked, so that it is read and laid out as
Chinese. A title or an attribute cannot hold such an element: a record's Chinese may
stand in it where the page shows the same text marked."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

from .conftest import DEMO_DATA, awarded_ids
from .search_ui import search

# Pages whose subject is the data's own format, read by editors and programmers: the
# editors' guide and field reference (YAML field names, commands, file names), and the
# open-data page (file formats, standards and the downloaded files' own field names).
TECHNICAL_PAGES = ("editors/", "open-data/")
EDITIONS = ("en/",)  # the site's editions in other languages, checked for their own
# What the interface writes in Latin letters on purpose, as Chinese sites do: the ICP
# filing (粤ICP备…号), file formats and paper size of the downloads, the calendar and feed
# formats, JavaScript (the map's note without it), the map approval number (审图号 GS…),
# and the map's scale in metric units.
INTERFACE_TERMS = {"ICP", "PDF", "SVG", "PNG", "A4", "iCalendar", "Atom", "JavaScript", "GS",
                   "km", "m"}
# The demo's records: evaluation grades (5A), building blocks and metro exits (A栋, D口),
# a bus line (E11), “1+N”, and the names of fields and tools (VR技术, VR/AR, EDA).
DEMO_TERMS = {"3A", "4A", "5A", "A", "B", "C", "D", "N", "E11", "VR", "AR", "EDA"}
ALLOWED = INTERFACE_TERMS | DEMO_TERMS

ADDRESS_RE = re.compile(
    r"(?:https?|mailto|tel):\S*"                                 # web, mail and phone links
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                              # e-mail addresses
    r"|(?:[a-z0-9-]+\.)+(?:org|net|com|cn|io)\b\S*"               # host names
    r"|[\w./<>{}-]*\.(?:yml|json|geojson|csv|xml|ics|pdf|svg|png|jpe?g|md|lock|gz)\b"  # files
    r"|(?<!\w)/(?:[A-Za-z0-9_-]+/)+")                             # the site's paths: /v/
WORD_RE = re.compile(r"[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*")
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
NOT_INTERFACE = ["script", "style", "template", "code", "pre", "kbd"]


def latin_words(text: str) -> list[str]:
    """The Latin words of *text* that are not allowed, addresses left out."""
    return [word for word in WORD_RE.findall(ADDRESS_RE.sub(" ", text)) if word not in ALLOWED]


def page_texts(html: str) -> list[str]:
    """The texts a reader sees or hears on a page as served: text, title and the
    attributes read aloud or shown, without scripts, styles and code."""
    page = BeautifulSoup(html, "html.parser")
    for element in page(NOT_INTERFACE):
        element.decompose()
    for element in page.find_all(lang=lambda lang: lang and not is_source_lang(lang)):
        if element.name != "html":  # another language's, marked: the switch's "English"
            element.decompose()
    return _texts(page) + _attributes(page)


def _texts(page) -> list[str]:
    return [str(text) for text in page.find_all(string=True)
            if not isinstance(text, (Comment, Doctype, Declaration, ProcessingInstruction))]


def _attributes(page) -> list[str]:
    return [element[name] for element in page.find_all(True) for name in ATTRIBUTES
            if element.get(name)]


def test_the_scan_finds_english_and_leaves_addresses_alone():
    assert latin_words("Made with Material for MkDocs") == ["Made", "with", "Material", "for",
                                                             "MkDocs"]
    assert latin_words("Zoom in｜5 mi") == ["Zoom", "in", "mi"]
    assert latin_words("见 https://example.org/a-b/ 或 mzj@example.org，下载 points.csv、"
                       "/v/east-centre/ 与 粤ICP备00000000号-1（PDF，A4）") == []
    texts = page_texts('<p title="Permanent link">关于<code>visit.hours</code></p>'
                       '<script>var x = "Hello";</script><img alt="photo">')
    assert [word for text in texts for word in latin_words(text)] == ["Permanent", "link", "photo"]


def test_no_english_in_any_page_as_served(demo_site):
    found, pages = {}, 0
    for path in sorted(demo_site.rglob("*.html")):
        url_path = path.relative_to(demo_site).as_posix()
        if url_path.startswith(TECHNICAL_PAGES + EDITIONS):
            continue
        pages += 1
        for text in page_texts(path.read_text(encoding="utf-8")):
            for word in latin_words(text):
                found.setdefault(word, f"{url_path}: {' '.join(text.split())[:80]}")
    assert pages > 100  # every record's page, not a few
    assert not found, "\n".join(f"{word} ← {where}" for word, where in sorted(found.items()))


# The texts Chromium shows and reads aloud once the page's scripts have run, each as
# [text, the language it is marked as (the nearest lang), whether it is an element's text
# (false: the title or an attribute)]
VISIBLE_TEXTS = """() => {
  const lang = element => (element.closest('[lang]') || document.documentElement).lang;
  const out = [[document.title, document.documentElement.lang, false]];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest('script, style, template, code, pre, kbd')) continue;
    if (!element.getClientRects().length || getComputedStyle(element).visibility === 'hidden') continue;
    out.push([walker.currentNode.nodeValue, lang(element), true]);
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))
    for (const name of ['aria-label', 'title', 'alt', 'placeholder'])
      if (element.getAttribute(name)) out.push([element.getAttribute(name), lang(element), false]);
  return out;
}"""


def test_no_english_in_pages_with_their_scripts_run(demo_url, browser):
    """Home, a directory with its filters, a point page scrolled to its map, the map page,
    the years, a missing address (the 404 page) and the search with results and without,
    on a phone's screen; only the site itself is reached (a tile request fails: the map's
    own note then shows)."""
    own = urlsplit(demo_url).netloc
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
               else route.abort())
    found = {}
    point = awarded_ids()[0]
    searches = ("search: 社区", "search: 饕餮鑫淼")  # results; nothing found: the search says so
    for path in ("", "points/", f"points/{point}/", "map/", "years/", "no/such/page/", *searches):
        page.goto(demo_url + ("" if path in searches else path))
        page.wait_for_load_state("networkidle")
        if path == f"points/{point}/":
            page.locator(".sc-map").first.scroll_into_view_if_needed()
            page.wait_for_timeout(800)  # the map starts once it is in view
        if path in searches:
            search(page, path.removeprefix("search: "))
        for text, lang, _ in page.evaluate(VISIBLE_TEXTS):
            for word in latin_words(text) if is_source_lang(lang) else ():
                found.setdefault(word, f"{path or '/'}: {' '.join(text.split())[:80]}")
    page.close()
    assert not found, "\n".join(f"{word} ← {where}" for word, where in sorted(found.items()))


# The English edition

CHINESE_RE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
SOURCE_LANG = "zh"  # the language the records are written in first (zh-CN)


def is_source_lang(lang: str | None) -> bool:
    return bool(lang) and (lang == SOURCE_LANG or lang.startswith(SOURCE_LANG + "-"))


def chinese_in(text: str, marked: list[str] = ()) -> list[str]:
    """The runs of Chinese in *text*, addresses and the texts in *marked* (the page's
    Chinese shown in a lang="zh-CN" element, longest first) left out."""
    for fallback in marked:
        text = text.replace(fallback, " ")
    return CHINESE_RE.findall(ADDRESS_RE.sub(" ", text))


def edition_texts(html: str) -> tuple[list[str], list[str], list[str]]:
    """An English page as served: the texts of its elements outside those marked Chinese,
    its title and attributes outside them, and the Chinese texts so marked."""
    page = BeautifulSoup(html, "html.parser")
    for element in page(NOT_INTERFACE):
        element.decompose()
    marked = [element for element in page.find_all(lang=is_source_lang) if element.name != "html"]
    fallbacks = [" ".join(element.get_text(" ").split()) for element in marked]
    for element in marked:
        element.decompose()
    title = page.title.extract() if page.title else None
    texts = _texts(page)
    return texts, _attributes(page) + ([title.get_text()] if title else []), \
        sorted({text for text in fallbacks if text}, key=len, reverse=True)


def _english_site(demo_site: Path) -> Path:
    site = demo_site / "en"
    if not (site / "index.html").is_file():
        pytest.skip("the demo has no English edition (editions: [en]) yet")
    return site


def test_the_english_scan_finds_chinese_outside_marked_elements():
    texts, unmarked, marked = edition_texts(
        '<html lang="en"><head><title>北山中心 · Showcase points</title></head><body>'
        '<h1><span lang="zh-CN">北山中心</span></h1><p>开放时间 Opening hours</p>'
        '<a href="https://example.org/关于/" aria-label="Map of 北山中心">map</a>'
        '<img alt="照片"><p lang="zh-CN">介绍<b>文字</b></p><code>名称</code></body></html>')
    assert marked == ["介绍 文字", "北山中心"]
    assert [run for text in texts for run in chinese_in(text)] == ["开放时间"]
    assert [run for text in unmarked for run in chinese_in(text, marked)] == ["照片"]


def test_no_chinese_in_any_english_page_as_served(demo_site):
    site = _english_site(demo_site)
    found, pages = {}, 0
    for path in sorted(site.rglob("*.html")):
        url_path = path.relative_to(demo_site).as_posix()
        pages += 1
        texts, unmarked, marked = edition_texts(path.read_text(encoding="utf-8"))
        for text in texts:
            for run in chinese_in(text):
                found.setdefault(run, f"{url_path}: {' '.join(text.split())[:80]}")
        for text in unmarked:
            for run in chinese_in(text, marked):
                found.setdefault(run, f"{url_path} (title or attribute): {' '.join(text.split())[:80]}")
    assert pages > 100  # every record's page, not a few
    assert not found, "\n".join(f"{run} ← {where}" for run, where in sorted(found.items()))


def test_no_chinese_in_english_pages_with_their_scripts_run(demo_site, demo_url, browser):
    """The same kinds of page as in Chinese, under /en/: home, the directory, a point
    with English and one without (all its text falls back, marked), the map, the years
    and the search with results and without."""
    _english_site(demo_site)
    own = urlsplit(demo_url).netloc
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="en-GB")
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
               else route.abort())
    points = awarded_ids()
    english = [point for point in points if "\nen:" in
               (DEMO_DATA / "points" / f"{point}.yml").read_text(encoding="utf-8")]
    chinese_only = [point for point in points if point not in english]
    shown = [f"points/{point}/" for point in (english[:1] + chinese_only[:1])]
    # results; nothing found: the search says so, echoing the query, which is the
    # visitor's own text in whatever language typed, not the interface's: a Latin one here
    searches = ("search: centre", "search: xqzvjkw")
    found = {}
    for path in ("", "points/", *shown, "map/", "years/", *searches):
        page.goto(demo_url + "en/" + ("" if path in searches else path))
        page.wait_for_load_state("networkidle")
        if path in shown:
            page.locator(".sc-map").first.scroll_into_view_if_needed()
            page.wait_for_timeout(800)  # the map starts once it is in view
        if path in searches:
            search(page, path.removeprefix("search: "))
        said = page.evaluate(VISIBLE_TEXTS)
        marked = sorted({" ".join(text.split()) for text, lang, _ in said
                         if is_source_lang(lang) and text.strip()}, key=len, reverse=True)
        for text, lang, element in said:
            if is_source_lang(lang):
                continue
            for run in chinese_in(text, [] if element else marked):
                found.setdefault(run, f"/en/{path}: {' '.join(text.split())[:80]}")
    page.close()
    assert not found, "\n".join(f"{run} ← {where}" for run, where in sorted(found.items()))
