"""The rules of the regulations, as data with their sources (see RULES.md)."""

from .parameters import PARAMETERS, RuleYearError, YearParameters, parameters_for, percent
from .sources import SOURCES, Evidence, Source
from .transfer import TRANSFER_RULES, TransferKind, TransferRule, rule_for

__all__ = [
    "PARAMETERS",
    "SOURCES",
    "TRANSFER_RULES",
    "Evidence",
    "RuleYearError",
    "Source",
    "TransferKind",
    "TransferRule",
    "YearParameters",
    "parameters_for",
    "percent",
    "rule_for",
]
