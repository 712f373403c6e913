"""The built site's search for tests: its index read from its files, as the browser
reads them (which pages a token leads to, the result cards), for what is indexed; and
the engine itself run in a page of Chromium (``engine_searcher``), for what it ranks."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path

from generator.searchindex import fnv1a, tokens


class SiteIndex:
    def __init__(self, site: Path):
        self.folder = site / "search"

    def _read(self, name: str):
        return json.loads((self.folder / name).read_text(encoding="utf-8"))

    @cached_property
    def manifest(self) -> dict:
        return self._read("manifest.json")

    @cached_property
    def cards(self) -> list[list]:
        """Every document's card, in document order."""
        chunks = -(-self.manifest["n"] // self.manifest["chunk"])
        return [card for k in range(chunks) for card in self._read(f"c/{k}.json")]

    def pages(self, token: str) -> dict[str, int]:
        """The pages that have *token*, each with its weight (searchindex.WEIGHTS)."""
        shard = self._read(f"t/{fnv1a(token) % self.manifest['shards']}.json")
        flat, out, doc = shard.get(token, [0]), {}, 0
        for step, weight in zip(flat[1::2], flat[2::2]):
            doc += step
            out[self.cards[doc][0]] = weight
        return out

    def finds(self, url: str, text: str) -> bool:
        """Whether the page at *url* has every token of *text*."""
        return all(url in self.pages(token) for token in tokens(text))


ENGINE = "assets/javascripts/showcase-search-engine.js"
# every query in one call: the result pages of each, best first, without their anchors
# (an event's result is its place in its year's page), each page once
_RESULT_PAGES = """async ([base, queries]) => {
  const engine = window.showcaseSearchEngine.open(base);
  const out = [];
  for (const query of queries) {
    const answer = await engine.search(query);
    out.push([...new Set(answer.results.map(r => r.url.split('#')[0]))]);
  }
  return out;
}"""


def engine_searcher(page, site_url: str, index_url: str | None = None):
    """On *page* (open at a page of the site at *site_url*), the engine itself, without
    the dialog: a function from queries to the result pages of each, best first, in the
    index at *index_url* (an edition's home; the site's own by default)."""
    if not page.evaluate("() => !!window.showcaseSearchEngine"):  # the dialog loads it on demand
        page.add_script_tag(url=site_url + ENGINE)
    return lambda queries: page.evaluate(_RESULT_PAGES, [index_url or site_url, list(queries)])
