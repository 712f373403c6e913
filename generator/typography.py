"""Chinese typography: the copywriting lint of every free text of the data, and its fix.

``showcase check`` reads each record file again, walks its values with the schema (as
``validate`` does) and hands every free text (the ``Line`` and ``Markdown`` fields, and
a city's own text fields) to AutoCorrect (autocorrect-py), the CJK copywriting linter,
plus rules of our own for what it leaves alone for code's sake but Chinese prose needs:
a half-width ``;`` or ``:`` after a Chinese character (or a full-width bracket, or bold),
half-width ``()`` around or after Chinese words, ``""`` around them, a ``,`` after ``）``.
What an editor writes on purpose stays as written: filing numbers
(``粤ICP备12345678号-1``, ``粤公网安备44030402000001号``, ``GS(2024)0001号``), web and
e-mail addresses, phone numbers, times, dates, ``VR+公益``, and in Markdown its links and
code. Names and addresses get punctuation but no added space; ids, URLs, phones, dates
and other coded fields are not linted at all.

Each change is placed at its line and column in the YAML file: inside quoted and block
texts too, whose characters are not where the value's are (escapes, folded lines,
indentation). ``fix`` writes the corrections into those spans only, and keeps a file's
change only if the file then loads to exactly the corrected data.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import autocorrect_py
import yaml

from . import messages as msg
from .issues import Issue, display_path
from .load import Path_, format_path, load_text, read_bounded
from .parallel import split_map
from .schema import COLLECTIONS, TAXONOMIES, Extra, Format, Holiday, SiteConfig, field_specs, unwrap
from .schema import THESAURUS_FILE, Thesaurus
from .schema import English  # an en: block is not linted as Chinese
from .validate import record_files

# The formats of free text, and the fields of those formats that are not text to read: a
# WeChat account is found by its exact name, a map file by its path.
LINTED_FORMATS = ("line", "markdown", "synonym")
NOT_LINTED = {("Booking", "wechat"), ("MapTiles", "pmtiles")}
# Names and addresses: their punctuation is linted, but no space is added inside them
# (华强北路1688号 is how an address is written, on letters and in map apps; a registered
# name, a document's title or a category of the bureau's notice is quoted as published)
WRITTEN_AS_REGISTERED = {
    ("PointLocation", "address"), ("PointLocation", "street"), ("ProjectLocation", "street"),
    ("ProjectLocation", "community"), ("Organisation", "name"), ("BrandProject", "organisation"),
    ("CaseStudy", "organisations"), ("Event", "venue"), ("Photo", "credit"),
    ("District", "streets"), ("Contact", "name"), ("SourceLink", "title"),
    ("SiteConfig", "city"), ("SiteConfig", "bureau"), ("Region", "name"),
    ("MapTiles", "attribution"), ("MapTiles", "approval_number"), ("DataLicence", "name"),
    ("Target", "source"), ("TaxonomyTerm", "name"), ("FieldTerm", "name"), ("District", "name"),
    ("Footer", "sponsor"), ("Footer", "operator"), ("FooterContact", "address"),
}
# Search words (a term's synonyms, the thesaurus's groups) are linted as names are: words
# as visitors type them (VR眼镜, 5G手机), no space added
WRITTEN_AS_TYPED = ("synonym",)

# AutoCorrect's rules, and why each is on or off here: 0 off, 1 error.
# space-word (a space between Chinese and Latin letters or digits) is AutoCorrect's
# default and the common style guides' (中文文案排版指北); the demo's texts were
# written that way (“3000 余人次”), as are the interface's strings (“{count} 个”).
# space-dash would space a hyphen between Chinese words (内地-香港 → 内地 - 香港): off.
# spellcheck rewrites words to a dictionary's spelling, which names must not get: off.
AUTOCORRECT_CONFIG = """{
  "rules": {
    "space-word": 1, "space-punctuation": 1, "space-bracket": 1, "space-dash": 0,
    "space-backticks": 1, "fullwidth": 1, "halfwidth-word": 1,
    "halfwidth-punctuation": 1, "no-space-fullwidth": 1, "no-space-fullwidth-quote": 1,
    "spellcheck": 0
  }
}"""

_configured = False


def _autocorrect() -> Any:
    global _configured
    if not _configured:  # the configuration is the library's one global
        autocorrect_py.load_config(AUTOCORRECT_CONFIG)
        _configured = True
    return autocorrect_py


HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
FULLWIDTH_PUNCTUATION = "，。、；：？！“”‘’（）《》〈〉【】「」『』…—"
# Written on purpose, never changed inside (a space may still go before or after one)
PROTECTED_RES = [
    re.compile(rf"[{HAN}]{{1,2}}ICP[备证]\s*\d+\s*号(?:-\d+)?"),  # 粤ICP备12345678号-1
    re.compile(rf"[{HAN}]{{1,2}}公网安备\s*\d+\s*号"),  # 粤公网安备44030402000001号
    re.compile(rf"(?:[{HAN}]?[A-Z]{{1,2}})[（(]\d{{4}}[)）]\s*\d+\s*号"),  # 审图号 GS(2024)0001号
    re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s<>()\"\u3000-\u303f\uff00-\uffef"
               rf"{HAN}]+"),  # a web address
    re.compile(r"(?:www\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>()\u3000-\u303f\uff00-\uffef"
               rf"{HAN}]*"),
    re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"),
    re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?:\s*[-–—~～至到]\s*\d{1,2}:\d{2})?"),  # 9:00-17:00
    re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}"),  # dates as ids write them
    re.compile(r"(?:\+?86[ -]?)?0\d{2,3}-\d{7,8}(?:-\d{1,6})?|[48]00-?\d{3}-?\d{4}"),
    re.compile(rf"[A-Za-z0-9{HAN}]\+[A-Za-z0-9{HAN}]"),  # “VR+公益”, “党建+业务”: one word
]
# Markdown's own syntax, in Markdown fields: code, link targets, autolinks, definitions
MARKDOWN_PROTECTED_RES = [
    re.compile(r"`+[^`]*`+"),
    re.compile(r"\]\([^)]*\)"),
    re.compile(r"<[^<>\s]+>"),
    re.compile(r"^\s*\[[^\]]+\]:.*$", re.MULTILINE),
    re.compile(r"&[A-Za-z0-9#]+;"),
]

# Our own rules, before AutoCorrect's (which then takes out the spaces around them)
_CJK_BEFORE = rf"[{HAN}{FULLWIDTH_PUNCTUATION}]"
_OWN_RULES = [
    # "示范点": straight quotes around Chinese
    (re.compile(rf"\"([^\"\n]*[{HAN}][^\"\n]*)\""), r"“\1”"),
    # (在营 35 个) / 某市 (某区) / 协议(CC BY 4.0): brackets around or after Chinese
    (re.compile(rf"[ \t]*\(([^()\n]*[{HAN}][^()\n]*)\)[ \t]*"), r"（\1）"),
    (re.compile(rf"({_CJK_BEFORE})[ \t]*\(([^()\n]*)\)[ \t]*"), r"\1（\2）"),
    # 主管单位:某市民政局 / **说明**:见下 / 审图号:GS(…): a colon after Chinese (not 9:30)
    (re.compile(rf"({_CJK_BEFORE}(?:\*{{1,2}}|_{{1,2}})?)[ \t]*:(?![/\d]{{2}})[ \t]*"), r"\1："),
    # 周一闭馆;周二开放 / （下午）;: a semicolon after Chinese, which AutoCorrect leaves
    (re.compile(rf"({_CJK_BEFORE})[ \t]*;[ \t]*"), r"\1；"),
    # （在营 35 个）,达到: a comma after a full-width bracket or quote
    (re.compile(r"([）”’》】」』])[ \t]*,[ \t]*"), r"\1，"),
]
HAS_HAN = re.compile(f"[{HAN}]")
# What any rule, ours or AutoCorrect's, starts from: an ASCII punctuation mark or symbol,
# Latin letters or digits beside Chinese, a space beside full-width punctuation, or a
# full-width letter or digit. Four texts in five have none and skip the linter (checked
# on 19,211 texts of the demo before and after its conversion and of synthetic data:
# no text skipped would have been changed).
_FULLWIDTH_FORMS = "\uff01-\uff5e"
MAY_CHANGE = re.compile(
    rf"[!-/:-@\[-`{{-~]|[{HAN}{FULLWIDTH_PUNCTUATION}{_FULLWIDTH_FORMS}][A-Za-z0-9]"
    rf"|[A-Za-z0-9][{HAN}{FULLWIDTH_PUNCTUATION}{_FULLWIDTH_FORMS}]"
    rf"|\s[{FULLWIDTH_PUNCTUATION}{_FULLWIDTH_FORMS}]|[{FULLWIDTH_PUNCTUATION}{_FULLWIDTH_FORMS}]\s")


def corrected(text: str, markdown: bool = False, spacing: bool = True) -> str:
    """*text* as it should be written, changed nowhere inside what is written on purpose;
    without *spacing*, no space is added (names and addresses are written as registered)."""
    if not HAS_HAN.search(text) or not MAY_CHANGE.search(text):  # nothing to do
        return text
    new = text
    for pattern, replacement in _OWN_RULES:
        new = pattern.sub(replacement, new)
    ac = _autocorrect()
    for _ in range(3):  # a rule may make work for another (ＡＢＣ中文 → ABC中文 → ABC 中文)
        again = ac.format_for(new, "markdown") if markdown else ac.format(new)
        if again == new:
            break
        new = again
    if new == text:
        return text
    protected = _protected(text, markdown)
    return _apply(text, [edit for edit in _edits(text, new) if not _touches(edit, protected)
                         and (spacing or edit.new.strip() or edit.start != edit.end)])


# English's own punctuation for the full-width marks a Chinese keyboard types; a space
# follows a comma, a full stop, a colon and the like where a word follows, and goes before
# an opening bracket after a word. Curly quotes, dashes and the ellipsis are English too.
ENGLISH_MARKS = {"，": ",", "、": ",", "。": ".", "：": ":", "；": ";", "？": "?", "！": "!",
                 "（": "(", "）": ")", "【": "[", "】": "]", "《": "“", "》": "”",
                 "　": " "}
_ENGLISH_RE = re.compile("[" + "".join(ENGLISH_MARKS) + _FULLWIDTH_FORMS + "]")
_SPACE_AFTER = ",.:;?!)]"


def english_corrected(text: str) -> str:
    """English *text* with half-width punctuation for the full-width (a Chinese keyboard's
    ，。：（）), and full-width letters and digits as ASCII."""
    if not _ENGLISH_RE.search(text):
        return text

    def one(match: re.Match) -> str:
        mark = match[0]
        new = ENGLISH_MARKS.get(mark) or unicodedata.normalize("NFKC", mark)
        after = text[match.end():match.end() + 1]
        before = text[match.start() - 1:match.start()] if match.start() else ""
        if new in _SPACE_AFTER and after.isalnum():
            new += " "
        if new in "([" and before.isalnum():
            new = " " + new
        return new

    return _ENGLISH_RE.sub(one, text)


def _protected(text: str, markdown: bool) -> list[tuple[int, int]]:
    patterns = PROTECTED_RES + (MARKDOWN_PROTECTED_RES if markdown else [])
    return [m.span() for pattern in patterns for m in pattern.finditer(text)]


@dataclass(frozen=True)
class Edit:
    """One change: the value's characters [start, end) become *new*."""

    start: int
    end: int
    new: str


