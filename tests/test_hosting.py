"""The built site as GitHub Pages serves it, in headless Chromium: at a custom domain
(served at the root, where the demo's own build lives under a project sub-path), and a
missing address answered with 404.html and status 404 at the address asked for, under
the sub-path and at the custom domain alike. Every page loads all it asks for from the
site itself, with no error, and its links lead somewhere when clicked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .search_ui import RESULT_LINK, search

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}
# map tiles: the only requests expected to leave the site; refused here (no network)
TILE_HOSTS = {f"webrd0{n}.is.autonavi.com" for n in "1234"}  # the demo's AMap tiles
MISSING = "points/no-such-point/deeper/"  # as a mistyped or outdated link would ask
POINT = ("points/futian-vr-industry/", "虚拟现实产业交流服务展示点")
SITES = ["demo_url", "custom_domain_url"]


@pytest.fixture
def desktop(browser):
    """Opens a desktop-sized page for a served site that records, on its way: page and
    console errors, requests leaving the site (refused), and the site's own requests that
    failed or were answered with an error status."""
    contexts = []

    def open_page(site: str):
        context = browser.new_context(**DESKTOP)
        context.set_default_timeout(10000)  # a missing element fails in seconds, not 30
        contexts.append(context)
        page = context.new_page()
        page.errors, page.outside, page.failed, page.statuses = [], [], [], {}
        own_host = urlsplit(site).netloc

        def own(url: str) -> bool:
            return urlsplit(url).netloc == own_host

        def console(message):
            # a tile the test refused to fetch is logged as an error; that one is expected,
            # and so is the 404 of a missing page itself (its status is checked apart)
            where = message.location.get("url", "")
            if message.type == "error" and urlsplit(where).netloc in ("", own_host) and \
                    not (where == page.url and message.text.startswith("Failed to load")):
                page.errors.append(message.text)

        def route(route):
            if own(route.request.url):
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort()

        def failed(request):
            if own(request.url):
                page.failed.append(f"{request.url}: {request.failure}")

        def answered(response):
            if own(response.url):
                page.statuses[response.url] = response.status

        page.on("console", console)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("requestfailed", failed)
        page.on("response", answered)
        page.route("**/*", route)
        return page

    yield open_page
    for context in contexts:
        context.close()


def _assert_all_loaded(page, document_status: int = 200) -> None:
    """Every stylesheet, script and image the page asked for came from the site with 200,
    the stylesheets were read and Material's script ran; no error, nothing from elsewhere."""
    document = page.url.split("#")[0]
    assert page.statuses.pop(document) == document_status
    assert page.failed == []
    assert {url: status for url, status in page.statuses.items() if status >= 400} == {}
    assets = page.evaluate("""() => ({
        stylesheets: [...document.querySelectorAll('link[rel=stylesheet]')].map(link =>
            [link.href, link.sheet ? link.sheet.cssRules.length : 0]),
        scripts: [...document.querySelectorAll('script[src]')].map(script => script.src),
        broken: [...document.images].filter(img => img.complete && img.currentSrc &&
            img.naturalWidth === 0).map(img => img.currentSrc),
        material: typeof window.document$ !== 'undefined',
    })""")
    assert len(assets["stylesheets"]) >= 3 and len(assets["scripts"]) >= 2
    for href, rules in assets["stylesheets"]:
        assert page.statuses.get(href) == 200 and rules > 0, href
    for src in assets["scripts"]:
        assert page.statuses.get(src) == 200, src
    assert [src for src in assets["broken"] if urlsplit(src).hostname not in TILE_HOSTS] == []
    assert assets["material"], "Material's script did not run"
    assert page.errors == []
    assert [url for url in page.outside if urlsplit(url).hostname not in TILE_HOSTS] == []


def _click(page, locator, expected_url: str) -> None:
    """Clicks a link and checks that it leads to *expected_url*, answered with 200; the
    statuses recorded from then on are the new page's."""
    page.statuses.clear()
    with page.expect_navigation(wait_until="networkidle") as navigation:
        locator.click()
    assert navigation.value.status == 200
    assert page.url == expected_url


# --- a custom domain: the site at the root of its host ----------------------------------


