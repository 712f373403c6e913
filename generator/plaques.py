"""Print-ready plaques: one plaque per point (300 × 200 mm) and a sheet of cards per site
(A4, 2 × 3 a page), each as SVG and as PDF.

A layout is computed once in millimetres (y down) as boxes, text lines and QR codes; the
SVG and PDF writers only draw it. Text is drawn from the typeface's glyph outlines
(generator/fonts.py): SVG reuses one path per glyph (<use>), PDF embeds a Type 3 font of
exactly the glyphs used (generator/pdf.py). All wording comes from the caller, already
localised: nothing here knows a city or a language.

The code is as large as each format allows, so that a phone reads it from a step away
(tests/test_plaque_photo.py). A plaque whose caller gives it a ``proof`` mark (the site
has no address of its own yet) carries that mark on a band clear of the code, which
still scans; ``proof_qr_png`` marks the code's PNG alike.

Most of every plaque is the same on every point: the title and caption, frames, the
glyphs' outlines. What is the same is computed once per process and cached (each cache
says why), so that a file is mostly joins of ready text.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import math
from dataclasses import dataclass
from html import escape
from itertools import accumulate, chain, repeat

import numpy as np

from generator import pdf, qrcodes
from generator.fonts import Face, typeface
from generator.pdf import number

PLAQUE_SIZE = (300.0, 200.0)  # mm, landscape
SHEET_SIZE = (210.0, 297.0)  # mm, A4 portrait
SHEET_GRID = (2, 3)  # cards across, down
FORMAT_VERSION = "plaques-3"  # change when the drawing changes: cached files are redrawn

RED = "#a61b1b"
INK = "#1d1d1f"
GREY = "#5c5c60"
WHITE = "#ffffff"
RULE = "#b0b0b4"
PROOF_BAND = "#f8e1e1"  # pale: the text over it stays legible
PROOF_INK = "#d77a7a"

_PT_PER_MM = 72 / 25.4
# Where CJK glyphs sit in the em: the ideographic box runs from -0.12 to 0.88 em.
_ASCENT = 0.88
_MIDDLE = 0.38  # from the baseline up to the middle of the ideographic box

# Characters a line may not start with, or end with (the common line-breaking rules).
_NO_LINE_START = set(",.;:!?)]}%、。，．；：！？）］｝％〉》」』】〕”’·・ー…-")
_NO_LINE_END = set("([{（［｛〈《「『【〔“‘#")


@dataclass(frozen=True)
class Plaque:
    """What one plaque says, already localised by the caller."""

    title: str  # the programme's title
    point_name: str
    organisation: str
    field: str  # display name of the service field
    award: str  # e.g. the award year and batch
    caption: str  # under the QR code: what scanning it gives
    short_url: str  # the address as printed
    url: str  # what the QR code encodes
    # While the site has no address of its own to print: the words that mark the plaque
    # as a proof, not for print (empty: print-ready).
    proof: str = ""


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    fill: str | None = None
    stroke: str | None = None
    stroke_width: float = 0.0


@dataclass(frozen=True)
class Line:
    """One line of text: *x* is its left end, *baseline* its baseline, *size* its em in mm."""

    x: float
    baseline: float
    size: float
    width: float
    text: str
    bold: bool = False
    colour: str = INK
    angle: float = 0.0  # degrees, anticlockwise: the proof mark runs uphill


@dataclass(frozen=True)
class Code:
    """A QR code; *size* includes the quiet zone."""

    x: float
    y: float
    size: float
    code: qrcodes.QrCode


@dataclass(frozen=True)
class Shape:
    """A filled polygon, its corners in mm."""

    points: tuple[tuple[float, float], ...]
    fill: str


Item = Box | Shape | Line | Code


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    items: tuple[Item, ...]


def _face(bold: bool) -> Face:
    faces = typeface()
    return faces.bold if bold else faces.regular


class _AdvanceTable(dict):
    """Advance widths of one face by character, taken from its glyphs on first use: a
    plain dict lookup for each character measured after that."""

    def __init__(self, face: Face) -> None:
        super().__init__()
        self.face = face

    def __missing__(self, char: str) -> int:
        advance = self[char] = self.face.glyph(char).advance
        return advance


@functools.cache  # one table per weight, like the glyphs
def _advance_table(bold: bool) -> _AdvanceTable:
    return _AdvanceTable(_face(bold))


@functools.lru_cache(maxsize=16384)  # a point's texts are measured for its plaque and card
def _advances(text: str, bold: bool) -> tuple[int, ...]:
    """Prefix sums of the advance widths of *text*, in font units: [0, first, …, all]."""
    return tuple(accumulate(map(_advance_table(bold).__getitem__, text), initial=0))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in mm of *text* set at *size* mm."""
    return _advances(text, bold)[-1] * size / _face(bold).units_per_em


