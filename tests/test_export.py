"""Export: every format parses back to the same graph, and the text never varies."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from spacecoop.formats import GRAPH_NAMES

TRIPLE_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld"}


@pytest.mark.parametrize("name, parser", TRIPLE_FORMATS.items())
def test_round_trip_is_isomorphic(kg, name, parser):
    text = kg.export(name, ontology=True)
    expected = Graph()
    expected += kg.data
    expected += kg.ontology
    assert isomorphic(Graph().parse(data=text, format=parser), expected)


def test_trig_keeps_each_part_in_its_named_graph(kg):
    dataset = Dataset()
    dataset.parse(data=kg.export("trig", ontology=True, inferred=True), format="trig")
    graphs = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert set(graphs) == set(GRAPH_NAMES.values())
    assert isomorphic(graphs[GRAPH_NAMES["data"]], kg.data)
    assert isomorphic(graphs[GRAPH_NAMES["ontology"]], kg.ontology)
    assert len(graphs[GRAPH_NAMES["inferred"]]) == len(kg.inferred)


def test_default_export_is_the_asserted_data_only(kg):
    exported = Graph().parse(data=kg.export("turtle"), format="turtle")
    assert isomorphic(exported, kg.data)


def test_turtle_uses_readable_prefixes(kg):
    text = kg.export("turtle")
    assert "@prefix mission: <https://w3id.org/spacecoop/resource/mission/> ." in text
    assert "mission:mmx" in text


@pytest.mark.parametrize("rdf_format", ["turtle", "nt", "jsonld", "trig"])
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
