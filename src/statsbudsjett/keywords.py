"""Keywords (stikkord) attached to an appropriation, parsed from budget text.

The state budget writes them after the post text, comma-separated:
``kan overføres, kan nyttes under kap. 1710, post 1 og 47, kap. 1720, post 1``.
Three keywords matter for the accounts (RULES.md § 2):

* «kan overføres» — unused money may be carried for two years (bevilgningsreglementet § 5);
* «overslagsbevilgning» — an estimate; may be exceeded, never transferred;
* «kan nyttes under …» — the money may also be spent on the named posts.

Post references without ``kap.`` refer to the post's own chapter (Gul bok usage).
Nynorsk forms (``kan overførast``, ``overslagsløyving``, ``kan nyttast under``,
``postane``) are accepted and written back in bokmål. Keywords and reference words
match whole words only, in any case: «kan overføresx» is not «kan overføres».
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from attrs import field, frozen

from .account import Account, AccountError
from .errors import UsageError
from .reprs import field_repr

__all__ = ["KeywordError", "Keywords", "parse_keywords"]

TRANSFERABLE: Final = "kan overføres"
ESTIMATE: Final = "overslagsbevilgning"
USABLE_UNDER: Final = "kan nyttes under"

# Every spelling met in budget documents, mapped to the canonical keyword.
_SPELLINGS: Final = {
    "kan overføres": TRANSFERABLE,
    "kan overførast": TRANSFERABLE,
    "overslagsbevilgning": ESTIMATE,
    "overslagsløyving": ESTIMATE,
    "omlagsløyving": ESTIMATE,
    "kan nyttes under": USABLE_UNDER,
    "kan nyttast under": USABLE_UNDER,
}
# A keyword or reference word is a whole word: not preceded or followed by a letter or
# digit (æ, ø and å are letters), so «postane» is not «post» + «ane» and «kan overføresx»
# is not «kan overføres».
_WORD_START: Final = r"(?<![^\W_])"
_WORD_END: Final = r"(?![^\W_])"
_KEYWORD_START: Final = re.compile(
    _WORD_START
    + "(?:"
    + "|".join(r"\s+".join(map(re.escape, s.split())) for s in sorted(_SPELLINGS, key=len, reverse=True))
    + ")"
    + _WORD_END,
    re.IGNORECASE,
)
# Between keywords: commas, full stops, semicolons and spaces (no-break spaces too).
_SEPARATORS: Final = " ,.;\t\r\n\u00a0\u202f"
# The words of a «kan nyttes under» reference, bokmål and nynorsk: kap. / kap / kapittel;
# post / poster / postene (bokmål), postar / postane (nynorsk); og; commas; numbers.
# Compiled on first use (by re's cache): only a «kan nyttes under» needs it, and import is start-up.
_REFERENCE_TOKEN: Final = (
    rf"(?P<chapter>kapittel{_WORD_END}|kap\.|kap{_WORD_END})"
    rf"|(?P<post>(?:postene|postane|poster|postar|post){_WORD_END})"
    rf"|(?P<separator>og{_WORD_END}|,)"
    rf"|(?P<number>[0-9]+{_WORD_END})"
    r"|(?P<other>[^\s,]+)"
)


class KeywordError(UsageError):
    """A stikkord text that is not a known keyword, or a reference that cannot be read."""


def _accounts(accounts: Iterable[Account]) -> tuple[Account, ...]:
    return tuple(accounts)


@frozen
class Keywords:
    """The keywords (stikkord) of one appropriation.

    >>> kw = parse_keywords("kan overføres, kan nyttes under post 21 og 45", chapter=540)
    >>> kw.transferable, [str(a) for a in kw.usable_under]
    (True, ['540.21', '540.45'])
    >>> str(kw)
    'kan overføres, kan nyttes under kap. 540, post 21, kap. 540, post 45'
    """

    __repr__ = field_repr

    transferable: bool = False  # «kan overføres»
    estimate: bool = False  # «overslagsbevilgning»
    usable_under: tuple[Account, ...] = field(default=(), converter=_accounts)  # «kan nyttes under»

    @property
    def names(self) -> tuple[str, ...]:
        """The keywords as separate strings: ``("kan overføres", "kan nyttes under kap. 540, post 21")``."""
        names = []
        if self.transferable:
            names.append(TRANSFERABLE)
        if self.estimate:
            names.append(ESTIMATE)
        if self.usable_under:
            targets = ", ".join(f"kap. {a.chapter}, post {a.post}" for a in self.usable_under)
            names.append(f"{USABLE_UNDER} {targets}")
        return tuple(names)

    def __str__(self) -> str:
        return ", ".join(self.names)

    def __bool__(self) -> bool:
        return self.transferable or self.estimate or bool(self.usable_under)

    @classmethod
    def combined(cls, keywords: Iterable[Keywords]) -> Keywords:
        """The keywords of a post split into underposts: transferable or an estimate if any
        part is, the «kan nyttes under» targets of all parts in order, each once.

        >>> parts = [Keywords(usable_under=[Account(540, 21)]), Keywords(True, usable_under=[Account(540, 21)])]
        >>> Keywords.combined(parts)
        Keywords(transferable=True, estimate=False, usable_under=(Account('540.21'),))
        """
        given = tuple(keywords)
        return cls(any(k.transferable for k in given), any(k.estimate for k in given),
                   tuple(dict.fromkeys(a for k in given for a in k.usable_under)))


def parse_keywords(text: str | Iterable[str], *, chapter: int | None = None) -> Keywords:
    """Parse a stikkord text (or a list of them) into :class:`Keywords`.

    ``chapter`` is the post's own chapter, needed when a «kan nyttes under» reference
    names a post without ``kap.``. Unknown words raise :class:`KeywordError` with a
    suggestion.
    """
    texts = [text] if isinstance(text, str) else list(text)
    transferable = estimate = False
    targets: list[Account] = []
    for one in texts:
        if not isinstance(one, str):
            raise KeywordError(f"a keyword is a string, not {type(one).__name__}")
        for keyword, argument in _clauses(one):
            if keyword == TRANSFERABLE:
                transferable = True
            elif keyword == ESTIMATE:
                estimate = True
            else:
                targets.extend(t for t in _references(argument, chapter, one) if t not in targets)
    return Keywords(transferable, estimate, tuple(targets))


def _clauses(text: str) -> list[tuple[str, str]]:
    """Split a stikkord text at each keyword; return (canonical keyword, its argument text)."""
    clauses: list[tuple[str, str]] = []
    position = 0
    stripped = text.strip()
    while True:
        rest = stripped[position:]
        leading = len(rest) - len(rest.lstrip(_SEPARATORS))
        if position + leading >= len(stripped):
            return clauses
        match = _KEYWORD_START.match(stripped, position + leading)
        if not match:
            raise KeywordError(_unknown_keyword(stripped[position + leading :]))
        keyword = _SPELLINGS[" ".join(match.group().split()).lower()]
        following = _KEYWORD_START.search(stripped, match.end())
        end = following.start() if following else len(stripped)
        argument = stripped[match.end() : end].strip(_SEPARATORS)
        if keyword != USABLE_UNDER and argument:
            raise KeywordError(_unknown_keyword(argument))
        if keyword == USABLE_UNDER and not argument:
            raise KeywordError(
                f"{text!r}: «kan nyttes under» names no post; write e.g. "
                "«kan nyttes under kap. 540, post 21»"
            )
        clauses.append((keyword, argument))
        position = end


def _references(argument: str, chapter: int | None, text: str) -> list[Account]:
    """Read ``kap. 1710, post 1 og 47, kap. 1720, post 1`` into accounts."""
    current = chapter
    targets: list[Account] = []
    expecting: str | None = None  # "chapter" after kap./kapittel, "post" after post/postene/postane
    in_posts = False
    for found in re.finditer(_REFERENCE_TOKEN, argument, re.IGNORECASE):
        token = found.group()
        if found["chapter"]:
            expecting, in_posts = "chapter", False
        elif found["post"]:
            expecting, in_posts = "post", True
        elif found["separator"]:
            continue
        elif found["number"]:
            if expecting == "chapter":
                current, expecting = int(token), None
            elif in_posts:
                if current is None:
                    raise KeywordError(
                        f"{text!r}: «post {token}» has no chapter; write «kap. N, post {token}»"
                    )
                try:
                    targets.append(Account(current, int(token)))
                except AccountError as error:
                    raise KeywordError(f"{text!r}: {error}") from None
            else:
                raise KeywordError(f"{text!r}: the number {token} is neither a chapter nor a post")
        else:
            raise KeywordError(
                f"{text!r}: cannot read {token!r} in a «kan nyttes under» reference; "
                "write e.g. «kan nyttes under kap. 1710, post 1 og 47»"
            )
    if not targets:
        raise KeywordError(f"{text!r}: «kan nyttes under» names no post")
    return targets


def _unknown_keyword(found: str) -> str:
    import difflib  # here, not at the top: only an unknown keyword needs it, and it costs the CLI's start-up

    head = found.split(",")[0].strip()
    close = difflib.get_close_matches(head.lower(), list(_SPELLINGS), n=1, cutoff=0.6)
    hint = f"; did you mean «{_SPELLINGS[close[0]]}»?" if close else ""
    known = ", ".join(f"«{k}»" for k in (TRANSFERABLE, ESTIMATE, USABLE_UNDER + " …"))
    return f"unknown keyword «{head}» (known: {known}){hint}"
