"""A link checker over the whole built demo: every link, stylesheet, script and image of
every page, relative or absolute under site_url, leads to a file of the site, and every
#anchor to an element of its page."""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from .conftest import site_url

_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
               "iframe": "src"}
_ELSEWHERE = ("mailto:", "tel:", "javascript:", "data:", "weixin:", "geo:")


@functools.lru_cache(maxsize=None)
def _ids(path: Path) -> frozenset[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return frozenset([*(e["id"] for e in page.select("[id]")),
                      *(e["name"] for e in page.select("a[name]"))])


def _file(site: Path, path: str) -> Path | None:
    """The file a site path is served from (a folder's index.html), if there is one."""
    target = site / unquote(path)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_no_link_in_the_site_is_broken(demo_site):
    base = site_url()  # every page is served under its path, as on GitHub Pages
    root = urlsplit(base).path
    broken, checked = [], 0
    pages = sorted(demo_site.rglob("*.html"))
    for page in pages:
        relative = page.relative_to(demo_site).as_posix()
        here = base + (relative[:-len("index.html")] if relative.endswith("index.html")
                       else relative)
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in _ATTRIBUTES.items():
            for element in html.find_all(tag):
                link = element.get(attribute)
                if not link or link.startswith(_ELSEWHERE):
                    continue
                absolute = urljoin(here, link)
                if not absolute.startswith(base):
                    continue  # another site: map tiles, navigation apps, the repository
                parts = urlsplit(absolute)
                target = _file(demo_site, parts.path[len(root):])
                checked += 1
                if target is None:
                    broken.append(f"{relative}: {link}")
                elif parts.fragment and target.suffix == ".html" and \
                        unquote(parts.fragment) not in _ids(target):
                    broken.append(f"{relative}: {link} (no such anchor)")
    assert broken == [], "\n".join(broken[:50])
    assert len(pages) > 150 and checked > 20 * len(pages), checked  # the whole site
