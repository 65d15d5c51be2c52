"""Tests of how validation scales: targets evaluated on a pyoxigraph store, pyshacl given the
focus nodes one by one and only the part of the graph they need, in batches.

The reference is always pyshacl run as the SHACL processor would be, on one rdflib graph of
the whole data and ontology, finding its focus nodes itself. It is run on the triples the
store holds (the store keeps literals in canonical form: "3"^^xsd:positiveInteger as
"3"^^xsd:integer), so both sides read the same terms.

* Full validation on the store (:func:`validate_store`) gives exactly the reference's results,
  on the shipped graph and joined to every shape case, in batches small enough that each
  holds a few dozen focus nodes.
* Incremental validation on the store (:func:`validate_additions`) gives exactly what full
  validation of data + new triples gives, for every shape case and every mutation.
* The links the scope follows are read from the parsed shapes, failing closed.
* Every target selects the same nodes whether pyoxigraph or rdflib evaluates it.
* Parsed SPARQL belongs to its owner (a ParsedQueries object): nothing is shared by module.
"""

from __future__ import annotations

import pickle
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import ORG, RDF, SH
from test_additions import _PREFIXES, MUTATIONS

from spacecoop.cache import Cache
from spacecoop.formats import GRAPH_NAMES
from spacecoop.kg import KnowledgeGraph
from spacecoop.namespaces import SC, SCSH
from spacecoop.project import ProjectFiles
from spacecoop.sparql_algebra import THIS, ParsedQueries
from spacecoop.store.terms import to_oxigraph, triple_to_rdflib
from spacecoop.validation import (
    ShapeTargets,
    _read_results,
    fixed_terms,
    inward_predicates,
    neighbourhood,
    outward_links,
    shape_targets,
    store_focus,
    validate,
    validate_additions,
    validate_store,
)

REPOSITORY = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "shape_cases"
INVALID_CASES = sorted((CASES / "invalid").glob("*.ttl"))
VALID_CASES = sorted((CASES / "valid").glob("*.ttl"))
DATA = ox.NamedNode(GRAPH_NAMES["data"])
ONTOLOGY = ox.NamedNode(GRAPH_NAMES["ontology"])
#: Small enough that every graph below is validated in several batches.
SMALL_BATCH = 97


# --------------------------------------------------------------------------------------
# Stores and the reference
# --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _files() -> ProjectFiles:
    return ProjectFiles.discover(REPOSITORY)


def _parsed(paths) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return _parsed(_files().shapes)


@lru_cache(maxsize=1)
def _data_shapes() -> Graph:
    return _parsed(_files().data_shapes)


def _store(cases=(), data: Graph | None = None) -> ox.Store:
    """The shipped ontology and data (or ``data``) in their named graphs, with ``cases`` in
    the data graph."""
    store = ox.Store()
    for path in _files().ontology:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY)
    if data is None:
        for path in _files().data:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=DATA)
    else:
        store.extend(ox.Quad(*(to_oxigraph(term) for term in triple), DATA) for triple in data)
    for case in cases:
        store.load(path=str(case), format=ox.RdfFormat.TURTLE, to_graph=DATA)
    return store


def _graph(store: ox.Store, graphs=(DATA, ONTOLOGY)) -> Graph:
    """The triples of ``graphs`` as the store holds them, in one rdflib graph."""
    graph = Graph()
    for name in graphs:
        for quad in store.quads_for_pattern(None, None, None, name):
            graph.add(triple_to_rdflib(quad))
    return graph


def _reference(graph: Graph, shapes: Graph) -> Counter:
    """pyshacl on the whole of ``graph``, finding its focus nodes itself."""
    _, report, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none", advanced=True, inplace=True,
                                    allow_warnings=True, allow_infos=True)
    return Counter(map(_key, _read_results(report)))


def _key(result) -> tuple:
    def term(node) -> str:
        return "-" if node is None else "_:" if isinstance(node, BNode) else node.n3()
    return (term(result.focus), term(result.path), term(result.value), term(result.component),
            term(result.severity), term(result.shape), result.message)


def _ontology(store: ox.Store) -> Graph:
    return _graph(store, (ONTOLOGY,))


