#!/usr/bin/env python
"""Readability on a phone, per page type: tap targets under 44 × 44 px and text under
14 px at 360 × 640, then, with the phone's text at 200 %, overflow, the header's title and
the QR landing's first screen.

    .venv/bin/python benchmarks/readability.py                    # builds the demo
    .venv/bin/python benchmarks/readability.py --site DIR [--base /showcase-directory/]
        [--shots DIR --label before] [--elder] [--desktop]

A benchmark, not a test: it prints counts and examples for one page of every type of the
demo (tests/readability.py's PAGES); tests/test_readability.py asserts the rules on the
same pages with the same measuring script (tests/readability.py: what counts as a target,
the inline and essential exceptions, how text at 200 % is set). ``--site`` takes a site
already built (an older commit's, for a before/after), served under ``--base`` (the
demo's site_url path by default), as GitHub Pages serves it, by tests/conftest.py's server.
``--shots`` saves the point page and its QR landing at 360 px, normal and at 200 % text,
as ``<label>-point-360.png`` and so on; ``--elder`` takes them in the elderly mode too
(localStorage ``showcase-elder``), as ``<label>-elder-*.png``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, DEMO_CONFIG, base_path, build, serve  # noqa: E402
from tests.readability import (DESKTOP, MIN_TARGET, MIN_TEXT, PAGES, PHONE, landing_marks,  # noqa: E402
                               measure, screen, settle, text_at_200)

ELDER = "localStorage.setItem('showcase-elder', '1')"


def open_page(browser, url: str, *, large: bool = False, elder: bool = False, desktop: bool = False):
    """A new page of a fresh context (no state between page types), *url* opened."""
    context = browser.new_context(**(DESKTOP if desktop else PHONE))
    if elder:
        context.add_init_script(ELDER)
    page = context.new_page()
    if large:
        text_at_200(page)
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def examples(items: list[dict], key: str, n: int = 3) -> str:
    return "; ".join(f"{i['what']} {i[key]}" for i in items[:n])


def normal(browser, url: str, *, desktop: bool = False) -> None:
    width = DESKTOP["viewport"]["width"] if desktop else PHONE["viewport"]["width"]
    print(f"\n## Targets under {MIN_TARGET}×{MIN_TARGET} px and text under {MIN_TEXT} px, at {width} px\n")
    print(f"{'page':16} {'small targets':>13} {'of':>5} {'inline':>6} {'small texts':>11} "
          f"{'of':>5} {'smallest':>8} {'height':>8}")
    totals = [0, 0]
    details = []
    for name, path in PAGES.items():
        page = open_page(browser, url + path, desktop=desktop)
        settle(page)
        m = measure(page)
        page.context.close()
        smallest = min((t["size"] for t in m["texts"]), default=None)
        totals[0] += len(m["small"])
        totals[1] += len(m["texts"])
        print(f"{name:16} {len(m['small']):>13} {m['targets']:>5} {m['exempt']:>6} "
              f"{len(m['texts']):>11} {m['textCount']:>5} "
              f"{(f'{smallest:g} px' if smallest else '-'):>8} {m['height']:>8,}")
        if m["small"] or m["texts"]:
            details.append((name, m))
    print(f"{'all':16} {totals[0]:>13} {'':>5} {'':>6} {totals[1]:>11}")
    print("\nExamples (element \"text\" width×height, or font size):")
    for name, m in details:
        if m["small"]:
            print(f"  {name}: targets: " + "; ".join(
                f"{s['what']} {s['width']:g}×{s['height']:g}" for s in m["small"][:4]))
        if m["texts"]:
            print(f"  {name}: text: " + examples(m["texts"], "size", 4))


def large(browser, url: str) -> None:
    print("\n## The phone's text at 200 % (default font size 32 px), 360 × 640\n")
    print(f"{'page':16} {'overflow':>8}  header title shown")
    for name, path in PAGES.items():
        page = open_page(browser, url + path, large=True)
        settle(page)
        s = screen(page)
        page.context.close()
        print(f"{name:16} {str(s['overflow']) + ' px':>8}  {s['title'] or '(nothing)'}"
              f" ({len(s['title'])} of {len(s['titleFull'])} characters)")
    print("\nThe QR landing (the permalink, landing at #visit): each shown whole on the first "
          "screen (below the header, above the screen's foot)?\n(open_now: the open-now line, "
          "with today's times; hours: the first row of the weekly hours)")
    for label, is_large in (("text 100 %", False), ("text 200 %", True)):
        page = open_page(browser, url + PAGES["qr-landing"], large=is_large)
        page.wait_for_timeout(300)  # the open-now line is written after load
        s = screen(page, landing_marks())
        page.context.close()
        cells = ", ".join(
            f"{mark}: {'missing' if w is None else ('yes' if w['first_screen'] else 'no')}"
            + ("" if w is None else f" ({w['top']}–{w['bottom']} px)")
            for mark, w in s["where"].items())
        print(f"  {label}: header ends at {s['header']} px of {s['height']}; {cells}")


def shots(browser, url: str, folder: Path, label: str, elder: bool) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    modes = [("", False)] + ([("elder-", True)] if elder else [])
    for prefix, is_elder in modes:
        for page_name, path in (("point", PAGES["point"]), ("landing", PAGES["qr-landing"])):
            for size, is_large in (("360", False), ("200pct", True)):
                page = open_page(browser, url + path, large=is_large, elder=is_elder)
                page.wait_for_timeout(300)
                target = folder / f"{label}-{prefix}{page_name}-{size}.png"
                page.screenshot(path=str(target))
                if page_name == "point" and not is_large:
                    settle(page)
                    page.screenshot(path=str(folder / f"{label}-{prefix}{page_name}-{size}-full.png"),
                                    full_page=True)
                page.context.close()
                print(f"  {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the demo)")
    parser.add_argument("--base", default=None, help="the path it is served under "
                        "(default: the demo's site_url path)")
    parser.add_argument("--shots", type=Path, help="save screenshots into this folder")
    parser.add_argument("--label", default="shot", help="the screenshots' file name prefix")
    parser.add_argument("--elder", action="store_true", help="screenshots in the elderly mode too")
    parser.add_argument("--desktop", action="store_true", help="the counts at 1280 px too")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as top:
        site = args.site or build(DEMO_CONFIG, Path(top) / "site")
        url, server = serve(site, args.base or base_path(DEMO_CONFIG))
        print(f"Site: {site} served at {url}")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
            normal(browser, url)
            if args.desktop:
                normal(browser, url, desktop=True)
            large(browser, url)
            if args.shots:
                print("\nScreenshots:")
                shots(browser, url, args.shots, args.label, args.elder)
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
