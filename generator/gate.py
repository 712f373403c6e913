"""The one gate: everything a build refuses, found before anything is rendered.

``showcase check`` and every build (``showcase build``, ``mkdocs build``, ``serve``) pass
through ``admit``, so an editor who ran the check is never surprised by the build: the
published address, the data folder, the interface strings, every record (``validate``),
every character the plaques print, and the Chinese typography of every text (an error
or a reminder, as site.yml's ``typography`` says). Each refusal is an ``Issue`` with its
file, line, field and what to do.
"""

from __future__ import annotations

import dataclasses as dc
import string
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from . import messages as msg
from . import typography
from .fonts import typeface
from .issues import DataError, Issue, display_path
from .load import Document, load_file
from .reference import schema_words, stale_json_schemas
from .sharing import card_text
from .validate import Validated, describe, validate
from .vocabulary import DEFAULT, TOKENS, Vocabulary
from .visits import visiting_words

LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")  # a preview's address may be http
REFERENCE_LOCALE = "zh-CN"  # the complete interface: every other locale has its keys


@dataclass(frozen=True)
class Sources:
    """Where a site's inputs are: the data folder and the theme's templates and strings."""

    data_dir: Path
    templates_dir: Path
    locales_dir: Path
    locale: str = "zh-CN"
    base_dir: Path | None = None  # file names in messages are relative to this
    public_url: str = ""  # the published site's address (site_url): what QR codes encode
    cache_dir: Path | None = None  # where drawn plaques are kept; None: .cache beside data/
    ci: bool | None = None  # None: whether CI=true (see validate)
    # where the settings are written (lines of mkdocs.yml), for messages about them
    public_url_at: Issue = Issue("mkdocs.yml", 1, 1, "site_url", "")
    data_dir_at: Issue = Issue("mkdocs.yml", 1, 1, "data_dir", "")
    locale_at: Issue = Issue("mkdocs.yml", 1, 1, "locale", "")
    # the locales of the site's other editions (the plugin's ``editions``: English under /en/)
    editions: tuple[str, ...] = ()
    editions_at: Issue = Issue("mkdocs.yml", 1, 1, "editions", "")

    @property
    def base(self) -> Path:
        return (self.base_dir or self.data_dir.parent).resolve()


@dataclass
class Admitted:
    """What passed the gate: the records and the interface strings."""

    validated: Validated
    strings: dict[str, Any]
    # each edition's interface strings, as written (the programme's words are put in once
    # the records are in that edition's language: editions.localise)
    editions: dict[str, dict[str, Any]] = dc.field(default_factory=dict)


def admit(sources: Sources) -> tuple[Admitted | None, list[Issue]]:
    """Check every input of a build; the records and strings, or every problem."""
    issues = public_url_issues(sources.public_url, sources.public_url_at)
    strings, locale_issues = interface_strings(sources)
    issues += locale_issues
    editions: dict[str, dict[str, Any]] = {}
    for edition in sources.editions:  # read as the site's own locale is, every problem placed
        found, edition_issues = interface_strings(
            dc.replace(sources, locale=edition, locale_at=sources.editions_at))
        issues += edition_issues
        if found is not None:
            editions[edition] = found
    if not sources.data_dir.is_dir():
        issues.append(dc.replace(sources.data_dir_at, message=msg.DATA_DIR_MISSING.format(
            path=display_path(sources.data_dir, sources.base))))
        return None, sorted(issues)
    validated, data_issues = validate(sources.data_dir, sources.base, ci=sources.ci)
    issues += data_issues
    if validated is not None and strings is not None:  # in the programme's own words
        strings = Vocabulary.of(validated.site).apply_all(strings)
        issues += glyph_issues(validated, strings, sources)
    if validated is not None:
        validated.warnings.extend(schema_warnings(validated, sources))
        if is_proof_address(sources.public_url):  # published all the same, every plaque a proof
            validated.warnings.append(dc.replace(
                sources.public_url_at, message=msg.SITE_URL_PROOF.format(url=sources.public_url)
            ).as_reminder())
        issues += typography_issues(validated, sources)
    if issues or validated is None or strings is None:
        return None, sorted(set(issues))
    return Admitted(validated, strings, editions), []


