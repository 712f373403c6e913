"""Load stage: YAML files → plain Python data, with the line and column of every node.

The loader follows YAML 1.2's core schema, as VS Code's YAML extension does, so that
an editor's ``9:30`` stays the text "9:30" (YAML 1.1 reads it as the number 570) and
``no`` stays the text "no" (YAML 1.1 reads it as False). Dates stay text too: the
schema parses them, and can then say what is wrong with one.
PyYAML silently keeps the last of two equal keys; here a duplicate key is a problem.

Anchors, aliases and tags are refused: editors never need them, an alias lets a file of a
few hundred bytes expand to billions of values (PyYAML builds them all), and a tag like
``!!set`` changes what a value means without showing it. The check is made on the
parser's events, before any node is built from an alias, and the same pass bounds the
file's size, nesting, number of values and length of texts (the limits below), so that
any file is read in bounded time and memory with a message, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .issues import Issue, display_path
from . import messages as msg

try:  # libyaml's parser is about ten times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _BaseLoader

Path_ = tuple[str | int, ...]


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# YAML 1.2 core schema: what a plain scalar means, tried in this order.
_CORE = [
    (re.compile(r"^(?:~|null|Null|NULL|)$"), lambda text: None),
    (re.compile(r"^(?:true|True|TRUE)$"), lambda text: True),
    (re.compile(r"^(?:false|False|FALSE)$"), lambda text: False),
    (re.compile(r"^[-+]?[0-9]+$"), int),
    (re.compile(r"^0o[0-7]+$"), lambda text: int(text, 8)),
    (re.compile(r"^0x[0-9a-fA-F]+$"), lambda text: int(text, 16)),
    (re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"), float),
    (re.compile(r"^[-+]?\.(?:inf|Inf|INF)$"), lambda text: float(text.replace(".", ""))),
    (re.compile(r"^\.(?:nan|NaN|NAN)$"), lambda text: float("nan")),
]
_MAYBE_TYPED = re.compile(r"^[-+0-9.~nNtTfF]|^$")  # most text can be nothing but text

def _resolve(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.style or not _MAYBE_TYPED.match(text):  # quoted, or plainly text
        return text
    for pattern, construct in _CORE:
        if pattern.match(text):
            return construct(text)
    return text


class Mark(NamedTuple):
    """Where a node starts in its file (1-based), and a plain scalar's source text."""

    line: int
    col: int
    text: str | None = None


def _mark(node: yaml.Node) -> Mark:
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # libyaml says "", PyYAML None
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1,
                node.value if plain else None)


@dataclass
class Document:
    """One YAML file: its data, and its node tree to find any node's position.

    Positions are looked up only when a problem is reported, so loading a clean file
    costs no more than parsing it.
    """

    file: str
    data: Any
    root: yaml.Node | None = None

    def _nodes(self, path: Path_) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) at *path*, or at its nearest ancestor that exists."""
        key, node = None, self.root
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                found = next(((k, v) for k, v in node.value if k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                    and part < len(node.value):
                found = (None, node.value[part])
            else:
                found = None
            if found is None:
                return None, node
            key, node = found
        return key, node

    def mark(self, path: Path_) -> Mark:
        """The position of the node at *path*, or of its nearest ancestor that exists."""
        _, node = self._nodes(path)
        return _mark(node) if node is not None else Mark(1, 1)

    def key_mark(self, path: Path_) -> Mark:
        """The position of the key that introduces the node at *path*."""
        key, node = self._nodes(path)
        target = key if key is not None else node
        if target is None:
            return Mark(1, 1)
        return Mark(target.start_mark.line + 1, target.start_mark.column + 1)

    def issue(self, path: Path_, message: str, *, at_key: bool = False) -> Issue:
        """A problem located at the node (or its key) at *path*."""
        mark = self.key_mark(path) if at_key else self.mark(path)
        return Issue(self.file, mark.line, mark.col, format_path(path), message)


def format_path(path: Path_) -> str:
    """``('visit', 'hours', 0, 'open')`` → ``visit.hours[0].open``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _convert(node: yaml.Node, path: Path_, doc: Document, issues: list[Issue]) -> Any:
    # Recursive: _compose has refused anything deeper than MAX_DEPTH.
    if isinstance(node, yaml.ScalarNode):
        return _resolve(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, issues) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        mark = key_node.start_mark
        if not isinstance(key_node, yaml.ScalarNode):
            issues.append(Issue(doc.file, mark.line + 1, mark.column + 1, format_path(path),
                                msg.COMPLEX_KEY))
            continue
        key = key_node.value
        if key == "<<":
            issues.append(Issue(doc.file, mark.line + 1, mark.column + 1, format_path(path),
                                msg.MERGE_KEY))
            continue
        if key in result:
            issues.append(Issue(doc.file, mark.line + 1, mark.column + 1,
                                format_path(path + (key,)),
                                msg.DUPLICATE_KEY.format(key=key, line=first_line[key])))
            continue
        first_line[key] = mark.line + 1
        result[key] = _convert(value_node, path + (key,), doc, issues)
    return result


