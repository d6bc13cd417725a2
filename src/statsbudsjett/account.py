"""Budget accounts: chapter (kapittel) and post, written ``540.01``.

The numbering follows bevilgningsreglementet § 4 and R-101 Statens kontoplan
(RULES.md § 1): expense chapters 1–2999, income chapters 3000–5999, and posts
01–99 in four post groups (postgrupper).
"""

from __future__ import annotations

import enum
import re
from typing import Final

from attrs import frozen

from .errors import UsageError

__all__ = [
    "COMMON_CHAPTERS",
    "Account",
    "AccountError",
    "PostGroup",
    "Side",
]


class AccountError(UsageError):
    """A chapter/post that cannot be read or does not exist in the chart of accounts."""


class Side(enum.Enum):
    """Expense (utgift) or income (inntekt) side of the budget."""

    EXPENSE = "expense"
    INCOME = "income"


class PostGroup(enum.Enum):
    """The four post groups (postgrupper / avdelinger), RULES.md § 1.2 (S15, S28).

    The value is the Norwegian heading for expense chapters.
    """

    OPERATING = "01–29"  # Statens egne driftsutgifter / Salg av varer og tjenester
    INVESTMENT = "30–49"  # Nybygg, anlegg mv.
    TRANSFERS = "50–89"  # Overføringer til andre / fra andre
    LENDING = "90–99"  # Utlån, statsgjeld mv. / Tilbakebetalinger mv.

    @classmethod
    def of(cls, post: int) -> PostGroup:
        if 1 <= post <= 29:
            return cls.OPERATING
        if 30 <= post <= 49:
            return cls.INVESTMENT
        if 50 <= post <= 89:
            return cls.TRANSFERS
        if 90 <= post <= 99:
            return cls.LENDING
        raise AccountError(f"post {post} is outside 01–99")


# Chapters every gross-budgeted agency reports on without a tildeling there
# (felleskapitler), RULES.md § 1.1: 1633 nettoordning for mva (S12),
# 5309 tilfeldige inntekter and 5700 folketrygdens inntekter [RECALL].
COMMON_CHAPTERS: Final = frozenset({1633, 5309, 5700})

EXPENSE_CHAPTERS: Final = range(1, 3000)
INCOME_CHAPTERS: Final = range(3000, 6000)

_DOTTED: Final = re.compile(r"(?P<chapter>[0-9]{1,4})\.(?P<post>[0-9]{1,2})")
_RUN: Final = re.compile(r"[0-9]{3,6}")


@frozen(order=True)
class Account:
    """A budget account (kapittel og post), e.g. ``540.01``.

    Read text with :meth:`parse`: ``540.01``, ``540.1`` and ``54001`` (as DFØ prints it
    in the notes) are the same account.

    >>> Account.parse("54001")
    Account('540.01')
    >>> Account.parse("3540.5").side
    <Side.INCOME: 'income'>
    """

    chapter: int
    post: int

    def __attrs_post_init__(self) -> None:
        if not (type(self.chapter) is int and 1 <= self.chapter <= 5999):
            raise AccountError(f"chapter {self.chapter!r} is outside 1–5999")
        if not (type(self.post) is int and 1 <= self.post <= 99):
            raise AccountError(f"post {self.post!r} is outside 01–99")

    @classmethod
    def parse(cls, text: str | Account) -> Account:
        """Read ``chapter.post`` (``540.01``, ``540.1``) or the run of digits ``54001``."""
        if isinstance(text, Account):
            return text
        if not isinstance(text, str):
            raise AccountError(
                f"an account is written as a string like \"540.01\", not {type(text).__name__}"
            )
        cleaned = text.strip()
        match = _DOTTED.fullmatch(cleaned)
        if match:
            chapter, post = int(match["chapter"]), int(match["post"])
        elif _RUN.fullmatch(cleaned):
            chapter, post = int(cleaned[:-2]), int(cleaned[-2:])
        else:
            raise AccountError(
                f"{text!r} is not an account; write chapter and post as \"540.01\" "
                "(chapter 1–5999, a dot, post 01–99)"
            )
        if not 1 <= chapter <= 5999:
            raise AccountError(f"{text!r}: chapter {chapter} is outside 1–5999")
        if not 1 <= post <= 99:
            raise AccountError(f"{text!r}: post {post:02d} is outside 01–99")
        return cls(chapter, post)

    @property
    def side(self) -> Side:
        """Expense chapters are 1–2999, income chapters 3000–5999."""
        return Side.EXPENSE if self.chapter in EXPENSE_CHAPTERS else Side.INCOME

    @property
    def group(self) -> PostGroup:
        return PostGroup.of(self.post)

    @property
    def is_common(self) -> bool:
        """On a common chapter (felleskapittel: 1633, 5309, 5700)."""
        return self.chapter in COMMON_CHAPTERS

    @property
    def compact(self) -> str:
        """As DFØ prints it in Note A and Note B: ``54001``."""
        return f"{self.chapter}{self.post:02d}"

    def __str__(self) -> str:
        return f"{self.chapter}.{self.post:02d}"

    def __repr__(self) -> str:
        return f"Account('{self}')"
