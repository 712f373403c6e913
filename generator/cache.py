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
    """Files by key under one folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()  # entries this build needs; the rest is pruned

    def path(self, name: str) -> Path:
        """Where the entry *name* (a key plus an extension) is, or would be."""
        return self.folder / name[:2] / name

    def put(self, name: str, content: bytes) -> None:
        """Store *content*; written to a temporary file first, so a reader never sees half."""
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(content)
        partial.replace(path)

    def prune(self) -> None:
        """Remove every entry this build did not ask for."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in self.used and not path.name.startswith("."):
                path.unlink(missing_ok=True)
