"""Search entries for the records' and years' pages, made from the data, not their HTML.

mkdocs-material indexes a page by parsing its HTML and segmenting the Chinese text with
jieba. For the thousands of record pages that parse cost more than the segmenting, and
it indexed the page's furniture (the map, the booking table, the plaque) as text. Here
each record gives one entry from its fields: title and text, in Material's own index
format, the Chinese segmented as its plugin does it (words separated by U+200B, which
its ``zh`` separator splits on). The adapter marks those pages ``search.exclude`` and
adds these entries to ``search/search_index.json``; hand-written pages are indexed by
Material as before.

The names from the data (points, organisations, projects, streets) are added to jieba's
dictionary first, so that a name is one word. The shorter words inside long words
（jieba's search mode: 某市社会公益基金会 → 社会，公益，基金会 …） go into one more
field, ``parts``, which the search box indexes but does not show, so a result's text
reads as written. The search box splits a query on the words it finds in the index,
so a name is found whole and by its parts.

Material's search box shows an entry's title and text as HTML (its index normally holds
the pages' HTML), so an entry holds plain text until it is written out, and is written
only by ``Entry.as_json``, which makes every field HTML text (``html_text``): a name with
``"><img …>`` or a case's ``&lt;script&gt;`` shows as written and never becomes markup.
The character references it writes split words, as the characters they stand for do,
so a word beside one is still found, and the search box's highlighting, which marks
whole words, never cuts a reference in two.
"""

from __future__ import annotations

import functools
import html
import json
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .model import Directory
from .pages import url_of
from .parallel import split_map
from .schema import BrandProject, CaseStudy, ShowcasePoint

ZWSP = "\u200b"  # between words: Material's zh separator splits on it
# Added to the index's word separator: the references html_text writes, then the
# characters themselves (as a query has them); `R&D` is the words R and D either way.
ESCAPED_SEPARATOR = "&(?:amp|lt|gt|quot|#x27);|[&<>\"']"
PARTS = "parts"  # the index field of the words inside long words
PARTS_BOOST = 1.0  # as the text's: a name's part counts as much as a word of the text
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


@dataclass(frozen=True)
class Entry:
    """One document of the search index: a page, its title and its text, as plain text."""

    location: str  # the page's URL path, as Material writes it: points/x/
    title: str
    text: str
    parts: str = ""  # words inside the long words: searched, never shown

    def as_json(self) -> dict[str, str]:
        """The document as the index holds it: the only way an entry is written out."""
        out = {"location": self.location, "title": html_text(self.title),
               "text": html_text(self.text)}
        if self.parts:
            out[PARTS] = html_text(self.parts)
        return out


def html_text(text: str) -> str:
    """Plain text as HTML that Material's search box shows as that text: ``&<>"'`` as
    character references (quotes too, though it writes titles and texts only between
    tags, so that no later use in an attribute can break out)."""
    return html.escape(text, quote=True)


def names(directory: Directory) -> set[str]:
    """The proper names in the data, to be segmented as single words."""
    found: set[str] = set()
    for point in directory.points:
        found.update((point.name, point.organisation.name, point.location.street))
    for project in directory.projects:
        found.update((project.name, project.organisation, project.location.street))
        if project.location.community:
            found.add(project.location.community)
    for case in directory.cases:
        found.update(case.organisations)
    for terms in directory.taxonomies.values():
        found.update(term.name for term in terms.values())
    return {name for name in found if len(name) > 1}


def entries(directory: Directory, strings: dict[str, Any]) -> list[bytes]:
    """The search index documents of every record page, segmented (on two cores).

    They are held until mkdocs has written the pages, so they are kept small: in
    batches, each the documents' JSON, comma-separated, zlib-compressed (at 10,000
    points some 55 MB of JSON; compressed, a fifth of that).
    """
    _teach(names(directory))
    raw = list(_raw_entries(directory, strings))
    batches = [raw[i:i + _BATCH] for i in range(0, len(raw), _BATCH)]
    return split_map(_segmented_batch, batches, min_jobs=2,
                     weight=lambda batch: sum(len(entry.text) for entry in batch))


