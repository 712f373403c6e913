"""Readable on a phone, in Chromium: on one page of every type (tests/readability.py's
PAGES), no tap target under 44 × 44 px (a link inside a sentence excepted, WCAG 2.5.8) and
no text under 14 px at 360 × 640; with the phone's text at 200 %, no page wider than the
screen, the header's title shown whole, and the QR landing's first screen saying whether
the point is open (with today's times), its phone and how long ahead to book. Then the
point page's details, each with the test that would have caught it. The measuring script
is tests/readability.py's, the benchmark's too (benchmarks/readability.py)."""

from __future__ import annotations

import pytest

from .conftest import BUILD_DAY, build, copy_site_inputs, serve, base_path, soup
from .readability import (MIN_TARGET, MIN_TEXT, PAGES, PHONE, POINT, landing_marks, measure,
                          point_record, screen, settle, text_at_200)


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def large(browser):
    """A phone whose text is set to 200 %."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    text_at_200(page)
    yield page
    context.close()


def _open(page, url: str) -> None:
    page.goto(url)
    settle(page)


@pytest.mark.parametrize("name", list(PAGES))
def test_targets_and_text_are_large_enough_on_a_phone(phone, demo_url, name):
    _open(phone, demo_url + PAGES[name])
    m = measure(phone)
    assert m["targets"] > 0
    assert m["small"] == [], f"targets under {MIN_TARGET} × {MIN_TARGET} px"
    assert m["texts"] == [], f"text under {MIN_TEXT} px"


@pytest.mark.parametrize("name", list(PAGES))
def test_text_at_200_percent_fits_the_screen_and_shows_the_title(large, demo_url, name):
    _open(large, demo_url + PAGES[name])
    s = screen(large)
    assert s["overflow"] == 0, "the page is wider than the screen"
    assert s["title"] == s["titleFull"] != ""


@pytest.mark.parametrize("text", ["100", "200"])
def test_the_qr_landing_answers_on_its_first_screen(browser, demo_url, text):
    """Open now (today's times), the phone and the booking's lead time, each whole on the
    first screen of the plaque's permalink; before, the lead time was at 826 px (100 %)
    and only the open-now line was there at 200 %."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    if text == "200":
        text_at_200(page)
    page.goto(demo_url + f"v/{POINT}/")
    page.wait_for_url(f"**/points/{POINT}/#visit")
    page.wait_for_selector(".sc-first__open:not([hidden])")
    marks = landing_marks()
    del marks["hours"]  # the weekly hours come next, below the first screen of a 640 px phone
    where = screen(page, marks)["where"]
    context.close()
    assert {mark: w and w["first_screen"] for mark, w in where.items()} == dict.fromkeys(marks, True), where


# -- the point page's details ---------------------------------------------------------


def test_the_first_screen_is_name_open_phone_booking_address(demo_site):
    first = soup(demo_site, f"points/{POINT}/").select_one("#visit .sc-first")
    assert [child.name if child.name == "h1" else child["class"][0] for child in first.find_all(recursive=False)] \
        == ["h1", "sc-first__open", "sc-first__phone", "sc-first__booking", "sc-first__address"]
    visit = point_record()["visit"]
    assert first.select_one(".sc-first__phone a")["href"] == f"tel:{visit['booking']['phone']}"
    assert first.select_one(".sc-first__booking").get_text(" ", strip=True).startswith(
        f"请至少提前 {visit['booking']['lead_days']} 天预约")


def test_contacts_each_on_a_line_and_phones_never_split(browser, demo_url):
    """Was "…0755-83330001邮箱 contact@…" on one line, the number broken across two."""
    for text_200 in (False, True):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        if text_200:
            text_at_200(page)
        page.goto(demo_url + f"points/{POINT}/")
        contact = page.locator("li.sc-contact").first
        lines = [line.strip() for line in contact.inner_text().splitlines() if line.strip()]
        assert lines == ["陈老师（展示点联络人）", "电话 0755-83330001", "邮箱 contact@example.org"]
        for tel in page.locator('a[href^="tel:"]').all():
            numbers = tel.locator(".sc-tel") if tel.locator(".sc-tel").count() else tel
            assert numbers.evaluate("e => e.getClientRects().length") == 1, tel.inner_text()
        context.close()


def test_no_heading_is_written_twice_on_a_point_page(demo_site):
    """The description's own "展示内容" heading and the exhibits' were both headings."""
    headings = [h.get_text(strip=True) for h in
                soup(demo_site, f"points/{POINT}/").select("article :is(h1, h2, h3, h4)")]
    assert len(headings) == len(set(headings)), headings


def test_closed_dates_already_past_are_left_out(tmp_path):
    """A closed date before the build's day is noise on the first screens of a visit."""
    project = copy_site_inputs(tmp_path / "project")
    record = project / "data" / "points" / f"{POINT}.yml"
    past = BUILD_DAY.replace(year=BUILD_DAY.year - 1).isoformat()
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("  closed_dates: [", f"  closed_dates: [{past}, "), encoding="utf-8")
    build(project / "mkdocs.yml", project / "site")
    dates = [t["datetime"] for t in soup(project / "site", f"points/{POINT}/").select(".sc-closed-dates time")]
    assert past not in dates
    assert dates == [str(d) for d in point_record(POINT, project / "data")["visit"]["closed_dates"]
                     if d >= BUILD_DAY]


def test_the_data_dictionary_reads_on_a_phone(phone, demo_url):
    """Field names were one character a line and the page 41,325 px tall."""
    phone.goto(demo_url + "open-data/")
    names = phone.locator("table.sc-reference td:first-child code")
    assert names.count() > 20
    lines = names.evaluate_all("""els => els.map(e => {
        const line = parseFloat(getComputedStyle(e.closest('td')).lineHeight);
        return Math.round(e.getBoundingClientRect().height / line); })""")
    assert max(lines) <= 2, lines
    assert phone.evaluate("document.scrollingElement.scrollHeight") < 25_000
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= PHONE["viewport"]["width"]


def test_the_year_table_fits_a_phone(phone, demo_url):
    """Its last column was cut off at the screen's edge."""
    phone.goto(demo_url + PAGES["year"])
    settle(phone)
    table = phone.locator(".sc-figures table")
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["viewport"]["width"]
    assert table.locator("thead th").count() == 4


def test_the_home_pages_two_buttons_do_not_touch(browser, demo_url):
    for text_200 in (False, True):
        context = browser.new_context(**PHONE)
        page = context.new_page()
        if text_200:
            text_at_200(page)
        page.goto(demo_url)
        first, second = (b.bounding_box() for b in page.locator(".md-content .md-button").all()[:2])
        gap = max(second["x"] - (first["x"] + first["width"]), second["y"] - (first["y"] + first["height"]))
        assert gap >= 8, (first, second)
        context.close()
