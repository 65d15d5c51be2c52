"""Adding new triples: `spacecoop validate FILE` checks a contributor's file joined to the
graph, `spacecoop add FILE` merges it into the data file of its release.

What a contributor relies on, each on a throw-away copy of the project:

1. a valid new release is added to data/releases/<date>-<slug>.ttl, the project still
   validates and the saved queries see it; adding it again adds nothing; --dry-run writes
   nothing; a forgotten fact of an existing release is appended to that release's file,
   whose earlier content is kept byte for byte;
2. --release gives provenance to triples that name no release;
3. every shape rejects its failing example (tests/shape_cases/invalid) through this path,
   the lint shapes on the ontology being replaced by the vocabulary check;
4. validating only the affected nodes finds what validating everything finds;
5. unreadable or unsafe input is refused in one line naming the file, with exit 2, and
   data/ does not change (no network access for JSON-LD contexts, no XML entities);
6. misspelt terms and changes to the ontology are refused;
7. a write killed between writing aside and renaming leaves every data file as it was;
8. two adds at the same time both land;
9. JSON and Turtle reports, and --strict.

Tests marked xfail(strict=True) describe behaviour the code does not have yet (each
reason says what goes wrong); once fixed they pass, and strict mode asks to unmark them.
The input files are in tests/addition_cases/.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, RDF, RDFS, SH, SKOS

from spacecoop.additions import LOCK_NAME, PAUSE_BEFORE_RENAME
from spacecoop.cli import main
from spacecoop.intake import read_new_triples
from spacecoop.kg import KnowledgeGraph
from spacecoop.namespaces import RESOURCE, SC, SCSH

from test_shapes import INVALID_CASES, VALID_CASES, Result, expectations

REPOSITORY = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "addition_cases"
BAD = CASES / "bad"

NEW_RELEASE = CASES / "meeting-paris.ttl"
NEW_RELEASE_TRIPLES = 57
NEW_RELEASE_FILE = "data/releases/2023-05-10-meeting-paris.ttl"
RELEASE_2021_FILE = "data/releases/2021-02-25-videoconference.ttl"
VIDEOCONFERENCE_2021 = URIRef(RESOURCE + "meeting/2021-02-25-cnes-jaxa-videoconference")
RELEASE_2021 = URIRef(RESOURCE + "release/2021-02-25")

VOCABULARY_COMPONENT = str(SCSH.VocabularyConstraintComponent)
VIOLATION = str(SH.Violation)

#: Seconds a subprocess may take to reach a given point (a validation takes 2-4 s).
PROCESS_TIMEOUT = 120


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------

def cli(project: Path, *args: str):
    """The command line, in this process, on ``project`` without the cache."""
    return CliRunner().invoke(main, ["--project", str(project), "--no-cache", *args])


def process_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in (PAUSE_BEFORE_RENAME, "SPACECOOP_PROJECT", "SPACECOOP_DEBUG")}
    env.update(extra)
    return env


def start_add(project: Path, path: Path, **env: str) -> subprocess.Popen:
    """`spacecoop add` as a separate process."""
    return subprocess.Popen(
        [sys.executable, "-m", "spacecoop", "--project", str(project), "--no-cache", "add", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=process_env(**env))


def data_snapshot(project: Path) -> dict[str, str]:
    """Digest of every file under data/ (hidden ones included), except the lock file that
    `spacecoop add` creates, empty, to take its turn."""
    return {str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((project / "data").rglob("*"))
            if path.is_file() and path.name != LOCK_NAME}


def leftovers(project: Path) -> list[Path]:
    """Temporary files of interrupted writes."""
    return sorted((project / "data").rglob(".*.tmp-*"))


def assert_no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def wait_for(condition, timeout: float, process: subprocess.Popen | None = None):
    """Poll ``condition`` until it returns something true (or ``timeout`` seconds pass);
    fail early if ``process`` ends meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            output, errors = process.communicate()
            pytest.fail(f"the process ended (exit {process.returncode}) first:\n{output}\n{errors}")
        time.sleep(0.05)
    pytest.fail(f"nothing happened within {timeout} s")


def turtle(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def today() -> str:
    return date.today().isoformat()


@lru_cache(maxsize=1)
def shipped() -> KnowledgeGraph:
    """The shipped project, loaded once (never changed: checks work on merged copies)."""
    return KnowledgeGraph.from_project(REPOSITORY)


@lru_cache(maxsize=1)
def lint_shapes() -> frozenset[str]:
    """The shapes of shapes/ontology-lint.ttl (they check the ontology, not the data)."""
    graph = Graph().parse(REPOSITORY / "shapes" / "ontology-lint.ttl")
    return frozenset(str(s) for s in graph.subjects(SH.severity, None))


@lru_cache(maxsize=None)
def incremental_report(case: Path):
    """check_additions of one file against the shipped graph (computed once per file)."""
    return shipped().check_additions([case])


# --------------------------------------------------------------------------------------
# 1. A valid addition
# --------------------------------------------------------------------------------------

def test_new_release_is_validated_then_added(project_copy, kg):
    before = data_snapshot(project_copy)

    result = cli(project_copy, "validate", str(NEW_RELEASE))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Conforms: 0 violation(s), 0 warning(s) in {NEW_RELEASE_TRIPLES} new triples "
                             f"joined to {len(kg.data)} data triples.\n")

    result = cli(project_copy, "add", str(NEW_RELEASE))
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Added {NEW_RELEASE_TRIPLES} triple(s) to {NEW_RELEASE_FILE} "
                             "(stated in release:2023-05-10).\n")
    assert result.stderr == ""

    target = project_copy / NEW_RELEASE_FILE
    assert set(Graph().parse(target, format="turtle")) == set(Graph().parse(NEW_RELEASE))
    after = data_snapshot(project_copy)
    assert {name: digest for name, digest in after.items() if name != NEW_RELEASE_FILE} == before

    result = cli(project_copy, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"Conforms: 0 violation(s), 0 warning(s) in "
                             f"{len(kg.data) + NEW_RELEASE_TRIPLES} data triples.\n")

    rows = KnowledgeGraph.from_project(project_copy).query("meetings-overview").as_dicts()
    new_meeting = [row for row in rows
                   if row["meeting"] == URIRef(RESOURCE + "meeting/2023-05-09-cnes-jaxa-meeting-paris")]
    assert [{name: str(value) for name, value in row.items() if value is not None} for row in new_meeting] == [{
        "when": "2023-05-09", "precision": RESOURCE + "date-precision/day",
        "meeting": RESOURCE + "meeting/2023-05-09-cnes-jaxa-meeting-paris", "kindLabel": "meeting",
        "meetingLabel": "CNES-JAXA meeting, Paris, 9 May 2023", "placeLabel": "Paris",
        "status": RESOURCE + "status/done", "participants": "2", "organisations": "2"}]
    assert len(rows) == len(kg.query("meetings-overview").rows) + 1

    result = cli(project_copy, "add", str(NEW_RELEASE))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Nothing to add: the graph already holds every one of these triples.\n"
    assert data_snapshot(project_copy) == after


