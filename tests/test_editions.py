"""The English edition under /en/ (issue 18): built with the site, every generated page
again in English, each linked to its Chinese twin and back; Material's own words, the
nav and the search in English; hreflang in the head and the sitemap without a failing
request; the print files not made twice; a fork without editions has no /en/."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from .conftest import DEMO_CONFIG, DEMO_DATA, FIXTURES, build, copy_site_inputs, site_url, soup
from .search_ui import FIELD, open_search, put, search, wait_answered
from .searching import ENGINE, SiteIndex

EN = "en/"
SITE_URL = site_url()
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
QUERIES = FIXTURES / "search_queries_en.yml"


def _pages(site: Path) -> set[str]:
    """Every page's URL path (``points/x/``), the permalinks' and the 404 page left out."""
    return {path.parent.relative_to(site).as_posix() + "/" if path.parent != site else ""
            for path in site.rglob("index.html")
            if not path.relative_to(site).as_posix().startswith("v/")}


def _chinese_generated(site: Path) -> set[str]:
    """The Chinese pages the generator makes: every page but the hand-written ones."""
    written = {path.relative_to(DEMO_CONFIG.parent / "../../content").as_posix()
               for path in (DEMO_CONFIG.parent / "../../content").rglob("*.md")}
    hand = {re.sub(r"(index)?\.md$", "", uri).replace("//", "/") for uri in written}
    hand = {uri if uri.endswith("/") or not uri else uri + "/" for uri in hand}
    # the editors' guide is the bureau's, in Chinese: its generated field reference too
    return {page for page in _pages(site) if not page.startswith((EN, "editors/"))
            and page not in hand}


def _switch(site: Path, page: str):
    found = soup(site, page).select("a.sc-language[hreflang][lang]")
    assert len(found) == 1, page
    return found[0]


def _label(link) -> tuple[str, ...]:
    """A switch's language, its name (read aloud and shown) and the short name a phone
    shows instead."""
    return (link["hreflang"], link["lang"], link["aria-label"],
            link.select_one(".sc-language__name").get_text(strip=True),
            link.select_one(".sc-language__short").get_text(strip=True))


def _target(page: str, href: str) -> str:
    """The URL path a relative link of *page* leads to."""
    return urlsplit(urljoin("http://x/" + page, href)).path.lstrip("/")


def test_every_chinese_page_has_its_english_twin_and_the_switch_links_both(demo_site):
    chinese = _chinese_generated(demo_site)
    assert len(chinese) > 100
    for page in sorted(chinese):
        assert (demo_site / EN / page / "index.html").is_file(), page
        there = _switch(demo_site, page)
        assert _label(there) == ("en", "en", "English", "English", "EN")
        assert _target(page, there["href"]) == EN + page
        back = _switch(demo_site, EN + page)
        assert _label(back) == ("zh-CN", "zh-CN", "中文", "中文", "中")
        assert _target(EN + page, back["href"]) == page


def test_a_page_without_english_switches_to_the_english_home(demo_site):
    for page in ("editors/", "editors/fields/"):  # the editors' guide is in Chinese only
        assert not (demo_site / EN / page / "index.html").exists()
        assert _target(page, _switch(demo_site, page)["href"]) == EN
    for page in ("visiting/", "about/"):  # content/en/ has these
        assert _target(page, _switch(demo_site, page)["href"]) == EN + page


@pytest.mark.parametrize("viewport", [{"width": 360, "height": 740},
                                      {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_the_switch_is_a_large_target_and_lands_on_the_same_record(browser, demo_url, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    own = urlsplit(demo_url).netloc
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc
               == own else route.abort())
    try:
        for start, lands in (("points/futian-vr-industry/", EN + "points/futian-vr-industry/"),
                             (EN + "points/futian-vr-industry/", "points/futian-vr-industry/")):
            page.goto(demo_url + start)
            switch = page.locator("a.sc-language")
            box = switch.bounding_box()
            assert switch.is_visible() and box["width"] >= 44 and box["height"] >= 44, box
            switch.click()
            page.wait_for_url(demo_url + lands)
            assert page.locator("html").get_attribute("lang") == ("zh" if start.startswith(EN)
                                                                   else "en")
    finally:
        context.close()


def test_english_pages_speak_english_around_the_data(demo_site):
    for page in ("", "points/", "points/futian-vr-industry/", "visiting/", "years/2024/"):
        html = soup(demo_site, EN + page)
        assert html.html["lang"] == "en", page
        assert html.select_one(".md-top").get_text(strip=True) == "Back to top", page
        assert html.select_one('meta[property="og:locale"]')["content"] == "en_GB"
        assert html.select_one('meta[property="og:locale:alternate"]')["content"] == "zh_CN"
        logo = html.select_one("a.md-logo")
        assert _target(EN + page, logo["href"]) == EN, page
    home = soup(demo_site, EN)
    english = yaml.safe_load((DEMO_CONFIG.parent / "../../theme/locales/en.yml").read_text(
        encoding="utf-8"))
    tabs = [a.get_text(" ", strip=True) for a in home.select("a.md-tabs__link")]
    assert tabs[0] == english["nav"]["home"]
    assert english["nav"]["projects"] in tabs and english["nav"]["cases"] in tabs
    assert "Visiting" in tabs
    for link in home.select("a.md-tabs__link"):  # each tab an English page
        assert _target(EN, link["href"]).startswith(EN), link
    assert soup(demo_site, EN + "visiting/").select_one("a.md-skip").get_text(strip=True) == \
        "Skip to content"
    chinese = soup(demo_site, "")
    assert chinese.html["lang"] == "zh"
    assert chinese.select_one(".md-top").get_text(strip=True) == "回到页面顶部"
    assert chinese.select_one('meta[property="og:locale"]')["content"] == "zh_CN"


def test_english_pages_link_english_pages_and_the_sites_own_files(demo_site):
    page = EN + "points/futian-vr-industry/"
    links = {_target(page, a["href"]) for a in soup(demo_site, page).select("article a[href]")
             if not urlsplit(a["href"]).scheme and not a["href"].startswith("#")}
    files = {link for link in links if not link.endswith("/")}
    assert "points/futian-vr-industry/qr.png" in files
    assert "points/futian-vr-industry/plaque.pdf" in files
    assert all(not link.startswith(EN) for link in files), files
    pages = links - files
    assert any(link.startswith(EN + "fields/") for link in pages), pages
    assert all(link.startswith(EN) for link in pages), pages


UNTRANSLATED = "futian-women-children"  # a point whose en: block a fork leaves out


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory) -> Path:
    """The demo with one point that has no English at all, built."""
    demo = copy_site_inputs(tmp_path_factory.mktemp("untranslated") / "project")
    record = demo / "data" / "points" / f"{UNTRANSLATED}.yml"
    lines, kept, inside = record.read_text(encoding="utf-8").splitlines(keepends=True), [], False
    for line in lines:  # the text without its top-level en: block (PyYAML would misread 9:30)
        inside = line.startswith("en:") or inside and not re.match(r"\S", line)
        if not inside:
            kept.append(line)
    record.write_text("".join(kept), encoding="utf-8")
    return build(demo / "mkdocs.yml", demo / "site")


def test_a_record_without_english_shows_its_chinese_marked_as_chinese(untranslated_site):
    record = yaml.safe_load((DEMO_DATA / "points" / f"{UNTRANSLATED}.yml").read_text(
        encoding="utf-8"))
    html = soup(untranslated_site, f"{EN}points/{UNTRANSLATED}/")
    assert html.html["lang"] == "en"
    assert html.select_one("article h1").select_one('[lang="zh-CN"]').get_text() == \
        record["name"]
    assert html.select_one('[data-md-component="header-topic"] .md-ellipsis')["lang"] == "zh-CN"
    assert html.title.get_text().startswith(record["name"] + " - ")  # no markup in a title
    first = record["description"].strip().splitlines()[0].strip("# ")
    assert [element for element in html.select('article div[lang="zh-CN"]')
            if first[:12] in element.get_text()], first
    # its card in the English search: its Chinese name
    cards = SiteIndex(untranslated_site / EN).cards
    assert [card[1] for card in cards if card[0] == f"points/{UNTRANSLATED}/"] == \
        [record["name"]]


def test_a_record_with_english_shows_it(demo_site):
    record = yaml.safe_load((DEMO_DATA / "points" / "futian-vr-industry.yml").read_text(
        encoding="utf-8"))
    if "en" not in record:
        pytest.skip("the demo's point has no English yet")
    html = soup(demo_site, EN + "points/futian-vr-industry/")
    heading = html.select_one("article h1")
    assert heading.get_text(strip=True) == record["en"]["name"]
    assert not heading.select("[lang]")
    assert "lang" not in html.select_one('[data-md-component="header-topic"] .md-ellipsis').attrs


def test_hreflang_links_and_the_sitemap_point_to_pages_of_each_language(demo_site):
    pages = _pages(demo_site)

    def page_of(href: str) -> str:
        assert href.startswith(SITE_URL), href
        path = href[len(SITE_URL):]
        assert path in pages, href
        return path

    for page in ("points/futian-vr-industry/", EN + "points/futian-vr-industry/", "visiting/"):
        links = soup(demo_site, page).select("link[hreflang]:not([type])")  # not the feed's
        assert all(link["rel"] == ["alternate"] for link in links)  # a set of tokens
        found = {link["hreflang"]: page_of(link["href"]) for link in links}
        chinese = page.removeprefix(EN)
        assert found == {"zh-CN": chinese, "en": EN + chinese, "x-default": chinese}
    assert not soup(demo_site, "editors/").select("link[hreflang]")  # no other language
    feed = soup(demo_site, EN).select_one('link[type="application/atom+xml"]')
    assert feed["hreflang"] == "zh-CN" and feed["rel"] == ["alternate", "feed"]

    tree = ET.parse(demo_site / "sitemap.xml")
    urls = tree.getroot().findall(f"{SITEMAP}url")
    listed = {page_of(url.find(f"{SITEMAP}loc").text): url for url in urls}
    assert EN + "points/futian-vr-industry/" in listed
    for page, url in listed.items():
        alternates = {link.get("hreflang"): page_of(link.get("href"))
                      for link in url.findall(f"{XHTML}link") if link.get("rel") == "alternate"}
        if page.startswith("editors/"):
            assert alternates == {}, page
            continue
        chinese = page.removeprefix(EN)
        assert alternates == {"zh-CN": chinese, "en": EN + chinese, "x-default": chinese}, page


def test_the_english_edition_makes_no_second_print_file(demo_site):
    english = demo_site / EN
    made = [path.relative_to(english).as_posix() for path in english.rglob("*")
            if path.is_file() and not path.relative_to(english).as_posix().startswith("search/")]
    assert made and all(name.endswith("index.html") for name in made), \
        [name for name in made if not name.endswith("index.html")]


def _sitemaps(requests: list[str]) -> list[str]:
    """The sitemaps asked for other than the site's own, at its root (the demo is served
    under its site_url's path; its hreflang links name its site_url's host)."""
    own = urlsplit(SITE_URL).path + "sitemap.xml"
    return [url for url in requests
            if urlsplit(url).path.endswith("/sitemap.xml") and urlsplit(url).path != own]


def _visit(browser, demo_url, paths, rewrite=None):
    """Open *paths* of the demo; the requests made, and those that failed or got an
    error. Other hosts are refused (the map tiles), as in tests/test_browser.py."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    requests, failed = [], []
    own = urlsplit(demo_url).netloc

    def route(route):
        if urlsplit(route.request.url).netloc != own:
            return route.abort()
        if rewrite and route.request.resource_type == "document":
            response = route.fetch()
            return route.fulfill(response=response, body=rewrite(response.text()))
        return route.continue_()

    page.route("**/*", route)
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url)
            if urlsplit(request.url).netloc == own else None)
    page.on("response", lambda response: failed.append(response.url)
            if response.status >= 400 else None)
    try:
        for path in paths:
            page.goto(demo_url + path, wait_until="networkidle")
    finally:
        context.close()
    return requests, failed


