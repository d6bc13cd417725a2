"""Benchmarks of statsbudsjett: CLI cold start, large agencies, many agency-years.

    python benchmarks/bench_statements.py            # everything, figures as markdown tables
    python benchmarks/bench_statements.py --quick    # fewer repetitions, for a smoke run

Figures go to docs/performance.md with the date and the machine. Nothing here is a
test: timings depend on the machine, so no test asserts them.

* cold start: ``statsbudsjett note-b`` on the bundled example, as new processes
  (median of N runs), beside the interpreter alone and the package import;
* one large agency: all three statements for a synthetic agency with 500, 1 000 and
  2 000 own posts, computed and rendered as text;
* many agency-years: all three statements for 250, 500 and 1 000 agency-years of
  20 posts each, in one process.

Synthetic agencies are consistent (every reference points at a line, splits add up,
reallocations stay within 5 %) and use every kind of record, so every code path of
the statements runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import statsbudsjett as sb
from statsbudsjett import (
    AgencyYear,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    Money,
    Reallocation,
    RevenueAuthorisation,
    Saving,
)

# Ten posts per chapter, in every post group and with every transfer rule:
# 5 %-posts (01, 22, 23), «kan overføres» (21, 45, 70), post 24, overslagsbevilgning (71), none (50, 60).
POSTS = (1, 21, 22, 23, 24, 45, 50, 60, 70, 71)
KEYWORDS = {21: "kan overføres", 45: "kan overføres", 70: "kan overføres", 71: "overslagsbevilgning"}
FIRST_CHAPTER = 100


# -- synthetic agency-years ---------------------------------------------------------------
def synthetic_year(posts: int, seed: int = 2021, agency: str = "Syntetisk etat") -> AgencyYear:
    """An agency-year with ``posts`` own expense posts (a multiple of 10) and every kind of record."""
    if posts % len(POSTS):
        raise ValueError(f"posts must be a multiple of {len(POSTS)}")
    rng = random.Random(seed)
    expense, income, revenue, chargebacks, reallocations, savings = [], [], [], [], [], []
    for chapter in range(FIRST_CHAPTER, FIRST_CHAPTER + posts // len(POSTS)):
        allocated = {}
        for post in POSTS:
            allocated[post] = rng.randrange(1_000_000, 200_000_000) * 100  # øre
            spread = allocated[post] // 10  # accounted within -10 % … +5 % of the allocation
            keyword = KEYWORDS.get(post)
            expense.append(ExpenseLine.with_keywords(
                f"{chapter}.{post:02d}", [keyword] if keyword else [],
                text=f"Post {post:02d}",
                carried_over=Money.from_ore(rng.randrange(0, allocated[post] // 10)),
                allocated=Money.from_ore(allocated[post]),
                previous_allocated=Money.from_ore(allocated[post] - rng.randrange(0, 10**8)) if keyword else None,
                accounted=Money.from_ore(allocated[post] + rng.randrange(-spread, spread // 2)),
            ))
        income_account = f"{chapter + 3000}.02"
        budgeted = rng.randrange(10**8, 10**10)
        difference = rng.randrange(-10**8, 10**9)
        income.append(IncomeLine(income_account, text="Salgsinntekter", allocated=Money.from_ore(budgeted),
                                 accounted=Money.from_ore(budgeted + difference)))
        half = difference // 2
        revenue.append(RevenueAuthorisation(
            income=[income_account], expense=[f"{chapter}.01", f"{chapter}.21"],
            allocation={f"{chapter}.01": Money.from_ore(half), f"{chapter}.21": Money.from_ore(difference - half)},
        ))
        chargebacks.append(Chargeback("given", f"{chapter}.70", used=Money.from_ore(rng.randrange(0, 10**9))))
        reallocations.append(Reallocation("to_investment", target=f"{chapter}.45", origin=f"{chapter}.01",
                                          amount=Money.from_ore(allocated[1] // 40)))
        savings.append(Saving(f"{chapter}.21", Money.from_ore(rng.randrange(0, 10**8))))
    return AgencyYear(
        agency=agency, fiscal_year=2021, expense=expense, income=income, revenue_authorisations=revenue,
        chargebacks=chargebacks, reallocations=reallocations, savings=savings,
    )


def all_statements(year: AgencyYear) -> list[sb.AppropriationReport | sb.NoteA | sb.NoteB]:
    return [sb.appropriation_report(year), sb.note_a(year), sb.note_b(year)]


# -- timing ---------------------------------------------------------------------------------
def best_of(repeat: int, work: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds: the least disturbed by other processes."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass
class Runs:
    """Seconds of a command's new processes: wall clock, and CPU (user + system: waiting for a core adds none)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)


def processes(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, Runs]:
    """``runs`` new processes per command, after one warm-up run each.

    The commands take turns, so that a burst of load on the machine falls on all of them alike.
    """
    for command in commands.values():
        subprocess.run(command, capture_output=True, check=True, env=env)
    times = {label: Runs() for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True, env=env)
            times[label].wall.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times[label].cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times


