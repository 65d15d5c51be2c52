"""What a SPARQL query's text says, read without parsing it: its form (SELECT, ASK,
CONSTRUCT, DESCRIBE, or an update), whether it names SERVICE or FROM, and its LIMIT and
OFFSET numbers. Standard library only, so checking a query costs no engine import.

The text is cut into tokens the way SPARQL's lexer does: strings, IRIs, comments, variables,
prefixed names and language tags are set apart, and what remains are bare words (keywords
and function names). SPARQL applies ``\\u`` escapes to the whole text before parsing it
(section 19.2), so every check reads both the text as written and the text unescaped, and
refuses if either view shows a keyword: reading a string's end in the wrong place can only
make a check stricter, never let a keyword through.
"""

from __future__ import annotations

import re
import sys

from .errors import SpacecoopError

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_WORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                          "WITH"})
#: Words that make an engine read from elsewhere: another server, or a graph by its IRI.
OUTSIDE_WORDS = frozenset({"SERVICE", "FROM"})
#: The largest LIMIT or OFFSET an engine counts to; no graph has more rows.
MAX_SLICE = sys.maxsize

_TOKEN = re.compile(r"""
      (?P<space>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<variable>[?$][^\s(){}\[\],;.'"<>=!|&+*/^-]*)
    | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<name>[^\s(){}\[\],;'"<>=!|&+*/^?$\#@]+)
    | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NUMBER = re.compile(r"[0-9]+")


def unescaped(text: str) -> str:
    """``text`` with SPARQL's codepoint escapes (``\\u0041``, ``\\U00000041``) replaced."""
    def character(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else match.group(0)
    return _ESCAPE.sub(character, text)


def words(text: str) -> list[tuple[str, int, int]]:
    """The bare words of ``text`` (not in a string, IRI or comment, not a variable, prefixed
    name or language tag), upper-cased, with where each starts and ends. A trailing ``.`` is
    not part of a word (``?s ?p ?o.``), and a name with a colon is a prefixed name."""
    found = []
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "name":
            continue
        word = match.group().rstrip(".")
        if ":" in word or not word:
            continue
        found.append((word.upper(), match.start(), match.start() + len(word)))
    return found


def form(text: str) -> str | None:
    """The first query form or update word of ``text`` (SELECT … or INSERT …), or None."""
    for word, _, _ in words(text):
        if word in QUERY_FORMS or word in UPDATE_WORDS:
            return word
    return None


def outside_word(text: str) -> str | None:
    """SERVICE or FROM if ``text`` (as written or unescaped) uses one as a keyword."""
    for view in (text, unescaped(text)):
        for word, _, _ in words(view):
            if word in OUTSIDE_WORDS:
                return word
    return None


def update_word(text: str) -> str | None:
    """The update word ``text`` starts with (as written or unescaped), if any."""
    for view in (text, unescaped(text)):
        first = form(view)
        if first in UPDATE_WORDS:
            return first
    return None


def capped_slices(text: str) -> str:
    """``text`` with any LIMIT or OFFSET above :data:`MAX_SLICE` brought down to it (the
    answer is the same: no graph has that many rows; engines refuse larger numbers)."""
    pieces, position = [], 0
    for word, _, end in words(text):
        if word not in ("LIMIT", "OFFSET"):
            continue
        number = _NUMBER.match(text, _next_token_start(text, end))
        if number and int(number.group()) > MAX_SLICE:
            pieces += [text[position:number.start()], str(MAX_SLICE)]
            position = number.end()
    return "".join(pieces) + text[position:]


def with_values(text: str, bindings: dict[str, str], source: str = "query") -> str:
    """``text`` with a VALUES block binding each variable of ``bindings`` to its term (in
    N-Triples syntax) at the start of the query's WHERE group: at the top level, so it gives
    the rows of the query run with those variables bound."""
    if not bindings:
        return text
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(bindings.values())
    position = _where_group_start(text)
    if position is None:
        raise SpacecoopError("cannot find the query's WHERE group to bind parameters in", source)
    return f"{text[:position]} VALUES ({names}) {{ ({terms}) }} {text[position:]}"


def _where_group_start(text: str) -> int | None:
    """Where the query's WHERE group opens (just after its "{"): the group after the WHERE
    keyword, or without that keyword the first top-level group."""
    depth, seen_where, first_group = 0, False, None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if match.lastgroup == "name" and depth == 0 and token.upper() == "WHERE":
            seen_where = True
        elif token == "{":
            if depth == 0 and seen_where:
                return match.end()
            if depth == 0 and first_group is None:
                first_group = match.end()
            depth += 1
        elif token == "}":
            depth -= 1
    return first_group


def _next_token_start(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position
