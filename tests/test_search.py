"""Search: the records' pages are indexed from their data, Chinese segmented with jieba,
names whole and by their parts; queries typed into the real search box find them."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil

import pytest
import yaml

from generator.search import ESCAPED_SEPARATOR, ZWSP, Entry, html_text, plain_text, segment

from .conftest import DEMO_DATA, FIXTURES, ROOT, build, copy_site_inputs, run_cli, serve


def _records(kind: str) -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO_DATA / kind).glob("*.yml"))}


def _index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def _words(field: str) -> list[str]:
    return [word for word in re.split(r"[\s\u200b]+", field) if word]


def test_every_record_page_has_one_entry_made_from_its_data(demo_site):
    docs = _index(demo_site)["docs"]
    expected = {f"points/{id_}/": p["name"] for id_, p in _records("points").items()}
    expected |= {f"projects/{id_}/": p["name"] for id_, p in _records("projects").items()}
    expected |= {f"cases/{id_}/": c["title"] for id_, c in _records("cases").items()}
    on_record_pages = [doc for doc in docs if doc["location"].split("#")[0] in expected]
    # one entry per record page, none for its sections: Material did not parse its HTML
    assert sorted(doc["location"] for doc in on_record_pages) == sorted(expected)
    for doc in on_record_pages:
        assert doc["title"].replace(ZWSP, "") == expected[doc["location"]]


def test_a_point_entry_holds_its_words_and_not_the_page_furniture(demo_site):
    docs = {doc["location"]: doc for doc in _index(demo_site)["docs"]}
    for id_, point in _records("points").items():
        doc = docs[f"points/{id_}/"]
        text = doc["text"].replace(ZWSP, "")
        assert point["summary"] in text
        assert point["location"]["address"] in text
        # the organisation's name is one word of the text: the data taught it to jieba
        assert point["organisation"]["name"] in _words(doc["text"]), id_
        # what the page shows around the data (plaque, QR code, booking table) is not text
        for furniture in ("铭牌", "二维码", "/v/"):
            assert furniture not in text, (id_, furniture)


def test_the_parts_of_a_long_name_are_indexed_in_a_field_the_results_do_not_show(demo_site):
    index = _index(demo_site)
    assert index["config"]["fields"]["parts"] == {"boost": 1.0}
    docs = {doc["location"]: doc for doc in index["docs"]}
    point = _records("points")["futian-vr-industry"]
    name = point["organisation"]["name"]
    doc = docs["points/futian-vr-industry/"]
    parts = _words(doc["parts"])
    # the words inside the name, each a word of its own, and never the whole name again
    assert {"虚拟", "现实", "产业", "促进", "促进会"} <= set(parts)
    shown = (doc["title"] + doc["text"]).replace(ZWSP, "")
    assert name not in parts and all(part in shown for part in parts)


def test_hand_written_pages_are_still_indexed_by_material(demo_site):
    docs = _index(demo_site)["docs"]
    pages = {path.relative_to(ROOT / "content").with_suffix("").as_posix()
             for path in (ROOT / "content").rglob("*.md")}
    located = {doc["location"].split("#")[0].rstrip("/") for doc in docs}
    assert {page.removesuffix("/index").removesuffix("index") for page in pages} <= located


def test_segment_splits_chinese_runs_and_leaves_other_text_alone():
    text, parts = segment("预约参观 VR 体验馆，电话 0755-1234")
    assert text.split(ZWSP)[0] == "预约" and "VR" in text and "0755-1234" in text
    assert text.replace(ZWSP, "") == "预约参观 VR 体验馆，电话 0755-1234"


def test_plain_text_keeps_the_words_of_markdown_and_drops_its_markup_and_addresses():
    markdown = ("## 背景\n\n- 第一项 **重点**\n1. 见[区民政局网站](https://example.org/a)"
                "与 <https://example.org/b>\n> 引文 `代码` &amp; 其他")
    assert plain_text(markdown) == "背景 第一项 重点 见区民政局网站与 引文 代码 & 其他"


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


NEW_NAME = "星河海豚守护促进会"
PART = "海豚"
FIELD = "input.md-search__input"


def _enter_whole(page, query: str) -> None:
    """Puts *query* in the search box at once, as a paste or an input method's choice
    does: one input event and no key, so no part of it is ever searched on its own."""
    page.locator(FIELD).click()
    page.keyboard.insert_text(query)


def _search(browser, url: str, query: str) -> tuple[str, list[str], list[str]]:
    page = browser.new_page()
    try:
        page.goto(url)
        _enter_whole(page, query)
        # Material writes the count and the list in one task: the list is there with it
        page.wait_for_function(
            "() => /\\d|没有/.test(document.querySelector('.md-search-result__meta').innerText)")
        meta = page.locator(".md-search-result__meta").inner_text()
        items = page.locator(".md-search-result__item > a article h1")
        titles = [t.replace(ZWSP, "") for t in items.all_inner_texts()]
        texts = [t.replace(ZWSP, "") for t in
                 page.locator(".md-search-result__item > a article").all_inner_texts()]
        return meta, titles, texts
    finally:
        page.close()


def test_a_name_is_found_whole_and_by_its_parts_in_the_search_box(browser, renamed_site):
    _, titles, texts = _search(browser, renamed_site, NEW_NAME)
    assert "虚拟现实产业交流服务展示点" in titles
    text = texts[titles.index("虚拟现实产业交流服务展示点")]
    # the text shown reads as written: the name once, not followed by its parts
    assert NEW_NAME in text and "海豚守护" not in text.replace(NEW_NAME, "")
    _, titles, _ = _search(browser, renamed_site, PART)
    assert titles == ["虚拟现实产业交流服务展示点"]


@pytest.mark.parametrize("query, expected", [
    ("社会组织", "社会组织党建引领交流服务展示点"),
    ("预约参观", "参观指南"),
    ("莲花街道", "公益慈善交流服务展示点"),
])
def test_words_inside_sentences_are_found(browser, demo_url, query, expected):
    _, titles, _ = _search(browser, demo_url, query)
    assert expected in titles


def test_a_query_for_what_is_nowhere_finds_nothing(browser, demo_url):
    query = "火星移民"
    assert not any(query in p.read_text(encoding="utf-8")
                   for p in list((DEMO_DATA).rglob("*.yml")) + list((ROOT / "content").rglob("*.md")))
    meta, titles, _ = _search(browser, demo_url, query)
    assert titles == [] and meta == "没有找到符合条件的结果"


def _year_pages() -> dict[str, dict]:
    """Each year page's location, with its events (by anchor) as the YAML has them."""
    points = _records("points")
    pages: dict[str, dict] = {f"years/{p['award']['year']}/": {} for p in points.values()}
    for stem, programme in _records("years").items():
        events: dict[str, dict] = {}
        seen: dict[str, int] = {}
        for event in programme.get("events") or []:  # anchors: e<date>, -2 for a second
            day = f"e{event['date']:%Y%m%d}"
            seen[day] = seen.get(day, 0) + 1
            events[day if seen[day] == 1 else f"{day}-{seen[day]}"] = event
        pages[f"years/{stem}/"] = events
    return pages


