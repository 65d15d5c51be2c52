"""Checks on the terms of triples that SHACL does not make (and that Apache Jena's parser
does): every literal is in the lexical space of its XSD 1.1 datatype, every language tag is
well formed (BCP 47, RFC 5646), and no literal or IRI holds a control character or a lone
surrogate.

Turtle is read with each literal as written (see ``loading``). The other formats' parsers
rewrite the lexical form of a literal whose value they can read (``"01"^^xsd:integer``
becomes ``"1"``): for those, what is checked is the form rdflib kept, together with its own
verdict (``Literal.ill_typed``) on a form it rewrote."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD, NamespaceManager

from .display import escaped
from .namespaces import SCSH
from .store.terms import triple_to_rdflib
from .validation import ValidationResult, in_report_order

COMPONENT = SCSH.TermConstraintComponent
UNUSABLE_DATATYPE = "not a datatype RDF can use"
#: How much of a faulty text a message quotes.
QUOTED_CHARS = 60

# ------------------------------------------------------------------ control characters

#: C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates.
_FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _quoted(text: str) -> str:
    """``text`` fit to quote in a message: escaped (see :func:`display.escaped`) and cut short."""
    return escaped(text, limit=QUOTED_CHARS)


def _character_problem(text: str) -> str | None:
    match = _FORBIDDEN_CHARACTER.search(text)
    if match is None:
        return None
    code = ord(match[0])
    what = "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "the control character"
    return f"{what} U+{code:04X}"


# ------------------------------------------------------------------ language tags (RFC 5646)

_ALNUM = "[a-z0-9]"
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language, with up to 3 extlangs
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wyz](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE_USE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn|"
    "i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn|"
    "zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
_LANGUAGE_TAG = re.compile(f"(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})", re.IGNORECASE)


def well_formed_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (the syntax of RFC 5646)."""
    return _LANGUAGE_TAG.fullmatch(tag) is not None


# ------------------------------------------------------------------ XSD lexical spaces

_YEAR = r"(?P<year>-?(?:[1-9][0-9]{3,}|0[0-9]{3}))"
_MONTH = r"(?P<month>[0-9]{2})"
_DAY = r"(?P<day>[0-9]{2})"
_TIME = r"(?P<time>(?P<hour>[0-9]{2}):(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?P<fraction>\.[0-9]+)?)"
_ZONE = r"(?P<zone>Z|[+-](?P<zone_hour>[0-9]{2}):(?P<zone_minute>[0-9]{2}))"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_FLOAT = rf"{_DECIMAL}(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN"
_DAY_TIME_DURATION = r"(?:[0-9]+D)?(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?"
_NAME_START = ("A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
               "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_NAME_CHAR = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_B64 = "[A-Za-z0-9+/]"

#: The XSD 1.1 datatypes RDF can use, each with the regular expression of its lexical space.
_LEXICAL_SPACES: dict[str, str] = {
    "string": r"(?s:.*)",
    "normalizedString": r"[^\t\n\r]*",
    "token": r"(?:[^\t\n\r ]+(?: [^\t\n\r ]+)*)?",
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",
    "Name": rf"[:{_NAME_START}][:{_NAME_CHAR}]*",
    "NCName": rf"[{_NAME_START}][{_NAME_CHAR}]*",
    "NMTOKEN": rf"[:{_NAME_CHAR}]+",
    "anyURI": r"(?s:.*)",
    "boolean": r"true|false|1|0",
    "decimal": _DECIMAL,
    "integer": r"[+-]?[0-9]+",
    "float": _FLOAT,
    "double": _FLOAT,
    "duration": rf"-?P(?=[0-9T])(?:[0-9]+Y)?(?:[0-9]+M)?{_DAY_TIME_DURATION}",
    "yearMonthDuration": r"-?P(?=[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?",
    "dayTimeDuration": rf"-?P(?=[0-9T]){_DAY_TIME_DURATION}",
    "dateTime": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_ZONE}?",
    "dateTimeStamp": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_ZONE}",
    "date": rf"{_YEAR}-{_MONTH}-{_DAY}{_ZONE}?",
    "time": rf"{_TIME}{_ZONE}?",
    "gYear": rf"{_YEAR}{_ZONE}?",
    "gYearMonth": rf"{_YEAR}-{_MONTH}{_ZONE}?",
    "gMonth": rf"--{_MONTH}{_ZONE}?",
    "gMonthDay": rf"--{_MONTH}-{_DAY}{_ZONE}?",
    "gDay": rf"---{_DAY}{_ZONE}?",
    "hexBinary": r"(?:[0-9a-fA-F]{2})*",
    "base64Binary": (rf"(?:(?:{_B64} ?){{4}})*(?:(?:{_B64} ?){{3}}{_B64}"
                     rf"|(?:{_B64} ?){{2}}[AEIMQUYcgkosw048] ?="
                     rf"|{_B64} ?[AQgw] ?= ?=)?"),
}
#: Integer types: the range of their values (None where unbounded).
_INTEGER_RANGES: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None),
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1),
    "short": (-2**15, 2**15 - 1), "byte": (-2**7, 2**7 - 1),
    "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 2**8 - 1),
}
#: What a valid form looks like, for the messages.
_EXPECTED_FORMS = {
    "date": "write YYYY-MM-DD", "gYear": "write YYYY", "gYearMonth": "write YYYY-MM",
    "dateTime": "write YYYY-MM-DDThh:mm:ss", "time": "write hh:mm:ss", "boolean": "write true or false",
    "decimal": "write digits with at most one '.', such as 12.5", "duration": "write it like P2Y or P1DT12H",
    **{name: "write a number such as 1.5E3, or INF, -INF, NaN" for name in ("float", "double")},
    **{name: "write a whole number in digits" for name in _INTEGER_RANGES},
}
_PATTERNS = {name: re.compile(pattern) for name, pattern in _LEXICAL_SPACES.items()}
_PATTERNS.update({name: _PATTERNS["integer"] for name in _INTEGER_RANGES})


