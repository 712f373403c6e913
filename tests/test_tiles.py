"""Maps with no foreign dependency: the site's own PMTiles file, checked, published and
drawn in Chromium from the site alone; AMap's tiles asked of AMap only; a note when no
tile comes; no empty box without JavaScript; controls in Chinese, metric scale only.

The PMTiles file is made here (pmtiles' writer, mapbox-vector-tile's encoder): vector
tiles in the Protomaps basemap's layers (earth, water, roads, places) over the demo's
region, zooms 0 to 12, each tile crossed by a grid of roads so that every piece of the
map, at every zoom, has something to draw besides the background."""

from __future__ import annotations

import gzip
import math
import shutil
import struct
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.maps import tile_layer
from generator.schema import MapTiles
from generator.validate import validate

from .conftest import FIXTURES, base_path, build, copy_site_inputs, serve

HALF = 20037508.342789244  # half the Web Mercator world, in metres
DEMO_BBOX = (113.70, 22.40, 115.40, 23.10)  # west, south, east, north: the demo's region
AMAP_HOSTS = {f"webrd0{n}.is.autonavi.com" for n in "1234"}
POINT = "points/futian-vr-industry/"


def _mercator(lng: float, lat: float) -> tuple[float, float]:
    return lng * HALF / 180, math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * HALF / math.pi


def _tiles_over(z: int, west: float, south: float, east: float, north: float):
    n = 2 ** z

    def column(lng):
        return min(n - 1, int((lng + 180) / 360 * n))

    def row(lat):
        return min(n - 1, int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n))

    return [(x, y) for x in range(column(west), column(east) + 1)
            for y in range(row(north), row(south) + 1)]


def write_pmtiles(path: Path, bbox=DEMO_BBOX, zooms=range(13), tile_type: int | None = None) -> Path:
    """A PMTiles v3 file of MVT tiles in the Protomaps basemap's layers over *bbox*."""
    import mapbox_vector_tile
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer
    from shapely.geometry import LineString, Point, Polygon, box

    west, south, east, north = bbox
    coast = south + (north - south) / 8
    sea = Polygon([_mercator(west, south), _mercator(east, south), _mercator(east, coast),
                   _mercator(west, coast)])
    town = Point(_mercator((west + east) / 2, (south + north) / 2))
    tiles = {}
    for z in zooms:
        size = 2 * HALF / 2 ** z
        for x, y in _tiles_over(z, *bbox):
            bounds = (-HALF + x * size, HALF - (y + 1) * size, -HALF + (x + 1) * size, HALF - y * size)
            clip = box(*bounds)
            roads = [LineString([(bounds[0] + i * size / 16, bounds[1]), (bounds[0] + i * size / 16, bounds[3])])
                     for i in range(1, 16)]
            roads += [LineString([(bounds[0], bounds[1] + i * size / 16), (bounds[2], bounds[1] + i * size / 16)])
                      for i in range(1, 16)]
            layers = [
                {"name": "earth", "features": [{"geometry": clip, "properties": {"kind": "earth"}}]},
                {"name": "roads", "features": [{"geometry": road, "properties": {"kind": "major_road"}}
                                               for road in roads]},
            ]
            if sea.intersects(clip):
                layers.insert(1, {"name": "water", "features": [
                    {"geometry": sea.intersection(clip), "properties": {"kind": "ocean"}}]})
            if clip.contains(town):
                layers.append({"name": "places", "features": [{"geometry": town, "properties": {
                    "kind": "locality", "name": "示例市", "min_zoom": 0, "population_rank": 10}}]})
            with warnings.catch_warnings():  # its own use of shapely.ops.transform
                warnings.simplefilter("ignore", DeprecationWarning)
                data = mapbox_vector_tile.encode(layers, default_options={"quantize_bounds": bounds})
            tiles[zxy_to_tileid(z, x, y)] = gzip.compress(data, mtime=0)
    e7 = lambda value: round(value * 1e7)  # noqa: E731
    with open(path, "wb") as file:
        writer = Writer(file)
        for tile_id in sorted(tiles):
            writer.write_tile(tile_id, tiles[tile_id])
        writer.finalize({
            "tile_type": TileType.MVT, "tile_compression": Compression.GZIP,
            "min_lon_e7": e7(west), "min_lat_e7": e7(south), "max_lon_e7": e7(east),
            "max_lat_e7": e7(north), "center_zoom": 10, "center_lon_e7": e7((west + east) / 2),
            "center_lat_e7": e7((south + north) / 2),
        }, {"vector_layers": [{"id": name, "fields": {}} for name in
                              ("earth", "water", "roads", "places")]})
    if tile_type is not None:  # the same file, said to hold another kind of tiles
        with open(path, "r+b") as file:
            file.seek(99)
            file.write(bytes([tile_type]))
    return path


