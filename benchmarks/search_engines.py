#!/usr/bin/env python
"""Search engines compared: the site's own search and Pagefind, over the same built site.

    .venv/bin/python benchmarks/search_engines.py [--points 10000] [--pagefind PATH]
    .venv/bin/python benchmarks/search_engines.py --site site [--config mkdocs.yml]

A benchmark, not a test: it prints figures and never asserts. It measures two engines
over the same pages:

- the site's own: the index the build writes (``search/manifest.json``, ``search/t/``,
  ``search/c/``: generator/searchindex.py) and its browser half,
  ``showcase-search-engine.js``, driven through the site's search dialog;
- Pagefind, extended (its Chinese segmentation), run over the built site with
  ``--force-language zh-cn``. Pagefind is not a dependency of the project and this
  script installs nothing: put it in a virtualenv of its own
  (``python3 -m venv /tmp/pf && /tmp/pf/bin/pip install 'pagefind[extended]==1.5.2'``)
  and pass its executable with ``--pagefind`` or ``PAGEFIND``
  (``/tmp/pf/bin/python -c "import pagefind_bin_extended as p; print(p.get_executable())"``
  prints it). Without it, only the site's engine is measured.

For the demo (examples/shenzhen), or for a synthetic site of ``--points`` points
(build_benchmark.py's data, built as page_weight.py builds it), or for a built site given
with ``--site``, the script

1. builds the site in this process, strictly, and times the build's search stages
   (``generator.search``: the records' documents, their tokenising on the cores there
   are, the hand-written pages' documents, the index files); then runs Pagefind over a
   copy of the site (hard links: the site is left as built) and times that run. With
   ``--pagefind-h1-weight W``, a second Pagefind index is made with
   ``data-pagefind-weight="W"`` on each page's first ``<h1>`` (the record's name);
2. serves the site under its site_url's sub-path, gzip-compressed as GitHub Pages serves
   text types (page_weight.py's server; Pagefind's own files are compressed already and
   go as they are);
3. quality: puts each query of the query sets (tests/fixtures/search_queries*.yml; the
   demo only, whose pages they name) to each engine in one page through its JavaScript
   API (the site's: ``showcaseSearchEngine.open(base).search(q)``; Pagefind's:
   ``search(q)`` and the ``data()`` of its first five results, as its UI shows them) and
   prints per kind the share with the expected page first and in the top 3
   (search_quality.py's report);
4. bytes on the wire (page_weight.py's recorder, headers included) as a phone visitor
   of a point page searches: what opening the search fetches (the site's: the engine
   script; Pagefind's: what its UI fetches on focus: ``pagefind.js``, ``options()`` and
   ``filters()``, which load its entry file, WebAssembly and metadata), what the first
   query ``--cold`` adds (index shards or chunks, cards or fragments) and what a second
   query ``--warm`` adds;
5. time from the query to its results on a throttled phone: Chromium's DevTools protocol
   slows the CPU 4× (``Emulation.setCPUThrottlingRate``) and the network to "fast 3G"
   (150 ms latency, 1.6 Mbps down, 750 kbps up). For the site, from the input event
   that carries the query into the field to the dialog saying ``data-state="done"`` for
   that query (the results are on screen); for Pagefind, from the call of ``search()``
   to the data of its first five results (its UI would wait a 300 ms debounce more, and
   fetch its own 120 KB script). Three cases, each ``--repeat`` times in a fresh page,
   the median printed: the query at once after opening (a paste: everything the engine
   needs is fetched while the visitor waits), the query once opening has settled, and a
   second query. The CPU slowdown reaches the page's thread only, not a dedicated
   worker's (Chromium 156: a loop in a worker runs as fast throttled as not), so
   Pagefind, which searches in its worker, is timed with a full-speed CPU and a slow
   network: its times flatter it; the site's engine runs in the page and is slowed.

Only the standard library, what the project's virtualenv holds and the Pagefind
executable you name are used.

Measured (December 2026, 2 cores; Pagefind 1.5.2 extended; medians of 3; the queries
公益慈善 then 新桥街道 from a point page)::

                                 demo: site / Pagefind    10,000 points: site / Pagefind
    query sets, first–top 3      96–100 % / 47–61 %       (the sets name the demo's pages)
      held-out set               92–97 % / 50–56 %
    opening + first query        49 KB / 158 KB           101 KB / 499 KB
    second query                 16 KB / 63 KB            78 KB / 203 KB
    first query at once          1.0 s / 1.9 s            1.4 s / 5.7 s
    second query                 0.29 s / 0.71 s          0.99 s / 2.5 s
    index made in                0.2 s / 0.4 s            16 s of a 146 s build / 49–70 s

Material's lunr, which the site used before, for the record: 41 % first, 52 % in the
top 3; 64.5 KB and 1.0–1.2 s for a first query on the demo, 3,566 KB and 39 s at 10,000
points. Pagefind's metadata file, fetched on opening, grows with the pages (213 KB at
10,000 points), and its weights do not fix its order: ``data-pagefind-weight="10"`` on
the names' ``<h1>`` leaves 47–60 %.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH_DIR))

from page_weight import (  # noqa: E402
    DEMO_POINT, OUT_ROOT, PHONE, Load, Recorder, SiteServer, base_path, build, describe,
    first_point, kb, launch, progress, synthetic_site)
from search_quality import BUILD_DATE, DEMO_CONFIG, load_queries  # noqa: E402
from search_quality import report as quality_report  # noqa: E402

QUERY_SETS = sorted((REPO / "tests" / "fixtures").glob("search_queries*.yml"))
PAGEFIND_VERSION = "1.5.2"
INSTALL = ("python3 -m venv /tmp/pf"
           f" && /tmp/pf/bin/pip install 'pagefind[extended]=={PAGEFIND_VERSION}'"
           " && export PAGEFIND=$(/tmp/pf/bin/python -c"
           " \"import pagefind_bin_extended as p; print(p.get_executable())\")")
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8,
           "uploadThroughput": 750_000 / 8}
CPU_SLOWDOWN = 4
PAGEFIND_SHOWN = 5  # results whose data Pagefind's UI loads at once (its pageSize)
SEARCH_STAGES = ("documents", "tokenised", "page_document", "index_files")  # generator.search


# ---------------------------------------------------------------------------
# The engines, as a page drives them
# ---------------------------------------------------------------------------


class SiteEngine:
    """The site's own search: its dialog, and showcaseSearchEngine behind it."""

    name = "site"
    folder = "search"

    def open(self, page) -> None:
        """What a visitor does first: touch the header's link, which opens the dialog."""
        page.locator("a.sc-search-open").first.click()
        page.locator("#sc-search-input").wait_for(state="visible")

    def query(self, page, query: str, timeout: float) -> float:
        """Put *query* in the field at once; milliseconds from its input event to its
        results on screen."""
        page.evaluate(_WATCH_DIALOG)
        page.locator("#sc-search-input").focus()
        page.keyboard.insert_text(query)
        page.wait_for_function("q => window.__searchDone && window.__searchDone.query === q",
                               arg=query.strip(), timeout=timeout * 1000, polling=50)
        return page.evaluate("() => window.__searchDone.at - window.__searchInput")

    def clear(self, page) -> None:
        page.locator("#sc-search-input").fill("")

    def results(self, page, queries: list[str]) -> list[list[str]]:
        """Each query's result pages, best first, from the engine's API."""
        return page.evaluate(_SITE_RESULTS, queries)


