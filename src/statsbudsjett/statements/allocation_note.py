"""Note A — Forklaring av samlet tildeling, R-115 punkt 4.6.2 (S2).

One row per own expense line (underposts as the report shows them): overført fra i fjor +
årets tildelinger = samlet tildeling; and, where an agency is given a tildeling on an income
chapter (SDØE's kap. 5440, Petoro 2023), a row per such income line. Belastningsfullmakter
do not enter Note A (S2).
"""

from __future__ import annotations

from attrs import field, frozen

from ..account import Account
from ..model import AgencyYear
from ..money import Money
from .rows import AccountRows

__all__ = ["NoteA", "NoteARow", "compute_note_a"]


@frozen
class NoteARow:
    account: Account  # kapittel og post
    carried_over: Money  # overført fra i fjor
    allocated: Money  # årets tildelinger
    total: Money  # samlet tildeling


@frozen
class NoteATotal:
    carried_over: Money
    allocated: Money
    total: Money


@frozen
class NoteA:
    agency: str
    fiscal_year: int
    rows: AccountRows[NoteARow]  # the own expense lines, underposts as given
    total: NoteATotal
    # Income lines whose samlet tildeling Note A explains (SDØE's kap. 5440), with their own sum.
    income_rows: AccountRows[NoteARow] = field(factory=lambda: AccountRows(()))
    income_total: NoteATotal | None = None

    def __getitem__(self, account: str | Account) -> NoteARow:
        key = Account.parse(account)
        return self.income_rows[key] if key in self.income_rows else self.rows[key]


def _total(rows: tuple[NoteARow, ...]) -> NoteATotal:
    return NoteATotal(Money.total(r.carried_over for r in rows), Money.total(r.allocated for r in rows),
                      Money.total(r.total for r in rows))


def compute_note_a(year: AgencyYear) -> NoteA:
    """Note A: the own expense lines in account order (underposts as given), and the income lines
    whose samlet tildeling it explains; overført fra i fjor + årets tildelinger = samlet tildeling."""
    rows = tuple(NoteARow(line.account, line.carried_over or Money(0), line.allocated or Money(0),
                          line.total_allocation) for line in year.own_expense)
    income = tuple(NoteARow(line.account, Money(0), line.allocated or Money(0), line.allocated or Money(0))
                   for line in sorted(year.income, key=lambda line: line.account) if line.in_note_a)
    return NoteA(year.agency, year.fiscal_year, AccountRows(rows), _total(rows), AccountRows(income),
                 _total(income) if income else None)
