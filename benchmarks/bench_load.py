"""Benchmark of loading large v1 files: time and peak memory (tracemalloc).

    python benchmarks/bench_load.py            # 10 000, 50 000 and 100 000 posts; markdown tables
    python benchmarks/bench_load.py --quick    # 10 000 posts only, for a smoke run

The figures go to the section "Loading large files" of docs/performance.md. Nothing
here is a test: timings depend on the machine, so no test asserts them.

Each file is written by :func:`statsbudsjett.dump` from a synthetic agency-year with
the given number of expense posts (80 posts on each of as many chapters as needed),
an income post per chapter, a revenue authorisation and a given chargeback per
chapter, and the capital accounts. The stages measured:

* ``tomllib`` alone — the parser every loader needs;
* ``read_toml`` — parsing plus the scanner that records every key's line and column;
* ``load`` — the whole loader: checks, model, located problems;
* a broken file — the same file with one error in every hundredth post, all reported.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import time
import tomllib
import tracemalloc
from collections.abc import Callable
from functools import partial

import statsbudsjett as sb
from statsbudsjett import (
    AgencyYear,
    CapitalAccount,
    Chargeback,
    ExpenseLine,
    IncomeLine,
    RevenueAuthorisation,
)
from statsbudsjett.io.toml_document import read_toml

POSTS_PER_CHAPTER = 80
FIRST_CHAPTER = 100


def synthetic_year(posts: int) -> AgencyYear:
    """An agency-year with ``posts`` own expense posts and the records that reference them."""
    expense, income, authorisations, chargebacks = [], [], [], []
    chapters = -(-posts // POSTS_PER_CHAPTER)
    for index in range(chapters):
        chapter = FIRST_CHAPTER + index
        count = min(POSTS_PER_CHAPTER, posts - index * POSTS_PER_CHAPTER)
        for post in range(1, count + 1):
            expense.append(ExpenseLine(
                f"{chapter}.{post:02d}", text=f"Post {post} på kapittel {chapter}",
                keywords="kan overføres" if post % 3 == 0 else (),
                carried_over=post * 1000, allocated=post * 1_000_000 + 50 if post % 7 else "1234567.89",
                accounted=post * 990_000,
            ))
        income.append(IncomeLine(f"{chapter + 3000}.02", "Salgsinntekter", allocated=100_000, accounted=150_000))
        authorisations.append(RevenueAuthorisation([f"{chapter + 3000}.02"], [f"{chapter}.01"]))
        chargebacks.append(Chargeback("given", f"{chapter}.02", used=1000, limit=2000, counterparty="Etaten"))
    net = sb.Money.total(line.accounted for line in expense) - sb.Money.total(line.accounted for line in income)
    return AgencyYear(
        "Syntetisk etat", 2024, expense=expense, income=income, revenue_authorisations=authorisations,
        chargebacks=chargebacks, chapter_names={FIRST_CHAPTER + i: f"Kapittel {i}" for i in range(chapters)},
        capital_accounts=[CapitalAccount("60090701", "Norges Bank KK /innbetalinger", 0),
                          CapitalAccount("60090702", "Norges Bank KK/utbetalinger", -net)],
    )


def broken(text: str) -> str:
    """One error in every hundredth post: a float amount."""
    lines = text.split("\n")
    seen = 0
    for number, line in enumerate(lines):
        if line.startswith("accounted = "):
            seen += 1
            if seen % 100 == 0:
                lines[number] = line + ".5"
    return "\n".join(lines)


def timed(work: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best wall time in seconds (garbage collected before each run)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def peak_mib(work: Callable[[], object]) -> float:
    """Peak memory allocated while ``work`` runs, in MiB (tracemalloc; the input text excluded)."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 2**20


def grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def load_broken(text: str) -> int:
    try:
        sb.load(text)
    except sb.InputError as error:
        return len(error.errors)
    raise AssertionError("the broken file loaded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 000 posts only, one run each")
    args = parser.parse_args()
    sizes = (10_000,) if args.quick else (10_000, 50_000, 100_000)
    repeat = 1 if args.quick else 5
    print(f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
          f"statsbudsjett {sb.__version__}; median (best) of {repeat} runs\n")
    print("| Posts | File | Lines | tomllib, s | read_toml, s | load, s | load peak, MiB | µs per post |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    texts = {}
    for posts in sizes:
        text = sb.dump(synthetic_year(posts))
        texts[posts] = text
        year = sb.load(text)
        assert len(year.expense) == posts
        parse = timed(partial(tomllib.loads, text), repeat)
        positions = timed(partial(read_toml, text), repeat)
        load = timed(partial(sb.load, text), repeat)
        peak = peak_mib(partial(sb.load, text))
        print(f"| {grouped(posts)} | {len(text.encode()) / 2**20:.1f} MiB | {grouped(text.count(chr(10)))} "
              f"| {parse[0]:.2f} ({parse[1]:.2f}) | {positions[0]:.2f} ({positions[1]:.2f}) "
              f"| **{load[0]:.2f}** ({load[1]:.2f}) | {peak:.0f} | {load[0] / posts * 1e6:.0f} |")
    largest = max(sizes)
    bad = broken(texts[largest])
    errors = load_broken(bad)
    duration = timed(lambda: load_broken(bad), repeat)
    peak = peak_mib(lambda: load_broken(bad))
    print(f"\nBroken file: {grouped(largest)} posts with {grouped(errors)} errors, all reported, in "
          f"{duration[0]:.2f} s (best {duration[1]:.2f}), peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