def test_dry_run_shows_the_block_and_writes_nothing(project_copy):
    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", "--dry-run", str(NEW_RELEASE))
    assert result.exit_code == 0, result.output
    header = f"Would add {NEW_RELEASE_TRIPLES} triple(s) to {NEW_RELEASE_FILE}:\n"
    assert result.stdout.startswith(header)
    block = result.stdout[len(header):]
    assert block.startswith(f"\n# Added by spacecoop add from meeting-paris.ttl on {today()}\n")
    assert set(turtle(block)) == set(Graph().parse(NEW_RELEASE))
    assert data_snapshot(project_copy) == before
    assert not (project_copy / NEW_RELEASE_FILE).exists()


def test_fact_of_an_existing_release_is_appended_to_its_file(project_copy):
    target = project_copy / RELEASE_2021_FILE
    original = target.read_bytes()
    assert original.startswith(b"# Release of 25 February 2021")
    before = data_snapshot(project_copy)

    result = cli(project_copy, "add", str(CASES / "forgotten-fact.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Added 1 triple(s) to {RELEASE_2021_FILE} (stated in release:2021-02-25).\n"

    written = target.read_bytes()
    assert written.startswith(original), "the earlier content of the release file changed"
    appended = written[len(original):].decode("utf-8")
    assert appended.startswith(f"\n# Added by spacecoop add from forgotten-fact.ttl on {today()}\n")
    fact = (VIDEOCONFERENCE_2021, SC.discussedTheme, URIRef(RESOURCE + "theme/reusable-launchers"))
    assert set(Graph().parse(target, format="turtle")) == set(turtle(original.decode("utf-8"))) | {fact}
    assert {k: v for k, v in data_snapshot(project_copy).items() if k != RELEASE_2021_FILE} == \
        {k: v for k, v in before.items() if k != RELEASE_2021_FILE}


def test_adding_a_decimal_twice_adds_nothing(project_copy):
    case = REPOSITORY / "tests" / "shape_cases" / "valid" / "new-release-with-meeting.ttl"
    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 0, result.output
    written = Graph().parse(project_copy / "data" / "releases" / "2023-03-14-new-release-with-meeting.ttl")
    assert (URIRef(RESOURCE + "duration/six-months"), URIRef("http://www.w3.org/2006/time#numericDuration"),
            Literal("6", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))) in written
    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 0, result.output
    assert result.stdout == "Nothing to add: the graph already holds every one of these triples.\n"


def test_written_files_keep_ordinary_permissions(project_copy):
    existing = project_copy / RELEASE_2021_FILE
    existing.chmod(0o644)
    result = cli(project_copy, "add", str(CASES / "forgotten-fact.ttl"))
    assert result.exit_code == 0, result.output
    assert existing.stat().st_mode & 0o777 == 0o644

    umask = os.umask(0)
    os.umask(umask)
    result = cli(project_copy, "add", str(CASES / "second-release.ttl"))
    assert result.exit_code == 0, result.output
    created = project_copy / "data" / "releases" / "2023-09-01-second-release.ttl"
    assert created.stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------------------
# 2. --release
# --------------------------------------------------------------------------------------

def test_release_option_states_every_new_node_in_that_release(project_copy, kg):
    case = CASES / "without-release.ttl"
    result = cli(project_copy, "validate", "--release", "release:2021-02-25", str(case))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Conforms: 0 violation(s), 0 warning(s) in 9 new triples joined to "
                             f"{len(kg.data)} data triples.\n")

    result = cli(project_copy, "add", "--release", "release:2021-02-25", str(case))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Added 9 triple(s) to {RELEASE_2021_FILE} (stated in release:2021-02-25).\n"
    written = Graph().parse(project_copy / RELEASE_2021_FILE, format="turtle")
    described = set(Graph().parse(case).subjects())
    assert described == {URIRef(RESOURCE + "status-report/hayabusa2-2021-02-25")}
    for node in described:
        assert (node, SC.statedIn, RELEASE_2021) in written
    assert set(Graph().parse(case)) <= set(written)


