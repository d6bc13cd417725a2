"""A tuple of statement rows that can also be looked up by account: ``note_b["540.25"]``."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar

from ..account import Account
from ..errors import UsageError

__all__ = ["AccountRows", "RowKind"]


class RowKind(enum.Enum):
    """What a row of a statement is, printed or laid out for printing."""

    LINE = "line"
    SUM = "sum"  # a sum line (of a section, or of a statement side)
    TOTAL = "total"  # a note's grand total, or a statement's final line


class _HasAccount(Protocol):
    @property
    def account(self) -> Account: ...


RowT = TypeVar("RowT", bound=_HasAccount)


class AccountRows(Generic[RowT]):
    """Rows in statement order; index by position or by account (``"540.01"``, ``"54001"``)."""

    __slots__ = ("_by_account", "_rows")

    def __init__(self, rows: tuple[RowT, ...]) -> None:
        self._rows = rows
        self._by_account = {row.account: row for row in rows}

    def __getitem__(self, key: int | str | Account) -> RowT:
        if isinstance(key, int):
            return self._rows[key]
        try:
            account = Account.parse(key) if isinstance(key, str) else key
        except ValueError as error:
            raise UsageError(str(error)) from None
        try:
            return self._by_account[account]
        except KeyError:
            known = ", ".join(str(a) for a in self._by_account) or "none"
            raise KeyError(f"no row for account {account} (rows: {known})") from None

    def __contains__(self, key: object) -> bool:
        try:
            return Account.parse(key) in self._by_account  # type: ignore[arg-type]
        except (ValueError, TypeError):
            return False

    def __iter__(self) -> Iterator[RowT]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AccountRows) and self._rows == other._rows

    def __hash__(self) -> int:
        return hash(self._rows)

    def __repr__(self) -> str:
        return f"AccountRows({list(self._rows)!r})"
