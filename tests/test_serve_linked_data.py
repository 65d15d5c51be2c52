"""Linked data over HTTP, against a real `spacecoop serve` process: a node's IRI redirects
(303) to the document about it, which negotiates its format and holds what the releases
state about the node with the sources of each statement; the ontology, the named graphs,
the dumps, search by name and the landing page; HTML pages escape what the data holds.

The expected statements are those of data/releases/*.ttl and data/entities/*.ttl."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import FOAF, PROV, RDF, RDFS, SH

from spacecoop.formats import GRAPH_NAMES, SOURCE_GRAPH_BASE, source_graph
from spacecoop.namespaces import BASE, SC, SCSH
from spacecoop.web.iris import iri_of, local_path
from webserver import call

R = Namespace(BASE + "resource/")
MMX = R["mission/mmx"]
RELEASE_2016, RELEASE_2020, RELEASE_2021, RELEASE_2022 = (
    R[f"release/{day}"] for day in ("2016-07-22", "2020-10-22", "2021-02-25", "2022-07-01"))
MISSIONS_NOTE = R["source/entities-missions"]

#: Statements about MMX and their sources, as the data files state them.
MMX_STATEMENTS = {
    (MMX, SC.partner, R["organisation/cnes"]): {RELEASE_2021},
    (MMX, SC.partner, R["organisation/dlr"]): {RELEASE_2021},
    (MMX, SC.targetBody, R["body/phobos"]): {RELEASE_2020, RELEASE_2021, RELEASE_2022},
    (MMX, SC.targetBody, R["body/deimos"]): {RELEASE_2022},
    (MMX, SC.country, R["country/japan"]): {RELEASE_2016, RELEASE_2020, RELEASE_2021},
    (MMX, RDFS.label, Literal("MMX", lang="en")): {MISSIONS_NOTE},
    (MMX, RDF.type, SC.SampleReturnMission): {MISSIONS_NOTE},
    # pointing to MMX
    (R["contribution/2021-02-25-cnes-dlr-mmx-rover"], SC.toMission, MMX): {RELEASE_2021},
}
#: The source graph of each data file stating a statement about MMX.
SOURCE_GRAPHS = {
    "2021": URIRef(SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference"),
    "2022": URIRef(SOURCE_GRAPH_BASE + "releases/2022-07-01-chairman-visit-japan"),
    "missions": URIRef(SOURCE_GRAPH_BASE + "entities/missions"),
}

#: format: (Accept, media type, suffix of the specific document, rdflib parser)
DESCRIPTION_FORMATS = {
    "turtle": ("text/turtle", "text/turtle; charset=utf-8", ".ttl", "turtle"),
    "jsonld": ("application/ld+json", "application/ld+json", ".jsonld", "json-ld"),
    "nt": ("application/n-triples", "application/n-triples", ".nt", "nt"),
    "rdfxml": ("application/rdf+xml", "application/rdf+xml", ".rdf", "xml"),
    "trig": ("application/trig", "application/trig", ".trig", "trig"),
    "nquads": ("application/n-quads", "application/n-quads", ".nq", "nquads"),
}
DUMPS = {  # format: (path, media type, rdflib parser)
    "turtle": ("/data/spacecoop.ttl", "text/turtle; charset=utf-8", "turtle"),
    "nt": ("/data/spacecoop.nt", "application/n-triples", "nt"),
    "jsonld": ("/data/spacecoop.jsonld", "application/ld+json", "json-ld"),
    "trig": ("/data/spacecoop.trig", "application/trig", "trig"),
    "nquads": ("/data/spacecoop.nq", "application/n-quads", "nquads"),
}


def get(served, path: str, accept: str | None = None, **headers: str):
    """GET ``path`` without following redirects: (status, headers by lower-case name, body)."""
    address = urlsplit(served.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        sent = {**({"Accept": accept} if accept else {}), **{name.replace("_", "-"): value
                                                            for name, value in headers.items()}}
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def vary(headers: dict) -> set[str]:
    return {part.strip().lower() for part in headers.get("vary", "").split(",")}


def reified_sources(graph: Graph, triple: tuple) -> set:
    """The prov:wasDerivedFrom of the rdf:Statement nodes reifying ``triple`` in ``graph``."""
    subject, predicate, value = triple
    return {source for node in graph.subjects(RDF.subject, subject)
            if (node, RDF.predicate, predicate) in graph and (node, RDF.object, value) in graph
            for source in graph.objects(node, PROV.wasDerivedFrom)}


# ---------------------------------------------------------------- IRIs and paths


def test_iris_and_paths_map_one_to_one():
    assert local_path(str(MMX)) == "/resource/mission/mmx"
    assert local_path(str(SC.Mission)) == "/ontology#Mission"
    assert local_path("http://example.org/resource/mission/mmx") is None
    assert iri_of("/resource/mission/mmx") == str(MMX)
    assert iri_of("/resource/mission/%6Dmx") == str(MMX)  # an unreserved letter, percent-encoded
    # a source graph's IRI keeps non-ASCII letters and percent-encodes what a segment cannot hold
    for name in ("2023-01-01-caf\u00e9 d\u00e9bat.ttl", "50% a/b.ttl"):
        iri = source_graph(Path("data/releases", name), Path("data"))
        path = local_path(iri)
        assert path.isascii() and iri_of(path) == iri, name
    assert iri_of("/graph/source/releases/caf\u00e9%20d%C3%A9bat") == (
        SOURCE_GRAPH_BASE + "releases/caf\u00e9%20d\u00e9bat")


# ---------------------------------------------------------------- nodes


@pytest.mark.parametrize("accept", [None, "text/turtle", "text/html", "application/ld+json", "image/png"])
def test_a_node_redirects_to_its_document_whatever_the_client_accepts(served, accept):
    status, headers, _ = get(served, "/resource/mission/mmx", accept)
    assert status == 303
    assert headers["location"] == "/doc/mission/mmx"


def test_an_unknown_node_is_404_at_its_iri_not_a_redirect(served):
    status, headers, body = get(served, "/resource/mission/mmxx", "text/turtle")
    assert status == 404 and "location" not in headers
    assert body.decode() == (f"no such node {BASE}resource/mission/mmxx; did you mean mission:mmx?\n")
    for path in ("/doc/mission/no-such-mission", "/doc/mission/no-such-mission.ttl", "/resource/",
                 "/graph/no-such-graph", "/ontology.xyz", "/data/spacecoop.xml"):
        status, _, body = get(served, path, "text/turtle")
        assert status == 404, path
        assert body.count(b"\n") == 1, path


def test_a_percent_encoded_path_names_the_same_node(served):
    status, headers, _ = get(served, "/resource/mission/%6Dmx")
    assert status == 303
    status, _, body = get(served, headers["location"] + ".nt")
    assert status == 200 and (MMX, SC.partner, R["organisation/dlr"]) in Graph().parse(data=body, format="nt")


@pytest.mark.parametrize("output_format", ["turtle", "jsonld", "nt", "rdfxml"])
def test_the_description_in_a_triple_format_holds_the_statements_and_their_sources(served, output_format):
    accept, media, suffix, parser = DESCRIPTION_FORMATS[output_format]
    status, headers, body = get(served, "/doc/mission/mmx", accept)
    assert status == 200
    assert headers["content-type"] == media
    assert "accept" in vary(headers)
    assert headers["content-location"] == f"/doc/mission/mmx{suffix}"
    graph = Graph().parse(data=body, format=parser)
    for triple, sources in MMX_STATEMENTS.items():
        assert triple in graph, triple
        assert reified_sources(graph, triple) == sources, triple
    assert set(graph.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}
    assert set(graph.objects(MMX, SC.targetBody)) == {R["body/phobos"], R["body/deimos"]}
    assert (URIRef(BASE + "doc/mission/mmx"), FOAF.primaryTopic, MMX) in graph
    # the sources are described too: a reader learns what release:2021-02-25 is
    assert (RELEASE_2021, RDF.type, SC.PressRelease) in graph


@pytest.mark.parametrize("output_format", ["trig", "nquads"])
def test_the_description_in_a_dataset_format_keeps_each_statement_in_its_source_graphs(served, output_format):
    accept, media, suffix, parser = DESCRIPTION_FORMATS[output_format]
    status, headers, body = get(served, "/doc/mission/mmx", accept)
    assert status == 200 and headers["content-type"] == media and "accept" in vary(headers)
    assert headers["content-location"] == f"/doc/mission/mmx{suffix}"
    dataset = Dataset()
    dataset.parse(data=body, format=parser)
    names = {graph.identifier for graph in dataset.graphs() if len(graph)}
    assert names <= {URIRef(GRAPH_NAMES["ontology"])} | {name for name in names if name.startswith(SOURCE_GRAPH_BASE)}
    in_2021, in_2022 = dataset.graph(SOURCE_GRAPHS["2021"]), dataset.graph(SOURCE_GRAPHS["2022"])
    assert set(in_2021.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}
    assert set(in_2022.objects(MMX, SC.partner)) == set()
    assert set(in_2022.objects(MMX, SC.targetBody)) == {R["body/phobos"], R["body/deimos"]}
    assert set(in_2021.objects(MMX, SC.targetBody)) == {R["body/phobos"]}
    assert (MMX, RDFS.label, Literal("MMX", lang="en")) in dataset.graph(SOURCE_GRAPHS["missions"])


def test_the_specific_documents_answer_directly_whatever_the_client_accepts(served):
    for output_format, (_, media, suffix, parser) in DESCRIPTION_FORMATS.items():
        status, headers, body = get(served, f"/doc/mission/mmx{suffix}", "text/html")
        assert status == 200 and headers["content-type"] == media, output_format
        assert "accept" not in vary(headers) and "content-location" not in headers
        Dataset().parse(data=body, format=parser)
    status, headers, body = get(served, "/doc/mission/mmx.html", "text/turtle")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"


def test_the_description_as_html_names_the_node_and_links_to_its_neighbours(served):
    status, headers, body = get(served, "/doc/mission/mmx", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-location"] == "/doc/mission/mmx.html"
    page = body.decode()
    assert "<h1>MMX</h1>" in page
    assert '<a href="/resource/organisation/dlr">DLR</a>' in page
    assert '<a href="/resource/release/2021-02-25" title="CNES press release of 25 February 2021">' in page
    assert '<a href="/doc/mission/mmx.ttl">Turtle</a>' in page
    assert "<script" not in page


def test_a_client_accepting_nothing_offered_gets_406(served):
    for path in ("/doc/mission/mmx", "/ontology", "/graph/data", "/search?q=mmx"):
        status, headers, body = get(served, path, "image/png")
        assert status == 406, path
        assert "accept" in vary(headers) and body.count(b"\n") == 1


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_follows_the_redirect_to_turtle(served):
    answer = subprocess.run(["curl", "-sSfL", "-H", "Accept: text/turtle", served.url + "resource/mission/mmx"],
                            capture_output=True, timeout=60, check=True)
    graph = Graph().parse(data=answer.stdout, format="turtle")
    assert set(graph.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}


# ---------------------------------------------------------------- vocabularies and graphs


def test_the_ontology_is_served_whole_for_its_hash_terms(served):
    status, headers, body = get(served, "/ontology", "text/turtle")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    assert "accept" in vary(headers) and headers["content-location"] == "/ontology.ttl"
    graph = Graph().parse(data=body, format="turtle")
    assert (SC.Mission, RDFS.label, Literal("mission", lang="en")) in graph
    assert (SC.partner, RDFS.label, Literal("partner", lang="en")) in graph
    status, headers, _ = get(served, "/ontology", "text/html")  # a browser asking for …/ontology#Mission
    assert status == 303 and headers["location"] == "/model" and "accept" in vary(headers)
    page = call(f"{served.url}model").text  # the page documenting the ontology, one anchor per term
    assert 'id="Mission"' in page and "A space mission, programme or campaign, from proposal to operations." in page
    assert 'id="SampleReturnMission"' in page and 'id="partner"' in page
    status, _, body = get(served, "/ontology.nt", "text/html")
    assert status == 200 and (SC.Mission, RDFS.label, Literal("mission", lang="en")) in Graph().parse(
        data=body, format="nt")


def test_the_shapes_are_served_like_the_ontology(served):
    status, _, body = get(served, "/shapes", "text/turtle")
    assert status == 200
    assert (SCSH.NoBlankNode, RDF.type, SH.NodeShape) in Graph().parse(data=body, format="turtle")
    status, headers, _ = get(served, "/shapes.html")
    assert status == 303 and headers["location"] == "/model/shapes"
    page = call(f"{served.url}model/shapes").text
    assert 'id="NoBlankNode"' in page and "no blank nodes" in page


def test_a_source_graph_is_served_at_its_name(served, kg):
    name = SOURCE_GRAPHS["2021"]
    status, headers, body = get(served, local_path(str(name)), "text/turtle")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=body, format="turtle")
    assert isomorphic(graph, kg.source_graphs[str(name)])
    assert set(graph.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}
    status, _, body = get(served, "/graph/ontology", "application/n-triples")
    assert status == 200 and (SC.Mission, RDFS.label, Literal("mission", lang="en")) in Graph().parse(
        data=body, format="nt")


# ---------------------------------------------------------------- dumps


@pytest.mark.parametrize("output_format", list(DUMPS))
def test_each_dump_is_the_export_of_its_format(served, kg, output_format):
    path, media, parser = DUMPS[output_format]
    status, headers, body = get(served, path)
    assert status == 200 and headers["content-type"] == media
    served_dataset, exported = Dataset(), Dataset()
    served_dataset.parse(data=body, format=parser)
    exported.parse(data=kg.export(output_format), format=parser)
    names = {graph.identifier for graph in exported.graphs() if len(graph)}
    assert {graph.identifier for graph in served_dataset.graphs() if len(graph)} == names
    for name in names:
        assert isomorphic(served_dataset.graph(name), exported.graph(name)), name
    if output_format in ("trig", "nquads"):  # the source graphs are kept
        assert {str(name) for name in names} == set(kg.source_graphs)
    etag = headers["etag"]
    status, again, body = get(served, path, If_None_Match=etag)
    assert status == 304 and again["etag"] == etag and body == b""


# ---------------------------------------------------------------- search


def test_search_ignores_case_and_accents(served):
    for text in ("raphael", "RAPHAËL sart", "Raphaël"):
        status, headers, body = get(served, f"/search?q={quote(text)}")
        assert status == 200 and headers["content-type"] == "application/json"
        found = json.loads(body)
        assert found[0] == {"iri": str(R["person/raphael-sart"]), "label": "Raphaël Sart",
                            "matched": "Raphaël Sart", "kinds": [str(SC.Person)],
                            "url": "/resource/person/raphael-sart"}, text


def test_search_finds_alternative_labels_and_keeps_to_its_limit(served):
    status, _, body = get(served, "/search?q=martian+MOONS&limit=1")
    assert status == 200
    assert json.loads(body) == [{"iri": str(MMX), "label": "MMX", "matched": "Martian Moons Exploration",
                                 "kinds": [str(SC.SampleReturnMission)], "url": "/resource/mission/mmx"}]


def test_search_without_a_text_or_with_a_bad_limit_is_400(served):
    for query in ("", "?q=", "?q=%20%20", "?q=mmx&limit=many", "?q=mmx&limit=0"):
        status, _, body = get(served, "/search" + query)
        assert status == 400, query
        assert body.count(b"\n") == 1


def test_search_answers_a_browser_with_a_page(served):
    status, headers, body = get(served, "/search?q=raphael", "text/html")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert '<a href="/resource/person/raphael-sart">Raphaël Sart</a>' in body.decode()


# ---------------------------------------------------------------- landing page


def test_the_landing_page_links_to_everything(served, kg):
    status, headers, body = get(served, "/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert f"{kg.data_size():,}</strong> data triples" in page
    for path in ("/sparql", "/queries.json", "/model", *(path for path, _, _ in DUMPS.values())):
        assert f'href="{path}"' in page, path
    assert '<form class="find" action="/search" method="get" role="search">' in page and 'name="q"' in page
    assert "<script" not in page


# ---------------------------------------------------------------- escaping


def test_pages_escape_what_the_data_holds(project_copy, tmp_path):
    from webserver import start_serve
    missions = project_copy / "data" / "entities" / "missions.ttl"
    text = missions.read_text()
    assert 'rdfs:label "MMX"@en ;' in text
    missions.write_text(text.replace('rdfs:label "MMX"@en ;',
                                     'rdfs:label "MMX <script>alert(1)</script>"@en ;\n'
                                     '    rdfs:seeAlso <javascript:alert(2)> ;'))
    ontology = project_copy / "ontology" / "spacecoop.ttl"
    ontology.write_text(ontology.read_text() + '\nsc:Mission rdfs:comment "<img src=x onerror=alert(3)>"@en .\n')
    served = start_serve(project_copy, tmp_path)
    try:
        pages = {path: get(served, path, "text/html")[2].decode()
                 for path in ("/doc/mission/mmx", "/model", "/search?q=mmx", "/search?q=%3Cscript%3E")}
    finally:
        served.stop()
    for path, page in pages.items():
        assert "<script" not in page and "<img" not in page and 'href="javascript:' not in page, path
    assert "<h1>MMX &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in pages["/doc/mission/mmx"]
    assert "javascript:alert(2)" in pages["/doc/mission/mmx"]
    assert "&lt;img src=x onerror=alert(3)&gt;" in pages["/model"]
    assert "MMX &lt;script&gt;alert(1)&lt;/script&gt;" in pages["/search?q=mmx"]
    assert "named like “&lt;script&gt;”" in pages["/search?q=%3Cscript%3E"]
