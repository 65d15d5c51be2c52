"""RDF terms between pyoxigraph (the store) and rdflib (intake, pyshacl, serialising).

Literals keep the lexical form the store gives (rdflib is told not to normalise it), so a
term read from the store and written back names the same term."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term) -> Node | None:
    """The rdflib term for a pyoxigraph term (None stays None: an unbound variable)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"no rdflib term for {term!r}")  # RDF-star triples: not in this project


def to_oxigraph(term: Node):
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is None or str(term.datatype) == _XSD_STRING:
            return ox.Literal(str(term))
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    raise TypeError(f"no pyoxigraph term for {term!r}")


def triple_to_rdflib(triple) -> tuple:
    """A pyoxigraph Triple or Quad as an rdflib (subject, predicate, object)."""
    return to_rdflib(triple.subject), to_rdflib(triple.predicate), to_rdflib(triple.object)
