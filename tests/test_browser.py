"""The built demo in headless Chromium on a phone-sized screen: what a visitor who has
just scanned a plaque sees, with no request leaving the site and no console error."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .search_ui import FIELD, open_search, wait_answered

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture
def phone(browser, demo_url):
    """A phone-sized page that records console errors and blocks any outside request."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.errors, page.outside = [], []
    own_host = urlsplit(demo_url).netloc

    def console(message):
        # a tile the test refused to fetch is logged as an error; that one is expected
        if message.type == "error" and urlsplit(message.location.get("url", "")).netloc in ("", own_host):
            page.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(route):
        if urlsplit(route.request.url).netloc == own_host:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    yield page
    context.close()


def _above_the_fold(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= PHONE["viewport"]["height"]


def test_point_page_on_a_phone_answers_in_the_first_screen(phone, demo_url):
    phone.goto(demo_url + "points/futian-vr-industry/", wait_until="networkidle")
    assert phone.locator("article h1").inner_text() == "虚拟现实产业交流服务展示点"
    assert phone.locator(".sc-badge").first.inner_text() == "已授牌"
    tel = phone.locator('.sc-book a[href^="tel:"]')
    assert tel.get_attribute("href") == "tel:0755-83330001"
    for selector in ("article h1", ".sc-badge", ".sc-where-short", '.sc-book a[href^="tel:"]'):
        assert phone.locator(selector).first.is_visible(), selector
        assert _above_the_fold(phone, selector), f"{selector} is below the first screen"
    hours = phone.locator(".sc-hours li").all_inner_texts()
    assert [h.replace("\n", " ") for h in hours] == ["周二至周五 09:30–12:00、14:00–17:30", "周六 10:00–16:00"]
    assert phone.locator(".sc-hours").is_visible()
    # tap targets big enough for a thumb (44 CSS px)
    assert tel.bounding_box()["height"] >= 44
    assert phone.errors == []
    assert phone.outside == []


def test_delisted_point_shows_its_notice_first(phone, demo_url):
    phone.goto(demo_url + "points/pingshan-biomedicine/", wait_until="networkidle")
    notice = phone.locator(".sc-delisted")
    assert notice.is_visible() and _above_the_fold(phone, ".sc-delisted")
    assert "已于 2025-06-30 摘牌" in notice.inner_text()
    assert phone.locator(".sc-book").count() == 0
    assert phone.errors == [] and phone.outside == []


@pytest.mark.parametrize("path", ["", "points/", "projects/", "cases/", "fields/vr/",
                                  "districts/shenshan/", "editors/fields/", "visiting/", "404.html"])
def test_pages_load_with_no_outside_request_and_no_error(phone, demo_url, path):
    response = phone.goto(demo_url + path, wait_until="networkidle")
    assert response.status == 200
    assert phone.locator("h1").first.is_visible()
    assert phone.errors == []
    assert phone.outside == []


def test_search_is_served_locally(phone, demo_url):
    """The search's engine and index come from the site itself only.

    (Chinese queries are tested in test_search.py; a Latin query proves the machinery.)"""
    phone.goto(demo_url, wait_until="networkidle")
    open_search(phone)
    phone.locator(FIELD).press_sequentially("VR", delay=50)
    wait_answered(phone, "VR")
    assert "虚拟现实产业交流服务展示点" in phone.locator(".sc-result__name").all_inner_texts()
    assert phone.errors == [] and phone.outside == []


TILE_HOSTS = {f"webrd0{n}.is.autonavi.com" for n in "1234"}  # the demo's AMap tiles


def test_point_map_draws_its_marker_without_tiles(phone, demo_url):
    """Leaflet comes from the site itself once the map nears the screen; tiles are blocked
    here (no network), and the page and its marker survive that."""
    phone.goto(demo_url + "points/futian-vr-industry/", wait_until="networkidle")
    assert phone.evaluate("typeof window.L") == "undefined", "Leaflet loaded before it was needed"
    phone.locator(".sc-map").scroll_into_view_if_needed()
    phone.wait_for_selector(".sc-map.sc-map--ready .leaflet-marker-icon", timeout=10000)
    assert phone.locator(".sc-map .leaflet-marker-icon").count() == 1
    assert phone.locator(".sc-map .leaflet-marker-icon").get_attribute("title") == "虚拟现实产业交流服务展示点"
    # its image found beside Leaflet's stylesheet (Leaflet/Leaflet#7202), drawn, not a 404
    phone.wait_for_function("document.querySelector('.sc-map .leaflet-marker-icon').complete")
    assert phone.evaluate("document.querySelector('.sc-map .leaflet-marker-icon').naturalWidth") > 0
    assert phone.locator(".leaflet-control-attribution").inner_text() == "© 高德地图"
    assert phone.outside, "the map asked for tiles"
    assert {urlsplit(url).netloc for url in phone.outside} <= TILE_HOSTS
    assert phone.errors == []


def test_point_map_marker_image_loads_when_leaflet_css_comes_last(phone, demo_url):
    """Leaflet finds its marker images from its stylesheet; when the script is read first
    (a race on a slow network, Leaflet/Leaflet#7202) its fallback asks for
    `leaflet-1.9.4marker-icon.png`, a 404, and the marker is a broken image. Here the
    stylesheet is held back until the marker is drawn."""
    held = []
    phone.route("**/leaflet.css", lambda route: held.append(route))
    phone.goto(demo_url + "points/futian-vr-industry/", wait_until="networkidle")
    phone.locator(".sc-map").scroll_into_view_if_needed()
    phone.wait_for_selector(".sc-map.sc-map--ready .leaflet-marker-icon", timeout=10000)
    assert len(held) == 1
    held[0].continue_()
    phone.wait_for_load_state("networkidle")
    marker = phone.locator(".sc-map .leaflet-marker-icon")
    assert urlsplit(marker.get_attribute("src")).path.startswith(
        urlsplit(demo_url).path + "assets/vendor/leaflet-1.9.4/images/marker-icon")
    marker.evaluate("img => img.decode()")  # fails on a broken image
    assert marker.evaluate("img => img.naturalWidth") > 0
    assert phone.errors == []


def test_navigation_links_are_on_the_point_page(phone, demo_url):
    phone.goto(demo_url + "points/futian-vr-industry/", wait_until="networkidle")
    hrefs = phone.locator(".sc-navigate a").evaluate_all("links => links.map(a => a.href)")
    assert [urlsplit(h).netloc or urlsplit(h).scheme for h in hrefs] == [
        "uri.amap.com", "api.map.baidu.com", "apis.map.qq.com", "geo"]


MARKERS_ON_SCREEN = """() => {
    let n = document.querySelectorAll('.sc-overview .sc-dot').length;
    document.querySelectorAll('.sc-overview .marker-cluster span').forEach(s => n += +s.textContent);
    return n; }"""


def _markers_on_screen(page, expected: int) -> int:
    """Points drawn on the map (single markers plus the counts on cluster bubbles), once
    they number *expected* or ten seconds have passed: the clusters animate into place."""
    try:
        page.wait_for_function(f"() => ({MARKERS_ON_SCREEN})() === {expected}", timeout=10000)
    except PlaywrightTimeout:
        pass  # the assertion that follows reports what the map shows
    return page.evaluate(MARKERS_ON_SCREEN)


def test_overview_map_clusters_every_awarded_point_and_filters_by_field(browser, demo_url):
    from generator.validate import validate
    from .conftest import DEMO_DATA, ROOT

    demo, _ = validate(DEMO_DATA, ROOT)
    awarded = [p for p in demo.collections["points"] if p.status == "awarded"]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    errors, outside = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and "127.0.0.1" in m.location.get("url", "127.0.0.1")
            and errors.append(m.text))
    own_host = urlsplit(demo_url).netloc
    page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == own_host
               else (outside.append(r.request.url), r.abort()))
    page.goto(demo_url + "map/", wait_until="networkidle")
    page.wait_for_selector(".sc-overview .sc-map--ready")
    page.evaluate("map_overview.setZoom(8)")  # everything in view
    assert _markers_on_screen(page, len(awarded)) == len(awarded)
    assert page.locator(".sc-overview .marker-cluster").count() >= 1
    assert page.locator(".sc-map-status").inner_text() == f"显示 {len(awarded)} 个展示点"
    # the tiles' credit, set by the page's script (folium is given none of the data's text)
    assert page.locator(".sc-overview .leaflet-control-attribution").inner_text() == "© 高德地图"

    # switch off one field: map, list and status agree with counts from the data
    field = "tech-info"
    page.locator(f".sc-legend input[value={field}]").uncheck()
    expected = len([p for p in awarded if p.field != field])
    assert _markers_on_screen(page, expected) == expected
    assert page.locator(".sc-map-list li:not([hidden])").count() == expected
    assert page.locator(".sc-map-status").inner_text() == f"显示 {expected} 个展示点"

    # a popup links to the point's page
    page.locator(".sc-legend input").evaluate_all("boxes => boxes.forEach(b => b.checked && b.click())")
    page.locator(".sc-legend input[value=vr]").check()
    vr = len([p for p in awarded if p.field == "vr"])
    assert _markers_on_screen(page, vr) == vr
    page.locator(".sc-overview .sc-dot").first.click()
    assert page.locator(".leaflet-popup-content a").get_attribute("href") == "../points/futian-vr-industry/"
    assert errors == []
    assert {urlsplit(u).netloc for u in outside} <= TILE_HOSTS
    context.close()


def test_the_map_page_lists_awarded_points_only(phone, demo_url):
    from generator.validate import validate
    from .conftest import DEMO_DATA, ROOT

    demo, _ = validate(DEMO_DATA, ROOT)
    phone.goto(demo_url + "map/", wait_until="networkidle")
    hrefs = phone.locator(".sc-map-list a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(f"../points/{p.id}/" for p in demo.collections["points"]
                                   if p.status == "awarded")
