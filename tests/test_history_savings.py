"""Savings schedules after a forskuttering: period and shares of the year the advance was made."""

from __future__ import annotations

from fractions import Fraction

from history_cases import M, account, agency_year, five_years
from statsbudsjett import Money
from statsbudsjett.history import History, fill_savings, savings_plan, scheduled_savings
from statsbudsjett.rules import parameters_for

kr = Money.kroner


def steps(schedule):
    """(year, required, due, saved, cumulative, shortfall) in kroner."""
    return [(s.fiscal_year, *(None if v is None else v.round_kroner()
                              for v in (s.required, s.due, s.saved, s.cumulative, s.shortfall)))
            for s in schedule.years]


def test_an_advance_made_2017_2022_has_five_years_and_only_the_end_requirement():
    schedule = savings_plan(five_years()).schedules[0]
    assert (schedule.advance.fiscal_year, schedule.advance.amount) == (2021, kr(2 * M))
    assert schedule.period == parameters_for(2021).savings_period == 5
    assert schedule.shares[-1] == Fraction(1)
    assert steps(schedule) == [
        (2022, 0, 0, 500_000, 500_000, 0), (2023, 0, 0, 500_000, M, 0), (2024, 0, 0, 500_000, 1_500_000, 0),
        (2025, 0, 0, 500_000, 2 * M, 0), (2026, 2 * M, 0, None, None, None),
    ]
    assert schedule.outstanding == Money(0)


def test_an_advance_made_from_2023_has_three_years_a_third_at_a_time():
    schedule = savings_plan(five_years()).schedules[1]
    assert (schedule.advance.fiscal_year, schedule.period, schedule.shares) == (
        2023, 3, (Fraction(1, 3), Fraction(2, 3), Fraction(1)))
    assert steps(schedule) == [(2024, M, M, M, M, 0), (2025, 2 * M, M, M, 2 * M, 0), (2026, 3 * M, M, None, None, None)]
    assert schedule.outstanding == kr(M)


def test_savings_keep_every_schedule_before_repaying_the_oldest_advance():
    """2024: 1.5 mill. saved on 1234.01 — 1 mill. keeps the 2023 advance at a third, 0.5 mill. repays 2021's."""
    plan = savings_plan(five_years())
    assert [s.saved for s in plan.schedules] == [kr(2 * M), kr(2 * M)]
    assert plan.unmatched == ()


def test_falling_behind_shows_a_shortfall():
    history = five_years(savings={2024: {1: 600_000}, 2025: {1: 1_500_000}})
    schedule = savings_plan(history).schedules[1]
    assert steps(schedule)[:2] == [(2024, M, M, 600_000, 600_000, 400_000),
                                   (2025, 2 * M, 1_400_000, 1_400_000, 2 * M, 0)]


def test_a_three_year_advance_before_2017():
    years = [agency_year(t, {1: (0, 100 * M, 100 * M)}, advances={2014: (1, 3 * M)}, to_investment={},
                         savings={2015: {1: M}, 2016: {1: M}}) for t in (2014, 2015, 2016)]
    schedule = savings_plan(History(years)).schedules[0]
    assert (schedule.period, steps(schedule)[-1]) == (3, (2017, 3 * M, M, None, None, None))


def test_savings_with_no_advance_to_repay():
    history = five_years(savings={2022: {1: 500_000, 21: 250_000}, 2023: {1: 500_000}, 2024: {1: 1_500_000},
                                  2025: {1: 3 * M}})
    unmatched = [(u.fiscal_year, u.account, u.amount) for u in savings_plan(history).unmatched]
    assert unmatched == [(2022, account(21), kr(250_000)), (2025, account(1), kr(500_000))]


def test_the_schedule_sets_the_innsparinger_column():
    history = five_years(savings={})
    # nothing saved: the 2023 advance needs a third each year; the 2021 advance only by 2026
    assert scheduled_savings(history) == {(2024, account(1)): kr(M), (2025, account(1)): kr(2 * M)}  # catch up
    filled = fill_savings(history)
    assert [(s.account, s.amount) for s in filled.raw(2024).savings] == [(account(1), kr(M))]
    assert filled.note_b(2025)["1234.01"].savings == kr(-M)
    assert savings_plan(filled).schedules[1].outstanding == kr(M)


def test_filling_keeps_recorded_savings():
    history = five_years()
    filled = fill_savings(history)
    assert [y.savings for y in filled.years] == [y.savings for y in history.years]
