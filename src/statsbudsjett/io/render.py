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
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from ..account import Account
from ..errors import UsageError
from ..money import Money
from ..rules import TransferRule, YearParameters
from ..statements.rows import AccountRows, RowKind
from ..statements.transfer_note import NoteB
from .tables import Cell, Language, TableLayout, appropriation_tables, label, language_of, note_a_tables, note_b_tables

if TYPE_CHECKING:
    from .xlsx import Sheet

if TYPE_CHECKING:
    from ..statements.allocation_note import NoteA
    from ..statements.appropriation import AppropriationReport

__all__ = [
    "BINARY_FORMATS", "TABLE_WRITERS", "OutputFormat", "json_amount", "json_text", "output_options", "render",
    "render_bytes", "statement_sheets", "to_json_data", "write_tables",
]

Statement: TypeAlias = "AppropriationReport | NoteA | NoteB"


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
            return json_text({_kind(s)[0]: d for s, d in zip(items, data, strict=True)}) + "\n"
        return json_text(data[0]) + "\n"
    return write_tables([t for s in items for t in _kind(s)[1](s, language)], output)


def _kind(statement: Statement) -> tuple[str, Callable[[Any, Language], list[TableLayout]]]:
    """A statement's name in JSON and its tables. The other statements' classes are imported only
    when one is rendered, so that printing Note B loads neither (it is part of the start-up)."""
    if isinstance(statement, NoteB):
        return "note_b", note_b_tables
    from ..statements.allocation_note import NoteA
    from ..statements.appropriation import AppropriationReport

    if isinstance(statement, AppropriationReport):
        return "appropriation_report", appropriation_tables
    if isinstance(statement, NoteA):
        return "note_a", note_a_tables
    raise TypeError(f"cannot render {type(statement).__name__}: expected AppropriationReport, NoteA or NoteB")


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

    sheets: list[Sheet] = []
    taken: set[str] = set()
    for statement in statements:
        name, table_maker = _kind(statement)
        tables = tuple(table_maker(statement, language))
        heading = " ".join(filter(None, (statement.agency, str(statement.fiscal_year))))
        title = f"{heading} – {tables[0].title}" if tables and tables[0].title else heading
        sheets.append(Sheet(_unique_sheet_name(label(_SHEET_NAMES[name], language), statement.fiscal_year, taken),
                            title, tables))
    return sheets


def _unique_sheet_name(name: str, year: int, taken: set[str]) -> str:
    """``name``, or for a second statement of the same kind ``Note B 2024`` (then ``Note B 2024 (2)``):
    Excel refuses two sheets of the same name (case ignored), and a name longer than 31 characters."""
    candidate, number = name, 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f" {year}" + (f" ({number - 1})" if number > 2 else "")
        candidate = name[:31 - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def output_options(output: OutputFormat | str, language: Language | str) -> tuple[OutputFormat, Language]:
    """Read a format and a language given as names; :class:`UsageError` names the choices."""
    try:
        chosen = OutputFormat(output)
    except ValueError as error:
        raise UsageError(f"{error}; formats: {', '.join(f.value for f in OutputFormat)}") from None
    return chosen, language_of(language)


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
    rows = [[_printed(c, table.zero) for c in row] for row in table.rows]
    if fmt == "pipe":  # a "|" in a post text would split its markdown cell
        rows = [[cell.replace("|", "\\|") for cell in row] for row in rows]
    headers = [
        textwrap.fill(h, header_width, break_long_words=False, break_on_hyphens=False) if header_width else h
        for h in table.headers
    ]
    return _tabulate(table, rows, headers, fmt)


def _tabulate(table: TableLayout, rows: list[list[str]], headers: list[str], fmt: str) -> str:
    from tabulate import tabulate  # here, not at the top: only a text or markdown table needs it (start-up)

    align = ["right" if i in table.amount_columns else "left" for i in range(len(table.headers))]
    table_text: str = tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True, colalign=align)
    return table_text


# -- text that fits --------------------------------------------------------------------------
TEXT_WIDTH: Final = 160  # the widest line of a text table, where the amounts leave room for it
_HEADER_WIDTH: Final = 20  # headings wrap at this width in a table that fits without more
_MIN_TEXT_COLUMN: Final = 10  # a text column (post text, keywords) is not wrapped narrower
_MIN_HEADING: Final = 12  # headings wrap down to this width before a text cell wraps
# Where a long word of a heading may break, with a hyphen: before the second part of a Norwegian
# compound (belastnings-fullmakter, mer-inntekter, inn-sparinger), as DFØ's two-line headers do.
_COMPOUND_PARTS: Final = ("fullmakt", "inntekt", "utgift", "sparing", "tildeling", "regnskap", "overføring",
                          "kapittel")


