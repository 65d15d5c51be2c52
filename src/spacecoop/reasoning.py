"""OWL 2 RL reasoning materialised on the store, kept apart from the asserted triples.

The rules of the OWL 2 RL profile (W3C, "OWL 2 Profiles", section 4.3: tables 4 to 9) are
SPARQL updates run on the store until none adds a triple. The closure of the asserted named
graphs goes into a separate named graph holding only triples that are not asserted.

Left out on purpose, as the project ran owlrl before (axiomatic_triples=False,
datatype_axioms=False, reflexive owl:sameAs dropped): the datatype rules (dt-*), the
RDF/RDFS/OWL axiomatic triples, and eq-ref (``x owl:sameAs x`` for every term). The rules
with an empty body (cls-thing, cls-nothing1, prp-ap) are kept, as owlrl keeps them.

Evaluation is semi-naive: after the first round, a rule runs once for each of its body
patterns that matches a triple added in the previous round, reading that pattern from those
new triples only; a rule whose patterns cannot all match is skipped (the triggers).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Callable, Iterable

import pyoxigraph as ox
from rdflib import Graph

from .namespaces import bind_prefixes
from .store.terms import triple_to_rdflib

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_OWL = "http://www.w3.org/2002/07/owl#"
PREFIXES = {"rdf": _RDF, "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": _OWL}
_FIRST, _REST, _NIL = (ox.NamedNode(_RDF + name) for name in ("first", "rest", "nil"))
_INVERSE_OF = ox.NamedNode(_OWL + "inverseOf")
_LIST = "rdf:rest*/rdf:first"


@dataclass(frozen=True)
class Closure:
    """The outcome of reasoning: how many triples were inferred, the inconsistencies found
    (plain sentences, sorted) and the number of rounds to the fixpoint."""

    inferred: int
    inconsistencies: tuple[str, ...] = ()
    rounds: int = 0

    @property
    def consistent(self) -> bool:
        return not self.inconsistencies


@dataclass(frozen=True)
class Rule:
    """One OWL 2 RL rule with a single triple in its head.

    ``atoms`` are the body's triple patterns (each may be read from the last round's new
    triples); ``extra`` holds list paths and filters, always read from the whole closure.
    """

    name: str
    head: str
    atoms: tuple[str, ...]
    extra: str = ""


def _rule(name: str, head: str, *atoms: str, extra: str = "") -> Rule:
    return Rule(name, head, atoms, extra)


# A reflexive axiom (p rdfs:subPropertyOf p, c owl:equivalentClass c: scm-op and scm-cls
# write one for every property and class) only gives back the triple it reads: skip it.
_DISTINCT_P = "FILTER(!sameTerm(?p1, ?p2))"
_DISTINCT_C = "FILTER(!sameTerm(?c1, ?c2))"

#: The OWL 2 RL rules whose body is fixed (the list-driven chains and keys are generated).
RULES: tuple[Rule, ...] = (
    # Table 4: equality (eq-ref left out)
    _rule("eq-sym", "?y owl:sameAs ?x", "?x owl:sameAs ?y"),
    _rule("eq-trans", "?x owl:sameAs ?z", "?x owl:sameAs ?y", "?y owl:sameAs ?z"),
    _rule("eq-rep-s", "?s2 ?p ?o", "?s owl:sameAs ?s2", "?s ?p ?o"),
    _rule("eq-rep-p", "?s ?p2 ?o", "?p owl:sameAs ?p2", "?s ?p ?o"),
    _rule("eq-rep-o", "?s ?p ?o2", "?o owl:sameAs ?o2", "?s ?p ?o"),
    # Table 5: properties (prp-spo2 and prp-key are generated from their lists)
    _rule("prp-ap", "owl:deprecated a owl:AnnotationProperty"),
    _rule("prp-ap", "owl:versionInfo a owl:AnnotationProperty"),
    _rule("prp-ap", "owl:priorVersion a owl:AnnotationProperty"),
    _rule("prp-ap", "owl:backwardCompatibleWith a owl:AnnotationProperty"),
    _rule("prp-ap", "owl:incompatibleWith a owl:AnnotationProperty"),
    _rule("prp-ap", "rdfs:label a owl:AnnotationProperty"),
    _rule("prp-ap", "rdfs:comment a owl:AnnotationProperty"),
    _rule("prp-ap", "rdfs:seeAlso a owl:AnnotationProperty"),
    _rule("prp-ap", "rdfs:isDefinedBy a owl:AnnotationProperty"),
    _rule("prp-dom", "?x a ?c", "?p rdfs:domain ?c", "?x ?p ?y"),
    _rule("prp-rng", "?y a ?c", "?p rdfs:range ?c", "?x ?p ?y"),
    _rule("prp-fp", "?y1 owl:sameAs ?y2", "?p a owl:FunctionalProperty", "?x ?p ?y1", "?x ?p ?y2"),
    _rule("prp-ifp", "?x1 owl:sameAs ?x2",
          "?p a owl:InverseFunctionalProperty", "?x1 ?p ?y", "?x2 ?p ?y"),
    _rule("prp-symp", "?y ?p ?x", "?p a owl:SymmetricProperty", "?x ?p ?y"),
    _rule("prp-trp", "?x ?p ?z", "?p a owl:TransitiveProperty", "?x ?p ?y", "?y ?p ?z"),
    _rule("prp-spo1", "?x ?p2 ?y", "?p1 rdfs:subPropertyOf ?p2", "?x ?p1 ?y", extra=_DISTINCT_P),
    _rule("prp-eqp1", "?x ?p2 ?y", "?p1 owl:equivalentProperty ?p2", "?x ?p1 ?y", extra=_DISTINCT_P),
    _rule("prp-eqp2", "?x ?p1 ?y", "?p1 owl:equivalentProperty ?p2", "?x ?p2 ?y", extra=_DISTINCT_P),
    _rule("prp-inv1", "?y ?p2 ?x", "?p1 owl:inverseOf ?p2", "?x ?p1 ?y"),
    _rule("prp-inv2", "?y ?p1 ?x", "?p1 owl:inverseOf ?p2", "?x ?p2 ?y"),
    # Table 6: classes
    _rule("cls-thing", "owl:Thing a owl:Class"),
    _rule("cls-nothing1", "owl:Nothing a owl:Class"),
    _rule("cls-int1", "?y a ?c", "?c owl:intersectionOf ?l", "?l rdf:first ?c1", "?y a ?c1",
          extra=f"FILTER NOT EXISTS {{ ?l {_LIST} ?ci FILTER NOT EXISTS {{ ?y a ?ci }} }}"),
    _rule("cls-int2", "?y a ?ci", "?c owl:intersectionOf ?l", "?y a ?c", extra=f"?l {_LIST} ?ci ."),
    _rule("cls-uni", "?y a ?c", "?c owl:unionOf ?l", "?y a ?ci", extra=f"?l {_LIST} ?ci ."),
    _rule("cls-svf1", "?u a ?x", "?x owl:someValuesFrom ?y", "?x owl:onProperty ?p",
          "?u ?p ?v", "?v a ?y"),
    _rule("cls-svf2", "?u a ?x", "?x owl:someValuesFrom owl:Thing", "?x owl:onProperty ?p",
          "?u ?p ?v"),
    _rule("cls-avf", "?v a ?y", "?x owl:allValuesFrom ?y", "?x owl:onProperty ?p",
          "?u a ?x", "?u ?p ?v"),
    _rule("cls-hv1", "?u ?p ?y", "?x owl:hasValue ?y", "?x owl:onProperty ?p", "?u a ?x"),
    _rule("cls-hv2", "?u a ?x", "?x owl:hasValue ?y", "?x owl:onProperty ?p", "?u ?p ?y"),
    _rule("cls-maxc2", "?y1 owl:sameAs ?y2", "?x owl:maxCardinality ?n", "?x owl:onProperty ?p",
          "?u a ?x", "?u ?p ?y1", "?u ?p ?y2", extra="FILTER(?n = 1)"),
    _rule("cls-maxqc3", "?y1 owl:sameAs ?y2", "?x owl:maxQualifiedCardinality ?n",
          "?x owl:onProperty ?p", "?x owl:onClass ?c", "?u a ?x", "?u ?p ?y1", "?y1 a ?c",
          "?u ?p ?y2", "?y2 a ?c", extra="FILTER(?n = 1)"),
    _rule("cls-maxqc4", "?y1 owl:sameAs ?y2", "?x owl:maxQualifiedCardinality ?n",
          "?x owl:onProperty ?p", "?x owl:onClass owl:Thing", "?u a ?x", "?u ?p ?y1",
          "?u ?p ?y2", extra="FILTER(?n = 1)"),
    _rule("cls-oo", "?y a ?c", "?c owl:oneOf ?l", extra=f"?l {_LIST} ?y ."),
    # Table 7: class axioms
    _rule("cax-sco", "?x a ?c2", "?c1 rdfs:subClassOf ?c2", "?x a ?c1", extra=_DISTINCT_C),
    _rule("cax-eqc1", "?x a ?c2", "?c1 owl:equivalentClass ?c2", "?x a ?c1", extra=_DISTINCT_C),
    _rule("cax-eqc2", "?x a ?c1", "?c1 owl:equivalentClass ?c2", "?x a ?c2", extra=_DISTINCT_C),
    # Table 9: schema vocabulary
    _rule("scm-cls", "?c rdfs:subClassOf ?c", "?c a owl:Class"),
    _rule("scm-cls", "?c owl:equivalentClass ?c", "?c a owl:Class"),
    _rule("scm-cls", "?c rdfs:subClassOf owl:Thing", "?c a owl:Class"),
    _rule("scm-cls", "owl:Nothing rdfs:subClassOf ?c", "?c a owl:Class"),
    _rule("scm-sco", "?c1 rdfs:subClassOf ?c3", "?c1 rdfs:subClassOf ?c2", "?c2 rdfs:subClassOf ?c3"),
    _rule("scm-eqc1", "?c1 rdfs:subClassOf ?c2", "?c1 owl:equivalentClass ?c2"),
    _rule("scm-eqc1", "?c2 rdfs:subClassOf ?c1", "?c1 owl:equivalentClass ?c2"),
    _rule("scm-eqc2", "?c1 owl:equivalentClass ?c2", "?c1 rdfs:subClassOf ?c2", "?c2 rdfs:subClassOf ?c1"),
    _rule("scm-op", "?p rdfs:subPropertyOf ?p", "?p a owl:ObjectProperty"),
    _rule("scm-op", "?p owl:equivalentProperty ?p", "?p a owl:ObjectProperty"),
    _rule("scm-dp", "?p rdfs:subPropertyOf ?p", "?p a owl:DatatypeProperty"),
    _rule("scm-dp", "?p owl:equivalentProperty ?p", "?p a owl:DatatypeProperty"),
    _rule("scm-spo", "?p1 rdfs:subPropertyOf ?p3",
          "?p1 rdfs:subPropertyOf ?p2", "?p2 rdfs:subPropertyOf ?p3"),
    _rule("scm-eqp1", "?p1 rdfs:subPropertyOf ?p2", "?p1 owl:equivalentProperty ?p2"),
    _rule("scm-eqp1", "?p2 rdfs:subPropertyOf ?p1", "?p1 owl:equivalentProperty ?p2"),
    _rule("scm-eqp2", "?p1 owl:equivalentProperty ?p2",
          "?p1 rdfs:subPropertyOf ?p2", "?p2 rdfs:subPropertyOf ?p1"),
    _rule("scm-dom1", "?p rdfs:domain ?c2", "?p rdfs:domain ?c1", "?c1 rdfs:subClassOf ?c2"),
    _rule("scm-dom2", "?p1 rdfs:domain ?c", "?p2 rdfs:domain ?c", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-rng1", "?p rdfs:range ?c2", "?p rdfs:range ?c1", "?c1 rdfs:subClassOf ?c2"),
    _rule("scm-rng2", "?p1 rdfs:range ?c", "?p2 rdfs:range ?c", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-hv", "?c1 rdfs:subClassOf ?c2", "?c1 owl:hasValue ?i", "?c1 owl:onProperty ?p1",
          "?c2 owl:hasValue ?i", "?c2 owl:onProperty ?p2", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-svf1", "?c1 rdfs:subClassOf ?c2", "?c1 owl:someValuesFrom ?y1", "?c1 owl:onProperty ?p",
          "?c2 owl:someValuesFrom ?y2", "?c2 owl:onProperty ?p", "?y1 rdfs:subClassOf ?y2"),
    _rule("scm-svf2", "?c1 rdfs:subClassOf ?c2", "?c1 owl:someValuesFrom ?y", "?c1 owl:onProperty ?p1",
          "?c2 owl:someValuesFrom ?y", "?c2 owl:onProperty ?p2", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-avf1", "?c1 rdfs:subClassOf ?c2", "?c1 owl:allValuesFrom ?y1", "?c1 owl:onProperty ?p",
          "?c2 owl:allValuesFrom ?y2", "?c2 owl:onProperty ?p", "?y1 rdfs:subClassOf ?y2"),
    _rule("scm-avf2", "?c2 rdfs:subClassOf ?c1", "?c1 owl:allValuesFrom ?y", "?c1 owl:onProperty ?p1",
          "?c2 owl:allValuesFrom ?y", "?c2 owl:onProperty ?p2", "?p1 rdfs:subPropertyOf ?p2"),
    _rule("scm-int", "?c rdfs:subClassOf ?ci", "?c owl:intersectionOf ?l", extra=f"?l {_LIST} ?ci ."),
    _rule("scm-uni", "?ci rdfs:subClassOf ?c", "?c owl:unionOf ?l", extra=f"?l {_LIST} ?ci ."),
)

#: The rules that only read and write the schema (and the axiomatic ones, with no body).
SCHEMA_RULES = tuple(rule for rule in RULES if rule.name.startswith("scm-") or not rule.atoms)


# --- rules generated from the lists the store holds (prp-spo2, prp-key) ---------------------

def _list_atoms(list_var: str, members: list[str], prefix: str) -> list[str]:
    """Triple patterns matching an rdf:List whose members are the given patterns' terms."""
    atoms, node = [], list_var
    for index, member in enumerate(members):
        following = f"?{prefix}{index + 1}" if index + 1 < len(members) else "rdf:nil"
        atoms += [f"{node} rdf:first {member}", f"{node} rdf:rest {following}"]
        node = following
    return atoms


