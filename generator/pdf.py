"""A small PDF writer: objects, compressed streams, cross-reference table, and Type 3 fonts
built from glyph outlines.

Written by hand rather than with a library because the plaques need three things at once
that no light library gives: embedded CJK text from a 20 MB font without subsetting it
for every file (a Type 3 font per document holds exactly the glyphs it uses), text that
stays selectable and searchable (a ToUnicode map), and identical bytes for identical input
(no timestamp unless SOURCE_DATE_EPOCH sets one; the file ID is a hash of the content).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import zlib
from collections.abc import Sequence
from itertools import accumulate, chain, count, groupby
from operator import add
from typing import NamedTuple

from generator.fonts import Face, Glyph

_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the binary comment tells tools the file is binary


class Document:
    """PDF objects numbered from 1, written out with their cross-reference table."""

    def __init__(self) -> None:
        self._objects: list[bytes] = []
        self._reserved: set[int] = set()  # numbers given out whose body is still to come

    def reserve(self) -> int:
        """A number for an object whose body comes later (pages point to their parent)."""
        self._objects.append(b"")
        self._reserved.add(len(self._objects))
        return len(self._objects)

    def add(self, body: bytes | str, number: int | None = None) -> int:
        """Store an object's body (without `n 0 obj`); its number."""
        if isinstance(body, str):
            body = body.encode("latin-1")
        if number is None:
            self._objects.append(body)
            return len(self._objects)
        self._objects[number - 1] = body
        self._reserved.discard(number)
        return number

    def add_all(self, bodies: list[bytes]) -> range:
        """Store several objects' bodies; their numbers."""
        first = len(self._objects) + 1
        self._objects += bodies
        return range(first, len(self._objects) + 1)

    def add_stream(self, data: bytes, entries: str = "") -> int:
        """A stream object, compressed quickly (made for each document)."""
        return self.add(stream(data, entries, level=1))

    def to_bytes(self, root: int, info: int | None = None) -> bytes:
        """The whole file."""
        if self._reserved:
            raise ValueError(f"PDF object {min(self._reserved)} was reserved but never written")
        bodies = self._objects
        count = len(bodies)
        heads, framing = _object_heads(count)
        # Each object is its head, its body and b"\nendobj\n". A plaque's file has a
        # hundred objects, most of them glyph procedures: built with C-level loops.
        parts = [b"\nendobj\n"] * (3 * count)
        parts[0::3] = heads
        parts[1::3] = bodies
        objects = _HEADER + b"".join(parts)
        offsets = tuple(accumulate(map(add, framing, map(len, bodies)), initial=len(_HEADER)))
        # The file ID only has to follow from the content; SHA-1 is twice as fast as MD5.
        digest = hashlib.sha1(objects, usedforsecurity=False).hexdigest()[:32]
        xref = (b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1)
                + b"%010d 00000 n \n" * count % offsets[:-1])
        trailer = f"trailer\n<< /Size {count + 1} /Root {root} 0 R"
        if info is not None:
            trailer += f" /Info {info} 0 R"
        trailer += f" /ID [<{digest}> <{digest}>] >>\nstartxref\n{len(objects)}\n%%EOF\n"
        return objects + xref + trailer.encode("ascii")


_HEADS: list[bytes] = []  # b"1 0 obj\n", b"2 0 obj\n", …
_FRAMING: list[int] = []  # the length of each head and b"\nendobj\n"


def _object_heads(count: int) -> tuple[list[bytes], list[int]]:
    """The heads of objects 1 to *count* and how many bytes each adds to its body."""
    while len(_HEADS) < count:
        _HEADS.append(b"%d 0 obj\n" % (len(_HEADS) + 1))
        _FRAMING.append(len(_HEADS[-1]) + len(b"\nendobj\n"))
    return _HEADS[:count], _FRAMING[:count]


def stream(data: bytes, entries: str = "", *, level: int | None = 6) -> bytes:
    """The body of a stream object: *data*, Flate-compressed at *level* unless that is
    None, with its dictionary *entries*.

    Glyph procedures are compressed once per process and reused: level 6. A page's
    content is made for one document and is mostly the QR code's rectangles: level 1
    takes a third of the time for 20 % more of a small stream.
    """
    if level is None:
        return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), entries.encode(), data)
    packed = zlib.compress(data, level)
    head = f"<< /Length {len(packed)} /Filter /FlateDecode {entries}>>\nstream\n"
    return head.encode("ascii") + packed + b"\nendstream"


