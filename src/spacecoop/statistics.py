"""Counts that describe the graph: triples, entities per class, facts per release, read from
the store by SPARQL aggregates (nothing is loaded into Python but the counts)."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef

from .namespaces import PREFIXES, bind_prefixes
from .store.oxigraph import GRAPHS, ProjectStore

_PER_CLASS = "SELECT ?class (COUNT(*) AS ?n) WHERE { ?s a ?class FILTER(isIRI(?class)) } GROUP BY ?class"
_RELEASES = """SELECT ?release (SAMPLE(?date) AS ?day) (COUNT(?node) AS ?n) WHERE {
  ?release a sc:PressRelease
  OPTIONAL { ?release dcterms:date ?date }
  OPTIONAL { ?node sc:statedIn ?release }
} GROUP BY ?release"""


@dataclass
class GraphStatistics:
    data_triples: int
    ontology_triples: int
    entities_per_class: dict[str, int]  # class (a prefixed name where one fits) → entities
    releases: list[tuple[str, str, int]]  # (release IRI, date, nodes stated)


def compute_statistics(store: ProjectStore) -> GraphStatistics:
    """The figures of the data graph (and the size of the ontology's) in ``store``."""
    def select(query: str):
        return store.store.query(query, prefixes={p: str(ns) for p, ns in PREFIXES.items()},
                                 default_graph=[GRAPHS["data"]])
    names = bind_prefixes(Graph()).namespace_manager
    per_class = {names.normalizeUri(URIRef(row["class"].value)): int(row["n"].value)
                 for row in select(_PER_CLASS)}
    releases = sorted(((row["release"].value, row["day"].value if row["day"] else "", int(row["n"].value))
                       for row in select(_RELEASES)), key=lambda row: (row[1], row[0]))
    return GraphStatistics(
        data_triples=store.count("data"),
        ontology_triples=store.count("ontology"),
        entities_per_class=dict(sorted(per_class.items(), key=lambda item: (-item[1], item[0]))),
        releases=releases,
    )
