"""Print-ready plaques: the PDFs rendered by poppler and their QR codes read back by
zxing-cpp, the embedded font and its text checked with poppler's own tools, the SVGs
parsed, and the layout kept inside the plaque."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from generator import fonts, plaques, qrcodes
from generator.plaques import (
    PLAQUE_SIZE,
    Code,
    Line,
    Plaque,
    plaque_page,
    plaque_pdf,
    plaque_svg,
    sheet_pdf,
    sheet_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
SITE = "https://zsd.example.cn/showcase-directory/"
MM = 72 / 25.4

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils (make browser installs it)")


def point(slug: str, **changes: str) -> Plaque:
    fields = dict(title="示例市社会组织交流服务展示点", point_name="储能产业交流服务展示点",
                  organisation="示例市储能产业协会", field="新型能源", award="2024 年授牌（第二批）",
                  caption="扫码查看开放时间、预约参观", short_url=f"{SITE[8:]}v/{slug}/",
                  url=f"{SITE}v/{slug}/")
    fields.update(changes)
    return Plaque(**fields)


PLAQUE = point("baoan-energy-storage")
PROOF = "样稿（校样，不可印制）"  # what the build marks a proof with (theme/locales)
LONG_ORGANISATION = "示例市前海深港现代服务业合作区青年创新创业促进会暨国际交流合作发展基金会联合总会"
LONG = point("qianhai-youth-innovation-and-international-exchange",
             point_name="粤港澳大湾区青年创新创业国际交流服务展示点",
             organisation=LONG_ORGANISATION, field="国际交流与对口帮扶")


def render(document: bytes, tmp_path: Path, dpi: int = 150) -> list[Image.Image]:
    """Each page of a PDF as poppler renders it."""
    source = tmp_path / "document.pdf"
    source.write_bytes(document)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(source), str(tmp_path / "page")],
                   check=True)
    return [Image.open(path) for path in sorted(tmp_path.glob("page-*.png"))]


def poppler(tool: str, document: bytes, tmp_path: Path, *args: str) -> str:
    source = tmp_path / "tool.pdf"
    source.write_bytes(document)
    return subprocess.run([tool, *args, str(source), "-"] if tool == "pdftotext"
                          else [tool, *args, str(source)],
                          check=True, capture_output=True, text=True).stdout


def decoded(image: Image.Image) -> list[str]:
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert all(result.ec_level == "Q" for result in results)
    return sorted(result.text for result in results)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


def printed(plaque: Plaque) -> list[str]:
    """What the plaque is given to print: every field but the address its code encodes."""
    return [value for name, value in dataclasses.asdict(plaque).items() if name != "url"]


def symbol_size(code: Code) -> float:
    """The side of the symbol in mm, without its quiet zone."""
    return code.size * code.code.size / (code.code.size + 2 * qrcodes.QUIET_ZONE)


def test_plaque_pdf_qr_code_reads_back_as_the_url(tmp_path):
    (page,) = render(plaque_pdf(PLAQUE), tmp_path)
    assert abs(page.size[0] - 300 / 25.4 * 150) <= 1 and abs(page.size[1] - 200 / 25.4 * 150) <= 1
    assert decoded(page) == [PLAQUE.url]


def test_every_card_of_a_two_page_sheet_reads_back(tmp_path):
    cards = [point(f"point-{i}-" + "x" * (i * 7)) for i in range(8)]
    first, second = render(sheet_pdf(cards), tmp_path)
    assert decoded(first) == sorted(card.url for card in cards[:6])
    assert decoded(second) == sorted(card.url for card in cards[6:])


def test_pages_are_real_size(tmp_path):
    info = poppler("pdfinfo", plaque_pdf(PLAQUE), tmp_path)
    assert re.search(r"Page size:\s+850\.39 x 566\.93 pts", info)
    info = poppler("pdfinfo", sheet_pdf([PLAQUE] * 7), tmp_path)
    assert re.search(r"Pages:\s+2\n", info)
    assert re.search(r"Page size:\s+595\.28 x 841\.89 pts \(A4\)", info)
    assert "Title:           示例市社会组织交流服务展示点" in info


def test_the_font_is_embedded_with_a_unicode_map(tmp_path):
    listing = poppler("pdffonts", plaque_pdf(PLAQUE), tmp_path).splitlines()[2:]
    assert len(listing) == 2  # regular and bold
    for row in listing:
        kind, emb, _sub, uni = re.search(r"(Type 3)\s+\S+\s+(\w+)\s+(\w+)\s+(\w+)", row).groups()
        assert (kind, emb, uni) == ("Type 3", "yes", "yes")


def test_the_text_can_be_extracted(tmp_path):
    text = poppler("pdftotext", plaque_pdf(LONG), tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[0] == LONG.title
    assert "".join(lines[1:3]) == LONG.point_name  # on two lines
    assert "".join(lines[3:5]) == LONG.organisation
    for value in (LONG.field, LONG.award, LONG.caption, LONG.short_url):
        assert value in text  # the award and the caption stand side by side


def test_a_sheet_of_many_characters_needs_several_fonts(tmp_path):
    """More than 256 distinct characters of a face: Type 3 fonts hold 256 each."""
    rare = [chr(0x4E00 + 7 * i) for i in range(300)]
    cards = [point(f"p{i}", organisation="".join(rare[i * 30:(i + 1) * 30])) for i in range(10)]
    document = sheet_pdf(cards)
    listing = poppler("pdffonts", document, tmp_path).splitlines()[2:]
    assert len(listing) >= 3
    text = re.sub(r"\s", "", poppler("pdftotext", document, tmp_path))
    for card in cards:
        assert card.organisation in text


def test_nothing_is_printed_that_the_caller_did_not_give(tmp_path):
    latin = Plaque(title="Showcase Points", point_name="Energy Storage Point",
                   organisation="Energy Storage Association", field="New Energy",
                   award="Awarded 2024", caption="Scan for opening hours",
                   short_url="example.org/v/x/", url="https://example.org/v/x/")
    words = poppler("pdftotext", plaque_pdf(latin), tmp_path).split()
    assert sorted(words) == sorted(" ".join(printed(latin)).split())
    # poppler reads the proof's diagonal mark a character at a time: compare characters
    proof = dataclasses.replace(latin, proof="PROOF not for print")
    text = poppler("pdftotext", plaque_pdf(proof), tmp_path)
    assert sorted(re.sub(r"\s", "", text)) == sorted(re.sub(r"\s", "", "".join(printed(proof))))


def test_pdf_is_deterministic_and_dated_only_by_source_date_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = plaque_pdf(PLAQUE)
    assert first == plaque_pdf(dataclasses.replace(PLAQUE))
    assert b"/CreationDate" not in first
    assert first.startswith(b"%PDF-1.4\n") and first.endswith(b"%%EOF\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732320000")
    dated = plaque_pdf(PLAQUE)
    assert b"/CreationDate (D:20241123000000Z)" in dated
    assert dated == plaque_pdf(PLAQUE)


def test_pdf_cross_reference_offsets_point_at_their_objects():
    document = plaque_pdf(PLAQUE)
    start = int(document.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert document[start:].startswith(b"xref\n0 ")
    entries = document[start:].split(b"\n")[3:]
    number = 1
    for entry in entries:
        if not entry.endswith(b" n "):
            break
        offset = int(entry[:10])
        assert document[offset:].startswith(b"%d 0 obj\n" % number)
        number += 1
    assert number > 10


# ---------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("plaque", [PLAQUE, LONG, dataclasses.replace(LONG, proof=PROOF)],
                         ids=["usual", "long", "proof"])
def test_text_stays_inside_the_margins_and_clear_of_the_qr_code(plaque):
    page = plaque_page(plaque)
    width, height = PLAQUE_SIZE
    (code,) = [item for item in page.items if isinstance(item, Code)]
    assert symbol_size(code) >= 100
    for line in (item for item in page.items if isinstance(item, Line) and not item.angle):
        assert 12 <= line.x and line.x + line.width <= width - 12, line
        assert 12 < line.baseline - line.size * 0.88 and line.baseline < height - 12, line
        beside = line.baseline > code.y and line.baseline - line.size < code.y + code.size
        if beside and line.x < code.x:
            assert line.x + line.width <= code.x - 4, line


def codes(page) -> list[Code]:
    return [item for item in page.items if isinstance(item, Code)]


def boxes(page) -> list[tuple[float, float, float, float]]:
    """The ideographic boxes (left, top, right, bottom) of the page's level lines."""
    return [(line.x, line.baseline - 0.88 * line.size, line.x + line.width,
             line.baseline + 0.12 * line.size)
            for line in page.items if isinstance(line, Line) and not line.angle]


