"""Continuity checks across fiscal years, as verify rules with findings.

Each rule has a stable id, a severity when broken and its sources; every check gives a
:class:`~statsbudsjett.findings.Finding` (``info`` when it holds), so that a reader sees
what was checked as well as what is wrong. Figures compared with a computed Note B figure
allow the rounding of two figures printed in whole kroner; inputs compared with inputs
must agree exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from ..errors import Location, Severity
from ..findings import CellRef, Finding, Message, Relation, Rule, Status
from ..money import Money
from ..tolerance import rounding_tolerance
from .ageing import AgeingYear
from .chain import ChainYear, PostChain
from .history import History
from .savings import SavingsPlan

__all__ = [
    "APPLIED_WITHIN_TRANSFERABLE",
    "CARRIED_EQUALS_DECIDED",
    "CARRIED_WITHIN_TRANSFERABLE",
    "CONTINUITY_RULES",
    "DECIDED_WITHIN_APPLIED",
    "NEGATIVE_TRANSFER",
    "PREVIOUS_ALLOCATION",
    "SAVINGS_SCHEDULE",
    "SAVINGS_WITHOUT_ADVANCE",
    "WINDOW",
    "continuity_findings",
]

ZERO = Money(0)
EXACT = rounding_tolerance(1)  # the same amount written twice
PRINTED = rounding_tolerance(2)  # an input against a computed figure, both printed in whole kroner

CARRIED_EQUALS_DECIDED: Final = Rule(
    "history.carried-equals-decided",
    Message("Overført fra i fjor (t+1) er lik vedtatt overføring fra år t",
            "Carried over (t+1) equals the transfer decided from year t"),
    Severity.ERROR, ["S11"])
CARRIED_WITHIN_TRANSFERABLE: Final = Rule(
    "history.carried-within-transferable",
    Message("Uten vedtak er overført fra i fjor (t+1) høyst mulig overførbart beløp i år t",
            "Without a decision, carried over (t+1) is at most the transferable amount of year t"),
    Severity.WARNING, ["S1", "S11"])
NEGATIVE_TRANSFER: Final = Rule(
    "history.negative-transfer",
    Message("En negativ overføring på en «kan overføres»-post reduserer år t+1",
            "A negative transfer on a «kan overføres» post reduces year t+1"),
    Severity.ERROR, ["S11", "DIGDIR-2021"])
PREVIOUS_ALLOCATION: Final = Rule(
    "history.previous-allocation",
    Message("Fjorårets tildeling i år t er årets tildelinger i år t−1",
            "Last year's allocation in year t is the allocation of year t−1"),
    Severity.ERROR, ["S11"])
WINDOW: Final = Rule(
    "history.window",
    Message("«Kan overføres»: bare tildelingene for år t og t−1 kan overføres til år t+1",
            "«Kan overføres»: only the allocations of years t and t−1 may be carried into t+1"),
    Severity.ERROR, ["S4", "S11"])
SAVINGS_SCHEDULE: Final = Rule(
    "history.savings-schedule",
    Message("Samlet innsparing følger planen for forskutteringen",
            "Cumulative savings keep the schedule of the advance"),
    Severity.ERROR, ["S8", "S5"])
SAVINGS_WITHOUT_ADVANCE: Final = Rule(
    "history.savings-without-advance",
    Message("Innsparing uten forskuttering å spare inn", "Savings with no advance to repay"),
    Severity.WARNING, ["S8"])
APPLIED_WITHIN_TRANSFERABLE: Final = Rule(
    "history.applied-within-transferable",
    Message("Søkt overført er høyst mulig overførbart beløp",
            "The amount applied for is at most the transferable amount"),
    Severity.WARNING, ["S1"])
DECIDED_WITHIN_APPLIED: Final = Rule(
    "history.decided-within-applied",
    Message("Vedtatt overført er høyst søkt overført (eller mulig overførbart beløp)",
            "The decided transfer is at most the amount applied for (or the transferable amount)"),
    Severity.WARNING, ["S11"])

CONTINUITY_RULES: Final = (
    CARRIED_EQUALS_DECIDED, CARRIED_WITHIN_TRANSFERABLE, NEGATIVE_TRANSFER, PREVIOUS_ALLOCATION, WINDOW,
    SAVINGS_SCHEDULE, SAVINGS_WITHOUT_ADVANCE, APPLIED_WITHIN_TRANSFERABLE, DECIDED_WITHIN_APPLIED,
)


def _bounded(rule: Rule, cell: CellRef, published: Money | None, bound: Money, tolerance: Money,
             message: Message, *, location: Location | None, relation: Relation,
             terms: Iterable[CellRef] = ()) -> Finding:
    """Compare a figure with a bound; a warning rule's broken bound is a figure to explain, not a
    wrong figure (as verify's warnings): a note of the rule's severity, the bound in the message."""
    finding = rule.compare(cell, published, bound, tolerance, message, location=location, relation=relation,
                           terms=terms)
    if finding.status is Status.ERROR and rule.severity is not Severity.ERROR:
        return rule.note(cell, published, message, location=location, terms=terms)
    return finding


def _printed(amount: Money) -> Money:
    """A computed figure as Note B prints it (whole kroner): what an application or decision is based on."""
    return Money.kroner(amount.round_kroner())


def _cell(statement: str, link: ChainYear, column: str, fiscal_year: int) -> CellRef:
    return CellRef(statement, str(link.account), f"{column} {fiscal_year}")


def continuity_findings(history: History, chains: Iterable[PostChain], ageing: Iterable[AgeingYear],
                        plan: SavingsPlan) -> tuple[Finding, ...]:
    """Every continuity check of the history, in rule order (within a rule: by post, then year)."""
    links = [link for chain in chains for link in chain.years]
    checks = _Checks(history)
    findings = [
        *(f for link in links for f in checks.transfer(link)),
        *checks.carried_into_new_posts(),
        *checks.previous_allocations(),
        *(f for year in ageing if (f := checks.window(year)) is not None),
        *checks.savings(plan),
    ]
    order = {rule.id: i for i, rule in enumerate(CONTINUITY_RULES)}
    return tuple(sorted(findings, key=lambda f: order[f.rule]))


class _Checks:
    def __init__(self, history: History) -> None:
        self.history = history

    def carried_location(self, link: ChainYear) -> Location | None:
        """Where next year's *overført fra i fjor* stands, else the decision."""
        following = self.history.line(link.fiscal_year + 1, link.account)
        if following is not None and following.source is not None:
            return following.source
        transfer = self.history.transfers.get(link.fiscal_year, link.account)
        return transfer.source if transfer else None

    def decision_location(self, link: ChainYear) -> Location | None:
        transfer = self.history.transfers.get(link.fiscal_year, link.account)
        return transfer.source if transfer else None

    def transfer(self, link: ChainYear) -> list[Finding]:
        """The transfer out of ``link``'s year: application, decision, next year's Note A."""
        t, t1 = link.fiscal_year, link.fiscal_year + 1
        account = link.account
        transferable = _printed(link.transferable) if link.transferable is not None else None
        transferable_cell = _cell("note_b", link, "transferable", t)
        findings = []
        if link.applied is not None:
            bound = max(transferable, ZERO) if transferable is not None else ZERO
            findings.append(_bounded(
                APPLIED_WITHIN_TRANSFERABLE, _cell("transfers", link, "applied", t), link.applied, bound, PRINTED,
                Message(f"{account}: søkt overført {link.applied} fra {t}, mulig overførbart {bound}",
                        f"{account}: applied to carry {link.applied} from {t}, transferable {bound}"),
                location=self.decision_location(link), relation=Relation.AT_MOST, terms=[transferable_cell]))
        if link.decided is not None:
            ceiling = link.applied if link.applied is not None else max(transferable or ZERO, ZERO)
            findings.append(_bounded(
                DECIDED_WITHIN_APPLIED, _cell("transfers", link, "decided", t), link.decided, ceiling, PRINTED,
                Message(f"{account}: vedtatt overført {link.decided} fra {t}, søkt/mulig {ceiling}",
                        f"{account}: decided {link.decided} from {t}, applied/transferable {ceiling}"),
                location=self.decision_location(link), relation=Relation.AT_MOST, terms=[transferable_cell]))
        carried_cell = CellRef("note_a", str(account), f"carried_over {t1}")
        if link.decided is not None and t1 in self.history:
            findings.append(CARRIED_EQUALS_DECIDED.compare(
                carried_cell, link.carried_out, link.decided, EXACT,
                Message(f"{account}: overført fra i fjor {t1} er {link.carried_out}, vedtatt {link.decided}",
                        f"{account}: carried over into {t1} is {link.carried_out}, decided {link.decided}"),
                location=self.carried_location(link), terms=[_cell("transfers", link, "decided", t)]))
        elif link.decided is None and link.carried_out is not None:
            bound = max(transferable, ZERO) if transferable is not None else ZERO
            findings.append(_bounded(
                CARRIED_WITHIN_TRANSFERABLE, carried_cell, link.carried_out, bound, PRINTED,
                Message(f"{account}: overført fra i fjor {t1} er {link.carried_out}; mulig overførbart fra {t} "
                        f"er {bound} (vedtaket er ikke oppgitt)",
                        f"{account}: carried over into {t1} is {link.carried_out}; the transferable amount of {t} "
                        f"is {bound} (no decision given)"),
                location=self.carried_location(link), relation=Relation.AT_MOST, terms=[transferable_cell]))
        if link.can_transfer and transferable is not None and transferable < ZERO and link.carried_out is not None:
            findings.append(NEGATIVE_TRANSFER.compare(
                carried_cell, link.carried_out, transferable, PRINTED,
                Message(f"{account}: merforbruket {transferable} i {t} skal redusere {t1}; "
                        f"overført: {link.carried_out}",
                        f"{account}: the overspend {transferable} of {t} must reduce {t1}; "
                        f"carried: {link.carried_out}"),
                location=self.carried_location(link), relation=Relation.AT_MOST, terms=[transferable_cell]))
        return findings

    def carried_into_new_posts(self) -> list[Finding]:
        """Money carried into a post the agency did not have the year before (moved from another
        agency, or a typing error): nothing of its own could be carried."""
        findings = []
        for fiscal_year in self.history.fiscal_years[1:]:
            for line in self.history.raw(fiscal_year).own_posts:
                if line.carried_over and self.history.line(fiscal_year - 1, line.account) is None:
                    cell = CellRef("note_a", str(line.account), f"carried_over {fiscal_year}")
                    findings.append(_bounded(
                        CARRIED_WITHIN_TRANSFERABLE, cell, line.carried_over, ZERO, PRINTED,
                        Message(f"{line.account}: overført fra i fjor {fiscal_year} er {line.carried_over}, men "
                                f"virksomheten hadde ingen tildeling på posten i {fiscal_year - 1}",
                                f"{line.account}: carried over into {fiscal_year} is {line.carried_over}, but the "
                                f"agency had no allocation on the post in {fiscal_year - 1}"),
                        location=line.source, relation=Relation.AT_MOST))
        return findings

    def previous_allocations(self) -> list[Finding]:
        findings = []
        for fiscal_year in self.history.fiscal_years[1:]:
            before = self.history.previous_allocations(fiscal_year)
            for line in self.history.raw(fiscal_year).own_posts:
                if line.previous_allocated is None:
                    continue
                actual = before.get(line.account, ZERO)
                findings.append(PREVIOUS_ALLOCATION.compare(
                    CellRef("input", str(line.account), f"previous_allocated {fiscal_year}"),
                    line.previous_allocated, actual, EXACT,
                    Message(f"{line.account}: fjorårets tildeling i {fiscal_year} er oppgitt til "
                            f"{line.previous_allocated}, men årets tildelinger i {fiscal_year - 1} var {actual}; "
                            "historikken bruker " + str(actual),
                            f"{line.account}: last year's allocation in {fiscal_year} is given as "
                            f"{line.previous_allocated}, but the allocation of {fiscal_year - 1} was {actual}; "
                            f"the history uses {actual}"),
                    location=line.source,
                    terms=[CellRef("note_a", str(line.account), f"allocated {fiscal_year - 1}")]))
        return findings

    def window(self, year: AgeingYear) -> Finding | None:
        if year.carried_out is None:
            return None
        bound = max(year.carriable, ZERO)
        oldest = year.oldest_carriable
        account = year.account
        following = self.history.line(year.fiscal_year + 1, account)
        transfer = self.history.transfers.get(year.fiscal_year, account)
        location = (following.source if following else None) or (transfer.source if transfer else None)
        return WINDOW.compare(
            CellRef("note_a", str(account), f"carried_over {year.fiscal_year + 1}"), year.carried_out, bound,
            PRINTED,
            Message(f"{account}: {year.carried_out} overført fra {year.fiscal_year}; ubrukt av tildelingene "
                    f"{oldest}–{year.fiscal_year}: {bound}; {year.expired} eldre midler bortfaller",
                    f"{account}: {year.carried_out} carried from {year.fiscal_year}; unused of the allocations "
                    f"{oldest}–{year.fiscal_year}: {bound}; {year.expired} older money lapses"),
            location=location, relation=Relation.AT_MOST,
            terms=[CellRef("ageing", str(account), f"carriable {year.fiscal_year}")])

    def savings(self, plan: SavingsPlan) -> list[Finding]:
        findings = []
        for schedule in plan.schedules:
            advance = schedule.advance
            for step in schedule.years:
                if step.cumulative is None:
                    continue
                k = step.fiscal_year - advance.fiscal_year
                findings.append(SAVINGS_SCHEDULE.compare(
                    CellRef("note_b", str(advance.account), f"savings {step.fiscal_year}"),
                    step.cumulative, step.required, PRINTED,
                    Message(f"{advance.account}: forskuttering {advance.amount} i {advance.fiscal_year}: "
                            f"innen utløpet av {step.fiscal_year} (år {k} av {schedule.period}) skal minst "
                            f"{step.required} være spart inn; spart: {step.cumulative}",
                            f"{advance.account}: advance {advance.amount} in {advance.fiscal_year}: by the end of "
                            f"{step.fiscal_year} (year {k} of {schedule.period}) at least {step.required} must be "
                            f"saved; saved: {step.cumulative}"),
                    location=advance.source, relation=Relation.AT_LEAST))
        for unmatched in plan.unmatched:
            findings.append(SAVINGS_WITHOUT_ADVANCE.note(
                CellRef("note_b", str(unmatched.account), f"savings {unmatched.fiscal_year}"), unmatched.amount,
                Message(f"{unmatched.account}: innsparing {unmatched.amount} i {unmatched.fiscal_year} uten "
                        "forskuttering i historikken å spare inn (gjort før historikken begynner?)",
                        f"{unmatched.account}: savings of {unmatched.amount} in {unmatched.fiscal_year} with no "
                        "advance in the history to repay (made before the history starts?)"),
                location=unmatched.source))
        return findings
