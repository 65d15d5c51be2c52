"""Queries on a remote SPARQL 1.1 server, giving the same :class:`QueryResult` as a local run,
and the one way this package talks HTTP to a server (queries, updates, Graph Store PUTs).

Every exchange has a deadline for the whole request (connect, headers, body), enforced by
shutting its socket down when time is up, and a cap on the answer's size. Credentials go
only to the URL given: redirects are never followed, and a URL carrying credentials is
refused, so they can be neither forwarded to another server nor printed. Whatever a server
says that reaches a message is escaped and cut short. The requests are built here with
urllib (the SPARQL 1.1 Protocol's query, update, default-graph-uri and named-graph-uri
parameters) rather than by SPARQLWrapper, whose digest authentication installs a
process-wide urllib opener.

Parameters of a saved query are bound with a VALUES block placed at the start of the
query's top-level group (right after its WHERE's opening brace), built from the same typed
RDF terms the local runner binds; nothing the user typed is pasted as text.
"""

from __future__ import annotations

import base64
import functools
import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from email.message import Message

from rdflib import BNode, Graph, Literal, URIRef

from .display import escaped, has_unprintable, without_credentials
from .errors import SpacecoopError, UsageError
from .formats import DEFAULT_MAX_ANSWER_BYTES, MAX_TIMEOUT, Limits
from .results import QueryResult
from .query_text import with_values
from .safety import query_form

#: Longer requests go by form-encoded POST: Virtuoso refuses GET URLs past about 8 KB.
GET_LIMIT = 4000
#: What the answer to each query form may be; graphs in formats that cannot expand entities.
TABLE_ACCEPT = "application/sparql-results+json, application/json;q=0.9"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.1"
GRAPH_PARSERS = {
    "application/n-triples": "nt", "text/plain": "nt",
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/rdf+xml": "xml", "application/xml": "xml", "text/xml": "xml",
}
#: How much of a server's text (an error page, a reason phrase) a message quotes.
QUOTED_CHARACTERS = 300
_READ_SIZE = 64 * 1024
_USER_AGENT = "spacecoop"


class EndpointError(SpacecoopError):
    """The server could not be reached, refused the credentials or the query, or timed out."""

    kind = "remote"


class EndpointTimeout(EndpointError):
    """The server gave no complete answer before the deadline."""


def printable(text: str, limit: int = QUOTED_CHARACTERS) -> str:
    """``text`` from a server, safe to put in a message: escaped and cut at ``limit``."""
    return escaped(text, limit=limit)


def checked_url(url: str) -> str:
    """``url`` if it is an http:// or https:// URL with a host and no credentials in it;
    otherwise a SpacecoopError naming it (without what looks like credentials)."""
    shown = printable(without_credentials(url))
    if "@" in url:
        raise UsageError("a URL with credentials (user:password@) is refused: give the user name and "
                             "password separately (write a literal @ as %40)", source=shown)
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018 (a port that is not a number from 0 to 65535 raises ValueError)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname \
            or " " in url or has_unprintable(url):
        raise UsageError("not an http:// or https:// URL with a host name", source=shown)
    return url


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server and how to reach it. The password is never shown.

    ``timeout`` is the deadline, in seconds, of each request as a whole; ``max_answer_bytes``
    caps each answer."""

    url: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    auth: str = "digest"  # or "basic"
    timeout: float = 60.0
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES

    def __post_init__(self):
        checked_url(self.url)
        if self.auth not in ("digest", "basic"):
            raise SpacecoopError(f"unknown authentication scheme {printable(str(self.auth))!r}: "
                                 "digest or basic", source=self.url)
        if not (isinstance(self.timeout, (int, float)) and 0 < self.timeout <= MAX_TIMEOUT):
            raise SpacecoopError(f"the time limit must be more than 0 and at most {MAX_TIMEOUT:g} "
                                 f"seconds, not {self.timeout!r}", source=self.url)

    def __repr__(self) -> str:
        return f"Endpoint({self.url!r}, user={self.user!r})"

    def fail(self, cause: str) -> EndpointError:
        return EndpointError(cause, source=self.url)


@dataclass(frozen=True)
class Answer:
    """A server's successful answer: its headers and its body, read in full."""

    headers: Message
    body: bytes

    @property
    def media_type(self) -> str:
        """The Content-Type without its parameters, in lower case ("" when there is none)."""
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


