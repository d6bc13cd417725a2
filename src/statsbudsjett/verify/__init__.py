"""Verify a published annual report: every printed figure checked, rounding told apart from errors."""

from .findings import CellRef, Finding, Message, Relation, Rule, Severity, Status, Summary, VerifyReport
from .tolerance import classify, rounding_tolerance

__all__ = [
    "CellRef",
    "Finding",
    "Message",
    "Relation",
    "Rule",
    "Severity",
    "Status",
    "Summary",
    "VerifyReport",
    "classify",
    "rounding_tolerance",
]
