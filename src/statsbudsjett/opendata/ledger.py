"""The state accounts summed for the bevilgningsrapportering: per account and booking agency.

One pass over the :class:`~statsbudsjett.opendata.records.LedgerRow` records of a year
gives every booking agency's total on every appropriation account (a few thousand totals
for the whole state), and for one agency its totals per artskonto. That is all the builder
needs: an agency's regnskap, the others' bookings on its posts (given belastningsfullmakter)
and its bookings on other agencies' chapters (received ones). Each total remembers its
rows and periods, so that a figure can say where it came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from attrs import frozen

from ..account import Account
from ..money import Money
from ..reprs import field_repr

if TYPE_CHECKING:
    from .records import LedgerRow

__all__ = ["LedgerSummary", "SummaryBuilder", "Total", "organisation_number_problem", "summarise_ledger"]

_WEIGHTS: Final = (3, 2, 7, 6, 5, 4, 3, 2)


def organisation_number_problem(text: str) -> str | None:
    """Why ``text`` is not an organisasjonsnummer, or ``None`` when it is one.

    Nine digits, the last a modulus-11 check digit over the first eight with weights
    3 2 7 6 5 4 3 2 (Brønnøysundregistrene, «Organisasjonsnummeret»).
    """
    if not (len(text) == 9 and text.isascii() and text.isdigit()):
        return "is not 9 digits"
    remainder = sum(int(d) * w for d, w in zip(text, _WEIGHTS, strict=False)) % 11
    check = 0 if remainder == 0 else 11 - remainder
    if check == 10 or check != int(text[8]):
        return "has a wrong check digit (modulus 11)"
    return None


@frozen
class Total:
    """What a set of ledger rows add up to, and where they are."""

    __repr__ = field_repr

    amount: Money
    rows: int
    first_period: int
    last_period: int

    def describe(self, file: str) -> str:
        """``statsregnskapet_aar_2021.zip: 12 rows, periods 202101–202112``."""
        periods = (f"period {self.first_period}" if self.first_period == self.last_period
                   else f"periods {self.first_period}–{self.last_period}")
        return f"{file}: {self.rows} row{'s' if self.rows != 1 else ''}, {periods}"


@frozen
class LedgerSummary:
    """The state accounts of one year, summed per appropriation account and booking agency.

    ``bookings[(account, org nr)]`` is an agency's total on an account; ``artskonto`` holds,
    for the agency the summary was made for, its totals per ``(account, artskonto id)``.
    Names are as the file spells them (the latest row wins).
    """

    __repr__ = field_repr

    file: str
    year: int | None
    bookings: dict[tuple[Account, str], Total]
    artskonto: dict[tuple[Account, str], Total]
    artskonto_names: dict[str, str]
    chapter_names: dict[int, str]
    post_names: dict[Account, str]
    chapter_ministries: dict[int, str]  # the ministry a chapter belongs to (Fagdepartement)
    agencies: dict[str, str]  # org nr → name
    agency_ministries: dict[str, str]  # org nr → the ministry the agency belongs to

    def agency_accounts(self, agency: str) -> dict[Account, Total]:
        """The agency's totals on the accounts it booked on."""
        return {account: total for (account, booker), total in self.bookings.items() if booker == agency}

    def others_on(self, accounts: Iterable[Account], agency: str) -> dict[Account, dict[str, Total]]:
        """Other agencies' totals on ``accounts``, by account and booking agency."""
        wanted = set(accounts)
        found: dict[Account, dict[str, Total]] = {}
        for (account, booker), total in self.bookings.items():
            if account in wanted and booker != agency:
                found.setdefault(account, {})[booker] = total
        return found


class SummaryBuilder:
    """Collects a :class:`LedgerSummary` in one pass, row by row.

    The readers call :meth:`booking` for every row on an appropriation account (with the
    amount in øre, so that rows of no interest cost no objects) and :meth:`detail` with the
    typed record for the rows of the agency the summary is for.
    """

    def __init__(self, agency: str | None, *, file: str = "", year: int | None = None) -> None:
        self.agency = agency
        self.file = file
        self.year = year
        # (account, org nr) → [øre, rows, first period, last period]
        self._bookings: dict[tuple[Account, str], list[int]] = {}
        self._artskonto: dict[tuple[Account, str], list[int]] = {}
        self.artskonto_names: dict[str, str] = {}
        self.chapter_names: dict[int, str] = {}
        self.post_names: dict[Account, str] = {}
        self.chapter_ministries: dict[int, str] = {}
        self.agencies: dict[str, str] = {}
        self.agency_ministries: dict[str, str] = {}

    def booking(self, account: Account, agency: str, ore: int, period: int) -> bool:
        """Add a row's amount to the agency's total on the account; ``True`` when it is the first
        such row (the caller then gives the names with :meth:`names`)."""
        key = (account, agency)
        total = self._bookings.get(key)
        if total is None:
            self._bookings[key] = [ore, 1, period, period]
            return True
        _add(total, ore, period)
        return False

    def names(self, account: Account, agency: str, *, chapter: str, post: str, ministry: str, agency_name: str,
              agency_ministry: str) -> None:
        self.chapter_names[account.chapter] = chapter
        self.post_names[account] = post
        self.chapter_ministries[account.chapter] = ministry
        self.agencies[agency] = agency_name
        self.agency_ministries[agency] = agency_ministry

    def detail(self, row: LedgerRow) -> None:
        """The agency's own row, kept per artskonto (for the artskontorapportering)."""
        key = (row.account, row.artskonto_id)
        total = self._artskonto.get(key)
        if total is None:
            self._artskonto[key] = [row.amount.ore, 1, row.period, row.period]
            self.artskonto_names[row.artskonto_id] = row.artskonto
        else:
            _add(total, row.amount.ore, row.period)

    def summary(self) -> LedgerSummary:
        return LedgerSummary(
            self.file, self.year, {k: _total(v) for k, v in self._bookings.items()},
            {k: _total(v) for k, v in self._artskonto.items()}, self.artskonto_names, self.chapter_names,
            self.post_names, self.chapter_ministries, self.agencies, self.agency_ministries)


def _add(total: list[int], ore: int, period: int) -> None:
    total[0] += ore
    total[1] += 1
    if period < total[2]:
        total[2] = period
    if period > total[3]:
        total[3] = period


def _total(values: list[int]) -> Total:
    ore, rows, first, last = values
    return Total(Money(ore), rows, first, last)


def summarise_ledger(rows: Iterable[LedgerRow], *, agency: str | None = None, file: str = "",
                     year: int | None = None) -> LedgerSummary:
    """Sum typed ledger rows per account and booking agency (and, for ``agency``, per artskonto).

    The reader of the file does the same in one pass without a record per row:
    :func:`statsbudsjett.io.ledger_reader.summarise_ledger_file`.
    """
    builder = SummaryBuilder(agency, file=file, year=year)
    for row in rows:
        if builder.booking(row.account, row.agency_id, row.amount.ore, row.period):
            builder.names(row.account, row.agency_id, chapter=row.chapter_name, post=row.post_name,
                          ministry=row.ministry, agency_name=row.agency, agency_ministry=row.agency_ministry)
        if row.agency_id == agency:
            builder.detail(row)
    return builder.summary()
