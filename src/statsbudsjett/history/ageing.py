"""Ageing of «kan overføres» money: which year's allocation the balance comes from.

Bevilgningsreglementet § 5 lets unused appropriation on a «kan overføres» post be
carried for ``transferable_years`` budget years: into year t+1 only the allocations of
t and t−1 may be carried (R-1/99: "ikke … mer enn sum bevilgninger for årene 1997 og
1998", S11). Money is spent first in, first out: each year's use takes the oldest
allocation first, so the balance at 31.12 is the most recent money. At the year end the
money older than the window lapses (bortfaller); of the rest, what is carried comes from
the newest allocation first, and what is not carried lapses too.

An overspend carried as a negative transfer (negativ overføring) is a deficit that the
next year's allocation covers first.

Assumptions (documented in docs/history.md):

* money carried into the first year of a history is counted as the previous year's
  allocation (the history cannot see older years);
* money carried beyond the balance the window allows has no allocation to come from:
  it is reported (continuity rule ``history.window``) and counted in the next year as the
  allocation of the year it was carried from.
"""

from __future__ import annotations

from attrs import frozen

from ..account import Account
from ..money import Money
from ..reprs import field_repr
from ..rules import parameters_for
from .chain import ChainYear, PostChain

__all__ = ["AgeingYear", "Layer", "age_chain"]

ZERO = Money(0)


@frozen
class Layer:
    """One allocation year's money on a post during one fiscal year (årgang)."""

    __repr__ = field_repr

    allocation_year: int  # the year the money was allocated (tildelingsår)
    opening: Money  # inngående: carried in from last year
    added: Money  # tilført: this year's allocation and other additions (only the year's own layer)
    used: Money  # brukt: spent this year, first in first out (includes covering a carried deficit)
    expired: Money  # bortfalt: older than the window at 31.12
    carried: Money | None  # overført til neste år (None: not known yet)

    @property
    def closing(self) -> Money:
        """Utgående 31.12 = inngående + tilført − brukt."""
        return self.opening + self.added - self.used

    @property
    def not_carried(self) -> Money | None:
        """Within the window but not carried (not applied for or not granted): lapses."""
        if self.carried is None:
            return None
        return self.closing - self.expired - self.carried


@frozen
class AgeingYear:
    """A «kan overføres» post's balance by allocation year through one fiscal year."""

    __repr__ = field_repr

    fiscal_year: int
    account: Account
    oldest_carriable: int  # the oldest allocation year that may be carried into next year
    layers: tuple[Layer, ...]  # oldest first
    opening_deficit: Money  # negative transfer carried in (≥ 0)
    closing_deficit: Money  # overspend at 31.12 after every layer is used (≥ 0)
    carried_out: Money | None  # overført til neste år (None: not known yet)
    uncovered: Money | None  # carried beyond the balance the window allows (≥ 0)

    @property
    def opening(self) -> Money:
        return Money.total(layer.opening for layer in self.layers) - self.opening_deficit

    @property
    def closing(self) -> Money:
        """The balance at 31.12 (= Note B *sum grunnlag for overføring*)."""
        return Money.total(layer.closing for layer in self.layers) - self.closing_deficit

    @property
    def expired(self) -> Money:
        """Bortfalt etter toårsregelen: money older than the window."""
        return Money.total(layer.expired for layer in self.layers)

    @property
    def carriable(self) -> Money:
        """The most the window lets be carried into next year (the cap that follows from ageing)."""
        return self.closing - self.expired

    @property
    def covered(self) -> Money:
        """The negative transfer carried in that this year's money covered (dekket merforbruk)."""
        added = Money.total(layer.added for layer in self.layers)
        return min(self.opening_deficit, added)

    @property
    def overspent(self) -> Money:
        """Spending beyond every layer this year: the new overspend (≥ 0)."""
        return self.closing_deficit - self.opening_deficit + self.covered

    @property
    def carried_deficit(self) -> Money | None:
        """The overspend carried as a negative transfer (≥ 0)."""
        if self.carried_out is None:
            return None
        return max(-self.carried_out, ZERO)

    @property
    def lapsed(self) -> Money | None:
        """Bortfalt: expired money, money within the window not carried, a deficit not carried
        (negative) and money carried without cover (negative)."""
        if self.carried_out is None or self.uncovered is None or self.carried_deficit is None:
            return None
        not_carried = Money.total(layer.not_carried or ZERO for layer in self.layers)
        written_off = self.closing_deficit - self.carried_deficit
        return self.expired + not_carried - written_off - self.uncovered

    def carried_layers(self) -> dict[int, Money]:
        """Next year's opening balance by allocation year (uncovered money counted as this year's)."""
        carried = {layer.allocation_year: layer.carried for layer in self.layers
                   if layer.carried is not None and layer.carried}
        if self.uncovered:
            carried[self.fiscal_year] = carried.get(self.fiscal_year, ZERO) + self.uncovered
        return carried