def _differences(expected: Counter, actual: Counter) -> str:
    def lines(results: Counter) -> str:
        return "\n".join(f"  {' '.join(key[:6])}" for key in sorted(results.elements())) or "  (none)"
    return f"missing:\n{lines(expected - actual)}\nunexpected:\n{lines(actual - expected)}"


# --------------------------------------------------------------------------------------
# Full validation on the store
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("cases", [(), tuple(INVALID_CASES), tuple(VALID_CASES)],
                         ids=["shipped", "every-invalid-case", "every-valid-case"])
def test_store_validation_finds_what_pyshacl_finds_on_the_whole_graph(cases):
    store = _store(cases)
    expected = _reference(_graph(store), _shapes())
    report = validate_store(store, [DATA, ONTOLOGY], _ontology(store), _shapes(), batch_size=SMALL_BATCH)
    actual = Counter(map(_key, report.results))
    assert actual == expected, _differences(expected, actual)
    if cases == tuple(INVALID_CASES):
        assert len(actual) > 150  # every shape has offences to find
    else:
        assert not actual  # the shipped data conforms, canonical literals and all


def test_a_store_holding_positive_integers_as_integers_conforms():
    """The store keeps "3"^^xsd:positiveInteger as "3"^^xsd:integer: sc:edition is an
    xsd:integer from 1, so an edition number written either way conforms, and 0 does not."""
    store = _store()
    event = ox.NamedNode("https://w3id.org/spacecoop/resource/event/iac-2022")
    edition = ox.NamedNode(str(SC.edition))
    store.remove(next(iter(store.quads_for_pattern(event, edition, None, DATA))))
    positive = ox.Literal("73", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#positiveInteger"))
    store.add(ox.Quad(event, edition, positive, DATA))
    assert next(iter(store.quads_for_pattern(event, edition, None, DATA))).object == ox.Literal(73)
    assert validate_store(store, [DATA, ONTOLOGY], _ontology(store), _shapes()).conforms
    store.remove(next(iter(store.quads_for_pattern(event, edition, None, DATA))))
    store.add(ox.Quad(event, edition, ox.Literal(0), DATA))
    results = validate_store(store, [DATA, ONTOLOGY], _ontology(store), _shapes()).results
    assert [(str(r.focus), r.path, r.component, r.shape) for r in results] == [
        (event.value, SC.edition, SH.MinInclusiveConstraintComponent, SCSH["Event-edition"])]


# --------------------------------------------------------------------------------------
# Incremental validation on the store
# --------------------------------------------------------------------------------------

def _canonical(term):
    """``term`` as a store keeps it (a literal in canonical form)."""
    if not isinstance(term, Literal):
        return term
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), to_oxigraph(term)))
    return triple_to_rdflib(next(iter(store)))[2]


def _incremental_and_full(store: ox.Store, new: Graph) -> tuple[Counter, Counter]:
    """validate_additions of ``new`` on ``store``, and full validation on the store with
    ``new`` added (results of the data shapes). The new triples are checked as written, the
    full validation reads them from the store: a value is compared in canonical form."""
    ontology = _ontology(store)
    incremental = validate_additions(store, [DATA], new, ontology, _data_shapes())
    incremental.results = [replace(result, value=_canonical(result.value)) for result in incremental.results]
    joined = ox.Store()
    joined.extend(store.quads_for_pattern(None, None, None, None))
    joined.extend(ox.Quad(*(to_oxigraph(term) for term in triple), DATA) for triple in new)
    full = validate_store(joined, [DATA, ONTOLOGY], ontology, _data_shapes())
    return Counter(map(_key, incremental.results)), Counter(map(_key, full.results))


@lru_cache(maxsize=1)
def _shipped_store() -> ox.Store:
    return _store()


@pytest.mark.parametrize("case", INVALID_CASES + VALID_CASES, ids=lambda case: f"{case.parent.name}/{case.stem}")
def test_incremental_validation_on_the_store_agrees_with_full_validation(case: Path):
    incremental, full = _incremental_and_full(_shipped_store(), Graph().parse(case, format="turtle"))
    assert incremental == full, _differences(full, incremental)
    assert bool(full) == (case.parent.name == "invalid" and not case.stem.startswith("lint-")), \
        "an invalid case breaks some data shape, a valid case none (lint cases break only lint shapes)"