# -- configuration ---------------------------------------------------------------------

def test_the_default_provider_loads_in_mainland_china():
    layer = tile_layer(MapTiles())
    assert layer["kind"] == "raster" and layer["system"] == "gcj02"
    assert {urlsplit(url.replace("{s}", n)).netloc for url in layer["urls"] for n in "1234"} == AMAP_HOSTS


def test_the_site_s_own_file_is_drawn_from_the_site():
    layer = tile_layer(MapTiles(provider="pmtiles", pmtiles="map/深圳 region.pmtiles"))
    assert layer["kind"] == "vector" and layer["system"] == "wgs84"
    assert layer["urls"] == ["assets/map/%E6%B7%B1%E5%9C%B3%20region.pmtiles"]
    assert "OpenStreetMap" in layer["attribution"]


MAP_LINE = len((FIXTURES / "city" / "data" / "site.yml").read_text(encoding="utf-8").splitlines()) + 1
GUIDE = "见编辑指南“自备底图”"


def _checked(tmp_path, map_yaml: str, files: dict[str, bytes | None] | None = None):
    """The fixture city with a map: block appended and *files* in its data folder (None:
    a real PMTiles file); (errors, warnings of site.yml) as the check prints them."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    for name, content in (files or {}).items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            write_pmtiles(data / name, bbox=(119.9, 30.1, 120.4, 30.4), zooms=range(3))
        else:
            (data / name).write_bytes(content)
    with open(data / "site.yml", "a", encoding="utf-8") as site:
        site.write(map_yaml)
    validated, issues = validate(data, tmp_path)
    warnings = [str(w) for w in (validated.warnings if validated else []) if w.file == "data/site.yml"]
    return [str(i) for i in issues], warnings


def test_a_pmtiles_file_that_passes(tmp_path):
    assert _checked(tmp_path, "map:\n  tiles: {provider: pmtiles, pmtiles: map/city.pmtiles}\n",
                    {"map/city.pmtiles": None}) == ([], [])


@pytest.mark.parametrize("value,files,message", [
    (None, {}, "provider: 底图为 pmtiles，但没有写地图文件（请在 map.tiles 下写 pmtiles：地图文件在 "
               "data/ 下的路径，如 map/region.pmtiles；这个文件怎样做，" + GUIDE + "）"),
    ("map/none.pmtiles", {}, "pmtiles: 找不到地图文件 data/map/none.pmtiles（请把 .pmtiles 文件放进 "
                             "data/ 下，或改正路径）"),
    ("../city.pmtiles", {}, "pmtiles: '../city.pmtiles' 不在 data/ 下（地图文件只能取自 data/：请把它放进 "
                            "data/，这里写它在 data/ 下的路径，如 map/region.pmtiles）"),
    ("/etc/hostname", {}, "pmtiles: '/etc/hostname' 不在 data/ 下（地图文件只能取自 data/：请把它放进 "
                          "data/，这里写它在 data/ 下的路径，如 map/region.pmtiles）"),
    ("map/city.pmtiles", {"map/city.pmtiles": b"\x89PNG\r\n\x1a\n" + bytes(200)},
     "pmtiles: data/map/city.pmtiles 不是 PMTiles 文件（文件开头没有 PMTiles 标记；请用 pmtiles extract "
     "从 Protomaps 底图截取本市范围，" + GUIDE + "）"),
    ("map/city.pmtiles", {"map/city.pmtiles": b"PMTiles\x02" + bytes(200)},
     "pmtiles: data/map/city.pmtiles 是 PMTiles 第 2 版，本站要第 3 版（请用 pmtiles convert 转成第 3 版，"
     "或重新截取）"),
])
def test_the_pmtiles_file_is_checked(tmp_path, value, files, message):
    tiles = "{provider: pmtiles" + (f", pmtiles: '{value}'" if value else "") + "}"
    errors, _ = _checked(tmp_path, f"map:\n  tiles: {tiles}\n", files)
    column = 21 if value is None else 39
    assert errors == [f"data/site.yml:{MAP_LINE + 1}:{column}: map.tiles.{message}"]


def test_raster_tiles_are_refused(tmp_path):
    data = tmp_path / "raster.pmtiles"
    write_pmtiles(data, zooms=range(2), tile_type=2)
    errors, _ = _checked(tmp_path / "site", "map:\n  tiles:\n    provider: pmtiles\n    pmtiles: city.pmtiles\n",
                         {"city.pmtiles": data.read_bytes()})
    assert errors == [f"data/site.yml:{MAP_LINE + 3}:14: map.tiles.pmtiles: data/city.pmtiles 里是PNG 图片瓦片，"
                      "本站只画矢量瓦片（MVT）（请从 Protomaps 底图截取本市范围，" + GUIDE + "）"]


def test_a_file_of_another_region_is_a_reminder(tmp_path):
    data = tmp_path / "elsewhere.pmtiles"
    write_pmtiles(data, zooms=range(2))  # Shenzhen, for the fixture city in Hangzhou
    errors, warnings = _checked(tmp_path / "site", "map:\n  tiles: {provider: pmtiles, pmtiles: sz.pmtiles}\n",
                                {"sz.pmtiles": data.read_bytes()})
    assert errors == []
    assert warnings == [
        f"data/site.yml:{MAP_LINE + 1}:39: map.tiles.pmtiles: 提醒：data/sz.pmtiles 的范围（经度 113.7～115.4，"
        "纬度 22.4～23.1）不含地图中心 region.centre（30.27, 120.15）：地图会是空白（请按本市范围 "
        "region.bbox 重新截取）"]


def test_a_file_too_large_for_github(tmp_path):
    data = tmp_path / "site" / "data"
    big = tmp_path / "big.pmtiles"
    write_pmtiles(big, zooms=range(1))
    with open(big, "r+b") as file:  # sparse: costs no disk
        file.truncate(101 * 2**20)
    errors, _ = _checked(tmp_path / "site", "map:\n  tiles: {provider: pmtiles, pmtiles: big.pmtiles}\n")
    assert errors  # the file is not there yet: the check says so
    shutil.move(big, data / "big.pmtiles")
    validated, issues = validate(data, tmp_path / "site")
    assert [str(i) for i in issues] == [
        f"data/site.yml:{MAP_LINE + 1}:39: map.tiles.pmtiles: data/big.pmtiles 有 101 MB，超过 GitHub 单个"
        "文件 100 MB 的上限（请缩小范围或最大缩放级别重新截取，如 --maxzoom=14；" + GUIDE + "）"]


@pytest.mark.parametrize("provider,name", [("amap", "高德地图"), ("tianditu", "天地图")])
def test_a_chinese_provider_without_its_approval_number_is_a_reminder(tmp_path, monkeypatch, provider, name):
    monkeypatch.setenv("TIANDITU_KEY", "k")
    errors, warnings = _checked(tmp_path, f"map:\n  tiles:\n    provider: {provider}\n")
    assert errors == []
    assert warnings == [
        f"data/site.yml:{MAP_LINE + 2}:15: map.tiles.provider: 提醒：底图为{name}，但没有写审图号（在中国大陆"
        f"公开的地图要标明审图号：请查到{name}公布的审图号，写在 map.tiles.approval_number，"
        "如“审图号：GS(2024)0001号”）"]
    approved = f"map:\n  tiles:\n    provider: {provider}\n    approval_number: 审图号：GS(2024)0001号\n"
    assert _checked(tmp_path / "again", approved) == ([], [])


def test_a_file_named_for_another_provider_is_a_reminder(tmp_path):
    errors, warnings = _checked(tmp_path, "map:\n  tiles:\n    provider: amap\n    pmtiles: city.pmtiles\n"
                                          "    approval_number: 审图号：GS(2024)0001号\n")
    assert errors == [] and warnings == [
        f"data/site.yml:{MAP_LINE + 3}:14: map.tiles.pmtiles: 提醒：写了地图文件 pmtiles，但底图不是 pmtiles，"
        "这个文件不会发布（要用它，请把 provider 改为 pmtiles；不用，就删去这一行）"]


def test_tiles_from_abroad_are_a_reminder(tmp_path):
    errors, warnings = _checked(tmp_path, "map:\n  tiles:\n    provider: osm\n")
    assert errors == [] and warnings == [
        f"data/site.yml:{MAP_LINE + 2}:15: map.tiles.provider: 提醒：底图为 OpenStreetMap：它的服务器在境外，"
        "在中国大陆常常打不开，而“关于本站”页写着本站不依赖境外网络服务（请改用 amap、tianditu 或 pmtiles，"
        "见编辑指南“地图的底图”）"]


# -- the demo with its own file, built and drawn --------------------------------------

@pytest.fixture(scope="module")
def own_tiles_site(tmp_path_factory) -> Path:
    """The demo with `provider: pmtiles` and a PMTiles file of its region, built once."""
    demo = copy_site_inputs(tmp_path_factory.mktemp("own-tiles") / "project")
    (demo / "data" / "map").mkdir()
    write_pmtiles(demo / "data" / "map" / "shenzhen.pmtiles")
    site_yml = demo / "data" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    assert "    provider: amap\n" in text
    site_yml.write_text(text.replace("    provider: amap\n",
                                     "    provider: pmtiles\n    pmtiles: map/shenzhen.pmtiles\n"),
                        encoding="utf-8")
    return build(demo / "mkdocs.yml", demo / "site")


def test_the_file_is_published_from_the_site(own_tiles_site):
    source = own_tiles_site.parent / "data" / "map" / "shenzhen.pmtiles"
    assert (own_tiles_site / "assets" / "map" / "shenzhen.pmtiles").read_bytes() == source.read_bytes()
    header = source.read_bytes()[:127]
    assert header[:8] == b"PMTiles\x03" and struct.unpack_from("<4i", header, 102)[0] == 1137000000


def _recorded(browser, url: str, *, javascript: bool = True):
    """A phone-sized page that records every request's address and lets only the site's
    own through (other hosts are unreachable here, as where they are blocked)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN",
                                  java_script_enabled=javascript)
    page = context.new_page()
    page.requests, page.errors = [], []
    own = urlsplit(url).netloc
    page.on("request", lambda request: page.requests.append(request))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == own
               else route.abort())
    return context, page


