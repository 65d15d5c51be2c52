"""The model, documented from the RDF for people: ``/model`` is the ontology — every class and
property of the ``sc:`` namespace with its label, comment, domain and range, in the sections
of ontology/spacecoop.ttl (read from the file's comment banners, :mod:`..file_sections`),
then the SKOS vocabularies of ontology/vocabularies.ttl —, and ``/model/shapes`` every SHACL
shape with its name, message, severity and target, file by file.

Each term has an anchor named after it (``/model#Mission``), each shape too
(``/model/shapes#PressRelease-date``). The pages are read from files that do not change
while the server runs, so what they show is worked out once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..file_sections import file_sections, paragraphs
from ..kg import KnowledgeGraph
from ..loading import parse_rdf_text, rdf_format_for
from ..namespaces import ONTOLOGY_IRI, SC, SCSH, expand_iri
from .app import Service
from .templating import href, prefixed, render

ONTOLOGY_FILE = Path("ontology/spacecoop.ttl")
VOCABULARIES_FILE = Path("ontology/vocabularies.ttl")

#: The kinds of term, in the words of the page.
TERM_KINDS = {OWL.Class: "class", RDFS.Class: "class", OWL.ObjectProperty: "object property",
              OWL.DatatypeProperty: "datatype property", OWL.AnnotationProperty: "annotation property",
              RDF.Property: "property"}
CHARACTERISTICS = {OWL.FunctionalProperty: "functional", OWL.InverseFunctionalProperty: "inverse functional",
                   OWL.TransitiveProperty: "transitive", OWL.SymmetricProperty: "symmetric"}
#: What a term's entry says of it: (words, property, whether the term is the object).
TERM_LINKS = (("subclass of", RDFS.subClassOf, False), ("subproperty of", RDFS.subPropertyOf, False),
              ("domain", RDFS.domain, False), ("range", RDFS.range, False), ("inverse of", OWL.inverseOf, False),
              ("subclasses", RDFS.subClassOf, True), ("properties with this domain", RDFS.domain, True))
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
#: How a shape's target reads: (property, words before the value).
TARGETS = ((SH.targetClass, "every"), (SH.targetSubjectsOf, "every subject of"),
           (SH.targetObjectsOf, "every object of"), (SH.targetNode, "the node"))


def routes(service: Service) -> list[Route]:
    documents = ModelDocuments(service.kg)

    async def ontology(request: Request) -> Response:
        sections, vocabularies, about = await run_in_threadpool(documents.ontology)
        return render(request, "model.html", title="The model", sections=sections, vocabularies=vocabularies,
                      about=about)

    async def shapes(request: Request) -> Response:
        files = await run_in_threadpool(documents.shapes)
        return render(request, "shapes.html", title="The shapes", files=files)

    return [Route("/model", ontology, name="model"), Route("/model/shapes", shapes, name="model-shapes")]


@dataclass(frozen=True)
class Ref:
    """A term named on a page: its prefixed name, its label and where it links (an anchor
    of the page, a node's page, or nowhere)."""

    text: str
    label: str | None = None
    link: str | None = None


@dataclass(frozen=True)
class Term:
    name: str  # the anchor: the local name
    ref: Ref
    kinds: tuple[str, ...]
    comments: tuple[str, ...]
    links: tuple[tuple[str, tuple[Ref, ...]], ...]


@dataclass(frozen=True)
class OntologySection:
    title: str
    notes: tuple[str, ...]
    terms: tuple[Term, ...]
    axioms: tuple[str, ...]  # the other statements of the section, as the file writes them
    about_ontology: bool  # where the file describes the ontology itself


@dataclass(frozen=True)
class Concept:
    ref: Ref
    definition: str | None


@dataclass(frozen=True)
class Scheme:
    ref: Ref
    definition: str | None
    concepts: tuple[Concept, ...]


@dataclass(frozen=True)
class Shape:
    name: str  # the anchor
    ref: Ref
    title: str | None
    description: str | None
    messages: tuple[str, ...]
    severity: str
    targets: tuple[tuple[str, Ref], ...]
    queries: tuple[str, ...]  # the SPARQL of SPARQL targets
    path: Ref | None
    properties: tuple["Shape", ...]


@dataclass(frozen=True)
class ShapesSection:
    title: str | None
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class ShapesFile:
    path: str
    summary: str | None
    notes: tuple[str, ...]
    sections: tuple[ShapesSection, ...]


class ModelDocuments:
    """What the two pages show, worked out on first need (by one thread; the others wait)."""

    def __init__(self, kg: KnowledgeGraph):
        self.kg = kg
        self._lock = threading.Lock()
        self._made: dict[str, object] = {}

    def _once(self, key: str, make):
        with self._lock:
            if key not in self._made:
                self._made[key] = make()
            return self._made[key]

    def ontology(self) -> tuple[list[OntologySection], list[Scheme], dict]:
        return self._once("ontology", lambda: ontology_page(self.kg))

    def shapes(self) -> list[ShapesFile]:
        return self._once("shapes", lambda: shapes_page(self.kg))


# ------------------------------------------------------------ the ontology

def ontology_page(kg: KnowledgeGraph) -> tuple[list[OntologySection], list[Scheme], dict]:
    """The sections of the ontology file with their terms, the vocabularies, and what the
    ontology says of itself."""
    graph = kg.ontology
    defined = {node for kind in TERM_KINDS for node in graph.subjects(RDF.type, kind)
               if isinstance(node, URIRef) and node.startswith(str(SC))}
    ontology = URIRef(ONTOLOGY_IRI)
    sections, placed = [], set()
    for section in file_sections(kg.files.text(kg.files.root / ONTOLOGY_FILE)):
        terms, axioms, about_ontology = [], [], False
        for statement in section.statements:
            iri = _iri(statement.subject)
            if iri in defined and iri not in placed:
                terms.append(_term(graph, iri, defined))
                placed.add(iri)
            elif iri == ontology:
                about_ontology = True
            else:
                axioms.append(statement.text)
        if section.title is not None or terms or axioms:
            sections.append(OntologySection(section.title or "Declarations", tuple(paragraphs(section.notes)),
                                            tuple(terms), tuple(axioms), about_ontology))
    others = sorted(defined - placed)
    if others:
        sections.append(OntologySection("Other terms", (), tuple(_term(graph, iri, defined) for iri in others),
                                        (), False))
    about = {"title": _text(graph, ontology, DCTERMS.title), "version": _text(graph, ontology, OWL.versionInfo),
             "paragraphs": [text for prop in (DCTERMS.description, RDFS.comment)
                            for text in _texts(graph, ontology, prop)],
             "licence": _text(graph, ontology, DCTERMS.license)}
    return sections, _vocabularies(kg, graph), about


def _term(graph: Graph, iri: URIRef, defined: set) -> Term:
    kinds = [TERM_KINDS[kind] for kind in graph.objects(iri, RDF.type) if kind in TERM_KINDS]
    kinds += [CHARACTERISTICS[kind] for kind in graph.objects(iri, RDF.type) if kind in CHARACTERISTICS]
    links = []
    for words, prop, inverse in TERM_LINKS:
        values = graph.subjects(prop, iri) if inverse else graph.objects(iri, prop)
        refs = sorted({_ref(graph, value, defined) for value in values
                       if not inverse or value in defined}, key=lambda ref: ref.text)
        if refs:
            links.append((words, tuple(refs)))
    comments = _texts(graph, iri, RDFS.comment) or _texts(graph, iri, SKOS.definition)
    return Term(_local(iri), _ref(graph, iri, defined), tuple(dict.fromkeys(kinds)), tuple(comments), tuple(links))


def _ref(graph: Graph, node, defined: set = frozenset()) -> Ref:
    """``node`` as a reference: a term of this page links to its entry, a node of the graph
    to its page, an expression (a blank node) reads as such."""
    if isinstance(node, BNode):
        return Ref("an OWL expression")
    if isinstance(node, Literal):
        return Ref(str(node))
    label = _text(graph, node, RDFS.label) or _text(graph, node, SKOS.prefLabel)
    if node in defined:
        return Ref(prefixed(node), label, "#" + _local(node))
    return Ref(prefixed(node), label, "/model#" + _local(node) if node.startswith(str(SC)) else _page(node))


def _vocabularies(kg: KnowledgeGraph, graph: Graph) -> list[Scheme]:
    """The concept schemes of the vocabularies file with their concepts, in file order."""
    schemes: dict[URIRef, list[URIRef]] = {}
    for section in file_sections(kg.files.text(kg.files.root / VOCABULARIES_FILE)):
        for statement in section.statements:
            node = _iri(statement.subject)
            if (node, RDF.type, SKOS.ConceptScheme) in graph:
                schemes.setdefault(node, [])
            for scheme in graph.objects(node, SKOS.inScheme):
                schemes.setdefault(scheme, []).append(node)
    return [Scheme(_concept_ref(graph, scheme), _text(graph, scheme, SKOS.definition),
                   tuple(Concept(_concept_ref(graph, concept), _text(graph, concept, SKOS.definition))
                         for concept in concepts))
            for scheme, concepts in schemes.items()]


def _concept_ref(graph: Graph, node: URIRef) -> Ref:
    return Ref(prefixed(node), _text(graph, node, SKOS.prefLabel), _page(node))


# ------------------------------------------------------------ the shapes

def shapes_page(kg: KnowledgeGraph) -> list[ShapesFile]:
    """Every shapes file: its summary and, section by section, its shapes (node shapes
    with their property shapes inside; a property shape of no node shape on its own)."""
    files = []
    for path in kg.files.shapes:
        text = kg.files.text(path)
        graph = parse_rdf_text(text, rdf_format_for(path), str(path), into=Graph())
        nested = {value for shape in graph.subjects(RDF.type, SH.NodeShape) for value in graph.objects(shape, SH.property)}
        sections = file_sections(text)
        order = {_iri(statement.subject): number for number, statement in
                 enumerate(statement for section in sections for statement in section.statements)}
        shown = []
        for section in sections:
            shapes = tuple(_shape(graph, iri, order) for iri in map(_iri, (s.subject for s in section.statements))
                           if iri not in nested and ((iri, RDF.type, SH.NodeShape) in graph
                                                     or (iri, RDF.type, SH.PropertyShape) in graph))
            if shapes:
                shown.append(ShapesSection(section.title, shapes))
        intro = paragraphs(sections[0].notes) if sections and sections[0].title is None else []
        files.append(ShapesFile(str(path.relative_to(kg.files.root)), intro[0] if intro else None,
                                tuple(intro[1:]), tuple(shown)))
    return files


def _shape(graph: Graph, node, order: dict) -> Shape:
    """A shape, with its property shapes in file order (unnamed ones last)."""
    messages = _texts(graph, node, SH.message) or [
        message for constraint in graph.objects(node, SH.sparql) for message in _texts(graph, constraint, SH.message)]
    targets = tuple((words, _ref(graph, value)) for prop, words in TARGETS for value in graph.objects(node, prop))
    queries = tuple(str(query) for target in graph.objects(node, SH.target)
                    for query in graph.objects(target, SH.select))
    path = graph.value(node, SH.path)
    return Shape(
        name=_local(node) if isinstance(node, URIRef) else "",
        ref=Ref(prefixed(node)) if isinstance(node, URIRef) else Ref("a property shape"),
        title=_text(graph, node, SH.name), description=_text(graph, node, SH.description),
        messages=tuple(messages), severity=SEVERITIES.get(graph.value(node, SH.severity), "violation"),
        targets=targets + tuple(("the nodes a SPARQL query selects", Ref("")) for _ in queries),
        queries=queries, path=None if path is None else _ref(graph, path),
        properties=tuple(_shape(graph, value, order) for value in
                         sorted(graph.objects(node, SH.property), key=lambda value: (order.get(value, len(order)), str(value)))))


# ------------------------------------------------------------ helpers

def _iri(subject: str) -> URIRef | None:
    """A statement's subject as written (a prefixed name, <IRI>), or None (a blank node)."""
    try:
        return expand_iri(subject)
    except ValueError:
        return None


def _local(iri) -> str:
    text = str(iri)
    for namespace in (str(SC), str(SCSH)):
        if text.startswith(namespace):
            return text[len(namespace):]
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _page(node) -> str | None:
    """The page of a node of the graph (ours only: a link never leaves the site here)."""
    link = href(node)
    return link if link and link.startswith("/") else None


def _texts(graph: Graph, node, prop) -> list[str]:
    """The values of ``prop``: English or untagged first, each once."""
    values = sorted((value for value in graph.objects(node, prop) if isinstance(value, (Literal, URIRef))),
                    key=lambda value: (getattr(value, "language", None) not in (None, "en"), str(value)))
    return list(dict.fromkeys(str(value) for value in values
                              if getattr(value, "language", None) in (None, "en")))


def _text(graph: Graph, node, prop) -> str | None:
    found = _texts(graph, node, prop)
    return found[0] if found else None
