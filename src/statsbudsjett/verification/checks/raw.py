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

from ...errors import Location
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
from ...rules.driftsresultat import DRIFTSRESULTAT_POST, is_component
from ...tolerance import rounding_tolerance
from .common import rule

__all__ = ["RAW_RULE", "compare_raw", "derivations"]

RAW_RULE = rule("raw.recomputed", "Tallet er lik det som beregnes fra grunnlagsdataene (format v1)",
                "The figure equals the one computed from the raw inputs (format v1)", ["R-115", "S1", "S2"])

# Statements recomputed from raw inputs; a Note B row may be left out of a report (S1); a sum line of
# Note A left out is said (info; Petoro prints none in its note A for 2023, PETORO-2023), not an error.
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


def _shown(amount: Money | None, empty: str) -> str:
    return empty if amount is None else amount.format(decimals=not amount.is_whole_kroner)


def _message(published: Money | None, expected: Money | None, *, unsigned: bool = False) -> Message:
    """``published`` is the figure as read: on an ``unsigned`` row the negative of the print, which is shown too."""
    if unsigned and published is not None:
        printed, read = _shown(-published, ""), _shown(published, "")
        return Message(f"trykt {printed} uten fortegn, lest som {read}; grunnlagsdataene gir {_shown(expected, 'tom')}",
                       f"printed {printed} unsigned, read as {read}; the raw inputs give {_shown(expected, 'empty')}")
    return Message(f"trykt {_shown(published, 'tom')}, grunnlagsdataene gir {_shown(expected, 'tom')}",
                   f"printed {_shown(published, 'empty')}, the raw inputs give {_shown(expected, 'empty')}")


def _sign_hint(printed_row: Row | None, published: Money | None, expected: Money | None,
               tolerance: Money) -> Message | None:
    """A driftsresultat component read with the other sign than the raw inputs give it: how to mark the row."""
    if printed_row is None or printed_row.account is None or not is_component(printed_row.account):
        return None
    if published is None or expected is None or expected == Money(0) or abs(published + expected) > tolerance:
        return None
    post = DRIFTSRESULTAT_POST
    if printed_row.unsigned:
        return Message(f"raden er trykt med fortegn: fjern unsigned = true (del av driftsresultatet på post {post})",
                       f"the row is printed with its sign: remove unsigned = true (a part of the driftsresultat on "
                       f"post {post})")
    return Message(f"er raden trykt uten fortegn (del av driftsresultatet på post {post}), skriv unsigned = true i "
                   "raden", f"if the report prints the row unsigned (a part of the driftsresultat on post {post}), "
                   "write unsigned = true in the row")


def _sum_line_left_out(name: str, row: Row, location: Location | None) -> Finding:
    """A sum line of ``name`` the report does not print: no figure printed wrong, but said (info)."""
    column = next((c for c, f in reversed(row.cells) if f.value is not None), row.cells[-1][0])  # the total
    expected = row[column].value
    return RAW_RULE.explained(CellRef(name, row.key, column), None, Message(
        f"linjen «{row.label}» er ikke trykt; grunnlagsdataene gir {_shown(expected, 'tom')}",
        f"the line «{row.label}» is not printed; the raw inputs give {_shown(expected, 'empty')}"), location=location)


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
            if printed_row is None and (name in _OPTIONAL_ROWS or not row.cells):
                continue
            if printed_row is None and name in _OPTIONAL_SUM_LINES and row.kind is not RowKind.LINE:
                yield _sum_line_left_out(name, row, printed_table.location or report.source)
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
                unsigned = printed_row is not None and printed_row.unsigned
                finding = RAW_RULE.compare(cell, published.value, expected.value, tolerance,
                                           _message(published.value, expected.value, unsigned=unsigned),
                                           location=location or report.source,
                                           hint=_sign_hint(printed_row, published.value, expected.value, tolerance))
                yield evolve(finding, because=because.get(cell)) if cell in because else finding
        for printed_row in printed_table.rows:
            if table.row(printed_row.key) is None and printed_row.kind is RowKind.LINE:
                for column, figure in printed_row.cells:
                    yield RAW_RULE.compare(CellRef(name, printed_row.key, column), figure.value, None,
                                           rounding_tolerance(0), _message(figure.value, None),
                                           location=figure.location)
