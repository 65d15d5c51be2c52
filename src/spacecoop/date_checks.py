"""Checks on dates that SHACL cannot make: every sc:when is a date of the EDTF the graph
accepts (see :mod:`edtf`), and a node's sc:earliest, sc:latest and sc:datePrecision say
what its sc:when means. A "mid-2023" date is the year with sc:partOfYear: its precision is
part of year and its bounds are the year's.

What the shapes report is not reported again: a node with no sc:when or several, a value
that is not a plain string or has not the shape of an EDTF date (scsh:Dated-when), bounds
that are not one xsd:date each or are not in order (scsh:Dated-earliest, -latest,
-boundsInOrder), a
precision or part of year that is not one concept of its scheme."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

from .display import escaped, short
from .edtf import EDTF_SHAPE, PRECISIONS, EdtfDate, parse_edtf
from .namespaces import PREFIXES, SC, SCSH, bind_prefixes
from .validation import ValidationResult, in_report_order

COMPONENT = SCSH.DateConstraintComponent
#: The pseudo-shapes of the results (a test lets shape cases expect them).
SHAPES = (SCSH.WellFormedWhen, SCSH.WhenAgreesWithBounds, SCSH.WhenAgreesWithPrecision)
TIME_PREDICATES = (SC.when, SC.earliest, SC.latest, SC.datePrecision, SC.partOfYear)

_PRECISION = PREFIXES["precision"]
_PART = PREFIXES["part"]
_SHAPE = re.compile(EDTF_SHAPE)
_NAMESPACES = bind_prefixes(Graph()).namespace_manager


def date_results(graph, nodes: Iterable | None = None) -> list[ValidationResult]:
    """The violations of the dated nodes of ``graph`` (an rdflib graph or a
    :class:`store.view.StoreView`): all its subjects of sc:when, or those of ``nodes``."""
    candidates = set(graph.subjects(SC.when, None)) if nodes is None else set(nodes)
    found = []
    for node in candidates:
        values = {predicate: set(graph.objects(node, predicate)) for predicate in TIME_PREDICATES}
        found.extend(_node_results(node, values))
    return in_report_order(found)


def _one(values: set):
    return next(iter(values)) if len(values) == 1 else None


def _node_results(node, values: dict) -> Iterable[ValidationResult]:
    when = _one(values[SC.when])
    if not _is_plain_string(when) or not _SHAPE.fullmatch(str(when)):
        return  # none, several, or not of the shape: the shapes say so
    try:
        meant = parse_edtf(str(when))
    except ValueError as error:
        yield _result(node, SC.when, when, SCSH.WellFormedWhen,
                      f'"{_quoted(when)}" is not a valid EDTF date: {error}')
        return
    yield from _bounds_results(node, when, meant, _one(values[SC.earliest]), _one(values[SC.latest]))
    yield from _precision_results(node, when, meant, _one(values[SC.datePrecision]),
                                  values[SC.partOfYear])


def _bounds_results(node, when: Literal, meant: EdtfDate, earliest, latest) -> Iterable[ValidationResult]:
    first, last = _day(earliest), _day(latest)
    if first is not None and last is not None and first > last:
        return  # out of order: scsh:Dated-boundsInOrder says so
    for predicate, given, day, verb in ((SC.earliest, first, meant.earliest, "begins"),
                                        (SC.latest, last, meant.latest, "ends")):
        if given is not None and given != day:
            value = earliest if predicate == SC.earliest else latest
            yield _result(node, predicate, value, SCSH.WhenAgreesWithBounds,
                          f'sc:when "{_quoted(when)}" {verb} on {day.isoformat()}, but {_short(predicate)} '
                          f'is {given.isoformat()}: write "{day.isoformat()}"^^xsd:date')


def _precision_results(node, when: Literal, meant: EdtfDate, given, parts: set) -> Iterable[ValidationResult]:
    if len(parts) > 1 or not all(str(p).startswith(str(_PART)) for p in parts):
        return  # several parts, or not a part: the shapes say so
    part = _one(parts)
    year = meant.precision == "year" and not meant.span
    if part is not None and not year:
        yield _result(node, SC.partOfYear, part, SCSH.WhenAgreesWithPrecision,
                      f'sc:partOfYear goes with a year in sc:when, not with "{_quoted(when)}": '
                      "remove it, or write the year")
    expected = "part-of-year" if part is not None and year else meant.precision
    name = str(given)[len(str(_PRECISION)):] if str(given).startswith(str(_PRECISION)) else None
    if name not in PRECISIONS or name == expected:
        return  # none, several or not a precision: the shapes say so
    if name == "part-of-year" and year and part is None:
        yield _result(node, SC.partOfYear, None, SCSH.WhenAgreesWithPrecision,
                      f'precision:part-of-year with the year "{_quoted(when)}" needs sc:partOfYear: '
                      "part:start, part:middle or part:end")
        return
    described = f'sc:when "{_quoted(when)}"' + (f" with {_short(part)}" if expected == "part-of-year" else "")
    yield _result(node, SC.datePrecision, given, SCSH.WhenAgreesWithPrecision,
                  f"{described} is given to the {expected.replace('-', ' ')}: "
                  f"sc:datePrecision is precision:{expected}, not precision:{name}")


def _is_plain_string(value) -> bool:
    return isinstance(value, Literal) and value.language is None and value.datatype in (None, XSD.string)


def _day(value) -> date | None:
    """The day an xsd:date literal holds, or None (not one: the shapes say so)."""
    if isinstance(value, Literal) and value.datatype == XSD.date:
        day = value.toPython()
        return day if isinstance(day, date) else None
    return None


def _quoted(value) -> str:
    return escaped(str(value), limit=60)


def _short(term: URIRef) -> str:
    return short(term, _NAMESPACES)


def _result(node, path, value, shape, message: str) -> ValidationResult:
    return ValidationResult(focus=node, path=path, value=value, component=COMPONENT,
                            severity=SH.Violation, shape=shape, message=message)
