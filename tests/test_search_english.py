"""English queries (tests/fixtures/search_queries_en_tokens.yml) on the English edition's
index (en/search/): the tokeniser's English rules (generator/searchindex.py: singular,
stop words, apostrophes, the last word's beginning) at work on the demo's English.

The same queries on the Chinese index, which knows English only from synonyms and the
city's thesaurus, are measured and printed (``-s``), not asserted: the Chinese edition is
not written for them."""

from __future__ import annotations

import pytest
import yaml

from .conftest import FIXTURES
from .searching import engine_searcher
from .test_search_quality import _report

QUERIES = FIXTURES / "search_queries_en_tokens.yml"


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def _ranked(browser, demo_url: str, edition: str) -> list[tuple[dict, list[str]]]:
    queries = load_queries()
    page = browser.new_page()
    try:
        page.goto(demo_url + "about/")  # the engine's script is the site's, for both editions
        pages = engine_searcher(page, demo_url, demo_url + edition)(q["query"] for q in queries)
    finally:
        page.close()
    return list(zip(queries, pages))


@pytest.fixture(scope="module")
def english(browser, demo_site, demo_url):
    if not (demo_site / "en" / "search" / "manifest.json").is_file():
        pytest.skip("the demo has no English edition's index")
    return _ranked(browser, demo_url, "en/")


def test_the_query_set_is_well_formed(demo_site):
    queries = load_queries()
    assert len(queries) >= 25
    assert all(set(q) == {"query", "kind", "expect"} for q in queries)
    missing = [q["expect"] for q in queries
               if not (demo_site / q["expect"] / "index.html").is_file()]
    assert missing == []


def test_english_queries_find_their_page_first_on_the_english_index(english):
    first = sum(bool(pages) and pages[0] == q["expect"] for q, pages in english)
    assert first / len(english) >= 0.9, _report(english)
    assert all(q["expect"] in pages[:3] for q, pages in english), _report(english)


@pytest.mark.parametrize("kind", ["partial", "plural", "stop_words", "apostrophe"])
def test_each_english_rule_finds_its_pages_first(english, kind):
    rows = [(q, pages) for q, pages in english if q["kind"] == kind]
    assert rows and all(pages[:1] == [q["expect"]] for q, pages in rows), _report(rows)


def test_english_queries_on_the_chinese_index_are_measured(browser, demo_url, capsys):
    ranked = _ranked(browser, demo_url, "")
    first = sum(bool(pages) and pages[0] == q["expect"] for q, pages in ranked)
    top3 = sum(q["expect"] in pages[:3] for q, pages in ranked)
    with capsys.disabled():
        print(f"\nEnglish queries on the Chinese index: {first} of {len(ranked)} first, "
              f"{top3} in the top 3\n" + _report(ranked))
    assert top3 > 0  # the thesaurus's and the terms' English find some
