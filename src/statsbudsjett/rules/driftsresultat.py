"""Post 24, driftsresultat: the post of a forvaltningsbedrift (and of SDØE's kap. 5440) that is income less costs.

The budget splits it into underposts, each signed as its side of the budget counts it: on an
income chapter income is positive and costs negative, on an expense chapter the reverse, and
the post is their sum. Saldert budsjett 2025 (SALDERT-2025): kap. 5440 post 24 *Driftsresultat*
218 710 000 000 = 24.1 Driftsinntekter 300 310 000 000 + 24.2 Driftsutgifter −42 600 000 000
+ 24.3 Lete- og feltutviklingsutgifter −2 000 000 000 + 24.4 Avskrivninger −32 100 000 000
+ 24.5 Renter av statens kapital −4 900 000 000; kap. 2445 (Statsbygg) post 24 −364 642 000 =
24.1 Driftsinntekter −6 558 000 000 + 24.2 Driftsutgifter 2 848 358 000 + …

Format v1 takes the underposts signed so (they add up to the post as any underposts do). A
report may print them without their sign: Petoro's note A for 2023 (PETORO-2023) prints
5440.24.02 Driftsutgifter as 56 700 000 000 beside 5440.24.01 Driftsinntekter 375 800 000 000,
and the post 5440.24 as 287 100 000 000 = 375 800 000 000 − 56 700 000 000 − 1 700 000 000
− 27 600 000 000 − 2 700 000 000. A published report marks such a row ``unsigned = true``
(docs/published-format.md): its figures are read as the negative of what is printed.
"""

from __future__ import annotations

from typing import Final

from ..account import Account, Side

__all__ = ["COMPONENTS", "DRIFTSRESULTAT_POST", "SOURCES", "expected_sign", "is_component", "is_income"]

DRIFTSRESULTAT_POST: Final = 24
SOURCES: Final = ("SALDERT-2025", "PETORO-2023")

# The underposts of post 24 as Saldert budsjett 2025 names them, and whether each is income (True)
# or a cost: the 16 of its 17 post-24 underposts with these names carry the sign their side gives
# them (tests/test_driftsresultat.py reads them). Its 2470.24.6 «Til reguleringsfond» is a transfer
# whose sign the name does not tell: not listed.
COMPONENTS: Final = {
    "driftsinntekter": True,
    "driftsutgifter": False,
    "lete- og feltutviklingsutgifter": False,
    "avskrivninger": False,
    "renter av statens kapital": False,
    "til investeringsformål": False,
}


def is_component(account: Account) -> bool:
    """``account`` is an underpost of a post 24: a part of a driftsresultat, which a report may print unsigned."""
    return account.post == DRIFTSRESULTAT_POST and account.underpost is not None


def is_income(text: str) -> bool | None:
    """Whether the component named ``text`` is income (True) or a cost (False); ``None`` for a name not
    in :data:`COMPONENTS` (case and spacing aside)."""
    return COMPONENTS.get(" ".join(text.lower().split()))


def expected_sign(account: Account, text: str) -> int | None:
    """+1 or -1: the sign an underpost of post 24 named ``text`` has on its side of the budget (income
    positive on an income chapter, negative on an expense chapter; costs the reverse); ``None`` for
    another account or a name not in :data:`COMPONENTS`."""
    income = is_income(text)
    if income is None or not is_component(account):
        return None
    return 1 if income == (account.side is Side.INCOME) else -1
