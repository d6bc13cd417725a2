"""The validation pass: each input rule once, the same verdict on every path (issue 8, findings 1–5).

A year built in Python, the same year written to a file and loaded, and the figures it
prints, verified: one rule id and one severity for each finding, on every path.
"""

from __future__ import annotations

import attrs
import pytest

import statsbudsjett as sb
from statsbudsjett import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    Money,
    Reallocation,
    RevenueAuthorisation,
)
from statsbudsjett.choices import NegativeBasis, RuleChoices, UsableUnder
from statsbudsjett.errors import Severity
from statsbudsjett.findings import CellRef, Status
from statsbudsjett.model import Precision
from statsbudsjett.published import Figure, publish
from statsbudsjett.validation import InvalidYearError
from statsbudsjett.verification import verify_report

kr = Money.kroner


def base_year(**records: object) -> AgencyYear:
    """Two 5 %-posts and a «kan overføres» post 45 on chapter 1234, income 4234.02 over its tildeling."""
    fields: dict[str, object] = {
        "expense": [ExpenseLine("1234.01", allocated=50_000_000, accounted=49_000_000),
                    ExpenseLine("1234.21", allocated=10_000_000, accounted=9_000_000),
                    ExpenseLine("1234.45", keywords="kan overføres", allocated=3_000_000, accounted=2_000_000)],
        "income": [IncomeLine("4234.02", allocated=2_000_000, accounted=3_000_000)],
    }
    return AgencyYear("Eksempeletaten", 2024, **(fields | records))  # type: ignore[arg-type]


def rules_of(findings: list[sb.Finding], severity: Severity | None = None) -> list[str]:
    return [f.rule for f in findings if severity is None or f.severity is severity]


# -- finding 1: rules lived in three places --------------------------------------------------
def test_an_income_post_backing_two_authorisations_is_refused_not_counted_twice():
    year = base_year(revenue_authorisations=[RevenueAuthorisation(["4234.02"], ["1234.01"]),
                                             RevenueAuthorisation(["4234.02"], ["1234.21"])])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.severity, finding.path) == (
        "input.revenue-backed-twice", Severity.ERROR, ("revenue_authorisation", 1, "income", 0))
    with pytest.raises(InvalidYearError) as raised:
        sb.note_b(year)  # not a column D with the merinntekt of 1 000 000 twice
    assert raised.value.findings == (finding,)


def test_a_split_that_does_not_add_up_is_refused_built_in_python_as_in_a_file():
    year = base_year(revenue_authorisations=[RevenueAuthorisation(
        ["4234.02"], ["1234.01", "1234.21"], allocation={"1234.01": 5_000, "1234.21": 7_000})])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.severity, finding.published, finding.expected) == (
        "input.revenue-split", Severity.ERROR, kr(12_000), kr(1_000_000))
    # What dump writes, load refuses with the same rule: no year is accepted on one path only.
    with pytest.raises(sb.InputError) as raised:
        sb.load(sb.dump(year))
    assert [p.field for p in raised.value.errors] == ["revenue_authorisation[0].allocation"]


def test_two_advances_within_the_limit_each_are_above_it_together_on_every_path():
    """5 % per post (kgl.res. 13.01.2017): the loader, the API and verify say rules.reallocation-limit."""
    advances = [Reallocation("advance", "1234.01", 1_500_000), Reallocation("advance", "1234.01", 1_500_000)]
    year = base_year(reallocations=advances)
    [finding] = sb.validate(year)
    assert (finding.rule, finding.severity, finding.published, finding.expected) == (
        "rules.reallocation-limit", Severity.ERROR, kr(3_000_000), kr(2_500_000))
    with pytest.raises(sb.InputError):
        sb.load(sb.dump(year))
    # The figures such a year would print (column E = +3 000 000 on 1234.01), verified:
    printed = publish(attrs.evolve(year, reallocations=advances[:1]))
    cell = CellRef("note_b", "1234.01", "reallocation")
    printed = printed.with_figure(cell, Figure(kr(3_000_000)))
    verdicts = {(f.rule, f.severity) for f in verify_report(attrs.evolve(printed, raw=None)).errors if f.cell == cell}
    assert verdicts == {("rules.reallocation-limit", Severity.ERROR)}


