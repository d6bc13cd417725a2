"""Read an agency-year from input format v1 (TOML) into the model, with located errors.

Every problem in the file is collected in one pass and raised together as one
:class:`~statsbudsjett.errors.InputError`; warnings (legal but unusual input) are
returned beside the model by :func:`read_agency_year`. Every key in the file is
either used or reported. The format is documented in ``docs/input-format.md``;
the messages and their cases in ``docs/errors.md``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final, TypeVar

from ..account import Account, AccountError, Side
from ..errors import InputError, Problem, Severity, UsageError
from ..keywords import KeywordError, Keywords, parse_keywords
from ..model import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    Reallocation,
    RevenueAuthorisation,
    Saving,
    TreasuryBalance,
)
from ..money import MAX_KRONER, Money, MoneyError
from ..rules import PARAMETERS, RuleYearError, YearParameters, parameters_for, percent
from .toml_document import KeyPath, TomlDocument, read_toml

__all__ = ["FORMAT", "TomlReader", "load_agency_year", "read_agency_year"]

FORMAT: Final = "statsbudsjett/1"
T = TypeVar("T")

_TOP: Final = (
    "format", "agency", "fiscal_year", "ministry", "chapter", "expense", "income",
    "revenue_authorisation", "chargeback", "reallocation", "saving", "commitment",
    "capital_account", "treasury_balance",
)
_EXPENSE: Final = ("text", "keywords", "carried_over", "allocated", "previous_allocated", "accounted")
_INCOME: Final = ("text", "allocated", "accounted")
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


def load_agency_year(source: str | Path | bytes, *, file: str | None = None) -> AgencyYear:
    """Load an agency-year from a v1 file (a path) or v1 TOML text.

    Raises :class:`~statsbudsjett.errors.InputError` listing every problem when the
    input cannot be used. Warnings are dropped; use :func:`read_agency_year` to see them.
    """
    return read_agency_year(source, file=file)[0]


def read_agency_year(
    source: str | Path | bytes, *, file: str | None = None
) -> tuple[AgencyYear, tuple[Problem, ...]]:
    """Load an agency-year and return it with the warnings found on the way.

    ``source`` is a path or the TOML text (``str`` or ``bytes``); a one-line ``str``
    without ``=`` cannot be TOML data and is taken as a file name. ``file`` names the
    input in messages. Raises :class:`~statsbudsjett.errors.InputError` carrying every
    problem, errors and warnings, in file order.
    """
    if not isinstance(source, str | Path | bytes):
        raise UsageError(f"read_agency_year: expected a path, TOML text or bytes, not {type(source).__name__}")
    if isinstance(source, str) and source.strip() and "\n" not in source and "=" not in source:
        source = Path(source)
    if file is not None and not isinstance(file, str):
        raise UsageError(f"read_agency_year: `file` names the input and is a str, not {type(file).__name__}")
    document = read_toml(source, file=file)
    reader = TomlReader(document)
    year = reader.agency_year()
    problems = sorted(reader.problems, key=_file_order)
    if year is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return year, tuple(problems)


def _file_order(problem: Problem) -> tuple[int, int]:
    return problem.location.line or 0, problem.location.column or 0


class TomlReader:
    """Reads values out of a located TOML document and collects located problems.

    Shared by every reader of the project's TOML formats (agency-years, transfer
    decisions), so that they check amounts, accounts and keys the same way.
    """

    def __init__(self, document: TomlDocument) -> None:
        self.doc = document
        self.problems: list[Problem] = []
        self.errors = 0  # how many of the problems are errors
        self.line_paths: dict[Account, KeyPath] = {}  # each line's key path as spelt in the file
        # Lines with errors of their own: references to them are not reported again.
        self.broken: set[Account] = set()
        self.unknown: dict[KeyPath, list[str]] = {}  # the unknown keys of each table

    # -- reporting ------------------------------------------------------------------
    def report(
        self, path: KeyPath, message: str, *, key: bool = False, severity: Severity = Severity.ERROR,
        expected: str | None = None, found: str | None = None, hint: str | None = None,
    ) -> None:
        self.errors += severity is Severity.ERROR
        self.problems.append(Problem(
            message, self.doc.location(path, key=key), severity, expected, found, hint, _dotted(path) or None
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
            self.report(path, f"{what} must be a table", expected="a TOML table", found=_shown(value))
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
                        "or a string with øre", found=_shown(value), hint=_float_hint(path, value))
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.report(path, "this is not an amount", expected="an integer or a string with øre",
                        found=_shown(value), hint=_AMOUNT_HINT)
            return None
        problem = _amount_problem(value)
        if problem is not None:
            message, expected, hint = problem
            self.report(path, message, expected=expected, found=_shown(value), hint=hint)
            return None
        amount = Money.kroner(value)
        if non_negative and amount < Money(0):
            self.report(path, f"`{path[-1]}` cannot be negative", found=_shown(value),
                        hint="write it as a positive number; the statements apply the sign")
            return None
        return amount

    def account(self, path: KeyPath, value: Any, side: Side | None = None, *, key: bool = False) -> Account | None:
        if not isinstance(value, str):
            self.report(path, "an account is written as a string", expected=_ACCOUNT_EXPECTED,
                        found=_shown(value), key=key, hint=f'put it in quotes: "{value}"'
                        if isinstance(value, int) and not isinstance(value, bool) else None)
            return None
        try:
            account = Account.parse(value)
        except AccountError:
            message, hint = _account_problem(value)
            self.report(path, message, key=key, expected=_ACCOUNT_EXPECTED, found=_shown(value), hint=hint)
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
            self.report(path, "this must be a text string", found=_shown(value), hint='write it in quotes: "…"')
            return default
        return value

    def accounts(self, path: KeyPath, value: Any, side: Side) -> list[Account]:
        """A list of accounts (a single string is a list of one); each listed once."""
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            self.report(path, "expected a list of accounts", found=_shown(value), hint='write e.g. ["3540.03"]')
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
                        found=_shown(value), key=True,
                        hint=f"write [[{name}]] (double brackets) above each entry"
                        if isinstance(value, dict) else None)
            return []
        results = []
        for index, entry in enumerate(value):
            path = (name, index)
            if not isinstance(entry, dict):
                self.report(path, f"each `{name}` must be a table", found=_shown(entry),
                            hint=f"write [[{name}]] followed by its key = value lines")
                continue
            built = build(path, entry)
            if built is not None:
                results.append(built)
        return results

    # -- the document -----------------------------------------------------------------
    def agency_year(self) -> AgencyYear | None:
        data = self.doc.data
        if not data:  # an empty file is refused by read_toml already
            self.report((), "the file holds only comments", expected=f'format = "{FORMAT}", agency and fiscal_year',
                        hint=f'start with format = "{FORMAT}", agency = "…" and fiscal_year = 2021 '
                             "(see docs/input-format.md)")
            return None
        self.table((), data, _TOP, "the file")
        version = data.get("format")
        if version is None:
            self.report((), "the file does not say its format", expected=f'format = "{FORMAT}" at the top',
                        hint=f'add format = "{FORMAT}" at the top')
        elif version != FORMAT:
            self.report(("format",), "unknown format version", expected=f'"{FORMAT}"', found=_shown(version),
                        hint=f'this version of statsbudsjett reads "{FORMAT}"; write format = "{FORMAT}"')
            return None  # another version's keys mean other things: nothing more can be checked
        agency = self.text(("agency",), self.required(data, (), "agency", "the file"))
        if "agency" in data and isinstance(data["agency"], str) and not data["agency"].strip():
            self.report(("agency",), "the agency's name is empty",
                        hint='write it, e.g. agency = "Digitaliseringsdirektoratet"')
        fiscal_year = self.fiscal_year(data.get("fiscal_year"))
        ministry = self.text(("ministry",), data.get("ministry"))
        chapters = self.chapters(data.get("chapter", {}))
        expense = self.lines("expense", data, Side.EXPENSE)
        income = self.lines("income", data, Side.INCOME)
        ctx = _Context(fiscal_year, {line.account: line for line in expense}, {line.account: line for line in income},
                       self.broken)
        self.usable_under(expense, ctx)
        authorisations = self.records("revenue_authorisation", data, lambda p, e: self.revenue_authorisation(p, e, ctx))
        chargebacks = self.records("chargeback", data, lambda p, e: self.chargeback(p, e, ctx))
        reallocations = self.records("reallocation", data, lambda p, e: self.reallocation(p, e, ctx))
        savings = self.records("saving", data, lambda p, e: self.saving(p, e, ctx))
        commitments = self.records("commitment", data, lambda p, e: self.commitment(p, e, ctx))
        capital = self.records("capital_account", data, self.capital_account)
        balance = self.treasury_balance(data.get("treasury_balance"))
        if self.errors or fiscal_year is None:
            return None
        with self.invariant(()):
            return AgencyYear(
                agency=agency, fiscal_year=fiscal_year, ministry=ministry,
                expense=expense, income=income, chapter_names=chapters,
                revenue_authorisations=authorisations, chargebacks=chargebacks, reallocations=reallocations,
                savings=savings, commitments=commitments, capital_accounts=capital, treasury_balance=balance,
                source=self.doc.location(()),
            )
        return None

    def fiscal_year(self, value: Any) -> int | None:
        path = ("fiscal_year",)
        covered = f"{PARAMETERS[0].first}–{PARAMETERS[-1].last}"
        if value is None:
            self.report((), "the file has no `fiscal_year`", expected=f"a year {covered}",
                        hint="add e.g. fiscal_year = 2021 at the top")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, "fiscal_year must be a year", expected="an integer such as 2021", found=_shown(value),
                        hint=f"write fiscal_year = {value}" if isinstance(value, str) and value.strip().isdigit()
                        else "write e.g. fiscal_year = 2021")
            return None
        try:
            parameters_for(value)
        except RuleYearError:
            self.report(path, f"the rules do not cover fiscal year {value}", expected=f"a year {covered}",
                        found=str(value), hint="check the year; the rules of other years are not in this version "
                        "of statsbudsjett (statsbudsjett.rules.parameters)")
            return None
        return value

    def chapters(self, value: Any) -> dict[int, str]:
        if not isinstance(value, dict):
            self.report(("chapter",), "`chapter` must be a table of chapter names",
                        hint='write e.g. [chapter] then 540 = "Digitaliseringsdirektoratet"', found=_shown(value))
            return {}
        names: dict[int, str] = {}
        spelling: dict[int, str] = {}
        for number, name in value.items():
            path = ("chapter", number)
            if not (number.isascii() and number.isdigit() and 1 <= int(number) <= 5999):
                self.report(path, f"`{number}` is not a chapter number", key=True, expected="a number 1–5999",
                            found=_shown(number))
                continue
            chapter = int(number)
            if chapter in names:
                self.report(path, f"chapter {chapter} is named twice, as `{spelling[chapter]}` and `{number}`",
                            key=True, hint="keep one of the two lines")
                continue
            spelling[chapter] = number
            names[chapter] = self.text(path, name)
        return names

    def lines(self, side_name: str, data: dict[str, Any], side: Side) -> list[Any]:
        section = data.get(side_name, {})
        if not isinstance(section, dict):
            self.report((side_name,), f"`{side_name}` must hold one table per account", found=_shown(section),
                        key=True, hint=f'write [{side_name}."540.01"] tables' if side is Side.EXPENSE
                        else f'write [{side_name}."3540.01"] tables')
            return []
        first_spelling: dict[Account, str] = {}
        lines = []
        for key, entry in section.items():
            path: KeyPath = (side_name, key)
            errors_before = self.errors
            if _unquoted_account(key, entry):
                post = next(iter(entry))
                self.broken.update(a for a in [_likely_account(f"{key}.{post}")] if a)
                self.report(path, f"the account {key}.{post} must be written in quotes", key=True,
                            expected=f'[{side_name}."{key}.{post}"]', found=f"[{side_name}.{key}.{post}]",
                            hint=f'without quotes TOML reads {key}.{post} as two nested tables; '
                                 f'write [{side_name}."{key}.{post}"]')
                continue
            account = self.account(path, key, side, key=True)
            if account is None:
                self.broken.update(a for a in [_likely_account(key)] if a)
                continue
            if account in first_spelling:
                self.report(path, f"account {account} is given twice, as \"{first_spelling[account]}\" and \"{key}\"",
                            key=True, hint=f"merge the two tables into one [{side_name}.\"{account}\"]")
                continue
            first_spelling[account] = key
            self.line_paths[account] = path
            allowed = _EXPENSE if side is Side.EXPENSE else _INCOME
            table = self.table(path, entry, allowed, f'[{side_name}."{key}"]')
            if table is None:
                continue
            line: ExpenseLine | IncomeLine | None = (
                self.expense_line(path, account, table) if side is Side.EXPENSE
                else self.income_line(path, account, table)
            )
            if line is not None:
                lines.append(line)
            if self.errors > errors_before:
                self.broken.add(account)
        return lines

    def expense_line(self, path: KeyPath, account: Account, table: dict[str, Any]) -> ExpenseLine | None:
        keywords = self.keywords((*path, "keywords"), table.get("keywords", []), account.chapter)
        values = {name: self.money((*path, name), table.get(name))
                  for name in ("carried_over", "allocated", "previous_allocated", "accounted")}
        own = "allocated" in table or "carried_over" in table
        if own and "accounted" not in table and not self.unknown.get(path):
            self.warn(path, f"{account} has a tildeling but no `accounted`: its regnskap is taken as 0", key=True,
                      hint="add accounted = 0 if nothing was spent on the post")
        with self.invariant(path):
            return ExpenseLine(
                account, self.text((*path, "text"), table.get("text")), keywords,
                values["carried_over"], values["allocated"], values["previous_allocated"],
                values["accounted"] or Money(0), source=self.doc.location(path, key=True),
            )
        return None

    def income_line(self, path: KeyPath, account: Account, table: dict[str, Any]) -> IncomeLine | None:
        text = self.text((*path, "text"), table.get("text"))
        allocated = self.money((*path, "allocated"), table.get("allocated"))
        accounted = self.money((*path, "accounted"), table.get("accounted"))
        with self.invariant(path):
            return IncomeLine(account, text, allocated, accounted or Money(0), source=self.doc.location(path, key=True))
        return None

    def keywords(self, path: KeyPath, value: Any, chapter: int) -> Keywords:
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list):
            self.report(path, "keywords must be a list of stikkord", found=_shown(value),
                        hint='write e.g. keywords = ["kan overføres"]')
            return Keywords()
        parsed = []
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                self.report((*path, index), "a keyword (stikkord) is a text string", found=_shown(text),
                            hint='write e.g. keywords = ["kan overføres"]')
                continue
            try:
                parsed.append(parse_keywords(text, chapter=chapter))
            except KeywordError as error:
                self.report((*path, index), str(error), found=_shown(text))
        return Keywords(
            any(k.transferable for k in parsed), any(k.estimate for k in parsed),
            tuple(dict.fromkeys(a for k in parsed for a in k.usable_under)),
        )

    def usable_under(self, expense: list[ExpenseLine], ctx: _Context) -> None:
        """«kan nyttes under» may name another agency's post; one in a chapter of this file is checked."""
        chapters = {line.account.chapter for line in expense}
        for line in expense:
            for target in line.keywords.usable_under:
                if target.chapter in chapters and target not in ctx.expense and target not in ctx.broken:
                    self.warn((*self.line_paths[line.account], "keywords"), f"«kan nyttes under» names {target}, "
                              f"which has no line in the file", hint=f'check the post, or add [expense."{target}"]')

    # -- authorisations and adjustments ---------------------------------------------------
    def revenue_authorisation(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> RevenueAuthorisation | None:
        what = "[[revenue_authorisation]]"
        table = self.table(path, entry, ("income", "expense", "allocation"), what)
        if table is None:
            return None
        income = self.accounts((*path, "income"), self.required(table, path, "income", what) or [], Side.INCOME)
        expense = self.accounts((*path, "expense"), self.required(table, path, "expense", what) or [], Side.EXPENSE)
        for i, account in enumerate(income):
            if not ctx.has_income(account):
                self.report((*path, "income", i), f"income account {account} is not in the file",
                            hint=f'add [income."{account}"] with its allocated and accounted amounts')
            elif account in ctx.backing:
                self.report((*path, "income", i), f"{account} already backs revenue_authorisation"
                            f"[{ctx.backing[account]}]: its merinntekt would count twice",
                            hint="put all the expense posts it backs in one [[revenue_authorisation]]")
            else:
                ctx.backing[account] = int(path[1])
        for i, account in enumerate(expense):
            if not ctx.is_own_expense(account):
                self.report((*path, "expense", i), f"expense account {account} is not one of the agency's own posts",
                            hint=f'add [expense."{account}"] with its allocated amount')
        split = self.allocation(path, table.get("allocation"), expense)
        if len(expense) > 1 and "allocation" not in table:
            self.report(path, "the merinntekt backs several expense posts but `allocation` is missing", key=True,
                        hint="add allocation = { … } saying how much of the mer-/mindreinntekt goes to each post")
        elif split is not None and set(split) == set(expense) and all(a in ctx.income for a in income):
            self.check_split(path, split, income, ctx)
        if not income or not expense:
            return None
        with self.invariant(path):
            return RevenueAuthorisation(income, expense, tuple((split or {}).items()), source=self.doc.location(path))
        return None

    def allocation(self, path: KeyPath, value: Any, expense: list[Account]) -> dict[Account, Money] | None:
        """The split of a merinntekt over the expense posts; None when absent or unusable."""
        if value is None:
            return None
        here = (*path, "allocation")
        if not isinstance(value, dict):
            self.report(here, "allocation must be a table of account = amount", found=_shown(value),
                        hint='write e.g. allocation = { "540.01" = 1107476, "540.21" = 6558750 }')
            return None
        split: dict[Account, Money] = {}
        usable = True
        for key, amount in value.items():
            account = self.account((*here, key), key, Side.EXPENSE, key=True)
            money = self.money((*here, key), amount)
            if account is not None and account in split:
                self.report((*here, key), f"{account} is given twice in the allocation", key=True,
                            hint="give each expense post one amount")
            elif account is not None and account not in expense:
                self.report((*here, key), f"{account} is not among this authorisation's expense posts",
                            key=True, hint="add it to `expense` or remove it from `allocation`")
            elif account is not None and money is not None:
                split[account] = money
                continue
            usable = False
        if not usable:
            return None
        missing = [a for a in expense if a not in split]
        if missing:
            self.report(here, f"the allocation gives no amount for {', '.join(map(str, missing))}",
                        hint="give every expense post of the authorisation its share (0 if none)")
            return None
        return split

    def check_split(self, path: KeyPath, split: dict[Account, Money], income: list[Account], ctx: _Context) -> None:
        """The split must add up to the mer-/mindreinntekt; when every figure is whole kroner
        (transcribed from a printed report) a difference within the rounding bound
        ⌊(n+1)/2⌋ kr of n printed terms is a note (severity info), not an error (DESIGN.md)."""
        target = Money.total(ctx.income[a].revenue_difference for a in income)
        total = Money.total(split.values())
        off = total - target
        if not off:
            return
        backing = ", ".join(map(str, income))
        figures = [*split.values(), *(ctx.income[a].accounted for a in income)]
        bound = Money.kroner((len(figures) + 1) // 2)
        what = (f"the split adds up to {total}, the mer-/mindreinntekt of {backing} is {target}: "
                f"off by {abs(off)} kr ({'too much' if off > Money(0) else 'too little'})")
        if all(f.is_whole_kroner for f in figures) and abs(off) <= bound:
            self.report((*path, "allocation"), f"{what}, within the rounding of whole-kroner figures",
                        severity=Severity.INFO, hint="fine when the figures were transcribed from a printed report")
            return
        self.report((*path, "allocation"), what, expected=f"amounts adding up to {target} "
                    f"(regnskap − samlet tildeling of {backing})", found=f"amounts adding up to {total}",
                    hint=f"{'take' if off > Money(0) else 'add'} {abs(off)} kr {'from' if off > Money(0) else 'to'} "
                         "the amounts so that they add up to the mer-/mindreinntekt")

    def chargeback(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> Chargeback | None:
        what = "[[chargeback]]"
        table = self.table(path, entry, ("direction", "account", "counterparty", "limit", "used"), what)
        if table is None:
            return None
        direction = self.choice(path, table, "direction", what, {
            "given": "avgitt belastningsfullmakt", "received": "mottatt belastningsfullmakt"})
        account = self.account((*path, "account"), self.required(table, path, "account", what))
        used = self.money((*path, "used"), self.required(table, path, "used", what), non_negative=True)
        limit = self.money((*path, "limit"), table.get("limit"), non_negative=True)
        counterparty = self.text((*path, "counterparty"), table.get("counterparty"))
        if account is not None and direction == "given" and not (
            ctx.is_own_expense(account) or ctx.has_income(account)
        ):
            self.report((*path, "account"), f"{account} is not one of the agency's own accounts",
                        hint="a given chargeback is on one of the agency's own posts; "
                             "add the post or check the account")
        if account is not None and direction == "received" and not ctx.has_line(account):
            self.report((*path, "account"), f"{account} has no line in the file",
                        hint=f'add [expense."{account}"] with the accounted amount spent under the chargeback')
        if used is not None and limit is not None and used > limit:
            self.warn((*path, "used"), f"used ({used}) is above the limit ({limit}) of the chargeback",
                      hint="check the figures, or report the overrun")
        if direction is None or account is None or used is None:
            return None
        with self.invariant(path):
            return Chargeback(direction, account, used, limit, counterparty, source=self.doc.location(path))
        return None

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
                    found=_shown(value), expected=explained,
                    hint=f'did you mean "{close[0]}"?' if close else f'write e.g. {name} = "{words[0]}"')
        return None

    def reallocation(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> Reallocation | None:
        what = "[[reallocation]]"
        allowed = {"to_investment": ("kind", "from", "to", "amount"), "advance": ("kind", "account", "amount")}
        kind = self.choice(path, entry, "kind", what, {
            "to_investment": "omdisponering fra post 01 til 45", "advance": "forskuttering på post 01/21"})
        if kind is None:
            return None
        table = self.table(path, entry, allowed[kind], what)
        if table is None:
            return None
        amount = self.money((*path, "amount"), self.required(table, path, "amount", what), non_negative=True)
        if amount is not None and not amount:
            self.report((*path, "amount"), "the amount is zero", hint="remove the entry if nothing was moved")
            amount = None
        params = ctx.parameters
        origin: Account | None = None
        if kind == "to_investment":
            origin = self.account((*path, "from"), self.required(table, path, "from", what), Side.EXPENSE)
            target = self.account((*path, "to"), self.required(table, path, "to", what), Side.EXPENSE)
            if origin and target and params:
                self.to_investment(path, origin, target, params)
            for key, account in (("from", origin), ("to", target)):
                if account and not ctx.is_own_expense(account):
                    self.report((*path, key), f"{account} is not one of the agency's own posts",
                                hint=f'add [expense."{account}"] or check the account')
            if origin:
                self.within_share(path, origin, amount, ctx, "omdisponering")
        else:
            target = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
            if target and params and target.post not in params.advance_posts:
                posts = " or ".join(f"{p:02d}" for p in sorted(params.advance_posts))
                self.report((*path, "account"), f"a forskuttering is made on post {posts}, not on {target}",
                            hint="kgl.res. 13.01.2017: only these posts may be exceeded against an innsparing")
            elif target and not ctx.is_own_expense(target):
                self.report((*path, "account"), f"{target} is not one of the agency's own posts",
                            hint=f'add [expense."{target}"] or check the account')
            elif target:
                self.within_share(path, target, amount, ctx, "forskuttering")
        if target is None or amount is None or (kind == "to_investment" and origin is None):
            return None
        with self.invariant(path):
            return Reallocation(kind, target, amount, origin, source=self.doc.location(path))
        return None

    def to_investment(self, path: KeyPath, origin: Account, target: Account, params: YearParameters) -> None:
        """An omdisponering goes from post 01 to post 45 of one chapter (kgl.res. 13.01.2017)."""
        rule = (f"an omdisponering goes from post {params.reallocation_from_post:02d} to post "
                f"{params.reallocation_to_post:02d} of the same chapter")
        if origin.chapter != target.chapter:
            self.report((*path, "to"), f"{rule}, not across chapters: {origin} → {target}",
                        hint="a move between chapters needs a decision by the Storting")
        elif (origin.post, target.post) != (params.reallocation_from_post, params.reallocation_to_post):
            self.report(path, f"{rule}, not {origin} → {target}", key=True,
                        hint="other moves between posts need a decision by the Storting")

    def within_share(self, path: KeyPath, account: Account, amount: Money | None, ctx: _Context, what: str) -> None:
        line = ctx.expense.get(account)
        if amount is None or line is None or line.allocated is None or ctx.parameters is None:
            return
        share = ctx.parameters.reallocation_share
        limit = line.allocated.times(share)
        if amount > limit:
            self.report((*path, "amount"), f"the {what} of {amount} is above {percent(share)} of årets tildeling "
                        f"on {account}", expected=f"at most {limit} ({percent(share)} of {line.allocated})",
                        found=str(amount), hint=f"reduce it by {amount - limit} kr; a larger move needs a decision "
                        "by the Storting (kgl.res. 13.01.2017)")

    def saving(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> Saving | None:
        table = self.table(path, entry, ("account", "amount"), "[[saving]]")
        if table is None:
            return None
        account = self.account((*path, "account"), self.required(table, path, "account", "[[saving]]"), Side.EXPENSE)
        amount = self.money((*path, "amount"), self.required(table, path, "amount", "[[saving]]"), non_negative=True)
        if account is not None and not ctx.is_own_expense(account):
            self.report((*path, "account"), f"{account} is not one of the agency's own posts",
                        hint=f'add [expense."{account}"] or check the account')
        if account is None or amount is None:
            return None
        with self.invariant(path):
            return Saving(account, amount, source=self.doc.location(path))
        return None

    def commitment(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> CommitmentAuthorisation | None:
        what = "[[commitment]]"
        table = self.table(path, entry, ("kind", "account", "limit", "commitments"), what)
        if table is None:
            return None
        kind = self.choice(path, table, "kind", what, {"grant": "tilsagnsfullmakt", "order": "bestillingsfullmakt"})
        account = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
        limit = self.money((*path, "limit"), self.required(table, path, "limit", what), non_negative=True)
        commitments = self.money((*path, "commitments"), self.required(table, path, "commitments", what),
                                 non_negative=True)
        if account is not None and not ctx.is_own_expense(account):
            self.report((*path, "account"), f"{account} is not one of the agency's own posts",
                        hint=f'add [expense."{account}"] or check the account')
        if limit is not None and commitments is not None and commitments > limit:
            self.warn((*path, "commitments"), f"commitments ({commitments}) exceed the ramme ({limit})",
                      hint="bevilgningsreglementet § 6: new and old commitments may not exceed the ramme")
        if kind is None or account is None or limit is None or commitments is None:
            return None
        with self.invariant(path):
            return CommitmentAuthorisation(kind, account, limit, commitments, source=self.doc.location(path))
        return None

    def capital_account(self, path: KeyPath, entry: dict[str, Any]) -> CapitalAccount | None:
        what = "[[capital_account]]"
        table = self.table(path, entry, ("number", "text", "amount"), what)
        if table is None:
            return None
        number = self.account_number((*path, "number"), self.required(table, path, "number", what))
        amount = self.money((*path, "amount"), self.required(table, path, "amount", what))
        text = self.text((*path, "text"), table.get("text"))
        if number is None or amount is None:
            return None
        return CapitalAccount(number, text, amount, source=self.doc.location(path))

    def treasury_balance(self, entry: Any) -> TreasuryBalance | None:
        if entry is None:
            return None
        path: KeyPath = ("treasury_balance",)
        what = "[treasury_balance]"
        table = self.table(path, entry, ("number", "text", "closing", "opening"), what)
        if table is None:
            return None
        number = self.account_number((*path, "number"), self.required(table, path, "number", what))
        closing = self.money((*path, "closing"), self.required(table, path, "closing", what))
        opening = self.money((*path, "opening"), self.required(table, path, "opening", what))
        text = self.text((*path, "text"), table.get("text"), "Mellomværende med statskassen")
        if number is None or closing is None or opening is None:
            return None
        return TreasuryBalance(number, text, closing, opening, source=self.doc.location(path))

    def account_number(self, path: KeyPath, value: Any) -> str | None:
        if value is None:
            return None
        if not (isinstance(value, str) and value.isascii() and value.isdigit()):
            self.report(path, "a ledger account number is written as a string of digits",
                        found=_shown(value), hint=f'write number = "{value}"' if isinstance(value, int)
                        and not isinstance(value, bool) else 'write e.g. number = "60090701"')
            return None
        return value


class _Context:
    """What cross-references are checked against: the file's lines and the year's rules."""

    parameters: YearParameters | None

    def __init__(
        self, fiscal_year: int | None, expense: dict[Account, ExpenseLine], income: dict[Account, IncomeLine],
        broken: set[Account],
    ) -> None:
        # None when the year is unusable (already reported): rule checks are then skipped.
        self.parameters = parameters_for(fiscal_year) if fiscal_year is not None else None
        self.expense = expense
        self.income = income
        self.broken = broken  # lines with errors of their own: given the benefit of the doubt
        self.backing: dict[Account, int] = {}  # income account → the revenue authorisation it backs

    def is_own_expense(self, account: Account) -> bool:
        line = self.expense.get(account)
        return (line is not None and line.is_own) or account in self.broken

    def has_income(self, account: Account) -> bool:
        return account in self.income or account in self.broken

    def has_line(self, account: Account) -> bool:
        return account in self.expense or self.has_income(account)


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
    likely = _likely_account(text)
    suggestion = f'did you mean "{likely}"?' if likely else None
    dotted = _DOTTED_NUMBERS.fullmatch(text)
    if dotted:
        chapter, post = int(dotted[1]), int(dotted[2])
        if len(dotted[2]) > 2:
            return (f"malformed account: the post {dotted[2]} has more than two digits",
                    suggestion or "posts are numbered 01–99")
        if not 1 <= chapter <= 5999:
            return (f"malformed account: there is no chapter {chapter}",
                    "chapters are numbered 1–5999: expense 1–2999, income 3000–5999")
        if not 1 <= post <= 99:
            return f"malformed account: there is no post {dotted[2]}", "posts are numbered 01–99"
    return "malformed account", suggestion or 'write chapter, a dot and the post, e.g. "540.01"'


def _likely_account(text: str) -> Account | None:
    """``540-01`` and ``54.001`` were most likely meant as 540.01: the same digits."""
    digits = re.sub(r"\D", "", text)
    if not 3 <= len(digits) <= 6 or digits == text.strip():
        return None
    try:
        return Account.parse(digits)
    except AccountError:
        return None


def _unquoted_account(key: str, entry: Any) -> bool:
    """``[expense.540.01]`` (no quotes) reads as table "540" holding table "01"."""
    return (key.isascii() and key.isdigit() and isinstance(entry, dict) and len(entry) == 1
            and all(k.isascii() and k.isdigit() and len(k) <= 2 and isinstance(v, dict) for k, v in entry.items()))


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
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else json.dumps(name, ensure_ascii=False)


def _dotted(path: KeyPath) -> str:
    parts: list[str] = []
    for part in path:
        if isinstance(part, int):
            if parts:
                parts[-1] += f"[{part}]"
            else:
                parts.append(f"[{part}]")
        else:
            parts.append(_toml_key(part))
    return ".".join(parts)


def _shown(value: Any) -> str:
    """A value as it is written in TOML, with its kind where that is the problem."""
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
