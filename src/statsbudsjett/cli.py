"""The ``statsbudsjett`` command: a thin shell over the API.

Exit codes: 0 done, 1 findings that are errors (verify), 2 unusable input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, Problem, Severity, StatsbudsjettError, UsageError

if TYPE_CHECKING:
    from .model import AgencyYear
    from .statements import AppropriationReport, NoteA, NoteB

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_UNUSABLE = 0, 1, 2
OUTPUT_FORMATS = ("text", "markdown", "html", "csv", "csv-excel", "json", "xlsx")  # io.render.OutputFormat (a test)
BINARY = ("xlsx",)  # never written to a terminal

# command → (summary, the statements it prints, by their function in statsbudsjett.statements)
STATEMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "note-a": ("Note A: forklaring av samlet tildeling", ("note_a",)),
    "note-b": ("Note B: brukte fullmakter og mulig overførbart beløp", ("note_b",)),
    "bevilgning": ("Oppstilling av bevilgningsrapportering", ("appropriation_report",)),
    "report": ("all three statements", ("appropriation_report", "note_a", "note_b")),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statsbudsjett",
        description="Norwegian appropriation accounting: bevilgningsrapportering, Note A and Note B "
        "recomputed from raw inputs (format statsbudsjett/1).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, _) in STATEMENTS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        command.add_argument("file", nargs="?", type=Path,
                             help="an agency-year in format v1 (default: the bundled Digdir 2021 example)")
        command.add_argument("--format", "-f", default="text", choices=OUTPUT_FORMATS)
        command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")
        _output_argument(command)
    summary = "verify a published annual report: every printed figure checked (exit 1 on errors)"
    command = commands.add_parser("verify", help=summary, description=summary)
    command.add_argument("file", nargs="?", type=Path, help="a published report, format statsbudsjett/published-1 "
                         "(default: Digdir 2021 as printed)")
    command.add_argument("--raw", type=Path, metavar="INPUTS",
                         help="the raw inputs (format statsbudsjett/1) to recompute the statements from, anywhere; "
                              "replaces the report's raw = entry, which must stay in the report's folder")
    command.add_argument("--format", "-f", default="text", choices=["text", "json", "xlsx"])
    command.add_argument("--lang", default="no", choices=["no", "en"], help="report in Norwegian or English")
    _output_argument(command)
    _history_commands(commands)
    _import_command(commands)
    return parser


def _output_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("--output", "-o", metavar="FILE", default="-",
                         help="where to write (default: standard output; xlsx only when it is not a terminal)")


def _check_output(args: argparse.Namespace) -> None:
    """Refuse, before any work, to write a binary format to a terminal, or xlsx without XlsxWriter."""
    if args.format in BINARY and args.output == "-" and sys.stdout.isatty():
        raise UsageError(f"{args.format} is a binary format: give --output FILE (or redirect standard output)")
    if args.format == "xlsx":
        from .io.xlsx import xlsxwriter_module

        xlsxwriter_module()


def _write_output(args: argparse.Namespace, content: str | bytes) -> None:
    """``content`` to ``--output`` or standard output: text as it is, bytes (xlsx, csv-excel) byte for byte."""
    if args.output != "-":
        path = Path(args.output)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    elif isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(content)


def _import_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    summary = ("build an agency-year (format v1) from DFØ's open data: the state accounts, the appropriations "
               "ledger, a budget table and the agency's facts (exit 1 when the facts disagree with the open data)")
    command = commands.add_parser("import", help=summary, description=summary)
    command.add_argument("--agency", metavar="ORGNR", help="the agency's organisasjonsnummer, e.g. 991825827")
    command.add_argument("--year", type=int, required=True, help="the fiscal year, e.g. 2021")
    command.add_argument("--ledger", type=Path, metavar="FILE",
                         help="the state accounts: statsregnskapet_aar_ÅÅÅÅ.zip (or its CSV, or the full history)")
    command.add_argument("--appropriations", type=Path, metavar="FILE",
                         help="the appropriations ledger: bevilgninger_full_historikk.zip (or its CSV)")
    command.add_argument("--budget", type=Path, metavar="FILE",
                         help="a budget table for post texts and stikkord: Gul bok ÅÅÅÅ.xlsx, Saldert budsjett, or CSV")
    command.add_argument("--facts", type=Path, metavar="FILE",
                         help="what only the agency knows, format v1 without accounted/used (docs/import.md)")
    command.add_argument("--output", "-o", metavar="OUT", default="-",
                         help="where to write the agency-year (default: standard output)")
    command.add_argument("--list-agencies", action="store_true",
                         help="list the agencies in the state accounts (org nr, name, rows) instead")
    command.add_argument("--quiet", "-q", action="store_true", help="no progress line")


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
        command.add_argument("--format", "-f", default="text", choices=[f for f in OUTPUT_FORMATS if f not in BINARY])
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


# Each command imports what it uses, so that printing Note B does not load verify or history.
def _history(args: argparse.Namespace) -> int:
    from .history import fill_savings, history_report, transfer_application
    from .io.history_reader import read_history
    from .io.history_render import render_application, render_history

    history, warnings = read_history(args.paths)
    _print_warnings(warnings)
    if args.command == "application":
        application = transfer_application(history, args.year)
        sys.stdout.write(render_application(application, args.format, language=args.lang))
        return EXIT_OK
    report = history_report(fill_savings(history) if args.fill_savings else history)
    sys.stdout.write(render_history(report, args.format, language=args.lang))
    return EXIT_OK if report.ok else EXIT_FINDINGS


def _verify(args: argparse.Namespace) -> int:
    from .io.api import verify
    from .io.findings_render import findings_workbook, render_findings

    _check_output(args)
    result = verify(args.file, raw=args.raw)
    _write_output(args, findings_workbook(result, language=args.lang) if args.format == "xlsx"
                  else render_findings(result, args.format, language=args.lang))
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _import(args: argparse.Namespace) -> int:
    from .io.importer import dump_import, import_agency_year, list_agencies, located_in

    progress = None if args.quiet or not sys.stderr.isatty() else _progress_line
    if args.list_agencies:
        if args.ledger is None:
            raise UsageError("--list-agencies reads the state accounts: give --ledger FILE")
        agencies = list_agencies(args.ledger, args.year, progress=progress)
        from tabulate import tabulate

        print(tabulate([(a.organisation_number, a.name, f"{a.rows:,}".replace(",", " ")) for a in agencies],
                       headers=["Org.nr.", "Virksomhet", "Rader"], disable_numparse=True,
                       colalign=("left", "left", "right")))
        return EXIT_OK
    if args.agency is None:
        raise UsageError("give the agency's organisasjonsnummer with --agency (or use --list-agencies)")
    if args.ledger is None and args.appropriations is None:
        raise UsageError("give the state accounts (--ledger), the appropriations ledger (--appropriations), or both")
    result = import_agency_year(args.agency, args.year, ledger=args.ledger, appropriations=args.appropriations,
                                budget=args.budget, facts=args.facts, progress=progress)
    text = dump_import(result)  # before anything is written: a failure leaves no file
    problems = located_in(text, "<stdout>" if args.output == "-" else args.output,
                          [f for f in result.findings if f.severity is not Severity.INFO])
    if problems:
        print("\n\n".join(p.render() for p in problems), file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _progress_line(done: float) -> None:
    print(f"\rreading the state accounts … {done:4.0%}", end="" if done < 1 else "\n", file=sys.stderr, flush=True)


def compute(command: str, year: AgencyYear) -> list[AppropriationReport | NoteA | NoteB]:
    """The statements a statement command (``note-b``, ``report``, …) prints for ``year``."""
    from . import statements

    return [getattr(statements, name)(year) for name in STATEMENTS[command][1]]


def _statements(args: argparse.Namespace) -> int:
    from .io.examples import example_path
    from .io.input_reader import read_agency_year
    from .io.render import render, render_bytes

    _check_output(args)
    year, warnings = read_agency_year(args.file if args.file is not None else example_path())
    _print_warnings(warnings)
    statements = compute(args.command, year)
    if args.format in (*BINARY, "csv-excel"):  # exact bytes: a BOM and CRLF, or a workbook
        _write_output(args, render_bytes(statements, args.format, language=args.lang))
    else:
        _write_output(args, render(statements, args.format, language=args.lang))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command in ("history", "application"):
            return _history(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "import":
            return _import(args)
        return _statements(args)
    except InputError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_UNUSABLE
    except StatsbudsjettError as error:
        print(f"statsbudsjett: error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
