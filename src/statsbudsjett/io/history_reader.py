"""Read a history: several agency-year files (format v1), or a directory of them, and the
transfers file (format ``statsbudsjett-transfers/1``) with what was applied for and decided.

Every problem in every file is collected and raised together as one
:class:`~statsbudsjett.errors.InputError`, located by file, line and column; warnings are
returned beside the history. The transfers format is documented in ``docs/history.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

from ..account import Account, Side
from ..errors import InputError, Location, Problem, Severity, UsageError
from ..history.history import History
from ..history.transfers import Transfer, Transfers
from ..model import AgencyYear
from .input_reader import FORMAT as YEAR_FORMAT
from .input_reader import read_agency_year
from .toml_document import KeyPath, TomlDocument, read_toml
from .toml_reader import TomlReader

__all__ = ["TRANSFERS_FORMAT", "load_history", "read_history", "read_transfers"]

TRANSFERS_FORMAT: Final = "statsbudsjett-transfers/1"
_TRANSFER_KEYS: Final = ("applied", "decided", "justification")

PathLike = str | Path


def load_history(paths: PathLike | Sequence[PathLike]) -> History:
    """Load a history from agency-year files, directories of them and transfers files.

    Raises :class:`~statsbudsjett.errors.InputError` listing every problem when the input
    cannot be used. Warnings are dropped; use :func:`read_history` to see them.
    """
    return read_history(paths)[0]


def read_history(paths: PathLike | Sequence[PathLike]) -> tuple[History, tuple[Problem, ...]]:
    """Load a history and return it with the warnings found on the way.

    ``paths`` are files or directories; a directory contributes every ``*.toml`` file in
    it. A file whose ``format`` is ``statsbudsjett-transfers/1`` is a transfers file; every
    other file is read as an agency-year.
    """
    files, problems = _files([paths] if isinstance(paths, str | Path) else list(paths))
    years: list[tuple[AgencyYear, TomlDocument]] = []
    transfer_docs: list[TomlDocument] = []
    unread = False  # a file could not be read: checks across years would report its absence
    for file in files:
        try:
            document = read_toml(file)
        except InputError as error:
            problems.extend(error.problems)
            unread = True
            continue
        if document.data.get("format") == TRANSFERS_FORMAT:
            transfer_docs.append(document)
            continue
        try:
            year, warnings = read_agency_year(file)
        except InputError as error:
            problems.extend(error.problems)
            unread = True
            continue
        problems.extend(warnings)
        years.append((year, document))
    if not years and not unread and not any(p.is_error for p in problems):
        shown = ", ".join(str(p) for p in files) or ", ".join(str(p) for p in _as_list(paths))
        problems.append(Problem(
            "no agency-year file in the history", Location(shown),
            expected=f'files with format = "{YEAR_FORMAT}", one per fiscal year',
            hint="give the directory of the yearly files, or the files one by one"))
    if not unread:
        problems.extend(_chain_problems(years))
    known = {} if unread else {year.fiscal_year: year for year, _ in years}
    transfers: list[Transfer] = []
    for document in transfer_docs:
        reader = _TransfersReader(document, known, transfers)
        transfers.extend(reader.transfers())
        problems.extend(reader.problems)
    if any(p.is_error for p in problems):
        raise InputError(problems)
    try:
        history = History([year for year, _ in years], Transfers(transfers))
    except UsageError as error:  # pragma: no cover - the checks above report every broken invariant
        raise InputError([*problems, Problem(str(error))]) from None
    return history, tuple(problems)


def read_transfers(source: Path | str | bytes, *, file: str | None = None,
                   years: Sequence[AgencyYear] = ()) -> tuple[Transfers, tuple[Problem, ...]]:
    """Read a transfers file (a path) or its TOML text on its own; ``years`` are the agency-years
    its posts are checked against."""
    document = read_toml(source, file=file)
    if document.data.get("format") != TRANSFERS_FORMAT:
        raise InputError([Problem(
            "this is not a transfers file", document.location(("format",)),
            expected=f'format = "{TRANSFERS_FORMAT}"', found=repr(document.data.get("format")),
            hint=f'add format = "{TRANSFERS_FORMAT}" at the top')])
    reader = _TransfersReader(document, {y.fiscal_year: y for y in years}, [])
    transfers = reader.transfers()
    if any(p.is_error for p in reader.problems):
        raise InputError(reader.problems)
    return Transfers(transfers), tuple(reader.problems)


def _as_list(paths: PathLike | Sequence[PathLike]) -> list[PathLike]:
    return [paths] if isinstance(paths, str | Path) else list(paths)


def _files(paths: list[PathLike]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    if not paths:
        problems.append(Problem("no files given", hint="give a directory of yearly files, or the files"))
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                problems.append(Problem("the directory holds no .toml file", Location(str(path)),
                                        hint="put one agency-year file per fiscal year in it"))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem("no such file or directory", Location(str(path)),
                                    hint="check the path"))
    unique = {file.resolve(): file for file in reversed(files)}  # a file named twice is read once
    return sorted(unique.values(), key=files.index), problems


def _chain_problems(years: list[tuple[AgencyYear, TomlDocument]]) -> list[Problem]:
    """One file per fiscal year, no gaps, one agency."""
    problems = []
    ordered = sorted(years, key=lambda pair: pair[0].fiscal_year)
    seen: dict[int, TomlDocument] = {}
    for year, document in ordered:
        where = document.location(("fiscal_year",))
        if year.fiscal_year in seen:
            problems.append(Problem(
                f"fiscal year {year.fiscal_year} is given twice in the history", where,
                found=f"also in {seen[year.fiscal_year].file}", field="fiscal_year",
                hint="keep one file per fiscal year"))
        seen.setdefault(year.fiscal_year, document)
    numbers = sorted(seen)
    for before, after in pairwise(numbers):
        if after != before + 1:
            missing = ", ".join(str(y) for y in range(before + 1, after))
            problems.append(Problem(
                f"the history has no file for {missing} (between {before} and {after})",
                seen[after].location(("fiscal_year",)), field="fiscal_year",
                hint="the chain of transfers needs every year: add the missing year's file, "
                     "or load the years on each side separately"))
    if ordered:
        latest_year, latest_document = ordered[-1]
        for year, document in ordered[:-1]:
            if year.agency != latest_year.agency:
                problems.append(Problem(
                    f"the agency is {year.agency!r} in {year.fiscal_year} but {latest_year.agency!r} in "
                    f"{latest_year.fiscal_year}", document.location(("agency",)), Severity.WARNING,
                    field="agency", found=f"{latest_document.file}: {latest_year.agency!r}",
                    hint="fine for a renamed agency; otherwise the files belong to different histories"))
    return problems


class _TransfersReader(TomlReader):
    """Reads ``[transfer.<year>."<account>"]`` tables into :class:`Transfer` records."""

    def __init__(self, document: TomlDocument, years: dict[int, AgencyYear], earlier: list[Transfer]) -> None:
        super().__init__(document)
        self.years = years
        self.earlier = {(t.fiscal_year, t.account): t for t in earlier}

    def transfers(self) -> list[Transfer]:
        data = self.table((), self.doc.data, ("format", "agency", "transfer"), "the transfers file")
        assert data is not None
        agency = self.text(("agency",), data.get("agency"))
        latest = self.years[max(self.years)] if self.years else None
        if agency and latest is not None and agency != latest.agency:
            self.warn(("agency",), f"the transfers file is for {agency!r}, the history for {latest.agency!r}",
                      hint="check that the file belongs to this history")
        section = data.get("transfer", {})
        if not isinstance(section, dict):
            self.report(("transfer",), "`transfer` must hold one table per year and post",
                        hint='write [transfer.2021."1400.45"] tables')
            return []
        result = []
        for year_key, posts in section.items():
            path: KeyPath = ("transfer", year_key)
            fiscal_year = self.year_key(path, year_key)
            if fiscal_year is None:
                continue
            if not isinstance(posts, dict):
                self.report(path, f"[transfer.{year_key}] must hold one table per post",
                            hint=f'write [transfer.{year_key}."1400.45"] with applied/decided/justification')
                continue
            for account_key, entry in posts.items():
                transfer = self.transfer((*path, account_key), fiscal_year, account_key, entry)
                if transfer is not None:
                    result.append(transfer)
        return result

    def year_key(self, path: KeyPath, key: str) -> int | None:
        if not (key.isdigit() and len(key) == 4):
            self.report(path, f"`{key}` is not a fiscal year", key=True, expected="a year such as 2021",
                        hint='the transfer from 2021 to 2022 is written [transfer.2021."1400.45"]')
            return None
        return int(key)

    def transfer(self, path: KeyPath, fiscal_year: int, key: str, entry: Any) -> Transfer | None:
        account = self.account(path, key, Side.EXPENSE, key=True)
        table = self.table(path, entry, _TRANSFER_KEYS, f'[transfer.{fiscal_year}."{key}"]')
        if account is None or table is None:
            return None
        applied = self.money((*path, "applied"), table.get("applied"))
        decided = self.money((*path, "decided"), table.get("decided"))
        justification = self.text((*path, "justification"), table.get("justification"))
        if not table:
            self.report(path, f"the transfer on {account} from {fiscal_year} is empty", key=True,
                        hint="add `decided = …` (vedtatt), `applied = …` (søkt) and/or `justification = \"…\"`")
            return None
        if (fiscal_year, account) in self.earlier:
            other = self.earlier[(fiscal_year, account)].source
            self.report(path, f"the transfer on {account} from {fiscal_year} is given twice", key=True,
                        found=f"also at {other}" if other else None, hint="keep one entry per post and year")
            return None
        if not self.post_exists(path, fiscal_year, account):
            return None
        return Transfer(fiscal_year, account, applied, decided, justification, source=self.doc.location(path, key=True))

    def post_exists(self, path: KeyPath, fiscal_year: int, account: Account) -> bool:
        """A transfer from a year of the history names one of that year's own posts."""
        year = self.years.get(fiscal_year)
        if year is not None:
            if account not in {line.account for line in year.own_posts}:
                self.report(path, f"{account} is not one of the agency's own posts in {fiscal_year}", key=True,
                            hint=f"check the account, or the year: this is the transfer from {fiscal_year} "
                                 f"to {fiscal_year + 1}")
                return False
        elif self.years and fiscal_year + 1 not in self.years:
            first, last = min(self.years), max(self.years)
            self.warn(path, f"the transfer from {fiscal_year} is outside the history ({first}–{last}) and is not used",
                      key=True, hint=f"the history uses transfers from {first - 1} to {last}")
        return True
