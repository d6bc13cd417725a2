"""The documentation runs: what the docs show is what the installed package does.

* Every ```python block of docs/*.md and README.md runs, in order, in one namespace per
  file: blocks with ``>>>`` prompts as doctests, other blocks as plain code.
* Every complete ```toml example (one with ``format = "statsbudsjett/1"``) loads; the
  Digdir file shown in the docs is the bundled example.
* Every relative link in the docs points at a file (and heading) that exists.
* The doctests in the modules of the package pass.
* Every script in examples/ runs and prints a real figure.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import io
import pkgutil
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

import statsbudsjett as sb
from statsbudsjett import Money

REPOSITORY = Path(__file__).resolve().parents[1]
DOCS = sorted((REPOSITORY / "docs").glob("*.md"))
MARKDOWN = [*DOCS, REPOSITORY / "README.md", REPOSITORY / "CHANGELOG.md"]
EXAMPLES = REPOSITORY / "examples"

FENCE = re.compile(r"^```(?P<info>[^\n`]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
FORMAT_LINE = re.compile(r'^format = "statsbudsjett/1"$', re.MULTILINE)

# Each example script and a figure its output must contain (a new script needs an entry).
EXAMPLE_FIGURES = {
    "note_b_for_agency.py": "109 726 686",  # Digdir 2021: sum of the positive transferable amounts
    "build_in_code.py": "1 100 000",  # RULES.md § 12: transferable on 1234.01
    "check_figures_in_pytest.py": "91 964 392",  # Digdir 2021 540.25, as computed from the inputs
}


def _blocks(path: Path, language: str) -> list[tuple[int, str]]:
    """(line number of the first line of code, code) of each fenced block in ``language``."""
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, match.start("body")) + 1, match["body"])
        for match in FENCE.finditer(text)
        if match["info"].strip().split(" ")[0] == language
    ]


def _name(path: Path) -> str:
    return str(path.relative_to(REPOSITORY))


# -- python examples in the docs ----------------------------------------------------------
@pytest.mark.parametrize("path", [p for p in [*DOCS, REPOSITORY / "README.md"] if _blocks(p, "python")], ids=_name)
def test_python_examples_run(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # an example that writes a file writes it here
    namespace: dict[str, object] = {"__name__": "__doc_example__"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    report = io.StringIO()
    for line, code in _blocks(path, "python"):
        if ">>>" in code:
            test = parser.get_doctest(code, namespace, path.name, str(path), line - 1)
            test.globs = namespace  # get_doctest copies the globals; the blocks of a page share them
            runner.run(test, out=report.write, clear_globs=False)
        else:
            exec(compile("\n" * (line - 1) + code, str(path), "exec"), namespace)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, report.getvalue()


def test_api_docs_hold_examples() -> None:
    """The API page is mostly examples: a parse that finds none is a broken test, not a pass."""
    examples = sum(
        len(doctest.DocTestParser().get_examples(code)) for _, code in _blocks(REPOSITORY / "docs" / "api.md", "python")
    )
    assert examples >= 30


# -- toml examples ------------------------------------------------------------------------------
TOML_FILES = [
    (path, line, code)
    for path in [*DOCS, REPOSITORY / "README.md"]
    for line, code in _blocks(path, "toml")
    if FORMAT_LINE.search(code)
]
COMPLETE_TOML = [pytest.param(*example, id=f"{example[0].name}:{example[1]}") for example in TOML_FILES]


@pytest.mark.parametrize(("path", "line", "code"), COMPLETE_TOML)
def test_complete_toml_examples_load(path: Path, line: int, code: str) -> None:
    year, warnings = sb.read_agency_year(code, file=f"{path.name}:{line}")
    sb.render([sb.appropriation_report(year), sb.note_a(year), sb.note_b(year)], "json")
    if year.agency == "Digitaliseringsdirektoratet":
        assert year == sb.load_example(), "the Digdir file in the docs differs from examples/digdir-2021/inputs.toml"
        assert [w.field for w in warnings] == [
            'expense."540.22".accounted', "revenue_authorisation[0].allocation", "capital_account"]
    else:
        assert warnings == ()


def test_input_format_shows_every_kind_of_example() -> None:
    agencies = [sb.load(code).agency for path, _, code in TOML_FILES if path.name == "input-format.md"]
    assert agencies.count("Digitaliseringsdirektoratet") == 1
    assert len(agencies) >= 3


def test_every_table_example_matches_its_note_b_table() -> None:
    """docs/input-format.md prints Note B of its "every table" file; the figures must be the computed ones."""
    page = REPOSITORY / "docs" / "input-format.md"
    [code] = [c for _, c in _blocks(page, "toml") if "[[saving]]" in c and FORMAT_LINE.search(c)]
    note = sb.note_b(sb.load(code))
    printed = {m[1]: m[2] for m in re.finditer(r"^\| (\d+\.\d\d)[^|]*\|(.*)\|$", page.read_text("utf-8"), re.M)}
    for row in note.rows:
        cells = [c.strip().replace("\u2212", "-") for c in printed[str(row.account)].split("|")]
        computed = [row.difference, row.spent_by_others, row.difference_after_chargebacks, row.revenue,
                    row.reallocation, row.savings, row.basis, row.max_transferable, row.transferable]
        assert cells == [m.format() if m else "" for m in computed]


def test_reference_case_lists_every_rounding_difference() -> None:
    """docs/reference-case.md tabulates exactly the rounding differences the Digdir test accepts."""
    spec = importlib.util.spec_from_file_location("digdir_2021_case", REPOSITORY / "tests" / "test_digdir_2021.py")
    assert spec is not None and spec.loader is not None
    case = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(case)
    differences = case.ROUNDING_DIFFERENCES.values()
    expected = sorted((Money.kroner(computed).format(), Money.kroner(printed).format()) for computed, printed
                      in differences)
    page = (REPOSITORY / "docs" / "reference-case.md").read_text(encoding="utf-8")
    section = page.split("## Figures that differ by rounding")[1].split("\n## ")[0]
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    documented = sorted((cells[3].strip(), cells[4].strip()) for cells in rows[1:])
    assert documented == expected


# -- links ------------------------------------------------------------------------------------
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {_slug(m[1]) for m in re.finditer(r"^#+ (.*)$", text, re.MULTILINE)}


@pytest.mark.parametrize("path", [p for p in MARKDOWN if p.exists()], ids=_name)
def test_relative_links_resolve(path: Path) -> None:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    broken = []
    for match in LINK.finditer(text):
        target = match["target"]
        if re.match(r"[a-z]+:", target):
            continue
        file, _, anchor = target.partition("#")
        destination = (path.parent / file).resolve() if file else path
        if not destination.exists():
            broken.append(target)
        elif anchor and destination.suffix == ".md" and anchor not in _anchors(destination):
            broken.append(target)
    assert broken == []


# -- doctests of the package --------------------------------------------------------------------
MODULES = [
    "statsbudsjett",
    *sorted(m.name for m in pkgutil.walk_packages(sb.__path__, "statsbudsjett.") if not m.name.endswith("__main__")),
]


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    module = importlib.import_module(name)
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    for test in doctest.DocTestFinder().find(module, name):
        runner.run(test, out=report.write)
    assert runner.summarize(verbose=False).failed == 0, report.getvalue()


def test_core_modules_have_doctests() -> None:
    found = sum(
        len(test.examples)
        for name in ("statsbudsjett", "statsbudsjett.money", "statsbudsjett.account", "statsbudsjett.keywords")
        for test in doctest.DocTestFinder().find(importlib.import_module(name))
    )
    assert found >= 5


# -- examples/ ----------------------------------------------------------------------------------
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_every_example_script_is_checked() -> None:
    assert sorted(p.name for p in SCRIPTS) == sorted(EXAMPLE_FIGURES)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_script_runs(script: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert EXAMPLE_FIGURES[script.name] in done.stdout, done.stdout
