"""The rules of the regulations, as data with their sources (see RULES.md)."""

from . import driftsresultat
from .parameters import PARAMETERS, Parameter, RuleYearError, YearParameters, documentation, parameters_for, percent
from .sources import SOURCES, Evidence, Source
from .transfer import TRANSFER_RULES, TransferKind, TransferRule, rule_for

__all__ = [
    "PARAMETERS",
    "SOURCES",
    "TRANSFER_RULES",
    "Evidence",
    "Parameter",
    "RuleYearError",
    "Source",
    "TransferKind",
    "TransferRule",
    "YearParameters",
    "documentation",
    "driftsresultat",
    "parameters_for",
    "percent",
    "rule_for",
]
