"""The ``statsbudsjett`` command: a thin shell over the API.

Exit codes: 0 done, 1 findings that are errors (verify), 2 unusable input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import InputError, Problem, Severity, StatsbudsjettError
from .examples import example_path
from .history import (
    fill_savings,
    history_report,
    read_history,
    render_application,
    render_history,
    transfer_application,
)
from .io.loader import read_agency_year
from .io.render import OutputFormat, render
from .model import AgencyYear
from .statements import appropriation_report, note_a, note_b
from .verify import verify
from .verify.render import render_findings

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2

STATEMENTS: dict[str, tuple[str, Callable[[AgencyYear], list[object]]]] = {
    "note-a": ("Note A: forklaring av samlet tildeling", lambda y: [note_a(y)]),
    "note-b": ("Note B: brukte fullmakter og mulig overførbart beløp", lambda y: [note_b(y)]),
    "bevilgning": ("Oppstilling av bevilgningsrapportering", lambda y: [appropriation_report(y)]),
    "report": ("all three statements", lambda y: [appropriation_report(y), note_a(y), note_b(y)]),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statsbudsjett",
        description="Norwegian appropriation accounting: bevilgningsrapportering, Note A and Note B "
        "recomputed from raw inputs (format statsbudsjett/1).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, _) in STATEMENTS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        command.add_argument("file", nargs="?", type=Path,
                             help="an agency-year in format v1 (default: the bundled Digdir 2021 example)")
        command.add_argument("--format", "-f", default="text", choices=[f.value for f in OutputFormat])
        command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")
    summary = "verify a published annual report: every printed figure checked (exit 1 on errors)"
    command = commands.add_parser("verify", help=summary, description=summary)
    command.add_argument("file", nargs="?", type=Path, help="a published report, format statsbudsjett/published-1 "
                         "(default: Digdir 2021 as printed)")
    command.add_argument("--format", "-f", default="text", choices=["text", "json"])
    command.add_argument("--lang", default="no", choices=["no", "en"], help="report in Norwegian or English")
    _history_commands(commands)
    return parser


def _history_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summaries = {
        "history": "the chain across fiscal years: Note B of year t → Note A of t+1, ageing of «kan overføres» "
                   "money, savings schedules and continuity checks (exit 1 on errors)",
        "application": "the application for transfer (søknad om overføring) of a year, from its Note B",
    }
    for name, summary in summaries.items():
        command = commands.add_parser(name, help=summary, description=summary)
        command.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                             help="yearly files (format v1), directories of them, and a transfers file")
        command.add_argument("--format", "-f", default="text", choices=[f.value for f in OutputFormat])
        command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")
    commands.choices["history"].add_argument(
        "--fill-savings", action="store_true",
        help="fill Note B innsparinger from the savings schedules in years that record none")
    commands.choices["application"].add_argument("--year", type=int, help="the fiscal year (default: the last)")


def _print_warnings(problems: Sequence[Problem]) -> None:
    """Warnings go to stderr; notes (severity info, e.g. a rounding of printed figures) stay quiet."""
    shown = [p for p in problems if p.severity is Severity.WARNING]
    if shown:
        print("\n\n".join(p.render() for p in shown), file=sys.stderr)


def _history(args: argparse.Namespace) -> int:
    history, warnings = read_history(args.paths)
    _print_warnings(warnings)
    if args.command == "application":
        application = transfer_application(history, args.year)
        sys.stdout.write(render_application(application, args.format, language=args.lang))
        return EXIT_OK
    report = history_report(fill_savings(history) if args.fill_savings else history)
    sys.stdout.write(render_history(report, args.format, language=args.lang))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _load(file: Path | None) -> AgencyYear:
    year, warnings = read_agency_year(file if file is not None else example_path())
    _print_warnings(warnings)
    return year


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command in ("history", "application"):
            return _history(args)
        if args.command == "verify":
            result = verify(args.file)
            sys.stdout.write(render_findings(result, args.format, language=args.lang))
            return EXIT_OK if result.ok else EXIT_FINDINGS
        year = _load(args.file)
        statements = STATEMENTS[args.command][1](year)
        sys.stdout.write(render(statements, args.format, language=args.lang))  # type: ignore[arg-type]
    except InputError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_UNUSABLE
    except StatsbudsjettError as error:
        print(f"statsbudsjett: error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
