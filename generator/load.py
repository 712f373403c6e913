"""Load stage: YAML files → plain Python data, with the line and column of every node.

The loader follows YAML 1.2's core schema, as VS Code's YAML extension does, so that
an editor's ``9:30`` stays the text "9:30" (YAML 1.1 reads it as the number 570) and
``no`` stays the text "no" (YAML 1.1 reads it as False). Dates stay text too: the
schema parses them, and can then say what is wrong with one.
PyYAML silently keeps the last of two equal keys; here a duplicate key is a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    """A safe loader whose implicit types are YAML 1.2 core: null, bool, int, float."""

    yaml_implicit_resolvers: dict = {}


_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", list("~nN") + [""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
     list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     list("-+0123456789.")),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _Yaml12Loader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


class Mark(NamedTuple):  # a tuple: made for every node of every file, so it must be cheap
    """Where a node starts in its file (1-based), and a plain scalar's source text."""

    line: int
    col: int
    text: str | None = None


@dataclass
class Document:
    """One YAML file: its data and the position of every node, keyed by path."""

    file: str
    data: Any
    marks: dict[Path_, Mark] = field(default_factory=dict)

    def mark(self, path: Path_) -> Mark:
        """The position of the node at *path*, or of its nearest ancestor that exists."""
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def key_mark(self, path: Path_) -> Mark:
        """The position of the key that introduces the node at *path*."""
        return self.marks.get(("<key>",) + path) or self.mark(path)

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


_SCALARS = {
    "tag:yaml.org,2002:null": lambda text: None,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:int": lambda text: int(text, 0) if text[:2] in ("0o", "0x")
    else int(text),
    "tag:yaml.org,2002:float": lambda text: float(text.lower().replace(".inf", "inf")),
    "tag:yaml.org,2002:str": lambda text: text,
}


def _convert(node: yaml.Node, path: Path_, doc: Document, issues: list[Issue]) -> Any:
    start = node.start_mark
    plain = isinstance(node, yaml.ScalarNode) and not node.style  # libyaml says "", PyYAML None
    doc.marks[path] = Mark(start.line + 1, start.column + 1, node.value if plain else None)
    if isinstance(node, yaml.ScalarNode):
        construct = _SCALARS.get(node.tag)
        if construct is None:
            issues.append(doc.issue(path, msg.UNSUPPORTED_TAG.format(tag=node.tag)))
            return node.value
        return construct(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, path + (i,), doc, issues) for i, item in enumerate(node.value)]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            mark = key_node.start_mark
            issues.append(Issue(doc.file, mark.line + 1, mark.column + 1, format_path(path),
                                msg.COMPLEX_KEY))
            continue
        key = key_node.value
        if key == "<<":
            mark = key_node.start_mark
            issues.append(Issue(doc.file, mark.line + 1, mark.column + 1, format_path(path),
                                msg.MERGE_KEY))
            continue
        key_mark = key_node.start_mark
        if key in result:
            first = doc.marks[("<key>",) + path + (key,)]
            issues.append(Issue(doc.file, key_mark.line + 1, key_mark.column + 1,
                                format_path(path + (key,)),
                                msg.DUPLICATE_KEY.format(key=key, line=first.line)))
            continue
        doc.marks[("<key>",) + path + (key,)] = Mark(key_mark.line + 1, key_mark.column + 1)
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