def test_a_year_page_has_an_entry_and_each_of_its_events_a_section(demo_site):
    docs = _index(demo_site)["docs"]
    pages = _year_pages()
    points = _records("points")
    on_year_pages = [doc for doc in docs if doc["location"].split("#")[0] in pages]
    expected = sorted([*pages, *(f"{page}#{anchor}" for page, events in pages.items()
                                 for anchor in events)])
    # Material parsed none of these pages: no section but the events'
    assert sorted(doc["location"] for doc in on_year_pages) == expected
    for doc in on_year_pages:
        page, _, anchor = doc["location"].partition("#")
        if not anchor:
            assert doc["title"].replace(ZWSP, "") == f"{page.split('/')[1]} 年度"
            continue
        event = pages[page][anchor]
        assert doc["title"].replace(ZWSP, "") == event["title"]
        text = doc["text"].replace(ZWSP, "")
        venue = points[event["point"]]["name"] if event.get("point") else event["venue"]
        assert venue in text
        assert plain_text(event.get("description") or "") in text
        assert (demo_site / page / "index.html").read_text(encoding="utf-8").count(
            f'id="{anchor}"') == 1


def test_an_event_is_found_in_the_search_box_and_leads_to_its_place(browser, demo_url):
    page_path, events = next((page, events) for page, events in _year_pages().items() if events)
    anchor, event = next(iter(events.items()))
    page = browser.new_page()
    try:
        page.goto(demo_url)
        _enter_whole(page, event["title"])
        # Material puts ?h=<query> before the anchor (search.highlight)
        link = page.locator(f'.md-search-result a[href*="/{page_path}"][href$="#{anchor}"]').first
        link.wait_for()
        link.click()
        page.wait_for_url(lambda url: f"/{page_path}" in url and url.endswith(f"#{anchor}"))
        assert event["title"] in page.locator(f"#{anchor}").inner_text()
    finally:
        page.close()


# --- what reaches the field without a key ----------------------------------------------
# Material searches on keyup; a paste, an input method's choice on many phones, or
# dictation changes the field with an input event and no key. theme/…/showcase-search.js
# announces each change as a keyup. Every query Material sends to its search worker is
# recorded, so a test knows what was searched, not only what the list shows.

