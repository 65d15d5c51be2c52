"""Counts that describe the graph: triples, entities per class, facts per release."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF

from .namespaces import SC


@dataclass
class GraphStatistics:
    data_triples: int
    ontology_triples: int
    inferred_triples: int | None
    entities_per_class: dict[str, int]
    releases: list[tuple[str, str, int]]  # (release IRI, date, nodes stated)


def compute_statistics(data: Graph, ontology: Graph, inferred: Graph | None = None) -> GraphStatistics:
    per_class = Counter(
        data.namespace_manager.normalizeUri(cls)
        for _, cls in data.subject_objects(RDF.type) if isinstance(cls, URIRef))
    stated = Counter(release for _, release in data.subject_objects(SC.statedIn))
    releases = sorted(
        ((str(release), str(data.value(release, DCTERMS.date) or ""), stated[release])
         for release in data.subjects(RDF.type, SC.PressRelease)),
        key=lambda row: (row[1], row[0]))
    return GraphStatistics(
        data_triples=len(data),
        ontology_triples=len(ontology),
        inferred_triples=None if inferred is None else len(inferred),
        entities_per_class=dict(sorted(per_class.items(), key=lambda item: (-item[1], item[0]))),
        releases=releases,
    )