def _breaks(text: str) -> list[int]:
    """Where a line may break: between CJK characters, not inside a Latin word or number,
    not before closing or after opening punctuation."""
    allowed = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _NO_LINE_START or before in _NO_LINE_END:
            continue
        if before.isascii() and after.isascii() and not (before.isspace() or after.isspace()):
            continue
        allowed.append(i)
    return allowed


def fit(text: str, *, bold: bool, width: float, largest: float, smallest: float,
        lines: int = 1) -> tuple[float, list[str]]:
    """The size and lines that set *text* within *width*: the largest size up to *largest*
    on one line; if that is below *smallest*, on up to *lines* balanced lines. The text
    always fits: past *smallest* it shrinks further rather than overflow."""
    size, parts = _fit(text, bold, width, largest, smallest, lines)
    return size, list(parts)


@functools.lru_cache(maxsize=16384)  # the title and caption are set alike on every plaque
def _fit(text: str, bold: bool, width: float, largest: float, smallest: float,
         lines: int) -> tuple[float, tuple[str, ...]]:
    upem = _face(bold).units_per_em
    widths = _advances(text, bold)
    one_line = widths[-1] / upem
    size = min(largest, width / one_line) if one_line else largest
    if size >= smallest or lines < 2:
        return size, (text,)
    best = None
    for cut in _breaks(text):
        first, second = text[:cut].rstrip(), text[cut:].lstrip()
        second_start = len(text) - len(second)
        widest = max(widths[len(first)], widths[-1] - widths[second_start]) / upem
        if best is None or widest < best[0]:
            best = (widest, (first, second))
    if best is None:
        return size, (text,)
    return min(largest, width / best[0]), best[1]


@functools.lru_cache(maxsize=16384)  # title, caption, field and award recur on many plaques
def _lines(text: str, *, x: float, top: float, width: float, largest: float, smallest: float,
           bold: bool = False, colour: str = INK, lines: int = 1, centre: bool = False,
           leading: float = 1.25) -> tuple[tuple[Line, ...], float]:
    """Fitted lines whose first line's ideographic top is at *top*; the lines and the
    bottom of the last line."""
    size, parts = _fit(text, bold, width, largest, smallest, lines)
    result = []
    baseline = top + _ASCENT * size
    for part in parts:
        part_width = text_width(part, size, bold)
        left = x + (width - part_width) / 2 if centre else x
        result.append(Line(left, baseline, size, part_width, part, bold, colour))
        baseline += leading * size
    return tuple(result), baseline - leading * size + (1 - _ASCENT) * size


@functools.lru_cache(maxsize=1024)  # the title, on every plaque and card
def _centred_lines(text: str, *, x: float, middle: float, width: float, largest: float,
                   smallest: float, bold: bool, colour: str, lines: int) -> tuple[Line, ...]:
    """Fitted, centred lines whose block is centred vertically on *middle*."""
    size, parts = _fit(text, bold, width, largest, smallest, lines)
    leading = 1.2 * size
    first = middle + _MIDDLE * size - leading * (len(parts) - 1) / 2
    result = []
    for i, part in enumerate(parts):
        part_width = text_width(part, size, bold)
        result.append(Line(x + (width - part_width) / 2, first + i * leading, size, part_width,
                           part, bold, colour))
    return tuple(result)