_BATCH = 100  # documents compressed together


def _segmented_batch(batch: list[Entry]) -> bytes:
    return zlib.compress(b",".join(_segmented(entry) for entry in batch), 1)


def segment(text: str) -> tuple[str, set[str]]:
    """*text* with each run of Chinese split into words, U+200B between them, and the
    shorter words inside its long words (a name's parts)."""
    parts: set[str] = set()

    def words(run: re.Match) -> str:
        cut, inside = _words(run.group(0))
        parts.update(inside)
        return ZWSP + cut + ZWSP

    return _HAN.sub(words, text).strip(ZWSP), parts


@functools.lru_cache(maxsize=65536)  # a district, a field, a street recur on many pages
def _words(run: str) -> tuple[str, tuple[str, ...]]:
    """jieba's words of a run of Chinese, and the dictionary words inside the long ones
    (its search mode's extra words)."""
    import jieba

    words = [word for word in jieba.cut(run) if word]
    inside = tuple(part for word in words if len(word) > 2
                   for part in jieba.cut_for_search(word) if part != word)
    return ZWSP.join(words), inside


# What the last build's names changed in jieba's dictionary: each entry's value before
# (None where there was none) and the words' total, to be put back before the next build
_UNDO: tuple[dict[str, int | None], int] | None = None


def _teach(words: Iterable[str]) -> None:
    """Add the data's names to jieba's dictionary (the one Material's plugin uses too),
    to the dictionary as jieba loaded it: a process that builds again (``showcase
    serve``, after an edit; the tests, one city after another) segments each build by
    its own data alone, so the same data gives the same index."""
    global _UNDO
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its loading notices mean nothing to an editor
    jieba.initialize()  # loaded once here, before the fork: both halves share it
    freq = jieba.dt.FREQ
    if _UNDO is not None:  # the last build's names out again
        before, total = _UNDO
        for key, value in before.items():
            if value is None:
                del freq[key]
            else:
                freq[key] = value
        jieba.dt.total = total
    before, total = {}, jieba.dt.total
    for word in sorted(words):
        for end in range(1, len(word) + 1):  # add_word sets the word and its prefixes
            before.setdefault(word[:end], freq.get(word[:end]))
        jieba.add_word(word)
    _UNDO = before, total
    _words.cache_clear()


def _segmented(entry: Entry) -> bytes:
    title, title_parts = segment(entry.title)
    text, text_parts = segment(entry.text)
    document = Entry(entry.location, title, text, ZWSP.join(sorted(title_parts | text_parts)))
    return _json(document.as_json())


def _json(value: Any) -> bytes:
    # unescaped: each Chinese character in 3 bytes rather than 6 (\uXXXX)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _raw_entries(directory: Directory, strings: dict[str, Any]) -> Iterator[Entry]:
    for point in directory.points:
        yield Entry(url_of(f"points/{point.id}.md"), point.name,
                    _join(_point_text(directory, strings, point)))
    for project in directory.projects:
        yield Entry(url_of(f"projects/{project.id}.md"), project.name,
                    _join(_project_text(directory, project)))
    for case in directory.cases:
        yield Entry(url_of(f"cases/{case.id}.md"), case.title, _join(_case_text(directory, case)))
    for year in directory.year_numbers():
        yield from _year_entries(directory, strings, year)


def _year_entries(d: Directory, strings: dict[str, Any], year: int) -> Iterator[Entry]:
    """A year's page, and each of its events as a section of it (a result leads to the
    event itself): a year of a busy programme lists hundreds."""
    page = url_of(f"years/{year}.md")
    programme = d.programme_of(year)
    steps = programme.programme if programme else ()
    yield Entry(page, strings["year"]["title"].format(year=year), _join([
        programme.summary if programme else None,
        *(text for step in steps for text in (step.title, step.description))]))
    for event in d.events_of(year):
        venue = d.point_by_id[event.point].name if event.point else event.venue
        yield Entry(f"{page}#{d.anchor(event)}", event.title, _join([
            d.term("event_kinds", event.kind).name, venue,
            plain_text(event.description) if event.description else None]))


