"""The chain of one post over the years: Note B of year t becomes Note A of year t+1.

For each own expense post and fiscal year a :class:`ChainYear` holds what came in
(*overført fra i fjor*, *årets tildelinger*), what was used (*regnskap*, and the other
Note B columns B, D, E, F as ``adjustments``), what could be carried (Note B G, H, I),
what was applied for and decided, what was carried into the next year (Note A of t+1)
and what lapsed (bortfalt). Money is conserved by construction of the figures::

    carried_in + allocated + adjustments − accounted = basis = carried_out + lapsed
"""

from __future__ import annotations

from attrs import frozen

from ..account import Account
from ..money import Money
from ..reprs import field_repr
from ..rules import TransferKind
from ..statements import NoteB
from .history import History

__all__ = ["ChainYear", "PostChain", "post_chains"]


@frozen
class ChainYear:
    """One post in one fiscal year, as a link of the chain (ledd i kjeden)."""

    __repr__ = field_repr

    fiscal_year: int
    account: Account
    kind: TransferKind  # how unused money on the post may be carried (Note B rule)
    carried_in: Money  # overført fra i fjor (Note A)
    allocated: Money  # årets tildelinger (Note A)
    accounted: Money  # regnskap
    adjustments: Money  # Note B B + D + E + F: belastningsfullmakter, merinntekter, omdisponering, innsparing
    basis: Money  # Note B G: sum grunnlag for overføring
    max_transferable: Money | None  # Note B H
    transferable: Money | None  # Note B I: mulig overførbart beløp
    applied: Money | None  # søkt overført (transfers input)
    decided: Money | None  # vedtatt overført (transfers input)
    carried_out: Money | None  # overført til neste år: Note A of t+1, else the decision; None: not known yet

    @property
    def lapsed(self) -> Money | None:
        """Bortfalt: the part of the year-end balance not carried (negative: an overspend not carried)."""
        return None if self.carried_out is None else self.basis - self.carried_out

    @property
    def can_transfer(self) -> bool:
        """The post has the stikkord «kan overføres» this year."""
        return self.kind is TransferKind.CAN_TRANSFER


@frozen
class PostChain:
    """One own expense post over the years of a history (only years the agency has it)."""

    __repr__ = field_repr

    account: Account
    text: str  # posttekst, the latest year's
    years: tuple[ChainYear, ...]

    def __getitem__(self, fiscal_year: int) -> ChainYear:
        for link in self.years:
            if link.fiscal_year == fiscal_year:
                return link
        raise KeyError(f"{self.account} has no tildeling in {fiscal_year}")


def post_chains(history: History, notes: dict[int, NoteB] | None = None) -> tuple[PostChain, ...]:
    """The chain of every own expense post of the history, in account order.

    ``notes`` are the history's Note B per year when already computed (:meth:`History.note_b`).
    """
    notes = notes if notes is not None else {t: history.note_b(t) for t in history.fiscal_years}
    chains = []
    for account in history.accounts():
        links = []
        text = ""
        for fiscal_year in history.fiscal_years:
            line = history.line(fiscal_year, account)
            if line is None:
                continue
            text = line.text or text
            row = notes[fiscal_year][account]
            transfer = history.transfers.get(fiscal_year, account)
            decided = transfer.decided if transfer else None
            carried_out: Money | None
            if fiscal_year + 1 in history:
                following = history.line(fiscal_year + 1, account)
                carried_out = (following.carried_over or Money(0)) if following else Money(0)
            else:
                carried_out = decided
            links.append(ChainYear(
                fiscal_year=fiscal_year,
                account=account,
                kind=row.rule.kind,
                carried_in=line.carried_over or Money(0),
                allocated=line.allocated or Money(0),
                accounted=line.accounted,
                adjustments=row.basis - row.difference,
                basis=row.basis,
                max_transferable=row.max_transferable,
                transferable=row.transferable,
                applied=transfer.applied if transfer else None,
                decided=decided,
                carried_out=carried_out,
            ))
        chains.append(PostChain(account, text, tuple(links)))
    return tuple(chains)
