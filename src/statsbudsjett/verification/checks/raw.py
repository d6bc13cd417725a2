"""Raw inputs → printed figures: the statements recomputed from the raw inputs (format v1)
must print as the report prints them.

The tolerance of a recomputed figure follows the n-term rule with ``n`` the number of raw
amounts it is built from: the leaves of its derivation through the report's own arithmetic
and cross-statement relations (e.g. Note B column C = A + B, A = samlet tildeling −
regnskap, samlet tildeling = overført + årets: four raw amounts). Raw amounts transcribed
from print are within ½ kr each; raw amounts in øre are exact and give exact figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ...findings import CellRef, Finding, Relation
from ...published.from_year import publish
from ...published.report import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_INCOME,
    PublishedReport,
    RowKind,
)
from ...tolerance import rounding_tolerance
from .common import rule

__all__ = ["RAW_RULE", "compare_raw", "derivations"]

RAW_RULE = rule("raw.recomputed", "Tallet er lik det som beregnes fra grunnlagsdataene (format v1)",
                "The figure equals the one computed from the raw inputs (format v1)", ["R-115", "S1", "S2"])

# Statements recomputed from raw inputs; a Note B row may be left out of a report (S1).
_RECOMPUTED = (APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME)
_OPTIONAL_ROWS = (NOTE_B,)
_DERIVABLE = (*_RECOMPUTED, CHARGEBACKS)


def derivations(findings: Iterable[Finding]) -> dict[CellRef, tuple[CellRef, ...]]:
    """Each recomputable figure's first derivation from other such figures, as the checks found it.

    Figures outside the recomputed statements (the artskontorapportering, the notes) are not
    raw inputs: a derivation through them is not followed.
    """
    found: dict[CellRef, tuple[CellRef, ...]] = {}
    for finding in findings:
        inside = all(c.statement in _DERIVABLE for c in (finding.cell, *finding.terms))
        if inside and finding.relation is Relation.EQUAL and finding.terms and finding.cell not in found:
            found[finding.cell] = finding.terms
    return found


def _leaves(cell: CellRef, derived: Mapping[CellRef, tuple[CellRef, ...]], seen: frozenset[CellRef]) -> int:
    terms = derived.get(cell)
    if not terms or cell in seen:
        return 1
    return sum(_leaves(t, derived, seen | {cell}) for t in terms)


def compare_raw(report: PublishedReport, derived: Mapping[CellRef, tuple[CellRef, ...]]) -> Iterator[Finding]:
    """Every printed figure of the recomputable statements against the same figure computed from ``report.raw``."""
    if report.raw is None:
        return
    computed = publish(report.raw, exact=True)
    for name in _RECOMPUTED:
        table, printed_table = computed.table(name), report.table(name)
        for row in table.rows:
            printed_row = printed_table.row(row.key)
            if printed_row is None and (name in _OPTIONAL_ROWS or not row.cells):
                continue
            for column in table.columns:
                cell = CellRef(name, row.key, column)
                published, expected = report.figure(cell), row[column]
                if published.value is None and not published.dash and expected.value is None:
                    continue
                location = published.location or (printed_row.location if printed_row else printed_table.location)
                yield RAW_RULE.compare(cell, published.value, expected.value,
                                       rounding_tolerance(_leaves(cell, derived, frozenset())), RAW_RULE.title,
                                       location=location or report.source)
        for printed_row in printed_table.rows:
            if table.row(printed_row.key) is None and printed_row.kind is RowKind.LINE:
                for column, figure in printed_row.cells:
                    yield RAW_RULE.compare(CellRef(name, printed_row.key, column), figure.value, None,
                                           rounding_tolerance(0), RAW_RULE.title, location=figure.location)
