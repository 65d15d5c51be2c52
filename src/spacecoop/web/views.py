"""The timeline and the network view.

``/timeline`` shows meetings, visits, mission milestones, other events and agreements on a
vis-timeline (vendored under /static/vendor/vis-timeline/), planned and done told apart,
approximate dates drawn as such, with filters by mission, organisation and person; its data
is ``/timeline.json``. ``/network`` shows who met whom (``?view=people``) or who contributes
to which mission (``?view=contributions``) as a vis-network graph; its data is
``/network.json?view=…``. The pages' scripts (static/timeline.js, static/network.js) read
the JSON; every item and node carries ``url``, its page on this server.

The data comes from :mod:`spacecoop.views_data`, computed once in the thread pool (the
graph does not change while the server runs) and kept as JSON bytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import UsageError
from ..views_data import NETWORK_VIEWS, network_data, timeline_data
from .answering import AnyMethod, refuse_method
from .app import Service
from .templating import href, render

#: What each network view is called on its page.
VIEW_TITLES = {"people": "Who met whom", "contributions": "Who contributes to which mission"}
#: The filters of the timeline: URL parameter, facet of the data, words.
FILTERS = (("mission", "missions", "Mission"), ("organisation", "organisations", "Organisation"),
           ("person", "people", "Person"))


def routes(service: Service) -> list[Route]:
    views = Views(service)
    return [Route("/timeline", AnyMethod(views.timeline_page), name="timeline"),
            Route("/timeline.json", AnyMethod(views.timeline_json), name="timeline-json"),
            Route("/network", AnyMethod(views.network_page), name="network"),
            Route("/network.json", AnyMethod(views.network_json), name="network-json")]


class Views:
    """The handlers of the two views for one :class:`Service`, and their data made once."""

    def __init__(self, service: Service):
        self.service = service
        self._made: dict[str, tuple[dict, bytes]] = {}
        self._lock = threading.Lock()

    async def _data(self, key: str, make: Callable[[], dict]) -> tuple[dict, bytes]:
        """The data ``make`` computes (with each node's local URL added) and its JSON, made
        on first need, in the thread pool, by one thread (the others wait)."""
        def made() -> tuple[dict, bytes]:
            with self._lock:
                if key not in self._made:
                    data = with_urls(make())
                    self._made[key] = data, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
                return self._made[key]
        return self._made.get(key) or await run_in_threadpool(made)

    # ------------------------------------------------------------ timeline

    async def timeline_page(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the timeline is read with GET")
        data, _ = await self._data("timeline", lambda: timeline_data(self.service.kg))
        filters = [{"name": name, "words": words, "options": data[facet],
                    "chosen": request.query_params.get(name, "")} for name, facet, words in FILTERS]
        return render(request, "timeline.html", title="Timeline", data=data, filters=filters,
                      json_url=request.url_for("timeline-json").path)

    async def timeline_json(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the timeline's data is read with GET")
        _, body = await self._data("timeline", lambda: timeline_data(self.service.kg))
        return Response(body, media_type="application/json")

    # ------------------------------------------------------------ network

    async def network_page(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the network view is read with GET")
        view = _view(request)
        data, _ = await self._data(view, lambda: network_data(self.service.kg, view))
        nodes = {node["id"]: node for node in data["nodes"]}
        return render(request, "network.html", title=f"Network: {VIEW_TITLES[view]}", view=view,
                      views=VIEW_TITLES, data=data, nodes=nodes,
                      json_url=request.url_for("network-json").path + f"?view={view}")

    async def network_json(self, request: Request) -> Response:
        refuse_method(request, ("GET", "HEAD"), "the network's data is read with GET")
        view = _view(request)
        _, body = await self._data(view, lambda: network_data(self.service.kg, view))
        return Response(body, media_type="application/json")


def _view(request: Request) -> str:
    view = request.query_params.get("view", "people")
    if view not in NETWORK_VIEWS:
        raise UsageError(f"view={view!r}: no such network view (views: {', '.join(NETWORK_VIEWS)})")
    return view


def with_urls(data: dict) -> dict:
    """``data`` with ``url``, the local page (or None), beside the ``id`` of every item, node,
    meeting, contribution, release and filter value in it (an edge's id names no node)."""
    if isinstance(data, dict):
        copy = {key: with_urls(value) for key, value in data.items()}
        if isinstance(data.get("id"), str) and "from" not in data:
            copy["url"] = href(data["id"])
        return copy
    if isinstance(data, list):
        return [with_urls(value) for value in data]
    return data
