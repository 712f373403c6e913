"""A link checker over the whole built site, at both kinds of address GitHub Pages gives
it: the demo under its project sub-path and the same demo at a custom domain. Every link,
stylesheet, script, image, redirect and share-card address of every page, and every url()
of the site's stylesheets, relative or absolute, leads to a file of the site, and every
#anchor to an element of its page. A link that works under one kind of address only (a
hard-coded sub-path, a relative link climbing above the site, the other build's address)
is broken."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from .conftest import CUSTOM_DOMAIN, site_url

_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
               "iframe": "src"}
_ELSEWHERE = ("mailto:", "tel:", "javascript:", "data:", "weixin:", "geo:")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
# GitHub Pages answers every missing address with 404.html, so its links must work from
# anywhere in the site, however deep
_DEEP_MISSING = "points/no-such-point/deeper/"
# the two builds: the demo as mkdocs.yml says (a project sub-path), and at a custom domain
ADDRESSES = {"demo_site": site_url(), "custom_domain_site": CUSTOM_DOMAIN}


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


def _links(html: BeautifulSoup) -> list[str]:
    """Every address a page gives a browser, a share card or a redirect."""
    links = [element.get(attribute) for tag, attribute in _ATTRIBUTES.items()
             for element in html.find_all(tag)]
    links += [meta.get("content") for meta in html.select("meta[property='og:url'], "
                                                          "meta[property='og:image']")]
    for meta in html.select("meta[http-equiv=refresh]"):
        links.append(re.sub(r"^\s*\d+\s*;\s*url=", "", meta["content"], flags=re.I))
    return [link for link in links if link and not link.startswith(_ELSEWHERE)]


def _addresses(site: Path, base: str, file: Path) -> list[str]:
    """The addresses a file of the site is served at: 404.html at any missing one too."""
    relative = file.relative_to(site).as_posix()
    here = base + (relative[:-len("index.html")] if relative.endswith("index.html")
                   else relative)
    return [here, base + _DEEP_MISSING] if relative == "404.html" else [here]


@dataclass
class LinkReport:
    broken: list[str]  # each with the page or stylesheet it is in
    checked: int  # links into the site checked
    pages: int
    stylesheets: int


def check_links(site: Path, base: str, others: tuple[str, ...] = ()) -> LinkReport:
    """Every link of every page and stylesheet of *site*, served at *base*; a link to one
    of *others* (another build's address of the same site) is broken too."""
    parts = urlsplit(base)
    origin, root = f"{parts.scheme}://{parts.netloc}", parts.path
    broken, checked = [], 0

    def check(source: str, here: str, link: str) -> None:
        nonlocal checked
        absolute = urljoin(here, link)
        if any(absolute.startswith(other) for other in others):
            broken.append(f"{source}: {link} (the other build's address)")
            return
        if not absolute.startswith(base):
            # a link written whole may lead to the bureau's other pages on the same host;
            # one written relative, or from the host's root, must stay in the site
            if absolute.startswith(origin + "/") and not urlsplit(link).scheme:
                broken.append(f"{source}: {link} (outside {base})")
            return  # another site: map tiles, navigation apps, the repository
        target_parts = urlsplit(absolute)
        target = _file(site, target_parts.path[len(root):])
        checked += 1
        if target is None:
            broken.append(f"{source}: {link}")
        elif target_parts.fragment and target.suffix == ".html" and \
                unquote(target_parts.fragment) not in _ids(target):
            broken.append(f"{source}: {link} (no such anchor)")

    pages = sorted(site.rglob("*.html"))
    for page in pages:
        links = _links(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
        name = page.relative_to(site).as_posix()
        for number, here in enumerate(_addresses(site, base, page)):
            for link in links:
                check(name if number == 0 else f"{name} at {here}", here, link)
    stylesheets = sorted(site.rglob("*.css"))
    for stylesheet in stylesheets:
        here = _addresses(site, base, stylesheet)[0]
        for link in _CSS_URL.findall(stylesheet.read_text(encoding="utf-8")):
            if not link.startswith(("data:", "#")):
                check(stylesheet.relative_to(site).as_posix(), here, link)
    return LinkReport(broken, checked, len(pages), len(stylesheets))


@pytest.mark.parametrize("built", list(ADDRESSES))
def test_no_link_in_the_site_is_broken(request, built):
    site, base = request.getfixturevalue(built), ADDRESSES[built]
    assert not _file(site, _DEEP_MISSING)
    links = check_links(site, base, tuple(url for url in ADDRESSES.values() if url != base))
    assert links.broken == [], "\n".join(links.broken[:50])
    assert links.pages > 150 and links.checked > 20 * links.pages, links.checked  # the whole site
    assert links.stylesheets >= 3
