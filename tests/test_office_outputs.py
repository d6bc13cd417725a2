"""Office outputs (issue 10): the Excel workbook, CSV for Excel, text tables that fit 160 columns.

The workbook is read back with openpyxl twice: ``data_only=False`` for the formulas,
``data_only=True`` for the values a formula carries (what every reader but Excel shows).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from decimal import Decimal

import openpyxl
import openpyxl.utils.cell
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statsbudsjett import (
    AgencyYear,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    Money,
    UsageError,
    appropriation_report,
    load_example,
    note_a,
    note_b,
    render,
)
from statsbudsjett.cli import EXIT_OK, EXIT_UNUSABLE, STATEMENTS, compute, main
from statsbudsjett.io.api import verify
from statsbudsjett.io.findings_render import findings_table, findings_workbook, render_findings
from statsbudsjett.io.render import TEXT_WIDTH, OutputFormat, _grid, render_bytes, statement_sheets, write_tables
from statsbudsjett.io.tables import (
    Language,
    TableLayout,
    appropriation_tables,
    formula_value,
    note_a_tables,
    note_b_tables,
)
from statsbudsjett.io.xlsx import NUMBER_FORMATS, ROUNDED_ZERO_FORMATS, cell_places
from strategies import valid_agency_years


# -- the sums, declared where the tables are built ----------------------------------------------
def declared_sums_hold(tables: list[TableLayout]) -> int:
    """Every declared formula gives its row's figure, exactly; returns how many cells were checked."""
    cells = {key: value for table in tables for key, value in table.keyed_cells().items()}
    checked = 0
    for table in tables:
        for r, row in enumerate(table.rows):
            formula = table.formula(r)
            if formula is None:
                continue
            for c, cell in enumerate(row):
                key = table.cell_key(r, c)
                if key is None or cell is None:
                    continue
                assert formula_value(formula, key, cells) == cell, (key, formula)
                checked += 1
    return checked


def test_the_sum_rows_are_declared_on_digdir():
    year = load_example()
    tables = appropriation_tables(appropriation_report(year))
    # sum utgiftsført (3), sum inntektsført (3), netto (1), sum rapportert (1)
    assert declared_sums_hold(tables) == 8
    kinds = [t.formula(r) is not None for t in tables for r in range(len(t.rows))]
    assert sum(kinds) == 4
    assert declared_sums_hold(note_a_tables(note_a(year), Language.ENGLISH)) == 3  # Digdir explains no income


@given(valid_agency_years())
def test_the_declared_sums_give_the_statements_figures(year):
    assert declared_sums_hold(appropriation_tables(appropriation_report(year))) >= 5
    assert declared_sums_hold(note_a_tables(note_a(year))) >= 3


# -- the workbook -------------------------------------------------------------------------------
BOM = "\ufeff"
STATEMENT_FORMAT = '#,##0;-#,##0;"-"'


def ore_year() -> AgencyYear:
    """Amounts with øre on both sides, a given chargeback on an income post (test_render's year)."""
    return AgencyYear(
        "Øreetaten", 2021,
        expense=[ExpenseLine("540.01", "Drift", carried_over="0,40", allocated="1000.10", accounted="999.25"),
                 ExpenseLine("540.21", "Spesielle driftsutgifter", keywords=["kan overføres"], allocated="500.55",
                             accounted="166719441.07")],
        income=[IncomeLine("3540.86", allocated=100, accounted="0.50")],
        chargebacks=[Chargeback("given", "3540.86", used="0.75")],
    )


def workbooks(data: bytes) -> tuple[openpyxl.Workbook, openpyxl.Workbook]:
    """The workbook read twice: its formulas, and the values its formulas carry."""
    return (openpyxl.load_workbook(io.BytesIO(data), data_only=False),
            openpyxl.load_workbook(io.BytesIO(data), data_only=True))