def _pieces(word: str, width: int) -> list[str]:
    """A word of a heading in pieces that fit ``width``: broken after "/", before "(-)", or between
    the parts of a compound (with a hyphen); a piece that cannot be broken stays whole."""
    if len(word) <= width:
        return [word]
    lowered = word.lower()
    breaks = sorted({i + 1 for i, ch in enumerate(word[:-1]) if ch == "/"}
                    | {i for i, ch in enumerate(word) if ch == "(" and i}
                    | {i for part in _COMPOUND_PARTS for i in range(2, len(word)) if lowered.startswith(part, i)})
    for at in reversed(breaks):
        head = word[:at] if word[at - 1] in "/-" or word[at] == "(" else word[:at] + "-"
        if len(head) <= width:
            return [head, *_pieces(word[at:], width)]
    return [word]


def _wrap_heading(text: str, width: int) -> list[str]:
    words = [piece for word in text.split() for piece in _pieces(word, width)]
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width and not lines[-1].endswith("-"):
            lines[-1] += " " + word
        elif lines and lines[-1].endswith(("-", "/")) and len(lines[-1]) + len(word) <= width:
            lines[-1] += word  # a compound broken for nothing is joined again
        else:
            lines.append(word)
    return lines or [""]


def _wrap_cell(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _spans(table: TableLayout, rows: list[list[str]]) -> list[int]:
    """Per row, how many columns its first cell may run across: a sum row's label runs into the
    empty text cells beside it (*Netto rapportert til bevilgningsregnskapet*), as in DFØ's tables."""
    spans = []
    for row, kind in zip(rows, table.kinds, strict=True):
        span = 1
        if kind is not RowKind.LINE:
            while span < len(row) and span not in table.amount_columns and not row[span]:
                span += 1
        spans.append(span)
    return spans


def _fitted(table: TableLayout, rows: list[list[str]]) -> tuple[list[list[str]], list[int], bool] | None:
    """Headings (as lines) and column widths that make the table fit :data:`TEXT_WIDTH`, and whether
    anything had to be wrapped narrower for it; ``None`` when it fits as it is (headings wrapped at
    20, every row on one line).

    First the headings wrap narrower (down to the widest amount or unbreakable piece of their
    column), then the widest text column wraps its cells, one character at a time; amounts never
    wrap. Where the amounts alone are too wide, the table is as narrow as it gets."""
    count = len(table.headers)
    spans = _spans(table, rows)

    def width_of(lines: Sequence[str]) -> int:
        return max((len(line) for line in lines), default=0)

    def total(widths: Sequence[int]) -> int:
        return sum(widths) + 2 * (count - 1)

    def cells(c: int) -> list[str]:
        return [row[c] for row, span in zip(rows, spans, strict=True) if not (c == 0 and span > 1)]

    natural = [max(width_of([row[c] for row in rows]),
                   width_of(textwrap.wrap(h, _HEADER_WIDTH, break_long_words=False, break_on_hyphens=False)) + 2)
               for c, h in enumerate(table.headers)]  # as tabulate lays it out
    if total(natural) <= TEXT_WIDTH:
        return None
    cell_limit = [width_of(cells(c)) for c in range(count)]
    heading_limit = _HEADER_WIDTH

    def layout() -> tuple[list[list[str]], list[int]]:
        headings = [_wrap_heading(h, max(heading_limit, cell_limit[c])) for c, h in enumerate(table.headers)]
        return headings, [max(cell_limit[c], width_of(headings[c])) for c in range(count)]

    def shrink_text() -> bool:
        """Wrap the widest text column one character narrower; ``False`` when none can be."""
        candidates = [c for c in range(count) if c not in table.amount_columns and cell_limit[c] > _MIN_TEXT_COLUMN
                      and width_of([w for cell in cells(c) for w in cell.split()]) < cell_limit[c]]
        if not candidates:
            return False
        cell_limit[max(candidates, key=lambda c: cell_limit[c])] -= 1
        return True

    headings, widths = layout()
    # Headings first, down to DFØ's usual column width; then the text cells; then the headings again.
    while total(widths) > TEXT_WIDTH and heading_limit > _MIN_HEADING:
        heading_limit -= 1
        headings, widths = layout()
    while total(widths) > TEXT_WIDTH and shrink_text():
        headings, widths = layout()
    while total(widths) > TEXT_WIDTH and heading_limit > 1:
        heading_limit -= 1
        headings, widths = layout()
    narrowed = heading_limit < _HEADER_WIDTH or cell_limit != [width_of(cells(c)) for c in range(count)]
    return headings, widths, narrowed


def _text_grid(table: TableLayout, rows: list[list[str]], headings: list[list[str]], widths: list[int]) -> str:
    """A table in tabulate's ``simple`` shape, at the widths given: headings and text cells wrapped
    onto more lines where they are wider, amounts (and their headings) right-aligned, a sum row's
    label across the empty text cells beside it."""

    def block(cells: Sequence[list[str]], columns: Sequence[int], column_widths: Sequence[int]) -> list[str]:
        depth = max(len(lines) for lines in cells)
        out = []
        for i in range(depth):
            parts = [lines[i] if i < len(lines) else "" for lines in cells]
            out.append("  ".join(part.rjust(width) if c in table.amount_columns else part.ljust(width)
                                 for part, c, width in zip(parts, columns, column_widths, strict=True)).rstrip())
        return out

    everything = range(len(widths))
    out = block(headings, everything, widths)
    out.append("  ".join("-" * w for w in widths))
    for row, span in zip(rows, _spans(table, rows), strict=True):
        columns = [0, *range(span, len(widths))]
        column_widths = [sum(widths[:span]) + 2 * (span - 1), *widths[span:]]
        cells = [_wrap_cell(row[c], width) if c not in table.amount_columns and len(row[c]) > width else [row[c]]
                 for c, width in zip(columns, column_widths, strict=True)]
        out.extend(block(cells, columns, column_widths))
    return "\n".join(out)


def _notes(table: TableLayout) -> str:
    return "".join(f"\n\n{note}" for note in table.notes)


def _text(table: TableLayout) -> str:
    rows = [[_printed(c, table.zero) for c in row] for row in table.rows]
    fitted = _fitted(table, rows)
    if fitted is None:
        body = _grid(table, "simple", header_width=_HEADER_WIDTH) + _notes(table)
    else:
        headings, widths, narrowed = fitted
        body = _text_grid(table, rows, headings, widths) + _notes(table)
        if narrowed:  # say where the table is printed at its full width
            body += "\n\n" + label("text_narrowed", table.language, width=TEXT_WIDTH)
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


def _excel_text(cell: Cell) -> str:
    """A cell as Excel should keep it: an amount as a number (decimal comma); a text that Excel would
    change — a post number's leading zero (``01``), or a text it would run as a formula (``=``, ``+``,
    ``-``, ``@`` first) — as the formula ``="…"``, which Excel shows as exactly that text."""
    text = _exact(cell, ",")
    if isinstance(cell, str) and text and (text[0] in "=+-@" or (len(text) > 1 and text[0] == "0" and text.isdigit())):
        return '="' + text.replace('"', '""') + '"'
    return text


def _csv_excel(table: TableLayout) -> str:
    """As Norwegian Excel reads a CSV: ``;`` between fields, decimal comma, no thousands separators, CRLF."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([_excel_text(c) for c in row] for row in table.rows)
    return buffer.getvalue().removesuffix("\r\n")


TABLE_WRITERS: dict[OutputFormat, Callable[[TableLayout], str]] = {
    OutputFormat.TEXT: _text,
    OutputFormat.MARKDOWN: _markdown,
    OutputFormat.HTML: _html,
    OutputFormat.CSV: _csv,
    OutputFormat.CSV_EXCEL: _csv_excel,
}
# the label of each statement's sheet, by its JSON name (statsbudsjett.io.tables.LABELS)
_SHEET_NAMES: Final = {"appropriation_report": "sheet_appropriation", "note_a": "sheet_note_a",
                       "note_b": "sheet_note_b"}


# -- json -------------------------------------------------------------------------------
def json_amount(value: Money | None) -> int | Decimal | None:
    """Whole kroner as a JSON integer, otherwise the exact amount with two decimals."""
    return None if value is None else value.to_json_number()


def json_text(data: Any, indent: str = "") -> str:
    """JSON with exact numbers: ``Decimal`` is written with its own digits, never via float."""
    import json  # here, not at the top: only JSON output needs it, and importing it is part of the start-up

    def text(data: Any, indent: str) -> str:
        inner = indent + "  "
        if isinstance(data, dict):
            if not data:
                return "{}"
            items = (f"{inner}{json.dumps(k, ensure_ascii=False)}: {text(v, inner)}" for k, v in data.items())
            return "{\n" + ",\n".join(items) + f"\n{indent}}}"
        if isinstance(data, list):
            if not data:
                return "[]"
            return "[\n" + ",\n".join(f"{inner}{text(v, inner)}" for v in data) + f"\n{indent}]"
        if isinstance(data, Decimal):
            return str(data)
        if isinstance(data, bool | int | str) or data is None:
            return json.dumps(data, ensure_ascii=False)
        raise TypeError(f"cannot write {type(data).__name__} as JSON")  # pragma: no cover

    return text(data, indent)


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
        return {f.name: to_json_data(getattr(value, f.name)) for f in attrs.fields(type(value))
                if f.name != "source" and f.metadata.get("json", True)}
    if isinstance(value, AccountRows | tuple | list):
        return [to_json_data(item) for item in value]
    if isinstance(value, str | int | Decimal) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover - a new type in a statement
