"""The elderly mode (长者模式) in headless Chromium on the built demo: its switch on every
kind of page, remembered on the device without a request or a cookie, and what the mode
promises (MIIT's 《互联网网站适老化通用设计规范》, see the README): text of 18 px and more,
line spacing of 1.5 and more, contrast of 7:1 and more, targets of 60 × 60 px and more, no
sideways scrolling on a 360 px phone, a point's first screen that answers first, and
nothing new for axe."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from .elder_checks import OVERFLOW, measure
from .test_accessibility import assert_no_violation, settle

KEY = "showcase-elder"
SWITCH = "button.sc-elder-toggle"
POINT = "points/futian-vr-industry/"
# every kind of page: home, the directories, the map, a point and its QR landing (the
# permalink leads to #visit), a year, the years, the open data, the visiting guide, a
# field's page, a missing address (GitHub Pages serves 404.html)
PAGES = ["", "points/", "projects/", "cases/", "map/", POINT, POINT + "#visit", "years/2024/",
         "years/", "open-data/", "visiting/", "fields/vr/", "no/such/page/"]
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}
ON = f"localStorage.setItem({KEY!r}, '1')"


def open_page(browser, demo_url, *, elder: bool = False, **options):
    """A phone-sized page that keeps to the site (map tiles refused) and lists every
    request it makes; in the elderly mode from the start if *elder*."""
    context = browser.new_context(**{**PHONE, **options})
    if elder:
        context.add_init_script(ON)
    page = context.new_page()
    page.requests = []
    own = urlsplit(demo_url).netloc
    page.on("request", lambda request: page.requests.append(request.url))
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
               else route.abort())
    return context, page


@pytest.fixture
def phone(browser, demo_url):
    context, page = open_page(browser, demo_url)
    yield page
    context.close()


@pytest.fixture(scope="module")
def elder_phone(browser, demo_url):
    """One page in the elderly mode, reused for every page of the site."""
    context, page = open_page(browser, demo_url, elder=True)
    yield page
    context.close()


def is_on(page) -> bool:
    return page.evaluate("document.documentElement.hasAttribute('data-elder')")


def stored(page):
    return page.evaluate(f"localStorage.getItem({KEY!r})")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_the_switch_is_on_every_page(phone, demo_url, path):
    phone.goto(demo_url + path, wait_until="networkidle")
    switch = phone.locator(SWITCH)
    assert switch.count() == 1
    assert switch.is_visible()
    assert switch.inner_text() == "长者模式"
    assert switch.get_attribute("aria-pressed") == "false"
    assert switch.get_attribute("type") == "button"
    assert not is_on(phone)


def test_without_scripts_there_is_no_dead_switch(browser, demo_url):
    """No script, no mode to switch: the button is in the page but not shown."""
    context, page = open_page(browser, demo_url, java_script_enabled=False)
    page.goto(demo_url + POINT)
    assert page.locator(SWITCH).count() == 1
    assert not page.locator(SWITCH).is_visible()
    context.close()


def test_the_switch_turns_the_mode_on_remembers_it_and_turns_it_off(phone, demo_url):
    phone.goto(demo_url, wait_until="networkidle")
    switch = phone.locator(SWITCH)
    before = len(phone.requests)
    switch.click()
    assert is_on(phone)
    assert switch.get_attribute("aria-pressed") == "true"
    assert stored(phone) == "1"
    # on the device alone: no request, no cookie
    phone.wait_for_timeout(300)  # a request it started would show by now
    assert phone.requests[before:] == []
    assert phone.context.cookies() == [] and phone.evaluate("document.cookie") == ""
    # the next page (Material's instant navigation is off: a full load) and a reload
    phone.locator(".md-content a.md-button[href='points/']").first.click()
    phone.wait_for_load_state("networkidle")
    assert urlsplit(phone.url).path.endswith("/points/")
    assert is_on(phone) and phone.locator(SWITCH).get_attribute("aria-pressed") == "true"
    phone.reload(wait_until="networkidle")
    assert is_on(phone) and phone.locator(SWITCH).get_attribute("aria-pressed") == "true"
    # pressed again: off, forgotten, and off after a reload
    before = len(phone.requests)
    phone.locator(SWITCH).click()
    assert not is_on(phone)
    assert phone.locator(SWITCH).get_attribute("aria-pressed") == "false"
    assert stored(phone) is None
    phone.wait_for_timeout(300)
    assert phone.requests[before:] == []
    phone.reload(wait_until="networkidle")
    assert not is_on(phone) and phone.locator(SWITCH).get_attribute("aria-pressed") == "false"
    assert phone.context.cookies() == []


# Run before any script of the page: when the parser adds <body>, is the mode already on?
WATCH_BODY = """
window.__elderAtBody = null;
new MutationObserver((changes, observer) => {
    if (document.body) {
        window.__elderAtBody = document.documentElement.hasAttribute("data-elder");
        observer.disconnect();
    }
}).observe(document, {childList: true, subtree: true});
"""


def test_the_mode_is_on_before_the_page_is_drawn(browser, demo_url):
    """The head's script sets it before <body> is parsed, so the first paint is already
    large: no flash of the normal page."""
    context, page = open_page(browser, demo_url, elder=True)
    page.add_init_script(WATCH_BODY)
    page.goto(demo_url + POINT, wait_until="networkidle")
    assert page.evaluate("window.__elderAtBody") is True
    assert page.locator(SWITCH).get_attribute("aria-pressed") == "true"
    context.close()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_the_mode_keeps_its_figures_on_a_phone(elder_phone, demo_url, path):
    """At 360 px: text of 18 px and more, reading text spaced 1.5 and more, contrast of 7:1
    and more, targets of 60 × 60 px and more, and no sideways scrolling."""
    elder_phone.goto(demo_url + path, wait_until="networkidle")
    assert is_on(elder_phone)
    assert elder_phone.evaluate(OVERFLOW) == 0
    shortfalls = {check: found for check, found in measure(elder_phone).items() if found}
    assert shortfalls == {}


@pytest.mark.parametrize("path", ["", POINT, "map/", "years/2024/"], ids=lambda p: p or "home")
def test_the_mode_keeps_its_figures_on_a_desktop(browser, demo_url, path):
    context, page = open_page(browser, demo_url, elder=True, viewport={"width": 1280, "height": 900},
                              is_mobile=False, has_touch=False, device_scale_factor=1)
    page.goto(demo_url + path, wait_until="networkidle")
    assert page.evaluate(OVERFLOW) == 0
    shortfalls = {check: found for check, found in measure(page).items() if found}
    context.close()
    assert shortfalls == {}


def test_the_normal_mode_is_unchanged_in_size(phone, demo_url):
    """The mode is only where it is asked for: the normal page keeps its sizes."""
    phone.goto(demo_url + POINT, wait_until="networkidle")
    assert phone.evaluate("getComputedStyle(document.documentElement).fontSize") == "20px"


FIRST_SCREEN = ["article h1", ".sc-first__open", ".sc-first__phone", ".sc-first__booking",
                ".sc-first__address"]


def _boxes(page) -> list[dict]:
    boxes = []
    for selector in FIRST_SCREEN:
        item = page.locator(selector).first
        assert item.count() == 1 and item.is_visible(), f"{selector} is not shown"
        boxes.append(item.bounding_box())
    return boxes


def test_a_points_first_screen_answers_in_order(elder_phone, demo_url):
    """At 360 × 640 in the elderly mode: name, open now, phone, how to book and address,
    each within the screen, one below the other in that order."""
    elder_phone.goto(demo_url + POINT, wait_until="networkidle")
    elder_phone.wait_for_selector(".sc-first__open:not([hidden])")
    height = PHONE["viewport"]["height"]
    boxes = _boxes(elder_phone)
    for selector, box in zip(FIRST_SCREEN, boxes):
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{selector} is off the first screen"
    tops = [box["y"] for box in boxes]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    phone_link = elder_phone.locator(".sc-first__phone a[href^='tel:']").first
    assert phone_link.bounding_box()["height"] >= 60
    assert "请至少提前" in elder_phone.locator(".sc-first__booking").inner_text()


def test_the_qr_landing_shows_how_to_visit(elder_phone, demo_url):
    """From the plaque's permalink (#visit): open now, phone and how to book on the screen."""
    elder_phone.goto(demo_url + "v/futian-vr-industry/", wait_until="networkidle")
    elder_phone.wait_for_url("**/points/futian-vr-industry/#visit")
    elder_phone.wait_for_selector(".sc-first__open:not([hidden])")
    height = PHONE["viewport"]["height"]
    for selector in (".sc-first__open", ".sc-first__phone", ".sc-first__booking"):
        box = elder_phone.locator(selector).first.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, selector


@pytest.mark.parametrize("path", ["", "points/", POINT, "map/", "years/2024/", "years/", "open-data/", "404.html"],
                         ids=lambda p: p or "home")
def test_axe_finds_nothing_in_the_mode(elder_phone, demo_url, path):
    settle(elder_phone, demo_url + path) if path != "404.html" else elder_phone.goto(
        demo_url + path, wait_until="networkidle")
    assert is_on(elder_phone)
    assert_no_violation(elder_phone, f"/{path} (elderly mode, phone)")


def test_the_checks_can_fail(phone, demo_url):
    """The same page in the normal mode falls short of the elderly mode's figures: the
    measures find what they are meant to find."""
    phone.goto(demo_url + POINT, wait_until="networkidle")
    found = measure(phone)
    assert found["text under 18 px"], "the normal mode has text under 18 px"
    assert found["targets under 60 × 60 px"], "the normal mode has targets of 44 px"
    assert found["contrast under 7:1"], "the normal mode's badge is 5.1:1"
