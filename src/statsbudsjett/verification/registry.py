"""Every check of verify, in the order they run: each a rule with a stable id, a severity,
a message and the sources it rests on (ids of :data:`statsbudsjett.rules.SOURCES`).
"""

from __future__ import annotations

from typing import Final

from ..findings import Rule
from ..rules import SOURCES
from .checks.arithmetic import ARITHMETIC_CHECKS
from .checks.common import Check
from .checks.cross_statement import CROSS_STATEMENT_CHECKS
from .checks.raw import RAW_RULE
from .checks.regulations import RULES_CHECKS

__all__ = ["CHECKS", "RULES"]

CHECKS: Final[tuple[Check, ...]] = (*ARITHMETIC_CHECKS, *CROSS_STATEMENT_CHECKS, *RULES_CHECKS)

# Every rule of verify by id, the raw → printed comparison included.
RULES: Final[dict[str, Rule]] = {r.id: r for r in (*(c.rule for c in CHECKS), RAW_RULE)}


def _validate() -> None:
    ids = [c.rule.id for c in CHECKS] + [RAW_RULE.id]
    if len(set(ids)) != len(ids):  # pragma: no cover - a programming error caught at import
        raise AssertionError(f"duplicate rule ids in verify: {sorted(i for i in ids if ids.count(i) > 1)}")
    unknown = {s for r in RULES.values() for s in r.sources if s not in SOURCES}
    if unknown:  # pragma: no cover
        raise AssertionError(f"verify rules cite unknown sources: {sorted(unknown)}")


_validate()
