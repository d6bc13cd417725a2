"""Build an agency-year from DFØ's open data, the budget tables and the agency's facts.

For agency A (organisasjonsnummer) and year Y (OPEN-DATA.md § 1.2–1.3, issue 9):

* *Regnskap* of each line: A's bookings in the state accounts, income with the sign turned
  (the ledger writes credit negative);
* *Overført fra i fjor*: the appropriations ledger's rows «Overført fra Y−1»; *Årets
  tildelinger*: its other rows of Y except «Overføres til Y+1» — on A's own chapters only;
  «Overføres til Y+1» is kept as :attr:`ImportResult.carried_forward`;
* *given* belastningsfullmakter: other agencies' bookings on A's own chapters, one per
  counterparty (or as the facts group them); *received* ones: A's bookings on chapters that
  are not A's own (and not felleskapitler), the chapter's ministry as counterparty;
* post texts and stikkord: the facts, else the budget table (stikkord, of own posts) and the ledger (texts);
* everything else (authorisations, limits, reallocations, capital accounts, …): the facts.

A's own chapters are the facts' ``[chapter]`` table; without it, the chapters on which A
books more than any other agency (said in a finding, to be checked). Where the facts state a
figure the open data also give, they must agree: otherwise an error finding with both sources,
and the open data's figure is used.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import Final

from attrs import evolve, field, frozen

from ..account import COMMON_CHAPTERS, Account
from ..errors import InputError, Location, Problem, Severity, UsageError
from ..findings import CellRef, Finding, Message, Rule
from ..keywords import Keywords
from ..model import AgencyYear, Chargeback, Direction, ExpenseLine, IncomeLine, Precision
from ..money import Money
from ..reprs import field_repr
from ..rules.sources import Evidence
from ..validation import validate
from .budget import budget_by_post
from .facts import Facts, KeyPath
from .ledger import LedgerSummary, Total, organisation_number_problem
from .records import AppropriationRow, BudgetPost, DecisionKind

__all__ = ["IMPORT_RULES", "ArtskontoAmount", "ImportResult", "build_agency_year"]

FACTS_AGREE: Final = Rule(
    "import.facts-agree",
    Message("Et tall i faktafilen stemmer med de åpne dataene", "A figure of the facts file agrees with the open data"),
    Severity.ERROR, ("DFO-OPEN",), Evidence.INFERRED)  # the state accounts are what the statements report
COUNTERPARTY: Final = Rule(
    "import.chargeback-counterparty",
    Message("Hver virksomhet som fører på egne kapitler, hører til én avgitt belastningsfullmakt",
            "Each agency booking on the agency's chapters belongs to one given chargeback"),
    Severity.ERROR, ("DFO-OPEN",), Evidence.INFERRED)
NEGATIVE_BOOKINGS: Final = Rule(
    "import.negative-bookings",
    Message("Det som er ført under en belastningsfullmakt, er ikke negativt",
            "What was booked under a chargeback is not negative"),
    Severity.WARNING, ("DFO-OPEN",), Evidence.INFERRED)
OWN_CHAPTERS: Final = Rule(
    "import.own-chapters",
    Message("Virksomhetens egne kapitler", "The agency's own chapters"),
    Severity.INFO, ("DFO-OPEN",), Evidence.INFERRED)
NO_LEDGER: Final = Rule(
    "import.no-ledger",
    Message("Uten statsregnskapet kommer regnskapet fra faktafilen", "Without the state accounts, the regnskap "
            "comes from the facts file"), Severity.WARNING, ("DFO-OPEN",), Evidence.INFERRED)
TRANSFER_ROWS: Final = Rule(
    "import.transfer-rows",
    Message("Overføringsrader gjelder fjoråret og neste år", "Transfer rows are from last year and to next year"),
    Severity.WARNING, ("DFO-OPEN",), Evidence.INFERRED)  # another year's transfer is counted as a decision
IMPORT_RULES: Final = (FACTS_AGREE, COUNTERPARTY, NEGATIVE_BOOKINGS, OWN_CHAPTERS, NO_LEDGER, TRANSFER_ROWS)


@frozen
class ArtskontoAmount:
    """The agency's bookings on one account and artskonto in the year (for the artskontorapportering)."""

    __repr__ = field_repr

    account: Account
    artskonto: str  # Artskonto_id: 3 digits (19xx: 4)
    name: str
    amount: Money  # as booked: debit positive, credit negative
    rows: int


