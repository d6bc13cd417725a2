"""The ``statsbudsjett`` command: a thin shell over the API.

Exit codes: 0 done, 1 findings that are errors (verify), 2 unusable input or usage.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import InputError, Problem, Severity, StatsbudsjettError, UsageError

if TYPE_CHECKING:
    from .model import AgencyYear
    from .published import PublishedReport
    from .statements import AppropriationReport, NoteA, NoteB

__all__ = ["main", "run"]

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


Commands = argparse._SubParsersAction  # the sub-command registry that argparse's add_subparsers returns


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``command`` (a sub-command's name), only that sub-command is built.

    ``main`` passes the command the arguments start with, if any: building all ten
    sub-commands' arguments costs a start-up a millisecond or two (docs/performance.md); the
    command list (``--help``, a mistyped command) needs them all and gets them all.
    """
    parser = argparse.ArgumentParser(
        prog="statsbudsjett",
        description="Norwegian appropriation accounting: bevilgningsrapportering, Note A and Note B "
        "recomputed from raw inputs (format statsbudsjett/1).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, build in COMMANDS.items():
        if command is None or command == name:
            build(commands, name)
    return parser


def _statement_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = STATEMENTS[name][0]
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("file", nargs="?", type=Path,
                         help="an agency-year in format v1 (default: the bundled Digdir 2021 example)")
    command.add_argument("--format", "-f", default="text", choices=OUTPUT_FORMATS)
    command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")
    _output_argument(command)


def _verify_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = "verify a published annual report: every printed figure checked (exit 1 on errors)"
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("file", nargs="?", type=Path, help="a published report, format statsbudsjett/published-1 "
                         "(default: Digdir 2021 as printed)")
    command.add_argument("--raw", type=Path, metavar="INPUTS",
                         help="the raw inputs (format statsbudsjett/1) to recompute the statements from, anywhere; "
                              "replaces the report's raw = entry, which must stay in the report's folder")
    command.add_argument("--format", "-f", default="text", choices=["text", "json", "html", "xlsx"],
                         help="html: one page, the report's tables as printed with the findings marked; "
                              "xlsx: the findings as a sheet (with --output)")
    command.add_argument("--lang", default="no", choices=["no", "en"], help="report in Norwegian or English")
    _output_argument(command)


def _explain_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = "how a figure was reached: the tree of terms, rules and input lines behind a Note B, Note A or " \
              "bevilgningsrapportering figure"
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("account", metavar="ACCOUNT", help='the row: an account such as 540.01, or a sum such as '
                         '"Sum utgiftsført"')
    command.add_argument("file", nargs="?", type=Path,
                         help="an agency-year in format v1 (default: the bundled example)")
    command.add_argument("--column", "-c", help="the figure: a column such as transferable, basis, total_allocation, "
                         "or statement.column (note_a.total); default: the whole row")
    command.add_argument("--format", "-f", default="text", choices=["text", "json"])
    command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")


def _publish_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = ("write the published-report file (format statsbudsjett/published-1) of what the statements print, "
               "in whole kroner, with raw = naming FILE: to compare with the printed report, or to keep and verify")
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("file", type=Path, help="an agency-year in format v1")
    command.add_argument("--output", "-o", metavar="OUT",
                         help="where to write it (default: beside FILE, FILE.published.toml; - for standard output)")


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


def _import_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = ("build an agency-year (format v1) from DFØ's open data: the state accounts, the appropriations "
               "ledger, a budget table and the agency's facts (exit 1 when the facts disagree with the open data)")
    command = commands.add_parser(name, help=summary, description=summary)
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
    command.add_argument("--transfers", type=Path, metavar="FILE",
                         help="also write the transfers decided («Overføres til» of the appropriations ledger) as a "
                              "transfers file for statsbudsjett history")
    command.add_argument("--list-agencies", action="store_true",
                         help="list the agencies in the state accounts (org nr, name, rows) instead")
    command.add_argument("--quiet", "-q", action="store_true", help="no progress line")


HISTORY_SUMMARIES = {
    "history": "the chain across fiscal years: Note B of year t → Note A of t+1, ageing of «kan overføres» "
               "money, savings schedules and continuity checks (exit 1 on errors)",
    "application": "the application for transfer (søknad om overføring) of a year, from its Note B",
}


def _history_command(commands: Commands[argparse.ArgumentParser], name: str) -> None:
    summary = HISTORY_SUMMARIES[name]
    command = commands.add_parser(name, help=summary, description=summary)
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                         help="yearly files (format v1), directories of them, and a transfers file")
    command.add_argument("--format", "-f", default="text", choices=[f for f in OUTPUT_FORMATS if f not in BINARY])
    command.add_argument("--lang", default="no", choices=["no", "en"], help="labels: Norwegian or English")
    if name == "history":
        command.add_argument("--fill-savings", action="store_true",
                             help="fill Note B innsparinger from the savings schedules in years that record none")
    else:
        command.add_argument("--year", type=int, help="the fiscal year (default: the last)")


