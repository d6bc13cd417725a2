"""A published annual report as data: every printed figure, where it stands, and what it is.

The pure counterpart of :mod:`statsbudsjett.io.published_reader` (which reads the file format,
``docs/published-format.md``). A report is a set of :class:`Table` s — the
bevilgningsrapportering, Note A, Note B, the artskontorapportering, the mellomværende
overview, the notes behind the artskontorapportering — each a tuple of :class:`Row` s
whose cells are :class:`Figure` s. A figure printed empty or "-" has no value and is not 0:
where a rule says a cell stays empty, a 0 there is still accepted (nothing is nothing),
but a missing figure where one is expected is reported.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs
from attrs import field, frozen

from ..account import Account
from ..errors import Location
from ..explanation import Term
from ..findings import CellRef
from ..keywords import Keywords
from ..model import AgencyYear
from ..money import Money
from ..reprs import field_repr
from ..statements.names import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    COMMITMENTS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_COLUMNS,
    NOTE_B_INCOME,
    OBJECT_CLASS,
    TREASURY_OVERVIEW,
    Labels,
)
from ..statements.rows import RowKind

__all__ = [
    "APPROPRIATION",
    "CAPITAL",
    "CHARGEBACKS",
    "COMMITMENTS",
    "HOLDINGS",
    "NOTE_A",
    "NOTE_B",
    "NOTE_B_COLUMNS",
    "NOTE_B_INCOME",
    "OBJECT_CLASS",
    "POST_TOTAL",
    "TREASURY_OVERVIEW",
    "Figure",
    "Labels",
    "PublishedReport",
    "RevenueLink",
    "Row",
    "RowKind",
    "Table",
    "TableKind",
    "negated",
    "post_totals",
]



class TableKind(enum.Enum):
    STATEMENT = "statement"
    NOTE = "note"  # a note with year columns: sections of lines, each with a sum
    RECONCILIATION = "reconciliation"  # avregning vs mellomværende: booked − reported = difference


@frozen
class Figure:
    """One printed cell: an amount, or nothing (printed empty, or "-" when ``dash``)."""

    __repr__ = field_repr

    value: Money | None
    dash: bool = False
    location: Location | None = field(default=None, eq=False)

    @property
    def printed(self) -> bool:
        """A figure is printed (not empty and not "-")."""
        return self.value is not None

    @property
    def amount(self) -> Money:
        """The amount for arithmetic: an empty cell or "-" counts as 0."""
        return self.value if self.value is not None else Money(0)


EMPTY: Final = Figure(None)


def negated(figure: Figure) -> Figure:
    """``figure`` with its sign reversed (an empty cell or "-" stays as it is): an ``unsigned`` row's print."""
    return attrs.evolve(figure, value=-figure.value) if figure.value is not None else figure


def _cells(value: Mapping[str, Figure] | Iterable[tuple[str, Figure]]) -> tuple[tuple[str, Figure], ...]:
    items = value.items() if isinstance(value, Mapping) else value
    return tuple(items)


@frozen
class Row:
    """One printed row: its key in findings, what it is, and its cells by column.

    ``key`` is the account (``540.01``) or the printed label (``Sum utgiftsført``);
    ``code`` a stable machine name for fixed rows (``expense_total``, an artskonto line key).
    """

    __repr__ = field_repr

    key: str
    label: str = ""
    kind: RowKind = RowKind.LINE
    cells: tuple[tuple[str, Figure], ...] = field(default=(), converter=_cells)
    code: str = ""
    account: Account | None = None
    keywords: Keywords = field(factory=Keywords)  # Note B stikkord
    note: str = ""  # the bevilgningsrapportering's Note column
    chapter_name: str = ""  # the bevilgningsrapportering's Kapittelnavn
    received_chargeback: bool = False  # spent under a mottatt belastningsfullmakt
    # printed without its minus sign, as a report may print post 24's underposts (rules.driftsresultat):
    # the cells hold the signed figures, the negative of the print
    unsigned: bool = False
    section: str = ""  # the note section the row belongs to
    explains: str = ""  # a note sum: the artskonto line (code) it explains
    location: Location | None = field(default=None, eq=False)

    def __getitem__(self, column: str) -> Figure:
        for name, figure in self.cells:
            if name == column:
                return figure
        return EMPTY

    def __contains__(self, column: object) -> bool:
        return any(name == column for name, _ in self.cells)

    def as_printed(self, figure: Figure) -> Figure:
        """``figure`` of this row as the report prints it: its sign dropped where the row is ``unsigned``."""
        return negated(figure) if self.unsigned else figure

    def with_cell(self, column: str, figure: Figure) -> Row:
        cells = dict(self.cells)
        cells[column] = figure
        return attrs.evolve(self, cells=tuple(cells.items()))


POST_TOTAL: Final = "post_total"  # the code of a post's row printed beside its underposts


