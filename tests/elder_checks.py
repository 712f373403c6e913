"""What the elderly mode (长者模式) is held to, measured in the page as Chromium draws it:
each check returns the elements that fall short, with what was measured, so a failing
test says where and by how much. Used by tests/test_elder.py."""

from __future__ import annotations

# The figures of showcase-elder.css, from MIIT's 《互联网网站适老化通用设计规范》 (see README)
MIN_TEXT_PX = 18      # no text smaller (the standard: a phone page offers 18 dp/pt or more)
MIN_LINE_HEIGHT = 1.5  # line spacing of the reading text (the standard asks 1.3 and more)
MIN_CONTRAST = 7.0    # every text on its background (the normal mode's floor is 4.5:1)
MIN_TARGET_PX = 60    # width and height of a target (the standard's figure for elderly modes)

# Shared by the checks: which text is drawn, and the colour under it.
_HELPERS = r"""
const shown = el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) &&
    (() => { const r = el.getBoundingClientRect();
             return r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0; })();
const where = el => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement)
        parts.unshift(e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
                      [...e.classList].slice(0, 2).map(c => "." + c).join(""));
    return parts.join(" > ");
};
// the elements that hold text of their own, as drawn: not scripts, not SVG (the charts
// draw their text with fill), not the map's tiles
const textElements = () => {
    const found = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        if (!walker.currentNode.nodeValue.trim()) continue;
        const el = walker.currentNode.parentElement;
        if (!el || !(el instanceof HTMLElement) || el.closest("script, style, template, noscript, svg"))
            continue;
        if (shown(el)) found.add(el);
    }
    return [...found];
};
const rgba = text => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [r, g, b, a];
};
const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
// the colour under an element: its own and its ancestors' backgrounds laid over white;
// null where an image is under it (a photo, a map), which no colour describes
const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.backgroundImage !== "none") return null;
        layers.push(rgba(style.backgroundColor));
    }
    let colour = [255, 255, 255];
    for (const layer of layers.reverse()) if (layer && layer[3] > 0) colour = over(layer, colour);
    return colour;
};
const luminance = c => {
    const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => p - q);
                             return (y + 0.05) / (x + 0.05); };
"""

SMALL_TEXT = _HELPERS + r"""
minimum => textElements()
    .map(el => ({where: where(el), text: el.textContent.trim().slice(0, 30),
                 px: parseFloat(getComputedStyle(el).fontSize)}))
    .filter(found => found.px < minimum - 0.01)
"""

# line spacing of the reading text: the page's content and its footer ("normal" is the
# font's own, about 1.4 in Noto Sans CJK: it fails)
TIGHT_LINES = _HELPERS + r"""
minimum => textElements()
    .filter(el => el.closest(".md-content, .md-footer"))
    .map(el => { const style = getComputedStyle(el);
                 return {where: where(el), text: el.textContent.trim().slice(0, 30),
                         ratio: style.lineHeight === "normal" ? 0
                                : parseFloat(style.lineHeight) / parseFloat(style.fontSize)}; })
    .filter(found => found.ratio < minimum - 0.01)
"""

LOW_CONTRAST = _HELPERS + r"""
minimum => textElements().flatMap(el => {
    const style = getComputedStyle(el), under = background(el), ink = rgba(style.color);
    if (!under || !ink) return [];
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    const drawn = over([...ink.slice(0, 3), ink[3] * opacity], under);
    const ratio = contrast(drawn, under);
    return ratio < minimum ? [{where: where(el), text: el.textContent.trim().slice(0, 30),
                               ratio: Math.round(ratio * 100) / 100,
                               ink: style.color, under: "rgb(" + under.map(Math.round) + ")"}] : [];
})
"""

# Targets: what a finger can press. A link inside running text (an inline link with text
# of the same block beside it) and the markers inside a map are excepted, as WCAG 2.5.8
# excepts them; the map's list gives each marker's point as a row of its own.
SMALL_TARGETS = _HELPERS + r"""
minimum => [...document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], " +
        "[role=button], [tabindex]:not([tabindex='-1'])")]
    .filter(el => shown(el) && !el.closest(".leaflet-pane"))
    .filter(el => {
        if (getComputedStyle(el).display !== "inline") return true;
        let block = el.parentElement;
        while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
        return !block || block.textContent.trim() === el.textContent.trim();
    })
    .map(el => {
        // a check box or radio button is pressed through its label too: the larger counts
        let box = el.getBoundingClientRect();
        for (const label of el.labels || []) {
            const around = label.getBoundingClientRect();
            if (around.width * around.height > box.width * box.height) box = around;
        }
        return {where: where(el), text: (el.textContent.trim() || el.getAttribute("aria-label") || "").slice(0, 30),
                width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10}; })
    .filter(found => found.width < minimum - 0.01 || found.height < minimum - 0.01)
"""

OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def measure(page) -> dict[str, list]:
    """Every shortfall on the page as it is now, by check."""
    return {
        "text under 18 px": page.evaluate(SMALL_TEXT, MIN_TEXT_PX),
        "line spacing under 1.5": page.evaluate(TIGHT_LINES, MIN_LINE_HEIGHT),
        "contrast under 7:1": page.evaluate(LOW_CONTRAST, MIN_CONTRAST),
        "targets under 60 × 60 px": page.evaluate(SMALL_TARGETS, MIN_TARGET_PX),
    }
