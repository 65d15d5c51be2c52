"""The graph on real SPARQL servers: publishing to Virtuoso and Oxigraph, every saved query
giving the same rows there as in process, and each fault a one-line error."""

from __future__ import annotations

import http.server
import json
import threading
from decimal import Decimal

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from servers import start_oxigraph, start_virtuoso
from spacecoop.cli import main
from spacecoop.formats import GRAPH_NAMES, SOURCE_GRAPH_BASE, Limits
from spacecoop.publishing import graphs_under, publish
from spacecoop.remote import GRAPH_ACCEPT, GRAPH_PARSERS, Endpoint, send_protocol
from test_queries import EXPECTED, graph_lines

pytestmark = pytest.mark.servers


def spacecoop(repository, *args, env=None):
    return CliRunner(env=env).invoke(main, ["--project", str(repository), "--no-cache", *args])


def publish_all(repository, server, *extra):
    args = ["publish", "--endpoint", server.query_url, "--store", server.store_url, "--ontology", "--inferred",
            *extra]
    if server.user:
        args += ["--user", server.user]
    return spacecoop(repository, *args, env={"SPACECOOP_PASSWORD": server.password or ""})


@pytest.fixture(scope="module", params=["virtuoso", "oxigraph"])
def server(request, repository, tmp_path_factory):
    """Each server, started empty, loaded with `spacecoop publish`, stopped by its pid."""
    start = start_virtuoso if request.param == "virtuoso" else start_oxigraph
    running = start(tmp_path_factory.mktemp(request.param))
    try:
        published = publish_all(repository, running)
        assert published.exit_code == 0, published.output
        yield running
    finally:
        running.stop()


def endpoint_of(server) -> Endpoint:
    return Endpoint(server.query_url, server.user, server.password)


def test_publish_reports_each_graph_and_its_count(repository, kg, server):
    result = publish_all(repository, server)
    assert result.exit_code == 0
    sources, stated = len(kg.source_graphs), sum(map(len, kg.source_graphs.values()))
    assert result.stdout.splitlines() == [
        f"published {len(kg.data)} triples to <{GRAPH_NAMES['data']}>; the server holds {len(kg.data)}",
        f"published {stated} triples to {sources} source graphs <{SOURCE_GRAPH_BASE}…> (one per data file); "
        f"the server holds {stated}",
        f"published {len(kg.ontology)} triples to <{GRAPH_NAMES['ontology']}>; the server holds {len(kg.ontology)}",
        f"published {len(kg.inferred)} triples to <{GRAPH_NAMES['inferred']}>; "
        f"the server holds {len(kg.inferred)}",
    ]


def test_publishing_twice_leaves_one_copy(repository, kg, server):
    for _ in range(2):
        assert publish_all(repository, server).exit_code == 0
    count = kg.sparql(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH_NAMES['data']}> {{ ?s ?p ?o }} }}",
                      endpoint=endpoint_of(server), graphs=[])
    assert int(count.rows[0][0]) == len(kg.data)


def test_the_source_graph_of_a_file_no_longer_in_data_is_removed(repository, kg, server):
    gone = SOURCE_GRAPH_BASE + "releases/gone"
    stale = Graph()
    stale.add((URIRef("https://w3id.org/spacecoop/resource/mission/mmx"), RDFS.label, Literal("stale")))
    publish(endpoint_of(server), {gone: stale}, store=server.store_url)
    assert gone in graphs_under(endpoint_of(server), SOURCE_GRAPH_BASE)
    result = publish_all(repository, server)
    assert result.exit_code == 0, result.output
    assert f"removed <{gone}> (its data file is gone); the server holds 0" in result.stdout.splitlines()
    assert sorted(graphs_under(endpoint_of(server), SOURCE_GRAPH_BASE)) == sorted(kg.source_graphs)


SOURCES = f"""SELECT ?s ?p ?o ?source WHERE {{
  GRAPH ?g {{ ?s ?p ?o . ?source a ?kind }}
  VALUES ?kind {{ sc:PressRelease sc:EditorialNote }}
  FILTER STRSTARTS(STR(?g), "{SOURCE_GRAPH_BASE}")
}}"""


def test_every_statement_has_the_same_sources_on_the_server(kg, server):
    local = kg.sparql(SOURCES, limits=Limits(max_rows=100_000))
    remote = kg.sparql(SOURCES, endpoint=endpoint_of(server), limits=Limits(max_rows=100_000))
    assert local.rows and not local.truncated
    assert normalised(remote) == normalised(local)


def canonical(term):
    """Terms as every engine agrees on them: numbers by value, xsd:string as a plain literal,
    language tags in lower case (Virtuoso and Oxigraph normalise literals on load)."""
    if not isinstance(term, Literal):
        return None if term is None else str(term)
    if term.language:
        return (str(term), "@" + term.language.lower())
    if term.datatype in (None, XSD.string):
        return (str(term), None)
    if term.datatype in (XSD.integer, XSD.int, XSD.long, XSD.decimal, XSD.double, XSD.float,
                         XSD.positiveInteger, XSD.nonNegativeInteger):
        return (str(Decimal(str(term)).normalize()), "number")
    return (str(term), str(term.datatype))


