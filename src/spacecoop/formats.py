"""Names of output formats and query limits. Free of heavy imports, so that the command
line can parse its options (and answer from the cache) without loading rdflib."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import SpacecoopError

#: Export format name → (rdflib serializer, usual file suffix).
EXPORT_FORMATS = {
    "turtle": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "jsonld": ("json-ld", ".jsonld"),
    "trig": ("trig", ".trig"),
}

#: Formats of a SELECT or ASK result, and of a CONSTRUCT or DESCRIBE result.
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
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
}

#: Named graphs the project publishes its parts in (TriG export, SPARQL servers).
GRAPH_NAMES = {
    "data": "https://w3id.org/spacecoop/graph/data",
    "ontology": "https://w3id.org/spacecoop/graph/ontology",
    "inferred": "https://w3id.org/spacecoop/graph/inferred",
}

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
