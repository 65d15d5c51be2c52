"""Names of output formats and query limits. Free of heavy imports, so that the command
line can parse its options (and answer from the cache) without loading rdflib."""

from __future__ import annotations

from dataclasses import dataclass

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

#: Named graphs the project publishes its parts in (TriG export, SPARQL servers).
GRAPH_NAMES = {
    "data": "https://w3id.org/spacecoop/graph/data",
    "ontology": "https://w3id.org/spacecoop/graph/ontology",
    "inferred": "https://w3id.org/spacecoop/graph/inferred",
}

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class Limits:
    """How long a query may run (seconds) and how many rows it may keep."""

    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
