"""The SPARQL 1.1 Protocol at /sparql (https://www.w3.org/TR/sparql11-protocol/), read-only.

A query comes by GET (``?query=``), by POST form-encoded (``query=``) or by POST as an
``application/sparql-query`` body; ``default-graph-uri`` and ``named-graph-uri`` (each
repeatable) choose the dataset, else it is the command line's: the data and the ontology as
the default graph, those and each source graph as named graphs. A graph IRI the store does
not hold is an empty graph.

Everything that can be refused is refused from the request and the query's text, before any
engine sees it: an update (403, however it comes), SERVICE and FROM (403), a query longer
than the server allows (413), another method than GET, HEAD, POST or OPTIONS (405), a format
nothing offered satisfies (406). The answer's format is chosen before the query runs (the
form of the query says whether its answer is a table or a graph): by the ``format`` URL
parameter if given (browsers cannot set Accept), else by the Accept header.

GET /sparql without a query answers with the service's description
(https://www.w3.org/TR/sparql11-service-description/).
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import pyoxigraph
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..answers import Answer, rendered
from ..errors import UsageError
from ..formats import GRAPH_NAMES
from ..query_text import update_word
from ..results import QueryResult
from ..safety import UnsafeQueryError, checked_query
from .answering import (GRAPH_ANSWERS, TABLE_ANSWERS, AnyMethod, answer_response, answered, chosen_format,
                        offered_formats, query_limits, refuse_method, single)
from .app import Service

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
#: The W3C's IRI of each format an answer comes in (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML", "nquads": "N-Quads",
}
SIMPLE_ENTAILMENT = URIRef("http://www.w3.org/ns/entailment/Simple")

METHODS = ("GET", "HEAD", "POST", "OPTIONS")
FORM_ENCODED = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
#: How much larger than the query a form-encoded body may be: percent-encoding triples a
#: byte at most, and the other parameters (graphs, format) need some room.
FORM_OVERHEAD = (3, 16 * 1024)


def routes(service: Service) -> list[Route]:
    return [Route("/sparql", AnyMethod(SparqlEndpoint(service).answer), name="sparql")]


def read_only(how: str) -> UnsafeQueryError:
    return UnsafeQueryError(f"this endpoint is read-only: updates are refused ({how})")


class SparqlEndpoint:
    """The handler of /sparql for one :class:`Service`."""

    def __init__(self, service: Service):
        self.service = service
        self._graph_sizes: tuple[int, dict[str, int]] | None = None

    async def answer(self, request: Request) -> Response:
        refuse_method(request, METHODS, "this endpoint is read-only; send a query by GET or POST")
        if request.method == "OPTIONS":
            return Response(status_code=204, headers={"Allow": ", ".join(METHODS)})
        parameters, body_query = await self._parameters(request)
        if "update" in parameters:
            raise read_only("an update parameter")
        queries = parameters.get("query", []) + ([body_query] if body_query is not None else [])
        if not queries:
            if request.method == "POST":
                raise UsageError(f"no query: send it as the query parameter or as an {QUERY_BODY} body")
            return await self._description(request, parameters)
        if len(queries) > 1:
            raise UsageError(f"{len(queries)} queries in one request (query parameters and body): send one")
        text = queries[0]
        maximum = self.service.settings.max_query_bytes
        if len(text.encode("utf-8", "surrogatepass")) > maximum:
            raise HTTPException(413, f"the query is longer than this server allows ({maximum:,} bytes)")
        if (word := update_word(text)) is not None:
            raise read_only(f"the query is an update: {word}")
        form, _ = checked_query(text)
        output_format = chosen_format(request, offered_formats(form), parameters.get("format", []))
        limits = query_limits(self.service, single(parameters.get("timeout", []), "timeout"))
        graphs, named_graphs = _dataset(parameters)

        def compute():
            result = self.service.kg.sparql(text, limits=limits, graphs=_listed(graphs),
                                            named_graphs=_listed(named_graphs))
            return rendered(result, output_format)
        question = ("sparql", text, graphs, named_graphs, output_format)
        return answer_response(await answered(self.service, question, compute))

    async def _parameters(self, request: Request) -> tuple[dict[str, list[str]], str | None]:
        """The request's parameters (URL and form-encoded body), and the query sent as the
        body, if any."""
        parameters: dict[str, list[str]] = {}
        pairs = request.query_params.multi_items()
        body_query = None
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == UPDATE_BODY:
                raise read_only(f"an {UPDATE_BODY} body")
            if content_type not in (FORM_ENCODED, QUERY_BODY):
                raise HTTPException(415, f"send a query as {FORM_ENCODED} or {QUERY_BODY}, "
                                         f"not {content_type or 'no type'}")
            maximum = self.service.settings.max_query_bytes
            if content_type == FORM_ENCODED:
                body = await _body(request, FORM_OVERHEAD[0] * maximum + FORM_OVERHEAD[1])
                pairs = [*pairs, *_decoded(body, lambda text: parse_qsl(text, keep_blank_values=True,
                                                                          errors="strict"))]
            else:
                body_query = _decoded(await _body(request, maximum), str)
        for name, value in pairs:
            parameters.setdefault(name, []).append(value)
        return parameters, body_query

    async def _description(self, request: Request, parameters: dict[str, list[str]]) -> Response:
        """The service description, in the graph format the client asks for."""
        output_format = chosen_format(request, GRAPH_ANSWERS, parameters.get("format", []))
        endpoint = str(request.url.replace(query=None, fragment=None))

        def compute():
            graph = service_description(endpoint, *self.graph_sizes(), self.service.kg.files.source_graphs.values())
            if output_format == "turtle":  # rdflib's own writer keeps the sd: prefix
                return Answer(graph.serialize(format="turtle"), output_format)
            return rendered(QueryResult("CONSTRUCT", graph=graph), output_format)
        return answer_response(await answered(self.service, ("service", endpoint, output_format), compute))

    def graph_sizes(self) -> tuple[int, dict[str, int]]:
        """The triples of the default graph, and of each named graph of the store (counted
        once: the project's files do not change while the server runs)."""
        if self._graph_sizes is None:
            store = self.service.kg.store.store
            default = [pyoxigraph.NamedNode(GRAPH_NAMES[name]) for name in ("data", "ontology")]
            total = next(iter(store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graph=default)))
            named = store.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
            self._graph_sizes = (int(total["n"].value), {row["g"].value: int(row["n"].value) for row in named})
        return self._graph_sizes


