"""``showcase init <城市名>``: an empty, valid data folder for a new city.

A fork of the repository starts with the demo city in ``examples/`` and no city of its
own in ``data/``. ``init`` writes what a city needs before its first record, every part
explained from the schema as ``showcase new`` explains a record: ``site.yml`` and one file
a taxonomy, each with one placeholder to replace (a value that starts with 请填写, which
the check shows as a reminder and CI refuses), an empty thesaurus explained in its
comments, an empty permalinks lock, the national holidays (the same in every city), and
the editors' JSON Schemas for these taxonomies.
Right after it, ``showcase check`` passes with reminders, and ``showcase build`` builds.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from . import messages as msg
from . import permalinks
from .gate import is_proof_address, public_url_issues
from .issues import Issue, report
from .mkdocs_plugin import setting_in
from .reference import NEW_CITY_WORDS, schema_words, write_json_schemas
from .scaffold import Scaffold, _dump
from .schema import COLLECTIONS, TAXONOMIES, TAXONOMY_DOCS, SiteConfig
from .schema import THESAURUS_FILE, THESAURUS_GROUP
from .validate import validate

# The demo city, whose holidays file a new city starts from (national holidays).
DEMO_DATA = Path("examples") / "shenzhen" / "data"
REPO = Path(__file__).resolve().parent.parent
# What a city's data folder holds besides its records; --force removes these and the records.
CITY_FOLDERS = (*COLLECTIONS, "media", "taxonomies", "schemas")
CITY_FILES = ("site.yml", "holidays.yml", permalinks.LOCK_NAME)
# Placeholders for the region that pass the check: the whole country's extent, and a centre
# in it. A city replaces them with its own (the comment above them says how).
COUNTRY_BBOX = {"south": 18.0, "west": 73.0, "north": 54.0, "east": 135.0}
COUNTRY_CENTRE = {"lat": 35.0, "lng": 105.0}
TERM_ID = "example"  # the placeholder term's id in each taxonomy
# The taxonomies a first record needs (its district and street, field, organisation type):
# each starts with a placeholder term to replace. The others start empty, their way of
# writing shown in comments, so that a new city fills only what it uses.
NEEDED_TAXONOMIES = ("districts", "fields", "organisation_types")


class Refused(Exception):
    """Why ``init`` leaves the folder as it is."""


@dataclass
class NewCity:
    """What ``init`` is asked to do."""

    city: str
    data_dir: Path
    config_file: Path
    bureau: str | None = None
    site_url: str | None = None
    force: bool = False


def init_city(request: NewCity, today: dt.date) -> list[Path]:
    """Write a new city's data folder (and site_url); the files written, or Refused."""
    data = request.data_dir
    _refuse_unless_allowed(request)
    if request.site_url is not None:
        problems = public_url_issues(request.site_url, Issue("--site-url", 0, 0, "", ""))
        if problems:
            raise Refused(problems[0].message)
        if not request.config_file.is_file():
            raise Refused(msg.NO_CONFIG.format(config=request.config_file.as_posix()))
    files = {data / "site.yml": site_text(request, today)}
    for name, cls in TAXONOMIES.items():
        files[data / "taxonomies" / f"{name}.yml"] = taxonomy_text(name, cls, today)
    files[data / "taxonomies" / THESAURUS_FILE] = thesaurus_text()
    files[data / permalinks.LOCK_NAME] = msg.PERMALINK_LOCK_HEADER + msg.PERMALINK_LOCK_NEW_CITY
    holidays = _demo_holidays(request.config_file)
    if holidays is not None:
        files[data / "holidays.yml"] = holidays.read_text(encoding="utf-8")
    if request.force:  # only once everything to write is ready
        _clear(data)
    written = [_write(path, text) for path, text in files.items()]
    validated, issues = validate(data, ci=False)
    if validated is None:  # what init writes passes: a failure here is a bug, said plainly
        raise Refused(report(issues))
    written += write_json_schemas(data / "schemas", validated.taxonomies, schema_words(validated.site),
                                  validated.site.extra_fields)
    if request.site_url is not None:
        _set_site_url(request.config_file, request.site_url)
        written.append(request.config_file)
    return written


def _refuse_unless_allowed(request: NewCity) -> None:
    data = request.data_dir
    if request.force and _under_examples(data, request.config_file):
        raise Refused(msg.INIT_EXAMPLES.format(data=data.as_posix()))
    if request.force or not data.is_dir():
        return
    found = []
    if (data / "site.yml").is_file():
        found.append((data / "site.yml").as_posix())
    records = sum(1 for name in COLLECTIONS if (data / name).is_dir()
                  for _ in (data / name).glob("*.y*ml"))
    if records:
        found.append(msg.INIT_RECORDS.format(count=records))
    if found:
        raise Refused(msg.INIT_NOT_EMPTY.format(data=data.as_posix(), found="、".join(found)))


def _under_examples(data: Path, config_file: Path) -> bool:
    """Whether *data* is inside a project's examples/ (the demo the tests build)."""
    data = data.resolve()
    roots = {config_file.resolve().parent / "examples", REPO / "examples"}
    return any(data == root or root in data.parents for root in roots)