# A build draws each plaque twice, as SVG and then as PDF: the last few layouts will do.
@functools.lru_cache(maxsize=4)
def plaque_page(plaque: Plaque) -> Page:
    """The door plaque: the title band across the top; below it on the right the QR code,
    as large as the plaque's height allows (132 mm with its quiet zone: the symbol is
    about 110 mm, read from a step away), its caption and printed address under it; on
    the left the point's name and organisation at the top, its field and award at the
    foot, level with the caption."""
    width, height = PLAQUE_SIZE
    items: list[Item] = [Box(6, 6, width - 12, height - 12, stroke=RED, stroke_width=1.2),
                         Box(12, 12, width - 24, 26, fill=RED)]
    qr_size = 132.0
    qr_x, qr_y = width - 12 - qr_size, 41.0
    left = 20.0
    column = qr_x - 4 - left
    if plaque.proof:  # under everything else, clear of the code and its quiet zone
        items += _proof_band(plaque.proof, 12, 41, qr_x - 2, height - 12, depth=34)
    items += _centred_lines(plaque.title, x=20, middle=25, width=width - 40, largest=16,
                            smallest=10, bold=True, colour=WHITE, lines=2)
    items.append(Code(qr_x, qr_y, qr_size, qrcodes.encode(plaque.url)))
    caption, bottom = _lines(plaque.caption, x=qr_x, top=qr_y + qr_size + 1.5, width=qr_size,
                             largest=6, smallest=4, lines=1, centre=True)
    # The address under the code; a long one may reach left under the column, whose
    # award stands no lower than the caption.
    url, _ = _lines(plaque.short_url, x=left, top=bottom + 1.5, width=qr_x + qr_size - left,
                    largest=4.5, smallest=2.5, colour=GREY)
    shift = (qr_x + (qr_size - url[0].width) / 2 if url[0].width <= qr_size
             else qr_x + qr_size - url[0].width) - url[0].x
    items += [*caption, *(dataclasses.replace(line, x=line.x + shift) for line in url)]

    name, bottom = _lines(plaque.point_name, x=left, top=48, width=column, largest=16,
                          smallest=11, bold=True, lines=2)
    organisation, _ = _lines(plaque.organisation, x=left, top=bottom + 7, width=column,
                             largest=9, smallest=6, lines=2)
    items += name + organisation
    # The field and the award stand at the foot of the column, the award level with
    # the caption: the eye goes from the name down to them and across to the code.
    award_size = 7.0
    award_top = caption[0].baseline - _ASCENT * caption[0].size + caption[0].size - award_size
    award, _ = _lines(plaque.award, x=left, top=award_top, width=column, largest=award_size,
                      smallest=3, colour=GREY)
    tag_top = award_top - 5 - (award_size + 4)
    field, _ = _lines(plaque.field, x=left + 4, top=tag_top + 2, width=column - 8,
                      largest=award_size, smallest=3)
    items.append(Box(left, tag_top, field[0].width + 8, field[0].size + 4, stroke=RED,
                     stroke_width=0.6))
    items += [dataclasses.replace(line, colour=RED) for line in field]
    items += award
    return Page(width, height, tuple(items))


def _card(plaque: Plaque, x: float, y: float, width: float, height: float) -> list[Item]:
    """A plaque in small, for the sheet: title band, name and organisation across the
    card; below them the QR code (52 mm with its quiet zone) on the right, the field,
    award and caption beside it; the printed address along the foot."""
    inner = width - 8
    items: list[Item] = [Box(x, y, width, 9, fill=RED)]
    qr_size = 52.0
    qr_x, qr_y = x + width - 1.5 - qr_size, y + 27
    side = qr_x - x - 6
    if plaque.proof:
        items += _proof_band(plaque.proof, x + 1.5, qr_y, qr_x - 1, y + height - 7, depth=12)
    items += _centred_lines(plaque.title, x=x + 4, middle=y + 4.5, width=inner, largest=4.5,
                            smallest=2.5, bold=True, colour=WHITE, lines=1)
    name, bottom = _lines(plaque.point_name, x=x + 4, top=y + 11.5, width=inner, largest=5,
                          smallest=2, bold=True)
    organisation, bottom = _lines(plaque.organisation, x=x + 4, top=bottom + 1.8, width=inner,
                                  largest=3.5, smallest=2.6, lines=2)
    items += name + organisation
    items.append(Code(qr_x, qr_y, qr_size, qrcodes.encode(plaque.url)))
    field, _ = _lines(plaque.field, x=x + 6, top=qr_y + 6.5, width=side - 4, largest=3.2,
                      smallest=2)
    items.append(Box(x + 4, qr_y + 5, field[0].width + 4, field[0].size + 3, stroke=RED,
                     stroke_width=0.3))
    items += [dataclasses.replace(line, colour=RED) for line in field]
    award, bottom = _lines(plaque.award, x=x + 4, top=qr_y + field[0].size + 10, width=side,
                           largest=3.2, smallest=2, colour=GREY)
    caption, _ = _lines(plaque.caption, x=x + 4, top=bottom + 3, width=side, largest=3.2,
                        smallest=2.2, lines=2)
    url, _ = _lines(plaque.short_url, x=x + 4, top=y + height - 5.5, width=inner, largest=2.6,
                    smallest=1.6, colour=GREY)
    items += award + caption + url
    items.append(Box(x, y, width, height, stroke=RULE, stroke_width=0.25))  # cut line
    return items


