"""Markdown from records → safe HTML.

Validation already refuses raw HTML and unsafe links in record text; this is the second
wall. Python-Markdown is told not to pass HTML through, and nh3 (the Ammonia sanitizer)
keeps only an allow-list of tags, attributes and link schemes.
"""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

from .editions import Untranslated

ALLOWED_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
                "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HEADING_RE = re.compile(r"<(/?)h([1-6])\b")
# One line that Markdown would only wrap in <p>: no character that starts markup inline
# (emphasis, code, links, images, HTML, entities, escapes, tables) and nothing at its
# start that makes a block (heading, quote, list item, indented code). A test holds it to
# what the full conversion gives.
_PLAIN = re.compile(r"(?! *(?:[#>+*=-]|\d+[.)])| {4})[^\n\t*_`\[\]!<>&\\|]*")


class RichText:
    """A reusable converter; headings in record text start below the page's own."""

    def __init__(self, top_heading: int = 3):
        self._md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        self._shift = top_heading - 2  # an editor's "## 背景" becomes <h3>

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        if isinstance(text, Untranslated):  # Chinese on a page of another edition
            return Markup('<div lang="{}">{}</div>').format(text.lang, self._html(str(text)))
        return self._html(text)

    def _html(self, text: str) -> Markup:
        if _PLAIN.fullmatch(text) and not text.isspace():  # most events' one-line descriptions: 0.2 ms saved each
            return Markup(f"<p>{text.lstrip(' ')}</p>")
        html = self._md.reset().convert(text)
        html = _HEADING_RE.sub(
            lambda m: f"<{m[1]}h{min(6, max(int(m[2]) + self._shift, 3))}", html)
        clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                          url_schemes=URL_SCHEMES, link_rel="noopener noreferrer")
        return Markup(clean)
