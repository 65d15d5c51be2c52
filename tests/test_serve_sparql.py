"""The SPARQL 1.1 Protocol at /sparql, against a real `spacecoop serve` process (the session's
`served` fixture), through the clients people use: SPARQLWrapper, rdflib's SPARQLStore and
curl. Every format parses back, the service describes itself, every refusal holds, a slow
query holds up no other request, and the server listens on loopback only.

Expected rows are what data/releases/*.ttl states: five press releases, MMX's partners."""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import threading
import time
from urllib.parse import urlencode, urlsplit

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, XSD
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper

from spacecoop.answers import Answer
from spacecoop.errors import SpacecoopError
from spacecoop.formats import GRAPH_NAMES, SOURCE_GRAPH_BASE
from spacecoop.namespaces import BASE, SC
from spacecoop.web import server
from spacecoop.web.answer_cache import AnswerCache
from webserver import Reply, call

R = Namespace(BASE + "resource/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
MMX = R["mission/mmx"]

#: The five press releases and their dates (data/releases/*.ttl).
RELEASES = {R[f"release/{day}"]: Literal(day, datatype=XSD.date)
            for day in ("2013-10-28", "2016-07-22", "2020-10-22", "2021-02-25", "2022-07-01")}
RELEASES_QUERY = "SELECT ?release ?date WHERE { ?release a sc:PressRelease ; dcterms:date ?date } ORDER BY ?date"
#: Who knows whom through MMX's partners: a small CONSTRUCT (MMX's partners are CNES and DLR).
PARTNERS_QUERY = "CONSTRUCT { mission:mmx sc:partner ?partner } WHERE { mission:mmx sc:partner ?partner }"
PARTNERS = {(MMX, SC.partner, R["organisation/cnes"]), (MMX, SC.partner, R["organisation/dlr"])}
#: A query that runs for minutes: three patterns over every triple, crossed.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def ask(served, query: str, method: str = "GET", headers: dict | None = None, **parameters) -> Reply:
    """``query`` sent to /sparql by GET, or POST form-encoded, with URL ``parameters``."""
    if method == "GET":
        return call(f"{served.url}sparql?{urlencode({'query': query, **parameters})}", headers=headers)
    form = urlencode({"query": query, **parameters})
    return call(f"{served.url}sparql", "POST", form,
                {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})


def table(reply: Reply, result_format: str = "json") -> tuple[list[str], list[tuple]]:
    """The variables and rows of a SPARQL results document."""
    assert reply.status == 200, reply.text
    result = Result.parse(io.BytesIO(reply.body), format=result_format)
    return [str(variable) for variable in result.vars], [tuple(row) for row in result]


def count_triples(served) -> int:
    return int(table(ask(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))[1][0][0])


# ---------------------------------------------------------------- real clients


@pytest.mark.parametrize("how", ["GET", "POST form-encoded", "POST directly"])
def test_sparqlwrapper_reads_rows_and_graphs(served, how):
    client = SPARQLWrapper(f"{served.url}sparql")
    if how != "GET":
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED if how == "POST form-encoded" else POSTDIRECTLY)
    client.setQuery(RELEASES_QUERY)
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert [(row["release"]["value"], row["date"]["value"]) for row in bindings] == \
        [(str(release), str(date)) for release, date in RELEASES.items()]
    client.setReturnFormat(XML)
    assert len(client.queryAndConvert().getElementsByTagName("result")) == 5
    for result_format in (CSV, TSV):
        client.setReturnFormat(result_format)
        lines = client.queryAndConvert().decode("utf-8").splitlines()
        assert len(lines) == 6 and "2021-02-25" in lines[4]
    client.setQuery(PARTNERS_QUERY)
    for graph_format in (TURTLE, RDFXML, JSONLD):
        client.setReturnFormat(graph_format)
        answer = client.queryAndConvert()
        graph = answer if isinstance(answer, Graph) else Graph().parse(data=answer, format="turtle")
        assert set(graph) == PARTNERS, graph_format