@pytest.mark.parametrize("path", ["", POINT[0], "points/", "years/2024/", "open-data/", "map/"])
def test_pages_at_a_custom_domain_load_everything_from_the_site(desktop, custom_domain_url,
                                                                  path):
    assert urlsplit(custom_domain_url).path == "/"
    page = desktop(custom_domain_url)
    response = page.goto(custom_domain_url + path, wait_until="networkidle")
    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    _assert_all_loaded(page)


@pytest.mark.parametrize("site", SITES)
def test_links_lead_from_home_to_a_point_and_back(desktop, request, site):
    url = request.getfixturevalue(site)
    page = desktop(url)
    assert page.goto(url, wait_until="networkidle").status == 200
    _click(page, page.locator(".md-tabs").get_by_role("link", name="展示点", exact=True),
           url + "points/")
    _click(page, page.locator("article").get_by_role("link", name=POINT[1], exact=True),
           url + POINT[0])
    assert page.locator("article h1").inner_text() == POINT[1]
    _assert_all_loaded(page)
    _click(page, page.locator("a.md-header__button.md-logo"), url)
    _click(page, page.locator("article").get_by_role("link", name="查看全部展示点"),
           url + "points/")
    _assert_all_loaded(page)


def test_a_plaque_address_at_a_custom_domain_leads_to_its_point(desktop, custom_domain_url):
    page = desktop(custom_domain_url)
    plaque = custom_domain_url + "v/futian-vr-industry/"
    page.goto(plaque, wait_until="networkidle")
    assert page.url == custom_domain_url + POINT[0] + "#visit"
    # the plaque page was answered, then replaced itself while it loaded: Chromium may
    # report the rest of its own (already parsed) response as aborted, which is no fault
    assert page.statuses.pop(plaque) == 200
    page.failed = [failure for failure in page.failed
                   if failure != f"{plaque}: net::ERR_ABORTED"]
    assert page.locator("article h1").inner_text() == POINT[1]
    _assert_all_loaded(page)


# --- a missing address: 404.html, at the address asked for ------------------------------


@pytest.mark.parametrize("site", SITES)
def test_a_deep_missing_address_gets_the_404_page_with_its_assets(desktop, request, site):
    url = request.getfixturevalue(site)
    page = desktop(url)
    response = page.goto(url + MISSING, wait_until="networkidle")
    assert response.status == 404
    assert page.url == url + MISSING
    assert page.locator("article h1").inner_text() == "找不到这个页面"
    assert page.locator("article h1").is_visible()
    assert page.title().startswith("找不到这个页面 - ")
    _assert_all_loaded(page, document_status=404)


@pytest.mark.parametrize("site", SITES)
def test_the_404_page_links_home(desktop, request, site):
    url = request.getfixturevalue(site)
    page = desktop(url)
    for link in (page.locator("a.md-header__button.md-logo"),
                 page.locator(".md-tabs").get_by_role("link", name="首页", exact=True)):
        page.goto(url + MISSING, wait_until="networkidle")
        _click(page, link, url)
        _assert_all_loaded(page)


@pytest.mark.parametrize("site", SITES)
def test_the_404_page_offers_ways_in(desktop, request, site):
    """Its own text, in the site's language, with links that work at any depth: a visitor
    who typed a plaque's address wrong finds the points from here."""
    url = request.getfixturevalue(site)
    page = desktop(url)
    for name, path in (("首页", ""), ("展示点名录", "points/"), ("展示点地图", "map/"),
                       ("参观指南", "visiting/")):
        page.goto(url + MISSING, wait_until="networkidle")
        _click(page, page.locator("article").get_by_role("link", name=name, exact=True),
               url + path)
        _assert_all_loaded(page)


@pytest.mark.parametrize("site", SITES)
def test_search_from_the_404_page_leads_to_a_result(desktop, request, site):
    """The search's engine and index are found from a deep missing address, and a
    result's link lands on its page."""
    url = request.getfixturevalue(site)
    page = desktop(url)
    page.goto(url + MISSING, wait_until="networkidle")
    search(page, "VR")
    result = page.locator(f"{RESULT_LINK}[href*='{POINT[0]}']").first
    _click(page, result, url + POINT[0])
    assert page.locator("article h1").inner_text() == POINT[1]
    assert page.errors == [] and page.failed == []