def test_the_code_is_large_enough_to_read_from_a_step_away():
    """A symbol of 100 mm or more on the door plaque, short address or long; on the
    sheet's cards as large as a card allows (it was 60 and 30 mm)."""
    for plaque in (point("a"), PLAQUE, LONG):
        (code,) = codes(plaque_page(plaque))
        assert symbol_size(code) >= 100, plaque.url
    for code in codes(plaques.sheet_pages([point("a"), PLAQUE, LONG])[0]):
        assert symbol_size(code) >= 40, code.code.text


@pytest.mark.parametrize("plaque", [PLAQUE, LONG], ids=["usual", "long"])
def test_no_two_lines_overlap(plaque):
    pages = [plaque_page(plaque), *plaques.sheet_pages([plaque, LONG, PLAQUE])]
    for page in pages:
        found = boxes(page)
        for i, (left, top, right, bottom) in enumerate(found):
            for other in found[i + 1:]:
                assert right <= other[0] or other[2] <= left or bottom <= other[1] \
                    or other[3] <= top, (found[i], other)


def test_a_forty_character_organisation_is_set_on_two_lines():
    assert len(LONG_ORGANISATION) >= 40
    lines = [item for item in plaque_page(LONG).items
             if isinstance(item, Line) and item.text in LONG_ORGANISATION]
    assert len(lines) == 2 and "".join(line.text for line in lines) == LONG_ORGANISATION
    assert lines[0].size >= 5


