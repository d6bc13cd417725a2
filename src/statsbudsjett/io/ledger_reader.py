"""Read DFØ's state accounts (statsregnskapet) into :class:`LedgerRow` records, streaming.

The file is ``statsregnskapet_aar_ÅÅÅÅ.csv`` or the ``.zip`` it is published in, or the
full history (every year: give ``year``). One row is one month's movement on one account
string; rows without a kapittel/post (balance accounts, whose amounts are running balances,
and nettobudsjetterte agencies) are not appropriation accounts: they are counted, not
returned (OPEN-DATA.md § 1.2).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from ..account import Account
from ..errors import UsageError
from ..money import Money
from ..opendata.ledger import LedgerSummary, SummaryBuilder, organisation_number_problem
from ..opendata.records import LedgerRow
from .dfo_csv import DfoFile, Progress, RowError, appropriation_account, ore

__all__ = ["LEDGER_COLUMNS", "LedgerFile", "read_ledger"]

LEDGER_COLUMNS: Final = (
    "År", "Periode", "Konto_no", "Konto", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Kontoklasse_id", "Kontoklasse", "Kontogruppe_id", "Kontogruppe", "Artskonto_id", "Artskonto",
    "Fagdepartement_Virksomhet_id", "Fagdepartement_Virksomhet", "Virksomhet_id", "Virksomhet",
    "Regnskapsfører_id", "Regnskapsfører", "Beløp",
)
_EXAMPLE: Final = "statsregnskapet_aar_2021.zip from statsregnskapet.dfo.no/last-ned"


def read_ledger(path: str | Path, *, year: int | None = None, progress: Progress | None = None) -> LedgerFile:
    """The state accounts in ``path``, to be read once by iterating over the result.

    Iterating yields a :class:`~statsbudsjett.opendata.records.LedgerRow` for each row on an
    appropriation account (of ``year`` when given); the counts of what was skipped are on the
    :class:`LedgerFile` afterwards. Raises :class:`~statsbudsjett.errors.InputError` with the
    file and line of every problem: a missing column, an amount that is not a number, a
    short row, a malformed organisasjonsnummer, a file that is not this CSV.

    >>> ledger = read_ledger("statsregnskapet_aar_2021.zip", year=2021)  # doctest: +SKIP
    >>> sum((row.amount for row in ledger if row.agency_id == "991825827"), Money(0))  # doctest: +SKIP
    """
    if year is not None and type(year) is not int:
        raise UsageError(f"read_ledger: year is an int such as 2021, not {year!r}")
    return LedgerFile(path, year, progress)


class LedgerFile:
    """The state accounts of one file, read in one streaming pass.

    Iterate for the typed rows, or call :meth:`summarise` for the totals the builder needs.
    After the pass: ``rows`` (data rows read), ``skipped`` (rows not on an appropriation
    account), ``other_years`` (rows of other years than the one asked for), ``agencies``
    (each booking agency's org nr → name and number of rows, skipped rows included) and
    ``periods`` (the first and last period of the rows used).
    """

    def __init__(self, path: str | Path, year: int | None, progress: Progress | None) -> None:
        self.file = DfoFile(path, LEDGER_COLUMNS, "the state accounts (statsregnskapet)", _EXAMPLE)
        self.year = year
        self.progress = progress
        self.rows = self.skipped = self.other_years = 0
        self.agencies: dict[str, tuple[str, int]] = {}
        self.periods: tuple[int, int] | None = None

    @property
    def name(self) -> str:
        """The file as messages name it (``x.zip/x.csv`` for a zip)."""
        return self.file.name

    def __iter__(self) -> Iterator[LedgerRow]:
        return self._scan(None)

    def summarise(self, agency: str | None) -> LedgerSummary:
        """Every agency's totals per account, and ``agency``'s per artskonto, in one pass that makes
        a record only for ``agency``'s own rows (a state-size file has 285 000 rows)."""
        builder = SummaryBuilder(agency, year=self.year)
        for _ in self._scan(builder):
            pass
        builder.file = str(self.file.path)  # the file as given (a zip, not its member)
        return builder.summary()

    def _scan(self, builder: SummaryBuilder | None) -> Iterator[LedgerRow]:
        """The one pass: check and count every row; give the rows on appropriation accounts to
        ``builder``, or yield them as records when there is none."""
        file = self.file
        with file.reading(self.progress) as rows:
            yield from self._rows(file, rows, builder)

    def _rows(self, file: DfoFile, rows: Iterator[list[str]], builder: SummaryBuilder | None) -> Iterator[LedgerRow]:
        year_text = str(self.year) if self.year is not None else None
        # by (Kapittel_id, Post_id), both of which say whether a row is on an account: a few thousand, parsed once
        accounts: dict[tuple[str, str], Account | RowError | None] = {}
        periods: dict[tuple[str, str], int] = {}
        organisations: dict[str, str | None] = {}  # org nr → what is wrong with it
        names: dict[str, str] = {}
        counts: dict[str, int] = {}
        first = last = 0
        index = file.index
        i_year, i_period, i_post, i_chapter = index["År"], index["Periode"], index["Post_id"], index["Kapittel_id"]
        i_agency, i_amount, width = index["Virksomhet_id"], index["Beløp"], file.width
        for row in rows:
            if len(row) != width and not file.check_width(row):
                continue
            self.rows += 1
            if year_text is not None and row[i_year] != year_text:
                self.other_years += 1
                continue
            agency_id = row[i_agency]
            if agency_id in counts:
                counts[agency_id] += 1
            else:
                counts[agency_id] = 1
                names[agency_id] = row[index["Virksomhet"]].strip()
            post = (row[i_chapter], row[i_post])
            if post not in accounts:
                accounts[post] = appropriation_account(*post)
            account = accounts[post]
            if account is None:
                self.skipped += 1
                continue
            try:
                if isinstance(account, RowError):
                    raise account
                key = (row[i_year], row[i_period])
                period = periods.get(key) or periods.setdefault(key, _period(*key))
                if agency_id not in organisations:
                    organisations[agency_id] = organisation_number_problem(agency_id)
                if organisations[agency_id]:
                    raise RowError("Virksomhet_id", f"Virksomhet_id {agency_id!r} {organisations[agency_id]}",
                                   "the booking agency's organisasjonsnummer, 9 digits, e.g. 991825827")
                amount = ore(row[i_amount], "Beløp")
            except RowError as error:
                file.row_problem(file.line, row, error)
                continue
            if period < first or not first:
                first = period
            if period > last:
                last = period
            if builder is not None and builder.booking(account, agency_id, amount, period):
                builder.names(account, agency_id, chapter=row[index["Kapittel"]].strip(),
                              post=row[index["Post"]].strip(), ministry=row[index["Fagdepartement"]].strip(),
                              agency_name=names[agency_id],
                              agency_ministry=row[index["Fagdepartement_Virksomhet"]].strip())
            if builder is None or agency_id == builder.agency:
                record = LedgerRow(
                    period // 100, period, account, row[index["Kapittel"]].strip(), row[index["Post"]].strip(),
                    row[index["Fagdepartement_id"]].strip(), row[index["Fagdepartement"]].strip(),
                    row[index["Artskonto_id"]].strip(), row[index["Artskonto"]].strip(), agency_id, names[agency_id],
                    row[index["Fagdepartement_Virksomhet"]].strip(), Money(amount), file.location(file.line))
                if builder is None:
                    yield record
                else:
                    builder.detail(record)
        self.agencies = {key: (names[key], count) for key, count in counts.items()}
        self.periods = (first, last) if first else None


def _period(year_text: str, period_text: str) -> int:
    if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
        raise RowError("År", f"År {year_text!r} is not a year", "a year such as 2021")
    if not (period_text.isascii() and period_text.isdigit() and len(period_text) == 6
            and period_text.startswith(year_text)):
        raise RowError("Periode", f"Periode {period_text!r} is not a month of {year_text} (ÅÅÅÅMM)",
                       f"e.g. {year_text}01 for January")
    return int(period_text)
