"""The one error type the core raises for bad input. Each error has a kind, which each face
turns into its own answer (the command line an exit code, the web an HTTP status), and may
carry a hint: the name of a setting the user can change to get past it, which each face
puts in its own words (a command-line flag, a URL parameter). The core never names either."""

from __future__ import annotations

#: The kinds of error, and what each means.
KINDS = {
    "usage": "the request itself is wrong (an unknown format, a bad parameter)",
    "input": "a file, query or value given cannot be read",
    "not-found": "what was asked for does not exist (a saved query, a project)",
    "refused": "the request is understood but not allowed (an update, SERVICE)",
    "timeout": "the work ran past its deadline and was stopped",
    "remote": "a SPARQL server failed or gave an answer that cannot be used",
    "invalid-data": "the project's own data cannot be used as it is",
}

#: The settings a hint may name.
HINTS = ("timeout", "max-rows", "max-bytes", "release", "format", "project", "queries")


class SpacecoopError(Exception):
    """A problem with the user's input or environment, told in plain words.

    ``source`` names the file (or endpoint, or parameter) at fault and ``line`` / ``column``
    the place in it, when known; ``kind`` is one of :data:`KINDS`; ``hint`` one of
    :data:`HINTS`, or None.
    """

    kind = "input"

    def __init__(self, message: str, source: str | None = None,
                 line: int | None = None, column: int | None = None, *, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class UsageError(SpacecoopError):
    """A request that asks for something that does not exist (a format, a parameter)."""

    kind = "usage"


class RDFSyntaxError(SpacecoopError):
    """An RDF file that cannot be parsed."""


class ProjectLayoutError(SpacecoopError):
    """The project folder lacks the ontology, data or shapes it must have."""

    kind = "not-found"
