"""split_map: the second half of the jobs really runs in a forked child, in order."""

import subprocess
import sys
import textwrap

from .conftest import ROOT


def _run(code: str) -> subprocess.CompletedProcess:
    # a fresh interpreter: no other thread, so split_map may fork
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_results_come_back_in_order_from_two_processes():
    result = _run("""
        import os
        from generator.parallel import split_map
        out = split_map(lambda n: (n * n, os.getpid()), list(range(1000)))
        assert [square for square, _ in out] == [n * n for n in range(1000)]
        pids = [pid for _, pid in out]
        assert pids[:500] == [os.getpid()] * 500
        assert len(set(pids[500:])) == 1 and pids[500] != os.getpid()
        print("ok")
    """)
    assert result.stdout == "ok\n" and result.returncode == 0, result.stderr


def test_an_error_in_the_child_half_is_raised_in_the_parent():
    result = _run("""
        from generator.parallel import split_map
        def job(n):
            if n == 900:
                raise ValueError("page 900 failed")
            return n
        try:
            split_map(job, list(range(1000)))
        except ValueError as error:
            print("raised:", error)
    """)
    assert result.stdout == "raised: page 900 failed\n", result.stderr


def test_an_error_in_the_parent_half_still_reaps_the_child():
    result = _run("""
        import os
        from generator.parallel import split_map
        def job(n):
            if n == 3:
                raise KeyError("first half")
            return n
        try:
            split_map(job, list(range(1000)))
        except KeyError:
            try:
                os.wait()
            except ChildProcessError:
                print("no child left")
    """)
    assert result.stdout == "no child left\n", result.stderr


def test_few_jobs_stay_in_this_process():
    result = _run("""
        import os
        from generator.parallel import split_map
        assert set(split_map(lambda n: os.getpid(), list(range(10)))) == {os.getpid()}
        print("ok")
    """)
    assert result.stdout == "ok\n", result.stderr