# PyYAML's most common complaints, said in the editors' language.
_SYNTAX_PROBLEMS = {
    "mapping values are not allowed": msg.YAML_COLON_IN_VALUE,
    "cannot start any token": msg.YAML_TAB,
    "did not find expected key": msg.YAML_INDENT,
    "did not find expected ',' or ']'": msg.YAML_UNCLOSED_LIST,
    "did not find expected ',' or '}'": msg.YAML_UNCLOSED_MAPPING,
    "could not find expected ':'": msg.YAML_MISSING_COLON,
    "found unexpected end of stream": msg.YAML_UNCLOSED_QUOTE,
}


def _syntax_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    for english, chinese in _SYNTAX_PROBLEMS.items():
        if english in problem:
            return chinese
    return " ".join(filter(None, [error.context, error.problem]))


# Limits that no editor's file comes near, so that any file is read in bounded time and
# memory. The largest legitimate file is a year's programme: 5,000 events take 1.0 MB
# (210 bytes each, as benchmarks/years_benchmark.py writes them; the demo's biggest file,
# data/years/2025.yml, is 5 KB) and 11 values each, so the limits leave room for about
# 20,000 events. Measured with benchmarks/hostile_yaml_benchmark.py: a year of 15,000
# events (3.2 MB) loads in 1.2 s of CPU and 73 MB; the costliest hostile file, two million
# values, is refused at the 300,000th in 0.8 s and 97 MB; an alias bomb in 1 ms.
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_VALUES = 300_000  # scalars, lists and mappings: "[1,1,1,…]" has one per two bytes
MAX_DEPTH = 20  # the demo's deepest value is 5 levels down (visit.hours[0].days[1])
MAX_KEYS = 200  # per mapping; a point has fewer than 50 fields. A message's position is
#                 found by a linear search of its mapping: 20,000 unknown keys took check 8 s
MAX_TEXT_CHARS = 100_000  # one value: about 50 pages; the demo's longest is 202 characters
MAX_KEY_CHARS = 100  # field names are short English words
MAX_REFUSALS = 20  # messages about anchors, aliases, tags and long texts per file


class _Refused(Exception):
    """A limit that stops reading the file at once: nothing after it is looked at."""