def test_commitments_above_the_ramme_are_a_warning_on_every_path():
    year = base_year(commitments=[CommitmentAuthorisation("order", "1234.45", 1_000_000, 1_200_000)])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.severity, finding.status) == (
        "rules.authorisation-limit", Severity.WARNING, Status.ERROR)
    assert sb.note_b(year)["1234.45"].transferable == kr(1_000_000)  # a warning refuses nothing
    verified = verify_report(publish(year))
    assert [(f.rule, f.severity) for f in verified.warnings] == [("rules.authorisation-limit", Severity.WARNING)]
    assert verified.ok


# -- finding 2: invariants of RULES.md § 9 ----------------------------------------------------
def test_capital_accounts_that_do_not_balance_are_an_error():
    # net reported 60 000 000 − 3 000 000 = 57 000 000; paid in 3 000 000 and out 57 000 000 leave 3 000 000
    year = base_year(capital_accounts=[CapitalAccount("60090701", "KK /innbetalinger", 3_000_000),
                                       CapitalAccount("60090702", "KK /utbetalinger", -57_000_000)])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.published, finding.severity) == ("appropriation.balance", kr(3_000_000),
                                                                    Severity.ERROR)
    with pytest.raises(InvalidYearError):
        sb.appropriation_report(year)  # not a statement printing Sum rapportert 3 000 000 without a word
    balanced = attrs.evolve(year, capital_accounts=[CapitalAccount("60090701", "inn", 3_000_000),
                                                    CapitalAccount("60090702", "ut", -60_000_000)])
    assert sb.validate(balanced) == []


def test_a_balance_off_by_rounding_is_a_note_only_for_figures_as_printed():
    year = base_year(capital_accounts=[CapitalAccount("60090701", "inn", 3_000_000),
                                       CapitalAccount("60090702", "ut", -60_000_001)])
    assert rules_of(sb.validate(year), Severity.ERROR) == ["appropriation.balance"]
    printed = attrs.evolve(year, precision=Precision.PRINTED)
    [note] = sb.validate(printed)
    assert (note.rule, note.severity, note.status) == ("appropriation.balance", Severity.INFO, Status.ROUNDING)


def test_a_negative_allocation_gives_a_cap_of_zero_never_a_negative_one():
    year = base_year(expense=[ExpenseLine("1234.01", carried_over=2_000_000, allocated=-1_000_000,
                                          accounted=500_000)])
    assert rules_of(sb.validate(year)) == ["input.negative-allocation"]
    row = sb.note_b(year)["1234.01"]
    assert (row.basis, row.max_transferable, row.transferable) == (kr(500_000), kr(0), kr(0))


# -- finding 3: G and H printed on a 5 %-post with an overspend are right figures ----------------
def test_basis_and_cap_printed_on_an_overspent_five_percent_post_are_not_errors():
    year = base_year(expense=[ExpenseLine("1234.01", allocated=50_000_000, accounted=50_100_000)])
    report = publish(year)
    note_b = report.table("note_b")
    assert note_b.row("1234.01")["basis"].value is None  # DFØ's layout leaves G–I empty here
    printed = (report.with_figure(CellRef("note_b", "1234.01", "basis"), Figure(kr(-100_000)))
               .with_figure(CellRef("note_b", "1234.01", "max_transferable"), Figure(kr(2_500_000))))
    result = verify_report(printed)
    assert result.ok, [f.describe() for f in result.errors]
    wrong = printed.with_figure(CellRef("note_b", "1234.01", "max_transferable"), Figure(kr(2_400_000)))
    [error] = [f for f in verify_report(wrong).errors if f.rule == "raw.recomputed"]
    assert error.message.en == "printed 2 400 000, the raw inputs give 2 500 000"


# -- finding 4: a real 1-kr error is not a rounding --------------------------------------------
def test_a_sum_of_exact_whole_kroner_printed_one_krone_off_is_an_error():
    year = AgencyYear("Eksempeletaten", 2024, expense=[
        ExpenseLine("1234.01", carried_over=5_400_000, allocated=12_000_000, accounted=17_000_000)])
    report = publish(year)
    cells = [CellRef("note_a", "1234.01", "total"), CellRef("note_a", "Sum", "total"),
             CellRef("appropriation", "1234.01", "total_allocation"),
             CellRef("appropriation", "Sum utgiftsført", "total_allocation")]
    for cell in cells:
        report = report.with_figure(cell, Figure(kr(17_400_001)))
    errors = verify_report(report).errors
    assert {f.cell for f in errors if f.rule == "raw.recomputed"} >= set(cells)
    # The same figures transcribed from print (precision = "printed") may be off by the rounding.
    printed = attrs.evolve(report, raw=attrs.evolve(year, precision=Precision.PRINTED))
    assert not [f for f in verify_report(printed).errors if f.rule == "raw.recomputed"]


