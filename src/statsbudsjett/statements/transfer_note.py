"""Note B — Forklaring til brukte fullmakter og beregning av mulig overførbart beløp til neste år.

Columns per own expense post (S1; RULES.md § 4; letters as in DFØ's template)::

    A  difference                  merutgift(−)/mindreutgift = samlet tildeling − regnskap
    B  spent_by_others             utgiftsført av andre iht. avgitte belastningsfullmakter(−)
    C  difference_after_chargebacks = A + B
    D  revenue                     merinntekter/mindreinntekter(−) iht. merinntektsfullmakt
    E  reallocation                omdisponering 01→45, or to 01/21 from next year's bevilgning
    F  savings                     innsparinger(−)
    G  basis                       sum grunnlag for overføring = C + D + E + F
                                   (+ what a «kan nyttes under» partner covers, when the year chooses
                                   ``usable_under = "together"``)
    H  max_transferable            maks. overførbart beløp (rules.transfer)
    I  transferable                mulig overførbart beløp = min(G, H) (rules.transfer)

and the income sub-table «Opplysninger om avgitte belastningsfullmakter på inntektskapitler».
Everything is exact (øre); rounding happens only when printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from attrs import field, frozen

from ..account import Account, Side
from ..choices import UsableUnder
from ..errors import KeyPath
from ..explanation import Term, add, read, read_only
from ..memo import remember_last
from ..model import (
    AgencyYear,
    Chargeback,
    Direction,
    ExpenseLine,
    IncomeLine,
    Reallocation,
    ReallocationKind,
    Saving,
)
from ..money import Money
from ..reprs import field_repr
from ..rules import TransferRule, YearParameters, rule_for
from .names import NOTE_B_COLUMNS
from .rows import AccountRows

__all__ = ["NoteB", "NoteBIncomeRow", "NoteBRow", "compute_note_b", "revenue_shares"]


@frozen
class NoteBRow:
    __repr__ = field_repr

    account: Account
    keywords: tuple[str, ...]  # stikkord
    difference: Money  # A
    spent_by_others: Money  # B
    difference_after_chargebacks: Money  # C
    revenue: Money  # D
    reallocation: Money  # E
    savings: Money  # F
    basis: Money  # G
    max_transferable: Money | None  # H; None: no cap shown
    transferable: Money | None  # I; None: nothing may be transferred
    rule: TransferRule  # which transfer rule decided H and I
    # «kan nyttes under» considered together: what partners covered of this post's overspend (+),
    # or what this post's surplus covered of theirs (−); 0 when posts are taken one by one.
    covered_by_partners: Money = field(default=Money(0))
    # How each figure of columns A–I was reached, by column key (statsbudsjett.explanation).
    # Not part of the statement's figures: JSON leaves it out (``explain --format json`` writes it).
    terms: Mapping[str, Term] = field(factory=dict, converter=read_only, eq=False, repr=False,
                                   metadata={"json": False})


@frozen
class NoteBIncomeRow:
    __repr__ = field_repr

    account: Account
    difference: Money  # merinntekt og mindreinntekt(−)
    received_by_others: Money  # inntektsført av andre iht. avgitte belastningsfullmakter(+)
    difference_after_chargebacks: Money
    # How each figure was reached, by column key (statsbudsjett.explanation).
    terms: Mapping[str, Term] = field(factory=dict, converter=read_only, eq=False, repr=False,
                                   metadata={"json": False})


@frozen
class NoteB:
    __repr__ = field_repr

    agency: str
    fiscal_year: int
    rows: AccountRows[NoteBRow]
    income_rows: AccountRows[NoteBIncomeRow]
    parameters: YearParameters  # the rules it was computed with, the year's choices applied

    def __getitem__(self, account: str | Account) -> NoteBRow:
        return self.rows[account]

    @property
    def terms(self) -> dict[tuple[str, str], Term]:
        """How each figure of columns A–I was reached, by (row key, column key)."""
        return {(str(row.account), column): term for row in self.rows for column, term in row.terms.items()}

    @property
    def income_terms(self) -> dict[tuple[str, str], Term]:
        """How each figure of the income sub-table was reached, by (row key, column key)."""
        return {(str(row.account), column): term for row in self.income_rows for column, term in row.terms.items()}


def revenue_shares(year: AgencyYear) -> dict[Account, Money]:
    """Column D per expense post: its share of the mer-/mindreinntekt under each merinntektsfullmakt.

    The mer-/mindreinntekt of an authorisation is Σ (regnskap − samlet tildeling) of its
    income posts; one expense post takes all of it, several take their ``allocation``
    (validation makes sure that it adds up).
    """
    terms = _Year(year, []).revenue
    return {account: Money.total(t.value or Money(0) for t in terms[account]) for account in sorted(terms)}


def compute_note_b(year: AgencyYear, params: YearParameters) -> NoteB:
    """Note B for every own expense post (account order) and the income sub-table.

    Pure arithmetic on a valid year: :func:`statsbudsjett.statements.note_b` validates first.
    Each figure is computed as a term (:mod:`statsbudsjett.explanation`): ``row.terms[column]``
    says how it was reached, down to the inputs.
    """
    return _note_b(year, params)


@remember_last  # the overspend check computes it while validating, before the statement is asked for
def _note_b(year: AgencyYear, params: YearParameters) -> NoteB:
    zero = Money(0)
    given = [(i, c) for i, c in enumerate(year.chargebacks) if c.direction is Direction.GIVEN]
    lines = year.own_posts
    rows = []
    index = _Year(year, given)
    for line in lines:
        rows.append(_post_terms(index, line))
    bases = {line.account: terms["basis"].value or zero for line, terms in zip(lines, rows, strict=True)}
    covered = (_cover_together(lines, bases)
               if params.usable_under is UsableUnder.TOGETHER else {})
    note_rows = []
    for line, terms in zip(lines, rows, strict=True):
        account = line.account
        if covered.get(account):
            terms["basis"] = add("basis", "note_b.basis", (1, terms["basis"]),
                                 (1, read("covered_by_partners", covered[account])), account=account)
        rule = rule_for(line, params)
        cap = rule.cap(line, params, terms["reallocated_in"], terms=terms)
        transferable = rule.transferable(terms["basis"], cap, params)
        terms.update(max_transferable=cap, transferable=transferable)
        value = {name: term.value for name, term in terms.items()}
        note_rows.append(NoteBRow(
            account=account, keywords=line.keywords.names, difference=_money(value["difference"]),
            spent_by_others=_money(value["spent_by_others"]),
            difference_after_chargebacks=_money(value["difference_after_chargebacks"]),
            revenue=_money(value["revenue"]), reallocation=_money(value["reallocation"]),
            savings=_money(value["savings"]), basis=_money(value["basis"]), max_transferable=cap.value,
            transferable=transferable.value, rule=rule, covered_by_partners=covered.get(account, zero),
            terms={k: terms[k] for k in NOTE_B_COLUMNS},
        ))

    income = {line.account: line for line in year.income_posts}
    income_rows = []
    for account in sorted({a for a in index.given if a.side is Side.INCOME}):
        line_terms = _income_terms(index, account, income.get(account))
        figures = {name: _money(term.value) for name, term in line_terms.items()}
        income_rows.append(NoteBIncomeRow(account, figures["difference"], figures["received_by_others"],
                                          figures["difference_after_chargebacks"], terms=line_terms))
    return NoteB(year.agency, year.fiscal_year, AccountRows(tuple(note_rows)), AccountRows(tuple(income_rows)),
                 params)


def _income_terms(index: _Year, account: Account, line: IncomeLine | None) -> dict[str, Term]:
    """The income sub-table of a post: its merinntekt, what others booked on it under a given chargeback,
    and the sum of the two (S1)."""
    zero = Money(0)
    accounted = read("accounted", line.accounted if line else zero, *index.income_inputs(account, "accounted"))
    allocated = read("allocated", (line.allocated if line else None) or zero, *index.income_inputs(account,
                                                                                                     "allocated"))
    difference = add("income_difference", "appropriation.line-difference", (1, accounted), (-1, allocated),
                     account=account)
    received = add("received_by_others", "cross.chargeback-given", *(
        (1, read("chargeback_used", c.used, ("chargeback", i, "used"))) for i, c in index.given[account]),
        account=account)
    after = add("difference_after_chargebacks", "note_b_income.after-chargebacks", (1, difference), (1, received),
                account=account)
    return {"difference": difference, "received_by_others": received, "difference_after_chargebacks": after}


def _money(value: Money | None) -> Money:
    assert value is not None  # columns A–G always have a figure
    return value


class _Year:
    """The records of a year by the account they are on, looked up once per post (Note B of 2 000
    posts must not scan every record for each post)."""

    def __init__(self, year: AgencyYear, given: list[tuple[int, Chargeback]]) -> None:
        self.expense: dict[Account, list[ExpenseLine]] = defaultdict(list)
        for line in year.expense:
            self.expense[line.account.post_account].append(line)
        self.income_lines: dict[Account, list[IncomeLine]] = defaultdict(list)
        for income_line in year.income:
            self.income_lines[income_line.account.post_account].append(income_line)
        self.given: dict[Account, list[tuple[int, Chargeback]]] = defaultdict(list)
        for index, chargeback in given:
            self.given[chargeback.account].append((index, chargeback))
        self.to: dict[Account, list[tuple[int, Reallocation]]] = defaultdict(list)
        self.out_of: dict[Account, list[tuple[int, Reallocation]]] = defaultdict(list)
        for index, reallocation in enumerate(year.reallocations):
            self.to[reallocation.target].append((index, reallocation))
            if reallocation.origin is not None:
                self.out_of[reallocation.origin].append((index, reallocation))
        self.savings: dict[Account, list[tuple[int, Saving]]] = defaultdict(list)
        for index, saving in enumerate(year.savings):
            self.savings[saving.account].append((index, saving))
        self.revenue = self._revenue(year)

    def inputs(self, account: Account, name: str) -> list[KeyPath]:
        """Where a post's value is given: the post's line, or each of its underposts that gives it."""
        return [("expense", str(line.account), name) for line in self.expense.get(account, [])
                if name == "accounted" or getattr(line, name) is not None]

    def income_inputs(self, account: Account, name: str) -> list[KeyPath]:
        return [("income", str(line.account), name) for line in self.income_lines.get(account, [])
                if name == "accounted" or getattr(line, name) is not None]

    def _revenue(self, year: AgencyYear) -> dict[Account, list[Term]]:
        """Column D by post: its share of each merinntektsfullmakt's mer-/mindreinntekt (S12, S13) — the
        split where there is one, else all of it to the one expense post."""
        income = {line.account: line for line in year.income_posts}
        terms: dict[Account, list[Term]] = defaultdict(list)
        for index, authorisation in enumerate(year.revenue_authorisations):
            if authorisation.allocation:
                for target, amount in authorisation.allocation:
                    terms[target].append(read("revenue_share", amount,
                                              ("revenue_authorisation", index, "allocation", str(target))))
                continue
            terms[authorisation.expense[0]] += [add(
                "revenue_difference", "appropriation.line-difference",
                (1, read("accounted", income[a].accounted, *self.income_inputs(a, "accounted"))),
                (-1, read("total_allocation", income[a].allocated or Money(0), *self.income_inputs(a, "allocated"))),
                account=a) for a in authorisation.income]
        return terms


def _post_terms(index: _Year, line: ExpenseLine) -> dict[str, Term]:
    """Columns A–G of a post as terms, and the terms of H: the arithmetic of Note B (S1; RULES.md § 4)."""
    account = line.account
    zero = Money(0)

    def inputs(name: str) -> list[KeyPath]:
        return index.inputs(account, name)

    carried = read("carried_over", line.carried_over or zero, *inputs("carried_over"))
    allocated = read("allocated", line.allocated or zero, *inputs("allocated"))
    total = add("total_allocation", "note_a.total-allocation", (1, carried), (1, allocated))
    accounted = read("accounted", line.accounted, *inputs("accounted"))
    difference = add("difference", "appropriation.line-difference", (1, total), (-1, accounted), account=account)
    used = [read("chargeback_used", c.used, ("chargeback", i, "used")) for i, c in index.given.get(account, [])]
    spent_by_others = add("spent_by_others", "cross.chargeback-given", *((-1, u) for u in used), account=account)
    after = add("difference_after_chargebacks", "note_b.after-chargebacks", (1, difference), (1, spent_by_others),
                account=account)
    revenue = add("revenue", "cross.note-b-revenue", *((1, t) for t in index.revenue.get(account, [])),
                  account=account)
    moved = [(r, read("reallocated_to", r.amount, ("reallocation", i, "amount"))) for i, r in index.to.get(account, [])]
    moved_out = [read("reallocated_from", r.amount, ("reallocation", i, "amount"))
                 for i, r in index.out_of.get(account, [])]
    reallocation = add("reallocation", "input.reallocation-posts", *((1, t) for _, t in moved),
                       *((-1, t) for t in moved_out), account=account)
    savings = add("savings", "note_b.signs", *((-1, read("saving", s.amount, ("saving", i, "amount")))
                                              for i, s in index.savings.get(account, [])), account=account)
    basis = add("basis", "note_b.basis", (1, after), (1, revenue), (1, reallocation), (1, savings), account=account)
    into = [t for r, t in moved if r.kind is ReallocationKind.TO_INVESTMENT]
    return {
        "difference": difference, "spent_by_others": spent_by_others, "difference_after_chargebacks": after,
        "revenue": revenue, "reallocation": reallocation, "savings": savings, "basis": basis,
        "allocated": allocated,
        "previous_allocated": read("previous_allocated", line.previous_allocated or zero,
                                   *inputs("previous_allocated")),
        "reallocated_in": add("reallocated_in", "input.reallocation-posts", *((1, t) for t in into)),
    }


def _cover_together(lines: tuple[ExpenseLine, ...], bases: Mapping[Account, Money]) -> dict[Account, Money]:
    """«kan nyttes under» considered together (RULES.md § 4, open question 11.5): an overspend on a
    post is covered by the surplus of the posts it may be spent under, in the order its stikkord
    names them, before the caps apply. Returns what each post receives (+) or gives (−)."""
    left = dict(bases)
    moved = dict.fromkeys(bases, Money(0))
    for line in lines:
        for partner in line.keywords.usable_under:
            need = -left[line.account]
            if need <= Money(0):
                break
            surplus = left.get(partner, Money(0))
            if partner in left and surplus > Money(0):
                amount = min(need, surplus)
                for account, change in ((line.account, amount), (partner, -amount)):
                    left[account] += change
                    moved[account] += change
    return moved
