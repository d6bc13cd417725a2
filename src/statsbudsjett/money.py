"""Exact amounts of money (beløp) in Norwegian kroner, with øre precision.

An amount is an ``int`` of øre inside a frozen class: exact, hashable and fast.
Floats are refused everywhere, because a binary float cannot hold 0.10 kr.
Rounding to whole kroner is explicit (:meth:`Money.round_kroner`, half away
from zero, as accounting tables are printed) and happens only for printing or
for comparing with printed figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Final

from attrs import frozen

from .errors import UsageError

__all__ = ["Money", "MoneyError", "format_kroner", "round_half_away"]

ORE_PER_KRONE: Final = 100

# Largest amount accepted: 10^15 kr, far above the whole state budget
# (about 2 * 10^12 kr); larger figures are typing errors, not money.
MAX_KRONER: Final = 10**15

_MINUS_SIGNS: Final = "-\u2212\u2013"  # ASCII hyphen-minus, U+2212 minus, U+2013 en dash
_GROUP_SEPARATORS: Final = " \u00a0\u202f"  # space, no-break space, narrow no-break space
_NUMBER: Final = re.compile(r"(?P<int>[0-9]+)(?:[.,](?P<frac>[0-9]*))?")


class MoneyError(UsageError):
    """An amount that cannot be read or is not allowed (a float, too many decimals, …)."""


def round_half_away(numerator: int, denominator: int) -> int:
    """Round ``numerator / denominator`` to the nearest integer, halves away from zero."""
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    negative = (numerator < 0) != (denominator < 0)
    return -quotient if negative else quotient


@frozen(order=True)
class Money:
    """An exact amount (beløp) in kroner and øre.

    Build one with :meth:`kroner`, :meth:`from_ore` or :meth:`parse`; never from a float.

    >>> Money.parse("166 719 441,37") + Money.kroner(1)
    Money('166719442.37')
    >>> Money.parse("-8249451").format()
    '-8 249 451'
    """

    ore: int

    def __attrs_post_init__(self) -> None:
        if type(self.ore) is not int:  # bool and float are not øre
            raise MoneyError(f"Money holds an int of øre, not {type(self.ore).__name__}")

    # -- construction -------------------------------------------------------
    @classmethod
    def kroner(cls, amount: int | Decimal | str) -> Money:
        """An amount given in kroner: an ``int``, a ``Decimal`` or a string (see :meth:`parse`)."""
        if isinstance(amount, bool):
            raise MoneyError(f"{amount!r} is a truth value, not an amount")
        if isinstance(amount, float):
            raise MoneyError(_float_message(amount))
        if isinstance(amount, int):
            _check_magnitude(Decimal(amount), str(amount))
            return cls(amount * ORE_PER_KRONE)
        if isinstance(amount, Decimal):
            return cls._from_decimal(amount, str(amount))
        if isinstance(amount, str):
            return cls.parse(amount)
        raise MoneyError(f"an amount must be an int, a Decimal or a string, not {type(amount).__name__}")

    @classmethod
    def from_ore(cls, ore: int) -> Money:
        """An amount given in øre."""
        return cls(ore)

    @classmethod
    def zero(cls) -> Money:
        return _ZERO

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read an amount written by a person or a spreadsheet.

        Lenient on purpose: ``-``, U+2212 and U+2013 are minus signs; space, U+00A0 and
        U+202F group digits; ``,`` or ``.`` is the decimal mark; at most two decimals.

        >>> Money.parse("\u2212 1\u00a0234,5")
        Money('-1234.50')
        """
        if not isinstance(text, str):
            raise MoneyError(f"expected a string, got {type(text).__name__}")
        cleaned = text.strip()
        for separator in _GROUP_SEPARATORS:
            cleaned = cleaned.replace(separator, "")
        negative = False
        if cleaned[:1] in _MINUS_SIGNS and cleaned:
            negative, cleaned = True, cleaned[1:]
        elif cleaned[:1] == "+":
            cleaned = cleaned[1:]
        match = _NUMBER.fullmatch(cleaned)
        if not match:
            raise MoneyError(
                f"{text!r} is not an amount; write digits with an optional minus sign "
                'and at most two decimals, e.g. "166 719 441,37" or "-8249451"'
            )
        fraction = match["frac"] or ""
        if len(fraction) > 2:
            raise MoneyError(
                f"{text!r} has {len(fraction)} decimals; amounts carry at most two (øre)"
            )
        _check_magnitude(Decimal(match["int"]), text)
        ore = int(match["int"]) * ORE_PER_KRONE + int(fraction.ljust(2, "0") or 0)
        return cls(-ore if negative else ore)

    @classmethod
    def _from_decimal(cls, value: Decimal, shown: str) -> Money:
        if not value.is_finite():
            raise MoneyError(f"{shown} is not a finite amount")
        _check_magnitude(value, shown)
        ore = value * ORE_PER_KRONE
        if ore != ore.to_integral_value():
            raise MoneyError(f"{shown} has more than two decimals; amounts carry at most two (øre)")
        return cls(int(ore))

    # -- arithmetic ---------------------------------------------------------
    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore + other.ore)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore - other.ore)

    def __neg__(self) -> Money:
        return Money(-self.ore)

    def __abs__(self) -> Money:
        return Money(abs(self.ore))

    def __bool__(self) -> bool:
        return self.ore != 0

    def times(self, share: Fraction) -> Money:
        """This amount times an exact share, rounded to the øre (half away from zero).

        >>> Money.kroner(164_423_000).times(Fraction(5, 100))
        Money('8221150.00')
        """
        if not isinstance(share, Fraction):
            raise MoneyError(f"a share must be an exact Fraction, not {type(share).__name__}")
        return Money(round_half_away(self.ore * share.numerator, share.denominator))

    @staticmethod
    def total(amounts: Iterable[Money]) -> Money:
        """The sum of the amounts (zero when there are none)."""
        return Money(sum(amount.ore for amount in amounts))

    # -- whole kroner -------------------------------------------------------
    def round_kroner(self) -> int:
        """Whole kroner, rounded half away from zero (0.50 → 1, −0.50 → −1)."""
        return round_half_away(self.ore, ORE_PER_KRONE)

    @property
    def is_whole_kroner(self) -> bool:
        return self.ore % ORE_PER_KRONE == 0

    def to_json_number(self) -> int | Decimal:
        """For JSON output: whole kroner as an ``int``, otherwise the exact ``Decimal`` with øre."""
        return self.round_kroner() if self.is_whole_kroner else self.to_decimal()

    def to_decimal(self) -> Decimal:
        """The exact amount in kroner as a ``Decimal`` with two places."""
        return Decimal(self.ore).scaleb(-2)

    def format(self, *, decimals: bool = False, group: str = " ", minus: str = "-") -> str:
        """As printed in a Norwegian statement: ``1 092 268 000``, ``-8 249 451``.

        Whole kroner (rounded) unless ``decimals``; then ``1 234,50``.
        ``group=\"\\u00a0\"`` and ``minus=\"\\u2212\"`` give typographic output.
        """
        return format_kroner(self, decimals=decimals, group=group, minus=minus)

    def __str__(self) -> str:
        return self.format(decimals=not self.is_whole_kroner)

    def __repr__(self) -> str:
        return f"Money('{self.to_decimal()}')"


