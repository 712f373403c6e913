"""The site shapes itself to the data: a section with nothing in it has no page, no tab
and no link; a figure of nothing is not shown; a filter with one value is no filter; the
overview map opens on its markers; a data folder outside the project builds.

Each city here is the small fixture city with records taken away (or added), its nav
listing every section as the demo's does, so that a section left in would show."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from .conftest import build, copy_city, soup

# every section of the directory, as the demo's mkdocs.yml lists them
NAV = """nav:
  - 首页: index.md
  - 名录:
      - points/index.md
      - 地图: map/index.md
      - 服务领域: fields/index.md
      - 所在区: districts/index.md
  - 品牌项目: projects/index.md
  - 典型案例: cases/index.md
  - 年度回顾: years/index.md
  - 参观: visiting.md
  - 铭牌: plaques/index.md
"""
SECTIONS = ("points/", "map/", "fields/", "districts/", "projects/", "cases/", "years/",
            "plaques/")
PROGRAMME = "示例市乡镇(街道)社会组织服务中心"  # the fixture's programme.title


def _drop_line(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"{path.name}: no line starts with {start!r}"
    path.write_text("".join(kept), encoding="utf-8")


def city(top: Path, *without: str) -> Path:
    """A copy of the fixture city with every section in its nav, less the collections
    named in *without* (and the references to them); returns its mkdocs.yml."""
    project = copy_city(top)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("\n  font: false\n", "\n  font: false\n  features: [navigation.tabs]\n")
    config.write_text(text[:text.index("\nnav:") + 1] + NAV, encoding="utf-8")
    data = project / "data"
    if "projects" in without:
        shutil.rmtree(data / "projects")
        _drop_line(data / "points" / "beishan-centre.yml", "projects:")
    if "cases" in without:
        shutil.rmtree(data / "cases")
    if "years" in without:
        shutil.rmtree(data / "years")
    if "points" in without:  # a new city: site.yml, taxonomies and an empty lock
        shutil.rmtree(data / "points")
        shutil.rmtree(data / "media" / "beishan-centre")
        (data / "permalinks.lock").write_text("", encoding="utf-8")
        if (data / "cases").exists():
            _drop_line(data / "cases" / "beishan-salon.yml", "points:")
        if (data / "years").exists():
            _drop_line(data / "years" / "2023.yml", "  - {title: 社会组织培训")
    return config


@pytest.fixture(scope="module")
def cities(tmp_path_factory):
    """Built sites by what they lack, each built once, when a test first asks for it."""
    built: dict[tuple[str, ...], Path] = {}

    def site(*without: str) -> Path:
        if without not in built:
            top = tmp_path_factory.mktemp("shape")
            built[without] = build(city(top, *without), top / "site")
        return built[without]

    return site


def _base(site: Path) -> str:
    """The path part of the site's site_url (the 404 page's links are absolute under it)."""
    config = site.parent / "tests" / "fixtures" / "city" / "mkdocs.yml"
    return urlsplit(yaml.safe_load(config.read_text(encoding="utf-8"))["site_url"]).path


def links_to(site: Path) -> dict[str, set[str]]:
    """Every page of the site a page links to (as a site path, ``projects/``), by page."""
    base = _base(site)
    out: dict[str, set[str]] = {}
    for page in site.rglob("*.html"):
        here = "/" + page.relative_to(site).as_posix()
        html = soup(site, page.relative_to(site).as_posix())
        targets = set()
        for element in html.select("a[href], link[href]"):
            href = element["href"]
            if href.startswith(("mailto:", "tel:", "geo:", "javascript:", "#", "http")):
                continue
            path = urlsplit(urljoin(here, href)).path
            if page.name == "404.html" and path.startswith(base):
                path = "/" + path[len(base):]
            targets.add(unquote(path.lstrip("/")))
        out[page.relative_to(site).as_posix()] = targets
    return out


def _exists(site: Path, path: str) -> bool:
    target = site / path
    return (target / "index.html").is_file() if path == "" or path.endswith("/") \
        else target.is_file()


def tabs(site: Path) -> list[str]:
    """The titles of the nav's top entries (the tabs) of the home page."""
    return [a.get_text(" ", strip=True) for a in soup(site, "").select(".md-tabs__link")]


def figures(site: Path) -> list[str]:
    return [li.get_text(" ", strip=True) for li in soup(site, "").select(".sc-figures li")]


def test_the_whole_city_has_every_section(cities):
    site = cities()
    for section in SECTIONS:
        assert _exists(site, section), section
    assert tabs(site) == ["首页", "名录", "品牌项目", "典型案例", "年度回顾", "参观", "铭牌"]
    assert "1 个社区品牌项目" in figures(site)
    assert "1 篇典型案例" in figures(site)


@pytest.mark.parametrize("collection, section, tab, figure", [
    ("projects", "projects/", "品牌项目", "个社区品牌项目"),
    ("cases", "cases/", "典型案例", "篇典型案例"),
])
def test_an_empty_collection_has_no_page_tab_figure_or_link(cities, collection, section, tab,
                                                           figure):
    site = cities(collection)
    assert not _exists(site, section)
    assert tab not in tabs(site)
    assert tabs(site)  # the others are still there
    assert not [f for f in figures(site) if figure in f]
    assert figures(site)
    pointing = {page for page, targets in links_to(site).items() if section in targets}
    assert not pointing
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f'"location":"{section}' not in index.replace(" ", "")


def test_a_city_without_year_files_keeps_the_years_of_its_awards(cities):
    site = cities("years")
    assert _exists(site, "years/2023/")
    assert "年度回顾" in tabs(site)


def test_a_new_city_with_no_record_builds_with_no_empty_section(cities):
    site = cities("points", "projects", "cases", "years")
    for section in SECTIONS:
        assert not _exists(site, section), section
    assert tabs(site) == ["首页", "参观"]
    home = soup(site, "")
    assert not home.select(".sc-figures")
    assert not home.select(".sc-terms")
    assert [a["href"] for a in home.select("article a.md-button")] == ["visiting/"]
    not_found = soup(site, "404.html")
    assert [a.get_text() for a in not_found.select(".sc-not-found a")] == ["首页", "参观指南"]
    missing = {f"{page} → {target}" for page, targets in links_to(site).items()
               for target in targets if not _exists(site, target)}
    assert not missing


def test_the_site_is_named_after_the_programme(cities):
    site = cities()
    assert soup(site, "").select_one(".md-header__topic").get_text(strip=True) == PROGRAMME
    assert soup(site, "points/").find("title").get_text().endswith(f" - {PROGRAMME}")


def test_the_programmes_title_is_text_in_the_theme(tmp_path):
    config = city(tmp_path)
    site_file = config.parent / "data" / "site.yml"
    title = '示例市 & "服务中心" &lt;img src=x onerror=alert(1)&gt;'
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        f"  title: {PROGRAMME}\n", f"  title: '{title}'\n"), encoding="utf-8")
    page = soup(build(config, tmp_path / "site"), "points/")
    assert page.find("title").get_text().endswith(f" - {title}")
    assert page.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == title
    assert page.find("meta", property="og:site_name")["content"] == title
    assert not page.select("img[onerror]")
