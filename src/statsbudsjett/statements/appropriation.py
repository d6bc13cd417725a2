"""Oppstilling av bevilgningsrapportering (R-115; RULES.md § 5.2).

Expense lines, *Sum utgiftsført*, income lines, *Sum inntektsført*, *Netto rapportert
til bevilgningsregnskapet*, the capital accounts, *Sum rapportert* and the holdings
reported to the kapitalregnskap.

Line order: the agency's own chapters, then other lines (received chargebacks),
then the common chapters (felleskapitler), each by account. The mer-/mindre column
applies to lines on the agency's own chapters only; felleskapitler and lines under
received chargebacks leave it empty, as DFØ prints them (RULES.md § 11.12, Digdir 2021).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from attrs import frozen

from ..account import Account, Side
from ..errors import UsageError
from ..model import AgencyYear, Direction, ExpenseLine, IncomeLine
from ..money import Money
from .rows import AccountRows

__all__ = [
    "AppropriationLine",
    "AppropriationReport",
    "CapitalLine",
    "Holding",
    "LineTotal",
    "compute_appropriation_report",
]

CHANGE_IN_TREASURY_BALANCE = "Endring i mellomværende med statskassen"


@frozen
class AppropriationLine:
    account: Account
    chapter_name: str  # kapittelnavn
    text: str  # posttekst, with the stikkord as the budget prints them
    note: str  # "A, B", "B" or ""
    total_allocation: Money  # samlet tildeling (0 where the agency has none)
    accounted: Money  # regnskap
    difference: Money | None  # merutgift(−)/mindreutgift, merinntekt/mindreinntekt(−); None: not shown
    received_chargeback: bool  # spent under a mottatt belastningsfullmakt


@frozen
class LineTotal:
    total_allocation: Money
    accounted: Money
    difference: Money


@frozen
class CapitalLine:
    number: str  # e.g. 60090701
    text: str
    amount: Money


@frozen
class Holding:
    number: str
    text: str
    closing: Money  # 31.12 this year
    opening: Money  # 31.12 last year
    change: Money


@frozen
class AppropriationReport:
    agency: str
    fiscal_year: int
    expense: AccountRows[AppropriationLine]
    expense_total: LineTotal  # sum utgiftsført
    income: AccountRows[AppropriationLine]
    income_total: LineTotal  # sum inntektsført
    net_reported: Money  # netto rapportert til bevilgningsregnskapet
    capital: tuple[CapitalLine, ...]  # kapitalkontoer
    total_reported: Money  # sum rapportert (0 when the accounts balance)
    holdings: tuple[Holding, ...]  # beholdninger rapportert til kapitalregnskapet

    def __getitem__(self, account: str | Account) -> AppropriationLine:
        try:
            key = Account.parse(account)
        except ValueError as error:
            raise UsageError(str(error)) from None
        return self.expense[key] if key.side is Side.EXPENSE else self.income[key]


LineT = TypeVar("LineT", ExpenseLine, IncomeLine)


def _order(lines: Iterable[LineT], own_chapters: set[int]) -> list[LineT]:
    def key(line: LineT) -> tuple[int, Account]:
        if line.account.chapter in own_chapters:
            return (0, line.account)
        return (2 if line.account.is_common else 1, line.account)

    return sorted(lines, key=key)


def _total(rows: Sequence[AppropriationLine]) -> LineTotal:
    return LineTotal(
        Money.total(r.total_allocation for r in rows),
        Money.total(r.accounted for r in rows),
        Money.total(r.difference for r in rows if r.difference is not None),
    )


def compute_appropriation_report(year: AgencyYear) -> AppropriationReport:
    """Compute the bevilgningsrapportering of an agency-year."""
    received = {c.account for c in year.chargebacks if c.direction is Direction.RECEIVED}
    given = {c.account for c in year.chargebacks if c.direction is Direction.GIVEN}
    own_expense_chapters = {line.account.chapter for line in year.expense if line.is_own}
    own_income_chapters = {line.account.chapter for line in year.income if line.is_own}

    expense_rows = []
    for line in _order(year.expense, own_expense_chapters):
        own_chapter = line.account.chapter in own_expense_chapters
        allocation = line.total_allocation
        expense_rows.append(AppropriationLine(
            account=line.account,
            chapter_name=year.chapter_name(line.account.chapter),
            text=", ".join(filter(None, (line.text, str(line.keywords)))),
            note="A, B" if own_chapter else ("B" if line.account in received else ""),
            total_allocation=allocation,
            accounted=line.accounted,
            difference=allocation - line.accounted if own_chapter else None,
            received_chargeback=line.account in received,
        ))
    income_rows = []
    for income_line in _order(year.income, own_income_chapters):
        account = income_line.account
        income_rows.append(AppropriationLine(
            account=account,
            chapter_name=year.chapter_name(account.chapter),
            text=income_line.text,
            note=", ".join(filter(None, ("A" if income_line.in_note_a else "",
                                         "B" if account in given or account in received else ""))),
            total_allocation=income_line.allocated or Money(0),
            accounted=income_line.accounted,
            difference=income_line.revenue_difference if account.chapter in own_income_chapters else None,
            received_chargeback=account in received,
        ))

    expense_total, income_total = _total(expense_rows), _total(income_rows)
    net = expense_total.accounted - income_total.accounted
    capital = [CapitalLine(c.number, c.text, c.amount) for c in year.capital_accounts]
    holdings = []
    if year.treasury_balance is not None:
        balance = year.treasury_balance
        capital.append(CapitalLine(balance.number, CHANGE_IN_TREASURY_BALANCE, balance.change))
        holdings.append(Holding(balance.number, balance.text, balance.closing, balance.opening, balance.change))
    return AppropriationReport(
        agency=year.agency,
        fiscal_year=year.fiscal_year,
        expense=AccountRows(tuple(expense_rows)),
        expense_total=expense_total,
        income=AccountRows(tuple(income_rows)),
        income_total=income_total,
        net_reported=net,
        capital=tuple(capital),
        total_reported=net + Money.total(c.amount for c in capital),
        holdings=tuple(holdings),
    )
