"""Shared fixtures: the repo's paths, built sites (once per session), a local web
server and headless Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import re
import shutil
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The Shenzhen demo: the tests of its exact content build it from here, whatever city a
# fork keeps in data/.
DEMO = ROOT / "examples" / "shenzhen"
DEMO_CONFIG = DEMO / "mkdocs.yml"
DEMO_DATA = DEMO / "data"
CHROMIUM = "/usr/bin/chromium"
# A fixed build date so that two builds can be compared byte for byte.
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1732320000"}
CHINA = dt.timezone(dt.timedelta(hours=8))
# "today" of the test builds: the day SOURCE_DATE_EPOCH falls on in China
BUILD_DAY = dt.datetime.fromtimestamp(int(BUILD_ENV["SOURCE_DATE_EPOCH"]), CHINA).date()
CUSTOM_DOMAIN = "https://showcase.example.org/"  # a custom domain: no sub-path
FREE_VENUE = "市民中心广场"  # a venue that is not a point


def build(config_file: Path, site_dir: Path) -> Path:
    """Build a site the way `showcase build` does: strict, staged, swapped in."""
    from generator.mkdocs_plugin import build_site

    old = {key: os.environ.get(key) for key in BUILD_ENV}
    os.environ.update(BUILD_ENV)
    try:
        return build_site(config_file, site_dir, strict=True)
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo site from the shipped data, built once."""
    return build(DEMO_CONFIG, tmp_path_factory.mktemp("demo") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small second-city site under tests/fixtures/city, built once."""
    return build(FIXTURES / "city" / "mkdocs.yml", tmp_path_factory.mktemp("fixture") / "site")


@pytest.fixture(scope="session")
def custom_domain_site(tmp_path_factory) -> Path:
    """The demo published at a custom domain (a site_url with no sub-path), built once,
    with one more event, at a free venue, under way on the build's day: begun, so in the
    feed, and not over, so in the calendar. Its inputs are beside it (``.parent``)."""
    project = copy_site_inputs(tmp_path_factory.mktemp("custom") / "project")
    config = project / "mkdocs.yml"
    config.write_text("".join(
        f"site_url: {CUSTOM_DOMAIN}\n" if line.startswith("site_url:") else line
        for line in config.read_text(encoding="utf-8").splitlines(keepends=True)), encoding="utf-8")
    year_file = project / "data" / "years" / f"{BUILD_DAY.year}.yml"
    programme = yaml.safe_load(year_file.read_text(encoding="utf-8"))
    programme.setdefault("events", []).append({
        "title": "社区社会组织公益市集", "kind": "festival",
        "date": BUILD_DAY, "end": BUILD_DAY + dt.timedelta(days=2), "venue": FREE_VENUE,
        "description": "集中展示社区社会组织的公益项目。"})
    year_file.write_text(yaml.safe_dump(programme, allow_unicode=True, sort_keys=False),
                         encoding="utf-8")
    return build(config, project / "site")


def soup(site: Path, url_path: str) -> BeautifulSoup:
    """The parsed HTML of a page of a built site, by its URL path (``points/x/``)."""
    path = site / url_path
    if url_path == "" or url_path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under its base path only, as GitHub Pages serves a project site:
    a missing address under it is answered with the site's 404.html and status 404, at
    the address asked for. A byte range (``Range: bytes=a-b``) is answered with 206 and
    those bytes, as GitHub Pages does (a PMTiles map reads its file by ranges); with
    ``ranges`` off, with the whole file, as Python's and mkdocs' servers do."""

    mount = "/"
    ranges = True

    def do_GET(self):
        wanted = _RANGE.fullmatch(self.headers.get("Range", "")) if self.ranges else None
        path = Path(self.translate_path(self.path))
        if wanted is None or not path.is_file():
            return super().do_GET()
        data = path.read_bytes()
        start, end = int(wanted[1]), min(int(wanted[2] or len(data) - 1), len(data) - 1)
        if start > end:
            self.send_response(416)
            self.send_header("Content-Range", f"bytes */{len(data)}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{len(data)}")
        self.send_header("Content-Length", str(end + 1 - start))
        self.end_headers()
        self.wfile.write(data[start:end + 1])
        return None

    def translate_path(self, path):
        if not path.startswith(self.mount):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.mount):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not self.path.startswith(self.mount) or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def serve(directory: Path, mount: str = "/", *, ranges: bool = True):
    """Serve a folder at *mount* on a free loopback port; returns (site URL, server)."""
    handler = type("Handler", (_SubPathHandler,), {"mount": mount, "ranges": ranges})
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{mount}", server


