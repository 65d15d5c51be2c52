"""OWL 2 RL reasoning with owlrl, keeping inferred triples apart from the asserted ones."""

from __future__ import annotations

from dataclasses import dataclass, field

import owlrl
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF

from .namespaces import bind_prefixes

#: owlrl writes each inconsistency it finds as a node of this vocabulary.
OWLRL_ERRORS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


@dataclass
class Closure:
    """The outcome of reasoning: what was inferred, and the inconsistencies found."""

    inferred: Graph
    inconsistencies: list[str] = field(default_factory=list)

    @property
    def consistent(self) -> bool:
        return not self.inconsistencies


def owl_rl_closure(asserted: Graph) -> Closure:
    """Compute the OWL 2 RL closure of ``asserted`` without touching it.

    The returned graph holds only new triples, minus owlrl's bookkeeping: triples with a
    literal subject, reflexive owl:sameAs and its error-message nodes, so it can be
    published beside the data without being mistaken for it.
    """
    closed = Graph()
    closed += asserted  # owlrl expands the graph it is given, so give it a copy
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(closed)

    inconsistencies = sorted(str(message) for message in closed.objects(None, OWLRL_ERRORS.error))
    inconsistencies += sorted(f"{node} is a member of owl:Nothing"
                              for node in closed.subjects(RDF.type, OWL.Nothing))

    inferred = bind_prefixes(Graph())
    error_nodes = set(closed.subjects(RDF.type, OWLRL_ERRORS.ErrorMessage))
    for s, p, o in closed:
        if isinstance(s, Literal) or s in error_nodes or (s, p, o) in asserted:
            continue
        if p == OWL.sameAs and s == o:
            continue
        inferred.add((s, p, o))
    return Closure(inferred, inconsistencies)
