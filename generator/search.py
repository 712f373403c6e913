"""What search knows of each page: its card and its text by field, made from the data.

Every record, year and event gives one ``searchindex.Document``, built from its fields
rather than parsed out of its HTML (which holds a page's furniture: the map, the booking
table, the plaque). Each text goes into the field that says how much it counts: the
name; the exact names (the organisation's, a project's), which a query equal to one puts
first; the tags (the record's field, target groups, district and kind, with the
synonyms editors keep in ``data/taxonomies/``); the place (street, address, community,
directions, where the landmarks are); and the rest of its text. Names, streets and
places are spoken in pinyin too. The hand-written pages come from the engine's adapter,
with their ``keywords`` (front matter) as exact names.

``plain_text`` (the words of a Markdown text) serves the feeds too.
"""

from __future__ import annotations

import dataclasses as dc
import html
import re
from typing import Any, Iterable, Iterator

from .model import Directory
from .pages import url_of
from .parallel import split_map
from .schema import BrandProject, CaseStudy, ShowcasePoint
from .searchindex import Card, Document, Postings, Thesaurus, files, merge, postings
from .visits import holiday_dates, schedule

SUMMARY = 60  # characters of a card's summary line


def documents(directory: Directory, strings: dict[str, Any],
              also: list[Document] | None = None) -> list[Document]:
    """The search documents of every record's and year's page.

    *also*: for an edition's (English) documents, the site's own of the same pages, in
    the same order; each is found by those names too (``_also_named``).
    """
    kinds = strings["search_kinds"]
    # a card's fields as the language lists words: 、 in Chinese, ", " in English
    kinds = {**kinds, "separator": strings["weekdays"]["separator"]}
    found = [*(_point(directory, kinds, p) for p in directory.points),
             *(_project(directory, kinds, p) for p in directory.projects),
             *(_case(directory, kinds, c) for c in directory.cases),
             *(doc for year in directory.year_numbers()
               for doc in _year(directory, strings, kinds, year))]
    if also is None:
        return found
    return [_also_named(doc, own) for doc, own in zip(found, also, strict=True)]


def _also_named(doc: Document, own: Document) -> Document:
    """An edition's document, found by the record's names in the site's own language
    too, as other names and in pinyin: the plaque at the door and the organisation's
    papers print the Chinese, which a visitor reading English may type or paste."""
    names = tuple(key for key in own.keys if key not in doc.keys)
    return dc.replace(doc, fields=(*doc.fields, ("key", " ".join(names))),
                      keys=(*doc.keys, *names),
                      pinyin=tuple(dict.fromkeys((*doc.pinyin, *own.pinyin))))


def page_document(url: str, title: str, markdown: str, keywords: Iterable[str],
                  kinds: dict[str, str], boost: float = 1.0) -> Document:
    """A hand-written page: its title, its keywords (as exact names) and its text; *boost*
    (front matter ``search: {boost: …}``, as Material reads it) how much it counts beside
    other pages: the editors' guide less than the visitors' pages."""
    text = plain_text(markdown)
    keywords = tuple(str(word) for word in keywords)
    return Document(Card(url, title, "page", kinds["page"], summary=_short(text)),
                    (("name", title), ("tags", " ".join(keywords)), ("text", text)),
                    keys=(title, *keywords), boost=boost)


def index_files(directory: Directory, found: Postings, pages: list[Document],
                records: list[Document], prefix: str = "") -> dict[str, bytes]:
    """The index's files (``searchindex.files``): the records' documents, tokenised in
    the build (*found*), then the hand-written pages'; under *prefix*, an edition's
    (``en/search/``, its cards' addresses relative to ``en/``)."""
    every = merge([found, postings(pages, Thesaurus(directory.thesaurus))])
    holidays = [day.isoformat() for day in holiday_dates(directory.holidays)]
    made = files([doc.card for doc in records + pages], every, holidays)
    return {prefix + path: content for path, content in made.items()} if prefix else made


def tokenised(directory: Directory, records: list[Document]) -> Postings:
    """The tokens of the records' documents, on the cores there are, with the words the
    city's thesaurus relates to theirs."""
    import pypinyin  # noqa: F401 - its dictionaries loaded once, before the fork (a second)

    thesaurus = Thesaurus(directory.thesaurus)
    parts = split_map(lambda batch: postings(batch, thesaurus),
                      [records[i:i + _BATCH] for i in range(0, len(records), _BATCH)],
                      min_jobs=2, weight=len)
    return merge(parts)


_BATCH = 200  # documents a worker tokenises at a time


