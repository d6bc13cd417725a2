"""Read an agency-year from input format v1 (TOML) into the model, with located errors.

Two stages, as beancount parses and then validates: :class:`AgencyYearReader` turns the
text into a model and reports *format* problems (a float, a malformed account, an unknown
key), collected in one pass; then :func:`statsbudsjett.validation.validate` judges the
rules of the regulations on the model — the same pass that judges a year built in Python —
and its findings are located in the file. Errors of either stage are raised together as one
:class:`~statsbudsjett.errors.InputError`; warnings are returned beside the model by
:func:`read_agency_year`. The format: ``docs/input-format.md``; the messages:
``docs/errors.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from ..account import Account, Side
from ..choices import NegativeBasis, RuleChoices, UsableUnder
from ..errors import InputError, Problem, UsageError
from ..findings import Finding
from ..keywords import KeywordError, Keywords, parse_keywords
from ..model import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    CommitmentAuthorisation,
    ExpenseLine,
    IncomeLine,
    Precision,
    Reallocation,
    RevenueAuthorisation,
    Saving,
    TreasuryBalance,
)
from ..money import Money
from ..rules import PARAMETERS, RuleYearError, parameters_for
from ..validation import problem, validate
from .toml_document import KeyPath, TomlDocument, read_toml
from .toml_reader import TomlReader, file_order, shown

__all__ = ["FORMAT", "AgencyYearReader", "load_agency_year", "read_agency_year"]

FORMAT: Final = "statsbudsjett/1"

_TOP: Final = (
    "format", "agency", "fiscal_year", "ministry", "precision", "rules", "chapter", "expense", "income",
    "revenue_authorisation", "chargeback", "reallocation", "saving", "commitment",
    "capital_account", "treasury_balance",
)
_EXPENSE: Final = ("text", "keywords", "carried_over", "allocated", "previous_allocated", "accounted")
_INCOME: Final = ("text", "allocated", "accounted", "note_a")
_PRECISION: Final = {"exact": "the amounts of the accounts, øre kept (the default)",
                     "printed": "figures as a report prints them, each rounded to whole kroner"}
_RULE_CHOICES: Final = {
    "negative_basis": {"empty": "an overspend on a 5 %-post is not carried (the default, v1 decision 1)",
                       "carried": "an overspend on a 5 %-post is carried as a negative transfer"},
    "usable_under": {"per_post": "Note B per post (the default, v1 decision 5)",
                     "together": "an overspend is covered by the surplus of its «kan nyttes under» posts"},
}


def load_agency_year(source: str | Path | bytes, *, file: str | None = None) -> AgencyYear:
    """Load an agency-year from a v1 file (a path) or v1 TOML text.

    Raises :class:`~statsbudsjett.errors.InputError` listing every problem when the
    input cannot be used. Warnings are dropped; use :func:`read_agency_year` to see them.
    """
    return read_agency_year(source, file=file)[0]


def read_agency_year(
    source: str | Path | bytes, *, file: str | None = None
) -> tuple[AgencyYear, tuple[Problem, ...]]:
    """Load and validate an agency-year; return it with the warnings and notes found on the way.

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
    reader = AgencyYearReader(document)
    year = reader.agency_year()
    problems = list(reader.problems)
    if year is not None and not reader.errors:
        problems += [reader.located(finding) for finding in validate(year)]
    problems.sort(key=file_order)
    if year is None or any(p.is_error for p in problems):
        raise InputError(problems)
    return year, tuple(problems)


