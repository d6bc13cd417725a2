"""Invariants of the statements on random valid agency-years (strategies.valid_agency_years).

Each property is stated from the raw inputs and the rules of RULES.md (§ 4, § 9 and the v1
decisions), not from the code's own intermediate figures: the classification of a post is
read from its number and stikkord as the v1 table states it, and the caps are checked with
integer arithmetic on øre. Metamorphic properties (the same year changed, the statements
compared) are in tests/test_metamorphic.py.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import attrs
from hypothesis import Phase, example, given, settings

from statsbudsjett import Money, appropriation_report, note_a, note_b, render
from statsbudsjett.io.published_reader import read_published
from statsbudsjett.io.published_writer import dump_published
from statsbudsjett.model import (
    AgencyYear,
    Chargeback,
    Direction,
    ExpenseLine,
    ReallocationKind,
)
from statsbudsjett.published import publish
from statsbudsjett.statements.reported import net_reported, total_reported
from statsbudsjett.verification import verify_report
from strategies import arbitrary_agency_years, broken_rules, valid_agency_years

ZERO = Money(0)


# -- the transfer rules as RULES.md's v1 table states them (not as statsbudsjett.rules encodes them) -----
def can_transfer(line: ExpenseLine) -> bool:
    """«kan overføres» — also with «overslagsbevilgning»: the explicit keyword wins."""
    return line.keywords.transferable


def five_percent_post(line: ExpenseLine) -> bool:
    """Posts 01–29 without «kan overføres», except post 24 and overslagsbevilgninger."""
    return 1 <= line.account.post <= 29 and line.account.post != 24 and not (
        line.keywords.transferable or line.keywords.estimate)


def no_transfer(line: ExpenseLine) -> bool:
    return not (can_transfer(line) or five_percent_post(line))


def omdisponert_into(year: AgencyYear, line: ExpenseLine) -> Money:
    return Money.total(r.amount for r in year.reallocations
                       if r.kind is ReallocationKind.TO_INVESTMENT and r.target == line.account)


# -- Note A and the columns of Note B from the raw inputs ------------------------------------------------
@given(valid_agency_years())
def test_total_allocation_is_carried_over_plus_this_year(year):
    note = note_a(year)
    report = appropriation_report(year)
    assert len(note.rows) == len(year.own_expense)
    for line in year.own_expense:
        row = note[line.account]
        assert row.total == row.carried_over + row.allocated
        assert row.carried_over == (line.carried_over or ZERO)
        assert row.allocated == (line.allocated or ZERO)
        assert report[line.account].total_allocation == row.total  # the two statements agree (RULES § 9.7)


@given(valid_agency_years())
def test_note_b_columns_follow_from_the_raw_records(year):
    """A = samlet tildeling − regnskap; B = −Σ used under given chargebacks on the post; C = A + B;
    E = omdisponert/forskuttert in − omdisponert out; F = −Σ innsparinger; G = C + D + E + F."""
    report, note = appropriation_report(year), note_b(year)
    backed = {account for authorisation in year.revenue_authorisations for account in authorisation.expense}
    for line in year.own_expense:
        row = note[line.account]
        samlet = (line.carried_over or ZERO) + (line.allocated or ZERO)
        assert row.difference == samlet - line.accounted == report[line.account].difference
        given_here = [c.used for c in year.chargebacks if c.direction is Direction.GIVEN and c.account == line.account]
        assert row.spent_by_others == -Money.total(given_here) <= ZERO
        assert row.difference_after_chargebacks == row.difference + row.spent_by_others
        moved_in = Money.total(r.amount for r in year.reallocations if r.target == line.account)
        moved_out = Money.total(r.amount for r in year.reallocations if r.origin == line.account)
        assert row.reallocation == moved_in - moved_out
        assert row.savings == -Money.total(s.amount for s in year.savings if s.account == line.account) <= ZERO
        if line.account not in backed:
            assert row.revenue == ZERO
        assert row.basis == row.difference_after_chargebacks + row.revenue + row.reallocation + row.savings


@given(valid_agency_years())
def test_revenue_is_conserved_across_its_split(year):
    """Σ D over Note B = Σ mer-/mindreinntekt of the income posts backing an authorisation (each once),
    and a post backed only by single-post authorisations gets their whole mer-/mindreinntekt."""
    income = {line.account: line for line in year.income}
    backed = Money.total(income[a].revenue_difference for auth in year.revenue_authorisations for a in auth.income)
    note = note_b(year)
    assert Money.total(row.revenue for row in note.rows) == backed
    naming = Counter(a for auth in year.revenue_authorisations for a in auth.expense)
    for auth in year.revenue_authorisations:
        target = auth.expense[0]
        if len(auth.expense) == 1 and naming[target] == 1:
            assert note[target].revenue == Money.total(income[a].accounted - (income[a].allocated or ZERO)
                                                       for a in auth.income)


# -- H and I: maks. overførbart and mulig overførbart -----------------------------------------------------
@given(valid_agency_years())
def test_transferable_is_the_basis_or_the_cap_and_exceeds_neither(year):
    for row in note_b(year).rows:
        if row.transferable is None:
            continue
        assert row.transferable <= row.basis
        if row.max_transferable is not None:
            assert row.transferable <= row.max_transferable
        assert row.transferable in (row.basis, row.max_transferable)


@given(valid_agency_years())
def test_kan_overfores_carries_the_basis_up_to_the_cap(year):
    """H = this and last year's tildeling + omdisponering into the post (no cap shown when last year's
    is unknown); I = G while G ≤ H, a negative G included (an overspend is carried), else I = H."""
    note = note_b(year)
    for line in year.own_expense:
        if not can_transfer(line):
            continue
        row = note[line.account]
        if line.previous_allocated is None:
            assert row.max_transferable is None
        else:
            cap = (line.allocated or ZERO) + line.previous_allocated + omdisponert_into(year, line)
            assert row.max_transferable == max(cap, ZERO)  # never negative (RULES.md § 9.8)
        assert row.transferable is not None
        if row.max_transferable is None or row.basis <= row.max_transferable:
            assert row.transferable == row.basis
        else:
            assert row.transferable == row.max_transferable


@given(valid_agency_years())
def test_five_percent_cap_is_a_twentieth_of_the_allocation_in_ore(year):
    """H = 5 % × årets tildelinger rounded to the øre, half away from zero: |20·H − a| ≤ 10 øre,
    a tie going away from zero; never negative (a negative tildeling gives 0). A negative basis is
    not carried (I empty); otherwise I = G while G ≤ H ≥ 0, else I = H."""
    note = note_b(year)
    for line in year.own_expense:
        if not five_percent_post(line):
            continue
        row = note[line.account]
        allocated = max((line.allocated or ZERO).ore, 0)
        assert row.max_transferable is not None
        off = 20 * row.max_transferable.ore - allocated
        assert abs(off) <= 10
        if abs(off) == 10:
            assert (off > 0) == (allocated > 0)
        if row.basis < ZERO:
            assert row.transferable is None
        elif row.max_transferable >= ZERO:
            expected = row.basis if row.basis <= row.max_transferable else row.max_transferable
            assert row.transferable == expected


@given(valid_agency_years())
def test_posts_without_a_transfer_rule_show_neither_cap_nor_transfer(year):
    """Posts 30–99 without «kan overføres», post 24 and overslagsbevilgninger: H and I empty."""
    note = note_b(year)
    for line in year.own_expense:
        if no_transfer(line):
            row = note[line.account]
            assert (row.max_transferable, row.transferable) == (None, None), line.account


@settings(max_examples=200, phases=[Phase.explicit, Phase.reuse, Phase.generate])  # no shrinking: it is known
@example(AgencyYear("X", 2021, expense=[ExpenseLine("540.01", allocated=-1_000, accounted=0)]))
@given(valid_agency_years())
def test_the_cap_is_never_negative(year):
    """RULES.md § 9.8: H ≥ 0, also for a negative årets tildeling on a 5 %-post."""
    for row in note_b(year).rows:
        if row.max_transferable is not None:
            assert row.max_transferable >= ZERO, row.account


# -- sums and the bevilgningsrapportering ---------------------------------------------------------------
@given(valid_agency_years())
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
    income = {line.account: line for line in year.income}
    given_on = Counter()
    for c in year.chargebacks:
        if c.direction is Direction.GIVEN and c.account in income:
            given_on[c.account] += c.used.ore
    assert [row.account for row in b.income_rows] == sorted(given_on)
    for row in b.income_rows:
        assert row.received_by_others == Money(given_on[row.account])
        assert row.difference == income[row.account].revenue_difference
        assert row.difference_after_chargebacks == row.difference + row.received_by_others


@given(valid_agency_years())
def test_net_and_total_reported(year):
    report = appropriation_report(year)
    expense = Money.total(line.accounted for line in year.expense)
    income = Money.total(line.accounted for line in year.income)
    assert report.net_reported == expense - income
    change = year.treasury_balance.closing - year.treasury_balance.opening if year.treasury_balance else ZERO
    assert report.total_reported == expense - income + Money.total(c.amount for c in year.capital_accounts) + change
    assert report.total_reported == ZERO  # the generated years balance
    # the balance rule's figures (statements.reported) are the statement's
    assert (net_reported(year), total_reported(year)) == (report.net_reported, report.total_reported)
    assert len(report.expense) == len(year.expense) and len(report.income) == len(year.income)


@settings(max_examples=50)
@given(valid_agency_years(max_posts=4))
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


# -- the strategies: valid years keep the rules, arbitrary years break exactly the ones they name ---------
@given(valid_agency_years())
def test_valid_years_break_no_rule(year):
    assert broken_rules(year) == set()
    for c in year.chargebacks:
        assert c.limit is None or c.used <= c.limit


@settings(max_examples=200)
@given(arbitrary_agency_years())
def test_arbitrary_years_break_exactly_the_rules_they_name(case):
    assert broken_rules(case.year) == case.broken


# -- found by the issue 8 strategies: several chargebacks of one direction on one account -----------------
def two_given_on_one_post() -> AgencyYear:
    return AgencyYear("X", 2021, expense=[ExpenseLine("540.01", allocated=1_000_000, accounted=900_000)],
                      chargebacks=[Chargeback("given", "540.01", used=10_000, counterparty="Etat A"),
                                   Chargeback("given", "540.01", used=5_000, counterparty="Etat B")])


def test_two_given_chargebacks_on_one_post_both_count_in_column_b():
    assert note_b(two_given_on_one_post())["540.01"].spent_by_others == Money.kroner(-15_000)


def test_verify_finds_no_error_with_several_chargebacks_on_one_post():
    assert [f.describe() for f in verify_report(publish(two_given_on_one_post())).errors] == []


def test_published_report_with_several_chargebacks_on_one_post_reads_back():
    printed = publish(two_given_on_one_post())
    again = read_published(dump_published(printed), file="published.toml")
    assert attrs.evolve(again, raw=printed.raw) == printed