def lexical_problem(lexical: str, datatype: URIRef) -> str | None:
    """Why ``lexical`` is not in the lexical space of ``datatype`` (an XSD datatype), or None
    if it is, or if ``datatype`` is not an XSD datatype."""
    if not str(datatype).startswith(str(XSD)):
        return None
    name = str(datatype)[len(str(XSD)):]
    pattern = _PATTERNS.get(name)
    if pattern is None:
        return UNUSABLE_DATATYPE
    match = pattern.fullmatch(lexical)
    if match is None:
        return _EXPECTED_FORMS.get(name, "")
    if name in _INTEGER_RANGES:
        return _range_problem(int(lexical), *_INTEGER_RANGES[name])
    return _calendar_problem(match)


def _range_problem(value: int, low: int | None, high: int | None) -> str | None:
    if low is not None and value < low:
        return f"below {low}"
    if high is not None and value > high:
        return f"above {high}"
    return None


def _calendar_problem(match: re.Match) -> str | None:
    """Range checks of the date and time parts a pattern matched."""
    parts = match.groupdict()
    month = int(parts["month"]) if parts.get("month") else None
    if month is not None and not 1 <= month <= 12:
        return f"month {parts['month']}"
    if parts.get("day"):
        day, last = int(parts["day"]), 31
        if month is not None:  # without a year (a gMonthDay), 29 February is valid
            leap = calendar.isleap(int(parts["year"])) if parts.get("year") else True
            last = calendar.monthrange(2000 if leap else 2001, month)[1]
        if not 1 <= day <= last:
            return f"day {parts['day']}" + (f" of month {parts['month']}" if month is not None else "")
    if parts.get("time"):
        hour, minute, second = int(parts["hour"]), int(parts["minute"]), int(parts["second"])
        end_of_day = (hour, minute, second) == (24, 0, 0) and set((parts["fraction"] or ".")[1:]) <= {"0"}
        if not (hour <= 23 or end_of_day):
            return f"hour {parts['hour']}"
        if minute > 59:
            return f"minute {parts['minute']}"
        if second > 59:
            return f"second {parts['second']}"
    if parts.get("zone_hour"):
        zone_hour, zone_minute = int(parts["zone_hour"]), int(parts["zone_minute"])
        if zone_minute > 59 or zone_hour * 60 + zone_minute > 14 * 60:
            return f"time zone {parts['zone']}, beyond ±14:00"
    return None


# ------------------------------------------------------------------ results

