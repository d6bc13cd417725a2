"""A published report's tables laid out as printed: the figures of a :class:`PublishedReport` as :class:`TableLayout` s.

What :mod:`statsbudsjett.io.tables` does for the statements computed from raw inputs, this
does for the figures a report prints (read from a published-report file, or made by
:func:`~statsbudsjett.published.publish`): DFØ's headings, the rows in printed order, each
figure as printed — an amount, ``"-"`` or an empty cell — and every cell keyed
``(table, row key, column)``, the :class:`~statsbudsjett.findings.CellRef` of its findings.
The bevilgningsrapportering's lines are split into its expense and income tables, and Note
A's into expenses and income, as DFØ prints them. Printed labels (posttekst, sum lines,
the notes' lines) stay as printed; the headings follow ``language``.

A row with the key ``""`` and no figure at all is the heading of a section of a note (its
title); :func:`is_heading` tells it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ..account import Side
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
    PublishedReport,
    Row,
    RowKind,
    Table,
    TableKind,
)
from .tables import Cell, Language, TableLayout, label

__all__ = ["is_heading", "published_tables"]

# Headings DFØ's statements do not have (the fullmakter stated in the text, the notes).
_OWN: Final[dict[str, tuple[str, str]]] = {
    "chargebacks": ("Belastningsfullmakter", "Chargeback authorisations"),
    "commitments": ("Tilsagns- og bestillingsfullmakter", "Commitment authorisations"),
    "direction": ("Fullmakt", "Authorisation"),
    "given": ("Avgitt belastningsfullmakt", "Chargeback authorisation given"),
    "received": ("Mottatt belastningsfullmakt", "Chargeback authorisation received"),
    "grant": ("Tilsagnsfullmakt", "Grant authorisation"),
    "order": ("Bestillingsfullmakt", "Order authorisation"),
    "counterparty": ("Motpart", "Counterparty"),
    "used": ("Brukt", "Used"),
    "limit": ("Ramme", "Limit"),
    "commitments_column": ("Samlet ansvar", "Commitments"),
    "object_class": ("Oppstilling av artskontorapporteringen", "Statement by object class"),
    "treasury_overview": ("Oversikt over mellomværende med statskassen", "Balance with the treasury"),
    "line": ("Linje", "Line"),
    "booked": ("Bokført avregning", "Booked settlement"),
    "reported": ("Rapportert mellomværende", "Reported balance"),
    "difference": ("Forskjell", "Difference"),
    "note": ("Note {number}", "Note {number}"),
}
_NOTE_B_HEADINGS: Final = ("b_difference", "b_spent_by_others", "b_after", "b_revenue", "b_reallocation",
                           "b_savings", "b_basis", "b_max", "b_transferable")
_NOTE_B_INCOME_HEADINGS: Final = ("b_income_difference", "b_received_by_others", "b_income_after")


def published_tables(report: PublishedReport, language: Language = Language.NORWEGIAN) -> list[TableLayout]:
    """Every table of ``report`` as printed, in DFØ's order, keyed for its findings."""
    year = report.fiscal_year

    def L(key: str) -> str:
        return label(key, language, year=year, previous=year - 1)

    def O(key: str, **values: object) -> str:  # noqa: E743 - one letter, as L
        return _OWN[key][language is Language.ENGLISH].format(**values)

    layouts: list[TableLayout] = []
    appropriation = report.table(APPROPRIATION)
    for side, chapter_key, difference_key in ((Side.EXPENSE, "expense_chapter", "expense_difference"),
                                              (Side.INCOME, "income_chapter", "income_difference")):
        rows = [r for r in appropriation.rows if _side(r) is side]
        if rows:
            headers = (L(chapter_key), L("chapter_name"), L("post"), L("post_text"), L("note"),
                       L("total_allocation"), L("accounted"), L(difference_key))
            title = L("appropriation") if side is Side.EXPENSE else ""
            layouts.append(_layout(appropriation, rows, title, headers,
                                   lambda r: _appropriation_text(r, L("chargeback_suffix"))))
    capital = report.table(CAPITAL)
    if capital.rows:
        layouts.append(_layout(capital, capital.rows, L("capital_accounts"), (L("account_number"), L("text"),
                                                                              L("amount")), _number_and_text))
    holdings = report.table(HOLDINGS)
    if holdings.rows:
        layouts.append(_layout(holdings, holdings.rows, L("holdings"),
                               (L("account_number"), L("text"), L("closing"), L("opening"), L("change")),
                               _number_and_text))
    note_a = report.table(NOTE_A)
    for side, title in ((Side.EXPENSE, "note_a"), (Side.INCOME, "note_a_income")):
        rows = [r for r in note_a.rows if _side(r, income_code="income_total") is side]
        if rows:
            layouts.append(_layout(note_a, rows, L(title), (L("chapter_and_post"), L("carried_over"),
                                                            L("allocated"), L("total_allocation")), _post))
    note_b = report.table(NOTE_B)
    if note_b.rows:
        layouts.append(_layout(note_b, note_b.rows, L("note_b"),
                               (L("chapter_and_post"), L("keywords"), *(L(k) for k in _NOTE_B_HEADINGS)),
                               lambda r: (*_post(r), str(r.keywords))))
    note_b_income = report.table(NOTE_B_INCOME)
    if note_b_income.rows:
        layouts.append(_layout(note_b_income, note_b_income.rows, L("b_income"),
                               (L("chapter_and_post"), *(L(k) for k in _NOTE_B_INCOME_HEADINGS)), _post))
    chargebacks = report.table(CHARGEBACKS)
    if chargebacks.rows:
        layouts.append(_layout(chargebacks, chargebacks.rows, O("chargebacks"),
                               (O("direction"), L("chapter_and_post"), O("counterparty"), O("used"), O("limit")),
                               lambda r: (O(r.code), *_post(r), r.label)))
    commitments = report.table(COMMITMENTS)
    if commitments.rows:
        layouts.append(_layout(commitments, commitments.rows, O("commitments"),
                               (O("direction"), L("chapter_and_post"), O("limit"), O("commitments_column")),
                               lambda r: (O(r.code), *_post(r))))
    for name in (OBJECT_CLASS, TREASURY_OVERVIEW):
        table = report.table(name)
        if table.rows:
            layouts.append(_note_layout(table, table.title or O(name), O("line")))
    for note in report.notes:
        title = " ".join(filter(None, (O("note", number=note.name.removeprefix("note_")) + ":", note.title)))
        columns = tuple(O(c) for c in note.columns) if note.kind is TableKind.RECONCILIATION else None
        layouts.append(_note_layout(note, title.rstrip(":"), O("line"), columns))
    return layouts


