"""Requests per page by host: the home page, the map page and a point page scrolled to
its map, in headless Chromium on a phone-sized screen, the demo served under its sub-path
as on GitHub Pages (byte ranges answered).

Every request is counted; those to another host are refused (as where a host is blocked
or unreachable), so the count is what a page asks for, not what it gets.

    .venv/bin/python benchmarks/map_requests.py            # the demo as shipped
    .venv/bin/python benchmarks/map_requests.py --pmtiles  # with a PMTiles file of its own
"""

from __future__ import annotations

import collections
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, DEMO_CONFIG, base_path, build, copy_site_inputs, serve  # noqa: E402

PAGES = {"home": "", "map": "map/", "point": "points/futian-vr-industry/"}


def own_tiles_demo(top: Path) -> Path:
    """A copy of the demo drawing a PMTiles file of its region (made as the tests make it)."""
    from tests.test_tiles import write_pmtiles

    demo = copy_site_inputs(top / "project")
    (demo / "data" / "map").mkdir()
    write_pmtiles(demo / "data" / "map" / "shenzhen.pmtiles")
    site_yml = demo / "data" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace(
        "    provider: amap\n", "    provider: pmtiles\n    pmtiles: map/shenzhen.pmtiles\n"),
        encoding="utf-8")
    return demo / "mkdocs.yml"


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as top:
        config = own_tiles_demo(Path(top)) if "--pmtiles" in sys.argv else DEMO_CONFIG
        site = build(config, Path(top) / "site")
        url, server = serve(site, base_path(config))
        own = urlsplit(url).netloc
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for name, path in PAGES.items():
                context = browser.new_context(viewport={"width": 390, "height": 844})
                page = context.new_page()
                hosts: collections.Counter = collections.Counter()

                def route(route):
                    host = urlsplit(route.request.url).netloc
                    hosts["(the site)" if host == own else host] += 1
                    route.continue_() if host == own else route.abort()

                page.route("**/*", route)
                page.goto(url + path, wait_until="networkidle")
                if page.locator(".sc-map").count():
                    page.locator(".sc-map").scroll_into_view_if_needed()
                    page.wait_for_selector(".sc-map--ready")
                    page.wait_for_load_state("networkidle")
                print(f"{name:6} {sum(hosts.values()):3} requests: "
                      + ", ".join(f"{host} {count}" for host, count in sorted(hosts.items())))
                context.close()
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
