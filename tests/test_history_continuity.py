"""Continuity across years: every rule holds on the five-year case, and each one can fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from history_cases import FIGURES, M, five_years, with_carried
from statsbudsjett import Money, Severity
from statsbudsjett.findings import Relation, Status
from statsbudsjett.history import CONTINUITY_RULES, history_report

kr = Money.kroner


def findings(history, rule: str):
    return [f for f in history_report(history).findings if f.rule == rule]


def problems(history, rule: str):
    return [f for f in findings(history, rule) if f.is_problem]


def test_the_five_year_case_keeps_every_rule():
    report = history_report(five_years())
    assert report.ok and report.problems == ()
    checked = {f.rule for f in report.findings}
    assert checked == {r.id for r in CONTINUITY_RULES} - {"history.savings-without-advance",
                                                           "history.previous-allocation"}
    assert all(f.severity is Severity.INFO and f.status is Status.EXACT for f in report.findings)


def test_every_rule_has_a_stable_id_a_severity_and_sources():
    assert len({r.id for r in CONTINUITY_RULES}) == len(CONTINUITY_RULES)
    assert all(r.id.startswith("history.") and r.sources and r.title.no and r.title.en for r in CONTINUITY_RULES)


# -- Note A (t+1) equals the decision (t) -------------------------------------------------
def test_carried_over_equals_the_decision():
    [finding] = [f for f in findings(five_years(), "history.carried-equals-decided") if f.row == "1234.45"
                 and f.column == "carried_over 2022"]
    assert (finding.published, finding.expected, finding.status) == (kr(12 * M), kr(12 * M), Status.EXACT)


def test_carried_over_differs_from_the_decision():
    [finding] = problems(five_years(figures=with_carried(2022, 1, 900_000)), "history.carried-equals-decided")
    assert (finding.row, finding.column) == ("1234.01", "carried_over 2022")
    assert (finding.published, finding.expected, finding.difference) == (kr(900_000), kr(M), kr(-100_000))
    assert finding.severity is Severity.ERROR and "vedtatt 1 000 000" in finding.message.no


# -- without a decision: at most the mulig overførbart beløp ------------------------------------
def test_without_a_decision_carried_over_is_at_most_the_transferable_amount():
    [finding] = [f for f in findings(five_years(), "history.carried-within-transferable") if f.row == "1234.21"]
    assert (finding.published, finding.expected, finding.relation) == (kr(1_500_000), kr(1_500_000), Relation.AT_MOST)
    assert finding.status is Status.EXACT


def test_without_a_decision_carrying_more_than_transferable_is_a_warning():
    [finding] = problems(five_years(figures=with_carried(2025, 21, 2 * M)), "history.carried-within-transferable")
    assert (finding.column, finding.published) == ("carried_over 2025", kr(2 * M))
    assert "mulig overførbart fra 2024 er 1 500 000" in finding.message.no
    assert finding.severity is Severity.WARNING and not finding.is_error  # a figure to explain (RULES.md § 9.15)


def test_a_post_that_may_carry_nothing_carries_nothing():
    history = five_years(figures=with_carried(2023, 70, 50_000))
    [finding] = problems(history, "history.carried-within-transferable")
    assert (finding.row, finding.published) == ("1234.70", kr(50_000))
    assert "mulig overførbart fra 2022 er 0" in finding.message.no


def test_money_carried_into_a_post_the_agency_did_not_have():
    figures = {2022: {**{post: v for post, v in FIGURES[2022].items() if post != 70}, 71: (300_000, M, M)}}
    [finding] = problems(five_years(figures=figures), "history.carried-within-transferable")
    assert (finding.row, finding.column, finding.published) == ("1234.71", "carried_over 2022", kr(300_000))
    assert "ingen tildeling på posten i 2021" in finding.message.no and not finding.is_error


# -- a negative transfer on «kan overføres» reduces next year -----------------------------------
def test_a_negative_transfer_reduces_next_year():
    [finding] = findings(five_years(), "history.negative-transfer")
    assert (finding.row, finding.published, finding.expected, finding.status) == (
        "1234.21", kr(-M), kr(-M), Status.EXACT)


def test_an_overspend_not_deducted_next_year():
    history = five_years(figures=with_carried(2022, 21, 0), transfer_overrides={(2021, 21): (None, None)})
    [finding] = problems(history, "history.negative-transfer")
    assert (finding.column, finding.published, finding.expected) == ("carried_over 2022", Money(0), kr(-M))
    assert finding.is_error


# -- the «kan overføres» cap uses the allocations of t and t−1 --------------------------------
def test_last_years_allocation_given_in_a_file_agrees_with_the_history():
    history = five_years(previous={45: 5 * M})  # every year's file says 1234.45 had 5 mill. last year
    passing = [f for f in findings(history, "history.previous-allocation") if f.column == "previous_allocated 2023"]
    assert [(f.published, f.expected, f.status) for f in passing] == [(kr(5 * M), kr(5 * M), Status.EXACT)]


def test_last_years_allocation_given_in_a_file_differs_from_the_history():
    history = five_years(previous={45: 5 * M})
    [finding] = problems(history, "history.previous-allocation")  # 2022: last year (2021) was 20 mill.
    assert (finding.column, finding.published, finding.expected) == ("previous_allocated 2022", kr(5 * M),
                                                                     kr(20 * M))
    # the cap uses the history's figure, not the file's
    assert history.note_b(2022)["1234.45"].max_transferable == kr(26 * M)


# -- the two-year window -------------------------------------------------------------------------
def test_carried_money_is_within_the_window():
    [finding] = [f for f in findings(five_years(), "history.window") if f.cell.row == "1234.45"
                 and f.column == "carried_over 2024"]
    assert (finding.published, finding.expected, finding.status) == (kr(10 * M), kr(11 * M), Status.EXACT)


def test_carrying_money_older_than_the_window():
    history = five_years(figures=with_carried(2024, 45, 18 * M), transfer_overrides={(2023, 45): (10 * M, None)})
    [finding] = problems(history, "history.window")
    assert (finding.row, finding.published, finding.expected) == ("1234.45", kr(18 * M), kr(11 * M))
    assert finding.is_error and "7 000 000 eldre midler bortfaller" in finding.message.no


# -- savings schedules -------------------------------------------------------------------------------
def test_savings_keep_the_schedule():
    steps = findings(five_years(), "history.savings-schedule")
    assert len(steps) == 6 and all(f.status is Status.EXACT for f in steps)


def test_savings_fall_behind_the_schedule():
    [finding] = problems(five_years(savings={2024: {1: 600_000}, 2025: {1: 1_500_000}}), "history.savings-schedule")
    assert (finding.column, finding.published, finding.expected, finding.relation) == (
        "savings 2024", kr(600_000), kr(M), Relation.AT_LEAST)
    assert finding.is_error and "år 1 av 3" in finding.message.no


def test_savings_within_a_krone_of_a_third_are_on_schedule():
    history = five_years(advances={2023: (1, M)}, savings={2024: {1: 333_333}})
    [finding] = [f for f in findings(history, "history.savings-schedule") if f.column == "savings 2024"]
    assert finding.status is Status.ROUNDING and not finding.is_problem


def test_savings_without_an_advance():
    assert findings(five_years(), "history.savings-without-advance") == []
    history = five_years(savings={**{2022: {1: 500_000, 21: 250_000}}, 2023: {1: 500_000}, 2024: {1: 1_500_000},
                                  2025: {1: 1_500_000}})
    [finding] = problems(history, "history.savings-without-advance")
    assert (finding.row, finding.column, finding.published) == ("1234.21", "savings 2022", kr(250_000))
    assert finding.severity is Severity.WARNING


# -- application and decision -------------------------------------------------------------------------
def test_the_application_is_within_the_transferable_amount():
    [finding] = [f for f in findings(five_years(), "history.applied-within-transferable")
                 if f.column == "applied 2021" and f.row == "1234.45"]
    assert (finding.published, finding.expected, finding.status) == (kr(14 * M), kr(14 * M), Status.EXACT)


def test_applying_for_more_than_transferable():
    [finding] = problems(five_years(transfer_overrides={(2021, 45): (15 * M, 12 * M)}),
                         "history.applied-within-transferable")
    assert (finding.published, finding.severity, finding.is_error) == (kr(15 * M), Severity.WARNING, False)
    assert "mulig overførbart 14 000 000" in finding.message.no


def test_the_decision_may_be_lower_than_applied_for():
    [finding] = [f for f in findings(five_years(), "history.decided-within-applied") if f.column == "decided 2021"
                 and f.row == "1234.45"]
    assert (finding.published, finding.expected, finding.status) == (kr(12 * M), kr(14 * M), Status.EXACT)


def test_a_decision_above_the_application():
    history = five_years(figures=with_carried(2022, 45, 15 * M), transfer_overrides={(2021, 45): (14 * M, 15 * M)})
    [finding] = problems(history, "history.decided-within-applied")
    assert (finding.published, finding.severity, finding.is_error) == (kr(15 * M), Severity.WARNING, False)
    assert "søkt/mulig 14 000 000" in finding.message.no


@pytest.mark.parametrize("rule", [r.id for r in CONTINUITY_RULES])
def test_each_rule_has_a_failing_case_above(rule):
    """Guard: every rule in the registry is broken by a test of this module (``problems(…, rule)``)."""
    source = Path(__file__).read_text(encoding="utf-8").split("def test_each_rule")[0]
    assert re.search(r"problems\([^\"]*\"" + re.escape(rule) + '"', source), f"no failing test for {rule}"
