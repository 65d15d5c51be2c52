"""rdflib's SPARQL algebra, made cheaper to reuse: each query text parsed once (and
picklable, so the cache can keep it across processes), and the triple patterns of a query
read from its algebra. Validation uses them on the SPARQL of the shapes."""

from __future__ import annotations

import copyreg
import re
from collections import OrderedDict

from rdflib import Variable
from rdflib.plugins.sparql import processor as sparql_processor
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.sparql import Query

THIS = Variable("this")


def _rebuilt_comp_value(cls, name: str, values: dict, evaluate, attributes: dict):
    value = cls(name, evaluate, **values) if cls is Expr else cls(name, **values)
    value.__dict__.update(attributes)
    return value


def _reduce_comp_value(value: CompValue):
    # rdflib's algebra nodes cannot be pickled as they are: CompValue's constructor needs
    # the node's name, an Expr holds its evaluation function bound to itself, the
    # translator keeps some parts as attributes (the pattern of an EXISTS) beside the
    # items, and CompValue answers None for any missing attribute, __setstate__ included.
    attributes = dict(value.__dict__)
    evaluate = attributes.pop("_evalfn", None)
    attributes.pop("ctx", None)
    attributes.pop("name")
    return _rebuilt_comp_value, (type(value), value.name, dict(OrderedDict.items(value)),
                                 evaluate.__func__ if evaluate is not None else None, attributes)


copyreg.pickle(CompValue, _reduce_comp_value)
copyreg.pickle(Expr, _reduce_comp_value)


_PREFIX_DECLARATION = re.compile(r"\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<[^<>\s]*>", re.IGNORECASE)


def _query_key(text: str, base, namespaces) -> tuple:
    """What identifies a query: its prefix declarations as a set (pyshacl writes them in
    an order that changes from one process to the next), the rest of its text, its base
    and the namespaces given beside it."""
    declarations, position = [], 0
    while match := _PREFIX_DECLARATION.match(text, position):
        declarations.append(match)
        position = match.end()
    names = [match.group(1) for match in declarations]
    if len(set(names)) < len(names):  # a prefix declared twice: the order matters
        return text, base, namespaces
    return (frozenset(match.group(0).strip() for match in declarations), text[position:],
            base, namespaces)


class ParsedQueries:
    """Parsed SPARQL queries by (text, base, prefixes). pyshacl hands rdflib the text of each
    SPARQL constraint on every call, and rdflib would parse it again each time (a third of a
    validation). Owned by whoever validates (the knowledge graph keeps one, and may pickle it
    into its cache so that a new process starts with the queries parsed): nothing is shared
    between owners."""

    def __init__(self):
        self._queries: dict = {}

    def __len__(self) -> int:
        return len(self._queries)

    def update(self, other) -> None:
        """Take the queries ``other`` (a ParsedQueries, or a mapping as older caches kept
        them) has parsed: another process's, read from the cache."""
        self._queries.update(other._queries if isinstance(other, ParsedQueries) else other)

    def get(self, text: str, base=None, namespaces=None) -> Query:
        """The algebra of ``text``, parsed on first use."""
        namespaces = tuple(sorted((namespaces or {}).items()))
        key = _query_key(text, base, namespaces)
        query = self._queries.get(key)
        if query is None:
            query = sparql_processor.translateQuery(sparql_processor.parseQuery(text), base, dict(namespaces))
            self._queries[key] = query
        return query


class UnreadablePattern(ValueError):
    """A part of a query whose triple patterns cannot be read."""


def triple_patterns(query: Query) -> list[tuple]:
    """Every triple pattern of ``query``, in sub-selects and EXISTS blocks too, as
    (subject, predicate or property path, object). Raises UnreadablePattern on a part that
    holds patterns in a form not known here."""
    found: list[tuple] = []
    _collect_patterns(query.algebra, found)
    return found


def _collect_patterns(node, found: list) -> None:
    if isinstance(node, CompValue):
        if node.name == "BGP":
            found.extend(tuple(triple) for triple in node.triples)
        elif node.name == "TriplesBlock":  # an EXISTS block the translator left as parsed
            for flat in node.triples:
                if len(flat) % 3:
                    raise UnreadablePattern(node.name)
                found.extend(tuple(flat[i:i + 3]) for i in range(0, len(flat), 3))
        elif node.name.startswith("Triples") or node.name.startswith("Path"):
            raise UnreadablePattern(node.name)
        else:
            for value in list(node.values()) + [v for k, v in vars(node).items() if k not in ("ctx", "_evalfn")]:
                _collect_patterns(value, found)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            _collect_patterns(value, found)
