#!/usr/bin/env python
"""Hostile YAML: what the worst data file a pull request can hold costs the loader.

    .venv/bin/python benchmarks/hostile_yaml_benchmark.py [--timeout 60] [--memory-mb 3000]

Writes each hostile file into a temporary folder, then reads it with
``generator.load.load_file`` in a child process of its own and prints the load's wall time
and CPU time (the CPU time is what a busy shared machine disturbs least), the peak of the
child's resident memory during the load (``VmHWM``, reset just before it, less the
resident memory then), and what the loader said. Each child runs under a memory cap
(``RLIMIT_AS``) and a timeout, so that a loader which expands an alias bomb is stopped,
not the machine: such a row reads ``killed after …`` or ``MemoryError``.

The files: "billion laughs" alias bombs of 4 to 9 levels (a few hundred bytes each, 9^n
values once expanded), nesting 1,000 and 100,000 levels deep in flow and block style, a
file just over the size limit, an endless file (a link to /dev/zero), a legitimate year
of 15,000 events, a flow list of two million values, 100,000 keys in one mapping, a
one-line text of a million characters (3 MB), and 100,000 ``!!str`` tags. No figure here is a
test: tests check what the loader says, this script shows what it costs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from generator.load import load_file

    def status(field):  # kB; this process's own memory (ru_maxrss would count the parent's)
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])

    path, root = Path(sys.argv[1]), Path(sys.argv[2])
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # the peak starts again from here: the load's own peak is measured
    before = status("VmRSS")
    start, cpu = time.perf_counter(), time.process_time()
    try:
        doc, issues = load_file(path, root)
        outcome = f"{len(issues)} messages: " + (str(issues[0]) if issues else "accepted")
    except BaseException as error:  # what a loader without limits ends in
        outcome = f"{type(error).__name__}: {str(error)[:60]}"
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu,
                      "peak_mb": (status("VmHWM") - before) / 1024, "outcome": outcome}))
""")


def alias_bomb(levels: int) -> str:
    """The classic "billion laughs": each level a list of nine aliases of the one before."""
    lines = ['l0: &l0 "lol"']
    for i in range(1, levels + 1):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def block_nesting(depth: int) -> str:
    return "".join("  " * i + "a:\n" for i in range(depth)) + "  " * depth + "x\n"


def year_of_events(count: int) -> str:
    events = "".join(
        f"  - title: 社区公益市集第 {i} 场\n    kind: festival\n    date: 2025-05-{i % 28 + 1:02d}\n"
        f"    point: beishan-centre\n    description: 二十余家社会组织设摊展示项目成果，"
        f"义卖所得用于困境儿童助学。\n" for i in range(count))
    return f"year: 2025\nsummary: 年度活动\nevents:\n{events}"


def cases(limit_bytes: int) -> list[tuple[str, str | None]]:
    """(label, YAML text); None for the endless file, made as a link."""
    out: list[tuple[str, str | None]] = []
    for levels in (4, 6, 8, 9):
        out.append((f"alias bomb, {levels} levels", alias_bomb(levels)))
    out += [
        ("flow nesting 1,000 deep", "[" * 1000 + "]" * 1000),
        ("flow nesting 100,000 deep", "[" * 100_000 + "]" * 100_000),
        ("block nesting 1,000 deep", block_nesting(1000)),
        ("file 1 byte over the limit", "# " + "x" * (limit_bytes - 3) + "\nid: a\n"),
        ("endless file (-> /dev/zero)", None),
        ("year of 15,000 events (legitimate)", year_of_events(15_000)),
        ("flow list of 2,000,000 values", "[" + "1," * 2_000_000 + "1]"),
        ("100,000 keys in one mapping", "".join(f"k{i}: v\n" for i in range(100_000))),
        ("text of 1,000,000 characters", "summary: " + "长" * 1_000_000 + "\n"),
        ("100,000 !!str tags", "".join(f"- !!str {i}\n" for i in range(100_000))),
    ]
    return out


def run(path: Path, timeout: float, memory_mb: int) -> dict:
    def cap() -> None:  # in the child: a loader without limits stops here, not the machine
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    try:
        result = subprocess.run([sys.executable, "-c", CHILD, str(path), str(path.parent)],
                                cwd=REPO, capture_output=True, text=True, timeout=timeout,
                                preexec_fn=cap)
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "cpu": float("nan"), "peak_mb": float("nan"),
                "outcome": f"killed after {timeout:.0f} s"}
    if result.returncode != 0 or not result.stdout.strip():
        tail = (result.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": float("nan"), "cpu": float("nan"), "peak_mb": float("nan"),
                "outcome": f"exit {result.returncode}: {tail[:70]}"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=60, help="seconds per file")
    parser.add_argument("--memory-mb", type=int, default=3000, help="address space per child")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from generator import load

    limit = getattr(load, "MAX_FILE_BYTES", 4 * 1024 * 1024)
    print(f"{'file':38} {'bytes':>10} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}  outcome")
    worst_s = worst_cpu = worst_mb = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, text) in enumerate(cases(limit)):
            path = Path(tmp) / f"case-{i}.yml"
            if text is None:
                os.symlink("/dev/zero", path)
                size = "endless"
            else:
                path.write_text(text, encoding="utf-8")
                size = f"{path.stat().st_size:,}"
            figures = run(path, args.timeout, args.memory_mb)
            worst_s = max(worst_s, figures["seconds"] if figures["seconds"] == figures["seconds"]
                          else args.timeout)
            if figures["cpu"] == figures["cpu"]:  # not NaN
                worst_cpu = max(worst_cpu, figures["cpu"])
            if figures["peak_mb"] == figures["peak_mb"]:
                worst_mb = max(worst_mb, figures["peak_mb"])
            print(f"{label:38} {size:>10} {figures['seconds']:7.3f} {figures['cpu']:7.3f} "
                  f"{figures['peak_mb']:8.1f}  {figures['outcome'][:110]}", flush=True)
    print(f"\nworst case: {worst_s:.2f} s wall, {worst_cpu:.2f} s CPU, {worst_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