def test_rdflib_sparqlstore_reads_the_graph_and_each_source_graph(served):
    store = SPARQLStore(f"{served.url}sparql", returnFormat="json")
    graph = Graph(store=store)
    assert set(graph.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}
    rows = graph.query("SELECT ?release ?date WHERE { ?release a <%s> ; <%s> ?date }" % (SC.PressRelease, DCTERMS.date))
    assert {(row[0], row[1]) for row in rows} == set(RELEASES.items())
    assert len(graph) == count_triples(served)
    # a graph with a name reads that graph alone (default-graph-uri): the 2021 release's file
    videoconference = Graph(store=store, identifier=URIRef(SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference"))
    assert set(videoconference.objects(MMX, SC.partner)) == {R["organisation/cnes"], R["organisation/dlr"]}
    assert set(videoconference.subjects(RDF.type, SC.PressRelease)) == {R["release/2021-02-25"]}
    assert len(videoconference) < len(graph)


def test_curl_gets_and_posts_queries(served):
    got = subprocess.run(["curl", "-sS", "--fail", "-G", "-H", "Accept: text/csv",
                          "--data-urlencode", f"query={RELEASES_QUERY}", f"{served.url}sparql"],
                         capture_output=True, text=True, timeout=30, check=True).stdout
    assert got.splitlines() == ["release,date"] + [f"{release},{date}" for release, date in RELEASES.items()]
    posted = subprocess.run(["curl", "-sS", "--fail", "-H", "Content-Type: application/sparql-query",
                             "-H", "Accept: application/n-triples", "--data-binary", PARTNERS_QUERY,
                             f"{served.url}sparql"], capture_output=True, text=True, timeout=30, check=True).stdout
    assert set(Graph().parse(data=posted, format="nt")) == PARTNERS
    refused = subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode",
                              "update=CLEAR ALL", f"{served.url}sparql"], capture_output=True, text=True, timeout=30)
    assert refused.stdout == "403"


# ---------------------------------------------------------------- formats and headers

TABLE_TYPES = {  # Accept → rdflib result parser
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # Accept → rdflib parser
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
}


@pytest.mark.parametrize("media_type", TABLE_TYPES)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_table_format_parses_back(served, media_type, method):
    reply = ask(served, RELEASES_QUERY, method, headers={"Accept": media_type})
    assert reply.headers["Content-Type"].split(";")[0] == media_type
    variables, rows = table(reply, TABLE_TYPES[media_type])
    assert variables == ["release", "date"]
    if media_type == "text/csv":  # CSV keeps no types: each term's text
        assert rows == [(release, Literal(str(date))) for release, date in RELEASES.items()]
    else:
        assert rows == list(RELEASES.items())


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
def test_every_graph_format_parses_back(served, media_type):
    reply = ask(served, PARTNERS_QUERY, headers={"Accept": media_type})
    assert reply.status == 200 and reply.headers["Content-Type"].split(";")[0] == media_type
    assert set(Graph().parse(data=reply.text, format=GRAPH_TYPES[media_type])) == PARTNERS


def test_ask_answers_in_each_table_format(served):
    query = "ASK { mission:mmx sc:partner organisation:dlr }"
    assert json.loads(ask(served, query).body)["boolean"] is True
    assert Result.parse(io.BytesIO(ask(served, query, format="xml").body), format="xml").askAnswer is True
    assert ask(served, query, format="csv").text.split() == ["_askResult", "true"]
    assert ask(served, query, format="tsv").text.split() == ["?_askResult", "true"]


