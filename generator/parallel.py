"""The second core: a forked child does half of a list of independent jobs.

mkdocs builds on one core. Our render stage is thousands of independent pages, so a
child process made with fork (which shares everything already loaded, copy-on-write)
renders the second half while this process renders the first. Results come back
pickled through a pipe. Without fork, with few jobs, or when other threads run (as in
`mkdocs serve`, where forking beside a server thread is unsafe), it runs in order.

``Background`` is the same child for one long job whose result is wanted later.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
import time
import traceback
from typing import Any, Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_JOBS = 200  # below this, starting a process costs more than it saves


def split_map(function: Callable[[T], R], jobs: Sequence[T], min_jobs: int = MIN_JOBS) -> list[R]:
    """``[function(job) for job in jobs]``, the second half in a forked child."""
    if len(jobs) < min_jobs or not _can_fork():
        return [function(job) for job in jobs]
    half = len(jobs) // 2
    child = _start(lambda: [function(job) for job in jobs[half:]])
    try:
        mine = [function(job) for job in jobs[:half]]
    finally:  # read the child's answer even if ours failed: it would block on a full pipe
        theirs = _answer(*child)
    return mine + theirs


class Background(Generic[R]):
    """``function()`` in a forked child while this process goes on; ``result()`` waits.

    For work whose result is needed only later: the plaques are drawn while mkdocs
    writes the pages, which it does on one core, so the drawing takes the other one.
    Without fork it runs in this process when its result is first asked for.
    """

    def __init__(self, function: Callable[[], R]) -> None:
        self._function: Callable[[], tuple[R, float]] | None = lambda: _timed(function)
        self._child = _start(self._function) if _can_fork() else None
        self._result: R | None = None
        self.cpu_seconds = 0.0  # what the function took of a core, once it is done

    def result(self) -> R:
        """What the function returned (waiting for it); its error raised here."""
        if self._function is not None:
            function, self._function = self._function, None
            child, self._child = self._child, None
            self._result, self.cpu_seconds = _answer(*child) if child else function()
        return self._result  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child, if it still runs: the build it worked for has failed."""
        child, self._child, self._function = self._child, None, None
        if child:
            pid, read = child
            os.kill(pid, signal.SIGTERM)
            os.close(read)
            os.waitpid(pid, 0)


def _timed(function: Callable[[], R]) -> tuple[R, float]:
    start = time.process_time()
    return function(), time.process_time() - start


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