def normalised(result):
    if result.kind == "ASK":
        return result.boolean
    if result.kind == "SELECT":
        return result.variables, sorted((tuple(map(canonical, row)) for row in result.rows), key=repr)
    return graph_lines(result.graph)


@pytest.mark.parametrize(("name", "params"), [(name, params) for name, params, _ in EXPECTED],
                         ids=[f"{n}-{'-'.join(p.values()) or 'defaults'}" for n, p, _ in EXPECTED])
def test_saved_query_gives_the_same_rows_on_the_server(kg, server, name, params):
    local = kg.query(name, params)
    remote = kg.query(name, params, endpoint=endpoint_of(server))
    assert remote.kind == local.kind
    assert normalised(remote) == normalised(local)


def test_graph_answers_come_as_n_triples_or_turtle(server):
    """Asked for N-Triples or Turtle, neither server answers RDF/XML (which could expand entities)."""
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{GRAPH_NAMES['data']}> {{ ?s ?p ?o }} }} LIMIT 5"
    answer = send_protocol(endpoint_of(server), server.query_url, [("query", query)], GRAPH_ACCEPT)
    assert GRAPH_PARSERS[answer.media_type] in ("nt", "turtle")


def test_query_command_prints_the_same_table_as_locally(repository, server):
    args = ["query", "contributions-to-mission", "--param", "mission=mission:mmx"]
    local = spacecoop(repository, *args)
    remote = spacecoop(repository, *args, "--endpoint", server.query_url)
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_ad_hoc_update_is_refused_before_reaching_the_server(repository, server):
    result = spacecoop(repository, "sparql", "DROP ALL", "--endpoint", server.query_url)
    assert result.exit_code == 2
    assert "updates are refused" in result.stderr


# ---------------------------------------------------------------- faults

def test_server_not_running(repository):
    from servers import free_port
    url = f"http://127.0.0.1:{free_port()}/sparql"
    result = spacecoop(repository, "query", "releases-overview", "--endpoint", url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"spacecoop: {url}: cannot connect:")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def virtuoso(repository, tmp_path_factory):
    running = start_virtuoso(tmp_path_factory.mktemp("virtuoso-faults"))
    yield running
    running.stop()


def test_wrong_credentials_publish_nothing(repository, virtuoso):
    result = spacecoop(repository, "publish", "--endpoint", virtuoso.query_url, "--store", virtuoso.store_url,
                       "--user", "dba", env={"SPACECOOP_PASSWORD": "not-the-password"})
    assert result.exit_code == 2
    assert "the server refused the credentials (HTTP 401)" in result.stderr
    assert "not-the-password" not in result.output
    count = spacecoop(repository, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                      "--endpoint", virtuoso.query_url, "--graph", GRAPH_NAMES["data"], "--format", "csv")
    assert count.stdout.splitlines()[1] == "0"


def test_query_the_server_fails_on(repository, virtuoso):
    # valid SPARQL 1.1 that Virtuoso refuses: a transitive path with both ends unbound
    query = "SELECT ?a ?b WHERE { ?a rdfs:subClassOf+ ?b }"
    result = spacecoop(repository, "sparql", query, "--endpoint", virtuoso.query_url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"spacecoop: {virtuoso.query_url}: the server failed on the query "
                                    "(HTTP 500): Virtuoso 37000 Error")
    assert len(result.stderr.strip().splitlines()) == 1


class FakeServer:
    """A loopback HTTP server answering every request with the same canned response."""

    def __init__(self, status=200, body=b"", headers=None, delay=0.0, fail_after=None):
        outer = self
        self.requests = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self):
                outer.requests += 1
                if delay:
                    threading.Event().wait(delay)
                code = 500 if fail_after is not None and outer.requests > fail_after else status
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()


SELECT_JSON = json.dumps({"head": {"vars": ["n"]},
                          "results": {"bindings": [{"n": {"type": "literal", "value": "1"}}]}}).encode()


@pytest.mark.parametrize("fake, message", [
    (dict(status=503), "HTTP 503"),
    (dict(status=404), "no SPARQL endpoint at this address (HTTP 404)"),
    (dict(body=SELECT_JSON, headers={"Content-Type": "application/sparql-results+json",
                                     "X-SPARQL-MaxRows": "1"}),
     "the server cut the result at its row limit (1 rows"),
    (dict(body=SELECT_JSON, delay=3), "no complete answer within 1 s"),
])
def test_http_faults_are_one_line(repository, fake, message):
    server = FakeServer(**fake)
    try:
        result = spacecoop(repository, "sparql", "SELECT ?n WHERE { ?n ?p ?o }", "--endpoint", server.url,
                           "--timeout", "1")
    finally:
        server.close()
    assert result.exit_code == 2
    assert result.stderr.startswith(f"spacecoop: {server.url}: ")
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_publish_failing_half_way_says_the_graph_is_incomplete(repository):
    server = FakeServer(status=200, fail_after=2)  # DROP and the first chunk succeed
    try:
        result = spacecoop(repository, "publish", "--endpoint", server.url)
    finally:
        server.close()
    assert result.exit_code == 2
    assert "only 1 of" in result.stderr and "the graph on the server is incomplete: publish again" in result.stderr
