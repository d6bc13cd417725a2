"""Every figure of the statements with the term that explains it, by where it stands.

The statements record their terms as they compute (:mod:`statsbudsjett.explanation`); this
gathers them by the published format's names (``CellRef``: table, row, column), the one
address that ``explain``, verify's findings and the HTML page share.
"""

from __future__ import annotations

from ..explanation import Term
from ..findings import CellRef
from .allocation_note import NoteA
from .appropriation import AppropriationReport
from .names import APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME
from .transfer_note import NoteB

__all__ = ["cell_terms"]

# The bevilgningsrapportering keeps its capital accounts and holdings in their own tables.
_TABLE_OF_COLUMN = {"amount": CAPITAL, "change": HOLDINGS}


def cell_terms(report: AppropriationReport, allocation: NoteA, transfer: NoteB) -> dict[CellRef, Term]:
    """The term of every figure of the three statements, by cell."""
    terms = {CellRef(_TABLE_OF_COLUMN.get(column, APPROPRIATION), row, column): term
             for (row, column), term in report.terms.items()}
    terms.update({CellRef(NOTE_A, row, column): term for (row, column), term in allocation.terms.items()})
    terms.update({CellRef(NOTE_B, row, column): term for (row, column), term in transfer.terms.items()})
    terms.update({CellRef(NOTE_B_INCOME, row, column): term for (row, column), term in transfer.income_terms.items()})
    return terms
