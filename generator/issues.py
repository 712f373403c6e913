"""Problems found in the data, each with its file, line, column and field path."""

from __future__ import annotations

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

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def display_path(path: Path, root: Path) -> str:
    """A file's name in a message: relative to the project folder, or whole if outside it
    (a data folder may live elsewhere)."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


class DataError(Exception):
    """The data has problems; nothing may be built from it."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(set(issues))
        super().__init__(report(self.issues))


def report(issues: list[Issue]) -> str:
    """Every issue on its own line, then the count."""
    lines = [str(issue) for issue in issues]
    lines.append(msg.ERROR_COUNT.format(count=len(issues)))
    return "\n".join(lines)