RECORD_QUERIES = """
window.searched = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message) {
  if (message && typeof message.data === "string") window.searched.push(message.data);
  return post.apply(this, arguments);
};
"""
POINT_LINK = '.md-search-result a[href*="/points/baoan-community-governance/"]'
POINT_NAME = "社区治理交流服务展示点"  # that point's name: what a visitor would paste


def _recording_page(browser):
    """A page in a fresh context whose queries to the search worker land in `searched`."""
    context = browser.new_context()
    context.add_init_script(RECORD_QUERIES)
    return context.new_page()


@pytest.fixture
def search_page(browser, demo_url):
    """The demo's home page, with every query sent to the search worker recorded, after
    "VR" was typed key by key and searched (the index is loaded and the worker ready)."""
    page = _recording_page(browser)
    page.goto(demo_url)
    page.locator(FIELD).click()
    page.locator(FIELD).press_sequentially("VR", delay=20)
    page.locator('.md-search-result a[href*="/points/futian-vr-industry/"]').first.wait_for()
    assert page.evaluate("searched").pop() == "VR"
    assert page.locator(POINT_LINK).count() == 0
    page.locator(FIELD).select_text()
    yield page
    page.context.close()


def test_a_name_pasted_into_the_search_box_is_searched(search_page):
    search_page.keyboard.insert_text(POINT_NAME)  # the paste: an input event, no key
    search_page.locator(POINT_LINK).first.wait_for(timeout=10000)
    assert search_page.evaluate("searched").pop() == POINT_NAME


def test_a_name_chosen_in_an_input_method_is_searched_and_its_pinyin_is_not(search_page):
    """Chromium's own input-method events, driven over CDP: the pinyin is composed in the
    field, then the characters chosen replace it."""
    ime = search_page.context.new_cdp_session(search_page)
    ime.send("Input.imeSetComposition", {"text": "shequ", "selectionStart": 5,
                                         "selectionEnd": 5})
    assert search_page.locator(FIELD).input_value() == "shequ"
    ime.send("Input.insertText", {"text": POINT_NAME})  # the choice ends the composition
    search_page.locator(POINT_LINK).first.wait_for(timeout=10000)
    searched = search_page.evaluate("searched")
    assert searched.pop() == POINT_NAME
    assert "shequ" not in searched


def test_a_query_typed_while_the_index_loads_is_searched_to_its_last_character(browser,
                                                                                 demo_url):
    """The index arrives after the first two characters: Material searches what the field
    held then, and from there on only what a keyup announces."""
    title = _year_pages()["years/2022/"]["e20220715"]["title"]  # its result is a section
    link = '.md-search-result a[href*="/years/2022/"][href$="#e20220715"]'
    held = []
    page = _recording_page(browser)
    try:
        page.route("**/search/search_index.json", lambda route: held.append(route))
        page.goto(demo_url)
        page.locator(FIELD).click()  # the index is asked for, and held back here
        page.locator(FIELD).press_sequentially(title[:2], delay=20)
        for _ in range(500):  # the request may reach the route a moment after the keys
            if held:
                break
            page.wait_for_timeout(20)
        assert len(held) == 1 and page.evaluate("searched") == []
        held[0].continue_()
        page.wait_for_function("searched.length > 0")
        assert page.evaluate("searched") == [title[:2]]
        page.locator(FIELD).press_sequentially(title[2:], delay=20)
        page.locator(link).first.wait_for(timeout=10000)
        assert page.evaluate("searched") == [title[:n] for n in range(2, len(title) + 1)]
    finally:
        page.context.close()


# --- what the search box shows is text, whatever the data holds (issue 14) -------------------
# Material writes an entry's title and text into the results as HTML. A site whose data
# holds markup as text is built and searched for an ordinary word in Chromium.

WORD = "萤火虫"  # an ordinary word, found nowhere else in the data
HOSTILE_NAME = "\"'&lt;img src=x onerror=alert(1)&gt;&amp; <3 萤火虫阅读展示点"
HOSTILE_BODY = "萤火虫课堂 &lt;svg onload=alert(2)&gt; &lt;script&gt;alert(3)&lt;/script&gt;"
HOSTILE_EVENT = {
    "title": "萤火虫夜读会", "kind": "festival", "date": dt.date(2024, 10, 12),
    "point": "baoan-reading-promotion",
    "description": "萤火虫 &lt;img src=x onerror=alert(4)&gt; Glow&Beam \"Lantern\" Moth's"}
