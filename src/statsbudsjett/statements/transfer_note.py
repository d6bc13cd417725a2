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
from ..model import AgencyYear, Direction, ExpenseLine, ReallocationKind
from ..money import Money
from ..rules import TransferRule, YearParameters, rule_for
from .rows import AccountRows

__all__ = ["NoteB", "NoteBIncomeRow", "NoteBRow", "compute_note_b", "revenue_shares"]


@frozen
class NoteBRow:
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


@frozen
class NoteBIncomeRow:
    account: Account
    difference: Money  # merinntekt og mindreinntekt(−)
    received_by_others: Money  # inntektsført av andre iht. avgitte belastningsfullmakter(+)
    difference_after_chargebacks: Money


@frozen
class NoteB:
    agency: str
    fiscal_year: int
    rows: AccountRows[NoteBRow]
    income_rows: AccountRows[NoteBIncomeRow]
    parameters: YearParameters  # the rules it was computed with, the year's choices applied

    def __getitem__(self, account: str | Account) -> NoteBRow:
        return self.rows[account]


def revenue_shares(year: AgencyYear) -> dict[Account, Money]:
    """Column D per expense post: its share of the mer-/mindreinntekt under each merinntektsfullmakt.

    The mer-/mindreinntekt of an authorisation is Σ (regnskap − samlet tildeling) of its
    income posts; one expense post takes all of it, several take their ``allocation``
    (validation makes sure that it adds up).
    """
    income = {line.account: line for line in year.income_posts}
    shares: dict[Account, Money] = defaultdict(lambda: Money(0))
    for authorisation in year.revenue_authorisations:
        if authorisation.allocation:
            for account, amount in authorisation.allocation:
                shares[account] += amount
        else:
            total = Money.total(income[a].revenue_difference for a in authorisation.income)
            shares[authorisation.expense[0]] += total
    return dict(shares)


def _sum_by_account(pairs: list[tuple[Account, Money]]) -> Mapping[Account, Money]:
    sums: dict[Account, Money] = defaultdict(lambda: Money(0))
    for account, amount in pairs:
        sums[account] += amount
    return sums


def compute_note_b(year: AgencyYear, params: YearParameters) -> NoteB:
    """Note B for every own expense post (account order) and the income sub-table.

    Pure arithmetic on a valid year: :func:`statsbudsjett.statements.note_b` validates first.
    """
    revenue = revenue_shares(year)
    given = _sum_by_account(
        [(c.account, c.used) for c in year.chargebacks if c.direction is Direction.GIVEN]
    )
    reallocation = _sum_by_account(
        [(r.target, r.amount) for r in year.reallocations]
        + [(r.origin, -r.amount) for r in year.reallocations if r.origin is not None]
    )
    reallocated_in = _sum_by_account(
        [(r.target, r.amount) for r in year.reallocations if r.kind is ReallocationKind.TO_INVESTMENT]
    )
    savings = _sum_by_account([(s.account, s.amount) for s in year.savings])
    zero = Money(0)
    lines = year.own_posts
    bases = {line.account: line.total_allocation - line.accounted - given.get(line.account, zero)
             + revenue.get(line.account, zero) + reallocation.get(line.account, zero)
             - savings.get(line.account, zero) for line in lines}
    covered = (_cover_together(lines, bases) if params.usable_under is UsableUnder.TOGETHER
               else dict.fromkeys(bases, zero))

    rows = []
    for line in lines:
        account = line.account
        difference = line.total_allocation - line.accounted
        spent_by_others = -given.get(account, zero)
        basis = bases[account] + covered[account]
        rule = rule_for(line, params)
        cap = rule.cap(line, params, reallocated_in.get(account, zero))
        rows.append(NoteBRow(
            account=account,
            keywords=line.keywords.names,
            difference=difference,
            spent_by_others=spent_by_others,
            difference_after_chargebacks=difference + spent_by_others,
            revenue=revenue.get(account, zero),
            reallocation=reallocation.get(account, zero),
            savings=-savings.get(account, zero),
            basis=basis,
            max_transferable=cap,
            transferable=rule.transferable(basis, cap, params),
            rule=rule,
            covered_by_partners=covered[account],
        ))

    income = {line.account: line for line in year.income_posts}
    income_rows = []
    for account in sorted({a for a in given if a.side is Side.INCOME}):
        difference = income[account].revenue_difference if account in income else zero
        income_rows.append(NoteBIncomeRow(account, difference, given[account], difference + given[account]))
    return NoteB(year.agency, year.fiscal_year, AccountRows(tuple(rows)), AccountRows(tuple(income_rows)), params)


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
