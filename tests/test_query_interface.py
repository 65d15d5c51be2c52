"""The query commands as people and programs use them: output formats that parse back,
refusals that keep the engine safe, limits, and a cache that never answers stale."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from click.testing import CliRunner
from rdflib import Graph

from spacecoop.cli import main

MISSIONS = "SELECT ?mission ?label WHERE { ?mission a sc:SampleReturnMission ; rdfs:label ?label } ORDER BY ?mission"
SPARQL_RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def spacecoop(project, *args, cache=False):
    options = ["--project", str(project)] + ([] if cache else ["--no-cache"])
    return CliRunner().invoke(main, [*options, *args])


def test_table_is_the_default(repository):
    result = spacecoop(repository, "sparql", MISSIONS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["mission", "label"]
    assert lines[2].split() == ["mission:hayabusa2", "Hayabusa2"]
    assert lines[3].split() == ["mission:mmx", "MMX"]
    assert lines[-1] == "2 rows"


def test_json_is_the_w3c_results_structure(repository):
    result = spacecoop(repository, "sparql", MISSIONS, "--format", "json")
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["mission", "label"]
    first = document["results"]["bindings"][0]
    assert first["mission"] == {"type": "uri",
                                "value": "https://w3id.org/spacecoop/resource/mission/hayabusa2"}
    assert first["label"] == {"type": "literal", "value": "Hayabusa2", "xml:lang": "en"}


def test_csv_has_the_header_row(repository):
    result = spacecoop(repository, "sparql", MISSIONS, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["mission", "label"],
                    ["https://w3id.org/spacecoop/resource/mission/hayabusa2", "Hayabusa2"],
                    ["https://w3id.org/spacecoop/resource/mission/mmx", "MMX"]]


def test_tsv_writes_rdf_terms(repository):
    result = spacecoop(repository, "sparql", MISSIONS, "--format", "tsv")
    lines = result.stdout.splitlines()
    assert lines[0] == "?mission\t?label"
    assert lines[1] == '<https://w3id.org/spacecoop/resource/mission/hayabusa2>\t"Hayabusa2"@en'


def test_xml_is_sparql_results_xml(repository):
    result = spacecoop(repository, "sparql", MISSIONS, "--format", "xml")
    root = ElementTree.fromstring(result.stdout)
    assert root.tag == f"{SPARQL_RESULTS}sparql"
    assert len(root.findall(f"{SPARQL_RESULTS}results/{SPARQL_RESULTS}result")) == 2


def test_ask_answers_yes_or_no(repository):
    asked = "ASK { mission:mmx sc:targetBody body:phobos }"
    assert spacecoop(repository, "sparql", asked).stdout == "yes\n"
    assert json.loads(spacecoop(repository, "sparql", asked, "--format", "json").stdout)["boolean"] is True
    assert spacecoop(repository, "sparql", asked, "--format", "csv").stdout.splitlines() == ["_askResult", "true"]
    assert spacecoop(repository, "sparql", asked, "--format", "tsv").stdout == "?_askResult\ntrue\n"
    root = ElementTree.fromstring(spacecoop(repository, "sparql", asked, "--format", "xml").stdout)
    assert root.find(f"{SPARQL_RESULTS}boolean").text == "true"


@pytest.mark.parametrize("output_format, parser", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_construct_results_parse_back(repository, output_format, parser):
    query = "CONSTRUCT { ?m sc:targetBody ?b } WHERE { ?m sc:targetBody ?b }"
    result = spacecoop(repository, "sparql", query, "--format", output_format)
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format=parser)
    assert len(graph) > 3


def test_a_table_format_for_a_graph_result_is_a_usage_error(repository):
    result = spacecoop(repository, "sparql", "CONSTRUCT WHERE { ?s a sc:Rover }", "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == ("spacecoop: a CONSTRUCT result is a graph: choose one of the formats turtle, nt, "
                             "jsonld, rdfxml, nquads (choose another with --format)\n")


def test_query_from_file_and_standard_input(repository, tmp_path):
    path = tmp_path / "missions.rq"
    path.write_text(MISSIONS, encoding="utf-8")
    from_file = spacecoop(repository, "sparql", "-f", str(path), "--format", "csv")
    from_stdin = CliRunner().invoke(main, ["--project", str(repository), "--no-cache", "sparql", "-",
                                           "--format", "csv"], input=MISSIONS)
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout


@pytest.mark.parametrize("query, message", [
    ("INSERT DATA { mission:mmx rdfs:label \"x\" }", "updates are refused"),
    ("DELETE WHERE { ?s ?p ?o }", "updates are refused"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * FROM <http://127.0.0.1:9/graph.ttl> WHERE { ?s ?p ?o }", "FROM and FROM NAMED are refused"),
    ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "FROM and FROM NAMED are refused"),
    ("SELECT * WHERE { ?s ?p ?o . FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
     "SERVICE is refused"),
])
def test_unsafe_queries_are_refused(repository, query, message):
    result = spacecoop(repository, "sparql", query)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_syntax_error_gives_line_and_column(repository):
    result = spacecoop(repository, "sparql", "SELECT ?s\nWHERE { ?s ?p }")
    assert result.exit_code == 2
    assert result.stderr.startswith("spacecoop: query:2:")
    assert "SPARQL syntax error" in result.stderr


def test_unknown_prefix_is_reported(repository):
    result = spacecoop(repository, "sparql", "SELECT ?s WHERE { ?s a zz:Thing }")
    assert result.exit_code == 2
    assert result.stderr == "spacecoop: query:1:24: unknown prefix zz: (declare it with PREFIX)\n"


def test_a_query_past_its_deadline_is_stopped(repository):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = spacecoop(repository, "sparql", endless, "--timeout", "0.5")
    assert result.exit_code == 2
    assert "stopped after 0.5 s (raise the limit with --timeout)" in result.stderr


def test_row_cap_cuts_and_says_so(repository):
    query = "SELECT ?s WHERE { ?s a ?class } ORDER BY ?s"
    table = spacecoop(repository, "sparql", query, "--max-rows", "3")
    assert table.exit_code == 0
    assert table.stdout.rstrip().endswith("3 rows (cut at the row cap)")
    as_csv = spacecoop(repository, "sparql", query, "--max-rows", "3", "--format", "csv")
    assert len(as_csv.stdout.splitlines()) == 4
    assert "result cut at the row cap (3 rows)" in as_csv.stderr


def test_reasoning_is_opt_in_for_ad_hoc_queries(repository):
    query = "SELECT ?m WHERE { ?m a sc:Mission } ORDER BY ?m"
    asserted = spacecoop(repository, "sparql", query, "--format", "csv").stdout.splitlines()
    reasoned = spacecoop(repository, "sparql", query, "--format", "csv", "--reason").stdout.splitlines()
    assert "https://w3id.org/spacecoop/resource/mission/mmx" not in asserted
    assert "https://w3id.org/spacecoop/resource/mission/mmx" in reasoned


def test_catalogue_lists_metadata_as_json(repository):
    result = spacecoop(repository, "queries", "--format", "json")
    catalogue = json.loads(result.stdout)
    assert len(catalogue) >= 25
    assert all({"name", "title", "description", "tags", "reasoning", "parameters"} <= set(q) for q in catalogue)


def test_cached_answer_follows_a_changed_data_file(project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(tmp_path / "cache"))
    first = spacecoop(project_copy, "sparql", MISSIONS, "--format", "csv", cache=True)
    again = spacecoop(project_copy, "sparql", MISSIONS, "--format", "csv", cache=True)
    assert first.stdout == again.stdout and "MMX" in first.stdout
    assert any((tmp_path / "cache").rglob("*"))
    missions = project_copy / "data" / "entities" / "missions.ttl"
    missions.write_text(missions.read_text(encoding="utf-8").replace('"MMX"@en', '"Martian Moons eXploration"@en'),
                        encoding="utf-8")
    changed = spacecoop(project_copy, "sparql", MISSIONS, "--format", "csv", cache=True)
    assert "Martian Moons eXploration" in changed.stdout and ",MMX" not in changed.stdout
    entries = tmp_path / "cache" / "spacecoop"  # the cache's own folder under $SPACECOOP_CACHE_DIR
    fingerprints = [p for p in entries.iterdir() if p.is_dir() and p.name != "stores"]
    assert len(fingerprints) == 1  # old entries dropped
    stores = [p for p in (entries / "stores").iterdir() if not p.name.startswith(".")]
    assert len(stores) == 2  # the store of the new content, and the one before it for its readers


def test_cached_answer_is_served_without_loading_rdflib(project_copy, tmp_path):
    """The fast path: a repeated query prints its cached answer with no RDF library loaded."""
    script = (
        "import sys\n"
        "from spacecoop.cli import main\n"
        f"args = ['--project', {str(project_copy)!r}, 'sparql', {MISSIONS!r}, '--format', 'csv']\n"
        "try:\n    main(args)\nexcept SystemExit:\n    pass\n"
        "print('rdflib loaded' if 'rdflib' in sys.modules else 'rdflib not loaded', file=sys.stderr)\n")
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
            for _ in range(2)]
    assert runs[0].stdout == runs[1].stdout
    assert "rdflib loaded" in runs[0].stderr
    assert "rdflib not loaded" in runs[1].stderr
