"""New triples joining the graph: check them with what the graph holds, then merge them
into the data file of the release that states them, atomically and one writer at a time."""

from __future__ import annotations

import fcntl
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH, TIME

from .errors import SpacecoopError
from .intake import DEFAULT_MAX_BYTES, NewTriples, read_new_triples
from .namespaces import SC, SCSH, bind_prefixes
from .storage import write_atomically
from .validation import ValidationReport, ValidationResult, validate_additions
from .vocabulary import Vocabulary

LOCK_NAME = ".spacecoop.lock"
#: Seconds to wait between writing the new file aside and renaming it into place; only
#: for tests that kill `spacecoop add` in the middle of a write.
PAUSE_BEFORE_RENAME = "SPACECOOP_PAUSE_BEFORE_RENAME"


class AdditionError(SpacecoopError):
    """New triples that cannot be added as asked (no release named, several releases…)."""


@dataclass
class AdditionCheck:
    """New triples and what is wrong with them once joined to the graph."""

    sources: list[NewTriples]
    graph: Graph
    report: ValidationReport

    def located(self, result: ValidationResult) -> str | None:
        """``file:line`` where the new files first name the result's node (for an unknown
        or redefined term, the term itself), if they do."""
        node = result.value if result.component == SCSH.VocabularyConstraintComponent else result.focus
        return self.located_node(node)

    def located_node(self, node) -> str | None:
        """``file:line`` where the new files first name ``node``, if they do."""
        for source in self.sources:
            line = source.line_of(node)
            if line is not None:
                return f"{source.path}:{line}"
        return None


def check_additions(kg, paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES,
                    release: URIRef | None = None) -> AdditionCheck:
    """Read the files, run the vocabulary check and the shapes on the nodes they affect."""
    sources = [read_new_triples(Path(path), max_bytes) for path in paths]
    graph = bind_prefixes(Graph())
    for source in sources:
        graph += source.graph
    if release is not None:
        graph += provenance_for(graph, release)
    vocabulary = Vocabulary(kg.ontology).problems(graph)
    report = validate_additions(kg.data, graph, kg.ontology, kg.data_shapes)
    results = [ValidationResult(
        focus=problem.subject, path=problem.predicate, value=problem.term,
        component=SCSH.VocabularyConstraintComponent, severity=SH.Violation,
        shape=SCSH.Redefinition if problem.kind == "redefinition" else SCSH.DeclaredTerm,
        message=problem.message) for problem in vocabulary]
    return AdditionCheck(sources, graph, ValidationReport(results + report.results))


def provenance_for(graph: Graph, release: URIRef) -> Graph:
    """``sc:statedIn release`` for every subject of ``graph`` that should carry it and does not."""
    exempt = {SC.PressRelease, SC.Country, TIME.Duration}
    added = Graph()
    for subject in set(graph.subjects()):
        if isinstance(subject, URIRef) and not exempt & set(graph.objects(subject, RDF.type)) \
                and (subject, SC.statedIn, release) not in graph:
            added.add((subject, SC.statedIn, release))
    return added


@dataclass
class AdditionPlan:
    release: URIRef
    target: Path
    new: Graph  # the triples the data does not hold yet
    block: str  # the Turtle text appended to (or forming) the target file


def plan_addition(kg, check: AdditionCheck, release: URIRef | None) -> AdditionPlan:
    """Where the checked triples go: the file of the release stating them."""
    release = release or _single_release(check)
    new = bind_prefixes(Graph())
    for triple in check.graph:
        if triple not in kg.data:
            new.add(triple)
    target = _release_file(kg, release) or _new_release_file(kg, check, release)
    names = ", ".join(source.path.name for source in check.sources)
    body = new.serialize(format="turtle").strip("\n")
    if set(Graph().parse(data=body, format="turtle")) != set(new):
        # rdflib's Turtle shorthand can change a literal ("6"^^xsd:decimal becomes 6.0):
        # then write the triples as N-Triples, which is Turtle too and keeps them exactly
        body = "\n".join(sorted(line for line in new.serialize(format="nt").splitlines() if line))
    block = f"\n# Added by spacecoop add from {names} on {date.today().isoformat()}\n{body}\n"
    return AdditionPlan(release, target, new, block)


def _single_release(check: AdditionCheck) -> URIRef:
    graph = check.graph
    releases = set(graph.subjects(RDF.type, SC.PressRelease)) | set(graph.objects(None, SC.statedIn))
    if len(releases) == 1:
        return next(iter(releases))
    files = ", ".join(str(source.path) for source in check.sources)
    if not releases:
        raise AdditionError("the new triples name no release: add sc:statedIn, or pass --release IRI",
                            source=files)
    listed = ", ".join(sorted(graph.namespace_manager.normalizeUri(r) for r in releases))
    raise AdditionError(f"the new triples name several releases ({listed}): add one release at a time, "
                        "or pass --release IRI", source=files)


def _release_file(kg, release: URIRef) -> Path | None:
    """The data file that declares ``release`` as a press release, if one does."""
    if (release, RDF.type, SC.PressRelease) not in kg.data:
        return None
    for path in kg.files.data:
        if (release, RDF.type, SC.PressRelease) in Graph().parse(path, format="turtle"):
            return path
    return None


def _new_release_file(kg, check: AdditionCheck, release: URIRef) -> Path:
    released = check.graph.value(release, DCTERMS.date)
    if not isinstance(released, Literal):
        where = check.located_node(release) or str(check.sources[0].path)
        raise AdditionError(f"release {check.graph.namespace_manager.normalizeUri(release)} is new: "
                            "give it its dcterms:date so it can have its file", source=where)
    # data/releases/<date>-<name of the contributed file>, without the date twice
    stem = check.sources[0].path.stem.lower().removeprefix(str(released))
    slug = re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "release"
    return kg.files.root / "data" / "releases" / f"{released}-{slug}.ttl"


@contextmanager
def data_lock(root: Path, timeout: float = 60.0):
    """Hold the project's write lock: one `spacecoop add` at a time writes data/."""
    path = Path(root) / "data" / LOCK_NAME
    with open(path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise SpacecoopError(f"another spacecoop add has held the lock for {timeout:g} s",
                                         source=str(path)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_addition(plan: AdditionPlan) -> None:
    """Append the plan's block to its target file (or create it): the new content is written
    aside, checked to parse, flushed to disk, then renamed over the file."""
    target = plan.target
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(".*.tmp-*"):
        leftover.unlink(missing_ok=True)  # from a write that was killed before its rename
    before = target.read_text(encoding="utf-8") if target.exists() else \
        "# Facts of one press release, added with spacecoop add.\n"
    text = (before if before.endswith("\n") else before + "\n") + plan.block  # old bytes kept as they are
    Graph().parse(data=text, format="turtle")  # never write a file that does not parse
    pause = float(os.environ.get(PAUSE_BEFORE_RENAME, "0") or 0)
    write_atomically(target, text, before_rename=(lambda: time.sleep(pause)) if pause else None)
