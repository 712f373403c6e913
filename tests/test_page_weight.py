"""A point page's first load on a phone stays within 150 KB, and the search engine and
its index are fetched only when the visitor starts to search.

The demo is served as GitHub Pages serves it, text types gzip-compressed (conftest's
server sends files as they are), by benchmarks/page_weight.py's server; bytes are
counted on the wire as that benchmark counts them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from benchmarks.page_weight import BUDGET, PHONE, Recorder, SiteServer

from .conftest import base_path
from .search_ui import ANSWERED

POINT = "points/futian-vr-industry/"
INDEX = "/search/"  # the index's files (generator/searchindex.py)
ENGINE = "/showcase-search-engine.js"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


@pytest.fixture(scope="module")
def gzip_server(demo_site):
    """The demo under its sub-path, text types gzip-compressed."""
    server = SiteServer(demo_site, base_path(), compress=True)
    yield server
    server.shutdown()


@pytest.fixture
def open_page(browser, gzip_server):
    """Opens a page of the demo in a fresh browser (empty cache); records what it fetches."""
    contexts = []

    def open_(path: str, screen: dict = PHONE):
        context = browser.new_context(**screen)
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        own_host = urlsplit(gzip_server.url).netloc

        def console(message):
            # a tile refused by the recorder is logged as an error; that one is expected
            if message.type == "error" and urlsplit(message.location.get("url", "")).netloc in ("", own_host):
                page.errors.append(message.text)

        page.on("console", console)
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.recorder = Recorder(context, page, gzip_server)
        page.goto(gzip_server.url + path, wait_until="networkidle")
        page.recorder.settle(page)
        return page

    yield open_
    for context in contexts:
        context.close()


def _results(page, query: str) -> list[str]:
    """The names on the result cards of *query*, once the dialog shows them."""
    page.wait_for_function(ANSWERED, arg=query, timeout=15000)
    return page.locator(".sc-result__name").all_inner_texts()


def _search_fetches(load) -> tuple[int, int]:
    """How often a load fetched the search engine's script, and how many index files."""
    paths = [urlsplit(t.url).path for t in load.transfers]
    return (sum(path.endswith(ENGINE) for path in paths), sum(INDEX in path for path in paths))


def test_first_load_of_a_point_page_fits_the_budget_without_the_search_index(open_page):
    page = open_page(POINT)
    first = page.recorder.take()
    assert _search_fetches(first) == (0, 0), "search was fetched before anyone searched"
    assert page.evaluate("typeof window.L") == "undefined", "Leaflet loaded on the first screen"
    # the measure is GitHub Pages' one: every text response compressed
    assert [t.url for t in first.transfers if t.kind in ("Document", "Script", "Stylesheet")
            and t.encoding != "gzip"] == []
    listing = "\n".join(f"{t.bytes:>9,}  {t.kind:<10} {urlsplit(t.url).path}" for t in first.transfers)
    assert first.total <= BUDGET, f"first load {first.total:,} bytes > {BUDGET:,}:\n{listing}"
    assert page.recorder.mismatches == []
    assert page.errors == []


@pytest.mark.parametrize("how", ["link", "key /"])
@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_search_fetches_the_engine_once_and_the_index_when_a_query_is_typed(open_page, how,
                                                                           screen):
    page = open_page(POINT, PHONE if screen == "phone" else DESKTOP)
    assert _search_fetches(page.recorder.take()) == (0, 0)
    if how == "link":
        page.locator("a.sc-search-open").click()
    else:
        page.keyboard.press("/")
    assert page.locator("#sc-search-input").evaluate("el => el === document.activeElement")
    page.keyboard.type("VR", delay=50)
    assert "虚拟现实产业交流服务展示点" in _results(page, "VR")
    page.recorder.settle(page)
    engine, index = _search_fetches(page.recorder.take())
    assert engine == 1 and index >= 2  # the manifest, and the files of the query's tokens
    assert page.errors == []
