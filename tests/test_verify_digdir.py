"""Digdir 2021 as printed verifies with no error finding; every rounding difference is named here.

The published figures are examples/digdir-2021/published.toml (format statsbudsjett/published-1);
the raw inputs it names (inputs.toml) are recomputed and compared too.
"""

from __future__ import annotations

import json

import pytest

from statsbudsjett import Money, verify
from statsbudsjett.cli import main
from statsbudsjett.errors import Severity
from statsbudsjett.findings import Status
from statsbudsjett.io.examples import example_path

PUBLISHED = example_path("digdir-2021/published.toml")

# (rule, statement, row, column): (published, expected, tolerance) — every rounding difference in
# Digdir's chapter 6, in the order verify reports them. Printed sums 1 kr off the sum of their
# printed terms, in both years' columns; then the raw inputs recomputed (tests/test_digdir_2021.py).
ROUNDING = {
    ("appropriation.sum", "appropriation", "Sum utgiftsført", "accounted"): (971_218_028, 971_218_029, 7),
    ("appropriation.sum", "appropriation", "Sum inntektsført", "accounted"): (308_295_518, 308_295_517, 5),
    ("appropriation.total-reported", "capital", "Sum rapportert", "amount"): (0, -1, 2),
    ("note_b.after-chargebacks", "note_b", "540.25", "difference_after_chargebacks"): (91_964_391, 91_964_392, 1),
    ("object_class.sum", "object_class", "Sum innbetalinger fra drift", "2021"): (277_699_893, 277_699_894, 2),
    ("object_class.sum", "object_class", "Netto rapporterte driftsutgifter", "2021"): (559_028_251, 559_028_252, 1),
    ("object_class.sum", "object_class", "Netto rapporterte utgifter på felleskapitler", "2021"):
        (48_702_094, 48_702_095, 2),
    ("object_class.sum", "object_class", "Netto rapporterte utgifter på felleskapitler", "2020"):
        (39_373_140, 39_373_141, 2),
    ("object_class.sum", "object_class", "Netto rapportert til bevilgningsregnskapet", "2021"):
        (662_922_510, 662_922_509, 3),
    ("note.sum", "treasury_overview", "Sum mellomværende med statskassen", "2020"): (-11_709_543, -11_709_544, 5),
    ("note.sum", "note_1", "Sum innbetalinger fra drift", "2021"): (277_699_893, 277_699_894, 2),
    ("note.sum", "note_3", "Sum andre utbetalinger til drift", "2021"): (532_106_393, 532_106_392, 6),
    ("note.sum", "note_3", "Sum andre utbetalinger til drift", "2020"): (454_957_941, 454_957_942, 6),
    # 3540.03's merinntekt split over 540.01, 21 and 28 in Note B: 1 107 476 + 6 558 750 + 1 560 067
    ("cross.note-b-revenue", "appropriation", "3540.03", "difference"): (9_226_292, 9_226_293, 2),
    # raw inputs → printed
    ("raw.recomputed", "appropriation", "Sum utgiftsført", "accounted"): (971_218_028, 971_218_029, 7),
    ("raw.recomputed", "appropriation", "Sum inntektsført", "accounted"): (308_295_518, 308_295_517, 5),
    ("raw.recomputed", "appropriation", "Netto rapportert til bevilgningsregnskapet", "accounted"):
        (662_922_510, 662_922_512, 11),
    ("raw.recomputed", "capital", "Sum rapportert", "amount"): (0, 1, 13),
    ("raw.recomputed", "note_b", "540.25", "difference_after_chargebacks"): (91_964_391, 91_964_392, 2),
    ("raw.recomputed", "note_b", "540.25", "basis"): (91_964_391, 91_964_392, 4),
    ("raw.recomputed", "note_b", "540.25", "transferable"): (91_964_391, 91_964_392, 4),
}

