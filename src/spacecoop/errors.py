"""The one error type the core raises for bad input; the faces print it as ``file:line: message``."""

from __future__ import annotations


class SpacecoopError(Exception):
    """A problem with the user's input or environment, told in plain words.

    ``source`` names the file (or endpoint, or option) at fault and ``line`` / ``column``
    the place in it, when known. ``exit_code`` follows the command line's convention:
    1 for data that does not conform, 2 for usage, parse and connection errors.
    """

    exit_code = 2

    def __init__(self, message: str, source: str | None = None,
                 line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.source or ""
        if where and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class RDFSyntaxError(SpacecoopError):
    """An RDF file that cannot be parsed."""


class ProjectLayoutError(SpacecoopError):
    """The project folder lacks the ontology, data or shapes it must have."""
