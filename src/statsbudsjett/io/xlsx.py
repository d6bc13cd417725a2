"""Write tables as an Excel workbook (xlsx), laid out as DFØ prints them (extra ``statsbudsjett[excel]``).

One sheet per statement: a title row (agency, year, the statement's title), the headings
(wrapped, as DFØ's two-line headers; frozen with the title row), then the tables one under
the other. Text cells are text (``540``, ``01`` keep their digits); amounts are numbers
holding the exact amount (øre where there are øre), shown in whole kroner with the format
``#,##0;-#,##0;"-"`` — Norwegian Excel shows ``1 092 268 000``. The file stores the
locale-independent code; Excel shows it with the reader's own separators.

A sum row is written as the formula its table declares (:class:`~statsbudsjett.io.tables.SumFormula`),
``=SUM(G3:G15)`` or ``=G16-G26``, **with its value**: a formula without a cached value reads as 0 in
every reader but Excel (DFO-TEMPLATE.md § 5.3). The value is the statement's own figure, never a
float sum; before writing, it is checked against the cells the formula covers.

XlsxWriter is imported here, inside the function that writes, so that nothing else needs it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Final

from attrs import frozen

from ..errors import UsageError
from ..money import Money
from ..reprs import field_repr
from ..statements.rows import RowKind
from .tables import CellKey, SumFormula, TableLayout, formula_value

__all__ = [
    "INSTALL_HINT", "NUMBER_FORMATS", "ORE_FORMAT", "ROUNDED_ZERO_FORMATS", "Sheet", "cell_places", "workbook_bytes",
    "xlsxwriter_module",
]

INSTALL_HINT: Final = "writing xlsx needs XlsxWriter: pip install 'statsbudsjett[excel]'"
# How a zero is printed (TableLayout.zero) → the number format of the table's amounts.
NUMBER_FORMATS: Final = {
    "-": '#,##0;-#,##0;"-"',  # bevilgningsrapportering, Note A: a zero is "-"
    "": "#,##0;-#,##0;",  # Note B: a zero leaves the cell empty (the cell still holds 0)
    "0": "#,##0",
}
# An amount under 1 kr that is not 0 (0,40): shown as the table shows a zero, as the text does; the
# cell keeps its exact value, for the sums. (#,##0 would show "0" or "-0".)
ROUNDED_ZERO_FORMATS: Final = {"-": '"-";"-";"-"', "": ";;;", "0": '"0";"0";"0"'}
ORE_FORMAT: Final = '#,##0.00;-#,##0.00;"-"'  # an amount with øre in a table that shows øre (findings)
_MAX_TEXT_WIDTH: Final = 72  # a longer text wraps inside its cell
_MIN_AMOUNT_WIDTH: Final = 12


@frozen
class Sheet:
    """One sheet: its name (at most 31 characters), its title row, its tables one under the other."""

    __repr__ = field_repr

    name: str
    title: str
    tables: tuple[TableLayout, ...]
    autofilter: bool = False  # a filter on the first table's headings (findings)


def xlsxwriter_module() -> Any:
    """XlsxWriter, or a :class:`UsageError` saying how to install it (the extra ``statsbudsjett[excel]``)."""
    try:
        import xlsxwriter
    except ImportError:
        raise UsageError(INSTALL_HINT) from None
    return xlsxwriter


def workbook_bytes(sheets: Sequence[Sheet]) -> bytes:
    """The workbook of ``sheets`` as the bytes of an xlsx file."""
    xlsxwriter = xlsxwriter_module()
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = _Styles(workbook)
    for sheet in sheets:
        _write_sheet(workbook, styles, sheet)
    workbook.close()
    return buffer.getvalue()


class _Styles:
    """The workbook's formats, made once each (XlsxWriter keeps every format object)."""

    def __init__(self, workbook: Any) -> None:
        self._workbook = workbook
        self._made: dict[tuple[tuple[str, Any], ...], Any] = {}
        self.title = self.get(bold=True, font_size=12)
        self.table_title = self.get(bold=True)
        self.note = self.get(italic=True)

    def get(self, **properties: Any) -> Any:
        key = tuple(sorted(properties.items()))
        if key not in self._made:
            self._made[key] = self._workbook.add_format(properties)
        return self._made[key]

    def header(self, amount: bool) -> Any:
        return self.get(bold=True, text_wrap=True, valign="bottom", bottom=1, align="right" if amount else "left")

    def cell(self, table: TableLayout, kind: RowKind, amount: Money | None, *, wrap: bool = False) -> Any:
        properties: dict[str, Any] = {"valign": "top"}
        if kind is not RowKind.LINE:
            properties.update(bold=True, top=1)
        if wrap:
            properties["text_wrap"] = True
        if amount is not None:
            zero = table.zero if table.zero in NUMBER_FORMATS else "-"
            if table.decimals and not amount.is_whole_kroner:
                properties["num_format"] = ORE_FORMAT
            elif amount.round_kroner() == 0 and amount != Money(0):
                properties["num_format"] = ROUNDED_ZERO_FORMATS[zero]
            else:
                properties["num_format"] = NUMBER_FORMATS[zero]
        return self.get(**properties)


