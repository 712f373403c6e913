#!/usr/bin/env python
"""Serve memory benchmark: what 50 rebuilds in one ``showcase serve`` process keep.

    .venv/bin/python benchmarks/serve_memory_benchmark.py [--builds 50] [-f mkdocs.yml]

``showcase serve`` is ``mkdocs.commands.serve.serve``: the first build gets a config on
which the plugins' ``on_startup`` ran; every rebuild after a change in ``data/`` calls
``mkdocs.commands.build.build`` again, in the same process, with a fresh config (a fresh
plugin instance for plugins without ``on_startup``; ours has none, Material's search
and others that have it are kept). This script runs that same sequence without the
HTTP server and the file watcher, which allocate nothing per build that matters here.

After builds 1, 5, 10 … it prints the process's resident memory (VmRSS), its peak so
far (VmHWM), the objects the cyclic collector tracks and those it holds frozen, and at
the end the peak's growth from build 1 to the last build, in percent.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEMO_CONFIG = ROOT / "examples" / "shenzhen" / "mkdocs.yml"
sys.path.insert(0, str(ROOT))


def memory() -> dict[str, int]:
    """The process's VmRSS and VmHWM in MB (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) // 1024
    return fields


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--builds", type=int, default=50)
    parser.add_argument("-f", "--config-file", type=Path, default=DEMO_CONFIG)
    args = parser.parse_args()

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    from generator.mkdocs_plugin import PUBLIC_URL_ENV

    logging.basicConfig(level=logging.ERROR)  # mkdocs' INFO lines would bury the figures
    os.chdir(args.config_file.parent)
    # as `showcase serve` does: the QR codes keep the published address
    os.environ.setdefault(PUBLIC_URL_ENV, load_config(str(args.config_file)).site_url or "")
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")

    def get_config():  # mkdocs.commands.serve.serve's, with dev_addr and site_url as ours
        return load_config(config_file=str(args.config_file), site_dir=site_dir,
                           dev_addr="127.0.0.1:8000", site_url="http://127.0.0.1:8000/")

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = _serve_url(host, port, urlsplit(config.site_url or "/").path)
    config.site_url = serve_url

    def builder(config=None) -> None:
        if config is None:
            config = get_config()
            config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=False)

    marks = sorted({1, 5, 10, 20, 30, 40, args.builds} & set(range(1, args.builds + 1)))
    print(f"{'build':>5} {'rss MB':>7} {'peak MB':>8} {'tracked':>9} {'frozen':>9} {'s':>5}")
    peaks = {}
    try:
        for number in range(1, args.builds + 1):
            started = time.perf_counter()
            builder(config if number == 1 else None)
            seconds = time.perf_counter() - started
            peaks[number] = memory()["VmHWM"]
            if number in marks:
                now = memory()
                print(f"{number:>5} {now['VmRSS']:>7} {now['VmHWM']:>8} "
                      f"{len(gc.get_objects()):>9} {gc.get_freeze_count():>9} {seconds:>5.1f}",
                      flush=True)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    last = max(peaks)
    growth = (peaks[last] - peaks[1]) * 100 / peaks[1]
    print(f"peak memory grew by {growth:.1f} % from build 1 to build {last} "
          f"({peaks[1]} → {peaks[last]} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
