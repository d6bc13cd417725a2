"""Build an agency-year in Python, from figures in a spreadsheet export, and print its notes.

    python examples/build_in_code.py

The lines come from a CSV export (here a string; use open("ledger.csv") for a file).
Amounts are read as written in Norwegian spreadsheets ("49 500 000,50"); never as floats.
The authorisations are the worked example of the project's rules (RULES.md § 12).
"""

import csv
import io

import statsbudsjett as sb
from statsbudsjett import (
    AgencyYear,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    Reallocation,
    RevenueAuthorisation,
    Saving,
)

LEDGER = """\
konto;tekst;stikkord;overført;tildeling;fjorårets tildeling;regnskap
1234.01;Driftsutgifter;;1 000 000;50 000 000;;49 500 000
1234.45;Større utstyrsanskaffelser og vedlikehold;kan overføres;400 000;3 000 000;2 000 000;3 600 000
"""


def amount(text: str) -> sb.Money | None:
    """An empty cell is "not given"; anything else must be an amount."""
    return sb.Money.parse(text) if text.strip() else None


def expense_lines(export: str) -> list[ExpenseLine]:
    lines = []
    for row in csv.DictReader(io.StringIO(export), delimiter=";"):
        lines.append(ExpenseLine.with_keywords(
            row["konto"], [row["stikkord"]] if row["stikkord"] else [],
            text=row["tekst"],
            carried_over=amount(row["overført"]),
            allocated=amount(row["tildeling"]),
            previous_allocated=amount(row["fjorårets tildeling"]),
            accounted=amount(row["regnskap"]) or sb.Money.zero(),
        ))
    return lines


def main() -> None:
    year = AgencyYear(
        agency="Eksempeletaten",
        fiscal_year=2024,
        expense=expense_lines(LEDGER),
        income=[IncomeLine("4234.02", text="Salgsinntekter", allocated=2_000_000, accounted=2_600_000)],
        revenue_authorisations=[RevenueAuthorisation(income=["4234.02"], expense=["1234.01"])],
        chargebacks=[Chargeback("given", "1234.01", used=300_000, limit=500_000, counterparty="Andreetaten")],
        reallocations=[Reallocation("to_investment", target="1234.45", amount=500_000, origin="1234.01")],
        savings=[Saving("1234.01", 200_000)],
    )
    print(sb.render([sb.note_a(year), sb.note_b(year)], "markdown"))
    row = sb.note_b(year)["1234.01"]
    print(f"1234.01: grunnlag {row.basis}, maks {row.max_transferable}, mulig overførbart {row.transferable}")


if __name__ == "__main__":
    main()
