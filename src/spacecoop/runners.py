"""Where queries run. ``LocalRunner`` evaluates with rdflib on an in-process graph, in a
sandboxed forked worker (see :mod:`.safety`) so that a deadline can stop it, parsing
included (rdflib cannot cancel a query), and with a cap on the rows kept."""

from __future__ import annotations

from functools import partial

from rdflib import Graph, Variable

from .formats import Limits
from .results import QueryResult
from .safety import checked_query, run_sandboxed


class LocalRunner:
    """Runs queries on an rdflib graph held in this process."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def run(self, text: str, bindings: dict[str, object] | None = None,
            limits: Limits = Limits(), source: str = "query",
            prefixes: dict | None = None) -> QueryResult:
        initial = {Variable(name): term for name, term in (bindings or {}).items()}
        payload = run_sandboxed(partial(checked_query, text, source, prefixes),
                                partial(self._evaluate, initial, limits.max_rows),
                                timeout=limits.timeout, source=source)
        return _from_wire(payload)

    def _evaluate(self, initial, max_rows: int, query) -> dict:
        return _to_wire(self.graph.query(query, initBindings=initial), max_rows)


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
