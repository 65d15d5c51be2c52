"""The SPARQL editor at /editor: YASGUI (vendored under /static/vendor/yasgui/) on this
server's own /sparql, with the project's prefixes declared and the saved queries offered as
examples.

``/editor`` is the page (``?query=TEXT`` opens it with that query, and runs it);
``/editor/examples.json`` gives every saved query's text as the server runs it with its
parameters' defaults (bound in a VALUES block), which the page loads when an example is
chosen. The page's script is static/editor.js: it turns off everything of YASGUI's that
would call another site (the endpoint catalogue, the LOV autocompleters).
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..namespaces import BASE, PREFIXES
from ..query_text import with_values
from ..saved_queries import ParameterError, SavedQuery
from .answering import AnyMethod, refuse_method
from .app import Service
from .templating import render


def routes(service: Service) -> list[Route]:
    editor = Editor(service)
    return [Route("/editor", AnyMethod(editor.page), name="editor"),
            Route("/editor/examples.json", AnyMethod(editor.examples), name="editor-examples")]


def example(saved: SavedQuery) -> dict:
    """A saved query as the editor offers it: its text with the parameters' defaults bound,
    exactly what the server runs for /queries/NAME without parameters."""
    try:
        bound = {name: term.n3() for name, term in saved.bindings({}).items()}
    except ParameterError:  # a parameter with no default: the text as it is, to be completed
        bound = {}
    return {"name": saved.name, "title": saved.title, "description": saved.description,
            "reasoning": saved.reasoning, "query": with_values(saved.text, bound, str(saved.path))}


class Editor:
    """The editor's handlers for one :class:`Service` (the examples are made once: the
    saved queries do not change while the server runs)."""

    def __init__(self, service: Service):
        self.service = service
        self._examples: bytes | None = None

    async def page(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the editor is read with GET")
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        return render(request, "editor.html", title="SPARQL editor",
                      examples=self.service.kg.catalogue.values(), prefixes=prefixes, base=BASE,
                      prefixes_json=json.dumps(prefixes, separators=(",", ":")))

    async def examples(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the examples are read with GET")
        if self._examples is None:
            entries = [example(saved) for saved in self.service.kg.catalogue.values()]
            self._examples = (json.dumps(entries, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
        return Response(self._examples, media_type="application/json")
