"""Tiles as configuration, markers in the tiles' system, links to navigation apps."""

import shutil
from urllib.parse import parse_qs, unquote, urlsplit

import prcoords
import pytest

from generator.coords import LatLng, distance_m
from generator.maps import navigation_links, on_tiles, tile_layer
from generator.schema import MapTiles
from generator.validate import validate

from .conftest import FIXTURES

VENUE = LatLng(22.545786, 114.082871)  # WGS-84


def _within_a_metre(lat: float, lng: float, reference) -> bool:
    return distance_m(LatLng(lat, lng), LatLng(reference.lat, reference.lon)) < 1.0


def test_each_app_gets_coordinates_in_its_own_system():
    links = {link.service: link.href for link in navigation_links(VENUE, "展示点", "某路 1 号")}
    gcj = prcoords.wgs_gcj((VENUE.lat, VENUE.lng))
    bd = prcoords.wgs_bd((VENUE.lat, VENUE.lng))

    amap = parse_qs(urlsplit(links["amap"]).query)
    lng, lat = map(float, amap["position"][0].split(","))
    assert _within_a_metre(lat, lng, gcj) and amap["name"] == ["展示点"]

    baidu = parse_qs(urlsplit(links["baidu"]).query)
    lat, lng = map(float, baidu["location"][0].split(","))
    assert _within_a_metre(lat, lng, bd) and baidu["coord_type"] == ["bd09ll"]

    tencent = unquote(parse_qs(urlsplit(links["tencent"]).query)["marker"][0])
    lat, lng = map(float, tencent.split(";")[0].removeprefix("coord:").split(","))
    assert _within_a_metre(lat, lng, gcj) and "title:展示点" in tencent

    assert links["geo"].startswith(f"geo:{VENUE.lat:.6f},{VENUE.lng:.6f}?q=")


def test_markers_are_shifted_onto_amap_tiles_only():
    assert on_tiles(VENUE, MapTiles(provider="osm")) == VENUE
    shifted = on_tiles(VENUE, MapTiles(provider="amap"))
    assert _within_a_metre(*shifted, prcoords.wgs_gcj((VENUE.lat, VENUE.lng)))


def test_tile_layers():
    osm = tile_layer(MapTiles(provider="osm"))
    assert osm["urls"] == ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"] and osm["system"] == "wgs84"
    amap = tile_layer(MapTiles(provider="amap", approval_number="审图号：GS(2024)0001号"))
    assert amap["system"] == "gcj02" and amap["attribution"].endswith("| 审图号：GS(2024)0001号")
    tianditu = tile_layer(MapTiles(provider="tianditu", key_env="TIANDITU_MY_KEY"),
                          {"TIANDITU_MY_KEY": "k&1"})
    assert len(tianditu["urls"]) == 2 and all(url.endswith("&tk=k%261") for url in tianditu["urls"])
    assert tile_layer(MapTiles(attribution="<b>x</b>"))["attribution"] == "&lt;b&gt;x&lt;/b&gt;"


# the appended map: block starts on the line after the fixture's site.yml
MAP_LINE = len((FIXTURES / "city" / "data" / "site.yml").read_text(encoding="utf-8").splitlines()) + 1


def _site_with(tmp_path, map_yaml: str):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    with open(data / "site.yml", "a", encoding="utf-8") as site:
        site.write(map_yaml)
    return [str(issue) for issue in validate(data, tmp_path)[1]]


def test_unknown_tile_provider(tmp_path):
    assert _site_with(tmp_path, "map:\n  tiles:\n    provider: google\n") == [
        f"data/site.yml:{MAP_LINE + 2}:15: map.tiles.provider: 'google' 不是可选值（可选：amap, tianditu, pmtiles, osm）"]


def test_tianditu_needs_its_key_in_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("TIANDITU_KEY", raising=False)
    assert _site_with(tmp_path, "map:\n  tiles: {provider: tianditu}\n") == [
        f"data/site.yml:{MAP_LINE + 1}:21: map.tiles.provider: 底图为天地图，但环境变量 TIANDITU_KEY 没有设置"
        "（请在生成网站的环境里设置天地图密钥，例如 GitHub 仓库的 Secrets；密钥不要写进文件）"]
    monkeypatch.setenv("TIANDITU_KEY", "abc")
    assert _site_with(tmp_path / "again", "map:\n  tiles: {provider: tianditu}\n") == []


