"""SHACL validation with pyshacl, read back into plain result objects.

pyshacl never looks for focus nodes itself: each shape's targets are evaluated first (on a
pyoxigraph store, or on an rdflib graph), then pyshacl gets a copy of the shapes whose
targets are those nodes, named one by one (sh:targetNode), and only the part of the graph
those nodes need (:func:`surroundings`), in batches of bounded size. The tests show the
results are those of pyshacl on the whole graph."""

from __future__ import annotations

import json

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.paths import AlternativePath, InvPath, MulPath, Path, SequencePath

from .display import escaped, short
from .errors import SpacecoopError, UsageError
from .formats import REPORT_FORMATS
from .namespaces import bind_prefixes
from .sparql_algebra import THIS, ParsedQueries, UnreadablePattern, triple_patterns
from .store.terms import to_oxigraph, to_rdflib
from .store.view import StoreView

SEVERITY_ORDER = {SH.Violation: 0, SH.Warning: 1, SH.Info: 2}


@dataclass(frozen=True)
class ValidationResult:
    """One line of a SHACL report: which node breaks which rule, and how badly."""

    focus: Node
    path: Node | None
    value: Node | None
    component: URIRef
    severity: URIRef
    shape: Node
    message: str

    @property
    def is_violation(self) -> bool:
        return self.severity == SH.Violation


@dataclass
class ValidationReport:
    results: list[ValidationResult]

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == SH.Violation]

    @property
    def warnings(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity != SH.Violation]

    @property
    def conforms(self) -> bool:
        """True when nothing is a violation (warnings and infos do not count)."""
        return not self.violations

    def as_text(self, namespaces, locate, scope: str) -> str:
        """The report for people: a summary line ("Conforms: 0 violation(s), … ``scope``"),
        then each node with its results, terms as prefixed names (by ``namespaces``) and
        each result's place in the contributed files (``locate(result)``, or None)."""
        summary = f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s) {scope}"
        if not self.results:
            return f"Conforms: {summary}."
        lines = [("Conforms" if self.conforms else "Does not conform") + f": {summary}.", ""]
        by_focus: dict = {}
        for result in self.results:
            by_focus.setdefault(result.focus, []).append(result)
        for focus, results in by_focus.items():
            lines.append(short(focus, namespaces))
            for result in results:
                severity = short(result.severity, namespaces).removeprefix("sh:")
                shown = result.value is not None and result.value not in (result.focus, result.path)
                value = f" = {short(result.value, namespaces)}" if shown else ""
                where = locate(result)
                where = f"  ({escaped(where)})" if where else ""
                lines.append(f"  {severity:<9} {short(result.path, namespaces)}{value}{where}")
                lines.append(f"            {escaped(result.message)}  [{short(result.shape, namespaces)}]")
            lines.append("")
        return "\n".join(lines).rstrip()

    def as_json(self, locate) -> dict:
        """The report for programs: counts, and each result's terms as full IRIs or text, with
        its place in the contributed files (``locate(result)``, or None)."""
        def term(node):
            return None if node is None else str(node)
        return {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.warnings),
            "results": [
                {"focus": term(r.focus), "path": term(r.path), "value": term(r.value),
                 "component": term(r.component), "severity": term(r.severity),
                 "shape": term(r.shape), "message": r.message, "location": locate(r)}
                for r in self.results
            ],
        }

    def render(self, output_format: str, locate=lambda result: None, scope: str = "") -> str:
        """The report as text in ``output_format`` (one of formats.REPORT_FORMATS), terms named
        with the project's prefixes; ``locate`` and ``scope`` as for :meth:`as_text`."""
        if output_format == "turtle":
            return self.as_graph().serialize(format="turtle")
        if output_format == "json":
            return json.dumps(self.as_json(locate), indent=2, ensure_ascii=False) + "\n"
        if output_format == "text":
            return self.as_text(bind_prefixes(Graph()).namespace_manager, locate, scope) + "\n"
        raise UsageError(f"unknown report format {output_format!r}; choose one of "
                         f"{', '.join(REPORT_FORMATS)}", hint="format")

    def as_graph(self) -> Graph:
        """The results as a SHACL validation report graph."""
        graph = Graph()
        graph.bind("sh", SH)
        report = BNode()
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for result in self.results:
            node = BNode()
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            for predicate, value in ((SH.focusNode, result.focus), (SH.resultPath, result.path),
                                     (SH.value, result.value),
                                     (SH.sourceConstraintComponent, result.component),
                                     (SH.resultSeverity, result.severity), (SH.sourceShape, result.shape),
                                     (SH.resultMessage, Literal(result.message))):
                if value is not None:
                    graph.add((node, predicate, value))
        return graph



