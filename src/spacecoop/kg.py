"""The one object the faces use: the project's ontology, data and shapes, and what can be
done with them (reason, validate, query, export, describe)."""

from __future__ import annotations

from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef

from .cache import Cache
from .formats import (DATASET_FORMATS, DEFAULT_MAX_BYTES, GRAPH_NAMES, SEARCH_DEFAULT_RESULTS,
                      SOURCE_GRAPH_BASE, Limits)
from .loading import parse_rdf_text, rdf_format_for
from .namespaces import PREFIXES, bind_prefixes
from .project import ProjectFiles, find_project_root
from .saved_queries import ParameterError, SavedQuery, find_query, load_catalogue
from .store.oxigraph import GRAPHS

if TYPE_CHECKING:  # imported where used: a query should not pay for pyshacl, nor a check for the store
    from .additions import AdditionCheck, AdditionPlan
    from .description import Description
    from .lookup import Match, NameIndex
    from .intake import NewTriples
    from .publishing import PublishedPart
    from .sparql_algebra import ParsedQueries
    from .statistics import GraphStatistics
    from .validation import ValidationReport
    from .remote import Endpoint, RemoteRunner
    from .results import QueryResult
    from .runners import StoreRunner
    from .store.oxigraph import ProjectStore
    from .workers import WorkerPool


