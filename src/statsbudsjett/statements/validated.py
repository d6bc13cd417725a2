"""The statements of a valid agency-year: validate, then compute.

Each function validates the year first (:func:`statsbudsjett.validation.validate`) and
raises :class:`~statsbudsjett.validation.InvalidYearError` (an
:class:`~statsbudsjett.errors.InputError`) listing the errors, so that a year built in
Python gets the same verdict as one read from a file, never a wrong figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import AgencyYear
from ..rules import YearParameters, parameters_for
from ..validation import require_valid
from .transfer_note import NoteB, compute_note_b

if TYPE_CHECKING:
    from .allocation_note import NoteA
    from .appropriation import AppropriationReport

__all__ = ["appropriation_report", "note_a", "note_b"]


def appropriation_report(year: AgencyYear, parameters: YearParameters | None = None) -> AppropriationReport:
    """Oppstilling av bevilgningsrapportering of a valid agency-year."""
    from .appropriation import compute_appropriation_report  # here: printing Note B alone does not load it

    require_valid(year, parameters)
    return compute_appropriation_report(year)


def note_a(year: AgencyYear, parameters: YearParameters | None = None) -> NoteA:
    """Note A (forklaring av samlet tildeling) of a valid agency-year; it needs no rules of the year."""
    from .allocation_note import compute_note_a  # here: printing Note B alone does not load Note A (start-up)

    require_valid(year, parameters)
    return compute_note_a(year)


def note_b(year: AgencyYear, parameters: YearParameters | None = None) -> NoteB:
    """Note B of a valid agency-year, with ``parameters`` (default: the fiscal year's, with the
    year's ``[rules]`` choices applied). Raises :class:`~statsbudsjett.rules.RuleYearError` for a
    fiscal year the rules do not cover."""
    params = parameters if parameters is not None else parameters_for(year.fiscal_year, year.rules)
    require_valid(year, params)
    return compute_note_b(year, params)