def exact(value: object) -> Decimal:
    """A number read from the workbook as the exact amount it stands for (øre precision)."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value
    return Decimal(repr(value)).quantize(Decimal("0.01"))


def assert_exact_cells(statements: list, data: bytes, language: str = "no") -> int:
    """Every keyed cell of every table is in the workbook where the writer says, holding the exact amount
    (a formula's value too), or empty where the table leaves it empty; returns how many amounts were read."""
    _, values = workbooks(data)
    read = 0
    for sheet in statement_sheets(statements, Language(language)):
        places = cell_places(sheet)
        cells = {key: value for table in sheet.tables for key, value in table.keyed_cells().items()}
        assert set(places) == set(cells)
        for key, (row, column) in places.items():
            value = values[sheet.name].cell(row + 1, column + 1).value
            if cells[key] is None:
                assert value is None, key
            else:
                assert exact(value) == cells[key].to_decimal(), key
                read += 1
    return read


def rows_by_label(sheet) -> dict[str, list]:
    """Each row's cells, by its first cell (the first row of a label wins)."""
    rows: dict[str, list] = {}
    for row in sheet.iter_rows():
        if row[0].value is not None:
            rows.setdefault(str(row[0].value), list(row))
    return rows


@pytest.fixture(scope="module")
def digdir_report() -> tuple[list, bytes]:
    year = load_example()
    statements = [appropriation_report(year), note_a(year), note_b(year)]
    return statements, render_bytes(statements, "xlsx")


def test_one_sheet_per_statement_with_the_agency_and_year_in_the_title_row(digdir_report):
    _, data = digdir_report
    formulas, _ = workbooks(data)
    assert formulas.sheetnames == ["Bevilgningsrapportering", "Note A", "Note B"]
    titles = [ws["A1"].value for ws in formulas]
    assert titles == [
        "Digitaliseringsdirektoratet 2021 – Oppstilling av bevilgningsrapportering 31.12.2021",
        "Digitaliseringsdirektoratet 2021 – Note A: Forklaring av samlet tildeling utgifter",
        "Digitaliseringsdirektoratet 2021 – Note B: Forklaring til brukte fullmakter og beregning av mulig "
        "overførbart beløp til neste år"]
    for ws in formulas:
        assert ws["A1"].font.b
        assert ws.freeze_panes == "A3"  # the title row and the headings stay in view
        assert ws.print_title_rows == "$1:$2"
    english = openpyxl.load_workbook(io.BytesIO(render_bytes(digdir_report[0], "xlsx", language="en")))
    assert english.sheetnames == ["Appropriation report", "Note A", "Note B"]


def test_two_statements_of_one_kind_get_sheets_of_their_own():
    """Two years' Note B in one workbook: Excel refuses two sheets of one name, so the second says its year."""
    older, newer = load_example(), AgencyYear("Eksempeletaten", 2024, expense=[
        ExpenseLine("1234.01", "Driftsutgifter", allocated=1000, accounted=900)])
    formulas, _ = workbooks(render_bytes([note_b(older), note_b(newer), note_b(newer)], "xlsx"))
    assert formulas.sheetnames == ["Note B", "Note B 2024", "Note B 2024 (2)"]
    assert formulas["Note B 2024"]["A1"].value.startswith("Eksempeletaten 2024 – Note B")


def test_headings_and_columns_as_dfo_prints_them(digdir_report):
    formulas, _ = workbooks(digdir_report[1])
    ws = formulas["Bevilgningsrapportering"]
    assert [c.value for c in ws[2]] == ["Utgiftskapittel", "Kapittelnavn", "Post", "Posttekst", "Note",
                                         "Samlet tildeling", "Regnskap 2021", "Merutgift (-) og mindreutgift"]
    assert all(c.alignment.wrap_text and c.font.b for c in ws[2])
    # the account as DFØ writes it, as text: the chapter, the post with its zero
    first = [c.value for c in ws[3]][:5]
    assert first == ["540", "Digitaliseringsdirektoratet", "01", "Driftsutgifter", "A, B"]
    note_b_headers = [c.value for c in formulas["Note B"][2]]
    assert note_b_headers[:3] == ["Kapittel og post", "Stikkord", "Merutgift(-)/mindreutgift"]
    assert rows_by_label(formulas["Note B"])["54001"][0].data_type == "s"
    # widths that fit: the longest post text, an amount with its spaces
    assert ws.column_dimensions["D"].width >= len("Medfinansieringsordning for digitaliseringprosjekter, kan overføres")
    assert ws.column_dimensions["F"].width >= len("1 092 268 000")


def test_amounts_are_numbers_in_dfo_format_and_empty_where_dfo_leaves_them_empty(digdir_report):
    formulas, values = workbooks(digdir_report[1])
    lines = rows_by_label(values["Bevilgningsrapportering"])
    expense = [row for row in values["Bevilgningsrapportering"].iter_rows(min_row=3, max_row=15)]
    by_post = {(r[0].value, r[2].value): r for r in expense}
    assert [c.value for c in by_post[("540", "22")][5:]] == [135_000_000, 143_249_451, -8_249_451]
    assert [c.value for c in by_post[("540", "27")][5:]] == [0, 0, 0]  # printed "-"
    assert [c.value for c in by_post[("352", "71")][5:]] == [0, 500_000, None]  # a foreign line: no difference
    assert by_post[("540", "22")][5].number_format == STATEMENT_FORMAT
    assert lines["Sum utgiftsført"][5].value == 1_092_268_000
    assert formulas["Note A"]["B3"].number_format == STATEMENT_FORMAT
    note_b_rows = rows_by_label(values["Note B"])
    assert [c.value for c in note_b_rows["54001"][2:]] == [254_559, 0, 254_559, 1_107_476, 0, 0, 1_362_035,
                                                          8_221_150, 1_362_035]
    assert note_b_rows["54001"][10].value == 1_362_035  # mulig overførbart beløp
    assert [c.value for c in note_b_rows["54022"][8:]] == [None, None, None]  # nothing may be transferred
    assert note_b_rows["54001"][3].number_format == "#,##0;-#,##0;"  # a zero shows empty, as DFØ prints it
    assert note_b_rows["354086"][1].value == -100_000


def test_sum_rows_are_formulas_carrying_their_values(digdir_report):
    formulas, values = workbooks(digdir_report[1])
    ws, cached = formulas["Bevilgningsrapportering"], values["Bevilgningsrapportering"]
    rows, cached_rows = rows_by_label(ws), rows_by_label(cached)
    assert [c.value for c in rows["Sum utgiftsført"][5:]] == ["=SUM(F3:F15)", "=SUM(G3:G15)", "=SUM(H3:H15)"]
    assert [c.value for c in cached_rows["Sum utgiftsført"][5:]] == [1_092_268_000, 971_218_029, 203_605_690]
    net = rows["Netto rapportert til bevilgningsregnskapet"]
    total_expense, total_income = rows["Sum utgiftsført"][6].coordinate, rows["Sum inntektsført"][6].coordinate
    assert net[6].value == f"={total_expense}-{total_income}"
    assert cached_rows["Netto rapportert til bevilgningsregnskapet"][6].value == (
        cached[total_expense].value - cached[total_income].value)
    total = rows["Sum rapportert"][2].value
    assert total.startswith(f"={net[6].coordinate}+SUM(C")
    assert [c.value for c in rows_by_label(formulas["Note A"])["Sum"][1:]] == [
        "=SUM(B3:B11)", "=SUM(C3:C11)", "=SUM(D3:D11)"]
    assert [c.value for c in rows_by_label(values["Note A"])["Sum"][1:]] == [122_165_000, 970_103_000,
                                                                             1_092_268_000]
    assert rows["Sum utgiftsført"][5].font.b


def test_every_cell_is_where_the_writer_says_with_the_exact_amount(digdir_report):
    statements, data = digdir_report
    assert assert_exact_cells(statements, data) > 150


def test_ore_survive_exactly():
    year = ore_year()
    statements = [appropriation_report(year), note_a(year), note_b(year)]
    data = render_bytes(statements, "xlsx")
    assert assert_exact_cells(statements, data) > 20
    _, values = workbooks(data)
    row = rows_by_label(values["Note A"])["54001"]
    assert isinstance(row[1].value, float) and exact(row[1].value) == Decimal("0.40")
    accounted = values["Bevilgningsrapportering"]["G4"].value
    assert accounted == 166719441.07 and exact(accounted) == Decimal("166719441.07")


def test_a_text_is_never_a_formula():
    year = AgencyYear("Etaten", 2024, expense=[ExpenseLine("1234.01", "=SUM(A1:A9)", allocated=10, accounted=5)])
    formulas, _ = workbooks(render_bytes(appropriation_report(year), "xlsx"))
    cell = formulas["Bevilgningsrapportering"]["D3"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A9)", "s")


FORMULA_TERM = re.compile(r"([+-]?)(?:SUM\(([^)]*)\)|([A-Z]+[0-9]+))")


def covered(formula: str) -> list[tuple[int, str]]:
    """(sign, cell) of every cell a formula of the writer covers: ``=SUM(F3:F15)``, ``=G16-G28``,
    ``=G29+SUM(C33:C35)``."""
    assert formula.startswith("=")
    text, cells, at = formula[1:], [], 0
    while at < len(text):
        match = FORMULA_TERM.match(text, at)
        assert match, formula
        sign = -1 if match[1] == "-" else 1
        for part in (match[2].split(",") if match[2] else [match[3]]):
            first, _, last = part.partition(":")
            for row in openpyxl.utils.cell.rows_from_range(f"{first}:{last or first}"):
                cells.extend((sign, cell) for cell in row)
        at = match.end()
    return cells


def assert_formulas_add_up(data: bytes) -> int:
    formulas, values = workbooks(data)
    checked = 0
    for ws in formulas:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cached = values[ws.title][cell.coordinate].value
                    terms = [(sign, values[ws.title][ref].value) for sign, ref in covered(cell.value)]
                    assert exact(cached) == sum((sign * exact(v) for sign, v in terms if v is not None),
                                                Decimal("0.00")), (ws.title, cell.coordinate, cell.value)
                    checked += 1
    return checked


def test_every_formula_of_digdir_carries_the_sum_of_its_cells(digdir_report):
    assert assert_formulas_add_up(digdir_report[1]) == 3 + 3 + 1 + 1 + 3


@settings(max_examples=25)
@given(valid_agency_years())
def test_every_formula_of_a_generated_year_carries_the_sum_of_its_cells(year):
    statements = [appropriation_report(year), note_a(year), note_b(year)]
    data = render_bytes(statements, "xlsx", language="en")
    assert assert_formulas_add_up(data) >= 3 + 1 + 1 + 3  # no income line: sum inntektsført is a plain 0
    assert_exact_cells(statements, data, "en")


def test_without_the_extra_the_message_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # as if it were not installed
    with pytest.raises(UsageError, match=r"pip install 'statsbudsjett\[excel\]'"):
        render_bytes(note_a(load_example()), "xlsx")
    assert main(["note-a", "--format", "xlsx", "--output", str(tmp_path / "a.xlsx")]) == EXIT_UNUSABLE
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["statsbudsjett: error: writing xlsx needs XlsxWriter: pip install 'statsbudsjett[excel]'"]
    assert not (tmp_path / "a.xlsx").exists()


def test_an_amount_under_one_krone_shows_as_the_table_shows_a_zero_and_keeps_its_value():
    """0,40 kr is "-" in Note A and 0,30 kr empty in Note B, in the workbook as in the text; the cells keep the øre."""
    year = AgencyYear("Øreetaten", 2021, expense=[
        ExpenseLine("540.01", "Drift", carried_over="0,40", allocated="1000.00", accounted="1000.10")])
    statements = [note_a(year), note_b(year)]
    text = render(statements, "text")
    assert "54001                                   -                1 000               1 000" in text
    _, values = workbooks(render_bytes(statements, "xlsx"))
    carried = rows_by_label(values["Note A"])["54001"][1]
    assert (carried.value, carried.number_format) == (0.4, ROUNDED_ZERO_FORMATS["-"]) == (0.4, '"-";"-";"-"')
    row = rows_by_label(values["Note B"])["54001"]
    small = [c for c in row[2:] if c.value == 0.3]  # mindreutgift, sum grunnlag and mulig overførbart: 0,30
    assert len(small) == 4 and all(c.number_format == ROUNDED_ZERO_FORMATS[""] == ";;;" for c in small)
    assert row[9].value == 50 and row[9].number_format == NUMBER_FORMATS[""]  # maks. overførbart: 5 % of 1 000


def test_render_refuses_a_binary_format():
    with pytest.raises(UsageError, match="render_bytes"):
        render(note_a(load_example()), "xlsx")
    assert render_bytes(note_a(load_example()), "csv") == render(note_a(load_example()), "csv").encode()


# -- the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["note-a", "note-b", "bevilgning", "report"])
def test_statement_commands_write_a_workbook(tmp_path, capsys, command):
    path = tmp_path / "out.xlsx"
    assert main([command, "--format", "xlsx", "--output", str(path)]) == EXIT_OK
    assert capsys.readouterr().out == ""
    names = {"note-a": ["Note A"], "note-b": ["Note B"], "bevilgning": ["Bevilgningsrapportering"],
             "report": ["Bevilgningsrapportering", "Note A", "Note B"]}
    assert openpyxl.load_workbook(path).sheetnames == names[command]


def test_xlsx_goes_to_standard_output_only_when_it_is_no_terminal(capsysbinary, monkeypatch):
    assert main(["note-b", "-f", "xlsx"]) == EXIT_OK
    out = capsysbinary.readouterr().out
    assert out[:2] == b"PK" and openpyxl.load_workbook(io.BytesIO(out)).sheetnames == ["Note B"]
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["note-b", "-f", "xlsx"]) == EXIT_UNUSABLE
    captured = capsysbinary.readouterr()
    assert captured.out == b""
    assert b"--output FILE" in captured.err