def test_amounts_with_ore_allow_the_rounding_of_the_terms_that_carry_them():
    year = AgencyYear("Eksempeletaten", 2024, expense=[
        ExpenseLine("1234.01", carried_over="5400000.40", allocated="12000000.40", accounted=17_000_000)])
    report = publish(year)  # samlet tildeling 17 400 000,80 prints 17 400 001
    summed = report.with_figure(CellRef("note_a", "1234.01", "total"), Figure(kr(17_400_000)))  # 5 400 000 + 12 000 000
    found = [f for f in verify_report(summed).findings
             if f.rule == "raw.recomputed" and f.cell == CellRef("note_a", "1234.01", "total")]
    assert [(f.status, f.tolerance) for f in found] == [(Status.ROUNDING, kr(1))]


# -- finding 5: «kan nyttes under» --------------------------------------------------------------
def linked_year(**changes: object) -> AgencyYear:
    return base_year(expense=[
        ExpenseLine.with_keywords("1234.01", "kan nyttes under post 21", allocated=50_000_000, accounted=50_400_000),
        ExpenseLine.with_keywords("1234.21", "kan nyttes under post 1", allocated=10_000_000, accounted=9_000_000),
    ], **changes)


def test_an_overspend_covered_by_its_partner_is_explained_on_every_path():
    [finding] = sb.validate(linked_year())
    assert (finding.rule, finding.severity) == ("rules.overspend", Severity.INFO)
    assert "covered by the underspend on 1234.21" in finding.message.en
    verified = verify_report(publish(linked_year()))
    assert [(f.rule, f.severity) for f in verified.findings if f.rule == "rules.overspend"] == [
        ("rules.overspend", Severity.INFO)]
    assert not verified.warnings


def test_an_overspend_larger_than_the_partner_s_surplus_is_a_warning():
    year = base_year(expense=[
        ExpenseLine.with_keywords("1234.01", "kan nyttes under post 21", allocated=50_000_000, accounted=52_000_000),
        ExpenseLine.with_keywords("1234.21", "kan nyttes under post 1", allocated=10_000_000, accounted=9_000_000),
    ])
    assert [(f.rule, f.severity) for f in sb.validate(year)] == [("rules.overspend", Severity.WARNING)]


def test_usable_under_together_covers_the_overspend_before_the_caps():
    year = linked_year(rules=RuleChoices(usable_under=UsableUnder.TOGETHER))
    note = sb.note_b(year)
    assert (note["1234.01"].covered_by_partners, note["1234.01"].basis) == (kr(400_000), kr(0))
    assert (note["1234.21"].covered_by_partners, note["1234.21"].basis) == (kr(-400_000), kr(600_000))
    assert note["1234.21"].transferable == kr(500_000)  # capped at 5 % of 10 000 000
    assert sb.validate(year) == []  # nothing left to explain
    text = sb.render(note, "text")
    assert 'usable_under = "together"' in text and "1234.01 400 000, 1234.21 -400 000" in text


def test_a_negative_basis_carried_on_a_five_percent_post_when_the_year_chooses_so():
    year = base_year(expense=[ExpenseLine("1234.01", allocated=50_000_000, accounted=50_100_000)])
    assert sb.note_b(year)["1234.01"].transferable is None  # v1 decision 1
    carried = attrs.evolve(year, rules=RuleChoices(negative_basis=NegativeBasis.CARRIED))
    note = sb.note_b(carried)
    assert note["1234.01"].transferable == kr(-100_000)
    assert note.parameters.chosen() == ("negative_basis = carried",)
    assert 'negative_basis = \\"carried\\"' not in sb.render(note, "text")
    assert 'negative_basis = "carried"' in sb.render(note, "text")
    assert sb.load(sb.dump(carried)) == carried  # the [rules] table round-trips


def test_the_rules_table_is_read_and_checked():
    misspelt = '\n[rules]\nusable_under = "togther"\n'
    text = sb.dump(base_year()).replace("fiscal_year = 2024\n", "fiscal_year = 2024\n" + misspelt)
    with pytest.raises(sb.InputError) as raised:
        sb.load(text)
    [problem] = raised.value.errors
    assert (problem.field, problem.hint) == ("rules.usable_under", 'did you mean "together"?')


