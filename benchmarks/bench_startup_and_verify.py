"""Benchmarks of start-up and scale (issue 8): the CLI's cold start and verify's growth, each against its floor.

    python benchmarks/bench_startup_and_verify.py           # about a minute; figures as markdown tables
    python benchmarks/bench_startup_and_verify.py --quick   # fewer runs, for a smoke run

Both measurements in one run, on the same machine under the same load:

* cold start: ``python -m statsbudsjett note-b`` (the bundled example) as new processes,
  beside its floor ``python -c "import attrs, tabulate, tomllib"`` (the libraries it cannot
  do without), the commands taking turns, bytecode cached; the median of the N rounds' own
  ratios (each round runs the floor, then ``note-b``). Target: at most 1.3 × the floor.
* verify: ``statsbudsjett.verify(publish(year))`` for synthetic agency-years of 250, 500, 1 000
  and 2 000 own posts (``bench_statements.synthetic_year``: every kind of record), the
  sizes taking turns; best of N runs. Target: 2 000 posts in at most 5 × the time of 500
  (linear is 4 ×), with the garbage collector enabled as it is for a user (``verify`` pauses
  it while it builds its findings); the same runs with it disabled throughout are shown beside.

The subprocesses run the package this script imports (its directory is put first on
``PYTHONPATH``), so ``PYTHONPATH=src python benchmarks/bench_startup_and_verify.py`` measures
the checkout. Exit code 1 when a target is missed. Nothing here is a test: timings depend
on the machine, so no test asserts them.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_statements import machine, ms, processes, synthetic_year, verdicts

import statsbudsjett
from statsbudsjett.published import PublishedReport, publish

COLD_START_TARGET = 1.3  # × the floor
VERIFY_TARGET = 5.0  # time at 2 000 posts ÷ time at 500 posts
SIZES = (250, 500, 1000, 2000)
FLOOR = "python -c 'import attrs, tabulate, tomllib'"
NOTE_B = "python -m statsbudsjett note-b"


def environment(cache: Path) -> dict[str, str]:
    """Bytecode cached (in ``cache``, filled by the warm-up runs), and this script's package first on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    package_root = str(Path(statsbudsjett.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)
    return env


def bench_cold_start(runs: int) -> float:
    """``note-b`` ÷ its floor: the median of the rounds' own ratios.

    A round runs the floor and then ``note-b`` within a third of a second, so both meet the same
    machine; the ratio of the two medians mixes runs taken minutes apart on a machine whose speed
    drifts (the floor's median went from 84 to 120 ms between two runs of this script), and moved
    between 1.17 and 1.31 where the rounds' ratio stayed at 1.20–1.25. Both are printed.
    """
    print(f"\n### CLI cold start (median of {runs} new processes, the commands taking turns, bytecode cached, ms)\n")
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        FLOOR: [sys.executable, "-c", "import attrs, tabulate, tomllib"],
        NOTE_B: [sys.executable, "-m", "statsbudsjett", "note-b"],
        "python -m statsbudsjett note-b --format json": [sys.executable, "-m", "statsbudsjett", "note-b",
                                                         "--format", "json"],
    }
    script = Path(sys.executable).with_name("statsbudsjett")  # the console script, where installed
    if script.is_file():
        commands["statsbudsjett note-b (the console script)"] = [str(script), "note-b"]
    with tempfile.TemporaryDirectory(prefix="statsbudsjett-bench-") as cache:
        times = processes(commands, runs, environment(Path(cache)))  # its warm-up run writes the bytecode
    floor, floor_cpu = statistics.median(times[FLOOR].wall), statistics.median(times[FLOOR].cpu)
    print("| Command | median (min–max) | × the floor | CPU: median | × the floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, run in times.items():
        median, cpu = statistics.median(run.wall), statistics.median(run.cpu)
        print(f"| `{label}` | {ms(median)} ({ms(min(run.wall))}–{ms(max(run.wall))}) | {median / floor:.2f} "
              f"| {ms(cpu)} | {cpu / floor_cpu:.2f} |")
    paired = statistics.median(n / f for n, f in zip(times[NOTE_B].wall, times[FLOOR].wall, strict=True))
    print(f"\nThe median of the {runs} rounds' own ratios (`note-b` ÷ the floor run just before it): {paired:.2f}; "
          f"the ratio of the medians: {statistics.median(times[NOTE_B].wall) / floor:.2f}.")
    return paired


def timed_verify(report: PublishedReport, *, collector: bool) -> tuple[float, int, int]:
    """Seconds to verify ``report`` (with the garbage collector running, or paused), its figures and findings."""
    gc.collect()  # the previous run's findings are freed before, not during, this one
    if not collector:
        gc.disable()
    try:
        start = time.perf_counter()
        result = statsbudsjett.verify(report)  # the public call: it pauses the collector while it builds the findings
        seconds = time.perf_counter() - start
    finally:
        gc.enable()
    return seconds, result.summary.figures, len(result.findings)


def bench_verify(repeat: int) -> float:
    """The best verify time at 2 000 posts ÷ the best at 500 (the garbage collector running, as for a user)."""
    print(f"\n### statsbudsjett.verify of a synthetic agency's published report (best of {repeat}, the sizes "
          "taking turns)\n")
    reports: dict[int, PublishedReport] = {posts: publish(synthetic_year(posts)) for posts in SIZES}
    times: dict[tuple[int, bool], list[float]] = {(posts, gc_on): [] for posts in SIZES for gc_on in (True, False)}
    found: dict[int, tuple[int, int]] = {}
    for _ in range(repeat):
        for (posts, collector), seconds in times.items():
            elapsed, figures, findings = timed_verify(reports[posts], collector=collector)
            seconds.append(elapsed)
            found[posts] = (figures, findings)
    base = {collector: min(times[500, collector]) for collector in (True, False)}
    print("| Own posts | Figures | Findings | best, ms | median, ms | per post, µs | × the time of 500 posts "
          "| garbage collector paused: best, ms | × |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for posts in SIZES:
        best, paused = min(times[posts, True]), min(times[posts, False])
        figures, findings = found[posts]
        print(f"| {posts:,} | {figures:,} | {findings:,} | {ms(best)} | {ms(statistics.median(times[posts, True]))} | "
              f"{best / posts * 1e6:.0f} | {best / base[True]:.2f} | {ms(paused)} | {paused / base[False]:.2f} |"
              .replace(",", " "))
    return min(times[2000, True]) / base[True]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (a smoke run)")
    args = parser.parse_args()
    runs, repeat = (5, 2) if args.quick else (61, 5)
    print(f"Measured {time.strftime('%Y-%m-%d')} on {machine()}; load average {os.getloadavg()[0]:.2f}; "
          f"package {Path(statsbudsjett.__file__).resolve().parent}.")
    cold = bench_cold_start(runs)
    scale = bench_verify(repeat)
    missed = verdicts([(f"cold start: `{NOTE_B}` ÷ `{FLOOR}`", cold, COLD_START_TARGET, ""),
                       ("verify: 2 000 posts ÷ 500 posts (linear: 4.00)", scale, VERIFY_TARGET, "")])
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
