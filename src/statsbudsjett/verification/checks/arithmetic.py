"""Arithmetic inside each statement: every sum line and every derived column (R-115, RULES.md § 9)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from ...account import Side
from ...findings import CellRef, Finding, Message, Relation, Rule, Severity
from ...money import Money
from ...published.layout import OBJECT_CLASS_LINES
from ...published.report import (
    APPROPRIATION,
    CAPITAL,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_INCOME,
    OBJECT_CLASS,
    POST_TOTAL,
    TREASURY_OVERVIEW,
    PublishedReport,
    Row,
    RowKind,
    Table,
    TableKind,
)
from ...rules.driftsresultat import DRIFTSRESULTAT_POST
from ...rules.driftsresultat import SOURCES as DRIFTSRESULTAT_SOURCES
from ...rules.registry import BALANCE
from ...tolerance import rounding_tolerance
from .common import Check, Term, compare_with_terms, counted, rule

__all__ = ["ARITHMETIC_CHECKS", "has_difference_column", "own_chapters"]

# The columns of the bevilgningsrapportering's lines.
ALLOCATION, ACCOUNTED, DIFFERENCE = "total_allocation", "accounted", "difference"


def own_chapters(report: PublishedReport) -> frozenset[int]:
    """The agency's own chapters: those of Note A's posts, and income chapters with a samlet tildeling
    or a mer-/mindreinntekt printed (a figure or "-").

    Without Note A, every chapter but the felleskapitler counts as the agency's own.
    """
    table = report.table(APPROPRIATION)
    income = {r.account.chapter for r in table.lines() if r.account is not None and r.account.chapter >= 3000
              and (r[ALLOCATION].printed or DIFFERENCE in r)}
    expense = {r.account.chapter for r in report.table(NOTE_A).lines() if r.account is not None
               and r.account.side is Side.EXPENSE}
    if not expense:
        expense = {r.account.chapter for r in table.lines()
                   if r.account is not None and r.account.chapter < 3000 and not r.account.is_common}
    return frozenset(income | expense)


def has_difference_column(row: Row, own: frozenset[int]) -> bool:
    """Mer-/mindreutgift is shown on the agency's own chapters, not on felleskapitler or received chargebacks."""
    return row.account is not None and row.account.chapter in own and not row.received_chargeback


def _findings(*found: Finding | None) -> Iterator[Finding]:
    return (f for f in found if f is not None)