@dataclass(frozen=True)
class _Step:
    """A property chain or key member: the term matching it in its list, the patterns that
    name it, and the property it follows, forwards or (for ``[ owl:inverseOf p ]``) back."""

    term: str
    naming: tuple[str, ...]
    prop: str
    inverse: bool

    def link(self, start: str, end: str) -> str:
        return f"{end} {self.prop} {start}" if self.inverse else f"{start} {self.prop} {end}"


def _step(store: ox.Store, graphs: list, member, index: int) -> _Step | None:
    """How a chain or key member reads; None if it is neither an IRI nor an inverse of one."""
    if isinstance(member, ox.NamedNode):
        return _Step(str(member), (), str(member), False)
    inverse = _objects(store, graphs, member, _INVERSE_OF)
    if len(inverse) == 1 and isinstance(inverse[0], ox.NamedNode):
        return _Step(f"?inv{index}", (f"?inv{index} owl:inverseOf {inverse[0]}",), str(inverse[0]), True)
    return None


def _steps(store: ox.Store, graphs: list, members: list) -> list[_Step] | None:
    steps = [_step(store, graphs, member, index) for index, member in enumerate(members)]
    return steps if steps and None not in steps else None


def _chain_rule(store: ox.Store, graphs: list, members: list) -> Rule | None:
    """prp-spo2 for the property chains ``?p owl:propertyChainAxiom (p1 … pn)``."""
    steps = _steps(store, graphs, members)
    if steps is None:
        return None
    atoms = ["?p owl:propertyChainAxiom ?m0", *_list_atoms("?m0", [s.term for s in steps], "m")]
    for index, step in enumerate(steps):
        atoms += [*step.naming, step.link(f"?u{index}", f"?u{index + 1}")]
    return Rule("prp-spo2", f"?u0 ?p ?u{len(steps)}", tuple(atoms))


