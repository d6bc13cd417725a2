"""Every record names lines of the year (rule ``input.reference``).

A dangling reference would silently count as zero in the statements; «kan nyttes under» may
name another agency's post, so a missing target is only a warning, and only for a chapter of
this year (v1 decision 5).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..account import Account, Side
from ..errors import Location
from ..findings import Finding
from ..model import Direction, ReallocationKind
from ..rules.registry import REFERENCE, UNDERPOST_AND_POST, USABLE_UNDER_TARGET
from .context import Path, YearContext

__all__ = ["references", "underposts", "usable_under_targets"]


def underposts(ctx: YearContext) -> Iterator[Finding]:
    """A post is given either as one line or as its underposts, not both: it would count twice."""
    for lines in (ctx.year.expense, ctx.year.income):
        given = {line.account for line in lines}
        for line in lines:
            if line.account.is_underpost and line.account.post_account in given:
                side = "expense" if line.account.side is Side.EXPENSE else "income"
                post = line.account.post_account
                yield ctx.broken(UNDERPOST_AND_POST, (side, str(line.account)),
                                 f"{post} er gitt både som post og med underposten {line.account}: beløpene ville "
                                 "telle to ganger",
                                 f"{post} is given both as a post and with its underpost {line.account}: the amounts "
                                 "would count twice", location=line.source,
                                 hint=(f'fjern [{side}."{post}"], eller før alt på underpostene',
                                       f'remove [{side}."{post}"], or give every amount on the underposts'))


def references(ctx: YearContext) -> Iterator[Finding]:
    year = ctx.year
    own_income_chapters = {line.account.chapter for line in year.income if line.is_own}
    lines = ctx.expense.keys() | {a.post_account for a in ctx.expense} | ctx.income.keys()

    def own_post(path: Path, account: Account, location: Location | None) -> Iterator[Finding]:
        if account not in ctx.own:
            yield ctx.broken(REFERENCE, path, f"{account} er ikke en av virksomhetens egne utgiftsposter",
                             f"{account} is not one of the agency's own expense posts", location=location,
                             hint=(f'legg til [expense."{account}"] med årets tildelinger, eller rett kontoen',
                                   f'add [expense."{account}"] with its allocation, or check the account'))

    for i, authorisation in enumerate(year.revenue_authorisations):
        where = authorisation.source
        for j, account in enumerate(authorisation.income):
            if account not in ctx.income:
                yield ctx.broken(REFERENCE, ("revenue_authorisation", i, "income", j),
                                 f"inntektskonto {account} har ingen linje", f"income account {account} has no line",
                                 location=where,
                                 hint=(f'legg til [income."{account}"] med samlet tildeling og regnskap',
                                       f'add [income."{account}"] with its allocated and accounted amounts'))
            elif account.chapter not in own_income_chapters:
                # Without a samlet tildeling on its chapter, the bevilgningsrapportering shows no
                # mer-/mindreinntekt for it, and Note B's column D would count one no statement shows.
                yield ctx.broken(REFERENCE, ("revenue_authorisation", i, "income", j),
                                 f"kapittel {account.chapter} har ingen samlet tildeling: merinntekten på {account} "
                                 "vises ikke i bevilgningsrapporteringen",
                                 f"chapter {account.chapter} has no samlet tildeling: the merinntekt on {account} is "
                                 "not shown in the bevilgningsrapportering", location=where,
                                 hint=(f'oppgi samlet tildeling for [income."{account}"] (allocated = 0 om ingen)',
                                       f'give the samlet tildeling of [income."{account}"] (allocated = 0 if none)'))
        for j, account in enumerate(authorisation.expense):
            yield from own_post(("revenue_authorisation", i, "expense", j), account, where)
    for i, chargeback in enumerate(year.chargebacks):
        path: Path = ("chargeback", i, "account")
        if chargeback.direction is Direction.GIVEN and not (chargeback.account in ctx.own
                                                             or chargeback.account in ctx.income):
            yield ctx.broken(REFERENCE, path, f"{chargeback.account} er ikke en av virksomhetens egne kontoer",
                             f"{chargeback.account} is not one of the agency's own accounts",
                             location=chargeback.source,
                             hint=("en avgitt belastningsfullmakt gjelder en av virksomhetens egne poster",
                                   "a given chargeback is on one of the agency's own posts; add the post or check "
                                   "the account"))
        elif chargeback.direction is Direction.RECEIVED and chargeback.account not in lines:
            yield ctx.broken(REFERENCE, path, f"{chargeback.account} har ingen linje",
                             f"{chargeback.account} has no line",
                             location=chargeback.source,
                             hint=(f'legg til [expense."{chargeback.account}"] med det som er regnskapsført',
                                   f'add [expense."{chargeback.account}"] with the accounted amount spent under '
                                   "the chargeback"))
    for i, reallocation in enumerate(year.reallocations):
        if reallocation.kind is ReallocationKind.TO_INVESTMENT:
            assert reallocation.origin is not None
            yield from own_post(("reallocation", i, "from"), reallocation.origin, reallocation.source)
            yield from own_post(("reallocation", i, "to"), reallocation.target, reallocation.source)
        else:
            yield from own_post(("reallocation", i, "account"), reallocation.target, reallocation.source)
    for i, saving in enumerate(year.savings):
        yield from own_post(("saving", i, "account"), saving.account, saving.source)
    for i, commitment in enumerate(year.commitments):
        yield from own_post(("commitment", i, "account"), commitment.account, commitment.source)


def usable_under_targets(ctx: YearContext) -> Iterator[Finding]:
    chapters = {account.chapter for account in ctx.expense}
    for line in ctx.expense.values():
        for target in line.keywords.usable_under:
            if target.chapter in chapters and target not in ctx.expense:
                yield ctx.broken(USABLE_UNDER_TARGET, ("expense", str(line.account), "keywords"),
                                 f"«kan nyttes under» viser til {target}, som ikke har noen linje",
                                 f"«kan nyttes under» names {target}, which has no line",
                                 location=line.source,
                                 hint=(f'rett posten, eller legg til [expense."{target}"]',
                                       f'check the post, or add [expense."{target}"]'))