#: How many focus nodes one pyshacl run of a full validation takes (bounds its memory).
DEFAULT_BATCH_SIZE = 10_000
#: In a link tree (see :func:`outward_links`), the key standing for any predicate.
ANY = None
#: The link tree used when the shapes cannot be read: every triple up to three links out
#: (a SPARQL constraint going three links out: report → release → date).
BLIND_LINKS: dict = {ANY: {ANY: {ANY: {}}}}
TARGET_PREDICATES = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)

# ------------------------------------------------------------------ targets


@dataclass(frozen=True)
class ShapeTargets:
    """How one shape picks its focus nodes: nodes named in the shapes, the instances of
    classes (through rdfs:subClassOf, as pyshacl follows it), the subjects and objects of
    predicates, and SPARQL SELECT ?this queries (each written as its shape writes it, with
    its PREFIX lines)."""

    nodes: frozenset
    classes: frozenset
    subjects_of: frozenset
    objects_of: frozenset
    sparql: tuple[str, ...]

    def query(self) -> str | None:
        """The class, subjects-of and objects-of targets as one SELECT ?this, if any."""
        parts = []
        if self.classes:
            parts.append(f"{{ {_values('targetClass', self.classes)} ?this {RDF.type.n3()} ?type . "
                         f"?type {RDFS.subClassOf.n3()}* ?targetClass }}")
        if self.subjects_of:
            parts.append(f"{{ {_values('subjectsOf', self.subjects_of)} ?this ?subjectsOf ?anyValue }}")
        if self.objects_of:
            parts.append(f"{{ {_values('objectsOf', self.objects_of)} ?anySubject ?objectsOf ?this }}")
        return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }}" if parts else None


def shape_targets(shapes: Graph) -> dict[Node, ShapeTargets]:
    """The targets of every shape of ``shapes`` that has some."""
    found = {}
    for shape in _shapes_with_targets(shapes):
        classes = set(shapes.objects(shape, SH.targetClass)) | ({shape} if _is_implicit_class(shapes, shape) else set())
        found[shape] = ShapeTargets(
            frozenset(shapes.objects(shape, SH.targetNode)), frozenset(classes),
            frozenset(shapes.objects(shape, SH.targetSubjectsOf)), frozenset(shapes.objects(shape, SH.targetObjectsOf)),
            tuple(sorted(_sparql_target(shapes, shape, target) for target in shapes.objects(shape, SH.target))))
    return found


def _shapes_with_targets(shapes: Graph) -> set:
    declared = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    return {s for predicate in TARGET_PREDICATES for s in shapes.subjects(predicate, None)} | \
        {shape for shape in declared if _is_implicit_class(shapes, shape)}


def _is_implicit_class(shapes: Graph, shape: Node) -> bool:
    """Whether ``shape`` is also a class, and so targets its instances (as pyshacl decides it)."""
    classes = set(shapes.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}
    shape_types = {SH.NodeShape, SH.PropertyShape}
    types = set(shapes.objects(shape, RDF.type))
    return bool(types & shape_types) and bool(types & classes)


def _values(variable: str, terms: set) -> str:
    return f"VALUES ?{variable} {{ {' '.join(sorted(term.n3() for term in terms))} }}"


def _sparql_target(shapes: Graph, shape: Node, target: Node) -> str:
    """The text of a SPARQL target with the PREFIX lines its sh:prefixes declare."""
    selects = list(shapes.objects(target, SH.select))
    if len(selects) != 1 or (target, RDF.type, SH.SPARQLTargetType) in shapes:
        raise SpacecoopError(f"shape {shape.n3()}: only SPARQL targets with one sh:select are supported")
    prefixes = "".join(f"PREFIX {shapes.value(declaration, SH.prefix)}: <{shapes.value(declaration, SH.namespace)}>\n"
                       for holder in shapes.objects(target, SH.prefixes)
                       for declaration in shapes.objects(holder, SH.declare))
    return f"{prefixes}\n{selects[0]}"


def store_focus(store: ox.Store, graphs: Sequence[ox.NamedNode], targets: dict[Node, ShapeTargets]) -> dict[Node, set]:
    """Each shape's focus nodes, its target queries run on the union of ``graphs``."""
    found = {}
    for shape, target in targets.items():
        nodes = set(target.nodes)
        for query in filter(None, (target.query(), *target.sparql)):
            nodes.update(to_rdflib(solution["this"]) for solution in store.query(query, default_graph=list(graphs))
                         if solution["this"] is not None)
        found[shape] = nodes
    return found