RESYNC = 1  # characters that must agree again after a change
REACH = 4  # the longest change looked for, each side, before difflib is asked


def _edits(old: str, new: str) -> list[Edit]:
    """The changes that make *old* into *new*. The linter's changes are a character or
    two at a time (a comma, a space, a bracket and the spaces beside it), so each is
    found by the nearest point where the two texts agree again: linear, where difflib's
    SequenceMatcher took 70 % of the lint's time on long texts. Anything else (never
    seen) goes to difflib."""
    edits: list[Edit] = []
    i = j = 0
    n, m = len(old), len(new)
    while i < n or j < m:
        if i < n and j < m and old[i] == new[j]:
            i, j = i + 1, j + 1
            continue
        step = next(((a, total - a) for total in range(1, 2 * REACH + 1)
                     for a in range(max(0, total - REACH), min(total, REACH) + 1)
                     if _agree(old, new, i + a, j + total - a)), None)
        if step is None:
            return _difflib_edits(old, new)
        edits.append(Edit(i, i + step[0], new[j:j + step[1]]))
        i, j = i + step[0], j + step[1]
    return edits


def _agree(old: str, new: str, i: int, j: int) -> bool:
    if i > len(old) or j > len(new):
        return False
    size = min(RESYNC, len(old) - i, len(new) - j)
    if size == 0:
        return i == len(old) and j == len(new)
    return old[i:i + size] == new[j:j + size] and (size == RESYNC or
                                                   (i + size == len(old) and j + size == len(new)))


