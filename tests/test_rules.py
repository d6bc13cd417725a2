"""The transfer rules and year parameters: which posts transfer, the caps, negatives, years, sources."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import attrs
import pytest

from statsbudsjett.model import ExpenseLine
from statsbudsjett.money import Money
from statsbudsjett.rules import (
    PARAMETERS,
    SOURCES,
    TRANSFER_RULES,
    Evidence,
    RuleYearError,
    TransferKind,
    parameters_for,
    rule_for,
)
from statsbudsjett.rules.parameters import YearParameters, documentation

PARAMS = parameters_for(2021)


def post(account: str, keywords: str = "", **values: object) -> ExpenseLine:
    values.setdefault("allocated", 1_000_000)
    return ExpenseLine.with_keywords(account, keywords, **values)


@pytest.mark.parametrize(
    ("account", "keywords", "rule_id", "kind"),
    [
        ("540.01", "", "transfer.five-percent", TransferKind.FIVE_PERCENT),
        ("540.21", "", "transfer.five-percent", TransferKind.FIVE_PERCENT),
        ("540.29", "", "transfer.five-percent", TransferKind.FIVE_PERCENT),
        ("540.01", "kan nyttes under post 21", "transfer.five-percent", TransferKind.FIVE_PERCENT),
        ("540.24", "", "transfer.excluded-post", TransferKind.NONE),
        ("540.21", "kan overføres", "transfer.can-transfer", TransferKind.CAN_TRANSFER),
        ("540.01", "overslagsbevilgning", "transfer.estimate", TransferKind.NONE),
        ("540.70", "overslagsbevilgning", "transfer.estimate", TransferKind.NONE),
        ("540.70", "kan overføres, overslagsbevilgning", "transfer.can-transfer", TransferKind.CAN_TRANSFER),
        ("540.24", "kan overføres", "transfer.can-transfer", TransferKind.CAN_TRANSFER),
        ("540.45", "kan overføres", "transfer.can-transfer", TransferKind.CAN_TRANSFER),
        ("540.30", "", "transfer.none", TransferKind.NONE),
        ("540.45", "", "transfer.none", TransferKind.NONE),
        ("540.71", "", "transfer.none", TransferKind.NONE),
        ("540.99", "kan nyttes under post 1", "transfer.none", TransferKind.NONE),
    ],
)
def test_each_post_gets_the_right_rule(account, keywords, rule_id, kind):
    rule = rule_for(post(account, keywords), PARAMS)
    assert (rule.id, rule.kind) == (rule_id, kind)


def test_five_percent_cap_is_on_this_years_allocation_only():
    line = post("540.01", allocated=164_423_000, carried_over=2_551_000, previous_allocated=150_000_000)
    rule = rule_for(line, PARAMS)
    assert rule.cap(line, PARAMS, Money.kroner(500_000)).value == Money.kroner(8_221_150)  # Digdir 540.01


def test_five_percent_cap_rounds_to_the_ore():
    line = post("540.01", allocated="10.10")
    assert rule_for(line, PARAMS).cap(line, PARAMS, Money(0)).value == Money(51)  # 50,5 øre → 51 øre


def test_can_transfer_cap_is_this_and_last_years_allocation_plus_reallocation_in():
    line = post("540.45", "kan overføres", allocated=3_000_000, previous_allocated=2_000_000)
    rule = rule_for(line, PARAMS)
    assert rule.cap(line, PARAMS, Money(0)).value == Money.kroner(5_000_000)
    assert rule.cap(line, PARAMS, Money.kroner(500_000)).value == Money.kroner(5_500_000)


def test_can_transfer_cap_is_not_shown_when_last_years_allocation_is_unknown():
    line = post("540.21", "kan overføres", allocated=44_634_000)
    assert rule_for(line, PARAMS).cap(line, PARAMS, Money.kroner(1)).value is None


def test_no_transfer_posts_have_no_cap_and_no_transfer():
    for line in (post("540.45"), post("540.24"), post("540.01", "overslagsbevilgning")):
        rule = rule_for(line, PARAMS)
        assert rule.cap(line, PARAMS, Money(0)).value is None
        for basis in (Money.kroner(100), Money(0), Money.kroner(-100)):
            assert rule.transferable(basis, None, PARAMS).value is None


def test_five_percent_transfer_is_the_lesser_of_basis_and_cap_and_never_negative():
    rule = rule_for(post("540.01"), PARAMS)
    cap = Money.kroner(8_221_150)
    assert rule.transferable(Money.kroner(1_362_035), cap, PARAMS).value == Money.kroner(1_362_035)  # Digdir 540.01
    assert rule.transferable(Money.kroner(9_000_000), cap, PARAMS).value == cap
    assert rule.transferable(Money(0), cap, PARAMS).value == Money(0)
    assert rule.transferable(Money(-1), cap, PARAMS).value is None  # Digdir 540.22: basis −177 101, left empty


def test_can_transfer_carries_a_negative_basis():
    rule = rule_for(post("540.29", "kan overføres"), PARAMS)
    assert rule.transferable(Money.kroner(-1_392_279), None, PARAMS).value == Money.kroner(-1_392_279)  # Digdir 540.29
    assert rule.transferable(Money.kroner(-1), Money.kroner(5), PARAMS).value == Money.kroner(-1)
    assert rule.transferable(Money.kroner(91_964_392), None, PARAMS).value == Money.kroner(91_964_392)
    assert rule.transferable(Money.kroner(6_000_000), Money.kroner(5_500_000), PARAMS).value == Money.kroner(5_500_000)


def test_negative_basis_is_carried_only_by_the_can_transfer_rule():
    carrying = {rule.id for rule in TRANSFER_RULES if rule.carries_negative}
    assert carrying == {"transfer.can-transfer"}


# -- years ---------------------------------------------------------------------------------
@pytest.mark.parametrize("year", range(2006, 2027))
def test_parameters_cover_2006_to_2026(year):
    params = parameters_for(year)
    assert params.covers(year)
    assert params.five_percent_share == Fraction(5, 100)
    assert params.five_percent_posts == range(1, 30)
    assert params.five_percent_excluded_posts == {24}
    assert params.transferable_years == 2
    assert (params.reallocation_from_post, params.reallocation_to_post) == (1, 45)
    assert params.advance_posts == {1, 21}
    assert len(params.savings_minimum) == params.savings_period
    assert params.savings_minimum[-1] == 1


@pytest.mark.parametrize(("year", "period"), [(2006, 3), (2016, 3), (2017, 5), (2022, 5), (2023, 3), (2026, 3)])
def test_savings_period_by_year(year, period):
    assert parameters_for(year).savings_period == period


@pytest.mark.parametrize("year", [1999, 2005, 2027, 2100])
def test_years_outside_the_table_are_refused(year):
    with pytest.raises(RuleYearError, match=f"cover fiscal years 2006–2026, not {year}.*add a row"):
        parameters_for(year)


def test_parameter_rows_are_contiguous_without_overlap():
    for earlier, later in pairwise(PARAMETERS):
        assert earlier.first <= earlier.last
        assert later.first == earlier.last + 1


# -- sources -------------------------------------------------------------------------------
def test_every_rule_cites_a_known_source():
    assert len({rule.id for rule in TRANSFER_RULES}) == len(TRANSFER_RULES)
    for rule in TRANSFER_RULES:
        assert rule.sources, rule.id
        assert all(SOURCES[s.id] is s for s in rule.sources), rule.id
        assert rule.title


def test_every_parameter_carries_its_sources_and_evidence():
    """Every field of YearParameters but the year range is a rule parameter with sources and a tag."""
    names = [f.name for f in attrs.fields(YearParameters) if f.name not in ("first", "last")]
    documented = {parameter.name: parameter for parameter in documentation()}
    assert sorted(documented) == sorted(names)
    for parameter in documented.values():
        assert parameter.sources, parameter.name
        assert all(SOURCES[s.id] is s for s in parameter.sources), parameter.name
        assert isinstance(parameter.evidence, Evidence) and parameter.note, parameter.name


def test_the_last_rule_decides_every_remaining_post():
    last = TRANSFER_RULES[-1]
    assert last.kind is TransferKind.NONE
    assert all(last.applies(post(f"540.{p:02d}"), PARAMS) for p in (1, 30, 99))
