"""The history and the chain of each post: Note B of year t becomes Note A of year t+1."""

from __future__ import annotations

import pytest

from history_cases import M, account, agency_year, five_years
from statsbudsjett import Money, UsageError
from statsbudsjett.history import History, post_chains
from statsbudsjett.rules import TransferKind

kr = Money.kroner


@pytest.fixture(scope="module")
def history() -> History:
    return five_years()


@pytest.fixture(scope="module")
def chains(history):
    return {chain.account.post: chain for chain in post_chains(history)}


def test_a_history_is_consecutive_years_in_order():
    history = History([agency_year(2023), agency_year(2021), agency_year(2022)])
    assert history.fiscal_years == (2021, 2022, 2023)
    assert (history.first, history.last, history.agency) == (2021, 2023, "Testetaten")
    assert 2022 in history and 2024 not in history


@pytest.mark.parametrize(("years", "message"), [
    ([], "at least one fiscal year"),
    ([2021, 2021], "2021 twice"),
    ([2021, 2023], "no fiscal year between 2021 and 2023"),
])
def test_a_history_refuses_gaps_and_repeats(years, message):
    with pytest.raises(UsageError, match=message):
        History([agency_year(t) for t in years])


def test_the_cap_uses_last_years_allocation_from_the_history(history):
    """The 2022 file gives no previous_allocated: the history fills in 2021's allocations."""
    assert history.raw(2022).own_expense[2].previous_allocated is None
    assert history.year(2022).own_expense[2].previous_allocated == kr(20 * M)
    # 1234.45 in 2022: årets 5 mill. + fjorårets 20 mill. + omdisponering 1 mill.
    assert history.note_b(2022)["1234.45"].max_transferable == kr(26 * M)
    # the first year keeps what its file says
    assert history.note_b(2021)["1234.45"].max_transferable == kr(38 * M)


def test_a_post_new_this_year_had_no_allocation_last_year():
    figures = {2022: {1: (0, 100 * M, 100 * M), 45: (0, 5 * M, 2 * M)}}
    plain = {"advances": {}, "savings": {}, "to_investment": {}}
    history = History([agency_year(2021, {1: (0, 100 * M, 100 * M)}, **plain),
                       agency_year(2022, figures[2022], **plain)])
    assert history.year(2022).own_expense[1].previous_allocated == Money(0)
    assert history.note_b(2022)["1234.45"].max_transferable == kr(5 * M)


def test_the_chain_of_a_five_percent_post(chains):
    post = chains[1]
    assert [y.fiscal_year for y in post.years] == [2021, 2022, 2023, 2024, 2025]
    y2021 = post[2021]
    assert y2021.kind is TransferKind.FIVE_PERCENT
    assert (y2021.carried_in, y2021.allocated, y2021.accounted) == (Money(0), kr(100 * M), kr(101 * M))
    assert y2021.adjustments == kr(2 * M)  # the forskuttering, Note B column E
    assert (y2021.basis, y2021.max_transferable, y2021.transferable) == (kr(M), kr(5 * M), kr(M))
    assert (y2021.applied, y2021.decided, y2021.carried_out, y2021.lapsed) == (kr(M), kr(M), kr(M), Money(0))
    # 2022: omdisponering −1 mill. and innsparing −0.5 mill.; carried into 2023 as decided
    assert post[2022].adjustments == kr(-1_500_000)
    assert (post[2022].basis, post[2022].carried_out) == (kr(500_000), kr(500_000))
    # 2024: an overspend on a 5 %-post is not carried: nothing transferable, the overspend lapses
    assert (post[2024].basis, post[2024].transferable) == (kr(-200_000), None)
    assert (post[2024].carried_out, post[2024].lapsed) == (Money(0), kr(-200_000))


def test_the_last_year_is_carried_as_decided_or_not_known_yet(chains):
    assert chains[1][2025].carried_out is None and chains[1][2025].lapsed is None
    decided = five_years(transfer_overrides={(2025, 1): (None, 0)})
    assert post_chains(decided)[0][2025].carried_out == Money(0)


def test_a_decision_lower_than_applied_for_leaves_the_rest_to_lapse(chains):
    y2021 = chains[45][2021]
    assert (y2021.transferable, y2021.applied, y2021.decided) == (kr(14 * M), kr(14 * M), kr(12 * M))
    assert (y2021.carried_out, y2021.lapsed) == (kr(12 * M), kr(2 * M))


def test_a_negative_transfer_on_a_kan_overfores_post(chains):
    assert chains[21][2021].transferable == kr(-M)
    assert chains[21][2022].carried_in == kr(-M)


def test_a_post_without_transfer_lapses_in_full(chains):
    assert all(y.kind is TransferKind.NONE for y in chains[70].years)
    assert [y.lapsed for y in chains[70].years[:4]] == [kr(100_000)] * 4


def test_a_post_that_leaves_the_agency_carries_nothing():
    history = History([agency_year(2021), agency_year(2022, {1: (M, 100 * M, 99 * M)}, to_investment={})])
    assert post_chains(history)[2][2021].carried_out == Money(0)  # 1234.45 is gone in 2022
    assert [c.account for c in post_chains(history)] == [account(1), account(21), account(45), account(70)]


def test_asking_for_a_year_outside_the_history(history):
    with pytest.raises(UsageError, match="2021–2025, not 2020"):
        history.raw(2020)
    assert history.line(2020, account(1)) is None
    with pytest.raises(KeyError, match="no tildeling in 2019"):
        post_chains(history)[0][2019]
