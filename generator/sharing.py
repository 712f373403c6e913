"""The card a shared link shows in WeChat and other apps: its image.

A city may supply its own image in ``data/media/`` (site.yml's ``share_image``); otherwise
the build draws one for it (``draw_card``): the programme's title and, under it, what the
site offers in its own words (``card_text``). Apps fetch the image away from the page and
keep it by its address, so validation checks a city's file (``image_facts``), and the
pages' OpenGraph tags give its size and an address that changes with its content.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .fonts import typeface
from .schema import SiteConfig

MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}  # the formats every card reader shows


@dataclass(frozen=True)
class ImageFacts:
    format: str  # Pillow's name ("PNG", "JPEG", "WEBP", …); "" when the file is no image
    width: int
    height: int
    bytes: int
    digest: str  # of the content: part of the address, so a changed image is fetched anew
    heif: bool = False  # an iPhone's HEIC/HEIF, which Pillow cannot read and browsers don't show

    @property
    def mime(self) -> str | None:
        return MIME.get(self.format)


def image_facts(path: Path) -> ImageFacts:
    """Read *path*'s header and check that its data decodes to the end."""
    from PIL import Image, UnidentifiedImageError  # only for a site that has its own image

    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()[:12]
    try:
        with Image.open(io.BytesIO(content)) as image:  # the bytes read once
            size, found = image.size, image.format or ""
            # A JPEG is decoded at 1/8 scale: every byte of its data is still read (a cut-off
            # or damaged file fails as at full size), in half the time (6 ms against 11 ms
            # for 2000×1325 pixels), which counts with a thousand photos to check.
            image.draft(image.mode, (1, 1))
            image.load()  # a truncated or damaged file fails here, not in the reader's app
    except (UnidentifiedImageError, OSError, SyntaxError):
        return ImageFacts("", 0, 0, len(content), digest, heif=_is_heif(content))
    return ImageFacts(found, size[0], size[1], len(content), digest)


