"""Rendering: DFØ's number format and empty cells, exact csv/json, the JSON contract, escaping, golden files.

The golden files in ``tests/golden/`` hold the rendered Digdir 2021 statements in every format.
After an intended change of the output, regenerate them and review the diff::

    UPDATE_GOLDEN=1 python -m pytest tests/test_render.py
"""

from __future__ import annotations

import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from statsbudsjett import (
    AgencyYear,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    UsageError,
    appropriation_report,
    load_example,
    note_a,
    note_b,
    render,
)
from statsbudsjett.cli import STATEMENTS, compute
from statsbudsjett.io.tables import Language

GOLDEN = Path(__file__).parent / "golden"
EXTENSIONS = {"text": "txt", "markdown": "md", "html": "html", "csv": "csv", "json": "json"}
# Every statement in every format in Norwegian; the labelled formats of the full report in English.
GOLDEN_CASES = [(command, output, "no") for command in STATEMENTS for output in EXTENSIONS] + [
    ("report", output, "en") for output in ("text", "markdown", "html", "csv")]


def golden_path(command: str, output: str, language: str) -> Path:
    stem = command if output == "json" else f"{command}.{language}"
    return GOLDEN / f"{stem}.{EXTENSIONS[output]}"


@pytest.fixture(scope="module")
def digdir() -> AgencyYear:
    return load_example()


@pytest.mark.parametrize(("command", "output", "language"), GOLDEN_CASES)
def test_golden(digdir, command, output, language):
    rendered = render(compute(command, digdir), output, language=language)
    path = golden_path(command, output, language)
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(rendered, encoding="utf-8", newline="")
    assert path.is_file(), f"{path.name} is missing; create it with UPDATE_GOLDEN=1"
    assert rendered == path.read_text(encoding="utf-8"), f"{path.name} differs; review, then UPDATE_GOLDEN=1"


def test_no_stale_golden_files():
    expected = {golden_path(*case).name for case in GOLDEN_CASES}
    assert {p.name for p in GOLDEN.iterdir()} == expected


# -- cells as DFØ prints them --------------------------------------------------------------
def markdown_rows(text: str) -> dict[str, list[str]]:
    """Cells of every markdown table row, by the row's first cell."""
    rows = {}
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|:") and not line.startswith("|-"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows.setdefault(cells[0], cells[1:])
    return rows


def test_numbers_as_dfo_prints_them(digdir):
    text = render(appropriation_report(digdir))
    assert "1 092 268 000" in text and "-8 249 451" in text
    assert "1092268000" not in text and "−" not in text


def test_bevilgning_prints_zero_as_dash_and_leaves_foreign_lines_empty(digdir):
    expense_table = render(appropriation_report(digdir), "markdown").split("\n\n")[1]
    rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in expense_table.splitlines()[2:]]
    by_account = {f"{r[0]}.{r[2]}": r for r in rows if r[2]}
    assert by_account["540.71"][5:] == ["837 000", "837 000", "-"]
    assert by_account["540.27"][5:] == ["-", "-", "-"]
    assert by_account["540.22"][5:] == ["135 000 000", "143 249 451", "-8 249 451"]
    assert by_account["352.71"][1:] == [
        "Nedsatt funksjonsevne (belastningsfullmakt)", "71", "Universell utforming og økt tilgjengelighet", "B",
        "-", "500 000", ""]
    assert by_account["1633.01"][3:] == ["", "", "-", "79 297 719", ""]
    total = next(r for r in rows if r[0] == "Sum utgiftsført")
    assert total[5:] == ["1 092 268 000", "971 218 029", "203 605 690"]


def test_note_a_prints_zero_as_dash(digdir):
    rows = markdown_rows(render(note_a(digdir), "markdown"))
    assert rows["54022"] == ["-", "135 000 000", "135 000 000"]
    assert rows["54001"] == ["2 551 000", "164 423 000", "166 974 000"]
    assert rows["Sum"] == ["122 165 000", "970 103 000", "1 092 268 000"]