_WATCH_DIALOG = """() => {
  window.__searchDone = null;
  window.__searchInput = null;
  const input = document.getElementById('sc-search-input');
  input.addEventListener('input', () => { window.__searchInput = performance.now(); },
                         {capture: true, once: true});
  const dialog = document.querySelector('.sc-search');
  const seen = () => {
    if (window.__searchInput !== null && dialog.dataset.state === 'done' &&
        dialog.dataset.query === input.value.trim() && !window.__searchDone)
      window.__searchDone = {query: dialog.dataset.query, at: performance.now()};
  };
  new MutationObserver(seen).observe(dialog, {attributes: true, childList: true, subtree: true});
}"""

_SITE_RESULTS = """async (queries) => {
  const config = JSON.parse(document.getElementById('sc-search-config').textContent);
  if (!window.showcaseSearchEngine) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL(config.engine, location.href).href;
      script.onload = resolve; script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  const engine = window.showcaseSearchEngine.open(new URL(config.base || '.', location.href).href);
  const out = [];
  for (const q of queries) out.push((await engine.search(q)).results.map(r => r.url));
  return out;
}"""


class PagefindEngine:
    """Pagefind's JavaScript API, loaded from the bundle in *folder* as its UI loads it."""

    name = "pagefind"

    def __init__(self, mount: str, folder: str = "pagefind", label: str = "pagefind"):
        self.mount, self.folder, self.name = mount, folder, label
        self.bundle = f"{mount}{folder}/"

    def open(self, page) -> None:
        """What Pagefind's UI does when its field gets the focus."""
        page.evaluate(_PAGEFIND_OPEN, self.bundle)

    def query(self, page, query: str, timeout: float) -> float:
        """Milliseconds from search() to the data of the results its UI shows at once."""
        return page.evaluate(_PAGEFIND_QUERY, [query, PAGEFIND_SHOWN])["ms"]

    def query_at_once(self, page, query: str) -> float:
        """Opening and the query together: from the script's import to the results."""
        return page.evaluate(_PAGEFIND_AT_ONCE, [self.bundle, query, PAGEFIND_SHOWN])

    def clear(self, page) -> None:
        pass

    def results(self, page, queries: list[str]) -> list[list[str]]:
        """Each query's result pages, best first: the first five, whose data its UI loads."""
        self.open(page)
        out = []
        for q in queries:
            urls = page.evaluate(_PAGEFIND_QUERY, [q, PAGEFIND_SHOWN])["urls"]
            out.append([u[len(self.mount):] if u.startswith(self.mount) else u.lstrip("/")
                        for u in urls])
        return out