def graph_focus(graph: Graph, targets: dict[Node, ShapeTargets], parsed: ParsedQueries,
                scope: set | None = None) -> dict[Node, set]:
    """Each shape's focus nodes in ``graph`` (only those in ``scope``, if given). The targets
    are evaluated by pyoxigraph on a copy of ``graph`` in memory, rdflib's engine taking
    seconds over a few thousand triples where pyoxigraph takes milliseconds (the copy holds
    literals in canonical form, as the store does); by rdflib's engine when the graph holds
    a term pyoxigraph refuses (a malformed language tag, a lone surrogate)."""
    try:
        copied = ox.Store()
        copied.extend(ox.Quad(*(to_oxigraph(term) for term in triple), ox.DefaultGraph()) for triple in graph)
        found = store_focus(copied, [ox.DefaultGraph()], targets)
    except ValueError:  # UnicodeEncodeError included
        found = {shape: set(target.nodes) | {row[THIS] for text in filter(None, (target.query(), *target.sparql))
                                             for row in graph.query(parsed.get(text)).bindings}
                 for shape, target in targets.items()}
    return found if scope is None else {shape: nodes & scope for shape, nodes in found.items()}


def _without_targets(shapes: Graph) -> Graph:
    """A copy of ``shapes`` whose shapes target nothing (not even as classes)."""
    graph = Graph()
    for triple in shapes:
        if triple[1] in TARGET_PREDICATES:
            continue
        graph.add(triple)
    for shape in _shapes_with_targets(shapes):
        if _is_implicit_class(shapes, shape):
            for kind in set(graph.objects(shape, RDF.type)) - {SH.NodeShape, SH.PropertyShape}:
                graph.remove((shape, RDF.type, kind))
    return graph


def _with_focus(untargeted: Graph, focus: dict[Node, Iterable]) -> Graph:
    """``untargeted`` with each shape targeting exactly its ``focus`` nodes."""
    graph = Graph()
    graph += untargeted
    for shape, nodes in focus.items():
        for node in nodes:
            graph.add((shape, SH.targetNode, node))
    return graph


# ------------------------------------------------------------------ running pyshacl


class _ParsedQueryGraph(Graph):
    """A view of a graph (the same store, nothing copied) whose SPARQL reuses parsed queries
    (pyshacl hands rdflib each SPARQL constraint's text for every focus node). The parsed
    queries belong to the caller, not to rdflib or to this module."""

    def __init__(self, graph: Graph, parsed: ParsedQueries):
        super().__init__(store=graph.store, identifier=graph.identifier,
                         namespace_manager=graph.namespace_manager)
        self._parsed = parsed

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str):
            query_object = self._parsed.get(query_object, kwargs.get("base"), initNs)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided,
                             **kwargs)


def _run_pyshacl(data: Graph, shapes: Graph, parsed: ParsedQueries) -> list[ValidationResult]:
    _, report_graph, _ = pyshacl.validate(
        _ParsedQueryGraph(data, parsed), shacl_graph=shapes, inference="none", advanced=True, inplace=True,
        allow_warnings=True, allow_infos=True)
    return list(_read_results(report_graph))


def validate(data: Graph, shapes: Graph, focus: set | None = None,
             parsed: ParsedQueries | None = None) -> ValidationReport:
    """Validate ``data`` (which must already hold the ontology it relies on) against ``shapes``.
    pyshacl works on ``data`` itself rather than a copy.

    With ``focus``, only those nodes are validated (what the targets select is cut to them).
    Used on graphs that fit in memory: new triples with their surroundings, the tests."""
    parsed = ParsedQueries() if parsed is None else parsed
    targets = graph_focus(data, shape_targets(shapes), parsed, focus)
    return ValidationReport(in_report_order(_run_pyshacl(data, _with_focus(_without_targets(shapes), targets),
                                                         parsed)))


