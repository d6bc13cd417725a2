"""statsbudsjett — Norwegian central-government appropriation accounting.

Load an agency-year (format v1), validate it, compute the *Oppstilling av
bevilgningsrapportering*, *Note A* and *Note B*, and render them as DFØ prints them::

    >>> import statsbudsjett as sb
    >>> year = sb.load_example()                 # Digdir 2021, or sb.load("inputs.toml")
    >>> sb.note_b(year)["540.01"].transferable
    Money('1362035.00')
    >>> print(sb.note_b(year)["540.01"].max_transferable)
    8 221 150

The top level re-exports what a finance script needs. Everything else stays in its
subpackage: :mod:`statsbudsjett.verification` (the checks of a published report),
:mod:`statsbudsjett.history` (across fiscal years), :mod:`statsbudsjett.io` (readers and
writers). Names are imported on first use, so that ``import statsbudsjett`` stays cheap
and a command loads only what it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name → the module that defines it (relative to this package)
_EXPORTS: dict[str, str] = {
    # the model
    "Money": ".money",
    "Account": ".account",
    "Keywords": ".keywords",
    "AgencyYear": ".model",
    "ExpenseLine": ".model",
    "IncomeLine": ".model",
    "RevenueAuthorisation": ".model",
    "Chargeback": ".model",
    "Reallocation": ".model",
    "Saving": ".model",
    "CommitmentAuthorisation": ".model",
    "CapitalAccount": ".model",
    "TreasuryBalance": ".model",
    # errors
    "StatsbudsjettError": ".errors",
    "UsageError": ".errors",
    "InputError": ".errors",
    "Problem": ".errors",
    "Location": ".errors",
    "Severity": ".errors",
    # statements
    "appropriation_report": ".statements",
    "note_a": ".statements",
    "note_b": ".statements",
    # findings, verify
    "Finding": ".findings",
    "VerifyReport": ".verification.report",
    "PublishedReport": ".published.report",
    "publish": ".published.from_year",
    # reading and writing files
    "load": ".io.input_reader",
    "read_agency_year": ".io.input_reader",
    "dump": ".io.input_writer",
    "write_agency_year": ".io.input_writer",
    "load_example": ".io.examples",
    "example_path": ".io.examples",
    "read_published": ".io.published_reader",
    "verify": ".io.api",
    "load_history": ".io.history_reader",
    "import_agency_year": ".io.importer",
    "history_report": ".history",
    "render": ".io.render",
    "validate": ".validation",
}
_ALIASES = {"load": "load_agency_year"}

__all__ = [
    "Account",
    "AgencyYear",
    "CapitalAccount",
    "Chargeback",
    "CommitmentAuthorisation",
    "ExpenseLine",
    "Finding",
    "IncomeLine",
    "InputError",
    "Keywords",
    "Location",
    "Money",
    "Problem",
    "PublishedReport",
    "Reallocation",
    "RevenueAuthorisation",
    "Saving",
    "Severity",
    "StatsbudsjettError",
    "TreasuryBalance",
    "UsageError",
    "VerifyReport",
    "appropriation_report",
    "dump",
    "example_path",
    "history_report",
    "import_agency_year",
    "load",
    "load_example",
    "load_history",
    "note_a",
    "note_b",
    "publish",
    "read_agency_year",
    "read_published",
    "render",
    "validate",
    "verify",
    "write_agency_year",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'statsbudsjett' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), _ALIASES.get(name, name))
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .account import Account
    from .errors import InputError, Location, Problem, Severity, StatsbudsjettError, UsageError
    from .findings import Finding
    from .history import history_report
    from .io.api import verify
    from .io.examples import example_path, load_example
    from .io.history_reader import load_history
    from .io.input_reader import load_agency_year as load
    from .io.input_reader import read_agency_year
    from .io.input_writer import dump, write_agency_year
    from .io.published_reader import read_published
    from .io.render import render
    from .keywords import Keywords
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
    from .published.from_year import publish
    from .published.report import PublishedReport
    from .statements import appropriation_report, note_a, note_b
    from .validation import validate
    from .verification.report import VerifyReport
