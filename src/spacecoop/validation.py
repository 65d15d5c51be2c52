"""SHACL validation with pyshacl, read back into plain result objects."""

from __future__ import annotations

from dataclasses import dataclass

import pyshacl
from rdflib import Graph, Node, URIRef
from rdflib.namespace import RDF, SH

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
    report_graph: Graph

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


def validate(data: Graph, shapes: Graph) -> ValidationReport:
    """Validate ``data`` (which must already hold the ontology it relies on) against ``shapes``."""
    _, report_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True,
        allow_warnings=True, allow_infos=True)
    results = sorted(_read_results(report_graph),
                     key=lambda r: (SEVERITY_ORDER.get(r.severity, 9), str(r.focus), str(r.path),
                                    str(r.shape), str(r.value)))
    return ValidationReport(results, report_graph)


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