def validate_store(store: ox.Store, graphs: Sequence[ox.NamedNode], ontology: Graph, shapes: Graph, *,
                   parsed: ParsedQueries | None = None, batch_size: int = DEFAULT_BATCH_SIZE) -> ValidationReport:
    """Validate the union of ``graphs`` of ``store`` (the data's and the ontology's named
    graphs: what a whole-graph validation sees) against ``shapes``: the targets are evaluated
    on the store, then pyshacl checks ``batch_size`` focus nodes at a time on the part of the
    graph they need (see :func:`surroundings`) with ``ontology`` (the ontology as an rdflib
    graph: it is small, and every part holds it). ``parsed`` keeps the shapes' SPARQL parsed
    (the caller's, to reuse across validations and processes)."""
    parsed = ParsedQueries() if parsed is None else parsed
    focus = store_focus(store, graphs, shape_targets(shapes))
    view = StoreView(store, graphs)
    fixed = fixed_terms(ontology)
    inward, links = inward_predicates(shapes, parsed), outward_links(shapes, parsed)
    shared = _shared_part(view, ontology, fixed)
    untargeted = _without_targets(shapes)
    nodes = sorted(set().union(*focus.values()), key=lambda node: (type(node).__name__, str(node)))
    results = []
    for start in range(0, len(nodes), batch_size):
        batch = set(nodes[start:start + batch_size])
        part = surroundings(view, batch, fixed, inward, links)
        part += shared
        batch_focus = {shape: found & batch for shape, found in focus.items() if found & batch}
        results.extend(_run_pyshacl(part, _with_focus(untargeted, batch_focus), parsed))
    return ValidationReport(in_report_order(results))


def validate_additions(store: ox.Store, graphs: Sequence[ox.NamedNode], new: Graph, ontology: Graph,
                       shapes: Graph, *, parsed: ParsedQueries | None = None) -> ValidationReport:
    """Validate ``new`` triples together with the data they join (the union of ``graphs`` of
    ``store``: the data's named graphs), looking only at the nodes they can affect (see
    :func:`neighbourhood`): the store is read by index lookups, and only that part, with
    ``ontology`` and ``new``, becomes an rdflib graph for pyshacl. The new triples are
    checked as written. The tests show this finds what validating everything finds."""
    parsed = ParsedQueries() if parsed is None else parsed
    view = StoreView(store, graphs, new)
    fixed = fixed_terms(ontology)
    scope, part = neighbourhood(view, new, fixed, inward_predicates(shapes, parsed), outward_links(shapes, parsed))
    part += _shared_part(StoreView(store, graphs), ontology, fixed)
    part += new
    return validate(part, shapes, scope, parsed)


def fixed_terms(ontology: Graph) -> set:
    """The terms the ontology describes (classes, properties, vocabulary concepts): shared by
    every node, never expanded as neighbours."""
    return {s for s in ontology.subjects() if isinstance(s, URIRef)}


def _shared_part(view: StoreView, ontology: Graph, fixed: set) -> Graph:
    """What every part holds: the ontology and what the graphs say about its terms."""
    graph = Graph()
    graph += ontology
    for term in fixed:
        for triple in view.triples((term, None, None)):
            graph.add(triple)
    return graph


def in_report_order(results) -> list[ValidationResult]:
    """``results`` sorted as reports list them: violations first, then by node and path."""
    return sorted(results, key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), str(r.focus), str(r.path),
                                          str(r.shape), str(r.value)))


def _read_results(report: Graph):
    for node in report.subjects(RDF.type, SH.ValidationResult):
        message = report.value(node, SH.resultMessage)
        yield ValidationResult(
            focus=report.value(node, SH.focusNode),
            path=report.value(node, SH.resultPath),
            value=report.value(node, SH.value),
            component=report.value(node, SH.sourceConstraintComponent),
            severity=report.value(node, SH.resultSeverity),
            shape=report.value(node, SH.sourceShape),
            message=str(message) if message is not None else "",
        )


# ------------------------------------------------------------------ scope and parts


def inward_predicates(shapes: Graph, parsed: ParsedQueries | None = None) -> dict[URIRef, bool] | None:
    """The predicates the shapes' constraints follow towards a focus node (``?x pred $this``
    in a SPARQL constraint, ``sh:inversePath pred`` in a property path), and those they
    follow over any number of links in either direction (``pred*``, ``pred+``), each mapped
    to whether it is followed over any number of links. Read from the parsed shapes: the
    algebra of each SPARQL constraint, the property paths. Fails closed: None (any predicate)
    when a constraint follows a link that cannot be classified (a variable predicate towards
    the focus node, a link towards a node other than the focus node, a pattern that does not
    start from the focus node, a query that is not a plain SPARQL constraint…).

    Targets are not read: a full validation evaluates them on the whole graph, an
    incremental one for the nodes in its scope."""
    parsed = ParsedQueries() if parsed is None else parsed
    found: dict[URIRef, bool] = {}
    try:
        for holder, select in shapes.subject_objects(SH.select):
            if not _is_sparql_constraint(shapes, holder) and not _is_sparql_target(shapes, holder):
                return None  # a SPARQL-based constraint component, or a form not known here
            if _is_sparql_constraint(shapes, holder):
                _merge(found, _query_links(triple_patterns(parsed.get(_prefixed(shapes, holder, select)))))
        if any(shapes.subjects(SH.ask, None)) or any(shapes.subjects(SH.js, None)):
            return None
        for path in shapes.objects(None, SH.path):
            _merge(found, _path_links(shapes, path, at_focus=True))
    except (_Unclassified, UnreadablePattern):
        return None
    return found


