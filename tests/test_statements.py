"""The statements from hand-built agency-years: Note A, Note B (RULES.md § 12), the bevilgningsrapportering."""

from __future__ import annotations

import pytest

from statsbudsjett import (
    AgencyYear,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    Money,
    Reallocation,
    RevenueAuthorisation,
    Saving,
    UsageError,
    appropriation_report,
    note_a,
    note_b,
)
from statsbudsjett.model import CapitalAccount, TreasuryBalance
from statsbudsjett.rules import RuleYearError
from statsbudsjett.statements import revenue_shares


def kr(value: Money | None) -> int | None:
    return None if value is None else value.round_kroner()


def note_b_columns(row) -> tuple[int | None, ...]:
    """A–I of a Note B row, in whole kroner."""
    return tuple(kr(v) for v in (
        row.difference, row.spent_by_others, row.difference_after_chargebacks, row.revenue, row.reallocation,
        row.savings, row.basis, row.max_transferable, row.transferable))


# -- RULES.md § 12: the worked example -----------------------------------------------------
def worked_example() -> AgencyYear:
    return AgencyYear(
        agency="Eksempeletaten",
        fiscal_year=2024,
        expense=[
            ExpenseLine("1234.01", "Driftsutgifter", carried_over=1_000_000, allocated=50_000_000,
                        accounted=49_500_000),
            ExpenseLine.with_keywords("1234.45", "kan overføres", text="Større utstyrsanskaffelser",
                                      carried_over=400_000, allocated=3_000_000, previous_allocated=2_000_000,
                                      accounted=3_600_000),
        ],
        income=[IncomeLine("4234.02", "Salgsinntekter", allocated=2_000_000, accounted=2_600_000)],
        chapter_names={1234: "Eksempeletaten", 4234: "Eksempeletaten"},
        revenue_authorisations=[RevenueAuthorisation(["4234.02"], ["1234.01"])],
        chargebacks=[Chargeback("given", "1234.01", used=300_000, limit=400_000, counterparty="Annen etat")],
        reallocations=[Reallocation("to_investment", "1234.45", 500_000, origin="1234.01")],
        savings=[Saving("1234.01", 200_000)],
    )


def test_worked_example_note_a():
    note = note_a(worked_example())
    assert [(str(r.account), kr(r.carried_over), kr(r.allocated), kr(r.total)) for r in note.rows] == [
        ("1234.01", 1_000_000, 50_000_000, 51_000_000),
        ("1234.45", 400_000, 3_000_000, 3_400_000),
    ]
    assert (kr(note.total.carried_over), kr(note.total.allocated), kr(note.total.total)) == (
        1_400_000, 53_000_000, 54_400_000)


def test_worked_example_note_b_post_01():
    row = note_b(worked_example())["1234.01"]
    #                            A          B         C          D        E         F         G          H
    assert note_b_columns(row) == (1_500_000, -300_000, 1_200_000, 600_000, -500_000, -200_000, 1_100_000,
                                   2_500_000, 1_100_000)  # I
    assert row.rule.id == "transfer.five-percent"


def test_worked_example_note_b_post_45():
    row = note_b(worked_example())["1234.45"]
    # RULES.md § 12 prints H = 3 000 000 + 2 000 000 = 5 000 000, written before v1 decision 4
    # ("an omdisponering into a «kan overføres» post raises its cap by the same amount", R-1/99)
    # and the "plus any omdisponering into the post": H = 5 000 000 + 500 000.
    assert note_b_columns(row) == (-200_000, 0, -200_000, 0, 500_000, 0, 300_000, 5_500_000, 300_000)
    assert row.keywords == ("kan overføres",)
    assert row.rule.id == "transfer.can-transfer"


def test_worked_example_bevilgning():
    report = appropriation_report(worked_example())
    line = report["1234.01"]
    assert (line.text, line.note, kr(line.total_allocation), kr(line.accounted), kr(line.difference)) == (
        "Driftsutgifter", "A, B", 51_000_000, 49_500_000, 1_500_000)
    assert report["1234.45"].text == "Større utstyrsanskaffelser, kan overføres"
    assert kr(report["1234.45"].difference) == -200_000
    assert (report["4234.02"].note, kr(report["4234.02"].difference)) == ("", 600_000)
    assert kr(report.net_reported) == 49_500_000 + 3_600_000 - 2_600_000


