"""Tests of the shortcuts validation takes with rdflib's SPARQL engine.

Incremental validation (``spacecoop validate FILE``) evaluates each SPARQL target of the
shapes only for the nodes in its scope (:func:`spacecoop.validation.restricted_to`). That is
only right if, for every target the shapes hold, the restricted query selects exactly the
nodes the whole query selects among those given: checked here on the shipped graph joined
to every invalid shape case, so that each target has nodes to select.
"""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from spacecoop.cache import Cache
from spacecoop.kg import KnowledgeGraph
from spacecoop.loading import load_files
from spacecoop.project import ProjectFiles
from spacecoop.sparql_algebra import THIS, parsed_query, restricted_to
from spacecoop.validation import sparql_target_texts



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


def _shape_queries(shapes: Graph):
    prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in shapes.namespaces())
    return sorted(prefixes + str(select) for select in shapes.objects(None, SH.select))


def test_parsed_queries_survive_the_cache(kg, graph_with_offences):
    """The cache keeps the shapes' queries parsed: unpickled, each must answer exactly as
    the freshly parsed one does (rdflib's algebra needs help to be pickled at all)."""
    texts = _shape_queries(kg.shapes)
    assert len(texts) >= 30
    for text in texts:
        parsed = parsed_query(text)
        unpickled = pickle.loads(pickle.dumps(parsed))
        expected = {tuple(sorted(row.items())) for row in graph_with_offences.query(parsed).bindings}
        assert {tuple(sorted(row.items())) for row in graph_with_offences.query(unpickled).bindings} == expected


def test_prefix_order_does_not_change_what_a_query_is():
    """pyshacl writes the prefixes of a shape's query in an order that changes between
    processes: the parsed query is found again whatever the order."""
    body = "SELECT ?this WHERE { ?this a sc:Meeting ; rdfs:label ?label }"
    one = "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n" + body
    other = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX sc: <https://w3id.org/spacecoop/ontology#>\n\n" + body
    assert parsed_query(one) is parsed_query(other)
    redeclared = "PREFIX sc: <urn:a#>\nPREFIX sc: <https://w3id.org/spacecoop/ontology#>\n" + body
    swapped = "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\nPREFIX sc: <urn:a#>\n" + body
    assert parsed_query(redeclared) is not parsed_query(swapped)


def test_a_damaged_cache_entry_is_only_a_miss(project_copy):
    """A truncated or foreign pickle in the cache (another library version, a crash while
    writing) is ignored, never a crash."""
    files = ProjectFiles.discover(project_copy)
    cache = Cache(files)
    KnowledgeGraph(files, cache).validate()
    folder = cache.folder / cache.fingerprint
    (folder / "parsed-queries.pickle").write_bytes(pickle.dumps({}))  # written by the first process
    entries = sorted(folder.glob("*.pickle"))
    assert {entry.name for entry in entries} >= {"data.pickle", "ontology.pickle", "validation.pickle",
                                                 "parsed-queries.pickle"}
    for number, entry in enumerate(entries):
        if number % 2:
            entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        else:  # a class its writer had and this installation has not
            entry.write_bytes(b"cspacecoop_of_another_version\nGraph\n.")
    assert KnowledgeGraph(files, Cache(files)).validate().conforms


def test_a_scoped_validation_finds_what_the_whole_finds_and_leaves_rdflib_alone(kg, graph_with_offences):
    """The narrowing of the SPARQL targets to a scope belongs to the validation's own view of
    its graph, not to rdflib: each scoped validation finds exactly what validating everything
    finds about its nodes, and rdflib's SPARQL processor is the same object afterwards.

    (Validations in threads of one process still disagree at times — pyshacl and rdflib's
    parsed queries are shared — so a server must not run them side by side in threads.)"""
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    from spacecoop.validation import validate

    original_query = SPARQLProcessor.query
    nodes = sorted({s for s in graph_with_offences.subjects() if not isinstance(s, Literal)}, key=str)

    def results(scope):
        graph = Graph()
        graph += graph_with_offences
        return {(r.focus, r.path, r.shape, r.value) for r in validate(graph, kg.data_shapes, scope).results}

    everything = results(None)
    for scope in (set(nodes[::2]), set(nodes[1::2])):
        found = results(scope)
        assert found and found == {result for result in everything if result[0] in scope}
    assert SPARQLProcessor.query is original_query
