"""Across fiscal years: Note B of year t becomes Note A of year t+1, «kan overføres» money ages,
and forskutteringer are saved back on schedule."""

from .ageing import AgeingYear, Layer, age_chain
from .application import ApplicationRow, TransferApplication, transfer_application
from .chain import ChainYear, PostChain, post_chains
from .continuity import CONTINUITY_RULES, continuity_findings
from .history import History
from .loader import TRANSFERS_FORMAT, load_history, read_history, read_transfers
from .render import application_tables, history_tables, render_application, render_history
from .report import HistoryReport, history_report
from .savings import (
    Advance,
    SavingsPlan,
    SavingsSchedule,
    ScheduleYear,
    UnmatchedSaving,
    fill_savings,
    savings_plan,
    scheduled_savings,
)
from .transfers import Transfer, Transfers

__all__ = [
    "CONTINUITY_RULES",
    "TRANSFERS_FORMAT",
    "Advance",
    "AgeingYear",
    "ApplicationRow",
    "ChainYear",
    "History",
    "HistoryReport",
    "Layer",
    "PostChain",
    "SavingsPlan",
    "SavingsSchedule",
    "ScheduleYear",
    "Transfer",
    "TransferApplication",
    "Transfers",
    "UnmatchedSaving",
    "age_chain",
    "application_tables",
    "continuity_findings",
    "fill_savings",
    "history_report",
    "history_tables",
    "load_history",
    "post_chains",
    "read_history",
    "read_transfers",
    "render_application",
    "render_history",
    "savings_plan",
    "scheduled_savings",
    "transfer_application",
]
