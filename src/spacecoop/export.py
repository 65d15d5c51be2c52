"""Write graphs in the RDF formats linked-data consumers read, byte-for-byte deterministic."""

from __future__ import annotations

import json

from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph

from .errors import UsageError
from .formats import DATASET_FORMATS, EXPORT_FORMATS
from .namespaces import bind_prefixes


def serialize(parts: dict[str, Graph], rdf_format: str, *, relabel_blank_nodes: bool = True) -> str:
    """Serialize named parts of the graph (``{"https://…/graph/data": graph, …}``).

    Triple formats (Turtle, N-Triples, JSON-LD) merge the parts, each triple once; TriG and
    N-Quads keep each part in its named graph. Blank nodes get canonical labels so that the
    same graph always gives the same text, whatever the order rdflib happens to hold
    triples in.
    """
    if rdf_format not in EXPORT_FORMATS:
        raise UsageError(f"unknown format {rdf_format!r}; choose one of {', '.join(EXPORT_FORMATS)}",
                         hint="format")
    if rdf_format in DATASET_FORMATS:
        relabel = _canonical if relabel_blank_nodes else (lambda graph: graph)
        return _serialize_trig(parts, relabel) if rdf_format == "trig" else _serialize_nquads(parts, relabel)
    merged = Graph()
    for graph in parts.values():
        merged += graph
    merged = bind_prefixes(_canonical(merged) if relabel_blank_nodes else merged)
    if rdf_format == "turtle":
        return merged.serialize(format="turtle")
    if rdf_format == "nt":
        lines = merged.serialize(format="nt").splitlines()
        return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())
    if rdf_format == "rdfxml":
        return _serialize_rdfxml(merged)
    return _serialize_jsonld(merged)


def _canonical(graph: Graph) -> Graph:
    if not any(isinstance(node, BNode) for triple in graph for node in triple):
        return graph
    canonical = Graph()
    canonical += to_canonical_graph(graph)
    return canonical


def _serialize_jsonld(graph: Graph) -> str:
    context = jsonld_context(graph)
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if isinstance(document, dict) and isinstance(document.get("@context"), dict):
        used = _compacting_prefixes(document, set(document["@context"]))
        document["@context"] = {prefix: namespace for prefix, namespace in document["@context"].items()
                                if prefix in used}
    if isinstance(document, dict) and isinstance(document.get("@graph"), list):
        document["@graph"].sort(key=lambda node: node.get("@id", ""))
        for node in document["@graph"]:
            for key, value in node.items():
                if isinstance(value, list):
                    value.sort(key=lambda item: json.dumps(item, sort_keys=True))
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def jsonld_context(graph: Graph) -> dict[str, str]:
    """The JSON-LD context of ``graph``: only the prefixes bound on it that compact an IRI it
    holds (a subject, predicate but rdf:type, which JSON-LD writes @type, object or a literal's
    datatype), sorted. For each IRI, the
    longest namespace it starts with, as a prefixed name would use."""
    namespaces = sorted(((prefix, str(namespace)) for prefix, namespace in graph.namespaces() if prefix),
                        key=lambda item: len(item[1]), reverse=True)
    iris = set()
    for subject, predicate, obj in graph:
        for term in (subject, obj) if predicate == RDF.type else (subject, predicate, obj):  # rdf:type: @type
            if isinstance(term, URIRef):
                iris.add(str(term))
            elif isinstance(term, Literal) and term.datatype is not None:
                iris.add(str(term.datatype))
    used = {}
    for iri in iris:
        for prefix, namespace in namespaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                used[prefix] = namespace
                break
    return dict(sorted(used.items()))


def _compacting_prefixes(document, prefixes: set[str]) -> set[str]:
    """The prefixes of ``prefixes`` that a compact IRI of the JSON-LD ``document`` uses: in a
    key, an ``@id`` or an ``@type`` (not in a literal's text). An RDF list written ``@list``
    no longer names rdf:first, so the prefixes are the document's, not the graph's."""
    used: set[str] = set()

    def note(text):
        if isinstance(text, str) and ":" in text:
            prefix = text.split(":", 1)[0]
            if prefix in prefixes:
                used.add(prefix)

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    continue
                note(key)
                if key in ("@id", "@type"):
                    for text in value if isinstance(value, list) else [value]:
                        note(text)
                elif key != "@value":
                    walk(value)
    walk(document)
    return used


def _serialize_rdfxml(graph: Graph) -> str:
    """RDF/XML with the statements in sorted order and the namespaces it needs beyond the
    bound ones numbered in predicate order (rdflib writes subjects in the order the graph's store
    gives them: SimpleMemory gives them in the order they were added)."""
    ordered = Graph(store="SimpleMemory")
    for prefix, namespace in graph.namespaces():
        ordered.bind(prefix, namespace)
    for triple in sorted(graph):
        ordered.add(triple)
    for predicate in sorted(set(ordered.predicates())):
        try:
            ordered.namespace_manager.compute_qname_strict(predicate)
        except ValueError:  # RDF/XML writes a predicate as an XML element name
            raise UsageError(f"RDF/XML cannot write the predicate <{predicate}>", hint="format") from None
    return ordered.serialize(format="xml")


def _serialize_trig(parts: dict[str, Graph], relabel) -> str:
    """TriG written graph by graph in name order (rdflib's own writer orders them by hash)."""
    prefixes: set[str] = set()
    blocks = []
    for name in sorted(parts):
        turtle = bind_prefixes(relabel(parts[name])).serialize(format="turtle")
        lines = turtle.splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = [line for line in lines if not line.startswith("@prefix")]
        inner = "\n".join(body).strip("\n")  # not indented: that would alter long literals
        blocks.append(f"<{name}> {{\n{inner}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def _serialize_nquads(parts: dict[str, Graph], relabel) -> str:
    """N-Quads: each part's N-Triples lines with its graph name, sorted."""
    lines = set()
    for name, graph in parts.items():
        for line in relabel(graph).serialize(format="nt").splitlines():
            if line.strip():
                lines.add(f"{line.removesuffix(' .')} <{name}> .\n")
    return "".join(sorted(lines))
