"""Tests of the checks on terms and vocabulary that SHACL does not make, on new triples and
on the data alike.

What a user relies on:

* a literal that is not in the lexical space of its XSD datatype (``"2019-13"^^xsd:gYearMonth``,
  ``"12x"^^xsd:decimal``, a time zone of +25:00), an unknown XSD datatype, a language tag
  that is not well-formed BCP 47 (``@en-123456789``), and a literal holding a control
  character or a lone surrogate are refused by ``spacecoop validate FILE`` and ``spacecoop
  add FILE`` (exit 1, data/ unchanged, the problem located at file:line), and reported by
  ``spacecoop validate`` when hand-edited into a data file;
* triples about a term of a standard vocabulary (``owl:Thing rdfs:label …``) are refused like
  triples about the ontology's own terms, and ontology triples hand-edited into a data file
  (``sc:Mission rdfs:subClassOf sc:Person``, ``organisation:cnes a owl:Class``) are reported by
  ``spacecoop validate``, naming the node at fault;
* every valid lexical form is accepted (a table per datatype, leap days and time zones
  included).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from spacecoop.cli import main
from spacecoop.namespaces import SCSH, bind_prefixes
from spacecoop.store.terms import triple_to_rdflib
from spacecoop.term_checks import (
    lexical_problem,
    store_term_results,
    term_results,
    well_formed_language_tag,
)
from spacecoop.vocabulary import Vocabulary

PREFIXES = """\
@prefix sc:           <https://w3id.org/spacecoop/ontology#> .
@prefix rdfs:         <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl:          <http://www.w3.org/2002/07/owl#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf:         <http://xmlns.com/foaf/0.1/> .
@prefix release:      <https://w3id.org/spacecoop/resource/release/> .
@prefix organisation: <https://w3id.org/spacecoop/resource/organisation/> .
@prefix meeting:      <https://w3id.org/spacecoop/resource/meeting/> .
@prefix mission:      <https://w3id.org/spacecoop/resource/mission/> .
@prefix status:       <https://w3id.org/spacecoop/resource/status/> .
@prefix precision:    <https://w3id.org/spacecoop/resource/date-precision/> .
"""

MEETING = "https://w3id.org/spacecoop/resource/meeting/2021-02-20-cnes-jaxa-meeting"
#: A well-formed meeting of the 2021-02-25 release, with one more line (the faulty one) at line 21.
MEETING_TEXT = """
meeting:2021-02-20-cnes-jaxa-meeting a sc:Meeting ;
    rdfs:label "CNES-JAXA meeting, 20 February 2021"@en ;
    sc:when "2021-02-20" ;
    sc:earliest "2021-02-20"^^xsd:date ;
    sc:latest "2021-02-20"^^xsd:date ;
    sc:datePrecision precision:day ;
    sc:eventStatus status:done ;
    sc:representedOrganisation organisation:cnes , organisation:jaxa ;
    sc:statedIn release:2021-02-25 ;
    {line} .