@frozen
class ImportResult:
    """The agency-year built from the sources, and how.

    ``notes`` say where each imported figure came from, by key path of format v1
    (``("expense", "540.01", "accounted")``); the writer prints them as comments.
    ``carried_forward`` is «Overføres til Y+1» per post: what the ministry let carry over.
    """

    __repr__ = field_repr

    year: AgencyYear
    findings: tuple[Finding, ...] = ()
    notes: Mapping[KeyPath, str] = field(factory=dict)
    carried_forward: Mapping[Account, Money] = field(factory=dict)
    artskonto: tuple[ArtskontoAmount, ...] = ()
    sources: tuple[str, ...] = ()  # one line per file read (the importer's), for the written file's header

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


def _signed(amount: Money, account: Account) -> Money:
    """An amount of DFØ's files with the statements' sign: income (chapters ≥ 3000) is credit there,
    negative; the statements show it positive."""
    return -amount if account.chapter >= 3000 else amount


def _name(file: str) -> str:
    """A file as the notes name it: its name without the folders (the file's header has the path)."""
    return PurePath(file).name


def _lines(year: AgencyYear) -> list[ExpenseLine | IncomeLine]:
    return [*year.expense, *year.income]


def _kroner(amount: Money) -> str:
    return amount.format(decimals=not amount.is_whole_kroner)


def _side(account: Account) -> str:
    return "income" if account.chapter >= 3000 else "expense"


class _Appropriations:
    """The appropriations ledger's rows of year Y, by post and kind."""

    def __init__(self, rows: Iterable[AppropriationRow], year: int) -> None:
        self.carried: dict[Account, list[AppropriationRow]] = defaultdict(list)
        self.decisions: dict[Account, list[AppropriationRow]] = defaultdict(list)
        self.forward: dict[Account, list[AppropriationRow]] = defaultdict(list)
        # «Overført fra»/«Overføres til» rows of other years: counted as årets tildelinger (the
        # rule), and said
        self.other_transfers: dict[Account, list[AppropriationRow]] = defaultdict(list)
        self.names: dict[int, str] = {}
        self.post_names: dict[Account, str] = {}
        self.file = ""
        for row in rows:
            if row.year != year:
                continue
            self.file = self.file or _name(row.source.file or "" if row.source else "")
            self.names.setdefault(row.account.chapter, row.chapter_name)
            self.post_names.setdefault(row.account, row.post_name)
            if row.kind is DecisionKind.CARRIED_IN and row.other_year == year - 1:
                self.carried[row.account].append(row)
            elif row.kind is DecisionKind.CARRIED_OUT and row.other_year == year + 1:
                self.forward[row.account].append(row)
            else:
                self.decisions[row.account].append(row)
                if row.kind is not DecisionKind.DECISION:
                    self.other_transfers[row.account].append(row)

    def accounts(self) -> set[Account]:
        return set(self.carried) | set(self.decisions)

    @staticmethod
    def total(rows: list[AppropriationRow], account: Account) -> Money:
        return _signed(Money.total(r.amount for r in rows), account)

    def note(self, rows: list[AppropriationRow], account: Account) -> str:
        lines = [f"{self.file}: {len(rows)} row{'s' if len(rows) != 1 else ''}"]
        lines += [f"  {row.description}: {_kroner(_signed(row.amount, account))}" for row in rows[:6]]
        if len(rows) > 6:
            lines.append(f"  … and {len(rows) - 6} more")
        return "\n".join(lines)


