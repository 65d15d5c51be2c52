"""Publishing the graph to a SPARQL server: each part replaces a named graph, by the Graph
Store Protocol (HTTP PUT) or, where a server offers only SPARQL Update, by DROP then
INSERT DATA in chunks; then the server's triple count is checked against the local one.
Graphs the parts replace as a whole family (the source graphs, one per data file) lose the
members that are no longer parts: the file is gone, so is its graph."""

from __future__ import annotations

import hashlib
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef

from .namespaces import BASE
from .remote import (Endpoint, EndpointError, EndpointTimeout, RemoteRunner, checked_url, send_protocol,
                     send_request)

#: Triples per INSERT DATA request (Virtuoso refuses requests of more than about 1,000).
CHUNK = 500
SKOLEM = BASE + ".well-known/genid/"


@dataclass
class PublishedPart:
    """A graph written (or removed) and what the server holds in it after."""

    graph: str
    triples: int
    on_server: int
    removed: bool = False


def skolemized(graph: Graph) -> Graph:
    """Blank nodes replaced by stable IRIs (RDF 1.1 skolem IRIs under the project's base),
    which every server accepts and which stay the same from one publication to the next."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    from rdflib.compare import to_canonical_graph
    result = Graph()
    for triple in to_canonical_graph(graph):
        result.add(tuple(URIRef(SKOLEM + hashlib.sha256(str(t).encode()).hexdigest()[:24])
                         if isinstance(t, BNode) else t for t in triple))
    return result


def publish(endpoint: Endpoint, parts: dict[str, Graph], store: str | None = None,
            update: str | None = None, replacing_all_under: str | None = None) -> list[PublishedPart]:
    """Replace each named graph of ``parts`` on the server, then count what it holds; then
    remove the server's graphs whose IRI starts with ``replacing_all_under`` that are not
    parts (and count them too). ``store`` and ``update`` get the endpoint's credentials,
    deadline and size cap."""
    for url in (store, update):
        if url is not None:
            checked_url(url)
    published = []
    for graph_name, graph in parts.items():
        graph = skolemized(graph)
        if store:
            _put(endpoint, store, graph_name, graph)
        else:
            _replace_by_update(endpoint, update or endpoint.url, graph_name, graph)
        published.append(_counted(endpoint, graph_name, len(graph)))
    if replacing_all_under:
        for graph_name in sorted(set(graphs_under(endpoint, replacing_all_under)) - set(parts)):
            _remove(endpoint, store, update or endpoint.url, graph_name)
            published.append(_counted(endpoint, graph_name, 0, removed=True))
    return published


def _counted(endpoint: Endpoint, graph_name: str, triples: int, removed: bool = False) -> PublishedPart:
    on_server = count_triples(endpoint, graph_name)
    if on_server != triples:
        raise endpoint.fail(f"published {triples} triples to <{graph_name}> but the server holds "
                            f"{on_server}: the graph on the server is not the project's")
    return PublishedPart(graph_name, triples, on_server, removed)


def graphs_under(endpoint: Endpoint, start: str) -> list[str]:
    """The IRIs of the server's non-empty named graphs that start with ``start``."""
    result = RemoteRunner(endpoint, []).run(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                                            f"FILTER(STRSTARTS(STR(?g), {_string(start)})) }}")
    if result.truncated or any(len(row) != 1 or not isinstance(row[0], URIRef) for row in result.rows):
        raise endpoint.fail("unreadable answer: no list of named graphs")
    return [str(row[0]) for row in result.rows]


def _string(text: str) -> str:
    """``text`` as a SPARQL string literal."""
    return Literal(text).n3()


def count_triples(endpoint: Endpoint, graph_name: str) -> int:
    result = RemoteRunner(endpoint, []).run(
        f"SELECT (COUNT(*) AS ?triples) WHERE {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}")
    count = result.rows[0][0] if len(result.rows) == 1 and len(result.rows[0]) == 1 else None
    if not (isinstance(count, Literal) and isinstance(count.toPython(), int)):
        raise endpoint.fail(f"unreadable answer: no triple count for <{graph_name}>")
    return count.toPython()


def _put(endpoint: Endpoint, store: str, graph_name: str, graph: Graph) -> None:
    body = graph.serialize(format="nt").encode("utf-8")
    request = urllib.request.Request(_graph_url(store, graph_name), data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        send_request(endpoint, request, store)
    except EndpointTimeout as error:
        raise EndpointTimeout(f"{error.message}; <{graph_name}> may be partly written: publish again",
                              source=store) from None
    except EndpointError as error:
        raise EndpointError(f"{error.message}; <{graph_name}> was not replaced", source=store) from None


def _remove(endpoint: Endpoint, store: str | None, update_url: str, graph_name: str) -> None:
    """Remove a graph from the server: HTTP DELETE to ``store``, or DROP to ``update_url``."""
    try:
        if store:
            request = urllib.request.Request(_graph_url(store, graph_name), method="DELETE")
            send_request(endpoint, request, store)
        else:
            _send_update(endpoint, update_url, f"DROP SILENT GRAPH <{graph_name}>")
    except EndpointError as error:
        raise type(error)(f"{error.message}; <{graph_name}>, no longer a graph of the project, is still on "
                          "the server: publish again", source=error.source) from None


def _graph_url(store: str, graph_name: str) -> str:
    """The Graph Store Protocol URL of the graph ``graph_name`` (indirect identification)."""
    separator = "&" if "?" in store else "?"
    return f"{store}{separator}{urllib.parse.urlencode({'graph': graph_name})}"


def _send_update(endpoint: Endpoint, update_url: str, text: str) -> None:
    send_protocol(endpoint, update_url, [("update", text)], accept="*/*", post=True)


def _replace_by_update(endpoint: Endpoint, update_url: str, graph_name: str, graph: Graph) -> None:
    lines = sorted(graph.serialize(format="nt").splitlines())
    lines = [line for line in lines if line.strip()]
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)]
    requests = [f"DROP SILENT GRAPH <{graph_name}>"] + [
        f"INSERT DATA {{ GRAPH <{graph_name}> {{\n" + "\n".join(chunk) + "\n} }" for chunk in chunks]
    for done, text in enumerate(requests):
        try:
            _send_update(endpoint, update_url, text)
        except EndpointError as error:
            if done == 0:
                raise
            raise type(error)(f"{error.message}; only {done - 1} of {len(chunks)} chunks of <{graph_name}> "
                                "were written, so the graph on the server is incomplete: publish again",
                                source=update_url) from None
