"""Across statements: a figure printed in two places, or a total printed in one statement and
explained in another, must agree (R-115; RULES.md § 9 invariants 1–7, 12, 13).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...account import Account
from ...findings import CellRef, Finding, Message, Rule
from ...money import Money
from ...published.layout import OBJECT_CLASS_LINES
from ...published.report import (
    APPROPRIATION,
    CAPITAL,
    CHARGEBACKS,
    HOLDINGS,
    NOTE_A,
    NOTE_B,
    NOTE_B_INCOME,
    OBJECT_CLASS,
    TREASURY_OVERVIEW,
    PublishedReport,
    RowKind,
    TableKind,
)
from .arithmetic import ACCOUNTED, ALLOCATION, DIFFERENCE, has_difference_column, own_chapters
from .common import Check, Term, compare_with_terms, rule

__all__ = ["CROSS_STATEMENT_CHECKS"]


def _found(finding: Finding | None) -> Iterator[Finding]:
    if finding is not None:
        yield finding


def note_a_allocation(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Samlet tildeling in the bevilgningsrapportering = Note A's, line by line and in the sum line.

    An own line with no Note A row (a post moved away, printed "-") has no tildeling.
    """
    appropriation, note_a, own = report.table(APPROPRIATION), report.table(NOTE_A), own_chapters(report)
    if not note_a.rows:
        return
    for row in appropriation.lines():
        if row.account is None or row.account.chapter >= 3000 or not has_difference_column(row, own):
            continue
        source = note_a.by_account(row.account)
        terms: list[Term] = [] if source is None else [(1, note_a.cell(source, "total"))]
        yield from _found(compare_with_terms(report, rule, appropriation.cell(row, ALLOCATION), terms))
    for row in note_a.lines():
        if row.account is not None and appropriation.by_account(row.account) is None:
            yield rule.compare(note_a.cell(row, "total"), row["total"].value, None, Money(0), Message(
                f"{row.account} står i note A, men ikke i bevilgningsrapporteringen",
                f"{row.account} is in Note A but not in the appropriation report"), location=row["total"].location)
    total, note_total = appropriation.by_code("expense_total"), note_a.by_code("total")
    if total is not None and note_total is not None:
        yield from _found(compare_with_terms(report, rule, appropriation.cell(total, ALLOCATION),
                                             [(1, note_a.cell(note_total, "total"))]))


