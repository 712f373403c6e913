"""Problems found in the data, each with its file, line, column and field path."""

from __future__ import annotations

import dataclasses
import itertools
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import messages as msg


@dataclass(frozen=True, order=True)
class Issue:
    """One problem an editor can act on: where it is, which field, what to do."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def as_reminder(self) -> "Issue":
        """The same finding as a reminder (a warning): the site is built all the same."""
        return dataclasses.replace(self, message=f"{msg.WARNING_PREFIX}：{self.message}")

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        # a message quotes what the editor wrote: a line break or control character in it
        # would split the report's one-problem-a-line, so it is shown as an escape
        return text if text.isprintable() else "".join(
            _ESCAPES.get(char, f"\\u{ord(char):04x}")
            if unicodedata.category(char) in _INVISIBLE else char for char in text)


_INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, formats, surrogates, separators
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display_path(path: Path, root: Path) -> str:
    """A file's name in a message: relative to the project folder, or whole if outside it
    (a data folder may live elsewhere)."""
    path = Path(os.path.abspath(path))  # a locales_dir of ../../theme is outside
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


class DataError(Exception):
    """The data has problems; nothing may be built from it."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues))
        super().__init__(report(self.issues))


MAX_PER_FILE = 30  # a file pasted into the wrong place can have tens of thousands


def report(issues: list[Issue]) -> str:
    """Every issue on its own line, at most MAX_PER_FILE a file, then the count."""
    lines = []
    for file, group in itertools.groupby(sorted(issues), key=lambda issue: issue.file):
        found = list(group)
        lines.extend(str(issue) for issue in found[:MAX_PER_FILE])
        if len(found) > MAX_PER_FILE:
            lines.append(f"{file}: " + msg.MORE_IN_FILE.format(
                count=len(found) - MAX_PER_FILE))
    lines.append(msg.ERROR_COUNT.format(count=len(issues)))
    return "\n".join(lines)