"""
MEETING_LINE = 13  # where the meeting node first appears in the file

#: name → (the faulty line of the meeting, the shape it breaks, the start of the message)
BAD_TERMS = {
    "year-in-words": ('rdfs:comment "twenty twenty-four"^^xsd:gYear', "WellFormedLiteral",
                      '"twenty twenty-four" is not a valid xsd:gYear (write YYYY)'),
    "month-13": ('rdfs:comment "2019-13"^^xsd:gYearMonth', "WellFormedLiteral",
                 '"2019-13" is not a valid xsd:gYearMonth (month 13)'),
    "decimal-with-letter": ('rdfs:comment "12x"^^xsd:decimal', "WellFormedLiteral",
                            '"12x" is not a valid xsd:decimal'),
    "time-zone-beyond-14h": ('rdfs:comment "2021+25:00"^^xsd:gYear', "WellFormedLiteral",
                             '"2021+25:00" is not a valid xsd:gYear (time zone +25:00, beyond ±14:00)'),
    "date-time-zone-beyond-14h": ('rdfs:comment "2020-01-01+25:00"^^xsd:date', "WellFormedLiteral",
                                  '"2020-01-01+25:00" is not a valid xsd:date (time zone +25:00, beyond ±14:00)'),
    "day-29-of-a-common-year": ('rdfs:comment "2023-02-29"^^xsd:date', "WellFormedLiteral",
                                '"2023-02-29" is not a valid xsd:date (day 29 of month 02)'),
    "boolean-yes": ('sc:byVideoconference "yes"^^xsd:boolean', "WellFormedLiteral",
                    '"yes" is not a valid xsd:boolean (write true or false)'),
    "unknown-xsd-datatype": ('rdfs:comment "x"^^xsd:dateStamp', "WellFormedLiteral",
                             "xsd:dateStamp is not an XSD datatype RDF can use"),
    "language-tag": ('rdfs:comment "A meeting"@en-123456789', "WellFormedLanguageTag",
                     '"en-123456789" is not a well-formed language tag'),
    "escape-sequence": (r'rdfs:comment "\u001b[2J cleared"@en', "NoControlCharacter",
                        'the text "\\u001b[2J cleared" holds the control character U+001B'),
    "c1-control": (r'rdfs:comment "a\u009bb"@en', "NoControlCharacter",
                   'the text "a\\u009bb" holds the control character U+009B'),
    "delete": (r'rdfs:comment "a\u007fb"@en', "NoControlCharacter",
               'the text "a\\u007fb" holds the control character U+007F'),
    "lone-surrogate": (r'rdfs:comment "a\uD800b"@en', "NoControlCharacter",
                       'the text "a\\ud800b" holds a lone surrogate U+D800'),
}

#: Triples about a standard term, and the start of the message refusing them.
STANDARD_TERM_TEXT = 'owl:Thing rdfs:label "thing"@en .'
STANDARD_TERM_MESSAGE = "new triples may not change the standard term owl:Thing"


XSD = "http://www.w3.org/2001/XMLSchema#"


def xsd(name: str) -> URIRef:
    return URIRef(XSD + name)


def cli(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), "--no-cache", *args])


def data_snapshot(project: Path) -> dict[str, str]:
    return {str(path.relative_to(project)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted((project / "data").rglob("*")) if path.is_file() and not path.name.startswith(".")}


def json_results(output: str) -> list[dict]:
    return json.loads(output)["results"]


# --------------------------------------------------------------------------------------
# Lexical spaces and language tags
# --------------------------------------------------------------------------------------

VALID_FORMS = {
    "date": ["2024-02-29", "2000-02-29", "2021-02-25", "2021-02-25Z", "2021-02-25+14:00", "2021-02-25-14:00",
             "-0001-01-01", "0000-12-31", "12021-01-01"],
    "dateTime": ["2021-02-25T10:00:00", "2021-02-25T10:00:00.5Z", "2021-02-25T24:00:00", "2021-02-25T23:59:59+05:30"],
    "time": ["00:00:00", "23:59:59.999", "24:00:00", "12:00:00-14:00"],
    "gYear": ["2024", "-0001", "0000", "10000", "2024Z", "2024+14:00", "2024-14:00"],
    "gYearMonth": ["2019-12", "2019-01", "2019-12Z", "-0001-06"],
    "gMonth": ["--12", "--01Z"],
    "gMonthDay": ["--02-29", "--12-31"],
    "gDay": ["---31", "---01+01:00"],
    "decimal": ["12", "-12.5", "+.5", "12.", "0.000"],
    "integer": ["0", "-12", "+12", "007"],
    "positiveInteger": ["1", "73", "+1"],
    "nonNegativeInteger": ["0", "-0", "12"],
    "byte": ["127", "-128"],
    "boolean": ["true", "false", "1", "0"],
    "double": ["1.5E3", "-INF", "INF", "+INF", "NaN", "1e-3", ".5"],
    "duration": ["P2Y", "P1DT12H", "-P1M", "PT1.5S", "P0D"],
    "dayTimeDuration": ["P1D", "PT2H"],
    "yearMonthDuration": ["P1Y2M"],
    "string": ["", "any text\tat all\n"],
    "anyURI": ["https://cnes.fr/", "relative/path"],
    "language": ["en", "en-GB"],
    "token": ["", "a b"],
    "hexBinary": ["", "0aFF"],
    "base64Binary": ["aGVsbG8=", "aGVs bG8h"],
    "NCName": ["a-b", "_x"],
}
INVALID_FORMS = {
    "date": ["2023-02-29", "1900-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-2-25", "21-02-25",
             "2021-02-25+14:01", "2021-02-25+25:00", "02021-01-01", "+2021-01-01", "2021-02-25 "],
    "dateTime": ["2021-02-25", "2021-02-25T24:00:01", "2021-02-25T10:60:00", "2021-02-25T10:00:60",
                 "2021-02-25T00:00:00+25:00"],
    "time": ["25:00:00", "12:00", "12:00:00+14:30"],
    "gYear": ["twenty twenty-four", "24", "+2024", "02024", "2024-", "2024+14:01", "2024+25:00"],
    "gYearMonth": ["2019-13", "2019-00", "2019", "2019-1"],
    "gMonth": ["--13", "12"],
    "gMonthDay": ["--02-30", "--04-31"],
    "gDay": ["---32", "---00"],
    "decimal": ["12x", "1e3", ".", "", "1.2.3", "INF"],
    "integer": ["1.0", "", "1_000", "twelve"],
    "positiveInteger": ["0", "-1"],
    "nonNegativeInteger": ["-1"],
    "byte": ["128"],
    "boolean": ["yes", "TRUE", ""],
    "double": ["inf", "Infinity", "1.5e", "nan"],
    "duration": ["P", "PT", "P1YT", "1Y", "P1.5Y"],
    "dayTimeDuration": ["P1Y"],
    "yearMonthDuration": ["P1D"],
    "language": ["en_GB", "toolongtag"],
    "token": [" a", "a  b", "a\tb"],
    "hexBinary": ["abc", "zz"],
    "base64Binary": ["aGVsbG8", "a==="],
    "NCName": ["a:b", "1a"],
}


@pytest.mark.parametrize("datatype, form", [(d, f) for d, forms in VALID_FORMS.items() for f in forms])
def test_valid_lexical_forms_are_accepted(datatype, form):
    assert lexical_problem(form, xsd(datatype)) is None


@pytest.mark.parametrize("datatype, form", [(d, f) for d, forms in INVALID_FORMS.items() for f in forms])
def test_invalid_lexical_forms_are_refused(datatype, form):
    assert lexical_problem(form, xsd(datatype)) is not None


@pytest.mark.parametrize("name", ["dateStamp", "QName", "NOTATION", "ENTITY", "IDREFS"])
def test_xsd_datatypes_rdf_cannot_use_are_refused(name):
    assert lexical_problem("x", xsd(name)) == "not a datatype RDF can use"


def test_datatypes_of_other_namespaces_are_left_to_the_shapes():
    assert lexical_problem("x", URIRef("https://w3id.org/spacecoop/ontology#Thing")) is None


def test_every_datatype_the_project_uses_is_checked(kg):
    """Each XSD datatype the ontology or the data names has a lexical space here."""
    used = {o for o in kg.asserted().objects() if isinstance(o, URIRef) and str(o).startswith(XSD)}
    used |= {o.datatype for o in kg.asserted().objects() if isinstance(o, Literal) and o.datatype}
    assert used >= {xsd(name) for name in ("date", "gYear", "string", "decimal", "integer", "boolean")}
    for datatype in used:
        assert lexical_problem("", datatype) != "not a datatype RDF can use", datatype


@pytest.mark.parametrize("tag", ["en", "EN-gb", "ja-Latn", "zh-Hant-TW", "es-419", "de-CH-1901", "sl-rozaj-biske",
                                 "en-US-x-twain", "en-a-bbb-x-a-ccc", "x-whatever", "i-klingon", "zh-min-nan",
                                 "zh-yue-HK", "en-1234"])
def test_well_formed_language_tags_are_accepted(tag):
    assert well_formed_language_tag(tag)


@pytest.mark.parametrize("tag", ["en-123456789", "en--gb", "en-", "toolongtag", "en-x", "en-a-b", "e",
                                 "en-GB-a", "en-abcdefghi", "1en", "en_GB"])
def test_ill_formed_language_tags_are_refused(tag):
    assert not well_formed_language_tag(tag)


def test_control_characters_in_iris_are_reported():
    graph = bind_prefixes(Graph())
    bell = URIRef("https://w3id.org/spacecoop/resource/theme/bell\x07")
    graph.add((bell, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("bell", lang="en")))
    graph.add((bell, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal("a bell", lang="en")))
    [result] = term_results(graph)  # once per IRI, however many triples name it
    assert result.shape == SCSH.NoControlCharacter and result.value == bell
    assert result.message == "the IRI <https://w3id.org/spacecoop/resource/theme/bell\\u0007> holds the control character U+0007"


def test_the_project_data_and_ontology_have_no_faulty_term(kg):
    assert term_results(kg.asserted()) == []


# --------------------------------------------------------------------------------------
# Standard terms in the vocabulary check
# --------------------------------------------------------------------------------------

@pytest.mark.parametrize("term", [
    "http://www.w3.org/2002/07/owl#Thing", "http://www.w3.org/2000/01/rdf-schema#Resource",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement", "http://www.w3.org/2001/XMLSchema#date",
    "http://www.w3.org/2004/02/skos/core#Collection", "http://xmlns.com/foaf/0.1/Agent",
    "http://www.w3.org/ns/org#Site", "http://www.w3.org/ns/prov#Location", "http://www.w3.org/2006/time#Instant",
    "http://purl.org/dc/terms/Agent", "http://purl.org/dc/elements/1.1/title", "http://www.w3.org/ns/shacl#NodeShape",
])
def test_triples_about_standard_terms_are_redefinitions(kg, term):
    graph = bind_prefixes(Graph())
    graph.add((URIRef(term), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("x", lang="en")))
    [result] = Vocabulary(kg.ontology).results(graph)
    assert result.shape == SCSH.Redefinition and result.value == URIRef(term)
    assert result.message.startswith("new triples may not change the standard term ")


# --------------------------------------------------------------------------------------
# The command line: validate FILE, add FILE, and validate on hand-edited data
# --------------------------------------------------------------------------------------

def _faulty_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.ttl"
    path.write_text(PREFIXES + MEETING_TEXT.format(line=BAD_TERMS[name][0]), encoding="utf-8")
    return path


def _assert_reported(results: list[dict], focus: str, shape: str, message: str, location: str | None):
    matching = [r for r in results if r["focus"] == focus and r["shape"] == str(SCSH[shape])
                and r["message"].startswith(message)]
    assert matching, json.dumps(results, indent=1)
    assert matching[0]["severity"].endswith("#Violation")
    if location is not None:
        assert matching[0]["location"] == location


@pytest.mark.parametrize("name", BAD_TERMS)
def test_faulty_terms_are_refused_by_validate_file_and_add(project_copy, tmp_path, name):
    path = _faulty_file(tmp_path, name)
    _, shape, message = BAD_TERMS[name]
    before = data_snapshot(project_copy)

    checked = cli(project_copy, "validate", "--format", "json", str(path))
    assert checked.exit_code == 1, checked.output
    _assert_reported(json_results(checked.stdout), MEETING, shape, message, f"{path}:{MEETING_LINE}")

    added = cli(project_copy, "add", str(path))
    assert added.exit_code == 1, added.output
    assert message.split(" (")[0] in added.stdout
    assert data_snapshot(project_copy) == before


def test_the_same_meeting_without_the_faulty_line_is_added(project_copy, tmp_path):
    path = tmp_path / "good.ttl"
    path.write_text(PREFIXES + MEETING_TEXT.format(line="sc:byVideoconference true"), encoding="utf-8")
    result = cli(project_copy, "add", str(path))
    assert result.exit_code == 0, result.output


def test_triples_about_a_standard_term_are_refused(project_copy, tmp_path):
    path = tmp_path / "thing.ttl"
    path.write_text(PREFIXES + STANDARD_TERM_TEXT + "\n", encoding="utf-8")
    before = data_snapshot(project_copy)
    checked = cli(project_copy, "validate", "--format", "json", "--release", "release:2021-02-25", str(path))
    assert checked.exit_code == 1, checked.output
    _assert_reported(json_results(checked.stdout), "http://www.w3.org/2002/07/owl#Thing", "Redefinition",
                     STANDARD_TERM_MESSAGE, f"{path}:12")
    added = cli(project_copy, "add", "--release", "release:2021-02-25", str(path))
    assert added.exit_code == 1 and STANDARD_TERM_MESSAGE in added.stdout, added.output
    assert data_snapshot(project_copy) == before


def test_a_javascript_home_page_is_refused_by_add(project_copy, tmp_path):
    path = tmp_path / "home-page.ttl"
    path.write_text(PREFIXES + "organisation:cnes foaf:homepage <javascript:alert(document.cookie)> .\n",
                    encoding="utf-8")
    before = data_snapshot(project_copy)
    added = cli(project_copy, "add", "--format", "json", "--release", "release:2021-02-25", str(path))
    assert added.exit_code == 1, added.output
    assert data_snapshot(project_copy) == before


def test_hand_edited_data_is_reported_by_whole_graph_validate(project_copy):
    """Every faulty term, a standard term and ontology triples, appended to a data file."""
    data_file = project_copy / "data" / "releases" / "2021-02-25-videoconference.ttl"
    blocks = [PREFIXES]
    for number, (name, (line, _, _)) in enumerate(BAD_TERMS.items()):
        blocks.append(MEETING_TEXT.replace("2021-02-20-cnes-jaxa-meeting", f"2021-02-{number + 1:02d}-{name}")
                      .format(line=line))
    blocks += [STANDARD_TERM_TEXT, "sc:Mission rdfs:subClassOf sc:Person .", "organisation:cnes a owl:Class ."]
    with data_file.open("a", encoding="utf-8") as handle:
        handle.write("\n" + "\n".join(blocks) + "\n")

    result = cli(project_copy, "validate", "--format", "json")
    assert result.exit_code == 1, result.output
    results = json_results(result.stdout)
    for number, (name, (_, shape, message)) in enumerate(BAD_TERMS.items()):
        focus = f"https://w3id.org/spacecoop/resource/meeting/2021-02-{number + 1:02d}-{name}"
        _assert_reported(results, focus, shape, message, None)
    _assert_reported(results, "http://www.w3.org/2002/07/owl#Thing", "Redefinition",
                     STANDARD_TERM_MESSAGE.replace("new triples", "data triples"), None)
    _assert_reported(results, "https://w3id.org/spacecoop/ontology#Mission", "Redefinition",
                     "data triples may not change the ontology term sc:Mission", None)
    _assert_reported(results, "https://w3id.org/spacecoop/resource/organisation/cnes", "Redefinition",
                     "data triples may not declare the term organisation:cnes (a owl:Class)", None)

    text = cli(project_copy, "validate")
    assert text.exit_code == 1
    assert "\nsc:Mission\n" in text.stdout and "\norganisation:cnes\n" in text.stdout
    assert "\x1b" not in text.stdout and "\ud800" not in text.stdout


#: BAD_TERMS a store refuses when it loads them (as Turtle): they never reach a store.
REFUSED_BY_THE_STORE = {"language-tag", "lone-surrogate"}
STORE_GRAPH = ox.NamedNode("urn:test:data")


def _store_of(text: str) -> ox.Store:
    store = ox.Store()
    store.load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=STORE_GRAPH)
    return store


def test_faulty_terms_are_found_in_a_store():
    """The term checks of a whole validation read the store, which keeps an ill-typed literal
    as written: each faulty term it can hold is found, with the message of the file check."""
    names = [name for name in BAD_TERMS if name not in REFUSED_BY_THE_STORE]
    blocks = [PREFIXES] + [MEETING_TEXT.replace("2021-02-20-cnes-jaxa-meeting", f"faulty-{name}")
                           .format(line=BAD_TERMS[name][0]) for name in names]
    store = _store_of("\n".join(blocks) + '\nmeeting:fine rdfs:label "Fine"@EN-GB ; sc:edition 3 .\n')
    results = store_term_results(store, [STORE_GRAPH], bind_prefixes(Graph()).namespace_manager)
    found = sorted((str(r.focus).rsplit("/faulty-", 1)[-1], str(r.shape)[len(str(SCSH)):], r.message)
                   for r in results)
    assert [(name, shape) for name, shape, _ in found] == sorted((name, BAD_TERMS[name][1]) for name in names)
    for name, _, message in found:
        assert message.startswith(BAD_TERMS[name][2]), (name, message)


def test_a_store_holds_no_derived_integer_type():
    """What the store cannot tell: it keeps "0"^^xsd:positiveInteger as "0"^^xsd:integer, so
    the range of a derived integer type is only checked where the triples are read as
    written (new triples, the data files)."""
    text = PREFIXES + 'meeting:m rdfs:comment "0"^^xsd:positiveInteger .\n'
    assert store_term_results(_store_of(text), [STORE_GRAPH], bind_prefixes(Graph()).namespace_manager) == []
    assert [r.message for r in term_results(bind_prefixes(Graph()).parse(data=text, format="turtle"))] == [
        '"0" is not a valid xsd:positiveInteger (below 1)']


def test_the_vocabulary_check_of_a_store_finds_what_it_finds_in_a_graph(kg):
    """Vocabulary.store_results reads only the triples that can be at fault, and finds the
    same problems as reading every data triple."""
    text = (PREFIXES + STANDARD_TERM_TEXT + "\nsc:Mission rdfs:subClassOf sc:Person .\norganisation:cnes a owl:Class .\n"
            "meeting:m a sc:Meeting ; sc:participent organisation:cnes ; a sc:Meeeting .\n"
            '<https://w3id.org/spacecoop/resource/status/cancelled> a sc:Status ; rdfs:label "cancelled"@en .\n')
    store = _store_of(text)
    for path in kg.files.data:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=STORE_GRAPH)
    graph = bind_prefixes(Graph())
    for quad in store.quads_for_pattern(None, None, None, STORE_GRAPH):
        graph.add(triple_to_rdflib(quad))
    vocabulary = Vocabulary(kg.ontology)
    expected = vocabulary.results(graph, "data triples")
    resource, sc = "https://w3id.org/spacecoop/resource/", "https://w3id.org/spacecoop/ontology#"
    # one result per triple at fault: owl:Thing, sc:Mission, organisation:cnes declared a
    # class, the misspelt property and class, the two triples of the new status
    assert sorted((str(r.focus), str(r.value), str(r.shape)[len(str(SCSH)):]) for r in expected) == sorted([
        ("http://www.w3.org/2002/07/owl#Thing",) * 2 + ("Redefinition",),
        (sc + "Mission",) * 2 + ("Redefinition",),
        (resource + "organisation/cnes",) * 2 + ("Redefinition",),
        (resource + "meeting/m", sc + "participent", "DeclaredTerm"),
        (resource + "meeting/m", sc + "Meeeting", "DeclaredTerm"),
        (resource + "status/cancelled",) * 2 + ("Redefinition",),
        (resource + "status/cancelled",) * 2 + ("Redefinition",)])
    assert vocabulary.store_results(store, [STORE_GRAPH]) == expected


def test_the_shipped_project_conforms(repository):
    result = cli(repository, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Conforms: 0 violation(s)")
