"""Across fiscal years: Note B of year t becomes Note A of year t+1, «kan overføres» money ages,
and forskutteringer are saved back on schedule.

Pure: reading the yearly files and the transfers file is :mod:`statsbudsjett.io.history_reader`,
writing the report :mod:`statsbudsjett.io.history_render`.
"""

from .ageing import AgeingYear, Layer, age_chain
from .application import ApplicationRow, TransferApplication, transfer_application
from .chain import ChainYear, PostChain, post_chains
from .continuity import CONTINUITY_RULES, continuity_findings
from .history import History
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
    "continuity_findings",
    "fill_savings",
    "history_report",
    "post_chains",
    "savings_plan",
    "scheduled_savings",
    "transfer_application",
]
