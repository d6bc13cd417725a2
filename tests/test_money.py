"""Money: exact øre, lenient reading, strict refusals, rounding half away from zero."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statsbudsjett.money import MAX_KRONER, Money, MoneyError, round_half_away
from strategies import money

# Every amount the parser accepts: |kroner| < MAX_KRONER.
LARGEST_ORE = MAX_KRONER * 100 - 1
printable_money = money(-LARGEST_ORE, LARGEST_ORE)


# -- round trip ---------------------------------------------------------------------------
@given(printable_money)
def test_format_with_decimals_parses_back_to_the_same_amount(amount):
    assert Money.parse(amount.format(decimals=True)) == amount


@given(printable_money)
def test_typographic_format_parses_back(amount):
    text = amount.format(decimals=True, group="\u202f", minus="\u2212")
    assert Money.parse(text) == amount


@given(st.integers(-(MAX_KRONER - 1), MAX_KRONER - 1))
def test_whole_kroner_format_parses_back(kroner):
    amount = Money.kroner(kroner)
    assert Money.parse(amount.format()) == amount
    assert Money.parse(str(amount)) == amount


@given(printable_money)
def test_str_is_exact(amount):
    assert Money.parse(str(amount)) == amount


# -- reading --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("166719441", 16671944100),
        ("166 719 441,37", 16671944137),
        ("166719441.37", 16671944137),
        ("-8249451", -824945100),
        ("\u22128 249 451", -824945100),  # U+2212 minus sign
        ("\u20138\u00a0249\u00a0451", -824945100),  # en dash, no-break spaces
        ("8\u202f249\u202f451,5", 824945150),  # narrow no-break space, one decimal
        ("+12,05", 1205),
        ("  7  ", 700),
        ("5.", 500),
        ("-0,00", 0),
    ],
)
def test_parse_is_lenient_about_signs_and_separators(text, ore):
    assert Money.parse(text).ore == ore


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,234", "3 decimals"),
        ("1.005", "3 decimals"),
        ("1,234.50", "not an amount"),
        ("1.234,50", "not an amount"),
        ("", "not an amount"),
        ("-", "not an amount"),
        ("--5", "not an amount"),
        ("5-", "not an amount"),
        ("1e3", "not an amount"),
        ("NaN", "not an amount"),
        ("12 kr", "not an amount"),
        ("1_000", "not an amount"),
        ("1 000 000 000 000 000", "larger than any appropriation"),
        ("-1000000000000000,00", "larger than any appropriation"),
    ],
)
def test_parse_refuses_garbage_with_a_reason(text, reason):
    with pytest.raises(MoneyError, match=reason):
        Money.parse(text)


def test_largest_accepted_amount():
    assert Money.parse("999 999 999 999 999,99").ore == LARGEST_ORE
    with pytest.raises(MoneyError, match="larger than any appropriation"):
        Money.kroner(MAX_KRONER)
    assert Money.kroner(MAX_KRONER - 1).ore == (MAX_KRONER - 1) * 100


@pytest.mark.parametrize("value", [1.5, 0.0, float("nan"), True])
def test_floats_and_bools_are_refused_everywhere(value):
    with pytest.raises(MoneyError):
        Money.kroner(value)
    with pytest.raises(MoneyError):
        Money(value)


def test_float_message_says_why_and_how():
    with pytest.raises(MoneyError, match=r'float; floats cannot hold øre exactly.*"1234.50"'):
        Money.kroner(0.1)
    with pytest.raises(MoneyError, match="expected a string"):
        Money.parse(12)  # type: ignore[arg-type]


def test_decimal_input():
    assert Money.kroner(Decimal("1234.5")).ore == 123450
    assert Money.kroner(Decimal("1E+2")).ore == 10000
    with pytest.raises(MoneyError, match="more than two decimals"):
        Money.kroner(Decimal("0.001"))
    with pytest.raises(MoneyError, match="not a finite amount"):
        Money.kroner(Decimal("Infinity"))
    with pytest.raises(MoneyError, match="larger than any appropriation"):
        Money.kroner(Decimal("1E+15"))


# -- rounding -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ore", "kroner"),
    [(50, 1), (-50, -1), (49, 0), (-49, 0), (150, 2), (-150, -2), (249, 2), (250, 3), (-250, -3), (0, 0)],
)
def test_round_kroner_half_away_from_zero(ore, kroner):
    assert Money(ore).round_kroner() == kroner


def test_format_prints_whole_kroner_as_dfo_does():
    assert Money.kroner(1_092_268_000).format() == "1 092 268 000"
    assert Money.kroner(-8_249_451).format() == "-8 249 451"
    assert Money(-49).format() == "0"  # no "-0"
    assert Money(-50).format() == "-1"
    assert Money(123450).format(decimals=True) == "1 234,50"
    assert Money(-5).format(decimals=True) == "-0,05"
    assert Money(-123450).format(group="\u00a0", minus="\u2212") == "\u22121\u00a0235"
    assert str(Money(123450)) == "1 234,50"
    assert str(Money(123400)) == "1 234"


@pytest.mark.parametrize(
    ("ore", "share", "expected"),
    [
        (16442300000, Fraction(5, 100), 822115000),  # 5 % × 164 423 000 kr (Digdir 540.01)
        (1010, Fraction(5, 100), 51),  # 50,5 øre → 51
        (-1010, Fraction(5, 100), -51),  # −50,5 øre → −51
        (1030, Fraction(5, 100), 52),  # 51,5 øre → 52
        (1, Fraction(1, 2), 1),
        (-1, Fraction(1, 2), -1),
        (1, Fraction(-1, 2), -1),
        (10, Fraction(1, 3), 3),
        (20, Fraction(1, 3), 7),
    ],
)
def test_times_rounds_to_the_ore_half_away_from_zero(ore, share, expected):
    assert Money(ore).times(share) == Money(expected)


def test_times_refuses_inexact_shares():
    with pytest.raises(MoneyError, match="exact Fraction"):
        Money(100).times(0.05)  # type: ignore[arg-type]


@given(st.integers(-10**12, 10**12), st.integers(1, 10**6))
def test_round_half_away_is_within_half(numerator, denominator):
    result = round_half_away(numerator, denominator)
    assert abs(Fraction(numerator, denominator) - result) <= Fraction(1, 2)
    assert round_half_away(-numerator, denominator) == -result


# -- arithmetic ----------------------------------------------------------------------------
def test_total_and_arithmetic():
    amounts = [Money.parse("0,10"), Money.parse("0,20"), Money.parse("-0,30")]
    assert Money.total(amounts) == Money(0)
    assert Money.total([]) == Money.zero()
    assert Money.total(iter([Money(1), Money(2)])) == Money(3)
    assert Money(5) - Money(7) == Money(-2)
    assert -Money(5) == Money(-5) and abs(Money(-5)) == Money(5)
    assert not Money(0) and Money(1)
    assert Money(1) < Money(2)
    assert Money(123456).to_decimal() == Decimal("1234.56")
    assert (Money(100).is_whole_kroner, Money(101).is_whole_kroner) == (True, False)


def test_money_does_not_mix_with_numbers():
    with pytest.raises(TypeError):
        Money(1) + 1  # type: ignore[operator]
    with pytest.raises(TypeError):
        Money(1) - 1  # type: ignore[operator]


@pytest.mark.parametrize("text", ["١٢٣", "１２３"])
def test_only_ascii_digits_are_amounts(text):
    with pytest.raises(MoneyError):
        Money.parse(text)