@pytest.mark.parametrize("name", MUTATIONS)
def test_incremental_validation_on_the_store_agrees_on_mutations(name: str):
    text, change, expected = MUTATIONS[name]
    store = _shipped_store()
    if change is not None:
        data = _graph(store, (DATA,))
        change(data)
        store = _store(data=data)
    incremental, full = _incremental_and_full(store, Graph().parse(data=_PREFIXES + text, format="turtle"))
    resource = "<https://w3id.org/spacecoop/resource/"
    assert {(key[0][len(resource):-1], key[5][len(str(SCSH)) + 1:-1]) for key in full} == expected
    assert incremental == full, _differences(full, incremental)


# --------------------------------------------------------------------------------------
# The links the scope follows
# --------------------------------------------------------------------------------------

def test_inward_predicates_of_the_shipped_shapes():
    """Read from the shapes: scsh:Participant-postRecommended looks for a post holding
    attested at the meeting (``?holding sc:attestedAt $this``), scsh:Organisation-notOwnParent
    follows ``org:subOrganizationOf*`` back to the organisation; no property path is inverse
    and no other constraint links towards its focus node or repeats a link."""
    expected = {ORG.subOrganizationOf: True, SC.attestedAt: False}
    assert inward_predicates(_data_shapes()) == expected
    assert inward_predicates(_shapes()) == expected


