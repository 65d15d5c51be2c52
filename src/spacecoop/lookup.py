"""Nodes by name: search the graph's labels (case- and accent-insensitive, ranked), tell
whether a node exists, and resolve a name or IRI to the node it means, with "did you mean"
suggestions when it means none."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from .errors import SpacecoopError, UsageError
from .formats import SEARCH_DEFAULT_RESULTS, SEARCH_MAX_RESULTS, SEARCH_MAX_TEXT
from .namespaces import PREFIXES, SC, bind_prefixes, expand_iri

#: The properties whose values name a node, the main label's first (in this order of
#: preference); an agency or mission is often called by its abbreviation (JAXA, MMX).
NAME_PROPERTIES = tuple(map(str, (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title, SKOS.altLabel,
                                  SC.abbreviation)))
#: The languages a main label is chosen in, by preference ("" is a string with no language).
LABEL_LANGUAGES = ("en", "")
#: How close a spelling must be (difflib's ratio) to be found by search.
CLOSE_SPELLING = 0.75
#: How close an IRI's local name must be to be suggested for a mistyped one.
CLOSE_IRI = 0.6
#: How many nodes a "did you mean" suggests at most.
SUGGESTIONS = 3

#: The tiers of a search match, best first.
IRI_MATCH, EXACT, STARTS, WORDS, SUBSTRING, CLOSE = range(6)

_SEPARATORS = re.compile(r"[\W_]+")


class UnknownNodeError(SpacecoopError):
    """No node of the graph has that IRI or name."""

    kind = "not-found"


def normalised(text: str) -> str:
    """``text`` as names are compared: accents dropped (Unicode NFKD without its combining
    marks), case folded, every run of punctuation and spaces one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()


@dataclass(frozen=True)
class Match:
    """A node found by search: its IRI, its main label (None if it has none), the name that
    matched and the node's classes."""

    node: URIRef
    label: str | None
    name: str
    classes: tuple[URIRef, ...]

    def as_json(self) -> dict:
        return {"node": str(self.node), "label": self.label, "name": self.name,
                "classes": [str(kind) for kind in self.classes]}


@dataclass(frozen=True)
class _Name:
    text: str
    words: tuple[str, ...]
    compared: str  # normalised
    main: bool


@dataclass(frozen=True)
class _Node:
    iri: str
    label: str | None
    names: tuple[_Name, ...]
    classes: tuple[str, ...]
    local: str  # the IRI's local name, normalised
    described: bool  # a subject of the graphs (not only an object: a Wikidata item, a licence)


