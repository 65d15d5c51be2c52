"""SHACL validation with pyshacl, read back into plain result objects."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyshacl
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.graph import ReadOnlyGraphAggregate
from rdflib.namespace import RDF, SH

from .display import escaped, short
from .sparql_algebra import parsed_query, restricted_to

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


class _ShortcutGraph(Graph):
    """A view of a graph (the same store, nothing copied) whose SPARQL reuses parsed
    queries and, given ``focus`` nodes, evaluates the shapes' SPARQL targets for those nodes
    only. pyshacl hands each target's text with PREFIX lines put before it, so a target is
    known by how its text ends. The shortcut belongs to this view, not to rdflib:
    validations running side by side never see each other's."""

    def __init__(self, graph: Graph, target_texts: frozenset[str], focus: list | None):
        super().__init__(store=graph.store, identifier=graph.identifier,
                         namespace_manager=graph.namespace_manager)
        self._target_texts = target_texts
        self._focus = focus

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str):
            text = query_object
            query_object = parsed_query(text, kwargs.get("base"), initNs)
            if self._focus is not None and any(text.endswith(target) for target in self._target_texts):
                query_object = restricted_to(query_object, self._focus)
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided,
                             **kwargs)


def sparql_target_texts(shapes: Graph) -> frozenset[str]:
    """The SELECT texts of the shapes' SPARQL targets."""
    return frozenset(str(select) for target in shapes.subjects(RDF.type, SH.SPARQLTarget)
                     for select in shapes.objects(target, SH.select))


def validate(data: Graph, shapes: Graph, focus: set | None = None) -> ValidationReport:
    """Validate ``data`` (which must already hold the ontology it relies on) against ``shapes``.
    pyshacl works on ``data`` itself rather than a copy: callers hand over a graph of
    their own.

    With ``focus``, only results about those nodes are reported, and the SPARQL targets
    are evaluated for them alone."""
    ordered_focus = None if focus is None else sorted(focus, key=str)
    view = _ShortcutGraph(data, sparql_target_texts(shapes), ordered_focus)
    _, report_graph, _ = pyshacl.validate(
        view, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
        allow_warnings=True, allow_infos=True)
    return ValidationReport(in_report_order(result for result in _read_results(report_graph)
                                            if focus is None or result.focus in focus))


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


def inward_predicates(shapes: Graph) -> dict[URIRef, bool] | None:
    """The predicates SPARQL constraints follow towards their focus node (``?x pred $this``),
    each mapped to whether it is followed over any number of links (``pred*``, ``pred+``);
    None when one follows any predicate that way."""
    found: dict[URIRef, bool] = {}
    for constraint in shapes.objects(None, SH.sparql):
        for select in shapes.objects(constraint, SH.select):
            for token in re.findall(r"(\S+)\s+\$this\b", str(select)):
                if re.fullmatch(r"[?$]\w+", token):
                    return None
                if re.fullmatch(r"[A-Za-z][\w-]*:[\w-]+[*+?]?", token):
                    predicate = shapes.namespace_manager.expand_curie(token.rstrip("*+?"))
                    found[predicate] = found.get(predicate, False) or token[-1] in "*+"
    return found


def neighbourhood(merged: Graph | ReadOnlyGraphAggregate, new: Graph, fixed_terms: set,
                  inward: dict[URIRef, bool] | None = None) -> tuple[set, Graph]:
    """The nodes whose validity new triples can change, and the part of ``merged`` their
    shapes need to be checked.

    The scope: every node the new triples name (their subjects gain outgoing values, their
    objects incoming ones), plus the nodes pointing to a changed subject, and the nodes
    pointing to those (rules such as "a later report is dated after the report it follows"
    look two links away); and, for an ``inward`` predicate followed over any number of links
    (``?x org:subOrganizationOf* $this``), every node those links lead to from a named node
    (a new link can close a loop of any length). The part of the graph kept: the outgoing
    triples of the nodes in scope, of the nodes pointing to them through an ``inward``
    predicate (those the shapes read towards their focus; None means any), and of every node
    up to two links further out. Ontology terms (``fixed_terms``: classes, properties,
    vocabulary concepts) are never expanded: they are shared by every node.
    """
    def expandable(node) -> bool:
        return isinstance(node, (URIRef, BNode)) and node not in fixed_terms

    changed_subjects = {s for s in new.subjects() if expandable(s)}
    named = changed_subjects | {o for o in new.objects() if expandable(o)}
    pointing = {s for node in changed_subjects for s in merged.subjects(None, node) if expandable(s)}
    pointing_further = {s for node in pointing for s in merged.subjects(None, node) if expandable(s)}
    scope = named | pointing | pointing_further
    for predicate, repeated in (inward or {}).items():
        if repeated:
            scope |= _reachable(merged, named, predicate, expandable)

    part = Graph()
    frontier = set(scope)
    for node in scope:
        for predicate in (None,) if inward is None else inward:
            frontier.update(s for s in merged.subjects(predicate, node) if expandable(s))
    for _ in range(3):  # the scope's own triples, then two links out
        reached = set()
        for node in frontier:
            for triple in merged.triples((node, None, None)):
                part.add(triple)
                if expandable(triple[2]):
                    reached.add(triple[2])
        frontier = reached
    return scope, part


def _reachable(graph, starts: set, predicate: URIRef, expandable) -> set:
    """The nodes reached from ``starts`` by one or more ``predicate`` links."""
    reached, frontier = set(), set(starts)
    while frontier:
        frontier = {o for node in frontier for o in graph.objects(node, predicate)
                    if expandable(o) and o not in reached}
        reached |= frontier
    return reached


def validate_additions(data: Graph, new: Graph, ontology: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``new`` triples together with the ``data`` they join, looking only at the
    nodes they can affect (see :func:`neighbourhood`); the tests show this finds the same
    results as validating everything."""
    merged = ReadOnlyGraphAggregate([data, new])  # read through, not copied
    fixed_terms = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    scope, part = neighbourhood(merged, new, fixed_terms, inward_predicates(shapes))
    part += ontology
    return validate(part, shapes, scope)
