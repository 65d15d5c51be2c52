"""IRIs of the project's namespaces and the prefixes bound when writing RDF."""

from rdflib import Graph, Namespace
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
    "contribution-role", "role", "scheme", "duration",
)

_RESOURCE_PREFIXES = {
    {"status-report": "report", "event-kind": "kind", "contribution-role": "crole"}.get(kind, kind):
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