# what a reader sees of them on the pages, so in the results too
SHOWN_BODY = "萤火虫课堂 <svg onload=alert(2)> <script>alert(3)</script>"
SHOWN_EVENT = "萤火虫 <img src=x onerror=alert(4)> Glow&Beam \"Lantern\" Moth's"
# every element Material's results are made of: anything else was injected
MATERIAL_RESULT_TAGS = {"li", "a", "article", "div", "h1", "h2", "p", "mark", "details",
                        "summary", "nav", "span", "del"}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """The demo with markup, as text, in a point's name, a case's body and an event's
    description: all three valid data, each around the ordinary word WORD."""
    project = copy_site_inputs(tmp_path_factory.mktemp("hostile-search") / "project")
    point = project / "data" / "points" / "baoan-reading-promotion.yml"
    point.write_text(re.sub(r"(?m)^name: .*$", lambda _: "name: " + json.dumps(
        HOSTILE_NAME, ensure_ascii=False), point.read_text(encoding="utf-8")), encoding="utf-8")
    case = project / "data" / "cases" / "chip-talent-open-class.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "body: |\n", f"body: |\n  {HOSTILE_BODY}\n\n"), encoding="utf-8")
    year = project / "data" / "years" / "2024.yml"
    programme = yaml.safe_load(year.read_text(encoding="utf-8"))
    programme["events"].append(HOSTILE_EVENT)
    year.write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    everything = "".join(p.read_text(encoding="utf-8") for p in project.rglob("*")
                         if p.is_file() and p.suffix in {".yml", ".md"})
    assert everything.count(WORD) == 4, "the word must occur only in the three records"
    site = build(project / "mkdocs.yml", project / "site")
    url, server = serve(site)
    yield site, url
    server.shutdown()


def test_html_text_writes_markup_as_text_and_entries_are_written_only_through_it():
    entry = Entry("points/x/", HOSTILE_NAME, "<svg onload=alert(1)> & 'a' \"b\"", "<p>")
    doc = entry.as_json()
    assert doc == {"location": "points/x/", "title": html_text(HOSTILE_NAME),
                   "text": "&lt;svg onload=alert(1)&gt; &amp; &#x27;a&#x27; &quot;b&quot;",
                   "parts": "&lt;p&gt;"}
    for field in ("title", "text", "parts"):
        assert not set("<>\"'") & set(doc[field])
        assert html.unescape(doc[field]) == getattr(entry, field)


def test_the_index_holds_the_records_as_text_and_splits_words_at_references(hostile_site):
    site, _ = hostile_site
    index = _index(site)
    assert index["config"]["separator"].startswith(ESCAPED_SEPARATOR + "|")
    docs = {doc["location"]: doc for doc in index["docs"]}
    point = docs["points/baoan-reading-promotion/"]
    assert html.unescape(point["title"]).replace(ZWSP, "") == HOSTILE_NAME
    assert SHOWN_BODY in html.unescape(docs["cases/chip-talent-open-class/"]["text"]).replace(
        ZWSP, "")
    for doc in docs.values():
        if re.match(r"(points|projects|cases|years)/[^/]+/", doc["location"]):  # ours
            assert "<" not in doc["title"] + doc["text"] + doc.get("parts", ""), doc["location"]
    separator = re.compile(index["config"]["separator"])  # as the search box splits words
    event = next(doc for doc in docs.values()
                 if doc["title"].replace(ZWSP, "") == HOSTILE_EVENT["title"])
    words = [w for w in separator.split(event["text"]) if w]
    assert {"Glow", "Beam", "Lantern", "Moth", "s", "img", "src=x"} <= set(words)


def _hostile_search(browser, url: str, query: str):
    """The results of *query* on the hostile site, with every dialog that opened and
    every request that left for an injected image's address."""
    dialogs, requests = [], []
    page = browser.new_page()
    page.set_default_timeout(10000)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url)
            if request.url.endswith("/x") else None)
    page.goto(url)
    _enter_whole(page, query)
    page.wait_for_function(
        "() => /\\d|没有/.test(document.querySelector('.md-search-result__meta').innerText)")
    return page, dialogs, requests


EVENT_LINK = '.md-search-result a[href*="/years/2024/"][href$="#e20241012"]'  # ?h= between
POINT_RESULT = '.md-search-result a[href*="/points/baoan-reading-promotion/"]'
CASE_RESULT = '.md-search-result a[href*="/cases/chip-talent-open-class/"]'


def _result(page, link: str) -> str:
    """The text of the result a link selector picks, as shown (U+200B aside)."""
    return page.locator(f"{link} article").first.inner_text().replace(ZWSP, "")


