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
from rdflib.namespace import DCTERMS, RDF, TIME

from .date_checks import TIME_PREDICATES, date_results
from .errors import SpacecoopError
from .formats import DEFAULT_MAX_BYTES
from .intake import NewTriples, read_new_triples
from .namespaces import SC, SCSH, bind_prefixes
from .sources import new_triples_results
from .storage import write_atomically
from .store.oxigraph import GRAPHS
from .store.view import StoreView
from .term_checks import term_results
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


def read_additions(paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> list[NewTriples]:
    """Read and parse each contributed file (refusing what cannot be read safely)."""
    return [read_new_triples(Path(path), max_bytes) for path in paths]


def check_additions(kg, sources: list[NewTriples], release: URIRef | None = None) -> AdditionCheck:
    """Run the vocabulary, term and source checks on the new triples, the date checks on the
    nodes they date, and the shapes on the nodes they affect."""
    graph = bind_prefixes(Graph())
    for source in sources:
        graph += source.graph
    if release is not None:
        graph += provenance_for(graph, release)
    report = validate_additions(kg.store.store, [GRAPHS["data"]], graph, kg.ontology, kg.data_shapes,
                                parsed=kg.parsed_queries)
    dated = {subject for subject, predicate in graph.subject_predicates() if predicate in TIME_PREDICATES}
    results = Vocabulary(kg.ontology).results(graph) + term_results(graph) + new_triples_results(graph, release) \
        + date_results(StoreView(kg.store.store, [GRAPHS["data"]], graph), dated)
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
    """Where the checked triples go: the file of ``release``, the release stating them (as
    :func:`stating_release` found it; None when the files name none, which is refused)."""
    if release is None:
        raise AdditionError("the new triples name no release: add sc:statedIn, or name the release",
                            source=_file_names(check.sources), hint="release")
    new = bind_prefixes(Graph())
    for triple in check.graph:
        if not kg.data_holds(triple):
            new.add(triple)
    target = _release_file(kg, release) or _new_release_file(kg, check, release)
    # file names are the contributor's text: only a safe form of them reaches the data file
    names = ", ".join(re.sub(r"[^A-Za-z0-9._-]", "_", source.path.name) for source in check.sources)
    body = new.serialize(format="turtle").strip("\n")
    if set(Graph().parse(data=body, format="turtle")) != set(new):
        # rdflib's Turtle shorthand can change a literal ("6"^^xsd:decimal becomes 6.0):
        # then write the triples as N-Triples, which is Turtle too and keeps them exactly
        body = "\n".join(sorted(line for line in new.serialize(format="nt").splitlines() if line))
    block = f"\n# Added by spacecoop add from {names} on {date.today().isoformat()}\n{body}\n"
    return AdditionPlan(release, target, new, block)


def stating_release(sources: list[NewTriples], release: URIRef | None = None) -> URIRef | None:
    """The release stating the new triples: ``release`` if given, else the one release the
    files are about, None if they name none. A file is about the press release it types, if
    it types one (a new release: what it says of others is refused by the source checks),
    else about the releases it names with sc:statedIn. Files about several releases are
    refused: a cheap rule, checked before the shapes run."""
    if release is not None:
        return release
    releases = set().union(*(_releases_about(source.graph) for source in sources))
    if len(releases) <= 1:
        return next(iter(releases), None)
    names = sorted(sources[0].graph.namespace_manager.normalizeUri(r) for r in releases)
    raise AdditionError(f"the new triples name several releases ({shortened_list(names)}): "
                        "add one release at a time, or name the one release", source=_file_names(sources),
                            hint="release")


def _releases_about(graph: Graph) -> set:
    typed = set(graph.subjects(RDF.type, SC.PressRelease))
    return typed if len(typed) == 1 else typed | set(graph.objects(None, SC.statedIn))


def shortened_list(names: list[str], shown: int = 3) -> str:
    """``names`` joined by commas, cut after ``shown`` of them: "a, b, c and 9,997 more"."""
    if len(names) <= shown + 1:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown:,} more"


def _file_names(sources: list[NewTriples]) -> str:
    return ", ".join(str(source.path) for source in sources)


def _release_file(kg, release: URIRef) -> Path | None:
    """The data file that declares ``release`` as a press release, if one does."""
    if not kg.data_holds((release, RDF.type, SC.PressRelease)):
        return None
    named = str(release).rsplit("/", 1)[-1].encode("utf-8")
    for path in kg.files.data:  # only the files that name it can state it: parse those
        if named in kg.files.contents[path] and (release, RDF.type, SC.PressRelease) in \
                Graph().parse(data=kg.files.text(path), format="turtle"):
            return path
    return None


def _new_release_file(kg, check: AdditionCheck, release: URIRef) -> Path:
    released = check.graph.value(release, DCTERMS.date)
    if not isinstance(released, Literal):
        where = check.located_node(release) or str(check.sources[0].path)
        raise AdditionError(f"release {check.graph.namespace_manager.normalizeUri(release)} is new: "
                            "give it its dcterms:date so it can have its file", source=where)
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", str(released)):
        where = check.located_node(release) or str(check.sources[0].path)
        raise AdditionError(f"release {check.graph.namespace_manager.normalizeUri(release)} has a "
                            "dcterms:date that is not a date (YYYY-MM-DD): it cannot name its file",
                            source=where)
    # data/releases/<date>-<name of the contributed file>, without the date twice; only
    # [a-z0-9-] of the name is kept, so the file stays in data/releases/
    stem = check.sources[0].path.stem.lower().removeprefix(str(released))
    slug = re.sub(r"[^a-z0-9]+", "-", stem)[:80].strip("-") or "release"
    return kg.files.root / "data" / "releases" / f"{released}-{slug}.ttl"


@contextmanager
def data_lock(root: Path, timeout: float = 60.0, shared: bool = False):
    """Hold the project's lock on data/: exclusive, one `spacecoop add` at a time writes
    data/; ``shared``, for a reader (a dry run), which waits for a running add but needs no
    write access: it takes the lock only if the lock file exists and can be read, and never
    creates or writes it."""
    path = Path(root) / "data" / LOCK_NAME
    handle = _open_lock_file(path, shared)
    if handle is None:
        yield
        return
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
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


def _open_lock_file(path: Path, shared: bool):
    """The lock file opened for reading (``shared``; None if it cannot be) or, created if
    need be, for writing."""
    try:
        return open(path, "rb" if shared else "a+")
    except OSError as error:
        if shared:
            return None
        raise SpacecoopError(f"cannot take the write lock: {error.strerror}", source=str(path)) from None


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
