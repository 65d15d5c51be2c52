"""The vocabulary check on new triples (and on the data): every class and property they use
must be declared (a term declared nowhere is almost always a typo), and they may not redefine
the ontology, nor the terms of the standard vocabularies it reuses."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from .namespaces import SC, SCSH, bind_prefixes
from .store.terms import to_oxigraph, to_rdflib, triple_to_rdflib
from .validation import ValidationResult

PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
CLASS_TYPES = (OWL.Class, RDFS.Class)
#: Typing a subject with one of these declares a term: that is the ontology's business.
DECLARATION_TYPES = (*PROPERTY_TYPES, *CLASS_TYPES, OWL.Ontology, OWL.Restriction)
#: Classes of the controlled vocabularies, which only ontology/vocabularies.ttl may extend.
VOCABULARY_CLASSES = (SC.Status, SC.EventKind, SC.ContributionRole, SC.Role, SC.MissionPhase,
                      SC.DatePrecision, SC.PartOfYear, SKOS.ConceptScheme)
#: Namespaces of standard vocabularies (every W3C one: RDF, OWL, XSD, SKOS, ORG, PROV, Time,
#: SHACL…; Dublin Core; FOAF), whose terms only their own vocabulary defines.
STANDARD_NAMESPACES = ("http://www.w3.org/", "https://www.w3.org/", "http://purl.org/dc/",
                       "http://xmlns.com/foaf/")


@dataclass(frozen=True)
class VocabularyProblem:
    subject: URIRef
    predicate: URIRef | None
    term: URIRef
    kind: str  # "undeclared-property", "undeclared-class" or "redefinition"
    message: str


class Vocabulary:
    """The classes and properties the ontology (with its imports) declares."""

    def __init__(self, ontology: Graph):
        self.ontology = ontology
        self.properties = {s for t in PROPERTY_TYPES for s in ontology.subjects(RDF.type, t)}
        self.classes = {s for t in CLASS_TYPES for s in ontology.subjects(RDF.type, t)}
        self.defined = {s for s in ontology.subjects() if isinstance(s, URIRef)}

    def problems(self, new: Graph, triples: str = "new triples") -> list[VocabularyProblem]:
        """What is wrong with the terms ``new`` uses; messages call its triples ``triples``."""
        found = []
        new_concepts = {s for c in VOCABULARY_CLASSES for s in new.subjects(RDF.type, c)}
        for subject, predicate, value in sorted(new):
            if subject in new_concepts and subject not in self.defined:
                found.append(VocabularyProblem(
                    subject, predicate, subject, "redefinition",
                    f"{triples} may not add {self._short(new, subject)} to a controlled vocabulary; "
                    "edit ontology/vocabularies.ttl instead"))
                continue
            if subject in self.defined or str(subject).startswith(str(SC)):
                found.append(VocabularyProblem(
                    subject, predicate, subject, "redefinition",
                    f"{triples} may not change the ontology term {self._short(new, subject)}; "
                    "edit ontology/ instead"))
                continue
            if str(subject).startswith(STANDARD_NAMESPACES):
                found.append(VocabularyProblem(
                    subject, predicate, subject, "redefinition",
                    f"{triples} may not change the standard term {self._short(new, subject)}: "
                    "only its own vocabulary defines it"))
                continue
            if predicate == RDF.type and value in DECLARATION_TYPES:
                found.append(VocabularyProblem(
                    subject, predicate, subject, "redefinition",
                    f"{triples} may not declare the term {self._short(new, subject)} "
                    f"(a {self._short(new, value)}): declare it in ontology/, a reused term in "
                    "ontology/imports/reused-terms.ttl"))
                continue
            if predicate != RDF.type and predicate not in self.properties:
                found.append(VocabularyProblem(
                    subject, predicate, predicate, "undeclared-property",
                    f"unknown property {self._short(new, predicate)}"
                    f"{self._suggestion(new, predicate, self.properties)}"))
            if predicate == RDF.type and isinstance(value, URIRef) and value not in self.classes:
                found.append(VocabularyProblem(
                    subject, predicate, value, "undeclared-class",
                    f"unknown class {self._short(new, value)}{self._suggestion(new, value, self.classes)}"))
        return found

    def results(self, new: Graph, triples: str = "new triples") -> list[ValidationResult]:
        """The problems of ``new`` as violations of the pseudo-shapes scsh:Redefinition and
        scsh:DeclaredTerm (their value is the term at fault)."""
        return [ValidationResult(
            focus=problem.subject, path=problem.predicate, value=problem.term,
            component=SCSH.VocabularyConstraintComponent, severity=SH.Violation,
            shape=SCSH.Redefinition if problem.kind == "redefinition" else SCSH.DeclaredTerm,
            message=problem.message) for problem in self.problems(new, triples)]

    def store_results(self, store: ox.Store, graphs: Sequence[ox.NamedNode],
                      triples: str = "data triples") -> list[ValidationResult]:
        """:meth:`results` for the union of ``graphs`` of ``store`` (the data's graphs, not the
        ontology's): the same problems, found by reading only the triples that can have one
        (see :meth:`suspect_triples`)."""
        return self.results(self.suspect_triples(store, graphs), triples)

    def suspect_triples(self, store: ox.Store, graphs: Sequence[ox.NamedNode]) -> Graph:
        """Every triple of ``graphs`` :meth:`problems` can find fault with: those using an
        undeclared property or class or typing a subject as a declaration, and all the
        triples of a subject that is an ontology, standard or vocabulary term."""
        graphs = list(graphs)
        found = bind_prefixes(Graph())

        def add(subject=None, predicate=None, value=None):
            pattern = tuple(None if term is None else to_oxigraph(term) for term in (subject, predicate, value))
            for graph in graphs:
                for quad in store.quads_for_pattern(*pattern, graph):
                    found.add(triple_to_rdflib(quad))

        def distinct(query: str) -> set:
            return {to_rdflib(row[0]) for row in store.query(query, default_graph=graphs)}

        for predicate in distinct("SELECT DISTINCT ?p WHERE { ?s ?p ?o }") - self.properties - {RDF.type}:
            add(predicate=predicate)
        for kind in distinct(f"SELECT DISTINCT ?c WHERE {{ ?s <{RDF.type}> ?c }}"):
            if isinstance(kind, URIRef) and (kind not in self.classes or kind in DECLARATION_TYPES):
                add(predicate=RDF.type, value=kind)
        namespaces = " || ".join(f'STRSTARTS(STR(?s), "{namespace}")' for namespace in (str(SC), *STANDARD_NAMESPACES))
        concepts = " ".join(f"<{kind}>" for kind in VOCABULARY_CLASSES)
        for subject in (distinct(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER (isIRI(?s) && ({namespaces})) }}")
                        | distinct(f"SELECT DISTINCT ?s WHERE {{ VALUES ?c {{ {concepts} }} ?s <{RDF.type}> ?c }}")
                        | self.defined):
            add(subject=subject)
        return found

    @staticmethod
    def _short(graph: Graph, term: URIRef) -> str:
        return graph.namespace_manager.normalizeUri(term)

    def _suggestion(self, graph: Graph, term: URIRef, known: set) -> str:
        namespace = str(term).rsplit("#", 1)[0] if "#" in str(term) else str(term).rsplit("/", 1)[0]
        candidates = {str(k): k for k in known if str(k).startswith(namespace)}
        close = difflib.get_close_matches(str(term), list(candidates), n=1, cutoff=0.8)
        if close:
            return f" (did you mean {self._short(graph, candidates[close[0]])}?)"
        return " (declared nowhere: check the spelling against ontology/spacecoop.ttl, or declare " \
               "an external term in ontology/imports/reused-terms.ttl)"
