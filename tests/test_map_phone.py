"""The map page on a phone (Chromium, 360 × 740): the map on the first screen, the field
filter folded behind a button that counts the fields shown, and popups that say where a
point is and whether it is open, in the site's colours. Expected values come from the
demo's YAML records, read with PyYAML. How fast the page is, is a benchmark's to say
(benchmarks/lighthouse_benchmark.py), not a test's."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml

from .conftest import DEMO_DATA
from .test_browser import _markers_on_screen

SCREEN = {"width": 360, "height": 740}
PHONE = {"viewport": SCREEN, "device_scale_factor": 2, "is_mobile": True, "has_touch": True,
         "locale": "zh-CN"}
LEAFLET_BLUE = "rgb(0, 120, 168)"  # leaflet.css: .leaflet-container a
SITE_RED = "rgb(165, 42, 31)"  # showcase.css: --md-typeset-a-color, #a52a1f
SHANGHAI = ZoneInfo("Asia/Shanghai")
VR_POINT = "futian-vr-industry"


def _awarded() -> list[dict]:
    records = [yaml.safe_load(path.read_text(encoding="utf-8"))
               for path in sorted((DEMO_DATA / "points").glob("*.yml"))]
    return [r for r in records if r.get("status", "awarded") == "awarded"]


def _fields() -> list[str]:
    return sorted({r["field"] for r in _awarded()})


@pytest.fixture
def phone(browser, demo_url):
    """The map page on a 360 px phone, its markers clustered and its list read; any
    request leaving the site is refused (no tiles: the map works without them)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    own = urlsplit(demo_url).netloc
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
               else route.abort())
    yield page
    context.close()


def _open_map(page, demo_url: str) -> None:
    page.goto(demo_url + "map/")
    page.wait_for_selector(".sc-overview .sc-map--ready")


def test_the_map_is_on_the_first_screen_of_a_phone(phone, demo_url):
    _open_map(phone, demo_url)
    box = phone.locator(".sc-overview .folium-map").bounding_box()
    # a good part of the map, not a strip of it: with the filter unfolded it began at 888 px
    assert box["y"] + 200 <= SCREEN["height"], box
    assert not phone.locator("#sc-legend").is_visible()
    toggle = phone.get_by_role("button", name="筛选", exact=True)
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "sc-legend"
    assert phone.errors == []


