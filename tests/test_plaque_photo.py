"""A plaque read from a step away: a simulated phone photo (tests/photo.py) of the door
plaque's PDF, decoded by zxing-cpp. How small a photo still reads is measured by
benchmarks/plaque_photo_benchmark.py."""

from __future__ import annotations

import dataclasses
import shutil

import pytest

from generator import plaques
from generator.plaques import Code, plaque_page, plaque_pdf

from .photo import phone_photo, read_codes, rendered
from .test_plaques import LONG, PLAQUE, PROOF

STEP_AWAY = 0.25  # the plaque as large in the photo as a phone sees it from about 1.5 m

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils (make browser installs it)")


@pytest.mark.parametrize("plaque", [PLAQUE, LONG, dataclasses.replace(PLAQUE, proof=PROOF)],
                         ids=["usual", "long address", "proof"])
def test_a_phone_photo_from_a_step_away_reads_the_plaque(plaque):
    assert read_codes(phone_photo(rendered(plaque_pdf(plaque)), STEP_AWAY)) == [plaque.url]


def test_a_60_mm_code_in_the_same_photo_does_not_read():
    """The photo is a real test: the same plaque with its code drawn as it was before
    (72 mm with its quiet zone, a 60 mm symbol) reads close up, not from a step away."""
    page = plaque_page(PLAQUE)
    (code,) = [item for item in page.items if isinstance(item, Code)]
    small = dataclasses.replace(code, size=72.0)
    before = dataclasses.replace(page, items=tuple(small if item is code else item
                                                   for item in page.items))
    picture = rendered(plaques._pdf_document([before], PLAQUE.title))
    assert read_codes(phone_photo(picture, 0.5)) == [PLAQUE.url]
    assert read_codes(phone_photo(picture, STEP_AWAY)) == []
