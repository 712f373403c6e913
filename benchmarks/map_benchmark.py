"""Map budget: what maps cost the build, and the overview map's weight and speed.

    .venv/bin/python benchmarks/map_benchmark.py [--sizes 1000 10000]

For each size it generates the synthetic data of build_benchmark.py, runs the pipeline,
and prints: the time of the map work (the folium overview and every point page's map
data and navigation links) against the whole pipeline; the overview page's bytes; and,
in headless Chromium (Debian's), how long after navigation the clustered markers are on
screen. Tiles are blocked (no network here), as they would be slow anyway: the markers
do not wait for them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_benchmark import write_data  # noqa: E402  (the same synthetic data)

from generator.build import Sources, generate  # noqa: E402
from generator.maps import overview_map  # noqa: E402
from generator.gate import read_locale  # noqa: E402
from generator.pages import Renderer  # noqa: E402


def map_costs(site) -> tuple[float, float]:
    """Seconds for the overview map, and for all point pages' map data and links."""
    directory = site.directory
    start = time.perf_counter()
    overview_map(directory)
    overview = time.perf_counter() - start
    renderer = Renderer(directory, REPO / "theme" / "pages",
                        read_locale(REPO / "theme" / "locales", "zh-CN"), "https://example.org/", {},
                        dt.date.today())
    start = time.perf_counter()
    for point in directory.awarded:
        if point.id in directory.positions:
            renderer.point_map(point)
            renderer.navigation(point)
    return overview, time.perf_counter() - start


def chromium_seconds(page_html: str, workdir: Path) -> float:
    """Seconds from navigation to the frame that first paints the clustered markers.

    (The names, the popups and the filter join a moment later, once the list is parsed.)"""
    from playwright.sync_api import sync_playwright

    root = workdir / "www"
    shutil.copytree(REPO / "theme" / "overrides" / "assets", root / "assets")
    (root / "map").mkdir(parents=True)
    (root / "map" / "index.html").write_text(
        "<!doctype html><html lang=zh><meta charset=utf-8>"
        '<link rel="stylesheet" href="../assets/stylesheets/showcase.css">'
        f"<body><article class=md-typeset>{page_html}</article></body></html>", encoding="utf-8")
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/map/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url[:-4])
                       else r.abort())
            page.goto(url, wait_until="commit")
            page.wait_for_selector(".sc-overview .marker-cluster", timeout=60000)
            page.wait_for_function("performance.getEntriesByName('showcase-markers-painted').length")
            # the frame in which the clustered markers were first painted
            seconds = page.evaluate(
                "performance.getEntriesByName('showcase-markers-painted')[0].startTime") / 1000
            if "--detail" in sys.argv:
                print(page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
                    return {responseEnd: n.responseEnd, domInteractive: n.domInteractive,
                            domContentLoaded: n.domContentLoadedEventEnd, now: performance.now()}; }"""))
            browser.close()
    finally:
        server.shutdown()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--detail", action="store_true", help="print the page load timings")
    args = parser.parse_args()
    print(f"{'N points':>8}  {'pipeline s':>10}  {'overview s':>10}  {'point maps s':>12}  "
          f"{'maps share':>10}  {'map page KB':>11}  {'markers on screen s':>19}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            data = work / "data"
            write_data(data, n, 20251123)  # with the repo's site.yml and taxonomies
            sources = Sources(data, REPO / "theme" / "pages", REPO / "theme" / "locales",
                              base_dir=work)
            start = time.perf_counter()
            site = generate(sources)
            pipeline = time.perf_counter() - start
            overview, point_maps = map_costs(site)
            page = next(p for p in site.pages if p.src_uri == "map/index.md")
            size_kb = len(page.html.encode("utf-8")) / 1024
            on_screen = chromium_seconds(page.html, work)
        share = (overview + point_maps) / pipeline
        print(f"{n:>8}  {pipeline:>10.2f}  {overview:>10.2f}  {point_maps:>12.2f}  "
              f"{share:>10.1%}  {size_kb:>11.0f}  {on_screen:>19.2f}")
    print("maps share: map work over the whole pipeline (the mkdocs build adds about 4x more).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
