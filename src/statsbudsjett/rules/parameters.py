"""Rule parameters that depend on the fiscal year, as data (RULES.md § 10).

A calculation never writes 5 % or "three years" as a literal: it asks
:func:`parameters_for` for the year's :class:`YearParameters`. A year outside
the table raises :class:`RuleYearError`, so that a new year's figures are never
computed with rules nobody has checked for it. Every parameter carries its sources
and evidence tag in its field metadata (:func:`documentation`), checked by a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs
from attrs import field, frozen

from ..choices import NegativeBasis, RuleChoices, UsableUnder
from ..errors import StatsbudsjettError
from ..reprs import field_repr
from .sources import Evidence, Source, cite

__all__ = ["PARAMETERS", "Parameter", "RuleYearError", "YearParameters", "documentation", "parameters_for",
           "percent"]

THIRD: Final = Fraction(1, 3)


class RuleYearError(StatsbudsjettError, ValueError):
    """The rules have no parameters for the fiscal year asked for."""


def _cited(sources: tuple[str, ...], evidence: Evidence, note: str) -> dict[str, Any]:
    """A parameter's documentation, kept in its field's metadata."""
    return {"sources": sources, "evidence": evidence, "note": note}


@frozen
class Parameter:
    """Documentation of one parameter: where it comes from and how firm it is."""

    __repr__ = field_repr

    name: str
    sources: tuple[Source, ...]
    evidence: Evidence
    note: str = ""


def _posts(values: Iterable[int]) -> frozenset[int]:
    return frozenset(values)  # immutable all the way down: the parameters are a key of statsbudsjett.memo


def _shares(values: Iterable[Fraction]) -> tuple[Fraction, ...]:
    return tuple(values)


@frozen
class YearParameters:
    """The parameters in force for fiscal years ``first``–``last`` (inclusive)."""

    __repr__ = field_repr

    first: int
    last: int
    five_percent_share: Fraction = field(default=Fraction(5, 100), metadata=_cited(
        ("S1", "S6"), Evidence.SEEN,
        "Inntil 5 prosent av ubrukt bevilgning på driftsposter kan overføres (S1); since 1985 (S6)"))
    five_percent_posts: range = field(default=range(1, 30), metadata=_cited(
        ("S1",), Evidence.RECALL, "posts 01–29 without «kan overføres» and not overslagsbevilgning"))
    five_percent_excluded_posts: frozenset[int] = field(default=frozenset({24}), converter=_posts, metadata=_cited(
        ("S1",), Evidence.RECALL, "post 24 (driftsresultat) has no 5 % transfer (DFØ's template)"))
    transferable_years: int = field(default=2, metadata=_cited(
        ("S11",), Evidence.SEEN, "ikke mer enn sum bevilgninger for årene 1997 og 1998 (R-1/99)"))
    reallocation_share: Fraction = field(default=Fraction(5, 100), metadata=_cited(
        ("S8",), Evidence.SEEN,
        "omdisponere inntil 5 pst. av bevilgningen under post 01 … til post 45; forskuttering med inntil 5 pst."))
    reallocation_from_post: int = field(default=1, metadata=_cited(
        ("S8", "S11"), Evidence.SEEN, "omdisponering fra post 01"))
    reallocation_to_post: int = field(default=45, metadata=_cited(("S8", "S11"), Evidence.SEEN, "… til post 45"))
    advance_posts: frozenset[int] = field(default=frozenset({1, 21}), converter=_posts, metadata=_cited(
        ("S8",), Evidence.SEEN, "overskride bevilgninger under post 01 og post 21"))
    savings_period: int = field(default=3, metadata=_cited(
        ("S5", "S6", "S8"), Evidence.SEEN, "3 years; 5 years for forskutteringer made 2017–2022; 3 again from 2023"))
    savings_minimum: tuple[Fraction, ...] = field(default=(THIRD, 2 * THIRD, Fraction(1)), converter=_shares,
                                                   metadata=_cited(
        ("S8",), Evidence.SEEN,
        "minst en tredjedel … første påfølgende budsjettår, minst to tredjedeler samlet ved utløpet av andre "
        "budsjettår; five-year schedule not known (INFERRED: only the end)"))
    negative_basis: NegativeBasis = field(default=NegativeBasis.EMPTY, metadata=_cited(
        ("DIGDIR-2021",), Evidence.INFERRED,
        "v1 decision 1: a negative basis on a 5 %-post is not carried (Digdir 540.22 left empty); open question 11.1"))
    usable_under: UsableUnder = field(default=UsableUnder.PER_POST, metadata=_cited(
        ("S17",), Evidence.INFERRED,
        "v1 decision 5: Note B per post; an overspend covered by the partner's underspend is explained; "
        "open question 11.5"))

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last

    def choose(self, choices: RuleChoices) -> YearParameters:
        """These parameters with an agency-year's choices (``[rules]``) applied."""
        return attrs.evolve(
            self,
            negative_basis=choices.negative_basis or self.negative_basis,
            usable_under=choices.usable_under or self.usable_under,
        )

    def chosen(self) -> tuple[str, ...]:
        """The parameters that differ from the v1 decisions, as ``name = value`` (for echoing in outputs)."""
        defaults = {f.name: f.default for f in attrs.fields(YearParameters) if f.name in ("negative_basis",
                                                                                        "usable_under")}
        return tuple(f"{name} = {getattr(self, name).value}" for name, default in defaults.items()
                     if getattr(self, name) is not default)


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


def documentation() -> tuple[Parameter, ...]:
    """Every parameter with its sources and evidence tag, from the fields' metadata."""
    return tuple(Parameter(f.name, cite(*f.metadata["sources"]), f.metadata["evidence"], f.metadata["note"])
                 for f in attrs.fields(YearParameters) if f.metadata)


def percent(share: Fraction) -> str:
    """A share as people write it in a message: ``Fraction(5, 100)`` → ``"5 %"``, exactly."""
    value = share * 100
    shown = str(value.numerator) if value.denominator == 1 else f"{Decimal(value.numerator) / value.denominator:f}"
    return f"{shown} %"


def parameters_for(year: int, choices: RuleChoices | None = None) -> YearParameters:
    """The parameters in force in ``year`` (with ``choices`` applied); :class:`RuleYearError` when no row covers it."""
    for row in PARAMETERS:
        if row.covers(year):
            return row.choose(choices) if choices else row
    raise RuleYearError(
        f"the rules cover fiscal years {PARAMETERS[0].first}–{PARAMETERS[-1].last}, not {year}; "
        "check that year's R-2 circular and add a row to statsbudsjett.rules.parameters.PARAMETERS"
    )
