"""Read a published annual report (format ``statsbudsjett/published-1``) into a :class:`PublishedReport`.

Every printed figure keeps its file:line:column (through :func:`read_toml`), so that a
finding points at the figure in the file. Every problem in the file is collected in one
pass and raised together as one :class:`~statsbudsjett.errors.InputError`. The format is
documented in ``docs/published-format.md``; :mod:`.published_writer` writes it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from ..account import Account, AccountError, Side
from ..errors import InputError, Problem, UsageError
from ..keywords import KeywordError, Keywords, parse_keywords
from ..model import AgencyYear, CommitmentKind, Direction
from ..money import Money, MoneyError
from ..published.layout import OBJECT_CLASS_LINES
from ..published.report import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    COMMITMENTS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
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
)
from ..rules import RuleYearError, parameters_for
from .input_reader import FORMAT as RAW_FORMAT
from .input_reader import read_agency_year
from .toml_document import KeyPath, TomlDocument, read_toml

__all__ = ["FORMAT", "RECONCILIATION_COLUMNS", "read_published"]

FORMAT: Final = "statsbudsjett/published-1"
DASH: Final = "-"
RECONCILIATION_COLUMNS: Final = ("booked", "reported", "difference")  # avregning, mellomværende, forskjell

_TOP: Final = ("format", "agency", "fiscal_year", "raw", "appropriation", "note_a", "note_a_total", "note_b",
               "note_b_income", "revenue_authorisation", "chargeback", "commitment", "object_class",
               "treasury_overview", "note")
_APPROPRIATION: Final = ("net_reported", "total_reported", "expense", "expense_total", "income", "income_total",
                         "capital", "holding")
_LINE_AMOUNTS: Final = ("total_allocation", "accounted", "difference")
_LINE: Final = ("account", "chapter_name", "text", "note", "received_chargeback", *_LINE_AMOUNTS)
_NOTE_A: Final = ("carried_over", "allocated", "total")
_NOTE_B: Final = ("difference", "spent_by_others", "difference_after_chargebacks", "revenue", "reallocation",
                  "savings", "basis", "max_transferable", "transferable")
_NOTE_B_INCOME: Final = ("difference", "received_by_others", "difference_after_chargebacks")
_AMOUNT_HINT: Final = ('write the figure as printed: an integer (-8249451), a string ("-8 249 451"), '
                       '"-" for a dash, or leave the key out for an empty cell')


def read_published(source: str | Path | bytes, *, file: str | None = None,
                   base: Path | None = None) -> PublishedReport:
    """Read a published report from a file (a path) or TOML text.

    A ``raw = "inputs.toml"`` entry is read too (relative to the file, or to ``base``
    for text). Raises :class:`InputError` listing every problem when the input is unusable.
    """
    if not isinstance(source, str | Path | bytes):
        raise UsageError(f"expected a path, TOML text or bytes, not {type(source).__name__}")
    document = read_toml(source, file=file)
    if base is None:
        base = source.parent if isinstance(source, Path) else Path.cwd()
    reader = _Reader(document, base)
    report = reader.report_()
    if report is None or reader.problems:
        raise InputError(sorted(reader.problems, key=_file_order))
    return report


class _Reader:
    def __init__(self, document: TomlDocument, base: Path) -> None:
        self.doc = document
        self.base = base
        self.problems: list[Problem] = []
        self.year = 0

    # -- reporting --------------------------------------------------------------------
    def report(self, path: KeyPath, message: str, *, key: bool = False, expected: str | None = None,
               found: str | None = None, hint: str | None = None) -> None:
        self.problems.append(Problem(message, self.doc.location(path, key=key), expected=expected, found=found,
                                     hint=hint, field=_dotted(path)))

    # -- values -----------------------------------------------------------------------
    def table(self, path: KeyPath, value: Any, allowed: Sequence[str], what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.report(path, f"{what} must be a table", expected="a TOML table", found=_shown(value))
            return {}
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                self.report((*path, name), f"unknown key `{name}` in {what}", key=True,
                            expected="one of " + ", ".join(f"`{a}`" for a in allowed),
                            hint=f"did you mean `{close[0]}`?" if close else "remove the key or check its spelling")
        return value

    def tables(self, path: KeyPath, value: Any, what: str) -> list[tuple[KeyPath, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(path, f"`{_dotted(path)}` must be an array of tables", found=_shown(value),
                        expected=f"[[{_dotted(path)}]] entries, or a list of {{ … }}")
            return []
        return [((*path, i), entry) for i, entry in enumerate(value)]

    def figure(self, path: KeyPath, value: Any) -> Figure:
        location = self.doc.location(path)
        if isinstance(value, str) and value.strip() in (DASH, "\u2212", "\u2013"):
            return Figure(None, dash=True, location=location)
        if isinstance(value, str) and not value.strip():
            return Figure(None, location=location)
        if isinstance(value, float):
            self.report(path, "the figure is a TOML float", found=repr(value),
                        hint="printed figures are whole kroner; " + _AMOUNT_HINT)
        elif isinstance(value, bool) or not isinstance(value, int | str):
            self.report(path, "this is not a figure", found=_shown(value), hint=_AMOUNT_HINT)
        else:
            try:
                return Figure(Money.kroner(value) if isinstance(value, int) else Money.parse(value),
                              location=location)
            except MoneyError as error:
                self.report(path, f"this is not a figure: {error}", found=_shown(value), hint=_AMOUNT_HINT)
        return Figure(None, location=location)

    def cells(self, path: KeyPath, entry: dict[str, Any], columns: Sequence[str]) -> list[tuple[str, Figure]]:
        """The cells present in the entry: a key left out is a cell printed empty."""
        return [(c, self.figure((*path, c), entry[c])) for c in columns if c in entry]

    def amounts(self, path: KeyPath, value: Any, columns: Sequence[str]) -> list[tuple[str, Figure]]:
        if not isinstance(value, list) or not 1 <= len(value) <= len(columns):
            self.report(path, f"expected one figure per column ({', '.join(columns)})", found=_shown(value),
                        expected=f"a list of {len(columns)} figures, e.g. [337976, 1680374]")
            return []
        return [(c, self.figure((*path, i), v)) for i, (c, v) in enumerate(zip(columns, value, strict=False))]

    def text(self, path: KeyPath, value: Any, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.report(path, "this must be a text string", found=_shown(value), hint='write it in quotes: "…"')
            return default
        return value

    def account(self, path: KeyPath, value: Any, side: Side | None = None) -> Account | None:
        if not isinstance(value, str):
            self.report(path, "an account is written as a string", expected='"chapter.post", e.g. "540.01"',
                        found=_shown(value))
            return None
        try:
            account = Account.parse(value)
        except AccountError as error:
            self.report(path, f"malformed account: {error}", found=repr(value),
                        expected='"chapter.post": chapter 1–5999, post 01–99, e.g. "540.01"')
            return None
        if side is not None and account.side is not side:
            self.report(path, f"{account} is not an {side.value} account", found=repr(value),
                        hint="expense chapters are 1–2999, income chapters 3000–5999")
            return None
        return account

    def required_account(self, path: KeyPath, entry: dict[str, Any], side: Side | None) -> Account | None:
        if "account" not in entry:
            self.report(path, "this row has no `account`", key=True, hint='add account = "540.01"')
            return None
        return self.account((*path, "account"), entry["account"], side)

    def unique(self, table: Table, path: KeyPath) -> Table:
        seen: set[str] = set()
        for row in table.rows:
            if row.key in seen:
                self.problems.append(Problem(
                    f"{table.name}: the row {row.key!r} is given twice", row.location or self.doc.location(path),
                    hint="each account or printed text appears once in a table; merge the two rows",
                    field=_dotted(path)))
            seen.add(row.key)
        return table

    # -- the document -----------------------------------------------------------------
    def report_(self) -> PublishedReport | None:
        data = self.table((), self.doc.data, _TOP, "the file")
        version = data.get("format")
        if version == RAW_FORMAT:
            self.report(("format",), "this is a file of raw inputs (format v1), not a published report",
                        expected=f'format = "{FORMAT}"', found=repr(version),
                        hint="print its statements with `statsbudsjett report FILE`; to verify printed figures, write "
                             f'them in a published report (format = "{FORMAT}") with raw = "<this file>"')
            return None
        if version != FORMAT:
            self.report(("format",) if "format" in data else (), "the file does not say it is a published report"
                        if version is None else f"unknown format {version!r}", expected=f'format = "{FORMAT}"',
                        found=_shown(version) if version is not None else None,
                        hint=f'add format = "{FORMAT}" at the top (raw inputs use "statsbudsjett/1": '
                             "name them with raw = \"inputs.toml\")")
            return None
        agency = self.text(("agency",), data.get("agency"))
        year = data.get("fiscal_year")
        if isinstance(year, bool) or not isinstance(year, int):
            self.report(("fiscal_year",) if "fiscal_year" in data else (), "the file has no valid `fiscal_year`",
                        expected="an integer such as 2021", found=_shown(year) if year is not None else None)
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
            self.note_b(data.get("note_b")),
            self.note_b_income(data.get("note_b_income")),
            self.chargebacks(data.get("chargeback")),
            self.commitments(data.get("commitment")),
            self.object_class(data.get("object_class")),
            self.treasury_overview(data.get("treasury_overview")),
            *self.notes(data.get("note")),
        ]
        links = self.revenue_links(data.get("revenue_authorisation"))
        raw = self.raw(data.get("raw"), year)
        return PublishedReport(agency, year, tuple(t for t in tables if t.rows), tuple(links), raw,
                               source=self.doc.location(()))

    def raw(self, value: Any, year: int) -> AgencyYear | None:
        if value is None:
            return None
        path = ("raw",)
        name = self.text(path, value)
        if not name:
            return None
        file = self.base / name
        if not file.is_file():
            self.report(path, f"the raw inputs file {name!r} does not exist", found=str(file),
                        hint="give the path relative to this file, or remove `raw`")
            return None
        try:
            raw, _ = read_agency_year(file)
        except InputError as error:
            self.problems.extend(error.problems)
            return None
        if raw.fiscal_year != year:
            self.report(path, f"the raw inputs are for {raw.fiscal_year}, the report for {year}",
                        hint="point `raw` at the same year's inputs")
            return None
        return raw

    def line_row(self, path: KeyPath, entry: Any, side: Side) -> Row | None:
        entry = self.table(path, entry, _LINE, f"[[appropriation.{side.value}]]")
        account = self.required_account(path, entry, side)
        cells = self.cells(path, entry, _LINE_AMOUNTS)  # read (and reported) even when the account is not
        if account is None:
            return None
        received = entry.get("received_chargeback", False)
        if not isinstance(received, bool):
            self.report((*path, "received_chargeback"), "received_chargeback is true or false", found=_shown(received))
            received = False
        return Row(str(account), self.text((*path, "text"), entry.get("text")), RowKind.LINE, cells, account=account,
                   note=self.text((*path, "note"), entry.get("note")), received_chargeback=received,
                   chapter_name=self.text((*path, "chapter_name"), entry.get("chapter_name")),
                   location=self.doc.location(path, key=True))

    def appropriation(self, value: Any) -> list[Table]:
        root: KeyPath = ("appropriation",)
        data = self.table(root, value, _APPROPRIATION, "[appropriation]")
        rows: list[Row] = []
        for side, name, total, label in ((Side.EXPENSE, "expense", "expense_total", Labels.EXPENSE_TOTAL),
                                         (Side.INCOME, "income", "income_total", Labels.INCOME_TOTAL)):
            for path, entry in self.tables((*root, name), data.get(name), f"{name} lines"):
                row = self.line_row(path, entry, side)
                if row is not None:
                    rows.append(row)
            if total in data:
                path = (*root, total)
                cells = self.cells(path, self.table(path, data[total], _LINE_AMOUNTS, f"[appropriation.{total}]"),
                                   _LINE_AMOUNTS)
                rows.append(Row(label, label, RowKind.SUM, cells, code=total,
                                location=self.doc.location(path, key=True)))
        if "net_reported" in data:
            path = (*root, "net_reported")
            rows.append(Row(Labels.NET_REPORTED, Labels.NET_REPORTED, RowKind.TOTAL,
                            [("accounted", self.figure(path, data["net_reported"]))], code="net_reported",
                            location=self.doc.location(path, key=True)))
        capital = []
        for path, entry in self.tables((*root, "capital"), data.get("capital"), "capital accounts"):
            entry = self.table(path, entry, ("number", "text", "amount"), "a capital account")
            number = self.text((*path, "number"), entry.get("number"))
            capital.append(Row(number, self.text((*path, "text"), entry.get("text")), RowKind.LINE,
                               self.cells(path, entry, ("amount",)), location=self.doc.location(path, key=True)))
        if "total_reported" in data:
            path = (*root, "total_reported")
            capital.append(Row(Labels.TOTAL_REPORTED, Labels.TOTAL_REPORTED, RowKind.TOTAL,
                               [("amount", self.figure(path, data["total_reported"]))], code="total_reported",
                               location=self.doc.location(path, key=True)))
        holdings = []
        for path, entry in self.tables((*root, "holding"), data.get("holding"), "holdings"):
            entry = self.table(path, entry, ("number", "text", "closing", "opening", "change"), "a holding")
            holdings.append(Row(self.text((*path, "number"), entry.get("number")),
                                self.text((*path, "text"), entry.get("text")), RowKind.LINE,
                                self.cells(path, entry, ("closing", "opening", "change")),
                                location=self.doc.location(path, key=True)))
        return [
            self.unique(Table(APPROPRIATION, _LINE_AMOUNTS, tuple(rows)), root),
            self.unique(Table(CAPITAL, ("amount",), tuple(capital)), (*root, "capital")),
            self.unique(Table(HOLDINGS, ("closing", "opening", "change"), tuple(holdings)), (*root, "holding")),
        ]

    def account_rows(self, name: str, value: Any, columns: Sequence[str], side: Side,
                     extra: Callable[[KeyPath, dict[str, Any], Account], dict[str, Any]] | None = None,
                     allowed: Sequence[str] = ()) -> list[Row]:
        rows = []
        for path, entry in self.tables((name,), value, name):
            entry = self.table(path, entry, ("account", *allowed, *columns), f"a [[{name}]] row")
            account = self.required_account(path, entry, side)
            cells = self.cells(path, entry, columns)  # read (and reported) even when the account is not
            if account is None:
                continue
            details = extra(path, entry, account) if extra else {}
            rows.append(Row(str(account), str(account), RowKind.LINE, cells, account=account,
                            location=self.doc.location(path, key=True), **details))
        return rows

    def note_a(self, data: dict[str, Any]) -> Table:
        rows = self.account_rows(NOTE_A, data.get("note_a"), _NOTE_A, Side.EXPENSE)
        if "note_a_total" in data:
            path: KeyPath = ("note_a_total",)
            entry = self.table(path, data["note_a_total"], _NOTE_A, "[note_a_total]")
            rows.append(Row(Labels.SUM, Labels.SUM, RowKind.SUM, self.cells(path, entry, _NOTE_A),
                            code="total", location=self.doc.location(path, key=True)))
        return self.unique(Table(NOTE_A, _NOTE_A, tuple(rows)), (NOTE_A,))

    def note_b(self, value: Any) -> Table:
        def keywords(path: KeyPath, entry: dict[str, Any], account: Account) -> dict[str, Any]:
            text = self.text((*path, "keywords"), entry.get("keywords"))
            try:
                return {"keywords": parse_keywords(text, chapter=account.chapter) if text.strip() else Keywords()}
            except KeywordError as error:
                self.report((*path, "keywords"), str(error), found=_shown(text),
                            expected="the stikkord as printed, e.g. \"kan overføres\"")
                return {}

        rows = self.account_rows(NOTE_B, value, _NOTE_B, Side.EXPENSE, keywords, ("keywords",))
        return self.unique(Table(NOTE_B, _NOTE_B, tuple(rows)), (NOTE_B,))

    def note_b_income(self, value: Any) -> Table:
        rows = self.account_rows(NOTE_B_INCOME, value, _NOTE_B_INCOME, Side.INCOME)
        return self.unique(Table(NOTE_B_INCOME, _NOTE_B_INCOME, tuple(rows)), (NOTE_B_INCOME,))

    def revenue_links(self, value: Any) -> list[RevenueLink]:
        links = []
        for path, entry in self.tables(("revenue_authorisation",), value, "revenue authorisations"):
            entry = self.table(path, entry, ("income", "expense"), "a [[revenue_authorisation]]")
            sides = {}
            for name, side in (("income", Side.INCOME), ("expense", Side.EXPENSE)):
                values = entry.get(name)
                values = [values] if isinstance(values, str) else values
                if not isinstance(values, list) or not values:
                    example = "3540.03" if name == "income" else "540.01"
                    self.report((*path, name) if name in entry else path, f"the authorisation names no {name} post",
                                key=name not in entry, hint=f'write {name} = ["{example}"]')
                    values = []
                found = [self.account((*path, name, i), v, side) for i, v in enumerate(values)]
                sides[name] = tuple(a for a in found if a is not None)
            if sides["income"] and sides["expense"]:
                links.append(RevenueLink(sides["income"], sides["expense"], self.doc.location(path, key=True)))
        return links

    def chargebacks(self, value: Any) -> Table:
        rows = []
        for path, entry in self.tables((CHARGEBACKS,), value, "chargebacks"):
            entry = self.table(path, entry, ("direction", "account", "counterparty", "used", "limit"),
                               "a [[chargeback]]")
            try:
                direction = Direction(entry.get("direction"))
            except ValueError:
                self.report((*path, "direction") if "direction" in entry else path,
                            "a chargeback is given or received", expected='direction = "given" or "received"',
                            found=_shown(entry.get("direction")), key="direction" not in entry)
                continue
            account = self.required_account(path, entry, None)
            if account is None:
                continue
            rows.append(Row(f"{direction.value} {account}", self.text((*path, "counterparty"),
                            entry.get("counterparty")), RowKind.LINE, self.cells(path, entry, ("used", "limit")),
                            code=direction.value, account=account, location=self.doc.location(path, key=True)))
        return self.unique(Table(CHARGEBACKS, ("used", "limit"), tuple(rows)), (CHARGEBACKS,))

    def commitments(self, value: Any) -> Table:
        rows = []
        for path, entry in self.tables((COMMITMENTS,), value, "commitment authorisations"):
            entry = self.table(path, entry, ("kind", "account", "limit", "commitments"), "a [[commitment]]")
            try:
                kind = CommitmentKind(entry.get("kind"))
            except ValueError:
                self.report((*path, "kind") if "kind" in entry else path, "unknown kind of commitment authorisation",
                            expected='kind = "grant" (tilsagnsfullmakt) or "order" (bestillingsfullmakt)',
                            found=_shown(entry.get("kind")), key="kind" not in entry)
                continue
            account = self.required_account(path, entry, Side.EXPENSE)
            if account is None:
                continue
            rows.append(Row(f"{kind.value} {account}", "", RowKind.LINE,
                            self.cells(path, entry, ("limit", "commitments")), code=kind.value, account=account,
                            location=self.doc.location(path, key=True)))
        return self.unique(Table(COMMITMENTS, ("limit", "commitments"), tuple(rows)), (COMMITMENTS,))

    @property
    def years(self) -> tuple[str, str]:
        return str(self.year), str(self.year - 1)

    def object_class(self, value: Any) -> Table:
        if value is None:
            return Table(OBJECT_CLASS, self.years)
        path: KeyPath = (OBJECT_CLASS,)
        data = self.table(path, value, [line.key for line in OBJECT_CLASS_LINES], "[object_class]")
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
        data = self.table(path, value, ("line", "total", "total_text"), "[treasury_overview]")
        rows = self.lines((*path, "line"), data.get("line"), self.years, "")
        if "total" in data:
            label = self.text((*path, "total_text"), data.get("total_text"), Labels.TREASURY_TOTAL)
            rows.append(Row(label, label, RowKind.TOTAL, self.amounts((*path, "total"), data["total"], self.years),
                            code="total", location=self.doc.location((*path, "total"), key=True)))
        return self.unique(Table(TREASURY_OVERVIEW, self.years, tuple(rows),
                                 "Oversikt over mellomværende med statskassen"), path)

    def lines(self, path: KeyPath, value: Any, columns: Sequence[str], section: str) -> list[Row]:
        rows = []
        for line_path, entry in self.tables(path, value, "lines"):
            entry = self.table(line_path, entry, ("text", "amounts"), "a line")
            text = self.text((*line_path, "text"), entry.get("text"))
            if "amounts" not in entry:
                self.report(line_path, "the line has no `amounts`", key=True, hint="add amounts = [2021, 2020 figures]")
                continue
            rows.append(Row(f"{section}: {text}" if section else text, text, RowKind.LINE,
                            self.amounts((*line_path, "amounts"), entry["amounts"], columns), section=section,
                            location=self.doc.location(line_path, key=True)))
        return rows

    def total_row(self, path: KeyPath, data: dict[str, Any], columns: Sequence[str], section: str,
                  kind: RowKind) -> Row | None:
        if "total" not in data:
            return None
        label = self.text((*path, "total_text"), data.get("total_text"), Labels.SUM)
        explains = self.text((*path, "explains"), data.get("explains"))
        codes = [line.key for line in OBJECT_CLASS_LINES]
        if explains and explains not in codes:
            close = difflib.get_close_matches(explains, codes, n=1)
            self.report((*path, "explains"), f"`{explains}` is not a line of the artskontorapportering",
                        expected="one of " + ", ".join(codes), hint=f"did you mean `{close[0]}`?" if close else None)
            explains = ""
        return Row(f"{section}: {label}" if section else label, label, kind,
                   self.amounts((*path, "total"), data["total"], columns), section=section, explains=explains,
                   code="total" if kind is RowKind.TOTAL else "",
                   location=self.doc.location((*path, "total"), key=True))

    def notes(self, value: Any) -> list[Table]:
        tables = []
        for path, entry in self.tables(("note",), value, "notes"):
            data = self.table(path, entry, ("number", "title", "kind", "line", "section", "total", "total_text",
                                            "explains"), "a [[note]]")
            number = data.get("number")
            if isinstance(number, bool) or not isinstance(number, int):
                self.report((*path, "number") if "number" in data else path, "the note has no number",
                            key="number" not in data, expected="number = 1 (the note's number as printed)")
                continue
            kind_name = data.get("kind", "note")
            if kind_name not in ("note", "reconciliation"):
                self.report((*path, "kind"), f"unknown kind of note {kind_name!r}",
                            expected='"note" (year columns) or "reconciliation" (avregning vs mellomværende)')
                continue
            kind = TableKind.RECONCILIATION if kind_name == "reconciliation" else TableKind.NOTE
            columns = RECONCILIATION_COLUMNS if kind is TableKind.RECONCILIATION else self.years
            rows = self.lines((*path, "line"), data.get("line"), columns, "")
            sections = self.tables((*path, "section"), data.get("section"), "sections")
            if rows and sections:
                self.report((*path, "line"), "the note has both lines and sections", key=True,
                            hint="put the lines in a [[note.section]] of their own")
            for section_path, section in sections:
                section = self.table(section_path, section, ("title", "line", "total", "total_text", "explains"),
                                     "a [[note.section]]")
                title = self.text((*section_path, "title"), section.get("title")) or f"{len(rows) + 1}"
                rows.extend(self.lines((*section_path, "line"), section.get("line"), columns, title))
                total = self.total_row(section_path, section, columns, title, RowKind.SUM)
                if total is not None:
                    rows.append(total)
            total = self.total_row(path, data, columns, "", RowKind.TOTAL)
            if total is not None:
                rows.append(total)
            tables.append(self.unique(Table(f"note_{number}", columns, tuple(rows),
                                            self.text((*path, "title"), data.get("title")), kind,
                                            self.doc.location(path, key=True)), path))
        return tables


def _dotted(path: KeyPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value)


def _file_order(problem: Problem) -> tuple[str, int, int]:
    location = problem.location
    return (location.file or "", location.line or 0, location.column or 0)


def __getattr__(name: str) -> Any:
    """``dump_published`` moved to :mod:`.published_writer`; the old import keeps working, with a warning."""
    if name == "dump_published":
        import warnings

        from .published_writer import dump_published

        warnings.warn("import dump_published from statsbudsjett.io.published_writer; "
                      "statsbudsjett.io.published_reader only reads", DeprecationWarning, stacklevel=2)
        return dump_published
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
