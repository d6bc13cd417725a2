"""The rules a finding about raw inputs can name, declared once: id, title, severity, sources.

Each rule here is applied by one function in :mod:`statsbudsjett.validation` to every
agency-year, however it was built. The rules marked *shared* are also applied by
:mod:`statsbudsjett.verification` to the printed figures of a report, with the same id,
severity and bound, so that one file gets one verdict on every path. Sources are ids of
:data:`statsbudsjett.rules.sources.SOURCES` (RULES.md § 0.1); evidence as RULES.md tags it.
"""

from __future__ import annotations

from typing import Final

from ..errors import Severity
from ..findings import Message, Rule
from .sources import Evidence

__all__ = [
    "AUTHORISATION_LIMIT",
    "BALANCE",
    "DRIFTSRESULTAT_SIGN",
    "INPUT_RULES",
    "NEGATIVE_ALLOCATION",
    "OVERSPEND",
    "REALLOCATION_LIMIT",
    "REALLOCATION_POSTS",
    "REFERENCE",
    "REVENUE_BACKED_TWICE",
    "REVENUE_SPLIT",
    "UNDERPOST_AND_POST",
    "USABLE_UNDER_TARGET",
]

REFERENCE: Final = Rule(
    "input.reference",
    Message("Hver fullmakt og justering viser til en linje i virksomhetsåret",
            "Every authorisation and adjustment names a line of the agency-year"),
    Severity.ERROR, ("S1",), Evidence.INFERRED)  # a dangling reference would silently count as zero
UNDERPOST_AND_POST: Final = Rule(
    "input.underpost-and-post",
    Message("En post er gitt enten som én linje eller som sine underposter", "A post is given either as one line or "
            "as its underposts"), Severity.ERROR, ("S15",), Evidence.INFERRED)  # underposts add up to the post
REVENUE_BACKED_TWICE: Final = Rule(
    "input.revenue-backed-twice",
    Message("En inntektspost dekker bare én merinntektsfullmakt",
            "An income post backs one revenue authorisation only"),
    Severity.ERROR, ("S12", "S13"), Evidence.INFERRED)  # RULES.md § 9.12: not counted twice
REVENUE_SPLIT: Final = Rule(
    "input.revenue-split",
    Message("Fordelingen av merinntekten på utgiftspostene summerer seg til mer-/mindreinntekten",
            "The split of a merinntekt over the expense posts adds up to the revenue difference"),
    Severity.ERROR, ("S12", "S13"), Evidence.INFERRED)  # RULES.md § 6.1 and § 9.12
REALLOCATION_POSTS: Final = Rule(
    "input.reallocation-posts",
    Message("Omdisponering går fra post 01 til post 45 i samme kapittel; forskuttering gjelder post 01 og 21",
            "An omdisponering goes from post 01 to post 45 of one chapter; a forskuttering is on post 01 or 21"),
    Severity.ERROR, ("S8", "S11"), Evidence.SEEN)
REALLOCATION_LIMIT: Final = Rule(  # shared with verify
    "rules.reallocation-limit",
    Message("Omdisponering og forskuttering ≤ 5 % av årets tildelinger på posten, summert per post",
            "Reallocation and advances ≤ 5 % of the post's allocation, added up per post"),
    Severity.ERROR, ("S8", "S11"), Evidence.SEEN)
AUTHORISATION_LIMIT: Final = Rule(  # shared with verify
    "rules.authorisation-limit",
    Message("Brukt belastningsfullmakt og samlet tilsagns-/bestillingsansvar ≤ rammen",
            "Chargeback used and commitments within their limit"),
    Severity.WARNING, ("S19", "S20", "R-115"), Evidence.SEEN)  # a breach to report, not a wrong figure
BALANCE: Final = Rule(  # shared with verify
    "appropriation.balance",
    Message("Sum rapportert = 0: netto rapportert og kapitalkontoene går i null",
            "Total reported = 0: the net reported and the capital accounts balance"),
    Severity.ERROR, ("R-115",), Evidence.RECALL)  # RULES.md § 9.4
NEGATIVE_ALLOCATION: Final = Rule(
    "input.negative-allocation",
    Message("Årets tildelinger er ikke negative; en negativ tildeling gir ingen overføring",
            "This year's allocation is not negative; a negative allocation allows no transfer"),
    Severity.WARNING, ("DIGDIR-2021",), Evidence.INFERRED)  # v1 decision 1: H is never negative
DRIFTSRESULTAT_SIGN: Final = Rule(
    "input.driftsresultat-sign",
    Message("Underpostene av post 24 (driftsresultat) har fortegnet siden deres gir dem: på et inntektskapittel er "
            "inntektene positive og kostnadene negative, på et utgiftskapittel omvendt",
            "The underposts of post 24 (a driftsresultat) carry their side's sign: on an income chapter income is "
            "positive and costs negative, on an expense chapter the reverse"),
    Severity.WARNING, ("SALDERT-2025",), Evidence.SEEN)  # unsigned, a cost would add to the driftsresultat
OVERSPEND: Final = Rule(  # shared with verify
    "rules.overspend",
    Message("Overskridelse på en 5 %-post uten fullmakt skal forklares",
            "An overspend on a 5 % post without an authorisation must be explained"),
    Severity.WARNING, ("S6", "DIGDIR-2021"), Evidence.RECALL)
USABLE_UNDER_TARGET: Final = Rule(
    "input.usable-under-target",
    Message("«kan nyttes under» viser til en post som finnes", "«kan nyttes under» names a post that exists"),
    Severity.WARNING, ("S17",), Evidence.INFERRED)

INPUT_RULES: Final = (REFERENCE, UNDERPOST_AND_POST, REVENUE_BACKED_TWICE, REVENUE_SPLIT, REALLOCATION_POSTS,
                      REALLOCATION_LIMIT, AUTHORISATION_LIMIT, BALANCE, NEGATIVE_ALLOCATION, DRIFTSRESULTAT_SIGN,
                      OVERSPEND, USABLE_UNDER_TARGET)
