"""Tests of the shortcuts validation takes with rdflib's SPARQL engine.

Incremental validation (``spacecoop validate FILE``) evaluates each SPARQL target of the
shapes only for the nodes in its scope (:func:`spacecoop.validation.restricted_to`). That is
only right if, for every target the shapes hold, the restricted query selects exactly the
nodes the whole query selects among those given: checked here on the shipped graph joined
to every invalid shape case, so that each target has nodes to select.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from spacecoop.loading import load_files
from spacecoop.validation import THIS, parsed_query, restricted_to, sparql_target_texts



INVALID_CASES = sorted((Path(__file__).resolve().parent / "shape_cases" / "invalid").glob("*.ttl"))


@pytest.fixture(scope="module")
def graph_with_offences(kg) -> Graph:
    graph = kg.asserted()
    graph += load_files(INVALID_CASES)
    return graph


def _target_queries(shapes: Graph):
    for target in shapes.subjects(RDF.type, SH.SPARQLTarget):
        prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n"
                           for prefix, namespace in shapes.namespaces())
        yield target, prefixes + str(shapes.value(target, SH.select))


def _selected(graph: Graph, query) -> set:
    return {row[THIS] for row in graph.query(query).bindings}


def test_every_sparql_target_is_found(kg):
    targets = sparql_target_texts(kg.data_shapes)
    assert len(targets) == len(set(kg.data_shapes.subjects(RDF.type, SH.SPARQLTarget))) >= 15


def test_restricted_targets_select_what_the_whole_targets_select(kg, graph_with_offences):
    nodes = sorted({term for triple in graph_with_offences for term in triple
                    if not isinstance(term, Literal)}, key=str)
    sample = random.Random(4).sample(nodes, 150)
    checked = 0
    for target, text in _target_queries(kg.data_shapes):
        query = parsed_query(text, None, None)
        selected = _selected(graph_with_offences, query)
        assert selected, f"{target}: the test graph should give this target something to select"
        given = sorted(selected | set(sample), key=str)
        assert _selected(graph_with_offences, restricted_to(query, given)) == selected, target
        half = given[::2]
        assert _selected(graph_with_offences, restricted_to(query, half)) == selected & set(half), target
        assert _selected(graph_with_offences, restricted_to(query, [])) == set(), target
        checked += 1
    assert checked >= 15