def is_heading(table: TableLayout, row: int) -> bool:
    """Row ``row`` of ``table`` is a section's heading: no key and no figure (a note printed in sections)."""
    return (not table.row_keys[row] and bool(table.row_keys)
            and all(table.rows[row][i] is None for i in table.amount_columns))


def _side(row: Row, income_code: str = "income_total") -> Side:
    """The side of the statement a row is printed on: its account's, or for a sum line its code's."""
    if row.account is not None:
        return row.account.side
    return Side.INCOME if row.code in (income_code, "net_reported") else Side.EXPENSE


def _post(row: Row) -> tuple[Cell]:
    """Kapittel og post as DFØ prints it in the notes (``54001``); a sum line its label."""
    return (row.account.compact if row.account is not None else row.label,)


def _number_and_text(row: Row) -> tuple[Cell, Cell]:
    """A capital account or holding: its number and text; a total its label."""
    return (row.key, row.label) if row.kind is RowKind.LINE else (row.label, "")


def _appropriation_text(row: Row, chargeback_suffix: str) -> tuple[Cell, ...]:
    if row.account is None:  # a sum line: its label in the first column
        return (row.label, "", "", "", "")
    account = row.account
    post = f"{account.post:02d}" + (f".{account.underpost:02d}" if account.underpost else "")
    name = row.chapter_name + (chargeback_suffix if row.received_chargeback else "")
    return (str(account.chapter), name, post, row.label, row.note)


def _printed(figure: Figure) -> Cell:
    """A figure as printed: its amount, ``"-"`` for a dash, ``None`` for an empty cell."""
    if figure.value is not None:
        return figure.value
    return "-" if figure.dash else None


def _layout(table: Table, rows: Sequence[Row], title: str, headers: Sequence[str],
            texts: Callable[[Row], tuple[Cell, ...]]) -> TableLayout:
    """The rows of ``table``: their text columns (``texts`` of a row), then the table's figures."""
    body = [(*texts(row), *(_printed(row.as_printed(row[c])) for c in table.columns)) for row in rows]
    width = len(headers) - len(table.columns)
    return TableLayout(title, tuple(headers), tuple(body), tuple(r.kind for r in rows), "0",
                       frozenset(range(width, len(headers))), (), table.name, tuple(r.key for r in rows),
                       (None,) * width + tuple(table.columns))


def _note_layout(table: Table, title: str, line: str, columns: Sequence[str] | None = None) -> TableLayout:
    """A table of printed lines and sums by column (years, or a reconciliation's three), sections headed."""
    body: list[tuple[Cell, ...]] = []
    kinds: list[RowKind] = []
    keys: list[str] = []
    section = ""
    for row in table.rows:
        if row.section and row.section != section:
            body.append((row.section, *(None for _ in table.columns)))
            kinds.append(RowKind.LINE)
            keys.append("")  # a section's heading: no figures
        section = row.section
        body.append((row.label, *(_printed(row[c]) for c in table.columns)))
        kinds.append(row.kind)
        keys.append(row.key)
    headers = (line, *(columns or table.columns))
    return TableLayout(title, headers, tuple(body), tuple(kinds), "0", frozenset(range(1, len(headers))), (),
                       table.name, tuple(keys), (None, *table.columns))
