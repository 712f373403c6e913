"""The built site's search index read from its files, as the browser reads them: which
pages a token leads to, and the result cards. For tests that check what is indexed
without a browser (the browser's own scoring is tested in Chromium)."""

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