def test_long_text_stays_inside_the_rendered_pdf(tmp_path):
    """poppler's own word boxes (in pt) of the text it finds."""
    html = poppler("pdftotext", plaque_pdf(LONG), tmp_path, "-bbox")
    boxes = re.findall(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)
    assert len(boxes) >= 8
    for x_min, x_max in boxes:
        assert 12 * MM <= float(x_min) and float(x_max) <= (300 - 12) * MM


def test_lines_break_between_characters_not_inside_words():
    assert plaques._breaks("ab cd") == [2, 3]
    assert 2 not in plaques._breaks("展示，点")  # no line starts with a comma
    assert plaques._breaks("2024 年") == [4, 5]
    size, lines = plaques.fit("交流服务展示点" * 6, bold=False, width=60, largest=8,
                              smallest=6, lines=2)
    assert len(lines) == 2 and abs(len(lines[0]) - len(lines[1])) <= 1
    assert plaques.text_width(max(lines, key=len), size) <= 60 + 1e-9


# ---------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------


def test_plaque_svg_is_accessible_and_deterministic():
    svg = plaque_svg(LONG)
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
        "300mm", "200mm", "0 0 300 200")
    title = root.find(f"{SVG}title").text
    for value in printed(LONG):
        assert value in title
    assert root.get("aria-label") == title and root.get("role") == "img"
    assert svg == plaque_svg(dataclasses.replace(LONG))
    ids = {path.get("id") for path in root.find(f"{SVG}defs")}
    uses = [use.get("href")[1:] for use in root.iter(f"{SVG}use")]
    assert set(uses) == ids and len(uses) > len(ids)  # each glyph once, used many times
    assert "<text" not in svg  # outlines, not text that needs the font


def test_svgs_drawn_from_shared_fragments_keep_their_own_ids():
    """Glyph <use>s and <path>s are cached across plaques; each file has only its own ids."""
    first, second = plaque_svg(PLAQUE), plaque_svg(LONG)
    assert plaque_svg(PLAQUE) == first and "\x00" not in first + second
    for svg, plaque in ((first, PLAQUE), (second, LONG)):
        root = ET.fromstring(svg)
        ids = {path.get("id") for path in root.find(f"{SVG}defs")}
        assert {ident[:7] for ident in ids} == {plaques._prefix(plaque.url)}
        assert {use.get("href")[1:] for use in root.iter(f"{SVG}use")} == ids