def _clear(data: Path) -> None:
    """Remove the city parts of a data folder (records, media, taxonomies, configuration)."""
    for name in CITY_FOLDERS:
        folder = data / name
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.is_dir():
            shutil.rmtree(folder)
    for name in CITY_FILES:
        (data / name).unlink(missing_ok=True)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def site_text(request: NewCity, today: dt.date) -> str:
    """``site.yml`` of a new city: every setting explained, the known ones filled in."""
    values: dict[tuple[str, ...], object] = {("site", "city"): request.city}
    if request.bureau:
        values[("site", "bureau")] = request.bureau
    values[("site", "programme", "short_title")] = msg.INIT_SHORT_TITLE_TODO  # at most 12
    values[("site", "programme", "award")] = msg.INIT_AWARD_TODO
    values[("site", "programme", "delisting")] = msg.INIT_DELISTING_TODO
    values[("site", "region", "name")] = msg.INIT_REGION_TODO
    for side, value in COUNTRY_BBOX.items():
        values[("site", "region", "bbox", side)] = value
    for axis, value in COUNTRY_CENTRE.items():
        values[("site", "region", "centre", axis)] = value
    # the map: AMap, which loads in mainland China with no key; the others in a comment
    values[("site", "map", "tiles", "provider")] = "amap"
    values[("site", "map", "tiles", "approval_number")] = msg.INIT_APPROVAL_TODO
    notes = {("site", "region", "bbox"): msg.INIT_BBOX_NOTE,
             ("site", "map", "tiles", "provider"): msg.INIT_TILES_NOTE,
             ("site", "region", "centre"): msg.INIT_CENTRE_NOTE,
             ("site", "footer"): msg.INIT_FOOTER_NOTE}
    scaffold = Scaffold("site", "", {}, today, values, notes)
    scaffold.vocabulary = NEW_CITY_WORDS
    return scaffold.text(msg.INIT_SITE_HEADER.format(city=request.city), SiteConfig)


def taxonomy_text(name: str, cls: type, today: dt.date) -> str:
    """A taxonomy's file for a new city: what it is, what to write, one term to replace."""
    # a term may refer to another taxonomy's (a field to its groups): to the placeholder
    placeholders = {other: [{"id": TERM_ID}] for other in TAXONOMIES}
    scaffold = Scaffold(name, TERM_ID, placeholders, today)
    scaffold.vocabulary = NEW_CITY_WORDS
    lines = scaffold.list_item(cls)
    if name not in NEEDED_TAXONOMIES:  # empty until the city has a use for it
        header = [f"# {TAXONOMY_DOCS[name]}", f"# {msg.INIT_TAXONOMY_OPTIONAL}"]
        return "\n".join(header + [f"# {line}" for line in lines] + ["[]"]) + "\n"
    header = [f"# {TAXONOMY_DOCS[name]}", f"# {msg.INIT_TAXONOMY_HEADER}"]
    return "\n".join(header + lines) + "\n"


def thesaurus_text() -> str:
    """The thesaurus of a new city: what it is and how a group is written, and no group."""
    lines = [THESAURUS_GROUP.doc, msg.INIT_THESAURUS, *msg.INIT_THESAURUS_EXAMPLES]
    return "\n".join([f"# {line}" for line in lines] + ["[]"]) + "\n"


def _demo_holidays(config_file: Path) -> Path | None:
    """The demo's holidays file: the project's own copy of the demo, else the package's."""
    for root in (config_file.resolve().parent, REPO):
        path = root / DEMO_DATA / "holidays.yml"
        if path.is_file():
            return path
    return None


def _set_site_url(config_file: Path, url: str) -> None:
    """Set site_url in mkdocs.yml, line by line, so that its comments and layout stay."""
    lines = config_file.read_text(encoding="utf-8").splitlines(keepends=True)
    setting = f"site_url: {_dump(url)}\n"
    at = next((i for i, line in enumerate(lines) if line.startswith("site_url:")), None)
    if at is None:
        lines.append(setting)
    else:
        lines[at] = setting
    config_file.write_text("".join(lines), encoding="utf-8")


def add_command(commands) -> None:
    """The ``init`` command on the CLI's subcommands."""
    init = commands.add_parser("init", help=msg.CLI_INIT)
    init.add_argument("city", help=msg.CLI_INIT_CITY)
    init.add_argument("--bureau", default=None, help=msg.CLI_INIT_BUREAU)
    init.add_argument("--site-url", default=None, help=msg.CLI_INIT_SITE_URL)
    init.add_argument("--data", type=Path, default=Path("data"), help=msg.CLI_INIT_DATA)
    init.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    init.add_argument("--force", action="store_true", help=msg.CLI_INIT_FORCE)
    init.set_defaults(run=_command)


def _command(args) -> int:
    from .build import build_day

    city = args.city.strip()
    if not city or "\n" in city:
        print(msg.INIT_BAD_CITY, file=sys.stderr)
        return 1
    request = NewCity(city, args.data, args.config_file, args.bureau, args.site_url, args.force)
    try:
        written = init_city(request, build_day())
    except Refused as reason:
        print(reason, file=sys.stderr)
        return 1
    print(msg.INIT_OK.format(city=city, data=args.data.as_posix(), count=len(written)))
    url = args.site_url or (setting_in(args.config_file, args.config_file.parent, "site_url",
                                       top=True)[0] if args.config_file.is_file() else "")
    if is_proof_address(url):  # a fork's placeholder: its plaques are proofs until it has a domain
        print(msg.INIT_PROOF.format(url=url))
    return 0
