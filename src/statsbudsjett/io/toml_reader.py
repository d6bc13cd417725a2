"""The base of the project's TOML readers: values read out of a located document, problems collected.

Every reader (format v1 in :mod:`.input_reader`, published reports in
:mod:`.published_reader`, transfer decisions in :mod:`.history_reader`) subclasses
:class:`TomlReader`, so that an amount, an account or an unknown key is judged and
reported the same way in every file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Final, TypeVar

from ..account import Account, AccountError, Side
from ..errors import Problem, Severity, UsageError
from ..findings import input_field
from ..money import MAX_KRONER, Money, MoneyError
from .toml_document import KeyPath, TomlDocument

__all__ = ["TomlReader", "dotted", "file_order", "likely_account", "shown"]

T = TypeVar("T")

_AMOUNT_HINT: Final = 'write the amount as an integer or a string with øre, e.g. "1234.50"'
_ACCOUNT_EXPECTED: Final = '"chapter.post": chapter 1–5999, post 01–99, e.g. "540.01"'

# The Norwegian words finance staff are likely to type for a key, as DFØ labels the columns.
_NORWEGIAN_KEYS: Final = {
    "tekst": "text", "posttekst": "text", "stikkord": "keywords",
    "overfort": "carried_over", "overført": "carried_over", "overfort_fra_i_fjor": "carried_over",
    "overført_fra_i_fjor": "carried_over", "tildeling": "allocated", "tildelt": "allocated",
    "arets_tildelinger": "allocated", "årets_tildelinger": "allocated", "bevilgning": "allocated",
    "regnskap": "accounted", "brukt": "used", "ramme": "limit", "belop": "amount", "beløp": "amount",
    "samlet_ansvar": "commitments", "retning": "direction", "konto": "account",
    "virksomhet": "agency", "departement": "ministry", "regnskapsar": "fiscal_year", "regnskapsår": "fiscal_year",
    "kapittel": "chapter", "utgift": "expense", "inntekt": "income",
}
_DOTTED_NUMBERS: Final = re.compile(r"\s*(\d+)\.(\d+)\s*")
_GROUPED: Final = re.compile(r"[-−–+]?\d{1,3}([.,])\d{3}(?:\1\d{3})*(?:[.,]\d{1,2})?")
_DECIMALS: Final = re.compile(r"[-−–+]?[\d \u00a0\u202f]*[.,](\d+)")
_NUMBER: Final = re.compile(r"\d+(?:[.,]\d{0,2})?")


class TomlReader:
    """Reads values out of a located TOML document and collects located problems.

    The base of every reader of the project's TOML formats (agency-years, published
    reports, transfer decisions), so that they check amounts, accounts and keys the
    same way and report problems in one shape.
    """

    def __init__(self, document: TomlDocument) -> None:
        self.doc = document
        self.problems: list[Problem] = []
        self.errors = 0  # how many of the problems are errors
        self.unknown: dict[KeyPath, list[str]] = {}  # the unknown keys of each table

    # -- reporting ------------------------------------------------------------------
    def report(
        self, path: KeyPath, message: str, *, key: bool = False, severity: Severity = Severity.ERROR,
        expected: str | None = None, found: str | None = None, hint: str | None = None,
    ) -> None:
        self.errors += severity is Severity.ERROR
        self.problems.append(Problem(
            message, self.doc.location(path, key=key), severity, expected, found, hint, dotted(path) or None
        ))

    def warn(self, path: KeyPath, message: str, **details: Any) -> None:
        self.report(path, message, severity=Severity.WARNING, **details)

    @contextmanager
    def invariant(self, path: KeyPath) -> Iterator[None]:
        """Turn a model invariant broken by the file into a located problem."""
        try:
            yield
        except UsageError as error:
            self.report(path, str(error))

    # -- values ---------------------------------------------------------------------
    def table(self, path: KeyPath, value: Any, allowed: tuple[str, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.report(path, f"{what} must be a table", expected="a TOML table", found=shown(value))
            return None
        self.unknown[path] = [name for name in value if name not in allowed]
        for name in self.unknown[path]:
            self.report(
                (*path, name), f"unknown key `{name}` in {what}", key=True,
                expected="one of " + ", ".join(f"`{a}`" for a in allowed),
                hint=_key_suggestion(name, allowed),
            )
        return value

    def required(self, table: dict[str, Any], path: KeyPath, name: str, what: str) -> Any:
        unknown = self.unknown.get(path, ())
        misspelt = any(_meant(key) == name or difflib.get_close_matches(name, [key]) for key in unknown)
        if name not in table and not misspelt:  # a misspelling is reported as an unknown key
            self.report(path, f"{what} has no `{name}`", key=True, hint=f"add `{name} = …` to {what}")
        return table.get(name)

    def money(self, path: KeyPath, value: Any, *, non_negative: bool = False) -> Money | None:
        if value is None:
            return None
        if isinstance(value, float):
            self.report(path, "the amount is a TOML float", expected="an integer number of kroner "
                        "or a string with øre", found=shown(value), hint=_float_hint(path, value))
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.report(path, "this is not an amount", expected="an integer or a string with øre",
                        found=shown(value), hint=_AMOUNT_HINT)
            return None
        problem = _amount_problem(value)
        if problem is not None:
            message, expected, hint = problem
            self.report(path, message, expected=expected, found=shown(value), hint=hint)
            return None
        amount = Money.kroner(value)
        if non_negative and amount < Money(0):
            self.report(path, f"`{path[-1]}` cannot be negative", found=shown(value),
                        hint="write it as a positive number; the statements apply the sign")
            return None
        return amount

    def account(self, path: KeyPath, value: Any, side: Side | None = None, *, key: bool = False) -> Account | None:
        if not isinstance(value, str):
            self.report(path, "an account is written as a string", expected=_ACCOUNT_EXPECTED,
                        found=shown(value), key=key, hint=f'put it in quotes: "{value}"'
                        if isinstance(value, int) and not isinstance(value, bool) else None)
            return None
        try:
            account = Account.parse(value)
        except AccountError:
            message, hint = _account_problem(value)
            self.report(path, message, key=key, expected=_ACCOUNT_EXPECTED, found=shown(value), hint=hint)
            return None
        if side is not None and account.side is not side:
            other = "income" if side is Side.EXPENSE else "expense"
            self.report(path, f"{account} is an {other} account, not an {side.value} account", key=key,
                        hint=f"expense chapters are 1–2999 and income chapters 3000–5999; "
                             f"move it to [{other}.\"{account}\"]" if key else "check the chapter number")
            return None
        return account

    def text(self, path: KeyPath, value: Any, default: str = "") -> str:
        if value is None:
            return default
        if not isinstance(value, str):
            self.report(path, "this must be a text string", found=shown(value), hint='write it in quotes: "…"')
            return default
        return value

    def accounts(self, path: KeyPath, value: Any, side: Side) -> list[Account]:
        """A list of accounts (a single string is a list of one); each listed once."""
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            self.report(path, "expected a list of accounts", found=shown(value), hint='write e.g. ["3540.03"]')
            return []
        if not values:
            self.report(path, f"`{path[-1]}` names no account", hint='write at least one, e.g. ["540.01"]')
        accounts: list[Account] = []
        for index, item in enumerate(values):
            account = self.account((*path, index), item, side)
            if account is not None and account in accounts:
                self.report((*path, index), f"{account} is listed twice", hint="list each account once")
            elif account is not None:
                accounts.append(account)
        return accounts

    def records(self, name: str, data: dict[str, Any], build: Callable[[KeyPath, dict[str, Any]], T | None]) -> list[T]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.report((name,), f"`{name}` must be an array of tables", expected=f"[[{name}]] entries",
                        found=shown(value), key=True,
                        hint=f"write [[{name}]] (double brackets) above each entry"
                        if isinstance(value, dict) else None)
            return []
        results = []
        for index, entry in enumerate(value):
            path = (name, index)
            if not isinstance(entry, dict):
                self.report(path, f"each `{name}` must be a table", found=shown(entry),
                            hint=f"write [[{name}]] followed by its key = value lines")
                continue
            built = build(path, entry)
            if built is not None:
                results.append(built)
        return results

    def choice(
        self, path: KeyPath, table: dict[str, Any], name: str, what: str, meanings: dict[str, str]
    ) -> str | None:
        """A key whose value is one of a few words; ``meanings`` explains each."""
        value = self.required(table, path, name, what)
        if value is None or (isinstance(value, str) and value in meanings):
            return value
        words = list(meanings)
        close = difflib.get_close_matches(value, words, n=1) if isinstance(value, str) else []
        explained = ", ".join(f'"{word}" = {meaning}' for word, meaning in meanings.items())
        self.report((*path, name), f"`{name}` must be " + " or ".join(f'"{w}"' for w in words),
                    found=shown(value), expected=explained,
                    hint=f'did you mean "{close[0]}"?' if close else f'write e.g. {name} = "{words[0]}"')
        return None

    def account_number(self, path: KeyPath, value: Any) -> str | None:
        if value is None:
            return None
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            self.report(path, "a ledger account number is written as a string of digits",
                        found=shown(value), hint=f'write number = "{value}"' if isinstance(value, int)
                        and not isinstance(value, bool) else 'write e.g. number = "60090701"')
            return None
        return value


def file_order(problem: Problem) -> tuple[int, int]:
    return problem.location.line or 0, problem.location.column or 0


# -- how a value is judged and shown ---------------------------------------------------------
def _amount_problem(value: int | str) -> tuple[str, str, str] | None:
    """What is wrong with an amount (message, expected, hint); None when it is a valid amount."""
    below = f"an amount below {MAX_KRONER:,} kr".replace(",", " ")
    too_large = ("the amount is larger than any appropriation", below,
                 "check for extra digits or a misplaced decimal mark")
    if isinstance(value, int):
        return too_large if abs(value) >= MAX_KRONER else None
    try:
        Money.parse(value)
        return None
    except MoneyError:
        pass
    text = value.strip()
    expected = "kroner with at most two decimals (øre)"
    if not text:
        return "the amount is empty", expected, "write 0, or remove the key"
    decimals = _DECIMALS.fullmatch(text)
    if decimals and len(decimals[1]) > 2:
        rounded = _rounded(text)
        hint = f'round it to øre, e.g. "{rounded}"' if rounded else "round it to øre"
        if len(decimals[1]) == 3:
            hint += f"; if the mark groups thousands, write {re.sub(r'[^0-9-]', '', text.replace('−', '-'))}"
        return f"the amount has {len(decimals[1])} decimals; amounts carry at most two (øre)", expected, hint
    if _GROUPED.fullmatch(text):
        return ("the amount uses a thousands separator that reads as a decimal mark", expected,
                'group digits with spaces or not at all, e.g. "1 234 567,50" or 1234567')
    unsigned = re.sub(r"[ \u00a0\u202f]", "", text)
    if _NUMBER.fullmatch(unsigned[1:] if unsigned[:1] in "-−–+" else unsigned):
        return too_large  # a well-formed number that Money refused: only its size is left
    return ("this is not an amount", expected,
            'write digits with an optional minus sign and at most two decimals, e.g. "-8249451" or "1234.50"')


def _rounded(text: str) -> str | None:
    try:
        cleaned = re.sub(r"[\s\u00a0\u202f]", "", text).replace(",", ".").replace("−", "-").replace("–", "-")
        return str(Decimal(cleaned).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return None


def _float_hint(path: KeyPath, value: float) -> str:
    """A concrete rewrite of a float amount when it has at most two decimals."""
    exact = Decimal(repr(value))  # the number as written, not its binary approximation
    if not exact.is_finite() or abs(exact) >= MAX_KRONER or exact.as_tuple().exponent < -2:  # type: ignore[operator]
        return "floats cannot hold øre exactly; " + _AMOUNT_HINT
    name = _toml_key(path[-1]) if isinstance(path[-1], str) else "amount"
    if exact == exact.to_integral_value():
        return f"write {name} = {int(exact)}"
    return f'floats cannot hold øre exactly; write {name} = "{exact.quantize(Decimal("0.01"))}"'


def _account_problem(text: str) -> tuple[str, str]:
    """What is wrong with an account text that does not parse, and a likely fix."""
    likely = likely_account(text)
    suggestion = f'did you mean "{likely}"?' if likely else None
    parts = _DOTTED_NUMBERS.fullmatch(text)
    if parts:
        chapter, post = int(parts[1]), int(parts[2])
        if len(parts[2]) > 2:
            return (f"malformed account: the post {parts[2]} has more than two digits",
                    suggestion or "posts are numbered 01–99")
        if not 1 <= chapter <= 5999:
            return (f"malformed account: there is no chapter {chapter}",
                    "chapters are numbered 1–5999: expense 1–2999, income 3000–5999")
        if not 1 <= post <= 99:
            return f"malformed account: there is no post {parts[2]}", "posts are numbered 01–99"
    return "malformed account", suggestion or 'write chapter, a dot and the post, e.g. "540.01"'


def likely_account(text: str) -> Account | None:
    """The account a malformed one most likely meant, keeping the chapter as written:
    ``540-01`` → 540.01, ``1400.1a`` → 1400.01 (never another chapter, which would book elsewhere)."""
    match = re.fullmatch(r"\s*(\d{1,4})\D+(\d+)\D*", text)
    if match is None:
        return None
    try:
        account = Account(int(match[1]), int(match[2]))
    except AccountError:
        return None
    return None if str(account) == text.strip() else account


def _meant(key: str) -> str | None:
    """The English key a Norwegian key name stands for."""
    return _NORWEGIAN_KEYS.get(key.strip().lower().replace(" ", "_").replace("-", "_"))


def _key_suggestion(name: str, allowed: tuple[str, ...]) -> str:
    translated = _meant(name)
    if translated in allowed:
        return f"did you mean `{translated}`? (the keys are in English)"
    close = difflib.get_close_matches(name.strip().lower(), allowed, n=1)
    return f"did you mean `{close[0]}`?" if close else "remove the key or check its spelling"


def _toml_key(name: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    import json  # here, not at the top: reading a file needs it only for an unusual key (start-up)

    return json.dumps(name, ensure_ascii=False)


def dotted(path: KeyPath) -> str:
    """A key path as the user wrote it: ``expense."540.01".allocated``, ``chargeback[0].used``."""
    return input_field(path)


def shown(value: Any) -> str:
    """A value as it is written in TOML, with its kind where that is the problem."""
    import json  # here, not at the top: only a message needs it (start-up)

    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true (a boolean)" if value else "false (a boolean)"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value!r} (a float)"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"{value} (a {type(value).__name__})"
