"""Read a published annual report (format ``statsbudsjett/published-1``) into a :class:`PublishedReport`.

:class:`PublishedReader` is a :class:`~.toml_reader.TomlReader`, like the reader of the
raw inputs: accounts, amounts, keys and their problems are judged and worded as there.
What is its own is the printed figure: a figure may be "-" (a dash) or empty, and a row
of figures is a list with one per column. Every printed figure keeps its
file:line:column, so that a finding points at the figure in the file. Every problem in
the file is collected in one pass and raised together as one
:class:`~statsbudsjett.errors.InputError`. The format is documented in
``docs/published-format.md``; :mod:`.published_writer` writes it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Final, TypeVar

import attrs

from ..account import Account, AccountError, Side
from ..errors import InputError, Problem, UsageError
from ..keywords import KeywordError, Keywords, parse_keywords
from ..model import AgencyYear, CommitmentKind, Direction
from ..published.keys import authorisation_keys
from ..published.layout import OBJECT_CLASS_LINES
from ..published.report import (
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
    Figure,
    Labels,
    PublishedReport,
    RevenueLink,
    Row,
    RowKind,
    Table,
    TableKind,
    negated,
    post_totals,
)
from ..rules import RuleYearError, driftsresultat, parameters_for
from .input_reader import FORMAT as RAW_FORMAT
from .input_reader import read_agency_year
from .toml_document import KeyPath, TomlDocument, read_toml
from .toml_reader import TomlReader, dotted, file_order, shown

__all__ = ["FORMAT", "RECONCILIATION_COLUMNS", "PublishedReader", "read_published"]

T = TypeVar("T")

FORMAT: Final = "statsbudsjett/published-1"
DASH: Final = "-"
_DASHES: Final = (DASH, "\u2212", "\u2013")  # "-", minus sign, en dash: all printed as a dash
RECONCILIATION_COLUMNS: Final = ("booked", "reported", "difference")  # avregning, mellomværende, forskjell

_TOP: Final = ("format", "agency", "fiscal_year", "raw", "appropriation", "note_a", "note_a_total",
               "note_a_income_total", "note_b", "note_b_income", "revenue_authorisation", "chargeback",
               "commitment", "object_class", "treasury_overview", "note")
_APPROPRIATION: Final = ("net_reported", "total_reported", "expense", "expense_total", "income", "income_total",
                         "capital", "holding")
_LINE_AMOUNTS: Final = ("total_allocation", "accounted", "difference")
_LINE: Final = ("account", "chapter_name", "text", "note", "received_chargeback", "unsigned", *_LINE_AMOUNTS)
_NOTE_A: Final = ("carried_over", "allocated", "total")
_NOTE_B: Final = NOTE_B_COLUMNS
_NOTE_B_INCOME: Final = ("difference", "received_by_others", "difference_after_chargebacks")
_OBJECT_CLASS_KEYS: Final = tuple(line.key for line in OBJECT_CLASS_LINES)
_FIGURE_HINT: Final = ('write the figure as printed: an integer (-8249451), a string ("-8 249 451"), '
                       '"-" for a dash, or leave the key out for an empty cell')
_NOT_A_FIGURE: Final = 'a dash is written "-", an empty cell by leaving the key out (in a list: "")'
_RAW_HINT: Final = ("give the path relative to this file, or pass the raw inputs explicitly: "
                    "`statsbudsjett verify REPORT --raw INPUTS` (in Python: read_published(REPORT, raw=INPUTS))")
_DIRECTIONS: Final = {Direction.GIVEN.value: "avgitt belastningsfullmakt",
                      Direction.RECEIVED.value: "mottatt belastningsfullmakt"}
_KINDS: Final = {CommitmentKind.GRANT.value: "tilsagnsfullmakt", CommitmentKind.ORDER.value: "bestillingsfullmakt"}
_NOTE_KINDS: Final = {"note": "a note with year columns", "reconciliation": "avregning vs mellomværende"}


def read_published(source: str | Path | bytes, *, file: str | None = None, base: Path | None = None,
                   raw: str | Path | None = None) -> PublishedReport:
    """Read a published report from a file (a path) or TOML text.

    The raw inputs (format v1) the report is checked against are read too: ``raw``, a
    path anywhere, when given; otherwise the file's own ``raw = "inputs.toml"`` entry, a
    path relative to the report's folder that must stay inside it (no absolute path, no
    ``..`` or symbolic link out of it). ``base`` is that folder: by default the file's;
    for text there is none, and a ``raw =`` entry is refused unless ``base`` is given.
    Raises :class:`InputError` listing every problem when the input is unusable.
    """
    if not isinstance(source, str | Path | bytes):
        raise UsageError(f"read_published: expected a path, TOML text or bytes, not {type(source).__name__}")
    if base is not None and not isinstance(base, Path):
        raise UsageError(f"read_published: `base` is the folder of the raw inputs, a Path, not {type(base).__name__}")
    if raw is not None and not isinstance(raw, str | Path):
        raise UsageError(f"read_published: `raw` is the path of the raw inputs, not {type(raw).__name__}")
    document = read_toml(source, file=file)
    if base is None and isinstance(source, Path):
        base = source.parent
    reader = PublishedReader(document, base, None if raw is None else Path(raw))
    report = reader.published_report()
    if report is None or reader.errors or reader.raw_problems:
        # the report's problems in file order, then those of the raw inputs it names (their own file)
        raise InputError([*sorted(reader.problems, key=file_order), *reader.raw_problems])
    return report


class PublishedReader(TomlReader):
    """Reads format ``statsbudsjett/published-1`` into a :class:`PublishedReport`, reporting its problems."""

    def __init__(self, document: TomlDocument, base: Path | None, raw: Path | None = None) -> None:
        super().__init__(document)
        self.base = base  # the folder a `raw =` entry must stay inside; None: the report is text
        self.raw_file = raw  # the raw inputs given explicitly: they replace the `raw =` entry
        self.raw_problems: list[Problem] = []  # problems of the raw-inputs file, located there
        self.year = 0

    # -- what is particular to printed figures ------------------------------------------
    def figure(self, path: KeyPath, value: Any) -> Figure:
        """A printed figure: an amount (as the base reads amounts), "-" (a dash) or "" (an empty cell)."""
        location = self.doc.location(path)
        if isinstance(value, str) and value.strip() in _DASHES:
            return Figure(None, dash=True, location=location)
        if isinstance(value, str) and not value.strip():
            return Figure(None, location=location)
        if isinstance(value, bool) or not isinstance(value, int | str | float):
            self.report(path, "this is not a figure", expected="a printed figure", found=shown(value),
                        hint=_FIGURE_HINT)
            return Figure(None, location=location)
        before = len(self.problems)
        amount = self.money(path, value)
        if isinstance(value, str):  # a text that is not an amount may have meant a dash or an empty cell
            self.amend_hint(before, _NOT_A_FIGURE)
        return Figure(amount, location=location)

    def unsigned(self, path: KeyPath, entry: dict[str, Any], account: Account) -> bool:
        """The row's ``unsigned`` flag: a driftsresultat component printed without its minus sign."""
        value = entry.get("unsigned", False)
        if not isinstance(value, bool):
            self.report((*path, "unsigned"), "`unsigned` is true or false", found=shown(value),
                        hint="write unsigned = true where the report prints the row without its minus sign")
            return False
        if value and not driftsresultat.is_component(account):
            self.report((*path, "unsigned"), f"only an underpost of post {driftsresultat.DRIFTSRESULTAT_POST} "
                        f"(a driftsresultat) may be printed unsigned, not {account}", found="unsigned = true",
                        hint="write the figure with the sign the report prints, and leave unsigned out")
            return False
        return value

    def amend_hint(self, before: int, hint: str, *, replace: bool = False) -> None:
        """Add to (or ``replace``) the hint of the problem the base reported since ``before``: what this format adds."""
        if len(self.problems) > before:
            problem = self.problems[-1]
            joined = hint if replace or not problem.hint else f"{problem.hint}; {hint}"
            self.problems[-1] = attrs.evolve(problem, hint=joined)

    def cells(self, path: KeyPath, entry: dict[str, Any], columns: Sequence[str]) -> list[tuple[str, Figure]]:
        """The cells present in the entry: a key left out is a cell printed empty."""
        return [(c, self.figure((*path, c), entry[c])) for c in columns if c in entry]

    def amounts(self, path: KeyPath, value: Any, columns: Sequence[str]) -> list[tuple[str, Figure]]:
        """A row of figures written as a list, one per column (``[this year, last year]``)."""
        if not isinstance(value, list) or not 1 <= len(value) <= len(columns):
            self.report(path, f"expected one figure per column ({', '.join(columns)})",
                        found=f"{len(value)} figures" if isinstance(value, list) else shown(value),
                        expected=f"a list of {len(columns)} figures, e.g. [337976, 1680374]")
            return []
        return [(c, self.figure((*path, i), v)) for i, (c, v) in enumerate(zip(columns, value, strict=False))]

    # -- the base's helpers, as the printed tables use them ------------------------------
    def section(self, path: KeyPath, value: Any, allowed: Sequence[str], what: str) -> dict[str, Any]:
        """A table of the file (``[appropriation]``, a row); a value that is no table is reported and read as empty."""
        return self.table(path, value, tuple(allowed), what) or {}

    def array(self, path: KeyPath, value: Any, build: Callable[[KeyPath, dict[str, Any]], T | None]) -> list[T]:
        """An array of tables below the top level (``[[appropriation.expense]]``, a note's lines),
        read as :meth:`records` reads one at the top level."""
        if value is None:
            return []
        name = dotted(path)
        if not isinstance(value, list):
            self.report(path, f"`{name}` must be an array of tables", found=shown(value), key=True,
                        expected=f"[[{name}]] entries, or a list of {{ … }}",
                        hint=f"write [[{name}]] (double brackets) above each entry" if isinstance(value, dict)
                        else None)
            return []
        results = []
        for index, entry in enumerate(value):
            if not isinstance(entry, dict):
                self.report((*path, index), f"each `{name}` entry must be a table", found=shown(entry),
                            hint=f"write [[{name}]] followed by its key = value lines, or {{ key = value, … }}")
                continue
            built = build((*path, index), entry)
            if built is not None:
                results.append(built)
        return results

    def row_account(self, path: KeyPath, entry: dict[str, Any], side: Side | None, what: str,
                    other: str = "") -> Account | None:
        """The row's required ``account``; ``other`` names the table for accounts of the other side."""
        value = self.required(entry, path, "account", what)
        if value is None:
            return None
        before = len(self.problems)
        account = self.account((*path, "account"), value, side)
        if account is None and side is not None and _on_the_other_side(value, side):
            self.amend_hint(before, "expense chapters are 1–2999, income chapters 3000–5999"
                            + (f"; move the row to {other}" if other else ""), replace=True)
        return account

    def unique(self, table: Table, path: KeyPath) -> Table:
        """Each row once in a table: a row key given twice is reported at its second row."""
        seen: set[str] = set()
        for row in table.rows:
            if row.key in seen:
                self.errors += 1
                self.problems.append(Problem(
                    f"{table.name}: the row {shown(row.key)} is given twice", row.location or self.doc.location(path),
                    hint="each account or printed text appears once in a table; merge the two rows",
                    field=dotted(path) or None))
            seen.add(row.key)
        return table

    # -- the document -----------------------------------------------------------------
    def published_report(self) -> PublishedReport | None:
        data = self.section((), self.doc.data, _TOP, "the file")
        version = data.get("format")
        if version == RAW_FORMAT:
            self.report(("format",), "this is a file of raw inputs (format v1), not a published report",
                        expected=f'format = "{FORMAT}"', found=shown(version),
                        hint="print its statements with `statsbudsjett report FILE`; to verify printed figures, write "
                             f'them in a published report (format = "{FORMAT}") with raw = "<this file>"')
            return None
        if version != FORMAT:
            self.report(("format",) if "format" in data else (), "the file does not say it is a published report"
                        if version is None else f"unknown format {shown(version)}", expected=f'format = "{FORMAT}"',
                        found=shown(version) if version is not None else None,
                        hint=f'add format = "{FORMAT}" at the top (raw inputs use "{RAW_FORMAT}": '
                             'name them with raw = "inputs.toml")')
            return None
        agency = self.text(("agency",), data.get("agency"))
        year = data.get("fiscal_year")
        if isinstance(year, bool) or not isinstance(year, int):
            self.report(("fiscal_year",) if "fiscal_year" in data else (), "the file has no valid `fiscal_year`",
                        expected="an integer such as 2021", found=shown(year) if year is not None else None,
                        hint="add e.g. fiscal_year = 2021 at the top" if year is None
                        else f"write fiscal_year = {year.strip()}" if isinstance(year, str) and year.strip().isdigit()
                        else "write e.g. fiscal_year = 2021")
            return None
        try:
            parameters_for(year)
        except RuleYearError as error:
            self.report(("fiscal_year",), f"the rules do not cover fiscal year {year}", found=str(year),
                        hint=str(error))
            return None
        self.year = year
        tables = [
            *self.appropriation(data.get("appropriation", {})),
            self.note_a(data),
            self.note_b(data),
            self.note_b_income(data),
            self.chargebacks(data),
            self.commitments(data),
            self.object_class(data.get("object_class")),
            self.treasury_overview(data.get("treasury_overview")),
            *self.notes(data),
        ]
        links = self.records("revenue_authorisation", data, self.revenue_link)
        raw = self.raw(data.get("raw"), year)
        return PublishedReport(agency, year, tuple(t for t in tables if t.rows), tuple(links), raw,
                               source=self.doc.location(()))

    def raw(self, value: Any, year: int) -> AgencyYear | None:
        """The raw inputs: given explicitly, or named by the file's ``raw =`` entry."""
        if self.raw_file is not None:
            return self.raw_inputs(self.raw_file, self.raw_file, ("fiscal_year",), year,
                                   "pass the raw inputs of the same fiscal year")
        if value is None:
            return None
        path = ("raw",)
        name = self.text(path, value)
        if not name:
            return None
        if self.base is None:
            self.report(path, "the report was read from text: `raw` has no folder to be relative to",
                        found=shown(name), hint="pass the folder (base=FOLDER) or the raw inputs themselves "
                        "(raw=INPUTS) to read_published; on the command line: `statsbudsjett verify REPORT --raw "
                        "INPUTS`")
            return None
        file = self.inside_folder(path, name)
        if file is None:
            return None
        if not file.is_file():
            what = "is a folder, not a file" if file.is_dir() else "does not exist"
            self.report(path, f"the raw inputs file {shown(name)} {what}", found=str(self.base / name),
                        hint=f"{_RAW_HINT}; or remove `raw`")
            return None
        return self.raw_inputs(file, self.base / name, path, year, "point `raw` at the same year's inputs")

    def inside_folder(self, path: KeyPath, name: str) -> Path | None:
        """The file a ``raw =`` entry names, resolved; None (reported) when it is not inside the report's folder."""
        assert self.base is not None
        if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or PureWindowsPath(name).drive:
            self.report(path, "`raw` is an absolute path: it must be relative to this file and stay in its folder",
                        found=shown(name), hint=_RAW_HINT)
            return None
        folder = self.base.resolve()
        try:
            file = (folder / name).resolve()  # `..` and symbolic links followed
        except (OSError, ValueError, RuntimeError) as error:
            self.report(path, f"`raw` is not a usable path: {error}", found=shown(name), hint=_RAW_HINT)
            return None
        if not file.is_relative_to(folder):
            self.report(path, "`raw` leads out of this file's folder (through `..` or a symbolic link): the raw "
                        "inputs must be in the report's folder or below it", found=shown(name), hint=_RAW_HINT)
            return None
        return file

    def raw_inputs(self, file: Path, shown_as: Path, path: KeyPath, year: int, hint: str) -> AgencyYear | None:
        """Read the raw inputs (their problems are located in their own file) and check their year."""
        try:
            raw, _ = read_agency_year(file, file=str(shown_as))
        except InputError as error:
            self.raw_problems.extend(error.problems)
            return None
        if raw.fiscal_year != year:
            self.report(path, f"the raw inputs {shown(str(shown_as))} are for {raw.fiscal_year}, the report for {year}",
                        found=str(raw.fiscal_year), hint=hint)
            return None
        return raw

    def line_row(self, side: Side) -> Callable[[KeyPath, dict[str, Any]], Row | None]:
        what = f"[[appropriation.{side.value}]]"

        def build(path: KeyPath, entry: dict[str, Any]) -> Row | None:
            entry = self.section(path, entry, _LINE, what)
            other = "income" if side is Side.EXPENSE else "expense"
            account = self.row_account(path, entry, side, what, f"[[appropriation.{other}]]")
            cells = self.cells(path, entry, _LINE_AMOUNTS)  # read (and reported) even when the account is not
            received = entry.get("received_chargeback", False)
            if not isinstance(received, bool):
                self.report((*path, "received_chargeback"), "`received_chargeback` is true or false",
                            found=shown(received), hint="write received_chargeback = true, or leave the key out")
                received = False
            text = self.text((*path, "text"), entry.get("text"))
            note = self.text((*path, "note"), entry.get("note"))
            chapter_name = self.text((*path, "chapter_name"), entry.get("chapter_name"))
            if account is None:
                return None
            unsigned = self.unsigned(path, entry, account)
            return Row(str(account), text, RowKind.LINE, _signed(cells, unsigned), account=account, note=note,
                       received_chargeback=received, chapter_name=chapter_name, unsigned=unsigned,
                       location=self.doc.location(path, key=True))

        return build

    def appropriation(self, value: Any) -> list[Table]:
        root: KeyPath = ("appropriation",)
        data = self.section(root, value, _APPROPRIATION, "[appropriation]")
        rows: list[Row] = []
        for side, name, total, label in ((Side.EXPENSE, "expense", "expense_total", Labels.EXPENSE_TOTAL),
                                         (Side.INCOME, "income", "income_total", Labels.INCOME_TOTAL)):
            rows += self.array((*root, name), data.get(name), self.line_row(side))
            if total in data:
                path = (*root, total)
                cells = self.cells(path, self.section(path, data[total], _LINE_AMOUNTS, f"[appropriation.{total}]"),
                                   _LINE_AMOUNTS)
                rows.append(Row(label, label, RowKind.SUM, cells, code=total,
                                location=self.doc.location(path, key=True)))
        if "net_reported" in data:
            path = (*root, "net_reported")
            rows.append(Row(Labels.NET_REPORTED, Labels.NET_REPORTED, RowKind.TOTAL,
                            [("accounted", self.figure(path, data["net_reported"]))], code="net_reported",
                            location=self.doc.location(path, key=True)))

        def capital_row(path: KeyPath, entry: dict[str, Any]) -> Row:
            entry = self.section(path, entry, ("number", "text", "amount"), "a capital account")
            return Row(self.text((*path, "number"), entry.get("number")), self.text((*path, "text"), entry.get("text")),
                       RowKind.LINE, self.cells(path, entry, ("amount",)), location=self.doc.location(path, key=True))

        def holding_row(path: KeyPath, entry: dict[str, Any]) -> Row:
            entry = self.section(path, entry, ("number", "text", "closing", "opening", "change"), "a holding")
            return Row(self.text((*path, "number"), entry.get("number")), self.text((*path, "text"), entry.get("text")),
                       RowKind.LINE, self.cells(path, entry, ("closing", "opening", "change")),
                       location=self.doc.location(path, key=True))

        capital = self.array((*root, "capital"), data.get("capital"), capital_row)
        if "total_reported" in data:
            path = (*root, "total_reported")
            capital.append(Row(Labels.TOTAL_REPORTED, Labels.TOTAL_REPORTED, RowKind.TOTAL,
                               [("amount", self.figure(path, data["total_reported"]))], code="total_reported",
                               location=self.doc.location(path, key=True)))
        holdings = self.array((*root, "holding"), data.get("holding"), holding_row)
        return [
            self.unique(Table(APPROPRIATION, _LINE_AMOUNTS, tuple(rows)), root),
            self.unique(Table(CAPITAL, ("amount",), tuple(capital)), (*root, "capital")),
            self.unique(Table(HOLDINGS, ("closing", "opening", "change"), tuple(holdings)), (*root, "holding")),
        ]

    def account_rows(self, name: str, data: dict[str, Any], columns: Sequence[str], side: Side | None,
                     extra: Callable[[KeyPath, dict[str, Any], Account], dict[str, Any]] | None = None,
                     allowed: Sequence[str] = (), other: str = "") -> list[Row]:
        """The rows of a table of accounts (Note A, Note B, its income sub-table): one ``[[name]]`` each."""
        what = f"a [[{name}]] row"

        def build(path: KeyPath, entry: dict[str, Any]) -> Row | None:
            entry = self.section(path, entry, ("account", *allowed, *columns), what)
            account = self.row_account(path, entry, side, what, other)
            cells = self.cells(path, entry, columns)  # read (and reported) even when the account is not
            if account is None:
                return None
            details = extra(path, entry, account) if extra else {}
            unsigned = "unsigned" in allowed and self.unsigned(path, entry, account)
            return Row(str(account), str(account), RowKind.LINE, _signed(cells, unsigned), account=account,
                       unsigned=unsigned, location=self.doc.location(path, key=True), **details)

        return self.records(name, data, build)

    def note_a(self, data: dict[str, Any]) -> Table:
        # Expense posts, and income posts whose samlet tildeling Note A explains (SDØE's kap. 5440),
        # each side followed by its own sum line, as the statement prints them.
        rows = post_totals(self.account_rows(NOTE_A, data, _NOTE_A, None, allowed=("unsigned",)))
        sides = {Side.EXPENSE: [r for r in rows if r.account is not None and r.account.side is Side.EXPENSE],
                 Side.INCOME: [r for r in rows if r.account is not None and r.account.side is Side.INCOME]}
        for side, key, code, label in ((Side.EXPENSE, "note_a_total", "total", Labels.SUM),
                                       (Side.INCOME, "note_a_income_total", "income_total", Labels.INCOME_SUM)):
            if key in data:
                path: KeyPath = (key,)
                entry = self.section(path, data[key], _NOTE_A, f"[{key}]")
                sides[side].append(Row(label, label, RowKind.SUM, self.cells(path, entry, _NOTE_A), code=code,
                                       location=self.doc.location(path, key=True)))
        rows = sides[Side.EXPENSE] + sides[Side.INCOME]
        return self.unique(Table(NOTE_A, _NOTE_A, tuple(rows)), (NOTE_A,))

    def note_b(self, data: dict[str, Any]) -> Table:
        def keywords(path: KeyPath, entry: dict[str, Any], account: Account) -> dict[str, Any]:
            text = self.text((*path, "keywords"), entry.get("keywords"))
            try:
                return {"keywords": parse_keywords(text, chapter=account.chapter) if text.strip() else Keywords()}
            except KeywordError as error:
                self.report((*path, "keywords"), str(error), found=shown(text),
                            expected="the stikkord as printed, e.g. \"kan overføres\"")
                return {}

        rows = self.account_rows(NOTE_B, data, _NOTE_B, Side.EXPENSE, keywords, ("keywords",), "[[note_b_income]]")
        return self.unique(Table(NOTE_B, _NOTE_B, tuple(rows)), (NOTE_B,))

    def note_b_income(self, data: dict[str, Any]) -> Table:
        rows = self.account_rows(NOTE_B_INCOME, data, _NOTE_B_INCOME, Side.INCOME, other="[[note_b]]")
        return self.unique(Table(NOTE_B_INCOME, _NOTE_B_INCOME, tuple(rows)), (NOTE_B_INCOME,))

    def revenue_link(self, path: KeyPath, entry: dict[str, Any]) -> RevenueLink | None:
        what = "a [[revenue_authorisation]]"
        entry = self.section(path, entry, ("income", "expense"), what)
        sides = {}
        for name, side in (("income", Side.INCOME), ("expense", Side.EXPENSE)):
            value = self.required(entry, path, name, what)
            sides[name] = () if value is None else tuple(self.accounts((*path, name), value, side))
        if not (sides["income"] and sides["expense"]):
            return None
        return RevenueLink(sides["income"], sides["expense"], self.doc.location(path, key=True))

    def chargebacks(self, data: dict[str, Any]) -> Table:
        what = "a [[chargeback]]"

        def build(path: KeyPath, entry: dict[str, Any]) -> Row | None:
            entry = self.section(path, entry, ("direction", "account", "counterparty", "used", "limit"), what)
            direction = self.choice(path, entry, "direction", what, _DIRECTIONS)
            account = self.row_account(path, entry, None, what)
            counterparty = self.text((*path, "counterparty"), entry.get("counterparty"))
            cells = self.cells(path, entry, ("used", "limit"))
            if direction is None or account is None:
                return None
            return Row("", counterparty, RowKind.LINE, cells, code=direction, account=account,
                       location=self.doc.location(path, key=True))

        return Table(CHARGEBACKS, ("used", "limit"), _keyed(self.records(CHARGEBACKS, data, build)))

    def commitments(self, data: dict[str, Any]) -> Table:
        what = "a [[commitment]]"

        def build(path: KeyPath, entry: dict[str, Any]) -> Row | None:
            entry = self.section(path, entry, ("kind", "account", "limit", "commitments"), what)
            kind = self.choice(path, entry, "kind", what, _KINDS)
            account = self.row_account(path, entry, Side.EXPENSE, what)
            cells = self.cells(path, entry, ("limit", "commitments"))
            if kind is None or account is None:
                return None
            return Row("", "", RowKind.LINE, cells, code=kind, account=account,
                       location=self.doc.location(path, key=True))

        return Table(COMMITMENTS, ("limit", "commitments"), _keyed(self.records(COMMITMENTS, data, build)))

    @property
    def years(self) -> tuple[str, str]:
        return str(self.year), str(self.year - 1)

    def object_class(self, value: Any) -> Table:
        if value is None:
            return Table(OBJECT_CLASS, self.years)
        path: KeyPath = (OBJECT_CLASS,)
        data = self.section(path, value, _OBJECT_CLASS_KEYS, "[object_class]")
        rows = tuple(
            Row(line.label, line.label, RowKind.SUM if line.is_sum else RowKind.LINE,
                self.amounts((*path, line.key), data[line.key], self.years), code=line.key,
                location=self.doc.location((*path, line.key), key=True))
            for line in OBJECT_CLASS_LINES if line.key in data
        )
        return Table(OBJECT_CLASS, self.years, rows, "Oppstilling av artskontorapporteringen")

    def treasury_overview(self, value: Any) -> Table:
        if value is None:
            return Table(TREASURY_OVERVIEW, self.years)
        path: KeyPath = (TREASURY_OVERVIEW,)
        data = self.section(path, value, ("line", "total", "total_text"), "[treasury_overview]")
        rows = self.lines((*path, "line"), data.get("line"), self.years, "")
        if "total" in data:
            label = self.text((*path, "total_text"), data.get("total_text"), Labels.TREASURY_TOTAL)
            rows.append(Row(label, label, RowKind.TOTAL, self.amounts((*path, "total"), data["total"], self.years),
                            code="total", location=self.doc.location((*path, "total"), key=True)))
        return self.unique(Table(TREASURY_OVERVIEW, self.years, tuple(rows),
                                 "Oversikt over mellomværende med statskassen"), path)

    def lines(self, path: KeyPath, value: Any, columns: Sequence[str], section: str) -> list[Row]:
        def build(line_path: KeyPath, entry: dict[str, Any]) -> Row | None:
            entry = self.section(line_path, entry, ("text", "amounts"), "a line")
            text = self.text((*line_path, "text"), entry.get("text"))
            if self.required(entry, line_path, "amounts", "the line") is None:
                return None
            return Row(f"{section}: {text}" if section else text, text, RowKind.LINE,
                       self.amounts((*line_path, "amounts"), entry["amounts"], columns), section=section,
                       location=self.doc.location(line_path, key=True))

        return self.array(path, value, build)

    def total_row(self, path: KeyPath, data: dict[str, Any], columns: Sequence[str], section: str,
                  kind: RowKind) -> Row | None:
        if "total" not in data:
            return None
        label = self.text((*path, "total_text"), data.get("total_text"), Labels.SUM)
        explains = self.text((*path, "explains"), data.get("explains"))
        if explains and explains not in _OBJECT_CLASS_KEYS:
            close = difflib.get_close_matches(explains, _OBJECT_CLASS_KEYS, n=1)
            self.report((*path, "explains"), f"`{explains}` is not a line of the artskontorapportering",
                        expected="one of " + ", ".join(_OBJECT_CLASS_KEYS),
                        hint=f"did you mean `{close[0]}`?" if close else None)
            explains = ""
        return Row(f"{section}: {label}" if section else label, label, kind,
                   self.amounts((*path, "total"), data["total"], columns), section=section, explains=explains,
                   code="total" if kind is RowKind.TOTAL else "",
                   location=self.doc.location((*path, "total"), key=True))

    def notes(self, data: dict[str, Any]) -> list[Table]:
        def build(path: KeyPath, entry: dict[str, Any]) -> Table | None:
            entry = self.section(path, entry, ("number", "title", "kind", "line", "section", "total", "total_text",
                                               "explains"), "a [[note]]")
            number = self.required(entry, path, "number", "a [[note]]")
            if number is None:
                return None
            if isinstance(number, bool) or not isinstance(number, int):
                self.report((*path, "number"), "the note's number is a whole number", found=shown(number),
                            hint="write number = 1 (the note's number as printed)")
                return None
            kind_name = self.choice(path, entry, "kind", "a [[note]]", _NOTE_KINDS) if "kind" in entry else "note"
            if kind_name is None:
                return None
            kind = TableKind.RECONCILIATION if kind_name == "reconciliation" else TableKind.NOTE
            columns = RECONCILIATION_COLUMNS if kind is TableKind.RECONCILIATION else self.years
            rows = self.lines((*path, "line"), entry.get("line"), columns, "")
            sections: list[tuple[KeyPath, dict[str, Any]]] = self.array(
                (*path, "section"), entry.get("section"), lambda p, e: (p, e))
            if rows and sections:
                self.report((*path, "line"), "the note has both lines and sections", key=True,
                            hint="put the lines in a [[note.section]] of their own")
            for section_path, section in sections:
                section = self.section(section_path, section, ("title", "line", "total", "total_text", "explains"),
                                       "a [[note.section]]")
                title = self.text((*section_path, "title"), section.get("title")) or f"{len(rows) + 1}"
                rows.extend(self.lines((*section_path, "line"), section.get("line"), columns, title))
                total = self.total_row(section_path, section, columns, title, RowKind.SUM)
                if total is not None:
                    rows.append(total)
            total = self.total_row(path, entry, columns, "", RowKind.TOTAL)
            if total is not None:
                rows.append(total)
            return self.unique(Table(f"note_{number}", columns, tuple(rows),
                                     self.text((*path, "title"), entry.get("title")), kind,
                                     self.doc.location(path, key=True)), path)

        return self.records("note", data, build)

def _keyed(rows: Sequence[Row]) -> tuple[Row, ...]:
    """Rows of fullmakter with their keys: the rule :func:`publish` keys its rows by, so that they match."""
    keys = authorisation_keys((row.code, row.account, row.label) for row in rows if row.account is not None)
    return tuple(attrs.evolve(row, key=key) for row, key in zip(rows, keys, strict=True))

def _signed(cells: list[tuple[str, Figure]], unsigned: bool) -> list[tuple[str, Figure]]:
    """A row's figures as the rules count them: the negative of the print on an ``unsigned`` row."""
    return [(c, negated(f)) for c, f in cells] if unsigned else cells


def _on_the_other_side(value: Any, side: Side) -> bool:
    """``value`` is a well-formed account of the other side (an income chapter where an expense row is read)."""
    try:
        return isinstance(value, str) and Account.parse(value).side is not side
    except AccountError:
        return False
