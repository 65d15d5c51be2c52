"""The dataset as published: its VoID and DCAT description (from the command line and at
/.well-known/void), the JSON-LD context, the versioned dumps with their checksums and the
ontology's documentation as static HTML.

The expected figures are those of data/releases/*.ttl and data/entities/*.ttl, counted here
with rdflib on the parsed files (the description counts them on the store)."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, VOID

from spacecoop import __version__
from spacecoop.cli import main
from spacecoop.dataset import DATASET_IRI, DCAT_VERSION, dump_name
from spacecoop.namespaces import BASE, SC
from webserver import call

R = Namespace(BASE + "resource/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # rdflib's DCAT warns when pytest looks into it
RELEASES = {R[f"release/{day}"] for day in ("2013-10-28", "2016-07-22", "2020-10-22", "2021-02-25", "2022-07-01")}
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
SUFFIXES = (".ttl", ".nt", ".trig", ".nq", ".jsonld")


def run(*args: str, project: Path):
    return CliRunner().invoke(main, ["--project", str(project), *args], catch_exceptions=False)


def value(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (predicate, values)
    return values[0].toPython() if isinstance(values[0], Literal) else values[0]


def partitions(graph: Graph, link, key, count) -> dict:
    return {graph.value(node, key): graph.value(node, count).toPython() for node in graph.objects(DATASET_IRI, link)}


@pytest.fixture(scope="module")
def described(kg) -> Graph:
    return kg.dataset_description()


def test_description_says_what_the_data_holds(kg, described):
    data = kg.data
    assert set(described.objects(DATASET_IRI, RDF.type)) == {VOID.Dataset, DCAT.Dataset}
    assert set(described.objects(DATASET_IRI, DCTERMS.source)) == RELEASES
    assert value(described, DATASET_IRI, DCTERMS.license) == CC_BY  # as the ontology states it
    assert (DATASET_IRI, DCTERMS.publisher, None) not in described  # the graph names none
    assert value(described, DATASET_IRI, OWL.versionInfo) == __version__
    assert value(described, DATASET_IRI, DCAT_VERSION) == __version__
    assert value(described, DATASET_IRI, VOID.triples) == kg.data_size() == len(data) == 1980
    assert value(described, DATASET_IRI, VOID.distinctSubjects) == len(set(data.subjects())) == 246
    assert value(described, DATASET_IRI, VOID.distinctObjects) == len(set(data.objects()))
    assert value(described, DATASET_IRI, VOID.entities) == len(
        {s for s in data.subjects() if str(s).startswith(str(R))})
    assert value(described, DATASET_IRI, VOID.uriSpace) == str(R)
    classes = partitions(described, VOID.classPartition, VOID["class"], VOID.entities)
    assert classes[SC.Person] == 17 and classes[SC.PressRelease] == 5
    assert classes == {kind: len(set(data.subjects(RDF.type, kind))) for kind in set(data.objects(None, RDF.type))}
    assert value(described, DATASET_IRI, VOID.classes) == len(classes)
    properties = partitions(described, VOID.propertyPartition, VOID.property, VOID.triples)
    assert properties == {p: len(list(data.triples((None, p, None)))) for p in set(data.predicates())}
    assert sum(properties.values()) == 1980 and value(described, DATASET_IRI, VOID.properties) == len(properties)
    assert set(described.objects(DATASET_IRI, VOID.exampleResource)) == {
        R["mission/mmx"], R["person/hiroshi-yamakawa"], R["organisation/cnes"], R["organisation/jaxa"]}
    assert {str(v) for v in described.objects(DATASET_IRI, VOID.vocabulary)} == {
        BASE + "ontology", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
        "http://purl.org/dc/terms/", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#",
        "http://www.w3.org/ns/org#", "http://xmlns.com/foaf/0.1/"}
    # without a base URL: no endpoint, no dumps
    assert (DATASET_IRI, VOID.sparqlEndpoint, None) not in described
    assert (DATASET_IRI, DCAT.distribution, None) not in described


def test_description_names_the_endpoint_and_the_versioned_dumps(kg):
    described = kg.dataset_description(base_url="https://example.org/kg")
    assert value(described, DATASET_IRI, VOID.sparqlEndpoint) == URIRef("https://example.org/kg/sparql")
    dumps = {f"https://example.org/kg/data/spacecoop-{__version__}{suffix}" for suffix in SUFFIXES}
    assert {str(url) for url in described.objects(DATASET_IRI, VOID.dataDump)} == dumps
    distributions = list(described.objects(DATASET_IRI, DCAT.distribution))
    assert {str(described.value(node, DCAT.downloadURL)) for node in distributions} == dumps
    assert all((node, RDF.type, DCAT.Distribution) in described for node in distributions)


@pytest.mark.parametrize("rdf_format,parser", [("turtle", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_export_describe_prints_the_description(repository, kg, rdf_format, parser):
    result = run("export", "--describe", "--format", rdf_format, "--base-url", "http://localhost:8000/",
                 project=repository)
    assert result.exit_code == 0, result.output
    expected = kg.dataset_description(base_url="http://localhost:8000/")
    assert isomorphic(Graph().parse(data=result.stdout, format=parser), expected)


def test_export_describe_refuses_a_dataset_format(repository):
    result = run("export", "--describe", "--format", "trig", project=repository)
    assert result.exit_code == 2 and "turtle, jsonld, nt" in result.output


def _prefixes_used(document: dict) -> set[str]:
    text = json.dumps(document["@graph"])
    return {prefix for prefix in document["@context"] if f'"{prefix}:' in text}


@pytest.mark.parametrize("ontology", [False, True])
def test_jsonld_context_holds_only_the_prefixes_used(kg, ontology):
    text = kg.export("jsonld", ontology=ontology)
    document = json.loads(text)
    assert set(document["@context"]) == _prefixes_used(document)
    assert not {"brick", "schema", "sosa", "dcat", "void", "csvw"} & set(document["@context"])  # rdflib's defaults
    if not ontology:
        assert len(document["@context"]) == 34
    expected = Graph()
    expected += kg.data
    if ontology:
        expected += kg.ontology
    assert isomorphic(Graph().parse(data=text, format="json-ld"), expected)


def test_description_jsonld_context(kg):
    document = json.loads(kg.dataset_description("jsonld"))
    assert set(document["@context"]) == _prefixes_used(document)
    assert {"void", "dcat", "release"} <= set(document["@context"])


def test_export_versioned_writes_dumps_and_checksums(repository, kg, tmp_path):
    result = run("export", "--versioned", "--output", str(tmp_path / "dumps"), project=repository)
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in (tmp_path / "dumps").iterdir())
    assert names == sorted(f"spacecoop-{__version__}{suffix}{end}" for suffix in SUFFIXES for end in ("", ".sha256"))
    for rdf_format in ("turtle", "nt", "trig", "nquads", "jsonld"):
        name = dump_name(rdf_format, __version__)
        body = (tmp_path / "dumps" / name).read_bytes()
        assert body == kg.export(rdf_format).encode("utf-8")
        assert (tmp_path / "dumps" / f"{name}.sha256").read_text() == f"{hashlib.sha256(body).hexdigest()}  {name}\n"


def test_export_versioned_needs_a_folder(repository):
    result = run("export", "--versioned", project=repository)
    assert result.exit_code == 2 and "--output DIR" in result.output


def test_export_docs_writes_the_model_pages(repository, tmp_path):
    result = run("export", "--docs", "--output", str(tmp_path / "docs"), project=repository)
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in (tmp_path / "docs").iterdir()) == [
        "model.html", "question.css", "shapes.html", "site.css"]
    model = (tmp_path / "docs" / "model.html").read_text()
    shapes = (tmp_path / "docs" / "shapes.html").read_text()
    assert 'id="Person"' in model and 'id="MMXMission"' not in model  # one anchor per term, no instance
    assert 'href="site.css"' in model and 'href="shapes.html"' in model
    assert 'href="model.html#Person"' in shapes
    assert not re.search(r'(href|src|action)="/', model + shapes)  # no link that needs a server
    assert f'href="{BASE}sparql"' in shapes


# ---------------------------------------------------------------- served

def test_well_known_void_is_served(served, kg):
    reply = call(served.url + ".well-known/void")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/turtle")
    assert reply.headers["Content-Location"] == "/.well-known/void.ttl" and "Accept" in reply.headers["Vary"]
    graph = Graph().parse(data=reply.text, format="turtle")
    assert isomorphic(graph, kg.dataset_description(base_url=served.url))
    assert value(graph, DATASET_IRI, VOID.sparqlEndpoint) == URIRef(served.url + "sparql")
    as_jsonld = call(served.url + ".well-known/void", headers={"Accept": "application/ld+json"})
    assert as_jsonld.headers["Content-Type"].startswith("application/ld+json")
    assert isomorphic(Graph().parse(data=as_jsonld.text, format="json-ld"), graph)
    assert call(served.url + ".well-known/void.nt").headers["Content-Type"].startswith("application/n-triples")
    assert call(served.url + ".well-known/void", headers={"Accept": "image/png"}).status == 406
    assert call(served.url + ".well-known/voidx").status == 404


def test_served_dumps_are_versioned_with_checksums(served):
    graph = Graph().parse(data=call(served.url + ".well-known/void").text, format="turtle")
    dumps = sorted(str(url) for url in graph.objects(DATASET_IRI, VOID.dataDump))
    assert len(dumps) == 5
    for url in dumps:
        name = url.rsplit("/", 1)[1]
        dump = call(url)
        assert dump.status == 200
        assert dump.body == call(served.url + "data/" + name.replace(f"-{__version__}", "")).body
        checksum = call(url + ".sha256")
        assert checksum.status == 200 and checksum.headers["Content-Type"].startswith("text/plain")
        assert checksum.text == f"{hashlib.sha256(dump.body).hexdigest()}  {name}\n"
    plain = call(served.url + "data/spacecoop.nq.sha256").text
    assert plain.endswith("  spacecoop.nq\n")
    assert call(served.url + "data/spacecoop-0.0.0.ttl").status == 404
