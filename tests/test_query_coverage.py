"""Every property the data uses is shown by at least one saved query.

The properties used are the predicates of the triples in data/ (read with rdflib); the
properties a query names are the IRIs in its parsed algebra (each ``.rq`` declares its own
prefixes), in triple patterns, property paths and VALUES blocks alike. A property only
reached through a variable predicate (``?s ?p ?o``) does not count: a query shows a
property when it asks for it by name.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDFS, SKOS, Graph, URIRef
from rdflib.namespace import FOAF
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery

from spacecoop.namespaces import PREFIXES

REPOSITORY = Path(__file__).resolve().parents[1]

#: Pure annotations, which no question is about: free-text comments, alternative names and
#: a person's name as a plain string (queries show names through rdfs:label, which every
#: labelled node has; rdf:type, rdfs:label and skos:prefLabel are named by queries anyway).
EXEMPT = {RDFS.comment, SKOS.altLabel, FOAF.name}


def used_properties(data_folder: Path) -> set[URIRef]:
    graph = Graph()
    for path in sorted(data_folder.rglob("*.ttl")):
        graph.parse(path, format="turtle")
    return set(graph.predicates(unique=True))


def _iris(node) -> set[URIRef]:
    """The IRIs anywhere in a piece of rdflib's SPARQL algebra (CompValues are dicts)."""
    if isinstance(node, URIRef):
        return {node}
    if isinstance(node, PropertyPath):
        parts = getattr(node, "args", None) or [getattr(node, "arg", None) or getattr(node, "path", None)]
        return set().union(*(_iris(part) for part in parts))
    if isinstance(node, dict):
        return set().union(set(), *(_iris(value) for value in node.values()))
    if isinstance(node, (list, tuple, set, frozenset)):
        return set().union(set(), *(_iris(value) for value in node))
    return set()


def named_properties(queries_folder: Path) -> dict[URIRef, list[str]]:
    """Each IRI the saved queries name, with the names of the queries naming it."""
    named: dict[URIRef, list[str]] = {}
    for path in sorted(queries_folder.glob("*.rq")):
        for iri in _iris(prepareQuery(path.read_text(encoding="utf-8")).algebra):
            named.setdefault(iri, []).append(path.stem)
    return named


def _compact(iri: URIRef) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return f"<{iri}>"


def test_the_scan_sees_paths_and_values():
    """The algebra walk finds IRIs in property paths and VALUES blocks, not only in triples."""
    query = ("PREFIX ex: <http://example.org/> SELECT * WHERE { VALUES ?p { ex:a } "
             "?s ?p ?o ; ex:b/^ex:c ?x ; (ex:d|ex:e) ?y }")
    found = _iris(prepareQuery(query).algebra)
    assert {URIRef(f"http://example.org/{name}") for name in "abcde"} <= found


def test_every_used_property_is_shown_by_a_saved_query():
    used = used_properties(REPOSITORY / "data")
    named = named_properties(REPOSITORY / "queries")
    missing = sorted(_compact(iri) for iri in used - EXEMPT - set(named))
    assert not missing, f"properties used in data/ that no saved query names: {', '.join(missing)}"


def test_exemptions_are_still_needed():
    """An exemption for a property the data no longer uses, or a query now names, goes."""
    used = used_properties(REPOSITORY / "data")
    named = named_properties(REPOSITORY / "queries")
    assert EXEMPT <= used
    assert not EXEMPT & set(named), "a query names an exempt property: drop the exemption"
