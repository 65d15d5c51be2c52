"""Linked data: every IRI of the graph looked up on this server, the vocabularies, the named
graphs, the dumps and look-up by name. The HTML of a node's document and of the search
results is the page :mod:`.entities` writes.

An IRI under ``https://w3id.org/spacecoop/`` is served at the same path here
(:mod:`.iris`). The conventions are those of the W3C Interest Group Note "Cool URIs for the
Semantic Web" (https://www.w3.org/TR/cooluris/):

- A node (a slash IRI, ``/resource/{kind}/{slug}``) is a thing, not a document. Its IRI
  answers ``303 See Other`` to the one generic document about it, ``/doc/{kind}/{slug}``,
  whatever the Accept header (section 4.3, "303 URIs forwarding to One Generic Document").
  The generic document negotiates its format — Turtle by default, JSON-LD, N-Triples,
  RDF/XML, TriG, N-Quads, HTML —, says ``Vary: Accept`` and names the specific document it
  sent in ``Content-Location`` (``/doc/mission/mmx.ttl``); each specific document answers
  directly. The description holds the node's statements, those pointing to it and the
  sources of each (RDF reification, ``prov:wasDerivedFrom``; in TriG and N-Quads each
  statement in the source graphs holding it), and ``<doc> foaf:primaryTopic <node>``. An
  IRI that names no node gets 404 at once, never a redirect to a 404.
- A term of the ontology or of the shapes (a hash IRI, ``…/ontology#Mission``) is looked up
  by its IRI without the fragment: ``/ontology`` (``/shapes``) serves the whole document,
  negotiated the same way (section 4.1, "Hash URIs with Content Negotiation"); its HTML
  has an anchor for each term, named after it.
- A graph's name (``/graph/data``, ``/graph/ontology``, ``/graph/inferred``,
  ``/graph/source/…``) serves that graph's triples, negotiated.
- ``/data/spacecoop.ttl|.nt|.trig|.nq|.jsonld``: the dumps (``spacecoop export``; TriG and
  N-Quads keep the source graphs), also named with the package's version
  (``/data/spacecoop-0.1.0.ttl``), and after each ``….sha256``: its SHA-256 as ``sha256sum``
  writes it.
- ``/.well-known/void``: the VoID and DCAT description of the data (:mod:`..dataset`), with
  this server's SPARQL endpoint and versioned dumps, negotiated like a named graph (VoID
  section 7.2, "Discovery via well-known URI").

Documents that do not change while the server runs (dumps, vocabularies, graphs) are
computed once, on first request, and carry an ETag.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from rdflib import Graph, URIRef
from rdflib.namespace import FOAF
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from .. import __version__
from ..dataset import WELL_KNOWN_VOID, checksum_line, dump_name
from ..errors import UsageError
from ..export import serialize
from ..formats import (DATASET_FORMATS, DOCUMENT_SUFFIXES, FORMAT_TITLES, GRAPH_NAMES, MEDIA_TYPES,
                       SEARCH_DEFAULT_RESULTS)
from ..kg import KnowledgeGraph
from ..lookup import UnknownNodeError
from ..namespaces import BASE, ONTOLOGY_IRI, RESOURCE
from .app import Service
from .entities import pages_of
from .iris import iri_of, local_path
from .negotiation import choose, media_type

#: The formats of a node's description, Turtle first (what an RDF client gets by default).
DESCRIPTION_FORMATS = ("turtle", "jsonld", "nt", "rdfxml", "trig", "nquads", "html")
#: The formats of the ontology and of the shapes.
VOCABULARY_FORMATS = ("turtle", "jsonld", "nt", "rdfxml", "html")
#: The formats of a named graph's triples.
NAMED_GRAPH_FORMATS = ("turtle", "jsonld", "nt", "rdfxml")
#: The dumps, at /data/spacecoop{suffix}.
DUMP_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")
#: A dump's path → (its format, its file name), under its plain name and with the package's
#: version (the package ships the graph, so its version names the data it holds).
DUMP_PATHS = {f"/data/{dump_name(name, version)}": (name, dump_name(name, version))
              for version in (None, __version__) for name in DUMP_FORMATS}
CHECKSUM_SUFFIX = ".sha256"
#: The formats of the dataset's description at /.well-known/void.
VOID_FORMATS = ("turtle", "jsonld", "nt", "rdfxml")
#: A base URL the description may name (from the request's Host header): anything else, and
#: the description has no endpoint and no dumps rather than an IRI a client made up.
_SAFE_BASE = re.compile(r"^https?://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[A-Za-z0-9._~\-]+)*/$")


SHAPES_IRI = BASE + "shapes"
#: How many descriptions, each in one format, are kept once written (the graph does not
#: change while the server runs; writing one takes milliseconds to a few tenths of a second).
DESCRIPTIONS_KEPT = 512


@dataclass(frozen=True)
class Document:
    """A document computed once: its bytes and their entity tag."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, text: str) -> "Document":
        body = text.encode("utf-8")
        return cls(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"')


@dataclass(frozen=True)
class Vocabulary:
    """A vocabulary document served at ``path``: its IRI, its graph, and the page that
    documents it for people (where its HTML is)."""

    path: str
    iri: str
    graph: Callable[[], Graph]
    page: str


def routes(service: Service) -> list[Route]:
    linked = LinkedData(service.kg)
    return [
        Route("/search", linked.search),
        Route("/resource/{rest:path}", linked.resource),
        Route("/doc/{rest:path}", linked.description),
        Route("/ontology{suffix:path}", linked.ontology),
        Route("/shapes{suffix:path}", linked.shapes),
        Route("/graph/{rest:path}", linked.named_graph),
        Route("/data/{name}", linked.dump),
        Route(WELL_KNOWN_VOID + "{suffix:path}", linked.void),
    ]


class LinkedData:
    """The routes of linked data over one knowledge graph, and the documents computed once."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self.pages = pages_of(kg)
        self._documents: dict[tuple, Document] = {}
        self._locks: dict[tuple, threading.Lock] = {}
        self._locks_lock = threading.Lock()
        self._description_text = lru_cache(maxsize=DESCRIPTIONS_KEPT)(self._describe)
        self._void_document = lru_cache(maxsize=16)(self._void)
        self._vocabularies = {
            "ontology": Vocabulary("/ontology", ONTOLOGY_IRI, lambda: kg.ontology, "/model"),
            "shapes": Vocabulary("/shapes", SHAPES_IRI, lambda: kg.shapes, "/model/shapes"),
        }

    def _once(self, key: tuple, make: Callable[[], str]) -> Document:
        """The document ``make`` writes, made on first need (by one thread; the others wait)."""
        with self._locks_lock:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._documents:
                self._documents[key] = Document.of(make())
        return self._documents[key]

    # ------------------------------------------------------------ nodes

    async def resource(self, request: Request) -> Response:
        """A node's IRI: 303 See Other to the document about it, for every Accept header."""
        path = _raw_path(request)
        await run_in_threadpool(self.kg.resolve, iri_of(path))
        return Response(status_code=303, headers={"Location": "/doc/" + path.removeprefix("/resource/")})

    async def description(self, request: Request) -> Response:
        """The document about a node: generic (negotiated), or specific by its suffix."""
        output_format, stem, headers = _format_asked(request, _raw_path(request), DESCRIPTION_FORMATS)
        if output_format is None:
            return _not_acceptable(DESCRIPTION_FORMATS)
        iri = iri_of("/resource/" + stem.removeprefix("/doc/"))
        if output_format == "html":
            generic = local_path(BASE + "doc/" + iri.removeprefix(str(RESOURCE)))
            documents = {FORMAT_TITLES[name]: path for name, path
                         in _specific_documents(generic, DESCRIPTION_FORMATS).items() if name != "html"}
            return await self.pages.node_response(request, iri, documents, headers)
        text = await run_in_threadpool(self._description_text, iri, output_format)
        return Response(text, media_type=MEDIA_TYPES[output_format], headers=headers)

    def _describe(self, iri: str, output_format: str) -> str:
        description = self.kg.describe(iri)
        document = BASE + "doc/" + iri.removeprefix(str(RESOURCE))
        if output_format in DATASET_FORMATS:
            return description.serialize(output_format)
        graph = description.graph()
        graph.add((URIRef(document), FOAF.primaryTopic, description.node))
        return _rdf_text(graph, iri, output_format)

    # ------------------------------------------------------------ vocabularies and graphs

    async def ontology(self, request: Request) -> Response:
        return await self._vocabulary(request, self._vocabularies["ontology"])

    async def shapes(self, request: Request) -> Response:
        return await self._vocabulary(request, self._vocabularies["shapes"])

    async def _vocabulary(self, request: Request, vocabulary: Vocabulary) -> Response:
        output_format, stem, headers = _format_asked(request, request.url.path, VOCABULARY_FORMATS)
        if stem != vocabulary.path:
            raise UnknownNodeError(f"no such document {request.url.path}")
        if output_format is None:
            return _not_acceptable(VOCABULARY_FORMATS)
        if output_format == "html":  # the model's pages, whose anchors are the terms' names
            return Response(status_code=303, headers={"Location": vocabulary.page, "Vary": "Accept"})
        document = await run_in_threadpool(self._once, (vocabulary.path, output_format),
                                           lambda: _rdf_text(vocabulary.graph(), vocabulary.iri, output_format))
        return _answer(request, document, output_format, headers)

    async def named_graph(self, request: Request) -> Response:
        """A named graph's triples (the data, the ontology, the inferred, a source graph)."""
        iri = iri_of(_raw_path(request))
        graph = await run_in_threadpool(self._graph_named, iri)
        if graph is None:
            raise UnknownNodeError(f"no such graph {iri}")
        output_format = choose(request.headers.get("accept"), list(NAMED_GRAPH_FORMATS))
        if output_format is None:
            return _not_acceptable(NAMED_GRAPH_FORMATS)
        document = await run_in_threadpool(self._once, ("graph", iri, output_format),
                                           lambda: _rdf_text(graph, iri, output_format))
        return _answer(request, document, output_format, {"Vary": "Accept"})

    def _graph_named(self, iri: str) -> Graph | None:
        named = {GRAPH_NAMES["data"]: lambda: self.kg.data, GRAPH_NAMES["ontology"]: lambda: self.kg.ontology,
                 GRAPH_NAMES["inferred"]: lambda: self.kg.inferred}
        if iri in named:
            return named[iri]()
        return self.kg.source_graphs.get(iri)

    # ------------------------------------------------------------ dumps, search

    async def dump(self, request: Request) -> Response:
        """The whole data as ``spacecoop export`` writes it."""
        path = request.url.path
        checksum = path.endswith(CHECKSUM_SUFFIX)
        output_format, name = DUMP_PATHS.get(path.removesuffix(CHECKSUM_SUFFIX) if checksum else path, (None, None))
        if output_format is None:
            raise UnknownNodeError(f"no such dump {path}; the dumps are {', '.join(DUMP_PATHS)}, "
                                   f"each with its {CHECKSUM_SUFFIX}")
        document = await run_in_threadpool(self._once, ("dump", output_format),
                                           lambda: self.kg.export(output_format))
        if checksum:
            document = await run_in_threadpool(self._once, ("checksum", name),
                                               lambda: checksum_line(document.body, name))
            return _answer(request, document, "text", {})
        return _answer(request, document, output_format, {})

    async def void(self, request: Request) -> Response:
        """The dataset's description, with this server's endpoint and dumps."""
        output_format, stem, headers = _format_asked(request, request.url.path, VOID_FORMATS)
        if stem != WELL_KNOWN_VOID:
            raise UnknownNodeError(f"no such document {request.url.path}")
        if output_format is None:
            return _not_acceptable(VOID_FORMATS)
        base = str(request.base_url)
        document = await run_in_threadpool(self._void_document, base if _SAFE_BASE.match(base) else None,
                                           output_format)
        return _answer(request, document, output_format, headers)

    def _void(self, base: str | None, output_format: str) -> Document:
        graph = self.kg.dataset_description(base_url=base)
        return Document.of(_rdf_text(graph, WELL_KNOWN_VOID, output_format))

    async def search(self, request: Request) -> Response:
        """Nodes by name: JSON, or a page for a client that prefers HTML."""
        text = request.query_params.get("q", "")
        if not text.strip():
            raise UsageError("give the name to search for: /search?q=NAME")
        limit = _whole_number(request.query_params.get("limit"), SEARCH_DEFAULT_RESULTS, "limit")
        output_format = choose(request.headers.get("accept"), ["json", "html"])
        if output_format is None:
            return _not_acceptable(("json", "html"))
        matches = await run_in_threadpool(self.kg.search, text, limit)
        headers = {"Vary": "Accept"}
        if output_format == "html":
            return self.pages.search_response(request, text, matches, headers)
        return JSONResponse([{"iri": str(match.node), "label": match.label, "matched": match.name,
                              "kinds": [str(kind) for kind in match.classes], "url": local_path(str(match.node))}
                             for match in matches], headers=headers)


def _raw_path(request: Request) -> str:
    """The request's path as the client wrote it (percent-encodings kept)."""
    raw = request.scope.get("raw_path")
    return raw.decode("utf-8", "surrogateescape") if raw else request.url.path


def _format_asked(request: Request, path: str, offered: tuple[str, ...]) -> tuple[str | None, str, dict]:
    """The format of the document at ``path`` and the path without its suffix: a specific
    document's format by its suffix, else the generic document's format that the Accept
    header prefers (None: nothing offered is acceptable), with the headers saying so
    (``Vary``, and ``Content-Location`` naming the specific document sent)."""
    for name in offered:
        if path.endswith(DOCUMENT_SUFFIXES[name]):
            return name, path.removesuffix(DOCUMENT_SUFFIXES[name]), {}
    chosen = choose(request.headers.get("accept"), list(offered))
    headers = {"Vary": "Accept"}
    if chosen is not None:
        headers["Content-Location"] = path + DOCUMENT_SUFFIXES[chosen]
    return chosen, path, headers


def _specific_documents(path: str, offered: tuple[str, ...]) -> dict[str, str]:
    return {name: path + DOCUMENT_SUFFIXES[name] for name in offered}


def _rdf_text(graph: Graph, name: str, output_format: str) -> str:
    """``graph`` in a triple format (RDF/XML as rdflib writes it, the others as export does)."""
    if output_format == "rdfxml":
        return graph.serialize(format="xml")
    return serialize({name: graph}, output_format)


def _whole_number(value: str | None, default: int, name: str) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"{name} must be a whole number, not {value!r}") from None


def _not_acceptable(offered: tuple[str, ...]) -> Response:
    """406: none of the formats offered is acceptable."""
    types = ", ".join(dict.fromkeys(media_type(name) for name in offered))
    return PlainTextResponse(f"none of the formats offered is acceptable; ask for one of {types}\n",
                             status_code=406, headers={"Vary": "Accept"})


def _answer(request: Request, document: Document, output_format: str, headers: dict) -> Response:
    """``document`` with its ETag, or 304 Not Modified when the client holds it already."""
    headers = {**headers, "ETag": document.etag}
    held = {tag.strip().removeprefix("W/") for tag in request.headers.get("if-none-match", "").split(",")}
    if document.etag in held or "*" in held:
        return Response(status_code=304, headers=headers)
    return Response(document.body, media_type=MEDIA_TYPES[output_format], headers=headers)
