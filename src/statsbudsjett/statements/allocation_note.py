"""Note A — Forklaring av samlet tildeling (utgifter), R-115 punkt 4.6.2 (S2).

One row per own expense post: overført fra i fjor + årets tildelinger = samlet tildeling.
Belastningsfullmakter do not enter Note A (S2).
"""

from __future__ import annotations

from attrs import frozen

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
    rows: AccountRows[NoteARow]
    total: NoteATotal

    def __getitem__(self, account: str | Account) -> NoteARow:
        return self.rows[account]


def compute_note_a(year: AgencyYear) -> NoteA:
    """Compute Note A from the agency-year's own expense posts, in account order."""
    rows = tuple(
        NoteARow(
            line.account,
            line.carried_over or Money(0),
            line.allocated or Money(0),
            line.total_allocation,
        )
        for line in year.own_expense
    )
    total = NoteATotal(
        Money.total(r.carried_over for r in rows),
        Money.total(r.allocated for r in rows),
        Money.total(r.total for r in rows),
    )
    return NoteA(year.agency, year.fiscal_year, AccountRows(rows), total)
