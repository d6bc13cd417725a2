"""Omdisponering 01→45 and forskuttering on 01/21 (kgl.res. 13.01.2017, S8; R-1/99, S11)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..account import Account
from ..findings import Finding, Relation
from ..model import Reallocation, ReallocationKind
from ..money import Money
from ..rules import percent
from ..rules.registry import REALLOCATION_LIMIT, REALLOCATION_POSTS
from ..rules.transfer import reallocation_limit
from .context import YearContext

__all__ = ["reallocation_limits", "reallocation_posts"]


def reallocation_posts(ctx: YearContext) -> Iterator[Finding]:
    """An omdisponering goes from post 01 to post 45 of the same chapter; a forskuttering is on post 01 or 21."""
    params = ctx.params
    if params is None:
        return
    source, target = params.reallocation_from_post, params.reallocation_to_post
    for i, reallocation in enumerate(ctx.year.reallocations):
        where = reallocation.source
        if reallocation.kind is ReallocationKind.TO_INVESTMENT:
            origin = reallocation.origin
            assert origin is not None
            if origin.chapter != reallocation.target.chapter:
                yield ctx.broken(REALLOCATION_POSTS, ("reallocation", i, "to"),
                                 f"en omdisponering går fra post {source:02d} til post {target:02d} i samme kapittel, "
                                 f"ikke mellom kapitler: {origin} → {reallocation.target}",
                                 f"an omdisponering goes from post {source:02d} to post {target:02d} of the same "
                                 f"chapter, not across chapters: {origin} → {reallocation.target}", location=where,
                                 hint=("flytting mellom kapitler krever vedtak i Stortinget",
                                       "a move between chapters needs a decision by the Storting"))
            elif (origin.post, reallocation.target.post) != (source, target):
                yield ctx.broken(REALLOCATION_POSTS, ("reallocation", i),
                                 f"en omdisponering går fra post {source:02d} til post {target:02d}, ikke "
                                 f"{origin} → {reallocation.target}",
                                 f"an omdisponering goes from post {source:02d} to post {target:02d} of the same "
                                 f"chapter, not {origin} → {reallocation.target}", location=where,
                                 hint=("andre flyttinger mellom poster krever vedtak i Stortinget",
                                       "other moves between posts need a decision by the Storting"))
        elif reallocation.target.post not in params.advance_posts:
            posts = " or ".join(f"{p:02d}" for p in sorted(params.advance_posts))
            yield ctx.broken(REALLOCATION_POSTS, ("reallocation", i, "account"),
                             f"en forskuttering gjøres på post {posts.replace(' or ', ' eller ')}, ikke på "
                             f"{reallocation.target}",
                             f"a forskuttering is made on post {posts}, not on {reallocation.target}", location=where,
                             hint=("kgl.res. 13.01.2017: bare disse postene kan overskrides mot innsparing",
                                   "kgl.res. 13.01.2017: only these posts may be exceeded against an innsparing"))


def reallocation_limits(ctx: YearContext) -> Iterator[Finding]:
    """At most the year's share of årets tildelinger, added up per post: what is moved out of post 01,
    and what is advanced on post 01 or 21 (each authorisation has its own 5 %, S8)."""
    params = ctx.params
    if params is None:
        return
    groups: dict[tuple[ReallocationKind, Account], list[tuple[int, Reallocation]]] = defaultdict(list)
    for i, reallocation in enumerate(ctx.year.reallocations):
        post = reallocation.origin if reallocation.origin is not None else reallocation.target
        groups[reallocation.kind, post].append((i, reallocation))
    for (kind, account), entries in groups.items():
        line = ctx.own.get(account)
        if line is None:  # reported by input.reference
            continue
        allocated = line.allocated or Money(0)
        limit = reallocation_limit(allocated, params)
        total = Money.total(r.amount for _, r in entries)
        if total <= limit:
            continue
        last, reallocation = entries[-1]
        share = percent(params.reallocation_share)
        what = "omdisponering" if kind is ReallocationKind.TO_INVESTMENT else "forskuttering"
        together = (f" ({len(entries)} poster til sammen)", f" ({len(entries)} entries together)") if len(
            entries) > 1 else ("", "")
        yield ctx.broken(REALLOCATION_LIMIT, ("reallocation", last, "amount"),
                         f"{what} på {total}{together[0]} er over {share} av årets tildelinger {allocated} på "
                         f"{account}",
                         f"the {what} of {total}{together[1]} is above {share} of årets tildeling {allocated} "
                         f"on {account}",
                         location=reallocation.source, published=total, expected=limit, relation=Relation.AT_MOST,
                         hint=(f"reduser med {total - limit} kr; mer krever vedtak i Stortinget",
                               f"reduce it by {total - limit} kr; a larger move needs a decision by the Storting "
                               "(kgl.res. 13.01.2017)"))