def build_agency_year(
    agency: str,
    year: int,
    *,
    ledger: LedgerSummary | None = None,
    appropriations: Iterable[AppropriationRow] | None = None,
    budget: Iterable[BudgetPost] | None = None,
    facts: Facts | None = None,
) -> ImportResult:
    """The agency-year of ``agency`` (organisasjonsnummer) in ``year``, built from the sources given.

    At least one of ``ledger`` (the state accounts, summed) and ``appropriations`` is needed.
    Raises :class:`~statsbudsjett.errors.InputError` when the sources cannot make an
    agency-year (no rows for the agency; no way to tell its own chapters); disagreements and
    guesses are findings of the result.
    """
    return _Builder(agency, year, ledger, appropriations, budget, facts).build()


class _Builder:
    def __init__(self, agency: str, year: int, ledger: LedgerSummary | None,
                 appropriations: Iterable[AppropriationRow] | None, budget: Iterable[BudgetPost] | None,
                 facts: Facts | None) -> None:
        if ledger is None and appropriations is None:
            raise UsageError("an import needs the state accounts (ledger=), the appropriations ledger "
                             "(appropriations=), or both")
        self.agency, self.fiscal_year, self.ledger, self.facts = agency, year, ledger, facts
        self.appropriations = _Appropriations(appropriations, year) if appropriations is not None else None
        posts = list(budget) if budget is not None else []
        self.budget = budget_by_post(posts)
        self.budget_file = _name(next((p.source.file for p in posts if p.source and p.source.file), ""))
        self.findings: list[Finding] = []
        self.notes: dict[KeyPath, str] = {}
        self._chargeback_notes: list[tuple[Chargeback, str]] = []  # placed once the chargebacks are numbered
        self.mine: dict[Account, Total] = ledger.agency_accounts(agency) if ledger is not None else {}
        if ledger is not None and not self.mine:
            raise InputError([Problem(
                f"the state accounts have no rows of agency {agency} in {year}", Location(ledger.file),
                hint="check the organisasjonsnummer and the year; statsbudsjett import --ledger FILE --year "
                     f"{year} --list-agencies lists the agencies in the file")])
        self.agency_name = ledger.agencies[agency] if ledger is not None else ""
        self.facts_year = facts.year if facts is not None else None

    # -- the parts ---------------------------------------------------------------------
    def own_chapters(self) -> set[int]:
        facts = self.facts
        if facts is not None and facts.gives("chapter"):
            return {chapter for chapter, _ in facts.year.chapter_names if chapter not in COMMON_CHAPTERS}
        if self.ledger is None:
            raise InputError([Problem(
                "without the state accounts, the agency's own chapters must be named in the facts file",
                Location(facts.file if facts else None),
                hint='add e.g. [chapter] 540 = "Digitaliseringsdirektoratet" to the facts file (--facts)')])
        weight: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for (account, booker), total in self.ledger.bookings.items():
            weight[account.chapter][booker] += abs(total.amount.ore)
        own = {chapter for chapter, by_agency in weight.items()
               if chapter not in COMMON_CHAPTERS and any(a.chapter == chapter for a in self.mine)
               and max(by_agency, key=lambda booker: (by_agency[booker], booker == self.agency)) == self.agency}
        if self.facts_year is not None:
            own |= {line.account.chapter for line in _lines(self.facts_year)
                    if line.is_own and line.account.chapter not in COMMON_CHAPTERS}
        listed = ", ".join(str(c) for c in sorted(own)) or "none"
        self.findings.append(OWN_CHAPTERS.note(CellRef("import", "chapter", "own"), None, Message(
            f"egne kapitler: {listed} (der virksomheten fører mest); skriv dem i [chapter] i faktafilen for å "
            "bestemme selv",
            f"own chapters: {listed} (where the agency books most); list them in [chapter] of the facts file to "
            "decide yourself"), location=Location(self.ledger.file)))  # guessed from this file's bookings
        return own

    def build(self) -> ImportResult:
        own = self.own_chapters()
        facts_lines = self._facts_lines()
        received = {cb.account for cb in self._facts_chargebacks(Direction.RECEIVED)}
        accounts = set(self.mine) | set(facts_lines)
        if self.appropriations is not None:
            accounts |= {a for a in self.appropriations.accounts() if a.chapter in own}
        if self.ledger is not None:
            accounts |= {a for (a, _), _t in self.ledger.bookings.items() if a.chapter in own}
        if self.ledger is None:
            self.findings.append(NO_LEDGER.note(CellRef("import", "ledger", "accounted"), None, Message(
                "statsregnskapet er ikke gitt: regnskapet er det faktafilen oppgir, ellers 0",
                "no state accounts given: the regnskap is what the facts file states, else 0"),
                location=Location(self.facts.file if self.facts else "--ledger")))
        made: dict[Account, ExpenseLine | IncomeLine] = {}
        for account in sorted(accounts):
            line = self._line(account, account.chapter in own and account not in received, facts_lines.get(account))
            if line is not None:
                made[account] = line
        chargebacks = [*self._given(own), *self._received(own)]
        for chargeback in chargebacks:  # a chargeback names a line of the year
            if chargeback.account not in made:
                made[chargeback.account] = self._line(chargeback.account, False, None, force=True)  # type: ignore[assignment]
        lines = sorted(made.values(), key=lambda line: line.account)
        expense = [line for line in lines if isinstance(line, ExpenseLine)]
        income = [line for line in lines if isinstance(line, IncomeLine)]
        placed = {id(cb): note for cb, note in self._chargeback_notes}
        for index, chargeback in enumerate(chargebacks):
            if id(chargeback) in placed:
                self.notes[("chargeback", index, "used")] = placed[id(chargeback)]
        chapters = self._chapter_names({account.chapter for account in made})
        base = self.facts_year
        year = AgencyYear(
            agency=base.agency if base is not None and base.agency and self.facts and self.facts.gives("agency")
            else self.agency_name or self.agency,
            fiscal_year=self.fiscal_year, expense=expense, income=income, chapter_names=chapters,
            revenue_authorisations=base.revenue_authorisations if base else (), chargebacks=chargebacks,
            reallocations=base.reallocations if base else (), savings=base.savings if base else (),
            commitments=base.commitments if base else (), capital_accounts=base.capital_accounts if base else (),
            treasury_balance=base.treasury_balance if base else None,
            ministry=base.ministry if base is not None and base.ministry else self._ministry(),
            precision=Precision.EXACT, rules=base.rules if base else None)
        self.findings += validate(year)  # the rules of the regulations, as for any agency-year
        forward = {}
        if self.appropriations is not None:
            forward = {account: _Appropriations.total(rows, account)
                       for account, rows in sorted(self.appropriations.forward.items()) if account in made}
            for account, amount in forward.items():
                self.notes[(_side(account), str(account))] = (
                    f"Overføres til {self.fiscal_year + 1}: {_kroner(amount)} ({self.appropriations.file})")
        return ImportResult(year, tuple(self.findings), self.notes, forward, self._artskonto())

    # -- lines -------------------------------------------------------------------------
    def _facts_lines(self) -> dict[Account, ExpenseLine | IncomeLine]:
        if self.facts_year is None:
            return {}
        lines: dict[Account, ExpenseLine | IncomeLine] = {}
        for line in _lines(self.facts_year):
            if line.account.is_underpost:
                raise InputError([Problem(
                    f"{line.account} is an underpost: the open data give posts, so the facts state the post",
                    line.source or Location(self.facts.file if self.facts else None),
                    hint=f"write [{_side(line.account)}.\"{line.account.post_account}\"]")])
            lines[line.account] = line
        return lines

    def _line(self, account: Account, is_own: bool, fact: ExpenseLine | IncomeLine | None, *,
              force: bool = False) -> ExpenseLine | IncomeLine | None:
        side, key = _side(account), str(account)
        path: KeyPath = (side, key)
        booked = self.mine.get(account)
        accounted = Money(0)
        if booked is not None:
            accounted = _signed(booked.amount, account)
            self.notes[(*path, "accounted")] = f"regnskap: {booked.describe(self._ledger_file)} of {self.agency_name}"
        if fact is not None and self.facts is not None and self.facts.gives(*path, "accounted"):
            if self.ledger is None:
                accounted = fact.accounted
            else:
                self._agree((*path, "accounted"), fact.accounted, accounted,
                            booked.describe(self._ledger_file) if booked else f"{self._ledger_file}: no rows")
        carried = allocated = None
        apps = self.appropriations
        if is_own and apps is not None and (account in apps.carried or account in apps.decisions):
            if apps.carried.get(account):
                carried = _Appropriations.total(apps.carried[account], account)
                self.notes[(*path, "carried_over")] = "overført fra i fjor: " + apps.note(apps.carried[account],
                                                                                            account)
            elif account.chapter < 3000:
                carried = Money(0)
            allocated = _Appropriations.total(apps.decisions.get(account, []), account)
            for row in apps.other_transfers.get(account, []):
                self.findings.append(TRANSFER_ROWS.note(CellRef("import", key, "allocated"), row.amount, Message(
                    f"{account}: «{row.description}» i {self.fiscal_year} er regnet med i årets tildelinger",
                    f"{account}: «{row.description}» in {self.fiscal_year} is counted in this year's allocation"),
                    location=row.source))
            self.notes[(*path, "allocated")] = "årets tildelinger: " + apps.note(apps.decisions.get(account, []),
                                                                                  account)
        previous = None
        if fact is not None:
            fact_carried = getattr(fact, "carried_over", None)
            for name, mine, theirs in (("carried_over", carried, fact_carried), ("allocated", allocated,
                                                                                  fact.allocated)):
                if self.facts is None or not self.facts.gives(*path, name):
                    continue
                if mine is None:
                    if name == "carried_over":
                        carried = theirs
                    else:
                        allocated = theirs
                else:
                    self._agree((*path, name), theirs, mine, self._appropriations_source(account, name))
            previous = getattr(fact, "previous_allocated", None)
        if booked is None and carried is None and allocated is None and fact is None and not force:
            return None  # a post of an own chapter nobody booked on and nothing was appropriated to
        text = self._text(account, fact)
        if account.chapter >= 3000:
            return IncomeLine(account, text, allocated, accounted, in_note_a=isinstance(fact, IncomeLine)
                              and fact.in_note_a)
        keywords = self._keywords(account, fact, is_own)
        return ExpenseLine(account, text, keywords, carried, allocated, previous, accounted)

    def _text(self, account: Account, fact: ExpenseLine | IncomeLine | None) -> str:
        if fact is not None and fact.text:
            return fact.text
        if self.ledger is not None and self.ledger.post_names.get(account):
            return self.ledger.post_names[account]
        if self.appropriations is not None and self.appropriations.post_names.get(account):
            return self.appropriations.post_names[account]
        budget = self.budget.get(account)
        return budget.text if budget is not None else ""

    def _keywords(self, account: Account, fact: ExpenseLine | IncomeLine | None, is_own: bool) -> Keywords:
        path = (_side(account), str(account), "keywords")
        if isinstance(fact, ExpenseLine) and self.facts is not None and self.facts.gives(*path):
            return fact.keywords
        budget = self.budget.get(account)
        if budget is None or not is_own:  # stikkord decide Note B, which is about the agency's own posts
            return Keywords()
        if budget.stikkord:
            self.notes[path] = f"stikkord from {self.budget_file}: «{budget.stikkord}»"
        return budget.keywords

    # -- chargebacks -------------------------------------------------------------------
    def _facts_chargebacks(self, direction: Direction) -> list[Chargeback]:
        return [cb for cb in (self.facts_year.chargebacks if self.facts_year else ()) if cb.direction is direction]

    def _index(self, chargeback: Chargeback) -> int:
        assert self.facts_year is not None
        return next(i for i, cb in enumerate(self.facts_year.chargebacks) if cb is chargeback)

    def _given(self, own: set[int]) -> list[Chargeback]:
        """Other agencies' bookings on the agency's own chapters, as given chargebacks."""
        others: dict[Account, dict[str, Total]] = {}
        if self.ledger is not None:
            own_accounts = {a for (a, _), _t in self.ledger.bookings.items() if a.chapter in own}
            others = self.ledger.others_on(own_accounts, self.agency)
        stated = self._facts_chargebacks(Direction.GIVEN)
        result: list[Chargeback] = []
        for account in sorted(set(others) | {cb.account for cb in stated}):
            by_agency = {org: total for org, total in others.get(account, {}).items() if total.amount}
            facts_here = [cb for cb in stated if cb.account == account]
            named = {id(cb): [org for org in by_agency if self._names(cb, org)] for cb in facts_here}
            claimed = {org for orgs in named.values() for org in orgs}
            rest = [org for org in by_agency if org not in claimed]
            open_facts = [cb for cb in facts_here if not named[id(cb)] and not self._names_any(cb)]
            if rest and len(open_facts) == 1:
                named[id(open_facts[0])] = rest
                rest = []
            elif rest and len(open_facts) > 1:
                first = open_facts[0]
                self.findings.append(COUNTERPARTY.broken(CellRef("import", str(account), "counterparty"), Message(
                    f"{len(open_facts)} avgitte belastningsfullmakter på {account} i faktafilen, men det er ikke "
                    f"sagt hvilke virksomheter hver gjelder: {self._who(rest, by_agency)}",
                    f"{len(open_facts)} given chargebacks on {account} in the facts file, without saying which "
                    f"agencies each covers: {self._who(rest, by_agency)}"),
                    location=first.source, path=("chargeback", self._index(first), "counterparty"),
                    hint=Message("skriv organisasjonsnummeret i counterparty, f.eks. \"Skatteetaten (974761076)\"",
                                 'write the organisasjonsnummer in counterparty, e.g. "Skatteetaten (974761076)"')))
            for cb in facts_here:
                result += self._chargeback(cb, account, [(org, by_agency[org]) for org in named[id(cb)]])
            for org in rest:
                result += self._chargeback(None, account, [(org, by_agency[org])])
        return result

    def _names(self, chargeback: Chargeback, org: str) -> bool:
        """Whether a facts chargeback's counterparty names this agency (by org nr or by its name)."""
        text = chargeback.counterparty.casefold().strip()
        name = self.ledger.agencies.get(org, "").casefold().strip() if self.ledger else ""
        return org in text or (bool(name) and text == name)

    def _names_any(self, chargeback: Chargeback) -> bool:
        """Whether a facts chargeback's counterparty names an agency at all: an organisasjonsnummer in it,
        or the name of an agency of the state accounts (it then covers that agency's bookings only)."""
        if any(organisation_number_problem(number) is None
               for number in re.findall(r"(?<![0-9])[0-9]{9}(?![0-9])", chargeback.counterparty)):
            return True
        return self.ledger is not None and any(self._names(chargeback, org) for org in self.ledger.agencies)

    def _who(self, orgs: list[str], totals: Mapping[str, Total]) -> str:
        return ", ".join(f"{self._agency(org)} {_kroner(totals[org].amount)}" for org in orgs)

    def _agency(self, org: str) -> str:
        name = self.ledger.agencies.get(org, "") if self.ledger else ""
        return f"{name} ({org})" if name else org

    def _chargeback(self, stated: Chargeback | None, account: Account,
                    bookings: list[tuple[str, Total]]) -> list[Chargeback]:
        """One given chargeback: the bookings of the agencies it covers, checked against the facts."""
        used = _signed(Money.total(total.amount for _, total in bookings), account)
        index = self._index(stated) if stated is not None else None
        described = "; ".join(f"{self._agency(org)}: {total.describe(self._ledger_file)}" for org, total in bookings)
        if stated is not None and self.facts is not None and self.facts.gives("chargeback", index or 0, "used"):
            if self.ledger is None:
                used = stated.used
            else:
                self._agree(("chargeback", index or 0, "used"), stated.used, used,
                            described or f"{self._ledger_file}: no other agency booked on {account}")
        if used < Money(0):
            self.findings.append(NEGATIVE_BOOKINGS.broken(CellRef("import", str(account), "used"), Message(
                f"andre virksomheters føringer på {account} er til sammen {used}: ingen belastningsfullmakt tatt med",
                f"other agencies' bookings on {account} add up to {used}: no chargeback is taken in"),
                published=used, expected=Money(0), path=("chargeback", index) if index is not None else ()))
            if stated is None:
                return []
            used = Money(0)
        counterparty = stated.counterparty if stated is not None else (
            self._agency(bookings[0][0]) if len(bookings) == 1 else "")
        chargeback = Chargeback(Direction.GIVEN, account, used, stated.limit if stated else None, counterparty)
        if described:
            self._chargeback_note(chargeback, "other agencies' bookings: " + described)
        return [chargeback]

    def _received(self, own: set[int]) -> list[Chargeback]:
        """The agency's bookings on chapters that are not its own, as received chargebacks."""
        stated = self._facts_chargebacks(Direction.RECEIVED)
        result: list[Chargeback] = []
        foreign = {a for a in self.mine if a.chapter not in own and a.chapter not in COMMON_CHAPTERS}
        for account in sorted(foreign | {cb.account for cb in stated}):
            booked = self.mine.get(account)
            used = _signed(booked.amount, account) if booked is not None else Money(0)
            source = (f"{booked.describe(self._ledger_file)} of {self.agency_name}" if booked
                      else f"{self._ledger_file}: no rows")
            facts_here = [cb for cb in stated if cb.account == account]
            derived = not facts_here  # no facts chargeback: one is made from the bookings
            if derived:
                ministry = self.ledger.chapter_ministries.get(account.chapter, "") if self.ledger else ""
                facts_here = [Chargeback(Direction.RECEIVED, account, Money(0), None, ministry)]
            unstated = [cb for cb in facts_here if not self._states_used(cb)]
            if len(facts_here) > 1 and len(unstated) > 1:
                self.findings.append(COUNTERPARTY.broken(CellRef("import", str(account), "used"), Message(
                    f"{len(facts_here)} mottatte belastningsfullmakter på {account}: oppgi used for alle unntatt én",
                    f"{len(facts_here)} received chargebacks on {account}: state used for all but one"),
                    location=unstated[0].source, path=("chargeback", self._index(unstated[0]))))
            remainder = used - Money.total(cb.used for cb in facts_here if self._states_used(cb))
            # one chargeback on the post: its used is the ledger's (a stated one is checked below)
            single = self.ledger is not None and len(facts_here) == 1
            for cb in facts_here:
                if single:
                    amount = used
                elif self._states_used(cb):
                    amount = cb.used
                else:
                    amount, remainder = (remainder, Money(0)) if self.ledger is not None else (Money(0), Money(0))
                if amount < Money(0):
                    self.findings.append(NEGATIVE_BOOKINGS.broken(CellRef("import", str(account), "used"), Message(
                        f"virksomhetens føringer på {account} er til sammen {amount}: ingen belastningsfullmakt",
                        f"the agency's bookings on {account} add up to {amount}: no chargeback is taken in"),
                        published=amount, expected=Money(0)))
                    if derived:
                        continue
                    amount = Money(0)
                if derived and not amount:
                    continue  # bookings that net to zero: nothing was used under a chargeback
                chargeback = evolve(cb, used=amount)
                result.append(chargeback)
                if booked is not None:
                    self._chargeback_note(chargeback, "bookings on another agency's chapter: " + source)
            if self.ledger is not None and any(self._states_used(cb) for cb in facts_here) and not unstated:
                total = Money.total(cb.used for cb in facts_here)
                first = facts_here[0]
                self._agree(("chargeback", self._index(first), "used"), total, used, source, what=Message(
                    f"summen av de mottatte belastningsfullmaktene på {account}",
                    f"the sum of the received chargebacks on {account}"))
        return result

    def _states_used(self, chargeback: Chargeback) -> bool:
        if self.facts is None or self.facts_year is None or not any(cb is chargeback
                                                                    for cb in self.facts_year.chargebacks):
            return False
        return self.facts.gives("chargeback", self._index(chargeback), "used")

    def _chargeback_note(self, chargeback: Chargeback, note: str) -> None:
        self._chargeback_notes.append((chargeback, note))

    # -- agreement ---------------------------------------------------------------------
    def _agree(self, path: KeyPath, stated: Money | None, derived: Money | None, source: str, *,
               what: Message | None = None) -> None:
        if stated == derived or self.facts is None:
            return
        location = self.facts.where(*path)
        shown = ".".join(str(p) for p in path)
        name = Message(what.no if what else shown, what.en if what else shown)
        cell = CellRef("import", shown, str(path[-1]))
        if (stated is not None and derived is not None and stated.is_whole_kroner
                and stated.ore == derived.round_kroner() * 100):
            # a figure transcribed from the printed report: the same to the krone
            self.findings.append(FACTS_AGREE.compare(cell, stated, derived, Money(0), Message(
                f"{name.no} er {stated} i faktafilen og {derived} i de åpne dataene: det samme i hele kroner "
                f"({source}); importen bruker øret", f"{name.en} is {stated} in the facts file and {derived} in the "
                f"open data: the same in whole kroner ({source}); the import keeps the øre"),
                location=location, path=path))  # printed: a whole-kroner figure within its rounding (info)
            return
        self.findings.append(FACTS_AGREE.compare(
            cell, stated, derived, Money(0), Message(
                f"{name.no} er {stated} i faktafilen, men {derived} i de åpne dataene ({source})",
                f"{name.en} is {stated} in the facts file but {derived} in the open data ({source})"),
            location=location, path=path, printed=False, hint=Message(
                "rett faktafilen, eller fjern tallet der: de åpne dataene gir det",
                "correct the facts file, or leave the figure out there: the open data give it")))

    # -- names and sources -------------------------------------------------------------
    @property
    def _ledger_file(self) -> str:
        return _name(self.ledger.file) if self.ledger is not None else ""

    def _appropriations_source(self, account: Account, name: str) -> str:
        apps = self.appropriations
        assert apps is not None
        rows = apps.carried.get(account, []) if name == "carried_over" else apps.decisions.get(account, [])
        return f"{apps.file}: {len(rows)} row{'s' if len(rows) != 1 else ''}"

    def _chapter_names(self, chapters: set[int]) -> dict[int, str]:
        names: dict[int, str] = {}
        stated = dict(self.facts_year.chapter_names) if self.facts_year else {}
        budget = {post.account.chapter: post.chapter_name for post in self.budget.values() if post.chapter_name}
        ledger = self.ledger.chapter_names if self.ledger else {}
        apps = self.appropriations.names if self.appropriations else {}
        for chapter in sorted(chapters | set(stated)):
            # the facts, then DFØ's names (what the accounts print), then the budget table's
            name = stated.get(chapter) or ledger.get(chapter) or apps.get(chapter) or budget.get(chapter) or ""
            if name:
                names[chapter] = name
        return names

    def _ministry(self) -> str:
        return self.ledger.agency_ministries.get(self.agency, "") if self.ledger else ""

    def _artskonto(self) -> tuple[ArtskontoAmount, ...]:
        if self.ledger is None:
            return ()
        return tuple(ArtskontoAmount(account, artskonto, self.ledger.artskonto_names.get(artskonto, ""), total.amount,
                                     total.rows)
                     for (account, artskonto), total in sorted(self.ledger.artskonto.items()))