class NameIndex:
    """The IRI nodes of ``graphs`` of a pyoxigraph ``store`` with their names and classes.

    :meth:`known` asks the store directly; the index that search and suggestions read is
    built on first need, by one pass over the graphs."""

    def __init__(self, store: ox.Store, graphs: list[ox.NamedNode]):
        self.store = store
        self.graphs = list(graphs)

    def known(self, node: URIRef) -> bool:
        """Whether ``node`` is a subject, predicate or object of the graphs."""
        term = ox.NamedNode(str(node))
        return any(next(iter(self.store.quads_for_pattern(*pattern, graph)), None) is not None
                   for graph in self.graphs
                   for pattern in ((term, None, None), (None, term, None), (None, None, term)))

    @cached_property
    def _nodes(self) -> dict[str, _Node]:
        names: dict[str, list[tuple[int, str, str]]] = {}
        classes: dict[str, set[str]] = {}
        iris: set[str] = set()
        subjects: set[str] = set()
        name_rank = {iri: rank for rank, iri in enumerate(NAME_PROPERTIES)}
        rdf_type = str(RDF.type)
        for graph in self.graphs:
            for quad in self.store.quads_for_pattern(None, None, None, graph):
                subject, predicate, value = quad.subject, quad.predicate.value, quad.object
                iris.add(predicate)
                if isinstance(value, ox.NamedNode):
                    iris.add(value.value)
                if not isinstance(subject, ox.NamedNode):
                    continue
                subjects.add(subject.value)
                if predicate == rdf_type and isinstance(value, ox.NamedNode):
                    classes.setdefault(subject.value, set()).add(value.value)
                elif predicate in name_rank and isinstance(value, ox.Literal):
                    names.setdefault(subject.value, []).append(
                        (name_rank[predicate], value.language or "", value.value))
        return {iri: _node(iri, names.get(iri, []), classes.get(iri, set()), iri in subjects)
                for iri in iris | subjects}

    def search(self, text: str, limit: int = SEARCH_DEFAULT_RESULTS) -> list[Match]:
        """The nodes named like ``text``, best first, at most ``limit`` (and at most
        :data:`formats.SEARCH_MAX_RESULTS`)."""
        if not isinstance(limit, int) or limit < 1:
            raise UsageError(f"the number of results must be a whole number of at least 1, not {limit!r}")
        return [match for _, match in self._ranked(text)[:min(limit, SEARCH_MAX_RESULTS)]]

    def _ranked(self, text: str) -> list[tuple[tuple, Match]]:
        """Every node matching ``text`` once, by its best name: (sort key, match), sorted.
        The key starts with the tier (:data:`IRI_MATCH` … :data:`CLOSE`)."""
        if len(text) > SEARCH_MAX_TEXT:
            raise UsageError(f"a name to search for is at most {SEARCH_MAX_TEXT} characters long, not {len(text)}")
        wanted = normalised(text)
        if not wanted:
            raise UsageError("give a name to search for (letters or digits)")
        best: dict[str, tuple] = {}
        as_iri = _as_iri(text)
        if as_iri is not None and str(as_iri) in self._nodes:
            best[str(as_iri)] = ((IRI_MATCH, 0.0, 0, 0, str(as_iri)), str(as_iri))
        words = tuple(wanted.split())
        for node in self._nodes.values():
            if not node.described:
                continue
            for name in node.names:
                tier, closeness = _compare(wanted, words, name)
                if tier is None:
                    continue
                key = (tier, -closeness, 0 if name.main else 1, len(name.text), node.iri)
                if node.iri not in best or key < best[node.iri][0]:
                    best[node.iri] = (key, name.text)
            if node.iri not in best and node.local:
                closeness = _closeness(wanted, words, node.local)
                if closeness >= CLOSE_SPELLING:
                    best[node.iri] = ((CLOSE, -closeness, 1, len(node.local), node.iri), node.local)
        ranked = sorted(best.values())
        return [(key, self._match(key[-1], name)) for key, name in ranked]

    def entry(self, iri: str) -> Match | None:
        """The node ``iri`` with its main label (also as the name) and its classes; None if
        the graphs do not hold it."""
        node = self._nodes.get(str(iri))
        return None if node is None else self._match(node.iri, node.label or "")

    def _match(self, iri: str, name: str) -> Match:
        node = self._nodes[iri]
        return Match(URIRef(iri), node.label, name, tuple(URIRef(kind) for kind in node.classes))

    def resolve(self, name: str) -> URIRef:
        """The node ``name`` means: a prefixed name or IRI of a known node, or a text that
        is exactly the name of one node (its main label rather than another's alternative
        label). :class:`UnknownNodeError` otherwise, with suggestions."""
        text = name.strip()
        if not text:
            raise UsageError("give a node's name, prefixed name or IRI")
        iri = _as_iri(text)
        if iri is not None:
            if self.known(iri):
                return iri
            raise UnknownNodeError(f"no such node {text}{self.suggestion(text)}")
        exact = [key for key, _ in self._ranked(text) if key[0] == EXACT]
        best = [key for key in exact if key[2] == exact[0][2]] if exact else []
        if len(best) == 1:
            return URIRef(best[0][-1])
        if best:
            nodes = ", ".join(prefixed(key[-1]) for key in best[:SUGGESTIONS])
            raise UnknownNodeError(f"no single node is named {text!r}: {nodes}{'…' if len(best) > SUGGESTIONS else ''}; "
                                   "give the one meant by its prefixed name or IRI")
        raise UnknownNodeError(f"no node is named {text!r}{self.suggestion(text)}")

    def suggestion(self, text: str) -> str:
        """What to add to "no such node": "; did you mean …?" with the nodes nearest to
        ``text`` (a prefixed name, IRI or name), else advice to search by name."""
        iri = _as_iri(text)
        nearest = self._nearest_iris(str(iri)) if iri is not None else [
            str(match.node) for match in self.search(text, SUGGESTIONS)]
        if not nearest:
            return "; search by name to find it"
        return f"; did you mean {', '.join(map(prefixed, nearest))}?"

    def _nearest_iris(self, iri: str) -> list[str]:
        """Known IRIs like ``iri``: those of its namespace whose local name is spelled
        nearly the same, then those of its namespace named by its local name's words; with
        no known IRI in its namespace, whole IRIs spelled nearly the same."""
        namespace = _namespace_of(iri)
        local = iri[len(namespace):]
        in_namespace = {known[len(namespace):]: known for known in self._nodes
                        if known.startswith(namespace) and len(known) > len(namespace)}
        if not in_namespace:
            return difflib.get_close_matches(iri, sorted(self._nodes), SUGGESTIONS, CLOSE_SPELLING)
        nearest = [in_namespace[close] for close in
                   difflib.get_close_matches(local, sorted(in_namespace), SUGGESTIONS, CLOSE_IRI)]
        if len(nearest) < SUGGESTIONS and normalised(local):
            named = [key[-1] for key, _ in self._ranked(local) if key[-1].startswith(namespace)]
            nearest += [found for found in named if found not in nearest]
        return nearest[:SUGGESTIONS]


