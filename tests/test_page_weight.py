"""A point page's first load on a phone stays within 150 KB, and the search index is
fetched only when the visitor starts to search.

The demo is served as GitHub Pages serves it, text types gzip-compressed (conftest's
server sends files as they are), by benchmarks/page_weight.py's server; bytes are
counted on the wire as that benchmark counts them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from benchmarks.page_weight import BUDGET, PHONE, Recorder, SiteServer

from .conftest import base_path

POINT = "points/futian-vr-industry/"
INDEX = "/search/search_index.json"
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


def _results(page) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    # the index holds jieba's segments joined by zero-width spaces; a reader doesn't see them
    return [t.replace("\u200b", "") for t in page.locator(".md-search-result__item").all_inner_texts()]


def test_first_load_of_a_point_page_fits_the_budget_without_the_search_index(open_page):
    page = open_page(POINT)
    first = page.recorder.take()
    assert first.requests_for(INDEX) == 0, "the search index was fetched before anyone searched"
    assert page.evaluate("typeof window.L") == "undefined", "Leaflet loaded on the first screen"
    # the measure is GitHub Pages' one: every text response compressed
    assert [t.url for t in first.transfers if t.kind in ("Document", "Script", "Stylesheet")
            and t.encoding != "gzip"] == []
    listing = "\n".join(f"{t.bytes:>9,}  {t.kind:<10} {urlsplit(t.url).path}" for t in first.transfers)
    assert first.total <= BUDGET, f"first load {first.total:,} bytes > {BUDGET:,}:\n{listing}"
    assert page.recorder.mismatches == []
    assert page.errors == []


@pytest.mark.parametrize("how", ["magnifier", "key /", "key s", "key f"])
def test_search_on_a_phone_fetches_the_index_once_when_opened(open_page, how):
    page = open_page(POINT)
    assert page.recorder.take().requests_for(INDEX) == 0
    if how == "magnifier":
        page.locator("label.md-header__button[for=__search]").click()
    else:
        page.keyboard.press(how.removeprefix("key "))
    assert page.locator("input.md-search__input").evaluate("el => el === document.activeElement")
    page.keyboard.type("VR", delay=50)
    assert any("虚拟现实产业交流服务展示点" in t for t in _results(page))
    page.recorder.settle(page)
    assert page.recorder.take().requests_for(INDEX) == 1
    assert page.errors == []


def test_search_field_on_a_wide_screen_fetches_the_index_when_clicked(open_page):
    page = open_page(POINT, DESKTOP)
    assert page.recorder.take().requests_for(INDEX) == 0
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("VR", delay=50)
    assert any("虚拟现实产业交流服务展示点" in t for t in _results(page))
    page.recorder.settle(page)
    assert page.recorder.take().requests_for(INDEX) == 1
    assert page.errors == []


def test_a_page_opened_from_a_search_result_highlights_the_terms(open_page):
    """Results link to pages with ?h=; those pages need the index at once."""
    page = open_page(POINT + "?h=VR")
    assert page.recorder.take().requests_for(INDEX) == 1
    page.wait_for_selector("article mark", timeout=10000)
    assert "VR" in page.locator("article mark").first.inner_text()
    assert page.errors == []
