"""No English in the interface of a Chinese site: every page of the built demo, its
visible text, titles, labels read aloud (aria-label), alt texts and placeholders, as
served and, for each kind of page, in Chromium with its scripts run. A Latin word may
stand only where a Chinese page writes it in Latin letters too: the short lists below,
each word with where it comes from. Addresses (web, e-mail, files, the site's paths) and
code are not words of the interface."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction

from .conftest import awarded_ids
from .search_ui import search

# Pages whose subject is the data's own format, read by editors and programmers: the
# editors' guide and field reference (YAML field names, commands, file names), and the
# open-data page (file formats, standards and the downloaded files' own field names).
TECHNICAL_PAGES = ("editors/", "open-data/")
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
    texts = [str(text) for text in page.find_all(string=True)
             if not isinstance(text, (Comment, Doctype, Declaration, ProcessingInstruction))]
    texts += [element[name] for element in page.find_all(True) for name in ATTRIBUTES
              if element.get(name)]
    return texts


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
        if url_path.startswith(TECHNICAL_PAGES):
            continue
        pages += 1
        for text in page_texts(path.read_text(encoding="utf-8")):
            for word in latin_words(text):
                found.setdefault(word, f"{url_path}: {' '.join(text.split())[:80]}")
    assert pages > 100  # every record's page, not a few
    assert not found, "\n".join(f"{word} ← {where}" for word, where in sorted(found.items()))


# The texts Chromium shows and reads aloud once the page's scripts have run
VISIBLE_TEXTS = """() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest('script, style, template, code, pre, kbd')) continue;
    if (!element.getClientRects().length || getComputedStyle(element).visibility === 'hidden') continue;
    out.push(walker.currentNode.nodeValue);
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))
    for (const name of ['aria-label', 'title', 'alt', 'placeholder'])
      if (element.getAttribute(name)) out.push(element.getAttribute(name));
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
        for text in page.evaluate(VISIBLE_TEXTS):
            for word in latin_words(text):
                found.setdefault(word, f"{path or '/'}: {' '.join(text.split())[:80]}")
    page.close()
    assert not found, "\n".join(f"{word} ← {where}" for word, where in sorted(found.items()))