def _point(d: Directory, kinds: dict[str, str], p: ShowcasePoint) -> Document:
    fields = [d.term("fields", f) for f in d.fields_of(p)]
    district = d.term("districts", p.location.district)
    org_type = d.term("organisation_types", p.organisation.type)
    visit = d.visit_of(p)  # a delisted point's visiting arrangements are not published
    plan = schedule(visit)
    delisted = p.status == "delisted"
    text = [p.summary, *p.highlights, *(p.venue.exhibits if p.venue else ()),
            *(d.term("platforms", platform).name for platform in p.platforms),
            plain_text(p.description) if p.description else None, *_extra_text(d, p)]
    if delisted and p.delisted:
        text.append(p.delisted.reason)
    place = [p.location.street, p.location.address]
    if visit:
        place += [visit.directions, visit.accessibility]
        text += [visit.closed_note, *(d.term("languages", lang).name for lang in visit.languages)]
        if visit.booking:
            text += [visit.booking.wechat, visit.booking.note]
    card = Card(url_of(f"points/{p.id}.md"), p.name, "point",
                kinds["delisted"] if delisted else kinds["point"],
                kinds["separator"].join(term.name for term in fields), district.name,
                _short(p.summary),
                plan.to_json() if plan and not delisted else None)
    return Document(card, (
        ("name", p.name), ("key", p.organisation.name),
        ("tags", _join(_words(fields, district, org_type))),
        ("place", _join(place)), ("text", _join(text))),
        keys=(p.name, p.organisation.name), terms=_words(fields, district, org_type),
        pinyin=(p.name, p.organisation.name, p.location.street))


def _project(d: Directory, kinds: dict[str, str], p: BrandProject) -> Document:
    field = d.term("project_fields", p.field)
    district = d.term("districts", p.location.district)
    groups = [d.term("target_groups", group) for group in p.target_groups]
    series = [d.term("series", p.series)] if p.series else []
    card = Card(url_of(f"projects/{p.id}.md"), p.name, "project", kinds["project"],
                field.name, district.name, _short(p.summary))
    text = [p.summary, str(p.year), *p.outcomes,
            plain_text(p.description) if p.description else None, *_extra_text(d, p)]
    return Document(card, (
        ("name", p.name), ("key", p.organisation),
        ("tags", _join(_words([field, *groups, *series], district))),
        ("place", _join([p.location.street, p.location.community])), ("text", _join(text))),
        keys=(p.name, p.organisation), terms=_words([field, *groups, *series], district),
        pinyin=(p.name, p.organisation, p.location.street, p.location.community or ""))


def _case(d: Directory, kinds: dict[str, str], c: CaseStudy) -> Document:
    field = [d.term("fields", c.field)] if c.field else []
    card = Card(url_of(f"cases/{c.id}.md"), c.title, "case", kinds["case"],
                field[0].name if field else "", "", _short(c.summary))
    text = [c.summary, str(c.year), plain_text(c.body), c.source.title if c.source else None,
            *_extra_text(d, c)]
    return Document(card, (
        ("name", c.title), ("key", " ".join(c.organisations)), ("tags", _join(_words(field))),
        ("text", _join(text))), keys=(c.title, *c.organisations), terms=_words(field),
        pinyin=(c.title,))


def _year(d: Directory, strings: dict[str, Any], kinds: dict[str, str],
          year: int) -> Iterator[Document]:
    """A year's page, and each of its events as a section of it (a result leads to the
    event itself): a year of a busy programme lists hundreds."""
    page = url_of(f"years/{year}.md")
    programme = d.programme_of(year)
    steps = programme.programme if programme else ()
    title = strings["year"]["title"].format(year=year)
    summary = programme.summary if programme and programme.summary else ""
    yield Document(Card(page, title, "year", kinds["year"], summary=_short(summary)), (
        ("name", title), ("text", _join([summary, *(text for step in steps
                                                    for text in (step.title, step.description))]))),
        keys=(title,))
    for event in d.events_of(year):
        venue = d.point_by_id[event.point].name if event.point else event.venue
        kind = d.term("event_kinds", event.kind)
        description = plain_text(event.description) if event.description else ""
        card = Card(f"{page}#{d.anchor(event)}", event.title, "event", kinds["event"],
                    kind.name, "", _short(_join([event.date.isoformat(), venue])))
        yield Document(card, (
            ("name", event.title), ("tags", _join(_words([kind]))), ("place", venue or ""),
            ("text", description)), keys=(event.title,), terms=_words([kind]),
            pinyin=(event.title,))


def _words(terms: Iterable[Any], *more: Any) -> tuple[str, ...]:
    """Terms of the taxonomies, each by its name and its synonyms."""
    return tuple(word for term in (*terms, *more) for word in (term.name, *term.synonyms))


def _extra_text(d: Directory, item: Any) -> Iterator[str]:
    """The city's own fields of a record, each as its label and value (a url is no word)."""
    for field, value in d.extras_of(item):
        if field.type == "url":
            continue
        values = value if isinstance(value, tuple) else (value,)
        yield field.label + " " + "、".join(str(v) for v in values)


def _join(parts: Iterable[str | None]) -> str:
    return " ".join(part for part in parts if part)


def _short(text: str) -> str:
    """A card's line of summary: the first SUMMARY characters, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY else text[:SUMMARY - 1] + "…"


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](url) and ![alt](src): the words only
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>]*>")
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`~]+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The words of a Markdown text, without its markup or link addresses."""
    text = _MARKUP.sub("", _AUTOLINK.sub("", _LINK.sub(r"\1", markdown)))
    return " ".join(html.unescape(text).split())
