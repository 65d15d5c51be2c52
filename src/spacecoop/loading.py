"""Find the project's files and parse them into rdflib graphs, turning parser failures
into :class:`SpacecoopError` with the file, line and column at fault."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import ProjectLayoutError, RDFSyntaxError
from .namespaces import bind_prefixes

#: File suffixes the loader reads, and the rdflib parser for each.
FORMATS_BY_SUFFIX = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".trig": "trig",
    ".nq": "nquads",
    ".jsonld": "json-ld",
}

PROJECT_FOLDERS = ("ontology", "data", "shapes")


@dataclass(frozen=True)
class ProjectFiles:
    """The RDF files of a project, each list sorted so loading is deterministic."""

    root: Path
    ontology: tuple[Path, ...]
    data: tuple[Path, ...]
    shapes: tuple[Path, ...]

    @classmethod
    def discover(cls, root: Path) -> "ProjectFiles":
        root = Path(root).resolve()
        missing = [name for name in PROJECT_FOLDERS if not (root / name).is_dir()]
        if missing:
            raise ProjectLayoutError(
                f"not a spacecoop project: missing folder(s) {', '.join(missing)}", source=str(root))

        def turtle_files(folder: str) -> tuple[Path, ...]:
            return tuple(sorted((root / folder).rglob("*.ttl")))

        return cls(root, turtle_files("ontology"), turtle_files("data"), turtle_files("shapes"))

    def all_files(self) -> tuple[Path, ...]:
        return self.ontology + self.data + self.shapes


def find_project_root(start: Path | None = None) -> Path:
    """The project folder: $SPACECOOP_PROJECT, else the nearest folder at or above ``start``
    (the working directory) holding ontology/, data/ and shapes/, else the checkout this
    package was installed from."""
    explicit = os.environ.get("SPACECOOP_PROJECT")
    if explicit:
        return Path(explicit)
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if all((folder / name).is_dir() for name in PROJECT_FOLDERS):
            return folder
    checkout = Path(__file__).resolve().parents[2]
    if all((checkout / name).is_dir() for name in PROJECT_FOLDERS):
        return checkout
    raise ProjectLayoutError(
        "no spacecoop project found here or above; pass --project DIR or set SPACECOOP_PROJECT",
        source=str(here))


def rdf_format_for(path: Path) -> str:
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS_BY_SUFFIX))
        raise RDFSyntaxError(f"unknown RDF file type {path.suffix!r} (known: {known})",
                             source=str(path)) from None


def parse_rdf_text(text: str, rdf_format: str, source: str, into: Graph | None = None) -> Graph:
    """Parse ``text`` into ``into`` (a new graph by default); raise RDFSyntaxError on failure."""
    graph = bind_prefixes(Graph()) if into is None else into
    try:
        graph.parse(data=text, format=rdf_format, publicID=Path(source).resolve().as_uri())
    except BadSyntax as error:
        line, column = _line_and_column(text, error)
        raise RDFSyntaxError(f"syntax error: {error._why}", source, line, column) from None
    except Exception as error:  # rdflib's parsers raise many unrelated types
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise RDFSyntaxError(f"cannot parse as {rdf_format}: {message}", source,
                             _line_of_quoted_text(text, message)) from None
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


def _line_and_column(text: str, error: BadSyntax) -> tuple[int, int]:
    """1-based line and column of a notation3 parser error."""
    offset = min(getattr(error, "_i", 0), len(text))
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _line_of_quoted_text(text: str, message: str) -> int | None:
    """Parsers that report a faulty line by quoting it (N-Triples): find where it is."""
    match = re.search(r"Invalid line:\s*(.+)$", message)
    if not match:
        return None
    quoted = match.group(1).strip()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() == quoted:
            return number
    return None
