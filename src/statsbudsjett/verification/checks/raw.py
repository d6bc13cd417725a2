"""Raw inputs → printed figures: the statements recomputed from the raw inputs (format v1)
must print as the report prints them.

A printed figure is the recomputed one rounded to whole kroner, unless the report summed
figures it had already rounded: then it may differ by the rounding of those terms. The
tolerance follows the n-term rule with ``n`` the number of *rounded* terms among the leaves
of the figure's derivation through the report's own arithmetic (e.g. Note B column C = A + B,
A = samlet tildeling − regnskap, samlet tildeling = overført + årets: four raw amounts), as
beancount infers a tolerance from the precision of the figures: an exact whole-kroner amount
has nothing to round and counts 0; an amount with øre counts 1; with ``precision = "printed"``
every raw amount is itself a rounded figure and counts 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from attrs import evolve

from ...findings import CellRef, Finding, Message, Relation
from ...model import Precision
from ...money import Money
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
    Row,
    RowKind,
)
from ...rules.driftsresultat import is_component
from ...tolerance import rounding_tolerance
from .common import rule

__all__ = ["RAW_RULE", "compare_raw", "derivations"]

RAW_RULE = rule("raw.recomputed", "Tallet er lik det som beregnes fra grunnlagsdataene (format v1)",
                "The figure equals the one computed from the raw inputs (format v1)", ["R-115", "S1", "S2"])

# Statements recomputed from raw inputs; a Note B row may be left out of a report (S1), and Note A's
# sum lines (Petoro prints none in its note A for 2023, PETORO-2023): a row left out is no figure printed wrong.
_RECOMPUTED = (APPROPRIATION, CAPITAL, HOLDINGS, NOTE_A, NOTE_B, NOTE_B_INCOME)
_OPTIONAL_ROWS = (NOTE_B,)
_OPTIONAL_SUM_LINES = (NOTE_A,)
_DERIVABLE = (*_RECOMPUTED, CHARGEBACKS)
_EMPTY_WITHOUT_TRANSFER = ("basis", "max_transferable")  # Note B's G and H


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


def _leaves(cell: CellRef, derived: Mapping[CellRef, tuple[CellRef, ...]], seen: frozenset[CellRef]) -> list[CellRef]:
    terms = derived.get(cell)
    if not terms or cell in seen:
        return [cell]
    return [leaf for t in terms for leaf in _leaves(t, derived, seen | {cell})]


def _rounded_terms(cell: CellRef, derived: Mapping[CellRef, tuple[CellRef, ...]], computed: PublishedReport,
                   printed_inputs: bool) -> int:
    """How many of the terms a figure is built from a report prints rounded (see the module's docstring)."""
    leaves = _leaves(cell, derived, frozenset())
    return sum(1 for leaf in leaves if printed_inputs or not computed.figure(leaf).amount.is_whole_kroner)


def _message(published: Money | None, expected: Money | None) -> Message:
    def shown(amount: Money | None, empty: str) -> str:
        return empty if amount is None else amount.format(decimals=not amount.is_whole_kroner)

    return Message(f"trykt {shown(published, 'tom')}, grunnlagsdataene gir {shown(expected, 'tom')}",
                   f"printed {shown(published, 'empty')}, the raw inputs give {shown(expected, 'empty')}")


def _unsigned_hint(row: Row, published: Money | None, expected: Money | None) -> Message | None:
    """Where a driftsresultat component is printed with the other sign: it may be printed unsigned."""
    if row.account is None or not is_component(row.account) or published is None or expected is None:
        return None
    if published == expected or published != -expected:
        return None
    return Message("er raden trykt uten fortegn (del av driftsresultatet på post 24), skriv unsigned = true i raden",
                   "if the report prints the row unsigned (a part of the driftsresultat on post 24), write "
                   "unsigned = true in the row")


def compare_raw(report: PublishedReport, derived: Mapping[CellRef, tuple[CellRef, ...]]) -> Iterator[Finding]:
    """Every printed figure of the recomputable statements against the same figure computed from ``report.raw``.

    Note B's G and H are compared where printed; left empty they are fine where nothing may be
    transferred (DFØ's layout), while an empty I there is the rule (``rules.transfer-allowed``).
    """
    raw = report.raw
    if raw is None:
        return
    computed = publish(raw, exact=True, complete=True)
    because = computed.terms  # how the raw inputs give each figure: the statements' own record
    printed_inputs = raw.precision is Precision.PRINTED
    for name in _RECOMPUTED:
        table, printed_table = computed.table(name), report.table(name)
        for row in table.rows:
            printed_row = printed_table.row(row.key)
            optional = name in _OPTIONAL_ROWS or (name in _OPTIONAL_SUM_LINES and row.kind is not RowKind.LINE)
            if printed_row is None and (optional or not row.cells):
                continue
            nothing_transfers = name == NOTE_B and row["transferable"].value is None
            for column in table.columns:
                cell = CellRef(name, row.key, column)
                published, expected = report.figure(cell), row[column]
                empty = published.value is None and not published.dash
                if empty and (expected.value is None or (nothing_transfers and column in _EMPTY_WITHOUT_TRANSFER)):
                    continue
                location = published.location or (printed_row.location if printed_row else printed_table.location)
                tolerance = rounding_tolerance(_rounded_terms(cell, derived, computed, printed_inputs))
                finding = RAW_RULE.compare(cell, published.value, expected.value, tolerance,
                                           _message(published.value, expected.value),
                                           location=location or report.source,
                                           hint=_unsigned_hint(row, published.value, expected.value))
                yield evolve(finding, because=because.get(cell)) if cell in because else finding
        for printed_row in printed_table.rows:
            if table.row(printed_row.key) is None and printed_row.kind is RowKind.LINE:
                for column, figure in printed_row.cells:
                    yield RAW_RULE.compare(CellRef(name, printed_row.key, column), figure.value, None,
                                           rounding_tolerance(0), _message(figure.value, None),
                                           location=figure.location)
