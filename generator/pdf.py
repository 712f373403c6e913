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
from dataclasses import dataclass

from generator.fonts import Face, Glyph

_HEADER = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"  # the binary comment tells tools the file is binary


class Document:
    """PDF objects numbered from 1, written out with their cross-reference table."""

    def __init__(self) -> None:
        self._objects: list[bytes | None] = []

    def reserve(self) -> int:
        """A number for an object whose body comes later (pages point to their parent)."""
        self._objects.append(None)
        return len(self._objects)

    def add(self, body: bytes | str, number: int | None = None) -> int:
        """Store an object's body (without `n 0 obj`); its number."""
        if isinstance(body, str):
            body = body.encode("latin-1")
        if number is None:
            self._objects.append(body)
            return len(self._objects)
        self._objects[number - 1] = body
        return number

    def add_stream(self, data: bytes, entries: str = "") -> int:
        """A stream object, compressed quickly (made for each document)."""
        return self.add(stream(data, entries, level=1))

    def to_bytes(self, root: int, info: int | None = None) -> bytes:
        """The whole file."""
        parts = [_HEADER]
        offsets = []
        position = len(_HEADER)
        for number, body in enumerate(self._objects, start=1):
            if body is None:
                raise ValueError(f"PDF object {number} was reserved but never written")
            chunk = b"%d 0 obj\n%s\nendobj\n" % (number, body)
            offsets.append(position)
            parts.append(chunk)
            position += len(chunk)
        digest = hashlib.md5(b"".join(parts), usedforsecurity=False).hexdigest()
        xref = [b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)]
        xref += [b"%010d 00000 n \n" % offset for offset in offsets]
        trailer = f"trailer\n<< /Size {len(offsets) + 1} /Root {root} 0 R"
        if info is not None:
            trailer += f" /Info {info} 0 R"
        trailer += f" /ID [<{digest}> <{digest}>] >>\nstartxref\n{position}\n%%EOF\n"
        return b"".join(parts + xref) + trailer.encode("ascii")


def stream(data: bytes, entries: str = "", *, level: int = 6) -> bytes:
    """The body of a stream object: Flate-compressed *data* with its dictionary *entries*.

    Glyph procedures are compressed once per process and reused: level 6. A page's
    content is made for one document and is mostly the QR code's rectangles: level 1
    takes a third of the time for 20 % more of a small stream.
    """
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
        self._codes: dict[str, tuple[int, int]] = {}  # char → (font, code)
        self._glyphs: list[Glyph] = []

    def show(self, text: str, size: float) -> str:
        """Text-showing operators for *text* at *size*: `/R0 size Tf <codes> Tj`, per font."""
        em = number(size)
        runs: list[str] = []
        font, codes = -1, []
        for char in text:
            place = self._codes.get(char)
            if place is None:
                glyph = self.face.glyph(char)
                count = len(self._glyphs)
                place = self._codes[char] = divmod(count, 256)
                self._glyphs.append(glyph)
            if place[0] != font:
                if codes:
                    runs.append(f"/{self.prefix}{font} {em} Tf <{bytes(codes).hex()}> Tj")
                font, codes = place[0], []
            codes.append(place[1])
        if codes:
            runs.append(f"/{self.prefix}{font} {em} Tf <{bytes(codes).hex()}> Tj")
        return " ".join(runs)

    def write(self, document: Document) -> dict[str, int]:
        """Write the fonts into *document*; their resource names and object numbers."""
        fonts = {}
        matrix = _number_fine(1 / self.face.units_per_em)
        for start in range(0, len(self._glyphs), 256):
            records = [_record(glyph) for glyph in self._glyphs[start:start + 256]]
            procs = " ".join(f"/{record.name} {document.add(record.procedure)} 0 R"
                             for record in records)
            boxes = [glyph.bbox for glyph in self._glyphs[start:start + 256]]
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes))
            to_unicode = document.add_stream(_to_unicode([r.unicode for r in records]))
            fonts[f"{self.prefix}{start // 256}"] = document.add(
                f"<< /Type /Font /Subtype /Type3 /FontBBox [{' '.join(map(str, bbox))}] "
                f"/FontMatrix [{matrix} 0 0 {matrix} 0 0] /CharProcs << {procs} >> "
                f"/Encoding << /Type /Encoding /Differences [0 "
                f"{' '.join('/' + r.name for r in records)}] >> "
                f"/FirstChar 0 /LastChar {len(records) - 1} "
                f"/Widths [{' '.join(r.width for r in records)}] "
                f"/ToUnicode {to_unicode} 0 R /Resources << >> >>")
        return fonts


def number(value: float) -> str:
    """A coordinate as short text: at most two decimals (0.01 mm or pt), no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _number_fine(value: float) -> str:
    return f"{value:.6g}"


@dataclass(frozen=True)
class _GlyphRecord:
    """What every document that uses a glyph writes of it, made once per glyph."""

    name: str  # the glyph name a reader would guess the character from (uni5C55, u1F600)
    procedure: bytes  # the CharProc stream object
    unicode: str  # the character in UTF-16BE hex, for the ToUnicode map
    width: str


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
                        glyph.char.encode("utf-16-be").hex().upper(), str(glyph.advance))


def _to_unicode(characters: list[str]) -> bytes:
    """The CMap that maps codes back to characters (UTF-16BE hex, in code order): copying
    and searching the text work."""
    entries = [f"<{code:02X}> <{hex_text}>" for code, hex_text in enumerate(characters)]
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries a block
        chunk = entries[start:start + 100]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar")
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            + "\n".join(blocks)
            + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
            ).encode("ascii")

