"""How text from elsewhere (data, files, queries, servers) is shown: control characters,
marks that reorder lines and lone surrogates escaped, so that a terminal never receives an
escape sequence and printing never fails to encode; URLs without their credentials.

Standard library only: the command line prints cached answers through it without rdflib.
"""

from __future__ import annotations

import re

#: C0 and C1 controls, DEL, the invisible marks that reorder or break lines on a terminal,
#: and lone surrogates (which UTF-8 cannot encode).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


def escaped(text: str, keep: str = "", limit: int | None = None) -> str:
    """``text`` with every unprintable character but those in ``keep`` (newlines, tabs where
    they are structure) written as ``\\u`` and four hex digits (the escape of JSON, Turtle and N-Triples
    strings too), and cut at ``limit`` characters if given."""
    text = _UNPRINTABLE.sub(lambda match: match.group() if match.group() in keep else _escape(match), text)
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


def has_unprintable(text: str) -> bool:
    return _UNPRINTABLE.search(text) is not None


def encodable(text: str) -> str:
    """``text`` with only its lone surrogates escaped: what UTF-8 can encode."""
    return _SURROGATES.sub(_escape, text)


def without_credentials(url: str) -> str:
    """``url`` without anything between its scheme and its last "@" (user:password@, however
    mangled), so that no part of a password is ever shown."""
    return re.sub(r"^([A-Za-z][A-Za-z0-9+.-]*://)?.*@", r"\1", url, flags=re.DOTALL)


def short(term, namespaces) -> str:
    """``term`` as people read it, on one line: a prefixed name (by ``namespaces``, an rdflib
    namespace manager), a literal's text in quotes, or "-" for none."""
    if term is None:
        return "-"
    if type(term).__name__ == "Literal":
        return escaped(f'"{term}"')
    return escaped(namespaces.normalizeUri(term))