# command → what adds it to the command line, in the order --help lists them
COMMANDS: dict[str, Callable[[Commands[argparse.ArgumentParser], str], None]] = {
    **dict.fromkeys(STATEMENTS, _statement_command),
    "verify": _verify_command,
    "publish": _publish_command,
    **dict.fromkeys(HISTORY_SUMMARIES, _history_command),
    "import": _import_command,
    "explain": _explain_command,
}


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
    from .io.api import load_published, verify
    from .io.findings_render import findings_workbook, render_findings

    _check_output(args)
    if args.format == "html":  # the page shows the printed tables beside the findings (io.html_page)
        from .io.html_page import verify_page

        report = load_published(args.file, raw=args.raw)
        result = verify(report)
        _write_output(args, verify_page(report, result, language=args.lang,
                                        explanations=_raw_explanations(report, args)))
        return EXIT_OK if result.ok else EXIT_FINDINGS
    result = verify(args.file, raw=args.raw)
    _write_output(args, findings_workbook(result, language=args.lang) if args.format == "xlsx"
                  else render_findings(result, args.format, language=args.lang))
    return EXIT_OK if result.ok else EXIT_FINDINGS


def _publish(args: argparse.Namespace) -> int:
    from .io.input_reader import read_agency_year
    from .io.published_writer import dump_published, raw_entry, write_published
    from .published import publish

    year, warnings = read_agency_year(args.file)
    _print_warnings(warnings)
    report = publish(year)  # the year is validated: an invalid one is refused before anything is written
    if args.output == "-":
        entry, inside = raw_entry(args.file, Path.cwd())
        sys.stdout.write(dump_published(report, raw=entry))
        where = "the current folder"
    else:
        output = Path(args.output) if args.output else args.file.with_suffix(".published.toml")
        if output.resolve() == args.file.resolve():
            raise UsageError(f"--output {output} is the raw inputs themselves: name another file")
        inside = write_published(report, output, raw=args.file)
        where = f"the report's folder ({output.parent})"
        print(f"statsbudsjett: wrote {output}; check it with: statsbudsjett verify {output}", file=sys.stderr)
    if not inside:
        print(f"statsbudsjett: note: {args.file} is not in {where} or below it, and `raw =` is only read there: "
              f"verify the report with `--raw {args.file}`", file=sys.stderr)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .io.importer import dump_import, dump_transfers, import_agency_year, list_agencies, located_in
    from .opendata.build import IMPORT_RULES

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
    if args.transfers is not None and args.appropriations is None:
        raise UsageError("--transfers writes what the appropriations ledger says was carried over: "
                         "give --appropriations")
    result = import_agency_year(args.agency, args.year, ledger=args.ledger, appropriations=args.appropriations,
                                budget=args.budget, facts=args.facts, progress=progress)
    text = dump_import(result)  # before anything is written: a failure leaves no file
    # the import's own notes are said (the own chapters it guessed: "check it"); the regulations' stay quiet
    own = {rule.id for rule in IMPORT_RULES}
    problems = located_in(text, "<stdout>" if args.output == "-" else args.output,
                          [f for f in result.findings if f.severity is not Severity.INFO or f.rule in own])
    if problems:
        print("\n\n".join(p.render() for p in problems), file=sys.stderr)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
    if args.transfers is not None:
        args.transfers.write_text(dump_transfers(result), encoding="utf-8", newline="\n")
    return EXIT_FINDINGS if result.errors else EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from .account import Account
    from .io.examples import example_path
    from .io.explain_render import explain_text, explanation_data, find_cells, locator
    from .io.input_reader import read_agency_year
    from .io.render import json_text
    from .io.tables import Language
    from .statements import appropriation_report, note_a, note_b
    from .statements.explained import cell_terms

    path = args.file if args.file is not None else example_path()
    year, warnings = read_agency_year(path)
    _print_warnings(warnings)
    try:
        row = str(Account.parse(args.account))
    except ValueError:
        row = args.account
    cells = find_cells(cell_terms(appropriation_report(year), note_a(year), note_b(year)), row, args.column)
    language, locate = Language(args.lang), locator(path)
    if args.format == "json":
        sys.stdout.write(json_text(explanation_data(cells, language=language, locate=locate)) + "\n")
    else:
        sys.stdout.write(explain_text(cells, language=language, locate=locate))
    return EXIT_OK


