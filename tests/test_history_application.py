"""The application for transfer (søknad om overføring) and the history's tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from history_cases import M, five_years
from statsbudsjett import Account, Money, UsageError, load
from statsbudsjett.history import Transfer, Transfers, history_report, transfer_application
from statsbudsjett.io.history_reader import load_history
from statsbudsjett.io.history_render import render_application, render_history

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "history-five-years"
kr = Money.kroner


@pytest.fixture(scope="module")
def application():
    return transfer_application(load_history(EXAMPLE))


def test_the_application_lists_every_post_that_may_carry_money(application):
    assert (application.agency, application.ministry, application.fiscal_year) == (
        "Eksempeldirektoratet", "Kommunal- og distriktsdepartementet", 2024)
    rows = [(str(r.account), r.max_transferable, r.transferable, r.applied) for r in application.rows]
    assert rows == [
        ("1495.01", kr(10_175_000), kr(3_700_000), kr(3_700_000)),
        ("1495.21", kr(83_000_000), kr(800_000), kr(800_000)),  # no amount given: the transferable amount
        ("1495.45", kr(20_000_000), kr(12_000_000), kr(12_000_000)),  # the cap from 2023's allocation
    ]
    assert application.rows[2].justification.startswith("Utskifting av serverpark")
    assert (application.transferable_total, application.applied_total) == (kr(16_500_000), kr(16_500_000))


def test_an_application_for_an_earlier_year_and_from_a_single_file():
    earlier = transfer_application(load_history(EXAMPLE), 2020)
    assert [(str(r.account), r.applied) for r in earlier.rows] == [
        ("1495.01", kr(3_400_000)), ("1495.21", kr(2_100_000)), ("1495.45", kr(17_000_000))]
    single = transfer_application(load(EXAMPLE / "2024.toml"))
    assert single.rows[2].max_transferable is None  # one file: last year's allocation unknown, no cap shown
    applied = Transfers([Transfer(2024, Account(1495, 45), applied=kr(5 * M), justification="Kort begrunnelse")])
    row = transfer_application(load(EXAMPLE / "2024.toml"), transfers=applied).rows[2]
    assert (row.applied, row.justification) == (kr(5 * M), "Kort begrunnelse")


def test_a_post_applied_for_without_a_transferable_amount_is_listed():
    history = five_years(transfer_overrides={(2021, 70): (50_000, None)})
    row = next(r for r in transfer_application(history, 2021).rows if r.account.post == 70)
    assert (row.transferable, row.applied) == (None, kr(50_000))


def test_the_application_in_text_markdown_and_csv(application):
    text = render_application(application)
    assert "Eksempeldirektoratet: søknad om overføring av ubrukt bevilgning fra 2024 til 2025" in text
    assert "149545" in text and "12 000 000" in text and "Begrunnelse" in text
    markdown = render_application(application, "markdown")
    assert markdown.startswith("### Eksempeldirektoratet: søknad")
    assert "\n| 149521             | Spesielle driftsutgifter" in markdown
    csv = render_application(application, "csv").splitlines()
    assert csv[0] == ("Kapittel og post,Posttekst,Stikkord,Maks. overførbart beløp,Mulig overførbart beløp,"
                      "Søkt overført,Begrunnelse")
    assert csv[3].startswith("149545,Større utstyrsanskaffelser og vedlikehold,kan overføres,20000000,12000000,"
                             "12000000,")
    assert csv[-1] == "Sum,,,,16500000,16500000,"
    english = render_application(application, "csv", language="en").splitlines()[0]
    assert english.startswith("Chapter and post,Post text,Keywords,Maximum transferable")
    data = json.loads(render_application(application, "json"))
    assert data["rows"][2]["applied"] == 12_000_000 and data["applied_total"] == 16_500_000


def test_the_history_in_every_format():
    report = history_report(load_history(EXAMPLE))
    text = render_history(report)
    assert "Kjeden for 1495.45 Større utstyrsanskaffelser og vedlikehold (kan overføres)" in text
    assert "Aldring av midler på 1495.45" in text and "Innsparing etter forskuttering" in text
    assert "Kontinuitetskontroller: 52 kontroller, 0 feil, 0 advarsler" in text
    english = render_history(report, "markdown", language="en")
    assert "### The chain of 1495.45" in english and "Lapsed under the two-year rule" in english
    data = json.loads(render_history(report, "json"))
    post_45 = data["posts"][2]
    assert [y["carried_out"] for y in post_45["years"]] == [15_000_000, 21_000_000, 25_000_000, 11_000_000, None]
    assert post_45["ageing"][2]["expired"] == 1_000_000 and post_45["ageing"][2]["layers"][0]["allocation_year"] == 2020
    assert data["summary"] == {"checks": 52, "errors": 0, "warnings": 0, "ok": True}
    assert data["savings"]["schedules"][1]["years"][0] == {
        "fiscal_year": 2024, "required": 500_000, "due": 500_000, "saved": 600_000, "cumulative": 600_000,
        "shortfall": 0}
    csv = render_history(report, "csv")
    assert "2022,2020,9000000,0,8000000,1000000,1000000,0,0,0" in csv  # the 2020 layer lapses at the end of 2022


def test_the_ageing_table_shows_a_deficit_and_money_without_cover():
    text = render_history(history_report(five_years()), "csv")
    # 1234.21: the overspend of 2021 carried as a negative transfer, covered by the 2022 allocation
    assert "2021,Merforbruk,0,0,1000000,-1000000,0,-1000000,-1000000,0" in text
    assert "2022,Merforbruk,-1000000,1000000,0,0,0,0,0,0" in text


def test_rendering_refuses_an_unknown_format(application):
    with pytest.raises(UsageError, match="formats: text, markdown"):
        render_application(application, "pdf")
