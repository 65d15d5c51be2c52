"""Where queries run. ``LocalRunner`` evaluates with rdflib on an in-process graph, in a
forked worker so that a deadline can stop it (rdflib cannot cancel a query) and with a
cap on the rows kept."""

from __future__ import annotations

import multiprocessing

from rdflib import Graph, Variable

from .errors import SpacecoopError
from .formats import Limits
from .results import QueryResult
from .safety import checked_query


class QueryTimeoutError(SpacecoopError):
    """The query ran past its deadline and was stopped."""


class QueryFailedError(SpacecoopError):
    """The engine raised an error while evaluating the query."""


class LocalRunner:
    """Runs queries on an rdflib graph held in this process."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def run(self, text: str, bindings: dict[str, object] | None = None,
            limits: Limits = Limits(), source: str = "query",
            prefixes: dict | None = None) -> QueryResult:
        query = checked_query(text, source, prefixes)
        initial = {Variable(name): term for name, term in (bindings or {}).items()}
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        worker = context.Process(target=self._evaluate, args=(query, initial, limits.max_rows, sender),
                                 daemon=True)
        worker.start()
        sender.close()
        if not receiver.poll(limits.timeout):
            worker.kill()
            worker.join()
            raise QueryTimeoutError(f"stopped after {limits.timeout:g} s (raise the limit with --timeout)",
                                    source)
        try:
            status, payload = receiver.recv()
        except EOFError:
            status, payload = "error", "the query worker ended without an answer"
        worker.join()
        if status == "error":
            raise QueryFailedError(payload, source)
        return _from_wire(payload)

    def _evaluate(self, query, initial, max_rows, sender) -> None:
        try:
            result = self.graph.query(query, initBindings=initial)
            sender.send(("ok", _to_wire(result, max_rows)))
        except Exception as error:  # sent back to the parent, which reports it in one line
            sender.send(("error", f"{type(error).__name__}: {error}"))
        finally:
            sender.close()


def _to_wire(result, max_rows: int) -> dict:
    """rdflib's result as plain picklable data, at most ``max_rows`` rows."""
    if result.type == "ASK":
        return {"kind": "ASK", "boolean": bool(result.askAnswer)}
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return {"kind": result.type, "nt": result.graph.serialize(format="nt")}
    rows = []
    for row in result:
        if len(rows) == max_rows:
            return {"kind": "SELECT", "variables": [str(v) for v in result.vars], "rows": rows,
                    "truncated": True}
        rows.append(tuple(row))
    return {"kind": "SELECT", "variables": [str(v) for v in result.vars], "rows": rows,
            "truncated": False}


def _from_wire(payload: dict) -> QueryResult:
    if payload["kind"] == "ASK":
        return QueryResult("ASK", boolean=payload["boolean"])
    if "nt" in payload:
        return QueryResult(payload["kind"], graph=Graph().parse(data=payload["nt"], format="nt"))
    return QueryResult("SELECT", variables=payload["variables"], rows=payload["rows"],
                       truncated=payload["truncated"])
