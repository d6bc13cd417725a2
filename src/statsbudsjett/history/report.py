"""Everything the history tells: the chain of each post, the ageing of «kan overføres»
money, the savings schedules and the continuity findings — computed once."""

from __future__ import annotations

from attrs import frozen

from ..findings import Finding
from ..reprs import field_repr
from .ageing import AgeingYear, age_chain
from .chain import PostChain, post_chains
from .continuity import continuity_findings
from .history import History
from .savings import SavingsPlan, savings_plan

__all__ = ["HistoryReport", "history_report"]


@frozen
class HistoryReport:
    __repr__ = field_repr

    history: History
    chains: tuple[PostChain, ...]  # per own post, in account order
    ageing: tuple[AgeingYear, ...]  # per «kan overføres» post and year, in account then year order
    savings: SavingsPlan
    findings: tuple[Finding, ...]  # every continuity check (info where it holds)

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The findings a reader must act on: errors and warnings."""
        return tuple(f for f in self.findings if f.is_problem)

    @property
    def ok(self) -> bool:
        """No error finding (warnings are allowed)."""
        return not any(f.is_error for f in self.findings)

    def ageing_of(self, chain: PostChain) -> tuple[AgeingYear, ...]:
        return tuple(a for a in self.ageing if a.account == chain.account)


def history_report(history: History) -> HistoryReport:
    """Compute the chains, the ageing, the savings schedules and the continuity findings."""
    notes = {t: history.note_b(t) for t in history.fiscal_years}
    chains = post_chains(history, notes)
    ageing = tuple(year for chain in chains for year in age_chain(chain))
    plan = savings_plan(history)
    return HistoryReport(history, chains, ageing, plan, continuity_findings(history, chains, ageing, plan))
