"""The library's own errors: located problems, collected, readable and usable as data.

Messages follow hledger's shape (DESIGN.md, "Errors people can act on")::

    inputs.toml:12:13: error: the amount is a TOML float
       |
    12 | allocated = 1234.5
       |             ^
    field:    expense."540.01".allocated
    expected: an integer number of kroner or a string with øre
    found:    1234.5 (a float)
    hint:     floats cannot hold øre exactly; write allocated = "1234.50"

The cases and their golden messages: ``docs/errors.md`` and ``tests/broken/``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence

from attrs import frozen

from .reprs import field_repr

__all__ = [
    "InputError",
    "KeyPath",
    "Location",
    "Problem",
    "Severity",
    "StatsbudsjettError",
    "UsageError",
]


KeyPath = tuple[str | int, ...]  # a value's place in a TOML file: ("expense", "540.01", "allocated")


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@frozen
class Location:
    """Where a value came from: file, 1-based line and column, and the line's text."""

    __repr__ = field_repr

    file: str | None = None
    line: int | None = None
    column: int | None = None
    text: str | None = None  # the source line, for the marker

    def excerpt(self) -> list[str]:
        """The source line with a ``^`` under the column, as hledger prints it (nothing without a line).

        Tabs before the column are kept in the marker line, so that the ``^`` lines up.
        """
        if self.line is None or self.text is None:
            return []
        number = str(self.line)
        pad = " " * len(number)
        lines = [f"{pad} |", f"{number} | {self.text.rstrip()}"]
        if self.column is not None:
            lead = "".join(c if c == "\t" else " " for c in self.text[: self.column - 1])
            lines.append(f"{pad} | {lead}^")
        return lines

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@frozen
class Problem:
    """One thing wrong (or unusual) in an input, with where it is and how to fix it."""

    __repr__ = field_repr

    message: str
    location: Location = Location()
    severity: Severity = Severity.ERROR
    expected: str | None = None
    found: str | None = None
    hint: str | None = None
    field: str | None = None  # the key path, e.g. ``expense."540.01".allocated``

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        """The message as printed, with the offending line and a ``^`` marker."""
        lines = [f"{self.location}: {self.severity.value}: {self.message}", *self.location.excerpt()]
        if self.field:
            lines.append(f"field:    {self.field}")
        if self.expected:
            lines.append(f"expected: {self.expected}")
        if self.found:
            lines.append(f"found:    {self.found}")
        if self.hint:
            lines.append(f"hint:     {self.hint}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, object]:
        """Stable keys for JSON output."""
        return {
            "severity": self.severity.value,
            "message": self.message,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "field": self.field,
            "expected": self.expected,
            "found": self.found,
            "hint": self.hint,
        }


class StatsbudsjettError(Exception):
    """Base of every error the library raises on purpose."""


class UsageError(StatsbudsjettError, ValueError):
    """A public function was called with an argument it cannot use."""


class InputError(StatsbudsjettError):
    """An input could not be used. Carries every problem found, not just the first.

    ``problems`` holds errors and warnings in file order; ``str()`` renders all of them.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.render())

    @property
    def errors(self) -> Sequence[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> Sequence[Problem]:
        return [p for p in self.problems if not p.is_error]

    def render(self) -> str:
        """A count, then every problem as :meth:`Problem.render` prints it."""
        return "\n\n".join([self.summary, *(p.render() for p in self.problems)])

    @property
    def summary(self) -> str:
        """``3 errors in the input`` (and the warnings, when there are some)."""
        errors, warnings = len(self.errors), len(self.warnings)
        head = f"{errors} error{'s' if errors != 1 else ''}"
        if warnings:
            head += f" and {warnings} warning{'s' if warnings != 1 else ''}"
        return f"{head} in the input"

    def as_dicts(self) -> list[dict[str, object]]:
        """Every problem as :meth:`Problem.as_dict`, for JSON output."""
        return [p.as_dict() for p in self.problems]
