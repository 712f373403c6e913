"""The content cache of drawn plaques: one SQLite file, shared by the forked drawers."""

from __future__ import annotations

from pathlib import Path

from generator.cache import ArtifactCache, key
from generator.parallel import Background, split_map


def test_entries_round_trip_and_stale_ones_go(tmp_path):
    cache = ArtifactCache(tmp_path / "c.sqlite")
    cache.put_many([("a.pdf", b"%PDF a"), ("b.svg", b"<svg/>")])
    assert cache.get("a.pdf") == b"%PDF a"
    assert cache.missing(["a.pdf", "b.svg", "c.pdf"]) == {"c.pdf"}
    cache.keep_only(["b.svg"])
    assert cache.missing(["a.pdf", "b.svg"]) == {"a.pdf"}
    # a new process (a later build) sees what this one stored
    assert ArtifactCache(tmp_path / "c.sqlite").get("b.svg") == b"<svg/>"


def store_range(work: tuple[Path, int, int]) -> None:
    """Store entries first..last-1, one transaction each (run in a background process)."""
    path, first, last = work
    cache = ArtifactCache(path)
    for i in range(first, last):
        cache.put_many([(f"{i}.pdf", str(i).encode())])


def test_processes_write_to_the_same_cache_at_once(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = ArtifactCache(path)
    cache.missing([])  # this process has a connection open, as a build has
    drawer = Background(store_range, (path, 200, 400))  # as the plaques' drawing does
    split_map(lambda i: cache.put_many([(f"{i}.pdf", str(i).encode())]), range(200))
    drawer.result()
    assert cache.missing(f"{i}.pdf" for i in range(400)) == set()
    assert cache.get("399.pdf") == b"399" and cache.get("0.pdf") == b"0"


def test_a_damaged_cache_is_started_afresh(tmp_path):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = ArtifactCache(path)
    assert cache.missing(["a.pdf"]) == {"a.pdf"}
    cache.put_many([("a.pdf", b"x")])
    assert cache.get("a.pdf") == b"x"


def test_keys_depend_on_every_part_and_its_order():
    assert key("a", "b") != key("b", "a")
    assert key("ab", "") != key("a", "b")
    assert len(key("x")) == 64
