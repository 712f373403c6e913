"""Permalinks: the short addresses printed in the plaques' QR codes, kept for good.

Every point has ``v/<id>/``, and a renamed point keeps a permalink for each former id
it lists as an alias. ``data/permalinks.lock`` records every permalink ever published,
one per line. A permalink in the lock that no point answers any more is an error: the
plaque at some door would lead nowhere; many at once are said in one message, which
names the other case too (a new city that kept another city's lock starts with an empty
one). New permalinks are appended by a local build,
to be committed with the data; in CI, where nothing is committed back, a permalink
missing from the lock is an error that says which line to add.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import messages as msg
from .issues import Issue
from .load import read_bounded
from .schema import ShowcasePoint

LOCK_NAME = "permalinks.lock"
PERMALINK_RE = re.compile(r"^v/([a-z0-9]+(?:-[a-z0-9]+)*)/$")
# More permalinks gone than this at once is not a point restored by hand: the lock is most
# likely another city's (a fork that removed the demo's records but kept its lock), and one
# message that says so helps more than a line each telling the editor to restore them.
GONE_ONE_BY_ONE = 5


def permalink(slug: str) -> str:
    """The site path of a point's permalink: ``v/<slug>/``."""
    return f"v/{slug}/"


def targets(points: Iterable[ShowcasePoint]) -> dict[str, ShowcasePoint]:
    """Every permalink the data answers, with the point it leads to."""
    out: dict[str, ShowcasePoint] = {}
    for point in points:
        for slug in (point.id, *point.aliases):
            out[permalink(slug)] = point
    return out


def frozen_by_default() -> bool:
    """In CI (GitHub Actions sets CI=true) the lock is checked, never written."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@dataclass
class Lock:
    """The permalinks recorded in the lock file, each with its line."""

    file: str  # as shown in messages
    path: Path
    exists: bool
    lines: dict[str, int]


def read_lock(path: Path, display: str, within: Path) -> tuple[Lock, list[Issue]]:
    """Read the lock file; a missing file is an empty lock.

    Like every data file, it is read only inside the data folder *within*, and only up
    to the loader's size limit: its lines are quoted in messages.
    """
    lock = Lock(display, path, path.is_file(), {})
    if not lock.exists:
        return lock, []
    data, issues = read_bounded(path, display, within)
    if data is None:
        return lock, issues
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if PERMALINK_RE.match(line):
            lock.lines.setdefault(line, number)
        else:
            issues.append(Issue(display, number, 1, "", msg.PERMALINK_BAD_LINE.format(value=line[:80])))
    return lock, issues


def check(lock: Lock, answered: Iterable[str], *, frozen: bool) -> tuple[list[Issue], list[str]]:
    """Compare the lock with the permalinks the data answers.

    Returns the problems, and the new permalinks a build should append to the lock.
    """
    answered = set(answered)
    gone = sorted((line, link) for link, line in lock.lines.items() if link not in answered)
    if len(gone) > GONE_ONE_BY_ONE:  # another city's lock: one message says what to do
        line, link = gone[0]
        issues = [Issue(lock.file, line, 1, "", msg.PERMALINKS_GONE_MANY.format(
            count=len(gone), first=f"/{link}", lock=lock.file))]
    else:
        issues = [Issue(lock.file, line, 1, "", msg.PERMALINK_GONE.format(
                      permalink=f"/{link}", slug=PERMALINK_RE.match(link)[1]))
                  for line, link in gone]
    new = sorted(answered - lock.lines.keys())
    if frozen and new:
        if not lock.exists:
            issues.append(Issue(lock.file, 1, 1, "",
                                msg.PERMALINK_LOCK_MISSING.format(lock=lock.file)))
        else:
            end = max(lock.lines.values(), default=0) + 1
            issues.extend(Issue(lock.file, end, 1, "", msg.PERMALINK_NOT_LOCKED.format(
                permalink=link, lock=lock.file)) for link in new)
    return issues, new


def append_to_lock(path: Path, new: list[str]) -> None:
    """Record newly published permalinks; lines are only ever added."""
    if not new:
        return
    existing = path.read_text(encoding="utf-8") if path.is_file() else msg.PERMALINK_LOCK_HEADER
    if existing and not existing.endswith("\n"):
        existing += "\n"
    path.write_text(existing + "".join(f"{link}\n" for link in new), encoding="utf-8")