def note_b_difference(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Note B column A = the bevilgningsrapportering's mer-/mindreutgift on the same line."""
    return _difference_as_in_appropriation(report, rule, NOTE_B)


def _components(report: PublishedReport) -> list[tuple[set[Account], set[Account]]]:
    """Merinntektsfullmakter joined where they share an income or an expense post: (income posts, expense posts).

    A group stands where its last fullmakt is stated. One pass with union–find: linear in
    the number of fullmakter (joining each with every group found so far was quadratic).
    """
    links = report.revenue_links
    parent = list(range(len(links)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[bool, Account], int] = {}  # (is income, post) → the first fullmakt naming it
    for i, link in enumerate(links):
        for post in (*((True, a) for a in link.income), *((False, a) for a in link.expense)):
            parent[root(first.setdefault(post, i))] = root(i)
    groups: dict[int, tuple[set[Account], set[Account]]] = {}
    last: dict[int, int] = {}
    for i, link in enumerate(links):
        group = groups.setdefault(root(i), (set(), set()))
        group[0].update(link.income)
        group[1].update(link.expense)
        last[root(i)] = i
    return [groups[r] for r in sorted(groups, key=last.__getitem__)]


def note_b_revenue(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Note B column D = the mer-/mindreinntekt of the income posts under the stated merinntektsfullmakt.

    One expense post: its D is the income posts' mer-/mindreinntekt. Several (a split, like
    Digdir's 3540.03 over 540.01, 21 and 28): their D add up to it. A post under no
    merinntektsfullmakt has no D.
    """
    appropriation, note_b = report.table(APPROPRIATION), report.table(NOTE_B)
    covered: set[Account] = set()
    for income, expense in _components(report):
        covered |= expense
        revenue = [(1, appropriation.cell(r, DIFFERENCE)) for a in sorted(income)
                   if (r := appropriation.by_account(a)) is not None]
        shares = [(1, note_b.cell(r, "revenue")) for a in sorted(expense) if (r := note_b.by_account(a)) is not None]
        if not shares:
            continue
        if len(shares) == 1:
            yield from _found(compare_with_terms(report, rule, shares[0][1], revenue))
        elif len(revenue) == 1:
            yield from _found(compare_with_terms(report, rule, revenue[0][1], shares))
        else:
            rest = [(-1, cell) for _, cell in shares[1:]]
            yield from _found(compare_with_terms(report, rule, shares[0][1], revenue + rest))
    for row in note_b.lines():
        if row.account not in covered:
            yield from _found(compare_with_terms(report, rule, note_b.cell(row, "revenue"), []))


def chargebacks_given(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Note B's utgiftsført av andre (−) and the income sub-table's inntektsført av andre (+)
    = what the given belastningsfullmakter stated were used.
    """
    chargebacks = report.table(CHARGEBACKS)
    given: dict[Account, list[CellRef]] = defaultdict(list)
    for row in chargebacks.lines():
        if row.code == "given" and row.account is not None:
            given[row.account].append(chargebacks.cell(row, "used"))
    for name, column, sign in ((NOTE_B, "spent_by_others", -1), (NOTE_B_INCOME, "received_by_others", 1)):
        table = report.table(name)
        for row in table.lines():
            assert row.account is not None
            terms = [(sign, cell) for cell in given.get(row.account, [])]
            yield from _found(compare_with_terms(report, rule, table.cell(row, column), terms))


def chargebacks_received(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """A line spent under received belastningsfullmakter: regnskap = what they say was used, added up
    over the fullmakter on the line (several counterparties may give one on the same post)."""
    appropriation, chargebacks = report.table(APPROPRIATION), report.table(CHARGEBACKS)
    received: dict[Account, list[CellRef]] = defaultdict(list)
    for row in chargebacks.lines():
        if row.code == "received" and row.account is not None:
            received[row.account].append(chargebacks.cell(row, "used"))
    for account, used in received.items():
        line = appropriation.by_account(account)
        if line is not None:
            yield from _found(compare_with_terms(report, rule, appropriation.cell(line, ACCOUNTED),
                                                 [(1, cell) for cell in used]))


def note_b_income_difference(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """The income sub-table's merinntekt/mindreinntekt = the bevilgningsrapportering's on the same line."""
    return _difference_as_in_appropriation(report, rule, NOTE_B_INCOME)


def _difference_as_in_appropriation(report: PublishedReport, rule: Rule, table_name: str) -> Iterator[Finding]:
    appropriation, table = report.table(APPROPRIATION), report.table(table_name)
    for row in table.lines():
        assert row.account is not None
        # the post's line, or its underposts added up (the report shows them; Note B is per post)
        lines = appropriation.post_lines(row.account)
        terms: list[Term] = [(1, appropriation.cell(line, DIFFERENCE)) for line in lines]
        yield from _found(compare_with_terms(report, rule, table.cell(row, "difference"), terms))


def net_reported(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Netto rapportert til bevilgningsregnskapet: the same in both statements (this year's column)."""
    appropriation, object_class = report.table(APPROPRIATION), report.table(OBJECT_CLASS)
    net, line = appropriation.by_code("net_reported"), object_class.by_code("net_reported")
    if net is not None and line is not None:
        yield from _found(compare_with_terms(report, rule, object_class.cell(line, str(report.fiscal_year)),
                                             [(1, appropriation.cell(net, ACCOUNTED))]))


def common_chapters(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """The artskontorapportering's felleskapittel lines = regnskap on those chapters (5309, 5700, 1633)."""
    appropriation, object_class = report.table(APPROPRIATION), report.table(OBJECT_CLASS)
    if not appropriation.rows:
        return
    for layout in OBJECT_CLASS_LINES:
        row = object_class.by_code(layout.key)
        if layout.chapter is None or row is None:
            continue
        terms: list[Term] = [(1, appropriation.cell(r, ACCOUNTED)) for r in appropriation.lines()
                             if r.account is not None and r.account.chapter == layout.chapter]
        yield from _found(compare_with_terms(report, rule, object_class.cell(row, str(report.fiscal_year)), terms))


def treasury_balance(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """Mellomværende: the overview's sum = the holding at 31.12 (both years); the holding's change =
    the capital account «Endring i mellomværende»; the reconciliation note's reported column = the overview.
    """
    holdings, capital, overview = report.table(HOLDINGS), report.table(CAPITAL), report.table(TREASURY_OVERVIEW)
    total = overview.by_code("total")
    for holding in holdings.lines():
        if total is not None:
            for column, year in (("closing", report.fiscal_year), ("opening", report.fiscal_year - 1)):
                yield from _found(compare_with_terms(report, rule, holdings.cell(holding, column),
                                                     [(1, overview.cell(total, str(year)))]))
        line = capital.row(holding.key)
        if line is not None:
            yield from _found(compare_with_terms(report, rule, capital.cell(line, "amount"),
                                                 [(1, holdings.cell(holding, "change"))]))
    for note in report.notes:
        note_total = next((r for r in note.rows if r.kind is RowKind.TOTAL), None)
        if note.kind is TableKind.RECONCILIATION and note_total is not None and total is not None:
            yield from _found(compare_with_terms(report, rule, note.cell(note_total, "reported"),
                                                 [(1, overview.cell(total, str(report.fiscal_year)))]))


def notes_explain(report: PublishedReport, rule: Rule) -> Iterator[Finding]:
    """A note's sum = the artskontorapportering line it explains, both years."""
    object_class = report.table(OBJECT_CLASS)
    for note in report.notes:
        for row in note.rows:
            line = object_class.by_code(row.explains) if row.explains else None
            if line is None:
                continue
            for column in note.columns:
                if column in object_class.columns:
                    yield from _found(compare_with_terms(report, rule, object_class.cell(line, column),
                                                         [(1, note.cell(row, column))]))


CROSS_STATEMENT_CHECKS = (
    Check(rule("cross.note-a-allocation", "Samlet tildeling i bevilgningsrapporteringen = note A",
               "Total allocation in the appropriation report = Note A", ["S2", "R-115"]), "cross-statement",
          note_a_allocation),
    Check(rule("cross.note-b-difference", "Note B mer-/mindreutgift = bevilgningsrapporteringens",
               "Note B difference = the appropriation report's", ["S1"]), "cross-statement", note_b_difference),
    Check(rule("cross.note-b-revenue", "Note B merinntekter = mer-/mindreinntekten på inntektspostene i "
               "merinntektsfullmakten", "Note B revenue = the income posts' difference under the revenue "
               "authorisation", ["S1", "S12"]), "cross-statement", note_b_revenue),
    Check(rule("cross.chargeback-given", "Utgiftsført/inntektsført av andre = brukt av avgitte "
               "belastningsfullmakter", "Spent/received by others = used under given chargebacks", ["S1", "S2"]),
          "cross-statement", chargebacks_given),
    Check(rule("cross.chargeback-received", "Regnskap på mottatt belastningsfullmakt = brukt av fullmakten",
               "Accounted under a received chargeback = used under it", ["S2"]), "cross-statement",
          chargebacks_received),
    Check(rule("cross.note-b-income", "Note B inntektstabell: merinntekt = bevilgningsrapporteringens",
               "Note B income table: difference = the appropriation report's", ["S1"]), "cross-statement",
          note_b_income_difference),
    Check(rule("cross.net-reported", "Netto rapportert til bevilgningsregnskapet er lik i begge oppstillingene",
               "Net reported is the same in both statements", ["R-115"]), "cross-statement", net_reported),
    Check(rule("cross.common-chapters", "Felleskapitler i artskontorapporteringen = regnskap på kap. 5309, 5700 "
               "og 1633", "Common chapters in the object-class statement = accounted on chapters 5309, 5700, "
               "1633", ["R-115"]), "cross-statement", common_chapters),
    Check(rule("cross.treasury-balance", "Mellomværende: oversikten, beholdningen, kapitalkontoen og noten stemmer",
               "Balance with the treasury: overview, holding, capital account and note agree", ["R-115"]),
          "cross-statement", treasury_balance),
    Check(rule("cross.note-explains", "Notens sum = linjen i artskontorapporteringen den forklarer",
               "A note's sum = the object-class line it explains", ["R-115"]), "cross-statement", notes_explain),
)
