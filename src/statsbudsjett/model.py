"""The raw inputs of one agency's fiscal year (virksomhetens regnskapsår).

Everything here is an immutable attrs class. Constructors accept convenient
values (``"540.01"``, ``164423000``, ``"1234.50"``) and convert them; anything
that cannot be converted raises :class:`~statsbudsjett.errors.UsageError` with
the field named. Floats are refused. The invariants kept here are the ones no
valid agency-year can break; checks that need the whole file (does an account
exist, does a split add up) belong to :func:`statsbudsjett.validation.validate`.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, cast

import attrs
from attrs import field, frozen

from .account import Account, AccountError
from .choices import RuleChoices
from .errors import Location, UsageError
from .keywords import KeywordError, Keywords, parse_keywords
from .money import Money, MoneyError
from .reprs import field_repr

__all__ = [
    "AgencyYear",
    "CapitalAccount",
    "Chargeback",
    "CommitmentAuthorisation",
    "CommitmentKind",
    "Direction",
    "ExpenseLine",
    "IncomeLine",
    "Precision",
    "Reallocation",
    "ReallocationKind",
    "RevenueAuthorisation",
    "Saving",
    "TreasuryBalance",
]


# -- converters: API values → domain values, with the library's own error --------------
# Each raises UsageError saying what is wrong with the value; ``_named_fields`` puts the
# class and field in front (``ExpenseLine.allocated: 1234.5 is a float; …``).
def to_money(value: Money | int | str | Decimal) -> Money:
    if isinstance(value, Money):
        return value
    if isinstance(value, bool):
        raise UsageError(f"{value} is a boolean, not an amount")
    try:
        return Money.kroner(value)
    except MoneyError as error:
        raise UsageError(str(error)) from None


def to_optional_money(value: Money | int | str | Decimal | None) -> Money | None:
    return None if value is None else to_money(value)


def to_account(value: Account | str) -> Account:
    try:
        return Account.parse(value)
    except AccountError as error:
        raise UsageError(str(error)) from None


def to_optional_account(value: Account | str | None) -> Account | None:
    return None if value is None else to_account(value)


def to_accounts(values: Iterable[Account | str]) -> tuple[Account, ...]:
    if isinstance(values, str | Account):
        values = [values]
    if not isinstance(values, Iterable):
        raise UsageError(f'expected accounts such as ["540.01"], not {type(values).__name__}')
    return tuple(to_account(v) for v in values)


def _flag(value: bool) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"expected true or false, not {type(value).__name__} {value!r}")
    return value


def to_text(value: str) -> str:
    if not isinstance(value, str):
        raise UsageError(f"expected a text (str), not {type(value).__name__} {value!r}")
    return value


def to_keywords(value: Keywords | str | Iterable[str]) -> Keywords:
    """Keywords, or stikkord text such as ``"kan overføres"`` (a «kan nyttes under»
    reference names its chapter here; :meth:`ExpenseLine.with_keywords` knows the line's)."""
    if isinstance(value, Keywords):
        return value
    try:
        return parse_keywords(value)
    except KeywordError as error:
        raise UsageError(str(error)) from None


def _ledger_number(value: str) -> str:
    if not (isinstance(value, str) and value.isascii() and value.isdigit()):
        raise UsageError(f'a ledger account number is a string of digits such as "60090701", not {value!r}')
    return value


E = TypeVar("E", bound=enum.Enum)


def _member(kind: type[E], value: E | str) -> E:
    if isinstance(value, kind):
        return value
    words = [member.value for member in kind]
    if isinstance(value, str) and value in words:
        return kind(value)
    import difflib  # here, not at the top: only a wrong value needs it, and it costs the CLI's start-up

    close = difflib.get_close_matches(value, words, n=1) if isinstance(value, str) else []
    suggestion = f"; did you mean {close[0]!r}?" if close else ""
    raise UsageError(f"expected one of {', '.join(map(repr, words))}, not {value!r}{suggestion}")


R = TypeVar("R")


def _all_of(kind: type[R], values: Iterable[R]) -> tuple[R, ...]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise UsageError(f"expected a sequence of {kind.__name__}, not {type(values).__name__}")
    items = tuple(values)
    for index, item in enumerate(items):
        if not isinstance(item, kind):
            raise UsageError(f"item {index} is a {type(item).__name__}, not a {kind.__name__}")
    return items


C = TypeVar("C")


def _named_fields(cls: type[C]) -> type[C]:
    """Put the class and field name in front of a converter's UsageError.

    attrs converters do not know their field: on an error the arguments are converted
    again one by one to find the field that refused its value.
    """
    init = cls.__init__
    fields = [f for f in attrs.fields(cast(Any, cls)) if f.init]
    positional = [f.name for f in fields if not f.kw_only]

    @functools.wraps(init)
    def __init__(self: C, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except UsageError as error:
            given = {**dict(zip(positional, args, strict=False)), **kwargs}
            for f in fields:
                if f.name in given and f.converter is not None:
                    try:
                        f.converter(given[f.name])
                    except UsageError:
                        raise UsageError(f"{cls.__name__}.{f.name}: {error}") from None
            raise

    setattr(cls, "__init__", __init__)  # noqa: B010 - mypy forbids assigning to a method
    return cls


# -- lines of the bevilgningsrapportering ---------------------------------------------
@_named_fields
@frozen
class ExpenseLine:
    """An expense account line (utgiftslinje) of the agency's bevilgningsrapportering.

    An *own* post (a post the agency has a tildeling on) has ``allocated`` and/or
    ``carried_over``: it appears in Note A and Note B. A line with neither is reported
    only (felleskapittel 1633, a post spent on under a received chargeback).
    """

    __repr__ = field_repr

    account: Account = field(converter=to_account)
    text: str = field(default="", converter=to_text)  # posttekst
    keywords: Keywords = field(factory=Keywords, converter=to_keywords)  # stikkord
    carried_over: Money | None = field(default=None, converter=to_optional_money)  # overført fra i fjor
    allocated: Money | None = field(default=None, converter=to_optional_money)  # årets tildelinger
    previous_allocated: Money | None = field(default=None, converter=to_optional_money)  # fjorårets
    accounted: Money = field(default=Money(0), converter=to_money)  # regnskap
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if self.account.chapter >= 3000:
            raise UsageError(
                f"expense line {self.account}: chapter {self.account.chapter} is an income chapter (3000–5999)"
            )

    @classmethod
    def with_keywords(cls, account: Account | str, keywords: str | Iterable[str], **values: Any) -> ExpenseLine:
        """Build a line whose keywords are given as stikkord text."""
        parsed = to_account(account)
        try:
            kw = parse_keywords(keywords, chapter=parsed.chapter)
        except KeywordError as error:
            raise UsageError(str(error)) from None
        return cls(parsed, keywords=kw, **values)

    @property
    def is_own(self) -> bool:
        """The agency has a tildeling on this post (it is in Note A and Note B)."""
        return self.allocated is not None or self.carried_over is not None

    @property
    def total_allocation(self) -> Money:
        """Samlet tildeling = overført fra i fjor + årets tildelinger (RULES.md § 9.1)."""
        return (self.carried_over or Money(0)) + (self.allocated or Money(0))


@_named_fields
@frozen
class IncomeLine:
    """An income account line (inntektslinje): samlet tildeling and regnskap."""

    __repr__ = field_repr

    account: Account = field(converter=to_account)
    text: str = field(default="", converter=to_text)
    allocated: Money | None = field(default=None, converter=to_optional_money)  # samlet tildeling
    accounted: Money = field(default=Money(0), converter=to_money)  # regnskap
    # Its samlet tildeling is explained in Note A: an income chapter whose tildeling the agency is
    # given, as SDØE's kap. 5440 (Petoro 2023); other income lines are not in Note A (S2).
    in_note_a: bool = field(default=False, converter=_flag)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if self.account.chapter < 3000:
            raise UsageError(
                f"income line {self.account}: chapter {self.account.chapter} is an expense chapter (1–2999)"
            )

    @property
    def is_own(self) -> bool:
        return self.allocated is not None

    @property
    def revenue_difference(self) -> Money:
        """Merinntekt og mindreinntekt(−) = regnskap − samlet tildeling (RULES.md § 9.2)."""
        return self.accounted - (self.allocated or Money(0))


# -- authorisations (fullmakter) ---------------------------------------------------------
def _split(value: Mapping[Any, Any] | Iterable[tuple[Any, Any]] | None) -> tuple[tuple[Account, Money], ...]:
    items = value.items() if isinstance(value, Mapping) else (value or ())
    if not isinstance(items, Iterable):
        raise UsageError(f'expected {{"540.01": amount, …}}, not {type(value).__name__}')
    pairs = []
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise UsageError(f"expected (account, amount) pairs, not {item!r}")
        pairs.append((to_account(item[0]), to_money(item[1])))
    return tuple(pairs)


@_named_fields
@frozen
class RevenueAuthorisation:
    """A merinntektsfullmakt: the expense posts may be exceeded against the income posts' merinntekt.

    The mer-/mindreinntekt of ``income`` (regnskap − samlet tildeling) goes to the
    ``expense`` posts: all of it to a single post, or by ``allocation`` when there
    are several (RULES.md § 6.1, S12, S13).
    """

    __repr__ = field_repr

    income: tuple[Account, ...] = field(converter=to_accounts)
    expense: tuple[Account, ...] = field(converter=to_accounts)
    allocation: tuple[tuple[Account, Money], ...] = field(default=(), converter=_split)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if not self.income or not self.expense:
            raise UsageError("a revenue authorisation needs at least one income and one expense account")


class Direction(enum.Enum):
    """Given (avgitt) or received (mottatt) belastningsfullmakt."""

    GIVEN = "given"
    RECEIVED = "received"


def _direction(value: Direction | str) -> Direction:
    return _member(Direction, value)


@_named_fields
@frozen
class Chargeback:
    """A belastningsfullmakt: one agency may charge another's account (R-111).

    ``used`` is what was booked under it this year; ``limit`` the amount authorised.
    """

    __repr__ = field_repr

    direction: Direction = field(converter=_direction)
    account: Account = field(converter=to_account)
    used: Money = field(converter=to_money)
    limit: Money | None = field(default=None, converter=to_optional_money)
    counterparty: str = field(default="", converter=to_text)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if self.used < Money(0) or (self.limit is not None and self.limit < Money(0)):
            raise UsageError(f"chargeback on {self.account}: used and limit cannot be negative")


class ReallocationKind(enum.Enum):
    """Column E of Note B: omdisponering 01→45, or forskuttering on 01/21."""

    TO_INVESTMENT = "to_investment"  # omdisponering fra post 01 til 45 (S8, S11)
    ADVANCE = "advance"  # til post 01/21 fra neste års bevilgning (S8, S21)


def _reallocation_kind(value: ReallocationKind | str) -> ReallocationKind:
    return _member(ReallocationKind, value)


@_named_fields
@frozen
class Reallocation:
    """An omdisponering (``source`` → ``target``) or a forskuttering (``target`` only)."""

    __repr__ = field_repr

    kind: ReallocationKind = field(converter=_reallocation_kind)
    target: Account = field(converter=to_account)
    amount: Money = field(converter=to_money)
    origin: Account | None = field(default=None, converter=to_optional_account)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if self.amount <= Money(0):
            raise UsageError(f"reallocation to {self.target}: the amount must be positive")
        if (self.kind is ReallocationKind.TO_INVESTMENT) != (self.origin is not None):
            raise UsageError("an omdisponering names the post it comes from; a forskuttering does not")


@_named_fields
@frozen
class Saving:
    """An innsparing due this year on a post (repaying an earlier forskuttering)."""

    __repr__ = field_repr

    account: Account = field(converter=to_account)
    amount: Money = field(converter=to_money)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        if self.amount < Money(0):
            raise UsageError(f"saving on {self.account}: write the amount as a positive number")


class CommitmentKind(enum.Enum):
    """Tilsagnsfullmakt (grants) or bestillingsfullmakt (orders), bevilgningsreglementet § 6."""

    GRANT = "grant"  # tilsagnsfullmakt
    ORDER = "order"  # bestillingsfullmakt


def _commitment_kind(value: CommitmentKind | str) -> CommitmentKind:
    return _member(CommitmentKind, value)


@_named_fields
@frozen
class CommitmentAuthorisation:
    """A tilsagns-/bestillingsfullmakt: new and old commitments may not exceed ``limit`` (ramme)."""

    __repr__ = field_repr

    kind: CommitmentKind = field(converter=_commitment_kind)
    account: Account = field(converter=to_account)
    limit: Money = field(converter=to_money)  # ramme
    commitments: Money = field(converter=to_money)  # samlet ansvar per 31.12
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read


# -- capital accounts ------------------------------------------------------------------
@_named_fields
@frozen
class CapitalAccount:
    """A line under *Kapitalkontoer*: e.g. ``60090701 Norges Bank KK /innbetalinger``."""

    __repr__ = field_repr

    number: str = field(converter=_ledger_number)
    text: str = field(converter=to_text)
    amount: Money = field(converter=to_money)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read


@_named_fields
@frozen
class TreasuryBalance:
    """Mellomværende med statskassen at 31.12 this year (``closing``) and last year (``opening``)."""

    __repr__ = field_repr

    number: str = field(converter=_ledger_number)
    text: str = field(converter=to_text)
    closing: Money = field(converter=to_money)
    opening: Money = field(converter=to_money)
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    @property
    def change(self) -> Money:
        """Endring i mellomværende = closing − opening (RULES.md § 9.5)."""
        return self.closing - self.opening


# -- the agency-year -------------------------------------------------------------------
def _chapters(
    value: Mapping[int, str] | Mapping[str, str] | Iterable[tuple[int, str]] | None,
) -> tuple[tuple[int, str], ...]:
    items = value.items() if isinstance(value, Mapping) else (value or ())
    names: dict[int, str] = {}
    for item in items:
        if not (isinstance(item, tuple | list) and len(item) == 2):
            raise UsageError(f"expected chapter = name pairs, not {item!r}")
        number, name = item
        if isinstance(number, str) and number.isascii() and number.isdigit():
            number = int(number)
        if type(number) is not int or not 1 <= number <= 5999:
            raise UsageError(f"{number!r} is not a chapter number (1–5999)")
        if number in names:
            raise UsageError(f"chapter {number} is named twice")
        names[number] = to_text(name)
    return tuple(sorted(names.items()))


def _expense_lines(values: Iterable[ExpenseLine]) -> tuple[ExpenseLine, ...]:
    return _all_of(ExpenseLine, values)


def _income_lines(values: Iterable[IncomeLine]) -> tuple[IncomeLine, ...]:
    return _all_of(IncomeLine, values)


def _revenue_authorisations(values: Iterable[RevenueAuthorisation]) -> tuple[RevenueAuthorisation, ...]:
    return _all_of(RevenueAuthorisation, values)


def _chargebacks(values: Iterable[Chargeback]) -> tuple[Chargeback, ...]:
    return _all_of(Chargeback, values)


def _reallocations(values: Iterable[Reallocation]) -> tuple[Reallocation, ...]:
    return _all_of(Reallocation, values)


def _savings(values: Iterable[Saving]) -> tuple[Saving, ...]:
    return _all_of(Saving, values)


def _commitments(values: Iterable[CommitmentAuthorisation]) -> tuple[CommitmentAuthorisation, ...]:
    return _all_of(CommitmentAuthorisation, values)


def _capital_accounts(values: Iterable[CapitalAccount]) -> tuple[CapitalAccount, ...]:
    return _all_of(CapitalAccount, values)


def _treasury_balance(value: TreasuryBalance | None) -> TreasuryBalance | None:
    if value is not None and not isinstance(value, TreasuryBalance):
        raise UsageError(f"expected a TreasuryBalance or None, not {type(value).__name__}")
    return value


class Precision(enum.Enum):
    """How exact an agency-year's amounts are (``precision`` in format v1)."""

    EXACT = "exact"  # the amounts of the accounts: a whole-kroner amount is exactly that
    PRINTED = "printed"  # figures as a report prints them: each within ½ kr of the amount it was rounded from


def _precision(value: Precision | str) -> Precision:
    return _member(Precision, value)


def _rule_choices(value: RuleChoices | None) -> RuleChoices:
    if value is None:
        return RuleChoices()
    if not isinstance(value, RuleChoices):
        raise UsageError(f"expected RuleChoices, not {type(value).__name__}")
    return value


def _fiscal_year(value: int) -> int:
    if type(value) is not int:
        raise UsageError(f"a fiscal year is an int such as 2021, not {type(value).__name__} {value!r}")
    return value


@_named_fields
@frozen
class AgencyYear:
    """One agency's raw inputs for one fiscal year (regnskapsår).

    The statements (``bevilgningsrapportering``, Note A, Note B) are computed from it.
    Lines keep the order they were given in; statements impose their own order. Whether
    the records fit together (references, splits, limits) is judged by
    :func:`statsbudsjett.validation.validate`, the same for a year read from a file or
    built here.
    """

    __repr__ = field_repr

    agency: str = field(converter=to_text)
    fiscal_year: int = field(converter=_fiscal_year)
    expense: tuple[ExpenseLine, ...] = field(default=(), converter=_expense_lines)
    income: tuple[IncomeLine, ...] = field(default=(), converter=_income_lines)
    chapter_names: tuple[tuple[int, str], ...] = field(default=(), converter=_chapters)
    revenue_authorisations: tuple[RevenueAuthorisation, ...] = field(default=(), converter=_revenue_authorisations)
    chargebacks: tuple[Chargeback, ...] = field(default=(), converter=_chargebacks)
    reallocations: tuple[Reallocation, ...] = field(default=(), converter=_reallocations)
    savings: tuple[Saving, ...] = field(default=(), converter=_savings)
    commitments: tuple[CommitmentAuthorisation, ...] = field(default=(), converter=_commitments)
    capital_accounts: tuple[CapitalAccount, ...] = field(default=(), converter=_capital_accounts)
    treasury_balance: TreasuryBalance | None = field(default=None, converter=_treasury_balance)
    ministry: str = field(default="", converter=to_text)
    # How exact the amounts are: EXACT (the accounts' own figures, øre kept) or PRINTED
    # (transcribed from a printed report, each rounded to whole kroner): checks allow the rounding.
    precision: Precision = field(default=Precision.EXACT, converter=_precision)
    rules: RuleChoices = field(factory=RuleChoices, converter=_rule_choices)  # the [rules] table
    source: Location | None = field(default=None, eq=False, repr=False, kw_only=True)  # where it was read

    def __attrs_post_init__(self) -> None:
        for kind, lines in (("expense", self.expense), ("income", self.income)):
            seen: set[Account] = set()
            for line in lines:
                if line.account in seen:
                    raise UsageError(f"{kind} account {line.account} is given twice")
                seen.add(line.account)

    def chapter_name(self, chapter: int) -> str:
        return dict(self.chapter_names).get(chapter, "")

    @property
    def own_expense(self) -> tuple[ExpenseLine, ...]:
        """The expense lines the agency has a tildeling on, as given (underposts too), in account
        order: the rows of Note A."""
        return tuple(sorted((line for line in self.expense if line.is_own), key=lambda line: line.account))

    @property
    def own_posts(self) -> tuple[ExpenseLine, ...]:
        """The agency's own expense posts, each post's underposts added up to it, in account order:
        the rules of the regulations apply to the post (the rows of Note B)."""
        return tuple(line for line in expense_posts(self.expense) if line.is_own)

    @property
    def income_posts(self) -> tuple[IncomeLine, ...]:
        """The income lines, each post's underposts added up to it, in account order."""
        return income_posts(self.income)


def _sum(amounts: Iterable[Money | None]) -> Money | None:
    """The sum of the amounts given; ``None`` when none is."""
    given = [a for a in amounts if a is not None]
    return Money.total(given) if given else None


L = TypeVar("L", ExpenseLine, IncomeLine)


def _by_post(lines: Iterable[L]) -> list[list[L]]:
    groups: dict[Account, list[L]] = {}
    for line in sorted(lines, key=lambda line: line.account):
        groups.setdefault(line.account.post_account, []).append(line)
    return list(groups.values())



def expense_posts(lines: Iterable[ExpenseLine]) -> tuple[ExpenseLine, ...]:
    """Expense lines by post, in account order: the underposts of a post (``540.01.01``,
    ``540.01.02``) added up to one line for the post, their stikkord joined."""
    posts = []
    for group in _by_post(lines):
        if len(group) == 1 and not group[0].account.is_underpost:
            posts.append(group[0])
            continue
        posts.append(ExpenseLine(
            group[0].account.post_account, keywords=Keywords.combined(line.keywords for line in group),
            carried_over=_sum(line.carried_over for line in group), allocated=_sum(line.allocated for line in group),
            previous_allocated=_sum(line.previous_allocated for line in group),
            accounted=Money.total(line.accounted for line in group), source=group[0].source))
    return tuple(posts)


def income_posts(lines: Iterable[IncomeLine]) -> tuple[IncomeLine, ...]:
    """Income lines by post, in account order: a post's underposts added up to one line."""
    return tuple(group[0] if len(group) == 1 and not group[0].account.is_underpost else IncomeLine(
        group[0].account.post_account, allocated=_sum(line.allocated for line in group),
        accounted=Money.total(line.accounted for line in group), in_note_a=any(line.in_note_a for line in group),
        source=group[0].source)
        for group in _by_post(lines))