def test_note_b_leaves_zero_and_non_transfer_cells_empty(digdir):
    rows = markdown_rows(render(note_b(digdir), "markdown"))
    assert rows["54001"] == ["", "254 559", "", "254 559", "1 107 476", "", "", "1 362 035", "8 221 150",
                             "1 362 035"]
    assert rows["54022"] == ["", "-8 249 451", "", "-8 249 451", "8 072 350", "", "", "", "", ""]
    assert rows["54025"] == ["kan overføres", "204 723 670", "-112 759 278", "91 964 392", "", "", "",
                             "91 964 392", "", "91 964 392"]
    assert rows["54029"][-3:] == ["-1 392 279", "", "-1 392 279"]
    assert rows["54071"] == [""] * 10
    assert rows["354086"] == ["-100 000", "150 000", "50 000"]


# -- exact amounts in csv and json ---------------------------------------------------------------
def ore_year() -> AgencyYear:
    return AgencyYear(
        "Øreetaten", 2021,
        expense=[ExpenseLine("540.01", "Drift", carried_over="0,40", allocated="1000.10", accounted="999.25")],
        income=[IncomeLine("3540.86", allocated=100, accounted="0.50")],
        chargebacks=[Chargeback("given", "3540.86", used="0.75")],
    )


def test_csv_carries_exact_ore():
    rows = list(csv.reader(io.StringIO(render(note_b(ore_year()), "csv"))))
    assert rows[1] == ["54001", "", "1.25", "0", "1.25", "0", "0", "0", "1.25", "50.01", "1.25"]
    assert rows[-1] == ["354086", "-99.50", "0.75", "-98.75"]
    report = list(csv.reader(io.StringIO(render(appropriation_report(ore_year()), "csv"))))
    assert report[1] == ["540", "", "01", "Drift", "A, B", "1000.50", "999.25", "1.25"]
    assert render(note_a(ore_year()), "csv").splitlines()[1] == "54001,0.40,1000.10,1000.50"


def test_text_rounds_ore_to_whole_kroner():
    rows = markdown_rows(render(note_a(ore_year()), "markdown"))
    assert rows["54001"] == ["-", "1 000", "1 001"]  # 0,40 kr rounds to 0 kr, printed "-"


def test_json_of_note_b_follows_the_contract(digdir):
    text = render(note_b(digdir), "json")
    data = json.loads(text, parse_float=Decimal)
    # the rules it was computed with: the choices that differ from the v1 decisions (none here)
    assert list(data) == ["agency", "fiscal_year", "rows", "income_rows", "parameters"]
    assert data["parameters"] == []
    assert (data["agency"], data["fiscal_year"]) == ("Digitaliseringsdirektoratet", 2021)
    assert [row["account"] for row in data["rows"]] == [
        "540.01", "540.21", "540.22", "540.23", "540.25", "540.26", "540.28", "540.29", "540.71"]
    for row in data["rows"]:
        assert list(row) == ["account", "keywords", "difference", "spent_by_others", "difference_after_chargebacks",
                             "revenue", "reallocation", "savings", "basis", "max_transferable", "transferable",
                             "rule", "covered_by_partners"]
    rows = {row["account"]: row for row in data["rows"]}
    assert rows["540.01"] == {
        "account": "540.01", "keywords": [], "difference": 254559, "spent_by_others": 0,
        "difference_after_chargebacks": 254559, "revenue": 1107476, "reallocation": 0, "savings": 0,
        "basis": 1362035, "max_transferable": 8221150, "transferable": 1362035, "rule": "transfer.five-percent",
        "covered_by_partners": 0}
    assert (rows["540.21"]["keywords"], rows["540.21"]["max_transferable"], rows["540.21"]["transferable"]) == (
        ["kan overføres"], None, 10786943)
    assert (rows["540.22"]["basis"], rows["540.22"]["max_transferable"], rows["540.22"]["transferable"]) == (
        -177101, 6750000, None)
    assert (rows["540.29"]["basis"], rows["540.29"]["transferable"]) == (-1392279, -1392279)
    assert (rows["540.71"]["max_transferable"], rows["540.71"]["transferable"]) == (None, None)
    assert data["income_rows"] == [{"account": "3540.86", "difference": -100000, "received_by_others": 150000,
                                    "difference_after_chargebacks": 50000}]
    assert all(type(v) is int for row in data["rows"] for v in row.values() if isinstance(v, int | Decimal))


