"""The names of the statements' tables, columns and fixed rows: where a figure stands.

One vocabulary for the published format, the findings (``CellRef``), the explanations and
every writer: a figure is ``(table, row, column)``, e.g. ``("note_b", "540.01",
"transferable")`` or ``("appropriation", "Sum utgiftsført", "accounted")``. Row keys of fixed
rows are DFØ's Norwegian labels, whatever the language a table is printed in.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "APPROPRIATION", "CAPITAL", "CHARGEBACKS", "COMMITMENTS", "HOLDINGS", "NOTE_A", "NOTE_B", "NOTE_B_COLUMNS",
    "NOTE_B_INCOME", "OBJECT_CLASS", "TREASURY_OVERVIEW", "Labels",
]

# Table names: the published format's section names, and the ``statement`` of a finding.
APPROPRIATION: Final = "appropriation"  # oppstilling av bevilgningsrapportering (lines, sums, netto)
CAPITAL: Final = "capital"  # kapitalkontoer and Sum rapportert
HOLDINGS: Final = "holdings"  # beholdninger rapportert til kapitalregnskapet
NOTE_A: Final = "note_a"
NOTE_B: Final = "note_b"
NOTE_B_INCOME: Final = "note_b_income"  # avgitte belastningsfullmakter på inntektskapitler
# Note B's amount columns A–I, in DFØ's order (statements/transfer_note.py names them)
NOTE_B_COLUMNS: Final = ("difference", "spent_by_others", "difference_after_chargebacks", "revenue", "reallocation",
                         "savings", "basis", "max_transferable", "transferable")
CHARGEBACKS: Final = "chargeback"  # belastningsfullmakter stated in the report's text
COMMITMENTS: Final = "commitment"  # tilsagns- og bestillingsfullmakter stated in the text
OBJECT_CLASS: Final = "object_class"  # oppstilling av artskontorapporteringen
TREASURY_OVERVIEW: Final = "treasury_overview"  # oversikt over mellomværende med statskassen


class Labels:
    """Labels of the fixed rows, as DFØ prints them (the ``row`` of their findings)."""

    EXPENSE_TOTAL: Final = "Sum utgiftsført"
    INCOME_TOTAL: Final = "Sum inntektsført"
    NET_REPORTED: Final = "Netto rapportert til bevilgningsregnskapet"
    TOTAL_REPORTED: Final = "Sum rapportert"
    SUM: Final = "Sum"
    INCOME_SUM: Final = "Sum inntekter"  # Note A's sum of the income posts it explains
    TREASURY_TOTAL: Final = "Sum mellomværende med statskassen"
    TREASURY_CHANGE: Final = "Endring i mellomværende med statskassen"  # the capital line the statement adds
