"""Savings schedules after a forskuttering (innsparing), RULES.md § 6.2.

An advance in year t — overskridelse of post 01 or 21 til investeringsformål mot
tilsvarende innsparing — must be saved back on the same post in the following budget
years: at least ``savings_minimum[k−1]`` of it in total by the end of year t+k, all of
it by the end of the period (kgl.res. 13.01.2017, S8). Period and shares are those of
the year the advance was *made* (three years; five for advances made 2017–2022; three
again from 2023, S5).

A year's savings on a post go first to keep every earlier advance on the post at its
minimum for the year (oldest advance first), and the rest repays the oldest advance
still open: a saving never makes one advance fall behind while it repays another early.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

import attrs
from attrs import frozen

from ..account import Account
from ..errors import Location
from ..model import ReallocationKind, Saving
from ..money import Money
from ..reprs import field_repr
from ..rules import parameters_for
from .history import History

__all__ = [
    "Advance",
    "SavingsPlan",
    "SavingsSchedule",
    "ScheduleYear",
    "UnmatchedSaving",
    "fill_savings",
    "savings_plan",
    "scheduled_savings",
]

ZERO = Money(0)


@frozen
class Advance:
    """A forskuttering: post 01/21 exceeded in ``fiscal_year`` against later savings."""

    __repr__ = field_repr

    fiscal_year: int
    account: Account
    amount: Money
    source: Location | None = None


@frozen
class ScheduleYear:
    """One year of a savings schedule."""

    __repr__ = field_repr

    fiscal_year: int
    required: Money  # minst samlet innspart ved utløpet av året (cumulative minimum)
    due: Money  # the minimum to save this year when the years before kept the schedule
    saved: Money | None  # innspart i år on this advance (None: the year is not in the history)
    cumulative: Money | None  # samlet innspart (None: not in the history)

    @property
    def shortfall(self) -> Money | None:
        """How far cumulative savings fall behind the schedule (zero when on schedule)."""
        if self.cumulative is None:
            return None
        return max(self.required - self.cumulative, ZERO)


@frozen
class SavingsSchedule:
    """The schedule of one advance: period and shares of the year it was made."""

    __repr__ = field_repr

    advance: Advance
    period: int  # innsparingsperiode in years
    shares: tuple[Fraction, ...]  # cumulative minimum shares at the end of each year
    years: tuple[ScheduleYear, ...]

    @property
    def saved(self) -> Money:
        """Saved on this advance within the history."""
        return Money.total(y.saved or ZERO for y in self.years)

    @property
    def outstanding(self) -> Money:
        """Not yet saved (within the history)."""
        return self.advance.amount - self.saved


@frozen
class UnmatchedSaving:
    """Savings with no advance in the history left to repay."""

    __repr__ = field_repr

    fiscal_year: int
    account: Account
    amount: Money
    source: Location | None = None


@frozen
class SavingsPlan:
    __repr__ = field_repr

    schedules: tuple[SavingsSchedule, ...]
    unmatched: tuple[UnmatchedSaving, ...]


def _advances(history: History) -> list[Advance]:
    return [
        Advance(year.fiscal_year, r.target, r.amount, r.source)
        for year in history.years
        for r in year.reallocations
        if r.kind is ReallocationKind.ADVANCE
    ]


def savings_plan(history: History) -> SavingsPlan:
    """Every advance's schedule with the savings that repay it, and savings that repay nothing."""
    advances = _advances(history)
    # repaid[advance index][year]: what the savings of that year repaid on the advance
    repaid: list[dict[int, Money]] = [defaultdict(lambda: ZERO) for _ in advances]
    unmatched = []
    for year in history.years:
        by_account: dict[Account, list[Saving]] = defaultdict(list)
        for saving in year.savings:
            by_account[saving.account].append(saving)
        for account, savings in by_account.items():
            amount = Money.total(s.amount for s in savings)
            open_advances = [i for i, a in enumerate(advances)  # made in year order: oldest first
                             if a.account == account and a.fiscal_year < year.fiscal_year]
            for keep_schedule in (True, False):
                for index in open_advances:
                    advance, saved = advances[index], Money.total(repaid[index].values())
                    target = _required(advance, year.fiscal_year) if keep_schedule else advance.amount
                    take = min(max(target - saved, ZERO), amount)
                    if take > ZERO:
                        repaid[index][year.fiscal_year] += take
                        amount -= take
            if amount > ZERO:
                unmatched.append(UnmatchedSaving(year.fiscal_year, account, amount, savings[0].source))
    schedules = tuple(_schedule(history, advance, repaid[i]) for i, advance in enumerate(advances))
    return SavingsPlan(schedules, tuple(unmatched))


def _required(advance: Advance, fiscal_year: int) -> Money:
    """The cumulative minimum saved on the advance by the end of ``fiscal_year``."""
    shares = parameters_for(advance.fiscal_year).savings_minimum  # the rules of the year it was made
    k = fiscal_year - advance.fiscal_year
    if k < 1:
        return ZERO
    return advance.amount.times(shares[min(k, len(shares)) - 1])


def _schedule(history: History, advance: Advance, repaid: dict[int, Money]) -> SavingsSchedule:
    params = parameters_for(advance.fiscal_year)  # the rules of the year the advance was made
    shares = params.savings_minimum
    years = []
    cumulative = ZERO  # saved so far; beyond the history, assumed to keep the schedule
    for k in range(1, params.savings_period + 1):
        fiscal_year = advance.fiscal_year + k
        required = _required(advance, fiscal_year)
        due = max(required - cumulative, ZERO)
        if fiscal_year in history:
            saved = repaid.get(fiscal_year, ZERO)
            cumulative += saved
            years.append(ScheduleYear(fiscal_year, required, due, saved, cumulative))
        else:
            cumulative += due
            years.append(ScheduleYear(fiscal_year, required, due, None, None))
    return SavingsSchedule(advance, params.savings_period, shares, tuple(years))


def scheduled_savings(history: History) -> dict[tuple[int, Account], Money]:
    """The minimum each post must save each year of the history to keep every schedule
    (Note B *Innsparinger* as the schedule sets it), by (fiscal year, account)."""
    due: dict[tuple[int, Account], Money] = defaultdict(lambda: ZERO)
    for schedule in savings_plan(history).schedules:
        for step in schedule.years:
            if step.fiscal_year in history and step.due:
                due[(step.fiscal_year, schedule.advance.account)] += step.due
    return dict(due)


def fill_savings(history: History) -> History:
    """The history with Note B *Innsparinger* filled from the schedules: a post that has no
    ``[[saving]]`` in a year where a schedule makes a saving due gets the minimum due."""
    filled = history
    for fiscal_year in history.fiscal_years:
        year = filled.raw(fiscal_year)
        recorded = {s.account for s in year.savings}
        own = {line.account for line in year.own_posts}
        added = [
            Saving(account, amount)
            for (due_year, account), amount in sorted(scheduled_savings(filled).items())
            if due_year == fiscal_year and account not in recorded and account in own
        ]
        if added:
            years = tuple(attrs.evolve(y, savings=y.savings + tuple(added)) if y.fiscal_year == fiscal_year else y
                          for y in filled.years)
            filled = attrs.evolve(filled, years=years)
    return filled
