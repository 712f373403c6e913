"""The plaques' typeface: Noto Sans CJK SC, found with fontconfig, outlines read with fontTools.

Plaque SVGs and PDFs draw their text from the font's own glyph outlines, so they print
the same on any machine, with or without the font. Nothing here is loaded until the
first glyph is asked for: a build whose plaques all come from the cache never opens the
20 MB font files. Opening one weight costs about 0.2 s (fontTools reads the CFF
indexes); each glyph then about 0.3–0.6 ms (fontTools runs its charstring) and is kept.
"""

from __future__ import annotations

import bisect
import functools
import logging
import shutil
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from fontTools.pens.basePen import BasePen

from generator import messages

FAMILY = "Noto Sans CJK SC"
_BOLD = 200  # fontconfig's weight of Bold


class FontMissing(Exception):
    """The typeface is not installed (or fontconfig is not)."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(messages.FONT_MISSING.format(family=FAMILY))
        self.detail = detail  # what fontconfig said, for whoever debugs it


class GlyphMissing(ValueError):
    """A character of a plaque's text has no glyph in the typeface."""

    def __init__(self, char: str, face: str) -> None:
        super().__init__(messages.FONT_NO_GLYPH.format(
            char=char, code=f"U+{ord(char):04X}", font=face))
        self.char = char


@dataclass(frozen=True, eq=False)  # one object per face and character: identity will do
class Glyph:
    """One character's outline in font units (y up) and what layout needs of it."""

    char: str
    advance: int
    bbox: tuple[int, int, int, int]  # xmin, ymin, xmax, ymax of the control points
    svg_path: str  # SVG path data
    pdf_path: str  # PDF path construction operators (m l c h), without a paint operator


def find_face(bold: bool) -> tuple[Path, int]:
    """The file and collection index of the regular or bold face, as fontconfig resolves it."""
    pattern = f"{FAMILY}:weight={'bold' if bold else 'regular'}"
    if shutil.which("fc-match") is None:
        raise FontMissing("fc-match not found")
    result = subprocess.run(["fc-match", "-f", "%{file}|%{index}|%{family}|%{weight}", pattern],
                            capture_output=True, text=True, check=False)
    # fc-match always answers with *some* font: make sure it is the one we asked for.
    parts = result.stdout.split("|")
    if result.returncode != 0 or len(parts) != 4 or FAMILY not in parts[2].split(","):
        raise FontMissing(f"fc-match {pattern!r}: {result.stdout or result.stderr}")
    weight = int(float(parts[3] or 0))
    if (weight >= _BOLD) != bold:
        raise FontMissing(f"fc-match {pattern!r} gave weight {weight}")
    return Path(parts[0]), int(parts[1] or 0)


class Face:
    """One weight of a typeface: a font file, opened on first use, and its glyphs so far."""

    def __init__(self, path: Path, index: int = 0) -> None:
        self.path = path
        self.index = index
        self.load_seconds = 0.0  # how long opening the font took, once it has been
        self._font = None
        self._coverage: _Cmap | None = None
        self._glyphs: dict[str, Glyph] = {}

    @property
    def name(self) -> str:
        return f"{self.path.name}#{self.index}"

    def identity(self) -> str:
        """What changes when the font file does: for cache keys."""
        stat = self.path.stat()
        return f"{self.path}#{self.index}:{stat.st_size}:{stat.st_mtime_ns}"

    @functools.cached_property
    def units_per_em(self) -> int:
        return self._open()["head"].unitsPerEm

    def has_glyph(self, char: str) -> bool:
        """Whether the font draws *char*: its character map only, read once (a few ms)."""
        if self._coverage is None:
            from fontTools.ttLib import TTFont

            with TTFont(self.path, fontNumber=self.index, lazy=True) as font:
                self._coverage = _Cmap(font)
        return self._coverage.glyph_id(ord(char)) != 0

    def glyph(self, char: str) -> Glyph:
        """The glyph of *char*; GlyphMissing if the font has none."""
        glyph = self._glyphs.get(char)
        if glyph is None:
            glyph = self._glyphs[char] = self._read_glyph(char)
        return glyph

    def advance(self, text: str) -> int:
        """The advance width of *text* in font units (no kerning: CJK text has none)."""
        return sum(self.glyph(char).advance for char in text)

    # -- reading the font -------------------------------------------------

    def _open(self):
        if self._font is None:
            from fontTools.ttLib import TTFont

            # fontTools logs harmless remarks about the font's header dates; an editor
            # building the site has nothing to do about them
            logging.getLogger("fontTools").setLevel(logging.ERROR)
            start = time.perf_counter()
            font = TTFont(self.path, fontNumber=self.index, lazy=True)
            self._cmap = _Cmap(font)
            self._metrics = font.getTableData("hmtx"), font["hhea"].numberOfHMetrics
            if "CFF " in font:
                self._charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
            else:  # TrueType outlines (quadratic): the pen turns them into cubics
                self._charstrings = font.getGlyphSet()
            self._font = font
            self.load_seconds = time.perf_counter() - start
        return self._font

    def _read_glyph(self, char: str) -> Glyph:
        font = self._open()
        gid = self._cmap.glyph_id(ord(char))
        if gid == 0:
            raise GlyphMissing(char, FAMILY)
        hmtx, count = self._metrics
        (advance,) = struct.unpack_from(">H", hmtx, 4 * min(gid, count - 1))
        pen = _OutlinePen()
        self._charstrings[font.getGlyphName(gid)].draw(pen)
        return pen.glyph(char, advance)