def _is_heif(content: bytes) -> bool:
    """An ISO media file of HEIF brands: what an iPhone saves its photos as."""
    return content[4:8] == b"ftyp" and content[8:12] in (
        b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1")


@dataclass(frozen=True)
class ShareCard:
    image: str  # absolute: the app fetches it from its own servers
    width: int
    height: int
    mime: str
    alt: str | None  # what the image shows, when we know it


# The drawn card: where it is served, and its design (red, a white rounded frame 40 px in).
CARD_PATH = "assets/images/share.png"
CARD_WIDTH, CARD_HEIGHT = 1200, 630
RED, WHITE = (165, 42, 31), (255, 255, 255)
FRAME, FRAME_WIDTH, FRAME_RADIUS = (40, 40, CARD_WIDTH - 41, CARD_HEIGHT - 41), 6, 24
TEXT_WIDTH = CARD_WIDTH - 2 * 120  # 80 px inside the frame on either side
TITLE_SIZES = (84, 76, 68, 60, 52, 44)  # px, the largest at which the title fits
TITLE_HEIGHT = 340  # px of the frame's 550 the title's lines may take
LINE_SPACING = 1.3  # a title line's height, in font sizes
SUBTITLE_SIZE, SUBTITLE_GAP = 36, 58  # px
# A line may not start with closing punctuation nor end with opening punctuation (the
# usual Chinese line-breaking rules), nor break a Latin word or a number.
NO_LINE_START = set("，。、：；！？）」』》〉】”’·")
NO_LINE_END = set("（「『《〈【“‘")


@dataclass(frozen=True)
class CardText:
    """The words of the drawn card: the title (wrapped to fit), the offers under it."""

    title: str
    offers: tuple[str, ...]  # what the site has: opening hours, booked visits, projects, cases
    separator: str  # drawn between the offers
    alt: str  # the same words, for apps that read a card aloud

    @property
    def subtitle(self) -> str:
        return self.separator.join(self.offers)


def card_text(site: SiteConfig, points: Sequence[Any], projects: Sequence[Any],
              cases: Sequence[Any], words: dict[str, str]) -> CardText:
    """What the drawn card says, in the site's words (the ``share_card`` strings): only
    what the site has, and of visits only what the programme does (a walk-in programme
    says nothing of booking)."""
    awarded = [point for point in points if point.status == "awarded"]
    offers = []
    if any(point.visit is not None and point.visit.hours for point in awarded):
        offers.append(words["hours"])
    if awarded and site.programme.booking != "none":
        offers.append(words["booking"])
    if projects:
        offers.append(words["projects"])
    if cases:
        offers.append(words["cases"])
    title = site.programme.title
    alt = words["alt"].format(title=title, offers=words["alt_separator"].join(offers)) \
        if offers else title
    return CardText(title, tuple(offers), words["separator"], alt)


def draw_card(text: CardText) -> bytes:
    """The card as a 1200×630 PNG: the same bytes for the same words on the same font
    (Pillow writes no date or other metadata into a PNG unless asked)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(FRAME, radius=FRAME_RADIUS, outline=WHITE, width=FRAME_WIDTH)
    faces = typeface()
    for size in TITLE_SIZES:
        title_font = _font(faces.bold, size)
        lines = _wrap(text.title, title_font)
        if len(lines) * size * LINE_SPACING <= TITLE_HEIGHT:
            break
    line_height = round(size * LINE_SPACING)
    subtitle_font = _font(faces.regular, SUBTITLE_SIZE)
    while text.subtitle and subtitle_font.size > 20 and \
            subtitle_font.getlength(text.subtitle) > TEXT_WIDTH:
        subtitle_font = _font(faces.regular, subtitle_font.size - 2)
    block = len(lines) * line_height + (SUBTITLE_GAP + SUBTITLE_SIZE if text.subtitle else 0)
    top = (CARD_HEIGHT - block) // 2
    for number, line in enumerate(lines):
        _centred(draw, line, title_font, top + number * line_height + line_height // 2)
    if text.subtitle:
        _centred(draw, text.subtitle, subtitle_font,
                 top + len(lines) * line_height + SUBTITLE_GAP + SUBTITLE_SIZE // 2)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _centred(draw: Any, line: str, font: Any, middle: int) -> None:
    """Draw *line* with its ink centred across the card: a full-width bracket at either
    end is blank on its outer half, which centring by advance would count."""
    mask, (x, _) = font.getmask2(line, anchor="lm")  # getbbox ends at the advance, not the ink
    left, _, right, _ = mask.getbbox() or (0, 0, 0, 0)
    left, right = x + left, x + right
    draw.text((CARD_WIDTH // 2 - (left + right) // 2, middle), line, font=font, fill=WHITE,
              anchor="lm")


def _font(face: Any, size: int):
    from PIL import ImageFont

    # the basic layout (no shaping engine): Chinese needs none, and the drawing is then the
    # same on machines with and without libraqm
    return ImageFont.truetype(str(face.path), size, index=face.index,
                              layout_engine=ImageFont.Layout.BASIC)


def _wrap(title: str, font: Any) -> list[str]:
    """*title* in as few lines as fit TEXT_WIDTH, as even as can be (the widest line as
    narrow as possible)."""
    breaks = [i for i in range(1, len(title)) if title[i] not in NO_LINE_START
              and title[i - 1] not in NO_LINE_END
              and not (title[i - 1].isascii() and title[i - 1].isalnum()
                       and title[i].isascii() and title[i].isalnum())]
    stops = [0, *breaks, len(title)]
    width = {(a, b): font.getlength(title[a:b]) for a in stops for b in stops if a < b}
    lines = [title]
    for count in range(1, len(stops)):
        # best[j]: the narrowest widest line of *count* lines ending at stops[j], and its lines
        best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
        for _ in range(count):
            step = {}
            for j, b in enumerate(stops):
                options = [(max(best[i][0], width[stops[i], b]), best[i][1] + [title[stops[i]:b]])
                           for i in best if stops[i] < b]
                if options:
                    step[j] = min(options, key=lambda option: option[0])
            best = step
        widest, lines = best.get(len(stops) - 1, (float("inf"), lines))
        if widest <= TEXT_WIDTH:
            break
    return lines  # the most lines the breaks allow, when even these do not fit


@dataclass(frozen=True)
class SharedImage:
    """Every page's card, and the drawn image to serve when the city has none."""

    card: ShareCard
    files: dict[str, bytes]  # site path → content


def share_card(site: SiteConfig, data_dir: Path, public_url: str,
               drawn: CardText) -> SharedImage:
    """The image of every page's card: the city's, once validated, or one drawn for it."""
    if site.share_image is None:
        content = draw_card(drawn)
        digest = hashlib.sha256(content).hexdigest()[:12]
        card = ShareCard(f"{public_url}{CARD_PATH}?v={digest}", CARD_WIDTH, CARD_HEIGHT,
                         "image/png", drawn.alt)
        return SharedImage(card, {CARD_PATH: content})
    facts = image_facts(data_dir / "media" / site.share_image)
    # ?v=: WeChat keeps a card's image by its address; a new image gets a new address
    return SharedImage(ShareCard(f"{public_url}media/{site.share_image}?v={facts.digest}",
                                 facts.width, facts.height, facts.mime or "", None), {})
