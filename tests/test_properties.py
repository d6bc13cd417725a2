"""Invariants of the statements on random consistent agency-years (strategies.agency_years)."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from statsbudsjett import Money, appropriation_report, note_a, note_b, render
from statsbudsjett.model import AgencyYear
from statsbudsjett.rules import TransferKind
from strategies import agency_years


@given(agency_years())
def test_total_allocation_is_carried_over_plus_this_year(year):
    note = note_a(year)
    report = appropriation_report(year)
    assert len(note.rows) == len(year.own_expense)
    for line in year.own_expense:
        row = note[line.account]
        assert row.total == row.carried_over + row.allocated
        assert row.carried_over == (line.carried_over or Money(0))
        assert row.allocated == (line.allocated or Money(0))
        assert report[line.account].total_allocation == row.total


@given(agency_years())
def test_note_b_columns_add_up(year):
    report = appropriation_report(year)
    for row in note_b(year).rows:
        assert row.difference == report[row.account].difference  # A comes from the bevilgningsrapportering
        assert row.difference_after_chargebacks == row.difference + row.spent_by_others  # C = A + B
        assert row.basis == (row.difference_after_chargebacks + row.revenue  # G = C + D + E + F
                             + row.reallocation + row.savings)
        assert row.spent_by_others <= Money(0) and row.savings <= Money(0)


@given(agency_years())
def test_transferable_follows_the_rule(year):
    for row in note_b(year).rows:
        cap, transferable = row.max_transferable, row.transferable
        if cap is not None and transferable is not None:
            assert transferable <= cap
        nothing = row.rule.kind is TransferKind.NONE or (
            row.rule.kind is TransferKind.FIVE_PERCENT and row.basis < Money(0))
        assert (transferable is None) == nothing
        if transferable is not None:
            assert transferable == (row.basis if cap is None else min(row.basis, cap))
        if row.rule.kind is TransferKind.FIVE_PERCENT:
            assert cap is not None and cap >= Money(0)
        if row.rule.kind is TransferKind.NONE:
            assert cap is None


@given(agency_years())
def test_revenue_is_conserved_across_its_split(year):
    income = {line.account: line for line in year.income}
    backed = Money.total(income[a].revenue_difference for auth in year.revenue_authorisations for a in auth.income)
    assert Money.total(row.revenue for row in note_b(year).rows) == backed


@given(agency_years())
def test_sums_equal_the_sum_of_their_rows(year):
    a = note_a(year)
    assert a.total.carried_over == Money.total(r.carried_over for r in a.rows)
    assert a.total.allocated == Money.total(r.allocated for r in a.rows)
    assert a.total.total == Money.total(r.total for r in a.rows)
    report = appropriation_report(year)
    for rows, total in ((report.expense, report.expense_total), (report.income, report.income_total)):
        assert total.total_allocation == Money.total(r.total_allocation for r in rows)
        assert total.accounted == Money.total(r.accounted for r in rows)
        assert total.difference == Money.total(r.difference for r in rows if r.difference is not None)
    b = note_b(year)
    for row in b.income_rows:
        assert row.difference_after_chargebacks == row.difference + row.received_by_others


@given(agency_years())
def test_net_and_total_reported(year):
    report = appropriation_report(year)
    expense = Money.total(line.accounted for line in year.expense)
    income = Money.total(line.accounted for line in year.income)
    assert report.net_reported == expense - income
    assert report.total_reported == report.net_reported + Money.total(c.amount for c in report.capital)
    assert report.total_reported == Money(0)  # the generated years balance
    assert len(report.expense) == len(year.expense) and len(report.income) == len(year.income)


def permuted(data: st.DataObject, year: AgencyYear) -> AgencyYear:
    """The same year with its lines and records in another order (the capital accounts keep theirs:
    they are printed in the order given)."""
    fields = ("expense", "income", "revenue_authorisations", "chargebacks", "reallocations", "savings")
    return attrs.evolve(year, **{name: tuple(data.draw(st.permutations(getattr(year, name)))) for name in fields})


@given(agency_years(), st.data())
def test_nothing_depends_on_the_order_of_inputs(year, data):
    other = permuted(data, year)
    assert note_a(other) == note_a(year)
    assert note_b(other) == note_b(year)
    assert appropriation_report(other) == appropriation_report(year)


@given(agency_years(max_posts=4))
def test_json_carries_the_exact_amounts(year):
    note = note_b(year)
    data = json.loads(render(note, "json"), parse_float=Decimal)
    assert [row["account"] for row in data["rows"]] == [str(r.account) for r in note.rows]
    for printed, row in zip(data["rows"], note.rows, strict=True):
        for key in ("difference", "basis", "max_transferable", "transferable"):
            value = getattr(row, key)
            assert printed[key] == (None if value is None else value.to_decimal())


def test_evolve_keeps_chapter_names():
    """attrs.evolve re-runs the converters on converted values: they must accept their own output."""
    year = AgencyYear("X", 2021, chapter_names={540: "Digitaliseringsdirektoratet", "3540": "Digdir"})
    assert attrs.evolve(year, agency="Y").chapter_names == ((540, "Digitaliseringsdirektoratet"), (3540, "Digdir"))