class AgencyYearReader(TomlReader):
    """Reads format v1 into an :class:`AgencyYear`, reporting format problems."""

    def __init__(self, document: TomlDocument) -> None:
        super().__init__(document)
        self.line_paths: dict[Account, KeyPath] = {}  # each line's key path as spelt in the file

    def located(self, finding: Finding) -> Problem:
        """A validation finding as a problem pointing at the value in this file."""
        path = finding.path
        if len(path) >= 2 and path[0] in ("expense", "income") and isinstance(path[1], str):
            spelt = self.line_paths.get(Account.parse(path[1]))
            if spelt is not None:
                path = (*spelt, *path[2:])
        located = problem(finding)
        if not path:
            return located
        return Problem(located.message, self.doc.location(path, key=len(path) <= 2), located.severity, located.expected,
                       located.found, located.hint, located.field)

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
            self.report(("format",), "unknown format version", expected=f'"{FORMAT}"', found=shown(version),
                        hint=f'this version of statsbudsjett reads "{FORMAT}"; write format = "{FORMAT}"')
            return None  # another version's keys mean other things: nothing more can be checked
        agency = self.text(("agency",), self.required(data, (), "agency", "the file"))
        if "agency" in data and isinstance(data["agency"], str) and not data["agency"].strip():
            self.report(("agency",), "the agency's name is empty",
                        hint='write it, e.g. agency = "Digitaliseringsdirektoratet"')
        fiscal_year = self.fiscal_year(data.get("fiscal_year"))
        ministry = self.text(("ministry",), data.get("ministry"))
        precision = self.word((), data, "precision", _PRECISION)
        choices = self.rule_choices(data.get("rules"))
        chapters = self.chapters(data.get("chapter", {}))
        expense = self.lines("expense", data, Side.EXPENSE)
        income = self.lines("income", data, Side.INCOME)
        authorisations = self.records("revenue_authorisation", data, self.revenue_authorisation)
        chargebacks = self.records("chargeback", data, self.chargeback)
        reallocations = self.records("reallocation", data, self.reallocation)
        savings = self.records("saving", data, self.saving)
        commitments = self.records("commitment", data, self.commitment)
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
                precision=precision or Precision.EXACT.value, rules=choices, source=self.doc.location(()),
            )
        return None

    def word(self, path: KeyPath, table: dict[str, Any], name: str, meanings: dict[str, str]) -> str | None:
        """An optional key whose value is one of a few words."""
        return self.choice(path, table, name, f"[{path[-1]}]" if path else "the file", meanings) \
            if name in table else None

    def rule_choices(self, value: Any) -> RuleChoices:
        """The ``[rules]`` table: the choices where RULES.md § 11 leaves a question open."""
        if value is None:
            return RuleChoices()
        path: KeyPath = ("rules",)
        table = self.table(path, value, tuple(_RULE_CHOICES), "[rules]")
        if table is None:
            return RuleChoices()
        chosen = {name: self.word(path, table, name, meanings) for name, meanings in _RULE_CHOICES.items()}
        return RuleChoices(
            negative_basis=NegativeBasis(chosen["negative_basis"]) if chosen["negative_basis"] else None,
            usable_under=UsableUnder(chosen["usable_under"]) if chosen["usable_under"] else None,
        )

    def fiscal_year(self, value: Any) -> int | None:
        path = ("fiscal_year",)
        covered = f"{PARAMETERS[0].first}–{PARAMETERS[-1].last}"
        if value is None:
            self.report((), "the file has no `fiscal_year`", expected=f"a year {covered}",
                        hint="add e.g. fiscal_year = 2021 at the top")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, "fiscal_year must be a year", expected="an integer such as 2021", found=shown(value),
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
                        hint='write e.g. [chapter] then 540 = "Digitaliseringsdirektoratet"', found=shown(value))
            return {}
        names: dict[int, str] = {}
        spelling: dict[int, str] = {}
        for number, name in value.items():
            path = ("chapter", number)
            if not (number.isascii() and number.isdigit() and 1 <= int(number) <= 5999):
                self.report(path, f"`{number}` is not a chapter number", key=True, expected="a number 1–5999",
                            found=shown(number))
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
            self.report((side_name,), f"`{side_name}` must hold one table per account", found=shown(section),
                        key=True, hint=f'write [{side_name}."540.01"] tables' if side is Side.EXPENSE
                        else f'write [{side_name}."3540.01"] tables')
            return []
        first_spelling: dict[Account, str] = {}
        lines = []
        for key, entry in section.items():
            path: KeyPath = (side_name, key)
            if _unquoted_account(key, entry):
                post = next(iter(entry))
                self.report(path, f"the account {key}.{post} must be written in quotes", key=True,
                            expected=f'[{side_name}."{key}.{post}"]', found=f"[{side_name}.{key}.{post}]",
                            hint=f'without quotes TOML reads {key}.{post} as two nested tables; '
                                 f'write [{side_name}."{key}.{post}"]')
                continue
            account = self.account(path, key, side, key=True)
            if account is None:
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
        in_note_a = table.get("note_a", False)
        if not isinstance(in_note_a, bool):
            self.report((*path, "note_a"), "`note_a` is true or false", found=shown(in_note_a),
                        hint="write note_a = true when Note A explains this income line's samlet tildeling")
            in_note_a = False
        with self.invariant(path):
            return IncomeLine(account, text, allocated, accounted or Money(0), in_note_a,
                              source=self.doc.location(path, key=True))
        return None

    def keywords(self, path: KeyPath, value: Any, chapter: int) -> Keywords:
        texts = [value] if isinstance(value, str) else value
        if not isinstance(texts, list):
            self.report(path, "keywords must be a list of stikkord", found=shown(value),
                        hint='write e.g. keywords = ["kan overføres"]')
            return Keywords()
        parsed = []
        for index, text in enumerate(texts):
            if not isinstance(text, str):
                self.report((*path, index), "a keyword (stikkord) is a text string", found=shown(text),
                            hint='write e.g. keywords = ["kan overføres"]')
                continue
            try:
                parsed.append(parse_keywords(text, chapter=chapter))
            except KeywordError as error:
                self.report((*path, index), str(error), found=shown(text))
        return Keywords(
            any(k.transferable for k in parsed), any(k.estimate for k in parsed),
            tuple(dict.fromkeys(a for k in parsed for a in k.usable_under)),
        )

    # -- authorisations and adjustments: read as written; whether they fit is for validation --------
    def revenue_authorisation(self, path: KeyPath, entry: dict[str, Any]) -> RevenueAuthorisation | None:
        what = "[[revenue_authorisation]]"
        table = self.table(path, entry, ("income", "expense", "allocation"), what)
        if table is None:
            return None
        income = self.accounts((*path, "income"), self.required(table, path, "income", what) or [], Side.INCOME)
        expense = self.accounts((*path, "expense"), self.required(table, path, "expense", what) or [], Side.EXPENSE)
        split = self.allocation(path, table.get("allocation"))
        if not income or not expense:
            return None
        with self.invariant(path):
            return RevenueAuthorisation(income, expense, tuple((split or {}).items()), source=self.doc.location(path))
        return None

    def allocation(self, path: KeyPath, value: Any) -> dict[Account, Money] | None:
        """The split of a merinntekt over the expense posts as written; None when absent or unusable.
        Whether it names the authorisation's posts and adds up is for validation."""
        if value is None:
            return None
        here = (*path, "allocation")
        if not isinstance(value, dict):
            self.report(here, "allocation must be a table of account = amount", found=shown(value),
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
            elif account is not None and money is not None:
                split[account] = money
                continue
            usable = False
        return split if usable else None

    def chargeback(self, path: KeyPath, entry: dict[str, Any]) -> Chargeback | None:
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
        if direction is None or account is None or used is None:
            return None
        with self.invariant(path):
            return Chargeback(direction, account, used, limit, counterparty, source=self.doc.location(path))
        return None

    def reallocation(self, path: KeyPath, entry: dict[str, Any]) -> Reallocation | None:
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
        origin: Account | None = None
        if kind == "to_investment":
            origin = self.account((*path, "from"), self.required(table, path, "from", what), Side.EXPENSE)
            target = self.account((*path, "to"), self.required(table, path, "to", what), Side.EXPENSE)
        else:
            target = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
        if target is None or amount is None or (kind == "to_investment" and origin is None):
            return None
        with self.invariant(path):
            return Reallocation(kind, target, amount, origin, source=self.doc.location(path))
        return None

    def saving(self, path: KeyPath, entry: dict[str, Any]) -> Saving | None:
        table = self.table(path, entry, ("account", "amount"), "[[saving]]")
        if table is None:
            return None
        account = self.account((*path, "account"), self.required(table, path, "account", "[[saving]]"), Side.EXPENSE)
        amount = self.money((*path, "amount"), self.required(table, path, "amount", "[[saving]]"), non_negative=True)
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
        kind = self.choice(path, table, "kind", what, {"grant": "tilsagnsfullmakt", "order": "bestillingsfullmakt"})
        account = self.account((*path, "account"), self.required(table, path, "account", what), Side.EXPENSE)
        limit = self.money((*path, "limit"), self.required(table, path, "limit", what), non_negative=True)
        commitments = self.money((*path, "commitments"), self.required(table, path, "commitments", what),
                                 non_negative=True)
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



def _unquoted_account(key: str, entry: Any) -> bool:
    """``[expense.540.01]`` (no quotes) reads as table "540" holding table "01"."""
    return (key.isascii() and key.isdigit() and isinstance(entry, dict) and len(entry) == 1
            and all(k.isascii() and k.isdigit() and len(k) <= 2 and isinstance(v, dict) for k, v in entry.items()))
