"""A node's description, as linked data serves it: the statements the node makes, the
statements pointing to it, the names of the nodes they mention, and the sources of every
statement. Read from the store by index lookups (no query to parse): fast and in-process.

The sources of a statement are the sc:PressRelease or sc:EditorialNote of each source graph
holding it (one graph per data file); a statement of the ontology has the ontology itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from .display import escaped, short
from .formats import DATASET_FORMATS, DESCRIBE_MAX_INCOMING, GRAPH_NAMES, SOURCE_GRAPH_BASE
from .lookup import label_order
from .namespaces import ONTOLOGY_IRI, SC, bind_prefixes
from .store.terms import to_oxigraph, to_rdflib

#: The classes of a source: a data file's one sc:Source.
SOURCE_KINDS = (SC.PressRelease, SC.EditorialNote)
#: The properties that name a node for a reader, the preferred first.
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel)
#: What a description says about each of its sources, besides its label: what it is, its title.
SOURCE_PROPERTIES = (RDF.type, DCTERMS.title)

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_ONTOLOGY_GRAPH = GRAPH_NAMES["ontology"]


@dataclass(frozen=True)
class Statement:
    """A triple (rdflib terms), the graphs holding it (source graphs, or the ontology's
    graph) and its sources, sorted."""

    subject: Node
    predicate: URIRef
    object: Node
    graphs: tuple[str, ...]
    sources: tuple[URIRef, ...]

    @property
    def triple(self) -> tuple[Node, URIRef, Node]:
        return self.subject, self.predicate, self.object


@dataclass(frozen=True)
class Description:
    """What the graph says about ``node``: its ``statements`` (the node as subject, by
    predicate then object), ``incoming`` (the node as object, by predicate then subject; the
    first :data:`formats.DESCRIBE_MAX_INCOMING` of ``incoming_count``), the ``labels`` of the
    other nodes they mention, and the ``context`` statements that give those labels, say
    what each source is and its title, and what the blank nodes among the objects hold."""

    node: URIRef
    label: Literal | None
    classes: tuple[URIRef, ...]
    statements: tuple[Statement, ...]
    incoming: tuple[Statement, ...]
    incoming_count: int
    labels: dict[URIRef, Literal] = field(default_factory=dict)
    context: tuple[Statement, ...] = ()

    @property
    def truncated(self) -> bool:
        """Whether some statements pointing to the node were left out."""
        return len(self.incoming) < self.incoming_count

    def all_statements(self) -> list[Statement]:
        """Every statement the description holds, each once."""
        return list({statement.triple: statement
                     for statement in (*self.statements, *self.incoming, *self.context)}.values())

    def graph(self) -> Graph:
        """Every statement, and for each its sources in RDF 1.1 reification (``[] a
        rdf:Statement; rdf:subject …; rdf:predicate …; rdf:object …; prov:wasDerivedFrom
        <source>``)."""
        graph = bind_prefixes(Graph())
        for statement in self.all_statements():
            graph.add(statement.triple)
            if not statement.sources:
                continue
            reified = _statement_node(statement)
            graph.add((reified, RDF.type, RDF.Statement))
            graph.add((reified, RDF.subject, statement.subject))
            graph.add((reified, RDF.predicate, statement.predicate))
            graph.add((reified, RDF.object, statement.object))
            for source in statement.sources:
                graph.add((reified, PROV.wasDerivedFrom, source))
        return graph

    def parts(self) -> dict[str, Graph]:
        """Each statement in the graphs holding it, by graph IRI: the source graphs, and the
        ontology's graph (for TriG and N-Quads)."""
        parts: dict[str, Graph] = {}
        for statement in self.all_statements():
            for name in statement.graphs:
                if name not in parts:
                    parts[name] = bind_prefixes(Graph())
                parts[name].add(statement.triple)
        return parts

    def serialize(self, rdf_format: str) -> str:
        """The description in an export format (:data:`formats.EXPORT_FORMATS`): TriG and
        N-Quads give :meth:`parts`, the others :meth:`graph`."""
        from .export import serialize
        # the reifying blank nodes are named after their triple: only blank nodes read from
        # the store (an OWL list…) need relabelling for the text to be the same each time
        from_store = any(isinstance(term, BNode) for statement in self.all_statements() for term in statement.triple)
        if rdf_format in DATASET_FORMATS:
            return serialize(self.parts(), rdf_format, relabel_blank_nodes=from_store)
        return serialize({str(self.node): self.graph()}, rdf_format, relabel_blank_nodes=from_store)

    def text(self, namespaces) -> str:
        """A listing for people: the node, its kinds, then its statements and those
        pointing to it as ``predicate  other node  [sources]`` lines, with prefixed names
        (``namespaces``: an rdflib namespace manager) and each node's label."""
        def named(term) -> str:
            label = self.labels.get(term)
            return f"{short(term, namespaces)} ({escaped(str(label))})" if label else short(term, namespaces)

        def lines(statements, other) -> list[str]:
            rows = [(short(s.predicate, namespaces), named(other(s)),
                     ", ".join(short(source, namespaces) for source in s.sources)) for s in statements]
            width = max((len(row[0]) for row in rows), default=0)
            return [f"  {predicate.ljust(width)}  {node}  [{sources}]" for predicate, node, sources in rows]

        title = short(self.node, namespaces) + (f"  {short(self.label, namespaces)}" if self.label else "")
        kinds = ", ".join(named(kind) for kind in self.classes) or "-"
        out = [title, f"kinds: {kinds}", "", f"statements ({len(self.statements)})",
               *lines(self.statements, lambda s: s.object)]
        cut = f", the first {len(self.incoming)} shown" if self.truncated else ""
        out += ["", f"pointing here ({self.incoming_count}{cut})", *lines(self.incoming, lambda s: s.subject)]
        return "\n".join(out) + "\n"


