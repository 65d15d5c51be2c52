"""Checks a query must pass before rdflib runs it on behalf of a user.

rdflib's engine fetches the web for SERVICE and for FROM / FROM NAMED, and would run
an update sent down the query path. Here such queries are refused before evaluation; the
deadline and row cap are enforced by the runner.
"""

from __future__ import annotations

from pyparsing import ParseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.sparql import Query

from .errors import SpacecoopError


class UnsafeQueryError(SpacecoopError):
    """A query the local engine will not run (an update, SERVICE, FROM)."""


class QuerySyntaxError(SpacecoopError):
    """A query that is not SPARQL 1.1."""


def checked_query(text: str, source: str = "query", prefixes: dict | None = None) -> Query:
    """Parse ``text`` as a SPARQL 1.1 query and return its algebra, or refuse it.

    ``prefixes`` are predeclared (as the Wikidata Query Service does for ad-hoc queries).
    """
    try:
        parsed = parseQuery(text)
    except ParseException as error:
        if _is_update(text):
            raise UnsafeQueryError("updates are refused: this command only reads the graph",
                                   source) from None
        raise QuerySyntaxError(f"SPARQL syntax error: {error.msg}", source, error.lineno,
                               error.col) from None
    if any(_find(parsed, "DatasetClause")):
        raise UnsafeQueryError("FROM and FROM NAMED are refused: they would make the engine fetch "
                               "graphs from the web; query the project's graph as it is", source)
    try:
        query = translateQuery(parsed, initNs=prefixes)
    except Exception as error:  # rdflib raises bare Exception for an unknown prefix
        raise QuerySyntaxError(f"SPARQL error: {error}", source) from None
    if any(_find(query.algebra, "ServiceGraphPattern")):
        raise UnsafeQueryError("SERVICE is refused: federated queries would send requests to "
                               "other servers", source)
    return query


def refuse_updates(text: str, source: str = "query") -> None:
    """Raise UnsafeQueryError if ``text`` is a SPARQL update (for queries sent to a server,
    which applies its own policy on SERVICE and FROM)."""
    try:
        parseQuery(text)
    except ParseException:
        if _is_update(text):
            raise UnsafeQueryError("updates are refused: this command only reads the graph",
                                   source) from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def _find(node, name: str):
    """Every parse/algebra node called ``name`` below ``node``."""
    if getattr(node, "name", None) == name:
        yield node
    if isinstance(node, dict):
        children = node.values()
    elif isinstance(node, (list, tuple, ParseResults)):
        children = node
    else:
        return
    for child in children:
        yield from _find(child, name)
