#!/usr/bin/env python
"""Lighthouse on a phone: performance of the home page, a point page and the map page.

    make lighthouse
    .venv/bin/python benchmarks/lighthouse_benchmark.py [--points 1000] [--runs 3] [--keep]
    .venv/bin/python benchmarks/lighthouse_benchmark.py --site site

A benchmark, not a test: Lighthouse's figures move from run to run and from machine to
machine, so they are printed, never asserted. For the demo site and for a synthetic
site of ``--points`` points (build_benchmark.py's data), or for one built site given with
``--site``, the script

1. serves the site under its site_url's sub-path, gzip-compressed as GitHub Pages does
   (page_weight.py's server);
2. runs Lighthouse (npm ``lighthouse``, pinned in benchmarks/package.json and installed
   by ``make lighthouse`` with ``npm ci`` into benchmarks/node_modules) with its mobile
   preset, the default: a mid-range phone's screen, simulated slow 4G and a CPU four times
   slower than this machine's, in Debian's headless Chromium (never a downloaded one);
3. prints, for each page, the median run's performance score (by score, of ``--runs``
   runs), Total Blocking Time, Largest Contentful Paint, Cumulative Layout Shift and the
   longest main-thread task with the script it is blamed on.

The map tiles' hosts are blocked (this machine has no network, and a tile is an image
that costs the main thread next to nothing): the figures are the site's own. The issue's
targets for the map page: performance 95 or more, Total Blocking Time 200 ms or less, at
the demo and at 1,000 points.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH_DIR))

from page_weight import (CHROMIUM, DEMO_POINT, OUT_ROOT, SiteServer, base_path,  # noqa: E402
                         build, first_point, progress, synthetic_site)

LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-default-apps", "--disable-extensions"]
PAGES = {"home": "", "point": None, "map": "map/"}  # None: the site's point page
TARGET = {"score": 95, "tbt": 200}  # the map page's, from the issue


def tile_patterns() -> list[str]:
    """Lighthouse's --blocked-url-patterns for every tile host the generator knows."""
    from generator.maps import PROVIDERS

    hosts = {urlsplit(url.replace("{s}", "x")).hostname for provider in PROVIDERS.values()
             for url in provider.urls}
    # a subdomain letter or number varies: block the host's parent domain
    return sorted({"*" + ".".join(host.split(".")[-2:]) + "/*" for host in hosts if host})


@dataclass
class Result:
    score: int  # 0–100
    tbt: float  # ms
    lcp: float  # ms
    cls: float
    longest: tuple[float, str]  # the longest task's ms and the script it is blamed on
    warnings: list[str]


def lighthouse(url: str, out: Path) -> Result:
    """One Lighthouse run, mobile preset, performance only."""
    cmd = [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
           f"--output-path={out}", "--quiet", "--chrome-flags=" + " ".join(CHROME_FLAGS)]
    cmd += [f"--blocked-url-patterns={pattern}" for pattern in tile_patterns()]
    run = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM},
                         capture_output=True, text=True)
    if run.returncode or not out.is_file():
        raise SystemExit(f"lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    tasks = (audits["long-tasks"].get("details") or {}).get("items") or [{"duration": 0, "url": "-"}]
    longest = max(tasks, key=lambda task: task["duration"])
    score = report["categories"]["performance"]["score"]
    return Result(round((score or 0) * 100), audits["total-blocking-time"]["numericValue"],
                  audits["largest-contentful-paint"]["numericValue"],
                  audits["cumulative-layout-shift"]["numericValue"],
                  (longest["duration"], blamed(longest["url"])), report.get("runWarnings") or [])


def blamed(url: str) -> str:
    """A long task's script, short: its file name, or the page itself (its inline scripts)."""
    path = urlsplit(url).path
    if not path:
        return url  # Lighthouse's "Unattributable"
    return "the page (inline)" if path.endswith("/") else path.rsplit("/", 1)[-1]


def table_row(label: str, page: str, result: Result, scores: list[int]) -> str:
    ms, script = result.longest
    return (f"{label:<12} {page:<6} {result.score:>5} {result.tbt:>7.0f} {result.lcp / 1000:>7.1f}"
            f" {result.cls:>6.3f}  {ms:>5.0f} ms {script:<34} {'/'.join(map(str, scores))}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1000,
                        help="size of the synthetic site (0: the demo only; default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--config", type=Path, default=REPO / "examples" / "shenzhen" / "mkdocs.yml",
                        help="whose site_url gives the sub-path to serve at")
    parser.add_argument("--keep", action="store_true",
                        help=f"keep the built sites under {OUT_ROOT.relative_to(REPO)}/lighthouse")
    parser.add_argument("--seed", type=int, default=20251123, help="random seed of the data")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE.relative_to(REPO)} is missing: run `make lighthouse`"
                         " (npm ci in benchmarks/)")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make browser`")

    work = OUT_ROOT / "lighthouse"
    rows = []
    try:
        if args.site:
            sites = [(args.site.name, args.site, first_point(args.site))]
        else:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            progress("== the demo site")
            sites = [("demo", build(args.config, work / "demo" / "site"), DEMO_POINT)]
            if args.points:
                site = synthetic_site(args.points, work, args.seed)
                sites.append((f"{args.points} points", site, first_point(site)))
        mount = base_path(args.config)
        for label, site, point in sites:
            server = SiteServer(site, mount, compress=True)
            try:
                for page in args.pages:
                    path = point if PAGES[page] is None else PAGES[page]
                    progress(f"== {label}: {page} ({path or '/'}), {args.runs} runs")
                    with tempfile.TemporaryDirectory() as tmp:
                        results = [lighthouse(server.url + path, Path(tmp) / f"run{i}.json")
                                   for i in range(args.runs)]
                    scores = [r.score for r in results]
                    median = next(r for r in results if r.score == statistics.median_low(scores))
                    rows.append(table_row(label, page, median, scores))
                    for warning in {w for r in results for w in r.warnings}:
                        progress(f"   lighthouse: {warning}")
            finally:
                server.shutdown()
    finally:
        if not (args.keep or args.site):
            shutil.rmtree(work, ignore_errors=True)

    print(f"\n{'site':<12} {'page':<6} {'score':>5} {'TBT ms':>7} {'LCP s':>7} {'CLS':>6}"
          f"  {'longest task':<43} scores of the runs")
    print("\n".join(rows))
    print(f"Lighthouse mobile preset (simulated slow 4G, CPU slowed 4x), median of {args.runs} "
          f"runs by score; map tiles blocked. Target for the map page: score >= {TARGET['score']},"
          f" TBT <= {TARGET['tbt']} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
