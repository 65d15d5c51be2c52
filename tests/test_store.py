"""The embedded store: built once for each content of the ontology and data, opened
read-only after that, rebuilt when a file changes, and never built from a file it cannot
read (the error names the file and the line)."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from spacecoop.formats import GRAPH_NAMES, SOURCE_GRAPH_BASE, Limits, source_graph
from spacecoop.kg import KnowledgeGraph
from spacecoop.namespaces import PREFIXES, SC
from spacecoop.project import ProjectFiles
from spacecoop.store.oxigraph import (MARKER_NAME, STORES_FOLDER_NAME, ProjectStore, StoreError,
                                      UntrustedFolderError)

MISSIONS = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a sc:Mission }"


def _no_reasoning(store, asserted, inferred):
    return ["a sentence the reasoner wrote"]


def test_a_store_is_built_once_and_then_opened(project_copy, tmp_path):
    files = ProjectFiles.discover(project_copy)
    first = ProjectStore.on_disk(files, tmp_path, _no_reasoning)
    assert (first.location / MARKER_NAME).is_file()
    assert first.count("data") > 1000 and first.count("ontology") > 500 and first.count("inferred") == 0
    built_at = os.stat(first.location / MARKER_NAME).st_mtime_ns

    def fail(*args):
        raise AssertionError("the store was built again")
    again = ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, fail)
    assert again.location == first.location
    assert os.stat(again.location / MARKER_NAME).st_mtime_ns == built_at
    assert again.inconsistencies == ["a sentence the reasoner wrote"]  # kept from the build


def test_a_changed_data_file_gives_a_new_store_and_the_old_one_stays_for_its_readers(project_copy, tmp_path):
    files = ProjectFiles.discover(project_copy)
    old = ProjectStore.on_disk(files, tmp_path, _no_reasoning)
    missions = project_copy / "data" / "entities" / "missions.ttl"
    missions.write_text(missions.read_text(encoding="utf-8") + "\nmission:new a sc:Mission .\n", encoding="utf-8")
    new = ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, _no_reasoning)
    assert new.location != old.location
    assert new.count("data") == old.count("data") + 1
    assert sorted(p.name for p in (tmp_path / STORES_FOLDER_NAME).iterdir()) == \
        sorted([old.location.name, new.location.name])
    missions.write_text(missions.read_text(encoding="utf-8") + "\nmission:newer a sc:Mission .\n", encoding="utf-8")
    newest = ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, _no_reasoning)
    assert sorted(p.name for p in (tmp_path / STORES_FOLDER_NAME).iterdir()) == \
        sorted([new.location.name, newest.location.name])  # the oldest is removed


def test_a_store_opened_from_disk_cannot_be_written(project_copy, tmp_path):
    store = ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, _no_reasoning)
    with pytest.raises(RuntimeError, match="read-write"):
        store.store.update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_a_data_file_oxigraph_cannot_read_is_named_with_its_line(project_copy, tmp_path):
    broken = project_copy / "data" / "entities" / "missions.ttl"
    broken.write_text("@prefix sc: <https://w3id.org/spacecoop/ontology#> .\n\n<a b> a sc:Mission .\n",
                      encoding="utf-8")
    with pytest.raises(StoreError) as error:
        ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, _no_reasoning)
    assert str(error.value).startswith(f"{broken}:3:")
    assert not [p for p in (tmp_path / STORES_FOLDER_NAME).iterdir()]  # nothing half-built is left


def test_a_store_folder_others_can_write_to_is_not_used(project_copy, tmp_path):
    (tmp_path / STORES_FOLDER_NAME).mkdir(mode=0o777)
    os.chmod(tmp_path / STORES_FOLDER_NAME, 0o777)
    with pytest.raises(UntrustedFolderError, match="no one else can write to"):
        ProjectStore.on_disk(ProjectFiles.discover(project_copy), tmp_path, _no_reasoning)


def test_in_memory_and_on_disk_stores_answer_alike(project_copy):
    in_memory = KnowledgeGraph.from_project(project_copy)
    on_disk = KnowledgeGraph.from_project(project_copy, use_cache=True)
    assert on_disk.store.location is not None and in_memory.store.location is None
    for reasoning in (False, True):
        answers = [kg.sparql(MISSIONS, reasoning=reasoning, limits=Limits(timeout=30)).rows
                   for kg in (in_memory, on_disk)]
        assert answers[0] == answers[1]
    # with reasoning, the subclasses of sc:Mission count too
    assert int(on_disk.sparql(MISSIONS, reasoning=True).rows[0][0]) > int(on_disk.sparql(MISSIONS).rows[0][0])


# ---------------------------------------------------------------- source graphs

PREAMBLE = "".join(f"@prefix {prefix}: <{PREFIXES[prefix]}> .\n"
                   for prefix in ("sc", "rdfs", "release", "source", "mission"))
#: A small project: the statement "mission:x is a mission" is made by two releases and the
#: editorial note of the missions file; the label of mission:x only by the note.
TINY_FILES = {
    "releases/2099-01-01-first.ttl": "release:2099-01-01 a sc:PressRelease .\nmission:x a sc:Mission .\n",
    "releases/2099-02-02 second, 100%.ttl": ("release:2099-02-02 a sc:PressRelease .\n"
                                             "mission:x a sc:Mission .\n"),
    "entities/missions.ttl": ("source:entities-missions a sc:EditorialNote .\n"
                              "mission:x a sc:Mission ; rdfs:label \"X\"@en .\n"),
}
MISSION_X = URIRef(PREFIXES["mission"] + "x")
STATED_THRICE = (MISSION_X, RDF.type, SC.Mission)


def write_tiny_project(root: Path) -> Path:
    """The project of :data:`TINY_FILES`, with no ontology and no shapes."""
    for folder in ("ontology", "shapes"):
        (root / folder).mkdir(parents=True)
    for name, text in TINY_FILES.items():
        (root / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / name).write_text(PREAMBLE + text, encoding="utf-8")
    return root


def test_a_data_file_s_source_graph_is_named_after_its_path_under_data(tmp_path):
    data = tmp_path / "data"
    assert source_graph(data / "releases" / "2021-02-25-videoconference.ttl", data) == \
        SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference"
    assert source_graph(data / "entities" / "missions.ttl", data) == SOURCE_GRAPH_BASE + "entities/missions"
    # what an IRI cannot hold is percent-encoded (so is '%'); letters of any script stay
    assert source_graph(data / "a b" / "c%d#e?<é>.ttl", data) == \
        SOURCE_GRAPH_BASE + "a%20b/c%25d%23e%3F%3Cé%3E"
    assert source_graph(data / "x" / "\udcff.ttl", data) == SOURCE_GRAPH_BASE + "x/%FF"  # not UTF-8


def test_each_data_file_is_also_loaded_into_its_own_source_graph(tmp_path):
    files = ProjectFiles.discover(write_tiny_project(tmp_path / "project"))
    store = ProjectStore.on_disk(files, tmp_path / "cache", _no_reasoning)  # through the chunked disk write
    statement = [ox.NamedNode(str(term)) for term in STATED_THRICE]
    graphs = {quad.graph_name.value for quad in store.store.quads_for_pattern(*statement, None)}
    assert graphs == {GRAPH_NAMES["data"], *files.source_graphs.values()}
    assert SOURCE_GRAPH_BASE + "releases/2099-02-02%20second,%20100%25" in graphs
    assert store.count("data") == 5  # each statement once
    assert len(store.store) == 5 + 2 + 2 + 3


def test_queries_read_the_data_once_and_see_the_source_graphs_by_name(tmp_path):
    kg = KnowledgeGraph.from_project(write_tiny_project(tmp_path))
    assert kg.sparql("SELECT ?m WHERE { ?m a sc:Mission }").rows == [(MISSION_X,)]
    in_graphs = kg.sparql("SELECT ?g WHERE { GRAPH ?g { mission:x a sc:Mission } "
                          f"FILTER STRSTARTS(STR(?g), \"{SOURCE_GRAPH_BASE}\") }} ORDER BY ?g")
    assert [str(row[0]) for row in in_graphs.rows] == sorted(kg.files.source_graphs.values())
    release, note = PREFIXES["release"], URIRef(PREFIXES["source"] + "entities-missions")
    assert kg.sources_of(STATED_THRICE) == \
        sorted([URIRef(release + "2099-01-01"), URIRef(release + "2099-02-02"), note])
    assert kg.sources_of((MISSION_X, RDFS.label, Literal("X", lang="en"))) == [note]
    assert kg.sources_of((MISSION_X, RDFS.label, Literal("Y", lang="en"))) == []
