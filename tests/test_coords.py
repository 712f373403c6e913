"""Coordinate conversions against an independent implementation (the prcoords package)
and published values, with round trips under a metre."""

import random

import prcoords
import pytest

from generator.coords import (
    LatLng, bd09_to_gcj02, distance_m, from_wgs84, gcj02_to_bd09, gcj02_to_wgs84, outside_china,
    to_wgs84, wgs84_to_gcj02,
)

# Positions over mainland China, Shenzhen densely, plus the edges of the GCJ-02 box.
rng = random.Random(7)
POSITIONS = [LatLng(rng.uniform(22.4, 23.1), rng.uniform(113.7, 115.4)) for _ in range(300)]
POSITIONS += [LatLng(rng.uniform(18.0, 53.0), rng.uniform(74.0, 134.0)) for _ in range(300)]


@pytest.mark.parametrize("p", POSITIONS[::20])
def test_wgs84_to_gcj02_matches_prcoords(p):
    ours = wgs84_to_gcj02(*p)
    theirs = prcoords.wgs_gcj((p.lat, p.lng))
    assert distance_m(ours, LatLng(theirs.lat, theirs.lon)) < 0.01


def test_all_conversions_match_prcoords_within_a_metre():
    worst = 0.0
    for p in POSITIONS:
        pairs = [
            (wgs84_to_gcj02(*p), prcoords.wgs_gcj((p.lat, p.lng))),
            (gcj02_to_bd09(*p), prcoords.gcj_bd((p.lat, p.lng))),
            (gcj02_to_wgs84(*p), prcoords.gcj_wgs_bored((p.lat, p.lng))),
            (bd09_to_gcj02(*p), prcoords.bd_gcj_bored((p.lat, p.lng))),
        ]
        for ours, theirs in pairs:
            worst = max(worst, distance_m(ours, LatLng(theirs.lat, theirs.lon)))
    assert worst < 1.0


def test_round_trips_stay_under_a_metre():
    for p in POSITIONS:
        for system in ("gcj02", "bd09"):
            back = to_wgs84(system, *from_wgs84(system, *p))
            assert distance_m(back, p) < 1.0, (system, p)


def test_the_offset_is_hundreds_of_metres_in_shenzhen():
    # the reason the system must be stated: a GCJ-02 position read as WGS-84 is this far off
    futian = LatLng(22.5431, 114.0579)
    assert 250 < distance_m(futian, wgs84_to_gcj02(*futian)) < 700


def test_outside_china_nothing_moves():
    london = LatLng(51.5074, -0.1278)
    assert outside_china(*london)
    assert wgs84_to_gcj02(*london) == london and gcj02_to_wgs84(*london) == london
