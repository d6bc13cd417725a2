"""Merinntektsfullmakter, belastningsfullmakter and tilsagns-/bestillingsfullmakter (RULES.md §§ 6.1, 7, 9)."""

from __future__ import annotations

from collections.abc import Iterator

from ..account import Account
from ..findings import Finding, Message, Relation
from ..money import Money
from ..rules.registry import AUTHORISATION_LIMIT, REVENUE_BACKED_TWICE, REVENUE_SPLIT
from ..tolerance import Status, classify
from .context import YearContext, input_cell

__all__ = ["authorisation_limits", "revenue_backed_twice", "revenue_split"]


def revenue_backed_twice(ctx: YearContext) -> Iterator[Finding]:
    """An income post's mer-/mindreinntekt goes to the posts of one authorisation: backing two,
    it would count twice in column D (RULES.md § 9.12)."""
    backing: dict[Account, int] = {}
    for i, authorisation in enumerate(ctx.year.revenue_authorisations):
        for j, account in enumerate(authorisation.income):
            if account in backing:
                first = backing[account]
                yield ctx.broken(
                    REVENUE_BACKED_TWICE, ("revenue_authorisation", i, "income", j),
                    f"{account} dekker allerede revenue_authorisation[{first}]: merinntekten ville telle to ganger",
                    f"{account} already backs revenue_authorisation[{first}]: its merinntekt would count twice",
                    location=authorisation.source,
                    hint=("samle alle utgiftspostene den dekker i én [[revenue_authorisation]]",
                          "put all the expense posts it backs in one [[revenue_authorisation]]"))
            else:
                backing[account] = i


def revenue_split(ctx: YearContext) -> Iterator[Finding]:
    """Several expense posts share a merinntekt by ``allocation``, naming exactly those posts and
    adding up to the mer-/mindreinntekt of the income posts (regnskap − samlet tildeling)."""
    for i, authorisation in enumerate(ctx.year.revenue_authorisations):
        where = authorisation.source
        split = dict(authorisation.allocation)
        path = ("revenue_authorisation", i, "allocation")
        if not split:
            if len(authorisation.expense) > 1:
                yield ctx.broken(REVENUE_SPLIT, path,
                                 "merinntekten dekker flere utgiftsposter, men fordelingen (`allocation`) mangler",
                                 "the merinntekt backs several expense posts but `allocation` is missing",
                                 location=where, hint=("legg til allocation = { … } med beløpet til hver post",
                                                       "add allocation = { … } saying how much of the "
                                                       "mer-/mindreinntekt goes to each post"))
            continue
        extra = [a for a in split if a not in authorisation.expense]
        missing = [a for a in authorisation.expense if a not in split]
        if extra:
            shown = ", ".join(map(str, extra))
            yield ctx.broken(REVENUE_SPLIT, (*path, str(extra[0])),
                             f"{shown} er ikke blant fullmaktens utgiftsposter",
                             f"{shown} is not among this authorisation's expense posts", location=where,
                             hint=("legg posten til i `expense`, eller fjern den fra `allocation`",
                                   "add it to `expense` or remove it from `allocation`"))
        if missing:
            shown = ", ".join(map(str, missing))
            yield ctx.broken(REVENUE_SPLIT, path, f"fordelingen gir ikke noe beløp til {shown}",
                             f"the allocation gives no amount for {shown}", location=where,
                             hint=("gi hver utgiftspost i fullmakten sin andel (0 om ingen)",
                                   "give every expense post of the authorisation its share (0 if none)"))
        if extra or missing or any(a not in ctx.income for a in authorisation.income):
            continue
        target = Money.total(ctx.income[a].revenue_difference for a in authorisation.income)
        total = Money.total(split.values())
        if total == target:
            continue
        backing = ", ".join(map(str, authorisation.income))
        off = total - target
        tolerance = ctx.tolerance([*split.values(), *(ctx.income[a].accounted for a in authorisation.income)])
        message = Message(
            f"fordelingen summerer seg til {total}, mer-/mindreinntekten på {backing} er {target}",
            f"the split adds up to {total}, the mer-/mindreinntekt of {backing} is {target}: "
            f"off by {abs(off)} kr ({'too much' if off > Money(0) else 'too little'})")
        fix = (f"{'trekk fra' if off > Money(0) else 'legg til'} {abs(off)} kr",
               f"{'take' if off > Money(0) else 'add'} {abs(off)} kr {'from' if off > Money(0) else 'to'} the "
               "amounts so that they add up to the mer-/mindreinntekt")
        within = classify(total, target, tolerance, printed=False) is not Status.ERROR
        hint = Message("i orden for tall som trykt", "fine for figures as printed") if within else Message(*fix)
        yield REVENUE_SPLIT.compare(input_cell(path), total, target, tolerance, message, location=where, path=path,
                                    hint=hint, printed=False)


def authorisation_limits(ctx: YearContext) -> Iterator[Finding]:
    """A belastningsfullmakt used within its limit; commitments within the ramme (bevilgningsreglementet § 6)."""
    for i, chargeback in enumerate(ctx.year.chargebacks):
        if chargeback.limit is not None and chargeback.used > chargeback.limit:
            yield ctx.broken(AUTHORISATION_LIMIT, ("chargeback", i, "used"),
                             f"brukt ({chargeback.used}) er over rammen ({chargeback.limit}) for belastningsfullmakten",
                             f"used ({chargeback.used}) is above the limit ({chargeback.limit}) of the chargeback",
                             location=chargeback.source, published=chargeback.used, expected=chargeback.limit,
                             relation=Relation.AT_MOST,
                             hint=("kontroller tallene, eller rapporter overskridelsen",
                                   "check the figures, or report the overrun"))
    for i, commitment in enumerate(ctx.year.commitments):
        if commitment.commitments > commitment.limit:
            yield ctx.broken(AUTHORISATION_LIMIT, ("commitment", i, "commitments"),
                             f"samlet ansvar ({commitment.commitments}) er over rammen ({commitment.limit})",
                             f"commitments ({commitment.commitments}) exceed the ramme ({commitment.limit})",
                             location=commitment.source, published=commitment.commitments,
                             expected=commitment.limit, relation=Relation.AT_MOST,
                             hint=("bevilgningsreglementet § 6: nye tilsagn og gammelt ansvar kan ikke overstige "
                                   "rammen", "bevilgningsreglementet § 6: new and old commitments may not exceed "
                                   "the ramme"))