def describe(store: ox.Store, node: URIRef, max_incoming: int = DESCRIBE_MAX_INCOMING) -> Description:
    """The description of ``node`` in the project's ``store`` (see :class:`Description`)."""
    reader = _Reader(store)
    term = ox.NamedNode(str(node))
    statements = sorted(reader.statements(term, None, None), key=lambda s: (_order(s.predicate), _order(s.object)))
    pointing = sorted(reader.statements(None, None, term), key=lambda s: (_order(s.predicate), _order(s.subject)))
    incoming = pointing[:max_incoming]
    context = reader.blank_node_closure(statements)
    mentioned = {term for s in (*statements, *incoming, *context)
                 for term in (s.subject, s.predicate, s.object) if isinstance(term, URIRef)}
    sources = {source for s in (*statements, *incoming) for source in s.sources}
    labels: dict[URIRef, Literal] = {}
    for other in sorted((mentioned | sources) - {node}):
        label = reader.label(other)
        if label is not None:
            labels[other] = label.object
            context.append(label)
    for source in sorted(sources):
        for predicate in SOURCE_PROPERTIES:
            context += reader.statements(ox.NamedNode(str(source)), ox.NamedNode(str(predicate)), None)
    own = [s for s in statements if s.predicate in LABEL_PROPERTIES and isinstance(s.object, Literal)]
    return Description(
        node=node, label=_preferred(own).object if own else None,
        classes=tuple(s.object for s in statements if s.predicate == RDF.type and isinstance(s.object, URIRef)),
        statements=tuple(statements), incoming=tuple(incoming), incoming_count=len(pointing),
        labels=labels, context=tuple(context))


def sources_of(store: ox.Store, triple: tuple) -> list[URIRef]:
    """The sources stating ``triple`` (rdflib terms), sorted: the sc:PressRelease or
    sc:EditorialNote of each source graph that holds it."""
    try:
        pattern = [to_oxigraph(term) for term in triple]
    except ValueError:  # a term no store can hold: no file states it
        return []
    holding = {quad.graph_name for quad in store.quads_for_pattern(*pattern, None)
               if _is_source_graph(quad.graph_name)}
    return sorted({source for graph in holding for source in _sources_named_in(store, graph)})


