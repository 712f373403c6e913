"""Validate stage: loaded documents → schema records, with every problem found at once.

Conversion walks the schema (``schema.py``) and the data side by side, so each problem
knows its file, line, column and field path. Rules about one record live in the
``_check_*`` functions; rules across records (ids, references, the same venue twice)
in ``validate``. Nothing stops at the first problem: an editor fixes all of them in
one pass.
"""

from __future__ import annotations

import dataclasses as dc
import datetime as dt
import difflib
import os
import re
import unicodedata
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from . import messages as msg
from . import footer, media, permalinks
from .coords import to_wgs84
from .issues import Issue, display_path
from .load import Document, Path_, load_file
from .parallel import split_map
from .scaffold import TODO
from .schema import (
    COLLECTIONS, SLUG_RE, TAXONOMIES, WEEKDAYS, AnnualProgramme, BoundingBox, Choice,
    Event, Format, GroupSize, Holiday, Levels, MapTiles, OpeningHours, Photo, PointLocation,
    Programme, ProgrammeStep, ProjectLocation, Range, RecordRef, ShowcasePoint, SiteConfig, Term, Visit,
    field_specs, unwrap,
)
from .schema import SYNONYM_MAX, TaxonomyTerm  # a term's synonyms: the words visitors search
from .schema import THESAURUS_FILE, THESAURUS_GROUP, SynonymGroup  # the city's thesaurus
from .schema import Extra, Line, Target, Url  # a city's own fields (extra_fields) and their types
from .schema import Footer  # site.yml's footer (footer.py checks its numbers)
from .schema import EDITION_FIELDS, English, LevelsEnglish, ProgrammeEnglish, translations
from .maps import APPROVED_PROVIDERS, PMTILES_TILE_TYPES, pmtiles_header
from .sharing import image_facts
from .visits import minutes
from .vocabulary import DEFAULT, Vocabulary, has_braces, marked

INVALID = object()  # a value that could not be converted; its problem is already reported

# What each type of a city's own field (site.yml's extra_fields) holds
EXTRA_VALUE_TYPES = {"text": Line, "number": float, "list": tuple[Line, ...], "date": dt.date,
                     "url": Url}
# an id becomes a page path: points/<id>/, fields/<id>/ …; these are the folders' own
RESERVED_IDS = {"index"}
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$|^24:00$")
# The data names the variable the map's key is read from, and the key is published in
# the pages (it is a browser key): a name of any other secret (GITHUB_TOKEN, the OIDC
# request token of the publishing job) would publish that secret. Only Tianditu's.
ENV_NAME_RE = re.compile(r"^TIANDITU_[A-Z0-9_]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Landlines with area code (010-12345678), 400/800 numbers, short service numbers
# (12345, 95xxx), and mobiles; separators are spaces or hyphens.
PHONE_RES = [
    re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$"),
    re.compile(r"^[48]00-?\d{3}-?\d{4}$"),
    re.compile(r"^(?:1\d{4}|9\d{4,5})$"),
    re.compile(r"^1[3-9]\d{9}$"),
]
HTML_TAG_RE = re.compile(r"<\s*(/?\s*[A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>|<!--")
# Where a browser starts a tag, closed or not: `<img src=x onerror=…` needs no `>`.
TAG_START_RE = re.compile(r"<\s*(?:[!?]|/?\s*[A-Za-z])")
AUTOLINK_RE = re.compile(r"<(?:https?|mailto|tel):[^\s<>]*>", re.IGNORECASE)  # Markdown's <…>
# Characters no editor means to type: controls other than tab and newline (a lone CR
# breaks iCalendar lines, \x0b makes the feed invalid XML), line and paragraph
# separators, the bidirectional overrides and isolates (text that reads otherwise than
# it is stored), a byte-order mark, noncharacters and lone surrogates.
INVISIBLE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e"
                          "\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")
# bounded as addresses are (64 before @, labels of 63): unbounded, a long run of letters
# before an @ made the search quadratic (20,000 letters, 0.4 s)
FREE_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}"
                           r"\.[A-Za-z]{2,24}")
LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)",
                            re.MULTILINE)
SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
# Markdown within what the renderer does in bounded time: a case study of 20,000
# characters is ten printed pages (the demo's longest text has 202); a text with more
# than 100 links is a list for a table; lists and quotes nest a few levels at most.
MARKDOWN_MAX_CHARS = 20_000
MARKDOWN_MAX_BRACKETS = 100
MARKDOWN_MAX_DEPTH = 8
# a line's indent, and the list and quote markers that open it
NESTING_RE = re.compile(r"^([ \t]*)((?:(?:>|[-*+]|[0-9]{1,9}[.)])[ \t]*)*)", re.MULTILINE)
NEST_MARKER_RE = re.compile(r">|[-*+]|[0-9]{1,9}[.)]")
# Formats whose value is an address by design (an e-mail address is allowed there)
ADDRESS_FORMATS = ("email", "report", "url", "https", "licence", "media")
# Marks that part words in a list written as one text (半导体、集成电路): a synonym is one word
SYNONYM_SEPARATOR_RE = re.compile(r"[、，,；;]")
ID_CARD_RE = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
                        r"(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")
# Anything the checks in safe_text could find (in text with its digits folded) has one
# of these.
SUSPECT_RE = re.compile(r"[<:@]|[0-9]{10}|[0-9][ -]?[0-9]{4}[ -]?[0-9]{4}")
YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}
# Chinese characters (CJK ideographs, their extensions and compatibility forms): in an
# English text, the page would read them out with an English voice
HAN_RUN_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def is_id_card_number(text: str) -> bool:
    """An 18-character resident ID number whose check character is right."""
    total = sum(int(digit) * weight for digit, weight in zip(text[:17], _ID_WEIGHTS))
    return "10X98765432"[total % 11] == text[17].upper()


def _folding_table() -> dict[int, str]:
    """Every other way of writing a digit, a Latin letter, ``@``, ``-`` or a space, as
    the ASCII one, character for character (so positions stay): full-width ``１３８``,
    circled ``①``, Arabic-Indic and other scripts' digits, mathematical digits, dashes
    and the ideographic space."""
    table: dict[int, str] = {}
    for code in (*range(0x80, 0x10000), *range(0x1D7CE, 0x1D800), *range(0x1FBF0, 0x1FBFA)):
        char = chr(code)
        digit = unicodedata.digit(char, None)
        if digit is not None and digit < 10:
            table[code] = str(digit)
            continue
        compatible = unicodedata.normalize("NFKC", char)
        if len(compatible) == 1 and compatible.isascii() and compatible.isprintable():
            table[code] = compatible
        elif unicodedata.category(char) == "Pd" or char == "\u3000":
            table[code] = "-" if char != "\u3000" else " "
    return table


_FOLD = _folding_table()


def folded(text: str) -> str:
    """*text* with look-alike digits, letters and separators as ASCII, for the checks of
    personal numbers and addresses (``１３８ ００１３ ８０００`` is a mobile number too)."""
    return text if text.isascii() else text.translate(_FOLD)


def describe(value: Any) -> str:
    """A value as an editor reads it in a message: what was written instead."""
    if isinstance(value, dict):
        return "一组“字段：值”"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    return f"'{value}'"


