"""Queries on a remote SPARQL 1.1 server through SPARQLWrapper, giving the same
:class:`QueryResult` as a local run.

Parameters of a saved query are bound with a VALUES block placed at the start of the
query's top-level group (right after its WHERE's opening brace), built from the same typed
RDF terms the local runner binds; nothing the user typed is pasted as text.
"""

from __future__ import annotations

import json
import socket
import urllib.error
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery
from SPARQLWrapper import DIGEST, BASIC, GET, JSON, POST, RDFXML, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .errors import SpacecoopError
from .formats import Limits
from .results import QueryResult

#: Longer queries go by form-encoded POST: Virtuoso refuses GET URLs past about 8 KB.
GET_LIMIT = 4000


class EndpointError(SpacecoopError):
    """The server could not be reached, refused the credentials or the query, or timed out."""


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server and how to reach it. The password is never shown."""

    url: str
    user: str | None = None
    password: str | None = None
    auth: str = "digest"  # or "basic"
    timeout: float = 60.0

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r}, user={self.user!r})"

    def wrapper(self, url: str | None = None) -> SPARQLWrapper:
        client = SPARQLWrapper(url or self.url)
        client.setTimeout(max(1, round(self.timeout)))
        if self.user is not None:
            client.setHTTPAuth(DIGEST if self.auth == "digest" else BASIC)
            client.setCredentials(self.user, self.password or "")
        return client

    def fail(self, cause: str) -> EndpointError:
        return EndpointError(cause, source=self.url)


def with_values(text: str, bindings: dict[str, object]) -> str:
    """``text`` with a VALUES block for ``bindings`` at the start of its top-level group."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(term.n3() for term in bindings.values())
    position = _top_level_group_start(text)
    return f"{text[:position]} VALUES ({names}) {{ ({terms}) }} {text[position:]}"


def _top_level_group_start(text: str) -> int:
    """Index just after the '{' opening the query's WHERE group (comments, IRIs and strings skipped)."""
    depth, index, seen_where, first_group = 0, 0, False, None
    while index < len(text):
        char = text[index]
        if char == "#":
            index = text.find("\n", index) if "\n" in text[index:] else len(text)
            continue
        if char == "<" and _looks_like_iri(text, index):
            index = text.index(">", index) + 1
            continue
        if char in "\"'":
            quote = text[index:index + 3] if text[index:index + 3] in ('"""', "'''") else char
            end = index + len(quote)
            while not text.startswith(quote, end):
                end += 2 if text[end] == "\\" else 1
            index = end + len(quote)
            continue
        if depth == 0 and text[index:index + 5].upper() == "WHERE" and not text[index - 1:index].isalnum():
            seen_where = True
        if char == "{":
            if depth == 0 and (seen_where or first_group is None):
                if seen_where:
                    return index + 1
                first_group = index + 1
            depth += 1
        elif char == "}":
            depth -= 1
        index += 1
    if first_group is None:
        raise SpacecoopError("cannot find the query's WHERE group to bind parameters in")
    return first_group


def _looks_like_iri(text: str, index: int) -> bool:
    end = text.find(">", index)
    return end != -1 and not any(c in text[index + 1:end] for c in " \t\n{}\"")


class RemoteRunner:
    """Runs queries on a SPARQL server, reading the given named graphs as the default graph."""

    def __init__(self, endpoint: Endpoint, graphs: list[str]):
        self.endpoint = endpoint
        self.graphs = graphs

    def run(self, text: str, bindings: dict[str, object] | None = None, limits: Limits = Limits(),
            source: str = "query", prefixes: dict | None = None) -> QueryResult:
        query = with_values(text, bindings or {})
        if prefixes:
            declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
            query = declared + query
        client = self.endpoint.wrapper()
        client.setQuery(query)
        for graph in self.graphs:
            client.addDefaultGraph(graph)
        if len(query) > GET_LIMIT:
            client.setMethod(POST)
            client.setRequestMethod(URLENCODED)
        else:
            client.setMethod(GET)
        kind = query_form(query)
        client.queryType = kind  # SPARQLWrapper guesses from keywords, even inside comments
        graph_result = kind in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(RDFXML if graph_result else JSON)
        response = send(self.endpoint, client)
        cut_at = response.response.headers.get("X-SPARQL-MaxRows")
        if cut_at is not None:
            raise self.endpoint.fail(f"the server cut the result at its row limit ({cut_at} rows: "
                                     "ResultSetMaxRows in virtuoso.ini); the answer would be incomplete")
        try:
            if graph_result:
                return QueryResult(kind, graph=Graph().parse(data=response.response.read(), format="xml"))
            return _from_json(json.loads(response.response.read()), limits.max_rows)
        except (ValueError, KeyError) as error:
            raise self.endpoint.fail(f"unreadable answer: {error}") from None


def send(endpoint: Endpoint, client: SPARQLWrapper):
    """Send a prepared request, turning every failure into a one-line EndpointError."""
    try:
        return client.query()
    except SPARQLWrapperException as error:
        detail = str(error).split("Response:", 1)[-1].strip().splitlines()
        first = next((line.strip(" b'\\n") for line in detail if line.strip(" b'\\n")), "")
        name = type(error).__name__
        if name == "Unauthorized":
            raise endpoint.fail("the server refused the credentials (HTTP 401)") from None
        if name == "QueryBadFormed":
            raise endpoint.fail(f"the server rejected the query (HTTP 400): {first[:300]}") from None
        if name == "EndPointInternalError":
            raise endpoint.fail(f"the server failed on the query (HTTP 500): {first[:300]}") from None
        if name == "EndPointNotFound":
            raise endpoint.fail("no SPARQL endpoint at this address (HTTP 404)") from None
        raise endpoint.fail(f"{name}: {first[:300]}") from None
    except urllib.error.HTTPError as error:
        raise endpoint.fail(f"HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise endpoint.fail(f"no answer within {endpoint.timeout:g} s") from None
        raise endpoint.fail(f"cannot connect: {reason}") from None
    except (socket.timeout, TimeoutError):
        raise endpoint.fail(f"no answer within {endpoint.timeout:g} s") from None
    except ConnectionError as error:
        raise endpoint.fail(f"cannot connect: {error}") from None


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, read with rdflib's SPARQL parser."""
    try:
        parsed = parseQuery(text)
    except ParseException as error:
        raise SpacecoopError(f"SPARQL syntax error: {error.msg}", "query", error.lineno, error.col) from None
    return parsed[1].name.removesuffix("Query").upper()


def _term(binding: dict | None):
    if binding is None:
        return None
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    language = binding.get("xml:lang")
    datatype = binding.get("datatype")
    return Literal(value, lang=language, datatype=URIRef(datatype) if datatype and not language else None)


def _from_json(document: dict, max_rows: int) -> QueryResult:
    if "boolean" in document:
        return QueryResult("ASK", boolean=bool(document["boolean"]))
    variables = document["head"]["vars"]
    bindings = document["results"]["bindings"]
    rows = [tuple(_term(row.get(name)) for name in variables) for row in bindings[:max_rows]]
    return QueryResult("SELECT", variables=variables, rows=rows, truncated=len(bindings) > max_rows)
