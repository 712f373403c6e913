"""The site shapes itself to the data: a section with nothing in it has no page, no tab
and no link; a figure of nothing is not shown; a filter with one value is no filter; the
overview map opens on its markers; a data folder outside the project builds.

Each city here is the small fixture city with records taken away (or added), its nav
listing every section as the demo's does, so that a section left in would show."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from .conftest import build, copy_city, run_cli, serve, soup
from .searching import SiteIndex

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
PROGRAMME = "示例市乡镇（街道）社会组织服务中心"  # the fixture's programme.title


def _drop_line(path: Path, start: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(start)]
    assert len(kept) == len(lines) - 1, f"{path.name}: no line starts with {start!r}"
    path.write_text("".join(kept), encoding="utf-8")


Edits = tuple[tuple[str, str, str], ...]  # (file under data/, text, its replacement)


def city(top: Path, *without: str, edits: Edits = ()) -> Path:
    """A copy of the fixture city with every section in its nav, less the collections
    named in *without* (and the references to them), with *edits* made to its data;
    returns its mkdocs.yml."""
    project = copy_city(top)
    for name, old, new in edits:
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name}: no {old!r}"
        path.write_text(text.replace(old, new), encoding="utf-8")
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
    built: dict[tuple[tuple[str, ...], Edits], Path] = {}

    def site(*without: str, edits: Edits = ()) -> Path:
        if (without, edits) not in built:
            top = tmp_path_factory.mktemp("shape")
            built[without, edits] = build(city(top, *without, edits=edits), top / "site")
        return built[without, edits]

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
    assert not [card for card in SiteIndex(site).cards if card[0].startswith(section)]


def test_a_city_without_year_files_keeps_the_years_of_its_awards(cities):
    site = cities("years")
    assert _exists(site, "years/2023/")
    assert "年度回顾" in tabs(site)


KEPT = ("points/", "plaques/")  # the directory and its plaques, which hand-written pages link to


def test_a_new_city_with_no_record_builds_with_no_empty_section(cities):
    site = cities("points", "projects", "cases", "years")
    for section in SECTIONS:
        assert _exists(site, section) == (section in KEPT), section
    assert tabs(site) == ["首页", "名录", "参观", "铭牌"]
    home = soup(site, "")
    assert not home.select(".sc-figures")
    assert not home.select(".sc-terms")
    assert [a["href"] for a in home.select("article a.md-button")] == ["visiting/"]
    not_found = soup(site, "404.html")
    assert [a.get_text() for a in not_found.select(".sc-not-found a")] == \
        ["首页", "服务中心名录", "参观指南"]
    missing = {f"{page} → {target}" for page, targets in links_to(site).items()
               for target in targets if not _exists(site, target)}
    assert not missing


def test_the_site_is_named_after_the_programme(cities):
    site = cities()
    assert soup(site, "").select_one(".md-header__topic").get_text(strip=True) == PROGRAMME
    assert soup(site, "points/").find("title").get_text().endswith(f" - {PROGRAMME}")
    # and a hand-written page, which has no description of its own, is described by it
    programme = yaml.safe_load((site.parent / "tests" / "fixtures" / "city" / "data" /
                                "site.yml").read_text(encoding="utf-8"))["programme"]
    assert programme["title"] == PROGRAMME
    description = soup(site, "visiting/").find("meta", attrs={"name": "description"})
    assert description["content"] == programme["description"].split("\n")[0]


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


@pytest.mark.parametrize("written", ["absolute", "relative"])
def test_a_data_folder_outside_the_project_builds(tmp_path, written):
    """A city's data may live in a folder of its own (another repository checked out
    beside the site's): the first build, which adds every permalink to the lock, works
    and names the lock by its whole path."""
    project = city(tmp_path / "site-repo").parent
    data = tmp_path / "city-data"
    shutil.move(project / "data", data)
    (data / "permalinks.lock").write_text("", encoding="utf-8")  # a new city's lock
    setting = data.as_posix() if written == "absolute" else "../../../../city-data"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "data_dir: data\n", f"data_dir: {setting}\n"), encoding="utf-8")
    assert (project / setting).resolve() == data.resolve()

    checked = run_cli("check", cwd=project)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("数据检查通过：3 个")
    built = run_cli("build", cwd=project)
    assert built.returncode == 0, built.stderr
    assert f"已把 4 个新的永久链接记入 {(data / 'permalinks.lock').as_posix()}" in built.stderr
    lock = (data / "permalinks.lock").read_text(encoding="utf-8").splitlines()
    assert sorted(line for line in lock if not line.startswith("#")) == [
        "v/beishan-centre/", "v/beishan-hall/", "v/lingyin-centre/", "v/river-centre/"]
    site = project / "site"
    assert soup(site, "points/beishan-centre/").select_one("h1").get_text(strip=True) == \
        "北山街道社会组织服务中心"
    assert (site / "media" / "beishan-centre" / "hall.png").is_file()
    assert (site / "points" / "beishan-centre" / "plaque.pdf").is_file()


# the delisted point in the field and of the organisation type of the others: those two
# facets have one value
SAME_FIELD_AND_TYPE = (("points/river-centre.yml", "field: culture", "field: community"),
                       ("points/river-centre.yml", "type: agency", "type: association"))
# the two points in service in two fields
TWO_FIELDS = (("points/lingyin-centre.yml", "field: community", "field: culture"),)


def facets(site: Path, page: str) -> list[str]:
    return [f["data-facet"] for f in soup(site, page).select("form.sc-facets fieldset")]


def test_a_facet_with_one_value_is_no_filter(cities):
    assert facets(cities(), "points/") == ["field", "district", "year", "status", "type",
                                           "grade", "open"]
    assert facets(cities(edits=SAME_FIELD_AND_TYPE), "points/") == [
        "district", "year", "status", "grade", "open"]
    # every value of a shown facet is a choice of its own
    for fieldset in soup(cities(edits=SAME_FIELD_AND_TYPE), "points/").select(
            "fieldset[data-facet]:not([data-facet=open])"):
        assert len(fieldset.select("input")) > 1, fieldset["data-facet"]


# no field in a group
NO_GROUPS = (("taxonomies/fields.yml", "name: 文化体育, groups: [main]", "name: 文化体育"),
             ("taxonomies/field_groups.yml", "- {id: main, name: 主要领域}\n", "[]\n"))
# no point in service publishes its hours (beishan-centre is the only one that does)
NO_HOURS = (("points/beishan-centre.yml",
             '  hours:\n    - {days: [mon, tue, wed, thu, fri], open: "9:00", close: "12:00"}\n'
             '    - {days: [mon, tue, wed, thu, fri], open: "13:30", close: "17:00"}\n', ""),)


def test_open_this_week_is_offered_only_where_a_point_publishes_its_hours(cities):
    assert "open" in facets(cities(), "points/")
    assert "open" not in facets(cities(edits=NO_HOURS), "points/")
    assert facets(cities(edits=NO_HOURS), "points/")  # the other facets stay


def test_a_directory_of_one_record_has_no_facet_form(cities, tmp_path):
    for page in ("projects/", "cases/"):
        html = soup(cities(), page)
        assert html.select(".sc-item")
        assert not html.select("form.sc-facets, .sc-facets__empty")
    config = city(tmp_path)
    projects = config.parent / "data" / "projects"
    text = (projects / "beishan-elderly-meals.yml").read_text(encoding="utf-8")
    (projects / "river-reading.yml").write_text(
        text.replace("id: beishan-elderly-meals", "id: river-reading")
            .replace("name: 北山长者助餐", "name: 江畔共读")
            .replace("{district: west-lake, street: 北山街道, community: 东坡社区}",
                     "{district: river, street: 江畔街道}")
            .replace("year: 2023", "year: 2024"), encoding="utf-8")
    # two projects of one field, series and target group: district and year only
    assert facets(build(config, tmp_path / "site"), "projects/") == ["district", "year"]


def test_the_home_pages_chips_and_the_maps_filter_need_two_values(cities):
    home, map_page = soup(cities(), ""), soup(cities(), "map/")
    latest = home.select("article h2")[-1].get_text()  # in the programme's words
    assert latest.startswith("最新")
    assert [h.get_text() for h in home.select("article h2")] == ["数据一览", latest]
    assert not home.select(".sc-terms")
    assert not map_page.select(".sc-legend")
    home, map_page = soup(cities(edits=TWO_FIELDS), ""), soup(cities(edits=TWO_FIELDS), "map/")
    assert [h.get_text() for h in home.select("article h2")] == [
        "数据一览", "按服务领域浏览", latest]
    assert [a.get_text(" ", strip=True) for a in home.select(".sc-terms a")] == [
        "社区服务 1", "文化体育 1"]
    assert [box["value"] for box in map_page.select(".sc-legend input")] == ["community",
                                                                             "culture"]


# Where the overview map puts its markers, read from Leaflet: every marker's position
# and whether the map's visible bounds hold it, the zoom, and the zoom at which the
# markers would just fit (the map is fitted if it is that, or the cap)
_MAP_STATE = """() => {
  const map = map_overview, layers = fast_marker_cluster_points.getLayers();
  const box = L.latLngBounds(layers.map(m => m.getLatLng()));
  const size = map.getSize();
  return {
    markers: layers.length,
    outside: layers.filter(m => !map.getBounds().contains(m.getLatLng())).length,
    off_screen: layers.filter(m => {
      const at = map.latLngToContainerPoint(m.getLatLng());
      return at.x < 0 || at.y < 0 || at.x > size.x || at.y > size.y;
    }).length,
    zoom: map.getZoom(),
    fitting: layers.length ? map.getBoundsZoom(box, false, L.point(48, 48)) : null,
    centre: [map.getCenter().lat, map.getCenter().lng],
    size: [size.x, size.y],
  };
}"""
SCREENS = {"phone": {"width": 360, "height": 640}, "desktop": {"width": 1280, "height": 800}}


def map_state(browser, url: str, screen: dict) -> dict:
    context = browser.new_context(viewport=screen)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    own = urlsplit(url).netloc
    page.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).netloc == own
               else r.abort())  # no tiles: the markers are drawn without them
    page.goto(url + "map/", wait_until="networkidle")
    page.wait_for_selector(".sc-overview .sc-map--ready")
    state = page.evaluate(_MAP_STATE)
    state["listed"] = page.locator(".sc-map-list li[data-marker]").count()
    context.close()
    assert errors == []
    return state


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_overview_map_opens_on_all_its_markers(browser, demo_url, screen):
    state = map_state(browser, demo_url, SCREENS[screen])
    assert state["markers"] == state["listed"] > 2
    assert state["size"][0] <= SCREENS[screen]["width"]
    assert state["outside"] == 0
    assert state["off_screen"] == 0
    # fitted, not just far out: the closest zoom that holds them all (padding included)
    assert state["zoom"] == min(state["fitting"], 16)


def test_one_marker_is_shown_at_a_point_pages_zoom(browser, cities):
    url, server = serve(cities())
    try:
        state = map_state(browser, url, SCREENS["phone"])
    finally:
        server.shutdown()
    assert state["markers"] == 1
    assert state["outside"] == 0
    assert state["zoom"] == 16  # the map's point_zoom (its default), not the tiles' 19


def test_a_map_with_no_marker_opens_at_the_configured_centre(browser, cities):
    no_position = (("points/beishan-centre.yml",
                    "  coordinates: {system: wgs84, lat: 30.2601, lng: 120.1402}\n", ""),)
    url, server = serve(cities(edits=no_position))
    try:
        state = map_state(browser, url, SCREENS["phone"])
    finally:
        server.shutdown()
    assert state["markers"] == state["listed"] == 0
    assert state["zoom"] == 10  # site.yml's map.overview_zoom (its default)
    assert [round(x, 2) for x in state["centre"]] == [30.27, 120.15]  # region.centre


def test_the_facets_left_filter_the_right_records(browser, cities):
    """With two facets left out, each record's values still match the form's facets."""
    url, server = serve(cities(edits=SAME_FIELD_AND_TYPE))
    page = browser.new_page()
    try:
        for query, kept in [("", ["lingyin-centre", "beishan-centre", "river-centre"]),
                            ("grade=4A", ["beishan-centre"]), ("grade=none", ["lingyin-centre",
                                                                              "river-centre"]),
                            ("status=delisted", ["river-centre"]), ("year=2024", ["lingyin-centre"]),
                            ("district=river", ["river-centre"])]:
            page.goto(f"{url}points/?{query}")
            page.wait_for_selector("form.sc-facets:not([hidden])")
            shown = page.locator(".sc-item[data-point]:visible").evaluate_all(
                "items => items.map(item => item.dataset.point)")
            assert shown == kept, query
    finally:
        page.close()
        server.shutdown()


def test_every_field_is_on_the_fields_page_grouped_or_not(cities):
    """fields.yml's groups are optional: a field in no group is listed after the groups, and
    a city with no groups at all has one plain list."""
    page = soup(cities(), "fields/")
    assert [h.get_text() for h in page.select("article h2")] == ["主要领域", "其他领域"]
    assert [a.contents[0].strip() for a in page.select("article .sc-terms a")] == ["文化体育", "社区服务"]
    ungrouped = soup(cities(edits=NO_GROUPS), "fields/")
    assert not ungrouped.select("article h2")
    assert [a.contents[0].strip() for a in ungrouped.select("article .sc-terms a")] == \
        ["社区服务", "文化体育"]