# -- revenue (column D) ------------------------------------------------------------------------
def revenue_year() -> AgencyYear:
    """Digdir-like merinntektsfullmakter: one income post split over three expense posts, two income
    posts backing one expense post, and a second authorisation adding to 540.01."""
    return AgencyYear(
        agency="Digdir-lik",
        fiscal_year=2021,
        expense=[
            ExpenseLine("540.01", allocated=164_423_000, accounted=166_719_441),
            ExpenseLine.with_keywords("540.21", "kan overføres", allocated=44_634_000, accounted=43_879_807),
            ExpenseLine("540.22", allocated=135_000_000, accounted=143_249_451),
            ExpenseLine.with_keywords("540.28", "kan overføres", allocated=187_170_000, accounted=202_753_514),
        ],
        income=[
            IncomeLine("3540.03", allocated=90_000, accounted=9_316_292),  # +9 226 292
            IncomeLine("3540.05", allocated=135_000_000, accounted=143_072_350),  # +8 072 350
            IncomeLine("3540.06", allocated=2_099_000, accounted=2_026_375),  # −72 625
            IncomeLine("3540.07", allocated=123_200_000, accounted=123_284_876),  # +84 876
        ],
        revenue_authorisations=[
            RevenueAuthorisation(["3540.03"], ["540.01", "540.21", "540.28"],
                                 {"540.01": 1_107_476, "540.21": 6_558_750, "540.28": 1_560_066}),
            RevenueAuthorisation(["3540.05", "3540.06"], ["540.22"]),
            RevenueAuthorisation(["3540.07"], ["540.01"]),
        ],
    )


def test_revenue_split_across_several_posts():
    note = note_b(revenue_year())
    assert {str(r.account): kr(r.revenue) for r in note.rows} == {
        "540.01": 1_107_476 + 84_876,
        "540.21": 6_558_750,
        "540.22": 8_072_350 - 72_625,
        "540.28": 1_560_066,
    }
    assert Money.total(r.revenue for r in note.rows) == Money.kroner(9_226_292 + 8_072_350 - 72_625 + 84_876)
    assert kr(note["540.21"].basis) == 754_193 + 6_558_750
    assert revenue_shares(revenue_year())[note["540.22"].account] == Money.kroner(7_999_725)


def test_a_mindreinntekt_lowers_the_basis():
    year = AgencyYear(
        "X", 2021,
        expense=[ExpenseLine("540.01", allocated=1_000_000, accounted=990_000)],
        income=[IncomeLine("3540.02", allocated=100_000, accounted=60_000)],
        revenue_authorisations=[RevenueAuthorisation("3540.02", "540.01")],
    )
    row = note_b(year)["540.01"]
    assert note_b_columns(row) == (10_000, 0, 10_000, -40_000, 0, 0, -30_000, 50_000, None)


def test_advance_and_saving_on_the_same_post():
    year = AgencyYear(
        "X", 2021,
        expense=[ExpenseLine("540.21", allocated=1_000_000, accounted=1_040_000)],
        reallocations=[Reallocation("advance", "540.21", 40_000)],
        savings=[Saving("540.21", 10_000), Saving("540.21", 5_000)],
    )
    row = note_b(year)["540.21"]
    assert note_b_columns(row) == (-40_000, 0, -40_000, 0, 40_000, -15_000, -15_000, 50_000, None)


def test_negative_carried_over_in_note_a():
    year = AgencyYear("X", 2021, expense=[
        ExpenseLine.with_keywords("540.29", "kan overføres", carried_over=-1_392_279, allocated=123_200_000,
                                  accounted=121_000_000)])
    row = note_a(year)["540.29"]
    assert (kr(row.carried_over), kr(row.total)) == (-1_392_279, 121_807_721)
    assert kr(note_b(year)["540.29"].transferable) == 807_721


