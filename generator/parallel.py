"""The second core: a forked child does half of a list of independent jobs.

mkdocs builds on one core. Our render stage is thousands of independent pages, so a
child process made with fork (which shares everything already loaded, copy-on-write)
renders the second half while this process renders the first. Results come back
pickled through a pipe. Without fork, with few jobs, or when other threads run (as in
`mkdocs serve`, where forking beside a server thread is unsafe), it runs in order.

``Background`` runs one long job in a new process, for a result wanted later.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import Any, Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_JOBS = 200  # below this, starting a process costs more than it saves


def split_map(function: Callable[[T], R], jobs: Sequence[T], min_jobs: int = MIN_JOBS,
              weight: Callable[[T], float] | None = None) -> list[R]:
    """``[function(job) for job in jobs]``, the second half in a forked child.

    With *weight* (a job's expected cost), the halves are of equal weight rather than of
    equal count: a year's page with 500 events costs as much as a hundred point pages.
    """
    if len(jobs) < min_jobs or not _can_fork():
        return [function(job) for job in jobs]
    order = list(range(len(jobs)))
    if weight is not None:  # heaviest first, dealt alternately: about equal halves
        by_weight = sorted(order, key=lambda i: -weight(jobs[i]))
        order = by_weight[0::2] + by_weight[1::2]
    half = len(jobs) // 2
    child = _start(lambda: [function(jobs[i]) for i in order[half:]])
    try:
        mine = [function(jobs[i]) for i in order[:half]]
    finally:  # read the child's answer even if ours failed: it would block on a full pipe
        theirs = _answer(*child)
    if weight is None:
        return mine + theirs
    results: list[R] = [None] * len(jobs)  # type: ignore[list-item]
    for i, result in zip(order, mine + theirs):
        results[i] = result
    return results


class Background(Generic[R]):
    """``function(argument)`` in a new Python process while this one goes on.

    For work whose result is needed only later: the plaques are drawn while mkdocs
    writes the pages, which it does on one core, so the drawing takes the other one.
    The process is a fresh interpreter, not a fork: it holds only what the work needs,
    not a copy of the whole build (a fork of a build at 1,000 points starts at 220 MB),
    and it is safe beside threads. *function* must be importable (a module's top-level
    function) and *argument* picklable; the result comes back pickled, an error as well.
    """

    def __init__(self, function: Callable[[T], R], argument: T) -> None:
        # the work goes in a file the process reads and removes: through a pipe, this
        # process would wait until the other had imported what unpickling it needs
        with tempfile.NamedTemporaryFile("wb", prefix="showcase-", suffix=".pickle",
                                         delete=False) as work:
            pickle.dump((function, argument), work, protocol=pickle.HIGHEST_PROTOCOL)
        self._process: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-c", "from generator.parallel import _serve_background; "
             "_serve_background()", work.name],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, env=_child_environment())
        self._work = Path(work.name)  # removed by the process once read; by us if it died
        self._result: R | None = None
        self.cpu_seconds = 0.0  # what the work took of a core, once it is done

    def result(self) -> R:
        """What the function returned (waiting for it); its error raised here."""
        if self._process is not None:
            process, self._process = self._process, None
            with process.stdout as receive:
                try:
                    ok, answer, self.cpu_seconds = pickle.load(receive)
                except EOFError:
                    ok, answer = False, RuntimeError("the background process died")
            process.wait()
            self._work.unlink(missing_ok=True)
            if not ok:
                raise answer
            self._result = answer
        return self._result  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the work, if it still runs: the build it worked for has failed."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            process.stdout.close()
            self._work.unlink(missing_ok=True)


def _child_environment() -> dict[str, str]:
    """The environment, with this process' import path: the child finds what we found."""
    paths = [path for path in sys.path if path]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _serve_background() -> None:
    """The background process: read the work from its file, write the outcome to stdout."""
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever the work prints must not mix with the answer
    try:
        work = Path(sys.argv[1])
        with open(work, "rb") as stream:
            function, argument = pickle.load(stream)
        work.unlink()
        start = time.process_time()
        payload = (True, function(argument), time.process_time() - start)
    except BaseException as error:  # noqa: BLE001 - handed to the parent to raise
        payload = (False, _picklable(error), 0.0)
    pickle.dump(payload, answer, protocol=pickle.HIGHEST_PROTOCOL)
    answer.flush()


def _can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


def _start(work: Callable[[], R]) -> tuple[int, int]:
    """Fork a child that runs *work* and pickles its result (or its error) into a pipe."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read)
            try:
                payload = (True, work())
            except BaseException as error:  # noqa: BLE001 - handed to the parent to raise
                payload = (False, _picklable(error))
            with os.fdopen(write, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - a child must never run the parent's code on
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _answer(pid: int, read: int) -> Any:
    """The child's result; its error raised here."""
    with os.fdopen(read, "rb") as stream:
        try:
            ok, answer = pickle.load(stream)
        except EOFError:
            ok, answer = False, RuntimeError("the child process died")
    os.waitpid(pid, 0)
    if not ok:
        raise answer
    return answer


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.dumps(error)
        return error
    except Exception:  # noqa: BLE001 - any unpicklable error becomes its traceback
        return RuntimeError("".join(traceback.format_exception(error)))