def test_no_request_of_an_english_page_fails(browser, demo_url):
    requests, failed = _visit(browser, demo_url, [
        EN, EN + "points/futian-vr-industry/", EN + "map/", EN + "visiting/",
        "points/futian-vr-industry/"])
    assert failed == []
    assert _sitemaps(requests) == []


def test_the_request_check_sees_what_exact_rel_alternate_links_would_ask(browser, demo_url):
    """The test above can fail: the same page with rel="alternate" written exactly makes
    Material's script ask for a sitemap beside each language's page (a 404 there)."""
    requests, _ = _visit(browser, demo_url, [EN + "points/futian-vr-industry/"],
                         lambda html: html.replace('rel="alternate "', 'rel="alternate"'))
    assert SITE_URL + EN + "points/futian-vr-industry/sitemap.xml" in _sitemaps(requests)


def test_english_search_finds_english_and_its_dialog_speaks_english(browser, demo_url,
                                                                     demo_site):
    assert (demo_site / EN / "search" / "manifest.json").is_file()
    queries = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    page = browser.new_page()
    try:
        page.goto(demo_url + EN + "about/")
        page.add_script_tag(url=demo_url + ENGINE)
        ranked = page.evaluate("""async ([base, queries]) => {
          const engine = window.showcaseSearchEngine.open(base);
          const out = [];
          for (const query of queries) {
            const answer = await engine.search(query);
            out.push(answer.results.map(r => r.url.split('#')[0]));
          }
          return out;
        }""", [demo_url + EN, [q["query"] for q in queries]])
        config = page.evaluate(
            "() => JSON.parse(document.getElementById('sc-search-config').textContent)")
    finally:
        page.close()
    misses = [(q["query"], q["expect"], found[:3]) for q, found in zip(queries, ranked)
              if not found or found[0] != q["expect"]]
    assert misses == []
    assert _target(EN + "about/", config["base"]) == EN
    english = yaml.safe_load((DEMO_CONFIG.parent / "../../theme/locales/en.yml").read_text(
        encoding="utf-8"))
    assert config["strings"]["close"] == english["search"]["close"]