def _open(page, url: str, path: str):
    page.goto(url + path, wait_until="networkidle")
    if path == POINT and page.evaluate("!!document.querySelector('.sc-map')"):
        page.locator(".sc-map").scroll_into_view_if_needed()
        page.wait_for_selector(".sc-map.sc-map--ready", timeout=10000)
    page.wait_for_load_state("networkidle")


# Colours painted on the map's tile canvases (every 8th pixel of each), once there are
# at least three (land, water or road, and more), or whatever there is after 15 s.
CANVAS_COLOURS = """async (least) => {
    const count = () => {
        const seen = new Set();
        for (const canvas of document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile')) {
            if (!canvas.width) continue;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < data.length; i += 32) seen.add(data.slice(i, i + 4).join());
        }
        return seen.size;
    };
    for (let tries = 0; tries < 150 && count() < least; tries++) {
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return count();
}"""


@pytest.mark.parametrize("ranges", [True, False], ids=["ranges", "whole-file"])
@pytest.mark.parametrize("path", ["map/", POINT])
def test_the_own_map_draws_with_requests_to_the_site_only(browser, own_tiles_site, path, ranges):
    """As GitHub Pages serves it (byte ranges), and as `showcase serve` does (the whole
    file to a range request): the map is drawn, and no request leaves the site."""
    url, server = serve(own_tiles_site, base_path(own_tiles_site.parent / "mkdocs.yml"), ranges=ranges)
    context, page = _recorded(browser, url)
    try:
        _open(page, url, path)
        assert page.evaluate(CANVAS_COLOURS, 3) >= 3, "the map's tiles show no land, water and road"
        hosts = {urlsplit(request.url).netloc for request in page.requests}
        assert hosts == {urlsplit(url).netloc}
        file_requests = [r for r in page.requests if r.url.endswith("/assets/map/shenzhen.pmtiles")]
        assert file_requests
        statuses = {r.response().status for r in file_requests if r.response()}
        assert statuses == ({206} if ranges else {200})
        assert page.locator(".sc-map-failed").is_hidden()
        assert page.errors == []
    finally:
        context.close()
        server.shutdown()


