"""Safe with any data (issue 14): the hostile corpus of tests/hostile.py in every text and
web-address field, built once, and every output looked at as its reader would: pages in
Chromium, feeds and SVG by a strict XML parser, calendars by icalendar, CSV by the csv
module, JSON by json, the search's result cards as the search box shows them.

Each check collects every problem before failing, each named by its file, field and
payload (the marker ``hq123z`` in an output is looked up in the placements)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import icalendar
import pytest
from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from generator.messages import MORE_IN_FILE

from . import hostile as h
from .conftest import FIXTURES, ROOT, base_path, build, run_cli, serve
from .searching import SiteIndex

# Requests the fixture city makes beyond its own address: OpenStreetMap's tiles, its
# default provider. They are answered here with an empty image, never fetched.
TILE_RE = re.compile(r"^https://tile\.openstreetmap\.org/\d+/\d+/\d+\.png$")
EMPTY_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049"
                          "454e44ae426082")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# `check` lists at most MAX_PER_FILE problems of a file, then says how many more: a file
# of the hostile site has a payload in each of its sixty-odd texts, Chinese and English
MORE_IN_FILE_RE = re.compile("^(?P<file>\\S+): " + re.escape(MORE_IN_FILE).replace(
    re.escape("{count}"), "(?P<count>\\d+)") + "$")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> h.HostileSite:
    """The fixture city with a payload in every text field, refusals taken out, built."""
    site = h.build_hostile_site(tmp_path_factory.mktemp("hostile") / "project", FIXTURES,
                                ROOT, build)
    if site.build_error:
        pytest.fail(site.build_error, pytrace=False)
    return site


def _files(site: Path, *suffixes: str) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in suffixes
                  and "assets" not in p.relative_to(site).parts)


def _report(problems: list[str], what: str) -> str:
    head = f"{len(problems)} {what}:\n"
    return head + "\n".join(problems[:80]) + ("\n…" if len(problems) > 80 else "")


def _where(hostile: h.HostileSite, text: str) -> str:
    return hostile.describe(text)


# ---------------------------------------------------------------------------
# The corpus reached every field; refusals are clean data errors
# ---------------------------------------------------------------------------


def test_every_text_field_of_the_schema_carries_a_payload(hostile):
    carried = hostile.carried()
    missing = [f"{kind}: {path} ({fmt})" for kind, fields in h.schema_text_fields().items()
               for path, fmt in fields
               if fmt not in h.NO_PAYLOAD_FORMATS and (kind, path) not in carried]
    assert not missing, _report(missing, "text fields got no payload that validation let "
                                "through (add the field's part to the records in hostile.py)")


def test_every_payload_was_tried(hostile):
    tried = {p.payload.name for p in hostile.placements.values()}
    assert tried >= {p.name for p in h.PAYLOADS}, set(p.name for p in h.PAYLOADS) - tried


def test_payload_markers_are_unique():
    names = [p.name for p in h.PAYLOADS]
    assert len(names) == len(set(names))
    assert all(h.MARK in p.text for p in h.PAYLOADS)


def test_what_check_refuses_is_a_clean_data_error_with_its_place(hostile):
    problems = []
    for snapshot in hostile.snapshots:
        result = run_cli("check", "--data", snapshot, cwd=hostile.project)
        prefix = snapshot.removesuffix("data")
        lines = result.stderr.strip().splitlines()
        if result.returncode != 1 or "Traceback" in result.stderr:
            problems.append(f"{snapshot}: exit {result.returncode}\n{result.stderr[-3000:]}")
            continue
        capped = {}  # file → issues `check` counts but does not list (MAX_PER_FILE)
        for line in lines[:-1]:
            if more := MORE_IN_FILE_RE.match(line):
                capped[more["file"].replace(prefix, "")] = int(more["count"])
            elif not re.match(r"^\S+\.yml:\d+:\d+: ", line):
                problems.append(f"{snapshot}: a line of the report without file:line:col "
                                f"(a value's line break printed raw?): {line!r}")
        for found in CONTROL_RE.finditer(result.stderr):
            near = result.stderr[max(0, found.start() - 80):found.start() + 20]
            problems.append(f"{snapshot}: control character {found[0]!r} printed raw to the "
                            f"terminal: {near!r} <- {_where(hostile, near)}")
        shown = "\n".join(lines).replace(prefix, "")
        unlisted: dict[str, int] = {}
        for refusal in hostile.refusals:
            if refusal.snapshot == snapshot and not refusal.by_build:
                place = re.match(r"^(\S+):\d+:\d+:", refusal.issue)
                if place[0] in shown:
                    continue
                unlisted[place[1]] = unlisted.get(place[1], 0) + 1
                if place[1] not in capped:
                    problems.append(f"{snapshot}: `check` does not report {refusal.issue}")
        for file, count in capped.items():  # each unlisted refusal is one of those counted
            if unlisted.get(file, 0) > count:
                problems.append(f"{snapshot}: {file}: `check` counts {count} more problems, "
                                f"but {unlisted[file]} refusals are not listed")
    assert not problems, _report(problems, "problems with refusals")


def test_build_refuses_nothing_that_check_accepts(hostile):
    late = [f"{r.placement}: {r.issue}" for r in hostile.refusals if r.by_build]
    assert not late, _report(late, "payloads `check` accepted and `build` refused")


# ---------------------------------------------------------------------------
# Pages in Chromium
# ---------------------------------------------------------------------------

DOM_CHECK = r"""() => {
  const bad = [], marker = /hq\d+z/;
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster',
                    'background', 'srcset', 'ping', 'codebase', 'cite'];
  const risky = ['script', 'iframe', 'object', 'embed', 'base', 'frame', 'frameset', 'style',
                 'form', 'math', 'maction', 'foreignobject', 'use', 'marquee', 'video',
                 'audio', 'body', 'details', 'textarea', 'noscript', 'template', 'animate',
                 'set', 'handler', 'listener'];
  const start = (el) => el.outerHTML.slice(0, 300).split('>')[0] + '>';
  for (const el of document.querySelectorAll('*')) {
    const tag = el.localName.toLowerCase();
    if (marker.test(tag)) bad.push('element named by a payload: ' + start(el));
    for (const a of el.attributes) {
      const n = a.name.toLowerCase(), v = a.value;
      if (n.startsWith('on')) bad.push('event handler attribute: ' + start(el));
      else if (!/^[a-z_:][-a-z0-9_:.]*$/.test(n)) bad.push('attribute breakout: ' + start(el));
      else if (urlAttrs.includes(n) && /^[\s\x00-\x20]*(javascript|data|vbscript)\s*:/i.test(
          v.replace(/[\t\n\r]/g, '')) && !(tag === 'img' && /^data:image\/(png|svg\+xml);/.test(v)
          && !marker.test(v)))
        bad.push('script URL: ' + start(el));
      else if (n === 'srcdoc' || (n === 'style' && marker.test(v)))
        bad.push('injected ' + n + ': ' + start(el));
      else if (n === 'http-equiv' && tag === 'meta' && marker.test(el.outerHTML))
        bad.push('meta http-equiv from a payload: ' + start(el));
    }
    if (tag === 'img' && /(^|\/)x$/.test(el.getAttribute('src') || ''))
      bad.push('injected image: ' + start(el));
    if (risky.includes(tag) && marker.test(start(el)))
      bad.push('injected <' + tag + '>: ' + start(el));
    if (tag === 'style' && marker.test(el.textContent))
      bad.push('style from a payload: ' + el.textContent.slice(0, 200));
  }
  for (const s of document.querySelectorAll('script')) {
    const type = (s.type || '').toLowerCase();
    if (type && !/javascript|module|ecmascript/.test(type)) continue;
    // markers may stand inside the script's string literals (data as JSON), never in code
    const code = s.text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
    const found = code.match(/[\s\S]{0,80}hq\d+z[\s\S]{0,80}/);
    if (found) bad.push('payload in script code: ' + found[0]);
  }
  return bad;
}"""


def test_the_dom_check_finds_what_it_looks_for(browser):
    """The DOM check can fail: a page with one injection of each kind it knows."""
    page = browser.new_page()
    try:
        page.set_content(
            "<p>示例 hq1z</p><img src=x><b onmouseover=alert(1)>x</b>"
            "<a href=' JaVaScRiPt:alert(1)'>a</a><div x\"=1>d</div>"
            "<iframe srcdoc='hq2z'></iframe><script>var a = 1; hq3z</script>"
            "<script>var b = \"hq4z\";</script><style>p{color:red} /* hq5z */</style>")
        found = page.evaluate(DOM_CHECK)
    finally:
        page.close()
    kinds = [problem.split(":")[0] for problem in found]
    assert sorted(set(kinds)) == sorted({
        "injected image", "event handler attribute", "script URL", "attribute breakout",
        "injected srcdoc", "injected <iframe>", "payload in script code",
        "style from a payload"}), found
    assert not any("hq4z" in problem for problem in found)  # inside a string: data


class _Watcher:
    """Every dialog, console error, page error, failed or outside request of a context."""

    def __init__(self, context, hostile: h.HostileSite):
        self.problems: list[str] = []
        self.where = ""
        self.hostile = hostile
        context.route("**/*", self._route)

    def _add(self, what: str, text: str) -> None:
        self.problems.append(f"{self.where}: {what}: {text[:300]} <- "
                             f"{_where(self.hostile, text + self.where)}")

    def _route(self, route):
        url = route.request.url
        host = urlsplit(url).hostname
        if host == "127.0.0.1":
            route.continue_()
        elif TILE_RE.match(url):
            route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
        else:
            self._add("request leaving the site", url)
            route.abort()

    def attach(self, page) -> None:
        page.on("dialog", lambda d: (self._add("dialog", d.message), d.dismiss()))
        page.on("pageerror", lambda e: self._add("page error", str(e)))
        page.on("console", lambda m: m.type == "error" and self._add("console error", m.text))
        page.on("response", lambda r: r.status >= 400 and self._add(
            f"HTTP {r.status}", r.url))

    def dom(self, page) -> None:
        for problem in page.evaluate(DOM_CHECK):
            self._add("DOM", problem)


@pytest.fixture(scope="module")
def hostile_url(hostile):
    url, server = serve(hostile.site, base_path(hostile.project / "mkdocs.yml"))
    yield url
    server.shutdown()


def test_no_page_runs_a_payload_or_grows_an_element_from_one(hostile, hostile_url, browser):
    context = browser.new_context()
    watcher = _Watcher(context, hostile)
    page = context.new_page()
    watcher.attach(page)
    pages = _files(hostile.site, ".html")
    assert len(pages) > 40
    try:
        for path in pages:
            address = path.relative_to(hostile.site).as_posix().removesuffix("index.html")
            watcher.where = "/" + address
            page.goto(hostile_url + address, wait_until="load")
            page.wait_for_timeout(50)  # let handlers queued by the load run
            watcher.dom(page)
    finally:
        context.close()
    assert not watcher.problems, _report(watcher.problems, "problems in the pages")


SEARCH_WORDS = ("alert", "示例", "社区", "展示点", "https", "onerror", "script")
# the English pages search their own index (en/search/): the en: blocks' payloads, their
# Chinese written as "Example"
EN_SEARCH_WORDS = ("alert", "example", "https", "onerror", "script")


@pytest.mark.parametrize("edition, words", [("", SEARCH_WORDS), ("en/", EN_SEARCH_WORDS)],
                         ids=["zh", "en"])
def test_searching_ordinary_words_shows_payloads_as_text(hostile, hostile_url, browser,
                                                         edition, words):
    context = browser.new_context()
    watcher = _Watcher(context, hostile)
    try:
        for word in words:
            page = context.new_page()
            watcher.attach(page)
            watcher.where = f"/{edition} search {word!r}"
            page.goto(hostile_url + edition, wait_until="load")
            page.locator("a.sc-search-open").click()
            page.locator("#sc-search-input").fill(word)
            page.wait_for_function(
                "(word) => { const box = document.querySelector('.sc-search');"
                " return box.dataset.state === 'done' && box.dataset.query === word; }", arg=word)
            watcher.dom(page)
            page.close()
    finally:
        context.close()
    assert not watcher.problems, _report(watcher.problems, "problems in search results")


# ---------------------------------------------------------------------------
# Template syntax is text; no secret leaks
# ---------------------------------------------------------------------------


def _all_text(site: Path) -> dict[Path, str]:
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and "assets" not in path.relative_to(site).parts:
            out[path] = path.read_bytes().decode("utf-8", errors="replace")
    return out


def test_template_syntax_comes_out_literally(hostile):
    pages = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text()
             for p in _files(hostile.site, ".html")]
    shown = "\n".join(pages)
    for path in _files(hostile.site, ".html"):  # Leaflet shows the map's attribution as HTML
        for script in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(
                "script#sc-map-data"):
            shown += "\n" + "\n".join(map(html.unescape, _strings(json.loads(script.string))))
    everything = "\n".join(_all_text(hostile.site).values())
    problems = []
    if "{{ 7*7 }}" not in shown:
        problems.append("`{{ 7*7 }}` is shown on no page")
    for placement in hostile.accepted():
        if placement.payload.kind != "template":
            continue
        text = placement.text.strip()
        # a synonym is shown on no page: its words are in the search index, split
        # and some texts are shown nowhere at all (h.UNPUBLISHED)
        if placement.fmt != "synonym" and (placement.kind, placement.generic) not in \
                h.UNPUBLISHED and text not in shown and text not in everything \
                and text not in html.unescape(everything):
            problems.append(f"{placement}: {text!r} is nowhere in the site as written")
        doubled = placement.marker * 2
        if doubled in everything:
            problems.append(f"{placement}: a loop ran ({doubled})")
    for product in h.EVALUATED:
        for path, content in _all_text(hostile.site).items():
            if product in content:
                i = content.index(product)
                problems.append(f"{path.relative_to(hostile.site)}: evaluated {product}: "
                                f"{content[max(0, i - 80):i + 20]!r} <- "
                                f"{_where(hostile, content[max(0, i - 300):i + 300])}")
    for evaluated in ("<class '", "&lt;class &#39;", "environ({", "<built-in function",
                      "<function ", "TemplateReference", "<Config", "<mkdocs.", "<jinja2."):
        if evaluated in everything:
            i = everything.index(evaluated)
            problems.append(f"evaluated template: {everything[max(0, i - 80):i + 80]!r}")
    assert not problems, _report(problems, "template payloads not shown literally")


def test_what_the_corpus_calls_unpublished_is_nowhere_in_the_site(hostile):
    """The exemptions of h.UNPUBLISHED hold: once an output shows one of those fields,
    its template payloads are looked for there too (take the field out of the list)."""
    found = set(h.MARKER_RE.findall("\n".join(_all_text(hostile.site).values())))
    shown = sorted({f"{p.kind}: {p.generic}" for p in hostile.accepted()
                    if (p.kind, p.generic) in h.UNPUBLISHED and p.marker[2:-1] in found})
    assert not shown, _report(shown, "fields h.UNPUBLISHED calls unpublished are in the site")


def test_no_environment_variable_leaks(hostile):
    leaks = [str(p.relative_to(hostile.site)) for p in hostile.site.rglob("*")
             if p.is_file() and h.SECRET.encode() in p.read_bytes()]
    assert not leaks, f"the secret in the build's environment is published in {leaks}"


# ---------------------------------------------------------------------------
# Feeds, calendars, CSV, JSON, the search index
# ---------------------------------------------------------------------------


def test_every_xml_and_svg_file_parses_strictly(hostile):
    problems = []
    files = _files(hostile.site, ".xml", ".svg")
    assert any(p.name == "feed.xml" for p in files)
    for path in files:
        data = path.read_bytes()
        for parse in (ET.fromstring, xml.dom.minidom.parseString):
            try:
                parse(data)
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                line = getattr(error, "position", (0, 0))[0]
                near = data.decode("utf-8", "replace").splitlines()[line - 1] if line else ""
                problems.append(f"{path.relative_to(hostile.site)}: {parse.__module__}: "
                                f"{error} <- {_where(hostile, near)}")
    assert not problems, _report(problems, "XML files that do not parse")


ICAL_NAMES_WITH_DATA = {"SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC",
                        "URL", "CATEGORIES", "COMMENT", "CONTACT", "NAME", "DESC"}


def test_every_calendar_has_crlf_line_ends_and_parses(hostile):
    problems = []
    files = _files(hostile.site, ".ics")
    assert any(p.name == "events.ics" for p in files)
    for path in files:
        name = path.relative_to(hostile.site)
        data = path.read_bytes().decode("utf-8")
        for found in re.finditer(r"\r(?!\n)|(?<!\r)\n", data):
            line = data[:found.start()].count("\n") + 1
            near = data[max(0, found.start() - 60):found.start() + 60]
            problems.append(f"{name}:{line}: a lone {found[0]!r} <- {_where(hostile, near)}")
        try:
            calendar = icalendar.Calendar.from_ical(data)
        except Exception as error:  # noqa: BLE001
            problems.append(f"{name}: icalendar: {error}")
            continue
        for event in calendar.walk("VEVENT"):
            if "UID" not in event or "DTSTART" not in event:
                problems.append(f"{name}: an event without UID or DTSTART: "
                                f"{event.to_ical()[:200]!r} <- {_where(hostile, str(event))}")
        for line in re.sub(r"\r\n[ \t]", "", data).split("\r\n"):
            head = line.split(":", 1)[0]
            prop = head.split(";", 1)[0]
            if h.MARKER_RE.search(head) or (h.MARKER_RE.search(line)
                                             and prop not in ICAL_NAMES_WITH_DATA):
                problems.append(f"{name}: a payload makes its own line: {line[:120]!r} "
                                f"<- {_where(hostile, line)}")
    assert not problems, _report(problems, "calendar problems")


def test_no_csv_cell_starts_a_formula(hostile):
    problems = []
    files = _files(hostile.site, ".csv")
    assert files
    for path in files:
        text = path.read_bytes().decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                if cell[:1] and cell[0] in "=+-@\t\r" and \
                        not re.fullmatch(r"-?\d+(?:\.\d+)?", cell):
                    problems.append(f"{path.relative_to(hostile.site)}: {cell[:60]!r} <- "
                                    f"{_where(hostile, cell)}")
    assert not problems, _report(problems, "CSV cells a spreadsheet runs as formulas")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _round_trip_problems(hostile, where: str, data, is_html: bool = False) -> list[str]:
    """Each one-line value with a marker holds its payload exactly as written (or, where
    the value is HTML by design, as the text that HTML shows)."""
    problems = []
    for text in _strings(data):
        text = html.unescape(text) if is_html else text
        for placement in hostile.placement_of(text):
            if placement.fmt == "markdown" or placement.payload.kind == "ordinary":
                continue
            written = placement.text.strip()
            if written not in text and CONTROL_RE.sub("", written) not in text:
                problems.append(f"{where}: {text[:100]!r} is not {written!r} <- {placement}")
    return problems


def test_json_geojson_and_json_ld_parse_and_keep_the_text_exactly(hostile):
    problems = []
    files = _files(hostile.site, ".json", ".geojson")
    assert any(p.suffix == ".geojson" for p in files)
    for path in files:
        name = str(path.relative_to(hostile.site))
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError as error:
            problems.append(f"{name}: {error}")
            continue
        if not name.startswith(("search/", "en/search/", "schemas/")):
            problems += _round_trip_problems(hostile, name, data)
    for path in _files(hostile.site, ".html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.select('script[type="application/ld+json"], script#sc-map-data'):
            name = f"{path.relative_to(hostile.site)} {script.get('id') or 'JSON-LD'}"
            try:
                data = json.loads(script.string or "")
            except ValueError as error:
                problems.append(f"{name}: {error}")
                continue
            # the map's data holds Leaflet's attribution, which Leaflet reads as HTML
            problems += _round_trip_problems(hostile, name, data,
                                             is_html=script.get("id") == "sc-map-data")
    assert not problems, _report(problems, "JSON problems")


def _read_as_shown(path: Path) -> str:
    """A page as its reader gets it: its text, its attributes' values, its JSON-LD's
    strings, each with its white space as one space."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    parts = [page.get_text(" ")]
    parts += [value if isinstance(value, str) else " ".join(value)
              for tag in page.find_all(True) for value in tag.attrs.values()]
    for script in page.select('script[type="application/ld+json"]'):
        parts += _strings(json.loads(script.string or "null"))
    return "\n".join(" ".join(part.split()) for part in parts)