def test_a_new_fact_node_without_release_is_a_violation(project_copy):
    case = CASES / "without-release.ttl"
    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Does not conform: 1 violation(s), 0 warning(s) in 8 new triples.\n")
    assert f"  Violation sc:statedIn  ({case}:12)\n" in result.stdout
    assert "[scsh:Fact-statedIn]" in result.stdout
    assert result.stderr == "Nothing was added.\n"
    assert data_snapshot(project_copy) == before


def test_triples_naming_no_release_need_the_release_option(project_copy):
    before = data_snapshot(project_copy)
    case = CASES / "fact-about-existing-node.ttl"
    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (f"spacecoop: {case}: the new triples name no release: add sc:statedIn, "
                             "or name the release (pass --release IRI)\n")
    assert_no_traceback(result)
    assert data_snapshot(project_copy) == before


def test_triples_naming_several_releases_are_refused(project_copy):
    before = data_snapshot(project_copy)
    first, second = CASES / "forgotten-fact.ttl", CASES / "second-release.ttl"
    result = cli(project_copy, "add", str(first), str(second))
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"spacecoop: {first}, {second}: the new triples name several releases "
                             "(release:2021-02-25, release:2023-09-01): add one release at a time, "
                             "or name the one release (pass --release IRI)\n")
    assert data_snapshot(project_copy) == before


def test_a_file_named_after_its_date_gives_the_date_once(project_copy, tmp_path):
    dated = tmp_path / "2023-09-01-MMX status.ttl"
    dated.write_bytes((CASES / "second-release.ttl").read_bytes())
    result = cli(project_copy, "add", str(dated))
    assert result.exit_code == 0, result.output
    assert result.stdout == ("Added 14 triple(s) to data/releases/2023-09-01-mmx-status.ttl "
                             "(stated in release:2023-09-01).\n")


def test_a_new_release_file_states_only_its_own_release(project_copy, tmp_path):
    """A new release's file holds what that release states: a statement sc:statedIn another
    release is refused (it belongs in that release's file); stated in its own release, it is
    added with the rest."""
    def variant(folder: str, stating: str) -> Path:
        path = tmp_path / folder / NEW_RELEASE.name
        path.parent.mkdir()
        path.write_text(NEW_RELEASE.read_text(encoding="utf-8")
                        + f"\nmission:mmx sc:partner organisation:dlr ;\n    sc:statedIn {stating} .\n",
                        encoding="utf-8")
        return path

    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", str(variant("wrong", "release:2021-02-25")))
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Does not conform:")
    assert "  Violation sc:statedIn = release:2021-02-25  (" in result.stdout
    assert result.stderr == "Nothing was added.\n"
    assert data_snapshot(project_copy) == before

    result = cli(project_copy, "add", str(variant("right", "release:2023-05-10")))
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f" to {NEW_RELEASE_FILE} (stated in release:2023-05-10).\n")
    written = Graph().parse(project_copy / NEW_RELEASE_FILE, format="turtle")
    assert (URIRef(RESOURCE + "mission/mmx"), SC.statedIn, URIRef(RESOURCE + "release/2023-05-10")) in written


def test_release_option_must_name_a_release_of_the_graph(project_copy):
    before = data_snapshot(project_copy)
    case = CASES / "without-release.ttl"
    result = cli(project_copy, "add", "--release", "release:2030-01-01", str(case))
    assert result.exit_code == 1, result.output
    assert f"  Violation sc:statedIn = release:2030-01-01  ({case}:12)\n" in result.stdout
    assert "[scsh:StatedIn-release]" in result.stdout

    result = cli(project_copy, "add", "--release", "not an iri", str(case))
    assert result.exit_code == 2
    assert "Invalid value for --release: not an absolute IRI" in result.stderr
    assert data_snapshot(project_copy) == before


# --------------------------------------------------------------------------------------
# 3. Every shape's failing example, through check_additions
# --------------------------------------------------------------------------------------

#: The shapes of ontology-lint.ttl. They check the ontology (with the data), and are not run
#: on new triples: the vocabulary check takes their place (new triples may use only declared
#: terms and may not change the ontology).
LINT_SHAPE_NAMES = {
    "DeclaredPredicate", "DeclaredClass", "DeclaredReference",
    "OntologyTerm", "OntologyTerm-explained", "OntologyTerm-label", "OntologyTerm-isDefinedBy",
    "ReusedTerm", "ReusedTerm-label", "ReusedTerm-comment", "ReusedTerm-isDefinedBy",
    "VocabularyConcept", "VocabularyConcept-prefLabel", "VocabularyConcept-definition",
    "VocabularyConcept-inScheme",
}


def _vocabulary(focus: str, path, shape: str) -> Result:
    return Result(str(focus), str(path), VOCABULARY_COMPONENT, VIOLATION, str(SCSH[shape]))


def _each_triple(focus: str, predicates, shape: str) -> set[Result]:
    return {_vocabulary(focus, predicate, shape) for predicate in predicates}


_SPACE_STATION = _each_triple(SC.SpaceStation, (RDF.type, RDFS.subClassOf, RDFS.comment), "Redefinition")
_NICK = {_vocabulary(FOAF.nick, RDF.type, "Redefinition")}  # declaring a reused term
_CANCELLED = {_vocabulary(RESOURCE + "status/cancelled", RDF.type, "Redefinition")}

