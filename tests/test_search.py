"""The search as a visitor uses it, in Chromium: the header's link on every page, a
dialog made for a phone, the engine fetched only once the visitor starts to search, every
way a query reaches the field searched (keys, a paste, an input method's choice) and
only the latest answer shown; results as short cards with the query marked, moved
through with the arrow keys; a panel that says where to look when nothing is found; and
without scripts, the directory with its hint. The index itself is tested with the
indexer (generator/searchindex.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import DEMO_DATA, ROOT, build, copy_site_inputs, run_cli, serve, site_url, soup
from .test_accessibility import VIEWPORTS, assert_no_violation, open_screen
from .search_ui import (
    DIALOG, FIELD, META, NONE, OPEN, RESULT, RESULT_LINK, RESULTS, open_search, put,
    search, wait_answered,
)


def _records(kind: str) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO_DATA / kind).glob("*.yml"))}


def _path(href: str, site: str) -> str:
    """A result's address as a path under the site (``points/x/``, ``years/2022/#e…``)."""
    return href.removeprefix(site)


POINT_ID = "baoan-community-governance"
POINT_NAME = "社区治理交流服务展示点"  # that point's name: what a visitor would paste
POINT_PATH = f"points/{POINT_ID}/"


# --- without scripts: a link to the directory, where a hint says what to do ----------------


