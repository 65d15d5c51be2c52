"""Parse RDF files into rdflib graphs, turning parser failures into
:class:`RDFSyntaxError` with the file, line and column at fault.

Whatever the format, a parsed graph holds only RDF 1.1 triples: an IRI or blank node
as subject, an IRI as predicate, valid absolute IRIs. rdflib's Turtle parser also
takes Notation3 (literal subjects, paths, variables, formulas); here Turtle means
Turtle. Error messages say what is wrong in words and never quote a line of the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax import SAXParseException

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.exceptions import ParserError
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.parsers.notation3 import RDF_type, BadSyntax, RDFSink, SinkParser
from rdflib.plugins.parsers import ntriples

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

#: How deep blank nodes, collections or JSON objects may nest in one file. Real data
#: nests a few levels; the parsers and serializers recurse once or more per level.
MAX_NESTING = 32

NESTED_TOO_DEEPLY = f"nested too deeply (more than {MAX_NESTING} levels of brackets)"

#: An absolute IRI as RDF 1.1 allows it: a scheme, then no space, no control character
#: and none of <>"{}|^`\ (RFC 3987); a '%' starts two hexadecimal digits.
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_NOT_IN_IRIS = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\ud800-\udfff]|%(?![0-9A-Fa-f]{2})')

#: Line ends of N-Triples (and what a text editor counts as one).
_LINE_END = re.compile(r"\r\n|\r|\n")


def rdf_format_for(path: Path) -> str:
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix!r} (known: {known})",
                             source=str(path)) from None


def iri_problem(iri: str, absolute: bool = True) -> str | None:
    """Why ``iri`` is not a valid RDF 1.1 IRI (absolute unless told), or None if it is."""
    if absolute and not _SCHEME.match(iri):
        return "not an absolute IRI"
    bad = _NOT_IN_IRIS.search(iri)
    if bad is None:
        return None
    character = bad.group()
    if character == " ":
        return "not a valid IRI: it contains a space"
    if character == "%":
        return "not a valid IRI: '%' must start two hexadecimal digits"
    if character.isprintable():
        return f"not a valid IRI: it contains {character!r}"
    return f"not a valid IRI: it contains the control character U+{ord(character):04X}"


def triple_problem(triple) -> tuple[object, str] | None:
    """The term of ``triple`` that RDF 1.1 does not allow where it stands, and why."""
    subject, predicate, object_ = triple
    if not isinstance(subject, (URIRef, BNode)):
        return subject, "the subject of a triple must be an IRI or a blank node, not a literal"
    if not isinstance(predicate, URIRef):
        return predicate, "the predicate of a triple must be an IRI"
    if not isinstance(object_, (URIRef, BNode, Literal)):
        return object_, "the object of a triple must be an IRI, a blank node or a literal"
    for term in (subject, predicate, object_, getattr(object_, "datatype", None)):
        if isinstance(term, URIRef) and (problem := iri_problem(str(term))):
            return term, problem
    return None


def parse_rdf_text(text: str, rdf_format: str, source: str, into: Graph | None = None,
                   base: str | None = None) -> Graph:
    """Parse ``text`` into ``into`` (a new graph by default); raise RDFSyntaxError on failure.

    Relative IRIs resolve against ``base`` (default: the file's own URI). Turtle,
    N-Triples, JSON-LD and RDF/XML are held to RDF 1.1 terms (see the module's doc);
    JSON-LD triples in a named graph, which a graph would silently drop, are refused."""
    graph = bind_prefixes(Graph()) if into is None else into
    base = base or Path(source).resolve().as_uri()
    try:
        if rdf_format == "turtle":
            _parse_turtle(text, base, graph)
        elif rdf_format == "nt":
            _parse_n_triples(text, source, graph)
        elif rdf_format in ("json-ld", "xml"):
            _parse_checked(text, rdf_format, source, base, graph)
        else:
            graph.parse(data=text, format=rdf_format, publicID=base)
    except BadSyntax as error:
        line, column = _line_and_column(text, error)
        raise RDFSyntaxError(f"syntax error: {error._why}", source, line, column) from None
    except RecursionError:
        raise RDFSyntaxError(NESTED_TOO_DEEPLY, source) from None
    except SAXParseException as error:
        raise RDFSyntaxError(f"not well-formed XML: {error.getMessage()}", source,
                             error.getLineNumber(), error.getColumnNumber() + 1) from None
    except RDFSyntaxError:
        raise
    except Exception as error:  # rdflib's parsers raise many unrelated types
        raise _described(error, text, rdf_format, source) from None
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


class _ExactLiterals(RDFSink):
    """Keeps each literal as written. rdflib would rewrite the lexical form of one whose
    value it can read, hiding a mistake from the checks on literals (the time zone of
    ``"2020-01-01+25:00"^^xsd:date`` silently dropped)."""

    def newLiteral(self, s: str, dt: URIRef | None, lang: str | None) -> Literal:
        return Literal(s, datatype=dt, normalize=False) if dt else Literal(s, lang=lang)


class _TurtleParser(SinkParser):
    """rdflib's Notation3 parser in Turtle mode, refusing what it lets through of N3
    and what RDF 1.1 does not allow, at the position where it is written."""

    def __init__(self, graph: Graph, base: str):
        super().__init__(_ExactLiterals(graph), baseURI=base, turtle=True)
        self._nesting = 0

    def statement(self, argstr: str, i: int) -> int:
        subject: list = []
        j = self.object(argstr, i, subject)  # N3 allows a literal here
        if j < 0:
            return j
        if not isinstance(subject[0], (URIRef, BNode)):  # numbers and booleans are not Literals yet
            self.BadSyntax(argstr, self.skipSpace(argstr, i),
                           "a literal cannot be the subject of a triple")
        k = self.property_list(argstr, j, subject[0])
        if k < 0:
            self.BadSyntax(argstr, j, "expected propertylist")
        return k

    def verb(self, argstr: str, i: int, res) -> int:
        start = self.skipSpace(argstr, i)
        j = super().verb(argstr, i, res)
        if j >= 0:
            if argstr[start] == "@":
                self.BadSyntax(argstr, start, "'@a' is Notation3; write 'a'")
            if not (isinstance(res[-1][1], URIRef) or res[-1][1] == RDF_type):  # 'a' is RDF_type
                self.BadSyntax(argstr, start, "the predicate of a triple must be an IRI")
        return j

    def path(self, argstr: str, i: int, res) -> int:
        j = self.nodeOrLiteral(argstr, i, res)
        if 0 <= j < len(argstr) and argstr[j] in "!^":
            self.BadSyntax(argstr, j, "paths with '!' or '^' are Notation3, not Turtle")
        return j

    def node(self, argstr: str, i: int, res, subjectAlready=None) -> int:
        j = self.skipSpace(argstr, i)
        if j < 0 or argstr[j] not in "[({":
            return super().node(argstr, i, res, subjectAlready)
        if argstr[j] == "{" or argstr[j + 1:j + 2] == "$":
            self.BadSyntax(argstr, j, "formulas and sets ('{ }', '($ $)') are Notation3, not Turtle")
        self._nesting += 1
        try:
            if self._nesting > MAX_NESTING:
                self.BadSyntax(argstr, j, NESTED_TOO_DEEPLY)
            return super().node(argstr, i, res, subjectAlready)
        finally:
            self._nesting -= 1

    def variable(self, argstr: str, i: int, res) -> int:
        j = self.skipSpace(argstr, i)
        if 0 <= j < len(argstr) and argstr[j] == "?":
            self.BadSyntax(argstr, j, "variables ('?x') are Notation3, not Turtle")
        return -1

    def uri_ref2(self, argstr: str, i: int, res) -> int:
        j = super().uri_ref2(argstr, i, res)
        if j >= 0 and isinstance(res[-1], URIRef) and (problem := iri_problem(str(res[-1]))):
            self.BadSyntax(argstr, self.skipSpace(argstr, i), problem)
        return j


def _parse_turtle(text: str, base: str, graph: Graph) -> None:
    parser = _TurtleParser(graph, base)
    parser.loadBuf(text)
    for prefix, namespace in parser._bindings.items():
        graph.bind(prefix, namespace)


class _TermRefused(Exception):
    """A parsed triple holds a term RDF 1.1 does not allow where it stands."""


class _CheckedSink:
    """Receives N-Triples triples and refuses the terms RDF 1.1 does not allow."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def triple(self, subject, predicate, object_) -> None:
        if problem := triple_problem((subject, predicate, object_)):
            raise _TermRefused(problem[1])
        self.graph.add((subject, predicate, object_))


#: rdflib's N-Triples complaints (which quote the line) → the same in words.
_N_TRIPLES_REASONS = (
    ("Subject must be", "the subject must be an IRI or a blank node"),
    ("Predicate must be", "the predicate must be an IRI"),
    ("Unrecognised object", "the object must be an IRI, a blank node or a literal"),
    ("Trailing garbage", "unexpected text after the end of the triple"),
    ("Can't have both", "a literal cannot have both a language and a datatype"),
    ("Disallowed codepoint", "an escape names a code point beyond Unicode"),
    ("Illegal escape", "invalid escape sequence"),
    (f"Failed to eat {ntriples.r_tail.pattern}", "expected ' .' at the end of the triple"),
    (f"Failed to eat {ntriples.r_wspaces.pattern}", "expected a space between the terms"),
)

#: What the term starting with a character should have been, when rdflib cannot read it.
_N_TRIPLES_TOKENS = {
    "<": "an IRI must be absolute, between '<' and '>', without spaces",
    '"': "a literal must be a quoted string, then optionally @language or ^^<datatype>",
    "_": "a blank node label must be _: followed by letters, digits, '_', '-' or '.'",
}


def _parse_n_triples(text: str, source: str, graph: Graph) -> None:
    """Parse line by line, so that an error names its line (and column) in words."""
    parser = ntriples.W3CNTriplesParser(_CheckedSink(graph))
    blank_nodes: dict = {}
    for number, line in enumerate(_LINE_END.split(text), start=1):
        parser.line = line
        try:
            parser.parseline(bnode_context=blank_nodes)
        except _TermRefused as error:
            raise RDFSyntaxError(str(error), source, number) from None
        except ParserError as error:
            rest = (parser.line or "").lstrip(" \t")
            reason = next((words for start, words in _N_TRIPLES_REASONS if str(error).startswith(start)),
                          _N_TRIPLES_TOKENS.get(rest[:1], "not an N-Triples triple"))
            column = len(line) - len(rest) + 1
            raise RDFSyntaxError(f"syntax error: {reason}", source, number, column) from None


def _parse_checked(text: str, rdf_format: str, source: str, base: str, graph: Graph) -> None:
    """JSON-LD or RDF/XML through a dataset: refuse triples a graph would drop (JSON-LD
    named graphs) and terms RDF 1.1 does not allow, then add the rest to ``graph``."""
    dataset = Dataset()
    known_prefixes = set(dataset.namespaces())
    dataset.parse(data=text, format=rdf_format, publicID=base)
    for named in dataset.graphs():
        if named.identifier != DATASET_DEFAULT_GRAPH_ID and len(named):
            raise RDFSyntaxError('triples in a named graph ("@graph" inside a node) are not '
                                 'accepted: put the nodes at the top level', source)
    default = dataset.graph(DATASET_DEFAULT_GRAPH_ID)
    for triple in default:
        if problem := triple_problem(triple):
            term, reason = problem
            raise RDFSyntaxError(reason, source, _line_naming(text, term, base))
    for prefix, namespace in set(dataset.namespaces()) - known_prefixes:
        graph.bind(prefix, namespace)
    graph += default


def _line_naming(text: str, term, base: str) -> int | None:
    """The first line where ``term`` seems to be written: whole, relative to ``base``,
    or (for a prefixed name) by its last segment."""
    if not isinstance(term, URIRef):
        return None
    iri = str(term)
    spellings = [iri]
    if iri.startswith(base) and len(iri) > len(base):
        spellings.append(iri[len(base):])
    last = re.split(r"[/#:]", iri)[-1]
    if len(last) > 1:
        spellings.append(last)
    for spelling in spellings:
        for number, line in enumerate(text.splitlines(), start=1):
            if spelling in line:
                return number
    return None


def _described(error: Exception, text: str, rdf_format: str, source: str) -> RDFSyntaxError:
    """A parser error other than the ones handled above, in one line that quotes no line
    of the file."""
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    located = re.match(r"^.*?:(\d+):(\d+): (.*)$", message)  # rdflib's RDF/XML handler
    if located:
        return RDFSyntaxError(f"cannot parse as {rdf_format}: {located.group(3)}", source,
                              int(located.group(1)))
    quoted = re.search(r"Invalid line:\s*(.+)$", message)  # N-Quads
    if quoted:
        return RDFSyntaxError(f"cannot parse as {rdf_format}: not a valid line", source,
                              _line_ending_with(text, quoted.group(1).strip()))
    return RDFSyntaxError(f"cannot parse as {rdf_format}: {message}", source)


def _line_and_column(text: str, error: BadSyntax) -> tuple[int, int]:
    """1-based line and column of a notation3 parser error."""
    offset = min(getattr(error, "_i", 0), len(text))
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _line_ending_with(text: str, quoted: str) -> int | None:
    """The line a parser quoted (N-Quads quotes the unread rest of the line)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if quoted and line.strip().endswith(quoted):
            return number
    return None
