"""The one object the faces use: the project's ontology, data and shapes, and what can be
done with them (reason, validate, export, describe)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from rdflib import Graph

from . import export as _export
from .loading import ProjectFiles, find_project_root, load_files
from .namespaces import BASE, PREFIXES, bind_prefixes
from .reasoning import Closure, owl_rl_closure
from .results import QueryResult
from .runners import Limits, LocalRunner
from .saved_queries import SavedQuery, find_query, load_catalogue
from .statistics import GraphStatistics, compute_statistics
from .validation import ValidationReport, validate

#: Named graphs the project publishes its parts in (TriG export, SPARQL servers).
GRAPH_NAMES = {
    "data": BASE + "graph/data",
    "ontology": BASE + "graph/ontology",
    "inferred": BASE + "graph/inferred",
}


class KnowledgeGraph:
    """Ontology, data and shapes of one project, loaded once.

    The asserted graphs are never changed: reasoning yields a separate inferred graph and
    validation of new triples works on a merged copy.
    """

    def __init__(self, files: ProjectFiles):
        self.files = files
        self.ontology: Graph = load_files(files.ontology)
        self.data: Graph = load_files(files.data)
        self.shapes: Graph = load_files(files.shapes)

    @classmethod
    def from_project(cls, root: Path | str | None = None) -> "KnowledgeGraph":
        return cls(ProjectFiles.discover(Path(root) if root else find_project_root()))

    @cached_property
    def closure(self) -> Closure:
        """OWL 2 RL closure of ontology + data (computed once, on first use)."""
        return owl_rl_closure(self.asserted())

    def asserted(self) -> Graph:
        """A new graph holding the ontology and the data."""
        graph = bind_prefixes(Graph())
        graph += self.ontology
        graph += self.data
        return graph

    def validate(self, extra: Graph | None = None) -> ValidationReport:
        """Validate the data, plus ``extra`` triples if given, against the shapes."""
        graph = self.asserted()
        if extra is not None:
            graph += extra
        return validate(graph, self.shapes)

    def export(self, rdf_format: str = "turtle", *, ontology: bool = False,
               inferred: bool = False) -> str:
        """The data (and optionally the ontology and the inferred triples) as RDF text."""
        parts = {GRAPH_NAMES["data"]: self.data}
        if ontology:
            parts[GRAPH_NAMES["ontology"]] = self.ontology
        if inferred:
            parts[GRAPH_NAMES["inferred"]] = self.closure.inferred
        return _export.serialize(parts, rdf_format)

    @cached_property
    def catalogue(self) -> dict[str, SavedQuery]:
        """The saved queries of the project's queries/ folder, by name."""
        return load_catalogue(self.files.root / "queries")

    def query(self, name: str, parameters: dict[str, str] | None = None, *,
              reasoning: bool | None = None, limits: Limits = Limits()) -> QueryResult:
        """Run a saved query; ``reasoning`` None means the query's own default."""
        saved = find_query(self.catalogue, name)
        bindings = saved.bindings(parameters or {})
        use_reasoning = saved.reasoning if reasoning is None else reasoning
        return self.runner(use_reasoning).run(saved.text, bindings, limits, source=str(saved.path))

    def sparql(self, text: str, *, reasoning: bool = False, limits: Limits = Limits(),
               source: str = "query") -> QueryResult:
        """Run an ad-hoc query (read-only; SERVICE and FROM refused; the project's prefixes
        predeclared)."""
        return self.runner(reasoning).run(text, None, limits, source=source, prefixes=PREFIXES)

    def runner(self, reasoning: bool) -> LocalRunner:
        return LocalRunner(self.queryable_graph(reasoning))

    def queryable_graph(self, reasoning: bool) -> Graph:
        """Ontology + data, plus the inferred triples when ``reasoning``."""
        graph = self.asserted()
        if reasoning:
            graph += self.closure.inferred
        return graph

    def statistics(self, with_inferred: bool = False) -> GraphStatistics:
        return compute_statistics(self.data, self.ontology,
                                  self.closure.inferred if with_inferred else None)
