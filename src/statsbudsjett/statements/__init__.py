"""Statements computed from an agency-year: pure functions, typed rows, no formatting.

:func:`appropriation_report`, :func:`note_a` and :func:`note_b` validate the year first
(:mod:`.validated`); the arithmetic itself is in :mod:`.appropriation`, :mod:`.allocation_note` and
:mod:`.transfer_note`, which the validation pass uses too. Names are imported on first use, so that
validation can import the arithmetic without importing itself.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["AppropriationReport", "NoteA", "NoteB", "appropriation_report", "note_a", "note_b", "revenue_shares"]

_EXPORTS = {
    "AppropriationReport": ".appropriation",
    "NoteA": ".allocation_note",
    "NoteB": ".transfer_note",
    "revenue_shares": ".transfer_note",
    "appropriation_report": ".validated",
    "note_a": ".validated",
    "note_b": ".validated",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'statsbudsjett.statements' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .allocation_note import NoteA
    from .appropriation import AppropriationReport
    from .transfer_note import NoteB, revenue_shares
    from .validated import appropriation_report, note_a, note_b
