"""Note B — Forklaring til brukte fullmakter og beregning av mulig overførbart beløp til neste år.

Columns per own expense post (S1; RULES.md § 4; letters as in DFØ's template)::

    A  difference                  merutgift(−)/mindreutgift = samlet tildeling − regnskap
    B  spent_by_others             utgiftsført av andre iht. avgitte belastningsfullmakter(−)
    C  difference_after_chargebacks = A + B
    D  revenue                     merinntekter/mindreinntekter(−) iht. merinntektsfullmakt
    E  reallocation                omdisponering 01→45, or to 01/21 from next year's bevilgning
    F  savings                     innsparinger(−)
    G  basis                       sum grunnlag for overføring = C + D + E + F
    H  max_transferable            maks. overførbart beløp (rules.transfer)
    I  transferable                mulig overførbart beløp = min(G, H) (rules.transfer)

and the income sub-table «Opplysninger om avgitte belastningsfullmakter på inntektskapitler».
Everything is exact (øre); rounding happens only when printed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from attrs import frozen

from ..account import Account, Side
from ..model import AgencyYear, Direction, ReallocationKind
from ..money import Money
from ..rules import TransferRule, parameters_for, rule_for
from .rows import AccountRows

__all__ = ["NoteB", "NoteBIncomeRow", "NoteBRow", "note_b", "revenue_shares"]


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

    def __getitem__(self, account: str | Account) -> NoteBRow:
        return self.rows[account]


def revenue_shares(year: AgencyYear) -> dict[Account, Money]:
    """Column D per expense post: its share of the mer-/mindreinntekt under each merinntektsfullmakt.

    The mer-/mindreinntekt of an authorisation is Σ (regnskap − samlet tildeling) of its
    income posts; one expense post takes all of it, several take their ``allocation``.
    """
    income = {line.account: line for line in year.income}
    shares: dict[Account, Money] = defaultdict(lambda: Money(0))
    for authorisation in year.revenue_authorisations:
        if len(authorisation.expense) == 1:
            total = Money.total(income[a].revenue_difference for a in authorisation.income)
            shares[authorisation.expense[0]] += total
        else:
            for account, amount in authorisation.allocation:
                shares[account] += amount
    return dict(shares)


def _sum_by_account(pairs: list[tuple[Account, Money]]) -> Mapping[Account, Money]:
    sums: dict[Account, Money] = defaultdict(lambda: Money(0))
    for account, amount in pairs:
        sums[account] += amount
    return sums


def note_b(year: AgencyYear) -> NoteB:
    """Compute Note B for every own expense post (account order) and the income sub-table."""
    params = parameters_for(year.fiscal_year)
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

    rows = []
    for line in year.own_expense:
        account = line.account
        difference = line.total_allocation - line.accounted
        spent_by_others = -given.get(account, zero)
        after = difference + spent_by_others
        basis = after + revenue.get(account, zero) + reallocation.get(account, zero) - savings.get(account, zero)
        rule = rule_for(line, params)
        cap = rule.cap(line, params, reallocated_in.get(account, zero))
        rows.append(NoteBRow(
            account=account,
            keywords=line.keywords.names,
            difference=difference,
            spent_by_others=spent_by_others,
            difference_after_chargebacks=after,
            revenue=revenue.get(account, zero),
            reallocation=reallocation.get(account, zero),
            savings=-savings.get(account, zero),
            basis=basis,
            max_transferable=cap,
            transferable=rule.transferable(basis, cap),
            rule=rule,
        ))

    income = {line.account: line for line in year.income}
    income_rows = []
    for account in sorted({a for a in given if a.side is Side.INCOME}):
        difference = income[account].revenue_difference if account in income else zero
        income_rows.append(NoteBIncomeRow(account, difference, given[account], difference + given[account]))
    return NoteB(year.agency, year.fiscal_year, AccountRows(tuple(rows)), AccountRows(tuple(income_rows)))