# -- income sub-table --------------------------------------------------------------------------
def test_income_sub_table_for_given_chargebacks_on_income():
    year = AgencyYear(
        "X", 2021,
        expense=[ExpenseLine("540.25", allocated=1_000_000, accounted=100_000)],
        income=[
            IncomeLine("3540.86", "Tvangsmulkt", allocated=100_000, accounted=0),
            IncomeLine("3540.87", "Gebyrer", accounted=20_000),
            IncomeLine("3540.03", allocated=5_000, accounted=5_000),
        ],
        chargebacks=[
            Chargeback("given", "3540.87", used=5_000),
            Chargeback("given", "3540.86", used=150_000),
            Chargeback("given", "540.25", used=700_000),
            Chargeback("given", "3540.87", used=2_500),
        ],
    )
    note = note_b(year)
    assert [(str(r.account), kr(r.difference), kr(r.received_by_others), kr(r.difference_after_chargebacks))
            for r in note.income_rows] == [
        ("3540.86", -100_000, 150_000, 50_000),  # Digdir 354086
        ("3540.87", 20_000, 7_500, 27_500),
    ]
    assert kr(note["540.25"].spent_by_others) == -700_000
    assert kr(note["540.25"].difference_after_chargebacks) == 200_000
    report = appropriation_report(year)
    assert [(str(r.account), r.note) for r in report.income] == [
        ("3540.03", ""), ("3540.86", "B"), ("3540.87", "B")]


def test_no_income_sub_table_without_given_chargebacks_on_income():
    assert len(note_b(worked_example()).income_rows) == 0


# -- bevilgningsrapportering ----------------------------------------------------------------------
def report_year() -> AgencyYear:
    return AgencyYear(
        agency="Ordningsetaten",
        fiscal_year=2021,
        expense=[
            ExpenseLine("1633.01", accounted=70_000),
            ExpenseLine("2000.01", "Fra annet departement", accounted=40_000),
            ExpenseLine.with_keywords("540.45", "kan overføres", text="Større utstyr", allocated=200_000,
                                      accounted=250_000),
            ExpenseLine("100.21", "Spesielle driftsutgifter", accounted=30_000),
            ExpenseLine("540.27", "Nedlagt"),
            ExpenseLine("540.01", "Driftsutgifter", carried_over=50_000, allocated=1_000_000, accounted=900_000),
        ],
        income=[
            IncomeLine("5700.72", "Arbeidsgiveravgift", accounted=20_000),
            IncomeLine("3100.01", "Refusjon", accounted=5_000),
            IncomeLine("5309.29", "Tilfeldige inntekter", accounted=1_000),
            IncomeLine("3540.02", "Salg", allocated=100_000, accounted=130_000),
        ],
        chapter_names={540: "Ordningsetaten", 100: "Annet departement", 2000: "Fellestiltak",
                       1633: "Nettoordning for mva i staten", 3540: "Ordningsetaten"},
        chargebacks=[
            Chargeback("received", "100.21", used=30_000),
            Chargeback("received", "2000.01", used=40_000),
            Chargeback("received", "3100.01", used=5_000),
            Chargeback("given", "3540.02", used=10_000),
        ],
        capital_accounts=[
            CapitalAccount("60090701", "Norges Bank KK /innbetalinger", 200_000),
            CapitalAccount("60090702", "Norges Bank KK/utbetalinger", -1_300_000),
        ],
        treasury_balance=TreasuryBalance("715006", "Mellomværende med statskassen", -50_000, -16_000),
    )


def test_report_line_order_own_then_received_then_common():
    report = appropriation_report(report_year())
    assert [(str(r.account), r.note, r.received_chargeback) for r in report.expense] == [
        ("540.01", "A, B", False),
        ("540.27", "A, B", False),
        ("540.45", "A, B", False),
        ("100.21", "B", True),
        ("2000.01", "B", True),
        ("1633.01", "", False),
    ]
    assert [(str(r.account), r.note) for r in report.income] == [
        ("3540.02", "B"), ("3100.01", "B"), ("5309.29", ""), ("5700.72", "")]