_PAGEFIND_OPEN = """async (bundle) => {
  if (window.__pagefind) return;
  const pagefind = await import(bundle + 'pagefind.js');
  await pagefind.options({excerptLength: 30});
  await pagefind.filters();
  window.__pagefind = pagefind;
}"""

_PAGEFIND_QUERY = """async ([query, shown]) => {
  const start = performance.now();
  const found = await window.__pagefind.search(query);
  const data = await Promise.all(found.results.slice(0, shown).map(r => r.data()));
  return {ms: performance.now() - start, urls: data.map(d => d.url)};
}"""

_PAGEFIND_AT_ONCE = """async ([bundle, query, shown]) => {
  const start = performance.now();
  const pagefind = await import(bundle + 'pagefind.js');
  await pagefind.options({excerptLength: 30});
  const found = await pagefind.search(query);
  await Promise.all(found.results.slice(0, shown).map(r => r.data()));
  window.__pagefind = pagefind;
  return performance.now() - start;
}"""


# ---------------------------------------------------------------------------
# Building: the site's index in the build, Pagefind's over the built site
# ---------------------------------------------------------------------------


def timed_build(config: Path, site: Path | None, *, points: int = 0, work: Path,
                seed: int) -> tuple[Path, float, dict[str, float]]:
    """Build (the demo's *config*, or *points* synthetic points), timing the search stages."""
    import generator.search as stages

    spent: dict[str, float] = defaultdict(float)
    originals = {name: getattr(stages, name) for name in SEARCH_STAGES}

    def timer(name, function):
        @functools.wraps(function)
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return run

    for name, function in originals.items():
        setattr(stages, name, timer(name, function))
    start = time.perf_counter()
    try:
        built = synthetic_site(points, work, seed) if points else build(config, site)
    finally:
        for name, function in originals.items():
            setattr(stages, name, function)
    return built, time.perf_counter() - start, dict(spent)


