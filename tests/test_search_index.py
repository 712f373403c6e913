"""The search index (generator/searchindex.py) and the engine that reads it in the browser
(theme/…/showcase-search-engine.js): the two make the same tokens, the index's files are
plain JSON whatever the data holds, and a query fetches only what it needs."""

from __future__ import annotations

import json
import shutil
from urllib.parse import urlsplit

import pytest
from pypinyin import Style, lazy_pinyin

from generator.mkdocs_plugin import page_keywords, search_boost
from generator.searchindex import (
    EXACT, OTHER_NAME, RELATED, WEIGHTS, Card, Document, Thesaurus, compact, files, fnv1a,
    pinyin_tokens, postings, tokens,
)
from generator.vocabulary import DEFAULT

from .conftest import ROOT, base_path, serve
from .searching import SiteIndex

ENGINE_FILE = ROOT / "theme" / "overrides" / "assets" / "javascripts" / "showcase-search-engine.js"
ENGINE = "assets/javascripts/showcase-search-engine.js"

TRICKY = [
    "华强北路1688号",
    "ＶＲ／ＡＲ终端１２３",  # full-width letters, digits and slash
    "芯片EDA设计2024年chip design",
    "𠀾",  # extension B, a surrogate pair in JavaScript
    "深圳𠀾𠀾社区𪚥",
    "𰻞𰻞面馆",  # extension G
    "🚇地铁1号线🚇华强路站👍",
    "「公益」·慈善——交流！？（2025）",
    "Café déjà-vu İstanbul ẞ",
    "①②③ Ⅻ ﬁle \u212a",  # compatibility forms NFKC rewrites (the last: the Kelvin sign)
    "〇一二三",  # 〇 is not in the ideograph blocks
    "豈更車",  # compatibility ideographs
    "x",
    "社",
    "",
    "  \t\n",
    "a1b2 C3",
    "\"><img src=x onerror=alert(1)></script>",
    # English: plurals, stop words, apostrophes, capitals, hyphens
    "The Cities of Shenzhen and Hong Kong",
    "Classes, boxes, churches, wishes; campus, address, analysis, bus, news and series",
    "Bao'an District, Nan’ao Subdistrict, Xinʼan and Ｘｉｎ＇ａｎ",
    "Women and Children's Rights · Shenzhen's Jewellery Designers",
    "LOW-CARBON Living, e-Commerce, Shenzhen–Hong Kong, Party-Led",
    "A Point to Visit, at 5/F, by Bus on Sundays with a Guide for all, in English",
    "A栋the中心 of创新 2024s 1990's VR's",  # a stop word touching Chinese stays
    "𠀾a𠀾 the𠀾 𠀾the x the 𪚥",  # touching Chinese beyond the BMP (a surrogate pair)
    "rock'n'roll ' s's 'tis o' '",
]

NAMES = [  # names spoken in pinyin, as a visitor types them
    "虚拟现实产业交流服务展示点",
    "精密仪器",
    "深圳市集成电路设计行业协会",
    "客家山歌进社区",
    "重庆路",  # a character read by its phrase: chong
    "长安𠀾村",
    # letters that split into syllables in more than one way: xianjiedao is xian jie dao
    # or xi an jie dao (西安街道's own, whose pairs the index holds: xian, anjie, jiedao)
    "西安街道",
    "新安街道",  # xinanjiedao: xi nan jie dao, or xin an jie dao
]


def spoken(text: str) -> list[str]:
    return [s for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s.isalpha()]


def open_engine(page, site: str, path: str = "") -> None:
    """Opens the page at *path* of the site at *site* with the engine's script loaded."""
    page.goto(site + path)
    if not page.evaluate("() => !!window.showcaseSearchEngine"):  # the UI loads it on demand
        page.add_script_tag(url=site + ENGINE)