class _Unclassified(Exception):
    """A link the scope cannot be sure of."""


def _is_sparql_constraint(shapes: Graph, node) -> bool:
    return (None, SH.sparql, node) in shapes


def _is_sparql_target(shapes: Graph, node) -> bool:
    return (None, SH.target, node) in shapes


def _prefixed(shapes: Graph, holder, select) -> str:
    prefixes = "".join(f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
                       for p in shapes.objects(holder, SH.prefixes) for d in shapes.objects(p, SH.declare))
    return prefixes + str(select)


def _merge(found: dict, links: dict) -> None:
    for predicate, repeated in links.items():
        found[predicate] = found.get(predicate, False) or repeated


def _query_links(patterns: list[tuple]) -> dict[URIRef, bool]:
    """The inward and repeated links of a SPARQL constraint's triple patterns: starting from
    ``$this``, each pattern must leave a node already reached (outwards) or arrive at
    ``$this`` itself (inwards); anything else is unclassified."""
    links: dict[URIRef, bool] = {}
    for _, predicate, _ in patterns:
        if isinstance(predicate, Path):
            _merge(links, _repeated_in(predicate))
    reached, pending = {THIS}, list(patterns)
    while pending:
        progress = []
        for pattern in pending:
            subject, predicate, value = pattern
            if subject in reached:
                if isinstance(predicate, Path) and _has_inverse(predicate):
                    raise _Unclassified(pattern)
                reached.add(value)
            elif value == THIS:
                _merge(links, _inward(predicate))
                reached.add(subject)
            else:
                continue
            progress.append(pattern)
        if not progress:
            raise _Unclassified(pending)
        pending = [pattern for pattern in pending if pattern not in progress]
    return links


def _inward(predicate) -> dict[URIRef, bool]:
    """What a link towards ``$this`` through ``predicate`` follows."""
    if isinstance(predicate, URIRef):
        return {predicate: False}
    if isinstance(predicate, MulPath) and isinstance(predicate.path, URIRef):
        return {predicate.path: predicate.mod in "*+"}
    if isinstance(predicate, AlternativePath):
        links: dict[URIRef, bool] = {}
        for alternative in predicate.args:
            _merge(links, _inward(alternative))
        return links
    if isinstance(predicate, SequencePath):  # several links in: followed as far as they go
        return {step: True for step in _path_predicates(predicate)}
    raise _Unclassified(predicate)


def _repeated_in(path) -> dict[URIRef, bool]:
    if isinstance(path, MulPath):
        if path.mod in "*+":
            return {predicate: True for predicate in _path_predicates(path.path)}
        return _repeated_in(path.path)
    if isinstance(path, (SequencePath, AlternativePath)):
        links: dict[URIRef, bool] = {}
        for step in path.args:
            _merge(links, _repeated_in(step))
        return links
    if isinstance(path, InvPath):
        return _repeated_in(path.arg)
    return {}


def _has_inverse(path) -> bool:
    if isinstance(path, InvPath):
        return True
    if isinstance(path, MulPath):
        return _has_inverse(path.path)
    if isinstance(path, (SequencePath, AlternativePath)):
        return any(_has_inverse(step) for step in path.args)
    if isinstance(path, URIRef):
        return False
    raise _Unclassified(path)  # a negated property set, or a form not known here


def _path_predicates(path) -> set[URIRef]:
    if isinstance(path, URIRef):
        return {path}
    if isinstance(path, MulPath):
        return _path_predicates(path.path)
    if isinstance(path, InvPath):
        return _path_predicates(path.arg)
    if isinstance(path, (SequencePath, AlternativePath)):
        return set().union(*(_path_predicates(step) for step in path.args))
    raise _Unclassified(path)


