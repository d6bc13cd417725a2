"""Import an agency-year from DFØ's files: read each source once, build, write format v1.

:func:`import_agency_year` is the whole import in Python: it reads the files given (the
state accounts streamed in one pass, the appropriations ledger, a budget table, the facts
file), builds the agency-year with :func:`statsbudsjett.opendata.build.build_agency_year`
and returns the :class:`~statsbudsjett.opendata.build.ImportResult`; :func:`dump_import`
writes it as format v1 with a comment on every imported figure saying where it came from.
Walk-through: ``docs/import.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from attrs import evolve, frozen

from .. import __version__
from ..errors import InputError, Location, Problem, UsageError
from ..findings import Finding
from ..opendata.build import ImportResult, build_agency_year
from ..opendata.ledger import organisation_number_problem
from ..reprs import field_repr
from ..validation import problem
from .appropriations_reader import read_appropriations
from .dfo_csv import Progress
from .facts_reader import read_facts
from .input_reader import AgencyYearReader
from .input_writer import dump
from .ledger_reader import read_ledger
from .toml_document import read_toml

__all__ = ["AgencyRows", "dump_import", "dump_transfers", "import_agency_year", "list_agencies", "located_in"]


def _organisation_number(agency: str) -> str:
    if not isinstance(agency, str):
        raise UsageError(f"the agency is its organisasjonsnummer as a string, such as \"991825827\", not {agency!r}")
    number = agency.replace(" ", "")
    problem = organisation_number_problem(number)
    if problem:
        raise InputError([Problem(f"the agency {agency!r} {problem}", Location("--agency"),
                                  hint="give the agency's organisasjonsnummer, e.g. --agency 991825827 "
                                       "(--list-agencies shows those in the state accounts)")])
    return number


def import_agency_year(
    agency: str,
    year: int,
    *,
    ledger: str | Path | None = None,
    appropriations: str | Path | None = None,
    budget: str | Path | None = None,
    facts: str | Path | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """The agency-year of ``agency`` (organisasjonsnummer) in ``year`` from the files given.

    ``ledger`` is DFØ's state accounts (``statsregnskapet_aar_ÅÅÅÅ.zip`` or its CSV, or the full
    history), ``appropriations`` the appropriations ledger, ``budget`` a Gul bok or Saldert
    budsjett table (xlsx or CSV), ``facts`` the agency's facts file (format v1, see
    ``docs/import.md``); at least one of ``ledger`` and ``appropriations``. ``progress`` is
    called with the fraction of the state accounts read. Raises
    :class:`~statsbudsjett.errors.InputError` with every problem located when a file cannot be
    used; disagreements between the facts and the open data are findings of the result.
    """
    if type(year) is not int:
        raise UsageError(f"import_agency_year: year is an int such as 2021, not {year!r}")
    number = _organisation_number(agency)
    facts_read = read_facts(facts, fiscal_year=year) if facts is not None else None
    summary = None
    header: list[str] = []
    if ledger is not None:
        ledger_file = read_ledger(ledger, year=year, progress=progress)
        summary = ledger_file.summarise(number)
        mine = ledger_file.agencies.get(number, ("", 0))[1]
        if mine and not any(booker == number for _, booker in summary.bookings):
            raise InputError([Problem(
                f"agency {number} has {mine} rows in the state accounts of {year}, none on an appropriation account "
                "(kapittel/post)", Location(ledger_file.name),
                hint="a nettobudsjettert agency reports no kapittel/post: its bevilgningsrapportering is its "
                     "ministry's tildeling, not these rows")])
        header.append(f"state accounts: {ledger_file.name}: {ledger_file.rows} rows read, {mine} of the agency; "
                      f"{ledger_file.skipped} not on an appropriation account, {ledger_file.other_years} of other "
                      "years (skipped)")
    rows = None
    if appropriations is not None:
        appropriations_file = read_appropriations(appropriations)
        rows = [row for row in appropriations_file if row.year == year]  # every row read (and checked), the year's kept
        used = len(rows)
        header.append(f"appropriations ledger: {appropriations_file.name}: {appropriations_file.rows} rows read, "
                      f"{used} of {year}")
    posts = None
    if budget is not None:
        from .budget_reader import read_budget

        posts = read_budget(budget)
        header.append(f"budget table: {budget}: {len(posts)} posts (texts and stikkord only)")
    if facts_read is not None:
        header.append(f"facts: {facts}")
    result = build_agency_year(number, year, ledger=summary, appropriations=rows, budget=posts, facts=facts_read)
    return evolve(result, sources=tuple(header))


def dump_import(result: ImportResult) -> str:
    """The imported agency-year as format v1, with where each figure came from as comments."""
    year = result.year
    header = [f"{year.agency}, fiscal year {year.fiscal_year}: imported by statsbudsjett {__version__} from",
              *(f"  {line}" for line in result.sources),
              "Each imported figure says where it came from. Check and correct this file, then keep it:",
              "it is the agency-year (format v1) the statements are computed from.", ""]
    return dump(year, notes=result.notes, header=header)


def located_in(text: str, file: str, findings: Iterable[Finding]) -> list[Problem]:
    """The findings of an import as problems; those about the built agency-year point at their
    value in its written text (``file`` names it), those about the facts at the facts file."""
    reader = AgencyYearReader(read_toml(text, file=file))
    reader.agency_year()
    return [problem(f) if f.location is not None else reader.located(f) for f in findings]


def dump_transfers(result: ImportResult) -> str:
    """The transfers decided («Overføres til Y+1» of the appropriations ledger) as a transfers file
    (``statsbudsjett-transfers/1``, docs/history.md): the public side of the transfer decision,
    to stand in for the agency's own record in ``statsbudsjett history``."""
    from .history_reader import TRANSFERS_FORMAT
    from .input_writer import toml_amount, toml_string

    year = result.year
    lines = [f"# {year.agency}: transfers decided from {year.fiscal_year} to {year.fiscal_year + 1}, from the "
             "appropriations ledger («Overføres til»)", f"format = {toml_string(TRANSFERS_FORMAT)}",
             f"agency = {toml_string(year.agency)}"]
    for account, amount in result.carried_forward.items():
        lines += ["", f'[transfer.{year.fiscal_year}."{account}"]', f"decided = {toml_amount(amount)}"]
    return "\n".join(lines) + "\n"


@frozen
class AgencyRows:
    """An agency in the state accounts: organisasjonsnummer, name and number of rows."""

    __repr__ = field_repr

    organisation_number: str
    name: str
    rows: int


def list_agencies(ledger: str | Path, year: int | None = None, *, progress: Progress | None = None) -> list[AgencyRows]:
    """The booking agencies in the state accounts (of ``year`` when given), by name."""
    file = read_ledger(ledger, year=year, progress=progress)
    file.summarise(None)  # the one pass, without a record per row
    return sorted((AgencyRows(number, name, rows) for number, (name, rows) in file.agencies.items()),
                  key=lambda agency: (agency.name.casefold(), agency.organisation_number))
