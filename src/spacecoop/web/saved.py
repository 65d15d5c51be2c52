"""The saved queries over HTTP, Datasette style.

``/queries.json`` is the catalogue. ``/queries/NAME.json`` (``.csv``, ``.tsv``, ``.xml``) is
the answer of a SELECT or ASK query, ``/queries/NAME.ttl`` (``.nt``, ``.jsonld``, ``.rdf``,
``.nq``) that of a CONSTRUCT query, the same text as the command line prints for the query;
``/queries/NAME`` chooses by the Accept header; a browser (and ``/queries/NAME.html``) is sent
to the question's page, ``/questions/NAME`` (:mod:`.questions`), with the same parameters.
The query's parameters are URL parameters (``?mission=mission:mmx``), typed and checked as on
the command line; options of the request start with an underscore, which no parameter name
does: ``_reasoning=on|off`` overrides the query's own default, ``_timeout=SECONDS`` lowers
the server's deadline.
"""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from ..answers import Answer, rendered
from ..errors import SpacecoopError, UsageError
from ..formats import DOCUMENT_SUFFIXES
from ..saved_queries import SavedQuery, find_query
from .answering import (GRAPH_ANSWERS, TABLE_ANSWERS, AnyMethod, answer_response, answered, chosen_format,
                        offered_formats, query_limits, refuse_method, single)
from .app import Service

#: The suffix of each format's URL: a table format's name, a document's file suffix.
SUFFIXES = {**{name: name for name in TABLE_ANSWERS},
            **{DOCUMENT_SUFFIXES[name].lstrip("."): name for name in (*GRAPH_ANSWERS, "html")}}
SUFFIX_OF = {name: suffix for suffix, name in SUFFIXES.items()}
#: The options of a request (not parameters of the query).
OPTIONS = ("_reasoning", "_timeout")
SWITCH = {"on": True, "off": False}


def routes(service: Service) -> list[Route]:
    service.kg.catalogue  # read the queries/ folder now, not during the first request
    saved = SavedQueries(service)
    return [Route("/queries.json", AnyMethod(saved.catalogue), name="saved-queries"),
            Route("/queries/{name}", AnyMethod(saved.answer), name="saved-query")]


class SavedQueries:
    """The handlers of the saved queries for one :class:`Service`."""

    def __init__(self, service: Service):
        self.service = service

    async def catalogue(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the catalogue is read with GET")
        entries = [self._entry(request, saved) for saved in self.service.kg.catalogue.values()]
        return Response(json.dumps(entries, indent=2, ensure_ascii=False) + "\n", media_type="application/json")

    def _entry(self, request: Request, saved: SavedQuery) -> dict:
        url = str(request.url_for("saved-query", name=saved.name))
        return {
            "name": saved.name, "title": saved.title, "description": saved.description,
            "tags": list(saved.tags), "reasoning": saved.reasoning,
            "parameters": [{"name": parameter.name, "type": parameter.type, "optional": parameter.optional,
                            "default": parameter.default, "description": parameter.description}
                           for parameter in saved.parameters],
            "url": url,
            "page": str(request.url_for("question", name=saved.name)),
            "formats": {name: f"{url}.{SUFFIX_OF[name]}" for name in _formats(saved)},
        }

    async def answer(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "saved queries are read with GET")
        name, suffix = _split(request.path_params["name"])
        saved = find_query(self.service.kg.catalogue, name)
        offered = (*offered_formats(saved.form), "html")
        if suffix is None:
            output_format = chosen_format(request, offered)
        elif SUFFIXES[suffix] in offered:
            output_format = SUFFIXES[suffix]
        else:
            answers_as = ", ".join(f".{SUFFIX_OF[name]}" for name in offered)
            raise HTTPException(404, f"{saved.name} has no .{suffix} answer: it answers as {answers_as}")
        if output_format == "html":  # people read the question's page, with its form
            page = request.url_for("question", name=saved.name).path
            return RedirectResponse(page + (f"?{request.url.query}" if request.url.query else ""), 303)
        values, reasoning, timeout = request_parameters(request.query_params.multi_items())
        return answer_response(await saved_answer(self.service, saved, values, reasoning, timeout, output_format))


async def saved_answer(service: Service, saved: SavedQuery, values: dict[str, str], reasoning: bool | None,
                       timeout: str | None, output_format: str) -> Answer:
    """The answer of ``saved`` with the parameter ``values`` in ``output_format``: kept from
    an earlier request, else run in the thread pool (see :func:`.answering.answered`)."""
    limits = query_limits(service, timeout)

    def compute() -> Answer:
        return rendered(service.kg.query(saved.name, values, reasoning=reasoning, limits=limits), output_format)
    question = ("saved", saved.name, tuple(sorted(values.items())), reasoning, output_format)
    return await answered(service, question, compute)


def _split(path_name: str) -> tuple[str, str | None]:
    """The query's name and the suffix naming a format (None without one)."""
    name, dot, suffix = path_name.rpartition(".")
    return (name, suffix) if dot and suffix in SUFFIXES else (path_name, None)


def _formats(saved: SavedQuery) -> tuple[str, ...]:
    """The formats ``saved`` answers in (none for a query file that is no query)."""
    try:
        return offered_formats(saved.form)
    except SpacecoopError:
        return ()


def request_parameters(items: list[tuple[str, str]]) -> tuple[dict[str, str], bool | None, str | None]:
    """The query's parameter values among the URL parameters ``items``, and the request's
    options: reasoning (None: the query's default) and timeout."""
    given: dict[str, list[str]] = {}
    for key, value in items:
        given.setdefault(key, []).append(value)
    unknown = sorted(key for key in given if key.startswith("_") and key not in OPTIONS)
    if unknown:
        raise UsageError(f"unknown option(s) {', '.join(unknown)} (accepted: {', '.join(OPTIONS)})")
    values = {key: single(value, key) for key, value in given.items() if not key.startswith("_")}
    switch = single(given.get("_reasoning", []), "_reasoning")
    if switch is not None and switch not in SWITCH:
        raise UsageError(f"_reasoning={switch!r}: give on or off")
    return values, None if switch is None else SWITCH[switch], single(given.get("_timeout", []), "_timeout")