class _Reader:
    """Statements of the source graphs and the ontology graph, each with its sources (the
    sources of each graph looked up once)."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.graph_sources: dict[ox.NamedNode, tuple[URIRef, ...]] = {}

    def sources(self, graph) -> tuple[URIRef, ...] | None:
        """The sources of ``graph``, or None for a graph that is neither a source graph nor
        the ontology's (the data graph repeats the source graphs; the inferred graph states nothing)."""
        if graph not in self.graph_sources:
            if _is_source_graph(graph):
                self.graph_sources[graph] = tuple(_sources_named_in(self.store, graph))
            elif isinstance(graph, ox.NamedNode) and graph.value == _ONTOLOGY_GRAPH:
                self.graph_sources[graph] = (URIRef(ONTOLOGY_IRI),)
            else:
                self.graph_sources[graph] = None
        return self.graph_sources[graph]

    def statements(self, subject, predicate, value) -> list[Statement]:
        """The statements matching the pattern (pyoxigraph terms or None), each once."""
        found: dict[tuple, tuple[set, set]] = {}
        for quad in self.store.quads_for_pattern(subject, predicate, value, None):
            sources = self.sources(quad.graph_name)
            if sources is None:
                continue
            graphs, stated_by = found.setdefault((quad.subject, quad.predicate, quad.object), (set(), set()))
            graphs.add(quad.graph_name.value)
            stated_by.update(sources)
        return [Statement(to_rdflib(s), to_rdflib(p), to_rdflib(o), tuple(sorted(graphs)), tuple(sorted(stated_by)))
                for (s, p, o), (graphs, stated_by) in found.items()]

    def label(self, node: URIRef) -> Statement | None:
        """The statement giving ``node`` its preferred label, if it has one."""
        subject = ox.NamedNode(str(node))
        labels = [s for predicate in LABEL_PROPERTIES
                  for s in self.statements(subject, ox.NamedNode(str(predicate)), None)
                  if isinstance(s.object, Literal)]
        return _preferred(labels) if labels else None

    def blank_node_closure(self, statements: list[Statement]) -> list[Statement]:
        """What the blank nodes among the objects of ``statements`` hold, and those they
        lead to in turn (an OWL list, a restriction), sorted."""
        found: list[Statement] = []
        seen: set[BNode] = set()
        waiting = [s.object for s in statements if isinstance(s.object, BNode)]
        while waiting:
            blank = waiting.pop()
            if blank in seen:
                continue
            seen.add(blank)
            held = self.statements(to_oxigraph(blank), None, None)
            found += held
            waiting += [s.object for s in held if isinstance(s.object, BNode)]
        return sorted(found, key=lambda s: (_order(s.subject), _order(s.predicate), _order(s.object)))


def _is_source_graph(graph) -> bool:
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(SOURCE_GRAPH_BASE)


def _sources_named_in(store: ox.Store, graph: ox.NamedNode) -> list[URIRef]:
    """The sources a source graph names: the nodes it types sc:PressRelease or sc:EditorialNote."""
    return sorted({URIRef(quad.subject.value) for kind in SOURCE_KINDS
                   for quad in store.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(str(kind)), graph)
                   if isinstance(quad.subject, ox.NamedNode)})


def _preferred(labels: list[Statement]) -> Statement:
    """The label statement a reader sees first (see :func:`lookup.label_order`)."""
    return min(labels, key=lambda s: label_order(LABEL_PROPERTIES.index(s.predicate),
                                                 s.object.language or "", str(s.object)))


def _order(term) -> tuple[str, str, str, str]:
    """A sort key for any term: its text, then kind, language and datatype."""
    return (str(term), type(term).__name__, getattr(term, "language", None) or "",
            str(getattr(term, "datatype", None) or ""))


def _statement_node(statement: Statement) -> BNode:
    """The blank node reifying ``statement``: named after the triple, so the same
    description always gives the same graph."""
    text = " ".join(term.n3() for term in statement.triple)
    return BNode("s" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24])
