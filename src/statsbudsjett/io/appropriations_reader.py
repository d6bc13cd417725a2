"""Read DFØ's appropriations ledger (bevilgninger) into :class:`AppropriationRow` records.

``bevilgninger_full_historikk.csv`` (or its ``.zip``): one row per decision per
chapter/post/year, in the dialect of the state accounts (:mod:`.dfo_csv`). The ``Bevilgning``
text says what the row is: a dated decision (``2021.06.18 Prp: …``), the transfer from last
year (``Overført fra 2020``) or the transfer to next year (``Overføres til 2022``), also
written without ø (OPEN-DATA.md § 1.3).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from ..errors import UsageError
from ..money import Money
from ..opendata.records import AppropriationRow, DecisionKind
from .dfo_csv import DfoFile, RowError, appropriation_account, ore

__all__ = ["APPROPRIATIONS_COLUMNS", "AppropriationsFile", "read_appropriations"]

APPROPRIATIONS_COLUMNS: Final = (
    "År", "Periode", "Tildelings_periode", "Programområde_id", "Programområde", "Programkategori_id",
    "Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post",
    "Post_type", "Bevilgning_beløp", "Bevilgning_overføres_beløp", "Bevilgning_overført_beløp", "Bevilgning",
)
_EXAMPLE: Final = "bevilgninger_full_historikk.zip from statsregnskapet.dfo.no/last-ned"
_CARRIED: Final = re.compile(r"overf(?:ø|o)r(?P<kind>t fra|es til)\s+(?P<year>[0-9]{4})", re.IGNORECASE)
_DATED: Final = re.compile(r"(?P<year>[0-9]{4})\.(?P<month>[0-9]{2})\.(?P<day>[0-9]{2})(?:\s+(?P<rest>.*))?")


def read_appropriations(path: str | Path, *, year: int | None = None) -> AppropriationsFile:
    """The appropriations ledger in ``path``, to be read once by iterating over the result.

    Iterating yields an :class:`~statsbudsjett.opendata.records.AppropriationRow` per row (of
    ``year`` when given). Raises :class:`~statsbudsjett.errors.InputError` with the file and
    line of every problem (a missing column, an amount or a date that cannot be read, a short
    row, a file that is not this CSV).
    """
    if year is not None and type(year) is not int:
        raise UsageError(f"read_appropriations: year is an int such as 2021, not {year!r}")
    return AppropriationsFile(path, year)


def decision(description: str) -> tuple[DecisionKind, datetime.date | None, int | None]:
    """What a ``Bevilgning`` text says: its kind, its decision date, the year carried from or to.

    The date is written ``ÅÅÅÅ.MM.DD`` at the start; one fixed form, so it is read exactly
    (a general date parser would also accept what is not this form). Raises ``ValueError``
    for a date that does not exist.
    """
    text = description.strip()
    carried = _CARRIED.fullmatch(text)
    if carried:
        kind = DecisionKind.CARRIED_IN if carried["kind"].lower().startswith("t") else DecisionKind.CARRIED_OUT
        return kind, None, int(carried["year"])
    dated = _DATED.fullmatch(text)
    if dated:
        return DecisionKind.DECISION, datetime.date(int(dated["year"]), int(dated["month"]), int(dated["day"])), None
    return DecisionKind.DECISION, None, None


class AppropriationsFile:
    """The appropriations ledger of one file, read in one pass; ``rows`` and ``other_years``
    count what was read and what was of other years, ``skipped`` rows without a chapter/post."""

    def __init__(self, path: str | Path, year: int | None) -> None:
        self.file = DfoFile(path, APPROPRIATIONS_COLUMNS, "the appropriations ledger (bevilgninger)", _EXAMPLE)
        self.year = year
        self.rows = self.other_years = self.skipped = 0

    @property
    def name(self) -> str:
        return self.file.name

    def __iter__(self) -> Iterator[AppropriationRow]:
        file = self.file
        with file.reading() as rows:
            for row in rows:
                if not file.check_width(row):
                    continue
                self.rows += 1
                index = file.index
                if self.year is not None and row[index["År"]] != str(self.year):
                    self.other_years += 1
                    continue
                try:
                    record = self._record(row)
                except RowError as error:
                    file.row_problem(file.line, row, error)
                    continue
                if record is None:
                    self.skipped += 1
                    continue
                yield record

    def _record(self, row: list[str]) -> AppropriationRow | None:
        index = self.file.index
        year_text, period_text = row[index["År"]].strip(), row[index["Periode"]].strip()
        if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
            raise RowError("År", f"År {year_text!r} is not a year", "a year such as 2021")
        if period_text and not (period_text.isascii() and period_text.isdigit() and len(period_text) == 6):
            raise RowError("Periode", f"Periode {period_text!r} is not a month (ÅÅÅÅMM)", f"e.g. {year_text}01")
        account = appropriation_account(row[index["Kapittel_id"]], row[index["Post_id"]])
        if isinstance(account, RowError):
            raise account
        if account is None:
            return None
        description = row[index["Bevilgning"]].strip()
        try:
            kind, decided, other_year = decision(description)
        except ValueError as error:
            raise RowError("Bevilgning", f"Bevilgning {description!r} starts with a date that does not exist "
                           f"({error})", "the date is written ÅÅÅÅ.MM.DD, e.g. 2021.06.18") from None
        return AppropriationRow(
            int(year_text), int(period_text) if period_text else None, account, row[index["Kapittel"]].strip(),
            row[index["Post"]].strip(), row[index["Fagdepartement_id"]].strip(), row[index["Fagdepartement"]].strip(),
            Money(ore(row[index["Bevilgning_beløp"]].strip(), "Bevilgning_beløp")), description, kind, decided,
            other_year, self.file.location(self.file.line))
