"""The card a shared link shows in WeChat and other apps: every page names one image, by an
absolute address, with its type and size; a city may supply its own in data/media/, and a
file that apps would not show is refused with what to do."""

from __future__ import annotations

import hashlib
import io
import os
import shutil

import pytest
import yaml
from PIL import Image

from generator.validate import validate

from .conftest import FIXTURES, ROOT, site_url, soup

CITY = FIXTURES / "city"


def _cards(site) -> set[tuple[tuple[str, str], ...]]:
    """The distinct og:image tags of every page of a built site."""
    cards = set()
    for page in sorted(site.rglob("index.html")):
        head = soup(site, page.relative_to(site).parent.as_posix() + "/").head
        tags = tuple((meta["property"], meta["content"])
                     for meta in head.select('meta[property^="og:image"]'))
        if tags:
            cards.add(tags)
    return cards


def test_a_city_image_is_on_every_card(fixture_site):
    written = yaml.safe_load((CITY / "data" / "site.yml").read_text(encoding="utf-8"))
    source = CITY / "data" / "media" / written["share_image"]
    cards = _cards(fixture_site)
    assert len(cards) == 1
    card = dict(cards.pop())
    # the address changes with the content: WeChat keeps a card's image by its address
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    url = site_url(CITY / "mkdocs.yml")
    assert card["og:image"] == f"{url}media/{written['share_image']}?v={digest}"
    served = fixture_site / "media" / written["share_image"]
    assert served.read_bytes() == source.read_bytes()
    with Image.open(served) as image:
        assert (card["og:image:type"], card["og:image:width"], card["og:image:height"]) == \
            (Image.MIME[image.format], str(image.width), str(image.height))
    assert "og:image:alt" not in card  # what a city's picture shows, the build cannot tell


def test_without_one_the_theme_image_is_on_every_card(demo_site):
    cards = _cards(demo_site)
    assert len(cards) == 1
    card = dict(cards.pop())
    assert card["og:image"] == site_url() + "assets/images/share.png"
    with Image.open(demo_site / "assets" / "images" / "share.png") as image:
        assert (card["og:image:type"], card["og:image:width"], card["og:image:height"]) == \
            (Image.MIME[image.format], str(image.width), str(image.height))
    # the words the theme's image shows, for apps that read a card aloud
    assert card["og:image:alt"] == "社会组织交流服务展示点:开放时间、预约参观、品牌项目、典型案例"


# --- an image apps would not show: refused, with the file, line, field and what to do ------


def _png(width: int, height: int, noise: bool = False) -> bytes:
    image = (Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)) if noise
             else Image.new("RGB", (width, height), (200, 40, 40)))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 630), (200, 40, 40)).save(out, "WEBP")
    return out.getvalue()


CASES = {
    "a text file": ("share.png", lambda: "不是图片".encode(),
                    "data/media/share.png 打不开:文件不是图片,或者没有存完整(请重新导出为 PNG 或 JPEG 再放进来)"),
    "a cut-off file": ("share.png", lambda: _png(1200, 630)[:-200],
                       "data/media/share.png 打不开:文件不是图片,或者没有存完整(请重新导出为 PNG 或 JPEG 再放进来)"),
    "WebP": ("share.webp", _webp,
             "data/media/share.webp 是 WEBP 图片,分享卡片只能用 PNG 或 JPEG(有的应用不显示其他格式;请另存为 PNG 或 JPEG)"),
    "too small": ("share.png", lambda: _png(500, 400),
                  "data/media/share.png 只有 500×400 像素,分享卡片的图片至少要 600×315 像素(建议 1200×630;请换一张更大的图片)"),
}


def _with_share_image(tmp_path, name: str, content: bytes | None):
    data = tmp_path / "data"
    shutil.copytree(CITY / "data", data)
    if content is not None:
        (data / "media" / name).write_bytes(content)
    site = data / "site.yml"
    lines = site.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("share_image:"))
    lines[number - 1] = f"share_image: {name}"
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, issues = validate(data, tmp_path)
    return [str(issue) for issue in issues], number


@pytest.mark.parametrize("case", CASES)
def test_an_image_apps_would_not_show_is_refused(tmp_path, case):
    name, content, message = CASES[case]
    issues, line = _with_share_image(tmp_path, name, content())
    assert issues == [f"data/site.yml:{line}:14: share_image: {message}"]


def test_a_heavy_image_is_refused_with_its_size(tmp_path):
    content = _png(900, 600, noise=True)  # noise does not compress: about 1.6 MB
    kb = -(-len(content) // 1024)
    assert kb > 1024
    issues, line = _with_share_image(tmp_path, "share.png", content)
    assert issues == [
        f"data/site.yml:{line}:14: share_image: data/media/share.png 有 {kb} KB,分享卡片的图片"
        "不能超过 1024 KB(应用取图有时限,太大就不显示;请压缩后再放进来)"]


def test_a_missing_image_is_named(tmp_path):
    issues, line = _with_share_image(tmp_path, "card.png", None)
    assert issues == [f"data/site.yml:{line}:14: share_image: 找不到图片文件 data/media/card.png"
                      "(请把图片放进 data/media/ 或改正文件名)"]