def _key_rule(store: ox.Store, graphs: list, members: list) -> Rule | None:
    """prp-key for the keys ``?c owl:hasKey (p1 … pn)``."""
    steps = _steps(store, graphs, members)
    if steps is None:
        return None
    atoms = ["?c owl:hasKey ?m0", *_list_atoms("?m0", [s.term for s in steps], "m"), "?x a ?c", "?y a ?c"]
    for index, step in enumerate(steps):
        atoms += [*step.naming, step.link("?x", f"?z{index}"), step.link("?y", f"?z{index}")]
    return Rule("prp-key", "?x owl:sameAs ?y", tuple(atoms))


def _objects(store: ox.Store, graphs: list, subject, predicate) -> list:
    return list({quad.object for graph in graphs
                 for quad in store.quads_for_pattern(subject, predicate, None, graph)})


def _list_members(store: ox.Store, graphs: list, node) -> list | None:
    """The members of the rdf:List at ``node``, or None if it is not a well-formed list."""
    members, seen = [], set()
    while node != _NIL:
        firsts, rests = _objects(store, graphs, node, _FIRST), _objects(store, graphs, node, _REST)
        if node in seen or len(firsts) != 1 or len(rests) != 1:
            return None
        seen.add(node)
        members.append(firsts[0])
        node = rests[0]
    return members


