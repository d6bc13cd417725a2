"""Hypothesis strategies for the domain, in one module (DESIGN.md: "strategies in one module").

``agency_years()`` builds random but *consistent* agency-years in øre: every reference
points at an existing line, revenue splits add up exactly to the mer-/mindreinntekt,
reallocations stay within the year's 5 % limit, chargeback use stays within its limit,
and the capital accounts balance (*Sum rapportert* = 0).
"""

from __future__ import annotations

from hypothesis import strategies as st

from statsbudsjett.account import COMMON_CHAPTERS, Account
from statsbudsjett.keywords import Keywords
from statsbudsjett.model import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    Direction,
    ExpenseLine,
    IncomeLine,
    Reallocation,
    ReallocationKind,
    RevenueAuthorisation,
    Saving,
    TreasuryBalance,
)
from statsbudsjett.money import Money
from statsbudsjett.rules import PARAMETERS, parameters_for

MAX_ORE = 10**13  # 100 000 000 000 kr: larger than any agency's post

fiscal_years = st.integers(PARAMETERS[0].first, PARAMETERS[-1].last)


def money(min_ore: int = -MAX_ORE, max_ore: int = MAX_ORE) -> st.SearchStrategy[Money]:
    """Any exact amount in the range, øre included."""
    return st.integers(min_ore, max_ore).map(Money.from_ore)


def whole_kroner(min_kr: int = 0, max_kr: int = 10**9) -> st.SearchStrategy[Money]:
    return st.integers(min_kr, max_kr).map(Money.kroner)


non_negative = money(0)

accounts = st.builds(Account, st.integers(1, 5999), st.integers(1, 99))
expense_accounts = st.builds(Account, st.integers(1, 2999), st.integers(1, 99))
income_accounts = st.builds(Account, st.integers(3000, 5999), st.integers(1, 99))
underpost_accounts = st.builds(Account, st.integers(1, 5999), st.integers(1, 99), st.integers(1, 99))

keywords = st.builds(
    Keywords,
    transferable=st.booleans(),
    estimate=st.booleans(),
    usable_under=st.lists(accounts, max_size=3, unique=True).map(tuple),
)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)


@st.composite
def agency_years(draw: st.DrawFn, max_posts: int = 8) -> AgencyYear:
    """A consistent agency-year on one expense chapter and its income chapter (+3000)."""
    year = draw(fiscal_years)
    params = parameters_for(year)
    chapter = draw(st.integers(100, 2999).filter(lambda c: c not in COMMON_CHAPTERS))  # 1633.01 is added below
    posts = sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=max_posts, unique=True)))
    expense = []
    for post in posts:
        allocated = draw(money(0, 10**11))
        expense.append(ExpenseLine(
            Account(chapter, post),
            text=draw(texts),
            keywords=draw(keywords),
            carried_over=draw(st.none() | money(-10**10, 10**11)),
            allocated=allocated,
            previous_allocated=draw(st.none() | money(0, 10**11)),
            accounted=draw(money(-10**9, 2 * 10**11)),
        ))
    income_chapter = chapter + 3000
    income_posts = sorted(draw(st.lists(st.integers(1, 99), max_size=4, unique=True)))
    income = [
        IncomeLine(Account(income_chapter, p), draw(texts), draw(money(0, 10**11)), draw(money(0, 2 * 10**11)))
        for p in income_posts
    ]
    # Lines reported without an allocation: a received chargeback and a common chapter.
    received = []
    if draw(st.booleans()):
        other = Account(draw(st.integers(1, 99)), draw(st.integers(1, 99)))  # own chapters are 100+
        used = draw(money(0, 10**11))
        expense.append(ExpenseLine(other, accounted=used))
        received.append(Chargeback(Direction.RECEIVED, other, used, used + draw(money(0, 10**9))))
    if draw(st.booleans()):
        expense.append(ExpenseLine(Account(1633, 1), accounted=draw(money(0, 10**10))))

    authorisations = []
    free_income = list(income)
    own = [line.account for line in expense if line.is_own]
    while free_income and draw(st.booleans()):
        backing = free_income.pop()
        targets = draw(st.lists(st.sampled_from(own), min_size=1, max_size=3, unique=True))
        difference = backing.revenue_difference
        split: list[tuple[Account, Money]] = []
        if len(targets) > 1:
            cuts = sorted(draw(st.lists(st.integers(0, abs(difference.ore)), min_size=len(targets) - 1,
                                        max_size=len(targets) - 1)))
            sign = -1 if difference.ore < 0 else 1
            bounds = [0, *cuts, abs(difference.ore)]
            split = [(t, Money(sign * (b - a))) for t, a, b in zip(targets, bounds, bounds[1:], strict=False)]
        authorisations.append(RevenueAuthorisation((backing.account,), tuple(targets), tuple(split)))

    given = []
    for account in draw(st.lists(st.sampled_from(own), max_size=2, unique=True)):
        limit = draw(money(0, 10**11))
        given.append(Chargeback(Direction.GIVEN, account, draw(money(0, limit.ore)), limit, draw(texts)))

    reallocations = []
    by_post = {line.account.post: line for line in expense if line.is_own}
    first = by_post.get(params.reallocation_from_post)
    second = by_post.get(params.reallocation_to_post)
    if first and second and first.allocated and draw(st.booleans()):
        limit = first.allocated.times(params.reallocation_share)
        if limit.ore >= 1:
            amount = draw(money(1, limit.ore))
            reallocations.append(Reallocation(ReallocationKind.TO_INVESTMENT, second.account, amount, first.account))
    for post in sorted(params.advance_posts):
        line = by_post.get(post)
        if line and line.allocated and draw(st.booleans()):
            limit = line.allocated.times(params.reallocation_share)
            if limit.ore >= 1:
                reallocations.append(Reallocation(ReallocationKind.ADVANCE, line.account, draw(money(1, limit.ore))))
    savings = [Saving(a, draw(money(0, 10**9))) for a in draw(st.lists(st.sampled_from(own), max_size=2))]

    # Capital accounts that balance: net + KK inn + KK ut + change in mellomværende = 0.
    net = Money.total(line.accounted for line in expense) - Money.total(line.accounted for line in income)
    opening = draw(money(-10**9, 10**9))
    change = draw(money(-10**8, 10**8))
    cash_in = draw(money(0, 10**11))
    capital = [
        CapitalAccount("60090701", "Norges Bank KK /innbetalinger", cash_in),
        CapitalAccount("60090702", "Norges Bank KK/utbetalinger", -(net + cash_in + change)),
    ]
    return AgencyYear(
        agency=draw(texts.filter(str.strip)),
        fiscal_year=year,
        expense=tuple(draw(st.permutations(expense))),
        income=tuple(income),
        chapter_names={chapter: draw(texts), income_chapter: draw(texts)},
        revenue_authorisations=tuple(authorisations),
        chargebacks=tuple(given + received),
        reallocations=tuple(reallocations),
        savings=tuple(savings),
        capital_accounts=tuple(capital),
        treasury_balance=TreasuryBalance("715006", "Mellomværende med statskassen", opening + change, opening),
    )