_SHAPE = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <urn:ex:> .
ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; {body} .
"""


def _inward(body: str):
    return inward_predicates(Graph().parse(data=_SHAPE.format(body=body), format="turtle"))


def _sparql(select: str) -> str:
    return f'sh:sparql [ a sh:SPARQLConstraint ; sh:select """{select}""" ]'


@pytest.mark.parametrize("body, expected", [
    (_sparql("SELECT $this WHERE { $this <urn:ex:p> ?v . ?v <urn:ex:q> ?w }"), {}),
    (_sparql("SELECT $this WHERE { ?x <urn:ex:p> $this }"), {URIRef("urn:ex:p"): False}),
    (_sparql("SELECT $this WHERE { ?x <urn:ex:p>+ $this }"), {URIRef("urn:ex:p"): True}),
    (_sparql("SELECT $this WHERE { $this <urn:ex:p>/<urn:ex:q>* ?x }"), {URIRef("urn:ex:q"): True}),
    (_sparql("SELECT $this WHERE { FILTER NOT EXISTS { ?h <urn:ex:m> ?v ; <urn:ex:at> $this } "
             "$this <urn:ex:p> ?v }"), {URIRef("urn:ex:at"): False}),
    ("sh:property [ sh:path [ sh:inversePath ex:p ] ]", {URIRef("urn:ex:p"): False}),
    ("sh:property [ sh:path ( ex:p ex:q ) ; sh:minCount 1 ]", {}),
    ("sh:property [ sh:path [ sh:zeroOrMorePath ex:p ] ]", {URIRef("urn:ex:p"): True}),
    ("sh:property [ sh:path [ sh:alternativePath ( ex:p [ sh:inversePath ex:q ] ) ] ]", {URIRef("urn:ex:q"): False}),
])
def test_inward_predicates_read_from_constraints_and_paths(body, expected):
    assert _inward(body) == expected


@pytest.mark.parametrize("body", [
    _sparql("SELECT $this WHERE { ?x ?anyPredicate $this }"),  # any predicate towards the node
    _sparql("SELECT $this WHERE { $this <urn:ex:p> ?v . ?x <urn:ex:q> ?v }"),  # towards another node
    _sparql("SELECT $this WHERE { ?x <urn:ex:p> ?y }"),  # not starting from the focus node
    _sparql("SELECT $this WHERE { $this ^<urn:ex:p> ?x }"),  # an inverse path in a query
    _sparql("SELECT $this WHERE { $this !<urn:ex:p> ?x }"),  # a negated property set
    "sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ]",  # inverse away from the node
    "sh:property [ sh:path [ sh:inversePath ( ex:p ex:q ) ] ]",
    "sh:sparql [ a sh:SPARQLConstraint ; sh:ask \"ASK { $this ?p ?o }\" ]",
])
def test_links_that_cannot_be_classified_mean_any_predicate(body):
    assert _inward(body) is None


def test_a_select_outside_a_constraint_or_target_means_any_predicate():
    shapes = Graph().parse(data=_SHAPE.format(body="sh:targetNode ex:a") + """
        ex:Component a sh:ConstraintComponent ;
            sh:parameter [ sh:path ex:param ] ;
            sh:validator [ a sh:SPARQLSelectValidator ; sh:select "SELECT $this WHERE { $this ?p ?o }" ] .
        """, format="turtle")
    assert inward_predicates(shapes) is None


# --------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _graph_with_offences() -> Graph:
    return _graph(_store(tuple(INVALID_CASES)))


def _selected(graph: Graph, query) -> set:
    return {row[THIS] for row in graph.query(query).bindings}


def test_every_target_of_the_shapes_is_read():
    targets = shape_targets(_shapes())
    sparql = {text for target in targets.values() for text in target.sparql}
    assert len(sparql) == len(set(_shapes().subjects(RDF.type, SH.SPARQLTarget))) >= 15
    with_targets = {s for p in (SH.targetClass, SH.targetSubjectsOf, SH.target) for s in _shapes().subjects(p, None)}
    assert set(targets) == with_targets


def test_targets_select_the_same_nodes_with_either_engine():
    """Targets are evaluated by pyoxigraph (on the store, or on a copy of an rdflib graph):
    each selects exactly what rdflib's engine selects, the one pyshacl uses when it looks for
    focus nodes itself, on the shipped graph joined to every invalid case."""
    store = _store(tuple(INVALID_CASES))
    graph = _graph(store)
    checked = 0
    for shape, target in shape_targets(_shapes()).items():
        alone = [(target.query(), replace(target, nodes=frozenset(), sparql=()))] if target.query() else []
        alone += [(text, ShapeTargets(*(frozenset(),) * 4, (text,))) for text in target.sparql]
        for text, one in alone:
            expected = {row[THIS] for row in graph.query(text).bindings}
            assert expected, f"{shape}: the test graph should give this target something to select"
            assert store_focus(store, [DATA, ONTOLOGY], {shape: one})[shape] == expected, shape
            checked += 1
    assert checked >= 45


def test_the_resource_iri_target_uses_the_pattern_it_checks():
    """scsh:ResourceIRI's target selects the IRIs its sh:pattern refuses, with the same
    regular expression."""
    shapes = _shapes()
    pattern = str(shapes.value(SCSH.ResourceIRI, SH.pattern))
    select = str(shapes.value(shapes.value(SCSH.ResourceIRI, SH.target), SH.select))
    assert f'FILTER (!REGEX(STR(?this), "{pattern}"))'.replace("\\", "\\\\") in select


# --------------------------------------------------------------------------------------
# Parsed queries and scoped validation
# --------------------------------------------------------------------------------------

def _shape_queries(shapes: Graph):
    """Every SELECT of the shapes, with the prefixes the shapes declare for them."""
    prefixes = "".join(sorted(f"PREFIX {prefix}: <{shapes.value(declaration, SH.namespace)}>\n"
                              for declaration, prefix in shapes.subject_objects(SH.prefix)))
    return sorted(prefixes + str(select) for select in shapes.objects(None, SH.select))


def test_parsed_queries_survive_the_cache():
    """The knowledge graph can keep its ParsedQueries in the cache: unpickled, each query must
    answer exactly as the freshly parsed one does (rdflib's algebra needs help to be pickled)."""
    graph = _graph_with_offences()
    parsed = ParsedQueries()
    texts = _shape_queries(_shapes())
    assert len(texts) >= 30
    for text in texts:
        parsed.get(text)
    unpickled = pickle.loads(pickle.dumps(parsed))
    assert len(unpickled) == len(parsed) == len(texts)
    for text in texts:
        expected = {tuple(sorted(row.items())) for row in graph.query(parsed.get(text)).bindings}
        assert {tuple(sorted(row.items())) for row in graph.query(unpickled.get(text)).bindings} == expected


def test_parsed_queries_belong_to_their_owner():
    body = "SELECT ?this WHERE { ?this a sc:Meeting ; rdfs:label ?label }"
    text = "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + body
    one, other = ParsedQueries(), ParsedQueries()
    assert one.get(text) is one.get(text)
    assert one.get(text) is not other.get(text)
    assert len(one) == len(other) == 1
    other.update(one)
    assert other.get(text) is one.get(text)


def test_prefix_order_does_not_change_what_a_query_is():
    """pyshacl writes the prefixes of a shape's query in an order that changes between
    processes: the parsed query is found again whatever the order."""
    body = "SELECT ?this WHERE { ?this a sc:Meeting ; rdfs:label ?label }"
    one = "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\n" + body
    other = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX sc: <https://w3id.org/spacecoop/ontology#>\n\n" + body
    parsed = ParsedQueries()
    assert parsed.get(one) is parsed.get(other)
    redeclared = "PREFIX sc: <urn:a#>\nPREFIX sc: <https://w3id.org/spacecoop/ontology#>\n" + body
    swapped = "PREFIX sc: <https://w3id.org/spacecoop/ontology#>\nPREFIX sc: <urn:a#>\n" + body
    assert parsed.get(redeclared) is not parsed.get(swapped)


def test_a_scoped_validation_finds_what_the_whole_finds_and_leaves_rdflib_alone():
    """Validating some nodes of an rdflib graph finds exactly what validating everything
    finds about them, and rdflib's SPARQL processor is the same object afterwards."""
    from rdflib.plugins.sparql.processor import SPARQLProcessor

    original_query = SPARQLProcessor.query
    graph = _graph_with_offences()
    nodes = sorted({s for s in graph.subjects() if not isinstance(s, Literal)}, key=str)

    def results(scope):
        copied = Graph()
        copied += graph
        return {(r.focus, r.path, r.shape, r.value) for r in validate(copied, _data_shapes(), scope).results}

    everything = results(None)
    for scope in (set(nodes[::2]), set(nodes[1::2])):
        found = results(scope)
        assert found and found == {result for result in everything if result[0] in scope}
    assert SPARQLProcessor.query is original_query


def test_validations_share_no_parsed_queries():
    """Two validations each with their own ParsedQueries fill only their own."""
    store = _shipped_store()
    first, second = ParsedQueries(), ParsedQueries()
    new = Graph().parse(CASES / "invalid" / "later-reports.ttl", format="turtle")
    validate_additions(store, [DATA], new, _ontology(store), _data_shapes(), parsed=first)
    assert len(first) > 0 and len(second) == 0


def test_a_damaged_cache_entry_is_only_a_miss(project_copy):
    """A truncated or foreign pickle in the cache (another library version, a crash while
    writing) is ignored, never a crash."""
    files = ProjectFiles.discover(project_copy)
    cache = Cache(files)
    KnowledgeGraph(files, cache).validate()
    folder = cache.folder / cache.fingerprint
    (folder / "parsed-queries.pickle").write_bytes(pickle.dumps({}))  # written by the first process
    entries = sorted(folder.glob("*.pickle"))
    assert {entry.name for entry in entries} >= {"ontology.pickle", "validation.pickle",
                                                 "parsed-queries.pickle"}
    for number, entry in enumerate(entries):
        if number % 2:
            entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
        else:  # a class its writer had and this installation has not
            entry.write_bytes(b"cspacecoop_of_another_version\nGraph\n.")
    assert KnowledgeGraph(files, Cache(files)).validate().conforms


def test_a_release_mentioning_an_entity_does_not_pull_in_every_node_linked_to_it(kg):
    """A new release that names CNES adds ``cnes sc:statedIn``, which no shape of a node
    linked to CNES reads: CNES is checked, its contributions and holdings are not. A new kind
    of hardware is read by the shapes of the contributions giving it (sh:class), so those are."""
    shapes = _data_shapes()
    links, inward = outward_links(shapes), inward_predicates(shapes)
    fixed = fixed_terms(kg.ontology)
    cnes = URIRef("https://w3id.org/spacecoop/resource/organisation/cnes")
    release = URIRef("https://w3id.org/spacecoop/resource/release/2023-05-10")
    mention = Graph()
    mention.add((cnes, SC.statedIn, release))
    scope, _ = neighbourhood(kg.data, mention, fixed, inward, links)
    assert cnes in scope
    assert not scope & set(kg.data.subjects(SC.contributor, cnes))

    rover = URIRef("https://w3id.org/spacecoop/resource/hardware/mmx-rover")
    retyped = Graph()
    retyped.add((rover, RDF.type, SC.Lander))
    scope, _ = neighbourhood(kg.data, retyped, fixed, inward, links)
    assert set(kg.data.subjects(SC.item, rover)) <= scope