def test_the_dialog_on_an_english_page_searches_in_english(browser, demo_url):
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    try:
        page.goto(demo_url + EN + "visiting/")
        english = page.evaluate(  # en.yml's, in the programme's English words
            "() => JSON.parse(document.getElementById('sc-search-config').textContent)")["strings"]
        assert english["placeholder"].startswith("Search ")
        open_search(page)
        assert page.locator(FIELD).get_attribute("placeholder") == english["placeholder"]
        found = search(page, "International Exchange Showcase Point")
        assert found[0] == demo_url + EN + "points/nanshan-international-exchange/"
        assert all(url.startswith(demo_url + EN) for url in found)
        put(page, "饕餮鑫淼")
        wait_answered(page, "饕餮鑫淼")
        assert page.locator(".sc-search__none-text").inner_text() == \
            english["none"].format(query="饕餮鑫淼")
    finally:
        context.close()
    indexes = {url.split("/search/")[0] + "/" for url in asked if "/search/" in url}
    assert indexes == {demo_url + EN}  # the English index only


def test_mkdocs_build_strict_passes_with_the_edition(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(DEMO_CONFIG),
         "-d", str(tmp_path / "site")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / EN / "index.html").is_file()


def test_a_fork_without_editions_has_no_english(fixture_site, tmp_path):
    assert not (fixture_site / EN).exists()
    home = soup(fixture_site, "")
    assert not home.select("a.sc-language") and not home.select("link[hreflang]")
    assert "xhtml:link" not in (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    # the demo with its editions line taken out: content/en/ is there, but no /en/
    demo = copy_site_inputs(tmp_path / "project")
    config = demo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      editions: [en]" in text
    config.write_text("".join(line for line in text.splitlines(keepends=True)
                              if not line.startswith("      editions:")), encoding="utf-8")
    site = build(config, demo / "site")
    assert (demo.parent.parent / "content" / "en" / "visiting.md").is_file()
    assert not (site / EN).exists()
    assert not soup(site, "points/").select("a.sc-language")


@pytest.mark.parametrize("path", ["", "points/futian-vr-industry/", "visiting/", "open-data/"])
def test_english_pages_pass_axe(browser, demo_url, path):
    from .test_accessibility import open_screen, report, run_axe, settle

    context, page = open_screen(browser, demo_url, "phone")
    try:
        settle(page, demo_url + EN + path)
        violations = run_axe(page)
    finally:
        context.close()
    assert not violations, report(violations, EN + path)
