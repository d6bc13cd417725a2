"""Read a budget table — Gul bok tallgrunnlag or Saldert budsjett — into :class:`BudgetPost` records.

The files and their layouts: OPEN-DATA.md §1.5 (Gul bok, regjeringen.no), §1.6 (Saldert
budsjett) and ``shared/reference/gul-bok/README.md``. Only accounts, names, texts and
stikkord are read; the amount column never is (Gul bok is the proposal, not the
appropriation).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Final

from attrs import frozen

from ..account import Account
from ..errors import InputError, Location, Problem, Severity, UsageError
from ..keywords import KeywordError, parse_keywords
from ..opendata.records import BudgetPost
from ..reprs import field_repr

__all__ = ["read_budget"]


@frozen
class _Layout:
    """One published layout: its header, and the columns the records are read from."""

    __repr__ = field_repr

    name: str
    columns: tuple[str, ...]
    chapter: str
    post: str
    underpost: str | None  # the 2026 Gul bok has no underposts
    chapter_name: str | None  # Saldert budsjett has no chapter names
    text: str
    stikkord: str


_GUL_BOK: Final = _Layout(
    "Gul bok 2019–2025",
    ("fdep_nr", "fdep_navn", "omr_nr", "kat_nr", "omr_navn", "kat_navn", "kap_nr", "post_nr", "upost_nr",
     "kap_navn", "post_navn", "stikkord", "GB"),
    "kap_nr", "post_nr", "upost_nr", "kap_navn", "post_navn", "stikkord")
_GUL_BOK_2026: Final = _Layout(
    "Gul bok 2026",
    ("gdep_nr", "avs_nr", "gdep_navn", "avs_navn", "fdep_nr", "fdep_navn", "omr_nr", "kat_nr", "omr_navn",
     "kat_navn", "kap_nr", "post_nr", "kap_navn", "post_navn", "stikkord", "beløp"),
    "kap_nr", "post_nr", None, "kap_navn", "post_navn", "stikkord")
_SALDERT: Final = _Layout(
    "Saldert budsjett",
    ("Kap. nr", "Postnr.", "Underpostnr.", "Posttekst", "Stikkord", "Postsum"),
    "Kap. nr", "Postnr.", "Underpostnr.", None, "Posttekst", "Stikkord")
LAYOUTS: Final = (_GUL_BOK, _GUL_BOK_2026, _SALDERT)

_SHOWN: Final = 20  # problems shown of a broken file; the rest are counted
_ZIP_MAGIC: Final = b"PK\x03\x04"  # a zip archive; an .xlsx workbook is one
_BOM: Final = b"\xef\xbb\xbf"
_XLS_MAGIC: Final = b"\xd0\xcf\x11\xe0"  # an Excel 97–2003 workbook (OLE compound file)
_INSTALL: Final = ("reading an .xlsx workbook needs openpyxl: pip install 'statsbudsjett[excel]' "
                   "(the CSV copy of the sheet needs nothing)")
_AS_PUBLISHED: Final = "give a Gul bok or Saldert budsjett table as published (.xlsx) or its CSV copy (UTF-8)"


@frozen
class _Sheet:
    """Rows of cells as text, with what a location needs: the sheet's name (a workbook)
    or the lines of the text (a CSV, for the excerpt)."""

    __repr__ = field_repr

    file: str
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (row or line number, cells), the header first
    name: str | None = None
    lines: tuple[str, ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.rows[0][1]) if self.rows else ()

    def at(self, number: int, column: int | None = None) -> tuple[Location, str | None]:
        """The location of row ``number``, and the field naming the sheet and the cell in ``column``."""
        named = self.header[column] if column is not None else None
        if self.name is None:
            text = self.lines[number - 1] if number <= len(self.lines) else None
            return Location(self.file, number, text=text), named
        if column is None:
            cell = f"row {number}"
        else:
            from openpyxl.utils import get_column_letter  # a sheet's rows: openpyxl read them

            cell = f"cell {get_column_letter(column + 1)}{number} ({named})"
        return Location(self.file, number), f"sheet {self.name}, {cell}"


def read_budget(path: str | Path) -> tuple[BudgetPost, ...]:
    """Read a budget table: one :class:`~statsbudsjett.opendata.records.BudgetPost` per row, in file order.

    Accepts the workbooks as published (``.xlsx``, read with openpyxl, the ``excel``
    extra) and their CSV copies (UTF-8, comma-separated, the workbook's header as first
    row). What the file is comes from its bytes, its layout from its header row — never
    from its name. Three layouts (OPEN-DATA.md §1.5–1.6):

    * Gul bok 2019–2025 (sheet ``Ark1``): ``fdep_nr, …, kap_nr, post_nr, upost_nr,
      kap_navn, post_navn, stikkord, GB``;
    * Gul bok 2026 (sheets ``Forklaring`` and ``Data``; the sheet whose first row is a
      known header is read): ``gdep_nr, …, kap_nr, post_nr, kap_navn, post_navn,
      stikkord, beløp``;
    * Saldert budsjett: ``Kap. nr, Postnr., Underpostnr., Posttekst, Stikkord, Postsum``
      (no chapter names: ``chapter_name`` is ``""``).

    Names and texts are stripped of surrounding spaces; a stikkord of spaces only is
    ``""``. An underpost of 0 or empty is the post itself; 1–99 gives ``Account(chapter,
    post, underpost)``. Stikkord are parsed with the row's chapter
    (:func:`~statsbudsjett.keywords.parse_keywords`). Amount columns are not read. Empty
    rows are skipped. Fold underposts into posts with
    :func:`~statsbudsjett.opendata.budget.budget_by_post`.

    Raises :class:`~statsbudsjett.InputError` with every problem located (file, line — for a
    workbook the row, with sheet and cell in the problem's field), the first 20 shown and
    the rest counted: a file that cannot be read, is empty or is neither a workbook nor
    UTF-8 text; no known header (the known layouts and the columns missing are named); a
    chapter, post or underpost that is not a number or is out of range; a stikkord that
    cannot be read; an account given twice; a row with more cells than the header.
    Raises :class:`~statsbudsjett.UsageError` (one line, how to install it) when an
    ``.xlsx`` is given and openpyxl is not installed.
    """
    path = Path(path)
    file = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(f"cannot read the file: {error.strerror or error}", Location(file),
                                  hint="check the path and that the file is readable")]) from None
    if not raw.removeprefix(_BOM).strip():
        raise InputError([Problem("the file is empty", Location(file), hint=_AS_PUBLISHED)])
    if raw.startswith(_XLS_MAGIC):
        raise InputError([Problem("this is an Excel 97–2003 workbook (.xls), not .xlsx or CSV", Location(file),
                                  hint="open it in a spreadsheet and save it as .xlsx or as CSV UTF-8")])
    sheets = _workbook(raw, file) if raw.startswith(_ZIP_MAGIC) else [_csv(raw, file)]
    sheet, layout = _find_header(sheets, file)
    return _posts(sheet, layout)


def _workbook(raw: bytes, file: str) -> list[_Sheet]:
    """The sheets of an .xlsx workbook, every cell as text."""
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise UsageError(_INSTALL) from None
    try:
        # From bytes, not the path: openpyxl refuses a workbook by its name's suffix.
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            sheets = []
            for sheet in book.worksheets:
                sheet.reset_dimensions()  # read the cells there are, not the range a writer declared (may be "A1")
                rows = tuple((n, tuple(map(_cell_text, row)))
                             for n, row in enumerate(sheet.iter_rows(values_only=True), start=1))
                sheets.append(_Sheet(file, rows, name=sheet.title))
        finally:
            book.close()
    except Exception as error:  # a damaged or foreign zip: openpyxl raises KeyError, BadZipFile, XML errors …
        raise InputError([Problem(
            "this is a zip archive but not a readable .xlsx workbook", Location(file),
            found=f"{type(error).__name__}: {error}", hint=_AS_PUBLISHED)]) from None
    return sheets


def _cell_text(value: object) -> str:
    """A workbook cell as the CSV copy writes it: a whole number without ``.0``, nothing as ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv(raw: bytes, file: str) -> _Sheet:
    """A CSV copy, as the one sheet it was made from."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError([Problem(
            "this is neither an .xlsx workbook nor UTF-8 text", Location(file),
            found=f"byte 0x{raw[error.start]:02x} at offset {error.start}",
            hint="save the sheet as CSV UTF-8, or give the .xlsx as published")]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    start = 1
    try:
        for cells in reader:
            rows.append((start, tuple(cells)))
            start = reader.line_num + 1  # a quoted cell may span lines: the row starts after the last one
    except csv.Error as error:
        raise InputError([Problem(f"CSV syntax: {error}", Location(file, reader.line_num),
                                  hint="check the quotes")]) from None
    lines = tuple(line.rstrip("\r\n") for line in io.StringIO(text, newline=""))  # the lines csv counts
    return _Sheet(file, tuple(rows), lines=lines)


def _find_header(sheets: Sequence[_Sheet], file: str) -> tuple[_Sheet, _Layout]:
    """The one sheet whose first row is a known header, and its layout."""
    found = []
    problems = []
    for sheet in sheets:
        layout = next((la for la in LAYOUTS if set(la.columns) <= set(sheet.header)), None)
        if layout is not None:
            found.append((sheet, layout))
        else:
            problems.append(_unknown_header(sheet))
    if len(found) > 1:
        names = " and ".join(str(s.name) for s, _ in found)
        raise InputError([Problem(f"sheets {names} both hold a budget table", Location(file),
                                  hint="keep one table per workbook")])
    if not found:
        raise InputError(problems or [Problem("the workbook has no sheet", Location(file), hint=_AS_PUBLISHED)])
    return found[0]


def _unknown_header(sheet: _Sheet) -> Problem:
    location, field = sheet.at(1)
    header = sheet.header
    known = "; ".join(f"{la.name} ({', '.join(la.columns)})" for la in LAYOUTS)
    if not any(header):
        return Problem("the first row is empty, not the header of a budget table", location, expected=known,
                       field=field, hint=_AS_PUBLISHED)
    closest = max(LAYOUTS, key=lambda la: len(set(la.columns) & set(header)))
    missing = [c for c in closest.columns if c not in header]
    said = (f"closest is {closest.name}, which lacks the columns {', '.join(missing)}"
            if len(missing) < len(closest.columns) else "it shares no column with any known layout")
    first = sheet.lines[0] if sheet.lines else ""
    hint = _AS_PUBLISHED
    if len(header) == 1 and "=" in first:
        hint = "this looks like TOML (statsbudsjett inputs are read with statsbudsjett.load); " + hint
    elif len(header) == 1 and (";" in first or "\t" in first):
        hint = "the CSV copies are comma-separated; " + hint
    return Problem(f"unknown header: not a known budget table ({said})", location, expected=known,
                   found=", ".join(header), field=field, hint=hint)


def _posts(sheet: _Sheet, layout: _Layout) -> tuple[BudgetPost, ...]:
    header = sheet.header
    index = {name: header.index(name) for name in layout.columns}
    problems: list[Problem] = []
    posts: list[BudgetPost] = []
    first_seen: dict[Account, int] = {}
    for number, cells in sheet.rows[1:]:
        while cells and not cells[-1].strip():  # trailing empty cells are no cells
            cells = cells[:-1]
        if not cells:
            continue
        location, field = sheet.at(number)
        if len(cells) > len(header):
            problems.append(Problem(f"the row has {len(cells)} cells, the header {len(header)}", location,
                                    field=field, hint="a name with a comma must be quoted in a CSV"))
            continue
        post = _post(sheet, layout, index, number, cells, problems)
        if post is None:
            continue
        if post.account in first_seen:
            where = "row" if sheet.name else "line"
            problems.append(Problem(f"{post.account} is given twice (first in {where} {first_seen[post.account]})",
                                    location, field=field, hint="a table gives each post once"))
            continue
        first_seen[post.account] = number
        posts.append(post)
    if not posts and not problems:
        location, field = sheet.at(1)
        problems.append(Problem("the table has a header but no rows", location, field=field, hint=_AS_PUBLISHED))
    if problems:
        raise InputError(_capped(problems, sheet.file))
    return tuple(posts)


def _post(sheet: _Sheet, layout: _Layout, index: dict[str, int], row: int, cells: tuple[str, ...],
          problems: list[Problem]) -> BudgetPost | None:
    """One row as a record, or None after adding its problems to ``problems``."""

    def cell(name: str | None) -> str:
        return cells[index[name]].strip() if name is not None and index[name] < len(cells) else ""

    def number(name: str, lowest: int, highest: int, expected: str) -> int | None:
        text = cell(name)
        value = int(text) if text.isascii() and text.isdigit() else None
        if value is not None and lowest <= value <= highest:
            return value
        said = ("is empty" if not text else "is not a number" if value is None
                else f"{value} is outside {lowest}–{highest}")
        location, field = sheet.at(row, index[name])
        problems.append(Problem(f"{name} {said}", location, expected=expected, found=repr(text), field=field))
        return None

    chapter = number(layout.chapter, 1, 5999, "a chapter number 1–5999")
    post = number(layout.post, 1, 99, "a post number 1–99")
    underpost = (0 if layout.underpost is None or not cell(layout.underpost)
                 else number(layout.underpost, 0, 99, "an underpost 1–99, or 0 or empty for the post itself"))
    if chapter is None or post is None or underpost is None:
        return None
    stikkord = cell(layout.stikkord)
    try:
        keywords = parse_keywords(stikkord, chapter=chapter)
    except KeywordError as error:
        location, field = sheet.at(row, index[layout.stikkord])
        problems.append(Problem(f"the stikkord cannot be read: {error}", location, found=repr(stikkord), field=field,
                                expected="«kan overføres», «overslagsbevilgning», «kan nyttes under kap. N, post M»"))
        return None
    return BudgetPost(Account(chapter, post, underpost or None), cell(layout.chapter_name), cell(layout.text),
                      stikkord, keywords, sheet.at(row)[0])


def _capped(problems: list[Problem], file: str) -> Iterable[Problem]:
    """The first problems of a broken file, and how many more there are: a file in the wrong
    layout would otherwise give one problem per row."""
    if len(problems) <= _SHOWN:
        return problems
    more = len(problems) - _SHOWN
    return [*problems[:_SHOWN], Problem(
        f"{more} more problem{'s' if more != 1 else ''} not shown ({len(problems)} in all)", Location(file),
        severity=Severity.INFO, hint="fix the ones shown and read the file again")]


