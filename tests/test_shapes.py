"""Tests of the SHACL shapes (shapes/*.ttl) against the shipped data and hand-made cases.

* The shipped data (data/, ontology/) conforms: no violation.
* Each file in tests/shape_cases/invalid/ adds a few triples to the shipped data and says,
  in ``# expect:`` header lines, exactly which results validation must give::

      # expect: focus=<IRI> path=<IRI or -> component=sh:MinCountConstraintComponent severity=sh:Violation shape=<IRI>

  ``focus=_:`` stands for a blank node (the only way to name one). The results of
  data + case, minus those of the shipped data alone, must be exactly that set.
* Each file in tests/shape_cases/valid/ adds triples that must bring no new result.
* Every shape with a severity is expected by at least one invalid case (a node shape
  whose only constraints are its property shapes is covered through them). Cases may also
  expect the results of the date checks made in Python (``spacecoop.date_checks``), which
  validation reports like those of shapes.
* The shapes use only real SHACL terms, every shape is documented, every target of a
  data shape has something to apply to, and every class the data uses has a shape.
* ontology/imports/reused-terms.ttl declares only terms that are used.

Validation goes through the package (``KnowledgeGraph.validate``), as the command line does.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from spacecoop import date_checks
from spacecoop.edtf import EDTF_SHAPE
from spacecoop.kg import KnowledgeGraph

REPOSITORY = Path(__file__).resolve().parents[1]
SHAPES_DIR = REPOSITORY / "shapes"
CASES_DIR = Path(__file__).resolve().parent / "shape_cases"
INVALID_CASES = sorted((CASES_DIR / "invalid").glob("*.ttl"))
VALID_CASES = sorted((CASES_DIR / "valid").glob("*.ttl"))

SC = "https://w3id.org/spacecoop/ontology#"
SCSH = "https://w3id.org/spacecoop/shapes#"
RESOURCE = "https://w3id.org/spacecoop/resource/"
SH_NS = str(SH)

#: Shapes files checked against the data (the lint file checks the ontology, also loaded).
DATA_SHAPE_FILES = ("core.ttl", "provenance.ttl", "recommendations.ttl")


class Result(NamedTuple):
    """The part of a validation result a test expectation names."""

    focus: str  # "_:" for any blank node
    path: str  # "-" when the result has no path
    component: str
    severity: str
    shape: str

    def __str__(self) -> str:
        def short(text: str) -> str:
            return text.replace(SH_NS, "sh:")

        return (f"focus=<{self.focus}> path={'-' if self.path == '-' else f'<{self.path}>'} "
                f"component={short(self.component)} severity={short(self.severity)} "
                f"shape=<{self.shape}>").replace("<_:>", "_:")


def _term_key(term) -> str:
    if term is None:
        return "-"
    if isinstance(term, BNode):
        return "_:"
    return str(term)


# --------------------------------------------------------------------------------------
# Validation through the package
# --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _knowledge_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_project(REPOSITORY)


def _validate(extra: Graph | None = None):
    report = _knowledge_graph().validate(extra)
    results = {}
    for r in report.results:
        key = Result(_term_key(r.focus), _term_key(r.path), str(r.component), str(r.severity),
                     _term_key(r.shape))
        results.setdefault(key, []).append(r.message)
    return results


@lru_cache(maxsize=1)
def _baseline() -> dict:
    return _validate()


def _describe(results) -> str:
    return "\n".join(f"  {key}\n      {' | '.join(messages)}"
                     for key, messages in sorted(results.items())) or "  (none)"


# --------------------------------------------------------------------------------------
# Case files
# --------------------------------------------------------------------------------------

_EXPECT = re.compile(r"^#\s*expect:\s*(?P<body>.*)$")
_FIELD = re.compile(r"(\w+)=(\S+)")


def _expand(value: str) -> str:
    if value in ("-", "_:"):
        return value
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    if value.startswith("sh:"):
        return SH_NS + value[3:]
    raise ValueError(f"write full IRIs in <…> (or sh:… for components and severities): {value}")


def expectations(case: Path) -> set[Result]:
    expected = set()
    for line in case.read_text(encoding="utf-8").splitlines():
        match = _EXPECT.match(line.strip())
        if not match:
            continue
        fields = dict(_FIELD.findall(match["body"]))
        missing = {"focus", "path", "component", "severity", "shape"} - fields.keys()
        assert not missing, f"{case.name}: expectation without {sorted(missing)}: {line}"
        expected.add(Result(*(_expand(fields[name]) for name in
                              ("focus", "path", "component", "severity", "shape"))))
    return expected


def _case_graph(case: Path) -> Graph:
    return Graph().parse(case, format="turtle")


# --------------------------------------------------------------------------------------
# The shipped data
# --------------------------------------------------------------------------------------

def test_shipped_data_conforms():
    results = _baseline()
    violations = {k: v for k, v in results.items() if k.severity == str(SH.Violation)}
    warnings = {k: v for k, v in results.items() if k.severity != str(SH.Violation)}
    assert not violations, (f"the shipped data breaks {len(violations)} rule(s):\n"
                            f"{_describe(violations)}\nwarnings:\n{_describe(warnings)}")


# --------------------------------------------------------------------------------------
# Invalid and valid cases
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", INVALID_CASES, ids=lambda p: p.stem)
def test_invalid_case(case: Path):
    expected = expectations(case)
    assert expected, f"{case.name} has no '# expect:' line"
    baseline = _baseline()
    results = _validate(_case_graph(case))
    actual = {k: v for k, v in results.items() if k not in baseline}
    missing = expected - actual.keys()
    unexpected = {k: v for k, v in actual.items() if k not in expected}
    assert not missing and not unexpected, (
        f"{case.name}:\nexpected but not reported:\n"
        + ("\n".join(f"  {m}" for m in sorted(missing)) or "  (none)")
        + f"\nreported but not expected:\n{_describe(unexpected)}"
        + f"\nshipped data alone:\n{_describe(baseline)}")


@pytest.mark.parametrize("case", VALID_CASES, ids=lambda p: p.stem)
def test_valid_case(case: Path):
    baseline = _baseline()
    results = _validate(_case_graph(case))
    new = {k: v for k, v in results.items() if k not in baseline}
    assert not new, f"{case.name} should add no result, but:\n{_describe(new)}"


def test_there_are_cases():
    assert len(INVALID_CASES) >= 10 and len(VALID_CASES) >= 3


# --------------------------------------------------------------------------------------
# The shapes themselves
# --------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _shapes(*names: str) -> Graph:
    graph = Graph()
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        if not names or path.name in names:
            graph.parse(path, format="turtle")
    return graph


def _shapes_with_severity(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(SH.severity, None)}


#: SHACL predicates that describe or aim a shape rather than constrain its focus nodes.
_NON_CONSTRAINTS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                    SH.target, SH.property, SH.name, SH.description, SH.message, SH.severity,
                    SH.deactivated, SH.group, SH.order, SH.path}


def _own_constraints(graph: Graph, shape) -> set:
    return {p for p in graph.predicates(shape, None)
            if str(p).startswith(SH_NS) and p not in _NON_CONSTRAINTS}


def test_every_shape_has_an_invalid_case():
    graph = _shapes()
    expected_shapes = {result.shape for case in INVALID_CASES for result in expectations(case)}
    uncovered = []
    for shape in sorted(_shapes_with_severity(graph)):
        if str(shape) in expected_shapes:
            continue
        property_shapes = set(graph.objects(shape, SH.property))
        if (not _own_constraints(graph, shape) and property_shapes
                and any(str(p) in expected_shapes for p in property_shapes)):
            continue  # a node shape grouping property shapes: covered through them
        uncovered.append(str(shape))
    assert not uncovered, "shapes no invalid case expects:\n  " + "\n  ".join(uncovered)


def test_expectations_name_existing_shapes():
    known = {str(s) for s in _shapes_with_severity(_shapes())} | {str(s) for s in date_checks.SHAPES}
    for case in INVALID_CASES:
        for result in expectations(case):
            assert result.shape in known, f"{case.name}: unknown shape {result.shape}"


def _all_sh_terms(graph: Graph) -> set[URIRef]:
    terms = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef) and str(term).startswith(SH_NS):
                terms.add(term)
    return terms


def _real_shacl_terms() -> set[URIRef]:
    """The SHACL vocabulary: the W3C shacl.ttl shipped with pyshacl (core and SPARQL),
    plus the terms rdflib lists for SH (which include SHACL-AF ones such as sh:SPARQLTarget)."""
    import pyshacl

    vocabulary = Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl.ttl")
    terms = {t for t in vocabulary.subjects() if isinstance(t, URIRef) and str(t).startswith(SH_NS)}
    terms |= {t for t in dir(SH) if isinstance(t, URIRef)}
    return terms


def test_shapes_use_only_real_shacl_terms():
    """pyshacl silently ignores a misspelt SHACL term: every sh: term must exist."""
    real = _real_shacl_terms()
    assert {SH["in"], SH["or"], SH["class"], SH.select, SH.SPARQLTarget} <= real
    for path in sorted(SHAPES_DIR.glob("*.ttl")):
        unknown = sorted(str(t) for t in _all_sh_terms(Graph().parse(path)) if t not in real)
        assert not unknown, f"{path.name} uses terms that are not SHACL: {unknown}"


def test_shape_nodes_use_only_known_vocabularies():
    """A misspelt rdfs:/sh: predicate on a shape would go unnoticed: allow only these."""
    allowed = (SH_NS, str(RDF), str(RDFS), str(OWL))
    graph = _shapes()
    for predicate in set(graph.predicates()):
        assert str(predicate).startswith(allowed), f"unexpected predicate {predicate} in shapes"
    assert set(graph.predicates()) - {RDF.type, RDF.first, RDF.rest} <= (
        _all_sh_terms(graph) | {RDFS.label, RDFS.comment}), "shapes use unexpected predicates"


def test_every_shape_is_documented():
    graph = _shapes()
    for shape in sorted(_shapes_with_severity(graph)):
        assert isinstance(shape, URIRef) and str(shape).startswith(SCSH), \
            f"shape {shape} must have an IRI in {SCSH}"
        assert graph.value(shape, SH.name), f"{shape} has no sh:name"
        assert graph.value(shape, SH.description) or graph.value(shape, RDFS.comment), \
            f"{shape} has no sh:description"
        assert graph.value(shape, SH.message), f"{shape} has no sh:message"
        assert graph.value(shape, SH.severity) in (SH.Violation, SH.Warning), \
            f"{shape} has an unknown severity"
        for sparql in graph.objects(shape, SH.sparql):
            own = graph.value(sparql, SH.message)
            assert own is None or own == graph.value(shape, SH.message), \
                f"{shape}: the SPARQL constraint's message must be the shape's message"


def test_every_property_shape_is_named():
    """Property shapes hung on a node shape are IRIs, so that results can be expected."""
    graph = _shapes()
    for shape in _shapes_with_severity(graph):
        for property_shape in graph.objects(shape, SH.property):
            assert isinstance(property_shape, URIRef), f"{shape} has an anonymous property shape"
            assert (property_shape, SH.severity, None) in graph, \
                f"{property_shape} has no sh:severity"


def test_severities_match_their_files():
    expected = {"core.ttl": SH.Violation, "provenance.ttl": SH.Violation,
                "ontology-lint.ttl": SH.Violation, "recommendations.ttl": SH.Warning}
    for name, severity in expected.items():
        graph = _shapes(name)
        wrong = sorted(str(s) for s in _shapes_with_severity(graph)
                       if graph.value(s, SH.severity) != severity)
        assert not wrong, f"{name}: shapes of the wrong severity: {wrong}"


def _sparql_prefixes(graph: Graph) -> str:
    lines = []
    for declaration in graph.objects(None, SH.declare):
        lines.append(f"PREFIX {graph.value(declaration, SH.prefix)}: "
                     f"<{graph.value(declaration, SH.namespace)}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _instances(data: Graph, cls) -> list:
    return list(data.query(
        "SELECT DISTINCT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c }",
        initBindings={"c": cls}))


def test_every_target_of_a_data_shape_applies_to_something():
    """pyshacl passes when a shape targets nothing: each class, subject-of and object-of
    target of a data shape matches the shipped data. SPARQL targets must run; those that
    pick offenders (or candidates) may select nothing in valid data."""
    data = _knowledge_graph().asserted()
    graph = _shapes(*DATA_SHAPE_FILES)
    for shape, cls in graph.subject_objects(SH.targetClass):
        assert _instances(data, cls), f"{shape}: no instance of {cls} in the shipped data"
    for shape, prop in graph.subject_objects(SH.targetSubjectsOf):
        assert (None, prop, None) in data, f"{shape}: nothing uses {prop} in the shipped data"
    for shape, prop in graph.subject_objects(SH.targetObjectsOf):
        assert (None, prop, None) in data, f"{shape}: nothing uses {prop} in the shipped data"
    prefixes = _sparql_prefixes(_shapes())
    for shape, target in _shapes().subject_objects(SH.target):
        select = _shapes().value(target, SH.select)
        assert select, f"{shape}: SPARQL target without sh:select"
        list(data.query(prefixes + str(select)))  # raises if the query is broken


def test_every_class_used_in_the_data_has_a_shape():
    data = _knowledge_graph().asserted()
    graph = _shapes(*DATA_SHAPE_FILES)
    targeted = set(graph.objects(None, SH.targetClass))
    used = {o for s, o in data.subject_objects(RDF.type)
            if str(s).startswith(RESOURCE) and str(o).startswith(SC)}
    vocabulary = {URIRef(SC + name) for name in ("Status", "EventKind", "ContributionRole", "Role",
                                                 "MissionPhase", "DatePrecision", "PartOfYear")}
    lint_targets = set(_shapes("ontology-lint.ttl").objects(None, SH.targetClass))
    missing = []
    for cls in sorted(used):
        ancestors = {row[0] for row in data.query(
            "SELECT ?a WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?a }",
            initBindings={"c": cls})}
        if ancestors & targeted or (cls in vocabulary and cls in lint_targets):
            continue
        missing.append(str(cls))
    assert not missing, "classes of the data no shape applies to:\n  " + "\n  ".join(missing)


def test_every_date_check_has_an_invalid_case():
    expected_shapes = {result.shape for case in INVALID_CASES for result in expectations(case)}
    assert {str(shape) for shape in date_checks.SHAPES} <= expected_shapes


def test_when_pattern_is_the_shape_the_date_checks_read():
    """scsh:Dated-when refuses what spacecoop.edtf does not read: the date checks report
    the rest (a day that does not exist, bounds that do not match), never the same value."""
    assert str(_shapes().value(URIRef(SCSH + "Dated-when"), SH.pattern)) == EDTF_SHAPE


def test_messages_are_plain_sentences():
    graph = _shapes()
    for shape in _shapes_with_severity(graph):
        message = str(graph.value(shape, SH.message))
        assert message[:1].isupper() and message.rstrip().endswith((".", ")")), \
            f"{shape}: write the message as a sentence: {message!r}"


# --------------------------------------------------------------------------------------
# ontology/imports/reused-terms.ttl
# --------------------------------------------------------------------------------------

def test_reused_terms_are_all_used():
    """Keep the declarations small: every external term declared is used by the
    ontology or the data (as a predicate, a class, a super-class or -property, a value)."""
    reused = Graph().parse(REPOSITORY / "ontology" / "imports" / "reused-terms.ttl")
    kg = _knowledge_graph()
    others = Graph()
    for path in kg.files.ontology + kg.files.data:
        if path.name != "reused-terms.ttl":
            others.parse(path)
    used = set(others.predicates()) | set(others.objects()) | set(others.subjects())
    declared = {s for s, t in reused.subject_objects(RDF.type)
                if isinstance(s, URIRef) and t != OWL.Ontology}
    unused = sorted(str(t) for t in declared if t not in used)
    assert not unused, f"declared in reused-terms.ttl but never used: {unused}"


def test_reused_terms_declare_no_axioms():
    """OWL 2 RL friendly: only declarations and annotations, no domains, ranges, etc."""
    reused = Graph().parse(REPOSITORY / "ontology" / "imports" / "reused-terms.ttl")
    allowed = {RDF.type, RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso}
    assert set(reused.predicates()) <= allowed
    for term, label in reused.subject_objects(RDFS.label):
        assert isinstance(label, Literal) and label.language == "en", f"{term}: label not @en"
    assert not list(reused.subjects(RDF.type, SKOS.Concept))