def test_pdf_qr_code_draws_exactly_the_dark_modules():
    code = qrcodes.encode(PLAQUE.url)
    drawn = np.zeros((code.size, code.size), dtype=bool)
    for x, y, width in re.findall(r"(\d+) +(\d+) +(\d+) 1 re", plaques._pdf_runs(code)):
        drawn[int(y), int(x):int(x) + int(width)] = True
    assert np.array_equal(drawn, code.modules)


def test_plaque_svg_qr_code_reads_back():
    root = ET.fromstring(plaque_svg(PLAQUE))
    (path,) = [p for p in root.iter(f"{SVG}path") if p.get("shape-rendering")]
    code = qrcodes.encode(PLAQUE.url)
    side = code.size + 2 * qrcodes.QUIET_ZONE
    bitmap = np.zeros((side, side), dtype=bool)
    for x, y, w in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", path.get("d")):
        start = int(x) + qrcodes.QUIET_ZONE
        bitmap[int(y) + qrcodes.QUIET_ZONE, start:start + int(w)] = True
    assert np.array_equal(bitmap[4:-4, 4:-4], code.modules)
    pixels = np.where(np.kron(bitmap, np.ones((5, 5), dtype=bool)), 0, 255).astype(np.uint8)
    assert decoded(Image.fromarray(pixels)) == [PLAQUE.url]


def test_sheet_svg_stacks_the_pages():
    cards = [point(f"p{i}") for i in range(7)]
    root = ET.fromstring(sheet_svg(cards))
    assert root.get("height") == f"{2 * 297 + 10}mm"
    assert len([g for g in root if g.tag == f"{SVG}g"]) == 2
    qr_paths = [p for p in root.iter(f"{SVG}path") if p.get("shape-rendering")]
    assert len(qr_paths) == 7
    with pytest.raises(ValueError):
        sheet_svg([])


# ---------------------------------------------------------------------------
# Proofs: a site without an address of its own
# ---------------------------------------------------------------------------


def test_a_proof_is_marked_across_the_plaque_and_its_code_still_reads(tmp_path):
    proof = dataclasses.replace(PLAQUE, proof=PROOF)
    page = plaque_page(proof)
    (code,) = codes(page)
    (band,) = [item for item in page.items if isinstance(item, plaques.Shape)]
    (mark,) = [item for item in page.items if isinstance(item, Line) and item.angle]
    assert max(x for x, _ in band.points) < code.x  # clear of the code and its quiet zone
    assert (mark.text, mark.bold) == (PROOF, True)
    assert mark.size >= 12 and 30 <= mark.angle <= 60  # large, across the plaque
    assert page.items.index(band) < page.items.index(mark) < min(
        page.items.index(line) for line in page.items if isinstance(line, Line)
        and line is not mark)  # under the plaque's own text

    document = plaque_pdf(proof)
    (folder_a := tmp_path / "proof").mkdir()
    (folder_b := tmp_path / "print").mkdir()
    (marked,) = render(document, folder_a)
    (plain,) = render(plaque_pdf(PLAQUE), folder_b)
    assert decoded(marked) == [PLAQUE.url]
    changed = np.nonzero(np.any(np.asarray(marked) != np.asarray(plain), axis=-1))
    assert changed[1].size and changed[1].max() < code.x / 25.4 * 150  # only left of the code
    # the mark is text in the embedded font: its characters read back, as the others do
    text = re.sub(r"\s", "", poppler("pdftotext", document, tmp_path))
    assert sorted(text) == sorted(re.sub(r"\s", "", "".join(printed(proof))))

    root = ET.fromstring(plaque_svg(proof))
    assert root.find(f"{SVG}title").text.startswith(f"{PROOF} {PLAQUE.title}")
    (polygon,) = root.iter(f"{SVG}polygon")
    assert polygon.get("fill") == plaques.PROOF_BAND
    assert len([g for g in root.iter(f"{SVG}g") if "rotate(" in (g.get("transform") or "")]) == 1


