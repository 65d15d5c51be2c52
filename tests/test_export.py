"""Export: every format parses back to the same graph, and the text never varies."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from spacecoop.formats import GRAPH_NAMES
from spacecoop.kg import KnowledgeGraph
from test_store import STATED_THRICE, write_tiny_project

TRIPLE_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("name, parser", TRIPLE_FORMATS.items())
def test_round_trip_is_isomorphic(kg, name, parser):
    text = kg.export(name, ontology=True)
    expected = Graph()
    expected += kg.data
    expected += kg.ontology
    assert isomorphic(Graph().parse(data=text, format=parser), expected)


def named_graphs(text: str, rdf_format: str) -> dict[str, Graph]:
    dataset = Dataset()
    dataset.parse(data=text, format=rdf_format)
    return {str(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.mark.parametrize("rdf_format", ["trig", "nquads"])
def test_trig_and_n_quads_keep_each_data_file_and_part_in_its_named_graph(kg, rdf_format):
    graphs = named_graphs(kg.export(rdf_format, ontology=True, inferred=True), rdf_format)
    sources = kg.files.source_graphs
    assert set(graphs) == {*sources.values(), GRAPH_NAMES["ontology"], GRAPH_NAMES["inferred"]}
    for path, name in sources.items():
        assert isomorphic(graphs[name], Graph().parse(path, format="turtle")), path
    assert isomorphic(graphs[GRAPH_NAMES["ontology"]], kg.ontology)
    assert len(graphs[GRAPH_NAMES["inferred"]]) == len(kg.inferred)


@pytest.mark.parametrize("rdf_format", ["trig", "nquads"])
def test_a_statement_two_files_make_is_in_both_their_graphs(tmp_path, rdf_format):
    kg = KnowledgeGraph.from_project(write_tiny_project(tmp_path))
    graphs = named_graphs(kg.export(rdf_format), rdf_format)
    assert set(graphs) == set(kg.files.source_graphs.values())
    assert all(STATED_THRICE in graph for graph in graphs.values())
    turtle = Graph().parse(data=kg.export("turtle"), format="turtle")
    assert len(turtle) == 5 and isomorphic(turtle, kg.data)
    assert len(list(turtle.triples(STATED_THRICE))) == 1
    assert kg.export("nt").count(" ".join(term.n3() for term in STATED_THRICE) + " .\n") == 1


def test_default_export_is_the_asserted_data_only(kg):
    exported = Graph().parse(data=kg.export("turtle"), format="turtle")
    assert isomorphic(exported, kg.data)


def test_turtle_uses_readable_prefixes(kg):
    text = kg.export("turtle")
    assert "@prefix mission: <https://w3id.org/spacecoop/resource/mission/> ." in text
    assert "mission:mmx" in text


@pytest.mark.parametrize("rdf_format", ["turtle", "nt", "jsonld", "trig", "nquads"])
def test_output_is_identical_across_processes(repository, rdf_format):
    """rdflib's set order depends on the hash seed: two processes must still agree."""
    outputs = set()
    for seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-m", "spacecoop", "--project", str(repository), "export",
             "--format", rdf_format, "--ontology"],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(completed.stdout)
    assert len(outputs) == 1