def find_pagefind(given: str | None) -> str | None:
    """The Pagefind executable: --pagefind, PAGEFIND, or one on the PATH."""
    for candidate in (given, os.environ.get("PAGEFIND"), shutil.which("pagefind_extended"),
                      shutil.which("pagefind")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    if given or os.environ.get("PAGEFIND"):
        raise SystemExit(f"pagefind: {given or os.environ['PAGEFIND']} is not an executable file")
    return None


def pagefind_copy(site: Path, work: Path) -> Path:
    """The site as hard links: Pagefind writes its bundle into the copy, not the site."""
    copy = work / "pagefind-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy, copy_function=_link)
    return copy


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system: a copy, then
        shutil.copy2(source, target)


def weight_h1(site: Path, weight: str) -> int:
    """Mark each page's first <h1> with data-pagefind-weight; returns the pages marked.
    A file is written anew (unlinked first), never through its hard link to the site."""
    marked = 0
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        changed = re.sub(r"<h1(?=[\s>])", f'<h1 data-pagefind-weight="{weight}"', text, count=1)
        if changed != text:
            page.unlink()
            page.write_text(changed, encoding="utf-8")
            marked += 1
    return marked


def run_pagefind(executable: str, site: Path, output: str) -> float:
    """Index *site* into site/<output>; the run's wall time in seconds."""
    command = [executable, "--site", str(site), "--output-subdir", output,
               "--force-language", "zh-cn"]
    progress("   " + " ".join(command))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"pagefind failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    indexed = re.search(r"Indexed (\d+) pages", done.stdout)
    progress(f"   {indexed.group(0) if indexed else done.stdout.strip()[-200:]} in {took:.1f} s")
    return took


@dataclass
class Disk:
    files: int
    raw: int
    wire: int  # gzip for the text types, as they are for the rest


def on_disk(folder: Path) -> Disk:
    """An index's files: how many, their size, and their size as served."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    wire = sum(len(gzip.compress(p.read_bytes(), 6)) if p.suffix in (".json", ".js", ".css")
               else p.stat().st_size for p in files)
    return Disk(len(files), raw, wire)


# ---------------------------------------------------------------------------
# Measuring in the browser
# ---------------------------------------------------------------------------


@dataclass
class Bytes:
    opening: Load
    cold: Load
    warm: Load
    on_page_load: list[str] = field(default_factory=list)  # search files the page itself fetched


def wire_bytes(browser, server: SiteServer, page_path: str, engine, cold: str,
               warm: str) -> Bytes:
    """What a visitor's phone fetches to open the search and put two queries to it."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    recorder = Recorder(context, page, server)
    try:
        page.goto(server.url + page_path, wait_until="networkidle")
        recorder.settle(page)
        first = recorder.take()
        early = [t.path for t in first.transfers
                 if f"/{engine.folder}/" in t.path or "search-engine" in t.path]
        engine.open(page)
        recorder.settle(page)
        opening = recorder.take()
        loads = []
        for query in (cold, warm):
            engine.clear(page)
            engine.query(page, query, timeout=120)
            recorder.settle(page)
            loads.append(recorder.take())
        return Bytes(opening, loads[0], loads[1], early)
    finally:
        context.close()


@dataclass
class Timing:
    at_once: list[float] = field(default_factory=list)
    after_opening: list[float] = field(default_factory=list)
    warm: list[float] = field(default_factory=list)


def throttled_page(browser, server: SiteServer, page_path: str):
    """A phone's page, slowed as a mid-range phone on a fair mobile network."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    recorder = Recorder(context, page, server)
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", FAST_3G)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(server.url + page_path, wait_until="load", timeout=300_000)
    recorder.settle(page, quiet=1.5, timeout=300)
    return context, page, recorder


def timings(browser, server: SiteServer, page_path: str, engine, cold: str, warm: str,
            repeat: int) -> Timing:
    """Query-to-results times on the throttled phone, *repeat* fresh pages per case."""
    out = Timing()
    for _ in range(repeat):
        context, page, recorder = throttled_page(browser, server, page_path)
        try:
            if isinstance(engine, PagefindEngine):
                out.at_once.append(engine.query_at_once(page, cold))
            else:
                engine.open(page)
                out.at_once.append(engine.query(page, cold, timeout=600))
        finally:
            context.close()
        context, page, recorder = throttled_page(browser, server, page_path)
        try:
            engine.open(page)
            recorder.settle(page, quiet=1.5, timeout=300)
            out.after_opening.append(engine.query(page, cold, timeout=600))
            recorder.settle(page, quiet=1.0, timeout=300)
            engine.clear(page)
            page.wait_for_timeout(300)
            out.warm.append(engine.query(page, warm, timeout=600))
        finally:
            context.close()
    return out


def quality(browser, server: SiteServer, engine,
            queries: list[dict]) -> list[tuple[dict, list[str]]]:
    """Each query with the result pages the engine lists, best first, without repeats."""
    page = browser.new_page()
    try:
        page.goto(server.url)
        found = engine.results(page, [q["query"] for q in queries])
    finally:
        page.close()
    rows = []
    for q, urls in zip(queries, found):
        pages: list[str] = []
        for url in urls:
            path = urlsplit(url).path
            if path not in pages:
                pages.append(path)
        rows.append((q, pages))
    return rows


# ---------------------------------------------------------------------------
# One site, every engine
# ---------------------------------------------------------------------------


@dataclass
class Site:
    label: str
    path: Path
    page: str  # the point page a visitor searches from
    build_seconds: float | None = None  # None: built elsewhere, the index's time unknown
    stages: dict[str, float] = field(default_factory=dict)  # generator.search's, in seconds
    with_queries: bool = True  # the query sets name the demo's pages

    @property
    def slug(self) -> str:
        return re.sub(r"[^\w-]+", "-", self.label).strip("-")  # a folder's name, never a path


def with_pagefind(site: Site, executable: str, h1_weight: str | None, work: Path,
                  mount: str) -> tuple[Path, list, dict[str, float]]:
    """Pagefind's bundles over a copy of *site*: the folder to serve, its engines and the
    seconds each index took."""
    folder = pagefind_copy(site.path, work / site.slug)
    engines = [PagefindEngine(mount)]
    seconds = {"pagefind": run_pagefind(executable, folder, "pagefind")}
    if h1_weight:
        weighted = pagefind_copy(site.path, work / f"{site.slug}-h1")
        marked = weight_h1(weighted, h1_weight)
        progress(f"   data-pagefind-weight={h1_weight} on {marked} pages' <h1>")
        engine = PagefindEngine(mount, "pagefind-h1", f"pagefind h1×{h1_weight}")
        seconds[engine.name] = run_pagefind(executable, weighted, "pagefind")
        shutil.rmtree(folder / engine.folder, ignore_errors=True)
        shutil.move(str(weighted / "pagefind"), folder / engine.folder)  # served beside the first
        shutil.rmtree(weighted, ignore_errors=True)
        engines.append(engine)
    return folder, engines, seconds


def measure(site: Site, folder: Path, engines: list, seconds: dict[str, float],
            mount: str, args) -> list[list[str]]:
    """Print every figure of *site* for each engine; their summary lines."""
    from playwright.sync_api import sync_playwright

    for engine in engines:
        disk = on_disk(folder / engine.folder)
        made = seconds.get(engine.name)
        print(f"  {engine.name} index: {disk.files:,} files, {kb(disk.raw)} ({kb(disk.wire)} as "
              f"served)" + (f"; made in {made:.2f} s" if made is not None else ""))
    scores: dict[str, list[str]] = defaultdict(list)
    lines = []
    server = SiteServer(folder, mount, compress=True)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for path in (args.queries or QUERY_SETS) if site.with_queries else []:
                queries = load_queries(path)
                missing = {q["expect"] for q in queries
                           if not (site.path / q["expect"] / "index.html").exists()}
                if missing:
                    progress(f"   {path.name}: expected pages missing: "
                             f"{', '.join(sorted(missing))}")
                for engine in engines:
                    print(f"\n  -- quality: {engine.name}, {path.name}")
                    rows = quality(browser, server, engine, queries)
                    quality_report(rows)
                    scores[engine.name].append(share_found(rows))
            for engine in engines:
                progress(f"== {site.label}: {engine.name}: bytes")
                got = wire_bytes(browser, server, site.page, engine, args.cold, args.warm)
                print(f"\n  -- bytes on the wire: {engine.name}, from {site.page}")
                if got.on_page_load:
                    print(f"    fetched with the page itself: {', '.join(got.on_page_load)}")
                describe("  opening the search", got.opening)
                describe(f"  first query {args.cold!r}", got.cold)
                describe(f"  second query {args.warm!r}", got.warm)
                timing = Timing()
                if not args.no_timing:
                    progress(f"== {site.label}: {engine.name}: throttled timings")
                    timing = timings(browser, server, site.page, engine, args.cold, args.warm,
                                     args.repeat)
                    print(f"    throttled (CPU ×{CPU_SLOWDOWN}, fast 3G), query to results, "
                          f"median of {args.repeat}: at once after opening "
                          f"{ms(timing.at_once)}; after opening settled "
                          f"{ms(timing.after_opening)}; second query {ms(timing.warm)}")
                made = seconds.get(engine.name)
                lines.append([site.label, engine.name,
                              f"{made:.2f} s" if made is not None else "–",
                              " / ".join(scores[engine.name]) or "–",
                              kb(got.opening.total + got.cold.total), kb(got.warm.total),
                              ms(timing.at_once), ms(timing.after_opening), ms(timing.warm)])
            browser.close()
    finally:
        server.shutdown()
    return lines


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def ms(values: list[float]) -> str:
    """The median of *values*, and their range."""
    if not values:
        return "–"
    middle = statistics.median(values)
    spread = f" ({min(values):,.0f}–{max(values):,.0f})" if len(values) > 1 else ""
    return f"{middle:,.0f} ms{spread}"


def share_found(rows: list[tuple[dict, list[str]]]) -> str:
    """The share of queries with the expected page first, and in the top 3."""
    first = sum(results[:1] == [q["expect"]] for q, results in rows)
    top3 = sum(q["expect"] in results[:3] for q, results in rows)
    return f"{100 * first / len(rows):.0f}–{100 * top3 / len(rows):.0f} %"


def table(lines: list[list[str]], query_sets: list[Path]) -> None:
    names = " / ".join(p.stem.replace("search_queries", "").strip("_") or "main"
                       for p in query_sets)
    headers = ["site", "engine", "index made in", f"first–top 3 ({names})", "open + 1st query",
               "2nd query", "1st at once", "1st after open", "2nd"]
    widths = [max([len(h)] + [len(line[i]) for line in lines]) for i, h in enumerate(headers)]
    print("\n" + "  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths)))
    print("index made in: the site's, the build's search stages; Pagefind's, its run. Bytes: KB = "
          "1000 bytes on the wire, gzip as GitHub Pages serves, headers included. Times: query to "
          f"results on a throttled phone (CPU ×{CPU_SLOWDOWN}, 150 ms, 1.6 Mbps), median (range).")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=0,
                        help="also a synthetic site of this many points (default: the demo only)")
    parser.add_argument("--no-demo", action="store_true", help="with --points: that site only")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--config", type=Path, default=DEMO_CONFIG,
                        help="what to build, and whose site_url gives the sub-path to serve at")
    parser.add_argument("--page", help="the point page searched from (default: the first point)")
    parser.add_argument("--engines", default="site,pagefind",
                        help="which to measure, comma-separated (default site,pagefind)")
    parser.add_argument("--pagefind", help=f"the Pagefind executable, extended {PAGEFIND_VERSION}"
                        " (or PAGEFIND); without it the site's engine only")
    parser.add_argument("--pagefind-h1-weight", metavar="W",
                        help="also a Pagefind index with data-pagefind-weight=W on each <h1>")
    parser.add_argument("--queries", type=Path, action="append",
                        help="a query set (repeatable; default: every "
                             "tests/fixtures/search_queries*.yml)")
    parser.add_argument("--cold", default="公益慈善", help="the first query (default 公益慈善)")
    parser.add_argument("--warm", default="新桥街道", help="the second query (default 新桥街道)")
    parser.add_argument("--repeat", type=int, default=3, help="throttled runs per case (median)")
    parser.add_argument("--no-quality", action="store_true", help="skip the query sets")
    parser.add_argument("--no-timing", action="store_true", help="skip the throttled timings")
    parser.add_argument("--keep", action="store_true",
                        help="keep the built sites (under "
                             f"{OUT_ROOT.relative_to(REPO)}/search-engines-*)")
    parser.add_argument("--seed", type=int, default=20251123, help="random seed of the data")
    args = parser.parse_args(argv)

    wanted = set(args.engines.split(","))
    executable = find_pagefind(args.pagefind) if "pagefind" in wanted else None
    if executable is None and "pagefind" in wanted:
        progress("pagefind: not found, measuring the site's engine only. To compare, install it "
                 f"apart from the project:\n  {INSTALL}")
    os.environ.setdefault("SOURCE_DATE_EPOCH", BUILD_DATE)
    OUT_ROOT.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="search-engines-", dir=OUT_ROOT))  # runs side by side
    mount = base_path(args.config)
    lines: list[list[str]] = []
    try:
        sites: list[Site] = []
        if args.site:
            sites.append(Site(str(args.site), args.site, args.page or first_point(args.site),
                              with_queries=not args.no_quality))
        if not (args.site or args.no_demo):
            progress("== the demo site")
            path, took, stages = timed_build(args.config, work / "demo" / "site", work=work,
                                             seed=args.seed)
            sites.append(Site("demo", path, args.page or DEMO_POINT, took, stages,
                              not args.no_quality))
        if args.points and not args.site:
            path, took, stages = timed_build(args.config, None, points=args.points, work=work,
                                             seed=args.seed)
            sites.append(Site(f"{args.points} points", path, first_point(path), took, stages,
                              with_queries=False))
        for site in sites:
            print(f"\n=== {site.label} ({site.path})")
            seconds: dict[str, float] = {}
            if site.build_seconds is not None:
                seconds["site"] = spent = sum(site.stages.values())
                print(f"  build: {site.build_seconds:.1f} s, of it the search index {spent:.2f} s "
                      f"({100 * spent / site.build_seconds:.1f} %): "
                      + ", ".join(f"{name} {secs:.2f} s" for name, secs in site.stages.items()))
            folder, engines = site.path, [SiteEngine()] if "site" in wanted else []
            if executable:
                folder, more, made = with_pagefind(site, executable, args.pagefind_h1_weight,
                                                   work, mount)
                engines += more
                seconds.update(made)
            lines += measure(site, folder, engines, seconds, mount, args)
    finally:
        if args.keep:
            progress(f"the sites are kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    table(lines, args.queries or QUERY_SETS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
