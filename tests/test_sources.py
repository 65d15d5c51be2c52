"""The sources (spacecoop.sources): each data file is one source graph with one source node.

* A file of data/releases/ types exactly one sc:PressRelease and no sc:EditorialNote, and
  states with sc:statedIn only its own release.
* A file of data/entities/ types exactly one sc:EditorialNote and no sc:PressRelease, and
  holds no fact: no node of a fact class or subclass, no sc:statedIn.
* Other files of data/ are not checked. The shipped files pass.
* Each problem is one violation whose message starts with file:line.
* `spacecoop validate` reports them; `spacecoop validate FILE` and `add` refuse new triples
  that would break their release file (several releases, an editorial note, a fact of
  another release), naming the line of the file.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from spacecoop.cli import main
from spacecoop.formats import source_graph
from spacecoop.namespaces import RESOURCE, SC, SCSH
from spacecoop.sources import COMPONENT, data_file_results, new_triples_results

PREFIXES = textwrap.dedent("""\
    @prefix sc: <https://w3id.org/spacecoop/ontology#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix release: <https://w3id.org/spacecoop/resource/release/> .
    @prefix source: <https://w3id.org/spacecoop/resource/source/> .
    @prefix meeting: <https://w3id.org/spacecoop/resource/meeting/> .
    @prefix agreement: <https://w3id.org/spacecoop/resource/agreement/> .
    @prefix mission: <https://w3id.org/spacecoop/resource/mission/> .
    """)
PREFIX_LINES = PREFIXES.count("\n")


def release(name: str) -> URIRef:
    return URIRef(f"{RESOURCE}release/{name}")


def node(path: str) -> URIRef:
    return URIRef(f"{RESOURCE}{path}")


def check_file(root: Path, relative: str, body: str, ontology: Graph) -> list[tuple]:
    """(focus, path, value, shape, message) of each result on a data file written at ``relative``."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = PREFIXES + textwrap.dedent(body)
    path.write_text(text, encoding="utf-8")
    graph = Graph().parse(data=text, format="turtle")
    results = data_file_results(path, root, graph, text, ontology)
    assert all(r.component == COMPONENT and r.severity == SH.Violation for r in results)
    return [(r.focus, r.path, r.value, r.shape, r.message) for r in results]


def test_the_shipped_files_are_sources(kg):
    for path, iri in kg.files.source_graphs.items():
        assert data_file_results(path, kg.files.root, kg.source_graphs[iri], kg.files.text(path),
                                 kg.ontology) == [], path


# --------------------------------------------------------------------------------------
# Release files
# --------------------------------------------------------------------------------------

def test_a_release_file_states_only_its_release(tmp_path, kg):
    found = check_file(tmp_path, "data/releases/2021-02-25-x.ttl", """\
        release:2021-02-25 a sc:PressRelease .
        meeting:m sc:statedIn release:2021-02-25 ,
            release:2020-10-22 .
        """, kg.ontology)
    assert found == [(node("meeting/m"), SC.statedIn, release("2020-10-22"), SCSH.ReleaseFile,
                      f"data/releases/2021-02-25-x.ttl:{PREFIX_LINES + 3}: this is the file of "
                      "release:2021-02-25: a statement of release:2020-10-22 goes in that release's file")]


def test_a_release_file_types_one_release(tmp_path, kg):
    found = check_file(tmp_path, "data/releases/two.ttl", """\
        release:2021-02-25 a sc:PressRelease .
        release:2022-07-01 a sc:PressRelease .
        meeting:m sc:statedIn release:2020-10-22 .
        """, kg.ontology)
    assert found == [(release("2022-07-01"), RDF.type, SC.PressRelease, SCSH.SourceFile,
                      f"data/releases/two.ttl:{PREFIX_LINES + 2}: a file of data/releases/ types exactly "
                      "one sc:PressRelease (its source); this one types 2 (release:2021-02-25, release:2022-07-01)")]


