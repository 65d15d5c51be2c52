"""What a user relies on when a query or a publication goes to a SPARQL server that may be
hostile or broken: the password never leaves for another server and is never printed,
`--timeout` is a deadline for the whole request, an answer cannot be larger than the size
limit, RDF/XML cannot expand entities, an answer of the wrong shape is one line in words,
an endpoint must be an http(s) URL, and nothing the server writes reaches the terminal raw.

Each server here is a small http.server on 127.0.0.1, stopped when the test ends."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from spacecoop.cli import main
from spacecoop.errors import SpacecoopError
from spacecoop.formats import GRAPH_NAMES
from spacecoop.remote import Endpoint, EndpointError, EndpointTimeout

PASSWORD = "s3cret-Pa55"
ASK_TRUE = json.dumps({"head": {}, "boolean": True}).encode()


class Listener:
    """A loopback HTTP server; ``answer(handler)`` writes each response. Every request's
    method, path and headers are kept in ``requests``."""

    def __init__(self, answer, stopping: threading.Event):
        outer = self
        self.requests: list[tuple[str, str, dict]] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _handle(self):
                outer.requests.append((self.command, self.path, dict(self.headers)))
                length = int(self.headers.get("Content-Length") or 0)
                self.body = self.rfile.read(length)
                self.stopping = stopping
                try:
                    answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.origin}/sparql"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def listen():
    """Starts listeners; all are stopped (and their slow answers told to stop) at the end."""
    stopping = threading.Event()
    started = []

    def start(answer) -> Listener:
        started.append(Listener(answer, stopping))
        return started[-1]

    try:
        yield start
    finally:
        stopping.set()
        for listener in started:
            listener.stop()


def reply(status=200, body=b"", content_type="application/sparql-results+json", reason=None, headers=None):
    def answer(handler):
        handler.send_response(status, reason)
        handler.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


def spacecoop(repository, *args, env=None):
    return CliRunner(env=env).invoke(main, ["--project", str(repository), "--no-cache", *args])


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


# ---------------------------------------------------------------- credentials

@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_credentials_never_follow_a_redirect_to_another_origin(kg, listen, status):
    elsewhere = listen(reply(body=ASK_TRUE))
    endpoint = listen(reply(status, headers={"Location": elsewhere.url}))
    with pytest.raises(EndpointError) as raised:
        kg.sparql("ASK {}", endpoint=Endpoint(endpoint.url, "alice", PASSWORD, auth="basic"))
    assert endpoint.requests[0][2]["Authorization"].startswith("Basic ")  # sent where it was meant to go
    assert elsewhere.requests == []
    assert str(raised.value) == (f"{endpoint.url}: the server redirects (HTTP {status}) to {elsewhere.url}; "
                                 "redirects are not followed: give that address instead")


def test_a_redirect_from_the_graph_store_gets_nothing_either(kg, listen):
    elsewhere = listen(reply())
    store = listen(reply(307, headers={"Location": elsewhere.url}))
    with pytest.raises(EndpointError, match="redirects are not followed"):
        kg.publish(Endpoint(store.url, "alice", PASSWORD, auth="basic"), store=store.url)
    assert [method for method, _, _ in store.requests] == ["PUT"]
    assert elsewhere.requests == []


def test_the_cli_refuses_a_redirect_in_one_line_without_the_password(repository, listen):
    elsewhere = listen(reply(body=ASK_TRUE))
    endpoint = listen(reply(302, headers={"Location": f"http://alice:{PASSWORD}@127.0.0.1:1/x"}))
    result = spacecoop(repository, "sparql", "ASK {}", "--endpoint", endpoint.url, "--user", "alice",
                       "--auth", "basic", env={"SPACECOOP_PASSWORD": PASSWORD})
    assert result.exit_code == 2
    assert one_line(result.stderr).startswith(f"spacecoop: {endpoint.url}: the server redirects (HTTP 302) to "
                                              "http://127.0.0.1:1/x;")
    assert PASSWORD not in result.output
    assert elsewhere.requests == []


def test_digest_authentication_installs_no_process_wide_opener(kg, listen):
    before = urllib.request._opener  # what urlopen() would use for every other caller
    server = listen(reply(body=ASK_TRUE))
    assert kg.sparql("ASK {}", endpoint=Endpoint(server.url, "alice", PASSWORD)).boolean is True
    assert urllib.request._opener is before


def hangs(handler):
    handler.stopping.wait(30)


@pytest.mark.parametrize("answer", [
    reply(status=401), reply(status=500, body=b"error"), reply(status=503),
    reply(status=302, headers={"Location": "http://127.0.0.1:1/"}), reply(body=b"[]"), hangs,
], ids=["401", "500", "503", "redirect", "wrong-shape", "timeout"])
def test_the_password_is_in_no_message(kg, listen, answer):
    server = listen(answer)
    endpoint = Endpoint(server.url, "alice", PASSWORD, auth="basic", timeout=1)
    with pytest.raises(EndpointError) as raised:
        kg.sparql("ASK {}", endpoint=endpoint)
    assert PASSWORD not in str(raised.value) and PASSWORD not in repr(raised.value.args)
    assert PASSWORD not in repr(endpoint) and PASSWORD not in str(endpoint)


# ---------------------------------------------------------------- endpoint URLs

@pytest.mark.parametrize("url, shown", [
    ("file:///etc/passwd", "file:///etc/passwd"),
    ("not a url", "not a url"),
    ("ftp://example.org/sparql", "ftp://example.org/sparql"),
    ("http://", "http://"),
    ("http:///sparql", "http:///sparql"),
    ("http://example.org:99999/sparql", "http://example.org:99999/sparql"),
    ("http://example.org/\x1b[2Jsparql", "http://example.org/\\u001b[2Jsparql"),
    (f"http://alice:{PASSWORD}@example.org/sparql", "http://example.org/sparql"),
    (f"https://alice:{PASSWORD[:4]}/{PASSWORD[4:]}@example.org/sparql", "https://example.org/sparql"),
    (f"alice:{PASSWORD}@example.org", "example.org"),
])
def test_an_endpoint_must_be_an_http_url_without_credentials(url, shown):
    with pytest.raises(SpacecoopError) as raised:
        Endpoint(url, "alice", PASSWORD)
    assert raised.value.kind == "usage"
    assert raised.value.source == shown
    assert PASSWORD[:4] not in str(raised.value) and PASSWORD[4:] not in str(raised.value)
    assert "\n" not in str(raised.value) and "--" not in str(raised.value)


@pytest.mark.parametrize("url, message", [
    ("file:///etc/passwd", "spacecoop: file:///etc/passwd: not an http:// or https:// URL with a host name"),
    ("not a url", "spacecoop: not a url: not an http:// or https:// URL with a host name"),
    (f"http://alice:{PASSWORD}@127.0.0.1:1/sparql",
     "spacecoop: http://127.0.0.1:1/sparql: a URL with credentials (user:password@) is refused: give the "
     "user name and password separately (write a literal @ as %40)"),
])
def test_the_cli_refuses_a_bad_endpoint_in_one_line(repository, url, message):
    result = spacecoop(repository, "sparql", "ASK {}", "--endpoint", url)
    assert result.exit_code == 2
    assert one_line(result.stderr) == message


def test_publishing_to_a_store_that_is_not_http_sends_nothing(kg, listen, tmp_path):
    server = listen(reply())
    with pytest.raises(SpacecoopError, match="not an http:// or https:// URL"):
        kg.publish(Endpoint(server.url), store=f"file://{tmp_path}/store")
    assert server.requests == []
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- deadline and size

def trickle_body(handler):
    """Headers at once, then the body one byte a second."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/sparql-results+json")
    handler.send_header("Content-Length", "100")
    handler.end_headers()
    for byte in (b"{" + b" " * 98 + b"}")[:100]:
        if handler.stopping.wait(1):
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