# -- the demo (AMap): the tiles' host only, and a note when none comes ------------------

@pytest.mark.parametrize("path,link", [("map/", "#list"), (POINT, "#sc-navigate")])
def test_amap_is_the_only_other_host_and_its_absence_is_said(browser, demo_url, path, link):
    context, page = _recorded(browser, demo_url)
    try:
        _open(page, demo_url, path)
        hosts = {urlsplit(request.url).netloc for request in page.requests}
        own = urlsplit(demo_url).netloc
        assert hosts - {own} and hosts - {own} <= AMAP_HOSTS, hosts
        note = page.locator(".leaflet-container .sc-map-failed")
        note.wait_for(state="visible", timeout=15000)
        assert note.inner_text().startswith("底图没有加载出来（可能是网络不通、被拦截或底图服务不可用）。")
        assert note.locator("a").get_attribute("href") == link
        assert page.locator(link).count() == 1
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["map/", POINT])
def test_the_controls_speak_chinese_and_metric(browser, demo_url, path):
    context, page = _recorded(browser, demo_url)
    try:
        _open(page, demo_url, path)
        page.wait_for_selector(".leaflet-control-scale")
        buttons = page.locator(".leaflet-control-zoom a")
        assert buttons.evaluate_all("as => as.map(a => [a.title, a.getAttribute('aria-label')])") == [
            ["放大", "放大"], ["缩小", "缩小"]]
        scales = page.locator(".leaflet-control-scale-line").all_inner_texts()
        assert len(scales) == 1 and scales[0].split()[1] in ("m", "km")
        credit = page.locator(".leaflet-control-attribution")
        assert credit.inner_text() == "© 高德地图"
        assert credit.locator("a").count() == 0  # no "Leaflet" link
    finally:
        context.close()


