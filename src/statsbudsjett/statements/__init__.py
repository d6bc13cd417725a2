"""Statements computed from an agency-year: pure functions, typed rows, no formatting."""

from .appropriation import AppropriationReport, appropriation_report
from .note_a import NoteA, note_a
from .note_b import NoteB, note_b, revenue_shares

__all__ = [
    "AppropriationReport",
    "NoteA",
    "NoteB",
    "appropriation_report",
    "note_a",
    "note_b",
    "revenue_shares",
]
