"""Office outputs (issue 10): the Excel workbook, CSV for Excel, text tables that fit 160 columns.

The workbook is read back with openpyxl twice: ``data_only=False`` for the formulas,
``data_only=True`` for the values a formula carries (what every reader but Excel shows).
"""

from __future__ import annotations

from hypothesis import given

from statsbudsjett import appropriation_report, load_example, note_a
from statsbudsjett.io.tables import Language, TableLayout, appropriation_tables, formula_value, note_a_tables
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