#: For each case file: (focus, lint shape) of its lint expectations -> the vocabulary
#: check's results that replace them. A term declared nowhere gives scsh:DeclaredTerm on the
#: triple using it; a triple about a term of the ontology gives scsh:Redefinition.
LINT_REPLACEMENTS: dict[str, dict[tuple[str, str], set[Result]]] = {
    "lint-typos.ttl": {
        (str(SC.participent), "DeclaredPredicate"): {_vocabulary(
            RESOURCE + "meeting/2013-10-28-cnes-jaxa-annual-meeting-tokyo", SC.participent, "DeclaredTerm")},
        (str(SC.Theem), "DeclaredClass"): {_vocabulary(RESOURCE + "theme/space-weather", RDF.type, "DeclaredTerm")},
        ("http://www.w3.org/ns/prov#Activty", "DeclaredReference"): {_vocabulary(
            SC.LauncherDemonstrator, RDFS.subClassOf, "Redefinition")},
    },
    "lint-ontology-terms.ttl": {
        (str(SC.fundedBy), "OntologyTerm-explained"): _each_triple(
            SC.fundedBy, (RDF.type, RDFS.label, RDFS.isDefinedBy), "Redefinition"),
        (str(SC.SpaceStation), "OntologyTerm-label"): _SPACE_STATION,
        (str(SC.SpaceStation), "OntologyTerm-isDefinedBy"): _SPACE_STATION,
        (str(FOAF.nick), "ReusedTerm-label"): _NICK,
        (str(FOAF.nick), "ReusedTerm-comment"): _NICK,
        (str(FOAF.nick), "ReusedTerm-isDefinedBy"): _NICK,
    },
    # New concepts of the controlled vocabularies belong in ontology/vocabularies.ttl.
    "lint-vocabularies.ttl": {
        (RESOURCE + "status/cancelled", "VocabularyConcept-prefLabel"): _CANCELLED,
        (RESOURCE + "status/cancelled", "VocabularyConcept-definition"): _CANCELLED,
        (RESOURCE + "status/cancelled", "VocabularyConcept-inScheme"): _CANCELLED,
        (RESOURCE + "event-kind/docking", "VocabularyConcept-inScheme"): _each_triple(
            RESOURCE + "event-kind/docking", (RDF.type, SKOS.prefLabel, SKOS.definition, SKOS.inScheme),
            "Redefinition"),
    },
}


def _local(shape: str) -> str:
    return shape[len(str(SCSH)):] if shape.startswith(str(SCSH)) else shape


def _as_result(result) -> Result:
    def key(term) -> str:
        return "-" if term is None else "_:" if isinstance(term, BNode) else str(term)
    return Result(key(result.focus), key(result.path), str(result.component), str(result.severity),
                  key(result.shape))


def test_lint_shape_names_are_those_of_ontology_lint():
    assert {str(SCSH[name]) for name in LINT_SHAPE_NAMES} == lint_shapes()


@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda case: case.stem)
def test_every_shape_case_fails_through_check_additions(case: Path):
    expected = expectations(case)
    lint = {e for e in expected if _local(e.shape) in LINT_SHAPE_NAMES}
    replacements = LINT_REPLACEMENTS.get(case.name, {})
    assert {(e.focus, _local(e.shape)) for e in lint} == set(replacements), \
        f"{case.name}: LINT_REPLACEMENTS does not map exactly the case's lint expectations"
    expected = (expected - lint) | set().union(*replacements.values())

    actual = {_as_result(r) for r in incremental_report(case).report.results}
    missing, unexpected = expected - actual, actual - expected
    assert not missing and not unexpected, (
        f"{case.name}:\nexpected but not reported:\n" + "\n".join(f"  {m}" for m in sorted(missing))
        + "\nreported but not expected:\n" + "\n".join(f"  {u}" for u in sorted(unexpected)))


def test_add_refuses_new_vocabulary_concepts(project_copy):
    before = data_snapshot(project_copy)
    case = REPOSITORY / "tests" / "shape_cases" / "invalid" / "lint-vocabularies.ttl"
    result = cli(project_copy, "add", "--release", "release:2022-07-01", str(case))
    assert result.exit_code == 1, result.output
    assert data_snapshot(project_copy) == before


# --------------------------------------------------------------------------------------
# 4. Validating the affected nodes finds what validating everything finds
# --------------------------------------------------------------------------------------

def _key(result) -> tuple:
    def node(term):
        return None if isinstance(term, BNode) else term
    return node(result.focus), node(result.path), result.component, result.severity, node(result.shape)


def _incremental_and_full(kg: KnowledgeGraph, case: Path, check=None) -> tuple[set, set]:
    """The results of check_additions from the data shapes (not the vocabulary check), and
    those of validating data + the case's triples, minus the lint shapes' results."""
    check = check or kg.check_additions([case])
    incremental = {_key(r) for r in check.report.results if str(r.component) != VOCABULARY_COMPONENT}
    full = {_key(r) for r in kg.validate(extra=check.graph).results if str(r.shape) not in lint_shapes()}
    return incremental, full


def _project_with_data(folder: Path, change) -> KnowledgeGraph:
    """A project whose data is the shipped data changed by ``change`` (a function that edits
    a graph), in one file: the store is built from the files, so the change goes there."""
    for name in ("ontology", "shapes", "queries"):
        shutil.copytree(REPOSITORY / name, folder / name)
    data = Graph()
    data += shipped().data
    change(data)
    (folder / "data").mkdir()
    (folder / "data" / "all.ttl").write_text(data.serialize(format="nt"), encoding="utf-8")
    return KnowledgeGraph.from_project(folder)


def _describe(results: set) -> str:
    return "\n".join("  " + " ".join(str(part) for part in key) for key in sorted(results, key=str)) or "  (none)"


@pytest.mark.parametrize("case", INVALID_CASES + VALID_CASES,
                         ids=lambda case: f"{case.parent.name}/{case.stem}")
