"""The ready questions, for people: ``/questions`` lists the saved queries by tag, and
``/questions/NAME`` is one question's page — its form (built from the typed parameters), its
answer as a table whose nodes link to their pages, its SPARQL, links to the answer as data
and to the editor with the parameters bound.

The form's values are the page's URL parameters, named as the query's parameters (and the
options ``_reasoning``, ``_timeout`` of ``/queries/NAME``), so the address reproduces the
page. An empty field is a value not given: the parameter's default, or none. The answer is
the one ``/queries/NAME.json`` sends (:func:`.saved.saved_answer`: kept in memory, computed
in the thread pool), read back into rows.

The documentation pages of the model (:mod:`.model`) are served with these routes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, replace
from urllib.parse import quote, urlencode

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .. import query_text
from ..answers import Answer
from ..errors import SpacecoopError
from ..formats import FORMAT_TITLES
from ..namespaces import PREFIXES, expand_iri
from ..saved_queries import SavedQuery, UnknownQueryError, find_query
from . import model
from .answering import offered_formats
from .app import HINT_WORDS, STATUS_OF_KIND, Service
from .saved import SUFFIX_OF, request_parameters, saved_answer
from .templating import href, prefixed, render

#: The most rows a page shows (the data formats give them all).
PAGE_ROWS = 500
#: How many nodes named like a name typed in a node field the page offers.
SUGGESTIONS = 5
#: The input of each parameter type.
INPUT_TYPES = {"iri": "text", "date": "date", "year": "number", "integer": "number", "string": "text"}
#: A column named like this beside a column ``x`` holds the label of ``x``'s node.
LABEL_SUFFIX = "Label"
#: Labels of the nodes of a graph answer.
LABEL_PROPERTIES = (RDFS.label, SKOS.prefLabel)
#: The project's prefixes, for the script that shows a picked node as a prefixed name.
PREFIX_MAP = json.dumps({prefix: str(namespace) for prefix, namespace in PREFIXES.items()}, sort_keys=True)


def routes(service: Service) -> list[Route]:
    questions = Questions(service)
    return [Route("/questions", questions.catalogue, name="questions"),
            Route("/questions/{name}", questions.question, name="question"),
            *model.routes(service)]


@dataclass(frozen=True)
class Cell:
    """One value of the answer as shown: its text, its link (None: plain text) and, for a
    node, its IRI (the link's title)."""

    text: str
    link: str | None = None
    iri: str | None = None


@dataclass(frozen=True)
class Field:
    """One input of a question's form: the parameter, the text in the field, the input's
    type and, for a node, its label, or the nodes named like the text when it names none
    (links to the page with each)."""

    parameter: object
    value: str
    input_type: str
    label: str | None
    suggestions: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Table:
    """An answer as a table: the headings, the rows shown, and how many rows there are."""

    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    count: int


class Questions:
    """The pages of the saved queries of one :class:`Service`."""

    def __init__(self, service: Service):
        self.service = service

    async def catalogue(self, request: Request) -> Response:
        return self._catalogue(request)

    def _catalogue(self, request: Request, message: str | None = None, status_code: int = 200) -> Response:
        catalogue = self.service.kg.catalogue
        groups: dict[str, list[SavedQuery]] = defaultdict(list)
        for saved in catalogue.values():
            for tag in saved.tags or ("other",):
                groups[tag].append(saved)
        return render(request, "questions.html", status_code, title="Ready questions", message=message,
                      count=len(catalogue), groups=sorted(groups.items()))

    async def question(self, request: Request) -> Response:
        try:
            saved = find_query(self.service.kg.catalogue, request.path_params["name"])
        except UnknownQueryError as error:
            return self._catalogue(request, str(error), 404)
        given = [(key, value) for key, value in request.query_params.multi_items() if value.strip()]
        shown = dict(given)
        context = {"saved": saved, "given": shown, "data_query": urlencode(given),
                   "formats": (), "editor": None, "result": None, "cut_at": None, "error": None}
        status_code = 200
        try:
            values, reasoning, timeout = request_parameters(given)
            formats = offered_formats(saved.form)
            context["formats"] = [(FORMAT_TITLES[name], SUFFIX_OF[name]) for name in formats]
            context["editor"] = "/editor?" + urlencode({"query": bound_text(saved, values)})
            answer = await saved_answer(self.service, saved, values, reasoning, timeout, formats[0])
            context["result"] = await run_in_threadpool(shown_answer, saved.form, answer)
            context["cut_at"] = answer.cut_at
        except SpacecoopError as error:
            context["error"] = str(error) + (f" ({HINT_WORDS[error.hint]})" if error.hint in HINT_WORDS else "")
            status_code = STATUS_OF_KIND.get(error.kind, 400)
        context["fields"] = await run_in_threadpool(self._fields, saved, shown)
        return await run_in_threadpool(render, request, "question.html", status_code, title=saved.title,
                                       prefixes=PREFIX_MAP, **context)

    def _fields(self, saved: SavedQuery, shown: dict[str, str]) -> list[Field]:
        fields = []
        for parameter in saved.parameters:
            value = shown.get(parameter.name, parameter.default or "")
            field = Field(parameter, value, INPUT_TYPES[parameter.type], None)
            if parameter.type == "iri" and value:
                field = self._node_field(field, saved, shown)
            fields.append(field)
        return fields

    def _node_field(self, field: Field, saved: SavedQuery, shown: dict[str, str]) -> Field:
        """``field`` with the label of the node its text names, or, when the text is no
        IRI (a name typed and not picked), the nodes named like it."""
        try:
            iri = expand_iri(field.value)
        except ValueError:
            matches = self.service.kg.search(field.value, SUGGESTIONS)
            name = field.parameter.name
            return replace(field, suggestions=tuple(
                (match.label or prefixed(match.node),
                 f"/questions/{quote(saved.name)}?" + urlencode({**shown, name: prefixed(match.node)}))
                for match in matches))
        found = self.service.kg.search(str(iri), 1)
        return replace(field, label=found[0].label if found and found[0].node == iri else None)


def bound_text(saved: SavedQuery, values: dict[str, str]) -> str:
    """The query's text with its parameters bound (a VALUES block), to run as it is."""
    terms = {name: term.n3() for name, term in saved.bindings(values).items()}
    return query_text.with_values(saved.text, terms, saved.name)


def shown_answer(form: str, answer: Answer) -> Table | bool:
    """The answer as the page shows it: a table (of rows, or of a graph's triples), or
    ASK's yes or no."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _graph_table(Graph().parse(data=answer.text, format="turtle"))
    result = json.loads(answer.text)
    if "boolean" in result:
        return bool(result["boolean"])
    return _rows_table(result["head"]["vars"], result["results"]["bindings"])


def _rows_table(variables: list[str], bindings: list[dict]) -> Table:
    """The rows of a SELECT answer (SPARQL JSON bindings); a column ``xLabel`` beside a
    column ``x`` becomes the link text of ``x``'s nodes."""
    labelled = {variable: variable + LABEL_SUFFIX for variable in variables if variable + LABEL_SUFFIX in variables}
    columns = [variable for variable in variables if variable not in labelled.values()]

    def cell(binding: dict, variable: str) -> Cell:
        value = binding.get(variable)
        label = binding.get(labelled.get(variable, ""), {}).get("value")
        if value is None:
            return Cell(label or "")
        if value["type"] == "uri":
            return _node_cell(value["value"], label)
        if value["type"] == "bnode":
            return Cell("_:" + value["value"])
        return Cell(value["value"] if label is None else f"{value['value']} ({label})")
    rows = tuple(tuple(cell(binding, variable) for variable in columns) for binding in bindings[:PAGE_ROWS])
    return Table(tuple(columns), rows, len(bindings))


def _graph_table(graph: Graph) -> Table:
    """A graph answer's triples, subject by subject; its labels are the link texts."""
    labels = {subject: str(value) for label_property in reversed(LABEL_PROPERTIES)
              for subject, value in graph.subject_objects(label_property)}
    triples = sorted((triple for triple in graph if triple[1] not in LABEL_PROPERTIES),
                     key=lambda triple: tuple(labels.get(term, str(term)) for term in triple))

    def cell(term) -> Cell:
        if isinstance(term, URIRef):
            return _node_cell(str(term), labels.get(term))
        return Cell(str(term) if isinstance(term, Literal) else f"_:{term}")
    rows = tuple(tuple(cell(term) for term in triple) for triple in triples[:PAGE_ROWS])
    return Table(("subject", "property", "value"), rows, len(triples))


def _node_cell(iri: str, label: str | None) -> Cell:
    return Cell(label or prefixed(iri), href(iri), iri)
