"""Publishing the graph to a SPARQL server: each part replaces a named graph, by the Graph
Store Protocol (HTTP PUT) or, where a server offers only SPARQL Update, by DROP then
INSERT DATA in chunks; then the server's triple count is checked against the local one."""

from __future__ import annotations

import hashlib
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import BNode, Graph, URIRef
from SPARQLWrapper import POST, URLENCODED

from .namespaces import BASE
from .remote import Endpoint, EndpointError, RemoteRunner, send

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
    """Replace each named graph of ``parts`` on the server, then count what it holds."""
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
    return int(result.rows[0][0])


def _put(endpoint: Endpoint, store: str, graph_name: str, graph: Graph) -> None:
    body = graph.serialize(format="nt").encode("utf-8")
    separator = "&" if "?" in store else "?"
    url = f"{store}{separator}{urllib.parse.urlencode({'graph': graph_name})}"
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    handlers = []
    if endpoint.user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, store, endpoint.user, endpoint.password or "")
        handler = urllib.request.HTTPDigestAuthHandler if endpoint.auth == "digest" else \
            urllib.request.HTTPBasicAuthHandler
        handlers.append(handler(passwords))
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(request, timeout=endpoint.timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        cause = "the server refused the credentials (HTTP 401)" if error.code == 401 else \
            f"HTTP {error.code} {error.reason}"
        raise EndpointError(f"{cause}; <{graph_name}> was not replaced", source=store) from None
    except urllib.error.URLError as error:
        raise EndpointError(f"cannot connect: {error.reason}", source=store) from None
    except (socket.timeout, TimeoutError):
        raise EndpointError(f"no answer within {endpoint.timeout:g} s; <{graph_name}> may be "
                            "partly written: publish again", source=store) from None


def _replace_by_update(endpoint: Endpoint, update_url: str, graph_name: str, graph: Graph) -> None:
    lines = sorted(graph.serialize(format="nt").splitlines())
    lines = [line for line in lines if line.strip()]
    chunks = [lines[i:i + CHUNK] for i in range(0, len(lines), CHUNK)]
    requests = [f"DROP SILENT GRAPH <{graph_name}>"] + [
        f"INSERT DATA {{ GRAPH <{graph_name}> {{\n" + "\n".join(chunk) + "\n} }" for chunk in chunks]
    for done, text in enumerate(requests):
        client = endpoint.wrapper(update_url)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setQuery(text)
        try:
            send(endpoint, client)
        except EndpointError as error:
            if done == 0:
                raise
            raise endpoint.fail(f"{error.message}; only {done - 1} of {len(chunks)} chunks of <{graph_name}> "
                                "were written, so the graph on the server is incomplete: publish again") \
                from None
