"""Verify a published annual report: every printed figure checked, rounding told apart from errors.

>>> from statsbudsjett.verify import verify
>>> verify().summary.errors                    # the bundled Digdir 2021 report
0

The core (checks, findings, tolerance, the published-report model) is pure; reading
files is :mod:`statsbudsjett.io.published`, and the findings report is written by
:mod:`statsbudsjett.verify.render`.
"""

from .api import verify
from .core import verify_report
from .findings import CellRef, Finding, Message, Relation, Rule, Severity, Status, Summary, VerifyReport
from .publish import publish
from .published import Figure, PublishedReport, Row, RowKind, Table, TableKind
from .registry import CHECKS, RULES
from .tolerance import classify, rounding_tolerance

__all__ = [
    "CHECKS",
    "RULES",
    "CellRef",
    "Figure",
    "Finding",
    "Message",
    "PublishedReport",
    "Relation",
    "Row",
    "RowKind",
    "Rule",
    "Severity",
    "Status",
    "Summary",
    "Table",
    "TableKind",
    "VerifyReport",
    "classify",
    "publish",
    "rounding_tolerance",
    "verify",
    "verify_report",
]
