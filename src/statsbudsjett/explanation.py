"""How a figure was reached: a tree of terms, recorded by the computation itself.

The statements compute their figures *as* terms: :func:`add`, :func:`smallest`,
:func:`share` and :func:`at_least_zero` compute a value from the terms they are given and
keep them, so the arithmetic is written once and its record cannot drift from it. Each
:class:`Term` names what the figure is (a column key such as ``transferable``, or an input
key such as ``accounted``), the rule that decided it (an id of the rule registries:
``transfer.five-percent``, ``note_b.basis``), the terms it came from, and — for a value
read from the agency-year — the key paths of format v1 it was read from
(``("expense", "540.01", "accounted")``), which a reader locates in its file.

``statsbudsjett explain`` and the HTML page render these trees (:mod:`statsbudsjett.io.explain_render`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from .account import Account
from .errors import KeyPath
from .money import Money
from .reprs import field_repr

__all__ = ["Op", "Term", "add", "at_least_zero", "empty", "read", "read_only", "share", "smallest"]


class Op(enum.Enum):
    """How a term's value comes from its terms."""

    INPUT = "input"  # read from the agency-year (``inputs``)
    SUM = "sum"  # the signed terms added up
    MIN = "min"  # the smallest of the terms
    SHARE = "share"  # ``factor`` × the one term
    AT_LEAST_ZERO = "at_least_zero"  # the one term, or 0 when it is negative
    EMPTY = "empty"  # no figure: the rule leaves the cell empty (``terms`` say why)


def _signed(values: Iterable[tuple[int, Term]]) -> tuple[tuple[int, Term], ...]:
    return tuple(values)


def _paths(values: Iterable[KeyPath]) -> tuple[KeyPath, ...]:
    return tuple(values)


@frozen
class Term:
    """One figure and how it was reached."""

    __repr__ = field_repr

    name: str  # what it is: a column or input key (labels: statsbudsjett.io.explain_render)
    value: Money | None
    op: Op = Op.INPUT
    rule: str = ""  # the id of the rule that decided it; "" for an input
    terms: tuple[tuple[int, Term], ...] = field(default=(), converter=_signed)  # (sign, term)
    factor: Fraction | None = None  # Op.SHARE: the share
    inputs: tuple[KeyPath, ...] = field(default=(), converter=_paths)  # Op.INPUT: where it was read
    account: Account | None = None  # the row it belongs to, when it is another row's figure

    def walk(self) -> Iterable[Term]:
        """This term and every term below it, depth first."""
        yield self
        for _, term in self.terms:
            yield from term.walk()


def read_only(terms: Mapping[Any, Term]) -> Mapping[Any, Term]:
    """A statement's record of its figures' terms, as a read-only copy: a statement may be shared
    (:mod:`statsbudsjett.memo` hands the same Note B to every caller), so no caller may change it."""
    return MappingProxyType(dict(terms))


def read(name: str, value: Money, *inputs: KeyPath, account: Account | None = None) -> Term:
    """A value read from the agency-year at ``inputs`` (several: a post given as underposts)."""
    return Term(name, value, Op.INPUT, inputs=inputs, account=account)


def add(name: str, rule: str, *terms: tuple[int, Term], account: Account | None = None) -> Term:
    """The sum of the signed terms (a term without a value counts as 0)."""
    value = Money.total(term.value if sign > 0 else -term.value for sign, term in terms if term.value is not None)
    return Term(name, value, Op.SUM, rule, terms, account=account)


def smallest(name: str, rule: str, *terms: Term) -> Term:
    """The smallest of the terms' values."""
    value = min(term.value for term in terms if term.value is not None)
    return Term(name, value, Op.MIN, rule, ((1, term) for term in terms))


def share(name: str, rule: str, factor: Fraction, term: Term) -> Term:
    """``factor`` × the term's value, rounded to the øre as Money does."""
    return Term(name, (term.value or Money(0)).times(factor), Op.SHARE, rule, ((1, term),), factor)


def at_least_zero(name: str, rule: str, term: Term) -> Term:
    """The term's value, or 0 when it is negative."""
    value = term.value if term.value is not None and term.value > Money(0) else Money(0)
    return Term(name, value, Op.AT_LEAST_ZERO, rule, ((1, term),))


def empty(name: str, rule: str, *because: Term) -> Term:
    """No figure: the rule leaves the cell empty; ``because`` are the figures that decided it."""
    return Term(name, None, Op.EMPTY, rule, ((1, term) for term in because))
