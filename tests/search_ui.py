"""The site's search as a visitor drives it in Chromium (theme/…/showcase-search.js): the
header's link opens the dialog, a query is put into its field, and the dialog says when
the results of that very query are shown (data-state="done", data-query=<the query>)."""

from __future__ import annotations

OPEN = "a.sc-search-open"
DIALOG = ".sc-search"
FIELD = "#sc-search-input"
META = ".sc-search__meta"
RESULTS = ".sc-search__results"
RESULT = ".sc-result"
RESULT_LINK = "a.sc-result__link"
NONE = ".sc-search__none"
# the dialog shows the results of *query* (the argument)
ANSWERED = """query => {
  const dialog = document.querySelector('.sc-search');
  return !!dialog && dialog.dataset.state === 'done' && dialog.dataset.query === query;
}"""


def open_search(page) -> None:
    """Opens the search from the header's link, as a visitor taps it."""
    page.locator(OPEN).first.click()
    page.locator(FIELD).wait_for(state="visible")


def put(page, query: str) -> None:
    """Puts *query* in the field at once, in place of what it held, as a paste or an input
    method's choice does: one input event and no key, so no part of it is searched."""
    field = page.locator(FIELD)
    if not field.is_visible():
        open_search(page)
    field.select_text()
    page.keyboard.insert_text(query)


def wait_answered(page, query: str, timeout: float = 15_000) -> None:
    page.wait_for_function(ANSWERED, arg=query, timeout=timeout)


def search(page, query: str) -> list[str]:
    """The addresses of the results of *query*, best first, on an open page."""
    put(page, query)
    wait_answered(page, query)
    return page.eval_on_selector_all(f"{RESULTS} {RESULT_LINK}", "links => links.map(a => a.href)")
