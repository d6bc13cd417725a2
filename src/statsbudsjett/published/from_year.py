"""The printed figures of an agency-year: its statements as a :class:`PublishedReport`.

What a report would print, computed from raw inputs: the bevilgningsrapportering (with
capital accounts and holdings), Note A, Note B with its income sub-table, and the
fullmakter the checks need. Figures are rounded to whole kroner as printed (or kept
exact with ``exact=True``); cells follow DFØ's layout, as :mod:`statsbudsjett.io.tables`
prints them: "-" for nothing in the bevilgningsrapportering and Note A, an empty cell in
Note B, and no transfer columns where nothing may be transferred.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import AgencyYear
from ..money import Money
from ..rules import parameters_for
from ..statements.allocation_note import compute_note_a
from ..statements.appropriation import AppropriationLine, LineTotal, compute_appropriation_report
from ..statements.explained import cell_terms
from ..statements.transfer_note import compute_note_b
from ..validation import require_valid
from .keys import authorisation_keys
from .report import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    COMMITMENTS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_COLUMNS,
    NOTE_B_INCOME,
    Figure,
    Labels,
    PublishedReport,
    RevenueLink,
    Row,
    RowKind,
    Table,
)

__all__ = ["publish"]

_LINE_COLUMNS = ("total_allocation", "accounted", "difference")


def publish(year: AgencyYear, *, exact: bool = False, complete: bool = False) -> PublishedReport:
    """The figures an annual report prints for ``year``, rounded to whole kroner (``exact``: øre kept).

    Where nothing may be transferred, DFØ's layout leaves Note B's G–I empty; ``complete`` fills
    G and H anyway, the figures a report may print there (verify compares them when printed).

    The report carries ``year`` as its raw inputs, so that verify also compares raw → printed.

    >>> from statsbudsjett import load_example
    >>> report = publish(load_example())
    >>> report.figure(report.table("note_b").cell(report.table("note_b").rows[0], "max_transferable")).value
    Money('8221150.00')
    """

    def figure(amount: Money | None, zero: str) -> Figure | None:
        """A cell as printed; ``zero`` is how the table prints nothing: "-", "0" or "" (left empty)."""
        if amount is None:
            return None
        value = amount if exact else Money.kroner(amount.round_kroner())
        if value or zero == "0":
            return Figure(value)
        return Figure(None, dash=True) if zero == "-" else None

    def cells(zero: str, **amounts: Money | None) -> list[tuple[str, Figure]]:
        return [(c, f) for c, a in amounts.items() if (f := figure(a, zero)) is not None]

    params = parameters_for(year.fiscal_year, year.rules)
    require_valid(year, params)  # once for the three statements it prints
    report = compute_appropriation_report(year)
    keywords = {line.account: line.keywords for line in year.own_posts}  # Note B is per post

    def line(row: AppropriationLine) -> Row:
        return Row(str(row.account), row.text, RowKind.LINE, cells(
            "-", total_allocation=row.total_allocation, accounted=row.accounted, difference=row.difference),
            account=row.account, note=row.note, chapter_name=row.chapter_name,
            received_chargeback=row.received_chargeback)

    def total(label: str, code: str, sums: LineTotal) -> Row:
        return Row(label, label, RowKind.SUM, cells("-", total_allocation=sums.total_allocation,
                                                    accounted=sums.accounted, difference=sums.difference), code=code)

    appropriation = Table(APPROPRIATION, _LINE_COLUMNS, (
        *(line(r) for r in report.expense), total(Labels.EXPENSE_TOTAL, "expense_total", report.expense_total),
        *(line(r) for r in report.income), total(Labels.INCOME_TOTAL, "income_total", report.income_total),
        Row(Labels.NET_REPORTED, Labels.NET_REPORTED, RowKind.TOTAL, cells("0", accounted=report.net_reported),
            code="net_reported"),
    ))
    capital = Table(CAPITAL, ("amount",), (
        *(Row(c.number, c.text, RowKind.LINE, cells("0", amount=c.amount)) for c in report.capital),
        Row(Labels.TOTAL_REPORTED, Labels.TOTAL_REPORTED, RowKind.TOTAL, cells("0", amount=report.total_reported),
            code="total_reported"),
    ))
    holdings = Table(HOLDINGS, ("closing", "opening", "change"), tuple(
        Row(h.number, h.text, RowKind.LINE, cells("0", closing=h.closing, opening=h.opening, change=h.change))
        for h in report.holdings))

    a = compute_note_a(year)
    rows_a: list[Row] = []
    for lines, sums, label, code in ((a.rows, a.total, Labels.SUM, "total"),
                                     (a.income_rows, a.income_total, Labels.INCOME_SUM, "income_total")):
        if sums is None:
            continue
        rows_a += [Row(str(r.account), str(r.account), RowKind.LINE,
                       cells("-", carried_over=r.carried_over, allocated=r.allocated, total=r.total), account=r.account)
                   for r in lines]
        rows_a.append(Row(label, label, RowKind.SUM, cells("-", carried_over=sums.carried_over,
                                                           allocated=sums.allocated, total=sums.total), code=code))
    table_a = Table(NOTE_A, ("carried_over", "allocated", "total"), tuple(rows_a))

    b = compute_note_b(year, params)
    rows_b = []
    for r in b.rows:
        shown = complete or r.transferable is not None
        transfer = {"basis": r.basis, "transferable": r.transferable} if shown else {}
        cap = r.max_transferable if shown else None  # a cap of 0 is printed: not "no cap"
        row_cells = dict([*cells(
            "", difference=r.difference, spent_by_others=r.spent_by_others,
            difference_after_chargebacks=r.difference_after_chargebacks, revenue=r.revenue,
            reallocation=r.reallocation, savings=r.savings, **transfer,
        ), *cells("0", max_transferable=cap)])
        rows_b.append(Row(str(r.account), str(r.account), RowKind.LINE,
                          [(c, row_cells[c]) for c in NOTE_B_COLUMNS if c in row_cells],
                          account=r.account, keywords=keywords[r.account]))
    table_b = Table(NOTE_B, NOTE_B_COLUMNS, tuple(rows_b))
    table_b_income = Table(NOTE_B_INCOME, ("difference", "received_by_others", "difference_after_chargebacks"), tuple(
        Row(str(r.account), str(r.account), RowKind.LINE, cells(
            "", difference=r.difference, received_by_others=r.received_by_others,
            difference_after_chargebacks=r.difference_after_chargebacks), account=r.account)
        for r in b.income_rows))

    chargeback_keys = authorisation_keys((c.direction.value, c.account, c.counterparty) for c in year.chargebacks)
    chargebacks = Table(CHARGEBACKS, ("used", "limit"), tuple(
        Row(key, c.counterparty, RowKind.LINE,
            cells("0", used=c.used, limit=c.limit), code=c.direction.value, account=c.account)
        for key, c in zip(chargeback_keys, year.chargebacks, strict=True)))
    commitment_keys = authorisation_keys((c.kind.value, c.account, "") for c in year.commitments)
    commitments = Table(COMMITMENTS, ("limit", "commitments"), tuple(
        Row(key, "", RowKind.LINE, cells("0", limit=c.limit, commitments=c.commitments),
            code=c.kind.value, account=c.account)
        for key, c in zip(commitment_keys, year.commitments, strict=True)))
    links = tuple(RevenueLink(r.income, r.expense) for r in year.revenue_authorisations)
    tables: Iterable[Table] = (appropriation, capital, holdings, table_a, table_b, table_b_income, chargebacks,
                               commitments)
    return PublishedReport(year.agency, year.fiscal_year, tuple(t for t in tables if t.rows), links, raw=year,
                           terms=cell_terms(report, a, b))