def schema_warnings(validated: Validated, sources: Sources) -> list[Issue]:
    """A reminder for each editors' JSON Schema that no longer says what the data does."""
    stale = stale_json_schemas(sources.data_dir / "schemas", validated.taxonomies,
                               schema_words(validated.site), validated.site.extra_fields)
    return [Issue(display_path(path, sources.base), 1, 1, "", msg.SCHEMA_STALE).as_reminder()
            for path in stale]


def typography_issues(validated: Validated, sources: Sources) -> list[Issue]:
    """The Chinese typography lint's findings: errors if site.yml's typography says so,
    else reminders added to the warnings (and no errors)."""
    found = typography.lint(sources.data_dir, sources.base)
    if validated.site.typography == "error":
        return found
    validated.warnings.extend(issue.as_reminder() for issue in found)
    return []


def public_url_issues(url: str, place: Issue) -> list[Issue]:
    """What is wrong with the published address, which every QR code and feed link holds.

    It must be absolute and end in ``/`` (it is the site's folder: mkdocs would add the
    slash itself, but the address printed and linked would differ from the one written),
    and be HTTPS unless it is a local preview's.
    """
    parts = urllib.parse.urlsplit(url)
    if not url:
        return [dc.replace(place, message=msg.SITE_URL_MISSING)]
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return [dc.replace(place, message=msg.SITE_URL_NOT_WEB.format(url=url))]
    issues = []
    if not url.endswith("/"):
        issues.append(dc.replace(place, message=msg.SITE_URL_SLASH.format(url=url)))
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        issues.append(dc.replace(place, message=msg.SITE_URL_HTTP.format(
            url=url, rest=url.split("://", 1)[1])))
    return issues


def is_proof_address(url: str) -> bool:
    """Whether *url* is a GitHub Pages address (``*.github.io``), whose plaques are proofs.

    A printed code is meant to work for years at a door in mainland China: it needs the
    bureau's own domain, ICP-filed, reachable there and moveable to another host or a
    mainland mirror without reprinting. GitHub's address is none of these.
    """
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    return host == "github.io" or host.endswith(".github.io")


def interface_strings(sources: Sources) -> tuple[dict[str, Any] | None, list[Issue]]:
    """The interface strings of the site's locale, checked against the complete one."""
    return locale_strings(sources.locales_dir, sources.locale, sources.base, sources.locale_at)


def locale_strings(folder: Path, locale: str, base: Path,
                   place: Issue) -> tuple[dict[str, Any] | None, list[Issue]]:
    """One locale's strings, or every way it differs from the complete one (zh-CN.yml):
    keys it lacks (one message listing them all), values of another shape, and texts
    whose placeholders are not the reference's (each where it is written). *place* is
    the setting that names the locale, for a file that does not exist."""
    path = folder / f"{locale}.yml"
    if not path.is_file():
        found = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
        return None, [dc.replace(place, message=msg.LOCALE_MISSING.format(
            path=display_path(path, base), locale=locale, available="、".join(found) or "无"))]
    doc, issues = _read_strings(path, base)
    if doc is None:
        return None, issues
    reference = None
    if locale != REFERENCE_LOCALE:
        reference_doc, _ = _read_strings(folder / f"{REFERENCE_LOCALE}.yml", base)
        # a fork that removed the reference keeps its own locale whole
        reference = reference_doc.data if reference_doc is not None else None
    issues = _locale_issues(doc, reference)
    return (None, issues) if issues else (doc.data, [])


def read_locale(locales_dir: Path, locale: str, words: Vocabulary = DEFAULT) -> dict[str, Any]:
    """One locale's strings in *words*, for the tools that need no gate (benchmarks,
    tests); DataError if the file cannot be read."""
    doc, issues = _read_strings(locales_dir / f"{locale}.yml", locales_dir)
    if doc is None:
        raise DataError(issues)
    return words.apply_all(doc.data)