def test_a_release_file_without_release_is_named_by_its_source_graph(tmp_path, kg):
    found = check_file(tmp_path, "data/releases/none.ttl", "meeting:m rdfs:label \"M\"@en .\n", kg.ontology)
    graph = URIRef(source_graph(tmp_path / "data/releases/none.ttl", tmp_path / "data"))
    assert str(graph) == "https://w3id.org/spacecoop/graph/source/releases/none"
    assert found == [(graph, RDF.type, SC.PressRelease, SCSH.SourceFile,
                      "data/releases/none.ttl: a file of data/releases/ types exactly one sc:PressRelease "
                      "(its source); this one types none")]


def test_a_release_file_holds_no_editorial_note(tmp_path, kg):
    found = check_file(tmp_path, "data/releases/2021-02-25-x.ttl", """\
        release:2021-02-25 a sc:PressRelease .
        source:entities-x a sc:EditorialNote .
        """, kg.ontology)
    assert found == [(node("source/entities-x"), RDF.type, SC.EditorialNote, SCSH.SourceFile,
                      f"data/releases/2021-02-25-x.ttl:{PREFIX_LINES + 2}: source:entities-x is typed "
                      "sc:EditorialNote: an editorial note belongs in a file of data/entities/")]


# --------------------------------------------------------------------------------------
# Entity files
# --------------------------------------------------------------------------------------

def test_an_entity_file_holds_no_fact(tmp_path, kg):
    found = check_file(tmp_path, "data/entities/missions.ttl", """\
        source:entities-missions a sc:EditorialNote .
        mission:x rdfs:label "X"@en ;
            sc:statedIn release:2021-02-25 .
        meeting:m a sc:Meeting .
        agreement:a a sc:Roadmap .
        """, kg.ontology)
    line = PREFIX_LINES + 1
    assert [(focus, path, value, shape) for focus, path, value, shape, _ in found] == [
        (node("agreement/a"), RDF.type, SC.Roadmap, SCSH.EntityFile),
        (node("meeting/m"), RDF.type, SC.Meeting, SCSH.EntityFile),
        (node("mission/x"), SC.statedIn, release("2021-02-25"), SCSH.EntityFile)]
    assert [message for *_, message in found] == [
        f"data/entities/missions.ttl:{line + 4}: agreement:a is a fact (sc:Roadmap): it belongs in the "
        "file of the release stating it, not in data/entities/",
        f"data/entities/missions.ttl:{line + 3}: meeting:m is a fact (sc:Meeting): it belongs in the "
        "file of the release stating it, not in data/entities/",
        f"data/entities/missions.ttl:{line + 2}: sc:statedIn has no place in data/entities/, whose "
        "statements are the editors': what release:2021-02-25 says goes in its file"]


def test_an_entity_file_has_one_editorial_note_and_no_release(tmp_path, kg):
    found = check_file(tmp_path, "data/entities/places.ttl", """\
        release:2021-02-25 a sc:PressRelease .
        """, kg.ontology)
    graph = URIRef(source_graph(tmp_path / "data/entities/places.ttl", tmp_path / "data"))
    assert [(focus, value, message) for focus, _, value, _, message in found] == [
        (graph, SC.EditorialNote, "data/entities/places.ttl: a file of data/entities/ types exactly one "
         "sc:EditorialNote (its source); this one types none"),
        (release("2021-02-25"), SC.PressRelease, f"data/entities/places.ttl:{PREFIX_LINES + 1}: "
         "release:2021-02-25 is typed sc:PressRelease: a press release has a file of its own in data/releases/")]


def test_other_data_files_are_not_sources(tmp_path, kg):
    assert check_file(tmp_path, "data/all.ttl", "meeting:m sc:statedIn release:2021-02-25 .\n", kg.ontology) == []


# --------------------------------------------------------------------------------------
# The project and new triples
# --------------------------------------------------------------------------------------

def cli(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "--no-cache", *args])


