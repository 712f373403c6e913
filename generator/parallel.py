"""The second core: a forked child does half of a list of independent jobs.

mkdocs builds on one core. Our render stage is thousands of independent pages, so a
child process made with fork (which shares everything already loaded, copy-on-write)
renders the second half while this process renders the first. Results come back
pickled through a pipe. Without fork, with few jobs, or when other threads run (as in
`mkdocs serve`, where forking beside a server thread is unsafe), it runs in order.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_JOBS = 200  # below this, starting a process costs more than it saves


def split_map(function: Callable[[T], R], jobs: Sequence[T]) -> list[R]:
    """``[function(job) for job in jobs]``, the second half in a forked child."""
    if len(jobs) < MIN_JOBS or not hasattr(os, "fork") or threading.active_count() > 1:
        return [function(job) for job in jobs]
    half = len(jobs) // 2
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(read)
            try:
                payload = (True, [function(job) for job in jobs[half:]])
            except BaseException as error:  # noqa: BLE001 - handed to the parent to raise
                payload = (False, _picklable(error))
            with os.fdopen(write, "wb") as out:
                pickle.dump(payload, out, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - a child must never run the parent's code on
            status = 1
        finally:
            os._exit(status)
    os.close(write)
    try:
        mine = [function(job) for job in jobs[:half]]
    finally:  # read the child's answer even if ours failed: it would block on a full pipe
        with os.fdopen(read, "rb") as stream:
            try:
                answer = pickle.load(stream)
            except EOFError:
                answer = (False, RuntimeError("the render child process died"))
        os.waitpid(pid, 0)
    ok, theirs = answer
    if not ok:
        raise theirs
    return mine + theirs


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.dumps(error)
        return error
    except Exception:  # noqa: BLE001 - any unpicklable error becomes its traceback
        return RuntimeError("".join(traceback.format_exception(error)))