def _time_as_number(value: int) -> str:
    """Say which time a number in a time field was meant to be.

    930 is 9:30 written without its colon; 570 cannot be that (70 minutes), but is what
    YAML 1.1 makes of an unquoted 9:30 (9 × 60 + 30).
    """
    hours, mins = divmod(value, 100)
    if 0 <= value and hours < 24 and mins < 60:
        return msg.TIME_AS_NUMBER.format(value=value, suggestion=f"{hours:02d}:{mins:02d}")
    if 0 <= value < 24 * 60:
        hours, mins = divmod(value, 60)
        return msg.TIME_AS_MINUTES.format(value=value, suggestion=f"{hours:02d}:{mins:02d}")
    return msg.TIME_AS_NUMBER.format(value=value, suggestion="09:30")


def _suggest(word: str, options: list[str]) -> str | None:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass
class Context:
    """What validation knows beyond the record at hand."""

    root: Path
    taxonomies: dict[str, dict[str, Any]] = field(default_factory=dict)
    site: SiteConfig | None = None
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # references to other records, checked once every record is loaded: (collection, id,
    # where it stands). The place is found now, so the file's node tree can be let go.
    refs: list[tuple[str, str, Issue]] = field(default_factory=list)
    ci: bool = False  # in CI, where the site is published: unfinished records are errors