def test_markup_in_the_data_is_shown_as_text_in_the_search_box(browser, hostile_site):
    _, url = hostile_site
    page, dialogs, requests = _hostile_search(browser, url, WORD)
    try:
        results = ".md-search-result__list"
        tags = set(page.eval_on_selector_all(f"{results} *", "els => els.map(e => e.localName)"))
        assert tags <= MATERIAL_RESULT_TAGS, tags - MATERIAL_RESULT_TAGS
        attributes = page.eval_on_selector_all(
            f"{results} *", "els => els.flatMap(e => e.getAttributeNames())")
        assert not [name for name in attributes if name.startswith("on")]
        assert page.locator(f"{results} mark").count() >= 3  # each result marks the word
        assert HOSTILE_NAME in _result(page, POINT_RESULT)
        assert SHOWN_BODY in _result(page, CASE_RESULT)
        assert SHOWN_EVENT in _result(page, EVENT_LINK)
        # the page a result leads to marks the word (search.highlight) and runs nothing
        page.locator(CASE_RESULT).first.click()
        page.wait_for_url("**/cases/chip-talent-open-class/?h=*")
        page.locator("article mark[data-md-highlight]").first.wait_for()
        assert page.locator("article svg[onload], article script:not([type])").count() == 0
        page.wait_for_load_state("networkidle")  # an injected image would have asked by now
        assert dialogs == [] and requests == []
    finally:
        page.close()


@pytest.mark.parametrize("query, word", [
    ("Beam", "Beam"), ("Glow&Beam", "Glow"), ("Lantern", "Lantern"), ("Moth's", "Moth")])
def test_a_word_beside_an_escaped_character_is_found_and_marked_whole(browser, hostile_site,
                                                                      query, word):
    _, url = hostile_site
    page, dialogs, _ = _hostile_search(browser, url, query)
    try:
        text = _result(page, EVENT_LINK)
        assert SHOWN_EVENT in text  # no reference cut by a <mark>: the text reads as written
        marked = set(page.locator(f"{EVENT_LINK} mark").all_inner_texts())
        # whole words only ("s", from Moth's, also marks the words it begins: src=x)
        assert word in marked and marked <= {"Glow", "Beam", "Lantern", "Moth", "s", "src=x"}
        assert dialogs == []
    finally:
        page.close()


def test_the_names_of_references_are_not_words(browser, hostile_site):
    _, url = hostile_site
    page, _, _ = _hostile_search(browser, url, "quot")
    try:
        assert page.locator(EVENT_LINK).count() == 0
    finally:
        page.close()


# --- a delisted point's visiting arrangements are not published (issue 14) ---------------


def _visit_texts(point: dict) -> list[str]:
    """The words of a point's visiting arrangements that a search entry could hold."""
    visit = point.get("visit") or {}
    booking = visit.get("booking") or {}
    return [text for text in (visit.get("closed_note"), visit.get("accessibility"),
                              visit.get("directions"), booking.get("note"),
                              booking.get("wechat")) if text]


def test_a_delisted_point_entry_leaves_out_its_visiting_arrangements(demo_site):
    docs = {doc["location"]: doc for doc in _index(demo_site)["docs"]}
    statuses = set()
    for id_, point in _records("points").items():
        text = docs[f"points/{id_}/"]["text"].replace(ZWSP, "")
        visit = _visit_texts(point)
        statuses.add((point["status"], bool(visit)))
        if point["status"] == "delisted":
            assert [t for t in visit if t in text] == [], id_
            assert point["delisted"]["reason"] in text  # what its page says instead
        else:  # an awarded point's are there: the test can fail
            assert [t for t in visit if t not in text] == [], id_
    assert {("delisted", True), ("awarded", True)} <= statuses


def test_another_citys_build_in_the_same_process_changes_no_segmentation(tmp_path):
    """The data's names join jieba's dictionary, which lives as long as the process: a
    demo built right after another city (as `showcase serve` rebuilds, or the tests build
    one city after another) is indexed as a demo built alone, in a fresh process."""
    alone = copy_site_inputs(tmp_path / "alone")
    assert run_cli("build", cwd=alone).returncode == 0
    county = tmp_path / "county"
    shutil.copytree(FIXTURES / "county", county / "tests" / "fixtures" / "county")
    shutil.copytree(ROOT / "theme", county / "theme")
    build(county / "tests" / "fixtures" / "county" / "mkdocs.yml", county / "site")
    after = copy_site_inputs(tmp_path / "after")
    build(after / "mkdocs.yml", after / "site")
    index = "search/search_index.json"
    assert (after / "site" / index).read_bytes() == (alone / "site" / index).read_bytes()
