#!/usr/bin/env python
"""Page weight: what a point page costs a phone on first load, and what search adds.

    .venv/bin/python benchmarks/page_weight.py [--points 1000] [--query VR] [--keep]
    .venv/bin/python benchmarks/page_weight.py --site site --page points/futian-vr-industry/

A visitor scans the QR code on a plaque and opens the point's page on mobile data; the
budget for that first load is 150 KB transferred. For the demo site (the repo's
mkdocs.yml) and for a synthetic site of ``--points`` points (build_benchmark.py's data),
or for one built site given with ``--site``, the script

1. serves the site under its site_url's sub-path, as GitHub Pages does: text types
   (HTML, CSS, JavaScript, JSON, XML, SVG) gzip-compressed when the browser asks, and
   once more without compression;
2. opens a point page in headless Chromium (Debian's) with a phone's screen (390×844),
   counts every response's bytes on the wire from the DevTools protocol
   (``Network.loadingFinished``'s encodedDataLength: headers and body as received; for
   the search worker's own fetches, which the page's session does not see finish, the
   bytes the server sent) until the network is idle, and says whether the map's
   Leaflet (loaded when the map nears the screen) was among them;
3. then opens search as a visitor does (the header's search link, then typing
   ``--query``), waits for the dialog to show that query's results and for the network
   to settle again, and counts what that added: the search engine's script, the index
   files the query needed (``search/``), and anything else it set off.

Requests to the map's tile servers are answered with an empty 204 and counted apart;
any other request leaving the site is refused and listed. Only the standard library and
what the project's virtualenv holds are used.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import shutil
import socketserver
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
OUT_ROOT = BENCH_DIR / "out"
CHROMIUM = "/usr/bin/chromium"
BUDGET = 150_000  # bytes on the wire for a point page's first load
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
TILE_HOSTS = {"tile.openstreetmap.org"}
DEMO_POINT = "points/futian-vr-industry/"
INDEX = "/search/"  # the search index's files (generator/searchindex.py), under the site
# GitHub Pages compresses these; images and fonts go as they are.
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json",
                    "application/xml", "image/svg+xml", "application/manifest+json")


# ---------------------------------------------------------------------------
# A static server like GitHub Pages: a sub-path, gzip for text types
# ---------------------------------------------------------------------------


class _CountingWriter:
    """The connection's output: counts what the server sends."""

    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under *mount* only; gzip-compresses text types when asked."""

    mount = "/"
    compress = True
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".json": "application/json",
                      ".xml": "application/xml", ".svg": "image/svg+xml",
                      ".webmanifest": "application/manifest+json"}

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def handle_one_request(self):
        self.wfile.count, self.status, self.encoding = 0, 0, ""
        super().handle_one_request()
        if self.wfile.count and self.status:
            self.server.sent.append(Sent(self.path, self.wfile.count, self.status, self.encoding))

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def send_header(self, keyword, value):
        if keyword.lower() == "content-encoding":
            self.encoding = value
        super().send_header(keyword, value)

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.mount):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.mount):])

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file()
                and ctype.startswith(COMPRESSED_TYPES)):
            return super().send_head()  # raw files, directory redirects, 404s
        body = self.server.gzipped.get(path)
        if body is None:
            body = self.server.gzipped[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@dataclass
class Sent:
    """One response as the server sent it."""

    path: str  # with the query, as requested
    bytes: int  # status line, headers and body
    status: int
    encoding: str


class SiteServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """A built site on a free loopback port, serving until shut down; records what it sent."""

    daemon_threads = True

    def __init__(self, directory: Path, mount: str, compress: bool):
        handler = type("Handler", (_SiteHandler,), {"mount": mount, "compress": compress})
        super().__init__(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.origin = f"http://127.0.0.1:{self.server_address[1]}"
        self.url = self.origin + mount
        self.sent: list[Sent] = []
        self.gzipped: dict[Path, bytes] = {}
        threading.Thread(target=self.serve_forever, daemon=True).start()


# ---------------------------------------------------------------------------
# What the browser fetched
# ---------------------------------------------------------------------------


@dataclass
class Transfer:
    url: str
    kind: str  # DevTools' resource type (Document, Script, XHR, ...); Worker: fetched by one
    status: int = 0
    bytes: int = 0  # on the wire: status line, headers and (maybe compressed) body
    encoding: str = ""
    finished: bool = False  # Chromium reported it loaded (loadingFinished)

    @property
    def path(self) -> str:
        parts = urlsplit(self.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Load:
    """The responses of one phase of a visit, in the order the server sent them."""

    transfers: list[Transfer] = field(default_factory=list)
    tiles: list[str] = field(default_factory=list)  # answered with an empty 204, not counted
    refused: list[str] = field(default_factory=list)  # any other host: refused

    @property
    def total(self) -> int:
        return sum(t.bytes for t in self.transfers)

    def by_kind(self) -> dict[str, int]:
        kinds: Counter[str] = Counter()
        for transfer in self.transfers:
            kinds[transfer.kind] += transfer.bytes
        return dict(kinds.most_common())

    def requests_for(self, path_end: str) -> int:
        return sum(1 for t in self.transfers if urlsplit(t.url).path.endswith(path_end))

    def requests_under(self, folder: str) -> int:
        return sum(1 for t in self.transfers if folder in urlsplit(t.url).path)


class Recorder:
    """A page's requests, counted by Chromium's DevTools protocol and by the server.

    Bytes are Network.loadingFinished's encodedDataLength. A dedicated worker's own
    fetches (its script and what it loads: Pagefind's, in search_engines.py) are made by
    the worker's target, which the page's DevTools session does not see finish: for
    those, the bytes the server sent are counted, which for the other responses equal
    Chromium's figure to the byte (``mismatches`` lists any that do not).
    """

    def __init__(self, context, page, server: SiteServer):
        self.server = server
        self.own_host = urlsplit(server.url).netloc
        self.cdp: dict[str, Transfer] = {}
        self.tiles: list[str] = []
        self.refused: list[str] = []
        self.mismatches: list[tuple[str, int, int]] = []
        self.last_event = time.monotonic()
        self._served = len(server.sent)  # what came before is not this page's
        page.route("**/*", self._route)
        session = context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.responseReceived", self._response)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", self._finished)
        session.send("Network.enable")

    def _route(self, route):
        self.last_event = time.monotonic()
        parts = urlsplit(route.request.url)
        if parts.netloc == self.own_host or parts.scheme == "data":
            route.continue_()
        elif parts.hostname in TILE_HOSTS:
            self.tiles.append(route.request.url)
            route.fulfill(status=204, body=b"")
        else:
            self.refused.append(route.request.url)
            route.abort()

    def _sent(self, event):
        self.last_event = time.monotonic()
        url = event["request"]["url"]
        if urlsplit(url).netloc == self.own_host and event["requestId"] not in self.cdp:
            self.cdp[event["requestId"]] = Transfer(url, event.get("type", "Other"))

    def _response(self, event):
        transfer = self.cdp.get(event["requestId"])
        if transfer:
            response = event["response"]
            transfer.status = response["status"]
            headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
            transfer.encoding = headers.get("content-encoding", "")

    def _finished(self, event):
        self.last_event = time.monotonic()
        transfer = self.cdp.get(event["requestId"])
        if transfer and "encodedDataLength" in event:
            transfer.bytes = int(event["encodedDataLength"])
            transfer.finished = True

    def settle(self, page, quiet: float = 0.75, timeout: float = 60) -> None:
        """Wait until nothing was asked for, sent or received for *quiet* seconds."""
        end = time.monotonic() + timeout
        seen = len(self.server.sent)
        while time.monotonic() < end:
            if len(self.server.sent) != seen:
                seen, self.last_event = len(self.server.sent), time.monotonic()
            if time.monotonic() - self.last_event >= quiet:
                return
            page.wait_for_timeout(100)
        raise TimeoutError("the network did not settle")

    def take(self) -> Load:
        """What was requested since the last take: Chromium's list, completed by the server's."""
        served = self.server.sent[self._served:]
        self._served += len(served)
        waiting = list(self.cdp.values())
        self.cdp = {}
        transfers = []
        for sent in served:
            match = next((t for t in waiting if t.path == sent.path), None)
            if match is None:
                transfers.append(Transfer(self.server.origin + sent.path, "Worker", sent.status,
                                          sent.bytes, sent.encoding))
                continue
            waiting.remove(match)
            if not match.finished:  # the worker's script, or an event still on its way
                match.bytes, match.status, match.encoding = sent.bytes, sent.status, sent.encoding
            elif match.bytes != sent.bytes:
                self.mismatches.append((sent.path, match.bytes, sent.bytes))
            transfers.append(match)
        transfers += waiting  # asked for but never answered by the server
        load = Load(transfers, self.tiles, self.refused)
        self.tiles, self.refused = [], []
        return load


# ---------------------------------------------------------------------------
# A visit: first load, then a search
# ---------------------------------------------------------------------------


@dataclass
class Visit:
    first: Load
    search: Load | None
    leaflet_on_first_load: bool
    leaflet_after_search: bool
    results: str  # what the search said about its results
    mismatches: list[tuple[str, int, int]]


def visit(browser, server: SiteServer, page_path: str, query: str | None) -> Visit:
    """Open *page_path* on a phone; then, with *query*, search as a visitor does."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    recorder = Recorder(context, page, server)
    try:
        page.goto(server.url + page_path, wait_until="networkidle")
        recorder.settle(page)
        leaflet = page.evaluate("typeof window.L !== 'undefined'")
        first, search, results, leaflet_later = recorder.take(), None, "", leaflet
        if query:
            page.locator("a.sc-search-open").first.click()  # the header's search link
            page.locator("#sc-search-input").press_sequentially(query, delay=50)
            # the dialog says which query its results are for once they are on screen
            page.wait_for_function(
                "q => { const d = document.querySelector('.sc-search');"
                " return d && d.dataset.state === 'done' && d.dataset.query === q; }",
                arg=query.strip(), timeout=300_000)
            recorder.settle(page)
            search = recorder.take()
            results = page.locator(".sc-search__meta").inner_text()
            leaflet_later = page.evaluate("typeof window.L !== 'undefined'")
        return Visit(first, search, leaflet, leaflet_later, results, recorder.mismatches)
    finally:
        context.close()


def launch(playwright):
    """Debian's headless Chromium, never a downloaded one."""
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make browser`")
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync"])


# ---------------------------------------------------------------------------
# The sites
# ---------------------------------------------------------------------------


def base_path(config_file: Path) -> str:
    """Where GitHub Pages serves the site: the path of its site_url."""
    import yaml  # PyYAML: a dependency of the project

    site_url = yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]
    return urlsplit(site_url).path or "/"


def build(config_file: Path, site_dir: Path) -> Path:
    """A strict build, as `showcase build` does it."""
    sys.path.insert(0, str(REPO))
    from generator.mkdocs_plugin import build_site

    progress(f"   mkdocs build --strict -f {config_file}")
    return build_site(config_file, site_dir, strict=True)


def synthetic_site(n: int, work: Path, seed: int) -> Path:
    """build_benchmark.py's data with *n* points, built with the repo's mkdocs.yml."""
    sys.path.insert(0, str(BENCH_DIR))
    from build_benchmark import write_data, write_our_config

    project = work / f"n{n}" / "project"
    progress(f"== {n} synthetic points: generating data in {project}")
    write_data(project / "data", n, seed)
    site = work / f"n{n}" / "site"
    return build(write_our_config(project, site), site)


def first_point(site: Path) -> str:
    """The URL path of the site's first point page by id."""
    pages = sorted(p.parent.name for p in (site / "points").glob("*/index.html"))
    if not pages:
        raise SystemExit(f"{site}: no point pages under points/")
    return f"points/{pages[0]}/"


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} KB"


def describe(title: str, load: Load) -> None:
    print(f"  {title}: {kb(load.total)} ({load.total:,} bytes) in {len(load.transfers)} requests")
    print("    by type: " + ", ".join(f"{kind} {kb(n)}" for kind, n in load.by_kind().items()))
    for t in load.transfers:
        print(f"    {t.status:>3} {t.encoding or '-':<4} {t.bytes:>10,}  {t.kind:<10}  "
              f"{urlsplit(t.url).path}")
    if load.tiles:
        print(f"    map tiles (answered 204, not counted): {len(load.tiles)}")
    for url in load.refused:
        print(f"    REFUSED (outside the site): {url}")


def report(label: str, page_path: str, compress: bool, v: Visit, query: str | None) -> None:
    verdict = "within" if v.first.total <= BUDGET else "OVER"
    print(f"\n== {label}, {page_path}, {'gzip' if compress else 'uncompressed'}"
          f" ({verdict} the {kb(BUDGET)} budget)")
    describe("first load", v.first)
    print(f"    search index files requested: {v.first.requests_under(INDEX)};"
          f" Leaflet loaded: {'yes' if v.leaflet_on_first_load else 'no'}")
    if v.search is not None:
        describe(f"opening search and typing {query!r} adds", v.search)
        print(f"    results: {v.results.strip()!r}")
    for path, chromium, server in v.mismatches:
        print(f"    NOTE {path}: Chromium counted {chromium:,} bytes, the server sent {server:,}")


def summary(rows: list[tuple[str, bool, Visit]]) -> None:
    print(f"\n{'site':<22} {'encoding':<9} {'first load':>12} {'requests':>8} "
          f"{'+ search':>12} {'of it index':>12}  Leaflet loaded")
    for label, compress, v in rows:
        added = v.search.total if v.search else 0
        index = sum(t.bytes for t in (v.search.transfers if v.search else [])
                    if INDEX in urlsplit(t.url).path)
        leaflet = ("on first load" if v.leaflet_on_first_load
                   else "after search" if v.leaflet_after_search else "no")
        print(f"{label:<22} {'gzip' if compress else 'none':<9} {kb(v.first.total):>12} "
              f"{len(v.first.transfers):>8} {kb(added):>12} {kb(index):>12}  {leaflet}")
    print(f"budget for the first load: {kb(BUDGET)}; KB = 1000 bytes, counted on the wire "
          "(headers included).")


def progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1000,
                        help="size of the synthetic site (0: the demo only; default 1000)")
    parser.add_argument("--query", default="VR", help="what to type into search ('' for none)")
    parser.add_argument("--site", type=Path, help="measure this built site instead of building")
    parser.add_argument("--page", help="the point page's URL path (default: the first point)")
    parser.add_argument("--config", type=Path, default=REPO / "examples" / "shenzhen" / "mkdocs.yml",
                        help="whose site_url gives the sub-path to serve at")
    parser.add_argument("--keep", action="store_true",
                        help=f"keep the built sites under {OUT_ROOT.relative_to(REPO)}/page-weight")
    parser.add_argument("--seed", type=int, default=20251123, help="random seed of the data")
    args = parser.parse_args(argv)

    work = OUT_ROOT / "page-weight"
    try:
        if args.site:
            sites = [(str(args.site), args.site, args.page or first_point(args.site))]
        else:
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            progress("== the demo site")
            demo = build(REPO / "examples" / "shenzhen" / "mkdocs.yml", work / "demo" / "site")
            sites = [("demo", demo, args.page or DEMO_POINT)]
            if args.points:
                site = synthetic_site(args.points, work, args.seed)
                sites.append((f"{args.points} points", site, first_point(site)))

        from playwright.sync_api import sync_playwright

        rows = []
        mount = base_path(args.config)
        with sync_playwright() as playwright:
            browser = launch(playwright)
            for label, site, page_path in sites:
                for compress in (True, False):
                    progress(f"== {label}: {page_path} ({'gzip' if compress else 'uncompressed'})")
                    server = SiteServer(site, mount, compress)
                    try:
                        result = visit(browser, server, page_path, args.query or None)
                    finally:
                        server.shutdown()
                    report(label, page_path, compress, result, args.query)
                    rows.append((label, compress, result))
            browser.close()
        summary(rows)
    finally:
        if not (args.keep or args.site):
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
