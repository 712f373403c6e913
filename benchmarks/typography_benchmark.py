#!/usr/bin/env python
"""Typography lint benchmark: what the lint of showcase check costs at a city's size.

    .venv/bin/python benchmarks/typography_benchmark.py [--sizes 100 1000]

For each size N, writes build_benchmark's synthetic data (N points, N projects, N/5
cases, the years; its texts have half-width punctuation, as a city's first data has),
then measures: the findings and the lint's time on it, ``fix`` of all of them, and the
lint again on the corrected data (what every check and build pays), on one core and on
two (``lint``, as the gate runs it), beside the YAML parsing of the same files alone.
CPU seconds are this process' own; wall seconds include the forked half.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build_benchmark  # noqa: E402

from generator import typography  # noqa: E402
from generator.load import load_file  # noqa: E402


def measure(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        data = base / "data"
        build_benchmark.write_data(data, n, 1)
        typography.corrected("预热")  # AutoCorrect's configuration, once
        start = time.process_time()
        found = typography.findings(typography.read_texts(data, base))
        first = time.process_time() - start
        start = time.process_time()
        done = typography.fix(data, base)
        fixing = time.process_time() - start
        start = time.process_time()
        clean = typography.findings(typography.read_texts(data, base))
        one_cpu = time.process_time() - start
        start = time.perf_counter()
        typography.lint(data, base)
        two_wall = time.perf_counter() - start
        start = time.process_time()
        for path in sorted(data.rglob("*.yml")):
            load_file(path, base)
        parsing = time.process_time() - start
        print(f"N={n}: {len(found)} findings in {first:.2f} s CPU; fix {sum(done.written.values())} "
              f"texts in {len(done.written)} files in {fixing:.2f} s CPU ({len(done.refused)} refused); "
              f"then {len(clean)} findings: lint {one_cpu:.2f} s CPU on one core, "
              f"{two_wall:.2f} s wall on two; parsing the files alone {parsing:.2f} s CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    for n in parser.parse_args().sizes:
        measure(n)


if __name__ == "__main__":
    main()
