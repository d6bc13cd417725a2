"""Choices an agency-year may make where the sources leave a question open (RULES.md § 11).

The default is always the v1 decision (RULES.md, "Decisions for version 1"); an agency
chooses otherwise in the ``[rules]`` table of its file (``docs/input-format.md``), and
every output whose figures the choice changes says which choice was used.
"""

from __future__ import annotations

import enum

from attrs import frozen

from .reprs import field_repr

__all__ = ["NegativeBasis", "RuleChoices", "UsableUnder"]


class NegativeBasis(enum.Enum):
    """A negative basis (sum grunnlag) on a 5 %-post: open question 11.1."""

    EMPTY = "empty"  # v1 decision 1: not carried, mulig overførbart left empty (Digdir 540.22)
    CARRIED = "carried"  # carried as a negative transfer, as on «kan overføres» posts


class UsableUnder(enum.Enum):
    """Posts linked by «kan nyttes under»: open question 11.5."""

    PER_POST = "per_post"  # v1 decision 5: Note B per post; a covered overspend is explained (info)
    TOGETHER = "together"  # an overspend is covered by the partner's surplus before the caps (RULES.md § 4)


@frozen
class RuleChoices:
    """The choices of one agency-year; ``None`` keeps the year's default (the v1 decision)."""

    __repr__ = field_repr

    negative_basis: NegativeBasis | None = None
    usable_under: UsableUnder | None = None

    def __bool__(self) -> bool:
        return self.negative_basis is not None or self.usable_under is not None