@pytest.mark.parametrize("name", [
    "3f2a9c",  # the key itself, written where its variable's name belongs
    "GITHUB_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN",  # another secret, published with the map
])
def test_the_key_is_read_only_from_a_tianditu_variable(tmp_path, name):
    assert _site_with(tmp_path, f"map:\n  tiles: {{provider: osm, key_env: {name}}}\n") == [
        f"data/site.yml:{MAP_LINE + 1}:35: map.tiles.key_env: '{name}' 不能用作天地图密钥的"
        "环境变量名（须以 TIANDITU_ 开头，只用大写字母、数字和下划线，如 TIANDITU_KEY：密钥会"
        "公开在网页上，其他名字可能读到别的密钥；密钥本身不要写在这里）"]


def _point_with(tmp_path, old: str, new: str):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    point = data / "points" / "beishan-centre.yml"
    text = point.read_text(encoding="utf-8")
    assert old in text
    point.write_text(text.replace(old, new), encoding="utf-8")
    return validate(data, tmp_path)


def test_coordinates_without_their_system(tmp_path):
    _, issues = _point_with(tmp_path, "{system: wgs84, lat: 30.2601, lng: 120.1402}",
                            "{lat: 30.2601, lng: 120.1402}")
    assert [str(i) for i in issues] == [
        "data/points/beishan-centre.yml:14:16: location.coordinates.system: 缺少必填字段 'system'"
        "（坐标系：从哪种地图上取的坐标就填哪种，生成网站时统一换算）"]


def test_gcj02_coordinates_are_checked_in_wgs84(tmp_path):
    # picked on AMap: the same venue, about 500 m away in GCJ-02 numbers, is accepted
    validated, issues = _point_with(tmp_path, "{system: wgs84, lat: 30.2601, lng: 120.1402}",
                                    "{system: gcj02, lat: 30.2578, lng: 120.1449}")
    assert issues == []
    point = next(p for p in validated.collections["points"] if p.id == "beishan-centre")
    assert point.location.coordinates.system == "gcj02"


def test_a_point_without_coordinates_is_published_with_a_warning(tmp_path):
    validated, issues = _point_with(tmp_path, "  coordinates: {system: wgs84, lat: 30.2601, lng: 120.1402}\n", "")
    assert issues == []
    assert [str(w) for w in validated.warnings] == [
        "data/points/beishan-centre.yml:11:3: location: 提醒：没有坐标，页面不显示地图"
        "（如需显示，请在 location.coordinates 下填写）",
        "data/points/lingyin-centre.yml:8:3: location: 提醒：没有坐标，页面不显示地图"
        "（如需显示，请在 location.coordinates 下填写）"]


def test_the_overview_map_never_renders_the_data_as_a_template(tmp_path, monkeypatch):
    # folium compiles its options as a Jinja template a second time: an attribution of
    # "{{ 7*7 }}" printed 49, and a longer one ran a shell command on the build machine
    from generator.maps import overview_map
    from generator.model import build_directory

    monkeypatch.setenv("SHOWCASE_SECRET_MARKER", "leaked-7f3a")
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "city" / "data", data)
    credit = "{{ 7*7 }}{{ cycler.__init__.__globals__.os.environ }}{% raw %} 1 < 2 & 3"
    approval = "审图号：{{ config }}"
    site = data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + (
        f"map:\n  tiles:\n    provider: osm\n    attribution: '{credit}'\n"
        f"    approval_number: '{approval}'\n"), encoding="utf-8")
    validated, issues = validate(data, tmp_path)
    assert issues == []
    overview = overview_map(build_directory(validated))

    everything = overview.element + overview.script
    assert "49" not in everything and "leaked-7f3a" not in everything
    assert "{{" not in everything and "environ" not in everything
    assert overview.attribution == (
        "{{ 7*7 }}{{ cycler.__init__.__globals__.os.environ }}{% raw %} 1 &lt; 2 &amp; 3"
        " | 审图号：{{ config }}")
