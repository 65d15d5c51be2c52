"""Where a project's files are, and a fingerprint of their content (standard library only)."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectLayoutError

PROJECT_FOLDERS = ("ontology", "data", "shapes")
#: The libraries whose objects the cache pickles (graphs, parsed queries, closures).
CACHED_LIBRARIES = ("rdflib", "pyshacl", "owlrl")


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

    @property
    def data_shapes(self) -> tuple[Path, ...]:
        """The shapes about data, without the lint shapes on the ontology itself
        (files named ontology-*.ttl)."""
        return tuple(path for path in self.shapes if not path.name.startswith("ontology-"))

    @property
    def queries_folder(self) -> Path:
        return self.root / "queries"

    def fingerprint(self) -> str:
        """A digest of every ontology, data and shapes file (name and content), of this
        package's code, and of the Python and RDF libraries it runs on (their install, as
        a path and modification time: cheaper to read than their versions): any change to
        one of them gives a new fingerprint."""
        digest = hashlib.sha256(sys.version.encode("utf-8"))
        package = Path(__file__).parent
        for path in (*self.ontology, *self.data, *self.shapes, *sorted(package.glob("*.py"))):
            digest.update(str(path).encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
        for library in CACHED_LIBRARIES:
            spec = importlib.util.find_spec(library)
            origin = spec.origin if spec and spec.origin else ""
            modified = os.stat(origin).st_mtime_ns if origin else 0
            digest.update(f"{library}\0{origin}\0{modified}\0".encode("utf-8"))
        return digest.hexdigest()


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
