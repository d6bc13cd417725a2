"""Write statements as text, markdown, html, csv, csv for Excel, json or an Excel workbook.

Text, markdown and html show whole kroner as DFØ prints them (``1 092 268 000``,
``-8 249 451``); csv, csv-excel, json and xlsx carry the exact amounts (øre where there are
øre). ``csv-excel`` is what Norwegian Excel opens as numbers: UTF-8 with a BOM, ``;``
between fields, decimal comma, CRLF. ``xlsx`` is binary: :func:`render_bytes` writes it
(:mod:`statsbudsjett.io.xlsx`, extra ``statsbudsjett[excel]``).
Cells are formatted here and handed to tabulate as strings with number parsing off,
so that tabulate never turns an amount into a float or ``540.10`` into ``540.1``.
"""

from __future__ import annotations

import enum
import io
import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..account import Account
from ..errors import UsageError
from ..money import Money
from ..rules import TransferRule, YearParameters
from ..statements.allocation_note import NoteA
from ..statements.appropriation import AppropriationReport
from ..statements.rows import AccountRows, RowKind
from ..statements.transfer_note import NoteB
from .tables import Cell, Language, TableLayout, appropriation_tables, label, note_a_tables, note_b_tables

if TYPE_CHECKING:
    from .xlsx import Sheet

__all__ = [
    "BINARY_FORMATS", "TABLE_WRITERS", "OutputFormat", "json_amount", "json_text", "output_options", "render",
    "render_bytes", "statement_sheets", "to_json_data", "write_tables",
]

Statement = AppropriationReport | NoteA | NoteB