def trickle_headers(handler):
    """The status line and headers one byte a second."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n" + b"X: y\r\n" * 20:
        if handler.stopping.wait(1):
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()


@pytest.mark.parametrize("answer", [trickle_body, trickle_headers], ids=["body", "headers"])
def test_a_server_trickling_its_answer_is_stopped_at_the_deadline(kg, listen, answer):
    server = listen(answer)
    started = time.monotonic()
    with pytest.raises(EndpointTimeout) as raised:
        kg.sparql("ASK {}", endpoint=Endpoint(server.url, timeout=2))
    assert time.monotonic() - started < 10
    assert str(raised.value) == f"{server.url}: no complete answer within 2 s"


def test_a_publication_to_a_trickling_store_is_stopped_at_the_deadline(kg, listen):
    server = listen(trickle_body)
    started = time.monotonic()
    with pytest.raises(EndpointTimeout) as raised:
        kg.publish(Endpoint(server.url, timeout=2), store=server.url)
    assert time.monotonic() - started < 10
    assert str(raised.value) == (f"{server.url}: no complete answer within 2 s; <{GRAPH_NAMES['data']}> may be "
                                 "partly written: publish again")


def test_a_trickling_update_endpoint_is_stopped_at_the_deadline(kg, listen):
    server = listen(trickle_body)
    started = time.monotonic()
    with pytest.raises(EndpointTimeout, match="no complete answer within 2 s"):
        kg.publish(Endpoint(server.url, timeout=2))
    assert time.monotonic() - started < 10
    assert [method for method, _, _ in server.requests] == ["POST"]


def unannounced(size):
    """A body of ``size`` bytes with no Content-Length: read until the server closes."""
    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "application/sparql-results+json")
        handler.end_headers()
        for _ in range(size // 1000):
            handler.wfile.write(b" " * 1000)
        handler.close_connection = True
    return answer


@pytest.mark.parametrize("answer", [reply(body=b" " * 5000 + ASK_TRUE), unannounced(5000)],
                         ids=["announced", "unannounced"])
def test_an_answer_over_the_size_limit_is_refused(kg, listen, answer):
    server = listen(answer)
    with pytest.raises(EndpointError) as raised:
        kg.sparql("ASK {}", endpoint=Endpoint(server.url, max_answer_bytes=1000))
    assert str(raised.value) == f"{server.url}: the answer is larger than the size limit of 1000 bytes"


def test_an_answer_within_the_size_limit_is_read(kg, listen):
    server = listen(reply(body=ASK_TRUE))
    assert kg.sparql("ASK {}", endpoint=Endpoint(server.url, max_answer_bytes=len(ASK_TRUE))).boolean is True


# ---------------------------------------------------------------- graph answers

CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
 <!ENTITY a "laugh">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
 <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/s"><ex:p>&i;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("body", [LAUGHS, LAUGHS.decode().encode("utf-16")], ids=["utf-8", "utf-16"])
def test_rdf_xml_with_entities_is_refused(kg, listen, body):
    server = listen(reply(body=body, content_type="application/rdf+xml"))
    started = time.monotonic()
    with pytest.raises(EndpointError) as raised:
        kg.sparql(CONSTRUCT, endpoint=Endpoint(server.url))
    assert time.monotonic() - started < 10
    assert str(raised.value) == (f"{server.url}: unreadable answer: RDF/XML with a DOCTYPE or ENTITY declaration, "
                                 "or not in UTF-8, is refused (entity expansion)")


@pytest.mark.parametrize("body, content_type", [
    (b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", "application/n-triples"),
    (b"<http://example.org/s> <http://example.org/p> <http://example.org/o> .\n", "text/turtle; charset=utf-8"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
     b'<rdf:Description rdf:about="http://example.org/s"><ex:p rdf:resource="http://example.org/o"/>'
     b"</rdf:Description></rdf:RDF>", "application/rdf+xml"),
], ids=["n-triples", "turtle", "plain-rdf-xml"])
def test_graph_answers_are_asked_for_as_n_triples_and_parsed_by_their_type(kg, listen, body, content_type):
    server = listen(reply(body=body, content_type=content_type))
    result = kg.sparql(CONSTRUCT, endpoint=Endpoint(server.url))
    assert set(result.graph) == {tuple(URIRef(f"http://example.org/{name}") for name in "spo")}
    assert server.requests[0][2]["Accept"].startswith("application/n-triples, text/turtle")


def test_a_graph_in_an_unexpected_format_is_refused(kg, listen):
    server = listen(reply(body=b"{}", content_type="application/ld+json"))
    with pytest.raises(EndpointError) as raised:
        kg.sparql(CONSTRUCT, endpoint=Endpoint(server.url))
    assert str(raised.value) == (f"{server.url}: unreadable answer: a graph in an unexpected format "
                                 "(application/ld+json)")


# ---------------------------------------------------------------- table answers

def select(bindings):
    return json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": bindings}}).encode()


@pytest.mark.parametrize("query, body, reason", [
    ("SELECT ?n {}", b"[]", "a JSON list where an object was expected"),
    ("SELECT ?n {}", b'{"head": {}}', 'no "head" with a list of "vars"'),
    ("SELECT ?n {}", b'{"head": {"vars": "n"}}', 'no "head" with a list of "vars"'),
    ("SELECT ?n {}", b'{"head": {"vars": ["n"]}, "results": {"bindings": {}}}',
     'no "results" with a list of "bindings"'),
    ("SELECT ?n {}", select(["n"]), "row 1 is not a JSON object"),
    ("SELECT ?n {}", select([{"n": "1"}]), 'row 1: a value is not an object with a "type" and a "value"'),
    ("SELECT ?n {}", select([{"n": {"type": "literal"}}]),
     'row 1: a value is not an object with a "type" and a "value"'),
    ("SELECT ?n {}", select([{"n": {"type": "triple", "value": "x"}}]), "row 1: unknown term type 'triple'"),
    ("SELECT ?n {}", select([{"n": {"type": "literal", "value": "x", "xml:lang": 3}}]),
     "row 1: a literal's \"xml:lang\" or \"datatype\" is not a string"),
    ("SELECT ?n {}", b"[" * 100_000 + b"]" * 100_000, "maximum recursion depth exceeded"),
    ("SELECT ?n {}", b"<sparql/>", "not SPARQL JSON results (application/sparql-results+json): Expecting value"),
    ("ASK {}", b'{"head": {}, "boolean": "false"}', 'no "boolean" true or false in the answer to an ASK query'),
    ("ASK {}", select([]), 'no "boolean" true or false in the answer to an ASK query'),
], ids=["list", "no-vars", "vars-not-list", "bindings-not-list", "row-not-object", "value-not-object",
        "no-value", "unknown-type", "lang-not-string", "nested", "not-json", "boolean-string", "ask-as-select"])
def test_json_of_the_wrong_shape_is_one_line(kg, listen, query, body, reason):
    server = listen(reply(body=body))
    with pytest.raises(EndpointError) as raised:
        kg.sparql(query, endpoint=Endpoint(server.url))
    message = str(raised.value)
    assert message.startswith(f"{server.url}: unreadable answer: {reason}")
    assert "\n" not in message


def test_json_of_the_wrong_shape_is_one_line_on_the_command_line(repository, listen):
    server = listen(reply(body=b'{"head": {}}'))
    result = spacecoop(repository, "sparql", "SELECT ?n {}", "--endpoint", server.url)
    assert result.exit_code == 2
    assert one_line(result.stderr) == f'spacecoop: {server.url}: unreadable answer: no "head" with a list of "vars"'


# ---------------------------------------------------------------- what the server writes

ESCAPE = "\x1b[2J\x1b]0;owned\x07"


@pytest.mark.parametrize("answer, shown", [
    (reply(status=503, reason=f"Busy{ESCAPE}"), "HTTP 503 Busy\\u001b[2J\\u001b]0;owned\\u0007"),
    (reply(status=500, body=f"failed{ESCAPE}\u202eevil".encode()),
     "the server failed on the query (HTTP 500): failed\\u001b[2J\\u001b]0;owned\\u0007\\u202eevil"),
    (reply(body=select([{"n": {"type": f"x{ESCAPE}", "value": ""}}])),
     "unreadable answer: row 1: unknown term type 'x\\x1b[2J\\x1b]0;owned\\x07'"),
    (reply(status=302, headers={"Location": f"http://127.0.0.1:1/{ESCAPE}"}), "http://127.0.0.1:1/\\u001b[2J"),
], ids=["reason-phrase", "error-page", "json", "location"])
def test_control_characters_from_the_server_are_escaped(repository, listen, answer, shown):
    server = listen(answer)
    result = spacecoop(repository, "sparql", "SELECT ?n {}", "--endpoint", server.url)
    assert result.exit_code == 2
    line = one_line(result.stderr)
    assert shown in line
    assert not any(ord(char) < 0x20 or 0x7f <= ord(char) < 0xa0 or char == "\u202e" for char in line)


def test_a_long_reason_phrase_is_cut_short(kg, listen):
    server = listen(reply(status=503, reason="x" * 5000))
    with pytest.raises(EndpointError) as raised:
        kg.sparql("ASK {}", endpoint=Endpoint(server.url))
    assert len(str(raised.value)) < 200
