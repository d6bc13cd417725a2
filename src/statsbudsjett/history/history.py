"""One agency's fiscal years in a row, with the transfer decisions between them.

The history is the unit the cross-year rules need: Note B of year t uses the
allocation of year t−1 for the «kan overføres» cap, Note A of year t+1 carries what was
decided from year t, and savings after a forskuttering run over several years.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

import attrs
from attrs import field, frozen

from ..account import Account
from ..errors import UsageError
from ..model import AgencyYear, ExpenseLine
from ..money import Money
from ..reprs import field_repr
from ..statements import NoteB, note_b
from .transfers import Transfers

__all__ = ["History"]


def _years(values: Iterable[AgencyYear]) -> tuple[AgencyYear, ...]:
    return tuple(sorted(values, key=lambda y: y.fiscal_year))


@frozen
class History:
    """An agency's fiscal years (regnskapsår) in order, one per year and without gaps,
    with the :class:`~statsbudsjett.history.transfers.Transfers` applied for and decided.

    ``years`` keep the inputs as read; :meth:`year` gives a year as the history sees it.
    """

    __repr__ = field_repr

    years: tuple[AgencyYear, ...] = field(converter=_years)
    transfers: Transfers = field(factory=Transfers)
    _lines: dict[tuple[int, Account], ExpenseLine] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not self.years:
            raise UsageError("a history needs at least one fiscal year")
        numbers = [y.fiscal_year for y in self.years]
        for before, after in pairwise(numbers):
            if after == before:
                raise UsageError(f"the history has fiscal year {after} twice")
            if after != before + 1:
                raise UsageError(f"the history has no fiscal year between {before} and {after}; "
                                 "the chain of transfers needs every year")
        lines = {(y.fiscal_year, line.account): line for y in self.years for line in y.own_posts}
        object.__setattr__(self, "_lines", lines)

    @property
    def agency(self) -> str:
        """The agency's name in the latest year (an agency may be renamed)."""
        return self.years[-1].agency

    @property
    def fiscal_years(self) -> tuple[int, ...]:
        return tuple(y.fiscal_year for y in self.years)

    @property
    def first(self) -> int:
        return self.years[0].fiscal_year

    @property
    def last(self) -> int:
        return self.years[-1].fiscal_year

    def __contains__(self, fiscal_year: object) -> bool:
        return isinstance(fiscal_year, int) and self.first <= fiscal_year <= self.last

    def raw(self, fiscal_year: int) -> AgencyYear:
        """The year exactly as read from its file."""
        if fiscal_year not in self:
            raise UsageError(f"the history covers {self.first}–{self.last}, not {fiscal_year}")
        return self.years[fiscal_year - self.first]

    def year(self, fiscal_year: int) -> AgencyYear:
        """The year as the history sees it: where the year before is in the history, every own
        post's *fjorårets tildeling* (``previous_allocated``) is that year's *årets tildelinger*
        on the post (zero for a post the agency had no tildeling on), so that the «kan
        overføres» cap uses the actual allocations of t and t−1 (R-1/99, S11)."""
        current = self.raw(fiscal_year)
        if fiscal_year - 1 not in self:
            return current
        before = self.previous_allocations(fiscal_year)
        lines = tuple(
            attrs.evolve(line, previous_allocated=before.get(line.account, Money(0))) if line.is_own else line
            for line in current.expense
        )
        return attrs.evolve(current, expense=lines)

    def previous_allocations(self, fiscal_year: int) -> dict[Account, Money]:
        """Årets tildelinger per own post in the year before ``fiscal_year`` (empty before the history)."""
        if fiscal_year - 1 not in self:
            return {}
        return {line.account: line.allocated or Money(0) for line in self.raw(fiscal_year - 1).own_posts}

    def note_b(self, fiscal_year: int) -> NoteB:
        """Note B of the year, with the «kan overføres» cap from the history's allocations."""
        return note_b(self.year(fiscal_year))

    def line(self, fiscal_year: int, account: Account) -> ExpenseLine | None:
        """The own expense post ``account`` in ``fiscal_year`` (``None`` when the agency has none)."""
        return self._lines.get((fiscal_year, account))

    def accounts(self) -> tuple[Account, ...]:
        """Every own expense post of any year, in account order."""
        return tuple(sorted({account for _, account in self._lines}))
