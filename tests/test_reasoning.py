"""OWL 2 RL reasoning over ontology + data: consistent, complete enough, kept apart."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF

from spacecoop.namespaces import RESOURCE, SC
from spacecoop.reasoning import owl_rl_closure


def test_shipped_graph_is_consistent(kg):
    assert kg.closure.inconsistencies == []
    assert not any(kg.closure.inferred.subjects(RDF.type, OWL.Nothing))


def test_inferred_triples_are_kept_apart_from_asserted(kg):
    inferred = kg.closure.inferred
    assert not any(triple in kg.data or triple in kg.ontology for triple in inferred)
    assert not any(isinstance(s, Literal) for s, _, _ in inferred)


def test_reasoning_does_not_change_the_inputs(kg):
    before = len(kg.data), len(kg.ontology)
    owl_rl_closure(kg.asserted())
    assert (len(kg.data), len(kg.ontology)) == before


def test_subclasses_and_chains_are_inferred(kg):
    inferred = kg.closure.inferred
    mmx = RESOURCE["mission/mmx"]
    assert (mmx, RDF.type, SC.Mission) in inferred
    jaxa_president = RESOURCE["post/president-of-jaxa"]
    # org:holds follows from a post holding through the property chain of the ontology
    holders = set(inferred.subjects(URIRef("http://www.w3.org/ns/org#holds"), jaxa_president))
    assert {RESOURCE["person/naoki-okumura"], RESOURCE["person/hiroshi-yamakawa"]} <= holders
    # sc:states is the inverse of sc:statedIn
    assert (RESOURCE["release/2021-02-25"], SC.states, mmx) in inferred


def test_disjoint_classes_clash_is_reported():
    graph = Graph()
    graph.parse(data="""
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix ex: <http://example.test/> .
        ex:A owl:disjointWith ex:B .
        ex:x a ex:A , ex:B .
    """, format="turtle")
    closure = owl_rl_closure(graph)
    assert not closure.consistent
    assert any("http://example.test/x" in problem for problem in closure.inconsistencies)
