"""A read view of named graphs of a pyoxigraph store (and, optionally, of new triples not in
it) answering the few rdflib Graph lookups that validation makes: ``triples``, ``subjects``
and ``objects`` by pattern, with rdflib terms. Nothing is copied: each lookup is an index
lookup on the store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from .terms import to_oxigraph, triple_to_rdflib


class StoreView:
    """The union of ``graphs`` of ``store`` and of ``extra`` (an rdflib graph), read-only.
    A triple held by several of them may be given more than once."""

    def __init__(self, store: ox.Store, graphs: Sequence[ox.NamedNode], extra: Graph | None = None):
        self.store = store
        self.graphs = list(graphs)
        self.extra = extra

    def triples(self, pattern: tuple) -> Iterator[tuple]:
        subject, predicate, value = pattern
        try:
            wanted = tuple(None if term is None else to_oxigraph(term) for term in pattern)
        except ValueError:  # a term no store can hold (an IRI with a space…): only in ``extra``
            wanted = None
        for graph in self.graphs if wanted is not None else ():
            for quad in self.store.quads_for_pattern(*wanted, graph):
                yield triple_to_rdflib(quad)
        if self.extra is not None:
            yield from self.extra.triples((subject, predicate, value))

    def subjects(self, predicate: Node | None = None, value: Node | None = None) -> Iterator[Node]:
        return (triple[0] for triple in self.triples((None, predicate, value)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return (triple[2] for triple in self.triples((subject, predicate, None)))