@pytest.mark.parametrize("output", ["text", "markdown", "html", "csv", "csv-excel", "json"])
def test_output_writes_any_format_to_a_file(tmp_path, capsys, output):
    """--output writes what standard output gets, byte for byte (report --format html is the page)."""
    path = tmp_path / "out"
    assert main(["report", "--format", output, "-o", str(path)]) == EXIT_OK
    assert capsys.readouterr().out == ""
    year = load_example()
    if output == "html":
        assert main(["report", "--format", "html"]) == EXIT_OK
        expected = capsys.readouterr().out
        assert expected.startswith("<!DOCTYPE html>")
    else:
        expected = render([appropriation_report(year), note_a(year), note_b(year)], output)
    assert path.read_bytes() == expected.encode("utf-8")


@pytest.mark.parametrize("output", ["text", "json"])
def test_verify_writes_any_format_to_a_file(tmp_path, capsys, output):
    path = tmp_path / "findings"
    assert main(["verify", "--format", output, "--output", str(path)]) == EXIT_OK
    assert capsys.readouterr().out == ""
    assert path.read_text(encoding="utf-8") == render_findings(verify(None), output)


def test_verify_writes_its_findings_as_a_sheet(tmp_path, capsys):
    path = tmp_path / "findings.xlsx"
    assert main(["verify", "--format", "xlsx", "--output", str(path)]) == EXIT_OK
    formulas, values = workbooks(path.read_bytes())
    assert formulas.sheetnames == ["Funn"]
    ws = values["Funn"]
    assert ws["A1"].value == "Kontroll av publisert årsregnskap: Digitaliseringsdirektoratet 2021"
    assert [c.value for c in ws[2]] == ["Sted", "Tall", "Trykt", "Krav", "Forventet", "Differanse", "Toleranse",
                                         "Regel", "Alvorlighet", "Status", "Melding"]
    assert formulas["Funn"].freeze_panes == "A3" and formulas["Funn"].auto_filter.ref.startswith("A2:K")
    result = verify(None)
    rows = list(ws.iter_rows(min_row=3, max_row=2 + len(result.findings), values_only=True))
    assert len(rows) == len(result.findings)
    # problems first: Digdir's one warning (the overspend on 540.22), then the rounding differences
    assert rows[0][7] == "rules.overspend" and rows[0][8] == "advarsel"
    assert [r[9] for r in rows[1:result.summary.rounding + 1]] == ["avrunding"] * result.summary.rounding
    total = next(r for r in rows if r[1] == "Bevilgningsrapportering · Sum utgiftsført · Regnskap 2021")
    assert total[0].endswith("published.toml:133:13")
    assert total[2:7] == (971_218_028, "=", 971_218_029, -1, 7)
    assert formulas["Funn"]["C3"].number_format == STATEMENT_FORMAT
    assert ws.cell(3 + len(result.findings), 1).value.startswith("Tall lest: ")
    english = openpyxl.load_workbook(io.BytesIO(findings_workbook(result, language="en")))
    assert english.sheetnames == ["Findings"] and english["Findings"]["A2"].value == "Location"