def test_validate_reports_a_fact_of_another_release_with_its_line(project_copy):
    target = project_copy / "data" / "releases" / "2021-02-25-videoconference.ttl"
    text = target.read_text(encoding="utf-8")
    target.write_text(text + "\nmeeting:2021-02-25-cnes-jaxa-videoconference sc:statedIn release:2020-10-22 .\n",
                      encoding="utf-8")
    line = text.count("\n") + 2
    result = cli(project_copy, "validate")
    assert result.exit_code == 1, result.output
    assert ("  Violation sc:statedIn = release:2020-10-22\n"
            f"            data/releases/2021-02-25-videoconference.ttl:{line}: this is the file of "
            "release:2021-02-25: a statement of release:2020-10-22 goes in that release's file  "
            "[scsh:ReleaseFile]") in result.stdout


def test_new_triples_go_into_one_release_file():
    graph = Graph().parse(data=PREFIXES + textwrap.dedent("""\
        release:2023-01-01 a sc:PressRelease .
        release:2023-02-01 a sc:PressRelease .
        source:x a sc:EditorialNote .
        meeting:m sc:statedIn release:2023-01-01 .
        """), format="turtle")
    assert [(r.focus, r.path, r.value, r.message) for r in new_triples_results(graph)] == [
        (release("2023-02-01"), RDF.type, SC.PressRelease,
         "the new triples type 2 (release:2023-01-01, release:2023-02-01): add one release at a time"),
        (node("source/x"), RDF.type, SC.EditorialNote,
         "new triples go into a release's file: an editorial note and what it sources are edited in data/entities/")]


def test_new_triples_state_only_their_release():
    graph = Graph().parse(data=PREFIXES + textwrap.dedent("""\
        release:2023-01-01 a sc:PressRelease .
        meeting:m sc:statedIn release:2023-01-01 , release:2022-07-01 .
        """), format="turtle")
    expected = [(node("meeting/m"), SC.statedIn, release("2022-07-01"),
                 "the new triples go into the file of release:2023-01-01, which states only its own facts: "
                 "add what release:2022-07-01 states on its own")]
    assert [(r.focus, r.path, r.value, r.message) for r in new_triples_results(graph)] == expected
    named = new_triples_results(graph, release("2022-07-01"))
    assert [(r.focus, r.value) for r in named] == [(node("meeting/m"), release("2023-01-01"))]


def test_validate_and_add_refuse_a_new_release_stating_another(project_copy, tmp_path):
    case = tmp_path / "new-release.ttl"
    case.write_text(PREFIXES + textwrap.dedent("""\
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix organisation: <https://w3id.org/spacecoop/resource/organisation/> .
        release:2023-05-10 a sc:PressRelease ;
            rdfs:label "CNES press release of 10 May 2023"@en ;
            dcterms:date "2023-05-10"^^xsd:date ;
            dcterms:publisher organisation:cnes .
        mission:mmx sc:statedIn release:2023-05-10 .
        mission:hayabusa2 sc:statedIn release:2022-07-01 .
        """), encoding="utf-8")
    before = sorted(p.name for p in (project_copy / "data" / "releases").iterdir())
    result = cli(project_copy, "validate", str(case))
    assert result.exit_code == 1, result.output
    assert (f"  Violation sc:statedIn = release:2022-07-01  ({case}:{PREFIX_LINES + 9})\n"
            "            the new triples go into the file of release:2023-05-10, which states only "
            "its own facts: add what release:2022-07-01 states on its own  [scsh:NewTriplesSource]") \
        in result.stdout
    for option in ([], ["--release", "release:2023-05-10"]):
        result = cli(project_copy, "add", *option, str(case))
        assert result.exit_code == 1, result.output
        assert "[scsh:NewTriplesSource]" in result.stdout
        assert result.stderr == "Nothing was added.\n"
    assert sorted(p.name for p in (project_copy / "data" / "releases").iterdir()) == before


@pytest.mark.parametrize("folder", ["releases", "entities"])
def test_source_graph_names_follow_the_files(tmp_path, folder):
    path = tmp_path / "data" / folder / "x.ttl"
    assert source_graph(path, tmp_path / "data") == f"https://w3id.org/spacecoop/graph/source/{folder}/x"
