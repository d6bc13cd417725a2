"""What every check needs: a rule declared as data, and a printed figure compared with its terms."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from attrs import frozen

from ...findings import CellRef, Finding, Message, Relation, Rule, Severity
from ...money import Money
from ...published.report import PublishedReport
from ...reprs import field_repr
from ...tolerance import rounding_tolerance

__all__ = ["Check", "Term", "compare_with_terms", "counted", "rule"]

Term = tuple[int, CellRef]  # (sign, the printed figure)


@frozen
class Check:
    """A rule of verify and the function that applies it to a published report."""

    __repr__ = field_repr

    rule: Rule
    group: str  # arithmetic, cross-statement, rules, raw
    run: Callable[[PublishedReport, Rule], Iterable[Finding]]


def rule(id: str, norwegian: str, english: str, sources: Sequence[str],
         severity: Severity = Severity.ERROR) -> Rule:
    return Rule(id, Message(norwegian, english), severity, tuple(sources))


def counted(report: PublishedReport, cells: Iterable[CellRef]) -> int:
    """How many of the cells are printed (a figure or "-"); a cell left empty is exactly nothing."""
    return sum(1 for c in cells if (f := report.figure(c)).value is not None or f.dash)


def compare_with_terms(report: PublishedReport, rule: Rule, cell: CellRef, terms: Sequence[Term],
                       message: Message | None = None, *, expect_empty: bool = False) -> Finding | None:
    """Compare the printed figure at ``cell`` with the signed sum of the printed ``terms``.

    The tolerance is derived from the number of terms. ``None`` when there is
    nothing to check: the cell and all its terms are left empty. ``expect_empty``: no
    figure belongs in the cell (e.g. the mer-/mindre column of a felleskapittel line).
    """
    figure = report.figure(cell)
    if not expect_empty and figure.value is None and not figure.dash and counted(report, [c for _, c in terms]) == 0:
        return None
    expected = None if expect_empty else Money.total(
        report.figure(c).amount if sign > 0 else -report.figure(c).amount for sign, c in terms)
    # Every term counts, printed or not: Note B leaves a cell empty for an amount that rounds to 0.
    return rule.compare(cell, figure.value, expected, rounding_tolerance(len(terms)), message or rule.title,
                        location=figure.location, relation=Relation.EQUAL,
                        terms=[] if expect_empty else [c for _, c in terms])