# -- the structure of the registry --------------------------------------------------------------
def test_every_input_rule_is_declared_once_with_sources():
    from statsbudsjett.rules import SOURCES
    from statsbudsjett.rules.registry import INPUT_RULES

    assert len({r.id for r in INPUT_RULES}) == len(INPUT_RULES)
    for rule in INPUT_RULES:
        assert rule.sources and set(rule.sources) <= set(SOURCES), rule.id
        assert rule.title.no and rule.title.en, rule.id


def test_several_chargebacks_on_one_post_add_up_in_column_b():
    year = base_year(chargebacks=[Chargeback("given", "1234.01", 300_000, 500_000, "Helsedirektoratet"),
                                  Chargeback("given", "1234.01", 200_000, 200_000, "Direktoratet for e-helse")])
    assert sb.validate(year) == []
    row = sb.note_b(year)["1234.01"]
    assert (row.spent_by_others, row.difference_after_chargebacks) == (kr(-500_000), kr(500_000))


def test_a_year_without_capital_accounts_is_not_checked_for_balance():
    assert sb.validate(base_year()) == []


def test_verify_of_a_valid_year_reports_no_input_finding_twice():
    year = linked_year(commitments=[CommitmentAuthorisation("order", "1234.01", 1_000_000, 1_200_000)])
    findings = verify_report(publish(year)).findings
    counted = [f.rule for f in findings if f.rule in ("rules.overspend", "rules.authorisation-limit")]
    assert sorted(counted) == ["rules.authorisation-limit", "rules.overspend"]


def test_a_merinntekt_on_a_chapter_without_samlet_tildeling_is_refused():
    """The bevilgningsrapportering shows no mer-/mindreinntekt there: column D would count one no
    statement shows (found by the arbitrary-years strategy)."""
    year = base_year(income=[IncomeLine("4234.02", accounted=3_000_000)],
                     revenue_authorisations=[RevenueAuthorisation(["4234.02"], ["1234.01"])])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.path) == ("input.reference", ("revenue_authorisation", 0, "income", 0))
    assert finding.hint is not None and "allocated = 0 if none" in finding.hint.en


# -- properties over generated years --------------------------------------------------------------
from hypothesis import given, settings  # noqa: E402

from strategies import (  # noqa: E402
    CAPITAL_BALANCES,
    INCOME_BACKS_ONCE,
    REALLOCATION_WITHIN_SHARE,
    SPLIT_ADDS_UP,
    arbitrary_agency_years,
    valid_agency_years,
)

# The rules the strategies break on purpose, and the validation rule that must report each.
REPORTED_AS = {SPLIT_ADDS_UP: "input.revenue-split", INCOME_BACKS_ONCE: "input.revenue-backed-twice",
               REALLOCATION_WITHIN_SHARE: "rules.reallocation-limit", CAPITAL_BALANCES: "appropriation.balance"}


@settings(max_examples=60)
@given(arbitrary_agency_years(max_posts=5))
def test_validate_reports_exactly_the_rules_a_year_breaks(arbitrary):
    errors = {f.rule for f in sb.validate(arbitrary.year) if f.is_error}
    assert errors == {REPORTED_AS[rule] for rule in arbitrary.broken}


@settings(max_examples=60)
@given(arbitrary_agency_years(max_posts=5))
def test_a_year_validate_accepts_survives_dump_and_load_and_one_it_refuses_is_refused_by_load(arbitrary):
    year = arbitrary.year
    if any(f.is_error for f in sb.validate(year)):
        with pytest.raises(sb.InputError):
            sb.load(sb.dump(year))
    else:
        assert sb.load(sb.dump(year)) == year


@settings(max_examples=40)
@given(valid_agency_years(max_posts=5))
def test_the_same_findings_for_a_year_built_in_python_and_the_file_written_from_it(year):
    built = [(f.rule, f.severity, f.path) for f in sb.validate(year)]
    _, problems = sb.read_agency_year(sb.dump(year))
    assert sorted((p.severity, p.field) for p in problems) == sorted(
        (severity, sb.findings.input_field(path) or None) for _, severity, path in built)


def test_a_split_one_ore_off_is_an_error_for_exact_amounts():
    """Found by the arbitrary-years strategy: 1 øre off rounds to the same krone, but exact amounts
    have nothing to round."""
    year = base_year(income=[IncomeLine("4234.02", allocated="0.00", accounted="0.01")],
                     revenue_authorisations=[RevenueAuthorisation(
                         ["4234.02"], ["1234.01", "1234.21"], allocation={"1234.01": "-0.01", "1234.21": "0.01"})])
    [finding] = sb.validate(year)
    assert (finding.rule, finding.severity, finding.status) == ("input.revenue-split", Severity.ERROR, Status.ERROR)