def _literal_problems(literal: Literal, short: Callable[[URIRef], str]):
    """(shape, message) for each thing wrong with ``literal``."""
    text = str(literal)
    characters = _character_problem(text)
    if characters:
        yield SCSH.NoControlCharacter, (f'the text "{_quoted(text)}" holds {characters}: '
                                        "remove it (write line breaks and tabs as they are)")
    if literal.language is not None and not well_formed_language_tag(literal.language):
        yield SCSH.WellFormedLanguageTag, (f'"{_quoted(literal.language)}" is not a well-formed '
                                           "language tag (BCP 47, such as en, en-GB, ja-Latn)")
    if literal.datatype is None:
        return
    if literal.datatype == RDF.langString:
        if literal.language is None:
            yield SCSH.WellFormedLiteral, f'"{_quoted(text)}" is an rdf:langString without a language tag'
        return
    datatype = short(literal.datatype)
    reason = lexical_problem(text, literal.datatype)
    if reason == UNUSABLE_DATATYPE:
        message = f"{datatype} is not an XSD datatype RDF can use (write xsd:string, xsd:date, …)"
    elif reason is not None:
        message = f'"{_quoted(text)}" is not a valid {datatype}' + (f" ({reason})" if reason else "")
    elif literal.ill_typed and literal.value is not None:  # rdflib rewrote a wrong form it read
        message = f'an {datatype} literal is not well formed (rdflib read it as "{_quoted(text)}")'
    else:
        return
    yield SCSH.WellFormedLiteral, message


def term_results(graph: Graph) -> list[ValidationResult]:
    """A violation for each ill-formed literal, language tag, and literal or IRI holding a
    control character or a lone surrogate, in ``graph``; the focus is the subject of the
    triple, the path its predicate and the value the faulty term."""
    return _results(graph, graph.namespace_manager)


#: C0 controls but tab, line feed and carriage return, DEL and C1 controls, as a SPARQL
#: regular expression (a store holds no lone surrogate: its strings are UTF-8).
_SPARQL_FORBIDDEN = "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]"

#: The triples of a store that can hold a faulty term: typed literals but xsd:string ones
#: (their lexical forms are checked), language-tagged literals (their tags), and any term
#: holding a forbidden character.
_SUSPECT_TRIPLES = f"""
SELECT ?s ?p ?o WHERE {{
    ?s ?p ?o .
    FILTER ((isLITERAL(?o) && LANG(?o) = "" && DATATYPE(?o) != <{XSD.string}>)
            || LANG(?o) != ""
            || REGEX(STR(?o), "{_SPARQL_FORBIDDEN}") || REGEX(STR(?s), "{_SPARQL_FORBIDDEN}")
            || REGEX(STR(?p), "{_SPARQL_FORBIDDEN}"))
}}"""


def store_term_results(store: ox.Store, graphs: Sequence[ox.NamedNode],
                       namespaces: NamespaceManager) -> list[ValidationResult]:
    """:func:`term_results` for the union of ``graphs`` of ``store``, reading only the
    triples that can hold a faulty term (the store keeps an ill-typed literal as written).
    ``namespaces`` names terms in the messages."""
    rows = store.query(_SUSPECT_TRIPLES, default_graph=list(graphs))
    return _results((triple_to_rdflib(ox.Triple(row["s"], row["p"], row["o"])) for row in rows), namespaces)


def _results(triples: Iterable[tuple], namespaces: NamespaceManager) -> list[ValidationResult]:
    def short(term: URIRef) -> str:
        return namespaces.normalizeUri(term) if not _character_problem(str(term)) \
            else f"<{_quoted(str(term))}>"

    def result(triple, value, shape, message) -> ValidationResult:
        return ValidationResult(focus=triple[0], path=triple[1], value=value, component=COMPONENT,
                                severity=SH.Violation, shape=shape, message=message)

    found, reported_iris = [], set()
    for triple in triples:
        for term in triple:
            if isinstance(term, URIRef) and term not in reported_iris:
                characters = _character_problem(str(term))
                if characters:
                    reported_iris.add(term)
                    found.append(result(triple, term, SCSH.NoControlCharacter,
                                        f"the IRI <{_quoted(str(term))}> holds {characters}"))
        if isinstance(triple[2], Literal):
            for shape, message in _literal_problems(triple[2], short):
                found.append(result(triple, triple[2], shape, message))
    return in_report_order(found)