async def _body(request: Request, maximum: int) -> bytes:
    """The request's body, or a 413 as soon as it is longer than ``maximum`` bytes."""
    too_long = HTTPException(413, f"the request's body is longer than this server allows ({maximum:,} bytes)")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > maximum:
        raise too_long
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > maximum:
            raise too_long
    return bytes(body)


def _decoded(body: bytes, read):
    """``read`` applied to ``body`` as UTF-8 text, or a 400."""
    try:
        return read(body.decode("utf-8"))
    except UnicodeError:
        raise UsageError("the request's body is not UTF-8 text") from None


def _dataset(parameters: dict[str, list[str]]) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """The default graph's and the named graphs' IRIs the request gives, or (None, None)
    for the endpoint's own dataset."""
    graphs, named = parameters.get("default-graph-uri", []), parameters.get("named-graph-uri", [])
    if not graphs and not named:
        return None, None
    for name, iris in (("default-graph-uri", graphs), ("named-graph-uri", named)):
        for iri in iris:
            try:
                pyoxigraph.NamedNode(iri)
            except ValueError:
                raise UsageError(f"{name}={iri!r}: not an absolute IRI") from None
    return tuple(graphs), tuple(named)


def _listed(iris: tuple[str, ...] | None) -> list[str] | None:
    return None if iris is None else list(iris)


def service_description(endpoint: str, default_size: int, sizes: dict[str, int], source_graphs) -> Graph:
    """The sd:Service at ``endpoint``: what it answers, in which formats, over which dataset
    (the data and the ontology as the default graph; those and the ``source_graphs`` as named
    graphs), and the other graphs a request may name (the inferred triples)."""
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("void", VOID)
    service, dataset, default = BNode(), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.defaultEntailmentRegime, SIMPLE_ENTAILMENT))
    for name in (*TABLE_ANSWERS, *GRAPH_ANSWERS):
        graph.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{FORMAT_IRIS[name]}")))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((default, VOID.triples, Literal(default_size)))
    named = [GRAPH_NAMES["data"], GRAPH_NAMES["ontology"], *source_graphs]
    for iri in named:
        graph.add((dataset, SD.namedGraph, _named_graph(graph, iri, sizes.get(iri, 0))))
    available = BNode()
    graph.add((service, SD.availableGraphs, available))
    graph.add((available, RDF.type, SD.GraphCollection))
    for iri in (*named, *sorted(set(sizes) - set(named))):
        graph.add((available, SD.namedGraph, _named_graph(graph, iri, sizes.get(iri, 0))))
    return graph


def _named_graph(graph: Graph, iri: str, size: int) -> BNode:
    node, described = BNode(), BNode()
    graph.add((node, RDF.type, SD.NamedGraph))
    graph.add((node, SD.name, URIRef(iri)))
    graph.add((node, SD.graph, described))
    graph.add((described, RDF.type, SD.Graph))
    graph.add((described, VOID.triples, Literal(size)))
    return node
