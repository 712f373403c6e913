"""QR codes for plaques and point pages: encode a URL, choose the mask, draw it as SVG or PNG.

The tables of ISO/IEC 18004 (capacities, Reed-Solomon block structure, generator
polynomials, alignment positions, BCH codes of format and version information) come from
the ``qrcode`` package. Two steps are ours, because qrcode's pure-Python versions cost
more than our whole budget (≈16 ms a code with qrcode.make; we need ≤ 2 ms):

* the data codewords: the bit stream is packed into one Python int and Reed-Solomon runs
  on int-packed remainders (a few µs instead of ≈1.2 ms for ``util.create_data``);
  tests/test_qrcodes.py checks that the codewords equal ``util.create_data``'s;
* the mask: the matrix is built once, the 8 masked variants are derived with numpy and
  scored with the penalty rules N1–N4 vectorised (instead of ``best_mask_pattern``).

Every symbol uses error-correction level Q (25 % of the codewords may be lost: a plaque
outdoors gets scratched and dirty) and byte mode, in the smallest version that fits.
"""

from __future__ import annotations

import functools
import struct
import zlib
from dataclasses import dataclass
from html import escape

import numpy as np
from qrcode import LUT, base, constants, util

QUIET_ZONE = 4  # light modules around the symbol, as the standard requires
EC_LEVEL = constants.ERROR_CORRECT_Q  # also the level's two bits in the format information

_BYTE_MODE = 0b0100
_SCREEN_SIZE = 224  # CSS px a code aims at on screen; at least 4 px a module


@dataclass(frozen=True)
class QrCode:
    """One encoded symbol, without its quiet zone; hashable, so it can key caches."""

    text: str
    version: int
    mask: int
    size: int  # modules per side: 4 * version + 17
    cells: bytes  # size * size bytes, row by row, 1 = dark

    @property
    def modules(self) -> np.ndarray:
        """The symbol as a read-only size × size bool array, True = dark."""
        return np.frombuffer(self.cells, dtype=np.bool_).reshape(self.size, self.size)


@functools.lru_cache(maxsize=2048)  # a point's code is drawn for its page, plaque and sheet
def encode(text: str) -> QrCode:
    """*text* (UTF-8, byte mode) as a level-Q symbol of the smallest version that fits."""
    data = text.encode("utf-8")
    version = _smallest_version(len(data))
    layout = _layout(version)
    n = layout.size
    bits = np.unpackbits(np.frombuffer(_codewords(data, version), dtype=np.uint8))
    placed = np.zeros(n * n, dtype=np.bool_)
    placed[layout.data_positions[:bits.size]] = bits  # remainder bits stay 0
    placed = placed.reshape(n, n)
    # Score all eight variants from their line integers, then draw only the chosen one.
    lines = _pack_lines(np.concatenate((placed, placed.T)))
    variants = layout.fixed_lines | layout.format_lines | (lines ^ layout.mask_lines)
    mask = int(np.argmin(_penalties(variants, n)))  # the first of equal scores, as qrcode
    modules = layout.fixed | layout.format_bits[mask] | (placed ^ layout.masks[mask])
    return QrCode(text, version, mask, n, modules.tobytes())


# ---------------------------------------------------------------------------
# Data codewords
# ---------------------------------------------------------------------------


def _count_bits(version: int) -> int:
    return util.length_in_bits(util.MODE_8BIT_BYTE, version)


def _smallest_version(length: int) -> int:
    limits = util.BIT_LIMIT_TABLE[EC_LEVEL]
    for version in range(1, 41):
        if 4 + _count_bits(version) + 8 * length <= limits[version]:
            return version
    raise ValueError(f"{length} bytes do not fit in a level-Q QR code (at most 1663)")