def bytecode_environments(cache: Path) -> dict[str, dict[str, str]]:
    """Two ways a process may start: with the bytecode cached (as after ``pip install .``, which
    compiles it), and with the package compiled from source at every start (an editable
    checkout under ``PYTHONDONTWRITEBYTECODE=1``)."""
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cached["PYTHONPYCACHEPREFIX"] = str(cache)  # filled by the warm-up run, outside the checkout
    from_source = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    from_source["PYTHONDONTWRITEBYTECODE"] = "1"
    return {"bytecode cached": cached, "no bytecode written": from_source}


def console_script() -> str:
    """The installed ``statsbudsjett`` script beside this interpreter (not a shell shim on PATH)."""
    beside = Path(sys.executable).with_name("statsbudsjett")
    if beside.is_file():
        return str(beside)
    found = shutil.which("statsbudsjett")
    if found is None:
        raise SystemExit("the statsbudsjett command is not installed: pip install .")
    return found


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}".replace(",", " ")


# -- the benchmarks -------------------------------------------------------------------------
def bench_cold_start(runs: int) -> None:
    print(f"\n### CLI cold start (median of {runs} new processes, ms)\n")
    script = console_script()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import statsbudsjett'": [sys.executable, "-c", "import statsbudsjett"],
        "statsbudsjett note-b": [script, "note-b"],
        "statsbudsjett note-b --format json": [script, "note-b", "--format", "json"],
        "python -m statsbudsjett note-b": [sys.executable, "-m", "statsbudsjett", "note-b"],
    }
    shim = shutil.which("statsbudsjett")
    if shim and Path(shim).resolve() != Path(script).resolve():
        commands[f"statsbudsjett note-b through the shim {shim}"] = [shim, "note-b"]
    with tempfile.TemporaryDirectory(prefix="statsbudsjett-bench-") as cache:
        results = {name: processes(commands, runs, env) for name, env in bytecode_environments(Path(cache)).items()}
    print("| Command | " + " | ".join(f"{name}: median (min–max)" for name in results) + " |")
    print("| --- |" + " ---: |" * len(results))
    for label in commands:
        cells = [f"{ms(statistics.median(wall))} ({ms(min(wall))}–{ms(max(wall))})"
                 for wall in (times[label].wall for times in results.values())]
        print(f"| `{label}` | " + " | ".join(cells) + " |")


def bench_large_agency(sizes: list[int], repeat: int) -> None:
    print(f"\n### One large agency: all three statements (best of {repeat}, ms)\n")
    print("| Own posts | Build the AgencyYear | Compute the 3 statements | Render as text | "
          "Compute per post (µs) | Render per post (µs) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for posts in sizes:
        build = best_of(repeat, partial(synthetic_year, posts))
        year = synthetic_year(posts)
        compute = best_of(repeat, partial(all_statements, year))
        render = best_of(repeat, partial(sb.render, all_statements(year), "text"))
        print(f"| {posts:,} | {ms(build)} | {ms(compute)} | {ms(render)} | "
              f"{compute / posts * 1e6:.1f} | {render / posts * 1e6:.1f} |".replace(",", " "))


def bench_many_years(counts: list[int], repeat: int, posts: int = 20) -> None:
    print(f"\n### Many agency-years in one process: all three statements ({posts} posts each, best of {repeat}, ms)\n")
    print("| Agency-years | Compute the 3 statements | + render as JSON | Per agency-year (µs) |")
    print("| ---: | ---: | ---: | ---: |")
    pool = [synthetic_year(posts, seed=i, agency=f"Etat {i}") for i in range(max(counts))]
    for count in counts:
        years = pool[:count]

        def compute_all(years: list[AgencyYear] = years) -> None:
            for year in years:
                all_statements(year)

        def compute_and_render(years: list[AgencyYear] = years) -> None:
            for year in years:
                sb.render(all_statements(year), "json")

        compute = best_of(repeat, compute_all)
        both = best_of(repeat, compute_and_render)
        print(f"| {count:,} | {ms(compute)} | {ms(both)} | {both / count * 1e6:,.0f} |".replace(",", " "))


def verdicts(targets: list[tuple[str, float, float, str]]) -> int:
    """Print each measured figure against its target (``what, value, target, unit``) and the load;
    the number of targets missed (a benchmark's exit code is 1 when one is)."""
    missed = 0
    print()
    for what, value, target, unit in targets:
        met = value <= target
        missed += not met
        print(f"- {what}: **{value:.2f}{unit}** (target ≤ {target:.2f}{unit}): {'met' if met else 'MISSED'}")
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    return missed


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, statsbudsjett {sb.__version__}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    args = parser.parse_args()
    runs, repeat = (5, 1) if args.quick else (21, 5)
    print(f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; load average {os.getloadavg()[0]:.2f}.")
    bench_cold_start(runs)
    bench_large_agency([500, 1000, 2000], repeat)
    bench_many_years([250, 500, 1000], repeat)


if __name__ == "__main__":
    main()