@pytest.mark.parametrize("path", ["map/", POINT])
def test_without_javascript_no_empty_map_box(browser, demo_url, path):
    context, page = _recorded(browser, demo_url, javascript=False)
    try:
        page.goto(demo_url + path, wait_until="networkidle")
        box = page.locator(".sc-map, .sc-overview .folium-map").first
        assert not box.is_visible()
        note = page.locator(".sc-map-note")
        assert note.is_visible()
        assert note.inner_text().startswith("地图要在浏览器启用 JavaScript 后才能显示。")
    finally:
        context.close()


def test_a_new_city_starts_on_amap_with_the_others_explained():
    import datetime as dt

    import yaml

    from generator.newcity import NewCity, site_text

    text = site_text(NewCity("某市", Path("data"), Path("mkdocs.yml")), dt.date(2026, 1, 1))
    tiles = yaml.safe_load(text)["map"]["tiles"]
    assert tiles == {"provider": "amap", "approval_number": tiles["approval_number"]}
    assert tiles["approval_number"].startswith("请填写：")  # CI refuses until it is written
    block = text[text.index("\nmap:\n"):text.index("\n  # overview_zoom")]
    assert "tianditu（天地图：密钥放在生成网站的环境变量 TIANDITU_KEY 里" in block
    assert "pmtiles（本站自带的地图文件" in block and "    # pmtiles: " in block