def age_chain(chain: PostChain) -> tuple[AgeingYear, ...]:
    """The ageing of a post in every year it has «kan overføres», in year order."""
    result: list[AgeingYear] = []
    previous: AgeingYear | None = None
    for link in chain.years:
        if not link.can_transfer:
            previous = None
            continue
        if previous is not None and previous.fiscal_year == link.fiscal_year - 1 and previous.carried_out is not None:
            opening, deficit = previous.carried_layers(), previous.carried_deficit or ZERO
        else:
            opening, deficit = _unknown_origin(link)
        previous = age_year(link, opening, deficit)
        result.append(previous)
    return tuple(result)


def _unknown_origin(link: ChainYear) -> tuple[dict[int, Money], Money]:
    """Money carried in from a year the history does not age: counted as last year's allocation."""
    if link.carried_in > ZERO:
        return {link.fiscal_year - 1: link.carried_in}, ZERO
    return {}, -link.carried_in


def age_year(link: ChainYear, opening: dict[int, Money], opening_deficit: Money) -> AgeingYear:
    """Age one year: cover a carried deficit, spend first in first out, expire, carry newest first."""
    year = link.fiscal_year
    oldest = year - parameters_for(year).transferable_years + 1
    # This year's new money and its use; other Note B columns add to one or the other.
    added = link.allocated + max(link.adjustments, ZERO)
    use = link.accounted + max(-link.adjustments, ZERO)
    if use < ZERO:  # a net refund is money available this year
        added, use = added - use, ZERO
    if added < ZERO:  # a reduction larger than this year's grant takes money already on the post
        added, use = ZERO, use - added
    opening_by_year = dict(opening)
    opening_by_year.setdefault(year, ZERO)
    years = sorted(opening_by_year)
    used = dict.fromkeys(years, ZERO)

    # A negative transfer carried in is covered by this year's money first.
    cover = min(opening_deficit, added)
    used[year] += cover
    deficit = opening_deficit - cover
    for allocation_year in years:  # first in, first out
        available = opening_by_year[allocation_year] + (added if allocation_year == year else ZERO)
        available -= used[allocation_year]
        take = min(available, use)
        used[allocation_year] += take
        use -= take
    deficit += use

    closing = {y: opening_by_year[y] + (added if y == year else ZERO) - used[y] for y in years}
    expired = {y: closing[y] if y < oldest else ZERO for y in years}
    carried: dict[int, Money | None] = dict.fromkeys(years)
    uncovered: Money | None = None
    if link.carried_out is not None:
        remaining = max(link.carried_out, ZERO)
        for y in reversed(years):  # the newest money is carried first
            take = min(closing[y] - expired[y], remaining) if y >= oldest else ZERO
            carried[y] = take
            remaining -= take
        uncovered = remaining
    layers = tuple(
        Layer(y, opening_by_year[y], added if y == year else ZERO, used[y], expired[y], carried[y])
        for y in years
    )
    return AgeingYear(year, link.account, oldest, layers, opening_deficit, deficit, link.carried_out, uncovered)
