"""axe-core, the accessibility engine, run in headless Chromium on the built demo: the
directory pages, the home page and a point's page, on a desktop and on a phone screen,
against WCAG 2.0 and 2.1 levels A and AA plus axe's best practices. Any violation fails
the test, and the message says what to fix: rule, impact, the elements and their HTML.

axe-core comes inside the PyPI wheel `axe-playwright-python` (pinned in
requirements.lock); only its axe.min.js is used, injected into the page here."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from urllib.parse import urlsplit

import pytest

AXE_JS = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
AXE_VERSION = re.search(r"axe v(\S+)", AXE_JS[:200]).group(1)

# What the pages are held to: WCAG 2.0 and 2.1, A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"},
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True, "locale": "zh-CN"},
}

PAGES = ["", "points/", "projects/", "cases/", "points/futian-vr-industry/", "years/",
         "years/2024/", "open-data/", "404.html"]

# Violations we accept, each for a reason outside our control, and only on the elements
# that match its CSS selector (element.matches): (rule id, selector, reason).
# Nothing of our own templates belongs here: fix the template instead.
IGNORED: list[tuple[str, str, str]] = []

# Run in the page: axe with our tags, then the ignored (rule, selector) pairs taken out
# by matching the very elements axe reports; the rest comes back as plain data.
RUN_AXE = """async ([tags, ignored]) => {
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
        elementRef: true,
    });
    const kept = [];
    for (const violation of results.violations) {
        const nodes = violation.nodes.filter(node => !ignored.some(
            ([rule, selector]) => rule === violation.id && node.element && node.element.matches(selector)));
        if (!nodes.length) continue;
        kept.push({
            id: violation.id, impact: violation.impact, help: violation.help,
            helpUrl: violation.helpUrl,
            nodes: nodes.map(node => ({
                target: node.target, html: node.html,
                summary: node.failureSummary || "",
            })),
        });
    }
    return kept;
}"""


def run_axe(page, ignored=IGNORED) -> list[dict]:
    """axe's violations on the page as it is now, less the ignored ones."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS)
    return page.evaluate(RUN_AXE, [TAGS, [[rule, selector] for rule, selector, _ in ignored]])


def report(violations: list[dict], where: str) -> str:
    """The violations, readably: what to fix and where."""
    lines = [f"axe-core {AXE_VERSION}: {len(violations)} rule(s) violated on {where}"]
    for violation in violations:
        lines.append(f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
                     f"\n  {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " >> ".join(json.dumps(t) if not isinstance(t, str) else t for t in node["target"])
            lines.append(f"  - target: {target}")
            lines.append(f"    html:   {' '.join(node['html'].split())}")
            for summary in node["summary"].splitlines():
                lines.append(f"    {summary.strip()}")
    return "\n".join(lines)


def open_screen(browser, demo_url, viewport: str):
    """A browser page of the given viewport; requests that would leave the site (map
    tiles) are refused, as there is no network."""
    context = browser.new_context(**VIEWPORTS[viewport])
    page = context.new_page()
    own_host = urlsplit(demo_url).netloc
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own_host
               else route.abort())
    page.viewport_name = viewport
    return context, page


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def screen(request, browser, demo_url):
    """One page per viewport, reused for every page of the site."""
    context, page = open_screen(browser, demo_url, request.param)
    yield page
    context.close()


def settle(page, url: str) -> None:
    """Open the page and let its own scripts finish: Material's, the opening-hours
    status, and the point map, which loads Leaflet only when it nears the screen."""
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200, url
    page.evaluate("document.fonts.ready.then(() => true)")
    if page.locator(".sc-map[data-map]").count():
        page.locator(".sc-map[data-map]").first.scroll_into_view_if_needed()
        page.wait_for_selector(".sc-map.sc-map--ready, .sc-map.sc-map--failed", state="attached")
        page.wait_for_load_state("networkidle")
        page.evaluate("window.scrollTo(0, 0)")
        # Material hid the tabs while the page was scrolled; back at the top it shows
        # them again with a transition that starts a frame or two after the scroll
        page.wait_for_function("""() => {
            const tabs = document.querySelector(".md-tabs");  // shown on wide screens only
            return !tabs || getComputedStyle(tabs).display === "none" || !tabs.hidden;
        }""")
        page.evaluate("() => new Promise(done => requestAnimationFrame("
                      "() => requestAnimationFrame(() => done(true))))")
    # what is folded away is checked too (the charts' data tables)
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    # Material's transitions after load (colours are measured as painted)
    page.evaluate("""() => Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
        .map(a => a.finished.catch(() => null))).then(() => true)""")


def assert_no_violation(page, where: str, ignored=IGNORED) -> None:
    """Fail with the readable report if axe finds anything on the page."""
    violations = run_axe(page, ignored)
    if violations:
        pytest.fail(report(violations, where), pytrace=False)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_page_has_no_accessibility_violation(screen, demo_url, path):
    settle(screen, demo_url + path)
    assert_no_violation(screen, f"/{path} ({screen.viewport_name})")


@pytest.fixture
def phone(browser, demo_url):
    context, page = open_screen(browser, demo_url, "phone")
    yield page
    context.close()


def test_the_check_fails_on_a_broken_element(phone, demo_url):
    """The check can fail: an image without alt text and an unlabelled text field, slipped
    into a real page, make it fail with the rules they break, the elements and their HTML."""
    settle(phone, demo_url + "points/")
    phone.evaluate("""() => document.querySelector("article").insertAdjacentHTML("beforeend",
        '<img id="axe-selftest-img" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">' +
        '<input id="axe-selftest-input" type="text">')""")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_no_violation(phone, "/points/ with a broken image and field")
    message = str(failure.value)
    assert "image-alt: Images must have alternative text" in message
    assert "target: #axe-selftest-img" in message
    assert "label: Form elements must have labels" in message
    assert '<input id="axe-selftest-input" type="text">' in message


def test_an_ignored_rule_is_scoped_to_its_selector(phone):
    """An ignored (rule, selector) pair takes out the elements matching the selector only."""
    phone.set_content('<!doctype html><html lang="en"><title>t</title><main>'
                      '<img class="ignored" src="data:,"><img class="other" src="data:,"></main></html>')
    violations = run_axe(phone, ignored=[("image-alt", "img.ignored", "self-test")])
    targets = [node["target"] for v in violations if v["id"] == "image-alt" for node in v["nodes"]]
    assert targets == [[".other"]]
    assert all(reason.strip() for _, _, reason in IGNORED), "every ignored rule says why"