def test_json_writes_ore_with_two_decimals():
    text = render(note_b(ore_year()), "json")
    assert '"difference": 1.25,' in text and '"spent_by_others": 0,' in text
    assert '"max_transferable": 50.01,' in text
    data = json.loads(text, parse_float=Decimal)
    assert data["income_rows"][0]["difference"] == Decimal("-99.50")
    assert '"difference": -99.50,' in text  # two decimals, not -99.5


def test_json_of_a_report_names_each_statement(digdir):
    data = json.loads(render(compute("report", digdir), "json"))
    assert list(data) == ["appropriation_report", "note_a", "note_b"]
    assert data["appropriation_report"]["net_reported"] == 662922512
    assert data["note_a"]["total"] == {"carried_over": 122165000, "allocated": 970103000, "total": 1092268000}


# -- text that must not break the markup -----------------------------------------------------------
def tricky_year() -> AgencyYear:
    return AgencyYear(
        "Etat <b>&", 2021,
        expense=[ExpenseLine("540.01", 'Drift <b>& "sitat" | pipe, komma', allocated=1000, accounted=900)],
        chapter_names={540: "Kap <i>"},
    )


def test_html_escapes_text():
    html = render(appropriation_report(tricky_year()), "html")
    assert "<b>" not in html and "<i>" not in html
    assert "Drift &lt;b&gt;&amp; &quot;sitat&quot; | pipe, komma" in html
    assert "<td>Kap &lt;i&gt;</td>" in html


def test_markdown_keeps_a_pipe_inside_its_cell():
    markdown = render(appropriation_report(tricky_year()), "markdown")
    header, _rule, line = markdown.split("\n\n")[1].splitlines()[:3]
    assert line.count(" | ") == header.count(" | ")
    assert r"pipe \| pipe" not in line and r"\| pipe" in line


def test_csv_quotes_text():
    rows = list(csv.reader(io.StringIO(render(appropriation_report(tricky_year()), "csv"))))
    assert rows[1][3] == 'Drift <b>& "sitat" | pipe, komma'


# -- languages and formats ---------------------------------------------------------------------------
def test_english_labels(digdir):
    text = render(note_a(digdir), "markdown", language=Language.ENGLISH)
    assert text.startswith("### Note A: Total allocation, expenses\n")
    assert "| Chapter and post   |   Carried over from last year |" in text and "\n| Total " in text
    assert render(note_a(digdir), "markdown", language="en") == text
    assert "Overført fra i fjor" in render(note_a(digdir), "markdown", language="no")


def test_unknown_format_or_language_is_refused(digdir):
    with pytest.raises(UsageError, match="formats: text, markdown, html, json, csv"):
        render(note_a(digdir), "pdf")
    with pytest.raises(UsageError, match="languages: no, en"):
        render(note_a(digdir), "text", language="de")


def test_every_renderer_refuses_an_unknown_language_the_same_way(digdir):
    """One lookup (io.tables.language_of): the statements, the findings, their table and the page name the choices."""
    from statsbudsjett.io.api import verify
    from statsbudsjett.io.findings_render import findings_table, render_findings
    from statsbudsjett.io.html_page import report_page
    from statsbudsjett.io.tables import language_of

    result = verify()
    for call in (lambda: render(note_a(digdir), "text", language="de"), lambda: render_findings(result, language="de"),
                 lambda: findings_table(result, "de"), lambda: report_page(note_a(digdir), language="de"),
                 lambda: language_of("de")):
        with pytest.raises(UsageError) as raised:
            call()
        assert str(raised.value) == "unknown language 'de'; languages: no, en"