def _point_text(d: Directory, strings: dict[str, Any], p: ShowcasePoint) -> Iterator[str]:
    yield p.summary
    if p.status == "delisted" and p.delisted:
        yield strings["status"]["delisted"]
        yield p.delisted.reason
    yield p.organisation.name
    yield d.term("organisation_types", p.organisation.type).name
    yield from (d.term("fields", f).name for f in d.fields_of(p))
    yield d.term("districts", p.location.district).name
    yield p.location.street
    yield p.location.address
    yield from p.highlights
    if p.venue:
        yield from p.venue.exhibits
    yield from (d.term("platforms", platform).name for platform in p.platforms)
    v = d.visit_of(p)  # a delisted point's visiting arrangements are not published
    if v:
        yield from (v.closed_note, v.accessibility, v.directions)
        yield from (d.term("languages", language).name for language in v.languages)
        if v.booking:
            yield from (v.booking.wechat, v.booking.note)
    if p.description:
        yield plain_text(p.description)
    yield from _extra_text(d, p)


def _project_text(d: Directory, p: BrandProject) -> Iterator[str]:
    yield p.summary
    yield p.organisation
    yield d.term("project_fields", p.field).name
    if p.series:
        yield d.term("series", p.series).name
    yield from (d.term("target_groups", group).name for group in p.target_groups)
    yield d.term("districts", p.location.district).name
    yield p.location.street
    if p.location.community:
        yield p.location.community
    yield str(p.year)
    yield from p.outcomes
    if p.description:
        yield plain_text(p.description)
    yield from _extra_text(d, p)


def _case_text(d: Directory, c: CaseStudy) -> Iterator[str]:
    yield c.summary
    yield str(c.year)
    if c.field:
        yield d.term("fields", c.field).name
    yield from c.organisations
    yield plain_text(c.body)
    if c.source:
        yield c.source.title
    yield from _extra_text(d, c)


def _extra_text(d: Directory, item: Any) -> Iterator[str]:
    """The city's own fields of a record, each as its label and value (a url is no word)."""
    for field, value in d.extras_of(item):
        if field.type == "url":
            continue
        values = value if isinstance(value, tuple) else (value,)
        yield field.label + " " + "、".join(str(v) for v in values)


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(part for part in parts if part)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src): the words only
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`~]+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The words of a Markdown text, without its markup or link addresses."""
    text = _MARKUP.sub("", _AUTOLINK.sub("", _LINK.sub(r"\1", markdown)))
    return " ".join(html.unescape(text).split())


def add_to_index(index: Path, batches: list[bytes]) -> bool:
    """Add the documents of *batches* (from ``entries``) to the search index Material has
    written; False if there is none (the site has no search plugin)."""
    if not index.is_file():
        return False
    data = json.loads(index.read_text(encoding="utf-8"))
    # the search box indexes the fields the index's config lists, and shows only its own
    config = data["config"]
    config.setdefault("fields", {})[PARTS] = {"boost": PARTS_BOOST}
    if not config["separator"].startswith(ESCAPED_SEPARATOR):
        config["separator"] = f"{ESCAPED_SEPARATOR}|{config['separator']}"
    with open(index, "wb") as out:
        out.write(b'{"config":' + _json(data["config"]) + b',"docs":[')
        out.write(b",".join(_json(doc) for doc in data["docs"]))
        for number, batch in enumerate(batches):  # one batch in memory at a time
            out.write(b"," if number or data["docs"] else b"")
            out.write(zlib.decompress(batch))
        out.write(b"]}")
    return True
