#!/usr/bin/env python
"""Annual-pages budget: what years of programmes and thousands of events add to a build.

    .venv/bin/python benchmarks/years_benchmark.py [--points 1000] [--years 10]
                                                   [--events 5000] [--repeat 3]

The budget (issue 6): annual pages for 10 years with 1,000 points and 5,000 events add
at most 5 % to the build. The script writes one synthetic project with the build
benchmark's generator (N points, N projects, N/5 cases, all valid), then builds it with
two versions of ``data/years/`` swapped in turn:

- **without**: no programme file at all. The site still has a page per award year (its
  cohort), the years index and its charts: what the directory shows with no annual data.
- **with**: a programme file for each of the last Y years, their programme steps and E
  events between them, each at a random point. That is everything the annual data adds:
  the years' timelines and events, the events on each point's page, the figures, the
  Atom feed and the calendar of events to come.

Each build is ``mkdocs build --strict`` in a child process, timed with its own rusage.
Builds alternate (without, with, without, …) after one warm-up build, so both see the
same plaque cache (warm: the plaques do not differ between the two) and the same drift of
a noisy machine. The verdict is on the CPU time each build took (user and system, its
forked halves included), which a busy disk or neighbour disturbs far less than wall
time: on a shared 2-core machine the same build's wall time varies by a third. The build's own stopwatch (SHOWCASE_TIMINGS) shows where the difference
goes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import random  # noqa: E402

import build_benchmark as bench  # noqa: E402  (the same data generator and child runner)


def write_years(folder: Path, years: list[int], events: int, point_ids: list[str],
                seed: int) -> int:
    """Programme files for *years*, *events* events spread evenly; the bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    size = 0
    for i, year in enumerate(years):
        count = events // len(years) + (1 if i < events % len(years) else 0)
        text = bench.to_yaml(bench.make_year(year, rng, point_ids, count),
                             "基准测试生成的虚构数据，仅用于测量构建性能。")
        (folder / f"{year}.yml").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def build(config: Path, site: Path, work: Path, label: str) -> bench.Run:
    timings = work / f"timings-{label}.json"
    timings.unlink(missing_ok=True)
    shutil.rmtree(site, ignore_errors=True)
    run = bench.run_measured([str(bench.BIN / "mkdocs"), "build", "--strict", "-f", str(config),
                              "-d", str(site)], work / f"build-{label}.log", config.parent,
                             env={"SHOWCASE_TIMINGS": str(timings)})
    if run.returncode != 0:
        bench.fail(f"the build ({label}) failed", run.log)
    run.stages = json.loads(timings.read_text(encoding="utf-8"))
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3, help="builds of each version")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--keep", action="store_true", help="keep the project under benchmarks/out/")
    args = parser.parse_args(argv)

    bench.OUT_ROOT.mkdir(exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix=time.strftime("years-%Y%m%d-%H%M%S-"),
                                 dir=bench.OUT_ROOT))
    try:
        project, work = root / "project", root
        bench.progress(f"generating {args.points} points in {project}")
        bench.write_data(project / "data", args.points, args.seed)
        point_ids = sorted(path.stem for path in (project / "data" / "points").glob("*.yml"))
        shutil.rmtree(project / "data" / "years")
        last = bench.LAST_YEAR
        years = list(range(last - args.years + 1, last + 1))
        with_years, without_years = root / "years-with", root / "years-without"
        size = write_years(with_years, years, args.events, point_ids, args.seed)
        without_years.mkdir()
        bench.progress(f"{len(years)} programme files ({years[0]}–{years[-1]}), {args.events} "
                       f"events, {size / 1e6:.1f} MB of YAML")
        config = bench.write_our_config(project, root / "site")
        live = project / "data" / "years"

        def use(version: Path) -> None:  # a copy: the loader keeps records inside data/
            shutil.rmtree(live, ignore_errors=True)
            shutil.copytree(version, live)

        use(with_years)
        check = bench.run_measured([str(bench.BIN / "showcase"), "check", "--data",
                                    str(project / "data")], work / "check.log", project)
        if check.returncode != 0:
            bench.fail("showcase check rejected the generated data", check.log, tail=None)
        bench.progress("warm-up build (draws the plaques into the cache)")
        build(config, root / "site", work, "warm-up")
        runs: dict[str, list[bench.Run]] = {"without": [], "with": []}
        pages: dict[str, int] = {}
        for r in range(args.repeat):
            for label, version in (("without", without_years), ("with", with_years)):
                use(version)
                bench.progress(f"build {label} annual data #{r + 1}")
                runs[label].append(build(config, root / "site", work, f"{label}-{r + 1}"))
                pages[label] = bench.count_pages(root / "site")
                if label == "with":
                    feed = (root / "site" / "feed.xml").stat().st_size
                    ics = (root / "site" / "events.ics").stat().st_size
        report(args, runs, pages, feed, ics, os.getloadavg()[0])
    finally:
        if args.keep:
            bench.progress(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0


def report(args, runs, pages, feed: int, ics: int, load: float) -> None:
    best = {label: min(r.wall for r in rs) for label, rs in runs.items()}
    median = {label: statistics.median(r.wall for r in rs) for label, rs in runs.items()}
    cpu = {label: statistics.median(r.cpu for r in rs) for label, rs in runs.items()}
    peak = {label: max(r.peak_mb for r in rs) for label, rs in runs.items()}
    print(f"\nAnnual data: {args.years} years, {args.events} events, {args.points} points "
          f"(builds of each: {args.repeat}; load average at the end {load:.2f})\n")
    rows = [["", "without", "with", "added"]]
    for name, values, unit in (("build, fastest", best, "s"), ("build, median", median, "s"),
                               ("CPU of the build, median", cpu, "s"), ("peak memory", peak, "MB")):
        added = values["with"] / values["without"] - 1
        rows.append([name, f"{values['without']:.2f} {unit}", f"{values['with']:.2f} {unit}",
                     f"{added:+.1%}"])
    rows.append(["pages", str(pages["without"]), str(pages["with"]),
                 f"+{pages['with'] - pages['without']}"])
    print(bench.table(rows[0], rows[1:]))
    for label, rs in runs.items():
        print(f"every build {label}: " + ", ".join(f"{r.wall:.1f} s" for r in rs))
    fastest = {label: min(rs, key=lambda r: r.wall) for label, rs in runs.items()}
    stages = sorted(set(fastest["with"].stages) | set(fastest["without"].stages))
    print("\nThe build's own stopwatch, in the fastest build of each (s):\n")
    print(bench.table(["stage", "without", "with", "added"], [
        [stage, f"{fastest['without'].stages.get(stage, 0):.2f}",
         f"{fastest['with'].stages.get(stage, 0):.2f}",
         f"{fastest['with'].stages.get(stage, 0) - fastest['without'].stages.get(stage, 0):+.2f}"]
        for stage in stages]))
    print(f"\nfeed.xml {feed / 1024:.1f} KB, events.ics {ics / 1024:.1f} KB")
    added = cpu["with"] - cpu["without"]
    print(f"\nBudget: the annual data adds at most 5 % to the build. It adds {added:.2f} s of "
          f"CPU (medians), {added / cpu['without']:+.1%} of the build's CPU; even if all of it "
          f"waited on the critical path, {added / best['without']:+.1%} of the fastest build "
          f"without it. Wall time: {median['with'] / median['without'] - 1:+.1%} (medians), "
          f"{best['with'] / best['without'] - 1:+.1%} (fastest), within this machine's noise.")


if __name__ == "__main__":
    sys.exit(main())
