"""The photos a site publishes: only those a record uses, without what the camera recorded.

Which files: every field of the schema marked ``Format("media")``, found by walking the
schema (``field_specs``/``unwrap``) beside the records, so a new photo field needs no list
kept here. A file under ``data/media/`` that no record names stays out of the site: an
editor's draft or a photo that was meant to be removed is not published by accident.

What is removed: a phone's JPEG carries its GPS position, its serial number, the date and
time, the owner's name; XMP and IPTC repeat them and may add an editor's history, a
comment or a thumbnail of the uncropped picture. All of it is personal data (PIPL) that
nobody asked to publish. ``cleaned`` keeps only what shows the picture:

- JPEG: the segments are copied as they are, leaving out APP1 (EXIF, XMP), APP3–APP13
  (IPTC, Photoshop, maker data, MPF's other pictures), APP15 and comments, and anything
  after the end of the image (a phone's depth map or HDR gain map, with their own EXIF).
  APP0 (JFIF), APP2 ICC profiles (a phone's Display P3 colours) and APP14 (Adobe's colour
  transform, without which CMYK/YCCK files show wrong colours) stay. No pixel is decoded
  or encoded again: the scans are the editor's bytes, so the quality is exactly theirs.
  Measured on a 2000×1325 phone-style photo of 562 KB with EXIF, GPS and a comment:
  removing the segments took 0.3 ms and changed no pixel. Pillow's re-encoding took
  28 ms and still changed pixels at ``quality="keep"`` (PSNR 51.7 dB; every further save
  loses a little more), at ``quality=85`` more (41.8 dB); and it drops the orientation
  unless told otherwise. At 0.3 ms a photo there is nothing to cache: the cleaning is done
  as each file is written (``build.write_files``), one file in memory at a time.
- PNG: the chunks are copied, keeping the critical ones and those that say how to show
  the pixels (transparency, gamma, colour space, ICC, animation); text chunks (tEXt, zTXt,
  iTXt: often an editor's software, an author, a comment), tIME, eXIf, private chunks and
  anything after IEND are left out.

The orientation stays: a phone stores a portrait photo sideways with EXIF Orientation
telling the viewer to turn it. Browsers follow that tag (CSS ``image-orientation:
from-image``, the default since 2020), so it is written again, alone, in a minimal EXIF
block. Turning the pixels instead would need a lossy re-encoding of every portrait photo.

A file with nothing to remove is published byte for byte as it is.
"""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING, Any, Iterator

from . import messages as msg
from .schema import Format, field_specs, unwrap

if TYPE_CHECKING:  # validate imports this module, and the model imports validate
    from .model import Directory

MEDIA_DIR = "media"  # under the data folder, and in the site
ORIENTATION = 0x0112  # the EXIF tag

# --- which files --------------------------------------------------------------------


def media_values(obj: Any) -> Iterator[str]:
    """Every value of a ``Format("media")`` field in a record and the records inside it."""
    for spec in field_specs(type(obj)):
        yield from _values(spec.type, getattr(obj, spec.name))


def _values(tp: Any, value: Any) -> Iterator[str]:
    if value is None:
        return
    base, markers, _ = unwrap(tp)
    if getattr(base, "__origin__", None) is tuple:
        for item in value:
            yield from _values(base.__args__[0], item)
    elif hasattr(base, "__dataclass_fields__"):
        yield from media_values(value)
    elif any(isinstance(m, Format) and m.name == "media" for m in markers):
        yield value


def used_media(directory: Directory, data_dir: Path) -> dict[str, Path]:
    """The files the site's records name: site path → source file, in site path order."""
    records = [directory.site, *directory.holidays,
               *(term for terms in directory.taxonomies.values() for term in terms.values()),
               *directory.points, *directory.projects, *directory.cases, *directory.years]
    folder = data_dir / MEDIA_DIR
    names = {name for record in records for name in media_values(record)}
    return {f"{MEDIA_DIR}/{name}": folder / name for name in sorted(names)}


def escape(folder: Path, value: str) -> str | None:
    """How the path *value* leads out of *folder*: "absolute", "parent" (a ``..``) or
    "link" (a symlink on the way out); None when it stays inside."""
    if value.startswith(("/", "\\")) or PureWindowsPath(value).drive:
        return "absolute"
    if ".." in re.split(r"[/\\]", value):
        return "parent"
    if not (folder / value).resolve().is_relative_to(folder.resolve()):
        return "link"
    return None


def path_problem(folder: Path, value: str) -> str | None:
    """What is wrong with *value* as the name of a file in the media *folder*, if anything.

    Only files inside the folder: an editor's data must not publish another file of the
    machine that builds the site (``/etc/hostname``, ``../../.git/config``, a symlink to
    either), which CI builds with the publishing job's permissions nearby.
    """
    way_out = escape(folder, value)
    if way_out:
        return {"absolute": msg.MEDIA_ABSOLUTE, "parent": msg.MEDIA_PARENT,
                "link": msg.MEDIA_LINK_OUTSIDE}[way_out].format(value=value)
    target = folder / value
    if target.is_dir():
        return msg.MEDIA_NOT_FILE.format(value=value)
    if not target.is_file():
        return msg.MEDIA_MISSING.format(value=value)
    return None