class _Deadline:
    """The end of one exchange. When it comes, the exchange's sockets are shut down, which
    ends any read or write in progress however slowly the server sends; each socket
    operation (connecting, the TLS handshake) is also bounded by the time left."""

    def __init__(self, seconds: float):
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._over = False
        self._timer = threading.Timer(seconds, self._shut_down)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exception) -> None:
        self._timer.cancel()

    @property
    def passed(self) -> bool:
        return self._over or time.monotonic() >= self._end

    def remaining(self) -> float:
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self._over:
                self._shut(sock)

    def _shut_down(self) -> None:
        with self._lock:
            self._over = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    """A connection whose socket the deadline shuts down (urllib drops the connection's
    reference to it once the headers are in, but the response reads on from it)."""

    def __init__(self, *args, deadline: _Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def connect(self) -> None:
        self.timeout = self.deadline.remaining()
        super().connect()
        self.deadline.watch(self.sock)


class _WatchedHTTPSConnection(_WatchedHTTPConnection, http.client.HTTPSConnection):
    pass


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, request):
        return self.do_open(functools.partial(_WatchedHTTPConnection, deadline=self.deadline), request)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, request):
        return self.do_open(functools.partial(_WatchedHTTPSConnection, deadline=self.deadline), request,
                            context=self._context)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Leaves every 3xx answer as an error: nothing, credentials least of all, goes elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


def send_request(endpoint: Endpoint, request: urllib.request.Request, source: str) -> Answer:
    """Send ``request`` with ``endpoint``'s credentials, within its deadline and size cap,
    turning every failure into a one-line EndpointError about ``source``."""
    request.add_header("User-Agent", _USER_AGENT)
    with _Deadline(endpoint.timeout) as deadline:
        handlers = [_WatchedHTTPHandler(deadline), _WatchedHTTPSHandler(deadline), _NoRedirects()]
        if endpoint.user is not None and endpoint.auth == "basic":
            token = base64.b64encode(f"{endpoint.user}:{endpoint.password or ''}".encode()).decode("ascii")
            request.add_unredirected_header("Authorization", f"Basic {token}")
        elif endpoint.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, request.full_url, endpoint.user, endpoint.password or "")
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
        opener = urllib.request.build_opener(*handlers)  # this request's own: never installed
        try:
            with opener.open(request) as response:
                body = _read_capped(response, endpoint.max_answer_bytes, deadline, source)
                return Answer(response.headers, body)
        except urllib.error.HTTPError as error:
            with error:
                raise _refusal(error, request.full_url, source, deadline) from None
        except (OSError, http.client.HTTPException) as error:
            cause = getattr(error, "reason", error)  # urllib wraps what failed in a URLError
            if deadline.passed or isinstance(cause, TimeoutError):
                raise EndpointTimeout(f"no complete answer within {endpoint.timeout:g} s",
                                      source=source) from None
            detail = printable(str(cause) or type(cause).__name__)
            if isinstance(error, urllib.error.URLError):
                raise EndpointError(f"cannot connect: {detail}", source=source) from None
            raise EndpointError(f"the answer broke off: {detail}", source=source) from None


def _read_capped(response, max_bytes: int, deadline: _Deadline, source: str) -> bytes:
    """The body of ``response``, refused as soon as it is known to be over ``max_bytes``."""
    too_large = EndpointError(f"the answer is larger than the size limit of {max_bytes} bytes", source=source)
    declared = response.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise too_large
    body = bytearray()
    while chunk := response.read1(_READ_SIZE):
        body += chunk
        if len(body) > max_bytes:
            raise too_large
    if deadline.passed:  # the socket was shut down: the end of the body is not its end
        raise TimeoutError("deadline passed")
    if response.length:
        raise http.client.IncompleteRead(bytes(body), response.length)
    return bytes(body)


def _refusal(error: urllib.error.HTTPError, url: str, source: str, deadline: _Deadline) -> EndpointError:
    """The one-line error for an HTTP error status (with the first line of the server's text)."""
    code = error.code
    if code == 401:
        return EndpointError("the server refused the credentials (HTTP 401)", source=source)
    if code == 404:
        return EndpointError("no SPARQL endpoint at this address (HTTP 404)", source=source)
    location = error.headers.get("Location")
    if 300 <= code < 400 and location:
        target = printable(without_credentials(urllib.parse.urljoin(url, location)))
        return EndpointError(f"the server redirects (HTTP {code}) to {target}; redirects are not followed: "
                             "give that address instead", source=source)
    first_line = ""
    with suppress(OSError, http.client.HTTPException):
        if not deadline.passed:
            text = error.read(QUOTED_CHARACTERS * 4).decode("utf-8", "replace")
            first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if code == 400:
        cause = "the server rejected the query (HTTP 400)"
    elif code == 500:
        cause = "the server failed on the query (HTTP 500)"
    else:
        cause = f"HTTP {code} {printable(str(error.reason or ''), 80)}".rstrip()
    return EndpointError(f"{cause}: {printable(first_line)}" if first_line else cause, source=source)


def send_protocol(endpoint: Endpoint, url: str, parameters: list[tuple[str, str]], accept: str,
                  post: bool = False) -> Answer:
    """A SPARQL 1.1 Protocol request: GET with the parameters in the URL when short, else a
    form-encoded POST."""
    encoded = urllib.parse.urlencode(parameters)
    headers = {"Accept": accept}
    if post or len(encoded) > GET_LIMIT:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(url, data=encoded.encode("ascii"), method="POST", headers=headers)
    else:
        separator = "&" if urllib.parse.urlsplit(url).query else "?"
        request = urllib.request.Request(f"{url}{separator}{encoded}", method="GET", headers=headers)
    return send_request(endpoint, request, url)


