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

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from attrs import field, frozen

from ..account import Account, Side
from ..errors import KeyPath, UsageError
from ..explanation import Term, add, read, read_only
from ..model import AgencyYear, Direction, ExpenseLine, IncomeLine
from ..money import Money
from ..reprs import field_repr
from .names import Labels
from .rows import AccountRows

__all__ = [
    "AppropriationLine",
    "AppropriationReport",
    "CapitalLine",
    "Holding",
    "LineTotal",
    "compute_appropriation_report",
]

CHANGE_IN_TREASURY_BALANCE = Labels.TREASURY_CHANGE


@frozen
class AppropriationLine:
    __repr__ = field_repr

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
    __repr__ = field_repr

    total_allocation: Money
    accounted: Money
    difference: Money


@frozen
class CapitalLine:
    __repr__ = field_repr

    number: str  # e.g. 60090701
    text: str
    amount: Money


@frozen
class Holding:
    __repr__ = field_repr

    number: str
    text: str
    closing: Money  # 31.12 this year
    opening: Money  # 31.12 last year
    change: Money


@frozen
class AppropriationReport:
    __repr__ = field_repr

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
    # How each figure was reached, by (row key, column key) as the published format names the cell:
    # ("540.01", "difference"), ("Sum utgiftsført", "accounted"), ("60090701", "amount").
    terms: Mapping[tuple[str, str], Term] = field(factory=dict, converter=read_only, eq=False, repr=False,
                                   metadata={"json": False})

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


def compute_appropriation_report(year: AgencyYear) -> AppropriationReport:
    """Compute the bevilgningsrapportering of an agency-year; every figure as a term (``terms``)."""
    received = {c.account for c in year.chargebacks if c.direction is Direction.RECEIVED}
    given = {c.account for c in year.chargebacks if c.direction is Direction.GIVEN}
    own_expense_chapters = {line.account.chapter for line in year.expense if line.is_own}
    own_income_chapters = {line.account.chapter for line in year.income if line.is_own}
    terms: dict[tuple[str, str], Term] = {}

    def cells(key: str, total: Term, accounted: Term, difference: Term | None) -> None:
        terms.update({(key, "total_allocation"): total, (key, "accounted"): accounted})
        if difference is not None:
            terms[(key, "difference")] = difference

    expense_rows = []
    for line in _order(year.expense, own_expense_chapters):
        key, own_chapter = str(line.account), line.account.chapter in own_expense_chapters
        total = add("total_allocation", "note_a.total-allocation",
                    (1, _given("carried_over", line.carried_over, ("expense", key, "carried_over"))),
                    (1, _given("allocated", line.allocated, ("expense", key, "allocated"))))
        accounted = read("accounted", line.accounted, ("expense", key, "accounted"))
        difference = (add("difference", "appropriation.line-difference", (1, total), (-1, accounted))
                      if own_chapter else None)
        cells(key, total, accounted, difference)
        expense_rows.append(AppropriationLine(
            account=line.account,
            chapter_name=year.chapter_name(line.account.chapter),
            text=", ".join(filter(None, (line.text, str(line.keywords)))),
            note="A, B" if own_chapter else ("B" if line.account in received else ""),
            total_allocation=_value(total),
            accounted=line.accounted,
            difference=difference.value if difference else None,
            received_chargeback=line.account in received,
        ))
    income_rows = []
    for income_line in _order(year.income, own_income_chapters):
        account = income_line.account
        key = str(account)
        total = _given("allocated", income_line.allocated, ("income", key, "allocated"))
        accounted = read("accounted", income_line.accounted, ("income", key, "accounted"))
        # named as the income table heads it (merinntekt og mindreinntekt), not as the expense side
        difference = (add("income_difference", "appropriation.line-difference", (1, accounted), (-1, total))
                      if account.chapter in own_income_chapters else None)
        cells(key, total, accounted, difference)
        income_rows.append(AppropriationLine(
            account=account,
            chapter_name=year.chapter_name(account.chapter),
            text=income_line.text,
            note=", ".join(filter(None, ("A" if income_line.in_note_a else "",
                                         "B" if account in given or account in received else ""))),
            total_allocation=_value(total),
            accounted=income_line.accounted,
            difference=difference.value if difference else None,
            received_chargeback=account in received,
        ))

    expense_total = _total(Labels.EXPENSE_TOTAL, expense_rows, terms)
    income_total = _total(Labels.INCOME_TOTAL, income_rows, terms)
    net = add("net_reported", "appropriation.net-reported", (1, terms[(Labels.EXPENSE_TOTAL, "accounted")]),
              (-1, terms[(Labels.INCOME_TOTAL, "accounted")]))
    terms[(Labels.NET_REPORTED, "accounted")] = net
    capital = [CapitalLine(c.number, c.text, c.amount) for c in year.capital_accounts]
    capital_terms = [read("amount", c.amount, ("capital_account", i, "amount"))
                     for i, c in enumerate(year.capital_accounts)]
    holdings = []
    if year.treasury_balance is not None:
        balance = year.treasury_balance
        change = add("change", "appropriation.holding-change",
                     (1, read("closing", balance.closing, ("treasury_balance", "closing"))),
                     (-1, read("opening", balance.opening, ("treasury_balance", "opening"))))
        capital.append(CapitalLine(balance.number, CHANGE_IN_TREASURY_BALANCE, _value(change)))
        capital_terms.append(change)
        holdings.append(Holding(balance.number, balance.text, balance.closing, balance.opening, _value(change)))
        terms[(balance.number, "change")] = change
    terms.update({(c.number, "amount"): t for c, t in zip(capital, capital_terms, strict=True)})
    total_reported = add("total_reported", "appropriation.total-reported", (1, net), *((1, t) for t in capital_terms))
    terms[(Labels.TOTAL_REPORTED, "amount")] = total_reported
    return AppropriationReport(
        agency=year.agency,
        fiscal_year=year.fiscal_year,
        expense=AccountRows(tuple(expense_rows)),
        expense_total=expense_total,
        income=AccountRows(tuple(income_rows)),
        income_total=income_total,
        net_reported=_value(net),
        capital=tuple(capital),
        total_reported=_value(total_reported),
        holdings=tuple(holdings),
        terms=terms,
    )


def _given(name: str, value: Money | None, path: KeyPath) -> Term:
    """An optional amount of a line: read at ``path`` when the line gives it, else 0 (not read anywhere)."""
    return read(name, value, path) if value is not None else read(name, Money(0))


def _value(term: Term) -> Money:
    assert term.value is not None  # a sum always has a value
    return term.value


def _total(label: str, rows: Sequence[AppropriationLine], terms: dict[tuple[str, str], Term]) -> LineTotal:
    """A sum line: each column the sum of the lines' figures (appropriation.sum)."""
    sums = {}
    for column in ("total_allocation", "accounted", "difference"):
        parts = [terms[(str(r.account), column)] for r in rows if (str(r.account), column) in terms]
        name = "income_difference" if column == "difference" and label == Labels.INCOME_TOTAL else column
        sums[column] = terms[(label, column)] = add(name, "appropriation.sum", *((1, t) for t in parts))
    return LineTotal(_value(sums["total_allocation"]), _value(sums["accounted"]), _value(sums["difference"]))
