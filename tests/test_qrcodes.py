"""QR codes: our encoder against qrcode's reference code, and every drawing read back by
a real decoder (zxing-cpp)."""

from __future__ import annotations

import io
import random
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import qrcode
import zxingcpp
from PIL import Image
from qrcode import constants, util

from generator import qrcodes
from generator.qrcodes import QUIET_ZONE, encode, penalty_scores, to_png, to_svg

SVG = "{http://www.w3.org/2000/svg}"
SITE = "https://example.github.io/showcase-directory/"
URL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def random_url(rng: random.Random, length: int) -> str:
    """A plausible permanent URL of exactly *length* characters (at least len(SITE) + 4)."""
    slug = "".join(rng.choice(URL_CHARS) for _ in range(length - len(SITE) - 3))
    return f"{SITE}v/{slug}/"


def varied_texts(count: int, seed: int) -> list[str]:
    """URLs of every length from 45 to ~120 characters, longer ones, and odd texts."""
    rng = random.Random(seed)
    texts = [random_url(rng, rng.randint(45, 125)) for _ in range(count - 12)]
    texts += [random_url(rng, n) for n in (200, 300, 400)]  # lines longer than 64 modules
    texts += ["a", "0", "HTTPS://EXAMPLE.ORG/", "https://例子。中国/展示点/", "x" * 60, "\x00\xff",
              " " * 30, "https://example.org/?q=a&b=<c>", "0755" * 10, "1" * 90,
              "https://example.github.io/v/" + "a" * 17, "\n"]
    return texts


def byte_mode_reference(text: str, version: int | None = None) -> qrcode.QRCode:
    """qrcode's own QRCode for *text* in byte mode at level Q (no border)."""
    qr = qrcode.QRCode(error_correction=constants.ERROR_CORRECT_Q, version=version, border=0)
    qr.add_data(util.QRData(text.encode("utf-8"), mode=util.MODE_8BIT_BYTE))
    if version is None:
        qr.best_fit()
    return qr


def decode(image: Image.Image) -> list:
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def png_image(code: qrcodes.QrCode, scale: int = 10) -> Image.Image:
    return Image.open(io.BytesIO(to_png(code, scale=scale)))


# ---------------------------------------------------------------------------
# Encoding against qrcode
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", varied_texts(300, seed=1))
def test_version_and_codewords_are_qrcodes(text):
    code = encode(text)
    reference = byte_mode_reference(text)
    assert code.version == reference.version
    ours = qrcodes._codewords(text.encode("utf-8"), code.version)
    assert list(ours) == util.create_data(code.version, constants.ERROR_CORRECT_Q,
                                          reference.data_list)


def test_the_smallest_version_is_chosen():
    # Level Q byte capacities of versions 5 and 6: 60 and 74 bytes.
    assert encode("x" * 60).version == 5
    assert encode("x" * 61).version == 6
    assert encode("x" * 74).version == 6
    assert encode("x" * 75).version == 7
    with pytest.raises(ValueError, match="do not fit"):
        encode("x" * 1664)


@pytest.mark.parametrize("size", [21, 25, 41, 45, 61, 65, 77])
def test_penalty_scores_are_qrcodes_lost_point(size):
    """Sizes on both sides of 64 modules (line integers in uint64 or in Python ints)."""
    rng = np.random.default_rng(size)
    for density in (0.2, 0.4, 0.5, 0.6, 0.8):
        stack = rng.random((8, size, size)) < density
        expected = [util.lost_point(matrix.tolist()) for matrix in stack]
        assert penalty_scores(stack).tolist() == expected


@pytest.mark.parametrize("text", varied_texts(200, seed=2))
def test_mask_is_the_one_the_standard_rules_choose(text):
    """qrcode draws all eight variants in full (format information included, not as its
    best_mask_pattern scores them) and scores them; the lowest (first on ties) wins."""
    code = encode(text)
    qr = byte_mode_reference(text, code.version)
    variants = []
    for mask in range(8):
        qr.makeImpl(False, mask)
        variants.append([row[:] for row in qr.modules])
    scores = [util.lost_point(variant) for variant in variants]
    assert code.mask == scores.index(min(scores)), scores
    assert np.array_equal(code.modules, np.array(variants[code.mask], dtype=bool))


def test_every_mask_gets_chosen():
    masks = {encode(text).mask for text in varied_texts(200, seed=3)}
    assert masks == set(range(8))


def test_a_code_is_immutable_and_hashable():
    code = encode(SITE + "v/futian-vr-industry/")
    assert not code.modules.flags.writeable
    with pytest.raises(ValueError):
        code.modules[0, 0] = False
    assert code == encode(SITE + "v/futian-vr-industry/")
    assert len({code, encode(SITE + "v/futian-vr-industry/")}) == 1
    assert code.modules.shape == (code.size, code.size) == (4 * code.version + 17,) * 2


