"""IRIs of the project's namespaces and the prefixes bound when writing RDF."""

import re

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

BASE = "https://w3id.org/spacecoop/"
SC = Namespace(BASE + "ontology#")
SCSH = Namespace(BASE + "shapes#")
RESOURCE = Namespace(BASE + "resource/")
ONTOLOGY_IRI = BASE + "ontology"

#: One prefix per kind of resource, so exported Turtle reads ``mission:mmx``.
RESOURCE_KINDS = (
    "release", "organisation", "country", "place", "person", "post", "holding",
    "mission", "hardware", "body", "theme", "contribution", "meeting", "event",
    "series", "agreement", "status-report", "status", "event-kind",
    "contribution-role", "role", "scheme", "duration", "source", "mission-phase",
    "date-precision", "part-of-year",
)

_RESOURCE_PREFIXES = {
    {"status-report": "report", "event-kind": "kind", "contribution-role": "crole",
     "mission-phase": "phase", "date-precision": "precision", "part-of-year": "part"}.get(kind, kind):
        Namespace(f"{RESOURCE}{kind}/")
    for kind in RESOURCE_KINDS
}

PREFIXES = {
    "sc": SC, "scsh": SCSH,
    "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "skos": SKOS,
    "dcterms": DCTERMS, "foaf": FOAF, "org": ORG, "prov": PROV, "time": TIME,
    **_RESOURCE_PREFIXES,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def expand_iri(value: str) -> URIRef:
    """An IRI from a prefixed name (mission:mmx), <full IRI> or full IRI; ValueError otherwise."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif text.startswith("<"):
        raise ValueError("not an IRI (an IRI in angle brackets must end with '>')")
    elif ":" in text and not re.match(r"^[a-z][a-z0-9+.-]*://", text):
        prefix, _, local = text.partition(":")
        if prefix not in PREFIXES:
            raise ValueError(f"unknown prefix {prefix!r} (known: {', '.join(sorted(PREFIXES))})")
        text = PREFIXES[prefix] + local
    if not re.match(r"^[a-z][a-z0-9+.-]*:[^\s<>\"{}|\\^`]+$", text):
        raise ValueError("not an absolute IRI (write a prefixed name like mission:mmx or a full IRI)")
    return URIRef(text)