def _list_rules(store: ox.Store, graphs: list) -> set[Rule]:
    """prp-spo2 and prp-key rules for the chains and keys the store holds now."""
    makers = {"owl:propertyChainAxiom": _chain_rule, "owl:hasKey": _key_rule}
    rules = set()
    for axiom, make in makers.items():
        heads = store.query(f"SELECT DISTINCT ?l WHERE {{ ?s {axiom} ?l }}", prefixes=PREFIXES,
                            default_graph=graphs)
        for solution in heads:
            members = _list_members(store, graphs, solution["l"])
            rule = make(store, graphs, members) if members else None
            if rule is not None:
                rules.add(rule)
    return rules


# --- running the rules ----------------------------------------------------------------------

def _head_filter(head: str) -> str:
    """Keep a rule from writing what cannot or need not be stored: a literal or blank node
    where an IRI must be, a literal subject, a reflexive owl:sameAs."""
    subject, predicate, obj = head.split()
    tests = []
    if subject.startswith("?"):
        tests.append(f"!isLiteral({subject})")
    if predicate.startswith("?"):
        tests.append(f"isIRI({predicate})")
        tests.append(f"(!sameTerm({predicate}, owl:sameAs) || !sameTerm({subject}, {obj}))")
    elif predicate == "owl:sameAs":
        tests.append(f"!sameTerm({subject}, {obj})")
    return f"FILTER({' && '.join(tests)})" if tests else ""