def test_a_proof_sheet_is_marked_on_every_page_and_card_and_every_card_reads(tmp_path):
    cards = [dataclasses.replace(point(f"p{i}"), proof=PROOF) for i in range(7)]
    pages = plaques.sheet_pages(cards)
    for page, count in zip(pages, (6, 1)):
        marks = [item for item in page.items if isinstance(item, Line) and item.text == PROOF]
        assert len([mark for mark in marks if not mark.angle]) == 1  # the page's top margin
        assert len([mark for mark in marks if mark.angle]) == count  # one on each card
        bands = [item for item in page.items if isinstance(item, plaques.Shape)]
        assert len(bands) == count
        for band in bands:
            for code in codes(page):
                xs, ys = zip(*band.points)
                assert max(xs) < code.x or min(xs) > code.x + code.size \
                    or max(ys) < code.y or min(ys) > code.y + code.size
    first, second = render(sheet_pdf(cards), tmp_path)
    assert decoded(first) == sorted(card.url for card in cards[:6])
    assert decoded(second) == [cards[6].url]
    assert sheet_svg(cards).count("<polygon ") == 7


def test_a_proofs_png_is_marked_above_and_below_and_still_reads():
    code = qrcodes.encode(PLAQUE.url)
    png = plaques.proof_qr_png(code, PROOF)
    assert png == plaques.proof_qr_png(qrcodes.encode(PLAQUE.url), PROOF)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    plain = Image.open(io.BytesIO(qrcodes.to_png(code))).convert("RGB")
    band = (image.height - plain.height) // 2
    assert image.width == plain.width and band >= plain.height // 10
    pixels = np.asarray(image)
    assert np.array_equal(pixels[band:band + plain.height], np.asarray(plain))  # the code as is
    red = tuple(int(plaques.RED[i:i + 2], 16) for i in (1, 3, 5))
    for strip in (pixels[:band], pixels[-band:]):
        assert (strip == red).all(axis=-1).mean() > 0.6  # a red band
        assert (strip.min(axis=-1) > 230).mean() > 0.05  # with white words on it
    assert decoded(image) == [PLAQUE.url]


# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------


def test_the_typeface_is_found_by_fontconfig_not_by_path():
    faces = fonts.typeface()
    assert faces.regular.path.is_file() and faces.bold.path.is_file()
    assert (faces.regular.path, faces.regular.index) != (faces.bold.path, faces.bold.index)
    source = Path(fonts.__file__).read_text(encoding="utf-8")
    assert "/usr/share/fonts" not in source


def test_a_missing_typeface_says_what_to_install(monkeypatch):
    monkeypatch.setattr(fonts, "FAMILY", "No Such Sans CJK")
    with pytest.raises(fonts.FontMissing) as error:
        fonts.find_face(bold=False)
    assert "找不到铭牌所需的中文字体 No Such Sans CJK" in str(error.value)
    assert "fonts-noto-cjk" in str(error.value) and "fontconfig" in str(error.value)
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)
    with pytest.raises(fonts.FontMissing, match="fonts-noto-cjk"):
        fonts.find_face(bold=True)


def test_a_character_without_a_glyph_is_named():
    with pytest.raises(fonts.GlyphMissing) as error:
        plaque_pdf(point("x", point_name="表情😀展示点"))
    assert "“😀”（U+1F600）" in str(error.value)


def test_cmap_and_outlines_agree_with_fonttools():
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    face = fonts.typeface().regular
    font = TTFont(face.path, fontNumber=face.index, lazy=True)
    best = font.getBestCmap()
    for char in "展示点 aZ0,、（）年社会组织" + "".join(chr(c) for c in range(0x4E00, 0x9FA5, 997)):
        glyph = face.glyph(char)
        assert glyph.advance == font["hmtx"][best[ord(char)]][0]
        pen = RecordingPen()
        font.getGlyphSet()[best[ord(char)]].draw(pen)
        points = [pt for _, args in pen.value for pt in args]
        if points:
            xs, ys = zip(*points)
            assert glyph.bbox == (min(xs), min(ys), max(xs), max(ys))
        assert glyph.svg_path.count("M") == sum(op == "moveTo" for op, _ in pen.value)


def test_truetype_quadratic_outlines_become_cubic():
    found = subprocess.run(["fc-match", "-f", "%{file}", "DejaVu Sans"], check=False,
                           capture_output=True, text=True).stdout
    if not found.endswith(".ttf"):
        pytest.skip("no TrueType font installed")
    face = fonts.Face(Path(found))
    glyph = face.glyph("o")
    assert "C" in glyph.svg_path and "Q" not in glyph.svg_path
    assert glyph.pdf_path.endswith("h") and " c\n" in glyph.pdf_path
    assert face.advance("oo") == 2 * glyph.advance > 0