def test_incremental_validation_agrees_with_full_validation(case: Path):
    incremental, full = _incremental_and_full(shipped(), case, incremental_report(case))
    assert incremental == full, (f"{case.name}:\nonly in the full validation:\n{_describe(full - incremental)}"
                                 f"\nonly in the incremental one:\n{_describe(incremental - full)}")


_PREFIXES = """\
@prefix sc: <https://w3id.org/spacecoop/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix release: <https://w3id.org/spacecoop/resource/release/> .
@prefix organisation: <https://w3id.org/spacecoop/resource/organisation/> .
@prefix person: <https://w3id.org/spacecoop/resource/person/> .
@prefix place: <https://w3id.org/spacecoop/resource/place/> .
@prefix meeting: <https://w3id.org/spacecoop/resource/meeting/> .
@prefix contribution: <https://w3id.org/spacecoop/resource/contribution/> .
@prefix mission: <https://w3id.org/spacecoop/resource/mission/> .
@prefix crole: <https://w3id.org/spacecoop/resource/contribution-role/> .
@prefix status: <https://w3id.org/spacecoop/resource/status/> .
"""


def _without_release_date(data: Graph) -> None:
    data.remove((RELEASE_2021, DCTERMS.date, None))


def _organisation_chain(*names: str):
    def build(data: Graph) -> None:
        for child, parent in zip(names, names[1:]):
            data.add((URIRef(RESOURCE + "organisation/" + child), ORG.subOrganizationOf,
                      URIRef(RESOURCE + "organisation/" + parent)))
    return build


