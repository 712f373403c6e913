"""Maps: tile providers, what a page's map script needs, and links to navigation apps.

Which tiles a city uses is configuration (``data/site.yml``, ``map.tiles``). A provider
publishes its tiles in one coordinate system, and markers must be drawn in the same
one, or they sit hundreds of metres off their street on AMap's GCJ-02 tiles. AMap and
Tianditu load in mainland China; a PMTiles file of the city's region (``pmtiles``) is
served by the site itself and drawn in the browser, so the maps ask no other host.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Mapping
from urllib.parse import quote

from markupsafe import escape

from .coords import LatLng, from_wgs84
from .schema import MapTiles

if TYPE_CHECKING:
    from .model import Directory


# The vendored libraries (theme/overrides/assets/vendor), as site paths.
VENDOR = {
    "leaflet_js": "assets/vendor/leaflet-1.9.4/leaflet.js",
    "leaflet_css": "assets/vendor/leaflet-1.9.4/leaflet.css",
    "cluster_js": "assets/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
    "cluster_css": "assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.css",
    "cluster_default_css": "assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.Default.css",
    "protomaps_js": "assets/vendor/protomaps-leaflet-5.1.0/protomaps-leaflet.js",
    "tiles_js": "assets/javascripts/showcase-tiles.js",
}
# Where the site publishes its own tiles (map.tiles.pmtiles), by the file's name.
TILES_DIR = "assets/map"


@dataclass(frozen=True)
class Provider:
    """A tile service: URL templates for Leaflet, its coordinate system and credit."""

    urls: tuple[str, ...]  # base layer first, then overlays (e.g. Tianditu's labels)
    subdomains: str
    system: str
    attribution: str  # HTML
    max_zoom: int
    kind: str = "raster"  # or "vector": the site's PMTiles file, drawn in the browser


_OSM_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者'
_TIANDITU = ("https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile"
             "&VERSION=1.0.0&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles"
             "&TILEMATRIX={{z}}&TILEROW={{y}}&TILECOL={{x}}&tk={{key}}")

PROVIDERS: dict[str, Provider] = {
    "osm": Provider(("https://tile.openstreetmap.org/{z}/{x}/{y}.png",), "", "wgs84", _OSM_CREDIT, 19),
    "amap": Provider(
        ("https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8"
         "&x={x}&y={y}&z={z}",), "1234", "gcj02", "&copy; 高德地图", 18),
    "tianditu": Provider(
        (_TIANDITU.format(s="{s}", layer="vec"), _TIANDITU.format(s="{s}", layer="cva")),
        "01234567", "wgs84", "&copy; 天地图", 18),
    # the file's address is the site's own (tile_layer); its data is OpenStreetMap's,
    # drawn closer than its deepest zoom as the point pages need
    "pmtiles": Provider((), "", "wgs84", "地图数据 " + _OSM_CREDIT, 19, "vector"),
}
# Providers whose maps are published in mainland China with an approval number (审图号)
# that the map must show (map.tiles.approval_number): the check reminds of a missing one.
APPROVED_PROVIDERS = {"amap": "高德地图", "tianditu": "天地图"}


def tile_layer(tiles: MapTiles, environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """What showcase-tiles.js needs to draw the configured tiles (JSON-ready). The site's
    own file is given by its path in the site, which the script resolves."""
    provider = PROVIDERS[tiles.provider]
    urls = list(provider.urls)
    if tiles.provider == "tianditu":  # the key comes from the environment, never a file
        key = quote(environ.get(tiles.key_env, ""), safe="")
        urls = [url.replace("{key}", key) for url in urls]
    own = published_tiles(tiles)
    if own:
        urls = [quote(own)]
    credit = str(escape(tiles.attribution)) if tiles.attribution else provider.attribution
    if tiles.approval_number:
        credit += f" | {escape(tiles.approval_number)}"
    return {"kind": provider.kind, "urls": urls, "subdomains": provider.subdomains,
            "attribution": credit, "maxZoom": provider.max_zoom, "system": provider.system}


def published_tiles(tiles: MapTiles) -> str | None:
    """Where the site publishes its own tiles file, if it draws one."""
    if tiles.provider != "pmtiles" or not tiles.pmtiles:
        return None
    return f"{TILES_DIR}/{PurePosixPath(tiles.pmtiles).name}"


def tiles_files(tiles: MapTiles, data_dir: Path) -> dict[str, Path]:
    """The site's own tiles file: site path → source file (none for a tile service)."""
    own = published_tiles(tiles)
    return {own: data_dir / tiles.pmtiles} if own and tiles.pmtiles else {}


@dataclass(frozen=True)
class PMTilesHeader:
    """What the check reads from a PMTiles file's 127-byte header (the PMTiles v3 spec)."""

    version: int
    tile_type: int  # 1 vector (MVT), 2 PNG, 3 JPEG, 4 WebP, 5 AVIF, 0 unknown
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float]  # west, south, east, north (WGS-84)


PMTILES_MAGIC = b"PMTiles"
PMTILES_HEADER_SIZE = 127
PMTILES_TILE_TYPES = {0: "未知类型", 1: "矢量（MVT）", 2: "PNG 图片", 3: "JPEG 图片",
                      4: "WebP 图片", 5: "AVIF 图片"}


