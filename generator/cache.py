"""A content cache for costly files: the same inputs give the same bytes, so keep them.

Drawing the print plaques is the slowest part of a build. Each plaque's files are kept
under a key made of everything that shapes them (the text, the drawing's version, the
font files); a rebuild with unchanged data reads them back instead of drawing again.
Entries no build asked for are removed at the end, so the cache does not grow.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path


def key(*parts: str) -> str:
    """A cache key from the inputs, in order."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class ArtifactCache:
    """Files by key under one folder; with no folder, a cache that keeps nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, name: str) -> Path:
        assert self.folder is not None
        return self.folder / name[:2] / name

    def get(self, name: str) -> bytes | None:
        """The stored bytes of *name* (a key plus an extension), or None."""
        self.used.add(name)
        if self.folder is None:
            return None
        try:
            return self._path(name).read_bytes()
        except OSError:
            return None

    def put(self, name: str, content: bytes) -> None:
        """Store *content*; written to a temporary file first, so a reader never sees half."""
        self.used.add(name)
        if self.folder is None:
            return
        path = self._path(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_bytes(content)
            partial.replace(path)
        except OSError:  # a read-only checkout builds as well, only slower
            pass

    def prune(self) -> None:
        """Remove every entry this build did not ask for."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in self.used and not path.name.startswith("."):
                path.unlink(missing_ok=True)
