"""Names of output formats and query limits. Free of heavy imports, so that the command
line can parse its options (and answer from the cache) without loading rdflib."""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path

from .errors import SpacecoopError

#: Export format name → (rdflib serializer, usual file suffix).
EXPORT_FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "trig": ("trig", ".trig"),
    "nquads": ("nquads", ".nq"),
    "rdfxml": ("xml", ".rdf"),
}
#: The export formats that keep named graphs (each data file's source graph, the ontology…).
DATASET_FORMATS = ("trig", "nquads")

#: Formats of a SELECT or ASK result, and of a CONSTRUCT or DESCRIBE result (its triples in
#: N-Quads are in the default graph).
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt", "jsonld", "rdfxml", "nquads")
#: Formats of the dataset's VoID and DCAT description (`export --describe`).
DESCRIPTION_FORMATS = ("turtle", "jsonld", "nt")
#: Formats of a validation report: for people, for programs, as a SHACL report graph.
REPORT_FORMATS = ("text", "json", "turtle")

#: The media type of each output format (a query's answer, an export).
MEDIA_TYPES = {
    "table": "text/plain; charset=utf-8",
    "text": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "trig": "application/trig",
    "nquads": "application/n-quads",
    "rdfxml": "application/rdf+xml",
    "html": "text/html; charset=utf-8",
}
#: The file suffix of each format a document on the web is offered in (/doc/mission/mmx.ttl).
DOCUMENT_SUFFIXES = {**{name: suffix for name, (_, suffix) in EXPORT_FORMATS.items()},
                     "rdfxml": ".rdf", "html": ".html"}

#: The name people know each format by (links to an answer or a document in that format).
FORMAT_TITLES = {
    "json": "JSON", "xml": "XML", "csv": "CSV", "tsv": "TSV", "turtle": "Turtle", "nt": "N-Triples",
    "jsonld": "JSON-LD", "rdfxml": "RDF/XML", "trig": "TriG", "nquads": "N-Quads", "html": "HTML",
}

#: Named graphs the project publishes its parts in (TriG export, SPARQL servers).
GRAPH_NAMES = {
    "data": "https://w3id.org/spacecoop/graph/data",
    "ontology": "https://w3id.org/spacecoop/graph/ontology",
    "inferred": "https://w3id.org/spacecoop/graph/inferred",
}
#: Where the source graphs are: one named graph per data file (see :func:`source_graph`).
SOURCE_GRAPH_BASE = "https://w3id.org/spacecoop/graph/source/"

DEFAULT_TIMEOUT = 30.0
#: The largest contributed file read, in bytes, unless the user allows more.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_ROWS = 10_000

#: The most a SPARQL server's answer may hold, in bytes. 64 MiB is far beyond what the row
#: cap keeps (10,000 rows of SPARQL JSON are a few MB) and already about 500,000 triples of
#: N-Triples, which rdflib takes over a minute and about a gigabyte of memory to parse;
#: past it the answer is refused rather than left to exhaust memory.
DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024

#: The longest deadline a query may be given, in seconds (a day).
MAX_TIMEOUT = 24 * 3600.0

#: Look-up by name: how many nodes a search returns by default and at most, and how many
#: statements pointing to a node its description keeps (a class has thousands).
SEARCH_DEFAULT_RESULTS = 20
SEARCH_MAX_RESULTS = 100
#: The longest text searched for, in characters (names are far shorter; each character costs time).
SEARCH_MAX_TEXT = 200
DESCRIBE_MAX_INCOMING = 1000
#: Formats of a search's results and of a node's description.
SEARCH_FORMATS = ("table", "json")
DESCRIBE_FORMATS = ("text", *EXPORT_FORMATS)

#: What `serve` allows a request by default: the deadline of a query (seconds), the rows it
#: may return, the bytes of its text. Each is a setting of the server.
DEFAULT_SERVER_TIMEOUT = 10.0
DEFAULT_SERVER_MAX_ROWS = DEFAULT_MAX_ROWS
DEFAULT_MAX_QUERY_BYTES = 64 * 1024
#: How many queries `serve` runs at once, each in a worker process (a query past that waits
#: for a worker), and how many workers it keeps ready.
DEFAULT_QUERY_WORKERS = 8
READY_WORKERS = 2


def source_graph(path: Path, data_folder: Path) -> str:
    """The IRI of the source graph of the data file ``path``: :data:`SOURCE_GRAPH_BASE`, then
    the file's path under ``data_folder`` without ".ttl"
    (``data/releases/2021-02-25-videoconference.ttl`` →
    ``…/graph/source/releases/2021-02-25-videoconference``). Characters an IRI path segment
    cannot hold are percent-encoded (their UTF-8 bytes; '%' too), so every file name gives a
    valid IRI and two names never give the same one."""
    parts = Path(path).relative_to(data_folder).parts
    segments = (*parts[:-1], parts[-1].removesuffix(".ttl"))
    return SOURCE_GRAPH_BASE + "/".join(map(iri_segment, segments))


#: What an IRI path segment holds as it is (RFC 3987 ipchar, besides non-ASCII letters).
_SEGMENT_CHARACTERS = frozenset(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@")


def iri_segment(name: str) -> str:
    """``name`` as one segment of an IRI's path: what a segment cannot hold percent-encoded."""
    return "".join(character if character in _SEGMENT_CHARACTERS or _is_ucschar(character)
                   else "".join(f"%{byte:02X}" for byte in character.encode("utf-8", "surrogateescape"))
                   for character in name)


def _is_ucschar(character: str) -> bool:
    """Whether an IRI may hold ``character`` unencoded (RFC 3987 ucschar)."""
    code = ord(character)
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    return code <= 0xEFFFD and code & 0xFFFF <= 0xFFFD


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds) and how many rows it may keep."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS

    def __post_init__(self):
        if not (isinstance(self.timeout, (int, float)) and 0 < self.timeout <= MAX_TIMEOUT):
            raise SpacecoopError(f"the time limit must be more than 0 and at most {MAX_TIMEOUT:g} "
                                 f"seconds, not {self.timeout!r}")
        if not (isinstance(self.max_rows, int) and self.max_rows >= 1):
            raise SpacecoopError(f"the row cap must be a whole number of at least 1, not {self.max_rows!r}")
