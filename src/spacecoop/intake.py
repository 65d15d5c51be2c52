"""Reading RDF that a contributor brings: refuse what cannot be read safely or sensibly,
each time naming the file, the line where possible, and the problem.

Accepted: a regular file (not a symbolic link, pipe or device), at most the size limit,
of UTF-8 text in Turtle (.ttl), N-Triples (.nt), JSON-LD (.jsonld, .json) without remote
contexts, or RDF/XML (.rdf, .owl, .xml) without a DOCTYPE (so no entity expansion).
Nothing of the input is dropped silently: JSON-LD that a processor would ignore in part
(named graphs, keys that expand to no IRI, invalid "@id") is refused. Messages say what
is wrong in words and quote no line of the file.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .errors import RDFSyntaxError
from .formats import DEFAULT_MAX_BYTES
from .loading import MAX_NESTING, NESTED_TOO_DEEPLY, iri_problem, parse_rdf_text
from .namespaces import bind_prefixes


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
    rdf_format, raw = _read_regular_file(path, max_bytes)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RDFSyntaxError("UTF-16 text: save it as UTF-8", source)
    if b"\0" in raw:
        raise RDFSyntaxError("binary data, not RDF text", source)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is allowed and dropped
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise RDFSyntaxError("not UTF-8 text", source, line) from None
    if not text.strip():
        raise RDFSyntaxError("file is empty", source)
    if rdf_format == "json-ld":
        _check_json_ld(text, source)
    else:
        _check_content_matches_name(text, rdf_format, source)
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


_SYMBOLIC_LINK = "a symbolic link, not a regular file: name the file itself"

#: Kinds of files that are not regular, as named in messages.
_FILE_KINDS = ((stat.S_ISDIR, "not a file"),
               (stat.S_ISLNK, _SYMBOLIC_LINK),
               (stat.S_ISFIFO, "a named pipe, not a regular file"),
               (stat.S_ISSOCK, "a socket, not a regular file"),
               (stat.S_ISCHR, "a device, not a regular file"),
               (stat.S_ISBLK, "a device, not a regular file"))


def _refuse_unless_regular(mode: int, source: str) -> None:
    for is_kind, message in _FILE_KINDS:
        if is_kind(mode):
            raise RDFSyntaxError(message, source)
    if not stat.S_ISREG(mode):
        raise RDFSyntaxError("not a regular file", source)


def _read_regular_file(path: Path, max_bytes: int) -> tuple[str, bytes]:
    """The RDF format its name gives, and the bytes of a regular file of at most
    ``max_bytes``.

    A symbolic link is refused, not followed: the link's name would vouch for content
    it does not hold (``x.nt -> /etc/passwd``). The kind is checked with lstat, then
    again with fstat on what was opened without following links and without waiting
    (a named pipe would block), so a file swapped in between is refused too. At most
    ``max_bytes`` + 1 bytes are read, whatever size stat reports (/proc files, a file
    that grows)."""
    source = str(path)
    try:
        _refuse_unless_regular(os.lstat(path).st_mode, source)
    except FileNotFoundError:
        raise RDFSyntaxError("no such file", source) from None
    except OSError as error:
        raise RDFSyntaxError(f"cannot read the file: {error.strerror}", source) from None
    rdf_format = INTAKE_FORMATS.get(path.suffix.lower())
    if rdf_format is None:
        known = ", ".join(sorted(INTAKE_FORMATS))
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix or '(none)'!r}; accepted: {known}", source)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise RDFSyntaxError(_SYMBOLIC_LINK, source) from None
        raise RDFSyntaxError(f"cannot read the file: {error.strerror}", source) from None
    try:
        info = os.fstat(descriptor)
        _refuse_unless_regular(info.st_mode, source)
        if info.st_size > max_bytes:
            raise RDFSyntaxError(f"file is {info.st_size} bytes, over the limit of {max_bytes}",
                                 source, hint="max-bytes")
        chunks, remaining = [], max_bytes + 1
        while remaining > 0 and (chunk := os.read(descriptor, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError as error:
        raise RDFSyntaxError(f"cannot read the file: {error.strerror}", source) from None
    finally:
        os.close(descriptor)
    if remaining <= 0:
        raise RDFSyntaxError(f"file is over the limit of {max_bytes} bytes", source)
    return rdf_format, b"".join(chunks)


def _check_content_matches_name(text: str, rdf_format: str, source: str) -> None:
    """Refuse a file whose content is plainly of another format than its name says.
    Turtle may start with '[' too: only text that parses as JSON is taken for JSON-LD."""
    start = text.lstrip("\ufeff \t\r\n")[:200]
    looks = None
    if start[:1] in ("{", "[") and _is_json(text):
        looks = "json-ld"
    elif start.startswith("<?xml") or start.startswith("<rdf:RDF"):
        looks = "xml"
    if looks and looks != rdf_format:
        raise RDFSyntaxError(f"the content looks like {FORMAT_NAMES[looks]}, but the name says "
                             f"{FORMAT_NAMES[rdf_format]}; rename the file", source, 1)


def _is_json(text: str) -> bool:
    if _json_nesting_exceeded(text):
        return False  # deep brackets: let the parser of the named format say so
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


#: What matters to the nesting of JSON: a string (skipped whole), a bracket, a line end.
_JSON_NESTING_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]\n]')


def _json_nesting_exceeded(text: str) -> tuple[int, int] | None:
    """Line and column where JSON brackets first nest deeper than MAX_NESTING, if they do
    (found without recursion, before any parser recurses into them)."""
    depth, line, line_start = 0, 1, 0
    for token in _JSON_NESTING_TOKEN.finditer(text):
        character = token.group()[0]
        if character in "{[":
            depth += 1
            if depth > MAX_NESTING:
                return line, token.start() - line_start + 1
        elif character in "}]":
            depth -= 1
        elif character == "\n":
            line, line_start = line + 1, token.end()
    return None


def _check_json_ld(text: str, source: str) -> None:
    """Refuse JSON-LD that is not JSON, nests too deeply, names a remote context, or
    holds what a JSON-LD processor would drop without a word."""
    if text.lstrip("\ufeff \t\r\n")[:1] not in ("{", "["):
        raise RDFSyntaxError("the name says JSON-LD but the content is not JSON", source, 1)
    if deep := _json_nesting_exceeded(text):
        raise RDFSyntaxError(NESTED_TOO_DEEPLY, source, *deep)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise RDFSyntaxError(f"not valid JSON: {error.msg}", source, error.lineno, error.colno) from None
    _refuse_remote_contexts(document, source)
    _JsonLdWalk(text, source).nodes(document, {}, root=True)


def _refuse_remote_contexts(document, source: str) -> None:
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


#: Keywords a JSON-LD node or value object may hold (the others live in contexts).
_OBJECT_KEYWORDS = {"@context", "@id", "@type", "@graph", "@reverse", "@included", "@index", "@nest",
                    "@value", "@language", "@direction", "@list", "@set", "@json"}


class _JsonLdWalk:
    """Walks a JSON-LD document (already checked for depth) with the context in force,
    refusing what JSON-LD processing would drop silently: named graphs, an "@id" that is
    not a string or not an IRI, keys that expand to no IRI."""

    def __init__(self, text: str, source: str):
        self.text = text
        self.source = source

    def refuse(self, message: str, written, key: bool = True) -> None:
        raise RDFSyntaxError(message, self.source, self.line_of(written, key))

    def line_of(self, written, key: bool) -> int | None:
        """The first line holding ``written`` as a JSON key (or value)."""
        needle = re.compile(re.escape(json.dumps(written, ensure_ascii=False)) + (r"\s*:" if key else ""))
        return next((number for number, line in enumerate(self.text.splitlines(), start=1)
                     if needle.search(line)), None)

    def nodes(self, value, context: dict, root: bool = False) -> None:
        if isinstance(value, list):
            for item in value:
                self.nodes(item, context)
            return
        if not isinstance(value, dict):
            return
        if "@context" in value:
            context = _with_context(context, value["@context"])
        keywords = {_keyword(key, context): key for key in value}
        if "@value" in keywords or "@json" in keywords:
            return
        if "@graph" in keywords and not (root and set(keywords) <= {"@context", "@graph"}):
            self.refuse('a named graph ("@graph" inside a node) is not accepted: '
                        'put its nodes at the top level', keywords["@graph"])
        for type_name in _strings(value.get(keywords.get("@type", "@type"))):
            scoped = context.get(type_name)
            if isinstance(scoped, dict) and "@context" in scoped:  # a type-scoped context
                context = _with_context(context, scoped["@context"])
            self.check_iri(type_name, '"@type"')
        if "@id" in keywords:
            self.check_id(value[keywords["@id"]], keywords["@id"])
        self.properties(value, keywords, context)

    def properties(self, value: dict, keywords: dict, context: dict) -> None:
        for keyword, key in keywords.items():
            item = value[key]
            if keyword in ("@graph", "@list", "@set", "@included"):
                self.nodes(item, context)
            elif keyword in ("@reverse", "@nest"):
                for nested in (item if isinstance(item, list) else [item]):
                    if isinstance(nested, dict):
                        self.properties(nested, {_keyword(k, context): k for k in nested}, context)
            elif keyword.startswith("@"):
                if keyword not in _OBJECT_KEYWORDS:
                    self.refuse(f"unknown keyword {_quoted(key)}: JSON-LD would drop it", key)
            else:
                self.property(key, item, context)

    def property(self, key: str, item, context: dict) -> None:
        definition = context.get(key)
        if key.startswith("_:"):
            self.refuse(f"property {_quoted(key)} is a blank node: a property must be an IRI", key)
        if problem := _expansion_problem(key, context):
            self.refuse(f"property {_quoted(key)} {problem}, so JSON-LD would drop it", key)
        if isinstance(definition, dict):
            if "@context" in definition:  # a property-scoped context
                context = _with_context(context, definition["@context"])
            if definition.get("@type") in ("@id", "@vocab"):
                for iri in _strings(item):
                    self.check_iri(iri, f"the value of {_quoted(key)}")
        self.nodes(item, context)

    def check_id(self, value, key: str) -> None:
        if not isinstance(value, str):
            self.refuse('"@id" must be a string', key)
        self.check_iri(value, '"@id"')

    def check_iri(self, value: str, what: str) -> None:
        if value.startswith("_:"):
            return
        if problem := iri_problem(value, absolute=False):
            self.refuse(f"{what} is {problem}", value, key=False)


def _keyword(key: str, context: dict) -> str:
    """The keyword ``key`` stands for ("id" aliased to "@id"), or ``key`` itself."""
    alias = context.get(key)
    return alias if isinstance(alias, str) and alias.startswith("@") else key


def _with_context(context: dict, local) -> dict:
    """The terms in force after an inline context (remote ones are refused earlier)."""
    merged = dict(context)
    for definitions in (local if isinstance(local, list) else [local]):
        if definitions is None:
            merged = {}
        elif isinstance(definitions, dict):
            merged.update((term, definition) for term, definition in definitions.items()
                          if term == "@vocab" or not term.startswith("@"))
    return merged


def _expansion_problem(key: str, context: dict) -> str | None:
    """Why a property key expands to no IRI, or None if it expands to one: a term mapped
    to an IRI, a prefixed name or an absolute IRI ('prefix:rest'), any word under a
    "@vocab". Blank node properties count as none (RDF has no such triples)."""
    if key in context:
        definition = context[key]
        if isinstance(definition, dict):
            definition = definition.get("@id", definition.get("@reverse", ""))
        if definition is None:
            return "is mapped to null in the context"
        if isinstance(definition, str) and definition.startswith("_:"):
            return "is mapped to a blank node: a property must be an IRI"
        if definition:
            return None
    if ":" in key:
        return None
    vocabulary = context.get("@vocab")
    if isinstance(vocabulary, str) and not vocabulary.startswith("_:"):
        return None
    return "is not a term of the context, a prefixed name or an IRI"


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _quoted(key: str) -> str:
    """A key for a message: JSON-escaped (no control character reaches the terminal), cut short."""
    quoted = json.dumps(key)
    return quoted if len(quoted) <= 60 else quoted[:56] + '…"'
