"""Search quality (issue 17): the queries of tests/fixtures/search_queries.yml, each with
the page a visitor expects first, run through the site's own engine in Chromium.

The goal is the issue's: the expected page first for at least 90 % of the queries, and
in the top 3 for every one. The queries run through the engine itself
(``showcaseSearchEngine.open(base).search(q)``), many in one page, so the whole set
takes seconds; what the dialog makes of the results is tests/test_search.py's.

The held-out set, tests/fixtures/search_queries_unseen.yml, is not asserted here: it
measures how the engine does on queries nobody tuned it for, and a test on it would
invite tuning for it (benchmarks/search_quality.py and its --queries print its figures).
"""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from .conftest import FIXTURES
from .searching import engine_searcher

QUERIES = FIXTURES / "search_queries.yml"
FIRST_GOAL = 0.90
TOP3_GOAL = 1.0
def load_queries(path=QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ranked(browser, demo_url) -> list[tuple[dict, list[str]]]:
    """Each query of the set with the pages the engine lists for it, best first."""
    queries = load_queries()
    page = browser.new_page()
    try:
        page.goto(demo_url + "about/")
        pages = engine_searcher(page, demo_url)(q["query"] for q in queries)
    finally:
        page.close()
    return list(zip(queries, pages))


def _report(rows: list[tuple[dict, list[str]]]) -> str:
    """Per kind: queries, first, top 3; then every query whose page was not first."""
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses = []
    for query, pages in rows:
        counts = by_kind[query["kind"]]
        rank = pages.index(query["expect"]) + 1 if query["expect"] in pages else None
        counts[0] += 1
        counts[1] += rank == 1
        counts[2] += rank is not None and rank <= 3
        if rank != 1:
            misses.append(f"  {query['query']} [{query['kind']}] → "
                          f"{pages[0] if pages else '(no result)'} (expected {query['expect']}: "
                          f"{f'rank {rank}' if rank else 'not among ' + str(len(pages))})")
    lines = [f"{'kind':<16}{'count':>6}{'first':>8}{'top 3':>8}"]
    lines += [f"{kind:<16}{n:>6}{first / n:>8.0%}{top3 / n:>8.0%}"
              for kind, (n, first, top3) in by_kind.items()]
    return "\n".join(lines + [f"misses ({len(misses)}):", *misses])


def test_the_query_set_is_well_formed():
    queries = load_queries()
    assert len(queries) >= 80
    assert all(set(q) == {"query", "kind", "expect"} for q in queries)
    kinds = {q["kind"] for q in queries}
    assert all(sum(q["kind"] == kind for q in queries) >= 3 for kind in kinds)


def test_the_expected_pages_exist(demo_site):
    missing = [q["expect"] for q in load_queries()
               if not (demo_site / q["expect"] / "index.html").is_file()]
    assert missing == []


def test_the_expected_page_is_first_for_nine_queries_in_ten(ranked):
    first = sum(bool(pages) and pages[0] == q["expect"] for q, pages in ranked)
    assert first / len(ranked) >= FIRST_GOAL, (
        f"{first} of {len(ranked)} first ({first / len(ranked):.1%}, goal {FIRST_GOAL:.0%})\n"
        + _report(ranked))


def test_the_expected_page_is_in_the_top_three_for_every_query(ranked):
    top3 = sum(q["expect"] in pages[:3] for q, pages in ranked)
    assert top3 / len(ranked) >= TOP3_GOAL, (
        f"{top3} of {len(ranked)} in the top 3 ({top3 / len(ranked):.1%}, goal "
        f"{TOP3_GOAL:.0%})\n" + _report(ranked))