class Converter:
    """Converts one document's data into schema objects, reporting into the context."""

    def __init__(self, doc: Document, ctx: Context):
        self.doc, self.ctx = doc, ctx
        self.english = False  # converting an en: block, whose texts are English

    def problem(self, path: Path_, message: str, *, at_key: bool = False) -> None:
        self.ctx.issues.append(self.doc.issue(path, message, at_key=at_key))

    # -- structure --------------------------------------------------------

    def record(self, cls: type, raw: Any, path: Path_ = ()) -> Any:
        """A schema object from a mapping, or INVALID."""
        if not isinstance(raw, dict):
            self.problem(path, msg.EXPECTED_MAPPING.format(got=describe(raw)))
            return INVALID
        specs = field_specs(cls)
        names = [spec.name for spec in specs]
        for key in raw:
            if key not in names:
                guess = _suggest(key, names)
                english = _english_suffix(key, cls)
                text = (msg.EN_SUFFIX.format(key=key, name=english) if english
                        else msg.UNKNOWN_FIELD.format(key=key, suggestion=guess) if guess
                        else msg.UNKNOWN_FIELD_NO_GUESS.format(key=key, allowed=", ".join(names)))
                self.problem(path + (key,), text, at_key=True)
        values, ok = {}, True
        for spec in specs:
            raw_value = raw.get(spec.name)
            absent = raw_value is None or (raw_value == [] and spec.required)
            if absent:
                if spec.required:
                    self.problem(path + (spec.name,), msg.MISSING_FIELD.format(
                        name=spec.name, doc=marked(spec.doc).rstrip("。")), at_key=spec.name in raw)
                    ok = False
                continue
            value = self.value(spec.type, raw_value, path + (spec.name,), spec.public_contact)
            if value is INVALID:
                ok = False
            else:
                values[spec.name] = value
        if not ok:
            return INVALID
        obj = cls(**values)
        for subpath, message in _translation_problems(obj):
            self.problem(path + subpath, message)
        for check in _CHECKS.get(cls, ()):
            for subpath, message in check(obj, self.ctx):
                if isinstance(message, Reminder):
                    self.ctx.warnings.append(self.doc.issue(path + subpath, message).as_reminder())
                else:
                    self.problem(path + subpath, message)
        return obj

    def value(self, tp: Any, raw: Any, path: Path_, public: bool = False) -> Any:
        base, markers, _optional = unwrap(tp)
        if markers and isinstance(markers[0], Extra):
            return self.extras(markers[0].collection, raw, path)
        if getattr(base, "__origin__", None) is tuple:
            if not isinstance(raw, list):
                self.problem(path, msg.EXPECTED_LIST.format(got=describe(raw)))
                return INVALID
            item_type = base.__args__[0]
            items = [self.value(item_type, item, path + (i,), public) for i, item in enumerate(raw)]
            if any(item is INVALID for item in items):
                return INVALID
            return self.unique(tuple(items), item_type, path)
        if dc.is_dataclass(base) and issubclass(base, English):
            self.english = True
            try:
                return self.record(base, raw, path)
            finally:
                self.english = False
        if dc.is_dataclass(base):
            return self.record(base, raw, path)
        value = self.scalar(base, markers, raw, path)
        if value is INVALID:
            return INVALID
        for marker in markers:
            value = self.refine(marker, value, path)
            if value is INVALID:
                return INVALID
        if isinstance(value, str):
            fmt = next((m.name for m in markers if isinstance(m, Format)), "line")
            if not self.safe_text(value, fmt, path, public):
                return INVALID
            if self.english and not value.startswith(TODO) and (han := HAN_RUN_RE.search(value)):
                self.problem(path, msg.EN_HAS_CHINESE.format(text=han[0][:20]))
                return INVALID
        return value

    def extras(self, collection: str, raw: Any, path: Path_) -> Any:
        """A record's values of the city's own fields, each of its declared type, as
        (id, value) pairs in the declarations' order."""
        if not isinstance(raw, dict):
            self.problem(path, msg.EXPECTED_MAPPING.format(got=describe(raw)))
            return INVALID
        if self.ctx.site is None:  # site.yml has problems of its own, reported there
            return ()
        declared = {f.id: f for f in self.ctx.site.extra_fields if f.collection == collection}
        values, ok = {}, True
        for key, value in raw.items():
            field_ = declared.get(key)
            if field_ is None:
                self.problem(path + (key,), msg.UNDECLARED_EXTRA.format(
                    key=key, collection=collection, declared="、".join(declared) or "无"),
                    at_key=True)
                ok = False
                continue
            if value is None:
                continue
            converted = self.value(EXTRA_VALUE_TYPES[field_.type], value, path + (key,))
            if converted is INVALID:
                ok = False
            elif field_.type == "number" and isinstance(value, int):
                values[key] = value  # 6 people, not 6.0
            else:
                values[key] = converted
        if not ok:
            return INVALID
        return tuple((id_, values[id_]) for id_ in declared if id_ in values)

    def unique(self, items: tuple, item_type: Any, path: Path_) -> Any:
        """Taxonomy ids, weekdays and references may not be listed twice."""
        _base, markers, _ = unwrap(item_type)
        if not any(isinstance(m, (Term, RecordRef, Choice)) for m in markers):
            return items
        seen = set()
        for i, item in enumerate(items):
            if item in seen:
                self.problem(path + (i,), msg.DUPLICATE_ITEM.format(value=item))
                return INVALID
            seen.add(item)
        return items

    # -- scalars ----------------------------------------------------------

    def scalar(self, base: type, markers: tuple, raw: Any, path: Path_) -> Any:
        if isinstance(raw, (dict, list)) and base is not Any:
            expected = {str: msg.EXPECTED_TEXT, int: msg.EXPECTED_INT, float: msg.EXPECTED_NUMBER,
                        bool: msg.EXPECTED_BOOL, dt.date: msg.EXPECTED_DATE}[base]
            self.problem(path, expected.format(got=describe(raw)))
            return INVALID
        if base is str:
            is_time = any(isinstance(m, Format) and m.name == "time" for m in markers)
            if is_time and isinstance(raw, int) and not isinstance(raw, bool):
                self.problem(path, _time_as_number(raw))
                return INVALID
            if not isinstance(raw, str):
                # 01012345678 or 2024 in a text field: keep what the editor typed
                raw = self.doc.mark(path).text or str(raw)
            text = raw.strip()
            if not text:
                self.problem(path, msg.EMPTY_TEXT)
                return INVALID
            return text
        if base is bool:
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.lower() in YAML11_BOOLS:
                self.problem(path, msg.YAML11_BOOL.format(value=raw))
            else:
                self.problem(path, msg.EXPECTED_BOOL.format(got=describe(raw)))
            return INVALID
        if base is int:
            if isinstance(raw, int) and not isinstance(raw, bool):
                return raw
            self.problem(path, msg.EXPECTED_INT.format(got=describe(raw)))
            return INVALID
        if base is float:
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                return float(raw)
            self.problem(path, msg.EXPECTED_NUMBER.format(got=describe(raw)))
            return INVALID
        if base is dt.date:
            if not isinstance(raw, str) or not DATE_RE.match(raw.strip()):
                self.problem(path, msg.EXPECTED_DATE.format(got=describe(raw)))
                return INVALID
            try:
                return dt.date.fromisoformat(raw.strip())
            except ValueError:
                self.problem(path, msg.INVALID_DATE.format(value=raw))
                return INVALID
        raise TypeError(f"schema type {base!r} at {path} has no converter")

    def refine(self, marker: Any, value: Any, path: Path_) -> Any:
        """Apply one Annotated marker: a format, a taxonomy, a reference, a choice, a range."""
        if isinstance(marker, Format):
            return self.formatted(marker.name, value, path)
        if isinstance(marker, Choice):
            if value in marker.values:
                return value
            allowed = ", ".join(marker.values)
            guess = _suggest(str(value).lower(), list(marker.values))
            self.problem(path, msg.NOT_A_CHOICE_GUESS.format(value=value, suggestion=guess,
                                                             allowed=allowed)
                         if guess else msg.NOT_A_CHOICE.format(value=value, allowed=allowed))
            return INVALID
        if isinstance(marker, Range):
            if marker.minimum is not None and value < marker.minimum:
                self.problem(path, msg.TOO_SMALL.format(value=value, minimum=marker.minimum))
                return INVALID
            if marker.maximum is not None and value > marker.maximum:
                self.problem(path, msg.TOO_LARGE.format(value=value, maximum=marker.maximum))
                return INVALID
            return value
        if isinstance(marker, Term):
            return self.term(marker.taxonomy, value, path)
        if isinstance(marker, RecordRef):
            self.ctx.refs.append((marker.collection, value, self.doc.issue(path, "")))
            return value
        raise TypeError(f"unknown schema marker {marker!r}")

    def term(self, taxonomy: str, value: str, path: Path_) -> Any:
        terms = self.ctx.taxonomies.get(taxonomy)
        if terms is None:  # the taxonomy itself failed to load; that is reported already
            return value
        if value in terms:
            return value
        by_name = {term.name: term.id for term in terms.values()}
        if value in by_name:
            self.problem(path, msg.TERM_BY_NAME.format(value=value, id=by_name[value]))
            return INVALID
        guess = _suggest(value, list(terms))
        self.problem(path, msg.UNKNOWN_TERM_GUESS.format(
            value=value, taxonomy=taxonomy, suggestion=guess) if guess else msg.UNKNOWN_TERM.format(
            value=value, taxonomy=taxonomy, allowed=", ".join(terms)))
        return INVALID

    def formatted(self, fmt: str, value: str, path: Path_) -> Any:
        if fmt == "slug":
            if value in RESERVED_IDS:
                self.problem(path, msg.RESERVED_ID.format(value=value))
            elif SLUG_RE.match(value):
                return value
            else:
                self.problem(path, msg.BAD_SLUG.format(value=value))
        elif fmt == "url":
            if _web_address(value) in ("http", "https"):
                return value
            self.problem(path, msg.BAD_URL.format(value=value))
        elif fmt in ("https", "licence"):
            scheme = _web_address(value)
            if scheme == "https":
                return value
            text = {("https", "http"): msg.BOOKING_NOT_HTTPS, ("https", None): msg.BAD_URL,
                    ("licence", "http"): msg.LICENCE_NOT_HTTPS,
                    ("licence", None): msg.LICENCE_NOT_URL}[fmt, scheme]
            self.problem(path, text.format(value=value))
        elif fmt == "phone":
            compact = re.sub(r"[\s()]", "", folded(value))
            if any(pattern.match(compact) for pattern in PHONE_RES):
                return compact
            self.problem(path, msg.BAD_PHONE.format(value=value))
        elif fmt == "email":
            if EMAIL_RE.match(value):
                return value
            self.problem(path, msg.BAD_EMAIL.format(value=value))
        elif fmt == "report":
            if _web_address(value) == "https" or EMAIL_RE.match(value):
                return value
            self.problem(path, msg.BAD_REPORT_TARGET.format(value=value))
        elif fmt == "time":
            match = TIME_RE.match(value)
            if match:
                return value if value == "24:00" else f"{int(match[1]):02d}:{match[2]}"
            self.problem(path, msg.BAD_TIME.format(value=value))
        elif fmt == "env":
            if ENV_NAME_RE.match(value):
                return value
            self.problem(path, msg.BAD_ENV_NAME.format(value=value))
        elif fmt == "media":
            problem = media.path_problem(self.ctx.root / "media", value)
            if problem is None:
                return value
            self.problem(path, problem)
        elif fmt in footer.FORMATS:
            problem = footer.format_problem(fmt, value)
            if problem is None:
                return value
            self.problem(path, problem)
        else:
            return value
        return INVALID

    def safe_text(self, text: str, fmt: str, path: Path_, public: bool) -> bool:
        """Text as the editor means it: no invisible characters, one line where one is
        asked for, no HTML, no unsafe link, no personal numbers and no private e-mail
        address in published text. A placeholder left from ``showcase new`` is
        unfinished."""
        ok = True
        invisible = INVISIBLE_RE.search(text)
        if invisible:
            self.problem(path, msg.INVISIBLE_CHARACTER.format(
                code=f"U+{ord(invisible[0]):04X}", position=invisible.start() + 1))
            ok = False
        if fmt == "line" and "\n" in text:
            self.problem(path, msg.NOT_ONE_LINE.format(lines=text.count("\n") + 1))
            ok = False
        if text.startswith(TODO):
            self.unfinished(path, text)
        if fmt == "markdown":
            ok = self.markdown_bounds(text, path) and ok
        plain = folded(text)
        if not SUSPECT_RE.search(plain):  # most text has no tag, link, address or number
            return ok
        for start in TAG_START_RE.finditer(text):
            if AUTOLINK_RE.match(text, start.start()):  # Markdown's <https://…>: no tag
                continue
            closed = HTML_TAG_RE.match(text, start.start())
            tag = closed[0] if closed else text[start.start():].split(None, 1)[0][:30]
            self.problem(path, msg.HTML_IN_TEXT.format(tag=tag))
            ok = False
            break
        if fmt == "markdown":
            for match in LINK_TARGET_RE.finditer(text):
                target = match[1] or match[2] or ""
                scheme = SCHEME_RE.match(target)
                if scheme and scheme[1].lower() not in SAFE_SCHEMES:
                    self.problem(path, msg.BAD_LINK_SCHEME.format(value=scheme[0]))
                    ok = False
        elif fmt not in ("url", "https") and SCHEME_RE.match(text) and \
                SCHEME_RE.match(text)[1].lower() in ("javascript", "data", "vbscript"):
            self.problem(path, msg.BAD_LINK_SCHEME.format(value=text))
            ok = False
        if not public and fmt not in ADDRESS_FORMATS:
            for match in FREE_EMAIL_RE.finditer(plain):
                self.problem(path, msg.EMAIL_IN_TEXT.format(value=text[match.start():match.end()]))
                ok = False
        for match in ID_CARD_RE.finditer(plain):
            if is_id_card_number(match[0]):
                self.problem(path, msg.ID_CARD_NUMBER.format(value=text[match.start():match.end()]))
                ok = False
        if not public:
            for match in MOBILE_RE.finditer(plain):
                self.problem(path, msg.PRIVATE_MOBILE.format(value=text[match.start():match.end()]))
                ok = False
        return ok

    def markdown_bounds(self, text: str, path: Path_) -> bool:
        """Markdown the renderer converts in bounded time and depth: Python-Markdown looks
        for the end of a link from every ``[`` (8,000 of them took 9 s) and nests a list
        or quote by recursion (400 levels raised RecursionError)."""
        problems = []
        if len(text) > MARKDOWN_MAX_CHARS:
            problems.append(msg.MARKDOWN_TOO_LONG.format(
                length=len(text), limit=MARKDOWN_MAX_CHARS))
        brackets = text.count("[")
        if brackets > MARKDOWN_MAX_BRACKETS:
            problems.append(msg.MARKDOWN_BRACKETS.format(
                count=brackets, limit=MARKDOWN_MAX_BRACKETS))
        deepest = max((len(m[1].expandtabs(4)) // 4 + len(NEST_MARKER_RE.findall(m[2]))
                       for m in NESTING_RE.finditer(text)), default=0)
        if deepest > MARKDOWN_MAX_DEPTH:
            problems.append(msg.MARKDOWN_TOO_DEEP.format(limit=MARKDOWN_MAX_DEPTH))
        for problem in problems:
            self.problem(path, problem)
        return not problems

    def unfinished(self, path: Path_, text: str) -> None:
        """A value still as ``showcase new`` wrote it: an error in CI, where the site is
        published, and a reminder on an editor's machine, where the record is being written."""
        issue = self.doc.issue(path, msg.UNFINISHED.format(value=text[:40]))
        if self.ctx.ci:
            self.ctx.issues.append(issue)
        else:
            self.ctx.warnings.append(issue.as_reminder())