class RemoteRunner:
    """Runs queries on a SPARQL server, reading the given named graphs as the default graph;
    GRAPH patterns see ``named_graphs`` (none given: what the server shows by default)."""

    def __init__(self, endpoint: Endpoint, graphs: list[str], named_graphs: list[str] = ()):
        self.endpoint = endpoint
        self.graphs = graphs
        self.named_graphs = list(named_graphs)

    def run(self, text: str, bindings: dict[str, object] | None = None, limits: Limits = Limits(),
            source: str = "query", prefixes: dict | None = None) -> QueryResult:
        query = with_values(text, {name: term.n3() for name, term in (bindings or {}).items()}, source)
        if prefixes:
            declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items())
            query = declared + query
        kind = query_form(query, source)
        graph_result = kind in ("CONSTRUCT", "DESCRIBE")
        parameters = [("query", query)] + [("default-graph-uri", graph) for graph in self.graphs] \
            + [("named-graph-uri", graph) for graph in self.named_graphs]
        answer = send_protocol(self.endpoint, self.endpoint.url, parameters,
                               GRAPH_ACCEPT if graph_result else TABLE_ACCEPT)
        cut_at = answer.headers.get("X-SPARQL-MaxRows")
        if cut_at is not None:
            cut_at = printable(cut_at, 20)
            raise self.endpoint.fail(f"the server cut the result at its row limit ({cut_at} rows: "
                                     "ResultSetMaxRows in virtuoso.ini); the answer would be incomplete")
        try:
            if graph_result:
                return QueryResult(kind, graph=_graph_from(answer, self.endpoint.url))
            return _table_from(answer, kind, limits.max_rows)
        except (ValueError, RecursionError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise self.endpoint.fail(f"unreadable answer: {printable(reason)}") from None


def _graph_from(answer: Answer, base: str) -> Graph:
    """The graph of a CONSTRUCT or DESCRIBE answer, parsed as its Content-Type says."""
    rdf_format = GRAPH_PARSERS.get(answer.media_type)
    if rdf_format is None:
        raise ValueError(f"a graph in an unexpected format ({answer.media_type or 'no Content-Type'})")
    if rdf_format == "xml" and (b"\0" in answer.body or re.search(rb"<!(DOCTYPE|ENTITY)", answer.body)):
        raise ValueError("RDF/XML with a DOCTYPE or ENTITY declaration, or not in UTF-8, is refused "
                         "(entity expansion)")
    try:
        return Graph().parse(data=answer.body, format=rdf_format, publicID=base)
    except (ValueError, RecursionError):
        raise
    except Exception as error:  # rdflib's parsers raise many unrelated types
        raise ValueError(str(error) or type(error).__name__) from None


def _table_from(answer: Answer, kind: str, max_rows: int) -> QueryResult:
    """The result of a SELECT or ASK in SPARQL 1.1 JSON; a ValueError says what is amiss."""
    try:
        document = json.loads(answer.body)
    except ValueError as error:
        media_type = answer.media_type or "no Content-Type"
        raise ValueError(f"not SPARQL JSON results ({media_type}): {error}") from None
    if not isinstance(document, dict):
        raise ValueError(f"a JSON {type(document).__name__} where an object was expected")
    if kind == "ASK":
        if not isinstance(document.get("boolean"), bool):
            raise ValueError('no "boolean" true or false in the answer to an ASK query')
        return QueryResult("ASK", boolean=document["boolean"])
    head, results = document.get("head"), document.get("results")
    variables = head.get("vars") if isinstance(head, dict) else None
    if not isinstance(variables, list) or not all(isinstance(name, str) for name in variables):
        raise ValueError('no "head" with a list of "vars"')
    rows = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(rows, list):
        raise ValueError('no "results" with a list of "bindings"')
    kept = []
    for number, row in enumerate(rows[:max_rows], start=1):
        if not isinstance(row, dict):
            raise ValueError(f"row {number} is not a JSON object")
        kept.append(tuple(_term(row.get(name), number) for name in variables))
    return QueryResult("SELECT", variables=variables, rows=kept, truncated=len(rows) > max_rows)


def _term(binding, row: int):
    if binding is None:
        return None
    if not (isinstance(binding, dict) and isinstance(binding.get("type"), str)
            and isinstance(binding.get("value"), str)):
        raise ValueError(f'row {row}: a value is not an object with a "type" and a "value"')
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind not in ("literal", "typed-literal"):  # Virtuoso writes "typed-literal"
        raise ValueError(f"row {row}: unknown term type {kind!r}")
    language, datatype = binding.get("xml:lang"), binding.get("datatype")
    if not isinstance(language, (str, type(None))) or not isinstance(datatype, (str, type(None))):
        raise ValueError(f'row {row}: a literal\'s "xml:lang" or "datatype" is not a string')
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=URIRef(datatype) if datatype else None)