# English texts the English pages need not show, beside what no output shows: the
# streets no record of the corpus stands in (a street is shown where a record is) and a
# project's photos (no page shows them; the open data has them, checked above)
NOT_ON_ENGLISH_PAGES = {("taxonomies/districts", "en.streets[]"),
                        ("projects", "photos[].en.alt")}


def test_english_pages_show_each_english_text_as_written(hostile):
    """Each text of an en: block (but Markdown, rendered) is on an English page as its
    reader gets it, exactly as written: the payloads are text there, not markup."""
    shown = "\n".join(_read_as_shown(path) for path in _files(hostile.site / "en", ".html"))
    problems = []
    for slot in hostile.slots:
        placement = slot.current
        if not slot.in_english or placement.fmt == "markdown" or (
                placement.kind, placement.generic) in h.UNPUBLISHED.keys() | NOT_ON_ENGLISH_PAGES:
            continue
        written = " ".join(CONTROL_RE.sub("", placement.text).split())
        if written not in shown:
            at = shown.find(placement.marker)
            problems.append(f"{placement}: {written!r} is on no English page as written"
                            + (f", but in {shown[max(0, at - 60):at + 40]!r}" if at >= 0 else ""))
    assert not problems, _report(problems, "English texts not shown as written")


@pytest.mark.parametrize("edition", ["", "en"], ids=["zh", "en"])
def test_search_cards_keep_the_names_exactly(hostile, edition):
    """A result's card holds a record's name as plain data (JSON), the same text as its
    page's heading: the search box shows it as text, never as markup (test_search.py).
    The English pages' index (en/search/) holds their English names."""
    problems = []
    root = hostile.site / edition
    index = SiteIndex(root)
    assert index.cards
    for url, title, kind, *_ in index.cards:
        if kind not in ("point", "project", "case"):
            continue
        heading = BeautifulSoup((root / url / "index.html").read_text("utf-8"),
                                "html.parser").select_one("article h1")
        shown = " ".join(heading.get_text().split())
        if " ".join(title.split()) != shown:
            where = f"/{edition}/{url}" if edition else f"/{url}"
            problems.append(f"{where}: card {title[:80]!r}, page {shown[:80]!r} <- "
                            f"{_where(hostile, title[:160])}")
    assert not problems, _report(problems, "cards that differ from their pages")