#: Additions checked both ways: (new triples, change made to the data first — as if an
#: earlier release had been entered differently —, the (focus, shape) pairs validation must
#: report, focus relative to the resource namespace).
MUTATIONS = {
    "second-date-on-an-existing-release": (
        'release:2021-02-25 dcterms:date "2021-02-20"^^xsd:date .', None,
        {("release/2021-02-25", "PressRelease-date"),
         ("meeting/2021-02-25-cnes-jaxa-videoconference", "Event-doneNotAfterRelease")}),
    "release-date-moved-before-its-facts": (
        'release:2021-02-25 dcterms:date "2021-02-01"^^xsd:date .', _without_release_date,
        {("holding/jean-yves-le-gall-president-of-cnes-2021-02-25", "PostHolding-attestedNotAfterRelease"),
         ("holding/hiroshi-yamakawa-president-of-jaxa-2021-02-25", "PostHolding-attestedNotAfterRelease"),
         ("meeting/2021-02-25-cnes-jaxa-videoconference", "Event-doneNotAfterRelease"),
         ("status-report/callisto-2021-02-25", "MissionStatusReport-dateOfRelease"),
         ("status-report/mmx-2021-02-25", "MissionStatusReport-dateOfRelease")}),
    "later-report-pointing-backwards": (
        "contribution:2020-10-22-cnes-hayabusa2-sample-analysis "
        "sc:laterReportOf contribution:2021-02-25-ias-hayabusa2-sample-analysis .", None,
        {("contribution/2020-10-22-cnes-hayabusa2-sample-analysis", "LaterReport-order")}),
    "earlier-report-restated-by-a-later-release": (
        "contribution:2020-10-22-cnes-hayabusa2-sample-analysis sc:statedIn release:2022-07-01 .", None,
        {("contribution/2021-02-25-ias-hayabusa2-sample-analysis", "LaterReport-order")}),
    "videoconference-with-a-place": (
        "meeting:2021-02-25-cnes-jaxa-videoconference sc:place place:paris .", None,
        {("meeting/2021-02-25-cnes-jaxa-videoconference", "Meeting-videoconferenceHasNoPlace")}),
    "contribution-to-two-missions": (
        """contribution:2021-02-25-cnes-two-missions a sc:Contribution ;
            rdfs:label "CNES expertise for two missions (2021)"@en ;
            sc:contributor organisation:cnes ;
            sc:toMission mission:mmx , mission:hayabusa2 ;
            sc:contributionRole crole:expertise ;
            sc:contributionStatus status:under-way ;
            sc:statedIn release:2021-02-25 .""", None,
        {("contribution/2021-02-25-cnes-two-missions", "Contribution-toMission")}),
    "organisation-its-own-parent": (
        "organisation:cnes org:subOrganizationOf organisation:cnes .", None,
        {("organisation/cnes", "Organisation-notOwnParent")}),
    "participant-without-post-holding": (
        "meeting:2021-02-25-cnes-jaxa-videoconference sc:participant person:philippe-baptiste .", None,
        {("meeting/2021-02-25-cnes-jaxa-videoconference", "Participant-postRecommended")}),
    "loop-of-four-organisations": (
        "organisation:cabinet-office org:subOrganizationOf organisation:mext .",
        _organisation_chain("mext", "government-of-japan", "space-strategy-office", "cabinet-office"),
        {(f"organisation/{name}", "Organisation-notOwnParent")
         for name in ("mext", "government-of-japan", "space-strategy-office", "cabinet-office")}),
    "loop-of-five-organisations": (
        "organisation:cabinet-office org:subOrganizationOf organisation:mext-research-and-development-bureau .",
        _organisation_chain("mext", "government-of-japan", "space-strategy-office", "cabinet-office"),
        {(f"organisation/{name}", "Organisation-notOwnParent")
         for name in ("mext-research-and-development-bureau", "mext", "government-of-japan",
                      "space-strategy-office", "cabinet-office")}),
    "loop-of-seven-organisations": (
        "organisation:cabinet-office org:subOrganizationOf organisation:isas .",
        _organisation_chain("jaxa", "mext", "government-of-japan", "space-strategy-office",
                            "national-space-policy-secretariat"),
        {(f"organisation/{name}", "Organisation-notOwnParent")
         for name in ("isas", "jaxa", "mext", "government-of-japan", "space-strategy-office",
                      "national-space-policy-secretariat", "cabinet-office")}),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_incremental_validation_agrees_on_mutations(name: str, tmp_path: Path):
    text, change, expected = MUTATIONS[name]
    kg = shipped()
    if change is not None:
        kg = _project_with_data(tmp_path / "project", change)
        assert change is _without_release_date or not kg.validate().results  # reachable by adds
    case = tmp_path / f"{name}.ttl"
    case.write_text(_PREFIXES + text + "\n", encoding="utf-8")
    incremental, full = _incremental_and_full(kg, case)
    assert {(str(focus)[len(RESOURCE):], _local(str(shape))) for focus, *_, shape in full} == expected, \
        f"full validation:\n{_describe(full)}"
    assert incremental == full, (f"only in the full validation:\n{_describe(full - incremental)}"
                                 f"\nonly in the incremental one:\n{_describe(incremental - full)}")


# --------------------------------------------------------------------------------------
# 5. Bad input: one line naming the file, exit 2, data/ unchanged, no network
# --------------------------------------------------------------------------------------

def _write(name: str, content: bytes):
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path
    return build


def _case(name: str):
    return lambda folder: BAD / name


def _missing(folder: Path) -> Path:
    return folder / "missing.ttl"


def _folder(folder: Path) -> Path:
    path = folder / "folder.ttl"
    path.mkdir()
    return path


_NOT_UTF8 = (b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n"
             b"<https://w3id.org/spacecoop/resource/theme/x> rdfs:label \"caf\xe9\"@fr .\n")
_REMOTE = "JSON-LD with a remote context is refused (it would be fetched from the web); " \
          "write the context inline as an object"
_ENTITIES = "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion); " \
            "remove it or send Turtle"

#: name -> (how to make the file in a folder, extra options, the message after "spacecoop: "
#: as a regular expression, {path} standing for the file's path).
BAD_INPUTS = {
    "syntax-error": (_case("syntax-error.ttl"), (),
                     r"{path}:9:1: syntax error: expected '\.' or '\}}' or '\]' at end of statement"),
    "empty": (_case("empty.ttl"), (), r"{path}: file is empty"),
    "whitespace-only": (_case("whitespace.ttl"), (), r"{path}: file is empty"),
    "json-ld-named-ttl": (_case("json-ld-content.ttl"), (),
                          r"{path}:1: the content looks like JSON-LD, but the name says Turtle; rename the file"),
    "turtle-named-jsonld": (_case("turtle-content.jsonld"), (),
                            r"{path}:1: the name says JSON-LD but the content is not JSON"),
    "broken-json": (_case("broken-json.jsonld"), (), r"{path}:\d+:\d+: not valid JSON: .+"),
    "binary": (_write("junk.ttl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), (),
               r"{path}: binary data, not RDF text"),
    "not-utf-8": (_write("latin-1.ttl", _NOT_UTF8), (), r"{path}:3: not UTF-8 text"),
    "over-max-bytes": (lambda folder: NEW_RELEASE, ("--max-bytes", "100"),
                       rf"{{path}}: file is {NEW_RELEASE.stat().st_size} bytes, over the limit of 100 "
                       r"\(raise it with --max-bytes\)"),
    "undefined-prefix": (_case("undefined-prefix.ttl"), (),
                         r'{path}:3:1: syntax error: Prefix "meeting:" not bound'),
    "relative-iri": (_case("relative-iri.ttl"), (),
                     r"{path}:4: relative IRI <meeting/x>: write an absolute IRI "
                     r"\(https://w3id\.org/spacecoop/resource/…\)"),
    "remote-context": (_case("remote-context.jsonld"), (), r"{path}: " + re.escape(_REMOTE)),
    "remote-context-in-list": (_case("remote-context-in-list.jsonld"), (), r"{path}: " + re.escape(_REMOTE)),
    "remote-scoped-context": (_case("remote-scoped-context.jsonld"), (), r"{path}: " + re.escape(_REMOTE)),
    "remote-import": (_case("remote-import.jsonld"), (), r"{path}: " + re.escape(_REMOTE)),
    "xml-entity-expansion": (_case("entity-expansion.rdf"), (), r"{path}: " + re.escape(_ENTITIES)),
    "xml-external-entity": (_case("external-entity.rdf"), (), r"{path}: " + re.escape(_ENTITIES)),
    "missing-file": (_missing, (), r"{path}: no such file"),
    "folder": (_folder, (), r"{path}: not a file"),
    "unknown-suffix": (_case("table.csv"), (),
                       r"{path}: unknown RDF file type '\.csv'; accepted: \.json, \.jsonld, \.nt, \.owl, "
                       r"\.rdf, \.ttl, \.xml"),
}


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or resolve a name fails, and is recorded."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


@pytest.mark.parametrize("command", ["validate", "add"])
@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_refused_in_one_line(name: str, command: str, project_copy, tmp_path, no_network):
    build, options, message = BAD_INPUTS[name]
    path = build(tmp_path)
    before = data_snapshot(project_copy)
    result = cli(project_copy, command, str(path), *options)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert re.fullmatch("spacecoop: " + message.format(path=re.escape(str(path))) + "\n", result.stderr), \
        result.stderr
    assert_no_traceback(result)
    assert data_snapshot(project_copy) == before
    assert no_network == []


def test_utf8_file_with_byte_order_mark_is_read(project_copy, tmp_path):
    path = tmp_path / "with-bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + (CASES / "forgotten-fact.ttl").read_bytes())
    result = cli(project_copy, "validate", str(path))
    assert result.exit_code == 0, result.output


def test_n_triples_error_names_the_line(project_copy):
    path = BAD / "bad-line.nt"
    result = cli(project_copy, "validate", str(path))
    assert result.exit_code == 2
    assert re.match(rf"spacecoop: {re.escape(str(path))}:2:\d+: ", result.stderr)


def test_ill_typed_literal_gives_no_traceback(tmp_path):
    """rdflib logs a warning with a traceback for each ill-typed literal it reads; the
    command line (a real process, where no test harness catches the log) prints none."""
    for folder in ("ontology", "data", "shapes", "queries"):
        subprocess.run(["cp", "-r", str(REPOSITORY / folder), str(tmp_path / folder)], check=True)
    completed = subprocess.run(
        [sys.executable, "-m", "spacecoop", "--project", str(tmp_path), "--no-cache", "validate",
         str(CASES / "ill-typed-date.ttl")],
        capture_output=True, text=True, env=process_env(), timeout=PROCESS_TIMEOUT)
    assert completed.returncode == 1, completed.stderr
    assert "[scsh:Dated-earliest]" in completed.stdout
    assert "Traceback" not in completed.stderr
    assert completed.stderr == ""


# --------------------------------------------------------------------------------------
# Accepted formats
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["forgotten-fact.nt", "forgotten-fact.jsonld", "forgotten-fact.json",
                                  "forgotten-fact.rdf"])
def test_every_accepted_format_reads_the_same_triples(name: str, project_copy, kg, no_network):
    path = CASES / "formats" / name
    assert set(read_new_triples(path).graph) == set(Graph().parse(CASES / "forgotten-fact.ttl"))
    result = cli(project_copy, "validate", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Conforms: 0 violation(s), 0 warning(s) in 2 new triples joined to {len(kg.data)} data triples.\n"
    assert no_network == []


# --------------------------------------------------------------------------------------
# 6. Misspelt terms and changes to the ontology
# --------------------------------------------------------------------------------------

def test_misspelt_property_is_refused_with_a_suggestion(project_copy):
    case = CASES / "typo.ttl"
    before = data_snapshot(project_copy)
    for command in ("validate", "add"):
        result = cli(project_copy, command, str(case))
        assert result.exit_code == 1, result.output
        assert (f"  Violation sc:participent  ({case}:10)\n"
                "            unknown property sc:participent (did you mean sc:participant?)  "
                "[scsh:DeclaredTerm]") in result.stdout
        assert result.stdout.startswith("Does not conform: 1 violation(s), 0 warning(s) in 2 new triples")
    assert result.stderr == "Nothing was added.\n"
    assert data_snapshot(project_copy) == before


def test_location_skips_comments(project_copy, tmp_path):
    case = tmp_path / "commented-typo.ttl"
    case.write_text("# Adds sc:participent to the 2021 videoconference.\n"
                    + (CASES / "typo.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(project_copy, "validate", str(case), "--format", "json")
    assert result.exit_code == 1, result.output
    assert [r["location"] for r in json.loads(result.stdout)["results"]] == [f"{case}:11"]


def test_changing_an_ontology_class_is_refused(project_copy):
    case = CASES / "redefinition.ttl"
    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Does not conform: 2 violation(s), 0 warning(s) in 2 new triples.\n")
    message = ("            new triples may not change the ontology term sc:Mission; edit ontology/ instead  "
               "[scsh:Redefinition]")
    assert f"  Violation rdfs:label  ({case}:7)\n{message}" in result.stdout
    # located where the file first names the term (line 7), not on the triple's own line
    assert re.search(rf"  Violation rdfs:subClassOf  \({re.escape(str(case))}:\d+\)\n{re.escape(message)}",
                     result.stdout)
    assert result.stderr == "Nothing was added.\n"
    assert data_snapshot(project_copy) == before


# --------------------------------------------------------------------------------------
# 7. Killed between writing aside and renaming
# --------------------------------------------------------------------------------------

def test_add_killed_midway_leaves_the_data_as_it_was(project_copy):
    target = project_copy / RELEASE_2021_FILE
    original = target.read_bytes()
    before = data_snapshot(project_copy)

    process = start_add(project_copy, CASES / "forgotten-fact.ttl", **{PAUSE_BEFORE_RENAME: "30"})
    try:
        temporary = wait_for(lambda: leftovers(project_copy), 60, process)
        assert [path.name.startswith(f".{target.name}.tmp-") for path in temporary] == [True]
        wait_for(lambda: temporary[0].stat().st_size > len(original), 10, process)  # written aside
    finally:
        process.kill()
        process.communicate()
    assert process.returncode == -signal.SIGKILL

    after = data_snapshot(project_copy)
    assert {name: digest for name, digest in after.items() if Path(name).name != temporary[0].name} == before
    assert target.read_bytes() == original
    for path in sorted((project_copy / "data").rglob("*.ttl")):
        Graph().parse(path, format="turtle")
    result = cli(project_copy, "validate")
    assert result.exit_code == 0, result.output

    result = cli(project_copy, "add", str(CASES / "forgotten-fact.ttl"))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Added 1 triple(s) to {RELEASE_2021_FILE} (stated in release:2021-02-25).\n"
    assert leftovers(project_copy) == []
    assert target.read_bytes().startswith(original)


# --------------------------------------------------------------------------------------
# 8. Two adds at the same time
# --------------------------------------------------------------------------------------

def test_concurrent_adds_of_two_new_releases_both_land(project_copy):
    first = start_add(project_copy, NEW_RELEASE, **{PAUSE_BEFORE_RENAME: "2"})
    second = start_add(project_copy, CASES / "second-release.ttl")
    outputs = [process.communicate(timeout=PROCESS_TIMEOUT) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert outputs[0][0] == f"Added {NEW_RELEASE_TRIPLES} triple(s) to {NEW_RELEASE_FILE} (stated in release:2023-05-10).\n"
    assert outputs[1][0] == ("Added 14 triple(s) to data/releases/2023-09-01-second-release.ttl "
                             "(stated in release:2023-09-01).\n")
    assert set(Graph().parse(project_copy / NEW_RELEASE_FILE)) == set(Graph().parse(NEW_RELEASE))
    assert set(Graph().parse(project_copy / "data/releases/2023-09-01-second-release.ttl")) == \
        set(Graph().parse(CASES / "second-release.ttl"))
    assert leftovers(project_copy) == []
    result = cli(project_copy, "validate")
    assert result.exit_code == 0, result.output


def test_concurrent_adds_to_the_same_release_file_lose_nothing(project_copy):
    target = project_copy / RELEASE_2021_FILE
    original = target.read_bytes()
    first = start_add(project_copy, CASES / "forgotten-fact.ttl", **{PAUSE_BEFORE_RENAME: "2"})
    second = start_add(project_copy, CASES / "another-forgotten-fact.ttl")
    outputs = [process.communicate(timeout=PROCESS_TIMEOUT) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    for stdout, _ in outputs:
        assert stdout == f"Added 1 triple(s) to {RELEASE_2021_FILE} (stated in release:2021-02-25).\n"
    written = target.read_bytes()
    assert written.startswith(original)
    graph = Graph().parse(target, format="turtle")
    assert set(graph) - set(turtle(original.decode("utf-8"))) == {
        (VIDEOCONFERENCE_2021, SC.discussedTheme, URIRef(RESOURCE + "theme/" + theme))
        for theme in ("reusable-launchers", "spaceflight-dynamics")}
    assert written.decode("utf-8").count("# Added by spacecoop add from") == 2
    assert leftovers(project_copy) == []


# --------------------------------------------------------------------------------------
# 9. Reports for programs, and --strict
# --------------------------------------------------------------------------------------

def test_json_report_locates_each_result_in_the_file(project_copy):
    case = CASES / "typo.ttl"
    result = cli(project_copy, "validate", str(case), "--format", "json")
    assert result.exit_code == 1, result.output
    assert json.loads(result.stdout) == {
        "conforms": False, "violations": 1, "warnings": 0,
        "results": [{
            "focus": str(VIDEOCONFERENCE_2021), "path": str(SC.participent), "value": str(SC.participent),
            "component": VOCABULARY_COMPONENT, "severity": VIOLATION, "shape": str(SCSH.DeclaredTerm),
            "message": "unknown property sc:participent (did you mean sc:participant?)",
            "location": f"{case}:10"}]}

    case = CASES / "without-release.ttl"
    result = cli(project_copy, "validate", str(case), "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert (report["conforms"], report["violations"], report["warnings"]) == (False, 1, 0)
    assert [(r["shape"], r["location"]) for r in report["results"]] == [
        (str(SCSH["Fact-statedIn"]), f"{case}:12")]

    result = cli(project_copy, "validate", str(NEW_RELEASE), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"conforms": True, "violations": 0, "warnings": 0, "results": []}


def _report(text: str) -> tuple[Graph, list]:
    graph = turtle(text)
    return graph, list(graph.subjects(RDF.type, SH.ValidationReport))


def test_turtle_report_is_a_shacl_validation_report(project_copy):
    result = cli(project_copy, "validate", str(CASES / "typo.ttl"), "--format", "turtle")
    assert result.exit_code == 1, result.output
    graph, reports = _report(result.stdout)
    assert len(reports) == 1
    assert graph.value(reports[0], SH.conforms) == Literal(False)
    results = list(graph.objects(reports[0], SH.result))
    assert len(results) == 1
    assert (results[0], SH.focusNode, VIDEOCONFERENCE_2021) in graph
    assert (results[0], SH.resultSeverity, SH.Violation) in graph
    assert (results[0], SH.sourceShape, SCSH.DeclaredTerm) in graph

    result = cli(project_copy, "validate", str(CASES / "warning-only.ttl"), "--format", "turtle")
    assert result.exit_code == 0, result.output
    graph, reports = _report(result.stdout)
    assert len(reports) == 1
    assert graph.value(reports[0], SH.conforms) == Literal(True)
    assert [graph.value(r, SH.resultSeverity) for r in graph.objects(reports[0], SH.result)] == [SH.Warning]


def test_strict_fails_on_warnings(project_copy):
    case = CASES / "warning-only.ttl"
    warning = (f"  Warning   sc:item  ({case}:13)\n            This contribution supplies or lends hardware")

    result = cli(project_copy, "validate", str(case))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Conforms: 0 violation(s), 1 warning(s) in 7 new triples")
    assert warning in result.stdout and "[scsh:Contribution-itemRecommended]" in result.stdout
    result = cli(project_copy, "validate", "--strict", str(case))
    assert result.exit_code == 1, result.output

    before = data_snapshot(project_copy)
    result = cli(project_copy, "add", "--strict", str(case))
    assert result.exit_code == 1, result.output
    assert warning in result.stdout
    assert result.stderr == "Nothing was added.\n"
    assert data_snapshot(project_copy) == before

    result = cli(project_copy, "add", str(case))
    assert result.exit_code == 0, result.output
    assert warning in result.stdout
    assert result.stdout.endswith(f"Added 7 triple(s) to {RELEASE_2021_FILE} (stated in release:2021-02-25).\n")
