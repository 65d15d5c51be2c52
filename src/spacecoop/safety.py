"""What keeps rdflib's engine safe when it runs a query on behalf of a user.

rdflib fetches the web for SERVICE and for FROM / FROM NAMED, and would run an update
sent down the query path; such queries are refused on the parse tree, before translation,
however deeply they nest. Everything (parsing included) then runs in a forked worker that
cannot stop the command: it has a deadline, dies with its parent, and refuses to open a
connection or start a program, so that a check missed here still cannot make it call out.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from functools import partial
from typing import Callable

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql import parser as sparql_grammar
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query

from .errors import SpacecoopError


class UnsafeQueryError(SpacecoopError):
    """A query the local engine will not run (an update, SERVICE, FROM)."""


class QuerySyntaxError(SpacecoopError):
    """A query that is not SPARQL 1.1, or no query at all."""


class QueryTimeoutError(SpacecoopError):
    """The query ran past its deadline and was stopped."""


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
#: rdflib parses and evaluates by recursion, a level or more per pattern of a group: the
#: worker allows deep recursion (a group of hundreds of patterns), and a query deeper still
#: ends the worker alone.
WORKER_RECURSION_LIMIT = 20_000
_TOO_DEEP = "the query is nested too deeply (or its groups are too long) for the engine: simplify it"


def checked_query(text: str, source: str = "query", prefixes: dict | None = None) -> Query:
    """Parse ``text`` as a SPARQL 1.1 query and return its algebra, or refuse it.

    ``prefixes`` are predeclared (as the Wikidata Query Service does for ad-hoc queries).
    """
    parsed = _parsed(text, source)
    names = set(_node_names(parsed))
    if "DatasetClause" in names:
        raise UnsafeQueryError("FROM and FROM NAMED are refused: they would make the engine fetch "
                               "graphs from the web; query the project's graph as it is", source)
    if "ServiceGraphPattern" in names:
        raise UnsafeQueryError("SERVICE is refused: federated queries would send requests to "
                               "other servers", source)
    try:
        query = translateQuery(parsed, initNs=prefixes)
    except RecursionError:  # the worker says the query is too deep
        raise
    except Exception as error:  # rdflib raises bare Exception for an unknown prefix
        raise QuerySyntaxError(f"SPARQL error: {error}", source) from None
    _cap_slices(query.algebra)
    return query


def query_form(text: str, source: str = "query") -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, read with rdflib's parser; updates and empty
    text are refused."""
    return _parsed(text, source)[1].name.removesuffix("Query").upper()


def checked_query_form(text: str, source: str, timeout: float) -> str:
    """The form of a query to send to a server (which applies its own policy on SERVICE and
    FROM): :func:`query_form`, parsed in a worker under the ``timeout`` deadline."""
    return run_sandboxed(partial(query_form, text, source), timeout=timeout, source=source)


def _parsed(text: str, source: str) -> ParseResults:
    try:
        return parseQuery(text)
    except ParseException as error:
        try:
            update = parseUpdate(text)
        except ParseException:
            raise QuerySyntaxError(f"SPARQL syntax error: {error.msg}", source, error.lineno,
                                   error.col) from None
    if not update.request:  # rdflib reads blank, comment-only or prologue-only text as an empty update
        raise QuerySyntaxError("empty query: no SELECT, ASK, CONSTRUCT or DESCRIBE", source)
    raise UnsafeQueryError("updates are refused: this command only reads the graph", source)


def _compound_values(tree):
    """Every parse or algebra node (CompValue) in ``tree``, at any depth, without recursion
    (a deeply nested query cannot exhaust the stack here)."""
    pending, seen = [tree], set()
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            yield node
            pending.extend(dict.values(node))
        elif isinstance(node, (list, tuple, ParseResults)):
            pending.extend(node)


def _node_names(tree):
    """The name of every parse or algebra node in ``tree``, at any depth."""
    return (node.name for node in _compound_values(tree))


def _cap_slices(algebra: CompValue) -> None:
    """Bring LIMIT and OFFSET within what the engine can count (``sys.maxsize``): no graph
    has that many rows, so the answer is the same and a huge LIMIT cannot overflow."""
    for node in _compound_values(algebra):
        if node.name == "Slice":
            node["start"] = min(node.start or 0, sys.maxsize)
            if node.length is not None:
                node["length"] = min(node.length, sys.maxsize - node["start"])


def run_sandboxed(read: Callable[[], object], evaluate: Callable[[object], object] | None = None, *,
                  timeout: float, source: str):
    """``evaluate(read())`` (or just ``read()``) in a forked worker, within ``timeout``
    seconds for the whole job; its SpacecoopErrors are raised here as they were raised there.

    The worker dies with this process and cannot reach the network or start a program.
    """
    sparql_grammar.Query.streamline()  # the grammar's one-time preparation: here, not in every worker
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_work, args=(read, evaluate, sender, os.getpid(), source),
                             daemon=True)
    deadline = time.monotonic() + timeout
    worker.start()
    sender.close()
    still_reading = True
    try:
        while True:
            if not receiver.poll(max(0.0, deadline - time.monotonic())):
                doing = " while still parsing the query" if still_reading else ""
                raise QueryTimeoutError(f"stopped after {timeout:g} s{doing} (raise the limit with --timeout)",
                                        source)
            try:
                status, payload = receiver.recv()
            except EOFError:
                raise QueryFailedError(_TOO_DEEP, source) from None  # the worker's stack overflowed
            if status == "read":
                still_reading = False
            elif status == "error":
                raise payload
            else:
                return payload
    finally:
        worker.kill()
        worker.join()
        receiver.close()


def _work(read, evaluate, sender, parent: int, source: str) -> None:
    """The worker's body: see :func:`run_sandboxed`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops this worker
    _die_with(parent)
    sys.setrecursionlimit(WORKER_RECURSION_LIMIT)
    attempts: list[str] = []
    sys.addaudithook(partial(_refuse_outside, attempts))
    try:
        result = read()
        if evaluate is not None:
            sender.send(("read", None))
            result = evaluate(result)
        answer = ("ok", result)
    except SpacecoopError as error:
        answer = ("error", error)
    except RecursionError:
        answer = ("error", QueryFailedError(_TOO_DEEP, source))
    except Exception as error:  # sent back to the parent, which reports it in one line
        answer = ("error", QueryFailedError(f"{type(error).__name__}: {error}", source))
    if attempts:  # whatever the engine made of the refusal, say what it tried
        answer = ("error", UnsafeQueryError(f"the query engine tried to reach outside this program "
                                            f"({attempts[0]}) and was stopped", source))
    sender.send(answer)
    sender.close()


def _refuse_outside(attempts: list[str], event: str, args) -> None:
    if event in OUTSIDE_EVENTS:
        attempts.append(event)
        raise PermissionError(f"{event} is not allowed while a query runs")


def _die_with(parent: int) -> None:
    """Make this worker end when ``parent`` does, even by SIGKILL. (On Linux, strictly when
    the parent's thread that started it ends: that thread waits for the worker's answer.)"""
    if sys.platform.startswith("linux"):
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
