"""Look-up by name: search, resolve with "did you mean", and a node's description with the
sources of each statement, in the core and on the command line."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from spacecoop.cli import main
from spacecoop.description import describe
from spacecoop.errors import UsageError
from spacecoop.formats import GRAPH_NAMES, SEARCH_MAX_RESULTS, SEARCH_MAX_TEXT, SOURCE_GRAPH_BASE
from spacecoop.lookup import NameIndex, UnknownNodeError, normalised
from spacecoop.namespaces import ONTOLOGY_IRI, SC, expand_iri
from spacecoop.saved_queries import ParameterError

RELEASE_2016 = expand_iri("release:2016-07-22")
RELEASE_2020 = expand_iri("release:2020-10-22")
RELEASE_2021 = expand_iri("release:2021-02-25")
RELEASE_2022 = expand_iri("release:2022-07-01")
MMX = expand_iri("mission:mmx")


def nodes(matches) -> list[str]:
    return [str(match.node) for match in matches]


def iri(name: str) -> str:
    return str(expand_iri(name))


# ---------------------------------------------------------------- search

def test_normalised_drops_accents_case_and_punctuation():
    assert normalised("Raphaël  SART") == "raphael sart"
    assert normalised("Jean-Yves Le Gall") == "jean yves le gall"
    assert normalised("Centre national d'études spatiales") == "centre national d etudes spatiales"


@pytest.mark.parametrize("text", ["raphael", "Raphaël", "RAPHAEL SART", "raphaël-sart"])
def test_search_ignores_accents_and_case(kg, text):
    first = kg.search(text)[0]
    assert str(first.node) == iri("person:raphael-sart")
    assert first.label == first.name == "Raphaël Sart"
    assert first.classes == (SC.Person,)


def test_search_finds_a_name_by_its_words(kg):
    matches = kg.search("le gall")
    assert nodes(matches)[0] == iri("person:jean-yves-le-gall")
    # then Le Gall's post holdings, each named after him: every match holds both words
    assert len(matches) == 5
    assert all("le gall" in normalised(match.name) for match in matches)


def test_search_ranks_exact_then_start_then_words(kg):
    """The mission named MMX, then the names starting with "MMX" (shortest first), then
    the names that have MMX as a word further on."""
    found = nodes(kg.search("mmx"))
    assert found[:3] == [iri("mission:mmx"), iri("hardware:mmx-rover"), iri("event:mmx-departure-2024")]
    starting = [match.name.startswith("MMX") for match in kg.search("mmx")]
    assert starting == sorted(starting, reverse=True) and starting.count(True) == 7
    assert iri("hardware:mmx-spectrometer") in found[7:]  # "CNES spectrometer for MMX"


def test_search_by_alternative_label_and_abbreviation(kg):
    moons = kg.search("martian moons")[0]
    assert (str(moons.node), moons.label, moons.name) == (iri("mission:mmx"), "MMX", "Martian Moons Exploration")
    assert nodes(kg.search("Hayabusa 2"))[0] == iri("mission:hayabusa2")  # alias "Hayabusa-2"
    jaxa = kg.search("jaxa")[0]
    assert (str(jaxa.node), jaxa.label) == (iri("organisation:jaxa"), "Japan Aerospace Exploration Agency")


def test_search_by_prefixed_name_or_iri_gives_that_node_first(kg):
    assert nodes(kg.search("mission:mmx"))[0] == iri("mission:mmx")
    assert nodes(kg.search(iri("person:naoki-okumura")))[0] == iri("person:naoki-okumura")


def test_search_finds_close_spellings(kg):
    assert nodes(kg.search("okumra"))[0] == iri("person:naoki-okumura")
    assert nodes(kg.search("Yamakwa"))[0] == iri("person:hiroshi-yamakawa")


def test_search_is_capped_and_deterministic(kg):
    assert kg.search("a", limit=3) == kg.search("a", limit=3)
    assert len(kg.search("a", limit=10_000)) == SEARCH_MAX_RESULTS


@pytest.mark.parametrize("text", ["", "   ", "--"])
def test_search_for_nothing_is_a_usage_error(kg, text):
    with pytest.raises(Exception) as caught:
        kg.search(text)
    assert caught.value.kind == "usage"


def test_search_text_longer_than_the_cap_is_a_usage_error(kg):
    """Each character of the text costs time against every name: a server must not be held up."""
    assert nodes(kg.search("Naoki Okumura " + " " * (SEARCH_MAX_TEXT - 14)))[0] == iri("person:naoki-okumura")
    with pytest.raises(UsageError, match=f"at most {SEARCH_MAX_TEXT} characters long, not {SEARCH_MAX_TEXT + 1}"):
        kg.search("x" * (SEARCH_MAX_TEXT + 1))


def test_search_limit_below_one_is_a_usage_error(kg):
    with pytest.raises(Exception) as caught:
        kg.search("mmx", limit=0)
    assert caught.value.kind == "usage"


def small_index(turtle: str) -> NameIndex:
    store = ox.Store()
    graph = ox.NamedNode("https://example.org/graph")
    store.load(turtle.encode("utf-8"), ox.RdfFormat.TURTLE, to_graph=graph)
    return NameIndex(store, [graph])


def test_search_ties_main_label_before_alternative_then_shorter_then_iri():
    index = small_index("""
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://example.org/b> skos:altLabel "Centre national d'études spatiales" ; rdfs:label "B" .
        <https://example.org/a> rdfs:label "Centre national d'études spatiales"@fr .
        <https://example.org/d> rdfs:label "Agence des études spatiales" .
        <https://example.org/c> rdfs:label "Agence des études spatiales" .
        <https://example.org/e> rdfs:label "Études spatiales et techniques avancées" .
    """)
    assert nodes(index.search("centre national d'etudes spatiales")) == [
        "https://example.org/a", "https://example.org/b"]
    assert nodes(index.search("etudes spatiales")) == [
        "https://example.org/e",  # starts with the words
        "https://example.org/c", "https://example.org/d",  # hold them: same name, by IRI
        "https://example.org/a", "https://example.org/b"]  # longer name, then an alternative label


# ---------------------------------------------------------------- known, resolve

def test_known_nodes_are_subjects_predicates_or_objects(kg):
    for name in ("mission:mmx", "sc:partner", "country:japan", "sc:SampleReturnMission"):
        assert kg.names.known(expand_iri(name)), name
    assert kg.names.known(URIRef(ONTOLOGY_IRI))
    assert not kg.names.known(expand_iri("person:naoki-okumra"))
    assert not kg.names.known(URIRef(GRAPH_NAMES["data"]))  # a graph's name, not a node


@pytest.mark.parametrize("name, node", [
    ("mission:mmx", "mission:mmx"),
    (" <https://w3id.org/spacecoop/resource/mission/mmx> ", "mission:mmx"),
    ("https://w3id.org/spacecoop/resource/mission/mmx", "mission:mmx"),
    ("Naoki Okumura", "person:naoki-okumura"),
    ("raphael sart", "person:raphael-sart"),
    ("Martian Moons Exploration", "mission:mmx"),
    ("JAXA", "organisation:jaxa"),
    ("Tokyo", "place:tokyo"),
])
def test_resolve(kg, name, node):
    assert kg.resolve(name) == expand_iri(node)


@pytest.mark.parametrize("name, message", [
    ("person:naoki-okumra", "no such node person:naoki-okumra; did you mean person:naoki-okumura?"),
    ("person:okumura", "no such node person:okumura; did you mean person:naoki-okumura?"),
    ("person:le-gall", "no such node person:le-gall; did you mean person:jean-yves-le-gall?"),
    ("sc:partnr", "no such node sc:partnr; did you mean sc:partner, sc:party, sc:partOfYear?"),
    ("person:zzzzzz", "no such node person:zzzzzz; search by name to find it"),
    ("xyzzy", "no node is named 'xyzzy'; search by name to find it"),
    ("person", "no single node is named 'person': prov:Person, foaf:Person, sc:Person; "
               "give the one meant by its prefixed name or IRI"),
])
def test_resolve_unknown_says_what_was_meant(kg, name, message):
    with pytest.raises(UnknownNodeError) as caught:
        kg.resolve(name)
    assert str(caught.value) == message
    assert caught.value.kind == "not-found"


def test_resolve_a_mistyped_namespace_compares_whole_iris(kg):
    with pytest.raises(UnknownNodeError) as caught:
        kg.resolve("https://w3id.org/spacecoop/resource/mision/mmx")
    assert str(caught.value).startswith("no such node https://w3id.org/spacecoop/resource/mision/mmx; "
                                        "did you mean mission:mmx")


def test_resolve_a_text_suggests_the_nearest_names(kg):
    with pytest.raises(UnknownNodeError) as caught:
        kg.resolve("Naoki Okumra")
    assert str(caught.value).startswith("no node is named 'Naoki Okumra'; did you mean person:naoki-okumura")


# ---------------------------------------------------------------- query parameters

def test_query_parameter_naming_no_node_is_refused_with_a_suggestion(kg):
    with pytest.raises(ParameterError) as caught:
        kg.query("posts-of-person", {"person": "person:naoki-okumra"})
    assert str(caught.value) == ("posts-of-person: person=person:naoki-okumra: no such node; "
                                 "did you mean person:naoki-okumura?")
    assert caught.value.kind == "usage"


def test_query_parameter_naming_a_node_runs(kg):
    result = kg.query("sources-of-statement", {"subject": "mission:mmx", "predicate": "sc:partner",
                                               "object": "organisation:dlr"})
    assert [str(row[result.variables.index("source")]) for row in result.rows] == [str(RELEASE_2021)]


def test_every_saved_query_default_names_a_node(kg):
    for saved in kg.catalogue.values():
        for parameter in saved.parameters:
            if parameter.type == "iri" and parameter.default:
                assert kg.names.known(expand_iri(parameter.default)), (saved.name, parameter.name)


# ---------------------------------------------------------------- describe

@pytest.fixture(scope="module")
def mmx(kg):
    return kg.describe("mission:mmx")


def statement(description, subject, predicate, value):
    triple = tuple(expand_iri(term) if isinstance(term, str) else term for term in (subject, predicate, value))
    found = [s for s in description.all_statements() if s.triple == triple]
    assert found, triple
    return found[0]


def test_describe_gives_each_statement_its_sources(mmx):
    # DLR is a partner of MMX in the 2021 release only; Japan is MMX's country in 2016, 2020 and
    # 2021; Deimos a target in 2022 only; what MMX is, the editors' note on missions says
    assert statement(mmx, "mission:mmx", "sc:partner", "organisation:dlr").sources == (RELEASE_2021,)
    assert statement(mmx, "mission:mmx", "sc:partner", "organisation:dlr").graphs == (
        SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference",)
    assert statement(mmx, "mission:mmx", "sc:country", "country:japan").sources == (
        RELEASE_2016, RELEASE_2020, RELEASE_2021)
    assert statement(mmx, "mission:mmx", "sc:targetBody", "body:deimos").sources == (RELEASE_2022,)
    assert statement(mmx, "mission:mmx", "sc:targetBody", "body:phobos").sources == (
        RELEASE_2020, RELEASE_2021, RELEASE_2022)
    assert statement(mmx, "mission:mmx", "rdf:type", "sc:SampleReturnMission").sources == (
        expand_iri("source:entities-missions"),)
    assert (mmx.node, mmx.label, mmx.classes) == (MMX, Literal("MMX", lang="en"), (SC.SampleReturnMission,))


def test_describe_gives_the_statements_pointing_to_the_node(mmx):
    assert statement(mmx, "contribution:2021-02-25-cnes-dlr-mmx-rover", "sc:toMission", "mission:mmx").sources == (
        RELEASE_2021,)
    assert statement(mmx, "hardware:mmx-rover", "sc:partOfMission", "mission:mmx").sources == (
        RELEASE_2021, RELEASE_2022)
    # two status reports, four meetings, four events, two pieces of hardware, five contributions
    assert mmx.incoming_count == len(mmx.incoming) == 17 and not mmx.truncated
    assert all(s.object == MMX for s in mmx.incoming)


def test_describe_orders_statements(mmx):
    assert [(str(s.predicate), str(s.object)) for s in mmx.statements] == sorted(
        (str(s.predicate), str(s.object)) for s in mmx.statements)
    assert [(str(s.predicate), str(s.subject)) for s in mmx.incoming] == sorted(
        (str(s.predicate), str(s.subject)) for s in mmx.incoming)


def test_describe_names_every_node_it_mentions(mmx):
    assert mmx.labels[expand_iri("organisation:dlr")] == Literal("DLR", lang="en")
    assert mmx.labels[expand_iri("body:phobos")] == Literal("Phobos", lang="en")
    assert mmx.labels[SC.partner] == Literal("partner", lang="en")
    assert mmx.labels[RELEASE_2021] == Literal("CNES press release of 25 February 2021", lang="en")
    assert str(mmx.labels[expand_iri("hardware:mmx-rover")]) == "MMX rover"


def test_describe_an_ontology_term_has_the_ontology_as_source(kg):
    partner = kg.describe("sc:partner")
    assert partner.statements and all(s.sources == (URIRef(ONTOLOGY_IRI),) for s in partner.statements)
    assert all(s.graphs == (GRAPH_NAMES["ontology"],) for s in partner.statements)


def test_describe_cuts_the_statements_pointing_to_the_node(kg):
    whole = describe(kg.store.store, SC.Person)
    cut = describe(kg.store.store, SC.Person, max_incoming=3)
    assert cut.truncated and cut.incoming == whole.incoming[:3]
    assert cut.incoming_count == whole.incoming_count > 17  # 17 people, and the ontology's mentions


def test_describe_graph_reifies_every_statement_with_its_sources(mmx):
    graph = Graph().parse(data=mmx.serialize("turtle"), format="turtle")
    reified = {}
    for node in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object))
        reified[triple] = tuple(sorted(graph.objects(node, PROV.wasDerivedFrom)))
    statements = {s.triple: s.sources for s in mmx.all_statements()}
    assert reified == statements
    plain = {triple for triple in graph if not (graph.value(triple[0], RDF.type) == RDF.Statement)}
    assert plain == set(statements)
    # the sources are named: what each is, and its title
    assert (RELEASE_2021, RDF.type, SC.PressRelease) in graph
    assert (expand_iri("source:entities-missions"), RDF.type, SC.EditorialNote) in graph
    assert (RELEASE_2022, DCTERMS.title, Literal(
        "France-Japan space cooperation – Exploration, Earth observation and launchers on the agenda",
        lang="en")) in graph
    assert (MMX, SKOS.altLabel, Literal("Martian Moons Exploration", lang="en")) in graph


def test_describe_parts_are_the_source_graphs(mmx):
    parts = mmx.parts()
    assert parts and all(name.startswith(SOURCE_GRAPH_BASE) or name == GRAPH_NAMES["ontology"] for name in parts)
    dlr = (MMX, SC.partner, expand_iri("organisation:dlr"))
    assert [name for name, part in parts.items() if dlr in part] == [
        SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference"]
    dataset = ox.Store()
    dataset.load(mmx.serialize("nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    assert {graph.value for graph in dataset.named_graphs()} == set(parts)


def test_describe_an_unknown_node(kg):
    with pytest.raises(UnknownNodeError):
        kg.describe("mission:mmy")


# ---------------------------------------------------------------- command line

def run(repository, *args):
    return CliRunner().invoke(main, ["--project", str(repository), "--no-cache", *args], catch_exceptions=False)


def test_cli_describe_text(repository):
    result = run(repository, "describe", "mission:mmx")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ['mission:mmx  "MMX"', "kinds: sc:SampleReturnMission (sample return mission)"]
    assert "  sc:partner       organisation:dlr (DLR)  [release:2021-02-25]" in lines
    assert ("  sc:country       country:japan (Japan)  [release:2016-07-22, release:2020-10-22, "
            "release:2021-02-25]") in lines
    assert "pointing here (17)" in lines


def test_cli_describe_by_name_in_turtle(repository):
    result = run(repository, "describe", "Naoki Okumura", "--format", "turtle")
    assert result.exit_code == 0
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (expand_iri("person:naoki-okumura"), RDF.type, SC.Person) in graph


def test_cli_describe_unknown_node(repository):
    result = run(repository, "describe", "person:naoki-okumra")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "spacecoop: no such node person:naoki-okumra; did you mean person:naoki-okumura?\n"


def test_cli_query_parameter_naming_no_node(repository):
    result = run(repository, "query", "posts-of-person", "--param", "person=person:naoki-okumra")
    assert result.exit_code == 2
    assert result.stderr == ("spacecoop: posts-of-person: person=person:naoki-okumra: no such node; "
                             "did you mean person:naoki-okumura?\n")


def test_cli_search_table_and_json(repository):
    result = run(repository, "search", "le gall", "--limit", "2")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].split() == ["node", "label", "matched", "kinds"] and len(rows) == 4
    assert rows[2].split() == ["person:jean-yves-le-gall", "Jean-Yves", "Le", "Gall", "sc:Person"]
    result = run(repository, "search", "raphael", "--format", "json")
    found = json.loads(result.stdout)
    assert found[0] == {"node": iri("person:raphael-sart"), "label": "Raphaël Sart", "name": "Raphaël Sart",
                        "classes": [str(SC.Person)]}


def test_cli_search_errors(repository):
    blank = run(repository, "search", "  ")
    assert blank.exit_code == 2 and blank.stderr == "spacecoop: give a name to search for (letters or digits)\n"
    assert run(repository, "search", "mmx", "--limit", "0").exit_code == 2
    nothing = run(repository, "search", "zzzqqq")
    assert nothing.exit_code == 0 and nothing.stdout == ""
    assert nothing.stderr == "spacecoop: no node is named like 'zzzqqq'\n"