def test_report_lines_and_differences():
    report = appropriation_report(report_year())
    assert [(kr(r.total_allocation), kr(r.accounted), kr(r.difference)) for r in report.expense] == [
        (1_050_000, 900_000, 150_000),
        (0, 0, 0),
        (200_000, 250_000, -50_000),
        (0, 30_000, None),  # mer/mindre not shown outside the agency's own chapters
        (0, 40_000, None),
        (0, 70_000, None),
    ]
    assert [(kr(r.total_allocation), kr(r.accounted), kr(r.difference)) for r in report.income] == [
        (100_000, 130_000, 30_000), (0, 5_000, None), (0, 1_000, None), (0, 20_000, None)]
    assert [(r.chapter_name, r.text) for r in report.expense][:4] == [
        ("Ordningsetaten", "Driftsutgifter"), ("Ordningsetaten", "Nedlagt"),
        ("Ordningsetaten", "Større utstyr, kan overføres"), ("Annet departement", "Spesielle driftsutgifter")]


def test_report_sums_net_capital_and_total():
    report = appropriation_report(report_year())
    t = report.expense_total
    assert (kr(t.total_allocation), kr(t.accounted), kr(t.difference)) == (1_250_000, 1_290_000, 100_000)
    t = report.income_total
    assert (kr(t.total_allocation), kr(t.accounted), kr(t.difference)) == (100_000, 156_000, 30_000)
    assert kr(report.net_reported) == 1_134_000
    assert [(c.number, c.text, kr(c.amount)) for c in report.capital] == [
        ("60090701", "Norges Bank KK /innbetalinger", 200_000),
        ("60090702", "Norges Bank KK/utbetalinger", -1_300_000),
        ("715006", "Endring i mellomværende med statskassen", -34_000),
    ]
    assert report.total_reported == Money(0)
    [holding] = report.holdings
    assert (holding.number, holding.text, kr(holding.closing), kr(holding.opening), kr(holding.change)) == (
        "715006", "Mellomværende med statskassen", -50_000, -16_000, -34_000)


def test_report_without_capital_accounts_reports_the_net():
    year = AgencyYear("X", 2021, expense=[ExpenseLine("540.01", allocated=10, accounted="7.50")])
    report = appropriation_report(year)
    assert report.capital == () and report.holdings == ()
    assert report.total_reported == report.net_reported == Money.parse("7,50")


def test_note_a_and_b_hold_own_posts_only_in_account_order():
    year = report_year()
    assert [str(r.account) for r in note_a(year).rows] == ["540.01", "540.45"]
    assert [str(r.account) for r in note_b(year).rows] == ["540.01", "540.45"]


# -- rows addressable by account -------------------------------------------------------------
def test_rows_by_account_in_every_spelling():
    year = worked_example()
    b = note_b(year)
    assert b["1234.45"] is b["123445"] is b["1234.45 "] is b.rows[1] is b.rows["1234.45"]
    assert note_a(year)["123401"].total == Money.kroner(51_000_000)
    report = appropriation_report(year)
    assert report["4234.02"] is report.income["423402"]
    assert "1234.01" in b.rows and "123401" in b.rows
    assert "1234.99" not in b.rows and "nonsense" not in b.rows and 54001 not in b.rows
    assert len(b.rows) == 2 and [r.account for r in b.rows] == [r.account for r in note_a(year).rows]


def test_missing_account_names_the_rows_there_are():
    with pytest.raises(KeyError, match=r"no row for account 1234\.21 \(rows: 1234\.01, 1234\.45\)"):
        note_b(worked_example())["1234.21"]
    with pytest.raises(KeyError, match=r"no row for account 4234\.03"):
        appropriation_report(worked_example())["4234.03"]
    with pytest.raises(UsageError, match="is not an account"):
        note_b(worked_example())["540-01"]


def test_note_b_refuses_a_year_without_rules():
    year = AgencyYear("X", 2005, expense=[ExpenseLine("540.01", allocated=1_000, accounted=900)])
    assert kr(note_a(year)["540.01"].total) == 1_000  # Note A needs no transfer rules
    with pytest.raises(RuleYearError, match="not 2005"):
        note_b(year)
