"""Queries on the embedded store. Each runs in a sandboxed forked worker (see :mod:`.safety`)
so that a deadline can stop it (Oxigraph cannot cancel a query), with a cap on the rows
kept; the text is checked (no update, SERVICE or FROM) before the store sees it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import SpacecoopError
from .formats import Limits
from .results import QueryResult
from .safety import QueryFailedError, QuerySyntaxError, checked_query, run_sandboxed
from .store.oxigraph import ProjectStore
from .query_text import with_values
from .store.terms import to_rdflib, triple_to_rdflib
from .workers import WorkerPool


@dataclass(frozen=True)
class QueryJob:
    """What a worker needs to run one query: plain data, so that it can be sent to a worker
    of a pool (see :mod:`.workers`)."""

    text: str
    prefixes: dict[str, str]
    graphs: tuple[str, ...]
    named_graphs: tuple[str, ...]
    max_rows: int
    source: str


class StoreRunner:
    """Runs queries on a project's store, over the named ``graphs`` as the default graph;
    GRAPH patterns see ``named_graphs`` (by default ``graphs``). Each query runs in a worker
    of ``workers`` (a pool of :func:`evaluate` on the store), or else in a worker forked for it."""

    def __init__(self, store: ProjectStore, graphs: list[ox.NamedNode],
                 named_graphs: list[ox.NamedNode] | None = None, workers: WorkerPool | None = None):
        self.store = store
        self.graphs = graphs
        self.named_graphs = graphs if named_graphs is None else named_graphs
        self.workers = workers

    def run(self, text: str, bindings: dict[str, object] | None = None,
            limits: Limits = Limits(), source: str = "query",
            prefixes: dict | None = None) -> QueryResult:
        """Run ``text`` with ``bindings`` (variable name → rdflib term) in a VALUES block at
        the top of its WHERE group, as on a server (Oxigraph's substitutions would need every
        parameter in the SELECT clause), and ``prefixes`` predeclared."""
        form, runnable = checked_query(text, source)
        runnable = with_values(runnable, {name: term.n3() for name, term in (bindings or {}).items()}, source)
        job = QueryJob(runnable, {prefix: str(namespace) for prefix, namespace in (prefixes or {}).items()},
                       tuple(graph.value for graph in self.graphs),
                       tuple(graph.value for graph in self.named_graphs), limits.max_rows, source)
        if self.workers is not None:
            payload = self.workers.run(job, timeout=limits.timeout, source=source)
        else:
            payload = run_sandboxed(lambda: evaluate(self.store.reopened(), job), timeout=limits.timeout,
                                    source=source)
        return _from_wire(form, payload)


def evaluate(store: ox.Store, job: QueryJob) -> dict:
    """In a worker: the answer to ``job`` on ``store`` as plain picklable data, at most
    ``job.max_rows`` rows."""
    try:
        answer = store.query(job.text, prefixes=job.prefixes or None,
                             default_graph=[ox.NamedNode(iri) for iri in job.graphs],
                             named_graphs=[ox.NamedNode(iri) for iri in job.named_graphs])
    except SyntaxError as error:
        raise _syntax_error(str(error), job.text, job.source) from None
    except OSError as error:
        raise QueryFailedError(f"the store failed: {error}", job.source) from None
    return _collect(answer, job.max_rows, job.source)


def _collect(answer, max_rows: int, source: str) -> dict:
    try:
        if isinstance(answer, ox.QueryBoolean):
            return {"boolean": bool(answer)}
        if isinstance(answer, ox.QueryTriples):
            return {"triples": list(answer)}
        variables = [variable.value for variable in answer.variables]
        rows = []
        for solution in answer:
            if len(rows) == max_rows:
                return {"variables": variables, "rows": rows, "truncated": True}
            rows.append(tuple(solution[index] for index in range(len(variables))))
        return {"variables": variables, "rows": rows, "truncated": False}
    except (OSError, ValueError, TypeError) as error:  # raised while evaluating, row by row
        raise QueryFailedError(f"the query failed: {error}", source) from None


def _syntax_error(message: str, text: str, source: str) -> SpacecoopError:
    """Oxigraph's "error at LINE:COLUMN: expected one of …" as a one-line error at that
    place, in words: an unknown prefix is named, and the lists of characters the parser
    expected are left out."""
    place, _, reason = message.partition(": ")
    numbers = place.removeprefix("error at ").split(":")
    if not (len(numbers) == 2 and all(number.isdigit() for number in numbers)):
        return QuerySyntaxError(f"SPARQL syntax error: {message}", source)
    line, column = int(numbers[0]), int(numbers[1])
    if "Prefix not found" in reason:
        before = text.splitlines()[line - 1][:column - 1] if line <= len(text.splitlines()) else ""
        prefix = re.search(r"([A-Za-z][\w.-]*)?:[^\s:]*$", before)
        if prefix is None:
            return QuerySyntaxError("unknown prefix (declare it with PREFIX)", source, line, column)
        return QuerySyntaxError(f"unknown prefix {prefix.group(1) or ''}: (declare it with PREFIX)",
                                source, line, prefix.start() + 1)
    words = [part.strip() for part in re.sub(r"^expected (one of )?", "", reason).split(", ")
             if part.strip() and not part.strip().startswith("[")]
    said = f"expected {', '.join(words)}" if words and reason.startswith("expected") else reason
    return QuerySyntaxError(f"SPARQL syntax error: {said}", source, line, column)


def _from_wire(form: str, payload: dict) -> QueryResult:
    if "boolean" in payload:
        return QueryResult("ASK", boolean=payload["boolean"])
    if "triples" in payload:
        from rdflib import Graph
        graph = Graph()
        for triple in payload["triples"]:
            graph.add(triple_to_rdflib(triple))
        return QueryResult(form, graph=graph)
    return QueryResult("SELECT", variables=payload["variables"],
                       rows=[tuple(map(to_rdflib, row)) for row in payload["rows"]],
                       truncated=payload["truncated"])