def _path_links(shapes: Graph, path, at_focus: bool) -> dict[URIRef, bool]:
    """The inward and repeated links of a SHACL property path (``at_focus``: it starts at
    the focus node, so an inverse step there points towards it)."""
    if isinstance(path, URIRef):
        return {}
    if (path, RDF.first, None) in shapes:  # a sequence: only its first step starts at the focus node
        links: dict[URIRef, bool] = {}
        for number, step in enumerate(Collection(shapes, path)):
            _merge(links, _path_links(shapes, step, at_focus and number == 0))
        return links
    kinds = {p: o for p, o in shapes.predicate_objects(path)}
    if len(kinds) != 1:
        raise _Unclassified(path)
    (kind, inner), = kinds.items()
    if kind == SH.alternativePath:
        links = {}
        for step in Collection(shapes, inner):
            _merge(links, _path_links(shapes, step, at_focus))
        return links
    if kind == SH.inversePath and at_focus and isinstance(inner, URIRef):
        return {inner: False}
    if kind in (SH.zeroOrMorePath, SH.oneOrMorePath) and isinstance(inner, URIRef):
        return {inner: True}
    if kind == SH.zeroOrOnePath:
        return _path_links(shapes, inner, at_focus)
    raise _Unclassified(path)


#: Parameters of constraints that read nothing beyond the value nodes themselves, and other
#: terms of a shape that read nothing.
_LOCAL_PARAMETERS = {SH[name] for name in (
    "minCount", "maxCount", "datatype", "nodeKind", "pattern", "flags", "in", "hasValue", "languageIn",
    "uniqueLang", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "minLength", "maxLength",
    "qualifiedMinCount", "qualifiedMaxCount", "severity", "message", "name", "description", "deactivated",
    "order", "group", "defaultValue", "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
    "target", "path", "prefixes", "declare", "ignoredProperties")}
#: Constraints comparing the values of the focus node's path with those of another predicate.
_PAIR_PARAMETERS = {SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals}
#: The most nested shapes followed before giving up (recursive shapes).
_MAX_NESTING = 500


def outward_links(shapes: Graph, parsed: ParsedQueries | None = None) -> dict:
    """What the shapes read beyond a focus node's own triples, as a tree of predicates: a
    node reached through a key (a predicate, ANY for any, ``("*", predicate)`` for a
    predicate followed over any number of links) needs the outgoing triples its subtree
    names. Read from the property paths and value constraints (``sh:class`` reads the
    value's rdf:type, ``sh:node`` the value's own shape…), the SPARQL constraints' and
    targets' algebra. Fails closed: BLIND_LINKS when a part cannot be read."""
    parsed = ParsedQueries() if parsed is None else parsed
    tree: dict = {}
    seen: set = set()
    try:
        for shape in _shapes_with_targets(shapes):
            _shape_links(shapes, shape, tree, tree, seen, parsed)
            for target in shapes.objects(shape, SH.target):
                _sparql_links(shapes, target, tree, tree, parsed, targets=True)
    except (_Unclassified, UnreadablePattern):
        return BLIND_LINKS
    return tree


def _shape_links(shapes: Graph, shape, at: dict, root: dict, seen: set, parsed: ParsedQueries) -> None:
    """Add to the tree ``at`` (the focus node's place) what ``shape`` reads."""
    if (shape, id(at)) in seen:
        return
    seen.add((shape, id(at)))
    if len(seen) > _MAX_NESTING:
        raise _Unclassified(shape)
    path = shapes.value(shape, SH.path)
    values = [at] if path is None else _path_places(shapes, path, at, root)
    for parameter, value in shapes.predicate_objects(shape):
        if parameter == SH["class"]:
            for place in values:
                place.setdefault(RDF.type, {})
        elif parameter in (SH.node, SH.qualifiedValueShape, SH.property, SH["not"]):
            for place in values:
                _shape_links(shapes, value, place, root, seen, parsed)
        elif parameter in (SH["and"], SH["or"], SH.xone):
            for member in Collection(shapes, value):
                for place in values:
                    _shape_links(shapes, member, place, root, seen, parsed)
        elif parameter in _PAIR_PARAMETERS:
            at.setdefault(value, {})
        elif parameter == SH.closed:
            at.setdefault(ANY, {})
        elif parameter == SH.sparql and path is None:
            _sparql_links(shapes, value, at, root, parsed, targets=False)
        elif str(parameter).startswith(str(SH)) and parameter not in _LOCAL_PARAMETERS:
            raise _Unclassified(parameter)  # sh:sparql in a property shape, a custom component…


