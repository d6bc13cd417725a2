"""Read an agency-year from input format v1 (TOML) into the model, with located errors.

Every problem in the file is collected in one pass and raised together as one
:class:`~statsbudsjett.errors.InputError`; warnings (legal but unusual input) are
returned beside the model by :func:`read_agency_year`. Every key in the file is
either used or reported. The format is documented in ``docs/input-format.md``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
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
from ..money import Money, MoneyError
from ..rules import RuleYearError, YearParameters, parameters_for
from .toml_source import KeyPath, TomlDocument, read_toml

__all__ = ["FORMAT", "load_agency_year", "read_agency_year"]

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


def load_agency_year(source: str | Path | bytes, *, file: str | None = None) -> AgencyYear:
    """Load an agency-year from a v1 file (a path) or v1 TOML text.

    Raises :class:`~statsbudsjett.errors.InputError` listing every problem when the
    input cannot be used. Warnings are dropped; use :func:`read_agency_year` to see them.
    """
    return read_agency_year(source, file=file)[0]


def read_agency_year(
    source: str | Path | bytes, *, file: str | None = None
) -> tuple[AgencyYear, tuple[Problem, ...]]:
    """Load an agency-year and return it with the warnings found on the way."""
    if not isinstance(source, str | Path | bytes):
        raise UsageError(f"expected a path, TOML text or bytes, not {type(source).__name__}")
    document = read_toml(source, file=file)
    reader = _Reader(document)
    year = reader.agency_year()
    if year is None or any(p.is_error for p in reader.problems):
        raise InputError(reader.problems)
    return year, tuple(reader.problems)


class _Reader:
    def __init__(self, document: TomlDocument) -> None:
        self.doc = document
        self.problems: list[Problem] = []

    # -- reporting ------------------------------------------------------------------
    def report(
        self, path: KeyPath, message: str, *, key: bool = False, severity: Severity = Severity.ERROR,
        expected: str | None = None, found: str | None = None, hint: str | None = None,
    ) -> None:
        self.problems.append(Problem(
            message, self.doc.location(path, key=key), severity, expected, found, hint, _dotted(path)
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
        for name in value:
            if name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1)
                self.report(
                    (*path, name), f"unknown key `{name}` in {what}", key=True,
                    expected="one of " + ", ".join(f"`{a}`" for a in allowed),
                    hint=f"did you mean `{close[0]}`?" if close else "remove the key or check its spelling",
                )
        return value

    def required(self, table: dict[str, Any], path: KeyPath, name: str, what: str) -> Any:
        if name not in table:
            self.report(path, f"{what} has no `{name}`", key=True, hint=f"add `{name} = …` to {what}")
        return table.get(name)

    def money(self, path: KeyPath, value: Any, *, non_negative: bool = False) -> Money | None:
        if value is None:
            return None
        if isinstance(value, float):
            self.report(path, "the amount is a TOML float", expected="an integer number of kroner "
                        "or a string with øre", found=repr(value), hint="floats cannot hold øre exactly; " + _AMOUNT_HINT)
            return None
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.report(path, "this is not an amount", expected="an integer or a string with øre",
                        found=_shown(value), hint=_AMOUNT_HINT)
            return None
        try:
            amount = Money.kroner(value) if isinstance(value, int) else Money.parse(value)
        except MoneyError as error:
            self.report(path, f"this is not a valid amount: {error}", found=_shown(value), hint=_AMOUNT_HINT)
            return None
        if non_negative and amount < Money(0):
            self.report(path, "the amount cannot be negative", found=_shown(value),
                        hint="write it as a positive number; the statements apply the sign")
            return None
        return amount

    def account(self, path: KeyPath, value: Any, side: Side | None = None, *, key: bool = False) -> Account | None:
        if not isinstance(value, str):
            self.report(path, "an account is written as a string", expected='"chapter.post", e.g. "540.01"',
                        found=_shown(value), key=key)
            return None
        try:
            account = Account.parse(value)
        except AccountError as error:
            self.report(path, f"malformed account: {error}", key=key,
                        expected='"chapter.post": chapter 1–5999, post 01–99, e.g. "540.01"', found=repr(value))
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
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list):
            self.report(path, "expected a list of accounts", found=_shown(value), hint='write e.g. ["3540.03"]')
            return []
        found = [self.account((*path, i), v, side) for i, v in enumerate(values)]
        return [a for a in found if a is not None]

    def records(self, name: str, data: dict[str, Any], build: Callable[[KeyPath, dict[str, Any]], T | None]) -> list[T]:
        value = data.get(name, [])
        if not isinstance(value, list):
            self.report((name,), f"`{name}` must be an array of tables", expected=f"[[{name}]] entries",
                        found=_shown(value))
            return []
        results = []
        for index, entry in enumerate(value):
            path = (name, index)
            if not isinstance(entry, dict):
                self.report(path, f"each `{name}` must be a table", found=_shown(entry))
                continue
            built = build(path, entry)
            if built is not None:
                results.append(built)
        return results

    # -- the document -----------------------------------------------------------------
    def agency_year(self) -> AgencyYear | None:
        data = self.table((), self.doc.data, _TOP, "the file")
        assert data is not None
        version = data.get("format")
        if version is None:
            self.report((), "the file does not say its format", expected=f'format = "{FORMAT}" on the first line',
                        hint=f'add format = "{FORMAT}" at the top')
        elif version != FORMAT:
            self.report(("format",), f"unknown format {version!r}", expected=repr(FORMAT), found=_shown(version),
                        hint=f'this version of statsbudsjett reads "{FORMAT}"')
            return None
        agency = self.text(("agency",), self.required(data, (), "agency", "the file"))
        fiscal_year = self.fiscal_year(data.get("fiscal_year"))
        chapters = self.chapters(data.get("chapter", {}))
        expense = self.lines("expense", data, Side.EXPENSE)
        income = self.lines("income", data, Side.INCOME)
        year_context = _Context(fiscal_year, {line.account: line for line in expense},
                                {line.account: line for line in income})
        authorisations = self.records("revenue_authorisation", data,
                                      lambda p, e: self.revenue_authorisation(p, e, year_context))
        chargebacks = self.records("chargeback", data, lambda p, e: self.chargeback(p, e, year_context))
        reallocations = self.records("reallocation", data, lambda p, e: self.reallocation(p, e, year_context))
        savings = self.records("saving", data, lambda p, e: self.saving(p, e, year_context))
        commitments = self.records("commitment", data, self.commitment)
        capital = self.records("capital_account", data, self.capital_account)
        balance = self.treasury_balance(data.get("treasury_balance"))
        if any(p.is_error for p in self.problems) or fiscal_year is None:
            return None
        with self.invariant(()):
            return AgencyYear(
                agency=agency, fiscal_year=fiscal_year, ministry=self.text(("ministry",), data.get("ministry")),
                expense=expense, income=income, chapter_names=chapters,
                revenue_authorisations=authorisations, chargebacks=chargebacks, reallocations=reallocations,
                savings=savings, commitments=commitments, capital_accounts=capital, treasury_balance=balance,
                source=self.doc.location(()),
            )
        return None

    def fiscal_year(self, value: Any) -> int | None:
        path = ("fiscal_year",)
        if value is None:
            self.report((), "the file has no `fiscal_year`", hint="add e.g. fiscal_year = 2021")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, "fiscal_year must be a year", expected="an integer such as 2021", found=_shown(value))
            return None
        try:
            parameters_for(value)
        except RuleYearError as error:
            self.report(path, f"fiscal year {value} is not covered by the rules", hint=str(error))
            return None
        return value

    def chapters(self, value: Any) -> dict[int, str]:
        if not isinstance(value, dict):
            self.report(("chapter",), "`chapter` must be a table of chapter names",
                        hint='write e.g. [chapter] then 540 = "Digitaliseringsdirektoratet"', found=_shown(value))
            return {}
        names = {}
        for number, name in value.items():
            path = ("chapter", number)
            if not number.isdigit() or not 1 <= int(number) <= 5999:
                self.report(path, f"`{number}` is not a chapter number", key=True, expected="a number 1–5999")
                continue
            names[int(number)] = self.text(path, name)
        return names

    def lines(self, side_name: str, data: dict[str, Any], side: Side) -> list[Any]:
        section = data.get(side_name, {})
        if not isinstance(section, dict):
            self.report((side_name,), f"`{side_name}` must hold one table per account",
                        hint=f'write [{side_name}."540.01"] tables')
            return []
        first_spelling: dict[Account, str] = {}
        lines = []
        for key, entry in section.items():
            path: KeyPath = (side_name, key)
            account = self.account(path, key, side, key=True)
            if account is None:
                continue
            if account in first_spelling:
                self.report(path, f"account {account} is given twice, as \"{first_spelling[account]}\" and \"{key}\"",
                            key=True, hint=f"merge the two tables into one [{side_name}.\"{account}\"]")
                continue
            first_spelling[account] = key
            allowed = _EXPENSE if side is Side.EXPENSE else _INCOME
            table = self.table(path, entry, allowed, f'[{side_name}."{key}"]')
            if table is None:
                continue
            if side is Side.EXPENSE:
                line = self.expense_line(path, account, table)
            else:
                line = self.income_line(path, account, table)
            if line is not None:
                lines.append(line)
        return lines

    def expense_line(self, path: KeyPath, account: Account, table: dict[str, Any]) -> ExpenseLine | None:
        keywords = self.keywords((*path, "keywords"), table.get("keywords", []), account.chapter)
        values = {name: self.money((*path, name), table.get(name))
                  for name in ("carried_over", "allocated", "previous_allocated", "accounted")}
        with self.invariant(path):
            return ExpenseLine(
                account, self.text((*path, "text"), table.get("text")), keywords,
                values["carried_over"], values["allocated"], values["previous_allocated"],
                values["accounted"] or Money(0), source=self.doc.location(path, key=True),
            )
        return None

    def income_line(self, path: KeyPath, account: Account, table: dict[str, Any]) -> IncomeLine | None:
        with self.invariant(path):
            return IncomeLine(
                account, self.text((*path, "text"), table.get("text")),
                self.money((*path, "allocated"), table.get("allocated")),
                self.money((*path, "accounted"), table.get("accounted")) or Money(0),
                source=self.doc.location(path, key=True),
            )
        return None

    def keywords(self, path: KeyPath, value: Any, chapter: int) -> Keywords:
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list):
            self.report(path, "keywords must be a list of stikkord", found=_shown(value),
                        hint='write e.g. keywords = ["kan overføres"]')
            return Keywords()
        parsed = []
        for index, text in enumerate(texts):
            try:
                parsed.append(parse_keywords(text, chapter=chapter))
            except KeywordError as error:
                self.report((*path, index), str(error), found=_shown(text))
        return Keywords(
            any(k.transferable for k in parsed), any(k.estimate for k in parsed),
            tuple(dict.fromkeys(a for k in parsed for a in k.usable_under)),
        )

    # -- authorisations and adjustments ---------------------------------------------------
    def revenue_authorisation(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> RevenueAuthorisation | None:
        table = self.table(path, entry, ("income", "expense", "allocation"), "[[revenue_authorisation]]")
        if table is None:
            return None
        income = self.accounts((*path, "income"), self.required(table, path, "income", "[[revenue_authorisation]]") or [], Side.INCOME)
        expense = self.accounts((*path, "expense"), self.required(table, path, "expense", "[[revenue_authorisation]]") or [], Side.EXPENSE)
        for i, account in enumerate(income):
            if account not in ctx.income:
                self.report((*path, "income", i), f"income account {account} is not in the file",
                            hint=f'add [income."{account}"] with its allocated and accounted amounts')
        for i, account in enumerate(expense):
            if not ctx.is_own_expense(account):
                self.report((*path, "expense", i), f"expense account {account} is not one of the agency's own posts",
                            hint=f'add [expense."{account}"] with its allocated amount')
        split: dict[Account, Money] = {}
        allocation = table.get("allocation")
        if allocation is not None:
            if not isinstance(allocation, dict):
                self.report((*path, "allocation"), "allocation must be a table of account = amount",
                            hint='write e.g. allocation = { "540.01" = 1107476, "540.21" = 6558750 }')
            else:
                for key, amount in allocation.items():
                    account = self.account((*path, "allocation", key), key, Side.EXPENSE, key=True)
                    value = self.money((*path, "allocation", key), amount)
                    if account is not None and account not in expense:
                        self.report((*path, "allocation", key), f"{account} is not among this authorisation's expense posts",
                                    key=True, hint="add it to `expense` or remove it from `allocation`")
                    elif account is not None and value is not None:
                        split[account] = value
        if len(expense) > 1 and allocation is None:
            self.report(path, "the merinntekt backs several expense posts but `allocation` is missing",
                        hint="add allocation = { … } saying how much of the mer-/mindreinntekt goes to each post")
        elif len(expense) > 1 and set(split) == set(expense) and all(a in ctx.income for a in income):
            self.check_split(path, split, income, ctx)
        with self.invariant(path):
            return RevenueAuthorisation(income, expense, tuple(split.items()), source=self.doc.location(path))
        return None

    def check_split(self, path: KeyPath, split: dict[Account, Money], income: list[Account], ctx: _Context) -> None:
        """The split must add up to the mer-/mindreinntekt; when every figure is whole kroner
        (transcribed from a printed report) a difference within the rounding bound
        ⌊(n+1)/2⌋ kr of n printed terms is a warning, not an error (DESIGN.md)."""
        target = Money.total(ctx.income[a].revenue_difference for a in income)
        total = Money.total(split.values())
        off = total - target
        if not off:
            return
        figures = [*split.values(), *(ctx.income[a].accounted for a in income)]
        bound = Money.kroner((len(figures) + 1) // 2)
        if all(f.is_whole_kroner for f in figures) and abs(off) <= bound:
            self.warn((*path, "allocation"), f"the split adds up to {total}, the mer-/mindreinntekt is {target}: "
                      f"off by {off} kr, within the rounding of whole-kroner figures",
                      hint="fine when the figures were transcribed from a printed report")
            return
        self.report((*path, "allocation"), f"the split adds up to {total} but the mer-/mindreinntekt of "
                    f"{', '.join(map(str, income))} is {target}: off by {off} kr",
                    hint="change the amounts so that they add up to the mer-/mindreinntekt")

    def chargeback(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> Chargeback | None:
        what = "[[chargeback]]"
        table = self.table(path, entry, ("direction", "account", "counterparty", "limit", "used"), what)
        if table is None:
            return None
        direction = self.required(table, path, "direction", what)
        if direction is not None and direction not in ("given", "received"):
            self.report((*path, "direction"), "direction must be \"given\" or \"received\"",
                        found=_shown(direction), hint='"given" = avgitt belastningsfullmakt, "received" = mottatt')
            direction = None
        account = self.account((*path, "account"), self.required(table, path, "account", what))
        used = self.money((*path, "used"), self.required(table, path, "used", what), non_negative=True)
        limit = self.money((*path, "limit"), table.get("limit"), non_negative=True)
        if account is not None and direction == "given" and not (
            ctx.is_own_expense(account) or account in ctx.income
        ):
            self.report((*path, "account"), f"{account} is not one of the agency's own accounts",
                        hint="a given chargeback is on one of the agency's own posts; add the post or check the account")
        if account is not None and direction == "received" and account not in ctx.expense and account not in ctx.income:
            self.report((*path, "account"), f"{account} has no line in the file",
                        hint=f'add [expense."{account}"] with the accounted amount spent under the chargeback')
        if used is not None and limit is not None and used > limit:
            self.warn((*path, "used"), f"used ({used}) is above the limit ({limit}) of the chargeback",
                      hint="check the figures, or report the overrun")
        if None in (direction, account, used):
            return None
        with self.invariant(path):
            return Chargeback(direction, account, used, limit, self.text((*path, "counterparty"), table.get("counterparty")),
                              source=self.doc.location(path))
        return None

    def reallocation(self, path: KeyPath, entry: dict[str, Any], ctx: _Context) -> Reallocation | None:
        what = "[[reallocation]]"
        kind = entry.get("kind") if isinstance(entry, dict) else None
        allowed = {"to_investment": ("kind", "from", "to", "amount"), "advance": ("kind", "account", "amount")}
        if kind not in allowed:
            self.report((*path, "kind") if kind is not None else path, "kind must be \"to_investment\" or \"advance\"",
                        found=_shown(kind), key=kind is None,
                        hint='"to_investment" = omdisponering 01→45, "advance" = forskuttering on 01/21')
            return None
        table = self.table(path, entry, allowed[kind], what)
        if table is None:
            return None
        amount = self.money((*path, "amount"), self.required(table, path, "amount", what), non_negative=True)
        params = ctx.parameters
        if params is None:
            return None
        if kind == "to_investment":
            origin = self.account((*path, "from"), self.required(table, path, "from", what), Side.EXPENSE)
            target = self.account((*path, "to"), self.required(table, path, "to", what), Side.EXPENSE)
            if origin and target:
                if origin.chapter != target.chapter:
                    self.report((*path, "to"), f"an omdisponering stays within one chapter: {origin} → {target}",
                                hint=f"omdisponering goes from post {params.reallocation_from_post:02d} to post "
                                     f"{params.reallocation_to_post} of the same chapter (kgl.res. 13.01.2017)")
                if (origin.post, target.post) != (params.reallocation_from_post, params.reallocation_to_post):
                    self.report(path, f"an omdisponering goes from post {params.reallocation_from_post:02d} to post "
                                      f"{params.reallocation_to_post}, not {origin} → {target}",
                                hint="other moves between posts need a decision by the Storting")
                for key, account in (("from", origin), ("to", target)):
                    if not ctx.is_own_expense(account):
                        self.report((*path, key), f"{account} is not one of the agency's own posts",
                                    hint=f'add [expense."{account}"] or check the account')
                self.within_share(path, origin, amount, ctx, "omdisponering")
        else:
            origin = None
            target = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
            if target:
                if target.post not in params.advance_posts:
                    self.report((*path, "account"), f"a forskuttering is made on post 01 or 21, not {target}",
                                hint="kgl.res. 13.01.2017: overskride post 01 og 21 mot innsparing")
                elif not ctx.is_own_expense(target):
                    self.report((*path, "account"), f"{target} is not one of the agency's own posts",
                                hint=f'add [expense."{target}"] or check the account')
                self.within_share(path, target, amount, ctx, "forskuttering")
        if target is None or amount is None or (kind == "to_investment" and origin is None):
            return None
        with self.invariant(path):
            return Reallocation(kind, target, amount, origin, source=self.doc.location(path))
        return None

    def within_share(self, path: KeyPath, account: Account, amount: Money | None, ctx: _Context, what: str) -> None:
        line = ctx.expense.get(account)
        if amount is None or line is None or line.allocated is None or ctx.parameters is None:
            return
        share = ctx.parameters.reallocation_share
        limit = line.allocated.times(share)
        if amount > limit:
            self.report((*path, "amount"), f"the {what} of {amount} is above {share.numerator * 100 // share.denominator} % "
                        f"of årets tildeling on {account} ({limit})",
                        hint="reduce the amount; a larger move needs a decision by the Storting (kgl.res. 13.01.2017)")

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

    def commitment(self, path: KeyPath, entry: dict[str, Any]) -> CommitmentAuthorisation | None:
        what = "[[commitment]]"
        table = self.table(path, entry, ("kind", "account", "limit", "commitments"), what)
        if table is None:
            return None
        kind = self.required(table, path, "kind", what)
        if kind is not None and kind not in ("grant", "order"):
            self.report((*path, "kind"), 'kind must be "grant" (tilsagnsfullmakt) or "order" (bestillingsfullmakt)',
                        found=_shown(kind))
            kind = None
        account = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
        limit = self.money((*path, "limit"), self.required(table, path, "limit", what), non_negative=True)
        commitments = self.money((*path, "commitments"), self.required(table, path, "commitments", what), non_negative=True)
        if limit is not None and commitments is not None and commitments > limit:
            self.warn((*path, "commitments"), f"commitments ({commitments}) exceed the ramme ({limit})",
                      hint="bevilgningsreglementet § 6: new and old commitments may not exceed the ramme")
        if None in (kind, account, limit, commitments):
            return None
        with self.invariant(path):
            return CommitmentAuthorisation(kind, account, limit, commitments, source=self.doc.location(path))
        return None

    def capital_account(self, path: KeyPath, entry: dict[str, Any]) -> CapitalAccount | None:
        table = self.table(path, entry, ("number", "text", "amount"), "[[capital_account]]")
        if table is None:
            return None
        number = self.account_number((*path, "number"), self.required(table, path, "number", "[[capital_account]]"))
        amount = self.money((*path, "amount"), self.required(table, path, "amount", "[[capital_account]]"))
        if number is None or amount is None:
            return None
        return CapitalAccount(number, self.text((*path, "text"), table.get("text")), amount, source=self.doc.location(path))

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
        if number is None or closing is None or opening is None:
            return None
        text = self.text((*path, "text"), table.get("text"), "Mellomværende med statskassen")
        return TreasuryBalance(number, text, closing, opening, source=self.doc.location(path))

    def account_number(self, path: KeyPath, value: Any) -> str | None:
        if value is None:
            return None
        if not (isinstance(value, str) and value.isdigit()):
            self.report(path, "a ledger account number is written as a string of digits",
                        found=_shown(value), hint='write e.g. number = "60090701"')
            return None
        return value


class _Context:
    """What cross-references are checked against: the file's lines and the year's rules."""

    parameters: YearParameters | None

    def __init__(self, fiscal_year: int | None, expense: dict[Account, ExpenseLine], income: dict[Account, IncomeLine]) -> None:
        # None when the year is unusable (already reported): rule checks are then skipped.
        self.parameters = parameters_for(fiscal_year) if fiscal_year is not None else None
        self.expense = expense
        self.income = income

    def is_own_expense(self, account: Account) -> bool:
        line = self.expense.get(account)
        return line is not None and line.is_own


def _dotted(path: KeyPath) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts[-1] += f"[{part}]" if parts else f"[{part}]"
        elif part.replace("_", "").isalnum() and part.isascii():
            parts.append(part)
        else:
            parts.append(f'"{part}"')
    return ".".join(parts)


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Decimal | int | float):
        return f"{value!r} ({type(value).__name__})"
    return f"{value!r} ({type(value).__name__})"