def site_url(config_file: Path = DEMO_CONFIG) -> str:
    """A site's site_url, as its mkdocs.yml says: what the QR codes encode."""
    return yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"]


def base_path(config_file: Path = DEMO_CONFIG) -> str:
    """The path part of a site's site_url: where GitHub Pages serves it."""
    return urlsplit(site_url(config_file)).path


def awarded_ids(points_dir: Path = DEMO_DATA / "points") -> list[str]:
    """Ids of the points in service (those with a plaque at their door), read with PyYAML."""
    return [path.stem for path in sorted(points_dir.glob("*.yml"))
            if yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "awarded"]


def run_cli(*args: str, cwd: Path, ci: bool = False) -> subprocess.CompletedProcess:
    """`showcase <args>` in a clean environment, as an editor runs it (or CI, with ci=True)."""
    env = {"PATH": "/usr/bin:/bin", **BUILD_ENV}
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)


@pytest.fixture(scope="session")
def demo_url(demo_site):
    """The demo site served under its site_url's sub-path, as on GitHub Pages."""
    url, server = serve(demo_site, base_path())
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def custom_domain_url(custom_domain_site):
    """The custom-domain demo served at the root, as GitHub Pages serves a custom domain."""
    url, server = serve(custom_domain_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright; `make test` installs it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


def copy_city(top: Path) -> Path:
    """A writable copy of the small fixture city under *top*; its mkdocs.yml reaches the
    theme as in the repository (../../../theme), so the theme is copied beside it."""
    project = top / "tests" / "fixtures" / "city"
    shutil.copytree(FIXTURES / "city", project)
    shutil.copytree(ROOT / "theme", top / "theme")
    return project


def built_city(top: Path) -> Path:
    """The fixture city copied under *top* and built once, as an editor would from the
    repository's top: the cases that spoil it copy *top*, site and all."""
    copy_city(top)
    result = run_cli("build", "-f", "tests/fixtures/city/mkdocs.yml", cwd=top)
    assert result.returncode == 0, result.stderr
    return top


def copy_site_inputs(target: Path) -> Path:
    """Copy the demo's site inputs into *target*, laid out as in the repository (the root
    mkdocs.yml, content and theme; examples/shenzhen with its mkdocs.yml and data); returns
    the copy of examples/shenzhen, whose ``mkdocs.yml`` and ``data`` the tests change."""
    target.mkdir()
    for name in ("mkdocs.yml", "content", "theme"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    demo = target / DEMO.relative_to(ROOT)
    demo.mkdir(parents=True)
    shutil.copy(DEMO_CONFIG, demo / DEMO_CONFIG.name)
    shutil.copytree(DEMO_DATA, demo / DEMO_DATA.name)
    return demo


@pytest.fixture
def copy_project(tmp_path):
    """A writable copy of the demo's site inputs (see copy_site_inputs)."""
    return lambda: copy_site_inputs(tmp_path / "project")


@pytest.fixture
def fork(tmp_path) -> Path:
    """A fork's site inputs with no city yet: mkdocs.yml, content, theme, an empty data/."""
    project = tmp_path / "fork"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, project / name)
    (project / "data").mkdir()
    return project