def _proof_band(mark: str, left: float, top: float, right: float, bottom: float, *,
                depth: float) -> list[Item]:
    """The proof mark: a pale band *depth* mm high from the lower left to the upper right
    corner of the box, upright at both ends, *mark* along its middle as large as fits.
    The caller draws it before the plaque's text, which stays legible over it, and keeps
    the box clear of the QR code and its quiet zone, so the code still scans."""
    angle = math.atan2(bottom - top - depth, right - left)
    cos, sin = math.cos(angle), math.sin(angle)
    band = Shape(((left, bottom), (left, bottom - depth), (right, top), (right, top + depth)),
                 PROOF_BAND)
    # Across the band the text takes 62 % of its depth; along it, the middle line less
    # what the upright ends cut off at the text's height, and a margin of a character.
    size = 0.62 * depth * cos
    along = (right - left) / cos - size * math.tan(angle) - 2 * size
    size = min(size, along / text_width(mark, 1.0, True))
    length = text_width(mark, size, True)
    # Along the text is (cos, -sin) with y down, up from it (-sin, -cos): the line starts
    # half its length back from the box's centre, its baseline below the middle.
    lift = _MIDDLE * size
    start_x = (left + right) / 2 - length / 2 * cos + lift * sin
    start_y = (top + bottom) / 2 + length / 2 * sin + lift * cos
    return [band, Line(start_x, start_y, size, length, mark, True, PROOF_INK,
                       math.degrees(angle))]


def sheet_pages(plaques: list[Plaque]) -> list[Page]:
    """A4 pages of cards, SHEET_GRID a page, in the order given."""
    width, height = SHEET_SIZE
    across, down = SHEET_GRID
    margin, gap = 10.0, 5.0
    card_width = (width - 2 * margin - (across - 1) * gap) / across
    card_height = (height - 2 * margin - (down - 1) * gap) / down
    per_page = across * down
    pages = []
    for start in range(0, len(plaques), per_page):
        items: list[Item] = []
        on_page = plaques[start:start + per_page]
        for slot, plaque in enumerate(on_page):
            row, col = divmod(slot, across)
            items += _card(plaque, margin + col * (card_width + gap),
                           margin + row * (card_height + gap), card_width, card_height)
        marks = list(dict.fromkeys(plaque.proof for plaque in on_page if plaque.proof))
        for mark in marks:  # in the top margin, above the cards (one site: one mark)
            items += _lines(mark, x=margin, top=3, width=width - 2 * margin, largest=4.5,
                            smallest=2, bold=True, colour=RED, centre=True)[0]
        pages.append(Page(width, height, tuple(items)))
    return pages


def _label(plaque: Plaque) -> str:
    """The plaque's words in reading order: what assistive technology reads for the image."""
    words = (plaque.title, plaque.point_name, plaque.organisation, plaque.field, plaque.award,
             plaque.caption, plaque.short_url)
    return " ".join((plaque.proof, *words) if plaque.proof else words)


# ---------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------


# Glyph ids start with a prefix unique to the document (see _prefix). The <use>s of text
# that every plaque shares are cached with this stand-in, replaced once per document.
_ID = "\x00"


@functools.cache  # one <path> per glyph, whatever the document
def _svg_glyph(char: str, bold: bool) -> str:
    """A glyph's outline as a <path> for <defs>, all but the `<path id="{prefix}` it starts
    with; empty for a glyph without ink."""
    path = _face(bold).glyph(char).svg_path
    return f'{"b" if bold else "r"}{ord(char):x}" d="{path}"/>' if path else ""


