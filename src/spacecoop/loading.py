"""Parse RDF files into rdflib graphs, turning parser failures into
:class:`RDFSyntaxError` with the file, line and column at fault."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import RDFSyntaxError
from .namespaces import bind_prefixes

#: File suffixes the loader reads, and the rdflib parser for each.
FORMATS_BY_SUFFIX = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}


def rdf_format_for(path: Path) -> str:
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix!r} (known: {known})",
                             source=str(path)) from None


def parse_rdf_text(text: str, rdf_format: str, source: str, into: Graph | None = None,
                   base: str | None = None) -> Graph:
    """Parse ``text`` into ``into`` (a new graph by default); raise RDFSyntaxError on failure.

    Relative IRIs resolve against ``base`` (default: the file's own URI)."""
    graph = bind_prefixes(Graph()) if into is None else into
    try:
        graph.parse(data=text, format=rdf_format, publicID=base or Path(source).resolve().as_uri())
    except BadSyntax as error:
        line, column = _line_and_column(text, error)
        raise RDFSyntaxError(f"syntax error: {error._why}", source, line, column) from None
    except Exception as error:  # rdflib's parsers raise many unrelated types
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RDFSyntaxError(f"cannot parse as {rdf_format}: {message}", source,
                             _line_of_quoted_text(text, message)) from None
    return graph


def parse_rdf_file(path: Path, into: Graph | None = None) -> Graph:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RDFSyntaxError("no such file", str(path)) from None
    except UnicodeDecodeError as error:
        raise RDFSyntaxError(f"not UTF-8 text (byte {error.start})", str(path)) from None
    return parse_rdf_text(text, rdf_format_for(path), str(path), into)


def load_files(paths: tuple[Path, ...] | list[Path]) -> Graph:
    """Parse every file into one graph."""
    graph = bind_prefixes(Graph())
    for path in paths:
        parse_rdf_file(path, into=graph)
    return graph


def _line_and_column(text: str, error: BadSyntax) -> tuple[int, int]:
    """1-based line and column of a notation3 parser error."""
    offset = min(getattr(error, "_i", 0), len(text))
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _line_of_quoted_text(text: str, message: str) -> int | None:
    """Parsers that report a faulty line by quoting it (N-Triples): find where it is."""
    match = re.search(r"Invalid line:\s*(.+)$", message)
    if not match:
        return None
    quoted = match.group(1).strip()
    for number, line in enumerate(text.splitlines(), start=1):
        if quoted and line.strip().endswith(quoted):  # rdflib quotes the unread rest of the line
            return number
    return None