def test_findings_show_ore_where_there_are_ore():
    table = findings_table(verify(None))
    assert table.decimals and table.amount_columns == {2, 4, 5, 6}
    from statsbudsjett.io.xlsx import ORE_FORMAT

    assert ORE_FORMAT == '#,##0.00;-#,##0.00;"-"'


# -- CSV for Excel ------------------------------------------------------------------------------
def test_csv_for_excel_is_what_norwegian_excel_opens_as_numbers():
    year = ore_year()
    statements = [appropriation_report(year), note_a(year), note_b(year)]
    raw = render_bytes(statements, "csv-excel")
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\xef\xbb\xbf") == 1  # one BOM, at the start
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    text = raw.decode("utf-8-sig")
    tables = [t for s in statements for t in
              (appropriation_tables(s) if s is statements[0] else note_a_tables(s) if s is statements[1]
               else note_b_tables(s))]
    blocks = text.split("\r\n\r\n")  # a blank line between two tables
    assert len(blocks) == len(tables)
    amounts = 0
    for block, table in zip(blocks, tables, strict=True):
        rows = list(csv.reader(io.StringIO(block, newline=""), delimiter=";"))
        assert rows[0] == list(table.headers)
        assert len(rows) == 1 + len(table.rows)
        for fields, cells in zip(rows[1:], table.rows, strict=True):
            for field, cell in zip(fields, cells, strict=True):
                if isinstance(cell, Money):
                    assert re.fullmatch(r"-?[0-9]+(,[0-9]{2})?", field), field  # no thousands separators
                    assert Money.parse(field) == cell
                    amounts += 1
                elif cell and (cell[0] in "=+-@" or (cell[0] == "0" and cell.isdigit() and len(cell) > 1)):
                    assert field == '="' + cell.replace('"', '""') + '"'  # Excel keeps it as this text
                else:
                    assert field == (cell or "")
    assert amounts > 30
    assert "166719441,07" in text and "999,25" in text and "1000,10" in text


