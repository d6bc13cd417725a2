"""Rule parameters that depend on the fiscal year, as data (RULES.md § 10).

A calculation never writes 5 % or "three years" as a literal: it asks
:func:`parameters_for` for the year's :class:`YearParameters`. A year outside
the table raises :class:`RuleYearError`, so that a new year's figures are never
computed with rules nobody has checked for it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from attrs import frozen

from ..errors import StatsbudsjettError
from .sources import Evidence, Source, cite

__all__ = ["PARAMETERS", "RuleYearError", "YearParameters", "parameters_for", "percent"]

THIRD: Final = Fraction(1, 3)


class RuleYearError(StatsbudsjettError, ValueError):
    """The rules have no parameters for the fiscal year asked for."""


@frozen
class Parameter:
    """Documentation of one parameter: where it comes from and how firm it is."""

    name: str
    sources: tuple[Source, ...]
    evidence: Evidence
    note: str = ""


@frozen
class YearParameters:
    """The parameters in force for fiscal years ``first``–``last`` (inclusive)."""

    first: int
    last: int
    # Share of årets tildelinger that may be carried on a 5 %-post (S1, S6: since 1985).
    five_percent_share: Fraction = Fraction(5, 100)
    # Posts with the 5 % rule, and posts excluded from it (post 24, DFØ's template [RECALL]).
    five_percent_posts: range = range(1, 30)
    five_percent_excluded_posts: frozenset[int] = frozenset({24})
    # «kan overføres»: unused money may be carried for this many budget years (§ 5, S11).
    transferable_years: int = 2
    # Omdisponering 01→45 and forskuttering on 01/21: at most this share of the post (S8).
    reallocation_share: Fraction = Fraction(5, 100)
    reallocation_from_post: int = 1
    reallocation_to_post: int = 45
    advance_posts: frozenset[int] = frozenset({1, 21})
    # Savings after a forskuttering made this year: period and cumulative minimum shares.
    savings_period: int = 3
    savings_minimum: tuple[Fraction, ...] = (THIRD, 2 * THIRD, Fraction(1))

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last


# Rows in year order; the last row's ``last`` is the newest year the rules are known for.
PARAMETERS: Final = (
    # New bevilgningsreglement from 2006 (S5); innsparing period three years since 2002 (S6).
    YearParameters(2006, 2016),
    # Prøveordning: five-year innsparing period for forskutteringer made 2017–2022 (S8, S5).
    # Only the final requirement is known for it (open question 11.8): all saved by year five.
    YearParameters(2017, 2022, savings_period=5,
                   savings_minimum=(Fraction(0), Fraction(0), Fraction(0), Fraction(0), Fraction(1))),
    # From 2023 the ordinary three-year period again (R-110 of 20.06.2023, S5).
    YearParameters(2023, 2026),
)

DOCUMENTATION: Final = (
    Parameter("five_percent_share", cite("S1", "S6"), Evidence.SEEN,
              "Inntil 5 prosent av ubrukt bevilgning på driftsposter kan overføres (S1)"),
    Parameter("five_percent_posts / excluded post 24", cite("S1"), Evidence.RECALL,
              "posts 01–29 without «kan overføres», not post 24, not overslagsbevilgning"),
    Parameter("transferable_years", cite("S11"), Evidence.SEEN,
              "ikke mer enn sum bevilgninger for årene 1997 og 1998 (R-1/99)"),
    Parameter("reallocation_share", cite("S8"), Evidence.SEEN,
              "omdisponere inntil 5 pst. av bevilgningen under post 01 … til post 45"),
    Parameter("savings_period", cite("S5", "S6", "S8"), Evidence.SEEN,
              "3 years; 5 years for forskutteringer made 2017–2022; 3 again from 2023"),
    Parameter("savings_minimum", cite("S8"), Evidence.SEEN,
              "minst en tredjedel … første påfølgende budsjettår, minst to tredjedeler samlet "
              "ved utløpet av andre budsjettår; five-year schedule not known (INFERRED: only the end)"),
)


def percent(share: Fraction) -> str:
    """A share as people write it in a message: ``Fraction(5, 100)`` → ``"5 %"``, exactly."""
    value = share * 100
    shown = str(value.numerator) if value.denominator == 1 else f"{Decimal(value.numerator) / value.denominator:f}"
    return f"{shown} %"


def parameters_for(year: int) -> YearParameters:
    """The parameters in force in ``year``; :class:`RuleYearError` when no row covers it."""
    for row in PARAMETERS:
        if row.covers(year):
            return row
    raise RuleYearError(
        f"the rules cover fiscal years {PARAMETERS[0].first}–{PARAMETERS[-1].last}, not {year}; "
        "check that year's R-2 circular and add a row to statsbudsjett.rules.parameters.PARAMETERS"
    )