def pmtiles_header(path: Path) -> PMTilesHeader | None:
    """The header of a PMTiles file, or None when the file does not start as one. Of a
    version other than 3, only the version is read (its layout may differ)."""
    with open(path, "rb") as file:
        head = file.read(PMTILES_HEADER_SIZE)
    if len(head) < 8 or not head.startswith(PMTILES_MAGIC):
        return None
    version = head[7]
    if version != 3 or len(head) < PMTILES_HEADER_SIZE:
        return PMTilesHeader(version, 0, 0, 0, (0.0, 0.0, 0.0, 0.0))
    tile_type, min_zoom, max_zoom = head[99], head[100], head[101]
    west, south, east, north = (v / 1e7 for v in struct.unpack_from("<4i", head, 102))
    return PMTilesHeader(version, tile_type, min_zoom, max_zoom, (west, south, east, north))


def on_tiles(position: LatLng, tiles: MapTiles) -> LatLng:
    """A WGS-84 position in the coordinate system of the configured tiles."""
    return from_wgs84(PROVIDERS[tiles.provider].system, *position)


@dataclass(frozen=True)
class NavigationLink:
    """A link that opens the venue in a map or navigation app."""

    service: str  # amap, baidu, tencent, geo
    href: str


def navigation_links(position: LatLng, name: str, address: str,
                     source: str = "showcase") -> list[NavigationLink]:
    """Links to AMap and Tencent (GCJ-02), Baidu (BD-09) and a geo: URI (WGS-84)."""
    gcj = from_wgs84("gcj02", *position)
    bd = from_wgs84("bd09", *position)
    name_q, address_q = quote(name), quote(address)
    return [
        NavigationLink("amap", f"https://uri.amap.com/marker?position={gcj.lng:.6f},{gcj.lat:.6f}"
                               f"&name={name_q}&src={source}&coordinate=gaode&callnative=1"),
        NavigationLink("baidu", f"https://api.map.baidu.com/marker?location={bd.lat:.6f},{bd.lng:.6f}"
                                f"&title={name_q}&content={address_q}&output=html"
                                f"&coord_type=bd09ll&src=webapp.{source}"),
        NavigationLink("tencent", f"https://apis.map.qq.com/uri/v1/marker?marker=coord:"
                                  f"{gcj.lat:.6f},{gcj.lng:.6f};title:{name_q};addr:{address_q}"
                                  f"&referer={source}"),
        NavigationLink("geo", f"geo:{position.lat:.6f},{position.lng:.6f}"
                              f"?q={position.lat:.6f},{position.lng:.6f}({name_q})"),
    ]


# Colours of the service fields on the overview map, in taxonomy order (cycled if more).
PALETTE = ("#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000",
           "#2e4053", "#b03a2e", "#1a5276", "#196f3d", "#9a7d0a", "#6c3483", "#0e6655",
           "#873600", "#566573", "#943126", "#154360", "#145a32", "#7e5109", "#4a235a")


@dataclass(frozen=True)
class Overview:
    """The overview map: folium's map element and script, and what the page lists."""

    element: str  # the map's <div>
    script: str  # folium's JavaScript: map, tiles, clustered markers
    fields: list[dict[str, Any]]  # id, name and colour of each field on the map
    points: list[tuple[Any, int | None]]  # every awarded point, with its marker's number
    attribution: str  # the tiles' credit, HTML (the data's words escaped): set by the script
    max_zoom: int  # the closest the map opens at, fitted to its markers: a point page's zoom


def overview_map(directory: Directory) -> Overview:
    """Every awarded point with a position, clustered, coloured by field (folium).

    A marker's name and link are not repeated in the map's data: the script reads them
    from the list of points beside the map (the page would otherwise carry them twice,
    too heavy at 10,000 points). Element ids are fixed (folium's are random) so that two
    builds of the same data are identical.
    """
    import folium  # imported here: only the map page needs it, and it is slow to import
    from folium.plugins import FastMarkerCluster

    config = directory.site.map
    layer = tile_layer(config.tiles)
    centre = on_tiles(LatLng(directory.site.region.centre.lat, directory.site.region.centre.lng),
                      config.tiles)
    fields = [term for term in directory.taxonomies["fields"].values()
              if any(p.field == term.id for p in directory.awarded)]
    field_index = {term.id: i for i, term in enumerate(fields)}
    shown = [p for p in directory.awarded if p.id in directory.positions]

    # No tiles and no controls from folium: showcase-tiles.js adds them from the page's
    # JSON data, as on a point page (Chinese labels, metric scale, the site's own vector
    # tiles). folium renders its options through Jinja a second time: no text of the
    # data goes in (an attribution of "{{ … }}" would run on the build machine).
    figure = folium.Map(location=[round(centre.lat, 6), round(centre.lng, 6)],
                        zoom_start=config.overview_zoom, tiles=None, zoom_control=False,
                        control_scale=False)
    figure.options["max_zoom"] = layer["maxZoom"]  # the clusters need it before any tile layer
    figure._id = "overview"
    rows = []
    for index, point in enumerate(shown):
        where = on_tiles(directory.positions[point.id], config.tiles)
        rows.append([round(where.lat, 6), round(where.lng, 6), field_index[point.field], index])
    cluster = FastMarkerCluster(rows, callback="function (row) { return showcaseOverview.marker(row); }")
    cluster._id = "points"
    cluster.add_to(figure)

    root = figure.get_root()
    root.render()
    script = root.script.render() + f"\nshowcaseOverview.ready({figure.get_name()}, {cluster.get_name()});\n"
    script = script.replace("</", "<\\/")  # it is embedded in a <script> element
    fields_data = [{"id": t.id, "name": t.name, "color": PALETTE[i % len(PALETTE)]}
                   for i, t in enumerate(fields)]
    marker_of = {point.id: index for index, point in enumerate(shown)}
    points = [(point, marker_of.get(point.id)) for point in directory.awarded]
    return Overview(root.html.render().strip(), script, fields_data, points, layer["attribution"],
                    min(config.point_zoom, layer["maxZoom"]))
