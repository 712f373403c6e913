"""The city under test: the one named by SHOWCASE_CITY (the path of its mkdocs.yml), or
else the one `showcase build` would build from the repository's root (the fork's own
city in data/, or the demo while data/ has none).

Every expectation of the city suite is computed from that city's YAML, read here with
PyYAML, never from the generator's model and never a name written in a test: the suite
passes for any valid city and fails for a site that does not show the city's data."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from ..conftest import DEMO_CONFIG, ROOT, build, serve


def city_config() -> Path:
    """The mkdocs.yml of the city under test."""
    named = os.environ.get("SHOWCASE_CITY")
    if named:
        path = Path(named)
        return (path if path.is_absolute() else ROOT / path).resolve()
    from generator.cli import chosen_config

    here = Path.cwd()
    os.chdir(ROOT)  # chosen_config reads the paths a command run at the root would
    try:
        return chosen_config(None, say=False).resolve()
    finally:
        os.chdir(here)


CONFIG = city_config()


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _mkdocs() -> dict:
    """The city's mkdocs.yml as PyYAML reads it, its INHERIT followed (the demo's is a
    child of the root's); only the keys the suite needs are merged."""
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Tolerant)
    parent = config.pop("INHERIT", None)
    if parent:
        base = yaml.load((CONFIG.parent / parent).read_text(encoding="utf-8"), Loader=_Tolerant)
        config = {**base, **config}
    return config


class _Tolerant(yaml.SafeLoader):
    """mkdocs.yml may hold tags (!ENV, !!python/name) that a safe loader refuses."""


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
_Tolerant.add_multi_constructor("!", lambda loader, suffix, node: None)


MKDOCS = _mkdocs()
SITE_URL: str = MKDOCS["site_url"]


def _data_dir() -> Path:
    for plugin in MKDOCS.get("plugins") or []:
        if isinstance(plugin, dict) and "showcase" in plugin:
            return CONFIG.parent / ((plugin["showcase"] or {}).get("data_dir") or "data")
    return CONFIG.parent / "data"


DATA = _data_dir()


@functools.lru_cache(maxsize=None)
def records(kind: str) -> dict[str, dict]:
    """A collection's records by id (points, projects, cases), as written."""
    folder = DATA / kind
    return {path.stem: _yaml(path) for path in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}


@functools.lru_cache(maxsize=None)
def terms(taxonomy: str) -> dict[str, dict]:
    """A taxonomy's terms by id, as written."""
    return {term["id"]: term for term in _yaml(DATA / "taxonomies" / f"{taxonomy}.yml") or []}


@functools.lru_cache(maxsize=None)
def site_yml() -> dict:
    return _yaml(DATA / "site.yml")


@functools.lru_cache(maxsize=None)
def years() -> dict[int, dict]:
    """The year files by year."""
    folder = DATA / "years"
    return {int(path.stem): _yaml(path) for path in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}


def in_service() -> list[str]:
    """Ids of the points in service: those with a plaque (and its QR code) at their door."""
    return [id_ for id_, point in records("points").items() if point["status"] == "awarded"]


def record_name(kind: str, record: dict) -> str:
    return record["title"] if kind == "cases" else record["name"]


def permalink(id_: str) -> str:
    """What a point's plaque encodes."""
    return f"{SITE_URL}v/{id_}/"


@pytest.fixture(scope="session")
def city_site(request, tmp_path_factory) -> Path:
    """The city's site, built once, strict, as `showcase build` builds it (the demo's
    tests' own build, when the city is the demo)."""
    if CONFIG == DEMO_CONFIG.resolve():
        return request.getfixturevalue("demo_site")
    return build(CONFIG, tmp_path_factory.mktemp("city") / "site")


@pytest.fixture(scope="session")
def city_url(city_site):
    """The city's site served under its site_url's path, as GitHub Pages serves it."""
    url, server = serve(city_site, urlsplit(SITE_URL).path)
    yield url
    server.shutdown()