def _number(amount: Money) -> int | float:
    """An amount as a spreadsheet number: whole kroner as an int, øre via the exact decimal (shortest repr)."""
    return amount.round_kroner() if amount.is_whole_kroner else float(amount.to_decimal())


def _a1(row: int, column: int) -> str:
    """A cell's A1 name (0-based row and column), as XlsxWriter names it."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    name: str = xl_rowcol_to_cell(row, column)
    return name


def cell_places(sheet: Sheet) -> dict[CellKey, tuple[int, int]]:
    """Where each keyed cell of ``sheet`` stands in its workbook: (row, column), 0-based."""
    return _places(sheet)[1]


def _places(sheet: Sheet) -> tuple[list[int], dict[CellKey, tuple[int, int]]]:
    """The sheet row of each table's heading, and the (row, column) of every keyed cell."""
    starts, places = [], {}
    row = 1  # the title row is row 0; the first table's title is in it
    for index, table in enumerate(sheet.tables):
        if index:
            row += 1 + bool(table.title)  # a blank row, then the table's title
        starts.append(row)
        for r in range(len(table.rows)):
            for c in range(len(table.headers)):
                key = table.cell_key(r, c)
                if key is not None:
                    places[key] = (row + 1 + r, c)
        row += 1 + len(table.rows) + len(table.notes)
    return starts, places


def _formula(formula: SumFormula, own: CellKey, places: dict[CellKey, tuple[int, int]]) -> str | None:
    """The A1 formula of ``formula`` for the cell ``own``: ``SUM(F3:F14)`` per term, joined by + and -;
    ``None`` when it covers no cell (nothing to add up: the value is written as it is)."""
    parts = []
    for sign, group in _groups(formula, own):
        cells = sorted(places[key] for key in group)
        runs: list[list[tuple[int, int]]] = []
        for place in cells:
            if runs and place[1] == runs[-1][-1][1] and place[0] == runs[-1][-1][0] + 1:
                runs[-1].append(place)
            else:
                runs.append([place])
        refs = [_a1(*run[0]) if len(run) == 1 else f"{_a1(*run[0])}:{_a1(*run[-1])}" for run in runs]
        term = refs[0] if len(refs) == 1 and ":" not in refs[0] else f"SUM({','.join(refs)})"
        parts.append(("-" if sign < 0 else "+", term))
    if not parts:
        return None
    text = "".join(f"{op}{term}" for op, term in parts)
    return "=" + (text[1:] if text.startswith("+") else text)


