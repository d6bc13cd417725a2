"""Run every input check, in a fixed order; refuse a year with errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..errors import InputError, Location, Problem, Severity, UsageError
from ..findings import Finding, Relation, input_field
from ..memo import remember_last
from ..model import AgencyYear
from ..rules import RuleYearError, YearParameters, parameters_for
from .authorisations import authorisation_limits, revenue_backed_twice, revenue_split
from .context import YearContext
from .figures import balance, driftsresultat_signs, negative_allocations, overspend
from .reallocations import reallocation_limits, reallocation_posts
from .references import references, underposts, usable_under_targets

__all__ = ["CHECKS", "InvalidYearError", "problem", "require_valid", "validate"]

Check = Callable[[YearContext], Iterable[Finding]]

# Structure first: the checks on figures compute statements, which need every reference to hold.
STRUCTURE: tuple[Check, ...] = (references, underposts)
FIGURES: tuple[Check, ...] = (revenue_backed_twice, revenue_split, reallocation_posts, reallocation_limits,
                              authorisation_limits, negative_allocations, driftsresultat_signs, balance,
                              overspend, usable_under_targets)
CHECKS: tuple[Check, ...] = (*STRUCTURE, *FIGURES)


class InvalidYearError(InputError):
    """An agency-year that breaks a rule of severity error; carries the findings and, as
    :class:`~statsbudsjett.errors.InputError`, the same problems as located messages."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = tuple(findings)
        super().__init__(problem(f) for f in self.findings)


def validate(year: AgencyYear, parameters: YearParameters | None = None) -> list[Finding]:
    """Every finding of the input rules about ``year``: errors, warnings and notes (``info``).

    ``parameters`` defaults to the fiscal year's, with the year's ``[rules]`` choices; for a
    fiscal year the rules do not cover, the checks that need them are skipped.
    """
    if not isinstance(year, AgencyYear):
        raise UsageError(f"validate: expected an AgencyYear, not {type(year).__name__}")
    if parameters is None:
        try:
            parameters = parameters_for(year.fiscal_year, year.rules)
        except RuleYearError:
            parameters = None
    return list(_findings(year, parameters))


@remember_last  # every statement validates its year first, and the reader has validated it already
def _findings(year: AgencyYear, parameters: YearParameters | None) -> tuple[Finding, ...]:
    ctx = YearContext.of(year, parameters)
    findings = [f for check in STRUCTURE for f in check(ctx)]
    if not any(f.is_error for f in findings):
        findings += [f for check in FIGURES for f in check(ctx)]
    return tuple(findings)


def require_valid(year: AgencyYear, parameters: YearParameters | None = None) -> list[Finding]:
    """The findings of :func:`validate`; raises :class:`InvalidYearError` when one is an error."""
    findings = validate(year, parameters)
    if any(f.is_error for f in findings):
        raise InvalidYearError(f for f in findings if f.is_error)
    return findings


_RELATION_WORDS = {Relation.EQUAL: "", Relation.AT_MOST: "at most ", Relation.AT_LEAST: "at least "}


def problem(finding: Finding) -> Problem:
    """A finding about raw inputs as a located problem (English, as the readers write them)."""
    severity = Severity.ERROR if finding.is_error else finding.severity
    found = expected = None
    if finding.published is not None and finding.expected is not None:
        relation = _RELATION_WORDS[finding.relation]
        expected, found = f"{relation}{finding.expected}", str(finding.published)
    return Problem(finding.message.en, finding.location or Location(), severity, expected, found,
                   None if finding.hint is None else finding.hint.en, input_field(finding.path) or None)
