"""The catalogue of saved queries: one ``.rq`` file per question, with its metadata in a
header of ``#+ key: value`` comment lines, and typed parameters bound as RDF terms.

    #+ title: Meetings a person took part in
    #+ description: Each meeting, its date and place, and the post the person held there.
    #+ tags: meetings, people
    #+ reasoning: off
    #+ param person: iri = person:jean-yves-le-gall | The person, as a prefixed name or full IRI

The body is plain SPARQL 1.1; a parameter is the variable of the same name (``?person``),
bound to a typed term before evaluation and never pasted into the text. An optional parameter
has its type followed by "?" and no default (``#+ param object: iri? | The object, or any``):
when it is not given, its variable is left unbound and matches anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from .errors import SpacecoopError
from .namespaces import expand_iri
from .project import decoded, read_regular_file


class ParameterError(SpacecoopError):
    """A parameter that is unknown, missing or of the wrong type."""

    kind = "usage"


class UnknownQueryError(SpacecoopError):
    """No saved query has that name."""

    kind = "not-found"


def _typed(datatype: URIRef, pattern: str, example: str, check=None):
    """A converter to a literal of ``datatype``, checking the text first (rdflib logs a
    traceback when it meets an ill-typed literal)."""
    def convert(value: str) -> Literal:
        text = value.strip()
        try:
            if not re.fullmatch(pattern, text) or (check and not check(text)):
                raise ValueError
        except ValueError:
            raise ValueError(f"not a valid xsd:{datatype.removeprefix(str(XSD))} (for example {example})") from None
        return Literal(text, datatype=datatype)
    return convert


#: Parameter type name → function turning the user's text into an RDF term.
PARAMETER_TYPES = {
    "iri": expand_iri,
    "date": _typed(XSD.date, r"\d{4}-\d{2}-\d{2}", "2021-02-25", check=date.fromisoformat),
    "year": _typed(XSD.gYear, r"-?\d{4,}", "2021"),
    "integer": _typed(XSD.integer, r"[+-]?\d+", "42"),
    "string": lambda value: Literal(value),
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str
    optional: bool = False

    def convert(self, value: str, query_name: str):
        try:
            return PARAMETER_TYPES[self.type](value)
        except ValueError as error:
            raise ParameterError(f"{self.name}={value!r}: {error}", source=query_name) from None


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    title: str
    description: str
    text: str
    tags: tuple[str, ...] = ()
    reasoning: bool = False
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)

    @cached_property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE (read once: a server asks at every request);
        a SpacecoopError for a file that holds no query."""
        from .safety import query_form
        return query_form(self.text, self.name)

    def bindings(self, values: dict[str, str]) -> dict[str, object]:
        """Typed terms for every parameter: the given values, else the defaults."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(values) - set(known))
        if unknown:
            accepted = ", ".join(known) or "none"
            raise ParameterError(f"unknown parameter(s) {', '.join(unknown)} (accepted: {accepted})",
                                 source=self.name)
        bound = {}
        for parameter in self.parameters:
            value = values.get(parameter.name, parameter.default)
            if value is None and parameter.optional:
                continue
            if value is None:
                raise ParameterError(f"parameter {parameter.name} is required ({parameter.description})",
                                     source=self.name)
            bound[parameter.name] = parameter.convert(value, self.name)
        return bound


_HEADER = re.compile(r"^#\+\s*(?P<key>param\s+\w+|\w+)\s*:\s*(?P<value>.*)$")
_PARAMETER = re.compile(r"^(?P<type>\w+)(?P<optional>\?)?\s*(?:=\s*(?P<default>[^|]*?))?\s*(?:\|\s*(?P<description>.*))?$")


def parse_saved_query(path: Path) -> SavedQuery:
    """Read one ``.rq`` file; header errors name the file and line."""
    text = decoded(read_regular_file(path), str(path))
    meta: dict[str, str] = {}
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.match(line)
        if not match:
            continue
        key, value = match["key"], match["value"].strip()
        if key.startswith("param"):
            name = key.split()[1]
            spec = _PARAMETER.match(value)
            if not spec or spec["type"] not in PARAMETER_TYPES:
                raise SpacecoopError(f"parameter {name}: expected 'TYPE = DEFAULT | description' or "
                                     f"'TYPE? | description' with TYPE one of {', '.join(PARAMETER_TYPES)}",
                                     str(path), number)
            if spec["optional"] and spec["default"]:
                raise SpacecoopError(f"parameter {name}: an optional parameter (TYPE?) has no default",
                                     str(path), number)
            parameters.append(Parameter(name, spec["type"], spec["default"] or None,
                                        (spec["description"] or "").strip(), optional=bool(spec["optional"])))
        else:
            meta[key] = value
    for required in ("title", "description"):
        if not meta.get(required):
            raise SpacecoopError(f"saved query has no '#+ {required}:' line", str(path))
    reasoning = meta.get("reasoning", "off")
    if reasoning not in ("on", "off"):
        raise SpacecoopError("'#+ reasoning:' must be on or off", str(path))
    return SavedQuery(
        name=path.stem, path=path, title=meta["title"], description=meta["description"], text=text,
        tags=tuple(tag.strip() for tag in meta.get("tags", "").split(",") if tag.strip()),
        reasoning=reasoning == "on", parameters=tuple(parameters))


def load_catalogue(folder: Path) -> dict[str, SavedQuery]:
    """Every saved query in ``folder``, by name, in name order."""
    return {path.stem: parse_saved_query(path) for path in sorted(Path(folder).glob("*.rq"))}


def find_query(catalogue: dict[str, SavedQuery], name: str) -> SavedQuery:
    try:
        return catalogue[name]
    except KeyError:
        close = [known for known in catalogue if name in known or known in name]
        if close:
            raise UnknownQueryError(f"no saved query named {name!r}; did you mean {', '.join(close)}?") from None
        raise UnknownQueryError(f"no saved query named {name!r}", hint="queries") from None
