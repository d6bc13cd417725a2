"""Properties of any generated history: money is conserved post by post and year by year, and
no post ever carries «kan overføres» money older than the two-year window."""

from __future__ import annotations

from hypothesis import given

from statsbudsjett import Money
from statsbudsjett.history import History, age_chain, post_chains
from statsbudsjett.model import ReallocationKind
from statsbudsjett.rules import parameters_for
from strategies import histories

ZERO = Money(0)


def adjustments_from_records(history: History, fiscal_year: int, account) -> Money:
    """Note B columns E and F from the year's records (the generated years have no chargebacks or revenue)."""
    year = history.raw(fiscal_year)
    moved_in = Money.total(r.amount for r in year.reallocations if r.target == account)
    moved_out = Money.total(r.amount for r in year.reallocations
                            if r.kind is ReallocationKind.TO_INVESTMENT and r.origin == account)
    saved = Money.total(s.amount for s in year.savings if s.account == account)
    return moved_in - moved_out - saved


@given(histories())
def test_money_is_conserved_per_post_year_by_year(history):
    """carried in + allocated + adjustments − accounted − lapsed − carried out = 0, where for
    «kan overføres» the lapsed money is added up from the ageing's allocation years."""
    for chain in post_chains(history):
        ageing = {year.fiscal_year: year for year in age_chain(chain)}
        for link in chain.years:
            assert link.adjustments == adjustments_from_records(history, link.fiscal_year, chain.account)
            if link.carried_out is None:
                continue
            lapsed = ageing[link.fiscal_year].lapsed if link.fiscal_year in ageing else link.lapsed
            assert lapsed is not None
            flow = link.carried_in + link.allocated + link.adjustments - link.accounted - lapsed - link.carried_out
            assert flow == ZERO, (chain.account, link.fiscal_year)
            if link.fiscal_year + 1 in history:  # what leaves year t is what enters year t+1
                following = history.line(link.fiscal_year + 1, chain.account)
                assert link.carried_out == (following.carried_over or ZERO if following else ZERO)


@given(histories())
def test_no_post_carries_kan_overfores_money_older_than_the_window(history):
    for chain in post_chains(history):
        links = {link.fiscal_year: link for link in chain.years}
        previous = None
        for year in age_chain(chain):
            window = parameters_for(year.fiscal_year).transferable_years
            assert year.oldest_carriable == year.fiscal_year - window + 1
            for index, layer in enumerate(year.layers):
                assert min(layer.opening, layer.used, layer.closing, layer.expired) >= ZERO
                if layer.used:  # first in, first out: every older allocation was spent before this one
                    assert all(not older.closing for older in year.layers[:index])
                if layer.opening and previous is not None:  # carried in: within last year's window
                    assert layer.allocation_year >= previous.oldest_carriable
                if layer.carried:  # carried out: within this year's window
                    assert layer.carried > ZERO and layer.allocation_year >= year.oldest_carriable
                if layer.allocation_year >= year.oldest_carriable:
                    assert not layer.expired
            # the balance by allocation year adds up to Note B's sum grunnlag for overføring
            assert year.closing == links[year.fiscal_year].basis
            assert year.opening == links[year.fiscal_year].carried_in
            carried = Money.total(year.carried_layers().values()) - (year.carried_deficit or ZERO)
            if year.carried_out is not None:
                assert carried == year.carried_out
            previous = year if year.carried_out is not None else None