def post_totals(rows: Iterable[Row]) -> list[Row]:
    """The rows with each post printed beside its underposts made that post's sum line.

    Petoro's note A for 2023 (PETORO-2023) prints 5440.24.01–05 and then 5440.24, their driftsresultat;
    the post's row adds up its underposts (checked by ``note_a.post-total``) and is not a row of its
    own: added to them, the post would count twice in the sum line.
    """
    rows = list(rows)
    split = {r.account.post_account for r in rows if r.account is not None and r.account.underpost is not None}
    return [attrs.evolve(r, kind=RowKind.SUM, code=POST_TOTAL)
            if r.kind is RowKind.LINE and r.account is not None and r.account in split else r for r in rows]


class _RowIndex:
    """A table's rows by key, code and account, built once: each lookup is a dictionary look-up.

    The first row wins where several share a key, a code or an account (as a scan in
    printed order finds it).
    """

    __slots__ = ("by_account", "by_code", "by_key", "lines", "post_lines")

    def __init__(self, rows: tuple[Row, ...]) -> None:
        first = rows[::-1]  # a dict keeps the last value written: write in reverse, the first row wins
        self.by_key = {r.key: r for r in first}
        self.by_code = {r.code: r for r in first}
        self.by_account = {r.account: r for r in first}
        self.lines = tuple(r for r in rows if r.kind is RowKind.LINE)
        # each post's lines: the post's own line, or else its underposts (540.01.01, 540.01.02)
        grouped: dict[Account, list[Row]] = {}
        for r in self.lines:
            if r.account is not None:
                grouped.setdefault(r.account.post_account, []).append(r)
        self.post_lines = {post: tuple(r for r in rows if r.account == post) or tuple(rows)
                           for post, rows in grouped.items()}


@frozen
class Table:
    """One printed statement or note, in printed row order.

    Rows are looked up by key, code or account in constant time (an index built with the table),
    so that checking every row of a large report stays linear in its size.
    """

    __repr__ = field_repr

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = ()
    title: str = ""
    kind: TableKind = TableKind.STATEMENT
    location: Location | None = field(default=None, eq=False)
    _index: _RowIndex = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _RowIndex(tuple(self.rows)))

    def row(self, key: str) -> Row | None:
        """The first row with that key (account or printed label)."""
        return self._index.by_key.get(key)

    def by_code(self, code: str) -> Row | None:
        """The first row with that code (``expense_total``, an artskonto line key)."""
        return self._index.by_code.get(code)

    def by_account(self, account: Account) -> Row | None:
        """The first row of that account."""
        return self._index.by_account.get(account)

    def post_lines(self, account: Account) -> tuple[Row, ...]:
        """The lines of a post: its own line, or where the report shows underposts instead, those
        (the rules apply to the post, its underposts added up)."""
        return self._index.post_lines.get(account.post_account, ())

    def lines(self) -> tuple[Row, ...]:
        """The lines (not sums or totals), in printed order."""
        return self._index.lines

    def cell(self, row: Row, column: str) -> CellRef:
        return CellRef(self.name, row.key, column)


@frozen
class RevenueLink:
    """A merinntektsfullmakt as stated in the report: these income posts back these expense posts."""

    __repr__ = field_repr

    income: tuple[Account, ...]
    expense: tuple[Account, ...]
    location: Location | None = field(default=None, eq=False)


@frozen
class PublishedReport:
    """Every printed figure of one agency's annual report (årsregnskap) for one fiscal year.

    ``raw`` optionally holds the raw inputs (format v1) the statements can be recomputed from.
    """

    __repr__ = field_repr

    agency: str
    fiscal_year: int
    tables: tuple[Table, ...] = ()
    revenue_links: tuple[RevenueLink, ...] = ()
    raw: AgencyYear | None = None
    source: Location | None = field(default=None, eq=False)
    # For a report computed from an agency-year (publish): how each figure was reached, by cell.
    terms: Mapping[CellRef, Term] = field(factory=dict, eq=False, repr=False)
    _by_name: dict[str, Table] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {t.name: t for t in reversed(self.tables)})  # the first one wins

    def table(self, name: str) -> Table:
        """The table of that name (an empty one when the report has none)."""
        found = self._by_name.get(name)
        return Table(name, ()) if found is None else found

    @property
    def notes(self) -> tuple[Table, ...]:
        """The notes behind the artskontorapportering (note 1, 2, …)."""
        return tuple(t for t in self.tables if t.kind is not TableKind.STATEMENT)

    def figure(self, cell: CellRef) -> Figure:
        row = self.table(cell.statement).row(cell.row)
        return EMPTY if row is None else row[cell.column]

    def figures(self) -> Iterator[tuple[CellRef, Figure]]:
        """Every cell present in the report (printed figures and "-"), in printed order."""
        for table in self.tables:
            for row in table.rows:
                for column, figure in row.cells:
                    yield CellRef(table.name, row.key, column), figure

    def with_figure(self, cell: CellRef, figure: Figure) -> PublishedReport:
        """A copy with one cell replaced (added when absent); the row must exist."""
        tables = []
        for table in self.tables:
            if table.name == cell.statement:
                if table.row(cell.row) is None:
                    raise KeyError(f"no row {cell.row!r} in {cell.statement}")
                rows = tuple(r.with_cell(cell.column, figure) if r.key == cell.row else r for r in table.rows)
                table = attrs.evolve(table, rows=rows)
            tables.append(table)
        return attrs.evolve(self, tables=tuple(tables))
