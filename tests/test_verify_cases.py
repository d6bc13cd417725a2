"""`statsbudsjett verify` on files: located messages for unusable input (exit 2), findings (exit 1),
a clean report (exit 0). Golden output in tests/verify-cases/, run from the repository root.

Review a changed message, then regenerate with::

    UPDATE_GOLDEN=1 python -m pytest tests/test_verify_cases.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from statsbudsjett.cli import main
from statsbudsjett.errors import InputError
from statsbudsjett.io.published_reader import read_published

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "verify-cases"
BROKEN = sorted(p for p in CASES.glob("*.toml") if not p.name.startswith("findings-"))


def check_golden(path: Path, text: str) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def from_the_repository_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("case", BROKEN, ids=lambda p: p.stem)
def test_unusable_input_is_located_and_exits_2(case, capsys):
    assert main(["verify", str(case.relative_to(ROOT))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    check_golden(case.with_suffix(".out"), captured.err)
    assert f"{case.relative_to(ROOT)}:" in captured.err  # every message names file:line:col


def test_every_problem_is_collected_in_file_order():
    with pytest.raises(InputError) as raised:
        read_published(CASES / "many-problems.toml")
    assert [(p.location.line, p.location.column) for p in raised.value.problems] == [
        (9, 13), (10, 1), (13, 11), (14, 14), (17, 13)]


@pytest.mark.parametrize("language", ["no", "en"])
def test_findings_report_exits_1(language, capsys):
    case = "tests/verify-cases/findings-testetaten.toml"
    assert main(["verify", case, "--lang", language]) == 1
    check_golden(CASES / f"findings-testetaten.{language}.txt", capsys.readouterr().out)


def test_findings_as_json(capsys):
    assert main(["verify", "tests/verify-cases/findings-testetaten.toml", "--format", "json", "--lang", "en"]) == 1
    data = json.loads(capsys.readouterr().out)
    [error] = [f for f in data["findings"] if f["status"] == "error"]
    assert error == {
        "rule": "rules.five-percent-cap", "severity": "error", "status": "error", "statement": "note_b",
        "row": "1234.01", "column": "max_transferable", "published": 2600000, "expected": 2500000, "relation": "=",
        "difference": 100000, "tolerance": 1,
        "message": "Maximum transferable on a 5 % post = 5 % of this year's allocation 50 000 000 (Note A)",
        "location": {"file": "tests/verify-cases/findings-testetaten.toml", "line": 61, "column": 20},
        "terms": [{"statement": "note_a", "row": "1234.01", "column": "allocated"}],
        "field": None, "hint": None,
    }
    assert data["summary"] == {"figures": 30, "checks": 26, "exact": 24, "rounding": 1, "errors": 1, "warnings": 0}


@pytest.mark.parametrize("language", ["no", "en"])
def test_digdir_report(language, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # locations print relative to the working directory
    assert main(["verify", "examples/digdir-2021/published.toml", "--lang", language]) == 0
    check_golden(CASES / f"digdir-2021.{language}.txt", capsys.readouterr().out)


def test_verify_without_a_file_checks_the_bundled_digdir_report(capsys):
    assert main(["verify", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)["summary"]
    assert summary["errors"] == 0 and summary["rounding"] == 21


def test_a_dash_an_empty_cell_and_zero_are_three_things():
    report = read_published(ROOT / "examples" / "digdir-2021" / "published.toml")
    appropriation = report.table("appropriation")
    dash = appropriation.row("540.27")["total_allocation"]
    empty = appropriation.row("352.71")["difference"]
    zero = report.table("object_class").by_code("fees")["2021"]
    assert (dash.value, dash.dash, "total_allocation" in appropriation.row("540.27")) == (None, True, True)
    assert (empty.value, empty.dash, "difference" in appropriation.row("352.71")) == (None, False, False)
    assert (zero.value is not None, zero.amount.ore, zero.dash) == (True, 0, False)


def test_figures_may_be_written_as_printed():
    text = '''format = "statsbudsjett/published-1"
agency = "Testetaten"
fiscal_year = 2024
[[note_a]]
account = "1234.01"
carried_over = "−1 000 000"
allocated = "50 000 000"
total = "49\u00a0000\u00a0000"
'''
    report = read_published(text, file="inline.toml")
    row = report.table("note_a").row("1234.01")
    assert [row[c].amount.round_kroner() for c in ("carried_over", "allocated", "total")] == [
        -1_000_000, 50_000_000, 49_000_000]
    assert (row["total"].location.file, row["total"].location.line) == ("inline.toml", 8)


def test_the_docs_name_every_rule():
    page = (ROOT / "docs" / "verify.md").read_text(encoding="utf-8")
    from statsbudsjett.verification.registry import RULES

    assert [r for r in RULES if f"`{r}`" not in page] == []


def test_the_complete_example_of_the_format_docs_verifies_clean():
    import re

    from statsbudsjett.verification import verify_report

    page = (ROOT / "docs" / "published-format.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```toml\n(.*?)^```", page, re.MULTILINE | re.DOTALL)
              if b.startswith('format = "statsbudsjett/published-1"\nagency')]
    assert len(blocks) == 1
    result = verify_report(read_published(blocks[0], file="published-format.md"))
    assert result.ok and result.summary.exact == result.summary.checks > 15


def test_digdir_round_trips_through_the_writer():
    from statsbudsjett.io.published_writer import dump_published

    path = ROOT / "examples" / "digdir-2021" / "published.toml"
    report = read_published(path)
    again = read_published(dump_published(report, raw="inputs.toml"), base=path.parent)
    assert again == report  # locations are not part of equality
    assert [(c, f.value, f.dash) for c, f in again.figures()] == [(c, f.value, f.dash) for c, f in report.figures()]