@dataclass(frozen=True)
class _Run:
    """The graphs of one materialisation: read from ``reads``, write to ``inferred`` and
    ``fresh`` (this round's new triples); ``delta`` holds the previous round's. In a first
    round, when everything is new, ``fresh`` is ``inferred`` itself (no copy of the closure
    is written) and the next round reads all of ``inferred`` as its delta."""

    store: ox.Store
    reads: list
    inferred: ox.NamedNode
    delta: ox.NamedNode
    fresh: ox.NamedNode
    scratch: tuple[ox.NamedNode, ox.NamedNode]

    def apply(self, rule: Rule, delta_atom: int | None) -> None:
        """Run ``rule``, reading its atom number ``delta_atom`` from the previous round's new
        triples (None: read everything). The matches are made distinct before the closure is
        asked whether it holds them (many matches give the same triple)."""
        body = "\n".join(f"GRAPH {self.delta} {{ {atom} }}" if index == delta_atom else f"{atom} ."
                         for index, atom in enumerate(rule.atoms))
        using = "\n".join(f"USING {graph}" for graph in self.reads)
        if delta_atom is not None:
            using += f"\nUSING NAMED {self.delta}"
        targets = dict.fromkeys((self.inferred, self.fresh))
        insert = " ".join(f"GRAPH {graph} {{ {rule.head} }}" for graph in targets)
        variables = " ".join(dict.fromkeys(term for term in rule.head.split() if term.startswith("?")))
        self.store.update(
            f"INSERT {{ {insert} }}\n{using}\nWHERE {{\n"
            f"{{ SELECT DISTINCT {variables or '*'} WHERE {{\n{body}\n{rule.extra}\n{_head_filter(rule.head)}\n}} }}\n"
            f"FILTER NOT EXISTS {{ {rule.head} }}\n}}", prefixes=PREFIXES)

    def following(self) -> _Run:
        """The run of the next round: this round's new triples become its delta, and a
        scratch graph emptied now takes the new ones."""
        spare = next(graph for graph in self.scratch if graph != self.fresh)
        self.clear(spare)
        return replace(self, delta=self.fresh, fresh=spare)

    def matches(self, atom: str, graph: ox.NamedNode | None = None) -> bool:
        pattern = f"GRAPH {graph} {{ {atom} }}" if graph else atom
        return bool(self.store.query(f"ASK {{ {pattern} }}", prefixes=PREFIXES, default_graph=self.reads))

    def size(self, graph: ox.NamedNode) -> int:
        result = self.store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")
        return int(next(iter(result))["n"].value)

    def clear(self, graph: ox.NamedNode) -> None:
        self.store.update(f"DROP SILENT GRAPH {graph}")