def _read_strings(path: Path, base: Path) -> tuple[Document | None, list[Issue]]:
    """A locale file, read as the data is (bounded, no aliases, every problem placed)."""
    doc, issues = load_file(path, base)
    if issues:
        return None, issues
    if not isinstance(doc.data, dict):
        return None, [Issue(doc.file, 1, 1, "", msg.LOCALE_NOT_MAPPING)]
    return doc, []


def _locale_issues(doc: Document, reference: dict | None) -> list[Issue]:
    """What a locale file gets wrong, measured against *reference* (None: the file is
    the reference itself, whose texts are still checked for their shape and braces)."""
    issues: list[Issue] = []
    missing: list[tuple] = []
    _compare(doc, doc.data if reference is None else reference, doc.data, (), missing, issues,
             compare=reference is not None)
    if missing:
        first = missing[0][:-1]  # where the first missing entry belongs
        line, col = doc.key_mark(first)[:2] if first else (1, 1)
        issues.append(Issue(doc.file, line, col, "", msg.LOCALE_INCOMPLETE.format(
            count=_count_leaves(reference, missing), keys=_grouped(reference, missing),
            reference=f"{REFERENCE_LOCALE}.yml", file=Path(doc.file).name)))
    return issues


def _compare(doc: Document, reference: dict, strings: dict, path: tuple, missing: list,
             issues: list, compare: bool) -> None:
    reference_file = f"{REFERENCE_LOCALE}.yml"
    for key, expected in reference.items():
        here = (*path, key)
        if key not in strings:
            missing.append(here)
            continue
        value = strings[key]
        if isinstance(expected, dict):
            if isinstance(value, dict):
                _compare(doc, expected, value, here, missing, issues, compare)
            else:
                issues.append(doc.issue(here, msg.LOCALE_NOT_SECTION.format(
                    got=describe(value), keys="、".join(map(str, expected)),
                    reference=reference_file)))
        elif not isinstance(value, str):
            issues.append(doc.issue(here, msg.LOCALE_NOT_TEXT.format(
                got=describe(value), reference=reference_file)))
        else:
            written = placeholders(value)
            if written is None:
                issues.append(doc.issue(here, msg.LOCALE_BRACES.format()))
            elif compare and isinstance(expected, str):
                wanted = placeholders(expected)
                if wanted is not None and set(written) != set(wanted):
                    issues.append(doc.issue(here, _placeholder_message(wanted, written)))


def placeholders(text: str) -> list[str] | None:
    """The placeholders of an interface text as written (``{count}``, ``{count:>3}``), in
    order, the programme's tokens aside; None if its braces do not pair."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return None
    found: dict[str, None] = {}
    for _, name, spec, conversion in fields:
        if name is None or (name in TOKENS and not spec and not conversion):
            continue
        found["{" + name + (f"!{conversion}" if conversion else "")
              + (f":{spec}" if spec else "") + "}"] = None
    return list(found)


def _placeholder_message(wanted: list[str], written: list[str]) -> str:
    reference = f"{REFERENCE_LOCALE}.yml"
    lacks = [name for name in wanted if name not in written]
    extra = [name for name in written if name not in wanted]
    if not wanted:
        return msg.LOCALE_NO_PLACEHOLDERS.format(names="、".join(extra), reference=reference)
    said = []
    if lacks:
        said.append(msg.LOCALE_PLACEHOLDERS_LACKS.format(names="、".join(lacks)))
    if extra:
        said.append(msg.LOCALE_PLACEHOLDERS_EXTRA.format(names="、".join(extra)))
    return msg.LOCALE_PLACEHOLDERS.format(problem="，".join(said), reference=reference,
                                          expected="、".join(wanted))


def _grouped(reference: dict, missing: list[tuple]) -> str:
    """The missing keys by top-level section, a missing group as one:
    ``html_lang；footer（整段）；point：hours、open_status（整段）``."""
    def name(path: tuple, shown: tuple) -> str:
        said = ".".join(map(str, shown))
        return (msg.LOCALE_WHOLE_SECTION.format(section=said)
                if isinstance(_entry(reference, path), dict) else said)
    sections: dict[str, list[tuple]] = {}
    for path in missing:
        sections.setdefault(str(path[0]), []).append(path)
    return "；".join(name(paths[0], paths[0]) if len(paths[0]) == 1 else
                    f"{section}：{'、'.join(name(path, path[1:]) for path in paths)}"
                    for section, paths in sections.items())


def _count_leaves(reference: dict, missing: list[tuple]) -> int:
    def leaves(value: Any) -> int:
        return sum(map(leaves, value.values())) if isinstance(value, dict) else 1
    return sum(leaves(_entry(reference, path)) for path in missing)


def _entry(strings: dict, path: tuple) -> Any:
    """The text or section at *path* of a locale's strings."""
    for part in path:
        strings = strings[part]
    return strings


