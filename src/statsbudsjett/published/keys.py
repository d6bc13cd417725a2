"""The row keys of the fullmakter a report states: unique in their table, the same read or computed.

A report may state several belastningsfullmakter of one direction on one post (Direktoratet
for e-helse 2021 prints three received on 540.25, from different counterparties), and a
finding names its row by key. Both the reader of the published format and
:func:`~statsbudsjett.published.from_year.publish` key these rows with
:func:`authorisation_keys`, so that a printed row and the row computed from raw inputs
have the same key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..account import Account

__all__ = ["authorisation_keys"]


def authorisation_keys(rows: Iterable[tuple[str, Account, str]]) -> tuple[str, ...]:
    """The key of each ``(code, account, counterparty)`` row of a table of fullmakter, in order.

    A row alone on its post is ``"{code} {account}"``. Where a post has several rows of
    the same code, each is told apart by its counterparty; rows with no counterparty, or
    the same one, are numbered from the second on.

    >>> from statsbudsjett.account import Account
    >>> a = Account.parse("540.25")
    >>> authorisation_keys([("given", a, "25 virksomheter"), ("received", a, "Helsedirektoratet")])
    ('given 540.25', 'received 540.25')
    >>> authorisation_keys([("received", a, "Helsedirektoratet"), ("received", a, "NHN"), ("received", a, "")])
    ('received 540.25 Helsedirektoratet', 'received 540.25 NHN', 'received 540.25')
    >>> authorisation_keys([("received", a, ""), ("received", a, ""), ("received", a, "NHN"), ("received", a, "NHN")])
    ('received 540.25', 'received 540.25 #2', 'received 540.25 NHN', 'received 540.25 NHN #2')
    """
    rows = list(rows)
    posts = [f"{code} {account}" for code, account, _ in rows]
    several = Counter(posts)
    keys: list[str] = []
    taken: set[str] = set()
    for post, (_, _, counterparty) in zip(posts, rows, strict=True):
        name = " ".join(counterparty.split())
        key = f"{post} {name}" if several[post] > 1 and name else post
        candidate, number = key, 1
        while candidate in taken:
            number += 1
            candidate = f"{key} #{number}"
        taken.add(candidate)
        keys.append(candidate)
    return tuple(keys)
