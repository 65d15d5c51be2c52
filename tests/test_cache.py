"""What a user relies on from the cache and from reading the project's files.

The cache removes only folders it made (a fingerprint name and its own marker), never
through a symbolic link nor outside its folder; it loads nothing that someone else could
have written, and nothing truncated or edited; what it keeps was parsed from exactly the
bytes its fingerprint names. A project file that is not a regular file (a FIFO) is refused
at once, in one line, instead of hanging the command.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDFS, Graph, Literal, URIRef

from spacecoop.cache import ENTRY_HEADER, MARKER, MARKER_NAME, Cache
from spacecoop.cli import main
from spacecoop.kg import KnowledgeGraph
from spacecoop.project import PROJECT_FOLDERS, ProjectFiles

MMX = URIRef("https://w3id.org/spacecoop/resource/mission/mmx")
MISSIONS = "SELECT ?mission ?label WHERE { ?mission a sc:SampleReturnMission ; rdfs:label ?label } ORDER BY ?mission"


@pytest.fixture(autouse=True)
def project_cache_folder(monkeypatch):
    """Each test says where its cache is: by default in the project."""
    monkeypatch.delenv("SPACECOOP_CACHE_DIR", raising=False)


def spacecoop(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def tree(folder: Path) -> set[str]:
    """Every path under ``folder``, links listed but not followed."""
    found = set()
    for parent, folders, files in os.walk(folder):
        found.update(os.path.relpath(os.path.join(parent, name), folder) for name in (*folders, *files))
    return found


def framed(payload: bytes, digest_of: bytes | None = None) -> bytes:
    """``payload`` as the cache frames an entry: a header with its length and digest."""
    digest = hashlib.sha256(payload if digest_of is None else digest_of).hexdigest().encode()
    return ENTRY_HEADER + b"%d %s\n" % (len(payload), digest) + payload


class Planted:
    """A pickle whose loading creates ``marker``: proof that the cache ran someone's code."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (str(self.marker),)


# ------------------------------------------------------------ clean-up (item 1)

