"""Structures of real reports (issue 8, finding 7): underposts, income chapters in Note A,
several chargebacks on one post — in the raw format, the model and the statements."""

from __future__ import annotations

import pytest

import statsbudsjett as sb
from statsbudsjett import AgencyYear, Chargeback, ExpenseLine, IncomeLine, Money

kr = Money.kroner

# Gul bok 2021 splits kap. 540 post 1 into underposts 1 Lønn og godtgjørelser and 2 Varer og tjenester.
UNDERPOSTS = """format = "statsbudsjett/1"
agency = "Eksempeletaten"
fiscal_year = 2021

[expense."540.01.01"]
text = "Lønn og godtgjørelser"
allocated = 100000000
accounted = 98000000

[expense."540.1.2"]
text = "Varer og tjenester"
carried_over = 1000000
allocated = 60000000
accounted = 61500000

[expense."540.45"]
keywords = ["kan overføres"]
allocated = 5000000
accounted = 4000000
"""


def test_underposts_are_read_and_added_up_to_their_post_for_the_rules():
    year = sb.load(UNDERPOSTS)
    assert [str(line.account) for line in year.expense] == ["540.01.01", "540.01.02", "540.45"]
    note_a = sb.note_a(year)
    assert [str(r.account) for r in note_a.rows] == ["540.01.01", "540.01.02", "540.45"]  # as the report shows them
    assert note_a.total.total == kr(166_000_000)
    row = sb.note_b(year)["540.01"]  # the 5 % rule applies to the post: 5 % of 160 000 000
    assert (row.difference, row.max_transferable, row.transferable) == (kr(1_500_000), kr(8_000_000), kr(1_500_000))
    lines = sb.appropriation_report(year).expense
    assert [str(line.account) for line in lines] == ["540.01.01", "540.01.02", "540.45"]
    assert sb.load(sb.dump(year)) == year


def test_splitting_a_post_into_underposts_changes_no_post_figure():
    whole = UNDERPOSTS.split('[expense."540.01.01"]')[0] + """[expense."540.01"]
carried_over = 1000000
allocated = 160000000
accounted = 159500000

[expense."540.45"]
keywords = ["kan overføres"]
allocated = 5000000
accounted = 4000000
"""
    split, joined = sb.note_b(sb.load(UNDERPOSTS)), sb.note_b(sb.load(whole))
    assert [(r.account, r.basis, r.max_transferable, r.transferable) for r in split.rows] == [
        (r.account, r.basis, r.max_transferable, r.transferable) for r in joined.rows]


def test_a_post_given_both_whole_and_as_underposts_is_refused():
    text = UNDERPOSTS + '\n[expense."540.01"]\nallocated = 1000\naccounted = 0\n'
    with pytest.raises(sb.InputError) as raised:
        sb.load(text)
    assert {p.message.split(":")[0] for p in raised.value.errors} == {
        "540.01 is given both as a post and with its underpost 540.01.01",
        "540.01 is given both as a post and with its underpost 540.01.02"}


def test_an_income_chapter_with_a_tildeling_is_explained_in_note_a():
    """Petoro/SDØE prints kap. 5440 in Note A (post 24 with underposts 24.01–24.05)."""
    year = AgencyYear("Petoro", 2023, expense=[ExpenseLine("2440.30", allocated=30_000_000, accounted=29_000_000)],
                      income=[IncomeLine("5440.24.01", "Driftsinntekter", 200_000_000, 210_000_000, True),
                              IncomeLine("5440.24.02", "Driftsutgifter", -50_000_000, -48_000_000, True),
                              IncomeLine("5440.80", "Renter", 1_000_000, 1_200_000)])
    note = sb.note_a(year)
    assert [str(r.account) for r in note.income_rows] == ["5440.24.01", "5440.24.02"]
    assert note.income_total is not None and note.income_total.total == kr(150_000_000)
    assert note["5440.24.02"].allocated == kr(-50_000_000)
    assert "Note A: Forklaring av samlet tildeling inntekter" in sb.render(note, "text")
    assert sb.load(sb.dump(year)) == year


