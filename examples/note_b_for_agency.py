"""Print Note B of an agency-year, and what it asks to carry over to next year.

    python examples/note_b_for_agency.py                  # the bundled Digdir 2021 example
    python examples/note_b_for_agency.py inputs.toml      # your own file (format v1)
    python examples/note_b_for_agency.py inputs.toml markdown

Copy it and change the summary at the end to what your report needs.
"""

import sys
from pathlib import Path

import statsbudsjett as sb


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else sb.example_path()
    output = argv[1] if len(argv) > 1 else "text"
    try:
        year = sb.load(path)
    except sb.InputError as error:
        print(error, file=sys.stderr)  # every problem, with file:line:column and a hint
        return 2
    note = sb.note_b(year)
    print(sb.render(note, output))

    # Mulig overførbart beløp: underspend asked to be carried over, and overspend carried as negative.
    amounts = [row.transferable for row in note.rows if row.transferable is not None]
    underspend = sb.Money.total(amount for amount in amounts if amount > sb.Money.zero())
    overspend = sb.Money.total(amount for amount in amounts if amount < sb.Money.zero())
    print(f"{year.agency} {year.fiscal_year}")
    print(f"  Mindreutgift søkt overført:   {underspend.format():>15}")
    print(f"  Merforbruk ført videre:       {overspend.format():>15}")
    for row in note.rows:
        if row.transferable is None and row.basis < sb.Money.zero():
            print(f"  {row.account}: grunnlag {row.basis.format()} kan ikke overføres ({row.rule.title})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