def test_every_page_has_the_search_link_to_the_directory_hint(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if path.relative_to(demo_site).parts[0] == "v":  # a plaque's permalink: a redirect
            continue
        links = page.select(f"header {OPEN}")
        assert len(links) == 1, path
        if path.name == "404.html":  # served at any depth: absolute
            assert links[0]["href"] == urlsplit(site_url()).path + "points/#sc-search-hint"
            continue
        here = path.relative_to(demo_site).parent.as_posix()
        english = here.split("/")[0] == "en"  # the English edition's own directory
        target = (demo_site / here / links[0]["href"].split("#")[0]).resolve()
        assert target == (demo_site / ("en/points" if english else "points")).resolve(), path
        assert links[0]["href"].endswith("#sc-search-hint")
        assert links[0].get_text(strip=True) == ("Search" if english else "搜索")
    hint = soup(demo_site, "points/").select_one("noscript #sc-search-hint")
    host_and_path = site_url().removeprefix("https://").rstrip("/")
    assert hint.select_one("code").get_text() == f"site:{host_and_path}"
    assert "搜索引擎" in hint.get_text()
    # the facets need scripts too: the hint offers the lists by field and by district
    assert [(a.get_text(), a["href"]) for a in hint.select("a")] == [
        ("按服务领域查看", "../fields/"), ("按所在区查看", "../districts/")]


def test_without_scripts_the_link_leads_to_the_directory_hint(browser, demo_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(demo_url + POINT_PATH)
        page.locator(OPEN).click()
        page.wait_for_url("**/points/#sc-search-hint")
        hint = page.locator("#sc-search-hint")
        assert hint.is_visible() and "site:" in hint.inner_text()
        assert page.locator(DIALOG).count() == 0
        # the facets are hidden without scripts; the hint's links lead to the lists
        assert not page.locator(".sc-facets").is_visible()
        hint.get_by_role("link", name="按服务领域查看").click()
        page.wait_for_url("**/fields/")
        assert page.locator("article h1").inner_text() == "服务领域"
    finally:
        context.close()


def test_with_scripts_the_hint_is_not_shown_and_a_link_from_elsewhere_opens_the_search(
        browser, demo_url):
    page = browser.new_page()
    try:
        page.goto(demo_url + "points/")
        assert page.locator("#sc-search-hint").count() == 0  # a <noscript>
        page.goto(demo_url)
        page.goto(demo_url + "points/#sc-search-hint")  # the link opened in a new tab
        page.locator(FIELD).wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "sc-search-input"
        assert urlsplit(page.url).fragment == ""  # a reload shows the directory
    finally:
        page.close()


# --- nothing is fetched before the visitor starts to search --------------------------------


def _search_requests(requests: list[str]) -> list[str]:
    return [url for url in requests
            if "/search/" in urlsplit(url).path or url.endswith("showcase-search-engine.js")]


@pytest.mark.parametrize("start", ["tap", "focus", "slash"])
def test_nothing_is_fetched_for_search_before_the_visitor_starts(browser, demo_url, start):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        for path in ("", POINT_PATH, "points/", "map/"):
            page.goto(demo_url + path)
            page.wait_for_load_state("networkidle")
        assert _search_requests(requests) == []
        if start == "tap":
            page.locator(OPEN).tap()
        elif start == "focus":  # the keyboard reaches the link: the engine is asked for
            page.locator(OPEN).focus()
            page.wait_for_load_state("networkidle")
            assert [url.rsplit("/", 1)[1] for url in _search_requests(requests)] == [
                "showcase-search-engine.js"]
            page.keyboard.press("Enter")
        else:
            page.keyboard.press("/")
        page.locator(FIELD).wait_for(state="visible")
        assert page.evaluate("document.activeElement.id") == "sc-search-input"
        search(page, POINT_NAME)
        fetched = [urlsplit(url).path.split("/search/")[-1] for url in _search_requests(requests)]
        assert fetched.count("manifest.json") == 1
        assert sum(url.endswith("showcase-search-engine.js") for url in requests) == 1
        search(page, "社区")  # a second query: the manifest and the engine are not asked again
        assert sum(url.endswith("manifest.json") for url in requests) == 1
    finally:
        context.close()


# --- the dialog -----------------------------------------------------------------------------


def test_the_search_is_a_dialog_that_fills_a_phone_screen(browser, demo_url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(demo_url + POINT_PATH)
        open_search(page)
        dialog = page.locator(DIALOG)
        assert dialog.get_attribute("role") == "dialog"
        assert dialog.get_attribute("aria-modal") == "true"
        assert dialog.get_attribute("aria-label") == "搜索"
        assert page.locator(META).get_attribute("aria-live") == "polite"
        assert page.locator(FIELD).get_attribute("type") == "search"
        panel = page.locator(".sc-search__panel").bounding_box()
        assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, 360, 740)
        search(page, "社区")
        # what a finger taps is 44 px high at least, what is read 14 px and more
        for selector in (FIELD, ".sc-search__close", f"{RESULT_LINK} >> nth=0"):
            box = page.locator(selector).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, selector
        sizes = page.eval_on_selector_all(
            f"{DIALOG} *", """nodes => nodes.filter(n => [...n.childNodes].some(
                c => c.nodeType === 3 && c.nodeValue.trim())).map(
                n => [n.className, parseFloat(getComputedStyle(n).fontSize)])""")
        assert sizes and all(size >= 14 for _, size in sizes), [s for s in sizes if s[1] < 14]
        # the page under it does not scroll with it
        assert page.evaluate("getComputedStyle(document.documentElement).overflow") == "hidden"
    finally:
        page.close()


def test_the_focus_stays_in_the_dialog_and_esc_gives_it_back(browser, demo_url):
    page = browser.new_page()
    try:
        page.goto(demo_url)
        page.locator(OPEN).focus()
        page.keyboard.press("Enter")
        page.locator(FIELD).wait_for(state="visible")
        search(page, "社区")
        inside = "() => document.querySelector('.sc-search').contains(document.activeElement)"
        count = page.locator(RESULT_LINK).count()
        for _ in range(count + 3):  # round the end and back to the field
            page.keyboard.press("Tab")
            assert page.evaluate(inside)
        for _ in range(3):
            page.keyboard.press("Shift+Tab")
            assert page.evaluate(inside)
        page.keyboard.press("Escape")
        assert page.locator(DIALOG).is_hidden()
        assert page.evaluate("document.activeElement.matches('a.sc-search-open')")
        assert page.locator(OPEN).get_attribute("aria-expanded") == "false"
        # "/" opens it again, with what was searched; in the field "/" is a character
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "sc-search-input"
        assert page.locator(FIELD).input_value() == "社区" and page.locator(RESULT).count() == count
        page.keyboard.press("End")
        page.keyboard.press("/")
        assert page.locator(FIELD).input_value() == "社区/"
        page.locator(".sc-search__close").click()
        assert page.locator(DIALOG).is_hidden()
    finally:
        page.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_open_search_has_no_accessibility_violation(browser, demo_url, viewport):
    context, page = open_screen(browser, demo_url, viewport)
    try:
        page.goto(demo_url + POINT_PATH, wait_until="networkidle")
        for query in ("社区治理", "饕餮鑫淼"):  # results, with open-now lines; nothing found
            search(page, query)
            assert_no_violation(page, f"search {query!r} ({viewport})")
    finally:
        context.close()


# --- results ----------------------------------------------------------------------------


def test_a_result_is_a_short_card_with_the_query_marked(browser, demo_url):
    point = _records("points")[POINT_ID]
    page = browser.new_page()
    try:
        page.goto(demo_url + POINT_PATH)
        status = page.locator(".sc-open-status")
        status.wait_for()
        open_now = status.inner_text()  # as the point's own page says it
        hrefs = search(page, "社区治理")
        assert _path(hrefs[0], demo_url) == POINT_PATH
        count = page.locator(RESULT).count()
        assert count == len(hrefs) > 1
        assert page.locator(META).inner_text() == f"找到 {count} 个结果"
        card = page.locator(RESULT).first
        assert card.locator(".sc-result__name").inner_text() == point["name"]
        assert card.locator(".sc-result__kind").inner_text() == "展示点"
        assert card.locator(".sc-result__field").inner_text() == "社区治理"
        assert card.locator(".sc-result__district").inner_text() == "宝安区"
        assert card.locator(".sc-result__open").inner_text() == open_now
        summary = card.locator(".sc-result__summary").inner_text()
        assert summary and point["summary"].startswith(summary.rstrip("…"))
        assert card.locator(".sc-result__name mark").all_inner_texts() == ["社区治理"]
        # every card marks the query where it shows it
        for name in page.locator(".sc-result__name").all():
            if "社区治理" in name.inner_text():
                assert "社区治理" in name.locator("mark").all_inner_texts()
    finally:
        page.close()


def test_arrow_keys_move_through_the_results_and_enter_opens_one(browser, demo_url):
    page = browser.new_page()
    try:
        page.goto(demo_url)
        hrefs = search(page, "社区")
        assert len(hrefs) >= 3
        focused = "() => document.activeElement.href || document.activeElement.id"
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == hrefs[0]
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        assert page.evaluate(focused) == hrefs[2]
        page.keyboard.press("ArrowUp")
        assert page.evaluate(focused) == hrefs[1]
        page.keyboard.press("ArrowUp")
        page.keyboard.press("ArrowUp")
        assert page.evaluate(focused) == "sc-search-input"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        with page.expect_navigation(url=hrefs[1]):
            page.keyboard.press("Enter")
        # Enter in the field opens the first result. The page may already be that
        # result's: wait for the navigation Enter starts, not for an address it has (a
        # page closed in the middle of its navigation can hang Chromium's close)
        search(page, POINT_NAME)
        with page.expect_navigation(url=demo_url + POINT_PATH):
            page.keyboard.press("Enter")
    finally:
        page.close()


def test_a_query_for_what_is_nowhere_says_so_and_offers_the_directory_map_and_guide(
        browser, demo_url, demo_site):
    query = "饕餮鑫淼"
    assert not any(query in p.read_text(encoding="utf-8")
                   for p in list(DEMO_DATA.rglob("*.yml")) + list((ROOT / "content").rglob("*.md")))
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto(demo_url + POINT_PATH)
        assert search(page, query) == []
        none = page.locator(NONE)
        assert none.is_visible()
        assert none.locator(".sc-search__none-text").inner_text() == f"没有找到与“{query}”相关的结果。"
        assert page.locator(META).inner_text() == f"没有找到与“{query}”相关的结果。"  # read aloud
        links = none.locator("a").evaluate_all("links => links.map(a => a.href)")
        assert [_path(href, demo_url) for href in links] == ["points/", "map/", "visiting/"]
        for href in links:
            assert (demo_site / _path(href, demo_url) / "index.html").is_file()
        # something found again: the panel goes
        search(page, "社区")
        assert none.is_hidden() and page.locator(RESULT).count() > 0
    finally:
        page.close()


def test_the_no_result_panel_of_a_new_city_links_only_to_its_pages(fork):
    """A city with no point yet has no map page: the panel leaves it out."""
    project = fork
    assert run_cli("init", "样例市", cwd=project).returncode == 0
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    assert not (site / "map" / "index.html").exists()
    panel = soup(site, "about/").select_one("template#sc-search-dialog")
    links = [a["href"] for a in BeautifulSoup(panel.decode_contents(), "html.parser").select(
        f"{NONE} a")]
    assert links == ["../points/", "../visiting/"]


def test_an_event_is_found_and_leads_to_its_place_in_the_year(browser, demo_url):
    programme = _records("years")["2022"]
    event = next(e for e in programme["events"] if e["date"] == dt.date(2022, 7, 15))
    page = browser.new_page()
    try:
        page.goto(demo_url)
        hrefs = search(page, event["title"])
        target = next(h for h in hrefs if _path(h, demo_url) == "years/2022/#e20220715")
        page.locator(f'{RESULT_LINK}[href="{target}"]').click()
        page.wait_for_url(target)
        assert event["title"] in page.locator("#e20220715").inner_text()
    finally:
        page.close()


# --- what reaches the field without a key ---------------------------------------------------
# Every query the page sends to the engine is recorded, so a test knows what was searched,
# not only what the list shows. The engine is wrapped as it is defined: it is loaded only
# when the visitor starts to search.

RECORD_QUERIES = """
window.searched = [];
window.held = [];        // answers held back while window.hold is true
window.hold = false;
Object.defineProperty(window, "showcaseSearchEngine", {
  configurable: true,
  set(engine) {
    const open = engine.open;
    engine.open = function () {
      const found = open.apply(this, arguments);
      const search = found.search;
      found.search = function (query) {
        window.searched.push(query);
        const answer = search.apply(this, arguments);
        if (!window.hold) return answer;
        return new Promise(resolve => window.held.push(() => resolve(answer)));
      };
      return found;
    };
    Object.defineProperty(window, "showcaseSearchEngine",
                          {value: engine, writable: true, configurable: true});
  },
});
"""


@pytest.fixture
def recording(browser, demo_url):
    """The demo's home page, whose queries to the engine land in `searched`, with the
    search open and "VR" typed key by key and answered."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(RECORD_QUERIES)
    page = context.new_page()
    page.goto(demo_url)
    open_search(page)
    page.locator(FIELD).press_sequentially("VR", delay=20)
    wait_answered(page, "VR")
    assert page.evaluate("searched") == ["V", "VR"]
    assert page.locator(f'{RESULT_LINK}[href$="/{POINT_PATH}"]').count() == 0
    page.locator(FIELD).select_text()
    yield page
    context.close()


def test_a_name_pasted_into_the_field_is_searched_once(recording):
    recording.evaluate("text => navigator.clipboard.writeText(text)", POINT_NAME)
    recording.keyboard.press("ControlOrMeta+V")  # a real paste: the paste event, then input
    wait_answered(recording, POINT_NAME)
    assert recording.locator(f"{RESULT_LINK} >> nth=0").get_attribute("href").endswith(POINT_PATH)
    assert recording.evaluate("searched") == ["V", "VR", POINT_NAME]
    recording.locator(FIELD).select_text()
    recording.keyboard.press("ControlOrMeta+V")  # the same words again: not searched again
    recording.wait_for_timeout(300)
    assert recording.evaluate("searched") == ["V", "VR", POINT_NAME]


def test_a_name_chosen_in_an_input_method_is_searched_and_its_pinyin_is_not(recording):
    """Chromium's own input-method events, driven over CDP: the pinyin is composed in the
    field, then the characters chosen replace it."""
    ime = recording.context.new_cdp_session(recording)
    ime.send("Input.imeSetComposition", {"text": "shequ", "selectionStart": 5,
                                         "selectionEnd": 5})
    assert recording.locator(FIELD).input_value() == "shequ"
    ime.send("Input.imeSetComposition", {"text": "shequzhili", "selectionStart": 10,
                                         "selectionEnd": 10})
    ime.send("Input.insertText", {"text": POINT_NAME})  # the choice ends the composition
    wait_answered(recording, POINT_NAME)
    assert recording.evaluate("searched") == ["V", "VR", POINT_NAME]  # once, and no pinyin
    assert recording.locator(f"{RESULT_LINK} >> nth=0").get_attribute("href").endswith(POINT_PATH)


def test_only_the_answer_to_the_latest_query_is_shown(recording):
    recording.evaluate("window.hold = true")
    put(recording, "社区")  # its answer is held back
    recording.wait_for_function("held.length === 1")
    assert recording.locator(DIALOG).get_attribute("data-state") == "busy"
    recording.evaluate("window.hold = false")
    put(recording, POINT_NAME)
    wait_answered(recording, POINT_NAME)
    shown = recording.locator(RESULT).count()
    recording.evaluate("held.splice(0).forEach(release => release())")  # the late answer
    recording.wait_for_timeout(300)
    assert recording.locator(DIALOG).get_attribute("data-query") == POINT_NAME
    assert recording.locator(RESULT).count() == shown
    assert recording.evaluate("searched") == ["V", "VR", "社区", POINT_NAME]


def test_a_query_typed_while_the_engine_loads_is_searched_to_its_last_character(browser,
                                                                                 demo_url):
    held = []
    context = browser.new_context()
    context.add_init_script(RECORD_QUERIES)
    page = context.new_page()
    try:
        page.route("**/showcase-search-engine.js", lambda route: held.append(route))
        page.goto(demo_url)
        open_search(page)  # the engine is asked for, and held back here
        page.locator(FIELD).press_sequentially("社区治", delay=20)
        for _ in range(500):
            if held:
                break
            page.wait_for_timeout(20)
        assert len(held) == 1
        assert page.locator(DIALOG).get_attribute("data-state") == "busy"
        held[0].continue_()
        wait_answered(page, "社区治")
        page.locator(FIELD).press_sequentially("理", delay=20)
        wait_answered(page, "社区治理")
        # each query went to the engine once it came, in the order typed
        assert page.evaluate("searched") == ["社", "社区", "社区治", "社区治理"]
        assert page.locator(f"{RESULT_LINK} >> nth=0").get_attribute("href").endswith(POINT_PATH)
    finally:
        context.close()


def test_an_engine_that_cannot_be_fetched_is_asked_again(browser, demo_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.route("**/search/manifest.json", lambda route: route.abort())
        page.goto(demo_url)
        put(page, "社区")
        page.wait_for_function("document.querySelector('.sc-search').dataset.state === 'failed'")
        assert "网络" in page.locator(META).inner_text()
        page.unroute("**/search/manifest.json")
        put(page, "社区治理")
        wait_answered(page, "社区治理")
        assert page.locator(RESULT).count() > 0
    finally:
        context.close()


# --- a name found whole and by its parts ------------------------------------------------


NEW_NAME = "星河海豚守护促进会"
PART = "海豚"


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """The demo with one organisation renamed to a name whose parts occur nowhere else."""
    project = copy_site_inputs(tmp_path_factory.mktemp("search") / "project")
    path = project / "data" / "points" / "futian-vr-industry.yml"
    old = yaml.safe_load(path.read_text(encoding="utf-8"))["organisation"]["name"]
    path.write_text(path.read_text(encoding="utf-8").replace(old, NEW_NAME), encoding="utf-8")
    everything = "".join(p.read_text(encoding="utf-8") for p in project.rglob("*")
                         if p.is_file() and p.suffix in {".yml", ".md"})
    assert everything.count(PART) == everything.count(NEW_NAME) > 0, \
        "the part must occur only inside the new name"
    url, server = serve(build(project / "mkdocs.yml", project / "site"))
    yield url
    server.shutdown()


def test_an_organisation_is_found_whole_and_by_a_part_of_its_name(browser, renamed_site):
    page = browser.new_page()
    try:
        page.goto(renamed_site)
        for query in (NEW_NAME, PART):
            hrefs = search(page, query)
            assert [_path(h, renamed_site) for h in hrefs] == ["points/futian-vr-industry/"], query
    finally:
        page.close()


# --- what the results show is text, whatever the data holds (issue 14) --------------------
# A site whose data holds markup as text (valid data: the validator refuses tags) is built
# and searched for an ordinary word in Chromium.

WORD = "萤火虫"  # an ordinary word, found nowhere else in the data
HOSTILE_NAME = "\"'&lt;img src=x onerror=alert(1)&gt;&amp; <3 萤火虫阅读展示点"
HOSTILE_SUMMARY = "萤火虫课堂 &lt;svg onload=alert(2)&gt; \"' onmouseover='alert(3)' x='"
HOSTILE_EVENT = {
    "title": "萤火虫夜读会 &lt;script&gt;alert(4)&lt;/script&gt;", "kind": "festival",
    "date": dt.date(2024, 10, 12), "point": "baoan-reading-promotion",
    "description": "萤火虫 &lt;img src=x onerror=alert(5)&gt; Glow&Beam \"Lantern\" Moth's"}
# every element a result is made of: anything else was injected
RESULT_TAGS = {"li", "a", "span", "mark"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The demo with markup, as text, in a point's name and summary and an event's title
    and description: all valid data, each around the ordinary word WORD."""
    project = copy_site_inputs(tmp_path_factory.mktemp("hostile-search") / "project")
    point = project / "data" / "points" / "baoan-reading-promotion.yml"
    text = point.read_text(encoding="utf-8")
    for key, value in (("name", HOSTILE_NAME), ("summary", HOSTILE_SUMMARY)):
        text = re.sub(rf"(?m)^{key}: .*$", lambda _: f"{key}: " + json.dumps(
            value, ensure_ascii=False), text)
    point.write_text(text, encoding="utf-8")
    year = project / "data" / "years" / "2024.yml"
    programme = yaml.safe_load(year.read_text(encoding="utf-8"))
    programme["events"].append(HOSTILE_EVENT)
    year.write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    url, server = serve(build(project / "mkdocs.yml", project / "site"))
    yield url
    server.shutdown()


def test_markup_in_the_data_is_shown_as_text_in_the_results(browser, hostile_site):
    dialogs, requests = [], []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url)
            if urlsplit(request.url).path.endswith("/x") else None)
    try:
        page.goto(hostile_site)
        hrefs = search(page, WORD)
        assert len(hrefs) >= 2
        results = RESULTS
        tags = set(page.eval_on_selector_all(f"{results} *", "els => els.map(e => e.localName)"))
        assert tags <= RESULT_TAGS, tags - RESULT_TAGS
        attributes = page.eval_on_selector_all(
            f"{results} *", "els => els.flatMap(e => e.getAttributeNames())")
        assert set(attributes) <= {"class", "href", "data-schedule", "data-holidays",
                                   "data-strings", "hidden"}, set(attributes)
        names = page.locator(f"{results} .sc-result__name").all_text_contents()
        assert HOSTILE_NAME in names and HOSTILE_EVENT["title"] in names
        point = page.locator(RESULT).filter(has_text=HOSTILE_NAME)
        summary = point.locator(".sc-result__summary").text_content()  # one line of it
        assert HOSTILE_SUMMARY.startswith(summary.removesuffix("…"))
        assert "&lt;svg onload=alert(2)&gt; \"' onmouseover='alert(3)'" in summary
        assert WORD in point.locator(".sc-result__name mark").all_text_contents()
        page.wait_for_load_state("networkidle")  # an injected image would have asked by now
        assert dialogs == [] and requests == []
    finally:
        page.close()