def _codewords(data: bytes, version: int) -> bytes:
    """Data and error-correction codewords, interleaved, as ``util.create_data`` makes them."""
    blocks = base.rs_blocks(version, EC_LEVEL)
    capacity = sum(block.data_count for block in blocks)
    count_bits = _count_bits(version)
    stream = (_BYTE_MODE << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data, "big")
    length = 4 + count_bits + 8 * len(data)
    terminator = min(4, 8 * capacity - length)
    length += terminator + (-(length + terminator) % 8)  # the terminator, then to a byte
    stream <<= length - (4 + count_bits + 8 * len(data))
    padded = stream.to_bytes(length // 8, "big")
    padded += bytes([util.PAD0, util.PAD1]) * ((capacity - len(padded)) // 2 + 1)
    padded = padded[:capacity]

    data_blocks, ec_blocks, offset = [], [], 0
    for block in blocks:
        chunk = padded[offset:offset + block.data_count]
        offset += block.data_count
        data_blocks.append(chunk)
        ec_blocks.append(_reed_solomon(chunk, block.total_count - block.data_count))
    return _interleave(data_blocks) + _interleave(ec_blocks)


def _interleave(blocks: list[bytes]) -> bytes:
    """Byte i of every block, for each i; later blocks may be one byte longer (7.6)."""
    common = min(map(len, blocks))
    table = np.frombuffer(b"".join(block[:common] for block in blocks), dtype=np.uint8)
    rest = bytes(block[common] for block in blocks if len(block) > common)
    return table.reshape(len(blocks), common).T.tobytes() + rest


def _reed_solomon(data: bytes, ec_count: int) -> bytes:
    """The remainder of data·x^ec_count divided by the generator: an LFSR on one int."""
    products = _generator_products(ec_count)
    shift = 8 * (ec_count - 1)
    keep = (1 << 8 * ec_count) - 1
    remainder = 0
    for byte in data:
        remainder = ((remainder << 8) & keep) ^ products[byte ^ (remainder >> shift)]
    return remainder.to_bytes(ec_count, "big")


@functools.cache
def _generator_products(ec_count: int) -> tuple[int, ...]:
    """For each byte f: the generator's coefficients (leading 1 dropped) times f, packed."""
    generator = LUT.rsPoly_LUT[ec_count]  # holds every block size of every version
    exp, log = base.EXP_TABLE, base.LOG_TABLE

    def times(a: int, b: int) -> int:
        return 0 if a == 0 or b == 0 else exp[(log[a] + log[b]) % 255]

    return tuple(int.from_bytes(bytes(times(g, f) for g in generator[1:]), "big")
                 for f in range(256))


# ---------------------------------------------------------------------------
# The matrix: everything that depends on the version only is computed once
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    size: int
    fixed: np.ndarray  # function patterns, version information and the dark module
    data_area: np.ndarray  # modules that carry data (everything masking applies to)
    data_positions: np.ndarray  # flat indices of the data area in placement order
    masks: np.ndarray  # (8, n, n): the 8 mask patterns, on the data area only
    format_bits: np.ndarray  # (8, n, n): level-Q format information for each mask
    # The same as line integers (rows, then columns; see _penalties):
    fixed_lines: np.ndarray  # (2n,)
    mask_lines: np.ndarray  # (8, 2n)
    format_lines: np.ndarray  # (8, 2n)


def _format_positions(n: int) -> list[list[tuple[int, int]]]:
    """Where each of the 15 format bits goes (both copies), as qrcode places them."""
    positions = []
    for i in range(15):
        vertical = (i, 8) if i < 6 else (i + 1, 8) if i < 8 else (n - 15 + i, 8)
        horizontal = (8, n - i - 1) if i < 8 else (8, 15 - i) if i < 9 else (8, 15 - i - 1)
        positions.append([vertical, horizontal])
    return positions


@functools.cache
def _layout(version: int) -> _Layout:
    n = 4 * version + 17
    fixed = np.zeros((n, n), dtype=np.bool_)
    function = np.zeros((n, n), dtype=np.bool_)

    finder = np.zeros((9, 9), dtype=np.bool_)  # with its light separator all round
    finder[1:8, 1:8] = True
    finder[2:7, 2:7] = False
    finder[3:6, 3:6] = True
    for top, left in ((0, 0), (n - 7, 0), (0, n - 7)):
        rows = slice(max(top - 1, 0), min(top + 8, n))
        cols = slice(max(left - 1, 0), min(left + 8, n))
        fixed[rows, cols] = finder[rows.start - top + 1:rows.stop - top + 1,
                                   cols.start - left + 1:cols.stop - left + 1]
        function[rows, cols] = True

    alignment = np.ones((5, 5), dtype=np.bool_)
    alignment[1:4, 1:4] = False
    alignment[2, 2] = True
    centres = util.pattern_position(version)
    for row in centres:
        for col in centres:
            if not function[row, col]:  # not over a finder pattern
                fixed[row - 2:row + 3, col - 2:col + 3] = alignment
                function[row - 2:row + 3, col - 2:col + 3] = True

    timing = np.arange(8, n - 8)
    for index in timing:
        if not function[index, 6]:
            fixed[index, 6] = index % 2 == 0
            function[index, 6] = True
        if not function[6, index]:
            fixed[6, index] = index % 2 == 0
            function[6, index] = True

    format_positions = _format_positions(n)
    for pair in format_positions:
        for row, col in pair:
            function[row, col] = True
    fixed[n - 8, 8] = function[n - 8, 8] = True  # the dark module

    if version >= 7:
        bits = util.BCH_type_number(version)
        for i in range(18):
            dark = bool(bits >> i & 1)
            for row, col in ((i // 3, i % 3 + n - 11), (i % 3 + n - 11, i // 3)):
                fixed[row, col] = dark
                function[row, col] = True

    order = []
    row, step = n - 1, -1
    for right in range(n - 1, 0, -2):
        if right <= 6:  # the vertical timing pattern shifts the last columns left
            right -= 1
        while 0 <= row < n:
            order += [row * n + col for col in (right, right - 1) if not function[row, col]]
            row += step
        row -= step
        step = -step

    data_area = ~function
    i, j = np.indices((n, n))
    patterns = (
        (i + j) % 2 == 0,
        i % 2 == 0,
        j % 3 == 0,
        (i + j) % 3 == 0,
        (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0,
        ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        ((i * j) % 3 + (i + j) % 2) % 2 == 0,
    )
    masks = np.stack(patterns) & data_area

    format_bits = np.zeros((8, n, n), dtype=np.bool_)
    for mask in range(8):
        bits = util.BCH_type_info(EC_LEVEL << 3 | mask)
        for i_bit, pair in enumerate(format_positions):
            for row, col in pair:
                format_bits[mask, row, col] = bool(bits >> i_bit & 1)

    def lines(array: np.ndarray) -> np.ndarray:
        return _pack_lines(np.concatenate((array, array.swapaxes(-1, -2)), axis=-2))

    arrays = (fixed, data_area, np.array(order, dtype=np.intp), masks, format_bits,
              lines(fixed), lines(masks), lines(format_bits))
    for array in arrays:
        array.flags.writeable = False  # shared by every code of this version
    return _Layout(n, *arrays)


# ---------------------------------------------------------------------------
# Mask penalties (ISO/IEC 18004, 7.8.3), for many symbols at once
# ---------------------------------------------------------------------------
#
# Every row and column is one integer, bit j = module j (True = dark), so a rule that
# looks along a line is a few shifts and bitwise operations on all lines of all eight
# variants at once. Up to version 11 (61 modules, about 170 bytes of URL) a line fits
# in a uint64; longer lines are Python ints in an object array: slower, same code.


def penalty_scores(symbols: np.ndarray) -> np.ndarray:
    """N1 + N2 + N3 + N4 of each symbol of a (k, n, n) bool stack (True = dark).

    We score the whole symbol as it will be printed, format and version information
    included, as ZXing's and Nayuki's encoders do. qrcode's ``best_mask_pattern`` scores
    its symbols with the format areas left light (``makeImpl(test=True)``), so its choice
    can differ; the rules themselves are those of its ``lost_point``. Like ``lost_point``
    (and unlike ZXing) N3 looks for the four light modules inside the symbol only, not in
    the quiet zone: the standard's table does not say.
    """
    n = symbols.shape[-1]
    lines = np.concatenate((symbols, symbols.transpose(0, 2, 1)), axis=1)
    return _penalties(_pack_lines(lines), n)


def _pack_lines(lines: np.ndarray) -> np.ndarray:
    """(..., n) bools to (...) integers, bit j = element j."""
    n = lines.shape[-1]
    packed = np.packbits(lines, axis=-1, bitorder="little")
    if n <= 64:
        words = np.zeros(packed.shape[:-1] + (8,), dtype=np.uint8)
        words[..., :packed.shape[-1]] = packed
        return words.view("<u8")[..., 0]
    words = np.empty(packed.shape[:-1], dtype=object)
    for index in np.ndindex(words.shape):
        words[index] = int.from_bytes(packed[index].tobytes(), "little")
    return words


_bit_count_object = np.frompyfunc(int.bit_count, 1, 1)


def _ones(words: np.ndarray) -> np.ndarray:
    """Set bits per symbol of a (k, lines) array of line integers."""
    if words.dtype == object:
        return _bit_count_object(words).sum(axis=-1).astype(np.int64)
    return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)


def _penalties(lines: np.ndarray, n: int) -> np.ndarray:
    """Scores of k symbols from their (k, 2n) line integers: n rows, then n columns."""
    full = (1 << n) - 1
    if lines.dtype != object:
        full = np.uint64(full)
    light = lines ^ full

    # N1: a run of L >= 5 same-coloured modules costs L - 2 = (L - 4 windows of five) + 2.
    same = (lines ^ (lines >> 1) ^ full) & (full >> 1)  # bit j: module j == module j + 1
    five = same & (same >> 1) & (same >> 2) & (same >> 3)
    starts = five & (((same << 1) & full) ^ full)  # windows that begin their run
    n1 = _ones(five) + 2 * _ones(starts)

    # N2: every 2 × 2 block of one colour (overlapping blocks all count), 3 points each.
    rows = lines[:, :n]
    pairs = same[:, :n]
    block = pairs[:, :-1] & pairs[:, 1:] & ((rows[:, :-1] ^ rows[:, 1:]) ^ full)
    n2 = 3 * _ones(block)

    # N3: 40 points for each 1:1:3:1:1 finder-like pattern with 4 light modules on a side.
    core = (lines & (light >> 1) & (lines >> 2) & (lines >> 3) & (lines >> 4)
            & (light >> 5) & (lines >> 6))
    four_light = light & (light >> 1) & (light >> 2) & (light >> 3)
    n3 = 40 * (_ones(core & (four_light >> 7)) + _ones(four_light & (core >> 4)))

    # N4: 10 points for each full 5 % that the dark share departs from 50 %.
    total = n * n
    dark = _ones(rows)
    n4 = 10 * (np.abs(20 * dark - 10 * total) // total)
    return n1 + n2 + n3 + n4


# ---------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def dark_runs(code: QrCode) -> np.ndarray:
    """The dark modules as horizontal runs, row by row: an (k, 3) array of row, column,
    length; read-only."""
    edges = np.zeros((code.size, code.size + 2), dtype=np.int8)
    edges[:, 1:-1] = code.modules
    steps = np.diff(edges, axis=1)
    rows, starts = np.nonzero(steps == 1)
    _, ends = np.nonzero(steps == -1)
    runs = np.stack((rows, starts, ends - starts), axis=1)
    runs.flags.writeable = False
    return runs


def format_runs(code: QrCode, template: str, order: tuple[int, ...]) -> str:
    """Every run through one %-*template*, its fields taken from (row, column, length) in
    *order*: one C-level format call instead of one f-string per run."""
    runs = dark_runs(code)
    return (template * len(runs)) % tuple(runs[:, order].ravel().tolist())


@functools.lru_cache(maxsize=4096)
def svg_path_data(code: QrCode) -> str:
    """Path data of the dark modules, one unit per module, origin at the symbol's corner."""
    return format_runs(code, "M%d %dh%dv1h-%dz", (1, 0, 2, 2))


def to_svg(code: QrCode, *, label: str) -> str:
    """The code as an SVG element to put inside HTML, quiet zone included."""
    side = code.size + 2 * QUIET_ZONE
    pixels = side * max(4, round(_SCREEN_SIZE / side))  # whole CSS px per module: crisp
    text = escape(label)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-{QUIET_ZONE} -{QUIET_ZONE} '
            f'{side} {side}" width="{pixels}" height="{pixels}" role="img" '
            f'aria-label="{text}" shape-rendering="crispEdges"><title>{text}</title>'
            f'<rect x="-{QUIET_ZONE}" y="-{QUIET_ZONE}" width="{side}" height="{side}" '
            f'fill="#fff"/><path fill="#000" d="{svg_path_data(code)}"/></svg>')


def light_modules(code: QrCode) -> np.ndarray:
    """The code's modules with its quiet zone around them, True where light."""
    light = np.ones((code.size + 2 * QUIET_ZONE,) * 2, dtype=np.bool_)
    light[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE] = ~code.modules
    return light


def to_png(code: QrCode, *, scale: int = 10) -> bytes:
    """The code as a 1-bit greyscale PNG, *scale* pixels a module, quiet zone included."""
    if scale < 1:
        raise ValueError(f"scale must be a positive number of pixels, got {scale}")
    light = light_modules(code)
    packed = np.packbits(np.repeat(light, scale, axis=1), axis=1)  # 1 = white in greyscale
    # Each module row is *scale* equal pixel rows: the first is written out (filter 0),
    # the others say "same as the row above" (filter 2, Up: all zeros). zlib then has
    # little to do: level 1 gives 1.4 KB in a tenth of level 6's time (0.9 KB).
    rows = np.zeros((packed.shape[0], scale, packed.shape[1] + 1), dtype=np.uint8)
    rows[:, 0, 1:] = packed
    rows[:, 1:, 0] = 2
    side = light.shape[0] * scale
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)) + _png_chunk(b"IEND", b""))


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
