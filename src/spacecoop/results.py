"""One result object for every engine (rdflib here, a SPARQL server over the SPARQL 1.1 Protocol),
and its output formats: a table for people, SPARQL 1.1 JSON / XML, CSV, TSV for programs,
Turtle / N-Triples / JSON-LD / RDF/XML / N-Quads for graphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .errors import UsageError
from .export import serialize
from .formats import GRAPH_FORMATS, TABLE_FORMATS
from .namespaces import bind_prefixes


@dataclass
class QueryResult:
    """What a query returned: ``kind`` is "SELECT", "ASK" or "CONSTRUCT" (DESCRIBE too).

    ``rows`` hold rdflib terms (None where a variable is unbound), in the engine's order;
    ``truncated`` says the row cap cut the result.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False

    def as_dicts(self) -> list[dict[str, object]]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def render(self, output_format: str, prefixes: Graph | None = None) -> str:
        """Text of the result in ``output_format`` (see TABLE_FORMATS and GRAPH_FORMATS)."""
        if self.kind in ("CONSTRUCT", "DESCRIBE"):
            if output_format == "table":
                output_format = "turtle"
            if output_format not in GRAPH_FORMATS:
                raise UsageError(f"a {self.kind} result is a graph: choose one of the formats "
                                 f"{', '.join(GRAPH_FORMATS)}", hint="format")
            if output_format == "nquads":  # the result is a graph: its N-Triples are N-Quads in the default graph
                output_format = "nt"
            return serialize({"result": self.graph}, output_format)
        if output_format not in TABLE_FORMATS:
            raise UsageError(f"a {self.kind} result is a table: choose one of the formats "
                             f"{', '.join(TABLE_FORMATS)}", hint="format")
        if output_format == "table":
            return self._table(prefixes)
        if output_format == "tsv":
            return self._tsv()
        if output_format == "csv" and self.kind == "ASK":  # as Jena writes it; SPARQL defines none
            return "_askResult\r\n" + ("true" if self.boolean else "false") + "\r\n"
        return self._rdflib_result().serialize(format=output_format).decode("utf-8")

    def _tsv(self) -> str:
        """SPARQL 1.1 TSV: a header of ?variables, then each term in N-Triples syntax
        (rdflib reads this format but does not write it)."""
        if self.kind == "ASK":
            return "?_askResult\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join(f"?{name}" for name in self.variables)]
        for row in self.rows:
            lines.append("\t".join("" if value is None else value.n3().replace("\t", "\\t")
                                   for value in row))
        return "\n".join(lines) + "\n"

    def _rdflib_result(self) -> Result:
        result = Result(self.kind)
        if self.kind == "ASK":
            result.askAnswer = bool(self.boolean)
        else:
            result.vars = [Variable(name) for name in self.variables]
            result.bindings = [
                {Variable(name): value for name, value in zip(self.variables, row) if value is not None}
                for row in self.rows]
        return result

    def _table(self, prefixes: Graph | None) -> str:
        if self.kind == "ASK":
            return "yes" if self.boolean else "no"
        namespaces = bind_prefixes(Graph()) if prefixes is None else prefixes
        cells = [[_cell(value, namespaces) for value in row] for row in self.rows]
        from tabulate import tabulate  # only here: importing it takes a noticeable 40 ms
        text = tabulate(cells, headers=self.variables, tablefmt="simple", disable_numparse=True)
        count = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        if self.truncated:
            count += " (cut at the row cap)"
        return f"{text}\n\n{count}" if self.rows else count


def _cell(value, namespaces: Graph) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        try:
            return namespaces.namespace_manager.normalizeUri(value)
        except Exception:
            return f"<{value}>"
    if isinstance(value, BNode):
        return f"_:{value}"
    if isinstance(value, Literal):
        return str(value)
    return str(value)
