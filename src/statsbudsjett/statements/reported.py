"""Netto rapportert and Sum rapportert: the two totals of the bevilgningsrapportering (RULES.md § 9.4).

Computed from the agency-year's lines alone, so that the balance rule
(:func:`statsbudsjett.validation.figures.balance`), which every statement runs first,
checks them without building the statement: its rows and the explanation of every figure
would cost every command's start-up (docs/performance.md). The statement
(:func:`.appropriation.compute_appropriation_report`) computes the same two figures with
their explanations; a property test (``tests/test_properties.py``)
keeps the two equal.
"""

from __future__ import annotations

from ..model import AgencyYear
from ..money import Money

__all__ = ["net_reported", "total_reported"]


def net_reported(year: AgencyYear) -> Money:
    """Netto rapportert til bevilgningsregnskapet = sum utgiftsført − sum inntektsført."""
    return Money.total(line.accounted for line in year.expense) - Money.total(line.accounted for line in year.income)


def total_reported(year: AgencyYear, net: Money | None = None) -> Money:
    """Sum rapportert = netto rapportert + kapitalkontoer + endring i mellomværende (0 when the
    accounts balance). ``net`` is :func:`net_reported` of the year, when the caller has it."""
    capital = Money.total(c.amount for c in year.capital_accounts)
    change = year.treasury_balance.change if year.treasury_balance is not None else Money(0)
    return (net_reported(year) if net is None else net) + capital + change