@functools.cache  # per glyph
def _svg_use(char: str, bold: bool) -> str:
    """The start of a <use> of the glyph's path, up to its x; empty for a glyph without ink."""
    if not _face(bold).glyph(char).svg_path:
        return ""
    return f'<use href="#{_ID}{"b" if bold else "r"}{ord(char):x}" x="'


@functools.lru_cache(maxsize=16384)  # the title and caption are drawn on every plaque
def _svg_uses(text: str, bold: bool) -> str:
    """*text* as a <use> of each glyph's path, in font units from its left end."""
    pairs = [pair for pair in zip(map(_svg_use, text, repeat(bold)), _advances(text, bold))
             if pair[0]]
    return ('%s%d"/>' * len(pairs)) % tuple(chain.from_iterable(pairs))


@functools.lru_cache(maxsize=256)  # the same frames and bands on every plaque and card
def _svg_box(box: Box) -> str:
    paint = f' fill="{box.fill}"' if box.fill else ' fill="none"'
    if box.stroke:
        paint += f' stroke="{box.stroke}" stroke-width="{number(box.stroke_width)}"'
    return (f'<rect x="{number(box.x)}" y="{number(box.y)}" width="{number(box.width)}" '
            f'height="{number(box.height)}"{paint}/>')


def _svg_items(page: Page, used: dict[tuple[bool, str], None]) -> list[str]:
    """The page's drawing; adds each glyph it draws to *used*, in order of first use."""
    out = []
    for item in page.items:
        if isinstance(item, Box):
            out.append(_svg_box(item))
        elif isinstance(item, Shape):
            corners = " ".join(f"{number(x)},{number(y)}" for x, y in item.points)
            out.append(f'<polygon points="{corners}" fill="{item.fill}"/>')
        elif isinstance(item, Line):
            scale = f"{item.size / _face(item.bold).units_per_em:.6g}"
            turn = f" rotate({-item.angle:.6g})" if item.angle else ""
            used.update(dict.fromkeys(zip(repeat(item.bold), item.text)))
            out.append(f'<g fill="{item.colour}" transform="translate({number(item.x)} '
                       f'{number(item.baseline)}){turn} scale({scale} -{scale})">'
                       f'{_svg_uses(item.text, item.bold)}</g>')
        else:
            module = item.size / (item.code.size + 2 * qrcodes.QUIET_ZONE)
            quiet = qrcodes.QUIET_ZONE
            side = item.code.size + 2 * quiet
            out.append(f'<g transform="translate({number(item.x + quiet * module)} '
                       f'{number(item.y + quiet * module)}) scale({module:.6g})">'
                       f'<rect x="-{quiet}" y="-{quiet}" width="{side}" height="{side}" '
                       f'fill="#fff"/><path fill="#000" shape-rendering="crispEdges" '
                       f'd="{qrcodes.svg_path_data(item.code)}"/></g>')
    return out


def _svg_document(pages: list[Page], label: str, prefix: str, gap: float = 0.0) -> str:
    used: dict[tuple[bool, str], None] = {}
    width = pages[0].width
    height = sum(page.height for page in pages) + gap * (len(pages) - 1)
    body = []
    top = 0.0
    for page in pages:
        body.append(f'<g transform="translate(0 {number(top)})"><rect width="{number(width)}" '
                    f'height="{number(page.height)}" fill="#fff"/>')
        body += _svg_items(page, used)
        body.append("</g>")
        top += page.height + gap
    # The paths are most of the file: joined with their id's start rather than each
    # written out or searched for the stand-in.
    opening = f'<path id="{prefix}'
    paths = [path for path in (_svg_glyph(char, bold) for bold, char in used) if path]
    text = escape(label)
    return "".join((f'<svg xmlns="http://www.w3.org/2000/svg" width="{number(width)}mm" '
                    f'height="{number(height)}mm" viewBox="0 0 {number(width)} '
                    f'{number(height)}" role="img" aria-label="{text}"><title>{text}</title>'
                    "<defs>", opening if paths else "", opening.join(paths), "</defs>",
                    "".join(body).replace(_ID, prefix), "</svg>\n"))