class _Cmap:
    """Character → glyph id, reading the font's format-12 table directly.

    fontTools decodes the whole table into a dict of 45,000 entries (0.3 s for Noto CJK);
    a binary search over the raw groups costs nothing. Other formats go through fontTools.
    """

    def __init__(self, font) -> None:
        data = font.getTableData("cmap")
        (count,) = struct.unpack_from(">H", data, 2)
        records = [struct.unpack_from(">HHI", data, 4 + 8 * i) for i in range(count)]
        for platform, encoding, offset in records:
            if (platform, encoding) in {(3, 10), (0, 4), (0, 6)} and \
                    struct.unpack_from(">H", data, offset)[0] == 12:
                (groups,) = struct.unpack_from(">I", data, offset + 12)
                table = struct.unpack_from(f">{3 * groups}I", data, offset + 16)
                self._starts, self._ends, self._first = table[0::3], table[1::3], table[2::3]
                self._fallback = None
                return
        self._fallback = font.getBestCmap()
        self._reverse = {name: gid for gid, name in enumerate(font.getGlyphOrder())}

    def glyph_id(self, code: int) -> int:
        if self._fallback is not None:
            name = self._fallback.get(code)
            return 0 if name is None else self._reverse[name]
        group = bisect.bisect_right(self._starts, code) - 1
        if group < 0 or code > self._ends[group]:
            return 0
        return self._first[group] + code - self._starts[group]


def _number(value: float) -> str:
    """Shortest text for a coordinate: integers as such, else two decimals."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


class _OutlinePen(BasePen):
    """Records an outline as SVG and PDF path text; quadratic curves become cubic
    (BasePen's default _qCurveToOne does that)."""

    def __init__(self) -> None:
        super().__init__(None)
        self._svg: list[str] = []
        self._pdf: list[str] = []
        self._xs: list[float] = []
        self._ys: list[float] = []

    def _point(self, point) -> tuple[str, str]:
        x, y = point
        self._xs.append(x)
        self._ys.append(y)
        return _number(x), _number(y)

    def _moveTo(self, point) -> None:
        x, y = self._point(point)
        self._svg.append(f"M{x} {y}")
        self._pdf.append(f"{x} {y} m")

    def _lineTo(self, point) -> None:
        x, y = self._point(point)
        self._svg.append(f"L{x} {y}")
        self._pdf.append(f"{x} {y} l")

    def _curveToOne(self, first, second, third) -> None:
        coords = " ".join(f"{x} {y}" for x, y in map(self._point, (first, second, third)))
        self._svg.append(f"C{coords}")
        self._pdf.append(f"{coords} c")

    def _closePath(self) -> None:
        self._svg.append("Z")
        self._pdf.append("h")

    def glyph(self, char: str, advance: int) -> Glyph:
        if self._xs:
            bbox = (int(min(self._xs) // 1), int(min(self._ys) // 1),
                    -int(-max(self._xs) // 1), -int(-max(self._ys) // 1))
        else:  # a space
            bbox = (0, 0, 0, 0)
        return Glyph(char, advance, bbox, "".join(self._svg), "\n".join(self._pdf))


@dataclass
class Typeface:
    """The two weights the plaques use."""

    regular: Face
    bold: Face

    def identity(self) -> str:
        return f"{self.regular.identity()}|{self.bold.identity()}"

    def missing(self, chars: Iterable[str]) -> dict[str, str]:
        """The characters of *chars* that either weight lacks, each with why."""
        return {char: str(GlyphMissing(char, FAMILY)) for char in sorted(set(chars))
                if not (self.regular.has_glyph(char) and self.bold.has_glyph(char))}


@functools.cache
def typeface() -> Typeface:
    """Noto Sans CJK SC, regular and bold, as installed; FontMissing if it is not."""
    return Typeface(Face(*find_face(bold=False)), Face(*find_face(bold=True)))
