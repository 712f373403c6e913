#!/usr/bin/env python
"""Plaque photo benchmark: how small a phone photo of a plaque still reads.

    .venv/bin/python benchmarks/plaque_photo_benchmark.py

The door plaque's PDF is rendered by poppler at 150 dpi and photographed as
tests/photo.py simulates it (blur, a 12° turn, perspective, dim light with noise, JPEG
quality 40), at scales from 100 % down to 10 %; zxing-cpp reads each photo. 25 % is
about what a phone's preview gives of the plaque from 1.5 m; the test suite
(tests/test_plaque_photo.py) holds that scale. Printed for the plaque as drawn now, for
the same plaque with its code at the size it had before issue 16 (72 mm with its quiet
zone, a 60 mm symbol), for a proof (样稿 band), and for a page of the A4 sheet (how many
of its six cards read). Then, to 1 %, the smallest scale from which every larger one
reads (1 % steps below the last 5 % step that reads). Needs pdftoppm (poppler-utils);
the figures are the same on every run.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import plaques  # noqa: E402
from generator.plaques import Code, Plaque, plaque_page, plaque_pdf, sheet_pdf  # noqa: E402
from tests.photo import phone_photo, read_codes, rendered  # noqa: E402

SITE = "https://zsd.example.cn/showcase-directory/"
PROOF = "样稿（校样，不可印制）"


def point(slug: str) -> Plaque:
    return Plaque(title="深圳市社会组织交流服务展示点", point_name="储能产业交流服务展示点",
                  organisation="深圳市储能产业协会", field="新型能源", award="2024 年授牌（第二批）",
                  caption="扫码查看开放时间 · 预约参观", short_url=f"{SITE[8:]}v/{slug}/",
                  url=f"{SITE}v/{slug}/")


def with_code_of(plaque: Plaque, size: float) -> bytes:
    """The door plaque's PDF with its code (quiet zone included) drawn *size* mm wide."""
    page = plaque_page(plaque)
    (code,) = [item for item in page.items if isinstance(item, Code)]
    items = tuple(dataclasses.replace(item, size=size) if item is code else item
                  for item in page.items)
    return plaques._pdf_document([dataclasses.replace(page, items=items)], plaque.title)


def symbol(plaque: Plaque, size: float | None = None) -> float:
    (code,) = [item for item in plaque_page(plaque).items if isinstance(item, Code)]
    return (size or code.size) * code.code.size / (code.code.size + 8)


def main() -> int:
    door = point("baoan-energy-storage")
    cards = [point(f"point-{i}") for i in range(6)]
    subjects = {  # name: (rendered page, how many codes it holds)
        "plaque now": (rendered(plaque_pdf(door)), 1),
        "plaque, 60 mm code (before)": (rendered(with_code_of(door, 72.0)), 1),
        "proof (样稿)": (rendered(plaque_pdf(dataclasses.replace(door, proof=PROOF))), 1),
        "A4 sheet page": (rendered(sheet_pdf(cards)), 6),
    }

    found: dict[tuple[str, int], int] = {}

    def reads(name: str, percent: int) -> int:
        if (name, percent) not in found:
            page, _ = subjects[name]
            found[name, percent] = len(read_codes(phone_photo(page, percent / 100)))
        return found[name, percent]

    print(f"Plaque photo benchmark: door plaque {plaques.PLAQUE_SIZE[0]:.0f} × "
          f"{plaques.PLAQUE_SIZE[1]:.0f} mm, symbol {symbol(door):.0f} mm now, "
          f"{symbol(door, 72.0):.0f} mm before; rendered at 150 dpi; codes read per photo")
    print()
    names = list(subjects)
    widths = [max(len(name), 6) for name in names]
    print("scale  " + "  ".join(name.rjust(width) for name, width in zip(names, widths)))
    for percent in range(100, 5, -5):
        cells = [f"{reads(name, percent)}/{subjects[name][1]}" for name in names]
        print(f"{percent:4d} %  " + "  ".join(c.rjust(w) for c, w in zip(cells, widths)))
    print()
    for name in names:
        total = subjects[name][1]
        # the last 5 % step from which every larger one reads, then down from it by 1 %
        smallest = 100
        while smallest > 10 and reads(name, smallest - 5) == total:
            smallest -= 5
        while smallest > 1 and reads(name, smallest - 1) == total:
            smallest -= 1
        print(f"{name}: reads down to {smallest} % (every 5 % step above it reads too)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
