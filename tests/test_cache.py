"""The content cache of drawn plaques: one SQLite file, shared by the forked drawers."""

from __future__ import annotations

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


def test_forked_processes_write_to_the_same_cache(tmp_path):
    cache = ArtifactCache(tmp_path / "c.sqlite")
    cache.missing([])  # the parent has a connection open before the fork, as in a build

    def store(i: int) -> None:
        cache.put_many([(f"{i}.pdf", str(i).encode())])

    Background(lambda: split_map(store, range(400))).result()
    assert cache.missing(f"{i}.pdf" for i in range(400)) == set()
    assert cache.get("399.pdf") == b"399"


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