def _round(run: _Run, rules: Iterable[Rule], known: set[Rule], lists_changed: bool) -> None:
    """One round: each rule new to the run (or reading a changed list) runs on everything,
    the others once per atom that matches the previous round's new triples."""
    present: dict[str, bool] = {}

    def matches(atom: str) -> bool:
        if atom not in present:
            present[atom] = run.matches(atom)
        return present[atom]

    in_delta = {}
    for rule in rules:
        if not all(matches(atom) for atom in rule.atoms):
            continue
        if rule not in known or (lists_changed and "rdf:rest" in rule.extra):
            run.apply(rule, None)
            continue
        for index, atom in enumerate(rule.atoms):
            if atom not in in_delta:
                in_delta[atom] = run.matches(atom, run.delta)
            if in_delta[atom]:
                run.apply(rule, index)


def _fixpoint(run: _Run, rules_of: Callable[[], list[Rule]]) -> tuple[_Run, int]:
    """Run rounds of ``rules_of()`` until one adds nothing; the run as it ends, and the rounds.
    The first round writes into the inferred graph alone, which the second reads as its delta."""
    run = replace(run, delta=run.inferred, fresh=run.inferred)
    known: set[Rule] = set()
    rounds, lists_changed = 0, False
    while True:
        rules = rules_of()
        before = run.size(run.inferred)
        _round(run, rules, known, lists_changed)
        known.update(rules)
        rounds += 1
        if run.size(run.inferred) == before:
            return run, rounds
        lists_changed = run.matches("?l rdf:rest ?m", run.fresh)
        run = run.following()


def materialise(store: ox.Store, asserted: list[ox.NamedNode], inferred: ox.NamedNode) -> Closure:
    """Write the OWL 2 RL closure of the ``asserted`` named graphs into the named graph
    ``inferred`` (cleared first), without the triples already asserted, and report the
    inconsistencies the closure shows. The asserted graphs are not changed.

    The schema rules reach their own fixpoint first, in a graph of their own, so that the
    rules on the data start from a closed schema and their first round's new triples are
    what the inferred graph holds (the second round reads them as its delta)."""
    if inferred in asserted:
        raise ValueError("the inferred graph must not be one of the asserted graphs")
    scratch = f"urn:uuid:{uuid.uuid4()}"
    schema, *spares = (ox.NamedNode(f"{scratch}#{name}") for name in ("schema", "a", "b"))
    run = _Run(store, [*asserted, schema, inferred], schema, schema, schema, tuple(spares))
    run.clear(inferred)
    try:
        _fixpoint(run, lambda: list(SCHEMA_RULES))
        run = replace(run, inferred=inferred)
        _, rounds = _fixpoint(run, lambda: [*RULES, *sorted(_list_rules(store, run.reads), key=str)])
        store.update(f"ADD {schema} TO {inferred}")
    finally:
        for graph in (schema, *spares):
            run.clear(graph)
    reads = [*asserted, inferred]
    return Closure(run.size(inferred), inconsistencies(store, reads), rounds)


# --- inconsistencies (the OWL 2 RL rules whose head is "false") -----------------------------

@dataclass(frozen=True)
class Check:
    """An OWL 2 RL rule concluding "false": the pattern, and the sentence for each match."""

    name: str
    where: str
    message: Callable[[dict[str, str]], str]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _same_and_different(m: dict[str, str]) -> str:
    a, b = _pair(m["x"], m["y"])
    return f"{a} and {b} are the same individual but are declared different"


def _disjoint_classes(m: dict[str, str]) -> str:
    a, b = _pair(m["c1"], m["c2"])
    return f"{m['x']} is a member of both {a} and {b}, which are disjoint"


def _disjoint_properties(m: dict[str, str]) -> str:
    a, b = _pair(m["p1"], m["p2"])
    return f"{m['x']} is related to {m['y']} by both {a} and {b}, which are disjoint properties"


def _asymmetric(m: dict[str, str]) -> str:
    a, b = _pair(m["x"], m["y"])
    return f"{a} and {b} are related both ways by {m['p']}, which is asymmetric"


def _none_allowed(m: dict[str, str]) -> str:
    of = f" of {m['c']}" if "c" in m else ""
    return (f"{m['u']} has the value {m['y']}{of} for {m['p']} but is a member of {m['x']}, "
            "which allows none")


