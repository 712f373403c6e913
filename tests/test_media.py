"""Photos: only the files a record names are published, without what the camera recorded
(GPS position, serial number, dates, XMP, comments, PNG text), still upright and with the
editor's own pixels; a photo path outside data/media/, a file that is no image, an image
browsers may not show or a file too heavy for a phone is refused with what to do."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from generator.cli import main
from generator.media import cleaned

from .conftest import FIXTURES, ROOT, build

CITY = FIXTURES / "city"
POINT = Path("points") / "beishan-centre.yml"
GPS = 0x8825
ORIENTATION = 0x0112
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
       b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
       b'exif:GPSLatitude="30,15.6N"/></rdf:RDF></x:xmpmeta>')


def _phone_photo(size: tuple[int, int] = (320, 240), orientation: int = 6) -> bytes:
    """A JPEG as a phone writes it: EXIF with GPS, camera and dates, XMP, a comment."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F], exif[0x0110] = "PhoneMaker", "Phone 12"  # make, model
    exif[0x0132] = "2024:05:01 10:00:00"  # when
    exif.get_ifd(0x8769)[0xA431] = "SN-0123456789"  # BodySerialNumber
    exif.get_ifd(GPS).update({1: "N", 2: (30.0, 15.0, 36.0), 3: "E", 4: (120.0, 8.0, 24.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif.tobytes(), xmp=XMP, comment=b"Zhang San")
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Zhang San")
    info.add_itxt("Comment", "手机 13812345678")
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (20, 120, 200, 128)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _city_copy(project: Path) -> Path:
    """The fixture city in a folder of its own, its theme paths made absolute."""
    shutil.copytree(CITY, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../theme", (ROOT / "theme").as_posix()), encoding="utf-8")
    return project


def _set_photos(data: Path, *lines: str) -> int:
    """Replace the point's photos with *lines*; return the line number of the first."""
    path = data / POINT
    text = path.read_text(encoding="utf-8").splitlines()
    start = text.index("photos:") + 1
    end = next(i for i in range(start, len(text)) if not text[i].startswith("  "))
    text[start:end] = list(lines)
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return start + 1


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> Path:
    """The fixture city with a phone's photo and a PNG with text used, and a file unused."""
    project = _city_copy(tmp_path_factory.mktemp("media") / "project")
    media = project / "data" / "media"
    (media / "beishan-centre" / "visit.jpg").write_bytes(_phone_photo())
    (media / "beishan-centre" / "chart.png").write_bytes(_png_with_text())
    (media / "drafts").mkdir()
    (media / "drafts" / "not-yet.jpg").write_bytes(_phone_photo())
    _set_photos(project / "data",
                "  - {file: beishan-centre/hall.png, alt: 服务中心展示长廊}",
                "  - {file: beishan-centre/visit.jpg, alt: 参观}",
                "  - {file: beishan-centre/chart.png, alt: 图表}")
    return build(project / "mkdocs.yml", project / "site")


def test_only_the_media_a_record_uses_are_published(photo_site):
    published = sorted(p.relative_to(photo_site / "media").as_posix()
                       for p in (photo_site / "media").rglob("*") if p.is_file())
    # the point's photos and site.yml's share_image; not the draft no record names
    assert published == ["beishan-centre/chart.png", "beishan-centre/hall.png",
                         "beishan-centre/visit.jpg", "share.jpg"]


def test_a_phone_photo_is_published_without_its_exif_and_upright(photo_site):
    source = photo_site.parent / "data" / "media" / "beishan-centre" / "visit.jpg"
    served = photo_site / "media" / "beishan-centre" / "visit.jpg"
    with Image.open(source) as original:
        assert GPS in original.getexif() and "xmp" in original.info  # what there was
        pixels, size = original.tobytes(), original.size
    content = served.read_bytes()
    assert b"SN-0123456789" not in content and b"Zhang San" not in content
    assert b"PhoneMaker" not in content and b"2024:05:01" not in content
    assert b"xmpmeta" not in content and b"GPSLatitude" not in content
    with Image.open(served) as image:
        assert dict(image.getexif()) == {ORIENTATION: 6}  # only how to turn it
        assert GPS not in image.getexif() and not image.getexif().get_ifd(GPS)
        assert "xmp" not in image.info and "comment" not in image.info
        assert image.size == size
        assert image.tobytes() == pixels  # not encoded again: the editor's own pixels


def test_a_png_is_published_without_its_text(photo_site):
    served = photo_site / "media" / "beishan-centre" / "chart.png"
    with Image.open(photo_site.parent / "data" / "media" / "beishan-centre" / "chart.png") as src:
        assert src.text  # what there was
        pixels = src.tobytes()
    with Image.open(served) as image:
        assert image.text == {} and not image.getexif()
        assert (image.size, image.mode, image.tobytes()) == ((40, 30), "RGBA", pixels)
    assert b"Zhang San" not in served.read_bytes()


def test_an_image_without_metadata_is_published_as_it_is(photo_site):
    for name in ("beishan-centre/hall.png", "share.jpg"):
        source = CITY / "data" / "media" / name
        assert (photo_site / "media" / name).read_bytes() == source.read_bytes()


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_cleaning_keeps_the_orientation_only_when_it_turns(orientation):
    with Image.open(io.BytesIO(cleaned(_phone_photo(orientation=orientation)))) as image:
        assert dict(image.getexif()) == ({} if orientation == 1 else {ORIENTATION: orientation})
        image.load()


def test_a_png_keeps_only_its_orientation():
    exif = Image.Exif()
    exif[ORIENTATION], exif[0x010F] = 8, "PhoneMaker"
    exif.get_ifd(GPS)[1] = "N"
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (1, 2, 3)).save(out, "PNG", exif=exif.tobytes())
    content = cleaned(out.getvalue())
    with Image.open(io.BytesIO(content)) as image:
        assert dict(image.getexif()) == {ORIENTATION: 8} and image.size == (30, 20)
        image.load()
    assert b"PhoneMaker" not in content


def test_what_a_phone_appends_after_the_image_is_left_out():
    photo = _phone_photo()
    appended = photo + _phone_photo()  # as a phone appends a depth map or HDR gain map
    assert cleaned(appended) == cleaned(photo)


def test_a_progressive_jpeg_keeps_its_pixels():
    out = io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(GPS)[1] = "N"
    Image.linear_gradient("L").convert("RGB").save(out, "JPEG", progressive=True,
                                                   exif=exif.tobytes())
    with Image.open(io.BytesIO(out.getvalue())) as before, \
            Image.open(io.BytesIO(cleaned(out.getvalue()))) as after:
        assert not after.getexif() and after.tobytes() == before.tobytes()


# --- a photo path or file that would not do: `showcase check` says what to do ----------------

HINT = "这里只写它在 data/media/ 下的文件名，如 east-centre/hall.jpg"


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(out, "WEBP")
    return out.getvalue()


def _heavy_jpeg() -> bytes:
    noise = Image.frombytes("RGB", (1400, 1000), os.urandom(1400 * 1000 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)  # noise does not compress: about 2.5 MB
    return out.getvalue()


# case → (what the photo's file says, what to put where, the message)
CASES = {
    "an absolute path": ("/etc/hostname", {}, f"'/etc/hostname' 是完整路径，图片只能取自 "
                         f"data/media/（请把图片放进 data/media/，{HINT}）"),
    "a path out with ..": ("../site.yml", {}, "'../site.yml' 含有“..”，指向了 data/media/ 以外"
                           f"（图片只能取自 data/media/：请把图片放进去，{HINT}）"),
    "a hidden way out with ..": ("beishan-centre/../../site.yml", {},
                                 "'beishan-centre/../../site.yml' 含有“..”，指向了 data/media/ "
                                 f"以外（图片只能取自 data/media/：请把图片放进去，{HINT}）"),
    "a symlink out": ("hostname.jpg", {"hostname.jpg": Path("/etc/hostname")},
                      "data/media/hostname.jpg 是指向 data/media/ 以外的链接（请把图片文件本身"
                      "复制进 data/media/，不要用符号链接）"),
    "a folder symlinked out": ("outside/site.yml", {"outside": Path("..")},
                               "data/media/outside/site.yml 是指向 data/media/ 以外的链接（请把"
                               "图片文件本身复制进 data/media/，不要用符号链接）"),
    "a folder": ("beishan-centre", {}, "data/media/beishan-centre 是文件夹，不是图片（请写出其中"
                 "图片的文件名，如 beishan-centre/hall.jpg）"),
    "a missing file": ("beishan-centre/hal.png", {}, "找不到图片文件 data/media/beishan-centre/"
                       "hal.png（请把图片放进 data/media/ 或改正文件名）"),
    "a text file": ("notes.jpg", {"notes.jpg": "参观须知".encode()},
                    "data/media/notes.jpg 打不开：文件不是图片，或者没有存完整（请重新导出为 "
                    "JPEG 或 PNG 再放进来）"),
    "a cut-off photo": ("cut.jpg", {"cut.jpg": _phone_photo()[:-300]},
                        "data/media/cut.jpg 打不开：文件不是图片，或者没有存完整（请重新导出为 "
                        "JPEG 或 PNG 再放进来）"),
    "WebP": ("hall.webp", {"hall.webp": _webp()},
             "data/media/hall.webp 是 WEBP 图片，网页上的照片只能用 JPEG 或 PNG（有的手机浏览器和"
             "订阅阅读器显示不了其他格式；照片请另存为 JPEG，截图和图表请另存为 PNG）"),
    "an iPhone's HEIC": ("IMG_0001.HEIC", {"IMG_0001.HEIC": b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"},
                         "data/media/IMG_0001.HEIC 是 HEIC 图片，网页上的照片只能用 JPEG 或 PNG（有的"
                         "手机浏览器和订阅阅读器显示不了其他格式；照片请另存为 JPEG，截图和图表请另存为 "
                         "PNG）"),
}


def _check(tmp_path: Path, value: str, files: dict[str, bytes | Path], capsys,
           monkeypatch) -> tuple[int, list[str], int]:
    """`showcase check` on the fixture city with one photo; exit code, stderr lines, line."""
    data = _city_copy(tmp_path / "project") / "data"
    for name, content in files.items():
        if isinstance(content, Path):
            (data / "media" / name).symlink_to(content)
        else:
            (data / "media" / name).write_bytes(content)
    line = _set_photos(data, f"  - {{file: {value}, alt: 展厅}}")
    monkeypatch.chdir(tmp_path / "project")  # messages name files from where check runs
    code = main(["check", "--data", "data"])
    return code, capsys.readouterr().err.splitlines(), line


@pytest.mark.parametrize("case", CASES)
def test_a_photo_that_would_not_do_is_refused(tmp_path, capsys, monkeypatch, case):
    value, files, message = CASES[case]
    code, err, line = _check(tmp_path, value, files, capsys, monkeypatch)
    assert code == 1
    assert err[:2] == [f"data/points/beishan-centre.yml:{line}:12: photos[0].file: {message}",
                       "共 1 个错误，网站未生成，上一次生成的网站保持不变"]


def test_a_heavy_photo_is_refused_with_the_limit(tmp_path, capsys, monkeypatch):
    content = _heavy_jpeg()
    kb = -(-len(content) // 1024)
    assert kb > 1024
    code, err, line = _check(tmp_path, "heavy.jpg", {"heavy.jpg": content}, capsys,
                             monkeypatch)
    assert code == 1
    assert err[0] == (f"data/points/beishan-centre.yml:{line}:12: photos[0].file: "
                      f"data/media/heavy.jpg 有 {kb} KB，照片不能超过 1024 KB（参观者多用手机流量"
                      "打开页面；请把长边缩小到 2000 像素以内，另存为质量 80 左右的 JPEG，一般只有几百 KB）")


def test_a_share_image_outside_data_media_is_refused(tmp_path, capsys):
    data = _city_copy(tmp_path / "project") / "data"
    site = data / "site.yml"
    lines = site.read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(lines, 1) if text.startswith("share_image:"))
    lines[number - 1] = "share_image: /etc/hostname"
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert f":{number}:14: share_image: '/etc/hostname' 是完整路径，图片只能取自 data/media/" in err
