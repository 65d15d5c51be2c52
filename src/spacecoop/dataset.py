"""The description of the published dataset, in VoID (https://www.w3.org/TR/void/) and DCAT
(https://www.w3.org/TR/vocab-dcat-3/), generated from the graph: the counts and partitions are
SPARQL aggregates over the store's data graph (as :mod:`statistics` counts), the licence is
the one the ontology states, the sources are the press releases of the data.

What the graph does not say is left out rather than made up: the data names no publisher of
the dataset (the ontology's ``dcterms:creator`` is a name, of the ontology), so the
description has no ``dcterms:publisher``; nor is a release's date the date the dataset was
last modified, so there is no ``dcterms:modified``. The version is the package's (the
package ships the graph; the ontology's ``owl:versionInfo`` only changes with the ontology).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from . import __version__
from .errors import SpacecoopError
from .formats import DOCUMENT_SUFFIXES, FORMAT_TITLES, MEDIA_TYPES
from .namespaces import BASE, ONTOLOGY_IRI, PREFIXES, RESOURCE, SC, bind_prefixes

if TYPE_CHECKING:
    from .kg import KnowledgeGraph

#: The dataset's IRI: a fragment of the description's own document, /.well-known/void
#: (VoID section 7.2), so that looking the IRI up gives its description.
DATASET_IRI = URIRef(BASE + ".well-known/void#dataset")
WELL_KNOWN_VOID = "/.well-known/void"
TITLE = "France–Japan space cooperation knowledge graph"
DESCRIPTION = ("The data of the France–Japan space cooperation knowledge graph: organisations and "
               "their posts, the people holding them, missions and the hardware they carry, who "
               "contributes what to which mission, meetings, agreements and other events, each fact "
               "with the press release(s) stating it (sc:statedIn). Described by the spacecoop ontology.")
#: Nodes of the data shown as examples (those the data holds).
EXAMPLE_RESOURCES = tuple(URIRef(RESOURCE + path) for path in (
    "mission/mmx", "person/hiroshi-yamakawa", "organisation/cnes", "organisation/jaxa"))
#: The dumps (``/data/spacecoop-<version><suffix>``), in the order they are described.
DUMP_FORMATS = ("turtle", "nt", "trig", "nquads", "jsonld")
#: DCAT 3's dcat:version (rdflib's DCAT namespace predates it).
DCAT_VERSION = URIRef("http://www.w3.org/ns/dcat#version")
#: IANA's page of a media type, the value of dcat:mediaType.
IANA_MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"

_COUNTS = """SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
  (COUNT(DISTINCT ?p) AS ?properties) WHERE { ?s ?p ?o }"""
_ENTITIES = """SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o
  FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(resource:))) }"""
_CLASSES = "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class FILTER(isIRI(?class)) } GROUP BY ?class"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
_RELEASES = "SELECT DISTINCT ?release WHERE { ?release a sc:PressRelease }"
_TYPES = "SELECT DISTINCT ?class WHERE { ?s a ?class FILTER(isIRI(?class)) }"
_EXISTS = "ASK { ?node ?p ?o }"


def dump_name(rdf_format: str, version: str | None = None) -> str:
    """The file name of a dump: ``spacecoop.ttl``, or with a version ``spacecoop-0.1.0.ttl``."""
    return f"spacecoop{'-' + version if version else ''}{DOCUMENT_SUFFIXES[rdf_format]}"


def checksum_line(body: bytes, name: str) -> str:
    """The line ``sha256sum`` writes for a file ``name`` holding ``body``."""
    return f"{hashlib.sha256(body).hexdigest()}  {name}\n"


def dataset_description(kg: KnowledgeGraph, base_url: str | None = None,
                        version: str = __version__) -> Graph:
    """The VoID and DCAT description of ``kg``'s data. With ``base_url`` (where a server
    answers, such as ``http://localhost:8000/``), also its SPARQL endpoint and its dumps."""
    store = kg.store.store
    from .store.oxigraph import GRAPHS
    prefixes = {**{prefix: str(namespace) for prefix, namespace in PREFIXES.items()}, "resource": str(RESOURCE)}

    def select(query: str):
        return store.query(query, prefixes=prefixes, default_graph=[GRAPHS["data"]])

    graph = bind_prefixes(Graph())
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    dataset = DATASET_IRI
    add = graph.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, RDF.type, DCAT.Dataset))
    add((dataset, DCTERMS.title, Literal(TITLE, lang="en")))
    add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    for licence in kg.ontology.objects(URIRef(ONTOLOGY_IRI), DCTERMS.license):
        add((dataset, DCTERMS.license, licence))
    add((dataset, OWL.versionInfo, Literal(version)))
    add((dataset, DCAT_VERSION, Literal(version)))
    add((dataset, DCTERMS.conformsTo, URIRef(ONTOLOGY_IRI)))
    for row in select(_RELEASES):
        add((dataset, DCTERMS.source, URIRef(row["release"].value)))
    add((dataset, VOID.uriSpace, Literal(str(RESOURCE))))

    add((dataset, VOID.triples, Literal(kg.data_size(), datatype=XSD.integer)))
    counts = next(iter(select(_COUNTS)))
    add((dataset, VOID.entities, Literal(int(next(iter(select(_ENTITIES)))["n"].value), datatype=XSD.integer)))
    add((dataset, VOID.distinctSubjects, Literal(int(counts["subjects"].value), datatype=XSD.integer)))
    add((dataset, VOID.distinctObjects, Literal(int(counts["objects"].value), datatype=XSD.integer)))
    add((dataset, VOID.properties, Literal(int(counts["properties"].value), datatype=XSD.integer)))
    classes = {URIRef(row["class"].value): int(row["n"].value) for row in select(_CLASSES)}
    add((dataset, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    for kind, entities in classes.items():
        partition = BNode()
        add((dataset, VOID.classPartition, partition))
        add((partition, VOID["class"], kind))
        add((partition, VOID.entities, Literal(entities, datatype=XSD.integer)))
    properties = {URIRef(row["p"].value): int(row["n"].value) for row in select(_PROPERTIES)}
    for prop, triples in properties.items():
        partition = BNode()
        add((dataset, VOID.propertyPartition, partition))
        add((partition, VOID.property, prop))
        add((partition, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for example in EXAMPLE_RESOURCES:
        if select(_EXISTS.replace("?node", f"<{example}>")):
            add((dataset, VOID.exampleResource, example))
    for vocabulary in _vocabularies([*properties, *classes]):
        add((dataset, VOID.vocabulary, vocabulary))

    if base_url is not None:
        _add_access(graph, dataset, base_url.rstrip("/") + "/", version)
    return graph


def _vocabularies(terms) -> list[URIRef]:
    """The vocabularies the properties and classes ``terms`` belong to: each known
    namespace (the project's ontology by its IRI), else the term's IRI up to its last '#' or '/'."""
    known = sorted((str(namespace) for prefix, namespace in PREFIXES.items()
                    if not str(namespace).startswith(str(RESOURCE))), key=len, reverse=True)
    found = set()
    for term in terms:
        text = str(term)
        namespace = next((candidate for candidate in known if text.startswith(candidate)), None)
        if namespace is None:
            cut = max(text.rfind("#"), text.rfind("/"))
            namespace = text[:cut + 1]
        found.add(ONTOLOGY_IRI if namespace == str(SC) else namespace)
    return [URIRef(namespace) for namespace in sorted(found)]


def _add_access(graph: Graph, dataset: URIRef, base: str, version: str) -> None:
    """The SPARQL endpoint and the dumps a server at ``base`` offers."""
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    graph.add((dataset, DCAT.landingPage, URIRef(base)))
    for rdf_format in DUMP_FORMATS:
        url = URIRef(base + "data/" + dump_name(rdf_format, version))
        graph.add((dataset, VOID.dataDump, url))
        distribution = BNode()
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, url))
        graph.add((distribution, DCAT.accessURL, url))
        media_type = MEDIA_TYPES[rdf_format].split(";")[0]
        graph.add((distribution, DCAT.mediaType, URIRef(IANA_MEDIA_TYPES + media_type)))
        graph.add((distribution, DCTERMS.title, Literal(f"spacecoop {version}, {FORMAT_TITLES[rdf_format]}")))


def description_text(kg: KnowledgeGraph, rdf_format: str = "turtle", base_url: str | None = None,
                     version: str = __version__) -> str:
    """The description in ``rdf_format`` (a triple format), as export writes it."""
    from .export import serialize
    return serialize({str(DATASET_IRI): dataset_description(kg, base_url, version)}, rdf_format)


def write_versioned_dumps(kg: KnowledgeGraph, folder: Path, version: str = __version__) -> list[Path]:
    """Write each dump as ``spacecoop-<version><suffix>`` into ``folder`` (made if need be),
    each beside its ``.sha256`` (as ``sha256sum`` writes it); return the files written."""
    from .storage import write_atomically
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SpacecoopError(f"cannot make the folder: {error.strerror or error}", str(folder)) from None
    written = []
    for rdf_format in DUMP_FORMATS:
        name = dump_name(rdf_format, version)
        text = kg.export(rdf_format)
        write_atomically(folder / name, text)
        write_atomically(folder / (name + ".sha256"), checksum_line(text.encode("utf-8"), name))
        written += [folder / name, folder / (name + ".sha256")]
    return written
