"""The records of DFØ's open data and the budget tables, as typed values.

One record per row of the published files (``docs/import.md``): a month's movement on one
account string of the state accounts (:class:`LedgerRow`), one decision of the
appropriations ledger (:class:`AppropriationRow`), one post of a budget table
(:class:`BudgetPost`). The readers in :mod:`statsbudsjett.io` make them from the files; the
builder (:mod:`statsbudsjett.opendata.build`) turns them into an agency-year. Amounts are
exact :class:`~statsbudsjett.money.Money` with the sign the file gives (debit positive,
credit negative in DFØ's files; income positive in the budget tables).
"""

from __future__ import annotations

import datetime
import enum

from attrs import field, frozen

from ..account import Account
from ..errors import Location
from ..keywords import Keywords
from ..money import Money
from ..reprs import field_repr

__all__ = ["AppropriationRow", "BudgetPost", "DecisionKind", "LedgerRow"]


@frozen
class LedgerRow:
    """One row of the state accounts (``statsregnskapet_aar_ÅÅÅÅ.csv``): one month's movement
    on one account string (kapittel/post × artskonto × booking agency)."""

    __repr__ = field_repr

    year: int  # År
    period: int  # Periode, ÅÅÅÅMM
    account: Account  # Post_id: kapittel (4) + post (2)
    chapter_name: str  # Kapittel
    post_name: str  # Post
    ministry_id: str  # Fagdepartement_id: the ministry the chapter belongs to ("04")
    ministry: str  # Fagdepartement
    artskonto_id: str  # Artskonto_id: standard kontoplan, 3 digits (19xx: 4)
    artskonto: str  # Artskonto
    agency_id: str  # Virksomhet_id: the booking agency's organisasjonsnummer
    agency: str  # Virksomhet
    agency_ministry: str  # Fagdepartement_Virksomhet: the ministry the booking agency belongs to
    amount: Money  # Beløp: debit positive, credit negative
    source: Location | None = field(default=None, eq=False, repr=False)


class DecisionKind(enum.Enum):
    """What a row of the appropriations ledger is, read from its ``Bevilgning`` text."""

    DECISION = "decision"  # a budget decision: "2021.06.18 Prp: …", "2021.01.01 Saldert budsjett 2021"
    CARRIED_IN = "carried_in"  # "Overført fra 2020": overført fra i fjor
    CARRIED_OUT = "carried_out"  # "Overføres til 2022": what the ministry let carry over


@frozen
class AppropriationRow:
    """One row of the appropriations ledger (``bevilgninger_full_historikk.csv``): one decision
    on one chapter/post in one year. Stortinget appropriates to posts, not to agencies."""

    __repr__ = field_repr

    year: int  # År
    period: int | None  # Periode, ÅÅÅÅMM (empty in some rows)
    account: Account  # Post_id
    chapter_name: str  # Kapittel
    post_name: str  # Post
    ministry_id: str  # Fagdepartement_id
    ministry: str  # Fagdepartement
    amount: Money  # Bevilgning_beløp: income chapters carry credit signs (negative)
    description: str  # Bevilgning: "date and description"
    kind: DecisionKind
    decided: datetime.date | None = None  # the decision date the description starts with
    other_year: int | None = None  # the year carried from (CARRIED_IN) or to (CARRIED_OUT)
    source: Location | None = field(default=None, eq=False, repr=False)


@frozen
class BudgetPost:
    """One post (or underpost) of a budget table: Gul bok or Saldert budsjett.

    Only texts and stikkord are taken from a budget table, never amounts: Gul bok is the
    proposal, not the appropriation.
    """

    __repr__ = field_repr

    account: Account  # with its underpost where the table splits the post (540.01.01)
    chapter_name: str  # kap_navn (empty in Saldert budsjett, which has no chapter names)
    text: str  # post_navn / Posttekst
    stikkord: str  # as written, "" when none
    keywords: Keywords  # the stikkord, parsed
    source: Location | None = field(default=None, eq=False, repr=False)