# --- what is published of them --------------------------------------------------------


def cleaned(content: bytes) -> bytes:
    """The image without its metadata (its orientation kept); other bytes as they are."""
    if content.startswith(b"\xff\xd8"):
        return _clean_jpeg(content)
    if content.startswith(PNG_SIGNATURE):
        return _clean_png(content)
    return content  # validation lets no other format through


def orientation_exif(orientation: int, *, prefix: bytes = b"Exif\0\0") -> bytes:
    """A TIFF block of one IFD with one entry, Orientation (big-endian, as cameras write)."""
    entry = struct.pack(">HHIHH", ORIENTATION, 3, 1, orientation, 0)  # SHORT, 1 value
    return prefix + b"MM\0*" + struct.pack(">IH", 8, 1) + entry + struct.pack(">I", 0)


def _orientation(tiff: bytes) -> int:
    """The Orientation in a TIFF block (EXIF's IFD0), or 1 when there is none or it is bad."""
    try:
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (offset,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, offset)
        for i in range(count):
            tag, kind, _, value = struct.unpack_from(order + "HHIH", tiff, offset + 2 + 12 * i)
            if tag == ORIENTATION and kind == 3:
                return value if 1 <= value <= 8 else 1
    except (KeyError, struct.error):
        pass
    return 1


# JPEG: markers whose segments stay. APP0 JFIF, APP2 (ICC only, checked below), APP14
# Adobe, and every marker that is not an APPn or COM (tables, frames, scans, restarts).
_APP0, _APP1, _APP2, _APP14, _APP15, _COM = 0xE0, 0xE1, 0xE2, 0xEE, 0xEF, 0xFE
_SOS, _EOI = 0xDA, 0xD9
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RSTn: no length
# the next marker in entropy-coded data: 0xFF followed by neither 0x00 (a stuffed 0xFF),
# a restart marker, nor another 0xFF (fill)
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _clean_jpeg(content: bytes) -> bytes:
    out = [b"\xff\xd8"]
    orientation = 1
    at = 2
    changed = False
    exif_at = 1  # where a kept orientation goes: after SOI and APP0
    while at < len(content):
        if content[at] != 0xFF:  # not a marker: a broken file, left to validation
            return content
        while at + 1 < len(content) and content[at + 1] == 0xFF:  # fill bytes
            at += 1
        marker = content[at + 1] if at + 1 < len(content) else _EOI
        if marker == _EOI:
            out.append(b"\xff\xd9")
            changed = changed or at + 2 < len(content)  # what a phone appends after it
            break
        if marker in _STANDALONE:
            out.append(content[at:at + 2])
            at += 2
            continue
        (length,) = struct.unpack_from(">H", content, at + 2)
        end = at + 2 + length
        segment = content[at:end]
        if marker == _SOS:  # the scan's data runs to the next marker
            found = _NEXT_MARKER.search(content, end)
            end = found.start() if found else len(content)
            out.append(content[at:end])
        elif _APP0 <= marker <= _APP15 or marker == _COM:
            body = segment[4:]
            keep = (marker == _APP0 and body.startswith((b"JFIF\0", b"JFXX\0"))) or \
                (marker == _APP2 and body.startswith(b"ICC_PROFILE\0")) or \
                (marker == _APP14 and body.startswith(b"Adobe"))
            if keep:
                out.append(segment)
                if marker == _APP0:
                    exif_at = len(out)
            else:
                changed = True
                if marker == _APP1 and body.startswith(b"Exif\0\0") and orientation == 1:
                    orientation = _orientation(body[6:])
        else:
            out.append(segment)
        at = end
    if not changed:
        return content
    if orientation != 1:
        exif = orientation_exif(orientation)
        out.insert(exif_at, b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif)
    return b"".join(out)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks that say how to show the pixels; every other ancillary chunk is left out.
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP",
             b"sBIT", b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"pHYs",
             b"acTL", b"fcTL", b"fdAT"}


def _clean_png(content: bytes) -> bytes:
    out = [PNG_SIGNATURE]
    orientation = 1
    at = len(PNG_SIGNATURE)
    changed = False
    while at + 8 <= len(content):
        length, kind = struct.unpack_from(">I4s", content, at)
        end = at + 12 + length
        if kind in _PNG_KEEP:
            out.append(content[at:end])
        else:
            changed = True
            if kind == b"eXIf":
                orientation = _orientation(content[at + 8:at + 8 + length])
        at = end
        if kind == b"IEND":
            break
    changed = changed or at < len(content)
    if not changed:
        return content
    if orientation != 1:  # before the first IDAT, as the PNG specification asks
        data = orientation_exif(orientation, prefix=b"")
        chunk = struct.pack(">I4s", len(data), b"eXIf") + data + \
            struct.pack(">I", zlib.crc32(b"eXIf" + data))
        first_data = next(i for i, part in enumerate(out) if part[4:8] == b"IDAT")
        out.insert(first_data, chunk)
    return b"".join(out)


def published(source: Path) -> bytes:
    """What the site serves for a media file: its bytes, cleaned."""
    return cleaned(source.read_bytes())
