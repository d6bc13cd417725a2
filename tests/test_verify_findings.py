"""Findings as data and the derived rounding tolerance (verify's building blocks)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statsbudsjett import Location, Money
from statsbudsjett.errors import Severity
from statsbudsjett.findings import CellRef, Message, Relation, Rule, Status
from statsbudsjett.tolerance import classify, rounding_tolerance
from statsbudsjett.verification import VerifyReport

RULE = Rule("test.sum", Message("Summen stemmer", "The sum adds up"), Severity.ERROR, ["R-115"])
CELL = CellRef("note_a", "Sum", "total")
kr = Money.kroner


@pytest.mark.parametrize(("terms", "tolerance"), [(0, 0), (1, 0), (2, 1), (3, 2), (4, 2), (13, 7)])
def test_tolerance_is_half_the_terms_plus_one_rounded_down(terms, tolerance):
    """One term is the same amount printed twice: it must match exactly."""
    assert rounding_tolerance(terms) == kr(tolerance)


@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=30))
def test_tolerance_bounds_every_rounding_of_a_sum(ore_terms):
    """Printed terms and the printed total, each rounded from øre, never differ by more than the bound."""
    printed_terms = sum(Money(o).round_kroner() for o in ore_terms)
    printed_total = Money(sum(ore_terms)).round_kroner()
    assert abs(printed_total - printed_terms) <= rounding_tolerance(len(ore_terms)).round_kroner()


@pytest.mark.parametrize(("published", "expected", "relation", "status"), [
    (kr(10), kr(10), Relation.EQUAL, Status.EXACT),
    (kr(11), kr(10), Relation.EQUAL, Status.ROUNDING),
    (kr(12), kr(10), Relation.EQUAL, Status.ERROR),
    (None, kr(0), Relation.EQUAL, Status.EXACT),       # "-" for nothing
    (None, kr(5), Relation.EQUAL, Status.ERROR),       # a missing figure
    (None, None, Relation.EQUAL, Status.EXACT),        # empty where nothing is expected
    (kr(3), None, Relation.EQUAL, Status.ERROR),       # a figure where none belongs
    (kr(10), Money.parse("10.49"), Relation.EQUAL, Status.EXACT),  # 10.49 prints as 10
    (kr(9), kr(10), Relation.AT_MOST, Status.EXACT),
    (kr(11), kr(10), Relation.AT_MOST, Status.ROUNDING),
    (kr(13), kr(10), Relation.AT_MOST, Status.ERROR),
    (kr(13), None, Relation.AT_MOST, Status.EXACT),    # no bound
    (kr(8), kr(10), Relation.AT_LEAST, Status.ERROR),
])
def test_classify(published, expected, relation, status):
    assert classify(published, expected, kr(1), relation) is status


def test_a_finding_carries_everything_a_reader_needs():
    location = Location("published.toml", 12, 7, "total = 13")
    finding = RULE.compare(CELL, kr(13), kr(10), rounding_tolerance(2), Message("feil", "wrong"),
                           location=location, terms=[CellRef("note_a", "540.01", "total")])
    assert (finding.status, finding.severity, finding.difference) == (Status.ERROR, Severity.ERROR, kr(3))
    assert finding.names(CellRef("note_a", "540.01", "total")) and not finding.names(CellRef("x", "y", "z"))
    assert finding.as_dict("en") == {
        "rule": "test.sum", "severity": "error", "status": "error", "statement": "note_a", "row": "Sum",
        "column": "total", "published": 13, "expected": 10, "relation": "=", "difference": 3, "tolerance": 1,
        "message": "wrong", "location": {"file": "published.toml", "line": 12, "column": 7},
        "terms": [{"statement": "note_a", "row": "540.01", "column": "total"}],
        "field": None, "hint": None,
    }


def test_a_passing_check_is_info_and_a_note_keeps_the_rule_severity():
    assert RULE.compare(CELL, kr(11), kr(10), kr(1), Message("", "")).severity is Severity.INFO
    warning = Rule("test.warn", Message("", ""), Severity.WARNING, ["S1"])
    note = warning.note(CELL, kr(-5), Message("overskridelse", "overspend"))
    assert (note.status, note.severity, note.is_error, note.is_problem) == (Status.EXACT, Severity.WARNING, False, True)


def test_raise_for_errors_lists_every_error_with_figure_and_location():
    bad = RULE.compare(CELL, kr(13), kr(10), kr(1), Message("feil", "does not add up"),
                       location=Location("p.toml", 4, 9))
    other = RULE.compare(CellRef("note_a", "540.21", "total"), kr(5), kr(1), kr(1), Message("", "off"),
                         location=Location("p.toml", 9, 9))
    fine = RULE.compare(CELL, kr(11), kr(10), kr(1), Message("", ""))
    report = VerifyReport([bad, fine, other], figures=3)
    with pytest.raises(AssertionError) as raised:
        report.raise_for_errors()
    assert str(raised.value).splitlines() == [
        "verify found 2 errors:",
        "  p.toml:4:9: test.sum: note_a Sum total: published 13, expected = 10, difference 3 (tolerance 1): "
        "does not add up",
        "  p.toml:9:9: test.sum: note_a 540.21 total: published 5, expected = 1, difference 4 (tolerance 1): off",
    ]
    VerifyReport([fine]).raise_for_errors()  # nothing to raise
    assert report.summary.as_dict() == {"figures": 3, "checks": 3, "exact": 0, "rounding": 1, "errors": 2,
                                        "warnings": 0}
