"""The fixed lines of the artskontorapportering and the mellomværende overview (R-115, DFØ's template).

Each line has a stable key (the published format's key), the label DFØ prints, and — for
sum lines — the signed lines it adds up. RULES.md § 5.3; the signs: receipts reduce and
payments raise the net, felleskapittel income (5309, 5700) reduces it, 1633 raises it.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

from ..reprs import field_repr

__all__ = ["OBJECT_CLASS_LINES", "ObjectClassLine"]


@frozen
class ObjectClassLine:
    __repr__ = field_repr

    key: str
    label: str  # as DFØ prints it
    terms: tuple[tuple[int, str], ...] = ()  # a sum line: (sign, key) of the lines it adds up
    chapter: int | None = None  # a felleskapittel line: the chapter it is reported on
    income: bool = False  # … on the income side of the bevilgningsrapportering

    @property
    def is_sum(self) -> bool:
        return bool(self.terms)


def _sum(key: str, label: str, *terms: str) -> ObjectClassLine:
    signed = tuple((-1, t[1:]) if t.startswith("-") else (1, t) for t in terms)
    return ObjectClassLine(key, label, signed)


OBJECT_CLASS_LINES: Final = (
    # Driftsinntekter rapportert til bevilgningsregnskapet
    ObjectClassLine("fees", "Innbetalinger fra gebyrer"),
    ObjectClassLine("grants_received", "Innbetalinger fra tilskudd og overføringer"),
    ObjectClassLine("sales_and_rent", "Salgs- og leieinnbetalinger"),
    ObjectClassLine("other_receipts", "Andre innbetalinger"),
    _sum("operating_receipts", "Sum innbetalinger fra drift", "fees", "grants_received", "sales_and_rent",
         "other_receipts"),
    # Driftsutgifter rapportert til bevilgningsregnskapet
    ObjectClassLine("salaries", "Utbetalinger til lønn"),
    ObjectClassLine("other_operating_payments", "Andre utbetalinger til drift"),
    _sum("operating_payments", "Sum utbetalinger til drift", "salaries", "other_operating_payments"),
    _sum("net_operating", "Netto rapporterte driftsutgifter", "operating_payments", "-operating_receipts"),
    # Investerings- og finansinntekter / -utgifter
    ObjectClassLine("financial_income", "Innbetaling av finansinntekter"),
    _sum("investment_income", "Sum investerings- og finansinntekter", "financial_income"),
    ObjectClassLine("investments", "Utbetaling til investeringer"),
    ObjectClassLine("shares", "Utbetaling til kjøp av aksjer"),
    ObjectClassLine("financial_expenses", "Utbetaling av finansutgifter"),
    _sum("investment_expenses", "Sum investerings- og finansutgifter", "investments", "shares",
         "financial_expenses"),
    _sum("net_investment", "Netto rapporterte investerings- og finansutgifter", "investment_expenses",
         "-investment_income"),
    # Innkrevingsvirksomhet og andre overføringer til staten
    ObjectClassLine("collection", "Innbetaling av skatter, avgifter, gebyrer m.m."),
    _sum("collection_total", "Sum innkrevingsvirksomhet og andre overføringer til staten", "collection"),
    # Tilskuddsforvaltning og andre overføringer fra staten
    ObjectClassLine("grants_paid", "Utbetalinger av tilskudd og stønader"),
    _sum("grants_paid_total", "Sum tilskuddsforvaltning og andre overføringer fra staten", "grants_paid"),
    # Inntekter og utgifter rapportert på felleskapitler
    ObjectClassLine("group_life_insurance", "Gruppelivsforsikring konto 1985 (ref. kap. 5309, inntekt)",
                    chapter=5309, income=True),
    ObjectClassLine("employer_contribution", "Arbeidsgiveravgift konto 1986 (ref. kap. 5700, inntekt)",
                    chapter=5700, income=True),
    ObjectClassLine("vat_net", "Nettoføringsordning for merverdiavgift konto 1987 (ref. kap. 1633, utgift)",
                    chapter=1633),
    _sum("common_chapters_net", "Netto rapporterte utgifter på felleskapitler", "vat_net",
         "-group_life_insurance", "-employer_contribution"),
    _sum("net_reported", "Netto rapportert til bevilgningsregnskapet", "net_operating", "net_investment",
         "-collection_total", "grants_paid_total", "common_chapters_net"),
)
