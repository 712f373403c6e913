"""What the search promises for every record, not only for the query set's: checked over
every name in the demo, through the engine in Chromium.

- a record's exact name, and a point's organisation's, puts that record first, always;
- the same in pinyin, full and initials, finds it in the top 3 (below exact Chinese);
- one wrong character in a name of four or more still finds it in the top 3;
- an address with its house number finds its point first;
- a term's synonym (data/taxonomies) and a word of the city's thesaurus find the records
  that only use the other word.
"""

from __future__ import annotations

import pytest
from pypinyin import Style, lazy_pinyin

from generator.gate import Sources, admit
from generator.model import build_directory
from generator.pages import url_of
from generator.searchindex import compact

from .conftest import DEMO_DATA, ROOT
from .searching import engine_searcher

WRONG = "丁"  # a character no demo name has at that place


@pytest.fixture(scope="module")
def directory():
    sources = Sources(DEMO_DATA, ROOT / "theme" / "pages", ROOT / "theme" / "locales", "zh-CN",
                      ROOT, "https://zsd.example.cn/showcase-directory/")
    admitted, issues = admit(sources)
    assert admitted is not None, issues
    return build_directory(admitted.validated)


@pytest.fixture(scope="module")
def search(browser, demo_url):
    page = browser.new_page()
    page.goto(demo_url + "about/")
    yield engine_searcher(page, demo_url)
    page.close()


def _records(directory) -> list[tuple[str, str]]:
    """(name, page) of every point, project and case."""
    return ([(p.name, url_of(f"points/{p.id}.md")) for p in directory.points]
            + [(p.name, url_of(f"projects/{p.id}.md")) for p in directory.projects]
            + [(c.title, url_of(f"cases/{c.id}.md")) for c in directory.cases])


def _misses(search, wanted: list[tuple[str, str]], within: int) -> list[str]:
    found = search([query for query, _ in wanted])
    return [f"{query} → {pages[:3]} (expected {page})"
            for (query, page), pages in zip(wanted, found) if page not in pages[:within]]


def test_an_exact_name_is_first(directory, search):
    wanted = _records(directory)
    # a name two records share (none in the demo) could not be first for both
    assert len({compact(name) for name, _ in wanted}) == len(wanted)
    assert not _misses(search, wanted, 1)


def _points_by(directory, key) -> list[tuple[str, str]]:
    """(key(point), page) of each point whose key no other point shares."""
    pages: dict[str, list[str]] = {}
    for point in directory.points:
        pages.setdefault(key(point), []).append(url_of(f"points/{point.id}.md"))
    return [(value, found[0]) for value, found in pages.items() if len(found) == 1]


def test_an_organisation_s_exact_name_finds_its_point_first(directory, search):
    wanted = _points_by(directory, lambda point: point.organisation.name)
    assert len(wanted) > 20
    assert not _misses(search, wanted, 1)


def _spoken(name: str) -> list[str]:
    return [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s.isalpha()]


def _distinctive(name: str) -> str:
    """A point's name without the programme's common ending (交流服务展示点), as people
    say it."""
    ending = "交流服务展示点"
    return name[:-len(ending)] if name.endswith(ending) and len(name) > len(ending) + 1 else name


def test_a_name_in_pinyin_finds_it_in_the_top_3(directory, search):
    wanted = []
    for name, page in _records(directory)[:40]:
        short = _distinctive(name)
        said = _spoken(short)
        if len(said) >= 2:
            wanted.append(("".join(said), page))
            if len(said) >= 3:
                wanted.append(("".join(s[0] for s in said), page))
    assert len(wanted) > 40
    misses = _misses(search, wanted, 3)
    assert len(misses) <= len(wanted) // 10, "\n".join(misses)  # initials may be shared


def test_one_wrong_character_in_a_name_of_four_or_more_finds_it_in_the_top_3(directory, search):
    wanted = []
    for name, page in _records(directory):
        short = _distinctive(name)
        if len(short) < 4:
            continue
        for at in (0, len(short) // 2, len(short) - 1):  # first, middle and last character
            if short[at] != WRONG:
                wanted.append((short[:at] + WRONG + short[at + 1:], page))
    assert len(wanted) > 100
    assert not _misses(search, wanted, 3)


def test_an_address_with_its_number_finds_its_point_first(directory, search):
    wanted = _points_by(directory, lambda point: point.location.address)
    assert len(wanted) > 20
    assert not _misses(search, wanted, 1)


def test_a_term_s_synonym_finds_the_records_of_that_term(directory, search):
    """For each field with one point, each of its synonyms (which the point's own text
    may never use) puts that point in the top 3."""
    wanted = []
    for term in directory.taxonomies["fields"].values():
        points = directory.awarded_in_field(term.id)
        if len(points) == 1:
            wanted += [(word, url_of(f"points/{points[0].id}.md")) for word in term.synonyms]
    assert len(wanted) > 20
    misses = _misses(search, wanted, 3)
    assert not misses, "\n".join(misses)


def test_a_thesaurus_word_finds_the_records_that_use_another_word_of_its_group(directory, search):
    """Where a point's name uses a word of a group of the city's thesaurus, each other
    word of the group finds that point among the results."""
    groups = directory.thesaurus
    assert groups
    wanted = []
    for group in groups:
        for point in directory.points:
            used = [word for word in group if word in point.name]
            if used:
                wanted += [(word, url_of(f"points/{point.id}.md"))
                           for word in group if word not in used]
    assert len(wanted) > 10
    misses = _misses(search, wanted, 20)
    assert not misses, "\n".join(misses)
