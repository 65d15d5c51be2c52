"""Publishing the graph to a SPARQL server: each part replaces a named graph, by the Graph
Store Protocol (HTTP PUT) or, where a server offers only SPARQL Update, by DROP then
INSERT DATA in chunks; then the server's triple count is checked against the local one."""

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
    graph: str
    triples: int
    on_server: int


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
            update: str | None = None) -> list[PublishedPart]:
    """Replace each named graph of ``parts`` on the server, then count what it holds.
    ``store`` and ``update`` get the endpoint's credentials, deadline and size cap."""
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
        on_server = count_triples(endpoint, graph_name)
        published.append(PublishedPart(graph_name, len(graph), on_server))
        if on_server != len(graph):
            raise endpoint.fail(f"published {len(graph)} triples to <{graph_name}> but the server holds "
                                f"{on_server}: the graph on the server is not the project's")
    return published


def count_triples(endpoint: Endpoint, graph_name: str) -> int:
    result = RemoteRunner(endpoint, []).run(
        f"SELECT (COUNT(*) AS ?triples) WHERE {{ GRAPH <{graph_name}> {{ ?s ?p ?o }} }}")
    count = result.rows[0][0] if len(result.rows) == 1 and len(result.rows[0]) == 1 else None
    if not (isinstance(count, Literal) and isinstance(count.toPython(), int)):
        raise endpoint.fail(f"unreadable answer: no triple count for <{graph_name}>")
    return count.toPython()


def _put(endpoint: Endpoint, store: str, graph_name: str, graph: Graph) -> None:
    body = graph.serialize(format="nt").encode("utf-8")
    separator = "&" if "?" in store else "?"
    url = f"{store}{separator}{urllib.parse.urlencode({'graph': graph_name})}"
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        send_request(endpoint, request, store)
    except EndpointTimeout as error:
        raise EndpointTimeout(f"{error.message}; <{graph_name}> may be partly written: publish again",
                              source=store) from None
    except EndpointError as error:
        raise EndpointError(f"{error.message}; <{graph_name}> was not replaced", source=store) from None


def _replace_by_update(endpoint: Endpoint, update_url: str, graph_name: str, graph: Graph) -> None:
    lines = sorted(graph.serialize(format="nt").splitlines())
    lines = [line for line in lines if line.strip()]
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)]
    requests = [f"DROP SILENT GRAPH <{graph_name}>"] + [
        f"INSERT DATA {{ GRAPH <{graph_name}> {{\n" + "\n".join(chunk) + "\n} }" for chunk in chunks]
    for done, text in enumerate(requests):
        try:
            send_protocol(endpoint, update_url, [("update", text)], accept="*/*", post=True)
        except EndpointError as error:
            if done == 0:
                raise
            raise type(error)(f"{error.message}; only {done - 1} of {len(chunks)} chunks of <{graph_name}> "
                                "were written, so the graph on the server is incomplete: publish again",
                                source=update_url) from None