class OutputFormat(enum.Enum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"
    CSV_EXCEL = "csv-excel"
    XLSX = "xlsx"


BINARY_FORMATS = frozenset({OutputFormat.XLSX})  # never written to a terminal


def render(
    statements: Statement | Sequence[Statement],
    output: OutputFormat | str = OutputFormat.TEXT,
    *,
    language: Language | str = Language.NORWEGIAN,
) -> str:
    """Render one statement, or several (a full report), in the chosen format.

    >>> from statsbudsjett import load_example, note_a
    >>> print(render(note_a(load_example()), "csv").splitlines()[1])
    54001,2551000,164423000,166974000
    """
    output, language = output_options(output, language)
    items = list(statements) if isinstance(statements, Sequence) else [statements]
    if output in BINARY_FORMATS:
        raise UsageError(f"{output.value} is a binary format: use render_bytes()")
    if output is OutputFormat.JSON:
        data = [to_json_data(s) for s in items]
        if len(data) > 1:
            return json_text({_JSON_NAMES[type(s)]: d for s, d in zip(items, data, strict=True)}) + "\n"
        return json_text(data[0]) + "\n"
    return write_tables([t for s in items for t in _TABLES[type(s)](s, language)], output)  # type: ignore[operator]


def render_bytes(
    statements: Statement | Sequence[Statement],
    output: OutputFormat | str = OutputFormat.XLSX,
    *,
    language: Language | str = Language.NORWEGIAN,
) -> bytes:
    """The bytes of a file in the chosen format: an Excel workbook for ``xlsx`` (one sheet per
    statement), the UTF-8 text of :func:`render` for the others.

    >>> from statsbudsjett import load_example, note_b
    >>> render_bytes(note_b(load_example()))[:2]  # an xlsx file is a zip archive
    b'PK'
    """
    output, language = output_options(output, language)
    if output is not OutputFormat.XLSX:
        return render(statements, output, language=language).encode("utf-8")
    from .xlsx import workbook_bytes

    items = list(statements) if isinstance(statements, Sequence) else [statements]
    return workbook_bytes(statement_sheets(items, language))


def statement_sheets(statements: Sequence[Statement], language: Language = Language.NORWEGIAN) -> list[Sheet]:
    """One sheet per statement, named after it ("Bevilgningsrapportering", "Note A", "Note B");
    its title row says the agency, the year and the statement's title."""
    from .xlsx import Sheet

    sheets = []
    for statement in statements:
        tables = tuple(_TABLES[type(statement)](statement, language))  # type: ignore[operator]
        heading = f"{statement.agency} {statement.fiscal_year}"
        title = f"{heading} – {tables[0].title}" if tables and tables[0].title else heading
        sheets.append(Sheet(label(_SHEET_NAMES[type(statement)], language), title, tables))
    return sheets


def output_options(output: OutputFormat | str, language: Language | str) -> tuple[OutputFormat, Language]:
    """Read a format and a language given as names; :class:`UsageError` names the choices."""
    try:
        return OutputFormat(output), Language(language)
    except ValueError as error:
        raise UsageError(f"{error}; formats: {', '.join(f.value for f in OutputFormat)}; languages: no, en") from None


def write_tables(tables: Sequence[TableLayout], output: OutputFormat) -> str:
    """Tables one after another in a table format (text, markdown, html, csv, csv-excel), a blank line
    between two; csv-excel starts with one BOM and ends its lines with CRLF."""
    if output not in TABLE_WRITERS:
        raise UsageError(f"{output.value} is not a text format: use render_bytes()")
    writer = TABLE_WRITERS[output]
    if output is OutputFormat.CSV_EXCEL:
        return "\ufeff" + "\r\n\r\n".join(writer(t) for t in tables) + "\r\n"
    return "\n\n".join(writer(t) for t in tables) + "\n"


# -- cells ----------------------------------------------------------------------------
def _printed(cell: Cell, zero: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return zero if cell.round_kroner() == 0 else cell.format()
    return cell


def _exact(cell: Cell, decimal_mark: str = ".") -> str:
    if cell is None:
        return ""
    if isinstance(cell, Money):
        return str(cell.round_kroner()) if cell.is_whole_kroner else str(cell.to_decimal()).replace(".", decimal_mark)
    return cell


# -- writers --------------------------------------------------------------------------
def _grid(table: TableLayout, fmt: str, header_width: int | None = None) -> str:
    from tabulate import tabulate  # here, not at the top: only a text or markdown table needs it (start-up)

    rows = [[_printed(c, table.zero) for c in row] for row in table.rows]
    if fmt == "pipe":  # a "|" in a post text would split its markdown cell
        rows = [[cell.replace("|", "\\|") for cell in row] for row in rows]
    align = ["right" if i in table.amount_columns else "left" for i in range(len(table.headers))]
    headers = [
        textwrap.fill(h, header_width, break_long_words=False, break_on_hyphens=False) if header_width else h
        for h in table.headers
    ]
    table_text: str = tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=align)
    return table_text


def _notes(table: TableLayout) -> str:
    return "".join(f"\n\n{note}" for note in table.notes)


def _text(table: TableLayout) -> str:
    body = _grid(table, "simple", header_width=20) + _notes(table)
    return f"{table.title}\n\n{body}" if table.title else body


def _markdown(table: TableLayout) -> str:
    body = _grid(table, "pipe") + _notes(table)
    return f"### {table.title}\n\n{body}" if table.title else body


def _html(table: TableLayout) -> str:
    import html  # here, not at the top: a text table does not need it (start-up)

    out = [f"<h2>{html.escape(table.title)}</h2>"] if table.title else []
    out.append("<table>")
    out.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in table.headers) + "</tr></thead>")
    out.append("<tbody>")
    for row, kind in zip(table.rows, table.kinds, strict=True):
        cells = []
        for i, cell in enumerate(row):
            style = ' class="amount"' if i in table.amount_columns else ""
            cells.append(f"<td{style}>{html.escape(_printed(cell, table.zero))}</td>")
        css = ' class="sum"' if kind is RowKind.SUM else ""
        out.append(f"<tr{css}>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    out.extend(f'<p class="note">{html.escape(note)}</p>' for note in table.notes)
    return "\n".join(out)


def _csv(table: TableLayout) -> str:
    import csv  # here, not at the top: a text table does not need it (start-up)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows([_exact(c) for c in row] for row in table.rows)
    return buffer.getvalue().rstrip("\n")


def _csv_excel(table: TableLayout) -> str:
    """As Norwegian Excel reads a CSV: ``;`` between fields, decimal comma, no thousands separators, CRLF."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([_exact(c, ",") for c in row] for row in table.rows)
    return buffer.getvalue().removesuffix("\r\n")


TABLE_WRITERS: dict[OutputFormat, Callable[[TableLayout], str]] = {
    OutputFormat.TEXT: _text,
    OutputFormat.MARKDOWN: _markdown,
    OutputFormat.HTML: _html,
    OutputFormat.CSV: _csv,
    OutputFormat.CSV_EXCEL: _csv_excel,
}
_TABLES = {AppropriationReport: appropriation_tables, NoteA: note_a_tables, NoteB: note_b_tables}
_SHEET_NAMES = {AppropriationReport: "sheet_appropriation", NoteA: "sheet_note_a", NoteB: "sheet_note_b"}
_JSON_NAMES = {AppropriationReport: "appropriation_report", NoteA: "note_a", NoteB: "note_b"}


# -- json -------------------------------------------------------------------------------
def json_amount(value: Money | None) -> int | Decimal | None:
    """Whole kroner as a JSON integer, otherwise the exact amount with two decimals."""
    return None if value is None else value.to_json_number()


def json_text(data: Any, indent: str = "") -> str:
    """JSON with exact numbers: ``Decimal`` is written with its own digits, never via float."""
    import json  # here, not at the top: printing a text table does not need it (start-up)

    inner = indent + "  "
    if isinstance(data, dict):
        if not data:
            return "{}"
        items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {json_text(v, inner)}" for k, v in data.items())
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(data, list):
        if not data:
            return "[]"
        return "[\n" + ",\n".join(f"{inner}{json_text(v, inner)}" for v in data) + f"\n{indent}]"
    if isinstance(data, Decimal):
        return str(data)
    if isinstance(data, bool | int | str) or data is None:
        return json.dumps(data, ensure_ascii=False)
    raise TypeError(f"cannot write {type(data).__name__} as JSON")  # pragma: no cover


def to_json_data(value: Any) -> Any:
    """A statement (or any value of one) as JSON-ready data: one serialisation for every type.

    attrs classes become objects keyed by their field names, in field order; amounts are exact
    numbers (:meth:`Money.to_json_number`), accounts their text, enums their value; a transfer
    rule is named by its id and the year's parameters by the choices that differ from the v1
    decisions. ``null`` where a cell is empty.
    """
    if isinstance(value, Money):
        return value.to_json_number()
    if isinstance(value, Account):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, TransferRule):
        return value.id
    if isinstance(value, YearParameters):
        return list(value.chosen())
    if attrs.has(type(value)):
        return {f.name: to_json_data(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.name != "source"}
    if isinstance(value, AccountRows | tuple | list):
        return [to_json_data(item) for item in value]
    if isinstance(value, str | int | Decimal) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover - a new type in a statement