def glyph_issues(validated: Validated, strings: dict[str, Any], sources: Sources) -> list[Issue]:
    """Every character that a plaque would print, or the drawn share card would show, and
    the font lacks, where it is written.

    All plaques are checked, drawn before or not: the check must not depend on the
    content cache of the machine it runs on. The font's character map takes
    milliseconds to read.
    """
    texts = [*plaque_texts(validated, strings, sources),
             *share_card_texts(validated, strings, sources)]
    missing = typeface().missing("".join(text for _, _, text in texts))
    if not missing:
        return []
    base = sources.base
    found: dict[tuple[str, tuple], str] = {}
    for place, path, text in texts:
        for char, message in missing.items():
            if char in text:
                found.setdefault((place, path), message)
    issues = []
    for (place, path), message in found.items():
        if place == "mkdocs.yml":
            issues.append(dc.replace(sources.public_url_at, message=message))
        elif place.startswith("locale:"):
            file = display_path(sources.locales_dir / f"{sources.locale}.yml", base)
            issues.append(Issue(file, 1, 1, ".".join(path), message))
        else:
            doc, _ = load_file(base / place, base)
            issues.append(doc.issue(path, message))
    return issues


def share_card_texts(validated: Validated, strings: dict[str, Any],
                     sources: Sources) -> Iterator[tuple[str, tuple, str]]:
    """(file, field path, text) of what the share card drawn for a site without its own
    image shows: the programme's title and the interface's words under it."""
    site = validated.site
    if site.share_image is not None:
        return
    collections = validated.collections
    card = card_text(site, collections["points"], collections["projects"],
                     collections["cases"], strings["share_card"])
    yield (display_path(sources.data_dir / "site.yml", sources.base), ("programme", "title"),
           card.title)
    offers = {word: key for key, word in strings["share_card"].items()}
    for word in card.offers:
        yield "locale:", ("share_card", offers[word]), word
    yield "locale:", ("share_card", "separator"), card.separator


def plaque_texts(validated: Validated, strings: dict[str, Any],
                 sources: Sources) -> Iterator[tuple[str, tuple, str]]:
    """(file, field path, text) of everything the plaques print: the file is one of the
    data's, "mkdocs.yml" (the address) or "locale:" (the interface's words)."""
    points = [p for p in validated.collections["points"] if p.status == "awarded"]
    if not points:
        return
    words = strings["plaques"]
    yield (display_path(sources.data_dir / "site.yml", sources.base), ("programme", "title"),
           validated.site.programme.title)
    booking = validated.site.programme.booking
    caption_key = ("visiting", "plaque_caption_walk_in") if booking == "none" else \
        ("plaques", "caption")
    yield "locale:", caption_key, visiting_words(booking, strings)["caption"]
    yield "mkdocs.yml", (), sources.public_url
    if is_proof_address(sources.public_url):
        yield "locale:", ("plaques", "proof"), words["proof"]
    fields = validated.taxonomies.get("fields", {})
    fields_file = display_path(sources.data_dir / "taxonomies" / "fields.yml", sources.base)
    for point in points:
        yield point.source_file, ("name",), point.name
        yield point.source_file, ("organisation", "name"), point.organisation.name
        yield "locale:", ("plaques", "award"), words["award"].format(
            year=point.award.year, batch=point.award.batch)
        term = fields.get(point.field)
        if term is not None:
            index = list(fields).index(point.field)
            yield fields_file, (index, "name"), term.name
