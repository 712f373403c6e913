"""The card a shared link shows in WeChat and other apps: its image.

A city may supply its own image in ``data/media/`` (site.yml's ``share_image``); otherwise
the theme's, which names only the programme. Apps fetch the image away from the page and
keep it by its address, so validation checks the file (``image_facts``), and the pages'
OpenGraph tags give its size and an address that changes with its content.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

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


# the theme's own image (theme/overrides/assets/images/share.png)
THEME_IMAGE = ("assets/images/share.png", 1200, 630, "image/png")


def share_card(site: SiteConfig, data_dir: Path, public_url: str, theme_alt: str) -> ShareCard:
    """The image of every page's card: the city's, once validated, or the theme's."""
    if site.share_image is None:
        path, width, height, mime = THEME_IMAGE
        return ShareCard(public_url + path, width, height, mime, theme_alt)
    facts = image_facts(data_dir / "media" / site.share_image)
    # ?v=: WeChat keeps a card's image by its address; a new image gets a new address
    return ShareCard(f"{public_url}media/{site.share_image}?v={facts.digest}", facts.width,
                     facts.height, facts.mime or "", None)
