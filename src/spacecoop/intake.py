"""Reading RDF that a contributor brings: refuse what cannot be read safely or sensibly,
each time naming the file, the line where possible, and the problem.

Accepted: Turtle (.ttl), N-Triples (.nt), JSON-LD (.jsonld, .json) without remote
contexts, RDF/XML (.rdf, .owl, .xml) without a DOCTYPE (so no entity expansion).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import RDFSyntaxError
from .loading import parse_rdf_text
from .namespaces import bind_prefixes

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

INTAKE_FORMATS = {
    ".ttl": "turtle", ".nt": "nt",
    ".jsonld": "json-ld", ".json": "json-ld",
    ".rdf": "xml", ".owl": "xml", ".xml": "xml",
}
FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "json-ld": "JSON-LD", "xml": "RDF/XML"}

#: Relative IRIs are resolved against this base, then reported as errors.
_RELATIVE_BASE = "http://relative-iri.invalid/"


@dataclass
class NewTriples:
    """The triples of one contributed file, and where in it each node first appears."""

    path: Path
    graph: Graph
    text: str
    _lines: dict = field(default_factory=dict)

    def line_of(self, node) -> int | None:
        """The first line of the file that names ``node`` (by full IRI or prefixed name)."""
        if node in self._lines:
            return self._lines[node]
        line = None
        if isinstance(node, URIRef):
            spellings = [f"<{node}>"]
            for prefix, namespace in self.graph.namespace_manager.namespaces():
                if prefix and str(node).startswith(str(namespace)):
                    spellings.append(f"{prefix}:{str(node)[len(str(namespace)):]}")
            spellings.append(f'"{node}"')  # JSON-LD "@id": "…"
            pattern = re.compile("|".join(re.escape(s) + r"(?![\w\-/#.:]*\w)" for s in spellings))
            for number, text in enumerate(self.text.splitlines(), start=1):
                if pattern.search(text) and not text.lstrip().startswith("#"):
                    line = number
                    break
        self._lines[node] = line
        return line


def read_new_triples(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> NewTriples:
    """Parse a contributed file, or raise RDFSyntaxError saying what is wrong with it."""
    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise RDFSyntaxError("no such file" if not path.exists() else "not a file", source)
    rdf_format = INTAKE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(INTAKE_FORMATS))
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix or '(none)'!r}; accepted: {known}", source)
    size = path.stat().st_size
    if size > max_bytes:
        raise RDFSyntaxError(f"file is {size} bytes, over the limit of {max_bytes} (raise it with --max-bytes)",
                             source)
    raw = path.read_bytes()
    if b"\0" in raw:
        raise RDFSyntaxError("binary data, not RDF text", source)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is allowed and dropped
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise RDFSyntaxError("not UTF-8 text", source, line) from None
    if not text.strip():
        raise RDFSyntaxError("file is empty", source)
    _check_content_matches_name(text, rdf_format, source)
    if rdf_format == "json-ld":
        _refuse_remote_contexts(text, source)
    if rdf_format == "xml" and re.search(r"<!(DOCTYPE|ENTITY)", text):
        raise RDFSyntaxError("RDF/XML with a DOCTYPE or ENTITY declaration is refused "
                             "(entity expansion); remove it or send Turtle", source)
    graph = bind_prefixes(Graph())
    parse_rdf_text(text, rdf_format, source, into=graph, base=_RELATIVE_BASE)
    if len(graph) == 0:
        raise RDFSyntaxError("no triples in the file", source)
    new = NewTriples(path, graph, text)
    _refuse_relative_iris(new, source)
    return new


def _check_content_matches_name(text: str, rdf_format: str, source: str) -> None:
    start = text.lstrip("\ufeff \t\r\n")[:200]
    looks = None
    if start[:1] in "{[" and not start.startswith("[]") and not start.startswith("[ "):
        looks = "json-ld"
    elif start.startswith("<?xml") or start.startswith("<rdf:RDF"):
        looks = "xml"
    if rdf_format == "json-ld" and looks != "json-ld":
        raise RDFSyntaxError("the name says JSON-LD but the content is not JSON", source, 1)
    if looks and looks != rdf_format and rdf_format != "json-ld":
        raise RDFSyntaxError(f"the content looks like {FORMAT_NAMES[looks]}, but the name says "
                             f"{FORMAT_NAMES[rdf_format]}; rename the file", source, 1)


def _refuse_remote_contexts(text: str, source: str) -> None:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RDFSyntaxError(f"not valid JSON: {error.msg}", source, error.lineno, error.colno) from None

    def remote(value) -> bool:
        if isinstance(value, str):
            return True
        if isinstance(value, list):
            return any(remote(item) for item in value)
        if isinstance(value, dict):
            return "@import" in value or any(remote_in(v) for v in value.values())
        return False

    def remote_in(node) -> bool:
        if isinstance(node, dict):
            return ("@context" in node and remote(node["@context"])) or any(remote_in(v) for v in node.values())
        if isinstance(node, list):
            return any(remote_in(item) for item in node)
        return False

    if remote_in(document):
        raise RDFSyntaxError("JSON-LD with a remote context is refused (it would be fetched from the web); "
                             "write the context inline as an object", source)


def _refuse_relative_iris(new: NewTriples, source: str) -> None:
    for node in sorted({n for triple in new.graph for n in triple
                        if isinstance(n, URIRef) and str(n).startswith(_RELATIVE_BASE)}):
        relative = str(node)[len(_RELATIVE_BASE):]
        line = next((number for number, text in enumerate(new.text.splitlines(), start=1)
                     if f"<{relative}>" in text or f'"{relative}"' in text), None)
        raise RDFSyntaxError(f"relative IRI <{relative}>: write an absolute IRI "
                             f"(https://w3id.org/spacecoop/resource/…)", source, line)