def test_several_received_chargebacks_on_one_post_from_different_counterparties():
    """Direktoratet for e-helse 2021: three received belastningsfullmakter on 540.25."""
    received = [Chargeback("received", "540.25", used, limit, who) for who, limit, used in (
        ("Helsedirektoratet", 11_831_000, 10_678_613), ("Helse- og omsorgsdepartementet", 21_163_000, 3_866_450),
        ("Norsk helsenett", 2_500_000, 2_500_000))]
    year = AgencyYear("Direktoratet for e-helse", 2021, expense=[
        ExpenseLine("701.01", allocated=100_000_000, accounted=90_000_000),
        ExpenseLine("540.25", accounted=17_045_063)], chargebacks=received)
    assert sb.validate(year) == []
    line = sb.appropriation_report(year)["540.25"]
    assert (line.received_chargeback, line.accounted, line.difference) == (True, kr(17_045_063), None)
    assert sb.load(sb.dump(year)) == year


def test_a_report_with_underposts_verifies_against_its_raw_inputs():
    """Note A and the bevilgningsrapportering print the underposts, Note B the post: verify adds up."""
    from statsbudsjett.published import publish
    from statsbudsjett.verification import verify_report

    report = publish(sb.load(UNDERPOSTS))
    assert [r.key for r in report.table("note_a").lines()] == ["540.01.01", "540.01.02", "540.45"]
    assert [r.key for r in report.table("note_b").lines()] == ["540.01", "540.45"]
    result = verify_report(report)
    assert result.ok, [f.describe() for f in result.errors]
    cap = [f for f in result.findings if f.rule == "rules.five-percent-cap"]
    assert [(f.expected, len(f.terms)) for f in cap] == [(kr(8_000_000), 2)]  # 5 % of the two underposts


def test_note_a_with_income_rows_is_printed_read_back_and_verified():
    """The published format takes Note A rows of income posts, with their own sum line."""
    from statsbudsjett.io.published_reader import read_published
    from statsbudsjett.io.published_writer import dump_published
    from statsbudsjett.published import publish
    from statsbudsjett.verification import verify_report

    year = AgencyYear("Petoro", 2023, expense=[ExpenseLine("2440.30", allocated=30_000_000, accounted=29_000_000)],
                      income=[IncomeLine("5440.24.01", "Driftsinntekter", 200_000_000, 210_000_000, True),
                              IncomeLine("5440.24.02", "Driftsutgifter", -50_000_000, -48_000_000, True)])
    report = publish(year)
    assert [(r.key, r.code) for r in report.table("note_a").rows] == [
        ("2440.30", ""), ("Sum", "total"), ("5440.24.01", ""), ("5440.24.02", ""), ("Sum inntekter", "income_total")]
    text = dump_published(report)
    assert "[note_a_income_total]" in text
    again = read_published(text, file="petoro.toml")
    assert verify_report(again).ok, [f.describe() for f in verify_report(again).errors]
    broken = again.with_figure(again.table("note_a").cell(again.table("note_a").rows[-1], "total"),
                               sb.published.Figure(kr(150_000_005)))
    assert [f.rule for f in verify_report(broken).errors] == ["note_a.sum"]


def test_the_bevilgningsrapportering_prints_the_underpost_and_notes_an_income_line_in_note_a():
    year = AgencyYear("Petoro", 2023, expense=[ExpenseLine("2440.30.01", allocated=1_000, accounted=900),
                                               ExpenseLine("2440.30.02", allocated=500, accounted=500)],
                      income=[IncomeLine("5440.24.01", "Driftsinntekter", 2_000, 2_100, True)])
    text = sb.render(sb.appropriation_report(year), "csv")
    assert "2440,,30.01,,\"A, B\"" in text and "2440,,30.02," in text
    assert sb.appropriation_report(year)["5440.24.01"].note == "A"


def test_an_overspent_post_given_as_underposts_is_located_at_its_first_underpost():
    overspent = UNDERPOSTS.replace("accounted = 61500000", "accounted = 64000000")
    _, problems = sb.read_agency_year(overspent, file="x.toml")
    [warning] = [p for p in problems if p.severity is sb.Severity.WARNING]
    assert (warning.field, warning.location.line) == ('expense."540.01.01".accounted', 8)
    assert warning.message.startswith("540.01: overspend of 1 000 000 kr")  # 161 000 000 − 162 000 000