@pytest.fixture(scope="module")
def engine_page(browser):
    """A blank page with the engine's script and nothing else."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>engine</title>")
    page.add_script_tag(content=ENGINE_FILE.read_text(encoding="utf-8"))
    yield page
    page.close()


# --- Python and JavaScript make the same tokens ------------------------------------------


def test_tokens_compact_and_hashes_agree_with_the_engine(engine_page):
    js = engine_page.evaluate("""texts => texts.map(text => {
        const e = window.showcaseSearchEngine, tokens = e.tokens(text);
        return {tokens, compact: e.compact(text), hashes: tokens.concat([text]).map(e.fnv1a)};
    })""", TRICKY)
    for text, got in zip(TRICKY, js):
        assert set(got["tokens"]) == tokens(text), text
        assert len(got["tokens"]) == len(set(got["tokens"])), text
        assert got["compact"] == compact(text), text
        assert got["hashes"] == [fnv1a(t) for t in got["tokens"] + [text]], text


ENGLISH = [  # text, its tokens
    ("Showcase Points", {"showcase", "point"}),
    ("cities families activities ties", {"city", "family", "activity", "tie"}),
    ("classes addresses boxes churches wishes", {"class", "address", "box", "church", "wish"}),
    ("campus status analysis business gas news series", {
        "campus", "status", "analysis", "business", "gas", "news", "series"}),
    ("The Museum of the Sea and a Garden for All", {"museum", "sea", "garden", "all"}),
    ("Bao'an District", {"bao", "baoan", "district"}),
    ("Nan’ao", {"nan", "ao", "nanao"}),
    ("Children's Rights", {"children", "right"}),
    ("Low-Carbon", {"low", "carbon"}),
    ("智造产业园A栋", {"智造", "造产", "产业", "业园", "a", "栋"}),
]


@pytest.mark.parametrize("text, expected", ENGLISH)
def test_english_words_are_indexed_singular_without_stop_words_and_joined(text, expected):
    assert tokens(text) == expected


def test_a_word_s_beginnings_of_three_to_six_letters_are_prefix_tokens():
    assert tokens("Jewellery", prefixes=True) == {
        "jewellery", "^jew", "^jewe", "^jewel", "^jewell"}
    assert tokens("exchanges", prefixes=True) == {  # the word's and its singular's
        "exchange", "^exc", "^exch", "^excha", "^exchan"}
    assert tokens("cities", prefixes=True) >= {"^citi", "^citie", "^cit"}
    assert tokens("VR 2024 art", prefixes=True) == {"vr", "2024", "art"}  # a word whole


PREFIXED = [("jewel", "Jewellery Design Centre"), ("exch", "International Exchange"),
            ("Bao'a", "Bao'an District"), ("chip desig", "Chip Design Showcase Point"),
            ("how to book", "How to visit: booking"), ("Nan'", "Nan'ao"), ("EXCHAN", "exchanges")]


def test_the_last_word_typed_is_read_as_a_beginning_the_index_holds(engine_page):
    read = engine_page.evaluate("""queries => queries.map(q =>
        (window.showcaseSearchEngine.readings(q, {}).find(r => r.name === 'prefix') || {}).tokens)""",
                                [query for query, _ in PREFIXED])
    for (query, name), asked in zip(PREFIXED, read):
        assert asked, query
        assert set(asked) <= tokens(name, prefixes=True), (query, set(asked) - tokens(name, prefixes=True))
    none = engine_page.evaluate("""queries => queries.map(q => window.showcaseSearchEngine
        .readings(q, {}).some(r => r.name === 'prefix'))""", ["vr", "芯片", "chip 2024", "ab"])
    assert none == [False] * 4


def test_a_query_of_a_name_finds_every_one_of_its_tokens_in_the_index(engine_page):
    """What the engine asks for when a name is typed as it is written (its tokens and the
    name as an exact key) is what the index made of that name."""
    names = [t for t in TRICKY if compact(t)]
    found = postings([Document(Card(f"p/{i}/", name, "point", "展示点"), (("name", name),),
                               keys=(name,)) for i, name in enumerate(names)])
    js = engine_page.evaluate(
        "names => names.map(n => window.showcaseSearchEngine.readings(n, {})"
        ".find(r => r.name === 'text').tokens)", names)
    for name, weights, asked in zip(names, found.weights, js):
        assert set(asked) <= set(weights), (name, set(asked) - set(weights))
        assert weights["=" + compact(name)] == EXACT, name


@pytest.mark.parametrize("name", NAMES)
def test_pinyin_and_initials_typed_for_a_name_are_tokens_the_index_made_of_it(engine_page, name):
    index, syllables = pinyin_tokens(name)
    known = sorted(syllables | {"xi", "an", "xian", "nan", "xin"})  # as a site's would hold
    full, initials = "".join(spoken(name)), "".join(s[0] for s in spoken(name))
    by_full, by_initials = engine_page.evaluate("""([queries, known]) => {
        const table = Object.fromEntries(known.map(s => [s, true]));
        return queries.map(q => window.showcaseSearchEngine.readings(q, table));
    }""", [[full, initials], known])
    splits = [set(r["tokens"]) for r in by_full if r["name"] == "pinyin"]
    assert splits, (full, by_full)
    # one of the ways the letters split is the name's own, every token of it indexed
    assert any(split <= index for split in splits), (full, [s - index for s in splits])
    if 3 <= len(initials) <= 12:
        read = next(r["tokens"] for r in by_initials if r["name"] == "initials")
        assert set(read) <= index, (initials, set(read) - index)


# --- the files are JSON, and data in them stays data -------------------------------------


def test_the_index_files_are_json_and_agree_with_each_other(demo_site):
    folder = demo_site / "search"
    index = SiteIndex(demo_site)
    manifest, cards = index.manifest, index.cards
    assert manifest["v"] == 1 and manifest["n"] > 0
    shards = sorted(folder.glob("t/*.json"), key=lambda p: int(p.stem))
    assert [int(p.stem) for p in shards] == list(range(manifest["shards"]))
    for path in shards:
        for token, flat in json.loads(path.read_text(encoding="utf-8")).items():
            assert fnv1a(token) % manifest["shards"] == int(path.stem), token
            docs = flat[1::2]
            # document numbers, as differences: rising
            assert flat[0] == len(docs) and docs[0] >= 0 and min(docs[1:], default=1) > 0, token
            assert sum(docs) < manifest["n"], token
    assert len(cards) == manifest["n"]
    assert len(list(folder.glob("c/*.json"))) == -(-manifest["n"] // manifest["chunk"])
    assert len({card[0] for card in cards}) == len(cards)
    missing = [card[0] for card in cards
               if not (demo_site / card[0].split("#")[0] / "index.html").is_file()]
    assert missing == []


HOSTILE_NAME = "\"><img src=x onerror=alert(1)></script><script>alert(2)</script>萤光展示点"
HOSTILE_ORG = "</script><svg onload=alert(3)>萤光促进会 ' \" & \\u003c"


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory):
    """An index, made by searchindex.files, of a record whose name and organisation are
    markup; the validator refuses tags in the data, the index must not need it to."""
    site = tmp_path_factory.mktemp("hostile-index")
    docs = [
        Document(Card("points/hostile/", HOSTILE_NAME, "point", "展示点",
                      summary=HOSTILE_ORG), (("name", HOSTILE_NAME), ("text", HOSTILE_ORG)),
                 keys=(HOSTILE_NAME, HOSTILE_ORG)),
        Document(Card("points/plain/", "萤光社区展示点", "point", "展示点"),
                 (("name", "萤光社区展示点"),), keys=("萤光社区展示点",)),
    ]
    for path, data in files([d.card for d in docs], postings(docs), []).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (site / ENGINE).parent.mkdir(parents=True)
    shutil.copy(ENGINE_FILE, site / ENGINE)
    url, server = serve(site)
    yield site, url
    server.shutdown()


def test_markup_in_a_name_is_a_json_string_in_the_index(hostile_index):
    site, _ = hostile_index
    for path in (site / "search").rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))  # every file parses
    cards = json.loads((site / "search" / "c" / "0.json").read_text(encoding="utf-8"))
    assert cards[0][1] == HOSTILE_NAME and cards[0][6] == HOSTILE_ORG


def test_markup_in_a_name_comes_out_of_the_engine_as_the_same_text(browser, hostile_index):
    _, url = hostile_index
    page = browser.new_page()
    dialogs, stray = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: stray.append(request.url)  # an injected <img src=x>
            if urlsplit(request.url).path == "/x" else None)
    try:
        open_engine(page, url)
        for query in (HOSTILE_NAME, HOSTILE_ORG, "萤光", "img onerror"):
            answer = page.evaluate(
                "async ([base, q]) => await window.showcaseSearchEngine.open(base).search(q)",
                [url, query])
            titles = [r["title"] for r in answer["results"]]
            assert titles and titles[0] == HOSTILE_NAME, (query, titles)
            assert answer["results"][0]["summary"] == HOSTILE_ORG
        grown = "document.querySelectorAll('img, svg, script:not([src])').length"
        assert page.evaluate(grown) == 0
        page.wait_for_load_state("networkidle")
        assert dialogs == [] and stray == []
    finally:
        page.close()


# --- a query fetches only what it needs ----------------------------------------------------


def _search_paths(requests: list[str], mount: str) -> list[str]:
    """The index files among *requests*, as paths under search/ (without ?id)."""
    prefix = mount + "search/"
    return [urlsplit(u).path[len(prefix):] for u in requests
            if urlsplit(u).path.startswith(prefix)]


def test_nothing_under_search_is_fetched_when_a_page_loads(browser, demo_url):
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    try:
        for path in ("", "about/", "points/", "points/futian-vr-industry/", "map/", "visiting/"):
            page.goto(demo_url + path)
            page.wait_for_load_state("networkidle")
    finally:
        page.close()
    assert len(requests) > 6
    assert _search_paths(requests, base_path()) == []


QUERIES = ["芯片研发", "xunixianshi", "xnxs", "华强北路1688号", "chip design", "谁也不会搜的词"]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_fetches_the_manifest_its_shards_and_its_results_cards(
        browser, demo_site, demo_url, query):
    index = SiteIndex(demo_site)
    manifest, cards = index.manifest, index.cards
    urls = [card[0] for card in cards]
    page = browser.new_page()
    requests: list[str] = []
    try:
        open_engine(page, demo_url, "about/")
        page.on("request", lambda request: requests.append(request.url))
        answer = page.evaluate("""async ([base, q, syllables]) => {
            const e = window.showcaseSearchEngine;
            const known = Object.fromEntries(syllables.map(s => [s, true]));
            const read = e.readings(q, known);
            const answer = await e.open(base).search(q);
            const urls = answer.results.map(r => r.url);
            return {tokens: [].concat(...read.map(r => r.tokens)), urls};
        }""", [demo_url, query, manifest["syllables"]])
    finally:
        page.close()
    fetched = _search_paths(requests, base_path())
    wanted = ({"manifest.json"}
              | {f"t/{fnv1a(t) % manifest['shards']}.json" for t in answer["tokens"]}
              | {f"c/{urls.index(u) // manifest['chunk']}.json" for u in answer["urls"]})
    assert sorted(fetched) == sorted(wanted), (query, answer["urls"][:3])
    assert len(fetched) == len(set(fetched))  # each file once


# --- what the hand-written pages and the thesaurus put in -----------------------------------


def test_a_page_s_keywords_are_exact_names_and_its_boost_scales_its_weights(demo_site):
    index = SiteIndex(demo_site)
    # the visiting guide's front matter lists 怎么预约: a query of it puts the guide first
    assert index.pages("=" + compact("怎么预约")) == {"visiting/": OTHER_NAME["page"]}
    assert index.pages("=" + compact("参观指南"))["visiting/"] == EXACT  # its own title
    # the editors' guide counts half (search: {boost: 0.5}): its title weighs 5, not 10
    assert index.pages("编辑")["editors/"] == WEIGHTS["name"] * 0.5


def test_front_matter_search_settings_are_read_as_material_reads_them():
    assert search_boost({"boost": 0.5}) == 0.5
    assert search_boost({}) == search_boost({"boost": "x"}) == search_boost({"boost": -1}) == 1.0
    assert page_keywords({"keywords": "怎么预约"}, DEFAULT) == ["怎么预约"]
    assert page_keywords({"keywords": ["{展示点}在哪", " ", 2024]}, DEFAULT) == ["展示点在哪", "2024"]


def test_a_thesaurus_word_counts_in_the_field_its_group_s_word_was_found_in():
    thesaurus = Thesaurus([["志愿服务", "义工", "volunteer"], ["软件", "software"]])
    name = "志愿服务公益慈善交流服务展示点"
    [found] = postings([Document(Card("p/", name, "point", "展示点"),
                                 (("name", name), ("text", "开发软件")))], thesaurus).weights
    assert found["义工"] == found["volunteer"] == WEIGHTS["name"] * RELATED
    assert found["software"] == WEIGHTS["text"] * RELATED
    assert "志原" not in found  # a word's tokens only, nothing of other groups
