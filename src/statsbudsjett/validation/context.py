"""What every input check needs: the year, its rules, its lines by account, and how to report."""

from __future__ import annotations

from collections.abc import Iterable

from attrs import frozen

from ..account import Account
from ..errors import Location
from ..findings import CellRef, Finding, Message, Relation, Rule, input_field
from ..model import AgencyYear, ExpenseLine, IncomeLine, Precision
from ..money import Money
from ..reprs import field_repr
from ..rules import YearParameters
from ..tolerance import rounding_tolerance

__all__ = ["Path", "YearContext", "input_cell"]

Path = tuple[str | int, ...]  # a key path in format v1: ("reallocation", 1, "amount")


def input_cell(path: Path) -> CellRef:
    """The address of a raw input in a finding: statement ``input``, the record, the field."""
    record = path[:2] if len(path) >= 2 else path
    return CellRef("input", input_field(record), input_field(path[len(record):]))


@frozen
class YearContext:
    """An agency-year with its lines indexed, and the parameters of its fiscal year (``None``
    for a year the rules do not cover: only the checks that need no rule of the year run)."""

    __repr__ = field_repr

    year: AgencyYear
    params: YearParameters | None
    expense: dict[Account, ExpenseLine]  # every expense line, underposts as given
    own: dict[Account, ExpenseLine]  # the own expense posts, underposts added up
    income: dict[Account, IncomeLine]  # the income posts, underposts added up

    @classmethod
    def of(cls, year: AgencyYear, params: YearParameters | None) -> YearContext:
        """Lines by account as given, own posts and income by post: the rules apply to the post."""
        expense = {line.account: line for line in year.expense}
        return cls(year, params, expense, {line.account: line for line in year.own_posts},
                   {line.account: line for line in year.income_posts})

    def post_path(self, post: Account) -> Path:
        """The key path of a post's line in format v1, or of its first underpost where the year gives
        the post as underposts (the rules judge the post; the message points at what was written)."""
        given = min((a for a in self.expense if a.post_account == post), default=post)
        return ("expense", str(given))

    def tolerance(self, amounts: Iterable[Money]) -> Money:
        """How far a sum of these amounts may be from an identity it should meet: nothing for exact
        amounts; for figures as printed (``precision = "printed"``) the rounding of n printed terms."""
        if self.year.precision is Precision.EXACT:
            return Money(0)
        return rounding_tolerance(sum(1 for _ in amounts))

    @staticmethod
    def broken(rule: Rule, path: Path, no: str, en: str, *, location: Location | None,
               hint: tuple[str, str] | None = None, published: Money | None = None,
               expected: Money | None = None, relation: Relation = Relation.EQUAL) -> Finding:
        return rule.broken(input_cell(path), Message(no, en), published=published, expected=expected,
                           relation=relation, path=path, hint=None if hint is None else Message(*hint),
                           location=location)
