"""The scale benchmark's generator (benchmarks/grow.py) and table (benchmarks/scale_times.py).

The generator must grow the project deterministically, in the project's file layout, into a
graph that parses, conforms to the shapes and gives rows to every saved query."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

REPOSITORY = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPOSITORY / "benchmarks"))
import grow
import scale_times
from scale_times import Cell, format_table

SC = Namespace("https://w3id.org/spacecoop/ontology#")
SIZE = 5000
RELEASE_FILE = re.compile(r"\d{4}-\d{2}-\d{2}-generated-release-\d+\.ttl")
ENTITY_FILE = re.compile(r"generated-(organisations|people|missions|themes|series|durations)-\d{3}\.ttl")


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def grown(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("grown") / "project"
    grow.grow(REPOSITORY, project, SIZE)
    return project


def spacecoop(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "spacecoop", "--project", str(project), *args],
                          capture_output=True, text=True, timeout=300, check=False)


def test_the_same_size_gives_the_same_bytes(grown, tmp_path):
    again = tmp_path / "again"
    grow.grow(REPOSITORY, again, SIZE)
    assert files_of(again) == files_of(grown)


def test_a_folder_with_files_is_refused(tmp_path):
    (tmp_path / "kept.txt").write_text("not the generator's")
    with pytest.raises(SystemExit):
        grow.grow(REPOSITORY, tmp_path, SIZE)
    assert [path.name for path in tmp_path.iterdir()] == ["kept.txt"]


def test_the_project_layout_is_kept(grown):
    for folder in grow.COPIED_FOLDERS:
        shipped = files_of(REPOSITORY / folder)
        copied = files_of(grown / folder)
        assert {name: copied[name] for name in shipped} == shipped
    new_releases = sorted(set(files_of(grown / "data" / "releases")) - set(files_of(REPOSITORY / "data" / "releases")))
    new_entities = sorted(set(files_of(grown / "data" / "entities")) - set(files_of(REPOSITORY / "data" / "entities")))
    assert new_releases and all(RELEASE_FILE.fullmatch(name) for name in new_releases)
    assert new_entities and all(ENTITY_FILE.fullmatch(name) for name in new_entities)
    assert sorted(path.name for path in (grown / grow.ADDITIONS_FOLDER).iterdir()) == [
        "new-release-100.ttl", "new-release-1000.ttl"]


def test_each_file_parses_and_the_data_has_about_the_size_asked(grown):
    total = 0
    for path in sorted((grown / "data").rglob("*.ttl")):
        total += len(Graph().parse(path, format="turtle"))
    recorded = json.loads((grown / grow.STAMP_NAME).read_text())
    assert recorded["data_triples"] == total
    assert SIZE <= total < SIZE + 1000
    for size in (100, 1000):
        added = len(Graph().parse(grown / grow.ADDITIONS_FOLDER / f"new-release-{size}.ttl", format="turtle"))
        assert size <= added < size * 1.5


def test_each_generated_release_holds_the_facts_it_states(grown):
    for path in sorted((grown / "data" / "releases").glob("*-generated-release-*.ttl")):
        graph = Graph().parse(path, format="turtle")
        releases = list(graph.subjects(RDF.type, SC.PressRelease))
        assert len(releases) == 1, path.name
        facts = set(graph.subjects()) - set(releases)
        assert facts and facts == set(graph.subjects(SC.statedIn, releases[0])), path.name


def test_the_grown_graph_conforms_to_the_shapes(grown):
    completed = spacecoop(grown, "--no-cache", "validate")
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr
    assert "0 violation(s), 0 warning(s)" in completed.stdout


def query_form(path: Path) -> str:
    body = "\n".join(line for line in path.read_text().splitlines() if not line.startswith("#"))
    return re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body).group(1)


def rows_of(project: Path, path: Path) -> int | bool:
    """The number of rows (triples for CONSTRUCT, the answer for ASK) of a saved query."""
    constructs = query_form(path) in ("CONSTRUCT", "DESCRIBE")
    completed = spacecoop(project, "query", path.stem, "--format", "nt" if constructs else "json")
    assert completed.returncode == 0, f"{path.stem}: {completed.stderr}"
    if constructs:
        return len(completed.stdout.splitlines())
    answer = json.loads(completed.stdout)
    return answer["boolean"] if "boolean" in answer else len(answer["results"]["bindings"])


def test_every_saved_query_has_rows(grown):
    paths = sorted((grown / "queries").glob("*.rq"))
    with ThreadPoolExecutor(2) as pool:
        rows = dict(zip((path.stem for path in paths), pool.map(lambda path: rows_of(grown, path), paths)))
    assert [name for name, count in rows.items() if not count] == []


def test_the_table_is_markdown_with_one_cell_per_command_and_size():
    rows = [
        ("stats", {10_000: Cell(0.8123, 70_000), 1_000_000: Cell(16.04, 2_097_152)}),
        ("reason", {10_000: Cell(18.5, 512_000), 1_000_000: Cell(timeout=600.0)}),
        ("validate FILE (100 triples)", {10_000: Cell(error="exit 2")}),
        ("validate", {10_000: Cell(141.4, 1_048_576), 100_000: Cell(809.2, 3_565_158)}),
    ]
    assert format_table([10_000, 100_000, 1_000_000], rows) == (
        "| command | 10k | 100k | 1M |\n"
        "|---|---|---|---|\n"
        "| stats | 0.81 s, 68 MB |  | 16.0 s, 2048 MB |\n"
        "| reason | 18.5 s, 500 MB |  | > 600 s |\n"
        "| validate FILE (100 triples) | exit 2 |  |  |\n"
        "| validate | 141 s, 1024 MB | 809 s, 3482 MB |  |\n")


def test_size_labels():
    assert [scale_times.size_label(size) for size in (1500, 5000, 10_000, 100_000, 1_000_000, 2_500_000)] == [
        "1,500", "5k", "10k", "100k", "1M", "2500k"]


def test_the_load_benchmark_reports_each_scenario_without_errors():
    """benchmarks/serve_load.py against a real `spacecoop serve`, briefly: one table row per
    scenario, every request answered."""
    ran = subprocess.run([sys.executable, str(REPOSITORY / "benchmarks" / "serve_load.py"), "--clients", "2",
                          "--seconds", "1", "--timeout", "2"], capture_output=True, text=True, timeout=180)
    assert ran.returncode == 0, ran.stderr
    rows = [line.split("|")[1:-1] for line in ran.stdout.splitlines() if line.startswith("| ") and "scenario" not in line]
    assert [cells[0].strip() for cells in rows] == ["saved query, answer kept", "ad-hoc query, evaluated each time",
                                                    "saved query, beside a slow query",
                                                    "ad-hoc query, beside a slow query"]
    for cells in rows:
        assert int(cells[1]) > 0 and cells[2].strip() == "0"  # requests answered, no errors


def test_the_page_benchmark_times_every_page():
    """benchmarks/page_times.py against a real `spacecoop serve`: one row per page, each answered."""
    import page_times
    ran = subprocess.run([sys.executable, str(REPOSITORY / "benchmarks" / "page_times.py"), "--runs", "1"],
                         capture_output=True, text=True, timeout=180)
    assert ran.returncode == 0, ran.stderr
    rows = [line for line in ran.stdout.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == list(page_times.PAGES)
