"""The ASGI application: one route table built from the web face's modules, and the one
place that turns the core's errors into HTTP answers.

Every route reads the knowledge graph through :class:`Service`; blocking work (a query in
its worker, a description read from the store) runs in Starlette's thread pool, so a slow
query never holds up the event loop or the other requests.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..errors import SpacecoopError
from ..formats import (DEFAULT_MAX_QUERY_BYTES, DEFAULT_QUERY_WORKERS, DEFAULT_SERVER_MAX_ROWS, DEFAULT_SERVER_TIMEOUT,
                       READY_WORKERS, Limits)
from ..kg import KnowledgeGraph
from .templating import CONTENT_SECURITY_POLICY, STATIC
from .answer_cache import AnswerCache

#: The HTTP status of each kind of core error (errors.KINDS).
STATUS_OF_KIND = {
    "usage": 400,
    "input": 400,
    "not-found": 404,
    "refused": 403,
    "timeout": 503,
    "remote": 502,
    "invalid-data": 500,
}

#: What a client can change to get past an error, for each hint the core gives (errors.HINTS),
#: in the words of HTTP: the URL parameters this server reads.
HINT_WORDS = {
    "timeout": "the server's deadline per query; simplify the query or ask the server's operator",
    "max-rows": "the server's row cap; page through the result with LIMIT and OFFSET",
    "format": "ask for another format in the Accept header or the format parameter",
    "queries": "the saved queries are listed at /queries.json",
}


@dataclass(frozen=True)
class ServerSettings:
    """What the server allows each request: a query's deadline and row cap (``limits``) and
    the size of a query's text in bytes; and how many queries run at once (each in a worker
    process: ``workers``)."""

    limits: Limits = field(default_factory=lambda: Limits(DEFAULT_SERVER_TIMEOUT, DEFAULT_SERVER_MAX_ROWS))
    max_query_bytes: int = DEFAULT_MAX_QUERY_BYTES
    workers: int = DEFAULT_QUERY_WORKERS


@dataclass(frozen=True)
class Service:
    """What the routes share: the knowledge graph, the server's settings and the answers
    already given."""

    kg: KnowledgeGraph
    settings: ServerSettings
    answers: AnswerCache = field(default_factory=AnswerCache)


def error_response(request: Request, error: SpacecoopError) -> Response:
    """A core error as one line of plain text, with the status of its kind."""
    message = str(error)
    if error.hint in HINT_WORDS:
        message += f" ({HINT_WORDS[error.hint]})"
    return PlainTextResponse(message.replace("\n", " ") + "\n", status_code=STATUS_OF_KIND.get(error.kind, 400))


class SecurityHeaders:
    """Adds to every response the headers that keep a page to this server's own content:
    the Content-Security-Policy (no inline script, nothing loaded from elsewhere), no
    content-type sniffing, no referrer sent to other sites."""

    HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode("ascii")),
               (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"same-origin")]

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.HEADERS]}
            await send(message)
        await self.app(scope, receive, send_with_headers)


def create_app(kg: KnowledgeGraph, settings: ServerSettings = ServerSettings()) -> Starlette:
    """The application serving ``kg``, read-only."""
    from . import editor, entities, linked_data, questions, saved, sparql, views
    service = Service(kg, settings)
    routes = [*sparql.routes(service), *saved.routes(service),
              *entities.routes(service), *questions.routes(service), *editor.routes(service), *views.routes(service),
              *linked_data.routes(service),
              Mount("/static", StaticFiles(directory=STATIC), name="static")]


    @asynccontextmanager
    async def lifespan(app):
        with kg.query_workers(min(READY_WORKERS, settings.workers), settings.workers):
            yield

    return Starlette(
        routes=routes,
        lifespan=lifespan,
        exception_handlers={SpacecoopError: error_response},
        middleware=[Middleware(SecurityHeaders),
                    Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"])],
    )
