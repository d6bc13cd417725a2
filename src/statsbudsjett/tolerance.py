"""Rounding-aware comparison: the tolerance is derived, never a magic number (DESIGN.md).

A figure printed in whole kroner was rounded from øre, so it is within ½ kr of the true
amount. A figure computed from ``n`` printed terms is within ``n/2`` kr of the truth, and
the printed total within ½ kr; the two can differ by up to ``(n + 1)/2`` kr, and since
both are whole kroner by at most ``⌊(n + 1)/2⌋`` kr. One term is the exception: a figure
"computed" from one printed figure is the same amount printed twice, rounded the same
way, so it must match exactly (tolerance 0, as for ``n = 0``). A figure computed from raw
inputs follows the same rule with ``n`` the number of raw amounts it is built from (each
may itself be a transcription of a printed figure).
"""

from __future__ import annotations

import enum

from .money import ORE_PER_KRONE, Money

__all__ = ["PRINTED_ROUNDING", "Relation", "Status", "classify", "rounding_tolerance"]

# How far a figure printed in whole kroner may lie from the amount it was rounded from.
PRINTED_ROUNDING = Money(ORE_PER_KRONE // 2)


class Status(enum.Enum):
    """How a printed figure compares with the expected one."""

    EXACT = "exact"  # equal (or the expected figure rounded to whole kroner)
    ROUNDING = "rounding"  # off by no more than the derived rounding tolerance
    ERROR = "error"  # off by more


class Relation(enum.Enum):
    """What the expected figure is: the figure itself, or a bound set by a rule."""

    EQUAL = "="
    AT_MOST = "≤"
    AT_LEAST = "≥"


def rounding_tolerance(terms: int) -> Money:
    """⌊(n + 1)/2⌋ kr: how far a printed figure may lie from the sum of ``terms`` printed terms.

    A single term is the same amount printed twice: no tolerance.

    >>> [rounding_tolerance(n).round_kroner() for n in range(6)]
    [0, 0, 1, 2, 2, 3]
    """
    if terms < 0:
        raise ValueError(f"a figure is computed from 0 or more terms, not {terms}")
    return Money.kroner((terms + 1) // 2 if terms > 1 else 0)


def classify(published: Money | None, expected: Money | None, tolerance: Money,
             relation: Relation = Relation.EQUAL, *, printed: bool = True) -> Status:
    """Compare a printed figure with the expected figure or bound.

    ``None`` is a cell printed empty or "-". Where a figure is expected, an empty cell
    counts as zero (DFØ prints "-" for nothing); where none is expected (``expected`` is
    ``None`` under ``=``), any non-zero figure is an error. A bound of ``None`` is no bound.
    A figure printed in whole kroner equals the expected one rounded to whole kroner; with
    ``printed=False`` (an amount of the raw inputs, exact to the øre) only equality is exact.
    """
    if expected is None:
        if relation is not Relation.EQUAL or published is None or not published:
            return Status.EXACT
        return Status.ERROR
    value = published if published is not None else Money(0)
    if relation is Relation.EQUAL:
        rounded_alike = printed and value.is_whole_kroner and value.round_kroner() == expected.round_kroner()
        if value == expected or rounded_alike:
            return Status.EXACT
        excess = abs(value - expected)
    elif relation is Relation.AT_MOST:
        if value <= expected:
            return Status.EXACT
        excess = value - expected
    else:
        if value >= expected:
            return Status.EXACT
        excess = expected - value
    return Status.ROUNDING if excess <= tolerance else Status.ERROR
