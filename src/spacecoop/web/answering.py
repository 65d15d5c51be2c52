"""What /sparql and the saved queries share: the formats offered for each form of query, the
request's choice among them, its limits, and the answer itself — run in the thread pool,
rendered as the command line renders it, kept in memory for the next client (see
:mod:`.answer_cache`) — sent with the headers every answer carries.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..answers import Answer
from ..errors import SpacecoopError, UsageError
from ..formats import MEDIA_TYPES, Limits
from .app import Service, error_response
from .negotiation import choose, media_type

#: The formats offered for a table (SELECT, ASK) and for a graph (CONSTRUCT, DESCRIBE), the
#: server's preference first (the answer when the client states none).
TABLE_ANSWERS = ("json", "xml", "csv", "tsv")
GRAPH_ANSWERS = ("turtle", "nt", "jsonld", "rdfxml", "nquads")

#: Other names a ``format`` URL parameter may give (SPARQLWrapper sends its own, and sends
#: "json" and "xml" for a graph too, meaning JSON-LD and RDF/XML).
FORMAT_ALIASES = {
    "ttl": "turtle", "n3": "turtle", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld",
    "rdf": "rdfxml", "rdf+xml": "rdfxml", "nq": "nquads", "n-quads": "nquads",
}
GRAPH_ALIASES = {"json": "jsonld", "xml": "rdfxml"}

#: The response header saying that the row cap cut the answer, and after how many rows.
ROWS_CUT_HEADER = "Spacecoop-Rows-Cut-At"


def offered_formats(form: str) -> tuple[str, ...]:
    """The formats an answer of a query of ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE) comes in."""
    return GRAPH_ANSWERS if form in ("CONSTRUCT", "DESCRIBE") else TABLE_ANSWERS


def chosen_format(request: Request, offered: tuple[str, ...], named: list[str] = ()) -> str:
    """The format of the answer: the first of ``named`` (the ``format`` parameter: a format's
    name or a media type) that is offered, else the one the Accept header prefers. A name
    offered by none is a 400; an Accept header nothing offered satisfies, a 406."""
    for value in named:
        name = value.strip().lower()
        name = FORMAT_ALIASES.get(name, name)
        if offered == GRAPH_ANSWERS:
            name = GRAPH_ALIASES.get(name, name)
        if name in offered:
            return name
        if "/" in name and (by_media_type := choose(name, list(offered))):
            return by_media_type
    if named:
        raise UsageError(f"format {named[0]!r} is not offered for this query: choose one of {', '.join(offered)}")
    chosen = choose(request.headers.get("accept"), list(offered))
    if chosen is None:
        raise HTTPException(406, "none of the formats the Accept header allows is offered; this "
                                 f"answer comes as {', '.join(media_type(name) for name in offered)}")
    return chosen


def query_limits(service: Service, timeout: str | None) -> Limits:
    """The server's limits, with the deadline lowered to ``timeout`` seconds if the client
    asks (a client cannot raise it)."""
    limits = service.settings.limits
    if timeout is None:
        return limits
    try:
        seconds = float(timeout)
        if not seconds > 0:
            raise ValueError
    except ValueError:
        raise UsageError(f"timeout={timeout!r}: not a number of seconds above 0") from None
    return Limits(min(seconds, limits.timeout), limits.max_rows)


async def answered(service: Service, question: Hashable, compute: Callable[[], Answer]) -> Answer:
    """The answer to ``question``: kept from an earlier request, else ``compute()`` run in
    the thread pool (so that a slow query holds up no other request) and kept."""
    answer = service.answers.get(question)
    if answer is None:
        answer = await run_in_threadpool(compute)
        service.answers.put(question, answer)
    return answer


def answer_response(answer: Answer) -> Response:
    """``answer`` with its media type, and a header saying so when the row cap cut it."""
    headers = {ROWS_CUT_HEADER: str(answer.cut_at)} if answer.cut_at is not None else {}
    return Response(answer.text.encode("utf-8"), media_type=MEDIA_TYPES[answer.output_format], headers=headers)


class AnyMethod:
    """An ASGI application answering every request with ``handler(request)``, whatever its
    method (so that a method it refuses gets our own 405 with the reason); errors become one
    line of text with their status, and every response says it varies with Accept."""

    def __init__(self, handler: Callable[[Request], Awaitable[Response]]):
        self.handler = handler

    async def __call__(self, scope, receive, send) -> None:
        request = Request(scope, receive)
        try:
            response = await self.handler(request)
        except SpacecoopError as error:
            response = error_response(request, error)
        except HTTPException as error:
            response = PlainTextResponse(error.detail.replace("\n", " ") + "\n", error.status_code,
                                         headers=error.headers)
        response.headers["Vary"] = "Accept"
        await response(scope, receive, send)


def refuse_method(request: Request, allowed: tuple[str, ...], reason: str) -> None:
    """A 405 naming the ``allowed`` methods, unless the request uses one of them."""
    if request.method not in allowed:
        raise HTTPException(405, f"{request.method} is not allowed here: {reason}",
                            headers={"Allow": ", ".join(allowed)})


def single(values: list[str], name: str) -> str | None:
    """The one value of the parameter ``name``, None if not given; given twice is a 400."""
    if len(values) > 1:
        raise UsageError(f"{name} is given {len(values)} times; give it once")
    return values[0] if values else None
