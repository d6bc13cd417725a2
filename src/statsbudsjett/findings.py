"""Findings of verify as data (funn): what was checked, what was printed, what was expected.

A :class:`Finding` is one check on one printed figure. Two independent judgements:

* ``status`` — does the printed figure agree with the figure derived from other figures
  (or with its bound)? ``exact``, ``rounding`` (off by no more than the derived tolerance,
  see :mod:`statsbudsjett.tolerance`) or ``error``;
* ``severity`` — what the reader must do: ``error`` (the report is wrong), ``warning``
  (correct figures that need an explanation, e.g. an overspend), ``info`` (nothing).

Any module may produce findings (verify's own checks, continuity across years, …):
declare a :class:`Rule` once and call :meth:`Rule.compare` or :meth:`Rule.note`.
Verify never raises for a finding; :meth:`VerifyReport.raise_for_errors` is for tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from attrs import field, frozen

from .errors import KeyPath, Location, Severity
from .explanation import Term
from .money import Money
from .reprs import field_repr
from .rules.sources import Evidence
from .tolerance import Relation, Status, classify

__all__ = [
    "CellRef",
    "Finding",
    "KeyPath",
    "Message",
    "Relation",
    "Rule",
    "Severity",
    "Status",
    "input_field",
]


def _cells(values: Iterable[CellRef]) -> tuple[CellRef, ...]:
    return tuple(values)



def _path(parts: Iterable[str | int]) -> tuple[str | int, ...]:
    return tuple(parts)


def _strings(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@frozen(order=True)
class CellRef:
    """The address of one printed figure: statement, row and column.

    ``statement`` is the published format's table name (``appropriation``, ``note_b``, …),
    ``row`` the account (``540.01``) or the printed label (``Sum utgiftsført``),
    ``column`` the column key (``accounted``) or the year (``2021``).
    """

    __repr__ = field_repr

    statement: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"{self.statement} {self.row} {self.column}"


@frozen
class Message:
    """A message in Norwegian (default) and English."""

    __repr__ = field_repr

    no: str
    en: str

    def get(self, language: str = "no") -> str:
        return self.en if language == "en" else self.no


@frozen
class Finding:
    """One check on one printed figure (funn).

    ``published`` is the printed figure (``None``: printed empty or "-"), ``expected`` the
    figure derived from other printed figures, from raw inputs, or the bound a rule sets
    (``relation`` says which: ``=``, ``≤``, ``≥``); ``difference = published − expected``;
    ``tolerance`` the rounding allowed for this figure; ``location`` where the printed
    figure stands (file, line, column). ``terms`` are the printed figures the expected
    figure was computed from.
    """

    __repr__ = field_repr

    rule: str
    severity: Severity
    status: Status
    cell: CellRef
    published: Money | None
    expected: Money | None
    tolerance: Money
    message: Message
    location: Location | None = None
    relation: Relation = Relation.EQUAL
    terms: tuple[CellRef, ...] = field(default=(), converter=_cells)
    # For a finding about raw inputs: the key path of the value in format v1
    # (``("reallocation", 1, "amount")``), so that a reader can point at it; and what to do.
    path: tuple[str | int, ...] = field(default=(), converter=_path)
    hint: Message | None = None
    # Why the expected figure is what it is: the computation's own record (raw → printed findings).
    because: Term | None = field(default=None, eq=False, repr=False, metadata={"json": False})

    @property
    def statement(self) -> str:
        return self.cell.statement

    @property
    def row(self) -> str:
        return self.cell.row

    @property
    def column(self) -> str:
        return self.cell.column

    @property
    def difference(self) -> Money | None:
        """Printed minus expected; ``None`` when either is missing."""
        if self.published is None or self.expected is None:
            return None
        return self.published - self.expected

    @property
    def is_error(self) -> bool:
        """An error finding: a rule of severity error is broken (a figure that disagrees is one).

        A broken rule of severity warning (a limit exceeded) has status ``error`` for its figure
        but is a warning: correct figures that need an explanation.
        """
        return self.severity is Severity.ERROR

    @property
    def is_problem(self) -> bool:
        """Errors and warnings: what a reader must act on."""
        return self.is_error or self.severity is Severity.WARNING

    def names(self, cell: CellRef) -> bool:
        """This finding is about ``cell``: its figure, or a figure computed from it."""
        return cell == self.cell or cell in self.terms

    def as_dict(self, language: str = "no") -> dict[str, Any]:
        """Stable keys for JSON; amounts in kroner (øre as a decimal string when there are øre)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "status": self.status.value,
            "statement": self.statement,
            "row": self.row,
            "column": self.column,
            "published": _json_amount(self.published),
            "expected": _json_amount(self.expected),
            "relation": self.relation.value,
            "difference": _json_amount(self.difference),
            "tolerance": _json_amount(self.tolerance),
            "message": self.message.get(language),
            "location": None if self.location is None else {
                "file": self.location.file, "line": self.location.line, "column": self.location.column},
            "terms": [{"statement": t.statement, "row": t.row, "column": t.column} for t in self.terms],
            "field": input_field(self.path) or None,
            "hint": None if self.hint is None else self.hint.get(language),
        }

    def describe(self) -> str:
        """One readable line (English) for assertion messages."""
        where = str(self.location) if self.location else "<no location>"
        return (f"{where}: {self.rule}: {self.cell}: published {_shown(self.published)}, "
                f"expected {self.relation.value} {_shown(self.expected)}, "
                f"difference {_shown(self.difference)} (tolerance {self.tolerance.format()}): {self.message.en}")


