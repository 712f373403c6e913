"""split_map: the second half of the jobs really runs in a forked child, in order."""

import os
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


def test_weighed_jobs_are_shared_by_weight_and_come_back_in_order():
    result = _run("""
        import os, random
        from generator.parallel import split_map
        rng = random.Random(5)
        jobs = [rng.choice([1, 1, 1, 2, 3, 100]) for _ in range(500)]  # a few heavy ones
        out = split_map(lambda w: (w, os.getpid()), jobs, weight=lambda w: w)
        assert [w for w, _ in out] == jobs
        load = {}
        for w, pid in out:
            load[pid] = load.get(pid, 0) + w
        assert len(load) == 2
        first, second = load.values()
        assert abs(first - second) <= 100, load  # at most one job apart
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


def test_background_work_runs_beside_this_process_and_its_result_waits(tmp_path):
    # The work reads a pipe that this process writes only once Background has returned:
    # had Background waited for its work, neither would go on (the run's timeout ends it),
    # and the result is what was written after the start, so result() waited for the work.
    fifo = tmp_path / "go"
    os.mkfifo(fifo)
    result = _run(f"""
        from pathlib import Path
        from generator.parallel import Background
        fifo = Path({str(fifo)!r})
        job = Background(Path.read_text, fifo)
        print("went on")
        fifo.write_text("done")
        print(job.result())
    """)
    assert result.stdout == "went on\ndone\n", result.stderr


def test_background_work_runs_in_another_process_and_its_answer_comes_back():
    result = _run("""
        import os
        from generator.parallel import Background
        from generator.cache import key
        job = Background(key, "plaque")
        assert job.result() == key("plaque") and job.result() == key("plaque")
        assert int(Background(os.readlink, "/proc/self").result()) != os.getpid()
        # what the work prints goes to stderr, not into the answer
        assert Background(print, "noise").result() is None
        print("ok")
    """)
    assert result.stdout == "ok\n", result.stderr


def test_background_errors_are_raised_when_the_result_is_asked_for():
    result = _run("""
        from generator.parallel import Background
        job = Background(int, "not a number")
        print("going on")
        try:
            job.result()
        except ValueError as error:
            print("raised:", error)
    """)
    assert result.stdout == "going on\nraised: invalid literal for int() with base 10: 'not a number'\n", \
        result.stderr


def test_cancelled_background_work_stops_and_leaves_no_child():
    result = _run("""
        import os, time
        from generator.parallel import Background
        job = Background(time.sleep, 3600)  # were it waited for, the run's timeout would end it
        job.cancel()
        try:
            os.wait()
        except ChildProcessError:
            print("no child left")
        print("work file left" if job._work.exists() else "no work file left")
    """)
    assert result.stdout == "no child left\nno work file left\n", result.stderr
