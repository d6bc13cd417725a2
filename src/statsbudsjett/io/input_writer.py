"""Write an agency-year back to input format v1 (TOML).

The inverse of :mod:`statsbudsjett.io.input_reader`: loading what :func:`dump` writes gives
an equal :class:`~statsbudsjett.model.AgencyYear` (property-tested). Lines keep their
order and texts; whole kroner are written as integers and amounts with øre as strings
(``"1234.50"``), so that no øre is lost to a float. Keys follow ``docs/input-format.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Final

from ..account import Account
from ..errors import UsageError
from ..model import (
    AgencyYear,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    Precision,
    Reallocation,
    ReallocationKind,
    RevenueAuthorisation,
)
from ..money import Money
from .input_reader import FORMAT
from .toml_document import KeyPath

__all__ = ["dump", "toml_amount", "toml_string", "write_agency_year"]

# TOML basic strings must escape ", \ and the control characters except tab.
_ESCAPES: Final = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def dump(year: AgencyYear, *, notes: Mapping[KeyPath, str] | None = None, header: Iterable[str] = ()) -> str:
    """The agency-year as v1 TOML text.

    ``notes`` are comments to write above a table or a key, by key path (``("expense",
    "540.01")``, ``("expense", "540.01", "accounted")``, ``("chargeback", 0, "used")``): where
    an imported figure came from. ``header`` lines open the file as comments.
    """
    if not isinstance(year, AgencyYear):
        raise UsageError(f"dump: expected an AgencyYear, not {type(year).__name__}")
    lines = [*_comments(header), *_document(year, notes or {})]
    return "\n".join(lines) + "\n"


def write_agency_year(year: AgencyYear, path: str | Path, *, notes: Mapping[KeyPath, str] | None = None,
                      header: Iterable[str] = ()) -> None:
    """Write the agency-year to ``path`` as v1 TOML (UTF-8); an existing file is replaced."""
    if not isinstance(path, str | Path):
        raise UsageError(f"write_agency_year: expected a path, not {type(path).__name__}")
    Path(path).write_text(dump(year, notes=notes, header=header), encoding="utf-8", newline="\n")


def _comments(text: Iterable[str]) -> Iterator[str]:
    for block in text:
        for line in block.splitlines() or [""]:
            yield f"# {line}".rstrip()


def _noted(path: KeyPath, header: str, lines: Iterable[str], notes: Mapping[KeyPath, str]) -> Iterator[str]:
    """A table with the notes on it and on its keys as comments above them."""
    yield ""
    if path in notes:
        yield from _comments([notes[path]])
    yield header
    for line in lines:
        key = (*path, line.split(" = ", 1)[0])
        if key in notes:
            yield from _comments([notes[key]])
        yield line


def _document(year: AgencyYear, notes: Mapping[KeyPath, str]) -> Iterator[str]:
    yield f"format = {toml_string(FORMAT)}"
    yield f"agency = {toml_string(year.agency)}"
    if year.ministry:
        yield f"ministry = {toml_string(year.ministry)}"
    yield f"fiscal_year = {year.fiscal_year}"
    if year.precision is not Precision.EXACT:
        yield f"precision = {toml_string(year.precision.value)}"
    choices = [(name, value) for name, value in (("negative_basis", year.rules.negative_basis),
                                                 ("usable_under", year.rules.usable_under)) if value is not None]
    if choices:
        yield from ("", "[rules]", *(f"{name} = {toml_string(value.value)}" for name, value in choices))
    if year.chapter_names:
        yield from ("", "[chapter]")
        yield from (f"{chapter} = {toml_string(name)}" for chapter, name in year.chapter_names)
    for expense in year.expense:
        yield from _noted(("expense", str(expense.account)), f'[expense."{expense.account}"]', _expense(expense),
                          notes)
    for income in year.income:
        yield from _noted(("income", str(income.account)), f'[income."{income.account}"]', _income(income), notes)
    for authorisation in year.revenue_authorisations:
        yield from ("", "[[revenue_authorisation]]", *_revenue_authorisation(authorisation))
    for index, chargeback in enumerate(year.chargebacks):
        yield from _noted(("chargeback", index), "[[chargeback]]", _chargeback(chargeback), notes)
    for reallocation in year.reallocations:
        yield from ("", "[[reallocation]]", *_reallocation(reallocation))
    for saving in year.savings:
        yield from ("", "[[saving]]", f'account = "{saving.account}"', f"amount = {toml_amount(saving.amount)}")
    for commitment in year.commitments:
        yield from ("", "[[commitment]]", *_commitment(commitment))
    for capital in year.capital_accounts:
        yield from ("", "[[capital_account]]", f"number = {toml_string(capital.number)}",
                    f"text = {toml_string(capital.text)}", f"amount = {toml_amount(capital.amount)}")
    balance = year.treasury_balance
    if balance is not None:
        yield from ("", "[treasury_balance]", f"number = {toml_string(balance.number)}",
                    f"text = {toml_string(balance.text)}",  # always: the loader's default text is not ""
                    f"closing = {toml_amount(balance.closing)}", f"opening = {toml_amount(balance.opening)}")


def _expense(line: ExpenseLine) -> Iterator[str]:
    if line.text:
        yield f"text = {toml_string(line.text)}"
    if line.keywords:
        yield f"keywords = [{', '.join(toml_string(name) for name in line.keywords.names)}]"
    for key, value in (("carried_over", line.carried_over), ("allocated", line.allocated),
                       ("previous_allocated", line.previous_allocated)):
        if value is not None:
            yield f"{key} = {toml_amount(value)}"
    if line.accounted or line.is_own:  # an own post always shows its regnskap, even 0
        yield f"accounted = {toml_amount(line.accounted)}"


def _income(line: IncomeLine) -> Iterator[str]:
    if line.text:
        yield f"text = {toml_string(line.text)}"
    if line.allocated is not None:
        yield f"allocated = {toml_amount(line.allocated)}"
    if line.accounted or line.is_own:
        yield f"accounted = {toml_amount(line.accounted)}"
    if line.in_note_a:
        yield "note_a = true"


def _revenue_authorisation(authorisation: RevenueAuthorisation) -> Iterator[str]:
    yield f"income = {_accounts(authorisation.income)}"
    yield f"expense = {_accounts(authorisation.expense)}"
    if authorisation.allocation:
        shares = ", ".join(f'"{account}" = {toml_amount(amount)}' for account, amount in authorisation.allocation)
        yield f"allocation = {{ {shares} }}"


def _chargeback(chargeback: Chargeback) -> Iterator[str]:
    yield f"direction = {toml_string(chargeback.direction.value)}"
    yield f'account = "{chargeback.account}"'
    if chargeback.counterparty:
        yield f"counterparty = {toml_string(chargeback.counterparty)}"
    if chargeback.limit is not None:
        yield f"limit = {toml_amount(chargeback.limit)}"
    yield f"used = {toml_amount(chargeback.used)}"


def _reallocation(reallocation: Reallocation) -> Iterator[str]:
    yield f"kind = {toml_string(reallocation.kind.value)}"
    if reallocation.kind is ReallocationKind.TO_INVESTMENT:
        yield f'from = "{reallocation.origin}"'
        yield f'to = "{reallocation.target}"'
    else:
        yield f'account = "{reallocation.target}"'
    yield f"amount = {toml_amount(reallocation.amount)}"


def _commitment(commitment: CommitmentAuthorisation) -> Iterator[str]:
    yield f"kind = {toml_string(commitment.kind.value)}"
    yield f'account = "{commitment.account}"'
    yield f"limit = {toml_amount(commitment.limit)}"
    yield f"commitments = {toml_amount(commitment.commitments)}"


def _accounts(accounts: tuple[Account, ...]) -> str:
    return "[" + ", ".join(f'"{account}"' for account in accounts) + "]"


def toml_amount(amount: Money) -> str:
    """Whole kroner as a TOML integer; with øre as a string, never a float."""
    if amount.is_whole_kroner:
        return str(amount.ore // 100)
    return f'"{amount.to_decimal()}"'


def toml_string(text: str) -> str:
    """A TOML basic string."""
    escaped = "".join(
        _ESCAPES.get(c) or (f"\\u{ord(c):04x}" if (ord(c) < 0x20 and c != "\t") or c == "\x7f" else c)
        for c in text
    )
    return f'"{escaped}"'