# ---------------------------------------------------------------------------
# PNG, read back by zxing-cpp
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", varied_texts(120, seed=4))
def test_png_decodes_to_the_text_at_level_q(text):
    code = encode(text)
    results = decode(png_image(code, scale=4))
    assert len(results) == 1
    result = results[0]
    assert result.bytes == text.encode("utf-8")
    assert result.ec_level == "Q"
    assert result.extra["Version"] == str(code.version)
    assert result.extra["DataMask"] == code.mask


@pytest.mark.parametrize("scale", [1, 3, 10])
def test_png_has_the_quiet_zone_and_the_symbol_inside_it(scale):
    code = encode(SITE + "v/futian-vr-industry/")
    image = png_image(code, scale)
    assert image.mode == "1"
    side = (code.size + 2 * QUIET_ZONE) * scale
    assert image.size == (side, side)
    pixels = np.array(image.convert("L")) > 127  # True = white
    border = QUIET_ZONE * scale
    for edge in (pixels[:border], pixels[-border:], pixels[:, :border], pixels[:, -border:]):
        assert edge.all()
    symbol = ~pixels[border:-border, border:-border][::scale, ::scale]
    assert np.array_equal(symbol, code.modules)


def test_png_is_deterministic_and_small():
    code = encode(SITE + "v/futian-vr-industry/")
    first = to_png(code)
    assert first == to_png(encode(SITE + "v/futian-vr-industry/"))
    assert first.startswith(b"\x89PNG\r\n\x1a\n") and len(first) < 2000
    with pytest.raises(ValueError):
        to_png(code, scale=0)


# ---------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------

RUN = re.compile(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z")


def svg_bitmap(svg: str) -> np.ndarray:
    """The SVG's dark modules as a bool array covering its viewBox (quiet zone included).

    Our SVG is one white rect and one path of `M x y h w v1 h-w z` runs; anything else in
    the path data fails the test (a real browser test of the page is separate).
    """
    root = ET.fromstring(svg)
    x0, y0, width, height = map(int, root.get("viewBox").split())
    bitmap = np.zeros((height, width), dtype=bool)
    (path,) = root.iter(f"{SVG}path")
    data = path.get("d")
    assert RUN.sub("", data) == "", "unexpected path commands"
    for x, y, w, back in RUN.findall(data):
        assert w == back
        bitmap[int(y) - y0, int(x) - x0:int(x) - x0 + int(w)] = True
    return bitmap


@pytest.mark.parametrize("text", varied_texts(40, seed=5))
def test_svg_decodes_to_the_text(text):
    code = encode(text)
    svg = to_svg(code, label="扫码查看")
    bitmap = svg_bitmap(svg)
    assert np.array_equal(bitmap[QUIET_ZONE:-QUIET_ZONE, QUIET_ZONE:-QUIET_ZONE], code.modules)
    assert not bitmap[:QUIET_ZONE].any() and not bitmap[-QUIET_ZONE:].any()
    assert not bitmap[:, :QUIET_ZONE].any() and not bitmap[:, -QUIET_ZONE:].any()
    pixels = np.where(np.kron(bitmap, np.ones((4, 4), dtype=bool)), 0, 255).astype(np.uint8)
    (result,) = decode(Image.fromarray(pixels))
    assert result.bytes == text.encode("utf-8") and result.ec_level == "Q"


def test_svg_is_inline_html_ready_accessible_and_readable_on_a_phone():
    code = encode(SITE + "v/futian-vr-industry/")
    svg = to_svg(code, label='扫码查看 "A & B" <展示点>')
    assert svg.startswith("<svg ") and "<?xml" not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("aria-label") == '扫码查看 "A & B" <展示点>'
    assert root.find(f"{SVG}title").text == '扫码查看 "A & B" <展示点>'
    assert root.get("shape-rendering") == "crispEdges"
    side = code.size + 2 * QUIET_ZONE
    assert root.get("viewBox") == f"-{QUIET_ZONE} -{QUIET_ZONE} {side} {side}"
    width, height = int(root.get("width")), int(root.get("height"))
    assert width == height and width % side == 0 and width // side >= 4
    assert 190 <= width <= 260
    (rect,) = root.iter(f"{SVG}rect")
    assert (rect.get("x"), rect.get("y"), rect.get("width"), rect.get("fill")) == (
        f"-{QUIET_ZONE}", f"-{QUIET_ZONE}", str(side), "#fff")
    assert len(list(root.iter(f"{SVG}path"))) == 1
    assert svg == to_svg(encode(SITE + "v/futian-vr-industry/"), label='扫码查看 "A & B" <展示点>')


def test_svg_runs_are_merged():
    code = encode(SITE + "v/futian-vr-industry/")
    runs = RUN.findall(to_svg(code, label="x"))
    bitmap = svg_bitmap(to_svg(code, label="x"))
    padded = np.pad(bitmap, ((0, 0), (0, 1)))
    ends = np.count_nonzero(padded[:, :-1] & ~padded[:, 1:])
    assert len(runs) == ends  # one run per maximal horizontal run
