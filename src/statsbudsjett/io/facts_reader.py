"""Read a facts file: format v1 in which the open data's figures may be left out.

The reader is the one of format v1 (:class:`AgencyYearReader`) with three differences: a
line's ``accounted`` and a chargeback's ``used`` may be left out (the state accounts give
them), ``agency`` and ``fiscal_year`` may be left out (the import knows them), and the rules
are not validated here — they are judged on the agency-year the import builds, which is
the first time the facts meet the open data. Where each stated key stands is kept, so that a
disagreement points at the line of the fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..account import Account
from ..errors import InputError, Location, Problem, UsageError
from ..model import ExpenseLine
from ..opendata.facts import Facts, KeyPath
from .input_reader import AgencyYearReader
from .toml_document import read_toml
from .toml_reader import file_order

__all__ = ["read_facts"]

_RECORDS = ("revenue_authorisation", "chargeback", "reallocation", "saving", "commitment", "capital_account")


def read_facts(path: str | Path, *, fiscal_year: int) -> Facts:
    """The facts file at ``path`` for an import of ``fiscal_year``.

    Raises :class:`~statsbudsjett.errors.InputError` with every format problem located (as
    for any v1 file), and when the file names another fiscal year.
    """
    if not isinstance(path, str | Path):
        raise UsageError(f"read_facts: expected a path, not {type(path).__name__}")
    document = read_toml(Path(path))
    reader = FactsReader(document, fiscal_year)
    stated = reader.stated()
    year = reader.agency_year()
    problems = sorted(reader.problems, key=file_order)
    if year is None or reader.errors:
        raise InputError(problems or [Problem("the facts file cannot be read", Location(str(path)))])
    if year.fiscal_year != fiscal_year:
        raise InputError([Problem(
            f"the facts file is for fiscal year {year.fiscal_year}, the import for {fiscal_year}",
            document.location(("fiscal_year",)), hint=f"use the facts of {fiscal_year}, or import --year "
            f"{year.fiscal_year}")])
    return Facts(year, stated, str(path))


class FactsReader(AgencyYearReader):
    """Format v1 with the open data's figures optional."""

    def __init__(self, document: Any, fiscal_year: int) -> None:
        super().__init__(document)
        data = self.doc.data
        self._given_top = set(data)
        if data:  # what the import knows need not be stated; an empty file is reported as usual
            data.setdefault("agency", "(from the state accounts)")
            data.setdefault("fiscal_year", fiscal_year)

    def stated(self) -> dict[KeyPath, Location]:
        """Every key the file gives, by key path with accounts written canonically, and where it is."""
        data, doc = self.doc.data, self.doc
        stated: dict[KeyPath, Location] = {}
        for key in data:
            if key in self._given_top:
                stated[(key,)] = doc.location((key,), key=True)
        for side in ("expense", "income"):
            section = data.get(side)
            if not isinstance(section, dict):
                continue
            for spelt, table in section.items():
                try:
                    account = str(Account.parse(spelt))
                except UsageError:
                    continue  # reported by the reader
                stated[(side, account)] = doc.location((side, spelt), key=True)
                if isinstance(table, dict):
                    stated.update({(side, account, key): doc.location((side, spelt, key)) for key in table})
        for name in _RECORDS:
            entries = data.get(name)
            if isinstance(entries, list):
                for index, entry in enumerate(entries):
                    if isinstance(entry, dict):
                        stated.update({(name, index, key): doc.location((name, index, key)) for key in entry})
        return stated

    def expense_line(self, path: KeyPath, account: Account, table: dict[str, Any]) -> ExpenseLine | None:
        return super().expense_line(path, account, {"accounted": 0, **table})  # no "regnskap taken as 0" warning

    def chargeback(self, path: KeyPath, entry: dict[str, Any]) -> Any:
        return super().chargeback(path, {"used": 0, **entry} if isinstance(entry, dict) else entry)
