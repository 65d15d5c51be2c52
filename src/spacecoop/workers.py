"""A pool of long-lived sandboxed worker processes, for a server that runs many queries.

The command line forks one sandboxed worker per query (:func:`safety.run_sandboxed`), which
costs a fork and the opening of the store each time (about 25 ms). A server keeps a few
workers instead, each with the store open, and gives each query to an idle one. A worker
past a query's deadline is killed and a new one takes its place, so a slow query holds up
only its own worker: while fewer than ``maximum`` queries run, another one finds a worker at
once (started on demand, if none is idle).

Workers are forked by one thread of the pool's own, which lives as long as the pool: a
worker dies with the thread that forked it (Linux's parent-death signal), and the threads
of a server's thread pool come and go.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from concurrent.futures import Future
from typing import Callable

from .errors import SpacecoopError
from .safety import TOO_DEEP, QueryFailedError, QueryTimeoutError, answer_of, enter_sandbox, outcome


class PoolClosedError(SpacecoopError):
    """The pool was closed (the server is stopping)."""

    kind = "refused"


class _Worker:
    """One worker process and the two one-way pipes to it."""

    def __init__(self, process, requests, answers):
        self.process = process
        self.requests = requests
        self.answers = answers

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.requests.close()
        self.answers.close()


class WorkerPool:
    """Workers that each call ``open_resource()`` once, then ``handle(resource, job)`` for
    each job they are given, in a sandbox (see :func:`safety.enter_sandbox`). ``job`` and
    what ``handle`` returns must be picklable."""

    def __init__(self, open_resource: Callable[[], object], handle: Callable[[object, object], object],
                 minimum: int, maximum: int):
        if not 1 <= minimum <= maximum:
            raise ValueError(f"a pool needs 1 <= minimum <= maximum workers, not {minimum}, {maximum}")
        self.minimum, self.maximum = minimum, maximum
        self._open_resource = open_resource
        self._handle = handle
        self._idle: list[_Worker] = []
        self._count = 0  # workers alive: idle, busy or being started
        self._closed = False
        self._changed = threading.Condition()
        self._spawn_requests: queue.SimpleQueue = queue.SimpleQueue()
        self._spawner = threading.Thread(target=self._spawn_loop, name="query-workers", daemon=True)
        self._spawner.start()
        with self._changed:
            self._count = minimum
        for _ in range(minimum):
            self._idle_when_started(self._spawn())

    def run(self, job, *, timeout: float, source: str):
        """What a worker's ``handle(resource, job)`` returns, within ``timeout`` seconds for
        the whole of it (waiting for a worker included); its errors are raised here."""
        deadline = time.monotonic() + timeout
        worker = self._take(deadline, timeout, source)
        finished = False
        try:
            worker.requests.send((job, source))
            if not worker.answers.poll(max(0.0, deadline - time.monotonic())):
                raise QueryTimeoutError(f"stopped after {timeout:g} s", source, hint="timeout")
            try:
                status, payload = worker.answers.recv()
            except EOFError:
                raise QueryFailedError(TOO_DEEP, source) from None  # the worker's stack overflowed
            finished = True
            return answer_of(status, payload)
        finally:
            self._give_back(worker, reusable=finished)

    def close(self) -> None:
        """Stop every worker; a query under way ends with an error."""
        with self._changed:
            self._closed = True
            idle, self._idle = self._idle, []
            self._changed.notify_all()
        for worker in idle:
            worker.stop()
        self._spawn_requests.put(None)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- inside

    def _take(self, deadline: float, timeout: float, source: str) -> _Worker:
        """An idle worker; a new one if none is idle and fewer than ``maximum`` are alive;
        else wait for one, until ``deadline``."""
        with self._changed:
            while True:
                if self._closed:
                    raise PoolClosedError("the server is stopping", source)
                if self._idle:
                    return self._idle.pop()
                if self._count < self.maximum:
                    self._count += 1
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._changed.wait(remaining):
                    raise QueryTimeoutError(f"stopped after {timeout:g} s (every worker was busy)", source,
                                            hint="timeout")
        try:
            return self._spawn().result()
        except BaseException:
            with self._changed:
                self._count -= 1
                self._changed.notify()
            raise

    def _give_back(self, worker: _Worker, reusable: bool) -> None:
        """A worker that answered goes back to the idle ones; one that did not (stopped at the
        deadline, or dead) is stopped, and another is started in its place when fewer than
        ``minimum`` are left (otherwise when a query needs it)."""
        with self._changed:
            keep = reusable and not self._closed and worker.process.is_alive()
            if keep:
                self._idle.append(worker)
            else:
                self._count -= 1
            replace = not keep and not self._closed and self._count < self.minimum
            if replace:
                self._count += 1
            self._changed.notify()
        if not keep:
            worker.stop()
        if replace:  # keep ``minimum`` workers ready
            self._idle_when_started(self._spawn())

    def _idle_when_started(self, started: Future) -> None:
        def add(future: Future) -> None:
            with self._changed:
                if future.exception() is not None or self._closed:
                    self._count -= 1
                    if future.exception() is None:
                        future.result().stop()
                else:
                    self._idle.append(future.result())
                self._changed.notify()
        started.add_done_callback(add)

    def _spawn(self) -> Future:
        """A worker started by the pool's own thread (see the module's docstring)."""
        future: Future = Future()
        self._spawn_requests.put(future)
        return future

    def _spawn_loop(self) -> None:
        context = multiprocessing.get_context("fork")
        while (future := self._spawn_requests.get()) is not None:
            try:
                requests_out, requests_in = context.Pipe(duplex=False)
                answers_out, answers_in = context.Pipe(duplex=False)
                process = context.Process(target=_serve, daemon=True,
                                          args=(self._open_resource, self._handle, requests_out, answers_in,
                                                os.getpid()))
                process.start()
                requests_out.close()
                answers_in.close()
                future.set_result(_Worker(process, requests_in, answers_out))
            except BaseException as error:  # reported to whoever waits for this worker
                future.set_exception(error)


def _serve(open_resource, handle, requests, answers, parent: int) -> None:
    """A worker's body: open the resource once, then answer jobs until the pipe closes."""
    attempts = enter_sandbox(parent, keep=-1)
    resource = open_resource()
    while True:
        try:
            job, source = requests.recv()
        except EOFError:
            return
        answers.send(outcome(lambda: handle(resource, job), attempts, source))
