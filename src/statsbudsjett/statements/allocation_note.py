"""Note A — Forklaring av samlet tildeling, R-115 punkt 4.6.2 (S2).

One row per own expense line (underposts as the report shows them): overført fra i fjor +
årets tildelinger = samlet tildeling; and, where an agency is given a tildeling on an income
chapter (SDØE's kap. 5440, Petoro 2023), a row per such income line. Belastningsfullmakter
do not enter Note A (S2).
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import field, frozen

from ..account import Account
from ..explanation import Term, add, read, read_only
from ..model import AgencyYear
from ..money import Money
from ..reprs import field_repr
from .names import Labels
from .rows import AccountRows

__all__ = ["NoteA", "NoteARow", "compute_note_a"]


@frozen
class NoteARow:
    __repr__ = field_repr

    account: Account  # kapittel og post
    carried_over: Money  # overført fra i fjor
    allocated: Money  # årets tildelinger
    total: Money  # samlet tildeling


@frozen
class NoteATotal:
    __repr__ = field_repr

    carried_over: Money
    allocated: Money
    total: Money


@frozen
class NoteA:
    __repr__ = field_repr

    agency: str
    fiscal_year: int
    rows: AccountRows[NoteARow]  # the own expense lines, underposts as given
    total: NoteATotal
    # Income lines whose samlet tildeling Note A explains (SDØE's kap. 5440), with their own sum.
    income_rows: AccountRows[NoteARow] = field(factory=lambda: AccountRows(()))
    income_total: NoteATotal | None = None
    # How each figure was reached, by (row key, column key): ("540.01", "total"), ("Sum", "allocated").
    terms: Mapping[tuple[str, str], Term] = field(factory=dict, converter=read_only, eq=False, repr=False,
                                   metadata={"json": False})

    def __getitem__(self, account: str | Account) -> NoteARow:
        key = Account.parse(account)
        return self.income_rows[key] if key in self.income_rows else self.rows[key]


def _total(label: str, rows: tuple[NoteARow, ...], terms: dict[tuple[str, str], Term]) -> NoteATotal:
    """The sum line: each column the sum of the rows' figures (note_a.sum)."""
    sums = [add(column, "note_a.sum", *((1, terms[(str(r.account), column)]) for r in rows))
            for column in ("carried_over", "allocated", "total")]
    terms.update({(label, column): term for column, term in zip(("carried_over", "allocated", "total"), sums,
                                                                strict=True)})
    return NoteATotal(*(_value(term) for term in sums))


def _value(term: Term) -> Money:
    assert term.value is not None  # a sum always has a value
    return term.value


def compute_note_a(year: AgencyYear) -> NoteA:
    """Note A: the own expense lines in account order (underposts as given), and the income lines
    whose samlet tildeling it explains; overført fra i fjor + årets tildelinger = samlet tildeling."""
    terms: dict[tuple[str, str], Term] = {}

    def row(side: str, account: Account, carried_over: Money | None, allocated: Money | None) -> NoteARow:
        key = str(account)
        carried = read("carried_over", carried_over or Money(0), *([(side, key, "carried_over")] if carried_over
                                                                    is not None else []))
        given = read("allocated", allocated or Money(0), (side, key, "allocated"))
        total = add("total", "note_a.total-allocation", (1, carried), (1, given))
        terms.update({(key, "carried_over"): carried, (key, "allocated"): given, (key, "total"): total})
        return NoteARow(account, _value(carried), _value(given), _value(total))

    rows = tuple(row("expense", line.account, line.carried_over, line.allocated) for line in year.own_expense)
    income = tuple(row("income", line.account, None, line.allocated)
                   for line in sorted(year.income, key=lambda line: line.account) if line.in_note_a)
    return NoteA(year.agency, year.fiscal_year, AccountRows(rows), _total(Labels.SUM, rows, terms),
                 AccountRows(income), _total(Labels.INCOME_SUM, income, terms) if income else None, terms)