def _progress_line(done: float) -> None:
    print(f"\rreading the state accounts … {done:4.0%}", end="" if done < 1 else "\n", file=sys.stderr, flush=True)


def compute(command: str, year: AgencyYear) -> list[AppropriationReport | NoteA | NoteB]:
    """The statements a statement command (``note-b``, ``report``, …) prints for ``year``."""
    from . import statements

    return [getattr(statements, name)(year) for name in STATEMENTS[command][1]]


def _raw_explanations(report: PublishedReport, args: argparse.Namespace) -> dict[tuple[str, str, str], str]:
    """How the raw inputs give each figure, for verify's page (none without raw inputs)."""
    if report.raw is None:
        return {}
    from .io.explain_render import explanation_texts, locator
    from .io.tables import Language
    from .statements import appropriation_report, note_a, note_b
    from .statements.explained import cell_terms

    raw = report.raw
    source = raw.source.file if raw.source is not None else None
    locate = locator(source) if source and Path(source).is_file() else None
    return explanation_texts(cell_terms(appropriation_report(raw), note_a(raw), note_b(raw)),
                             language=Language(args.lang), locate=locate)


def _statements(args: argparse.Namespace) -> int:
    from .io.examples import example_path
    from .io.input_reader import read_agency_year
    from .io.render import render, render_bytes

    _check_output(args)
    year, warnings = read_agency_year(args.file if args.file is not None else example_path())
    _print_warnings(warnings)
    statements = compute(args.command, year)
    if args.command == "report" and args.format == "html":  # one page to read and print (io.html_page)
        from .io.explain_render import explanation_texts, locator
        from .io.html_page import report_page
        from .io.tables import Language
        from .statements import AppropriationReport, NoteA, NoteB
        from .statements.explained import cell_terms

        path = args.file if args.file is not None else example_path()
        report, allocation, transfer = statements
        assert isinstance(report, AppropriationReport) and isinstance(allocation, NoteA) and isinstance(transfer, NoteB)
        texts = explanation_texts(cell_terms(report, allocation, transfer), language=Language(args.lang),
                                  locate=locator(path))
        _write_output(args, report_page(statements, language=args.lang, explanations=texts))
        return EXIT_OK
    if args.format in (*BINARY, "csv-excel"):  # exact bytes: a BOM and CRLF, or a workbook
        _write_output(args, render_bytes(statements, args.format, language=args.lang))
    else:
        _write_output(args, render(statements, args.format, language=args.lang))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _parser(arguments[0] if arguments and arguments[0] in COMMANDS else None).parse_args(arguments)
    try:
        if args.command in ("history", "application"):
            return _history(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "import":
            return _import(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "publish":
            return _publish(args)
        return _statements(args)
    except InputError as error:
        print(error.render(), file=sys.stderr)
        return EXIT_UNUSABLE
    except StatsbudsjettError as error:
        print(f"statsbudsjett: error: {error}", file=sys.stderr)
        return EXIT_UNUSABLE


COLLECTOR_THRESHOLD = 50_000  # new container objects between two young collections (Python's default: 700)


def run() -> None:
    """The process's entry point (``statsbudsjett``, ``python -m statsbudsjett``): :func:`main`, then exit.

    It tunes the cyclic garbage collector for a process that builds its objects once and keeps
    them (modules, classes, the agency-year, the statements; docs/performance.md, "The garbage
    collector"): collections are rarer (:data:`COLLECTOR_THRESHOLD`: ``note-b`` runs without one,
    where the default traverses its objects 15 times; a large verify takes a quarter less time,
    same peak memory), and at exit every object still alive is frozen out of the collector
    (:func:`gc.freeze`), so that shutdown does not traverse and free them one by one for memory the
    operating system takes back anyway. Output is complete by then: ``main`` writes and closes
    every file, and shutdown still flushes stdout and stderr. ``main`` itself leaves the collector
    alone, for callers that go on running.
    """
    gc.set_threshold(COLLECTOR_THRESHOLD)
    code = main()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