# ---------------------------------------------------------------------------
# Rules about one record
# ---------------------------------------------------------------------------


def _english_suffix(key: str, cls: type) -> str | None:
    """The field an editor meant to give its English with a key like ``name_en``."""
    for spec in field_specs(cls):
        if spec.name not in EDITION_FIELDS:
            continue
        english = {f.name for f in field_specs(unwrap(spec.type)[0])}
        for mark in (f"_{spec.name}", f"-{spec.name}", f".{spec.name}"):
            if key.lower().endswith(mark) and key[:-len(mark)] in english:
                return key[:-len(mark)]
    return None


def _translation_problems(obj: Any) -> Iterator[tuple[Path_, str]]:
    """An English text translates a Chinese one the record has, a list item for item:
    the two editions say the same."""
    for edition in EDITION_FIELDS:
        block = getattr(obj, edition, None)
        if not isinstance(block, English):
            continue
        for name, source in translations(type(block)):
            english = getattr(block, name)
            if english in (None, ()):
                continue
            chinese = translated_text(obj, source)
            where = f"{edition}.{name}"
            if chinese in (None, ()):
                yield (edition, name), msg.EN_WITHOUT_CHINESE.format(field=where, source=source)
            elif isinstance(english, tuple) and len(english) != len(chinese):
                yield (edition, name), msg.EN_ITEM_COUNT.format(
                    field=where, count=len(english), source=source, expected=len(chinese))


def translated_text(obj: Any, source: str) -> Any:
    """The value at a dotted path of *obj* (None where a part of it is absent)."""
    for part in source.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj

Problems = Iterator[tuple[Path_, str]]


class Reminder(str):
    """A rule's finding that is a reminder (a warning): the site is built all the same."""

_CHECKS: dict[type, list[Callable[[Any, Context], Problems]]] = defaultdict(list)


def _web_address(value: str) -> str | None:
    """"http" or "https" when *value* is a whole web address (scheme, host, no space)."""
    parts = urllib.parse.urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not re.search(r"\s", value):
        return parts.scheme
    return None


def check(cls: type) -> Callable:
    """Register a rule that runs on every converted object of *cls*."""
    def register(function: Callable[[Any, Context], Problems]) -> Callable:
        _CHECKS[cls].append(function)
        return function
    return register


@check(OpeningHours)
def _check_hours(hours: OpeningHours, ctx: Context) -> Problems:
    if minutes(hours.close) <= minutes(hours.open):
        yield ("close",), msg.CLOSE_BEFORE_OPEN.format(open=hours.open, close=hours.close)


@check(MapTiles)
def _check_tiles_key(tiles: MapTiles, ctx: Context) -> Problems:
    if tiles.provider == "tianditu" and not os.environ.get(tiles.key_env):
        yield ("provider",), msg.TILE_KEY_MISSING.format(env=tiles.key_env)


@check(MapTiles)
def _check_tiles_approval(tiles: MapTiles, ctx: Context) -> Problems:
    """A map published in mainland China shows its approval number (审图号): the tile
    service's, for AMap and Tianditu (a city that writes no map: block is not reminded)."""
    name = APPROVED_PROVIDERS.get(tiles.provider)
    if name and not tiles.approval_number:
        yield ("provider",), Reminder(msg.TILES_APPROVAL_MISSING.format(provider=name))
    if tiles.provider == "osm":  # the about page says the site depends on nothing abroad
        yield ("provider",), Reminder(msg.TILES_ABROAD)


TILES_FILE_MAX_MB = 100  # GitHub refuses a larger file in a repository