def text_string(text: str) -> str:
    """A PDF text string for any Unicode text (UTF-16BE with its byte-order mark, in hex)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def info_dictionary(title: str) -> str:
    """The document information: its title and, only if SOURCE_DATE_EPOCH is set, a date."""
    entries = f"/Title {text_string(title)}"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        entries += f" /CreationDate (D:{moment:%Y%m%d%H%M%S}Z)"
    return f"<< {entries} >>"


def catalog(pages: int) -> str:
    """The document catalogue; viewers show the title, not the file name."""
    return f"<< /Type /Catalog /Pages {pages} 0 R /ViewerPreferences << /DisplayDocTitle true >> >>"


# ---------------------------------------------------------------------------
# Type 3 fonts from glyph outlines
# ---------------------------------------------------------------------------


class GlyphFonts:
    """The characters a document uses in one face, as Type 3 fonts of up to 256 glyphs.

    A simple font has one-byte codes, so a document that uses more than 256 characters
    of a face (a sheet of many plaques) gets several fonts: R0, R1, … Codes are given in
    order of first use, so one plaque's text usually needs one font.
    """

    def __init__(self, face: Face, prefix: str) -> None:
        self.face = face
        self.prefix = prefix
        self._codes: dict[str, int] = {}  # char → 256 × font + code
        self._records: list[_GlyphRecord] = []  # in code order

    def show(self, text: str, size: float) -> str:
        """Text-showing operators for *text* at *size*: `/R0 size Tf <codes> Tj`, per font."""
        codes = self._codes
        new = [char for char in dict.fromkeys(text) if char not in codes]  # in order of use
        if new:
            codes.update(zip(new, count(len(self._records))))
            self._records += map(_record, map(self.face.glyph, new))
        places = list(map(codes.__getitem__, text))
        em = number(size)
        if places and max(places) < 256:  # all in the first font: a plaque's text always is
            return f"/{self.prefix}0 {em} Tf <{bytes(places).hex()}> Tj"
        return " ".join(f"/{self.prefix}{font} {em} Tf <{bytes(p & 255 for p in run).hex()}> Tj"
                        for font, run in groupby(places, key=lambda place: place >> 8))

    def write(self, document: Document) -> dict[str, int]:
        """Write the fonts into *document*; their resource names and object numbers."""
        fonts = {}
        matrix = _number_fine(1 / self.face.units_per_em)
        for start in range(0, len(self._records), 256):
            (names, procedures, unicodes, widths,
             xmins, ymins, xmaxs, ymaxs) = zip(*self._records[start:start + 256])
            numbers = document.add_all(procedures)
            procs = ("/%s %d 0 R " * len(names)) % tuple(chain.from_iterable(zip(names, numbers)))
            bbox = f"{min(xmins)} {min(ymins)} {max(xmaxs)} {max(ymaxs)}"
            # Not compressed: for a plaque's few dozen characters (900 bytes) compressing
            # saves 400 bytes and takes longer than writing the rest of the font.
            to_unicode = document.add(stream(_to_unicode(unicodes), level=None))
            fonts[f"{self.prefix}{start // 256}"] = document.add(
                f"<< /Type /Font /Subtype /Type3 /FontBBox [{bbox}] "
                f"/FontMatrix [{matrix} 0 0 {matrix} 0 0] /CharProcs << {procs}>> "
                f"/Encoding << /Type /Encoding /Differences [0 /{' /'.join(names)}] >> "
                f"/FirstChar 0 /LastChar {len(names) - 1} /Widths [{' '.join(widths)}] "
                f"/ToUnicode {to_unicode} 0 R /Resources << >> >>")
        return fonts


@functools.lru_cache(maxsize=8192)  # the same coordinates on every plaque: frames, title, QR
def number(value: float) -> str:
    """A coordinate as short text: at most two decimals (0.01 mm or pt), no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _number_fine(value: float) -> str:
    return f"{value:.6g}"


class _GlyphRecord(NamedTuple):
    """What every document that uses a glyph writes of it, made once per glyph. A tuple:
    a font's records are turned into columns with one zip."""

    name: str  # the glyph name a reader would guess the character from (uni5C55, u1F600)
    procedure: bytes  # the CharProc stream object
    unicode: str  # the character in UTF-16BE hex, for the ToUnicode map
    width: str
    xmin: int
    ymin: int
    xmax: int
    ymax: int


@functools.cache  # glyphs compare by identity: one per face and character
def _record(glyph: Glyph) -> _GlyphRecord:
    code = ord(glyph.char)
    name = f"uni{code:04X}" if code <= 0xFFFF else f"u{code:05X}"
    xmin, ymin, xmax, ymax = glyph.bbox
    # d1: width and box only, the fill colour comes from the text that shows the glyph.
    body = f"{glyph.advance} 0 {xmin} {ymin} {xmax} {ymax} d1\n"
    if glyph.pdf_path:
        body += glyph.pdf_path + "\nf\n"
    return _GlyphRecord(name, stream(body.encode("ascii")),
                        glyph.char.encode("utf-16-be").hex().upper(), str(glyph.advance),
                        *glyph.bbox)


_CODES = [f"<{code:02X}>" for code in range(256)]


def _to_unicode(characters: Sequence[str]) -> bytes:
    """The CMap that maps codes back to characters (UTF-16BE hex, in code order): copying
    and searching the text work."""
    blocks = []
    for start in range(0, len(characters), 100):  # at most 100 entries a block
        chunk = characters[start:start + 100]
        pairs = chain.from_iterable(zip(_CODES[start:], chunk))
        blocks.append(f"{len(chunk)} beginbfchar\n" + ("%s <%s>\n" * len(chunk)) % tuple(pairs)
                      + "endbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            ).encode("ascii")

