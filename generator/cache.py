"""A content cache for costly files: the same inputs give the same bytes, so keep them.

Drawing the print plaques is the slowest part of a build. Each plaque's files are kept
under a key made of everything that shapes them (the text, the drawing's version, the
font files); a rebuild with unchanged data reads them back instead of drawing again.
Entries no build asked for are removed at the end, so the cache does not grow.

The entries live in one SQLite file rather than a file each: creating thousands of small
files cost more than drawing them (about 1 ms a file here), while SQLite writes a batch
in one go. It is only a cache: if it cannot be read, it is started afresh.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Iterable


def key(*parts: str) -> str:
    """A cache key from the inputs, in order."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class ArtifactCache:
    """Bytes by name (a key plus an extension) in one SQLite file.

    Safe across fork: each process opens its own connection on first use.
    """

    def __init__(self, path: Path):
        self.path = path
        self._connection: tuple[int, sqlite3.Connection] | None = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._connection[0] != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                db = self._open()
            except sqlite3.DatabaseError:  # not a database (any more): start afresh
                self.path.unlink(missing_ok=True)
                db = self._open()
            self._connection = (os.getpid(), db)
        return self._connection[1]

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")  # the two cores write while the other reads
        db.execute("PRAGMA synchronous=OFF")  # a cache: lost on a crash is merely redrawn
        db.execute("CREATE TABLE IF NOT EXISTS entry (name TEXT PRIMARY KEY, content BLOB)")
        return db

    def missing(self, names: Iterable[str]) -> set[str]:
        """Which of *names* the cache does not hold."""
        wanted = set(names)
        have = {name for (name,) in self._db().execute("SELECT name FROM entry")}
        return wanted - have

    def get(self, name: str) -> bytes:
        row = self._db().execute("SELECT content FROM entry WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(name)
        return row[0]

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store entries in one transaction."""
        db = self._db()
        with db:
            db.execute("BEGIN")
            db.executemany("INSERT OR REPLACE INTO entry VALUES (?, ?)", items)

    def keep_only(self, names: Iterable[str]) -> None:
        """Remove every entry not in *names*: what this build did not ask for."""
        db = self._db()
        with db:
            db.execute("BEGIN")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS used (name TEXT PRIMARY KEY)")
            db.execute("DELETE FROM used")
            db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((n,) for n in names))
            db.execute("DELETE FROM entry WHERE name NOT IN (SELECT name FROM used)")