__all__ = [
    "accounts",
    "agency_years",
    "expense_accounts",
    "fiscal_years",
    "income_accounts",
    "keywords",
    "money",
    "non_negative",
    "texts",
    "underpost_accounts",
    "whole_kroner",
]


# -- histories across fiscal years (issue 5: statsbudsjett.history) --------------------------------
# Imports kept in this block so that it stays separate from the strategies above.
from fractions import Fraction  # noqa: E402

from statsbudsjett.history import History, Transfer, Transfers  # noqa: E402

HISTORY_CHAPTER = 1234


@st.composite
def histories(draw: st.DrawFn, max_years: int = 5, max_posts: int = 3) -> History:
    """Consecutive agency-years of one agency on chapter 1234 (posts 01, 21, 45, 70, each «kan
    overføres» or not), with forskutteringer, omdisponeringer and savings within the year's
    limits. Each next year's *overført fra i fjor* is the previous year's mulig overførbart
    beløp, a part of it, or any amount (a decision may be recorded for it), so that histories
    both keep and break the rules."""
    count = draw(st.integers(2, max_years))
    first = draw(st.integers(PARAMETERS[0].first, PARAMETERS[-1].last - count + 1))
    posts = sorted(draw(st.lists(st.sampled_from([1, 21, 45, 70]), min_size=1, max_size=max_posts, unique=True)))
    transferable = {post: draw(st.booleans()) for post in posts}
    carried = {post: draw(money(-10**8, 10**9)) for post in posts}
    years: list[AgencyYear] = []
    transfers: list[Transfer] = []
    for fiscal_year in range(first, first + count):
        params = parameters_for(fiscal_year)
        lines = {}
        for post in posts:
            allocated = draw(money(0, 10**10))
            # any spending, or a share of the allocation (low spending lets old money reach the window's end)
            accounted = draw(money(-10**7, 2 * 10**10) | st.integers(0, 12).map(lambda k, a=allocated: a.times(
                Fraction(k, 10))))
            lines[post] = ExpenseLine(
                Account(HISTORY_CHAPTER, post), keywords=Keywords(transferable=transferable[post]),
                carried_over=carried[post], allocated=allocated,
                previous_allocated=draw(st.none() | money(0, 10**10)) if fiscal_year == first else None,
                accounted=accounted,
            )
        reallocations = []
        for post in sorted(params.advance_posts & set(posts)):
            limit = (lines[post].allocated or Money(0)).times(params.reallocation_share)
            if limit.ore >= 1 and draw(st.booleans()):
                reallocations.append(Reallocation(ReallocationKind.ADVANCE, lines[post].account,
                                                  draw(money(1, limit.ore))))
        source, target = lines.get(params.reallocation_from_post), lines.get(params.reallocation_to_post)
        if source is not None and target is not None and draw(st.booleans()):
            limit = (source.allocated or Money(0)).times(params.reallocation_share)
            if limit.ore >= 1:
                reallocations.append(Reallocation(ReallocationKind.TO_INVESTMENT, target.account,
                                                  draw(money(1, limit.ore)), source.account))
        savings = [Saving(Account(HISTORY_CHAPTER, post), draw(money(0, 10**8)))
                   for post in draw(st.lists(st.sampled_from(posts), max_size=2, unique=True))]
        years.append(AgencyYear("Testetaten", fiscal_year, tuple(lines.values()), reallocations=tuple(reallocations),
                                savings=tuple(savings)))
        note = History(years).note_b(fiscal_year)
        carried = {}
        for post in posts:
            may = note[Account(HISTORY_CHAPTER, post)].transferable or Money(0)
            carried[post] = draw(st.sampled_from([may, Money(0), may.times(Fraction(1, 2)), may + may])
                                 | money(-10**9, 10**10))
            if draw(st.booleans()):
                transfers.append(Transfer(fiscal_year, Account(HISTORY_CHAPTER, post), decided=carried[post]))
    return History(years, Transfers(transfers))


__all__ += ["histories"]
