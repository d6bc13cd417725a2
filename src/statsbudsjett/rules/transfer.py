"""Which posts may carry unused appropriation to next year, and how much (Note B, H and I).

One ordered table, :data:`TRANSFER_RULES`: the first rule whose condition holds
decides a post. Each rule cites its source (RULES.md § 3 and the v1 decisions).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Final

from attrs import frozen

from ..account import Account
from ..choices import NegativeBasis
from ..explanation import Term, add, at_least_zero, empty, read, share, smallest
from ..model import ExpenseLine
from ..money import Money
from ..reprs import field_repr
from .parameters import YearParameters
from .sources import Evidence, Source, cite

__all__ = ["TRANSFER_RULES", "TransferKind", "TransferRule", "covered_by_partners", "five_percent_cap",
           "five_percent_cap_term", "reallocation_limit", "rule_for"]


FIVE_PERCENT: Final = "transfer.five-percent"  # the rule's id, in its table entry and in its cap's terms


class TransferKind(enum.Enum):
    CAN_TRANSFER = "kan overføres"
    FIVE_PERCENT = "5 %"
    NONE = "ingen overføring"


@frozen
class TransferRule:
    """One way a post is treated when unused appropriation is carried over."""

    __repr__ = field_repr

    id: str
    title: str
    kind: TransferKind
    applies: Callable[[ExpenseLine, YearParameters], bool]
    # A negative basis (overspend) is carried as a negative transfer, whatever the year chooses.
    carries_negative: bool
    sources: tuple[Source, ...]
    evidence: Evidence

    def cap(self, line: ExpenseLine, params: YearParameters, reallocated_in: Money | Term | None = None, *,
            terms: Mapping[str, Term] | None = None) -> Term:
        """Maks. overførbart beløp (column H) as a term, never negative (RULES.md § 9.8); without a
        value when no cap is shown. ``reallocated_in`` is what an omdisponering moved into the post;
        ``terms`` may give the post's ``allocated`` and ``previous_allocated`` as terms (with
        where they were read), else the line's amounts are used.

        A negative tildeling (a reduction larger than the grant) allows no transfer: the cap is 0.
        """
        given = terms or {}
        allocated = given.get("allocated") or read("allocated", line.allocated or Money(0))
        if self.kind is TransferKind.FIVE_PERCENT:
            return five_percent_cap_term(allocated, params)
        if self.kind is TransferKind.CAN_TRANSFER and line.previous_allocated is not None:
            # this year's + last year's tildeling, plus any omdisponering into the post (S11)
            previous = given.get("previous_allocated") or read("previous_allocated", line.previous_allocated)
            moved = (reallocated_in if isinstance(reallocated_in, Term)
                     else read("reallocated_in", reallocated_in or Money(0)))
            return at_least_zero("max_transferable", self.id, add(
                "allocations_and_reallocation", self.id, (1, allocated), (1, previous), (1, moved)))
        return empty("max_transferable", self.id)

    def carries_negative_basis(self, params: YearParameters) -> bool:
        """An overspend is carried as a negative transfer: on «kan overføres» posts always, on 5 %-posts
        when the year chooses so (``[rules] negative_basis = "carried"``, open question 11.1)."""
        return self.carries_negative or (
            self.kind is TransferKind.FIVE_PERCENT and params.negative_basis is NegativeBasis.CARRIED)

    def transferable(self, basis: Money | Term, cap: Money | Term | None, params: YearParameters) -> Term:
        """Mulig overførbart beløp (column I) = min(G, H) as a term; without a value where nothing
        transfers (the terms it has then are what decided so). A cap of ``None`` is no cap."""
        basis = basis if isinstance(basis, Term) else read("basis", basis)
        cap = cap if isinstance(cap, Term) else (empty("max_transferable", self.id) if cap is None
                                                  else read("max_transferable", cap))
        assert basis.value is not None
        if self.kind is TransferKind.NONE:
            return empty("transferable", self.id)
        if basis.value < Money(0) and not self.carries_negative_basis(params):
            return empty("transferable", self.id, basis)
        if cap.value is None:
            return add("transferable", self.id, (1, basis))
        return smallest("transferable", self.id, basis, cap)


TRANSFER_RULES: Final = (
    TransferRule(
        "transfer.can-transfer",
        "«kan overføres»: unused appropriation may be carried, up to this and last year's "
        "tildeling; an overspend is carried as a negative transfer",
        TransferKind.CAN_TRANSFER,
        lambda line, _: line.keywords.transferable,
        carries_negative=True,
        sources=cite("S11", "DIGDIR-2021"),
        evidence=Evidence.SEEN,
    ),
    TransferRule(
        "transfer.estimate",
        "overslagsbevilgning: may be exceeded, never transferred",
        TransferKind.NONE,
        lambda line, _: line.keywords.estimate,
        carries_negative=False,
        sources=cite("S6"),
        evidence=Evidence.RECALL,
    ),
    TransferRule(
        "transfer.excluded-post",
        "post 24 (driftsresultat, forvaltningsbedrift): no 5 % transfer",
        TransferKind.NONE,
        lambda line, params: line.account.post in params.five_percent_excluded_posts,
        carries_negative=False,
        sources=cite("S1"),
        evidence=Evidence.RECALL,
    ),
    TransferRule(
        FIVE_PERCENT,
        "driftsposter 01–29: up to 5 % of årets tildelinger; an overspend is not carried",
        TransferKind.FIVE_PERCENT,
        lambda line, params: line.account.post in params.five_percent_posts,
        carries_negative=False,
        sources=cite("S1", "S6", "DIGDIR-2021"),
        evidence=Evidence.SEEN,
    ),
    TransferRule(
        "transfer.none",
        "posts 30–99 without «kan overføres»: no transfer (§ 5 main rule)",
        TransferKind.NONE,
        lambda line, _: True,
        carries_negative=False,
        sources=cite("S4"),
        evidence=Evidence.RECALL,
    ),
)


def rule_for(line: ExpenseLine, params: YearParameters) -> TransferRule:
    """The first rule of :data:`TRANSFER_RULES` that applies to the post."""
    return next(rule for rule in TRANSFER_RULES if rule.applies(line, params))


def five_percent_cap_term(allocated: Term, params: YearParameters) -> Term:
    """Maks. overførbart beløp on a 5 %-post: the year's share of årets tildelinger (S1, S6), never
    negative (RULES.md § 9.8: a negative tildeling allows no transfer)."""
    return at_least_zero("max_transferable", FIVE_PERCENT, share("five_percent_of_allocated", FIVE_PERCENT,
                                                                 params.five_percent_share, allocated))


def five_percent_cap(allocated: Money, params: YearParameters) -> Money:
    """:func:`five_percent_cap_term` of an amount."""
    cap = five_percent_cap_term(read("allocated", allocated), params).value
    assert cap is not None
    return cap


def reallocation_limit(allocated: Money, params: YearParameters) -> Money:
    """The most that may be moved out of post 01 (omdisponering), or advanced on post 01/21
    (forskuttering), in a year: the year's share of årets tildelinger on the post (S8), never negative."""
    return max(allocated.times(params.reallocation_share), Money(0))


def covered_by_partners(partners: Iterable[Account], bases: Mapping[Account, Money], overspend: Money) -> bool:
    """Whether the surplus (positive basis) of the posts a post «kan nyttes under» covers its overspend
    (v1 decision 5: such an overspend is explained, not a warning)."""
    surplus = Money.total(bases[p] for p in dict.fromkeys(partners) if p in bases and bases[p] > Money(0))
    return overspend > Money(0) and surplus >= overspend
