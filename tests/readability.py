"""What a phone shows of a page, measured in Chromium: tap targets under 44 × 44 px, text
under 14 px, and, with the phone's text at 200 %, overflow, the header's title and the QR
landing's first screen. One copy of the measuring script, used by the tests
(tests/test_readability.py) and the benchmark (benchmarks/readability.py).

The rules measured, and their exceptions:

- A tap target is a visible ``a``, ``button``, ``input``, ``select``, ``textarea``,
  ``summary``, ``[role=button]`` or ``label`` of an input; its size is its border box
  (padding included). An input inside a label, or with a label of its own, is measured as
  its label; a target inside another target is the outer one's.
- Inline exception (WCAG 2.5.8 and 2.5.5): a link inside a sentence of running text,
  whose size the line height of the text around it sets, is exempt. Here: an element whose
  display is ``inline`` and whose block holds text outside it, in the same line boxes
  (reached through inline elements only). A link alone in its block, or one of a row of
  links (a flex or grid item is a block), is a target like a button.
- Essential exception (WCAG 2.5.8): a map's markers sit where their places are; they are
  not counted (Leaflet's ``.leaflet-marker-icon``). The map's own buttons are.
- Text is any visible text node (and SVG text); its size is its element's computed
  ``font-size``.
- "Visible": laid out with a size of more than 1 px (a visually hidden label is 1 px),
  not ``visibility: hidden`` nor ``opacity: 0`` (Material's skip link until focused),
  and within the page's width (Material's drawer waits off the screen's left edge).

The phone's text at 200 % is the browser's default font size doubled (16 → 32 px), set
through the DevTools protocol's ``Page.setFontSizes``: what Chrome's "font size" setting
changes, and what Android's text scaling amounts to for a page sized in rem and em, as
Material's is (its ``html { font-size: 125% }`` becomes 40 px). Sizes in px stay as they
are, as on a phone.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and the issue's
MIN_TEXT = 14  # px
PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}
DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}
TEXT_200 = {"standard": 32, "fixed": 26}  # Chromium's defaults are 16 and 13

# One page of every type of the demo (examples/shenzhen), by URL path under the site.
POINT = "futian-vr-industry"
PAGES = {
    "home": "",
    "directory": "points/",
    "map": "map/",
    "point": f"points/{POINT}/",
    "qr-landing": f"v/{POINT}/",
    "projects": "projects/",
    "project": "projects/futian-huaqiangbei-vr-safety-class/",
    "cases": "cases/",
    "case": "cases/vr-safety-education/",
    "years": "years/",
    "year": "years/2024/",
    "fields": "fields/",
    "field": "fields/international/",
    "districts": "districts/",
    "district": "districts/futian/",
    "plaques": "plaques/",
    "open-data": "open-data/",
    "visiting": "visiting/",
    "about": "about/",
    "editors": "editors/",
    "field-reference": "editors/fields/",
    "404": "no-such-page/",
}
# The English edition's pages of each kind whose words are longer than Chinese ones (the
# editors' guide and the field reference are the bureau's, in Chinese only)
PAGES.update({f"en-{name}": "en/" + path for name, path in PAGES.items()
              if name not in ("qr-landing", "editors", "field-reference", "404")})

MEASURE = r"""
() => {
  const MIN_TARGET = %(target)d, MIN_TEXT = %(text)d;
  const pageWidth = document.scrollingElement.scrollWidth;
  const style = (el) => getComputedStyle(el);
  function visible(el) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1 && r.right + scrollX > 0 && r.left + scrollX < pageWidth;
  }
  function describe(el) {
    let name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    const cls = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) name += "." + cls.join(".");
    const text = (el.innerText || el.textContent || el.getAttribute("aria-label") || "")
      .replace(/\s+/g, " ").trim().slice(0, 24);
    return text ? `${name} "${text}"` : name;
  }
  // the nearest ancestor that is not inline: the block whose line boxes hold the element
  function blockOf(el) {
    let block = el.parentElement;
    while (block && style(block).display === "inline") block = block.parentElement;
    return block;
  }
  // WCAG's inline exception: inline, in a block with text of its own lines around it
  function inRunningText(el) {
    if (style(el).display !== "inline") return false;
    const block = blockOf(el);
    if (!block) return false;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (el.contains(node) || !node.data.trim()) continue;
      let up = node.parentElement, inline = true;
      for (; up && up !== block; up = up.parentElement) {
        if (style(up).display !== "inline") { inline = false; break; }
      }
      if (inline && up === block) return true;
    }
    return false;
  }
  const SELECTOR = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], label";
  function labelled(input) {
    if (input.closest("label")) return true;
    return input.id && [...document.querySelectorAll(`label[for="${CSS.escape(input.id)}"]`)].some(visible);
  }
  function isTarget(el) {
    if (el.matches(".leaflet-marker-icon")) return false;  // essential: where the place is
    if (el.tagName === "LABEL") return !!(el.control || el.querySelector("input, select, textarea"));
    if (el.matches("input, select, textarea") && labelled(el)) return false;
    return true;
  }
  const small = [];
  let targets = 0, exempt = 0;
  for (const el of document.querySelectorAll(SELECTOR)) {
    if (!isTarget(el) || !visible(el)) continue;
    const outer = el.parentElement && el.parentElement.closest(SELECTOR);
    if (outer && isTarget(outer) && visible(outer)) continue;
    targets++;
    if (inRunningText(el)) { exempt++; continue; }
    const r = el.getBoundingClientRect();
    if (r.width < MIN_TARGET - 0.01 || r.height < MIN_TARGET - 0.01) {
      small.push({what: describe(el), width: Math.round(r.width * 10) / 10,
                  height: Math.round(r.height * 10) / 10});
    }
  }
  const texts = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let textCount = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.data.trim()) continue;
    seen.add(el);
    if (el.closest("script, style, noscript, template") || !visible(el)) continue;
    textCount++;
    const size = parseFloat(style(el).fontSize);
    if (size < MIN_TEXT - 0.01) texts.push({what: describe(el), size: Math.round(size * 100) / 100});
  }
  return {targets, exempt, small, textCount, texts,
          height: document.scrollingElement.scrollHeight};
}
""" % {"target": MIN_TARGET, "text": MIN_TEXT}

# With the text at 200 %: the page's overflow, the header's title as shown, and where the
# QR landing's essentials are. ``marks``: {name: CSS selector or text to find}.
SCREEN = r"""
(marks) => {
  // against the screen's width: a phone's browser widens its layout viewport (innerWidth)
  // to the widest content, and zooms the page out to fit
  const overflow = Math.max(0, document.scrollingElement.scrollWidth - screen.width);
  // which characters of the site's name the header shows (the rest cut off or ellipsed)
  const title = document.querySelector(".md-header__topic:first-child .md-ellipsis");
  let shown = "";
  if (title) {
    const box = title.getBoundingClientRect();
    const cut = getComputedStyle(title).textOverflow === "ellipsis"
      && title.scrollWidth > title.clientWidth + 1;
    const probe = document.createElement("span");
    probe.textContent = "…";
    title.appendChild(probe);
    const ellipsis = probe.getBoundingClientRect().width;
    probe.remove();
    const walker = document.createTreeWalker(title, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.data.length; i++) {
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getBoundingClientRect();
        // a character (spaces are not counted) is shown whole, inside its box, and clear of the ellipsis that
        // text-overflow draws at its end when the text does not fit
        const ellipsed = cut && r.right > box.right - ellipsis + 0.5;
        const middle = (r.top + r.bottom) / 2;  // a glyph's box is taller than a tight line
        if (r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5
            && middle >= box.top && middle <= box.bottom && !ellipsed
            && node.data[i].trim()) shown += node.data[i];
      }
    }
  }
  const header = document.querySelector(".md-header");
  const top = header ? header.getBoundingClientRect().bottom : 0;
  function find(mark) {
    if (mark.selector) {
      return [...document.querySelectorAll(mark.selector)].find((el) => el.checkVisibility());
    }
    // the innermost visible element whose text holds it
    let best = null;
    for (const el of document.body.querySelectorAll("*")) {
      if (el.closest("script, style, noscript") || !el.checkVisibility()) continue;
      if ((el.textContent || "").replace(/\s+/g, " ").includes(mark.text)) best = el;
    }
    return best;
  }
  const where = {};
  for (const [name, mark] of Object.entries(marks)) {
    const el = find(mark);
    if (!el) { where[name] = null; continue; }
    // shown whole between the header and the screen's foot (a block: all its lines)
    const r = el.getBoundingClientRect();
    where[name] = {top: Math.round(r.top), bottom: Math.round(r.bottom),
                   first_screen: r.top >= top - 1 && r.bottom <= innerHeight + 1};
  }
  return {overflow, title: shown, titleFull: title ? title.textContent.replace(/\s+/g, "") : "",
          header: Math.round(top), height: innerHeight, where};
}
"""


def locale() -> dict:
    """The interface strings (zh-CN), for the texts the screen checks look for."""
    path = ROOT / "theme" / "locales" / "zh-CN.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def point_record(point_id: str = POINT, data: Path = ROOT / "examples" / "shenzhen" / "data") -> dict:
    """A demo point's YAML record."""
    return yaml.safe_load((data / "points" / f"{point_id}.yml").read_text(encoding="utf-8"))