def line_difference(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Merutgift/mindreutgift = samlet tildeling − regnskap; merinntekt/mindreinntekt = regnskap − samlet tildeling."""
    table, own = report.table(APPROPRIATION), own_chapters(report)
    for row in table.lines():
        assert row.account is not None
        sign = 1 if row.account.chapter < 3000 else -1
        terms: list[Term] = [(sign, table.cell(row, ALLOCATION)), (-sign, table.cell(row, ACCOUNTED))]
        yield from _findings(compare_with_terms(report, rule, table.cell(row, DIFFERENCE), terms,
                                                expect_empty=not has_difference_column(row, own)))


def reported_only(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Felleskapitler and lines under received chargebacks have no samlet tildeling: "-" or empty (S2)."""
    table, own = report.table(APPROPRIATION), own_chapters(report)
    for row in table.lines():
        if not has_difference_column(row, own):
            yield from _findings(compare_with_terms(report, rule, table.cell(row, ALLOCATION), [], expect_empty=True))


def appropriation_sums(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Sum utgiftsført / Sum inntektsført: each column is the sum of its lines.

    The mer-/mindre column sums the lines that show one; it is not samlet tildeling minus
    regnskap of the sum line, which holds felleskapitler and received chargebacks too.
    """
    table, own = report.table(APPROPRIATION), own_chapters(report)
    for code, expense in (("expense_total", True), ("income_total", False)):
        total = table.by_code(code)
        if total is None:
            continue
        lines = [r for r in table.lines() if r.account is not None and (r.account.chapter < 3000) == expense]
        for column in (ALLOCATION, ACCOUNTED, DIFFERENCE):
            rows = [r for r in lines if column != DIFFERENCE or has_difference_column(r, own)]
            yield from _findings(compare_with_terms(report, rule, table.cell(total, column),
                                                    [(1, table.cell(r, column)) for r in rows]))


def net_reported(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Netto rapportert til bevilgningsregnskapet = Sum utgiftsført − Sum inntektsført (regnskap)."""
    table = report.table(APPROPRIATION)
    net, expense, income = (table.by_code(c) for c in ("net_reported", "expense_total", "income_total"))
    if net is not None and expense is not None and income is not None:
        terms: list[Term] = [(1, table.cell(expense, ACCOUNTED)), (-1, table.cell(income, ACCOUNTED))]
        yield from _findings(compare_with_terms(report, rule, table.cell(net, ACCOUNTED), terms))


def total_reported(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Sum rapportert = netto rapportert + the capital accounts (incl. endring i mellomværende)."""
    capital = report.table(CAPITAL)
    total = capital.by_code("total_reported")
    net = report.table(APPROPRIATION).by_code("net_reported")
    if total is None or net is None:
        return
    terms: list[Term] = [(1, CellRef(APPROPRIATION, net.key, ACCOUNTED))]
    terms += [(1, capital.cell(r, "amount")) for r in capital.lines()]
    yield from _findings(compare_with_terms(report, rule, capital.cell(total, "amount"), terms))


def balance(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Sum rapportert = 0 (RULES.md § 9.4), within the rounding of the printed figures it adds up:
    the same rule validation applies to the raw inputs. Checked when the report prints its capital
    accounts (a report of the statements alone has nothing to balance)."""
    capital = report.table(CAPITAL)
    total = capital.by_code("total_reported")
    net = report.table(APPROPRIATION).by_code("net_reported")
    if total is None or not capital.lines():
        return
    cell = capital.cell(total, "amount")
    terms = [capital.cell(r, "amount") for r in capital.lines()]
    if net is not None:
        terms.append(CellRef(APPROPRIATION, net.key, ACCOUNTED))
    printed = total["amount"]
    yield rule.compare(cell, printed.value, Money(0), rounding_tolerance(counted(report, terms)), Message(
        f"Sum rapportert er trykt {printed.amount.format()}, men skal være 0",
        f"Sum rapportert is printed as {printed.amount.format()}, but must be 0"), location=printed.location)


# Signs fixed by the template (RULES.md § 9.8): spent by others and savings are never positive,
# the cap never negative.
SIGNS: Final = (("spent_by_others", Relation.AT_MOST), ("savings", Relation.AT_MOST),
                ("max_transferable", Relation.AT_LEAST))


def note_b_signs(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Utgiftsført av andre(−) and Innsparinger(−) ≤ 0; Maks. overførbart beløp ≥ 0."""
    table = report.table(NOTE_B)
    for row in table.lines():
        for column, relation in SIGNS:
            figure = row[column]
            if figure.printed and figure.amount:
                yield rule.compare(table.cell(row, column), figure.value, Money(0), Money(0), Message(
                    f"{row.key}: {column} har feil fortegn ({figure.amount.format()}); kolonnen er "
                    f"{'aldri positiv' if relation is Relation.AT_MOST else 'aldri negativ'}",
                    f"{row.key}: {column} has the wrong sign ({figure.amount.format()}); the column is "
                    f"{'never positive' if relation is Relation.AT_MOST else 'never negative'}"),
                    location=figure.location, relation=relation)


def holding_change(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Endring = beholdning 31.12 this year − 31.12 last year."""
    table = report.table(HOLDINGS)
    for row in table.lines():
        yield from _findings(compare_with_terms(report, rule, table.cell(row, "change"),
                                                [(1, table.cell(row, "closing")), (-1, table.cell(row, "opening"))]))


def note_a_rows(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Samlet tildeling = overført fra i fjor + årets tildelinger (Note A, RULES.md § 5.1)."""
    table = report.table(NOTE_A)
    for row in table.lines():
        terms: list[Term] = [(1, table.cell(row, "carried_over")), (1, table.cell(row, "allocated"))]
        yield from _findings(compare_with_terms(report, rule, table.cell(row, "total"), terms))


def unsigned_rows(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """A row printed without its minus sign (a driftsresultat component, ``unsigned = true``): said, not hidden."""
    for name in (APPROPRIATION, NOTE_A):
        table = report.table(name)
        for row in (r for r in table.lines() if r.unsigned):
            column = next((c for c, f in row.cells if f.value is not None), table.columns[-1])
            figure = row[column]
            read = ("", "") if figure.value is None else (
                f": {row.as_printed(figure).value} lest som {figure.value}",
                f": {row.as_printed(figure).value} read as {figure.value}")
            yield rule.explained(table.cell(row, column), figure.value, Message(
                f"{row.key} er trykt uten fortegn, som en del av driftsresultatet på post {DRIFTSRESULTAT_POST}"
                f"{read[0]}",
                f"{row.key} is printed unsigned, as a part of the driftsresultat on post {DRIFTSRESULTAT_POST}"
                f"{read[1]}"), location=row.location)


def post_total_lines(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """A post printed beside its underposts (a sum line, ``POST_TOTAL``) = their sum, column by column."""
    table = report.table(NOTE_A)
    for total in (r for r in table.rows if r.code == POST_TOTAL and r.account is not None):
        parts = [r for r in table.lines() if r.account is not None and r.account.post_account == total.account]
        for column in table.columns:
            yield from _findings(compare_with_terms(report, rule, table.cell(total, column),
                                                    [(1, table.cell(r, column)) for r in parts]))


def column_sums(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Note A's sum lines: each column is the sum of the expense rows (and of the income rows Note A
    explains, in their own sum)."""
    table = report.table(NOTE_A)
    for code, side in (("total", Side.EXPENSE), ("income_total", Side.INCOME)):
        total = table.by_code(code)
        if total is None:
            continue
        rows = [r for r in table.lines() if r.account is not None and r.account.side is side]
        for column in table.columns:
            yield from _findings(compare_with_terms(report, rule, table.cell(total, column),
                                                    [(1, table.cell(r, column)) for r in rows]))


def note_b_after_chargebacks(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """C = A + B: mer-/mindreutgift etter avgitte belastningsfullmakter (Note B, RULES.md § 4)."""
    table = report.table(NOTE_B)
    for row in table.lines():
        yield from _findings(compare_with_terms(report, rule, table.cell(row, "difference_after_chargebacks"), [
            (1, table.cell(row, "difference")), (1, table.cell(row, "spent_by_others"))]))


def note_b_basis(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """G = C + D + E + F: sum grunnlag for overføring, where it is printed (Note B, RULES.md § 4).

    Where nothing may be transferred DFØ leaves G empty; whether it must be printed is a rules check.
    """
    table = report.table(NOTE_B)
    for row in table.lines():
        cell = table.cell(row, "basis")
        if report.figure(cell).value is None:
            continue
        yield from _findings(compare_with_terms(report, rule, cell, [
            (1, table.cell(row, c)) for c in ("difference_after_chargebacks", "revenue", "reallocation", "savings")]))


def note_b_income(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Merinntekt etter avgitte belastningsfullmakter = merinntekt + inntektsført av andre."""
    table = report.table(NOTE_B_INCOME)
    for row in table.lines():
        yield from _findings(compare_with_terms(report, rule, table.cell(row, "difference_after_chargebacks"), [
            (1, table.cell(row, "difference")), (1, table.cell(row, "received_by_others"))]))


def object_class_sums(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Every sum and net line of the artskontorapportering, both years."""
    table = report.table(OBJECT_CLASS)
    for line in OBJECT_CLASS_LINES:
        row = table.by_code(line.key)
        if row is None or not line.is_sum:
            continue
        for column in table.columns:
            terms: list[Term] = []
            for sign, key in line.terms:
                term = table.by_code(key)
                if term is not None:
                    terms.append((sign, table.cell(term, column)))
            yield from _findings(compare_with_terms(report, rule, table.cell(row, column), terms))


def _sections(table: Table) -> Iterator[tuple[Row | None, list[Row]]]:
    """The sum rows of a note or overview with the rows each adds up; the grand total last."""
    section_sums = [r for r in table.rows if r.kind is RowKind.SUM]
    for total in section_sums:
        yield total, [r for r in table.lines() if r.section == total.section]
    grand = next((r for r in table.rows if r.kind is RowKind.TOTAL), None)
    if grand is not None:
        parts = section_sums + [r for r in table.lines() if not r.section]
        yield grand, parts


def note_sums(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Notes 1–8 and the mellomværende overview: each section sum and the total add up, every column."""
    for table in (report.table(TREASURY_OVERVIEW), *report.notes):
        for total, parts in _sections(table):
            assert total is not None
            for column in table.columns:
                yield from _findings(compare_with_terms(report, rule, table.cell(total, column),
                                                        [(1, table.cell(r, column)) for r in parts]))


def reconciliation_difference(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Forskjell = bokført avregning − rapportert mellomværende, on every row (R-115 note since 2016)."""
    for table in report.notes:
        if table.kind is TableKind.RECONCILIATION:
            for row in table.rows:
                yield from _findings(compare_with_terms(report, rule, table.cell(row, "difference"), [
                    (1, table.cell(row, "booked")), (-1, table.cell(row, "reported"))]))


ARITHMETIC_CHECKS = (
    Check(rule("appropriation.line-difference", "Mer-/mindreutgift = samlet tildeling − regnskap "
               "(inntekt: regnskap − samlet tildeling); tom på felleskapitler og mottatte belastningsfullmakter",
               "Difference = total allocation − accounted (income: accounted − total allocation); empty on "
               "common chapters and received chargebacks", ["R-115", "S2"]), "arithmetic", line_difference),
    Check(rule("appropriation.reported-only", "Ingen samlet tildeling på felleskapitler og mottatte "
               "belastningsfullmakter", "No total allocation on common chapters and received chargebacks",
               ["S2", "R-115"]), "arithmetic", reported_only),
    Check(rule("appropriation.sum", "Sum utgiftsført / Sum inntektsført = summen av linjene i kolonnen",
               "Sum line = the sum of the lines in the column", ["R-115"]), "arithmetic", appropriation_sums),
    Check(rule("appropriation.net-reported", "Netto rapportert = Sum utgiftsført − Sum inntektsført (regnskap)",
               "Net reported = expense total − income total (accounted)", ["R-115"]), "arithmetic", net_reported),
    Check(rule("appropriation.total-reported", "Sum rapportert = netto rapportert + kapitalkontoene",
               "Total reported = net reported + the capital accounts", ["R-115"]), "arithmetic", total_reported),
    Check(BALANCE, "arithmetic", balance),
    Check(rule("note_b.signs", "Fortegn i note B: utgiftsført av andre og innsparinger ≤ 0, maks. overførbart ≥ 0",
               "Signs in Note B: spent by others and savings ≤ 0, maximum transferable ≥ 0", ["S1"]), "arithmetic",
          note_b_signs),
    Check(rule("appropriation.holding-change", "Endring = beholdning i år − beholdning i fjor",
               "Change = this year's holding − last year's", ["R-115"]), "arithmetic", holding_change),
    Check(rule("note_a.total-allocation", "Samlet tildeling = overført fra i fjor + årets tildelinger",
               "Total allocation = carried over + this year's allocation", ["S2", "R-115"]), "arithmetic",
          note_a_rows),
    Check(rule("published.unsigned", f"Underposter av post {DRIFTSRESULTAT_POST} (driftsresultat) kan være trykt "
               "uten fortegn", f"Underposts of post {DRIFTSRESULTAT_POST} (a driftsresultat) may be printed unsigned",
               DRIFTSRESULTAT_SOURCES, Severity.INFO), "arithmetic", unsigned_rows),
    Check(rule("note_a.post-total", "En post trykt sammen med underpostene sine = summen av dem",
               "A post printed with its underposts = their sum", ["PETORO-2023", "S2"]), "arithmetic",
          post_total_lines),
    Check(rule("note_a.sum", "Sumlinjen i note A = summen av radene", "Note A's sum line = the sum of the rows",
               ["S2"]), "arithmetic", column_sums),
    Check(rule("note_b.after-chargebacks", "Etter avgitte belastningsfullmakter = mer-/mindreutgift + utgiftsført "
               "av andre (C = A + B)", "After chargebacks = difference + spent by others (C = A + B)", ["S1"]),
          "arithmetic", note_b_after_chargebacks),
    Check(rule("note_b.basis", "Sum grunnlag for overføring = C + D + E + F", "Basis for transfer = C + D + E + F",
               ["S1"]), "arithmetic", note_b_basis),
    Check(rule("note_b_income.after-chargebacks", "Merinntekt etter avgitte belastningsfullmakter = merinntekt + "
               "inntektsført av andre", "Revenue after chargebacks = revenue difference + received by others",
               ["S1"]), "arithmetic", note_b_income),
    Check(rule("object_class.sum", "Sum- og nettolinjer i artskontorapporteringen", "Sum and net lines of the "
               "statement by object class", ["R-115"]), "arithmetic", object_class_sums),
    Check(rule("note.sum", "Sumlinjen = summen av linjene over", "Sum line = the sum of the lines above",
               ["R-115"]), "arithmetic", note_sums),
    Check(rule("note.reconciliation-difference", "Forskjell = bokført avregning − rapportert mellomværende",
               "Difference = booked settlement − reported balance with the treasury", ["R-115"]), "arithmetic",
          reconciliation_difference),
)