def test_the_filter_button_unfolds_the_filter_and_counts_the_fields_shown(phone, demo_url):
    _open_map(phone, demo_url)
    awarded, fields = _awarded(), _fields()
    toggle = phone.locator(".sc-filter-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert phone.locator("#sc-legend").is_visible()
    assert phone.locator("#sc-legend input").count() == len(fields)

    # two fields off: the button counts the fields still shown; map, list and status agree
    off = {"tech-info", "vr"}
    for field in off:
        phone.locator(f"#sc-legend input[value={field}]").uncheck()
    expected = len([r for r in awarded if r["field"] not in off])
    assert toggle.inner_text() == f"筛选（{len(fields) - len(off)}）"
    assert phone.locator(".sc-map-status").inner_text() == f"显示 {expected} 个展示点"
    assert phone.locator(".sc-map-list li:not([hidden])").count() == expected
    phone.evaluate("map_overview.setZoom(7)")  # every marker in view
    assert _markers_on_screen(phone, expected) == expected

    # folded again from the keyboard, unfolded with the space bar; all on: no count
    toggle.focus()
    phone.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not phone.locator("#sc-legend").is_visible()
    phone.keyboard.press(" ")
    assert phone.locator("#sc-legend").is_visible()
    for field in off:
        phone.locator(f"#sc-legend input[value={field}]").check()
    assert toggle.inner_text() == "筛选"

    # 全不选, then the one field wanted; 全选 brings every field back
    phone.get_by_role("button", name="全不选").click()
    assert toggle.inner_text() == "筛选（0）"
    assert phone.locator(".sc-map-status").inner_text() == "显示 0 个展示点"
    assert phone.locator(".sc-map-list li:not([hidden])").count() == 0
    phone.locator("#sc-legend input[value=vr]").check()
    vr = len([r for r in awarded if r["field"] == "vr"])
    assert toggle.inner_text() == "筛选（1）"
    assert phone.locator(".sc-map-list li:not([hidden])").count() == vr
    assert _markers_on_screen(phone, vr) == vr
    phone.get_by_role("button", name="全选").click()
    assert toggle.inner_text() == "筛选"
    assert phone.locator(".sc-map-list li:not([hidden])").count() == len(awarded)
    assert _markers_on_screen(phone, len(awarded)) == len(awarded)
    assert phone.errors == []


def test_a_popup_says_where_the_point_is_and_whether_it_is_open(phone, demo_url):
    record = next(r for r in _awarded() if r["id"] == VR_POINT)
    # a Tuesday morning in Shenzhen: open 09:30–12:00 and 14:00–17:30 (the record's hours)
    phone.clock.set_fixed_time(dt.datetime(2025, 9, 23, 10, 0, tzinfo=SHANGHAI))
    _open_map(phone, demo_url)
    # the point's marker on its own, not in a cluster; then opened as a visitor does
    phone.evaluate("""name => new Promise(done => {
        const layer = fast_marker_cluster_points.getLayers().find(l => l.options.title === name);
        fast_marker_cluster_points.zoomToShowLayer(layer, done); })""", record["name"])
    marker = phone.locator(f'.sc-overview .sc-dot[title="{record["name"]}"]')
    marker.focus()
    phone.keyboard.press("Enter")
    popup = phone.locator(".leaflet-popup-content .sc-popup")
    phone.wait_for_selector(".sc-popup .sc-open-status")
    link = popup.locator("a")
    assert link.inner_text() == record["name"]
    assert link.get_attribute("href") == f"../points/{VR_POINT}/"
    assert popup.locator(".sc-popup__field").inner_text() == "VR技术"
    assert popup.locator(".sc-popup__address").inner_text() == record["location"]["address"]
    assert popup.locator(".sc-popup__hours").inner_text() == "今天：09:30–12:00、14:00–17:30"
    assert popup.locator(".sc-open-status").inner_text() == "正在开放，今天 12:00 结束"
    # the site's colours, not Leaflet's blue
    colour = link.evaluate("a => getComputedStyle(a).color")
    assert colour != LEAFLET_BLUE
    assert colour == SITE_RED
    assert phone.errors == []


def test_a_popup_on_a_day_the_point_is_closed(phone, demo_url):
    record = next(r for r in _awarded() if r["id"] == VR_POINT)
    phone.clock.set_fixed_time(dt.datetime(2025, 9, 22, 10, 0, tzinfo=SHANGHAI))  # a Monday
    _open_map(phone, demo_url)
    phone.evaluate("""name => new Promise(done => {
        const layer = fast_marker_cluster_points.getLayers().find(l => l.options.title === name);
        fast_marker_cluster_points.zoomToShowLayer(layer, () => { layer.openPopup(); done(); }); })""",
                   record["name"])
    phone.wait_for_selector(".sc-popup .sc-open-status")
    assert phone.locator(".sc-popup__hours").inner_text() == "今天不开放"
    assert phone.locator(".sc-popup .sc-open-status").inner_text() == "下次开放：明天 09:30"


def test_without_javascript_the_filter_and_the_list_are_shown(browser, demo_url):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_url + "map/")
    assert page.locator("#sc-legend").is_visible()
    assert page.locator("#sc-legend input").count() == len(_fields())
    assert not page.locator(".sc-filter-toggle").is_visible()  # it would do nothing
    assert not page.locator(".sc-legend__all").is_visible()  # nor would 全选 and 全不选
    links = page.locator(".sc-map-list a")
    assert links.count() == len(_awarded())
    links.last.scroll_into_view_if_needed()
    assert links.last.is_visible()
    context.close()
