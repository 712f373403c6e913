"""The pipeline: load → validate → model → render, all in memory, nothing written.

``generate`` returns every page and file of the site; the mkdocs adapter
(``mkdocs_plugin.py``) hands them to mkdocs, which writes the site. Because every
problem is found here, before mkdocs touches the output folder, a failed build
leaves the last good site as it was.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .issues import DataError, Issue
from .model import Directory, build_directory
from .pages import GeneratedPage, Renderer, load_strings
from .reference import SCHEMA_FILES, schema_text
from .validate import validate


@dataclass(frozen=True)
class Sources:
    """Where a site's inputs are: the data folder and the theme's templates and strings."""

    data_dir: Path
    templates_dir: Path
    locales_dir: Path
    locale: str = "zh-CN"
    base_dir: Path | None = None  # file names in messages are relative to this


@dataclass
class GeneratedSite:
    """Everything generated for one build."""

    directory: Directory
    strings: dict[str, Any]
    pages: list[GeneratedPage]
    files: dict[str, str] = field(default_factory=dict)  # site path → text
    media: dict[str, Path] = field(default_factory=dict)  # site path → source file
    warnings: list[Issue] = field(default_factory=list)


@contextlib.contextmanager
def _without_gc_pauses():
    """Keep the cyclic garbage collector out of the way of a build.

    Loading makes hundreds of thousands of small objects that all stay alive, and each
    full collection walks every one of them again: at 1,000 points the collector took a
    third of the validation time. Nothing here makes reference cycles worth collecting.
    Afterwards, what the build keeps is frozen, so mkdocs' own collections skip it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def generate(sources: Sources) -> GeneratedSite:
    """Build the whole site in memory; raise DataError listing every problem in the data."""
    with _without_gc_pauses():
        return _generate(sources)


def _generate(sources: Sources) -> GeneratedSite:
    validated, issues = validate(sources.data_dir, sources.base_dir)
    if issues or validated is None:
        raise DataError(issues)
    directory = build_directory(validated)
    strings = load_strings(sources.locales_dir, sources.locale)
    pages = Renderer(directory, sources.templates_dir, strings).render_all()
    files = {f"schemas/{name}.schema.json": schema_text(cls, validated.taxonomies)
             for name, cls in SCHEMA_FILES.items()}
    media_dir = sources.data_dir / "media"
    media = {f"media/{path.relative_to(media_dir).as_posix()}": path
             for path in sorted(media_dir.rglob("*")) if path.is_file()} if media_dir.is_dir() else {}
    return GeneratedSite(directory, strings, pages, files, media, validated.warnings)