def label_order(rank: int, language: str, text: str) -> tuple:
    """How a name ranks as a node's main label, best first: by the rank of its property,
    then its language (:data:`LABEL_LANGUAGES` first), then its text."""
    preferred = LABEL_LANGUAGES.index(language) if language in LABEL_LANGUAGES else len(LABEL_LANGUAGES)
    return rank, preferred, language, text


def _node(iri: str, found: list[tuple[int, str, str]], classes: set[str], described: bool) -> _Node:
    """A node's entry from its (property rank, language, text) names."""
    ordered = sorted(found, key=lambda name: label_order(*name))
    label = ordered[0][2] if ordered else None
    names: dict[str, _Name] = {}
    for _, _, text in ordered:
        compared = normalised(text)
        if compared and compared not in names:
            names[compared] = _Name(text, tuple(compared.split()), compared, text == label)
    return _Node(iri, label, tuple(names.values()), tuple(sorted(classes)),
                 normalised(re.split(r"[/#]", iri)[-1]), described)


def _compare(wanted: str, words: tuple[str, ...], name: _Name) -> tuple[int | None, float]:
    """The tier at which ``name`` matches the normalised text ``wanted`` (None if it does
    not), and for a close spelling how close it is."""
    if name.compared == wanted:
        return EXACT, 0.0
    if name.compared.startswith(wanted):
        return STARTS, 0.0
    if all(any(word.startswith(part) for word in name.words) for part in words):
        return WORDS, 0.0
    if wanted in name.compared:
        return SUBSTRING, 0.0
    closeness = _closeness(wanted, words, name.compared)
    return (CLOSE, closeness) if closeness >= CLOSE_SPELLING else (None, 0.0)


def _closeness(wanted: str, words: tuple[str, ...], compared: str) -> float:
    """How close ``wanted`` is to ``compared`` (difflib's ratio): to the whole, or to its run
    of as many words as ``wanted`` has that is nearest ("okumra" is close to "naoki okumura")."""
    matcher = difflib.SequenceMatcher(None, b=wanted, autojunk=False)
    name_words = compared.split()
    spans = {compared} | {" ".join(name_words[start:start + len(words)])
                          for start in range(max(1, len(name_words) - len(words) + 1))}
    best = 0.0
    for span in spans:
        matcher.set_seq1(span)
        if matcher.real_quick_ratio() >= CLOSE_SPELLING and matcher.quick_ratio() >= CLOSE_SPELLING:
            best = max(best, matcher.ratio())
    return best


def _as_iri(text: str) -> URIRef | None:
    """``text`` as an IRI if it is written as one (a prefixed name, <IRI> or full IRI)."""
    try:
        return expand_iri(text)
    except ValueError:
        return None


def _namespace_of(iri: str) -> str:
    """The longest of the project's namespaces ``iri`` is in, else all of it up to its last
    "/" or "#"."""
    namespaces = [str(namespace) for namespace in PREFIXES.values() if iri.startswith(str(namespace))]
    if namespaces:
        return max(namespaces, key=len)
    cut = max(iri.rfind("/"), iri.rfind("#"))
    return iri[:cut + 1]


_NAMESPACES = bind_prefixes(Graph()).namespace_manager


def prefixed(iri: str) -> str:
    """``iri`` as a prefixed name where one of the project's prefixes fits, else <iri>."""
    return _NAMESPACES.normalizeUri(URIRef(iri))
