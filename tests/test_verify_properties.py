"""Verify catches real errors and raises no false ones.

* Change any single printed figure of Digdir 2021 by more than its tolerance: verify reports
  an error naming that figure, or a figure computed from it. Change none: no error.
* Random consistent agency-years (raw inputs in øre), printed rounded to whole kroner by
  ``publish``: verify reports no error, only exact figures and rounding differences.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsbudsjett import Money
from statsbudsjett.errors import Severity
from statsbudsjett.findings import CellRef, Relation, Status
from statsbudsjett.io.examples import example_path
from statsbudsjett.io.published_reader import read_published
from statsbudsjett.published import Figure, PublishedReport, publish
from statsbudsjett.verification import verify_report
from statsbudsjett.verification.registry import RULES
from strategies import valid_agency_years

# Bounds stated in the report's text, not figures of a statement: a higher limit, or fewer
# commitments, breaks nothing (they are checked as bounds, ≤, not as sums).
BOUNDS = {("chargeback", "limit"), ("commitment", "limit"), ("commitment", "commitments")}


@pytest.fixture(scope="module")
def printed() -> PublishedReport:
    """Digdir 2021 as printed, without its raw inputs: only the printed figures check each other."""
    return attrs.evolve(read_published(example_path("digdir-2021/published.toml")), raw=None)


@pytest.fixture(scope="module")
def tolerances(printed: PublishedReport) -> dict[CellRef, Money]:
    """Each figure's tolerance: that of the tightest check it is a term of, plus the rounding
    difference that check already shows (Note 3's sum is 1 kr off: a change of 6 kr to a
    line may bring it back within its 6 kr). Bounds (≤, ≥) are one-sided, and warnings are
    not errors: neither is counted.
    """
    found: dict[CellRef, Money] = {}
    for finding in verify_report(printed).findings:
        if finding.relation is not Relation.EQUAL or RULES[finding.rule].severity is not Severity.ERROR:
            continue
        margin = finding.tolerance + abs(finding.difference or Money(0))
        for cell in (finding.cell, *finding.terms):
            found[cell] = min(found.get(cell, margin), margin)
    return found


def figures(report: PublishedReport) -> list[CellRef]:
    return [cell for cell, _ in report.figures() if (cell.statement, cell.column) not in BOUNDS]


def changed(report: PublishedReport, cell: CellRef, change: Money) -> PublishedReport:
    return report.with_figure(cell, Figure(report.figure(cell).amount + change, location=report.figure(cell).location))


def errors_naming(report: PublishedReport, cell: CellRef) -> list[str]:
    return [f.describe() for f in verify_report(report).errors if f.names(cell)]


def test_unchanged_digdir_has_no_error(printed):
    assert verify_report(printed).errors == ()


def test_every_figure_takes_part_in_a_check(printed, tolerances):
    assert [c for c in figures(printed) if c not in tolerances] == []


def test_every_printed_figure_changed_just_beyond_its_tolerance_is_an_error(printed, tolerances):
    missed = [cell for cell in figures(printed)
              if not errors_naming(changed(printed, cell, tolerances[cell] + Money.kroner(1)), cell)]
    assert missed == []


@settings(max_examples=60)
@given(data=st.data())
def test_any_change_beyond_the_tolerance_is_an_error(printed, tolerances, data):
    cell = data.draw(st.sampled_from(figures(printed)))
    size = data.draw(st.integers(tolerances[cell].round_kroner() + 1, 10**9))
    sign = data.draw(st.sampled_from([1, -1]))
    assert errors_naming(changed(printed, cell, Money.kroner(sign * size)), cell)


def test_a_change_is_also_caught_against_the_raw_inputs():
    report = read_published(example_path("digdir-2021/published.toml"))
    cell = CellRef("note_a", "540.21", "allocated")
    rules = {f.rule for f in verify_report(changed(report, cell, Money.kroner(1))).errors if f.names(cell)}
    assert rules == {"raw.recomputed"}  # 1 kr is within Note A's own rounding; not within the raw figure's
    rules = {f.rule for f in verify_report(changed(report, cell, Money.kroner(2))).errors if f.names(cell)}
    assert {"raw.recomputed", "note_a.total-allocation"} <= rules


@given(valid_agency_years())
def test_random_agency_years_printed_in_whole_kroner_verify_without_errors(year):
    result = verify_report(publish(year))
    assert [f.describe() for f in result.errors] == []
    # A figure off beyond its tolerance is an error; only a warning (a limit exceeded) has status error.
    assert {f.status for f in result.findings if f.severity is not Severity.WARNING} <= {Status.EXACT, Status.ROUNDING}
    assert any(f.rule == "raw.recomputed" for f in result.findings)


@settings(max_examples=40)
@given(valid_agency_years())
def test_printed_figures_round_trip_through_the_file_format(year):
    from statsbudsjett.io.published_reader import read_published
    from statsbudsjett.io.published_writer import dump_published

    printed = publish(year)
    again = read_published(dump_published(printed), file="published.toml")
    assert attrs.evolve(again, raw=year) == printed
