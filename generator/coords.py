"""Coordinate systems of maps in China: WGS-84, GCJ-02 and BD-09.

GPS and OpenStreetMap use WGS-84. Maps published in mainland China must use GCJ-02, an
obfuscated offset of WGS-84 (several hundred metres); AMap (高德) and Tencent use it.
Baidu adds its own offset on top: BD-09. Editors pick a venue on whichever map they
have, say which, and the model keeps WGS-84; links to a map service convert back to
the system that service expects.

The forward GCJ-02 transform is the widely published one (Krasovsky 1940 ellipsoid).
It has no closed-form inverse, so GCJ-02 → WGS-84 refines a guess until the forward
transform of the guess lands within a millimetre of the input.
"""

from __future__ import annotations

import math
from typing import NamedTuple

_A = 6378245.0  # Krasovsky 1940 semi-major axis, metres
_EE = 0.00669342162296594323  # its first eccentricity squared
_BD_X_PI = math.pi * 3000.0 / 180.0
_BD_DLAT, _BD_DLNG = 0.006, 0.0065
_METRES_PER_DEGREE = 111_320.0


class LatLng(NamedTuple):
    """A position in degrees."""

    lat: float
    lng: float


def outside_china(lat: float, lng: float) -> bool:
    """Outside the rough box where GCJ-02 applies (it leaves such positions alone)."""
    return not (72.004 <= lng <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _shift(lat: float, lng: float) -> tuple[float, float]:
    x, y = lng - 105.0, lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
            + (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3)
    dlng = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
            + (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
            + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
            + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlng = (dlng * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlat, dlng


def wgs84_to_gcj02(lat: float, lng: float) -> LatLng:
    if outside_china(lat, lng):
        return LatLng(lat, lng)
    dlat, dlng = _shift(lat, lng)
    return LatLng(lat + dlat, lng + dlng)


def gcj02_to_wgs84(lat: float, lng: float) -> LatLng:
    """The WGS-84 position whose GCJ-02 transform is (lat, lng), to about a millimetre."""
    if outside_china(lat, lng):
        return LatLng(lat, lng)
    guess_lat, guess_lng = lat, lng
    for _ in range(30):
        shifted = wgs84_to_gcj02(guess_lat, guess_lng)
        error_lat, error_lng = shifted.lat - lat, shifted.lng - lng
        if abs(error_lat) < 1e-8 and abs(error_lng) < 1e-8:  # 1e-8 degrees ≈ 1 mm
            break
        guess_lat, guess_lng = guess_lat - error_lat, guess_lng - error_lng
    return LatLng(guess_lat, guess_lng)


def gcj02_to_bd09(lat: float, lng: float) -> LatLng:
    z = math.hypot(lng, lat) + 0.00002 * math.sin(lat * _BD_X_PI)
    theta = math.atan2(lat, lng) + 0.000003 * math.cos(lng * _BD_X_PI)
    return LatLng(z * math.sin(theta) + _BD_DLAT, z * math.cos(theta) + _BD_DLNG)


def bd09_to_gcj02(lat: float, lng: float) -> LatLng:
    """The GCJ-02 position whose BD-09 transform is (lat, lng), refined like gcj02_to_wgs84."""
    x, y = lng - _BD_DLNG, lat - _BD_DLAT
    z = math.hypot(x, y) - 0.00002 * math.sin(y * _BD_X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _BD_X_PI)
    guess_lat, guess_lng = z * math.sin(theta), z * math.cos(theta)
    for _ in range(10):
        shifted = gcj02_to_bd09(guess_lat, guess_lng)
        error_lat, error_lng = shifted.lat - lat, shifted.lng - lng
        if abs(error_lat) < 1e-9 and abs(error_lng) < 1e-9:
            break
        guess_lat, guess_lng = guess_lat - error_lat, guess_lng - error_lng
    return LatLng(guess_lat, guess_lng)


def to_wgs84(system: str, lat: float, lng: float) -> LatLng:
    """A position given in *system* (wgs84, gcj02, bd09) as WGS-84."""
    if system == "wgs84":
        return LatLng(lat, lng)
    if system == "gcj02":
        return gcj02_to_wgs84(lat, lng)
    if system == "bd09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lng))
    raise ValueError(f"unknown coordinate system {system!r}")


def from_wgs84(system: str, lat: float, lng: float) -> LatLng:
    """A WGS-84 position in *system*."""
    if system == "wgs84":
        return LatLng(lat, lng)
    gcj = wgs84_to_gcj02(lat, lng)
    if system == "gcj02":
        return gcj
    if system == "bd09":
        return gcj02_to_bd09(*gcj)
    raise ValueError(f"unknown coordinate system {system!r}")


def distance_m(a: LatLng, b: LatLng) -> float:
    """Distance in metres between two nearby positions (equirectangular; fine below 10 km)."""
    mean_lat = math.radians((a.lat + b.lat) / 2)
    return math.hypot((a.lat - b.lat) * _METRES_PER_DEGREE,
                      (a.lng - b.lng) * _METRES_PER_DEGREE * math.cos(mean_lat))