class KnowledgeGraph:
    """Ontology, data and shapes of one project, each loaded once, when first needed.

    The asserted graphs are never changed: reasoning yields a separate inferred graph and
    validation works on a graph of its own. With a :class:`Cache`, parsed graphs, the
    shapes' parsed SPARQL and the closure are reused across processes while the files stay
    the same.
    """

    def __init__(self, files: ProjectFiles, cache: Cache | None = None):
        self.files = files
        self.cache = cache
        self.workers: WorkerPool | None = None  # see query_workers

    @cached_property
    def ontology(self) -> Graph:
        return self._parsed("ontology", self.files.ontology)

    @cached_property
    def data(self) -> Graph:
        """The union of the data files (each parsed once, into :attr:`source_graphs`)."""
        graph = self.cache.read_object("data.pickle") if self.cache else None
        if graph is None:
            graph = bind_prefixes(Graph())
            for part in self.source_graphs.values():
                graph += part
                for prefix, namespace in part.namespaces():
                    graph.bind(prefix, namespace)
            if self.cache:
                self.cache.write_object("data.pickle", graph)
        return graph

    @cached_property
    def source_graphs(self) -> dict[str, Graph]:
        """Each data file's triples in a graph of its own, by the IRI of its source graph
        (:attr:`ProjectFiles.source_graphs`), in file order."""
        graphs = self.cache.read_object("source-graphs.pickle") if self.cache else None
        if graphs is None:
            graphs = {iri: self._parsed_file(path) for path, iri in self.files.source_graphs.items()}
            if self.cache:
                self.cache.write_object("source-graphs.pickle", graphs)
        return graphs

    @cached_property
    def shapes(self) -> Graph:
        """Every shape: those about the data and the lint shapes about the ontology."""
        return self._parsed("shapes", self.files.shapes)

    @cached_property
    def data_shapes(self) -> Graph:
        """The shapes about data, without the lint shapes on the ontology itself."""
        return self._parsed("data-shapes", self.files.data_shapes)

    def _parsed(self, name: str, paths) -> Graph:
        """``paths`` in one graph, parsed from the bytes the project read once (those its
        fingerprint names), or as the cache kept it."""
        graph = self.cache.read_object(f"{name}.pickle") if self.cache else None
        if graph is None:
            graph = bind_prefixes(Graph())
            for path in paths:
                parse_rdf_text(self.files.text(path), rdf_format_for(path), str(path), into=graph)
            if self.cache:
                self.cache.write_object(f"{name}.pickle", graph)
        return graph

    @classmethod
    def from_project(cls, root: Path | str | None = None, *, use_cache: bool = False) -> "KnowledgeGraph":
        files = ProjectFiles.discover(Path(root) if root else find_project_root())
        return cls(files, Cache(files) if use_cache else None)

    @cached_property
    def store(self) -> ProjectStore:
        """The ontology, data and inferred triples in Oxigraph: on disk beside the cache
        (built when their content changes), or in memory without a cache (or when the
        cache's folder cannot be trusted)."""
        from .store.oxigraph import ProjectStore, UntrustedFolderError
        if self.cache is not None:
            try:
                return ProjectStore.on_disk(self.files, self.cache.folder, _reason)
            except UntrustedFolderError:  # like the cache: a folder that cannot be trusted is not used
                pass
        return ProjectStore.in_memory(self.files, _reason)

    @cached_property
    def inferred(self) -> Graph:
        """The OWL 2 RL inferences, as materialised in the store when it was built."""
        from .reasoning import inferred_graph
        return inferred_graph(self.store.store, GRAPHS["inferred"])

    @property
    def inconsistencies(self) -> list[str]:
        """What OWL 2 RL finds inconsistent in the ontology and data (sentences, sorted)."""
        return list(self.store.inconsistencies)

    def asserted(self) -> Graph:
        """A new graph holding the ontology and the data."""
        graph = bind_prefixes(Graph())
        graph += self.ontology
        graph += self.data
        return graph

    # ------------------------------------------------------------ validation

    def validate(self, extra: Graph | None = None) -> ValidationReport:
        """Validate the data, plus ``extra`` triples if given, against the shapes, the term
        checks (well-formed literals, language tags, no control characters), the date checks
        (sc:when against its bounds and precision), the checks on each data file as a source,
        and the vocabulary check that new triples pass.

        The shapes' targets are found on the store and pyshacl checks those nodes in
        batches (:func:`validation.validate_store`); the term checks read each file as
        written (the store keeps literals in canonical form). With ``extra``, the whole
        asserted graph and ``extra`` are validated in memory. The report on the project's
        own files is cached (keyed on their content)."""
        from .date_checks import date_results
        from .store.view import StoreView
        from .term_checks import term_results
        from .validation import ValidationReport, in_report_order, validate, validate_store
        from .vocabulary import Vocabulary
        if extra is None and self.cache:
            report = self.cache.read_object("validation.pickle")
            if report is not None:
                return report
        vocabulary = Vocabulary(self.ontology)
        store = self._store_unless_refused() if extra is None else None
        with self._parsed_queries_kept():
            if store is not None:
                report = validate_store(store.store, [GRAPHS["data"], GRAPHS["ontology"]],
                                        self.ontology, self.shapes, parsed=self.parsed_queries)
                results = vocabulary.store_results(store.store, [GRAPHS["data"]])
                for path in (*self.files.ontology, *self.files.data):
                    results += term_results(self._parsed_file(path))
                results += date_results(StoreView(store.store, [GRAPHS["data"]]))
            else:  # ``extra`` may hold ontology triples: not checked as data triples
                graph = self.asserted() + (extra if extra is not None else Graph())
                report = validate(graph, self.shapes, parsed=self.parsed_queries)
                results = term_results(graph) + vocabulary.results(self.data, "data triples") + date_results(graph)
        report = ValidationReport(in_report_order(report.results + results + self._source_results()))
        if extra is None and self.cache:
            self.cache.write_object("validation.pickle", report)
        return report

    def _source_results(self) -> list:
        """The checks on each data file as a source (see :mod:`sources`)."""
        from .sources import data_file_results
        return [result for path, iri in self.files.source_graphs.items()
                for result in data_file_results(path, self.files.root, self.source_graphs[iri],
                                                self.files.text(path), self.ontology)]

    def data_size(self) -> int:
        """How many triples the data holds (counted on the store; in memory when Oxigraph
        refuses a file)."""
        store = self._store_unless_refused()
        return store.count("data") if store is not None else len(self.data)

    def _store_unless_refused(self) -> ProjectStore | None:
        """The store, or None when Oxigraph refuses a file that rdflib reads (an ill-formed
        language tag, a lone surrogate…): validating in memory then reports the fault as a
        result, with its node, instead of one parse error."""
        from .store.oxigraph import StoreError
        try:
            return self.store
        except StoreError:
            return None

    def _parsed_file(self, path: Path) -> Graph:
        graph = bind_prefixes(Graph())
        return parse_rdf_text(self.files.text(path), rdf_format_for(path), str(path), into=graph)

    def sources_of(self, triple: tuple) -> list[URIRef]:
        """The sources stating ``triple`` (rdflib terms), sorted: the press release or
        editorial note (its one sc:Source node) of each source graph that holds it."""
        from .description import sources_of
        return sources_of(self.store.store, triple)

    def data_holds(self, triple: tuple) -> bool:
        """Whether the data graph holds ``triple`` (rdflib terms)."""
        import pyoxigraph
        from .store.terms import to_oxigraph
        return pyoxigraph.Quad(*map(to_oxigraph, triple), GRAPHS["data"]) in self.store.store

    def check_additions(self, paths: list[Path], *, release: URIRef | None = None,
                        max_bytes: int = DEFAULT_MAX_BYTES) -> AdditionCheck:
        """Validate the triples of ``paths`` joined to the graph (only the nodes they affect)."""
        from .additions import read_additions
        return self.check_new_triples(read_additions(paths, max_bytes), release=release)

    def check_new_triples(self, sources: list[NewTriples], *, release: URIRef | None = None) -> AdditionCheck:
        """Validate contributed files already read (see :func:`additions.read_additions`)."""
        from .additions import check_additions
        with self._parsed_queries_kept():
            return check_additions(self, sources, release)

    @cached_property
    def parsed_queries(self) -> ParsedQueries:
        """The shapes' SPARQL as this knowledge graph has parsed it (as earlier processes
        did, with the cache)."""
        from .sparql_algebra import ParsedQueries
        parsed = ParsedQueries()
        if self.cache:
            parsed.update(self.cache.read_object("parsed-queries.pickle") or {})
        return parsed

    @contextmanager
    def _parsed_queries_kept(self):
        """Keep in the cache what validating parses anew (parsing is a large part of
        validating a few new triples)."""
        known = len(self.parsed_queries)
        yield
        if self.cache and len(self.parsed_queries) > known:
            self.cache.write_object("parsed-queries.pickle", self.parsed_queries)

    # ------------------------------------------------------------ queries

    @cached_property
    def catalogue(self) -> dict[str, SavedQuery]:
        """The saved queries of the project's queries/ folder, by name."""
        return load_catalogue(self.files.queries_folder)

    def query(self, name: str, parameters: dict[str, str] | None = None, *,
              reasoning: bool | None = None, limits: Limits = Limits(),
              endpoint: Endpoint | None = None, graphs: list[str] | None = None) -> QueryResult:
        """Run a saved query, here or on ``endpoint``; ``reasoning`` None means the query's
        own default."""
        saved = find_query(self.catalogue, name)
        bindings = saved.bindings(parameters or {})
        if endpoint is None:
            self._check_nodes_known(saved, parameters or {}, bindings)
        use_reasoning = saved.reasoning if reasoning is None else reasoning
        runner = self.runner(use_reasoning, endpoint, graphs)
        return runner.run(saved.text, bindings, limits, source=str(saved.path))

    def _check_nodes_known(self, saved: SavedQuery, given: dict[str, str], bindings: dict) -> None:
        """Refuse an IRI parameter that names no node of the graph, with the nodes meant
        most likely (a wrong IRI would otherwise give an empty answer, and never says why)."""
        for parameter in saved.parameters:
            value = bindings.get(parameter.name)
            if parameter.type == "iri" and value is not None and not self.names.known(value):
                text = given.get(parameter.name, parameter.default)
                raise ParameterError(f"{parameter.name}={text}: no such node{self.names.suggestion(text)}",
                                     source=saved.name)

    def sparql(self, text: str, *, reasoning: bool = False, limits: Limits = Limits(),
               source: str = "query", endpoint: Endpoint | None = None,
               graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> QueryResult:
        """Run an ad-hoc query, read-only, with the project's prefixes predeclared. Locally,
        SERVICE and FROM are refused too; a remote server applies its own policy."""
        return self.runner(reasoning, endpoint, graphs, named_graphs).run(text, None, limits, source=source,
                                                                           prefixes=PREFIXES)

    def runner(self, reasoning: bool, endpoint: Endpoint | None = None,
               graphs: list[str] | None = None, named_graphs: list[str] | None = None) -> StoreRunner | RemoteRunner:
        """Where queries run: the project's store, or a server; either reads ``graphs`` (by
        default the graphs `publish` writes: data and ontology, plus the inferred triples
        when reasoning) as its default graph, and names to GRAPH patterns ``named_graphs``
        (by default those and the source graphs; with no graph at all, a server reads what
        it holds by default)."""
        default = [GRAPH_NAMES["data"], GRAPH_NAMES["ontology"]] + ([GRAPH_NAMES["inferred"]] if reasoning else [])
        read = default if graphs is None else graphs
        if named_graphs is not None:
            named = named_graphs
        else:
            named = [*read, *self.files.source_graphs.values()] if read else []
        if endpoint is None:
            import pyoxigraph
            from .runners import StoreRunner
            return StoreRunner(self.store, [pyoxigraph.NamedNode(iri) for iri in read],
                               [pyoxigraph.NamedNode(iri) for iri in named], self.workers)
        from .remote import RemoteRunner
        return RemoteRunner(endpoint, read, named)

    @contextmanager
    def query_workers(self, minimum: int, maximum: int):
        """Run this knowledge graph's queries, while the context lasts, in a pool of at least
        ``minimum`` and at most ``maximum`` long-lived workers holding the store open (see
        :mod:`.workers`): what a server does, instead of forking a worker for each query."""
        from .runners import evaluate
        from .workers import WorkerPool
        with WorkerPool(self.store.reopened, evaluate, minimum, maximum) as pool:
            self.workers = pool
            try:
                yield pool
            finally:
                self.workers = None

    def publish(self, endpoint: Endpoint, *, graph: str = GRAPH_NAMES["data"],
                ontology_graph: str | None = None, inferred_graph: str | None = None,
                store: str | None = None, update: str | None = None) -> list[PublishedPart]:
        """Replace named graphs on ``endpoint`` with the data, each data file's source graph
        (and the ontology, and the inferred triples, when their graphs are named), then check
        the server's counts. Source graphs of files no longer in data/ are removed."""
        parts = {graph: self.data, **self.source_graphs}
        if ontology_graph:
            parts[ontology_graph] = self.ontology
        if inferred_graph:
            parts[inferred_graph] = self.inferred
        from .publishing import publish
        return publish(endpoint, parts, store=store, update=update, replacing_all_under=SOURCE_GRAPH_BASE)

    # ------------------------------------------------------------ look-up by name

    @cached_property
    def names(self) -> NameIndex:
        """The nodes of the data and ontology graphs, with their names and classes."""
        from .lookup import NameIndex
        return NameIndex(self.store.store, [GRAPHS["data"], GRAPHS["ontology"]])

    def search(self, text: str, limit: int = SEARCH_DEFAULT_RESULTS) -> list[Match]:
        """The nodes named like ``text`` (labels and alternative labels, ignoring case and
        accents), best first."""
        return self.names.search(text, limit)

    def resolve(self, name: str) -> URIRef:
        """The node a prefixed name, IRI or exact name means (:class:`lookup.UnknownNodeError`
        with suggestions if none)."""
        return self.names.resolve(name)

    def describe(self, name_or_iri: str) -> Description:
        """The statements about a node and pointing to it, each with its sources."""
        from .description import describe
        return describe(self.store.store, self.resolve(name_or_iri))

    # ------------------------------------------------------------ publishing

    def export(self, rdf_format: str = "turtle", *, ontology: bool = False,
               inferred: bool = False) -> str:
        """The data (and optionally the ontology and the inferred triples) as RDF text: in
        TriG and N-Quads each data file in its source graph, otherwise their union."""
        from .export import serialize
        if rdf_format in DATASET_FORMATS:
            parts = dict(self.source_graphs)
        else:
            parts = {GRAPH_NAMES["data"]: self.data}
        if ontology:
            parts[GRAPH_NAMES["ontology"]] = self.ontology
        if inferred:
            parts[GRAPH_NAMES["inferred"]] = self.inferred
        return serialize(parts, rdf_format)

    def dataset_description(self, rdf_format: str | None = None, *, base_url: str | None = None):
        """The VoID and DCAT description of the data (:mod:`dataset`): a graph, or its text in
        ``rdf_format``. With ``base_url``, where a server answers: its endpoint and dumps."""
        from .dataset import dataset_description, description_text
        if rdf_format is None:
            return dataset_description(self, base_url)
        return description_text(self, rdf_format, base_url)

    def statistics(self) -> GraphStatistics:
        """Triples, entities per class and facts per release, counted on the store."""
        from .statistics import compute_statistics
        return compute_statistics(self.store)


def _reason(store, asserted, inferred) -> tuple[str, ...]:
    """Materialise the OWL 2 RL closure in the store being built; return its inconsistencies."""
    from .reasoning import materialise
    return materialise(store, asserted, inferred).inconsistencies


def add_to_project(root: Path, paths: list[Path], *, release: URIRef | None = None,
                   dry_run: bool = False, strict: bool = False,
                   max_bytes: int = DEFAULT_MAX_BYTES, use_cache: bool = True) -> tuple[AdditionCheck, AdditionPlan | None]:
    """Check the files against the current graph and, if they conform, merge them into the
    data file of their release. Holds the project's write lock throughout, so two adds run
    one after the other and each sees what the other wrote (a dry run takes the lock shared,
    if there is one, and needs no write access). Files naming several releases are refused
    before the shapes run. Returns the check and, when the triples conform, the plan that
    was written (or would be, with ``dry_run``)."""
    from .additions import data_lock, plan_addition, read_additions, stating_release, write_addition
    with data_lock(root, shared=dry_run):
        files = ProjectFiles.discover(root)
        kg = KnowledgeGraph(files, Cache(files) if use_cache else None)
        sources = read_additions(paths, max_bytes)
        stating = stating_release(sources, release)
        check = kg.check_new_triples(sources, release=release)
        if not check.report.conforms or (strict and check.report.warnings):
            return check, None
        plan = plan_addition(kg, check, stating)
        if not dry_run and len(plan.new):
            write_addition(plan)
        return check, plan