# Where each one stands in the published file (line, column of the printed figure).
LOCATIONS = {
    ("appropriation", "Sum utgiftsført", "accounted"): (133, 13),
    ("appropriation", "Sum inntektsført", "accounted"): (209, 13),
    ("capital", "Sum rapportert", "amount"): (14, 18),
    ("note_b", "540.25", "difference_after_chargebacks"): (335, 32),
    ("object_class", "Sum innbetalinger fra drift", "2021"): (437, 23),
    ("object_class", "Netto rapporterte driftsutgifter", "2021"): (441, 18),
    ("object_class", "Netto rapporterte utgifter på felleskapitler", "2021"): (456, 24),
    ("object_class", "Netto rapporterte utgifter på felleskapitler", "2020"): (456, 34),
    ("object_class", "Netto rapportert til bevilgningsregnskapet", "2021"): (457, 17),
    ("treasury_overview", "Sum mellomværende med statskassen", "2020"): (462, 21),
    ("note_1", "Sum innbetalinger fra drift", "2021"): (505, 10),
    ("note_3", "Sum andre utbetalinger til drift", "2021"): (565, 10),
    ("note_3", "Sum andre utbetalinger til drift", "2020"): (565, 21),
    ("appropriation", "3540.03", "difference"): (150, 14),
    ("appropriation", "Netto rapportert til bevilgningsregnskapet", "accounted"): (13, 16),
    ("note_b", "540.25", "basis"): (336, 9),
    ("note_b", "540.25", "transferable"): (337, 16),
}


@pytest.fixture(scope="module")
def result():
    return verify(PUBLISHED)


def test_digdir_2021_has_no_error_finding(result):
    assert result.ok
    assert result.errors == ()
    result.raise_for_errors()


def test_every_rounding_difference_is_named_with_its_location(result):
    found = {(f.rule, f.statement, f.row, f.column): (f.published.round_kroner(), f.expected.round_kroner(),
                                                      f.tolerance.round_kroner()) for f in result.rounding}
    assert found == ROUNDING
    assert list(found) == list(ROUNDING)  # reported in check order
    for finding in result.rounding:
        assert finding.location is not None and finding.location.file.endswith("published.toml")
        assert (finding.location.line, finding.location.column) == LOCATIONS[finding.cell.statement,
                                                                               finding.cell.row, finding.cell.column]
        assert Money(0) < abs(finding.difference) <= finding.tolerance


def test_the_rounding_differences_cover_both_years_and_every_kind_of_statement(result):
    columns = {f.column for f in result.rounding}
    statements = {f.statement for f in result.rounding}
    assert {"2021", "2020"} <= columns
    assert {"appropriation", "capital", "note_b", "object_class", "treasury_overview", "note_1", "note_3"} == statements


def test_the_overspend_on_a_five_percent_post_is_the_only_warning(result):
    [warning] = result.warnings
    assert (warning.rule, warning.row, warning.severity, warning.status) == (
        "rules.overspend", "540.22", Severity.WARNING, Status.EXACT)
    assert warning.published == Money.kroner(-177_101)  # -8 249 451 + 8 072 350, nothing transferred
    assert "177 101" in warning.message.no


def test_empty_transfer_columns_are_correct_where_nothing_may_be_transferred(result):
    """540.22 (5 %-post, negative basis) and 540.71 (post 71, no stikkord): G–I printed empty."""
    by_rule = {(f.rule, f.row): f for f in result.findings if f.statement == "note_b"}
    assert by_rule["rules.negative-transfer", "540.22"].status is Status.EXACT
    assert by_rule["rules.transfer-allowed", "540.71"].status is Status.EXACT
    assert by_rule["rules.five-percent-cap", "540.01"].expected == Money.kroner(8_221_150)
    assert ("rules.five-percent-cap", "540.22") not in by_rule  # no cap printed, none needed


def test_summary_counts(result):
    summary = result.summary
    assert (summary.figures, summary.errors, summary.warnings, summary.rounding) == (384, 0, 1, 21)
    assert summary.exact + summary.rounding == summary.checks
    assert summary.checks > 350


def test_cli_exit_zero_and_report_sections(capsys):
    assert main(["verify"]) == 0
    out = capsys.readouterr().out
    assert out.index("Feil og advarsler (1)") < out.index("Avrundingsdifferanser (21)") < out.index("Sammendrag")
    assert "Note B · 540.25 · Merutgift(-)/mindreutgift etter avgitte belastningsfullmakter" in out
    assert "examples/digdir-2021/published.toml:133:13" in out
    assert out.rstrip().endswith("Ingen feil: regnskapet henger sammen.")


def test_cli_english_and_json(capsys):
    assert main(["verify", str(PUBLISHED), "--lang", "en"]) == 0
    assert "Rounding differences (21)" in capsys.readouterr().out
    assert main(["verify", "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["findings", "summary"]
    assert data["summary"] == {"figures": 384, "checks": data["summary"]["checks"], "exact": data["summary"]["exact"],
                               "rounding": 21, "errors": 0, "warnings": 1}
    assert set(data["findings"][0]) == {"rule", "severity", "status", "statement", "row", "column", "published",
                                        "expected", "relation", "difference", "tolerance", "message", "location",
                                        "terms", "field", "hint"}
