"""rdflib's SPARQL algebra, made cheaper to reuse: each query text parsed once (and
picklable, so the cache can keep it across processes), and a SELECT of ``?this`` narrowed
to given nodes. Validation uses both on the SPARQL that pyshacl hands to rdflib."""

from __future__ import annotations

import copyreg
import re
from collections import OrderedDict

from rdflib import Variable
from rdflib.plugins.sparql import algebra
from rdflib.plugins.sparql import processor as sparql_processor
from rdflib.plugins.sparql.parserutils import CompValue, Expr
from rdflib.plugins.sparql.sparql import Query

THIS = Variable("this")

#: Parsed SPARQL queries by (text, base, prefixes). pyshacl hands rdflib the text of each
#: SPARQL target and constraint on every call, and rdflib would parse it again each time
#: (a third of a validation). Filled as texts are met; the knowledge graph keeps it in its
#: cache so that a new process starts with them parsed.
parsed_queries: dict = {}


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


def parsed_query(text: str, base=None, namespaces=None):
    """The algebra of ``text``, parsed once per process (or once, with the cache)."""
    namespaces = tuple(sorted((namespaces or {}).items()))
    key = _query_key(text, base, namespaces)
    query = parsed_queries.get(key)
    if query is None:
        query = sparql_processor.translateQuery(sparql_processor.parseQuery(text), base, dict(namespaces))
        parsed_queries[key] = query
    return query


def restricted_to(query: Query, nodes: list) -> Query:
    """``query`` (a SELECT of ``?this``) with its solutions limited to ``?this`` in ``nodes``.

    A ``VALUES ?this`` block is joined first, lazily, under the projection: rdflib then
    evaluates the pattern once per node with ``?this`` already bound (an index lookup)
    instead of scanning the whole graph and filtering. This gives the same solutions as
    filtering afterwards when ``?this`` is bound in every solution and each sub-select that
    uses it projects it, as SHACL targets do (a test checks every target of the shapes).
    """
    def copied(node: CompValue) -> CompValue:
        return CompValue(node.name, **node)

    top = parent = copied(query.algebra)  # the nodes on the way down are copied, not changed
    while parent.p.name in ("Slice", "Distinct", "Reduced"):
        child = copied(parent.p)
        parent["p"] = child
        parent = child
    if parent.p.name != "Project":
        return query
    project = copied(parent.p)
    parent["p"] = project
    values = algebra.ToMultiSet(algebra.Values([{THIS: node} for node in nodes]))
    project["p"] = algebra.Join(values, project.p)
    project.p["lazy"] = True
    return Query(query.prologue, top)
