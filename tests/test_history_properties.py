"""Properties of any generated history, stated over its raw inputs: money is conserved post by post
and year by year, and no post ever carries «kan overføres» money older than the two-year window.

The chain (history/chain.py) defines ``adjustments = G − A`` and ``lapsed = G − carried out``, and
reads ``carried out`` from next year's Note A: an identity over the chain's own figures holds by
construction. These properties compare the chain and the ageing with the years' inputs instead —
the lines, the records, next year's *overført fra i fjor* and the recorded decisions.
"""

from __future__ import annotations

from hypothesis import given

from statsbudsjett import Money
from statsbudsjett.account import Account
from statsbudsjett.history import History, age_chain, post_chains
from statsbudsjett.model import AgencyYear, Direction, ExpenseLine
from statsbudsjett.rules import parameters_for
from strategies import histories

ZERO = Money(0)


def own_line(history: History, fiscal_year: int, account: Account) -> ExpenseLine | None:
    """The post as given in the year's inputs (searched in the raw lines, not the history's index)."""
    return next((line for line in history.raw(fiscal_year).expense if line.account == account and line.is_own), None)


def adjustments_from_records(history: History, fiscal_year: int, account: Account) -> Money:
    """Note B columns B, E and F from the year's records (the generated years have no revenue)."""
    year = history.raw(fiscal_year)
    moved_in = Money.total(r.amount for r in year.reallocations if r.target == account)
    moved_out = Money.total(r.amount for r in year.reallocations if r.origin == account)
    saved = Money.total(s.amount for s in year.savings if s.account == account)
    charged = Money.total(c.used for c in year.chargebacks if c.direction is Direction.GIVEN and c.account == account)
    return moved_in - moved_out - saved - charged


def balance_from_inputs(history: History, fiscal_year: int, account: Account) -> Money:
    """What is left on the post at 31.12: overført fra i fjor + årets tildelinger − regnskap + adjustments."""
    line = own_line(history, fiscal_year, account)
    assert line is not None
    return ((line.carried_over or ZERO) + (line.allocated or ZERO) - line.accounted
            + adjustments_from_records(history, fiscal_year, account))


def carried_into_next_year(history: History, fiscal_year: int, account: Account) -> Money | None:
    """Next year's overført fra i fjor on the post (0 when it has no tildeling then); after the last
    year, the decided transfer when one is recorded."""
    if fiscal_year + 1 in history:
        following = own_line(history, fiscal_year + 1, account)
        return ZERO if following is None else following.carried_over or ZERO
    transfer = next((t for t in history.transfers if (t.fiscal_year, t.account) == (fiscal_year, account)), None)
    return None if transfer is None else transfer.decided


def flow_from_inputs(history: History, fiscal_year: int, account: Account) -> Money:
    """What the year itself adds to the post: årets tildelinger + adjustments − regnskap."""
    line = own_line(history, fiscal_year, account)
    assert line is not None
    return (line.allocated or ZERO) - line.accounted + adjustments_from_records(history, fiscal_year, account)


def runs_of_years(years: list[int]) -> list[list[int]]:
    """Consecutive years in which the post has a tildeling."""
    runs: list[list[int]] = []
    for year in years:
        if runs and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return runs


@given(histories())
def test_money_is_conserved_per_post_year_by_year(history):
    """Each year: balance at 31.12 (from the inputs) = carried into t+1 (its Note A, or the decision
    after the last year) + lapsed, for the chain's lapsed and, on «kan overføres», the ageing's (added
    up from its allocation years). Over a run of years: Σ lapsed = carried in at its start + Σ what
    each year added − carried out at its end."""
    for chain in post_chains(history):
        ageing = {year.fiscal_year: year for year in age_chain(chain)}
        for link in chain.years:
            balance = (own_line(history, link.fiscal_year, chain.account).carried_over or ZERO) + flow_from_inputs(
                history, link.fiscal_year, chain.account)
            assert link.basis == balance, (chain.account, link.fiscal_year)
            assert link.adjustments == adjustments_from_records(history, link.fiscal_year, chain.account)
            carried = carried_into_next_year(history, link.fiscal_year, chain.account)
            assert link.carried_out == carried
            if carried is None:
                assert link.lapsed is None
                continue
            assert link.lapsed is not None and carried + link.lapsed == balance
            if link.fiscal_year in ageing:
                aged = ageing[link.fiscal_year]
                assert aged.lapsed is not None and carried + aged.lapsed == balance, (chain.account, link.fiscal_year)
        for run in runs_of_years([link.fiscal_year for link in chain.years]):
            out = carried_into_next_year(history, run[-1], chain.account)
            if out is None:
                continue
            came_in = own_line(history, run[0], chain.account).carried_over or ZERO
            left = came_in + Money.total(flow_from_inputs(history, t, chain.account) for t in run) - out
            assert Money.total(chain[t].lapsed for t in run) == left
            if all(t in ageing for t in run):
                assert Money.total(ageing[t].lapsed for t in run) == left


@given(histories())
def test_no_post_carries_kan_overfores_money_older_than_the_window(history):
    for chain in post_chains(history):
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
            # the balance by allocation year adds up to the inputs: what came in, and what is left at 31.12
            line = own_line(history, year.fiscal_year, chain.account)
            assert line is not None
            assert year.opening == (line.carried_over or ZERO)
            assert year.closing == balance_from_inputs(history, year.fiscal_year, chain.account)
            carried = Money.total(year.carried_layers().values()) - (year.carried_deficit or ZERO)
            expected = carried_into_next_year(history, year.fiscal_year, chain.account)
            if expected is not None:
                assert carried == expected
            previous = year if year.carried_out is not None else None


# -- found by the issue 8 strategies: a negative årets tildeling in the ageing ------------------------------
def test_a_negative_allocation_lowers_the_balance():
    history = _reduced_allocation()
    [chain] = post_chains(history)
    assert chain[2022].basis == Money.kroner(1_400)  # 1 500 carried in, −100 allocated, nothing spent


def test_a_negative_allocation_is_taken_from_the_money_on_the_post_not_reported_as_a_deficit():
    [chain] = post_chains(_reduced_allocation())
    aged = {year.fiscal_year: year for year in age_chain(chain)}[2022]
    assert aged.closing == Money.kroner(1_400)
    for layer in aged.layers:
        assert min(layer.opening, layer.added, layer.used, layer.closing, layer.expired) >= ZERO, layer
    assert aged.closing_deficit == ZERO


def _reduced_allocation() -> History:
    """«kan overføres»: 1 500 kr left from 2021 is carried in; 2022's tildeling is −100 kr (a reduction)."""
    return History([
        AgencyYear("X", 2021, [ExpenseLine.with_keywords("1234.45", "kan overføres", carried_over=1_000,
                                                         allocated=2_000, accounted=1_500)]),
        AgencyYear("X", 2022, [ExpenseLine.with_keywords("1234.45", "kan overføres", carried_over=1_500,
                                                         allocated=-100, accounted=0)]),
    ])