@check(MapTiles)
def _check_tiles_file(tiles: MapTiles, ctx: Context) -> Problems:
    """The site's own tiles: a PMTiles v3 file of vector tiles, inside the data folder."""
    if tiles.provider != "pmtiles":
        if tiles.pmtiles:
            yield ("pmtiles",), Reminder(msg.TILES_FILE_UNUSED)
        return
    value = tiles.pmtiles
    if not value:
        yield ("provider",), msg.TILES_FILE_NEEDED
        return
    if media.escape(ctx.root, value):
        yield ("pmtiles",), msg.TILES_FILE_OUTSIDE.format(value=value)
        return
    target = ctx.root / value
    if not target.is_file():
        yield ("pmtiles",), msg.TILES_FILE_MISSING.format(value=value)
        return
    size_mb = target.stat().st_size / 2**20
    if size_mb > TILES_FILE_MAX_MB:
        yield ("pmtiles",), msg.TILES_FILE_TOO_LARGE.format(
            value=value, size=round(size_mb), limit=TILES_FILE_MAX_MB)
    header = pmtiles_header(target)
    if header is None:
        yield ("pmtiles",), msg.TILES_NOT_PMTILES.format(value=value)
    elif header.version != 3:
        yield ("pmtiles",), msg.TILES_PMTILES_VERSION.format(value=value, version=header.version)
    elif header.tile_type != 1:
        yield ("pmtiles",), msg.TILES_NOT_VECTOR.format(
            value=value, kind=PMTILES_TILE_TYPES.get(header.tile_type, PMTILES_TILE_TYPES[0]))


@check(SiteConfig)
def _check_tiles_cover_the_region(site: SiteConfig, ctx: Context) -> Problems:
    tiles = site.map.tiles
    if tiles.provider != "pmtiles" or not tiles.pmtiles:
        return
    target = ctx.root / tiles.pmtiles
    header = None if media.escape(ctx.root, tiles.pmtiles) or not target.is_file() \
        else pmtiles_header(target)
    if header is None or header.version != 3 or not any(header.bounds):
        return  # refused by the rule above, or a file that does not say its bounds
    west, south, east, north = header.bounds
    centre = site.region.centre
    if not (west <= centre.lng <= east and south <= centre.lat <= north):
        yield ("map", "tiles", "pmtiles"), Reminder(msg.TILES_ELSEWHERE.format(
            value=tiles.pmtiles, west=west, east=east, south=south, north=north,
            lat=centre.lat, lng=centre.lng))


@check(GroupSize)
def _check_group_size(size: GroupSize, ctx: Context) -> Problems:
    if size.max is not None and size.min > size.max:
        yield ("max",), msg.GROUP_SIZE_ORDER.format(min=size.min, max=size.max)


@check(Event)
def _check_event_place(event: Event, ctx: Context) -> Problems:
    if event.point and event.venue:  # the page names the point; the venue would be lost
        yield ("venue",), msg.EVENT_POINT_AND_VENUE


WORD_MAX = 12  # the programme's words stand in titles, buttons and table headings


@check(Programme)
def _check_programme_words(programme: Programme, ctx: Context) -> Problems:
    yield from _word_problems(programme, ("short_title", "award", "delisting"))


@check(Levels)
def _check_level_words(levels: Levels, ctx: Context) -> Problems:
    yield from _word_problems(levels, ("district", "street"))


WORD_MAX_EN = 30  # letters: "social organisation service centre" is a title, not a word


@check(ProgrammeEnglish)
def _check_programme_words_en(programme: ProgrammeEnglish, ctx: Context) -> Problems:
    yield from _word_problems(programme, ("short_title", "award", "delisting"), WORD_MAX_EN)


@check(LevelsEnglish)
def _check_level_words_en(levels: LevelsEnglish, ctx: Context) -> Problems:
    yield from _word_problems(levels, ("district", "street"), WORD_MAX_EN)


def _word_problems(words: Any, names: tuple[str, ...], limit: int = WORD_MAX) -> Problems:
    """A word the vocabulary puts in every page: short, and no brace (it would read as a
    token or a placeholder)."""
    for name in names:
        word = getattr(words, name)
        if word is None:  # an English word not written: the Chinese is shown
            continue
        if len(word) > limit:
            message = msg.WORD_TOO_LONG if limit == WORD_MAX else msg.EN_WORD_TOO_LONG
            yield (name,), message.format(value=word, count=len(word), limit=limit)
        if has_braces(word):
            yield (name,), msg.WORD_BRACES.format(value=word)


@check(Footer)
def _check_footer(footer_: Footer, ctx: Context) -> Problems:
    if footer_.report_errors_link and footer_.site_code is None:
        yield ("report_errors_link",), msg.REPORT_LINK_WITHOUT_CODE


def _check_synonyms(term: TaxonomyTerm, ctx: Context) -> Problems:
    """A term's synonyms are short single words other than its name, each once.

    A rule here, not a format: the term stays valid, so the records that use it are not
    told it is missing."""
    for i, message in word_problems(term.synonyms, lambda j: f"synonyms[{j}]", term.name):
        yield ("synonyms", i), message


def word_problems(words: tuple[str, ...], place: Callable[[int], str],
                  name: str | None = None) -> Iterator[tuple[int, str]]:
    """(index, message) of each word of a list of search words (a term's synonyms, a group
    of the thesaurus) that is not one short word, is *name*, or is written twice: two
    spellings that differ only in case or width (IC, ｉｃ) are one word to the search.
    *place* names an earlier word by its index, as the path reads (``synonyms[0]``)."""
    own = None if name is None else _search_word(name)
    first: dict[str, int] = {}
    for i, synonym in enumerate(words):
        word = _search_word(synonym)
        several = SYNONYM_SEPARATOR_RE.search(synonym)
        if "\n" in synonym:
            yield i, msg.NOT_ONE_LINE.format(lines=synonym.count("\n") + 1)
        elif several:
            yield i, msg.SYNONYM_SEVERAL.format(value=synonym, mark=several[0])
        elif len(synonym) > SYNONYM_MAX:
            yield i, msg.SYNONYM_TOO_LONG.format(value=synonym, count=len(synonym), limit=SYNONYM_MAX)
        elif word == own:
            yield i, msg.SYNONYM_IS_NAME.format(value=synonym)
        elif word in first:
            yield i, msg.SYNONYM_TWICE.format(value=synonym, first=place(first[word]))
        else:
            first[word] = i


for _term_class in dict.fromkeys(TAXONOMIES.values()):
    check(_term_class)(_check_synonyms)


def _search_word(text: str) -> str:
    """*text* folded for comparing words: IC, ic and ｉｃ are one word."""
    return folded(text).casefold()


@check(BoundingBox)
def _check_bbox(box: BoundingBox, ctx: Context) -> Problems:
    if box.south > box.north or box.west > box.east:
        yield (), msg.BBOX_ORDER


@check(SiteConfig)
def _check_extra_fields(site: SiteConfig, ctx: Context) -> Problems:
    first: dict[str, int] = {}
    for i, field_ in enumerate(site.extra_fields):
        if field_.id in first:
            yield ("extra_fields", i, "id"), msg.EXTRA_ID_TWICE.format(
                id=field_.id, first=first[field_.id])
        first.setdefault(field_.id, i)


TARGET_KINDS = ("points", "count", "coverage", "share")


@check(Target)
def _check_target(target: Target, ctx: Context) -> Problems:
    kinds = [kind for kind in TARGET_KINDS if getattr(target, kind) is not None]
    if not kinds:
        yield (), msg.TARGET_NO_KIND
    elif len(kinds) > 1:
        yield (kinds[1],), msg.TARGET_TWO_KINDS.format(first=kinds[0], second=kinds[1])
    elif kinds[0] == "count" and target.of in (None, "rated"):
        yield ("of",) if target.of else ("count",), msg.TARGET_COUNT_OF
    elif kinds[0] == "share" and target.of != "rated":
        yield ("of",) if target.of else ("share",), msg.TARGET_SHARE_OF
    elif kinds[0] in ("points", "coverage") and target.of is not None:
        yield ("of",), msg.TARGET_OF_UNUSED.format(kind=kinds[0])