def _groups(formula: SumFormula, own: CellKey) -> list[tuple[int, list[CellKey]]]:
    """The cells of each term of ``formula`` (terms without a cell left out)."""
    statement, _, column = own
    groups = []
    for term in formula.terms:
        keys = [(term.statement or statement, row, term.column or column) for row in term.rows]
        if keys:
            groups.append((term.sign, keys))
    return groups


def _widths(sheet: Sheet) -> list[float]:
    """Column widths that fit the cells (in characters of Excel's default font)."""
    widths: dict[int, float] = {}

    def fit(column: int, width: float) -> None:
        widths[column] = max(widths.get(column, 0), width)

    for table in sheet.tables:
        for c, header in enumerate(table.headers):
            longest_word = max((len(w) for w in header.split()), default=0)
            amount = c in table.amount_columns
            fit(c, max(longest_word, _MIN_AMOUNT_WIDTH if amount else min(len(header), 16)) + 1)
        for row, kind in zip(table.rows, table.kinds, strict=True):
            for c, cell in enumerate(row):
                if isinstance(cell, Money):
                    fit(c, len(cell.format(decimals=table.decimals and not cell.is_whole_kroner)) + 2)
                elif cell and (kind is RowKind.LINE or c):  # a sum row's label runs into the empty cells beside it
                    fit(c, min(len(cell), _MAX_TEXT_WIDTH) + 1)
    return [widths.get(c, 8) for c in range(max(widths, default=-1) + 1)]


def _write_sheet(workbook: Any, styles: _Styles, sheet: Sheet) -> None:
    worksheet = workbook.add_worksheet(sheet.name)
    starts, places = _places(sheet)
    widths = _widths(sheet)
    for c, width in enumerate(widths):
        worksheet.set_column(c, c, width)
    worksheet.write_string(0, 0, sheet.title, styles.title)
    cells = {key: value for table in sheet.tables for key, value in table.keyed_cells().items()}
    for index, (table, start) in enumerate(zip(sheet.tables, starts, strict=True)):
        if index and table.title:
            worksheet.write_string(start - 1, 0, table.title, styles.table_title)
        for c, header in enumerate(table.headers):
            worksheet.write_string(start, c, header, styles.header(c in table.amount_columns))
        for r, (row, kind) in enumerate(zip(table.rows, table.kinds, strict=True)):
            at = start + 1 + r
            formula = table.formula(r)
            for c, cell in enumerate(row):
                amount = cell if isinstance(cell, Money) else None
                if amount is None and not cell:  # empty where DFØ leaves it empty (a sum row keeps its border)
                    if kind is not RowKind.LINE:
                        worksheet.write_blank(at, c, None, styles.cell(table, kind, None))
                    continue
                if amount is None:
                    text = str(cell)
                    wrap = len(text) > widths[c] and (kind is RowKind.LINE or c > 0)
                    worksheet.write_string(at, c, text, styles.cell(table, kind, None, wrap=wrap))
                    continue
                style = styles.cell(table, kind, amount)
                key = table.cell_key(r, c)
                expression = None if formula is None or key is None else _formula(formula, key, places)
                if expression is None:
                    worksheet.write_number(at, c, _number(amount), style)
                    continue
                assert key is not None and formula is not None
                if formula_value(formula, key, cells) != amount:  # pragma: no cover - a table declared wrongly
                    raise RuntimeError(f"{key}: the declared formula does not give the figure {amount}")
                worksheet.write_formula(at, c, expression, style, _number(amount))
        for n, note in enumerate(table.notes):
            worksheet.write_string(start + 1 + len(table.rows) + n, 0, note, styles.note)
    header_row = starts[0] if starts else 0
    worksheet.freeze_panes(header_row + 1, 0)
    worksheet.repeat_rows(0, header_row)
    worksheet.set_landscape()
    worksheet.fit_to_pages(1, 0)
    worksheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})  # accounts are text: 540, 01
    if sheet.autofilter and sheet.tables:
        first = sheet.tables[0]
        worksheet.autofilter(header_row, 0, header_row + len(first.rows), len(first.headers) - 1)