def landing_marks(point_id: str = POINT) -> dict:
    """What the QR landing's first screen should show: the open-now line (today's hours),
    the first row of the weekly hours, the phone, and the booking's lead time."""
    visit = point_record(point_id)["visit"]
    lead = locale()["point"]["lead_days"].format(days=visit["booking"]["lead_days"])
    return {
        "open_now": {"selector": ".sc-open-status"},
        "hours": {"selector": ".sc-hours li"},
        "phone": {"selector": f'a[href="tel:{visit["booking"]["phone"]}"]'},
        "lead_time": {"text": lead},
    }


def text_at_200(page) -> None:
    """Double the browser's default font size for *page* (before it is opened)."""
    session = page.context.new_cdp_session(page)
    session.send("Page.enable")
    session.send("Page.setFontSizes", {"fontSizes": TEXT_200})


def settle(page) -> None:
    """Wait for what scripts draw: a point's map (drawn when scrolled to), the overview,
    then back to where the page was."""
    page.wait_for_load_state("load")
    maps = page.locator(".sc-map, .sc-overview .folium-map")
    if maps.count() and maps.first.is_visible():
        at = page.evaluate("scrollY")
        maps.first.scroll_into_view_if_needed()
        page.wait_for_selector(".sc-map--ready", timeout=15_000)
        page.evaluate("(y) => scrollTo(0, y)", at)
    page.evaluate("document.fonts.ready")


def measure(page) -> dict:
    """Targets and text of the page as shown (see MEASURE)."""
    return page.evaluate(MEASURE)


def screen(page, marks: dict | None = None) -> dict:
    """Overflow, the header's title and where *marks* are (see SCREEN)."""
    return page.evaluate(SCREEN, marks or {})
