"""What keeps a query engine safe when it runs a query on behalf of a user.

Engines reach the web for SERVICE (rdflib and Oxigraph both send the request) and rdflib
for FROM / FROM NAMED; an update must never travel the query path. Such queries are refused
from their text (see :mod:`.query_text`), before any engine sees them. Evaluation then runs
in a forked worker that cannot stop the command: it has a deadline, dies with its parent,
and has no network (its own empty network namespace, where Linux allows it) and no way to
start a program, so that a check missed here still cannot make it call out.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import stat
import sys
import threading
import time
from functools import partial
from typing import Callable

from . import query_text
from .errors import SpacecoopError


class UnsafeQueryError(SpacecoopError):
    """A query the engine will not run (an update, SERVICE, FROM)."""

    kind = "refused"


class QuerySyntaxError(SpacecoopError):
    """A query that is not SPARQL 1.1, or no query at all."""


class QueryTimeoutError(SpacecoopError):
    """The query ran past its deadline and was stopped."""

    kind = "timeout"


class QueryFailedError(SpacecoopError):
    """The engine raised an error while reading or evaluating the query."""


#: Audit events that reach outside the worker: the network, other programs.
OUTSIDE_EVENTS = frozenset({
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
    "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo", "urllib.Request",
    "http.client.connect", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn",
    "os.spawn",
})

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000  # from <linux/sched.h>
#: Engines parse and evaluate by recursion: the worker allows deep recursion, and a query
#: deeper still ends the worker alone.
WORKER_RECURSION_LIMIT = 20_000
TOO_DEEP = "the query is nested too deeply (or its groups are too long) for the engine: simplify it"


def query_form(text: str, source: str = "query") -> str:
    """The form of ``text``: SELECT, ASK, CONSTRUCT or DESCRIBE; updates and text that is no
    query are refused (a server checks the rest, SERVICE and FROM included, by its own policy)."""
    if query_text.update_word(text):
        raise UnsafeQueryError("updates are refused: this command only reads the graph", source)
    form = query_text.form(text)
    if form is None:
        prologue_only = {word for word, _, _ in query_text.words(text)} <= {"PREFIX", "BASE"}
        raise QuerySyntaxError(f"{'empty query' if prologue_only else 'not a query'}: no SELECT, ASK, "
                               "CONSTRUCT or DESCRIBE", source)
    return form


def checked_query(text: str, source: str = "query") -> tuple[str, str]:
    """The form of ``text`` (see :func:`query_form`) and the text to run (LIMIT and OFFSET
    brought within what engines count), or a refusal: SERVICE and FROM too. The engine
    reports any other syntax error."""
    form = query_form(text, source)
    outside = query_text.outside_word(text)
    if outside == "FROM":
        raise UnsafeQueryError("FROM and FROM NAMED are refused: they would make the engine fetch "
                               "graphs from the web; query the project's graph as it is", source)
    if outside == "SERVICE":
        raise UnsafeQueryError("SERVICE is refused: federated queries would send requests to "
                               "other servers", source)
    return form, query_text.capped_slices(text)


def run_sandboxed(job: Callable[[], object], *, timeout: float, source: str):
    """``job()`` in a forked worker, within ``timeout`` seconds for the whole of it; its
    SpacecoopErrors are raised here as they were raised there.

    The worker dies with this process and cannot reach the network or start a program.
    """
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(job, sender, os.getpid(), source), daemon=True)
    worker.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeoutError(f"stopped after {timeout:g} s", source, hint="timeout")
        try:
            status, payload = receiver.recv()
        except EOFError:
            raise QueryFailedError(TOO_DEEP, source) from None  # the worker's stack overflowed
        return answer_of(status, payload)
    finally:
        worker.kill()
        worker.join()
        receiver.close()


def _work(job, sender, parent: int, source: str) -> None:
    """The worker's body: see :func:`run_sandboxed`."""
    attempts = enter_sandbox(parent, keep=sender.fileno())
    sender.send(outcome(job, attempts, source))
    sender.close()


def enter_sandbox(parent: int, keep: int) -> list[str]:
    """Make this freshly forked process a sandbox for queries: Ctrl-C is the parent's to
    handle, it dies with ``parent``, has no network, allows deep recursion, refuses to reach
    outside (the returned list records what was tried), and holds none of the sockets it
    inherited but the file descriptor ``keep`` (a server's client connections must close
    when the server closes them, not when this worker ends)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    _close_inherited_sockets(keep)
    _leave_the_network()
    sys.setrecursionlimit(WORKER_RECURSION_LIMIT)
    attempts: list[str] = []
    sys.addaudithook(partial(_refuse_outside, attempts))
    return attempts


def outcome(job: Callable[[], object], attempts: list[str], source: str) -> tuple[str, object]:
    """("ok", what ``job()`` returned) or ("error", the SpacecoopError to raise in the
    parent); ``attempts`` to reach outside, made during the job, turn any answer into a
    refusal (and are cleared)."""
    attempts.clear()
    try:
        answer = ("ok", job())
    except SpacecoopError as error:
        answer = ("error", error)
    except RecursionError:
        answer = ("error", QueryFailedError(TOO_DEEP, source))
    except Exception as error:  # sent back to the parent, which reports it in one line
        answer = ("error", QueryFailedError(f"{type(error).__name__}: {error}", source))
    if attempts:  # whatever the engine made of the refusal, say what it tried
        answer = ("error", UnsafeQueryError(f"the query engine tried to reach outside this program "
                                            f"({attempts[0]}) and was stopped", source))
    return answer


def answer_of(status: str, payload):
    """What :func:`outcome` sent, as the parent returns or raises it."""
    if status == "error":
        raise payload
    return payload


def _close_inherited_sockets(keep: int) -> None:
    for name in os.listdir("/proc/self/fd") if os.path.isdir("/proc/self/fd") else ():
        descriptor = int(name)
        if descriptor > 2 and descriptor != keep:
            try:
                if stat.S_ISSOCK(os.fstat(descriptor).st_mode):
                    os.close(descriptor)
            except OSError:  # closed meanwhile (the listing's own descriptor)
                pass


def _refuse_outside(attempts: list[str], event: str, args) -> None:
    if event in OUTSIDE_EVENTS:
        attempts.append(event)
        raise PermissionError(f"{event} is not allowed while a query runs")


def _die_with(parent: int) -> None:
    """Make this worker end when ``parent`` does, even by SIGKILL. (On Linux, strictly when
    the parent's thread that started it ends: that thread waits for the worker's answer.)"""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _leave_the_network() -> None:
    """Move this worker into a network namespace of its own, which has no interface up: an
    engine that tries to connect anywhere (Oxigraph's SERVICE client is not Python, so the
    audit hook cannot see it) finds no network. Where Linux refuses, the text checks and the
    audit hook remain."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).unshare(_CLONE_NEWUSER | _CLONE_NEWNET)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
