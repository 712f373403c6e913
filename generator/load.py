"""Load stage: YAML files → plain Python data, with the line and column of every node.

The loader follows YAML 1.2's core schema, as VS Code's YAML extension does, so that
an editor's ``9:30`` stays the text "9:30" (YAML 1.1 reads it as the number 570) and
``no`` stays the text "no" (YAML 1.1 reads it as False). Dates stay text too: the
schema parses them, and can then say what is wrong with one.
PyYAML silently keeps the last of two equal keys; here a duplicate key is a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .issues import Issue
from . import messages as msg

try:  # libyaml's parser is about ten times faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML wheels ship libyaml
    from yaml import SafeLoader as _BaseLoader

Path_ = tuple[str | int, ...]


class _Yaml12Loader(_BaseLoader):
    """A safe loader that leaves every plain scalar untyped: ``_resolve`` types it."""

    yaml_implicit_resolvers: dict = {}

    def resolve(self, kind, value, implicit):  # called for every node: keep it trivial
        if kind is yaml.ScalarNode:
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


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
_EXPLICIT = {
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": lambda text: int(text, 0),
    "tag:yaml.org,2002:float": float,
    _STR: lambda text: text,
}


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
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return _resolve(node)
        construct = _EXPLICIT.get(node.tag)
        if construct is None:
            issues.append(doc.issue(path, msg.UNSUPPORTED_TAG.format(tag=node.tag)))
            return node.value
        try:
            return construct(node.value)
        except ValueError:  # e.g. !!int 010-1234: the tag promises what the text is not
            issues.append(doc.issue(path, msg.UNSUPPORTED_TAG.format(tag=node.tag)))
            return node.value
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
    "found undefined alias": msg.YAML_UNDEFINED_ALIAS,
}


def _syntax_problem(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    for english, chinese in _SYNTAX_PROBLEMS.items():
        if english in problem:
            return chinese
    return " ".join(filter(None, [error.context, error.problem]))


def load_text(text: str, file: str) -> tuple[Document, list[Issue]]:
    """Parse one YAML text; a syntax error becomes a single issue with its position."""
    doc = Document(file, None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Yaml12Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return doc, [Issue(file, line, col, "", msg.YAML_SYNTAX.format(
            problem=_syntax_problem(error)))]
    except yaml.YAMLError as error:
        return doc, [Issue(file, 1, 1, "", msg.YAML_SYNTAX.format(problem=error))]
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        return doc, [Issue(file, mark.line + 1, mark.column + 1, "", msg.MULTIPLE_DOCUMENTS)]
    issues: list[Issue] = []
    if nodes:
        doc.root = nodes[0]
        doc.data = _convert(nodes[0], (), doc, issues)
    return doc, issues


def load_file(path: Path, root: Path) -> tuple[Document, list[Issue]]:
    """Read and parse one file; *root* makes the file name in messages repo-relative."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return Document(name, None), [Issue(name, 1, 1, "", msg.NOT_UTF8.format(
            position=error.start))]
    return load_text(text, name)
