"""Checks on the sources: each data file is one source graph, holding one sc:Source node
(see sc:Source in the ontology), and what a file states is what its source says.

- A file of data/releases/ types exactly one sc:PressRelease, its release, and no
  sc:EditorialNote; every ``X sc:statedIn Y`` in it has Y = its release.
- A file of data/entities/ types exactly one sc:EditorialNote and no sc:PressRelease, and
  holds no fact: no node of a fact class (contributions, events, post holdings, agreements,
  status reports, and their subclasses) and no sc:statedIn. (That the note has its
  English rdfs:comment is the shape scsh:EditorialNote's to say.)
- New triples brought by a contributor go into one release file: they type at most one
  sc:PressRelease and no sc:EditorialNote, and state only their release with sc:statedIn.

Other files of data/ are not sources, and are not checked here."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

from .display import escaped, short
from .formats import source_graph
from .intake import NewTriples
from .namespaces import SC, SCSH, bind_prefixes
from .validation import ValidationResult, in_report_order

COMPONENT = SCSH.SourceConstraintComponent
#: The pseudo-shapes of the results.
SHAPES = (SCSH.SourceFile, SCSH.ReleaseFile, SCSH.EntityFile, SCSH.NewTriplesSource)
#: The classes whose nodes are facts a release states (with their subclasses).
FACT_CLASSES = (SC.Contribution, SC.Event, SC.PostHolding, SC.Commitment, SC.MissionStatusReport)
#: The folder of data/ holding each kind of source, and the class of its source node.
SOURCE_FOLDERS = {"releases": SC.PressRelease, "entities": SC.EditorialNote}

_MISPLACED = {SC.PressRelease: "a press release has a file of its own in data/releases/",
              SC.EditorialNote: "an editorial note belongs in a file of data/entities/"}
_NAMESPACES = bind_prefixes(Graph()).namespace_manager


def data_file_results(path: Path, root: Path, graph: Graph, text: str, ontology: Graph) -> list[ValidationResult]:
    """The violations of the data file ``path`` of the project in ``root``, parsed as ``graph``
    from ``text``; ``ontology`` gives the subclasses of the fact classes. Each message starts
    with the file (relative to ``root``) and the line naming the node at fault."""
    data_folder = Path(root) / "data"
    folder = Path(path).relative_to(data_folder).parts[0]
    if folder not in SOURCE_FOLDERS:
        return []
    lines = NewTriples(Path(path).relative_to(root), graph, text)
    kind = SOURCE_FOLDERS[folder]
    other = next(k for k in SOURCE_FOLDERS.values() if k != kind)
    found = []

    def report(shape, focus, predicate, value, message: str, line_of=None) -> None:
        line = lines.line_of(line_of if line_of is not None else focus)
        where = f"{lines.path}:{line}" if line is not None else str(lines.path)
        found.append(_result(shape, focus, predicate, value, f"{where}: {message}"))

    sources = sorted(graph.subjects(RDF.type, kind))
    if len(sources) != 1:
        focus = sources[1] if sources else URIRef(source_graph(path, data_folder))
        report(SCSH.SourceFile, focus, RDF.type, kind,
               f"a file of data/{folder}/ types exactly one {_short(kind)} (its source); this one types "
               f"{_counted(sources)}")
    for node in sorted(graph.subjects(RDF.type, other)):
        report(SCSH.SourceFile, node, RDF.type, other, f"{_short(node)} is typed {_short(other)}: {_MISPLACED[other]}")
    if kind == SC.PressRelease:
        if len(sources) == 1:
            for subject, release in sorted(graph.subject_objects(SC.statedIn)):
                if release != sources[0]:
                    report(SCSH.ReleaseFile, subject, SC.statedIn, release,
                           f"this is the file of {_short(sources[0])}: a statement of {_short(release)} "
                           f"goes in that release's file", line_of=release)
    else:
        fact_classes = _fact_classes(ontology)
        for node, kind_of_fact in sorted((s, o) for s, o in graph.subject_objects(RDF.type) if o in fact_classes):
            report(SCSH.EntityFile, node, RDF.type, kind_of_fact,
                   f"{_short(node)} is a fact ({_short(kind_of_fact)}): it belongs in the file of the release "
                   "stating it, not in data/entities/")
        for subject, release in sorted(graph.subject_objects(SC.statedIn)):
            report(SCSH.EntityFile, subject, SC.statedIn, release,
                   f"sc:statedIn has no place in data/entities/, whose statements are the editors': "
                   f"what {_short(release)} says goes in its file", line_of=release)
    return in_report_order(found)


def new_triples_results(graph: Graph, release: URIRef | None = None) -> list[ValidationResult]:
    """The violations of contributed triples ``graph`` that go into one release file: the
    file of ``release`` if given, else of the one release they type (if they type one)."""
    found = []
    releases = sorted(graph.subjects(RDF.type, SC.PressRelease))
    if len(releases) > 1:
        found.append(_result(SCSH.NewTriplesSource, releases[1], RDF.type, SC.PressRelease,
                             f"the new triples type {_counted(releases)}: add one release at a time"))
    for note in sorted(graph.subjects(RDF.type, SC.EditorialNote)):
        found.append(_result(SCSH.NewTriplesSource, note, RDF.type, SC.EditorialNote,
                             "new triples go into a release's file: an editorial note and what it "
                             "sources are edited in data/entities/"))
    own = release if release is not None else (releases[0] if len(releases) == 1 else None)
    if own is not None:
        for subject, stating in sorted(graph.subject_objects(SC.statedIn)):
            if stating != own:
                found.append(_result(SCSH.NewTriplesSource, subject, SC.statedIn, stating,
                                     f"the new triples go into the file of {_short(own)}, which states only "
                                     f"its own facts: add what {_short(stating)} states on its own"))
    return in_report_order(found)


def _fact_classes(ontology: Graph) -> set:
    return {c for fact in FACT_CLASSES for c in ontology.transitive_subjects(RDFS.subClassOf, fact)}


def _counted(nodes: list) -> str:
    if not nodes:
        return "none"
    return f"{len(nodes)} ({', '.join(_short(node) for node in nodes)})"


def _short(term) -> str:
    return escaped(short(term, _NAMESPACES), limit=80)


def _result(shape, focus, path, value, message: str) -> ValidationResult:
    return ValidationResult(focus=focus, path=path, value=value, component=COMPONENT,
                            severity=SH.Violation, shape=shape, message=message)