_ZERO: Final = Money(0)


def format_kroner(amount: Money, *, decimals: bool = False, group: str = " ", minus: str = "-") -> str:
    """Format an amount with grouped thousands, as DFØ prints figures."""
    if decimals:
        whole, ore = divmod(abs(amount.ore), ORE_PER_KRONE)
        sign = minus if amount.ore < 0 else ""
        return f"{sign}{_group_digits(whole, group)},{ore:02d}"
    kroner = amount.round_kroner()
    sign = minus if kroner < 0 else ""
    return f"{sign}{_group_digits(abs(kroner), group)}"


def _group_digits(value: int, group: str) -> str:
    return f"{value:,}".replace(",", group)


def _check_magnitude(kroner: Decimal, shown: str) -> None:
    try:
        too_large = abs(kroner) >= MAX_KRONER
    except InvalidOperation:  # pragma: no cover - Decimal comparisons of finite values
        too_large = True
    if too_large:
        raise MoneyError(
            f"{shown} kr is larger than any appropriation (limit {MAX_KRONER:.0e} kr); "
            "check for a typing error or a misplaced decimal mark"
        )


def _float_message(amount: object) -> str:
    return (
        f"{amount!r} is a float; floats cannot hold øre exactly. "
        'Write the amount as an integer or a string with øre, e.g. "1234.50"'
    )
