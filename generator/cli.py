"""The editors' command: ``showcase check | build | serve | new | schemas | init``.

Thin by design: parse arguments, call the core, turn a data problem into its message
and exit code 1, with no traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import warnings
from pathlib import Path

from . import messages as msg
from . import newcity, permalinks
from .fonts import FontMissing
from .issues import DataError, display_path, report
from .build import build_day
from .reference import schema_words, write_json_schemas
from .scaffold import KINDS, is_year, scaffold
from .validate import SLUG_RE, validate
from .vocabulary import Vocabulary


# The demo city, kept beside the city's own data: the tests check the generator with it,
# and a fresh fork shows it until `showcase init` gives data/ a city of its own.
SITE_CONFIG = Path("mkdocs.yml")
DEMO_CONFIG = Path("examples/shenzhen/mkdocs.yml")


def chosen_config(config_file: Path | None, *, say: bool = True) -> Path:
    """The mkdocs.yml a command works on: the one named with -f; else the root's, or the
    demo's while the root's data folder has no city yet (and, if *say*, says so)."""
    if config_file is not None:
        return config_file
    data = SITE_CONFIG.parent / "data"
    if (data / "site.yml").is_file() or not DEMO_CONFIG.is_file():
        return SITE_CONFIG
    if say:
        print(msg.USING_DEMO.format(data=f"{data.as_posix()}/", config=DEMO_CONFIG.as_posix()),
              file=sys.stderr)
    return DEMO_CONFIG


def _stop(reason: str | BaseException) -> int:
    """Say why a command stops, without a traceback; its exit code."""
    print(getattr(reason, "message", None) or reason, file=sys.stderr)
    return 1


def _check(args: argparse.Namespace) -> int:
    """What a build would refuse, without building: the same gate, the same messages."""
    from mkdocs.exceptions import Abort, ConfigurationError

    from .gate import admit
    from .mkdocs_plugin import check_sources

    config_file = chosen_config(args.config_file)
    if not config_file.is_file():
        return _stop(msg.NO_CONFIG.format(config=config_file.as_posix()))
    try:
        sources = check_sources(config_file, args.data)
        if args.fix:  # the corrections first, then the check of what they left
            _fix_typography(sources.data_dir, sources.base)
        admitted, issues = admit(sources)
    except (Abort, ConfigurationError, FontMissing) as error:  # mkdocs.yml, or the machine
        return _stop(error)
    if admitted is None:
        print(report(issues), file=sys.stderr)
        return 1
    validated = admitted.validated
    for warning in validated.warnings:
        print(warning, file=sys.stderr)
    counts = {name: len(items) for name, items in validated.collections.items()}
    print(Vocabulary.of(validated.site).resolve(msg.CHECK_OK.format(**counts)))
    if validated.new_permalinks:
        lock = display_path(sources.data_dir / permalinks.LOCK_NAME, sources.base)
        print(msg.PERMALINKS_PENDING.format(count=len(validated.new_permalinks), lock=lock))
    return 0


def _fix_typography(data_dir: Path, base: Path) -> None:
    """Write the typography lint's suggestions into the data files; say what was written
    and what was left for the editor."""
    from .typography import fix

    done = fix(data_dir, base)
    for file, count in done.written.items():
        print(msg.TYPOGRAPHY_FIXED.format(file=file, count=count))
    if not done.written:
        print(msg.TYPOGRAPHY_NOTHING_TO_FIX)
    for issue in done.refused:
        print(issue, file=sys.stderr)


def _new(args: argparse.Namespace) -> int:
    """Write a new record file that already passes the check, or say why not."""
    year = is_year(args.kind)
    if not (re.fullmatch(r"20\d\d", args.id) if year else SLUG_RE.match(args.id)):
        print(msg.NEW_BAD_YEAR.format(value=args.id) if year else
              msg.NEW_BAD_ID.format(value=args.id), file=sys.stderr)
        return 1
    path = args.data / KINDS[args.kind] / f"{args.id}.yml"
    if path.exists():
        print(msg.NEW_EXISTS.format(path=path.as_posix()), file=sys.stderr)
        return 1
    today = build_day()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(args.kind, args.id, args.data, today, msg.NEW_HEADER),
                    encoding="utf-8")
    print(msg.NEW_OK.format(path=path.as_posix()))
    return 0


def _show_mkdocs_log() -> None:
    """Show mkdocs' messages (rebuilds, our data errors during `serve`) as its own CLI does."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError

    from .mkdocs_plugin import build_site  # mkdocs loads only for the commands that need it

    config_file = chosen_config(args.config_file)
    if not config_file.is_file():
        return _stop(msg.NO_CONFIG.format(config=config_file.as_posix()))
    _show_mkdocs_log()
    try:
        # the demo standing in for the city is published where the city's site would be
        site_dir = args.site_dir or (Path("site") if config_file != args.config_file else None)
        site = build_site(config_file, site_dir, strict=not args.no_strict)
    except (DataError, FontMissing, ConfigurationError, Abort) as error:  # nothing written
        return _stop(error)
    print(msg.BUILD_OK.format(path=site))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.config import load_config

    from .mkdocs_plugin import PUBLIC_URL_ENV

    config_file = chosen_config(args.config_file)
    _show_mkdocs_log()
    # the preview runs at a local address; the QR codes must keep the published one
    os.environ.setdefault(PUBLIC_URL_ENV, load_config(str(config_file)).site_url or "")
    try:
        # served at the root of the preview address, whatever sub-path site_url has
        serve(str(config_file), dev_addr=args.dev_addr, livereload=True,
              site_url=f"http://{args.dev_addr}/")
    except SystemExit as error:
        return int(error.code or 1)
    return 0


def _schemas(args: argparse.Namespace) -> int:
    validated, issues = validate(args.data, Path.cwd())
    if issues or validated is None:
        print(report(issues), file=sys.stderr)
        return 1
    for path in write_json_schemas(args.output, validated.taxonomies,
                                   schema_words(validated.site), validated.site.extra_fields):
        print(path)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="showcase", description=msg.CLI_DESCRIPTION)
    commands = top.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help=msg.CLI_CHECK)
    check.add_argument("-f", "--config-file", type=Path, default=None,
                       help=msg.CLI_CONFIG)
    check.add_argument("--data", type=Path, default=None,
                       help=msg.CLI_CHECK_DATA)
    check.add_argument("--fix", action="store_true", help=msg.CLI_CHECK_FIX)
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help=msg.CLI_BUILD)
    build.add_argument("-f", "--config-file", type=Path, default=None,
                       help=msg.CLI_CONFIG)
    build.add_argument("-d", "--site-dir", type=Path, default=None)
    build.add_argument("--no-strict", action="store_true")
    build.set_defaults(run=_build)
    serve = commands.add_parser("serve", help=msg.CLI_SERVE)
    serve.add_argument("-f", "--config-file", type=Path, default=None,
                       help=msg.CLI_CONFIG)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000")
    serve.set_defaults(run=_serve)
    new = commands.add_parser("new", help=msg.CLI_NEW)
    new.add_argument("kind", choices=list(KINDS))
    new.add_argument("id")
    new.add_argument("--data", type=Path, default=Path("data"))
    new.set_defaults(run=_new)
    newcity.add_command(commands)
    schemas = commands.add_parser("schemas", help=msg.CLI_SCHEMAS)
    schemas.add_argument("--data", type=Path, default=Path("data"))
    schemas.add_argument("-o", "--output", type=Path, default=Path("data/schemas"))
    schemas.set_defaults(run=_schemas)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
