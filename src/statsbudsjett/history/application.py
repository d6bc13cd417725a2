"""The application for transfer (søknad om overføring av ubrukt bevilgning) of year t.

From Note B of year t: per post that may carry money, the *maks. overførbart beløp*, the
*mulig overførbart beløp*, the amount applied for and a short justification — the table
an agency sends its ministry. The amount applied for is the mulig overførbart beløp
unless the transfers input says otherwise.
"""

from __future__ import annotations

from attrs import frozen

from ..account import Account
from ..model import AgencyYear
from ..money import Money
from ..reprs import field_repr
from ..statements import note_b
from .history import History
from .transfers import Transfers

__all__ = ["ApplicationRow", "TransferApplication", "transfer_application"]


@frozen
class ApplicationRow:
    __repr__ = field_repr

    account: Account  # kapittel og post
    text: str  # posttekst
    keywords: tuple[str, ...]  # stikkord
    max_transferable: Money | None  # maks. overførbart beløp (Note B H)
    transferable: Money | None  # mulig overførbart beløp (Note B I); None: nothing may be carried
    applied: Money  # søkt overført
    justification: str  # begrunnelse


@frozen
class TransferApplication:
    """Søknad om overføring av ubrukt bevilgning fra ``fiscal_year`` til ``fiscal_year + 1``."""

    __repr__ = field_repr

    agency: str
    ministry: str
    fiscal_year: int
    rows: tuple[ApplicationRow, ...]

    @property
    def transferable_total(self) -> Money:
        return Money.total(r.transferable or Money(0) for r in self.rows)

    @property
    def applied_total(self) -> Money:
        return Money.total(r.applied for r in self.rows)


def transfer_application(source: History | AgencyYear, fiscal_year: int | None = None,
                         transfers: Transfers | None = None) -> TransferApplication:
    """The application for the year (default: the history's last year).

    From a :class:`History` Note B uses the history's allocations for the «kan overføres»
    cap and the history's transfers input; from a single :class:`AgencyYear`, its own
    figures and ``transfers`` (if any). A post is listed when money may be carried on it, or
    when the transfers input applies for it.
    """
    if isinstance(source, History):
        year_number = source.last if fiscal_year is None else fiscal_year
        year, note = source.year(year_number), source.note_b(year_number)
        transfers = source.transfers if transfers is None else transfers
    else:
        year, note = source, note_b(source)
        year_number = source.fiscal_year
        transfers = transfers or Transfers()
    texts = {line.account: line.text for line in year.own_posts}
    rows = []
    for row in note.rows:
        transfer = transfers.get(year_number, row.account)
        if row.transferable is None and (transfer is None or transfer.applied is None):
            continue
        applied = transfer.applied if transfer and transfer.applied is not None else row.transferable
        rows.append(ApplicationRow(
            account=row.account,
            text=texts.get(row.account, ""),
            keywords=row.keywords,
            max_transferable=row.max_transferable,
            transferable=row.transferable,
            applied=applied or Money(0),
            justification=transfer.justification if transfer else "",
        ))
    return TransferApplication(year.agency, year.ministry, year_number, tuple(rows))