def _prefix(text: str) -> str:
    """Element ids unique to a document, so two SVGs inlined in one page do not clash."""
    return "g" + hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:6]


def plaque_svg(plaque: Plaque) -> str:
    """The door plaque as an SVG document in real size (mm)."""
    return _svg_document([plaque_page(plaque)], _label(plaque), _prefix(plaque.url))


def sheet_svg(plaques: list[Plaque]) -> str:
    """All cards as one SVG: the A4 pages one under the other, 10 mm apart."""
    if not plaques:
        raise ValueError("a sheet needs at least one plaque")
    label = " / ".join(_label(plaque) for plaque in plaques)
    return _svg_document(sheet_pages(plaques), label, "s", gap=10.0)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


@functools.cache  # a handful of colours
def _rgb(colour: str) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{red:.3g} {green:.3g} {blue:.3g}"


@functools.lru_cache(maxsize=256)  # the same frames and bands on every plaque and card
def _pdf_box(box: Box, page_height: float) -> str:
    rect = (f"{number(box.x)} {number(page_height - box.y - box.height)} "
            f"{number(box.width)} {number(box.height)} re")
    paint = []
    if box.fill:
        paint.append(f"{_rgb(box.fill)} rg {rect} f")
    if box.stroke:
        paint.append(f"{_rgb(box.stroke)} RG {number(box.stroke_width)} w {rect} S")
    return "\n".join(paint)


def _pdf_content(page: Page, fonts: dict[bool, pdf.GlyphFonts]) -> bytes:
    """A page's drawing operators, in mm with y up (the first `cm` scales mm to pt)."""
    height = page.height
    out = [f"{_PT_PER_MM:.6f} 0 0 {_PT_PER_MM:.6f} 0 0 cm"]
    for item in page.items:
        if isinstance(item, Box):
            if item.fill or item.stroke:
                out.append(_pdf_box(item, height))
        elif isinstance(item, Shape):
            (first_x, first_y), *rest = item.points
            path = " ".join(f"{number(x)} {number(height - y)} l" for x, y in rest)
            out.append(f"{_rgb(item.fill)} rg {number(first_x)} {number(height - first_y)} m "
                       f"{path} h f")
        elif isinstance(item, Line) and item.angle:
            turn = math.radians(item.angle)
            cos, sin, minus_sin = (f"{value:.6f}" for value in
                                   (math.cos(turn), math.sin(turn), -math.sin(turn)))
            out.append(f"BT {_rgb(item.colour)} rg {cos} {sin} {minus_sin} {cos} {number(item.x)} "
                       f"{number(height - item.baseline)} Tm "
                       f"{fonts[item.bold].show(item.text, item.size)} ET")
        elif isinstance(item, Line):
            out.append(f"BT {_rgb(item.colour)} rg {number(item.x)} "
                       f"{number(height - item.baseline)} Td "
                       f"{fonts[item.bold].show(item.text, item.size)} ET")
        else:
            module = item.size / (item.code.size + 2 * qrcodes.QUIET_ZONE)
            origin_x = item.x + qrcodes.QUIET_ZONE * module
            origin_y = height - item.y - qrcodes.QUIET_ZONE * module
            out.append(f"1 g {number(item.x)} {number(height - item.y - item.size)} "
                       f"{number(item.size)} {number(item.size)} re f")
            # Module coordinates, rows downwards; all runs form one path, filled once,
            # so no renderer leaves hairlines between touching modules.
            out.append(f"q 0 g {module:.6g} 0 0 {-module:.6g} {number(origin_x)} "
                       f"{number(origin_y)} cm\n{_pdf_runs(item.code)}\nf Q")
    return "\n".join(out).encode("latin-1")


@functools.lru_cache(maxsize=4096)
def _pdf_runs(code: qrcodes.QrCode) -> str:
    """The dark runs as `x y w 1 re` lines, x and y in modules from the top left corner.

    The numbers are right-aligned in columns of equal width, so that numpy writes all the
    lines at once: %-formatting a plaque's 450 runs one by one took a sixth of its PDF.
    """
    runs = qrcodes.dark_runs(code)[:, (1, 0, 2)]  # x, y, width
    digits = len(str(code.size))
    width = 3 * (digits + 1)
    lines = np.empty((len(runs), width + len(_RE)), dtype=np.uint8)
    lines[:, :width] = _NUMBERS[:, -digits - 1:].take(runs, axis=0).reshape(len(runs), width)
    lines[:, width:] = _RE
    return lines.tobytes().decode("ascii")


