"""statsbudsjett — Norwegian central-government appropriation accounting.

Load an agency-year (format v1), compute the *Oppstilling av bevilgningsrapportering*,
*Note A* and *Note B*, and render them as DFØ prints them::

    >>> import statsbudsjett as sb
    >>> year = sb.load_example()                 # Digdir 2021, or sb.load("inputs.toml")
    >>> sb.note_b(year)["540.01"].transferable
    Money('1362035.00')
    >>> print(sb.note_b(year)["540.01"].max_transferable)
    8 221 150
"""

from .account import Account, PostGroup, Side
from .errors import InputError, Location, Problem, Severity, StatsbudsjettError, UsageError
from .examples import example_path, load_example
from .history import (
    History,
    HistoryReport,
    Transfer,
    TransferApplication,
    Transfers,
    history_report,
    load_history,
    read_history,
    render_application,
    render_history,
    transfer_application,
)
from .io.loader import load_agency_year as load
from .io.loader import read_agency_year
from .io.published import read_published
from .io.render import OutputFormat, render
from .io.tables import Language
from .io.writer import dump, write_agency_year
from .keywords import Keywords, parse_keywords
from .model import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    Reallocation,
    RevenueAuthorisation,
    Saving,
    TreasuryBalance,
)
from .money import Money
from .statements import AppropriationReport, NoteA, NoteB, appropriation_report, note_a, note_b
from .verify import Finding, PublishedReport, VerifyReport, publish, verify

__version__ = "0.1.0"

__all__ = [
    "Account",
    "AgencyYear",
    "AppropriationReport",
    "CapitalAccount",
    "Chargeback",
    "CommitmentAuthorisation",
    "ExpenseLine",
    "Finding",
    "History",
    "HistoryReport",
    "IncomeLine",
    "InputError",
    "Keywords",
    "Language",
    "Location",
    "Money",
    "NoteA",
    "NoteB",
    "OutputFormat",
    "PostGroup",
    "Problem",
    "PublishedReport",
    "Reallocation",
    "RevenueAuthorisation",
    "Saving",
    "Severity",
    "Side",
    "StatsbudsjettError",
    "Transfer",
    "TransferApplication",
    "Transfers",
    "TreasuryBalance",
    "UsageError",
    "VerifyReport",
    "appropriation_report",
    "dump",
    "example_path",
    "history_report",
    "load",
    "load_example",
    "load_history",
    "note_a",
    "note_b",
    "parse_keywords",
    "publish",
    "read_agency_year",
    "read_history",
    "read_published",
    "render",
    "render_application",
    "render_history",
    "transfer_application",
    "verify",
    "write_agency_year",
]
