"""Transfers of unused appropriation between fiscal years: applied for, and decided.

Note B of year t gives the *mulig overførbart beløp* of each post; the agency applies to
its ministry (søknad om overføring), the ministry and the Finance Ministry decide in the
yearly R-2 process, and the decided amount appears as *Overført fra i fjor* in Note A of
year t+1 (RULES.md § 3.4). A :class:`Transfer` records one post's case for one year:
what was applied for with its justification, and what was decided. Both are inputs, never
computed: the decision may be lower than the application.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from attrs import field, frozen

from ..account import Account
from ..errors import Location, UsageError
from ..model import to_account, to_optional_money
from ..money import Money
from ..reprs import field_repr

__all__ = ["Transfer", "Transfers"]


@frozen
class Transfer:
    """The transfer of unused appropriation on one post from ``fiscal_year`` to the next
    (overføring av ubrukt bevilgning fra år t til t+1).

    ``applied`` is the amount applied for (søkt overført), ``decided`` the amount the
    ministry decided (vedtatt overført); ``None`` where not known (yet).
    """

    __repr__ = field_repr

    fiscal_year: int
    account: Account = field(converter=to_account)
    applied: Money | None = field(default=None, converter=to_optional_money)  # søkt overført
    decided: Money | None = field(default=None, converter=to_optional_money)  # vedtatt overført
    justification: str = ""  # begrunnelse
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if type(self.fiscal_year) is not int:
            raise UsageError(f"fiscal_year must be an int, not {type(self.fiscal_year).__name__}")
        if self.account.chapter >= 3000:
            raise UsageError(f"transfer on {self.account}: unused appropriation is carried on expense posts only")


def _transfers(values: Iterable[Transfer]) -> tuple[Transfer, ...]:
    return tuple(sorted(values, key=lambda t: (t.fiscal_year, t.account)))


@frozen
class Transfers:
    """Every :class:`Transfer` of a history, by year and post (at most one per post and year)."""

    __repr__ = field_repr

    items: tuple[Transfer, ...] = field(default=(), converter=_transfers)
    _by_key: dict[tuple[int, Account], Transfer] = field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_key: dict[tuple[int, Account], Transfer] = {}
        for transfer in self.items:
            key = (transfer.fiscal_year, transfer.account)
            if key in by_key:
                raise UsageError(f"the transfer on {transfer.account} from {transfer.fiscal_year} is given twice")
            by_key[key] = transfer
        object.__setattr__(self, "_by_key", by_key)

    def get(self, fiscal_year: int, account: Account) -> Transfer | None:
        """The transfer on ``account`` from ``fiscal_year`` to the next year, if recorded."""
        return self._by_key.get((fiscal_year, account))

    def decided(self, fiscal_year: int, account: Account) -> Money | None:
        """The amount the ministry decided to carry from ``fiscal_year`` (``None``: no decision)."""
        transfer = self.get(fiscal_year, account)
        return None if transfer is None else transfer.decided

    def __iter__(self) -> Iterator[Transfer]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)
