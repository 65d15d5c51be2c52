"""The embedded store: built once for each content of the ontology and data, opened
read-only after that, rebuilt when a file changes, and never built from a file it cannot
read (the error names the file and the line)."""

from __future__ import annotations

import os

import pytest

from spacecoop.formats import Limits
from spacecoop.kg import KnowledgeGraph
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
