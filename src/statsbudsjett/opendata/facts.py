"""What only the agency knows, beside the open data: the facts file of an import.

A facts file is a format v1 agency-year in which ``accounted`` and a chargeback's ``used``
may be left out, because the state accounts give them. It states the agency's own chapters
(``[chapter]``), stikkord, merinntektsfullmakter with their split, the limits of
belastningsfullmakter, reallocations, savings, commitments, capital accounts and the
mellomværende, and anything else it wants to state. Where it states a figure the open data
also give, the two must agree (``import.facts-agree``).
"""

from __future__ import annotations

from collections.abc import Mapping

from attrs import frozen

from ..errors import Location
from ..findings import KeyPath
from ..model import AgencyYear
from ..reprs import field_repr

__all__ = ["Facts", "KeyPath"]


@frozen
class Facts:
    """A facts file as read: ``year`` holds its records (a left-out ``accounted`` or ``used`` is 0
    there), ``stated`` where each key it gives stands, by key path with the account written
    canonically: ``("expense", "540.01", "accounted")``, ``("chargeback", 0, "used")``,
    ``("chapter",)``."""

    __repr__ = field_repr

    year: AgencyYear
    stated: Mapping[KeyPath, Location]
    file: str = ""

    def gives(self, *path: str | int) -> bool:
        return path in self.stated

    def where(self, *path: str | int) -> Location | None:
        return self.stated.get(path)
