"""Rules about the figures the inputs give: the balance of the bevilgningsrapportering, negative
tildelinger, and an overspend on a 5 %-post (RULES.md §§ 3.3, 9.4, 9.8 and v1 decisions 1 and 5)."""

from __future__ import annotations

from collections.abc import Iterator

from ..account import Side
from ..findings import CellRef, Finding, Message
from ..model import ExpenseLine, IncomeLine
from ..money import Money
from ..rules import TransferKind
from ..rules.driftsresultat import DRIFTSRESULTAT_POST, expected_sign, is_income
from ..rules.registry import BALANCE, DRIFTSRESULTAT_SIGN, NEGATIVE_ALLOCATION, OVERSPEND
from ..rules.transfer import covered_by_partners
from ..statements.reported import net_reported, total_reported
from ..statements.transfer_note import compute_note_b
from ..tolerance import Status, classify
from .context import YearContext

__all__ = ["balance", "driftsresultat_signs", "negative_allocations", "overspend"]


def balance(ctx: YearContext) -> Iterator[Finding]:
    """Sum rapportert = netto rapportert + kapitalkontoer + endring i mellomværende = 0 (RULES.md § 9.4),
    within the rounding of its terms when they are figures as printed. Checked when the year gives
    its capital accounts."""
    year = ctx.year
    if not year.capital_accounts and year.treasury_balance is None:
        return
    net = net_reported(year)
    terms = [line.accounted for line in year.expense] + [line.accounted for line in year.income]
    terms += [c.amount for c in year.capital_accounts]
    if year.treasury_balance is not None:
        terms += [year.treasury_balance.closing, year.treasury_balance.opening]
    total = total_reported(year, net)
    tolerance = ctx.tolerance(terms)
    if classify(total, Money(0), tolerance, printed=False) is Status.EXACT:
        return
    within = abs(total) <= tolerance
    first = year.capital_accounts[0] if year.capital_accounts else year.treasury_balance
    yield BALANCE.compare(
        CellRef("capital", "Sum rapportert", "amount"), total, Money(0), tolerance, Message(
            f"Sum rapportert er {total}, ikke 0" + (": innenfor avrundingen av trykte tall" if within else
                                                     f": netto rapportert {net} og kapitalkontoene "
                                                     "går ikke i null"),
            f"Sum rapportert is {total}, not 0" + (": within the rounding of printed figures" if within else
                                                   f": the net reported {net} and the capital "
                                                   "accounts do not balance")),
        location=first.source if first is not None else None, path=("capital_account",),
        hint=None if within else Message(
            "kontroller innbetalinger, utbetalinger og endring i mellomværende mot regnskapet",
            "check the payments in and out and the change in the balance with the treasury against the accounts"),
        printed=False)


def negative_allocations(ctx: YearContext) -> Iterator[Finding]:
    """A negative årets tildelinger, on a line as given (a post or an underpost). Not on post 24: a
    driftsresultat is negative where income exceeds costs, and its income underposts are negative on an
    expense chapter (rules.driftsresultat); it has no 5 % transfer to lose."""
    for line in ctx.year.expense:
        if line.account.post == DRIFTSRESULTAT_POST:
            continue
        if line.allocated is not None and line.allocated < Money(0):
            yield ctx.broken(NEGATIVE_ALLOCATION, ("expense", str(line.account), "allocated"),
                             f"årets tildelinger på {line.account} er negative ({line.allocated}): "
                             "maks. overførbart beløp blir 0",
                             f"årets tildelinger on {line.account} is negative ({line.allocated}): the "
                             "maximum transferable is 0", location=line.source, published=line.allocated,
                             hint=("kontroller tildelingsbrevene; en reduksjon større enn tildelingen er uvanlig",
                                   "check the allocation letters; a reduction larger than the grant is unusual"))


def driftsresultat_signs(ctx: YearContext) -> Iterator[Finding]:
    """An underpost of post 24 named as a known component (Driftsutgifter, …) with the other side's sign:
    most likely typed as a report prints it, unsigned, which would add a cost to the driftsresultat."""
    year = ctx.year
    lines: list[tuple[str, ExpenseLine | IncomeLine]] = [("expense", line) for line in year.expense]
    lines += [("income", line) for line in year.income]
    for kind, line in lines:
        sign = expected_sign(line.account, line.text)
        if sign is None:
            continue
        side = "inntektskapittel" if line.account.side is Side.INCOME else "utgiftskapittel"
        side_en = "an income chapter" if line.account.side is Side.INCOME else "an expense chapter"
        what, what_en = ("inntekt", "income") if is_income(line.text) else ("kostnad", "a cost")
        for name in ("allocated", "accounted"):
            amount = getattr(line, name)
            if amount is None or amount == Money(0) or (amount > Money(0)) == (sign > 0):
                continue
            wanted = "positiv" if sign > 0 else "negativ"
            yield ctx.broken(
                DRIFTSRESULTAT_SIGN, (kind, str(line.account), name),
                f"{line.account} {line.text}: {amount} har feil fortegn for en {what} i driftsresultatet på et "
                f"{side} (post {DRIFTSRESULTAT_POST}); den er {wanted} der",
                f"{line.account} {line.text}: {amount} has the wrong sign for {what_en} of the driftsresultat on "
                f"{side_en} (post {DRIFTSRESULTAT_POST}); it is {'positive' if sign > 0 else 'negative'} there",
                location=line.source, published=amount, expected=-amount,
                hint=(f"skriv {-amount}, med fortegnet Gul bok og Saldert budsjett gir underposten (en rapport kan "
                      "trykke den uten fortegn)",
                      f"write {-amount}, signed as Gul bok and Saldert budsjett give the underpost (a report may "
                      "print it unsigned)"))


def overspend(ctx: YearContext) -> Iterator[Finding]:
    """A negative basis on a 5 %-post is an overspend to explain (warning); covered by the surplus of a
    post it «kan nyttes under», it is explained (info)."""
    if ctx.params is None:
        return
    note = compute_note_b(ctx.year, ctx.params)
    bases = {row.account: row.basis for row in note.rows}
    for row in note.rows:
        if row.rule.kind is not TransferKind.FIVE_PERCENT or row.basis >= Money(0):
            continue
        line = ctx.own[row.account]
        amount = -row.basis
        cell = CellRef("note_b", str(row.account), "basis")
        if covered_by_partners(line.keywords.usable_under, bases, amount):
            partners = ", ".join(map(str, line.keywords.usable_under))
            yield OVERSPEND.explained(cell, row.basis, Message(
                f"{row.account}: merutgiften på {amount} kr dekkes av mindreutgift på {partners} (kan nyttes under)",
                f"{row.account}: the overspend of {amount} kr is covered by the underspend on {partners} "
                "(kan nyttes under)"), location=line.source, path=(*ctx.post_path(row.account), "keywords"))
            continue
        yield ctx.broken(OVERSPEND, (*ctx.post_path(row.account), "accounted"),
                         f"{row.account}: merutgift {amount} kr etter merinntekter på en 5 %-post uten fullmakt som "
                         "dekker den: forklar overskridelsen i noten",
                         f"{row.account}: overspend of {amount} kr after revenue on a 5 % post, not covered by an "
                         "authorisation: explain it in the note", location=line.source, published=row.basis)