def test_the_corpus_reaches_every_output_context(hostile):
    """The corpus's size by output context (printed with -s), and none left empty."""
    contexts = {
        "html pages": _files(hostile.site, ".html"),
        "search index": sorted((hostile.site / "search" / "c").glob("*.json")),
        "en search index": sorted((hostile.site / "en" / "search" / "c").glob("*.json")),
        "en html pages": _files(hostile.site / "en", ".html"),
        "csv": _files(hostile.site, ".csv"),
        "json and geojson": [p for p in _files(hostile.site, ".json", ".geojson")
                             if p.parent.name not in ("search", "schemas")],
        "atom feed": [hostile.site / "feed.xml"],
        "icalendar": _files(hostile.site, ".ics"),
        "svg": _files(hostile.site, ".svg"),
    }
    sizes = {}
    for name, files in contexts.items():
        text = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in files)
        placements = hostile.placement_of(text)
        sizes[name] = (len({p.payload.name for p in placements
                            if p.payload.kind != "ordinary"}), len(placements))
    refused = {r.placement.payload.name for r in hostile.refusals}
    print(f"\ncorpus: {len(h.PAYLOADS)} payloads, {len(hostile.placements)} placements, "
          f"{len(hostile.accepted())} in the site, {len(hostile.refusals)} refusals "
          f"({len(refused)} payloads refused somewhere)")
    for name, (payloads, placements) in sizes.items():
        print(f"  {name:18} {payloads:4} payloads {placements:5} placements")
    assert all(payloads for payloads, _ in sizes.values()), sizes
