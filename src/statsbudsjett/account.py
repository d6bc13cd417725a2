"""Budget accounts: chapter (kapittel) and post, written ``540.01``; optionally an underpost, ``540.01.01``.

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

_DOTTED: Final = re.compile(r"(?P<chapter>[0-9]{1,4})\.(?P<post>[0-9]{1,2})")
# chapter.post followed by a dot and anything: the underpost part is checked on its own
_WITH_UNDERPOST: Final = re.compile(r"(?P<chapter>[0-9]{1,4})\.(?P<post>[0-9]{1,2})\.(?P<underpost>.*)")
_RUN: Final = re.compile(r"[0-9]{5,6}")
_SHORT_RUN: Final = re.compile(r"[0-9]{3,4}")


@frozen(cache_hash=True)  # a key of many dicts: hashed once; ordered by the methods below
class Account:
    """A budget account (kapittel og post, optionally underpost), e.g. ``540.01`` or ``540.01.01``.

    Read text with :meth:`parse`: ``540.01``, ``540.1`` and ``54001`` (as DFØ prints it
    in the notes) are the same account. A run of digits is chapter and two-digit post
    only with 5 or 6 digits: ``540`` or ``3540`` alone is refused as ambiguous (a chapter
    number typed alone, or chapter 5 post 40?).

    An underpost (*underpost*, Gul bok ``upost_nr``, Saldert budsjett *Underpostnr.*)
    is a third part, 01–99: ``540.01.01`` (also read from ``540.1.1``). A post sorts
    before its underposts.

    >>> Account.parse("54001")
    Account('540.01')
    >>> Account.parse("3540.5").side
    <Side.INCOME: 'income'>
    >>> Account.parse("540.1.1")
    Account('540.01.01')
    """

    chapter: int
    post: int
    underpost: int | None = None

    def __attrs_post_init__(self) -> None:
        if not (type(self.chapter) is int and 1 <= self.chapter <= 5999):
            raise AccountError(f"chapter {self.chapter!r} is outside 1–5999")
        if not (type(self.post) is int and 1 <= self.post <= 99):
            raise AccountError(f"post {self.post!r} is outside 01–99")
        if self.underpost is not None and not (type(self.underpost) is int and 1 <= self.underpost <= 99):
            raise AccountError(f"underpost {self.underpost!r} is outside 01–99")

    # -- order: chapter, post, then underpost (a post before its underposts) ----------------
    # Written out rather than attrs' order=True: accounts are sorted wherever statements are
    # built, and attrs' generic comparison (a tuple through a key function) is 30 times slower.
    def _order_key(self) -> tuple[int, int, int]:
        return self.chapter, self.post, 0 if self.underpost is None else self.underpost

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._order_key() < other._order_key()

    def __le__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._order_key() <= other._order_key()

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._order_key() > other._order_key()

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._order_key() >= other._order_key()

    @classmethod
    def parse(cls, text: str | Account) -> Account:
        """Read ``chapter.post`` (``540.01``, ``540.1``), ``chapter.post.underpost``
        (``540.01.01``, ``540.1.1``) or a run of 5–6 digits ``54001`` (never an underpost)."""
        if isinstance(text, Account):
            return text
        if not isinstance(text, str):
            raise AccountError(
                f"an account is written as a string like \"540.01\", not {type(text).__name__}"
            )
        cleaned = text.strip()
        underpost_part: str | None = None
        match = _DOTTED.fullmatch(cleaned)
        with_underpost = _WITH_UNDERPOST.fullmatch(cleaned)
        if match:
            chapter, post = int(match["chapter"]), int(match["post"])
        elif with_underpost:
            chapter, post = int(with_underpost["chapter"]), int(with_underpost["post"])
            underpost_part = with_underpost["underpost"]
        elif _RUN.fullmatch(cleaned):
            chapter, post = int(cleaned[:-2]), int(cleaned[-2:])
        elif _SHORT_RUN.fullmatch(cleaned):
            raise AccountError(_ambiguous(text, cleaned))
        else:
            raise AccountError(
                f"{text!r} is not an account; write chapter and post as \"540.01\" "
                "(chapter 1–5999, a dot, post 01–99)"
            )
        if not 1 <= chapter <= 5999:
            raise AccountError(f"{text!r}: chapter {chapter} is outside 1–5999")
        if not 1 <= post <= 99:
            raise AccountError(f"{text!r}: post {post:02d} is outside 01–99")
        underpost = None if underpost_part is None else _read_underpost(text, underpost_part)
        return cls(chapter, post, underpost)

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
    def is_underpost(self) -> bool:
        """An underpost (``540.01.01``), not a post."""
        return self.underpost is not None

    @property
    def post_account(self) -> Account:
        """The post this account is on: ``540.01`` for ``540.01.01``; a post itself."""
        return self if self.underpost is None else Account(self.chapter, self.post)

    @property
    def compact(self) -> str:
        """As DFØ prints it in Note A and Note B: ``54001``.

        An underpost has no digit-run form; it is shown as ``54001.01`` (for display
        only: :meth:`parse` does not read it back, write ``540.01.01``). For chapters
        1–99 the run has 3–4 digits (``3540`` for 35.40), which :meth:`parse` refuses
        as ambiguous.
        """
        if self.underpost is None:
            return f"{self.chapter}{self.post:02d}"
        return f"{self.chapter}{self.post:02d}.{self.underpost:02d}"

    def __str__(self) -> str:
        if self.underpost is None:
            return f"{self.chapter}.{self.post:02d}"
        return f"{self.chapter}.{self.post:02d}.{self.underpost:02d}"

    def __repr__(self) -> str:
        return f"Account('{self}')"


def _read_underpost(text: str, part: str) -> int:
    """The underpost part of ``chapter.post.underpost``, or an AccountError naming it."""
    if not part:
        raise AccountError(
            f"{text!r}: the underpost is missing after the second dot; write chapter.post.underpost "
            "with an underpost 01–99, e.g. \"540.01.01\""
        )
    if not part.isascii() or not part.isdigit():
        raise AccountError(
            f"{text!r}: the underpost {part!r} is not a number; write chapter.post.underpost "
            "with an underpost 01–99, e.g. \"540.01.01\""
        )
    if len(part) > 2:
        raise AccountError(f"{text!r}: underpost {part} is outside 01–99 (at most two digits)")
    underpost = int(part)
    if not 1 <= underpost <= 99:
        raise AccountError(f"{text!r}: underpost {part} is outside 01–99")
    return underpost


def _ambiguous(text: str, digits: str) -> str:
    """The message for a run of 3–4 digits: a chapter typed alone, or chapter and post?"""
    chapter_alone = int(digits)
    head, tail = int(digits[:-2]), int(digits[-2:])
    readings = []
    if 1 <= chapter_alone <= 5999:
        readings.append(f'"{chapter_alone}.01"')
    if 1 <= head <= 5999 and 1 <= tail <= 99:
        as_post = f'"{head}.{tail:02d}" for chapter {head} post {tail:02d}'
        readings.append(f"(or {as_post})" if readings else as_post)
    example = " ".join(readings) if readings else '"540.01" (chapter 1–5999, post 01–99)'
    return (
        f"{text!r} is ambiguous: a chapter alone is not an account; write chapter.post, e.g. {example}"
    )