def test_csv_for_excel_keeps_a_post_numbers_zero_and_never_runs_a_text_as_a_formula():
    year = AgencyYear("Etaten", 2024, expense=[
        ExpenseLine("1234.01", "=HYPERLINK(\"x\")", allocated=1000, accounted=900)])
    text = render(appropriation_report(year), "csv-excel")
    [line] = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") if row and row[0] == "1234"]
    assert line[2] == '="01"'  # Excel shows 01, not 1
    assert line[3] == '="=HYPERLINK(""x"")"'  # Excel shows the text, it does not follow it


def test_csv_for_excel_writes_whole_kroner_without_decimals():
    text = render(note_b(load_example()), "csv-excel")
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=";"))
    assert rows[1] == ["54001", "", "254559", "0", "254559", "1107476", "0", "0", "1362035", "8221150", "1362035"]
    assert render(note_b(load_example()), "csv").startswith("Kapittel og post,")  # csv stays as it is


# -- text that fits 160 columns -----------------------------------------------------------------
def widest_line(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.mark.parametrize("language", ["no", "en"])
@pytest.mark.parametrize("command", list(STATEMENTS))
def test_text_tables_of_digdir_fit_160_columns(command, language):
    text = render(compute(command, load_example()), "text", language=language)
    assert widest_line(text) <= TEXT_WIDTH


def test_the_text_note_b_wraps_its_headings_and_says_where_the_full_width_is():
    text = render(note_b(load_example()))
    assert widest_line(text) <= TEXT_WIDTH  # 262 with headings wrapped at 20
    lines = text.split("\n-")[0].splitlines()
    assert lines[2].startswith("Kapittel og") and "Merutgift(-)/" in lines[2]
    assert any("belastnings-" in line for line in lines) and any("fullmakter(-)" in line for line in lines)
    assert "Tabellen er brutt om for å passe 160 tegn; full bredde: --format markdown eller xlsx." in text
    assert "full width: --format markdown or xlsx" in render(note_b(load_example()), language="en")
    assert "full bredde" not in render(note_b(load_example()), "markdown")  # the note is the text table's
    # a table that fits is printed as before, without the note
    assert "full bredde" not in render(note_a(load_example()))


def test_a_sum_label_runs_across_the_empty_cells_beside_it():
    text = render(appropriation_report(load_example()))
    net = next(line for line in text.splitlines() if line.startswith("Netto rapportert"))
    assert net.startswith("Netto rapportert til bevilgningsregnskapet ") and net.endswith("662 922 512")
    income_heading = next(line for line in text.splitlines() if line.startswith("Inntektskapittel"))
    assert income_heading.startswith("Inntektskapittel  Kapittelnavn")  # the label did not widen the column


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå", min_size=1, max_size=14)
LONG_TEXTS = st.lists(WORDS, min_size=6, max_size=18).map(" ".join)
MODEST = st.integers(-10**7, 10**8).map(Money.kroner)  # amounts that leave room for the text


@st.composite
def wordy_years(draw: st.DrawFn) -> AgencyYear:
    """A year with long post texts, chapter names and keywords, and amounts below 100 million kroner."""
    posts = sorted({1, 21, 45, *draw(st.lists(st.sampled_from([22, 23, 25, 50, 70, 71]), max_size=4))})
    keywords = [["kan overføres", "kan nyttes under kap. 1234, post 21 og 45"], ["kan overføres"],
                ["overslagsbevilgning"], []]
    expense = [ExpenseLine(f"1234.{post:02d}", draw(LONG_TEXTS), keywords=draw(st.sampled_from(keywords)),
                           carried_over=draw(MODEST), allocated=draw(MODEST), accounted=draw(MODEST))
               for post in posts]
    income = [IncomeLine(f"4234.{post:02d}", draw(LONG_TEXTS), allocated=draw(MODEST), accounted=draw(MODEST))
              for post in sorted(set(draw(st.lists(st.sampled_from([1, 2, 16, 86]), min_size=1, max_size=3))))]
    return AgencyYear("Direktoratet for " + draw(LONG_TEXTS), 2024, expense=expense, income=income,
                      chapter_names={1234: draw(LONG_TEXTS), 4234: draw(LONG_TEXTS)})


@settings(max_examples=30)
@given(wordy_years(), st.sampled_from(["no", "en"]))
def test_long_texts_wrap_to_fit_160_columns_and_nothing_is_lost(year, language):
    for command in STATEMENTS:
        text = render(compute(command, year), "text", language=language)
        assert widest_line(text) <= TEXT_WIDTH, command
    text = render(compute("report", year), "text", language=language)
    words = set(text.replace(",", " ").split())
    for line in year.expense:  # wrapped, not cut: every word of every post text is there
        assert set(line.text.split()) <= words


@settings(max_examples=30)
@given(valid_agency_years())
def test_a_table_is_never_wider_than_before(year):
    """Where the amounts alone are wider than 160 columns the table is as narrow as it gets: never
    wider than it was with tabulate's layout (headings wrapped at 20)."""
    for table in [*appropriation_tables(appropriation_report(year)), *note_b_tables(note_b(year))]:
        before = _grid(table, "simple", header_width=20)
        assert widest_line(write_tables([table], OutputFormat.TEXT)) <= max(TEXT_WIDTH, widest_line(before))
