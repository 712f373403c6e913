"""The card a shared link shows in WeChat and other apps: every page names one image, by an
absolute address, with its type and size; a city may supply its own in data/media/, and a
file that apps would not show is refused with what to do. Without one, the build draws a
card with the programme's title and what the site offers, in its words."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import shutil

import pytest
import yaml
from PIL import Image

from generator.sharing import CardText, draw_card
from generator.validate import validate

from .conftest import FIXTURES, ROOT, build, site_url, soup

CITY = FIXTURES / "city"


def _cards(site) -> set[tuple[tuple[str, str], ...]]:
    """The distinct og:image tags of every page of a built site (its English edition's
    are tests/test_editions.py's: the same image, its words in English)."""
    cards = set()
    for page in sorted(site.rglob("index.html")):
        if page.relative_to(site).parts[0] == "en":
            continue
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


def _drawn_card(site) -> tuple[dict[str, str], Image.Image]:
    """The one card of a site without an image of its own, and the image it names."""
    cards = _cards(site)
    assert len(cards) == 1
    card = dict(cards.pop())
    path, _, version = card["og:image"].partition("?v=")
    assert path.endswith("/assets/images/share.png")
    served = site / "assets" / "images" / "share.png"
    # the address changes with the picture: a new title is fetched anew by WeChat
    assert version == hashlib.sha256(served.read_bytes()).hexdigest()[:12]
    image = Image.open(served)
    image.load()  # decodes to the end
    assert (card["og:image:type"], card["og:image:width"], card["og:image:height"]) == \
        (Image.MIME[image.format], str(image.width), str(image.height))
    return card, image


def _inked_rows(image: Image.Image) -> list[int]:
    """The rows inside the card's frame that hold drawn (white) pixels: its text."""
    inside = image.convert("L").crop((60, 60, image.width - 60, image.height - 60))
    pixels = inside.load()
    return [y for y in range(inside.height)
            if any(pixels[x, y] > 200 for x in range(0, inside.width, 2))]


def test_without_one_a_card_is_drawn_with_the_programme_title(demo_site):
    card, image = _drawn_card(demo_site)
    assert card["og:image"] == site_url() + "assets/images/share.png?" + \
        card["og:image"].partition("?")[2]
    assert (image.format, image.size) == ("PNG", (1200, 630))
    assert image.convert("RGB").getpixel((10, 10)) == (165, 42, 31)  # the theme's red
    assert image.convert("RGB").getpixel((42, 315)) == (255, 255, 255)  # its white frame
    # the words drawn, for apps that read a card aloud: the title, and what the site has
    assert card["og:image:alt"] == "深圳市社会组织交流服务展示点：开放时间、预约参观、品牌项目、典型案例"
    rows = _inked_rows(image)
    assert len(rows) > 80  # a title line of 84 px and a subtitle line of 36 px
    assert image.info == {}  # no date, no software: two builds give the same bytes


def test_a_walk_in_city_card_says_nothing_of_booking(tmp_path):
    county = FIXTURES / "county"
    site = build(county / "mkdocs.yml", tmp_path / "site")
    card, image = _drawn_card(site)
    title = yaml.safe_load((county / "data" / "site.yml").read_text(encoding="utf-8"))[
        "programme"]["title"]
    # walk-in (booking: none) and no brand projects: neither is offered
    assert card["og:image:alt"] == f"{title}：开放时间、典型案例"
    assert image.size == (1200, 630) and _inked_rows(image)


def test_the_card_is_the_same_for_the_same_words_and_differs_with_the_title():
    one = CardText("甲市社会组织服务中心", ("开放时间", "典型案例"), "  ·  ", "")
    other = CardText("乙县社会组织孵化基地", ("开放时间", "典型案例"), "  ·  ", "")
    assert draw_card(one) == draw_card(one)
    assert draw_card(one) != draw_card(other)


def test_a_long_title_is_wrapped_to_fit_the_card():
    title = "某某市某某区社会组织孵化基地与街道社区社会组织服务中心联合名录（试行）"
    with Image.open(io.BytesIO(draw_card(CardText(title, (), "", title)))) as image:
        pixels = image.convert("L").load()
        inked = [x for x in range(image.width) for y in range(60, image.height - 60, 3)
                 if pixels[x, y] > 200 and 60 <= x < image.width - 60]
        rows = _inked_rows(image)
    # inside the frame, with a margin; three lines: three runs of inked rows
    assert min(inked) >= 100 and max(inked) <= image.width - 100
    runs = sum(1 for a, b in zip([-2, *rows], rows) if b != a + 1)
    assert runs == 3


def test_the_card_title_is_checked_for_glyphs_without_any_plaque(tmp_path):
    """A city with no centre in service yet prints no plaque, but its card shows the title:
    the gate reads the title with the card's words."""
    from generator.gate import read_locale, share_card_texts, Sources
    from generator.vocabulary import Vocabulary

    data = FIXTURES / "county" / "data"
    validated, issues = validate(data, tmp_path)
    assert issues == [] and validated is not None
    strings = read_locale(ROOT / "theme" / "locales", "zh-CN", Vocabulary.of(validated.site))
    nothing_awarded = dataclasses.replace(validated, collections={
        **validated.collections,
        "points": [dataclasses.replace(point, status="delisted")
                   for point in validated.collections["points"]]})
    sources = Sources(data, ROOT / "theme" / "pages", ROOT / "theme" / "locales",
                      base_dir=data.parent)
    texts = list(share_card_texts(nothing_awarded, strings, sources))
    assert texts[0] == ("data/site.yml", ("programme", "title"), validated.site.programme.title)
    # no centre in service: no opening hours to offer, only the cases
    assert [text for _, _, text in texts[1:]] == ["典型案例", "  ·  "]


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
                    "data/media/share.png 打不开：文件不是图片，或者没有存完整（请重新导出为 PNG 或 JPEG 再放进来）"),
    "a cut-off file": ("share.png", lambda: _png(1200, 630)[:-200],
                       "data/media/share.png 打不开：文件不是图片，或者没有存完整（请重新导出为 PNG 或 JPEG 再放进来）"),
    "WebP": ("share.webp", _webp,
             "data/media/share.webp 是 WEBP 图片，分享卡片只能用 PNG 或 JPEG（有的应用不显示其他格式；请另存为 PNG 或 JPEG）"),
    "too small": ("share.png", lambda: _png(500, 400),
                  "data/media/share.png 只有 500×400 像素，分享卡片的图片至少要 600×315 像素（建议 1200×630；请换一张更大的图片）"),
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
        f"data/site.yml:{line}:14: share_image: data/media/share.png 有 {kb} KB，分享卡片的图片"
        "不能超过 1024 KB（应用取图有时限，太大就不显示；请压缩后再放进来）"]


def test_a_missing_image_is_named(tmp_path):
    issues, line = _with_share_image(tmp_path, "card.png", None)
    assert issues == [f"data/site.yml:{line}:14: share_image: 找不到图片文件 data/media/card.png"
                      "（请把图片放进 data/media/ 或改正文件名）"]