_NUMBERS = np.array([list(b"%3d " % n) for n in range(256)], dtype=np.uint8)  # "  7 "
_RE = np.frombuffer(b"1 re\n", dtype=np.uint8)


def _pdf_document(pages: list[Page], title: str) -> bytes:
    faces = typeface()
    fonts = {False: pdf.GlyphFonts(faces.regular, "R"), True: pdf.GlyphFonts(faces.bold, "B")}
    document = pdf.Document()
    tree = document.reserve()
    resources = document.reserve()
    kids = []
    for page in pages:
        content = document.add_stream(_pdf_content(page, fonts))
        kids.append(document.add(
            f"<< /Type /Page /Parent {tree} 0 R /Resources {resources} 0 R "
            f"/MediaBox [0 0 {number(page.width * _PT_PER_MM)} "
            f"{number(page.height * _PT_PER_MM)}] /Contents {content} 0 R >>"))
    used = {**fonts[False].write(document), **fonts[True].write(document)}
    font_entries = " ".join(f"/{name} {ref} 0 R" for name, ref in used.items())
    document.add(f"<< /Font << {font_entries} >> >>", resources)
    document.add(f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] "
                 f"/Count {len(kids)} >>", tree)
    root = document.add(pdf.catalog(tree))
    info = document.add(pdf.info_dictionary(title))
    return document.to_bytes(root, info)


def plaque_pdf(plaque: Plaque) -> bytes:
    """The door plaque as a one-page PDF in real size, its text in an embedded font."""
    return _pdf_document([plaque_page(plaque)], f"{plaque.point_name} {plaque.title}")


def sheet_pdf(plaques: list[Plaque]) -> bytes:
    """All cards as a multi-page A4 PDF."""
    if not plaques:
        raise ValueError("a sheet needs at least one plaque")
    return _pdf_document(sheet_pages(plaques), plaques[0].title)


# ---------------------------------------------------------------------------
# PNG of a proof's QR code
# ---------------------------------------------------------------------------


def proof_qr_png(code: qrcodes.QrCode, mark: str, *, scale: int = 10) -> bytes:
    """A point's QR code as a PNG while the site has no address of its own: the code as
    ``qrcodes.to_png`` draws it (quiet zone and all), with a red band above and below it
    that says *mark*. The same bytes for the same code and words on the same font."""
    from PIL import Image

    light = qrcodes.light_modules(code)
    pixels = np.repeat(np.repeat(light, scale, axis=0), scale, axis=1)
    band, palette = _proof_band_pixels(pixels.shape[1], mark)
    white, black = len(palette) // 3 - 1, len(palette) // 3 - 2
    image = Image.fromarray(np.concatenate(
        (band, np.where(pixels, white, black).astype(np.uint8), band)), "P")
    image.putpalette(palette)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@functools.lru_cache(maxsize=8)  # one band for every code of a size: drawing text is slow
def _proof_band_pixels(side: int, mark: str) -> tuple[np.ndarray, tuple[int, ...]]:
    """The band as palette indices, and the palette: the band's colours, then black and
    white. Drawn with Pillow (FreeType, basic layout) from the plaques' bold face."""
    from PIL import Image, ImageDraw, ImageFont

    height = round(side * 0.14)
    face = _face(True)
    size = max(8, min(round(height * 0.6),
                      int(side * 0.9 * face.units_per_em / _advances(mark, True)[-1])))
    font = ImageFont.truetype(str(face.path), size, index=face.index,
                              layout_engine=ImageFont.Layout.BASIC)
    band = Image.new("RGB", (side, height), RED)
    ImageDraw.Draw(band).text((side / 2, height / 2), mark, font=font, fill=WHITE, anchor="mm")
    shades = band.quantize(colors=14, method=Image.Quantize.MEDIANCUT)
    colours = shades.getpalette()[:3 * 14]
    colours += [0] * (3 * 14 - len(colours))
    indices = np.asarray(shades, dtype=np.uint8)
    indices.flags.writeable = False
    return indices, (*colours, 0, 0, 0, 255, 255, 255)
