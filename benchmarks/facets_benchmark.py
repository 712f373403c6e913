#!/usr/bin/env python
"""Facets benchmark: how much facet data the directory pages carry, and how fast the
filter answers in Chromium, at 10,000 points.

    .venv/bin/python benchmarks/facets_benchmark.py [--points 10000] [--repeat 5] [--again]

The script writes build_benchmark.py's synthetic data (N points, N projects, N/5 cases),
runs the pipeline's validate and model stages, and renders only the three directory
pages (points, projects, cases) with the real templates. For each it reports

- the facet data: every record's ``data-f`` attribute plus the facet form, in bytes
  (budget: 500 KB at 10,000 points), beside the whole page's HTML;
- the time from a tick in the form to the next painted frame, in headless Chromium
  (Debian's), with Material's and our style sheets and our scripts on the page: the
  median of ``--repeat`` runs of each of a few choices, ticked and unticked (budget:
  100 ms).

Only the standard library and what the project's virtualenv holds are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import re
import shutil
import socketserver
import statistics
import sys
import tempfile
import threading
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]

from build_benchmark import progress, write_data  # noqa: E402  (the same synthetic data)

from generator.model import build_directory  # noqa: E402
from generator.gate import read_locale  # noqa: E402
from generator.pages import Renderer  # noqa: E402
from generator.validate import validate  # noqa: E402

PAGES = {"points/index.md": "points", "projects/index.md": "projects", "cases/index.md": "cases"}
CHOICES = {  # facet fieldsets to tick a box in, each in turn
    "points": ["field", "district", "year", "type", "grade"],
    "projects": ["field", "group", "district", "year"],
    "cases": ["year", "field"],
}
MEASURE = """async ([facet, repeat]) => {
    const frame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
    const box = document.querySelector(`fieldset[data-facet=${facet}] input:not(:disabled)`);
    const times = [];
    for (let i = 0; i < repeat; i++) {
        for (const tick of [true, false]) {
            const start = performance.now();
            box.checked = tick;
            box.dispatchEvent(new Event("change", {bubbles: true}));
            const script = performance.now() - start;
            await frame();
            times.push([performance.now() - start, script]);
        }
    }
    return times;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def render_directories(data_dir: Path) -> dict[str, str]:
    validated, issues = validate(data_dir, data_dir.parent)
    if issues or validated is None:
        sys.exit("the synthetic data did not validate:\n" + "\n".join(map(str, issues[:20])))
    directory = build_directory(validated)
    strings = read_locale(REPO / "theme" / "locales", "zh-CN")
    renderer = Renderer(directory, REPO / "theme" / "pages", strings, "https://example.org/", {},
                        dt.date.today())
    jobs = [job for job in renderer._pages() if job.src_uri in PAGES]
    return {PAGES[job.src_uri]: renderer.render(job).html for job in jobs}


def page_html(body: str) -> tuple[str, Path]:
    material = next((REPO / ".venv").glob(
        "lib/python*/site-packages/material/templates/assets/stylesheets/main.*.min.css"))
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/material.css"><link rel="stylesheet" href="/showcase.css">
</head><body><div class="md-container"><main class="md-main"><div class="md-content">
<article class="md-content__inner md-typeset">{body}</article></div></main></div>
<script src="/showcase-visit.js" defer></script><script src="/showcase-facets.js" defer></script>
</body></html>""", material


def facet_bytes(body: str) -> int:
    codes = sum(len(m.group(0).encode()) for m in re.finditer(r' data-f="[^"]*"', body))
    form = re.search(r'<form class="sc-facets".*?</form>', body, re.S)
    return codes + (len(form.group(0).encode()) if form else 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20251123)
    parser.add_argument("--again", action="store_true",
                        help="reuse the pages rendered last time (benchmarks/out/, git-ignored) "
                             "to try style or script changes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="facets-"))
    try:
        pages = BENCH_DIR / "out" / f"facets-{args.points}"
        if args.again and pages.is_dir():
            progress(f"the directory pages rendered last time, from {pages}")
            bodies = {name: (pages / f"{name}.html").read_text(encoding="utf-8") for name in PAGES.values()}
        else:
            progress(f"writing {args.points} points of synthetic data")
            write_data(work / "data", args.points, args.seed)
            progress("validating and rendering the three directory pages")
            bodies = render_directories(work / "data")
            pages.mkdir(parents=True, exist_ok=True)
            for name, body in bodies.items():
                (pages / f"{name}.html").write_text(body, encoding="utf-8")
        site = work / "site"
        site.mkdir()
        assets = REPO / "theme" / "overrides" / "assets"
        for name in ("showcase-visit.js", "showcase-facets.js"):
            shutil.copy(assets / "javascripts" / name, site / name)
        shutil.copy(assets / "stylesheets" / "showcase.css", site / "showcase.css")
        for name, body in bodies.items():
            text, material = page_html(body)
            (site / f"{name}.html").write_text(text, encoding="utf-8")
        shutil.copy(material, site / "material.css")

        handler = functools.partial(_Quiet, directory=str(site))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"

        from playwright.sync_api import sync_playwright

        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for name, body in bodies.items():
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(f"{base}{name}.html")
                page.wait_for_selector("form.sc-facets:not([hidden])")
                records = page.locator(".sc-item[data-f]").count()
                for facet in CHOICES[name]:
                    times = page.evaluate(MEASURE, [facet, args.repeat])
                    frames = [whole for whole, _ in times]
                    rows.append((name, records, facet_bytes(body), len(body.encode()), facet,
                                 statistics.median(frames), max(frames),
                                 statistics.median(script for _, script in times)))
                page.close()
            browser.close()
        server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nFacets at {args.points} points: facet data (data-f attributes and the form) "
          f"and the time from a tick to the next painted frame in Chromium "
          f"(median and worst of {2 * args.repeat} ticks and unticks)\n")
    header = ("page", "records", "facet data KB", "page HTML KB", "facet ticked",
              "median ms", "worst ms", "of it script ms")
    print("  ".join(f"{h:>13}" for h in header))
    for name, records, data, whole, facet, median, worst, script in rows:
        print("  ".join(f"{v:>13}" for v in (name, records, f"{data / 1024:.0f}",
                                            f"{whole / 1024:.0f}", facet, f"{median:.1f}",
                                            f"{worst:.1f}", f"{script:.1f}")))


if __name__ == "__main__":
    main()