@frozen
class Rule:
    """A check of verify as data: stable id, title, severity when broken, and its sources.

    ``sources`` are ids of :data:`statsbudsjett.rules.sources.SOURCES` (``S1``, ``R-115``, …).
    """

    __repr__ = field_repr

    id: str
    title: Message
    severity: Severity
    sources: tuple[str, ...] = field(converter=_strings)
    evidence: Evidence = Evidence.INFERRED  # how firm the rule is (RULES.md § 0)

    def compare(
        self,
        cell: CellRef,
        published: Money | None,
        expected: Money | None,
        tolerance: Money,
        message: Message,
        *,
        location: Location | None = None,
        relation: Relation = Relation.EQUAL,
        terms: Iterable[CellRef] = (),
        path: Iterable[str | int] = (),
        hint: Message | None = None,
        printed: bool = True,
    ) -> Finding:
        """A finding comparing a printed figure with the expected figure (or bound).

        Within the bound: severity ``info``; outside it: this rule's severity. ``printed=False``
        compares amounts of the raw inputs, exact to the øre (see :func:`~statsbudsjett.tolerance.classify`).
        """
        status = classify(published, expected, tolerance, relation, printed=printed)
        severity = self.severity if status is Status.ERROR else Severity.INFO
        return Finding(self.id, severity, status, cell, published, expected, tolerance, message,
                       location, relation, _cells(terms), _path(path), hint)

    def broken(
        self,
        cell: CellRef,
        message: Message,
        *,
        published: Money | None = None,
        expected: Money | None = None,
        relation: Relation = Relation.EQUAL,
        path: Iterable[str | int] = (),
        hint: Message | None = None,
        location: Location | None = None,
        terms: Iterable[CellRef] = (),
    ) -> Finding:
        """A finding that this rule is broken, with this rule's severity."""
        return Finding(self.id, self.severity, Status.ERROR, cell, published, expected, Money(0), message,
                       location, relation, _cells(terms), _path(path), hint)

    def explained(self, cell: CellRef, published: Money | None, message: Message, *,
                  location: Location | None = None, path: Iterable[str | int] = ()) -> Finding:
        """A finding (severity ``info``) that what this rule warns about is explained, and how."""
        return Finding(self.id, Severity.INFO, Status.EXACT, cell, published, published, Money(0), message,
                       location, Relation.EQUAL, (), _path(path))

    def note(
        self,
        cell: CellRef,
        published: Money | None,
        message: Message,
        *,
        status: Status = Status.EXACT,
        location: Location | None = None,
        terms: Iterable[CellRef] = (),
    ) -> Finding:
        """A finding of this rule's severity about figures that agree (e.g. an overspend to explain)."""
        return Finding(self.id, self.severity, status, cell, published, published, Money(0), message,
                       location, Relation.EQUAL, _cells(terms))


def input_field(path: Iterable[str | int]) -> str:
    """A key path as written in format v1: ``revenue_authorisation[1].income[0]``, ``expense."540.01".allocated``."""
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            if parts:
                parts[-1] += f"[{part}]"
            else:
                parts.append(f"[{part}]")
        elif part and part.replace("_", "").replace("-", "").isalnum() and part.isascii():
            parts.append(part)  # a bare key
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'"{escaped}"')
    return ".".join(parts)


def _shown(amount: Money | None) -> str:
    return "empty" if amount is None else amount.format(decimals=not amount.is_whole_kroner)


def _json_amount(amount: Money | None) -> int | Decimal | None:
    return None if amount is None else amount.to_json_number()