def _path_places(shapes: Graph, path, at: dict, root: dict) -> list[dict]:
    """The places in the tree of the nodes a SHACL property path reaches from ``at``."""
    if isinstance(path, URIRef):
        return [at.setdefault(path, {})]
    if (path, RDF.first, None) in shapes:
        places = [at]
        for step in Collection(shapes, path):
            places = [place for start in places for place in _path_places(shapes, step, start, root)]
        return places
    (kind, inner), = shapes.predicate_objects(path)
    if kind == SH.alternativePath:
        return [place for step in Collection(shapes, inner) for place in _path_places(shapes, step, at, root)]
    if kind == SH.zeroOrOnePath:
        return [at] + _path_places(shapes, inner, at, root)
    if kind in (SH.zeroOrMorePath, SH.oneOrMorePath) and isinstance(inner, URIRef):
        return [at, at.setdefault(("*", inner), {})]
    if kind == SH.inversePath and at is root:
        return [root]  # the subjects pointing to a focus node are read whole (see surroundings)
    raise _Unclassified(path)


def _sparql_links(shapes: Graph, holder, at: dict, root: dict, parsed: ParsedQueries, targets: bool) -> None:
    """Add what a SPARQL constraint (or target: ``targets``) reads from ``$this`` at ``at``.
    A node found through a link towards ``$this`` is read whole, as a root; a target's link
    towards ``?this`` is not followed (a node in an incremental scope has its own triples or
    is named by the new triples, which the part holds)."""
    patterns = triple_patterns(parsed.get(_prefixed(shapes, holder, shapes.value(holder, SH.select))))
    places: dict = {THIS: [at]}
    pending = list(patterns)
    while pending:
        progress = []
        for pattern in pending:
            subject, predicate, value = pattern
            if subject in places:
                reached = [place for start in places[subject] for place in _sparql_path_places(predicate, start)]
                places.setdefault(value, []).extend(reached)
            elif value == THIS:
                places.setdefault(subject, []).append(root)
            elif targets and (value in places or predicate == THIS):
                places.setdefault(subject, []).append(root)
                places.setdefault(value, []).append(root)
            else:
                continue
            progress.append(pattern)
        if not progress:
            raise _Unclassified(pending)
        pending = [pattern for pattern in pending if pattern not in progress]


def _sparql_path_places(predicate, at: dict) -> list[dict]:
    if isinstance(predicate, URIRef):
        return [at.setdefault(predicate, {})]
    if isinstance(predicate, Path) and not isinstance(predicate, (SequencePath, AlternativePath, MulPath)):
        raise _Unclassified(predicate)  # an inverse path, a negated property set
    if isinstance(predicate, SequencePath):
        places = [at]
        for step in predicate.args:
            places = [place for start in places for place in _sparql_path_places(step, start)]
        return places
    if isinstance(predicate, AlternativePath):
        return [place for step in predicate.args for place in _sparql_path_places(step, at)]
    if isinstance(predicate, MulPath):
        if not isinstance(predicate.path, URIRef):
            raise _Unclassified(predicate)
        if predicate.mod == "?":
            return [at, at.setdefault(predicate.path, {})]
        return [at, at.setdefault(("*", predicate.path), {})]
    return [at.setdefault(ANY, {})]  # a variable


def _expandable(fixed: set):
    def expandable(node) -> bool:
        return isinstance(node, (URIRef, BNode)) and node not in fixed
    return expandable


def neighbourhood(merged, new: Graph, fixed: set, inward: dict[URIRef, bool] | None = None,
                  links: dict = BLIND_LINKS) -> tuple[set, Graph]:
    """The nodes whose validity new triples can change, and the part of ``merged`` (the data
    with the new triples: an rdflib graph or a :class:`StoreView`) their shapes need.

    The scope: every node the new triples name (their subjects gain outgoing values, their
    objects incoming ones), plus the nodes pointing to a changed subject by a link
    their shapes follow to read one of its new predicates (a release mentioning CNES adds
    ``cnes sc:statedIn``, which no shape of a node linked to CNES reads), and the nodes
    pointing to those (rules such as "a later report is dated after the report it follows"
    look two links away); and, for an ``inward`` predicate followed over any number of links
    (``?x org:subOrganizationOf* $this``), every node those links lead to or come from, from
    a named node (a new link can close a loop of any length). The part: see
    :func:`surroundings` (``links``: see :func:`outward_links`). Ontology terms (``fixed``)
    are never expanded."""
    expandable = _expandable(fixed)
    changed_subjects = {s for s in new.subjects() if expandable(s)}
    named = changed_subjects | {o for o in new.objects() if expandable(o)}
    pointing = {s for node in changed_subjects
                for s, link, _ in merged.triples((None, None, node))
                if expandable(s) and _reads_any(links, link, set(new.predicates(node, None)))}
    pointing_further = {s for node in pointing for s in merged.subjects(None, node) if expandable(s)}
    scope = named | pointing | pointing_further
    for predicate, repeated in (inward or {}).items():
        if repeated:
            scope |= _reachable(merged, named, predicate, expandable)
            scope |= _reachable(merged, named, predicate, expandable, inwards=True)
    return scope, surroundings(merged, scope, fixed, inward, links)