def test_format_parameter_overrides_accept(served):
    reply = ask(served, RELEASES_QUERY, headers={"Accept": "application/sparql-results+xml"}, format="csv")
    assert reply.headers["Content-Type"].startswith("text/csv")
    assert ask(served, PARTNERS_QUERY, format="rdfxml").headers["Content-Type"] == "application/rdf+xml"
    assert ask(served, PARTNERS_QUERY, format="text/turtle").headers["Content-Type"].startswith("text/turtle")
    wrong = ask(served, PARTNERS_QUERY, format="csv")
    assert wrong.status == 400 and "turtle" in wrong.text


def test_nothing_acceptable_is_406_naming_what_is_offered(served):
    reply = ask(served, RELEASES_QUERY, headers={"Accept": "image/png"})
    assert reply.status == 406 and "application/sparql-results+json" in reply.text
    reply = ask(served, PARTNERS_QUERY, headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 406 and "text/turtle" in reply.text


def test_every_answer_varies_with_accept_and_get_allows_any_origin(served):
    replies = [ask(served, RELEASES_QUERY, headers={"Origin": "https://example.org"}),
               ask(served, "SELEC nothing"), call(f"{served.url}sparql"), call(f"{served.url}sparql", "PUT")]
    for reply in replies:
        assert "Accept" in reply.headers["Vary"], reply.status
    assert replies[0].headers["Access-Control-Allow-Origin"] == "*"


def test_head_answers_headers_only(served):
    reply = call(f"{served.url}sparql?{urlencode({'query': RELEASES_QUERY})}", "HEAD")
    assert reply.status == 200 and reply.body == b""
    assert reply.headers["Content-Type"] == "application/sparql-results+json"


def test_dataset_from_the_request(served):
    release_2021 = SOURCE_GRAPH_BASE + "releases/2021-02-25-videoconference"
    query = "SELECT ?release WHERE { ?release a sc:PressRelease }"
    only_2021 = ask(served, query, **{"default-graph-uri": release_2021})
    assert table(only_2021)[1] == [(R["release/2021-02-25"],)]
    # named graphs given alone: an empty default graph, GRAPH sees those named
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"
    rows = table(ask(served, query, "POST", **{"named-graph-uri": release_2021}))[1]
    assert [row[0] for row in rows] == [URIRef(release_2021)]
    # a graph the store does not hold is empty
    unknown = ask(served, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": "https://example.org/none"})
    assert table(unknown)[1] == []
    # the inferred triples, when asked for: MMX is a Mission
    query = "ASK { mission:mmx a sc:Mission }"
    assert json.loads(ask(served, query).body)["boolean"] is False
    with_inferred = ask(served, query, **{"default-graph-uri": GRAPH_NAMES["inferred"]})
    assert json.loads(with_inferred.body)["boolean"] is True
    assert ask(served, query, **{"default-graph-uri": "not an iri"}).status == 400


def test_the_row_cap_says_where_it_cut(served):
    reply = ask(served, "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 10001")
    assert reply.headers["Spacecoop-Rows-Cut-At"] == "10000"
    assert len(table(reply)[1]) == 10000
    assert "Spacecoop-Rows-Cut-At" not in ask(served, RELEASES_QUERY).headers


def test_service_description(served, kg):
    reply = call(f"{served.url}sparql")
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/turtle")
    description = Graph().parse(data=reply.text, format="turtle")
    service = description.value(None, RDF.type, SD.Service)
    assert description.value(service, SD.endpoint) == URIRef(f"{served.url}sparql")
    assert description.value(service, SD.supportedLanguage) == SD.SPARQL11Query
    formats = set(description.objects(service, SD.resultFormat))
    assert {URIRef(f"http://www.w3.org/ns/formats/{name}") for name in ("SPARQL_Results_JSON", "Turtle")} <= formats
    dataset = description.value(service, SD.defaultDataset)
    default = description.value(dataset, SD.defaultGraph)
    assert description.value(default, VOID.triples).toPython() == count_triples(served)
    named = {description.value(node, SD.name) for node in description.objects(dataset, SD.namedGraph)}
    assert named == {URIRef(iri) for iri in (GRAPH_NAMES["data"], GRAPH_NAMES["ontology"],
                                             *kg.files.source_graphs.values())}
    as_jsonld = call(f"{served.url}sparql", headers={"Accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=as_jsonld.text, format="json-ld"), description)


# ---------------------------------------------------------------- refusals

INSERT = "INSERT DATA { <https://example.org/s> <https://example.org/p> <https://example.org/o> }"


def test_updates_are_refused_however_they_come(served):
    before = count_triples(served)
    replies = [
        call(f"{served.url}sparql", "POST", urlencode({"update": INSERT}),
             {"Content-Type": "application/x-www-form-urlencoded"}),
        call(f"{served.url}sparql", "POST", INSERT, {"Content-Type": "application/sparql-update"}),
        call(f"{served.url}sparql?{urlencode({'update': INSERT})}"),
        ask(served, INSERT),
        ask(served, INSERT, "POST"),
        call(f"{served.url}sparql", "POST", "DROP ALL", {"Content-Type": "application/sparql-query"}),
    ]
    for reply in replies:
        assert reply.status == 403 and "read-only" in reply.text, reply.text
    assert count_triples(served) == before
    assert json.loads(ask(served, "ASK { <https://example.org/s> ?p ?o }").body)["boolean"] is False


def test_service_is_refused_and_nothing_is_sent(served):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                      f"SELECT * WHERE {{ \\u0053ERVICE <{target}> {{ ?s ?p ?o }} }}"):
            for method in ("GET", "POST"):
                reply = ask(served, query, method)
                assert reply.status == 403 and "SERVICE" in reply.text
        with pytest.raises(socket.timeout):
            listener.accept()


def test_from_is_refused(served):
    for query in ("SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }",
                  "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }"):
        reply = ask(served, query)
        assert reply.status == 403 and "FROM" in reply.text


def test_a_query_over_the_size_cap_is_413(served):
    query = "SELECT * WHERE { ?s ?p ?o }\n" + "# padding\n" * 7000  # 70 kB > 64 KiB
    direct = call(f"{served.url}sparql", "POST", query, {"Content-Type": "application/sparql-query"})
    assert direct.status == 413
    assert ask(served, query, "POST").status == 413
    assert ask(served, query).status == 413  # by GET too: the app says so, not the HTTP parser


def test_a_long_query_within_the_cap_is_answered_by_get(served):
    """40 kB of query text, percent-encoded in the URL to about 50 kB (past h11's default 16 kB head)."""
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a sc:Person }\n" + "# padding padding\n" * 2200
    reply = ask(served, query)
    assert reply.status == 200 and json.loads(reply.text)["results"]["bindings"][0]["n"]["value"] == "17"  # the 17 people of data/entities/people.ttl


def test_a_malformed_query_is_400_with_line_and_column(served):
    reply = ask(served, "SELECT * WHERE {\n  ?s ?p ?o .\n  ?s nope:label ?x .\n}")
    assert reply.status == 400
    assert reply.text == "query:3:6: unknown prefix nope: (declare it with PREFIX)\n"
    reply = ask(served, "SELECT * WHERE {\n  ?s ?p ?o\n  FILTER (?o > )\n}")
    assert reply.status == 400 and re.fullmatch(r"query:\d+:\d+: SPARQL syntax error: .+\n", reply.text)
    assert ask(served, "nothing at all").status == 400


def test_other_methods_are_405_with_allow(served):
    for method in ("PUT", "DELETE", "PATCH"):
        reply = call(f"{served.url}sparql", method)
        assert reply.status == 405 and "read-only" in reply.text
        assert set(reply.headers["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}
    options = call(f"{served.url}sparql", "OPTIONS")
    assert options.status == 204 and "POST" in options.headers["Allow"]


def test_no_query_or_two_queries_in_a_post_is_400(served):
    two = call(f"{served.url}sparql?{urlencode({'query': 'ASK {}'})}", "POST", "ASK {}",
               {"Content-Type": "application/sparql-query"})
    assert two.status == 400
    none = call(f"{served.url}sparql", "POST", "", {"Content-Type": "application/x-www-form-urlencoded"})
    assert none.status == 400
    other = call(f"{served.url}sparql", "POST", "ASK {}", {"Content-Type": "text/plain"})
    assert other.status == 415


def test_a_timeout_parameter_stops_a_slow_query_with_503(served):
    started = time.monotonic()
    reply = ask(served, SLOW_QUERY, timeout="0.5")
    assert reply.status == 503 and "stopped after 0.5 s" in reply.text and reply.text.count("\n") == 1
    assert time.monotonic() - started < 3
    assert ask(served, "ASK {}", timeout="soon").status == 400


def test_a_slow_query_holds_up_no_other_request(served):
    slow: dict[str, object] = {}

    def run_slow():
        slow["reply"] = ask(served, SLOW_QUERY, timeout="3")
        slow["ended"] = time.monotonic()
    thread = threading.Thread(target=run_slow)
    thread.start()
    try:
        time.sleep(0.3)  # the slow query is running
        for number in range(5):  # new texts each time: no answer kept from before
            started = time.monotonic()
            reply = ask(served, f"# request {number} {time.time()}\n{RELEASES_QUERY}")
            assert reply.status == 200 and time.monotonic() - started < 1.5
        assert call(f"{served.url}queries/releases-overview.json").status == 200
        answered_at = time.monotonic()
    finally:
        thread.join(30)
    assert slow["reply"].status == 503
    assert answered_at < slow["ended"] - 1


# ---------------------------------------------------------------- loopback only


def test_the_server_listens_on_loopback_only(served):
    port = urlsplit(served.url).port
    listening = []
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, local_port = local.split(":")
        if int(local_port, 16) == port and state == "0A":  # LISTEN
            listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian
    assert not any(int(line.split()[1].split(":")[1], 16) == port and line.split()[3] == "0A"
                   for line in open("/proc/net/tcp6").read().splitlines()[1:])
    other = _another_local_address()
    if other is not None:
        with pytest.raises(OSError):
            socket.create_connection((other, port), timeout=2).close()


def _another_local_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


# ---------------------------------------------------------------- answers kept in memory


def test_the_answer_cache_is_bounded_and_keeps_no_cut_answer():
    cache = AnswerCache(max_entries=2, max_bytes=400)
    cache.put("a", Answer("a" * 50, "csv"))
    cache.put("b", Answer("b" * 50, "csv"))
    assert cache.get("a").text == "a" * 50  # now the most recently used
    cache.put("c", Answer("c" * 50, "csv"))
    assert cache.get("b") is None and cache.get("a") is not None and len(cache) == 2
    cache.put("cut", Answer("d" * 10, "csv", cut_at=10))
    assert cache.get("cut") is None
    cache.put("large", Answer("e" * 101, "csv"))  # over a quarter of the bytes allowed
    assert cache.get("large") is None
    small = AnswerCache(max_entries=100, max_bytes=400)
    for number in range(10):
        small.put(number, Answer("f" * 100, "csv"))
    assert len(small) == 4 and small.get(9) is not None and small.get(5) is None


def test_the_listening_socket_sends_each_answer_at_once():
    """TCP_NODELAY, inherited by each connection: without it, Nagle's algorithm and the
    client's delayed ACK held every answer on a kept-alive connection for 40 ms."""
    sock = server.listening_socket("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert server.base_url(sock) == f"http://127.0.0.1:{sock.getsockname()[1]}/"
    finally:
        sock.close()


def test_a_port_in_use_is_one_line(served):
    port = int(served.url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(SpacecoopError, match=rf"^serve: cannot listen on 127.0.0.1:{port}: Address already in use$"):
        server.listening_socket("127.0.0.1", port)
