"""A phone's photo of a plaque, simulated: what a visitor's camera sees from a step away.

Shared by tests/test_plaque_photo.py and benchmarks/plaque_photo_benchmark.py. A page is
rendered by poppler as the print tests render it (150 dpi), then photographed: scaled
down (the distance; 25 % of 150 dpi is about what a phone's preview, which scanning apps
read, gives of a plaque 1.5 m away), blurred (focus, a hand that moves), turned 12°,
seen from below and to one side (a perspective warp), in dim light (less brightness and
contrast, sensor noise) and saved as a JPEG of quality 40. Everything is fixed, the
noise's seed too: the same page gives the same photo.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

DPI = 150  # as the print tests render a PDF
SEED = 16
WALL = (150, 146, 140)  # what is around the plaque


def rendered(document: bytes, dpi: int = DPI) -> Image.Image:
    """The first page of a PDF as poppler renders it, in colour."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "page.pdf"
        source.write_bytes(document)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1",
                        str(source), str(Path(folder) / "page")], check=True)
        with Image.open(Path(folder) / "page.png") as page:
            return page.convert("RGB")


def phone_photo(page: Image.Image, scale: float) -> Image.Image:
    """*page* photographed from a step away, *scale* its size in the photo (1 = as rendered)."""
    width, height = page.size
    small = page.resize((max(1, round(width * scale)), max(1, round(height * scale))),
                        Image.Resampling.BOX)  # each pixel of the sensor averages its area
    blurred = small.filter(ImageFilter.GaussianBlur(1.0))
    turned = blurred.rotate(12, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=WALL)
    warped = _perspective(turned, keystone=0.12)
    dim = ImageEnhance.Contrast(ImageEnhance.Brightness(warped).enhance(0.55)).enhance(0.6)
    pixels = np.asarray(dim, dtype=np.float32)
    pixels += np.random.default_rng(SEED).normal(0, 8, pixels.shape)
    noisy = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=40)
    return Image.open(io.BytesIO(out.getvalue()))


def _perspective(image: Image.Image, keystone: float) -> Image.Image:
    """*image* seen from below and to the left: its top edge and its right edge shorter."""
    width, height = image.size
    corners = [(0, 0), (width, 0), (width, height), (0, height)]
    seen = [(keystone * width / 2, 0), (width * (1 - keystone / 2), keystone * height / 3),
            (width, height * (1 - keystone / 3)), (0, height)]
    # PIL maps each pixel of the output back into the input: solve for those coefficients
    rows, values = [], []
    for (x, y), (u, v) in zip(seen, corners):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        values += [u, v]
    coefficients = np.linalg.solve(np.array(rows, dtype=float), np.array(values, dtype=float))
    return image.transform((width, height), Image.Transform.PERSPECTIVE, coefficients.tolist(),
                           Image.Resampling.BICUBIC, fillcolor=WALL)


def read_codes(image: Image.Image) -> list[str]:
    """The QR codes zxing-cpp finds in *image*, as a scanning app reads them."""
    import zxingcpp

    return sorted(result.text for result in
                  zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode))
