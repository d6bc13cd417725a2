"""A budget table by post: underposts folded into the post Stortinget appropriates to.

Gul bok (OPEN-DATA.md §1.5) splits some posts into underposts (``upost_nr``: 540 post 1
in 2021 as 1 Lønn og godtgjørelser and 2 Varer og tjenester); Saldert budsjett (§1.6)
splits post 24 of the state enterprises (``Underpostnr.``: 24.1 Driftsinntekter, …),
under a post-level row of its own (2445.24 «Driftsresultat:»). The rules work on posts
(``shared/reference/gul-bok/README.md``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..account import Account
from ..errors import UsageError
from ..keywords import Keywords
from .records import BudgetPost

__all__ = ["budget_by_post"]


def budget_by_post(posts: Iterable[BudgetPost]) -> dict[Account, BudgetPost]:
    """The posts of a budget table (:class:`BudgetPost` records, e.g. from
    :func:`statsbudsjett.io.budget_reader.read_budget`) keyed by post, in account order.

    A post given without underposts is kept as it is. A post with underposts becomes one
    record on the post (``540.01`` for ``540.01.01`` and ``540.01.02``):

    * text: the post-level row's text when the table has one (Saldert budsjett's
      «Driftsresultat:» on 2445.24), else ``""`` — a post given only as underposts has no
      post text in the table;
    * chapter name and source: the post-level row's, else the first underpost's;
    * keywords: combined (:meth:`Keywords.combined`: transferable or an estimate if any part
      is, every «kan nyttes under» target once);
    * stikkord: the distinct non-empty texts of the rows, joined with ``"; "``.

    Raises :class:`~statsbudsjett.UsageError` when an account is given twice: which of the two
    to keep is not ours to choose (the reader refuses such a table, located).
    """
    groups: dict[Account, list[BudgetPost]] = {}
    for post in sorted(posts, key=lambda p: p.account):
        group = groups.setdefault(post.account.post_account, [])
        if group and group[-1].account == post.account:
            raise UsageError(f"budget_by_post: {post.account} is given twice")
        group.append(post)
    return {account: _folded(account, group) for account, group in groups.items()}


def _folded(account: Account, group: list[BudgetPost]) -> BudgetPost:
    head = group[0]  # the post-level row sorts first when there is one
    if len(group) == 1 and not head.account.is_underpost:
        return head
    stikkord = "; ".join(dict.fromkeys(p.stikkord for p in group if p.stikkord))
    return BudgetPost(account, head.chapter_name, "" if head.account.is_underpost else head.text, stikkord,
                      Keywords.combined(p.keywords for p in group), head.source)