def _reads_any(links: dict, link: URIRef, predicates: set) -> bool:
    """Whether the shapes of a node linked by ``link`` to another read any of ``predicates``
    of that other node (per the ``links`` tree, see :func:`outward_links`)."""
    read: set = set()
    for key, subtree in links.items():
        if key is ANY or key == link:
            if ANY in (subtree or {}):
                return True
            read.update(k[1] if isinstance(k, tuple) else k for k in (subtree or {}))
        elif isinstance(key, tuple) and key[1] == link:
            read.add(link)
            read.update(k[1] if isinstance(k, tuple) else k for k in (subtree or {}))
    return bool(read & predicates)


def surroundings(graph, nodes: set, fixed: set, inward: dict[URIRef, bool] | None,
                 links: dict = BLIND_LINKS) -> Graph:
    """The part of ``graph`` that validating ``nodes`` reads: every outgoing triple of the
    nodes and of the nodes pointing to them through an ``inward`` predicate (None means
    any), and from there the triples the ``links`` tree follows (see :func:`outward_links`).
    Ontology terms (``fixed``) are never expanded: they are shared by every node."""
    expandable = _expandable(fixed)
    roots = set(nodes)
    for predicate in [p for p, repeated in (inward or {}).items() if repeated]:
        roots |= _reachable(graph, set(nodes), predicate, expandable, inwards=True)
    for node in list(roots):
        for predicate in (ANY,) if inward is None else inward:
            roots.update(s for s in graph.subjects(predicate, node) if expandable(s))
    part = Graph()
    root_links = _merged(links, {ANY: {}}, {})
    frontier = [(node, root_links) for node in roots]
    seen: set = set()
    merges: dict = {}
    while frontier:
        node, tree = frontier.pop()
        if (node, id(tree)) in seen:
            continue
        seen.add((node, id(tree)))
        for key, child in tree.items():
            if isinstance(key, tuple):  # ("*", predicate): followed over any number of links
                for triple in _chain(graph, node, key[1], expandable):
                    part.add(triple)
                    frontier.append((triple[2], child))
                frontier.append((node, child))
        plain = [key for key in tree if not isinstance(key, tuple)]
        for predicate in (ANY,) if ANY in tree else plain:
            for triple in graph.triples((node, predicate, None)):
                part.add(triple)
                child = _merged(tree.get(ANY), tree.get(triple[1]), merges)
                if child and expandable(triple[2]):
                    frontier.append((triple[2], child))
    return part


def _merged(one: dict | None, other: dict | None, merges: dict) -> dict | None:
    """The union of two link trees (remembered in ``merges``, so that the same union is the
    same object)."""
    if not one or not other or one is other:
        return one or other
    key = (id(one), id(other))
    if key not in merges:
        merges[key] = {k: _merged(one.get(k), other.get(k), merges) for k in one.keys() | other.keys()}
    return merges[key]


def _chain(graph, start, predicate: URIRef, expandable):
    """The ``predicate`` triples met following ``predicate`` from ``start`` as far as it goes."""
    seen, frontier = {start}, [start]
    while frontier:
        node = frontier.pop()
        for triple in graph.triples((node, predicate, None)):
            yield triple
            if expandable(triple[2]) and triple[2] not in seen:
                seen.add(triple[2])
                frontier.append(triple[2])


def _reachable(graph, starts: set, predicate: URIRef, expandable, inwards: bool = False) -> set:
    """The nodes reached from ``starts`` by one or more ``predicate`` links (followed
    backwards, ``inwards``)."""
    def step(node):
        return graph.subjects(predicate, node) if inwards else graph.objects(node, predicate)
    seen, frontier = set(), set(starts)
    while frontier:
        frontier = {o for node in frontier for o in step(node) if expandable(o) and o not in seen}
        seen |= frontier
    return seen