@check(SiteConfig)
def _check_targets(site: SiteConfig, ctx: Context) -> Problems:
    seen: set[tuple] = set()
    for i, target in enumerate(site.targets):
        key = (target.year, *(getattr(target, kind) is not None for kind in TARGET_KINDS),
               target.of, target.coverage)
        if key in seen:
            yield ("targets", i, "year"), msg.TARGET_YEAR_TWICE.format(year=target.year)
        seen.add(key)


SHARE_IMAGE_MIN = (600, 315)  # smaller, and apps show a thumbnail or no picture at all
SHARE_IMAGE_MAX_KB = 1024  # apps give up fetching a large image


@check(SiteConfig)
def _check_share_image(site: SiteConfig, ctx: Context) -> Problems:
    if site.share_image is None:
        return
    facts = image_facts(ctx.root / "media" / site.share_image)
    at, value = ("share_image",), site.share_image
    if not facts.format:
        yield at, msg.SHARE_IMAGE_BROKEN.format(value=value)
    elif facts.mime is None:
        yield at, msg.SHARE_IMAGE_FORMAT.format(value=value, found=facts.format)
    elif facts.width < SHARE_IMAGE_MIN[0] or facts.height < SHARE_IMAGE_MIN[1]:
        yield at, msg.SHARE_IMAGE_SMALL.format(value=value, width=facts.width,
                                               height=facts.height, min_width=SHARE_IMAGE_MIN[0],
                                               min_height=SHARE_IMAGE_MIN[1])
    if facts.bytes > SHARE_IMAGE_MAX_KB * 1024:
        yield at, msg.SHARE_IMAGE_HEAVY.format(value=value, kb=-(-facts.bytes // 1024),
                                               max_kb=SHARE_IMAGE_MAX_KB)


PHOTO_FORMATS = ("JPEG", "PNG")  # what every phone browser, WeChat and feed reader shows
# Photos load on phones, often on mobile data (the page itself stays under 150 KB): a
# 2000-px JPEG at quality 80, sharp on any phone screen, is 300-600 KB; a phone's own
# 12-megapixel file is 3-5 MB. The share image's limit, so editors learn one number.
PHOTO_MAX_KB = 1024


@check(Photo)
def _check_photo(photo: Photo, ctx: Context) -> Problems:
    facts = image_facts(ctx.root / "media" / photo.file)
    at, value = ("file",), photo.file
    if facts.format == "" and facts.heif:
        yield at, msg.PHOTO_FORMAT.format(value=value, found="HEIC")
    elif facts.format == "":
        yield at, msg.PHOTO_BROKEN.format(value=value)
    elif facts.format not in PHOTO_FORMATS:
        yield at, msg.PHOTO_FORMAT.format(value=value, found=facts.format)
    if facts.bytes > PHOTO_MAX_KB * 1024:
        yield at, msg.PHOTO_HEAVY.format(value=value, kb=-(-facts.bytes // 1024),
                                         max_kb=PHOTO_MAX_KB)


def _check_street(location: PointLocation | ProjectLocation, ctx: Context) -> Problems:
    district = ctx.taxonomies.get("districts", {}).get(location.district)
    if district is not None and district.streets and location.street not in district.streets:
        yield ("street",), msg.UNKNOWN_STREET.format(
            value=location.street, district=district.name, allowed="、".join(district.streets))


check(PointLocation)(_check_street)
check(ProjectLocation)(_check_street)


@check(PointLocation)
def _check_coordinates(location: PointLocation, ctx: Context) -> Problems:
    coords = location.coordinates
    if coords is None or ctx.site is None:
        return
    region = ctx.site.region
    values = dict(lat=coords.lat, lng=coords.lng)
    # the boxes are WGS-84; a GCJ-02 or BD-09 position is hundreds of metres off them
    wgs84 = to_wgs84(coords.system, coords.lat, coords.lng)
    if not region.bbox.contains(*wgs84):
        swapped = region.bbox.contains(coords.lng, coords.lat)
        text = msg.LAT_LNG_SWAPPED if swapped else msg.OUTSIDE_REGION
        yield ("coordinates",), text.format(region=region.name, **values)
        return
    district = ctx.taxonomies.get("districts", {}).get(location.district)
    if district is not None and district.bbox and not district.bbox.contains(*wgs84):
        yield ("coordinates",), msg.OUTSIDE_DISTRICT.format(district=district.name, **values)


@check(ShowcasePoint)
def _check_point(point: ShowcasePoint, ctx: Context) -> Problems:
    if point.status == "delisted" and point.delisted is None:
        yield ("status",), msg.DELISTED_WITHOUT_DETAILS
    if point.status != "delisted" and point.delisted is not None:
        yield ("delisted",), msg.DETAILS_WITHOUT_DELISTED
    if point.delisted is not None and point.delisted.date.year < point.award.year:
        yield ("delisted", "date"), msg.DELISTED_BEFORE_AWARD.format(
            date=point.delisted.date, year=point.award.year)
    if point.field in point.other_fields:
        yield ("other_fields", point.other_fields.index(point.field)), \
            msg.OTHER_FIELD_IS_PRIMARY.format(value=point.field)
    booking = point.visit.booking if point.visit else None
    mode = ctx.site.programme.booking if ctx.site else "required"
    if mode == "none" and booking is not None:
        yield ("visit", "booking"), msg.BOOKING_IN_WALK_IN
    elif mode == "required" and point.status == "awarded":
        if booking is None or not any((booking.phone, booking.url, booking.email, booking.wechat)):
            yield ("visit", "booking"), msg.NO_BOOKING_CHANNEL


@check(Visit)
def _check_overlaps(visit: Visit, ctx: Context) -> Problems:
    hours = visit.hours
    names = dict(WEEKDAYS.options)
    for day in WEEKDAYS.values:
        ranges = sorted((minutes(h.open), minutes(h.close), i, h)
                        for i, h in enumerate(hours) if day in h.days)
        for (_, end, _, first), (start, _, index, second) in zip(ranges, ranges[1:]):
            if start < end:
                yield ("hours", index), msg.OVERLAPPING_HOURS.format(
                    day=names[day], first=f"{first.open}–{first.close}",
                    second=f"{second.open}–{second.close}")
                return


def _check_dates_in_year(item: ProgrammeStep | Event, year: int) -> Problems:
    if item.date.year != year:
        yield ("date",), msg.DATE_OUTSIDE_YEAR.format(date=item.date, year=year,
                                                      date_year=item.date.year)
    if item.end is not None and item.end < item.date:
        yield ("end",), msg.END_BEFORE_START.format(end=item.end, start=item.date)


@check(AnnualProgramme)
def _check_year(programme: AnnualProgramme, ctx: Context) -> Problems:
    for name, items in (("programme", programme.programme), ("events", programme.events)):
        for i, item in enumerate(items):
            for subpath, message in _check_dates_in_year(item, programme.year):
                yield (name, i) + subpath, message


# ---------------------------------------------------------------------------
# The whole data folder
# ---------------------------------------------------------------------------


@dataclass
class Validated:
    """Every record of the data folder, converted; nothing here has a problem."""

    site: SiteConfig
    taxonomies: dict[str, dict[str, Any]]
    collections: dict[str, list[Any]]
    warnings: list[Issue]
    holidays: tuple[Holiday, ...] = ()
    new_permalinks: list[str] = field(default_factory=list)  # for the lock, once built
    thesaurus: tuple[tuple[str, ...], ...] = ()  # groups of words that mean the same


def _load_taxonomy(name: str, cls: type, ctx: Context, docs_root: Path) -> None:
    path = ctx.root / "taxonomies" / f"{name}.yml"
    if not path.is_file():
        ctx.issues.append(Issue(display_path(path, docs_root), 1, 1, "",
                                msg.MISSING_TAXONOMY.format(name=name)))
        return
    doc, issues = load_file(path, docs_root, within=ctx.root)
    ctx.issues.extend(issues)
    if issues:
        return
    converter = Converter(doc, ctx)
    if not isinstance(doc.data, list):
        converter.problem((), msg.EXPECTED_LIST.format(got=describe(doc.data)))
        return
    terms: dict[str, Any] = {}
    places: dict[str, int] = {}  # each term's index in the file
    for i, raw in enumerate(doc.data):
        term = converter.record(cls, raw, (i,))
        if term is INVALID:
            continue
        if term.id in terms:
            converter.problem((i, "id"), msg.DUPLICATE_TERM.format(value=term.id))
            continue
        terms[term.id], places[term.id] = term, i
    _check_synonyms_across(terms, places, converter)
    ctx.taxonomies[name] = terms


def _check_synonyms_across(terms: dict[str, Any], places: dict[str, int],
                           converter: Converter) -> None:
    """A synonym of one term may not be another term's name: a visitor who types that
    name is after the other term."""
    names = {_search_word(term.name): term.id for term in terms.values()}
    for term in terms.values():
        for j, synonym in enumerate(term.synonyms):
            other = names.get(_search_word(synonym))
            if other is not None and other != term.id:
                converter.problem((places[term.id], "synonyms", j), msg.SYNONYM_IS_OTHER_NAME.format(
                    value=synonym, other=other))


def record_files(data_dir: Path) -> list[tuple[str, Path]]:
    """(collection, file) of every record file of the data folder, in reading order."""
    return [(name, path) for name in COLLECTIONS if (data_dir / name).is_dir()
            for path in sorted((data_dir / name).glob("*.y*ml"))]


def _load_holidays(ctx: Context, docs_root: Path) -> tuple[Holiday, ...]:
    """The public holidays in ``data/holidays.yml``; a city without the file has none."""
    path = ctx.root / "holidays.yml"
    if not path.is_file():
        return ()
    doc, issues = load_file(path, docs_root, within=ctx.root)
    ctx.issues.extend(issues)
    if issues:
        return ()
    converter = Converter(doc, ctx)
    if not isinstance(doc.data, list):
        converter.problem((), msg.EXPECTED_LIST.format(got=describe(doc.data)))
        return ()
    holidays = []
    for i, raw in enumerate(doc.data):
        holiday = converter.record(Holiday, raw, (i,))
        if holiday is INVALID:
            continue
        if holiday.end < holiday.start:
            converter.problem((i, "end"), msg.HOLIDAY_END_BEFORE_START.format(
                end=holiday.end, start=holiday.start))
            continue
        holidays.append(holiday)
    return tuple(sorted(holidays, key=lambda h: h.start))


def _load_thesaurus(ctx: Context, docs_root: Path) -> tuple[tuple[str, ...], ...]:
    """The city's groups of words that mean the same (``data/taxonomies/synonyms.yml``);
    a city without the file, or with only its comments, has none.

    Each word follows a term synonym's rules (``word_problems``); a group has two words
    at least, and a word belongs to one group only: in two, the search could not tell
    which group a visitor means, and the two were likely one."""
    path = ctx.root / "taxonomies" / THESAURUS_FILE
    if not path.is_file():
        return ()
    doc, issues = load_file(path, docs_root, within=ctx.root)
    ctx.issues.extend(issues)
    if issues or doc.data is None:
        return ()
    converter = Converter(doc, ctx)
    if not isinstance(doc.data, list):
        converter.problem((), msg.EXPECTED_LIST.format(got=describe(doc.data)))
        return ()
    groups: list[tuple[str, ...]] = []
    owners: dict[str, tuple[int, int]] = {}  # each word's group and place in it
    for g, raw in enumerate(doc.data):
        group = converter.value(SynonymGroup, raw, (g,))
        if group is INVALID:
            continue
        problems = list(word_problems(group, lambda j, g=g: f"[{g}][{j}]"))
        for j, message in problems:
            converter.problem((g, j), message)
        if problems:
            continue
        if len(group) < THESAURUS_GROUP.minimum:
            converter.problem((g,), msg.THESAURUS_GROUP_SMALL.format(count=len(group)))
            continue
        for j, word in enumerate(group):
            other = owners.setdefault(_search_word(word), (g, j))
            if other[0] != g:
                where = doc.issue(other, "")
                converter.problem((g, j), msg.THESAURUS_IN_TWO_GROUPS.format(
                    value=word, group=other[0], place=f"{where.file}:{where.line}:{where.col}"))
        groups.append(group)
    return tuple(groups)  # used only if no file had a problem


def validate(data_dir: Path, base_dir: Path | None = None, *,
             ci: bool | None = None) -> tuple[Validated | None, list[Issue]]:
    """Load and check the whole data folder; return the records, or every problem.

    File names in messages are relative to *base_dir* (the project folder). *ci* (by
    default: whether CI=true) makes a permalink missing from the lock file and a
    placeholder left in a record errors: there, the site is published.
    """
    data_dir = data_dir.resolve()
    base = (base_dir or data_dir.parent).resolve()
    ctx = Context(root=data_dir, ci=permalinks.frozen_by_default() if ci is None else ci)

    site_path = data_dir / "site.yml"
    if site_path.is_file():
        doc, issues = load_file(site_path, base, within=data_dir)
        ctx.issues.extend(issues)
        if not issues:
            site = Converter(doc, ctx).record(SiteConfig, doc.data)
            ctx.site = None if site is INVALID else site
    else:
        ctx.issues.append(Issue(display_path(site_path, base), 1, 1, "", msg.MISSING_SITE))

    for name, cls in TAXONOMIES.items():
        _load_taxonomy(name, cls, ctx, base)
    holidays = _load_holidays(ctx, base)
    thesaurus = _load_thesaurus(ctx, base)

    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    ids: dict[str, dict[str, str]] = {name: {} for name in COLLECTIONS}
    addresses: dict[str, Issue] = {}  # where each point's address stands, for _check_same_venue
    aliases: dict[str, list[Issue]] = {}  # where each point's aliases stand, for _check_aliases
    answered: set[str] = set()  # the permalinks of every point file, valid or not
    for read in _read_all(record_files(data_dir), ctx, base):  # in the files' order
        name, cls = read.collection, COLLECTIONS[read.collection]
        ctx.issues.extend(read.load_issues)
        if read.syntax_error:  # nothing more to check,
            ids[name].setdefault(read.stem, read.file)  # but others may refer to it
            continue
        if read.bad_name is not None:
            ctx.issues.append(read.bad_name)
            continue
        ctx.issues.extend(read.key_issues)
        key = read.key
        if key is not None and key in ids[name]:
            ctx.issues.append(dc.replace(read.key_place, message=msg.DUPLICATE_ID.format(
                value=key, other=ids[name][key])))
            continue  # what its conversion found is left out, as the record is
        if key is not None:  # known even if the record has problems: no false "unknown id"
            ids[name][key] = read.file
        answered.update(permalinks.permalink(str(a)) for a in read.aliases)
        ctx.issues.extend(read.issues)
        ctx.warnings.extend(read.warnings)
        ctx.refs.extend(read.refs)
        if read.item is None:
            continue
        item = read.item
        collections[name].append(item)
        if cls is ShowcasePoint:
            addresses[item.id], aliases[item.id] = read.places

    for collection, value, place in ctx.refs:
        if value not in ids.get(collection, {}):
            guess = _suggest(value, list(ids.get(collection, {})))
            ctx.issues.append(dc.replace(place, message=msg.UNKNOWN_RECORD_GUESS.format(
                collection=collection, value=value, suggestion=guess) if guess else
                msg.UNKNOWN_RECORD.format(collection=collection, value=value)))

    _check_same_venue(collections["points"], addresses, ctx)
    _check_aliases(collections["points"], ids["points"], aliases, ctx)
    lock_path = data_dir / permalinks.LOCK_NAME
    lock, lock_issues = permalinks.read_lock(lock_path, display_path(lock_path, base), data_dir)
    answered.update(permalinks.permalink(id_) for id_ in ids["points"])
    link_issues, new_permalinks = permalinks.check(
        lock, answered, frozen=ctx.ci)
    ctx.issues.extend(lock_issues + link_issues)

    # messages name the site's words, once it has them
    words = DEFAULT if ctx.site is None else Vocabulary.of(ctx.site)
    if ctx.issues or ctx.site is None:
        return None, sorted({dc.replace(issue, message=words.resolve(issue.message))
                             for issue in ctx.issues})
    warnings = [dc.replace(w, message=words.resolve(w.message)) for w in ctx.warnings]
    return Validated(ctx.site, ctx.taxonomies, collections, sorted(warnings),
                     holidays, new_permalinks, thesaurus), []


PARALLEL_FILES = 64  # fewer files are read on one core: a fork costs more than it saves


@dataclass
class _Read:
    """One record file, read and converted on its own; ``validate`` then checks it
    against the others (ids taken twice, references), in the files' order."""

    collection: str
    file: str
    stem: str
    load_issues: list[Issue]
    syntax_error: bool = False
    bad_name: Issue | None = None
    key: str | None = None
    key_place: Issue | None = None
    key_issues: list[Issue] = field(default_factory=list)  # a key unlike the file's name
    aliases: list[str] = field(default_factory=list)  # a point's former ids, as written
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    refs: list[tuple[str, str, Issue]] = field(default_factory=list)
    item: Any = None
    places: tuple[Issue, list[Issue]] | None = None  # a point's address and aliases


def _read_all(files: list[tuple[str, Path]], ctx: Context, base: Path) -> list[_Read]:
    """Every record file read and converted, on two cores, in the given order.

    Converting is most of validation's time, and each file's conversion needs only the
    taxonomies and the site (read before). The files are weighed by size: one year's file
    can hold as much as a hundred points.
    """
    return split_map(lambda job: _read(*job, ctx, base), files, min_jobs=PARALLEL_FILES,
                     weight=lambda job: job[1].stat().st_size)


def _read(name: str, path: Path, ctx: Context, base: Path) -> _Read:
    cls = COLLECTIONS[name]
    doc, issues = load_file(path, base, within=ctx.root)
    read = _Read(name, doc.file, path.stem, issues)
    if issues and doc.data is None:  # a syntax error
        read.syntax_error = True
        return read
    if not SLUG_RE.match(path.stem) or path.suffix != ".yml":
        read.bad_name = doc.issue((), msg.BAD_FILE_NAME.format(name=path.name))
        return read
    key_field = "year" if cls is AnnualProgramme else "id"
    raw_key = doc.data.get(key_field) if isinstance(doc.data, dict) else None
    read.key = None if raw_key is None else str(raw_key)
    if read.key is not None:
        read.key_place = doc.issue((key_field,), "")
    # a key that is no year or id at all gets its own message from the conversion: the
    # file is not to be renamed after it
    well_formed = isinstance(raw_key, int) if cls is AnnualProgramme else \
        read.key is not None and SLUG_RE.match(read.key) is not None
    if well_formed and read.key != path.stem:
        text = (msg.YEAR_NOT_FILE_NAME.format(value=read.key, stem=path.stem)
                if cls is AnnualProgramme else
                msg.ID_NOT_FILE_NAME.format(value=read.key, stem=path.stem))
        read.key_issues.append(dc.replace(read.key_place, message=text))
    if cls is ShowcasePoint:  # its former ids: no false "permalink gone", even if invalid
        raw_aliases = doc.data.get("aliases") if isinstance(doc.data, dict) else None
        if isinstance(raw_aliases, list):
            read.aliases = [str(a) for a in raw_aliases]
    own = dc.replace(ctx, issues=read.issues, warnings=read.warnings, refs=read.refs)
    item = Converter(doc, own).record(cls, doc.data)
    if item is INVALID:
        return read
    read.item = dc.replace(item, source_file=doc.file)
    if cls is ShowcasePoint:
        read.places = (doc.issue(("location", "address"), ""),
                       [doc.issue(("aliases", i), "") for i in range(len(item.aliases))])
        if item.location.coordinates is None and item.status == "awarded":
            read.warnings.append(doc.issue(("location",), msg.NO_COORDINATES).as_reminder())
    return read


def _check_same_venue(points: list[ShowcasePoint], addresses: dict[str, Issue],
                      ctx: Context) -> None:
    seen: dict[str, ShowcasePoint] = {}
    for point in points:
        key = re.sub(r"[\s,,。.]", "", point.location.address)
        other = seen.setdefault(key, point)
        if other is not point:
            ctx.issues.append(dc.replace(addresses[point.id],
                                         message=msg.SAME_VENUE.format(other=other.source_file)))


def _check_aliases(points: list[ShowcasePoint], ids: dict[str, str],
                   places: dict[str, list[Issue]], ctx: Context) -> None:
    """A former id leads to one point only, and never to another point's current id."""
    owners: dict[str, str] = {}
    for point in points:
        for alias, place in zip(point.aliases, places[point.id]):
            if alias == point.id:
                text = msg.ALIAS_IS_OWN_ID.format(value=alias)
            elif alias in ids:
                text = msg.ALIAS_IS_ID.format(value=alias, other=ids[alias])
            elif alias in owners:
                text = msg.ALIAS_TAKEN.format(value=alias, other=owners[alias])
            else:
                owners[alias] = point.source_file
                continue
            ctx.issues.append(dc.replace(place, message=text))
