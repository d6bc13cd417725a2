"""A synthetic five-year history (2021–2025) of «Testetaten», built in code, that keeps
every continuity rule; tests break one rule at a time with :func:`five_years`' options.

Posts on chapter 1234 (kroner):

* 1234.01 Driftsutgifter (5 %): advance 2 000 000 in 2021 (five-year regime) and
  3 000 000 in 2023 (three-year regime), savings 500 000 a year plus 1 000 000 for the
  2023 advance in 2024 and 2025; omdisponering 1 000 000 to post 45 in 2022;
  an overspend in 2024 that a 5 %-post does not carry.
* 1234.21 Spesielle driftsutgifter (kan overføres): an overspend of 1 000 000 in 2021
  carried as a negative transfer into 2022.
* 1234.45 Større utstyrsanskaffelser (kan overføres): 2021 decided lower than applied;
  7 000 000 allocated in 2021 lapses at the end of 2023 under the two-year rule.
* 1234.70 Tilskudd (no stikkord): nothing is carried.
"""

from __future__ import annotations

from typing import Any

from statsbudsjett import Account, AgencyYear, ExpenseLine, Money, Reallocation, Saving
from statsbudsjett.history import History, Transfer, Transfers
from statsbudsjett.keywords import Keywords
from statsbudsjett.model import ReallocationKind

M = 1_000_000
CAN = Keywords(transferable=True)

# year: {post: (carried_over, allocated, accounted)}
FIGURES: dict[int, dict[int, tuple[int, int, int]]] = {
    2021: {1: (0, 100 * M, 101 * M), 21: (0, 10 * M, 11 * M), 45: (4 * M, 20 * M, 10 * M), 70: (0, M, 900_000)},
    2022: {1: (M, 100 * M, 99 * M), 21: (-M, 10 * M, 8 * M), 45: (12 * M, 5 * M, 2 * M), 70: (0, M, 900_000)},
    2023: {1: (500_000, 100 * M, 100_700_000), 21: (M, 10 * M, 10 * M), 45: (16 * M, 5 * M, 3 * M),
           70: (0, M, 900_000)},
    2024: {1: (2_300_000, 100 * M, 101 * M), 21: (M, 10 * M, 9_500_000), 45: (10 * M, 5 * M, 12 * M),
           70: (0, M, 900_000)},
    2025: {1: (0, 100 * M, 99 * M), 21: (1_500_000, 10 * M, 11_500_000), 45: (3 * M, 5 * M, 4 * M),
           70: (0, M, 900_000)},
}
PREVIOUS_2021 = {21: 9 * M, 45: 18 * M}  # the 2020 allocations, given in the first year's file
ADVANCES = {2021: (1, 2 * M), 2023: (1, 3 * M)}
SAVINGS = {2022: {1: 500_000}, 2023: {1: 500_000}, 2024: {1: 1_500_000}, 2025: {1: 1_500_000}}
TO_INVESTMENT = {2022: M}  # omdisponering 1234.01 → 1234.45
# (year, post): (applied, decided); the transfer from that year to the next
TRANSFERS: dict[tuple[int, int], tuple[int | None, int | None]] = {
    (2021, 1): (M, M), (2021, 21): (None, -M), (2021, 45): (14 * M, 12 * M),
    (2022, 1): (None, 500_000), (2022, 21): (None, M), (2022, 45): (16 * M, 16 * M),
    (2023, 1): (None, 2_300_000), (2023, 21): (None, M), (2023, 45): (10 * M, 10 * M),
    (2024, 21): (1_500_000, None), (2024, 45): (None, None),
}
TEXTS = {1: "Driftsutgifter", 21: "Spesielle driftsutgifter", 45: "Større utstyrsanskaffelser og vedlikehold",
         70: "Tilskudd", 71: "Tilskudd, ny ordning"}


def account(post: int) -> Account:
    return Account(1234, post)


def agency_year(fiscal_year: int, figures: dict[int, tuple[int, int, int]] | None = None, *,
                previous: dict[int, int] | None = None, advances: dict[int, tuple[int, int]] | None = None,
                savings: dict[int, dict[int, int]] | None = None, to_investment: dict[int, int] | None = None,
                agency: str = "Testetaten") -> AgencyYear:
    figures = FIGURES[fiscal_year] if figures is None else figures
    previous = (PREVIOUS_2021 if fiscal_year == 2021 else {}) if previous is None else previous
    advances = ADVANCES if advances is None else advances
    savings = SAVINGS if savings is None else savings
    to_investment = TO_INVESTMENT if to_investment is None else to_investment
    lines = [
        ExpenseLine(account(post), TEXTS[post], CAN if post in (21, 45) else Keywords(), Money.kroner(carried),
                    Money.kroner(allocated), Money.kroner(previous[post]) if post in previous else None,
                    Money.kroner(accounted))
        for post, (carried, allocated, accounted) in figures.items()
    ]
    reallocations = []
    if fiscal_year in advances:
        post, amount = advances[fiscal_year]
        reallocations.append(Reallocation(ReallocationKind.ADVANCE, account(post), Money.kroner(amount)))
    if fiscal_year in to_investment:
        reallocations.append(Reallocation(ReallocationKind.TO_INVESTMENT, account(45),
                                          Money.kroner(to_investment[fiscal_year]), account(1)))
    saved = [Saving(account(post), Money.kroner(amount)) for post, amount in savings.get(fiscal_year, {}).items()]
    return AgencyYear(agency, fiscal_year, tuple(lines), reallocations=tuple(reallocations), savings=tuple(saved))


def transfers(overrides: dict[tuple[int, int], tuple[int | None, int | None]] | None = None) -> Transfers:
    table = {**TRANSFERS, **(overrides or {})}
    return Transfers(
        Transfer(year, account(post), None if applied is None else Money.kroner(applied),
                 None if decided is None else Money.kroner(decided))
        for (year, post), (applied, decided) in table.items()
        if applied is not None or decided is not None
    )


def five_years(*, figures: dict[int, dict[int, tuple[int, int, int]]] | None = None,
               transfer_overrides: dict[tuple[int, int], tuple[int | None, int | None]] | None = None,
               **year_options: Any) -> History:
    """The history; ``figures`` replaces whole years, ``year_options`` go to every :func:`agency_year`."""
    all_figures = {**FIGURES, **(figures or {})}
    years = [agency_year(t, all_figures[t], **year_options) for t in sorted(all_figures)]
    return History(years, transfers(transfer_overrides))


def with_carried(fiscal_year: int, post: int, carried: int) -> dict[int, dict[int, tuple[int, int, int]]]:
    """FIGURES with the carried_over of one post in one year replaced."""
    year = dict(FIGURES[fiscal_year])
    _, allocated, accounted = year[post]
    year[post] = (carried, allocated, accounted)
    return {fiscal_year: year}
