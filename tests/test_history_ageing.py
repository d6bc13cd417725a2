"""Ageing of «kan overføres» money: first in, first out; older than the window lapses."""

from __future__ import annotations

import pytest

from history_cases import M, five_years, with_carried
from statsbudsjett import Money
from statsbudsjett.history import age_chain, post_chains

kr = Money.kroner


def ageing(history, post):
    chain = next(c for c in post_chains(history) if c.account.post == post)
    return {year.fiscal_year: year for year in age_chain(chain)}


def layers(year):
    """(allocation year, opening, added, used, closing, expired, carried) in kroner."""
    return [(la.allocation_year, *(None if v is None else v.round_kroner()
                                   for v in (la.opening, la.added, la.used, la.closing, la.expired, la.carried)))
            for la in year.layers]


@pytest.fixture(scope="module")
def post_45():
    return ageing(five_years(), 45)


def test_money_carried_into_the_first_year_counts_as_last_years_allocation(post_45):
    # 4 mill. carried in, spent first; the rest of the 2021 allocation is carried as decided (12 of 14)
    assert layers(post_45[2021]) == [(2020, 4 * M, 0, 4 * M, 0, 0, 0), (2021, 0, 20 * M, 6 * M, 14 * M, 0, 12 * M)]
    assert post_45[2021].lapsed == kr(2 * M)  # not granted


def test_spending_takes_the_oldest_money_first(post_45):
    # 2022: 2 mill. spent from the 2021 money; the omdisponering adds to the year's own layer
    assert layers(post_45[2022]) == [(2021, 12 * M, 0, 2 * M, 10 * M, 0, 10 * M), (2022, 0, 6 * M, 0, 6 * M, 0, 6 * M)]


def test_money_older_than_the_window_lapses(post_45):
    """Into 2024 only the allocations of 2023 and 2022 may be carried: 7 mill. of 2021 lapse."""
    year = post_45[2023]
    assert year.oldest_carriable == 2022
    assert layers(year) == [(2021, 10 * M, 0, 3 * M, 7 * M, 7 * M, 0), (2022, 6 * M, 0, 0, 6 * M, 0, 5 * M),
                            (2023, 0, 5 * M, 0, 5 * M, 0, 5 * M)]
    assert (year.closing, year.expired, year.carriable) == (kr(18 * M), kr(7 * M), kr(11 * M))
    # decided 10 mill., carried from the newest money first; 1 mill. of 2022 is not carried
    assert [la.not_carried for la in year.layers] == [Money(0), kr(M), Money(0)]
    assert (year.carried_out, year.lapsed) == (kr(10 * M), kr(8 * M))


def test_next_year_opens_with_the_money_carried(post_45):
    assert post_45[2023].carried_layers() == {2022: kr(5 * M), 2023: kr(5 * M)}
    assert [(la.allocation_year, la.opening) for la in post_45[2024].layers] == [
        (2022, kr(5 * M)), (2023, kr(5 * M)), (2024, Money(0))]


def test_the_last_year_is_aged_but_not_yet_carried(post_45):
    year = post_45[2025]
    assert year.closing == kr(4 * M) and year.carried_out is None and year.lapsed is None
    assert all(la.carried is None and la.not_carried is None for la in year.layers)


def test_a_negative_transfer_is_covered_by_next_years_allocation_first():
    post_21 = ageing(five_years(), 21)
    y2021, y2022 = post_21[2021], post_21[2022]
    assert (y2021.closing_deficit, y2021.carried_deficit, y2021.overspent) == (kr(M), kr(M), kr(M))
    assert y2022.opening_deficit == kr(M) and y2022.covered == kr(M) and y2022.closing_deficit == Money(0)
    assert layers(y2022) == [(2022, 0, 10 * M, 9 * M, M, 0, M)]  # 1 mill. covers the deficit, 8 mill. spent
    assert y2022.opening == kr(-M) and y2022.closing == kr(M)


def test_a_deficit_not_carried_is_written_off_as_a_negative_lapse():
    history = five_years(figures=with_carried(2022, 21, 0), transfer_overrides={(2021, 21): (None, None)})
    y2021 = ageing(history, 21)[2021]
    assert (y2021.carried_out, y2021.lapsed) == (Money(0), kr(-M))


def test_money_carried_beyond_the_window_has_no_cover():
    """18 mill. carried from 2023 where the window allows 11: 7 mill. without cover."""
    history = five_years(figures=with_carried(2024, 45, 18 * M), transfer_overrides={(2023, 45): (10 * M, None)})
    post = ageing(history, 45)
    assert (post[2023].carried_out, post[2023].uncovered) == (kr(18 * M), kr(7 * M))
    assert post[2023].lapsed == kr(0)  # 7 expired + 0 not carried − 7 without cover
    # next year counts the money without cover as the year's own, never as older money
    assert post[2023].carried_layers() == {2022: kr(6 * M), 2023: kr(5 * M + 7 * M)}
    assert min(la.allocation_year for la in post[2024].layers) == 2022


def test_ageing_skips_years_without_kan_overfores():
    assert ageing(five_years(), 1) == {} and ageing(five_years(), 70) == {}
