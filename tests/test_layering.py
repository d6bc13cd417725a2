"""The layout: a pure core between adapters, no import cycles, no shadowed subpackages (DESIGN.md).

The core (everything outside ``io/`` and the command line) imports no adapter, no TOML
parser, no table library and no command-line code; adapters import the core, never the
other way. Module-level imports form no cycle. The top level's lazy names resolve.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import statsbudsjett

PACKAGE = Path(statsbudsjett.__file__).resolve().parent
ADAPTERS = ("statsbudsjett.io", "statsbudsjett.cli", "statsbudsjett.__main__")
# What the core never imports: files, formats, tables and the command line.
FORBIDDEN_IN_CORE = ("tomllib", "tabulate", "argparse", "csv", "json", "xlsxwriter", "openpyxl", "zipfile")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_adapter(module: str) -> bool:
    return any(module == a or module.startswith(a + ".") for a in ADAPTERS)


def _imports(module: str, *, top_level_only: bool) -> set[str]:
    """The modules ``module`` imports (absolute names); with ``top_level_only``, not those
    imported inside functions or under ``if TYPE_CHECKING``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names if f"{name}.{alias.name}" in MODULES)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


CORE = sorted(m for m in MODULES if not _is_adapter(m) and m != "statsbudsjett")


@pytest.mark.parametrize("module", CORE)
def test_the_core_imports_no_adapter(module):
    imported = _imports(module, top_level_only=False)
    adapters = sorted(m for m in imported if _is_adapter(m))
    assert not adapters, f"{module} (core) imports the adapter(s) {adapters}"
    libraries = sorted(m for m in imported if m.split(".")[0] in FORBIDDEN_IN_CORE)
    assert not libraries, f"{module} (core) imports {libraries}: reading and writing files belongs in io/"


def test_no_import_cycles():
    graph = {m: {i for i in _imports(m, top_level_only=True) if i in MODULES and i != m} for m in MODULES}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if target == "statsbudsjett":  # the lazy top level imports nothing at load time
                continue
            if state.get(target) == 1:
                cycle = [*path[path.index(target):], target]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("name", ["verification", "history", "io", "statements", "rules", "published"])
def test_subpackages_are_not_shadowed(name):
    module = importlib.import_module(f"statsbudsjett.{name}")
    assert getattr(statsbudsjett, name) is module
    assert name not in statsbudsjett.__all__


def test_every_top_level_name_resolves():
    assert sorted(statsbudsjett.__all__) == sorted(statsbudsjett._EXPORTS)
    for name in statsbudsjett.__all__:
        assert getattr(statsbudsjett, name) is not None, name


def test_import_loads_nothing_but_the_package():
    """``import statsbudsjett`` is cheap: no verify, history, io or tabulate until used."""
    code = ("import sys, statsbudsjett; print(sorted(m for m in sys.modules if m.startswith('statsbudsjett.') "
            "or m == 'tabulate'))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_printing_note_b_loads_neither_verify_nor_history():
    """Nor a writer it does not use: the workbook's (xlsxwriter), json."""
    code = ("import sys; from statsbudsjett.cli import main; main(['note-b']); "
            "print([m for m in sys.modules if m.startswith(('statsbudsjett.verification', 'statsbudsjett.history', "
            "'statsbudsjett.published', 'statsbudsjett.io.history', 'statsbudsjett.io.published', "
            "'statsbudsjett.io.xlsx', 'xlsxwriter', 'openpyxl')) or m == 'json'], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_printing_note_b_loads_only_what_it_uses():
    """Start-up (docs/performance.md): the other statements, JSON and the "did you mean" hints are
    imported where they are used, not by printing Note B."""
    unused = ("json", "difflib", "statsbudsjett.statements.allocation_note", "statsbudsjett.statements.appropriation")
    code = ("import sys; from statsbudsjett.cli import main; main(['note-b']); "
            f"print([m for m in {unused!r} if m in sys.modules], file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr.strip().splitlines()[-1] == "[]"