def _tag(tag: str) -> str:
    """A tag as the editor wrote it: ``tag:yaml.org,2002:str`` → ``!!str``."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") \
        else tag


class _Composer:
    """Builds the node tree from the parser's events, without recursion, refusing what
    editors never need (anchors, aliases, tags) and what no data file holds (see the
    limits above) before anything is expanded: an alias is never resolved, so a "billion
    laughs" file costs what its few hundred bytes cost to parse."""

    def __init__(self, file: str):
        self.file = file
        self.refusals: list[Issue] = []
        self.refused = 0  # all of them, listed or not
        self.values = 0
        self.documents: list[yaml.Node] = []
        self.more_at: tuple[yaml.Mark, Path_] | None = None  # where the unlisted ones begin
        self.stopped: Issue | None = None  # the limit that stopped the reading
        # each open collection: [node, its key node while its value is awaited, is a mapping]
        self.stack: list[list[Any]] = []

    def _path(self, event: yaml.Event | None = None) -> Path_:
        """The path of the node that *event* starts (or of the open collection)."""
        parts: list[str | int] = []
        for node, key, is_mapping in self.stack:
            if not is_mapping:
                parts.append(len(node.value))
            elif key is not None and isinstance(key, yaml.ScalarNode):
                parts.append(key.value)
        if isinstance(event, yaml.ScalarEvent) and self._in_key_place():
            parts.append(event.value)  # a key stands for the field it introduces
        return tuple(parts)

    def _issue(self, mark: yaml.Mark, message: str, path: Path_ | None = None) -> Issue:
        return Issue(self.file, mark.line + 1, mark.column + 1,
                     format_path(self._path() if path is None else path), message)

    def _refuse(self, mark: yaml.Mark, message: str, path: Path_ | None = None) -> None:
        self.refused += 1
        if len(self.refusals) < MAX_REFUSALS:
            self.refusals.append(self._issue(mark, message, path))
        elif self.refused == MAX_REFUSALS + 1:
            self.more_at = (mark, path if path is not None else self._path())

    def _stop(self, mark: yaml.Mark, message: str, path: Path_ | None = None) -> None:
        self.refused += 1  # listed even after MAX_REFUSALS others: it is why reading stopped
        self.stopped = self._issue(mark, message, path)
        raise _Refused

    def _in_key_place(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return top[2] and top[1] is None

    def _add(self, node: yaml.Node) -> None:
        if not self.stack:
            self.documents.append(node)
            return
        top = self.stack[-1]
        parent, key, is_mapping = top
        if not is_mapping:
            parent.value.append(node)
        elif key is None:
            top[1] = node
        else:
            parent.value.append((key, node))
            top[1] = None
            if len(parent.value) > MAX_KEYS:
                self._stop(key.start_mark, msg.YAML_TOO_MANY_KEYS.format(limit=MAX_KEYS),
                           self._path())

    def _node_event(self, event: yaml.NodeEvent) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            self._stop(event.start_mark, msg.YAML_TOO_MANY_VALUES.format(limit=MAX_VALUES), ())
        if len(self.documents) == 1 and not self.stack:  # the second record's first node
            self._stop(event.start_mark, msg.MULTIPLE_DOCUMENTS, ())
        if isinstance(event, yaml.AliasEvent):
            self._refuse(event.start_mark, msg.YAML_ALIAS.format(name=event.anchor),
                         self._path(event))
            return
        if event.anchor is not None:
            self._refuse(event.start_mark, msg.YAML_ANCHOR.format(name=event.anchor),
                         self._path(event))
        if event.tag is not None:
            self._refuse(event.start_mark, msg.YAML_TAG.format(tag=_tag(event.tag)),
                         self._path(event))

    def feed(self, event: yaml.Event) -> None:
        """Take one parser event."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self._node_event(event)
            key_place = self._in_key_place()
            limit = MAX_KEY_CHARS if key_place else MAX_TEXT_CHARS
            if len(event.value) > limit:  # said at the field, not with its whole text
                text = msg.YAML_LONG_KEY if key_place else msg.YAML_LONG_TEXT
                self._refuse(event.start_mark, text.format(length=f"{len(event.value):,}",
                                                           limit=f"{limit:,}"), self._path())
            self._add(yaml.ScalarNode(_STR, event.value, event.start_mark, event.end_mark,
                                      event.style))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self._node_event(event)
            if len(self.stack) >= MAX_DEPTH:
                # named by its field: the whole path would be twenty levels of [0]
                self._stop(event.start_mark, msg.YAML_TOO_DEEP.format(limit=MAX_DEPTH),
                           self._path()[:1])
            is_mapping = kind is yaml.MappingStartEvent
            node = (yaml.MappingNode(_MAP, [], event.start_mark, None, event.flow_style)
                    if is_mapping else
                    yaml.SequenceNode(_SEQ, [], event.start_mark, None, event.flow_style))
            self.stack.append([node, None, is_mapping])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node = self.stack.pop()[0]
            node.end_mark = event.end_mark
            self._add(node)
        elif kind is yaml.AliasEvent:
            self._node_event(event)  # refused there, and never resolved:
            # an empty text holds its place, so that keys and values stay paired
            self._add(yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark, "'"))

    def issues(self) -> list[Issue]:
        """What was refused, listed up to MAX_REFUSALS, then how many more there are."""
        issues = list(self.refusals)
        unlisted = self.refused - len(self.refusals) - (self.stopped is not None)
        if unlisted and self.more_at is not None:
            mark, path = self.more_at
            issues.append(self._issue(mark, msg.YAML_MORE_REFUSED.format(count=unlisted), path))
        return issues + ([self.stopped] if self.stopped is not None else [])


def load_text(text: str, file: str) -> tuple[Document, list[Issue]]:
    """Parse one YAML text into data with positions.

    A syntax error, an anchor, alias or tag, or a limit exceeded leaves ``data`` None
    and says where, as one issue each (an alias is never expanded).
    """
    doc = Document(file, None)
    if len(text) > MAX_FILE_BYTES:  # characters: at least as many bytes
        size = len(text.encode("utf-8"))
        return doc, [Issue(file, 1, 1, "", msg.FILE_TOO_LARGE.format(
            size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))]
    composer = _Composer(file)
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            composer.feed(event)
    except _Refused:
        return doc, composer.issues()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return doc, composer.issues() + [Issue(file, line, col, "", msg.YAML_SYNTAX.format(
            problem=_syntax_problem(error)))]
    except yaml.YAMLError as error:
        return doc, composer.issues() + [
            Issue(file, 1, 1, "", msg.YAML_SYNTAX.format(problem=error))]
    if composer.refused:
        return doc, composer.issues()
    issues: list[Issue] = []
    if composer.documents:
        doc.root = composer.documents[0]
        doc.data = _convert(doc.root, (), doc, issues)
    return doc, issues


def read_bounded(path: Path, name: str, within: Path | None) -> tuple[bytes | None, list[Issue]]:
    """A data file's bytes, or why not: inside *within* only (a link elsewhere is not
    read), a file only, and no more than MAX_FILE_BYTES (one byte too many is read, even
    from /dev/zero). *name* is the file's name in messages."""
    if within is not None and not path.resolve().is_relative_to(within.resolve()):
        return None, [Issue(name, 1, 1, "", msg.LINK_OUTSIDE_DATA)]
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:  # a folder named like a record, a link to nothing, no access
        message = {IsADirectoryError: msg.NOT_A_FILE, FileNotFoundError: msg.LINK_TO_NOTHING
                   }.get(type(error), msg.UNREADABLE)
        return None, [Issue(name, 1, 1, "", message)]
    if len(data) > MAX_FILE_BYTES:
        size = max(len(data), path.stat().st_size)
        return None, [Issue(name, 1, 1, "", msg.FILE_TOO_LARGE.format(
            size=f"{size:,}", limit=f"{MAX_FILE_BYTES:,}"))]
    return data, []


def load_file(path: Path, root: Path, *, within: Path | None = None) -> tuple[Document, list[Issue]]:
    """Read and parse one file; *root* makes the file name in messages repo-relative.

    With *within* (the data folder), a file that is a link to somewhere else is not read:
    a pull request could otherwise have the build read, and quote in its messages, any
    file of the machine it runs on.
    """
    name = display_path(path, root)
    data, issues = read_bounded(path, name, within)
    if data is None:
        return Document(name, None), issues
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return Document(name, None), [Issue(name, 1, 1, "", msg.NOT_UTF8.format(
            position=error.start))]
    return load_text(text, name)