def _negated(m: dict[str, str]) -> str:
    return f"{m['i1']} is related to {m['i2']} by {m['p']}, which a negative property assertion denies"


_MEMBERS = f"?l {_LIST}"

CHECKS: tuple[Check, ...] = (
    Check("eq-diff1", "?x owl:sameAs ?y . ?x owl:differentFrom ?y .", _same_and_different),
    Check("eq-diff2/3", f"?d a owl:AllDifferent ; owl:members|owl:distinctMembers ?l . "
          f"{_MEMBERS} ?x . {_MEMBERS} ?y . ?x owl:sameAs ?y . FILTER(!sameTerm(?x, ?y))",
          _same_and_different),
    Check("prp-irp", "?p a owl:IrreflexiveProperty . ?x ?p ?x .",
          lambda m: f"{m['x']} is related to itself by {m['p']}, which is irreflexive"),
    Check("prp-asyp", "?p a owl:AsymmetricProperty . ?x ?p ?y . ?y ?p ?x .", _asymmetric),
    Check("prp-pdw", "?p1 owl:propertyDisjointWith ?p2 . ?x ?p1 ?y . ?x ?p2 ?y .", _disjoint_properties),
    Check("prp-adp", f"?d a owl:AllDisjointProperties ; owl:members ?l . {_MEMBERS} ?p1 . "
          f"{_MEMBERS} ?p2 . FILTER(!sameTerm(?p1, ?p2)) ?x ?p1 ?y . ?x ?p2 ?y .", _disjoint_properties),
    Check("prp-npa1", "?n owl:sourceIndividual ?i1 ; owl:assertionProperty ?p ; "
          "owl:targetIndividual ?i2 . ?i1 ?p ?i2 .", _negated),
    Check("prp-npa2", "?n owl:sourceIndividual ?i1 ; owl:assertionProperty ?p ; "
          "owl:targetValue ?i2 . ?i1 ?p ?i2 .", _negated),
    Check("cls-nothing2", "?x a owl:Nothing .", lambda m: f"{m['x']} is a member of owl:Nothing"),
    Check("cls-com", "?c1 owl:complementOf ?c2 . ?x a ?c1 , ?c2 .",
          lambda m: f"{m['x']} is a member of both {m['c1']} and its complement {m['c2']}"),
    Check("cls-maxc1", "?x owl:maxCardinality ?n ; owl:onProperty ?p . FILTER(?n = 0) "
          "?u a ?x ; ?p ?y .", _none_allowed),
    Check("cls-maxqc1", "?x owl:maxQualifiedCardinality ?n ; owl:onProperty ?p ; owl:onClass ?c . "
          "FILTER(?n = 0) ?u a ?x ; ?p ?y . ?y a ?c .", _none_allowed),
    Check("cls-maxqc2", "?x owl:maxQualifiedCardinality ?n ; owl:onProperty ?p ; "
          "owl:onClass owl:Thing . FILTER(?n = 0) ?u a ?x ; ?p ?y .", _none_allowed),
    Check("cax-dw", "?c1 owl:disjointWith ?c2 . ?x a ?c1 , ?c2 .", _disjoint_classes),
    Check("cax-adc", f"?d a owl:AllDisjointClasses ; owl:members ?l . {_MEMBERS} ?c1 . "
          f"{_MEMBERS} ?c2 . FILTER(!sameTerm(?c1, ?c2)) ?x a ?c1 , ?c2 .", _disjoint_classes),
)


def inconsistencies(store: ox.Store, graphs: list) -> tuple[str, ...]:
    """The inconsistencies the triples of ``graphs`` (asserted and inferred) show, sorted."""
    found = set()
    for check in CHECKS:
        solutions = store.query(f"SELECT * WHERE {{ {check.where} }}", prefixes=PREFIXES,
                                default_graph=graphs)
        names = [variable.value for variable in solutions.variables]
        for solution in solutions:
            found.add(check.message({name: str(solution[name]) for name in names
                                     if solution[name] is not None}))
    return tuple(sorted(found))


def inferred_graph(store: ox.Store, inferred: ox.NamedNode) -> Graph:
    """The triples of the named graph ``inferred`` as an rdflib graph (for export, publish)."""
    graph = bind_prefixes(Graph())
    for quad in store.quads_for_pattern(None, None, None, inferred):
        graph.add(triple_to_rdflib(quad))
    return graph