def _difflib_edits(old: str, new: str) -> list[Edit]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [Edit(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes()
            if tag != "equal"]


def _touches(edit: Edit, spans: list[tuple[int, int]]) -> bool:
    """Whether *edit* changes the inside of a protected span (its edges may take a space)."""
    for start, end in spans:
        if edit.start == edit.end:  # an insertion
            if start < edit.start < end:
                return True
        elif edit.start < end and edit.end > start:
            return True
    return False


def _apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.new + text[edit.end:]
    return text


# ---------------------------------------------------------------------------
# What each change is, in the editors' words
# ---------------------------------------------------------------------------

def _kind_of(old: str, edit: Edit) -> str:
    """The message of one change, from what it changes."""
    removed, added = old[edit.start:edit.end].strip(), edit.new.strip()
    if not removed and not added:  # spaces only
        return msg.TYPOGRAPHY_SPACE if edit.new else msg.TYPOGRAPHY_NO_SPACE
    if removed and set(removed) <= set(ENGLISH_MARKS):  # only an en: block's fix takes these out
        return msg.TYPOGRAPHY_ENGLISH
    if added and set(added) <= set("（）"):
        return msg.TYPOGRAPHY_BRACKETS
    if added and set(added) <= set("“”"):
        return msg.TYPOGRAPHY_QUOTES
    if added and set(added) <= set(FULLWIDTH_PUNCTUATION):
        return msg.TYPOGRAPHY_PUNCTUATION
    if added.isascii() and added.isalnum() and not removed.isascii():  # ＡＢＣ１２３
        return msg.TYPOGRAPHY_HALFWIDTH
    return msg.TYPOGRAPHY_OTHER


# ---------------------------------------------------------------------------
# Where each character of a value stands in its file
# ---------------------------------------------------------------------------


class Unmapped(Exception):
    """A scalar written in a way the mapper does not follow: placed at its start only."""


def _fold(lines: list[tuple[int, int]], src: str) -> tuple[str, list[tuple[int, int]]]:
    """Flow folding of a scalar's lines [(start, end) of each line's content, trimmed]:
    one line break becomes a space, n breaks n-1 newlines. Returns the text and, for each
    character, its span in *src* (a folded space spans the break and indentation)."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    blank = 0
    previous_end = None
    for start, end in lines:
        if start == end and previous_end is not None:
            blank += 1
            continue
        if previous_end is not None:
            joint = "\n" * blank if blank else " "
            for _ in joint:
                out.append(_)
                spans.append((previous_end, start))
        blank = 0
        for i in range(start, end):
            out.append(src[i])
            spans.append((i, i + 1))
        previous_end = end
    if blank and previous_end is not None:  # trailing empty lines of a flow scalar
        for _ in range(blank):
            out.append("\n")
            spans.append((previous_end, previous_end))
    return "".join(out), spans


def _lines_of(src: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of src[start:end], each (start, end), the first as it starts."""
    result = []
    position = start
    while True:
        newline = src.find("\n", position, end)
        stop = end if newline < 0 else newline
        result.append((position, stop))
        if newline < 0:
            return result
        position = newline + 1


def _trim(src: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Flow scalar lines: later lines without their indentation, all without trailing
    white space (a break's white space is folded with it)."""
    out = []
    for index, (start, end) in enumerate(lines):
        if index:
            while start < end and src[start] in " \t":
                start += 1
        while end > start and src[end - 1] in " \t\r":
            end -= 1
        out.append((start, end))
    return out


_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v",
            "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\",
            "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}


def _double_quoted(src: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    """A double-quoted scalar's text and spans: escapes, folding, escaped line breaks."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i, stop = start + 1, end - 1
    while i < stop:
        char = src[i]
        if char == "\\":
            code = src[i + 1]
            if code in _HEX:
                width = _HEX[code]
                out.append(chr(int(src[i + 2:i + 2 + width], 16)))
                spans.append((i, i + 2 + width))
                i += 2 + width
            elif code == "\n":  # an escaped line break: nothing, and the next indent
                j = i + 2
                while j < stop and src[j] in " \t":
                    j += 1
                i = j
            elif code in _ESCAPES:
                out.append(_ESCAPES[code])
                spans.append((i, i + 2))
                i += 2
            else:
                raise Unmapped
        elif char in " \t\n":
            j = i
            while j < stop and src[j] in " \t":
                j += 1
            if j < stop and src[j] == "\n":  # white space before a break: folded
                breaks, k = 0, j
                while k < stop and src[k] in " \t\n":
                    breaks += src[k] == "\n"
                    k += 1
                for joint in ("\n" * (breaks - 1) if breaks > 1 else " "):
                    out.append(joint)
                    spans.append((i, k))
                i = k
            else:
                for k in range(i, j):
                    out.append(src[k])
                    spans.append((k, k + 1))
                i = j
        else:
            out.append(char)
            spans.append((i, i + 1))
            i += 1
    return "".join(out), spans


def _single_quoted(src: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
    text, spans = _fold(_trim(src, _lines_of(src, start + 1, end - 1)), src)
    out, kept = [], []
    i = 0
    while i < len(text):  # '' is one quote
        if text[i] == "'" and i + 1 < len(text) and text[i + 1] == "'" \
                and spans[i + 1][0] == spans[i][1]:
            out.append("'")
            kept.append((spans[i][0], spans[i + 1][1]))
            i += 2
        else:
            out.append(text[i])
            kept.append(spans[i])
            i += 1
    return "".join(out), kept


def _block(src: str, start: int, end: int, folded: bool) -> tuple[str, list[tuple[int, int]]]:
    """A literal (|) or folded (>) block's text and spans (kept as if chomped "keep")."""
    header_end = src.find("\n", start, end)
    if header_end < 0:
        return "", []
    header = src[start:header_end].split("#", 1)[0].strip()
    if any(c.isdigit() for c in header):
        raise Unmapped  # rare: the indentation is counted from the parent's, not known here
    lines = _lines_of(src, header_end + 1, end)
    indent = next((len(src[s:e]) - len(src[s:e].lstrip(" "))
                   for s, e in lines if src[s:e].strip()), None)
    if indent is None:
        return "", []
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    breaks: list[tuple[int, int]] = []  # the line breaks since the last text line
    last_more = None  # whether the last text line was more indented; None: none yet
    for line_start, line_end in lines:
        if src[line_start:line_end].strip():
            content = line_start + indent
            more = src[content] in " \t"
            if last_more is None or not folded or more or last_more:
                joints = [("\n", span) for span in breaks]
            elif len(breaks) == 1:  # the folded space: the break and the indentation
                joints = [(" ", (breaks[0][0], content))]
            else:
                joints = [("\n", span) for span in breaks[1:]]
            for char, span in joints:
                out.append(char)
                spans.append(span)
            out.extend(src[content:line_end])
            spans.extend((i, i + 1) for i in range(content, line_end))
            breaks, last_more = [], more
        if line_end < end or src[line_end:line_end + 1] == "\n":
            breaks.append((line_end, line_end + 1))
    for span in breaks:  # the chomping decides how many of these the value keeps
        out.append("\n")
        spans.append(span)
    return "".join(out), spans


def char_spans(src: str, node: yaml.ScalarNode) -> list[tuple[int, int]]:
    """For each character of the scalar's value, its span in *src*; Unmapped if the
    source reads otherwise than the value."""
    start, end = node.start_mark.index, node.end_mark.index
    style = node.style or ""
    if style == '"':
        text, spans = _double_quoted(src, start, end)
    elif style == "'":
        text, spans = _single_quoted(src, start, end)
    elif style in ("|", ">"):
        text, spans = _block(src, start, end, style == ">")
    else:
        text, spans = _fold(_trim(src, _lines_of(src, start, end)), src)
    value = node.value
    if text == value:
        return spans
    if text.startswith(value) and not text[len(value):].strip("\n"):  # chomping
        return spans[:len(value)]
    if text.rstrip("\n") + "\n" == value:
        return spans[:len(text.rstrip("\n"))] + [spans[len(text.rstrip("\n"))]]
    raise Unmapped


# ---------------------------------------------------------------------------
# The data folder: every free text of every file, walked with the schema
# ---------------------------------------------------------------------------


@dataclass
class Text:
    """One free text of a file that the lint would write otherwise."""

    path: Path_
    node: yaml.ScalarNode
    new: str  # the whole corrected value
    edits: list[Edit]
    spans: list[tuple[int, int]] | None  # None: the source could not be followed


@dataclass
class FileTexts:
    """A data file, its source, and its texts to correct."""

    path: Path
    name: str  # as messages name it
    source: str
    texts: list[Text] = field(default_factory=list)
    line_starts: list[int] = field(default_factory=list)

    def place(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1


def data_files(data_dir: Path) -> Iterator[tuple[Path, Any]]:
    """(file, what its top level holds) for every file the validator reads."""
    yield data_dir / "site.yml", SiteConfig
    for name, cls in TAXONOMIES.items():
        yield data_dir / "taxonomies" / f"{name}.yml", tuple[cls, ...]
    yield data_dir / "holidays.yml", tuple[Holiday, ...]
    yield data_dir / "taxonomies" / THESAURUS_FILE, Thesaurus
    for name, path in record_files(data_dir):
        yield path, COLLECTIONS[name]


def _extra_types(site_data: Any) -> dict[str, dict[str, str]]:
    """{collection: {field id: type}} of the city's own fields, as site.yml declares them."""
    declared: dict[str, dict[str, str]] = {}
    fields = site_data.get("extra_fields") if isinstance(site_data, dict) else None
    for item in fields if isinstance(fields, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            collection = item.get("collection", "points")
            declared.setdefault(str(collection), {})[item["id"]] = str(item.get("type"))
    return declared


def _text_paths(tp: Any, raw: Any, path: Path_, extras: dict[str, dict[str, str]],
                spacing: bool = True, english: bool = False
                ) -> Iterator[tuple[Path_, bool, bool, bool]]:
    """(path, is Markdown, takes spaces, is English) of every free text in *raw*, read as
    the schema type *tp*."""
    base, markers, _ = unwrap(tp)
    if markers and isinstance(markers[0], Extra):
        declared = extras.get(markers[0].collection, {})
        for key, value in raw.items() if isinstance(raw, dict) else ():
            kind = declared.get(key)
            if kind == "text" and isinstance(value, str):
                yield path + (key,), False, True, False
            elif kind == "list" and isinstance(value, list):
                yield from ((path + (key, i), False, True, False)
                            for i, item in enumerate(value) if isinstance(item, str))
        return
    if getattr(base, "__origin__", None) is tuple:
        for i, item in enumerate(raw) if isinstance(raw, list) else ():
            yield from _text_paths(base.__args__[0], item, path + (i,), extras, spacing, english)
        return
    if isinstance(base, type) and issubclass(base, English):
        english = True  # an en: block: linted as English, whose punctuation is half-width
    if isinstance(base, type) and hasattr(base, "__dataclass_fields__"):
        for spec in field_specs(base) if isinstance(raw, dict) else ():
            where = (base.__name__, spec.name)
            if spec.name in raw and where not in NOT_LINTED:
                yield from _text_paths(spec.type, raw[spec.name], path + (spec.name,), extras,
                                       where not in WRITTEN_AS_REGISTERED, english)
        return
    fmt = next((m.name for m in markers if isinstance(m, Format)), None)
    if base is str and fmt in LINTED_FORMATS and isinstance(raw, str):
        yield path, fmt == "markdown", spacing and fmt not in WRITTEN_AS_TYPED, english


def _node(root: yaml.Node | None, path: Path_) -> yaml.Node | None:
    node = root
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            return None
    return node


def _read(path: Path, tp: Any, extras: dict[str, dict[str, str]], data_dir: Path,
          base: Path) -> tuple[FileTexts | None, Any]:
    """One file's texts the lint would write otherwise (None if none), and its data."""
    if not path.is_file():
        return None, None
    raw, issues = read_bounded(path, display_path(path, base), data_dir)
    try:
        source = raw.decode("utf-8") if raw is not None else None
    except UnicodeDecodeError:
        source = None
    if source is None:  # the check says what is wrong with the file
        return None, None
    doc, issues = load_text(source, display_path(path, base))
    if issues or doc.root is None:
        return None, None
    item = FileTexts(path, doc.file, source)
    for text_path, markdown, spacing, english in _text_paths(tp, doc.data, (), extras):
        node = _node(doc.root, text_path)
        if not isinstance(node, yaml.ScalarNode):
            continue
        new = english_corrected(node.value) if english else corrected(node.value, markdown, spacing)
        if new == node.value:
            continue
        try:
            spans = char_spans(source, node)
        except (Unmapped, IndexError, ValueError):
            spans = None
        item.texts.append(Text(text_path, node, new, _edits(node.value, new), spans))
    if not item.texts:
        return None, doc.data
    item.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    return item, doc.data


def _jobs(data_dir: Path, base: Path) -> tuple[list[FileTexts], list[tuple[Path, Any]],
                                                dict[str, dict[str, str]]]:
    """site.yml's texts, the other files to read, and the city's own fields (site.yml's)."""
    (site_path, site_type), *others = data_files(data_dir)
    site, site_data = _read(site_path, site_type, {}, data_dir, base)
    return [site] if site else [], others, _extra_types(site_data)


def read_texts(data_dir: Path, base: Path) -> list[FileTexts]:
    """Every file of the data folder with the texts the lint would write otherwise."""
    data_dir, base = data_dir.resolve(), base.resolve()
    found, others, extras = _jobs(data_dir, base)
    for path, tp in others:
        item, _ = _read(path, tp, extras, data_dir, base)
        if item is not None:
            found.append(item)
    return found


PARALLEL_FILES = 64  # as validate: fewer files are read on one core


def lint(data_dir: Path, base: Path) -> list[Issue]:
    """Every finding in the data folder, the files read on two cores (the lint takes 1.8 s
    of CPU at 1,000 points, 0.7 s of it parsing the files again: benchmarks/
    typography_benchmark.py)."""
    data_dir, base = data_dir.resolve(), base.resolve()
    site, others, extras = _jobs(data_dir, base)

    def one(job: tuple[Path, Any]) -> list[Issue]:
        item, _ = _read(*job, extras, data_dir, base)
        return findings([item]) if item is not None else []

    per_file = split_map(one, others, min_jobs=PARALLEL_FILES,
                         weight=lambda job: job[0].stat().st_size if job[0].is_file() else 0)
    return sorted(findings(site) + [issue for issues in per_file for issue in issues])


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------

NEAR = 8  # changes of a kind this close together on a line are one finding
CONTEXT = 10  # characters of the corrected text shown on each side of a change


def _suggestion(old: str, group: list[Edit], all_edits: list[Edit]) -> str:
    """The corrected text around *group*: CONTEXT characters each side, within its line."""
    line_start = old.rfind("\n", 0, group[0].start) + 1
    line_end = old.find("\n", group[-1].end)
    line_end = len(old) if line_end < 0 else line_end
    start = max(line_start, group[0].start - CONTEXT)
    end = min(line_end, group[-1].end + CONTEXT)
    inside = [Edit(e.start - start, e.end - start, e.new) for e in all_edits
              if e.start >= start and e.end <= end]
    window = _apply(old[start:end], inside).strip()
    return ("…" if start > 0 else "") + window + ("…" if end < len(old.rstrip("\n")) else "")


def _placed(item: FileTexts, text: Text, edit: Edit) -> tuple[int, int]:
    """Line and column of the first character an edit changes (or that it goes before)."""
    if text.spans is None:  # at the start of the text
        return text.node.start_mark.line + 1, text.node.start_mark.column + 1
    index = edit.start
    offset = text.spans[index][0] if index < len(text.spans) else text.spans[-1][1]
    return item.place(offset)


def findings(files: list[FileTexts]) -> list[Issue]:
    """One issue per change, or per changes of a kind close together on a line, at the
    first of them."""
    issues = []
    for item in files:
        for text in item.texts:
            old = text.node.value
            groups: list[tuple[tuple[int, int], str, list[Edit]]] = []
            for edit in text.edits:
                place, kind = _placed(item, text, edit), _kind_of(old, edit)
                if groups and groups[-1][0][0] == place[0] and groups[-1][1] == kind \
                        and edit.start - groups[-1][2][-1].end <= NEAR:
                    groups[-1][2].append(edit)
                else:
                    groups.append((place, kind, [edit]))
            for (line, col), kind, group in groups:
                issues.append(Issue(item.name, line, col, format_path(text.path),
                                    kind.format(suggestion=_suggestion(old, group, text.edits))))
    return sorted(issues)


# ---------------------------------------------------------------------------
# Writing the corrections back
# ---------------------------------------------------------------------------


def _escaped(text: str, style: str) -> str:
    """*text* as it is written inside a scalar of *style*."""
    if style == '"':
        return text.replace("\\", "\\\\").replace('"', '\\"')
    if style == "'":
        return text.replace("'", "''")
    return text


def _source_edits(text: Text) -> list[tuple[int, int, str]]:
    """The text's edits as (start, end, new) in its file's characters."""
    spans = text.spans or []
    style = text.node.style or ""
    out = []
    for edit in text.edits:
        if edit.start < edit.end:
            start, end = spans[edit.start][0], spans[edit.end - 1][1]
        else:
            start = end = spans[edit.start][0] if edit.start < len(spans) else spans[-1][1]
        out.append((start, end, _escaped(edit.new, style)))
    return out


def _set(data: Any, path: Path_, value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _rewritten(item: FileTexts, texts: list[Text]) -> str | None:
    """The file's source with *texts* corrected, or None if it would then load otherwise
    than the data with those texts corrected (a space before #, a quote that ends a
    value…)."""
    edits = sorted((e for text in texts for e in _source_edits(text)), reverse=True)
    source = item.source
    for start, end, new in edits:
        source = source[:start] + new + source[end:]
    expected, _ = load_text(item.source, item.name)
    for text in texts:
        _set(expected.data, text.path, text.new)
    reloaded, issues = load_text(source, item.name)
    if issues or reloaded.data != expected.data:
        return None
    return source


@dataclass
class FixReport:
    """What ``fix`` did: per file written, how many texts; and what it would not do."""

    written: dict[str, int] = field(default_factory=dict)
    refused: list[Issue] = field(default_factory=list)


def fix(data_dir: Path, base: Path) -> FixReport:
    """Write every correction of the lint into the data files, in place: only the
    characters of the corrected texts change. A text whose correction would change what
    the file holds (beyond that text), or whose source the lint cannot follow, is left
    for the editor, with a message."""
    report = FixReport()
    for item in read_texts(data_dir, base):
        mapped = [text for text in item.texts if text.spans is not None]
        for text in item.texts:
            if text.spans is None:
                report.refused.append(_refusal(item, text, msg.TYPOGRAPHY_NOT_FOLLOWED))
        source = _rewritten(item, mapped) if mapped else None
        kept = mapped
        if source is None and mapped:  # one at a time, to keep all the others
            kept = []
            for text in mapped:
                if _rewritten(item, kept + [text]) is None:
                    report.refused.append(_refusal(item, text, msg.TYPOGRAPHY_UNSAFE_FIX))
                else:
                    kept.append(text)
            source = _rewritten(item, kept) if kept else None
        if source is not None and source != item.source:
            item.path.write_bytes(source.encode("utf-8"))
            report.written[item.name] = len(kept)
    return report


def _refusal(item: FileTexts, text: Text, message: str) -> Issue:
    mark = text.node.start_mark
    return Issue(item.name, mark.line + 1, mark.column + 1, format_path(text.path),
                 message.format(suggestion=_short(text.new)))


def _short(text: str, limit: int = 40) -> str:
    text = text.strip().replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"