@pytest.mark.parametrize("target", [".", ".."])
def test_a_cache_folder_linked_elsewhere_deletes_nothing(project_copy, target):
    """`.spacecoop-cache -> .` or `-> ..` once made `spacecoop stats` delete data/, ontology/,
    .git/…: a linked cache folder is not used at all."""
    outer = project_copy / "outer"
    project = outer / "project"
    for folder in (*PROJECT_FOLDERS, "queries"):
        shutil.move(project_copy / folder, project / folder)
    (outer / "sibling").mkdir()
    (outer / "sibling" / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (project / ".spacecoop-cache").symlink_to(target)
    before = tree(outer)

    for _ in range(2):
        result = spacecoop(project, "stats")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Triples: ")
    assert tree(outer) == before


def test_a_shared_cache_folder_keeps_what_the_cache_did_not_make(project_copy, tmp_path, monkeypatch):
    """SPACECOOP_CACHE_DIR=~/.cache once deleted every folder in ~/.cache. The cache keeps to a
    folder of its own there, and in it removes only the older folders it made itself."""
    shared = tmp_path / "home-cache"
    (shared / "other-tool").mkdir(parents=True)
    (shared / "other-tool" / "state").write_text("keep me\n", encoding="utf-8")
    own = shared / "spacecoop"
    own.mkdir(mode=0o700)
    unmarked = own / ("a" * 64)  # a fingerprint's name, but not made by the cache
    unmarked.mkdir()
    (unmarked / "data.pickle").write_bytes(b"keep me")
    elsewhere = tmp_path / "elsewhere"  # marked, but reached only through a link
    elsewhere.mkdir()
    (elsewhere / MARKER_NAME).write_bytes(MARKER)
    (elsewhere / "notes.txt").write_text("keep me\n", encoding="utf-8")
    (own / ("b" * 64)).symlink_to(elsewhere)
    foreign = tree(shared) | {"elsewhere/" + name for name in tree(elsewhere)}
    monkeypatch.setenv("SPACECOOP_CACHE_DIR", str(shared))

    assert spacecoop(project_copy, "validate").exit_code == 0
    first = [path.name for path in own.iterdir() if path.name not in ("a" * 64, "b" * 64, "stores")]
    assert len(first) == 1
    missions = project_copy / "data" / "entities" / "missions.ttl"
    missions.write_text(missions.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert spacecoop(project_copy, "validate").exit_code == 0

    second = [path.name for path in own.iterdir() if path.name not in ("a" * 64, "b" * 64, "stores")]
    assert len(second) == 1 and second != first  # its own older folder is gone
    assert foreign <= tree(shared) | {"elsewhere/" + name for name in tree(elsewhere)}
    assert (unmarked / "data.pickle").read_bytes() == b"keep me"


# ------------------------------------------------------------ planted entries (item 5)

def _cached_project(project: Path) -> tuple[Cache, Path, int]:
    """A project whose parsed data is cached; its cache, its fingerprint folder, its triple count."""
    files = ProjectFiles.discover(project)
    cache = Cache(files)
    triples = len(KnowledgeGraph(files, cache).data)
    return cache, cache.folder / cache.fingerprint, triples


def _load_data(project: Path) -> Graph:
    files = ProjectFiles.discover(project)
    return KnowledgeGraph(files, Cache(files)).data


def _bare_pickle(folder: Path, payload: bytes):
    (folder / "data.pickle").write_bytes(payload)


def _wrong_digest(folder: Path, payload: bytes):
    (folder / "data.pickle").write_bytes(framed(payload, digest_of=pickle.dumps(Graph())))


def _entry_others_can_write(folder: Path, payload: bytes):
    (folder / "data.pickle").write_bytes(framed(payload))
    (folder / "data.pickle").chmod(0o666)


def _in_a_folder_others_can_write(folder: Path, payload: bytes):
    (folder / "data.pickle").write_bytes(framed(payload))
    folder.chmod(0o777)


def _in_a_cache_folder_others_can_write(folder: Path, payload: bytes):
    (folder / "data.pickle").write_bytes(framed(payload))
    folder.parent.chmod(0o777)


def _link_to_an_entry_elsewhere(folder: Path, payload: bytes):
    planted = folder.parent.parent / "planted"
    planted.write_bytes(framed(payload))
    planted.chmod(0o600)
    (folder / "data.pickle").unlink()
    (folder / "data.pickle").symlink_to(planted)


@pytest.mark.parametrize("plant", [_bare_pickle, _wrong_digest, _entry_others_can_write,
                                   _in_a_folder_others_can_write, _in_a_cache_folder_others_can_write,
                                   _link_to_an_entry_elsewhere])
def test_a_planted_pickle_is_never_loaded(project_copy, tmp_path, plant):
    """A `data.pickle` planted in the cache once ran its author's code in the next command."""
    marker = tmp_path / "planted-code-ran"
    _, folder, triples = _cached_project(project_copy)
    plant(folder, pickle.dumps(Planted(marker)))

    assert len(_load_data(project_copy)) == triples
    assert not marker.exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_entry_of_another_user_is_never_loaded(project_copy, tmp_path):
    marker = tmp_path / "planted-code-ran"
    _, folder, triples = _cached_project(project_copy)
    entry = folder / "data.pickle"
    entry.write_bytes(framed(pickle.dumps(Planted(marker))))
    os.chown(entry, 65534, 65534)

    assert len(_load_data(project_copy)) == triples
    assert not marker.exists()


def test_an_entry_framed_by_this_user_is_loaded(project_copy):
    """The check above refuses for the permissions, not the framing: this user's own entry is
    trusted (what makes the cache fast)."""
    _, folder, _ = _cached_project(project_copy)
    one = Graph().add((MMX, RDFS.label, Literal("from the cache")))
    (folder / "data.pickle").write_bytes(framed(pickle.dumps(one)))

    assert set(_load_data(project_copy)) == set(one)


# ------------------------------------------------------------ verified entries (item 9)

EDITS = {
    "truncated": lambda entry: entry[: len(entry) // 2],
    "emptied": lambda entry: b"",
    "edited": lambda entry: entry.replace(b"MMX", b"XYZ"),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_damaged_answer_is_recomputed(project_copy, edit):
    """A truncated, emptied or edited cached answer was printed as the answer, exit 0."""
    first = spacecoop(project_copy, "sparql", MISSIONS, "--format", "csv")
    assert first.exit_code == 0 and "MMX" in first.output
    folder = next(path for path in (project_copy / ".spacecoop-cache").iterdir() if path.name != "stores")
    answers = [path for path in folder.iterdir() if path.suffix != ".pickle" and path.name != MARKER_NAME]
    assert len(answers) == 1
    answers[0].write_bytes(EDITS[edit](answers[0].read_bytes()))

    again = spacecoop(project_copy, "sparql", MISSIONS, "--format", "csv")
    assert again.exit_code == 0
    assert again.output == first.output


def test_a_file_changed_during_a_command_leaves_no_stale_entry(project_copy):
    """A file edited after the fingerprint was taken and reverted before the next command
    once left the edited graph cached under the fingerprint of the original."""
    missions = project_copy / "data" / "entities" / "missions.ttl"
    original = missions.read_text(encoding="utf-8")
    files = ProjectFiles.discover(project_copy)
    cache = Cache(files)
    missions.write_text(original.replace('"MMX"@en', '"Edited meanwhile"@en'), encoding="utf-8")
    parsed = KnowledgeGraph(files, cache).data  # parses, and caches, under the fingerprint
    missions.write_text(original, encoding="utf-8")

    files = ProjectFiles.discover(project_copy)
    again = Cache(files)
    assert again.fingerprint == cache.fingerprint
    for graph in (parsed, KnowledgeGraph(files, again).data):
        assert (MMX, RDFS.label, Literal("MMX", lang="en")) in graph
        assert (MMX, RDFS.label, Literal("Edited meanwhile", lang="en")) not in graph


# ------------------------------------------------------------ project files that are not files (item 8)

def _fifo(project: Path) -> Path:
    os.mkfifo(project / "data" / "x.ttl")
    return project / "data" / "x.ttl"


def _link_to_fifo(project: Path) -> Path:
    os.mkfifo(project / "pipe")
    (project / "data" / "y.ttl").symlink_to(project / "pipe")
    return project / "data" / "y.ttl"


def _folder(project: Path) -> Path:
    (project / "data" / "z.ttl").mkdir()
    return project / "data" / "z.ttl"


def _fifo_query(project: Path) -> Path:
    os.mkfifo(project / "queries" / "waiting.rq")
    return project / "queries" / "waiting.rq"


@pytest.mark.parametrize("make, kind, arguments", [
    (_fifo, "a FIFO", ["stats"]),
    (_link_to_fifo, "a FIFO", ["--no-cache", "stats"]),
    (_folder, "a folder", ["stats"]),
    (_fifo_query, "a FIFO", ["queries"]),
])
def test_a_project_file_that_is_not_a_regular_file_is_refused_at_once(project_copy, make, kind, arguments):
    """A FIFO named *.ttl in data/ (or *.rq in queries/) made every command wait forever."""
    path = make(project_copy)
    environment = {name: value for name, value in os.environ.items() if not name.startswith("SPACECOOP_")}
    result = subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(project_copy), *arguments],
                            capture_output=True, text=True, timeout=60, env=environment)
    assert result.returncode == 2
    assert result.stdout == ""
    named = project_copy.resolve() / path.relative_to(project_copy)
    assert result.stderr == f"spacecoop: {named}: not a regular file: {kind}\n"
